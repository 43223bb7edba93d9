/*
 * test_render_images.c - PNG output: every chunk and pixel checked against
 * the module matrix, pngcheck, and zbarimg reading the payload back byte
 * for byte at several scales and every ECC level; colours, pHYs, options
 * and files written whole or not at all.
 */
#include "render_fixtures.h"
#include "render_tools.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks a PNG from vqr_render_png against the matrix, options `o`. */
static void check_png(const unsigned char *png, size_t len, const vqr_qr *qr,
                      const vqr_render_options *o)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    bool palette = !(o->foreground == 0 && o->background == 0xFFFFFF);
    const char *expect[5];
    size_t nexpect = 0, nchunk = 0, pos = 8;
    unsigned side = (unsigned)vqr_qr_width(qr) + 2 * o->quiet_zone, px = side * o->scale;
    size_t rowbytes = (px + 7) / 8, raw_len = (rowbytes + 1) * px;
    unsigned char *raw = malloc(raw_len + 1);
    const unsigned char *idat = NULL;
    size_t idat_len = 0;
    uLongf got = (uLongf)raw_len + 1;
    unsigned x, y, step, bad_x = 0, bad_y = 0, bad_filter = 0;
    size_t nbad = 0;

    expect[nexpect++] = "IHDR";
    if (palette) {
        expect[nexpect++] = "PLTE";
    }
    if (o->dpi > 0) {
        expect[nexpect++] = "pHYs";
    }
    expect[nexpect++] = "IDAT";
    expect[nexpect++] = "IEND";

    ck_assert_uint_gt(len, 8);
    ck_assert_mem_eq(png, sig, 8);
    while (pos < len) {
        uint32_t clen;
        const unsigned char *c = png + pos;
        ck_assert_uint_le(pos + 12, len);
        clen = get32(c);
        ck_assert_uint_le(pos + 12 + clen, len);
        ck_assert_uint_lt(nchunk, nexpect);
        ck_assert_mem_eq(c + 4, expect[nchunk], 4);
        ck_assert_uint_eq(get32(c + 8 + clen), (uint32_t)crc32(0, c + 4, clen + 4));
        if (memcmp(c + 4, "IHDR", 4) == 0) {
            ck_assert_uint_eq(clen, 13);
            ck_assert_uint_eq(get32(c + 8), px);
            ck_assert_uint_eq(get32(c + 12), px);
            ck_assert_uint_eq(c[16], 1);
            ck_assert_uint_eq(c[17], palette ? 3 : 0);
            ck_assert_uint_eq(c[18], 0);
            ck_assert_uint_eq(c[19], 0);
            ck_assert_uint_eq(c[20], 0);
        } else if (memcmp(c + 4, "PLTE", 4) == 0) {
            ck_assert_uint_eq(clen, 6);
            ck_assert_uint_eq((uint32_t)c[8] << 16 | (uint32_t)c[9] << 8 | c[10], o->foreground);
            ck_assert_uint_eq((uint32_t)c[11] << 16 | (uint32_t)c[12] << 8 | c[13], o->background);
        } else if (memcmp(c + 4, "pHYs", 4) == 0) {
            uint32_t ppm = (uint32_t)((o->dpi * 10000.0 / 254.0) + 0.5);
            ck_assert_uint_eq(clen, 9);
            ck_assert_uint_eq(get32(c + 8), ppm);
            ck_assert_uint_eq(get32(c + 12), ppm);
            ck_assert_uint_eq(c[16], 1);
        } else if (memcmp(c + 4, "IDAT", 4) == 0) {
            idat = c + 8;
            idat_len = clen;
        } else {
            ck_assert_uint_eq(clen, 0);
        }
        nchunk++;
        pos += 12 + clen;
    }
    ck_assert_uint_eq(pos, len);
    ck_assert_uint_eq(nchunk, nexpect);

    ck_assert_ptr_nonnull(raw);
    ck_assert_int_eq(uncompress(raw, &got, idat, (uLong)idat_len), Z_OK);
    ck_assert_uint_eq(got, raw_len);
    /* every pixel of a normal image; a 7-pixel grid of a huge one */
    step = px > 2048 ? 7 : 1;
    /* (Check reports every passing assertion to its parent process, so
     * per-pixel results are gathered first and asserted once.) */
    for (y = 0; y < px; y += step) {
        const unsigned char *row = raw + (size_t)y * (rowbytes + 1);
        if (row[0] != 0 && bad_filter == 0) { /* filter type 0 */
            bad_filter = y + 1;
        }
        for (x = 0; x < px; x += step) {
            bool light = (row[1 + x / 8] >> (7 - x % 8)) & 1u;
            bool dark = render_dark(qr, o->quiet_zone, x / o->scale, y / o->scale);
            if (light == dark && nbad++ == 0) {
                bad_x = x;
                bad_y = y;
            }
        }
    }
    free(raw);
    ck_assert_msg(bad_filter == 0, "row %u has a filter other than 0", bad_filter - 1);
    ck_assert_msg(nbad == 0, "%zu pixels wrong, the first at %u,%u", nbad, bad_x, bad_y);
}

static void expect_decodes(const char *path, const render_payload *p, const char *what)
{
    static char out[8192];
    size_t n = 0;
    int rc;

    ck_assert_msg(tool_path("ZBARIMG") != NULL, "ZBARIMG is not set");
    rc = zbar_decode(path, out, sizeof out, &n);
    ck_assert_msg(rc == 0, "%s: zbarimg exit %d on %s", p->name, rc, what);
    ck_assert_msg(n == p->len && memcmp(out, p->data, n) == 0,
                  "%s: %s decodes to %zu bytes, not the %zu of the payload", p->name, what, n,
                  p->len);
}

static void expect_pngcheck(const char *path)
{
    const char *argv[] = { tool_path("PNGCHECK"), "-q", path, NULL };
    char out[4096];
    size_t n;

    ck_assert_msg(argv[0] != NULL, "PNGCHECK is not set");
    ck_assert_msg(tool_run(argv, out, sizeof out, &n) == 0, "pngcheck rejects %s", path);
}

/* Renders, checks, writes, runs pngcheck and zbarimg. */
static void png_round_trip(size_t pi, const vqr_qr *qr, const vqr_render_options *o,
                           const char *tag)
{
    const render_payload *p = &render_payloads()[pi];
    unsigned char *png = NULL;
    size_t len = 0;
    char name[128], path[4200];

    ck_assert_int_eq(vqr_render_png(qr, o, NULL, &png, &len, NULL), VQR_OK);
    check_png(png, len, qr, o);
    snprintf(name, sizeof name, "%s-%s-e%d-s%u.png", p->name, tag, vqr_qr_ecc(qr), o->scale);
    scratch_path(path, sizeof path, name);
    ck_assert_int_eq(file_write(path, png, len), 0);
    vqr_free(png);
    expect_pngcheck(path);
    /* One pixel a module is below what a camera-oriented decoder reads
     * reliably; those images are checked pixel by pixel above. */
    if (o->scale >= 2) {
        expect_decodes(path, p, name);
    }
    remove(path);
}

/* Loop index: payload * 4 + level; scales 1, 2, 3, 4 and 8. */
START_TEST(test_png_decodes)
{
    static const unsigned scales[] = { 1, 2, 3, 4, 8 };
    size_t pi = (size_t)_i / 4, k;
    vqr_qr *qr = render_encode(pi, (vqr_ecc)(_i % 4 + 1));
    vqr_render_options o;

    vqr_render_options_init(&o, sizeof o, NULL);
    for (k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        o.scale = scales[k];
        png_round_trip(pi, qr, &o, "grey");
    }
    vqr_qr_free(qr);
}
END_TEST

/* Loop index: payload. Colours make a palette image. */
START_TEST(test_png_palette)
{
    vqr_qr *qr = render_encode((size_t)_i, VQR_ECC_M);
    vqr_render_options o;

    vqr_render_options_init(&o, sizeof o, NULL);
    o.foreground = 0x1A237E;
    o.background = 0xFFF8E1;
    o.scale = 3;
    o.quiet_zone = 5;
    png_round_trip((size_t)_i, qr, &o, "palette");
    /* black on a colour is a palette image too */
    o.foreground = 0x000000;
    o.background = 0xFFFFF0;
    png_round_trip((size_t)_i, qr, &o, "palette2");
    vqr_qr_free(qr);
}
END_TEST

START_TEST(test_png_phys_and_defaults)
{
    static const unsigned dpis[] = { 0, 1, 72, 96, 300, 600, 100000 };
    static const uint32_t ppm[] = { 0, 39, 2835, 3780, 11811, 23622, 3937008 };
    vqr_qr *qr = render_encode(1, VQR_ECC_L);
    vqr_render_options o, d;
    unsigned char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0, k;

    vqr_render_options_init(&o, sizeof o, NULL);
    ck_assert_uint_eq(o.size, sizeof o);
    ck_assert_uint_eq(o.scale, 4);
    ck_assert_uint_eq(o.quiet_zone, 4);
    ck_assert_uint_eq(o.foreground, 0x000000);
    ck_assert_uint_eq(o.background, 0xFFFFFF);
    ck_assert_uint_eq(o.dpi, 300);
    ck_assert_ptr_null(o.title);
    ck_assert_uint_eq(o.flags, 0);
    vqr_render_options_init(NULL, sizeof(vqr_render_options), NULL);

    /* NULL options are the defaults */
    ck_assert_int_eq(vqr_render_png(qr, NULL, NULL, &a, &alen, NULL), VQR_OK);
    ck_assert_int_eq(vqr_render_png(qr, &o, NULL, &b, &blen, NULL), VQR_OK);
    ck_assert_uint_eq(alen, blen);
    ck_assert_mem_eq(a, b, alen);
    vqr_free(a);
    vqr_free(b);

    for (k = 0; k < sizeof dpis / sizeof dpis[0]; k++) {
        size_t pos = 8;
        bool seen = false;
        vqr_render_options_init(&d, sizeof d, NULL);
        d.dpi = dpis[k];
        ck_assert_int_eq(vqr_render_png(qr, &d, NULL, &a, &alen, NULL), VQR_OK);
        check_png(a, alen, qr, &d);
        while (pos < alen) {
            if (memcmp(a + pos + 4, "pHYs", 4) == 0) {
                seen = true;
                ck_assert_uint_eq(get32(a + pos + 8), ppm[k]);
            }
            pos += 12 + get32(a + pos);
        }
        ck_assert(seen == (dpis[k] > 0));
        vqr_free(a);
    }
    vqr_qr_free(qr);
}
END_TEST

START_TEST(test_png_options)
{
    vqr_qr *qr = render_encode(0, VQR_ECC_M), *big = NULL;
    vqr_render_options o;
    unsigned char *png = (unsigned char *)&o;
    size_t len = 99;
    vqr_error err;
    VQR_INIT(&err);
    vqr_allocator half = { NULL, NULL, NULL, NULL };
    struct {
        vqr_render_options o;
        unsigned char extra[16];
    } wide;
    static char big_payload[1273]; /* level H, version 40, full */

#define BAD(field, value)                                                \
    do {                                                                 \
        vqr_render_options_init(&o, sizeof o, NULL);                     \
        o.field = value;                                                 \
        memset(&err, 0xFF, sizeof err);                                  \
        err.size = sizeof err;                                           \
        ck_assert_int_eq(vqr_render_png(qr, &o, NULL, &png, &len, &err), \
                         VQR_ERR_INVALID_ARGUMENT);                      \
        ck_assert_int_eq(err.code, VQR_ERR_INVALID_ARGUMENT);            \
        ck_assert_ptr_null(png);                                         \
        ck_assert_uint_eq(len, 0);                                       \
    } while (0)

    BAD(scale, 0);
    BAD(scale, 1025);
    BAD(quiet_zone, VQR_RENDER_MAX_QUIET + 1);
    BAD(foreground, 0x1000000);
    BAD(background, 0xFFFFFFFF);
    BAD(foreground, 0xFFFFFF); /* equal to the background */
    BAD(dpi, 100001);
    BAD(flags, 1u << 2);
    BAD(size, sizeof(size_t) - 1);
    BAD(size, 0);
    BAD(size, VQR_STRUCT_SIZE_MAX + 1);
#undef BAD

    ck_assert_int_eq(vqr_render_png(NULL, NULL, NULL, &png, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_png(qr, NULL, NULL, NULL, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_png(qr, NULL, NULL, &png, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_png(qr, NULL, &half, &png, &len, NULL), VQR_ERR_INVALID_ARGUMENT);

    /* a struct from a newer header: accepted when the unknown bytes are zero */
    memset(&wide, 0, sizeof wide);
    vqr_render_options_init(&wide.o, sizeof wide.o, NULL);
    wide.o.size = sizeof wide;
    ck_assert_int_eq(vqr_render_png(qr, &wide.o, NULL, &png, &len, NULL), VQR_OK);
    vqr_free(png);
    wide.extra[7] = 1;
    ck_assert_int_eq(vqr_render_png(qr, &wide.o, NULL, &png, &len, NULL), VQR_ERR_INVALID_ARGUMENT);

    /* too large: version 40 (185 modules with the quiet zone) at scale 89 */
    memset(big_payload, 'A', sizeof big_payload);
    ck_assert_int_eq(vqr_qr_encode(big_payload, sizeof big_payload, VQR_ECC_H, NULL, &big, NULL),
                     VQR_OK);
    ck_assert_int_eq(vqr_qr_width(big), 177);
    vqr_render_options_init(&o, sizeof o, NULL);
    o.scale = 89; /* 16465 px */
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_render_png(big, &o, NULL, &png, &len, &err), VQR_ERR_IMAGE_TOO_LARGE);
    ck_assert_uint_eq(err.limit, VQR_RENDER_MAX_SIDE);
    ck_assert_int_eq(vqr_render_svg(big, &o, NULL, (char **)&png, &len, NULL),
                     VQR_ERR_IMAGE_TOO_LARGE);
    o.scale = 88; /* 16280 px: the largest image there is, accepted */
    ck_assert_int_eq(vqr_render_svg(big, &o, NULL, (char **)&png, &len, NULL), VQR_OK);
    vqr_free(png);
    ck_assert_int_eq(vqr_render_png(big, &o, NULL, &png, &len, NULL), VQR_OK);
    check_png(png, len, big, &o);
    vqr_free(png);
    /* a large image goes to deflate in many batches: read back in full */
    o.scale = 8;
    {
        char path[4200];
        const render_payload whole = { "full v40-H", big_payload, sizeof big_payload, false };
        ck_assert_int_eq(vqr_render_png(big, &o, NULL, &png, &len, NULL), VQR_OK);
        check_png(png, len, big, &o);
        ck_assert_int_eq(file_write(scratch_path(path, sizeof path, "v40.png"), png, len), 0);
        vqr_free(png);
        expect_pngcheck(path);
        expect_decodes(path, &whole, "v40.png");
        remove(path);
    }
    vqr_qr_free(big);
    vqr_qr_free(qr);
}
END_TEST

START_TEST(test_png_file)
{
    vqr_qr *qr = render_encode(3, VQR_ECC_M);
    char dir[4200], path[4300], sub[4300], *data;
    unsigned char *mem = NULL;
    size_t mlen = 0, flen = 0;
    struct stat st;
    vqr_error err;
    VQR_INIT(&err);

    ck_assert_int_eq(mkdir(scratch_path(dir, sizeof dir, "file"), 0700), 0);
    snprintf(path, sizeof path, "%s/qr.png", dir);
    ck_assert_int_eq(file_write(path, "old", 3), 0);

    /* replaces the old file with exactly the bytes of vqr_render_png */
    ck_assert_int_eq(vqr_render_png_file(qr, NULL, path, NULL, &err), VQR_OK);
    ck_assert_int_eq(vqr_render_png(qr, NULL, NULL, &mem, &mlen, NULL), VQR_OK);
    data = file_read(path, &flen);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(flen, mlen);
    ck_assert_mem_eq(data, mem, mlen);
    free(data);
    vqr_free(mem);
    ck_assert_int_eq(dir_count(dir), 1);
    expect_pngcheck(path);
    expect_decodes(path, &render_payloads()[3], "qr.png");

    /* the target is a directory: refused before anything is written
     * (it is not a regular file); the directory is left alone */
    snprintf(sub, sizeof sub, "%s/adir", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_render_png_file(qr, NULL, sub, NULL, &err), VQR_ERR_NOT_REGULAR_FILE);
    ck_assert_int_eq(err.code, VQR_ERR_NOT_REGULAR_FILE);
    ck_assert_int_eq(stat(sub, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_int_eq(dir_count(dir), 2);
    ck_assert_int_eq(dir_count(sub), 0);

    /* no such directory */
    snprintf(sub, sizeof sub, "%s/missing/qr.png", dir);
    ck_assert_int_eq(vqr_render_png_file(qr, NULL, sub, NULL, &err), VQR_ERR_IO);
    ck_assert_int_eq(vqr_render_svg_file(qr, NULL, sub, NULL, &err), VQR_ERR_IO);
    ck_assert_int_eq(dir_count(dir), 2);

    ck_assert_int_eq(vqr_render_png_file(qr, NULL, NULL, NULL, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_png_file(qr, NULL, "", NULL, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_png_file(NULL, NULL, path, NULL, &err), VQR_ERR_INVALID_ARGUMENT);
    /* a bad option fails before anything is written */
    {
        vqr_render_options o;
        vqr_render_options_init(&o, sizeof o, NULL);
        o.scale = 0;
        ck_assert_int_eq(vqr_render_png_file(qr, &o, path, NULL, &err), VQR_ERR_INVALID_ARGUMENT);
        data = file_read(path, &flen);
        ck_assert_ptr_nonnull(data);
        ck_assert_uint_eq(flen, mlen);
        free(data);
    }
    vqr_qr_free(qr);
}
END_TEST

TCase *render_tcase_images(void)
{
    TCase *tc = tcase_create("png");

    tcase_add_loop_test(tc, test_png_decodes, 0, RENDER_NPAYLOADS * 4);
    tcase_add_loop_test(tc, test_png_palette, 0, RENDER_NPAYLOADS);
    tcase_add_test(tc, test_png_phys_and_defaults);
    tcase_add_test(tc, test_png_options);
    tcase_add_test(tc, test_png_file);
    tcase_set_timeout(tc, 120);
    return tc;
}
