/*
 * edit.c - changing a vqr_payload: set and remove by tag path.
 *
 * Values are copied into the payload's arena after what was parsed, and
 * new objects take the next free node. When either runs out, the payload
 * is compacted: the objects removed since (and their sub-objects) and the
 * values no object uses any more are dropped, so any number of edits works
 * as long as what the payload holds at once fits (VQR_ERR_NO_SPACE, with
 * nothing changed, otherwise). Every changed object and its ancestors are
 * marked dirty, so that writing in the original order re-encodes exactly
 * what changed and copies everything else as read.
 */
#include "escape.h"
#include "internal.h"

void vqr_payload_init(vqr_payload *pub)
{
    if (!pub)
        return;
    vqr_payload_impl *p = vqr_impl_for_reset(pub);
    vqr_reset(p);
    uint16_t n = vqr_node_new(p, VQR_NIL, 0);
    p->root_by_id[0] = n;
    memcpy(p->arena, "01", 2);
    p->arena_len = 2;
    p->node[n].val = 0;
    p->node[n].vlen = 2;
    p->node[n].chars = 2;
    p->node[n].flags = VQR_NODE_DIRTY;
}

static void mark_dirty(vqr_payload_impl *p, uint16_t n)
{
    for (; n != VQR_NIL; n = p->node[n].parent)
        p->node[n].flags |= VQR_NODE_DIRTY;
}

/* Context of the children of the node at ids[0..depth). */
static vqr_ctx ctx_at(const vqr_payload_impl *p, const uint8_t *ids, int depth, int full_depth)
{
    vqr_ctx ctx = VQR_CTX_ROOT;
    for (int i = 0; i < depth; i++) {
        if (ctx == VQR_CTX_ROOT && ids[i] == 38) {
            uint16_t t = p->root_by_id[38];
            uint16_t g = t == VQR_NIL ? VQR_NIL : vqr_find_child(p, t, 0);
            bool napas =
                g != VQR_NIL && vqr_is_napas_guid(p->arena + p->node[g].val, p->node[g].vlen);
            /* A three-level path under 38.01 can only mean the NAPAS layout. */
            if (napas || (full_depth == 3 && ids[1] == 1)) {
                ctx = VQR_CTX_NAPAS;
                continue;
            }
        }
        ctx = vqr_child_ctx(ctx, ids[i]);
    }
    return ctx;
}

static vqr_status check_value(const vqr_field *f, const char *value, size_t len, size_t *chars,
                              size_t *where, size_t *limit)
{
    const unsigned char *s = (const unsigned char *)value;
    *limit = 0;
    *where = vqr_utf8_check(s, len, NULL);
    if (*where != len)
        return VQR_ERR_UTF8;
    *chars = vqr_utf8_count(s, len);
    *where = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        bool ok = f->fmt == VQR_FMT_N     ? vqr_isdigit(c)
                  : f->fmt == VQR_FMT_ANS ? (c >= 0x20 && c <= 0x7E)
                                          : (c >= 0x20 && c != 0x7F);
        if (!ok) {
            *where = i;
            return f->fmt == VQR_FMT_N     ? VQR_ERR_FORMAT_N
                   : f->fmt == VQR_FMT_ANS ? VQR_ERR_FORMAT_ANS
                                           : VQR_ERR_FORMAT_S;
        }
    }
    if (f->fmt == VQR_FMT_S) {
        vqr_status st = vqr_s_text_check(s, len, where);
        if (st != VQR_OK)
            return st;
    }
    if (*chars > f->max) {
        *limit = f->max;
        return VQR_ERR_LENGTH;
    }
    if (*chars < f->min) {
        *limit = f->min;
        return VQR_ERR_LENGTH;
    }
    return VQR_OK;
}

/* Marks in map[] (0) the objects reachable from the root, VQR_NIL the
 * others (removed ones and their sub-objects); returns how many. */
static uint16_t mark_live(const vqr_payload_impl *p, uint16_t map[VQR_NODES_MAX])
{
    for (uint16_t i = 0; i < p->count; i++)
        map[i] = VQR_NIL;
    /* The tree is at most three levels deep (root, template, 38.01). */
    uint16_t stack[3], live = 0;
    int d = 0;
    stack[0] = p->first;
    while (d >= 0) {
        uint16_t n = stack[d];
        if (n == VQR_NIL) {
            d--;
            continue;
        }
        stack[d] = p->node[n].next;
        if (p->node[n].flags & VQR_NODE_DEAD)
            continue;
        map[n] = 0;
        live++;
        if (d + 1 < 3 && p->node[n].child != VQR_NIL)
            stack[++d] = p->node[n].child;
    }
    return live;
}

/* Whether an object's bytes were set since parsing and still count. */
static bool owns_value(const vqr_payload_impl *p, const vqr_node *n)
{
    return n->val >= p->input_len && !vqr_changed_template(n);
}

/*
 * Keeps only what the payload holds: the objects reachable from the root,
 * renumbered in their old order (links, root_by_id, first and last follow),
 * and of the arena the parsed input (objects written as read point into
 * it) and the values set since that a live object uses, moved down to
 * just after the input. Removed objects, their sub-objects and replaced
 * values go, and so does the value of `drop` (an object about to get a
 * new one; VQR_NIL for none). Handles and views taken before are invalid
 * after it.
 */
static void compact(vqr_payload_impl *p, uint16_t drop)
{
    uint16_t map[VQR_NODES_MAX];
    (void)mark_live(p, map);
    char keep[VQR_ARENA_MAX];
    size_t kept = 0;
    uint16_t live = 0;
    for (uint16_t i = 0; i < p->count; i++) {
        if (map[i] == VQR_NIL)
            continue;
        map[i] = live++;
        vqr_node *n = &p->node[i];
        if (n->val < p->input_len)
            continue;
        if (!owns_value(p, n) || i == drop) {
            n->val = n->vlen = 0;
            continue;
        }
        memcpy(keep + kept, p->arena + n->val, n->vlen);
        n->val = (uint16_t)(p->input_len + kept);
        kept += n->vlen;
    }
    memcpy(p->arena + p->input_len, keep, kept);
    p->arena_len = (uint16_t)(p->input_len + kept);
    /* Move each live node down to its number (never up), then relink. */
    for (uint16_t i = 0; i < p->count; i++)
        if (map[i] != VQR_NIL && map[i] != i)
            p->node[map[i]] = p->node[i];
#define RELINK(x) ((x) = (x) == VQR_NIL ? VQR_NIL : map[(x)])
    for (uint16_t i = 0; i < live; i++) {
        vqr_node *n = &p->node[i];
        RELINK(n->parent);
        RELINK(n->child);
        RELINK(n->next);
        RELINK(n->last);
    }
    for (unsigned id = 0; id < 100; id++)
        RELINK(p->root_by_id[id]);
    RELINK(p->first);
    RELINK(p->last);
#undef RELINK
    p->count = live;
}

/* Whether a value of `len` bytes and `need` new objects fit once the
 * payload is compacted, `drop` (VQR_NIL or the object being set) losing
 * its value. */
static bool fits_compacted(const vqr_payload_impl *p, uint16_t drop, size_t len, unsigned need)
{
    uint16_t map[VQR_NODES_MAX];
    uint16_t live = mark_live(p, map);
    size_t bytes = p->input_len;
    for (uint16_t i = 0; i < p->count; i++)
        if (map[i] != VQR_NIL && i != drop && owns_value(p, &p->node[i]))
            bytes += p->node[i].vlen;
    return bytes + len <= VQR_ARENA_MAX && live + need <= VQR_NODES_MAX;
}

/* The object at ids[0..depth), or VQR_NIL; *need receives how many
 * objects make_path() would create for it. */
static uint16_t find_path(const vqr_payload_impl *p, const uint8_t *ids, int depth, unsigned *need)
{
    uint16_t n = VQR_NIL;
    *need = 0;
    for (int i = 0; i < depth; i++) {
        n = vqr_find_child(p, n, ids[i]);
        if (n == VQR_NIL) {
            *need = (unsigned)(depth - i);
            break;
        }
    }
    return n;
}

/* Finds or creates the objects on the path ids[0..depth) (depth 1-3) and
 * returns the last; every one before it becomes a template. */
static uint16_t make_path(vqr_payload_impl *p, const uint8_t *ids, int depth)
{
    uint16_t n = VQR_NIL;
    for (int i = 0; i < depth; i++) {
        uint16_t c = vqr_find_child(p, n, ids[i]);
        if (c == VQR_NIL) {
            c = vqr_node_new(p, n, ids[i]);
            if (n == VQR_NIL)
                p->root_by_id[ids[i]] = c;
            if (i < depth - 1)
                p->node[c].flags |= VQR_NODE_TEMPLATE;
        } else if (i < depth - 1 && !(p->node[c].flags & VQR_NODE_TEMPLATE)) {
            /* A value (a raw template, or 38.01 read before 38 held the
             * NAPAS GUID) becomes a template: its bytes no longer count. */
            p->node[c].flags &= (uint8_t)~VQR_NODE_RAW;
            p->node[c].flags |= VQR_NODE_TEMPLATE;
        }
        n = c;
    }
    return n;
}

vqr_status vqr_payload_set(vqr_payload *pub, const char *path, const char *value, size_t len,
                           vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || (!value && len)) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, 0, 0, "", SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    vqr_payload_impl *p = vqr_impl(pub);
    p->fast = 0; /* whatever follows, the fast parse's index may not hold */
    uint8_t ids[3];
    int depth = vqr_path_parse(path, ids);
    char tag[VQR_TAG_MAX] = "";
    if (depth < 1) { /* vqr_path_parse gives -1 or 1-3 */
        vqr_error_fill(err, VQR_ERR_BAD_PATH, VQR_SEVERITY_ERROR, 0, 0, "", SIZE_MAX, 0);
        return VQR_ERR_BAD_PATH;
    }
    vqr_path_format(ids, (unsigned)depth, tag);

    /* Every ancestor must be a template, the leaf a value. */
    vqr_status st = VQR_OK;
    for (int i = 0; i < depth - 1 && st == VQR_OK; i++) {
        vqr_ctx c = ctx_at(p, ids, i, depth);
        const vqr_field *f = vqr_field_rule(c, ids[i]);
        if (f->kind != VQR_KIND_TEMPLATE && f->kind != VQR_KIND_UNRESERVED &&
            !(c == VQR_CTX_NAPAS && ids[i] == 1))
            st = VQR_ERR_BAD_PATH;
    }
    vqr_ctx leaf_ctx = ctx_at(p, ids, depth - 1, depth);
    const vqr_field *f = vqr_field_rule(leaf_ctx, ids[depth - 1]);
    if (st == VQR_OK && (depth == 1 && ids[0] == 63))
        st = VQR_ERR_INVALID_ARGUMENT; /* the CRC is always computed */
    if (st == VQR_OK && f->kind == VQR_KIND_TEMPLATE)
        st = VQR_ERR_IS_TEMPLATE;
    if (st != VQR_OK) {
        vqr_error_fill(err, st, VQR_SEVERITY_ERROR, 0, 0, tag, SIZE_MAX, 0);
        return st;
    }
    size_t chars = 0, where = 0, limit = 0;
    st = len == 0 ? VQR_ERR_ZERO_LENGTH : check_value(f, value, len, &chars, &where, &limit);
    if (st != VQR_OK) {
        /* `where` is a byte of the value; the bytes before it are UTF-8. */
        size_t where_chars = vqr_utf8_count((const unsigned char *)value, where);
        vqr_error_fill(err, st, VQR_SEVERITY_ERROR, where, where_chars, tag, SIZE_MAX, limit);
        return st;
    }
    unsigned need;
    uint16_t old = find_path(p, ids, depth, &need);
    if (len > (size_t)VQR_ARENA_MAX - p->arena_len || p->count + need > VQR_NODES_MAX) {
        /* Full: make room from what is no longer used, the value this
         * call replaces included; or change nothing. */
        if (!fits_compacted(p, old, len, need)) {
            vqr_error_fill(err, VQR_ERR_NO_SPACE, VQR_SEVERITY_ERROR, 0, 0, tag, SIZE_MAX, 0);
            return VQR_ERR_NO_SPACE;
        }
        compact(p, old);
    }

    uint16_t n = make_path(p, ids, depth);
    vqr_node *node = &p->node[n];
    memcpy(p->arena + p->arena_len, value, len);
    node->val = p->arena_len;
    node->vlen = (uint16_t)len;
    node->chars = (uint8_t)chars;
    p->arena_len = (uint16_t)(p->arena_len + len);
    /* The object is a value now, even if it was a template (80-99 set to a
     * raw value, with or without sub-objects left); a template ID holding a
     * value is raw, as the parser would read it. */
    node->child = node->last = VQR_NIL;
    node->flags &= (uint8_t) ~(VQR_NODE_TEMPLATE | VQR_NODE_RAW);
    if (f->kind == VQR_KIND_UNRESERVED)
        node->flags |= VQR_NODE_RAW;
    mark_dirty(p, n);
    vqr_error_clear(err);
    return VQR_OK;
}

static vqr_status remove_fail(vqr_error *err, vqr_status code, const uint8_t *ids, int depth)
{
    char tag[VQR_TAG_MAX] = "";
    if (depth > 0)
        vqr_path_format(ids, (unsigned)depth, tag);
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, tag, SIZE_MAX, 0);
    return code;
}

vqr_status vqr_payload_remove(vqr_payload *pub, const char *path, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || !path)
        return remove_fail(err, VQR_ERR_INVALID_ARGUMENT, NULL, 0);
    vqr_payload_impl *p = vqr_impl(pub);
    p->fast = 0; /* whatever follows, the fast parse's index may not hold */
    uint8_t ids[3];
    int depth = vqr_path_parse(path, ids);
    if (depth < 1)
        return remove_fail(err, VQR_ERR_BAD_PATH, NULL, 0);
    uint16_t n = VQR_NIL, parent = VQR_NIL;
    for (int i = 0; i < depth; i++) {
        parent = n;
        n = vqr_find_child(p, n, ids[i]);
        if (n == VQR_NIL)
            return remove_fail(err, VQR_ERR_NOT_FOUND, ids, depth);
    }
    /* Unlink n from its parent's list. */
    uint16_t *head = parent == VQR_NIL ? &p->first : &p->node[parent].child;
    uint16_t *tail = parent == VQR_NIL ? &p->last : &p->node[parent].last;
    uint16_t prev = VQR_NIL;
    for (uint16_t c = *head; c != VQR_NIL; prev = c, c = p->node[c].next) {
        if (c != n)
            continue;
        if (prev == VQR_NIL)
            *head = p->node[c].next;
        else
            p->node[prev].next = p->node[c].next;
        if (*tail == c)
            *tail = prev;
        break;
    }
    p->node[n].flags |= VQR_NODE_DEAD;
    if (parent == VQR_NIL)
        p->root_by_id[ids[0]] = VQR_NIL;
    else
        mark_dirty(p, parent);
    return VQR_OK;
}
