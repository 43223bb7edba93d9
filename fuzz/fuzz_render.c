/*
 * fuzz_render.c - payload -> QR matrix -> PNG, SVG and terminal text,
 * through an allocator that may fail.
 *
 * Input (14 bytes, then the title and the payload):
 *   0      ECC level (mod 5; 0 is the default, M)
 *   1      bit 0-1 the renderer (PNG, SVG, terminal, all three);
 *          bit 2 VQR_RENDER_INVERT, bit 3 VQR_RENDER_ASCII;
 *          bit 4 an allocator without realloc; bit 5 the default allocator
 *   2      scale - 1 (bit 7: the scale is 16 * the low bits, up to 2032,
 *          to reach VQR_ERR_IMAGE_TOO_LARGE and the range check)
 *   3      quiet zone (0-255: above VQR_RENDER_MAX_QUIET is an error)
 *   4-6    foreground 0xRRGGBB, 7-9 background
 *   10-11  dpi (little endian; over 100000 never, so the bit is spent on 0)
 *   12     the allocation that fails (0-based), 255 for none
 *   13     title length (255: no title), then the title, then the payload.
 *
 * Checks: vqr_qr_encode fails only as documented (VQR_ERR_QR_EMPTY for no
 * byte, VQR_ERR_UTF8 at the first bad byte, VQR_ERR_QR_TOO_LONG), and a
 * code has the right version, width, ECC, ECI flag, finder and timing
 * patterns, and a module matrix that vqr_qr_modules and vqr_qr_module
 * agree on and that is, module for module, the symbol libqrencode's own
 * QRcode_encodeInput makes (the mask chosen by lib/qr_mask.c is the one
 * libqrencode would choose). Every image shows exactly that matrix: the PNG is decoded
 * here (chunk CRCs, IHDR, PLTE, pHYs, one IDAT inflated with zlib, every
 * pixel), the SVG's path is replayed into modules, the terminal text is
 * read back glyph by glyph. With a failing allocator every call returns
 * VQR_OK or VQR_ERR_NO_MEMORY with nothing returned, and no block stays
 * allocated once the outputs are freed.
 */
#include "fuzz.h"

#include <string.h>
#include <qrencode.h>
#include <zlib.h>

/* ---- an allocator that fails at one call and counts live blocks ---- */

typedef struct counting {
    long fail_at, calls, live;
    bool failed;
} counting;

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (c->calls++ == c->fail_at) {
        c->failed = true;
        return NULL;
    }
    void *p = malloc(n);
    c->live += p != NULL;
    return p;
}

static void *c_realloc(void *ctx, void *p, size_t old_size, size_t n)
{
    counting *c = ctx;
    (void)old_size;
    FUZZ_CHECK(p != NULL);
    if (c->calls++ == c->fail_at) {
        c->failed = true;
        return NULL;
    }
    return realloc(p, n);
}

static void c_free(void *ctx, void *p)
{
    counting *c = ctx;
    FUZZ_CHECK(p != NULL);
    c->live--;
    free(p);
}

/* ---- the matrix ---- */

typedef struct matrix {
    int w;
    unsigned char *m; /* w * w, 1 dark */
} matrix;

static bool dark(const matrix *mx, long x, long y)
{
    return x >= 0 && y >= 0 && x < mx->w && y < mx->w &&
           mx->m[(size_t)y * (size_t)mx->w + (size_t)x];
}

static void check_finder(const matrix *mx, int x0, int y0)
{
    for (int y = 0; y < 7; y++)
        for (int x = 0; x < 7; x++) {
            bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            FUZZ_CHECK(dark(mx, x0 + x, y0 + y) == (ring || core));
        }
}

static void check_code(const vqr_qr *qr, const char *payload, size_t len, vqr_ecc ecc, matrix *mx)
{
    int v = vqr_qr_version(qr);
    FUZZ_CHECK(v >= 1 && v <= 40);
    mx->w = vqr_qr_width(qr);
    FUZZ_CHECK(mx->w == 17 + 4 * v);
    FUZZ_CHECK(vqr_qr_ecc(qr) == (ecc == VQR_ECC_DEFAULT ? VQR_ECC_M : ecc));
    bool high = false;
    for (size_t i = 0; i < len; i++)
        high |= (unsigned char)payload[i] >= 0x80;
    FUZZ_CHECK(vqr_qr_has_eci(qr) == high);

    size_t n = (size_t)mx->w * (size_t)mx->w, got = 0;
    mx->m = malloc(n);
    FUZZ_CHECK(mx->m != NULL);
    vqr_error err;
    VQR_INIT(&err);
    FUZZ_CHECK(vqr_qr_modules(qr, mx->m, n - 1, &got, &err) == VQR_ERR_BUFFER_TOO_SMALL);
    FUZZ_CHECK(got == n && err.limit == n);
    FUZZ_CHECK(vqr_qr_modules(qr, mx->m, n, &got, NULL) == VQR_OK && got == n);
    for (int y = 0; y < mx->w; y++)
        for (int x = 0; x < mx->w; x++) {
            unsigned char b = mx->m[(size_t)y * (size_t)mx->w + (size_t)x];
            FUZZ_CHECK(b <= 1 && vqr_qr_module(qr, x, y) == (b == 1));
        }
    FUZZ_CHECK(!vqr_qr_module(qr, -1, 0) && !vqr_qr_module(qr, mx->w, 0));
    /* The symbol is libqrencode's own, mask choice included (lib/qr_mask.c
     * makes that choice in libqrencode's place). */
    QRinput *in = QRinput_new2(0, (QRecLevel)(vqr_qr_ecc(qr) - VQR_ECC_L));
    FUZZ_CHECK(in != NULL);
    FUZZ_CHECK(!high || QRinput_appendECIheader(in, 26) == 0);
    FUZZ_CHECK(QRinput_append(in, QR_MODE_8, (int)len, (const unsigned char *)payload) == 0);
    QRcode *ref = QRcode_encodeInput(in);
    FUZZ_CHECK(ref != NULL && ref->width == mx->w);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(mx->m[i] == (ref->data[i] & 1u));
    QRcode_free(ref);
    QRinput_free(in);
    check_finder(mx, 0, 0);
    check_finder(mx, mx->w - 7, 0);
    check_finder(mx, 0, mx->w - 7);
    for (int i = 8; i < mx->w - 8; i++) /* timing patterns */
        FUZZ_CHECK(dark(mx, i, 6) == (i % 2 == 0) && dark(mx, 6, i) == (i % 2 == 0));
}

/* ---- PNG, decoded here ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void check_png(const unsigned char *png, size_t len, const matrix *mx,
                      const vqr_render_options *o)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    unsigned side = (unsigned)mx->w + 2 * o->quiet_zone, px = side * o->scale;
    bool palette = !(o->foreground == 0 && o->background == 0xFFFFFF);
    FUZZ_CHECK(len > 8 && memcmp(png, sig, 8) == 0);
    size_t pos = 8;
    const unsigned char *idat = NULL;
    size_t idat_len = 0;
    int seen_ihdr = 0, seen_plte = 0, seen_phys = 0, seen_idat = 0, seen_iend = 0;
    while (pos < len) {
        FUZZ_CHECK(len - pos >= 12);
        size_t n = be32(png + pos);
        FUZZ_CHECK(n <= len - pos - 12);
        const unsigned char *type = png + pos + 4, *body = png + pos + 8;
        uLong crc = crc32(0, type, (uInt)(n + 4));
        FUZZ_CHECK(be32(body + n) == (uint32_t)crc);
        FUZZ_CHECK(!seen_iend);
        if (memcmp(type, "IHDR", 4) == 0) {
            FUZZ_CHECK(pos == 8 && n == 13);
            FUZZ_CHECK(be32(body) == px && be32(body + 4) == px);
            FUZZ_CHECK(body[8] == 1 && body[9] == (palette ? 3 : 0));
            FUZZ_CHECK(body[10] == 0 && body[11] == 0 && body[12] == 0);
            seen_ihdr++;
        } else if (memcmp(type, "PLTE", 4) == 0) {
            FUZZ_CHECK(palette && n == 6 && !seen_idat);
            uint32_t fg = (uint32_t)body[0] << 16 | (uint32_t)body[1] << 8 | body[2];
            uint32_t bg = (uint32_t)body[3] << 16 | (uint32_t)body[4] << 8 | body[5];
            FUZZ_CHECK(fg == o->foreground && bg == o->background);
            seen_plte++;
        } else if (memcmp(type, "pHYs", 4) == 0) {
            FUZZ_CHECK(o->dpi > 0 && n == 9 && body[8] == 1 && !seen_idat);
            uint32_t ppm = be32(body);
            FUZZ_CHECK(be32(body + 4) == ppm);
            /* pixels per metre, rounded from dots per inch */
            double want = o->dpi / 0.0254;
            FUZZ_CHECK(ppm + 1.0 > want && ppm - 1.0 < want);
            seen_phys++;
        } else if (memcmp(type, "IDAT", 4) == 0) {
            idat = body;
            idat_len = n;
            seen_idat++;
        } else {
            FUZZ_CHECK(memcmp(type, "IEND", 4) == 0 && n == 0);
            seen_iend++;
        }
        pos += n + 12;
    }
    FUZZ_CHECK(seen_ihdr == 1 && seen_plte == palette && seen_phys == (o->dpi > 0));
    FUZZ_CHECK(seen_idat == 1 && seen_iend == 1);

    size_t rowbytes = ((size_t)px + 7) / 8, raw_len = (rowbytes + 1) * px;
    unsigned char *raw = malloc(raw_len + 1);
    FUZZ_CHECK(raw != NULL);
    uLongf got = (uLongf)raw_len + 1;
    FUZZ_CHECK(uncompress(raw, &got, idat, (uLong)idat_len) == Z_OK && got == raw_len);
    for (size_t y = 0; y < px; y++) {
        const unsigned char *row = raw + y * (rowbytes + 1);
        FUZZ_CHECK(row[0] == 0); /* filter: none */
        /* A module is scale rows tall: a row inside one is its first row
         * again (the first row is read pixel by pixel). */
        if (y % o->scale != 0) {
            FUZZ_CHECK(memcmp(row, row - (rowbytes + 1), rowbytes + 1) == 0);
            continue;
        }
        for (size_t x = 0; x < px; x++) {
            bool bit = (row[1 + x / 8] >> (7 - x % 8)) & 1;
            long mx_x = (long)(x / o->scale) - (long)o->quiet_zone;
            long mx_y = (long)(y / o->scale) - (long)o->quiet_zone;
            /* Index 0 (black in greyscale, the foreground in the palette) is dark. */
            FUZZ_CHECK(bit == !dark(mx, mx_x, mx_y));
        }
    }
    free(raw);
}

/* ---- SVG: the header, the title, and the path replayed ---- */

static long read_int(const char **s)
{
    long sign = 1, v = 0;
    if (**s == '-') {
        sign = -1;
        (*s)++;
    }
    FUZZ_CHECK(**s >= '0' && **s <= '9');
    while (**s >= '0' && **s <= '9')
        v = v * 10 + (*(*s)++ - '0');
    return sign * v;
}

static void expect(const char **s, const char *lit)
{
    size_t n = strlen(lit);
    FUZZ_CHECK(strncmp(*s, lit, n) == 0);
    *s += n;
}

static void check_svg(const char *svg, size_t len, const matrix *mx, const vqr_render_options *o)
{
    FUZZ_CHECK(strlen(svg) == len && len > 0 && svg[len - 1] == '\n');
    unsigned side = (unsigned)mx->w + 2 * o->quiet_zone;
    char head[256];
    snprintf(head, sizeof head,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %u %u\" width=\"%lu\" "
             "height=\"%lu\" shape-rendering=\"crispEdges\">",
             side, side, (unsigned long)side * o->scale, (unsigned long)side * o->scale);
    const char *s = svg;
    expect(&s, head);
    if (o->title) {
        expect(&s, "<title>");
        for (const char *t = o->title; *t; t++)
            expect(&s, *t == '<'   ? "&lt;"
                       : *t == '>' ? "&gt;"
                       : *t == '&' ? "&amp;"
                                   : (char[2]){ *t, '\0' });
        expect(&s, "</title>");
    }
    snprintf(head, sizeof head,
             "<rect width=\"%u\" height=\"%u\" fill=\"#%06lx\" stroke=\"none\"/>", side, side,
             (unsigned long)o->background);
    expect(&s, head);
    snprintf(head, sizeof head, "<path fill=\"#%06lx\" stroke=\"none\" d=\"",
             (unsigned long)o->foreground);
    expect(&s, head);

    size_t n = (size_t)mx->w * (size_t)mx->w;
    unsigned char *seen = calloc(n ? n : 1, 1);
    FUZZ_CHECK(seen != NULL);
    long cx = 0, cy = 0;
    bool first = true;
    while (*s == 'M' || *s == 'm') {
        FUZZ_CHECK((*s == 'M') == first);
        s++;
        long ax = read_int(&s);
        expect(&s, " ");
        long ay = read_int(&s);
        if (!first) {
            ax += cx;
            ay += cy;
        }
        expect(&s, "h");
        long run = read_int(&s);
        expect(&s, "v1h-");
        FUZZ_CHECK(read_int(&s) == run);
        expect(&s, "z");
        FUZZ_CHECK(run > 0);
        for (long k = 0; k < run; k++) {
            long x = ax + k - (long)o->quiet_zone, y = ay - (long)o->quiet_zone;
            FUZZ_CHECK(dark(mx, x, y));
            size_t at = (size_t)y * (size_t)mx->w + (size_t)x;
            FUZZ_CHECK(!seen[at]);
            seen[at] = 1;
        }
        cx = ax;
        cy = ay;
        first = false;
    }
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(seen[i] == mx->m[i]);
    free(seen);
    expect(&s, "\"/></svg>\n");
    FUZZ_CHECK(*s == '\0');
}

/* ---- terminal text, read back ---- */

static bool painted(const matrix *mx, const vqr_render_options *o, long x, long y)
{
    bool d = dark(mx, x - (long)o->quiet_zone, y - (long)o->quiet_zone);
    return (o->flags & VQR_RENDER_INVERT) ? d : !d;
}

static void check_term(const char *t, size_t len, const matrix *mx, const vqr_render_options *o)
{
    FUZZ_CHECK(strlen(t) == len);
    long side = mx->w + 2 * (long)o->quiet_zone;
    const char *s = t;
    if (o->flags & VQR_RENDER_ASCII) {
        for (long y = 0; y < side; y++) {
            for (long x = 0; x < side; x++)
                expect(&s, painted(mx, o, x, y) ? "##" : "  ");
            expect(&s, "\n");
        }
    } else {
        for (long y = 0; y < side; y += 2) {
            for (long x = 0; x < side; x++) {
                bool top = painted(mx, o, x, y), bottom = y + 1 < side && painted(mx, o, x, y + 1);
                expect(&s, top && bottom ? "\xE2\x96\x88"
                           : top         ? "\xE2\x96\x80"
                           : bottom      ? "\xE2\x96\x84"
                                         : " ");
            }
            expect(&s, "\n");
        }
    }
    FUZZ_CHECK(*s == '\0');
}

/* ---- driver ---- */

typedef enum { R_PNG, R_SVG, R_TERM } renderer;

/* A title XML 1.0 cannot carry: malformed UTF-8, a control character
 * other than tab and line breaks, U+FFFE or U+FFFF. */
static bool bad_title(const char *t)
{
    if (!t)
        return false;
    size_t len = strlen(t);
    if (fuzz_utf8_bad(t, len) != len)
        return true;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
            return true;
        if (ch == 0xEF && i + 2 < len && (unsigned char)t[i + 1] == 0xBF &&
            ((unsigned char)t[i + 2] == 0xBE || (unsigned char)t[i + 2] == 0xBF))
            return true;
    }
    return false;
}

static void render_one(renderer r, const vqr_qr *qr, const matrix *mx, const vqr_render_options *o,
                       const vqr_allocator *a, counting *c)
{
    unsigned side = (unsigned)mx->w + 2 * o->quiet_zone;
    bool title = bad_title(o->title);
    bool bad_opt = o->scale < 1 || o->scale > 1024 || o->quiet_zone > VQR_RENDER_MAX_QUIET ||
                   o->foreground == o->background || o->foreground > 0xFFFFFF ||
                   o->background > 0xFFFFFF || o->dpi > 100000;
    bool too_large = !bad_opt && (unsigned long)side * o->scale > VQR_RENDER_MAX_SIDE;
    /* Images past a few thousand pixels are right but slow to check. */
    if (r == R_PNG && !bad_opt && !too_large && (unsigned long)side * o->scale > 3000)
        return;
    void *out = NULL;
    size_t len = 99;
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    long live = c->live;
    bool failed = c->failed;
    vqr_status st = r == R_PNG   ? vqr_render_png(qr, o, a, (unsigned char **)&out, &len, &err)
                    : r == R_SVG ? vqr_render_svg(qr, o, a, (char **)&out, &len, &err)
                                 : vqr_render_term(qr, o, a, (char **)&out, &len, &err);
    FUZZ_CHECK(err.code == st);
    if (st != VQR_OK) {
        FUZZ_CHECK(out == NULL && len == 0 && c->live == live);
        if (bad_opt)
            FUZZ_CHECK(st == VQR_ERR_INVALID_ARGUMENT || (title && st == VQR_ERR_UTF8));
        else if (title && (st == VQR_ERR_INVALID_ARGUMENT || st == VQR_ERR_UTF8))
            FUZZ_CHECK(err.offset < strlen(o->title));
        else if (too_large && r != R_TERM) /* the terminal has no scale */
            FUZZ_CHECK(st == VQR_ERR_IMAGE_TOO_LARGE && err.limit == VQR_RENDER_MAX_SIDE);
        else
            FUZZ_CHECK(st == VQR_ERR_NO_MEMORY);
        if (st == VQR_ERR_NO_MEMORY)
            FUZZ_CHECK(c->failed && !failed);
        return;
    }
    FUZZ_CHECK(!bad_opt && (r == R_TERM || !too_large) && (r != R_SVG || !title));
    if (r == R_PNG)
        check_png(out, len, mx, o);
    else if (r == R_SVG)
        check_svg(out, len, mx, o);
    else
        check_term(out, len, mx, o);
    if (a == NULL)
        vqr_free(out);
    else
        a->free(a->ctx, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 14)
        return 0;
    vqr_ecc ecc = (vqr_ecc)(data[0] % 5);
    unsigned mode = data[1];
    vqr_render_options o;
    vqr_render_options_init(&o, sizeof o, NULL);
    o.scale = (data[2] & 0x80) ? 16u * (data[2] & 0x7Fu) : 1u + (data[2] & 0x7Fu) % 8u;
    o.quiet_zone = data[3];
    o.foreground = (uint32_t)data[4] << 16 | (uint32_t)data[5] << 8 | data[6];
    o.background = (uint32_t)data[7] << 16 | (uint32_t)data[8] << 8 | data[9];
    o.dpi = (unsigned)data[10] | (unsigned)data[11] << 8;
    o.flags = (mode >> 2) & 3u;
    counting c = { data[12] == 255 ? -1 : (long)data[12], 0, 0, false };
    vqr_allocator alloc = { c_malloc, (mode & 0x10) ? NULL : c_realloc, c_free, &c };
    const vqr_allocator *a = (mode & 0x20) ? NULL : &alloc;

    size_t at = 14, tlen = data[13];
    char *title = NULL;
    if (tlen != 255) {
        if (tlen > size - at)
            tlen = size - at;
        title = malloc(tlen + 1);
        FUZZ_CHECK(title != NULL);
        memcpy(title, data + at, tlen);
        title[tlen] = '\0';
        at += tlen;
        o.title = title;
    }
    size_t len = size - at;
    char *payload = fuzz_copy_input(data + at, len, false, false);

    vqr_qr *qr = (vqr_qr *)&c; /* must be overwritten */
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_qr_encode(payload, len, ecc, a, &qr, &err);
    FUZZ_CHECK(err.code == st);
    if (st != VQR_OK) {
        FUZZ_CHECK(qr == NULL);
        size_t bad = fuzz_utf8_bad(payload, len);
        if (len == 0)
            FUZZ_CHECK(st == VQR_ERR_QR_EMPTY);
        else if (bad < len)
            FUZZ_CHECK(st == VQR_ERR_UTF8 && err.offset == bad);
        else if (st == VQR_ERR_NO_MEMORY)
            FUZZ_CHECK(c.failed);
        else
            FUZZ_CHECK(st == VQR_ERR_QR_TOO_LONG && err.limit > 0 && err.limit < len);
    } else {
        matrix mx;
        check_code(qr, payload, len, ecc, &mx);
        unsigned which = mode & 3u;
        for (renderer r = R_PNG; r <= R_TERM; r++)
            if (which == 3 || which == (unsigned)r)
                render_one(r, qr, &mx, &o, a, &c);
        /* The print size fits the target at 3 pixels a module or more;
         * when it cannot, the size at 3 and the smallest target that fits. */
        vqr_print_size ps;
        VQR_INIT(&ps);
        vqr_error perr;
        VQR_INIT(&perr);
        double mm = 5.0 + data[3] % 64;
        unsigned dpi = o.dpi ? o.dpi : 300, qz = o.quiet_zone % 65;
        vqr_status pst = vqr_render_print_size(qr, mm, dpi, qz, &ps, &perr);
        if (pst == VQR_OK || pst == VQR_ERR_PRINT_TOO_SMALL)
            FUZZ_CHECK(ps.pixels == ps.scale * (unsigned)(mx.w + 2 * (int)qz) &&
                       ps.symbol_mm <= ps.total_mm * (1 + 1e-12));
        if (pst == VQR_OK)
            FUZZ_CHECK(ps.scale >= VQR_PRINT_MIN_SCALE && ps.total_mm <= mm + 1e-9);
        if (pst == VQR_ERR_PRINT_TOO_SMALL) {
            FUZZ_CHECK(ps.scale == VQR_PRINT_MIN_SCALE && ps.total_mm > mm - 1e-9);
            FUZZ_CHECK((double)perr.limit >= ps.total_mm - 1e-9 &&
                       (double)perr.limit < ps.total_mm + 1.0);
            vqr_print_size fits;
            VQR_INIT(&fits);
            FUZZ_CHECK(vqr_render_print_size(qr, (double)perr.limit, dpi, qz, &fits, NULL) ==
                           VQR_OK &&
                       fits.scale >= VQR_PRINT_MIN_SCALE);
        }
        free(mx.m);
        vqr_qr_free(qr);
    }
    FUZZ_CHECK(c.live == 0);
    free(payload);
    free(title);
    return 0;
}
