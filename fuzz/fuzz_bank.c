/*
 * fuzz_bank.c - the bank directory's look-ups on arbitrary queries.
 *
 * Input: the query (UTF-8 or not). Checks: vqr_bank_find returns a
 * documented status; vqr_bank_find_all (a search by part) agrees with it
 * (it lists the bank found, and at least two banks for
 * VQR_ERR_BANK_AMBIGUOUS), lists directory entries in ascending BIN order,
 * each holding the query in one of its names, and measures with cap 0;
 * vqr_bank_suggest gives distinct directory entries, among them the bank
 * found, and at least two for an ambiguous query; the bank found is a
 * directory entry that its own BIN finds again; ASCII case does not
 * matter; nothing found leaves `out` NULL; vqr_bank_find_bin finds exactly
 * the entry with that BIN.
 */
#include "fuzz.h"

#include <string.h>

static const vqr_bank *bank_at(size_t i)
{
    const vqr_bank *b;
    (void)vqr_bank_at(i, &b, NULL);
    return b;
}

static const vqr_bank *bank_bin(const char *bin, size_t len)
{
    const vqr_bank *b;
    (void)vqr_bank_find_bin(bin, len, &b, NULL);
    return b;
}

#define MAX_MATCHES 512

static bool in_directory(const vqr_bank *b)
{
    for (size_t i = 0; i < vqr_bank_count(); i++)
        if (bank_at(i) == b)
            return true;
    return false;
}

static void check_find_bin(const char *q, size_t len)
{
    const vqr_bank *b = bank_bin(q, len);
    const vqr_bank *want = NULL;
    if (len == 6)
        for (size_t i = 0; i < vqr_bank_count(); i++)
            if (memcmp(bank_at(i)->bin, q, 6) == 0)
                want = bank_at(i);
    FUZZ_CHECK(b == want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *q = fuzz_copy_input(data, size, false, false);
    static const vqr_bank poison = { "", "", "", NULL };
    const vqr_bank *found = &poison; /* must be overwritten */
    vqr_error err;
    VQR_INIT(&err);
    memset(&err, 0xFF, sizeof err);
    err.size = sizeof err;
    vqr_status st = vqr_bank_find(q, size, &found, &err);
    FUZZ_CHECK(err.code == st);

    static const vqr_bank *all[MAX_MATCHES];
    size_t count = 99;
    vqr_status ast = vqr_bank_find_all(q, size, all, MAX_MATCHES, &count, &err);
    switch (st) {
    case VQR_OK:
        FUZZ_CHECK(ast == VQR_OK && count >= 1 && in_directory(found));
        break;
    case VQR_ERR_BANK_UNKNOWN:
        /* No whole name, but a part of one may be there. */
        FUZZ_CHECK(found == NULL && (ast == VQR_OK || (ast == VQR_ERR_BANK_UNKNOWN && count == 0)));
        break;
    case VQR_ERR_BANK_AMBIGUOUS:
        FUZZ_CHECK(found == NULL && ast == VQR_OK && count >= 2);
        break;
    case VQR_ERR_UTF8:
        FUZZ_CHECK(found == NULL && ast == VQR_ERR_UTF8 && err.offset < size);
        break;
    default:
        FUZZ_CHECK(false);
    }
    if (ast == VQR_OK) {
        bool listed = st != VQR_OK;
        for (size_t i = 0; i < count; i++) {
            FUZZ_CHECK(in_directory(all[i]));
            if (i)
                FUZZ_CHECK(strcmp(all[i - 1]->bin, all[i]->bin) < 0);
            listed |= all[i] == found;
        }
        FUZZ_CHECK(listed);
        size_t need = 0;
        vqr_status mst = vqr_bank_find_all(q, size, NULL, 0, &need, &err);
        FUZZ_CHECK(need == count && count > 0);
        FUZZ_CHECK(mst == VQR_ERR_BUFFER_TOO_SMALL && err.limit == count);
    }
    /* Suggestions: distinct entries, what find resolves among them. */
    static const vqr_bank *sug[8];
    size_t ns = 99;
    vqr_status sst = vqr_bank_suggest(q, size, sug, 8, &ns, &err);
    FUZZ_CHECK(sst == (st == VQR_ERR_UTF8 ? VQR_ERR_UTF8 : VQR_OK) && ns <= 8);
    for (size_t i = 0; sst == VQR_OK && i < ns; i++) {
        FUZZ_CHECK(in_directory(sug[i]));
        for (size_t j = 0; j < i; j++)
            FUZZ_CHECK(sug[j] != sug[i]);
    }
    if (st == VQR_OK) {
        bool among = false;
        for (size_t i = 0; i < ns; i++)
            among |= sug[i] == found;
        FUZZ_CHECK(among);
    }
    if (st == VQR_ERR_BANK_AMBIGUOUS)
        FUZZ_CHECK(ns >= 2);

    if (st == VQR_OK) {
        const vqr_bank *again = NULL;
        FUZZ_CHECK(vqr_bank_find(found->bin, 6, &again, NULL) == VQR_OK && again == found);
        FUZZ_CHECK(bank_bin(found->bin, 6) == found);
    }

    /* ASCII case does not matter. */
    char *flip = malloc(size ? size : 1);
    FUZZ_CHECK(flip != NULL);
    for (size_t i = 0; i < size; i++) {
        char c = q[i];
        flip[i] = (c >= 'a' && c <= 'z')   ? (char)(c - 32)
                  : (c >= 'A' && c <= 'Z') ? (char)(c + 32)
                                           : c;
    }
    const vqr_bank *fb = NULL;
    FUZZ_CHECK(vqr_bank_find(flip, size, &fb, NULL) == st && fb == (st == VQR_OK ? found : NULL));
    free(flip);

    check_find_bin(q, size);
    free(q);
    return 0;
}
