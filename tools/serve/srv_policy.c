/*
 * srv_policy.c - who may be paid and who may ask: the payee allowlist
 * (--payees, a CSV bank,account[,name]) and the API keys (--keys, one
 * "CLIENT_ID API_KEY" per line). A policy is immutable once loaded and
 * shared by reference count; SIGHUP loads a new one and swaps it in whole,
 * so a request sees either the old files or the new ones, never a mix.
 */
#include "srv_internal.h"

#include <csv.h>
#include <errno.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct payee {
    char bin[7];
    char account[VQR_VIETQR_TEXT_MAX];
    char name[SRV_NAME_MAX_CHARS * 4 + 1]; /* NFC, "" when the file gives none */
} payee;

typedef struct api_key {
    char client[SRV_CLIENT_ID_MAX + 1];
    uint8_t digest[SHA256_DIGEST_SIZE];
} api_key;

struct srv_policy {
    unsigned refs; /* under the holder's mutex */
    bool allowlist;
    payee *payees;
    size_t n_payees;
    api_key *keys;
    size_t n_keys;
    bool have_keys;
};

/* Longest file the service reads: either list. */
#define POLICY_FILE_MAX (16u << 20)

static void errorf(char *buf, size_t cap, const char *fmt, ...) SRV_PRINTF(3, 4);
static void errorf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(buf, cap, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
    va_end(ap);
}

/* Reads a whole file (at most POLICY_FILE_MAX bytes) into a malloc'd buffer. */
static char *read_file(const char *path, size_t *len, char *err, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        errorf(err, cap, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t n = 0, size = 4096;
    char *buf = malloc(size);
    while (buf) {
        if (n == size) {
            if (size >= POLICY_FILE_MAX) {
                errorf(err, cap, "%s: larger than %u bytes", path, POLICY_FILE_MAX);
                free(buf);
                buf = NULL;
                break;
            }
            char *bigger = realloc(buf, size * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            size *= 2;
        }
        size_t got = fread(buf + n, 1, size - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                errorf(err, cap, "%s: %s", path, strerror(errno));
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    if (!buf && !err[0])
        errorf(err, cap, "%s: out of memory", path);
    (void)fclose(f);
    *len = n;
    return buf;
}

/* ---- payees ------------------------------------------------------------- */

enum { COL_BANK, COL_ACCOUNT, COL_NAME, COL_COUNT };

typedef struct csv_state {
    const char *path;
    size_t row;   /* 1 = header */
    int map[8];   /* header position -> COL_*, -1 unknown */
    size_t ncols; /* cells in the header */
    char cell[COL_COUNT][SRV_NAME_MAX_CHARS * 4 + 1];
    bool have[COL_COUNT];
    bool too_long;
    size_t cells; /* cells in the current row */
    payee *list;
    size_t n, cap;
    char *err;
    size_t err_cap;
    bool failed;
} csv_state;

static void csv_cell(void *data, size_t len, void *st_)
{
    csv_state *st = st_;
    const char *s = data ? data : "";
    if (st->failed)
        return;
    size_t c = st->cells++;
    if (st->row == 0) { /* the header */
        if (c >= sizeof st->map / sizeof st->map[0]) {
            st->failed = true;
            errorf(st->err, st->err_cap, "%s:1: the header has more than bank,account,name",
                   st->path);
            return;
        }
        static const char *const names[COL_COUNT] = { "bank", "account", "name" };
        st->map[c] = -1;
        size_t skip = (c == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
        for (int k = 0; k < COL_COUNT; k++)
            if (strlen(names[k]) == len - skip && memcmp(names[k], s + skip, len - skip) == 0)
                st->map[c] = k;
        if (st->map[c] < 0) {
            st->failed = true;
            errorf(st->err, st->err_cap, "%s:1: unknown column '%.*s' (bank,account,name)",
                   st->path, (int)(len > 40 ? 40 : len), s);
        }
        return;
    }
    if (c >= st->ncols)
        return; /* counted; reported at the end of the row */
    int k = st->map[c];
    if (len >= sizeof st->cell[k]) {
        st->too_long = true;
        return;
    }
    memcpy(st->cell[k], s, len);
    st->cell[k][len] = '\0';
    st->have[k] = len > 0;
}

/* Folds a name for comparison: ASCII without diacritics, upper case, one
 * space between words. */
static void name_key(const char *s, char *out, size_t cap)
{
    char folded[SRV_NAME_MAX_CHARS * 4 + 1];
    size_t n = 0;
    if (vqr_text_fold(s, strlen(s), VQR_TEXT_FOLD, folded, sizeof folded, &n, NULL, NULL) !=
        VQR_OK) {
        srv_copy(folded, sizeof folded, s);
        n = strlen(folded);
    }
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        char c = folded[i];
        if (c == ' ' || c == '\t') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    out[o] = '\0';
}

static int payee_cmp(const void *a_, const void *b_)
{
    const payee *a = a_, *b = b_;
    int c = strcmp(a->bin, b->bin);
    return c ? c : strcmp(a->account, b->account);
}

static void csv_row(int term, void *st_)
{
    (void)term;
    csv_state *st = st_;
    if (st->failed)
        return;
    size_t cells = st->cells;
    st->cells = 0;
    if (st->row++ == 0) {
        st->ncols = cells;
        bool seen[COL_COUNT] = { false, false, false };
        for (size_t c = 0; c < cells; c++) {
            if (seen[st->map[c]]) {
                st->failed = true;
                errorf(st->err, st->err_cap, "%s:1: a column is named twice", st->path);
                return;
            }
            seen[st->map[c]] = true;
        }
        if (!seen[COL_BANK] || !seen[COL_ACCOUNT]) {
            st->failed = true;
            errorf(st->err, st->err_cap, "%s:1: the header must name bank and account", st->path);
        }
        return;
    }
    size_t row = st->row;
    bool have_bank = st->have[COL_BANK], have_account = st->have[COL_ACCOUNT];
    for (int k = 0; k < COL_COUNT; k++)
        st->have[k] = false;
    if (cells == 1 && !have_bank && !have_account)
        return;        /* an empty line */
    st->failed = true; /* until the row is accepted */
    if (cells != st->ncols) {
        errorf(st->err, st->err_cap, "%s: row %zu: %zu cells, the header has %zu", st->path, row,
               cells, st->ncols);
        return;
    }
    if (st->too_long) {
        errorf(st->err, st->err_cap, "%s: row %zu: a cell is too long", st->path, row);
        return;
    }
    if (!have_bank || !have_account) {
        errorf(st->err, st->err_cap, "%s: row %zu: bank and account are required", st->path, row);
        return;
    }
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        payee *bigger = realloc(st->list, cap * sizeof *bigger);
        if (!bigger) {
            errorf(st->err, st->err_cap, "%s: out of memory", st->path);
            return;
        }
        st->list = bigger;
        st->cap = cap;
    }
    payee *p = &st->list[st->n];
    vqr_error e;
    VQR_INIT(&e);
    const char *bank = st->cell[COL_BANK];
    if (srv_bank_resolve(bank, strlen(bank), p->bin, &e) != VQR_OK) {
        errorf(st->err, st->err_cap, "%s: row %zu: bank '%s': %s (%s)", st->path, row, bank,
               e.message, e.name);
        return;
    }
    /* The account must make a valid VietQR with that bank. */
    vqr_vietqr q;
    vqr_vietqr_init(&q, sizeof q, NULL);
    q.bank = p->bin;
    q.account = st->cell[COL_ACCOUNT];
    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t plen;
    if (vqr_vietqr_write(&q, VQR_VIETQR_ALNUM_ACCOUNT, payload, sizeof payload, &plen, NULL, &e) !=
        VQR_OK) {
        errorf(st->err, st->err_cap, "%s: row %zu: account '%s': %s (%s)", st->path, row, q.account,
               e.message, e.name);
        return;
    }
    srv_copy(p->account, sizeof p->account, q.account);
    p->name[0] = '\0';
    const char *name = st->cell[COL_NAME];
    if (st->ncols > 2 && name[0]) {
        size_t n;
        if (vqr_text_nfc(name, strlen(name), p->name, sizeof p->name, &n, &e) != VQR_OK) {
            errorf(st->err, st->err_cap, "%s: row %zu: name: %s (%s)", st->path, row, e.message,
                   e.name);
            return;
        }
    }
    for (int k = 0; k < COL_COUNT; k++)
        st->cell[k][0] = '\0';
    st->n++;
    st->failed = false;
}

static bool load_payees(const char *path, srv_policy *pol, char *err, size_t cap)
{
    size_t len;
    char *text = read_file(path, &len, err, cap);
    if (!text)
        return false;
    struct csv_parser parser;
    csv_state *st = calloc(1, sizeof *st);
    if (!st || csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(st);
        free(text);
        errorf(err, cap, "%s: out of memory", path);
        return false;
    }
    st->path = path;
    st->err = err;
    st->err_cap = cap;
    bool ok = csv_parse(&parser, text, len, csv_cell, csv_row, st) == len &&
              csv_fini(&parser, csv_cell, csv_row, st) == 0;
    if (!ok && !st->failed)
        errorf(err, cap, "%s: row %zu: malformed CSV (%s)", path, st->row + 1,
               csv_strerror(csv_error(&parser)));
    ok = ok && !st->failed;
    csv_free(&parser);
    free(text);
    if (ok && st->row == 0) {
        errorf(err, cap, "%s: empty: the header bank,account[,name] is needed", path);
        ok = false;
    }
    if (ok) {
        qsort(st->list, st->n, sizeof *st->list, payee_cmp);
        for (size_t i = 1; i < st->n; i++)
            if (payee_cmp(&st->list[i - 1], &st->list[i]) == 0) {
                errorf(err, cap, "%s: bank %s, account %s is listed twice", path, st->list[i].bin,
                       st->list[i].account);
                ok = false;
                break;
            }
    }
    if (ok) {
        pol->allowlist = true;
        pol->payees = st->list;
        pol->n_payees = st->n;
    } else {
        free(st->list);
    }
    free(st);
    return ok;
}

/* ---- API keys ---------------------------------------------------------- */

static bool client_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

static bool load_keys(const char *path, srv_policy *pol, char *err, size_t cap)
{
    size_t len;
    char *text = read_file(path, &len, err, cap);
    if (!text)
        return false;
    bool ok = true;
    size_t line = 0;
    for (size_t i = 0; i < len && ok;) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        line++;
        size_t e = end;
        if (e > i && text[e - 1] == '\r')
            e--;
        size_t p = i;
        i = end + 1;
        while (p < e && (text[p] == ' ' || text[p] == '\t'))
            p++;
        if (p == e || text[p] == '#')
            continue;
        size_t c0 = p;
        while (p < e && client_char(text[p]))
            p++;
        size_t c1 = p;
        if (c1 == c0 || c1 - c0 > SRV_CLIENT_ID_MAX || p == e ||
            (text[p] != ' ' && text[p] != '\t')) {
            errorf(err, cap,
                   "%s:%zu: expected CLIENT_ID (letters, digits, '-', '_', '.'; at most %d) "
                   "and API_KEY",
                   path, line, SRV_CLIENT_ID_MAX);
            ok = false;
            break;
        }
        while (p < e && (text[p] == ' ' || text[p] == '\t'))
            p++;
        size_t k0 = p;
        while (p < e && (unsigned char)text[p] > 0x20 && (unsigned char)text[p] < 0x7F)
            p++;
        size_t k1 = p;
        while (p < e && (text[p] == ' ' || text[p] == '\t'))
            p++;
        if (p != e || k1 - k0 < SRV_API_KEY_MIN) {
            errorf(err, cap, "%s:%zu: the API key must be %d or more printable characters", path,
                   line, SRV_API_KEY_MIN);
            ok = false;
            break;
        }
        for (size_t j = 0; j < pol->n_keys; j++)
            if (strlen(pol->keys[j].client) == c1 - c0 &&
                memcmp(pol->keys[j].client, text + c0, c1 - c0) == 0) {
                errorf(err, cap, "%s:%zu: client '%.*s' is listed twice", path, line,
                       (int)(c1 - c0), text + c0);
                ok = false;
            }
        if (!ok)
            break;
        api_key *bigger = realloc(pol->keys, (pol->n_keys + 1) * sizeof *bigger);
        if (!bigger) {
            errorf(err, cap, "%s: out of memory", path);
            ok = false;
            break;
        }
        pol->keys = bigger;
        api_key *k = &pol->keys[pol->n_keys++];
        memcpy(k->client, text + c0, c1 - c0);
        k->client[c1 - c0] = '\0';
        struct sha256_ctx ctx;
        sha256_init(&ctx);
        sha256_update(&ctx, k1 - k0, (const uint8_t *)text + k0);
        sha256_digest(&ctx, sizeof k->digest, k->digest);
    }
    /* the keys' text is no longer needed: wipe it before freeing */
    memset(text, 0, len);
    free(text);
    if (ok && pol->n_keys == 0) {
        errorf(err, cap, "%s: no key: a keys file holds one 'CLIENT_ID API_KEY' per line", path);
        ok = false;
    }
    pol->have_keys = ok;
    return ok;
}

/* ---- the policy -------------------------------------------------------- */

static void policy_free(srv_policy *p)
{
    if (!p)
        return;
    free(p->payees);
    if (p->keys)
        memset(p->keys, 0, p->n_keys * sizeof *p->keys);
    free(p->keys);
    free(p);
}

srv_policy *srv_policy_load(const char *payees, const char *keys, char *err, size_t cap)
{
    err[0] = '\0';
    srv_policy *p = calloc(1, sizeof *p);
    if (!p) {
        errorf(err, cap, "out of memory");
        return NULL;
    }
    p->refs = 1;
    if ((payees && !load_payees(payees, p, err, cap)) || (keys && !load_keys(keys, p, err, cap))) {
        policy_free(p);
        return NULL;
    }
    return p;
}

size_t srv_policy_payees(const srv_policy *p)
{
    return p && p->allowlist ? p->n_payees : 0;
}

bool srv_policy_allowlist(const srv_policy *p)
{
    return p && p->allowlist;
}

size_t srv_policy_keys(const srv_policy *p)
{
    return p && p->have_keys ? p->n_keys : 0;
}

vqr_status srv_policy_payee(const srv_policy *p, srv_params *prm)
{
    if (!p || !p->allowlist)
        return VQR_OK;
    payee key;
    memcpy(key.bin, prm->bin, sizeof key.bin);
    srv_copy(key.account, sizeof key.account, prm->account);
    const payee *hit = bsearch(&key, p->payees, p->n_payees, sizeof *p->payees, payee_cmp);
    if (!hit) {
        srv_error(&prm->err, VQR_ERR_PAYEE_NOT_ALLOWED, "38.01.01");
        (void)snprintf(prm->field, sizeof prm->field, "accountNo");
        return VQR_ERR_PAYEE_NOT_ALLOWED;
    }
    if (!hit->name[0])
        return VQR_OK;
    if (!prm->account_name[0]) {
        srv_copy(prm->account_name, sizeof prm->account_name, hit->name);
        return VQR_OK;
    }
    char a[SRV_NAME_MAX_CHARS * 4 + 1], b[SRV_NAME_MAX_CHARS * 4 + 1];
    name_key(hit->name, a, sizeof a);
    name_key(prm->account_name, b, sizeof b);
    if (strcmp(a, b) != 0) {
        srv_error(&prm->err, VQR_ERR_PAYEE_NOT_ALLOWED, "");
        (void)snprintf(prm->field, sizeof prm->field, "accountName");
        return VQR_ERR_PAYEE_NOT_ALLOWED;
    }
    return VQR_OK;
}

bool srv_policy_needs_key(const srv_policy *p)
{
    return p && p->have_keys;
}

const char *srv_policy_check_key(const srv_policy *p, const char *client, const char *key)
{
    static const uint8_t k_dummy[SHA256_DIGEST_SIZE];
    uint8_t digest[SHA256_DIGEST_SIZE];
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, key ? strlen(key) : 0, (const uint8_t *)(key ? key : ""));
    sha256_digest(&ctx, sizeof digest, digest);
    const api_key *found = NULL;
    for (size_t i = 0; client && i < p->n_keys; i++)
        if (strcmp(p->keys[i].client, client) == 0)
            found = &p->keys[i];
    /* The same work whether the client exists or not; the key compared in
     * constant time, as digests of equal length. */
    int same = memeql_sec(digest, found ? found->digest : k_dummy, sizeof digest);
    return (found && key && same) ? found->client : NULL;
}

/* ---- the holder --------------------------------------------------------- */

void srv_holder_init(srv_holder *h, srv_policy *p)
{
    pthread_mutex_init(&h->lock, NULL);
    h->cur = p;
}

srv_policy *srv_holder_get(srv_holder *h)
{
    pthread_mutex_lock(&h->lock);
    srv_policy *p = h->cur;
    if (p)
        p->refs++;
    pthread_mutex_unlock(&h->lock);
    return p;
}

void srv_holder_put(srv_holder *h, srv_policy *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&h->lock);
    bool last = --p->refs == 0;
    pthread_mutex_unlock(&h->lock);
    if (last)
        policy_free(p);
}

void srv_holder_swap(srv_holder *h, srv_policy *p)
{
    pthread_mutex_lock(&h->lock);
    srv_policy *old = h->cur;
    h->cur = p;
    pthread_mutex_unlock(&h->lock);
    srv_holder_put(h, old);
}

void srv_holder_destroy(srv_holder *h)
{
    srv_holder_swap(h, NULL);
    pthread_mutex_destroy(&h->lock);
}
