/*
 * test_rules.c - one case per rule of EMVCo MPM v1.1 as the strict parser
 * checks it, and the same payload in lenient mode, where the rule is a
 * warning (with the same code, offset and tag) unless it says otherwise.
 */
#include "testutil.h"

#define PFI "000201"
#define POI "010211"
#define MAI "26120008com.test"
#define MCC "52045411"
#define CUR "5303704"
#define CTRY "5802VN"
#define NAME "5904TEST"
#define CITY "6005HANOI"
/* Offsets in BASE: 00 @0, 01 @6, 26 @12, 52 @28, 53 @36, 58 @43, 59 @49, 60 @57, end @66 */
#define BASE PFI POI MAI MCC CUR CTRY NAME CITY

enum { BOTH_ERROR = 1 }; /* an error in lenient mode too */

typedef struct rcase {
    const char *body;
    vqr_status code;
    size_t offset;
    const char *tag;
    size_t limit;
    int lenient;
} rcase;

static const rcase k_rules[] = {
    /* formats: N, ans, S */
    { PFI POI MAI "52045A11" CUR CTRY NAME CITY, VQR_ERR_FORMAT_N, 28, "52", 0, 0 },
    { PFI POI MAI MCC CUR CTRY "5904T\xC3\x89ST" CITY, VQR_ERR_FORMAT_ANS, 49, "59", 0, 0 },
    { BASE "64140002vi0104A\x01"
           "BC",
      VQR_ERR_FORMAT_S, 76, "64.01", 0, 0 },
    { BASE "6103\x7F"
           "12",
      VQR_ERR_FORMAT_ANS, 66, "61", 0, 0 },
    /* lengths */
    { PFI POI MAI MCC CUR CTRY "5926ABCDEFGHIJKLMNOPQRSTUVWXYZ" CITY, VQR_ERR_LENGTH, 49, "59", 25,
      0 },
    { PFI POI MAI "5203541" CUR CTRY NAME CITY, VQR_ERR_LENGTH, 28, "52", 4, 0 },
    { PFI POI MAI MCC CUR CTRY NAME "6016HO CHI MINH CITY", VQR_ERR_LENGTH, 57, "60", 15, 0 },
    { BASE "6111123456789AB", VQR_ERR_LENGTH, 66, "61", 10, 0 },
    { BASE "6230"
           "0126ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      VQR_ERR_LENGTH, 70, "62.01", 25, 0 },
    { BASE "62080904AMEA", VQR_ERR_LENGTH, 70, "62.09", 3, 0 },
    { BASE "62251021123456789012345678901", VQR_ERR_LENGTH, 70, "62.10", 20, 0 },
    { BASE "6206110212", VQR_ERR_LENGTH, 70, "62.11", 3, 0 },
    { BASE "6436"
           "0002vi"
           "0126ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      VQR_ERR_LENGTH, 76, "64.01", 25, 0 },
    { PFI POI "26370033abcdefghijabcdefghijabcdefghijabc" MCC CUR CTRY NAME CITY, VQR_ERR_LENGTH,
      16, "26.00", 32, 0 },
    /* mandatory objects */
    { PFI POI MAI CUR CTRY NAME CITY, VQR_ERR_MISSING, 0, "52", 0, 0 },
    { PFI POI MAI MCC CTRY NAME CITY, VQR_ERR_MISSING, 0, "53", 0, 0 },
    { PFI POI MAI MCC CUR NAME CITY, VQR_ERR_MISSING, 0, "58", 0, 0 },
    { PFI POI MAI MCC CUR CTRY CITY, VQR_ERR_MISSING, 0, "59", 0, 0 },
    { PFI POI MAI MCC CUR CTRY NAME, VQR_ERR_MISSING, 0, "60", 0, 0 },
    /* nobody to pay: an error in lenient mode too */
    { PFI POI MCC CUR CTRY NAME CITY, VQR_ERR_NO_MERCHANT_ACCOUNT, 0, "", 0, BOTH_ERROR },
    { BASE "27070103abc", VQR_ERR_MISSING, 66, "27.00", 0, 0 },
    { BASE "8113"
           "0103abc"
           "0202xy",
      VQR_ERR_MISSING, 66, "81.00", 0, 0 },
    { BASE "64060002vi", VQR_ERR_MISSING, 66, "64.01", 0, 0 },
    { BASE "62120008com.test", VQR_ERR_RFU_ID, 70, "62.00", 0, 0 },
    /* 00 and 01 */
    { "000202" POI MAI MCC CUR CTRY NAME CITY, VQR_ERR_PFI_VALUE, 0, "00", 0, 0 },
    { "000203" POI MAI MCC CUR CTRY NAME CITY, VQR_ERR_PFI_VALUE, 0, "00", 0, BOTH_ERROR },
    { PFI "010213" MAI MCC CUR CTRY NAME CITY, VQR_ERR_POI_VALUE, 6, "01", 0, 0 },
    { PFI "010210" MAI MCC CUR CTRY NAME CITY, VQR_ERR_POI_VALUE, 6, "01", 0, 0 },
    /* amounts: syntax, zero, the currency's exponent */
    { BASE "54053,705", VQR_ERR_AMOUNT_SYNTAX, 66, "54", 0, 0 },
    { BASE "54053 705", VQR_ERR_AMOUNT_SYNTAX, 66, "54", 0, 0 },
    { BASE "5402.5", VQR_ERR_AMOUNT_SYNTAX, 66, "54", 0, 0 },
    { BASE "54041.2.", VQR_ERR_AMOUNT_SYNTAX, 66, "54", 0, 0 },
    { BASE "5403-10", VQR_ERR_AMOUNT_SYNTAX, 66, "54", 0, 0 },
    { BASE "54040.00", VQR_ERR_AMOUNT_ZERO, 66, "54", 0, 0 },
    { BASE "5401"
           "0",
      VQR_ERR_AMOUNT_ZERO, 66, "54", 0, 0 },
    { BASE "540510.50", VQR_ERR_AMOUNT_DECIMALS, 66, "54", 0, 0 },
    { PFI POI MAI MCC "5303840" CTRY NAME CITY "54051.255", VQR_ERR_AMOUNT_DECIMALS, 66, "54", 2,
      0 },
    { PFI POI MAI MCC "5303048" CTRY NAME CITY "540712.3456", VQR_ERR_AMOUNT_DECIMALS, 66, "54", 3,
      0 },
    { PFI POI MAI MCC "5303999" CTRY NAME CITY, VQR_ERR_CURRENCY, 36, "53", 0, 0 },
    /* tip and convenience fee */
    { BASE "550204", VQR_ERR_TIP_INDICATOR, 66, "55", 0, 0 },
    { BASE "550202", VQR_ERR_TIP_CONFLICT, 66, "55", 0, 0 },
    { BASE "550203", VQR_ERR_TIP_CONFLICT, 66, "55", 0, 0 },
    { BASE "5603500", VQR_ERR_TIP_CONFLICT, 66, "56", 0, 0 },
    { BASE "550201"
           "5603500",
      VQR_ERR_TIP_CONFLICT, 72, "56", 0, 0 },
    { BASE "550202"
           "5701"
           "5",
      VQR_ERR_TIP_CONFLICT, 72, "57", 0, 0 },
    { BASE "550202"
           "56010",
      VQR_ERR_AMOUNT_ZERO, 72, "56", 0, 0 },
    { BASE "550203"
           "570500.00",
      VQR_ERR_FEE_PERCENT, 72, "57", 0, 0 },
    { BASE "550203"
           "5705100.0",
      VQR_ERR_FEE_PERCENT, 72, "57", 0, 0 },
    { BASE "550203"
           "57045%.1",
      VQR_ERR_AMOUNT_SYNTAX, 72, "57", 0, 0 },
    /* country, 62 sub-objects, 64 */
    { PFI POI MAI MCC CUR "5802vn" NAME CITY, VQR_ERR_COUNTRY, 43, "58", 0, 0 },
    { BASE "62070903AMA", VQR_ERR_CONSUMER_DATA, 70, "62.09", 0, 0 },
    { BASE "62070903AXE", VQR_ERR_CONSUMER_DATA, 70, "62.09", 0, 0 },
    { BASE "62071103800", VQR_ERR_MERCHANT_CHANNEL, 70, "62.11", 0, 0 },
    { BASE "62071103040", VQR_ERR_MERCHANT_CHANNEL, 70, "62.11", 0, 0 },
    { BASE "62071103004", VQR_ERR_MERCHANT_CHANNEL, 70, "62.11", 0, 0 },
    { BASE "64140002v10104ABCD", VQR_ERR_LANGUAGE, 70, "64.00", 0, 0 },
    /* RFU objects: 65-79 at the root, 12-49 in 62, 03-99 in 64 */
    { BASE "6503abc", VQR_ERR_RFU_ID, 66, "65", 0, 0 },
    { BASE "62071203abc", VQR_ERR_RFU_ID, 70, "62.12", 0, 0 },
    { BASE "6419"
           "0002vi"
           "0102AB"
           "0303abc",
      VQR_ERR_RFU_ID, 82, "64.03", 0, 0 },
    /* NAPAS 38.01 is a closed template */
    { PFI POI "38490010A0000007270131"
              "0006970422"
              "01100352350917"
              "0203abc" MCC CUR CTRY NAME CITY,
      VQR_ERR_UNKNOWN_ID, 58, "38.01.02", 0, 0 },
    { PFI POI "38320010A0000007270114"
              "000597042"
              "0101X" MCC CUR CTRY NAME CITY,
      VQR_ERR_LENGTH, 34, "38.01.00", 6, 0 },
};

START_TEST(rule_strict_and_lenient)
{
    const rcase *c = &k_rules[_i];
    const char *payload = with_crc(c->body);
    size_t len = strlen(payload);
    ASSERT_PARSE(payload, len, VQR_PARSE_STRICT, c->code, c->offset, c->tag);

    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_payload_parse(&p, payload, len, VQR_PARSE_STRICT, &e);
    ck_assert_uint_eq(e.limit, c->limit);
    ck_assert_uint_eq(e.char_offset, c->offset); /* ASCII up to every offending object */

    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    st = vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, &e);
    vqr_error w;
    VQR_INIT(&w);
    ck_assert_int_ge(find_diag(&p, c->code, &w), 0);
    ck_assert_uint_eq(w.offset, c->offset);
    ck_assert_str_eq(w.tag, c->tag);
    if (c->lenient == BOTH_ERROR) {
        ck_assert_int_eq(st, c->code);
        ck_assert_int_eq(w.severity, VQR_SEVERITY_ERROR);
    } else {
        ck_assert_msg(st == VQR_OK, "lenient: %s", vqr_status_name(st));
        ck_assert_int_eq(e.code, VQR_OK);
        ck_assert_int_eq(w.severity, VQR_SEVERITY_WARNING);
    }
}
END_TEST

START_TEST(base_is_valid)
{
    const char *payload = with_crc(BASE);
    ASSERT_PARSE(payload, strlen(payload), 0, VQR_OK, 0, "");
    /* "50000." is a valid VND amount (NAPAS 5.2.6); 98.73 in USD. */
    payload = with_crc(BASE "540650000.");
    ASSERT_PARSE(payload, strlen(payload), 0, VQR_OK, 0, "");
    payload = with_crc(PFI POI MAI MCC "5303840" CTRY NAME CITY "540598.73"
                                       "550203"
                                       "570505.25");
    ASSERT_PARSE(payload, strlen(payload), 0, VQR_OK, 0, "");
    payload = with_crc(BASE "6238"
                            "0103***"
                            "0902ME"
                            "1103521"
                            "5014"
                            "0004TEST"
                            "0102AB");
    ASSERT_PARSE(payload, strlen(payload), 0, VQR_OK, 0, "");
}
END_TEST

/* Over 512 characters: strict error at the 513th character, lenient warning. */
START_TEST(payload_too_long)
{
    char body[1200];
    strcpy(body, BASE);
    for (int id = 80; id < 85; id++) {
        char t[120];
        char x[90];
        memset(x, 'x', 89);
        x[89] = '\0';
        snprintf(t, sizeof t,
                 "%d99"
                 "0002ab"
                 "0189%s",
                 id, x);
        strcat(body, t);
    }
    const char *payload = with_crc(body);
    size_t len = strlen(payload);
    ck_assert_uint_eq(len, 66 + 5 * 103 + 8);
    ASSERT_PARSE(payload, len, 0, VQR_ERR_PAYLOAD_TOO_LONG, 512, "");
    vqr_payload p;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, NULL), VQR_OK);
    vqr_error w;
    VQR_INIT(&w);
    ck_assert_int_ge(find_diag(&p, VQR_ERR_PAYLOAD_TOO_LONG, &w), 0);
    ck_assert_int_eq(w.severity, VQR_SEVERITY_WARNING);
    ck_assert_uint_eq(w.limit, 512);
    /* The writer refuses to produce it. */
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t out;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_write(&p, VQR_WRITE_KEEP_ORDER, buf, sizeof buf, &out, &e),
                     VQR_ERR_PAYLOAD_TOO_LONG);
    ck_assert_uint_eq(e.limit, 512);
}
END_TEST

/* Lower-case CRC hex (real MB Bank output): strict error, lenient warning. */
START_TEST(lowercase_crc)
{
    const char *payload = "00020101021138540010A00000072701240006970422011003523509170208QRIBFTTA53"
                          "037045802VN630479db";
    size_t len = strlen(payload);
    ASSERT_PARSE(payload, len, 0, VQR_ERR_CRC_LOWERCASE, 83, "63");
    vqr_payload p;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, NULL), VQR_OK);
    vqr_error w;
    VQR_INIT(&w);
    ck_assert_int_ge(find_diag(&p, VQR_ERR_CRC_LOWERCASE, &w), 0);
    ck_assert_int_eq(w.severity, VQR_SEVERITY_WARNING);
    char given[5], computed[5];
    ck_assert(vqr_payload_crc(&p, given, computed));
    ck_assert_str_eq(given, "79db");
    ck_assert_str_eq(computed, "79DB");
}
END_TEST

/* A parse reports every warning, in order, with every field set. */
START_TEST(all_warnings_reported)
{
    /* PFI 02, zero-length in a template, over-long 59, no 52/60, primitive 82. */
    const char *payload = with_crc("000202"
                                   "010212" MAI "5303458"
                                   "5802MY"
                                   "5930ABCDEFGHIJKLMNOPQRSTUVWXYZ1234"
                                   "62040100"
                                   "8204ABCD");
    size_t len = strlen(payload);
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, &e), VQR_OK);
    static const struct {
        vqr_status code;
        size_t offset;
        const char *tag;
    } want[] = {
        { VQR_ERR_ZERO_LENGTH, 79, "62.01" }, { VQR_ERR_NOT_TEMPLATE, 83, "82" },
        { VQR_ERR_PFI_VALUE, 0, "00" },       { VQR_ERR_LENGTH, 41, "59" },
        { VQR_ERR_MISSING, 0, "52" },         { VQR_ERR_MISSING, 0, "60" },
    };
    size_t n = sizeof want / sizeof want[0];
    ck_assert_uint_eq(vqr_payload_diag_count(&p), n);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, VQR_SEVERITY_WARNING), n);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, VQR_SEVERITY_ERROR), 0);
    for (size_t i = 0; i < n; i++) {
        vqr_error d;
        VQR_INIT(&d);
        memset(&d, 0xFF, sizeof d);
        d.size = sizeof d;
        ck_assert_int_eq(vqr_payload_diag(&p, i, &d, NULL), VQR_OK);
        ck_assert_int_eq(d.code, want[i].code);
        ck_assert_uint_eq(d.offset, want[i].offset);
        ck_assert_uint_eq(d.char_offset, want[i].offset);
        ck_assert_str_eq(d.tag, want[i].tag);
        ck_assert_int_eq(d.severity, VQR_SEVERITY_WARNING);
        ck_assert_str_eq(d.name, vqr_status_name(want[i].code));
    }
    vqr_error d;
    VQR_INIT(&d);
    ck_assert_int_eq(vqr_payload_diag(&p, n, &d, NULL), VQR_ERR_NOT_FOUND);
    /* Strict: the same payload, each an error; the first is returned. */
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_STRICT, &e),
                     VQR_ERR_ZERO_LENGTH);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, VQR_SEVERITY_ERROR), n);
}
END_TEST

/* Offsets in characters differ from bytes after non-ASCII text. */
START_TEST(char_offsets)
{
    const char *payload =
        with_crc(PFI POI MAI MCC CUR CTRY NAME CITY "6419"
                                                    "0002vi"
                                                    "0109B\xE1\xBB\x87nh vi\xE1\xBB\x87n"
                                                    "5503123");
    size_t len = strlen(payload);
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_STRICT, &e), VQR_ERR_LENGTH);
    ck_assert_str_eq(e.tag, "55");
    ck_assert_uint_eq(e.offset, 66 + 23 + 4);
    ck_assert_uint_eq(e.char_offset, 66 + 23);
}
END_TEST

/* Every code has a name and both messages; names are unique. */
START_TEST(codes_have_names_and_messages)
{
    int known = 0;
    for (int c = 0; c < 256; c++) {
        const char *name = vqr_status_name((vqr_status)c);
        if (strcmp(name, "VQR_ERR_UNKNOWN") == 0)
            continue;
        known++;
        ck_assert(strncmp(name, "VQR_", 4) == 0);
        ck_assert_str_ne(vqr_strerror((vqr_status)c), "unknown error");
        ck_assert_str_ne(vqr_strerror((vqr_status)c), vqr_strerror_vi((vqr_status)c));
        for (int d = 0; d < c; d++)
            ck_assert_str_ne(name, vqr_status_name((vqr_status)d));
    }
    ck_assert_int_ge(known, 50);
    ck_assert_str_eq(vqr_status_name(VQR_ERR_CRC_MISMATCH), "VQR_ERR_CRC_MISMATCH");
    ck_assert_int_eq(VQR_ERR_CRC_MISMATCH, 21); /* numbers are stable */
    ck_assert_int_eq(VQR_ERR_LENGTH, 43);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("rules");
    tcase_add_loop_test(tc, rule_strict_and_lenient, 0, (int)(sizeof k_rules / sizeof k_rules[0]));
    tcase_add_test(tc, base_is_valid);
    tcase_add_test(tc, payload_too_long);
    tcase_add_test(tc, lowercase_crc);
    tcase_add_test(tc, all_warnings_reported);
    tcase_add_test(tc, char_offsets);
    tcase_add_test(tc, codes_have_names_and_messages);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
