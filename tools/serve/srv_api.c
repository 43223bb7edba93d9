/*
 * srv_api.c - the endpoints: a mapped request (srv_map) and the headers
 * they read, in; a response (status, type, body, cache headers), out.
 *
 *   POST /v2/generate    VietQR.io's generate: payload and data URL
 *   GET  /image/...      VietQR.io's Quick Link: the image itself
 *   GET  /v2/banks       VietQR.io's bank list, plus dataVersion
 *   POST /v1/decode      the decode JSON of `vietqr decode --json`
 *   POST /v1/check       its verdict part (valid, mode, crc, errors, warnings)
 *   GET  /healthz, GET /metrics, static files, CORS preflight
 *
 * Every error is a 4xx with one JSON shape (srv_answer_error).
 */
#include "srv_internal.h"

#include "../cli.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <nettle/base64.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Largest static file served. */
#define STATIC_FILE_MAX (8u << 20)

/* Changes whenever the service draws an image differently: part of every
 * image's ETag, with the library's version. */
#define SRV_DRAW_VERSION "1"

/* The body: `doc` as JSON, with every character of the one escaping rule
 * (controls, bidi, invisible; vqr_text_escape) written as \uXXXX, as the
 * tool's --json output is: the same values, nothing a terminal or a log
 * viewer showing the raw response acts on. */
static void set_json(srv_response *res, json_t *doc)
{
    res->content_type = "application/json; charset=utf-8";
    char *s = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    size_t len = s ? strlen(s) : 0, safe_len = 0;
    char *safe = NULL;
    if (s && vqr_text_escape(s, len, VQR_ESCAPE_JSON_DOCUMENT, NULL, 0, &safe_len, NULL, NULL) ==
                 VQR_ERR_BUFFER_TOO_SMALL)
        safe = malloc(safe_len + 1);
    if (!safe || vqr_text_escape(s, len, VQR_ESCAPE_JSON_DOCUMENT, safe, safe_len + 1, NULL, NULL,
                                 NULL) != VQR_OK) {
        free(safe);
        free(s);
        res->body.failed = true;
        return;
    }
    free(s);
    srv_buf_put(&res->body, safe, safe_len);
    srv_buf_put(&res->body, "\n", 1);
    free(safe);
}

static json_t *offset_json(size_t v)
{
    return v == SIZE_MAX ? json_null() : json_integer((json_int_t)v);
}

void srv_answer_error(srv_params *prm, srv_response *res)
{
    const vqr_error *e = &prm->err;
    srv_buf_free(&res->body);
    res->status = prm->status >= 400 && prm->status < 500 ? prm->status : 400;
    res->code = e->code;
    res->cache = "no-store";
    res->etag[0] = '\0';
    res->static_body = NULL;
    if (res->status == 405)
        res->allow = prm->allow;
    char code[16];
    (void)snprintf(code, sizeof code, "%d", (int)e->code);
    json_t *err = json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:I, s:s, s:s}", "code", (int)e->code,
                            "name", e->name ? e->name : vqr_status_name(e->code), "tag", e->tag,
                            "field", prm->field, "offset", offset_json(e->offset), "char_offset",
                            offset_json(e->char_offset), "limit", (json_int_t)e->limit, "message",
                            e->message ? e->message : vqr_strerror(e->code), "message_vi",
                            e->message_vi ? e->message_vi : vqr_strerror_vi(e->code));
    set_json(res, json_pack("{s:s, s:s, s:n, s:o}", "code", code, "desc",
                            e->message ? e->message : vqr_strerror(e->code), "data", "error", err));
}

/* Fails the request with `code`, the HTTP status following from it. */
static void answer_code(srv_params *prm, srv_response *res, vqr_status code, const char *tag,
                        const char *field)
{
    srv_error(&prm->err, code, tag);
    srv_copy(prm->field, sizeof prm->field, field);
    prm->status = srv_status_of(code);
    srv_answer_error(prm, res);
}

static void answer_lib(srv_params *prm, srv_response *res, const vqr_error *e)
{
    /* libvietqr-print names its fields: the request's names them too */
    static const struct {
        const char *tag, *field;
    } fields[] = { { "holder", "accountName" }, { "purpose", "addInfo" }, { "qr", "template" } };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(e->tag, fields[i].tag) == 0)
            srv_copy(prm->field, sizeof prm->field, fields[i].field);
    prm->err = *e;
    prm->status = srv_status_of(e->code);
    srv_answer_error(prm, res);
}

/* ---- ETags --------------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1); /* the NUL separates the parts */
}

/* Whether If-None-Match names `etag` (or is "*"). */
static bool etag_matches(const char *inm, const char *etag)
{
    if (!inm || !etag[0])
        return false;
    size_t n = strlen(etag);
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (p[0] == 'W' && p[1] == '/')
            p += 2;
        if (*p == '*')
            return true;
        if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
            return true;
        while (*p && *p != ',')
            p++;
    }
    return false;
}

static void image_etag(const srv_params *prm, srv_template t, srv_format f, char out[40])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv_str(h, SRV_DRAW_VERSION);
    h = fnv_str(h, vqr_version_string());
    h = fnv_str(h, srv_template_name(t));
    h = fnv_str(h, srv_format_name(f));
    h = fnv_str(h, prm->payload);
    h = fnv_str(h, prm->account_name);
    (void)snprintf(out, 40, "\"q%016llx\"", (unsigned long long)h);
}

/* ---- generate and image ----------------------------------------------- */

/* The image of a mapped request, from the cache or drawn (and cached). */
static vqr_status image(const srv_context *ctx, const srv_params *prm, srv_template t, srv_format f,
                        srv_image *out, vqr_error *e)
{
    char key[VQR_PAYLOAD_BUF_SIZE + sizeof prm->account_name + 32];
    int n = snprintf(key, sizeof key, "%s%c%s%c%s%c%s", srv_template_name(t), 0, srv_format_name(f),
                     0, prm->payload, 0, prm->account_name);
    size_t len = n > 0 && (size_t)n < sizeof key ? (size_t)n : 0;
    if (len && srv_cache_get(ctx->cache, key, len, out)) {
        srv_metrics_cache(true);
        return VQR_OK;
    }
    vqr_status st = srv_image_draw(prm, t, f, out, e);
    if (st == VQR_OK && len && ctx->cache) {
        srv_metrics_cache(false);
        srv_cache_put(ctx->cache, key, len, out);
    }
    return st;
}

/* The checks before anything is drawn: the allowlist, then whether this
 * build draws the template. True when the request may go on. */
static bool payee_ok(const srv_policy *pol, srv_params *prm, srv_response *res)
{
    if (srv_policy_payee(pol, prm) != VQR_OK) {
        prm->status = 403;
        srv_answer_error(prm, res);
        return false;
    }
    if (!srv_template_available(prm->tmpl)) {
        answer_code(prm, res, VQR_ERR_TEMPLATE_UNKNOWN, "", "template");
        return false;
    }
    return true;
}

static void answer_generate(const srv_context *ctx, const srv_policy *pol, srv_params *prm,
                            srv_response *res)
{
    if (!payee_ok(pol, prm, res))
        return;
    srv_image img;
    vqr_error e;
    VQR_INIT(&e);
    if (image(ctx, prm, prm->tmpl, SRV_FORMAT_PNG, &img, &e) != VQR_OK) {
        answer_lib(prm, res, &e);
        return;
    }
    static const char prefix[] = "data:image/png;base64,";
    size_t n = BASE64_ENCODE_RAW_LENGTH(img.len);
    char *url = malloc(sizeof prefix + n);
    if (!url) {
        srv_image_free(&img);
        res->body.failed = true;
        return;
    }
    memcpy(url, prefix, sizeof prefix - 1);
    base64_encode_raw(url + sizeof prefix - 1, img.len, img.data);
    url[sizeof prefix - 1 + n] = '\0';
    srv_image_free(&img);
    json_int_t acq = (json_int_t)strtol(prm->bin, NULL, 10);
    json_t *data = json_pack("{s:I, s:I, s:s, s:s, s:s}", "acqId", acq, "acpId", acq, "accountName",
                             prm->account_name, "qrCode", prm->payload, "qrDataURL", url);
    free(url);
    res->cache = "no-store";
    set_json(res, json_pack("{s:s, s:s, s:o}", "code", "00", "desc", "Gen VietQR successful!",
                            "data", data));
}

static void answer_image(const srv_context *ctx, const srv_policy *pol, srv_params *prm,
                         const srv_headers *h, srv_response *res)
{
    if (!payee_ok(pol, prm, res))
        return;
    image_etag(prm, prm->tmpl, prm->format, res->etag);
    res->content_type = srv_format_mime(prm->format);
    res->cache = ctx->image_cache;
    if (etag_matches(h->if_none_match, res->etag)) {
        res->status = 304;
        res->not_modified = true;
        return;
    }
    srv_image img;
    vqr_error e;
    VQR_INIT(&e);
    if (image(ctx, prm, prm->tmpl, prm->format, &img, &e) != VQR_OK) {
        answer_lib(prm, res, &e);
        return;
    }
    srv_buf_free(&res->body);
    res->body.data = (char *)img.data;
    res->body.len = res->body.cap = img.len;
}

/* ---- decode and check ---------------------------------------------------- */

static void answer_decode(srv_params *prm, srv_response *res, bool check)
{
    vqr_payload *p = malloc(sizeof *p);
    if (!p) {
        res->body.failed = true;
        return;
    }
    vqr_payload_parse(p, prm->input, prm->input_len, prm->parse_flags, NULL);
    json_t *doc = cli_payload_json(p, prm->input, prm->input_len, prm->vi);
    free(p);
    if (doc && check) {
        json_object_del(doc, "objects");
        json_object_del(doc, "vietqr");
    }
    res->cache = "no-store";
    set_json(res, doc);
}

/* ---- static files -------------------------------------------------------- */

static const char *static_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        { ".html", "text/html; charset=utf-8" },
        { ".htm", "text/html; charset=utf-8" },
        { ".css", "text/css; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
        { ".json", "application/json; charset=utf-8" },
        { ".txt", "text/plain; charset=utf-8" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
        { ".jpg", "image/jpeg" },
        { ".jpeg", "image/jpeg" },
        { ".ico", "image/x-icon" },
        { ".webmanifest", "application/manifest+json" },
        { ".woff2", "font/woff2" },
    };
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0)
                return types[i].type;
    return "application/octet-stream";
}

/* Opens `rel` under the directory `dirfd`, one component at a time, never
 * following a symbolic link; a directory means its index.html. Returns an
 * open regular file, or -1. */
static int static_open(int dirfd, const char *rel, char *name, size_t cap)
{
    char path[SRV_STATIC_PATH_MAX + 1];
    (void)snprintf(path, sizeof path, "%s", rel);
    int cur = dirfd;
    char *seg = path;
    for (;;) {
        char *slash = strchr(seg, '/');
        if (slash)
            *slash = '\0';
        const char *leaf = seg[0] ? seg : "index.html";
        int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (slash ? O_DIRECTORY : 0);
        int fd = openat(cur, leaf, flags);
        if (cur != dirfd)
            close(cur);
        if (fd < 0)
            return -1;
        if (slash) {
            cur = fd;
            seg = slash + 1;
            continue;
        }
        struct stat sb;
        if (fstat(fd, &sb) != 0) {
            close(fd);
            return -1;
        }
        if (S_ISDIR(sb.st_mode)) {
            if (!seg[0]) {
                close(fd);
                return -1;
            }
            cur = fd;
            seg = path + strlen(path); /* "": the index */
            (void)snprintf(name, cap, "index.html");
            continue;
        }
        if (!S_ISREG(sb.st_mode)) {
            close(fd);
            return -1;
        }
        if (!name[0])
            srv_copy(name, cap, leaf);
        return fd;
    }
}

static void answer_static(const srv_context *ctx, srv_params *prm, const srv_headers *h,
                          srv_response *res)
{
    char name[256] = "";
    int fd = ctx->static_fd >= 0 ? static_open(ctx->static_fd, prm->file, name, sizeof name) : -1;
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size > (off_t)STATIC_FILE_MAX) {
        if (fd >= 0)
            close(fd);
        answer_code(prm, res, VQR_ERR_HTTP_NOT_FOUND, "", "");
        return;
    }
    uint64_t tag = 0xcbf29ce484222325ULL;
    long long parts[4] = { (long long)sb.st_ino, (long long)sb.st_size, (long long)sb.st_mtime,
                           (long long)sb.st_mtim.tv_nsec };
    tag = fnv(tag, parts, sizeof parts);
    (void)snprintf(res->etag, sizeof res->etag, "\"s%016llx\"", (unsigned long long)tag);
    res->content_type = static_type(name);
    res->cache = "no-cache";
    if (etag_matches(h->if_none_match, res->etag)) {
        close(fd);
        res->status = 304;
        res->not_modified = true;
        return;
    }
    size_t size = (size_t)sb.st_size, got = 0;
    char *data = malloc(size ? size : 1);
    while (data && got < size) {
        ssize_t r = read(fd, data + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!data || got != size) {
        free(data);
        answer_code(prm, res, VQR_ERR_HTTP_NOT_FOUND, "", "");
        return;
    }
    srv_buf_free(&res->body);
    res->body.data = data;
    res->body.len = res->body.cap = size;
}

/* ---- dispatch ------------------------------------------------------------ */

void srv_answer(const srv_context *ctx, srv_params *prm, const srv_headers *h, srv_response *res)
{
    memset(res, 0, sizeof *res);
    res->status = 200;
    res->code = VQR_OK;
    if (prm->status != 200) {
        srv_answer_error(prm, res);
        return;
    }
    srv_policy *pol = srv_holder_get(ctx->policy);
    bool keyed = prm->route == SRV_ROUTE_GENERATE || prm->route == SRV_ROUTE_DECODE ||
                 prm->route == SRV_ROUTE_CHECK;
    if (keyed && srv_policy_needs_key(pol)) {
        res->client = srv_policy_check_key(pol, h->client_id, h->api_key);
        if (!res->client) {
            answer_code(prm, res, VQR_ERR_UNAUTHORIZED, "",
                        h->client_id ? "x-api-key" : "x-client-id");
            srv_holder_put(ctx->policy, pol);
            return;
        }
    }
    switch (prm->route) {
    case SRV_ROUTE_GENERATE:
        answer_generate(ctx, pol, prm, res);
        break;
    case SRV_ROUTE_IMAGE:
        answer_image(ctx, pol, prm, h, res);
        break;
    case SRV_ROUTE_BANKS:
        res->content_type = "application/json; charset=utf-8";
        res->cache = "public, max-age=3600";
        srv_copy(res->etag, sizeof res->etag, ctx->banks_etag);
        if (etag_matches(h->if_none_match, res->etag)) {
            res->status = 304;
            res->not_modified = true;
        } else {
            res->static_body = ctx->banks_json;
            res->static_len = ctx->banks_len;
        }
        break;
    case SRV_ROUTE_DECODE:
    case SRV_ROUTE_CHECK:
        answer_decode(prm, res, prm->route == SRV_ROUTE_CHECK);
        break;
    case SRV_ROUTE_HEALTHZ: {
        json_t *tmpls = json_array();
        for (int t = 0; t < SRV_TEMPLATE_COUNT; t++)
            if (srv_template_available((srv_template)t))
                json_array_append_new(tmpls, json_string(srv_template_name((srv_template)t)));
        res->cache = "no-store";
        set_json(res,
                 json_pack("{s:s, s:s, s:s, s:o}", "status", "ok", "version", vqr_version_string(),
                           "dataVersion", vqr_bank_data_version(), "templates", tmpls));
        break;
    }
    case SRV_ROUTE_METRICS:
        res->content_type = "text/plain; version=0.0.4; charset=utf-8";
        res->cache = "no-store";
        srv_metrics_text(&res->body);
        break;
    case SRV_ROUTE_STATIC:
        answer_static(ctx, prm, h, res);
        break;
    case SRV_ROUTE_PREFLIGHT:
        res->status = 204;
        res->allow = prm->allow;
        break;
    default:
        answer_code(prm, res, VQR_ERR_HTTP_NOT_FOUND, "", "");
        break;
    }
    srv_holder_put(ctx->policy, pol);
}

void srv_banks_etag(const char *json, size_t len, char out[40])
{
    uint64_t h = fnv(0xcbf29ce484222325ULL, json, len);
    (void)snprintf(out, 40, "\"b%016llx\"", (unsigned long long)h);
}
