/*
 * text.c - Vietnamese text: folding to ASCII for ans fields, NFC for S
 * fields, and the search keys of the bank directory.
 *
 * Contract for every function here: inputs are validated as UTF-8 by
 * vqr_utf8_check() (utf8.c) before anything else; Unicode properties and
 * decompositions come from utf8proc (no Unicode table of our own); output
 * goes to caller buffers; no heap, no global state, no recursion, linear
 * time, thread-safe unless two calls share an output buffer. The only
 * stack buffer of note is vqr_text_nfc()'s VQR_TEXT_NFC_MAX code points.
 */
#include "text.h"

#include <utf8proc.h>

/* What folding does with one code point outside ASCII. */
typedef enum cp_class {
    CP_CONTROL, /* Cc: U+0080-009F */
    CP_MARK,    /* Mn, Mc, Me: dropped after a letter */
    CP_LETTER,  /* a letter whose canonical base is an ASCII letter, or d/D with stroke */
    CP_FOREIGN, /* any other letter */
    CP_SPACE,   /* Zs */
    CP_OTHER    /* punctuation, symbols, format characters, ... */
} cp_class;

static bool is_ascii_letter(int32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Classifies a code point >= 0x80; for CP_LETTER, *ascii receives the letter. */
static cp_class classify(int32_t cp, char *ascii)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
        return CP_CONTROL;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CP_MARK;
    case UTF8PROC_CATEGORY_ZS:
        return CP_SPACE;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        break;
    default:
        return CP_OTHER;
    }
    /* D with stroke has no decomposition: Vietnamese spells it D without. */
    if (cp == 0x0110 || cp == 0x0111) {
        *ascii = cp == 0x0110 ? 'D' : 'd';
        return CP_LETTER;
    }
    /* Canonical decomposition without its marks; at most 4 code points. */
    utf8proc_int32_t d[4];
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, NULL);
    if (n == 1 && is_ascii_letter(d[0])) {
        *ascii = (char)d[0];
        return CP_LETTER;
    }
    return CP_FOREIGN;
}

/* Decodes the code point at s[i] of valid UTF-8; returns its byte count. */
static size_t decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), cp);
    /* vqr_utf8_check() accepted the input, so utf8proc does too. */
    return n > 0 ? (size_t)n : 1;
}

static vqr_status fail(vqr_error *err, vqr_status code, const unsigned char *s, size_t off,
                       size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, off, off ? vqr_utf8_count(s, off) : 0, "",
                   SIZE_MAX, limit);
    return code;
}

static vqr_status check_utf8(const unsigned char *s, size_t len, bool *ascii, vqr_error *err)
{
    *ascii = true;
    if (len == 0)
        return VQR_OK;
    size_t bad = vqr_utf8_check(s, len, ascii);
    return bad == len ? VQR_OK : fail(err, VQR_ERR_UTF8, s, bad, 0);
}

/*
 * One folding pass over valid UTF-8. Writes to `out` unless it is NULL
 * (measuring). Writing never gets ahead of reading, so out may equal s.
 */
static vqr_status fold_run(const unsigned char *s, size_t len, bool strict, char *out,
                           size_t *out_len, size_t *changed, vqr_error *err)
{
    size_t i = 0, o = 0, nchanged = 0;
    bool after_letter = false; /* the last character written is a letter */
    bool counted = false;      /* ...and it has been counted as changed */
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                return fail(err, VQR_ERR_TEXT_CONTROL, s, i, 0);
            if (out)
                out[o] = (char)c;
            o++;
            i++;
            after_letter = is_ascii_letter(c);
            counted = false;
            continue;
        }
        int32_t cp;
        size_t n = decode(s, len, i, &cp);
        char a = 0;
        cp_class k = classify(cp, &a);
        if (k == CP_CONTROL)
            return fail(err, VQR_ERR_TEXT_CONTROL, s, i, 0);
        if (strict)
            return fail(err, VQR_ERR_TEXT_NOT_ASCII, s, i, 0);
        switch (k) {
        case CP_MARK:
            if (!after_letter)
                return fail(err, VQR_ERR_TEXT_NOT_ASCII, s, i, 0);
            if (!counted)
                nchanged++;
            counted = true;
            break;
        case CP_LETTER:
        case CP_SPACE:
            if (out)
                out[o] = k == CP_LETTER ? a : ' ';
            o++;
            nchanged++;
            after_letter = k == CP_LETTER;
            counted = true;
            break;
        default:
            return fail(err, VQR_ERR_TEXT_NOT_ASCII, s, i, 0);
        }
        i += n;
    }
    *out_len = o;
    *changed = nchanged;
    return VQR_OK;
}

vqr_status vqr_text_fold(const char *in, size_t len, unsigned flags, char *out, size_t cap,
                         size_t *out_len, size_t *changed, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    const unsigned char *s = (const unsigned char *)in;
    size_t need = 0, nchanged = 0;
    bool ascii;
    if (out_len)
        *out_len = 0;
    if (changed)
        *changed = 0;
    if ((!in && len) || (!out && cap) || (flags & ~(unsigned)VQR_TEXT_STRICT))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, s, 0, 0);
    vqr_status st = check_utf8(s, len, &ascii, err);
    if (st != VQR_OK)
        return st;
    /* Measure first: on any error nothing is written. */
    st = fold_run(s, len, (flags & VQR_TEXT_STRICT) != 0, NULL, &need, &nchanged, err);
    if (st != VQR_OK)
        return st;
    if (out_len)
        *out_len = need;
    if (changed)
        *changed = nchanged;
    if (cap == 0 || cap - 1 < need)
        return fail(err, VQR_ERR_BUFFER_TOO_SMALL, s, 0, need + 1);
    if (nchanged == 0) {
        if (len)
            memmove(out, in, len);
    } else {
        fold_run(s, len, false, out, &need, &nchanged, err);
    }
    out[need] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}

vqr_status vqr_text_nfc(const char *in, size_t len, char *out, size_t cap, size_t *out_len,
                        vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    const unsigned char *s = (const unsigned char *)in;
    const void *src = in;
    size_t need = len;
    bool ascii;
    /* Decomposed code points; utf8proc_reencode() needs one spare entry. */
    utf8proc_int32_t buf[VQR_TEXT_NFC_MAX + 1];
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (out_len)
        *out_len = 0;
    if ((!in && len) || (!out && cap))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, s, 0, 0);
    vqr_status st = check_utf8(s, len, &ascii, err);
    if (st != VQR_OK)
        return st;
    if (!ascii) {
        /* Bounds utf8proc's input: a longer text cannot fit buf anyway. */
        if (vqr_utf8_count(s, len) > VQR_TEXT_NFC_MAX)
            return fail(err, VQR_ERR_TEXT_TOO_LONG, s, 0, VQR_TEXT_NFC_MAX);
        utf8proc_ssize_t n =
            utf8proc_decompose(s, (utf8proc_ssize_t)len, buf, VQR_TEXT_NFC_MAX, opts);
        if (n > VQR_TEXT_NFC_MAX)
            return fail(err, VQR_ERR_TEXT_TOO_LONG, s, 0, VQR_TEXT_NFC_MAX);
        if (n >= 0)
            n = utf8proc_reencode(buf, n, opts);
        if (n < 0) /* only invalid UTF-8, which vqr_utf8_check() has excluded */
            return fail(err, VQR_ERR_UTF8, s, 0, 0);
        need = (size_t)n;
        src = buf;
    }
    if (out_len)
        *out_len = need;
    if (cap == 0 || cap - 1 < need)
        return fail(err, VQR_ERR_BUFFER_TOO_SMALL, s, 0, need + 1);
    if (need)
        memmove(out, src, need);
    out[need] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}

size_t vqr_text_nfc_break(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] < 0x80)
        i++;
    if (i == len || vqr_utf8_count(s, len) > VQR_TEXT_NFC_MAX)
        return SIZE_MAX; /* ASCII is NFC */
    /* The NFC form, in UTF-8, in buf (utf8proc_reencode() works in place
     * and needs one spare entry). */
    utf8proc_int32_t buf[VQR_TEXT_NFC_MAX + 1];
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    utf8proc_ssize_t n = utf8proc_decompose(s, (utf8proc_ssize_t)len, buf, VQR_TEXT_NFC_MAX, opts);
    if (n < 0 || n > VQR_TEXT_NFC_MAX)
        return SIZE_MAX;
    n = utf8proc_reencode(buf, n, opts);
    if (n < 0)
        return SIZE_MAX;
    const unsigned char *nfc = (const unsigned char *)buf;
    size_t same = 0, nlen = (size_t)n;
    while (same < len && same < nlen && s[same] == nfc[same])
        same++;
    if (same == len && same == nlen)
        return SIZE_MAX;
    /* Back to the start of the character that differs, then to the first
     * combining mark from there. */
    while (same > 0 && (s[same] & 0xC0) == 0x80)
        same--;
    for (size_t j = same; j < len;) {
        int32_t cp;
        size_t adv = decode(s, len, j, &cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
            cat == UTF8PROC_CATEGORY_ME)
            return j;
        j += adv;
    }
    return same;
}

vqr_status vqr_text_key(const char *in, size_t len, char *loose, char *tight, size_t cap,
                        vqr_error *err)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, lo = 0, ti = 0;
    bool gap = false, ascii;
    if (cap == 0)
        return fail(err, VQR_ERR_BUFFER_TOO_SMALL, s, 0, 1);
    vqr_status st = check_utf8(s, len, &ascii, err);
    if (st != VQR_OK)
        return st;
    while (i < len) {
        unsigned char c = s[i];
        size_t at = i;
        char a;
        if (c < 0x80) {
            i++;
            a = ascii_lower((char)c);
            if (!is_ascii_letter(c) && !vqr_isdigit(c)) {
                gap = true;
                continue;
            }
        } else {
            int32_t cp;
            i += decode(s, len, i, &cp);
            cp_class k = classify(cp, &a);
            if (k == CP_MARK)
                continue;
            if (k == CP_FOREIGN)
                return fail(err, VQR_ERR_TEXT_NOT_ASCII, s, at, 0);
            if (k != CP_LETTER) {
                gap = true;
                continue;
            }
            a = ascii_lower(a);
        }
        bool sep = gap && ti > 0;
        if (ti + (sep ? 2u : 1u) >= cap)
            return fail(err, VQR_ERR_BUFFER_TOO_SMALL, s, at, 0);
        if (sep)
            tight[ti++] = ' ';
        gap = false;
        loose[lo++] = a;
        tight[ti++] = a;
    }
    loose[lo] = '\0';
    tight[ti] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}
