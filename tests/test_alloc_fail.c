/*
 * test_alloc_fail.c - every allocating call, failed at its first, second,
 * ... allocation until it succeeds, through an allocator WITHOUT realloc
 * (the library then allocates, copies and frees) and on an image large
 * enough for the PNG encoder to feed deflate in several batches. Each
 * failure must be VQR_ERR_NO_MEMORY with nothing returned and nothing left
 * allocated. (tests/test_render.c runs the same loop with realloc on a
 * smaller image.)
 */
#include "testutil.h"

/* The EMVCo MPM v1.1 Annex B example: non-ASCII, so the code carries ECI. */
static const char k_payload[] =
    "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802"
    "CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412"
    "340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

typedef struct failing {
    long fail_at; /* the allocation that fails, 0-based; -1 for none */
    long calls;
    long live; /* blocks handed out and not yet freed */
} failing;

static void *f_malloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (f->calls++ == f->fail_at)
        return NULL;
    void *p = malloc(n);
    f->live += p != NULL;
    return p;
}

static void f_free(void *ctx, void *p)
{
    failing *f = ctx;
    ck_assert_ptr_nonnull(p);
    f->live--;
    free(p);
}

enum { OP_ENCODE, OP_PNG, OP_PNG_GREY, OP_SVG, OP_TERM, OP_TERM_ASCII, OP_COUNT };

static vqr_status run_op(int op, const vqr_qr *qr, const vqr_allocator *a, void **out, size_t *len)
{
    vqr_render_options o;
    vqr_render_options_init(&o, sizeof o, NULL);
    o.scale = 16;
    o.quiet_zone = 8;
    o.title = "Phí vận chuyển <Bắc Kinh> & \"Co\"";
    switch (op) {
    case OP_ENCODE:
        return vqr_qr_encode(k_payload, sizeof k_payload - 1, VQR_ECC_H, a, (vqr_qr **)out, NULL);
    case OP_PNG:
        o.foreground = 0x123456;
        o.background = 0xFEDCBA;
        return vqr_render_png(qr, &o, a, (unsigned char **)out, len, NULL);
    case OP_PNG_GREY:
        o.dpi = 0;
        return vqr_render_png(qr, &o, a, (unsigned char **)out, len, NULL);
    case OP_SVG:
        return vqr_render_svg(qr, &o, a, (char **)out, len, NULL);
    case OP_TERM:
        return vqr_render_term(qr, &o, a, (char **)out, len, NULL);
    default:
        o.flags = VQR_RENDER_ASCII | VQR_RENDER_INVERT;
        return vqr_render_term(qr, &o, a, (char **)out, len, NULL);
    }
}

/* Loop index: the operation. */
START_TEST(alloc_fail_every_step_without_realloc)
{
    vqr_qr *qr = NULL;
    ck_assert_int_eq(vqr_qr_encode(k_payload, sizeof k_payload - 1, VQR_ECC_H, NULL, &qr, NULL),
                     VQR_OK);
    ck_assert(vqr_qr_has_eci(qr));
    ck_assert_int_ge(vqr_qr_version(qr), 10); /* 1,168+ pixels a side: several deflate batches */

    /* What the default allocator gives, to compare the successful run with. */
    void *want = NULL;
    size_t want_len = 0;
    if (_i != OP_ENCODE)
        ck_assert_int_eq(run_op(_i, qr, NULL, &want, &want_len), VQR_OK);

    long n;
    bool done = false;
    for (n = 0; n < 10000 && !done; n++) {
        failing f = { n, 0, 0 };
        vqr_allocator a = { f_malloc, NULL, f_free, &f };
        void *out = (void *)&f; /* must be overwritten */
        size_t len = 99;
        vqr_status st = run_op(_i, qr, &a, &out, &len);
        if (st == VQR_OK) {
            /* (A PNG also succeeds when only its final shrink failed: it
             * keeps the larger block, with the same bytes.) */
            if (_i == OP_ENCODE) {
                ck_assert_int_eq(vqr_qr_width(out), vqr_qr_width(qr));
                vqr_qr_free(out);
            } else {
                ck_assert_uint_eq(len, want_len);
                ck_assert_mem_eq(out, want, len);
                f_free(&f, out);
            }
            done = true;
        } else {
            ck_assert_msg(st == VQR_ERR_NO_MEMORY, "op %d, allocation %ld failed: %s", _i, n,
                          vqr_status_name(st));
            ck_assert_ptr_null(out);
            if (_i != OP_ENCODE)
                ck_assert_uint_eq(len, 0);
        }
        ck_assert_msg(f.live == 0, "op %d, allocation %ld failed: %ld blocks left", _i, n, f.live);
    }
    ck_assert(done);
    ck_assert_int_gt(n, 1); /* at least one allocation was failed */
    if (want)
        vqr_free(want);
    vqr_qr_free(qr);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("alloc_fail");
    TCase *tc = tcase_create("no_realloc");
    tcase_add_loop_test(tc, alloc_fail_every_step_without_realloc, 0, OP_COUNT);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
