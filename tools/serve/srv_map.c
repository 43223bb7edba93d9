/*
 * srv_map.c - a request mapped to the parameters of one endpoint.
 *
 * Everything a client sends is checked here, before any work is done: the
 * path (percent-encoding, UTF-8, no "." or ".." segment, no NUL, no encoded
 * "/"), the method, the query (known keys only, each once), the content
 * type and the JSON body (an object, known fields only, each of an accepted
 * type). For generate and image the payload is then built with
 * vqr_vietqr_write(), so that a request that maps is a request that can be
 * answered. Every failure names the library code, the payload tag and the
 * request field at fault.
 */
#include "serve.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *srv_route_name(srv_route r)
{
    static const char *const names[SRV_ROUTE_COUNT] = {
        [SRV_ROUTE_GENERATE] = "generate",   [SRV_ROUTE_IMAGE] = "image",
        [SRV_ROUTE_BANKS] = "banks",         [SRV_ROUTE_DECODE] = "decode",
        [SRV_ROUTE_CHECK] = "check",         [SRV_ROUTE_HEALTHZ] = "healthz",
        [SRV_ROUTE_METRICS] = "metrics",     [SRV_ROUTE_STATIC] = "static",
        [SRV_ROUTE_PREFLIGHT] = "preflight", [SRV_ROUTE_OTHER] = "other",
    };
    return (unsigned)r < SRV_ROUTE_COUNT ? names[r] : "other";
}

static const char *const k_templates[SRV_TEMPLATE_COUNT] = {
    [SRV_TEMPLATE_COMPACT2] = "compact2",
    [SRV_TEMPLATE_COMPACT] = "compact",
    [SRV_TEMPLATE_QR_ONLY] = "qr_only",
    [SRV_TEMPLATE_PRINT] = "print",
};

static const char *const k_formats[SRV_FORMAT_COUNT] = {
    [SRV_FORMAT_PNG] = "png",
    [SRV_FORMAT_JPG] = "jpg",
    [SRV_FORMAT_SVG] = "svg",
};

const char *srv_template_name(srv_template t)
{
    return (unsigned)t < SRV_TEMPLATE_COUNT ? k_templates[t] : "";
}

const char *srv_format_name(srv_format f)
{
    return (unsigned)f < SRV_FORMAT_COUNT ? k_formats[f] : "";
}

void srv_template_size(srv_template t, unsigned *width, unsigned *height)
{
    static const unsigned sizes[SRV_TEMPLATE_COUNT][2] = {
        [SRV_TEMPLATE_COMPACT2] = { 540, 640 },
        [SRV_TEMPLATE_COMPACT] = { 540, 540 },
        [SRV_TEMPLATE_QR_ONLY] = { 480, 480 },
        [SRV_TEMPLATE_PRINT] = { 600, 776 },
    };
    unsigned i = (unsigned)t < SRV_TEMPLATE_COUNT ? (unsigned)t : SRV_TEMPLATE_QR_ONLY;
    *width = sizes[i][0];
    *height = sizes[i][1];
}

void srv_copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

vqr_status srv_error(vqr_error *e, vqr_status code, const char *tag)
{
    memset(e, 0, sizeof *e);
    e->size = sizeof *e;
    e->code = code;
    e->severity = VQR_SEVERITY_ERROR;
    e->offset = e->char_offset = e->related_offset = SIZE_MAX;
    srv_copy(e->tag, sizeof e->tag, tag ? tag : "");
    e->name = vqr_status_name(code);
    e->message = vqr_strerror(code);
    e->message_vi = vqr_strerror_vi(code);
    return code;
}

int srv_status_of(vqr_status code)
{
    switch (code) {
    case VQR_ERR_HTTP_NOT_FOUND:
        return 404;
    case VQR_ERR_HTTP_METHOD:
        return 405;
    case VQR_ERR_HTTP_TOO_LARGE:
        return 413;
    case VQR_ERR_MEDIA_TYPE:
        return 415;
    case VQR_ERR_UNAUTHORIZED:
        return 401;
    case VQR_ERR_PAYEE_NOT_ALLOWED:
        return 403;
    default:
        return 400;
    }
}

/* Fails the mapping: `code` at `offset` (SIZE_MAX: no position) of
 * `field`. Returns the HTTP status. */
static int fail_at(srv_params *out, vqr_status code, const char *tag, const char *field,
                   size_t offset)
{
    srv_error(&out->err, code, tag);
    out->err.offset = out->err.char_offset = offset;
    srv_copy(out->field, sizeof out->field, field ? field : "");
    out->status = srv_status_of(code);
    return out->status;
}

static int fail(srv_params *out, vqr_status code, const char *tag, const char *field)
{
    return fail_at(out, code, tag, field, SIZE_MAX);
}

/* Fails with an error the library filled; the field names the request's. */
static int fail_lib(srv_params *out, const vqr_error *e, const char *field)
{
    out->err = *e;
    srv_copy(out->field, sizeof out->field, field ? field : "");
    out->status = srv_status_of(e->code);
    return out->status;
}

/* ---- text ---------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at s[0] (1-4), or 0 when it is
 * malformed (overlong, surrogate, above U+10FFFF, truncated). */
size_t srv_utf8_seq(const unsigned char *s, size_t len, unsigned long *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    unsigned long v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Checks UTF-8; returns the offset of the first bad byte, or SIZE_MAX. */
static size_t utf8_bad(const char *s, size_t len, size_t *chars)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        size_t k = srv_utf8_seq(u + i, len - i, &cp);
        if (k == 0)
            return i;
        i += k;
        n++;
    }
    if (chars)
        *chars = n;
    return SIZE_MAX;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Percent-decodes s[0, len) into out (`cap` bytes, NUL-terminated); with
 * `plus`, "+" is a space (query strings). The result must be UTF-8 without
 * NUL. On failure fills `out_p` and returns its HTTP status; 0 on success.
 */
static int decode_pct(const char *s, size_t len, bool plus, char *out, size_t cap, size_t *olen,
                      srv_params *out_p, const char *field)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
            int lo = hi >= 0 ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return fail_at(out_p, VQR_ERR_HTTP_BAD_REQUEST, "", field, i);
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (c == '\0')
            return fail_at(out_p, VQR_ERR_HTTP_BAD_REQUEST, "", field, i);
        if (o + 1 >= cap)
            return fail_at(out_p, VQR_ERR_HTTP_TOO_LARGE, "", field, i);
        out[o++] = c;
    }
    out[o] = '\0';
    size_t bad = utf8_bad(out, o, NULL);
    if (bad != SIZE_MAX)
        return fail_at(out_p, VQR_ERR_UTF8, "", field, bad);
    *olen = o;
    return 0;
}

/* ---- the path ------------------------------------------------------------ */

#define MAX_SEGMENTS 16
#define SEGMENT_MAX 256

typedef struct path_parts {
    size_t n;
    char seg[MAX_SEGMENTS][SEGMENT_MAX];
    size_t len[MAX_SEGMENTS];
} path_parts;

/* Splits the raw path on "/" and decodes each segment. Status or 0. */
static int split_path(const char *path, size_t len, path_parts *pp, srv_params *out)
{
    if (len == 0 || path[0] != '/')
        return fail_at(out, VQR_ERR_HTTP_BAD_REQUEST, "", "", 0);
    pp->n = 0;
    size_t start = 1;
    for (size_t i = 1; i <= len; i++) {
        if (i < len && path[i] != '/')
            continue;
        if (pp->n == MAX_SEGMENTS)
            return fail_at(out, VQR_ERR_HTTP_NOT_FOUND, "", "", i);
        size_t n = pp->n++;
        int st = decode_pct(path + start, i - start, false, pp->seg[n], sizeof pp->seg[n],
                            &pp->len[n], out, "");
        if (st) {
            /* offsets count bytes of the raw path; a UTF-8 error points at
             * its segment */
            size_t at = out->err.code == VQR_ERR_UTF8 ? start : start + out->err.offset;
            out->err.offset = out->err.char_offset = at;
            return st;
        }
        const char *s = pp->seg[n];
        if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0 || memchr(s, '/', pp->len[n]) ||
            memchr(s, '\\', pp->len[n]))
            return fail_at(out, VQR_ERR_HTTP_BAD_REQUEST, "", "", start);
        start = i + 1;
    }
    return 0;
}

static bool seg_is(const path_parts *pp, size_t i, const char *s)
{
    return i < pp->n && strcmp(pp->seg[i], s) == 0;
}

/* ---- the query ----------------------------------------------------------- */

/* Finds the one query key among `keys`; unknown or repeated keys fail. The
 * decoded values go to vals[i] (NULL when absent). Status or 0. */
static int read_query(const srv_request *req, const char *const *keys, size_t nkeys,
                      char (*vals)[SRV_NAME_MAX_CHARS * 4 + 1], bool *have, srv_params *out)
{
    for (size_t k = 0; k < nkeys; k++)
        have[k] = false;
    for (size_t i = 0; i < req->n_query; i++) {
        const srv_kv *kv = &req->query[i];
        char key[64];
        size_t klen;
        int st = decode_pct(kv->key, kv->key_len, true, key, sizeof key, &klen, out, "");
        if (st) {
            if (out->err.code == VQR_ERR_HTTP_TOO_LARGE)
                return fail(out, VQR_ERR_FIELD, "", "");
            return st;
        }
        size_t k = 0;
        while (k < nkeys && strcmp(keys[k], key) != 0)
            k++;
        if (k == nkeys || have[k])
            return fail(out, VQR_ERR_FIELD, "", key);
        have[k] = true;
        size_t vlen;
        st = decode_pct(kv->value ? kv->value : "", kv->value ? kv->value_len : 0, true, vals[k],
                        sizeof vals[k], &vlen, out, keys[k]);
        if (st) {
            if (out->err.code == VQR_ERR_HTTP_TOO_LARGE)
                return fail(out, VQR_ERR_LENGTH, "", keys[k]);
            return st;
        }
    }
    return 0;
}

/* ---- content types and JSON ---------------------------------------------- */

/* Whether the Content-Type is `want` (case-insensitive), with at most a
 * charset=utf-8 parameter. A missing Content-Type counts as `dflt`. */
static bool type_is(const char *ct, const char *want, bool dflt)
{
    if (!ct || !ct[0])
        return dflt;
    size_t n = strlen(want);
    if (strncasecmp(ct, want, n) != 0)
        return false;
    const char *p = ct + n;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0')
        return true;
    if (*p != ';')
        return false;
    p++;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncasecmp(p, "charset=", 8) != 0)
        return false;
    p += 8;
    if (*p == '"')
        p++;
    if (strncasecmp(p, "utf-8", 5) != 0)
        return false;
    p += 5;
    if (*p == '"')
        p++;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '\0';
}

/* Parses the body as one JSON object. Status or 0; `*root` a new reference. */
static int parse_object(const srv_request *req, json_t **root, srv_params *out)
{
    json_error_t je;
    *root = json_loadb(req->body ? req->body : "", req->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!*root) {
        size_t pos = je.position > 0 ? (size_t)je.position : 0;
        switch (json_error_code(&je)) {
        case json_error_invalid_utf8:
            return fail_at(out, VQR_ERR_UTF8, "", "", pos);
        case json_error_duplicate_key:
            return fail_at(out, VQR_ERR_FIELD, "", "", pos);
        default:
            return fail_at(out, VQR_ERR_JSON, "", "", pos);
        }
    }
    if (!json_is_object(*root)) {
        json_decref(*root);
        *root = NULL;
        return fail_at(out, VQR_ERR_JSON, "", "", 0);
    }
    return 0;
}

/* Fails on a member of `obj` not named in `keys`. Status or 0. */
static int known_members(json_t *obj, const char *const *keys, size_t nkeys, srv_params *out)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        size_t k = 0;
        while (k < nkeys && strcmp(keys[k], key) != 0)
            k++;
        if (k == nkeys)
            return fail(out, VQR_ERR_FIELD, "", key);
    }
    return 0;
}

/* A member that is a string (or absent / null: NULL). Status or 0. */
static int member_string(json_t *obj, const char *key, const char **s, size_t *len, srv_params *out)
{
    json_t *v = json_object_get(obj, key);
    *s = NULL;
    *len = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return fail(out, VQR_ERR_FIELD, "", key);
    *s = json_string_value(v);
    *len = json_string_length(v);
    return 0;
}

/* ---- VietQR fields (generate and image) ------------------------------- */

/* An amount written as text: "" is none; otherwise digits as 54 takes them. */
static int amount_text(const char *s, size_t len, srv_params *out)
{
    out->has_amount = false;
    out->amount = 0;
    if (len == 0)
        return 0;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_amount_parse(s, len, 704, &out->amount, &e) != VQR_OK)
        return fail_lib(out, &e, "amount");
    out->has_amount = true;
    return 0;
}

/* accountName: NFC, no control character, at most SRV_NAME_MAX_CHARS. */
static int account_name(const char *s, size_t len, srv_params *out)
{
    out->account_name[0] = '\0';
    if (!s || len == 0)
        return 0;
    size_t bad = utf8_bad(s, len, NULL);
    if (bad != SIZE_MAX)
        return fail_at(out, VQR_ERR_UTF8, "", "accountName", bad);
    size_t n;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_text_nfc(s, len, out->account_name, sizeof out->account_name, &n, &e);
    if (st == VQR_ERR_BUFFER_TOO_SMALL || st == VQR_ERR_TEXT_TOO_LONG) {
        fail(out, VQR_ERR_LENGTH, "", "accountName");
        out->err.limit = SRV_NAME_MAX_CHARS;
        return out->status;
    }
    if (st != VQR_OK)
        return fail_lib(out, &e, "accountName");
    const unsigned char *u = (const unsigned char *)out->account_name;
    size_t chars = 0;
    for (size_t i = 0; i < n;) {
        unsigned long cp = 0;
        size_t k = srv_utf8_seq(u + i, n - i, &cp);
        if (k == 0)
            k = 1;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            out->account_name[0] = '\0';
            fail_at(out, VQR_ERR_TEXT_CONTROL, "", "accountName", i);
            out->err.char_offset = chars;
            return out->status;
        }
        i += k;
        chars++;
    }
    if (chars > SRV_NAME_MAX_CHARS) {
        out->account_name[0] = '\0';
        fail(out, VQR_ERR_LENGTH, "", "accountName");
        out->err.limit = SRV_NAME_MAX_CHARS;
        return out->status;
    }
    return 0;
}

static int template_name(const char *s, size_t len, srv_params *out)
{
    for (int t = 0; t < SRV_TEMPLATE_COUNT; t++)
        if (strlen(k_templates[t]) == len && memcmp(k_templates[t], s, len) == 0) {
            out->tmpl = (srv_template)t;
            return 0;
        }
    return fail(out, VQR_ERR_TEMPLATE_UNKNOWN, "", "template");
}

/* The request field a builder diagnostic is about. */
static const char *field_of_tag(const char *tag)
{
    if (strcmp(tag, "38.01.00") == 0)
        return "acqId";
    if (strncmp(tag, "38", 2) == 0)
        return "accountNo";
    if (strcmp(tag, "54") == 0 || strcmp(tag, "53") == 0)
        return "amount";
    if (strncmp(tag, "62", 2) == 0)
        return "addInfo";
    return "";
}

/* Builds the payload from bin, account, amount and the purpose text. */
static int build(const char *purpose, srv_params *out)
{
    vqr_vietqr q;
    vqr_vietqr_init(&q, sizeof q, NULL);
    q.bank = out->bin;
    q.account = out->account;
    q.amount = out->has_amount ? out->amount : 0;
    q.purpose = purpose && purpose[0] ? purpose : NULL;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_vietqr_write(&q, VQR_VIETQR_ALNUM_ACCOUNT, out->payload,
                                     sizeof out->payload, &out->payload_len, &rep, &e);
    if (st != VQR_OK)
        return fail_lib(out, &e, field_of_tag(e.tag));
    out->add_info[0] = '\0';
    if (q.purpose) {
        const char *text = purpose;
        for (size_t i = 0; i < rep.count; i++)
            if (strcmp(rep.field[i].tag, "62.08") == 0)
                text = rep.field[i].text;
        srv_copy(out->add_info, sizeof out->add_info, text);
    }
    return 0;
}

/* The account as the request wrote it: letters and digits, checked by the
 * builder; here only its presence and size. */
static int account_text(const char *s, size_t len, srv_params *out)
{
    if (!s || len == 0)
        return fail(out, VQR_ERR_MISSING, "38.01.01", "accountNo");
    if (len >= sizeof out->account) {
        fail(out, VQR_ERR_LENGTH, "38.01.01", "accountNo");
        out->err.limit = 19;
        return out->status;
    }
    memcpy(out->account, s, len);
    out->account[len] = '\0';
    if (strlen(out->account) != len)
        return fail(out, VQR_ERR_ACCOUNT, "38.01.01", "accountNo");
    return 0;
}

static int bank_text(const char *s, size_t len, srv_params *out)
{
    if (!s || len == 0)
        return fail(out, VQR_ERR_MISSING, "38.01.00", "acqId");
    vqr_error e;
    VQR_INIT(&e);
    if (srv_bank_resolve(s, len, out->bin, &e) != VQR_OK)
        return fail_lib(out, &e, "acqId");
    return 0;
}

/* ---- POST /v2/generate ----------------------------------------------------- */

static int map_generate(const srv_request *req, srv_params *out)
{
    if (!type_is(req->content_type, "application/json", true))
        return fail(out, VQR_ERR_MEDIA_TYPE, "", "");
    bool none;
    int st = read_query(req, NULL, 0, NULL, &none, out);
    if (st)
        return st;
    json_t *root;
    st = parse_object(req, &root, out);
    if (st)
        return st;
    static const char *const keys[] = { "accountNo", "accountName", "acqId",   "amount",
                                        "addInfo",   "format",      "template" };
    st = known_members(root, keys, sizeof keys / sizeof keys[0], out);

    /* acqId: a BIN as a number or text, or a bank's name or code. */
    json_t *v = json_object_get(root, "acqId");
    if (!st) {
        if (json_is_integer(v)) {
            json_int_t n = json_integer_value(v);
            if (n < 100000 || n > 999999) {
                fail(out, VQR_ERR_BIN, "38.01.00", "acqId");
                out->err.limit = 6;
                st = out->status;
            } else {
                (void)snprintf(out->bin, sizeof out->bin, "%06lld", (long long)n);
            }
        } else if (!v || json_is_null(v) || json_is_string(v)) {
            st = bank_text(json_string_value(v), json_string_length(v), out);
        } else {
            st = fail(out, VQR_ERR_FIELD, "", "acqId");
        }
    }
    /* accountNo: text, or a number (its digits; leading zeros cannot be
     * written as a JSON number). */
    v = json_object_get(root, "accountNo");
    if (!st) {
        if (json_is_integer(v)) {
            json_int_t n = json_integer_value(v);
            if (n < 0)
                st = fail(out, VQR_ERR_ACCOUNT, "38.01.01", "accountNo");
            else
                (void)snprintf(out->account, sizeof out->account, "%lld", (long long)n);
        } else if (!v || json_is_null(v) || json_is_string(v)) {
            st = account_text(json_string_value(v), json_string_length(v), out);
        } else {
            st = fail(out, VQR_ERR_FIELD, "", "accountNo");
        }
    }
    /* amount: a positive integer or its digits as text; null or "" = none. */
    v = json_object_get(root, "amount");
    if (!st) {
        if (json_is_integer(v)) {
            json_int_t n = json_integer_value(v);
            if (n < 0) {
                st = fail(out, VQR_ERR_AMOUNT_SYNTAX, "54", "amount");
            } else {
                char digits[32];
                int k = snprintf(digits, sizeof digits, "%lld", (long long)n);
                st = amount_text(digits, (size_t)k, out);
            }
        } else if (!v || json_is_null(v)) {
            out->has_amount = false;
        } else if (json_is_string(v)) {
            st = amount_text(json_string_value(v), json_string_length(v), out);
        } else {
            st = fail(out, VQR_ERR_FIELD, "", "amount");
        }
    }
    const char *purpose = NULL, *name = NULL, *tmpl = NULL, *format = NULL;
    size_t purpose_len = 0, name_len = 0, tmpl_len = 0, format_len = 0;
    if (!st)
        st = member_string(root, "addInfo", &purpose, &purpose_len, out);
    if (!st && purpose && strlen(purpose) != purpose_len)
        st = fail(out, VQR_ERR_TEXT_CONTROL, "62.08", "addInfo");
    if (!st)
        st = member_string(root, "accountName", &name, &name_len, out);
    if (!st)
        st = account_name(name, name_len, out);
    if (!st)
        st = member_string(root, "template", &tmpl, &tmpl_len, out);
    out->tmpl = SRV_TEMPLATE_COMPACT;
    if (!st && tmpl)
        st = template_name(tmpl, tmpl_len, out);
    if (!st)
        st = member_string(root, "format", &format, &format_len, out);
    if (!st && format && strcmp(format, "text") != 0)
        st = fail(out, VQR_ERR_TEMPLATE_UNKNOWN, "", "format");
    out->format = SRV_FORMAT_PNG;
    if (!st)
        st = build(purpose, out);
    json_decref(root);
    return st ? st : 200;
}

/* ---- GET /image/{BANK}-{ACCOUNT}-{TEMPLATE}.{png|jpg|svg} --------------- */

static int map_image(const srv_request *req, const char *name, size_t len, srv_params *out)
{
    const char *dot = NULL;
    for (size_t i = len; i-- > 0;)
        if (name[i] == '.') {
            dot = name + i;
            break;
        }
    if (!dot)
        return fail(out, VQR_ERR_HTTP_NOT_FOUND, "", "");
    size_t base = (size_t)(dot - name);
    const char *ext = dot + 1;
    size_t ext_len = len - base - 1;
    out->format = SRV_FORMAT_COUNT;
    for (int f = 0; f < SRV_FORMAT_COUNT; f++)
        if (strlen(k_formats[f]) == ext_len && memcmp(k_formats[f], ext, ext_len) == 0)
            out->format = (srv_format)f;
    if (out->format == SRV_FORMAT_COUNT)
        return fail(out, VQR_ERR_TEMPLATE_UNKNOWN, "", "format");

    /* BANK-ACCOUNT-TEMPLATE: the last two "-" separate the parts; a bank
     * name may hold "-" itself. */
    const char *d2 = NULL, *d1 = NULL;
    for (size_t i = base; i-- > 0;) {
        if (name[i] != '-')
            continue;
        if (!d2) {
            d2 = name + i;
        } else {
            d1 = name + i;
            break;
        }
    }
    if (!d2)
        return fail(out, VQR_ERR_HTTP_NOT_FOUND, "", "");
    if (!d1)
        return fail(out, VQR_ERR_TEMPLATE_UNKNOWN, "", "template");
    int st = template_name(d2 + 1, base - (size_t)(d2 + 1 - name), out);
    if (st)
        return st;
    st = bank_text(name, (size_t)(d1 - name), out);
    if (st)
        return st;
    st = account_text(d1 + 1, (size_t)(d2 - d1 - 1), out);
    if (st)
        return st;

    static const char *const keys[] = { "amount", "addInfo", "accountName" };
    char vals[3][SRV_NAME_MAX_CHARS * 4 + 1];
    bool have[3];
    st = read_query(req, keys, 3, vals, have, out);
    if (st)
        return st;
    if (have[0] && (st = amount_text(vals[0], strlen(vals[0]), out)) != 0)
        return st;
    if (have[2] && (st = account_name(vals[2], strlen(vals[2]), out)) != 0)
        return st;
    st = build(have[1] ? vals[1] : NULL, out);
    return st ? st : 200;
}

/* ---- POST /v1/decode and /v1/check --------------------------------------- */

static int profile_name(const char *s, srv_params *out)
{
    /* the names of `vietqr decode --profile` */
    static const struct {
        const char *name;
        unsigned flags;
    } profiles[] = {
        { "default", VQR_PARSE_DEFAULT },
        { "emvco", VQR_PARSE_EMVCO },
        { "vietqr", VQR_PARSE_VIETQR },
        { "lenient", VQR_PARSE_LENIENT },
    };
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(s, profiles[i].name) == 0) {
            out->parse_flags = profiles[i].flags;
            return 0;
        }
    return fail(out, VQR_ERR_FIELD, "", "profile");
}

static int lang_name(const char *s, srv_params *out)
{
    if (strcmp(s, "en") == 0)
        out->vi = false;
    else if (strcmp(s, "vi") == 0)
        out->vi = true;
    else
        return fail(out, VQR_ERR_FIELD, "", "lang");
    return 0;
}

static int set_input(const char *s, size_t len, srv_params *out)
{
    if (len > VQR_INPUT_MAX) {
        fail(out, VQR_ERR_INPUT_TOO_LARGE, "", "payload");
        out->err.limit = VQR_INPUT_MAX;
        return out->status;
    }
    memcpy(out->input, s, len);
    out->input[len] = '\0';
    out->input_len = len;
    return 0;
}

static int map_decode(const srv_request *req, srv_params *out)
{
    out->parse_flags = VQR_PARSE_DEFAULT;
    out->vi = false;
    static const char *const qkeys[] = { "profile", "lang" };
    char vals[2][SRV_NAME_MAX_CHARS * 4 + 1];
    bool have[2];
    int st = read_query(req, qkeys, 2, vals, have, out);
    if (st)
        return st;
    if (have[0] && (st = profile_name(vals[0], out)) != 0)
        return st;
    if (have[1] && (st = lang_name(vals[1], out)) != 0)
        return st;

    if (type_is(req->content_type, "text/plain", false)) {
        size_t len = req->body_len;
        if (len && req->body[len - 1] == '\n')
            len--;
        if (len && req->body[len - 1] == '\r')
            len--;
        st = set_input(req->body, len, out);
        return st ? st : 200;
    }
    if (!type_is(req->content_type, "application/json", true))
        return fail(out, VQR_ERR_MEDIA_TYPE, "", "");
    json_t *root;
    st = parse_object(req, &root, out);
    if (st)
        return st;
    static const char *const keys[] = { "payload", "profile", "lang" };
    st = known_members(root, keys, 3, out);
    const char *s;
    size_t len;
    if (!st)
        st = member_string(root, "profile", &s, &len, out);
    if (!st && s)
        st = profile_name(s, out);
    if (!st)
        st = member_string(root, "lang", &s, &len, out);
    if (!st && s)
        st = lang_name(s, out);
    if (!st)
        st = member_string(root, "payload", &s, &len, out);
    if (!st && !s)
        st = fail(out, VQR_ERR_FIELD, "", "payload");
    if (!st)
        st = set_input(s, len, out);
    json_decref(root);
    return st ? st : 200;
}

/* ---- routing ------------------------------------------------------------- */

static bool method_is(const srv_request *req, const char *m)
{
    return strcmp(req->method, m) == 0;
}

/* 405 unless the method is one the resource answers (`post`: POST, else
 * GET and HEAD); OPTIONS is a CORS preflight when CORS is on. */
static int check_method(const srv_request *req, bool post, srv_params *out)
{
    if (post ? method_is(req, "POST") : (method_is(req, "GET") || method_is(req, "HEAD")))
        return 0;
    if (req->cors && method_is(req, "OPTIONS")) {
        out->route = SRV_ROUTE_PREFLIGHT;
        out->allow = post ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
        return 200;
    }
    out->allow = post ? "POST" : "GET, HEAD";
    return fail(out, VQR_ERR_HTTP_METHOD, "", "");
}

int srv_map(const srv_request *req, srv_params *out)
{
    out->route = SRV_ROUTE_OTHER;
    out->status = 200;
    out->allow = NULL;
    out->field[0] = '\0';
    out->bin[0] = out->account[0] = out->add_info[0] = out->account_name[0] = '\0';
    out->payload[0] = out->input[0] = out->file[0] = '\0';
    out->payload_len = out->input_len = 0;
    out->has_amount = false;
    out->amount = 0;
    out->tmpl = SRV_TEMPLATE_QR_ONLY;
    out->format = SRV_FORMAT_PNG;
    out->parse_flags = VQR_PARSE_DEFAULT;
    out->vi = false;
    srv_error(&out->err, VQR_OK, "");

    path_parts pp;
    int st = split_path(req->path, req->path_len, &pp, out);
    if (st)
        return st;

    static const struct {
        const char *a, *b;
        srv_route route;
        bool post;
    } routes[] = {
        { "v2", "generate", SRV_ROUTE_GENERATE, true },
        { "v2", "banks", SRV_ROUTE_BANKS, false },
        { "v1", "decode", SRV_ROUTE_DECODE, true },
        { "v1", "check", SRV_ROUTE_CHECK, true },
        { "healthz", NULL, SRV_ROUTE_HEALTHZ, false },
        { "metrics", NULL, SRV_ROUTE_METRICS, false },
        { "image", "", SRV_ROUTE_IMAGE, false },
    };
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        bool image = routes[i].route == SRV_ROUTE_IMAGE;
        size_t want = routes[i].b ? 2 : 1;
        if (pp.n != want || !seg_is(&pp, 0, routes[i].a) ||
            (routes[i].b && !image && !seg_is(&pp, 1, routes[i].b)))
            continue;
        out->route = routes[i].route;
        st = check_method(req, routes[i].post, out);
        if (st)
            return st;
        switch (out->route) {
        case SRV_ROUTE_GENERATE:
            return out->status = map_generate(req, out);
        case SRV_ROUTE_IMAGE:
            return out->status = map_image(req, pp.seg[1], pp.len[1], out);
        case SRV_ROUTE_DECODE:
        case SRV_ROUTE_CHECK:
            return out->status = map_decode(req, out);
        default:
            return 200; /* banks, healthz, metrics: the query is ignored */
        }
    }

    /* Static files: GET and HEAD of any other path, no hidden segment. */
    if (req->have_static && (method_is(req, "GET") || method_is(req, "HEAD"))) {
        out->route = SRV_ROUTE_STATIC;
        size_t o = 0;
        for (size_t i = 0; i < pp.n; i++) {
            if (pp.seg[i][0] == '.' || (pp.len[i] == 0 && i + 1 < pp.n))
                return fail(out, VQR_ERR_HTTP_NOT_FOUND, "", "");
            if (o + pp.len[i] + 2 > sizeof out->file)
                return fail(out, VQR_ERR_HTTP_NOT_FOUND, "", "");
            if (i)
                out->file[o++] = '/';
            memcpy(out->file + o, pp.seg[i], pp.len[i]);
            o += pp.len[i];
        }
        out->file[o] = '\0';
        return 200;
    }
    return fail(out, VQR_ERR_HTTP_NOT_FOUND, "", "");
}
