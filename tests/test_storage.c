/*
 * test_storage.c - the storage behind a vqr_payload: zero bytes (static,
 * `= {0}`, calloc, a memset to clear it) are a valid empty payload for every
 * payload function, never a hang; and any number of edits works on one
 * payload while what it holds at once fits (100,000 alternating set and
 * remove calls, a template re-stamped per invoice), with VQR_ERR_NO_SPACE
 * and nothing changed only when it does not.
 *
 * Each test runs under Check's timeout: a loop over zeroed links fails it.
 */
#include "testutil.h"

#include <stdint.h>

/* A VietQR as a billing system keeps it: parsed once, re-stamped per invoice. */
#define TEMPLATE_BODY                                                           \
    "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA" \
    "5204599953037045802VN5908ABC SHOP6005HANOI62140810HOC PHI T9"

/* An independent writer of the few objects the tests use. */
static void tlv(char *out, size_t cap, size_t *o, const char *id, const char *v)
{
    int n = snprintf(out + *o, cap - *o, "%s%02zu%s", id, strlen(v), v);
    ck_assert_int_gt(n, 0);
    *o += (size_t)n;
}

static void crc_close(char *out, size_t cap, size_t *o)
{
    ck_assert_uint_lt(*o + 9, cap);
    memcpy(out + *o, "6304", 4);
    *o += 4;
    snprintf(out + *o, 5, "%04X", (unsigned)vqr_crc16(out, *o));
    *o += 4;
}

static void write_ok(const vqr_payload *p, unsigned flags, char *out, size_t *len)
{
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_payload_write(p, flags, out, VQR_PAYLOAD_BUF_SIZE, len, &e), VQR_OK);
}

/* Every payload function on storage that holds zero bytes. */
static void expect_empty(vqr_payload *p)
{
    vqr_error e, d;
    VQR_INIT(&e);
    VQR_INIT(&d);
    ck_assert_int_eq(vqr_payload_profile(p), VQR_PROFILE_NONE);
    ck_assert_uint_eq(vqr_payload_diag_count(p), 0);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(p, VQR_SEVERITY_ERROR), 0);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(p, VQR_SEVERITY_WARNING), 0);
    ck_assert_int_eq(vqr_payload_diag(p, 0, &d, &e), VQR_ERR_NOT_FOUND);
    char given[5] = "x", computed[5] = "y";
    ck_assert(!vqr_payload_crc(p, given, computed));
    ck_assert_str_eq(given, "");
    ck_assert_str_eq(computed, "");

    vqr_view v;
    static const char *const paths[] = { "00", "54", "62.08", "62", "38.01.00", "38", "99" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        ck_assert_int_eq(vqr_payload_get(p, paths[i], &v, &e), VQR_ERR_NOT_FOUND);
        ck_assert_str_eq(e.tag, paths[i]);
        ck_assert_ptr_null(v.ptr);
    }
    ck_assert_int_eq(vqr_payload_get(p, "5", &v, &e), VQR_ERR_BAD_PATH);

    ck_assert_int_eq(vqr_payload_first(p, VQR_ROOT), VQR_NONE);
    for (vqr_handle h = 0; h < 4; h++) {
        vqr_object o;
        VQR_INIT(&o);
        ck_assert_int_eq(vqr_payload_first(p, h), VQR_NONE);
        ck_assert_int_eq(vqr_payload_next(p, h), VQR_NONE);
        ck_assert_int_eq(vqr_payload_object(p, h, &o, &e), VQR_ERR_NOT_FOUND);
    }

    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 7;
    for (unsigned f = 0; f <= VQR_WRITE_KEEP_ORDER; f++) {
        ck_assert_int_eq(vqr_payload_write(p, f, out, sizeof out, &len, &e), VQR_ERR_MISSING);
        ck_assert_str_eq(e.tag, "00");
        ck_assert_uint_eq(len, 0);
    }

    vqr_vietqr_info info;
    VQR_INIT(&info);
    ck_assert_int_eq(vqr_vietqr_read(p, &info, &e), VQR_ERR_NOT_VIETQR);
    ck_assert_int_eq(info.network, VQR_NETWORK_NONE);

    /* The functions that change it: remove finds nothing (and leaves it
     * empty), set builds on it. */
    ck_assert_int_eq(vqr_payload_remove(p, "54", &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_remove(p, "62.08", &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_get(p, "54", &v, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_first(p, VQR_ROOT), VQR_NONE);

    ck_assert_int_eq(vqr_payload_set(p, "62.08", "abc", 3, &e), VQR_OK);
    ck_assert_int_eq(vqr_payload_get(p, "62.08", &v, &e), VQR_OK);
    ck_assert_uint_eq(v.len, 3);
    ck_assert_int_eq(memcmp(v.ptr, "abc", 3), 0);
    ck_assert_int_eq(vqr_payload_write(p, 0, out, sizeof out, &len, &e), VQR_ERR_MISSING);
    ck_assert_int_eq(vqr_payload_set(p, "00", "01", 2, &e), VQR_OK);
    char want[64];
    size_t o = 0;
    tlv(want, sizeof want, &o, "00", "01");
    tlv(want, sizeof want, &o, "62", "0803abc");
    crc_close(want, sizeof want, &o);
    write_ok(p, VQR_WRITE_CANONICAL, out, &len);
    ck_assert_str_eq(out, want);
    write_ok(p, VQR_WRITE_KEEP_ORDER, out, &len);
    ck_assert_str_eq(out, want); /* 00 first whatever the order it was set in */
}

static vqr_payload g_static; /* zero by C's rules */

START_TEST(zero_filled_static)
{
    expect_empty(&g_static);
}
END_TEST

START_TEST(zero_filled_initializer)
{
    vqr_payload p = { 0 };
    expect_empty(&p);
}
END_TEST

START_TEST(zero_filled_calloc)
{
    vqr_payload *p = calloc(1, sizeof *p);
    ck_assert_ptr_nonnull(p);
    expect_empty(p);
    free(p);
}
END_TEST

START_TEST(cleared_with_memset)
{
    /* A payload in use, then "cleared" the way C programs clear structs. */
    vqr_payload p;
    const char *s = with_crc(TEMPLATE_BODY);
    ck_assert_int_eq(vqr_payload_parse(&p, s, strlen(s), VQR_PARSE_LENIENT, NULL), VQR_OK);
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&p, "62.08", &v, NULL), VQR_OK);
    memset(&p, 0, sizeof p);
    expect_empty(&p);
    /* After a failed parse too. */
    vqr_payload_parse(&p, "garbage", 7, 0, NULL);
    memset(&p, 0, sizeof p);
    expect_empty(&p);
}
END_TEST

START_TEST(zero_filled_parse_and_init)
{
    /* Parsing into zeroed storage and init on it work as on any storage. */
    vqr_payload *p = calloc(1, sizeof *p);
    ck_assert_ptr_nonnull(p);
    const char *s = with_crc(TEMPLATE_BODY);
    ck_assert_int_eq(vqr_payload_parse(p, s, strlen(s), VQR_PARSE_STRICT, NULL), VQR_OK);
    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    write_ok(p, VQR_WRITE_KEEP_ORDER, out, &len);
    ck_assert_str_eq(out, s);
    memset(p, 0, sizeof *p);
    vqr_payload_init(p);
    write_ok(p, VQR_WRITE_CANONICAL, out, &len);
    ck_assert_str_eq(out, with_crc("000201"));
    free(p);
}
END_TEST

/* ---- edits ---------------------------------------------------------------- */

/* The template with 54 = amount (or none) and 62.08 = purpose, as the
 * keep-order writer gives it: 54 goes at the end, before 63, when the
 * template had none. */
static void expected(char *out, size_t cap, const char *amount, const char *purpose)
{
    size_t o = 0;
    static const char *const head =
        "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA"
        "5204599953037045802VN5908ABC SHOP6005HANOI";
    (void)cap;
    memcpy(out, head, strlen(head));
    o = strlen(head);
    char sub[64];
    size_t so = 0;
    tlv(sub, sizeof sub, &so, "08", purpose);
    tlv(out, cap, &o, "62", sub);
    if (amount)
        tlv(out, cap, &o, "54", amount);
    crc_close(out, cap, &o);
    out[o] = '\0';
}

START_TEST(alternating_edits_never_run_out)
{
    vqr_payload p;
    const char *s = with_crc(TEMPLATE_BODY);
    ck_assert_int_eq(vqr_payload_parse(&p, s, strlen(s), VQR_PARSE_STRICT, NULL), VQR_OK);
    vqr_error e;
    VQR_INIT(&e);
    char amount[16], purpose[32], out[VQR_PAYLOAD_BUF_SIZE], want[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    unsigned rounds = test_rounds(100000);
    for (unsigned i = 0; i < rounds; i++) {
        if (i % 2 == 0) {
            snprintf(amount, sizeof amount, "%u", 10000 + i);
            snprintf(purpose, sizeof purpose, "HD%07u THANG %u", i, 1 + i % 12);
            ck_assert_msg(vqr_payload_set(&p, "54", amount, strlen(amount), &e) == VQR_OK,
                          "set 54 at edit %u: %s", i, e.name);
            ck_assert_msg(vqr_payload_set(&p, "62.08", purpose, strlen(purpose), &e) == VQR_OK,
                          "set 62.08 at edit %u: %s", i, e.name);
        } else {
            ck_assert_msg(vqr_payload_remove(&p, "54", &e) == VQR_OK, "remove at edit %u", i);
        }
        if (i % 9973 == 0 || i + 2 >= rounds) {
            expected(want, sizeof want, i % 2 == 0 ? amount : NULL, purpose);
            write_ok(&p, VQR_WRITE_KEEP_ORDER, out, &len);
            ck_assert_str_eq(out, want);
            vqr_payload q;
            ck_assert_int_eq(vqr_payload_parse(&q, out, len, VQR_PARSE_STRICT, NULL), VQR_OK);
        }
    }
    /* Iteration still walks exactly the objects it holds, in order. */
    static const int ids[] = { 0, 1, 38, 52, 53, 58, 59, 60, 62, 63 };
    size_t k = 0;
    for (vqr_handle h = vqr_payload_first(&p, VQR_ROOT); h != VQR_NONE;
         h = vqr_payload_next(&p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        ck_assert_int_eq(vqr_payload_object(&p, h, &o, NULL), VQR_OK);
        ck_assert_uint_lt(k, sizeof ids / sizeof ids[0]);
        ck_assert_int_eq(o.id, ids[k++]);
    }
    ck_assert_uint_eq(k, sizeof ids / sizeof ids[0]);
}
END_TEST

START_TEST(one_template_per_invoice)
{
    /* The billing program of the review: one template, 54 set per invoice
     * and written; it broke at invoice 661. */
    vqr_payload p;
    const char *s = with_crc(TEMPLATE_BODY);
    ck_assert_int_eq(vqr_payload_parse(&p, s, strlen(s), VQR_PARSE_STRICT, NULL), VQR_OK);
    char amount[16], out[VQR_PAYLOAD_BUF_SIZE], want[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    for (unsigned invoice = 1; invoice <= test_rounds(20000); invoice++) {
        snprintf(amount, sizeof amount, "%u", 150000 + invoice);
        ck_assert_msg(vqr_payload_set(&p, "54", amount, strlen(amount), NULL) == VQR_OK,
                      "invoice %u", invoice);
        write_ok(&p, VQR_WRITE_KEEP_ORDER, out, &len);
        if (invoice % 997 == 0 || invoice == 661) {
            expected(want, sizeof want, amount, "HOC PHI T9");
            ck_assert_str_eq(out, want);
        }
    }
}
END_TEST

START_TEST(no_space_only_when_the_content_does_not_fit)
{
    vqr_payload p;
    vqr_payload_init(&p);
    vqr_error e;
    VQR_INIT(&e);
    /* Values: 99 characters of 4 bytes each in S fields (26.01-26.11). */
    char big[397];
    for (int i = 0; i < 99; i++)
        memcpy(big + 4 * i, "\xf0\x9f\x98\x80", 4);
    char path[8];
    int set = 0;
    for (; set < 20; set++) {
        snprintf(path, sizeof path, "%02d.01", 26 + set);
        if (vqr_payload_set(&p, path, big, 396, &e) != VQR_OK)
            break;
    }
    ck_assert_int_eq(e.code, VQR_ERR_NO_SPACE);
    ck_assert_str_eq(e.tag, path);
    /* 2 bytes of "01" and 10 values of 396 bytes fit in 4096; an 11th not. */
    ck_assert_int_eq(set, 10);
    /* Replacing a value in place works any number of times... */
    for (int k = 0; k < 1000; k++) {
        big[3] = (char)(0x80 + k % 64); /* another emoji first */
        ck_assert_int_eq(vqr_payload_set(&p, "26.01", big, 396 - 4, &e), VQR_OK);
    }
    /* ...and once one goes, the new one fits. */
    ck_assert_int_eq(vqr_payload_remove(&p, "27", &e), VQR_OK);
    ck_assert_int_eq(vqr_payload_set(&p, path, big, 396, &e), VQR_OK);
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&p, path, &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.len, 396);
    ck_assert_int_eq(vqr_payload_get(&p, "26.01", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.len, 392);
    ck_assert_int_eq(memcmp(v.ptr, big, 392), 0);
}
END_TEST

START_TEST(no_space_for_objects_changes_nothing)
{
    vqr_payload p;
    vqr_payload_init(&p);
    vqr_error e;
    VQR_INIT(&e);
    /* Templates 26-51 and 80-99 with sub-objects 01-99 of one character:
     * 640 objects at once is the most. */
    int made = 1; /* 00 */
    char path[8];
    vqr_status st = VQR_OK;
    for (int t = 26; t <= 51 && st == VQR_OK; t++) {
        for (int s = 1; s <= 30 && st == VQR_OK; s++) {
            snprintf(path, sizeof path, "%02d.%02d", t, s);
            st = vqr_payload_set(&p, path, "x", 1, &e);
            if (st == VQR_OK)
                made += s == 1 ? 2 : 1;
        }
    }
    ck_assert_int_eq(st, VQR_ERR_NO_SPACE);
    ck_assert_int_eq(made, VQR_PAYLOAD_NODES);
    /* Nothing changed by the failed call; a remove makes room again, and
     * after any number of remove and set pairs it still fits. */
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&p, path, &v, NULL), VQR_ERR_NOT_FOUND);
    for (int k = 0; k < 5000; k++) {
        snprintf(path, sizeof path, "26.%02d", 1 + k % 30);
        ck_assert_int_eq(vqr_payload_remove(&p, path, &e), VQR_OK);
        ck_assert_int_eq(vqr_payload_set(&p, path, "y", 1, &e), VQR_OK);
    }
    ck_assert_int_eq(vqr_payload_get(&p, "26.07", &v, NULL), VQR_OK);
    ck_assert_int_eq(v.ptr[0], 'y');
    ck_assert_int_eq(vqr_payload_get(&p, "30.07", &v, NULL), VQR_OK);
    ck_assert_int_eq(v.ptr[0], 'x');
}
END_TEST

int main(void)
{
    Suite *s = suite_create("storage");
    TCase *z = tcase_create("zero-filled");
    tcase_set_timeout(z, 20);
    tcase_add_test(z, zero_filled_static);
    tcase_add_test(z, zero_filled_initializer);
    tcase_add_test(z, zero_filled_calloc);
    tcase_add_test(z, cleared_with_memset);
    tcase_add_test(z, zero_filled_parse_and_init);
    suite_add_tcase(s, z);
    TCase *ed = tcase_create("edits");
    tcase_set_timeout(ed, 60);
    tcase_add_test(ed, alternating_edits_never_run_out);
    tcase_add_test(ed, one_template_per_invoice);
    tcase_add_test(ed, no_space_only_when_the_content_does_not_fit);
    tcase_add_test(ed, no_space_for_objects_changes_nothing);
    suite_add_tcase(s, ed);
    return run_suite(s);
}
