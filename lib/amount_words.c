/*
 * amount_words.c - a VND amount in Vietnamese words, as invoices and fee
 * notices print it under the figures ("bằng chữ").
 *
 * The number is read in groups of three digits from the right, named
 * nghìn (southern: ngàn), triệu and tỷ; the count of tỷ is itself read as
 * a number, so 10^12 is "một nghìn tỷ". Inside a group: "mười" for 10-19,
 * "<digit> mươi" from 20; a unit 1 after a tens word from 20 is "mốt", a
 * unit 5 after any tens word is "lăm", a unit 4 after a tens word from 20
 * may be "tư"; a zero tens digit before a unit reads "linh" (southern:
 * "lẻ") once something stands before it. A group after a non-zero group
 * reads its hundreds even when they are zero ("không trăm"); a group that
 * is entirely zero is skipped. Everything is written into a fixed local
 * buffer: no allocation.
 */
#include "amount.h"

#include <stdint.h>

static const char *const k_digit[10] = { "không", "một", "hai", "ba",  "bốn",
                                         "năm",   "sáu", "bảy", "tám", "chín" };

typedef struct words {
    char b[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t n;
} words;

/* Appends one word, with a space before it unless it is the first. The
 * buffer holds the longest reading (see the test of the 13-digit range),
 * so the bound is only a guard. */
static void put(words *w, const char *s)
{
    size_t len = strlen(s);
    if (w->n + len + 2 > sizeof w->b)
        return;
    if (w->n)
        w->b[w->n++] = ' ';
    memcpy(w->b + w->n, s, len);
    w->n += len;
}

/* One group of three digits, 1-999. `inside`: a non-zero group was read
 * before this one, so zero hundreds are read and a lone unit takes "linh". */
static void put_group(words *w, unsigned g, bool inside, unsigned flags)
{
    unsigned h = g / 100u, t = g / 10u % 10u, u = g % 10u;
    bool hundreds = h != 0 || inside;
    if (hundreds) {
        put(w, k_digit[h]);
        put(w, "trăm");
    }
    if (t == 0) {
        if (u == 0)
            return;
        if (hundreds)
            put(w, flags & VQR_AMOUNT_WORDS_SOUTH ? "lẻ" : "linh");
        put(w, k_digit[u]);
        return;
    }
    if (t == 1) {
        put(w, "mười");
        if (u == 5)
            put(w, "lăm");
        else if (u)
            put(w, k_digit[u]);
        return;
    }
    put(w, k_digit[t]);
    put(w, "mươi");
    if (u == 1)
        put(w, "mốt");
    else if (u == 4 && (flags & VQR_AMOUNT_WORDS_TU))
        put(w, "tư");
    else if (u == 5)
        put(w, "lăm");
    else if (u)
        put(w, k_digit[u]);
}

/* A number below 10^9 in groups of triệu, nghìn and units. */
static void put_below_billion(words *w, uint32_t n, bool inside, unsigned flags)
{
    const unsigned group[3] = { n / 1000000u, n / 1000u % 1000u, n % 1000u };
    const char *name[3] = { "triệu", flags & VQR_AMOUNT_WORDS_SOUTH ? "ngàn" : "nghìn", NULL };
    for (int i = 0; i < 3; i++) {
        if (group[i] == 0)
            continue;
        put_group(w, group[i], inside, flags);
        if (name[i])
            put(w, name[i]);
        inside = true;
    }
}

static vqr_status fail(vqr_error *err, vqr_status st, const char *tag, size_t limit)
{
    vqr_error_fill(err, st, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, tag, SIZE_MAX, limit);
    return st;
}

vqr_status vqr_amount_words_vi(uint64_t minor, unsigned currency, unsigned flags, char *buf,
                               size_t cap, size_t *out_len, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!out_len || (!buf && cap) || (flags & ~(unsigned)VQR_AMOUNT_WORDS_ALL))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, "", 0);
    *out_len = 0;
    int exponent = vqr_currency_exponent(currency);
    if (exponent < 0)
        return fail(err, VQR_ERR_CURRENCY, "53", 0);
    if (currency != 704)
        return fail(err, VQR_ERR_WORDS_CURRENCY, "53", 0);
    if (minor > UINT64_C(9999999999999))
        return fail(err, VQR_ERR_LENGTH, "54", VQR_AMOUNT_MAX_CHARS);

    words w;
    w.n = 0;
    if (minor == 0) {
        put(&w, k_digit[0]);
    } else {
        /* At most 13 digits: at most 9999 tỷ, read like any number. */
        uint32_t billions = (uint32_t)(minor / 1000000000u);
        uint32_t rest = (uint32_t)(minor % 1000000000u);
        if (billions) {
            put_below_billion(&w, billions, false, flags);
            put(&w, "tỷ");
        }
        put_below_billion(&w, rest, billions != 0, flags);
    }
    put(&w, "đồng");
    /* Every word starts with an ASCII letter: "một", "hai", ..., "không". */
    if (w.b[0] >= 'a' && w.b[0] <= 'z')
        w.b[0] = (char)(w.b[0] - 'a' + 'A');
    *out_len = w.n;
    if (cap < w.n + 1)
        return fail(err, VQR_ERR_BUFFER_TOO_SMALL, "", w.n + 1);
    memcpy(buf, w.b, w.n);
    buf[w.n] = '\0';
    vqr_error_clear(err);
    return VQR_OK;
}
