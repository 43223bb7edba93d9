/*
 * fuzz_text.c - vqr_text_fold and vqr_text_nfc on arbitrary bytes.
 *
 * Input: one flags byte (bit 0: VQR_TEXT_STRICT for folding), then the
 * text. Checks, besides the sanitizers:
 *  - malformed UTF-8 is VQR_ERR_UTF8 at the first bad byte, as an
 *    independent validator (Unicode Table 3-7) finds it, for both;
 *  - folding: a documented status; an offending character's byte and
 *    code point offsets agree; the output is printable ASCII, never longer
 *    than the input, equal to it exactly when nothing changed; folding
 *    again changes nothing; measuring (cap 0) and folding in place give
 *    the same; strict mode succeeds exactly on printable ASCII; the NFD
 *    and NFC forms of the text (utf8proc) fold alike;
 *  - NFC: the same as utf8proc's NFC (utf8proc_map with STABLE |
 *    COMPOSE), idempotent, ASCII unchanged at any length, otherwise
 *    VQR_ERR_TEXT_TOO_LONG exactly when the decomposition exceeds
 *    VQR_TEXT_NFC_MAX code points;
 *    measuring and in place give the same.
 */
#include "fuzz.h"

#include <string.h>
#include <utf8proc.h>

static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static bool all_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static bool printable_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
            return false;
    return true;
}

typedef struct folded {
    vqr_status st;
    char *out;
    size_t len, changed;
    vqr_error err;
} folded;

static void fold(const char *in, size_t len, unsigned flags, folded *f)
{
    f->out = malloc(len + 1);
    FUZZ_CHECK(f->out != NULL);
    f->len = f->changed = 99;
    memset(&f->err, 0xFF, sizeof f->err);
    f->err.size = sizeof f->err;
    f->st = vqr_text_fold(in, len, flags, f->out, len + 1, &f->len, &f->changed, &f->err);
    FUZZ_CHECK(f->err.code == f->st);
    if (f->st != VQR_OK)
        FUZZ_CHECK(f->len == 0 && f->changed == 0);
}

static void check_fold(const char *in, size_t len, unsigned flags, size_t bad)
{
    folded f;
    fold(in, len, flags, &f);
    switch (f.st) {
    case VQR_OK:
        FUZZ_CHECK(bad == len);
        FUZZ_CHECK(f.len <= len && f.out[f.len] == '\0');
        FUZZ_CHECK(printable_ascii(f.out, f.len));
        FUZZ_CHECK((f.changed == 0) == (f.len == len && memcmp(f.out, in, len) == 0));
        break;
    case VQR_ERR_UTF8:
        FUZZ_CHECK(bad < len && f.err.offset == bad);
        break;
    case VQR_ERR_TEXT_CONTROL:
    case VQR_ERR_TEXT_NOT_ASCII:
        FUZZ_CHECK(bad == len && f.err.offset < len);
        FUZZ_CHECK(((unsigned char)in[f.err.offset] & 0xC0) != 0x80);
        FUZZ_CHECK(f.err.char_offset == code_points(in, f.err.offset));
        break;
    default:
        FUZZ_CHECK(false);
    }
    /* Strict: exactly printable ASCII passes, unchanged; folding agrees. */
    if (flags & VQR_TEXT_STRICT) {
        FUZZ_CHECK((f.st == VQR_OK) == printable_ascii(in, len));
        if (f.st == VQR_OK)
            FUZZ_CHECK(f.changed == 0);
    }

    /* Measuring, and folding in place. */
    size_t need = 7, changed = 7;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_text_fold(in, len, flags, NULL, 0, &need, &changed, &err);
    if (f.st == VQR_OK) {
        FUZZ_CHECK(st == VQR_ERR_BUFFER_TOO_SMALL && need == f.len && err.limit == f.len + 1);
        FUZZ_CHECK(changed == f.changed);
        char *buf = malloc(len + 1);
        FUZZ_CHECK(buf != NULL);
        if (len)
            memcpy(buf, in, len);
        FUZZ_CHECK(vqr_text_fold(buf, len, flags, buf, len + 1, &need, &changed, NULL) == VQR_OK);
        FUZZ_CHECK(need == f.len && changed == f.changed && memcmp(buf, f.out, need + 1) == 0);
        free(buf);

        /* Folding folded text changes nothing. */
        folded g;
        fold(f.out, f.len, flags, &g);
        FUZZ_CHECK(g.st == VQR_OK && g.changed == 0 && g.len == f.len);
        FUZZ_CHECK(memcmp(g.out, f.out, f.len) == 0);
        free(g.out);
    } else {
        FUZZ_CHECK(st == f.st && need == 0 && changed == 0);
    }

    /* The NFD and NFC forms of the text fold alike (the same status; the
     * same text when they fold). The text itself may be in neither form
     * (U+037E GREEK QUESTION MARK is ";" once normalised, punctuation that
     * does not fold before), so it is not compared. */
    if (f.st != VQR_ERR_UTF8 && !(flags & VQR_TEXT_STRICT) && len > 0) {
        const utf8proc_option_t forms[2] = { UTF8PROC_STABLE | UTF8PROC_DECOMPOSE,
                                             UTF8PROC_STABLE | UTF8PROC_COMPOSE };
        folded g[2];
        for (int k = 0; k < 2; k++) {
            utf8proc_uint8_t *norm = NULL;
            utf8proc_ssize_t n =
                utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, &norm, forms[k]);
            FUZZ_CHECK(n >= 0);
            fold((const char *)norm, (size_t)n, flags, &g[k]);
            free(norm);
        }
        FUZZ_CHECK(g[0].st == g[1].st);
        if (g[0].st == VQR_OK)
            FUZZ_CHECK(g[0].len == g[1].len && memcmp(g[0].out, g[1].out, g[0].len) == 0);
        free(g[0].out);
        free(g[1].out);
    }
    free(f.out);
}

static void check_nfc(const char *in, size_t len, size_t bad)
{
    size_t cap = 3 * len + 1;
    char *out = malloc(cap);
    FUZZ_CHECK(out != NULL);
    size_t olen = 99;
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_text_nfc(in, len, out, cap, &olen, &err);
    FUZZ_CHECK(err.code == st);

    /* utf8proc's own NFC, and the length of the decomposition. */
    utf8proc_uint8_t *ref = NULL;
    utf8proc_ssize_t rlen = len ? utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len,
                                               &ref, UTF8PROC_STABLE | UTF8PROC_COMPOSE)
                                : 0;
    utf8proc_ssize_t dlen =
        len ? utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, NULL, 0,
                                 UTF8PROC_STABLE | UTF8PROC_DECOMPOSE)
            : 0;
    if (bad < len) {
        FUZZ_CHECK(st == VQR_ERR_UTF8 && err.offset == bad && olen == 0);
        FUZZ_CHECK(rlen < 0);
    } else if (dlen > VQR_TEXT_NFC_MAX && !all_ascii(in, len)) {
        FUZZ_CHECK(st == VQR_ERR_TEXT_TOO_LONG && err.limit == VQR_TEXT_NFC_MAX && olen == 0);
    } else {
        FUZZ_CHECK(st == VQR_OK);
        FUZZ_CHECK(rlen >= 0 && olen == (size_t)rlen && out[olen] == '\0');
        FUZZ_CHECK(olen == 0 || memcmp(out, ref, olen) == 0);
        if (all_ascii(in, len))
            FUZZ_CHECK(olen == len && memcmp(out, in, len) == 0);

        /* Idempotent; measuring and in place agree. */
        char *again = malloc(3 * olen + 1);
        FUZZ_CHECK(again != NULL);
        size_t alen = 0;
        FUZZ_CHECK(vqr_text_nfc(out, olen, again, 3 * olen + 1, &alen, NULL) == VQR_OK);
        FUZZ_CHECK(alen == olen && memcmp(again, out, olen) == 0);
        free(again);
        size_t need = 0;
        FUZZ_CHECK(vqr_text_nfc(in, len, NULL, 0, &need, &err) == VQR_ERR_BUFFER_TOO_SMALL);
        FUZZ_CHECK(need == olen && err.limit == olen + 1);
        char *buf = malloc(cap);
        FUZZ_CHECK(buf != NULL);
        if (len)
            memcpy(buf, in, len);
        FUZZ_CHECK(vqr_text_nfc(buf, len, buf, cap, &need, NULL) == VQR_OK);
        FUZZ_CHECK(need == olen && memcmp(buf, out, olen + 1) == 0);
        free(buf);
    }
    free(ref);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0] & (unsigned)VQR_TEXT_STRICT;
    size_t len = size - 1;
    char *in = fuzz_copy_input(data + 1, len, false, false);
    size_t bad = fuzz_utf8_bad(in, len);
    check_fold(in, len, flags, bad);
    check_nfc(in, len, bad);
    free(in);
    return 0;
}
