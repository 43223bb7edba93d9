/*
 * fuzz_escape.c - vqr_text_escape and vqr_text_unsafe on arbitrary bytes:
 * the one rule by which every command shows untrusted text.
 *
 * Input: the text, as it is. Each input is escaped in the three forms.
 * Checks, besides the sanitizers:
 *  - text form: always VQR_OK; the output is well-formed UTF-8 (an
 *    independent validator) and holds no control (Cc), bidirectional or
 *    zero-width character, no other default-ignorable code point and no
 *    line or paragraph separator (each code point checked against
 *    utf8proc's Unicode data, not the library's table); an independent
 *    reader turns it back into exactly the input; the count of escaped
 *    characters equals vqr_text_unsafe(), which finds the first unsafe
 *    character where the reader sees it; the output is never longer than
 *    VQR_ESCAPE_SIZE(len) - 1; measuring (cap 0) gives the same length;
 *    a buffer one byte short is VQR_ERR_BUFFER_TOO_SMALL with nothing
 *    written;
 *  - JSON form: VQR_ERR_UTF8 at the first bad byte exactly when the input
 *    is not UTF-8; otherwise the output, in quotes, is a JSON string that
 *    jansson reads back to the input, and it holds no unsafe character;
 *  - JSON document form: jansson's own serialisation of the input as a
 *    string inside an array, escaped, holds no unsafe character except
 *    JSON's white space and reads back with jansson to the same value.
 */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>
#include <utf8proc.h>

/* The escaping rule's set, from utf8proc's data (Unicode 15). */
static bool unsafe_cp(int32_t cp)
{
    const utf8proc_property_t *pr = utf8proc_get_property(cp);
    return pr->category == UTF8PROC_CATEGORY_CC || pr->ignorable || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x2065 || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* Every code point of valid UTF-8 `s` is safe (JSON white space allowed
 * when `ws`). */
static bool all_safe(const char *s, size_t len, bool ws)
{
    FUZZ_CHECK(fuzz_utf8_bad(s, len) == len);
    for (size_t i = 0; i < len;) {
        int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        FUZZ_CHECK(n > 0);
        if (unsafe_cp(cp) && !(ws && (cp == '\t' || cp == '\n' || cp == '\r')))
            return false;
        i += (size_t)n;
    }
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Reads the text form back into `out`; returns its length. Aborts on
 * anything the form never writes. Also records where the first escape of
 * an unsafe character (anything but "\\") reads back from. */
static size_t unescape_text(const char *s, size_t len, char *out, size_t *first_unsafe)
{
    size_t o = 0;
    *first_unsafe = SIZE_MAX;
    for (size_t i = 0; i < len;) {
        if (s[i] != '\\') {
            out[o++] = s[i++];
            continue;
        }
        FUZZ_CHECK(i + 1 < len);
        char k = s[i + 1];
        if (k == '\\') {
            out[o++] = '\\';
            i += 2;
            continue;
        }
        if (*first_unsafe == SIZE_MAX)
            *first_unsafe = o;
        if (k == 't' || k == 'n' || k == 'r') {
            out[o++] = k == 't' ? '\t' : k == 'n' ? '\n' : '\r';
            i += 2;
            continue;
        }
        size_t digits = k == 'x' ? 2 : k == 'u' ? 4 : 8;
        FUZZ_CHECK(k == 'x' || k == 'u' || k == 'U');
        FUZZ_CHECK(i + 2 + digits <= len);
        uint32_t v = 0;
        for (size_t d = 0; d < digits; d++) {
            int h = hexval(s[i + 2 + d]);
            FUZZ_CHECK(h >= 0);
            v = v * 16 + (uint32_t)h;
        }
        if (k == 'x') {
            out[o++] = (char)v;
        } else {
            FUZZ_CHECK(utf8proc_codepoint_valid((utf8proc_int32_t)v));
            FUZZ_CHECK(unsafe_cp((int32_t)v)); /* only unsafe code points are escaped */
            o += (size_t)utf8proc_encode_char((utf8proc_int32_t)v, (utf8proc_uint8_t *)out + o);
        }
        i += 2 + digits;
    }
    return o;
}

static void check_text(const char *in, size_t len)
{
    size_t cap = VQR_ESCAPE_SIZE(len), out_len = 0, escaped = 0, m_len = 0, m_esc = 0;
    char *out = malloc(cap);
    FUZZ_CHECK(out != NULL);
    vqr_error e;
    VQR_INIT(&e);
    FUZZ_CHECK(vqr_text_escape(in, len, VQR_ESCAPE_TEXT, out, cap, &out_len, &escaped, &e) ==
               VQR_OK);
    FUZZ_CHECK(e.code == VQR_OK);
    FUZZ_CHECK(out_len < cap && out[out_len] == '\0');
    FUZZ_CHECK(all_safe(out, out_len, false));

    char *back = malloc(len + 1);
    FUZZ_CHECK(back != NULL);
    size_t first_back;
    FUZZ_CHECK(unescape_text(out, out_len, back, &first_back) == len);
    FUZZ_CHECK(memcmp(back, in, len) == 0);

    size_t first;
    uint32_t cp;
    FUZZ_CHECK(vqr_text_unsafe(in, len, &first, &cp) == escaped);
    FUZZ_CHECK(first == (escaped ? first_back : len));
    FUZZ_CHECK(escaped || cp == 0);

    /* Measuring, and a buffer one byte short. */
    FUZZ_CHECK(vqr_text_escape(in, len, VQR_ESCAPE_TEXT, NULL, 0, &m_len, &m_esc, &e) ==
               VQR_ERR_BUFFER_TOO_SMALL);
    FUZZ_CHECK(m_len == out_len && m_esc == escaped && e.limit == out_len + 1);
    memset(out, 0x5A, cap);
    FUZZ_CHECK(vqr_text_escape(in, len, VQR_ESCAPE_TEXT, out, out_len, &m_len, NULL, NULL) ==
               VQR_ERR_BUFFER_TOO_SMALL);
    FUZZ_CHECK(out_len == 0 || out[0] == 0x5A);
    free(back);
    free(out);
}

static void check_json(const char *in, size_t len)
{
    size_t cap = VQR_ESCAPE_SIZE(len) + 2, out_len = 0, escaped = 0;
    char *out = malloc(cap);
    FUZZ_CHECK(out != NULL);
    vqr_error e;
    VQR_INIT(&e);
    size_t bad = fuzz_utf8_bad(in, len);
    vqr_status st =
        vqr_text_escape(in, len, VQR_ESCAPE_JSON, out + 1, cap - 2, &out_len, &escaped, &e);
    if (bad != len) {
        FUZZ_CHECK(st == VQR_ERR_UTF8 && e.offset == bad && out_len == 0);
        free(out);
        return;
    }
    FUZZ_CHECK(st == VQR_OK);
    FUZZ_CHECK(escaped == vqr_text_unsafe(in, len, NULL, NULL));
    FUZZ_CHECK(all_safe(out + 1, out_len, false));
    out[0] = '"';
    out[out_len + 1] = '"';
    json_error_t je;
    json_t *j = json_loadb(out, out_len + 2, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
    FUZZ_CHECK(j != NULL && json_is_string(j));
    FUZZ_CHECK(json_string_length(j) == len && memcmp(json_string_value(j), in, len) == 0);
    json_decref(j);

    /* A document as jansson writes it: unsafe characters raw but for C0. */
    json_t *s = json_stringn(in, len);
    json_t *arr = json_array();
    FUZZ_CHECK(s && arr && json_array_append_new(arr, s) == 0);
    char *doc = json_dumps(arr, JSON_INDENT(1));
    FUZZ_CHECK(doc != NULL);
    size_t dlen = strlen(doc), dcap = VQR_ESCAPE_SIZE(dlen), d_out = 0;
    char *safe = malloc(dcap);
    FUZZ_CHECK(safe != NULL);
    FUZZ_CHECK(vqr_text_escape(doc, dlen, VQR_ESCAPE_JSON_DOCUMENT, safe, dcap, &d_out, NULL,
                               NULL) == VQR_OK);
    FUZZ_CHECK(all_safe(safe, d_out, true));
    json_t *again = json_loadb(safe, d_out, JSON_ALLOW_NUL, &je);
    FUZZ_CHECK(again != NULL && json_equal(again, arr));
    json_decref(again);
    json_decref(arr);
    free(doc);
    free(safe);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *in = fuzz_copy_input(data, size, false, false);
    check_text(in, size);
    check_json(in, size);
    free(in);
    return 0;
}
