/*
 * print_int.h - internals of libvietqr-print, shared by its files. Not part
 * of the ABI. The library uses libvietqr through vietqr.h only.
 */
#ifndef VQR_PRINT_INT_H
#define VQR_PRINT_INT_H

#include "vietqr-print.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Points per millimetre and per CSS pixel (96 per inch). */
#define VP_PT_PER_MM (72.0 / 25.4)
#define VP_PT_PER_PX 0.75
#define VP_MM(v) ((v)*VP_PT_PER_MM)
#define VP_PX(v) ((v)*VP_PT_PER_PX)

/* Colours, 0xRRGGBB. */
#define VP_INK 0x1A1A1Au
#define VP_MUTED 0x5C5C5Cu
#define VP_ACCENT 0x0B4F9Cu
/* The pixel templates are grey only: 8-bit greyscale PNG, a third of the
 * bytes of RGB to compress, which is most of their drawing time. */
#define VP_SCREEN_ACCENT 0x000000u
#define VP_RULE 0xC8C8C8u
#define VP_WHITE 0xFFFFFFu
#define VP_BLACK 0x000000u

/* ---- errors (api.c) ---- */

/* Fills `err` for `code` with `tag` (a field name or a tag path). */
vqr_status vp_fail(vqr_error *err, vqr_status code, const char *tag, size_t offset, size_t limit);
/* Stores a libvietqr error `e` in `err`; returns its code. */
vqr_status vp_fail_as(vqr_error *err, const vqr_error *e);
/* Sets `err` to VQR_OK. */
void vp_ok(vqr_error *err);

/* ---- the data of one document (data.c) ---- */

typedef struct vp_item {
    char *label;
    uint64_t amount;
    char amount_text[64];
} vp_item;

typedef struct vp_data {
    /* the payload, borrowed, and its QR code */
    const char *payload;
    size_t payload_len;
    vqr_qr *qr;
    /* what the payload says */
    bool vietqr;          /* vqr_vietqr_read() read it */
    bool has_amount;      /* a readable 54 */
    uint64_t amount;      /* in minor units */
    unsigned currency;    /* 53 */
    char amount_text[64]; /* "1.250.000 đ" */
    bool has_words;       /* VND: the amount in words */
    char words[VQR_AMOUNT_WORDS_BUF_SIZE];
    char account[VQR_VALUE_BUF_SIZE]; /* 38.01.01 */
    /* the account as shown: digits in groups of four, split by U+00A0 */
    char account_shown[2 * VQR_VALUE_BUF_SIZE];
    char bank_name[VQR_BANK_NAME_MAX]; /* full name from the directory, or "" */
    /* the fields, NFC, malloc'd; NULL when absent */
    char *title, *issuer, *address, *payer, *payer_code, *holder, *bank, *purpose, *reference,
        *due_date, *date, *how_to_pay, *note, *stall;
    vp_item *items;
    size_t n_items;
    uint64_t items_total;
    char total_text[64];
    char total_words[VQR_AMOUNT_WORDS_BUF_SIZE];
    bool has_total_words;
} vp_data;

/* Reads and checks the fields and the payload; encodes the QR code. */
vqr_status vp_data_load(vp_data *d, vqr_template t, const vqr_print_fields *f,
                        const vqr_print_options *opt, vqr_error *err);
void vp_data_free(vp_data *d);
/* "1.250.000 đ" for VND, "12,50 USD" otherwise, into out[64]. */
void vp_format_amount(uint64_t minor, unsigned currency, char out[64]);

/* ---- layout (layout.c) ---- */

typedef enum vp_kind { VP_TEXT = 1, VP_QR = 2, VP_RECT = 3, VP_LINE = 4 } vp_kind;

/* A run of glyphs of one font, as cairo draws it: what a text becomes
 * once laid out (vp_page_freeze), with its UTF-8 and the clusters that tie
 * the two together (so that a PDF carries the text itself). Positions are
 * relative to the text's origin (vp_box.ox, .oy). */
typedef struct vp_run {
    cairo_scaled_font_t *font;
    cairo_glyph_t *glyphs;
    int nglyphs;
    const char *utf8; /* into the box's text */
    int utf8_len;
    cairo_text_cluster_t *clusters;
    int nclusters;
} vp_run;

typedef struct vp_box {
    vp_kind kind;
    char field[VQR_PRINT_FIELD_MAX];
    double x, y, w, h; /* the place given */
    /* text: a pango layout while the page is laid out, glyph runs after */
    PangoLayout *layout;
    vp_run *runs;
    int nruns;
    char *text;
    double ox, oy; /* where the layout's origin is drawn */
    double size, nominal, min_size;
    int lines, max_lines;
    double ink[4], logical[4]; /* x, y, w, h in points, on the page */
    uint32_t color;
    /* QR */
    double module;
    int modules;
    /* rectangles and lines */
    uint32_t fill;
    double line_width;
    bool dashed;
} vp_box;

typedef struct vp_page {
    double w, h; /* points */
    vp_box *box;
    size_t n, cap;
    const vqr_qr *qr;
    double qr_x, qr_y, module; /* top left of the symbol (inside the quiet zone) */
    bool qr_crisp;             /* the modules fall on whole device pixels */
    uint32_t background;
    const char *heading; /* for the default title: static text of the template */
    const char *who;     /* the payer or the holder, for the default title */
} vp_page;

/* How a template is being laid out: the output it is for. */
typedef struct vp_ctx {
    PangoContext *pango;
    const char *family;
    vqr_template tpl;
    vqr_paper paper;
    vqr_print_format format;
    unsigned flags;
    /* QR grid: device pixels per point the modules snap to (0: none) */
    double grid;
    /* smallest module: points, and whole grid pixels */
    double min_module_pt;
    int min_module_px;
    /* type size factor of this attempt (1, then smaller when a column overflows) */
    double scale;
    bool mono;
    /* set by a template whose column ran past its end at this scale */
    bool overflow;
} vp_ctx;

typedef struct vp_style {
    double size;   /* nominal, points (multiplied by ctx->scale) */
    double min;    /* smallest, points (not scaled) */
    int max_lines; /* 0: as many as the height allows */
    int weight;    /* PANGO_WEIGHT_* */
    bool italic;
    int align; /* 0 left, 1 centre, 2 right */
    uint32_t color;
    bool fixed;     /* the place is the whole given height (else: the height used) */
    int valign;     /* fixed places: 0 top, 1 middle, 2 bottom */
    double leading; /* extra space between lines, fraction of the size (0 default) */
    bool uppercase; /* not used for names: they are shown as given */
} vp_style;

/*
 * Lays out `text` in the place (x, y, w, h_max): wraps it, shrinks it down
 * to style->min, and fails with VQR_ERR_PRINT_TEXT_TOO_LONG (tag `field`)
 * when it still does not fit. `*used` (may be NULL) receives the height
 * its place takes.
 */
vqr_status vp_text(vp_ctx *c, vp_page *pg, const char *field, const char *text, double x, double y,
                   double w, double h_max, const vp_style *s, double *used, vqr_error *err);
/* The last line of the text placed last: where its ink or lines end on
 * the right, and its top and bottom. False when the last box is no text. */
bool vp_last_line(const vp_page *pg, double *right, double *top, double *bottom);
/* The QR code with its quiet zone in the square (x, y, side), as large as
 * the output's grid allows, centred. `*used` receives the side drawn. */
vqr_status vp_qr(vp_ctx *c, vp_page *pg, const vqr_qr *qr, double x, double y, double side,
                 double *used, vqr_error *err);
/* A filled rectangle (fill) or a line along its diagonal edge (line). */
vqr_status vp_rect(vp_page *pg, double x, double y, double w, double h, uint32_t fill);
vqr_status vp_line(vp_page *pg, double x0, double y0, double x1, double y1, double width,
                   uint32_t colour, bool dashed);
void vp_page_free(vp_page *pg);
/* Releases what one box holds (its layout, runs and text). */
void vp_box_release(vp_box *b);
/*
 * Turns every text of a laid-out page into glyph runs and releases its
 * pango layouts: the page then holds only cairo objects, which any thread
 * may draw (cairo's fonts are shared safely between threads, pango's are
 * not). VQR_ERR_NO_MEMORY or VQR_ERR_PRINT_DRAW on failure.
 */
vqr_status vp_page_freeze(vp_page *pg, vqr_error *err);

/* The pango context a layout is made with (calling thread's font map). */
PangoContext *vp_pango_context(bool raster);

/* ---- templates (tpl_screen.c, tpl_paper.c) ---- */

/* Page size of a template on a paper, points. */
void vp_template_size(vqr_template t, vqr_paper paper, double *w, double *h);
/* The default paper of a template for a format, or VQR_PAPER_DEFAULT when
 * the template takes none; false when `paper` does not suit it. */
bool vp_template_paper(vqr_template t, vqr_print_format fmt, vqr_paper paper, vqr_paper *out);
/* Lay out the whole page (see vp_column_end for overflowing columns). */
vqr_status vp_layout_screen(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err);
vqr_status vp_layout_paper(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err);
/* Whether a template is measured in pixels (card, qr_only, compact, compact2, print). */
bool vp_template_is_screen(vqr_template t);

/* A column's content ends at `y`: past `bottom` it overflowed (the error
 * names `field`, the last text placed, and marks the attempt for a retry
 * at smaller type). */
vqr_status vp_column_end(vp_ctx *c, const char *field, double y, double bottom, vqr_error *err);
/* Lays out template t for ctx, retrying at smaller type when a column overflows. */
vqr_status vp_layout(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err);

/* ---- drawing (draw.c) ---- */

/* Draws the page with its top left corner at (ox, oy) of the cairo context's user space. */
void vp_draw_page(cairo_t *cr, const vp_page *pg, double ox, double oy);
/* Cut marks of a sheet of two A5 notices. */
void vp_draw_cut_marks(cairo_t *cr, double sheet_w, double sheet_h);

/* ---- output (png.c) ---- */

typedef struct vp_out {
    const vqr_allocator *alloc; /* NULL: malloc */
    unsigned char *p;
    size_t n, cap;
    bool failed; /* out of memory */
    vqr_print_write_fn write;
    void *ctx;
    bool write_failed;
} vp_out;

void vp_out_append(vp_out *o, const void *data, size_t len);
void *vp_alloc(const vqr_allocator *a, size_t n);
void vp_free_mem(const vqr_allocator *a, void *p);

/* Encodes an RGB24 image surface as PNG into `o`; `fast`: vp_deflate_zlib
 * rather than libdeflate; `ppm`: pixels per metre (pHYs). */
vqr_status vp_png_encode(cairo_surface_t *img, bool mono, bool fast, unsigned ppm,
                         const char *title, vp_out *o, vqr_error *err);

/* ---- deflate (deflate.c) ---- */

/* Room vp_deflate_zlib needs for `n` bytes (0: too many). */
size_t vp_deflate_bound(size_t n);
/* The zlib stream (RFC 1950) of in[0, n) into out[0, cap), literals and
 * runs of a byte only; its length, or 0 when cap < vp_deflate_bound(n). */
size_t vp_deflate_zlib(const unsigned char *in, size_t n, unsigned char *out, size_t cap);

#endif /* VQR_PRINT_INT_H */
