/*
 * test_vietqr_amount.c - amounts as integers in minor units:
 * vqr_amount_parse() (NAPAS accepts "50000.", rejects decimals in VND) and
 * vqr_amount_format().
 */
#include "vietqr_util.h"

#define NO_OFFSET SIZE_MAX

typedef struct parse_case {
    const char *s;
    unsigned currency;
    vqr_status st;
    uint64_t minor;
    size_t offset; /* of the offending character */
    size_t limit;
} parse_case;

static const parse_case k_parse[] = {
    /* NAPAS: VND is whole dong; "50000." is explicitly valid. */
    { "50000", 704, VQR_OK, 50000, 0, 0 },
    { "50000.", 704, VQR_OK, 50000, 0, 0 },
    { "180000", 704, VQR_OK, 180000, 0, 0 },
    { "1", 704, VQR_OK, 1, 0, 0 },
    { "0000100", 704, VQR_OK, 100, 0, 0 },
    { "9999999999999", 704, VQR_OK, UINT64_C(9999999999999), 0, 0 },
    { "50000.5", 704, VQR_ERR_AMOUNT_DECIMALS, 0, 6, 0 },
    { "50000.0", 704, VQR_ERR_AMOUNT_DECIMALS, 0, 6, 0 },
    { "180000.50", 704, VQR_ERR_AMOUNT_DECIMALS, 0, 7, 0 },
    { "70000.90", 704, VQR_ERR_AMOUNT_DECIMALS, 0, 6, 0 },
    /* Zero is not an amount. */
    { "0", 704, VQR_ERR_AMOUNT_ZERO, 0, 0, 0 },
    { "000", 704, VQR_ERR_AMOUNT_ZERO, 0, 0, 0 },
    { "0.", 704, VQR_ERR_AMOUNT_ZERO, 0, 0, 0 },
    { "0.00", 840, VQR_ERR_AMOUNT_ZERO, 0, 0, 0 },
    /* Syntax: digits and at most one ".", a digit first, no separators. */
    { "", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 0, 0 },
    { ".5", 840, VQR_ERR_AMOUNT_SYNTAX, 0, 0, 0 },
    { "50 000", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 2, 0 },
    { "50,000", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 2, 0 },
    { "98,73", 840, VQR_ERR_AMOUNT_SYNTAX, 0, 2, 0 },
    { "-5", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 0, 0 },
    { "+5", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 0, 0 },
    { "5e3", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 1, 0 },
    { "1.2.3", 840, VQR_ERR_AMOUNT_SYNTAX, 0, 3, 0 },
    { "50000.a", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 6, 0 },
    { "500.5x", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 5, 0 },
    { "50000 ", 704, VQR_ERR_AMOUNT_SYNTAX, 0, 5, 0 },
    /* At most 13 characters. */
    { "10000000000000", 704, VQR_ERR_LENGTH, 0, 13, 13 },
    { "1234567890.123", 840, VQR_ERR_LENGTH, 0, 13, 13 },
    /* Other currencies by their ISO 4217 exponent. */
    { "98.73", 840, VQR_OK, 9873, 0, 0 },
    { "98.7", 840, VQR_OK, 9870, 0, 0 },
    { "98.", 840, VQR_OK, 9800, 0, 0 },
    { "98", 840, VQR_OK, 9800, 0, 0 },
    { "0.01", 840, VQR_OK, 1, 0, 0 },
    { "12.345", 840, VQR_ERR_AMOUNT_DECIMALS, 0, 5, 2 },
    { "999", 392, VQR_OK, 999, 0, 0 }, /* JPY, exponent 0 */
    { "999.123", 392, VQR_ERR_AMOUNT_DECIMALS, 0, 4, 0 },
    { "1.234", 48, VQR_OK, 1234, 0, 0 },    /* BHD, exponent 3 */
    { "1.2345", 990, VQR_OK, 12345, 0, 0 }, /* CLF, exponent 4 */
    { "9999999999999", 990, VQR_OK, UINT64_C(99999999999990000), 0, 0 },
};

START_TEST(amount_parse)
{
    const parse_case *c = &k_parse[_i];
    uint64_t minor = 12345;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_amount_parse(c->s, strlen(c->s), c->currency, &minor, &e);
    ck_assert_msg(st == c->st, "\"%s\" (%u): %s, expected %s", c->s, c->currency,
                  vqr_status_name(st), vqr_status_name(c->st));
    ck_assert_int_eq(e.code, c->st);
    ck_assert(minor == c->minor);
    if (c->st != VQR_OK) {
        ck_assert_str_eq(e.tag, "54");
        ck_assert_uint_eq(e.offset, c->offset);
        ck_assert_uint_eq(e.char_offset, c->offset);
        ck_assert_uint_eq(e.limit, c->limit);
        ck_assert_str_eq(e.name, vqr_status_name(c->st));
    }
}
END_TEST

START_TEST(amount_parse_misuse)
{
    uint64_t minor = 7;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_amount_parse("100", 3, 999, &minor, &e), VQR_ERR_CURRENCY);
    ck_assert_str_eq(e.tag, "53");
    ck_assert(minor == 0);
    ck_assert_int_eq(vqr_amount_parse("100", 3, 704, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_amount_parse(NULL, 3, 704, &minor, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_amount_parse(NULL, 0, 704, &minor, &e), VQR_ERR_AMOUNT_SYNTAX);
    /* Only `len` bytes are read: no NUL needed. */
    ck_assert_int_eq(vqr_amount_parse("1800009999", 6, 704, &minor, NULL), VQR_OK);
    ck_assert(minor == 180000);
}
END_TEST

START_TEST(amount_format)
{
    static const struct {
        uint64_t minor;
        unsigned cur;
        const char *s;
    } k[] = {
        { 180000, 704, "180000" },
        { 1, 704, "1" },
        { 1250, 840, "12.50" },
        { 5, 840, "0.05" },
        { 100, 840, "1.00" },
        { 999, 392, "999" },
        { 1, 48, "0.001" },
        { 12345, 990, "1.2345" },
        { UINT64_C(9999999999999), 704, "9999999999999" },
        { UINT64_C(999999999999), 840, "9999999999.99" },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        char buf[VQR_AMOUNT_BUF_SIZE];
        size_t n = 0;
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_amount_format(k[i].minor, k[i].cur, buf, sizeof buf, &n, &e), VQR_OK);
        ck_assert_int_eq(e.code, VQR_OK);
        ck_assert_str_eq(buf, k[i].s);
        ck_assert_uint_eq(n, strlen(k[i].s));
        /* And back. */
        uint64_t back = 0;
        ck_assert_int_eq(vqr_amount_parse(buf, n, k[i].cur, &back, NULL), VQR_OK);
        ck_assert(back == k[i].minor);
    }
}
END_TEST

START_TEST(amount_format_errors)
{
    char buf[VQR_AMOUNT_BUF_SIZE];
    size_t n = 99;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_amount_format(0, 704, buf, sizeof buf, &n, &e), VQR_ERR_AMOUNT_ZERO);
    ck_assert_str_eq(e.tag, "54");
    ck_assert_uint_eq(n, 0);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_amount_format(1, 999, buf, sizeof buf, &n, &e), VQR_ERR_CURRENCY);
    ck_assert_str_eq(e.tag, "53");
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_amount_format(UINT64_C(10000000000000), 704, buf, sizeof buf, &n, &e),
                     VQR_ERR_LENGTH);
    ck_assert_uint_eq(n, 14);
    ck_assert_uint_eq(e.limit, 13);
    ck_assert_int_eq(vqr_amount_format(UINT64_MAX, 990, buf, sizeof buf, &n, &e), VQR_ERR_LENGTH);
    ck_assert_uint_eq(n, 21); /* "1844674407370955.1615" */
    /* Too small a buffer: the length is still reported, nothing written. */
    memset(buf, 'x', sizeof buf);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_amount_format(180000, 704, buf, 6, &n, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 6);
    ck_assert_uint_eq(e.limit, 7);
    ck_assert_int_eq(buf[0], 'x');
    ck_assert_int_eq(vqr_amount_format(180000, 704, NULL, 0, &n, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(vqr_amount_format(180000, 704, buf, 7, &n, &e), VQR_OK);
    ck_assert_str_eq(buf, "180000");
    ck_assert_int_eq(vqr_amount_format(1, 704, buf, 2, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_amount_format(1, 704, NULL, 2, &n, &e), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

void vietqr_amount_tests(TCase *tc)
{
    tcase_add_loop_test(tc, amount_parse, 0, (int)(sizeof k_parse / sizeof k_parse[0]));
    tcase_add_test(tc, amount_parse_misuse);
    tcase_add_test(tc, amount_format);
    tcase_add_test(tc, amount_format_errors);
}
