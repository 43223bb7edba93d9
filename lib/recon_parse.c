/*
 * recon_parse.c - amounts and dates as Vietnamese bank statements and
 * payment services write them, for reconciliation. No allocation.
 */
#include "internal.h"
#include "recon.h"

#include <string.h>

static vqr_status fail(vqr_error *err, vqr_status code, size_t offset, size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, offset, offset, "", SIZE_MAX, limit);
    return code;
}

/* ---- amounts as banks write them ---- */

/* Currency words, longest first, ASCII letters in upper case (the text
 * compares without case). */
static const char *const k_currency[] = {
    "\xC4\x91\xE1\xBB\x93NG", /* đồng */
    "\xC4\x90\xE1\xBB\x92NG", /* ĐỒNG */
    "\xC4\x90\xE1\xBB\x93NG", /* Đồng */
    "VN\xC4\x90",             /* VNĐ */
    "VN\xC4\x91",             /* VNđ */
    "DONG",
    "VND",
    "\xE2\x82\xAB", /* ₫ */
    "\xC4\x90",     /* Đ */
    "\xC4\x91",     /* đ */
};

/* Whether the word `w` is at s (n bytes there). */
static bool word_at(const unsigned char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 32);
        if (c != (unsigned char)w[i])
            return false;
    }
    return true;
}

/* Length of a currency word at s, or 0. */
static size_t currency_len(const unsigned char *s, size_t n)
{
    for (size_t w = 0; w < sizeof k_currency / sizeof k_currency[0]; w++)
        if (word_at(s, n, k_currency[w]))
            return strlen(k_currency[w]);
    return 0;
}

/* Length of a currency word that ends just before s[end] and starts at or
 * after s[start], the longest first; 0 when there is none. */
static size_t currency_before(const unsigned char *s, size_t start, size_t end)
{
    for (size_t w = 0; w < sizeof k_currency / sizeof k_currency[0]; w++) {
        size_t k = strlen(k_currency[w]);
        if (end - start >= k && word_at(s + end - k, k, k_currency[w]))
            return k;
    }
    return 0;
}

/* Length of a space that ends just before s[end], after s[start], or 0. */
static size_t space_before(const unsigned char *s, size_t start, size_t end);

/* Length of a space at s (space, tab, U+00A0 or U+202F), or 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
        return 3;
    return 0;
}

static size_t space_before(const unsigned char *s, size_t start, size_t end)
{
    for (size_t k = 1; k <= 3 && k <= end - start; k++)
        if (space_len(s + end - k, k) == k)
            return k;
    return 0;
}

vqr_status vqr_recon_amount_parse(const char *text, size_t len, int64_t *amount, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (amount)
        *amount = 0;
    if (!amount || (!text && len > 0))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, SIZE_MAX, 0);
    const unsigned char *s = (const unsigned char *)text;
    /* The common case first: plain digits. */
    if (len > 0 && len <= 15) {
        uint64_t v = 0;
        size_t d = 0;
        while (d < len && s[d] >= '0' && s[d] <= '9')
            v = v * 10 + (uint64_t)(s[d++] - '0');
        if (d == len) {
            *amount = (int64_t)v;
            return VQR_OK;
        }
    }
    size_t i = 0, end = len, k;
    bool neg = false, paren = false, cur = false;
    /* Trim, then peel a currency and a sign off each end. */
    while (i < end && (k = space_len(s + i, end - i)) > 0)
        i += k;
    while ((k = space_before(s, i, end)) > 0)
        end -= k;
    if (i < end && s[i] == '(' && s[end - 1] == ')') {
        paren = neg = true;
        i++;
        end--;
    }
    for (int pass = 0; pass < 2; pass++) {
        while (i < end && (k = space_len(s + i, end - i)) > 0)
            i += k;
        if (!cur && (k = currency_len(s + i, end - i)) > 0) {
            cur = true;
            i += k;
            continue;
        }
        if (!paren && i < end && (s[i] == '+' || s[i] == '-')) {
            neg = s[i] == '-';
            paren = true; /* one sign only */
            i++;
        }
    }
    while (i < end && (k = space_len(s + i, end - i)) > 0)
        i += k;
    /* A currency at the end: "VND", "đ", "₫", or a plain "d" after digits. */
    if (!cur && (k = currency_before(s, i, end)) > 0) {
        end -= k;
        cur = true;
    }
    if (!cur && end > i && (s[end - 1] == 'd' || s[end - 1] == 'D') && end - i >= 2 &&
        s[end - 2] >= '0' && s[end - 2] <= '9')
        end--;
    while ((k = space_before(s, i, end)) > 0)
        end -= k;
    if (i >= end || s[i] < '0' || s[i] > '9')
        return fail(err, VQR_ERR_RECON_AMOUNT, i < end ? i : SIZE_MAX, 0);

    /* The core: digits and separators. Find the groups. */
    size_t gstart[32] = { 0 }, glen[32] = { 0 }, ng = 0;
    unsigned char gsep[32] = { 0 };
    size_t p = i;
    while (p < end) {
        if (ng == 32)
            return fail(err, VQR_ERR_RECON_AMOUNT, p, 15);
        size_t q = p;
        while (q < end && s[q] >= '0' && s[q] <= '9')
            q++;
        if (q == p)
            return fail(err, VQR_ERR_RECON_AMOUNT, p, 0);
        gstart[ng] = p;
        glen[ng] = q - p;
        gsep[ng] = 0;
        ng++;
        if (q == end)
            break;
        unsigned char sep;
        size_t sl = space_len(s + q, end - q);
        if (sl)
            sep = ' ';
        else if (s[q] == '.' || s[q] == ',')
            sep = s[q], sl = 1;
        else
            return fail(err, VQR_ERR_RECON_AMOUNT, q, 0);
        gsep[ng - 1] = sep;
        p = q + sl;
        if (p == end)
            return fail(err, VQR_ERR_RECON_AMOUNT, q, 0);
    }
    /* A last group of one or two digits after "." or "," is decimals. */
    size_t nint = ng;
    if (ng >= 2 && glen[ng - 1] <= 2 && gsep[ng - 2] != ' ') {
        nint = ng - 1;
        for (size_t d = 0; d < glen[ng - 1]; d++)
            if (s[gstart[ng - 1] + d] != '0') {
                vqr_error_fill(err, VQR_ERR_AMOUNT_DECIMALS, VQR_SEVERITY_ERROR, gstart[ng - 1] + d,
                               gstart[ng - 1] + d, "", SIZE_MAX, 0);
                return VQR_ERR_AMOUNT_DECIMALS;
            }
        /* The grouping separator must differ from the decimal one. */
        if (nint >= 2 && gsep[nint - 2] == gsep[nint - 1])
            return fail(err, VQR_ERR_RECON_AMOUNT, gstart[ng - 1] - 1, 0);
    }
    /* Integer groups: the first 1-3 digits (or any number when alone),
     * the others exactly 3, one separator throughout. */
    uint64_t v = 0;
    size_t digits = 0;
    for (size_t g = 0; g < nint; g++) {
        if (nint > 1) {
            if ((g == 0 && glen[g] > 3) || (g > 0 && glen[g] != 3))
                return fail(err, VQR_ERR_RECON_AMOUNT, gstart[g], 0);
            if (g > 0 && gsep[g - 1] != gsep[0])
                return fail(err, VQR_ERR_RECON_AMOUNT, gstart[g] - 1, 0);
        }
        for (size_t d = 0; d < glen[g]; d++) {
            if (digits > 0 || s[gstart[g] + d] != '0')
                digits++;
            if (digits > 15)
                return fail(err, VQR_ERR_RECON_AMOUNT, gstart[g] + d, 15);
            v = v * 10 + (uint64_t)(s[gstart[g] + d] - '0');
        }
    }
    *amount = neg ? -(int64_t)v : (int64_t)v;
    return VQR_OK;
}

/* ---- dates ---- */

static bool read_num(const unsigned char *s, size_t n, size_t *i, size_t min, size_t max,
                     unsigned *out)
{
    size_t k = 0;
    unsigned v = 0;
    while (*i + k < n && k < max && s[*i + k] >= '0' && s[*i + k] <= '9') {
        v = v * 10 + (unsigned)(s[*i + k] - '0');
        k++;
    }
    if (k < min || (*i + k < n && k == max && s[*i + k] >= '0' && s[*i + k] <= '9'))
        return false;
    *i += k;
    *out = v;
    return true;
}

static unsigned days_in(unsigned y, unsigned m)
{
    static const unsigned char d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/*
 * The date as YYYYMMDDhhmmssfff (a number that sorts as the dates do), or
 * an error with the offending byte in *bad (SIZE_MAX: cut short).
 */
bool vqr_recon_date_key(const unsigned char *s, size_t n, uint64_t *key, size_t *bad)
{
    size_t i = 0;
    unsigned a, b, c, y, mo, d, hh = 0, mi = 0, ss = 0, ms = 0;
    while (i < n && s[i] == ' ')
        i++;
    while (n > i && s[n - 1] == ' ')
        n--;
    size_t start = i;
    if (!read_num(s, n, &i, 1, 4, &a))
        goto bad;
    if (i - start == 4) { /* YYYY-MM-DD */
        y = a;
        if (i >= n || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
            goto bad;
        unsigned char sep = s[i++];
        if (!read_num(s, n, &i, 1, 2, &b) || i >= n || s[i] != sep)
            goto bad;
        i++;
        if (!read_num(s, n, &i, 1, 2, &c))
            goto bad;
        mo = b;
        d = c;
    } else { /* DD/MM/YYYY */
        if (i - start > 2 || i >= n || (s[i] != '/' && s[i] != '-' && s[i] != '.'))
            goto bad;
        unsigned char sep = s[i++];
        if (!read_num(s, n, &i, 1, 2, &b) || i >= n || s[i] != sep)
            goto bad;
        i++;
        size_t ys = i;
        if (!read_num(s, n, &i, 4, 4, &c) || i - ys != 4)
            goto bad;
        d = a;
        mo = b;
        y = c;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > days_in(y, mo) || y < 1)
        goto bad_date;
    if (i < n) {
        if (s[i] != ' ' && s[i] != 'T')
            goto bad;
        while (i < n && (s[i] == ' ' || s[i] == 'T'))
            i++;
        if (!read_num(s, n, &i, 1, 2, &hh) || i >= n || s[i] != ':')
            goto bad;
        i++;
        if (!read_num(s, n, &i, 2, 2, &mi))
            goto bad;
        if (i < n && s[i] == ':') {
            i++;
            if (!read_num(s, n, &i, 2, 2, &ss))
                goto bad;
            if (i < n && (s[i] == '.' || s[i] == ',')) {
                i++;
                size_t fs = i;
                unsigned frac = 0;
                if (!read_num(s, n, &i, 1, 9, &frac))
                    goto bad;
                size_t k = i - fs;
                while (k < 3) {
                    frac *= 10;
                    k++;
                }
                while (k > 3) {
                    frac /= 10;
                    k--;
                }
                ms = frac;
            }
        }
        if (hh > 23 || mi > 59 || ss > 60)
            goto bad_date;
        if (i < n)
            goto bad;
    }
    *key = ((((((uint64_t)y * 100 + mo) * 100 + d) * 100 + hh) * 100 + mi) * 100 + ss) * 1000 + ms;
    return true;
bad:
    *bad = i < n ? i : SIZE_MAX;
    return false;
bad_date:
    *bad = start;
    return false;
}
