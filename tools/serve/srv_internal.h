/*
 * srv_internal.h - the parts of `vietqr serve` beyond the request mapping:
 * policy, images, metrics, responses and the server itself.
 */
#ifndef VQR_SRV_INTERNAL_H
#define VQR_SRV_INTERNAL_H

#include "serve.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define SRV_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SRV_PRINTF(a, b)
#endif

/* ---- srv_buf.c: a growable byte buffer -------------------------------- */

typedef struct srv_buf {
    char *data;
    size_t len, cap;
    bool failed; /* an allocation failed: the content is incomplete */
} srv_buf;

void srv_buf_put(srv_buf *b, const void *data, size_t len);
void srv_buf_puts(srv_buf *b, const char *s);
void srv_buf_printf(srv_buf *b, const char *fmt, ...) SRV_PRINTF(2, 3);
void srv_buf_free(srv_buf *b);

/* ---- srv_policy.c: payees and API keys -------------------------------- */

#define SRV_CLIENT_ID_MAX 64
#define SRV_API_KEY_MIN 16

typedef struct srv_policy srv_policy;

/* Loads the files (either may be NULL). NULL on failure, with `err` saying
 * which file, which row or line, and why. */
srv_policy *srv_policy_load(const char *payees, const char *keys, char *err, size_t cap);
bool srv_policy_allowlist(const srv_policy *p);
size_t srv_policy_payees(const srv_policy *p);
size_t srv_policy_keys(const srv_policy *p);
/* VQR_OK when the allowlist (if any) holds prm's bank and account; fills
 * prm->account_name from the list when the request gives none, and fails
 * when it gives another name. VQR_ERR_PAYEE_NOT_ALLOWED with prm->err. */
vqr_status srv_policy_payee(const srv_policy *p, srv_params *prm);
/* Whether requests need an API key. */
bool srv_policy_needs_key(const srv_policy *p);
/* The client ID when `client` and `key` match the keys file (compared in
 * constant time), else NULL. */
const char *srv_policy_check_key(const srv_policy *p, const char *client, const char *key);

/* The current policy, swapped whole on reload. */
typedef struct srv_holder {
    pthread_mutex_t lock;
    srv_policy *cur;
} srv_holder;

void srv_holder_init(srv_holder *h, srv_policy *p);
srv_policy *srv_holder_get(srv_holder *h); /* a reference; give it back with _put */
void srv_holder_put(srv_holder *h, srv_policy *p);
void srv_holder_swap(srv_holder *h, srv_policy *p);
void srv_holder_destroy(srv_holder *h);

/* ---- srv_image.c: images ----------------------------------------------- */

typedef struct srv_image {
    unsigned char *data; /* malloc'd */
    size_t len;
} srv_image;

const char *srv_format_mime(srv_format f);
/* Whether this build draws the template (every template with the print
 * library; qr_only always). */
bool srv_template_available(srv_template t);
/* Prepares the drawing of templates with libvietqr-print, opened by the
 * tool (tools/print_api.c): fonts, at start-up, before any thread. */
struct cli_print;
vqr_status srv_image_init(const struct cli_print *print, vqr_error *e);
/* Draws the image of a mapped generate or image request. */
vqr_status srv_image_draw(const srv_params *p, srv_template t, srv_format f, srv_image *out,
                          vqr_error *e);
void srv_image_free(srv_image *img);
/* Encodes `height` rows of grey (components 1) or RGB (3) pixels as a JPEG. */
vqr_status srv_jpeg_rows(unsigned char *const *rows, unsigned width, unsigned height,
                         int components, srv_image *out, vqr_error *e);

/* ---- srv_cache.c: images drawn lately ----------------------------------- */

typedef struct srv_cache srv_cache;
/* A cache of at most `limit` bytes; NULL (no cache) when `limit` is 0. */
srv_cache *srv_cache_new(size_t limit);
void srv_cache_free(srv_cache *c);
/* A copy of the image cached under `key` (malloc'd), or false. */
bool srv_cache_get(srv_cache *c, const char *key, size_t key_len, srv_image *out);
/* Keeps a copy of `img` under `key`, the least recently used out first. */
void srv_cache_put(srv_cache *c, const char *key, size_t key_len, const srv_image *img);

/* ---- srv_metrics.c -------------------------------------------------------- */

void srv_metrics_request(srv_route r, int status, double seconds);
void srv_metrics_reject(vqr_status code);
void srv_metrics_image(srv_template t, srv_format f);
void srv_metrics_cache(bool hit);
typedef enum srv_cut_reason {
    SRV_CUT_DEADLINE, /* a request not received and answered in time */
    SRV_CUT_EVICTED,  /* idle, closed to make room for a new connection */
    SRV_CUT_REFUSED,  /* new, refused: every other connection was busy */
    SRV_CUT_COUNT
} srv_cut_reason;
void srv_metrics_cut(srv_cut_reason why);
void srv_metrics_reload(bool ok);
void srv_metrics_connections(int delta);
void srv_metrics_in_flight(int delta);
/* The Prometheus text exposition (version 0.0.4) into `b`. */
void srv_metrics_text(srv_buf *b);

/* ---- srv_api.c: the endpoints ----------------------------------------- */

typedef struct srv_config {
    const char *listen;
    const char *payees;
    const char *keys;
    const char *static_dir;
    const char **cors;
    size_t n_cors;
    unsigned threads;
    unsigned max_connections;
    unsigned max_per_ip;
    size_t max_body;
    size_t max_header;
    double idle_timeout;
    double request_timeout;
    double drain_timeout;
    unsigned image_max_age;
    size_t cache_size; /* bytes of images kept, 0 for none */
    const char *access_log;
    const char *ready_file;
} srv_config;

/* A response, built by the endpoints and sent by srv_http.c. */
typedef struct srv_response {
    int status;
    const char *content_type;
    srv_buf body;
    char etag[40];           /* "" when none */
    const char *cache;       /* Cache-Control, or NULL */
    const char *allow;       /* Allow (405, preflight), or NULL */
    bool not_modified;       /* 304: the client holds it (etag matched) */
    vqr_status code;         /* the library code of an error, VQR_OK else */
    const char *client;      /* the authenticated client ID, or NULL */
    const void *static_body; /* a body that outlives the response, or NULL */
    size_t static_len;
} srv_response;

/* What the endpoints need besides the request. */
typedef struct srv_context {
    const srv_config *cfg;
    srv_holder *policy;
    const char *banks_json; /* GET /v2/banks, built once */
    size_t banks_len;
    char banks_etag[40];
    const char *image_cache; /* Cache-Control of images */
    srv_cache *cache;        /* images drawn lately, or NULL */
    int static_fd;           /* the --static directory, or -1 */
} srv_context;

/* The ETag of the bank list. */
void srv_banks_etag(const char *json, size_t len, char out[40]);

/* Answers one request: the mapped parameters `prm` (mapping included),
 * the headers the endpoints read, into `res`. Never fails: an error is a
 * 4xx JSON response. */
typedef struct srv_headers {
    const char *client_id;     /* x-client-id */
    const char *api_key;       /* x-api-key */
    const char *if_none_match; /* If-None-Match */
} srv_headers;

void srv_answer(const srv_context *ctx, srv_params *prm, const srv_headers *h, srv_response *res);
/* The JSON error response of prm->err (status prm->status). */
void srv_answer_error(srv_params *prm, srv_response *res);

/* ---- srv_http.c and cmd_serve.c --------------------------------------- */

/* An event (start, reload, stop, ...) as one JSON line on stderr. */
void srv_event(const char *event, const char *fmt, ...) SRV_PRINTF(2, 3);

/* Runs the service until SIGTERM or SIGINT; returns the exit status. */
int srv_run(const srv_config *cfg);

#endif /* VQR_SRV_INTERNAL_H */
