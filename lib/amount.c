/*
 * amount.c - transaction amounts as integers in minor units.
 *
 * EMVCo writes an amount (54, 56) as digits with at most one "." and no
 * more decimals than the currency's ISO 4217 exponent; NAPAS makes the
 * exponent a must, so VND (exponent 0) takes no decimal digits but "50000."
 * is valid. The API never uses floating point: amounts are uint64_t counts
 * of the currency's minor unit (VND 180000 is 180000, USD 12.50 is 1250).
 * A written amount is at most 13 characters, so every valid amount fits in
 * 64 bits even with the largest exponent (4).
 */
#include "amount.h"

#include <stdint.h>

static vqr_status fail(vqr_error *err, vqr_status st, size_t offset, const char *tag, size_t limit)
{
    vqr_error_fill(err, st, VQR_SEVERITY_ERROR, offset, offset, tag, SIZE_MAX, limit);
    return st;
}

vqr_status vqr_amount_syntax(const char *s, size_t len, size_t *decimals, size_t *where)
{
    size_t i = 0, int_digits, dec = 0;
    bool nonzero = false;
    *decimals = 0;
    *where = 0;
    while (i < len && vqr_isdigit((unsigned char)s[i])) {
        nonzero |= s[i] != '0';
        i++;
    }
    int_digits = i;
    if (int_digits == 0)
        return VQR_ERR_AMOUNT_SYNTAX;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && vqr_isdigit((unsigned char)s[i])) {
            nonzero |= s[i] != '0';
            i++;
            dec++;
        }
    }
    if (i != len) {
        *where = i;
        return VQR_ERR_AMOUNT_SYNTAX;
    }
    *decimals = dec;
    return nonzero ? VQR_OK : VQR_ERR_AMOUNT_ZERO;
}

vqr_status vqr_amount_check(const char *s, size_t len, int exponent, uint64_t *minor, size_t *where)
{
    size_t decimals;
    uint64_t v = 0;
    *minor = 0;
    *where = 0;
    if (len > VQR_AMOUNT_MAX_CHARS) {
        *where = VQR_AMOUNT_MAX_CHARS;
        return VQR_ERR_LENGTH;
    }
    vqr_status st = vqr_amount_syntax(s, len, &decimals, where);
    if (st == VQR_ERR_AMOUNT_SYNTAX)
        return st;
    if (decimals > (size_t)exponent) {
        /* the first decimal past the exponent: after the digits and "." */
        *where = len - decimals + (size_t)exponent;
        return VQR_ERR_AMOUNT_DECIMALS;
    }
    if (st != VQR_OK)
        return st;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '.')
            v = v * 10u + (uint64_t)(s[i] - '0');
    for (; decimals < (size_t)exponent; decimals++)
        v *= 10u;
    *minor = v;
    return VQR_OK;
}

size_t vqr_amount_render(uint64_t minor, int exponent, char out[VQR_AMOUNT_RENDER_MAX])
{
    char rev[24];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + (int)(minor % 10u));
        minor /= 10u;
    } while (minor);
    /* At least one integer digit before the exponent's decimals. */
    while (n < (size_t)exponent + 1u)
        rev[n++] = '0';
    size_t o = 0;
    for (size_t k = n; k > 0; k--) {
        if (exponent > 0 && k == (size_t)exponent)
            out[o++] = '.';
        out[o++] = rev[k - 1];
    }
    out[o] = '\0';
    return o;
}

vqr_status vqr_amount_parse(const char *s, size_t len, unsigned currency, uint64_t *minor,
                            vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if ((!s && len) || !minor)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0, "", 0);
    *minor = 0;
    int exponent = vqr_currency_exponent(currency);
    if (exponent < 0)
        return fail(err, VQR_ERR_CURRENCY, 0, "53", 0);
    size_t where;
    vqr_status st = vqr_amount_check(s ? s : "", len, exponent, minor, &where);
    if (st != VQR_OK) {
        size_t limit = st == VQR_ERR_LENGTH            ? VQR_AMOUNT_MAX_CHARS
                       : st == VQR_ERR_AMOUNT_DECIMALS ? (size_t)exponent
                                                       : 0;
        return fail(err, st, where, "54", limit);
    }
    vqr_error_clear(err);
    return VQR_OK;
}

vqr_status vqr_amount_format(uint64_t minor, unsigned currency, char *buf, size_t cap,
                             size_t *out_len, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!out_len || (!buf && cap))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0, "", 0);
    *out_len = 0;
    int exponent = vqr_currency_exponent(currency);
    if (exponent < 0)
        return fail(err, VQR_ERR_CURRENCY, 0, "53", 0);
    if (minor == 0)
        return fail(err, VQR_ERR_AMOUNT_ZERO, 0, "54", 0);
    char tmp[VQR_AMOUNT_RENDER_MAX];
    size_t n = vqr_amount_render(minor, exponent, tmp);
    *out_len = n;
    if (n > VQR_AMOUNT_MAX_CHARS)
        return fail(err, VQR_ERR_LENGTH, 0, "54", VQR_AMOUNT_MAX_CHARS);
    if (cap < n + 1)
        return fail(err, VQR_ERR_BUFFER_TOO_SMALL, 0, "", n + 1);
    memcpy(buf, tmp, n + 1);
    vqr_error_clear(err);
    return VQR_OK;
}
