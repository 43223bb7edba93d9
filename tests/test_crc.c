/* test_crc.c - CRC-16/CCITT-FALSE: check values, the sliced tables, vqr_crc_check. */
#include "testutil.h"
#include "internal.h"

/* Bit-at-a-time reference, independent of the library's tables. */
static uint16_t crc_bitwise(const unsigned char *s, size_t len)
{
    uint16_t crc = 0xFFFF;
    for (size_t i = 0; i < len; i++) {
        crc ^= (uint16_t)(s[i] << 8);
        for (int b = 0; b < 8; b++)
            crc = (uint16_t)((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
    }
    return crc;
}

START_TEST(check_values)
{
    ck_assert_uint_eq(vqr_crc16("123456789", 9), 0x29B1);
    ck_assert_uint_eq(vqr_crc16("", 0), 0xFFFF);
    ck_assert_uint_eq(vqr_crc16(NULL, 0), 0xFFFF);
    ck_assert_uint_eq(vqr_crc16("00", 2), 0x2EC9);
    ck_assert_uint_eq(vqr_crc16("01", 2), 0x3EE8);
}
END_TEST

START_TEST(fast_equals_bitwise)
{
    unsigned char buf[600];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    for (size_t len = 0; len <= sizeof buf; len++) {
        uint16_t ref = crc_bitwise(buf, len);
        ck_assert_uint_eq(vqr_crc16(buf, len), ref);
        ck_assert_uint_eq(vqr_crc16_fast(buf, len), ref);
        ck_assert_uint_eq(vqr_crc16_table(buf, len), ref);
    }
}
END_TEST

START_TEST(crc_check_api)
{
    char exp[5];
    const char *ok = "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC5"
                     "3037045802VN63044F52";
    ck_assert_int_eq(vqr_crc_check(ok, strlen(ok), exp, NULL), VQR_OK);
    ck_assert_str_eq(exp, "4F52");
    /* Lower-case digits are the same number. */
    const char *lower = "00020101021138540010A00000072701240006970422011003523509170208QRIBFTTA5303"
                        "7045802VN630479db";
    ck_assert_int_eq(vqr_crc_check(lower, strlen(lower), exp, NULL), VQR_OK);
    ck_assert_str_eq(exp, "79DB");
    /* NAPAS 6.1.4 as printed: the static body with the dynamic CRC. */
    const char *bad = "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC"
                      "53037045802VN6304A203";
    ck_assert_int_eq(vqr_crc_check(bad, strlen(bad), exp, NULL), VQR_ERR_CRC_MISMATCH);
    ck_assert_str_eq(exp, "4F52");
    /* Zero padding: 0283 and 00D7. */
    const char *pad = "00020101021138580010A000000727012800069704070114190304136010180208QRIBFTTA53"
                      "037045802VN63040283";
    ck_assert_int_eq(vqr_crc_check(pad, strlen(pad), exp, NULL), VQR_OK);
    ck_assert_str_eq(exp, "0283");
    /* PayNow sample printed with the CRC of the payload without "6304". */
    const char *paynow = "00020101021126550009SG.PAYNOW010100216+"
                         "621234567890123030100408202012315204581453037025802SG5916FOOD XYZ PTE "
                         "LTD6009SINGAPORE610608100662290125012345678901234567890123463040870";
    ck_assert_int_eq(vqr_crc_check(paynow, strlen(paynow), exp, NULL), VQR_ERR_CRC_MISMATCH);
    ck_assert_str_eq(exp, "B90C");
    ck_assert_uint_eq(vqr_crc16(paynow, strlen(paynow) - 8), 0x0870);
    /* No CRC object, too short, not hex. */
    ck_assert_int_eq(vqr_crc_check("000201", 6, exp, NULL), VQR_ERR_CRC_MISSING);
    ck_assert_str_eq(exp, "");
    ck_assert_int_eq(vqr_crc_check("0002016304", 10, exp, NULL), VQR_ERR_CRC_MISSING);
    ck_assert_int_eq(vqr_crc_check("00020163041G2F", 14, NULL, NULL), VQR_ERR_CRC_MISSING);
    ck_assert_int_eq(vqr_crc_check(NULL, 3, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(hex_is_upper_and_padded)
{
    char out[5];
    vqr_crc_hex(0x00D7, out);
    ck_assert_str_eq(out, "00D7");
    vqr_crc_hex(0xABCD, out);
    ck_assert_str_eq(out, "ABCD");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("crc");
    TCase *tc = tcase_create("crc");
    tcase_add_test(tc, check_values);
    tcase_add_test(tc, fast_equals_bitwise);
    tcase_add_test(tc, crc_check_api);
    tcase_add_test(tc, hex_is_upper_and_padded);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
