/* testutil.h - helpers shared by the Check suites. */
#ifndef VQR_TESTUTIL_H
#define VQR_TESTUTIL_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vietqr.h"

/* Whether the test runs under memcheck (the valgrind setup sets
 * VQR_UNDER_VALGRIND), where each call costs 50 times as much: long loops
 * then do fewer rounds or larger steps, every path still running; the
 * native and sanitizer runs do all of them. */
static inline bool under_memcheck(void)
{
    const char *v = getenv("VQR_UNDER_VALGRIND");
    return v && v[0] == '1';
}

/* `n` rounds of a long loop, or a tenth of them under memcheck. */
static inline unsigned test_rounds(unsigned n)
{
    return under_memcheck() ? n / 10 : n;
}

/* The step of a loop over a range: `n`, or ten times it under memcheck. */
static inline unsigned test_step(unsigned n)
{
    return under_memcheck() ? n * 10 : n;
}

/* Appends "6304" and the right CRC to body; returns a static buffer. */
static inline const char *with_crc(const char *body)
{
    static char buf[4096];
    size_t n = strlen(body);
    ck_assert_uint_lt(n + 9, sizeof buf);
    memcpy(buf, body, n);
    memcpy(buf + n, "6304", 4);
    snprintf(buf + n + 4, 5, "%04X", (unsigned)vqr_crc16(buf, n + 4));
    return buf;
}

/* Parses with a poisoned error struct and checks the primary error. */
#define ASSERT_PARSE(payload, plen, pflags, want, off, tagstr)                                \
    do {                                                                                      \
        vqr_payload p_;                                                                       \
        vqr_error e_;                                                                         \
        memset(&e_, 0xFF, sizeof e_);                                                         \
        e_.size = sizeof e_;                                                                  \
        vqr_status st_ = vqr_payload_parse(&p_, (payload), (plen), (pflags), &e_);            \
        ck_assert_msg(st_ == (want), "status %s, expected %s for %.*s", vqr_status_name(st_), \
                      vqr_status_name(want), (int)(plen), (payload));                         \
        ck_assert_int_eq(e_.code, (want));                                                    \
        if ((want) != VQR_OK) {                                                               \
            ck_assert_uint_eq(e_.offset, (off));                                              \
            ck_assert_str_eq(e_.tag, (tagstr));                                               \
            ck_assert_int_eq(e_.severity, VQR_SEVERITY_ERROR);                                \
            ck_assert_ptr_nonnull(e_.message);                                                \
            ck_assert_ptr_nonnull(e_.message_vi);                                             \
            ck_assert_str_eq(e_.name, vqr_status_name(want));                                 \
        }                                                                                     \
    } while (0)

/* Finds a diagnostic with this code in a parsed payload; returns its index or -1. */
static inline int find_diag(const vqr_payload *p, vqr_status code, vqr_error *out)
{
    for (size_t i = 0; i < vqr_payload_diag_count(p) && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        ck_assert_int_eq(vqr_payload_diag(p, i, &e, NULL), VQR_OK);
        if (e.code == code) {
            if (out)
                *out = e;
            return (int)i;
        }
    }
    return -1;
}

static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
