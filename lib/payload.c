/*
 * payload.c - the vqr_payload store: reset, nodes, diagnostics, tag paths,
 * look-up, iteration, set and remove.
 */
#include "internal.h"

#include <stdint.h>

/* Compile-time checks (C99 has no _Static_assert). */
typedef char vqr_check_storage[sizeof(vqr_payload_impl) <= sizeof(vqr_payload) ? 1 : -1];
typedef char vqr_check_arena[VQR_ARENA_MAX <= UINT16_MAX && VQR_INPUT_MAX < VQR_ARENA_MAX ? 1 : -1];

size_t vqr_payload_sizeof(void)
{
    return sizeof(vqr_payload);
}

#define NIL10 \
    VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL, VQR_NIL

/* What vqr_reset() makes: no object, no diagnostic. */
const vqr_payload_impl vqr_empty_payload = {
    .first = VQR_NIL,
    .last = VQR_NIL,
    .ascii = 1,
    .root_by_id = { NIL10, NIL10, NIL10, NIL10, NIL10, NIL10, NIL10, NIL10, NIL10, NIL10 },
};

void vqr_reset(vqr_payload_impl *p)
{
    p->input_len = p->arena_len = 0;
    p->start = 0;
    p->count = 0;
    p->first = p->last = VQR_NIL;
    p->ndiag = p->nerr = p->nwarn = 0;
    p->ascii = 1;
    p->crc_state = 0;
    p->byte_lengths = 0;
    p->profile = VQR_PROFILE_NONE;
    p->fast = 0;
    p->crc_given[0] = p->crc_computed[0] = '\0';
    memset(p->root_by_id, 0xFF, sizeof p->root_by_id);
}

vqr_profile vqr_payload_profile(const vqr_payload *pub)
{
    if (!pub)
        return VQR_PROFILE_NONE;
    unsigned profile = vqr_cimpl(pub)->profile;
    return profile <= VQR_PROFILE_LENIENT ? (vqr_profile)profile : VQR_PROFILE_NONE;
}

const char *vqr_profile_name(vqr_profile profile)
{
    switch (profile) {
    case VQR_PROFILE_NONE:
        return "none";
    case VQR_PROFILE_EMVCO:
        return "emvco";
    case VQR_PROFILE_VIETQR:
        return "vietqr";
    case VQR_PROFILE_LENIENT:
        return "lenient";
    }
    return NULL;
}

unsigned vqr_node_path(const vqr_payload_impl *p, uint16_t n, uint8_t path[3])
{
    uint8_t rev[3];
    unsigned d = 0;
    while (n != VQR_NIL && d < 3) {
        rev[d++] = p->node[n].id;
        n = p->node[n].parent;
    }
    for (unsigned i = 0; i < d; i++)
        path[i] = rev[d - 1 - i];
    return d;
}

void vqr_path_format(const uint8_t *path, unsigned depth, char out[VQR_TAG_MAX])
{
    size_t o = 0;
    for (unsigned i = 0; i < depth && i < 3; i++) {
        if (i)
            out[o++] = '.';
        out[o++] = (char)('0' + path[i] / 10);
        out[o++] = (char)('0' + path[i] % 10);
    }
    memset(out + o, 0, VQR_TAG_MAX - o);
}

int vqr_path_parse(const char *path, uint8_t ids[3])
{
    if (!path)
        return -1;
    int d = 0;
    const char *s = path;
    for (;;) {
        if (d == 3 || !vqr_isdigit((unsigned char)s[0]) || !vqr_isdigit((unsigned char)s[1]))
            return -1;
        ids[d++] = (uint8_t)((s[0] - '0') * 10 + (s[1] - '0'));
        s += 2;
        if (*s == '\0')
            return d;
        if (*s != '.')
            return -1;
        s++;
    }
}

size_t vqr_char_offset(const vqr_payload_impl *p, size_t byte_offset)
{
    if (p->ascii)
        return byte_offset;
    size_t lim = byte_offset < p->input_len ? byte_offset : p->input_len;
    return vqr_utf8_count((const unsigned char *)p->arena, lim) + (byte_offset - lim);
}

void vqr_diag_add_path(vqr_payload_impl *p, vqr_status code, vqr_severity sev, const uint8_t *path,
                       unsigned depth, size_t offset, size_t related, size_t limit)
{
    if (sev == VQR_SEVERITY_ERROR)
        p->nerr++;
    else
        p->nwarn++;
    if (p->ndiag < VQR_DIAG_MAX) {
        vqr_diag *d = &p->diag[p->ndiag];
        d->code = (uint8_t)code;
        d->severity = (uint8_t)sev;
        d->depth = (uint8_t)depth;
        for (unsigned i = 0; i < 3; i++)
            d->path[i] = i < depth ? path[i] : 0;
        d->offset = (uint16_t)offset;
        d->related = related == SIZE_MAX ? VQR_NIL : (uint16_t)related;
        d->limit = (uint16_t)limit;
    }
    if (p->ndiag < UINT16_MAX)
        p->ndiag++;
}

void vqr_diag_add(vqr_payload_impl *p, vqr_status code, vqr_severity sev, uint16_t node,
                  size_t offset, size_t related, size_t limit)
{
    uint8_t path[3];
    unsigned depth = vqr_node_path(p, node, path);
    vqr_diag_add_path(p, code, sev, path, depth, offset, related, limit);
}

void vqr_diag_to_error(const vqr_payload_impl *p, const vqr_diag *d, vqr_error *out)
{
    char tag[VQR_TAG_MAX];
    vqr_path_format(d->path, d->depth, tag);
    vqr_error_fill(out, (vqr_status)d->code, (vqr_severity)d->severity, d->offset,
                   vqr_char_offset(p, d->offset), tag,
                   d->related == VQR_NIL ? SIZE_MAX : d->related, d->limit);
}

size_t vqr_payload_diag_count(const vqr_payload *pub)
{
    return pub ? vqr_cimpl(pub)->ndiag : 0;
}

size_t vqr_payload_diag_count_severity(const vqr_payload *pub, vqr_severity sev)
{
    if (!pub)
        return 0;
    return sev == VQR_SEVERITY_ERROR ? vqr_cimpl(pub)->nerr : vqr_cimpl(pub)->nwarn;
}

/* An error of the payload accessors: no position; the tag when known. */
static vqr_status access_fail(vqr_error *err, vqr_status code, const char *tag, size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, tag, SIZE_MAX, limit);
    return code;
}

vqr_status vqr_payload_diag(const vqr_payload *pub, size_t i, vqr_error *out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || !vqr_sized_ok(out))
        return access_fail(err, VQR_ERR_INVALID_ARGUMENT, "", 0);
    const vqr_payload_impl *p = vqr_cimpl(pub);
    if (i >= p->ndiag || i >= VQR_DIAG_MAX)
        return access_fail(err, VQR_ERR_NOT_FOUND, "",
                           p->ndiag < VQR_DIAG_MAX ? p->ndiag : VQR_DIAG_MAX);
    vqr_diag_to_error(p, &p->diag[i], out);
    return VQR_OK;
}

bool vqr_payload_crc(const vqr_payload *pub, char given[5], char computed[5])
{
    if (given)
        given[0] = '\0';
    if (computed)
        computed[0] = '\0';
    if (!pub)
        return false;
    const vqr_payload_impl *p = vqr_cimpl(pub);
    if (given)
        memcpy(given, p->crc_given, 5);
    if (computed)
        memcpy(computed, p->crc_computed, 5);
    if (!p->crc_state)
        return false;
    for (int i = 0; i < 4; i++) {
        char g = p->crc_given[i];
        if (g >= 'a' && g <= 'f')
            g = (char)(g - 'a' + 'A');
        if (g != p->crc_computed[i])
            return false;
    }
    return true;
}

/* Resolves a tag path to a live node, or VQR_NIL. */
static vqr_status resolve(const vqr_payload_impl *p, const char *path, uint16_t *out,
                          uint8_t ids[3], int *depth)
{
    int d = vqr_path_parse(path, ids);
    if (d < 0)
        return VQR_ERR_BAD_PATH;
    *depth = d;
    uint16_t n = VQR_NIL;
    for (int i = 0; i < d; i++) {
        n = vqr_find_child(p, n, ids[i]);
        if (n == VQR_NIL)
            return VQR_ERR_NOT_FOUND;
    }
    *out = n;
    return VQR_OK;
}

static void view_of(const vqr_payload_impl *p, uint16_t n, vqr_view *out)
{
    const vqr_node *node = &p->node[n];
    out->ptr = p->arena + node->val;
    out->len = node->vlen;
    out->chars = node->chars;
}

/* The tag of a well-formed path, "" otherwise. */
static void path_tag(const char *path, char tag[VQR_TAG_MAX])
{
    uint8_t ids[3];
    int d = path ? vqr_path_parse(path, ids) : -1;
    if (d > 0)
        vqr_path_format(ids, (unsigned)d, tag);
    else
        tag[0] = '\0';
}

vqr_status vqr_payload_get(const vqr_payload *pub, const char *path, vqr_view *out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (out) {
        out->ptr = NULL;
        out->len = out->chars = 0;
    }
    if (!pub || !out || !path)
        return access_fail(err, VQR_ERR_INVALID_ARGUMENT, "", 0);
    const vqr_payload_impl *p = vqr_cimpl(pub);
    uint8_t ids[3];
    int depth;
    uint16_t n;
    vqr_status st = resolve(p, path, &n, ids, &depth);
    if (st == VQR_OK && vqr_changed_template(&p->node[n]))
        st = VQR_ERR_IS_TEMPLATE;
    if (st != VQR_OK) {
        char tag[VQR_TAG_MAX];
        path_tag(path, tag);
        return access_fail(err, st, tag, 0);
    }
    view_of(p, n, out);
    return VQR_OK;
}

vqr_handle vqr_payload_first(const vqr_payload *pub, vqr_handle parent)
{
    if (!pub)
        return VQR_NONE;
    const vqr_payload_impl *p = vqr_cimpl(pub);
    uint16_t n;
    if (parent == VQR_ROOT)
        n = p->first;
    else if (parent >= 0 && parent < p->count)
        n = p->node[parent].child;
    else
        return VQR_NONE;
    while (n != VQR_NIL && (p->node[n].flags & VQR_NODE_DEAD))
        n = p->node[n].next;
    return n == VQR_NIL ? VQR_NONE : (vqr_handle)n;
}

vqr_handle vqr_payload_next(const vqr_payload *pub, vqr_handle h)
{
    if (!pub || h < 0 || h >= vqr_cimpl(pub)->count)
        return VQR_NONE;
    const vqr_payload_impl *p = vqr_cimpl(pub);
    uint16_t n = p->node[h].next;
    while (n != VQR_NIL && (p->node[n].flags & VQR_NODE_DEAD))
        n = p->node[n].next;
    return n == VQR_NIL ? VQR_NONE : (vqr_handle)n;
}

vqr_status vqr_payload_object(const vqr_payload *pub, vqr_handle h, vqr_object *caller,
                              vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || !vqr_sized_ok(caller))
        return access_fail(err, VQR_ERR_INVALID_ARGUMENT, "", 0);
    const vqr_payload_impl *p = vqr_cimpl(pub);
    vqr_object full;
    vqr_object *out = vqr_sized_out_begin(caller, &full, sizeof full);
    if (h < 0 || h >= p->count || (p->node[h].flags & VQR_NODE_DEAD))
        return access_fail(err, VQR_ERR_NOT_FOUND, "", 0);
    const vqr_node *n = &p->node[h];
    out->id = n->id;
    out->depth = n->depth;
    out->is_template = (n->flags & VQR_NODE_TEMPLATE) != 0;
    out->raw = (n->flags & VQR_NODE_RAW) != 0;
    if (vqr_changed_template(n)) {
        out->value.ptr = NULL;
        out->value.len = out->value.chars = 0;
    } else {
        view_of(p, (uint16_t)h, &out->value);
    }
    if (n->flags & VQR_NODE_PARSED) {
        out->offset = n->hdr;
        out->char_offset = vqr_char_offset(p, n->hdr);
    } else {
        out->offset = out->char_offset = SIZE_MAX;
    }
    uint8_t path[3];
    unsigned d = vqr_node_path(p, (uint16_t)h, path);
    vqr_path_format(path, d, out->tag);
    vqr_sized_out_end(caller, out, sizeof full);
    return VQR_OK;
}
