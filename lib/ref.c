/*
 * ref.c - payment references with two check characters: make, check, find.
 *
 * A reference is PREFIX SEQUENCE CHECK: an issuer's prefix of 2-6 letters
 * and digits (the first a letter), the sequence as exactly six decimal
 * digits, and two check characters, all upper case: "HP24000123" + "SQ".
 *
 * The check characters are those of ISO/IEC 7064:2003 (Information
 * technology - Security techniques - Check character systems), MOD 1271-36:
 * the pure system with modulus M = 1271 (= 31 x 41) and radix r = 36 over
 * the alphabet 0-9 A-Z (values 0-35). With a[i] the value of the character
 * i places from the right (the last check character is a[1]), a string is
 * valid when
 *
 *     sum of a[i] . r^(i-1)  ==  1  (mod M),
 *
 * so the check value of the data is (1 - P . r^2) mod M, with P the data
 * read as a base-36 number modulo M; it is written as two characters,
 * quotient and remainder by 36 (the standard's example: "ISO79" -> 140 ->
 * "3W"). A string changed in one place by d != 0 (|d| <= 35) changes the sum
 * by d . r^k, and two neighbours a, b swapped change it by
 * (a - b) . r^k . (r - 1) = (a - b) . r^k . 35; r and 35 are prime to M,
 * and 0 < |d| < M, so neither is 0 modulo M: every single substitution and
 * every adjacent transposition is detected, at any length (test_ref.c
 * proves both on every weight r^k of a reference and every pair of
 * values). Other errors, among them a character dropped or added by a
 * payer retyping the memo, are missed about once in M. test_ref.c
 * measures the rate at which vqr_ref_find() reads such a typo in a bank
 * description as another reference of the same prefix: 25 in 100,000,
 * about 1 in 4,000, where the windows that had the shape of a reference
 * predicted 25.1. The shape (the prefix, six digits, two characters)
 * refuses most shifted readings before the check does.
 *
 * Only the 1271 pairs that make writes are accepted: the 25 pairs whose
 * value is 1271 or more ("ZB" to "ZZ"), which the sum alone would take for
 * the pair 1271 below them, are refused.
 *
 * One check character cannot do this: with 36 values, a dropped or added
 * character passes about once in 36. Damm's algorithm over a quasigroup of
 * order 36 and ISO/IEC 7064 MOD 37-36 (which also misses some adjacent
 * transpositions) were both of that kind; MOD 1271-36 is the standard's
 * alphanumeric system with two check characters.
 *
 * Nothing here allocates; every function is linear in its input.
 */
#include "ref.h"
#include "common.h"

#include <string.h>

/* 36^2 mod 1271: the data's weight once the two check characters follow. */
#define R2_MOD 25u

unsigned vqr_ref_sum(const unsigned char *v, size_t n)
{
    unsigned p = 0;
    for (size_t i = 0; i < n; i++)
        p = (p * VQR_REF_RADIX + v[i]) % VQR_REF_MODULUS;
    return p;
}

unsigned vqr_ref_check_value(const unsigned char *v, size_t n)
{
    unsigned p = vqr_ref_sum(v, n) * R2_MOD % VQR_REF_MODULUS;
    return (VQR_REF_MODULUS + 1 - p) % VQR_REF_MODULUS;
}

vqr_status vqr_ref_prefix_read(const char *prefix, vqr_ref_prefix *out, vqr_error *err)
{
    if (!prefix || !out) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    size_t n = 0;
    for (; prefix[n]; n++) {
        unsigned char c = (unsigned char)prefix[n];
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        bool ok = n == 0 ? (c >= 'A' && c <= 'Z') : vqr_ref_value(c) >= 0;
        if (!ok) {
            vqr_error_fill(err, VQR_ERR_REF_PREFIX, VQR_SEVERITY_ERROR, n, n, "", SIZE_MAX,
                           VQR_REF_PREFIX_MAX);
            return VQR_ERR_REF_PREFIX;
        }
        if (n == VQR_REF_PREFIX_MAX) {
            vqr_error_fill(err, VQR_ERR_REF_PREFIX, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                           SIZE_MAX, VQR_REF_PREFIX_MAX);
            return VQR_ERR_REF_PREFIX;
        }
        out->s[n] = (char)c;
    }
    if (n < VQR_REF_PREFIX_MIN) {
        vqr_error_fill(err, VQR_ERR_REF_PREFIX, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, VQR_REF_PREFIX_MIN);
        return VQR_ERR_REF_PREFIX;
    }
    out->s[n] = '\0';
    out->len = n;
    return VQR_OK;
}

vqr_status vqr_ref_make(const char *prefix, uint32_t sequence, char *out, size_t cap,
                        size_t *out_len, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (out_len)
        *out_len = 0;
    if ((!out && cap > 0) || !out_len) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    vqr_ref_prefix p;
    vqr_status st = vqr_ref_prefix_read(prefix, &p, err);
    if (st != VQR_OK)
        return st;
    if (sequence > VQR_REF_SEQUENCE_MAX) {
        vqr_error_fill(err, VQR_ERR_REF_SEQUENCE, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, VQR_REF_SEQUENCE_MAX);
        return VQR_ERR_REF_SEQUENCE;
    }
    char ref[VQR_REF_BUF_SIZE];
    unsigned char v[VQR_REF_MAX_LEN];
    size_t n = 0;
    for (; n < p.len; n++) {
        ref[n] = p.s[n];
        v[n] = (unsigned char)vqr_ref_value((unsigned char)p.s[n]);
    }
    uint32_t rest = sequence;
    for (size_t i = VQR_REF_DIGITS; i-- > 0;) {
        v[n + i] = (unsigned char)(rest % 10);
        ref[n + i] = (char)('0' + rest % 10);
        rest /= 10;
    }
    n += VQR_REF_DIGITS;
    unsigned c = vqr_ref_check_value(v, n);
    ref[n++] = vqr_ref_char(c / VQR_REF_RADIX);
    ref[n++] = vqr_ref_char(c % VQR_REF_RADIX);
    ref[n] = '\0';
    *out_len = n;
    if (cap < n + 1) {
        vqr_error_fill(err, VQR_ERR_BUFFER_TOO_SMALL, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, n + 1);
        return VQR_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(out, ref, n + 1);
    return VQR_OK;
}

vqr_status vqr_ref_check(const char *text, size_t len, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!text && len > 0) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    const size_t min = VQR_REF_PREFIX_MIN + VQR_REF_DIGITS + VQR_REF_NCHECK;
    if (len < min || len > VQR_REF_MAX_LEN) {
        vqr_error_fill(err, VQR_ERR_REF_FORMAT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, len < min ? min : VQR_REF_MAX_LEN);
        return VQR_ERR_REF_FORMAT;
    }
    const unsigned char *s = (const unsigned char *)text;
    const size_t digits_at = len - VQR_REF_NCHECK - VQR_REF_DIGITS;
    unsigned char v[VQR_REF_MAX_LEN];
    for (size_t i = 0; i < len; i++) {
        int x = vqr_ref_value(s[i]);
        bool ok;
        if (i == 0)
            ok = x >= 10;
        else if (i >= digits_at && i < len - VQR_REF_NCHECK)
            ok = x >= 0 && x < 10;
        else
            ok = x >= 0;
        if (!ok) {
            vqr_error_fill(err, VQR_ERR_REF_FORMAT, VQR_SEVERITY_ERROR, i, i, "", SIZE_MAX, 0);
            return VQR_ERR_REF_FORMAT;
        }
        v[i] = (unsigned char)x;
    }
    if (vqr_ref_check_value(v, len - VQR_REF_NCHECK) != v[len - 2] * VQR_REF_RADIX + v[len - 1]) {
        vqr_error_fill(err, VQR_ERR_REF_CHECK, VQR_SEVERITY_ERROR, len - VQR_REF_NCHECK,
                       len - VQR_REF_NCHECK, "", SIZE_MAX, 0);
        return VQR_ERR_REF_CHECK;
    }
    return VQR_OK;
}

/* ---- the scanner ---- */

void vqr_ref_scan_start(vqr_ref_scan *s, const char *memo, size_t len)
{
    s->memo = (const unsigned char *)memo;
    s->len = memo ? len : 0;
    s->pos = 0;
    s->seen = 0;
    s->run1 = 0;
    s->run2 = 0;
}

bool vqr_ref_scan_next(vqr_ref_scan *s)
{
    while (s->pos < s->len) {
        unsigned char c = s->memo[s->pos];
        size_t at = s->pos++;
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        int v = vqr_ref_value(c);
        if (v < 0)
            continue;
        size_t before = s->run2;
        s->val[s->seen % VQR_REF_RING] = (unsigned char)v;
        s->off[s->seen % VQR_REF_RING] = at;
        s->seen++;
        s->run2 = s->run1;
        s->run1 = v < 10 ? s->run1 + 1 : 0;
        if (before >= VQR_REF_DIGITS)
            return true;
    }
    return false;
}

bool vqr_ref_scan_valid(const vqr_ref_scan *s, size_t plen, char *ref)
{
    size_t n = plen + VQR_REF_DIGITS + VQR_REF_NCHECK;
    if (!vqr_ref_scan_has(s, n) || vqr_ref_scan_val(s, n - 1) < 10)
        return false;
    unsigned p = 0;
    for (size_t back = n; back-- > VQR_REF_NCHECK;)
        p = (p * VQR_REF_RADIX + vqr_ref_scan_val(s, back)) % VQR_REF_MODULUS;
    p = p * R2_MOD % VQR_REF_MODULUS;
    unsigned c = (VQR_REF_MODULUS + 1 - p) % VQR_REF_MODULUS;
    if (c != vqr_ref_scan_val(s, 1) * VQR_REF_RADIX + vqr_ref_scan_val(s, 0))
        return false;
    if (ref) {
        for (size_t i = 0; i < n; i++)
            ref[i] = vqr_ref_char(vqr_ref_scan_val(s, n - 1 - i));
        ref[n] = '\0';
    }
    return true;
}

vqr_status vqr_ref_find(const char *memo, size_t len, const char *prefix, vqr_ref_match *out,
                        size_t cap, size_t *count, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (count)
        *count = 0;
    if ((!memo && len > 0) || (!out && cap > 0) || !count) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, 0);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    vqr_ref_prefix p;
    vqr_status st = vqr_ref_prefix_read(prefix, &p, err);
    if (st != VQR_OK)
        return st;
    unsigned char pv[VQR_REF_PREFIX_MAX];
    for (size_t i = 0; i < p.len; i++)
        pv[i] = (unsigned char)vqr_ref_value((unsigned char)p.s[i]);
    const size_t n = p.len + VQR_REF_DIGITS + VQR_REF_NCHECK;
    size_t found = 0;
    vqr_ref_scan s;
    vqr_ref_scan_start(&s, memo, len);
    while (vqr_ref_scan_next(&s)) {
        if (!vqr_ref_scan_has(&s, n))
            continue;
        size_t i = 0;
        while (i < p.len && vqr_ref_scan_val(&s, n - 1 - i) == pv[i])
            i++;
        if (i < p.len)
            continue;
        char ref[VQR_REF_BUF_SIZE];
        if (!vqr_ref_scan_valid(&s, p.len, ref))
            continue;
        if (found < cap) {
            vqr_ref_match *m = &out[found];
            memcpy(m->reference, ref, n + 1);
            memset(m->reference + n + 1, 0, sizeof m->reference - (n + 1));
            m->offset = vqr_ref_scan_off(&s, n - 1);
            m->end = vqr_ref_scan_off(&s, 0) + 1;
        }
        found++;
    }
    *count = found;
    if (found > cap) {
        vqr_error_fill(err, VQR_ERR_BUFFER_TOO_SMALL, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, found);
        return VQR_ERR_BUFFER_TOO_SMALL;
    }
    return VQR_OK;
}
