/*
 * batch.h - the parts of `vietqr batch`: reading rows (batch_input.c),
 * the state of an output directory and its reports (batch_state.c), and
 * the command with its workers (cmd_batch.c).
 */
#ifndef VQR_CLI_BATCH_H
#define VQR_CLI_BATCH_H

#include "cli.h"

#include "atomic_file.h"

/* Columns: the encode fields, then "file" (the output's base name). */
#define BATCH_COL_FILE CLI_F_COUNT
#define BATCH_NCOLS (CLI_F_COUNT + 1)

/* One input row. */
typedef struct batch_row {
    size_t row;             /* 1-based: CSV record after the header, JSONL line */
    char *col[BATCH_NCOLS]; /* malloc'd values, NULL when absent */
    vqr_status bad_code;    /* VQR_OK, or why the row could not be read */
    char *bad_msg;          /* malloc'd message when bad_code is set */
} batch_row;

void batch_row_clear(batch_row *r);

typedef enum batch_kind { BATCH_CSV, BATCH_JSONL } batch_kind;

typedef struct batch_reader batch_reader;

/*
 * Opens `path` ("-" is standard input) as CSV (RFC 4180, with a header row
 * naming the columns; a UTF-8 byte order mark is skipped) or JSON Lines
 * (one object per line). Returns CLI_OK, CLI_INVALID (no header, no bank
 * column, a repeated column) or CLI_IO, with the message printed.
 */
int batch_reader_open(const char *cmd, const char *path, batch_kind kind, batch_reader **out);
/* The next row: 1, 0 at the end, -1 on a read error (errno set). A row
 * that cannot be read (CSV syntax, JSON) comes back with bad_code set; the
 * reading goes on with the next line. */
int batch_reader_next(batch_reader *r, batch_row *row);
/* Fraction of the input read so far (0-1), or -1 when the size is unknown. */
double batch_reader_progress(const batch_reader *r);
void batch_reader_close(batch_reader *r);

/* ---- batch_state.c ---- */

#define BATCH_SHA_LEN 32
#define BATCH_SHA_HEX 64 /* its hex digits */

void batch_sha256(const void *data, size_t len, unsigned char out[BATCH_SHA_LEN]);
void batch_sha256_hex(const unsigned char sha[BATCH_SHA_LEN], char out[BATCH_SHA_HEX + 1]);
/* The record key of a row's output: SHA-256 of the file name, a NUL and the payload. */
void batch_key(const char *file, const char *payload, size_t len, unsigned char out[BATCH_SHA_LEN]);

/* What an earlier run wrote, read back from its manifest. */
typedef struct batch_prev {
    size_t cap; /* rows 1..cap-1 may have a record */
    struct batch_rec {
        bool set;
        unsigned char key[BATCH_SHA_LEN];
        unsigned char sha[BATCH_SHA_LEN];
    } * rec;
} batch_prev;

/*
 * Reads DIR/manifest.csv when DIR/batch.json holds `settings` (the same
 * format, drawing options and library version); otherwise leaves `prev`
 * empty. Returns CLI_OK or CLI_IO.
 */
int batch_prev_load(const char *cmd, const char *dir, const char *settings, batch_prev *prev);
/* The earlier record of `row` when it has key `key`, else NULL. */
const struct batch_rec *batch_prev_find(const batch_prev *prev, size_t row,
                                        const unsigned char key[BATCH_SHA_LEN]);
void batch_prev_free(batch_prev *prev);

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
 * absent, -1 read error. With `sha`, the file's SHA-256 is compared instead.
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
void batch_name_free(batch_names *s);

#endif /* VQR_CLI_BATCH_H */
