/*
 * test_scan.c - libvietqr-scan: PNG (every colour type, 16 bits, alpha,
 * palette, interlaced) and JPEG (grey, colour, progressive, CMYK) in; grey
 * buffers with padded rows; payloads byte for byte with their ECI (none,
 * UTF-8, ISO 8859-1 converted); corners in every orientation; several
 * codes and copies; every error; sized structs; threads.
 */
#include "vietqr-scan.h"

#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <qrencode.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <jpeglib.h>
#include <png.h>

/* ---- drawing codes into grey buffers ---- */

typedef struct image {
    unsigned char *px;
    unsigned w, h;
    size_t stride;
} image;

static image blank(unsigned w, unsigned h, size_t stride, unsigned char fill)
{
    image im = { malloc(stride * h), w, h, stride };
    ck_assert_ptr_nonnull(im.px);
    memset(im.px, fill, stride * h);
    return im;
}

/* Draws a matrix of `n` modules a side (1 = dark) at (x0, y0), `m` pixels a module. */
static void draw(image *im, const unsigned char *mods, int n, unsigned x0, unsigned y0, unsigned m)
{
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
            if (mods[y * n + x])
                for (unsigned dy = 0; dy < m; dy++)
                    memset(im->px + (y0 + (unsigned)y * m + dy) * im->stride + x0 + (unsigned)x * m,
                           0, m);
}

/* The modules of a payload as libvietqr encodes it (ECI 26 when non-ASCII). */
static unsigned char *modules(const char *payload, int *n)
{
    vqr_qr *qr;
    ck_assert_int_eq(vqr_qr_encode(payload, strlen(payload), VQR_ECC_M, NULL, &qr, NULL), VQR_OK);
    *n = vqr_qr_width(qr);
    unsigned char *m = malloc((size_t)*n * (size_t)*n);
    ck_assert_int_eq(vqr_qr_modules(qr, m, (size_t)*n * (size_t)*n, NULL, NULL), VQR_OK);
    vqr_qr_free(qr);
    return m;
}

/* The modules of libqrencode's own symbol for segments the test chooses. */
static unsigned char *qrencode_modules(QRinput *in, int *n)
{
    QRcode *c = QRcode_encodeInput(in);
    ck_assert_ptr_nonnull(c);
    *n = c->width;
    unsigned char *m = malloc((size_t)c->width * (size_t)c->width);
    for (int i = 0; i < c->width * c->width; i++)
        m[i] = c->data[i] & 1;
    QRcode_free(c);
    QRinput_free(in);
    return m;
}

static image code_image(const char *payload, unsigned m)
{
    int n;
    unsigned char *mods = modules(payload, &n);
    unsigned side = ((unsigned)n + 8) * m;
    image im = blank(side, side, side, 255);
    draw(&im, mods, n, 4 * m, 4 * m, m);
    free(mods);
    return im;
}

/* Turns an image by a quarter, clockwise. */
static image turn(const image *in)
{
    image out = blank(in->h, in->w, in->h, 255);
    for (unsigned y = 0; y < in->h; y++)
        for (unsigned x = 0; x < in->w; x++)
            out.px[x * out.stride + (in->h - 1 - y)] = in->px[y * in->stride + x];
    return out;
}

static vqr_scan_result *scan_grey(const image *im, const vqr_scan_options *o)
{
    vqr_scan_result *r = NULL;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_scan_grey(im->px, im->w, im->h, im->stride, o, &r, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_ptr_nonnull(r);
    return r;
}

static vqr_scan_code get(const vqr_scan_result *r, size_t i)
{
    vqr_scan_code c;
    memset(&c, 0xA5, sizeof c);
    c.size = sizeof c;
    ck_assert_int_eq(vqr_scan_get(r, i, &c, NULL), VQR_OK);
    return c;
}

#define VIETQR_ASCII                                                                             \
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA53037045406180000" \
    "5802VN62340107NPS68690819thanh toan don hang63042E2E"

/* A VietQR with Vietnamese text in 64 (ECI 26 in the symbol). */
static const char k_vietnamese[] =
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA520454115303704"
    "5802VN5913CHO BEN THANH6011HO CHI MINH64330002vi0113Ch\xE1\xBB\xA3 B\xE1\xBA\xBFn "
    "Th\xC3\xA0nh0206Qu\xE1\xBA"
    "\xADn 16304";

static char g_vietnamese[512];

static void fix_crc(void)
{
    size_t n = strlen(k_vietnamese);
    memcpy(g_vietnamese, k_vietnamese, n);
    snprintf(g_vietnamese + n, 5, "%04X", (unsigned)vqr_crc16(k_vietnamese, n));
}

/* ---- payloads, byte for byte ---- */

START_TEST(ascii_payload)
{
    image im = code_image(VIETQR_ASCII, 4);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    ck_assert_uint_eq(vqr_scan_distinct(r), 1);
    vqr_scan_code c = get(r, 0);
    ck_assert_uint_eq(c.size, sizeof c);
    ck_assert_uint_eq(c.len, strlen(VIETQR_ASCII));
    ck_assert_mem_eq(c.data, VIETQR_ASCII, c.len);
    ck_assert_int_eq(c.data[c.len], '\0');
    ck_assert_uint_eq(c.raw_len, c.len);
    ck_assert_mem_eq(c.raw, VIETQR_ASCII, c.len);
    ck_assert_int_eq(c.eci, -1);
    ck_assert(!c.converted);
    ck_assert(c.utf8);
    ck_assert_int_eq(c.ecc, 'M');
    ck_assert_uint_eq(c.same_as, 0);
    vqr_scan_free(r);
    free(im.px);
}
END_TEST

START_TEST(vietnamese_payload_with_eci)
{
    image im = code_image(g_vietnamese, 3);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    vqr_scan_code c = get(r, 0);
    ck_assert_uint_eq(c.len, strlen(g_vietnamese));
    ck_assert_mem_eq(c.data, g_vietnamese, c.len);
    ck_assert_int_eq(c.eci, 26);
    ck_assert(!c.converted);
    ck_assert(c.utf8);
    /* And the library reads it as a valid VietQR. */
    vqr_payload p;
    ck_assert_int_eq(vqr_payload_parse(&p, c.data, c.len, 0, NULL), VQR_OK);
    vqr_scan_free(r);
    free(im.px);
}
END_TEST

START_TEST(other_eci_is_converted)
{
    /* ECI 3 (ISO 8859-1): "Ch\xE9 c\xE0 ph\xEA" comes back as UTF-8; raw keeps the bytes. */
    static const char latin1[] = "Ch\xE9 c\xE0 ph\xEA";
    QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
    ck_assert_int_eq(QRinput_appendECIheader(in, 3), 0);
    ck_assert_int_eq(
        QRinput_append(in, QR_MODE_8, (int)strlen(latin1), (const unsigned char *)latin1), 0);
    int n;
    unsigned char *mods = qrencode_modules(in, &n);
    image im = blank(((unsigned)n + 8) * 4, ((unsigned)n + 8) * 4, ((unsigned)n + 8) * 4, 255);
    draw(&im, mods, n, 16, 16, 4);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    vqr_scan_code c = get(r, 0);
    ck_assert_int_eq(c.eci, 3);
    ck_assert(c.converted);
    ck_assert(c.utf8);
    ck_assert_str_eq(c.data, "Ch\xC3\xA9 c\xC3\xA0 ph\xC3\xAA");
    ck_assert_uint_eq(c.raw_len, strlen(latin1));
    ck_assert_mem_eq(c.raw, latin1, c.raw_len);
    vqr_scan_free(r);
    free(im.px);
    free(mods);
}
END_TEST

START_TEST(no_eci_bytes_kept)
{
    /* Bytes that are not UTF-8, without an ECI: kept as they are, not guessed at. */
    static const unsigned char bytes[] = { '0', '0', 0xE9, 0xFF, 'x', 0x00, 'y' };
    QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
    ck_assert_int_eq(QRinput_append(in, QR_MODE_8, (int)sizeof bytes, bytes), 0);
    int n;
    unsigned char *mods = qrencode_modules(in, &n);
    image im = blank(((unsigned)n + 8) * 4, ((unsigned)n + 8) * 4, ((unsigned)n + 8) * 4, 255);
    draw(&im, mods, n, 16, 16, 4);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    vqr_scan_code c = get(r, 0);
    ck_assert_int_eq(c.eci, -1);
    ck_assert(!c.converted);
    ck_assert(!c.utf8);
    ck_assert_uint_eq(c.len, sizeof bytes);
    ck_assert_mem_eq(c.data, bytes, sizeof bytes);
    vqr_scan_free(r);
    free(im.px);
    free(mods);
}
END_TEST

/* ---- where the code is ---- */

/* The finder patterns lie at corners 0, 1 and 3: check that the pixels at
 * a corner's finder centre (3.5 modules in along both edges) are dark. */
static void check_corners(const image *im, const vqr_scan_code *c, int tl_x, int tl_y, int tol)
{
    ck_assert_msg(abs(c->corners[0].x - tl_x) <= tol && abs(c->corners[0].y - tl_y) <= tol,
                  "top-left at %d,%d, expected %d,%d", c->corners[0].x, c->corners[0].y, tl_x,
                  tl_y);
    for (int k = 0; k < 4; k++) {
        ck_assert_int_ge(c->corners[k].x, 0);
        ck_assert_int_ge(c->corners[k].y, 0);
        ck_assert_int_le(c->corners[k].x, (int)im->w);
        ck_assert_int_le(c->corners[k].y, (int)im->h);
    }
    /* Corners go round the symbol: top-left -> top-right -> bottom-right
     * is clockwise on the screen (y grows downwards) whatever the turn. */
    long ax = c->corners[1].x - c->corners[0].x, ay = c->corners[1].y - c->corners[0].y;
    long bx = c->corners[2].x - c->corners[1].x, by = c->corners[2].y - c->corners[1].y;
    ck_assert_int_gt(ax * by - ay * bx, 0);
}

START_TEST(corners_every_quarter_turn)
{
    const unsigned m = 4;
    image im = code_image(VIETQR_ASCII, m);
    int n;
    free(modules(VIETQR_ASCII, &n));
    int side = (n + 8) * (int)m, q = 4 * (int)m, s = n * (int)m;
    /* The symbol's top-left corner after 0, 1, 2, 3 quarter turns clockwise. */
    const int tl[4][2] = { { q, q }, { side - q, q }, { side - q, side - q }, { q, side - q } };
    for (int t = 0; t < 4; t++) {
        vqr_scan_result *r = scan_grey(&im, NULL);
        ck_assert_uint_eq(vqr_scan_count(r), 1);
        vqr_scan_code c = get(r, 0);
        ck_assert_mem_eq(c.data, VIETQR_ASCII, c.len);
        /* ZXing reports the corners of the modules' centres' hull or the
         * outer edge: within a module and a half either way. */
        check_corners(&im, &c, tl[t][0], tl[t][1], (int)m * 3 / 2 + 1);
        /* The side between corners 0 and 1 is the symbol's width. */
        int dx = c.corners[1].x - c.corners[0].x, dy = c.corners[1].y - c.corners[0].y;
        int len2 = dx * dx + dy * dy;
        ck_assert_int_ge(len2, (s - 3 * (int)m) * (s - 3 * (int)m));
        ck_assert_int_le(len2, (s + 3 * (int)m) * (s + 3 * (int)m));
        vqr_scan_free(r);
        image next = turn(&im);
        free(im.px);
        im = next;
    }
    free(im.px);
}
END_TEST

START_TEST(padded_rows)
{
    /* Rows 37 bytes longer than the image, the padding full of noise. */
    int n;
    unsigned char *mods = modules(VIETQR_ASCII, &n);
    unsigned w = ((unsigned)n + 8) * 3;
    image im = blank(w, w, w + 37, 255);
    for (unsigned y = 0; y < w; y++)
        for (unsigned x = w; x < w + 37; x++)
            im.px[y * im.stride + x] = (unsigned char)(x * 7 + y * 13);
    draw(&im, mods, n, 12, 12, 3);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    vqr_scan_code c = get(r, 0);
    ck_assert_mem_eq(c.data, VIETQR_ASCII, c.len);
    vqr_scan_free(r);
    free(im.px);
    free(mods);
}
END_TEST

/* ---- several codes ---- */

static image two_codes(const char *a, const char *b, unsigned m)
{
    int na, nb;
    unsigned char *ma = modules(a, &na), *mb = modules(b, &nb);
    unsigned wa = ((unsigned)na + 8) * m, wb = ((unsigned)nb + 8) * m;
    image im = blank(wa + wb, wa > wb ? wa : wb, wa + wb, 255);
    draw(&im, ma, na, 4 * m, 4 * m, m);
    draw(&im, mb, nb, wa + 4 * m, 4 * m, m);
    free(ma);
    free(mb);
    return im;
}

START_TEST(two_different_codes)
{
    image im = two_codes(VIETQR_ASCII, g_vietnamese, 3);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 2);
    ck_assert_uint_eq(vqr_scan_distinct(r), 2);
    vqr_scan_code c0 = get(r, 0), c1 = get(r, 1);
    ck_assert_uint_eq(c0.same_as, 0);
    ck_assert_uint_eq(c1.same_as, 1);
    bool first_ascii = c0.len == strlen(VIETQR_ASCII);
    const vqr_scan_code *ascii = first_ascii ? &c0 : &c1, *vi = first_ascii ? &c1 : &c0;
    ck_assert_mem_eq(ascii->data, VIETQR_ASCII, ascii->len);
    ck_assert_uint_eq(vi->len, strlen(g_vietnamese));
    ck_assert_mem_eq(vi->data, g_vietnamese, vi->len);
    vqr_scan_free(r);

    /* At most one code, when asked. */
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, NULL);
    o.max_codes = 1;
    r = scan_grey(&im, &o);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    ck_assert_uint_eq(vqr_scan_distinct(r), 1);
    vqr_scan_free(r);
    free(im.px);
}
END_TEST

START_TEST(two_copies_of_one_code)
{
    image im = two_codes(VIETQR_ASCII, VIETQR_ASCII, 3);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 2);
    ck_assert_uint_eq(vqr_scan_distinct(r), 1);
    ck_assert_uint_eq(get(r, 1).same_as, 0);
    /* Two places. */
    ck_assert_int_ne(get(r, 0).corners[0].x, get(r, 1).corners[0].x);
    vqr_scan_free(r);
    free(im.px);
}
END_TEST

START_TEST(no_code)
{
    image im = blank(640, 480, 640, 200);
    for (unsigned i = 0; i < 640 * 480; i++)
        im.px[i] = (unsigned char)((i * 2654435761u) >> 24);
    vqr_scan_result *r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 0);
    ck_assert_uint_eq(vqr_scan_distinct(r), 0);
    vqr_scan_code c;
    c.size = sizeof c;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_scan_get(r, 0, &c, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(e.code, VQR_ERR_NOT_FOUND);
    vqr_scan_free(r);
    free(im.px);
}
END_TEST

START_TEST(noisy_code_read_on_the_second_pass)
{
    /* Noise of one pixel the binarizer cannot see through; the smoothed
     * second pass reads it, VQR_SCAN_FAST does not try. */
    image im = code_image(VIETQR_ASCII, 5);
    uint32_t s = 12345;
    for (size_t i = 0; i < (size_t)im.w * im.h; i++) {
        s = s * 1103515245u + 12345u;
        int v = im.px[i] ? 215 : 40;
        v += (int)((s >> 16) % 181) - 90;
        im.px[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, NULL);
    o.flags = VQR_SCAN_FAST;
    vqr_scan_result *r = scan_grey(&im, &o);
    size_t fast = vqr_scan_count(r);
    vqr_scan_free(r);
    r = scan_grey(&im, NULL);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    ck_assert_mem_eq(get(r, 0).data, VIETQR_ASCII, strlen(VIETQR_ASCII));
    vqr_scan_free(r);
    ck_assert_uint_eq(fast, 0);
    free(im.px);
}
END_TEST

/* ---- image files ---- */

typedef struct membuf {
    unsigned char *b;
    size_t len, cap;
} membuf;

static void mem_write(png_structp png, png_bytep data, size_t len)
{
    membuf *m = png_get_io_ptr(png);
    if (m->len + len > m->cap) {
        m->cap = (m->len + len) * 2;
        m->b = realloc(m->b, m->cap);
    }
    memcpy(m->b + m->len, data, len);
    m->len += len;
}

static void mem_flush(png_structp png)
{
    (void)png;
}

/* Writes the grey image as a PNG of `color_type` and `depth`; for colour
 * types with alpha the light pixels become transparent. */
static membuf png_of(const image *im, int color_type, int depth, bool interlace)
{
    membuf m = { NULL, 0, 0 };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    ck_assert(!setjmp(png_jmpbuf(png)));
    png_set_write_fn(png, &m, mem_write, mem_flush);
    png_set_IHDR(png, info, im->w, im->h, depth, color_type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color pal[2] = { { 20, 40, 90 }, { 250, 245, 230 } };
        png_set_PLTE(png, info, pal, 2);
    }
    png_write_info(png, info);
    int passes = interlace ? png_set_interlace_handling(png) : 1;
    size_t bpp = color_type == PNG_COLOR_TYPE_RGB_ALPHA    ? 4
                 : color_type == PNG_COLOR_TYPE_RGB        ? 3
                 : color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
                                                           : 1;
    size_t bytes = bpp * (size_t)(depth == 16 ? 2 : 1);
    unsigned char *row = malloc(im->w * bytes);
    for (int pass = 0; pass < passes; pass++) {
        for (unsigned y = 0; y < im->h; y++) {
            for (unsigned x = 0; x < im->w; x++) {
                unsigned char g = im->px[y * im->stride + x];
                unsigned char *p = row + x * bytes;
                if (color_type == PNG_COLOR_TYPE_PALETTE) {
                    p[0] = g < 128 ? 0 : 1;
                } else if (depth == 16) {
                    for (size_t k = 0; k < bytes; k += 2)
                        p[k] = p[k + 1] = g;
                    if (color_type == PNG_COLOR_TYPE_GRAY_ALPHA)
                        p[2] = p[3] = g < 128 ? 255 : 0;
                } else {
                    memset(p, g, bytes);
                    if (color_type == PNG_COLOR_TYPE_RGB) {
                        p[0] = (unsigned char)(g / 2 + 100 * (g > 128)); /* a tinted paper */
                        p[2] = (unsigned char)(g * 9 / 10);
                    }
                    if (color_type == PNG_COLOR_TYPE_RGB_ALPHA) {
                        p[0] = p[1] = p[2] = g < 128 ? 0 : 90; /* dark under transparency */
                        p[3] = g < 128 ? 255 : 0;
                    }
                }
            }
            png_write_row(png, row);
        }
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    return m;
}

static membuf jpeg_of(const image *im, J_COLOR_SPACE space, int quality, bool progressive,
                      bool adobe_cmyk)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr jerr;
    c.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    unsigned long out_len = 0;
    jpeg_mem_dest(&c, &out, &out_len);
    c.image_width = im->w;
    c.image_height = im->h;
    c.input_components = space == JCS_GRAYSCALE ? 1 : space == JCS_CMYK ? 4 : 3;
    c.in_color_space = space;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    if (progressive)
        jpeg_simple_progression(&c);
    if (space == JCS_CMYK && !adobe_cmyk)
        c.write_Adobe_marker = FALSE;
    jpeg_start_compress(&c, TRUE);
    unsigned char *row = malloc(im->w * 4);
    while (c.next_scanline < c.image_height) {
        unsigned y = c.next_scanline;
        for (unsigned x = 0; x < im->w; x++) {
            unsigned char g = im->px[y * im->stride + x];
            if (space == JCS_GRAYSCALE) {
                row[x] = g;
            } else if (space == JCS_CMYK) {
                /* All the darkness in K; Adobe files store 255 - ink. */
                unsigned char k = (unsigned char)(255 - g);
                row[4 * x] = row[4 * x + 1] = row[4 * x + 2] = adobe_cmyk ? 255 : 0;
                row[4 * x + 3] = adobe_cmyk ? (unsigned char)(255 - k) : k;
            } else {
                row[3 * x] = g;
                row[3 * x + 1] = (unsigned char)(g * 15 / 16);
                row[3 * x + 2] = (unsigned char)(g * 3 / 4);
            }
        }
        JSAMPROW rp = row;
        jpeg_write_scanlines(&c, &rp, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    membuf m = { out, out_len, out_len };
    return m;
}

static void scan_file_bytes(const membuf *m, const char *want, const char *what)
{
    vqr_scan_result *r = NULL;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_scan_image(m->b, m->len, NULL, &r, &e);
    ck_assert_msg(st == VQR_OK, "%s: %s", what, vqr_status_name(st));
    ck_assert_msg(vqr_scan_count(r) == 1, "%s: %zu codes", what, vqr_scan_count(r));
    vqr_scan_code c = get(r, 0);
    ck_assert_msg(c.len == strlen(want) && memcmp(c.data, want, c.len) == 0, "%s: wrong payload",
                  what);
    vqr_scan_free(r);
}

START_TEST(png_every_kind)
{
    image im = code_image(g_vietnamese, 3);
    static const struct {
        int type, depth;
        bool interlace;
        const char *what;
    } k[] = {
        { PNG_COLOR_TYPE_GRAY, 8, false, "grey 8" },
        { PNG_COLOR_TYPE_GRAY, 16, false, "grey 16" },
        { PNG_COLOR_TYPE_GRAY, 8, true, "grey 8 interlaced" },
        { PNG_COLOR_TYPE_GRAY_ALPHA, 16, false, "grey+alpha 16" },
        { PNG_COLOR_TYPE_RGB, 8, false, "RGB" },
        { PNG_COLOR_TYPE_RGB, 16, false, "RGB 16" },
        { PNG_COLOR_TYPE_RGB, 16, true, "RGB 16 interlaced" },
        { PNG_COLOR_TYPE_RGB_ALPHA, 8, false, "RGBA, light pixels transparent" },
        { PNG_COLOR_TYPE_PALETTE, 8, false, "palette" },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        membuf m = png_of(&im, k[i].type, k[i].depth, k[i].interlace);
        scan_file_bytes(&m, g_vietnamese, k[i].what);
        /* vqr_scan_load: the same size, dark modules dark, light ones light. */
        unsigned char *px;
        unsigned w, h;
        ck_assert_int_eq(vqr_scan_load(m.b, m.len, NULL, &px, &w, &h, NULL), VQR_OK);
        ck_assert_uint_eq(w, im.w);
        ck_assert_uint_eq(h, im.h);
        for (size_t p = 0; p < (size_t)w * h; p++)
            ck_assert_msg(im.px[p] < 128 ? px[p] < 100 : px[p] > 150, "%s: pixel %zu is %d",
                          k[i].what, p, px[p]);
        vqr_free(px);
        free(m.b);
    }
    free(im.px);
}
END_TEST

START_TEST(jpeg_every_kind)
{
    image im = code_image(g_vietnamese, 4);
    membuf m = jpeg_of(&im, JCS_GRAYSCALE, 90, false, false);
    scan_file_bytes(&m, g_vietnamese, "grey JPEG");
    free(m.b);
    m = jpeg_of(&im, JCS_RGB, 60, false, false);
    scan_file_bytes(&m, g_vietnamese, "colour JPEG, quality 60");
    free(m.b);
    m = jpeg_of(&im, JCS_RGB, 85, true, false);
    scan_file_bytes(&m, g_vietnamese, "progressive JPEG");
    free(m.b);
    m = jpeg_of(&im, JCS_CMYK, 90, false, true);
    scan_file_bytes(&m, g_vietnamese, "CMYK JPEG (Adobe)");
    unsigned char *px;
    unsigned w, h;
    ck_assert_int_eq(vqr_scan_load(m.b, m.len, NULL, &px, &w, &h, NULL), VQR_OK);
    ck_assert_uint_lt(px[0], 256);
    ck_assert_uint_gt(px[0], 200); /* the quiet zone is white */
    vqr_free(px);
    free(m.b);
    m = jpeg_of(&im, JCS_CMYK, 90, false, false);
    scan_file_bytes(&m, g_vietnamese, "CMYK JPEG (no Adobe marker)");
    free(m.b);
    free(im.px);
}
END_TEST

START_TEST(scan_file)
{
    image im = code_image(VIETQR_ASCII, 3);
    membuf m = png_of(&im, PNG_COLOR_TYPE_GRAY, 8, false);
    char path[] = "/tmp/vqr-scan-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, m.b, m.len), (ssize_t)m.len);
    close(fd);
    vqr_scan_result *r;
    ck_assert_int_eq(vqr_scan_file(path, NULL, &r, NULL), VQR_OK);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    ck_assert_mem_eq(get(r, 0).data, VIETQR_ASCII, strlen(VIETQR_ASCII));
    vqr_scan_free(r);
    unlink(path);
    vqr_error e;
    VQR_INIT(&e);
    errno = 0;
    ck_assert_int_eq(vqr_scan_file(path, NULL, &r, &e), VQR_ERR_IO);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(e.code, VQR_ERR_IO);
    ck_assert_int_eq(vqr_scan_file("/tmp", NULL, &r, &e), VQR_ERR_IO);
    ck_assert_int_eq(errno, EISDIR);
    free(m.b);
    free(im.px);
}
END_TEST

/* ---- errors ---- */

START_TEST(image_errors)
{
    vqr_scan_result *r = (vqr_scan_result *)1;
    vqr_error e;
    VQR_INIT(&e);
    static const char text[] = "00020101021138570010A000000727";
    ck_assert_int_eq(vqr_scan_image(text, sizeof text, NULL, &r, &e), VQR_ERR_IMAGE_FORMAT);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(e.name, "VQR_ERR_IMAGE_FORMAT");
    ck_assert_int_eq(vqr_scan_image("", 0, NULL, &r, &e), VQR_ERR_IMAGE_FORMAT);
    ck_assert_int_eq(vqr_scan_image(NULL, 0, NULL, &r, &e), VQR_ERR_IMAGE_FORMAT);
    ck_assert_int_eq(vqr_scan_image(NULL, 3, NULL, &r, &e), VQR_ERR_INVALID_ARGUMENT);

    image im = code_image(VIETQR_ASCII, 3);
    membuf png = png_of(&im, PNG_COLOR_TYPE_GRAY, 8, false);
    membuf jpg = jpeg_of(&im, JCS_GRAYSCALE, 80, false, false);
    /* Truncated: cut in the pixel data. */
    ck_assert_int_eq(vqr_scan_image(png.b, png.len - 40, NULL, &r, &e), VQR_ERR_IMAGE_CORRUPT);
    ck_assert_int_eq(vqr_scan_image(png.b, 30, NULL, &r, &e), VQR_ERR_IMAGE_CORRUPT);
    ck_assert_int_eq(vqr_scan_image(jpg.b, jpg.len / 2, NULL, &r, &e), VQR_ERR_IMAGE_CORRUPT);
    ck_assert_int_eq(vqr_scan_image(jpg.b, 3, NULL, &r, &e), VQR_ERR_IMAGE_CORRUPT);
    ck_assert_ptr_null(r);
    /* A damaged byte in the PNG's pixel data (its CRC no longer matches). */
    png.b[png.len - 20] ^= 0x55;
    ck_assert_int_eq(vqr_scan_image(png.b, png.len, NULL, &r, &e), VQR_ERR_IMAGE_CORRUPT);
    png.b[png.len - 20] ^= 0x55;

    /* Too many pixels: refused before any is decoded. */
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, NULL);
    o.max_pixels = (size_t)im.w * im.h - 1;
    ck_assert_int_eq(vqr_scan_image(png.b, png.len, &o, &r, &e), VQR_ERR_IMAGE_SIZE);
    ck_assert_uint_eq(e.limit, o.max_pixels);
    ck_assert_int_eq(vqr_scan_image(jpg.b, jpg.len, &o, &r, &e), VQR_ERR_IMAGE_SIZE);
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &o, &r, &e), VQR_ERR_IMAGE_SIZE);
    o.max_pixels = (size_t)im.w * im.h;
    ck_assert_int_eq(vqr_scan_image(png.b, png.len, &o, &r, &e), VQR_OK);
    vqr_scan_free(r);

    /* A PNG header claiming 100000 x 100000 pixels (10 gigapixels). */
    unsigned char *big = malloc(png.len);
    memcpy(big, png.b, png.len);
    for (int k = 16; k < 24; k += 4) {
        big[k] = 0;
        big[k + 1] = 0x01;
        big[k + 2] = 0x86;
        big[k + 3] = 0xA0;
    }
    uint32_t crc = (uint32_t)crc32(0, big + 12, 17);
    big[29] = (unsigned char)(crc >> 24);
    big[30] = (unsigned char)(crc >> 16);
    big[31] = (unsigned char)(crc >> 8);
    big[32] = (unsigned char)crc;
    ck_assert_int_eq(vqr_scan_image(big, png.len, NULL, &r, &e), VQR_ERR_IMAGE_SIZE);
    ck_assert_uint_eq(e.limit, VQR_SCAN_MAX_PIXELS_DEFAULT);
    free(big);

    /* Grey buffers. */
    ck_assert_int_eq(vqr_scan_grey(im.px, 0, 10, 10, NULL, &r, &e), VQR_ERR_IMAGE_SIZE);
    ck_assert_int_eq(vqr_scan_grey(im.px, 10, 0, 10, NULL, &r, &e), VQR_ERR_IMAGE_SIZE);
    ck_assert_int_eq(vqr_scan_grey(im.px, 10, 10, 9, NULL, &r, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_grey(NULL, 10, 10, 10, NULL, &r, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_grey(im.px, 10, 10, 10, NULL, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_image(png.b, png.len, NULL, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_file(NULL, NULL, &r, &e), VQR_ERR_INVALID_ARGUMENT);
    unsigned char *px;
    unsigned w, h;
    ck_assert_int_eq(vqr_scan_load(png.b, png.len, NULL, NULL, &w, &h, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_load(text, sizeof text, NULL, &px, &w, &h, &e), VQR_ERR_IMAGE_FORMAT);
    ck_assert_ptr_null(px);
    ck_assert_uint_eq(w, 0);
    free(png.b);
    free(jpg.b);
    free(im.px);
}
END_TEST

START_TEST(options_and_sizes)
{
    image im = code_image(VIETQR_ASCII, 3);
    vqr_scan_result *r;
    vqr_error e;
    VQR_INIT(&e);
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, NULL);
    ck_assert_uint_eq(o.size, sizeof o);
    ck_assert_uint_eq(o.max_pixels, VQR_SCAN_MAX_PIXELS_DEFAULT);
    ck_assert_uint_eq(o.max_codes, VQR_SCAN_MAX_CODES_DEFAULT);
    o.flags = 1u << 5;
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &o, &r, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    vqr_scan_options_init(&o, sizeof o, NULL);
    o.max_codes = 0;
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &o, &r, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    o.max_codes = 256;
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &o, &r, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    vqr_scan_options_init(&o, sizeof o, NULL);
    o.max_pixels = 0;
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &o, &r, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    /* A caller built against a header with only size and flags: defaults after. */
    struct {
        size_t size;
        unsigned flags;
    } old = { sizeof old, 0 };
    ck_assert_int_eq(
        vqr_scan_grey(im.px, im.w, im.h, im.stride, (const vqr_scan_options *)&old, &r, &e),
        VQR_OK);
    ck_assert_uint_eq(vqr_scan_count(r), 1);
    vqr_scan_free(r);
    /* A future caller: a zero tail is fine, anything else is not. */
    struct {
        vqr_scan_options now;
        uint64_t later;
    } fut;
    memset(&fut, 0, sizeof fut);
    vqr_scan_options_init(&fut.now, sizeof fut, NULL);
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &fut.now, &r, &e), VQR_OK);
    /* vqr_scan_get fills what the size holds and zeroes the rest. */
    struct {
        vqr_scan_code now;
        unsigned char later[32];
    } code;
    memset(&code, 0x77, sizeof code);
    code.now.size = sizeof code;
    ck_assert_int_eq(vqr_scan_get(r, 0, &code.now, NULL), VQR_OK);
    ck_assert_uint_eq(code.now.size, sizeof code);
    ck_assert_mem_eq(code.now.data, VIETQR_ASCII, code.now.len);
    for (size_t i = 0; i < sizeof code.later; i++)
        ck_assert_uint_eq(code.later[i], 0);
    /* An older caller's struct that ends before `raw`: only `data` and `len`. */
    memset(&code, 0x77, sizeof code);
    code.now.size = offsetof(vqr_scan_code, raw);
    ck_assert_int_eq(vqr_scan_get(r, 0, &code.now, NULL), VQR_OK);
    ck_assert_uint_eq(code.now.len, strlen(VIETQR_ASCII));
    ck_assert_uint_eq(code.now.size, offsetof(vqr_scan_code, raw));
    const unsigned char *rest = (const unsigned char *)&code + offsetof(vqr_scan_code, raw);
    for (size_t i = 0; i < sizeof code - offsetof(vqr_scan_code, raw); i++)
        ck_assert_uint_eq(rest[i], 0x77);
    code.now.size = 0;
    ck_assert_int_eq(vqr_scan_get(r, 0, &code.now, &e), VQR_ERR_INVALID_ARGUMENT);
    code.now.size = 4;
    ck_assert_int_eq(vqr_scan_get(r, 0, &code.now, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_get(NULL, 0, &code.now, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_scan_get(r, 0, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_scan_free(r);
    fut.later = 1;
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, &fut.now, &r, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    vqr_error unset;
    memset(&unset, 0, sizeof unset);
    ck_assert_int_eq(vqr_scan_grey(im.px, im.w, im.h, im.stride, NULL, &r, &unset),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(unset.code, VQR_OK);
    ck_assert_uint_eq(vqr_scan_count(NULL), 0);
    ck_assert_uint_eq(vqr_scan_distinct(NULL), 0);
    vqr_scan_free(NULL);
    ck_assert_int_eq(vqr_scan_options_init(NULL, sizeof o, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(vqr_scan_decoder(), "ZXing-C++ 1.4.0");
    free(im.px);
}
END_TEST

/* ---- threads ---- */

static void *scanner(void *arg)
{
    const image *im = arg;
    for (int i = 0; i < 20; i++) {
        vqr_scan_result *r;
        if (vqr_scan_grey(im->px, im->w, im->h, im->stride, NULL, &r, NULL) != VQR_OK)
            return (void *)1;
        vqr_scan_code c;
        VQR_INIT(&c);
        bool ok = vqr_scan_count(r) == 2 && vqr_scan_get(r, 0, &c, NULL) == VQR_OK;
        vqr_scan_free(r);
        if (!ok)
            return (void *)1;
    }
    return NULL;
}

START_TEST(threads)
{
    image im = two_codes(VIETQR_ASCII, g_vietnamese, 3);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, scanner, &im), 0);
    for (int i = 0; i < 4; i++) {
        void *res;
        pthread_join(t[i], &res);
        ck_assert_ptr_null(res);
    }
    free(im.px);
}
END_TEST

int main(void)
{
    fix_crc();
    Suite *s = suite_create("scan");
    TCase *tc = tcase_create("scan");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, ascii_payload);
    tcase_add_test(tc, vietnamese_payload_with_eci);
    tcase_add_test(tc, other_eci_is_converted);
    tcase_add_test(tc, no_eci_bytes_kept);
    tcase_add_test(tc, corners_every_quarter_turn);
    tcase_add_test(tc, padded_rows);
    tcase_add_test(tc, two_different_codes);
    tcase_add_test(tc, two_copies_of_one_code);
    tcase_add_test(tc, no_code);
    tcase_add_test(tc, noisy_code_read_on_the_second_pass);
    tcase_add_test(tc, png_every_kind);
    tcase_add_test(tc, jpeg_every_kind);
    tcase_add_test(tc, scan_file);
    tcase_add_test(tc, image_errors);
    tcase_add_test(tc, options_and_sizes);
    tcase_add_test(tc, threads);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
