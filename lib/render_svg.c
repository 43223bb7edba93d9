/*
 * render_svg.c - compact SVG output: a viewBox in modules, a background
 * <rect> and every dark module in one <path> made of one sub-path per
 * horizontal run ("m dx dy h n v1 h-n z", moves relative to the previous
 * run). shape-rendering="crispEdges" keeps module edges sharp when the
 * image is scaled. The document is measured first, then written into one
 * allocation of the exact size.
 */
#include "common.h"
#include "render.h"

static const char hex_digits[] = "0123456789abcdef";

/* A title must be UTF-8 that XML 1.0 can carry: no control characters but
 * tab, newline and carriage return, and not U+FFFE or U+FFFF. */
static vqr_status check_title(const char *title, vqr_error *err)
{
    const unsigned char *t = (const unsigned char *)title;
    size_t len = strlen(title), bad, i;
    bool ascii;

    bad = vqr_utf8_check(t, len, &ascii);
    if (bad != len) {
        vqr_error_fill(err, VQR_ERR_UTF8, VQR_SEVERITY_ERROR, bad, vqr_utf8_count(t, bad), "",
                       SIZE_MAX, 0);
        return VQR_ERR_UTF8;
    }
    for (i = 0; i < len; i++) {
        bool ctl = t[i] < 0x20 && t[i] != '\t' && t[i] != '\n' && t[i] != '\r';
        bool nonchar = i + 2 < len && t[i] == 0xEF && t[i + 1] == 0xBF &&
                       (t[i + 2] == 0xBE || t[i + 2] == 0xBF);
        if (ctl || nonchar) {
            vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, i,
                           vqr_utf8_count(t, i), "", SIZE_MAX, 0);
            return VQR_ERR_INVALID_ARGUMENT;
        }
    }
    return VQR_OK;
}

static void put_str(vqr_sink *s, const char *str)
{
    vqr_sink_put(s, str, strlen(str));
}

static void put_colour(vqr_sink *s, uint32_t rgb)
{
    char c[7];
    int i;

    c[0] = '#';
    for (i = 0; i < 6; i++) {
        c[1 + i] = hex_digits[(rgb >> (20 - 4 * i)) & 0xFu];
    }
    vqr_sink_put(s, c, 7);
}

static void put_int(vqr_sink *s, long v)
{
    if (v < 0) {
        vqr_sink_put(s, "-", 1);
        v = -v;
    }
    vqr_sink_uint(s, (unsigned long)v);
}

static void put_escaped(vqr_sink *s, const char *t)
{
    for (; *t != '\0'; t++) {
        switch (*t) {
        case '&':
            put_str(s, "&amp;");
            break;
        case '<':
            put_str(s, "&lt;");
            break;
        case '>':
            put_str(s, "&gt;");
            break;
        default:
            vqr_sink_put(s, t, 1);
            break;
        }
    }
}

static void put_path(vqr_sink *s, const vqr_qr *qr, unsigned qz)
{
    long cx = 0, cy = 0;
    bool first = true;
    int x, y, w = qr->width;

    for (y = 0; y < w; y++) {
        for (x = 0; x < w;) {
            int run = 0;
            long ax, ay;
            if (!vqr_qr_dark(qr, x, y)) {
                x++;
                continue;
            }
            while (x + run < w && vqr_qr_dark(qr, x + run, y)) {
                run++;
            }
            ax = (long)x + (long)qz;
            ay = (long)y + (long)qz;
            vqr_sink_put(s, first ? "M" : "m", 1);
            put_int(s, first ? ax : ax - cx);
            vqr_sink_put(s, " ", 1);
            put_int(s, first ? ay : ay - cy);
            vqr_sink_put(s, "h", 1);
            put_int(s, run);
            vqr_sink_put(s, "v1h-", 4);
            put_int(s, run);
            vqr_sink_put(s, "z", 1);
            cx = ax;
            cy = ay;
            first = false;
            x += run;
        }
    }
}

static void svg_write(vqr_sink *s, const vqr_qr *qr, const vqr_render_options *o, unsigned side)
{
    unsigned long px = (unsigned long)side * o->scale;

    put_str(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    vqr_sink_uint(s, side);
    vqr_sink_put(s, " ", 1);
    vqr_sink_uint(s, side);
    put_str(s, "\" width=\"");
    vqr_sink_uint(s, px);
    put_str(s, "\" height=\"");
    vqr_sink_uint(s, px);
    put_str(s, "\" shape-rendering=\"crispEdges\">");
    if (o->title != NULL) {
        put_str(s, "<title>");
        put_escaped(s, o->title);
        put_str(s, "</title>");
    }
    put_str(s, "<rect width=\"");
    vqr_sink_uint(s, side);
    put_str(s, "\" height=\"");
    vqr_sink_uint(s, side);
    put_str(s, "\" fill=\"");
    put_colour(s, o->background);
    /* stroke="none" on both: a renderer that strokes paths by default
     * (ImageMagick's own SVG reader) would otherwise widen every module. */
    put_str(s, "\" stroke=\"none\"/><path fill=\"");
    put_colour(s, o->foreground);
    put_str(s, "\" stroke=\"none\" d=\"");
    put_path(s, qr, o->quiet_zone);
    put_str(s, "\"/></svg>\n");
}

vqr_status vqr_render_svg(const vqr_qr *qr, const vqr_render_options *opt,
                          const vqr_allocator *alloc, char **out, size_t *out_len, vqr_error *err)
{
    vqr_render_job job;
    vqr_sink s = { NULL, 0 };
    vqr_status st = vqr_render_setup(qr, opt, alloc, NULL, out, out_len, true, &job, err);

    if (st != VQR_OK) {
        return st;
    }
    if (job.o.title != NULL && (st = check_title(job.o.title, err)) != VQR_OK) {
        return st;
    }
    svg_write(&s, qr, &job.o, job.side);
    s.buf = vqr_alloc_malloc(job.a, s.len + 1);
    if (s.buf == NULL) {
        return vqr_render_fail(err, VQR_ERR_NO_MEMORY, 0);
    }
    s.len = 0;
    svg_write(&s, qr, &job.o, job.side);
    s.buf[s.len] = '\0';
    *out = s.buf;
    *out_len = s.len;
    return VQR_OK;
}

vqr_status vqr_render_svg_file(const vqr_qr *qr, const vqr_render_options *opt, const char *path,
                               const vqr_allocator *alloc, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    const vqr_allocator *a = vqr_alloc_pick(alloc);
    char *svg = NULL;
    size_t len = 0;
    vqr_status st;

    vqr_error_clear(err);
    if (path == NULL || path[0] == '\0' || a == NULL) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    st = vqr_render_svg(qr, opt, a, &svg, &len, err);
    if (st != VQR_OK) {
        return st;
    }
    st = vqr_file_write_atomic(path, svg, len, a, err);
    vqr_alloc_free(a, svg);
    return st;
}
