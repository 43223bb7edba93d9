/*
 * verify.c - vqr_verify(): who a payload pays, against the payees allowed,
 * and whether its text imitates something it is not.
 *
 * Built on the public API (parse, vqr_vietqr_read, the object walk) and
 * utf8proc for the look-alike and folding rules. No allocation.
 */
#include "escape.h"
#include "internal.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* ---- names ---- */

const char *vqr_verdict_name(vqr_verdict_code code)
{
    switch (code) {
    case VQR_VERDICT_OK:
        return "OK";
    case VQR_VERDICT_PAYEE_NOT_ALLOWED:
        return "PAYEE_NOT_ALLOWED";
    case VQR_VERDICT_AMOUNT_MISMATCH:
        return "AMOUNT_MISMATCH";
    case VQR_VERDICT_NOT_A_PAYMENT_CODE:
        return "NOT_A_PAYMENT_CODE";
    case VQR_VERDICT_INVALID:
        return "INVALID";
    case VQR_VERDICT_MULTIPLE_CODES:
        return "MULTIPLE_CODES";
    case VQR_VERDICT_NO_CODE:
        return "NO_CODE";
    }
    return NULL;
}

static void payee_defaults(vqr_payee *p)
{
    memset(p, 0, sizeof *p);
    p->size = sizeof *p;
    p->network = VQR_NETWORK_NAPAS;
    p->service = VQR_SERVICE_ACCOUNT;
}

static void options_defaults(vqr_verify_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    o->kind = VQR_VERIFY_ANY_KIND;
    o->currency = 704;
}

/* Writes the defaults into the caller's `size` bytes, as vqr_vietqr_init. */
static vqr_status init_sized(void *obj, size_t size, const void *defaults, size_t ours,
                             vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!obj || size < sizeof(size_t) || size > VQR_STRUCT_SIZE_MAX) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, VQR_STRUCT_SIZE_MAX);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    memset(obj, 0, size);
    memcpy(obj, defaults, size < ours ? size : ours);
    memcpy(obj, &size, sizeof size);
    return VQR_OK;
}

vqr_status vqr_payee_init(vqr_payee *p, size_t size, vqr_error *err)
{
    vqr_payee d;
    payee_defaults(&d);
    return init_sized(p, size, &d, sizeof d, err);
}

vqr_status vqr_verify_options_init(vqr_verify_options *o, size_t size, vqr_error *err)
{
    vqr_verify_options d;
    options_defaults(&d);
    return init_sized(o, size, &d, sizeof d, err);
}

/* ---- characters that imitate ---- */

typedef struct lookalike {
    uint32_t cp;
    char ascii;
} lookalike;

/* Letters of other scripts that look like a Latin letter, in ascending
 * order (Unicode's confusables with a single Latin target, as seen in
 * common fonts). Fullwidth and mathematical forms are found through their
 * compatibility decomposition instead. */
static const lookalike k_lookalikes[] = {
    /* Greek */
    { 0x037F, 'J' },
    { 0x0391, 'A' },
    { 0x0392, 'B' },
    { 0x0395, 'E' },
    { 0x0396, 'Z' },
    { 0x0397, 'H' },
    { 0x0399, 'I' },
    { 0x039A, 'K' },
    { 0x039C, 'M' },
    { 0x039D, 'N' },
    { 0x039F, 'O' },
    { 0x03A1, 'P' },
    { 0x03A4, 'T' },
    { 0x03A5, 'Y' },
    { 0x03A7, 'X' },
    { 0x03B1, 'a' },
    { 0x03B3, 'y' },
    { 0x03B9, 'i' },
    { 0x03BA, 'k' },
    { 0x03BD, 'v' },
    { 0x03BF, 'o' },
    { 0x03C1, 'p' },
    { 0x03C5, 'u' },
    { 0x03C7, 'x' },
    { 0x03F2, 'c' },
    { 0x03F3, 'j' },
    { 0x03F9, 'C' },
    /* Cyrillic */
    { 0x0405, 'S' },
    { 0x0406, 'I' },
    { 0x0408, 'J' },
    { 0x0410, 'A' },
    { 0x0412, 'B' },
    { 0x0415, 'E' },
    { 0x041A, 'K' },
    { 0x041C, 'M' },
    { 0x041D, 'H' },
    { 0x041E, 'O' },
    { 0x0420, 'P' },
    { 0x0421, 'C' },
    { 0x0422, 'T' },
    { 0x0423, 'Y' },
    { 0x0425, 'X' },
    { 0x0430, 'a' },
    { 0x0435, 'e' },
    { 0x043A, 'k' },
    { 0x043E, 'o' },
    { 0x0440, 'p' },
    { 0x0441, 'c' },
    { 0x0443, 'y' },
    { 0x0445, 'x' },
    { 0x0455, 's' },
    { 0x0456, 'i' },
    { 0x0458, 'j' },
    { 0x0474, 'V' },
    { 0x0475, 'v' },
    { 0x04AE, 'Y' },
    { 0x04AF, 'y' },
    { 0x04BB, 'h' },
    { 0x04C0, 'I' },
    { 0x04CF, 'l' },
    { 0x0501, 'd' },
    { 0x051A, 'Q' },
    { 0x051B, 'q' },
    { 0x051C, 'W' },
    { 0x051D, 'w' },
    /* Armenian */
    { 0x054D, 'U' },
    { 0x054F, 'S' },
    { 0x0555, 'O' },
    { 0x0566, 'q' },
    { 0x0570, 'h' },
    { 0x0578, 'n' },
    { 0x057D, 'u' },
    { 0x0581, 'g' },
    { 0x0585, 'o' },
    /* Cherokee */
    { 0x13A0, 'D' },
    { 0x13A1, 'R' },
    { 0x13A2, 'T' },
    { 0x13A9, 'Y' },
    { 0x13AA, 'A' },
    { 0x13AB, 'J' },
    { 0x13AC, 'E' },
    { 0x13B3, 'W' },
    { 0x13B7, 'M' },
    { 0x13BB, 'H' },
    { 0x13C0, 'G' },
    { 0x13C3, 'Z' },
    { 0x13D2, 'R' },
    { 0x13D9, 'V' },
    { 0x13DA, 'S' },
    { 0x13DE, 'L' },
    { 0x13DF, 'C' },
    { 0x13E2, 'P' },
    { 0x13E6, 'K' },
    { 0x13F4, 'B' },
};

static char table_lookalike(uint32_t cp)
{
    size_t lo = 0, hi = sizeof k_lookalikes / sizeof k_lookalikes[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k_lookalikes[mid].cp == cp)
            return k_lookalikes[mid].ascii;
        if (k_lookalikes[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static bool is_ascii_alnum(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * The compatibility form of `cp` when it is nothing but ASCII letters and
 * digits (fullwidth "\uFF21" -> "A", mathematical bold A, U+2102 -> "C",
 * ligature U+FB01 -> "fi"): its length (at most `cap`), else 0.
 */
static size_t compat_ascii(uint32_t cp, int32_t *out, size_t cap)
{
    if (cp < 0x80)
        return 0;
    utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, out, (utf8proc_ssize_t)cap,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
    if (n <= 0 || (size_t)n > cap)
        return 0;
    for (utf8proc_ssize_t i = 0; i < n; i++)
        if (!is_ascii_alnum(out[i]))
            return 0;
    return (size_t)n;
}

/* The ASCII letter `cp` imitates, or 0. */
static char looks_like(uint32_t cp)
{
    char c = table_lookalike(cp);
    if (c)
        return c;
    int32_t d[18];
    if (compat_ascii(cp, d, sizeof d / sizeof d[0]) > 0 &&
        ((d[0] >= 'a' && d[0] <= 'z') || (d[0] >= 'A' && d[0] <= 'Z')))
        return (char)d[0];
    return 0;
}

/* The suspect kind of one character, or 0; *ascii receives a look-alike's letter. */
static vqr_suspect suspect_of(uint32_t cp, char *ascii)
{
    *ascii = 0;
    /* The library's one rule for what can change a screen (escape.h). */
    switch (vqr_cp_kind_of(cp)) {
    case VQR_CP_CONTROL:
        return VQR_SUSPECT_CONTROL;
    case VQR_CP_BIDI:
        return VQR_SUSPECT_BIDI;
    case VQR_CP_INVISIBLE:
        return VQR_SUSPECT_INVISIBLE;
    case VQR_CP_SAFE:
        break;
    }
    if (cp < 0x80)
        return (vqr_suspect)0;
    *ascii = looks_like(cp);
    return *ascii ? VQR_SUSPECT_CONFUSABLE : (vqr_suspect)0;
}

/* One code point of possibly malformed UTF-8 (a bad byte reads as U+FFFD, one byte). */
static size_t next_cp(const unsigned char *s, size_t len, uint32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &c);
    if (n <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = (uint32_t)c;
    return (size_t)n;
}

/* ---- folding names ---- */

#define FOLD_MAX 512

/*
 * A name as a payer reads it: lower-case ASCII letters and digits only.
 * Diacritics, case, spaces, punctuation, invisible and control characters
 * go; look-alikes become the letters they imitate. Returns the length, or
 * SIZE_MAX when the folded name would not fit.
 */
static size_t fold_name(const char *s, size_t len, char out[FOLD_MAX])
{
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(u + i, len - i, &cp);
        char ascii;
        vqr_suspect k = suspect_of(cp, &ascii);
        int32_t d[18];
        size_t nd = 0;
        if (k == VQR_SUSPECT_CONTROL || k == VQR_SUSPECT_BIDI || k == VQR_SUSPECT_INVISIBLE)
            continue;
        if (cp == 0x0110 || cp == 0x0111) {
            d[0] = 'd';
            nd = 1;
        } else if (table_lookalike(cp)) {
            d[0] = (unsigned char)table_lookalike(cp);
            nd = 1;
        } else {
            utf8proc_ssize_t n = utf8proc_decompose_char(
                (utf8proc_int32_t)cp, d, (utf8proc_ssize_t)(sizeof d / sizeof d[0]),
                UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
                NULL);
            nd = n > 0 && (size_t)n <= sizeof d / sizeof d[0] ? (size_t)n : 0;
        }
        for (size_t k2 = 0; k2 < nd; k2++) {
            int32_t c = d[k2];
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            if (!is_ascii_alnum(c))
                continue;
            if (o + 1 >= FOLD_MAX)
                return SIZE_MAX;
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
    return o;
}

/* ---- where a byte lies in the payload ---- */

/* The tag path of the innermost object whose bytes hold `off`, or "". */
static void tag_at(const vqr_payload *p, size_t off, char tag[VQR_TAG_MAX])
{
    tag[0] = '\0';
    vqr_handle parent = VQR_ROOT;
    for (int depth = 0; depth < 3; depth++) {
        vqr_handle found = VQR_NONE;
        for (vqr_handle h = vqr_payload_first(p, parent); h != VQR_NONE;
             h = vqr_payload_next(p, h)) {
            vqr_object o;
            VQR_INIT(&o);
            if (vqr_payload_object(p, h, &o, NULL) != VQR_OK || o.offset == SIZE_MAX ||
                !o.value.ptr)
                continue;
            if (off >= o.offset && off < o.offset + 4 + o.value.len) {
                memcpy(tag, o.tag, VQR_TAG_MAX);
                found = o.is_template ? h : VQR_NONE;
                break;
            }
        }
        if (found == VQR_NONE)
            return;
        parent = found;
    }
}

static void add_mark(vqr_verdict *v, vqr_suspect kind, uint32_t cp, char ascii, size_t offset,
                     const char *tag)
{
    v->suspects |= (unsigned)kind;
    if (v->mark_count < VQR_VERIFY_MARKS) {
        vqr_suspect_mark *m = &v->marks[v->mark_count];
        m->kind = kind;
        m->codepoint = cp;
        m->looks_like = ascii;
        m->offset = offset;
        size_t i = 0;
        for (; tag && tag[i] && i + 1 < VQR_TAG_MAX; i++)
            m->tag[i] = tag[i];
        m->tag[i] = '\0';
    }
    v->mark_count++;
}

/* Every character of the payload, for look-alikes and hidden characters. */
static void scan_text(const vqr_payload *p, const char *s, size_t len, vqr_verdict *v)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = next_cp(u + i, len - i, &cp);
        char ascii;
        vqr_suspect k = suspect_of(cp, &ascii);
        if (k) {
            char tag[VQR_TAG_MAX] = { 0 };
            tag_at(p, i, tag);
            add_mark(v, k, cp, ascii, i, tag);
        }
        i += n;
    }
}

/* ---- payees ---- */

/* 1-max printable ASCII characters, no space (an account written in groups
 * "0011 0012 34567" is a mistake to report, not a payee that never matches). */
static bool printable_ascii(const char *s, size_t max)
{
    size_t n = 0;
    for (; s[n]; n++)
        if ((unsigned char)s[n] <= 0x20 || (unsigned char)s[n] > 0x7E || n >= max)
            return false;
    return n > 0;
}

static bool six_digits(const char *s)
{
    for (int i = 0; i < 6; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return s[6] == '\0';
}

/* Reads payee i of the caller's array into `out`; false when it is malformed. */
static bool read_payee(const vqr_payee *allowed, size_t stride, size_t i, vqr_payee *out)
{
    const vqr_payee *in =
        (const vqr_payee *)(const void *)((const unsigned char *)allowed + i * stride);
    payee_defaults(out);
    if (vqr_sized_size(in) != stride || !vqr_sized_in(out, sizeof *out, in))
        return false;
    if (out->name) {
        size_t nl = strlen(out->name);
        for (size_t k = 0; k < nl;) {
            utf8proc_int32_t c;
            utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)out->name + k,
                                                  (utf8proc_ssize_t)(nl - k), &c);
            if (r <= 0)
                return false;
            k += (size_t)r;
        }
    }
    if (!out->account)
        return false;
    if (out->network == VQR_NETWORK_NAPAS) {
        return out->bin && six_digits(out->bin) && printable_ascii(out->account, 19) &&
               (out->service == VQR_SERVICE_ACCOUNT || out->service == VQR_SERVICE_CARD ||
                out->service == VQR_SERVICE_MERCHANT);
    }
    if (out->network == VQR_NETWORK_VNPAY)
        return (!out->bin || !out->bin[0]) && printable_ascii(out->account, 99);
    return false;
}

static bool payee_matches(const vqr_payee *pe, const vqr_vietqr_info *info)
{
    if (pe->network != info->network)
        return false;
    if (info->network == VQR_NETWORK_NAPAS)
        return strcmp(pe->bin, info->bin) == 0 && strcmp(pe->account, info->account) == 0 &&
               pe->service == info->service;
    if (info->network == VQR_NETWORK_VNPAY)
        return strcmp(pe->account, info->account) == 0;
    return false;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ---- the verdict ---- */

static vqr_status verify_fail(vqr_error *err, vqr_status code, size_t offset)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, offset, offset, "", SIZE_MAX, 0);
    return code;
}

/* Names of the code to compare with the payees' names. */
static const char *const k_name_tags[] = { "59", "64.01" };

static void check_imitation(const vqr_payload *p, const vqr_payee *allowed, size_t stride, size_t n,
                            const vqr_vietqr_info *info, vqr_verdict *v)
{
    for (size_t t = 0; t < sizeof k_name_tags / sizeof k_name_tags[0]; t++) {
        vqr_view view;
        if (vqr_payload_get(p, k_name_tags[t], &view, NULL) != VQR_OK || !view.ptr)
            continue;
        char code_name[FOLD_MAX];
        size_t cl = fold_name(view.ptr, view.len, code_name);
        if (cl == 0 || cl == SIZE_MAX)
            continue;
        size_t imitated = SIZE_MAX;
        bool own = false;
        for (size_t i = 0; i < n; i++) {
            vqr_payee pe;
            if (!read_payee(allowed, stride, i, &pe) || !pe.name || !pe.name[0])
                continue;
            char payee_name[FOLD_MAX];
            size_t pl = fold_name(pe.name, strlen(pe.name), payee_name);
            if (pl != cl || strcmp(code_name, payee_name) != 0)
                continue;
            if (payee_matches(&pe, info))
                own = true;
            else if (imitated == SIZE_MAX)
                imitated = i;
        }
        if (imitated != SIZE_MAX && !own) {
            v->imitated = imitated;
            /* The value's bytes lie in the parsed input, at the arena's start. */
            const vqr_payload_impl *impl = vqr_cimpl(p);
            size_t off = view.ptr >= impl->arena && view.ptr < impl->arena + impl->input_len
                             ? (size_t)(view.ptr - impl->arena)
                             : SIZE_MAX;
            add_mark(v, VQR_SUSPECT_IMITATION, 0, 0, off, k_name_tags[t]);
            return;
        }
    }
}

/*
 * The verdict of a payload that starts like an EMVCo one: `st`/`perr` are
 * the parse's outcome, `rs`/`rerr` vqr_vietqr_read's.
 */
static void decide(vqr_verdict *v, const vqr_payload *p, const vqr_verify_options *o, vqr_status st,
                   const vqr_error *perr, vqr_status rs, const vqr_error *rerr,
                   const vqr_vietqr_info *info, const vqr_payee *allowed, size_t stride, size_t n)
{
    /* What the code pays, as far as it could be read, whatever the verdict. */
    if (rs == VQR_OK || rs == VQR_ERR_NOT_VIETQR || st != VQR_OK) {
        v->network = rs == VQR_ERR_NOT_VIETQR ? VQR_NETWORK_NONE : info->network;
        v->service = info->service;
        copy_str(v->bin, sizeof v->bin, info->bin);
        copy_str(v->account, sizeof v->account, info->account);
        copy_str(v->guid, sizeof v->guid, info->guid);
        v->bank_known = info->bank_known;
        copy_str(v->bank_short_name, sizeof v->bank_short_name, info->bank_short_name);
        v->is_static = info->is_static;
        v->is_dynamic = info->is_dynamic;
        v->amount = info->amount_status == VQR_OK ? info->amount_minor : 0;
        v->currency = info->currency;
        copy_str(v->merchant_name, sizeof v->merchant_name, info->merchant_name);
        copy_str(v->purpose, sizeof v->purpose, info->purpose);
    }
    vqr_view alt;
    if (vqr_payload_get(p, "64.01", &alt, NULL) == VQR_OK && alt.ptr) {
        size_t an =
            alt.len < sizeof v->merchant_name_alt ? alt.len : sizeof v->merchant_name_alt - 1;
        memcpy(v->merchant_name_alt, alt.ptr, an);
        v->merchant_name_alt[an] = '\0';
    }
    if (st != VQR_OK) {
        v->verdict = VQR_VERDICT_INVALID;
        v->error = *perr;
        return;
    }
    if (rs != VQR_OK && rs != VQR_ERR_NOT_VIETQR) {
        /* A NAPAS template without its BIN or account: nobody can pay it. */
        v->verdict = VQR_VERDICT_INVALID;
        v->error = *rerr;
        return;
    }
    if (rs == VQR_OK && info->network == VQR_NETWORK_NAPAS && info->service == VQR_SERVICE_CASH) {
        v->verdict = VQR_VERDICT_NOT_A_PAYMENT_CODE;
        return;
    }
    for (size_t i = 0; i < n && rs == VQR_OK; i++) {
        vqr_payee pe;
        if (read_payee(allowed, stride, i, &pe) && payee_matches(&pe, info)) {
            v->payee = i;
            break;
        }
    }
    if (v->payee == SIZE_MAX) {
        v->verdict = VQR_VERDICT_PAYEE_NOT_ALLOWED;
        return;
    }
    v->verdict = VQR_VERDICT_OK;
    if ((o->kind == VQR_VERIFY_STATIC && (!info->is_static || info->amount[0])) ||
        (o->kind == VQR_VERIFY_DYNAMIC && !info->is_dynamic))
        v->verdict = VQR_VERDICT_AMOUNT_MISMATCH;
    if (o->amount && (info->amount_status != VQR_OK || !info->amount[0] ||
                      info->amount_minor != o->amount || info->currency != o->currency))
        v->verdict = VQR_VERDICT_AMOUNT_MISMATCH;
}

vqr_status vqr_verify(const char *payload, size_t len, const vqr_payee *allowed, size_t n,
                      const vqr_verify_options *opt, vqr_verdict *out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!vqr_sized_ok(out) || (!payload && len) || (!allowed && n))
        return verify_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX);
    vqr_verify_options o;
    options_defaults(&o);
    if (opt && !vqr_sized_in(&o, sizeof o, opt))
        return verify_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX);
    if ((unsigned)o.kind > VQR_VERIFY_DYNAMIC || vqr_currency_alpha(o.currency) == NULL)
        return verify_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX);
    size_t stride = n && vqr_sized_ok(allowed) ? vqr_sized_size(allowed) : 0;
    for (size_t i = 0; i < n; i++) {
        vqr_payee pe;
        if (stride == 0 || !read_payee(allowed, stride, i, &pe))
            return verify_fail(err, VQR_ERR_PAYEE, i);
    }

    vqr_verdict full;
    vqr_verdict *v = vqr_sized_out_begin(out, &full, sizeof full);
    v->payee = SIZE_MAX;
    v->imitated = SIZE_MAX;
    v->error.size = sizeof v->error;
    vqr_error_clear(&v->error);

    vqr_payload p;
    vqr_error perr;
    VQR_INIT(&perr);
    vqr_status st = vqr_payload_parse(&p, payload, len, o.parse_flags, &perr);
    if (st == VQR_ERR_INVALID_ARGUMENT) {
        vqr_sized_out_end(out, v, sizeof full);
        return verify_fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX);
    }
    scan_text(&p, payload, len, v);

    size_t skip = len >= 3 && memcmp(payload, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len - skip < 4 || memcmp(payload + skip, "0002", 4) != 0) {
        v->verdict = VQR_VERDICT_NOT_A_PAYMENT_CODE;
    } else {
        vqr_vietqr_info info;
        VQR_INIT(&info);
        vqr_error rerr;
        VQR_INIT(&rerr);
        vqr_status rs = vqr_vietqr_read(&p, &info, &rerr);
        decide(v, &p, &o, st, &perr, rs, &rerr, &info, allowed, stride, n);
        check_imitation(&p, allowed, stride, n, &info, v);
    }
    vqr_sized_out_end(out, v, sizeof full);
    return VQR_OK;
}
