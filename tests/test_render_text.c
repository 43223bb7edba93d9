/*
 * test_render_text.c - SVG and terminal output. SVG: the document's shape,
 * its one path read back into modules, xmllint, and rsvg-convert then
 * zbarimg reading the payload back; the title escaped or refused.
 * Terminal: golden files, and every rendering read back into modules.
 */
#include "render_fixtures.h"
#include "render_tools.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- SVG ---- */

static long parse_int(const char **s)
{
    char *end;
    long v = strtol(*s, &end, 10);
    ck_assert_ptr_ne(end, *s);
    *s = end;
    return v;
}

static void expect_char(const char **s, char c)
{
    ck_assert_msg(**s == c, "expected '%c' in the path, found '%c'", c, **s);
    (*s)++;
}

/* Reads the path data back into a side * side grid and compares it with
 * the matrix: every dark module drawn once, nothing else. */
static void check_path(const char *d, const vqr_qr *qr, unsigned qz, unsigned side)
{
    unsigned char *grid = calloc((size_t)side * side, 1);
    long cx = 0, cy = 0, x, y, bx = 0, by = 0;
    size_t nbad = 0;
    bool first = true;

    ck_assert_ptr_nonnull(grid);
    while (*d != '"') {
        long n, i;
        ck_assert(*d == (first ? 'M' : 'm'));
        d++;
        x = parse_int(&d);
        expect_char(&d, ' ');
        y = parse_int(&d);
        if (!first) {
            x += cx;
            y += cy;
        }
        expect_char(&d, 'h');
        n = parse_int(&d);
        expect_char(&d, 'v');
        expect_char(&d, '1');
        expect_char(&d, 'h');
        ck_assert_int_eq(parse_int(&d), -n);
        expect_char(&d, 'z');
        ck_assert(n > 0 && x >= 0 && y >= 0 && x + n <= (long)side && y < (long)side);
        for (i = 0; i < n; i++) {
            grid[y * side + x + i]++; /* drawn twice shows as 2 */
        }
        cx = x;
        cy = y;
        first = false;
    }
    for (y = 0; y < (long)side; y++) {
        for (x = 0; x < (long)side; x++) {
            if (grid[y * side + x] != (unsigned char)render_dark(qr, qz, x, y) && nbad++ == 0) {
                bx = x;
                by = y;
            }
        }
    }
    free(grid);
    ck_assert_msg(nbad == 0, "%zu modules wrong, the first at %ld,%ld", nbad, bx, by);
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (hay = strstr(hay, needle); hay != NULL; hay = strstr(hay + 1, needle)) {
        n++;
    }
    return n;
}

static void check_svg(const char *svg, size_t len, const vqr_qr *qr, const vqr_render_options *o)
{
    unsigned side = (unsigned)vqr_qr_width(qr) + 2 * o->quiet_zone;
    char head[512], fill[64];
    const char *d;

    ck_assert_uint_eq(strlen(svg), len);
    snprintf(head, sizeof head,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %u %u\" width=\"%u\" "
             "height=\"%u\" shape-rendering=\"crispEdges\">",
             side, side, side * o->scale, side * o->scale);
    ck_assert_msg(strncmp(svg, head, strlen(head)) == 0, "head: %.200s", svg);
    ck_assert_uint_eq(count_of(svg, "<path"), 1);
    ck_assert_uint_eq(count_of(svg, "<rect"), 1);
    ck_assert_uint_eq(count_of(svg, "<title>"), o->title != NULL ? 1 : 0);
    snprintf(fill, sizeof fill, "<rect width=\"%u\" height=\"%u\" fill=\"#%06x\" stroke=\"none\"/>",
             side, side, (unsigned)o->background);
    ck_assert_ptr_nonnull(strstr(svg, fill));
    snprintf(fill, sizeof fill, "<path fill=\"#%06x\" stroke=\"none\" d=\"",
             (unsigned)o->foreground);
    d = strstr(svg, fill);
    ck_assert_ptr_nonnull(d);
    check_path(d + strlen(fill), qr, o->quiet_zone, side);
    ck_assert_uint_ge(len, 10);
    ck_assert_str_eq(svg + len - 10, "\"/></svg>\n");
}

static void expect_xml_ok(const char *path)
{
    const char *argv[] = { tool_path("XMLLINT"), "--noout", path, NULL };
    char out[256];
    size_t n;

    ck_assert_msg(argv[0] != NULL, "XMLLINT is not set");
    ck_assert_msg(tool_run(argv, out, sizeof out, &n) == 0 && n == 0, "xmllint rejects %s", path);
}

/* Loop index: payload * 4 + level. */
START_TEST(test_svg_decodes)
{
    size_t pi = (size_t)_i / 4;
    const render_payload *p = &render_payloads()[pi];
    vqr_qr *qr = render_encode(pi, (vqr_ecc)(_i % 4 + 1));
    vqr_render_options o;
    char *svg = NULL, name[128], path[4200], png[4300], out[8192];
    const char *argv[] = { tool_path("RSVG_CONVERT"), "-o", png, path, NULL };
    size_t len = 0, n = 0;

    vqr_render_options_init(&o, sizeof o, NULL);
    o.title = p->name;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, NULL), VQR_OK);
    check_svg(svg, len, qr, &o);
    snprintf(name, sizeof name, "%s-e%d.svg", p->name, _i % 4 + 1);
    scratch_path(path, sizeof path, name);
    ck_assert_int_eq(file_write(path, svg, len), 0);
    vqr_free(svg);
    expect_xml_ok(path);

    snprintf(png, sizeof png, "%s.png", path);
    ck_assert_msg(argv[0] != NULL, "RSVG_CONVERT is not set");
    ck_assert_msg(tool_run(argv, out, sizeof out, &n) == 0, "rsvg-convert failed on %s", name);
    ck_assert_int_eq(zbar_decode(png, out, sizeof out, &n), 0);
    ck_assert_msg(n == p->len && memcmp(out, p->data, n) == 0, "%s: %zu bytes decoded", name, n);
    remove(path);
    remove(png);
    vqr_qr_free(qr);
}
END_TEST

START_TEST(test_svg_title_and_colours)
{
    vqr_qr *qr = render_encode(3, VQR_ECC_M);
    vqr_render_options o;
    char *svg = NULL, path[4200];
    size_t len = 0;
    vqr_error err;
    VQR_INIT(&err);

    vqr_render_options_init(&o, sizeof o, NULL);
    o.title = "Hóa đơn <số 5> & \"quà\"\tx";
    o.foreground = 0x1A237E;
    o.background = 0xFFF8E1;
    o.scale = 7;
    o.quiet_zone = 2;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, NULL), VQR_OK);
    check_svg(svg, len, qr, &o);
    ck_assert_ptr_nonnull(strstr(svg, "<title>Hóa đơn &lt;số 5&gt; &amp; \"quà\"\tx</title>"));
    ck_assert_ptr_nonnull(strstr(svg, "fill=\"#1a237e\""));
    ck_assert_ptr_nonnull(strstr(svg, "fill=\"#fff8e1\""));
    ck_assert_int_eq(file_write(scratch_path(path, sizeof path, "title.svg"), svg, len), 0);
    expect_xml_ok(path);
    vqr_free(svg);

    /* the same through a file */
    ck_assert_int_eq(vqr_render_svg_file(qr, &o, path, NULL, NULL), VQR_OK);
    expect_xml_ok(path);

    /* no title */
    o.title = NULL;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, NULL), VQR_OK);
    check_svg(svg, len, qr, &o);
    vqr_free(svg);

    /* what XML cannot carry */
    o.title = "ok\x01";
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(err.offset, 2);
    ck_assert_ptr_null(svg);
    o.title = "Hà\xEF\xBF\xBE"; /* U+FFFE */
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, &err), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(err.offset, 3);
    ck_assert_uint_eq(err.char_offset, 2);
    o.title = "Hà\xFF";
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, &err), VQR_ERR_UTF8);
    ck_assert_uint_eq(err.offset, 3);
    ck_assert_int_eq(vqr_render_svg(NULL, &o, NULL, &svg, &len, &err), VQR_ERR_INVALID_ARGUMENT);
    vqr_qr_free(qr);
}
END_TEST

/* ---- terminal ---- */

typedef struct term_mode {
    const char *file;
    unsigned flags;
} term_mode;

static const term_mode modes[] = {
    { "term-utf8.txt", VQR_RENDER_NONE },
    { "term-utf8-invert.txt", VQR_RENDER_INVERT },
    { "term-ascii.txt", VQR_RENDER_ASCII },
    { "term-ascii-invert.txt", VQR_RENDER_ASCII | VQR_RENDER_INVERT },
};

/* Reads terminal text back: painted[y * side + x]. */
static void check_term(const char *t, size_t len, const vqr_qr *qr, unsigned qz, unsigned flags)
{
    unsigned side = (unsigned)vqr_qr_width(qr) + 2 * qz, x, y;
    bool invert = (flags & VQR_RENDER_INVERT) != 0, ok = true;
    const char *s = t;

    ck_assert_uint_eq(strlen(t), len);
    if (flags & VQR_RENDER_ASCII) {
        for (y = 0; y < side; y++) {
            for (x = 0; x < side; x++, s += 2) {
                bool painted = strncmp(s, "##", 2) == 0;
                ok = ok && (painted || strncmp(s, "  ", 2) == 0);
                ok = ok && painted == (invert == render_dark(qr, qz, x, y));
            }
            ck_assert_msg(ok, "row %u", y);
            ck_assert_int_eq(*s++, '\n');
        }
    } else {
        for (y = 0; y < side; y += 2) {
            for (x = 0; x < side; x++) {
                bool top, bottom;
                if (*s == ' ') {
                    top = bottom = false;
                    s++;
                } else {
                    ck_assert(strncmp(s, "\xE2\x96", 2) == 0);
                    top = s[2] == '\x88' || s[2] == '\x80';
                    bottom = s[2] == '\x88' || s[2] == '\x84';
                    ok = ok && (top || bottom);
                    s += 3;
                }
                ok = ok && top == (invert == render_dark(qr, qz, x, y));
                if (y + 1 < side) {
                    ok = ok && bottom == (invert == render_dark(qr, qz, x, y + 1));
                } else {
                    ok = ok && !bottom; /* nothing below the last row */
                }
            }
            ck_assert_msg(ok, "line of rows %u-%u", y, y + 1);
            ck_assert_int_eq(*s++, '\n');
        }
    }
    ck_assert_uint_eq((size_t)(s - t), len);
}

/* Loop index: mode. The PromptPay payload at level M, default options. */
START_TEST(test_term_golden)
{
    const char *dir = getenv("VQR_RENDER_DATA");
    vqr_qr *qr = render_encode(1, VQR_ECC_M);
    vqr_render_options o;
    char path[4200], *golden, *t = NULL;
    size_t glen = 0, len = 0;

    ck_assert_msg(dir != NULL, "VQR_RENDER_DATA is not set");
    vqr_render_options_init(&o, sizeof o, NULL);
    o.flags = modes[_i].flags;
    ck_assert_int_eq(vqr_render_term(qr, &o, NULL, &t, &len, NULL), VQR_OK);
    snprintf(path, sizeof path, "%s/%s", dir, modes[_i].file);
    golden = file_read(path, &glen);
    ck_assert_msg(golden != NULL, "cannot read %s", path);
    ck_assert_uint_eq(len, glen);
    ck_assert_msg(memcmp(t, golden, len) == 0, "%s differs", modes[_i].file);
    check_term(golden, glen, qr, 4, o.flags);
    free(golden);
    vqr_free(t);
    vqr_qr_free(qr);
}
END_TEST

/* Loop index: payload; every mode, quiet zones 4, 1 and 0. */
START_TEST(test_term_reads_back)
{
    static const unsigned qzs[] = { 4, 1, 0 };
    vqr_qr *qr = render_encode((size_t)_i, VQR_ECC_Q);
    vqr_render_options o;
    size_t m, q, len;
    char *t;

    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        for (q = 0; q < 3; q++) {
            vqr_render_options_init(&o, sizeof o, NULL);
            o.flags = modes[m].flags;
            o.quiet_zone = qzs[q];
            o.scale = 1024; /* ignored by the terminal renderer */
            t = NULL;
            ck_assert_int_eq(vqr_render_term(qr, &o, NULL, &t, &len, NULL), VQR_OK);
            check_term(t, len, qr, qzs[q], o.flags);
            vqr_free(t);
        }
    }
    vqr_qr_free(qr);
}
END_TEST

START_TEST(test_term_errors)
{
    vqr_qr *qr = render_encode(0, VQR_ECC_M);
    vqr_render_options o;
    char *t = (char *)&o;
    size_t len = 7;

    vqr_render_options_init(&o, sizeof o, NULL);
    o.flags = 1u << 5;
    ck_assert_int_eq(vqr_render_term(qr, &o, NULL, &t, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(vqr_render_term(NULL, NULL, NULL, &t, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_term(qr, NULL, NULL, NULL, &len, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_render_term(qr, NULL, NULL, &t, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_qr_free(qr);
}
END_TEST

TCase *render_tcase_svg(void)
{
    TCase *tc = tcase_create("svg");

    tcase_add_loop_test(tc, test_svg_decodes, 0, RENDER_NPAYLOADS * 4);
    tcase_add_test(tc, test_svg_title_and_colours);
    tcase_set_timeout(tc, 120);
    return tc;
}

TCase *render_tcase_term(void)
{
    TCase *tc = tcase_create("term");

    tcase_add_loop_test(tc, test_term_golden, 0, 4);
    tcase_add_loop_test(tc, test_term_reads_back, 0, RENDER_NPAYLOADS);
    tcase_add_test(tc, test_term_errors);
    return tc;
}
