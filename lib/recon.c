/*
 * recon.c - reconciliation: bank transactions against issued references.
 *
 * A reference is held as a 64-bit key: its prefix packed six bits a
 * character with its length (39 bits), then its sequence (20 bits). The
 * check characters follow from the rest, so they are not stored. Issued
 * references sit in an array, found through an open-addressing table of
 * indices keyed by that key; prefixes in a second small table. A
 * transaction keeps its date as a sortable number, its amount, its ID
 * (copied), a hash of its description and the keys of the references
 * found in it; the description itself is scanned when the transaction is
 * added and then forgotten.
 *
 * Memory goes through the caller's allocator; every growth is checked, and
 * a failed addition leaves the object as it was.
 */
#include "internal.h"
#include "ref.h"
#include "recon.h"
#include "render.h"

#include <stdint.h>
#include <string.h>

#define MAX_REFS_PER_TX 16u
#define AMOUNT_MAX 999999999999999ull /* 10^15 - 1 */
#define NONE32 UINT32_MAX

/* ---- small helpers ---- */

static vqr_status fail(vqr_error *err, vqr_status code, size_t offset, size_t related, size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, offset, offset, "", related, limit);
    return code;
}

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t hash_bytes(const unsigned char *s, size_t n)
{
    uint64_t h = 0xCBF29CE484222325ull; /* FNV-1a, then mixed */
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001B3ull;
    }
    return mix64(h ^ n);
}

/* ---- growable arrays ---- */

static bool grow(const vqr_allocator *a, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return false;
        ncap *= 2;
    }
    void *q =
        *p ? vqr_alloc_realloc(a, *p, *cap * elem, ncap * elem) : vqr_alloc_malloc(a, ncap * elem);
    if (!q)
        return false;
    *p = q;
    *cap = ncap;
    return true;
}

/* An open-addressing table of 32-bit indices (NONE32 = empty). */
typedef struct itable {
    uint32_t *slot;
    size_t mask; /* capacity - 1; capacity a power of two */
} itable;

static bool itable_reserve(const vqr_allocator *a, itable *t, size_t count,
                           uint64_t (*key_of)(const void *ctx, uint32_t), const void *ctx)
{
    size_t cap = t->slot ? t->mask + 1 : 0;
    if (count * 2 < cap)
        return true;
    size_t ncap = cap ? cap * 2 : 64;
    while (ncap < count * 2 + 2)
        ncap *= 2;
    if (ncap > SIZE_MAX / sizeof(uint32_t))
        return false;
    uint32_t *ns = vqr_alloc_malloc(a, ncap * sizeof *ns);
    if (!ns)
        return false;
    memset(ns, 0xFF, ncap * sizeof *ns);
    for (size_t i = 0; i < cap; i++) {
        uint32_t v = t->slot[i];
        if (v == NONE32)
            continue;
        size_t h = (size_t)mix64(key_of(ctx, v)) & (ncap - 1);
        while (ns[h] != NONE32)
            h = (h + 1) & (ncap - 1);
        ns[h] = v;
    }
    vqr_alloc_free(a, t->slot);
    t->slot = ns;
    t->mask = ncap - 1;
    return true;
}

/* ---- the object ---- */

typedef struct issued_rec {
    uint64_t key;
    uint64_t amount;
    uint64_t received;
    uint32_t transactions;
} issued_rec;

typedef struct tx_rec {
    uint64_t date;    /* date_key */
    uint64_t idnum;   /* the ID's value when it is all digits (<= 19 of them) */
    uint64_t content; /* hash of date, amount and description, for repeats */
    int64_t amount;
    int64_t difference;
    uint64_t id_off; /* in ids */
    uint32_t id_len;
    uint32_t ref_off; /* in refs */
    uint32_t issued;  /* index, or NONE32 */
    uint32_t repeat_of;
    uint8_t nref;
    uint8_t status;
    uint8_t idkind; /* 0 empty, 1 digits (idnum valid), 2 long digits, 3 other */
} tx_rec;

struct vqr_recon {
    vqr_allocator alloc;
    /* prefixes: packed values, found through ptable */
    uint64_t *prefix;
    size_t nprefix, cap_prefix;
    itable ptable;
    unsigned lengths; /* bit L set when a known prefix has L characters */
    /* issued */
    issued_rec *iss;
    size_t niss, cap_iss;
    itable itab;
    /* transactions */
    tx_rec *tx;
    size_t ntx, cap_tx;
    itable ttab; /* by ID */
    char *ids;
    size_t nids, cap_ids;
    uint64_t *refs;
    size_t nrefs, cap_refs;
    uint32_t *order;
    bool ran;
};

static uint64_t prefix_key_of(const void *ctx, uint32_t i)
{
    return ((const vqr_recon *)ctx)->prefix[i];
}
static uint64_t issued_key_of(const void *ctx, uint32_t i)
{
    return ((const vqr_recon *)ctx)->iss[i].key;
}
static uint64_t tx_key_of(const void *ctx, uint32_t i)
{
    const vqr_recon *r = ctx;
    return hash_bytes((const unsigned char *)r->ids + r->tx[i].id_off, r->tx[i].id_len);
}

/* Packs a prefix of values v[0..n) with its length. */
static uint64_t pack_prefix(const unsigned char *v, size_t n)
{
    uint64_t p = 0;
    for (size_t i = 0; i < n; i++)
        p = (p << 6) | v[i];
    return ((uint64_t)n << 36) | p;
}

static size_t packed_len(uint64_t packed)
{
    return (size_t)(packed >> 36);
}

static uint32_t find_prefix(const vqr_recon *r, uint64_t packed)
{
    if (!r->ptable.slot)
        return NONE32;
    size_t h = (size_t)mix64(packed) & r->ptable.mask;
    for (;;) {
        uint32_t v = r->ptable.slot[h];
        if (v == NONE32 || r->prefix[v] == packed)
            return v;
        h = (h + 1) & r->ptable.mask;
    }
}

static uint32_t find_issued(const vqr_recon *r, uint64_t key)
{
    if (!r->itab.slot)
        return NONE32;
    size_t h = (size_t)mix64(key) & r->itab.mask;
    for (;;) {
        uint32_t v = r->itab.slot[h];
        if (v == NONE32 || r->iss[v].key == key)
            return v;
        h = (h + 1) & r->itab.mask;
    }
}

/* The text of a reference key. */
static void key_text(uint64_t key, char out[VQR_REF_BUF_SIZE])
{
    uint64_t packed = key >> 20;
    size_t plen = packed_len(packed);
    unsigned seq = (unsigned)(key & 0xFFFFF);
    unsigned char v[VQR_REF_MAX_LEN];
    for (size_t i = 0; i < plen; i++)
        v[i] = (unsigned char)((packed >> (6 * (plen - 1 - i))) & 63);
    for (size_t i = VQR_REF_DIGITS; i-- > 0;) {
        v[plen + i] = (unsigned char)(seq % 10);
        seq /= 10;
    }
    size_t n = plen + VQR_REF_DIGITS;
    unsigned c = vqr_ref_check_value(v, n);
    v[n] = (unsigned char)(c / VQR_REF_RADIX);
    v[n + 1] = (unsigned char)(c % VQR_REF_RADIX);
    n += VQR_REF_NCHECK;
    for (size_t i = 0; i < n; i++)
        out[i] = vqr_ref_char(v[i]);
    out[n] = '\0';
}

vqr_status vqr_recon_new(const vqr_allocator *alloc, vqr_recon **out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (out)
        *out = NULL;
    const vqr_allocator *a = vqr_alloc_pick(alloc);
    if (!out || !a)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    vqr_recon *r = vqr_alloc_malloc(a, sizeof *r);
    if (!r)
        return fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, SIZE_MAX, 0);
    memset(r, 0, sizeof *r);
    r->alloc = *a;
    *out = r;
    return VQR_OK;
}

void vqr_recon_free(vqr_recon *r)
{
    if (!r)
        return;
    vqr_allocator a = r->alloc;
    vqr_alloc_free(&a, r->prefix);
    vqr_alloc_free(&a, r->ptable.slot);
    vqr_alloc_free(&a, r->iss);
    vqr_alloc_free(&a, r->itab.slot);
    vqr_alloc_free(&a, r->tx);
    vqr_alloc_free(&a, r->ttab.slot);
    vqr_alloc_free(&a, r->ids);
    vqr_alloc_free(&a, r->refs);
    vqr_alloc_free(&a, r->order);
    vqr_alloc_free(&a, r);
}

/* One prefix is the other followed by digits only. */
static bool prefixes_clash(uint64_t a, uint64_t b)
{
    size_t la = packed_len(a), lb = packed_len(b);
    if (la == lb)
        return false;
    if (la > lb) {
        uint64_t t = a;
        a = b;
        b = t;
        size_t tl = la;
        la = lb;
        lb = tl;
    }
    uint64_t pa = a & ((1ull << 36) - 1), pb = b & ((1ull << 36) - 1);
    if ((pb >> (6 * (lb - la))) != pa)
        return false;
    for (size_t i = 0; i < lb - la; i++)
        if (((pb >> (6 * i)) & 63) >= 10)
            return false;
    return true;
}

/* Makes a packed prefix known; *added says whether it was new. */
static vqr_status add_packed_prefix(vqr_recon *r, uint64_t packed, vqr_error *err)
{
    if (find_prefix(r, packed) != NONE32)
        return VQR_OK;
    for (size_t i = 0; i < r->nprefix; i++)
        if (prefixes_clash(r->prefix[i], packed))
            return fail(err, VQR_ERR_REF_PREFIX_CONFLICT, SIZE_MAX, i, 0);
    if (r->nprefix >= NONE32 - 1 ||
        !grow(&r->alloc, (void **)&r->prefix, &r->cap_prefix, r->nprefix + 1, sizeof *r->prefix) ||
        !itable_reserve(&r->alloc, &r->ptable, r->nprefix + 1, prefix_key_of, r))
        return fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, SIZE_MAX, 0);
    uint32_t idx = (uint32_t)r->nprefix;
    r->prefix[r->nprefix++] = packed;
    size_t h = (size_t)mix64(packed) & r->ptable.mask;
    while (r->ptable.slot[h] != NONE32)
        h = (h + 1) & r->ptable.mask;
    r->ptable.slot[h] = idx;
    r->lengths |= 1u << packed_len(packed);
    return VQR_OK;
}

vqr_status vqr_recon_add_prefix(vqr_recon *r, const char *prefix, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || r->ntx > 0 || r->ran)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    vqr_ref_prefix p;
    vqr_status st = vqr_ref_prefix_read(prefix, &p, err);
    if (st != VQR_OK)
        return st;
    unsigned char v[VQR_REF_PREFIX_MAX];
    for (size_t i = 0; i < p.len; i++)
        v[i] = (unsigned char)vqr_ref_value((unsigned char)p.s[i]);
    return add_packed_prefix(r, pack_prefix(v, p.len), err);
}

vqr_status vqr_recon_add_issued(vqr_recon *r, const char *reference, size_t len, uint64_t amount,
                                uint64_t received, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || r->ntx > 0 || r->ran || (!reference && len > 0))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    vqr_status st = vqr_ref_check(reference, len, err);
    if (st != VQR_OK)
        return st;
    if (amount == 0)
        return fail(err, VQR_ERR_AMOUNT_ZERO, SIZE_MAX, SIZE_MAX, 0);
    if (amount > AMOUNT_MAX || received > AMOUNT_MAX)
        return fail(err, VQR_ERR_RECON_AMOUNT, SIZE_MAX, SIZE_MAX, AMOUNT_MAX);
    unsigned char v[VQR_REF_MAX_LEN] = { 0 };
    for (size_t i = 0; i < len; i++)
        v[i] = (unsigned char)vqr_ref_value((unsigned char)reference[i]);
    size_t plen = len - VQR_REF_DIGITS - VQR_REF_NCHECK;
    uint64_t packed = pack_prefix(v, plen);
    uint64_t seq = 0;
    for (size_t i = plen; i < plen + VQR_REF_DIGITS; i++)
        seq = seq * 10 + v[i];
    uint64_t key = (packed << 20) | seq;
    uint32_t dup = find_issued(r, key);
    if (dup != NONE32)
        return fail(err, VQR_ERR_REF_DUPLICATE, SIZE_MAX, dup, 0);
    /* Room first, so that nothing changes on failure. */
    if (r->niss >= NONE32 - 1 ||
        !grow(&r->alloc, (void **)&r->iss, &r->cap_iss, r->niss + 1, sizeof *r->iss) ||
        !itable_reserve(&r->alloc, &r->itab, r->niss + 1, issued_key_of, r))
        return fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, SIZE_MAX, 0);
    st = add_packed_prefix(r, packed, err);
    if (st != VQR_OK)
        return st;
    uint32_t idx = (uint32_t)r->niss;
    issued_rec *rec = &r->iss[r->niss++];
    memset(rec, 0, sizeof *rec);
    rec->key = key;
    rec->amount = amount;
    rec->received = received;
    size_t h = (size_t)mix64(key) & r->itab.mask;
    while (r->itab.slot[h] != NONE32)
        h = (h + 1) & r->itab.mask;
    r->itab.slot[h] = idx;
    return VQR_OK;
}

vqr_status vqr_recon_tx_init(vqr_recon_tx *tx, size_t size, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!tx || size < sizeof(size_t) || size > VQR_STRUCT_SIZE_MAX)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, VQR_STRUCT_SIZE_MAX);
    vqr_recon_tx d;
    memset(&d, 0, sizeof d);
    memset(tx, 0, size);
    memcpy(tx, &d, size < sizeof d ? size : sizeof d);
    tx->size = size;
    return VQR_OK;
}

/* Finds the references of known prefixes in a memo, up to the cap. */
static size_t scan_memo(const vqr_recon *r, const char *memo, size_t len, uint64_t *keys)
{
    size_t n = 0;
    if (!r->lengths)
        return 0;
    vqr_ref_scan s;
    vqr_ref_scan_start(&s, memo, len);
    while (vqr_ref_scan_next(&s)) {
        for (size_t plen = VQR_REF_PREFIX_MIN; plen <= VQR_REF_PREFIX_MAX; plen++) {
            if (!(r->lengths & (1u << plen)))
                continue;
            size_t w = plen + VQR_REF_DIGITS + VQR_REF_NCHECK;
            if (!vqr_ref_scan_has(&s, w))
                break;
            unsigned char v[VQR_REF_PREFIX_MAX] = { 0 };
            for (size_t i = 0; i < plen; i++)
                v[i] = (unsigned char)vqr_ref_scan_val(&s, w - 1 - i);
            if (v[0] < 10)
                continue;
            uint64_t packed = pack_prefix(v, plen);
            if (find_prefix(r, packed) == NONE32 || !vqr_ref_scan_valid(&s, plen, NULL))
                continue;
            uint64_t seq = 0;
            for (size_t i = VQR_REF_DIGITS + 1; i >= VQR_REF_NCHECK; i--)
                seq = seq * 10 + vqr_ref_scan_val(&s, i);
            uint64_t key = (packed << 20) | seq;
            bool seen = false;
            for (size_t k = 0; k < n; k++)
                seen |= keys[k] == key;
            if (!seen && n < MAX_REFS_PER_TX)
                keys[n++] = key;
        }
    }
    return n;
}

/* The ID as a number when it is digits only, at most 19 of them once
 * leading zeros are dropped. */
static uint8_t id_kind(const unsigned char *s, size_t n, uint64_t *num)
{
    *num = 0;
    if (n == 0)
        return 0;
    uint64_t v = 0;
    size_t sig = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c < '0' || c > '9')
            return 3;
        if (sig == 0 && c == '0')
            continue;
        if (++sig <= 19)
            v = v * 10 + (uint64_t)(c - '0');
    }
    if (sig > 19)
        return 2;
    *num = v;
    return 1;
}

static uint32_t find_tx_id(const vqr_recon *r, const unsigned char *id, size_t n, uint64_t h)
{
    if (!r->ttab.slot)
        return NONE32;
    size_t p = (size_t)h & r->ttab.mask;
    for (;;) {
        uint32_t v = r->ttab.slot[p];
        if (v == NONE32)
            return NONE32;
        const tx_rec *t = &r->tx[v];
        if (t->id_len == n && memcmp(r->ids + t->id_off, id, n) == 0)
            return v;
        p = (p + 1) & r->ttab.mask;
    }
}

vqr_status vqr_recon_add_tx(vqr_recon *r, const vqr_recon_tx *txin, size_t *index, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    vqr_recon_tx tx;
    memset(&tx, 0, sizeof tx);
    if (!r || r->ran || !txin || !vqr_sized_in(&tx, sizeof tx, txin) || (!tx.id && tx.id_len) ||
        (!tx.date && tx.date_len) || (!tx.memo && tx.memo_len) || tx.id_len > UINT32_MAX)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    uint64_t date = 0;
    size_t bad = SIZE_MAX;
    if (!vqr_recon_date_key((const unsigned char *)tx.date, tx.date_len, &date, &bad))
        return fail(err, VQR_ERR_RECON_DATE, bad, SIZE_MAX, 0);
    if (tx.amount > (int64_t)AMOUNT_MAX || tx.amount < -(int64_t)AMOUNT_MAX)
        return fail(err, VQR_ERR_RECON_AMOUNT, SIZE_MAX, SIZE_MAX, AMOUNT_MAX);
    uint64_t keys[MAX_REFS_PER_TX];
    size_t nref = scan_memo(r, tx.memo, tx.memo_len, keys);
    uint64_t content = hash_bytes((const unsigned char *)tx.memo, tx.memo_len) ^
                       mix64(date * 31 + (uint64_t)tx.amount);
    const unsigned char *id = (const unsigned char *)tx.id;
    uint64_t idh = hash_bytes(id, tx.id_len);
    uint32_t repeat = NONE32;
    if (tx.id_len > 0) {
        uint32_t prev = find_tx_id(r, id, tx.id_len, mix64(idh));
        if (prev != NONE32) {
            /* Repeats of a repeat point at the first. */
            const tx_rec *p = &r->tx[prev];
            if (p->date != date || p->amount != tx.amount || p->content != content)
                return fail(err, VQR_ERR_RECON_CONFLICT, SIZE_MAX, prev, 0);
            repeat = prev;
        }
    }
    if (r->ntx >= NONE32 - 1 ||
        !grow(&r->alloc, (void **)&r->tx, &r->cap_tx, r->ntx + 1, sizeof *r->tx) ||
        !grow(&r->alloc, (void **)&r->ids, &r->cap_ids, r->nids + tx.id_len, 1) ||
        r->nrefs + nref >= NONE32 ||
        !grow(&r->alloc, (void **)&r->refs, &r->cap_refs, r->nrefs + nref, sizeof *r->refs) ||
        (repeat == NONE32 && tx.id_len > 0 &&
         !itable_reserve(&r->alloc, &r->ttab, r->ntx + 1, tx_key_of, r)))
        return fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, SIZE_MAX, 0);
    uint32_t idx = (uint32_t)r->ntx;
    tx_rec *t = &r->tx[r->ntx++];
    memset(t, 0, sizeof *t);
    t->date = date;
    t->amount = tx.amount;
    t->content = content;
    t->id_off = r->nids;
    t->id_len = (uint32_t)tx.id_len;
    if (tx.id_len)
        memcpy(r->ids + r->nids, id, tx.id_len);
    r->nids += tx.id_len;
    t->idkind = id_kind(id, tx.id_len, &t->idnum);
    t->ref_off = (uint32_t)r->nrefs;
    t->nref = (uint8_t)nref;
    if (nref)
        memcpy(r->refs + r->nrefs, keys, nref * sizeof *keys);
    r->nrefs += nref;
    t->issued = NONE32;
    t->repeat_of = repeat;
    if (repeat == NONE32 && tx.id_len > 0) {
        size_t p = (size_t)mix64(idh) & r->ttab.mask;
        while (r->ttab.slot[p] != NONE32)
            p = (p + 1) & r->ttab.mask;
        r->ttab.slot[p] = idx;
    }
    if (index)
        *index = idx;
    return VQR_OK;
}

/* Date, then ID (digits as numbers first, then others byte by byte), then
 * the order added. */
static int tx_cmp(const vqr_recon *r, uint32_t a, uint32_t b)
{
    const tx_rec *x = &r->tx[a], *y = &r->tx[b];
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->idkind != y->idkind) {
        /* empty < numbers < long numbers < other */
        return x->idkind < y->idkind ? -1 : 1;
    }
    if (x->idkind == 1 && x->idnum != y->idnum)
        return x->idnum < y->idnum ? -1 : 1;
    if (x->idkind >= 2) {
        const unsigned char *p = (const unsigned char *)r->ids + x->id_off;
        const unsigned char *q = (const unsigned char *)r->ids + y->id_off;
        size_t n = x->id_len, m = y->id_len;
        if (x->idkind == 2) { /* long numbers: by length without leading zeros */
            while (n > 1 && *p == '0')
                p++, n--;
            while (m > 1 && *q == '0')
                q++, m--;
            if (n != m)
                return n < m ? -1 : 1;
        }
        int c = memcmp(p, q, n < m ? n : m);
        if (c != 0)
            return c < 0 ? -1 : 1;
        if (n != m)
            return n < m ? -1 : 1;
    }
    return a < b ? -1 : (a > b);
}

/* Stable merge sort of indices (bottom-up, with a buffer). */
static void sort_order(const vqr_recon *r, uint32_t *v, uint32_t *tmp, size_t n)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = tx_cmp(r, v[j], v[i]) < 0 ? v[j++] : v[i++];
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
}

vqr_status vqr_recon_run(vqr_recon *r, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || r->ran)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    size_t n = r->ntx;
    uint32_t *order = vqr_alloc_malloc(&r->alloc, (n ? n : 1) * sizeof *order);
    uint32_t *tmp = vqr_alloc_malloc(&r->alloc, (n ? n : 1) * sizeof *tmp);
    uint64_t *saved = vqr_alloc_malloc(&r->alloc, (r->niss ? r->niss : 1) * sizeof *saved);
    if (!order || !tmp || !saved) {
        vqr_alloc_free(&r->alloc, order);
        vqr_alloc_free(&r->alloc, tmp);
        vqr_alloc_free(&r->alloc, saved);
        return fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, SIZE_MAX, 0);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    sort_order(r, order, tmp, n);
    vqr_alloc_free(&r->alloc, tmp);
    for (size_t i = 0; i < r->niss; i++)
        saved[i] = r->iss[i].received;

    for (size_t k = 0; k < n; k++) {
        tx_rec *t = &r->tx[order[k]];
        if (t->repeat_of != NONE32)
            continue;
        if (t->amount < 0) {
            t->status = VQR_MATCH_DEBIT;
            continue;
        }
        if (t->nref == 0) {
            t->status = VQR_MATCH_NO_REFERENCE;
            continue;
        }
        if (t->nref > 1) {
            t->status = VQR_MATCH_MULTIPLE_REFERENCES;
            continue;
        }
        uint32_t is = find_issued(r, r->refs[t->ref_off]);
        if (is == NONE32) {
            t->status = VQR_MATCH_UNKNOWN_REFERENCE;
            continue;
        }
        issued_rec *rec = &r->iss[is];
        t->issued = is;
        uint64_t add = (uint64_t)t->amount;
        if (rec->received > (uint64_t)INT64_MAX - add) {
            /* Undo, so that the object reads as not run. */
            for (size_t i = 0; i < r->niss; i++) {
                r->iss[i].received = saved[i];
                r->iss[i].transactions = 0;
            }
            for (size_t i = 0; i < n; i++) {
                r->tx[i].status = VQR_MATCH_NONE;
                r->tx[i].issued = NONE32;
                r->tx[i].difference = 0;
            }
            vqr_alloc_free(&r->alloc, order);
            vqr_alloc_free(&r->alloc, saved);
            return fail(err, VQR_ERR_RECON_AMOUNT, SIZE_MAX, is, (size_t)INT64_MAX);
        }
        bool was_paid = rec->received >= rec->amount;
        rec->received += add;
        rec->transactions++;
        t->difference = (int64_t)rec->received - (int64_t)rec->amount;
        if (was_paid)
            t->status = VQR_MATCH_DUPLICATE;
        else if (rec->received == rec->amount)
            t->status = VQR_MATCH_PAID;
        else
            t->status = rec->received < rec->amount ? VQR_MATCH_UNDERPAID : VQR_MATCH_OVERPAID;
    }
    for (size_t i = 0; i < n; i++) {
        tx_rec *t = &r->tx[i];
        if (t->repeat_of == NONE32)
            continue;
        const tx_rec *o = &r->tx[t->repeat_of];
        t->status = o->status;
        t->issued = o->issued;
        t->difference = o->difference;
    }
    vqr_alloc_free(&r->alloc, saved);
    r->order = order;
    r->ran = true;
    return VQR_OK;
}

size_t vqr_recon_issued_count(const vqr_recon *r)
{
    return r ? r->niss : 0;
}

size_t vqr_recon_tx_count(const vqr_recon *r)
{
    return r ? r->ntx : 0;
}

vqr_status vqr_recon_order(const vqr_recon *r, size_t k, size_t *index, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (index)
        *index = SIZE_MAX;
    if (!r || !index || !r->ran)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    if (k >= r->ntx)
        return fail(err, VQR_ERR_NOT_FOUND, SIZE_MAX, SIZE_MAX, r->ntx);
    *index = r->order[k];
    return VQR_OK;
}

vqr_status vqr_recon_result_get(const vqr_recon *r, size_t index, vqr_recon_result *out,
                                vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || !vqr_sized_ok(out) || !r->ran)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    if (index >= r->ntx)
        return fail(err, VQR_ERR_NOT_FOUND, SIZE_MAX, SIZE_MAX, r->ntx);
    const tx_rec *t = &r->tx[index];
    vqr_recon_result local;
    vqr_recon_result *w = vqr_sized_out_begin(out, &local, sizeof local);
    vqr_recon_result res;
    memset(&res, 0, sizeof res);
    res.status = (vqr_match)t->status;
    res.references = t->nref;
    if (t->nref)
        key_text(r->refs[t->ref_off], res.reference);
    res.issued = t->issued == NONE32 ? SIZE_MAX : t->issued;
    res.issued_amount = t->issued == NONE32 ? 0 : r->iss[t->issued].amount;
    res.amount = t->amount;
    res.difference = t->difference;
    res.repeat_of = t->repeat_of == NONE32 ? SIZE_MAX : t->repeat_of;
    res.id = r->ids + t->id_off;
    res.id_len = t->id_len;
    res.size = w->size;
    *w = res;
    vqr_sized_out_end(out, w, sizeof local);
    return VQR_OK;
}

vqr_status vqr_recon_tx_reference(const vqr_recon *r, size_t index, size_t k,
                                  char out[VQR_REF_BUF_SIZE], vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || !out)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    if (index >= r->ntx || k >= r->tx[index].nref)
        return fail(err, VQR_ERR_NOT_FOUND, SIZE_MAX, SIZE_MAX, 0);
    key_text(r->refs[r->tx[index].ref_off + k], out);
    return VQR_OK;
}

vqr_status vqr_recon_issued_get(const vqr_recon *r, size_t index, vqr_recon_issued *out,
                                vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!r || !vqr_sized_ok(out))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, SIZE_MAX, 0);
    if (index >= r->niss)
        return fail(err, VQR_ERR_NOT_FOUND, SIZE_MAX, SIZE_MAX, r->niss);
    const issued_rec *rec = &r->iss[index];
    vqr_recon_issued local;
    vqr_recon_issued *w = vqr_sized_out_begin(out, &local, sizeof local);
    vqr_recon_issued res;
    memset(&res, 0, sizeof res);
    key_text(rec->key, res.reference);
    res.amount = rec->amount;
    res.received = rec->received;
    res.outstanding = rec->received < rec->amount ? rec->amount - rec->received : 0;
    res.paid = rec->received >= rec->amount;
    res.transactions = rec->transactions;
    res.size = w->size;
    *w = res;
    vqr_sized_out_end(out, w, sizeof local);
    return VQR_OK;
}

const char *vqr_match_name(vqr_match m)
{
    static const char *const names[] = { "none",
                                         "paid",
                                         "underpaid",
                                         "overpaid",
                                         "duplicate",
                                         "multiple_references",
                                         "unknown_reference",
                                         "no_reference",
                                         "debit" };
    if ((unsigned)m >= sizeof names / sizeof names[0])
        return NULL;
    return names[m];
}
