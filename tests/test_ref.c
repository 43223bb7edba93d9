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

/* Under memcheck (under_memcheck(), testutil.h) the loops of millions of
 * calls run a tenth of their rounds, or their short lengths only; every
 * path still runs. */

/* ---- ISO/IEC 7064 MOD 1271-36, computed here independently ---- */

#define M 1271u
#define R 36u

/* The standard's sum: a[i] . 36^(i-1), i counted from the right from 1. */
static unsigned iso_sum(const unsigned char *v, size_t n)
{
    unsigned sum = 0, w = 1;
    for (size_t i = n; i-- > 0;) {
        sum = (sum + v[i] * w) % M;
        w = w * R % M;
    }
    return sum;
}

/* The check value: the smallest c with iso_sum(data, c / 36, c % 36) == 1. */
static unsigned iso_check(const unsigned char *v, size_t n)
{
    unsigned char w[32];
    memcpy(w, v, n);
    for (unsigned c = 0; c < M; c++) {
        w[n] = (unsigned char)(c / R);
        w[n + 1] = (unsigned char)(c % R);
        if (iso_sum(w, n + 2) == 1)
            return c;
    }
    ck_abort_msg("no check value");
    return 0;
}

/* A string of `n` values whose last two are check characters is valid. */
static bool valid(const unsigned char *v, size_t n)
{
    return vqr_ref_check_value(v, n - 2) == v[n - 2] * R + v[n - 1];
}

/* The standard's worked example: "ISO79" has check value 140, "3W". */
START_TEST(standard_example)
{
    unsigned char v[7] = { 18, 28, 24, 7, 9 }; /* I S O 7 9 */
    ck_assert_uint_eq(vqr_ref_check_value(v, 5), 140);
    ck_assert_uint_eq(iso_check(v, 5), 140);
    v[5] = 3;
    v[6] = 32; /* "3W" */
    ck_assert_uint_eq(vqr_ref_sum(v, 7), 1);
    ck_assert_uint_eq(iso_sum(v, 7), 1);
    ck_assert(valid(v, 7));
    v[6] = 33; /* "3X" */
    ck_assert(!valid(v, 7));
    /* The library's check value is the standard's for strings of every
     * length a reference has, and of every value at each place. */
    unsigned char d[VQR_REF_MAX_LEN];
    uint64_t x = 7;
    for (size_t n = 1; n <= VQR_REF_MAX_LEN - 2; n++)
        for (int k = 0; k < 200; k++) {
            for (size_t i = 0; i < n; i++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                d[i] = (unsigned char)((x >> 33) % R);
            }
            unsigned c = vqr_ref_check_value(d, n);
            ck_assert_uint_lt(c, M);
            ck_assert_uint_eq(c, iso_check(d, n));
        }
}
END_TEST

/*
 * The proof on the weights. A string that vqr_ref_check accepts sums to 1
 * (it also refuses the 25 pairs of value 1271 or more), so an error it
 * misses changes the sum by a multiple of 1271. Changing the value at the
 * place of weight w = 36^k (mod 1271) by d (0 < |d| <= 35) changes the sum
 * by d.w; swapping neighbours a != b at places k and k+1 changes it by
 * (a - b).(w(k+1) - w(k)). Both are checked non-zero for every place of
 * the longest reference, every d and every pair a, b.
 */
START_TEST(weights_detect_substitutions_and_transpositions)
{
    unsigned w[VQR_REF_MAX_LEN];
    w[0] = 1;
    for (size_t k = 1; k < VQR_REF_MAX_LEN; k++)
        w[k] = w[k - 1] * R % M;
    unsigned long cases = 0;
    for (size_t k = 0; k < VQR_REF_MAX_LEN; k++) {
        for (unsigned a = 0; a < R; a++)
            for (unsigned b = 0; b < R; b++) {
                if (a == b)
                    continue;
                /* a -> b at place k */
                long d = (long)b - (long)a;
                long sub = (d * (long)w[k]) % (long)M;
                ck_assert_msg(sub != 0, "substitution %u->%u at %zu unseen", a, b, k);
                cases++;
                if (k + 1 < VQR_REF_MAX_LEN) {
                    /* a at k+1, b at k swapped */
                    long t = (d * ((long)w[k + 1] - (long)w[k])) % (long)M;
                    ck_assert_msg(t != 0, "transposition %u,%u at %zu unseen", a, b, k);
                    cases++;
                }
            }
    }
    ck_assert_uint_eq(cases, VQR_REF_MAX_LEN * 36 * 35 + (VQR_REF_MAX_LEN - 1) * 36 * 35);
    /* The aliases: a pair of value 1271 + c sums like the pair of value c,
     * and is refused. */
    unsigned char v[VQR_REF_MAX_LEN];
    unsigned found = 0;
    for (uint32_t seq = 0; seq < 100000 && found < 3; seq++) {
        char r[VQR_REF_BUF_SIZE];
        size_t len;
        ck_assert_int_eq(vqr_ref_make("HP24", seq, r, sizeof r, &len, NULL), VQR_OK);
        for (size_t i = 0; i < len; i++)
            v[i] = (unsigned char)vqr_ref_value((unsigned char)r[i]);
        unsigned c = v[len - 2] * R + v[len - 1];
        if (c + M >= R * R)
            continue;
        found++;
        r[len - 2] = vqr_ref_char((c + M) / R);
        r[len - 1] = vqr_ref_char((c + M) % R);
        for (size_t i = 0; i < len; i++)
            v[i] = (unsigned char)vqr_ref_value((unsigned char)r[i]);
        ck_assert_uint_eq(vqr_ref_sum(v, len), 1);
        ck_assert_msg(vqr_ref_check(r, len, NULL) == VQR_ERR_REF_CHECK, "%s accepted", r);
        ck_assert_uint_eq(r[len - 2], 'Z');
    }
    ck_assert_uint_eq(found, 3);
}
END_TEST

/* Every string of 1-3 characters with its two check characters, and every
 * single substitution (35 per place) and adjacent transposition of it. */
START_TEST(exhaustive_short_strings)
{
    unsigned char v[5], w[5];
    unsigned long tried = 0, missed = 0;
    const size_t longest = under_memcheck() ? 2 : 3;
    for (size_t n = 1; n <= longest; n++) {
        size_t total = 1;
        for (size_t i = 0; i < n; i++)
            total *= 36;
        for (size_t k = 0; k < total; k++) {
            size_t t = k;
            for (size_t i = 0; i < n; i++) {
                v[i] = (unsigned char)(t % 36);
                t /= 36;
            }
            unsigned c = vqr_ref_check_value(v, n);
            v[n] = (unsigned char)(c / R);
            v[n + 1] = (unsigned char)(c % R);
            size_t m = n + 2;
            missed += !valid(v, m);
            for (size_t i = 0; i < m; i++) {
                for (unsigned x = 0; x < 36; x++) {
                    if (x == v[i])
                        continue;
                    memcpy(w, v, m);
                    w[i] = (unsigned char)x;
                    missed += valid(w, m);
                    tried++;
                }
                if (i + 1 < m && v[i] != v[i + 1]) {
                    memcpy(w, v, m);
                    w[i] = v[i + 1];
                    w[i + 1] = v[i];
                    missed += valid(w, m);
                    tried++;
                }
            }
        }
    }
    /* (Check's assertions are slow in a loop of millions: count, then assert.) */
    ck_assert_uint_eq(missed, 0);
    ck_assert_uint_gt(tried, longest == 3 ? 8000000 : 180000);
}
END_TEST

/* ISO/IEC 7064 hybrid MOD 37,36 (one check character), to show why it was
 * not used: besides the 1 in 36 of any one check character, it misses
 * adjacent transpositions. */
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
     * cannot tell apart, where MOD 1271-36 can. Search HP24 + six digits
     * for a digit pair whose swap keeps the MOD 37,36 check. */
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
    /* The same two data strings under MOD 1271-36: different check values. */
    unsigned char va[16], vb[16];
    for (int i = 0; i < 10; i++) {
        va[i] = (unsigned char)vqr_ref_value((unsigned char)a[i]);
        vb[i] = (unsigned char)vqr_ref_value((unsigned char)b[i]);
    }
    ck_assert_uint_ne(vqr_ref_check_value(va, 10), vqr_ref_check_value(vb, 10));
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
    ck_assert_uint_eq(strlen(r), 12);
    ck_assert(strncmp(r, "HP24000123", 10) == 0);
    ck_assert_int_eq(vqr_ref_check(r, 12, NULL), VQR_OK);
    /* The check characters are the ones the standard's sum gives. */
    unsigned char v[10];
    for (int i = 0; i < 10; i++)
        v[i] = (unsigned char)vqr_ref_value((unsigned char)r[i]);
    unsigned c = iso_check(v, 10);
    ck_assert_int_eq(r[10], k_alpha[c / R]);
    ck_assert_int_eq(r[11], k_alpha[c % R]);
    /* Lower-case prefixes are the same prefix. */
    char r2[VQR_REF_BUF_SIZE];
    make_ok("hp24", 123, r2);
    ck_assert_str_eq(r, r2);
    make_ok("AB", 0, r);
    ck_assert(strncmp(r, "AB000000", 8) == 0 && strlen(r) == 10);
    make_ok("ABCDEF", VQR_REF_SEQUENCE_MAX, r);
    ck_assert(strncmp(r, "ABCDEF999999", 12) == 0 && strlen(r) == 14);
    /* Golden values, so that a change of algorithm cannot pass unseen. */
    make_ok("HS24", 12, r);
    ck_assert_str_eq(r, "HS24000012RG");
    make_ok("HP24", 1, r);
    ck_assert_str_eq(r, "HP24000001QV");
    make_ok("HP24", 123, r);
    ck_assert_str_eq(r, "HP24000123SQ");
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
    ck_assert_int_eq(vqr_ref_make("HP24", 5, r, 12, &len, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, 12);
    ck_assert_uint_eq(e.limit, 13);
    ck_assert_int_eq(r[0], 'x');
    ck_assert_int_eq(vqr_ref_make("HP24", 5, NULL, 0, &len, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, 12);
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
        { "H-24000123", VQR_ERR_REF_FORMAT, 1 },
        { "", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "HP24", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "HP2400012", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "ABCDEFG00000012", VQR_ERR_REF_FORMAT, SIZE_MAX },
        { "1P24000123AB", VQR_ERR_REF_FORMAT, 0 },
        { "hP24000123AB", VQR_ERR_REF_FORMAT, 0 },
        { "HP2400O123AB", VQR_ERR_REF_FORMAT, 6 },
        { "HP24 00123AB", VQR_ERR_REF_FORMAT, 4 },
        { "HP2400012A3B", VQR_ERR_REF_FORMAT, 9 },
        { "HP24000123aB", VQR_ERR_REF_FORMAT, 10 },
        { "HP24000123A-", VQR_ERR_REF_FORMAT, 11 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_msg(vqr_ref_check(cases[i].text, strlen(cases[i].text), &e) == cases[i].code,
                      "%s", cases[i].text);
        ck_assert_int_eq(e.code, cases[i].code);
        ck_assert_msg(e.offset == cases[i].offset, "%s: offset %zu", cases[i].text, e.offset);
    }
    /* A wrong check character, first or second: the offset is the first
     * check character's. */
    for (int k = 10; k <= 11; k++) {
        char w[VQR_REF_BUF_SIZE];
        memcpy(w, r, sizeof w);
        w[k] = w[k] == 'Z' ? 'Y' : (char)(w[k] == '9' ? 'A' : w[k] + 1);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_ref_check(w, 12, &e), VQR_ERR_REF_CHECK);
        ck_assert_uint_eq(e.offset, 10);
    }
    ck_assert_int_eq(vqr_ref_check(NULL, 0, NULL), VQR_ERR_REF_FORMAT);
    ck_assert_int_eq(vqr_ref_check(NULL, 3, NULL), VQR_ERR_INVALID_ARGUMENT);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_ref_check(r, 12, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
}
END_TEST

/* Generated references of every prefix length: every single substitution
 * over the whole alphabet and every adjacent transposition is rejected. */
START_TEST(generated_references_catch_every_error)
{
    g_rng = 42;
    unsigned long tried = 0;
    const int refs = under_memcheck() ? 600 : 6000;
    for (int k = 0; k < refs; k++) {
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
    ck_assert_uint_gt(tried, (unsigned long)refs * 300);
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
    make_ok("HS24", 12, r);
    ck_assert_str_eq(r, "HS24000012RG");
    vqr_ref_match m[4];
    const char *same[] = {
        "HS24000012RG",
        "hs24000012rg",
        "HS24 000012 RG",
        "HS24-000012-R-G",
        "HS24.000012/RG hoc phi",
        "HS24000012RGNGUYENVANAN",
        "NGUYENVANANHS24000012RGHOCPHI",
        "MBVCB.3278907687.HS24000012RG.CT tu 0011004123456 NGUYEN VAN A toi 1234567 TRUONG",
        "IBFT HS24000012RG FT24123456789",
        "Thanh to\xC3\xA1n HS24\xC2\xA0"
        "000012RG h\xE1\xBB\x8D"
        "c ph\xC3\xAD",
    };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        memset(m, 0xFF, sizeof m);
        ck_assert_msg(find_all(same[i], "HS24", m, 4) == 1, "%s", same[i]);
        ck_assert_str_eq(m[0].reference, "HS24000012RG");
    }
    /* Offsets: the first and one past the last byte of the reference. */
    find_all("IBFT hs24-000012-rg FT24", "HS24", m, 4);
    ck_assert_uint_eq(m[0].offset, 5);
    ck_assert_uint_eq(m[0].end, 19);
    /* Nothing when the check fails, the prefix differs or the ref is cut;
     * nor for the typos of a payer: a character changed, two swapped, one
     * dropped or added (these ones; see find_shift_typos for the rate). */
    const char *none[] = {
        "HS24000012RH",
        "HS24000012GR",
        "HS24000021RG",
        "HS24000012R",
        "HS24000012",
        "HT24000012RG",
        "",
        "HS24",
        "HS2400012RG",
        "HS24000012G",
        "HS240000012RG",
        "HS24000012RRG",
        "IBFT HS24000 FT24123456789",
        "HS24000012R HOC PHI",
        "HS24000012RZ",
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
/* The buffer with its spaces removed (neighbours run together). */
static void drop_spaces(sbuf *b)
{
    size_t o = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->s[i] != ' ')
            b->s[o++] = b->s[i];
    b->n = o;
    b->s[o] = '\0';
}
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
    case 0: { /* "HP24 000123 SQ" */
        char t[32];
        size_t plen = n - 8;
        snprintf(t, sizeof t, "%.*s %.6s %.2s", (int)plen, ref, ref + plen, ref + n - 2);
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
 * 6,000 memos: bank prefixes and suffixes, case, removed spaces, changed
 * punctuation, truncation, run-together neighbours, two references, and
 * a payer's typos (a character changed, two neighbours swapped, one
 * dropped, one added). Zero wrong references; every reference that
 * survived intact (ignoring case and separators) is found. Substitutions
 * and transpositions can never yield a reference; a dropped or added
 * character yields another one about once in several thousand
 * (find_shift_typos measures it), so the some 700 shift typos here are
 * expected to yield none, and yield none.
 */
START_TEST(find_generated_memos)
{
    g_rng = 2024;
    static const char *const prefixes[] = { "HS24", "HP24", "BV", "THCS01" };
    unsigned long memos = 0, intact_refs = 0, found_refs = 0;
    unsigned long shift_typos = 0, guaranteed_typos = 0;
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
            drop_spaces(&b);
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
            ck_assert_msg(intact, "wrong reference %s in \"%s\" (planted %s)", m[i].reference, b.s,
                          refs[0]);
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
    printf("find: %lu memos, %lu intact references all found, no wrong reference; "
           "%lu substitution/transposition typos, %lu dropped/added-character typos\n",
           memos, intact_refs, guaranteed_typos, shift_typos);
}
END_TEST

/*
 * The rate at which a dropped or added character is read as another
 * reference, over 100,000 such typos in bank descriptions (half with a
 * prefix a school or hospital would use, half with a random one of 2-6
 * characters). Every window of the scanner that has the shape of a
 * reference of the prefix (the prefix, six digits, two characters) and
 * whose prefix and digits are not the planted reference's is a candidate
 * that only the check characters can refuse; each passes with a
 * probability of about 1/1271 (its two characters must be the one check
 * value of its other characters). The number of wrong references must be
 * within four standard deviations of candidates / 1271: the check is as
 * strong as the mathematics says, and no stronger (which would mean the
 * test does not exercise it). Shapes a candidate shares with the planted
 * reference's data cannot pass at all (their check value is the planted
 * one's, their characters are not).
 */
START_TEST(find_shift_typos)
{
    g_rng = 1271;
    static const char *const prefixes[] = { "HS24", "HP24", "BV", "THCS01", "DTD24", "BV24" };
    unsigned long typos = 0, candidates = 0, same_data = 0, wrong = 0, found_wrong = 0;
    const int rounds = under_memcheck() ? 2000 : 100000; /* memcheck: every path, fewer rounds */
    for (int k = 0; k < rounds; k++) {
        char prefix[VQR_REF_PREFIX_MAX + 1];
        if (k % 2) {
            snprintf(prefix, sizeof prefix, "%s", prefixes[rn(6)]);
        } else {
            size_t plen = 2 + rn(5);
            prefix[0] = k_alpha[10 + rn(26)];
            for (size_t i = 1; i < plen; i++)
                prefix[i] = k_alpha[rn(36)];
            prefix[plen] = '\0';
        }
        char ref[VQR_REF_BUF_SIZE], written[VQR_REF_BUF_SIZE + 2];
        make_ok(prefix, (uint32_t)rn(1000000), ref);
        memcpy(written, ref, sizeof ref);
        apply_typo(written, rn(2) ? TYPO_DROP : TYPO_ADD);
        typos++;
        sbuf b = { .n = 0 };
        put_bank_prefix(&b);
        put_ref(&b, written);
        put(&b, " ");
        put(&b, k_purposes[rn(8)]);
        put(&b, " ");
        put(&b, k_names[rn(8)]);
        put_bank_suffix(&b);
        if (rn(2))
            for (size_t i = 0; i < b.n; i++)
                b.s[i] = (char)tolower((unsigned char)b.s[i]);
        if (rn(4) == 0)
            drop_spaces(&b);
        /* The scanner's windows, as vqr_ref_find sees them. */
        size_t plen = strlen(prefix), n = plen + VQR_REF_DIGITS + 2;
        unsigned long here = 0;
        vqr_ref_scan sc;
        vqr_ref_scan_start(&sc, b.s, b.n);
        while (vqr_ref_scan_next(&sc)) {
            if (!vqr_ref_scan_has(&sc, n))
                continue;
            char win[VQR_REF_BUF_SIZE];
            for (size_t i = 0; i < n; i++)
                win[i] = vqr_ref_char(vqr_ref_scan_val(&sc, n - 1 - i));
            win[n] = '\0';
            if (memcmp(win, prefix, plen) != 0 || strcmp(win, ref) == 0)
                continue;
            if (memcmp(win, ref, n - 2) == 0) {
                same_data++;
                ck_assert(!vqr_ref_scan_valid(&sc, plen, NULL));
                continue;
            }
            candidates++;
            if (vqr_ref_scan_valid(&sc, plen, NULL)) {
                wrong++;
                here++;
            }
        }
        /* vqr_ref_find agrees: what it reports other than the planted
         * reference is exactly those. */
        vqr_ref_match m[8];
        size_t count = find_all(b.s, prefix, m, 8);
        unsigned long other = 0;
        for (size_t i = 0; i < count; i++)
            other += strcmp(m[i].reference, ref) != 0;
        ck_assert_uint_eq(other, here);
        found_wrong += other;
    }
    double expect = (double)candidates / 1271.0;
    double sd = expect > 1 ? expect : 1; /* its square root, by Newton's method */
    for (int i = 0; i < 40; i++)
        sd = (sd + expect / sd) / 2;
    printf("shift typos: %lu dropped/added characters, %lu candidate windows (%lu more with the "
           "planted data), %lu read as another reference (rate 1 in %.0f; expected %.1f +- "
           "%.1f)\n",
           typos, candidates, same_data, wrong, wrong ? (double)typos / (double)wrong : 0.0, expect,
           sd);
    ck_assert_uint_eq(found_wrong, wrong);
    ck_assert_uint_gt(candidates, (unsigned long)rounds / 20);
    ck_assert_msg((double)wrong <= expect + 4 * sd + 1, "%lu wrong, expected %.1f", wrong, expect);
    ck_assert_msg((double)wrong >= expect - 4 * sd - 1, "%lu wrong, expected %.1f", wrong, expect);
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
    tcase_add_test(tc, standard_example);
    tcase_add_test(tc, weights_detect_substitutions_and_transpositions);
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
    tcase_add_test(tc, find_shift_typos);
    tcase_add_test(tc, find_corpus_examples);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    int rc = run_suite(s);
    json_decref(g_corpus); /* loaded once, on first use (CK_FORK=no: in this process) */
    return rc;
}
