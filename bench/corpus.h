/* corpus.h - realistic VietQR payloads for the benchmarks, built through
 * the public API: bank BINs, account numbers, amounts and purposes vary
 * like a school's or a hospital's fee run. */
#ifndef VQR_BENCH_CORPUS_H
#define VQR_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vietqr.h"

#define CORPUS_N 2000

typedef struct corpus {
    char payload[CORPUS_N][VQR_PAYLOAD_BUF_SIZE > 512 ? 512 : VQR_PAYLOAD_BUF_SIZE];
    size_t len[CORPUS_N];
    size_t total_bytes;
} corpus;

static unsigned corpus_rand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7FFF;
}

static void corpus_set(vqr_payload *p, const char *path, const char *v)
{
    if (vqr_payload_set(p, path, v, strlen(v), NULL) != VQR_OK) {
        fprintf(stderr, "corpus: cannot set %s=%s\n", path, v);
        exit(1);
    }
}

static void corpus_build(corpus *c)
{
    static const char *bins[] = { "970436", "970415", "970418", "970405", "970422", "970407",
                                  "970416", "970432", "970423", "970403", "970454", "971025" };
    static const char *purposes[] = { "Hoc phi HK1 2026",    "Vien phi HD",
                                      "Le phi cap doi CCCD", "Thanh toan hoa don",
                                      "Tien dien thang 11",  "BHYT nam 2027" };
    unsigned seed = 20261123u;
    c->total_bytes = 0;
    for (int i = 0; i < CORPUS_N; i++) {
        vqr_payload p;
        char acct[20], amount[16], bill[24], purpose[32];
        vqr_payload_init(&p);
        corpus_set(&p, "38.00", "A000000727");
        corpus_set(&p, "38.01.00", bins[corpus_rand(&seed) % 12]);
        snprintf(acct, sizeof acct, "%u%05u", 100000u + corpus_rand(&seed), corpus_rand(&seed));
        corpus_set(&p, "38.01.01", acct);
        corpus_set(&p, "38.02", "QRIBFTTA");
        corpus_set(&p, "53", "704");
        corpus_set(&p, "58", "VN");
        bool dynamic = i % 5 != 0;
        corpus_set(&p, "01", dynamic ? "12" : "11");
        if (dynamic) {
            snprintf(amount, sizeof amount, "%u000", 50u + corpus_rand(&seed) % 20000u);
            corpus_set(&p, "54", amount);
            snprintf(bill, sizeof bill, "HD%08u", (unsigned)i * 7919u % 100000000u);
            corpus_set(&p, "62.01", bill);
            snprintf(purpose, sizeof purpose, "%s %04d", purposes[i % 6], i % 10000);
            corpus_set(&p, "62.08", purpose);
        }
        if (i % 3 == 0) {
            corpus_set(&p, "59", "BENH VIEN DA KHOA TINH");
            corpus_set(&p, "60", "HA NOI");
            corpus_set(&p, "52", "8062");
        }
        if (vqr_payload_write(&p, 0, c->payload[i], sizeof c->payload[i], &c->len[i], NULL) !=
            VQR_OK) {
            fprintf(stderr, "corpus: write failed\n");
            exit(1);
        }
        c->total_bytes += c->len[i];
    }
}

#endif
