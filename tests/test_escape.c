/*
 * test_escape.c - the one rule for showing untrusted text: vqr_text_escape()
 * and vqr_text_unsafe() (exact bytes of each form, the whole set of unsafe
 * code points against utf8proc's Unicode data, reading back with an
 * independent reader, buffers, arguments), and the S-field rules that
 * refuse the same characters in a payload (strict errors, lenient
 * warnings, vqr_payload_set).
 */
#include "testutil.h"

#include <stdint.h>
#include <utf8proc.h>

#define POISON(e) (memset(&(e), 0xFF, sizeof(e)), (e).size = sizeof(e))

typedef struct esc {
    vqr_status st;
    char out[4096];
    size_t len, escaped;
    vqr_error err;
} esc;

static esc escape_n(const char *in, size_t len, unsigned flags)
{
    esc r;
    memset(r.out, '#', sizeof r.out);
    POISON(r.err);
    r.len = r.escaped = 12345;
    r.st = vqr_text_escape(in, len, flags, r.out, sizeof r.out, &r.len, &r.escaped, &r.err);
    return r;
}

static void expect(const char *in, size_t len, unsigned flags, const char *want, size_t escaped)
{
    esc r = escape_n(in, len, flags);
    ck_assert_msg(r.st == VQR_OK, "escape(%u) = %s", flags, vqr_status_name(r.st));
    ck_assert_str_eq(r.out, want);
    ck_assert_uint_eq(r.len, strlen(want));
    ck_assert_uint_eq(r.escaped, escaped);
    ck_assert_int_eq(r.err.code, VQR_OK);
}

#define EXPECT(in, flags, want, n) expect((in), sizeof(in) - 1, (flags), (want), (n))

/* The forged purposes of the review, one per way of moving the cursor. */
START_TEST(text_form_exact_bytes)
{
    /* ANSI: cursor up, erase line, a fake account line. */
    EXPECT("Hoc phi\x1b[1A\x1b[2KAccount:     0011009999999", VQR_ESCAPE_TEXT,
           "Hoc phi\\x1b[1A\\x1b[2KAccount:     0011009999999", 2);
    /* CR and LF start lines of their own; TAB. */
    EXPECT("a\rb\nc\td", VQR_ESCAPE_TEXT, "a\\rb\\nc\\td", 3);
    /* C1 CSI (U+009B) and NEL (U+0085), DEL. */
    EXPECT("x\xc2\x9b"
           "1Ay\xc2\x85z\x7f",
           VQR_ESCAPE_TEXT, "x\\u009b1Ay\\u0085z\\x7f", 3);
    /* Right-to-left override and the isolates, LRM/RLM, ALM. */
    EXPECT("\xe2\x80\xae"
           "7654321\xe2\x80\xac",
           VQR_ESCAPE_TEXT, "\\u202e7654321\\u202c", 2);
    EXPECT("\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", VQR_ESCAPE_TEXT,
           "\\u2066\\u2069\\u200e\\u200f\\u061c", 5);
    /* Zero-width characters inside an account number; BOM; word joiner. */
    EXPECT("0011\xe2\x80\x8b"
           "00\xe2\x80\x8d"
           "1\xef\xbb\xbf"
           "2\xe2\x81\xa0",
           VQR_ESCAPE_TEXT, "0011\\u200b00\\u200d1\\ufeff2\\u2060", 4);
    /* Line and paragraph separators; a tag character above U+FFFF. */
    EXPECT("a\xe2\x80\xa8"
           "b\xe2\x80\xa9\xf3\xa0\x80\x81",
           VQR_ESCAPE_TEXT, "a\\u2028b\\u2029\\U000e0001", 3);
    /* A backslash is doubled (not counted); quotes stay. */
    EXPECT("C:\\x1b \"q\"", VQR_ESCAPE_TEXT, "C:\\\\x1b \"q\"", 0);
    /* Bytes that are not UTF-8, a truncated sequence, a surrogate. */
    EXPECT("a\xff"
           "b\xc3",
           VQR_ESCAPE_TEXT, "a\\xffb\\xc3", 2);
    EXPECT("\xed\xa0\x80", VQR_ESCAPE_TEXT, "\\xed\\xa0\\x80", 3);
    /* Vietnamese, emoji and NUL-free ASCII stay as they are. */
    EXPECT("H\xe1\xbb\x8d"
           "c ph\xc3\xad \xf0\x9f\x98\x80 ~",
           VQR_ESCAPE_TEXT,
           "H\xe1\xbb\x8d"
           "c ph\xc3\xad \xf0\x9f\x98\x80 ~",
           0);
    /* NUL. */
    expect("a\0b", 3, VQR_ESCAPE_TEXT, "a\\x00b", 1);
    EXPECT("", VQR_ESCAPE_TEXT, "", 0);
}
END_TEST

START_TEST(json_forms_exact_bytes)
{
    EXPECT("Hoc phi\x1b[1A \"x\" \\ \b\f\n\r\t\x01\x7f", VQR_ESCAPE_JSON,
           "Hoc phi\\u001b[1A \\\"x\\\" \\\\ \\b\\f\\n\\r\\t\\u0001\\u007f", 8);
    EXPECT("\xc2\x9b\xe2\x80\xae\xe2\x80\x8b\xef\xbb\xbf\xf3\xa0\x80\x81", VQR_ESCAPE_JSON,
           "\\u009b\\u202e\\u200b\\ufeff\\udb40\\udc01", 5);
    EXPECT("Nguy\xe1\xbb\x85n /", VQR_ESCAPE_JSON, "Nguy\xe1\xbb\x85n /", 0);
    /* A document: quotes, backslashes and white space between tokens stay. */
    EXPECT("{\n\t\"a\": \"x\\\"\xe2\x80\xae\x7f\",\r\n \"b\": [\"\x1b\"]}",
           VQR_ESCAPE_JSON_DOCUMENT,
           "{\n\t\"a\": \"x\\\"\\u202e\\u007f\",\r\n \"b\": [\"\\u001b\"]}", 3);
    /* Not UTF-8: an error at the bad byte, in both JSON forms. */
    for (unsigned f = VQR_ESCAPE_JSON; f <= VQR_ESCAPE_JSON_DOCUMENT; f++) {
        esc r = escape_n("ab\xe1\xbb"
                         "c",
                         5, f);
        ck_assert_int_eq(r.st, VQR_ERR_UTF8);
        ck_assert_int_eq(r.err.code, VQR_ERR_UTF8);
        ck_assert_uint_eq(r.err.offset, 2);
        ck_assert_uint_eq(r.err.char_offset, 2);
        ck_assert_uint_eq(r.len, 0);
        ck_assert_uint_eq(r.escaped, 0);
        ck_assert_int_eq(r.out[0], '#');
    }
}
END_TEST

/* ---- an independent reader of the text form --------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; /* upper case is never written */
}

static size_t put_utf8(uint32_t cp, char *o)
{
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)o);
    ck_assert_int_gt(n, 0);
    return (size_t)n;
}

/* Reads the text form back; returns the length, or (size_t)-1 on a syntax error. */
static size_t unescape_text(const char *s, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] != '\\') {
            out[o++] = s[i++];
            continue;
        }
        if (i + 1 >= len)
            return (size_t)-1;
        char k = s[i + 1];
        int digits = k == 'x' ? 2 : k == 'u' ? 4 : k == 'U' ? 8 : 0;
        if (k == '\\' || k == 't' || k == 'n' || k == 'r') {
            out[o++] = k == '\\' ? '\\' : k == 't' ? '\t' : k == 'n' ? '\n' : '\r';
            i += 2;
            continue;
        }
        if (!digits || i + 2 + (size_t)digits > len)
            return (size_t)-1;
        uint32_t v = 0;
        for (int d = 0; d < digits; d++) {
            int h = hexval(s[i + 2 + (size_t)d]);
            if (h < 0)
                return (size_t)-1;
            v = v * 16 + (uint32_t)h;
        }
        if (k == 'x')
            out[o++] = (char)v;
        else
            o += put_utf8(v, out + o);
        i += 2 + (size_t)digits;
    }
    return o;
}

/* Whether the escaper must escape `cp`: Cc, U+2028/9, or default-ignorable
 * (utf8proc's property, or an unassigned code point in the listed ranges). */
static bool reference_unsafe(uint32_t cp, bool *unassigned_di)
{
    const utf8proc_property_t *pr = utf8proc_get_property((utf8proc_int32_t)cp);
    *unassigned_di = false;
    if (pr->category == UTF8PROC_CATEGORY_CC || cp == 0x2028 || cp == 0x2029)
        return true;
    if (pr->ignorable)
        return true;
    /* Default_Ignorable_Code_Point covers these unassigned code points too;
     * utf8proc has no data for unassigned ones. */
    if (pr->category == UTF8PROC_CATEGORY_CN &&
        (cp == 0x2065 || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF))) {
        *unassigned_di = true;
        return true;
    }
    return false;
}

START_TEST(every_code_point)
{
    size_t unsafe = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        /* Every code point of planes 0, 1 and 14 (where every unsafe one
         * is); a sample of the others (ideographs, private use, nothing).
         * Under memcheck, every unsafe one and a sample of the rest. */
        if (cp >= 0x20000 && (cp < 0xE0000 || cp > 0xEFFFF) && cp % 61 != 0)
            continue;
        bool unassigned_di;
        if (test_rounds(10) == 1 && cp % 97 != 0 && !reference_unsafe(cp, &unassigned_di))
            continue;
        char in[8], out[32], back[8];
        size_t n = put_utf8(cp, in), len, escaped;
        ck_assert_int_eq(
            vqr_text_escape(in, n, VQR_ESCAPE_TEXT, out, sizeof out, &len, &escaped, NULL), VQR_OK);
        bool extra;
        bool want = reference_unsafe(cp, &extra);
        if ((escaped == 1) != want)
            ck_abort_msg("U+%04X: escaped %zu", (unsigned)cp, escaped);
        size_t first;
        uint32_t got;
        if (vqr_text_unsafe(in, n, &first, &got) != (want ? 1u : 0u) || first != (want ? 0 : n) ||
            got != (want ? cp : 0))
            ck_abort_msg("U+%04X: vqr_text_unsafe", (unsigned)cp);
        unsafe += want;
        if (!want && cp != '\\') {
            if (len != n || memcmp(out, in, n) != 0)
                ck_abort_msg("U+%04X: changed", (unsigned)cp);
            continue;
        }
        ck_assert_uint_eq(unescape_text(out, len, back), n);
        ck_assert_int_eq(memcmp(back, in, n), 0);
        /* JSON: an escape and nothing unsafe left. */
        ck_assert_int_eq(vqr_text_escape(in, n, VQR_ESCAPE_JSON, out, sizeof out, &len, NULL, NULL),
                         VQR_OK);
        ck_assert_int_eq(out[0], '\\');
        ck_assert_uint_eq(vqr_text_unsafe(out, len, NULL, NULL), 0);
    }
    /* 65 controls, 2 separators and the 4,174 default-ignorable code points. */
    ck_assert_uint_eq(unsafe, 65 + 2 + 4174);
}
END_TEST

START_TEST(round_trip_of_mixed_text)
{
    /* Every byte value, then every unsafe class, then Vietnamese. */
    char in[600];
    size_t n = 0;
    for (int b = 0; b < 256; b++)
        in[n++] = (char)b;
    const char *tail = "\\x41\\\\ \xc2\x9b\xe2\x80\xae\xe2\x80\x8b\xf3\xa0\x80\x81 \xe1\xbb\x87";
    memcpy(in + n, tail, strlen(tail));
    n += strlen(tail);
    esc r = escape_n(in, n, VQR_ESCAPE_TEXT);
    ck_assert_int_eq(r.st, VQR_OK);
    ck_assert_uint_eq(vqr_text_unsafe(r.out, r.len, NULL, NULL), 0);
    ck_assert_ptr_null(memchr(r.out, '\0', r.len));
    char back[600];
    ck_assert_uint_eq(unescape_text(r.out, r.len, back), n);
    ck_assert_int_eq(memcmp(back, in, n), 0);
    /* 33 C0 + DEL, 32 C1, 128 bytes >= 0x80 that are not UTF-8 on their own
     * (0x80-0xFF: the C1 bytes are continuation bytes there), then 4. */
    ck_assert_uint_eq(r.escaped, 33 + 128 + 4);
}
END_TEST

START_TEST(buffers_and_arguments)
{
    const char *in = "a\x1b"
                     "b";
    char out[16];
    size_t len = 99, n = 99;
    vqr_error e;
    /* Measuring: NULL with cap 0. */
    POISON(e);
    ck_assert_int_eq(vqr_text_escape(in, 3, VQR_ESCAPE_TEXT, NULL, 0, &len, &n, &e),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(len, 6);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(e.limit, 7);
    /* One byte short: nothing written. */
    memset(out, '#', sizeof out);
    ck_assert_int_eq(vqr_text_escape(in, 3, VQR_ESCAPE_TEXT, out, 6, &len, &n, &e),
                     VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(out[0], '#');
    ck_assert_int_eq(vqr_text_escape(in, 3, VQR_ESCAPE_TEXT, out, 7, &len, &n, &e), VQR_OK);
    ck_assert_str_eq(out, "a\\x1bb");
    ck_assert_int_eq(e.code, VQR_OK);
    /* NULL outputs are fine. */
    ck_assert_int_eq(vqr_text_escape(in, 3, VQR_ESCAPE_TEXT, out, 7, NULL, NULL, NULL), VQR_OK);
    /* Bad arguments. */
    ck_assert_int_eq(vqr_text_escape(NULL, 1, 0, out, 7, &len, &n, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_text_escape(in, 3, 0, NULL, 7, &len, &n, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_text_escape(in, 3, 3, out, 7, &len, &n, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_text_escape(in, 3, 4, out, 7, &len, &n, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_text_escape(NULL, 0, 0, out, 1, &len, &n, &e), VQR_OK);
    ck_assert_str_eq(out, "");
    /* The worst case of each form fits VQR_ESCAPE_SIZE. */
    char big[VQR_ESCAPE_SIZE(4)];
    ck_assert_int_eq(
        vqr_text_escape("\x01\x01\x01\x01", 4, VQR_ESCAPE_JSON, big, sizeof big, &len, NULL, NULL),
        VQR_OK);
    ck_assert_uint_eq(len, 24);
    /* vqr_text_unsafe on nothing. */
    size_t first = 7;
    uint32_t cp = 7;
    ck_assert_uint_eq(vqr_text_unsafe(NULL, 5, &first, &cp), 0);
    ck_assert_uint_eq(first, 0);
    ck_assert_uint_eq(cp, 0);
    ck_assert_uint_eq(vqr_text_unsafe("ab\xff", 3, &first, &cp), 1);
    ck_assert_uint_eq(first, 2);
    ck_assert_uint_eq(cp, VQR_CP_NOT_UTF8);
}
END_TEST

/* ---- S fields ----------------------------------------------------------- */

/* A VietQR with 64 holding 00 "vi" and 01 = `name` (raw bytes). */
static const char *with_alt_name(const char *name)
{
    static char body[512];
    size_t n = strlen(name), chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)name[i] & 0xC0) != 0x80;
    snprintf(body, sizeof body,
             "00020101021138570010A00000072701270006970436011300110012345670208QRIBFTTA"
             "52045999530370454061800005802VN5908ABC SHOP6005HANOI64%02zu0002vi01%02zu%s",
             10 + chars, chars, name);
    return with_crc(body);
}

typedef struct s_case {
    const char *name;
    vqr_status code;
    size_t at; /* byte of the offending character in the name */
} s_case;

static const s_case k_s_cases[] = {
    { "Nguy\xe1\xbb\x85n \xe2\x80\xae"
      "cba",
      VQR_ERR_FORMAT_BIDI, 9 },
    { "AB\xe2\x81\xa7"
      "C",
      VQR_ERR_FORMAT_BIDI, 2 },
    { "AB\xd8\x9c", VQR_ERR_FORMAT_BIDI, 2 },
    { "0011\xe2\x80\x8b"
      "00",
      VQR_ERR_FORMAT_INVISIBLE, 4 },
    { "A\xef\xbb\xbf"
      "B",
      VQR_ERR_FORMAT_INVISIBLE, 1 },
    { "A\xe2\x80\xa8"
      "B",
      VQR_ERR_FORMAT_INVISIBLE, 1 },
    { "A\xc2\xad"
      "B",
      VQR_ERR_FORMAT_INVISIBLE, 1 },
    { "Shop\xc2\x9b"
      "2K",
      VQR_ERR_FORMAT_S, SIZE_MAX },
    { "Shop\xc2\x85", VQR_ERR_FORMAT_S, SIZE_MAX },
};

START_TEST(s_fields_strict_and_lenient)
{
    const s_case *c = &k_s_cases[_i];
    const char *payload = with_alt_name(c->name);
    size_t len = strlen(payload);
    const char *name_at = strstr(payload, "0002vi01") + 10;
    size_t hdr64_01 = (size_t)(name_at - payload) - 4;
    size_t want = c->at == SIZE_MAX ? hdr64_01 : (size_t)(name_at - payload) + c->at;

    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_STRICT, &e), c->code);
    ck_assert_str_eq(e.tag, "64.01");
    ck_assert_uint_eq(e.offset, want);
    ck_assert_int_eq(e.severity, VQR_SEVERITY_ERROR);
    ck_assert_uint_eq(vqr_payload_diag_count(&p), 1);

    /* Lenient: the same code, as a warning, nothing else. */
    ck_assert_int_eq(vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, &e), VQR_OK);
    ck_assert_uint_eq(vqr_payload_diag_count(&p), 1);
    ck_assert_int_eq(vqr_payload_diag(&p, 0, &e, NULL), VQR_OK);
    ck_assert_int_eq(e.code, c->code);
    ck_assert_int_eq(e.severity, VQR_SEVERITY_WARNING);
    ck_assert_uint_eq(e.offset, want);

    /* The same value cannot be set. */
    vqr_payload_init(&p);
    POISON(e);
    ck_assert_int_eq(vqr_payload_set(&p, "64.01", c->name, strlen(c->name), &e), c->code);
    ck_assert_str_eq(e.tag, "64.01");
    size_t in_value = c->at == SIZE_MAX ? strcspn(c->name, "\xc2") : c->at;
    ck_assert_uint_eq(e.offset, in_value);
    size_t chars = 0;
    for (size_t i = 0; i < in_value; i++)
        chars += ((unsigned char)c->name[i] & 0xC0) != 0x80;
    ck_assert_uint_eq(e.char_offset, chars);
    /* 64.02 and an S sub-field of another network's template too. */
    ck_assert_int_eq(vqr_payload_set(&p, "64.02", c->name, strlen(c->name), NULL), c->code);
    ck_assert_int_eq(vqr_payload_set(&p, "26.01", c->name, strlen(c->name), NULL), c->code);
}
END_TEST

START_TEST(s_fields_keep_what_is_safe)
{
    /* Vietnamese, other scripts and emoji are fine in an S field. */
    const char *ok = "Nguy\xe1\xbb\x85n V\xc4\x83n \xc4\x90\xe1\xbb\xa9"
                     "c \xe6\x9d\xb1 \xf0\x9f\x98\x80";
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    const char *payload = with_alt_name(ok);
    ck_assert_int_eq(vqr_payload_parse(&p, payload, strlen(payload), VQR_PARSE_STRICT, &e), VQR_OK);
    vqr_payload_init(&p);
    ck_assert_int_eq(vqr_payload_set(&p, "64.01", ok, strlen(ok), &e), VQR_OK);
    /* The messages of the new codes exist in both languages. */
    for (vqr_status c = VQR_ERR_FORMAT_BIDI; c <= VQR_ERR_FORMAT_INVISIBLE; c++) {
        ck_assert_str_ne(vqr_status_name(c), "VQR_ERR_UNKNOWN");
        ck_assert_str_ne(vqr_strerror(c), "unknown error");
        ck_assert_str_ne(vqr_strerror_vi(c), "lỗi không xác định");
    }
    ck_assert_int_eq(VQR_ERR_FORMAT_BIDI, 67);
    ck_assert_int_eq(VQR_ERR_FORMAT_INVISIBLE, 68);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("escape");
    TCase *tc = tcase_create("escape");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, text_form_exact_bytes);
    tcase_add_test(tc, json_forms_exact_bytes);
    tcase_add_test(tc, every_code_point);
    tcase_add_test(tc, round_trip_of_mixed_text);
    tcase_add_test(tc, buffers_and_arguments);
    suite_add_tcase(s, tc);
    TCase *sf = tcase_create("s-fields");
    tcase_add_loop_test(sf, s_fields_strict_and_lenient, 0,
                        (int)(sizeof k_s_cases / sizeof k_s_cases[0]));
    tcase_add_test(sf, s_fields_keep_what_is_safe);
    suite_add_tcase(s, sf);
    return run_suite(s);
}
