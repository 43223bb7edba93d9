/*
 * render.h - private helpers shared by the QR encoder and the renderers
 * (qr.c, alloc.c, render_opts.c, file_atomic.c, render_png.c,
 * render_svg.c, render_term.c). Nothing here is part of the ABI.
 */
#ifndef VQR_RENDER_H
#define VQR_RENDER_H

#include "vietqr.h"

#include <stddef.h>
#include <string.h>

/* ---- allocation (alloc.c) ---- */

/* The allocator to use: `a` itself, or the C library's when `a` is NULL.
 * Returns NULL when `a` lacks malloc or free. */
const vqr_allocator *vqr_alloc_pick(const vqr_allocator *a);
void *vqr_alloc_malloc(const vqr_allocator *a, size_t size);
/* Resizes `p` (of `old_size` bytes); falls back on malloc + copy + free
 * when the allocator has no realloc. NULL on failure, `p` left intact. */
void *vqr_alloc_realloc(const vqr_allocator *a, void *p, size_t old_size, size_t new_size);
/* NULL is a no-op. */
void vqr_alloc_free(const vqr_allocator *a, void *p);

/* ---- the QR object (qr.c) ---- */

struct vqr_qr {
    vqr_allocator alloc; /* copy of the caller's, or the C library's */
    int version;
    int width;
    vqr_ecc ecc;
    bool eci;
    unsigned char modules[]; /* width * width, 1 = dark, row by row */
};

static inline bool vqr_qr_dark(const vqr_qr *qr, int x, int y)
{
    return qr->modules[(size_t)y * (size_t)qr->width + (size_t)x] != 0;
}

/* ---- options (render_opts.c) ---- */

/* Resolves `opt` (NULL = defaults) into `out` and checks every field.
 * `side` receives (width + 2 * quiet_zone) in modules. */
vqr_status vqr_render_resolve(const vqr_qr *qr, const vqr_render_options *opt,
                              vqr_render_options *out, unsigned *side, vqr_error *err);

/* What a renderer works with once its arguments are checked. */
typedef struct vqr_render_job {
    const vqr_allocator *a; /* the caller's allocator, or the C library's */
    vqr_render_options o;   /* the options, defaults filled in */
    unsigned side;          /* modules a side, quiet zone included */
} vqr_render_job;

/* The one setup of every renderer (PNG, SVG, terminal): checks `err`,
 * clears the output (`*bytes` for PNG or `*text` for text: exactly one of
 * the two is given, the other is NULL), checks `out_len`, picks the
 * allocator, resolves the options and, when `pixels` is set, checks the
 * image side against VQR_RENDER_MAX_SIDE. On VQR_OK the given output
 * pointer and `out_len` are known to be non-NULL. */
vqr_status vqr_render_setup(const vqr_qr *qr, const vqr_render_options *opt,
                            const vqr_allocator *alloc, unsigned char **bytes, char **text,
                            size_t *out_len, bool pixels, vqr_render_job *job, vqr_error *err);

/* Fills `err` with a code that is not tied to a payload position. */
vqr_status vqr_render_fail(vqr_error *err, vqr_status code, size_t limit);

/* ---- text output (render_svg.c, render_term.c) ---- */

/* A writer that only counts when `buf` is NULL. */
typedef struct vqr_sink {
    char *buf;
    size_t len;
} vqr_sink;

static inline void vqr_sink_put(vqr_sink *s, const char *str, size_t n)
{
    if (s->buf != NULL) {
        memcpy(s->buf + s->len, str, n);
    }
    s->len += n;
}

/* Appends the decimal form of `v`. */
void vqr_sink_uint(vqr_sink *s, unsigned long v);

/* ---- files (file_atomic.c) ---- */

/* Writes `len` bytes to `path` through a temporary file in the same
 * directory renamed over it; on failure nothing is left behind. */
vqr_status vqr_file_write_atomic(const char *path, const void *data, size_t len,
                                 const vqr_allocator *alloc, vqr_error *err);

#endif /* VQR_RENDER_H */
