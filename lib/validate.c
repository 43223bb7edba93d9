/*
 * validate.c - the rules of a validation profile over a framed payload:
 * EMVCo MPM v1.1, or NAPAS 247 (VietQR) on the EMVCo structure.
 *
 * Every violation is recorded as a diagnostic: an error in the strict
 * profiles (EMVCo, VietQR), a warning in lenient mode (except a Payload
 * Format Indicator other than "01" or "02", which no mode reads). Objects
 * are visited in payload order, then the rules that tie objects together
 * are checked.
 */
#include "amount.h"
#include "escape.h"
#include "internal.h"
#include "text.h"

typedef struct vctx {
    vqr_payload_impl *p;
    bool lenient;
    bool vietqr; /* the NAPAS 247 rules */
    vqr_severity sev;
    int service; /* napas_service(), once asked (SVC_UNKNOWN before) */
} vctx;

static const char *val(const vqr_payload_impl *p, uint16_t n)
{
    return p->arena + p->node[n].val;
}

static void flag(vctx *v, vqr_status code, uint16_t n, size_t limit)
{
    vqr_diag_add(v->p, code, v->sev, n, v->p->node[n].hdr, SIZE_MAX, limit);
}

static void flag_root(vctx *v, vqr_status code, size_t offset, size_t limit)
{
    vqr_diag_add_path(v->p, code, v->sev, NULL, 0, offset, SIZE_MAX, limit);
}

static void flag_missing_sev(vctx *v, uint16_t parent, unsigned id, vqr_severity sev)
{
    uint8_t path[3];
    unsigned d = parent == VQR_NIL ? 0 : vqr_node_path(v->p, parent, path);
    path[d] = (uint8_t)id;
    size_t off = parent == VQR_NIL ? 0 : v->p->node[parent].hdr;
    vqr_diag_add_path(v->p, VQR_ERR_MISSING, sev, path, d + 1, off, SIZE_MAX, 0);
}

static void flag_missing(vctx *v, uint16_t parent, unsigned id)
{
    flag_missing_sev(v, parent, id, v->sev);
}

/* Checks the characters of a value against its format: one loop per
 * format, eight characters a step while they are all in range. */
static vqr_status check_format(const vqr_payload_impl *p, uint16_t n, vqr_fmt fmt)
{
    const unsigned char *s = (const unsigned char *)val(p, n);
    size_t len = p->node[n].vlen, i = 0;
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    switch (fmt) {
    case VQR_FMT_N:
        /* A byte is a digit when (c - '0') and (c + 0x46) leave bit 7 clear
         * for c < 0x80: below '0' the first borrows, above '9' the second
         * carries into it. */
        for (; i + 8 <= len; i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w | (w - ones * '0') | (w + ones * 0x46)) & high)
                break;
        }
        for (; i < len; i++)
            if (!vqr_isdigit(s[i]))
                return VQR_ERR_FORMAT_N;
        return VQR_OK;
    case VQR_FMT_ANS:
        /* 0x20-0x7E: (c - 0x20) borrows below, (c + 1) reaches bit 7 at 0x7F. */
        for (; i + 8 <= len; i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w | (w - ones * 0x20) | (w + ones)) & high)
                break;
        }
        for (; i < len; i++)
            if (s[i] < 0x20 || s[i] > 0x7E)
                return VQR_ERR_FORMAT_ANS;
        return VQR_OK;
    case VQR_FMT_S:
        for (; i < len; i++)
            if (s[i] < 0x20 || s[i] == 0x7F)
                return VQR_ERR_FORMAT_S;
        return VQR_OK;
    }
    return VQR_OK;
}

/* What an S field must not hold beyond ASCII's controls: C1 controls
 * (VQR_ERR_FORMAT_S, at the object like any control), bidirectional
 * controls and invisible characters (at the character: *at). */
static vqr_status check_s_text(const vqr_payload_impl *p, uint16_t n, size_t *at)
{
    size_t i = 0;
    vqr_status st = vqr_s_text_check((const unsigned char *)val(p, n), p->node[n].vlen, &i);
    *at = (size_t)p->node[n].val + i;
    return st;
}

static bool equals(const vqr_payload_impl *p, uint16_t n, const char *s)
{
    const char *v = val(p, n);
    size_t len = p->node[n].vlen, i = 0;
    for (; i < len && s[i]; i++)
        if (v[i] != s[i])
            return false;
    return i == len && s[i] == '\0';
}

/* Amount syntax (amount.c, the one definition): the number of decimals,
 * -1 for bad syntax, -2 for a value of zero. */
static int amount_decimals(const char *s, size_t len)
{
    size_t dec, where;
    vqr_status st = vqr_amount_syntax(s, len, &dec, &where);
    if (st == VQR_ERR_AMOUNT_SYNTAX)
        return -1;
    return st == VQR_ERR_AMOUNT_ZERO ? -2 : (int)dec;
}

static void check_amount(vctx *v, uint16_t n)
{
    int d = amount_decimals(val(v->p, n), v->p->node[n].vlen);
    if (d == -1)
        flag(v, VQR_ERR_AMOUNT_SYNTAX, n, 0);
    else if (d == -2)
        flag(v, VQR_ERR_AMOUNT_ZERO, n, 0);
}

static void check_percent(vctx *v, uint16_t n)
{
    const char *s = val(v->p, n);
    size_t len = v->p->node[n].vlen;
    int d = amount_decimals(s, len);
    if (d == -1) {
        flag(v, VQR_ERR_AMOUNT_SYNTAX, n, 0);
        return;
    }
    /* Value in hundredths must be 1..9999. */
    unsigned long hundredths = 0;
    int dec = -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            dec = 0;
            continue;
        }
        if (dec >= 2) {
            if (s[i] != '0')
                hundredths = 100000;
            continue;
        }
        hundredths = hundredths * 10 + (unsigned long)(s[i] - '0');
        if (dec >= 0)
            dec++;
        if (hundredths > 100000)
            hundredths = 100000;
    }
    for (int k = dec < 0 ? 0 : dec; k < 2; k++)
        hundredths *= 10;
    if (hundredths < 1 || hundredths > 9999)
        flag(v, VQR_ERR_FEE_PERCENT, n, 0);
}

static bool is_upper2(const char *s)
{
    return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static void check_consumer_data(vctx *v, uint16_t n)
{
    const char *s = val(v->p, n);
    unsigned seen = 0;
    for (size_t i = 0; i < v->p->node[n].vlen; i++) {
        unsigned bit = s[i] == 'A' ? 1u : s[i] == 'M' ? 2u : s[i] == 'E' ? 4u : 8u;
        if (bit == 8u || (seen & bit)) {
            flag(v, VQR_ERR_CONSUMER_DATA, n, 0);
            return;
        }
        seen |= bit;
    }
}

static void check_channel(vctx *v, uint16_t n)
{
    const char *s = val(v->p, n);
    if (v->p->node[n].vlen != 3)
        return; /* the length rule reports it */
    if (s[0] < '0' || s[0] > '7' || s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '3')
        flag(v, VQR_ERR_MERCHANT_CHANNEL, n, 0);
}

/* Value rules that depend only on the object itself. */
static void check_value(vctx *v, vqr_ctx ctx, uint16_t n)
{
    const vqr_payload_impl *p = v->p;
    unsigned id = p->node[n].id;
    if (ctx == VQR_CTX_ROOT) {
        switch (id) {
        case 0:
            if (!equals(p, n, "01")) {
                bool pfi02 = equals(p, n, "02");
                vqr_diag_add(v->p, VQR_ERR_PFI_VALUE,
                             v->lenient && pfi02 ? VQR_SEVERITY_WARNING : VQR_SEVERITY_ERROR, n,
                             p->node[n].hdr, SIZE_MAX, 0);
            }
            break;
        case 1:
            if (!equals(p, n, "11") && !equals(p, n, "12"))
                flag(v, VQR_ERR_POI_VALUE, n, 0);
            break;
        case 53:
            if (p->node[n].vlen == 3 &&
                vqr_currency_exponent((unsigned)((val(p, n)[0] - '0') * 100 +
                                                 (val(p, n)[1] - '0') * 10 +
                                                 (val(p, n)[2] - '0'))) < 0)
                flag(v, VQR_ERR_CURRENCY, n, 0);
            break;
        case 54:
        case 56:
            check_amount(v, n);
            break;
        case 55:
            if (!equals(p, n, "01") && !equals(p, n, "02") && !equals(p, n, "03"))
                flag(v, VQR_ERR_TIP_INDICATOR, n, 0);
            break;
        case 57:
            check_percent(v, n);
            break;
        case 58:
            if (p->node[n].vlen != 2 || !is_upper2(val(p, n)))
                flag(v, VQR_ERR_COUNTRY, n, 0);
            break;
        default:
            break;
        }
    } else if (ctx == VQR_CTX_ADDITIONAL) {
        if (id == 9)
            check_consumer_data(v, n);
        else if (id == 11)
            check_channel(v, n);
    } else if (ctx == VQR_CTX_LANGUAGE && id == 0) {
        const char *s = val(p, n);
        if (p->node[n].vlen != 2 || !is_alpha(s[0]) || !is_alpha(s[1]))
            flag(v, VQR_ERR_LANGUAGE, n, 0);
    }
}

/* Sub-objects a template must hold. */
static void check_mandatory_children(vctx *v, vqr_ctx ctx, uint16_t t)
{
    switch (ctx) {
    case VQR_CTX_MAI:
    case VQR_CTX_PAYSYS:
    case VQR_CTX_UNRESERVED:
        if (vqr_find_child(v->p, t, 0) == VQR_NIL)
            flag_missing(v, t, 0);
        break;
    case VQR_CTX_NAPAS:
    case VQR_CTX_NAPAS_BENEF:
    case VQR_CTX_LANGUAGE:
        if (vqr_find_child(v->p, t, 0) == VQR_NIL)
            flag_missing(v, t, 0);
        if (vqr_find_child(v->p, t, 1) == VQR_NIL)
            flag_missing(v, t, 1);
        if (ctx == VQR_CTX_NAPAS && v->vietqr && vqr_find_child(v->p, t, 2) == VQR_NIL)
            flag_missing(v, t, 2);
        break;
    default:
        break;
    }
}

static vqr_ctx ctx_of_children(const vqr_payload_impl *p, vqr_ctx ctx, uint16_t n)
{
    unsigned id = p->node[n].id;
    if (ctx == VQR_CTX_ROOT && id == 38 && vqr_is_napas(p, n))
        return VQR_CTX_NAPAS;
    return vqr_child_ctx(ctx, id);
}

/* ---- NAPAS 247 (the VietQR profile) ---- */

/* The NAPAS 247 services (38.02). */
static const char *const k_services[] = { "QRIBFTTA", "QRIBFTTC", "QRPUSH", "QRCASH" };
enum { SVC_ACCOUNT, SVC_CARD, SVC_PUSH, SVC_CASH, SVC_NONE, SVC_UNKNOWN };

/* The service 38.02 names, or SVC_NONE when it is absent or unknown. */
static int find_service(const vqr_payload_impl *p)
{
    uint16_t t = p->root_by_id[38];
    uint16_t s = t == VQR_NIL ? VQR_NIL : vqr_find_child(p, t, 2);
    if (s == VQR_NIL || (p->node[s].flags & VQR_NODE_DEAD))
        return SVC_NONE;
    for (int i = 0; i < 4; i++)
        if (equals(p, s, k_services[i]))
            return i;
    return SVC_NONE;
}

/* find_service() of the payload being validated, looked up once. */
static int napas_service(vctx *v)
{
    if (v->service == SVC_UNKNOWN)
        v->service = find_service(v->p);
    return v->service;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!vqr_isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static bool all_alnum(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!vqr_isdigit((unsigned char)s[i]) && !is_alpha(s[i]))
            return false;
    return true;
}

/*
 * The objects whose rules NAPAS states itself: the BIN (38.01.00), the
 * beneficiary (38.01.01) by service, and the service (38.02). Returns true
 * when it checked object `n` (the EMVCo format and length rules are then
 * not applied to it).
 */
static bool check_napas(vctx *v, vqr_ctx ctx, uint16_t n)
{
    const vqr_payload_impl *p = v->p;
    const char *s = val(p, n);
    size_t len = p->node[n].vlen, chars = p->node[n].chars;
    unsigned id = p->node[n].id;
    if (ctx == VQR_CTX_NAPAS && id == 2) {
        if (napas_service(v) == SVC_NONE)
            flag(v, VQR_ERR_SERVICE, n, 0);
        return true;
    }
    if (ctx != VQR_CTX_NAPAS_BENEF || id > 1)
        return false;
    if (id == 0) {
        if (len != 6 || !all_digits(s, len))
            flag(v, VQR_ERR_BIN, n, 6);
        return true;
    }
    switch (napas_service(v)) {
    case SVC_ACCOUNT:
        /* Bank accounts are digits; the virtual accounts of wallets and
         * collection services add letters (MoMo "PSP...", BVBank "99MM..."). */
        if (!all_alnum(s, len))
            flag(v, VQR_ERR_ACCOUNT, n, 0);
        else if (chars > 19)
            flag(v, VQR_ERR_LENGTH, n, 19);
        return true;
    case SVC_CARD:
        if (!all_digits(s, len))
            flag(v, VQR_ERR_CARD, n, 0);
        else if (len < 16 || len > 19)
            flag(v, VQR_ERR_CARD, n, len < 16 ? 16 : 19);
        return true;
    default:
        return false; /* merchant IDs: printable ASCII up to 19 (the field's rule) */
    }
}

/* One object. For a template, returns true with the context of its
 * sub-objects, which the caller checks next. */
static bool check_object(vctx *v, vqr_ctx ctx, uint16_t n, vqr_ctx *sub_ctx)
{
    vqr_payload_impl *p = v->p;
    const vqr_node *node = &p->node[n];
    const vqr_field *f =
        ctx == VQR_CTX_ROOT ? vqr_root_rule(node->id) : vqr_field_rule(ctx, node->id);

    if (f->kind == VQR_KIND_RFU && node->id != 63) {
        flag(v, ctx == VQR_CTX_NAPAS_BENEF ? VQR_ERR_UNKNOWN_ID : VQR_ERR_RFU_ID, n, 0);
        return false;
    }
    if (node->flags & VQR_NODE_RAW)
        return false; /* reported while framing */
    if (node->flags & VQR_NODE_TEMPLATE) {
        *sub_ctx = ctx_of_children(p, ctx, n);
        return true;
    }
    if (node->vlen == 0)
        return false; /* zero length reported while framing */
    if (v->vietqr && check_napas(v, ctx, n))
        return false;
    vqr_status st = check_format(p, n, (vqr_fmt)f->fmt);
    size_t at = 0;
    if (st == VQR_OK && f->fmt == VQR_FMT_S)
        st = check_s_text(p, n, &at);
    size_t mark = SIZE_MAX;
    if (st == VQR_OK && f->fmt == VQR_FMT_S && !p->ascii)
        mark = vqr_text_nfc_break((const unsigned char *)val(p, n), node->vlen);
    if (st == VQR_ERR_FORMAT_BIDI || st == VQR_ERR_FORMAT_INVISIBLE) {
        /* At the character itself, which explain marks. */
        vqr_diag_add(v->p, st, v->sev, n, at, SIZE_MAX, 0);
    } else if (st != VQR_OK) {
        flag(v, st, n, 0);
    } else if (mark != SIZE_MAX) {
        /* EMVCo 4.5.3.1: precomposed characters only; the first mark that
         * composition would absorb. */
        vqr_diag_add(p, VQR_ERR_NOT_NFC, v->sev, n, (size_t)node->val + mark, SIZE_MAX, 0);
    } else if (node->chars < f->min || node->chars > f->max) {
        flag(v, VQR_ERR_LENGTH, n, node->chars > f->max ? f->max : f->min);
    } else {
        check_value(v, ctx, n);
    }
    return false;
}

static int currency_exponent(const vqr_payload_impl *p)
{
    uint16_t c = p->root_by_id[53];
    if (c == VQR_NIL || p->node[c].vlen != 3)
        return -1;
    const char *s = val(p, c);
    for (int i = 0; i < 3; i++)
        if (!vqr_isdigit((unsigned char)s[i]))
            return -1;
    return vqr_currency_exponent((unsigned)((s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0')));
}

static void check_decimals(vctx *v, uint16_t n, int exponent)
{
    if (n == VQR_NIL || exponent < 0)
        return;
    int d = amount_decimals(val(v->p, n), v->p->node[n].vlen);
    if (d > exponent)
        flag(v, VQR_ERR_AMOUNT_DECIMALS, n, (size_t)exponent);
}

/* The NAPAS template itself, and what its service needs elsewhere. */
static void check_napas_root(vctx *v)
{
    vqr_payload_impl *p = v->p;
    uint16_t t = p->root_by_id[38];
    if (t == VQR_NIL || !vqr_is_napas(p, t)) {
        /* Forced on a payload that is not a VietQR. */
        uint8_t id = 38;
        vqr_diag_add_path(p, VQR_ERR_NOT_VIETQR, v->sev, &id, 1, t == VQR_NIL ? 0 : p->node[t].hdr,
                          SIZE_MAX, 0);
        return;
    }
    if (napas_service(v) == SVC_CASH) {
        /* Cash at an ATM: the reference and the terminal say where. */
        uint16_t add = p->root_by_id[62];
        bool tmpl = add != VQR_NIL && (p->node[add].flags & VQR_NODE_TEMPLATE);
        static const uint8_t needed[2] = { 5, 7 };
        for (int i = 0; i < 2; i++) {
            if (tmpl && vqr_find_child(p, add, needed[i]) != VQR_NIL)
                continue;
            uint8_t path[2] = { 62, needed[i] };
            vqr_diag_add_path(p, VQR_ERR_MISSING, v->sev, path, 2, tmpl ? p->node[add].hdr : 0,
                              SIZE_MAX, 0);
        }
    }
}

/* Rules that tie root objects together. */
static void check_root_rules(vctx *v)
{
    vqr_payload_impl *p = v->p;
    /* EMVCo: 00, 52, 53, 58, 59, 60. NAPAS 247: 00, 01 and 38; 52, 59 and
     * 60 optional; 53 and 58 read as 704 and VN unless stated. */
    static const uint8_t emvco[] = { 0, 52, 53, 58, 59, 60 };
    static const uint8_t napas[] = { 0, 1 };
    const uint8_t *mandatory = v->vietqr ? napas : emvco;
    size_t count = v->vietqr ? sizeof napas : sizeof emvco;
    if (v->vietqr)
        check_napas_root(v);
    /* Lenient mode still refuses a payload nobody can pay: one that names
     * neither a currency nor a country (unless NAPAS, which reads them as
     * VND and VN). */
    bool unpayable = v->lenient && p->root_by_id[53] == VQR_NIL && p->root_by_id[58] == VQR_NIL &&
                     !vqr_is_napas(p, p->root_by_id[38]);
    for (size_t i = 0; i < count; i++) {
        unsigned id = mandatory[i];
        if (p->root_by_id[id] == VQR_NIL)
            flag_missing_sev(v, VQR_NIL, id,
                             unpayable && (id == 53 || id == 58) ? VQR_SEVERITY_ERROR : v->sev);
    }

    /* Any of 02-51: root_by_id holds VQR_NIL (all ones) where absent; four
     * entries a step (02-49), then 50 and 51. */
    bool mai = p->root_by_id[50] != VQR_NIL || p->root_by_id[51] != VQR_NIL;
    for (unsigned id = 2; id + 4 <= 50 && !mai; id += 4) {
        uint64_t w;
        memcpy(&w, &p->root_by_id[id], sizeof w);
        mai = w != UINT64_MAX;
    }
    if (!mai) /* nobody to pay: an error in every profile */
        vqr_diag_add_path(p, VQR_ERR_NO_MERCHANT_ACCOUNT, VQR_SEVERITY_ERROR, NULL, 0, 0, SIZE_MAX,
                          0);

    int exponent = currency_exponent(p);
    if (v->vietqr && p->root_by_id[53] == VQR_NIL)
        exponent = 0; /* VND */
    check_decimals(v, p->root_by_id[54], exponent);
    check_decimals(v, p->root_by_id[56], exponent);

    uint16_t tip = p->root_by_id[55], fixed = p->root_by_id[56], pct = p->root_by_id[57];
    bool t2 = tip != VQR_NIL && equals(p, tip, "02");
    bool t3 = tip != VQR_NIL && equals(p, tip, "03");
    if (fixed != VQR_NIL && !t2)
        flag(v, VQR_ERR_TIP_CONFLICT, fixed, 0);
    if (pct != VQR_NIL && !t3)
        flag(v, VQR_ERR_TIP_CONFLICT, pct, 0);
    if (t2 && fixed == VQR_NIL)
        flag(v, VQR_ERR_TIP_CONFLICT, tip, 0);
    if (t3 && pct == VQR_NIL)
        flag(v, VQR_ERR_TIP_CONFLICT, tip, 0);

    /* Characters of the payload proper (after a byte order mark). */
    size_t chars = vqr_char_offset(p, p->input_len) - vqr_char_offset(p, p->start);
    if (chars > VQR_PAYLOAD_MAX_CHARS) {
        size_t off =
            p->ascii ? VQR_PAYLOAD_MAX_CHARS
                     : p->start + vqr_utf8_advance((const unsigned char *)p->arena + p->start,
                                                   p->input_len - p->start, VQR_PAYLOAD_MAX_CHARS);
        flag_root(v, VQR_ERR_PAYLOAD_TOO_LONG, off, VQR_PAYLOAD_MAX_CHARS);
    }
}

void vqr_validate(vqr_payload_impl *p, vqr_profile profile)
{
    bool lenient = profile == VQR_PROFILE_LENIENT;
    vctx v = { p, lenient, profile == VQR_PROFILE_VIETQR,
               lenient ? VQR_SEVERITY_WARNING : VQR_SEVERITY_ERROR, SVC_UNKNOWN };
    /* Depth first, without recursion: the tree has at most three levels.
     * A template's sub-objects are checked right after it, then the ones
     * it must hold. */
    struct level {
        uint16_t t;    /* the template, VQR_NIL for the root */
        uint16_t next; /* its next object to check */
        vqr_ctx ctx;   /* context of its objects */
    } stack[3];
    int d = 0;
    stack[0].t = VQR_NIL;
    stack[0].next = p->first;
    stack[0].ctx = VQR_CTX_ROOT;
    while (d >= 0) {
        struct level *l = &stack[d];
        uint16_t n = l->next;
        if (n == VQR_NIL) {
            if (l->t != VQR_NIL)
                check_mandatory_children(&v, l->ctx, l->t);
            d--;
            continue;
        }
        l->next = p->node[n].next;
        vqr_ctx sub_ctx = VQR_CTX_ROOT;
        if ((p->node[n].flags & VQR_NODE_DEAD) || !check_object(&v, l->ctx, n, &sub_ctx))
            continue;
        if (d + 1 < 3) { /* parsed nodes are at most two levels down */
            d++;
            stack[d].t = n;
            stack[d].next = p->node[n].child;
            stack[d].ctx = sub_ctx;
        }
    }
    check_root_rules(&v);
}
