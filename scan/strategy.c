/*
 * strategy.c - how libvietqr-scan drives its decoder: a plain pass, then,
 * when it found nothing, a pass over a smoothed copy of the image.
 */
#include "scan_int.h"

#include <stdlib.h>

typedef struct counting {
    vqr_scan_sink sink;
    void *ctx;
    unsigned found;
} counting;

static vqr_status count_codes(void *ctx, const vqr_scan_raw *raw)
{
    counting *c = ctx;
    c->found++;
    return c->sink(c->ctx, raw);
}

/*
 * out = in filtered by [1 2 1]^T [1 2 1] / 16, edges repeated. Sensor
 * noise of one pixel is what breaks a binarizer; this halves its spread
 * and leaves modules of 3 pixels and more readable.
 */
static void smooth(const unsigned char *in, unsigned w, unsigned h, size_t stride,
                   unsigned char *out, unsigned short *rows)
{
    /* rows: three rows of horizontal sums, used as a ring */
    for (unsigned y = 0; y < h + 1; y++) {
        if (y < h) {
            const unsigned char *r = in + (size_t)y * stride;
            unsigned short *d = rows + (size_t)(y % 3) * w;
            for (unsigned x = 0; x < w; x++) {
                unsigned l = r[x > 0 ? x - 1 : 0], c = r[x], rr = r[x + 1 < w ? x + 1 : x];
                d[x] = (unsigned short)(l + 2 * c + rr);
            }
        }
        if (y == 0)
            continue;
        unsigned oy = y - 1; /* the row to write: needs rows oy-1, oy, oy+1 */
        const unsigned short *a = rows + (size_t)((oy > 0 ? oy - 1 : 0) % 3) * w;
        const unsigned short *b = rows + (size_t)(oy % 3) * w;
        const unsigned short *c = rows + (size_t)((oy + 1 < h ? oy + 1 : oy) % 3) * w;
        unsigned char *o = out + (size_t)oy * w;
        for (unsigned x = 0; x < w; x++)
            o[x] = (unsigned char)((a[x] + 2u * b[x] + c[x] + 8u) >> 4);
    }
}

vqr_status vqr_scan_strategy(vqr_scan_decoder_fn decoder, const unsigned char *pixels,
                             unsigned width, unsigned height, size_t stride, unsigned flags,
                             unsigned max_codes, vqr_scan_sink sink, void *ctx, vqr_error *err)
{
    counting c = { sink, ctx, 0 };
    vqr_status st = decoder(pixels, width, height, stride, flags, max_codes, count_codes, &c, err);
    if (st != VQR_OK || c.found > 0 || (flags & VQR_SCAN_FAST))
        return st;
    unsigned char *soft = malloc((size_t)width * height);
    unsigned short *rows = malloc((size_t)width * 3 * sizeof *rows);
    if (!soft || !rows) {
        free(soft);
        free(rows);
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    }
    smooth(pixels, width, height, stride, soft, rows);
    free(rows);
    st = decoder(soft, width, height, width, flags, max_codes, count_codes, &c, err);
    free(soft);
    return st;
}
