/*
 * bench_vietqr.c - building VietQR payloads with vqr_vietqr_write(), in
 * ns/op, the way a school's or a hospital's fee run does (thousands of
 * accounts, amounts and purposes), and reading the VietQR view back.
 *
 * Usage: bench_vietqr [seconds-per-measure]   (default 0.5)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vietqr.h"

#define N 1024

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7FFF;
}

/* Inputs: accounts, amounts and bill numbers vary per row. */
static vqr_vietqr g_in[N];
static char g_account[N][20];
static char g_bill[N][26];
static vqr_payload g_parsed[64];
static volatile size_t g_sink;

static const char *const k_bins[] = { "970436", "970415", "970418", "970405", "970422",
                                      "970407", "970416", "970432", "970423", "970403" };
static const char *const k_names[] = { "Vietcombank", "VietinBank",  "BIDV", "Agribank",
                                       "MB",          "Techcombank", "ACB",  "VPBank",
                                       "TPBank",      "Sacombank" };
static const char *const k_ascii[] = { "Hoc phi HK1 2026", "Vien phi noi tru", "Le phi CCCD",
                                       "Tien dien thang 11" };
/* The same purposes as typed, with Vietnamese diacritics (UTF-8, NFC). */
static const char *const k_viet[] = {
    "H\341\273\215c ph\303\255 HK1 2026",
    "Vi\xE1\xBB\x87n ph\xC3\xAD n\xE1\xBB\x99i tr\xC3\xBA",
    "L\xE1\xBB\x87 ph\xC3\xAD CCCD",
    "Ti\xE1\xBB\x81n \xC4\x91i\xE1\xBB\x87n th\xC3\xA1ng 11",
};

static void setup(void)
{
    unsigned s = 20261123u;
    for (int i = 0; i < N; i++) {
        vqr_vietqr *in = &g_in[i];
        vqr_vietqr_init(in, sizeof *(in), NULL);
        snprintf(g_account[i], sizeof g_account[i], "%u%05u%04u", 1u + rnd(&s) % 9u, rnd(&s),
                 rnd(&s) % 10000u);
        snprintf(g_bill[i], sizeof g_bill[i], "HD%07d", i);
        in->bank = k_bins[i % 10];
        in->account = g_account[i];
        in->amount = 10000u * (1u + rnd(&s) % 500u);
        in->bill_number = g_bill[i];
        in->purpose = k_ascii[i % 4];
    }
}

typedef void (*op_fn)(int i);

static void op_static_bin(int i)
{
    vqr_vietqr in = g_in[i];
    in.amount = 0;
    in.bill_number = in.purpose = NULL;
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t n = 0;
    g_sink += (size_t)vqr_vietqr_write(&in, 0, buf, sizeof buf, &n, NULL, NULL) + n;
}

static void op_dynamic_ascii(int i)
{
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t n = 0;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    g_sink += (size_t)vqr_vietqr_write(&g_in[i], 0, buf, sizeof buf, &n, &rep, NULL) + n;
}

static void op_dynamic_folded(int i)
{
    vqr_vietqr in = g_in[i];
    in.purpose = k_viet[i % 4];
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t n = 0;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    g_sink += (size_t)vqr_vietqr_write(&in, 0, buf, sizeof buf, &n, &rep, NULL) + n + rep.changed;
}

static void op_bank_by_name(int i)
{
    vqr_vietqr in = g_in[i];
    in.bank = k_names[i % 10];
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t n = 0;
    g_sink += (size_t)vqr_vietqr_write(&in, 0, buf, sizeof buf, &n, NULL, NULL) + n;
}

static void op_build_only(int i)
{
    vqr_payload p;
    g_sink += (size_t)vqr_vietqr_build(&g_in[i], 0, &p, NULL, NULL);
}

static void op_read(int i)
{
    vqr_vietqr_info v;
    VQR_INIT(&v);
    g_sink += (size_t)vqr_vietqr_read(&g_parsed[i & 63], &v, NULL) + v.amount_minor;
}

static double measure(op_fn fn, double seconds)
{
    long ops = 0;
    double start = now(), t;
    do {
        for (int i = 0; i < N; i++)
            fn(i);
        ops += N;
        t = now() - start;
    } while (t < seconds);
    return t * 1e9 / (double)ops;
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 0.5;
    setup();
    for (int i = 0; i < 64; i++) {
        char buf[VQR_PAYLOAD_BUF_SIZE];
        size_t n;
        if (vqr_vietqr_write(&g_in[i], 0, buf, sizeof buf, &n, NULL, NULL) != VQR_OK ||
            vqr_payload_parse(&g_parsed[i], buf, n, VQR_PARSE_LENIENT, NULL) != VQR_OK) {
            fprintf(stderr, "bench_vietqr: cannot build input %d\n", i);
            return 1;
        }
    }
    static const struct {
        const char *name;
        op_fn fn;
    } ops[] = {
        { "build+write, static, BIN", op_static_bin },
        { "build+write, dynamic, ASCII text", op_dynamic_ascii },
        { "build+write, dynamic, folded text", op_dynamic_folded },
        { "build+write, bank by name", op_bank_by_name },
        { "build into vqr_payload only", op_build_only },
        { "read VietQR view (parsed)", op_read },
    };
    printf("VietQR payloads: %d inputs, bill number + purpose, amounts 10k-5M VND\n", N);
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
        printf("%-36s %9.1f ns/op\n", ops[k].name, measure(ops[k].fn, secs));
    return 0;
}
