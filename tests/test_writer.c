/*
 * test_writer.c - building payloads by tag path and writing them: exact
 * canonical bytes, order-keeping edits, limits and errors.
 */
#include "testutil.h"

static void set_ok(vqr_payload *p, const char *path, const char *value)
{
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_payload_set(p, path, value, strlen(value), &e);
    ck_assert_msg(st == VQR_OK, "set %s: %s", path, vqr_status_name(st));
    ck_assert_int_eq(e.code, VQR_OK);
}

static const char *write_ok(const vqr_payload *p, unsigned flags)
{
    static char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_payload_write(p, flags, buf, sizeof buf, &len, &e);
    ck_assert_msg(st == VQR_OK, "write: %s at %s", vqr_status_name(st), e.tag);
    ck_assert_uint_eq(strlen(buf), len);
    return buf;
}

/* NAPAS 6.1.3 from values set in any order: the published bytes. */
START_TEST(canonical_napas_example)
{
    vqr_payload p;
    vqr_payload_init(&p);
    set_ok(&p, "62.08", "thanh toan don hang");
    set_ok(&p, "58", "VN");
    set_ok(&p, "38.01.01", "0011012345678");
    set_ok(&p, "38.00", "A000000727");
    set_ok(&p, "54", "180000");
    set_ok(&p, "38.02", "QRIBFTTA");
    set_ok(&p, "38.01.00", "970403");
    set_ok(&p, "53", "704");
    set_ok(&p, "01", "12");
    set_ok(&p, "62.01", "NPS6869");
    ck_assert_str_eq(write_ok(&p, VQR_WRITE_CANONICAL),
                     "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
                     "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E");
    /* Get by path. */
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&p, "38.01.00", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.len, 6);
    ck_assert_mem_eq(v.ptr, "970403", 6);
    ck_assert_int_eq(vqr_payload_get(&p, "62", &v, NULL), VQR_ERR_IS_TEMPLATE);
    ck_assert_int_eq(vqr_payload_get(&p, "62.05", &v, NULL), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_get(&p, "6.2", &v, NULL), VQR_ERR_BAD_PATH);
    /* Remove the amount and the bill number, and replace 01: the static code. */
    ck_assert_int_eq(vqr_payload_remove(&p, "54", NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_remove(&p, "62", NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_remove(&p, "62", NULL), VQR_ERR_NOT_FOUND);
    set_ok(&p, "01", "11");
    ck_assert_str_eq(write_ok(&p, 0),
                     "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA"
                     "53037045802VN63049E6F");
}
END_TEST

/* A payload with non-ASCII text in 64: lengths in characters. */
START_TEST(canonical_utf8)
{
    vqr_payload p;
    vqr_payload_init(&p);
    set_ok(&p, "26.00", "com.test");
    set_ok(&p, "52", "8062");
    set_ok(&p, "53", "704");
    set_ok(&p, "58", "VN");
    set_ok(&p, "59", "BENH VIEN BACH MAI");
    set_ok(&p, "60", "HA NOI");
    set_ok(&p, "64.01",
           "B\xE1\xBB\x87nh vi\xE1\xBB\x87n B\xE1\xBA\xA1"
           "ch Mai");
    set_ok(&p, "64.00", "vi");
    const char *out = write_ok(&p, 0);
    const char *body = "00020126120008com.test520480625303704"
                       "5802VN5918BENH VIEN BACH MAI6006HA NOI"
                       "64280002vi0118B\xE1\xBB\x87nh vi\xE1\xBB\x87n B\xE1\xBA\xA1"
                       "ch Mai6304";
    ck_assert_uint_eq(strlen(out), strlen(body) + 4);
    ck_assert_mem_eq(out, body, strlen(body));
    ck_assert_int_eq(vqr_crc_check(out, strlen(out), NULL, NULL), VQR_OK);
    vqr_payload q;
    ck_assert_int_eq(vqr_payload_parse(&q, out, strlen(out), 0, NULL), VQR_OK);
}
END_TEST

/* Edit a payload from another generator: only what changed moves. */
START_TEST(keep_order_edit)
{
    const char *in =
        "00020101021153037045802VN38540010A00000072701240006970436011010319334300208QRIBFTTA"
        "62220818Thanh toan hoa don6304FCE9";
    vqr_payload p;
    ck_assert_int_eq(vqr_payload_parse(&p, in, strlen(in), VQR_PARSE_LENIENT, NULL), VQR_OK);
    ck_assert_str_eq(write_ok(&p, VQR_WRITE_KEEP_ORDER), in);
    set_ok(&p, "62.08", "Hoc phi HK1");
    set_ok(&p, "54", "1500000");
    set_ok(&p, "01", "12");
    const char *out = write_ok(&p, VQR_WRITE_KEEP_ORDER);
    const char *body =
        "00020101021253037045802VN38540010A00000072701240006970436011010319334300208QRIBFTTA"
        "62150811Hoc phi HK154071500000"
        "6304";
    ck_assert_uint_eq(strlen(out), strlen(body) + 4);
    ck_assert_mem_eq(out, body, strlen(body));
    ck_assert_int_eq(vqr_crc_check(out, strlen(out), NULL, NULL), VQR_OK);
    /* Canonical: ascending order. */
    ck_assert(strncmp(write_ok(&p, 0), "00020101021238540010A0000007270124", 34) == 0);
}
END_TEST

START_TEST(set_errors)
{
    vqr_payload p;
    vqr_payload_init(&p);
    vqr_error e;
    VQR_INIT(&e);
    char long26[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
#define SET_FAILS(path, value, want, tagstr, lim)                                    \
    do {                                                                             \
        memset(&e, 0xFF, sizeof e);                                                  \
        e.size = sizeof e;                                                           \
        ck_assert_int_eq(vqr_payload_set(&p, path, value, strlen(value), &e), want); \
        ck_assert_int_eq(e.code, want);                                              \
        ck_assert_str_eq(e.tag, tagstr);                                             \
        ck_assert_uint_eq(e.limit, lim);                                             \
    } while (0)
    SET_FAILS("62.08", long26, VQR_ERR_LENGTH, "62.08", 25);
    SET_FAILS("59", long26, VQR_ERR_LENGTH, "59", 25);
    SET_FAILS("60", "HO CHI MINH CITY", VQR_ERR_LENGTH, "60", 15);
    SET_FAILS("52", "54A1", VQR_ERR_FORMAT_N, "52", 0);
    SET_FAILS("52", "541", VQR_ERR_LENGTH, "52", 4);
    SET_FAILS("59", "B\xE1\xBB\x87nh vi\xE1\xBB\x87n", VQR_ERR_FORMAT_ANS, "59", 0);
    SET_FAILS("64.01", "B\xE1\xBB", VQR_ERR_UTF8, "64.01", 0);
    SET_FAILS("62.09", "", VQR_ERR_ZERO_LENGTH, "62.09", 0);
    SET_FAILS("62", "0103abc", VQR_ERR_IS_TEMPLATE, "62", 0);
    SET_FAILS("63", "ABCD", VQR_ERR_INVALID_ARGUMENT, "63", 0);
    SET_FAILS("54.01", "1", VQR_ERR_BAD_PATH, "54.01", 0);
    SET_FAILS("6", "1", VQR_ERR_BAD_PATH, "", 0);
    SET_FAILS("62.08.01.02", "1", VQR_ERR_BAD_PATH, "", 0);
    char v100[101];
    memset(v100, 'a', 100);
    v100[100] = '\0';
    SET_FAILS("80.01", v100, VQR_ERR_LENGTH, "80.01", 99);
    /* 80-99 may hold a raw value. */
    set_ok(&p, "80", "ABCD");
    /* Nothing above was stored. */
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&p, "62", &v, NULL), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_get(&p, "59", &v, NULL), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_set(NULL, "59", "A", 1, NULL), VQR_ERR_INVALID_ARGUMENT);
#undef SET_FAILS
}
END_TEST

START_TEST(write_errors)
{
    vqr_payload p;
    vqr_payload_init(&p);
    vqr_error e;
    VQR_INIT(&e);
    size_t len;
    char buf[VQR_PAYLOAD_BUF_SIZE];
    /* A template over 99 characters. */
    static const char *ids[] = { "62.01", "62.02", "62.03", "62.04" };
    for (int i = 0; i < 4; i++)
        set_ok(&p, ids[i], "ABCDEFGHIJKLMNOPQRSTUVWXY");
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_write(&p, 0, buf, sizeof buf, &len, &e),
                     VQR_ERR_TEMPLATE_TOO_LONG);
    ck_assert_str_eq(e.tag, "62");
    ck_assert_uint_eq(e.limit, 99);
    ck_assert_int_eq(vqr_payload_remove(&p, "62.04", NULL), VQR_OK);
    /* Buffer too small: the size needed, and nothing written. */
    memset(buf, '#', sizeof buf);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_write(&p, 0, buf, 20, &len, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, 6 + 4 + 3 * 29 + 8);
    ck_assert_uint_eq(e.limit, len + 1);
    ck_assert_int_eq(buf[0], '#');
    ck_assert_int_eq(vqr_payload_write(&p, 0, buf, len, &len, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(vqr_payload_write(&p, 0, buf, len + 1, &len, &e), VQR_OK);
    ck_assert_int_eq(buf[len], '\0');
    /* No 00. */
    ck_assert_int_eq(vqr_payload_remove(&p, "00", NULL), VQR_OK);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_write(&p, 0, buf, sizeof buf, &len, &e), VQR_ERR_MISSING);
    ck_assert_str_eq(e.tag, "00");
    ck_assert_int_eq(vqr_payload_write(&p, 1u << 5, buf, sizeof buf, &len, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_payload_write(NULL, 0, buf, sizeof buf, &len, &e),
                     VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* Iterating the tree gives IDs, depths, tags and offsets. */
START_TEST(iterate_tree)
{
    const char *in = "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
                     "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E";
    vqr_payload p;
    /* NAPAS's own example: valid under the VietQR profile the default
     * chooses for it, while strict EMVCo misses 52, 59 and 60. */
    ck_assert_int_eq(vqr_payload_parse(&p, in, strlen(in), VQR_PARSE_STRICT, NULL),
                     VQR_ERR_MISSING);
    ck_assert_int_eq(vqr_payload_parse(&p, in, strlen(in), VQR_PARSE_DEFAULT, NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_VIETQR);
    vqr_handle h = vqr_payload_first(&p, VQR_ROOT);
    vqr_object o;
    VQR_INIT(&o);
    int ids[16], n = 0;
    vqr_handle t38 = VQR_NONE;
    for (; h != VQR_NONE; h = vqr_payload_next(&p, h)) {
        ck_assert_int_eq(vqr_payload_object(&p, h, &o, NULL), VQR_OK);
        ids[n++] = o.id;
        if (o.id == 38)
            t38 = h;
    }
    static const int want[] = { 0, 1, 38, 53, 54, 58, 62, 63 };
    ck_assert_int_eq(n, 8);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(ids[i], want[i]);
    vqr_handle b = vqr_payload_next(&p, vqr_payload_first(&p, t38));
    ck_assert_int_eq(vqr_payload_object(&p, b, &o, NULL), VQR_OK);
    ck_assert_str_eq(o.tag, "38.01");
    ck_assert(o.is_template);
    ck_assert_uint_eq(o.offset, 30);
    vqr_handle acct = vqr_payload_next(&p, vqr_payload_first(&p, b));
    ck_assert_int_eq(vqr_payload_object(&p, acct, &o, NULL), VQR_OK);
    ck_assert_str_eq(o.tag, "38.01.01");
    ck_assert_int_eq(o.depth, 2);
    ck_assert_uint_eq(o.value.len, 13);
    ck_assert_mem_eq(o.value.ptr, "0011012345678", 13);
    ck_assert_int_eq(vqr_payload_object(&p, 9999, &o, NULL), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_payload_first(&p, 9999), VQR_NONE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("writer");
    TCase *tc = tcase_create("writer");
    tcase_add_test(tc, canonical_napas_example);
    tcase_add_test(tc, canonical_utf8);
    tcase_add_test(tc, keep_order_edit);
    tcase_add_test(tc, set_errors);
    tcase_add_test(tc, write_errors);
    tcase_add_test(tc, iterate_tree);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
