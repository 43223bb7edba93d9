/*
 * cmd_serve.c - `vietqr serve`: its options, then srv_run().
 */
#include "../cli.h"
#include "srv_internal.h"

#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void serve_usage(FILE *f)
{
    cli_puts(
        "Usage: vietqr serve [OPTIONS]\n"
        "\n"
        "An HTTP service compatible with VietQR.io's generate API and Quick Link, offline:\n"
        "  POST /v2/generate          payload and data URL (VietQR.io's body and response)\n"
        "  GET  /image/BANK-ACCOUNT-TEMPLATE.png|jpg|svg?amount=&addInfo=&accountName=\n"
        "                             templates compact2, compact, qr_only, print\n"
        "  GET  /v2/banks             the bank directory in VietQR.io's shape\n"
        "  POST /v1/decode, /v1/check a payload read, as 'vietqr decode --json' prints it\n"
        "  GET  /healthz, /metrics    health, and Prometheus metrics\n"
        "Every bad request gets a 4xx JSON error with the library's code and messages.\n"
        "\n"
        "Options:\n"
        "      --listen ADDR:PORT        where to listen (default 127.0.0.1:8080; ':0' picks a\n"
        "                                free port on 127.0.0.1; [::1]:8080 for IPv6)\n"
        "      --payees FILE             allowlist, a CSV with the header bank,account[,name]:\n"
        "                                codes only for those payees (name: the only name\n"
        "                                shown for that account)\n"
        "      --keys FILE               API keys, one 'CLIENT_ID API_KEY' per line: POST\n"
        "                                requests need x-client-id and x-api-key\n"
        "      --static DIR              serve the files of DIR for other GET paths\n"
        "      --cors-origin ORIGIN      allow browser calls from ORIGIN ('*': any); repeatable;\n"
        "                                off by default\n"
        "      --threads N               worker threads (default: the number of CPUs)\n"
        "      --max-connections N       open connections at most (default 512)\n"
        "      --max-connections-per-ip N  from one address (default 64; 0: no limit)\n"
        "      --max-body BYTES          largest request body (default 16384)\n"
        "      --max-header BYTES        largest request head (default 8192)\n"
        "      --idle-timeout SECONDS    close a connection idle that long (default 15)\n"
        "      --request-timeout SECONDS each request must be received and answered within\n"
        "                                this time of the previous one (default 10)\n"
        "      --drain-timeout SECONDS   on SIGTERM, wait that long for requests in flight\n"
        "                                (default 10)\n"
        "      --image-max-age SECONDS   Cache-Control max-age of images (default 86400)\n"
        "      --cache-size MIB          keep the images drawn lately, at most MIB MiB\n"
        "                                (default 4; 0: none)\n"
        "      --access-log FILE         JSON lines, one per request; '-' standard output\n"
        "                                (default), 'none' for no log\n"
        "      --ready-file FILE         write the address listened on to FILE once ready\n"
        "  -h, --help                    show this help\n"
        "\n"
        "Signals: SIGHUP reloads --payees and --keys (all or nothing) and reopens the log;\n"
        "SIGTERM and SIGINT stop accepting, finish the requests in flight, exit 0.\n"
        "Exit status: 0 stopped by a signal, 2 usage or configuration error.\n",
        f);
}

enum {
    OPT_LISTEN = 256,
    OPT_PAYEES,
    OPT_KEYS,
    OPT_STATIC,
    OPT_CORS,
    OPT_THREADS,
    OPT_MAX_CONN,
    OPT_MAX_IP,
    OPT_MAX_BODY,
    OPT_MAX_HEADER,
    OPT_IDLE,
    OPT_REQUEST,
    OPT_DRAIN,
    OPT_MAX_AGE,
    OPT_CACHE,
    OPT_LOG,
    OPT_READY
};

static bool parse_seconds(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v <= 0 || v > 86400)
        return false;
    *out = v;
    return true;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "listen", required_argument, NULL, OPT_LISTEN },
        { "payees", required_argument, NULL, OPT_PAYEES },
        { "keys", required_argument, NULL, OPT_KEYS },
        { "static", required_argument, NULL, OPT_STATIC },
        { "cors-origin", required_argument, NULL, OPT_CORS },
        { "threads", required_argument, NULL, OPT_THREADS },
        { "max-connections", required_argument, NULL, OPT_MAX_CONN },
        { "max-connections-per-ip", required_argument, NULL, OPT_MAX_IP },
        { "max-body", required_argument, NULL, OPT_MAX_BODY },
        { "max-header", required_argument, NULL, OPT_MAX_HEADER },
        { "idle-timeout", required_argument, NULL, OPT_IDLE },
        { "request-timeout", required_argument, NULL, OPT_REQUEST },
        { "drain-timeout", required_argument, NULL, OPT_DRAIN },
        { "image-max-age", required_argument, NULL, OPT_MAX_AGE },
        { "cache-size", required_argument, NULL, OPT_CACHE },
        { "access-log", required_argument, NULL, OPT_LOG },
        { "ready-file", required_argument, NULL, OPT_READY },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    srv_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.listen = "127.0.0.1:8080";
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    cfg.threads = cpus < 1 ? 1 : cpus > 64 ? 64 : (unsigned)cpus;
    cfg.max_connections = 512;
    cfg.max_per_ip = 64;
    cfg.max_body = 16384;
    cfg.max_header = 8192;
    cfg.idle_timeout = 15;
    cfg.request_timeout = 10;
    cfg.drain_timeout = 10;
    cfg.image_max_age = 86400;
    cfg.cache_size = (size_t)4 << 20;
    cfg.access_log = "-";
    const char *cors[16];

    opterr = 0;
    optind = 1;
    int c;
    unsigned long n;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LISTEN:
            cfg.listen = optarg;
            break;
        case OPT_PAYEES:
            cfg.payees = optarg;
            break;
        case OPT_KEYS:
            cfg.keys = optarg;
            break;
        case OPT_STATIC:
            cfg.static_dir = optarg;
            break;
        case OPT_CORS:
            if (cfg.n_cors == sizeof cors / sizeof cors[0])
                return cli_usage("serve", "--cors-origin: at most %zu origins",
                                 sizeof cors / sizeof cors[0]);
            if (strcmp(optarg, "*") != 0 && strncmp(optarg, "http://", 7) != 0 &&
                strncmp(optarg, "https://", 8) != 0)
                return cli_usage("serve",
                                 "--cors-origin takes '*' or an origin such as "
                                 "https://example.org, not '%s'",
                                 optarg);
            cors[cfg.n_cors++] = optarg;
            break;
        case OPT_THREADS:
            if (!cli_parse_uint(optarg, 1, 64, &n))
                return cli_usage("serve", "--threads takes 1-64, not '%s'", optarg);
            cfg.threads = (unsigned)n;
            break;
        case OPT_MAX_CONN:
            if (!cli_parse_uint(optarg, 1, 100000, &n))
                return cli_usage("serve", "--max-connections takes 1-100000, not '%s'", optarg);
            cfg.max_connections = (unsigned)n;
            break;
        case OPT_MAX_IP:
            if (!cli_parse_uint(optarg, 0, 100000, &n))
                return cli_usage("serve", "--max-connections-per-ip takes 0-100000, not '%s'",
                                 optarg);
            cfg.max_per_ip = (unsigned)n;
            break;
        case OPT_MAX_BODY:
            if (!cli_parse_uint(optarg, 256, 1u << 20, &n))
                return cli_usage("serve", "--max-body takes 256-1048576, not '%s'", optarg);
            cfg.max_body = n;
            break;
        case OPT_MAX_HEADER:
            if (!cli_parse_uint(optarg, 1024, 65536, &n))
                return cli_usage("serve", "--max-header takes 1024-65536, not '%s'", optarg);
            cfg.max_header = n;
            break;
        case OPT_IDLE:
            if (!parse_seconds(optarg, &cfg.idle_timeout))
                return cli_usage("serve", "--idle-timeout takes seconds (0-86400), not '%s'",
                                 optarg);
            break;
        case OPT_REQUEST:
            if (!parse_seconds(optarg, &cfg.request_timeout))
                return cli_usage("serve", "--request-timeout takes seconds (0-86400), not '%s'",
                                 optarg);
            break;
        case OPT_DRAIN:
            if (!parse_seconds(optarg, &cfg.drain_timeout))
                return cli_usage("serve", "--drain-timeout takes seconds (0-86400), not '%s'",
                                 optarg);
            break;
        case OPT_MAX_AGE:
            if (!cli_parse_uint(optarg, 0, 31536000, &n))
                return cli_usage("serve", "--image-max-age takes 0-31536000, not '%s'", optarg);
            cfg.image_max_age = (unsigned)n;
            break;
        case OPT_CACHE:
            if (!cli_parse_uint(optarg, 0, 4096, &n))
                return cli_usage("serve", "--cache-size takes 0-4096 (MiB), not '%s'", optarg);
            cfg.cache_size = (size_t)n << 20;
            break;
        case OPT_LOG:
            cfg.access_log = optarg;
            break;
        case OPT_READY:
            cfg.ready_file = optarg;
            break;
        case 'h':
            serve_usage(stdout);
            return cli_flush_stdout("serve");
        default:
            return cli_bad_option("serve", c, argv);
        }
    }
    if (optind != argc)
        return cli_usage("serve", "unexpected argument '%s'", argv[optind]);
    cfg.cors = cors;
#ifdef __GLIBC__
    /* Every request allocates and frees the same few blocks (zlib's state,
     * about 270 KiB; a template's cairo surface, up to 1.9 MiB). Kept in
     * the heap instead of mapped and returned to the kernel each time,
     * they cost no page faults: 18 a qr_only request fewer, about 15 %
     * less CPU (bench/bench_serve.py). The heap keeps at most 4 MiB
     * free per arena. */
    (void)mallopt(M_MMAP_THRESHOLD, 4 << 20);
    (void)mallopt(M_TRIM_THRESHOLD, 4 << 20);
#endif
    return srv_run(&cfg);
}
