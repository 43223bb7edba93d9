/*
 * api.c - the public functions of libvietqr-print: options and fields,
 * templates by name, documents (PDF of many pages, or one PNG or SVG
 * page) and the measured layout.
 */
#include "print_int.h"

#include <fontconfig/fontconfig.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ---- */

/* A vqr_error the caller set up (VQR_INIT): its size is usable. NULL is
 * fine (no details wanted). */
static bool err_ok(const vqr_error *err)
{
    if (!err)
        return true;
    size_t n;
    memcpy(&n, err, sizeof n);
    return n >= sizeof(size_t) && n <= VQR_STRUCT_SIZE_MAX;
}

/* Writes `e` into the caller's `err`: only its `size` bytes, and zeros
 * past the fields this version knows. */
static void err_store(vqr_error *err, const vqr_error *e)
{
    if (!err || !err_ok(err))
        return;
    size_t n;
    memcpy(&n, err, sizeof n);
    vqr_error full = *e;
    full.size = n;
    memcpy(err, &full, n < sizeof full ? n : sizeof full);
    if (n > sizeof full)
        memset((unsigned char *)err + sizeof full, 0, n - sizeof full);
}

vqr_status vp_fail(vqr_error *err, vqr_status code, const char *tag, size_t offset, size_t limit)
{
    if (!err)
        return code;
    vqr_error e;
    memset(&e, 0, sizeof e);
    e.size = sizeof e;
    e.code = code;
    e.severity = VQR_SEVERITY_ERROR;
    e.offset = offset;
    e.char_offset = offset;
    e.related_offset = SIZE_MAX;
    e.limit = limit;
    (void)snprintf(e.tag, sizeof e.tag, "%s", tag ? tag : "");
    e.name = vqr_status_name(code);
    e.message = vqr_strerror(code);
    e.message_vi = vqr_strerror_vi(code);
    err_store(err, &e);
    return code;
}

vqr_status vp_fail_as(vqr_error *err, const vqr_error *e)
{
    err_store(err, e);
    return e->code;
}

void vp_ok(vqr_error *err)
{
    if (err)
        (void)vp_fail(err, VQR_OK, "", 0, 0);
}

/* Every public function that takes `err` starts with this: an `err` that
 * was not set up fails the call before anything else is read or written. */
#define CHECK_ERR(err)                       \
    do {                                     \
        if (!err_ok(err))                    \
            return VQR_ERR_INVALID_ARGUMENT; \
    } while (0)

/* ---- structs that grow (see "Structs that grow" in vietqr.h) ---- */

static bool size_ok(size_t n)
{
    return n >= sizeof(size_t) && n <= VQR_STRUCT_SIZE_MAX;
}

/* Reads a caller's struct into `dst`, which holds this version's defaults:
 * the caller's first min(size, known) bytes win, and bytes past the fields
 * this version knows must be zero. */
static bool copy_sized(void *dst, size_t known, const void *src)
{
    size_t size;
    memcpy(&size, src, sizeof size);
    if (!size_ok(size))
        return false;
    const unsigned char *s = src;
    for (size_t i = known; i < size; i++)
        if (s[i] != 0)
            return false;
    memcpy((unsigned char *)dst + sizeof size, s + sizeof size,
           (size < known ? size : known) - sizeof size);
    return true;
}

/* Writes `full` (this version's struct, `known` bytes) into the caller's
 * `size` bytes, zeros past what it knows, and `size` in the first member. */
static void store_sized(void *dst, size_t size, const void *full, size_t known)
{
    memcpy(dst, full, size < known ? size : known);
    if (size > known)
        memset((unsigned char *)dst + known, 0, size - known);
    memcpy(dst, &size, sizeof size);
}

#define BOX_MIN_SIZE (offsetof(vqr_print_box, text_height) + sizeof(double))

static void options_defaults(vqr_print_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->format = VQR_FORMAT_PNG;
    o->paper = VQR_PAPER_DEFAULT;
    o->dpi = 300;
    o->scale = 1;
    o->ecc = VQR_ECC_DEFAULT;
    o->min_module_mm = 0.5;
}

vqr_status vqr_print_options_init(vqr_print_options *opt, size_t size, vqr_error *err)
{
    CHECK_ERR(err);
    if (!opt || !size_ok(size))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "size", SIZE_MAX, sizeof *opt);
    vqr_print_options o;
    options_defaults(&o);
    store_sized(opt, size, &o, sizeof o);
    vp_ok(err);
    return VQR_OK;
}

vqr_status vqr_print_fields_init(vqr_print_fields *f, size_t size, vqr_error *err)
{
    CHECK_ERR(err);
    if (!f || !size_ok(size))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "size", SIZE_MAX, sizeof *f);
    vqr_print_fields full;
    memset(&full, 0, sizeof full);
    store_sized(f, size, &full, sizeof full);
    vp_ok(err);
    return VQR_OK;
}

static vqr_status load_options(const vqr_print_options *in, vqr_print_options *o, vqr_error *err)
{
    options_defaults(o);
    if (!in)
        return VQR_OK;
    if (!copy_sized(o, sizeof *o, in))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "size", SIZE_MAX, sizeof *o);
    const unsigned known = VQR_PRINT_MONO | VQR_PRINT_WORDS_SOUTH | VQR_PRINT_WORDS_TU |
                           VQR_PRINT_NO_CUT_MARKS | VQR_PRINT_ANY_PAYLOAD | VQR_PRINT_FAST_PNG;
    const char *bad = NULL;
    if (o->format != VQR_FORMAT_PNG && o->format != VQR_FORMAT_PDF && o->format != VQR_FORMAT_SVG)
        bad = "format";
    else if (o->paper < VQR_PAPER_DEFAULT || o->paper > VQR_PAPER_SQUARE_100)
        bad = "paper";
    else if (o->dpi < VQR_PRINT_MIN_DPI || o->dpi > VQR_PRINT_MAX_DPI)
        bad = "dpi";
    else if (o->scale < 1 || o->scale > 4)
        bad = "scale";
    else if (o->ecc < VQR_ECC_DEFAULT || o->ecc > VQR_ECC_H)
        bad = "ecc";
    else if (!(o->min_module_mm >= 0.1 && o->min_module_mm <= 10))
        bad = "min_module";
    else if (o->flags & ~known)
        bad = "flags";
    if (bad)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, bad, SIZE_MAX, 0);
    return VQR_OK;
}

static vqr_status load_fields(const vqr_print_fields *in, vqr_print_fields *f, vqr_error *err)
{
    if (!in)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    memset(f, 0, sizeof *f);
    f->size = sizeof *f;
    if (!copy_sized(f, sizeof *f, in))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "size", SIZE_MAX, sizeof *f);
    if (!f->payload && f->payload_len)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "payload", SIZE_MAX, 0);
    return VQR_OK;
}

static bool allocator_ok(const vqr_allocator *a)
{
    return !a || (a->malloc && a->free);
}

/* ---- templates ---- */

static const char *const k_names[] = {
    NULL, "card", "qr_only", "compact", "compact2", "print", "notice", "receipt", "sticker",
};
#define N_TEMPLATES (sizeof k_names / sizeof k_names[0])

const char *vqr_template_name(vqr_template t)
{
    return (int)t >= 1 && (size_t)t < N_TEMPLATES ? k_names[t] : NULL;
}

vqr_status vqr_template_find(const char *name, size_t len, vqr_template *out, vqr_error *err)
{
    CHECK_ERR(err);
    if (!out || (!name && len))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    *out = (vqr_template)0;
    for (size_t i = 1; i < N_TEMPLATES; i++)
        if (strlen(k_names[i]) == len && memcmp(k_names[i], name, len) == 0) {
            *out = (vqr_template)i;
            vp_ok(err);
            return VQR_OK;
        }
    return vp_fail(err, VQR_ERR_NOT_FOUND, "", SIZE_MAX, 0);
}

/* ---- start-up ---- */

vqr_status vqr_print_init(const char *family, vqr_error *err)
{
    CHECK_ERR(err);
    /* FcInit is itself thread-safe (fontconfig >= 2.10): the process-wide
     * configuration is made once and shared. */
    if (!FcInit())
        return vp_fail(err, VQR_ERR_PRINT_FONT, "font", SIZE_MAX, 0);
    PangoContext *pc = vp_pango_context(true);
    if (!pc)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    PangoLayout *pl = pango_layout_new(pc);
    PangoFontDescription *fd = pango_font_description_from_string("Sans 12");
    pango_font_description_set_family(fd, family && family[0] ? family : "Noto Sans");
    pango_layout_set_font_description(pl, fd);
    pango_font_description_free(fd);
    /* every Vietnamese letter with a diacritic that is not Latin-1 */
    pango_layout_set_text(pl, "Ăăắằẳẵặ Ââấầẩẫậ Đđ Êêếềểễệ Ôôốồổỗộ Ơơớờởỡợ Ưưứừửữự Ỳỳỵỷỹ", -1);
    int unknown = pango_layout_get_unknown_glyphs_count(pl);
    g_object_unref(pl);
    g_object_unref(pc);
    if (unknown > 0)
        return vp_fail(err, VQR_ERR_PRINT_FONT, "font", SIZE_MAX, (size_t)unknown);
    vp_ok(err);
    return VQR_OK;
}

/* ---- one page, laid out ---- */

typedef struct vp_job {
    vp_ctx ctx;
    vp_data data;
    vp_page page;
    bool have_data;
} vp_job;

static void job_free(vp_job *j)
{
    vp_page_free(&j->page);
    if (j->have_data)
        vp_data_free(&j->data);
    if (j->ctx.pango)
        g_object_unref(j->ctx.pango);
    memset(j, 0, sizeof *j);
}

/* Checks and lays out one page of template t for the output of `o`. */
static vqr_status job_make(vp_job *j, vqr_template t, const vqr_print_fields *fin,
                           const vqr_print_options *o, vqr_error *err)
{
    memset(j, 0, sizeof *j);
    if (!vqr_template_name(t))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "template", SIZE_MAX, 0);
    vqr_print_fields f;
    vqr_status st = load_fields(fin, &f, err);
    if (st != VQR_OK)
        return st;
    vp_ctx *c = &j->ctx;
    c->tpl = t;
    c->format = o->format;
    c->flags = o->flags;
    c->family = o->font && o->font[0] ? o->font : "Noto Sans";
    if (!vp_template_paper(t, o->format, o->paper, &c->paper))
        return vp_fail(err, VQR_ERR_PRINT_PAPER, "paper", SIZE_MAX, 0);
    bool raster = o->format == VQR_FORMAT_PNG;
    c->mono = t == VQR_TEMPLATE_RECEIPT || (raster && (o->flags & VQR_PRINT_MONO));
    if (t == VQR_TEMPLATE_RECEIPT) {
        /* whole dots of the printer, whatever the format */
        c->grid = VQR_PRINT_RECEIPT_DPI / 72.0;
        c->min_module_px = 3;
        c->min_module_pt = o->min_module_mm * VP_PT_PER_MM;
    } else if (vp_template_is_screen(t)) {
        /* whole template pixels (device pixels in PNG) */
        c->grid = raster ? o->scale / VP_PT_PER_PX : 1.0 / VP_PT_PER_PX;
        c->min_module_px = raster ? 2 * (int)o->scale : 2;
        c->min_module_pt = 0;
    } else {
        c->grid = raster ? o->dpi / 72.0 : 0;
        c->min_module_px = 1;
        c->min_module_pt = o->min_module_mm * VP_PT_PER_MM;
    }
    if ((st = vp_data_load(&j->data, t, &f, o, err)) != VQR_OK)
        return st;
    j->have_data = true;
    c->pango = vp_pango_context(raster);
    if (!c->pango) {
        job_free(j);
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    }
    if ((st = vp_layout(c, &j->data, &j->page, err)) != VQR_OK ||
        (st = vp_page_freeze(&j->page, err)) != VQR_OK) {
        job_free(j);
        return st;
    }
    /* nothing of pango is left in the page: it may be drawn by any thread */
    g_object_unref(c->pango);
    c->pango = NULL;
    return VQR_OK;
}

/* "Thông báo thanh toán - Nguyễn Văn An" */
static char *default_title(const vp_page *pg, bool with_who)
{
    const char *h = pg->heading ? pg->heading : "VietQR";
    size_t n = strlen(h) + (pg->who && with_who ? strlen(pg->who) + 3 : 0) + 1;
    char *t = malloc(n);
    if (!t)
        return NULL;
    if (pg->who && with_who)
        (void)snprintf(t, n, "%s - %s", h, pg->who);
    else
        (void)snprintf(t, n, "%s", h);
    return t;
}

/* ---- documents ---- */

struct vqr_print_doc {
    vqr_print_options opt;
    char *title;       /* opt.title, copied in NFC */
    char *first_title; /* the default title of the first page */
    const vqr_allocator *alloc;
    vqr_allocator alloc_copy;
    vp_out out;
    cairo_surface_t *pdf;
    size_t count, pages;
    bool half; /* a sheet of two notices has its top half only */
    bool finished;
    vqr_status failed; /* final failure, returned by every later call */
};

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int length)
{
    vqr_print_doc *doc = closure;
    vp_out_append(&doc->out, data, length);
    return doc->out.failed || doc->out.write_failed ? CAIRO_STATUS_WRITE_ERROR
                                                    : CAIRO_STATUS_SUCCESS;
}

/* The first final failure wins; returns it (and reports it in `err`). */
static vqr_status doc_fail(vqr_print_doc *doc, vqr_status st, vqr_error *err)
{
    if (doc->failed == VQR_OK) {
        if (doc->out.failed)
            st = VQR_ERR_NO_MEMORY;
        else if (doc->out.write_failed)
            st = VQR_ERR_IO;
        doc->failed = st;
    }
    return vp_fail(err, doc->failed, "", SIZE_MAX, 0);
}

static vqr_status cairo_fail(vqr_print_doc *doc, cairo_status_t cs, vqr_error *err)
{
    return doc_fail(doc, cs == CAIRO_STATUS_NO_MEMORY ? VQR_ERR_NO_MEMORY : VQR_ERR_PRINT_DRAW,
                    err);
}

static const char *creator(void)
{
    return "libvietqr-print " VQR_VERSION_STRING;
}

vqr_status vqr_print_doc_new(const vqr_print_options *opt, const vqr_allocator *alloc,
                             vqr_print_write_fn write, void *ctx, vqr_print_doc **out,
                             vqr_error *err)
{
    CHECK_ERR(err);
    if (!out)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    *out = NULL;
    if (!allocator_ok(alloc))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "alloc", SIZE_MAX, 0);
    vqr_print_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    vqr_status st = load_options(opt, &doc->opt, err);
    if (st != VQR_OK) {
        free(doc);
        return st;
    }
    if (doc->opt.title && doc->opt.title[0]) {
        size_t len = strlen(doc->opt.title), n = 0;
        vqr_error e;
        VQR_INIT(&e);
        doc->title = malloc(3 * len + 1);
        if (!doc->title) {
            free(doc);
            return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
        }
        st = vqr_text_nfc(doc->opt.title, len, doc->title, 3 * len + 1, &n, &e);
        if (st != VQR_OK) {
            free(doc->title);
            free(doc);
            return vp_fail(err, st, "title", e.offset, e.limit);
        }
    }
    doc->opt.title = NULL;
    doc->opt.font = NULL; /* the font name is copied per page (below) */
    if (opt && opt->font && opt->font[0]) {
        doc->opt.font = strdup(opt->font);
        if (!doc->opt.font) {
            free(doc->title);
            free(doc);
            return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
        }
    }
    if (alloc) {
        doc->alloc_copy = *alloc;
        doc->alloc = &doc->alloc_copy;
    }
    doc->out.alloc = doc->alloc;
    doc->out.write = write;
    doc->out.ctx = ctx;
    if (doc->opt.format == VQR_FORMAT_PDF) {
        doc->pdf = cairo_pdf_surface_create_for_stream(pdf_write, doc, 595.0, 842.0);
        cairo_status_t cs = cairo_surface_status(doc->pdf);
        if (cs != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(doc->pdf);
            free((char *)doc->opt.font);
            free(doc->title);
            free(doc);
            return vp_fail(err,
                           cs == CAIRO_STATUS_NO_MEMORY ? VQR_ERR_NO_MEMORY : VQR_ERR_PRINT_DRAW,
                           "", SIZE_MAX, 0);
        }
        cairo_pdf_surface_restrict_to_version(doc->pdf, CAIRO_PDF_VERSION_1_5);
        cairo_pdf_surface_set_metadata(doc->pdf, CAIRO_PDF_METADATA_CREATOR, creator());
        /* No creation date: the same input gives the same bytes. (cairo
         * dates a document with the clock unless it is given a date; a date
         * it cannot read leaves the entry out.) */
        cairo_pdf_surface_set_metadata(doc->pdf, CAIRO_PDF_METADATA_CREATE_DATE, "");
    }
    *out = doc;
    vp_ok(err);
    return VQR_OK;
}

/* Ends the sheet whose top half holds a notice. */
static void end_half_sheet(vqr_print_doc *doc)
{
    if (doc->half) {
        cairo_t *cr = cairo_create(doc->pdf);
        cairo_show_page(cr);
        cairo_destroy(cr);
        doc->half = false;
    }
}

/* Device pixels per point of a raster page. */
static double raster_scale(const vqr_print_options *o, vqr_template t)
{
    if (t == VQR_TEMPLATE_RECEIPT)
        return VQR_PRINT_RECEIPT_DPI / 72.0;
    if (vp_template_is_screen(t))
        return o->scale / VP_PT_PER_PX;
    return o->dpi / 72.0;
}

static vqr_status add_pdf(vqr_print_doc *doc, const vp_job *j, vqr_error *err)
{
    bool two_up = j->ctx.tpl == VQR_TEMPLATE_NOTICE && j->ctx.paper == VQR_PAPER_A4_TWO_UP;
    const double a4w = VP_MM(210), a4h = VP_MM(297);
    if (!two_up)
        end_half_sheet(doc);
    cairo_t *cr;
    if (two_up && doc->half) {
        cr = cairo_create(doc->pdf);
        vp_draw_page(cr, &j->page, (a4w - j->page.w) / 2, a4h / 2);
        cairo_show_page(cr);
        doc->half = false;
    } else if (two_up) {
        cairo_pdf_surface_set_size(doc->pdf, a4w, a4h);
        cr = cairo_create(doc->pdf);
        vp_draw_page(cr, &j->page, (a4w - j->page.w) / 2, (a4h / 2 - j->page.h) / 2);
        if (!(doc->opt.flags & VQR_PRINT_NO_CUT_MARKS))
            vp_draw_cut_marks(cr, a4w, a4h);
        doc->half = true;
        doc->pages++;
    } else {
        cairo_pdf_surface_set_size(doc->pdf, j->page.w, j->page.h);
        cr = cairo_create(doc->pdf);
        vp_draw_page(cr, &j->page, 0, 0);
        cairo_show_page(cr);
        doc->pages++;
    }
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(doc->pdf);
    if (cs != CAIRO_STATUS_SUCCESS || doc->out.failed || doc->out.write_failed)
        return cairo_fail(doc, cs, err);
    return VQR_OK;
}

/* The sheet of a single page in PNG or SVG: A4 for two-up notices. */
static void sheet_size(const vp_job *j, double *w, double *h, double *ox, double *oy)
{
    if (j->ctx.tpl == VQR_TEMPLATE_NOTICE && j->ctx.paper == VQR_PAPER_A4_TWO_UP) {
        *w = VP_MM(210);
        *h = VP_MM(297);
        *ox = (*w - j->page.w) / 2;
        *oy = (*h / 2 - j->page.h) / 2;
    } else {
        *w = j->page.w;
        *h = j->page.h;
        *ox = *oy = 0;
    }
}

static void draw_sheet(cairo_t *cr, const vqr_print_doc *doc, const vp_job *j, double w, double h,
                       double ox, double oy, bool white)
{
    if (white) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, 0, 0, w, h);
        cairo_fill(cr);
    }
    vp_draw_page(cr, &j->page, ox, oy);
    if (j->ctx.tpl == VQR_TEMPLATE_NOTICE && j->ctx.paper == VQR_PAPER_A4_TWO_UP &&
        !(doc->opt.flags & VQR_PRINT_NO_CUT_MARKS))
        vp_draw_cut_marks(cr, w, h);
}

static const char *page_title(vqr_print_doc *doc, const vp_job *j, char **owned)
{
    *owned = NULL;
    if (doc->title)
        return doc->title;
    *owned = default_title(&j->page, true);
    return *owned ? *owned : "VietQR";
}

static vqr_status add_png(vqr_print_doc *doc, const vp_job *j, vqr_error *err)
{
    double w, h, ox, oy, k = raster_scale(&doc->opt, j->ctx.tpl);
    sheet_size(j, &w, &h, &ox, &oy);
    int pw = (int)ceil(w * k - 1e-6), ph = (int)ceil(h * k - 1e-6);
    if (pw <= 0 || ph <= 0 || pw > 32767 || ph > 32767)
        return vp_fail(err, VQR_ERR_IMAGE_TOO_LARGE, "", SIZE_MAX, 32767);
    /* Pixels from malloc, not zeroed as cairo_image_surface_create's:
     * painted white below to the last one. */
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, pw);
    unsigned char *pixels = stride > 0 ? malloc((size_t)stride * (size_t)ph) : NULL;
    if (!pixels)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    cairo_surface_t *img =
        cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_RGB24, pw, ph, stride);
    cairo_t *cr = cairo_create(img);
    /* white to the last pixel, which the page may cover only in part */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, k, k);
    draw_sheet(cr, doc, j, w, h, ox, oy, false);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(img);
    if (cs != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        free(pixels);
        return cs == CAIRO_STATUS_NO_MEMORY ? vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0)
                                            : vp_fail(err, VQR_ERR_PRINT_DRAW, "", SIZE_MAX, 0);
    }
    char *owned;
    const char *title = page_title(doc, j, &owned);
    unsigned ppm = (unsigned)lround(k * 72.0 / 0.0254);
    vqr_status st = vp_png_encode(img, j->ctx.mono, (doc->opt.flags & VQR_PRINT_FAST_PNG) != 0, ppm,
                                  title, &doc->out, err);
    free(owned);
    cairo_surface_destroy(img);
    free(pixels);
    if (st != VQR_OK)
        return doc_fail(doc, st, err);
    doc->pages++;
    return VQR_OK;
}

static cairo_status_t mem_write(void *closure, const unsigned char *data, unsigned int length)
{
    vp_out *o = closure;
    vp_out_append(o, data, length);
    return o->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* Appends `s` escaped for XML text. */
static void xml_text(vp_out *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            vp_out_append(o, "&lt;", 4);
            break;
        case '>':
            vp_out_append(o, "&gt;", 4);
            break;
        case '&':
            vp_out_append(o, "&amp;", 5);
            break;
        default:
            vp_out_append(o, s, 1);
        }
    }
}

/*
 * cairo names the groups of an SVG "surface<N>" with a counter shared by
 * the whole process, so the same page would come out with other names each
 * time: number them from 1 in the order they appear (the references use
 * the same names, so they follow).
 */
static void renumber_surfaces(vp_out *o)
{
    enum { MAX_IDS = 64 };
    unsigned long seen[MAX_IDS];
    size_t nseen = 0, w = 0;
    static const char key[] = "surface";
    const size_t kl = sizeof key - 1;
    for (size_t r = 0; r < o->n;) {
        if (r + kl < o->n && memcmp(o->p + r, key, kl) == 0 && o->p[r + kl] >= '0' &&
            o->p[r + kl] <= '9') {
            size_t e = r + kl;
            unsigned long v = 0;
            while (e < o->n && o->p[e] >= '0' && o->p[e] <= '9' && v < 100000000ul)
                v = v * 10 + (unsigned long)(o->p[e++] - '0');
            size_t k = 0;
            while (k < nseen && seen[k] != v)
                k++;
            if (k == nseen && nseen < MAX_IDS)
                seen[nseen++] = v;
            char num[24];
            int len = snprintf(num, sizeof num, "%s%zu", key, k + 1);
            /* the new name is never longer than the old one: rewrite in place */
            if (len > 0 && (size_t)len <= e - r) {
                memmove(o->p + w, num, (size_t)len);
                w += (size_t)len;
                r = e;
                continue;
            }
        }
        o->p[w++] = o->p[r++];
    }
    o->n = w;
}

static vqr_status add_svg(vqr_print_doc *doc, const vp_job *j, vqr_error *err)
{
    double w, h, ox, oy;
    sheet_size(j, &w, &h, &ox, &oy);
    /* The document's own unit: pixels for the pixel templates, millimetres
     * for the printed ones; user space is drawn in points. */
    bool px = vp_template_is_screen(j->ctx.tpl);
    double k = px ? 1.0 / VP_PT_PER_PX : 1.0 / VP_PT_PER_MM;
    vp_out tmp;
    memset(&tmp, 0, sizeof tmp);
    cairo_surface_t *svg = cairo_svg_surface_create_for_stream(mem_write, &tmp, w * k, h * k);
    cairo_svg_surface_restrict_to_version(svg, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(svg, px ? CAIRO_SVG_UNIT_PX : CAIRO_SVG_UNIT_MM);
    cairo_t *cr = cairo_create(svg);
    cairo_scale(cr, k, k);
    draw_sheet(cr, doc, j, w, h, ox, oy, true);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(svg);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(svg);
    cairo_surface_destroy(svg);
    if (cs != CAIRO_STATUS_SUCCESS || tmp.failed) {
        free(tmp.p);
        return tmp.failed || cs == CAIRO_STATUS_NO_MEMORY
                   ? vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0)
                   : vp_fail(err, VQR_ERR_PRINT_DRAW, "", SIZE_MAX, 0);
    }
    /* A <title> right after the opening <svg ...> tag. */
    size_t cut = 0;
    const char *svg_tag = NULL;
    for (size_t i = 0; i + 4 < tmp.n; i++)
        if (memcmp(tmp.p + i, "<svg", 4) == 0) {
            svg_tag = (const char *)tmp.p + i;
            break;
        }
    if (svg_tag) {
        const char *gt = memchr(svg_tag, '>', tmp.n - (size_t)(svg_tag - (const char *)tmp.p));
        if (gt)
            cut = (size_t)(gt - (const char *)tmp.p) + 1;
    }
    renumber_surfaces(&tmp);
    char *owned;
    const char *title = page_title(doc, j, &owned);
    vp_out_append(&doc->out, tmp.p, cut);
    if (cut) {
        vp_out_append(&doc->out, "\n<title>", 8);
        xml_text(&doc->out, title);
        vp_out_append(&doc->out, "</title>", 8);
    }
    vp_out_append(&doc->out, tmp.p + cut, tmp.n - cut);
    free(owned);
    free(tmp.p);
    if (doc->out.failed || doc->out.write_failed)
        return doc_fail(doc, VQR_ERR_NO_MEMORY, err);
    doc->pages++;
    return VQR_OK;
}

/* Whether a page may be added to the document; the error otherwise. */
static vqr_status doc_ready(vqr_print_doc *doc, vqr_error *err)
{
    if (!doc)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    if (doc->failed != VQR_OK)
        return doc_fail(doc, doc->failed, err);
    if (doc->finished)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    if (doc->opt.format != VQR_FORMAT_PDF && doc->count > 0)
        return vp_fail(err, VQR_ERR_PRINT_ONE_PAGE, "", SIZE_MAX, 1);
    return VQR_OK;
}

/* Draws a laid-out page into the document. */
static vqr_status doc_draw(vqr_print_doc *doc, const vp_job *j, vqr_error *err)
{
    if (!doc->first_title)
        doc->first_title = default_title(&j->page, true);
    vqr_status st;
    switch (doc->opt.format) {
    case VQR_FORMAT_PDF:
        st = add_pdf(doc, j, err);
        break;
    case VQR_FORMAT_SVG:
        st = add_svg(doc, j, err);
        break;
    default:
        st = add_png(doc, j, err);
        break;
    }
    if (st == VQR_OK) {
        doc->count++;
        vp_ok(err);
    }
    return st;
}

vqr_status vqr_print_doc_add(vqr_print_doc *doc, vqr_template t, const vqr_print_fields *f,
                             vqr_error *err)
{
    CHECK_ERR(err);
    vqr_status st = doc_ready(doc, err);
    if (st != VQR_OK)
        return st;
    vp_job j;
    if ((st = job_make(&j, t, f, &doc->opt, err)) != VQR_OK)
        return st;
    st = doc_draw(doc, &j, err);
    job_free(&j);
    return st;
}

size_t vqr_print_doc_count(const vqr_print_doc *doc)
{
    return doc ? doc->count : 0;
}

size_t vqr_print_doc_pages(const vqr_print_doc *doc)
{
    return doc ? doc->pages : 0;
}

vqr_status vqr_print_doc_finish(vqr_print_doc *doc, unsigned char **out, size_t *out_len,
                                vqr_error *err)
{
    CHECK_ERR(err);
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!doc || (!doc->out.write && (!out || !out_len)))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    if (doc->failed != VQR_OK)
        return doc_fail(doc, doc->failed, err);
    if (doc->finished || doc->count == 0)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    doc->finished = true;
    if (doc->pdf) {
        end_half_sheet(doc);
        /* The title: the one given, or the first page's (its template's
         * heading alone when the document has several). */
        const char *title = doc->title;
        char *owned = NULL;
        if (!title && doc->count > 1 && doc->first_title) {
            owned = strdup(doc->first_title);
            char *dash = owned ? strstr(owned, " - ") : NULL;
            if (dash)
                *dash = '\0';
            title = owned;
        }
        if (!title)
            title = doc->first_title;
        if (title)
            cairo_pdf_surface_set_metadata(doc->pdf, CAIRO_PDF_METADATA_TITLE, title);
        free(owned);
        cairo_surface_finish(doc->pdf);
        cairo_status_t cs = cairo_surface_status(doc->pdf);
        if (cs != CAIRO_STATUS_SUCCESS || doc->out.failed || doc->out.write_failed)
            return cairo_fail(doc, cs, err);
    }
    if (!doc->out.write) {
        *out = doc->out.p;
        *out_len = doc->out.n;
        doc->out.p = NULL;
        doc->out.n = doc->out.cap = 0;
    }
    vp_ok(err);
    return VQR_OK;
}

void vqr_print_doc_free(vqr_print_doc *doc)
{
    if (!doc)
        return;
    if (doc->pdf) {
        /* An unfinished PDF is dropped: nothing more reaches `write`. */
        doc->out.write_failed = true;
        cairo_surface_destroy(doc->pdf);
    }
    vp_free_mem(doc->alloc, doc->out.p);
    free((char *)doc->opt.font);
    free(doc->title);
    free(doc->first_title);
    free(doc);
}

vqr_status vqr_print_render(vqr_template t, const vqr_print_fields *f, const vqr_print_options *opt,
                            const vqr_allocator *alloc, unsigned char **out, size_t *out_len,
                            vqr_error *err)
{
    CHECK_ERR(err);
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!out || !out_len || !f)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    vqr_print_doc *doc;
    vqr_status st = vqr_print_doc_new(opt, alloc, NULL, NULL, &doc, err);
    if (st != VQR_OK)
        return st;
    if ((st = vqr_print_doc_add(doc, t, f, err)) == VQR_OK)
        st = vqr_print_doc_finish(doc, out, out_len, err);
    vqr_print_doc_free(doc);
    return st;
}

/* ---- the layout, measured ---- */

struct vqr_print_layout {
    vp_job job;
    vqr_print_options opt; /* the output it was laid out for (no strings kept) */
};

vqr_status vqr_print_measure(vqr_template t, const vqr_print_fields *f,
                             const vqr_print_options *opt, vqr_print_layout **out, vqr_error *err)
{
    CHECK_ERR(err);
    if (!out)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    *out = NULL;
    vqr_print_options o;
    vqr_status st = load_options(opt, &o, err);
    if (st != VQR_OK)
        return st;
    vqr_print_layout *l = calloc(1, sizeof *l);
    if (!l)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    if ((st = job_make(&l->job, t, f, &o, err)) != VQR_OK) {
        free(l);
        return st;
    }
    l->opt = o;
    l->opt.font = NULL;
    l->opt.title = NULL;
    *out = l;
    vp_ok(err);
    return VQR_OK;
}

vqr_status vqr_print_doc_add_layout(vqr_print_doc *doc, const vqr_print_layout *l, vqr_error *err)
{
    CHECK_ERR(err);
    if (!l)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    vqr_status st = doc_ready(doc, err);
    if (st != VQR_OK)
        return st;
    /* laid out for this output: the same format, and for PNG the same pixels */
    const vqr_print_options *a = &l->opt, *b = &doc->opt;
    if (a->format != b->format ||
        (b->format == VQR_FORMAT_PNG && (a->dpi != b->dpi || a->scale != b->scale)))
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "format", SIZE_MAX, 0);
    return doc_draw(doc, &l->job, err);
}

size_t vqr_print_layout_count(const vqr_print_layout *l)
{
    if (!l)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < l->job.page.n; i++)
        n += l->job.page.box[i].kind == VP_TEXT || l->job.page.box[i].kind == VP_QR;
    return n;
}

vqr_status vqr_print_layout_box(const vqr_print_layout *l, size_t i, vqr_print_box *out,
                                vqr_error *err)
{
    CHECK_ERR(err);
    if (!l || !out || out->size < BOX_MIN_SIZE)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, BOX_MIN_SIZE);
    const vp_box *b = NULL;
    for (size_t k = 0, n = 0; k < l->job.page.n; k++) {
        const vp_box *c = &l->job.page.box[k];
        if (c->kind != VP_TEXT && c->kind != VP_QR)
            continue;
        if (n++ == i) {
            b = c;
            break;
        }
    }
    if (!b)
        return vp_fail(err, VQR_ERR_NOT_FOUND, "", SIZE_MAX, 0);
    vqr_print_box full;
    memset(&full, 0, sizeof full);
    full.size = out->size;
    full.kind = b->kind == VP_TEXT ? VQR_BOX_TEXT : VQR_BOX_QR;
    memcpy(full.field, b->field, sizeof full.field);
    full.x = b->x;
    full.y = b->y;
    full.width = b->w;
    full.height = b->h;
    full.ink_x = b->ink[0];
    full.ink_y = b->ink[1];
    full.ink_width = b->ink[2];
    full.ink_height = b->ink[3];
    full.text_x = b->logical[0];
    full.text_y = b->logical[1];
    full.text_width = b->logical[2];
    full.text_height = b->logical[3];
    full.font_size = b->size;
    full.nominal_size = b->nominal;
    full.min_size = b->min_size;
    full.lines = b->lines;
    full.max_lines = b->max_lines;
    full.module = b->module;
    full.modules = b->modules;
    full.text = b->text ? b->text : "";
    size_t n = out->size < sizeof full ? out->size : sizeof full;
    memcpy(out, &full, n);
    vp_ok(err);
    return VQR_OK;
}

void vqr_print_layout_page(const vqr_print_layout *l, double *width, double *height)
{
    if (width)
        *width = l ? l->job.page.w : 0;
    if (height)
        *height = l ? l->job.page.h : 0;
}

void vqr_print_layout_free(vqr_print_layout *l)
{
    if (!l)
        return;
    job_free(&l->job);
    free(l);
}
