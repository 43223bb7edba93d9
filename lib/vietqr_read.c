/*
 * vietqr_read.c - the VietQR view of a parsed or built payload.
 *
 * Reads the payload's tree directly (no copy of the payload, no
 * allocation): finds the network's template, then copies each value into
 * the caller's fixed-size arrays. Every value of a payload is at most 99
 * code points, so VQR_VALUE_BUF_SIZE always holds it: nothing is cut.
 *
 * The view is about 6 KB of arrays, nearly all of it room that a value
 * never fills: each field is written as far as its NUL (a few hundred
 * bytes in all), never the whole struct, so reading a payload costs a few
 * cache lines of the caller's storage instead of a 6 KB clear.
 */
#include "amount.h"
#include "vietqr_int.h"

#define VNPAY_GUID "A000000775"

typedef char vqr_check_value_buf[VQR_VALUE_BUF_SIZE >= 4 * 99 + 1 ? 1 : -1];

typedef struct reader {
    const vqr_payload_impl *p;
    vqr_status st; /* first problem found */
    char tag[VQR_TAG_MAX];
    size_t limit;
} reader;

static void problem(reader *r, vqr_status st, const char *tag, size_t limit)
{
    if (r->st != VQR_OK)
        return;
    r->st = st;
    memset(r->tag, 0, sizeof r->tag);
    memcpy(r->tag, tag, strlen(tag));
    r->limit = limit;
}

/* A live primitive child of `parent` (VQR_NIL = root), or VQR_NIL. */
static inline uint16_t prim(const vqr_payload_impl *p, uint16_t parent, unsigned id)
{
    if (parent == VQR_NIL && id >= 100)
        return VQR_NIL;
    uint16_t n = vqr_find_child(p, parent, id);
    if (n == VQR_NIL || p->node[n].child != VQR_NIL ||
        (p->node[n].flags & (VQR_NODE_DEAD | VQR_NODE_TEMPLATE)))
        return VQR_NIL;
    return n;
}

/* Whether node n holds exactly the `len` bytes of s. */
static inline bool equals_n(const vqr_payload_impl *p, uint16_t n, const char *s, size_t len)
{
    return n != VQR_NIL && p->node[n].vlen == len && memcmp(p->arena + p->node[n].val, s, len) == 0;
}

/* equals_n() with a string literal, its length known at compile time. */
#define EQUALS(p, n, lit) equals_n((p), (n), (lit), sizeof(lit) - 1)

/* The first live sub-object of template t with each ID below 10, as
 * vqr_find_child() finds them, in one walk of its list. */
static void children(const vqr_payload_impl *p, uint16_t t, uint16_t kid[10])
{
    for (int i = 0; i < 10; i++)
        kid[i] = VQR_NIL;
    for (uint16_t c = p->node[t].child; c != VQR_NIL; c = p->node[c].next) {
        const vqr_node *n = &p->node[c];
        if (n->id < 10 && kid[n->id] == VQR_NIL && !(n->flags & VQR_NODE_DEAD))
            kid[n->id] = c;
    }
}

/* prim() of a node children() found. */
static uint16_t prim_of(const vqr_payload_impl *p, uint16_t n)
{
    if (n == VQR_NIL || p->node[n].child != VQR_NIL ||
        (p->node[n].flags & (VQR_NODE_DEAD | VQR_NODE_TEMPLATE)))
        return VQR_NIL;
    return n;
}

/* Copies the value of n (if any) into dst (VQR_VALUE_BUF_SIZE bytes). */
static inline void copy(const vqr_payload_impl *p, uint16_t n, char dst[VQR_VALUE_BUF_SIZE])
{
    if (n == VQR_NIL) {
        dst[0] = '\0';
        return;
    }
    size_t len = p->node[n].vlen;
    if (len >= VQR_VALUE_BUF_SIZE) /* cannot happen: a value is at most 396 bytes */
        len = 0;
    vqr_copy_short(dst, p->arena + p->node[n].val, len);
    dst[len] = '\0';
}

/* Copies a string of the bank directory, `len` bytes; false if it does
 * not fit. */
static bool copy_str(char *dst, size_t cap, const char *s, size_t len)
{
    if (len >= cap)
        return false;
    vqr_copy_short(dst, s, len);
    dst[len] = '\0';
    return true;
}

static bool is_template(const vqr_payload_impl *p, uint16_t n)
{
    return n != VQR_NIL && p->node[n].child != VQR_NIL;
}

static vqr_service service_of(const vqr_payload_impl *p, uint16_t n)
{
    /* The codes of vqr_service_code(), with their lengths. */
    if (n == VQR_NIL)
        return VQR_SERVICE_NONE;
    if (EQUALS(p, n, "QRIBFTTA"))
        return VQR_SERVICE_ACCOUNT;
    if (EQUALS(p, n, "QRIBFTTC"))
        return VQR_SERVICE_CARD;
    if (EQUALS(p, n, "QRPUSH"))
        return VQR_SERVICE_MERCHANT;
    if (EQUALS(p, n, "QRCASH"))
        return VQR_SERVICE_CASH;
    return VQR_SERVICE_OTHER;
}

/* Chooses the network's template; returns its node or VQR_NIL. */
static uint16_t find_network(const vqr_payload_impl *p, vqr_network *net, bool *napas_raw,
                             uint16_t kid38[10])
{
    *napas_raw = false;
    uint16_t t = p->root_by_id[38];
    for (int i = 0; i < 10; i++)
        kid38[i] = VQR_NIL;
    if (t != VQR_NIL) {
        children(p, t, kid38);
        if (EQUALS(p, prim_of(p, kid38[0]), VQR_NAPAS_GUID)) {
            *net = VQR_NETWORK_NAPAS;
            return t;
        }
        /* A 38 that did not frame as a template but starts with the GUID. */
        const vqr_node *n = &p->node[t];
        if ((n->flags & VQR_NODE_RAW) && n->vlen >= 14 &&
            memcmp(p->arena + n->val, "0010" VQR_NAPAS_GUID, 4 + VQR_NAPAS_GUID_LEN) == 0) {
            *net = VQR_NETWORK_NAPAS;
            *napas_raw = true;
            return t;
        }
    }
    for (unsigned id = 26; id <= 51; id++) {
        t = p->root_by_id[id];
        if (is_template(p, t) && EQUALS(p, prim(p, t, 0), VNPAY_GUID)) {
            *net = VQR_NETWORK_VNPAY;
            return t;
        }
    }
    if (EQUALS(p, prim(p, VQR_NIL, 58), "VN")) {
        for (unsigned id = 26; id <= 51; id++) {
            t = p->root_by_id[id];
            if (is_template(p, t) && prim(p, t, 0) != VQR_NIL) {
                *net = VQR_NETWORK_OTHER;
                return t;
            }
        }
    }
    *net = VQR_NETWORK_NONE;
    return VQR_NIL;
}

/* The bank of BIN node `bin` (its value copied in out->bin), when the
 * copy is a string of six characters. */
static void read_bank(reader *r, uint16_t bin, vqr_vietqr_info *out)
{
    /* strlen(out->bin) == 6: six bytes copied, or more with a NUL at 6
     * (vqr_bank_by_bin() then refuses any NUL among the six). */
    const vqr_payload_impl *p = r->p;
    size_t vlen = bin == VQR_NIL ? 0 : p->node[bin].vlen;
    const vqr_bank *b =
        vlen == 6 || (vlen > 6 && out->bin[6] == '\0') ? vqr_bank_by_bin(out->bin, 6) : NULL;
    if (!b)
        return; /* the bank fields stay "" (clear_view) */
    size_t len[3];
    vqr_bank_lengths(b, len);
    if (!copy_str(out->bank_short_name, sizeof out->bank_short_name, b->short_name, len[0]) ||
        !copy_str(out->bank_name, sizeof out->bank_name, b->name, len[1]) ||
        !copy_str(out->bank_swift, sizeof out->bank_swift, b->swift ? b->swift : "", len[2])) {
        out->bank_short_name[0] = out->bank_name[0] = out->bank_swift[0] = '\0';
        problem(r, VQR_ERR_BUFFER_TOO_SMALL, "38.01.00", 0);
        return;
    }
    out->bank_known = true;
}

/* kid: the children of 38 by ID (children()). */
static void read_napas(reader *r, const uint16_t kid38[10], bool raw, vqr_vietqr_info *out)
{
    const vqr_payload_impl *p = r->p;
    if (raw) {
        problem(r, VQR_ERR_TEMPLATE_MALFORMED, "38", 0);
        return;
    }
    uint16_t kid[10];
    memcpy(kid, kid38, sizeof kid);
    uint16_t svc = prim_of(p, kid[2]);
    copy(p, svc, out->service_code);
    out->service = service_of(p, svc);
    uint16_t benef = kid[1];
    if (benef == VQR_NIL) {
        problem(r, VQR_ERR_MISSING, "38.01", 0);
        return;
    }
    if (!is_template(p, benef)) {
        problem(r, VQR_ERR_TEMPLATE_MALFORMED, "38.01", 0);
        return;
    }
    children(p, benef, kid);
    uint16_t bin = prim_of(p, kid[0]), acct = prim_of(p, kid[1]);
    copy(p, bin, out->bin);
    copy(p, acct, out->account);
    if (bin == VQR_NIL)
        problem(r, VQR_ERR_MISSING, "38.01.00", 0);
    if (acct == VQR_NIL)
        problem(r, VQR_ERR_MISSING, "38.01.01", 0);
    read_bank(r, bin, out);
}

static void read_amount(const vqr_payload_impl *p, vqr_vietqr_info *out)
{
    uint16_t cur = prim(p, VQR_NIL, 53);
    if (cur == VQR_NIL && out->network == VQR_NETWORK_NAPAS) {
        /* NAPAS 247: VND unless stated. */
        out->currency = 704;
        memcpy(out->currency_alpha, "VND", 4);
    } else if (cur != VQR_NIL && p->node[cur].vlen == 3) {
        const char *s = p->arena + p->node[cur].val;
        if (vqr_isdigit((unsigned char)s[0]) && vqr_isdigit((unsigned char)s[1]) &&
            vqr_isdigit((unsigned char)s[2])) {
            out->currency = (unsigned)((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0'));
            const char *alpha = vqr_currency_alpha(out->currency);
            if (alpha)
                memcpy(out->currency_alpha, alpha, 4);
        }
    }
    uint16_t amt = prim(p, VQR_NIL, 54);
    copy(p, amt, out->amount);
    if (amt == VQR_NIL)
        return;
    int exponent = out->currency ? vqr_currency_exponent(out->currency) : -1;
    if (exponent < 0) {
        out->amount_status = VQR_ERR_CURRENCY;
        return;
    }
    size_t where;
    out->amount_status = vqr_amount_check(p->arena + p->node[amt].val, p->node[amt].vlen, exponent,
                                          &out->amount_minor, &where);
}

static void read_common(const vqr_payload_impl *p, vqr_vietqr_info *out)
{
    uint16_t poi = prim(p, VQR_NIL, 1);
    out->is_static = EQUALS(p, poi, "11");
    out->is_dynamic = EQUALS(p, poi, "12");
    read_amount(p, out);
    copy(p, prim(p, VQR_NIL, 58), out->country);
    copy(p, prim(p, VQR_NIL, 52), out->mcc);
    copy(p, prim(p, VQR_NIL, 59), out->merchant_name);
    copy(p, prim(p, VQR_NIL, 60), out->merchant_city);
    uint16_t add = p->root_by_id[62], kid[10];
    if (!is_template(p, add)) {
        out->bill_number[0] = out->store[0] = out->reference[0] = '\0';
        out->terminal[0] = out->purpose[0] = '\0';
        return;
    }
    children(p, add, kid);
    copy(p, prim_of(p, kid[1]), out->bill_number);
    copy(p, prim_of(p, kid[3]), out->store);
    copy(p, prim_of(p, kid[5]), out->reference);
    copy(p, prim_of(p, kid[7]), out->terminal);
    copy(p, prim_of(p, kid[8]), out->purpose);
}

/*
 * The view of a payload that fast_vietqr() (parse.c) read and nothing has
 * changed since (p->fast): a NAPAS 247 VietQR that meets every rule, its
 * templates 38, 38.01 and 62 indexed by sub-ID in p->fast_kid. What
 * read_view() finds for it, without walking lists or checking again what
 * the parse checked: each field written as read_view() writes it.
 */
static void read_fast(const vqr_payload_impl *p, vqr_vietqr_info *out)
{
    const uint16_t *r = p->root_by_id;
    const uint16_t *k38 = p->fast_kid[0], *k3801 = p->fast_kid[1], *k62 = p->fast_kid[2];
    out->network = VQR_NETWORK_NAPAS;
    out->mai_id = 38;
    copy(p, k38[0], out->guid);
    copy(p, k3801[0], out->bin);
    copy(p, k3801[1], out->account);
    out->service = (vqr_service)p->fast_service;
    copy(p, k38[2], out->service_code);
    /* 01 is "11" or "12" (checked). */
    out->is_static = p->arena[p->node[r[1]].val + 1] == '1';
    out->is_dynamic = !out->is_static;

    /* The BIN: six digits (checked). */
    const char *d = out->bin;
    uint32_t key = (uint32_t)(d[0] - '0') * 100000u + (uint32_t)(d[1] - '0') * 10000u +
                   (uint32_t)(d[2] - '0') * 1000u + (uint32_t)(d[3] - '0') * 100u +
                   (uint32_t)(d[4] - '0') * 10u + (uint32_t)(d[5] - '0');
    size_t len[3];
    const vqr_bank *b = vqr_bank_by_key(key, len);
    out->bank_known = false;
    out->bank_short_name[0] = out->bank_name[0] = out->bank_swift[0] = '\0';
    if (b) {
        if (copy_str(out->bank_short_name, sizeof out->bank_short_name, b->short_name, len[0]) &&
            copy_str(out->bank_name, sizeof out->bank_name, b->name, len[1]) &&
            copy_str(out->bank_swift, sizeof out->bank_swift, b->swift ? b->swift : "", len[2]))
            out->bank_known = true;
        else /* cannot happen: the directory's strings fit (read_bank) */
            out->bank_short_name[0] = out->bank_name[0] = out->bank_swift[0] = '\0';
    }

    /* 53 (VND when absent) and 54 as the parse read them: a known
     * currency, an amount within its decimals. */
    out->currency = p->fast_currency;
    if (out->currency == 704) {
        memcpy(out->currency_alpha, "VND", 4);
    } else {
        const char *alpha = vqr_currency_alpha(out->currency);
        memset(out->currency_alpha, 0, sizeof out->currency_alpha);
        if (alpha)
            memcpy(out->currency_alpha, alpha, 4);
    }
    out->amount_status = VQR_OK;
    out->amount_minor = p->fast_minor;
    copy(p, r[54], out->amount);

    copy(p, r[58], out->country);
    copy(p, r[52], out->mcc);
    copy(p, r[59], out->merchant_name);
    copy(p, r[60], out->merchant_city);
    copy(p, k62[1], out->bill_number);
    copy(p, k62[3], out->store);
    copy(p, k62[5], out->reference);
    copy(p, k62[7], out->terminal);
    copy(p, k62[8], out->purpose);
}

/* Every field of the view as "no VietQR": each string "" (its first byte
 * only), each number 0. Whatever the payload holds overwrites it. */
static void clear_view(vqr_vietqr_info *out)
{
    out->network = VQR_NETWORK_NONE;
    out->mai_id = 0;
    out->guid[0] = out->bin[0] = '\0';
    out->bank_known = false;
    out->bank_short_name[0] = out->bank_name[0] = out->bank_swift[0] = '\0';
    out->account[0] = '\0';
    out->service = VQR_SERVICE_NONE;
    out->service_code[0] = '\0';
    out->is_static = out->is_dynamic = false;
    out->amount[0] = '\0';
    out->amount_minor = 0;
    out->amount_status = VQR_OK;
    out->currency = 0;
    memset(out->currency_alpha, 0, sizeof out->currency_alpha);
}

static vqr_status read_view(const vqr_payload_impl *p, vqr_vietqr_info *out, vqr_error *err)
{
    if (p->fast) {
        read_fast(p, out);
        vqr_error_clear(err);
        return VQR_OK;
    }
    reader r = { p, VQR_OK, "", 0 };
    bool raw;
    clear_view(out);
    uint16_t kid38[10];
    uint16_t t = find_network(p, &out->network, &raw, kid38);
    read_common(p, out); /* after the network: NAPAS reads an absent 53 as VND */
    if (t == VQR_NIL) {
        problem(&r, VQR_ERR_NOT_VIETQR, "", 0);
    } else if (out->network == VQR_NETWORK_NAPAS) {
        out->mai_id = 38;
        if (raw)
            memcpy(out->guid, VQR_NAPAS_GUID, sizeof VQR_NAPAS_GUID);
        else
            copy(p, prim_of(p, kid38[0]), out->guid);
        read_napas(&r, kid38, raw, out);
    } else {
        out->mai_id = p->node[t].id;
        copy(p, prim(p, t, 0), out->guid);
        copy(p, prim(p, t, 1), out->account);
    }
    if (r.st != VQR_OK) {
        vqr_error_fill(err, r.st, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, r.tag, SIZE_MAX, r.limit);
        return r.st;
    }
    vqr_error_clear(err);
    return VQR_OK;
}

/* A caller's view smaller than this version's: read into a whole one,
 * then hand over the caller's part (vqr_sized_out_*). Out of line, so that
 * the usual call does not carry a second view on its stack. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static vqr_status
read_small(const vqr_payload_impl *p, vqr_vietqr_info *caller, vqr_error *err)
{
    vqr_vietqr_info full;
    vqr_vietqr_info *out = vqr_sized_out_begin(caller, &full, sizeof full);
    vqr_status st = read_view(p, out, err);
    vqr_sized_out_end(caller, out, sizeof full);
    return st;
}

vqr_status vqr_vietqr_read(const vqr_payload *pub, vqr_vietqr_info *caller, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || !vqr_sized_ok(caller)) {
        if (vqr_sized_ok(caller))
            (void)vqr_sized_out_begin(caller, NULL, 0);
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    size_t n = vqr_sized_size(caller);
    if (n < sizeof(vqr_vietqr_info))
        return read_small(vqr_cimpl(pub), caller, err);
    /* Bytes past the fields this version knows are zeroed (the rule of
     * structs that grow); the fields are written in place. */
    if (n > sizeof(vqr_vietqr_info))
        memset((unsigned char *)caller + sizeof(vqr_vietqr_info), 0, n - sizeof(vqr_vietqr_info));
    return read_view(vqr_cimpl(pub), caller, err);
}
