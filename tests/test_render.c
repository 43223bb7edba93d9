/*
 * test_render.c - QR encoding: segments read back from the matrix, the
 * smallest version, errors, print sizing, and allocation failure at every
 * step of every allocating call. Image output is tested in
 * test_render_images.c and test_render_text.c.
 */
#include "qrbits.h"
#include "render_fixtures.h"
#include "render_tools.h"

#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- payloads ---- */

/* vectors.json 14: VietQR (NAPAS) transfer with an amount and 62.08. */
static const char p_vietqr[] =
    "00020101021238600010A00000072701300006970403011697040311012345670208QRIBFTTC"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang6304A203";
/* vectors.json 41: PromptPay with an amount. */
static const char p_promptpay[] =
    "00020101021229370016A0000006770101110113006680111111153037645802TH540520.15630442BE";
/* vectors.json 0: the EMVCo Annex B example, CJK in template 64. */
static const char p_emvco_cjk[] =
    "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678"
    "520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京"
    "540523.72530315655020162330304123406"
    "03***0708A60086670902ME91320016A011223344998877"
    "0708123456786304A13A";
/* A VietQR whose 64 holds the merchant's name and city in Vietnamese; the
 * CRC is appended at run time. */
static const char p_bachmai_body[] =
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "52048062530370454061800005802VN5917BACH MAI HOSPITAL6006HA NOI"
    "62340107NPS68690819thanh toan don hang"
    "64380002VI0118Bệnh viện Bạch Mai0206Hà Nội6304";
/* Long Vietnamese text: past version 9, where the Byte count takes 16 bits. */
static const char p_long_vi_unit[] = "Thanh toán viện phí Bệnh viện Bạch Mai, học phí tháng 9. ";

static char p_bachmai[sizeof p_bachmai_body + 4];
static char p_long_vi[8 * sizeof p_long_vi_unit];
static render_payload payloads[RENDER_NPAYLOADS];

const render_payload *render_payloads(void)
{
    size_t i, n;

    if (payloads[0].data != NULL) {
        return payloads;
    }
    n = strlen(p_bachmai_body);
    memcpy(p_bachmai, p_bachmai_body, n);
    snprintf(p_bachmai + n, 5, "%04X", (unsigned)vqr_crc16(p_bachmai_body, n));
    p_long_vi[0] = '\0';
    for (i = 0; i < 7; i++) {
        strcat(p_long_vi, p_long_vi_unit);
    }
    payloads[0] = (render_payload){ "vietqr", p_vietqr, strlen(p_vietqr), false };
    payloads[1] = (render_payload){ "promptpay", p_promptpay, strlen(p_promptpay), false };
    payloads[2] = (render_payload){ "emvco-cjk", p_emvco_cjk, strlen(p_emvco_cjk), true };
    payloads[3] = (render_payload){ "vietqr-bachmai", p_bachmai, strlen(p_bachmai), true };
    payloads[4] = (render_payload){ "long-vi", p_long_vi, strlen(p_long_vi), true };
    return payloads;
}

vqr_qr *render_encode(size_t i, vqr_ecc ecc)
{
    const render_payload *p = &render_payloads()[i];
    vqr_qr *qr = NULL;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_qr_encode(p->data, p->len, ecc, NULL, &qr, &err);

    ck_assert_msg(st == VQR_OK, "%s: encode failed with %s", p->name, vqr_status_name(st));
    ck_assert_ptr_nonnull(qr);
    return qr;
}

unsigned char *render_matrix(const vqr_qr *qr)
{
    size_t w = (size_t)vqr_qr_width(qr), n = 0;
    unsigned char *m = malloc(w * w);

    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(vqr_qr_modules(qr, m, w * w, &n, NULL), VQR_OK);
    ck_assert_uint_eq(n, w * w);
    return m;
}

bool render_dark(const vqr_qr *qr, unsigned qz, long x, long y)
{
    return vqr_qr_module(qr, (int)(x - (long)qz), (int)(y - (long)qz));
}

/* ---- the payloads are what they claim ---- */

START_TEST(test_fixtures_valid)
{
    const render_payload *p = render_payloads();
    size_t i, j;

    for (i = 0; i < RENDER_NPAYLOADS; i++) {
        bool high = false;
        for (j = 0; j < p[i].len; j++) {
            high = high || (unsigned char)p[i].data[j] >= 0x80;
        }
        ck_assert_msg(high == p[i].non_ascii, "%s", p[i].name);
    }
    /* The first four are payloads with a correct CRC; the Bach Mai one,
     * built here, is valid even in strict mode (the vectors lack 59/60). */
    for (i = 0; i < 4; i++) {
        vqr_payload pl;
        vqr_error err;
        VQR_INIT(&err);
        unsigned flags = i == 3 ? VQR_PARSE_STRICT : VQR_PARSE_LENIENT;
        ck_assert_msg(vqr_payload_parse(&pl, p[i].data, p[i].len, flags, &err) == VQR_OK,
                      "%s: %s at %zu", p[i].name, err.name, err.offset);
    }
}
END_TEST

/* ---- segments read back from the matrix ---- */

/* The bits a payload needs at version v: mode + count + data (+ ECI). */
static size_t needed_bits(int v, size_t len, bool eci)
{
    return 4 + (size_t)qrbits_byte_count_bits(v) + 8 * len + (eci ? 12 : 0);
}

START_TEST(test_decoder_layout)
{
    int v;

    /* The reader's function-pattern layout leaves exactly the standard's
     * count of data modules in every version. */
    for (v = 1; v <= 40; v++) {
        ck_assert_uint_eq(qrbits_free_modules(v), qrbits_raw_modules_formula(v));
    }
    ck_assert_uint_eq(qrbits_data_codewords(1, VQR_ECC_L), 19);
    ck_assert_uint_eq(qrbits_data_codewords(40, VQR_ECC_H), 1276);
}
END_TEST

/* Loop index: payload * 4 + level. */
START_TEST(test_segments)
{
    size_t pi = (size_t)_i / 4;
    vqr_ecc ecc = (vqr_ecc)(_i % 4 + 1);
    const render_payload *p = &render_payloads()[pi];
    vqr_qr *qr = render_encode(pi, ecc);
    unsigned char *m = render_matrix(qr);
    qrbits_result r;
    int v, rc;

    rc = qrbits_read(m, vqr_qr_width(qr), &r);
    ck_assert_msg(rc == 0, "%s: bit stream unreadable (%d)", p->name, rc);
    v = r.version;
    ck_assert_int_eq(v, vqr_qr_version(qr));
    ck_assert_int_eq(vqr_qr_width(qr), 17 + 4 * v);
    ck_assert(r.format_agree);
    ck_assert_int_eq(r.ecc, ecc);
    ck_assert_int_eq(vqr_qr_ecc(qr), ecc);
    ck_assert(r.terminated);
    ck_assert(r.padding_ok);

    /* EMVCo MPM 4.12: Byte mode only, ECI 000026 first when non-ASCII. */
    if (p->non_ascii) {
        ck_assert_uint_eq(r.nseg, 2);
        ck_assert_int_eq(r.seg[0].mode, QRBITS_MODE_ECI);
        ck_assert_uint_eq(r.seg[0].eci, 26);
        ck_assert_int_eq(r.seg[1].mode, QRBITS_MODE_BYTE);
        ck_assert_uint_eq(r.seg[1].count, p->len);
    } else {
        ck_assert_uint_eq(r.nseg, 1);
        ck_assert_int_eq(r.seg[0].mode, QRBITS_MODE_BYTE);
        ck_assert_uint_eq(r.seg[0].count, p->len);
    }
    ck_assert(vqr_qr_has_eci(qr) == p->non_ascii);
    ck_assert_uint_eq(r.data_len, p->len);
    ck_assert_mem_eq(r.data, p->data, p->len);

    /* The smallest version: it fits here and not one version down. */
    ck_assert_uint_le(needed_bits(v, p->len, p->non_ascii), 8 * qrbits_data_codewords(v, ecc));
    if (v > 1) {
        ck_assert_uint_gt(needed_bits(v - 1, p->len, p->non_ascii),
                          8 * qrbits_data_codewords(v - 1, ecc));
    }
    free(m);
    vqr_qr_free(qr);
}
END_TEST

START_TEST(test_long_payload_uses_16_bit_count)
{
    vqr_qr *qr = render_encode(4, VQR_ECC_M);

    ck_assert_int_ge(vqr_qr_version(qr), 10);
    vqr_qr_free(qr);
}
END_TEST

/* ---- encoder API and errors ---- */

START_TEST(test_encode_accessors)
{
    vqr_qr *qr = render_encode(0, VQR_ECC_DEFAULT);
    int w = vqr_qr_width(qr);
    unsigned char small[10];
    size_t n = 0;
    vqr_error err;
    VQR_INIT(&err);

    ck_assert_int_eq(vqr_qr_ecc(qr), VQR_ECC_M);
    ck_assert(!vqr_qr_has_eci(qr));
    /* finder pattern corners are dark, the separator next to it light */
    ck_assert(vqr_qr_module(qr, 0, 0));
    ck_assert(vqr_qr_module(qr, w - 1, 0));
    ck_assert(vqr_qr_module(qr, 0, w - 1));
    ck_assert(!vqr_qr_module(qr, 7, 0));
    ck_assert(!vqr_qr_module(qr, -1, 0));
    ck_assert(!vqr_qr_module(qr, 0, w));
    ck_assert(!vqr_qr_module(qr, w, 0));
    ck_assert(!vqr_qr_module(NULL, 0, 0));
    ck_assert_int_eq(vqr_qr_width(NULL), 0);
    ck_assert_int_eq(vqr_qr_version(NULL), 0);
    ck_assert_int_eq(vqr_qr_ecc(NULL), VQR_ECC_DEFAULT);
    ck_assert(!vqr_qr_has_eci(NULL));

    memset(small, 0xAB, sizeof small);
    ck_assert_int_eq(vqr_qr_modules(qr, small, sizeof small, &n, &err), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, (size_t)w * (size_t)w);
    ck_assert_uint_eq(err.limit, (size_t)w * (size_t)w);
    ck_assert_uint_eq(small[0], 0xAB);
    ck_assert_int_eq(vqr_qr_modules(qr, NULL, 0, &n, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(vqr_qr_modules(qr, NULL, 5, &n, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_qr_modules(NULL, small, sizeof small, &n, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_qr_free(qr);
    vqr_qr_free(NULL);
    vqr_free(NULL);
}
END_TEST

START_TEST(test_encode_errors)
{
    vqr_qr *qr = (vqr_qr *)&qr;
    vqr_allocator no_free = { NULL, NULL, NULL, NULL };
    vqr_error err;
    VQR_INIT(&err);

    ck_assert_int_eq(vqr_qr_encode("A", 1, VQR_ECC_M, NULL, NULL, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_qr_encode(NULL, 1, VQR_ECC_M, NULL, &qr, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(qr);
    ck_assert_int_eq(vqr_qr_encode("A", 1, (vqr_ecc)5, NULL, &qr, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_qr_encode("A", 1, (vqr_ecc)-1, NULL, &qr, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_qr_encode("A", 1, VQR_ECC_M, &no_free, &qr, &err),
                     VQR_ERR_INVALID_ARGUMENT);

    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_qr_encode("", 0, VQR_ECC_M, NULL, &qr, &err), VQR_ERR_QR_EMPTY);
    ck_assert_int_eq(err.code, VQR_ERR_QR_EMPTY);
    ck_assert_str_eq(err.name, "VQR_ERR_QR_EMPTY");
    ck_assert_ptr_null(qr);
    ck_assert_int_eq(vqr_qr_encode(NULL, 0, VQR_ECC_M, NULL, &qr, NULL), VQR_ERR_QR_EMPTY);

    /* malformed UTF-8: the offset of the first bad byte */
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_qr_encode("ab\xC3(", 4, VQR_ECC_M, NULL, &qr, &err), VQR_ERR_UTF8);
    /*                               ^ byte 2 */
    ck_assert_int_eq(err.code, VQR_ERR_UTF8);
    ck_assert_uint_eq(err.offset, 2);
    ck_assert_uint_eq(err.char_offset, 2);
    ck_assert_ptr_null(qr);
}
END_TEST

/* Loop index: level 1-4. The last byte that fits and the first that
 * does not, with and without the ECI header. */
START_TEST(test_encode_too_long)
{
    static char buf[4096];
    vqr_ecc ecc = (vqr_ecc)_i;
    size_t cap = qrbits_data_codewords(40, ecc) - 3;
    vqr_qr *qr = NULL;
    vqr_error err;
    VQR_INIT(&err);
    int eci;

    for (eci = 0; eci < 2; eci++) {
        size_t fit = cap - (size_t)eci;
        memset(buf, 'A', sizeof buf);
        if (eci) {
            memcpy(buf, "\xC3\xA9", 2); /* é */
        }
        ck_assert_int_eq(vqr_qr_encode(buf, fit, ecc, NULL, &qr, &err), VQR_OK);
        ck_assert_int_eq(vqr_qr_version(qr), 40);
        ck_assert(vqr_qr_has_eci(qr) == (eci != 0));
        vqr_qr_free(qr);

        memset(&err, 0xFF, sizeof err);
        err.size = sizeof err;
        ck_assert_int_eq(vqr_qr_encode(buf, fit + 1, ecc, NULL, &qr, &err), VQR_ERR_QR_TOO_LONG);
        ck_assert_ptr_null(qr);
        ck_assert_int_eq(err.code, VQR_ERR_QR_TOO_LONG);
        ck_assert_uint_eq(err.limit, fit);
        ck_assert_str_eq(err.name, "VQR_ERR_QR_TOO_LONG");
    }
}
END_TEST

START_TEST(test_status_messages)
{
    static const vqr_status codes[] = { VQR_ERR_QR_TOO_LONG,     VQR_ERR_QR_EMPTY,
                                        VQR_ERR_QR_ENCODER,      VQR_ERR_IMAGE_TOO_LARGE,
                                        VQR_ERR_PRINT_TOO_SMALL, VQR_ERR_COMPRESS };
    static const char *const names[] = { "VQR_ERR_QR_TOO_LONG",     "VQR_ERR_QR_EMPTY",
                                         "VQR_ERR_QR_ENCODER",      "VQR_ERR_IMAGE_TOO_LARGE",
                                         "VQR_ERR_PRINT_TOO_SMALL", "VQR_ERR_COMPRESS" };
    size_t i;

    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        ck_assert_int_eq(codes[i], 150 + (int)i);
        ck_assert_str_eq(vqr_status_name(codes[i]), names[i]);
        ck_assert_str_ne(vqr_strerror(codes[i]), "unknown error");
        ck_assert_str_ne(vqr_strerror_vi(codes[i]), vqr_strerror(codes[i]));
    }
}
END_TEST

/* ---- several threads at once ---- */

#define THREADS 4
#define ROUNDS 12

typedef struct thread_job {
    int seed;
    int mismatches;
    unsigned char *reference[RENDER_NPAYLOADS][4];
} thread_job;

static void *encode_many(void *arg)
{
    thread_job *job = arg;
    int r;

    for (r = 0; r < ROUNDS; r++) {
        size_t pi = (size_t)(r + job->seed) % RENDER_NPAYLOADS;
        int e = (r + job->seed) % 4;
        const render_payload *p = &render_payloads()[pi];
        vqr_qr *qr = NULL;
        unsigned char *png = NULL;
        size_t w, n = 0;
        unsigned char m[177 * 177];

        if (vqr_qr_encode(p->data, p->len, (vqr_ecc)(e + 1), NULL, &qr, NULL) != VQR_OK ||
            vqr_render_png(qr, NULL, NULL, &png, &n, NULL) != VQR_OK) {
            job->mismatches++;
            vqr_qr_free(qr);
            continue;
        }
        w = (size_t)vqr_qr_width(qr);
        if (vqr_qr_modules(qr, m, sizeof m, &n, NULL) != VQR_OK ||
            memcmp(m, job->reference[pi][e], w * w) != 0) {
            job->mismatches++;
        }
        vqr_free(png);
        vqr_qr_free(qr);
    }
    return NULL;
}

/* Several threads encode and render at once (libqrencode's shared
 * Reed-Solomon tables are guarded by a mutex in Debian's build); every
 * matrix must equal the one a single thread made. */
START_TEST(test_threads)
{
    static unsigned char ref[RENDER_NPAYLOADS][4][177 * 177];
    thread_job jobs[THREADS];
    pthread_t tid[THREADS];
    size_t pi;
    int t, e;

    for (pi = 0; pi < RENDER_NPAYLOADS; pi++) {
        for (e = 0; e < 4; e++) {
            vqr_qr *qr = render_encode(pi, (vqr_ecc)(e + 1));
            unsigned char *m = render_matrix(qr);
            size_t w = (size_t)vqr_qr_width(qr);
            memcpy(ref[pi][e], m, w * w);
            free(m);
            vqr_qr_free(qr);
        }
    }
    memset(jobs, 0, sizeof jobs);
    for (t = 0; t < THREADS; t++) {
        jobs[t].seed = t * 5;
        for (pi = 0; pi < RENDER_NPAYLOADS; pi++) {
            for (e = 0; e < 4; e++) {
                jobs[t].reference[pi][e] = ref[pi][e];
            }
        }
    }
    for (t = 0; t < THREADS; t++) {
        ck_assert_int_eq(pthread_create(&tid[t], NULL, encode_many, &jobs[t]), 0);
    }
    for (t = 0; t < THREADS; t++) {
        ck_assert_int_eq(pthread_join(tid[t], NULL), 0);
    }
    for (t = 0; t < THREADS; t++) {
        ck_assert_int_eq(jobs[t].mismatches, 0);
    }
}
END_TEST

/* ---- print sizing ---- */

START_TEST(test_print_size)
{
    vqr_qr *qr = NULL;
    vqr_print_size ps, again;
    VQR_INIT(&ps);
    VQR_INIT(&again);
    vqr_error err;
    VQR_INIT(&err);

    ck_assert_int_eq(vqr_qr_encode("HELLO", 5, VQR_ECC_M, NULL, &qr, NULL), VQR_OK);
    ck_assert_int_eq(vqr_qr_width(qr), 21);

    /* 25 mm at 300 dpi = 295.3 px for 29 modules: 10 px a module. */
    ck_assert_int_eq(vqr_render_print_size(qr, 25.0, 300, 4, &ps, &err), VQR_OK);
    ck_assert_uint_eq(ps.scale, 10);
    ck_assert_uint_eq(ps.pixels, 290);
    ck_assert(fabs(ps.total_mm - 290 * 25.4 / 300) < 1e-9);
    ck_assert(fabs(ps.module_mm - 10 * 25.4 / 300) < 1e-9);
    ck_assert(fabs(ps.symbol_mm - 210 * 25.4 / 300) < 1e-9);
    ck_assert(ps.total_mm <= 25.0);

    /* A target taken from a report gives the same scale back. */
    ck_assert_int_eq(vqr_render_print_size(qr, ps.total_mm, 300, 4, &again, NULL), VQR_OK);
    ck_assert_uint_eq(again.scale, 10);

    /* No quiet zone, 600 dpi, 30 mm: 708.7 px / 21 = 33 px. */
    ck_assert_int_eq(vqr_render_print_size(qr, 30.0, 600, 0, &ps, NULL), VQR_OK);
    ck_assert_uint_eq(ps.scale, 33);
    ck_assert_uint_eq(ps.pixels, 693);

    /* 5 mm at 100 dpi is 19.7 px for 29 modules: under 3 a module. The
     * error says the smallest size that gives 3, and the size at 3 is
     * reported all the same. */
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    memset(&ps, 0, sizeof ps);
    ps.size = sizeof ps;
    ck_assert_int_eq(vqr_render_print_size(qr, 5.0, 100, 4, &ps, &err), VQR_ERR_PRINT_TOO_SMALL);
    ck_assert_int_eq(err.code, VQR_ERR_PRINT_TOO_SMALL);
    ck_assert_uint_eq(err.limit, 23); /* ceil(29 * 3 * 25.4 / 100) mm */
    ck_assert_uint_eq(ps.scale, VQR_PRINT_MIN_SCALE);
    ck_assert_uint_eq(ps.pixels, 87);
    ck_assert(fabs(ps.total_mm - 87 * 25.4 / 100) < 1e-9);
    /* 1 and 2 pixels a module are refused too (0.1 took them). */
    ck_assert_int_eq(vqr_render_print_size(qr, 8.0, 100, 4, &ps, NULL), VQR_ERR_PRINT_TOO_SMALL);
    ck_assert_int_eq(vqr_render_print_size(qr, 22.0, 100, 4, &ps, NULL), VQR_ERR_PRINT_TOO_SMALL);
    ck_assert_int_eq(vqr_render_print_size(qr, 23.0, 100, 4, &ps, NULL), VQR_OK);
    ck_assert_uint_eq(ps.scale, 3);
    /* Exactly 3 a module: 87 px at 100 dpi is 22.098 mm. */
    ck_assert_int_eq(vqr_render_print_size(qr, 87 * 25.4 / 100, 100, 4, &ps, NULL), VQR_OK);
    ck_assert_uint_eq(ps.scale, 3);

    ck_assert_int_eq(vqr_render_print_size(qr, 5000.0, 1200, 4, &ps, &err),
                     VQR_ERR_IMAGE_TOO_LARGE);
    ck_assert_int_eq(vqr_render_print_size(NULL, 25.0, 300, 4, &ps, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, 25.0, 300, 4, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, 0.0, 300, 4, &ps, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, -1.0, 300, 4, &ps, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, NAN, 300, 4, &ps, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, INFINITY, 300, 4, &ps, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, 25.0, 0, 4, &ps, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, 25.0, 100001, 4, &ps, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_print_size(qr, 25.0, 300, 65, &ps, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_qr_free(qr);
}
END_TEST

/* ---- allocation failure at every step ---- */

typedef struct failing {
    long fail_at; /* the call that fails (0-based) */
    long calls;
    long live; /* blocks handed out and not freed */
} failing;

static void *f_malloc(void *ctx, size_t n)
{
    failing *f = ctx;
    void *p;

    if (f->calls++ == f->fail_at) {
        return NULL;
    }
    p = malloc(n);
    f->live += p != NULL;
    return p;
}

static void *f_realloc(void *ctx, void *p, size_t old_size, size_t n)
{
    failing *f = ctx;
    (void)old_size;
    if (f->calls++ == f->fail_at) {
        return NULL;
    }
    return realloc(p, n);
}

static void f_free(void *ctx, void *p)
{
    failing *f = ctx;
    ck_assert_ptr_nonnull(p);
    f->live--;
    free(p);
}

enum { OP_ENCODE, OP_PNG, OP_PNG_PALETTE, OP_SVG, OP_TERM, OP_PNG_FILE, OP_SVG_FILE, OP_COUNT };

static vqr_status run_op(int op, const vqr_qr *qr, const vqr_allocator *a, void **out,
                         const char *dir)
{
    const render_payload *p = &render_payloads()[3];
    vqr_render_options o;
    char path[4200];
    size_t len;

    vqr_render_options_init(&o, sizeof o, NULL);
    o.title = "Bệnh viện <Bạch Mai>";
    switch (op) {
    case OP_ENCODE:
        return vqr_qr_encode(p->data, p->len, VQR_ECC_Q, a, (vqr_qr **)out, NULL);
    case OP_PNG:
        return vqr_render_png(qr, &o, a, (unsigned char **)out, &len, NULL);
    case OP_PNG_PALETTE:
        o.foreground = 0x102030;
        o.background = 0xF0E0D0;
        o.scale = 9;
        return vqr_render_png(qr, &o, a, (unsigned char **)out, &len, NULL);
    case OP_SVG:
        return vqr_render_svg(qr, &o, a, (char **)out, &len, NULL);
    case OP_TERM:
        return vqr_render_term(qr, &o, a, (char **)out, &len, NULL);
    case OP_PNG_FILE:
        snprintf(path, sizeof path, "%s/out.png", dir);
        return vqr_render_png_file(qr, &o, path, a, NULL);
    default:
        snprintf(path, sizeof path, "%s/out.svg", dir);
        return vqr_render_svg_file(qr, &o, path, a, NULL);
    }
}

/* Loop index: the operation. Fails allocation 0, 1, 2, ... until the call
 * succeeds; every failure must be VQR_ERR_NO_MEMORY with nothing leaked. */
START_TEST(test_alloc_failure)
{
    vqr_qr *qr = render_encode(3, VQR_ECC_Q);
    char dir[4200], name[32];
    long n;
    bool done = false;

    snprintf(name, sizeof name, "alloc-%d", _i);
    ck_assert_int_eq(mkdir(scratch_path(dir, sizeof dir, name), 0700), 0);

    for (n = 0; n < 1000 && !done; n++) {
        failing f = { n, 0, 0 };
        vqr_allocator a = { f_malloc, f_realloc, f_free, &f };
        void *out = NULL;
        vqr_status st = run_op(_i, qr, &a, &out, dir);

        if (st == VQR_OK) {
            ck_assert_msg(n > 0, "op %d made no allocation through the allocator", _i);
            if (_i == OP_ENCODE) {
                vqr_qr_free(out);
            } else if (out != NULL) {
                f_free(&f, out);
            }
            done = true;
        } else {
            ck_assert_msg(st == VQR_ERR_NO_MEMORY, "op %d, failing call %ld: %s", _i, n,
                          vqr_status_name(st));
            ck_assert_ptr_null(out);
        }
        ck_assert_msg(f.live == 0, "op %d, failing call %ld: %ld blocks leaked", _i, n, f.live);
        /* a file is there whole or not at all, and no temporary file stays */
        ck_assert_int_eq(dir_count(dir), (_i >= OP_PNG_FILE && st == VQR_OK) ? 1 : 0);
        /* a custom allocator without realloc works as well */
        if (done) {
            failing g = { -1, 0, 0 };
            vqr_allocator b = { f_malloc, NULL, f_free, &g };
            out = NULL;
            ck_assert_int_eq(run_op(_i, qr, &b, &out, dir), VQR_OK);
            if (_i == OP_ENCODE) {
                vqr_qr_free(out);
            } else if (out != NULL) {
                f_free(&g, out);
            }
            ck_assert_int_eq(g.live, 0);
        }
    }
    ck_assert(done);
    vqr_qr_free(qr);
}
END_TEST

static Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc;

    tc = tcase_create("encode");
    tcase_add_test(tc, test_fixtures_valid);
    tcase_add_test(tc, test_decoder_layout);
    tcase_add_loop_test(tc, test_segments, 0, RENDER_NPAYLOADS * 4);
    tcase_add_test(tc, test_long_payload_uses_16_bit_count);
    tcase_add_test(tc, test_encode_accessors);
    tcase_add_test(tc, test_encode_errors);
    tcase_add_loop_test(tc, test_encode_too_long, VQR_ECC_L, VQR_ECC_H + 1);
    tcase_add_test(tc, test_status_messages);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    tc = tcase_create("threads");
    tcase_add_test(tc, test_threads);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);

    tc = tcase_create("print");
    tcase_add_test(tc, test_print_size);
    suite_add_tcase(s, tc);

    tc = tcase_create("alloc");
    tcase_add_loop_test(tc, test_alloc_failure, 0, OP_COUNT);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);

    suite_add_tcase(s, render_tcase_images());
    suite_add_tcase(s, render_tcase_svg());
    suite_add_tcase(s, render_tcase_term());
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;

    render_payloads();
    if (scratch_dir() == NULL) {
        fprintf(stderr, "cannot create a scratch directory\n");
        return 1;
    }
    sr = srunner_create(render_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    scratch_remove();
    return failed == 0 ? 0 : 1;
}
