/*
 * escape.c - the one rule for showing untrusted text: which characters can
 * change what a screen shows, and how they are written instead.
 *
 * The set is listed here by hand rather than read from utf8proc, so that it
 * is the same whatever Unicode version the system's utf8proc knows and so
 * that the header can list it exactly: Cc, the bidirectional controls, the
 * Default_Ignorable_Code_Point property of Unicode 15
 * (DerivedCoreProperties.txt) and U+2028, U+2029.
 */
#include "escape.h"
#include "internal.h"

typedef struct cp_range {
    uint32_t lo, hi;
    uint8_t kind;
} cp_range;

/* Sorted, disjoint; everything else from U+00A0 up is safe. */
static const cp_range k_unsafe[] = {
    { 0x00AD, 0x00AD, VQR_CP_INVISIBLE },   { 0x034F, 0x034F, VQR_CP_INVISIBLE },
    { 0x061C, 0x061C, VQR_CP_BIDI },        { 0x115F, 0x1160, VQR_CP_INVISIBLE },
    { 0x17B4, 0x17B5, VQR_CP_INVISIBLE },   { 0x180B, 0x180F, VQR_CP_INVISIBLE },
    { 0x200B, 0x200D, VQR_CP_INVISIBLE },   { 0x200E, 0x200F, VQR_CP_BIDI },
    { 0x2028, 0x2029, VQR_CP_INVISIBLE },   { 0x202A, 0x202E, VQR_CP_BIDI },
    { 0x2060, 0x2065, VQR_CP_INVISIBLE },   { 0x2066, 0x2069, VQR_CP_BIDI },
    { 0x206A, 0x206F, VQR_CP_INVISIBLE },   { 0x3164, 0x3164, VQR_CP_INVISIBLE },
    { 0xFE00, 0xFE0F, VQR_CP_INVISIBLE },   { 0xFEFF, 0xFEFF, VQR_CP_INVISIBLE },
    { 0xFFA0, 0xFFA0, VQR_CP_INVISIBLE },   { 0xFFF0, 0xFFF8, VQR_CP_INVISIBLE },
    { 0x1BCA0, 0x1BCA3, VQR_CP_INVISIBLE }, { 0x1D173, 0x1D17A, VQR_CP_INVISIBLE },
    { 0xE0000, 0xE0FFF, VQR_CP_INVISIBLE },
};

vqr_cp_kind vqr_cp_kind_of(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return VQR_CP_CONTROL;
    if (cp < 0xAD)
        return VQR_CP_SAFE;
    size_t lo = 0, hi = sizeof k_unsafe / sizeof k_unsafe[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < k_unsafe[mid].lo)
            hi = mid;
        else if (cp > k_unsafe[mid].hi)
            lo = mid + 1;
        else
            return (vqr_cp_kind)k_unsafe[mid].kind;
    }
    return VQR_CP_SAFE;
}

size_t vqr_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v;
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    *cp = v;
    return n;
}

vqr_status vqr_s_text_check(const unsigned char *s, size_t len, size_t *at)
{
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = vqr_utf8_decode(s + i, len - i, &cp);
        if (n == 0) { /* not for this check to report */
            i++;
            continue;
        }
        switch (vqr_cp_kind_of(cp)) {
        case VQR_CP_CONTROL:
            *at = i;
            return VQR_ERR_FORMAT_S;
        case VQR_CP_BIDI:
            *at = i;
            return VQR_ERR_FORMAT_BIDI;
        case VQR_CP_INVISIBLE:
            *at = i;
            return VQR_ERR_FORMAT_INVISIBLE;
        case VQR_CP_SAFE:
            break;
        }
        i += n;
    }
    return VQR_OK;
}

size_t vqr_text_unsafe(const char *s, size_t len, size_t *first, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0, at = len;
    uint32_t what = 0;
    if (!s)
        len = at = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = vqr_utf8_decode(u + i, len - i, &c);
        if (n == 0) {
            n = 1;
            c = VQR_CP_NOT_UTF8;
        } else if (vqr_cp_kind_of(c) == VQR_CP_SAFE) {
            i += n;
            continue;
        }
        if (count++ == 0) {
            at = i;
            what = c;
        }
        i += n;
    }
    if (first)
        *first = at;
    if (cp)
        *cp = what;
    return count;
}

/* ---- vqr_text_escape ---------------------------------------------------- */

static const char k_hex[] = "0123456789abcdef";

/* The writer: counts every byte, stores them only when `out` is set. */
typedef struct sink {
    char *out;
    size_t n;
} sink;

static void put(sink *k, char c)
{
    if (k->out)
        k->out[k->n] = c;
    k->n++;
}

static void put_bytes(sink *k, const unsigned char *s, size_t n)
{
    if (k->out)
        memcpy(k->out + k->n, s, n);
    k->n += n;
}

static void put_hex(sink *k, uint32_t v, int digits)
{
    for (int d = digits - 1; d >= 0; d--)
        put(k, k_hex[(v >> (4 * d)) & 0xFu]);
}

static void put_u4(sink *k, uint32_t v)
{
    put(k, '\\');
    put(k, 'u');
    put_hex(k, v, 4);
}

/* "\uXXXX", with a surrogate pair above U+FFFF (JSON). */
static void put_json_u(sink *k, uint32_t cp)
{
    if (cp > 0xFFFF) {
        cp -= 0x10000;
        put_u4(k, 0xD800 + (cp >> 10));
        put_u4(k, 0xDC00 + (cp & 0x3FFu));
    } else {
        put_u4(k, cp);
    }
}

/* The short JSON escape of a C0 control, or 0. */
static char json_short(uint32_t cp)
{
    switch (cp) {
    case '\b':
        return 'b';
    case '\f':
        return 'f';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    default:
        return 0;
    }
}

/* One pass over the input; `k->out` NULL measures. Returns VQR_OK or
 * VQR_ERR_UTF8 with the bad byte's offset in *bad. */
static vqr_status escape_run(const unsigned char *s, size_t len, unsigned flags, sink *k,
                             size_t *escaped, size_t *bad)
{
    bool json = flags == VQR_ESCAPE_JSON, doc = flags == VQR_ESCAPE_JSON_DOCUMENT;
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        /* The common case: printable ASCII other than the syntax characters. */
        if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
            put(k, (char)c);
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = vqr_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            if (json || doc) {
                *bad = i;
                return VQR_ERR_UTF8;
            }
            put(k, '\\');
            put(k, 'x');
            put_hex(k, c, 2);
            count++;
            i++;
            continue;
        }
        if (cp == '\\' || cp == '"') {
            if (doc || (cp == '"' && !json)) {
                put(k, (char)cp);
            } else {
                put(k, '\\');
                put(k, (char)cp);
            }
            i++;
            continue;
        }
        if (vqr_cp_kind_of(cp) == VQR_CP_SAFE ||
            (doc && (cp == '\t' || cp == '\n' || cp == '\r'))) {
            put_bytes(k, s + i, n);
            i += n;
            continue;
        }
        count++;
        i += n;
        if (json || doc) {
            char e = json ? json_short(cp) : 0;
            if (e) {
                put(k, '\\');
                put(k, e);
            } else {
                put_json_u(k, cp);
            }
            continue;
        }
        put(k, '\\');
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            put(k, cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r');
        } else if (cp < 0x80) {
            put(k, 'x');
            put_hex(k, cp, 2);
        } else if (cp <= 0xFFFF) {
            put(k, 'u');
            put_hex(k, cp, 4);
        } else {
            put(k, 'U');
            put_hex(k, cp, 8);
        }
    }
    *escaped = count;
    return VQR_OK;
}

vqr_status vqr_text_escape(const char *in, size_t len, unsigned flags, char *out, size_t cap,
                           size_t *out_len, size_t *escaped, vqr_error *err)
{
    if (out_len)
        *out_len = 0;
    if (escaped)
        *escaped = 0;
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if ((!in && len) || (!out && cap) ||
        (flags != VQR_ESCAPE_TEXT && flags != VQR_ESCAPE_JSON &&
         flags != VQR_ESCAPE_JSON_DOCUMENT)) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    const unsigned char *s = (const unsigned char *)in;
    sink k = { NULL, 0 };
    size_t count = 0, bad = 0;
    if (escape_run(s, len, flags, &k, &count, &bad) != VQR_OK) {
        vqr_error_fill(err, VQR_ERR_UTF8, VQR_SEVERITY_ERROR, bad, vqr_utf8_count(s, bad), "",
                       SIZE_MAX, 0);
        return VQR_ERR_UTF8;
    }
    if (out_len)
        *out_len = k.n;
    if (escaped)
        *escaped = count;
    if (k.n >= cap) {
        vqr_error_fill(err, VQR_ERR_BUFFER_TOO_SMALL, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, k.n + 1);
        return VQR_ERR_BUFFER_TOO_SMALL;
    }
    sink w = { out, 0 };
    (void)escape_run(s, len, flags, &w, &count, &bad);
    out[w.n] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}
