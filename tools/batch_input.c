/*
 * batch_input.c - the rows of `vietqr batch`: CSV read with libcsv
 * (RFC 4180: quoted fields may hold commas, quotes and line breaks; bytes
 * pass through, so UTF-8 text is kept as is) and JSON Lines read with
 * jansson. A row that cannot be read becomes a rejected row, and reading
 * goes on: a CSV syntax error skips to the next line.
 */
#include "batch.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BLOCK 65536

struct batch_reader {
    const char *cmd;
    batch_kind kind;
    FILE *f;
    bool own;
    long long size, done;
    size_t next_row;
    int fatal; /* CLI status of a header problem */
    /* CSV */
    struct csv_parser csv;
    bool header_done, skipping, at_start, finished;
    int *map; /* column -> field, -1 ignored */
    size_t ncols;
    char **fields; /* the record being read */
    size_t nfields, capfields;
    batch_row *queue; /* rows read, not yet returned */
    size_t qhead, qlen, qcap;
    char buf[BLOCK];
    size_t buf_len, buf_pos;
    /* JSONL */
    char *line;
    size_t linecap, lineno;
    char **warned; /* unknown keys already reported */
    size_t nwarned;
};

void batch_row_clear(batch_row *r)
{
    for (size_t i = 0; i < BATCH_NCOLS; i++) {
        free(r->col[i]);
        r->col[i] = NULL;
    }
    free(r->bad_msg);
    r->bad_msg = NULL;
    r->bad_code = VQR_OK;
    r->row = 0;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* The column a header name stands for: a field, "file", or -1. */
static int column_of(const char *name, size_t len)
{
    static const struct {
        const char *alias;
        int col;
    } aliases[] = {
        { "file", BATCH_COL_FILE },          { "bill_number", CLI_F_BILL },
        { "merchant_name", CLI_F_NAME },     { "merchant_city", CLI_F_CITY },
        { "account_number", CLI_F_ACCOUNT }, { "card_number", CLI_F_CARD },
    };
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strlen(aliases[i].alias) == len && memcmp(aliases[i].alias, name, len) == 0)
            return aliases[i].col;
    return cli_field_by_key(name, len);
}

static void warn_unknown(batch_reader *r, const char *name, size_t len)
{
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
    cli_error(r->cmd,
              "ignoring the column '%.*s' (not one of bank, account, card, merchant, "
              "amount, purpose, bill, reference, name, city, mcc, store, terminal, file)",
              (int)len, name);
}

/* ---- CSV ---------------------------------------------------------------- */

static batch_row *push_row(batch_reader *r)
{
    if (r->qhead + r->qlen == r->qcap) {
        if (r->qhead > 0) {
            memmove(r->queue, r->queue + r->qhead, r->qlen * sizeof *r->queue);
            r->qhead = 0;
        } else {
            size_t cap = r->qcap ? r->qcap * 2 : 64;
            batch_row *q = realloc(r->queue, cap * sizeof *q);
            if (!q)
                return NULL;
            r->queue = q;
            r->qcap = cap;
        }
    }
    batch_row *row = &r->queue[r->qhead + r->qlen++];
    memset(row, 0, sizeof *row);
    row->row = ++r->next_row;
    return row;
}

static void drop_fields(batch_reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    r->nfields = 0;
}

static void bad_row(batch_reader *r, vqr_status code, const char *msg)
{
    batch_row *row = push_row(r);
    if (!row)
        return;
    row->bad_code = code;
    row->bad_msg = dup_n(msg, strlen(msg));
}

static void on_field(void *s, size_t len, void *data)
{
    batch_reader *r = data;
    if (r->nfields == r->capfields) {
        size_t cap = r->capfields ? r->capfields * 2 : 16;
        char **f = realloc(r->fields, cap * sizeof *f);
        if (!f)
            return;
        r->fields = f;
        r->capfields = cap;
    }
    r->fields[r->nfields++] = dup_n(s ? (const char *)s : "", s ? len : 0);
}

static void header(batch_reader *r)
{
    r->map = calloc(r->nfields ? r->nfields : 1, sizeof *r->map);
    r->ncols = r->nfields;
    bool seen[BATCH_NCOLS] = { false };
    for (size_t i = 0; r->map && i < r->nfields; i++) {
        char *name = r->fields[i];
        if (!name) {
            r->fatal = CLI_IO;
            break;
        }
        /* Trim spaces and ignore case. */
        size_t len = strlen(name);
        while (len && name[len - 1] == ' ')
            name[--len] = '\0';
        while (*name == ' ') {
            name++;
            len--;
        }
        for (char *c = name; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        int col = column_of(name, len);
        r->map[i] = col;
        if (col < 0) {
            warn_unknown(r, name, len);
        } else if (seen[col]) {
            cli_error(r->cmd, "the header names the column '%s' twice", name);
            r->fatal = CLI_INVALID;
        } else {
            seen[col] = true;
        }
    }
    if (!r->map)
        r->fatal = CLI_IO;
    else if (!r->fatal && !seen[CLI_F_BANK]) {
        cli_error(r->cmd, "the header has no 'bank' column (columns are named like encode's "
                          "options: bank, account, amount, purpose, ...)");
        r->fatal = CLI_INVALID;
    }
    r->header_done = true;
}

static void on_record(int c, void *data)
{
    batch_reader *r = data;
    (void)c;
    if (!r->header_done) {
        header(r);
        drop_fields(r);
        return;
    }
    batch_row *row = push_row(r);
    if (!row) {
        drop_fields(r);
        return;
    }
    if (r->nfields > r->ncols) {
        char msg[160];
        (void)snprintf(msg, sizeof msg, "the row has %zu fields, the header %zu", r->nfields,
                       r->ncols);
        row->bad_code = VQR_ERR_INVALID_ARGUMENT;
        row->bad_msg = dup_n(msg, strlen(msg));
        drop_fields(r);
        return;
    }
    for (size_t i = 0; i < r->nfields; i++) {
        int col = r->map[i];
        if (col >= 0 && r->fields[i] && r->fields[i][0]) {
            row->col[col] = r->fields[i];
            r->fields[i] = NULL;
        }
    }
    drop_fields(r);
}

static int nospace(unsigned char c)
{
    (void)c;
    return 0;
}

static void csv_start(batch_reader *r)
{
    csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_space_func(&r->csv, nospace); /* keep spaces: they are data */
}

/* Parses until a row is queued or the input ends. 0 ok, -1 read error. */
static int csv_fill(batch_reader *r)
{
    while (r->qlen == 0 && !r->finished && !r->fatal) {
        if (r->buf_pos == r->buf_len) {
            size_t n = fread(r->buf, 1, BLOCK, r->f);
            if (n == 0) {
                if (ferror(r->f))
                    return -1;
                if (csv_fini(&r->csv, on_field, on_record, r) != 0) {
                    drop_fields(r);
                    bad_row(r, VQR_ERR_INVALID_ARGUMENT,
                            "CSV syntax: a quoted field is not closed before the end of the input");
                }
                r->finished = true;
                break;
            }
            r->done += (long long)n;
            r->buf_len = n;
            r->buf_pos = 0;
            if (r->at_start) {
                r->at_start = false;
                if (n >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
                    r->buf_pos = 3;
            }
        }
        if (r->skipping) {
            char *nl = memchr(r->buf + r->buf_pos, '\n', r->buf_len - r->buf_pos);
            if (!nl) {
                r->buf_pos = r->buf_len;
                continue;
            }
            r->buf_pos = (size_t)(nl - r->buf) + 1;
            r->skipping = false;
        }
        size_t left = r->buf_len - r->buf_pos;
        size_t used = csv_parse(&r->csv, r->buf + r->buf_pos, left, on_field, on_record, r);
        if (used == left) {
            r->buf_pos = r->buf_len;
            continue;
        }
        /* A syntax error: the record is rejected, reading resumes after the
         * end of the line it is on. */
        r->buf_pos += used;
        drop_fields(r);
        if (!r->header_done) {
            cli_error(r->cmd, "CSV syntax error in the header");
            r->fatal = CLI_INVALID;
            break;
        }
        bad_row(r, VQR_ERR_INVALID_ARGUMENT,
                "CSV syntax: a quote inside a field that is not quoted as a whole, or text after "
                "a closing quote");
        csv_free(&r->csv);
        csv_start(r);
        r->skipping = true;
    }
    return 0;
}

/* ---- JSON Lines ------------------------------------------------------- */

static int jsonl_next(batch_reader *r, batch_row *row)
{
    for (;;) {
        size_t len;
        int g = cli_read_line(r->f, &r->line, &r->linecap, &len);
        if (g <= 0)
            return g;
        r->lineno++;
        r->done += (long long)len + 1;
        size_t i = 0;
        while (i < len && (r->line[i] == ' ' || r->line[i] == '\t'))
            i++;
        if (i == len)
            continue;
        memset(row, 0, sizeof *row);
        row->row = r->lineno;
        json_error_t je;
        json_t *j = json_loadb(r->line, len, JSON_REJECT_DUPLICATES, &je);
        char msg[320];
        if (!j || !json_is_object(j)) {
            (void)snprintf(msg, sizeof msg, "not a JSON object%s%s", j ? "" : ": ",
                           j ? "" : je.text);
            json_decref(j);
            row->bad_code = VQR_ERR_INVALID_ARGUMENT;
            row->bad_msg = dup_n(msg, strlen(msg));
            return 1;
        }
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v)
        {
            int col = column_of(key, strlen(key));
            if (col < 0) {
                warn_unknown(r, key, strlen(key));
                continue;
            }
            char num[32];
            const char *s = NULL;
            size_t n = 0;
            if (json_is_string(v)) {
                s = json_string_value(v);
                n = json_string_length(v);
            } else if (json_is_integer(v)) {
                n = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                                     json_integer_value(v));
                s = num;
            } else if (!json_is_null(v)) {
                (void)snprintf(msg, sizeof msg, "%s: use a string or a whole number", key);
                row->bad_code = VQR_ERR_INVALID_ARGUMENT;
                row->bad_msg = dup_n(msg, strlen(msg));
                break;
            }
            if (s && n && !(row->col[col] = dup_n(s, n))) {
                json_decref(j);
                errno = ENOMEM;
                return -1;
            }
        }
        json_decref(j);
        return 1;
    }
}

/* ---- the reader ------------------------------------------------------- */

int batch_reader_open(const char *cmd, const char *path, batch_kind kind, batch_reader **out)
{
    batch_reader *r = calloc(1, sizeof *r);
    if (!r) {
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    r->cmd = cmd;
    r->kind = kind;
    r->size = -1;
    r->at_start = true;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        if (!r->f) {
            free(r);
            return cli_io_error(cmd, "cannot open", path);
        }
        r->own = true;
        struct stat st;
        if (fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode))
            r->size = (long long)st.st_size;
    }
    *out = r;
    if (kind == BATCH_CSV) {
        csv_start(r);
        while (!r->header_done && !r->finished && !r->fatal)
            if (csv_fill(r) < 0) {
                int st = cli_io_error(cmd, "cannot read", path);
                batch_reader_close(r);
                *out = NULL;
                return st;
            }
        if (!r->header_done && !r->fatal) {
            cli_error(cmd, "%s: no header row (the input is empty)", path);
            r->fatal = CLI_INVALID;
        }
        if (r->fatal) {
            int st = r->fatal;
            batch_reader_close(r);
            *out = NULL;
            return st;
        }
    }
    return CLI_OK;
}

int batch_reader_next(batch_reader *r, batch_row *row)
{
    if (r->kind == BATCH_JSONL)
        return jsonl_next(r, row);
    if (csv_fill(r) < 0)
        return -1;
    if (r->qlen == 0)
        return 0;
    *row = r->queue[r->qhead++];
    if (--r->qlen == 0)
        r->qhead = 0;
    return 1;
}

double batch_reader_progress(const batch_reader *r)
{
    if (r->size <= 0)
        return -1;
    double f = (double)r->done / (double)r->size;
    return f > 1 ? 1 : f;
}

void batch_reader_close(batch_reader *r)
{
    if (!r)
        return;
    if (r->kind == BATCH_CSV)
        csv_free(&r->csv);
    drop_fields(r);
    free(r->fields);
    for (size_t i = 0; i < r->qlen; i++)
        batch_row_clear(&r->queue[r->qhead + i]);
    free(r->queue);
    free(r->map);
    free(r->line);
    for (size_t i = 0; i < r->nwarned; i++)
        free(r->warned[i]);
    free(r->warned);
    if (r->own)
        (void)fclose(r->f);
    free(r);
}
