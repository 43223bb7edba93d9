/*
 * cmd_batch.c - `vietqr batch INPUT --out DIR`: one QR image per row of a
 * CSV or JSON Lines file, with a manifest and a reject report.
 *
 * Rows are read in chunks by the main thread, which also names each
 * output file (so that a name used twice is caught in row order), then
 * built, encoded and drawn by worker threads (one per core by default)
 * that take rows from a shared counter. Each worker writes only its own
 * rows' results; the main thread then writes the reports in row order. The
 * output therefore never depends on thread scheduling.
 */
#include "batch.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 1024
#define NAME_MAX_LEN 100
/* Room for DIR/NAME.ext; DIR is checked to leave room for any name. */
#define PATH_BUF 4096
#define DIR_MAX (PATH_BUF - NAME_MAX_LEN - 16)

enum { J_WRITTEN, J_KEPT, J_REJECTED, J_FAILED };

typedef struct job {
    batch_row in;
    char file[NAME_MAX_LEN + 8]; /* base name and extension; "" when rejected early */
    int result;
    vqr_status code;
    char msg[480];
    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    unsigned char sha[BATCH_SHA_LEN];
    int err_no;
} job;

typedef struct batch_ctx {
    const char *dir;
    cli_format fmt;
    const cli_render *render;
    unsigned flags;
    bool vi;
    const batch_prev *prev;
    job *jobs;
    size_t njobs;
    size_t next; /* next job to take, under `mu` */
    pthread_mutex_t mu;
} batch_ctx;

static void reject(job *j, vqr_status code, const char *msg)
{
    j->result = J_REJECTED;
    j->code = code;
    (void)snprintf(j->msg, sizeof j->msg, "%s", msg);
}

/* Draws the payload; returns the image (vqr_free) or NULL with j rejected. */
static void *draw(const batch_ctx *ctx, job *j, size_t *n)
{
    const cli_render *r = ctx->render;
    vqr_qr *qr = NULL;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_qr_encode(j->payload, j->len, r->ecc, NULL, &qr, &e) != VQR_OK) {
        reject(j, e.code, ctx->vi ? e.message_vi : e.message);
        return NULL;
    }
    vqr_render_options opt = r->opt;
    vqr_print_size ps;
    VQR_INIT(&ps);
    if (r->size_mm > 0) {
        if (vqr_render_print_size(qr, r->size_mm, opt.dpi, opt.quiet_zone, &ps, &e) != VQR_OK) {
            vqr_qr_free(qr);
            reject(j, e.code, ctx->vi ? e.message_vi : e.message);
            return NULL;
        }
        opt.scale = ps.scale;
    }
    void *data = NULL;
    vqr_status st = ctx->fmt == CLI_FORMAT_SVG
                        ? vqr_render_svg(qr, &opt, NULL, (char **)&data, n, &e)
                        : vqr_render_png(qr, &opt, NULL, (unsigned char **)&data, n, &e);
    vqr_qr_free(qr);
    if (st != VQR_OK) {
        reject(j, e.code, ctx->vi ? e.message_vi : e.message);
        return NULL;
    }
    return data;
}

static void run_job(const batch_ctx *ctx, job *j)
{
    if (j->result == J_REJECTED)
        return;
    cli_fields f;
    for (int c = 0; c < CLI_F_COUNT; c++)
        f.v[c] = j->in.col[c];
    vqr_payload p;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    vqr_error e;
    VQR_INIT(&e);
    cli_field bad;
    vqr_status st = cli_build(&f, ctx->flags, &p, &rep, &e, &bad);
    if (st == VQR_OK)
        st = vqr_payload_write(&p, VQR_WRITE_CANONICAL, j->payload, sizeof j->payload, &j->len, &e);
    if (st != VQR_OK) {
        j->code = st;
        j->result = J_REJECTED;
        cli_build_message(&e, bad, "", ctx->vi, j->msg, sizeof j->msg);
        return;
    }
    char path[PATH_BUF];
    (void)snprintf(path, sizeof path, "%s/%s", ctx->dir, j->file);

    /* The same file and payload as the last run, and the file unchanged. */
    unsigned char key[BATCH_SHA_LEN];
    batch_key(j->file, j->payload, j->len, key);
    const struct batch_rec *rec = batch_prev_find(ctx->prev, j->in.row, key);
    if (rec && batch_file_sha_equals(path, rec->sha) == 1) {
        memcpy(j->sha, rec->sha, BATCH_SHA_LEN);
        j->result = J_KEPT;
        return;
    }
    size_t n = 0;
    void *data = draw(ctx, j, &n);
    if (!data)
        return;
    batch_sha256(data, n, j->sha);
    if (batch_file_equals(path, data, n) == 1) {
        j->result = J_KEPT;
    } else if ((j->err_no = cli_write_file(path, data, n)) == 0) {
        j->result = J_WRITTEN;
    } else {
        j->result = J_FAILED;
    }
    vqr_free(data);
}

static void *worker(void *arg)
{
    batch_ctx *ctx = arg;
    for (;;) {
        pthread_mutex_lock(&ctx->mu);
        size_t i = ctx->next++;
        pthread_mutex_unlock(&ctx->mu);
        if (i >= ctx->njobs)
            return NULL;
        run_job(ctx, &ctx->jobs[i]);
    }
}

/* ---- output names ---------------------------------------------------- */

/* Gives job j its file name, or rejects it. Returns -1 when out of memory. */
static int name_job(job *j, batch_names *names, const char *ext, bool vi)
{
    const char *want = j->in.col[BATCH_COL_FILE];
    char base[NAME_MAX_LEN + 1];
    if (want) {
        size_t len = strlen(want);
        bool ok = len >= 1 && len <= NAME_MAX_LEN && want[0] != '.';
        for (size_t i = 0; ok && i < len; i++) {
            char c = want[i];
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-';
        }
        if (!ok) {
            reject(j, VQR_ERR_INVALID_ARGUMENT,
                   vi ? "file: tên tệp chỉ gồm chữ cái, chữ số, '.', '_' và '-' (tối đa 100 ký tự)"
                      : "file: a file name holds only letters, digits, '.', '_' and '-' "
                        "(at most 100 characters, not starting with '.')");
            return 0;
        }
        (void)snprintf(base, sizeof base, "%s", want);
    } else {
        (void)snprintf(base, sizeof base, "%06zu", j->in.row);
    }
    (void)snprintf(j->file, sizeof j->file, "%s%s", base, ext);
    size_t other = batch_name_add(names, j->file, j->in.row);
    if (other == SIZE_MAX)
        return -1;
    if (other) {
        char msg[200];
        (void)snprintf(msg, sizeof msg,
                       vi ? "file: %s đã được dùng cho dòng %zu"
                          : "file: %s is already used by row %zu",
                       j->file, other);
        reject(j, VQR_ERR_INVALID_ARGUMENT, msg);
        j->file[0] = '\0';
    }
    return 0;
}

/* ---- the command ------------------------------------------------------- */

static void batch_usage(FILE *f)
{
    cli_puts("Usage: vietqr batch [OPTIONS] INPUT.csv|INPUT.jsonl --out DIR\n"
             "\n"
             "Makes one VietQR image per row. Columns (CSV header names or JSON keys) are\n"
             "named like encode's options: bank, account | card | merchant, amount, purpose,\n"
             "bill, reference, name, city, mcc, store, terminal; an optional 'file' column\n"
             "names the image (letters, digits, '.', '_', '-'), otherwise it is the row number\n"
             "(000001.png). Rows are numbered from 1: CSV records after the header, JSON\n"
             "Lines by line. Other columns are ignored (with a warning).\n"
             "\n"
             "DIR receives the images, manifest.csv (row, file, payload, crc, sha256) and\n"
             "rejects.csv (row, code, name, message): a bad row is reported there and never\n"
             "stops the batch. The output does not depend on the number of threads. A rerun\n"
             "resumes: a row whose image exists and matches is not written again, and a\n"
             "report is replaced only when it changes.\n"
             "\n"
             "Options:\n"
             "      --out DIR         output directory (created if missing)\n"
             "      --input-format F  csv or jsonl (default: from INPUT's extension; '-'\n"
             "                        reads standard input and needs it)\n"
             "  -f, --format FMT      png (default) or svg\n"
             "  -j, --jobs N          worker threads (default: one per online core)\n"
             "      --alnum-account   allow letters in account numbers (wallet accounts)\n"
             "      --strict-text     refuse non-ASCII text instead of folding it\n"
             "      --lang LANG       reject messages in 'en' (default) or 'vi'\n"
             "  -q, --quiet           no progress bar and no summary\n",
             f);
    cli_puts(cli_render_help, f);
    cli_puts("  -h, --help            show this help\n"
             "\n"
             "A progress bar is shown on standard error when it is a terminal.\n"
             "Exit status: 0 every row made, 1 some rows rejected, 2 usage error,\n"
             "3 input/output error.\n",
             f);
}

/* The format and drawing options the images depend on, as batch.json. */
static char *settings_json(cli_format fmt, const cli_render *r)
{
    static const char *const ecc[] = { "M", "L", "M", "Q", "H" };
    char mm[32];
    (void)snprintf(mm, sizeof mm, "%.6g", r->size_mm);
    json_t *j = json_pack(
        "{s:s, s:s, s:s, s:i, s:i, s:i, s:s, s:i, s:i}", "library", vqr_version_string(), "format",
        fmt == CLI_FORMAT_SVG ? "svg" : "png", "ecc", ecc[r->ecc], "scale", (int)r->opt.scale,
        "margin", (int)r->opt.quiet_zone, "dpi", (int)r->opt.dpi, "size_mm", mm, "foreground",
        (int)r->opt.foreground, "background", (int)r->opt.background);
    char *s = j ? json_dumps(j, JSON_SORT_KEYS | JSON_INDENT(2)) : NULL;
    json_decref(j);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\n';
        out[n + 1] = '\0';
    }
    free(s);
    return out;
}

static void progress(bool show, double frac, size_t rows, bool last)
{
    if (!show)
        return;
    char bar[41];
    int fill = frac < 0 ? 0 : (int)(frac * 40 + 0.5);
    for (int i = 0; i < 40; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[40] = '\0';
    if (frac < 0)
        cli_printf(stderr, "\r%zu rows", rows);
    else
        cli_printf(stderr, "\r[%s] %3d%% %zu rows", bar, (int)(frac * 100 + 0.5), rows);
    if (last)
        cli_putc('\n', stderr);
    (void)fflush(stderr);
}

typedef struct batch_opts {
    const char *input, *dir;
    batch_kind kind;
    bool kind_set, vi, quiet;
    cli_format fmt;
    unsigned flags;
    long jobs;
    cli_render render;
} batch_opts;

enum { OPT_OUT = 300, OPT_INPUT_FORMAT, OPT_ALNUM, OPT_STRICT_TEXT, OPT_LANG };

static int parse_options(int argc, char **argv, batch_opts *o)
{
    static const struct option longopts[] = {
        { "out", required_argument, NULL, OPT_OUT },
        { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
        { "format", required_argument, NULL, 'f' },
        { "jobs", required_argument, NULL, 'j' },
        { "alnum-account", no_argument, NULL, OPT_ALNUM },
        { "strict-text", no_argument, NULL, OPT_STRICT_TEXT },
        { "lang", required_argument, NULL, OPT_LANG },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        CLI_RENDER_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    memset(o, 0, sizeof *o);
    o->fmt = CLI_FORMAT_PNG;
    cli_render_init(&o->render);
    opterr = 0;
    optind = 1;
    int c, st;
    unsigned long v;
    while ((c = getopt_long(argc, argv, ":f:j:qh", longopts, NULL)) != -1) {
        if (c == CLI_OPT_INVERT || c == CLI_OPT_ASCII)
            return cli_usage("batch", "%s is for terminal drawing only", argv[optind - 1]);
        if (cli_render_option("batch", &o->render, c, optarg, &st)) {
            if (st != CLI_OK)
                return st;
            continue;
        }
        switch (c) {
        case OPT_OUT:
            o->dir = optarg;
            break;
        case OPT_INPUT_FORMAT:
            if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "jsonl") != 0)
                return cli_usage("batch", "--input-format takes csv or jsonl, not '%s'", optarg);
            o->kind = optarg[0] == 'c' ? BATCH_CSV : BATCH_JSONL;
            o->kind_set = true;
            break;
        case 'f':
            o->fmt = cli_format_by_name(optarg);
            if (o->fmt != CLI_FORMAT_PNG && o->fmt != CLI_FORMAT_SVG)
                return cli_usage("batch", "--format takes png or svg, not '%s'", optarg);
            break;
        case 'j':
            if (!cli_parse_uint(optarg, 1, 256, &v))
                return cli_usage("batch", "--jobs takes a number from 1 to 256, not '%s'", optarg);
            o->jobs = (long)v;
            break;
        case OPT_ALNUM:
            o->flags |= VQR_VIETQR_ALNUM_ACCOUNT;
            break;
        case OPT_STRICT_TEXT:
            o->flags |= VQR_VIETQR_STRICT_TEXT;
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &o->vi))
                return cli_usage("batch", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'h':
            batch_usage(stdout);
            return -1;
        default:
            return cli_bad_option("batch", c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage("batch", optind >= argc ? "an INPUT file is needed" : "one INPUT only");
    o->input = argv[optind];
    if (!o->dir)
        return cli_usage("batch", "--out DIR is needed");
    if (!o->kind_set) {
        const char *dot = strrchr(o->input, '.');
        if (dot && strcmp(dot, ".csv") == 0)
            o->kind = BATCH_CSV;
        else if (dot && (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".ndjson") == 0))
            o->kind = BATCH_JSONL;
        else
            return cli_usage("batch",
                             "cannot tell whether '%s' is CSV or JSON Lines: use "
                             "--input-format",
                             o->input);
    }
    if (!o->jobs) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o->jobs = n < 1 ? 1 : n > 256 ? 256 : n;
    }
    return cli_render_finish("batch", &o->render);
}

static const char *const k_manifest_header[] = { "row", "file", "payload", "crc", "sha256" };
static const char *const k_rejects_header[] = { "row", "code", "name", "message" };

/* Writes the results of a chunk in row order. Returns CLI_OK or CLI_IO. */
static int record_chunk(const batch_opts *o, job *jobs, size_t n, batch_report *man,
                        batch_report *rej, size_t count[4])
{
    for (size_t i = 0; i < n; i++) {
        job *j = &jobs[i];
        char row[24];
        (void)snprintf(row, sizeof row, "%zu", j->in.row);
        count[j->result]++;
        if (j->result == J_FAILED) {
            char path[PATH_BUF];
            (void)snprintf(path, sizeof path, "%s/%s", o->dir, j->file);
            return cli_write_error("batch", path, j->err_no);
        }
        int w;
        if (j->result == J_REJECTED) {
            char code[16];
            (void)snprintf(code, sizeof code, "%d", (int)j->code);
            const char *f[4] = { row, code, vqr_status_name(j->code), j->msg };
            w = batch_report_row(rej, f, 4);
        } else {
            char sha[BATCH_SHA_HEX + 1], crc[5];
            batch_sha256_hex(j->sha, sha);
            memcpy(crc, j->payload + j->len - 4, 4);
            crc[4] = '\0';
            const char *f[5] = { row, j->file, j->payload, crc, sha };
            w = batch_report_row(man, f, 5);
        }
        if (w != 0)
            return cli_io_error("batch", "cannot write", "the reports");
    }
    return CLI_OK;
}

int cmd_batch(int argc, char **argv)
{
    batch_opts o;
    int st = parse_options(argc, argv, &o);
    if (st != CLI_OK)
        return st < 0 ? cli_flush_stdout("batch") : st;

    struct stat sb;
    if (strlen(o.dir) > DIR_MAX) {
        errno = ENAMETOOLONG;
        return cli_io_error("batch", "cannot use", "the --out directory");
    }
    if (stat(o.dir, &sb) != 0) {
        if (errno != ENOENT || mkdir(o.dir, 0777) != 0)
            return cli_io_error("batch", "cannot create the directory", o.dir);
    } else if (!S_ISDIR(sb.st_mode)) {
        errno = ENOTDIR;
        return cli_io_error("batch", "cannot use", o.dir);
    }

    char *settings = settings_json(o.fmt, &o.render);
    if (!settings) {
        cli_error("batch", "out of memory");
        return CLI_IO;
    }
    batch_prev prev;
    batch_reader *in = NULL;
    batch_report man, rej;
    memset(&man, 0, sizeof man);
    memset(&rej, 0, sizeof rej);
    batch_names names = { 0, 0, NULL, NULL };
    job *jobs = calloc(CHUNK, sizeof *jobs);
    pthread_t *threads = calloc((size_t)o.jobs, sizeof *threads);
    size_t count[4] = { 0, 0, 0, 0 }, rows = 0;
    bool show = !o.quiet && isatty(STDERR_FILENO);
    const char *ext = o.fmt == CLI_FORMAT_SVG ? ".svg" : ".png";

    if ((st = batch_prev_load("batch", o.dir, settings, &prev)) != CLI_OK)
        goto done;
    if (!jobs || !threads) {
        cli_error("batch", "out of memory");
        st = CLI_IO;
        goto done;
    }
    if ((st = batch_reader_open("batch", o.input, o.kind, &in)) != CLI_OK)
        goto done;
    if ((st = batch_report_open("batch", o.dir, "manifest.csv", k_manifest_header, 5, &man)) !=
            CLI_OK ||
        (st = batch_report_open("batch", o.dir, "rejects.csv", k_rejects_header, 4, &rej)) !=
            CLI_OK)
        goto done;

    batch_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.dir = o.dir;
    ctx.fmt = o.fmt;
    ctx.render = &o.render;
    ctx.flags = o.flags;
    ctx.vi = o.vi;
    ctx.prev = &prev;
    ctx.jobs = jobs;
    pthread_mutex_init(&ctx.mu, NULL);

    for (bool more = true; more && st == CLI_OK;) {
        size_t n = 0;
        while (n < CHUNK) {
            job *j = &jobs[n];
            memset(j, 0, sizeof *j);
            int g = batch_reader_next(in, &j->in);
            if (g < 0) {
                st = cli_io_error("batch", "cannot read", o.input);
                break;
            }
            if (g == 0) {
                more = false;
                break;
            }
            n++;
            if (j->in.bad_code != VQR_OK)
                reject(j, j->in.bad_code, j->in.bad_msg ? j->in.bad_msg : "");
            else if (name_job(j, &names, ext, o.vi) != 0)
                st = CLI_IO;
        }
        if (st == CLI_OK && n) {
            ctx.njobs = n;
            ctx.next = 0;
            long started = 0;
            for (long t = 0; t < o.jobs && (size_t)t < n; t++)
                if (pthread_create(&threads[t], NULL, worker, &ctx) == 0)
                    started++;
            if (started == 0)
                worker(&ctx);
            for (long t = 0; t < started; t++)
                pthread_join(threads[t], NULL);
            st = record_chunk(&o, jobs, n, &man, &rej, count);
            rows += n;
            progress(show, batch_reader_progress(in), rows, false);
        }
        for (size_t i = 0; i < n; i++)
            batch_row_clear(&jobs[i].in);
    }
    pthread_mutex_destroy(&ctx.mu);
    progress(show, 1, rows, true);

    bool changed[3] = { false, false, false };
    if (st == CLI_OK)
        st = batch_report_commit("batch", &man, &changed[0]);
    if (st == CLI_OK)
        st = batch_report_commit("batch", &rej, &changed[1]);
    if (st == CLI_OK)
        st = batch_write_if_changed("batch", o.dir, "batch.json", settings, &changed[2]);
    if (st == CLI_OK && !o.quiet)
        cli_error("batch", "%zu rows: %zu written, %zu unchanged, %zu rejected%s%s%s", rows,
                  count[J_WRITTEN], count[J_KEPT], count[J_REJECTED],
                  count[J_REJECTED] ? " (see " : "", count[J_REJECTED] ? o.dir : "",
                  count[J_REJECTED] ? "/rejects.csv)" : "");
    if (st == CLI_OK && count[J_REJECTED])
        st = CLI_INVALID;
done:
    if (man.f)
        batch_report_abort(&man);
    if (rej.f)
        batch_report_abort(&rej);
    batch_reader_close(in);
    batch_prev_free(&prev);
    batch_name_free(&names);
    free(jobs);
    free(threads);
    free(settings);
    return st;
}
