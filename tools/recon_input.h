/*
 * recon_input.h - what `vietqr reconcile` reads: the issued references (a
 * batch manifest or any CSV with reference and amount columns) and the
 * bank transactions (a statement exported as CSV, or JSON Lines of SePay
 * or Casso webhook events). recon_input.c.
 */
#ifndef VQR_RECON_INPUT_H
#define VQR_RECON_INPUT_H

#include "cli.h"

#include <stdint.h>

/* A cell: `n` bytes at `s` (not NUL-terminated). */
typedef struct rc_cell {
    const char *s;
    size_t n;
} rc_cell;

/* ---- issued references ---- */

typedef struct rc_issued_row {
    size_t row; /* 1-based row of the file, the header being row 1 */
    rc_cell reference;
    rc_cell amount;
    const rc_cell *carry; /* the --carry columns, in the order named */
} rc_issued_row;

/* Called for each data row; returns CLI_OK to go on, else stops with it. */
typedef int (*rc_issued_fn)(void *ctx, const rc_issued_row *row);

/*
 * Reads ISSUED (CSV, any delimiter of , ; or tab, UTF-8 with or without a
 * BOM): the header names `reference` and `amount` (any case; "mã tham
 * chiếu" and "số tiền" too) and every column of `carry`. Returns CLI_OK,
 * or CLI_INVALID / CLI_IO with the problem printed.
 */
int rc_read_issued(const char *cmd, const char *path, char *const *carry, size_t ncarry,
                   rc_issued_fn fn, void *ctx);

/* ---- transactions ---- */

typedef enum rc_format { RC_FORMAT_AUTO = 0, RC_FORMAT_CSV, RC_FORMAT_JSONL } rc_format;

/* Columns of a statement; the --map keys. */
enum { RC_ID, RC_DATE, RC_AMOUNT, RC_CREDIT, RC_DEBIT, RC_MEMO, RC_NCOLS };

/* --map: the header name chosen for each column, or NULL to find it. */
typedef struct rc_map {
    const char *name[RC_NCOLS];
} rc_map;

/* Parses "id=...,date=...,amount=...,memo=..." (also credit=, debit=)
 * into `map`, pointing into `spec` (which it changes). CLI_OK or a usage
 * error printed. */
int rc_map_parse(const char *cmd, char *spec, rc_map *map);

typedef struct rc_tx_row {
    size_t row;   /* CSV: 1-based row; JSON Lines: line */
    size_t entry; /* JSON Lines: 1-based entry in a Casso "data" list, else 0 */
    bool jsonl;   /* read from JSON Lines: `row` is a line */
    rc_cell id;   /* for a CSV without an ID column: the row number */
    rc_cell date;
    int64_t amount;
    rc_cell memo;
} rc_tx_row;

typedef int (*rc_tx_fn)(void *ctx, const rc_tx_row *row);

/* What reading a statement skipped. */
typedef struct rc_tx_stats {
    size_t preamble; /* CSV rows before the header */
    size_t skipped;  /* CSV rows without a date (totals, notes) */
    bool row_ids;    /* the CSV has no ID column: row numbers stand for IDs */
} rc_tx_stats;

/*
 * Reads TX and calls `fn` for each transaction, in file order.
 *  - CSV: the header is the first row (of the first 20) that names a
 *    date, an amount (or credit and debit) and a description column, by
 *    `map` or by their usual names in English and Vietnamese; amounts as
 *    banks write them (vqr_recon_amount_parse); amount = credit - debit
 *    when the statement splits them.
 *  - JSON Lines: one SePay event (id, transactionDate, content,
 *    transferType, transferAmount) or Casso transaction (id, when,
 *    description, amount) per line, or a Casso webhook body whose "data"
 *    lists them.
 * Returns CLI_OK, or CLI_INVALID / CLI_IO with the problem printed.
 */
int rc_read_transactions(const char *cmd, const char *path, rc_format fmt, const rc_map *map,
                         rc_tx_fn fn, void *ctx, rc_tx_stats *stats);

#endif /* VQR_RECON_INPUT_H */
