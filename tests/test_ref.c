/*
 * test_ref.c - payment references: the check character's guarantees
 * (proved on the whole operation table, then exhaustively on short
 * strings and on generated references), vqr_ref_make / _check / _find and
 * their errors, and vqr_ref_find on generated bank descriptions with every
 * kind of damage banks and payers do to them.
 */
#include "testutil.h"
#include "ref.h"

#include <ctype.h>
#include <jansson.h>
#include <stdint.h>

static const char k_alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* ---- an independent construction of the quasigroup ---- */

/* GF(4) as polynomials b0 + b1.w over GF(2) with w^2 = w + 1. */
static unsigned gf4_mul(unsigned x, unsigned y)
{
    unsigned r = 0;
    /* schoolbook product, then reduce w^2 -> w + 1 */
    unsigned p0 = (x & 1) & (y & 1);
    unsigned p1 = ((x & 1) & (y >> 1)) ^ ((x >> 1) & (y & 1));
    unsigned p2 = (x >> 1) & (y >> 1);
    p0 ^= p2;
    p1 ^= p2;
    r = p0 | (p1 << 1);
    return r;
}

/* GF(9) as u + v.i over GF(3) with i^2 = -1, written u + 3v. */
static unsigned gf9_mul(unsigned x, unsigned y)
{
    int a = (int)(x % 3), b = (int)(x / 3), c = (int)(y % 3), d = (int)(y / 3);
    int re = ((a * c - b * d) % 3 + 3) % 3;
    int im = (a * d + b * c) % 3;
    return (unsigned)(re + 3 * im);
}

static unsigned gf9_addx(unsigned x, unsigned y)
{
    return (x % 3 + y % 3) % 3 + 3 * ((x / 3 + y / 3) % 3);
}

/* x * y = (w.x4 + y4, i.x9 + y9), n = 9 * (GF(4) part) + (GF(9) part). */
static unsigned op_ref(unsigned x, unsigned y)
{
    unsigned q = gf4_mul(2, x / 9) ^ (y / 9);
    unsigned r = gf9_addx(gf9_mul(3, x % 9), y % 9);
    return 9 * q + r;
}

START_TEST(table_is_the_construction)
{
    for (unsigned x = 0; x < 36; x++)
        for (unsigned y = 0; y < 36; y++)
            ck_assert_uint_eq(vqr_ref_op(x, y), op_ref(x, y));
}
END_TEST

/* Rows and columns are permutations: a quasigroup (Latin square). */
START_TEST(table_is_latin)
{
    for (unsigned x = 0; x < 36; x++) {
        uint64_t row = 0, col = 0;
        for (unsigned y = 0; y < 36; y++) {
            unsigned r = vqr_ref_op(x, y), c = vqr_ref_op(y, x);
            ck_assert_msg(!(row & (1ull << r)), "row %u repeats %u", x, r);
            ck_assert_msg(!(col & (1ull << c)), "column %u repeats %u", x, c);
            row |= 1ull << r;
            col |= 1ull << c;
        }
        ck_assert(row == (1ull << 36) - 1 && col == (1ull << 36) - 1);
    }
}
END_TEST

/* (c * x) * y == (c * y) * x only when x == y, for every c: total
 * anti-symmetry. With the Latin property this proves that every single
 * substitution and every adjacent transposition is detected, at any length. */
START_TEST(table_is_totally_antisymmetric)
{
    for (unsigned c = 0; c < 36; c++)
        for (unsigned x = 0; x < 36; x++)
            for (unsigned y = 0; y < 36; y++)
                if (x != y && vqr_ref_op(vqr_ref_op(c, x), y) == vqr_ref_op(vqr_ref_op(c, y), x))
                    ck_abort_msg("c=%u x=%u y=%u", c, x, y);
    for (unsigned s = 0; s < 36; s++)
        ck_assert_uint_eq(vqr_ref_op(s, vqr_ref_check_value(s)), 0);
}
END_TEST

/* Every string of 1-3 characters with its check character, and every
 * single substitution (35 per position) and adjacent transposition of it. */
START_TEST(exhaustive_short_strings)
{
    unsigned char v[5], w[5];
    unsigned long tried = 0, missed = 0;
    for (size_t n = 1; n <= 3; n++) {
        size_t total = 1;
        for (size_t i = 0; i < n; i++)
            total *= 36;
        for (size_t k = 0; k < total; k++) {
            size_t t = k;
            for (size_t i = 0; i < n; i++) {
                v[i] = (unsigned char)(t % 36);
                t /= 36;
            }
            v[n] = (unsigned char)vqr_ref_check_value(vqr_ref_state(v, n));
            missed += vqr_ref_state(v, n + 1) != 0;
            for (size_t i = 0; i <= n; i++) {
                for (unsigned c = 0; c < 36; c++) {
                    if (c == v[i])
                        continue;
                    memcpy(w, v, n + 1);
                    w[i] = (unsigned char)c;
                    missed += vqr_ref_state(w, n + 1) == 0;
                    tried++;
                }
                if (i < n && v[i] != v[i + 1]) {
                    memcpy(w, v, n + 1);
                    w[i] = v[i + 1];
                    w[i + 1] = v[i];
                    missed += vqr_ref_state(w, n + 1) == 0;
                    tried++;
                }
            }
        }
    }
    /* (Check's assertions are slow in a loop of millions: count, then assert.) */
    ck_assert_uint_eq(missed, 0);
    ck_assert_uint_gt(tried, 6000000);
}
END_TEST

/* ISO/IEC 7064 hybrid MOD 37,36, to show why it was not used. */
static unsigned mod3736_step(unsigned p, unsigned a)
{
    unsigned s = (p + a) % 36;
    return (2 * (s == 0 ? 36 : s)) % 37;
}

static bool mod3736_valid(const char *s)
{
    unsigned p = 36, sum = 0;
    for (; *s; s++) {
        unsigned a = (unsigned)vqr_ref_value((unsigned char)*s);
        sum = (p + a) % 36;
        p = (2 * (sum == 0 ? 36 : sum)) % 37;
    }
    return sum == 1;
}

START_TEST(iso7064_mod3736_misses_transpositions)
{
    /* From every state one adjacent pair swaps unseen. */
    unsigned states_with_a_miss = 0;
    for (unsigned p = 1; p <= 36; p++) {
        bool miss = false;
        for (unsigned a = 0; a < 36; a++)
            for (unsigned b = 0; b < 36; b++)
                if (a != b &&
                    mod3736_step(mod3736_step(p, a), b) == mod3736_step(mod3736_step(p, b), a))
                    miss = true;
        states_with_a_miss += miss;
    }
    ck_assert_uint_eq(states_with_a_miss, 36);
    /* A concrete case: two references of the same form that MOD 37,36
     * cannot tell apart, where the Damm check can. Search HP24 + six
     * digits for a digit pair whose swap keeps the MOD 37,36 check. */
    char a[16], b[16];
    bool found = false;
    for (unsigned seq = 0; seq < 100000 && !found; seq++) {
        snprintf(a, sizeof a, "HP24%06u", seq);
        unsigned p = 36;
        for (const char *s = a; *s; s++)
            p = mod3736_step(p, (unsigned)vqr_ref_value((unsigned char)*s));
        unsigned c = (36 + 1 - p) % 36;
        a[10] = vqr_ref_char(c);
        a[11] = '\0';
        ck_assert(mod3736_valid(a));
        for (int i = 4; i < 9 && !found; i++) {
            if (a[i] == a[i + 1])
                continue;
            memcpy(b, a, sizeof b);
            b[i] = a[i + 1];
            b[i + 1] = a[i];
            if (mod3736_valid(b))
                found = true;
        }
    }
    ck_assert_msg(found, "no undetected transposition among HP24 references");
    /* The same two strings under the Damm check: at most one is valid. */
    unsigned char va[16], vb[16];
    for (int i = 0; i < 10; i++) {
        va[i] = (unsigned char)vqr_ref_value((unsigned char)a[i]);
        vb[i] = (unsigned char)vqr_ref_value((unsigned char)b[i]);
    }
    ck_assert_uint_ne(vqr_ref_state(va, 10), vqr_ref_state(vb, 10));
}
END_TEST

/* ---- the public API ---- */

static uint64_t g_rng;
static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static unsigned rn(unsigned n)
{
    return (unsigned)(rnd() % n);
}

static void make_ok(const char *prefix, uint32_t seq, char *out)
{
    size_t len = 99;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_make(prefix, seq, out, VQR_REF_BUF_SIZE, &len, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_uint_eq(len, strlen(out));
}

START_TEST(make_known_values)
{
    char r[VQR_REF_BUF_SIZE];
    make_ok("HP24", 123, r);
    ck_assert_uint_eq(strlen(r), 11);
    ck_assert(strncmp(r, "HP24000123", 10) == 0);
    ck_assert_int_eq(vqr_ref_check(r, 11, NULL), VQR_OK);
    /* The check character is the one op_ref's own walk gives. */
    unsigned s = 0;
    for (int i = 0; i < 10; i++)
        s = op_ref(s, (unsigned)vqr_ref_value((unsigned char)r[i]));
    unsigned c = 0;
    while (op_ref(s, c) != 0)
        c++;
    ck_assert_int_eq(r[10], k_alpha[c]);
    /* Lower-case prefixes are the same prefix. */
    char r2[VQR_REF_BUF_SIZE];
    make_ok("hp24", 123, r2);
    ck_assert_str_eq(r, r2);
    make_ok("AB", 0, r);
    ck_assert(strncmp(r, "AB000000", 8) == 0 && strlen(r) == 9);
    make_ok("ABCDEF", VQR_REF_SEQUENCE_MAX, r);
    ck_assert(strncmp(r, "ABCDEF999999", 12) == 0 && strlen(r) == 13);
    /* Golden values, so that a change of algorithm cannot pass unseen. */
    make_ok("HS24", 12, r);
    ck_assert_str_eq(r, "HS240000129");
    make_ok("HP24", 1, r);
    ck_assert_str_eq(r, "HP240000014");
}
END_TEST

START_TEST(make_errors)
{
    char r[VQR_REF_BUF_SIZE];
    size_t len;
    vqr_error e;
    VQR_INIT(&e);
    struct {
        const char *prefix;
        size_t offset;
        size_t limit;
    } bad[] = {
        { "H", SIZE_MAX, 2 },  { "", SIZE_MAX, 2 },   { "HP24567", SIZE_MAX, 6 },
        { "24HP", 0, 6 },      { "HP-24", 2, 6 },     { "HP 24", 2, 6 },
        { "H\xC3\x89", 1, 6 }, { "\xC4\x90P", 0, 6 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_ref_make(bad[i].prefix, 1, r, sizeof r, &len, &e), VQR_ERR_REF_PREFIX);
        ck_assert_int_eq(e.code, VQR_ERR_REF_PREFIX);
        ck_assert_uint_eq(e.offset, bad[i].offset);
        ck_assert_uint_eq(e.limit, bad[i].limit);
        ck_assert_str_eq(e.name, "VQR_ERR_REF_PREFIX");
        ck_assert_uint_eq(len, 0);
    }
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_make("HP24", 1000000, r, sizeof r, &len, &e), VQR_ERR_REF_SEQUENCE);
    ck_assert_uint_eq(e.limit, 999999);
    /* Too small: the length and the capacity needed, nothing written. */
    memset(r, 'x', sizeof r);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_make("HP24", 5, r, 11, &len, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, 11);
    ck_assert_uint_eq(e.limit, 12);
    ck_assert_int_eq(r[0], 'x');
    ck_assert_int_eq(vqr_ref_make("HP24", 5, NULL, 0, &len, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, 11);
    ck_assert_int_eq(vqr_ref_make("HP24", 5, r, sizeof r, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_ref_make(NULL, 5, r, sizeof r, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_ref_make("HP24", 5, NULL, 5, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(check_errors)
{
    char r[VQR_REF_BUF_SIZE];
    make_ok("HP24", 123, r);
    vqr_error e;
    VQR_INIT(&e);
    struct {
        const char *text;
        vqr_status code;
        size_t offset;
    } cases[] = {
        { "H-2400012", VQR_ERR_REF_FORMAT, 1 },
        { "", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "HP24", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "ABCDEFG0000001", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "1P24000123A", VQR_ERR_REF_FORMAT, 0 },
        { "hP24000123A", VQR_ERR_REF_FORMAT, 0 },
        { "HP2400O123A", VQR_ERR_REF_FORMAT, 6 },
        { "HP24 00123A", VQR_ERR_REF_FORMAT, 4 },
        { "HP24000123a", VQR_ERR_REF_FORMAT, 10 },
        { "HP24000123-", VQR_ERR_REF_FORMAT, 10 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_msg(vqr_ref_check(cases[i].text, strlen(cases[i].text), &e) == cases[i].code,
                      "%s", cases[i].text);
        ck_assert_int_eq(e.code, cases[i].code);
        ck_assert_msg(e.offset == cases[i].offset, "%s: offset %zu", cases[i].text, e.offset);
    }
    /* A wrong check character: the offset is the check character's. */
    char w[VQR_REF_BUF_SIZE];
    memcpy(w, r, sizeof w);
    w[10] = w[10] == 'Z' ? 'Y' : (char)(w[10] == '9' ? 'A' : w[10] + 1);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_check(w, 11, &e), VQR_ERR_REF_CHECK);
    ck_assert_uint_eq(e.offset, 10);
    ck_assert_int_eq(vqr_ref_check(NULL, 0, NULL), VQR_ERR_REF_FORMAT);
    ck_assert_int_eq(vqr_ref_check(NULL, 3, NULL), VQR_ERR_INVALID_ARGUMENT);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_check(r, 11, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
}
END_TEST

/* Generated references of every prefix length: every single substitution
 * over the whole alphabet and every adjacent transposition is rejected. */
START_TEST(generated_references_catch_every_error)
{
    g_rng = 42;
    unsigned long tried = 0;
    for (int k = 0; k < 6000; k++) {
        char prefix[7];
        size_t plen = 2 + rn(5);
        prefix[0] = k_alpha[10 + rn(26)];
        for (size_t i = 1; i < plen; i++)
            prefix[i] = k_alpha[rn(36)];
        prefix[plen] = '\0';
        char r[VQR_REF_BUF_SIZE], w[VQR_REF_BUF_SIZE];
        make_ok(prefix, (uint32_t)rn(1000000), r);
        size_t n = strlen(r);
        ck_assert_int_eq(vqr_ref_check(r, n, NULL), VQR_OK);
        for (size_t i = 0; i < n; i++) {
            for (int c = 0; c < 36; c++) {
                if (k_alpha[c] == r[i])
                    continue;
                memcpy(w, r, sizeof w);
                w[i] = k_alpha[c];
                if (vqr_ref_check(w, n, NULL) == VQR_OK)
                    ck_abort_msg("%s -> %s passes", r, w);
                tried++;
            }
            if (i + 1 < n && r[i] != r[i + 1]) {
                memcpy(w, r, sizeof w);
                w[i] = r[i + 1];
                w[i + 1] = r[i];
                if (vqr_ref_check(w, n, NULL) == VQR_OK)
                    ck_abort_msg("%s -> %s passes", r, w);
                tried++;
            }
        }
    }
    ck_assert_uint_gt(tried, 2000000);
}
END_TEST

static size_t find_all(const char *memo, const char *prefix, vqr_ref_match *m, size_t cap)
{
    size_t count = 99;
    vqr_status st = vqr_ref_find(memo, strlen(memo), prefix, m, cap, &count, NULL);
    ck_assert_msg(st == VQR_OK || st == VQR_ERR_BUFFER_TOO_SMALL, "%s", vqr_status_name(st));
    return count;
}

START_TEST(find_basics)
{
    char r[VQR_REF_BUF_SIZE];
    make_ok("HS24", 12, r); /* HS240000129 */
    ck_assert_str_eq(r, "HS240000129");
    vqr_ref_match m[4];
    const char *same[] = {
        "HS240000129",
        "hs240000129",
        "HS24 000012 9",
        "HS24-000012-9",
        "HS24.000012/9 hoc phi",
        "HS240000129NGUYENVANAN",
        "NGUYENVANANHS240000129HOCPHI",
        "MBVCB.3278907687.HS240000129.CT tu 0011004123456 NGUYEN VAN A toi 1234567 TRUONG",
        "IBFT HS240000129 FT24123456789",
        "Thanh to\xC3\xA1n HS24\xC2\xA0"
        "0000129 h\xE1\xBB\x8D"
        "c ph\xC3\xAD",
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        memset(m, 0xFF, sizeof m);
        ck_assert_msg(find_all(same[i], "HS24", m, 4) == 1, "%s", same[i]);
        ck_assert_str_eq(m[0].reference, "HS240000129");
    }
    /* Offsets: the first and one past the last byte of the reference. */
    find_all("IBFT hs24-000012-9 FT24", "HS24", m, 4);
    ck_assert_uint_eq(m[0].offset, 5);
    ck_assert_uint_eq(m[0].end, 18);
    /* Nothing when the check fails, the prefix differs or the ref is cut. */
    const char *none[] = {
        "HS24000012A",
        "HS240000219",
        "HS24000019",
        "HS24000012",
        "HT240000129",
        "HS24000012",
        "",
        "HS24",
        "IBFT HS24000 FT24123456789",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        ck_assert_msg(find_all(none[i], "HS24", m, 4) == 0, "%s", none[i]);
    /* Two references, and the same one twice: every occurrence, in order. */
    char r2[VQR_REF_BUF_SIZE];
    make_ok("HS24", 13, r2);
    char memo[128];
    snprintf(memo, sizeof memo, "%s %s va %s", r, r2, r);
    ck_assert_uint_eq(find_all(memo, "HS24", m, 4), 3);
    ck_assert_str_eq(m[0].reference, r);
    ck_assert_str_eq(m[1].reference, r2);
    ck_assert_str_eq(m[2].reference, r);
    /* More than cap: the first cap written, the count, BUFFER_TOO_SMALL. */
    size_t count = 0;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_find(memo, strlen(memo), "HS24", m, 2, &count, &e),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(count, 3);
    ck_assert_uint_eq(e.limit, 3);
    ck_assert_int_eq(vqr_ref_find(memo, strlen(memo), "HS24", NULL, 0, &count, NULL),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(count, 3);
    /* A prefix that is a prefix of a longer digit run still anchors. */
    char r3[VQR_REF_BUF_SIZE];
    make_ok("AA", 5, r3);
    snprintf(memo, sizeof memo, "AAA%s", r3 + 2);
    ck_assert_uint_eq(find_all(memo, "AA", m, 4), 1);
    ck_assert_str_eq(m[0].reference, r3);
    /* Errors. */
    ck_assert_int_eq(vqr_ref_find("x", 1, "H", m, 4, &count, NULL), VQR_ERR_REF_PREFIX);
    ck_assert_int_eq(vqr_ref_find("x", 1, "HS24", m, 4, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_ref_find(NULL, 1, "HS24", m, 4, &count, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_ref_find(NULL, 0, "HS24", m, 4, &count, NULL), VQR_OK);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(vqr_ref_find("x", 1, "HS24", NULL, 4, &count, NULL), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- generated bank descriptions ---- */

static const char *const k_names[] = {
    "NGUYEN VAN AN",
    "TRAN THI BICH",
    "LE HOANG NAM",
    "PHAM MINH CHAU",
    "Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Lan",
    "VO THANH TUNG",
    "DANG QUOC BAO",
    "BUI THU HA",
};
static const char *const k_purposes[] = {
    "Hoc phi HK1",
    "hoc phi lop 5A",
    "Tien an thang 9",
    ("H\xE1\xBB\x8D"
     "c ph\xC3\xAD k\xE1\xBB\xB3 1"),
    "dong tien",
    "",
    "BHYT",
    "Phi ban tru",
};

/* Appends text to a bounded buffer. */
typedef struct sbuf {
    char s[1024];
    size_t n;
} sbuf;
static void put(sbuf *b, const char *t)
{
    size_t k = strlen(t);
    if (b->n + k >= sizeof b->s)
        k = sizeof b->s - 1 - b->n;
    memcpy(b->s + b->n, t, k);
    b->n += k;
    b->s[b->n] = '\0';
}

/* The reference as a payer or a bank may write it: separators inside. */
static void put_ref(sbuf *b, const char *ref)
{
    size_t n = strlen(ref);
    switch (rn(6)) {
    case 0: { /* "HP24 000123 7" */
        char t[32];
        size_t plen = n - 7;
        snprintf(t, sizeof t, "%.*s %.6s %c", (int)plen, ref, ref + plen, ref[n - 1]);
        put(b, t);
        break;
    }
    case 1: { /* dashes between every group of three */
        char t[32];
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (i && i % 3 == 0)
                t[k++] = '-';
            t[k++] = ref[i];
        }
        t[k] = '\0';
        put(b, t);
        break;
    }
    default:
        put(b, ref);
    }
}

/*
 * What banks put around a description and where they cut it:
 * tests/data/bank_descriptions.json (the documented patterns, with their
 * source, and whole examples).
 */
static json_t *g_corpus;

static json_t *corpus(const char *member)
{
    if (!g_corpus) {
        const char *dir = getenv("VQR_TEST_DATA");
        char path[1024];
        snprintf(path, sizeof path, "%s/bank_descriptions.json", dir ? dir : "tests/data");
        json_error_t je;
        g_corpus = json_load_file(path, 0, &je);
        if (!g_corpus) {
            fprintf(stderr, "cannot load %s: %s\n", path, je.text);
            exit(2);
        }
    }
    json_t *m = json_object_get(g_corpus, member);
    ck_assert_msg(m != NULL, "bank_descriptions.json has no '%s'", member);
    return m;
}

/* A template: '#' a random digit, "{NAME}" a payer's name. */
static void put_template(sbuf *b, const char *t)
{
    while (*t) {
        if (*t == '#') {
            char d[2] = { (char)('0' + rn(10)), '\0' };
            put(b, d);
            t++;
        } else if (strncmp(t, "{NAME}", 6) == 0) {
            put(b, k_names[rn(8)]);
            t += 6;
        } else {
            char c[2] = { *t++, '\0' };
            put(b, c);
        }
    }
}

static void put_bank_part(sbuf *b, const char *member)
{
    json_t *list = corpus(member);
    json_t *e = json_array_get(list, rn((unsigned)json_array_size(list)));
    const char *t = json_string_value(json_object_get(e, "text"));
    ck_assert_ptr_nonnull(t);
    put_template(b, t);
}

/* A bank's prefix: trace numbers, channel names. */
static void put_bank_prefix(sbuf *b)
{
    put_bank_part(b, "prefixes");
}

static void put_bank_suffix(sbuf *b)
{
    put_bank_part(b, "suffixes");
}

/* Letters and digits only, upper case: what "intact" is judged on. */
static void normalise(const char *in, char *out, size_t cap)
{
    size_t k = 0;
    for (; *in && k + 1 < cap; in++)
        if (isalnum((unsigned char)*in) && !((unsigned char)*in & 0x80))
            out[k++] = (char)toupper((unsigned char)*in);
    out[k] = '\0';
}

typedef enum typo { TYPO_NONE, TYPO_SUBST, TYPO_SWAP, TYPO_DROP, TYPO_ADD } typo;

static void apply_typo(char *ref, typo t)
{
    size_t n = strlen(ref);
    size_t i = rn((unsigned)n);
    switch (t) {
    case TYPO_SUBST: {
        char c;
        do
            c = k_alpha[rn(36)];
        while (c == ref[i]);
        ref[i] = c;
        break;
    }
    case TYPO_SWAP:
        i = rn((unsigned)n - 1);
        while (ref[i] == ref[i + 1])
            i = (i + 1) % (n - 1);
        {
            char c = ref[i];
            ref[i] = ref[i + 1];
            ref[i + 1] = c;
        }
        break;
    case TYPO_DROP:
        memmove(ref + i, ref + i + 1, n - i);
        break;
    case TYPO_ADD:
        memmove(ref + i + 1, ref + i, n - i + 1);
        ref[i] = k_alpha[rn(10)];
        break;
    default:
        break;
    }
}

/*
 * 6,000 memos (1,000 of each damage kind mixed with the others): bank
 * prefixes and suffixes, case, removed spaces, changed punctuation,
 * truncation, run-together neighbours, two references, typos. Zero wrong
 * references; every reference that survived intact (ignoring case and
 * separators) is found. Substitutions and adjacent transpositions must
 * never yield a reference; a dropped or added character is caught with
 * probability about 35/36, which is measured and bounded.
 */
START_TEST(find_generated_memos)
{
    g_rng = 2024;
    static const char *const prefixes[] = { "HS24", "HP24", "BV", "THCS01" };
    unsigned long memos = 0, intact_refs = 0, found_refs = 0, wrong = 0;
    unsigned long shift_typos = 0, shift_wrong = 0, guaranteed_typos = 0;
    unsigned long truncated = 0, runtogether = 0, two = 0;
    json_t *trunc = corpus("truncate");
    size_t tmin = (size_t)json_integer_value(json_object_get(trunc, "min"));
    size_t tmax = (size_t)json_integer_value(json_object_get(trunc, "max"));
    ck_assert_uint_ge(tmin, 20);
    ck_assert_uint_gt(tmax, tmin);
    for (int k = 0; k < 6000; k++) {
        const char *prefix = prefixes[rn(4)];
        char refs[2][VQR_REF_BUF_SIZE + 2];
        char written[2][VQR_REF_BUF_SIZE + 2];
        typo typos[2] = { TYPO_NONE, TYPO_NONE };
        int nref = rn(8) == 0 ? 2 : 1;
        two += nref == 2;
        for (int j = 0; j < nref; j++) {
            make_ok(prefix, (uint32_t)rn(1000000), refs[j]);
            memcpy(written[j], refs[j], sizeof refs[j]);
            if (rn(5) == 0) {
                typos[j] = (typo)(1 + rn(4));
                apply_typo(written[j], typos[j]);
            }
        }
        /* The purpose as 62.08 carries it, then what the bank does. */
        sbuf b = { .n = 0 };
        put_bank_prefix(&b);
        put_ref(&b, written[0]);
        put(&b, " ");
        put(&b, k_purposes[rn(8)]);
        if (nref == 2) {
            put(&b, rn(2) ? " va " : ", ");
            put_ref(&b, written[1]);
        }
        put(&b, " ");
        put(&b, k_names[rn(8)]);
        put_bank_suffix(&b);
        /* Case. */
        unsigned cs = rn(3);
        for (size_t i = 0; i < b.n; i++)
            if (cs == 1)
                b.s[i] = (char)toupper((unsigned char)b.s[i]);
            else if (cs == 2)
                b.s[i] = (char)tolower((unsigned char)b.s[i]);
        /* Spaces removed (run-together neighbours) or punctuation changed. */
        unsigned sp = rn(4);
        if (sp == 1) {
            size_t o = 0;
            for (size_t i = 0; i < b.n; i++)
                if (b.s[i] != ' ')
                    b.s[o++] = b.s[i];
            b.n = o;
            b.s[o] = '\0';
            runtogether++;
        } else if (sp == 2) {
            static const char seps[] = "./-_";
            for (size_t i = 0; i < b.n; i++)
                if (b.s[i] == ' ')
                    b.s[i] = seps[rn(4)];
        }
        /* Truncation at 50-210 bytes (also inside a UTF-8 character). */
        if (rn(3) == 0 && b.n > tmin) {
            size_t span = tmax - tmin + 1;
            size_t cut = tmin + rn((unsigned)(b.n - tmin < span ? b.n - tmin : span));
            {
                b.n = cut;
                b.s[cut] = '\0';
                truncated++;
            }
        }
        memos++;

        char norm[1024];
        normalise(b.s, norm, sizeof norm);
        vqr_ref_match m[8];
        size_t count = find_all(b.s, prefix, m, 8);
        ck_assert_uint_le(count, 8);
        for (size_t i = 0; i < count; i++) {
            bool planted = false;
            for (int j = 0; j < nref; j++)
                if (strcmp(m[i].reference, refs[j]) == 0)
                    planted = true;
            /* Found only what was written intact. */
            bool intact = planted && strstr(norm, m[i].reference) != NULL;
            if (!intact) {
                wrong++;
                bool shift = false;
                for (int j = 0; j < nref; j++)
                    shift |= typos[j] == TYPO_DROP || typos[j] == TYPO_ADD;
                ck_assert_msg(shift, "wrong reference %s in \"%s\" (planted %s)", m[i].reference,
                              b.s, refs[0]);
                shift_wrong++;
            }
            ck_assert_int_eq(vqr_ref_check(m[i].reference, strlen(m[i].reference), NULL), VQR_OK);
        }
        for (int j = 0; j < nref; j++) {
            if (typos[j] == TYPO_SUBST || typos[j] == TYPO_SWAP)
                guaranteed_typos++;
            if (typos[j] == TYPO_DROP || typos[j] == TYPO_ADD)
                shift_typos++;
            if (typos[j] != TYPO_NONE || !strstr(norm, refs[j]))
                continue;
            intact_refs++;
            bool got = false;
            for (size_t i = 0; i < count; i++)
                got |= strcmp(m[i].reference, refs[j]) == 0;
            ck_assert_msg(got, "missed %s in \"%s\"", refs[j], b.s);
            found_refs++;
        }
    }
    ck_assert_uint_eq(memos, 6000);
    ck_assert_uint_eq(found_refs, intact_refs);
    /* Each kind of damage really occurred, in numbers. */
    ck_assert_uint_gt(truncated, 1000);
    ck_assert_uint_gt(runtogether, 1000);
    ck_assert_uint_gt(two, 500);
    ck_assert_uint_gt(guaranteed_typos, 500);
    ck_assert_uint_gt(shift_typos, 500);
    ck_assert_uint_gt(intact_refs, 4000);
    /* Dropped or added characters: about 1 in 36 may pass, no more. */
    ck_assert_uint_le(shift_wrong * 18, shift_typos);
    ck_assert_uint_eq(wrong, shift_wrong);
    printf("find: %lu memos, %lu intact references all found; %lu substitution/transposition "
           "typos, none found; %lu dropped/added-character typos, %lu read as another "
           "reference\n",
           memos, intact_refs, guaranteed_typos, shift_typos, shift_wrong);
}
END_TEST

/*
 * Whole descriptions (tests/data/bank_descriptions.json "examples"): each
 * gives exactly the references listed for its prefix, in order.
 */
START_TEST(find_corpus_examples)
{
    json_t *list = corpus("examples");
    ck_assert_uint_ge(json_array_size(list), 10);
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        const char *memo = json_string_value(json_object_get(e, "memo"));
        const char *prefix = json_string_value(json_object_get(e, "prefix"));
        json_t *want = json_object_get(e, "references");
        ck_assert_ptr_nonnull(memo);
        ck_assert_ptr_nonnull(prefix);
        vqr_ref_match m[8];
        size_t count = find_all(memo, prefix, m, 8);
        ck_assert_msg(count == json_array_size(want), "example %zu (%s): %zu references, not %zu",
                      i, json_string_value(json_object_get(e, "note")), count,
                      json_array_size(want));
        for (size_t k = 0; k < count; k++)
            ck_assert_str_eq(m[k].reference, json_string_value(json_array_get(want, k)));
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ref");
    TCase *tc = tcase_create("check character");
    tcase_add_test(tc, table_is_the_construction);
    tcase_add_test(tc, table_is_latin);
    tcase_add_test(tc, table_is_totally_antisymmetric);
    tcase_add_test(tc, exhaustive_short_strings);
    tcase_add_test(tc, iso7064_mod3736_misses_transpositions);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    tc = tcase_create("api");
    tcase_add_test(tc, make_known_values);
    tcase_add_test(tc, make_errors);
    tcase_add_test(tc, check_errors);
    tcase_add_test(tc, generated_references_catch_every_error);
    tcase_add_test(tc, find_basics);
    tcase_add_test(tc, find_generated_memos);
    tcase_add_test(tc, find_corpus_examples);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    int rc = run_suite(s);
    json_decref(g_corpus); /* loaded once, on first use (CK_FORK=no: in this process) */
    return rc;
}
