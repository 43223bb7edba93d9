/*
 * test_vietqr_errors.c - every bad input to vqr_vietqr_build() and
 * vqr_vietqr_write(), each with its exact code, tag path, offset and limit
 * (error structs poisoned before each call).
 */
#include "vietqr_util.h"

#define NO_OFFSET SIZE_MAX

static void base(vqr_vietqr *in)
{
    vqr_vietqr_init(in, sizeof *(in), NULL);
    in->bank = "970436";
    in->account = "0011001234567";
}

START_TEST(api_misuse)
{
    vqr_vietqr in;
    base(&in);
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_vietqr_build(NULL, 0, &p, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, NULL, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    /* Unknown flag bits. */
    ASSERT_BUILD_FAILS(&in, 1u << 2, VQR_ERR_INVALID_ARGUMENT, "", NO_OFFSET, 0);
    ASSERT_BUILD_FAILS(&in, 0x80000000u, VQR_ERR_INVALID_ARGUMENT, "", NO_OFFSET, 0);
    /* A struct that did not come through vqr_vietqr_init(). */
    in.size = 0;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_INVALID_ARGUMENT, "", NO_OFFSET, 0);
    in.size = sizeof(size_t) - 1;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_INVALID_ARGUMENT, "", NO_OFFSET, 0);
    in.size = VQR_STRUCT_SIZE_MAX + 1;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_INVALID_ARGUMENT, "", NO_OFFSET, 0);
    /* Services that only reading reports, and values outside the enum. */
    base(&in);
    in.service = VQR_SERVICE_NONE;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_INVALID_ARGUMENT, "38.02", NO_OFFSET, 0);
    in.service = VQR_SERVICE_OTHER;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_INVALID_ARGUMENT, "38.02", NO_OFFSET, 0);
    in.service = (vqr_service)77;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_INVALID_ARGUMENT, "38.02", NO_OFFSET, 0);
    /* vqr_vietqr_write: out_len is required, buf only with a capacity. */
    base(&in);
    char buf[VQR_PAYLOAD_BUF_SIZE];
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_vietqr_write(&in, 0, buf, sizeof buf, NULL, NULL, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    size_t n = 99;
    ck_assert_int_eq(vqr_vietqr_write(&in, 0, NULL, 10, &n, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(n, 0);
    vqr_vietqr_init(NULL, sizeof(vqr_vietqr), NULL); /* a no-op */
}
END_TEST

START_TEST(write_buffer_too_small)
{
    vqr_vietqr in;
    base(&in);
    char buf[VQR_PAYLOAD_BUF_SIZE];
    memset(buf, 'x', sizeof buf);
    size_t n = 0;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    /* Measuring: no buffer. The payload is 94 bytes (vector 15's shape). */
    ck_assert_int_eq(vqr_vietqr_write(&in, 0, NULL, 0, &n, NULL, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(e.code, VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 94);
    ck_assert_uint_eq(e.limit, 95);
    ck_assert_int_eq(vqr_vietqr_write(&in, 0, buf, 94, &n, NULL, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 94);
    ck_assert_int_eq(buf[0], 'x'); /* nothing written */
    ck_assert_int_eq(vqr_vietqr_write(&in, 0, buf, 95, &n, NULL, &e), VQR_OK);
    ck_assert_uint_eq(n, 94);
    ck_assert_int_eq(buf[94], '\0');
}
END_TEST

START_TEST(bank_errors)
{
    vqr_vietqr in;
    base(&in);
    in.bank = NULL;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "38.01.00", NO_OFFSET, 0);
    in.bank = "";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "38.01.00", NO_OFFSET, 0);
    /* All digits, but not six: a mistyped BIN. */
    in.bank = "97043";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_BIN, "38.01.00", NO_OFFSET, 6);
    in.bank = "9704360";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_BIN, "38.01.00", NO_OFFSET, 6);
    in.bank = "0";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_BIN, "38.01.00", NO_OFFSET, 6);
    /* A name no bank has; a SWIFT code two banks share. */
    in.bank = "No Such Bank";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_BANK_UNKNOWN, "38.01.00", NO_OFFSET, 0);
    in.bank = "IBKOVNVX";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_BANK_AMBIGUOUS, "38.01.00", NO_OFFSET, 0);
    /* Malformed UTF-8 in the name: the offset of the bad byte. */
    in.bank = "Vietcom\xC3";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_UTF8, "38.01.00", 7, 0);
    /* The bank is checked first: a bad account behind it does not matter yet. */
    in.bank = "97";
    in.account = "12 34";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_BIN, "38.01.00", NO_OFFSET, 6);
}
END_TEST

START_TEST(account_errors)
{
    vqr_vietqr in;
    base(&in);
    in.account = NULL;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "38.01.01", NO_OFFSET, 0);
    in.account = "";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "38.01.01", NO_OFFSET, 0);
    /* QRIBFTTA: digits only by default. */
    in.account = "0123 456789";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_ACCOUNT, "38.01.01", 4, 0);
    in.account = "99ZP24009M07248267";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_ACCOUNT, "38.01.01", 2, 0);
    in.account = "0123-456";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_ALNUM_ACCOUNT, VQR_ERR_ACCOUNT, "38.01.01", 4, 0);
    in.account = "12\xEF\xBC\x93"; /* fullwidth digit three */
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_ALNUM_ACCOUNT, VQR_ERR_ACCOUNT, "38.01.01", 2, 0);
    /* Over 19 characters. */
    in.account = "12345678901234567890";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "38.01.01", NO_OFFSET, 19);
    in.account = "ABCDEFGHIJ1234567890";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_ALNUM_ACCOUNT, VQR_ERR_LENGTH, "38.01.01", NO_OFFSET, 19);
    /* QRIBFTTC: 16-19 digits. */
    in.service = VQR_SERVICE_CARD;
    in.account = "970403110123456";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_CARD, "38.01.01", NO_OFFSET, 16);
    in.account = "97040311012345678901";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_CARD, "38.01.01", NO_OFFSET, 19);
    in.account = "9704 0311 0123 4567";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_CARD, "38.01.01", 4, 0);
    in.account = "9704031101234567X";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_ALNUM_ACCOUNT, VQR_ERR_CARD, "38.01.01", 16, 0);
    in.account = "9704031101234567";
    vqr_payload p;
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
    in.account = "9704031101234567890";
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
    /* QRPUSH / QRCASH: a merchant ID of printable ASCII, at most 19. */
    in.service = VQR_SERVICE_MERCHANT;
    in.account = "MST-031234/5678";
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
    in.account = "MST\xC3\xA9";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_FORMAT_ANS, "38.01.01", 3, 0);
    in.account = "MST\t1";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_FORMAT_ANS, "38.01.01", 3, 0);
    in.account = "MERCHANT-1234567890";
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
    in.account = "MERCHANT-12345678901";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "38.01.01", NO_OFFSET, 19);
    /* QRCASH needs the reference (62.05) and the terminal (62.07). */
    in.service = VQR_SERVICE_CASH;
    in.account = "ATM0001";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "62.05", NO_OFFSET, 0);
    in.reference = "R1";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "62.07", NO_OFFSET, 0);
    in.terminal = "T1";
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
}
END_TEST

START_TEST(money_and_code_errors)
{
    vqr_vietqr in;
    base(&in);
    in.currency = 999;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_CURRENCY, "53", NO_OFFSET, 0);
    in.currency = 0;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_CURRENCY, "53", NO_OFFSET, 0);
    in.currency = 1704;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_CURRENCY, "53", NO_OFFSET, 0);
    /* Over 13 characters once written. */
    in.currency = 704;
    in.amount = UINT64_C(10000000000000);
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "54", NO_OFFSET, 13);
    in.amount = UINT64_MAX;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "54", NO_OFFSET, 13);
    in.currency = 840; /* "10000000000.00" is 14 characters */
    in.amount = UINT64_C(1000000000000);
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "54", NO_OFFSET, 13);
    in.amount = UINT64_C(999999999999); /* "9999999999.99" */
    vqr_payload p;
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
    /* Country. */
    base(&in);
    in.country = NULL;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_MISSING, "58", NO_OFFSET, 0);
    in.country = "vn";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_COUNTRY, "58", NO_OFFSET, 2);
    in.country = "VNM";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_COUNTRY, "58", NO_OFFSET, 2);
    in.country = "V";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_COUNTRY, "58", NO_OFFSET, 2);
    /* MCC. */
    in.country = "VN";
    in.mcc = "12a4";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_FORMAT_N, "52", 2, 0);
    in.mcc = "123";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "52", NO_OFFSET, 4);
    in.mcc = "12345";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "52", NO_OFFSET, 4);
}
END_TEST

static const char k_26[] = "12345678901234567890123456";

START_TEST(text_errors)
{
    vqr_vietqr in;
    base(&in);
    /* Purpose over 25, folded or strict. */
    in.purpose = k_26;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.08", NO_OFFSET, 25);
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_STRICT_TEXT, VQR_ERR_LENGTH, "62.08", NO_OFFSET, 25);
    in.purpose = "Thanh to\303\241n h\341\273\215c ph\303\255 k\341\273\263 1 n\304\203m 2024";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.08", NO_OFFSET, 25);
    /* Far longer than any field (the folded text no longer fits 99). */
    char big[301];
    memset(big, 'a', 300);
    big[300] = '\0';
    in.purpose = big;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.08", NO_OFFSET, 25);
    /* Strict: the first non-ASCII character, in bytes and characters. */
    in.purpose = "C\xC3\xB4ng ty \xC4\x91i\xE1\xBB\x87n";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_STRICT_TEXT, VQR_ERR_TEXT_NOT_ASCII, "62.08", 1, 0);
    in.purpose = "Cong ty \xC4\x91i\xE1\xBB\x87n";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_STRICT_TEXT, VQR_ERR_TEXT_NOT_ASCII, "62.08", 8, 0);
    in.purpose = "Ti\xE1\xBB\x81n \xC4\x91i\xE1\xBB\x87n";
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_payload p;
    ck_assert_int_eq(vqr_vietqr_build(&in, VQR_VIETQR_STRICT_TEXT, &p, NULL, &e),
                     VQR_ERR_TEXT_NOT_ASCII);
    ck_assert_uint_eq(e.offset, 2);
    ck_assert_uint_eq(e.char_offset, 2);
    in.purpose = "Ti\xE1\xBB\x81n \xE2\x82\xAC"; /* a euro sign after a folded letter */
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, &e), VQR_ERR_TEXT_NOT_ASCII);
    ck_assert_str_eq(e.tag, "62.08");
    ck_assert_uint_eq(e.offset, 7);
    ck_assert_uint_eq(e.char_offset, 5);
    /* Characters that never fold, control characters, broken UTF-8. */
    in.purpose = "Gia 100\xE2\x82\xAC";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_TEXT_NOT_ASCII, "62.08", 7, 0);
    in.purpose = "\xE4\xB8\xAD\xE6\x96\x87";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_TEXT_NOT_ASCII, "62.08", 0, 0);
    in.purpose = "line1\nline2";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_TEXT_CONTROL, "62.08", 5, 0);
    in.purpose = "tab\there";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_STRICT_TEXT, VQR_ERR_TEXT_CONTROL, "62.08", 3, 0);
    in.purpose = "bad \xC3";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_UTF8, "62.08", 4, 0);
    in.purpose = "bad \xED\xA0\x80 surrogate";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_UTF8, "62.08", 4, 0);
    /* Each text field names its own tag and limit. */
    base(&in);
    in.merchant_name = k_26;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "59", NO_OFFSET, 25);
    in.merchant_name = NULL;
    in.merchant_city = "1234567890123456";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "60", NO_OFFSET, 15);
    in.merchant_city = "H\xC3\xA0 N\xE1\xBB\x99i";
    ASSERT_BUILD_FAILS(&in, VQR_VIETQR_STRICT_TEXT, VQR_ERR_TEXT_NOT_ASCII, "60", 1, 0);
    in.merchant_city = NULL;
    in.bill_number = k_26;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.01", NO_OFFSET, 25);
    in.bill_number = NULL;
    in.store = k_26;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.03", NO_OFFSET, 25);
    in.store = NULL;
    in.reference = k_26;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.05", NO_OFFSET, 25);
    in.reference = NULL;
    in.terminal = k_26;
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_LENGTH, "62.07", NO_OFFSET, 25);
}
END_TEST

/* 62 over 99 characters in all: an error, never a cut. */
START_TEST(additional_data_too_long)
{
    vqr_vietqr in;
    base(&in);
    in.bill_number = "1234567890123456789012345";
    in.store = "1234567890123456789012345";
    in.reference = "1234567890123456789012345";
    in.purpose = "123456789"; /* 3 * 29 + 13 = 100 */
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_TEMPLATE_TOO_LONG, "62", NO_OFFSET, 99);
    in.terminal = "T";
    ASSERT_BUILD_FAILS(&in, 0, VQR_ERR_TEMPLATE_TOO_LONG, "62", NO_OFFSET, 99);
    /* The report still tells what was resolved and folded before the error. */
    in.terminal = NULL;
    in.purpose = "Thu ti\xE1\xBB\x81n nha 9";
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    memset(&rep, 0xFF, sizeof rep);
    rep.size = sizeof rep;
    vqr_payload p;
    ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, &rep, NULL), VQR_ERR_TEMPLATE_TOO_LONG);
    ck_assert_str_eq(rep.bin, "970436");
    ck_assert(rep.bank_known);
    ck_assert_uint_eq(rep.count, 1);
    ck_assert_str_eq(rep.field[0].tag, "62.08");
    ck_assert_str_eq(rep.field[0].text, "Thu tien nha 9");
    ck_assert_uint_eq(rep.field[0].changed, 1);
    /* A report of a call that failed on its arguments is all zero. */
    memset(&rep, 0xFF, sizeof rep);
    rep.size = sizeof rep;
    ck_assert_int_eq(vqr_vietqr_build(&in, 1u << 9, &p, &rep, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(rep.count, 0);
    ck_assert_str_eq(rep.bin, "");
}
END_TEST

void vietqr_error_tests(TCase *tc)
{
    tcase_add_test(tc, api_misuse);
    tcase_add_test(tc, write_buffer_too_small);
    tcase_add_test(tc, bank_errors);
    tcase_add_test(tc, account_errors);
    tcase_add_test(tc, money_and_code_errors);
    tcase_add_test(tc, text_errors);
    tcase_add_test(tc, additional_data_too_long);
}
