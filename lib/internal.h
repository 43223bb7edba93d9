/*
 * internal.h - the private layout of vqr_payload (nodes, diagnostics, the
 * arena), the field rules and the functions of the codec's translation
 * units (parse, validate, payload, edit, write, fields, the VietQR builder
 * and reader). Shared helpers are in common.h, which this includes; the
 * renderers include common.h only. Nothing here is part of the ABI.
 */
#ifndef VQR_INTERNAL_H
#define VQR_INTERNAL_H

#include "common.h"

#include <stdint.h>
#include <string.h>

#define VQR_NIL 0xFFFFu

/* Node flags. */
enum {
    VQR_NODE_TEMPLATE = 1u << 0, /* value read as sub-objects */
    VQR_NODE_RAW = 1u << 1,      /* template ID whose value is kept raw */
    VQR_NODE_DIRTY = 1u << 2,    /* changed (or a descendant changed) since parsing */
    VQR_NODE_DEAD = 1u << 3,     /* removed */
    VQR_NODE_PARSED = 1u << 4    /* header bytes exist in the input region */
};

/* One object: 20 bytes. Offsets index vqr_payload_impl.arena. */
typedef struct vqr_node {
    uint8_t id;
    uint8_t flags;
    uint8_t chars;   /* value length in code points (0-99) */
    uint8_t depth;   /* 0 root, 1, 2 */
    uint16_t parent; /* VQR_NIL for root objects */
    uint16_t child;  /* first child */
    uint16_t next;   /* next sibling */
    uint16_t last;   /* last child (for appending) */
    uint16_t hdr;    /* offset of the ID in the arena (parsed objects) */
    uint16_t val;    /* offset of the value in the arena */
    uint16_t vlen;   /* value length in bytes */
    uint16_t pad_;
} vqr_node;

/* One recorded diagnostic: the tag path is kept as IDs. */
typedef struct vqr_diag {
    uint8_t code;
    uint8_t severity;
    uint8_t depth; /* number of IDs in path (0-3) */
    uint8_t path[3];
    uint16_t offset;  /* byte offset */
    uint16_t related; /* VQR_NIL or byte offset of the first occurrence */
    uint16_t limit;
} vqr_diag;

#define VQR_NODES_MAX VQR_PAYLOAD_NODES
#define VQR_ARENA_MAX VQR_PAYLOAD_ARENA

typedef struct vqr_payload_impl {
    uint16_t input_len;   /* bytes of the parsed input at arena[0] (up to its CRC) */
    uint16_t start;       /* where the payload starts: 3 after a byte order mark, else 0 */
    uint16_t arena_len;   /* bytes used in arena */
    uint16_t count;       /* nodes used */
    uint16_t first;       /* first root object */
    uint16_t last;        /* last root object */
    uint16_t ndiag;       /* diagnostics found (may exceed VQR_DIAG_MAX) */
    uint16_t nerr;        /* errors among them */
    uint16_t nwarn;       /* warnings among them */
    uint8_t ascii;        /* input was all ASCII */
    uint8_t crc_state;    /* 0 none, 1 given+computed */
    uint8_t byte_lengths; /* read with lengths in bytes (lenient fallback) */
    uint8_t profile;      /* vqr_profile of the last parse */
    /* 1 when fast_vietqr() (parse.c) read the payload and nothing changed
     * it since (vqr_reset, set and remove make it 0): every rule is met,
     * no node is dead, 38, 38.01 and 62 are the only templates, and
     * fast_kid holds their sub-objects by ID (VQR_NIL for none). */
    uint8_t fast;
    uint8_t fast_service;     /* vqr_service of 38.02, when `fast` */
    uint16_t fast_currency;   /* 53 as a number (704 when absent), when `fast` */
    uint16_t fast_kid[3][10]; /* 38, 38.01, 62 */
    uint64_t fast_minor;      /* 54 in minor units (0 when absent), when `fast` */
    char crc_given[5];
    char crc_computed[5];
    uint16_t root_by_id[100];
    vqr_diag diag[VQR_DIAG_MAX];
    vqr_node node[VQR_NODES_MAX];
    char arena[VQR_ARENA_MAX];
} vqr_payload_impl;

/*
 * A vqr_payload of zero bytes (static storage, `= {0}`, calloc, a memset
 * to clear it) is a valid empty payload. Its layout there says "no node"
 * (count 0) yet "first object 0", which no state the library makes has:
 * an empty payload's first object is VQR_NIL. Every reader gets the
 * payload through vqr_cimpl(), which hands out vqr_empty_payload for it;
 * set and remove through vqr_impl(), which resets it. So nothing ever
 * follows the zeros as links (they would point node 0 at itself). Parse
 * and init write the whole state without reading it, through
 * vqr_impl_for_reset(): storage they are given need not be initialised.
 */
extern const vqr_payload_impl vqr_empty_payload;
void vqr_reset(vqr_payload_impl *p);

static inline bool vqr_zeroed(const vqr_payload_impl *p)
{
    return p->count == 0 && p->first != VQR_NIL;
}

static inline vqr_payload_impl *vqr_impl(vqr_payload *p)
{
    vqr_payload_impl *q = (vqr_payload_impl *)(void *)p;
    if (VQR_UNLIKELY(vqr_zeroed(q)))
        vqr_reset(q);
    return q;
}

/* For the writers that reset the payload before reading any of it
 * (vqr_payload_parse, vqr_payload_init): no look at the old contents,
 * which may be uninitialised memory. */
static inline vqr_payload_impl *vqr_impl_for_reset(vqr_payload *p)
{
    return (vqr_payload_impl *)(void *)p;
}

static inline const vqr_payload_impl *vqr_cimpl(const vqr_payload *p)
{
    const vqr_payload_impl *q = (const vqr_payload_impl *)(const void *)p;
    return VQR_UNLIKELY(vqr_zeroed(q)) ? &vqr_empty_payload : q;
}

/* ---- field rules (fields.c) ---- */

typedef enum vqr_fmt { VQR_FMT_N, VQR_FMT_ANS, VQR_FMT_S } vqr_fmt;

typedef struct vqr_field {
    uint8_t fmt;  /* vqr_fmt */
    uint8_t min;  /* minimum length in characters */
    uint8_t max;  /* maximum length in characters */
    uint8_t kind; /* vqr_kind */
} vqr_field;

typedef enum vqr_kind {
    VQR_KIND_PRIMITIVE = 0,
    VQR_KIND_TEMPLATE,   /* must be a template */
    VQR_KIND_UNRESERVED, /* template expected, raw tolerated (80-99, 62.50-99) */
    VQR_KIND_RFU
} vqr_kind;

/* Which template a path's parent is, for the rule tables. */
typedef enum vqr_ctx {
    VQR_CTX_ROOT = 0,
    VQR_CTX_MAI,         /* 26-51 */
    VQR_CTX_NAPAS,       /* 38 with GUID A000000727 */
    VQR_CTX_NAPAS_BENEF, /* 38.01 */
    VQR_CTX_ADDITIONAL,  /* 62 */
    VQR_CTX_PAYSYS,      /* 62.50-99 */
    VQR_CTX_LANGUAGE,    /* 64 */
    VQR_CTX_UNRESERVED   /* 80-99 */
} vqr_ctx;

const vqr_field *vqr_field_rule(vqr_ctx ctx, unsigned id);
/* The rules of root objects 00-99 by ID (fields.c): vqr_field_rule() of
 * VQR_CTX_ROOT without the call, for the parser's loops. */
extern const vqr_field vqr_root_rules[100];
static inline const vqr_field *vqr_root_rule(unsigned id)
{
    return &vqr_root_rules[id];
}
vqr_ctx vqr_child_ctx(vqr_ctx ctx, unsigned id);
bool vqr_is_template_id(vqr_ctx ctx, unsigned id);

/* ---- errors.c ---- */

void vqr_diag_to_error(const vqr_payload_impl *p, const vqr_diag *d, vqr_error *out);

/* ---- parse.c / validate.c ---- */
void vqr_diag_add(vqr_payload_impl *p, vqr_status code, vqr_severity sev, uint16_t node,
                  size_t offset, size_t related, size_t limit);
void vqr_diag_add_path(vqr_payload_impl *p, vqr_status code, vqr_severity sev, const uint8_t *path,
                       unsigned depth, size_t offset, size_t related, size_t limit);
/* Validates a framed payload under `profile` (EMVCO, VIETQR or LENIENT). */
void vqr_validate(vqr_payload_impl *p, vqr_profile profile);
/* Whether root node `t` is a template whose 00 is the NAPAS GUID. */
bool vqr_is_napas(const vqr_payload_impl *p, uint16_t t);

/* ---- payload.c ---- */

/* A new last child of `parent` (VQR_NIL: a new last root object). The
 * caller has checked that a node is free. Inline: the parser makes one
 * per object. */
static inline uint16_t vqr_node_new(vqr_payload_impl *p, uint16_t parent, unsigned id)
{
    uint16_t n = p->count++;
    vqr_node *node = &p->node[n];
    node->id = (uint8_t)id;
    node->flags = 0;
    node->chars = 0;
    node->depth = parent == VQR_NIL ? 0 : (uint8_t)(p->node[parent].depth + 1);
    node->parent = parent;
    node->child = node->last = node->next = VQR_NIL;
    node->hdr = node->val = node->vlen = 0;
    node->pad_ = 0;
    if (parent == VQR_NIL) {
        if (p->last == VQR_NIL)
            p->first = n;
        else
            p->node[p->last].next = n;
        p->last = n;
    } else {
        vqr_node *par = &p->node[parent];
        if (par->last == VQR_NIL)
            par->child = n;
        else
            p->node[par->last].next = n;
        par->last = n;
    }
    return n;
}

/* memcpy() for the short values of a payload (most under 32 bytes), in
 * 16-, 8-, 4- or 2-byte moves, the last one ending at the last byte (it
 * may overlap the one before): no string instruction or library call
 * whose set-up costs more than the copy, and at most two moves below 32
 * bytes. Reads and writes exactly `len` bytes. */
static inline void vqr_copy_short(char *dst, const char *src, size_t len)
{
    if (len >= 16) {
        for (size_t i = 0; i + 16 < len; i += 16)
            memcpy(dst + i, src + i, 16);
        memcpy(dst + len - 16, src + len - 16, 16);
    } else if (len >= 8) {
        memcpy(dst, src, 8);
        memcpy(dst + len - 8, src + len - 8, 8);
    } else if (len >= 4) {
        memcpy(dst, src, 4);
        memcpy(dst + len - 4, src + len - 4, 4);
    } else if (len >= 2) {
        memcpy(dst, src, 2);
        memcpy(dst + len - 2, src + len - 2, 2);
    } else if (len) {
        dst[0] = src[0];
    }
}

/* The first live object `id` under `parent` (VQR_NIL: the root), or VQR_NIL. */
static inline uint16_t vqr_find_child(const vqr_payload_impl *p, uint16_t parent, unsigned id)
{
    if (parent == VQR_NIL)
        return p->root_by_id[id];
    for (uint16_t c = p->node[parent].child; c != VQR_NIL; c = p->node[c].next)
        if (p->node[c].id == id && !(p->node[c].flags & VQR_NODE_DEAD))
            return c;
    return VQR_NIL;
}

unsigned vqr_node_path(const vqr_payload_impl *p, uint16_t n, uint8_t path[3]);
void vqr_path_format(const uint8_t *path, unsigned depth, char out[VQR_TAG_MAX]);
int vqr_path_parse(const char *path, uint8_t ids[3]);
size_t vqr_char_offset(const vqr_payload_impl *p, size_t byte_offset);

/* A template changed since parsing (or built by vqr_payload_set): its bytes
 * in the arena, if any, are stale; only its sub-objects count, even when
 * every one of them has been removed. */
static inline bool vqr_changed_template(const vqr_node *n)
{
    return (n->flags & VQR_NODE_DIRTY) && (n->flags & VQR_NODE_TEMPLATE);
}

#endif /* VQR_INTERNAL_H */
