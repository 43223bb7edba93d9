/*
 * image.c - PNG (libpng) and JPEG (libjpeg-turbo) files into 8-bit grey
 * pixels, with the size checked before any pixel is decoded.
 */
#include "scan_int.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

static bool is_png(const unsigned char *d, size_t len)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    return len >= 8 && memcmp(d, sig, 8) == 0;
}

static bool is_jpeg(const unsigned char *d, size_t len)
{
    return len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
}

/* width * height within the limit, and neither zero. */
static vqr_status check_size(size_t w, size_t h, size_t max_pixels, vqr_error *err)
{
    if (w == 0 || h == 0 || w > UINT32_MAX || h > UINT32_MAX || w > max_pixels / h)
        return vqr_scan_fail(err, VQR_ERR_IMAGE_SIZE, SIZE_MAX, max_pixels);
    return VQR_OK;
}

/* ---- PNG ---- */

typedef struct png_src {
    const unsigned char *data;
    size_t len, pos;
    bool memory; /* the error was running out of memory */
    jmp_buf jump;
} png_src;

static void png_fail(png_structp png, png_const_charp msg)
{
    png_src *src = png_get_error_ptr(png);
    src->memory = msg && strstr(msg, "memory") != NULL;
    longjmp(src->jump, 1);
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
    png_src *src = png_get_io_ptr(png);
    if (n > src->len - src->pos)
        png_error(png, "truncated");
    memcpy(out, src->data + src->pos, n);
    src->pos += n;
}

/*
 * libpng's transformations do every conversion: palette and low bit
 * depths expanded, 16 bits stripped, transparency composed over white,
 * colour turned grey (libpng's default weights), Adam7 passes combined.
 */
static vqr_status load_png(const unsigned char *data, size_t len, size_t max_pixels,
                           unsigned char **pixels, unsigned *width, unsigned *height,
                           vqr_error *err)
{
    png_src src;
    memset(&src, 0, sizeof src);
    src.data = data;
    src.len = len;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_fail, png_quiet);
    if (!png)
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    png_infop info = png_create_info_struct(png);
    /* volatile: changed between setjmp and longjmp */
    unsigned char *volatile buf = NULL;
    png_bytep *volatile rows = NULL;
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    }
    if (setjmp(src.jump)) {
        png_destroy_read_struct(&png, &info, NULL);
        free(buf);
        free(rows);
        return vqr_scan_fail(err, src.memory ? VQR_ERR_NO_MEMORY : VQR_ERR_IMAGE_CORRUPT, SIZE_MAX,
                             0);
    }
    png_set_read_fn(png, &src, png_read_mem);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    vqr_status st = check_size(w, h, max_pixels, err);
    if (st != VQR_OK) {
        png_destroy_read_struct(&png, &info, NULL);
        return st;
    }
    int type = png_get_color_type(png, info), depth = png_get_bit_depth(png, info);
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    bool alpha = (type & PNG_COLOR_MASK_ALPHA) != 0;
    if (png_get_valid(png, info, PNG_INFO_tRNS)) {
        png_set_tRNS_to_alpha(png);
        alpha = true;
    }
    if (depth == 16)
        png_set_strip_16(png);
    if (alpha) {
        png_color_16 white = { 0, 255, 255, 255, 255 };
        png_set_background(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, 1.0);
    }
    if (type & PNG_COLOR_MASK_COLOR || type == PNG_COLOR_TYPE_PALETTE)
        png_set_rgb_to_gray_fixed(png, 1, -1, -1);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != w)
        png_error(png, "unexpected layout");
    buf = malloc((size_t)w * h);
    rows = malloc((size_t)h * sizeof *rows);
    if (!buf || !rows)
        png_error(png, "out of memory");
    for (size_t y = 0; y < h; y++)
        rows[y] = buf + y * w;
    png_read_image(png, rows);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    *pixels = buf;
    *width = w;
    *height = h;
    return VQR_OK;
}

/* ---- JPEG ---- */

typedef struct jpeg_fail {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    bool memory;
} jpeg_fail;

static void jpeg_exit(j_common_ptr cinfo)
{
    jpeg_fail *f = (jpeg_fail *)cinfo->err;
    f->memory = f->pub.msg_code == JERR_OUT_OF_MEMORY;
    longjmp(f->jump, 1);
}

/* Warnings (a corrupt segment, a premature end) are treated as errors: a
 * damaged photo is reported, not half read. */
static void jpeg_warn(j_common_ptr cinfo, int level)
{
    if (level < 0)
        jpeg_exit(cinfo);
}

static void jpeg_silent(j_common_ptr cinfo)
{
    (void)cinfo;
}

static vqr_status load_jpeg(const unsigned char *data, size_t len, size_t max_pixels,
                            unsigned char **pixels, unsigned *width, unsigned *height,
                            vqr_error *err)
{
    struct jpeg_decompress_struct cinfo;
    jpeg_fail fail;
    /* volatile: changed between setjmp and longjmp */
    unsigned char *volatile buf = NULL;
    unsigned char *volatile row = NULL;
    vqr_status st = VQR_OK;

    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&fail.pub);
    fail.pub.error_exit = jpeg_exit;
    fail.pub.emit_message = jpeg_warn;
    fail.pub.output_message = jpeg_silent;
    fail.memory = false;
    if (setjmp(fail.jump)) {
        jpeg_destroy_decompress(&cinfo);
        free(buf);
        free(row);
        return vqr_scan_fail(err, fail.memory ? VQR_ERR_NO_MEMORY : VQR_ERR_IMAGE_CORRUPT, SIZE_MAX,
                             0);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    st = check_size(cinfo.image_width, cinfo.image_height, max_pixels, err);
    if (st != VQR_OK) {
        jpeg_destroy_decompress(&cinfo);
        return st;
    }
    bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
    jpeg_start_decompress(&cinfo);
    size_t w = cinfo.output_width, h = cinfo.output_height;
    buf = malloc(w * h);
    if (cmyk)
        row = malloc(w * 4);
    if (!buf || (cmyk && !row)) {
        jpeg_destroy_decompress(&cinfo);
        free(buf);
        free(row);
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        size_t y = cinfo.output_scanline;
        JSAMPROW rp = cmyk ? row : buf + y * w;
        jpeg_read_scanlines(&cinfo, &rp, 1);
        if (cmyk) {
            /* Adobe writes CMYK inverted (Photoshop's convention, which
             * libjpeg passes through): k = 255 means no ink. */
            bool inverted = cinfo.saw_Adobe_marker;
            for (size_t x = 0; x < w; x++) {
                const unsigned char *p = row + 4 * x;
                unsigned c = p[0], m = p[1], yy = p[2], k = p[3];
                if (!inverted) {
                    c = 255 - c;
                    m = 255 - m;
                    yy = 255 - yy;
                    k = 255 - k;
                }
                /* r = c * k / 255 (inverted values are the light that is left) */
                unsigned r = c * k / 255, g = m * k / 255, b = yy * k / 255;
                buf[y * w + x] = (unsigned char)((77 * r + 150 * g + 29 * b + 128) >> 8);
            }
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    *pixels = buf;
    *width = (unsigned)w;
    *height = (unsigned)h;
    return VQR_OK;
}

vqr_status vqr_scan_load_int(const void *data, size_t len, size_t max_pixels,
                             unsigned char **pixels, unsigned *width, unsigned *height,
                             vqr_error *err)
{
    const unsigned char *d = data;
    *pixels = NULL;
    *width = *height = 0;
    if (!d && len)
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    if (is_png(d, len))
        return load_png(d, len, max_pixels, pixels, width, height, err);
    if (is_jpeg(d, len))
        return load_jpeg(d, len, max_pixels, pixels, width, height, err);
    return vqr_scan_fail(err, VQR_ERR_IMAGE_FORMAT, SIZE_MAX, 0);
}
