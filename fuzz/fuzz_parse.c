/*
 * fuzz_parse.c - vqr_payload_parse on arbitrary bytes.
 *
 * Input: one flags byte (bit 0: lenient; bit 1: make the CRC right first;
 * bit 2: in lower case; bits 3 and 4, when not lenient: the profile, 0 the
 * default, 1 EMVCo, 2 VietQR, 3 the default), then the payload. Besides
 * the sanitizers, checks what the header promises about the result: the
 * status is the first error, the counts add up, every diagnostic and
 * object reads back, every object is found by its tag path, the CRC report
 * agrees with vqr_crc_check and with the bytewise vqr_crc16, a payload
 * that passes strict EMVCo passes lenient mode with no diagnostic at all,
 * and one that passes the VietQR profile breaks no EMVCo rule but the
 * presence of 52, 53, 58, 59 and 60. vqr_vietqr_read on the result
 * returns a documented status, strings that fit their arrays, and the
 * values of the payload's objects.
 */
#include "fuzz.h"

#include <string.h>

static const vqr_bank *bank_bin(const char *bin, size_t len)
{
    const vqr_bank *b;
    (void)vqr_bank_find_bin(bin, len, &b, NULL);
    return b;
}

static void check_tag(const char *tag)
{
    size_t n = strlen(tag);
    FUZZ_CHECK(n == 0 || n == 2 || n == 5 || n == 8);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(i % 3 == 2 ? tag[i] == '.' : (tag[i] >= '0' && tag[i] <= '9'));
}

static void check_error(const vqr_error *e, size_t len)
{
    FUZZ_CHECK(e->name && e->message && e->message_vi);
    FUZZ_CHECK(strcmp(e->name, "VQR_ERR_UNKNOWN") != 0);
    FUZZ_CHECK(strcmp(e->name, vqr_status_name(e->code)) == 0);
    FUZZ_CHECK(e->severity == VQR_SEVERITY_ERROR || e->severity == VQR_SEVERITY_WARNING);
    FUZZ_CHECK(e->offset <= (len > VQR_INPUT_MAX ? VQR_INPUT_MAX : len));
    FUZZ_CHECK(e->char_offset <= e->offset);
    FUZZ_CHECK(e->related_offset == SIZE_MAX || e->related_offset < e->offset);
    check_tag(e->tag);
}

static void check_diagnostics(const vqr_payload *p, vqr_status st, const vqr_error *err, size_t len)
{
    size_t n = vqr_payload_diag_count(p);
    size_t nerr = vqr_payload_diag_count_severity(p, VQR_SEVERITY_ERROR);
    size_t nwarn = vqr_payload_diag_count_severity(p, VQR_SEVERITY_WARNING);
    FUZZ_CHECK(n == nerr + nwarn);
    FUZZ_CHECK(err->code == st);
    FUZZ_CHECK((st == VQR_OK) == (nerr == 0));
    int first_error_seen = 0;
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        FUZZ_CHECK(vqr_payload_diag(p, i, &e, NULL) == VQR_OK);
        check_error(&e, len);
        FUZZ_CHECK(e.code != VQR_OK);
        if (e.severity == VQR_SEVERITY_ERROR && !first_error_seen) {
            first_error_seen = 1;
            FUZZ_CHECK(e.code == err->code && e.severity == err->severity);
            FUZZ_CHECK(e.offset == err->offset && e.char_offset == err->char_offset);
            FUZZ_CHECK(e.related_offset == err->related_offset && e.limit == err->limit);
            FUZZ_CHECK(strcmp(e.tag, err->tag) == 0 && e.message == err->message);
        }
    }
    vqr_error past;
    VQR_INIT(&past);
    FUZZ_CHECK(vqr_payload_diag(p, n < VQR_DIAG_MAX ? n : VQR_DIAG_MAX, &past, NULL) ==
               VQR_ERR_NOT_FOUND);
    if (st != VQR_OK)
        check_error(err, len);
}

static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Every object: a sane handle, a value inside the input, found by its tag. */
static void check_tree(const vqr_payload *p, const char *data, size_t len, vqr_handle parent,
                       int depth, size_t *count)
{
    for (vqr_handle h = vqr_payload_first(p, parent); h != VQR_NONE; h = vqr_payload_next(p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        FUZZ_CHECK(vqr_payload_object(p, h, &o, NULL) == VQR_OK);
        FUZZ_CHECK(++*count <= len / 4);
        FUZZ_CHECK(o.depth == depth && o.id >= 0 && o.id <= 99);
        check_tag(o.tag);
        FUZZ_CHECK(strlen(o.tag) == (size_t)(2 + 3 * depth));
        FUZZ_CHECK(o.offset + 4 <= len);
        FUZZ_CHECK(memcmp(data + o.offset, o.tag + 3 * depth, 2) == 0);
        FUZZ_CHECK(o.value.ptr != NULL);
        FUZZ_CHECK(o.value.len <= 99 * 4 && o.value.chars <= 99);
        FUZZ_CHECK(o.value.chars == utf8_chars(o.value.ptr, o.value.len));
        FUZZ_CHECK(o.offset + 4 + o.value.len <= len);
        FUZZ_CHECK(memcmp(data + o.offset + 4, o.value.ptr, o.value.len) == 0);
        FUZZ_CHECK(o.char_offset <= o.offset);
        FUZZ_CHECK(!(o.is_template && o.raw));
        vqr_view v;
        vqr_status st = vqr_payload_get(p, o.tag, &v, NULL);
        if (v.ptr == o.value.ptr)
            FUZZ_CHECK(st == VQR_OK && v.len == o.value.len && v.chars == o.value.chars);
        else /* a later duplicate of an ID, or inside one */
            FUZZ_CHECK(vqr_payload_diag_count(p) > VQR_DIAG_MAX ||
                       fuzz_has_diag(p, VQR_ERR_DUPLICATE_ID));
        if (o.is_template)
            check_tree(p, data, len, h, depth + 1, count);
        else
            FUZZ_CHECK(vqr_payload_first(p, h) == VQR_NONE);
    }
}

/* The offset of the first diagnostic with this code, or SIZE_MAX. */
static size_t diag_offset(const vqr_payload *p, vqr_status code)
{
    for (size_t i = 0; i < vqr_payload_diag_count(p) && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_payload_diag(p, i, &e, NULL) == VQR_OK && e.code == code)
            return e.offset;
    }
    return SIZE_MAX;
}

static void check_crc(const vqr_payload *p, const char *data, size_t len, vqr_status st)
{
    char given[5], computed[5];
    bool match = vqr_payload_crc(p, given, computed);
    FUZZ_CHECK(strlen(given) == 0 || strlen(given) == 4);
    FUZZ_CHECK(strlen(computed) == strlen(given));
    /* Malformed UTF-8 stops the reading (after a byte order mark, it is
     * not the first error). */
    if (st == VQR_ERR_INPUT_TOO_LARGE || fuzz_has_diag(p, VQR_ERR_UTF8)) {
        FUZZ_CHECK(!match && given[0] == '\0');
        return;
    }
    /* The payload proper: after a byte order mark, up to data after its CRC. */
    size_t end = diag_offset(p, VQR_ERR_TRAILING_DATA);
    if (end != SIZE_MAX) {
        FUZZ_CHECK(end < len && end >= 8 && memcmp(data + end - 8, "63", 2) == 0);
        len = end;
    }
    if (diag_offset(p, VQR_ERR_BOM) == 0) {
        FUZZ_CHECK(len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0);
        data += 3;
        len -= 3;
    }
    char expected[5];
    vqr_status cst = vqr_crc_check(data, len, expected, NULL);
    FUZZ_CHECK(match == (cst == VQR_OK));
    if (computed[0]) {
        FUZZ_CHECK(len >= 8 && memcmp(data + len - 8, "6304", 4) == 0);
        FUZZ_CHECK(strcmp(computed, expected) == 0);
        char bytewise[8];
        snprintf(bytewise, sizeof bytewise, "%04X", (unsigned)vqr_crc16(data, len - 4));
        FUZZ_CHECK(strcmp(computed, bytewise) == 0);
    } else {
        FUZZ_CHECK(cst == VQR_ERR_CRC_MISSING);
    }
}

/* The view's copy of the value at `tag` (cut at a NUL, as a C string is). */
static void check_copy(const vqr_payload *p, const char *tag, const char *got, size_t cap)
{
    FUZZ_CHECK(memchr(got, '\0', cap) != NULL);
    vqr_view v;
    if (vqr_payload_get(p, tag, &v, NULL) != VQR_OK || memchr(v.ptr, '\0', v.len))
        return;
    FUZZ_CHECK(strlen(got) == v.len && memcmp(got, v.ptr, v.len) == 0);
}

static void check_vietqr_read(const vqr_payload *p)
{
    static vqr_vietqr_info info;
    VQR_INIT(&info);
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_vietqr_read(p, &info, &err);
    FUZZ_CHECK(err.code == st);
    FUZZ_CHECK(st == VQR_OK || st == VQR_ERR_NOT_VIETQR || st == VQR_ERR_TEMPLATE_MALFORMED ||
               st == VQR_ERR_MISSING);
    if (st == VQR_ERR_NOT_VIETQR) {
        FUZZ_CHECK(info.network == VQR_NETWORK_NONE);
        return;
    }
    FUZZ_CHECK(info.network != VQR_NETWORK_NONE);
    FUZZ_CHECK(info.mai_id >= 26 && info.mai_id <= 51);
    FUZZ_CHECK(st == VQR_OK || info.network == VQR_NETWORK_NAPAS);
    FUZZ_CHECK(memchr(info.bank_short_name, '\0', sizeof info.bank_short_name) != NULL);
    FUZZ_CHECK(memchr(info.bank_name, '\0', sizeof info.bank_name) != NULL);
    FUZZ_CHECK(memchr(info.bank_swift, '\0', sizeof info.bank_swift) != NULL);
    FUZZ_CHECK(memchr(info.currency_alpha, '\0', sizeof info.currency_alpha) != NULL);
    FUZZ_CHECK(!info.bank_known || bank_bin(info.bin, strlen(info.bin)) != NULL);
    if (info.network == VQR_NETWORK_NAPAS) {
        FUZZ_CHECK(info.mai_id == 38);
        check_copy(p, "38.01.00", info.bin, sizeof info.bin);
        check_copy(p, "38.01.01", info.account, sizeof info.account);
        check_copy(p, "38.02", info.service_code, sizeof info.service_code);
    }
    check_copy(p, "54", info.amount, sizeof info.amount);
    check_copy(p, "58", info.country, sizeof info.country);
    check_copy(p, "52", info.mcc, sizeof info.mcc);
    check_copy(p, "59", info.merchant_name, sizeof info.merchant_name);
    check_copy(p, "60", info.merchant_city, sizeof info.merchant_city);
    check_copy(p, "62.01", info.bill_number, sizeof info.bill_number);
    check_copy(p, "62.03", info.store, sizeof info.store);
    check_copy(p, "62.05", info.reference, sizeof info.reference);
    check_copy(p, "62.07", info.terminal, sizeof info.terminal);
    check_copy(p, "62.08", info.purpose, sizeof info.purpose);
    /* The amount in minor units is what vqr_amount_parse makes of 54's
     * value as written (info.amount stops at a NUL, the value does not). */
    vqr_view amount;
    if (info.amount[0] && info.currency && vqr_payload_get(p, "54", &amount, NULL) == VQR_OK) {
        uint64_t minor = 0;
        vqr_status ast = vqr_amount_parse(amount.ptr, amount.len, info.currency, &minor, NULL);
        FUZZ_CHECK(ast == info.amount_status && minor == info.amount_minor);
    } else {
        FUZZ_CHECK(info.amount_minor == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const unsigned profiles[4] = { VQR_PARSE_DEFAULT, VQR_PARSE_EMVCO, VQR_PARSE_VIETQR,
                                          VQR_PARSE_DEFAULT };
    unsigned flags = (data[0] & 1u) ? VQR_PARSE_LENIENT : profiles[(data[0] >> 3) & 3u];
    size_t len = size - 1;
    char *in = fuzz_copy_input(data + 1, len, data[0] & 2u, data[0] & 4u);

    vqr_payload p;
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_payload_parse(&p, in, len, flags, &err);
    check_diagnostics(&p, st, &err, len);
    check_crc(&p, in, len, st);
    if (st != VQR_ERR_INPUT_TOO_LARGE && !fuzz_has_diag(&p, VQR_ERR_UTF8)) {
        size_t count = 0;
        check_tree(&p, in, len, VQR_ROOT, 0, &count);
    }
    check_vietqr_read(&p);

    vqr_profile used = vqr_payload_profile(&p);
    FUZZ_CHECK(used != VQR_PROFILE_NONE);
    if (flags != VQR_PARSE_DEFAULT)
        FUZZ_CHECK(used == (flags == VQR_PARSE_LENIENT ? VQR_PROFILE_LENIENT
                            : flags == VQR_PARSE_EMVCO ? VQR_PROFILE_EMVCO
                                                       : VQR_PROFILE_VIETQR));
    if (st == VQR_OK && used == VQR_PROFILE_EMVCO) {
        /* Strict success: no diagnostic at all, and lenient agrees. */
        FUZZ_CHECK(vqr_payload_diag_count(&p) == 0);
        vqr_payload q;
        FUZZ_CHECK(vqr_payload_parse(&q, in, len, VQR_PARSE_LENIENT, NULL) == VQR_OK);
        FUZZ_CHECK(vqr_payload_diag_count(&q) == 0);
    }
    if (st == VQR_OK && used == VQR_PROFILE_VIETQR) {
        /* VietQR success: EMVCo finds at most absent 52, 53, 58, 59, 60. */
        FUZZ_CHECK(vqr_payload_diag_count(&p) == 0);
        vqr_payload q;
        vqr_payload_parse(&q, in, len, VQR_PARSE_EMVCO, NULL);
        for (size_t i = 0; i < vqr_payload_diag_count(&q) && i < VQR_DIAG_MAX; i++) {
            vqr_error e;
            VQR_INIT(&e);
            FUZZ_CHECK(vqr_payload_diag(&q, i, &e, NULL) == VQR_OK);
            FUZZ_CHECK(e.code == VQR_ERR_MISSING &&
                       (!strcmp(e.tag, "52") || !strcmp(e.tag, "53") || !strcmp(e.tag, "58") ||
                        !strcmp(e.tag, "59") || !strcmp(e.tag, "60")));
        }
    }
    free(in);
    return 0;
}
