/*
 * draw.c - a laid-out page onto a cairo context: rectangles, rules, text
 * through pango, and the QR code as exact rectangles built from the
 * module matrix (runs of dark modules in a row, merged with the same runs
 * of the rows below), filled as one path so that no seam shows between
 * neighbouring modules.
 */
#include "print_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void set_colour(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFFu) / 255.0, ((rgb >> 8) & 0xFFu) / 255.0,
                         (rgb & 0xFFu) / 255.0);
}

typedef struct run {
    int x0, x1, y0;
} run;

/* Appends the dark modules of `qr` to the current path, module side `m`,
 * symbol's top left at (x, y). */
static void qr_path(cairo_t *cr, const vqr_qr *qr, double x, double y, double m)
{
    int w = vqr_qr_width(qr);
    size_t n = (size_t)w * (size_t)w;
    unsigned char *mod = malloc(n);
    /* Active runs (from the rows above) and the runs of the current row:
     * at most w / 2 + 1 each. */
    run *act = malloc(sizeof(run) * ((size_t)w + 1));
    run *cur = malloc(sizeof(run) * ((size_t)w + 1));
    if (!mod || !act || !cur || vqr_qr_modules(qr, mod, n, NULL, NULL) != VQR_OK) {
        /* Out of memory: one rectangle per module, still exact. */
        for (int r = 0; r < w; r++)
            for (int col = 0; col < w; col++)
                if (vqr_qr_module(qr, col, r))
                    cairo_rectangle(cr, x + col * m, y + r * m, m, m);
        free(mod);
        free(act);
        free(cur);
        return;
    }
    size_t na = 0;
    for (int r = 0; r <= w; r++) {
        size_t nc = 0;
        if (r < w) {
            const unsigned char *row = mod + (size_t)r * (size_t)w;
            for (int col = 0; col < w;) {
                if (!row[col]) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < w && row[col])
                    col++;
                cur[nc].x0 = start;
                cur[nc].x1 = col;
                cur[nc].y0 = r;
                nc++;
            }
        }
        /* Runs that continue keep their first row; the others end here. */
        size_t i = 0, j = 0;
        while (i < na || j < nc) {
            if (j < nc && i < na && act[i].x0 == cur[j].x0 && act[i].x1 == cur[j].x1) {
                cur[j].y0 = act[i].y0;
                i++;
                j++;
            } else if (i < na && (j >= nc || act[i].x0 <= cur[j].x0)) {
                cairo_rectangle(cr, x + act[i].x0 * m, y + act[i].y0 * m,
                                (act[i].x1 - act[i].x0) * m, (r - act[i].y0) * m);
                i++;
            } else {
                j++;
            }
        }
        run *t = act;
        act = cur;
        cur = t;
        na = nc;
    }
    free(mod);
    free(act);
    free(cur);
}

/*
 * A crisp code on an RGB24 image (a PNG page): the dark modules written as
 * pixels, black, the pixels cairo fills for them without antialiasing
 * (whole device pixels each), several times faster than filling the
 * path. False, nothing drawn, unless the target is such an image, the
 * transformation a scale and a translation, and the symbol on whole
 * pixels inside it.
 */
static bool qr_pixels(cairo_t *cr, const vp_page *pg)
{
    cairo_surface_t *s = cairo_get_target(cr);
    if (!pg->qr_crisp || cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24)
        return false;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (m.xy != 0 || m.yx != 0 || m.xx != m.yy)
        return false;
    double x0 = pg->qr_x, y0 = pg->qr_y, mod = pg->module * m.xx;
    cairo_user_to_device(cr, &x0, &y0);
    long px = lround(mod), ox = lround(x0), oy = lround(y0);
    int w = vqr_qr_width(pg->qr);
    if (px < 1 || fabs(mod - (double)px) > 1e-6 || fabs(x0 - (double)ox) > 1e-6 ||
        fabs(y0 - (double)oy) > 1e-6 || ox < 0 || oy < 0 ||
        ox + px * w > cairo_image_surface_get_width(s) ||
        oy + px * w > cairo_image_surface_get_height(s))
        return false;
    size_t n = (size_t)w * (size_t)w;
    unsigned char *mods = malloc(n);
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    if (!mods || !data || vqr_qr_modules(pg->qr, mods, n, NULL, NULL) != VQR_OK) {
        free(mods);
        return false;
    }
    size_t stride = (size_t)cairo_image_surface_get_stride(s);
    for (int r = 0; r < w; r++) {
        unsigned char *first = data + (size_t)(oy + px * r) * stride;
        uint32_t *row = (uint32_t *)(void *)first + ox;
        for (int c = 0; c < w; c++)
            if (mods[(size_t)r * (size_t)w + (size_t)c])
                for (long k = 0; k < px; k++)
                    row[px * c + k] = 0xFF000000u; /* opaque black */
        for (long k = 1; k < px; k++)
            memcpy(first + (size_t)k * stride + (size_t)ox * 4, first + (size_t)ox * 4,
                   (size_t)(px * w) * 4);
    }
    free(mods);
    cairo_surface_mark_dirty_rectangle(s, (int)ox, (int)oy, (int)(px * w), (int)(px * w));
    return true;
}

/*
 * The modules as one filled path. In a PDF the path is drawn in module
 * units into a recording surface, which cairo writes as a form XObject
 * placed with one transformation: its coordinates are small whole
 * numbers, which cairo writes (and deflates) several times faster than
 * page coordinates; the rectangles are the same.
 */
static void draw_qr(cairo_t *cr, const vp_page *pg)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_PDF) {
        int w = vqr_qr_width(pg->qr);
        cairo_rectangle_t extents = { 0, 0, w, w };
        cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
        cairo_t *rc = cairo_create(rec);
        cairo_set_source_rgb(rc, 0, 0, 0);
        cairo_set_fill_rule(rc, CAIRO_FILL_RULE_WINDING);
        qr_path(rc, pg->qr, 0, 0, 1);
        cairo_fill(rc);
        cairo_destroy(rc);
        cairo_translate(cr, pg->qr_x, pg->qr_y);
        cairo_scale(cr, pg->module, pg->module);
        cairo_set_source_surface(cr, rec, 0, 0);
        cairo_paint(cr);
        cairo_surface_destroy(rec);
    } else if (!qr_pixels(cr, pg)) {
        if (pg->qr_crisp)
            cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
        cairo_new_path(cr);
        qr_path(cr, pg->qr, pg->qr_x, pg->qr_y, pg->module);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

void vp_draw_page(cairo_t *cr, const vp_page *pg, double ox, double oy)
{
    cairo_save(cr);
    cairo_translate(cr, ox, oy);
    /* Pages are drawn on white: only another background is painted. */
    if (pg->background != VP_WHITE) {
        set_colour(cr, pg->background);
        cairo_rectangle(cr, 0, 0, pg->w, pg->h);
        cairo_fill(cr);
    }
    for (size_t i = 0; i < pg->n; i++) {
        const vp_box *b = &pg->box[i];
        switch (b->kind) {
        case VP_RECT:
            set_colour(cr, b->fill);
            cairo_rectangle(cr, b->x, b->y, b->w, b->h);
            cairo_fill(cr);
            break;
        case VP_LINE:
            set_colour(cr, b->fill);
            cairo_set_line_width(cr, b->line_width);
            if (b->dashed) {
                const double dash[2] = { 2.0, 2.0 };
                cairo_set_dash(cr, dash, 2, 0);
            }
            cairo_move_to(cr, b->x, b->y);
            cairo_line_to(cr, b->x + b->w, b->y + b->h);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            break;
        case VP_TEXT:
            set_colour(cr, b->color);
            cairo_save(cr);
            cairo_translate(cr, b->ox, b->oy);
            for (int r = 0; r < b->nruns; r++) {
                const vp_run *gr = &b->runs[r];
                cairo_set_scaled_font(cr, gr->font);
                cairo_show_text_glyphs(cr, gr->utf8, gr->utf8_len, gr->glyphs, gr->nglyphs,
                                       gr->clusters, gr->nclusters, 0);
            }
            cairo_restore(cr);
            break;
        case VP_QR:
            /* the quiet zone is light whatever lies under it */
            set_colour(cr, VP_WHITE);
            cairo_rectangle(cr, b->ink[0], b->ink[1], b->ink[2], b->ink[3]);
            cairo_fill(cr);
            if (pg->qr)
                draw_qr(cr, pg);
            break;
        }
    }
    cairo_restore(cr);
}

void vp_draw_cut_marks(cairo_t *cr, double sheet_w, double sheet_h)
{
    double y = sheet_h / 2;
    cairo_save(cr);
    /* a light dashed guide across the gap between the two notices ... */
    set_colour(cr, 0x9A9A9Au);
    cairo_set_line_width(cr, 0.4);
    const double dash[2] = { 3.0, 3.0 };
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, VP_MM(10), y);
    cairo_line_to(cr, sheet_w - VP_MM(10), y);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    /* ... and crop marks at both edges */
    set_colour(cr, VP_BLACK);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, 0, y);
    cairo_line_to(cr, VP_MM(8), y);
    cairo_move_to(cr, sheet_w - VP_MM(8), y);
    cairo_line_to(cr, sheet_w, y);
    cairo_stroke(cr);
    cairo_restore(cr);
}
