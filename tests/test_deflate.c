/*
 * test_deflate.c - print/deflate.c, the runs-only deflate of
 * VQR_PRINT_FAST_PNG: every stream inflated by zlib gives back its input
 * exactly (lengths 0 to 100,000, runs around the 258-byte match limit,
 * random bytes, text of every byte value, frequencies that make Huffman
 * codes deeper than deflate's 15 bits), and the room asked for is enough.
 */
#include "testutil.h"
#include "print_int.h"

#include <zlib.h>

static uint32_t g_rand = 2463534242u;

static unsigned next_rand(void)
{
    g_rand ^= g_rand << 13;
    g_rand ^= g_rand >> 17;
    g_rand ^= g_rand << 5;
    return g_rand;
}

/* Compresses in[0, n), inflates it with zlib, compares. */
static void round_trip(const unsigned char *in, size_t n)
{
    size_t cap = vp_deflate_bound(n);
    ck_assert_uint_gt(cap, n);
    unsigned char *z = malloc(cap);
    unsigned char *back = malloc(n + 1);
    ck_assert(z && back);
    ck_assert_uint_eq(vp_deflate_zlib(in, n, z, cap - 1), 0); /* too little room */
    size_t zn = vp_deflate_zlib(in, n, z, cap);
    ck_assert_uint_gt(zn, 0);
    ck_assert_uint_le(zn, cap);
    uLongf got = (uLongf)n + 1;
    ck_assert_int_eq(uncompress(back, &got, z, (uLong)zn), Z_OK);
    ck_assert_uint_eq(got, n);
    ck_assert(n == 0 || memcmp(back, in, n) == 0);
    free(z);
    free(back);
}

START_TEST(test_edges)
{
    unsigned char buf[2048];
    memset(buf, 0, sizeof buf);
    round_trip(buf, 0);
    for (size_t n = 1; n <= 1100; n++)
        round_trip(buf, n); /* one run of every length around 258, 516, ... */
    memset(buf, 0xFF, sizeof buf);
    round_trip(buf, 1);
    round_trip(buf, 259);
    round_trip(buf, 262);
    for (size_t i = 0; i < 256; i++)
        buf[i] = (unsigned char)i;
    round_trip(buf, 256); /* every byte once: no run */
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i / 3); /* runs of 3, the shortest match */
    round_trip(buf, sizeof buf);
}
END_TEST

START_TEST(test_random)
{
    unsigned char *buf = malloc(100000);
    ck_assert_ptr_nonnull(buf);
    for (int round = 0; round < 200; round++) {
        size_t n = next_rand() % (round < 100 ? 3000 : 100000);
        int kind = round % 4;
        for (size_t i = 0; i < n;) {
            /* random bytes, runs of random length, or mostly zeros with a
             * few values (a filtered page) */
            size_t run = kind == 0 ? 1 : 1 + next_rand() % (kind == 1 ? 8 : 700);
            unsigned char c = (unsigned char)(kind == 3 && next_rand() % 4 ? 0 : next_rand());
            for (size_t k = 0; k < run && i < n; k++)
                buf[i++] = c;
        }
        round_trip(buf, n);
    }
    free(buf);
}
END_TEST

/* Byte i appears about Fibonacci(i) times, shuffled (runs of three or
 * more are rare): an unlimited Huffman code would be about 25 bits deep. */
START_TEST(test_deep_codes)
{
    size_t fib[26], n = 0;
    fib[0] = fib[1] = 1;
    for (int i = 2; i < 26; i++)
        fib[i] = fib[i - 1] + fib[i - 2];
    for (int i = 0; i < 26; i++)
        n += fib[i];
    unsigned char *buf = malloc(n);
    ck_assert_ptr_nonnull(buf);
    size_t pos = 0;
    for (int i = 0; i < 26; i++)
        for (size_t k = 0; k < fib[i]; k++)
            buf[pos++] = (unsigned char)(i * 7 + 1);
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = next_rand() % (i + 1);
        unsigned char t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
    }
    round_trip(buf, n);
    free(buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("deflate");
    TCase *tc = tcase_create("deflate");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_edges);
    tcase_add_test(tc, test_random);
    tcase_add_test(tc, test_deep_codes);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
