/*
 * cmd_restamp.c - `vietqr restamp`: change the amount (54, and 01 with
 * it), the bill number, reference or purpose (62.01, 62.05, 62.08) of an
 * existing payload from any issuer, and recompute the CRC. Every other
 * byte is kept: the payload is parsed leniently (unknown tags, any order),
 * edited with vqr_payload_set / vqr_payload_remove and written with
 * VQR_WRITE_KEEP_ORDER.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One requested change: set `tag` to `value`, or remove it (value ""). */
typedef struct change {
    const char *tag;
    const char *option;
    const char *value; /* NULL: not requested */
} change;

enum { CH_AMOUNT, CH_BILL, CH_REFERENCE, CH_PURPOSE, CH_COUNT };

static void restamp_usage(FILE *f)
{
    cli_puts("Usage: vietqr restamp PAYLOAD|- [--amount A | --no-amount] [--purpose P]\n"
             "                      [--bill B] [--reference R]\n"
             "\n"
             "Changes only 54 (amount) and 01 (point of initiation), and 62.08 (purpose),\n"
             "62.01 (bill number), 62.05 (reference) of an existing payload from any issuer,\n"
             "keeps every other byte as it is, and recomputes the CRC. The new payload is\n"
             "printed on standard output. '-' reads the payload from standard input.\n"
             "\n"
             "Options:\n"
             "      --amount A      the amount as 54 writes it, in the payload's currency\n"
             "                      (VND: whole dong, '250000'); 01 becomes 12 (dynamic)\n"
             "      --no-amount     remove 54; 01 becomes 11 (static)\n"
             "      --purpose P     62.08, the transfer message (at most 25 characters)\n"
             "      --bill B        62.01, the bill number\n"
             "      --reference R   62.05, the reference label\n"
             "                      An empty value ('') removes that object. Vietnamese\n"
             "                      text is folded to ASCII (\"Học phí\" -> \"Hoc phi\") and\n"
             "                      the change is reported on standard error.\n"
             "      --strict-text   refuse non-ASCII text instead of folding it\n"
             "      --force         restamp a payload that holds control, bidirectional\n"
             "                      or invisible characters (refused otherwise)\n"
             "      --lang LANG     messages in 'en' (default) or 'vi'\n"
             "  -h, --help          show this help\n"
             "\n"
             "01 is changed only when the payload has one. The payload must parse without\n"
             "errors in lenient mode; a change that breaks a rule (an amount with decimals\n"
             "in VND, a purpose over 25 characters, 62 over 99) is refused. Every warning\n"
             "of the payload is repeated on standard error. A payload holding characters\n"
             "that can change what a screen shows (an escape sequence, a line break, a\n"
             "right-to-left override, a zero-width space) is refused unless --force; when\n"
             "standard output is a terminal such a payload is shown escaped there.\n"
             "\n"
             "Exit status: 0 success, 1 invalid payload or value, 2 usage error,\n"
             "3 input/output error.\n",
             f);
}

static void report(const vqr_error *e, bool vi, const char *what)
{
    if (e->tag[0])
        cli_error("restamp", "%s: %s %s %s: %s", what, e->name, vi ? "tại" : "at", e->tag,
                  vi ? e->message_vi : e->message);
    else
        cli_error("restamp", "%s: %s: %s", what, e->name, vi ? e->message_vi : e->message);
}

/* A change's fault, named by the option the user wrote and the tag path
 * it fills: "--purpose (62.08): message (NAME)". For 62 (over 99
 * characters) and 01 (set with the amount), the options behind it. */
static void report_option(const vqr_error *e, bool vi, const change *ch)
{
    char label[96] = "";
    size_t used = 0, tlen = strlen(e->tag);
    for (int i = 0; i < CH_COUNT; i++) {
        const char *t = ch[i].tag;
        bool on = strcmp(t, e->tag) == 0 ||
                  (tlen && strncmp(t, e->tag, tlen) == 0 && t[tlen] == '.') ||
                  (i == CH_AMOUNT && strcmp(e->tag, "01") == 0);
        if (!ch[i].value || !on)
            continue;
        int n = snprintf(label + used, sizeof label - used, "%s%s", used ? ", " : "", ch[i].option);
        if (n < 0 || (size_t)n >= sizeof label - used)
            break;
        used += (size_t)n;
    }
    const char *msg = vi ? e->message_vi : e->message;
    if (used == 0)
        cli_error("restamp", "%s: %s (%s)", e->tag, msg, e->name);
    else if (e->limit && (e->code == VQR_ERR_LENGTH || e->code == VQR_ERR_TEMPLATE_TOO_LONG))
        cli_error("restamp",
                  vi ? "%s (%s): %s (%s), tối đa %zu ký tự"
                     : "%s (%s): %s (%s), at most %zu characters",
                  label, e->tag, msg, e->name, e->limit);
    else
        cli_error("restamp", "%s (%s): %s (%s)", label, e->tag, msg, e->name);
}

static void warn(const vqr_error *e, bool vi)
{
    const char *kind =
        e->severity == VQR_SEVERITY_ERROR ? (vi ? "lỗi" : "error") : (vi ? "cảnh báo" : "warning");
    if (e->tag[0])
        cli_error("restamp", "%s: %s %s %s: %s", kind, e->name, vi ? "tại" : "at", e->tag,
                  vi ? e->message_vi : e->message);
    else
        cli_error("restamp", "%s: %s: %s", kind, e->name, vi ? e->message_vi : e->message);
}

static bool tag_changed(const char *tag, const change *ch, bool poi)
{
    for (int i = 0; i < CH_COUNT; i++)
        if (ch[i].value && strcmp(tag, ch[i].tag) == 0)
            return true;
    return (poi && strcmp(tag, "01") == 0) || strcmp(tag, "62") == 0;
}

/* The strict diagnostics of a payload, to tell new problems from old ones. */
typedef struct diag_set {
    size_t n;
    vqr_status code[VQR_DIAG_MAX];
    char tag[VQR_DIAG_MAX][VQR_TAG_MAX];
} diag_set;

static void collect(const vqr_payload *p, diag_set *set)
{
    set->n = 0;
    size_t n = vqr_payload_diag_count(p);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_payload_diag(p, i, &e, NULL) != VQR_OK)
            break;
        set->code[set->n] = e.code;
        memcpy(set->tag[set->n], e.tag, VQR_TAG_MAX);
        set->n++;
    }
}

static bool in_set(const diag_set *set, const vqr_error *e)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->code[i] == e->code && strcmp(set->tag[i], e->tag) == 0)
            return true;
    return false;
}

/* Applies one change. Returns VQR_OK or the error. */
static vqr_status apply(vqr_payload *p, const change *c, const char *value, vqr_error *e)
{
    if (value[0] == '\0') {
        vqr_status st = vqr_payload_remove(p, c->tag, NULL);
        return st == VQR_ERR_NOT_FOUND ? VQR_OK : st;
    }
    return vqr_payload_set(p, c->tag, value, strlen(value), e);
}

enum {
    OPT_AMOUNT = 256,
    OPT_NO_AMOUNT,
    OPT_PURPOSE,
    OPT_BILL,
    OPT_REFERENCE,
    OPT_STRICT_TEXT,
    OPT_FORCE,
    OPT_LANG
};

int cmd_restamp(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "amount", required_argument, NULL, OPT_AMOUNT },
        { "no-amount", no_argument, NULL, OPT_NO_AMOUNT },
        { "purpose", required_argument, NULL, OPT_PURPOSE },
        { "bill", required_argument, NULL, OPT_BILL },
        { "reference", required_argument, NULL, OPT_REFERENCE },
        { "strict-text", no_argument, NULL, OPT_STRICT_TEXT },
        { "force", no_argument, NULL, OPT_FORCE },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    change ch[CH_COUNT] = {
        { "54", "--amount", NULL },
        { "62.01", "--bill", NULL },
        { "62.05", "--reference", NULL },
        { "62.08", "--purpose", NULL },
    };
    bool vi = false, strict_text = false, force = false;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_AMOUNT:
            if (ch[CH_AMOUNT].value)
                return cli_usage("restamp", "give the amount once");
            if (optarg[0] == '\0')
                return cli_usage("restamp",
                                 "--amount needs a value (use --no-amount to remove it)");
            ch[CH_AMOUNT].value = optarg;
            break;
        case OPT_NO_AMOUNT:
            if (ch[CH_AMOUNT].value)
                return cli_usage("restamp", "give the amount once");
            ch[CH_AMOUNT].value = "";
            break;
        case OPT_PURPOSE:
            ch[CH_PURPOSE].value = optarg;
            break;
        case OPT_BILL:
            ch[CH_BILL].value = optarg;
            break;
        case OPT_REFERENCE:
            ch[CH_REFERENCE].value = optarg;
            break;
        case OPT_STRICT_TEXT:
            strict_text = true;
            break;
        case OPT_FORCE:
            force = true;
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &vi))
                return cli_usage("restamp", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            restamp_usage(stdout);
            return cli_flush_stdout("restamp");
        default:
            return cli_bad_option("restamp", c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage("restamp", optind >= argc ? "a PAYLOAD (or '-') is needed"
                                                   : "one PAYLOAD only (or '-')");
    bool any = false;
    for (int i = 0; i < CH_COUNT; i++)
        any |= ch[i].value != NULL;
    if (!any)
        return cli_usage("restamp", "nothing to change: give --amount, --no-amount, "
                                    "--purpose, --bill or --reference");

    char *data;
    size_t len;
    int r = cli_payload_operand("restamp", argv[optind], &data, &len);
    if (r != CLI_OK)
        return r;

    static vqr_payload p;
    static diag_set before;
    vqr_error e;
    VQR_INIT(&e);
    vqr_payload_parse(&p, data, len, VQR_PARSE_DEFAULT, NULL);
    collect(&p, &before);
    if (vqr_payload_parse(&p, data, len, VQR_PARSE_LENIENT, &e) != VQR_OK) {
        free(data);
        report(&e, vi, vi ? "payload không hợp lệ" : "the payload is not valid");
        return CLI_INVALID;
    }
    /* A fresh CRC makes a payload look made by whoever restamps it: say
     * every problem it has, and refuse one that can forge a screen. */
    size_t nd = vqr_payload_diag_count(&p);
    for (size_t i = 0; i < nd && i < VQR_DIAG_MAX; i++)
        if (vqr_payload_diag(&p, i, &e, NULL) == VQR_OK)
            warn(&e, vi);
    char unsafe[512];
    size_t nunsafe = cli_unsafe_describe(&p, data, len, vi, unsafe, sizeof unsafe);
    free(data);
    if (nunsafe) {
        if (!force) {
            cli_error("restamp", "%s", unsafe);
            cli_error("restamp", vi ? "không đóng dấu lại payload này (dùng --force nếu vẫn muốn)"
                                    : "refusing to restamp it (use --force to do it anyway)");
            return CLI_INVALID;
        }
        cli_error("restamp", "%s %s", vi ? "cảnh báo:" : "warning:", unsafe);
    }

    /* 01 follows the amount, when the payload has a 01. */
    vqr_view v;
    bool poi = ch[CH_AMOUNT].value && vqr_payload_get(&p, "01", &v, NULL) == VQR_OK;
    if (poi) {
        const char *m = ch[CH_AMOUNT].value[0] ? "12" : "11";
        if (vqr_payload_set(&p, "01", m, 2, &e) != VQR_OK) {
            report_option(&e, vi, ch);
            return CLI_INVALID;
        }
    }
    for (int i = 0; i < CH_COUNT; i++) {
        if (!ch[i].value)
            continue;
        /* Text for 62 is folded to ASCII (and the change reported) unless
         * --strict-text; the amount is taken as written. */
        char *value = NULL;
        if (i == CH_AMOUNT) {
            value = strdup(ch[i].value);
            r = value ? CLI_OK : CLI_IO;
        } else {
            char label[48];
            (void)snprintf(label, sizeof label, "%s (%s)", ch[i].option, ch[i].tag);
            r = cli_fold("restamp", label, ch[i].value, strict_text, vi, &value);
        }
        if (r != CLI_OK)
            return r;
        vqr_status st = apply(&p, &ch[i], value, &e);
        free(value);
        if (st != VQR_OK) {
            report_option(&e, vi, ch);
            return CLI_INVALID;
        }
    }

    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t out_len;
    if (vqr_payload_write(&p, VQR_WRITE_KEEP_ORDER, out, sizeof out, &out_len, &e) != VQR_OK) {
        report_option(&e, vi, ch);
        return CLI_INVALID;
    }

    /* The changed objects must meet the rules in full (the default profile:
     * a VietQR by NAPAS 247, any other by EMVCo): a diagnostic on a changed
     * tag that the input did not have refuses the change. The whole must
     * still parse leniently. */
    if (vqr_payload_parse(&p, out, out_len, VQR_PARSE_LENIENT, &e) != VQR_OK) {
        report(&e, vi, vi ? "kết quả không hợp lệ" : "the result is not valid");
        return CLI_INVALID;
    }
    vqr_payload_parse(&p, out, out_len, VQR_PARSE_DEFAULT, NULL);
    size_t n = vqr_payload_diag_count(&p);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        if (vqr_payload_diag(&p, i, &e, NULL) == VQR_OK && tag_changed(e.tag, ch, poi) &&
            !in_set(&before, &e)) {
            report_option(&e, vi, ch);
            return CLI_INVALID;
        }
    }
    if (nunsafe && isatty(STDOUT_FILENO)) {
        /* A terminal would act on what the payload holds: show it escaped. */
        cli_put_mark(stdout, cli_put_text(stdout, out, out_len), vi);
        cli_putc('\n', stdout);
        cli_error("restamp", vi ? "đầu ra là terminal nên payload được hiển thị dạng mã; hãy "
                                  "chuyển hướng sang tệp để lấy đúng các byte"
                                : "standard output is a terminal, so the payload is shown "
                                  "escaped; redirect it to a file for its bytes");
        return cli_flush_stdout("restamp");
    }
    (void)fwrite(out, 1, out_len, stdout);
    cli_putc('\n', stdout);
    return cli_flush_stdout("restamp");
}
