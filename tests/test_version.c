/*
 * test_version.c - the library's version and sizes against values that do
 * not come from the library or its header: meson's project version (passed
 * by tests/meson.build as VQR_MESON_VERSION) and sizes recorded here when
 * the ABI was fixed. Each would catch a release that forgot one of the
 * places a version or a size lives in.
 */
#include "testutil.h"

/* Recorded for ABI 0: a change here is an ABI change (soname bump). */
#define RECORDED_PAYLOAD_STORAGE 20480u

/* "MAJOR.MINOR.PATCH" -> 0xMMmmpp; 0 when malformed. */
static uint32_t parse_version(const char *s)
{
    unsigned major, minor, patch;
    char end;
    if (sscanf(s, "%u.%u.%u%c", &major, &minor, &patch, &end) != 3 || major > 255 || minor > 255 ||
        patch > 255)
        return 0;
    return (uint32_t)(major << 16 | minor << 8 | patch);
}

START_TEST(run_time_version_is_meson_s)
{
    uint32_t meson = parse_version(VQR_MESON_VERSION);
    ck_assert_uint_ne(meson, 0);
    ck_assert_str_eq(vqr_version_string(), VQR_MESON_VERSION);
    ck_assert_uint_eq(vqr_version(), meson);
}
END_TEST

START_TEST(header_macros_are_meson_s)
{
    uint32_t meson = parse_version(VQR_MESON_VERSION);
    ck_assert_str_eq(VQR_VERSION_STRING, VQR_MESON_VERSION);
    ck_assert_uint_eq(VQR_VERSION_MAJOR, meson >> 16);
    ck_assert_uint_eq(VQR_VERSION_MINOR, (meson >> 8) & 0xFF);
    ck_assert_uint_eq(VQR_VERSION_PATCH, meson & 0xFF);
    ck_assert_uint_eq((uint32_t)VQR_VERSION, meson);
}
END_TEST

START_TEST(payload_size_is_the_recorded_one)
{
    ck_assert_uint_eq(vqr_payload_sizeof(), RECORDED_PAYLOAD_STORAGE);
    ck_assert_uint_eq(sizeof(vqr_payload), RECORDED_PAYLOAD_STORAGE);
    ck_assert_uint_eq(VQR_PAYLOAD_STORAGE, RECORDED_PAYLOAD_STORAGE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("version");
    tcase_add_test(tc, run_time_version_is_meson_s);
    tcase_add_test(tc, header_macros_are_meson_s);
    tcase_add_test(tc, payload_size_is_the_recorded_one);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
