/*
 * banks.c - the bank directory: lookups by BIN, SWIFT code, short name,
 * full name, alias and former name.
 *
 * The data is generated at build time by scripts/gen_banks.py from
 * data/banks.csv, data/bank_aliases.csv and data/VERSION into bank_data.h:
 * the rows sorted by BIN, and every search key sorted by its loose form.
 * Static, read-only tables: no allocation, no global mutable state,
 * thread-safe. A query costs one key computation (text.c) and a binary
 * search.
 */
#include "banks.h"
#include "text.h"

#include "bank_data.h"

/* Key buffers: a loose key longer than any in the table cannot match;
 * the tight form adds at most one space per letter. */
#define KEY_CAP (2 * VQR_BANK_KEY_MAX + 2)

static vqr_status fail(vqr_error *err, vqr_status code, size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "", SIZE_MAX, limit);
    return code;
}

size_t vqr_bank_count(void)
{
    return VQR_BANK_ROWS;
}

vqr_status vqr_bank_at(size_t i, const vqr_bank **out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!out)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    *out = NULL;
    if (i >= VQR_BANK_ROWS)
        return fail(err, VQR_ERR_NOT_FOUND, VQR_BANK_ROWS);
    *out = &k_banks[i];
    return VQR_OK;
}

const char *vqr_bank_data_version(void)
{
    return VQR_BANK_DATA_VERSION;
}

size_t vqr_bank_key_count(void)
{
    return VQR_BANK_KEYS;
}

const vqr_bank_key *vqr_bank_key_at(size_t i)
{
    return i < VQR_BANK_KEYS ? &k_bank_keys[i] : NULL;
}

vqr_status vqr_bank_find_bin(const char *bin, size_t len, const vqr_bank **out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!out || (!bin && len))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    *out = NULL;
    if (len != 6) {
        vqr_error_fill(err, VQR_ERR_BIN, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "38.01.00",
                       SIZE_MAX, 6);
        return VQR_ERR_BIN;
    }
    for (size_t i = 0; i < 6; i++)
        if (!vqr_isdigit((unsigned char)bin[i])) {
            vqr_error_fill(err, VQR_ERR_BIN, VQR_SEVERITY_ERROR, i, i, "38.01.00", SIZE_MAX, 6);
            return VQR_ERR_BIN;
        }
    *out = vqr_bank_by_bin(bin, len);
    return *out ? VQR_OK : fail(err, VQR_ERR_BANK_UNKNOWN, 0);
}

static const vqr_bank *by_key(uint32_t key)
{
    if (key - VQR_BANK_DIRECT_FIRST < VQR_BANK_DIRECT_COUNT) {
        unsigned row = k_bank_direct[key - VQR_BANK_DIRECT_FIRST];
        return row ? &k_banks[row - 1] : NULL;
    }
    /* Binary search without branches on the data: the last BIN <= key. */
    const uint32_t *base = k_bank_bins;
    size_t n = VQR_BANK_ROWS;
    while (n > 1) {
        size_t half = n / 2;
        base = base[half] <= key ? base + half : base;
        n -= half;
    }
    return *base == key ? &k_banks[base - k_bank_bins] : NULL;
}

const vqr_bank *vqr_bank_by_bin(const char *bin, size_t len)
{
    if (!bin || len != 6)
        return NULL;
    uint32_t key = 0;
    for (size_t i = 0; i < 6; i++) {
        if (!vqr_isdigit((unsigned char)bin[i]))
            return NULL;
        key = key * 10u + (uint32_t)(bin[i] - '0');
    }
    return by_key(key);
}

const vqr_bank *vqr_bank_by_key(uint32_t key, size_t len[3])
{
    const vqr_bank *b = by_key(key);
    if (b) {
        size_t i = (size_t)(b - k_banks);
        for (int k = 0; k < 3; k++)
            len[k] = k_bank_lens[i][k];
    }
    return b;
}

void vqr_bank_lengths(const vqr_bank *b, size_t len[3])
{
    size_t i = (size_t)(b - k_banks);
    for (int k = 0; k < 3; k++)
        len[k] = k_bank_lens[i][k];
}

/* The range [*first, *last) of keys whose loose form is `key`. */
static void key_range(const char *key, size_t *first, size_t *last)
{
    size_t lo = 0, hi = VQR_BANK_KEYS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(k_bank_keys[mid].loose, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = lo;
    while (lo < VQR_BANK_KEYS && strcmp(k_bank_keys[lo].loose, key) == 0)
        lo++;
    *last = lo;
}

/* Does the key look like an 11-character BIC (bank, country, location, branch)? */
static bool is_bic11(const char *loose, const char *tight)
{
    if (strlen(loose) != 11 || strcmp(loose, tight) != 0)
        return false;
    for (size_t i = 0; i < 6; i++)
        if (loose[i] < 'a' || loose[i] > 'z')
            return false;
    return true;
}

/*
 * Collects the different banks (ascending, so ascending BIN) among the keys
 * of [first, last) that have the wanted kind (< 0: any) and tight form
 * (NULL: any). Returns how many; the generator has counted that they fit.
 */
static size_t collect(size_t first, size_t last, int kind, const char *tight,
                      uint16_t banks[VQR_BANK_MATCH_MAX])
{
    size_t n = 0;
    for (size_t i = first; i < last; i++) {
        const vqr_bank_key *k = &k_bank_keys[i];
        if ((kind >= 0 && k->kind != kind) || (tight && strcmp(k->tight, tight) != 0))
            continue;
        /* Keys of one loose form are sorted by bank: duplicates are adjacent. */
        if (n > 0 && banks[n - 1] == k->bank)
            continue;
        banks[n++] = k->bank;
    }
    return n;
}

typedef struct match {
    size_t n; /* different banks that match loosely */
    uint16_t bank[VQR_BANK_MATCH_MAX];
    size_t first, last;  /* the keys they come from */
    int kind;            /* -1, or VQR_BANK_KEY_SWIFT for a BIC11 query */
    char tight[KEY_CAP]; /* the query's tight key */
} match;

static vqr_status lookup(const char *query, size_t len, match *m, vqr_error *err)
{
    char loose[KEY_CAP];
    m->n = 0;
    m->kind = -1;
    if (!query && len)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    vqr_status st = vqr_text_key(query, len, loose, m->tight, sizeof loose, err);
    if (st == VQR_ERR_UTF8)
        return st;
    if (st == VQR_OK) {
        key_range(loose, &m->first, &m->last);
        if (m->first == m->last && is_bic11(loose, m->tight)) {
            loose[8] = '\0';
            key_range(loose, &m->first, &m->last);
            m->kind = VQR_BANK_KEY_SWIFT;
        }
        m->n = collect(m->first, m->last, m->kind, NULL, m->bank);
    }
    /* Letters with no ASCII form, or a key longer than any name: unknown. */
    return m->n == 0 ? fail(err, VQR_ERR_BANK_UNKNOWN, 0) : VQR_OK;
}

vqr_status vqr_bank_find(const char *query, size_t len, const vqr_bank **out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    match m;
    if (!out)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    *out = NULL;
    vqr_status st = lookup(query, len, &m, err);
    if (st != VQR_OK)
        return st;
    if (m.n > 1) {
        /* Several banks: the one whose key matches with its spaces wins. */
        uint16_t exact[VQR_BANK_MATCH_MAX];
        if (collect(m.first, m.last, m.kind, m.tight, exact) != 1)
            return fail(err, VQR_ERR_BANK_AMBIGUOUS, 0);
        m.bank[0] = exact[0];
    }
    *out = &k_banks[m.bank[0]];
    vqr_error_clear(err);
    return VQR_OK;
}

/*
 * The loose key of a query for searching by part or likeness: VQR_OK with
 * a non-empty key; VQR_ERR_UTF8; VQR_ERR_BANK_UNKNOWN for a query with no
 * letter or digit, a letter with no ASCII form, or a key longer than any
 * name. `tight` receives the tight key.
 */
static vqr_status search_key(const char *query, size_t len, char loose[KEY_CAP],
                             char tight[KEY_CAP], vqr_error *err)
{
    if (!query && len)
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    vqr_status st = vqr_text_key(query, len, loose, tight, KEY_CAP, err);
    if (st == VQR_ERR_UTF8)
        return st;
    if (st != VQR_OK || loose[0] == '\0')
        return fail(err, VQR_ERR_BANK_UNKNOWN, 0);
    return VQR_OK;
}

vqr_status vqr_bank_find_all(const char *query, size_t len, const vqr_bank **out, size_t cap,
                             size_t *count, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!count || (!out && cap))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    *count = 0;
    char loose[KEY_CAP], tight[KEY_CAP];
    vqr_status st = search_key(query, len, loose, tight, err);
    if (st != VQR_OK)
        return st;
    /* Every key that holds the query; a BIC with a branch code finds the
     * bank by its 8-character SWIFT code. */
    bool hit[VQR_BANK_ROWS] = { false };
    size_t n = 0;
    for (size_t i = 0; i < VQR_BANK_KEYS; i++) {
        const vqr_bank_key *k = &k_bank_keys[i];
        if (!hit[k->bank] && strstr(k->loose, loose)) {
            hit[k->bank] = true;
            n++;
        }
    }
    if (n == 0 && is_bic11(loose, tight)) {
        loose[8] = '\0';
        for (size_t i = 0; i < VQR_BANK_KEYS; i++) {
            const vqr_bank_key *k = &k_bank_keys[i];
            if (k->kind == VQR_BANK_KEY_SWIFT && !hit[k->bank] && strcmp(k->loose, loose) == 0) {
                hit[k->bank] = true;
                n++;
            }
        }
    }
    if (n == 0)
        return fail(err, VQR_ERR_BANK_UNKNOWN, 0);
    *count = n;
    if (cap < n)
        return fail(err, VQR_ERR_BUFFER_TOO_SMALL, n);
    size_t j = 0;
    for (size_t b = 0; b < VQR_BANK_ROWS; b++)
        if (hit[b])
            out[j++] = &k_banks[b]; /* rows are in ascending BIN */
    vqr_error_clear(err);
    return VQR_OK;
}

/* ---- suggestions ---- */

/* Edits a query of `len` letters may be away from a name: 1 up to 4
 * letters, 2 up to 8, 3 beyond. */
static size_t edit_limit(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

/*
 * The optimal-string-alignment distance between a and b (insertions,
 * deletions, substitutions and transpositions of neighbours), or `limit`
 * + 1 when it is over `limit`. Both at most KEY_CAP - 1 bytes.
 */
static size_t osa_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t rows[3][KEY_CAP];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t d = prev[j - 1] + cost;
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < d)
                d = pp[j - 2] + 1;
            cur[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb] <= limit ? prev[lb] : limit + 1;
}

/* How well a bank matches a query: lower is better. */
typedef struct rank {
    unsigned tier; /* 0 a whole name, 1 part of a name, 2 a name a few edits away, 3 none */
    size_t score;  /* 1: letters of the name beyond the query; 2: the edits */
} rank;

static bool better(rank a, rank b)
{
    return a.tier < b.tier || (a.tier == b.tier && a.score < b.score);
}

vqr_status vqr_bank_suggest(const char *query, size_t len, const vqr_bank **out, size_t cap,
                            size_t *count, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!count || (!out && cap))
        return fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    *count = 0;
    char loose[KEY_CAP], tight[KEY_CAP];
    vqr_status st = search_key(query, len, loose, tight, err);
    if (st == VQR_ERR_BANK_UNKNOWN) {
        vqr_error_clear(err); /* nothing to suggest from */
        return VQR_OK;
    }
    if (st != VQR_OK)
        return st;
    size_t lq = strlen(loose), limit = edit_limit(lq);
    rank r[VQR_BANK_ROWS];
    for (size_t b = 0; b < VQR_BANK_ROWS; b++)
        r[b] = (rank){ 3, 0 };
    for (size_t i = 0; i < VQR_BANK_KEYS; i++) {
        const vqr_bank_key *k = &k_bank_keys[i];
        size_t lk = strlen(k->loose);
        rank now = { 3, 0 };
        if (lk == lq && strcmp(k->loose, loose) == 0) {
            now = (rank){ 0, 0 };
        } else if (lq >= 3 && strstr(k->loose, loose)) {
            now = (rank){ 1, lk - lq };
        } else {
            size_t d = osa_distance(loose, lq, k->loose, lk, limit);
            if (d <= limit)
                now = (rank){ 2, d };
        }
        if (better(now, r[k->bank]))
            r[k->bank] = now;
    }
    /* The best `cap`, by rank then BIN: a selection, the table is small. */
    size_t n = 0;
    bool taken[VQR_BANK_ROWS] = { false };
    while (n < cap) {
        size_t pick = VQR_BANK_ROWS;
        for (size_t b = 0; b < VQR_BANK_ROWS; b++)
            if (!taken[b] && r[b].tier < 3 && (pick == VQR_BANK_ROWS || better(r[b], r[pick])))
                pick = b;
        if (pick == VQR_BANK_ROWS)
            break;
        taken[pick] = true;
        out[n++] = &k_banks[pick];
    }
    *count = n;
    vqr_error_clear(err);
    return VQR_OK;
}
