/*
 * png.c - where a document's bytes go (the caller's allocator or write
 * function), and PNG encoding of a drawn page: 8-bit greyscale when the
 * page holds no colour, 8-bit RGB otherwise, 1-bit greyscale for thermal
 * printers; filter "Up" on every row and libdeflate at level 2 (as fast
 * as level 1 on such pages, and smaller), since pages are mostly blank, or
 * with VQR_PRINT_FAST_PNG the runs-only deflate of deflate.c (several
 * times faster, larger files); pHYs and an iTXt title.
 */
#include "print_int.h"

#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <zlib.h>

void *vp_alloc(const vqr_allocator *a, size_t n)
{
    return a ? a->malloc(a->ctx, n) : malloc(n);
}

void vp_free_mem(const vqr_allocator *a, void *p)
{
    if (!p)
        return;
    if (a)
        a->free(a->ctx, p);
    else
        free(p);
}

static bool grow(vp_out *o, size_t need)
{
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    unsigned char *p;
    if (!o->alloc) {
        p = realloc(o->p, cap);
    } else if (o->alloc->realloc) {
        p = o->alloc->realloc(o->alloc->ctx, o->p, o->cap, cap);
    } else {
        p = o->alloc->malloc(o->alloc->ctx, cap);
        if (p && o->p) {
            memcpy(p, o->p, o->n);
            o->alloc->free(o->alloc->ctx, o->p);
        }
    }
    if (!p)
        return false;
    o->p = p;
    o->cap = cap;
    return true;
}

void vp_out_append(vp_out *o, const void *data, size_t len)
{
    if (o->failed || o->write_failed || len == 0)
        return;
    if (o->write) {
        if (o->write(o->ctx, data, len) != 0)
            o->write_failed = true;
        return;
    }
    if (o->n + len < o->n || (o->n + len > o->cap && !grow(o, o->n + len))) {
        o->failed = true;
        return;
    }
    memcpy(o->p + o->n, data, len);
    o->n += len;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A chunk whose data is `a` followed by `b`. */
static void chunk2(vp_out *o, const char type[4], const void *a, size_t alen, const void *b,
                   size_t blen)
{
    unsigned char head[8], tail[4];
    put32(head, (uint32_t)(alen + blen));
    memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    if (alen)
        crc = crc32(crc, a, (uInt)alen);
    if (blen)
        crc = crc32(crc, b, (uInt)blen);
    put32(tail, (uint32_t)crc);
    vp_out_append(o, head, 8);
    vp_out_append(o, a, alen);
    vp_out_append(o, b, blen);
    vp_out_append(o, tail, 4);
}

static void chunk(vp_out *o, const char type[4], const unsigned char *data, size_t len)
{
    chunk2(o, type, data, len, NULL, 0);
}

/* IDAT chunks of at most this many bytes. */
#define IDAT_MAX 262144

static inline unsigned luma(uint32_t px)
{
    unsigned r = (px >> 16) & 0xFFu, g = (px >> 8) & 0xFFu, b = px & 0xFFu;
    return (r * 299u + g * 587u + b * 114u + 500u) / 1000u;
}

/* One row filtered "Up" into f[0, rowbytes): each byte minus the byte of
 * the row above (`above` NULL for the first row). Grey and RGB read the
 * surface directly; 1-bit rows are packed first. A row the same as the
 * one above (blank, or a QR module's) is zeros. Grey rows return whether
 * a pixel was not grey (R != G or G != B: the low 16 bits of
 * p ^ (p >> 8)), 0 if all were; no early exit, so the loop vectorises. */
static uint32_t filter_row(const uint32_t *px, const uint32_t *above, int w, int channels,
                           bool mono, unsigned char *f, unsigned char *packed,
                           const unsigned char *packed_above, size_t rowbytes)
{
    uint32_t acc = 0;
    if (above && memcmp(px, above, (size_t)w * 4) == 0) {
        if (mono)
            memcpy(packed, packed_above, rowbytes);
        memset(f, 0, rowbytes);
    } else if (mono) {
        memset(packed, 0, rowbytes);
        for (int x = 0; x < w; x++)
            if (luma(px[x]) >= 128)
                packed[x >> 3] |= (unsigned char)(0x80u >> (x & 7));
        for (size_t i = 0; i < rowbytes; i++)
            f[i] = (unsigned char)(packed[i] - (above ? packed_above[i] : 0));
    } else if (channels == 1 && above) {
        for (int x = 0; x < w; x++) {
            uint32_t p = px[x];
            acc |= (p ^ (p >> 8)) & 0xFFFFu;
            f[x] = (unsigned char)(p - above[x]);
        }
    } else if (channels == 1) {
        for (int x = 0; x < w; x++) {
            uint32_t p = px[x];
            acc |= (p ^ (p >> 8)) & 0xFFFFu;
            f[x] = (unsigned char)p;
        }
    } else {
        for (size_t x = 0; x < (size_t)w; x++) {
            uint32_t p = px[x], q = above ? above[x] : 0;
            f[3 * x] = (unsigned char)((p >> 16) - (q >> 16));
            f[3 * x + 1] = (unsigned char)((p >> 8) - (q >> 8));
            f[3 * x + 2] = (unsigned char)(p - q);
        }
    }
    return acc;
}

vqr_status vp_png_encode(cairo_surface_t *img, bool mono, bool fast, unsigned ppm,
                         const char *title, vp_out *o, vqr_error *err)
{
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    if (!data || w <= 0 || h <= 0)
        return vp_fail(err, VQR_ERR_PRINT_DRAW, "", SIZE_MAX, 0);
    /* The filtered image: each row starts with its filter type, "Up" (each
     * byte minus the byte above), which turns the blank rows of a page into
     * zeros. Then one deflate over the whole image. Greyscale first (one
     * byte a pixel); RGB from the start again if a pixel is not grey. */
    int channels = 1;
    size_t raw_len;
    unsigned char *raw, *rows;
    for (;;) {
        size_t rowbytes = mono ? ((size_t)w + 7) / 8 : (size_t)w * (size_t)channels;
        raw_len = (rowbytes + 1) * (size_t)h;
        raw = malloc(raw_len);
        rows = malloc(2 * rowbytes);
        if (!raw || !rows) {
            free(raw);
            free(rows);
            return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
        }
        unsigned char *cur = rows, *prev = rows + rowbytes;
        const uint32_t *above = NULL;
        bool grey = true;
        for (int y = 0; y < h && grey; y++) {
            const uint32_t *px =
                (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
            unsigned char *f = raw + (size_t)y * (rowbytes + 1);
            f[0] = 2;
            grey = filter_row(px, above, w, channels, mono, f + 1, cur, prev, rowbytes) == 0;
            above = px;
            unsigned char *t = prev;
            prev = cur;
            cur = t;
        }
        free(rows);
        if (grey || mono || channels == 3)
            break;
        free(raw);
        channels = 3;
    }
    struct libdeflate_compressor *z = fast ? NULL : libdeflate_alloc_compressor(2);
    size_t zcap = z      ? libdeflate_zlib_compress_bound(z, raw_len)
                  : fast ? vp_deflate_bound(raw_len)
                         : 0;
    unsigned char *zbuf = zcap ? malloc(zcap) : NULL;
    size_t zlen = 0;
    if (!zbuf) {
        free(raw);
        if (z)
            libdeflate_free_compressor(z);
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    }
    if (z) {
        zlen = libdeflate_zlib_compress(z, raw, raw_len, zbuf, zcap);
        libdeflate_free_compressor(z);
    } else {
        zlen = vp_deflate_zlib(raw, raw_len, zbuf, zcap);
    }
    free(raw);
    if (zlen == 0) {
        free(zbuf);
        return vp_fail(err, VQR_ERR_COMPRESS, "", SIZE_MAX, 0);
    }

    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    vp_out_append(o, sig, 8);
    unsigned char ihdr[13];
    put32(ihdr, (uint32_t)w);
    put32(ihdr + 4, (uint32_t)h);
    ihdr[8] = mono ? 1 : 8;
    ihdr[9] = channels == 3 ? 2 : 0;
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    chunk(o, "IHDR", ihdr, sizeof ihdr);
    if (ppm) {
        unsigned char phys[9];
        put32(phys, ppm);
        put32(phys + 4, ppm);
        phys[8] = 1;
        chunk(o, "pHYs", phys, sizeof phys);
    }
    if (title && title[0]) {
        /* iTXt: the keyword "Title" and its NUL, compression flag and method
         * (0, 0), an empty language tag and translated keyword (a NUL each),
         * then the UTF-8 text. */
        static const unsigned char head[10] = { 'T', 'i', 't', 'l', 'e', 0, 0, 0, 0, 0 };
        chunk2(o, "iTXt", head, sizeof head, title, strlen(title));
    }
    for (size_t off = 0; off < zlen; off += IDAT_MAX) {
        size_t n = zlen - off < IDAT_MAX ? zlen - off : IDAT_MAX;
        chunk(o, "IDAT", zbuf + off, n);
    }
    free(zbuf);
    chunk(o, "IEND", NULL, 0);
    if (o->failed)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    if (o->write_failed)
        return vp_fail(err, VQR_ERR_IO, "", SIZE_MAX, 0);
    vp_ok(err);
    return VQR_OK;
}
