/*
 * fuzz_edit.c - vqr_payload_set / vqr_payload_remove on a parsed or an
 * empty payload, then both writers.
 *
 * Input: one flags byte (bit 0: parse leniently; bit 1: start from
 * vqr_payload_init instead of a parsed payload; bit 2: make the CRC right
 * before parsing; bit 3: fill the storage with removed objects and
 * replaced values first, so that the edits below make it compact). Unless
 * bit 1 is set, the
 * payload follows, up to the first 0xFF byte (never part of UTF-8). Then
 * operations, each an opcode byte (bits 0-1: set, remove, set, get; bits
 * 2-3: the path's depth 1-3), one byte per ID (mod 100) and, for a set, a
 * length byte and that many value bytes.
 *
 * Checks:
 *  - a set that succeeds is read back by vqr_payload_get and
 *    vqr_payload_object as a value, under templates; a remove that
 *    succeeds leaves nothing at the path, and its parent reads as a changed
 *    template; a call that fails changes nothing (the written payload is
 *    the same before and after);
 *  - VQR_WRITE_CANONICAL writes exactly what an independent encoder of the
 *    tree (seen through the public API) gives, or fails where it fails;
 *  - what either writer writes frames, parses back with the right CRC, and
 *    writes canonically to the same bytes (see check_reparse for the one
 *    exception).
 */
#include "fuzz.h"

#include <string.h>

#define MAX_OPS 64

typedef struct out_buf {
    char s[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    vqr_status st;
} out_buf;

static void write_payload(const vqr_payload *p, unsigned flags, out_buf *o)
{
    vqr_error err;
    VQR_INIT(&err);
    o->len = 0;
    o->st = vqr_payload_write(p, flags, o->s, sizeof o->s, &o->len, &err);
    FUZZ_CHECK(err.code == o->st);
    if (o->st != VQR_OK)
        o->len = 0;
}

static bool same_output(const out_buf *a, const out_buf *b)
{
    return a->st == b->st && a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* ---- an independent canonical encoder over the public API ---- */

enum { ENC_ZERO = 1, ENC_TEMPLATE_LONG = 2, ENC_TOO_LONG = 4, ENC_MISSING = 8 };

typedef struct encoder {
    char s[4 * VQR_INPUT_MAX];
    size_t len, chars;
    unsigned errors;
} encoder;

static void enc_put(encoder *e, const char *s, size_t n, size_t chars)
{
    if (e->len + n > sizeof e->s) {
        e->errors |= ENC_TOO_LONG;
        return;
    }
    memcpy(e->s + e->len, s, n);
    e->len += n;
    e->chars += chars;
}

static void enc_id(encoder *e, unsigned v)
{
    char d[2] = { (char)('0' + v / 10 % 10), (char)('0' + v % 10) };
    enc_put(e, d, 2, 2);
}

static void enc_object(encoder *e, const vqr_payload *p, vqr_handle h);

static void enc_children(encoder *e, const vqr_payload *p, vqr_handle parent, bool root)
{
    vqr_handle by_id[100];
    for (int i = 0; i < 100; i++)
        by_id[i] = VQR_NONE;
    for (vqr_handle h = vqr_payload_first(p, parent); h != VQR_NONE; h = vqr_payload_next(p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        FUZZ_CHECK(vqr_payload_object(p, h, &o, NULL) == VQR_OK);
        FUZZ_CHECK(by_id[o.id] == VQR_NONE); /* set never makes a duplicate */
        by_id[o.id] = h;
    }
    if (root && by_id[0] == VQR_NONE)
        e->errors |= ENC_MISSING;
    for (int id = 0; id < 100; id++)
        if (by_id[id] != VQR_NONE && !(root && id == 63))
            enc_object(e, p, by_id[id]);
}

static void enc_object(encoder *e, const vqr_payload *p, vqr_handle h)
{
    vqr_object o;
    VQR_INIT(&o);
    FUZZ_CHECK(vqr_payload_object(p, h, &o, NULL) == VQR_OK);
    if (vqr_payload_first(p, h) != VQR_NONE) {
        size_t at = e->len, chars = e->chars;
        enc_id(e, (unsigned)o.id);
        enc_put(e, "00", 2, 2);
        enc_children(e, p, h, false);
        size_t content = e->chars - chars - 4;
        if (content == 0) {
            e->len = at;
            e->chars = chars;
        } else if (content > 99) {
            e->errors |= ENC_TEMPLATE_LONG;
        } else if (!(e->errors & ENC_TOO_LONG)) {
            e->s[at + 2] = (char)('0' + content / 10);
            e->s[at + 3] = (char)('0' + content % 10);
        }
        return;
    }
    if (o.is_template) {
        /* No sub-object left. A template changed since parsing (its
         * sub-objects all removed) is dropped; one read as "ID00" is a value
         * of length zero. */
        if (o.value.ptr != NULL && o.value.len == 0)
            e->errors |= ENC_ZERO;
        return;
    }
    if (o.value.chars == 0) {
        e->errors |= ENC_ZERO;
        return;
    }
    enc_id(e, (unsigned)o.id);
    enc_id(e, (unsigned)o.value.chars);
    enc_put(e, o.value.ptr, o.value.len, o.value.chars);
}

static void check_encoder(const vqr_payload *p, const out_buf *canon)
{
    static encoder e;
    e.len = e.chars = 0;
    e.errors = 0;
    enc_children(&e, p, VQR_ROOT, true);
    enc_put(&e, "6304", 4, 4);
    if (e.chars + 4 > VQR_PAYLOAD_MAX_CHARS)
        e.errors |= ENC_TOO_LONG;
    if (e.errors) {
        unsigned got = canon->st == VQR_ERR_ZERO_LENGTH         ? ENC_ZERO
                       : canon->st == VQR_ERR_TEMPLATE_TOO_LONG ? ENC_TEMPLATE_LONG
                       : canon->st == VQR_ERR_PAYLOAD_TOO_LONG  ? ENC_TOO_LONG
                       : canon->st == VQR_ERR_MISSING           ? ENC_MISSING
                                                                : 0;
        if (!(e.errors & got))
            fprintf(stderr, "encoder errors %#x, writer %s\n", e.errors,
                    vqr_status_name(canon->st));
        FUZZ_CHECK(e.errors & got);
        return;
    }
    if (canon->st != VQR_OK || canon->len != e.len + 4 || memcmp(canon->s, e.s, e.len) != 0)
        fprintf(stderr, "writer (%s): %.*s\nencoder:        %.*s\n", vqr_status_name(canon->st),
                (int)canon->len, canon->s, (int)e.len, e.s);
    FUZZ_CHECK(canon->st == VQR_OK);
    FUZZ_CHECK(canon->len == e.len + 4 && memcmp(canon->s, e.s, e.len) == 0);
    char crc[8];
    snprintf(crc, sizeof crc, "%04X", (unsigned)vqr_crc16(canon->s, canon->len - 4));
    FUZZ_CHECK(memcmp(canon->s + canon->len - 4, crc, 4) == 0);
}

/* Would the parser read the object at `tag` as a template? Root 26-51, 62,
 * 64, 80-99; 62.50-99; 38.01 when 38.00 is the NAPAS GUID. */
static bool template_position(const vqr_payload *p, const char *tag)
{
    int a = (tag[0] - '0') * 10 + (tag[1] - '0');
    if (tag[2] == '\0')
        return (a >= 26 && a <= 51) || a == 62 || a == 64 || a >= 80;
    if (tag[5] != '\0')
        return false;
    int b = (tag[3] - '0') * 10 + (tag[4] - '0');
    if (a == 62)
        return b >= 50;
    if (a == 38 && b == 1) {
        vqr_view g;
        return vqr_payload_get(p, "38.00", &g, NULL) == VQR_OK && g.len == 10 &&
               memcmp(g.ptr, "A000000727", 10) == 0;
    }
    return false;
}

/* The tree does not read back as it stands: a value where the parser reads
 * sub-objects (80-99 or 62.50-99 set to a raw value, 38.01 set before 38.00
 * became the NAPAS GUID), or sub-objects where it reads a value (38.01.xx
 * set under a 38 whose GUID is not NAPAS's). */
static bool shape_differs(const vqr_payload *p, vqr_handle parent)
{
    for (vqr_handle h = vqr_payload_first(p, parent); h != VQR_NONE; h = vqr_payload_next(p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        FUZZ_CHECK(vqr_payload_object(p, h, &o, NULL) == VQR_OK);
        bool subs = vqr_payload_first(p, h) != VQR_NONE;
        if (subs ? !template_position(p, o.tag) || shape_differs(p, h)
                 : !o.is_template && template_position(p, o.tag))
            return true;
    }
    return false;
}

/*
 * What a writer wrote frames, reads back with its CRC, and writes
 * canonically as `canon`; the last point holds unless the tree's shape is
 * not the one the parser reads (shape_differs): a value is written as it
 * is and read back as sub-objects when it frames, which may be out of
 * order, of length 00, or duplicates; sub-objects written in stored order
 * are read back as one value.
 */
static void check_reparse(const vqr_payload *p, const out_buf *w, const out_buf *canon, bool bytes)
{
    if (w->st != VQR_OK || canon->st != VQR_OK)
        return;
    /* Read with byte lengths: a raw template holding non-ASCII may frame
     * once written with character lengths (see fuzz_roundtrip.c). */
    bool opaque = shape_differs(p, VQR_ROOT) || (bytes && fuzz_has_raw_non_ascii(p));
    vqr_payload q;
    vqr_payload_parse(&q, w->s, w->len, VQR_PARSE_LENIENT, NULL);
    FUZZ_CHECK(vqr_payload_crc(&q, NULL, NULL));
    size_t n = vqr_payload_diag_count(&q);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        FUZZ_CHECK(vqr_payload_diag(&q, i, &e, NULL) == VQR_OK);
        switch (e.code) {
        case VQR_ERR_ZERO_LENGTH:
        case VQR_ERR_DUPLICATE_ID:
            FUZZ_CHECK(opaque && strchr(e.tag, '.') != NULL);
            break;
        case VQR_ERR_INPUT_TOO_LARGE:
        case VQR_ERR_UTF8:
        case VQR_ERR_BAD_ID:
        case VQR_ERR_BAD_LENGTH:
        case VQR_ERR_TRUNCATED:
        case VQR_ERR_PFI_NOT_FIRST:
        case VQR_ERR_CRC_MISSING:
        case VQR_ERR_CRC_NOT_LAST:
        case VQR_ERR_CRC_FORMAT:
        case VQR_ERR_CRC_MISMATCH:
        case VQR_ERR_CRC_LOWERCASE:
        case VQR_ERR_PAYLOAD_TOO_LONG:
        case VQR_ERR_BYTE_LENGTHS:
        case VQR_ERR_TOO_MANY_OBJECTS:
            fprintf(stderr, "written %.*s: %s at %zu\n", (int)w->len, w->s, e.name, e.offset);
            FUZZ_CHECK(false); /* a writer's output does not frame */
            break;
        default:
            break;
        }
    }
    if (opaque)
        return;
    out_buf again;
    write_payload(&q, VQR_WRITE_CANONICAL, &again);
    if (!same_output(&again, canon))
        fprintf(stderr, "written:   %.*s\nrewritten: %.*s\n", (int)canon->len, canon->s,
                (int)again.len, again.s);
    FUZZ_CHECK(same_output(&again, canon));
}

/* ---- operations ---- */

typedef struct reader {
    const uint8_t *d;
    size_t n, i;
} reader;

static bool next_byte(reader *r, unsigned *b)
{
    if (r->i >= r->n)
        return false;
    *b = r->d[r->i++];
    return true;
}

static void parent_path(const char *path, char *out)
{
    size_t n = strlen(path);
    memcpy(out, path, n - 3);
    out[n - 3] = '\0';
}

static void check_set(vqr_payload *p, const char *path, int depth, const char *v, size_t len)
{
    out_buf before, after;
    write_payload(p, VQR_WRITE_CANONICAL, &before);
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_payload_set(p, path, v, len, &err);
    FUZZ_CHECK(err.code == st);
    if (st != VQR_OK) {
        write_payload(p, VQR_WRITE_CANONICAL, &after);
        FUZZ_CHECK(same_output(&before, &after));
        return;
    }
    vqr_view view;
    FUZZ_CHECK(vqr_payload_get(p, path, &view, NULL) == VQR_OK);
    FUZZ_CHECK(view.len == len && memcmp(view.ptr, v, len) == 0);
    /* The object is a value, and every ancestor a template. */
    char anc[VQR_TAG_MAX];
    vqr_handle h = VQR_ROOT;
    for (int d = 0; d < depth; d++) {
        memcpy(anc, path, (size_t)(3 * d + 2));
        anc[3 * d + 2] = '\0';
        vqr_handle c = vqr_payload_first(p, h);
        vqr_object o;
        VQR_INIT(&o);
        memset(&o, 0, sizeof o);
        o.size = sizeof o;
        for (; c != VQR_NONE; c = vqr_payload_next(p, c)) {
            FUZZ_CHECK(vqr_payload_object(p, c, &o, NULL) == VQR_OK);
            if (strcmp(o.tag, anc) == 0)
                break;
        }
        FUZZ_CHECK(c != VQR_NONE);
        if (d < depth - 1)
            FUZZ_CHECK(o.is_template && !o.raw);
        else
            FUZZ_CHECK(!o.is_template && vqr_payload_first(p, c) == VQR_NONE);
        h = c;
    }
}

static void check_remove(vqr_payload *p, const char *path, int depth)
{
    out_buf before, after;
    write_payload(p, VQR_WRITE_CANONICAL, &before);
    vqr_status st = vqr_payload_remove(p, path, NULL);
    if (st != VQR_OK) {
        FUZZ_CHECK(st == VQR_ERR_NOT_FOUND);
        write_payload(p, VQR_WRITE_CANONICAL, &after);
        FUZZ_CHECK(same_output(&before, &after));
        return;
    }
    vqr_view view;
    FUZZ_CHECK(vqr_payload_get(p, path, &view, NULL) == VQR_ERR_NOT_FOUND);
    FUZZ_CHECK(vqr_payload_remove(p, path, NULL) == VQR_ERR_NOT_FOUND);
    if (depth > 1) {
        char parent[VQR_TAG_MAX];
        parent_path(path, parent);
        FUZZ_CHECK(vqr_payload_get(p, parent, &view, NULL) == VQR_ERR_IS_TEMPLATE);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    reader r = { data, size, 1 };
    vqr_payload p;
    bool bytes = false;
    if (flags & 2u) {
        vqr_payload_init(&p);
    } else {
        size_t end = 1;
        while (end < size && data[end] != 0xFF)
            end++;
        char *in = fuzz_copy_input(data + 1, end - 1, flags & 4u, false);
        vqr_status st = vqr_payload_parse(&p, in, end - 1, flags & 1u, NULL);
        free(in);
        if (st != VQR_OK)
            return 0;
        bytes = fuzz_has_diag(&p, VQR_ERR_BYTE_LENGTHS);
        r.i = end < size ? end + 1 : end;
    }

    vqr_view v97;
    if ((flags & 8u) && vqr_payload_get(&p, "97", &v97, NULL) == VQR_ERR_NOT_FOUND) {
        /* What a long-lived template leaves behind: replaced values and
         * removed objects, until the storage is nearly full. The payload
         * itself is unchanged by it. */
        out_buf before, after;
        write_payload(&p, VQR_WRITE_CANONICAL, &before);
        char z[99];
        memset(z, 'z', sizeof z);
        for (int k = 0; k < 38; k++) {
            vqr_status st = vqr_payload_set(&p, "97.01", z, sizeof z, NULL);
            if (st != VQR_OK) { /* a payload of 639 objects has no room for two */
                FUZZ_CHECK(st == VQR_ERR_NO_SPACE);
                break;
            }
            FUZZ_CHECK(vqr_payload_set(&p, "97.01", z, sizeof z - 1, NULL) == VQR_OK);
            FUZZ_CHECK(vqr_payload_remove(&p, "97", NULL) == VQR_OK);
        }
        write_payload(&p, VQR_WRITE_CANONICAL, &after);
        FUZZ_CHECK(same_output(&before, &after));
    }

    unsigned op;
    for (int k = 0; k < MAX_OPS && next_byte(&r, &op); k++) {
        int depth = 1 + (int)((op >> 2) & 3u) % 3;
        char path[VQR_TAG_MAX];
        size_t pl = 0;
        bool ok = true;
        for (int d = 0; d < depth && ok; d++) {
            unsigned id = 0;
            ok = next_byte(&r, &id);
            if (d)
                path[pl++] = '.';
            path[pl++] = (char)('0' + id % 100 / 10);
            path[pl++] = (char)('0' + id % 10);
        }
        path[pl] = '\0';
        if (!ok)
            break;
        unsigned kind = op & 3u, vlen = 0;
        if (kind == 0 || kind == 2) {
            if (!next_byte(&r, &vlen))
                break;
            size_t len = vlen < r.n - r.i ? vlen : r.n - r.i;
            check_set(&p, path, depth, (const char *)r.d + r.i, len);
            r.i += len;
        } else if (kind == 1) {
            check_remove(&p, path, depth);
        } else {
            vqr_view view;
            vqr_status st = vqr_payload_get(&p, path, &view, NULL);
            FUZZ_CHECK(st == VQR_OK || st == VQR_ERR_NOT_FOUND || st == VQR_ERR_IS_TEMPLATE);
            FUZZ_CHECK(st == VQR_OK ? view.ptr != NULL : view.ptr == NULL);
        }
    }

    out_buf canon, keep;
    write_payload(&p, VQR_WRITE_CANONICAL, &canon);
    write_payload(&p, VQR_WRITE_KEEP_ORDER, &keep);
    check_encoder(&p, &canon);
    check_reparse(&p, &canon, &canon, bytes);
    check_reparse(&p, &keep, &canon, bytes);
    return 0;
}
