/*
 * test_amount_words.c - vqr_amount_words_vi(): VND amounts in Vietnamese
 * words, every rule with the readings written out by hand (zeros in every
 * position, 1/4/5 after a tens word, group boundaries, 10^9, 10^12 and the
 * 13-digit maximum), both regional flags, the errors and the buffer size.
 */
#include "testutil.h"

#include <stdint.h>

typedef struct words_case {
    uint64_t vnd;
    unsigned flags;
    const char *words;
} words_case;

#define N 0u
#define S VQR_AMOUNT_WORDS_SOUTH
#define T VQR_AMOUNT_WORDS_TU

static const words_case k_cases[] = {
    /* units, and the six examples of the issue */
    { 0, N, "Không đồng" },
    { 1, N, "Một đồng" },
    { 4, N, "Bốn đồng" },
    { 5, N, "Năm đồng" },
    { 9, N, "Chín đồng" },
    { 1250000, N, "Một triệu hai trăm năm mươi nghìn đồng" },
    { 105000, N, "Một trăm linh năm nghìn đồng" },
    { 21, N, "Hai mươi mốt đồng" },
    { 15, N, "Mười lăm đồng" },
    { 2005000, N, "Hai triệu không trăm linh năm nghìn đồng" },
    { 1000000000, N, "Một tỷ đồng" },
    /* tens: mười / mươi, and 1, 4, 5 after them */
    { 10, N, "Mười đồng" },
    { 11, N, "Mười một đồng" },
    { 14, N, "Mười bốn đồng" },
    { 19, N, "Mười chín đồng" },
    { 20, N, "Hai mươi đồng" },
    { 24, N, "Hai mươi bốn đồng" },
    { 25, N, "Hai mươi lăm đồng" },
    { 31, N, "Ba mươi mốt đồng" },
    { 55, N, "Năm mươi lăm đồng" },
    { 99, N, "Chín mươi chín đồng" },
    /* hundreds: linh for a zero tens digit */
    { 100, N, "Một trăm đồng" },
    { 101, N, "Một trăm linh một đồng" },
    { 104, N, "Một trăm linh bốn đồng" },
    { 105, N, "Một trăm linh năm đồng" },
    { 110, N, "Một trăm mười đồng" },
    { 111, N, "Một trăm mười một đồng" },
    { 115, N, "Một trăm mười lăm đồng" },
    { 121, N, "Một trăm hai mươi mốt đồng" },
    { 999, N, "Chín trăm chín mươi chín đồng" },
    /* thousands: "không trăm" inside the number, zero groups skipped */
    { 1000, N, "Một nghìn đồng" },
    { 1001, N, "Một nghìn không trăm linh một đồng" },
    { 1010, N, "Một nghìn không trăm mười đồng" },
    { 1015, N, "Một nghìn không trăm mười lăm đồng" },
    { 1021, N, "Một nghìn không trăm hai mươi mốt đồng" },
    { 1100, N, "Một nghìn một trăm đồng" },
    { 10000, N, "Mười nghìn đồng" },
    { 15000, N, "Mười lăm nghìn đồng" },
    { 21000, N, "Hai mươi mốt nghìn đồng" },
    { 40404, N, "Bốn mươi nghìn bốn trăm linh bốn đồng" },
    { 50000, N, "Năm mươi nghìn đồng" },
    { 180000, N, "Một trăm tám mươi nghìn đồng" },
    { 250500, N, "Hai trăm năm mươi nghìn năm trăm đồng" },
    /* millions */
    { 1000000, N, "Một triệu đồng" },
    { 1000001, N, "Một triệu không trăm linh một đồng" },
    { 1000100, N, "Một triệu một trăm đồng" },
    { 1001000, N, "Một triệu không trăm linh một nghìn đồng" },
    { 6060606, N, "Sáu triệu không trăm sáu mươi nghìn sáu trăm linh sáu đồng" },
    { 7000000, N, "Bảy triệu đồng" },
    { 10050000, N, "Mười triệu không trăm năm mươi nghìn đồng" },
    { 15500000, N, "Mười lăm triệu năm trăm nghìn đồng" },
    { 101101101, N, "Một trăm linh một triệu một trăm linh một nghìn một trăm linh một đồng" },
    { 999999999, N,
      "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín "
      "đồng" },
    /* 10^9: tỷ, then every lower group read inside the number */
    { 1000000005, N, "Một tỷ không trăm linh năm đồng" },
    { 1000005000, N, "Một tỷ không trăm linh năm nghìn đồng" },
    { 1000010000, N, "Một tỷ không trăm mười nghìn đồng" },
    { 1005000000, N, "Một tỷ không trăm linh năm triệu đồng" },
    { 2500000000, N, "Hai tỷ năm trăm triệu đồng" },
    { 21000000000, N, "Hai mươi mốt tỷ đồng" },
    { 125000000000, N, "Một trăm hai mươi lăm tỷ đồng" },
    /* 10^12 and beyond: the count of tỷ is read as a number ("nghìn tỷ") */
    { 1000000000000, N, "Một nghìn tỷ đồng" },
    { 1000000000001, N, "Một nghìn tỷ không trăm linh một đồng" },
    { 1500000000000, N, "Một nghìn năm trăm tỷ đồng" },
    { 2005000000000, N, "Hai nghìn không trăm linh năm tỷ đồng" },
    { 3000000000300, N, "Ba nghìn tỷ ba trăm đồng" },
    { 8000000000008, N, "Tám nghìn tỷ không trăm linh tám đồng" },
    { 1234567890123, N,
      "Một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu tám trăm chín mươi nghìn "
      "một trăm hai mươi ba đồng" },
    /* the 13-digit maximum of tag 54 */
    { 9999999999999, N,
      "Chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín "
      "mươi chín nghìn chín trăm chín mươi chín đồng" },
    /* southern usage: ngàn, lẻ */
    { 1000, S, "Một ngàn đồng" },
    { 105000, S, "Một trăm lẻ năm ngàn đồng" },
    { 2005000, S, "Hai triệu không trăm lẻ năm ngàn đồng" },
    { 1000000000000, S, "Một ngàn tỷ đồng" },
    { 24, S, "Hai mươi bốn đồng" },
    { 15, S, "Mười lăm đồng" },
    /* "tư" after twenty only */
    { 24, T, "Hai mươi tư đồng" },
    { 14, T, "Mười bốn đồng" },
    { 4, T, "Bốn đồng" },
    { 104, T, "Một trăm linh bốn đồng" },
    { 44444, T, "Bốn mươi tư nghìn bốn trăm bốn mươi tư đồng" },
    { 24004, S | T, "Hai mươi tư ngàn không trăm lẻ bốn đồng" },
    { 4000000000000, S | T, "Bốn ngàn tỷ đồng" },
};

START_TEST(test_readings)
{
    const words_case *c = &k_cases[_i];
    char buf[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t len = 12345;
    vqr_error err;
    VQR_INIT(&err);
    memset(buf, 'x', sizeof buf);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_amount_words_vi(c->vnd, 704, c->flags, buf, sizeof buf, &len, &err);
    ck_assert_msg(st == VQR_OK, "%llu: %s", (unsigned long long)c->vnd, vqr_status_name(st));
    ck_assert_int_eq(err.code, VQR_OK);
    ck_assert_msg(strcmp(buf, c->words) == 0, "%llu flags %u: \"%s\", expected \"%s\"",
                  (unsigned long long)c->vnd, c->flags, buf, c->words);
    ck_assert_uint_eq(len, strlen(c->words));
}
END_TEST

START_TEST(test_at_least_sixty_amounts)
{
    ck_assert_uint_ge(sizeof k_cases / sizeof k_cases[0], 60);
}
END_TEST

/* Exactly the buffer it needs: VQR_ERR_BUFFER_TOO_SMALL one byte short,
 * nothing written, the length and the size needed reported. */
START_TEST(test_buffer_sizes)
{
    const char *want = "Một triệu hai trăm năm mươi nghìn đồng";
    size_t n = strlen(want), len = 0;
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_amount_words_vi(1250000, 704, 0, NULL, 0, &len, &err),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, n);
    ck_assert_uint_eq(err.limit, n + 1);
    char buf[128];
    memset(buf, 'x', sizeof buf);
    ck_assert_int_eq(vqr_amount_words_vi(1250000, 704, 0, buf, n, &len, &err),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(buf[0], 'x');
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(vqr_amount_words_vi(1250000, 704, 0, buf, n + 1, &len, &err), VQR_OK);
    ck_assert_str_eq(buf, want);
}
END_TEST

START_TEST(test_errors)
{
    char buf[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t len = 99;
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_amount_words_vi(10, 840, 0, buf, sizeof buf, &len, &err),
                     VQR_ERR_WORDS_CURRENCY);
    ck_assert_str_eq(err.tag, "53");
    ck_assert_str_eq(err.name, "VQR_ERR_WORDS_CURRENCY");
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(vqr_amount_words_vi(10, 999, 0, buf, sizeof buf, &len, &err),
                     VQR_ERR_CURRENCY);
    ck_assert_str_eq(err.tag, "53");
    ck_assert_int_eq(
        vqr_amount_words_vi(UINT64_C(10000000000000), 704, 0, buf, sizeof buf, &len, &err),
        VQR_ERR_LENGTH);
    ck_assert_str_eq(err.tag, "54");
    ck_assert_uint_eq(err.limit, 13);
    ck_assert_int_eq(vqr_amount_words_vi(UINT64_MAX, 704, 0, buf, sizeof buf, &len, &err),
                     VQR_ERR_LENGTH);
    ck_assert_int_eq(vqr_amount_words_vi(10, 704, 1u << 2, buf, sizeof buf, &len, &err),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_amount_words_vi(10, 704, 0, buf, sizeof buf, NULL, &err),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_amount_words_vi(10, 704, 0, NULL, 5, &len, &err),
                     VQR_ERR_INVALID_ARGUMENT);
    /* err may be NULL */
    ck_assert_int_eq(vqr_amount_words_vi(10, 704, 0, buf, sizeof buf, &len, NULL), VQR_OK);
    ck_assert_str_eq(buf, "Mười đồng");
    ck_assert_str_eq(vqr_strerror(VQR_ERR_WORDS_CURRENCY),
                     "amounts in words are written for VND (704) only");
}
END_TEST

static size_t words_len(uint64_t v, unsigned flags)
{
    char buf[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t len = 0;
    ck_assert_int_eq(vqr_amount_words_vi(v, 704, flags, buf, sizeof buf, &len, NULL), VQR_OK);
    ck_assert_uint_eq(strlen(buf), len);
    return len;
}

/*
 * VQR_AMOUNT_WORDS_BUF_SIZE holds the longest reading. The parts of a
 * reading add up: the count of tỷ (1-9999), then each lower group read
 * inside the number with its name. The bound is the sum of each part's
 * longest reading, measured here over every value of each part, for every
 * combination of flags.
 */
START_TEST(test_longest_reading_fits)
{
    /* Under memcheck every tenth value: each path still runs. */
    const uint64_t step = test_step(1);
    for (unsigned flags = 0; flags <= VQR_AMOUNT_WORDS_ALL; flags++) {
        size_t base = words_len(UINT64_C(1000000000), flags); /* "Một tỷ đồng" */
        size_t hi = 0, g[3] = { 0, 0, 0 };
        for (uint64_t b = 1; b <= 9999; b += step) {
            size_t l = words_len(b * UINT64_C(1000000000), flags);
            hi = l > hi ? l : hi;
        }
        static const uint64_t scale[3] = { 1000000, 1000, 1 };
        for (int k = 0; k < 3; k++)
            for (uint64_t v = 1; v <= 999; v += step) {
                size_t l = words_len(UINT64_C(1000000000) + v * scale[k], flags) - base;
                g[k] = l > g[k] ? l : g[k];
            }
        size_t bound = hi + g[0] + g[1] + g[2];
        ck_assert_uint_lt(bound + 1, VQR_AMOUNT_WORDS_BUF_SIZE);
        ck_assert_uint_le(words_len(UINT64_C(9999999999999), flags), bound);
    }
}
END_TEST

/* Every seventh amount below a million reads, and its words never repeat a space
 * nor end in one. */
START_TEST(test_every_amount_below_a_million)
{
    char buf[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t len;
    /* Under memcheck every 71st: odd, so every combination of flags still runs. */
    const uint64_t step = under_memcheck() ? 71 : 7;
    for (uint64_t v = 0; v < 1000000; v += step) {
        ck_assert_int_eq(
            vqr_amount_words_vi(v, 704, (unsigned)(v & 3), buf, sizeof buf, &len, NULL), VQR_OK);
        ck_assert(strstr(buf, "  ") == NULL);
        ck_assert(buf[0] >= 'A' && buf[0] <= 'Z');
        size_t tail = strlen(" đồng");
        ck_assert(len > tail && strcmp(buf + len - tail, " đồng") == 0);
    }
}
END_TEST

static Suite *words_suite(void)
{
    Suite *s = suite_create("amount_words");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_readings, 0, (int)(sizeof k_cases / sizeof k_cases[0]));
    tcase_add_test(tc, test_at_least_sixty_amounts);
    tcase_add_test(tc, test_buffer_sizes);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_longest_reading_fits);
    tcase_add_test(tc, test_every_amount_below_a_million);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(words_suite());
}
