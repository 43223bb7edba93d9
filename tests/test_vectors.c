/*
 * test_vectors.c - every vector of tests/data/vectors.json, parsed in
 * strict EMVCo, lenient and the default mode, against
 * tests/data/expectations.json (the default also names its profile); and
 * against each vector's own `expect` and measured CRC, independently of
 * the expectations file.
 */
#include <jansson.h>

#include "testutil.h"

static json_t *g_vectors;
static json_t *g_expect;

static json_t *load(const char *name)
{
    const char *dir = getenv("VQR_TEST_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) {
        fprintf(stderr, "cannot load %s: %s\n", path, je.text);
        exit(2);
    }
    return j;
}

static const char *payload_of(int i, size_t *len)
{
    json_t *v = json_array_get(g_vectors, (size_t)i);
    json_t *p = json_object_get(v, "payload");
    *len = json_string_length(p);
    return json_string_value(p);
}

static const char *str_of(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    ck_assert_ptr_nonnull(s);
    return s;
}

/* Compares the diagnostics of one severity with the expected list. */
static void check_diags(const vqr_payload *p, json_t *list, vqr_severity sev, int idx,
                        const char *mode)
{
    size_t k = 0;
    for (size_t i = 0; i < vqr_payload_diag_count(p); i++) {
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_payload_diag(p, i, &e, NULL), VQR_OK);
        if (e.severity != sev)
            continue;
        json_t *x = json_array_get(list, k);
        ck_assert_msg(x != NULL, "vector %d %s: unexpected %s at %zu", idx, mode, e.name, e.offset);
        ck_assert_msg(strcmp(e.name, str_of(x, "code")) == 0, "vector %d %s: %s, expected %s", idx,
                      mode, e.name, str_of(x, "code"));
        ck_assert_uint_eq(e.offset, (size_t)json_integer_value(json_object_get(x, "offset")));
        ck_assert_uint_eq(e.char_offset,
                          (size_t)json_integer_value(json_object_get(x, "char_offset")));
        ck_assert_str_eq(e.tag, str_of(x, "tag"));
        ck_assert_str_eq(e.message, vqr_strerror(e.code));
        ck_assert_str_eq(e.message_vi, vqr_strerror_vi(e.code));
        k++;
    }
    ck_assert_uint_eq(k, json_array_size(list));
    ck_assert_uint_eq(vqr_payload_diag_count_severity(p, sev), k);
}

START_TEST(vector_matches_expectations)
{
    size_t len;
    const char *payload = payload_of(_i, &len);
    json_t *ex = json_array_get(json_object_get(g_expect, "vectors"), (size_t)_i);
    ck_assert_int_eq((int)json_integer_value(json_object_get(ex, "index")), _i);
    static const char *modes[3] = { "strict", "lenient", "default" };
    static const unsigned flags[3] = { VQR_PARSE_EMVCO, VQR_PARSE_LENIENT, VQR_PARSE_DEFAULT };
    static const vqr_profile profiles[3] = { VQR_PROFILE_EMVCO, VQR_PROFILE_LENIENT,
                                             VQR_PROFILE_NONE };
    for (int m = 0; m < 3; m++) {
        json_t *want = json_object_get(ex, modes[m]);
        vqr_payload p;
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        vqr_status st = vqr_payload_parse(&p, payload, len, flags[m], &e);
        if (profiles[m] != VQR_PROFILE_NONE)
            ck_assert_int_eq(vqr_payload_profile(&p), profiles[m]);
        else
            ck_assert_str_eq(vqr_profile_name(vqr_payload_profile(&p)), str_of(want, "profile"));
        ck_assert_msg(strcmp(vqr_status_name(st), str_of(want, "status")) == 0,
                      "vector %d %s: %s, expected %s", _i, modes[m], vqr_status_name(st),
                      str_of(want, "status"));
        if (st != VQR_OK) {
            json_t *first = json_array_get(json_object_get(want, "errors"), 0);
            ck_assert_str_eq(e.name, str_of(first, "code"));
            ck_assert_uint_eq(e.offset,
                              (size_t)json_integer_value(json_object_get(first, "offset")));
            ck_assert_str_eq(e.tag, str_of(first, "tag"));
        } else {
            ck_assert_int_eq(e.code, VQR_OK);
        }
        check_diags(&p, json_object_get(want, "errors"), VQR_SEVERITY_ERROR, _i, modes[m]);
        check_diags(&p, json_object_get(want, "warnings"), VQR_SEVERITY_WARNING, _i, modes[m]);
    }
}
END_TEST

/* Independent of expectations.json: the source's intent and measured CRC. */
START_TEST(vector_matches_its_intent)
{
    size_t len;
    const char *payload = payload_of(_i, &len);
    json_t *v = json_array_get(g_vectors, (size_t)_i);
    const char *expect = str_of(v, "expect");
    bool crc_ok = json_is_true(json_object_get(v, "crc_ok"));
    vqr_payload p;
    vqr_status strict = vqr_payload_parse(&p, payload, len, VQR_PARSE_STRICT, NULL);
    vqr_status dflt = vqr_payload_parse(&p, payload, len, VQR_PARSE_DEFAULT, NULL);
    bool napas = vqr_payload_profile(&p) == VQR_PROFILE_VIETQR;
    vqr_status lenient = vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, NULL);

    /* Lenient mode reads exactly the payloads whose framing and CRC hold,
     * but for those nobody can pay (no account, or neither currency nor
     * country): among the vectors, only what is not MPM at all. */
    if (crc_ok && lenient != VQR_OK) {
        ck_assert_str_eq(expect, "non-mpm");
        for (size_t i = 0; i < vqr_payload_diag_count(&p) && i < VQR_DIAG_MAX; i++) {
            vqr_error d;
            VQR_INIT(&d);
            ck_assert_int_eq(vqr_payload_diag(&p, i, &d, NULL), VQR_OK);
            if (d.severity == VQR_SEVERITY_ERROR)
                ck_assert(
                    d.code == VQR_ERR_NO_MERCHANT_ACCOUNT ||
                    (d.code == VQR_ERR_MISSING && (!strcmp(d.tag, "53") || !strcmp(d.tag, "58"))));
        }
    } else {
        ck_assert_msg((lenient == VQR_OK) == crc_ok, "vector %d (%s): lenient %s", _i, expect,
                      vqr_status_name(lenient));
    }
    /* Strict mode accepts only payloads their source calls plainly valid. */
    if (strict == VQR_OK)
        ck_assert_str_eq(expect, "valid");
    /* The default accepts exactly the VietQRs their source calls valid
     * (NAPAS makes 52, 59 and 60 optional), and is strict EMVCo for the
     * rest. */
    if (napas)
        ck_assert_msg((dflt == VQR_OK) == (strcmp(expect, "valid") == 0), "vector %d (%s): %s", _i,
                      expect, vqr_status_name(dflt));
    else
        ck_assert_int_eq(dflt, strict);
    if (strcmp(expect, "duplicate-id") == 0)
        ck_assert_int_eq(strict, VQR_ERR_DUPLICATE_ID);
    if (strcmp(expect, "invalid-id") == 0 || strcmp(expect, "malformed") == 0)
        ck_assert_int_eq(strict, VQR_ERR_BAD_ID);
    if (strcmp(expect, "truncated") == 0)
        ck_assert_int_eq(strict, VQR_ERR_TRUNCATED);
    if (strcmp(expect, "missing-crc") == 0)
        ck_assert_int_eq(strict, VQR_ERR_CRC_MISSING);
    if (strncmp(expect, "invalid-crc", 11) == 0)
        ck_assert(strict == VQR_ERR_CRC_MISMATCH || strict == VQR_ERR_CRC_MISSING ||
                  strict == VQR_ERR_TRUNCATED);
    if (strcmp(expect, "valid-pfi-02") == 0) {
        vqr_error w;
        VQR_INIT(&w);
        ck_assert_int_ge(find_diag(&p, VQR_ERR_PFI_VALUE, &w), 0);
        ck_assert_int_eq(w.severity, VQR_SEVERITY_WARNING);
    }
    if (strcmp(expect, "byte-length") == 0)
        ck_assert_int_ge(find_diag(&p, VQR_ERR_BYTE_LENGTHS, NULL), 0);

    /* The CRC the library computes is the one measured for the corpus. */
    const char *computed = json_string_value(json_object_get(v, "crc_computed"));
    char given[5], mine[5];
    bool match = vqr_payload_crc(&p, given, mine);
    if (computed && len >= 8 && memcmp(payload + len - 8, "6304", 4) == 0) {
        ck_assert_str_eq(mine, computed);
        ck_assert_int_eq(match, crc_ok);
        ck_assert_int_eq(vqr_crc_check(payload, len, NULL, NULL) == VQR_OK, crc_ok);
    }
}
END_TEST

/* Written back in its original order, a readable payload gives its bytes. */
START_TEST(vector_round_trip)
{
    size_t len;
    const char *payload = payload_of(_i, &len);
    json_t *ex = json_array_get(json_object_get(g_expect, "vectors"), (size_t)_i);
    const char *rt = json_string_value(json_object_get(ex, "roundtrip"));
    if (!rt)
        return;
    vqr_payload p;
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, NULL), VQR_OK);
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t out = 0;
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_payload_write(&p, VQR_WRITE_KEEP_ORDER, buf, sizeof buf, &out, &e),
                     VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    if (strcmp(rt, "char-lengths") == 0) {
        /* Read with byte lengths: written back with character lengths,
         * which read without the warning and give the same values. */
        vqr_payload q;
        ck_assert_int_eq(vqr_payload_parse(&q, buf, out, VQR_PARSE_LENIENT, NULL), VQR_OK);
        ck_assert_int_eq(find_diag(&q, VQR_ERR_BYTE_LENGTHS, NULL), -1);
        vqr_view a, b;
        ck_assert_int_eq(vqr_payload_get(&p, "62.08", &a, NULL), VQR_OK);
        ck_assert_int_eq(vqr_payload_get(&q, "62.08", &b, NULL), VQR_OK);
        ck_assert_uint_eq(a.len, b.len);
        ck_assert_mem_eq(a.ptr, b.ptr, a.len);
        ck_assert(out != len || memcmp(buf, payload, len) != 0);
        return;
    }
    ck_assert_uint_eq(out, len);
    if (strcmp(rt, "same") == 0) {
        ck_assert_mem_eq(buf, payload, len);
    } else {
        ck_assert_str_eq(rt, "crc-upper");
        ck_assert_mem_eq(buf, payload, len - 4);
        for (size_t i = len - 4; i < len; i++) {
            char c = payload[i];
            ck_assert_int_eq(buf[i], (c >= 'a' && c <= 'f') ? c - 'a' + 'A' : c);
        }
    }
    /* Canonical output reads back with the same objects in each template. */
    vqr_status cs = vqr_payload_write(&p, 0, buf, sizeof buf, &out, NULL);
    if (cs == VQR_ERR_ZERO_LENGTH)
        return; /* lenient-read empty values cannot be written (vector 78) */
    ck_assert_int_eq(cs, VQR_OK);
    vqr_payload q;
    ck_assert_int_eq(vqr_payload_parse(&q, buf, out, VQR_PARSE_LENIENT, NULL), VQR_OK);
    for (vqr_handle h = vqr_payload_first(&p, VQR_ROOT); h != VQR_NONE;
         h = vqr_payload_next(&p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        ck_assert_int_eq(vqr_payload_object(&p, h, &o, NULL), VQR_OK);
        if (o.id == 63 || o.is_template)
            continue;
        vqr_view v;
        ck_assert_int_eq(vqr_payload_get(&q, o.tag, &v, NULL), VQR_OK);
        ck_assert_uint_eq(v.len, o.value.len);
        ck_assert_mem_eq(v.ptr, o.value.ptr, v.len);
    }
}
END_TEST

int main(void)
{
    g_vectors = load("vectors.json");
    g_expect = load("expectations.json");
    int n = (int)json_array_size(g_vectors);
    if (n < 90 || json_array_size(json_object_get(g_expect, "vectors")) != (size_t)n) {
        fprintf(stderr, "vector files do not agree\n");
        return 2;
    }
    Suite *s = suite_create("vectors");
    TCase *tc = tcase_create("vectors");
    tcase_add_loop_test(tc, vector_matches_expectations, 0, n);
    tcase_add_loop_test(tc, vector_matches_its_intent, 0, n);
    tcase_add_loop_test(tc, vector_round_trip, 0, n);
    suite_add_tcase(s, tc);
    int rc = run_suite(s);
    json_decref(g_vectors);
    json_decref(g_expect);
    return rc;
}
