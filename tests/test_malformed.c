/*
 * test_malformed.c - broken payloads, each with its exact error code, byte
 * offset and tag path, parsed with a poisoned error struct.
 */
#include "testutil.h"

/* Strictly valid body (no CRC). Offsets:
 *   000201 @0, 010211 @6, 26120008com.test @12, 52045411 @28, 5303704 @36,
 *   5802VN @43, 5904TEST @49, 6005HANOI @57; what a case appends starts @66. */
#define BASE           \
    "000201010211"     \
    "26120008com.test" \
    "52045411"         \
    "5303704"          \
    "5802VN"           \
    "5904TEST"         \
    "6005HANOI"

typedef struct mcase {
    const char *body; /* CRC appended when crc is set */
    bool crc;
    unsigned flags;
    vqr_status code;
    size_t offset;
    const char *tag;
} mcase;

static const mcase k_cases[] = {
    /* the base itself */
    { BASE, true, 0, VQR_OK, 0, "" },
    /* IDs and lengths */
    { "000201X10211", false, 0, VQR_ERR_BAD_ID, 6, "" },
    /*      ^ */
    { "0002011X0211", false, 0, VQR_ERR_BAD_ID, 6, "" },
    { "000201010A11", false, 0, VQR_ERR_BAD_LENGTH, 6, "01" },
    /*          ^ */
    { "00020101 211", false, 0, VQR_ERR_BAD_LENGTH, 6, "01" },
    { "0002010103AB", false, VQR_PARSE_LENIENT, VQR_ERR_TRUNCATED, 6, "01" },
    { BASE "6299", true, 0, VQR_ERR_TRUNCATED, 66, "62" },
    /* zero length: strict error, lenient warning */
    { BASE "6100", true, 0, VQR_ERR_ZERO_LENGTH, 66, "61" },
    { BASE "6100", true, VQR_PARSE_LENIENT, VQR_OK, 0, "" },
    { BASE "62040100", true, 0, VQR_ERR_ZERO_LENGTH, 70, "62.01" },
    /* duplicates, at the root and in a template */
    { BASE "5303704", true, 0, VQR_ERR_DUPLICATE_ID, 66, "53" },
    { BASE "5303704", true, VQR_PARSE_LENIENT, VQR_ERR_DUPLICATE_ID, 66, "53" },
    { BASE "62140103abc0103def", true, 0, VQR_ERR_DUPLICATE_ID, 77, "62.01" },
    /*                 ^ 77 */
    /* order */
    { "010211000201"
      "26120008com.test"
      "52045411"
      "5303704"
      "5802VN"
      "5904TEST"
      "6005HANOI",
      true, 0, VQR_ERR_PFI_NOT_FIRST, 0, "01" },
    /* the CRC */
    { BASE, false, 0, VQR_ERR_CRC_MISSING, 66, "" },
    { "", false, 0, VQR_ERR_CRC_MISSING, 0, "" },
    { BASE "6304", false, 0, VQR_ERR_TRUNCATED, 66, "63" },
    { BASE "630", false, 0, VQR_ERR_TRUNCATED, 66, "63" },
    { BASE "6", false, 0, VQR_ERR_TRUNCATED, 66, "" },
    { BASE "630312G", false, 0, VQR_ERR_CRC_FORMAT, 66, "63" },
    { BASE "630412G4", false, 0, VQR_ERR_CRC_FORMAT, 66, "63" },
    { BASE "6305ABCDE", false, 0, VQR_ERR_CRC_FORMAT, 66, "63" },
    { BASE "63040000", false, 0, VQR_ERR_CRC_MISMATCH, 66, "63" },
    { BASE "63040000", false, VQR_PARSE_LENIENT, VQR_ERR_CRC_MISMATCH, 66, "63" },
    { "000201"
      "6304ABCD"
      "5802VN",
      false, 0, VQR_ERR_CRC_NOT_LAST, 6, "63" },
    /* templates whose value is not a sequence of objects */
    { BASE "62050103a", true, 0, VQR_ERR_TEMPLATE_MALFORMED, 70, "62" },
    /*         ^ 70: 01 announces 3 characters, 1 follows */
    { BASE "62050103a", true, VQR_PARSE_LENIENT, VQR_OK, 0, "" },
    { BASE "6203abc", true, 0, VQR_ERR_TEMPLATE_MALFORMED, 70, "62" },
    { BASE "640700AB01X", true, 0, VQR_ERR_TEMPLATE_MALFORMED, 70, "64" },
    { BASE "2707000201X", true, 0, VQR_ERR_TEMPLATE_MALFORMED, 76, "27" },
    { BASE "8004ABCD", true, 0, VQR_ERR_NOT_TEMPLATE, 66, "80" },
    { BASE "8004ABCD", true, VQR_PARSE_LENIENT, VQR_OK, 0, "" },
    { BASE "62085004ABCD", true, 0, VQR_ERR_NOT_TEMPLATE, 70, "62.50" },
    { "000201010211"
      "38270010A0000007270109000697040"
      "5303704"
      "5802VN"
      "52045411"
      "5904TEST"
      "6005HANOI",
      true, 0, VQR_ERR_TEMPLATE_MALFORMED, 34, "38.01" },
    /* 38.01 @30 holds "000697040": 00 announces 6 characters, 5 follow */
    { BASE "62040100", true, VQR_PARSE_LENIENT, VQR_OK, 0, "" },
    /* malformed UTF-8 in a value */
    { BASE "6102\xC3\x28", false, 0, VQR_ERR_UTF8, 70, "" },
    { BASE "6102\xC0\x80", false, 0, VQR_ERR_UTF8, 70, "" },
    { BASE "6101\xED\xA0\x80", false, 0, VQR_ERR_UTF8, 70, "" },
    { BASE "6101\xF5\x80\x80\x80", false, 0, VQR_ERR_UTF8, 70, "" },
    { BASE "6101\xF4\x90\x80\x80", false, 0, VQR_ERR_UTF8, 70, "" },
    { BASE "6101\xE0\x9F\xBF", false, 0, VQR_ERR_UTF8, 70, "" },
    { BASE "6102a\x80", false, 0, VQR_ERR_UTF8, 71, "" },
    { BASE "6101\xE1\x80", false, 0, VQR_ERR_UTF8, 70, "" },
    { "\xFF"
      "00201",
      false, VQR_PARSE_LENIENT, VQR_ERR_UTF8, 0, "" },
    /* lengths count characters: "ệ" is one character, three bytes */
    { BASE "6403"
           "\xE1\xBB\x87"
           "ab",
      true, 0, VQR_ERR_TEMPLATE_MALFORMED, 70, "64" },
};

START_TEST(table_case)
{
    const mcase *c = &k_cases[_i];
    const char *payload = c->crc ? with_crc(c->body) : c->body;
    ASSERT_PARSE(payload, strlen(payload), c->flags, c->code, c->offset, c->tag);
}
END_TEST

START_TEST(duplicate_reports_both_offsets)
{
    const char *payload = with_crc(BASE "62140103abc0103def");
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, strlen(payload), 0, &e), VQR_ERR_DUPLICATE_ID);
    ck_assert_uint_eq(e.offset, 77);
    ck_assert_uint_eq(e.related_offset, 70);
    payload = with_crc(BASE "5303704");
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, strlen(payload), 0, &e), VQR_ERR_DUPLICATE_ID);
    ck_assert_uint_eq(e.offset, 66);
    ck_assert_uint_eq(e.related_offset, 36);
}
END_TEST

START_TEST(input_too_large)
{
    static char big[VQR_INPUT_MAX + 100];
    memset(big, '0', sizeof big);
    ASSERT_PARSE(big, sizeof big, 0, VQR_ERR_INPUT_TOO_LARGE, VQR_INPUT_MAX, "");
    ASSERT_PARSE(big, sizeof big, VQR_PARSE_LENIENT, VQR_ERR_INPUT_TOO_LARGE, VQR_INPUT_MAX, "");
}
END_TEST

START_TEST(bad_arguments)
{
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_parse(NULL, "0002", 4, 0, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_payload_parse(&p, NULL, 4, 0, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_payload_parse(&p, "0002", 4, 1u << 7, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(vqr_payload_diag_count(&p), 0);
}
END_TEST

/* Object starts of a well-formed payload, walked independently of the
 * library (lengths in code points). Returns the number of root objects. */
static size_t walk_starts(const char *s, size_t len, size_t *starts, size_t *ids)
{
    size_t n = 0, pos = 0;
    while (pos < len) {
        starts[n] = pos;
        ids[n] = (size_t)((s[pos] - '0') * 10 + (s[pos + 1] - '0'));
        size_t ll = (size_t)((s[pos + 2] - '0') * 10 + (s[pos + 3] - '0'));
        pos += 4;
        while (ll--) {
            pos++;
            while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
                pos++;
        }
        n++;
    }
    starts[n] = len;
    return n;
}

/* Every prefix of a valid payload: the exact error at the exact object. */
static void truncate_everywhere(const char *payload)
{
    size_t len = strlen(payload);
    size_t starts[128], ids[128];
    size_t n = walk_starts(payload, len, starts, ids);
    for (size_t k = 0; k < len; k++) {
        const unsigned char *u = (const unsigned char *)payload;
        /* Cut inside a multi-byte character: malformed UTF-8 at its lead byte. */
        if (k > 0 && (u[k] & 0xC0) == 0x80) {
            size_t lead = k - 1;
            while ((u[lead] & 0xC0) == 0x80)
                lead--;
            ASSERT_PARSE(payload, k, VQR_PARSE_LENIENT, VQR_ERR_UTF8, lead, "");
            continue;
        }
        size_t i = 0;
        while (i < n && starts[i + 1] <= k)
            i++;
        if (k == starts[i]) {
            /* Cut between objects: everything frames, the CRC is missing. */
            ASSERT_PARSE(payload, k, 0, VQR_ERR_CRC_MISSING, k, "");
        } else {
            char tag[3] = { 0 };
            if (k - starts[i] >= 2)
                snprintf(tag, sizeof tag, "%02zu", ids[i]);
            ASSERT_PARSE(payload, k, 0, VQR_ERR_TRUNCATED, starts[i], tag);
        }
    }
}

START_TEST(truncation_ascii)
{
    /* NAPAS 6.1.3, dynamic to account (117 bytes). */
    truncate_everywhere("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
                        "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E");
}
END_TEST

START_TEST(truncation_utf8)
{
    /* EMVCo Annex B example with CJK text in 64. */
    truncate_everywhere("00020101021229300012D156000000000510A93FO3230Q31280012D156000000010308"
                        "12345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104"
                        "\xE6\x9C\x80\xE4\xBD\xB3\xE8\xBF\x90\xE8\xBE\x93"
                        "0202\xE5\x8C\x97\xE4\xBA\xAC"
                        "540523.7253031565502016233030412340603***0708A60086670902ME"
                        "91320016A0112233449988770708123456786304A13A");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("malformed");
    TCase *tc = tcase_create("malformed");
    tcase_add_loop_test(tc, table_case, 0, (int)(sizeof k_cases / sizeof k_cases[0]));
    tcase_add_test(tc, duplicate_reports_both_offsets);
    tcase_add_test(tc, input_too_large);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, truncation_ascii);
    tcase_add_test(tc, truncation_utf8);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
