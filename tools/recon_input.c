/*
 * recon_input.c - reading the inputs of `vietqr reconcile`: CSV with
 * libcsv (the delimiter, comma, semicolon or tab, taken from the first
 * line; a UTF-8 BOM skipped; header names matched without case,
 * diacritics, spaces or punctuation), JSON Lines with jansson. Cells are
 * handed to the caller without copies; they live until the next call.
 */
#include "recon_input.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 65536
#define HEADER_SEARCH 20

/* ---- one CSV record at a time ---- */

typedef int (*rc_record_fn)(void *ctx, const rc_cell *cells, size_t n, size_t row);

typedef struct csv_reader {
    char *buf; /* the bytes of the current record's cells */
    size_t len, cap;
    size_t *off, *n; /* per cell */
    size_t ncells, capcells;
    size_t row;
    rc_cell *cells;
    size_t capview;
    rc_record_fn fn;
    void *ctx;
    int status; /* CLI_OK, or the first non-OK returned by fn */
    bool oom;
} csv_reader;

static void on_field(void *s, size_t len, void *data)
{
    csv_reader *r = data;
    if (r->status != CLI_OK || r->oom)
        return;
    if (r->ncells == r->capcells) {
        size_t cap = r->capcells ? r->capcells * 2 : 16;
        size_t *o = realloc(r->off, cap * sizeof *o);
        if (o)
            r->off = o;
        size_t *n = realloc(r->n, cap * sizeof *n);
        if (n)
            r->n = n;
        if (!o || !n) {
            r->oom = true;
            return;
        }
        r->capcells = cap;
    }
    if (r->len + len + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + len + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) {
            r->oom = true;
            return;
        }
        r->buf = b;
        r->cap = cap;
    }
    if (len)
        memcpy(r->buf + r->len, s, len);
    r->off[r->ncells] = r->len;
    r->n[r->ncells] = len;
    r->len += len;
    r->buf[r->len++] = '\0';
    r->ncells++;
}

static void on_record(int c, void *data)
{
    csv_reader *r = data;
    (void)c;
    r->row++;
    if (r->status == CLI_OK && !r->oom) {
        if (r->ncells > r->capview) {
            rc_cell *v = realloc(r->cells, r->ncells * sizeof *v);
            if (!v) {
                r->oom = true;
                return;
            }
            r->cells = v;
            r->capview = r->ncells;
        }
        for (size_t i = 0; i < r->ncells; i++) {
            r->cells[i].s = r->buf + r->off[i];
            r->cells[i].n = r->n[i];
        }
        r->status = r->fn(r->ctx, r->cells, r->ncells, r->row);
    }
    r->ncells = 0;
    r->len = 0;
}

static int nospace(unsigned char c)
{
    (void)c;
    return 0;
}

/* The delimiter (comma, semicolon or tab) that one of the first lines
 * uses most, outside quotes: a preamble line may have none. */
static unsigned char pick_delim(const char *b, size_t n)
{
    size_t best[3] = { 0, 0, 0 }, count[3] = { 0, 0, 0 };
    static const char delims[3] = { ',', ';', '\t' };
    bool q = false;
    int lines = 0;
    for (size_t i = 0; i < n && lines < HEADER_SEARCH; i++) {
        if (b[i] == '"')
            q = !q;
        else if (!q && b[i] == '\n') {
            for (int k = 0; k < 3; k++) {
                best[k] = count[k] > best[k] ? count[k] : best[k];
                count[k] = 0;
            }
            lines++;
        } else if (!q)
            for (int k = 0; k < 3; k++)
                count[k] += b[i] == delims[k];
    }
    for (int k = 0; k < 3; k++)
        best[k] = count[k] > best[k] ? count[k] : best[k];
    int pick = 0;
    for (int k = 1; k < 3; k++)
        if (best[k] > best[pick])
            pick = k;
    return (unsigned char)delims[pick];
}

static int read_csv(const char *cmd, const char *path, rc_record_fn fn, void *ctx)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cli_io_error(cmd, "cannot open", path);
    char *block = malloc(BLOCK);
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.fn = fn;
    r.ctx = ctx;
    r.status = CLI_OK;
    if (!block) {
        (void)fclose(f);
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&p, nospace);
    bool first = true;
    int status = CLI_OK;
    for (;;) {
        size_t n = fread(block, 1, BLOCK, f);
        if (n == 0) {
            if (ferror(f)) {
                status = cli_io_error(cmd, "cannot read", path);
                break;
            }
            if (csv_fini(&p, on_field, on_record, &r) != 0) {
                cli_error(cmd,
                          "%s: row %zu: a quoted field is not closed before the end of the file",
                          path, r.row + 1);
                status = CLI_INVALID;
            }
            break;
        }
        size_t start = 0;
        if (first) {
            first = false;
            if (n >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0)
                start = 3;
            csv_set_delim(&p, pick_delim(block + start, n - start));
        }
        size_t used = csv_parse(&p, block + start, n - start, on_field, on_record, &r);
        if (r.oom || r.status != CLI_OK)
            break;
        if (used != n - start) {
            cli_error(cmd,
                      "%s: row %zu: CSV syntax error: a quote inside a field that is not quoted "
                      "as a whole, or text after a closing quote",
                      path, r.row + 1);
            status = CLI_INVALID;
            break;
        }
    }
    if (r.oom) {
        cli_error(cmd, "out of memory");
        status = CLI_IO;
    } else if (r.status != CLI_OK) {
        status = r.status;
    }
    csv_free(&p);
    (void)fclose(f);
    free(block);
    free(r.buf);
    free(r.off);
    free(r.n);
    free(r.cells);
    return status;
}

/* ---- header names ---- */

/* Lower-case letters and digits of a name, diacritics folded, a trailing
 * unit "vnd" dropped: "Số tiền (VND)" -> "sotien". */
static void norm_name(const char *s, size_t n, char *out, size_t cap)
{
    char folded[512];
    size_t flen = 0;
    if (n >= sizeof folded ||
        vqr_text_fold(s, n, VQR_TEXT_FOLD, folded, sizeof folded, &flen, NULL, NULL) != VQR_OK) {
        flen = n < sizeof folded - 1 ? n : sizeof folded - 1;
        memcpy(folded, s, flen);
    }
    size_t k = 0;
    for (size_t i = 0; i < flen && k + 1 < cap; i++) {
        char c = folded[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out[k++] = c;
    }
    if (k > 3 && strncmp(out + k - 3, "vnd", 3) == 0)
        k -= 3;
    out[k] = '\0';
}

static bool name_in(const char *norm, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(norm, *names) == 0)
            return true;
    return false;
}

/* Usual names of statement columns, normalised as norm_name() does. */
static const char *const k_id_names[] = { "id",
                                          "transactionid",
                                          "txid",
                                          "tid",
                                          "magiaodich",
                                          "magd",
                                          "sogiaodich",
                                          "sogd",
                                          "sothamchieu",
                                          "sobuttoan",
                                          "referencenumber",
                                          "refno",
                                          "reference",
                                          "transactionno",
                                          "sochungtu",
                                          "machungtu",
                                          NULL };
static const char *const k_date_names[] = {
    "date",         "transactiondate",  "ngay",        "ngaygiaodich", "ngaygd",
    "thoigian",     "thoigiangiaodich", "when",        "time",         "datetime",
    "ngayhachtoan", "postingdate",      "ngayhieuluc", "valuedate",    NULL
};
static const char *const k_amount_names[] = {
    "amount", "sotien", "transactionamount", "sotiengiaodich", "giatri", "transferamount", NULL
};
static const char *const k_credit_names[] = { "credit",     "ghico",   "sotienghico",
                                              "phatsinhco", "tienvao", "creditamount",
                                              "co",         NULL };
static const char *const k_debit_names[] = { "debit",  "ghino",       "sotienghino", "phatsinhno",
                                             "tienra", "debitamount", "no",          NULL };
static const char *const k_memo_names[] = { "memo",
                                            "description",
                                            "content",
                                            "noidung",
                                            "noidunggiaodich",
                                            "diengiai",
                                            "mota",
                                            "chitiet",
                                            "noidungchuyenkhoan",
                                            "remark",
                                            "remarks",
                                            "narrative",
                                            "details",
                                            "transactiondetails",
                                            NULL };
static const char *const *const k_col_names[RC_NCOLS] = {
    k_id_names, k_date_names, k_amount_names, k_credit_names, k_debit_names, k_memo_names,
};
static const char *const k_col_keys[RC_NCOLS] = {
    "id", "date", "amount", "credit", "debit", "memo"
};

int rc_map_parse(const char *cmd, char *spec, rc_map *map)
{
    char *save = NULL;
    for (char *item = strtok_r(spec, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq || eq == item || !eq[1])
            return cli_usage(cmd, "--map takes KEY=COLUMN pairs separated by commas, not '%s'",
                             item);
        *eq = '\0';
        int key = -1;
        for (int k = 0; k < RC_NCOLS; k++)
            if (strcmp(item, k_col_keys[k]) == 0)
                key = k;
        if (key < 0)
            return cli_usage(cmd, "--map: unknown key '%s' (id, date, amount, credit, debit, memo)",
                             item);
        map->name[key] = eq + 1;
    }
    if (map->name[RC_AMOUNT] && (map->name[RC_CREDIT] || map->name[RC_DEBIT]))
        return cli_usage(cmd, "--map: give amount, or credit and debit, not both");
    return CLI_OK;
}

/* ---- issued ---- */

typedef struct issued_ctx {
    const char *cmd, *path;
    char *const *carry;
    size_t ncarry;
    bool have_header;
    size_t col_ref, col_amount, ncols;
    size_t *col_carry;
    rc_cell *carry_cells;
    rc_issued_fn fn;
    void *ctx;
} issued_ctx;

static int issued_record(void *data, const rc_cell *c, size_t n, size_t row)
{
    issued_ctx *x = data;
    if (!x->have_header) {
        static const char *const ref_names[] = { "reference", "ref", "mathamchieu", NULL };
        static const char *const amount_names[] = { "amount", "sotien", NULL };
        x->col_ref = x->col_amount = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            char norm[128];
            norm_name(c[i].s, c[i].n, norm, sizeof norm);
            if (x->col_ref == SIZE_MAX && name_in(norm, ref_names))
                x->col_ref = i;
            else if (x->col_amount == SIZE_MAX && name_in(norm, amount_names))
                x->col_amount = i;
            for (size_t k = 0; k < x->ncarry; k++) {
                char want[128];
                norm_name(x->carry[k], strlen(x->carry[k]), want, sizeof want);
                if (x->col_carry[k] == SIZE_MAX && strcmp(norm, want) == 0)
                    x->col_carry[k] = i;
            }
        }
        if (x->col_ref == SIZE_MAX || x->col_amount == SIZE_MAX) {
            cli_error(x->cmd,
                      "%s: the header has no '%s' column (a batch manifest made with "
                      "--reference-prefix, or any CSV with 'reference' and 'amount' columns)",
                      x->path, x->col_ref == SIZE_MAX ? "reference" : "amount");
            return CLI_INVALID;
        }
        for (size_t k = 0; k < x->ncarry; k++)
            if (x->col_carry[k] == SIZE_MAX) {
                cli_error(x->cmd, "%s: --carry names '%s', which the header does not have", x->path,
                          x->carry[k]);
                return CLI_INVALID;
            }
        x->ncols = n;
        x->have_header = true;
        return CLI_OK;
    }
    if (n == 1 && c[0].n == 0)
        return CLI_OK; /* an empty line */
    if (n != x->ncols) {
        cli_error(x->cmd, "%s: row %zu has %zu fields, the header %zu", x->path, row, n, x->ncols);
        return CLI_INVALID;
    }
    rc_issued_row r;
    r.row = row;
    r.reference = c[x->col_ref];
    r.amount = c[x->col_amount];
    for (size_t k = 0; k < x->ncarry; k++)
        x->carry_cells[k] = c[x->col_carry[k]];
    r.carry = x->carry_cells;
    return x->fn(x->ctx, &r);
}

int rc_read_issued(const char *cmd, const char *path, char *const *carry, size_t ncarry,
                   rc_issued_fn fn, void *ctx)
{
    issued_ctx x;
    memset(&x, 0, sizeof x);
    x.cmd = cmd;
    x.path = path;
    x.carry = carry;
    x.ncarry = ncarry;
    x.fn = fn;
    x.ctx = ctx;
    x.col_carry = malloc((ncarry + 1) * sizeof *x.col_carry);
    x.carry_cells = malloc((ncarry + 1) * sizeof *x.carry_cells);
    if (!x.col_carry || !x.carry_cells) {
        free(x.col_carry);
        free(x.carry_cells);
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    for (size_t k = 0; k < ncarry; k++)
        x.col_carry[k] = SIZE_MAX;
    int st = read_csv(cmd, path, issued_record, &x);
    if (st == CLI_OK && !x.have_header) {
        cli_error(cmd, "%s: the file is empty (no header)", path);
        st = CLI_INVALID;
    }
    free(x.col_carry);
    free(x.carry_cells);
    return st;
}

/* ---- statements as CSV ---- */

typedef struct tx_ctx {
    const char *cmd, *path;
    const rc_map *map;
    bool have_header;
    size_t col[RC_NCOLS]; /* SIZE_MAX: none */
    size_t ncols;
    rc_tx_fn fn;
    void *ctx;
    rc_tx_stats *stats;
    char idbuf[32];
} tx_ctx;

/* Whether this row is the header: it names a date, an amount (or credit
 * and debit) and a description column. */
static bool find_header(tx_ctx *x, const rc_cell *c, size_t n)
{
    size_t col[RC_NCOLS];
    for (int k = 0; k < RC_NCOLS; k++)
        col[k] = SIZE_MAX;
    char want[RC_NCOLS][128];
    for (int k = 0; k < RC_NCOLS; k++)
        if (x->map->name[k])
            norm_name(x->map->name[k], strlen(x->map->name[k]), want[k], sizeof want[k]);
    for (size_t i = 0; i < n; i++) {
        char norm[128];
        norm_name(c[i].s, c[i].n, norm, sizeof norm);
        if (!norm[0])
            continue;
        /* A column named by --map first; then the usual names, a column
         * standing for one key only. */
        bool taken = false;
        for (int k = 0; k < RC_NCOLS && !taken; k++)
            if (x->map->name[k] && col[k] == SIZE_MAX && strcmp(norm, want[k]) == 0) {
                col[k] = i;
                taken = true;
            }
        for (int k = 0; k < RC_NCOLS && !taken; k++)
            if (!x->map->name[k] && col[k] == SIZE_MAX && name_in(norm, k_col_names[k])) {
                col[k] = i;
                taken = true;
            }
    }
    for (int k = 0; k < RC_NCOLS; k++)
        if (x->map->name[k] && col[k] == SIZE_MAX)
            return false;
    bool amounts = col[RC_AMOUNT] != SIZE_MAX || col[RC_CREDIT] != SIZE_MAX;
    if (col[RC_DATE] == SIZE_MAX || col[RC_MEMO] == SIZE_MAX || !amounts)
        return false;
    if (col[RC_AMOUNT] != SIZE_MAX) /* one amount column: credit/debit unused */
        col[RC_CREDIT] = col[RC_DEBIT] = SIZE_MAX;
    memcpy(x->col, col, sizeof col);
    x->ncols = n;
    return true;
}

static bool blank(rc_cell c)
{
    for (size_t i = 0; i < c.n; i++)
        if (c.s[i] != ' ' && c.s[i] != '\t')
            return false;
    return true;
}

static int cell_amount(tx_ctx *x, size_t row, int key, rc_cell c, int64_t *out)
{
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_recon_amount_parse(c.s, c.n, out, &e);
    if (st == VQR_OK)
        return CLI_OK;
    cli_error(x->cmd, "%s: row %zu: %s '%.*s': %s (%s)", x->path, row, k_col_keys[key], (int)c.n,
              c.s, e.message, e.name);
    return CLI_INVALID;
}

static int tx_record(void *data, const rc_cell *c, size_t n, size_t row)
{
    tx_ctx *x = data;
    if (!x->have_header) {
        if (find_header(x, c, n)) {
            x->have_header = true;
            x->stats->row_ids = x->col[RC_ID] == SIZE_MAX;
            return CLI_OK;
        }
        x->stats->preamble++;
        if (row >= HEADER_SEARCH) {
            cli_error(x->cmd,
                      "%s: no header among the first %d rows names a date, an amount (or "
                      "credit and debit) and a description column; name them with "
                      "--map id=...,date=...,amount=...,memo=...",
                      x->path, HEADER_SEARCH);
            return CLI_INVALID;
        }
        return CLI_OK;
    }
    if (n == 1 && c[0].n == 0)
        return CLI_OK;
    if (n < x->ncols) {
        /* A short row: a note or a total. */
        x->stats->skipped++;
        return CLI_OK;
    }
    if (n > x->ncols) {
        cli_error(x->cmd, "%s: row %zu has %zu fields, the header %zu", x->path, row, n, x->ncols);
        return CLI_INVALID;
    }
    rc_tx_row r;
    memset(&r, 0, sizeof r);
    r.row = row;
    r.date = c[x->col[RC_DATE]];
    r.memo = c[x->col[RC_MEMO]];
    if (blank(r.date)) {
        x->stats->skipped++; /* a total, a heading, a note */
        return CLI_OK;
    }
    int st;
    if (x->col[RC_AMOUNT] != SIZE_MAX) {
        if ((st = cell_amount(x, row, RC_AMOUNT, c[x->col[RC_AMOUNT]], &r.amount)) != CLI_OK)
            return st;
    } else {
        int64_t credit = 0, debit = 0;
        rc_cell cc = c[x->col[RC_CREDIT]];
        if (!blank(cc) && (st = cell_amount(x, row, RC_CREDIT, cc, &credit)) != CLI_OK)
            return st;
        if (x->col[RC_DEBIT] != SIZE_MAX) {
            rc_cell dc = c[x->col[RC_DEBIT]];
            if (!blank(dc) && (st = cell_amount(x, row, RC_DEBIT, dc, &debit)) != CLI_OK)
                return st;
        }
        r.amount = (credit < 0 ? -credit : credit) - (debit < 0 ? -debit : debit);
    }
    if (x->col[RC_ID] != SIZE_MAX) {
        r.id = c[x->col[RC_ID]];
    } else {
        int k = snprintf(x->idbuf, sizeof x->idbuf, "%zu", row);
        r.id.s = x->idbuf;
        r.id.n = (size_t)k;
    }
    return x->fn(x->ctx, &r);
}

/* ---- JSON Lines ---- */

typedef struct json_ctx {
    const char *cmd, *path;
    size_t line;
    rc_tx_fn fn;
    void *ctx;
    char idbuf[32];
    char amountbuf[64];
} json_ctx;

static int json_fail(json_ctx *x, size_t entry, const char *fmt, const char *what)
{
    if (entry)
        cli_error(x->cmd, "%s: line %zu, entry %zu: %s %s", x->path, x->line, entry, fmt, what);
    else
        cli_error(x->cmd, "%s: line %zu: %s %s", x->path, x->line, fmt, what);
    return CLI_INVALID;
}

/* A string member as a cell; an integer is written in decimal. */
static bool member_text(json_t *o, const char *key, rc_cell *out, char *buf, size_t cap)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v)) {
        out->s = json_string_value(v);
        out->n = json_string_length(v);
        return true;
    }
    if (json_is_integer(v) && buf) {
        int k = snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        out->s = buf;
        out->n = (size_t)k;
        return true;
    }
    return false;
}

/* An amount: an integer, a number without a fraction, or a string as banks write it. */
static int member_amount(json_ctx *x, size_t entry, json_t *o, const char *key, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v)) {
        *out = (int64_t)json_integer_value(v);
        return CLI_OK;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d == (double)(int64_t)d && d > -1e15 && d < 1e15) {
            *out = (int64_t)d;
            return CLI_OK;
        }
        return json_fail(x, entry, "not a whole number of dong:", key);
    }
    if (json_is_string(v)) {
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_recon_amount_parse(json_string_value(v), json_string_length(v), out, &e) == VQR_OK)
            return CLI_OK;
        return json_fail(x, entry, e.message, key);
    }
    return json_fail(x, entry, "no amount:", key);
}

static int json_tx(json_ctx *x, json_t *o, size_t entry)
{
    if (!json_is_object(o))
        return json_fail(x, entry, "not a JSON object", "");
    rc_tx_row r;
    memset(&r, 0, sizeof r);
    r.row = x->line;
    r.entry = entry;
    r.jsonl = true;
    bool sepay = json_object_get(o, "transferType") || json_object_get(o, "transferAmount");
    bool casso = !sepay && json_object_get(o, "when") && json_object_get(o, "amount");
    int st;
    if (sepay) {
        if (!member_text(o, "id", &r.id, x->idbuf, sizeof x->idbuf))
            return json_fail(x, entry, "a SePay event without an", "id");
        if (!member_text(o, "transactionDate", &r.date, x->amountbuf, sizeof x->amountbuf))
            return json_fail(x, entry, "a SePay event without a", "transactionDate");
        if ((st = member_amount(x, entry, o, "transferAmount", &r.amount)) != CLI_OK)
            return st;
        json_t *type = json_object_get(o, "transferType");
        const char *t = json_is_string(type) ? json_string_value(type) : NULL;
        if (!t || (strcmp(t, "in") != 0 && strcmp(t, "out") != 0))
            return json_fail(x, entry, "transferType must be \"in\" or \"out\":", "transferType");
        if (strcmp(t, "out") == 0 && r.amount > 0)
            r.amount = -r.amount;
        /* The content; the bank's whole description when it is empty. */
        if (!member_text(o, "content", &r.memo, NULL, 0) || r.memo.n == 0)
            (void)member_text(o, "description", &r.memo, NULL, 0);
    } else if (casso) {
        if (!member_text(o, "id", &r.id, x->idbuf, sizeof x->idbuf) &&
            !member_text(o, "tid", &r.id, x->idbuf, sizeof x->idbuf))
            return json_fail(x, entry, "a Casso transaction without an", "id");
        if (!member_text(o, "when", &r.date, x->amountbuf, sizeof x->amountbuf))
            return json_fail(x, entry, "a Casso transaction without a", "when");
        if ((st = member_amount(x, entry, o, "amount", &r.amount)) != CLI_OK)
            return st;
        (void)member_text(o, "description", &r.memo, NULL, 0);
    } else {
        return json_fail(x, entry,
                         "neither a SePay event (id, transactionDate, content, transferType, "
                         "transferAmount) nor a Casso transaction (id, when, description, amount)",
                         "");
    }
    return x->fn(x->ctx, &r);
}

static int read_jsonl(const char *cmd, const char *path, rc_tx_fn fn, void *ctx)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cli_io_error(cmd, "cannot open", path);
    json_ctx x;
    memset(&x, 0, sizeof x);
    x.cmd = cmd;
    x.path = path;
    x.fn = fn;
    x.ctx = ctx;
    char *line = NULL;
    size_t cap = 0, len;
    int st = CLI_OK, r;
    while (st == CLI_OK && (r = cli_read_line(f, &line, &cap, &len)) > 0) {
        x.line++;
        const char *p = line;
        if (x.line == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
            p += 3;
            len -= 3;
        }
        size_t k = 0;
        while (k < len && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k == len)
            continue;
        json_error_t je;
        json_t *o = json_loadb(p, len, JSON_REJECT_DUPLICATES, &je);
        if (!o) {
            cli_error(cmd, "%s: line %zu, column %d: %s", path, x.line, je.column, je.text);
            st = CLI_INVALID;
            break;
        }
        json_t *list = json_object_get(o, "data");
        if (json_is_array(list) && !json_object_get(o, "transferType")) {
            /* A Casso webhook body: {"error": 0, "data": [...]} */
            for (size_t i = 0; st == CLI_OK && i < json_array_size(list); i++)
                st = json_tx(&x, json_array_get(list, i), i + 1);
        } else {
            st = json_tx(&x, o, 0);
        }
        json_decref(o);
    }
    if (st == CLI_OK && r < 0)
        st = cli_io_error(cmd, "cannot read", path);
    free(line);
    (void)fclose(f);
    return st;
}

/* ---- either ---- */

static rc_format sniff(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot &&
        (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".ndjson") == 0 || strcmp(dot, ".json") == 0))
        return RC_FORMAT_JSONL;
    if (dot && (strcmp(dot, ".csv") == 0 || strcmp(dot, ".tsv") == 0))
        return RC_FORMAT_CSV;
    FILE *f = fopen(path, "rb");
    if (!f)
        return RC_FORMAT_CSV; /* the open error is reported by the reader */
    int c;
    do
        c = fgetc(f);
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xEF || c == 0xBB || c == 0xBF);
    (void)fclose(f);
    return c == '{' ? RC_FORMAT_JSONL : RC_FORMAT_CSV;
}

int rc_read_transactions(const char *cmd, const char *path, rc_format fmt, const rc_map *map,
                         rc_tx_fn fn, void *ctx, rc_tx_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    if (fmt == RC_FORMAT_AUTO)
        fmt = sniff(path);
    if (fmt == RC_FORMAT_JSONL)
        return read_jsonl(cmd, path, fn, ctx);
    tx_ctx x;
    memset(&x, 0, sizeof x);
    x.cmd = cmd;
    x.path = path;
    x.map = map;
    x.fn = fn;
    x.ctx = ctx;
    x.stats = stats;
    int st = read_csv(cmd, path, tx_record, &x);
    if (st == CLI_OK && !x.have_header) {
        cli_error(cmd,
                  "%s: no header names a date, an amount (or credit and debit) and a "
                  "description column; name them with --map id=...,date=...,amount=...,memo=...",
                  path);
        st = CLI_INVALID;
    }
    return st;
}
