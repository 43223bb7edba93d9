/*
 * bench_ref.c - vqr_ref_find over realistic bank transfer descriptions,
 * in memos per second of one core, beside two yardsticks over the same
 * bytes in the same run: strlen(), and a byte loop that folds every letter
 * to upper case (the least any case-blind search must do). The goal:
 * at least 1,000,000 memos per second per core.
 *
 * Time is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so other work
 * on the machine slows the figures less than wall time would; the ratios
 * are taken side by side in one run.
 *
 * Usage: bench_ref [seconds-per-measure]   (default 0.5)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vietqr.h"

#define N_MEMOS 20000

static char *g_memo[N_MEMOS];
static size_t g_len[N_MEMOS];
static int g_has[N_MEMOS];
static volatile size_t g_sink;

static uint64_t g_rng = 7;
static unsigned rn(unsigned n)
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (unsigned)((z ^ (z >> 31)) % n);
}

static const char *const k_prefix[] = { "MBVCB.3278907687.", "IBFT ", "", "REM Tfr Ac: 1234567 ",
                                        "TKThe :0011004123456, tai VCB. " };
static const char *const k_suffix[] = {
    ".CT tu 0011004123456 NGUYEN VAN AN toi 1234567890 TRUONG TH DOAN THI DIEM", " FT24123456789",
    "", " Trace 123456", "-GD 1234567-"
};

static void make_corpus(void)
{
    size_t total = 0;
    for (int i = 0; i < N_MEMOS; i++) {
        char ref[VQR_REF_BUF_SIZE], buf[512];
        size_t n;
        if (vqr_ref_make("HS24", (uint32_t)rn(1000000), ref, sizeof ref, &n, NULL) != VQR_OK)
            exit(1);
        /* One in ten without a reference (interest, other transfers). */
        g_has[i] = rn(10) != 0;
        int k = snprintf(buf, sizeof buf, "%s%s Hoc phi HK1 lop 5A NGUYEN VAN AN%s",
                         k_prefix[rn(5)], g_has[i] ? ref : "Lai tien gui", k_suffix[rn(5)]);
        if (rn(3) == 0) /* run together */
            for (char *p = buf; *p; p++)
                if (*p == ' ')
                    *p = '.';
        g_len[i] = (size_t)k;
        g_memo[i] = malloc((size_t)k + 1);
        if (!g_memo[i])
            exit(1);
        memcpy(g_memo[i], buf, (size_t)k + 1);
        total += (size_t)k;
    }
    printf("%d memos, %.0f bytes on average\n", N_MEMOS, (double)total / N_MEMOS);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef void (*op_fn)(int i);

static void op_strlen(int i)
{
    g_sink += strlen(g_memo[i]);
}

static void op_upper(int i)
{
    char out[512];
    const char *s = g_memo[i];
    size_t n = g_len[i];
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        out[k] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    g_sink += (unsigned char)out[n / 2];
}

static void op_find(int i)
{
    vqr_ref_match m[4];
    size_t count;
    vqr_ref_find(g_memo[i], g_len[i], "HS24", m, 4, &count, NULL);
    g_sink += count;
}

/* Memos per second of CPU time. */
static double measure(op_fn fn, double seconds)
{
    unsigned long done = 0;
    double t0 = cpu_now(), t;
    do {
        for (int i = 0; i < N_MEMOS; i++)
            fn(i);
        done += N_MEMOS;
        t = cpu_now() - t0;
    } while (t < seconds);
    return (double)done / t;
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 0.5;
    if (!(secs > 0))
        secs = 0.5;
    make_corpus();
    /* Correctness first: every memo with a reference yields it. */
    size_t with = 0;
    for (int i = 0; i < N_MEMOS; i++) {
        vqr_ref_match m[4];
        size_t count;
        vqr_ref_find(g_memo[i], g_len[i], "HS24", m, 4, &count, NULL);
        if (count != (size_t)g_has[i]) {
            fprintf(stderr, "memo %d: %zu references found in \"%s\"\n", i, count, g_memo[i]);
            return 1;
        }
        with += count;
    }
    printf("%zu memos hold a reference, each found\n", with);
    double s = measure(op_strlen, secs);
    double u = measure(op_upper, secs);
    double f = measure(op_find, secs);
    printf("%-34s %12.0f memos/s  %6.1f ns/memo\n", "strlen (yardstick)", s, 1e9 / s);
    printf("%-34s %12.0f memos/s  %6.1f ns/memo\n", "fold to upper case (yardstick)", u, 1e9 / u);
    printf("%-34s %12.0f memos/s  %6.1f ns/memo  %.2fx the case fold\n", "vqr_ref_find", f, 1e9 / f,
           u / f);
    printf("goal >= 1000000 memos/s per core: %s\n", f >= 1e6 ? "met" : "NOT MET");
    for (int i = 0; i < N_MEMOS; i++)
        free(g_memo[i]);
    return f >= 1e6 ? 0 : 1;
}
