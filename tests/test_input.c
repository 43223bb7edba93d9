/*
 * test_input.c - what surrounds or skews a payload, with exact codes,
 * offsets and severities: a leading byte order mark, data after the CRC,
 * lengths counted in UTF-16 code units, decomposed (NFD) text in S fields,
 * and the minimum lenient mode still asks of a payload (someone to pay, a
 * currency or a country).
 */
#include "testutil.h"

/* NAPAS §6.1.3: valid under the default profile (VietQR). */
static const char k_napas[] = "00020101021238570010A00000072701270006970403011300110123456780208"
                              "QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don "
                              "hang63042E2E";

typedef struct want {
    vqr_status code;
    vqr_severity sev;
    size_t offset;
    size_t char_offset;
    const char *tag;
} want;

#define ERR VQR_SEVERITY_ERROR
#define WARN VQR_SEVERITY_WARNING

/* Parses and checks the status and every diagnostic, in order. */
static void expect(vqr_payload *p, const char *in, size_t len, unsigned flags, const want *w,
                   size_t n)
{
    vqr_error e;
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_payload_parse(p, in, len, flags, &e);
    vqr_status first = VQR_OK;
    for (size_t i = 0; i < n && first == VQR_OK; i++)
        if (w[i].sev == ERR)
            first = w[i].code;
    ck_assert_msg(st == first, "%.*s: %s, expected %s", (int)len, in, vqr_status_name(st),
                  vqr_status_name(first));
    ck_assert_uint_eq(vqr_payload_diag_count(p), n);
    for (size_t i = 0; i < n; i++) {
        vqr_error d;
        VQR_INIT(&d);
        ck_assert_int_eq(vqr_payload_diag(p, i, &d, NULL), VQR_OK);
        ck_assert_msg(d.code == w[i].code, "diagnostic %zu: %s, expected %s", i, d.name,
                      vqr_status_name(w[i].code));
        ck_assert_int_eq(d.severity, w[i].sev);
        ck_assert_uint_eq(d.offset, w[i].offset);
        ck_assert_uint_eq(d.char_offset, w[i].char_offset);
        ck_assert_str_eq(d.tag, w[i].tag);
    }
}

static void keep_order_is(const vqr_payload *p, const char *expected)
{
    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t n;
    ck_assert_int_eq(vqr_payload_write(p, VQR_WRITE_KEEP_ORDER, out, sizeof out, &n, NULL), VQR_OK);
    ck_assert_str_eq(out, expected);
}

/* ---- a byte order mark ---- */

START_TEST(bom_is_named_and_skipped)
{
    char in[256];
    size_t n = strlen(k_napas);
    memcpy(in, "\xEF\xBB\xBF", 3);
    memcpy(in + 3, k_napas, n);
    vqr_payload p;
    const want strict[] = { { VQR_ERR_BOM, ERR, 0, 0, "" } };
    expect(&p, in, n + 3, VQR_PARSE_DEFAULT, strict, 1);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_VIETQR);
    /* The payload behind it is read whole, offsets count from the input. */
    vqr_view v;
    VQR_INIT(&v);
    ck_assert_int_eq(vqr_payload_get(&p, "54", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.len, 6);
    ck_assert_mem_eq(v.ptr, "180000", 6);
    vqr_object o;
    VQR_INIT(&o);
    ck_assert_int_eq(vqr_payload_object(&p, vqr_payload_first(&p, VQR_ROOT), &o, NULL), VQR_OK);
    ck_assert_uint_eq(o.offset, 3);
    ck_assert_uint_eq(o.char_offset, 1);
    char given[5], computed[5];
    ck_assert(vqr_payload_crc(&p, given, computed));
    ck_assert_str_eq(computed, "2E2E");
    keep_order_is(&p, k_napas);

    /* Lenient: a warning, and the payload is valid. */
    const want lenient[] = { { VQR_ERR_BOM, WARN, 0, 0, "" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, n + 3, VQR_PARSE_LENIENT, lenient, 4);
    keep_order_is(&p, k_napas);

    /* A BOM and nothing else reads as nothing, after the BOM. */
    vqr_payload empty;
    ck_assert_int_eq(vqr_payload_parse(&empty, "", 0, VQR_PARSE_DEFAULT, NULL),
                     VQR_ERR_CRC_MISSING);
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_payload_parse(&p, "\xEF\xBB\xBF", 3, VQR_PARSE_DEFAULT, &e), VQR_ERR_BOM);
    ck_assert_uint_eq(vqr_payload_diag_count(&p), vqr_payload_diag_count(&empty) + 1);
    ck_assert_int_eq(find_diag(&p, VQR_ERR_CRC_MISSING, &e), 1);
    ck_assert_uint_eq(e.offset, 3);
    ck_assert_uint_eq(e.char_offset, 1);
    /* A BOM in the middle is not one. */
    const want middle[] = { { VQR_ERR_BAD_ID, ERR, 6, 6, "" },
                            { VQR_ERR_CRC_MISSING, ERR, 13, 11, "" } };
    expect(&p,
           "000201\xEF\xBB\xBF"
           "0102",
           13, VQR_PARSE_DEFAULT, middle, 2);
}
END_TEST

/* ---- data after the CRC ---- */

START_TEST(data_after_the_crc)
{
    static const struct {
        const char *tail;
        size_t bytes;
    } tails[] = { { "\n", 1 }, { "\r\n", 2 },        { " ", 1 },    { "\n\n", 2 },
                  { "63", 2 }, { "0002010102", 10 }, { "\xFF", 1 }, { "\xC3\xA0\n", 3 } };
    char in[512];
    size_t n = strlen(k_napas);
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t t = strlen(tails[i].tail);
        memcpy(in, k_napas, n);
        memcpy(in + n, tails[i].tail, t);
        vqr_payload p;
        for (int m = 0; m < 3; m++) {
            static const unsigned flags[3] = { VQR_PARSE_DEFAULT, VQR_PARSE_EMVCO,
                                               VQR_PARSE_LENIENT };
            vqr_error e;
            VQR_INIT(&e);
            ck_assert_int_eq(vqr_payload_parse(&p, in, n + t, flags[m], &e), VQR_ERR_TRAILING_DATA);
            ck_assert_uint_eq(e.offset, n);
            ck_assert_uint_eq(e.char_offset, n);
            ck_assert_uint_eq(e.limit, tails[i].bytes);
            ck_assert_str_eq(e.tag, "");
            ck_assert_int_eq(e.severity, ERR);
            /* Nothing else is wrong (but EMVCo's 52, 59, 60): the CRC of the
             * payload proper is right. */
            ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, ERR), m == 1 ? 4 : 1);
            char given[5], computed[5];
            ck_assert(vqr_payload_crc(&p, given, computed));
            ck_assert_str_eq(given, "2E2E");
        }
        const want w[] = { { VQR_ERR_TRAILING_DATA, ERR, n, n, "" } };
        expect(&p, in, n + t, VQR_PARSE_DEFAULT, w, 1);
        keep_order_is(&p, k_napas);
    }

    /* A second payload after a complete one (its CRC right) is data after
     * the CRC too; objects after a CRC that is not the CRC of what comes
     * before it mean that the CRC is not last. */
    memcpy(in, k_napas, n);
    memcpy(in + n, k_napas, n);
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_payload_parse(&p, in, 2 * n, VQR_PARSE_DEFAULT, &e),
                     VQR_ERR_TRAILING_DATA);
    ck_assert_uint_eq(e.offset, n);
    ck_assert_uint_eq(e.limit, n);
    ck_assert_int_eq(vqr_payload_parse(&p, "0002016304ABCD5802VN", 20, VQR_PARSE_DEFAULT, &e),
                     VQR_ERR_CRC_NOT_LAST);

    /* Characters before it count once each. */
    const char *viet = with_crc("00020101021138570010A00000072701270006970403011300110123456780208"
                                "QRIBFTTA53037045802VN6412"
                                "0002vi0102Hà");
    n = strlen(viet);
    memcpy(in, viet, n);
    in[n] = '\n';
    const want w[] = { { VQR_ERR_TRAILING_DATA, ERR, n, n - 1, "" } };
    expect(&p, in, n + 1, VQR_PARSE_DEFAULT, w, 1);

    /* A payload without a CRC is still CRC_MISSING, whatever follows. */
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_payload_parse(&p, "000201\n", 7, VQR_PARSE_DEFAULT, &e),
                     VQR_ERR_TRUNCATED);
}
END_TEST

/* ---- lengths in UTF-16 code units ---- */

/* The emoji U+1F389 (4 bytes of UTF-8, 2 UTF-16 code units). */
#define PARTY "\xF0\x9F\x8E\x89"

START_TEST(utf16_lengths)
{
    /* As vietnam-qr-pay writes it: 62.08 "Tết " PARTY is 5 characters, 6
     * UTF-16 units; 62 holds 10 units (9 characters). */
    const char *in = with_crc("00020101021238570010A00000072701270006970403011300110123456780208"
                              "QRIBFTTA530370454061800005802VN"
                              "6210"
                              "0806T\xE1\xBA\xBFt " PARTY);
    size_t len = strlen(in);
    size_t at = (size_t)(strstr(in, "0806") - in);
    size_t at62 = at - 4;
    vqr_payload p;
    /* Lenient: read as written, with a warning naming the field. */
    const want lenient[] = { { VQR_ERR_UTF16_LENGTHS, WARN, at, at, "62.08" },
                             { VQR_ERR_FORMAT_ANS, WARN, at, at, "62.08" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, len, VQR_PARSE_LENIENT, lenient, 5);
    vqr_view v;
    VQR_INIT(&v);
    ck_assert_int_eq(vqr_payload_get(&p, "62.08", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.chars, 5);
    ck_assert_uint_eq(v.len, 10);
    ck_assert_mem_eq(v.ptr, "T\xE1\xBA\xBFt " PARTY, 10);
    /* Written back, lengths count characters. */
    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t n;
    ck_assert_int_eq(vqr_payload_write(&p, VQR_WRITE_KEEP_ORDER, out, sizeof out, &n, NULL),
                     VQR_OK);
    ck_assert_ptr_nonnull(strstr(out, "62090805T\xE1\xBA\xBFt " PARTY "6304"));
    vqr_payload q;
    ck_assert_int_eq(vqr_payload_parse(&q, out, n, VQR_PARSE_LENIENT, NULL), VQR_OK);
    ck_assert_int_eq(find_diag(&q, VQR_ERR_UTF16_LENGTHS, NULL), -1);

    /* Strict profiles: the same code as the error, the tree read the same way. */
    const want strict[] = { { VQR_ERR_UTF16_LENGTHS, ERR, at, at, "62.08" },
                            { VQR_ERR_FORMAT_ANS, ERR, at, at, "62.08" } };
    expect(&p, in, len, VQR_PARSE_DEFAULT, strict, 2);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_VIETQR);
    ck_assert_int_eq(vqr_payload_get(&p, "62.08", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.chars, 5);

    /* In an S field, where EMVCo allows the emoji: only the lengths are wrong. */
    in = with_crc("00020101021238570010A00000072701270006970403011300110123456780208"
                  "QRIBFTTA53037045802VN"
                  "6416"
                  "0002vi"
                  "0106Hoa " PARTY);
    len = strlen(in);
    at = (size_t)(strstr(in, "0106") - in);
    const want s_field[] = { { VQR_ERR_UTF16_LENGTHS, ERR, at, at, "64.01" } };
    expect(&p, in, len, VQR_PARSE_DEFAULT, s_field, 1);
    const want s_lenient[] = { { VQR_ERR_UTF16_LENGTHS, WARN, at, at, "64.01" },
                               { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                               { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                               { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, len, VQR_PARSE_LENIENT, s_lenient, 4);

    /* The same payload with character lengths has no such diagnostic. */
    in = with_crc("00020101021238570010A00000072701270006970403011300110123456780208"
                  "QRIBFTTA53037045802VN"
                  "6415"
                  "0002vi"
                  "0105Hoa " PARTY);
    expect(&p, in, strlen(in), VQR_PARSE_DEFAULT, NULL, 0);
    (void)at62;

    /* A wrong CRC: not taken as UTF-16 lengths, the character reading stays. */
    char bad[256];
    const char *good = with_crc("000201010212"
                                "6416"
                                "0002vi"
                                "0106Hoa " PARTY);
    len = strlen(good);
    memcpy(bad, good, len);
    bad[len - 1] = bad[len - 1] == '0' ? '1' : '0';
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_ne(vqr_payload_parse(&p, bad, len, VQR_PARSE_LENIENT, &e), VQR_OK);
    ck_assert_int_eq(find_diag(&p, VQR_ERR_UTF16_LENGTHS, NULL), -1);
}
END_TEST

/* ---- NFD in S fields ---- */

START_TEST(nfd_in_s_fields)
{
    /* 64.01 "Nguye" U+0302 U+0303 "n": NFC is "Nguyễn". */
    const char *in = with_crc("00020101021138570010A00000072701270006970403011300110123456780208"
                              "QRIBFTTA53037045802VN"
                              "6418"
                              "0002vi"
                              "0108Nguye\xCC\x82\xCC\x83n");
    size_t len = strlen(in);
    size_t at = (size_t)(strstr(in, "\xCC\x82") - in);
    size_t chars = at; /* ASCII before it */
    vqr_payload p;
    const want strict[] = { { VQR_ERR_NOT_NFC, ERR, at, chars, "64.01" } };
    expect(&p, in, len, VQR_PARSE_DEFAULT, strict, 1);
    expect(&p, in, len, VQR_PARSE_VIETQR, strict, 1);
    const want lenient[] = { { VQR_ERR_NOT_NFC, WARN, at, chars, "64.01" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                             { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, len, VQR_PARSE_LENIENT, lenient, 4);

    /* The same name in NFC is fine. */
    in = with_crc("00020101021138570010A00000072701270006970403011300110123456780208"
                  "QRIBFTTA53037045802VN"
                  "6416"
                  "0002vi"
                  "0106Nguy\xE1\xBB\x85n");
    expect(&p, in, strlen(in), VQR_PARSE_DEFAULT, NULL, 0);

    /* Mixed: precomposed "Đức" then NFD "Lê" (e U+0302): the mark after e. */
    in = with_crc("000201010211"
                  "2621"
                  "0006vn.abc"
                  "0107\xC4\x90\xE1\xBB\xA9"
                  "c Le\xCC\x82"
                  "52045411530370458"
                  "02VN5903ABC6002HN");
    len = strlen(in);
    at = (size_t)(strstr(in, "\xCC\x82") - in);
    chars = at - 3; /* Đ and ứ are 2 and 3 bytes: 3 bytes more than characters */
    const want mixed[] = { { VQR_ERR_NOT_NFC, ERR, at, chars, "26.01" } };
    expect(&p, in, len, VQR_PARSE_DEFAULT, mixed, 1);

    /* A singleton (U+212B ANGSTROM SIGN -> U+00C5): no mark, the character itself. */
    in = with_crc("000201010211"
                  "2615"
                  "0006vn.abc"
                  "0101\xE2\x84\xAB"
                  "52045411530370458"
                  "02VN5903ABC6002HN");
    len = strlen(in);
    at = (size_t)(strstr(in, "\xE2\x84\xAB") - in);
    const want angstrom[] = { { VQR_ERR_NOT_NFC, ERR, at, at, "26.01" } };
    expect(&p, in, len, VQR_PARSE_DEFAULT, angstrom, 1);

    /* A mark with nothing to compose with is NFC (x U+0301). */
    in = with_crc("000201010211"
                  "2616"
                  "0006vn.abc"
                  "0102x\xCC\x81"
                  "52045411530370458"
                  "02VN5903ABC6002HN");
    expect(&p, in, strlen(in), VQR_PARSE_DEFAULT, NULL, 0);
}
END_TEST

/* ---- what lenient mode still asks ---- */

START_TEST(lenient_minimum)
{
    vqr_payload p;
    /* Nothing to pay: no account, no currency, no country. */
    const want nothing[] = {
        { VQR_ERR_MISSING, WARN, 0, 0, "52" }, { VQR_ERR_MISSING, ERR, 0, 0, "53" },
        { VQR_ERR_MISSING, ERR, 0, 0, "58" },  { VQR_ERR_MISSING, WARN, 0, 0, "59" },
        { VQR_ERR_MISSING, WARN, 0, 0, "60" }, { VQR_ERR_NO_MERCHANT_ACCOUNT, ERR, 0, 0, "" }
    };
    expect(&p, "0002016304AAE6", 14, VQR_PARSE_LENIENT, nothing, 6);

    /* An account but neither currency nor country. */
    const char *in = with_crc("000201"
                              "2620"
                              "0010A000000775"
                              "0102AB");
    const want no_money[] = { { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                              { VQR_ERR_MISSING, ERR, 0, 0, "53" },
                              { VQR_ERR_MISSING, ERR, 0, 0, "58" },
                              { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                              { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, strlen(in), VQR_PARSE_LENIENT, no_money, 5);

    /* One of them is enough. */
    in = with_crc("000201"
                  "2620"
                  "0010A000000775"
                  "0102AB"
                  "5303704");
    const want currency[] = { { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                              { VQR_ERR_MISSING, WARN, 0, 0, "58" },
                              { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                              { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, strlen(in), VQR_PARSE_LENIENT, currency, 4);

    /* A currency and a country but no account. */
    in = with_crc("000201"
                  "5303704"
                  "5802VN");
    const want no_account[] = { { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                                { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                                { VQR_ERR_MISSING, WARN, 0, 0, "60" },
                                { VQR_ERR_NO_MERCHANT_ACCOUNT, ERR, 0, 0, "" } };
    expect(&p, in, strlen(in), VQR_PARSE_LENIENT, no_account, 4);

    /* NAPAS reads an absent 53 and 58 as VND and VN: payable, warnings only. */
    in = with_crc("00020101021238570010A00000072701270006970403011300110123456780208"
                  "QRIBFTTA");
    const want napas[] = { { VQR_ERR_MISSING, WARN, 0, 0, "52" },
                           { VQR_ERR_MISSING, WARN, 0, 0, "53" },
                           { VQR_ERR_MISSING, WARN, 0, 0, "58" },
                           { VQR_ERR_MISSING, WARN, 0, 0, "59" },
                           { VQR_ERR_MISSING, WARN, 0, 0, "60" } };
    expect(&p, in, strlen(in), VQR_PARSE_LENIENT, napas, 5);
    expect(&p, in, strlen(in), VQR_PARSE_DEFAULT, NULL, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("input");
    tcase_add_test(tc, bom_is_named_and_skipped);
    tcase_add_test(tc, data_after_the_crc);
    tcase_add_test(tc, utf16_lengths);
    tcase_add_test(tc, nfd_in_s_fields);
    tcase_add_test(tc, lenient_minimum);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
