/*
 * srv_banks.c - the bank directory as `vietqr serve` shows it: the
 * library's directory (vqr_bank_*) with VietQR.io's ids, codes and short
 * names attached (tools/serve/vietqrio-banks.csv, generated into
 * serve_banks_data.h), and the resolution of a bank as requests name it.
 */
#include "serve.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_banks_data.h"

#define N_VIETQRIO (sizeof k_vietqrio_banks / sizeof k_vietqrio_banks[0])

const srv_vietqrio_bank *srv_vietqrio_by_bin(const char *bin)
{
    size_t lo = 0, hi = N_VIETQRIO;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(k_vietqrio_banks[mid].bin, bin);
        if (c == 0)
            return &k_vietqrio_banks[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return len > 0;
}

/* The lookup key of ASCII text: lower case, letters and digits only.
 * Returns false for text with a byte >= 0x80 or a key too long. */
static bool ascii_key(const char *s, size_t len, char *key, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return false;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (k + 1 >= cap)
                return false;
            key[k++] = (char)c;
        }
    }
    key[k] = '\0';
    return k > 0;
}

vqr_status srv_bank_resolve(const char *s, size_t len, char bin[7], vqr_error *e)
{
    bin[0] = '\0';
    if (len == 6 && all_digits(s, len)) {
        memcpy(bin, s, 6);
        bin[6] = '\0';
        return VQR_OK;
    }
    char key[32];
    if (ascii_key(s, len, key, sizeof key)) {
        for (size_t i = 0; i < N_VIETQRIO; i++) {
            const srv_vietqrio_bank *b = &k_vietqrio_banks[i];
            if (strcmp(b->code_key, key) == 0 || strcmp(b->short_key, key) == 0) {
                memcpy(bin, b->bin, 7);
                return VQR_OK;
            }
        }
    }
    const vqr_bank *bank = NULL;
    vqr_status st = vqr_bank_find(s, len, &bank, e);
    if (st != VQR_OK) {
        if (e)
            (void)snprintf(e->tag, sizeof e->tag, "38.01.00");
        return st;
    }
    memcpy(bin, bank->bin, 7);
    return VQR_OK;
}

/* A code for a bank VietQR.io does not list: its short name, upper case,
 * letters and digits only ("MoMo" -> "MOMO"); it resolves to the same bank. */
static void own_code(const vqr_bank *b, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = b->short_name; *p && k + 1 < cap; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            out[k++] = c;
    }
    out[k] = '\0';
}

static json_t *bank_json(const vqr_bank *b)
{
    const srv_vietqrio_bank *v = srv_vietqrio_by_bin(b->bin);
    char code[VQR_BANK_SHORT_NAME_MAX];
    if (v)
        (void)snprintf(code, sizeof code, "%s", v->code);
    else
        own_code(b, code, sizeof code);
    const char *short_name = v ? v->short_name : b->short_name;
    /* VietQR.io's id where it lists the bank; otherwise the BIN as a
     * number, which never collides with VietQR.io's small ids. */
    json_int_t id = v ? (json_int_t)v->id : (json_int_t)strtol(b->bin, NULL, 10);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:o}", "id", id, "name",
                     b->name, "code", code, "bin", b->bin, "shortName", short_name, "logo", "",
                     "transferSupported", 1, "lookupSupported", 0, "short_name", short_name,
                     "swift_code", b->swift ? json_string(b->swift) : json_null());
}

char *srv_banks_json(size_t *len)
{
    json_t *list = json_array();
    if (!list)
        return NULL;
    size_t n = vqr_bank_count();
    for (size_t i = 0; i < n; i++) {
        const vqr_bank *bank = NULL;
        json_t *b = vqr_bank_at(i, &bank, NULL) == VQR_OK ? bank_json(bank) : NULL;
        if (!b || json_array_append_new(list, b) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    char desc[64];
    (void)snprintf(desc, sizeof desc, "Get Bank list successful! Total %zu banks", n);
    json_t *doc = json_pack("{s:s, s:s, s:s, s:o}", "code", "00", "desc", desc, "dataVersion",
                            vqr_bank_data_version(), "data", list);
    if (!doc)
        return NULL;
    char *s = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (s)
        *len = strlen(s);
    return s;
}
