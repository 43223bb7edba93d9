/*
 * fuzz_ref.c - payment references: vqr_ref_find on arbitrary descriptions,
 * vqr_ref_check on arbitrary text.
 *
 * Input: the prefix up to the first byte 0x00 (used as given, so invalid
 * prefixes are fuzzed too), then the memo. When there is no 0x00 byte the
 * prefix is "HS24" and the whole input is the memo.
 *
 * Checks: vqr_ref_find returns a documented status; the count agrees with
 * an independent search (every letter and digit of the memo in upper case,
 * then at every place the prefix occurs, the prefix, six digits and the
 * next two characters tried with vqr_ref_check); each match passes
 * vqr_ref_check, starts with the prefix and lies within the memo, and its
 * letters and digits are exactly the reference; cap 0 counts the same;
 * case does not matter; text that vqr_ref_check accepts is found in
 * itself at offset 0. The memo is also read as a bank amount
 * (vqr_recon_amount_parse): a documented status, an offset inside the
 * text, and an amount that reads back the same when written plain and
 * grouped with dots.
 */
#include "fuzz.h"

#include <string.h>

#define MAX_MATCHES 64

static int alnum_upper(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return c;
    return -1;
}

/* The independent search: quadratic, obvious. */
static size_t naive_count(const char *memo, size_t len, const char *prefix)
{
    char *norm = malloc(len + 1);
    FUZZ_CHECK(norm != NULL);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int c = alnum_upper((unsigned char)memo[i]);
        if (c >= 0)
            norm[n++] = (char)c;
    }
    char up[8];
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < plen; i++)
        up[i] = (char)alnum_upper((unsigned char)prefix[i]);
    size_t count = 0, rlen = plen + VQR_REF_DIGITS + 2;
    for (size_t i = 0; i + rlen <= n; i++)
        if (memcmp(norm + i, up, plen) == 0 && vqr_ref_check(norm + i, rlen, NULL) == VQR_OK)
            count++;
    free(norm);
    return count;
}

static bool prefix_valid(const char *p)
{
    size_t n = strlen(p);
    if (n < VQR_REF_PREFIX_MIN || n > VQR_REF_PREFIX_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        int c = alnum_upper((unsigned char)p[i]);
        if (c < 0 || (i == 0 && c <= '9'))
            return false;
    }
    return true;
}

static void check_amount(const char *text, size_t len)
{
    int64_t v = 12345;
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_recon_amount_parse(text, len, &v, &err);
    FUZZ_CHECK(err.code == st);
    if (st != VQR_OK) {
        FUZZ_CHECK(st == VQR_ERR_RECON_AMOUNT || st == VQR_ERR_AMOUNT_DECIMALS);
        FUZZ_CHECK(v == 0 && (err.offset == SIZE_MAX || err.offset < len));
        return;
    }
    FUZZ_CHECK(v > -1000000000000000LL && v < 1000000000000000LL);
    uint64_t u = v < 0 ? (uint64_t)-v : (uint64_t)v;
    char plain[32], grouped[40];
    int n = snprintf(plain, sizeof plain, "%s%llu", v < 0 ? "-" : "", (unsigned long long)u);
    int64_t w = 1;
    FUZZ_CHECK(vqr_recon_amount_parse(plain, (size_t)n, &w, NULL) == VQR_OK && w == v);
    /* 1234567 -> "1.234.567" */
    char digits[24];
    int d = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    size_t k = 0;
    if (v < 0)
        grouped[k++] = '-';
    for (int i = 0; i < d; i++) {
        if (i > 0 && (d - i) % 3 == 0)
            grouped[k++] = '.';
        grouped[k++] = digits[i];
    }
    w = 1;
    FUZZ_CHECK(vqr_recon_amount_parse(grouped, k, &w, NULL) == VQR_OK && w == v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *zero = memchr(data, 0, size);
    char prefix[16] = "HS24";
    const uint8_t *m = data;
    size_t mlen = size;
    if (zero) {
        size_t plen = (size_t)(zero - data);
        if (plen >= sizeof prefix)
            return 0;
        memcpy(prefix, data, plen);
        prefix[plen] = '\0';
        m = zero + 1;
        mlen = size - plen - 1;
    }
    char *memo = fuzz_copy_input(m, mlen, false, false);

    static vqr_ref_match out[MAX_MATCHES];
    size_t count = 99;
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_ref_find(memo, mlen, prefix, out, MAX_MATCHES, &count, &err);
    FUZZ_CHECK(err.code == st);
    if (!prefix_valid(prefix)) {
        FUZZ_CHECK(st == VQR_ERR_REF_PREFIX && count == 0);
        free(memo);
        return 0;
    }
    FUZZ_CHECK(st == VQR_OK || st == VQR_ERR_BUFFER_TOO_SMALL);
    FUZZ_CHECK((st == VQR_ERR_BUFFER_TOO_SMALL) == (count > MAX_MATCHES));
    FUZZ_CHECK(count == naive_count(memo, mlen, prefix));
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < count && i < MAX_MATCHES; i++) {
        const vqr_ref_match *r = &out[i];
        size_t rlen = strlen(r->reference);
        FUZZ_CHECK(rlen == plen + VQR_REF_DIGITS + 2);
        FUZZ_CHECK(vqr_ref_check(r->reference, rlen, NULL) == VQR_OK);
        for (size_t k = 0; k < plen; k++)
            FUZZ_CHECK(r->reference[k] == alnum_upper((unsigned char)prefix[k]));
        FUZZ_CHECK(r->offset < r->end && r->end <= mlen);
        if (i)
            FUZZ_CHECK(out[i - 1].end <= r->end && out[i - 1].offset < r->offset);
        size_t k = 0;
        for (size_t b = r->offset; b < r->end; b++) {
            int c = alnum_upper((unsigned char)memo[b]);
            if (c >= 0) {
                FUZZ_CHECK(k < rlen && c == r->reference[k]);
                k++;
            }
        }
        FUZZ_CHECK(k == rlen);
    }
    size_t again = 0;
    vqr_status cst = vqr_ref_find(memo, mlen, prefix, NULL, 0, &again, NULL);
    FUZZ_CHECK(again == count && cst == (count ? VQR_ERR_BUFFER_TOO_SMALL : VQR_OK));

    /* Case does not matter. */
    char *flip = malloc(mlen ? mlen : 1);
    FUZZ_CHECK(flip != NULL);
    for (size_t i = 0; i < mlen; i++) {
        char c = memo[i];
        flip[i] = (c >= 'a' && c <= 'z')   ? (char)(c - 32)
                  : (c >= 'A' && c <= 'Z') ? (char)(c + 32)
                                           : c;
    }
    static vqr_ref_match out2[MAX_MATCHES];
    size_t count2 = 0;
    vqr_ref_find(flip, mlen, prefix, out2, MAX_MATCHES, &count2, NULL);
    FUZZ_CHECK(count2 == count);
    for (size_t i = 0; i < count && i < MAX_MATCHES; i++)
        FUZZ_CHECK(strcmp(out[i].reference, out2[i].reference) == 0 &&
                   out[i].offset == out2[i].offset && out[i].end == out2[i].end);
    free(flip);

    /* A whole reference is found in itself. */
    vqr_status ck = vqr_ref_check(memo, mlen, &err);
    FUZZ_CHECK(err.code == ck);
    FUZZ_CHECK(ck == VQR_OK || ck == VQR_ERR_REF_FORMAT || ck == VQR_ERR_REF_CHECK);
    if (ck == VQR_OK) {
        char own[8];
        size_t olen = mlen - VQR_REF_DIGITS - 2;
        memcpy(own, memo, olen);
        own[olen] = '\0';
        vqr_ref_match one;
        size_t n1 = 0;
        FUZZ_CHECK(vqr_ref_find(memo, mlen, own, &one, 1, &n1, NULL) == VQR_OK && n1 == 1);
        FUZZ_CHECK(one.offset == 0 && one.end == mlen && memcmp(one.reference, memo, mlen) == 0);
    }
    check_amount(memo, mlen);
    free(memo);
    return 0;
}
