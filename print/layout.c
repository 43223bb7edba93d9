/*
 * layout.c - placing text and the QR code on a page.
 *
 * A text gets a place (x, y, width, greatest height). It is laid out by
 * pango at its nominal size, wrapped at word boundaries without inserted
 * hyphens; when it needs more lines or more height than the place gives,
 * its size goes down in steps to the smallest size allowed; when even that
 * does not fit, the call fails naming the field. Nothing is ever clipped.
 * The place a text occupies is the union of its ink and of its lines, so
 * that accents stacked above capitals stay inside it.
 *
 * Layout measures with hinted metrics off, so a page has the same line
 * breaks in every format and at every resolution.
 */
#include "print_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PangoContext *vp_pango_context(bool raster)
{
    /* pango_cairo_font_map_get_default() is per thread (pango >= 1.32.6):
     * threads never share a font map. The map is owned by pango. */
    PangoFontMap *fm = pango_cairo_font_map_get_default();
    if (!fm)
        return NULL;
    PangoContext *pc = pango_font_map_create_context(fm);
    if (!pc)
        return NULL;
    pango_cairo_context_set_resolution(pc, 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, raster ? CAIRO_HINT_STYLE_SLIGHT : CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_language(pc, pango_language_from_string("vi"));
    return pc;
}

static vp_box *new_box(vp_page *pg, vp_kind kind, const char *field)
{
    if (pg->n == pg->cap) {
        size_t cap = pg->cap ? 2 * pg->cap : 32;
        vp_box *b = realloc(pg->box, cap * sizeof *b);
        if (!b)
            return NULL;
        pg->box = b;
        pg->cap = cap;
    }
    vp_box *b = &pg->box[pg->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    (void)snprintf(b->field, sizeof b->field, "%s", field ? field : "");
    return b;
}

static void set_rect(double r[4], double x, double y, double w, double h)
{
    r[0] = x;
    r[1] = y;
    r[2] = w;
    r[3] = h;
}

static void configure(PangoLayout *pl, const vp_ctx *c, const vp_style *s, double size, double w)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, c->family);
    pango_font_description_set_weight(fd, (PangoWeight)s->weight);
    pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(pl, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(pl, (int)floor(w * PANGO_SCALE));
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(pl, s->align == 1   ? PANGO_ALIGN_CENTER
                                   : s->align == 2 ? PANGO_ALIGN_RIGHT
                                                   : PANGO_ALIGN_LEFT);
    if (s->leading > 0)
        pango_layout_set_spacing(pl, (int)lround(size * s->leading * PANGO_SCALE));
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(pl, attrs);
    pango_attr_list_unref(attrs);
}

vqr_status vp_text(vp_ctx *c, vp_page *pg, const char *field, const char *text, double x, double y,
                   double w, double h_max, const vp_style *s, double *used, vqr_error *err)
{
    if (used)
        *used = 0;
    if (!text || !text[0])
        return VQR_OK;
    PangoLayout *pl = pango_layout_new(c->pango);
    if (!pl)
        return vp_fail(err, VQR_ERR_NO_MEMORY, field, SIZE_MAX, 0);
    pango_layout_set_text(pl, text, -1);
    double nominal = s->size * c->scale;
    if (nominal < s->min)
        nominal = s->min;
    double size = nominal;
    double step = nominal >= 16 ? 1.0 : 0.5;
    PangoRectangle ink, logical;
    double top = 0, bottom = 0;
    int lines = 0;
    for (bool first = true;; first = false) {
        configure(pl, c, s, size, w);
        /* A glyph missing from every font is missing at any size: checked
         * once, in the font the text is drawn in (the layout made here is
         * the one measured below). */
        if (first && pango_layout_get_unknown_glyphs_count(pl) > 0) {
            g_object_unref(pl);
            return vp_fail(err, VQR_ERR_PRINT_FONT, field, SIZE_MAX, 0);
        }
        pango_layout_get_extents(pl, &ink, &logical);
        lines = pango_layout_get_line_count(pl);
        top = fmin(ink.y, logical.y) / (double)PANGO_SCALE;
        bottom = fmax(ink.y + ink.height, logical.y + logical.height) / (double)PANGO_SCALE;
        double left = fmin(ink.x, logical.x) / (double)PANGO_SCALE;
        double right = fmax(ink.x + ink.width, logical.x + logical.width) / (double)PANGO_SCALE;
        bool fits = (s->max_lines == 0 || lines <= s->max_lines) && bottom - top <= h_max &&
                    left >= 0 && right <= w;
        if (fits)
            break;
        if (size <= s->min) {
            g_object_unref(pl);
            return vp_fail(err, VQR_ERR_PRINT_TEXT_TOO_LONG, field, SIZE_MAX,
                           (size_t)(s->max_lines > 0 ? s->max_lines : 0));
        }
        size = fmax(s->min, size - step);
    }
    vp_box *b = new_box(pg, VP_TEXT, field);
    char *copy = strdup(text);
    if (!b || !copy) {
        free(copy);
        if (b)
            pg->n--;
        g_object_unref(pl);
        return vp_fail(err, VQR_ERR_NO_MEMORY, field, SIZE_MAX, 0);
    }
    double height = bottom - top;
    double dy = 0;
    if (s->fixed && s->valign == 1)
        dy = (h_max - height) / 2;
    else if (s->fixed && s->valign == 2)
        dy = h_max - height;
    b->layout = pl;
    b->text = copy;
    b->x = x;
    b->y = y;
    b->w = w;
    b->h = s->fixed ? h_max : height;
    b->ox = x;
    b->oy = y + dy - top;
    b->size = size;
    b->nominal = nominal;
    b->min_size = s->min;
    b->lines = lines;
    b->max_lines = s->max_lines;
    b->color = c->mono ? VP_BLACK : s->color;
    set_rect(b->ink, b->ox + ink.x / (double)PANGO_SCALE, b->oy + ink.y / (double)PANGO_SCALE,
             ink.width / (double)PANGO_SCALE, ink.height / (double)PANGO_SCALE);
    set_rect(b->logical, b->ox + logical.x / (double)PANGO_SCALE,
             b->oy + logical.y / (double)PANGO_SCALE, logical.width / (double)PANGO_SCALE,
             logical.height / (double)PANGO_SCALE);
    if (used)
        *used = b->h;
    return VQR_OK;
}

bool vp_last_line(const vp_page *pg, double *right, double *top, double *bottom)
{
    if (pg->n == 0 || pg->box[pg->n - 1].kind != VP_TEXT)
        return false;
    const vp_box *b = &pg->box[pg->n - 1];
    PangoLayoutIter *it = pango_layout_get_iter(b->layout);
    while (!pango_layout_iter_at_last_line(it))
        pango_layout_iter_next_line(it);
    PangoRectangle ink, logical;
    pango_layout_iter_get_line_extents(it, &ink, &logical);
    pango_layout_iter_free(it);
    double l1 = (logical.x + logical.width) / (double)PANGO_SCALE;
    double i1 = (ink.x + ink.width) / (double)PANGO_SCALE;
    *right = b->ox + (i1 > l1 ? i1 : l1);
    *top = b->oy + logical.y / (double)PANGO_SCALE;
    *bottom = b->oy + (logical.y + logical.height) / (double)PANGO_SCALE;
    return true;
}

vqr_status vp_qr(vp_ctx *c, vp_page *pg, const vqr_qr *qr, double x, double y, double side,
                 double *used, vqr_error *err)
{
    const int quiet = 4;
    int modules = vqr_qr_width(qr) + 2 * quiet;
    double module;
    if (c->grid > 0) {
        /* Whole device pixels per module, the symbol on the pixel grid. */
        int px = (int)floor(side * c->grid / modules + 1e-9);
        if (px < c->min_module_px || px / c->grid < c->min_module_pt - 1e-9)
            return vp_fail(err, VQR_ERR_PRINT_QR_TOO_DENSE, "qr", SIZE_MAX, (size_t)modules);
        module = px / c->grid;
    } else {
        module = side / modules;
        if (module < c->min_module_pt - 1e-9)
            return vp_fail(err, VQR_ERR_PRINT_QR_TOO_DENSE, "qr", SIZE_MAX, (size_t)modules);
    }
    double total = module * modules;
    double qx = x + (side - total) / 2, qy = y + (side - total) / 2;
    if (c->grid > 0) {
        qx = floor(qx * c->grid + 0.5) / c->grid;
        qy = floor(qy * c->grid + 0.5) / c->grid;
    }
    vp_box *b = new_box(pg, VP_QR, "qr");
    if (!b)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "qr", SIZE_MAX, 0);
    b->x = x;
    b->y = y;
    b->w = side;
    b->h = side;
    b->module = module;
    b->modules = modules;
    b->text = NULL;
    set_rect(b->ink, qx, qy, total, total);
    set_rect(b->logical, qx, qy, total, total);
    pg->qr = qr;
    pg->qr_x = qx + quiet * module;
    pg->qr_y = qy + quiet * module;
    pg->module = module;
    pg->qr_crisp = c->grid > 0;
    if (used)
        *used = side;
    return VQR_OK;
}

vqr_status vp_rect(vp_page *pg, double x, double y, double w, double h, uint32_t fill)
{
    vp_box *b = new_box(pg, VP_RECT, "");
    if (!b)
        return VQR_ERR_NO_MEMORY;
    b->x = x;
    b->y = y;
    b->w = w;
    b->h = h;
    b->fill = fill;
    return VQR_OK;
}

vqr_status vp_line(vp_page *pg, double x0, double y0, double x1, double y1, double width,
                   uint32_t colour, bool dashed)
{
    vp_box *b = new_box(pg, VP_LINE, "");
    if (!b)
        return VQR_ERR_NO_MEMORY;
    b->x = x0;
    b->y = y0;
    b->w = x1 - x0;
    b->h = y1 - y0;
    b->fill = colour;
    b->line_width = width;
    b->dashed = dashed;
    return VQR_OK;
}

void vp_box_release(vp_box *b)
{
    if (b->layout)
        g_object_unref(b->layout);
    b->layout = NULL;
    for (int r = 0; r < b->nruns; r++) {
        cairo_scaled_font_destroy(b->runs[r].font);
        free(b->runs[r].glyphs);
        free(b->runs[r].clusters);
    }
    free(b->runs);
    b->runs = NULL;
    b->nruns = 0;
    free(b->text);
    b->text = NULL;
}

void vp_page_free(vp_page *pg)
{
    for (size_t i = 0; i < pg->n; i++)
        vp_box_release(&pg->box[i]);
    free(pg->box);
    pg->box = NULL;
    pg->n = pg->cap = 0;
}

/*
 * One pango run (a glyph item) as a vp_run: the glyphs at their positions
 * (x from the run's start, y on the line's baseline, with each glyph's own
 * offsets), and the clusters from pango's log_clusters, which give the
 * byte where each glyph's text starts within the item.
 */
static bool freeze_run(const PangoLayoutRun *run, const char *text, double x0, double baseline,
                       vp_run *out)
{
    const PangoItem *item = run->item;
    const PangoGlyphString *gs = run->glyphs;
    memset(out, 0, sizeof *out);
    cairo_scaled_font_t *sf =
        pango_cairo_font_get_scaled_font((PangoCairoFont *)item->analysis.font);
    if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
        return false;
    out->font = cairo_scaled_font_reference(sf);
    out->utf8 = text + item->offset;
    out->utf8_len = item->length;
    out->glyphs = malloc(sizeof *out->glyphs * (size_t)(gs->num_glyphs ? gs->num_glyphs : 1));
    out->clusters = malloc(sizeof *out->clusters * (size_t)(gs->num_glyphs + 1));
    if (!out->glyphs || !out->clusters)
        return false;
    double x = x0;
    int n = 0, nc = 0;
    for (int i = 0; i < gs->num_glyphs; i++) {
        const PangoGlyphInfo *g = &gs->glyphs[i];
        bool drawn = g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG);
        if (drawn) {
            out->glyphs[n].index = g->glyph;
            out->glyphs[n].x = x + g->geometry.x_offset / (double)PANGO_SCALE;
            out->glyphs[n].y = baseline + g->geometry.y_offset / (double)PANGO_SCALE;
            n++;
        }
        x += g->geometry.width / (double)PANGO_SCALE;
        /* a new cluster where the text position changes (left to right) */
        if (i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1]) {
            out->clusters[nc].num_bytes = 0;
            out->clusters[nc].num_glyphs = 0;
            nc++;
        }
        out->clusters[nc - 1].num_glyphs += drawn ? 1 : 0;
    }
    /* each cluster's bytes: to the next cluster's start, or the item's end */
    for (int i = 0, c = -1; i < gs->num_glyphs; i++) {
        if (i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1]) {
            c++;
            int start = gs->log_clusters[i], end = item->length;
            for (int k = i + 1; k < gs->num_glyphs; k++)
                if (gs->log_clusters[k] != start) {
                    end = gs->log_clusters[k];
                    break;
                }
            out->clusters[c].num_bytes = end - start;
        }
    }
    out->nglyphs = n;
    out->nclusters = nc;
    return true;
}

vqr_status vp_page_freeze(vp_page *pg, vqr_error *err)
{
    for (size_t i = 0; i < pg->n; i++) {
        vp_box *b = &pg->box[i];
        if (b->kind != VP_TEXT || !b->layout)
            continue;
        const char *text = pango_layout_get_text(b->layout);
        /* the runs point into the box's own copy of the text, which pango
         * lays out unchanged */
        if (strcmp(text, b->text) != 0)
            return vp_fail(err, VQR_ERR_PRINT_DRAW, b->field, SIZE_MAX, 0);
        int cap = 8, n = 0;
        vp_run *runs = malloc(sizeof *runs * (size_t)cap);
        if (!runs)
            return vp_fail(err, VQR_ERR_NO_MEMORY, b->field, SIZE_MAX, 0);
        PangoLayoutIter *it = pango_layout_get_iter(b->layout);
        bool ok = true;
        do {
            PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
            if (!run)
                continue; /* the end of a line */
            PangoRectangle logical;
            pango_layout_iter_get_run_extents(it, NULL, &logical);
            double baseline = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
            if (n == cap) {
                vp_run *more = realloc(runs, sizeof *runs * (size_t)(cap *= 2));
                if (!more) {
                    ok = false;
                    break;
                }
                runs = more;
            }
            ok = freeze_run(run, b->text, logical.x / (double)PANGO_SCALE, baseline, &runs[n]);
            n++;
        } while (ok && pango_layout_iter_next_run(it));
        pango_layout_iter_free(it);
        b->runs = runs;
        b->nruns = n;
        if (!ok)
            return vp_fail(err, VQR_ERR_NO_MEMORY, b->field, SIZE_MAX, 0);
        g_object_unref(b->layout);
        b->layout = NULL;
    }
    return VQR_OK;
}

vqr_status vp_layout(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    /* A column that overflows at the template's type sizes is laid out
     * again with every nominal size smaller, down to 70 %. */
    static const double k_scales[] = { 1.0, 0.92, 0.85, 0.78, 0.7 };
    vqr_status st = VQR_OK;
    for (size_t i = 0; i < sizeof k_scales / sizeof k_scales[0]; i++) {
        vp_page_free(pg);
        c->scale = k_scales[i];
        c->overflow = false;
        vp_template_size(c->tpl, c->paper, &pg->w, &pg->h);
        pg->background = VP_WHITE;
        st = vp_template_is_screen(c->tpl) ? vp_layout_screen(c, d, pg, err)
                                           : vp_layout_paper(c, d, pg, err);
        if (st == VQR_OK || !c->overflow)
            break;
    }
    if (st != VQR_OK)
        vp_page_free(pg);
    return st;
}

vqr_status vp_column_end(vp_ctx *c, const char *field, double y, double bottom, vqr_error *err)
{
    if (y <= bottom + 1e-6)
        return VQR_OK;
    c->overflow = true;
    return vp_fail(err, VQR_ERR_PRINT_TEXT_TOO_LONG, field, SIZE_MAX, 0);
}
