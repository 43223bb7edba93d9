/*
 * srv_http.c - the HTTP side of `vietqr serve`, on libmicrohttpd.
 *
 * libmicrohttpd parses HTTP; this file holds the service to its limits:
 *  - connections: at most --max-connections, --max-connections-per-ip
 *    from one address (libmicrohttpd closes the extra ones at once);
 *  - time: a connection idle for --idle-timeout is closed by
 *    libmicrohttpd; and every request must be received and answered within
 *    --request-timeout of the end of the previous one (or of the
 *    connection's start): a reaper thread shuts down the socket of any
 *    connection past that deadline, so that a client sending one byte a
 *    second cannot hold a connection;
 *  - size: headers over --max-header bytes get 431, a body over
 *    --max-body bytes 413 (as soon as it is announced or seen);
 * and logs every request as one JSON line.
 */
#include "srv_internal.h"

#include "../cli.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* libmicrohttpd accepts this many connections beyond --max-connections, so
 * that the service decides which to close (make_room) instead of leaving
 * new ones waiting in the kernel's queue. */
#define SRV_SPARE_CONNECTIONS 64

/* A client address: family and bytes (IPv4 or IPv6). */
typedef struct srv_addr {
    unsigned char b[17];
} srv_addr;

/* Open connections per client address (linear probing; deletion by
 * backward shift, so that the table never fills with tombstones). */
typedef struct addr_slot {
    srv_addr key;
    unsigned count; /* 0: the slot is free */
} addr_slot;

typedef struct addr_table {
    addr_slot *slot;
    size_t mask;
} addr_table;

/* The kernel's queue of connections not yet accepted (capped by
 * net.core.somaxconn): long enough that a burst of connections is not
 * dropped (a client would retry only a second later) while libmicrohttpd
 * accepts them, closing those over the limits at once. */
#define SRV_LISTEN_BACKLOG 4096

/* One open connection, registered while it lives. */
typedef struct srv_conn {
    struct srv_conn *prev, *next;
    srv_addr addr;
    int fd;
    double phase_start; /* start of the current request's time budget */
    bool busy;          /* a request is being answered */
    bool cut;           /* shut down by the service, not yet closed */
    char remote[64];
} srv_conn;

/* One request (libmicrohttpd's request closure). */
typedef struct srv_req {
    double t0;
    srv_conn *conn;
    srv_buf body;
    bool too_large;
    bool answered;
    srv_route route;
    int status;
    vqr_status code;
    size_t bytes;
    char client[SRV_CLIENT_ID_MAX + 1];
    char method[16];
    char path[256]; /* the raw path (no query: it may hold personal data) */
} srv_req;

struct srv_server {
    const srv_config *cfg;
    srv_context ctx;
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock; /* the registry and the counters below */
    srv_conn *conns;
    addr_table per_addr;
    size_t n_conns; /* registered */
    size_t n_cut;   /* registered but shut down */
    unsigned in_flight;
    bool draining;
    bool stop_reaper;
    pthread_cond_t wake;
    pthread_t reaper;
    int log_fd; /* access log, or -1 */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- JSON lines ---------------------------------------------------------- */

/* Appends `s` as the content of a JSON string: valid UTF-8 as it is,
 * except the characters of the one escaping rule (controls, bidi,
 * invisible, separators: vqr_text_unsafe), written as \uXXXX; malformed
 * bytes as U+FFFD. A request line or header shown by `tail` on a terminal
 * can then neither move the cursor nor reorder the line. */
static void json_text(srv_buf *b, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c == '"' || c == '\\') {
            char esc[2] = { '\\', (char)c };
            srv_buf_put(b, esc, 2);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            srv_buf_printf(b, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            srv_buf_put(b, s + i, 1);
            i++;
        } else {
            unsigned long cp;
            size_t n = srv_utf8_seq(u + i, len - i, &cp);
            if (n == 0) {
                srv_buf_puts(b, "\\ufffd");
                n = 1;
            } else if (vqr_text_unsafe(s + i, n, NULL, NULL) != 0) {
                if (cp > 0xFFFF) /* a surrogate pair, as RFC 8259 writes it */
                    srv_buf_printf(b, "\\u%04lx\\u%04lx", 0xD800 + ((cp - 0x10000) >> 10),
                                   0xDC00 + ((cp - 0x10000) & 0x3FF));
                else
                    srv_buf_printf(b, "\\u%04lx", cp);
            } else {
                srv_buf_put(b, s + i, n);
            }
            i += n;
        }
    }
}

static void iso_time(char *out, size_t cap)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char date[32];
    (void)strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    (void)snprintf(out, cap, "%.20s.%03dZ", date, (int)(ts.tv_nsec / 1000000) % 1000);
}

/* Writes a whole line with one write(2). */
static void write_line(int fd, srv_buf *b)
{
    if (fd < 0 || b->failed)
        return;
    const char *p = b->data;
    size_t left = b->len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        left -= (size_t)w;
    }
}

void srv_event(const char *event, const char *fmt, ...)
{
    srv_buf b = { 0 };
    char ts[48];
    iso_time(ts, sizeof ts);
    srv_buf_printf(&b, "{\"time\":\"%s\",\"event\":\"%s\"", ts, event);
    if (fmt && fmt[0]) {
        char msg[1024];
        va_list ap;
        va_start(ap, fmt);
        (void)vsnprintf(msg, sizeof msg, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
        va_end(ap);
        srv_buf_puts(&b, ",\"message\":\"");
        json_text(&b, msg, strlen(msg));
        srv_buf_puts(&b, "\"");
    }
    srv_buf_puts(&b, "}\n");
    write_line(STDERR_FILENO, &b);
    srv_buf_free(&b);
}

static void access_log(struct srv_server *s, const srv_req *r)
{
    const char *method = r->method, *url = r->path;
    if (s->log_fd < 0)
        return;
    srv_buf b = { 0 };
    char ts[48];
    iso_time(ts, sizeof ts);
    srv_buf_printf(&b, "{\"time\":\"%s\",\"remote\":\"", ts);
    json_text(&b, r->conn ? r->conn->remote : "", r->conn ? strlen(r->conn->remote) : 0);
    srv_buf_puts(&b, "\",\"method\":\"");
    json_text(&b, method, strlen(method));
    srv_buf_puts(&b, "\",\"path\":\"");
    json_text(&b, url, strlen(url));
    srv_buf_printf(&b,
                   "\",\"route\":\"%s\",\"status\":%d,\"code\":%d,\"bytes\":%zu,\"ms\":%.3f,"
                   "\"client\":",
                   srv_route_name(r->route), r->status, (int)r->code, r->bytes,
                   (now_s() - r->t0) * 1000.0);
    if (r->client[0]) {
        srv_buf_puts(&b, "\"");
        json_text(&b, r->client, strlen(r->client));
        srv_buf_puts(&b, "\"}\n");
    } else {
        srv_buf_puts(&b, "null}\n");
    }
    write_line(s->log_fd, &b);
    srv_buf_free(&b);
}

/* ---- connections and the reaper ---------------------------------------- */

static size_t addr_hash(const srv_addr *a)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < sizeof a->b; i++) {
        h ^= a->b[i];
        h *= 0x100000001b3ULL;
    }
    return (size_t)h;
}

static size_t addr_find(const addr_table *t, const srv_addr *a)
{
    size_t i = addr_hash(a) & t->mask;
    while (t->slot[i].count && memcmp(&t->slot[i].key, a, sizeof *a) != 0)
        i = (i + 1) & t->mask;
    return i;
}

static unsigned addr_count(const addr_table *t, const srv_addr *a)
{
    return t->slot[addr_find(t, a)].count;
}

static void addr_add(addr_table *t, const srv_addr *a)
{
    size_t i = addr_find(t, a);
    t->slot[i].key = *a;
    t->slot[i].count++;
}

static void addr_remove(addr_table *t, const srv_addr *a)
{
    size_t i = addr_find(t, a);
    if (!t->slot[i].count || --t->slot[i].count)
        return;
    /* Shift back the entries that probed past the freed slot. */
    for (size_t j = (i + 1) & t->mask; t->slot[j].count; j = (j + 1) & t->mask) {
        size_t k = addr_hash(&t->slot[j].key) & t->mask;
        bool move = (i <= j) ? (k <= i || k > j) : (k <= i && k > j);
        if (move) {
            t->slot[i] = t->slot[j];
            t->slot[j].count = 0;
            i = j;
        }
    }
}

/* Shuts a registered connection down (under the lock): libmicrohttpd sees
 * the socket closed and releases the connection. The descriptor is still
 * libmicrohttpd's while the connection is registered, so it is the right
 * one. */
static void cut(struct srv_server *s, srv_conn *c, srv_cut_reason why)
{
    if (c->cut || c->fd < 0)
        return;
    shutdown(c->fd, SHUT_RDWR);
    c->cut = true;
    s->n_cut++;
    srv_metrics_cut(why);
}

/* Over --max-connections, one connection without a request in progress is
 * closed to make room: one of the address that holds the most connections,
 * the one idle the longest. So idle or slow connections never lock others
 * out, and a flood closes its own connections first, not those of an
 * address with one. When every other connection is answering a request,
 * the new one is refused. Under the lock. */
static void make_room(struct srv_server *s, srv_conn *fresh)
{
    srv_conn *victim = NULL;
    unsigned victim_n = 0;
    for (srv_conn *c = s->conns; c; c = c->next) {
        if (c == fresh || c->busy || c->cut)
            continue;
        unsigned n = addr_count(&s->per_addr, &c->addr);
        if (!victim || n > victim_n || (n == victim_n && c->phase_start < victim->phase_start)) {
            victim = c;
            victim_n = n;
        }
    }
    cut(s, victim ? victim : fresh, victim ? SRV_CUT_EVICTED : SRV_CUT_REFUSED);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct srv_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        srv_conn *conn = calloc(1, sizeof *conn);
        *socket_context = conn;
        if (!conn)
            return;
        const union MHD_ConnectionInfo *fi =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn->fd = fi ? fi->connect_fd : -1;
        const union MHD_ConnectionInfo *ai =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (ai && ai->client_addr) {
            const struct sockaddr *sa = ai->client_addr;
            if (sa->sa_family == AF_INET) {
                const struct sockaddr_in *v4 = (const struct sockaddr_in *)(const void *)sa;
                inet_ntop(AF_INET, &v4->sin_addr, conn->remote, sizeof conn->remote);
                conn->addr.b[0] = 4;
                memcpy(conn->addr.b + 1, &v4->sin_addr, 4);
            } else if (sa->sa_family == AF_INET6) {
                const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)(const void *)sa;
                inet_ntop(AF_INET6, &v6->sin6_addr, conn->remote, sizeof conn->remote);
                conn->addr.b[0] = 6;
                memcpy(conn->addr.b + 1, &v6->sin6_addr, 16);
            }
        }
        conn->phase_start = now_s();
        pthread_mutex_lock(&s->lock);
        conn->next = s->conns;
        if (s->conns)
            s->conns->prev = conn;
        s->conns = conn;
        s->n_conns++;
        addr_add(&s->per_addr, &conn->addr);
        if (s->n_conns - s->n_cut > s->cfg->max_connections)
            make_room(s, conn);
        pthread_mutex_unlock(&s->lock);
        srv_metrics_connections(1);
        return;
    }
    srv_conn *conn = *socket_context;
    if (!conn)
        return;
    /* Called before libmicrohttpd closes the socket: once the connection is
     * out of the registry, the reaper no longer touches its descriptor. */
    pthread_mutex_lock(&s->lock);
    if (conn->cut)
        s->n_cut--;
    if (conn->prev)
        conn->prev->next = conn->next;
    else
        s->conns = conn->next;
    if (conn->next)
        conn->next->prev = conn->prev;
    s->n_conns--;
    addr_remove(&s->per_addr, &conn->addr);
    pthread_mutex_unlock(&s->lock);
    free(conn);
    *socket_context = NULL;
    srv_metrics_connections(-1);
}

static void *reaper_main(void *arg)
{
    struct srv_server *s = arg;
    double limit = s->cfg->request_timeout;
    double tick = limit / 8 < 0.1 ? limit / 8 : 0.1;
    if (tick < 0.005)
        tick = 0.005;
    pthread_mutex_lock(&s->lock);
    while (!s->stop_reaper) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        double t = (double)ts.tv_nsec / 1e9 + tick;
        ts.tv_sec += (time_t)t;
        ts.tv_nsec = (long)((t - floor(t)) * 1e9);
        pthread_cond_timedwait(&s->wake, &s->lock, &ts);
        double now = now_s();
        for (srv_conn *c = s->conns; c; c = c->next)
            if (now - c->phase_start > limit)
                cut(s, c, SRV_CUT_DEADLINE);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ---- requests ------------------------------------------------------------ */

static enum MHD_Result add_kv(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_len,
                              const char *value, size_t value_len)
{
    (void)kind;
    struct {
        srv_kv kv[SRV_QUERY_MAX];
        size_t n;
        bool overflow;
    } *q = cls;
    if (q->n == SRV_QUERY_MAX) {
        q->overflow = true;
        return MHD_NO;
    }
    q->kv[q->n].key = key;
    q->kv[q->n].key_len = key_len;
    q->kv[q->n].value = value;
    q->kv[q->n].value_len = value ? value_len : 0;
    q->n++;
    return MHD_YES;
}

static enum MHD_Result sum_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                  size_t key_len, const char *value, size_t value_len)
{
    (void)kind;
    (void)key;
    (void)value;
    *(size_t *)cls += key_len + value_len + 4;
    return MHD_YES;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The CORS origin to allow for this request, or NULL. */
static const char *cors_origin(const srv_config *cfg, struct MHD_Connection *c)
{
    const char *origin = header(c, "Origin");
    if (!origin || !cfg->n_cors)
        return NULL;
    for (size_t i = 0; i < cfg->n_cors; i++) {
        if (strcmp(cfg->cors[i], "*") == 0)
            return "*";
        if (strcmp(cfg->cors[i], origin) == 0)
            return origin;
    }
    return NULL;
}

static void add_header(struct MHD_Response *resp, const char *name, const char *value)
{
    if (value)
        (void)MHD_add_response_header(resp, name, value);
}

static enum MHD_Result send_response(struct srv_server *s, struct MHD_Connection *c, srv_req *r,
                                     srv_response *res)
{
    struct MHD_Response *resp;
    if (res->body.failed) { /* out of memory while building it: say so, simply */
        srv_buf_free(&res->body);
        srv_params err;
        memset(&err, 0, sizeof err);
        srv_error(&err.err, VQR_ERR_NO_MEMORY, "");
        err.status = 400;
        srv_answer_error(&err, res);
    }
    if (res->static_body)
        resp = MHD_create_response_from_buffer(res->static_len, (void *)res->static_body,
                                               MHD_RESPMEM_PERSISTENT);
    else if (res->body.len)
        resp =
            MHD_create_response_from_buffer(res->body.len, res->body.data, MHD_RESPMEM_MUST_FREE);
    else
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        srv_buf_free(&res->body);
        return MHD_NO;
    }
    if (!res->static_body && res->body.len) {
        res->body.data = NULL; /* libmicrohttpd frees it */
    }
    r->bytes = res->static_body ? res->static_len : res->body.len;
    add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, res->not_modified ? NULL : res->content_type);
    add_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, res->cache);
    add_header(resp, MHD_HTTP_HEADER_ETAG, res->etag[0] ? res->etag : NULL);
    add_header(resp, MHD_HTTP_HEADER_ALLOW, res->allow);
    add_header(resp, "X-Content-Type-Options", "nosniff");
    const char *origin = cors_origin(s->cfg, c);
    if (origin) {
        add_header(resp, "Access-Control-Allow-Origin", origin);
        add_header(resp, "Access-Control-Expose-Headers", "ETag");
        if (strcmp(origin, "*") != 0)
            add_header(resp, MHD_HTTP_HEADER_VARY, "Origin");
        if (r->route == SRV_ROUTE_PREFLIGHT) {
            add_header(resp, "Access-Control-Allow-Methods", res->allow);
            add_header(resp, "Access-Control-Allow-Headers",
                       "Content-Type, X-Client-Id, X-Api-Key");
            add_header(resp, "Access-Control-Max-Age", "600");
        }
    }
    pthread_mutex_lock(&s->lock);
    bool draining = s->draining;
    pthread_mutex_unlock(&s->lock);
    if (draining || r->too_large)
        add_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    r->status = res->status;
    r->code = res->code;
    if (res->client)
        srv_copy(r->client, sizeof r->client, res->client);
    r->answered = true;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Answers with the error `code` before the request is mapped. */
static enum MHD_Result send_error(struct srv_server *s, struct MHD_Connection *c, srv_req *r,
                                  vqr_status code, int status)
{
    srv_params *prm = calloc(1, sizeof *prm);
    if (!prm)
        return MHD_NO;
    srv_error(&prm->err, code, "");
    prm->status = status;
    srv_response res;
    memset(&res, 0, sizeof res);
    srv_answer_error(prm, &res);
    res.status = status;
    free(prm);
    srv_metrics_reject(code);
    return send_response(s, c, r, &res);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)version;
    struct srv_server *s = cls;
    srv_req *r = *req_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        *req_cls = r;
        r->t0 = now_s();
        srv_copy(r->method, sizeof r->method, method);
        srv_copy(r->path, sizeof r->path, url);
        r->route = SRV_ROUTE_OTHER;
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        r->conn = ci ? ci->socket_context : NULL;
        pthread_mutex_lock(&s->lock);
        s->in_flight++;
        if (r->conn)
            r->conn->busy = true;
        pthread_mutex_unlock(&s->lock);
        srv_metrics_in_flight(1);

        size_t head = strlen(url) + strlen(method) + 16;
        MHD_get_connection_values_n(c, MHD_HEADER_KIND, sum_header, &head);
        if (head > s->cfg->max_header)
            return send_error(s, c, r, VQR_ERR_HTTP_TOO_LARGE, 431);
        const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || *end || n > s->cfg->max_body) {
                r->too_large = true;
                /* A client waiting for "100 Continue" gets the answer now
                 * and never sends the body. */
                const char *expect = header(c, MHD_HTTP_HEADER_EXPECT);
                if (expect && strcasecmp(expect, "100-continue") == 0)
                    return send_error(s, c, r, VQR_ERR_HTTP_TOO_LARGE, 413);
            }
        }
        return MHD_YES; /* the body, if any, comes next */
    }
    if (r->answered) {
        *upload_data_size = 0; /* what follows an early answer is dropped */
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* A body over the limit is read and dropped (the request deadline
         * bounds it), then answered with 413: answering while the client
         * still sends would reset the connection and lose the answer. */
        if (!r->too_large && r->body.len + *upload_data_size > s->cfg->max_body) {
            r->too_large = true;
            srv_buf_free(&r->body);
        }
        if (!r->too_large)
            srv_buf_put(&r->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->too_large)
        return send_error(s, c, r, VQR_ERR_HTTP_TOO_LARGE, 413);

    /* The whole request is here. */
    struct {
        srv_kv kv[SRV_QUERY_MAX];
        size_t n;
        bool overflow;
    } q;
    q.n = 0;
    q.overflow = false;
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, add_kv, &q);
    srv_request req;
    req.method = method;
    req.path = url;
    req.path_len = strlen(url);
    req.query = q.kv;
    req.n_query = q.n;
    req.content_type = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
    req.body = r->body.data ? r->body.data : "";
    req.body_len = r->body.len;
    req.have_static = s->ctx.static_fd >= 0;
    req.cors = s->cfg->n_cors > 0;

    srv_params *prm = malloc(sizeof *prm);
    if (!prm)
        return MHD_NO;
    srv_map(&req, prm);
    if (q.overflow && prm->status == 200) {
        srv_error(&prm->err, VQR_ERR_FIELD, "");
        prm->status = 400;
    }
    r->route = prm->route;
    srv_headers h;
    h.client_id = header(c, "x-client-id");
    h.api_key = header(c, "x-api-key");
    h.if_none_match = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
    srv_response res;
    srv_answer(&s->ctx, prm, &h, &res);
    free(prm);
    if (res.code != VQR_OK)
        srv_metrics_reject(res.code);
    return send_response(s, c, r, &res);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    struct srv_server *s = cls;
    srv_req *r = *req_cls;
    if (!r)
        return;
    *req_cls = NULL;
    /* A request never answered (the client left, or the connection was cut)
     * is logged with status 0. */
    if (r->answered)
        srv_metrics_request(r->route, r->status, now_s() - r->t0);
    access_log(s, r);
    pthread_mutex_lock(&s->lock);
    if (r->conn) {
        r->conn->phase_start = now_s();
        r->conn->busy = false;
    }
    s->in_flight--;
    pthread_mutex_unlock(&s->lock);
    srv_metrics_in_flight(-1);
    srv_buf_free(&r->body);
    free(r);
}

/* Keeps every byte as sent: srv_map decodes the path and the query itself,
 * strictly. */
static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

/* ---- the server --------------------------------------------------------- */

/* Parses "HOST:PORT", "[V6]:PORT" or ":PORT" into a socket address. */
static bool parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len)
{
    char host[128];
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec + strlen(spec) - 1)
        return false;
    size_t hlen = (size_t)(colon - spec);
    const char *h = spec;
    if (hlen >= 2 && spec[0] == '[' && spec[hlen - 1] == ']') {
        h++;
        hlen -= 2;
    }
    if (hlen >= sizeof host)
        return false;
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    char *end;
    errno = 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (errno || *end || port > 65535 || colon[1] < '0' || colon[1] > '9')
        return false;
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)(void *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)(void *)ss;
    if (hlen == 0 || inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        if (hlen == 0)
            v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        *len = sizeof *v4;
        return true;
    }
    if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        *len = sizeof *v6;
        return true;
    }
    return false;
}

/* "ADDR:PORT" of a bound socket. */
static void sock_name(int fd, char *out, size_t cap)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
        if (ss.ss_family == AF_INET) {
            const struct sockaddr_in *v4 = (const struct sockaddr_in *)(const void *)&ss;
            inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
            port = ntohs(v4->sin_port);
        } else if (ss.ss_family == AF_INET6) {
            const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)(const void *)&ss;
            inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
            port = ntohs(v6->sin6_port);
            (void)snprintf(out, cap, "[%s]:%u", host, port);
            return;
        }
    }
    (void)snprintf(out, cap, "%s:%u", host, port);
}

/* Writes `text` to `path` whole, through a temporary file renamed over it. */
static bool write_whole(const char *path, const char *text)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return false;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    size_t len = strlen(text);
    bool ok = write(fd, text, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return true;
    unlink(tmp);
    return false;
}

/* systemd's readiness protocol (sd_notify), when NOTIFY_SOCKET is set. */
static void notify(const char *state)
{
    const char *path = getenv("NOTIFY_SOCKET");
    if (!path || (path[0] != '/' && path[0] != '@'))
        return;
    struct sockaddr_un sa;
    size_t n = strlen(path);
    if (n >= sizeof sa.sun_path)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, n);
    if (sa.sun_path[0] == '@')
        sa.sun_path[0] = '\0';
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    (void)sendto(fd, state, strlen(state), MSG_NOSIGNAL, (const struct sockaddr *)&sa,
                 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n));
    close(fd);
}

static int open_log(const char *spec)
{
    if (!spec || strcmp(spec, "-") == 0)
        return STDOUT_FILENO;
    if (strcmp(spec, "none") == 0)
        return -1;
    return open(spec, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

/* SIGHUP: the payees and keys read again and swapped in whole (or kept, if
 * either file fails), and the access log reopened (after a rotation). */
static void reload(struct srv_server *s)
{
    notify("RELOADING=1");
    char err[512];
    srv_policy *p = srv_policy_load(s->cfg->payees, s->cfg->keys, err, sizeof err);
    if (p) {
        srv_holder_swap(s->ctx.policy, p);
        srv_metrics_reload(true);
        srv_event("reload", "payees %zu, keys %zu", srv_policy_payees(p), srv_policy_keys(p));
    } else {
        srv_metrics_reload(false);
        srv_event("reload-failed", "%s (the previous payees and keys stay in force)", err);
    }
    if (s->log_fd > STDERR_FILENO) {
        int fd = open_log(s->cfg->access_log);
        if (fd >= 0) {
            /* dup2 swaps the descriptor atomically for the writers */
            dup2(fd, s->log_fd);
            close(fd);
        } else {
            srv_event("log-failed", "%s: %s", s->cfg->access_log, strerror(errno));
        }
    }
    notify("READY=1");
}

int srv_run(const srv_config *cfg)
{
    struct srv_server s;
    memset(&s, 0, sizeof s);
    s.cfg = cfg;
    s.ctx.cfg = cfg;
    s.ctx.static_fd = -1;
    s.log_fd = -1;
    int status = 2, listen_fd = -1;
    srv_holder holder;
    char err[512];
    char cache[64];
    char *banks = NULL;

    vqr_error pe;
    VQR_INIT(&pe);
    static cli_print print; /* the tool's handle on libvietqr-print, for the process */
    if (cli_print_open("serve", &print) != CLI_OK)
        return 2;
    if (srv_image_init(&print, &pe) != VQR_OK) {
        srv_event("error",
                  "the templates cannot be drawn: %s (%s; Debian: apt-get install "
                  "fonts-noto-core)",
                  pe.message, pe.name);
        return 2;
    }
    srv_policy *pol = srv_policy_load(cfg->payees, cfg->keys, err, sizeof err);
    if (!pol) {
        srv_event("error", "%s", err);
        return 2;
    }
    srv_holder_init(&holder, pol);
    s.ctx.policy = &holder;
    (void)snprintf(cache, sizeof cache, "public, max-age=%u", cfg->image_max_age);
    s.ctx.image_cache = cache;
    s.ctx.cache = srv_cache_new(cfg->cache_size);
    if (cfg->cache_size && !s.ctx.cache) {
        srv_event("error", "out of memory");
        goto out;
    }
    size_t banks_len = 0;
    banks = srv_banks_json(&banks_len);
    if (!banks) {
        srv_event("error", "out of memory");
        goto out;
    }
    s.ctx.banks_json = banks;
    s.ctx.banks_len = banks_len;
    srv_banks_etag(banks, banks_len, s.ctx.banks_etag);
    if (cfg->static_dir) {
        s.ctx.static_fd = open(cfg->static_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (s.ctx.static_fd < 0) {
            srv_event("error", "--static %s: %s", cfg->static_dir, strerror(errno));
            goto out;
        }
    }
    s.log_fd = open_log(cfg->access_log);
    if (s.log_fd < 0 && cfg->access_log && strcmp(cfg->access_log, "none") != 0) {
        srv_event("error", "--access-log %s: %s", cfg->access_log, strerror(errno));
        goto out;
    }

    struct sockaddr_storage ss;
    socklen_t ss_len;
    if (!parse_listen(cfg->listen, &ss, &ss_len)) {
        srv_event("error", "--listen %s: expected ADDRESS:PORT", cfg->listen);
        goto out;
    }
    listen_fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int one = 1;
    if (listen_fd < 0 || setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(listen_fd, (struct sockaddr *)&ss, ss_len) != 0 ||
        listen(listen_fd, SRV_LISTEN_BACKLOG) != 0) {
        srv_event("error", "--listen %s: %s", cfg->listen, strerror(errno));
        goto out;
    }

    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGHUP);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* every thread started below inherits it */
    (void)signal(SIGPIPE, SIG_IGN);

    size_t slots = 64;
    while (slots < 2 * ((size_t)cfg->max_connections + SRV_SPARE_CONNECTIONS))
        slots *= 2;
    s.per_addr.slot = calloc(slots, sizeof *s.per_addr.slot);
    s.per_addr.mask = slots - 1;
    if (!s.per_addr.slot) {
        srv_event("error", "out of memory");
        goto out;
    }
    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.wake, NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC;
#ifdef __linux__
    flags |= MHD_USE_EPOLL;
#else
    flags |= MHD_USE_POLL;
#endif
    size_t mem = cfg->max_header + cfg->max_body + 16384;
    if (mem < 65536)
        mem = 65536;
    unsigned idle = (unsigned)ceil(cfg->idle_timeout);
    s.daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &s, MHD_OPTION_LISTEN_SOCKET, listen_fd,
        MHD_OPTION_THREAD_POOL_SIZE, cfg->threads > 1 ? cfg->threads : 0,
        MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections + SRV_SPARE_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
        idle ? idle : 1, MHD_OPTION_CONNECTION_MEMORY_LIMIT, mem, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, &s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_SIGPIPE_HANDLED_BY_APP, 1, MHD_OPTION_END);
    if (!s.daemon) {
        srv_event("error", "libmicrohttpd could not start on %s", cfg->listen);
        goto out_sync;
    }
    if (pthread_create(&s.reaper, NULL, reaper_main, &s) != 0) {
        srv_event("error", "cannot start a thread");
        MHD_stop_daemon(s.daemon);
        goto out_sync;
    }

    char where[96];
    sock_name(listen_fd, where, sizeof where);
    if (cfg->ready_file) {
        char line[128];
        (void)snprintf(line, sizeof line, "%s\n", where);
        if (!write_whole(cfg->ready_file, line))
            srv_event("error", "--ready-file %s: %s", cfg->ready_file, strerror(errno));
    }
    srv_event("start", "listening on http://%s/ (threads %u, payees %zu, keys %zu)", where,
              cfg->threads, srv_policy_payees(pol), srv_policy_keys(pol));
    notify("READY=1");

    for (;;) {
        int sig;
        if (sigwait(&sigs, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            reload(&s);
            continue;
        }
        break;
    }

    /* SIGTERM or SIGINT: stop accepting, let the requests in flight finish
     * (for at most --drain-timeout), then close every connection. */
    notify("STOPPING=1");
    pthread_mutex_lock(&s.lock);
    s.draining = true;
    pthread_mutex_unlock(&s.lock);
    MHD_socket lfd = MHD_quiesce_daemon(s.daemon);
    if (lfd != MHD_INVALID_SOCKET)
        close(lfd);
    listen_fd = -1;
    double until = now_s() + cfg->drain_timeout;
    unsigned left;
    for (;;) {
        pthread_mutex_lock(&s.lock);
        left = s.in_flight;
        pthread_mutex_unlock(&s.lock);
        if (left == 0 || now_s() >= until)
            break;
        struct timespec ts = { 0, 10000000L };
        nanosleep(&ts, NULL);
    }
    pthread_mutex_lock(&s.lock);
    s.stop_reaper = true;
    pthread_cond_signal(&s.wake);
    pthread_mutex_unlock(&s.lock);
    pthread_join(s.reaper, NULL);
    MHD_stop_daemon(s.daemon);
    if (left)
        srv_event("stop", "%u requests still in flight after the drain timeout", left);
    else
        srv_event("stop", "every request in flight answered");
    status = 0;
out_sync:
    pthread_cond_destroy(&s.wake);
    pthread_mutex_destroy(&s.lock);
out:
    if (listen_fd >= 0)
        close(listen_fd);
    if (s.ctx.static_fd >= 0)
        close(s.ctx.static_fd);
    if (s.log_fd > STDERR_FILENO)
        close(s.log_fd);
    free(banks);
    free(s.per_addr.slot);
    srv_cache_free(s.ctx.cache);
    srv_holder_destroy(&holder);
    return status;
}
