/*
 * ref.c - payment references with a check character: make, check, find.
 *
 * A reference is PREFIX SEQUENCE CHECK: an issuer's prefix of 2-6 letters
 * and digits (the first a letter), the sequence as exactly six decimal
 * digits, and one check character, all upper case: "HP24000123" + "7".
 *
 * The check character is Damm's (H. M. Damm, "Totally anti-symmetric
 * quasigroups for all orders n != 2, 6", Discrete Mathematics 307 (2007)
 * 715-729) over a totally anti-symmetric quasigroup of order 36, the
 * alphabet 0-9 A-Z. The quasigroup is the direct product of two of the
 * paper's linear ones, x * y = a.x + y over a finite field with a not in
 * {0, 1, -1}:
 *
 *   GF(4) = {0, 1, w, w + 1} (w^2 = w + 1), a = w;
 *   GF(9) = {u + v.i : u, v in GF(3)} (i^2 = -1), a = i;
 *
 * and the character of value n (0-35) is the pair (n / 9, n % 9), the
 * GF(4) element b0 + b1.w written b0 + 2.b1 and the GF(9) element u + v.i
 * written u + 3.v. In each factor (c * x) * y = (c * y) * x gives
 * (a - 1)(x - y) = 0, so x = y: a product of totally anti-symmetric
 * quasigroups is one. Starting from state 0, each character takes the
 * state s to s * c; the check character takes the last state to 0. Rows
 * and columns of a quasigroup are permutations, so two strings that differ
 * in one character end in different states (every single substitution is
 * detected), and total anti-symmetry means (s * x) * y != (s * y) * x for
 * x != y (every adjacent transposition is detected, the check character
 * included), whatever the length. test_ref.c checks both properties on the
 * whole 36 x 36 table and on every string of up to four characters.
 *
 * ISO/IEC 7064's hybrid MOD 37,36 does not qualify: from each of its 36
 * states one pair of adjacent characters can be swapped unseen ("01" and
 * "10" from state 18, for instance), which test_ref.c shows as well.
 *
 * Nothing here allocates; every function is linear in its input.
 */
#include "ref.h"
#include "internal.h"

#include <string.h>

/* w * x in GF(4) and i * x in GF(9), in the encodings above. */
static const unsigned char k_mul_w[4] = { 0, 2, 3, 1 };
static const unsigned char k_mul_i[9] = { 0, 3, 6, 2, 5, 8, 1, 4, 7 };
/* x + y in GF(9): the two GF(3) digits added apart. */
static unsigned gf9_add(unsigned x, unsigned y)
{
    return (x % 3 + y % 3) % 3 + 3 * ((x / 3 + y / 3) % 3);
}

unsigned vqr_ref_op(unsigned x, unsigned y)
{
    unsigned q = (unsigned)k_mul_w[x / 9] ^ (y / 9);
    unsigned r = gf9_add(k_mul_i[x % 9], y % 9);
    return 9 * q + r;
}

unsigned vqr_ref_state(const unsigned char *v, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++)
        s = vqr_ref_op(s, v[i]);
    return s;
}

unsigned vqr_ref_check_value(unsigned state)
{
    /* s * c = 0: in GF(4) c = w.s (its own negative), in GF(9) c = -(i.s). */
    unsigned q = k_mul_w[state / 9];
    unsigned t = k_mul_i[state % 9];
    unsigned r = (3 - t % 3) % 3 + 3 * ((3 - t / 3) % 3);
    return 9 * q + r;
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
    ref[n] = vqr_ref_char(vqr_ref_check_value(vqr_ref_state(v, n)));
    n++;
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
    const size_t min = VQR_REF_PREFIX_MIN + VQR_REF_DIGITS + 1;
    if (len < min || len > VQR_REF_MAX_LEN) {
        vqr_error_fill(err, VQR_ERR_REF_FORMAT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, len < min ? min : VQR_REF_MAX_LEN);
        return VQR_ERR_REF_FORMAT;
    }
    const unsigned char *s = (const unsigned char *)text;
    const size_t digits_at = len - 1 - VQR_REF_DIGITS;
    unsigned char v[VQR_REF_MAX_LEN];
    for (size_t i = 0; i < len; i++) {
        int x = vqr_ref_value(s[i]);
        bool ok;
        if (i == 0)
            ok = x >= 10;
        else if (i >= digits_at && i < len - 1)
            ok = x >= 0 && x < 10;
        else
            ok = x >= 0;
        if (!ok) {
            vqr_error_fill(err, VQR_ERR_REF_FORMAT, VQR_SEVERITY_ERROR, i, i, "", SIZE_MAX, 0);
            return VQR_ERR_REF_FORMAT;
        }
        v[i] = (unsigned char)x;
    }
    if (vqr_ref_state(v, len) != 0) {
        vqr_error_fill(err, VQR_ERR_REF_CHECK, VQR_SEVERITY_ERROR, len - 1, len - 1, "", SIZE_MAX,
                       0);
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
    s->digits = 0;
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
        size_t before = s->digits;
        s->val[s->seen % VQR_REF_RING] = (unsigned char)v;
        s->off[s->seen % VQR_REF_RING] = at;
        s->seen++;
        s->digits = v < 10 ? before + 1 : 0;
        if (before >= VQR_REF_DIGITS)
            return true;
    }
    return false;
}

bool vqr_ref_scan_valid(const vqr_ref_scan *s, size_t plen, char *ref)
{
    size_t n = plen + VQR_REF_DIGITS + 1;
    if (!vqr_ref_scan_has(s, n) || vqr_ref_scan_val(s, n - 1) < 10)
        return false;
    unsigned st = 0;
    for (size_t back = n; back-- > 0;)
        st = vqr_ref_op(st, vqr_ref_scan_val(s, back));
    if (st != 0)
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
    const size_t n = p.len + VQR_REF_DIGITS + 1;
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
