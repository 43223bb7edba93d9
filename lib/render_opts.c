/*
 * render_opts.c - rendering options (defaults and checks), print sizing,
 * and small helpers the renderers share.
 */
#include "common.h"
#include "render.h"

#include <math.h>
#include <stdint.h>

#define SCALE_MAX 1024u
#define DPI_MAX 100000u
#define RENDER_FLAGS_ALL (VQR_RENDER_INVERT | VQR_RENDER_ASCII)

vqr_status vqr_render_fail(vqr_error *err, vqr_status code, size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "", SIZE_MAX, limit);
    return code;
}

static void options_defaults(vqr_render_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->size = sizeof *opt;
    opt->scale = 4;
    opt->quiet_zone = 4;
    opt->foreground = 0x000000u;
    opt->background = 0xFFFFFFu;
    opt->dpi = 300;
    opt->title = NULL;
    opt->flags = VQR_RENDER_NONE;
}

vqr_status vqr_render_options_init(vqr_render_options *opt, size_t size, vqr_error *err)
{
    vqr_render_options d;

    if (vqr_error_begin(err) != VQR_OK) {
        return VQR_ERR_INVALID_ARGUMENT;
    }
    if (opt == NULL || size < sizeof(size_t) || size > VQR_STRUCT_SIZE_MAX) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, VQR_STRUCT_SIZE_MAX);
    }
    options_defaults(&d);
    memset(opt, 0, size);
    memcpy(opt, &d, size < sizeof d ? size : sizeof d);
    opt->size = size;
    return VQR_OK;
}

vqr_status vqr_render_resolve(const vqr_qr *qr, const vqr_render_options *opt,
                              vqr_render_options *out, unsigned *side, vqr_error *err)
{
    options_defaults(out);
    /* Fields past the caller's size keep their defaults; bytes past ours
     * must be zero (see sized.c). */
    if (opt != NULL && !vqr_sized_in(out, sizeof *out, opt)) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    if (qr == NULL || out->scale < 1 || out->scale > SCALE_MAX ||
        out->quiet_zone > VQR_RENDER_MAX_QUIET || out->foreground > 0xFFFFFFu ||
        out->background > 0xFFFFFFu || out->foreground == out->background || out->dpi > DPI_MAX ||
        (out->flags & ~(unsigned)RENDER_FLAGS_ALL) != 0) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    *side = (unsigned)qr->width + 2u * out->quiet_zone;
    return VQR_OK;
}

vqr_status vqr_render_setup(const vqr_qr *qr, const vqr_render_options *opt,
                            const vqr_allocator *alloc, unsigned char **bytes, char **text,
                            size_t *out_len, bool pixels, vqr_render_job *job, vqr_error *err)
{
    vqr_status st;

    if (vqr_error_begin(err) != VQR_OK) {
        return VQR_ERR_INVALID_ARGUMENT;
    }
    if (bytes != NULL) {
        *bytes = NULL;
    }
    if (text != NULL) {
        *text = NULL;
    }
    if (out_len != NULL) {
        *out_len = 0;
    }
    job->a = vqr_alloc_pick(alloc);
    if ((bytes == NULL) == (text == NULL) || out_len == NULL || job->a == NULL) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    st = vqr_render_resolve(qr, opt, &job->o, &job->side, err);
    if (st != VQR_OK) {
        return st;
    }
    if (pixels && (unsigned long)job->side * job->o.scale > VQR_RENDER_MAX_SIDE) {
        return vqr_render_fail(err, VQR_ERR_IMAGE_TOO_LARGE, VQR_RENDER_MAX_SIDE);
    }
    return VQR_OK;
}

void vqr_sink_uint(vqr_sink *s, unsigned long v)
{
    char tmp[24];
    size_t n = 0;

    do {
        tmp[sizeof tmp - 1 - n] = (char)('0' + v % 10u);
        n++;
        v /= 10u;
    } while (v != 0);
    vqr_sink_put(s, tmp + sizeof tmp - n, n);
}

static vqr_status print_size(const vqr_qr *qr, double target_mm, unsigned dpi, unsigned quiet_zone,
                             vqr_print_size *out, vqr_error *err);

vqr_status vqr_render_print_size(const vqr_qr *qr, double target_mm, unsigned dpi,
                                 unsigned quiet_zone, vqr_print_size *caller, vqr_error *err)
{
    vqr_print_size full;
    vqr_print_size *out;
    vqr_status st;

    if (vqr_error_begin(err) != VQR_OK) {
        return VQR_ERR_INVALID_ARGUMENT;
    }
    if (!vqr_sized_ok(caller)) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    out = vqr_sized_out_begin(caller, &full, sizeof full);
    st = print_size(qr, target_mm, dpi, quiet_zone, out, err);
    vqr_sized_out_end(caller, out, sizeof full);
    return st;
}

static vqr_status print_size(const vqr_qr *qr, double target_mm, unsigned dpi, unsigned quiet_zone,
                             vqr_print_size *out, vqr_error *err)
{
    double modules, per_module;
    unsigned long scale;

    if (qr == NULL || !(target_mm > 0.0) || target_mm > 1e9 || dpi < 1 || dpi > DPI_MAX ||
        quiet_zone > VQR_RENDER_MAX_QUIET) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    modules = (double)((unsigned)qr->width + 2u * quiet_zone);
    /* Pixels available per module; the epsilon keeps an exact fit (a target
     * taken from an earlier report) from rounding down. */
    per_module = target_mm / 25.4 * (double)dpi / modules;
    if (per_module + 1e-9 < (double)VQR_PRINT_MIN_SCALE) {
        /* Fewer pixels per module do not scan once printed: say so, with
         * the smallest target that works, and give the size at the
         * minimum for a caller that prints larger rather than not at all. */
        scale = VQR_PRINT_MIN_SCALE;
        out->scale = (unsigned)scale;
        out->pixels = (unsigned)(scale * (unsigned long)modules);
        out->module_mm = (double)scale * 25.4 / (double)dpi;
        out->symbol_mm = out->module_mm * (double)qr->width;
        out->total_mm = (double)out->pixels * 25.4 / (double)dpi;
        return vqr_render_fail(
            err, VQR_ERR_PRINT_TOO_SMALL,
            (size_t)ceil(modules * (double)VQR_PRINT_MIN_SCALE * 25.4 / (double)dpi - 1e-9));
    }
    if (per_module > (double)SCALE_MAX ||
        floor(per_module + 1e-9) * modules > (double)VQR_RENDER_MAX_SIDE) {
        return vqr_render_fail(err, VQR_ERR_IMAGE_TOO_LARGE, VQR_RENDER_MAX_SIDE);
    }
    scale = (unsigned long)floor(per_module + 1e-9);
    out->scale = (unsigned)scale;
    out->pixels = (unsigned)(scale * (unsigned long)modules);
    out->module_mm = (double)scale * 25.4 / (double)dpi;
    out->symbol_mm = out->module_mm * (double)qr->width;
    out->total_mm = (double)out->pixels * 25.4 / (double)dpi;
    return VQR_OK;
}
