/* test_version.c - version macros, run-time version and the build agree. */
#include "testutil.h"

START_TEST(versions_agree)
{
    ck_assert_str_eq(vqr_version_string(), VQR_VERSION_STRING);
    ck_assert_str_eq(VQR_VERSION_STRING, VQR_MESON_VERSION);
    ck_assert_uint_eq(vqr_version(), (uint32_t)VQR_VERSION);
    char buf[32];
    snprintf(buf, sizeof buf, "%u.%u.%u", (vqr_version() >> 16) & 0xFF, (vqr_version() >> 8) & 0xFF,
             vqr_version() & 0xFF);
    ck_assert_str_eq(buf, VQR_MESON_VERSION);
    ck_assert_uint_ge(vqr_payload_sizeof(), sizeof(vqr_payload));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("version");
    tcase_add_test(tc, versions_agree);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
