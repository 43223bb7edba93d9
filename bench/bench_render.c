/*
 * bench_render.c - payload -> QR -> PNG / SVG / terminal, in microseconds
 * per operation, beside libqrencode's encode alone (the same Byte-mode
 * input, ECI header included when needed). Goal: encode + PNG at scale 4
 * within 1.5 times the encode alone. Each figure is the best of 5 rounds;
 * the ratios are also measured with the two operations interleaved call by
 * call, which holds steadier on a loaded machine.
 *
 * Usage: bench_render [seconds per measurement, default 1]
 */
#include "vietqr.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct bench_payload {
    const char *name;
    const char *data;
    vqr_ecc ecc;
} bench_payload;

static const bench_payload payloads[] = {
    { "vietqr ascii, M",
      "00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC"
      "530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203",
      VQR_ECC_M },
    { "vietqr + 64 vi, M",
      "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
      "52048062530370454061800005802VN5917BACH MAI HOSPITAL6006HA NOI"
      "62340107NPS68690819thanh toan don hang"
      "64380002VI0118B\xE1\xBB\x87nh vi\xE1\xBB\x87n B\xE1\xBA\xA1"
      "ch Mai0206H\xC3\xA0 N\xE1\xBB\x99i6304F0E5",
      VQR_ECC_M },
    { "vietqr ascii, H",
      "00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC"
      "530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203",
      VQR_ECC_H },
};

/* CPU time of this thread where the system has it (time spent waiting
 * for a CPU on a busy machine does not count), else wall-clock time. */
#ifdef CLOCK_THREAD_CPUTIME_ID
#define BENCH_CLOCK CLOCK_THREAD_CPUTIME_ID
#define BENCH_CLOCK_NAME "thread CPU time"
#else
#define BENCH_CLOCK CLOCK_MONOTONIC
#define BENCH_CLOCK_NAME "wall-clock time"
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(BENCH_CLOCK, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { OP_QRENCODE, OP_ENCODE, OP_ENCODE_PNG, OP_ENCODE_SVG, OP_PNG, OP_SVG, OP_TERM };

static const char *const op_names[] = {
    "libqrencode encode alone", "vqr_qr_encode", "encode + PNG (scale 4)", "encode + SVG",
    "PNG alone (scale 4)",      "SVG alone",     "terminal alone",
};

static volatile size_t sink;

static int run_once(int op, const bench_payload *p, const vqr_qr *pre, const vqr_render_options *o)
{
    size_t len = strlen(p->data), n = 0;
    vqr_qr *qr = NULL;
    unsigned char *png = NULL;
    char *txt = NULL;
    int eci = 0;
    size_t i;

    switch (op) {
    case OP_QRENCODE: {
        static const QRecLevel lv[] = { QR_ECLEVEL_M, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q,
                                        QR_ECLEVEL_H };
        QRinput *in = QRinput_new2(0, lv[p->ecc]);
        QRcode *c;
        for (i = 0; i < len; i++) {
            eci |= (unsigned char)p->data[i] >= 0x80;
        }
        if (in == NULL || (eci && QRinput_appendECIheader(in, 26) != 0) ||
            QRinput_append(in, QR_MODE_8, (int)len, (const unsigned char *)p->data) != 0) {
            return -1;
        }
        c = QRcode_encodeInput(in);
        QRinput_free(in);
        if (c == NULL) {
            return -1;
        }
        sink += (size_t)c->width;
        QRcode_free(c);
        return 0;
    }
    case OP_ENCODE:
    case OP_ENCODE_PNG:
    case OP_ENCODE_SVG:
        if (vqr_qr_encode(p->data, len, p->ecc, NULL, &qr, NULL) != VQR_OK) {
            return -1;
        }
        if (op == OP_ENCODE_PNG && vqr_render_png(qr, o, NULL, &png, &n, NULL) != VQR_OK) {
            return -1;
        }
        if (op == OP_ENCODE_SVG && vqr_render_svg(qr, o, NULL, &txt, &n, NULL) != VQR_OK) {
            return -1;
        }
        break;
    case OP_PNG:
        if (vqr_render_png(pre, o, NULL, &png, &n, NULL) != VQR_OK) {
            return -1;
        }
        break;
    case OP_SVG:
        if (vqr_render_svg(pre, o, NULL, &txt, &n, NULL) != VQR_OK) {
            return -1;
        }
        break;
    default:
        if (vqr_render_term(pre, o, NULL, &txt, &n, NULL) != VQR_OK) {
            return -1;
        }
        break;
    }
    sink += n;
    vqr_free(png);
    vqr_free(txt);
    vqr_qr_free(qr);
    return 0;
}

/* Microseconds per operation: the best of 5 rounds of about secs / 5
 * seconds each, so that other load on the machine counts as little as
 * possible. */
static double measure(int op, const bench_payload *p, const vqr_qr *pre,
                      const vqr_render_options *o, double secs)
{
    double best = -1.0;
    long k;
    int round;

    for (k = 0; k < 8; k++) { /* warm up */
        if (run_once(op, p, pre, o) != 0) {
            return -1.0;
        }
    }
    for (round = 0; round < 5; round++) {
        long iters = 0;
        double t0 = now(), t, us;
        do {
            for (k = 0; k < 8; k++) {
                run_once(op, p, pre, o);
            }
            iters += 8;
            t = now() - t0;
        } while (t < secs / 5);
        us = t * 1e6 / (double)iters;
        if (best < 0 || us < best) {
            best = us;
        }
    }
    return best;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Ratio of op `b` to op `a`, the two run alternately call by call so that
 * both see the same load: the median over 7 rounds of about secs / 7. */
static double paired_ratio(int a, int b, const bench_payload *p, const vqr_qr *pre,
                           const vqr_render_options *o, double secs)
{
    double ratios[7];
    int round;

    for (round = 0; round < 7; round++) {
        double ta = 0.0, tb = 0.0, start = now(), t;
        do {
            t = now();
            run_once(a, p, pre, o);
            ta += now() - t;
            t = now();
            run_once(b, p, pre, o);
            tb += now() - t;
        } while (now() - start < secs / 7);
        ratios[round] = tb / ta;
    }
    qsort(ratios, 7, sizeof ratios[0], cmp_double);
    return ratios[3];
}

int main(int argc, char **argv)
{
    double secs = argc > 1 ? atof(argv[1]) : 1.0;
    size_t pi;
    int op;

    if (!(secs > 0.0)) {
        fprintf(stderr, "usage: %s [seconds per measurement]\n", argv[0]);
        return 2;
    }
    printf("clock: %s; libqrencode %s\n", BENCH_CLOCK_NAME, QRcode_APIVersionString());
    for (pi = 0; pi < sizeof payloads / sizeof payloads[0]; pi++) {
        const bench_payload *p = &payloads[pi];
        vqr_render_options o;
        vqr_qr *pre = NULL;
        double us[7];
        unsigned char *png = NULL;
        char *svg = NULL;
        size_t png_len = 0, svg_len = 0;

        vqr_render_options_init(&o, sizeof o, NULL);
        if (vqr_qr_encode(p->data, strlen(p->data), p->ecc, NULL, &pre, NULL) != VQR_OK ||
            vqr_render_png(pre, &o, NULL, &png, &png_len, NULL) != VQR_OK ||
            vqr_render_svg(pre, &o, NULL, &svg, &svg_len, NULL) != VQR_OK) {
            fprintf(stderr, "%s: encoding failed\n", p->name);
            return 1;
        }
        printf("%s: %zu bytes, version %d, PNG %zu bytes, SVG %zu bytes\n", p->name,
               strlen(p->data), vqr_qr_version(pre), png_len, svg_len);
        vqr_free(png);
        vqr_free(svg);
        for (op = OP_QRENCODE; op <= OP_TERM; op++) {
            us[op] = measure(op, p, pre, &o, secs);
            if (us[op] < 0) {
                fprintf(stderr, "%s: %s failed\n", p->name, op_names[op]);
                return 1;
            }
            printf("  %-26s %9.2f us/op  (%.2fx encode alone)\n", op_names[op], us[op],
                   us[op] / us[OP_QRENCODE]);
        }
        printf("  interleaved, median of 7: encode + PNG = %.2fx libqrencode alone, "
               "encode + SVG = %.2fx\n",
               paired_ratio(OP_QRENCODE, OP_ENCODE_PNG, p, pre, &o, secs),
               paired_ratio(OP_QRENCODE, OP_ENCODE_SVG, p, pre, &o, secs));
        vqr_qr_free(pre);
    }
    return 0;
}
