/*
 * srv_metrics.c - what GET /metrics reports, in the Prometheus text
 * format: requests by route and status, a latency histogram by route,
 * images drawn by template and format, rejected requests by library code,
 * connections cut by the deadline, reloads, open connections and requests
 * in flight. Counters are process-wide and updated with relaxed atomics.
 */
#include "srv_internal.h"

#include <string.h>

#define ADD(p, v) __atomic_fetch_add((p), (v), __ATOMIC_RELAXED)
#define LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)

static const int k_statuses[] = { 200, 204, 304, 400, 401, 403, 404, 405, 413, 415, 431 };
#define N_STATUS (sizeof k_statuses / sizeof k_statuses[0] + 1) /* + other */

/* Upper bounds of the latency buckets, in seconds. */
static const double k_bounds[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                   0.05,   0.1,   0.25,   0.5,   1,    2.5 };
#define N_BOUNDS (sizeof k_bounds / sizeof k_bounds[0])

#define N_CODES 256

static struct {
    uint64_t requests[SRV_ROUTE_COUNT][N_STATUS];
    uint64_t buckets[SRV_ROUTE_COUNT][N_BOUNDS + 1]; /* not cumulative; last = above */
    uint64_t sum_ns[SRV_ROUTE_COUNT];
    uint64_t images[SRV_TEMPLATE_COUNT][SRV_FORMAT_COUNT];
    uint64_t cache[2]; /* misses, hits */
    uint64_t rejects[N_CODES];
    uint64_t cut[SRV_CUT_COUNT];
    uint64_t reload_ok, reload_failed;
    int64_t connections, in_flight;
} g_m; /* the service's one set of counters (the library has no global state) */

void srv_metrics_request(srv_route r, int status, double seconds)
{
    if ((unsigned)r >= SRV_ROUTE_COUNT)
        r = SRV_ROUTE_OTHER;
    size_t s = 0;
    while (s < N_STATUS - 1 && k_statuses[s] != status)
        s++;
    ADD(&g_m.requests[r][s], 1);
    size_t b = 0;
    while (b < N_BOUNDS && seconds > k_bounds[b])
        b++;
    ADD(&g_m.buckets[r][b], 1);
    ADD(&g_m.sum_ns[r], (uint64_t)(seconds * 1e9));
}

void srv_metrics_reject(vqr_status code)
{
    if ((unsigned)code < N_CODES)
        ADD(&g_m.rejects[code], 1);
}

void srv_metrics_image(srv_template t, srv_format f)
{
    if ((unsigned)t < SRV_TEMPLATE_COUNT && (unsigned)f < SRV_FORMAT_COUNT)
        ADD(&g_m.images[t][f], 1);
}

void srv_metrics_cache(bool hit)
{
    ADD(&g_m.cache[hit ? 1 : 0], 1);
}

void srv_metrics_cut(srv_cut_reason why)
{
    if ((unsigned)why < SRV_CUT_COUNT)
        ADD(&g_m.cut[why], 1);
}

void srv_metrics_reload(bool ok)
{
    ADD(ok ? &g_m.reload_ok : &g_m.reload_failed, 1);
}

void srv_metrics_connections(int delta)
{
    ADD(&g_m.connections, delta);
}

void srv_metrics_in_flight(int delta)
{
    ADD(&g_m.in_flight, delta);
}

void srv_metrics_text(srv_buf *b)
{
    srv_buf_puts(b, "# HELP vietqr_http_requests_total Requests answered, by route and status.\n"
                    "# TYPE vietqr_http_requests_total counter\n");
    for (int r = 0; r < SRV_ROUTE_COUNT; r++)
        for (size_t s = 0; s < N_STATUS; s++) {
            uint64_t n = LOAD(&g_m.requests[r][s]);
            if (!n)
                continue;
            char status[8];
            if (s < N_STATUS - 1)
                (void)snprintf(status, sizeof status, "%d", k_statuses[s]);
            else
                (void)snprintf(status, sizeof status, "other");
            srv_buf_printf(b, "vietqr_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                           srv_route_name((srv_route)r), status, (unsigned long long)n);
        }

    srv_buf_puts(b, "# HELP vietqr_http_request_duration_seconds Time from the request's "
                    "headers to its response, by route.\n"
                    "# TYPE vietqr_http_request_duration_seconds histogram\n");
    for (int r = 0; r < SRV_ROUTE_COUNT; r++) {
        uint64_t total = 0;
        for (size_t i = 0; i <= N_BOUNDS; i++)
            total += LOAD(&g_m.buckets[r][i]);
        if (!total)
            continue;
        const char *name = srv_route_name((srv_route)r);
        uint64_t cum = 0;
        for (size_t i = 0; i < N_BOUNDS; i++) {
            cum += LOAD(&g_m.buckets[r][i]);
            srv_buf_printf(b,
                           "vietqr_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} "
                           "%llu\n",
                           name, k_bounds[i], (unsigned long long)cum);
        }
        srv_buf_printf(b,
                       "vietqr_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} "
                       "%llu\n",
                       name, (unsigned long long)total);
        srv_buf_printf(b, "vietqr_http_request_duration_seconds_sum{route=\"%s\"} %.9f\n", name,
                       (double)LOAD(&g_m.sum_ns[r]) / 1e9);
        srv_buf_printf(b, "vietqr_http_request_duration_seconds_count{route=\"%s\"} %llu\n", name,
                       (unsigned long long)total);
    }

    srv_buf_puts(b, "# HELP vietqr_images_drawn_total Images drawn, by template and format.\n"
                    "# TYPE vietqr_images_drawn_total counter\n");
    for (int t = 0; t < SRV_TEMPLATE_COUNT; t++)
        for (int f = 0; f < SRV_FORMAT_COUNT; f++)
            srv_buf_printf(b, "vietqr_images_drawn_total{template=\"%s\",format=\"%s\"} %llu\n",
                           srv_template_name((srv_template)t), srv_format_name((srv_format)f),
                           (unsigned long long)LOAD(&g_m.images[t][f]));

    srv_buf_printf(b,
                   "# HELP vietqr_image_cache_total Images asked of the cache of images drawn "
                   "lately (--cache-size), by result.\n"
                   "# TYPE vietqr_image_cache_total counter\n"
                   "vietqr_image_cache_total{result=\"hit\"} %llu\n"
                   "vietqr_image_cache_total{result=\"miss\"} %llu\n",
                   (unsigned long long)LOAD(&g_m.cache[1]),
                   (unsigned long long)LOAD(&g_m.cache[0]));

    srv_buf_puts(b, "# HELP vietqr_rejects_total Requests refused, by the library's code.\n"
                    "# TYPE vietqr_rejects_total counter\n");
    for (int c = 0; c < N_CODES; c++) {
        uint64_t n = LOAD(&g_m.rejects[c]);
        if (n)
            srv_buf_printf(b, "vietqr_rejects_total{code=\"%d\",name=\"%s\"} %llu\n", c,
                           vqr_status_name((vqr_status)c), (unsigned long long)n);
    }

    srv_buf_printf(b,
                   "# HELP vietqr_connections_cut_total Connections the service closed: a "
                   "request not received and answered in time (deadline), an idle "
                   "connection closed to make room (evicted), a new one refused when every "
                   "other was busy (refused).\n"
                   "# TYPE vietqr_connections_cut_total counter\n"
                   "vietqr_connections_cut_total{reason=\"deadline\"} %llu\n"
                   "vietqr_connections_cut_total{reason=\"evicted\"} %llu\n"
                   "vietqr_connections_cut_total{reason=\"refused\"} %llu\n"
                   "# HELP vietqr_reloads_total Reloads of the payees and keys (SIGHUP).\n"
                   "# TYPE vietqr_reloads_total counter\n"
                   "vietqr_reloads_total{result=\"ok\"} %llu\n"
                   "vietqr_reloads_total{result=\"failed\"} %llu\n"
                   "# HELP vietqr_connections Open connections.\n"
                   "# TYPE vietqr_connections gauge\n"
                   "vietqr_connections %lld\n"
                   "# HELP vietqr_requests_in_flight Requests received and not yet answered.\n"
                   "# TYPE vietqr_requests_in_flight gauge\n"
                   "vietqr_requests_in_flight %lld\n"
                   "# HELP vietqr_build_info The service's version and bank data version.\n"
                   "# TYPE vietqr_build_info gauge\n"
                   "vietqr_build_info{version=\"%s\",bank_data=\"%s\"} 1\n",
                   (unsigned long long)LOAD(&g_m.cut[SRV_CUT_DEADLINE]),
                   (unsigned long long)LOAD(&g_m.cut[SRV_CUT_EVICTED]),
                   (unsigned long long)LOAD(&g_m.cut[SRV_CUT_REFUSED]),
                   (unsigned long long)LOAD(&g_m.reload_ok),
                   (unsigned long long)LOAD(&g_m.reload_failed), (long long)LOAD(&g_m.connections),
                   (long long)LOAD(&g_m.in_flight), vqr_version_string(), vqr_bank_data_version());
}
