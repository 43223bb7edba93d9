/*
 * fuzz_vietqr.c - vqr_vietqr_build from fuzzed fields, and amounts.
 *
 * Input: byte 0 the flags (masked to VQR_VIETQR_STRICT_TEXT |
 * VQR_VIETQR_ALNUM_ACCOUNT), byte 1 the service (mod 6: 0 and 5 are not
 * buildable), bytes 2-9 the amount (little endian, reduced mod 10^(byte
 * 10 % 16); 0 is no amount), bytes 11-12 the currency (bit 15 set: 704,
 * else mod 1000), then NUL-separated strings: bank, account, country,
 * MCC, merchant name, city, bill number, store, reference, terminal,
 * purpose, and a written amount for vqr_amount_parse. A string left out is
 * NULL (country: the default "VN").
 *
 * Checks: either an error among those documented, with its tag, and `out`
 * holding only 00; or a payload that vqr_vietqr_write writes identically,
 * that parses (lenient: no error; strict: only absent optional objects),
 * writes the same in both orders, and reads back with vqr_vietqr_read to
 * the same fields: the BIN, account, service, amount in minor units,
 * currency, country, MCC and every text field as vqr_text_fold gives it
 * (the report lists exactly the fields folding changed). Amounts: what
 * vqr_amount_parse accepts, vqr_amount_format writes back to the same
 * minor units, unless writing every decimal of the currency's exponent
 * takes more than 13 characters (VQR_ERR_LENGTH, as documented).
 */
#include "fuzz.h"

#include <string.h>

static const vqr_bank *bank_bin(const char *bin, size_t len)
{
    const vqr_bank *b;
    (void)vqr_bank_find_bin(bin, len, &b, NULL);
    return b;
}

enum {
    S_BANK,
    S_ACCOUNT,
    S_COUNTRY,
    S_MCC,
    S_NAME,
    S_CITY,
    S_BILL,
    S_STORE,
    S_REF,
    S_TERM,
    S_PURPOSE,
    S_AMOUNT,
    S_COUNT
};

/* The text fields, in the order of the report, and where they are read. */
static const struct {
    int field;
    const char *tag;
    size_t off; /* of the vqr_vietqr_info member */
} k_text[] = {
    { S_NAME, "59", offsetof(vqr_vietqr_info, merchant_name) },
    { S_CITY, "60", offsetof(vqr_vietqr_info, merchant_city) },
    { S_BILL, "62.01", offsetof(vqr_vietqr_info, bill_number) },
    { S_STORE, "62.03", offsetof(vqr_vietqr_info, store) },
    { S_REF, "62.05", offsetof(vqr_vietqr_info, reference) },
    { S_TERM, "62.07", offsetof(vqr_vietqr_info, terminal) },
    { S_PURPOSE, "62.08", offsetof(vqr_vietqr_info, purpose) },
};

static bool present(const char *s)
{
    return s && s[0];
}

static bool documented_error(vqr_status st)
{
    switch (st) {
    case VQR_ERR_INVALID_ARGUMENT:
    case VQR_ERR_MISSING:
    case VQR_ERR_BIN:
    case VQR_ERR_BANK_UNKNOWN:
    case VQR_ERR_BANK_AMBIGUOUS:
    case VQR_ERR_ACCOUNT:
    case VQR_ERR_LENGTH:
    case VQR_ERR_CARD:
    case VQR_ERR_FORMAT_ANS:
    case VQR_ERR_CURRENCY:
    case VQR_ERR_COUNTRY:
    case VQR_ERR_FORMAT_N:
    case VQR_ERR_UTF8:
    case VQR_ERR_TEXT_CONTROL:
    case VQR_ERR_TEXT_NOT_ASCII:
    case VQR_ERR_TEMPLATE_TOO_LONG:
        return true;
    default:
        return false;
    }
}

static void check_amount_text(const char *s, unsigned currency)
{
    if (!s)
        return;
    uint64_t minor = 1;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_amount_parse(s, strlen(s), currency, &minor, &err);
    FUZZ_CHECK(err.code == st);
    if (st != VQR_OK) {
        FUZZ_CHECK(minor == 0);
        return;
    }
    FUZZ_CHECK(minor > 0);
    char buf[VQR_AMOUNT_BUF_SIZE];
    size_t len = 0;
    st = vqr_amount_format(minor, currency, buf, sizeof buf, &len, &err);
    if (st == VQR_ERR_LENGTH) {
        /* Written with all the exponent's decimals, a long amount with
         * decimals left out ("20000080300" in PGK) needs more than 13. */
        FUZZ_CHECK(len > 13 && err.limit == 13);
        return;
    }
    FUZZ_CHECK(st == VQR_OK);
    FUZZ_CHECK(len == strlen(buf) && len <= 13);
    uint64_t again = 0;
    FUZZ_CHECK(vqr_amount_parse(buf, len, currency, &again, &err) == VQR_OK);
    FUZZ_CHECK(again == minor);
}

/* The payload `p` built from `in` reads back to the same fields. */
static void check_read_back(const vqr_payload *p, const vqr_vietqr *in, unsigned flags,
                            const vqr_vietqr_report *rep, const char *const *s)
{
    static vqr_vietqr_info info;
    VQR_INIT(&info);
    vqr_error err;
    VQR_INIT(&err);
    FUZZ_CHECK(vqr_vietqr_read(p, &info, &err) == VQR_OK);
    FUZZ_CHECK(info.network == VQR_NETWORK_NAPAS && info.mai_id == 38);
    FUZZ_CHECK(strcmp(info.guid, "A000000727") == 0);
    FUZZ_CHECK(strcmp(info.bin, rep->bin) == 0 && info.bank_known == rep->bank_known);
    FUZZ_CHECK(strcmp(info.account, in->account) == 0);
    FUZZ_CHECK(info.service == in->service);
    FUZZ_CHECK(info.is_dynamic == (in->amount != 0) && info.is_static == (in->amount == 0));
    FUZZ_CHECK(info.amount_minor == in->amount);
    FUZZ_CHECK(in->amount == 0 ? info.amount[0] == '\0' : info.amount_status == VQR_OK);
    FUZZ_CHECK(info.currency == in->currency);
    FUZZ_CHECK(strcmp(info.country, in->country) == 0);
    FUZZ_CHECK(strcmp(info.mcc, present(in->mcc) ? in->mcc : "") == 0);

    size_t changed = 0, count = 0;
    for (size_t k = 0; k < sizeof k_text / sizeof k_text[0]; k++) {
        const char *want = s[k_text[k].field];
        const char *got = (const char *)&info + k_text[k].off;
        if (!present(want)) {
            FUZZ_CHECK(got[0] == '\0');
            continue;
        }
        char folded[VQR_VIETQR_TEXT_MAX];
        size_t flen = 0, fchanged = 0;
        unsigned tflags = (flags & VQR_VIETQR_STRICT_TEXT) ? VQR_TEXT_STRICT : VQR_TEXT_FOLD;
        FUZZ_CHECK(vqr_text_fold(want, strlen(want), tflags, folded, sizeof folded, &flen,
                                 &fchanged, NULL) == VQR_OK);
        FUZZ_CHECK(strcmp(got, folded) == 0);
        if (fchanged) {
            FUZZ_CHECK(count < rep->count);
            const vqr_vietqr_change *c = &rep->field[count++];
            FUZZ_CHECK(strcmp(c->tag, k_text[k].tag) == 0);
            FUZZ_CHECK(c->changed == fchanged && c->chars == flen);
            FUZZ_CHECK(strcmp(c->text, folded) == 0);
            changed += fchanged;
        }
    }
    FUZZ_CHECK(count == rep->count && changed == rep->changed);
}

static void check_built(const vqr_payload *p, const vqr_vietqr *in, unsigned flags,
                        const vqr_vietqr_report *rep, const char *const *s)
{
    FUZZ_CHECK(strlen(rep->bin) == 6);
    for (int i = 0; i < 6; i++)
        FUZZ_CHECK(rep->bin[i] >= '0' && rep->bin[i] <= '9');
    FUZZ_CHECK(rep->bank_known == (bank_bin(rep->bin, 6) != NULL));
    if (strspn(in->bank, "0123456789") == strlen(in->bank))
        FUZZ_CHECK(strcmp(rep->bin, in->bank) == 0);

    char out[VQR_PAYLOAD_BUF_SIZE], again[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0, alen = 0;
    vqr_error err;
    VQR_INIT(&err);
    FUZZ_CHECK(vqr_payload_write(p, VQR_WRITE_CANONICAL, out, sizeof out, &len, &err) == VQR_OK);
    FUZZ_CHECK(vqr_payload_write(p, VQR_WRITE_KEEP_ORDER, again, sizeof again, &alen, &err) ==
               VQR_OK);
    FUZZ_CHECK(alen == len && memcmp(again, out, len) == 0);
    vqr_vietqr_report rep2;
    VQR_INIT(&rep2);
    FUZZ_CHECK(vqr_vietqr_write(in, flags, again, sizeof again, &alen, &rep2, &err) == VQR_OK);
    FUZZ_CHECK(alen == len && memcmp(again, out, len) == 0);
    FUZZ_CHECK(memcmp(rep2.bin, rep->bin, 7) == 0 && rep2.count == rep->count &&
               rep2.changed == rep->changed);

    vqr_payload q;
    FUZZ_CHECK(vqr_payload_parse(&q, out, len, VQR_PARSE_LENIENT, &err) == VQR_OK);
    vqr_status st = vqr_payload_parse(&q, out, len, VQR_PARSE_STRICT, &err);
    for (size_t i = 0; i < vqr_payload_diag_count(&q) && i < VQR_DIAG_MAX; i++) {
        FUZZ_CHECK(vqr_payload_diag(&q, i, &err, NULL) == VQR_OK);
        /* The builder leaves out 52, 59 and 60 when they are not given. */
        if (err.code != VQR_ERR_MISSING)
            fprintf(stderr, "%s: strict %s at %s\n", out, err.name, err.tag);
        FUZZ_CHECK(err.code == VQR_ERR_MISSING);
        FUZZ_CHECK(strcmp(err.tag, "52") == 0 || strcmp(err.tag, "59") == 0 ||
                   strcmp(err.tag, "60") == 0);
    }
    (void)st;
    /* What the builder makes is valid under the default profile, which
     * is the VietQR profile for it, with no diagnostic at all. */
    FUZZ_CHECK(vqr_payload_parse(&q, out, len, VQR_PARSE_VIETQR, &err) == VQR_OK);
    FUZZ_CHECK(vqr_payload_diag_count(&q) == 0);
    if (vqr_payload_parse(&q, out, len, VQR_PARSE_DEFAULT, &err) != VQR_OK)
        fprintf(stderr, "%s: default %s at %s\n", out, err.name, err.tag);
    FUZZ_CHECK(vqr_payload_diag_count(&q) == 0);
    FUZZ_CHECK(vqr_payload_profile(&q) == VQR_PROFILE_VIETQR);
    check_read_back(&q, in, flags, rep, s);
    check_read_back(p, in, flags, rep, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 13)
        return 0;
    unsigned flags = data[0] & (unsigned)(VQR_VIETQR_STRICT_TEXT | VQR_VIETQR_ALNUM_ACCOUNT);
    vqr_vietqr in;
    vqr_vietqr_init(&in, sizeof in, NULL);
    in.service = (vqr_service)(data[1] % 6);
    uint64_t amount = 0, mod = 1;
    for (int i = 0; i < 8; i++)
        amount |= (uint64_t)data[2 + i] << (8 * i);
    for (int i = 0; i < data[10] % 16; i++)
        mod *= 10;
    in.amount = amount % mod;
    unsigned cur = (unsigned)data[11] | (unsigned)data[12] << 8;
    in.currency = (cur & 0x8000u) ? 704u : cur % 1000u;

    /* The strings: a NUL-terminated copy of the rest, cut at each NUL. */
    size_t rest = size - 13;
    char *buf = malloc(rest + 1);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, data + 13, rest);
    buf[rest] = '\0';
    const char *s[S_COUNT] = { NULL };
    size_t at = 0;
    for (int k = 0; k < S_COUNT && at <= rest; k++) {
        s[k] = buf + at;
        at += strlen(buf + at) + 1;
    }
    in.bank = s[S_BANK];
    in.account = s[S_ACCOUNT];
    if (s[S_COUNTRY])
        in.country = s[S_COUNTRY];
    in.mcc = s[S_MCC];
    in.merchant_name = s[S_NAME];
    in.merchant_city = s[S_CITY];
    in.bill_number = s[S_BILL];
    in.store = s[S_STORE];
    in.reference = s[S_REF];
    in.terminal = s[S_TERM];
    in.purpose = s[S_PURPOSE];

    vqr_payload p;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_vietqr_build(&in, flags, &p, &rep, &err);
    FUZZ_CHECK(err.code == st);
    if (st == VQR_OK) {
        check_built(&p, &in, flags, &rep, s);
    } else {
        if (!documented_error(st))
            fprintf(stderr, "undocumented error %s at %s\n", err.name, err.tag);
        FUZZ_CHECK(documented_error(st));
        FUZZ_CHECK(st == VQR_ERR_INVALID_ARGUMENT || err.tag[0] != '\0');
        /* On error the payload holds only 00. */
        vqr_handle h = vqr_payload_first(&p, VQR_ROOT);
        vqr_object o;
        VQR_INIT(&o);
        FUZZ_CHECK(h != VQR_NONE && vqr_payload_object(&p, h, &o, NULL) == VQR_OK && o.id == 0);
        FUZZ_CHECK(vqr_payload_next(&p, h) == VQR_NONE);
        char out[16];
        size_t len = 0;
        FUZZ_CHECK(vqr_vietqr_write(&in, flags, out, sizeof out, &len, NULL, &err) == st);
        FUZZ_CHECK(len == 0);
    }
    check_amount_text(s[S_AMOUNT], in.currency);
    free(buf);
    return 0;
}
