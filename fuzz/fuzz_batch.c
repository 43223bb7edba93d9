/*
 * fuzz_batch.c - the row reader of `vietqr batch` (tools/batch_input.c) on
 * arbitrary CSV and JSON Lines.
 *
 * Input: one flags byte (bit 0: JSON Lines instead of CSV; bit 1: ask for
 * two extra columns, "note" and "class", as --carry would), then the file.
 * Checks, besides the sanitizers (a leak included):
 *  - the reader never fails but for memory, and an input it refuses as a
 *    whole (no header, no bank column, UTF-16) yields no row;
 *  - nothing is lost: CSV rows are numbered 1, 2, 3, ...; their physical
 *    lines (LF, CR LF and a lone CR end a line, as an independent split of
 *    the input finds them) follow each other without overlap, after the
 *    header's, and every line that is not blank belongs to the header or to
 *    exactly one row; JSON Lines rows are the lines that are not blank, by
 *    line number;
 *  - a row that is not rejected holds no empty value and no control
 *    character (C0, DEL, C1) in any value, kept or extra; a rejected row
 *    has a message that names its code, and a column only when it has one.
 */
#include "fuzz.h"

#include "batch.h"

#include <string.h>

/* The physical lines of `s` as the reader must see them: blank[i] for line
 * i + 1. Returns the number of lines. */
static size_t split_lines(const unsigned char *s, size_t len, bool cr_ends, bool *blank, size_t cap)
{
    size_t n = 0, i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        bool only_space = true;
        while (i < len && s[i] != '\n' && !(cr_ends && s[i] == '\r')) {
            if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
                only_space = false;
            i++;
        }
        if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
            i++;
        if (i < len)
            i++;
        FUZZ_CHECK(n < cap);
        blank[n++] = only_space;
    }
    return n;
}

static bool has_control(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; u[i]; i++) {
        if (u[i] < 0x20 || u[i] == 0x7F)
            return true;
        if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
            return true;
    }
    return false;
}

static void check_row(const batch_row *row)
{
    if (row->bad_code != VQR_OK) {
        FUZZ_CHECK(row->bad_msg != NULL);
        FUZZ_CHECK(strstr(row->bad_msg, vqr_status_name(row->bad_code)) != NULL);
        for (size_t c = 0; c < BATCH_NCOLS; c++)
            FUZZ_CHECK(row->col[c] == NULL);
        return;
    }
    FUZZ_CHECK(row->bad_msg == NULL && row->bad_col == NULL);
    for (size_t c = 0; c < BATCH_NCOLS; c++) {
        if (!row->col[c])
            continue;
        FUZZ_CHECK(row->col[c][0] != '\0');
        FUZZ_CHECK(!has_control(row->col[c]));
        FUZZ_CHECK(row->name[c] != NULL);
    }
    for (size_t e = 0; e < row->nextra; e++)
        FUZZ_CHECK(!row->extra[e] || (row->extra[e][0] && !has_control(row->extra[e])));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    const bool jsonl = data[0] & 1;
    static const char *const extra[] = { "note", "class" };
    batch_input_opts opts = { extra, (data[0] & 2) ? 2 : 0, true, false, NULL };
    const unsigned char *text = data + 1;
    size_t len = size - 1;

    bool *blank = malloc(len + 1);
    bool *seen = calloc(len + 1, sizeof *seen);
    FUZZ_CHECK(blank && seen);
    size_t nlines = split_lines(text, len, !jsonl, blank, len + 1);

    /* fmemopen cannot open an empty buffer: give it one byte it never reads. */
    char one = 0;
    FILE *f = fmemopen(len ? (void *)text : &one, len ? len : 1, "rb");
    FUZZ_CHECK(f != NULL);
    if (!len)
        (void)fgetc(f);
    batch_reader *r = NULL;
    int st = batch_reader_open_stream(NULL, f, "fuzz", jsonl ? BATCH_JSONL : BATCH_CSV, &opts, &r);
    FUZZ_CHECK(st == CLI_OK || st == CLI_INVALID);
    if (st != CLI_OK) {
        FUZZ_CHECK(r == NULL);
        goto out;
    }
    size_t first = 0, last = 0, rows = 0, next_line = 1;
    batch_reader_header_span(r, &first, &last);
    if (!jsonl) {
        FUZZ_CHECK(first >= 1 && first <= last && last <= nlines);
        for (size_t l = first; l <= last; l++)
            seen[l] = true;
        next_line = last + 1;
    }
    for (;;) {
        batch_row row;
        memset(&row, 0xAB, sizeof row);
        int g = batch_reader_next(r, &row);
        FUZZ_CHECK(g == 0 || g == 1);
        if (g == 0)
            break;
        rows++;
        check_row(&row);
        FUZZ_CHECK(row.nlines >= 1 && row.line >= next_line);
        FUZZ_CHECK(row.line + row.nlines - 1 <= nlines);
        if (jsonl) {
            FUZZ_CHECK(row.row == row.line && row.nlines == 1);
        } else {
            FUZZ_CHECK(row.row == rows);
            for (size_t l = next_line; l < row.line; l++)
                FUZZ_CHECK(blank[l - 1]); /* only blank lines are passed over */
        }
        for (size_t l = row.line; l < row.line + row.nlines; l++) {
            FUZZ_CHECK(!seen[l]);
            seen[l] = true;
        }
        next_line = row.line + row.nlines;
        batch_row_clear(&row);
    }
    for (size_t l = 1; l <= nlines; l++)
        FUZZ_CHECK(seen[l] || blank[l - 1]);
    batch_reader_close(r);
out:
    (void)fclose(f);
    free(blank);
    free(seen);
    return 0;
}
