/*
 * test_regress.c - one test per bug found by the fuzz targets (fuzz/) or
 * while writing their oracles. Each test names the input, what went wrong
 * and what the library does now; the same input is in fuzz/corpus/<target>/
 * as regress-<name>, replayed by the 'fuzz' suite.
 */
#include "testutil.h"

/* A strict-valid payload: 00 01 26 52 53 58 59 60, then what each test adds. */
#define BASE "00020101021126140010D8400000005204541153037045802VN5906SCHOOL6005HANOI"

static vqr_payload pl;

static void parse_ok(const char *s, unsigned flags)
{
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_payload_parse(&pl, s, strlen(s), flags, &err), VQR_OK);
}

static void write_eq(unsigned flags, const char *expected)
{
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_payload_write(&pl, flags, buf, sizeof buf, &len, &err), VQR_OK);
    ck_assert_str_eq(buf, expected);
    ck_assert_uint_eq(len, strlen(expected));
}

/*
 * fuzz_parse: a payload whose last four bytes, after 6304, are NUL.
 * vqr_payload_crc() copied them as they were, so `given` read as "" (which
 * the header reserves for "no CRC") while `computed` held four digits. Now
 * every byte outside printable ASCII reads as '?'.
 */
START_TEST(crc_given_control_bytes)
{
    static const char in[] = "0002016304\0\0\0\0";
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_payload_parse(&pl, in, sizeof in - 1, VQR_PARSE_STRICT, &err),
                     VQR_ERR_CRC_FORMAT);
    ck_assert_str_eq(err.tag, "63");
    ck_assert_uint_eq(err.offset, 6);
    char given[5], computed[5];
    ck_assert(!vqr_payload_crc(&pl, given, computed));
    ck_assert_str_eq(given, "????");
    ck_assert_str_eq(computed, "AAE6");
}
END_TEST

/*
 * fuzz_edit: remove the only sub-object of a template (62.08 of 62).
 * vqr_payload_get("62") then returned VQR_OK and the stale bytes of 62 as
 * parsed ("0804Fees"), and vqr_payload_object gave the same view, although
 * the header says a changed template is VQR_ERR_IS_TEMPLATE / a NULL view
 * (the test was "changed and has sub-objects"). A changed template is now
 * any template marked changed, with sub-objects left or not.
 */
START_TEST(get_template_all_removed)
{
    parse_ok(BASE "62080804Fees6304476C", VQR_PARSE_STRICT);
    ck_assert_int_eq(vqr_payload_remove(&pl, "62.08", NULL), VQR_OK);
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&pl, "62", &v, NULL), VQR_ERR_IS_TEMPLATE);
    ck_assert_ptr_null(v.ptr);
    ck_assert_uint_eq(v.len, 0);

    vqr_handle h = vqr_payload_first(&pl, VQR_ROOT);
    vqr_object o;
    VQR_INIT(&o);
    for (; h != VQR_NONE; h = vqr_payload_next(&pl, h)) {
        ck_assert_int_eq(vqr_payload_object(&pl, h, &o, NULL), VQR_OK);
        if (o.id == 62)
            break;
    }
    ck_assert_int_ne(h, VQR_NONE);
    ck_assert(o.is_template);
    ck_assert_ptr_null(o.value.ptr);
    ck_assert_int_eq(vqr_payload_first(&pl, h), VQR_NONE);

    /* The empty template is left out, in both orders. */
    write_eq(VQR_WRITE_CANONICAL, BASE "63045C47");
    write_eq(VQR_WRITE_KEEP_ORDER, BASE "63045C47");
}
END_TEST

/*
 * fuzz_edit: remove every sub-object of template 80, then set 80 itself to
 * a raw value. vqr_payload_set only turned a template into a value when it
 * still had sub-objects, so 80 stayed a template with no sub-object: get
 * returned "RAW", but both writers dropped 80 and returned VQR_OK (a
 * payload without the value just set). Now setting a value always makes
 * the object a value, raw at a template ID.
 */
START_TEST(set_raw_after_children_removed)
{
    parse_ok(BASE "62080804Fees80150011com.example630453AA", VQR_PARSE_STRICT);
    ck_assert_int_eq(vqr_payload_remove(&pl, "80.00", NULL), VQR_OK);
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_payload_set(&pl, "80", "RAW", 3, &err), VQR_OK);

    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&pl, "80", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.len, 3);
    ck_assert_int_eq(memcmp(v.ptr, "RAW", 3), 0);
    vqr_handle h = vqr_payload_first(&pl, VQR_ROOT);
    vqr_object o;
    VQR_INIT(&o);
    for (; h != VQR_NONE; h = vqr_payload_next(&pl, h)) {
        ck_assert_int_eq(vqr_payload_object(&pl, h, &o, NULL), VQR_OK);
        if (o.id == 80)
            break;
    }
    ck_assert_int_ne(h, VQR_NONE);
    ck_assert(!o.is_template);
    ck_assert(o.raw);

    write_eq(VQR_WRITE_CANONICAL, BASE "62080804Fees8003RAW6304861B");
    write_eq(VQR_WRITE_KEEP_ORDER, BASE "62080804Fees8003RAW6304861B");
}
END_TEST

/*
 * fuzz_edit (same cause): 38 without the NAPAS GUID holds 38.01 as a plain
 * value; setting 38.01.00 (a three-level path always means the NAPAS
 * layout) hung a sub-object under that value without making it a template:
 * vqr_payload_object reported is_template false for an object with
 * sub-objects. Every ancestor on the path now becomes a template.
 */
START_TEST(set_under_value_makes_template)
{
    parse_ok("00020101021138240010A0000007280106970436"
             "52045411"
             "5303704"
             "5802VN"
             "5906SCHOOL6005HANOI6304EACB",
             VQR_PARSE_STRICT);
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_payload_set(&pl, "38.01.00", "970436", 6, &err), VQR_OK);
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&pl, "38.01", &v, NULL), VQR_ERR_IS_TEMPLATE);
    ck_assert_int_eq(vqr_payload_get(&pl, "38.01.00", &v, NULL), VQR_OK);

    vqr_handle t = vqr_payload_first(&pl, VQR_ROOT);
    vqr_object o;
    VQR_INIT(&o);
    for (; t != VQR_NONE; t = vqr_payload_next(&pl, t)) {
        ck_assert_int_eq(vqr_payload_object(&pl, t, &o, NULL), VQR_OK);
        if (o.id == 38)
            break;
    }
    ck_assert_int_ne(t, VQR_NONE);
    vqr_handle c = vqr_payload_next(&pl, vqr_payload_first(&pl, t));
    ck_assert_int_eq(vqr_payload_object(&pl, c, &o, NULL), VQR_OK);
    ck_assert_str_eq(o.tag, "38.01");
    ck_assert(o.is_template);
    ck_assert(!o.raw);
    ck_assert_ptr_null(o.value.ptr);

    write_eq(VQR_WRITE_CANONICAL, "00020101021138280010A00000072801100006970436"
                                  "52045411"
                                  "5303704"
                                  "5802VN5906SCHOOL6005HANOI630423AF");
}
END_TEST

/*
 * Found writing the fuzz_roundtrip oracle: "6200" (a template of length 00)
 * parses in lenient mode with a VQR_ERR_ZERO_LENGTH warning. The canonical
 * writer then dropped 62 without a word and returned VQR_OK, while a
 * primitive of length 00 is refused with VQR_ERR_ZERO_LENGTH. Only a
 * template whose sub-objects were removed is left out now; one read empty
 * is refused like any value of length 00. Keeping the order still copies
 * it as read.
 */
START_TEST(canonical_empty_template)
{
    static const char in[] = BASE "620063047794";
    parse_ok(in, VQR_PARSE_LENIENT);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(&pl, VQR_SEVERITY_WARNING), 1);

    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 99;
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_payload_write(&pl, VQR_WRITE_CANONICAL, buf, sizeof buf, &len, &err),
                     VQR_ERR_ZERO_LENGTH);
    ck_assert_int_eq(err.code, VQR_ERR_ZERO_LENGTH);
    ck_assert_str_eq(err.tag, "62");
    ck_assert_uint_eq(len, 0);
    write_eq(VQR_WRITE_KEEP_ORDER, in);
}
END_TEST

/*
 * fuzz_edit: a payload whose lengths count UTF-8 bytes (the vietqr-ts
 * fixture of vectors.json, read in lenient mode) was written in
 * VQR_WRITE_KEEP_ORDER by copying unchanged objects as read (byte
 * lengths) next to new ones (character lengths). After adding 80, the
 * output "...62260822Thanh toán hóa đơn80150011com.example6304B17E" frames
 * with character lengths as something else: 62.08 swallows "8015" and a
 * second 00 follows (VQR_ERR_DUPLICATE_ID). Such a payload is now written
 * with character lengths throughout, in the order read.
 */
#define BYTES_38                                                                \
    "00020101021238570010A00000072701390006970422011301234567890200208QRIBFTTA" \
    "53037045405100005802VN"

START_TEST(keep_order_byte_lengths)
{
    parse_ok(BYTES_38 "62260822Thanh toán hóa đơn630432F8", VQR_PARSE_LENIENT);
    write_eq(VQR_WRITE_KEEP_ORDER, BYTES_38 "62220818Thanh toán hóa đơn6304C65E");
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_payload_set(&pl, "80.00", "com.example", 11, &err), VQR_OK);
    static const char out[] = BYTES_38 "62220818Thanh toán hóa đơn80150011com.example6304E81F";
    write_eq(VQR_WRITE_KEEP_ORDER, out);

    /* It reads back with character lengths, to the same values. */
    parse_ok(out, VQR_PARSE_LENIENT);
    for (size_t i = 0; i < vqr_payload_diag_count(&pl); i++) {
        ck_assert_int_eq(vqr_payload_diag(&pl, i, &err, NULL), VQR_OK);
        ck_assert_int_ne(err.code, VQR_ERR_BYTE_LENGTHS);
    }
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&pl, "62.08", &v, NULL), VQR_OK);
    ck_assert_uint_eq(v.chars, 18);
    ck_assert_int_eq(memcmp(v.ptr, "Thanh toán hóa đơn", v.len), 0);
    ck_assert_int_eq(vqr_payload_get(&pl, "80.00", &v, NULL), VQR_OK);
    ck_assert_int_eq(memcmp(v.ptr, "com.example", 11), 0);
}
END_TEST

/*
 * fuzz_parse (its oracle): a VietQR whose 54 holds a NUL ("10\0" below).
 * The C string info.amount stops at the NUL ("10"), so the oracle, which
 * re-parsed that string, saw VQR_OK where vqr_vietqr_read had reported the
 * value as written. The library was right; the oracle now reads 54's value
 * itself. This pins the behaviour down: the status describes every byte.
 */
START_TEST(amount_with_nul)
{
    static const char in[] =
        "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
        "53037045403"
        "10\0"
        "5802VN630421E5";
    vqr_error err;
    VQR_INIT(&err);
    (void)vqr_payload_parse(&pl, in, sizeof in - 1, VQR_PARSE_LENIENT, &err);
    static vqr_vietqr_info info;
    VQR_INIT(&info);
    ck_assert_int_eq(vqr_vietqr_read(&pl, &info, &err), VQR_OK);
    ck_assert_str_eq(info.amount, "10");
    ck_assert_int_eq(info.amount_status, VQR_ERR_AMOUNT_SYNTAX);
    ck_assert_uint_eq(info.amount_minor, 0);
}
END_TEST

/*
 * fuzz_render (its oracle): an SVG of 37 modules a side (with the quiet
 * zone) at scale 848 is 31376 pixels wide. vqr_render_svg refuses it with
 * VQR_ERR_IMAGE_TOO_LARGE, as the header says of every renderer; the oracle
 * expected that of PNG only. The terminal drawing has no scale and is made.
 */
START_TEST(svg_too_large)
{
    vqr_qr *qr = NULL;
    vqr_error err;
    VQR_INIT(&err);
    ck_assert_int_eq(vqr_qr_encode("HELLO", 5, VQR_ECC_M, NULL, &qr, &err), VQR_OK);
    ck_assert_int_eq(vqr_qr_width(qr), 21);
    vqr_render_options o;
    vqr_render_options_init(&o, sizeof o, NULL);
    o.quiet_zone = 8;
    o.scale = 848;
    char *svg = (char *)&o;
    size_t len = 99;
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, &err), VQR_ERR_IMAGE_TOO_LARGE);
    ck_assert_int_eq(err.code, VQR_ERR_IMAGE_TOO_LARGE);
    ck_assert_uint_eq(err.limit, VQR_RENDER_MAX_SIDE);
    ck_assert_ptr_null(svg);
    ck_assert_uint_eq(len, 0);
    o.scale = 442; /* 37 * 442 = 16354: the largest that fits */
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, &err), VQR_OK);
    ck_assert_ptr_nonnull(strstr(svg, "width=\"16354\""));
    vqr_free(svg);
    o.scale = 848;
    char *text = NULL;
    ck_assert_int_eq(vqr_render_term(qr, &o, NULL, &text, &len, &err), VQR_OK);
    vqr_free(text);
    vqr_qr_free(qr);
}
END_TEST

static Suite *regress_suite(void)
{
    Suite *s = suite_create("regress");
    TCase *tc = tcase_create("fuzz");
    tcase_add_test(tc, crc_given_control_bytes);
    tcase_add_test(tc, get_template_all_removed);
    tcase_add_test(tc, set_raw_after_children_removed);
    tcase_add_test(tc, set_under_value_makes_template);
    tcase_add_test(tc, canonical_empty_template);
    tcase_add_test(tc, keep_order_byte_lengths);
    tcase_add_test(tc, amount_with_nul);
    tcase_add_test(tc, svg_too_large);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(regress_suite());
}
