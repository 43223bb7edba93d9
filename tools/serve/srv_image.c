/*
 * srv_image.c - the images the service returns.
 *
 * compact2, compact and print come from libvietqr-print (cairo and pango):
 * PNG (compressed for speed, VQR_PRINT_FAST_PNG) and SVG as it draws them,
 * JPEG through libjpeg-turbo from its PNG (read back with libpng).
 *
 * qr_only (480 x 480) is the QR code alone, drawn here from the module
 * matrix of vqr_qr_encode(): the largest whole number of pixels per module
 * that leaves a quiet zone of at least four modules, centred on white; PNG
 * through libpng (1-bit grey), JPEG through libjpeg-turbo (8-bit grey), SVG
 * as one path of whole pixels. It is the template asked for most, in bulk,
 * and this is several times faster than going through cairo (README).
 */
#include "srv_internal.h"

#include "../cli.h"

#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

const char *srv_format_mime(srv_format f)
{
    switch (f) {
    case SRV_FORMAT_JPG:
        return "image/jpeg";
    case SRV_FORMAT_SVG:
        return "image/svg+xml";
    default:
        return "image/png";
    }
}

bool srv_template_available(srv_template t)
{
    return (unsigned)t < SRV_TEMPLATE_COUNT;
}

/* libvietqr-print's functions (tools/print_api.c), set once at start-up
 * before any thread draws. */
static const cli_print *g_print;

vqr_status srv_image_init(const cli_print *print, vqr_error *e)
{
    g_print = print;
    return print->init(NULL, e);
}

void srv_image_free(srv_image *img)
{
    free(img->data);
    img->data = NULL;
    img->len = 0;
}

/* The QR code drawn on a `side` x `side` canvas. */
typedef struct qr_canvas {
    vqr_qr *qr;
    int width;       /* modules */
    unsigned side;   /* pixels */
    unsigned module; /* pixels per module */
    unsigned origin; /* pixel of the symbol's top-left corner */
} qr_canvas;

static vqr_status canvas_open(const srv_params *p, unsigned side, qr_canvas *c, vqr_error *e)
{
    memset(c, 0, sizeof *c);
    vqr_status st = vqr_qr_encode(p->payload, p->payload_len, VQR_ECC_M, NULL, &c->qr, e);
    if (st != VQR_OK)
        return st;
    c->width = vqr_qr_width(c->qr);
    c->side = side;
    c->module = side / (unsigned)(c->width + 8);
    if (c->module == 0) {
        vqr_qr_free(c->qr);
        c->qr = NULL;
        return srv_error(e, VQR_ERR_IMAGE_TOO_LARGE, "");
    }
    c->origin = (side - c->module * (unsigned)c->width) / 2;
    return VQR_OK;
}

/* ---- PNG (libpng) -------------------------------------------------------- */

static void png_write_buf(png_structp png, png_bytep data, size_t len)
{
    srv_buf *b = png_get_io_ptr(png);
    srv_buf_put(b, data, len);
    if (b->failed)
        png_error(png, "out of memory");
}

static void png_flush_none(png_structp png)
{
    (void)png;
}

static vqr_status qr_png(const qr_canvas *c, srv_image *out, vqr_error *e)
{
    srv_buf b = { 0 };
    size_t stride = (c->side + 7) / 8;
    unsigned char *row = calloc(1, stride);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!row || !png || !info) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        srv_buf_free(&b);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    png_set_write_fn(png, &b, png_write_buf, png_flush_none);
    png_set_IHDR(png, info, c->side, c->side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 1); /* 1-bit and blocky: level 1 is small enough */
    png_write_info(png, info);
    /* One bit row per module row, written `module` times; white above and
     * below the symbol. */
    unsigned top = c->origin, bottom = c->origin + c->module * (unsigned)c->width;
    memset(row, 0xFF, stride); /* 1 = white in 1-bit grey */
    for (unsigned y = 0; y < top; y++)
        png_write_row(png, row);
    for (int my = 0; my < c->width; my++) {
        memset(row, 0xFF, stride);
        for (int mx = 0; mx < c->width; mx++) {
            if (!vqr_qr_module(c->qr, mx, my))
                continue;
            unsigned x0 = c->origin + (unsigned)mx * c->module;
            for (unsigned x = x0; x < x0 + c->module; x++)
                row[x / 8] &= (unsigned char)~(0x80u >> (x % 8));
        }
        for (unsigned k = 0; k < c->module; k++)
            png_write_row(png, row);
    }
    memset(row, 0xFF, stride);
    for (unsigned y = bottom; y < c->side; y++)
        png_write_row(png, row);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (b.failed) {
        srv_buf_free(&b);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    out->data = (unsigned char *)b.data;
    out->len = b.len;
    return VQR_OK;
}

/* ---- JPEG (libjpeg-turbo) ----------------------------------------------- */

typedef struct jpeg_err {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
} jpeg_err;

static void jpeg_fail(j_common_ptr cinfo)
{
    jpeg_err *err = (jpeg_err *)cinfo->err;
    longjmp(err->jump, 1);
}

/* A baseline JPEG of quality 92 from `height` row pointers. */
vqr_status srv_jpeg_rows(unsigned char *const *rows, unsigned width, unsigned height,
                         int components, srv_image *out, vqr_error *e)
{
    struct jpeg_compress_struct cinfo;
    jpeg_err err;
    unsigned char *mem = NULL; /* written by libjpeg through its address */
    unsigned long mem_len = 0;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(mem);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &mem, &mem_len);
    cinfo.image_width = width;
    cinfo.image_height = height;
    cinfo.input_components = components;
    cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 92, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = rows[cinfo.next_scanline];
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    out->data = mem;
    out->len = mem_len;
    return VQR_OK;
}

static vqr_status qr_jpeg(const qr_canvas *c, srv_image *out, vqr_error *e)
{
    /* One grey row per module row (and one white row); the row pointers
     * repeat them. */
    size_t w = c->side;
    unsigned char *rows = malloc(((size_t)c->width + 1) * w);
    unsigned char **lines = malloc((size_t)c->side * sizeof *lines);
    if (!rows || !lines) {
        free(rows);
        free(lines);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    unsigned char *white = rows + (size_t)c->width * w;
    memset(white, 255, w);
    for (int my = 0; my < c->width; my++) {
        unsigned char *r = rows + (size_t)my * w;
        memset(r, 255, w);
        for (int mx = 0; mx < c->width; mx++)
            if (vqr_qr_module(c->qr, mx, my))
                memset(r + c->origin + (size_t)mx * c->module, 0, c->module);
    }
    for (unsigned y = 0; y < c->side; y++) {
        unsigned my = (y - c->origin) / c->module;
        lines[y] = (y >= c->origin && my < (unsigned)c->width) ? rows + my * w : white;
    }
    vqr_status st = srv_jpeg_rows(lines, c->side, c->side, 1, out, e);
    free(lines);
    free(rows);
    return st;
}

/* ---- SVG ---------------------------------------------------------------- */

static vqr_status qr_svg(const qr_canvas *c, srv_image *out, vqr_error *e)
{
    srv_buf b = { 0 };
    srv_buf_printf(&b,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
                   "viewBox=\"0 0 %u %u\" shape-rendering=\"crispEdges\">"
                   "<rect width=\"%u\" height=\"%u\" fill=\"#fff\" stroke=\"none\"/>"
                   "<path fill=\"#000\" stroke=\"none\" d=\"",
                   c->side, c->side, c->side, c->side, c->side, c->side);
    for (int my = 0; my < c->width; my++) {
        for (int mx = 0; mx < c->width;) {
            if (!vqr_qr_module(c->qr, mx, my)) {
                mx++;
                continue;
            }
            int run = 1;
            while (mx + run < c->width && vqr_qr_module(c->qr, mx + run, my))
                run++;
            srv_buf_printf(&b, "M%u %uh%uv%uh-%uz", c->origin + (unsigned)mx * c->module,
                           c->origin + (unsigned)my * c->module, (unsigned)run * c->module,
                           c->module, (unsigned)run * c->module);
            mx += run;
        }
    }
    srv_buf_puts(&b, "\"/></svg>\n");
    if (b.failed) {
        srv_buf_free(&b);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    out->data = (unsigned char *)b.data;
    out->len = b.len;
    return VQR_OK;
}

/* ---- the templates of libvietqr-print ---------------------------------- */

static void *alloc_malloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void alloc_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

/* Memory from malloc, so that srv_image_free() releases it. */
static const vqr_allocator k_malloc = { alloc_malloc, NULL, alloc_free, NULL };

/* A PNG of libvietqr-print read back (libpng's simplified API) and written
 * as a JPEG. */
static vqr_status png_to_jpeg(const unsigned char *png, size_t len, srv_image *out, vqr_error *e)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, png, len))
        return srv_error(e, VQR_ERR_PRINT_DRAW, "");
    image.format = PNG_FORMAT_RGB;           /* on white: the templates have no alpha */
    size_t stride = (size_t)image.width * 3; /* 8-bit RGB */
    unsigned char *pixels = malloc(stride * image.height);
    unsigned char **rows = malloc((size_t)image.height * sizeof *rows);
    png_color white = { 255, 255, 255 };
    vqr_status st = VQR_ERR_NO_MEMORY;
    if (pixels && rows && png_image_finish_read(&image, &white, pixels, (png_int_32)stride, NULL)) {
        for (png_uint_32 y = 0; y < image.height; y++)
            rows[y] = pixels + (size_t)y * stride;
        st = srv_jpeg_rows(rows, image.width, image.height, 3, out, e);
    } else {
        png_image_free(&image);
        srv_error(e, pixels && rows ? VQR_ERR_PRINT_DRAW : VQR_ERR_NO_MEMORY, "");
    }
    free(rows);
    free(pixels);
    return st;
}

static vqr_status print_draw(const srv_params *p, srv_template t, srv_format f, srv_image *out,
                             vqr_error *e)
{
    static const vqr_template templates[SRV_TEMPLATE_COUNT] = {
        [SRV_TEMPLATE_COMPACT2] = VQR_TEMPLATE_COMPACT2,
        [SRV_TEMPLATE_COMPACT] = VQR_TEMPLATE_COMPACT,
        [SRV_TEMPLATE_QR_ONLY] = VQR_TEMPLATE_QR_ONLY,
        [SRV_TEMPLATE_PRINT] = VQR_TEMPLATE_PRINT,
    };
    vqr_print_fields fields;
    vqr_print_options opt;
    if (g_print->fields_init(&fields, sizeof fields, e) != VQR_OK ||
        g_print->options_init(&opt, sizeof opt, e) != VQR_OK)
        return e->code;
    fields.payload = p->payload;
    fields.payload_len = p->payload_len;
    /* The bank, the account, the amount and the purpose come from the
     * payload; the holder's name is not in it (as VietQR.io). */
    fields.holder = p->account_name[0] ? p->account_name : NULL;
    opt.format = f == SRV_FORMAT_SVG ? VQR_FORMAT_SVG : VQR_FORMAT_PNG;
    /* An image per request: compressed for speed (a few per cent larger
     * for compact2, same pixels). */
    opt.flags |= VQR_PRINT_FAST_PNG;
    unsigned char *data = NULL;
    size_t len = 0;
    vqr_status st = g_print->render(templates[t], &fields, &opt, &k_malloc, &data, &len, e);
    if (st != VQR_OK)
        return st;
    if (f == SRV_FORMAT_JPG) {
        st = png_to_jpeg(data, len, out, e);
        free(data);
        return st;
    }
    out->data = data;
    out->len = len;
    return VQR_OK;
}

vqr_status srv_image_draw(const srv_params *p, srv_template t, srv_format f, srv_image *out,
                          vqr_error *e)
{
    out->data = NULL;
    out->len = 0;
    if (!srv_template_available(t))
        return srv_error(e, VQR_ERR_TEMPLATE_UNKNOWN, "");
    if (t != SRV_TEMPLATE_QR_ONLY) {
        vqr_status st = print_draw(p, t, f, out, e);
        if (st == VQR_OK)
            srv_metrics_image(t, f);
        return st;
    }
    unsigned w, h;
    srv_template_size(t, &w, &h);
    qr_canvas c;
    vqr_status st = canvas_open(p, w, &c, e);
    if (st != VQR_OK)
        return st;
    switch (f) {
    case SRV_FORMAT_JPG:
        st = qr_jpeg(&c, out, e);
        break;
    case SRV_FORMAT_SVG:
        st = qr_svg(&c, out, e);
        break;
    default:
        st = qr_png(&c, out, e);
        break;
    }
    vqr_qr_free(c.qr);
    if (st == VQR_OK)
        srv_metrics_image(t, f);
    return st;
}
