/*
 * serve.h - `vietqr serve`: declarations shared by its files.
 *
 *   srv_banks.c    the bank directory with VietQR.io's ids and codes
 *   srv_map.c      a request (method, raw path, raw query, body) mapped to
 *                  the parameters of one endpoint, or to an error
 *   srv_policy.c   the payee allowlist and the API keys (reloadable)
 *   srv_image.c    the images: QR and templates as PNG, JPEG and SVG
 *   srv_api.c      the endpoints: parameters in, response out
 *   srv_metrics.c  counters and histograms in Prometheus text format
 *   srv_http.c     libmicrohttpd: connections, limits, deadlines, logging
 *   cmd_serve.c    options, signals, reload and drain
 *
 * srv_banks.c and srv_map.c use only the public header and jansson, so
 * that the fuzz target (fuzz/fuzz_serve_map.c) links them alone.
 */
#ifndef VQR_SERVE_H
#define VQR_SERVE_H

#include "vietqr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- srv_banks.c ------------------------------------------------------ */

/* One row of tools/serve/vietqrio-banks.csv (generated table). */
typedef struct srv_vietqrio_bank {
    const char *bin;
    int id;
    const char *code;       /* VietQR.io's "code": "ICB" */
    const char *short_name; /* VietQR.io's "shortName": "VietinBank" */
    const char *code_key;   /* lookup keys: lower case, [a-z0-9] only */
    const char *short_key;
} srv_vietqrio_bank;

/* The VietQR.io row of a BIN, or NULL when VietQR.io does not list it. */
const srv_vietqrio_bank *srv_vietqrio_by_bin(const char *bin);

/*
 * Resolves what a request calls a bank (`len` bytes of UTF-8) to a BIN
 * (`bin`: six digits and a NUL): six digits are a BIN as they stand (known
 * to the directory or not, as the library accepts them); otherwise
 * VietQR.io's code or short name (case, spaces and punctuation ignored);
 * otherwise the library's directory (vqr_bank_find: short name, alias,
 * former name, SWIFT, full name). Returns VQR_OK, VQR_ERR_BANK_UNKNOWN,
 * VQR_ERR_BANK_AMBIGUOUS or VQR_ERR_UTF8 (with `e` filled, tag 38.01.00).
 */
vqr_status srv_bank_resolve(const char *s, size_t len, char bin[7], vqr_error *e);

/*
 * The directory as GET /v2/banks returns it: a JSON document (UTF-8,
 * NUL-terminated, malloc'd) and its length. NULL when out of memory.
 */
char *srv_banks_json(size_t *len);

/* ---- srv_map.c --------------------------------------------------------- */

/* The endpoints, as counted in the metrics. */
typedef enum srv_route {
    SRV_ROUTE_GENERATE,
    SRV_ROUTE_IMAGE,
    SRV_ROUTE_BANKS,
    SRV_ROUTE_DECODE,
    SRV_ROUTE_CHECK,
    SRV_ROUTE_HEALTHZ,
    SRV_ROUTE_METRICS,
    SRV_ROUTE_STATIC,
    SRV_ROUTE_PREFLIGHT, /* OPTIONS for CORS */
    SRV_ROUTE_OTHER,     /* nothing matched (an error) */
    SRV_ROUTE_COUNT
} srv_route;

/* The route's name in metrics and logs: "generate", "image", ... */
const char *srv_route_name(srv_route r);

typedef enum srv_template {
    SRV_TEMPLATE_COMPACT2,
    SRV_TEMPLATE_COMPACT,
    SRV_TEMPLATE_QR_ONLY,
    SRV_TEMPLATE_PRINT,
    SRV_TEMPLATE_COUNT
} srv_template;

typedef enum srv_format {
    SRV_FORMAT_PNG,
    SRV_FORMAT_JPG,
    SRV_FORMAT_SVG,
    SRV_FORMAT_COUNT
} srv_format;

const char *srv_template_name(srv_template t);
const char *srv_format_name(srv_format f);
/* VietQR.io's documented pixel size of a template. */
void srv_template_size(srv_template t, unsigned *width, unsigned *height);

/* A raw query pair as the HTTP layer split it (on "&" and the first "="),
 * still percent-encoded. `value` is NULL for a key without "=". */
typedef struct srv_kv {
    const char *key;
    size_t key_len;
    const char *value;
    size_t value_len;
} srv_kv;

/* What the HTTP layer hands over. Nothing is decoded yet. */
typedef struct srv_request {
    const char *method; /* "GET", "POST", ... (NUL-terminated) */
    const char *path;   /* raw path, percent-encoded, without the query */
    size_t path_len;
    const srv_kv *query; /* raw query pairs */
    size_t n_query;
    const char *content_type; /* the Content-Type header, or NULL */
    const char *body;         /* the body (may hold any bytes) */
    size_t body_len;
    bool have_static; /* GET of other paths goes to the static files */
    bool cors;        /* OPTIONS preflights are answered */
} srv_request;

/* Most query pairs a request may carry. */
#define SRV_QUERY_MAX 32

/* Length of the well-formed UTF-8 sequence at s[0] (1-4) and its code
 * point, or 0 when malformed (overlong, surrogate, above U+10FFFF, cut). */
size_t srv_utf8_seq(const unsigned char *s, size_t len, unsigned long *cp);

/* Longest accountName, in characters (VietQR.io: 5-50). */
#define SRV_NAME_MAX_CHARS 50
/* Longest static-file path, in bytes once decoded. */
#define SRV_STATIC_PATH_MAX 512

/* The parameters of one request, or why there are none. */
typedef struct srv_params {
    srv_route route;
    /* generate and image */
    srv_template tmpl;
    srv_format format;
    char bin[7];
    char account[VQR_VIETQR_TEXT_MAX];
    bool has_amount;
    uint64_t amount;                               /* VND, when has_amount */
    char add_info[VQR_VIETQR_TEXT_MAX];            /* 62.08 as written (ASCII) */
    char account_name[SRV_NAME_MAX_CHARS * 4 + 1]; /* NFC UTF-8, "" when absent */
    char payload[VQR_PAYLOAD_BUF_SIZE];            /* the payload built */
    size_t payload_len;
    /* decode and check */
    char input[VQR_INPUT_MAX + 1]; /* the payload given, NUL-terminated */
    size_t input_len;
    unsigned parse_flags; /* vqr_parse_flags of the profile asked for */
    bool vi;
    /* static files: the decoded path, relative, "" for the index */
    char file[SRV_STATIC_PATH_MAX + 1];
    /* the answer when mapping failed */
    int status;        /* 200 when the request maps, else the HTTP status */
    const char *allow; /* for 405: the methods the resource answers */
    vqr_error err;     /* the error, with its tag and offsets */
    char field[24];    /* the request field at fault, "" when none */
} srv_params;

/*
 * Maps a request to the parameters of its endpoint. Returns `out->status`:
 * 200 when the request maps (the payload of generate and image is built and
 * valid), else the HTTP status of the error (400, 404, 405, 413 or 415)
 * with `out->err` and `out->field` saying why. Never allocates beyond
 * jansson's parse of the body; thread-safe.
 */
int srv_map(const srv_request *req, srv_params *out);

/* Copies the NUL-terminated `src` into `dst` (`cap` bytes), cut to fit. */
void srv_copy(char *dst, size_t cap, const char *src);

/* Sets `e` to `code` with a tag and no position. Returns `code`. */
vqr_status srv_error(vqr_error *e, vqr_status code, const char *tag);

/* The HTTP status of a library code in a response: 400 unless the code
 * says otherwise (404, 405, 413, 415, 401, 403). */
int srv_status_of(vqr_status code);

#endif /* VQR_SERVE_H */
