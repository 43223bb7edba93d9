/*
 * bench_codec.c - parse + validate and write, in ns/op, over realistic
 * VietQR payloads, beside one byte-wise table-driven CRC-16 pass over the
 * same bytes (the goal: parse + validate <= 2x that pass).
 *
 * Usage: bench_codec [seconds-per-measure]   (default 0.5)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <time.h>

#include "corpus.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A plain byte-wise table-driven CRC-16/CCITT-FALSE, the yardstick. */
static uint16_t k_table[256];
static void table_init(void)
{
    for (unsigned b = 0; b < 256; b++) {
        uint16_t c = (uint16_t)(b << 8);
        for (int k = 0; k < 8; k++)
            c = (uint16_t)((c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1);
        k_table[b] = c;
    }
}
static uint16_t crc_bytewise(const char *s, size_t len)
{
    uint16_t crc = 0xFFFF;
    for (size_t i = 0; i < len; i++)
        crc = (uint16_t)((crc << 8) ^ k_table[(crc >> 8) ^ (unsigned char)s[i]]);
    return crc;
}

static corpus g_c;
static volatile unsigned g_sink;

typedef void (*op_fn)(int i);

static void op_crc(int i)
{
    g_sink += crc_bytewise(g_c.payload[i], g_c.len[i]);
}

static void op_parse_strict(int i)
{
    vqr_payload p;
    g_sink += (unsigned)vqr_payload_parse(&p, g_c.payload[i], g_c.len[i], VQR_PARSE_STRICT, NULL);
}

static void op_parse_lenient(int i)
{
    vqr_payload p;
    g_sink += (unsigned)vqr_payload_parse(&p, g_c.payload[i], g_c.len[i], VQR_PARSE_LENIENT, NULL);
}

static vqr_payload g_parsed[64];
static void op_write_canonical(int i)
{
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t n;
    g_sink +=
        (unsigned)vqr_payload_write(&g_parsed[i & 63], 0, buf, sizeof buf, &n, NULL) + (unsigned)n;
}
static void op_write_keep(int i)
{
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t n;
    g_sink += (unsigned)vqr_payload_write(&g_parsed[i & 63], VQR_WRITE_KEEP_ORDER, buf, sizeof buf,
                                          &n, NULL) +
              (unsigned)n;
}

static double measure(op_fn fn, double seconds)
{
    long ops = 0;
    double start = now(), t;
    do {
        for (int i = 0; i < CORPUS_N; i++)
            fn(i);
        ops += CORPUS_N;
        t = now() - start;
    } while (t < seconds);
    return t * 1e9 / (double)ops;
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 0.5;
    table_init();
    corpus_build(&g_c);
    for (int i = 0; i < 64; i++)
        if (vqr_payload_parse(&g_parsed[i], g_c.payload[i], g_c.len[i], VQR_PARSE_LENIENT, NULL))
            return 1;
    double crc = measure(op_crc, secs);
    double strict = measure(op_parse_strict, secs);
    double lenient = measure(op_parse_lenient, secs);
    double wcan = measure(op_write_canonical, secs);
    double wkeep = measure(op_write_keep, secs);
    printf("payloads: %d VietQR, %.1f bytes on average\n", CORPUS_N,
           (double)g_c.total_bytes / CORPUS_N);
    printf("%-34s %9.1f ns/op\n", "byte-wise table CRC-16 (yardstick)", crc);
    printf("%-34s %9.1f ns/op  %.2fx CRC\n", "parse + validate, strict", strict, strict / crc);
    printf("%-34s %9.1f ns/op  %.2fx CRC\n", "parse + validate, lenient", lenient, lenient / crc);
    printf("%-34s %9.1f ns/op\n", "write, canonical", wcan);
    printf("%-34s %9.1f ns/op\n", "write, original order", wkeep);
    return 0;
}
