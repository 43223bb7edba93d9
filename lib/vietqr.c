/*
 * vietqr.c - building a NAPAS 247 VietQR from a plain struct.
 *
 * Every input is checked (and text folded) into local storage first; only
 * when all of it is valid is the payload filled, so an error never leaves
 * half a VietQR behind. Rules: NAPAS "Tài liệu quy định về định dạng mã
 * VietQR" v1.0 (Table 4, §5.2), EMVCo MPM v1.1 for what NAPAS leaves open.
 * No allocation, no global mutable state.
 */
#include "amount.h"
#include "vietqr_int.h"

/* Field limits come from the validator's rule table (fields.c): the
 * builder never writes what the parser would refuse. */
#define ID_MAX (vqr_field_rule(VQR_CTX_NAPAS_BENEF, 1)->max) /* 38.01.01 */
#define CARD_MIN 16
#define CARD_MAX 19

/* The ans text fields, in tag order (the order of the report). */
enum { T59, T60, T6201, T6203, T6205, T6207, T6208, T_COUNT };

static const struct {
    const char *tag;
    vqr_ctx ctx; /* the template it sits in, for its rule */
    unsigned id;
} k_text[T_COUNT] = {
    { "59", VQR_CTX_ROOT, 59 },         { "60", VQR_CTX_ROOT, 60 },
    { "62.01", VQR_CTX_ADDITIONAL, 1 }, { "62.03", VQR_CTX_ADDITIONAL, 3 },
    { "62.05", VQR_CTX_ADDITIONAL, 5 }, { "62.07", VQR_CTX_ADDITIONAL, 7 },
    { "62.08", VQR_CTX_ADDITIONAL, 8 },
};

/* Most characters of text field k, from the rule table. */
static size_t text_max(unsigned k)
{
    return vqr_field_rule(k_text[k].ctx, k_text[k].id)->max;
}

typedef char vqr_check_text_fields[T_COUNT == VQR_VIETQR_TEXT_FIELDS ? 1 : -1];

/* Everything the payload receives, validated. */
typedef struct built {
    char bin[7];
    const char *account;
    size_t account_len;
    const char *service;
    char currency[4];
    char amount[VQR_AMOUNT_RENDER_MAX];
    size_t amount_len;
    const char *country;
    const char *mcc;
    const char *text[T_COUNT]; /* the input itself, or its folding in fold[k] */
    size_t text_len[T_COUNT];
    char fold[T_COUNT][VQR_VIETQR_TEXT_MAX];
} built;

static vqr_status fail(vqr_error *err, vqr_status st, const char *tag, size_t offset, size_t limit)
{
    vqr_error_fill(err, st, VQR_SEVERITY_ERROR, offset, offset, tag, SIZE_MAX, limit);
    return st;
}

/* Re-tags an error a helper reported about one input string. */
static vqr_status fail_from(vqr_error *err, const vqr_error *e, const char *tag)
{
    vqr_error_fill(err, e->code, VQR_SEVERITY_ERROR, e->offset, e->char_offset, tag, SIZE_MAX,
                   e->limit);
    return e->code;
}

static bool present(const char *s)
{
    return s && s[0];
}

const char *vqr_service_code(vqr_service s)
{
    switch (s) {
    case VQR_SERVICE_ACCOUNT:
        return "QRIBFTTA";
    case VQR_SERVICE_CARD:
        return "QRIBFTTC";
    case VQR_SERVICE_MERCHANT:
        return "QRPUSH";
    case VQR_SERVICE_CASH:
        return "QRCASH";
    default:
        return NULL;
    }
}

static void vietqr_defaults(vqr_vietqr *in)
{
    memset(in, 0, sizeof *in);
    in->size = sizeof *in;
    in->service = VQR_SERVICE_ACCOUNT;
    in->currency = 704;
    in->country = "VN";
}

vqr_status vqr_vietqr_init(vqr_vietqr *in, size_t size, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!in || size < sizeof(size_t) || size > VQR_STRUCT_SIZE_MAX)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, VQR_STRUCT_SIZE_MAX);
    vqr_vietqr d;
    vietqr_defaults(&d);
    memset(in, 0, size);
    memcpy(in, &d, size < sizeof d ? size : sizeof d);
    in->size = size;
    return VQR_OK;
}

/* 38.01.00: a 6-digit BIN as given, or a bank of the directory. */
static vqr_status resolve_bank(const char *q, built *b, vqr_vietqr_report *report, vqr_error *err)
{
    static const char tag[] = "38.01.00";
    if (!present(q))
        return fail(err, VQR_ERR_MISSING, tag, SIZE_MAX, 0);
    size_t len = strlen(q), digits = 0;
    while (digits < len && vqr_isdigit((unsigned char)q[digits]))
        digits++;
    const vqr_bank *bank = NULL;
    if (digits == len) {
        if (len != 6)
            return fail(err, VQR_ERR_BIN, tag, SIZE_MAX, 6);
        memcpy(b->bin, q, 7);
        if (report) /* only the report says whether the directory knows it */
            bank = vqr_bank_by_bin(q, 6);
    } else {
        vqr_error e;
        VQR_INIT(&e);
        vqr_status st = vqr_bank_find(q, len, &bank, &e);
        if (st == VQR_ERR_BANK_UNKNOWN || st == VQR_ERR_BANK_AMBIGUOUS)
            return fail(err, st, tag, SIZE_MAX, 0); /* about the whole name */
        if (st != VQR_OK)
            return fail_from(err, &e, tag);
        memcpy(b->bin, bank->bin, 7);
    }
    if (report) {
        memcpy(report->bin, b->bin, 7);
        report->bank_known = bank != NULL;
    }
    return VQR_OK;
}

/* 38.01.01 by service. */
static vqr_status check_account(const vqr_vietqr *in, unsigned flags, built *b, vqr_error *err)
{
    static const char tag[] = "38.01.01";
    const char *s = in->account;
    if (!present(s))
        return fail(err, VQR_ERR_MISSING, tag, SIZE_MAX, 0);
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        switch (in->service) {
        case VQR_SERVICE_ACCOUNT:
            if (!vqr_isdigit(c) && !(alpha && (flags & VQR_VIETQR_ALNUM_ACCOUNT)))
                return fail(err, VQR_ERR_ACCOUNT, tag, i, 0);
            break;
        case VQR_SERVICE_CARD:
            if (!vqr_isdigit(c))
                return fail(err, VQR_ERR_CARD, tag, i, 0);
            break;
        default:
            if (c < 0x20 || c > 0x7E)
                return fail(err, VQR_ERR_FORMAT_ANS, tag, i, 0);
            break;
        }
    }
    if (in->service == VQR_SERVICE_CARD && (len < CARD_MIN || len > CARD_MAX))
        return fail(err, VQR_ERR_CARD, tag, SIZE_MAX, len < CARD_MIN ? CARD_MIN : CARD_MAX);
    if (len > ID_MAX)
        return fail(err, VQR_ERR_LENGTH, tag, SIZE_MAX, ID_MAX);
    b->account = s;
    b->account_len = len;
    return VQR_OK;
}

static vqr_status check_money(const vqr_vietqr *in, built *b, vqr_error *err)
{
    int exponent = vqr_currency_exponent(in->currency);
    if (exponent < 0)
        return fail(err, VQR_ERR_CURRENCY, "53", SIZE_MAX, 0);
    b->currency[0] = (char)('0' + in->currency / 100);
    b->currency[1] = (char)('0' + in->currency / 10 % 10);
    b->currency[2] = (char)('0' + in->currency % 10);
    b->currency[3] = '\0';
    b->amount_len = 0;
    if (in->amount) {
        b->amount_len = vqr_amount_render(in->amount, exponent, b->amount);
        if (b->amount_len > VQR_AMOUNT_MAX_CHARS)
            return fail(err, VQR_ERR_LENGTH, "54", SIZE_MAX, VQR_AMOUNT_MAX_CHARS);
    }
    return VQR_OK;
}

static vqr_status check_codes(const vqr_vietqr *in, built *b, vqr_error *err)
{
    const char *c = in->country;
    if (!present(c))
        return fail(err, VQR_ERR_MISSING, "58", SIZE_MAX, 0);
    if (strlen(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z')
        return fail(err, VQR_ERR_COUNTRY, "58", SIZE_MAX, 2);
    b->country = c;
    b->mcc = NULL;
    if (present(in->mcc)) {
        size_t len = strlen(in->mcc);
        for (size_t i = 0; i < len; i++)
            if (!vqr_isdigit((unsigned char)in->mcc[i]))
                return fail(err, VQR_ERR_FORMAT_N, "52", i, 0);
        if (len != 4)
            return fail(err, VQR_ERR_LENGTH, "52", SIZE_MAX, 4);
        b->mcc = in->mcc;
    }
    return VQR_OK;
}

/* Printable ASCII (0x20-0x7E) throughout, or the length where it stops. */
static size_t printable_span(const char *s)
{
    size_t i = 0;
    while ((unsigned char)(s[i] - 0x20) < 0x5F)
        i++;
    return i;
}

/* Folds (or, strictly, checks) one text field into b->text[k]. Printable
 * ASCII folds to itself and breaks no rule but the length, so it is taken
 * as it is; anything else goes through vqr_text_fold(). */
static vqr_status fold_field(const char *s, unsigned k, unsigned flags, built *b,
                             vqr_vietqr_report *report, vqr_error *err)
{
    b->text_len[k] = 0;
    b->text[k] = "";
    if (!present(s))
        return VQR_OK;
    const char *tag = k_text[k].tag;
    size_t len = printable_span(s);
    if (s[len] == '\0') {
        if (len > text_max(k))
            return fail(err, VQR_ERR_LENGTH, tag, SIZE_MAX, text_max(k));
        b->text[k] = s;
        b->text_len[k] = len;
        return VQR_OK;
    }
    len += strlen(s + len);
    size_t out_len = 0, changed = 0;
    vqr_error e;
    VQR_INIT(&e);
    unsigned tflags = (flags & VQR_VIETQR_STRICT_TEXT) ? VQR_TEXT_STRICT : VQR_TEXT_FOLD;
    vqr_status st =
        vqr_text_fold(s, len, tflags, b->fold[k], sizeof b->fold[k], &out_len, &changed, &e);
    if (st == VQR_ERR_BUFFER_TOO_SMALL) /* folded text of 100+ characters */
        return fail(err, VQR_ERR_LENGTH, tag, SIZE_MAX, text_max(k));
    if (st != VQR_OK)
        return fail_from(err, &e, tag);
    b->text[k] = b->fold[k];
    b->text_len[k] = out_len;
    if (changed && report) {
        vqr_vietqr_change *c = &report->field[report->count++];
        memset(c->tag, 0, sizeof c->tag);
        memcpy(c->tag, tag, strlen(tag));
        c->changed = changed;
        c->chars = out_len;
        memcpy(c->text, b->fold[k], out_len + 1);
        report->changed += changed;
    }
    if (out_len > text_max(k))
        return fail(err, VQR_ERR_LENGTH, tag, SIZE_MAX, text_max(k));
    return VQR_OK;
}

static vqr_status check_text(const vqr_vietqr *in, unsigned flags, built *b,
                             vqr_vietqr_report *report, vqr_error *err)
{
    const char *src[T_COUNT] = { in->merchant_name, in->merchant_city, in->bill_number, in->store,
                                 in->reference,     in->terminal,      in->purpose };
    for (unsigned k = 0; k < T_COUNT; k++) {
        vqr_status st = fold_field(src[k], k, flags, b, report, err);
        if (st != VQR_OK)
            return st;
    }
    /* An ATM withdrawal names the transaction and the ATM (liopayvn/vietqr-php
     * ServiceCodes: QRCASH requires 62.05 and 62.07). */
    if (in->service == VQR_SERVICE_CASH) {
        if (!b->text_len[T6205])
            return fail(err, VQR_ERR_MISSING, "62.05", SIZE_MAX, 0);
        if (!b->text_len[T6207])
            return fail(err, VQR_ERR_MISSING, "62.07", SIZE_MAX, 0);
    }
    size_t total = 0;
    for (unsigned k = T6201; k < T_COUNT; k++)
        if (b->text_len[k])
            total += 4 + b->text_len[k];
    if (total > 99)
        return fail(err, VQR_ERR_TEMPLATE_TOO_LONG, "62", SIZE_MAX, 99);
    return VQR_OK;
}

static vqr_status set(vqr_payload *out, const char *path, const char *v, size_t len, vqr_error *err)
{
    return vqr_payload_set(out, path, v, len, err);
}

/* Fills the payload from validated fields, in canonical order. */
static vqr_status fill(vqr_payload *out, const built *b, vqr_error *err)
{
    static const char *const paths[T_COUNT] = { "59",    "60",    "62.01", "62.03",
                                                "62.05", "62.07", "62.08" };
    vqr_status st;
#define SET(path, v, len)                                 \
    do {                                                  \
        if ((st = set(out, path, v, len, err)) != VQR_OK) \
            return st;                                    \
    } while (0)
    SET("01", b->amount_len ? "12" : "11", 2);
    SET("38.00", VQR_NAPAS_GUID, VQR_NAPAS_GUID_LEN);
    SET("38.01.00", b->bin, 6);
    SET("38.01.01", b->account, b->account_len);
    SET("38.02", b->service, strlen(b->service));
    if (b->mcc)
        SET("52", b->mcc, 4);
    SET("53", b->currency, 3);
    if (b->amount_len)
        SET("54", b->amount, b->amount_len);
    SET("58", b->country, 2);
    for (unsigned k = 0; k < T_COUNT; k++)
        if (b->text_len[k])
            SET(paths[k], b->text[k], b->text_len[k]);
#undef SET
    return VQR_OK;
}

/* Every input checked (and its text folded) into b, in the order the
 * manual gives; nothing else is touched but the report. */
static vqr_status check_all(const vqr_vietqr *in, unsigned flags, built *b,
                            vqr_vietqr_report *report, vqr_error *err)
{
    b->service = vqr_service_code(in->service);
    if (!b->service)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, "38.02", SIZE_MAX, 0);
    vqr_status st = resolve_bank(in->bank, b, report, err);
    if (st == VQR_OK)
        st = check_account(in, flags, b, err);
    if (st == VQR_OK)
        st = check_money(in, b, err);
    if (st == VQR_OK)
        st = check_codes(in, b, err);
    if (st == VQR_OK)
        st = check_text(in, flags, b, report, err);
    return st;
}

/* The checks of both entry points: the caller's structs taken in, the
 * report set up, then check_all(). */
static vqr_status take(const vqr_vietqr *in, unsigned flags, vqr_vietqr_report *report, built *b,
                       vqr_error *err)
{
    if (report && !vqr_sized_ok(report))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    vqr_vietqr_report full;
    vqr_vietqr_report *rep = report ? vqr_sized_out_begin(report, &full, sizeof full) : NULL;
    const unsigned known = VQR_VIETQR_STRICT_TEXT | VQR_VIETQR_ALNUM_ACCOUNT;
    vqr_vietqr local;
    vietqr_defaults(&local);
    vqr_status st;
    if (!in || (flags & ~known) || !vqr_sized_in(&local, sizeof local, in))
        st = fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    else
        st = check_all(&local, flags, b, rep, err);
    if (report)
        vqr_sized_out_end(report, rep, sizeof full);
    return st;
}

vqr_status vqr_vietqr_build(const vqr_vietqr *in, unsigned flags, vqr_payload *out,
                            vqr_vietqr_report *report, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (out)
        vqr_payload_init(out);
    if (!out) {
        if (report && !vqr_sized_ok(report))
            return fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
        if (report)
            (void)vqr_sized_out_begin(report, NULL, 0);
        return fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    }
    built b;
    vqr_status st = take(in, flags, report, &b, err);
    if (st == VQR_OK)
        st = fill(out, &b, err);
    if (st != VQR_OK) {
        vqr_payload_init(out);
        return st;
    }
    vqr_error_clear(err);
    return VQR_OK;
}

/* One object: ID, length in characters (every value here is ASCII), value. */
static char *put(char *o, const char *id, const char *v, size_t len)
{
    o[0] = id[0];
    o[1] = id[1];
    o[2] = (char)('0' + len / 10);
    o[3] = (char)('0' + len % 10);
    memcpy(o + 4, v, len);
    return o + 4 + len;
}

/* The header of a template whose value runs from h + 4 to end. */
static void header(char *h, const char *id, const char *end)
{
    size_t len = (size_t)(end - h - 4);
    h[0] = id[0];
    h[1] = id[1];
    h[2] = (char)('0' + len / 10);
    h[3] = (char)('0' + len % 10);
}

/*
 * The payload of checked fields, in canonical order, with its CRC: what
 * fill() and vqr_payload_write(VQR_WRITE_CANONICAL) make of them, written
 * directly (tests/test_vietqr.c compares the two on every input it has).
 * Every value is ASCII and within its field's limits (check_all), the 38
 * template is at most 63 characters and 62 at most 99 (check_text), so
 * the payload is at most about 300 characters: nothing can overflow `o`.
 */
static size_t emit(const built *b, char o[VQR_PAYLOAD_BUF_SIZE])
{
    static const char *const ids[T_COUNT] = { "59", "60", "01", "03", "05", "07", "08" };
    char *w = put(o, "00", "01", 2);
    w = put(w, "01", b->amount_len ? "12" : "11", 2);
    char *t38 = w;
    w = put(w + 4, "00", VQR_NAPAS_GUID, VQR_NAPAS_GUID_LEN);
    char *t3801 = w;
    w = put(w + 4, "00", b->bin, 6);
    w = put(w, "01", b->account, b->account_len);
    header(t3801, "01", w);
    w = put(w, "02", b->service, strlen(b->service));
    header(t38, "38", w);
    if (b->mcc)
        w = put(w, "52", b->mcc, 4);
    w = put(w, "53", b->currency, 3);
    if (b->amount_len)
        w = put(w, "54", b->amount, b->amount_len);
    w = put(w, "58", b->country, 2);
    for (unsigned k = T59; k <= T60; k++)
        if (b->text_len[k])
            w = put(w, ids[k], b->text[k], b->text_len[k]);
    char *t62 = w;
    w += 4;
    for (unsigned k = T6201; k < T_COUNT; k++)
        if (b->text_len[k])
            w = put(w, ids[k], b->text[k], b->text_len[k]);
    if (w == t62 + 4)
        w = t62; /* no additional data: no 62 */
    else
        header(t62, "62", w);
    w[0] = '6';
    w[1] = '3';
    w[2] = '0';
    w[3] = '4';
    w += 4;
    vqr_crc_hex(vqr_crc16_fast((const unsigned char *)o, (size_t)(w - o)), w);
    return (size_t)(w - o) + 4;
}

vqr_status vqr_vietqr_write(const vqr_vietqr *in, unsigned flags, char *buf, size_t cap,
                            size_t *out_len, vqr_vietqr_report *report, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (out_len)
        *out_len = 0;
    if (!out_len || (!buf && cap))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, "", SIZE_MAX, 0);
    built b;
    vqr_status st = take(in, flags, report, &b, err);
    if (st != VQR_OK)
        return st;
    char o[VQR_PAYLOAD_BUF_SIZE];
    size_t len = emit(&b, o);
    *out_len = len;
    if (cap < len + 1) {
        vqr_error_fill(err, VQR_ERR_BUFFER_TOO_SMALL, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, len + 1);
        return VQR_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, o, len);
    buf[len] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}
