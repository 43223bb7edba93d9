/*
 * cli.h - declarations shared by the files of the vietqr command-line tool.
 *
 * The tool uses only the public header vietqr.h. Every subcommand returns
 * one of the exit codes below, and every one of them answers --help.
 */
#ifndef VQR_CLI_H
#define VQR_CLI_H

#include "vietqr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes, the same for every subcommand. */
enum {
    CLI_OK = 0,      /* success */
    CLI_INVALID = 1, /* invalid input (a payload, a row, a field) */
    CLI_USAGE = 2,   /* bad command line */
    CLI_IO = 3       /* a file could not be read or written */
};

/* ---- subcommands (one file each) ---- */
int cmd_encode(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_banks(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_restamp(int argc, char **argv);
int cmd_reconcile(int argc, char **argv);
int cmd_words(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_serve(int argc, char **argv);
#ifdef VQR_HAVE_PRINT
/* cmd_print.c: documents through libvietqr-print (when it is built) */
int cmd_card(int argc, char **argv);
int cmd_notice(int argc, char **argv);
int cmd_receipt(int argc, char **argv);
int cmd_sticker(int argc, char **argv);

#include "vietqr-print.h"

/* print_api.c: libvietqr-print's functions, opened with dlopen() when a
 * command draws a document (the tool does not link it). */
typedef struct cli_print {
    void *handle;
    vqr_status (*options_init)(vqr_print_options *, size_t, vqr_error *);
    vqr_status (*fields_init)(vqr_print_fields *, size_t, vqr_error *);
    vqr_status (*template_find)(const char *, size_t, vqr_template *, vqr_error *);
    const char *(*template_name)(vqr_template);
    vqr_status (*doc_new)(const vqr_print_options *, const vqr_allocator *, vqr_print_write_fn,
                          void *, vqr_print_doc **, vqr_error *);
    vqr_status (*doc_add)(vqr_print_doc *, vqr_template, const vqr_print_fields *, vqr_error *);
    size_t (*doc_pages)(const vqr_print_doc *);
    size_t (*doc_count)(const vqr_print_doc *);
    vqr_status (*doc_finish)(vqr_print_doc *, unsigned char **, size_t *, vqr_error *);
    void (*doc_free)(vqr_print_doc *);
    /* for `vietqr serve`: */
    vqr_status (*init)(const char *, vqr_error *);
    vqr_status (*render)(vqr_template, const vqr_print_fields *, const vqr_print_options *,
                         const vqr_allocator *, unsigned char **, size_t *, vqr_error *);
    /* for `vietqr batch --pdf`: */
    vqr_status (*measure)(vqr_template, const vqr_print_fields *, const vqr_print_options *,
                          vqr_print_layout **, vqr_error *);
    vqr_status (*doc_add_layout)(vqr_print_doc *, const vqr_print_layout *, vqr_error *);
    void (*layout_free)(vqr_print_layout *);
} cli_print;

/* The document's own fields (beside the payload's), as the print commands
 * take them (--payer-code) and batch reads them (a payer_code column). */
typedef enum cli_pfield {
    CLI_P_TITLE,
    CLI_P_ISSUER,
    CLI_P_ADDRESS,
    CLI_P_PAYER,
    CLI_P_PAYER_CODE,
    CLI_P_HOLDER,
    CLI_P_BANK_NAME,
    CLI_P_DUE,
    CLI_P_DATE,
    CLI_P_HOW_TO_PAY,
    CLI_P_NOTE,
    CLI_P_STALL,
    CLI_P_COUNT
} cli_pfield;

typedef struct cli_pfield_info {
    const char *option; /* without "--" */
    const char *field;  /* the library's name, in err->tag */
    const char *column; /* batch's column (CSV header, JSON key) */
} cli_pfield_info;

extern const cli_pfield_info cli_pfields[CLI_P_COUNT];

/* Sets field `p` of `f` to `v` (NULL: absent). */
void cli_pfield_set(vqr_print_fields *f, cli_pfield p, const char *v);

/* --paper of template `t`: a5, a4 (notice), 58, 80 (receipt), a6, 100
 * (sticker). False when `arg` is none of `t`'s. */
bool cli_parse_paper(vqr_template t, const char *arg, vqr_paper *out);

/* Opens libvietqr-print; CLI_OK, or CLI_IO with the reason on stderr. */
int cli_print_open(const char *cmd, cli_print *p);
#endif

/* ---- common.c ---- */

#if defined(__GNUC__) || defined(__clang__)
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

/* Writing to stdout / stderr; errors show in the stream's error indicator
 * and are reported by cli_flush_stdout(). */
void cli_printf(FILE *f, const char *fmt, ...) CLI_PRINTF(2, 3);
void cli_puts(const char *s, FILE *f);
void cli_putc(int c, FILE *f);

/* "vietqr CMD: message" on stderr, then a pointer to --help; returns CLI_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);
/* "vietqr CMD: message" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);
/* "vietqr CMD: WHAT PATH: strerror(errno)" on stderr; returns CLI_IO. */
int cli_io_error(const char *cmd, const char *what, const char *path);

/*
 * Handles a getopt_long result that is not one of the command's options:
 * '?' (unknown option) and ':' (missing argument). Returns CLI_USAGE.
 */
int cli_bad_option(const char *cmd, int c, char **argv);

/*
 * Reads one line from `f` into a malloc'd, NUL-terminated buffer, without
 * its line ending ("\n" or "\r\n"). Returns 1 on a line, 0 at end of
 * input, -1 on a read error or out of memory (errno is set).
 */
int cli_read_line(FILE *f, char **line, size_t *cap, size_t *len);

/* The length of s[0, len) without one line ending at its end ("\n",
 * "\r\n" or "\r"). */
size_t cli_strip_line_end(const char *s, size_t len);

/*
 * The payload operand of a command: `arg` itself, or for "-" all of
 * standard input; in both, one line ending at the end is dropped (anything
 * else after the CRC is the library's VQR_ERR_TRAILING_DATA). *out is
 * malloc'd and NUL-terminated. Returns CLI_OK, CLI_IO, or CLI_INVALID
 * (empty or oversized standard input).
 */
int cli_payload_operand(const char *cmd, const char *arg, char **out, size_t *len);

/* Whether a diagnostic points at a place in the payload (a missing object
 * or a whole-payload problem does not). */
bool cli_diag_has_place(const vqr_error *e);

/*
 * Folds text for an ans field (vqr_text_fold) into a malloc'd *out, and says
 * on stderr what folding changed, naming the input by `label` (the option
 * and its tag path: "--purpose (62.08)"). With `strict`, non-ASCII is an
 * error. Returns CLI_OK, CLI_INVALID (the error is printed) or CLI_IO.
 */
int cli_fold(const char *cmd, const char *label, const char *in, bool strict, bool vi, char **out);

/* Parses a decimal integer in [min, max] (digits only). */
bool cli_parse_uint(const char *arg, unsigned long min, unsigned long max, unsigned long *out);

/*
 * Writes `len` bytes to `path` whole or not at all, through
 * support/atomic_file.c (the helper libvietqr uses too): a temporary file
 * under an unpredictable name in the same directory (O_CREAT | O_EXCL |
 * O_NOFOLLOW | O_CLOEXEC, mode 0666 less the umask), fsynced and renamed
 * over `path`. A `path` that exists and is not a regular file (a device, a
 * FIFO, a directory, a symbolic link) is refused. Returns 0, an errno
 * value, or VQR_AF_NOT_REGULAR; report it with cli_write_error().
 */
int cli_write_file(const char *path, const void *data, size_t len);

/* Prints "cannot write PATH: <why>" for a cli_write_file() result and
 * returns CLI_IO. */
int cli_write_error(const char *cmd, const char *path, int rc);

/*
 * Parses --profile: "emvco", "vietqr", "lenient" or "default" into the
 * vqr_parse_flags that choose it. Returns false for anything else.
 */
bool cli_parse_profile(const char *arg, unsigned *flags);
/* The --profile name of those flags ("emvco", ...). */
const char *cli_profile_flags_name(unsigned flags);

/* "VietQR profile", "EMVCo profile", "lenient mode" (or in Vietnamese), for summaries. */
const char *cli_profile_label(vqr_profile profile, bool vi);

/* The help lines of --profile and --lenient, shared by check, decode and explain. */
extern const char cli_profile_help[];

/* Parses --lang: "en" or "vi". Returns false for anything else. */
bool cli_parse_lang(const char *arg, bool *vi);

/* Flushes stdout and checks that every write succeeded; returns CLI_OK or CLI_IO. */
int cli_flush_stdout(const char *cmd);

/* Every object of a payload in order, templates before their contents,
 * without recursion: the tree is at most root, template and 38.01 deep. */
#define CLI_WALK_MAX 4
typedef struct cli_walk {
    const vqr_payload *p;
    vqr_handle stack[CLI_WALK_MAX];
    int depth;
} cli_walk;
void cli_walk_start(cli_walk *w, const vqr_payload *p);
/* The next object and its depth (0 = root), or VQR_NONE at the end. */
vqr_handle cli_walk_next(cli_walk *w, int *depth);

/* ---- names.c: what each object is called ---- */

/*
 * The name of the object at tag path `tag` ("38.01.00") in English, or in
 * Vietnamese when `vi`. Never NULL.
 */
const char *cli_field_name(const vqr_payload *p, const char *tag, bool vi);

/*
 * A short reading of a value, such as "dynamic: one transaction" for
 * 01 = 12 or "VND" for 53 = 704, into `out`. Returns false when there is
 * nothing to add.
 */
bool cli_field_note(const char *tag, const char *value, size_t len, bool vi, char *out, size_t cap);

/* ---- advice.c ---- */

/*
 * A suggested fix for diagnostic `e` of payload `p` (parsed from
 * payload[0, len)), one sentence or two, into `out`.
 */
void cli_advice(const vqr_payload *p, const char *payload, size_t len, const vqr_error *e, bool vi,
                char *out, size_t cap);

/* ---- fields.c: VietQR fields as options and columns ---- */

typedef enum cli_field {
    CLI_F_BANK,
    CLI_F_ACCOUNT,
    CLI_F_CARD,
    CLI_F_MERCHANT,
    CLI_F_AMOUNT,
    CLI_F_PURPOSE,
    CLI_F_BILL,
    CLI_F_REFERENCE,
    CLI_F_NAME,
    CLI_F_CITY,
    CLI_F_MCC,
    CLI_F_STORE,
    CLI_F_TERMINAL,
    CLI_F_COUNT
} cli_field;

/* The value of each field, NUL-terminated UTF-8; NULL or "" when absent. */
typedef struct cli_fields {
    const char *v[CLI_F_COUNT];
} cli_fields;

/* The option / column name of a field: "bank", "purpose", ... */
const char *cli_field_key(cli_field f);
/* The field named `key` (`len` bytes), or -1. */
int cli_field_by_key(const char *key, size_t len);

/*
 * Builds a VietQR from the fields with vqr_vietqr_build(): exactly one of
 * account (QRIBFTTA), card (QRIBFTTC) or merchant (QRPUSH); the amount in
 * VND as written ("250000"). On error *bad names the field at fault
 * (CLI_F_COUNT when none) and `e` holds the details. `report` receives
 * what text folding changed.
 */
vqr_status cli_build(const cli_fields *in, unsigned flags, vqr_payload *out,
                     vqr_vietqr_report *report, vqr_error *e, cli_field *bad);

/* The tag path a field is written to: "62.08" for purpose. */
const char *cli_field_tag(cli_field f);

/*
 * What to call the input at fault in a message of `vietqr encode`: the
 * option the user wrote and the tag path it fills, "--purpose (62.08)";
 * for a template's fault (62 over 99 characters) every option given that
 * fills it, "--purpose, --bill, --reference (62)"; else the tag path.
 */
void cli_option_label(const cli_fields *in, const vqr_error *e, cli_field bad, char *out,
                      size_t cap);

/*
 * For a bank the directory cannot resolve (VQR_ERR_BANK_UNKNOWN or
 * _AMBIGUOUS), what to add to the message, from vqr_bank_suggest(): "; did
 * you mean Vietcombank (970436), Vietinbank (970415) or ...?" or, for an
 * ambiguous name, "; it names X (BIN) and Y (BIN): give the BIN". "" when
 * there is nothing to suggest.
 */
void cli_bank_hint(const char *query, vqr_status code, bool vi, char *out, size_t cap);

/* "PREFIXfield (TAG): message (VQR_ERR_NAME), at most N characters" into `out`. */
void cli_build_message(const vqr_error *e, cli_field bad, const char *prefix, bool vi, char *out,
                       size_t cap);
/* The same with the whole name of what is at fault given by the caller
 * (`label`, e.g. "column 'Purpose' (62.08)"; NULL or "" for none). */
void cli_build_message_as(const vqr_error *e, cli_field bad, const char *label, bool vi, char *out,
                          size_t cap);

/* Says on stderr what folding changed, one line per field. */
void cli_report_folding(const char *cmd, const vqr_vietqr_report *rep, bool vi);

/* ---- render_out.c: QR output for encode, render and batch ---- */

typedef enum cli_format {
    CLI_FORMAT_NONE = 0,
    CLI_FORMAT_PAYLOAD,
    CLI_FORMAT_PNG,
    CLI_FORMAT_SVG,
    CLI_FORMAT_TERM
} cli_format;

/* How to draw: ECC level and the library's options, or a print size. */
typedef struct cli_render {
    vqr_ecc ecc;
    vqr_render_options opt;
    double size_mm; /* > 0: choose the scale for this printed side */
    bool scale_set;
    bool dpi_set;
    bool strict_size; /* --strict-size: refuse a --size-mm under 3 pixels per module */
} cli_render;

/* Long options every drawing command takes, from CLI_OPT_RENDER on. */
enum {
    CLI_OPT_ECC = 1000,
    CLI_OPT_SCALE,
    CLI_OPT_MARGIN,
    CLI_OPT_SIZE_MM,
    CLI_OPT_DPI,
    CLI_OPT_FG,
    CLI_OPT_BG,
    CLI_OPT_INVERT,
    CLI_OPT_ASCII,
    CLI_OPT_STRICT_SIZE /* encode and render only: not in CLI_RENDER_LONGOPTS */
};
#define CLI_RENDER_LONGOPTS                                      \
    { "ecc", required_argument, NULL, CLI_OPT_ECC },             \
        { "scale", required_argument, NULL, CLI_OPT_SCALE },     \
        { "margin", required_argument, NULL, CLI_OPT_MARGIN },   \
        { "size-mm", required_argument, NULL, CLI_OPT_SIZE_MM }, \
        { "dpi", required_argument, NULL, CLI_OPT_DPI },         \
        { "fg", required_argument, NULL, CLI_OPT_FG },           \
        { "bg", required_argument, NULL, CLI_OPT_BG },           \
        { "invert", no_argument, NULL, CLI_OPT_INVERT },         \
    {                                                            \
        "ascii", no_argument, NULL, CLI_OPT_ASCII                \
    }
/* The help text of those options. */
extern const char cli_render_help[];
/* --strict-size, for the commands that take it (encode, render). */
#define CLI_STRICT_SIZE_LONGOPT                               \
    {                                                         \
        "strict-size", no_argument, NULL, CLI_OPT_STRICT_SIZE \
    }
extern const char cli_strict_size_help[];

void cli_render_init(cli_render *r);
/* Handles one of the options above. Returns 1 when `c` is one (CLI_OK
 * done, or a usage error printed and CLI_USAGE in *status), 0 when not. */
int cli_render_option(const char *cmd, cli_render *r, int c, const char *arg, int *status);
/* Checks the combination once every option is read; CLI_OK or CLI_USAGE. */
int cli_render_finish(const char *cmd, const cli_render *r);
/* The format named by --format, or CLI_FORMAT_NONE. */
cli_format cli_format_by_name(const char *name);
/* The format a file name's extension implies, or CLI_FORMAT_NONE. */
cli_format cli_format_by_path(const char *path);

/*
 * Encodes `payload` and draws it in `fmt` (PNG, SVG or TERM) to `path`
 * (written whole or not at all), or to stdout when `path` is NULL or "-".
 * Applies --size-mm (and reports the printed size on stderr). Returns
 * CLI_OK, CLI_INVALID (the payload does not fit, bad options) or CLI_IO.
 */
int cli_render_out(const char *cmd, const char *payload, size_t len, const cli_render *r,
                   cli_format fmt, const char *path);

/* ---- payload_json.c ---- */

struct json_t;
/*
 * The JSON description of a payload parsed from payload[0, len), in the
 * shape `vietqr decode --json` prints; "mode" and "profile" name how it
 * was parsed (vqr_payload_profile). Returns a new reference, or NULL when
 * out of memory.
 */
struct json_t *cli_payload_json(const vqr_payload *p, const char *payload, size_t len, bool vi);

/* ---- vietqr_view.c: the VietQR reading of a payload ---- */

/* The "vietqr" member of the decode JSON: an object, or JSON null when the
 * payload is not a VietQR / VNPAY-QR. New reference, NULL when out of memory. */
struct json_t *cli_vietqr_json(const vqr_payload *p);
/* The VietQR lines of the decode summary (network, bank, account, ...). */
void cli_vietqr_summary(const vqr_payload *p, bool vi, FILE *out);

/* ---- show.c: the one escaping rule for what the tool shows ----
 *
 * Everything the tool shows that it did not write itself (values of a
 * payload, names and cells of an input file, file names, option values)
 * goes through vqr_text_escape(): control, bidirectional and invisible
 * characters and bytes that are not UTF-8 are shown as \x1b, \u202e, ...,
 * a backslash as two, and a line that showed any ends with a mark
 * (cli_put_mark). cli_error() and cli_usage() do it for their whole
 * message. JSON goes out through cli_json_dump().
 */

/* Writes s[0, len) escaped; returns the number of unsafe characters in it. */
size_t cli_put_text(FILE *out, const char *s, size_t len);
/* cli_put_text of a NUL-terminated string (NULL writes nothing). */
size_t cli_put_str(FILE *out, const char *s);
/* "  [! N unsafe characters shown escaped]" when `unsafe` is not 0. */
void cli_put_mark(FILE *out, size_t unsafe, bool vi);
/* An escaped, NUL-terminated copy (malloc'd; NULL when out of memory);
 * *unsafe (may be NULL) receives the number of unsafe characters. */
char *cli_escape(const char *s, size_t len, size_t *unsafe);
/*
 * The unsafe characters of payload[0, len): returns their number; the
 * first one's byte and character offsets, code point (VQR_CP_NOT_UTF8 for
 * a byte that is not UTF-8) and the tag of the deepest object of `p`
 * (parsed from the payload; may be NULL) that holds it ("" for none).
 */
size_t cli_unsafe_find(const vqr_payload *p, const char *payload, size_t len, size_t *first,
                       size_t *first_char, uint32_t *cp, char tag[VQR_TAG_MAX]);
/*
 * When payload[0, len) holds unsafe characters, a sentence saying how many,
 * what the first is and where (its tag in `p`, parsed from it; may be
 * NULL), into `out`; returns the count (0: no sentence, `out` is "").
 */
size_t cli_unsafe_describe(const vqr_payload *p, const char *payload, size_t len, bool vi,
                           char *out, size_t cap);
/* "; they are shown escaped and their lines marked [!]", to follow it. */
const char *cli_unsafe_shown(bool vi);
/* json_dumps(j, flags) with every unsafe character written as \uXXXX
 * (malloc'd; NULL when out of memory): for JSON the tool writes to files. */
char *cli_json_safe_dumps(const struct json_t *j, size_t flags);
/* cli_json_safe_dumps(j, flags) to `out`. Returns 0, or -1 (out of memory, a
 * write error). */
int cli_json_dump(const struct json_t *j, FILE *out, size_t flags);

/* ---- verify_out.c: payees and verdicts, for scan and verify ---- */

/* One row of a payees file. */
typedef struct cli_payee_row {
    char *id;        /* the stall or counter id; NULL when the file has no id column */
    char *bank;      /* as written */
    char bin[7];     /* resolved (NAPAS) */
    char *account;   /* account, card number or merchant ID */
    char *name;      /* NULL when none */
    vqr_payee payee; /* points into the row */
    uint64_t amount; /* expected amount (VND); 0 for none */
    vqr_verify_kind kind;
    size_t line; /* line of the file */
} cli_payee_row;

typedef struct cli_payees {
    cli_payee_row *row;
    vqr_payee *list; /* row[i].payee, contiguous, for vqr_verify */
    size_t n;
    bool has_ids;
} cli_payees;

/*
 * Reads a payees file: CSV (RFC 4180, UTF-8, a header line naming the
 * columns id (or stall), bank, account, service, network, name, amount,
 * kind in any order and case; other columns are ignored). Every problem is
 * printed with its line and column. Returns CLI_OK, CLI_INVALID or CLI_IO.
 */
int cli_payees_load(const char *cmd, const char *path, cli_payees *out);
void cli_payees_free(cli_payees *p);
/* A BIN (6 digits, kept as given) or a bank name through vqr_bank_find;
 * prints the problem (prefixed by `what`). CLI_OK or CLI_INVALID. */
int cli_resolve_bank(const char *cmd, const char *what, const char *q, const char **bin);
/* "account", "card", "merchant" (or the 38.02 codes), any case. */
bool cli_parse_service(const char *s, vqr_service *out);
/* "static", "dynamic", "any" (or ""). */
bool cli_parse_verify_kind(const char *s, vqr_verify_kind *out);
/* Whole dong, digits only; CLI_OK or CLI_INVALID. */
int cli_parse_amount_vnd(const char *s, uint64_t *out);
/* "napas", "vnpay", "other", "" for none. */
const char *cli_network_name(vqr_network n);
/* "confusable", "invisible", "bidi", "control", "imitation". */
const char *cli_suspect_name(vqr_suspect s);
/* Who a code pays, on one line: "Vietcombank (970436), account 0011... (QRIBFTTA)". */
void cli_put_pays(FILE *out, const vqr_verdict *v, bool vi);
/* The lines after a verdict: pays, amount, name, purpose, error, one
 * warning per suspect (`payees` names an imitated payee; may be NULL). */
void cli_put_verdict_details(FILE *out, const vqr_verdict *v, const cli_payees *payees,
                             const char *indent, bool vi);
/* {verdict, pays{...}|null, payee, error, suspects[], suspect_count}; NULL when out of memory. */
struct json_t *cli_verdict_json(const vqr_verdict *v, const cli_payees *payees);
/* A JSON string of bytes that may not be UTF-8 (then as the tool shows them escaped). */
struct json_t *cli_json_text(const char *s, size_t len);
/* CSV cells: escaped as the tool shows text, quoted when needed, and a
 * cell that a spreadsheet would read as a formula (= + - @) starts with '. */
void cli_csv_cell(FILE *out, const char *s, size_t len);
void cli_csv_str(FILE *out, const char *s);
/* network,bin,bank,account,service,amount,currency,kind,merchant_name,merchant_name_alt,
 * purpose */
void cli_csv_pays(FILE *out, const vqr_verdict *v);
/* The suspect kinds, space separated, as one cell. */
void cli_csv_suspects(FILE *out, const vqr_verdict *v);

/* ---- text.c ---- */

/*
 * Display width of the UTF-8 text s[0, len): code points, wide East Asian
 * ones counting two. Malformed bytes count one each.
 */
size_t cli_text_width(const char *s, size_t len);
/* Bytes of the UTF-8 sequence starting at s[0] (1 for a malformed byte). */
size_t cli_utf8_seq(const unsigned char *s, size_t len, unsigned long *cp);
/* Display width of one code point (0, 1 or 2). */
int cli_cp_width(unsigned long cp);
/* Writes `s` and pads it with spaces to `width` columns (at least one space). */
void cli_put_label(FILE *out, const char *s, size_t width);
/* Column of the values in summaries. */
#define CLI_LABEL_WIDTH 13

#endif /* VQR_CLI_H */
