/*
 * scan.c - libvietqr-scan's API: options, scanning an image, the result.
 */
#include "scan_int.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Largest file vqr_scan_file reads. */
#define VQR_SCAN_FILE_MAX ((size_t)256 * 1024 * 1024)

/* A struct's `size` as the caller set it (its first member). */
static size_t size_of(const void *s)
{
    size_t n;
    memcpy(&n, s, sizeof n);
    return n;
}

/* A sized struct whose size is usable (see "Structs that grow" in vietqr.h). */
static bool size_ok(const void *s)
{
    return s && size_of(s) >= sizeof(size_t) && size_of(s) <= VQR_STRUCT_SIZE_MAX;
}

/* Copies `ours` bytes of `full` into a caller's struct of its own size: the
 * first min(size, ours) bytes, zeroes past ours, the caller's size kept. */
static void fill_sized(void *caller, const void *full, size_t ours)
{
    size_t n = size_of(caller);
    memcpy((unsigned char *)caller + sizeof n, (const unsigned char *)full + sizeof n,
           (n < ours ? n : ours) - sizeof n);
    if (n > ours)
        memset((unsigned char *)caller + ours, 0, n - ours);
}

/* The first step of every call that takes `err`. */
static bool err_usable(const vqr_error *err)
{
    return err == NULL || size_ok(err);
}

vqr_status vqr_scan_fail(vqr_error *err, vqr_status code, size_t offset, size_t limit)
{
    if (err && size_ok(err)) {
        vqr_error e;
        memset(&e, 0, sizeof e);
        e.size = sizeof e;
        e.code = code;
        e.severity = VQR_SEVERITY_ERROR;
        e.offset = offset;
        e.char_offset = offset;
        e.related_offset = SIZE_MAX;
        e.limit = limit;
        e.name = vqr_status_name(code);
        e.message = vqr_strerror(code);
        e.message_vi = vqr_strerror_vi(code);
        fill_sized(err, &e, sizeof e);
    }
    return code;
}

static void ok(vqr_error *err)
{
    vqr_scan_fail(err, VQR_OK, SIZE_MAX, 0);
}

/* ---- options ---- */

static void options_defaults(vqr_scan_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->flags = VQR_SCAN_DEFAULT;
    o->max_pixels = VQR_SCAN_MAX_PIXELS_DEFAULT;
    o->max_codes = VQR_SCAN_MAX_CODES_DEFAULT;
}

vqr_status vqr_scan_options_init(vqr_scan_options *opt, size_t size, vqr_error *err)
{
    if (!err_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    if (!opt || size < sizeof(size_t) || size > VQR_STRUCT_SIZE_MAX)
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, VQR_STRUCT_SIZE_MAX);
    vqr_scan_options d;
    options_defaults(&d);
    memset(opt, 0, size);
    memcpy(opt, &d, size < sizeof d ? size : sizeof d);
    opt->size = size;
    ok(err);
    return VQR_OK;
}

/* The caller's options over the defaults, as far as their size goes; bytes
 * past the fields this version knows must be zero. */
static vqr_status read_options(const vqr_scan_options *in, vqr_scan_options *o, vqr_error *err)
{
    options_defaults(o);
    if (!in)
        return VQR_OK;
    if (!size_ok(in))
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    size_t n = size_of(in);
    const unsigned char *b = (const unsigned char *)in;
    for (size_t i = sizeof *o; i < n; i++)
        if (b[i])
            return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    memcpy((unsigned char *)o + sizeof(size_t), b + sizeof(size_t),
           (n < sizeof *o ? n : sizeof *o) - sizeof(size_t));
    if ((o->flags & ~(unsigned)VQR_SCAN_FAST) != 0 || o->max_pixels == 0 ||
        o->max_pixels > SIZE_MAX / 4 || o->max_codes == 0 || o->max_codes > 255)
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    return VQR_OK;
}

/* ---- the result ---- */

typedef struct scan_entry {
    size_t data_off, len; /* into the arena */
    size_t raw_off, raw_len;
    int eci;
    bool converted;
    bool utf8;
    vqr_scan_point corners[4];
    char ecc;
    size_t same_as;
} scan_entry;

struct vqr_scan_result {
    scan_entry *codes;
    size_t count, cap;
    size_t distinct;
    unsigned char *arena;
    size_t arena_len, arena_cap;
    unsigned max_codes;
};

void vqr_scan_free(vqr_scan_result *r)
{
    if (!r)
        return;
    free(r->codes);
    free(r->arena);
    free(r);
}

size_t vqr_scan_count(const vqr_scan_result *r)
{
    return r ? r->count : 0;
}

size_t vqr_scan_distinct(const vqr_scan_result *r)
{
    return r ? r->distinct : 0;
}

/* Appends `len` bytes and a NUL to the arena; *off receives their offset. */
static bool arena_put(vqr_scan_result *r, const void *p, size_t len, size_t *off)
{
    if (len > SIZE_MAX / 2 - r->arena_len - 1)
        return false;
    size_t need = r->arena_len + len + 1;
    if (need > r->arena_cap) {
        size_t cap = r->arena_cap ? r->arena_cap : 1024;
        while (cap < need)
            cap *= 2;
        unsigned char *a = realloc(r->arena, cap);
        if (!a)
            return false;
        r->arena = a;
        r->arena_cap = cap;
    }
    if (len)
        memcpy(r->arena + r->arena_len, p, len);
    r->arena[r->arena_len + len] = '\0';
    *off = r->arena_len;
    r->arena_len = need;
    return true;
}

static bool valid_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t n;
        unsigned v;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            v = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            v = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            v = c & 0x07;
        } else {
            return false;
        }
        if (n > len - i)
            return false;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            v = (v << 6) | (s[i + k] & 0x3Fu);
        }
        if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
            (v >= 0xD800 && v <= 0xDFFF))
            return false;
        i += n;
    }
    return true;
}

static vqr_status add_code(void *ctx, const vqr_scan_raw *raw)
{
    vqr_scan_result *r = ctx;
    if (r->count >= r->max_codes)
        return VQR_OK;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 4;
        scan_entry *c = realloc(r->codes, cap * sizeof *c);
        if (!c)
            return VQR_ERR_NO_MEMORY;
        r->codes = c;
        r->cap = cap;
    }
    scan_entry *e = &r->codes[r->count];
    memset(e, 0, sizeof *e);
    if (!arena_put(r, raw->bytes, raw->len, &e->raw_off))
        return VQR_ERR_NO_MEMORY;
    e->raw_len = raw->len;
    e->eci = raw->eci;
    if (raw->text) {
        /* Another character set than UTF-8: the decoder's UTF-8 reading. */
        if (!arena_put(r, raw->text, raw->text_len, &e->data_off))
            return VQR_ERR_NO_MEMORY;
        e->len = raw->text_len;
        e->converted = raw->text_len != raw->len || memcmp(raw->text, raw->bytes, raw->len) != 0;
    } else {
        e->data_off = e->raw_off;
        e->len = raw->len;
    }
    e->utf8 = valid_utf8(r->arena + e->data_off, e->len);
    for (size_t k = 0; k < 4; k++) {
        e->corners[k].x = raw->corners[2 * k];
        e->corners[k].y = raw->corners[2 * k + 1];
    }
    e->ecc = raw->ecc;
    e->same_as = r->count;
    for (size_t i = 0; i < r->count; i++) {
        const scan_entry *o = &r->codes[i];
        if (o->len == e->len &&
            memcmp(r->arena + o->data_off, r->arena + e->data_off, e->len) == 0) {
            e->same_as = i;
            break;
        }
    }
    if (e->same_as == r->count)
        r->distinct++;
    r->count++;
    return VQR_OK;
}

vqr_status vqr_scan_get(const vqr_scan_result *r, size_t i, vqr_scan_code *out, vqr_error *err)
{
    if (!err_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || !size_ok(out))
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    if (i >= r->count)
        return vqr_scan_fail(err, VQR_ERR_NOT_FOUND, SIZE_MAX, r->count);
    const scan_entry *e = &r->codes[i];
    vqr_scan_code c;
    memset(&c, 0, sizeof c);
    c.size = sizeof c;
    c.data = (const char *)r->arena + e->data_off;
    c.len = e->len;
    c.raw = r->arena + e->raw_off;
    c.raw_len = e->raw_len;
    c.eci = e->eci;
    c.converted = e->converted;
    c.utf8 = e->utf8;
    memcpy(c.corners, e->corners, sizeof c.corners);
    c.ecc = e->ecc;
    c.same_as = e->same_as;
    fill_sized(out, &c, sizeof c);
    ok(err);
    return VQR_OK;
}

/* ---- scanning ---- */

static vqr_status scan_pixels(const unsigned char *pixels, unsigned width, unsigned height,
                              size_t stride, const vqr_scan_options *o, vqr_scan_result **out,
                              vqr_error *err)
{
    vqr_scan_result *r = calloc(1, sizeof *r);
    if (!r)
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    r->max_codes = o->max_codes;
    vqr_status st = vqr_scan_strategy(vqr_scan_run_decoder, pixels, width, height, stride, o->flags,
                                      o->max_codes, add_code, r, NULL);
    if (st != VQR_OK) {
        vqr_scan_free(r);
        return vqr_scan_fail(err, st, SIZE_MAX, 0);
    }
    *out = r;
    ok(err);
    return VQR_OK;
}

vqr_status vqr_scan_grey(const unsigned char *pixels, unsigned width, unsigned height,
                         size_t stride, const vqr_scan_options *opt, vqr_scan_result **out,
                         vqr_error *err)
{
    if (!err_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    if (out)
        *out = NULL;
    vqr_scan_options o;
    vqr_status st = read_options(opt, &o, err);
    if (st != VQR_OK)
        return st;
    if (!out || !pixels || stride < width)
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    if (width == 0 || height == 0 || width > INT_MAX || height > INT_MAX || stride > INT_MAX ||
        width > o.max_pixels / height)
        return vqr_scan_fail(err, VQR_ERR_IMAGE_SIZE, SIZE_MAX, o.max_pixels);
    return scan_pixels(pixels, width, height, stride, &o, out, err);
}

vqr_status vqr_scan_load(const void *data, size_t len, const vqr_scan_options *opt,
                         unsigned char **pixels, unsigned *width, unsigned *height, vqr_error *err)
{
    if (!err_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    if (pixels)
        *pixels = NULL;
    if (width)
        *width = 0;
    if (height)
        *height = 0;
    vqr_scan_options o;
    vqr_status st = read_options(opt, &o, err);
    if (st != VQR_OK)
        return st;
    if (!pixels || !width || !height || (!data && len))
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    st = vqr_scan_load_int(data, len, o.max_pixels, pixels, width, height, err);
    if (st == VQR_OK)
        ok(err);
    return st;
}

vqr_status vqr_scan_image(const void *data, size_t len, const vqr_scan_options *opt,
                          vqr_scan_result **out, vqr_error *err)
{
    if (!err_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    if (out)
        *out = NULL;
    vqr_scan_options o;
    vqr_status st = read_options(opt, &o, err);
    if (st != VQR_OK)
        return st;
    if (!out || (!data && len))
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    unsigned char *px;
    unsigned w, h;
    st = vqr_scan_load_int(data, len, o.max_pixels, &px, &w, &h, err);
    if (st != VQR_OK)
        return st;
    st = scan_pixels(px, w, h, w, &o, out, err);
    free(px);
    return st;
}

/* Reads the whole of `f` (at most VQR_SCAN_FILE_MAX bytes) into a malloc'd buffer. */
static vqr_status read_all(FILE *f, unsigned char **out, size_t *out_len, vqr_error *err)
{
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0)
        return vqr_scan_fail(err, VQR_ERR_IO, SIZE_MAX, 0);
    if (!S_ISREG(sb.st_mode)) {
        errno = EISDIR;
        return vqr_scan_fail(err, VQR_ERR_IO, SIZE_MAX, 0);
    }
    if ((unsigned long long)sb.st_size > VQR_SCAN_FILE_MAX)
        return vqr_scan_fail(err, VQR_ERR_IMAGE_SIZE, SIZE_MAX, VQR_SCAN_FILE_MAX);
    size_t cap = (size_t)sb.st_size + 1, len = 0;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    /* Read to the end: the file may have grown since fstat. */
    for (;;) {
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap) {
            if (ferror(f)) {
                int e = errno;
                free(buf);
                errno = e;
                return vqr_scan_fail(err, VQR_ERR_IO, SIZE_MAX, 0);
            }
            break;
        }
        if (cap > VQR_SCAN_FILE_MAX) {
            free(buf);
            return vqr_scan_fail(err, VQR_ERR_IMAGE_SIZE, SIZE_MAX, VQR_SCAN_FILE_MAX);
        }
        size_t ncap = cap * 2 > VQR_SCAN_FILE_MAX + 1 ? VQR_SCAN_FILE_MAX + 1 : cap * 2;
        unsigned char *nb = realloc(buf, ncap);
        if (!nb) {
            free(buf);
            return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
        }
        buf = nb;
        cap = ncap;
    }
    *out = buf;
    *out_len = len;
    return VQR_OK;
}

vqr_status vqr_scan_file(const char *path, const vqr_scan_options *opt, vqr_scan_result **out,
                         vqr_error *err)
{
    if (!err_usable(err))
        return VQR_ERR_INVALID_ARGUMENT;
    if (out)
        *out = NULL;
    vqr_scan_options o;
    vqr_status st = read_options(opt, &o, err);
    if (st != VQR_OK)
        return st;
    if (!path || !out)
        return vqr_scan_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    FILE *f = fopen(path, "rb");
    if (!f)
        return vqr_scan_fail(err, VQR_ERR_IO, SIZE_MAX, 0);
    unsigned char *buf = NULL;
    size_t len = 0;
    st = read_all(f, &buf, &len, err);
    int e = errno;
    (void)fclose(f); /* opened for reading: nothing to flush */
    errno = e;
    if (st != VQR_OK)
        return st;
    st = vqr_scan_image(buf, len, &o, out, err);
    free(buf);
    return st;
}

const char *vqr_scan_decoder(void)
{
    return vqr_scan_decoder_name();
}
