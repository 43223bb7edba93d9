/* vietqr_util.h - helpers shared by the VietQR suites. */
#ifndef VQR_VIETQR_UTIL_H
#define VQR_VIETQR_UTIL_H

#include <jansson.h>

#include "testutil.h"

/* The shared corpus, tests/data/vectors.json (loaded once per process). */
static json_t *g_vectors;

static inline void load_vectors(void)
{
    if (g_vectors)
        return;
    const char *dir = getenv("VQR_TEST_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/vectors.json", dir ? dir : "tests/data");
    json_error_t je;
    g_vectors = json_load_file(path, 0, &je);
    if (!g_vectors) {
        fprintf(stderr, "cannot load %s: %s\n", path, je.text);
        exit(2);
    }
}

/* Runs a suite, then releases the corpus (so that memcheck, with CK_FORK=no,
 * sees nothing left allocated). */
static inline int run_vietqr_suite(Suite *s)
{
    int rc = run_suite(s);
    json_decref(g_vectors);
    g_vectors = NULL;
    return rc;
}

/* Payload of vector i (0-based, the order of vectors.json). */
static inline const char *vector(int i)
{
    load_vectors();
    json_t *p = json_object_get(json_array_get(g_vectors, (size_t)i), "payload");
    ck_assert_msg(json_is_string(p), "vector %d has no payload", i);
    return json_string_value(p);
}

/* A field of vector i as a string ("kind", "scheme", "expect"). */
static inline const char *vector_field(int i, const char *key)
{
    load_vectors();
    const char *s = json_string_value(json_object_get(json_array_get(g_vectors, (size_t)i), key));
    return s ? s : "";
}

/* Builds `in` into a NUL-terminated payload in buf (VQR_PAYLOAD_BUF_SIZE). */
static inline vqr_status build_str(const vqr_vietqr *in, unsigned flags, char *buf,
                                   vqr_vietqr_report *rep, vqr_error *err)
{
    size_t len = 0;
    vqr_status st = vqr_vietqr_write(in, flags, buf, VQR_PAYLOAD_BUF_SIZE, &len, rep, err);
    if (st == VQR_OK)
        ck_assert_uint_eq(len, strlen(buf));
    return st;
}

/* Asserts that building fails with `code` at `tag`, with a poisoned error struct;
 * also that vqr_vietqr_build leaves an empty payload (only 00) behind. */
#define ASSERT_BUILD_FAILS(in, flags, want, tagstr, off, lim)                                     \
    do {                                                                                          \
        vqr_error e_;                                                                             \
        vqr_payload p_;                                                                           \
        memset(&e_, 0xFF, sizeof e_);                                                             \
        e_.size = sizeof e_;                                                                      \
        vqr_status st_ = vqr_vietqr_build((in), (flags), &p_, NULL, &e_);                         \
        ck_assert_msg(st_ == (want), "status %s, expected %s", vqr_status_name(st_),              \
                      vqr_status_name(want));                                                     \
        ck_assert_int_eq(e_.code, (want));                                                        \
        ck_assert_str_eq(e_.tag, (tagstr));                                                       \
        ck_assert_uint_eq(e_.offset, (size_t)(off));                                              \
        ck_assert_uint_eq(e_.limit, (size_t)(lim));                                               \
        ck_assert_int_eq(e_.severity, VQR_SEVERITY_ERROR);                                        \
        ck_assert_str_eq(e_.name, vqr_status_name(want));                                         \
        ck_assert_str_eq(e_.message, vqr_strerror(want));                                         \
        ck_assert_str_eq(e_.message_vi, vqr_strerror_vi(want));                                   \
        vqr_view v_;                                                                              \
        ck_assert_int_eq(vqr_payload_get(&p_, "00", &v_, NULL), VQR_OK);                          \
        ck_assert_int_eq(vqr_payload_get(&p_, "01", &v_, NULL), VQR_ERR_NOT_FOUND);               \
        ck_assert_int_eq(vqr_payload_get(&p_, "38.00", &v_, NULL), VQR_ERR_NOT_FOUND);            \
        char b_[VQR_PAYLOAD_BUF_SIZE];                                                            \
        size_t n_ = 12345;                                                                        \
        memset(&e_, 0xFF, sizeof e_);                                                             \
        e_.size = sizeof e_;                                                                      \
        ck_assert_int_eq(vqr_vietqr_write((in), (flags), b_, sizeof b_, &n_, NULL, &e_), (want)); \
        ck_assert_uint_eq(n_, 0);                                                                 \
        ck_assert_str_eq(e_.tag, (tagstr));                                                       \
    } while (0)

/* Test cases defined in test_vietqr_errors.c and test_vietqr_amount.c. */
void vietqr_error_tests(TCase *tc);
void vietqr_amount_tests(TCase *tc);

#endif
