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
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 1024
#define NAME_MAX_LEN 100
/* Room for DIR/NAME.ext; DIR is checked to leave room for any name. */
#define PATH_BUF 4096
#define DIR_MAX (PATH_BUF - NAME_MAX_LEN - 16)

enum { J_WRITTEN, J_SKIPPED, J_REJECTED, J_FAILED };

typedef struct job {
    batch_row in;
    char file[NAME_MAX_LEN + 8]; /* base name and extension; "" when rejected early */
    int result;
    vqr_status code;
    const char *column; /* the column at fault as the input spells it, or NULL */
    char msg[640];
    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    unsigned char sha[BATCH_SHA_LEN];
    int err_no;
    const char *not_regular; /* what is where the image goes, when not a regular file */
} job;

typedef struct batch_ctx {
    const char *dir;
    cli_format fmt;
    const cli_render *render;
    unsigned flags;
    bool vi;
    bool allow_static;
    bool amount_vi;   /* --amount-format vi */
    const char *unit; /* "column" or "key" */
    const batch_prev *prev;
    job *jobs;
    size_t njobs;
    size_t next; /* next job to take, under `mu` */
    pthread_mutex_t mu;
} batch_ctx;

/* snprintf where a cut result is acceptable. */
static void cut_printf(char *out, size_t cap, const char *fmt, ...) CLI_PRINTF(3, 4);
static void cut_printf(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(out, cap, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
    va_end(ap);
}

static void reject(job *j, vqr_status code, const char *msg)
{
    j->result = J_REJECTED;
    j->code = code;
    (void)snprintf(j->msg, sizeof j->msg, "%s", msg);
}

/* "column 'Purpose' (62.08)": a field as the input names it. */
static void label_of(const batch_ctx *ctx, const job *j, int col, char *out, size_t cap)
{
    const char *name = j->in.name[col]         ? j->in.name[col]
                       : col < CLI_F_COUNT     ? cli_field_key((cli_field)col)
                       : col == BATCH_COL_FILE ? "file"
                                               : "static";
    if (col < CLI_F_COUNT)
        (void)snprintf(out, cap, "%s '%s' (%s)", ctx->unit, name, cli_field_tag((cli_field)col));
    else
        (void)snprintf(out, cap, "%s '%s'", ctx->unit, name);
}

/* Rejects job j for a fault in column `col`: "LABEL: message (NAME)". */
static void reject_col(const batch_ctx *ctx, job *j, vqr_status code, int col, const char *msg)
{
    char label[160];
    label_of(ctx, j, col, label, sizeof label);
    j->result = J_REJECTED;
    j->code = code;
    j->column = j->in.name[col];
    /* A message too long is cut: the code and the column have their own fields. */
    cut_printf(j->msg, sizeof j->msg, "%s: %s (%s)", label, msg, vqr_status_name(code));
}

/* The columns that make up 62 in this row, for a message about 62 as a
 * whole: "columns 'purpose', 'bill' (62)". */
static void label_62(const batch_ctx *ctx, const job *j, char *out, size_t cap)
{
    static const cli_field in62[] = { CLI_F_BILL, CLI_F_STORE, CLI_F_REFERENCE, CLI_F_TERMINAL,
                                      CLI_F_PURPOSE };
    size_t n = 0, count = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof in62 / sizeof in62[0]; i++)
        if (j->in.col[in62[i]])
            count++;
    n = (size_t)snprintf(out, cap, "%s%s", ctx->unit, count > 1 ? "s" : "");
    for (size_t i = 0, k = 0; i < sizeof in62 / sizeof in62[0] && n < cap; i++) {
        if (!j->in.col[in62[i]])
            continue;
        const char *name = j->in.name[in62[i]] ? j->in.name[in62[i]] : cli_field_key(in62[i]);
        n += (size_t)snprintf(out + n, cap - n, "%s'%s'", k++ ? ", " : " ", name);
    }
    if (n < cap)
        (void)snprintf(out + n, cap - n, " (62)");
}

/* Reads the 'static' column: 1 yes, 0 no, -1 not given, -2 not understood. */
static int static_value(const char *v)
{
    static const char *const yes[] = { "yes", "y", "true", "1", "x", "c\xC3\xB3" /* có */ };
    static const char *const no[] = { "no", "n", "false", "0", "kh\xC3\xB4ng" /* không */ };
    if (!v)
        return -1;
    char low[16];
    size_t n = strlen(v);
    if (n >= sizeof low)
        return -2;
    /* ASCII letters to lower case: "Có" and "Không" read as "có" and "không". */
    for (size_t i = 0; i <= n; i++)
        low[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] - 'A' + 'a') : v[i];
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(low, yes[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(low, no[i]) == 0)
            return 0;
    return -2;
}

/*
 * The amount and static rules: an empty amount is a static code only when
 * the run or the row says so; an amount written the Vietnamese way is read
 * with --amount-format vi and otherwise refused with the way to write it.
 * Returns false when the row is rejected.
 */
static bool check_amount(const batch_ctx *ctx, job *j)
{
    const bool vi = ctx->vi;
    char *amount = j->in.col[CLI_F_AMOUNT];
    int is_static = static_value(j->in.col[BATCH_COL_STATIC]);
    char msg[480];
    if (is_static == -2) {
        reject_col(ctx, j, VQR_ERR_INVALID_ARGUMENT, BATCH_COL_STATIC,
                   vi ? "ghi yes hoặc no (cũng được: true/false, 1/0, có/không, hoặc để trống)"
                      : "write yes or no (also true/false, 1/0, x, or leave it empty)");
        return false;
    }
    if (!amount) {
        if (is_static == 1 || (is_static == -1 && ctx->allow_static))
            return true;
        if (is_static == 0)
            (void)snprintf(msg, sizeof msg, "%s",
                           vi ? "trống, mà cột static nói đây không phải mã tĩnh"
                              : "empty, and the static column says the code is not static");
        else
            (void)snprintf(msg, sizeof msg, "%s",
                           vi ? "trống: mã không có số tiền là mã tĩnh (người trả tự nhập số "
                                "tiền); hãy ghi số tiền, hoặc dùng --allow-static hay cột "
                                "static khi cố ý muốn mã tĩnh"
                              : "empty: a code without an amount is static (the payer types "
                                "any amount); give the amount, or pass --allow-static (or "
                                "mark the row in a 'static' column) when that is meant");
        reject_col(ctx, j, VQR_ERR_MISSING, CLI_F_AMOUNT, msg);
        return false;
    }
    if (is_static == 1) {
        reject_col(ctx, j, VQR_ERR_INVALID_ARGUMENT, BATCH_COL_STATIC,
                   vi ? "ghi là mã tĩnh nhưng dòng có số tiền: mã tĩnh không mang số tiền"
                      : "says static, but the row has an amount: a static code has no amount");
        return false;
    }
    char digits[32];
    size_t len = strlen(amount);
    cli_amount_result r = cli_amount_vi(amount, len, digits, sizeof digits);
    if (ctx->amount_vi) {
        const char *why = NULL;
        switch (r) {
        case CLI_AMOUNT_OK:
            break;
        case CLI_AMOUNT_DECIMALS:
            why = vi ? "VND không có phần thập phân" : "VND has no decimals";
            break;
        case CLI_AMOUNT_BAD_GROUPS:
            why = vi ? "các nhóm chữ số phải có 3 chữ số, cách nhau bằng một loại dấu"
                     : "groups of digits must have three digits each, with one kind of "
                       "separator";
            break;
        default:
            why = vi ? "không phải số tiền" : "not an amount";
            break;
        }
        if (why) {
            (void)snprintf(msg, sizeof msg,
                           vi ? "\"%s\": %s (--amount-format vi: chữ số, có thể nhóm từng 3 "
                                "chữ số bằng '.', ',' hoặc dấu cách, có thể kèm đ, VND)"
                              : "\"%s\": %s (--amount-format vi: digits, optionally grouped "
                                "by threes with '.', ',' or spaces, optionally with đ or VND)",
                           amount, why);
            reject_col(ctx, j,
                       r == CLI_AMOUNT_DECIMALS ? VQR_ERR_AMOUNT_DECIMALS : VQR_ERR_AMOUNT_SYNTAX,
                       CLI_F_AMOUNT, msg);
            return false;
        }
        memcpy(amount, digits, strlen(digits) + 1); /* never longer than the cell */
        return true;
    }
    uint64_t minor;
    vqr_status st = vqr_amount_parse(amount, len, 704, &minor, NULL);
    if (st == VQR_OK || (r != CLI_AMOUNT_OK && r != CLI_AMOUNT_DECIMALS))
        return true; /* the builder says what is wrong */
    if (r == CLI_AMOUNT_OK && st == VQR_ERR_AMOUNT_DECIMALS)
        (void)snprintf(msg, sizeof msg,
                       vi ? "\"%s\" đọc thành số tiền có phần thập phân, mà VND không có; nếu "
                            "là %s đồng thì ghi %s (hoặc dùng --amount-format vi, đọc '.' và ',' "
                            "là dấu phân cách hàng nghìn)"
                          : "\"%s\" reads as an amount with decimals, and VND has none; for %s "
                            "đồng write %s (or pass --amount-format vi, which reads '.' and ',' "
                            "as thousands separators)",
                       amount, digits, digits);
    else if (r == CLI_AMOUNT_OK)
        (void)snprintf(msg, sizeof msg,
                       vi ? "\"%s\" viết theo kiểu có dấu phân cách hoặc đơn vị tiền; hãy ghi "
                            "số đồng chỉ bằng chữ số: %s (hoặc dùng --amount-format vi)"
                          : "\"%s\" is written with separators or a currency; write the amount "
                            "in đồng as digits only: %s (or pass --amount-format vi)",
                       amount, digits);
    else
        (void)snprintf(msg, sizeof msg,
                       vi ? "\"%s\" có phần thập phân khác 0, mà VND không có phần thập phân; "
                            "hãy ghi số đồng chỉ bằng chữ số"
                          : "\"%s\" has decimals other than zero, and VND has none; write the "
                            "amount in đồng as digits only",
                       amount);
    reject_col(ctx, j, st, CLI_F_AMOUNT, msg);
    return false;
}

/* Draws the payload; returns the image (vqr_free) or NULL with j rejected. */
static void reject_draw(const batch_ctx *ctx, job *j, const vqr_error *e)
{
    char msg[400];
    (void)snprintf(msg, sizeof msg, "%s (%s)", ctx->vi ? e->message_vi : e->message, e->name);
    reject(j, e->code, msg);
}

static void *draw(const batch_ctx *ctx, job *j, size_t *n)
{
    const cli_render *r = ctx->render;
    vqr_qr *qr = NULL;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_qr_encode(j->payload, j->len, r->ecc, NULL, &qr, &e) != VQR_OK) {
        reject_draw(ctx, j, &e);
        return NULL;
    }
    vqr_render_options opt = r->opt;
    vqr_print_size ps;
    VQR_INIT(&ps);
    if (r->size_mm > 0) {
        if (vqr_render_print_size(qr, r->size_mm, opt.dpi, opt.quiet_zone, &ps, &e) != VQR_OK) {
            vqr_qr_free(qr);
            reject_draw(ctx, j, &e);
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
        reject_draw(ctx, j, &e);
        return NULL;
    }
    return data;
}

static void run_job(const batch_ctx *ctx, job *j)
{
    if (j->result == J_REJECTED)
        return;
    if (!check_amount(ctx, j))
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
        char label[200];
        if (bad < CLI_F_COUNT)
            label_of(ctx, j, bad, label, sizeof label);
        else if (strcmp(e.tag, "62") == 0)
            label_62(ctx, j, label, sizeof label);
        else
            (void)snprintf(label, sizeof label, "%s", e.tag);
        j->code = st;
        j->result = J_REJECTED;
        j->column = bad < CLI_F_COUNT ? j->in.name[bad] : NULL;
        cli_build_message_as(&e, bad, label, ctx->vi, j->msg, sizeof j->msg);
        return;
    }
    char path[PATH_BUF];
    (void)snprintf(path, sizeof path, "%s/%s", ctx->dir, j->file);

    /* The same file and payload as the last run, and the file unchanged. */
    unsigned char key[BATCH_SHA_LEN];
    batch_key(j->file, j->payload, j->len, key);
    const batch_rec *rec = batch_prev_find(ctx->prev, j->in.row, key);
    int same = rec ? batch_file_sha_equals(path, rec->sha) : 0;
    if (same == 1) {
        memcpy(j->sha, rec->sha, BATCH_SHA_LEN);
        j->result = J_SKIPPED;
        return;
    }
    size_t n = 0;
    void *data = same == BATCH_NOT_REGULAR ? NULL : draw(ctx, j, &n);
    if (!data && same != BATCH_NOT_REGULAR)
        return;
    if (data) {
        batch_sha256(data, n, j->sha);
        same = batch_file_equals(path, data, n);
    }
    if (same == 1) {
        j->result = J_SKIPPED;
    } else if (same == BATCH_NOT_REGULAR) {
        j->result = J_FAILED;
        (void)batch_open_existing(path, &j->not_regular);
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
static int name_job(const batch_ctx *ctx, job *j, batch_names *names, const char *ext)
{
    const bool vi = ctx->vi;
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
            reject_col(ctx, j, VQR_ERR_INVALID_ARGUMENT, BATCH_COL_FILE,
                       vi ? "tên tệp chỉ gồm chữ cái, chữ số, '.', '_' và '-' (tối đa 100 ký "
                            "tự, không bắt đầu bằng '.')"
                          : "a file name holds only letters, digits, '.', '_' and '-' (at most "
                            "100 characters, not starting with '.')");
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
                       vi ? "%s đã được dùng cho dòng %zu" : "%s is already used by row %zu",
                       j->file, other);
        reject_col(ctx, j, VQR_ERR_INVALID_ARGUMENT, BATCH_COL_FILE, msg);
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
             "(000001.png); an optional 'static' column (yes/no) marks rows meant to make a\n"
             "static code. Other columns are ignored (with a warning).\n"
             "\n"
             "Rows are numbered from 1: CSV records after the header, JSON Lines by line.\n"
             "Every row ends in exactly one of: written, skipped (already there and\n"
             "unchanged), rejected. A CSV record that cannot be read (a quote never closed,\n"
             "text after a closing quote) rejects the row of its first line, and reading\n"
             "goes on at the next line; a row with fewer or more cells than the header, or\n"
             "a NUL or control character in a cell it uses, is rejected naming the column.\n"
             "\n"
             "Amounts are in đồng, digits only (1500000). An empty amount is an error unless\n"
             "the code is meant to be static: --allow-static, or 'yes' in a 'static' column.\n"
             "Amounts written the Vietnamese way are refused with the way to write them,\n"
             "unless --amount-format vi says how to read them: spaces around the figure and\n"
             "one currency word before or after it (đ, ₫, d, VND, VNĐ, dong, đồng) are\n"
             "ignored; the digits may be grouped by threes with one kind of separator ('.',\n"
             "',' or a space): 1.500.000, 1,500,000 and 1 500 000 are 1500000, and 1.500 is\n"
             "1500; a '.' or ',' followed by one or two digits at the end is a decimal part,\n"
             "which must be zeros (1.500.000,00).\n"
             "\n"
             "DIR receives the images, manifest.csv (row, file, payload, crc, sha256),\n"
             "rejects.csv (row, line, column, code, name, message) and batch.json (the\n"
             "settings and the counts: rows = written + skipped + rejected). The output does\n"
             "not depend on the number of threads. A rerun resumes: a row whose image exists\n"
             "and matches is not written again, and a report is replaced only when it\n"
             "changes.\n"
             "\n"
             "Options:\n"
             "      --out DIR         output directory (created if missing)\n"
             "      --input-format F  csv or jsonl (default: from INPUT's extension; '-'\n"
             "                        reads standard input and needs it)\n"
             "  -f, --format FMT      png (default) or svg\n"
             "  -j, --jobs N          worker threads (default: one per online core)\n"
             "      --allow-static    an empty amount makes a static code\n"
             "      --amount-format F plain (default: digits only) or vi (see above)\n"
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

/* The format and drawing options the images depend on. */
static json_t *settings_json(cli_format fmt, const cli_render *r)
{
    static const char *const ecc[] = { "M", "L", "M", "Q", "H" };
    char mm[32];
    (void)snprintf(mm, sizeof mm, "%.6g", r->size_mm);
    return json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:s, s:i, s:i}", "library",
                     vqr_version_string(), "format", fmt == CLI_FORMAT_SVG ? "svg" : "png", "ecc",
                     ecc[r->ecc], "scale", (int)r->opt.scale, "margin", (int)r->opt.quiet_zone,
                     "dpi", (int)r->opt.dpi, "size_mm", mm, "foreground", (int)r->opt.foreground,
                     "background", (int)r->opt.background);
}

/* batch.json: the settings and the counts of the run, with a final newline. */
static char *batch_json(const json_t *settings, const size_t count[4], size_t rows)
{
    json_t *j = json_pack("{s:O, s:I, s:I, s:I, s:I}", "settings", settings, "rows",
                          (json_int_t)rows, "written", (json_int_t)count[J_WRITTEN], "skipped",
                          (json_int_t)count[J_SKIPPED], "rejected", (json_int_t)count[J_REJECTED]);
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
    bool kind_set, vi, quiet, allow_static, amount_vi;
    cli_format fmt;
    unsigned flags;
    long jobs;
    cli_render render;
} batch_opts;

enum {
    OPT_OUT = 300,
    OPT_INPUT_FORMAT,
    OPT_ALNUM,
    OPT_STRICT_TEXT,
    OPT_LANG,
    OPT_ALLOW_STATIC,
    OPT_AMOUNT_FORMAT
};

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
        { "allow-static", no_argument, NULL, OPT_ALLOW_STATIC },
        { "amount-format", required_argument, NULL, OPT_AMOUNT_FORMAT },
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
        case OPT_ALLOW_STATIC:
            o->allow_static = true;
            break;
        case OPT_AMOUNT_FORMAT:
            if (strcmp(optarg, "plain") != 0 && strcmp(optarg, "vi") != 0)
                return cli_usage("batch", "--amount-format takes plain or vi, not '%s'", optarg);
            o->amount_vi = optarg[0] == 'v';
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

/*
 * The columns of manifest.csv: each a name and how a written row's value
 * is made. Options that add columns append theirs after these.
 */
typedef struct manifest_cell {
    const char *value;
    char buf[BATCH_SHA_HEX + 1];
} manifest_cell;

typedef struct manifest_column {
    const char *name;
    void (*value)(const job *j, manifest_cell *out);
} manifest_column;

static void mc_row(const job *j, manifest_cell *out)
{
    (void)snprintf(out->buf, sizeof out->buf, "%zu", j->in.row);
    out->value = out->buf;
}

static void mc_file(const job *j, manifest_cell *out)
{
    out->value = j->file;
}

static void mc_payload(const job *j, manifest_cell *out)
{
    out->value = j->payload;
}

static void mc_crc(const job *j, manifest_cell *out)
{
    (void)snprintf(out->buf, sizeof out->buf, "%.4s", j->payload + j->len - 4);
    out->value = out->buf;
}

static void mc_sha256(const job *j, manifest_cell *out)
{
    batch_sha256_hex(j->sha, out->buf);
    out->value = out->buf;
}

static const manifest_column k_manifest[] = {
    { "row", mc_row }, { "file", mc_file },     { "payload", mc_payload },
    { "crc", mc_crc }, { "sha256", mc_sha256 },
};
#define MANIFEST_COLS (sizeof k_manifest / sizeof k_manifest[0])

static const char *const k_rejects_header[] = {
    "row", "line", "column", "code", "name", "message"
};

/* Writes the results of a chunk in row order. Returns CLI_OK or CLI_IO. */
static int record_chunk(const batch_opts *o, job *jobs, size_t n, batch_report *man,
                        batch_report *rej, size_t count[4])
{
    for (size_t i = 0; i < n; i++) {
        job *j = &jobs[i];
        char row[24];
        (void)snprintf(row, sizeof row, "%zu", j->in.row);
        if (j->result == J_FAILED) {
            char path[PATH_BUF];
            (void)snprintf(path, sizeof path, "%s/%s", o->dir, j->file);
            if (j->not_regular) {
                cli_error("batch",
                          "%s is %s, not a regular file: row %zu's image cannot go there; "
                          "remove it, or choose another --out",
                          path, j->not_regular, j->in.row);
                return CLI_IO;
            }
            return cli_write_error("batch", path, j->err_no);
        }
        count[j->result]++;
        int w;
        if (j->result == J_REJECTED) {
            char code[16], line[24];
            (void)snprintf(code, sizeof code, "%d", (int)j->code);
            (void)snprintf(line, sizeof line, "%zu", j->in.line);
            const char *f[6] = {
                row, line, j->column ? j->column : "", code, vqr_status_name(j->code), j->msg
            };
            w = batch_report_row(rej, f, 6);
        } else {
            manifest_cell cell[MANIFEST_COLS];
            const char *f[MANIFEST_COLS];
            for (size_t c = 0; c < MANIFEST_COLS; c++) {
                k_manifest[c].value(j, &cell[c]);
                f[c] = cell[c].value;
            }
            w = batch_report_row(man, f, MANIFEST_COLS);
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

    json_t *settings = settings_json(o.fmt, &o.render);
    if (!settings) {
        cli_error("batch", "out of memory");
        return CLI_IO;
    }
    batch_prev prev;
    memset(&prev, 0, sizeof prev);
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
    char *summary = NULL;
    const char *mheader[MANIFEST_COLS];
    for (size_t c = 0; c < MANIFEST_COLS; c++)
        mheader[c] = k_manifest[c].name;

    if (!jobs || !threads) {
        cli_error("batch", "out of memory");
        st = CLI_IO;
        goto done;
    }
    batch_input_opts io = { NULL, 0, false, o.vi };
    if ((st = batch_reader_open("batch", o.input, o.kind, &io, &in)) != CLI_OK)
        goto done;
    if ((st = batch_prev_load("batch", o.dir, settings, batch_reader_size(in), &prev)) != CLI_OK)
        goto done;
    if ((st = batch_report_open("batch", o.dir, "manifest.csv", mheader, MANIFEST_COLS, &man)) !=
            CLI_OK ||
        (st = batch_report_open("batch", o.dir, "rejects.csv", k_rejects_header, 6, &rej)) !=
            CLI_OK)
        goto done;

    batch_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.dir = o.dir;
    ctx.fmt = o.fmt;
    ctx.render = &o.render;
    ctx.flags = o.flags;
    ctx.vi = o.vi;
    ctx.allow_static = o.allow_static;
    ctx.amount_vi = o.amount_vi;
    ctx.unit = batch_reader_unit(in);
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
            if (j->in.bad_code != VQR_OK) {
                reject(j, j->in.bad_code, j->in.bad_msg ? j->in.bad_msg : "");
                j->column = j->in.bad_col;
            } else if (name_job(&ctx, j, &names, ext) != 0) {
                st = CLI_IO;
            }
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
    if (st == CLI_OK && !(summary = batch_json(settings, count, rows))) {
        cli_error("batch", "out of memory");
        st = CLI_IO;
    }
    if (st == CLI_OK)
        st = batch_write_if_changed("batch", o.dir, "batch.json", summary, &changed[2]);
    if (st == CLI_OK && !o.quiet)
        cli_error("batch", "%zu rows: %zu written, %zu skipped, %zu rejected%s%s%s", rows,
                  count[J_WRITTEN], count[J_SKIPPED], count[J_REJECTED],
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
    json_decref(settings);
    free(summary);
    return st;
}
