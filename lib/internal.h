/*
 * internal.h - private layout of vqr_payload and helpers shared by the
 * library's translation units. Nothing here is part of the ABI.
 */
#ifndef VQR_INTERNAL_H
#define VQR_INTERNAL_H

#include "vietqr.h"

#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define VQR_LIKELY(x) __builtin_expect(!!(x), 1)
#define VQR_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define VQR_LIKELY(x) (x)
#define VQR_UNLIKELY(x) (x)
#endif

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
 * every writer through vqr_impl(), which resets it. So nothing ever
 * follows the zeros as links (they would point node 0 at itself).
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
vqr_ctx vqr_child_ctx(vqr_ctx ctx, unsigned id);
bool vqr_is_template_id(vqr_ctx ctx, unsigned id);

/* ---- ISO 4217 (currency.c) ---- */
/* Exponent of a numeric currency code, or -1 if unknown. */
int vqr_currency_exponent(unsigned numeric);
/* Alphabetic code of a numeric currency code, or NULL if unknown. */
const char *vqr_currency_alpha(unsigned numeric);

/* ---- UTF-8 (utf8.c) ---- */
/* Validates UTF-8; returns the offset of the first bad byte or len if valid.
 * *ascii is set when every byte is < 0x80. */
size_t vqr_utf8_check(const unsigned char *s, size_t len, bool *ascii);
/* Number of code points in valid UTF-8. */
size_t vqr_utf8_count(const unsigned char *s, size_t len);
/* Advances over n code points from s (valid UTF-8, at most len bytes);
 * returns the bytes consumed or SIZE_MAX if fewer than n are available. */
size_t vqr_utf8_advance(const unsigned char *s, size_t len, size_t n);
/* The same for n UTF-16 code units (two for a character outside the BMP);
 * SIZE_MAX also when the n-th unit is the first half of such a character. */
size_t vqr_utf16_advance(const unsigned char *s, size_t len, size_t n);

/* ---- banks.c ---- */
/* The bank with a 6-digit BIN, or NULL (no error details). */
const vqr_bank *vqr_bank_by_bin(const char *bin, size_t len);

/* ---- CRC ---- */
uint16_t vqr_crc16_fast(const unsigned char *s, size_t len);
void vqr_crc_hex(uint16_t crc, char out[5]);

/* ---- errors.c ---- */
void vqr_error_fill(vqr_error *err, vqr_status code, vqr_severity sev, size_t offset,
                    size_t char_offset, const char *tag, size_t related, size_t limit);
void vqr_error_clear(vqr_error *err);
/* `err` is NULL or a vqr_error whose size is usable. */
bool vqr_error_usable(const vqr_error *err);
/* The first step of every public function that takes `err`: returns
 * VQR_ERR_INVALID_ARGUMENT (and touches nothing) when `err` is not usable,
 * else clears it and returns VQR_OK. */
vqr_status vqr_error_begin(vqr_error *err);

/* ---- structs that grow (sized.c) ---- */
/* The `size` a caller's struct declares (its first member). */
size_t vqr_sized_size(const void *s);
/* A non-NULL struct whose size is sizeof(size_t)..VQR_STRUCT_SIZE_MAX. */
bool vqr_sized_ok(const void *s);
/* Copies a caller's input struct into `local` (`ours` bytes, already
 * holding the defaults): false (nothing copied) for a bad size or a
 * non-zero byte past `ours`. local's size becomes `ours`. */
bool vqr_sized_in(void *local, size_t ours, const void *in);
/* Starts filling a caller's output struct: NULL for a bad size; else the
 * caller's bytes past its size field are zeroed and the struct to write
 * (`ours` bytes) is returned: the caller's own when it holds `ours` whole,
 * else `local`. Finish with vqr_sized_out_end(). */
void *vqr_sized_out_begin(void *caller, void *local, size_t ours);
/* Copies what fits of `work` into the caller's struct (no-op in place). */
void vqr_sized_out_end(void *caller, const void *work, size_t ours);
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
uint16_t vqr_node_new(vqr_payload_impl *p, uint16_t parent, unsigned id);
uint16_t vqr_find_child(const vqr_payload_impl *p, uint16_t parent, unsigned id);
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

/* Small helpers */
static inline bool vqr_isdigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
static inline bool vqr_ishex(unsigned char c)
{
    return vqr_isdigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

#endif /* VQR_INTERNAL_H */
