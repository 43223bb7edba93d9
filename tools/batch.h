/*
 * batch.h - the parts of `vietqr batch`: reading rows (batch_input.c),
 * the state of an output directory and its reports (batch_state.c), and
 * the command with its workers (cmd_batch.c).
 */
#ifndef VQR_CLI_BATCH_H
#define VQR_CLI_BATCH_H

#include "cli.h"

#include "atomic_file.h"

/*
 * Columns: the encode fields, then "file" (the output's base name) and
 * "static" (the row is meant to make a static code: no amount).
 */
#define BATCH_COL_FILE CLI_F_COUNT
#define BATCH_COL_STATIC (CLI_F_COUNT + 1)
#define BATCH_NCOLS (CLI_F_COUNT + 2)
#define BATCH_COL_NONE (-1)

/* Longest physical line read, and the most lines a quoted cell may span
 * (the fuzz target builds the reader with small ones to reach them). */
#ifndef BATCH_LINE_MAX
#define BATCH_LINE_MAX ((size_t)1 << 20)
#endif
#ifndef BATCH_RECORD_LINES
#define BATCH_RECORD_LINES 256
#endif

/* One input row: a CSV record after the header, or a JSON Lines line. */
typedef struct batch_row {
    size_t row;             /* 1-based row number */
    size_t line, nlines;    /* the physical lines it holds (1-based, header included) */
    char *col[BATCH_NCOLS]; /* malloc'd values, NULL when absent or empty */
    /* The column names as the input spells them ("Purpose", "bill_number"):
     * borrowed from the reader (or static), NULL when the column is absent. */
    const char *name[BATCH_NCOLS];
    char **extra; /* values of the extra columns asked for (NULL: absent) */
    size_t nextra;
    vqr_status bad_code; /* VQR_OK, or why the row cannot be used */
    char *bad_msg;       /* malloc'd message when bad_code is set */
    const char *bad_col; /* the column (as spelled) the fault is in, or NULL */
} batch_row;

void batch_row_clear(batch_row *r);

#ifdef VQR_HAVE_PRINT
/*
 * `vietqr batch --template`: the rows drawn as documents. The reader is
 * asked for the document's fields (cli_pfields[].column, optional: a
 * column overrides the run-wide value given as an option) and for the item
 * columns (--item-column, required), after --carry's columns; a name
 * --carry asks for already is read once.
 */
typedef struct batch_print {
    cli_print api;
    vqr_template t;
    vqr_print_options opt;
    const char *pdf;                       /* --pdf FILE, or NULL: one image per row */
    const char *text[CLI_P_COUNT];         /* run-wide values (--payer-code ...) */
    char *item_label[VQR_PRINT_ITEMS_MAX]; /* as shown on the document */
    size_t nitems;
    char *item_col[VQR_PRINT_ITEMS_MAX]; /* the item columns' names */
    /* where the reader puts each field's and each item's column in
     * batch_row.extra */
    size_t field_extra[CLI_P_COUNT];
    size_t item_extra[VQR_PRINT_ITEMS_MAX];
    /* options read before the library is opened */
    const char *paper, *font, *doc_title;
    double module_mm;
    unsigned flags;
} batch_print;
#endif

typedef enum batch_kind { BATCH_CSV, BATCH_JSONL } batch_kind;

typedef struct batch_reader batch_reader;

/* What the reader is asked for besides the known columns. */
typedef struct batch_input_opts {
    const char *const *extra; /* more column names to keep (case ignored) */
    size_t nextra;
    bool quiet; /* print nothing (warnings, header errors) */
    bool vi;    /* messages in Vietnamese */
    /* Per extra column, whether the input may lack it (NULL: none may; a
     * header without a required one is refused). */
    const bool *optional;
} batch_input_opts;

/*
 * Opens `path` ("-" is standard input) as CSV (RFC 4180, with a header row
 * naming the columns; a UTF-8 byte order mark is skipped) or JSON Lines
 * (one object per line). Returns CLI_OK, CLI_INVALID (no header, no bank
 * column, a repeated column, UTF-16 input) or CLI_IO, with the message
 * printed. `opts` may be NULL.
 *
 * Every physical line ends in exactly one row or is blank: CSV records
 * become rows in order; a record that cannot be read (a quote that is never
 * closed, text after a closing quote, a quoted cell spanning more than
 * BATCH_RECORD_LINES lines, a line over BATCH_LINE_MAX bytes) rejects the
 * row of its first line, and reading starts again at the next line. Rows
 * with fewer or more cells than the header, a NUL byte in any cell, or a
 * control character in a cell that is used come back rejected with the
 * column named.
 */
int batch_reader_open(const char *cmd, const char *path, batch_kind kind,
                      const batch_input_opts *opts, batch_reader **out);
/* The same on an open stream, which the reader does not close. */
int batch_reader_open_stream(const char *cmd, FILE *f, const char *name, batch_kind kind,
                             const batch_input_opts *opts, batch_reader **out);
/* The next row: 1, 0 at the end, -1 on a read error (errno set). A row
 * that cannot be used comes back with bad_code set. */
int batch_reader_next(batch_reader *r, batch_row *row);
/* Fraction of the input read so far (0-1), or -1 when the size is unknown. */
double batch_reader_progress(const batch_reader *r);
/* The input's size in bytes, or -1 when unknown (a pipe). */
long long batch_reader_size(const batch_reader *r);
/* Physical lines read so far (the header's included). */
size_t batch_reader_lines(const batch_reader *r);
/* The physical lines of the CSV header (0 and 0 for JSON Lines). */
void batch_reader_header_span(const batch_reader *r, size_t *first, size_t *last);
/* "column" (CSV) or "key" (JSON Lines): what a row's names are. */
const char *batch_reader_unit(const batch_reader *r);
void batch_reader_close(batch_reader *r);

/* ---- batch_state.c ---- */

#define BATCH_SHA_LEN 32
#define BATCH_SHA_HEX 64 /* its hex digits */

void batch_sha256(const void *data, size_t len, unsigned char out[BATCH_SHA_LEN]);
void batch_sha256_hex(const unsigned char sha[BATCH_SHA_LEN], char out[BATCH_SHA_HEX + 1]);
/* The record key of a row's output: SHA-256 of the file name, a NUL and the payload. */
void batch_key(const char *file, const char *payload, size_t len, unsigned char out[BATCH_SHA_LEN]);

/*
 * The output directory. A run holds an exclusive lock on it (flock on the
 * directory itself) from start to end, so a second batch into the same
 * directory fails at once. Every file is written through the one atomic
 * writer (support/atomic_file.h): a temporary file "NAME.<16 random hex
 * digits>.tmp" created O_EXCL | O_NOFOLLOW | O_CLOEXEC beside its target,
 * made durable and renamed over it; what is there and is not a regular file
 * is refused. Temporary files of this pattern that a killed run left are
 * removed at the start.
 */
typedef struct batch_dir {
    const char *path;
    int fd; /* the directory, open and locked */
} batch_dir;

/* Creates DIR when missing, opens and locks it, and removes the temporary
 * files an interrupted run left (*leftovers counts them). Returns CLI_OK or
 * CLI_IO with the message printed (another batch holds the lock). */
int batch_dir_open(const char *cmd, const char *path, batch_dir *d, size_t *leftovers);
/* Makes the data of every file written into the directory so far durable
 * (syncfs on Linux), or, with `dir_only`, the renames done in it. */
int batch_dir_sync(const batch_dir *d, bool dir_only);
void batch_dir_close(batch_dir *d);

/* What an earlier run wrote, read back from its manifest. */
typedef struct batch_rec {
    size_t row;
    char *file; /* the output's name */
    unsigned char key[BATCH_SHA_LEN];
    unsigned char sha[BATCH_SHA_LEN];
} batch_rec;

typedef struct batch_prev {
    batch_rec *rec; /* in ascending order of row, each row at most once */
    size_t n, cap;
    size_t *by_file;  /* open-addressing index of rec by file name (SIZE_MAX: empty) */
    size_t file_cap;  /* slots of by_file, a power of two */
    bool usable;      /* made with the same settings: a matching record skips a row */
    bool unreadable;  /* a manifest is there but cannot be read: it may name any file */
    bool interrupted; /* batch.json says the run that wrote it did not finish */
} batch_prev;

/*
 * Reads DIR/manifest.csv, and whether DIR/batch.json holds `settings` (the
 * same format, drawing options and library version): only then may its
 * records skip rows (`usable`); either way they say which images the
 * manifest on disk describes. Records are found by the header's names, so
 * columns may be added. A record naming a row the input cannot hold (past
 * `input_size` bytes when known) or a row named twice is left out: numbers
 * read back never decide how much memory is used. Returns CLI_OK, or CLI_IO
 * (a report path that is not a regular file, out of memory), with the
 * message printed.
 */
int batch_prev_load(const char *cmd, const char *dir, const struct json_t *settings,
                    long long input_size, batch_prev *prev);
/* The earlier record of `row` when it has key `key` and may skip it, else NULL. */
const batch_rec *batch_prev_find(const batch_prev *prev, size_t row,
                                 const unsigned char key[BATCH_SHA_LEN]);
/* The earlier record naming output `file`, or NULL. */
const batch_rec *batch_prev_by_file(const batch_prev *prev, const char *file);
void batch_prev_free(batch_prev *prev);

/* Whether `name` is one the batch gives its images: letters, digits, '.',
 * '_' and '-', not starting with '.', ending in ".png" or ".svg". */
bool batch_output_name_ok(const char *name);

/*
 * Opens an existing file of the output directory for reading, without
 * following a symbolic link and without blocking on a FIFO. Returns the
 * descriptor, BATCH_ABSENT, BATCH_NOT_REGULAR (a symbolic link, FIFO,
 * device, socket or directory is there; *what names it when `what` is not
 * NULL) or BATCH_OPEN_ERROR (errno set).
 */
#define BATCH_ABSENT (-1)
#define BATCH_NOT_REGULAR (-2)
#define BATCH_OPEN_ERROR (-3)
int batch_open_existing(const char *path, const char **what);

/* A report written beside the images: manifest.csv or rejects.csv. */
typedef struct batch_report {
    FILE *f;    /* stdio over af.fd */
    vqr_af af;  /* the temporary file (support/atomic_file.h); af.tmp its path */
    char *path; /* where it goes */
} batch_report;

/* Opens a temporary file for DIR/name and writes the header fields. */
int batch_report_open(const char *cmd, const char *dir, const char *name, const char *const *header,
                      size_t n, batch_report *rep);
/* Writes one CSV record (RFC 4180 quoting). Returns 0 or -1. */
int batch_report_row(batch_report *rep, const char *const *fields, size_t n);
/*
 * Replaces the report's target with what is written so far, and goes on
 * writing: the manifest on disk then describes exactly the rows recorded
 * up to now. Returns CLI_OK or CLI_IO.
 */
int batch_report_checkpoint(const char *cmd, batch_report *rep);
/*
 * Finishes a report: when its bytes equal the file already there, the
 * temporary file is removed and nothing changes; otherwise it replaces
 * it. *changed says which. Returns CLI_OK or CLI_IO.
 */
int batch_report_commit(const char *cmd, batch_report *rep, bool *changed);
void batch_report_abort(batch_report *rep);

/* Writes `text` to DIR/name unless the file already holds exactly it. */
int batch_write_if_changed(const char *cmd, const char *dir, const char *name, const char *text,
                           bool *changed);

/*
 * Compares `len` bytes with the file at `path`: 1 equal, 0 different or
 * absent, -1 read error (errno set), BATCH_NOT_REGULAR when something other
 * than a regular file is there. With `sha`, the file's SHA-256 is compared
 * instead.
 */
int batch_file_equals(const char *path, const void *data, size_t len);
int batch_file_sha_equals(const char *path, const unsigned char sha[BATCH_SHA_LEN]);

/* Output names already given, with their rows. Zero-initialise. */
typedef struct batch_names {
    size_t cap, used;
    char **name;
    size_t *row;
} batch_names;

/* Adds `name` for `row`: returns 0, the row that has it already, or
 * SIZE_MAX when out of memory. */
size_t batch_name_add(batch_names *s, const char *name, size_t row);
/* The row that has `name`, or 0. */
size_t batch_name_find(const batch_names *s, const char *name);
void batch_name_free(batch_names *s);

#endif /* VQR_CLI_BATCH_H */
