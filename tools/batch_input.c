/*
 * batch_input.c - the rows of `vietqr batch`: CSV read with libcsv
 * (RFC 4180: quoted cells may hold commas, quotes and line breaks; bytes
 * pass through, so UTF-8 text is kept as is) and JSON Lines read with
 * jansson.
 *
 * Nothing is lost: the input is read one physical line at a time (a line
 * ends at LF, CR LF or a lone CR), and every line that is not blank ends in
 * exactly one row. A CSV record is fed to libcsv line by line, so its
 * lines are known; the lines of a record still open are kept until it
 * ends. When a record cannot be read (a syntax error, a quote still open
 * at the end of the input or after BATCH_RECORD_LINES lines), the row of
 * its first line is rejected and its other lines are read again from a
 * fresh parser: reading resynchronises at the next line that parses.
 */
#include "batch.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BLOCK 65536

/* One physical line kept for reading again: bytes [off, off + len) of the
 * keep buffer, or a line too long to keep (len = 0, `dropped` bytes). */
typedef struct kept_line {
    size_t off, len, dropped, lineno;
} kept_line;

/* A list of kept lines with their bytes. */
typedef struct line_list {
    char *bytes;
    size_t nbytes, capbytes;
    kept_line *line;
    size_t head, n, cap;
} line_list;

/* Rows made, not yet returned. */
typedef struct row_queue {
    batch_row *row;
    size_t head, n, cap;
} row_queue;

struct batch_reader {
    const char *cmd; /* NULL: print nothing */
    const char *name;
    FILE *f;
    long long size, done;
    size_t next_row;
    size_t lineno;                    /* physical lines read from the input */
    size_t header_first, header_last; /* the header's lines */
    batch_input_opts opts;
    row_queue q;
    /* Reading lines. */
    size_t buf_len, buf_pos;
    char *line; /* the current line, with its line ending */
    size_t line_len, line_cap, line_dropped;
    /* CSV */
    char **hdr;        /* the header's names as spelled (trimmed) */
    int *map;          /* header cell -> column, BATCH_COL_NONE ignored */
    int *extra_of;     /* header cell -> extra column, -1 */
    size_t ncols;      /* header cells */
    size_t nextra;     /* extra columns asked for */
    char **field;      /* the cells of the record being read */
    size_t *field_len; /* their lengths (a cell may hold NUL bytes) */
    size_t nfields, capfields;
    line_list pend;   /* the lines of the record being read */
    line_list replay; /* lines to read again after a bad record */
    struct csv_parser csv;
    /* Names reported as unknown already. */
    char **warned;
    size_t nwarned;
    batch_kind kind;
    int fatal; /* CLI status of a problem with the whole input */
    bool vi, own, eof, at_start, csv_ready, header_done, record_done, oom;
    char buf[BLOCK];
};

/* ---- small helpers ------------------------------------------------------ */

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void batch_row_clear(batch_row *r)
{
    for (size_t i = 0; i < BATCH_NCOLS; i++)
        free(r->col[i]);
    free(r->bad_msg);
    for (size_t i = 0; r->extra && i < r->nextra; i++)
        free(r->extra[i]);
    free(r->extra);
    memset(r, 0, sizeof *r);
}

/* Marks the row bad: "UNIT 'NAME': message (VQR_ERR_...)". */
static void set_bad(const batch_reader *r, batch_row *row, vqr_status code, const char *col,
                    int field, const char *fmt, ...) CLI_PRINTF(6, 7);
static void set_bad(const batch_reader *r, batch_row *row, vqr_status code, const char *col,
                    int field, const char *fmt, ...)
{
    if (row->bad_code != VQR_OK)
        return;
    char msg[512];
    size_t n = 0;
    if (col && field >= 0 && field < CLI_F_COUNT)
        n = (size_t)snprintf(msg, sizeof msg, "%s '%s' (%s): ", batch_reader_unit(r), col,
                             cli_field_tag((cli_field)field));
    else if (col)
        n = (size_t)snprintf(msg, sizeof msg, "%s '%s': ", batch_reader_unit(r), col);
    if (n >= sizeof msg)
        n = sizeof msg - 1;
    va_list ap;
    va_start(ap, fmt);
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
    (void)vsnprintf(msg + n, sizeof msg - n, fmt, ap);
    va_end(ap);
    n = strlen(msg);
    (void)snprintf(msg + n, sizeof msg - n, " (%s)", vqr_status_name(code));
    row->bad_code = code;
    row->bad_col = col;
    row->bad_msg = dup_n(msg, strlen(msg));
}

/* The code point at s[0] (UTF-8) and its length; a bad byte counts one. */
static size_t cp_at(const unsigned char *s, size_t len, unsigned long *cp)
{
    return cli_utf8_seq(s, len, cp);
}

/*
 * The first control character of a cell: C0 (U+0000-001F), DEL and C1
 * (U+0080-009F). Returns true with its code point and character offset.
 */
static bool find_control(const char *s, size_t len, unsigned long *cp, size_t *at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len; chars++) {
        unsigned long c;
        size_t n = cp_at(u + i, len - i, &c);
        if (u[i] < 0x20 || u[i] == 0x7F || (n == 2 && c >= 0x80 && c <= 0x9F)) {
            *cp = n == 1 ? u[i] : c;
            *at = chars;
            return true;
        }
        i += n;
    }
    return false;
}

/* Checks a cell: a NUL byte anywhere, or (when used) any control character. */
static void check_cell(const batch_reader *r, batch_row *row, const char *name, int field,
                       const char *s, size_t len, bool used)
{
    unsigned long cp;
    size_t at;
    const char *nul = memchr(s, '\0', len);
    if (nul) {
        size_t chars = 0, before = (size_t)(nul - s);
        for (size_t i = 0; i < before; chars++)
            i += cp_at((const unsigned char *)s + i, before - i, &cp);
        set_bad(r, row, VQR_ERR_TEXT_CONTROL, name, field,
                r->vi ? "có byte NUL ở ký tự %zu; ô phải là văn bản và không bao giờ bị cắt ở "
                        "byte NUL"
                      : "a NUL byte at character %zu; a cell holds text and is never cut short "
                        "at a NUL",
                chars);
        return;
    }
    if (used && find_control(s, len, &cp, &at))
        set_bad(r, row, VQR_ERR_TEXT_CONTROL, name, field,
                r->vi ? "có ký tự điều khiển U+%04lX ở ký tự %zu; ô phải là văn bản trên một dòng"
                      : "a control character U+%04lX at character %zu; a cell holds text on one "
                        "line",
                cp, at);
}

const char *batch_reader_unit(const batch_reader *r)
{
    if (r->kind == BATCH_JSONL)
        return r->vi ? "khóa" : "key";
    return r->vi ? "cột" : "column";
}

/* The column a name stands for (lower case): a field, "file", "static", or
 * BATCH_COL_NONE; *spelled receives the static spelling for JSON keys. */
static int column_of(const char *name, size_t len)
{
    static const struct {
        const char *alias;
        int col;
    } aliases[] = {
        { "file", BATCH_COL_FILE },      { "static", BATCH_COL_STATIC },
        { "bill_number", CLI_F_BILL },   { "merchant_name", CLI_F_NAME },
        { "merchant_city", CLI_F_CITY }, { "account_number", CLI_F_ACCOUNT },
        { "card_number", CLI_F_CARD },
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strlen(aliases[i].alias) == len && memcmp(aliases[i].alias, name, len) == 0)
            return aliases[i].col;
    int f = cli_field_by_key(name, len);
    return f < 0 ? BATCH_COL_NONE : f;
}

static bool eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static void warn_unknown(batch_reader *r, const char *name, size_t len)
{
    if (!r->cmd)
        return;
    for (size_t i = 0; i < r->nwarned; i++)
        if (strlen(r->warned[i]) == len && memcmp(r->warned[i], name, len) == 0)
            return;
    char **w = realloc(r->warned, (r->nwarned + 1) * sizeof *w);
    char *copy = dup_n(name, len);
    if (!w || !copy) {
        free(copy);
        if (w)
            r->warned = w;
        return;
    }
    r->warned = w;
    r->warned[r->nwarned++] = copy;
    if (len == 0)
        cli_error(r->cmd, r->vi ? "bỏ qua một cột không có tên" : "ignoring a column with no name");
    else
        cli_error(r->cmd,
                  r->vi ? "bỏ qua %s '%.*s' (không phải bank, account, card, merchant, amount, "
                          "purpose, bill, reference, name, city, mcc, store, terminal, file, "
                          "static)"
                        : "ignoring the %s '%.*s' (not one of bank, account, card, merchant, "
                          "amount, purpose, bill, reference, name, city, mcc, store, terminal, "
                          "file, static)",
                  batch_reader_unit(r), (int)len, name);
}

/* ---- physical lines ------------------------------------------------------ */

/* Appends bytes to the current line, keeping at most BATCH_LINE_MAX. */
static int line_add(batch_reader *r, const char *s, size_t n)
{
    if (r->line_dropped || r->line_len + n > BATCH_LINE_MAX) {
        r->line_dropped += r->line_len + n;
        r->line_len = 0;
        return 0;
    }
    if (r->line_len + n + 1 > r->line_cap) {
        size_t cap = r->line_cap ? r->line_cap : 256;
        while (cap < r->line_len + n + 1)
            cap *= 2;
        char *l = realloc(r->line, cap);
        if (!l)
            return -1;
        r->line = l;
        r->line_cap = cap;
    }
    memcpy(r->line + r->line_len, s, n);
    r->line_len += n;
    r->line[r->line_len] = '\0';
    return 0;
}

/*
 * Reads the next physical line with its ending into r->line. Returns 1, 0
 * at the end of the input, -1 on a read error or out of memory. A line
 * longer than BATCH_LINE_MAX is read to its end and dropped: r->line_len is
 * 0 and r->line_dropped its length.
 */
/* Reads the next block when the last one is used up: 1 when there are
 * bytes to read, 0 at the end of the input (or of a refused input), -1 on
 * a read error. The first block is checked for a byte order mark. */
static int fill_block(batch_reader *r)
{
    while (r->buf_pos == r->buf_len) {
        if (r->eof || r->fatal)
            return 0;
        size_t n = fread(r->buf, 1, BLOCK, r->f);
        if (n == 0) {
            if (ferror(r->f))
                return -1;
            r->eof = true;
            return 0;
        }
        r->done += (long long)n;
        r->buf_len = n;
        r->buf_pos = 0;
        if (!r->at_start)
            continue;
        r->at_start = false;
        if (n >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
            r->buf_pos = 3;
        } else if (n >= 2 &&
                   (memcmp(r->buf, "\xFF\xFE", 2) == 0 || memcmp(r->buf, "\xFE\xFF", 2) == 0)) {
            if (r->cmd)
                cli_error(r->cmd,
                          r->vi ? "%s là UTF-16; hãy lưu lại dưới dạng UTF-8 (\"CSV UTF-8\")"
                                : "%s is UTF-16; save it as UTF-8 (\"CSV UTF-8\")",
                          r->name);
            r->fatal = CLI_INVALID;
            return 0;
        }
    }
    return 1;
}

static int read_line(batch_reader *r)
{
    r->line_len = 0;
    r->line_dropped = 0;
    bool any = false;
    for (;;) {
        int g = fill_block(r);
        if (g < 0)
            return -1;
        if (g == 0)
            break;
        const char *p = r->buf + r->buf_pos;
        size_t left = r->buf_len - r->buf_pos;
        /* JSON Lines end at LF only: a CR is JSON whitespace. */
        const bool cr_ends = r->kind == BATCH_CSV;
        size_t i = 0;
        while (i < left && p[i] != '\n' && !(cr_ends && p[i] == '\r'))
            i++;
        if (i == left) {
            if (line_add(r, p, i) < 0)
                return -1;
            any = true;
            r->buf_pos += i;
            continue;
        }
        any = true;
        if (p[i] == '\n') {
            if (line_add(r, p, i + 1) < 0)
                return -1;
            r->buf_pos += i + 1;
            break;
        }
        /* CR: the line ends here, with the LF that follows when there is one. */
        if (i + 1 < left) {
            size_t take = p[i + 1] == '\n' ? i + 2 : i + 1;
            if (line_add(r, p, take) < 0)
                return -1;
            r->buf_pos += take;
            break;
        }
        /* A CR ends the block: the LF of a CR LF may start the next one. */
        if (line_add(r, p, i + 1) < 0)
            return -1;
        r->buf_pos += i + 1;
        g = fill_block(r);
        if (g < 0)
            return -1;
        if (g > 0 && r->buf[r->buf_pos] == '\n') {
            if (line_add(r, "\n", 1) < 0)
                return -1;
            r->buf_pos++;
        }
        break;
    }
    if (!any && r->line_len == 0 && r->line_dropped == 0)
        return 0;
    r->lineno++;
    return 1;
}

/* The line without its ending. */
static size_t content_len(const char *s, size_t len)
{
    while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    return len;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* ---- kept lines ---------------------------------------------------------- */

static int list_push(line_list *l, const char *s, size_t len, size_t dropped, size_t lineno)
{
    if (l->head + l->n == l->cap) {
        if (l->head) {
            memmove(l->line, l->line + l->head, l->n * sizeof *l->line);
            l->head = 0;
        } else {
            size_t cap = l->cap ? l->cap * 2 : 16;
            kept_line *k = realloc(l->line, cap * sizeof *k);
            if (!k)
                return -1;
            l->line = k;
            l->cap = cap;
        }
    }
    if (l->nbytes + len > l->capbytes) {
        size_t cap = l->capbytes ? l->capbytes : 1024;
        while (cap < l->nbytes + len)
            cap *= 2;
        char *b = realloc(l->bytes, cap);
        if (!b)
            return -1;
        l->bytes = b;
        l->capbytes = cap;
    }
    if (len)
        memcpy(l->bytes + l->nbytes, s, len);
    l->line[l->head + l->n++] = (kept_line){ l->nbytes, len, dropped, lineno };
    l->nbytes += len;
    return 0;
}

static void list_clear(line_list *l)
{
    l->n = l->head = l->nbytes = 0;
}

static void list_free(line_list *l)
{
    free(l->bytes);
    free(l->line);
    memset(l, 0, sizeof *l);
}

/* ---- CSV ------------------------------------------------------------------ */

static void drop_fields(batch_reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->field[i]);
    r->nfields = 0;
}

static void on_field(void *s, size_t len, void *data)
{
    batch_reader *r = data;
    if (r->nfields == r->capfields) {
        size_t cap = r->capfields ? r->capfields * 2 : 16;
        char **f = realloc(r->field, cap * sizeof *f);
        size_t *l = f ? realloc(r->field_len, cap * sizeof *l) : NULL;
        if (f)
            r->field = f;
        if (!f || !l) {
            r->oom = true;
            return;
        }
        r->field_len = l;
        r->capfields = cap;
    }
    char *copy = dup_n(s ? (const char *)s : "", s ? len : 0);
    if (!copy) {
        r->oom = true;
        return;
    }
    r->field[r->nfields] = copy;
    r->field_len[r->nfields++] = s ? len : 0;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((batch_reader *)data)->record_done = true;
}

static int nospace(unsigned char c)
{
    (void)c;
    return 0;
}

static void csv_start(batch_reader *r)
{
    if (r->csv_ready)
        csv_free(&r->csv);
    csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&r->csv, nospace); /* keep spaces: they are data */
    r->csv_ready = true;
    r->record_done = false;
}

static batch_row *new_row(batch_reader *r, size_t line, size_t nlines)
{
    row_queue *q = &r->q;
    if (q->head + q->n == q->cap) {
        if (q->head) {
            memmove(q->row, q->row + q->head, q->n * sizeof *q->row);
            q->head = 0;
        } else {
            size_t cap = q->cap ? q->cap * 2 : 16;
            batch_row *b = realloc(q->row, cap * sizeof *b);
            if (!b)
                return NULL;
            q->row = b;
            q->cap = cap;
        }
    }
    batch_row *row = &q->row[q->head + q->n++];
    memset(row, 0, sizeof *row);
    row->row = ++r->next_row;
    row->line = line;
    row->nlines = nlines;
    return row;
}

/* The header's names: trimmed, matched without case. */
static void take_header(batch_reader *r, const batch_input_opts *opts)
{
    r->ncols = r->nfields;
    r->hdr = calloc(r->ncols ? r->ncols : 1, sizeof *r->hdr);
    r->map = calloc(r->ncols ? r->ncols : 1, sizeof *r->map);
    r->extra_of = calloc(r->ncols ? r->ncols : 1, sizeof *r->extra_of);
    if (!r->hdr || !r->map || !r->extra_of) {
        r->oom = true;
        return;
    }
    size_t where[BATCH_NCOLS] = { 0 };
    bool seen[BATCH_NCOLS] = { false };
    for (size_t i = 0; i < r->ncols; i++) {
        r->map[i] = BATCH_COL_NONE;
        r->extra_of[i] = -1;
        if (memchr(r->field[i], '\0', r->field_len[i])) {
            if (r->cmd)
                cli_error(r->cmd,
                          r->vi ? "%s: dòng tiêu đề có byte NUL (tệp UTF-16 hoặc nhị phân?); hãy "
                                  "lưu lại dưới dạng CSV UTF-8"
                                : "%s: the header holds a NUL byte (is it UTF-16 or binary?); "
                                  "save it as UTF-8 (\"CSV UTF-8\")",
                          r->name);
            r->fatal = CLI_INVALID;
            return;
        }
        char *name = r->field[i];
        size_t len = r->field_len[i];
        while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
            name[--len] = '\0';
        size_t lead = 0;
        while (lead < len && (name[lead] == ' ' || name[lead] == '\t'))
            lead++;
        memmove(name, name + lead, len - lead + 1);
        len -= lead;
        r->hdr[i] = name;
        r->field[i] = NULL;
        char lower[64];
        int col = BATCH_COL_NONE;
        if (len < sizeof lower) {
            for (size_t k = 0; k <= len; k++)
                lower[k] = name[k] >= 'A' && name[k] <= 'Z' ? (char)(name[k] - 'A' + 'a') : name[k];
            col = column_of(lower, len);
        }
        for (size_t e = 0; opts && e < opts->nextra; e++) {
            if (!eq_nocase(name, opts->extra[e]))
                continue;
            for (size_t k = 0; k < i; k++) {
                if (r->extra_of[k] != (int)e)
                    continue;
                if (r->cmd)
                    cli_error(r->cmd,
                              r->vi ? "dòng tiêu đề có hai cột cùng tên: '%s' (cột %zu) và '%s' "
                                      "(cột %zu)"
                                    : "the header names the same column twice: '%s' (column "
                                      "%zu) and '%s' (column %zu)",
                              r->hdr[k], k + 1, name, i + 1);
                r->fatal = CLI_INVALID;
                return;
            }
            r->extra_of[i] = (int)e;
        }
        if (col == BATCH_COL_NONE) {
            if (r->extra_of[i] < 0)
                warn_unknown(r, name, len);
            continue;
        }
        if (seen[col]) {
            if (r->cmd)
                cli_error(r->cmd,
                          r->vi ? "dòng tiêu đề có hai cột cùng nghĩa: '%s' (cột %zu) và '%s' "
                                  "(cột %zu)"
                                : "the header names the same column twice: '%s' (column %zu) "
                                  "and '%s' (column %zu)",
                          r->hdr[where[col]], where[col] + 1, name, i + 1);
            r->fatal = CLI_INVALID;
            return;
        }
        seen[col] = true;
        where[col] = i;
        r->map[i] = col;
    }
    r->nfields = 0;
    for (size_t e = 0; opts && e < opts->nextra; e++) {
        if (opts->optional && opts->optional[e])
            continue;
        bool found = false;
        for (size_t i = 0; i < r->ncols; i++)
            found = found || r->extra_of[i] == (int)e;
        if (!found) {
            if (r->cmd)
                cli_error(r->cmd,
                          r->vi ? "dòng tiêu đề không có cột '%s'"
                                : "the header has no column '%s'",
                          opts->extra[e]);
            r->fatal = CLI_INVALID;
            return;
        }
    }
    if (!seen[CLI_F_BANK]) {
        if (r->cmd)
            cli_error(r->cmd, r->vi
                                  ? "dòng tiêu đề không có cột 'bank' (tên cột giống tùy chọn của "
                                    "encode: bank, account, amount, purpose, ...)"
                                  : "the header has no 'bank' column (columns are named like "
                                    "encode's options: bank, account, amount, purpose, ...)");
        r->fatal = CLI_INVALID;
    }
}

/* A whole record: checks its shape and cells, and queues its row. */
static void take_record(batch_reader *r, size_t line, size_t nlines)
{
    batch_row *row = new_row(r, line, nlines);
    if (!row) {
        r->oom = true;
        drop_fields(r);
        return;
    }
    if (r->nfields < r->ncols) {
        set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, r->hdr[r->nfields], BATCH_COL_NONE,
                r->vi ? "dòng chỉ có %zu ô, dòng tiêu đề có %zu; thiếu từ ô này trở đi"
                      : "the row has %zu cells and the header %zu: this cell and those after "
                        "it are missing",
                r->nfields, r->ncols);
    } else if (r->nfields > r->ncols) {
        set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, NULL, BATCH_COL_NONE,
                r->vi ? "dòng có %zu ô, dòng tiêu đề chỉ có %zu"
                      : "the row has %zu cells and the header only %zu",
                r->nfields, r->ncols);
    }
    for (size_t i = 0; i < r->ncols && i < r->nfields && !row->bad_code; i++)
        check_cell(r, row, r->hdr[i], r->map[i], r->field[i], r->field_len[i],
                   r->map[i] != BATCH_COL_NONE || r->extra_of[i] >= 0);
    for (size_t i = 0; i < r->ncols; i++)
        if (r->map[i] != BATCH_COL_NONE)
            row->name[r->map[i]] = r->hdr[i];
    if (r->nextra) {
        row->extra = calloc(r->nextra, sizeof *row->extra);
        if (!row->extra)
            r->oom = true;
        else
            row->nextra = r->nextra;
    }
    if (!row->bad_code) {
        for (size_t i = 0; i < r->ncols; i++) {
            int col = r->map[i];
            if (r->extra_of[i] >= 0 && row->extra && r->field[i][0] &&
                !(row->extra[r->extra_of[i]] = dup_n(r->field[i], r->field_len[i])))
                r->oom = true;
            if (col != BATCH_COL_NONE && r->field[i][0]) {
                row->col[col] = r->field[i];
                r->field[i] = NULL;
            }
        }
    }
    drop_fields(r);
}

/* The column of cell `i` of the record being read, as spelled. */
static const char *cell_name(const batch_reader *r, size_t i)
{
    return r->header_done && i < r->ncols ? r->hdr[i] : NULL;
}

enum { FAIL_SYNTAX, FAIL_OPEN_QUOTE, FAIL_TOO_MANY_LINES, FAIL_LONG_LINE };

static void long_line_row(batch_reader *r, size_t lineno)
{
    batch_row *row = new_row(r, lineno, 1);
    if (!row) {
        r->oom = true;
        return;
    }
    set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, NULL, BATCH_COL_NONE,
            r->vi ? "dòng dài hơn %zu byte" : "the line is longer than %zu bytes", BATCH_LINE_MAX);
}

/*
 * The record being read cannot be read: the row of its first line is
 * rejected, and its other lines go back to be read again, then `back` (a
 * line too long to keep, when not NULL), then the lines waiting already.
 */
static void fail_record(batch_reader *r, int why, size_t at_line, size_t at_char,
                        const kept_line *back)
{
    line_list *p = &r->pend;
    size_t first = p->n ? p->line[p->head].lineno : at_line;
    size_t cell = r->nfields;
    drop_fields(r);
    if (!r->header_done) {
        if (r->cmd)
            cli_error(r->cmd,
                      r->vi ? "%s: dòng tiêu đề (dòng %zu) sai cú pháp CSV"
                            : "%s: CSV syntax error in the header (line %zu)",
                      r->name, first);
        r->fatal = CLI_INVALID;
        return;
    }
    batch_row *row = new_row(r, first, 1);
    if (!row) {
        r->oom = true;
        return;
    }
    const char *col = cell_name(r, cell);
    int field = col ? r->map[cell] : BATCH_COL_NONE;
    switch (why) {
    case FAIL_SYNTAX:
        if (at_line == first)
            set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, col, field,
                    r->vi ? "lỗi cú pháp CSV ở byte %zu của dòng: dấu nháy kép trong ô không "
                            "được đặt trong nháy kép, hoặc có chữ sau dấu nháy đóng"
                          : "CSV syntax error at byte %zu of the line: a quote inside a cell "
                            "that is not quoted as a whole, or text after a closing quote",
                    at_char);
        else
            set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, col, field,
                    r->vi ? "lỗi cú pháp CSV: ô trong nháy kép bắt đầu ở dòng này hỏng ở dòng "
                            "%zu; đọc tiếp từ dòng sau dòng này"
                          : "CSV syntax error: the quoted cell that starts on this line breaks "
                            "at line %zu; reading goes on at the next line",
                    at_line);
        break;
    case FAIL_OPEN_QUOTE:
        set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, col, field,
                r->vi ? "lỗi cú pháp CSV: dấu nháy kép mở ô này không bao giờ được đóng; đọc "
                        "tiếp từ dòng sau"
                      : "CSV syntax error: the quote that opens this cell is never closed; "
                        "reading goes on at the next line");
        break;
    case FAIL_TOO_MANY_LINES:
        set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, col, field,
                r->vi ? "lỗi cú pháp CSV: dấu nháy kép mở ô này chưa đóng sau %d dòng; đọc "
                        "tiếp từ dòng sau"
                      : "CSV syntax error: the quote that opens this cell is still open %d "
                        "lines later; reading goes on at the next line",
                BATCH_RECORD_LINES);
        break;
    default:
        set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, col, field,
                r->vi ? "lỗi cú pháp CSV: dấu nháy kép mở ô này vẫn mở ở dòng %zu, dòng dài "
                        "hơn %zu byte; đọc tiếp từ dòng sau"
                      : "CSV syntax error: the quote that opens this cell is still open at line "
                        "%zu, which is longer than %zu bytes; reading goes on at the next line",
                at_line, BATCH_LINE_MAX);
        break;
    }
    line_list again = { 0 };
    for (size_t i = 1; i < p->n && !r->oom; i++) {
        kept_line *k = &p->line[p->head + i];
        if (list_push(&again, k->len ? p->bytes + k->off : NULL, k->len, k->dropped, k->lineno) < 0)
            r->oom = true;
    }
    if (back && list_push(&again, NULL, 0, back->dropped, back->lineno) < 0)
        r->oom = true;
    for (size_t i = 0; i < r->replay.n && !r->oom; i++) {
        kept_line *k = &r->replay.line[r->replay.head + i];
        if (list_push(&again, k->len ? r->replay.bytes + k->off : NULL, k->len, k->dropped,
                      k->lineno) < 0)
            r->oom = true;
    }
    list_free(&r->replay);
    r->replay = again;
    list_clear(p);
    csv_start(r);
}

/* A record read whole: the header, or a row. */
static void record_end(batch_reader *r)
{
    line_list *p = &r->pend;
    size_t first = p->line[p->head].lineno, n = p->n;
    r->record_done = false;
    list_clear(p);
    if (!r->header_done) {
        r->header_first = first;
        r->header_last = first + n - 1;
        take_header(r, &r->opts);
        r->header_done = true;
        drop_fields(r);
    } else {
        take_record(r, first, n);
    }
}

/* Feeds one physical line to the parser (`dropped`: a line too long to
 * keep, of that many bytes). */
static void csv_line(batch_reader *r, const char *s, size_t len, size_t dropped, size_t lineno)
{
    line_list *p = &r->pend;
    if (dropped) {
        kept_line k = { 0, 0, dropped, lineno };
        if (p->n)
            fail_record(r, FAIL_LONG_LINE, lineno, 0, &k);
        else if (!r->header_done) {
            if (r->cmd)
                cli_error(r->cmd,
                          r->vi ? "%s: dòng tiêu đề dài hơn %zu byte"
                                : "%s: the header is longer than %zu bytes",
                          r->name, BATCH_LINE_MAX);
            r->fatal = CLI_INVALID;
        } else
            long_line_row(r, lineno);
        return;
    }
    if (p->n == 0 && is_blank(s, len))
        return; /* a blank line is not a row */
    if (list_push(p, s, len, 0, lineno) < 0) {
        r->oom = true;
        return;
    }
    size_t used = csv_parse(&r->csv, s, len, on_field, on_record, r);
    if (r->oom)
        return;
    if (used < len) {
        fail_record(r, FAIL_SYNTAX, lineno, used + 1, NULL);
        return;
    }
    if (r->record_done)
        record_end(r);
    else if (p->n >= BATCH_RECORD_LINES)
        fail_record(r, FAIL_TOO_MANY_LINES, lineno, 0, NULL);
}

/* Reads until a row is queued or the input ends. 0, or -1 on a read error. */
static int csv_fill(batch_reader *r)
{
    row_queue *q = &r->q;
    while (q->n == 0 && !r->fatal && !r->oom) {
        if (r->replay.n) {
            /* The line leaves the list before the list can change. */
            kept_line k = r->replay.line[r->replay.head++];
            r->replay.n--;
            char *copy = dup_n(k.len ? r->replay.bytes + k.off : "", k.len);
            if (!copy) {
                r->oom = true;
                break;
            }
            if (r->replay.n == 0)
                list_clear(&r->replay);
            csv_line(r, copy, k.len, k.dropped, k.lineno);
            free(copy);
            continue;
        }
        int g = read_line(r);
        if (g < 0)
            return -1;
        if (g > 0) {
            csv_line(r, r->line, r->line_len, r->line_dropped, r->lineno);
            continue;
        }
        if (r->fatal || r->pend.n == 0)
            break;
        /* The end of the input inside a record. */
        if (csv_fini(&r->csv, on_field, on_record, r) != 0) {
            fail_record(r, FAIL_OPEN_QUOTE, r->lineno, 0, NULL);
            continue;
        }
        if (r->record_done)
            record_end(r);
        csv_start(r);
    }
    if (r->oom) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* ---- JSON Lines ------------------------------------------------------------ */

static int jsonl_value(batch_reader *r, batch_row *row, const char *key, int col, int extra,
                       json_t *v)
{
    char num[32];
    const char *s = NULL;
    size_t n = 0;
    if (json_is_string(v)) {
        s = json_string_value(v);
        n = json_string_length(v);
    } else if (json_is_integer(v)) {
        n = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = num;
    } else if (json_is_boolean(v) && col == BATCH_COL_STATIC) {
        s = json_is_true(v) ? "yes" : "no";
        n = strlen(s);
    } else if (!json_is_null(v)) {
        set_bad(
            r, row, VQR_ERR_INVALID_ARGUMENT, key, col,
            col == BATCH_COL_STATIC
                ? (r->vi ? "dùng true, false hoặc một chuỗi" : "use true, false or a string")
                : (r->vi ? "dùng một chuỗi hoặc một số nguyên" : "use a string or a whole number"));
        return 0;
    }
    if (!s || !n)
        return 0;
    check_cell(r, row, key, col, s, n, true);
    if (row->bad_code)
        return 0;
    if (extra >= 0 && row->extra && !(row->extra[extra] = dup_n(s, n)))
        return -1;
    if (col != BATCH_COL_NONE && !(row->col[col] = dup_n(s, n)))
        return -1;
    return 0;
}

/* Static spellings of the JSON keys, for messages. */
static const char *key_spelling(const char *key)
{
    static const char *const keys[] = {
        "bank",        "account",       "card",          "merchant",       "amount",
        "purpose",     "bill",          "reference",     "name",           "city",
        "mcc",         "store",         "terminal",      "file",           "static",
        "bill_number", "merchant_name", "merchant_city", "account_number", "card_number"
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(keys[i], key) == 0)
            return keys[i];
    return NULL;
}

static int jsonl_fill(batch_reader *r)
{
    const batch_input_opts *opts = &r->opts;
    row_queue *q = &r->q;
    while (q->n == 0 && !r->fatal) {
        int g = read_line(r);
        if (g <= 0)
            return g;
        if (r->line_dropped) {
            batch_row *row = new_row(r, r->lineno, 1);
            if (!row)
                return -1;
            row->row = r->lineno;
            set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, NULL, BATCH_COL_NONE,
                    r->vi ? "dòng dài hơn %zu byte" : "the line is longer than %zu bytes",
                    BATCH_LINE_MAX);
            continue;
        }
        size_t len = content_len(r->line, r->line_len);
        if (is_blank(r->line, len))
            continue;
        batch_row *row = new_row(r, r->lineno, 1);
        if (!row)
            return -1;
        row->row = r->lineno;
        if (r->nextra) {
            row->extra = calloc(r->nextra, sizeof *row->extra);
            if (!row->extra)
                return -1;
            row->nextra = r->nextra;
        }
        json_error_t je;
        json_t *j = json_loadb(r->line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (!j || !json_is_object(j)) {
            if (j)
                set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, NULL, BATCH_COL_NONE,
                        r->vi ? "không phải một đối tượng JSON" : "not a JSON object");
            else
                set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, NULL, BATCH_COL_NONE,
                        r->vi ? "không phải một đối tượng JSON: %s, ở ký tự %d"
                              : "not a JSON object: %s, at character %d",
                        je.text, je.column);
            json_decref(j);
            continue;
        }
        const char *key;
        json_t *v;
        int status = 0;
        json_object_foreach(j, key, v)
        {
            size_t klen = strlen(key);
            int col = column_of(key, klen);
            int extra = -1;
            for (size_t e = 0; opts && e < opts->nextra; e++)
                if (strcmp(key, opts->extra[e]) == 0)
                    extra = (int)e;
            if (col == BATCH_COL_NONE && extra < 0) {
                warn_unknown(r, key, klen);
                continue;
            }
            const char *spelled = key_spelling(key);
            if (col != BATCH_COL_NONE) {
                if (row->name[col]) {
                    set_bad(r, row, VQR_ERR_INVALID_ARGUMENT, spelled, col,
                            r->vi ? "cùng nghĩa với khóa '%s'" : "the same field as the key '%s'",
                            row->name[col]);
                    break;
                }
                row->name[col] = spelled;
            }
            if (jsonl_value(r, row, spelled ? spelled : opts->extra[extra], col, extra, v) < 0) {
                status = -1;
                break;
            }
        }
        json_decref(j);
        if (status < 0) {
            errno = ENOMEM;
            return -1;
        }
        if (row->bad_code) {
            for (size_t i = 0; i < BATCH_NCOLS; i++) {
                free(row->col[i]);
                row->col[i] = NULL;
            }
        }
    }
    return 0;
}

/* ---- the reader ------------------------------------------------------------ */

static int open_common(const char *cmd, FILE *f, bool own, const char *name, batch_kind kind,
                       const batch_input_opts *opts, batch_reader **out)
{
    *out = NULL;
    batch_reader *r = calloc(1, sizeof *r);
    if (!r) {
        if (own)
            (void)fclose(f);
        if (cmd && !(opts && opts->quiet))
            cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    if (opts)
        r->opts = *opts;
    r->cmd = opts && opts->quiet ? NULL : cmd;
    r->vi = opts && opts->vi;
    r->name = name;
    r->kind = kind;
    r->f = f;
    r->own = own;
    r->size = -1;
    r->at_start = true;
    r->nextra = opts ? opts->nextra : 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
        r->size = (long long)st.st_size;
    *out = r;
    if (kind == BATCH_JSONL) {
        /* Only the first block, to refuse UTF-16 before any row. */
        if (fill_block(r) < 0) {
            int status = CLI_IO;
            if (r->cmd)
                status = cli_io_error(cmd, "cannot read", name);
            batch_reader_close(r);
            *out = NULL;
            return status;
        }
        if (r->fatal) {
            batch_reader_close(r);
            *out = NULL;
            return CLI_INVALID;
        }
        return CLI_OK;
    }
    csv_start(r);
    while (!r->header_done && !r->fatal) {
        if (csv_fill(r) < 0) {
            int e = errno;
            int status = CLI_IO;
            if (r->cmd) {
                errno = e;
                status = cli_io_error(cmd, "cannot read", name);
            }
            batch_reader_close(r);
            *out = NULL;
            return status;
        }
        if (r->eof && r->replay.n == 0 && !r->header_done)
            break;
    }
    if (!r->header_done && !r->fatal) {
        if (r->cmd)
            cli_error(cmd,
                      r->vi ? "%s: không có dòng tiêu đề (tệp rỗng)"
                            : "%s: no header row (the input is empty)",
                      name);
        r->fatal = CLI_INVALID;
    }
    if (r->fatal) {
        int status = r->fatal;
        batch_reader_close(r);
        *out = NULL;
        return status;
    }
    return CLI_OK;
}

int batch_reader_open_stream(const char *cmd, FILE *f, const char *name, batch_kind kind,
                             const batch_input_opts *opts, batch_reader **out)
{
    return open_common(cmd, f, false, name, kind, opts, out);
}

int batch_reader_open(const char *cmd, const char *path, batch_kind kind,
                      const batch_input_opts *opts, batch_reader **out)
{
    *out = NULL;
    if (strcmp(path, "-") == 0)
        return open_common(cmd, stdin, false, "standard input", kind, opts, out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return cli_io_error(cmd, "cannot open", path);
    return open_common(cmd, f, true, path, kind, opts, out);
}

int batch_reader_next(batch_reader *r, batch_row *row)
{
    row_queue *q = &r->q;
    int g = r->kind == BATCH_JSONL ? jsonl_fill(r) : csv_fill(r);
    if (g < 0)
        return -1;
    if (q->n == 0)
        return 0;
    *row = q->row[q->head++];
    if (--q->n == 0)
        q->head = 0;
    return 1;
}

double batch_reader_progress(const batch_reader *r)
{
    if (r->size <= 0)
        return -1;
    double f = (double)r->done / (double)r->size;
    return f > 1 ? 1 : f;
}

long long batch_reader_size(const batch_reader *r)
{
    return r->size;
}

size_t batch_reader_lines(const batch_reader *r)
{
    return r->lineno;
}

void batch_reader_header_span(const batch_reader *r, size_t *first, size_t *last)
{
    *first = r->header_first;
    *last = r->header_last;
}

void batch_reader_close(batch_reader *r)
{
    if (!r)
        return;
    row_queue *q = &r->q;
    if (r->csv_ready)
        csv_free(&r->csv);
    drop_fields(r);
    free(r->field);
    free(r->field_len);
    for (size_t i = 0; i < q->n; i++)
        batch_row_clear(&q->row[q->head + i]);
    free(q->row);
    for (size_t i = 0; i < r->ncols && r->hdr; i++)
        free(r->hdr[i]);
    free(r->hdr);
    free(r->map);
    free(r->extra_of);
    free(r->line);
    list_free(&r->pend);
    list_free(&r->replay);
    for (size_t i = 0; i < r->nwarned; i++)
        free(r->warned[i]);
    free(r->warned);
    if (r->own)
        (void)fclose(r->f);
    free(r);
}
