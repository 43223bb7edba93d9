/*
 * render_png.c - PNG output written with zlib alone (deflate + crc32).
 *
 * The image is 1-bit: greyscale (0 = black, 1 = white) for black on white,
 * otherwise a two-entry palette (0 = foreground, 1 = background), so the
 * pixel data is the same either way. Every scanline uses filter type 0:
 * with 1-bit pixels and rows repeated `scale` times, deflate's matches do
 * better than any filter would, at a fraction of the cost. Chunks: IHDR,
 * PLTE (palette only), pHYs (when dpi > 0), one IDAT, IEND.
 *
 * The output buffer is sized with deflateBound() up front, so deflate never
 * runs out of room; it is shrunk to the exact size at the end. zlib's own
 * allocations go through the caller's allocator too.
 */
#include "common.h"
#include "render.h"

#include <zlib.h>

#define PNG_LEVEL 1      /* Z_BEST_SPEED: QR images compress well anyway */
#define PNG_BATCH 32768u /* raw bytes handed to deflate at a time */

static const unsigned char png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Completes the chunk at `c` (length, type, `len` data bytes already in
 * place) with its length and CRC; returns its total size. */
static size_t chunk_close(unsigned char *c, const char type[4], size_t len)
{
    uLong crc;

    put32(c, (uint32_t)len);
    memcpy(c + 4, type, 4);
    crc = crc32(0L, c + 4, (uInt)(len + 4));
    put32(c + 8 + len, (uint32_t)crc);
    return len + 12;
}

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    const vqr_allocator *a = opaque;
    size_t n = (size_t)items * (size_t)size;

    if (size != 0 && n / size != items) {
        return Z_NULL;
    }
    return vqr_alloc_malloc(a, n);
}

static void z_free(voidpf opaque, voidpf p)
{
    vqr_alloc_free((const vqr_allocator *)opaque, p);
}

/* Draws one pixel row of module row `my` (which may be in the quiet zone)
 * into `row`: a filter byte then the bits, 1 for light. */
static void draw_row(const vqr_qr *qr, const vqr_render_options *o, unsigned my, unsigned char *row,
                     size_t rowbytes)
{
    unsigned qz = o->quiet_zone, w = (unsigned)qr->width, mx, s;
    size_t px;

    row[0] = 0;
    memset(row + 1, 0xFF, rowbytes);
    if (my < qz || my >= qz + w) {
        return;
    }
    px = (size_t)qz * o->scale;
    for (mx = 0; mx < w; mx++) {
        if (vqr_qr_dark(qr, (int)mx, (int)(my - qz))) {
            for (s = 0; s < o->scale; s++, px++) {
                row[1 + px / 8] &= (unsigned char)~(0x80u >> (px % 8));
            }
        } else {
            px += o->scale;
        }
    }
}

/* Feeds every pixel row to deflate, a batch at a time. `row` holds one
 * drawn row; `batch` holds at least one row. */
static vqr_status png_deflate(const vqr_qr *qr, const vqr_render_options *o, unsigned side,
                              z_stream *z, unsigned char *row, unsigned char *batch,
                              size_t batch_cap, size_t rowbytes, vqr_error *err)
{
    size_t used = 0, pitch = rowbytes + 1;
    unsigned my, s;
    int ret;

    for (my = 0; my < side; my++) {
        draw_row(qr, o, my, row, rowbytes);
        for (s = 0; s < o->scale; s++) {
            bool last = (my == side - 1 && s == o->scale - 1);
            memcpy(batch + used, row, pitch);
            used += pitch;
            if (!last && used + pitch <= batch_cap) {
                continue;
            }
            z->next_in = batch;
            z->avail_in = (uInt)used;
            ret = deflate(z, last ? Z_FINISH : Z_NO_FLUSH);
            if (ret == Z_MEM_ERROR) {
                return vqr_render_fail(err, VQR_ERR_NO_MEMORY, 0);
            }
            if (ret != (last ? Z_STREAM_END : Z_OK) || z->avail_in != 0) {
                return vqr_render_fail(err, VQR_ERR_COMPRESS, 0);
            }
            used = 0;
        }
    }
    return VQR_OK;
}

/* Smallest deflate window (2^9 to 2^15 bytes) that covers `raw` bytes. */
static int window_bits(size_t raw)
{
    int bits = 9;

    while (bits < 15 && ((size_t)1 << bits) < raw) {
        bits++;
    }
    return bits;
}

static vqr_status png_encode(const vqr_qr *qr, const vqr_render_options *o, unsigned side,
                             const vqr_allocator *a, unsigned char **out, size_t *out_len,
                             vqr_error *err)
{
    unsigned px = side * o->scale;
    size_t rowbytes = ((size_t)px + 7) / 8, pitch = rowbytes + 1;
    size_t raw = pitch * px, batch_cap, head, total, pos;
    bool palette = !(o->foreground == 0x000000u && o->background == 0xFFFFFFu);
    unsigned char *buf = NULL, *work = NULL, *shrunk;
    uLong bound;
    z_stream z;
    vqr_status st;
    int ret;

    memset(&z, 0, sizeof z);
    z.zalloc = z_alloc;
    z.zfree = z_free;
    z.opaque = (voidpf)a;
    ret = deflateInit2(&z, PNG_LEVEL, Z_DEFLATED, window_bits(raw), 8, Z_DEFAULT_STRATEGY);
    if (ret != Z_OK) {
        return vqr_render_fail(err, ret == Z_MEM_ERROR ? VQR_ERR_NO_MEMORY : VQR_ERR_COMPRESS, 0);
    }

    bound = deflateBound(&z, (uLong)raw);
    head = 8 + 25 + (palette ? 18 : 0) + (o->dpi > 0 ? 21 : 0);
    total = head + 12 + (size_t)bound + 12;
    batch_cap = raw < PNG_BATCH ? raw : (PNG_BATCH / pitch) * pitch;
    if (batch_cap < pitch) {
        batch_cap = pitch;
    }
    buf = vqr_alloc_malloc(a, total);
    work = buf != NULL ? vqr_alloc_malloc(a, pitch + batch_cap) : NULL;
    if (work == NULL) {
        vqr_alloc_free(a, buf);
        deflateEnd(&z);
        return vqr_render_fail(err, VQR_ERR_NO_MEMORY, 0);
    }

    memcpy(buf, png_signature, 8);
    pos = 8;
    put32(buf + pos + 8, px);
    put32(buf + pos + 12, px);
    buf[pos + 16] = 1;               /* bit depth */
    buf[pos + 17] = palette ? 3 : 0; /* colour type: palette or greyscale */
    buf[pos + 18] = 0;               /* deflate */
    buf[pos + 19] = 0;               /* adaptive filtering (type 0 used) */
    buf[pos + 20] = 0;               /* no interlace */
    pos += chunk_close(buf + pos, "IHDR", 13);
    if (palette) {
        uint32_t c[2] = { o->foreground, o->background };
        size_t i;
        for (i = 0; i < 2; i++) {
            buf[pos + 8 + 3 * i] = (unsigned char)(c[i] >> 16);
            buf[pos + 9 + 3 * i] = (unsigned char)(c[i] >> 8);
            buf[pos + 10 + 3 * i] = (unsigned char)c[i];
        }
        pos += chunk_close(buf + pos, "PLTE", 6);
    }
    if (o->dpi > 0) {
        /* pixels per metre, rounded: dpi / 0.0254 */
        uint32_t ppm = (uint32_t)(((uint64_t)o->dpi * 10000u + 127u) / 254u);
        put32(buf + pos + 8, ppm);
        put32(buf + pos + 12, ppm);
        buf[pos + 16] = 1; /* unit: metre */
        pos += chunk_close(buf + pos, "pHYs", 9);
    }

    z.next_out = buf + pos + 8;
    z.avail_out = (uInt)bound;
    st = png_deflate(qr, o, side, &z, work, work + pitch, batch_cap, rowbytes, err);
    vqr_alloc_free(a, work);
    if (st != VQR_OK) {
        deflateEnd(&z);
        vqr_alloc_free(a, buf);
        return st;
    }
    pos += chunk_close(buf + pos, "IDAT", (size_t)z.total_out);
    deflateEnd(&z);
    pos += chunk_close(buf + pos, "IEND", 0);

    shrunk = vqr_alloc_realloc(a, buf, total, pos);
    *out = shrunk != NULL ? shrunk : buf; /* a failed shrink keeps the larger block */
    *out_len = pos;
    return VQR_OK;
}

vqr_status vqr_render_png(const vqr_qr *qr, const vqr_render_options *opt,
                          const vqr_allocator *alloc, unsigned char **out, size_t *out_len,
                          vqr_error *err)
{
    vqr_render_job job;
    vqr_status st = vqr_render_setup(qr, opt, alloc, out, NULL, out_len, true, &job, err);

    if (st != VQR_OK) {
        return st;
    }
    return png_encode(qr, &job.o, job.side, job.a, out, out_len, err);
}

vqr_status vqr_render_png_file(const vqr_qr *qr, const vqr_render_options *opt, const char *path,
                               const vqr_allocator *alloc, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    const vqr_allocator *a = vqr_alloc_pick(alloc);
    unsigned char *png = NULL;
    size_t len = 0;
    vqr_status st;

    vqr_error_clear(err);
    if (path == NULL || path[0] == '\0' || a == NULL) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    st = vqr_render_png(qr, opt, a, &png, &len, err);
    if (st != VQR_OK) {
        return st;
    }
    st = vqr_file_write_atomic(path, png, len, a, err);
    vqr_alloc_free(a, png);
    return st;
}
