/*
 * write.c - writing a vqr_payload back to bytes: canonical order or the
 * order it was read in, with a fresh upper-case CRC.
 *
 * No allocation: the payload is assembled in a stack buffer of
 * VQR_PAYLOAD_BUF_SIZE bytes and copied out only when it is complete, so a
 * failed call never leaves half a payload in the caller's buffer.
 */
#include "internal.h"

typedef struct emitter {
    const vqr_payload_impl *p;
    bool keep_order;
    char buf[VQR_PAYLOAD_BUF_SIZE + 8];
    size_t len;   /* bytes */
    size_t chars; /* code points */
    vqr_status st;
    uint16_t bad; /* node of the first error */
    size_t limit;
} emitter;

static void put(emitter *e, const char *s, size_t n, size_t chars)
{
    if (e->st != VQR_OK)
        return;
    if (n > sizeof e->buf - e->len) {
        e->st = VQR_ERR_PAYLOAD_TOO_LONG;
        e->limit = VQR_PAYLOAD_MAX_CHARS;
        e->bad = VQR_NIL;
        return;
    }
    memcpy(e->buf + e->len, s, n);
    e->len += n;
    e->chars += chars;
}

static void put2(emitter *e, unsigned v)
{
    char d[2] = { (char)('0' + v / 10), (char)('0' + v % 10) };
    put(e, d, 2, 2);
}

static void fail(emitter *e, vqr_status st, uint16_t n, size_t limit)
{
    if (e->st == VQR_OK) {
        e->st = st;
        e->bad = n;
        e->limit = limit;
    }
}

static bool live(const vqr_payload_impl *p, uint16_t n)
{
    return !(p->node[n].flags & VQR_NODE_DEAD);
}

/* A template being written: its header is in the buffer, its length is
 * patched once its sub-objects are out. */
typedef struct frame {
    uint16_t t;
    uint16_t cursor;      /* keep order: the next sub-object in stored order */
    uint16_t kids[100];   /* canonical: live sub-objects sorted by ID */
    unsigned count, next; /* canonical: how many, the next to write */
    size_t at, chars;     /* where the header starts, characters before it */
} frame;

/* The next sub-object of f to write: in stored order, or ascending IDs. */
static uint16_t next_child(const emitter *e, frame *f)
{
    const vqr_payload_impl *p = e->p;
    if (e->keep_order) {
        while (f->cursor != VQR_NIL) {
            uint16_t c = f->cursor;
            f->cursor = p->node[c].next;
            if (live(p, c))
                return c;
        }
        return VQR_NIL;
    }
    if (f->next < f->count)
        return f->kids[f->next++];
    return VQR_NIL;
}

/* Writes object n, or for a template with sub-objects its header: then it
 * fills f and returns true, and its sub-objects come next. */
static bool emit_start(emitter *e, uint16_t n, frame *f)
{
    const vqr_payload_impl *p = e->p;
    const vqr_node *node = &p->node[n];
    /* A payload read with byte lengths is re-encoded with character
     * lengths throughout: copying some objects as read next to re-encoded
     * ones would mix the two units and break the framing. */
    bool verbatim = e->keep_order && (node->flags & VQR_NODE_PARSED) &&
                    !(node->flags & VQR_NODE_DIRTY) && !p->byte_lengths;
    if (verbatim) {
        size_t start = node->hdr, end = (size_t)node->val + node->vlen;
        const unsigned char *s = (const unsigned char *)p->arena + start;
        put(e, p->arena + start, end - start,
            p->ascii ? end - start : vqr_utf8_count(s, end - start));
        return false;
    }
    if (node->child != VQR_NIL) {
        f->t = n;
        f->at = e->len;
        f->chars = e->chars;
        put2(e, node->id);
        put(e, "00", 2, 2);
        f->cursor = node->child;
        f->count = f->next = 0;
        if (!e->keep_order) {
            /* A template holds at most 100 distinct IDs: sort them by
             * insertion (a template rarely has more than a handful). */
            for (uint16_t c = node->child; c != VQR_NIL && f->count < 100; c = p->node[c].next) {
                if (!live(p, c))
                    continue;
                unsigned j = f->count++;
                while (j > 0 && p->node[f->kids[j - 1]].id > p->node[c].id) {
                    f->kids[j] = f->kids[j - 1];
                    j--;
                }
                f->kids[j] = c;
            }
        }
        return true;
    }
    /* A template whose sub-objects were all removed is dropped; one read
     * as "ID00" is a value of length zero, refused like any other. */
    if (vqr_changed_template(node))
        return false;
    if (node->chars == 0) {
        fail(e, VQR_ERR_ZERO_LENGTH, n, 0);
        return false;
    }
    put2(e, node->id);
    put2(e, node->chars);
    put(e, p->arena + node->val, node->vlen, node->chars);
    return false;
}

/* After the sub-objects of f: patch the template's length. */
static void emit_finish(emitter *e, const frame *f)
{
    if (e->st != VQR_OK)
        return;
    size_t content = e->chars - f->chars - 4;
    if (content == 0) { /* every sub-object removed: drop the template */
        e->len = f->at;
        e->chars = f->chars;
        return;
    }
    if (content > 99) {
        fail(e, VQR_ERR_TEMPLATE_TOO_LONG, f->t, 99);
        return;
    }
    e->buf[f->at + 2] = (char)('0' + content / 10);
    e->buf[f->at + 3] = (char)('0' + content % 10);
}

/* Writes root object n and everything below it, depth first without
 * recursion (objects are at most three levels deep). */
static void emit_node(emitter *e, uint16_t n)
{
    frame stack[3];
    int d = emit_start(e, n, &stack[0]) ? 0 : -1;
    while (d >= 0 && e->st == VQR_OK) {
        uint16_t c = next_child(e, &stack[d]);
        if (c == VQR_NIL)
            emit_finish(e, &stack[d--]);
        else if (d + 1 < 3 && emit_start(e, c, &stack[d + 1]))
            d++;
    }
}

static void emit_root(emitter *e)
{
    const vqr_payload_impl *p = e->p;
    if (p->root_by_id[0] == VQR_NIL) {
        fail(e, VQR_ERR_MISSING, VQR_NIL, 0);
        return;
    }
    emit_node(e, p->root_by_id[0]);
    if (e->keep_order) {
        for (uint16_t n = p->first; n != VQR_NIL; n = p->node[n].next)
            if (live(p, n) && p->node[n].id != 0 && p->node[n].id != 63)
                emit_node(e, n);
    } else {
        for (unsigned id = 1; id < 100; id++)
            if (id != 63 && p->root_by_id[id] != VQR_NIL)
                emit_node(e, p->root_by_id[id]);
    }
}

vqr_status vqr_payload_write(const vqr_payload *pub, unsigned flags, char *buf, size_t cap,
                             size_t *out_len, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || !out_len || (!buf && cap) || (flags & ~(unsigned)VQR_WRITE_KEEP_ORDER)) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, 0, 0, "", SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    emitter e;
    e.p = vqr_cimpl(pub);
    e.keep_order = (flags & VQR_WRITE_KEEP_ORDER) != 0;
    e.len = e.chars = 0;
    e.st = VQR_OK;
    e.bad = VQR_NIL;
    e.limit = 0;
    *out_len = 0;

    emit_root(&e);
    put(&e, "6304", 4, 4);
    if (e.st == VQR_OK && e.chars + 4 > VQR_PAYLOAD_MAX_CHARS)
        fail(&e, VQR_ERR_PAYLOAD_TOO_LONG, VQR_NIL, VQR_PAYLOAD_MAX_CHARS);
    if (e.st != VQR_OK) {
        char tag[VQR_TAG_MAX] = "";
        if (e.bad != VQR_NIL) {
            uint8_t path[3];
            unsigned d = vqr_node_path(e.p, e.bad, path);
            vqr_path_format(path, d, tag);
        } else if (e.st == VQR_ERR_MISSING) {
            tag[0] = tag[1] = '0';
        }
        vqr_error_fill(err, e.st, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, tag, SIZE_MAX, e.limit);
        return e.st;
    }
    char crc[5];
    vqr_crc_hex(vqr_crc16_fast((const unsigned char *)e.buf, e.len), crc);
    memcpy(e.buf + e.len, crc, 4);
    e.len += 4;
    *out_len = e.len;
    if (!buf || cap < e.len + 1) { /* buf is NULL only with cap 0 */
        vqr_error_fill(err, VQR_ERR_BUFFER_TOO_SMALL, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, e.len + 1);
        return VQR_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, e.buf, e.len);
    buf[e.len] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}
