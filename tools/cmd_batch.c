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
 *
 * With --template the rows are drawn as documents by libvietqr-print
 * (opened with dlopen() as the print commands do): one image per row, or
 * with --pdf one PDF of every accepted row, whose pages the workers lay
 * out (vqr_print_measure) and the main thread draws in row order
 * (vqr_print_doc_add_layout).
 */
#include "batch.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    vqr_af af;               /* the new image, written and closed, not yet renamed */
    int repair;              /* REPAIR_* */
    /* --reference-prefix: the row's payment reference, and 62.08 as written */
    char reference[VQR_REF_BUF_SIZE];
    char purpose[VQR_VIETQR_TEXT_MAX];
    char amount[VQR_AMOUNT_BUF_SIZE]; /* 54 as written, "" for a static code */
#ifdef VQR_HAVE_PRINT
    vqr_print_layout *layout; /* --pdf: the row's page, laid out */
    size_t page;              /* --pdf: the page it is on */
#endif
} job;

/* What a row's result repaired in the output directory. */
enum {
    REPAIR_NONE,
    REPAIR_IMAGE, /* the manifest's record matched, the image did not: made again */
    REPAIR_RECORD /* no record matched, the image was already right */
};

typedef struct batch_ctx {
    const char *dir;
    cli_format fmt;
    const cli_render *render;
    unsigned flags;
    bool vi;
    bool allow_static;
    bool amount_vi;         /* --amount-format vi */
    const char *ref_prefix; /* --reference-prefix, or NULL */
    const char *unit;       /* "column" or "key" */
    const batch_prev *prev;
#ifdef VQR_HAVE_PRINT
    const batch_print *print; /* --template, or NULL */
#endif
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

#ifdef VQR_HAVE_PRINT
static bool p_is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}
#endif

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
    /* The Vietnamese way is read by the library's one rule for amounts of
     * đồng as people and banks write them (vqr_recon_amount_parse). */
    char digits[32];
    size_t len = strlen(amount);
    int64_t read = 0;
    vqr_error re;
    VQR_INIT(&re);
    vqr_status vr = vqr_recon_amount_parse(amount, len, &read, &re);
    if (vr == VQR_ERR_RECON_AMOUNT && re.limit)
        vr = VQR_ERR_LENGTH; /* more digits than any amount has */
    if (vr == VQR_OK && read <= 0)
        vr = read == 0 ? VQR_ERR_AMOUNT_ZERO : VQR_ERR_AMOUNT_SYNTAX; /* a sign, or (500.000) */
    if (vr == VQR_OK)
        (void)snprintf(digits, sizeof digits, "%lld", (long long)read);
    if (ctx->amount_vi) {
        if (vr == VQR_OK) {
            memcpy(amount, digits, strlen(digits) + 1); /* never longer than the cell */
            return true;
        }
        const char *why;
        if (vr == VQR_ERR_AMOUNT_DECIMALS)
            why = vi ? "VND không có phần thập phân" : "VND has no decimals";
        else if (vr == VQR_ERR_AMOUNT_ZERO)
            why = vi ? "số tiền bằng 0" : "zero";
        else if (vr == VQR_ERR_LENGTH)
            why = vi ? "quá 13 chữ số" : "over 13 digits";
        else
            why = vi ? "không phải số tiền dương" : "not a positive amount";
        (void)snprintf(msg, sizeof msg,
                       vi ? "\"%s\": %s (--amount-format vi: chữ số, có thể nhóm từng 3 chữ "
                            "số bằng '.', ',' hoặc dấu cách, có thể kèm đ hay VND)"
                          : "\"%s\": %s (--amount-format vi: digits, optionally grouped by "
                            "threes with '.', ',' or spaces, optionally with đ or VND)",
                       amount, why);
        if (vr != VQR_ERR_AMOUNT_DECIMALS && vr != VQR_ERR_AMOUNT_ZERO && vr != VQR_ERR_LENGTH)
            vr = VQR_ERR_AMOUNT_SYNTAX;
        reject_col(ctx, j, vr, CLI_F_AMOUNT, msg);
        return false;
    }
    uint64_t minor;
    vqr_status st = vqr_amount_parse(amount, len, 704, &minor, NULL);
    if (st == VQR_OK || (vr != VQR_OK && vr != VQR_ERR_AMOUNT_DECIMALS))
        return true; /* the builder says what is wrong */
    if (vr == VQR_OK && st == VQR_ERR_AMOUNT_DECIMALS)
        (void)snprintf(msg, sizeof msg,
                       vi ? "\"%s\" đọc thành số tiền có phần thập phân, mà VND không có; nếu "
                            "là %s đồng thì ghi %s (hoặc dùng --amount-format vi, đọc '.' và ',' "
                            "là dấu phân cách hàng nghìn)"
                          : "\"%s\" reads as an amount with decimals, and VND has none; for %s "
                            "đồng write %s (or pass --amount-format vi, which reads '.' and ',' "
                            "as thousands separators)",
                       amount, digits, digits);
    else if (vr == VQR_OK)
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

/*
 * --reference-prefix: 62.01 is the reference, and 62.08 the reference
 * followed by the purpose folded to ASCII, which must fit beside it (25
 * characters in all). Returns false when the row is rejected. A purpose
 * that does not fold is left to the builder, which says why.
 */
static bool compose_reference(const batch_ctx *ctx, job *j, cli_fields *f)
{
    const bool vi = ctx->vi;
    size_t rlen = strlen(j->reference);
    f->v[CLI_F_BILL] = j->reference;
    f->v[CLI_F_REFERENCE] = NULL; /* the column holds the payment reference now */
    const char *purpose = j->in.col[CLI_F_PURPOSE];
    if (!purpose) {
        memcpy(j->purpose, j->reference, rlen + 1);
        f->v[CLI_F_PURPOSE] = j->purpose;
        return true;
    }
    size_t plen = strlen(purpose), flen = 0, changed = 0;
    char *folded = malloc(plen + 1);
    if (!folded) {
        reject(j, VQR_ERR_NO_MEMORY, "out of memory");
        return false;
    }
    unsigned tflags = (ctx->flags & VQR_VIETQR_STRICT_TEXT) ? VQR_TEXT_STRICT : VQR_TEXT_FOLD;
    if (vqr_text_fold(purpose, plen, tflags, folded, plen + 1, &flen, &changed, NULL) != VQR_OK) {
        free(folded); /* the builder reports the character that does not fold */
        return true;
    }
    const size_t room = 25 - rlen - 1; /* 62.08 holds 25 characters */
    if (flen > room) {
        char msg[480];
        cut_printf(msg, sizeof msg,
                   vi ? "\"%s\" dài %zu ký tự%s; cạnh mã tham chiếu %s (%zu ký tự và một dấu "
                        "cách) chỉ còn %zu ký tự (62.08 chứa tối đa 25)"
                      : "\"%s\" is %zu characters long%s; beside the reference %s (%zu "
                        "characters and a space) %zu remain (62.08 holds 25)",
                   folded, flen, changed ? (vi ? " khi bỏ dấu" : " once folded") : "", j->reference,
                   rlen, room);
        free(folded);
        reject_col(ctx, j, VQR_ERR_LENGTH, CLI_F_PURPOSE, msg);
        return false;
    }
    (void)snprintf(j->purpose, sizeof j->purpose, "%s%s%s", j->reference, flen ? " " : "", folded);
    free(folded);
    f->v[CLI_F_PURPOSE] = j->purpose;
    return true;
}

#ifdef VQR_HAVE_PRINT
/* ---- documents (--template) ------------------------------------------ */

/* Rejects job j for a fault in the column (or option) `where`. */
static void reject_where(const batch_ctx *ctx, job *j, vqr_status code, const char *where,
                         bool is_column, const char *msg)
{
    j->result = J_REJECTED;
    j->code = code;
    j->column = is_column ? where : NULL;
    if (is_column)
        cut_printf(j->msg, sizeof j->msg, "%s '%s': %s (%s)", ctx->unit, where, msg,
                   vqr_status_name(code));
    else
        cut_printf(j->msg, sizeof j->msg, "%s: %s (%s)", where, msg, vqr_status_name(code));
}

/*
 * The row's items (an item column's cell is its amount, written as people
 * write amounts; an empty cell leaves the item out) and, when the row has
 * no amount, their total as the amount. `col_of[k]` receives the item
 * column of items[k]. Returns the number of items, or -1 with j rejected.
 */
static int row_items(const batch_ctx *ctx, job *j, vqr_print_item *items, size_t *col_of)
{
    const batch_print *bp = ctx->print;
    int n = 0;
    uint64_t total = 0;
    for (size_t k = 0; k < bp->nitems; k++) {
        size_t x = bp->item_extra[k];
        const char *cell = x < j->in.nextra ? j->in.extra[x] : NULL;
        if (!cell)
            continue;
        int64_t v = 0;
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_recon_amount_parse(cell, strlen(cell), &v, &e) != VQR_OK || v < 0 ||
            v >= INT64_C(10000000000000)) {
            char msg[300];
            cut_printf(msg, sizeof msg,
                       ctx->vi ? "\"%s\" không phải số tiền VND (1500000 hoặc 1.500.000)"
                               : "\"%s\" is not an amount of VND (1500000 or 1.500.000)",
                       cell);
            reject_where(ctx, j, VQR_ERR_AMOUNT_SYNTAX, bp->item_col[k], true, msg);
            return -1;
        }
        items[n].label = bp->item_label[k];
        items[n].amount = (uint64_t)v;
        col_of[n] = k;
        total += (uint64_t)v;
        n++;
    }
    if (n && !j->in.col[CLI_F_AMOUNT] && total > 0) {
        char digits[32];
        (void)snprintf(digits, sizeof digits, "%llu", (unsigned long long)total);
        j->in.col[CLI_F_AMOUNT] = strdup(digits);
        if (!j->in.col[CLI_F_AMOUNT]) {
            reject(j, VQR_ERR_NO_MEMORY, "out of memory");
            return -1;
        }
    }
    return n;
}

/* A field of the document: the row's column, else the run's option. */
static const char *doc_text(const batch_ctx *ctx, const job *j, cli_pfield p, bool *from_row)
{
    size_t x = ctx->print->field_extra[p];
    const char *v = x < j->in.nextra ? j->in.extra[x] : NULL;
    *from_row = v != NULL;
    return v ? v : ctx->print->text[p];
}

/* Rejects job j for the error of libvietqr-print `e`, naming the column
 * or option of the field it is about (e->tag). */
static void reject_doc(const batch_ctx *ctx, job *j, const vqr_error *e, const size_t *col_of,
                       size_t nitems)
{
    const batch_print *bp = ctx->print;
    const bool vi = ctx->vi;
    char msg[480];
    const char *m = vi ? e->message_vi : e->message;
    if (e->code == VQR_ERR_PRINT_TOTAL)
        cut_printf(msg, sizeof msg,
                   vi ? "các khoản cộng lại %zu, khác số tiền của dòng"
                      : "the items add up to %zu, not the row's amount",
                   e->limit);
    else if (e->code == VQR_ERR_PRINT_TEXT_TOO_LONG)
        cut_printf(msg, sizeof msg, vi ? "%s; hãy viết ngắn lại" : "%s; shorten it", m);
    else
        cut_printf(msg, sizeof msg, "%s", m);
    for (int p = 0; p < CLI_P_COUNT; p++) {
        if (strcmp(e->tag, cli_pfields[p].field) != 0)
            continue;
        size_t x = bp->field_extra[p];
        if (x < j->in.nextra && j->in.extra[x]) {
            reject_where(ctx, j, e->code, cli_pfields[p].column, true, msg);
        } else {
            char opt[48];
            (void)snprintf(opt, sizeof opt, "--%s", cli_pfields[p].option);
            reject_where(ctx, j, e->code, opt, false, msg);
        }
        return;
    }
    if (p_is(e->tag, "purpose") && j->in.col[CLI_F_PURPOSE]) {
        reject_col(ctx, j, e->code, CLI_F_PURPOSE, msg);
        return;
    }
    if (p_is(e->tag, "reference") && j->in.col[CLI_F_BILL]) {
        reject_col(ctx, j, e->code, CLI_F_BILL, msg);
        return;
    }
    if (strncmp(e->tag, "item.", 5) == 0) {
        size_t k = (size_t)strtoul(e->tag + 5, NULL, 10);
        if (k < nitems) {
            reject_where(ctx, j, e->code, bp->item_col[col_of[k]], true, msg);
            return;
        }
    }
    if (e->code == VQR_ERR_PRINT_TOTAL && j->in.col[CLI_F_AMOUNT]) {
        reject_col(ctx, j, e->code, CLI_F_AMOUNT, msg);
        return;
    }
    char where[160];
    cut_printf(where, sizeof where, "%s",
               p_is(e->tag, "items")                  ? "--item-column"
               : p_is(e->tag, "qr")                   ? (vi ? "mã QR" : "the QR code")
               : p_is(e->tag, "min_module")           ? "--min-module-mm"
               : e->tag[0] && !p_is(e->tag, "layout") ? e->tag
                                                      : (vi ? "trang" : "the page"));
    reject_where(ctx, j, e->code, where, false, msg);
}

/*
 * The row's document: laid out for the PDF (j->layout), or drawn as the
 * row's image (returned, vqr_free; *n its size). NULL with j rejected
 * when it cannot be, or for the PDF.
 */
static void *draw_doc(const batch_ctx *ctx, job *j, size_t *n)
{
    const batch_print *bp = ctx->print;
    vqr_print_item items[VQR_PRINT_ITEMS_MAX];
    size_t col_of[VQR_PRINT_ITEMS_MAX];
    int nitems = row_items(ctx, j, items, col_of);
    if (nitems < 0)
        return NULL;
    vqr_print_fields f;
    bp->api.fields_init(&f, sizeof f, NULL);
    f.payload = j->payload;
    f.payload_len = j->len;
    for (int p = 0; p < CLI_P_COUNT; p++) {
        bool from_row;
        cli_pfield_set(&f, (cli_pfield)p, doc_text(ctx, j, (cli_pfield)p, &from_row));
    }
    if (!f.holder)
        f.holder = j->in.col[CLI_F_NAME];
    /* with --reference-prefix, 62.08 and 62.01 as the payload holds them */
    f.purpose = j->purpose[0] ? j->purpose : j->in.col[CLI_F_PURPOSE];
    f.reference = j->reference[0] ? j->reference : j->in.col[CLI_F_BILL];
    f.items = items;
    f.item_count = (size_t)nitems;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st;
    void *data = NULL;
    if (bp->pdf)
        st = bp->api.measure(bp->t, &f, &bp->opt, &j->layout, &e);
    else
        st = bp->api.render(bp->t, &f, &bp->opt, NULL, (unsigned char **)&data, n, &e);
    if (st != VQR_OK)
        reject_doc(ctx, j, &e, col_of, (size_t)nitems);
    return data;
}
#endif

static void run_job(const batch_ctx *ctx, job *j)
{
    if (j->result == J_REJECTED)
        return;
#ifdef VQR_HAVE_PRINT
    /* the items first: their total is the amount of a row without one */
    if (ctx->print) {
        vqr_print_item items[VQR_PRINT_ITEMS_MAX];
        size_t col_of[VQR_PRINT_ITEMS_MAX];
        if (row_items(ctx, j, items, col_of) < 0)
            return;
    }
#endif
    if (!check_amount(ctx, j))
        return;
    cli_fields f;
    for (int c = 0; c < CLI_F_COUNT; c++)
        f.v[c] = j->in.col[c];
    if (ctx->ref_prefix && !compose_reference(ctx, j, &f))
        return;
    vqr_payload p;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    vqr_error e;
    VQR_INIT(&e);
    cli_field bad;
    vqr_status st = cli_build(&f, ctx->flags, &p, &rep, &e, &bad);
    if (st == VQR_OK)
        st = vqr_payload_write(&p, VQR_WRITE_CANONICAL, j->payload, sizeof j->payload, &j->len, &e);
    if (st == VQR_OK) {
        vqr_view v;
        if (vqr_payload_get(&p, "54", &v, NULL) == VQR_OK && v.len < sizeof j->amount) {
            memcpy(j->amount, v.ptr, v.len);
            j->amount[v.len] = '\0';
        }
    }
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
        if (bad == CLI_F_BANK && (st == VQR_ERR_BANK_UNKNOWN || st == VQR_ERR_BANK_AMBIGUOUS)) {
            /* "; did you mean Vietcombank (970436)?" after the message. */
            size_t used = strlen(j->msg);
            cli_bank_hint(f.v[CLI_F_BANK], st, ctx->vi, j->msg + used, sizeof j->msg - used);
        }
        return;
    }
#ifdef VQR_HAVE_PRINT
    if (ctx->print && ctx->print->pdf) {
        /* laid out here, drawn into the PDF by the main thread in row order */
        (void)draw_doc(ctx, j, NULL);
        if (j->result != J_REJECTED)
            j->result = J_WRITTEN;
        return;
    }
#endif
    char path[PATH_BUF];
    (void)snprintf(path, sizeof path, "%s/%s", ctx->dir, j->file);

    /* The same file and payload as the last run, and the file unchanged. A
     * document also shows fields the payload does not hold: it is drawn
     * again and compared with the file. */
    unsigned char key[BATCH_SHA_LEN];
    batch_key(j->file, j->payload, j->len, key);
    const batch_rec *rec = batch_prev_find(ctx->prev, j->in.row, key);
    int same = rec ? batch_file_sha_equals(path, rec->sha) : 0;
    bool recorded = false; /* a document the manifest describes, in place */
#ifdef VQR_HAVE_PRINT
    if (ctx->print && same == 1) {
        same = 0;
        recorded = true;
    }
#endif
    if (same == 1) {
        memcpy(j->sha, rec->sha, BATCH_SHA_LEN);
        j->result = J_SKIPPED;
        return;
    }
    size_t n = 0;
    void *data = NULL;
#ifdef VQR_HAVE_PRINT
    if (ctx->print && same != BATCH_NOT_REGULAR)
        data = draw_doc(ctx, j, &n);
    else
#endif
        if (same != BATCH_NOT_REGULAR)
        data = draw(ctx, j, &n);
    if (!data && same != BATCH_NOT_REGULAR)
        return;
    if (data) {
        batch_sha256(data, n, j->sha);
        same = batch_file_equals(path, data, n);
    }
    if (same == 1) {
        j->result = J_SKIPPED;
        j->repair = ctx->prev->usable && !recorded ? REPAIR_RECORD : REPAIR_NONE;
    } else if (same == BATCH_NOT_REGULAR) {
        j->result = J_FAILED;
        (void)batch_open_existing(path, &j->not_regular);
    } else {
        /* Written beside its target; the main thread makes the chunk durable
         * and renames in row order, once the manifest allows it. */
        int rc = vqr_af_open(&j->af, path);
        if (rc == 0)
            rc = vqr_af_write(&j->af, data, n);
#if !defined(__linux__)
        if (rc == 0 && fsync(j->af.fd) != 0)
            rc = errno;
#endif
        if (rc == 0) {
            if (close(j->af.fd) != 0)
                rc = errno;
            j->af.fd = -1;
        }
        if (rc == 0) {
            j->result = J_WRITTEN;
            j->repair = rec && !recorded ? REPAIR_IMAGE : REPAIR_NONE;
        } else {
            vqr_af_abort(&j->af);
            if (rc == VQR_AF_NOT_REGULAR)
                (void)batch_open_existing(path, &j->not_regular);
            j->result = J_FAILED;
            j->err_no = rc;
        }
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

/* ---- payment references ---------------------------------------------- */

/*
 * Gives job j its payment reference (--reference-prefix): the row's
 * 'reference' cell, checked, or the prefix and the row number. A reference
 * given to an earlier row rejects this one. Returns -1 when out of memory.
 */
static int reference_job(const batch_ctx *ctx, job *j, batch_names *refs)
{
    const bool vi = ctx->vi;
    const char *given = j->in.col[CLI_F_REFERENCE];
    char msg[320];
    if (j->in.col[CLI_F_BILL]) {
        reject_col(ctx, j, VQR_ERR_INVALID_ARGUMENT, CLI_F_BILL,
                   vi ? "với --reference-prefix, 62.01 chứa mã tham chiếu: để trống cột này"
                      : "with --reference-prefix, 62.01 holds the reference: leave this empty");
        return 0;
    }
    if (given) {
        size_t n = strlen(given);
        char *up = malloc(n + 1);
        if (!up)
            return -1;
        for (size_t i = 0; i <= n; i++)
            up[i] = given[i] >= 'a' && given[i] <= 'z' ? (char)(given[i] - 'a' + 'A') : given[i];
        vqr_error e;
        VQR_INIT(&e);
        size_t plen = strlen(ctx->ref_prefix);
        if (vqr_ref_check(up, n, &e) != VQR_OK) {
            free(up);
            cut_printf(msg, sizeof msg,
                       vi ? "\"%s\" không phải mã tham chiếu: %s" : "\"%s\" is not a reference: %s",
                       given, vi ? e.message_vi : e.message);
            reject_col(ctx, j, e.code, CLI_F_REFERENCE, msg);
            return 0;
        }
        memcpy(j->reference, up, n + 1); /* a valid reference fits */
        free(up);
        if (strlen(j->reference) != plen + VQR_REF_DIGITS + 2 ||
            strncmp(j->reference, ctx->ref_prefix, plen) != 0) {
            cut_printf(msg, sizeof msg,
                       vi ? "%s không mang tiền tố %s của --reference-prefix"
                          : "%s does not have the prefix %s of --reference-prefix",
                       j->reference, ctx->ref_prefix);
            reject_col(ctx, j, VQR_ERR_REF_PREFIX, CLI_F_REFERENCE, msg);
            return 0;
        }
    } else if (j->in.row > VQR_REF_SEQUENCE_MAX) {
        cut_printf(msg, sizeof msg,
                   vi ? "dòng %zu: --reference-prefix đánh số các dòng 1-999999; hãy ghi mã "
                        "tham chiếu trong cột 'reference' hoặc tách tệp"
                      : "row %zu: --reference-prefix numbers rows 1-999999; give this row a "
                        "reference in a 'reference' column, or split the input",
                   j->in.row);
        reject(j, VQR_ERR_REF_SEQUENCE, msg);
        return 0;
    } else {
        size_t n;
        if (vqr_ref_make(ctx->ref_prefix, (uint32_t)j->in.row, j->reference, sizeof j->reference,
                         &n, NULL) != VQR_OK) {
            reject(j, VQR_ERR_REF_PREFIX, "--reference-prefix");
            return 0;
        }
    }
    size_t other = batch_name_add(refs, j->reference, j->in.row);
    if (other == SIZE_MAX)
        return -1;
    if (other) {
        cut_printf(msg, sizeof msg,
                   vi ? "mã tham chiếu %s đã thuộc về dòng %zu"
                      : "the reference %s is already row %zu's",
                   j->reference, other);
        if (given)
            reject_col(ctx, j, VQR_ERR_REF_DUPLICATE, CLI_F_REFERENCE, msg);
        else
            reject(j, VQR_ERR_REF_DUPLICATE, msg);
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
             "unless --amount-format vi says how to read them (the rule reconcile reads bank\n"
             "statements by): spaces around the figure and one currency word before or after\n"
             "it (đ, ₫, VND, VNĐ, dong, đồng) are ignored; the digits may be grouped by\n"
             "threes with one kind of separator ('.', ',', a space): 1.500.000, 1,500,000 and\n"
             "1 500 000 are 1500000, and 1.500 is 1500; a '.' or ',' followed by one or two\n"
             "digits at the end is a decimal part, which must be zeros (1.500.000,00).\n"
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
             "      --reference-prefix P  give each row a payment reference: P (2-6 letters\n"
             "                        and digits, a letter first), the row number in six\n"
             "                        digits and two check characters (HP24000001QV), or\n"
             "                        the row's 'reference' cell, which is then checked;\n"
             "                        it goes into 62.01 and at the start of 62.08, before\n"
             "                        the purpose (folded; a purpose too long to fit beside\n"
             "                        it rejects the row), and the manifest gets\n"
             "                        'reference' and 'amount' columns (for vietqr\n"
             "                        reconcile)\n"
             "      --carry COLS      copy these input columns (comma-separated) into the\n"
             "                        manifest\n"
             "      --alnum-account   allow letters in account numbers (wallet accounts)\n"
             "      --strict-text     refuse non-ASCII text instead of folding it\n"
             "      --lang LANG       reject messages in 'en' (default) or 'vi'\n"
             "  -q, --quiet           no progress bar and no summary\n",
             f);
    cli_puts(cli_render_help, f);
    cli_puts("\n"
             "Documents (libvietqr-print, as 'vietqr card', 'notice', 'receipt', 'sticker'):\n"
             "      --template NAME   draw each row as a document: card, qr_only, compact,\n"
             "                        compact2, print, notice, receipt or sticker; one PNG\n"
             "                        (or with -f svg one SVG) per row\n"
             "      --pdf FILE        instead, one PDF of every accepted row, in row order;\n"
             "                        manifest.csv then has row, file, page, payload, crc\n"
             "                        (the page each row is on), and every run makes the\n"
             "                        PDF whole (no row is skipped)\n"
             "      --item-column COLUMN[=LABEL]  an itemised line (repeat it): the cell is\n"
             "                        its amount (1500000 or 1.500.000; empty: not on this\n"
             "                        row), LABEL what the document shows (default: the\n"
             "                        column's name); a row without an amount is charged\n"
             "                        the items' total\n"
             "      --title, --issuer, --address, --payer, --payer-code, --holder,\n"
             "      --bank-name, --due, --date, --how-to-pay, --note, --stall TEXT\n"
             "                        the document's fields for every row; a column of the\n"
             "                        same name (payer_code, bank_name, how_to_pay) gives a\n"
             "                        row its own; the holder defaults to the 'name' column\n"
             "      --paper P         notice: a5, a4 (two per sheet; PDF default);\n"
             "                        receipt: 58, 80; sticker: a6, 100\n"
             "      --dpi N, --scale N, --ecc L|M|Q|H  as 'vietqr card' ('--margin',\n"
             "                        '--size-mm', '--fg' and '--bg' are for bare images)\n"
             "      --min-module-mm MM, --mono, --south, --tu, --no-cut-marks, --font\n"
             "                        FAMILY, --doc-title TEXT   as 'vietqr notice'\n"
             "A field too long for its place, items that do not add up to the amount, or\n"
             "a code too dense for the paper reject the row, naming the column or option.\n"
             "\n"
             "  -h, --help            show this help\n"
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
    const char *ref_prefix; /* --reference-prefix, upper case */
    char ref_prefix_buf[VQR_REF_PREFIX_MAX + 1];
    const char *carry[64]; /* --carry, split in place */
    size_t ncarry;
    batch_kind kind;
    bool kind_set, vi, quiet, allow_static, amount_vi;
    cli_format fmt;
    unsigned flags;
    long jobs;
    cli_render render;
    const char *bare_option;  /* an option of the bare images (--margin ...), as given */
    const char *print_option; /* an option of the documents (--paper ...), as given */
    bool fmt_set;
#ifdef VQR_HAVE_PRINT
    batch_print *print; /* --template, or NULL */
    batch_print print_store;
    const char *template_name, *scale_arg, *dpi_arg;
#endif
} batch_opts;

enum {
    OPT_OUT = 300,
    OPT_INPUT_FORMAT,
    OPT_ALNUM,
    OPT_STRICT_TEXT,
    OPT_LANG,
    OPT_ALLOW_STATIC,
    OPT_AMOUNT_FORMAT,
    OPT_REFERENCE_PREFIX,
    OPT_CARRY,
    OPT_TEMPLATE,
    OPT_PDF,
    OPT_PAPER,
    OPT_ITEM_COLUMN,
    OPT_MODULE,
    OPT_FONT,
    OPT_DOC_TITLE,
    OPT_MONO,
    OPT_SOUTH,
    OPT_TU,
    OPT_NO_CUT,
    OPT_TEXT = 500, /* + cli_pfield */
    OPT_TEXT_LAST = OPT_TEXT + 11
};

#ifdef VQR_HAVE_PRINT
/* Releases what the document options hold. */
static void print_opts_free(batch_opts *o)
{
    batch_print *bp = &o->print_store;
    for (size_t k = 0; k < bp->nitems; k++) {
        free(bp->item_col[k]);
        free(bp->item_label[k]);
    }
    bp->nitems = 0;
}

/* One option of the documents (--template, --pdf, --payer ...). */
static int print_option(batch_opts *o, int c, const char *arg)
{
    batch_print *bp = &o->print_store;
    if (c >= OPT_TEXT) {
        int p = c - OPT_TEXT;
        if (bp->text[p])
            return cli_usage("batch", "--%s given twice", cli_pfields[p].option);
        bp->text[p] = arg;
        return CLI_OK;
    }
    switch (c) {
    case OPT_TEMPLATE:
        o->template_name = arg;
        break;
    case OPT_PDF:
        bp->pdf = arg;
        break;
    case OPT_PAPER:
        bp->paper = arg;
        break;
    case OPT_FONT:
        bp->font = arg;
        break;
    case OPT_DOC_TITLE:
        bp->doc_title = arg;
        break;
    case OPT_MONO:
        bp->flags |= VQR_PRINT_MONO;
        break;
    case OPT_SOUTH:
        bp->flags |= VQR_PRINT_WORDS_SOUTH;
        break;
    case OPT_TU:
        bp->flags |= VQR_PRINT_WORDS_TU;
        break;
    case OPT_NO_CUT:
        bp->flags |= VQR_PRINT_NO_CUT_MARKS;
        break;
    case OPT_MODULE: {
        char *end;
        double mm = strtod(arg, &end);
        if (end == arg || *end || !(mm >= 0.1 && mm <= 10))
            return cli_usage("batch", "--min-module-mm takes 0.1 to 10, not '%s'", arg);
        bp->module_mm = mm;
        break;
    }
    case OPT_ITEM_COLUMN: {
        /* COLUMN or COLUMN=LABEL */
        if (bp->nitems == VQR_PRINT_ITEMS_MAX)
            return cli_usage("batch", "at most %d --item-column", VQR_PRINT_ITEMS_MAX);
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
        if (n == 0 || (eq && !eq[1]))
            return cli_usage("batch", "--item-column takes COLUMN or COLUMN=LABEL, not '%s'", arg);
        char *col = strndup(arg, n), *label = strdup(eq ? eq + 1 : col ? col : "");
        if (!col || !label) {
            free(col);
            free(label);
            cli_error("batch", "out of memory");
            return CLI_IO;
        }
        for (size_t k = 0; k < bp->nitems; k++)
            if (strcasecmp(bp->item_col[k], col) == 0) {
                free(col);
                free(label);
                return cli_usage("batch", "--item-column '%.*s' given twice", (int)n, arg);
            }
        bp->item_col[bp->nitems] = col;
        bp->item_label[bp->nitems] = label;
        bp->nitems++;
        break;
    }
    default:
        break;
    }
    return CLI_OK;
}

/* Once every option is read: opens libvietqr-print and sets up the
 * documents when --template was given. */
static int print_finish(batch_opts *o)
{
    batch_print *bp = &o->print_store;
    if (!o->template_name) {
        if (o->print_option)
            return cli_usage("batch", "--%s is an option of the documents: give --template",
                             o->print_option);
        return CLI_OK;
    }
    if (o->bare_option)
        return cli_usage("batch", "--%s is for bare QR images; a --template lays out its own page",
                         o->bare_option);
    if (bp->pdf && o->fmt_set)
        return cli_usage("batch", "--format is for one image per row; --pdf writes one PDF");
    int st = cli_print_open("batch", &bp->api);
    if (st != CLI_OK)
        return st;
    if (bp->api.template_find(o->template_name, strlen(o->template_name), &bp->t, NULL) != VQR_OK)
        return cli_usage("batch",
                         "--template takes card, qr_only, compact, compact2, print, notice, "
                         "receipt or sticker, not '%s'",
                         o->template_name);
    vqr_print_options *opt = &bp->opt;
    bp->api.options_init(opt, sizeof *opt, NULL);
    opt->format = bp->pdf                    ? VQR_FORMAT_PDF
                  : o->fmt == CLI_FORMAT_SVG ? VQR_FORMAT_SVG
                                             : VQR_FORMAT_PNG;
    if (bp->paper && !cli_parse_paper(bp->t, bp->paper, &opt->paper))
        return cli_usage("batch", "--paper: '%s' is not a paper of the %s", bp->paper,
                         bp->api.template_name(bp->t));
    unsigned long v;
    if (o->dpi_arg) {
        if (!cli_parse_uint(o->dpi_arg, VQR_PRINT_MIN_DPI, VQR_PRINT_MAX_DPI, &v))
            return cli_usage("batch", "--dpi takes a whole number from %d to %d, not '%s'",
                             VQR_PRINT_MIN_DPI, VQR_PRINT_MAX_DPI, o->dpi_arg);
        opt->dpi = (unsigned)v;
    }
    if (o->scale_arg) {
        if (!cli_parse_uint(o->scale_arg, 1, 4, &v))
            return cli_usage("batch", "--scale of a --template takes 1, 2, 3 or 4, not '%s'",
                             o->scale_arg);
        opt->scale = (unsigned)v;
    }
    opt->ecc = o->render.ecc;
    if (bp->module_mm > 0)
        opt->min_module_mm = bp->module_mm;
    opt->font = bp->font;
    opt->title = bp->doc_title;
    opt->flags = bp->flags;
    o->print = bp;
    return CLI_OK;
}
#else
static int print_option(batch_opts *o, int c, const char *arg)
{
    (void)c;
    (void)arg;
    return cli_usage("batch", "--%s: this vietqr is built without libvietqr-print (cairo, pango)",
                     o->print_option ? o->print_option : "template");
}

static int print_finish(batch_opts *o)
{
    (void)o;
    return CLI_OK;
}
#endif

/* The long name of option `c` ("--pdf"), for messages. */
static const char *option_name(const struct option *opts, int c)
{
    for (; opts->name; opts++)
        if (opts->val == c)
            return opts->name;
    return "?";
}

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
        { "reference-prefix", required_argument, NULL, OPT_REFERENCE_PREFIX },
        { "carry", required_argument, NULL, OPT_CARRY },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "template", required_argument, NULL, OPT_TEMPLATE },
        { "pdf", required_argument, NULL, OPT_PDF },
        { "paper", required_argument, NULL, OPT_PAPER },
        { "item-column", required_argument, NULL, OPT_ITEM_COLUMN },
        { "min-module-mm", required_argument, NULL, OPT_MODULE },
        { "font", required_argument, NULL, OPT_FONT },
        { "doc-title", required_argument, NULL, OPT_DOC_TITLE },
        { "mono", no_argument, NULL, OPT_MONO },
        { "south", no_argument, NULL, OPT_SOUTH },
        { "tu", no_argument, NULL, OPT_TU },
        { "no-cut-marks", no_argument, NULL, OPT_NO_CUT },
        { "title", required_argument, NULL, OPT_TEXT + 0 },
        { "issuer", required_argument, NULL, OPT_TEXT + 1 },
        { "address", required_argument, NULL, OPT_TEXT + 2 },
        { "payer", required_argument, NULL, OPT_TEXT + 3 },
        { "payer-code", required_argument, NULL, OPT_TEXT + 4 },
        { "holder", required_argument, NULL, OPT_TEXT + 5 },
        { "bank-name", required_argument, NULL, OPT_TEXT + 6 },
        { "due", required_argument, NULL, OPT_TEXT + 7 },
        { "date", required_argument, NULL, OPT_TEXT + 8 },
        { "how-to-pay", required_argument, NULL, OPT_TEXT + 9 },
        { "note", required_argument, NULL, OPT_TEXT + 10 },
        { "stall", required_argument, NULL, OPT_TEXT + 11 },
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
        if (c == CLI_OPT_MARGIN || c == CLI_OPT_SIZE_MM || c == CLI_OPT_FG || c == CLI_OPT_BG)
            o->bare_option = option_name(longopts, c);
#ifdef VQR_HAVE_PRINT
        if (c == CLI_OPT_SCALE)
            o->scale_arg = optarg;
        if (c == CLI_OPT_DPI)
            o->dpi_arg = optarg;
#endif
        if (c >= OPT_TEMPLATE && c <= OPT_TEXT_LAST) {
            o->print_option = option_name(longopts, c);
            st = print_option(o, c, optarg);
            if (st != CLI_OK)
                return st;
            continue;
        }
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
            o->fmt_set = true;
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
        case OPT_REFERENCE_PREFIX: {
            char ref[VQR_REF_BUF_SIZE];
            size_t n;
            vqr_error e;
            VQR_INIT(&e);
            if (vqr_ref_make(optarg, 0, ref, sizeof ref, &n, &e) != VQR_OK)
                return cli_usage("batch", "--reference-prefix '%s': %s", optarg, e.message);
            n -= VQR_REF_DIGITS + 2; /* the six digits and two check characters */
            memcpy(o->ref_prefix_buf, ref, n);
            o->ref_prefix_buf[n] = '\0';
            o->ref_prefix = o->ref_prefix_buf;
            break;
        }
        case OPT_CARRY: {
            o->ncarry = 0;
            char *save = NULL;
            for (char *t = strtok_r(optarg, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                if (o->ncarry == sizeof o->carry / sizeof o->carry[0])
                    return cli_usage("batch", "--carry names at most 64 columns");
                o->carry[o->ncarry++] = t;
            }
            if (o->ncarry == 0)
                return cli_usage("batch", "--carry takes column names separated by commas");
            break;
        }
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
    if ((st = print_finish(o)) != CLI_OK)
        return st;
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

/* Columns after k_manifest: with --reference-prefix the reference and
 * the amount (54 as written, "" for a static code); then each --carry
 * column, copied from the input row. */
#define MANIFEST_MAX (MANIFEST_COLS + 2 + 64)

/* The columns of manifest.csv with --pdf: the PDF and the page of each
 * row, in place of the image and its SHA-256. */
static const char *const k_manifest_pdf[] = { "row", "file", "page", "payload", "crc" };
#define MANIFEST_PDF_COLS (sizeof k_manifest_pdf / sizeof k_manifest_pdf[0])

static size_t manifest_header(const batch_opts *o, bool pdf, const char **h)
{
    size_t n = 0;
    for (size_t c = 0; c < (pdf ? MANIFEST_PDF_COLS : MANIFEST_COLS); c++)
        h[n++] = pdf ? k_manifest_pdf[c] : k_manifest[c].name;
    if (o->ref_prefix) {
        h[n++] = "reference";
        h[n++] = "amount";
    }
    for (size_t c = 0; c < o->ncarry; c++)
        h[n++] = o->carry[c];
    return n;
}

/* The state of a run, kept by the main thread. */
typedef struct batch_run {
    const batch_opts *o;
    batch_dir dir;
    const json_t *settings;
    batch_prev prev;
    batch_report man, rej;
    batch_names names; /* every output name given, for the rows that asked */
    batch_names made;  /* the names the new manifest records */
    /* The manifest on disk: the last run's until an image it describes is
     * to be replaced; then this run's records so far (`trimmed`). */
    bool trimmed;
    size_t recorded, recorded_at_checkpoint;
    size_t count[4], rows, leftovers, repaired_images, recorded_again, removed;
#ifdef VQR_HAVE_PRINT
    /* --pdf: the document, written as it is drawn into a temporary file */
    vqr_print_doc *doc;
    vqr_af pdf;
    int pdf_error;
#endif
} batch_run;

#ifdef VQR_HAVE_PRINT
#define PDF_MODE(run) ((run)->doc != NULL)
#define PDF_NAME(run) ((run)->o->print->pdf)
#define JOB_PAGE(j) ((j)->page)

/* The PDF's bytes, as they are made, into its temporary file. */
static int pdf_write(void *ctx, const unsigned char *data, size_t len)
{
    batch_run *run = ctx;
    int rc = vqr_af_write(&run->pdf, data, len);
    if (rc) {
        run->pdf_error = rc;
        return -1;
    }
    return 0;
}
#else
#define PDF_MODE(run) false
#define PDF_NAME(run) ""
#define JOB_PAGE(j) ((size_t)0)
#endif

/* batch.json: the settings, whether the run finished, and its counts. */
static char *batch_json(const batch_run *run, bool complete)
{
    json_t *j = json_pack("{s:O, s:b}", "settings", run->settings, "complete", complete);
    if (j && complete) {
        json_t *rep = json_pack("{s:I, s:I, s:I}", "temporary_files", (json_int_t)run->leftovers,
                                "images", (json_int_t)run->repaired_images, "recorded",
                                (json_int_t)run->recorded_again);
        if (!rep || json_object_set_new(j, "rows", json_integer((json_int_t)run->rows)) != 0 ||
            json_object_set_new(j, "written", json_integer((json_int_t)run->count[J_WRITTEN])) !=
                0 ||
            json_object_set_new(j, "skipped", json_integer((json_int_t)run->count[J_SKIPPED])) !=
                0 ||
            json_object_set_new(j, "rejected", json_integer((json_int_t)run->count[J_REJECTED])) !=
                0 ||
            json_object_set_new(j, "removed", json_integer((json_int_t)run->removed)) != 0 ||
            json_object_set_new(j, "repaired", rep) != 0) {
            json_decref(j);
            j = NULL;
        }
    }
    /* (the settings hold names from the command line: written by the one rule) */
    char *s = j ? cli_json_safe_dumps(j, JSON_SORT_KEYS | JSON_INDENT(2)) : NULL;
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

static int write_batch_json(batch_run *run, bool complete)
{
    char *text = batch_json(run, complete);
    if (!text) {
        cli_error("batch", "out of memory");
        return CLI_IO;
    }
    bool changed;
    int st = batch_write_if_changed("batch", run->o->dir, "batch.json", text, &changed);
    free(text);
    return st;
}

/*
 * Before an image the manifest on disk describes is replaced, the manifest
 * is brought up to date: it becomes this run's records so far (every one of
 * them an image already in place), and batch.json says the run has not
 * finished. After a kill or a full disk from then on, the manifest names
 * only images that match it.
 */
static int trim_manifest(batch_run *run)
{
    if (batch_dir_sync(&run->dir, true) != 0)
        return cli_io_error("batch", "cannot sync", run->o->dir);
    int st = batch_report_checkpoint("batch", &run->man);
    if (st == CLI_OK)
        st = write_batch_json(run, false);
    if (st == CLI_OK) {
        run->trimmed = true;
        run->recorded_at_checkpoint = run->recorded;
    }
    return st;
}

/* Whether renaming job j's image over its file replaces an image the
 * manifest on disk describes with other bytes. */
static bool replaces_described(const batch_run *run, const job *j)
{
    if (run->trimmed)
        return false;
    if (run->prev.unreadable)
        return true;
    const batch_rec *rec = batch_prev_by_file(&run->prev, j->file);
    return rec && memcmp(rec->sha, j->sha, BATCH_SHA_LEN) != 0;
}

/* Removes the new images of jobs[from, n) not renamed yet. */
static void abort_pending(job *jobs, size_t from, size_t n)
{
    for (size_t i = from; i < n; i++)
        if (jobs[i].result == J_WRITTEN && jobs[i].af.tmp)
            vqr_af_abort(&jobs[i].af);
}

/* Says why a run stopped, and that what it did is kept. */
static int stopped(const batch_run *run, const job *j, int status)
{
    (void)status;
    cli_error("batch",
              "stopped at row %zu; the images in %s and its manifest.csv agree: run the same "
              "command again to finish",
              j->in.row, run->o->dir);
    return CLI_IO;
}

/*
 * Puts a chunk's results in place in row order: the new images are made
 * durable together, then each is renamed over its file (after the manifest
 * is trimmed, the first time one it describes is replaced), and the
 * reports are written. Returns CLI_OK or CLI_IO.
 */
static int record_chunk(batch_run *run, job *jobs, size_t n)
{
    bool pending = false;
    for (size_t i = 0; i < n; i++)
        pending = pending || jobs[i].result == J_WRITTEN;
    if (pending && batch_dir_sync(&run->dir, false) != 0) {
        abort_pending(jobs, 0, n);
        return cli_io_error("batch", "cannot sync", run->o->dir);
    }
    for (size_t i = 0; i < n; i++) {
        job *j = &jobs[i];
        char row[24], path[PATH_BUF];
        (void)snprintf(row, sizeof row, "%zu", j->in.row);
        (void)snprintf(path, sizeof path, "%s/%s", run->o->dir, j->file);
        if (j->result == J_FAILED) {
            abort_pending(jobs, i, n);
            if (j->not_regular)
                cli_error("batch",
                          "%s is %s, not a regular file: row %zu's image cannot go there; "
                          "remove it, or choose another --out",
                          path, j->not_regular, j->in.row);
            else
                (void)cli_write_error("batch", path, j->err_no);
            return stopped(run, j, CLI_IO);
        }
#ifdef VQR_HAVE_PRINT
        if (j->result == J_WRITTEN && run->doc) {
            const batch_print *bp = run->o->print;
            vqr_error e;
            VQR_INIT(&e);
            if (bp->api.doc_add_layout(run->doc, j->layout, &e) != VQR_OK) {
                if (e.code == VQR_ERR_IO)
                    (void)cli_write_error("batch", bp->pdf, run->pdf_error);
                else
                    cli_error("batch", "%s: row %zu: %s (%s)", bp->pdf, j->in.row,
                              run->o->vi ? e.message_vi : e.message, e.name);
                return stopped(run, j, CLI_IO);
            }
            j->page = bp->api.doc_pages(run->doc);
        } else
#endif
            if (j->result == J_WRITTEN) {
            int st = replaces_described(run, j) ? trim_manifest(run) : CLI_OK;
            int rc = st == CLI_OK ? vqr_af_commit_flags(&j->af, VQR_AF_CALLER_SYNCS) : 0;
            if (st != CLI_OK || rc != 0) {
                abort_pending(jobs, i, n);
                if (rc != 0)
                    (void)cli_write_error("batch", path, rc);
                return stopped(run, j, CLI_IO);
            }
        }
        run->count[j->result]++;
        run->repaired_images += j->repair == REPAIR_IMAGE;
        run->recorded_again += j->repair == REPAIR_RECORD;
        int w;
        if (j->result == J_REJECTED) {
            char code[16], line[24];
            (void)snprintf(code, sizeof code, "%d", (int)j->code);
            (void)snprintf(line, sizeof line, "%zu", j->in.line);
            /* Column names and cells come from the input: shown by the one
             * escaping rule (a U+202E in a header cannot turn a message
             * around on a screen). */
            const char *col = j->column ? j->column : "";
            char *ecol = cli_escape(col, strlen(col), NULL);
            char *emsg = cli_escape(j->msg, strlen(j->msg), NULL);
            const char *f[6] = { row, line, ecol, code, vqr_status_name(j->code), emsg };
            w = ecol && emsg ? batch_report_row(&run->rej, f, 6) : -1;
            free(ecol);
            free(emsg);
        } else {
            manifest_cell cell[MANIFEST_COLS];
            const char *f[MANIFEST_MAX];
            size_t k = 0;
            char page[24];
            if (PDF_MODE(run)) {
                mc_row(j, &cell[0]);
                mc_crc(j, &cell[1]);
                (void)snprintf(page, sizeof page, "%zu", JOB_PAGE(j));
                f[k++] = cell[0].value;
                f[k++] = PDF_NAME(run);
                f[k++] = page;
                f[k++] = j->payload;
                f[k++] = cell[1].value;
            } else {
                for (size_t c = 0; c < MANIFEST_COLS; c++) {
                    k_manifest[c].value(j, &cell[c]);
                    f[k++] = cell[c].value;
                }
            }
            if (run->o->ref_prefix) {
                f[k++] = j->reference;
                f[k++] = j->amount;
            }
            for (size_t c = 0; c < run->o->ncarry; c++)
                f[k++] = c < j->in.nextra && j->in.extra && j->in.extra[c] ? j->in.extra[c] : "";
            w = batch_report_row(&run->man, f, k);
            run->recorded++;
            if (w == 0 && batch_name_add(&run->made, j->file, j->in.row) == SIZE_MAX) {
                abort_pending(jobs, i + 1, n);
                cli_error("batch", "out of memory");
                return CLI_IO;
            }
        }
        if (w != 0) {
            abort_pending(jobs, i + 1, n);
            (void)cli_io_error("batch", "cannot write", "the reports");
            return stopped(run, j, CLI_IO);
        }
    }
    /* Now and then the manifest on disk catches up (each time it has
     * doubled), so that a rerun after a kill skips most of what was done. */
    if (run->trimmed && run->recorded >= 2 * run->recorded_at_checkpoint + CHUNK) {
        if (batch_dir_sync(&run->dir, true) != 0)
            return cli_io_error("batch", "cannot sync", run->o->dir);
        int st = batch_report_checkpoint("batch", &run->man);
        if (st != CLI_OK)
            return st;
        run->recorded_at_checkpoint = run->recorded;
    }
    return CLI_OK;
}

/* Removes the images the last manifest listed that this run does not
 * make, when they are still exactly what it recorded. */
static int run_batch(const batch_opts *op);

#ifdef VQR_HAVE_PRINT
#define EXTRA_PRINT (CLI_P_COUNT + VQR_PRINT_ITEMS_MAX)

/* Adds column `name` to the extra columns asked of the reader, or finds it
 * there already (case ignored, as the reader matches); returns its index. */
static size_t extra_add(const char **extra, bool *optional, size_t *n, const char *name,
                        bool is_optional)
{
    for (size_t i = 0; i < *n; i++)
        if (strcasecmp(extra[i], name) == 0) {
            optional[i] = optional[i] && is_optional;
            return i;
        }
    extra[*n] = name;
    optional[*n] = is_optional;
    return (*n)++;
}
#else
#define EXTRA_PRINT 0
#endif

/* The settings batch.json records: the drawing options, and the document's. */
static json_t *run_settings(const batch_opts *o)
{
    json_t *s = settings_json(o->fmt, &o->render);
#ifdef VQR_HAVE_PRINT
    const batch_print *bp = o->print;
    if (s && bp &&
        (json_object_set_new(s, "template", json_string(bp->api.template_name(bp->t))) != 0 ||
         json_object_set_new(s, "pdf", bp->pdf ? json_string(bp->pdf) : json_null()) != 0 ||
         json_object_set_new(s, "paper", json_integer((json_int_t)bp->opt.paper)) != 0 ||
         json_object_set_new(s, "print_dpi", json_integer((json_int_t)bp->opt.dpi)) != 0 ||
         json_object_set_new(s, "print_scale", json_integer((json_int_t)bp->opt.scale)) != 0 ||
         json_object_set_new(s, "print_flags", json_integer((json_int_t)bp->opt.flags)) != 0)) {
        json_decref(s);
        s = NULL;
    }
#endif
    return s;
}

static void remove_stale(batch_run *run)
{
    for (size_t i = 0; i < run->prev.n; i++) {
        const batch_rec *rec = &run->prev.rec[i];
        if (!batch_output_name_ok(rec->file) || batch_name_find(&run->made, rec->file))
            continue;
        char path[PATH_BUF];
        (void)snprintf(path, sizeof path, "%s/%s", run->o->dir, rec->file);
        if (batch_file_sha_equals(path, rec->sha) == 1 && unlinkat(run->dir.fd, rec->file, 0) == 0)
            run->removed++;
    }
}

/* What this run found to repair, when anything. */
static void say_repairs(const batch_run *run)
{
    if (!run->prev.interrupted && !run->leftovers && !run->repaired_images)
        return;
    char msg[512];
    size_t n = (size_t)snprintf(msg, sizeof msg, "%s",
                                run->prev.interrupted ? "the last run did not finish; repaired:"
                                                      : "repaired:");
    bool any = false;
    if (run->leftovers && n < sizeof msg) {
        n += (size_t)snprintf(msg + n, sizeof msg - n, " %zu temporary file%s removed",
                              run->leftovers, run->leftovers == 1 ? "" : "s");
        any = true;
    }
    if (run->repaired_images && n < sizeof msg) {
        n += (size_t)snprintf(
            msg + n, sizeof msg - n, "%s %zu image%s that did not match manifest.csv made again",
            any ? ";" : "", run->repaired_images, run->repaired_images == 1 ? "" : "s");
        any = true;
    }
    if (run->recorded_again && n < sizeof msg) {
        n += (size_t)snprintf(msg + n, sizeof msg - n,
                              "%s %zu row%s missing from manifest.csv found already drawn and "
                              "recorded",
                              any ? ";" : "", run->recorded_again,
                              run->recorded_again == 1 ? "" : "s");
        any = true;
    }
    if (!any && n < sizeof msg)
        (void)snprintf(msg + n, sizeof msg - n, " nothing was out of place");
    cli_error("batch", "%s", msg);
}

int cmd_batch(int argc, char **argv)
{
    static batch_opts o; /* the document options are large for a stack */
    int st = parse_options(argc, argv, &o);
    if (st == CLI_OK && strlen(o.dir) > DIR_MAX) {
        errno = ENAMETOOLONG;
        st = cli_io_error("batch", "cannot use", "the --out directory");
    }
    if (st != CLI_OK) {
#ifdef VQR_HAVE_PRINT
        print_opts_free(&o);
#endif
        return st < 0 ? cli_flush_stdout("batch") : st;
    }
    st = run_batch(&o);
#ifdef VQR_HAVE_PRINT
    print_opts_free(&o);
#endif
    return st;
}

static int run_batch(const batch_opts *op)
{
    const batch_opts o = *op;
    int st = CLI_OK;

    batch_run run;
    memset(&run, 0, sizeof run);
    run.o = &o;
    run.dir.fd = -1;
    batch_reader *in = NULL;
    json_t *settings = run_settings(&o);
    job *jobs = calloc(CHUNK, sizeof *jobs);
    pthread_t *threads = calloc((size_t)o.jobs, sizeof *threads);
    bool show = !o.quiet && isatty(STDERR_FILENO);
    const char *ext = o.fmt == CLI_FORMAT_SVG ? ".svg" : ".png";
    const char *mheader[MANIFEST_MAX];
    size_t mcols;
    batch_names refs = { 0, 0, NULL, NULL };
    run.settings = settings;
    run.man.af.fd = run.rej.af.fd = -1;
    /* The extra columns: --carry's, then the document's fields and items. */
    const char *extra[64 + EXTRA_PRINT];
    bool optional[64 + EXTRA_PRINT];
    size_t nextra = 0;
    for (size_t c = 0; c < o.ncarry; c++) {
        extra[nextra] = o.carry[c];
        optional[nextra++] = false;
    }
    bool pdf = false;
#ifdef VQR_HAVE_PRINT
    run.pdf.fd = -1;
    const batch_print *bp = o.print;
    pdf = bp && bp->pdf;
    if (bp) {
        for (int p = 0; p < CLI_P_COUNT; p++)
            o.print->field_extra[p] =
                extra_add(extra, optional, &nextra, cli_pfields[p].column, true);
        for (size_t k = 0; k < bp->nitems; k++)
            o.print->item_extra[k] = extra_add(extra, optional, &nextra, bp->item_col[k], false);
    }
#endif
    batch_input_opts io = { extra, nextra, false, o.vi, optional };

    if (!settings || !jobs || !threads) {
        cli_error("batch", "out of memory");
        st = CLI_IO;
        goto done;
    }
    if ((st = batch_reader_open("batch", o.input, o.kind, &io, &in)) != CLI_OK)
        goto done;
    if ((st = batch_dir_open("batch", o.dir, &run.dir, &run.leftovers)) != CLI_OK)
        goto done;
    /* With --pdf the PDF is made whole by every run: an earlier manifest
     * skips nothing. */
    if (!pdf && (st = batch_prev_load("batch", o.dir, settings, batch_reader_size(in),
                                      &run.prev)) != CLI_OK)
        goto done;
    mcols = manifest_header(&o, pdf, mheader);
    if ((st = batch_report_open("batch", o.dir, "manifest.csv", mheader, mcols, &run.man)) !=
            CLI_OK ||
        (st = batch_report_open("batch", o.dir, "rejects.csv", k_rejects_header, 6, &run.rej)) !=
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
    ctx.ref_prefix = o.ref_prefix;
    ctx.unit = batch_reader_unit(in);
    ctx.prev = &run.prev;
    ctx.jobs = jobs;
#ifdef VQR_HAVE_PRINT
    ctx.print = bp;
    if (pdf) {
        vqr_error e;
        VQR_INIT(&e);
        int rc = vqr_af_open(&run.pdf, bp->pdf);
        if (rc) {
            st = cli_write_error("batch", bp->pdf, rc);
            goto done;
        }
        if (bp->api.doc_new(&bp->opt, NULL, pdf_write, &run, &run.doc, &e) != VQR_OK) {
            cli_error("batch", "%s: %s (%s)", bp->pdf, o.vi ? e.message_vi : e.message, e.name);
            st = e.code == VQR_ERR_NO_MEMORY || e.code == VQR_ERR_IO ? CLI_IO : CLI_INVALID;
            goto done;
        }
    }
#endif
    pthread_mutex_init(&ctx.mu, NULL);

    for (bool more = true; more && st == CLI_OK;) {
        size_t n = 0;
        while (n < CHUNK) {
            job *j = &jobs[n];
            memset(j, 0, sizeof *j);
            j->af.fd = -1;
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
            } else if ((!pdf && name_job(&ctx, j, &run.names, ext) != 0) ||
                       (o.ref_prefix && j->result != J_REJECTED &&
                        reference_job(&ctx, j, &refs) != 0)) {
                cli_error("batch", "out of memory");
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
            st = record_chunk(&run, jobs, n);
            run.rows += n;
            progress(show, batch_reader_progress(in), run.rows, false);
        }
        for (size_t i = 0; i < n; i++) {
#ifdef VQR_HAVE_PRINT
            if (jobs[i].layout)
                bp->api.layout_free(jobs[i].layout);
#endif
            batch_row_clear(&jobs[i].in);
        }
    }
    pthread_mutex_destroy(&ctx.mu);
    if (st != CLI_OK)
        goto done;
    progress(show, 1, run.rows, true);

    /* The renames are durable before the manifest names them; the images
     * the new manifest no longer lists go once it is in place. */
    bool changed;
#ifdef VQR_HAVE_PRINT
    /* The PDF is in place before the manifest names its pages. */
    size_t pages = 0;
    if (pdf) {
        vqr_error e;
        VQR_INIT(&e);
        pages = bp->api.doc_pages(run.doc);
        if (bp->api.doc_count(run.doc) == 0) {
            vqr_af_abort(&run.pdf);
            if (!o.quiet)
                cli_error("batch", "no row was accepted: %s is not written", bp->pdf);
        } else if (bp->api.doc_finish(run.doc, NULL, NULL, &e) != VQR_OK) {
            st = e.code == VQR_ERR_IO ? cli_write_error("batch", bp->pdf, run.pdf_error)
                                      : (cli_error("batch", "%s: %s (%s)", bp->pdf,
                                                   o.vi ? e.message_vi : e.message, e.name),
                                         CLI_IO);
        } else {
            int rc = vqr_af_commit(&run.pdf);
            if (rc)
                st = cli_write_error("batch", bp->pdf, rc);
        }
        if (st != CLI_OK)
            goto done;
    }
#endif
    if (batch_dir_sync(&run.dir, true) != 0)
        st = cli_io_error("batch", "cannot sync", o.dir);
    if (st == CLI_OK)
        st = batch_report_commit("batch", &run.man, &changed);
    if (st == CLI_OK)
        st = batch_report_commit("batch", &run.rej, &changed);
    if (st == CLI_OK) {
        remove_stale(&run);
        st = write_batch_json(&run, true);
    }
    if (st == CLI_OK && batch_dir_sync(&run.dir, true) != 0)
        st = cli_io_error("batch", "cannot sync", o.dir);
    if (st == CLI_OK && !o.quiet) {
        say_repairs(&run);
        if (run.removed)
            cli_error("batch",
                      "removed %zu image%s of rows the input no longer makes (listed in the "
                      "last manifest.csv, unchanged since)",
                      run.removed, run.removed == 1 ? "" : "s");
        cli_error("batch", "%zu rows: %zu written, %zu skipped, %zu rejected%s%s%s", run.rows,
                  run.count[J_WRITTEN], run.count[J_SKIPPED], run.count[J_REJECTED],
                  run.count[J_REJECTED] ? " (see " : "", run.count[J_REJECTED] ? o.dir : "",
                  run.count[J_REJECTED] ? "/rejects.csv)" : "");
#ifdef VQR_HAVE_PRINT
        if (pdf && pages)
            cli_error("batch", "%s: %zu document%s on %zu page%s", bp->pdf, run.count[J_WRITTEN],
                      run.count[J_WRITTEN] == 1 ? "" : "s", pages, pages == 1 ? "" : "s");
#endif
    }
    if (st == CLI_OK && run.count[J_REJECTED])
        st = CLI_INVALID;
done:
#ifdef VQR_HAVE_PRINT
    if (run.doc)
        bp->api.doc_free(run.doc);
    if (run.pdf.tmp)
        vqr_af_abort(&run.pdf);
#endif
    if (run.man.f)
        batch_report_abort(&run.man);
    if (run.rej.f)
        batch_report_abort(&run.rej);
    batch_reader_close(in);
    batch_prev_free(&run.prev);
    batch_name_free(&run.names);
    batch_name_free(&run.made);
    batch_name_free(&refs);
    batch_dir_close(&run.dir);
    free(jobs);
    free(threads);
    json_decref(settings);
    return st;
}
