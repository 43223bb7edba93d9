/*
 * qr_mask.c - chooses the data mask of a QR symbol as libqrencode does, in
 * a fraction of its time.
 *
 * libqrencode tries the eight masks of ISO/IEC 18004 and keeps the first
 * with the lowest penalty. Its scoring walks every module of every row and
 * column once per mask, with a data-dependent branch at each; for the
 * symbols we make (version 7-12) that is three quarters of an encoding.
 * Here each row and column of the symbol is a bit string and the penalty
 * rules are counted with word operations; the choice, and so the symbol, is
 * the one libqrencode makes (tests/test_qr_mask.c compares the two on
 * about two thousand payloads of every level and version).
 *
 * The score of a mask, as libqrencode counts it:
 *  - N1: each run of 5 or more modules of one colour in a row or column:
 *    3 + (length - 5);
 *  - N2: each 2x2 block of one colour (blocks overlap): 3;
 *  - N3: each dark-light-dark-light-dark run sequence of widths f, f, 3f,
 *    f, f (the runs exactly so long) in a row or column with, on at least
 *    one side, 4f light modules or only light modules up to the edge: 40;
 *  - N4: with p the dark share of all modules in percent, rounded half up,
 *    10 * (|p - 50| div 5).
 *
 * A line is held in 3 64-bit words, module k at bit k + VQR_QR_LINE_OFF;
 * the bits outside the symbol are 0 (light), which is what the edge rules
 * of N3 ask for.
 */
#include "qr_mask.h"

#include "qr_mask_tables.h"

#include <stdlib.h>

#define VQR_QR_LINE_OFF 4 /* must match scripts/gen_qr_masks.py */
#define WIDTH_MAX 177

typedef struct line {
    uint64_t w0, w1, w2;
} line;

static inline line l_make(const uint64_t *p)
{
    line r = { p[0], p[1], p[2] };
    return r;
}

static inline line l_and(line a, line b)
{
    line r = { a.w0 & b.w0, a.w1 & b.w1, a.w2 & b.w2 };
    return r;
}

static inline line l_or(line a, line b)
{
    line r = { a.w0 | b.w0, a.w1 | b.w1, a.w2 | b.w2 };
    return r;
}

static inline line l_xor(line a, line b)
{
    line r = { a.w0 ^ b.w0, a.w1 ^ b.w1, a.w2 ^ b.w2 };
    return r;
}

static inline line l_not(line a)
{
    line r = { ~a.w0, ~a.w1, ~a.w2 };
    return r;
}

/* Bit k of the result is bit k + s of `a` (1 <= s <= 63). */
static inline line l_next(line a, unsigned s)
{
    line r = { a.w0 >> s | a.w1 << (64u - s), a.w1 >> s | a.w2 << (64u - s), a.w2 >> s };
    return r;
}

/* Bit k of the result is bit k - s of `a` (1 <= s <= 63). */
static inline line l_prev(line a, unsigned s)
{
    line r = { a.w0 << s, a.w1 << s | a.w0 >> (64u - s), a.w2 << s | a.w1 >> (64u - s) };
    return r;
}

static inline bool l_any(line a)
{
    return (a.w0 | a.w1 | a.w2) != 0;
}

/* Line k of an array of lines. */
static inline uint64_t *line_at(uint64_t *a, int k)
{
    return a + (size_t)k * 3u;
}

static inline const uint64_t *cline_at(const uint64_t *a, int k)
{
    return a + (size_t)k * 3u;
}

static inline unsigned pop64(uint64_t v)
{
#if defined(__POPCNT__) && (defined(__GNUC__) || defined(__clang__))
    return (unsigned)__builtin_popcountll(v);
#else
    v = v - ((v >> 1) & 0x5555555555555555u);
    v = (v & 0x3333333333333333u) + ((v >> 2) & 0x3333333333333333u);
    v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (unsigned)((v * 0x0101010101010101u) >> 56);
#endif
}

static inline unsigned l_pop(line a)
{
    return pop64(a.w0) + pop64(a.w1) + pop64(a.w2);
}

/* Bits `from` .. `to` - 1 of a line (module positions, before the offset). */
static line l_range(int from, int to)
{
    uint64_t w[3] = { 0, 0, 0 };
    for (int k = from; k < to; k++) {
        w[(unsigned)(k + VQR_QR_LINE_OFF) / 64u] |= (uint64_t)1
                                                    << ((unsigned)(k + VQR_QR_LINE_OFF) % 64u);
    }
    return l_make(w);
}

static inline bool l_bit(const uint64_t *p, int k)
{
    unsigned b = (unsigned)(k + VQR_QR_LINE_OFF);
    return (p[b / 64u] >> (b % 64u)) & 1u;
}

static inline void l_set(uint64_t *p, int k)
{
    unsigned b = (unsigned)(k + VQR_QR_LINE_OFF);
    p[b / 64u] |= (uint64_t)1 << (b % 64u);
}

static inline void l_clear(uint64_t *p, int k)
{
    unsigned b = (unsigned)(k + VQR_QR_LINE_OFF);
    p[b / 64u] &= ~((uint64_t)1 << (b % 64u));
}

/* The 15-bit format information of a level (ISO indicator bits: L 01,
 * M 00, Q 11, H 10) and mask: BCH(15,5) with generator 0x537, then XOR
 * 0x5412. */
static unsigned format_bits(int level, int mask)
{
    static const unsigned indicator[4] = { 1u, 0u, 3u, 2u }; /* L, M, Q, H */
    unsigned data = indicator[level] << 3 | (unsigned)mask;
    unsigned rem = data << 10;
    for (int b = 14; b >= 10; b--) {
        if (rem & (1u << b)) {
            rem ^= 0x537u << (b - 10);
        }
    }
    return ((data << 10) | rem) ^ 0x5412u;
}

/* Where bit `i` (0 = least significant) of the format information goes:
 * two modules. */
typedef struct fmt_pos {
    int x[2], y[2];
} fmt_pos;

static void format_positions(int w, fmt_pos pos[15])
{
    for (int i = 0; i < 8; i++) {
        pos[i].x[0] = w - 1 - i;
        pos[i].y[0] = 8;
        pos[i].x[1] = 8;
        pos[i].y[1] = i < 6 ? i : i + 1;
    }
    for (int i = 0; i < 7; i++) {
        pos[8 + i].x[0] = 8;
        pos[8 + i].y[0] = w - 7 + i;
        pos[8 + i].x[1] = i == 0 ? 7 : 6 - i;
        pos[8 + i].y[1] = 8;
    }
}

/* N3 for f >= 3 on one line, run by run (rare: see line_score). */
static unsigned n3_wide(const uint64_t *bits, int w)
{
    int run[WIDTH_MAX + 1];
    int n = 0;
    bool dark = l_bit(bits, 0);
    if (dark) {
        run[n++] = -1; /* the runs alternate light, dark from index 0 */
    }
    run[n] = 1;
    for (int k = 1; k < w; k++) {
        bool d = l_bit(bits, k);
        if (d != dark) {
            run[++n] = 1;
            dark = d;
        } else {
            run[n]++;
        }
    }
    n++;
    unsigned score = 0;
    for (int i = 3; i < n - 2; i += 2) {
        int f = run[i] / 3;
        if (f < 3 || run[i] % 3 != 0 || run[i - 2] != f || run[i - 1] != f || run[i + 1] != f ||
            run[i + 2] != f) {
            continue;
        }
        if (i == 3 || run[i - 3] >= 4 * f || i + 4 >= n || run[i + 3] >= 4 * f) {
            score += 40;
        }
    }
    return score;
}

/* Bit k set when modules k + s .. k + s + n - 1 are all dark. */
static inline line dark_from(line b, unsigned s, unsigned n)
{
    line r = s ? l_next(b, s) : b;
    for (unsigned i = 1; i < n; i++) {
        r = l_and(r, l_next(b, s + i));
    }
    return r;
}

/* Bit k set when modules k + s .. k + s + n - 1 are all light (the bits
 * shifted in from outside the symbol are 0: light, as the rules want). */
static inline line light_from(line b, unsigned s, unsigned n)
{
    line r = l_next(b, s);
    for (unsigned i = 1; i < n; i++) {
        r = l_or(r, l_next(b, s + i));
    }
    return l_not(r);
}

/* Bit k set when the n modules before k are all light. */
static inline line light_before(line b, unsigned n)
{
    line r = l_prev(b, 1);
    for (unsigned i = 2; i <= n; i++) {
        r = l_or(r, l_prev(b, i));
    }
    return l_not(r);
}

/* N3 patterns of width f (1 or 2) starting at each k: dark f, light f,
 * dark 3f, light f, dark f, the outer runs ending there (light before k
 * and after the pattern), and 4f light modules before or after it. */
static inline line finder_like(line b, unsigned f)
{
    line c = l_and(dark_from(b, 0, f), light_from(b, f, f));
    c = l_and(c, l_and(dark_from(b, 2 * f, 3 * f), light_from(b, 5 * f, f)));
    c = l_and(c, l_and(dark_from(b, 6 * f, f), l_and(light_before(b, 1), light_from(b, 7 * f, 1))));
    return l_and(c, l_or(light_before(b, 4 * f), light_from(b, 7 * f, 4 * f)));
}

/* N1 + N3 of one row or column. `v5`: the modules where a run of 5 can
 * start (0 .. w - 5). */
static unsigned line_score(const uint64_t *p, int w, line v5)
{
    line b = l_make(p);
    /* N1: e[k] when module k equals k + 1; r[k] when k .. k + 4 are equal. A
     * run of n >= 5 sets n - 4 bits of r, one of them a start: n - 2. */
    line e = l_not(l_xor(b, l_next(b, 1)));
    line r = l_and(l_and(l_and(e, l_next(e, 1)), l_and(l_next(e, 2), l_next(e, 3))), v5);
    unsigned score = l_pop(r) + 2u * l_pop(l_and(r, l_not(l_prev(r, 1))));

    /* N3 with f = 1 and 2 here; f >= 3 needs 3 light modules, then 9 dark
     * ones or more (rare: no finder pattern has them), and only then are the
     * line's runs walked. */
    score += 40u * (l_pop(finder_like(b, 1)) + l_pop(finder_like(b, 2)));
    if (l_any(l_and(light_before(b, 3), dark_from(b, 0, 9)))) {
        score += n3_wide(p, w);
    }
    return score;
}

/* The same in one word, for the symbols whose lines fit in one (width +
 * VQR_QR_LINE_OFF <= 64: version 10 and below, the usual payment code):
 * the words above are 0, and every count above is of bits that are dark
 * in the line, so none of them lies in those words. */
static inline uint64_t w_dark_from(uint64_t b, unsigned s, unsigned n)
{
    uint64_t r = b >> s;
    for (unsigned i = 1; i < n; i++) {
        r &= b >> (s + i);
    }
    return r;
}

static inline uint64_t w_light_from(uint64_t b, unsigned s, unsigned n)
{
    uint64_t r = b >> s;
    for (unsigned i = 1; i < n; i++) {
        r |= b >> (s + i);
    }
    return ~r;
}

static inline uint64_t w_light_before(uint64_t b, unsigned n)
{
    uint64_t r = b << 1;
    for (unsigned i = 2; i <= n; i++) {
        r |= b << i;
    }
    return ~r;
}

static inline uint64_t w_finder_like(uint64_t b, unsigned f)
{
    uint64_t c = w_dark_from(b, 0, f) & w_light_from(b, f, f);
    c &= w_dark_from(b, 2 * f, 3 * f) & w_light_from(b, 5 * f, f);
    c &= w_dark_from(b, 6 * f, f) & w_light_before(b, 1) & w_light_from(b, 7 * f, 1);
    return c & (w_light_before(b, 4 * f) | w_light_from(b, 7 * f, 4 * f));
}

static unsigned line_score1(const uint64_t *p, int w, uint64_t v5)
{
    uint64_t b = p[0];
    uint64_t e = ~(b ^ (b >> 1));
    uint64_t r = e & (e >> 1) & (e >> 2) & (e >> 3) & v5;
    unsigned score = pop64(r) + 2u * pop64(r & ~(r << 1));
    score += 40u * (pop64(w_finder_like(b, 1)) + pop64(w_finder_like(b, 2)));
    if (w_light_before(b, 3) & w_dark_from(b, 0, 9)) {
        score += n3_wide(p, w);
    }
    return score;
}

unsigned vqr_qr_mask_line_score(const uint64_t *line3, int width)
{
    return line_score(line3, width, l_range(0, width - 4));
}

size_t vqr_qr_mask_work_size(int width)
{
    return (size_t)width * 6u * 3u * sizeof(uint64_t);
}

/* The symbol with mask `m`: rows and columns, format information written. */
static void apply_mask(int w, int m, unsigned fmt, const fmt_pos pos[15], const uint64_t *base_r,
                       const uint64_t *data_r, const uint64_t *base_c, const uint64_t *data_c,
                       uint64_t *rows, uint64_t *cols)
{
    for (int k = 0; k < w; k++) {
        const uint64_t *pr = k_mask_rows[m][k % 12];
        const uint64_t *pc = k_mask_cols[m][k % 12];
        for (size_t j = 0, o = (size_t)k * 3u; j < 3; j++, o++) {
            rows[o] = base_r[o] ^ (pr[j] & data_r[o]);
            cols[o] = base_c[o] ^ (pc[j] & data_c[o]);
        }
    }
    for (int i = 0; i < 15; i++) {
        if ((fmt >> i) & 1u) {
            for (int s = 0; s < 2; s++) {
                l_set(line_at(rows, pos[i].y[s]), pos[i].x[s]);
                l_set(line_at(cols, pos[i].x[s]), pos[i].y[s]);
            }
        }
    }
}

void vqr_qr_mask_choose(const unsigned char *frame, int w, int level, int m0, uint64_t *work,
                        unsigned char *out)
{
    size_t n = (size_t)w * 3u;
    uint64_t *base_r = work, *data_r = work + n, *base_c = work + 2 * n, *data_c = work + 3 * n;
    uint64_t *rows = work + 4 * n, *cols = work + 5 * n;
    fmt_pos pos[15];
    format_positions(w, pos);

    /* Unmask: the dark modules, each data module inverted where m0 did. */
    for (size_t i = 0; i < 4 * n; i++) {
        work[i] = 0;
    }
    for (int y = 0; y < w; y++) {
        for (int x = 0; x < w; x++) {
            unsigned char v = frame[(size_t)y * (size_t)w + (size_t)x];
            if (v & 1u) {
                l_set(line_at(base_r, y), x);
                l_set(line_at(base_c, x), y);
            }
            if (!(v & 0x80u)) { /* libqrencode: a data or error-correction module */
                l_set(line_at(data_r, y), x);
                l_set(line_at(data_c, x), y);
            }
        }
    }
    for (int k = 0; k < w; k++) {
        const uint64_t *pr = k_mask_rows[m0][k % 12];
        const uint64_t *pc = k_mask_cols[m0][k % 12];
        for (size_t j = 0, o = (size_t)k * 3u; j < 3; j++, o++) {
            base_r[o] ^= pr[j] & data_r[o];
            base_c[o] ^= pc[j] & data_c[o];
        }
    }
    for (int i = 0; i < 15; i++) { /* the format information: light, then per mask */
        for (int s = 0; s < 2; s++) {
            l_clear(line_at(base_r, pos[i].y[s]), pos[i].x[s]);
            l_clear(line_at(base_c, pos[i].x[s]), pos[i].y[s]);
        }
    }

    line v5 = l_range(0, w - 4);
    line v2 = l_range(0, w - 1);
    unsigned total = (unsigned)w * (unsigned)w;
    const bool narrow = w + VQR_QR_LINE_OFF <= 64; /* a line in one word */
    unsigned best_score = 0;
    int best = -1;
    for (int m = 0; m < 8; m++) {
        apply_mask(w, m, format_bits(level, m), pos, base_r, data_r, base_c, data_c, rows, cols);
        unsigned dark = 0, score = 0;
        for (int k = 0; k < w && narrow; k++) {
            uint64_t r = cline_at(rows, k)[0];
            dark += pop64(r);
            score +=
                line_score1(cline_at(rows, k), w, v5.w0) + line_score1(cline_at(cols, k), w, v5.w0);
            if (k + 1 < w) {
                uint64_t same = ~(r ^ cline_at(rows, k + 1)[0]);
                score += 3u * pop64(same & (same >> 1) & ~(r ^ (r >> 1)) & v2.w0);
            }
        }
        for (int k = 0; k < w && !narrow; k++) {
            line r = l_make(cline_at(rows, k));
            dark += l_pop(r);
            score += line_score(cline_at(rows, k), w, v5) + line_score(cline_at(cols, k), w, v5);
            if (k + 1 < w) {
                line r1 = l_make(cline_at(rows, k + 1));
                line same = l_not(l_xor(r, r1));
                line blocks = l_and(l_and(same, l_next(same, 1)), l_not(l_xor(r, l_next(r, 1))));
                score += 3u * l_pop(l_and(blocks, v2));
            }
        }
        unsigned percent = (200u * dark + total) / total / 2u;
        score += 10u * ((unsigned)abs((int)percent - 50) / 5u);
        if (best < 0 || score < best_score) {
            best = m;
            best_score = score;
        }
    }

    apply_mask(w, best, format_bits(level, best), pos, base_r, data_r, base_c, data_c, rows, cols);
    for (int y = 0; y < w; y++) {
        for (int x = 0; x < w; x++) {
            out[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)l_bit(cline_at(rows, y), x);
        }
    }
}
