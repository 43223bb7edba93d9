/*
 * verify_out.c - what `vietqr scan` and `vietqr verify` share: the payees
 * file, and a code's verdict shown as text, JSON and CSV cells.
 *
 * Every value a code carries is hostile until shown otherwise: text goes
 * through the one escaping rule (cli_put_text, cli_json_dump), CSV cells
 * through vqr_text_escape and a guard against spreadsheet formulas.
 */
#include "cli.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the payees file ---- */

/* Largest payees file read. */
#define PAYEES_MAX_BYTES ((unsigned long long)16 * 1024 * 1024)

enum {
    COL_ID,
    COL_BANK,
    COL_ACCOUNT,
    COL_SERVICE,
    COL_NETWORK,
    COL_NAME,
    COL_AMOUNT,
    COL_KIND,
    COL_N
};

static const char *const k_col_names[COL_N] = { "id",      "bank", "account", "service",
                                                "network", "name", "amount",  "kind" };

/* Lower-case ASCII copy of a header cell without surrounding spaces. */
static void header_key(const char *s, size_t len, char *out, size_t cap)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        char c = s[i];
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
}

typedef struct csv_state {
    size_t nul_line; /* the first line with a NUL byte in a cell, or 0 */
    char **cells;
    size_t ncells, cap;
    char ***records; /* each a NULL-terminated array of cells */
    size_t *lines;   /* the line each record started on */
    size_t nrec, caprec;
    size_t line, record_line;
    bool oom;
} csv_state;

static void on_cell(void *s, size_t len, void *data)
{
    csv_state *st = data;
    if (st->oom)
        return;
    if (st->ncells == 0)
        st->record_line = st->line;
    if (len && memchr(s, '\0', len) && !st->nul_line)
        st->nul_line = st->line;
    if (st->ncells + 2 > st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 16;
        char **c = realloc(st->cells, cap * sizeof *c);
        if (!c) {
            st->oom = true;
            return;
        }
        st->cells = c;
        st->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        st->oom = true;
        return;
    }
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    st->cells[st->ncells++] = copy;
}

static void on_record(int c, void *data)
{
    (void)c;
    csv_state *st = data;
    if (st->oom)
        return;
    if (st->nrec == st->caprec) {
        size_t cap = st->caprec ? st->caprec * 2 : 64;
        char ***r = realloc(st->records, cap * sizeof *r);
        size_t *l = realloc(st->lines, cap * sizeof *l);
        if (r)
            st->records = r;
        if (l)
            st->lines = l;
        if (!r || !l) {
            st->oom = true;
            return;
        }
        st->caprec = cap;
    }
    st->cells[st->ncells] = NULL;
    char **rec = malloc((st->ncells + 1) * sizeof *rec);
    if (!rec) {
        st->oom = true;
        return;
    }
    memcpy(rec, st->cells, (st->ncells + 1) * sizeof *rec);
    st->lines[st->nrec] = st->ncells ? st->record_line : st->line;
    st->records[st->nrec++] = rec;
    st->ncells = 0;
}

static void free_records(csv_state *st)
{
    for (size_t i = 0; i < st->nrec; i++) {
        for (char **c = st->records[i]; *c; c++)
            free(*c);
        free(st->records[i]);
    }
    for (size_t i = 0; i < st->ncells; i++)
        free(st->cells[i]);
    free(st->records);
    free(st->lines);
    free(st->cells);
}

static bool blank_record(char **rec)
{
    for (; *rec; rec++)
        for (const char *s = *rec; *s; s++)
            if (*s != ' ' && *s != '\t')
                return false;
    return true;
}

/* A copy of a cell without surrounding spaces. */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

/* "payees.csv, line 7, column 'bank': " then the message; returns CLI_INVALID. */
CLI_PRINTF(5, 6)
static int row_error(const char *cmd, const char *path, size_t line, const char *col,
                     const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(msg, sizeof msg, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
    va_end(ap);
    if (col)
        cli_error(cmd, "%s, line %zu, column '%s': %s", path, line, col, msg);
    else
        cli_error(cmd, "%s, line %zu: %s", path, line, msg);
    return CLI_INVALID;
}

bool cli_parse_service(const char *s, vqr_service *out)
{
    static const struct {
        const char *name;
        vqr_service svc;
    } k[] = { { "account", VQR_SERVICE_ACCOUNT },   { "qribftta", VQR_SERVICE_ACCOUNT },
              { "card", VQR_SERVICE_CARD },         { "qribfttc", VQR_SERVICE_CARD },
              { "merchant", VQR_SERVICE_MERCHANT }, { "qrpush", VQR_SERVICE_MERCHANT } };
    char key[16];
    header_key(s, strlen(s), key, sizeof key);
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (strcmp(key, k[i].name) == 0) {
            *out = k[i].svc;
            return true;
        }
    return false;
}

bool cli_parse_verify_kind(const char *s, vqr_verify_kind *out)
{
    char key[16];
    header_key(s, strlen(s), key, sizeof key);
    if (!strcmp(key, "static"))
        *out = VQR_VERIFY_STATIC;
    else if (!strcmp(key, "dynamic"))
        *out = VQR_VERIFY_DYNAMIC;
    else if (!strcmp(key, "any") || !key[0])
        *out = VQR_VERIFY_ANY_KIND;
    else
        return false;
    return true;
}

int cli_resolve_bank(const char *cmd, const char *what, const char *q, const char **bin)
{
    const vqr_bank *b = NULL;
    vqr_error e;
    VQR_INIT(&e);
    size_t len = strlen(q);
    bool digits = len == 6 && strspn(q, "0123456789") == 6;
    if (digits) {
        *bin = q; /* a BIN the directory does not know is still a BIN */
        return CLI_OK;
    }
    vqr_status st = vqr_bank_find(q, len, &b, &e);
    if (st == VQR_OK) {
        *bin = b->bin;
        return CLI_OK;
    }
    if (st == VQR_ERR_BANK_AMBIGUOUS)
        cli_error(cmd, "%s: several banks match '%s'; give the BIN (see 'vietqr banks')", what, q);
    else
        cli_error(cmd, "%s: no bank matches '%s'; give a BIN or a name 'vietqr banks' lists", what,
                  q);
    return CLI_INVALID;
}

int cli_parse_amount_vnd(const char *s, uint64_t *out)
{
    vqr_error e;
    VQR_INIT(&e);
    return vqr_amount_parse(s, strlen(s), 704, out, &e) == VQR_OK ? CLI_OK : CLI_INVALID;
}

void cli_payees_free(cli_payees *p)
{
    for (size_t i = 0; i < p->n; i++) {
        cli_payee_row *r = &p->row[i];
        free(r->id);
        free(r->bank);
        free(r->account);
        free(r->name);
    }
    free(p->row);
    free(p->list);
    memset(p, 0, sizeof *p);
}

/* Reads the file whole. */
static int read_whole(const char *cmd, const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cli_io_error(cmd, "cannot open", path);
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        (void)fclose(f);
        cli_error(cmd, "%s is not a regular file", path);
        return CLI_IO;
    }
    if ((unsigned long long)sb.st_size > PAYEES_MAX_BYTES) {
        (void)fclose(f);
        cli_error(cmd, "%s: more than %llu bytes", path, PAYEES_MAX_BYTES);
        return CLI_INVALID;
    }
    char *buf = malloc((size_t)sb.st_size + 1);
    if (!buf) {
        (void)fclose(f);
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    size_t n = fread(buf, 1, (size_t)sb.st_size, f);
    int bad = ferror(f);
    (void)fclose(f);
    if (bad) {
        free(buf);
        return cli_io_error(cmd, "cannot read", path);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return CLI_OK;
}

/* Checks one row and fills `r`. Returns CLI_OK or CLI_INVALID (printed). */
static int read_row(const char *cmd, const char *path, size_t line, char **rec, const int *col,
                    size_t nrec_cells, cli_payee_row *r)
{
    char *cell[COL_N] = { NULL };
    for (int c = 0; c < COL_N; c++)
        if (col[c] >= 0 && (size_t)col[c] < nrec_cells)
            cell[c] = rec[col[c]];
    vqr_payee_init(&r->payee, sizeof r->payee, NULL);
    r->line = line;
    r->kind = VQR_VERIFY_ANY_KIND;
    for (size_t k = 0; rec[k]; k++)
        if (strpbrk(rec[k], "\r\n"))
            return row_error(cmd, path, line, NULL, "a cell holds a line break");
    if (cell[COL_NETWORK] && cell[COL_NETWORK][0]) {
        char key[16];
        header_key(cell[COL_NETWORK], strlen(cell[COL_NETWORK]), key, sizeof key);
        if (!strcmp(key, "vnpay") || !strcmp(key, "vnpay-qr"))
            r->payee.network = VQR_NETWORK_VNPAY;
        else if (strcmp(key, "napas") != 0 && strcmp(key, "vietqr") != 0)
            return row_error(cmd, path, line, "network", "'%s' is not napas or vnpay",
                             cell[COL_NETWORK]);
    }
    if (cell[COL_ID]) {
        r->id = trimmed(cell[COL_ID]);
        if (!r->id)
            return CLI_IO;
        if (!r->id[0])
            return row_error(cmd, path, line, "id", "empty");
        if (strchr(r->id, '/'))
            return row_error(cmd, path, line, "id", "an id names files: no '/'");
    }
    r->account = trimmed(cell[COL_ACCOUNT] ? cell[COL_ACCOUNT] : "");
    if (!r->account)
        return CLI_IO;
    if (!r->account[0])
        return row_error(cmd, path, line, "account",
                         "empty: every payee needs its account "
                         "(or VNPAY-QR merchant ID)");
    if (strpbrk(r->account, " \t"))
        return row_error(cmd, path, line, "account",
                         "'%s' holds a space: write the account as the code carries it",
                         r->account);
    r->payee.account = r->account;
    const char *bank = cell[COL_BANK] ? cell[COL_BANK] : "";
    r->bank = trimmed(bank);
    if (!r->bank)
        return CLI_IO;
    if (r->payee.network == VQR_NETWORK_NAPAS) {
        if (!r->bank[0])
            return row_error(cmd, path, line, "bank", "empty: give the bank's BIN or name");
        const char *bin;
        char what[64];
        (void)snprintf(what, sizeof what, "%s, line %zu, column 'bank'", path, line);
        if (cli_resolve_bank(cmd, what, r->bank, &bin) != CLI_OK)
            return CLI_INVALID;
        if (bin != r->bank)
            (void)snprintf(r->bin, sizeof r->bin, "%s", bin);
        else
            (void)snprintf(r->bin, sizeof r->bin, "%s", r->bank);
        r->payee.bin = r->bin;
    } else if (r->bank[0]) {
        return row_error(cmd, path, line, "bank", "a VNPAY-QR merchant has no bank BIN");
    }
    if (cell[COL_SERVICE] && cell[COL_SERVICE][0] &&
        !cli_parse_service(cell[COL_SERVICE], &r->payee.service))
        return row_error(cmd, path, line, "service", "'%s' is not account, card or merchant",
                         cell[COL_SERVICE]);
    if (cell[COL_NAME]) {
        r->name = trimmed(cell[COL_NAME]);
        if (!r->name)
            return CLI_IO;
        r->payee.name = r->name;
    }
    if (cell[COL_AMOUNT] && cell[COL_AMOUNT][0]) {
        char *a = trimmed(cell[COL_AMOUNT]);
        if (!a)
            return CLI_IO;
        int ok = a[0] && cli_parse_amount_vnd(a, &r->amount) == CLI_OK;
        if (!ok) {
            row_error(cmd, path, line, "amount",
                      "'%s' is not an amount in whole dong, digits only (1500000)", a);
            free(a);
            return CLI_INVALID;
        }
        free(a);
    }
    if (cell[COL_KIND] && !cli_parse_verify_kind(cell[COL_KIND], &r->kind))
        return row_error(cmd, path, line, "kind", "'%s' is not static, dynamic or any",
                         cell[COL_KIND]);
    /* What vqr_verify will say of the payee itself. */
    vqr_verdict v;
    VQR_INIT(&v);
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_verify("", 0, &r->payee, 1, NULL, &v, &e) == VQR_ERR_PAYEE)
        return row_error(cmd, path, line, NULL,
                         r->payee.network == VQR_NETWORK_NAPAS
                             ? "the account must be 1-19 printable ASCII characters"
                             : "the merchant ID must be 1-99 printable ASCII characters");
    return CLI_OK;
}

int cli_payees_load(const char *cmd, const char *path, cli_payees *out)
{
    memset(out, 0, sizeof *out);
    char *buf = NULL;
    size_t len = 0;
    int r = read_whole(cmd, path, &buf, &len);
    if (r != CLI_OK)
        return r;
    size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_state st;
    memset(&st, 0, sizeof st);
    /* Line by line, so that every record knows its line. */
    size_t pos = skip;
    st.line = 1;
    int status = CLI_OK;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
        if (csv_parse(&p, buf + pos, n, on_cell, on_record, &st) != n) {
            row_error(cmd, path, st.line, NULL, "%s", csv_strerror(csv_error(&p)));
            status = CLI_INVALID;
            break;
        }
        pos += n;
        st.line++;
    }
    if (status == CLI_OK && csv_fini(&p, on_cell, on_record, &st) != 0) {
        row_error(cmd, path, st.line - 1, NULL, "%s (a quote that never closes?)",
                  csv_strerror(csv_error(&p)));
        status = CLI_INVALID;
    }
    csv_free(&p);
    free(buf);
    if (st.oom) {
        cli_error(cmd, "out of memory");
        status = CLI_IO;
    } else if (status == CLI_OK && st.nul_line) {
        status = row_error(cmd, path, st.nul_line, NULL, "a cell holds a NUL byte");
    }
    int col[COL_N];
    for (int c = 0; c < COL_N; c++)
        col[c] = -1;
    size_t first = 0;
    while (status == CLI_OK && first < st.nrec && blank_record(st.records[first]))
        first++;
    if (status == CLI_OK && first == st.nrec) {
        cli_error(cmd, "%s: no header line (id,bank,account,name,...)", path);
        status = CLI_INVALID;
    }
    if (status == CLI_OK) {
        char **hdr = st.records[first];
        for (int k = 0; hdr[k]; k++) {
            char key[32];
            header_key(hdr[k], strlen(hdr[k]), key, sizeof key);
            if (!strcmp(key, "stall"))
                strcpy(key, "id");
            for (int c = 0; c < COL_N; c++) {
                if (strcmp(key, k_col_names[c]) != 0)
                    continue;
                if (col[c] >= 0) {
                    row_error(cmd, path, st.lines[first], NULL, "column '%s' appears twice",
                              k_col_names[c]);
                    status = CLI_INVALID;
                }
                col[c] = k;
            }
        }
        if (status == CLI_OK && col[COL_ACCOUNT] < 0) {
            cli_error(cmd, "%s: no column 'account' in the header", path);
            status = CLI_INVALID;
        }
    }
    size_t ncols = 0;
    if (status == CLI_OK)
        while (st.records[first][ncols])
            ncols++;
    out->has_ids = col[COL_ID] >= 0;
    for (size_t i = first + 1; status == CLI_OK && i < st.nrec; i++) {
        char **rec = st.records[i];
        if (blank_record(rec))
            continue;
        size_t n = 0;
        while (rec[n])
            n++;
        if (n != ncols) {
            status =
                row_error(cmd, path, st.lines[i], NULL, "%zu cells, the header has %zu", n, ncols);
            break;
        }
        cli_payee_row *nr = realloc(out->row, (out->n + 1) * sizeof *nr);
        if (!nr) {
            cli_error(cmd, "out of memory");
            status = CLI_IO;
            break;
        }
        out->row = nr;
        cli_payee_row *row = &out->row[out->n++];
        memset(row, 0, sizeof *row);
        status = read_row(cmd, path, st.lines[i], rec, col, n, row);
        for (size_t k = 0; status == CLI_OK && out->has_ids && k + 1 < out->n; k++)
            if (strcmp(out->row[k].id, row->id) == 0)
                status = row_error(cmd, path, row->line, "id", "'%s' is on line %zu too", row->id,
                                   out->row[k].line);
    }
    free_records(&st);
    if (status == CLI_OK && out->n == 0) {
        cli_error(cmd, "%s: no payee under the header", path);
        status = CLI_INVALID;
    }
    if (status == CLI_OK) {
        out->list = malloc(out->n * sizeof *out->list);
        if (!out->list) {
            cli_error(cmd, "out of memory");
            status = CLI_IO;
        }
    }
    if (status != CLI_OK) {
        cli_payees_free(out);
        return status;
    }
    /* The payee structs point into the rows: fix them up now that the rows
     * no longer move. */
    for (size_t i = 0; i < out->n; i++) {
        cli_payee_row *row = &out->row[i];
        row->payee.account = row->account;
        row->payee.name = row->name;
        row->payee.bin = row->payee.network == VQR_NETWORK_NAPAS ? row->bin : NULL;
        out->list[i] = row->payee;
    }
    return CLI_OK;
}

/* ---- a verdict shown ---- */

const char *cli_network_name(vqr_network n)
{
    switch (n) {
    case VQR_NETWORK_NAPAS:
        return "napas";
    case VQR_NETWORK_VNPAY:
        return "vnpay";
    case VQR_NETWORK_OTHER:
        return "other";
    case VQR_NETWORK_NONE:
        break;
    }
    return "";
}

static const char *service_code(vqr_service s)
{
    switch (s) {
    case VQR_SERVICE_ACCOUNT:
        return "QRIBFTTA";
    case VQR_SERVICE_CARD:
        return "QRIBFTTC";
    case VQR_SERVICE_MERCHANT:
        return "QRPUSH";
    case VQR_SERVICE_CASH:
        return "QRCASH";
    case VQR_SERVICE_OTHER:
        return "other";
    case VQR_SERVICE_NONE:
        break;
    }
    return "";
}

const char *cli_suspect_name(vqr_suspect s)
{
    switch (s) {
    case VQR_SUSPECT_CONFUSABLE:
        return "confusable";
    case VQR_SUSPECT_INVISIBLE:
        return "invisible";
    case VQR_SUSPECT_BIDI:
        return "bidi";
    case VQR_SUSPECT_CONTROL:
        return "control";
    case VQR_SUSPECT_IMITATION:
        return "imitation";
    }
    return "";
}

/* "VND" for 704, else the ISO 4217 number; "" for none. */
static const char *currency_name(unsigned c, char buf[8])
{
    if (c == 0)
        return "";
    if (c == 704)
        return "VND";
    (void)snprintf(buf, 8, "%03u", c % 1000);
    return buf;
}

void cli_put_pays(FILE *out, const vqr_verdict *v, bool vi)
{
    size_t unsafe = 0;
    switch (v->network) {
    case VQR_NETWORK_NAPAS:
        if (v->bank_known)
            cli_printf(out, "%s (%s)", v->bank_short_name, v->bin);
        else {
            cli_puts("BIN ", out);
            unsafe += cli_put_str(out, v->bin);
            cli_printf(out, " (%s)", vi ? "ngoài danh mục" : "not in the directory");
        }
        cli_printf(out, vi ? ", tài khoản " : ", account ");
        unsafe += cli_put_str(out, v->account);
        if (service_code(v->service)[0])
            cli_printf(out, " (%s)", service_code(v->service));
        break;
    case VQR_NETWORK_VNPAY:
        cli_printf(out, vi ? "VNPAY-QR, mã điểm bán " : "VNPAY-QR, merchant ");
        unsafe += cli_put_str(out, v->account);
        break;
    case VQR_NETWORK_OTHER:
        unsafe += cli_put_str(out, v->guid);
        cli_printf(out, vi ? ", mã " : ", ID ");
        unsafe += cli_put_str(out, v->account);
        break;
    case VQR_NETWORK_NONE:
        cli_printf(out, "%s",
                   vi ? "không có người nhận VietQR hay VNPAY-QR" : "no VietQR or VNPAY-QR payee");
        break;
    }
    cli_put_mark(out, unsafe, vi);
}

static void label(FILE *out, const char *indent, const char *en, const char *vi_label, bool vi)
{
    cli_puts(indent, out);
    cli_put_label(out, vi ? vi_label : en, 12);
}

void cli_put_verdict_details(FILE *out, const vqr_verdict *v, const cli_payees *payees,
                             const char *indent, bool vi)
{
    if (v->verdict == VQR_VERDICT_NOT_A_PAYMENT_CODE && v->network == VQR_NETWORK_NONE)
        return;
    label(out, indent, "pays", "trả cho", vi);
    cli_put_pays(out, v, vi);
    cli_putc('\n', out);
    if (v->network != VQR_NETWORK_NONE) {
        label(out, indent, "amount", "số tiền", vi);
        if (v->amount) {
            char cb[8];
            cli_printf(out, "%llu %s", (unsigned long long)v->amount,
                       currency_name(v->currency, cb));
        } else
            cli_puts(vi ? "không ghi (người trả tự nhập)" : "none (the payer types it)", out);
        if (v->is_static || v->is_dynamic)
            cli_printf(out, ", %s",
                       v->is_static ? (vi ? "mã tĩnh" : "static") : (vi ? "mã động" : "dynamic"));
        cli_putc('\n', out);
    }
    if (v->merchant_name[0]) {
        label(out, indent, "name", "tên", vi);
        cli_put_mark(out, cli_put_str(out, v->merchant_name), vi);
        cli_putc('\n', out);
    }
    if (v->merchant_name_alt[0]) {
        label(out, indent, "name (64)", "tên (64)", vi);
        cli_put_mark(out, cli_put_str(out, v->merchant_name_alt), vi);
        cli_putc('\n', out);
    }
    if (v->purpose[0]) {
        label(out, indent, "purpose", "nội dung", vi);
        cli_put_mark(out, cli_put_str(out, v->purpose), vi);
        cli_putc('\n', out);
    }
    if (v->verdict == VQR_VERDICT_INVALID) {
        label(out, indent, "error", "lỗi", vi);
        cli_printf(out, "%s", v->error.name);
        if (v->error.tag[0])
            cli_printf(out, " %s %s", vi ? "tại" : "at", v->error.tag);
        cli_printf(out, ": %s\n", vi ? v->error.message_vi : v->error.message);
    }
    for (size_t i = 0; i < v->mark_count && i < VQR_VERIFY_MARKS; i++) {
        const vqr_suspect_mark *m = &v->marks[i];
        label(out, indent, "warning", "cảnh báo", vi);
        if (m->kind == VQR_SUSPECT_IMITATION) {
            if (payees && v->imitated < payees->n) {
                const cli_payee_row *r = &payees->row[v->imitated];
                const char *who = r->name ? r->name : "";
                cli_printf(out,
                           vi ? "tên ở %s giống tên người nhận được phép \""
                              : "the name in %s reads as the allowed payee \"",
                           m->tag);
                cli_put_str(out, who);
                cli_puts("\"", out);
                if (r->id) {
                    cli_printf(out, " (%s ", vi ? "sạp" : "stall");
                    cli_put_str(out, r->id);
                    cli_puts(")", out);
                }
            } else {
                cli_printf(out,
                           vi ? "tên ở %s giống tên một người nhận được phép"
                              : "the name in %s reads as an allowed payee's",
                           m->tag);
            }
            cli_puts(vi ? ", nhưng mã trả cho tài khoản khác\n"
                        : ", but the code pays another account\n",
                     out);
            continue;
        }
        static const char *const en[] = { "a letter of another script", "an invisible character",
                                          "a bidirectional control", "a control character" };
        static const char *const vn[] = { "chữ của hệ chữ khác", "ký tự vô hình",
                                          "ký tự điều khiển hướng chữ", "ký tự điều khiển" };
        int k = m->kind == VQR_SUSPECT_CONFUSABLE  ? 0
                : m->kind == VQR_SUSPECT_INVISIBLE ? 1
                : m->kind == VQR_SUSPECT_BIDI      ? 2
                                                   : 3;
        cli_printf(out, "U+%04lX, %s", (unsigned long)m->codepoint, vi ? vn[k] : en[k]);
        if (m->looks_like)
            cli_printf(out, vi ? " giống chữ '%c'" : " that looks like '%c'", m->looks_like);
        cli_printf(out, vi ? ", tại byte %zu" : ", at byte %zu", m->offset);
        if (m->tag[0])
            cli_printf(out, " (%s)", m->tag);
        cli_putc('\n', out);
    }
    if (v->mark_count > VQR_VERIFY_MARKS) {
        label(out, indent, "warning", "cảnh báo", vi);
        cli_printf(out, vi ? "%zu ký tự đáng ngờ khác\n" : "%zu more suspicious characters\n",
                   v->mark_count - VQR_VERIFY_MARKS);
    }
}

static json_t *str_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

/* A JSON string of text that may not be UTF-8 (then escaped as the tool shows it). */
json_t *cli_json_text(const char *s, size_t len)
{
    json_t *j = json_stringn(s, len);
    if (j)
        return j;
    char *e = cli_escape(s, len, NULL);
    j = e ? json_string(e) : NULL;
    free(e);
    return j;
}

json_t *cli_verdict_json(const vqr_verdict *v, const cli_payees *payees)
{
    json_t *j = json_object();
    if (!j)
        return NULL;
    json_object_set_new(j, "verdict", json_string(vqr_verdict_name(v->verdict)));
    if (v->network != VQR_NETWORK_NONE || v->verdict == VQR_VERDICT_PAYEE_NOT_ALLOWED) {
        json_t *pays = json_object();
        json_object_set_new(pays, "network", str_or_null(cli_network_name(v->network)));
        json_object_set_new(pays, "guid", str_or_null(v->guid));
        json_object_set_new(pays, "bin", str_or_null(v->bin));
        json_object_set_new(pays, "bank", str_or_null(v->bank_short_name));
        const vqr_bank *b = NULL;
        if (vqr_bank_find_bin(v->bin, strlen(v->bin), &b, NULL) != VQR_OK)
            b = NULL;
        json_object_set_new(pays, "bank_name", b ? json_string(b->name) : json_null());
        json_object_set_new(pays, "account", str_or_null(v->account));
        json_object_set_new(pays, "service", str_or_null(service_code(v->service)));
        json_object_set_new(pays, "kind",
                            v->is_static    ? json_string("static")
                            : v->is_dynamic ? json_string("dynamic")
                                            : json_null());
        json_object_set_new(pays, "amount",
                            v->amount ? json_integer((json_int_t)v->amount) : json_null());
        json_object_set_new(pays, "currency",
                            v->currency ? json_integer(v->currency) : json_null());
        json_object_set_new(pays, "merchant_name", str_or_null(v->merchant_name));
        json_object_set_new(pays, "merchant_name_alt", str_or_null(v->merchant_name_alt));
        json_object_set_new(pays, "purpose", str_or_null(v->purpose));
        json_object_set_new(j, "pays", pays);
    } else {
        json_object_set_new(j, "pays", json_null());
    }
    if (v->payee != SIZE_MAX && payees && v->payee < payees->n && payees->row[v->payee].id)
        json_object_set_new(j, "payee", json_string(payees->row[v->payee].id));
    else
        json_object_set_new(
            j, "payee", v->payee != SIZE_MAX ? json_integer((json_int_t)v->payee) : json_null());
    if (v->verdict == VQR_VERDICT_INVALID) {
        json_t *e = json_object();
        json_object_set_new(e, "code", json_string(v->error.name));
        json_object_set_new(e, "tag", str_or_null(v->error.tag));
        json_object_set_new(
            e, "offset",
            v->error.offset == SIZE_MAX ? json_null() : json_integer((json_int_t)v->error.offset));
        json_object_set_new(e, "message", json_string(v->error.message));
        json_object_set_new(j, "error", e);
    } else {
        json_object_set_new(j, "error", json_null());
    }
    json_t *sus = json_array();
    for (size_t i = 0; i < v->mark_count && i < VQR_VERIFY_MARKS; i++) {
        const vqr_suspect_mark *m = &v->marks[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind", json_string(cli_suspect_name(m->kind)));
        if (m->kind == VQR_SUSPECT_IMITATION) {
            json_object_set_new(o, "char", json_null());
            if (payees && v->imitated < payees->n && payees->row[v->imitated].id)
                json_object_set_new(o, "imitates", json_string(payees->row[v->imitated].id));
            else
                json_object_set_new(o, "imitates", json_integer((json_int_t)v->imitated));
        } else {
            char cp[16];
            (void)snprintf(cp, sizeof cp, "U+%04lX", (unsigned long)m->codepoint);
            json_object_set_new(o, "char", json_string(cp));
        }
        char ll[2] = { m->looks_like, '\0' };
        json_object_set_new(o, "looks_like", m->looks_like ? json_string(ll) : json_null());
        json_object_set_new(o, "tag", str_or_null(m->tag));
        json_object_set_new(
            o, "offset", m->offset == SIZE_MAX ? json_null() : json_integer((json_int_t)m->offset));
        json_array_append_new(sus, o);
    }
    json_object_set_new(j, "suspects", sus);
    json_object_set_new(j, "suspect_count", json_integer((json_int_t)v->mark_count));
    return j;
}

/* ---- CSV cells ---- */

void cli_csv_cell(FILE *out, const char *s, size_t len)
{
    /* Escaped as the tool shows text (no control, bidi or invisible
     * character survives), then guarded against spreadsheet formulas. */
    char *e = cli_escape(s, len, NULL);
    const char *t = e ? e : "[?]";
    bool formula = t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@';
    bool quote = formula || strpbrk(t, ",\"") != NULL || t[0] == ' ';
    if (quote)
        cli_putc('"', out);
    if (formula)
        cli_putc('\'', out);
    for (const char *p = t; *p; p++) {
        if (*p == '"')
            cli_putc('"', out);
        cli_putc(*p, out);
    }
    if (quote)
        cli_putc('"', out);
    free(e);
}

void cli_csv_str(FILE *out, const char *s)
{
    cli_csv_cell(out, s ? s : "", s ? strlen(s) : 0);
}

void cli_csv_pays(FILE *out, const vqr_verdict *v)
{
    /* network,bin,bank,account,service,amount,currency,kind,merchant_name,merchant_name_alt,purpose */
    cli_csv_str(out, cli_network_name(v->network));
    cli_putc(',', out);
    cli_csv_str(out, v->bin);
    cli_putc(',', out);
    cli_csv_str(out, v->bank_short_name);
    cli_putc(',', out);
    cli_csv_str(out, v->account);
    cli_putc(',', out);
    cli_csv_str(out, service_code(v->service));
    cli_putc(',', out);
    if (v->amount)
        cli_printf(out, "%llu", (unsigned long long)v->amount);
    cli_putc(',', out);
    char cb[8];
    cli_csv_str(out, currency_name(v->currency, cb));
    cli_putc(',', out);
    cli_csv_str(out, v->is_static ? "static" : v->is_dynamic ? "dynamic" : "");
    cli_putc(',', out);
    cli_csv_str(out, v->merchant_name);
    cli_putc(',', out);
    cli_csv_str(out, v->merchant_name_alt);
    cli_putc(',', out);
    cli_csv_str(out, v->purpose);
}

void cli_csv_suspects(FILE *out, const vqr_verdict *v)
{
    char buf[128] = "";
    static const vqr_suspect order[] = { VQR_SUSPECT_CONFUSABLE, VQR_SUSPECT_INVISIBLE,
                                         VQR_SUSPECT_BIDI, VQR_SUSPECT_CONTROL,
                                         VQR_SUSPECT_IMITATION };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (v->suspects & (unsigned)order[i]) {
            size_t n = strlen(buf);
            (void)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "",
                           cli_suspect_name(order[i]));
        }
    cli_csv_str(out, buf);
}
