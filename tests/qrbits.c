/*
 * qrbits.c - see qrbits.h. Tables and layout follow ISO/IEC 18004.
 */
#include "qrbits.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Error-correction codewords per block, by level (L, M, Q, H) and version. */
static const unsigned char ecc_per_block[4][41] = {
    { 0,  7,  10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
      28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
    { 0,  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
      26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28 },
    { 0,  13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
      28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
    { 0,  17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
      30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
};

/* Number of blocks, by level (L, M, Q, H) and version. */
static const unsigned char num_blocks[4][41] = {
    { 0, 1, 1, 1,  1,  1,  2,  2,  2,  2,  4,  4,  4,  4,  4,  6,  6,  6,  6,  7, 8,
      8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25 },
    { 0,  1,  1,  1,  2,  2,  4,  4,  4,  5,  5,  5,  8,  9,  9,  10, 10, 11, 13, 14, 16,
      17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49 },
    { 0,  1,  1,  2,  2,  4,  4,  6,  6,  8,  8,  8,  10, 12, 16, 12, 17, 16, 18, 21, 20,
      23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68 },
    { 0,  1,  1,  2,  4,  4,  4,  5,  6,  8,  8,  11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
      25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81 },
};

/* Format information stores the level as M 0, L 1, H 2, Q 3. */
static const int ecc_from_format[4] = { 2, 1, 4, 3 };

int qrbits_byte_count_bits(int version)
{
    return version <= 9 ? 8 : 16;
}

size_t qrbits_raw_modules_formula(int v)
{
    size_t r = (size_t)((16 * v + 128) * v + 64);
    if (v >= 2) {
        int na = v / 7 + 2;
        r -= (size_t)((25 * na - 10) * na - 55);
        if (v >= 7) {
            r -= 36;
        }
    }
    return r;
}

size_t qrbits_data_codewords(int version, int ecc)
{
    size_t raw = qrbits_raw_modules_formula(version) / 8;
    return raw - (size_t)ecc_per_block[ecc - 1][version] * num_blocks[ecc - 1][version];
}

static int align_positions(int v, int pos[7])
{
    int n, step, i, p;

    if (v == 1) {
        return 0;
    }
    n = v / 7 + 2;
    step = (v == 32) ? 26 : (v * 4 + n * 2 + 1) / (n * 2 - 2) * 2;
    pos[0] = 6;
    for (i = n - 1, p = v * 4 + 10; i >= 1; i--, p -= step) {
        pos[i] = p;
    }
    return n;
}

/* Marks function modules (finders, separators, format, timing, alignment,
 * version) in `f` (w * w). */
static void mark_functions(int v, unsigned char *f)
{
    int w = 17 + 4 * v, x, y, i, j, n, pos[7];

    memset(f, 0, (size_t)w * (size_t)w);
    for (y = 0; y < w; y++) {
        for (x = 0; x < w; x++) {
            bool fn = (x < 9 && y < 9) || (x >= w - 8 && y < 9) || (x < 9 && y >= w - 8) ||
                      x == 6 || y == 6;
            if (v >= 7 &&
                ((x >= w - 11 && x < w - 8 && y < 6) || (y >= w - 11 && y < w - 8 && x < 6))) {
                fn = true;
            }
            f[y * w + x] = fn;
        }
    }
    n = align_positions(v, pos);
    for (i = 0; i < n; i++) {
        for (j = 0; j < n; j++) {
            if ((i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0)) {
                continue;
            }
            for (y = pos[j] - 2; y <= pos[j] + 2; y++) {
                for (x = pos[i] - 2; x <= pos[i] + 2; x++) {
                    f[y * w + x] = 1;
                }
            }
        }
    }
}

size_t qrbits_free_modules(int v)
{
    int w = 17 + 4 * v, i;
    unsigned char *f = malloc((size_t)w * (size_t)w);
    size_t n = 0;

    if (f == NULL) {
        return 0;
    }
    mark_functions(v, f);
    for (i = 0; i < w * w; i++) {
        n += f[i] == 0;
    }
    free(f);
    return n;
}

static bool mask_bit(int mask, int x, int y)
{
    switch (mask) {
    case 0:
        return (x + y) % 2 == 0;
    case 1:
        return y % 2 == 0;
    case 2:
        return x % 3 == 0;
    case 3:
        return (x + y) % 3 == 0;
    case 4:
        return (x / 3 + y / 2) % 2 == 0;
    case 5:
        return x * y % 2 + x * y % 3 == 0;
    case 6:
        return (x * y % 2 + x * y % 3) % 2 == 0;
    default:
        return ((x + y) % 2 + x * y % 3) % 2 == 0;
    }
}

static unsigned format_bch(unsigned data)
{
    unsigned rem = data;
    int i;

    for (i = 0; i < 10; i++) {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537u);
    }
    return ((data << 10) | (rem & 0x3FFu)) ^ 0x5412u;
}

static int read_format(const unsigned char *m, int w, qrbits_result *r)
{
    unsigned a = 0, b = 0, data;
    int i;

    for (i = 0; i <= 5; i++) {
        a |= (unsigned)m[i * w + 8] << i;
    }
    a |= (unsigned)m[7 * w + 8] << 6;
    a |= (unsigned)m[8 * w + 8] << 7;
    a |= (unsigned)m[8 * w + 7] << 8;
    for (i = 9; i < 15; i++) {
        a |= (unsigned)m[8 * w + (14 - i)] << i;
    }
    for (i = 0; i < 8; i++) {
        b |= (unsigned)m[8 * w + (w - 1 - i)] << i;
    }
    for (i = 8; i < 15; i++) {
        b |= (unsigned)m[(w - 15 + i) * w + 8] << i;
    }
    data = (a ^ 0x5412u) >> 10;
    r->format_agree = (a == b) && format_bch(data) == a;
    r->ecc = ecc_from_format[data >> 3];
    r->mask = (int)(data & 7u);
    return 0;
}

typedef struct bitreader {
    const unsigned char *p;
    size_t nbits, pos;
} bitreader;

static bool br_read(bitreader *br, int n, unsigned *out)
{
    unsigned v = 0;
    int i;

    if (br->pos + (size_t)n > br->nbits) {
        return false;
    }
    for (i = 0; i < n; i++, br->pos++) {
        v = (v << 1) | ((br->p[br->pos / 8] >> (7 - br->pos % 8)) & 1u);
    }
    *out = v;
    return true;
}

static const char alnum_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

static void put_byte(qrbits_result *r, unsigned c)
{
    if (r->data_len < sizeof r->data) {
        r->data[r->data_len++] = (unsigned char)c;
    }
}

static int read_segments(const unsigned char *data, size_t ndata, qrbits_result *r)
{
    bitreader br = { data, ndata * 8, 0 };
    int v = r->version;
    unsigned mode, val, n, k;

    for (;;) {
        qrbits_segment *s;
        if (!br_read(&br, 4, &mode)) {
            r->terminated = true; /* capacity reached: the terminator may be cut short */
            return 0;
        }
        if (mode == 0) {
            r->terminated = true;
            break;
        }
        if (r->nseg == QRBITS_MAX_SEGMENTS) {
            return -20;
        }
        s = &r->seg[r->nseg++];
        s->mode = (int)mode;
        switch (mode) {
        case QRBITS_MODE_ECI:
            if (!br_read(&br, 8, &val)) {
                return -21;
            }
            if ((val & 0x80u) == 0) {
                s->eci = val;
            } else if ((val & 0xC0u) == 0x80u && br_read(&br, 8, &n)) {
                s->eci = ((val & 0x3Fu) << 8) | n;
            } else if ((val & 0xE0u) == 0xC0u && br_read(&br, 16, &n)) {
                s->eci = ((val & 0x1Fu) << 16) | n;
            } else {
                return -22;
            }
            break;
        case QRBITS_MODE_BYTE:
            if (!br_read(&br, qrbits_byte_count_bits(v), &n)) {
                return -23;
            }
            s->count = n;
            for (k = 0; k < n; k++) {
                if (!br_read(&br, 8, &val)) {
                    return -24;
                }
                put_byte(r, val);
            }
            break;
        case QRBITS_MODE_NUMERIC:
            if (!br_read(&br, v <= 9 ? 10 : v <= 26 ? 12 : 14, &n)) {
                return -25;
            }
            s->count = n;
            for (k = 0; k < n; k += 3) {
                unsigned digits = n - k >= 3 ? 3 : n - k, i2;
                char buf[3];
                if (!br_read(&br, digits == 3 ? 10 : digits == 2 ? 7 : 4, &val)) {
                    return -26;
                }
                for (i2 = digits; i2-- > 0; val /= 10) {
                    buf[i2] = (char)('0' + val % 10);
                }
                for (i2 = 0; i2 < digits; i2++) {
                    put_byte(r, (unsigned char)buf[i2]);
                }
            }
            break;
        case QRBITS_MODE_ALNUM:
            if (!br_read(&br, v <= 9 ? 9 : v <= 26 ? 11 : 13, &n)) {
                return -27;
            }
            s->count = n;
            for (k = 0; k < n; k += 2) {
                if (n - k >= 2) {
                    if (!br_read(&br, 11, &val) || val / 45 >= 45) {
                        return -28;
                    }
                    put_byte(r, (unsigned char)alnum_chars[val / 45]);
                    put_byte(r, (unsigned char)alnum_chars[val % 45]);
                } else {
                    if (!br_read(&br, 6, &val) || val >= 45) {
                        return -28;
                    }
                    put_byte(r, (unsigned char)alnum_chars[val]);
                }
            }
            break;
        case QRBITS_MODE_KANJI:
            if (!br_read(&br, v <= 9 ? 8 : v <= 26 ? 10 : 12, &n)) {
                return -29;
            }
            s->count = n;
            br.pos += 13u * n; /* recorded, not decoded */
            break;
        default:
            return -30;
        }
    }
    /* After the terminator: zero bits to a byte boundary, then 0xEC 0x11 ... */
    {
        size_t byte = (br.pos + 7) / 8, i;
        r->padding_ok = true;
        for (i = byte; i < ndata; i++) {
            if (data[i] != (((i - byte) % 2 == 0) ? 0xECu : 0x11u)) {
                r->padding_ok = false;
            }
        }
    }
    return 0;
}

int qrbits_read(const unsigned char *m, int w, qrbits_result *r)
{
    unsigned char *f, *cw, *data;
    size_t ncw, nbits = 0, raw, ndata, eccl, nb, nshort, shortlen, sdata, k, i, b, off;
    int v, right, vert, j;

    memset(r, 0, sizeof *r);
    if (w < 21 || w > 177 || (w - 17) % 4 != 0) {
        return -1;
    }
    v = (w - 17) / 4;
    r->version = v;
    read_format(m, w, r);

    f = malloc((size_t)w * (size_t)w);
    raw = qrbits_raw_modules_formula(v);
    ncw = raw / 8;
    cw = calloc(ncw, 1);
    data = calloc(ncw, 1);
    if (f == NULL || cw == NULL || data == NULL) {
        free(f);
        free(cw);
        free(data);
        return -2;
    }
    mark_functions(v, f);

    /* Zigzag: column pairs from the right, skipping the vertical timing column. */
    for (right = w - 1; right >= 1; right -= 2) {
        if (right == 6) {
            right = 5;
        }
        for (vert = 0; vert < w; vert++) {
            for (j = 0; j < 2; j++) {
                int x = right - j;
                bool upward = ((right + 1) & 2) == 0;
                int y = upward ? w - 1 - vert : vert;
                if (f[y * w + x]) {
                    continue;
                }
                if (nbits / 8 < ncw) {
                    unsigned bit =
                        (unsigned)(m[y * w + x] != 0) ^ (unsigned)mask_bit(r->mask, x, y);
                    cw[nbits / 8] |= (unsigned char)(bit << (7 - nbits % 8));
                }
                nbits++;
            }
        }
    }
    free(f);
    if (nbits != raw) {
        free(cw);
        free(data);
        return -3;
    }

    /* De-interleave: data codewords go round the blocks, short blocks first. */
    eccl = ecc_per_block[r->ecc - 1][v];
    nb = num_blocks[r->ecc - 1][v];
    nshort = nb - ncw % nb;
    shortlen = ncw / nb;
    sdata = shortlen - eccl;
    ndata = ncw - eccl * nb;
    r->data_codewords = ndata;
    k = 0;
    for (i = 0; i <= sdata; i++) {
        for (b = 0; b < nb; b++) {
            if (i == sdata && b < nshort) {
                continue;
            }
            off = b * sdata + (b > nshort ? b - nshort : 0) + i;
            data[off] = cw[k++];
        }
    }
    free(cw);
    if (k != ndata) {
        free(data);
        return -4;
    }
    j = read_segments(data, ndata, r);
    free(data);
    return j;
}
