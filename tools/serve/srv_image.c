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
 * written here (1-bit grey, its rows repeated as deflate matches), JPEG
 * through libjpeg-turbo (8-bit grey), SVG as one path of whole pixels. It is the template asked for most, in bulk,
 * and this is several times faster than going through cairo (README).
 */
#include "srv_internal.h"

#include "../cli.h"

#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

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

/* ---- PNG ---------------------------------------------------------------- */

/*
 * The PNG of the canvas, written here: 1-bit grey, filter type 0, and a
 * zlib stream coded with deflate's fixed Huffman codes (RFC 1951, 3.2.6).
 * The image is a few distinct rows (white, and one per module row), each
 * repeated: a row the same as the one above is a match at the distance of
 * a row (repeated rows together, a match may overlap itself), and within
 * a row a run of one byte is a match at distance 1. That is the whole
 * compression, and about 1 KB to 2 KB as zlib's level 1 makes (which
 * spends most of a request's time searching for these matches).
 */

/* The bit writer, with the fixed codes reversed for it (least significant
 * bit first) and the two distances used: 1 (a run) and a row. */
typedef struct bitw {
    unsigned char *p;
    uint64_t acc;
    unsigned n;
    uint16_t code[288];
    uint8_t len[288];
    uint32_t dist_bits[2];
    uint8_t dist_len[2];
    unsigned dist[2];
} bitw;

static void bits_put(bitw *w, uint32_t v, unsigned n)
{
    w->acc |= (uint64_t)v << w->n;
    w->n += n;
    if (w->n >= 32) {
        w->p[0] = (unsigned char)w->acc;
        w->p[1] = (unsigned char)(w->acc >> 8);
        w->p[2] = (unsigned char)(w->acc >> 16);
        w->p[3] = (unsigned char)(w->acc >> 24);
        w->p += 4;
        w->acc >>= 32;
        w->n -= 32;
    }
}

static void bits_flush(bitw *w)
{
    while (w->n > 0) {
        *w->p++ = (unsigned char)w->acc;
        w->acc >>= 8;
        w->n = w->n > 8 ? w->n - 8 : 0;
    }
}

/* The n <= 16 low bits of `code` in reverse order. */
static unsigned reverse(unsigned code, unsigned n)
{
    unsigned v = code;
    v = ((v >> 1) & 0x5555u) | ((v & 0x5555u) << 1);
    v = ((v >> 2) & 0x3333u) | ((v & 0x3333u) << 2);
    v = ((v >> 4) & 0x0F0Fu) | ((v & 0x0F0Fu) << 4);
    v = ((v >> 8) & 0x00FFu) | ((v & 0x00FFu) << 8);
    return v >> (16 - n);
}

static const uint16_t k_len_base[29] = { 3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                         15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                         67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint16_t k_dist_base[30] = { 1,    2,    3,    4,     5,     7,    9,    13,
                                          17,   25,   33,   49,    65,    97,   129,  193,
                                          257,  385,  513,  769,   1025,  1537, 2049, 3073,
                                          4097, 6145, 8193, 12289, 16385, 24577 };

/* Extra bits of length code i and of distance code i. */
static unsigned len_extra(unsigned i)
{
    return i < 8 || i == 28 ? 0 : (i - 4) / 4;
}

static unsigned dist_extra(unsigned i)
{
    return i < 4 ? 0 : (i - 2) / 2;
}

/* The fixed literal/length code (RFC 1951, 3.2.6) and the distances 1 and
 * `row` (<= 32768). */
static void bits_init(bitw *w, unsigned char *p, unsigned row)
{
    w->p = p;
    w->acc = 0;
    w->n = 0;
    for (unsigned v = 0; v < 288; v++) {
        unsigned code, n;
        if (v < 144) {
            code = 0x30u + v;
            n = 8;
        } else if (v < 256) {
            code = 0x190u + (v - 144);
            n = 9;
        } else if (v < 280) {
            code = v - 256;
            n = 7;
        } else {
            code = 0xC0u + (v - 280);
            n = 8;
        }
        w->code[v] = (uint16_t)reverse(code, n);
        w->len[v] = (uint8_t)n;
    }
    w->dist[0] = 1;
    w->dist[1] = row;
    for (int k = 0; k < 2; k++) {
        unsigned d = 29;
        while (k_dist_base[d] > w->dist[k])
            d--;
        /* the 5-bit code, then its extra bits */
        w->dist_bits[k] = reverse(d, 5) | (uint32_t)(w->dist[k] - k_dist_base[d]) << 5;
        w->dist_len[k] = (uint8_t)(5 + dist_extra(d));
    }
}

static void fixed_sym(bitw *w, unsigned v)
{
    bits_put(w, w->code[v], w->len[v]);
}

/* `total` bytes copied from distance `which` (0: 1, 1: a row) back, as
 * matches of 3 to 258 bytes (total >= 3). */
static void fixed_copy(bitw *w, size_t total, int which)
{
    while (total > 0) {
        size_t l = total > 258 ? 258 : total;
        if (total > 258 && total - 258 < 3)
            l = total - 3; /* leaves a match of 3 */
        unsigned i = 28;
        while (k_len_base[i] > l)
            i--;
        fixed_sym(w, 257 + i);
        bits_put(w, (unsigned)l - k_len_base[i], len_extra(i));
        bits_put(w, w->dist_bits[which], w->dist_len[which]);
        total -= l;
    }
}

/* A row: literals, and runs of a byte after it as matches at distance 1. */
static void fixed_row(bitw *w, const unsigned char *r, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = r[i++];
        fixed_sym(w, c);
        size_t j = i;
        while (j < n && r[j] == c)
            j++;
        if (j - i >= 3) {
            fixed_copy(w, j - i, 0);
            i = j;
        }
    }
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void png_chunk(srv_buf *b, const char type[4], const unsigned char *data, size_t len)
{
    unsigned char head[8], crc[4];
    put_be32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uLong c = crc32(0L, (const Bytef *)type, 4);
    if (len)
        c = crc32(c, data, (uInt)len);
    put_be32(crc, (uint32_t)c);
    srv_buf_put(b, head, 8);
    srv_buf_put(b, data, len);
    srv_buf_put(b, crc, 4);
}

static vqr_status qr_png(const qr_canvas *c, srv_image *out, vqr_error *e)
{
    /* a row: the filter type (0), then 1 bit a pixel, 1 = white */
    size_t rb = 1 + (c->side + 7) / 8;
    unsigned char *row = malloc(rb);
    /* at most 9 bits a byte, and the zlib header and check */
    size_t cap = rb * c->side / 8 * 9 + rb + 64;
    unsigned char *z = malloc(cap);
    if (!row || !z) {
        free(row);
        free(z);
        return srv_error(e, VQR_ERR_NO_MEMORY, "");
    }
    z[0] = 0x78; /* deflate, 32 KiB window */
    z[1] = 0x01; /* fastest */
    bitw w;
    bits_init(&w, z + 2, (unsigned)rb);
    bits_put(&w, 1, 1); /* the last block */
    bits_put(&w, 1, 2); /* fixed codes */
    uLong adler = adler32(0L, Z_NULL, 0), row_adler = adler;
    unsigned top = c->origin, bottom = c->origin + c->module * (unsigned)c->width;
    int shown = -2; /* the row written last: -1 white, else its module row */
    size_t repeat = 0;
    for (unsigned y = 0; y < c->side; y++) {
        int my = y >= top && y < bottom ? (int)((y - top) / c->module) : -1;
        if (my == shown) {
            repeat += rb;
            adler = adler32_combine(adler, row_adler, (z_off_t)rb);
            continue;
        }
        if (repeat)
            fixed_copy(&w, repeat, 1);
        repeat = 0;
        memset(row, 0xFF, rb);
        row[0] = 0;
        for (int mx = 0; my >= 0 && mx < c->width; mx++) {
            if (!vqr_qr_module(c->qr, mx, my))
                continue;
            unsigned x0 = c->origin + (unsigned)mx * c->module;
            for (unsigned x = x0; x < x0 + c->module; x++)
                row[1 + x / 8] &= (unsigned char)~(0x80u >> (x % 8));
        }
        fixed_row(&w, row, rb);
        row_adler = adler32(adler32(0L, Z_NULL, 0), row, (uInt)rb);
        adler = adler32_combine(adler, row_adler, (z_off_t)rb);
        shown = my;
    }
    if (repeat)
        fixed_copy(&w, repeat, 1);
    fixed_sym(&w, 256); /* end of block */
    bits_flush(&w);
    put_be32(w.p, (uint32_t)adler);
    size_t zlen = (size_t)(w.p + 4 - z);
    free(row);

    srv_buf b = { 0 };
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    srv_buf_put(&b, sig, 8);
    unsigned char ihdr[13];
    put_be32(ihdr, c->side);
    put_be32(ihdr + 4, c->side);
    ihdr[8] = 1; /* bit depth */
    ihdr[9] = 0; /* grey */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    png_chunk(&b, "IHDR", ihdr, sizeof ihdr);
    png_chunk(&b, "IDAT", z, zlen);
    png_chunk(&b, "IEND", NULL, 0);
    free(z);
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
