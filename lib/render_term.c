/*
 * render_term.c - QR codes as terminal text.
 *
 * UTF-8 mode packs two module rows into each line with the half blocks
 * U+2580 (upper), U+2584 (lower), U+2588 (full) and a space. ASCII mode
 * writes "##" or two spaces per module, one module row per line, so the
 * aspect ratio stays near square in common fonts.
 *
 * A glyph paints with the terminal's text colour. By default the light
 * modules and the quiet zone are painted, which gives a dark-on-light code
 * on a terminal with light text on a dark background; VQR_RENDER_INVERT
 * paints the dark modules instead, for dark text on a light background.
 * Below an odd last row nothing is painted, in either mode.
 */
#include "common.h"
#include "render.h"

static const char glyph_full[] = "\xE2\x96\x88";  /* U+2588 FULL BLOCK */
static const char glyph_upper[] = "\xE2\x96\x80"; /* U+2580 UPPER HALF BLOCK */
static const char glyph_lower[] = "\xE2\x96\x84"; /* U+2584 LOWER HALF BLOCK */

/* Whether the module at (x, y) of the image, quiet zone included, is painted. */
static bool painted(const vqr_qr *qr, unsigned qz, bool invert, unsigned x, unsigned y)
{
    unsigned w = (unsigned)qr->width;
    bool dark = x >= qz && y >= qz && x - qz < w && y - qz < w &&
                vqr_qr_dark(qr, (int)(x - qz), (int)(y - qz));
    return invert ? dark : !dark;
}

static void term_write(vqr_sink *s, const vqr_qr *qr, const vqr_render_options *o, unsigned side)
{
    bool invert = (o->flags & VQR_RENDER_INVERT) != 0;
    unsigned qz = o->quiet_zone, x, y;

    if (o->flags & VQR_RENDER_ASCII) {
        for (y = 0; y < side; y++) {
            for (x = 0; x < side; x++) {
                vqr_sink_put(s, painted(qr, qz, invert, x, y) ? "##" : "  ", 2);
            }
            vqr_sink_put(s, "\n", 1);
        }
        return;
    }
    for (y = 0; y < side; y += 2) {
        for (x = 0; x < side; x++) {
            bool top = painted(qr, qz, invert, x, y);
            bool bottom = y + 1 < side && painted(qr, qz, invert, x, y + 1);
            if (top && bottom) {
                vqr_sink_put(s, glyph_full, 3);
            } else if (top) {
                vqr_sink_put(s, glyph_upper, 3);
            } else if (bottom) {
                vqr_sink_put(s, glyph_lower, 3);
            } else {
                vqr_sink_put(s, " ", 1);
            }
        }
        vqr_sink_put(s, "\n", 1);
    }
}

vqr_status vqr_render_term(const vqr_qr *qr, const vqr_render_options *opt,
                           const vqr_allocator *alloc, char **out, size_t *out_len, vqr_error *err)
{
    vqr_render_job job;
    vqr_sink s = { NULL, 0 };
    vqr_status st = vqr_render_setup(qr, opt, alloc, NULL, out, out_len, false, &job, err);

    if (st != VQR_OK) {
        return st;
    }
    term_write(&s, qr, &job.o, job.side);
    s.buf = vqr_alloc_malloc(job.a, s.len + 1);
    if (s.buf == NULL) {
        return vqr_render_fail(err, VQR_ERR_NO_MEMORY, 0);
    }
    s.len = 0;
    term_write(&s, qr, &job.o, job.side);
    s.buf[s.len] = '\0';
    *out = s.buf;
    *out_len = s.len;
    return VQR_OK;
}
