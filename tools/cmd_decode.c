/*
 * cmd_decode.c - `vietqr decode` (a summary or JSON of a payload, or of
 * one payload per line of standard input) and `vietqr check` (valid or
 * not, with a one-line reason).
 */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct decode_opts {
    bool json;
    unsigned flags; /* vqr_parse_flags: the profile */
    bool vi;
} decode_opts;

static const char *label(const decode_opts *o, const char *en, const char *vi)
{
    return o->vi ? vi : en;
}

/* Prints "Label:  value" when the payload has a value at `tag`: escaped,
 * and marked when it holds anything unsafe. */
static void field_line(const vqr_payload *p, const char *tag, const char *name, bool vi, FILE *out)
{
    vqr_view v;
    if (vqr_payload_get(p, tag, &v, NULL) == VQR_OK && v.ptr) {
        cli_put_label(out, name, CLI_LABEL_WIDTH);
        cli_put_mark(out, cli_put_text(out, v.ptr, v.len), vi);
        cli_putc('\n', out);
    }
}

static void diag_line(const vqr_error *e, const decode_opts *o, FILE *out)
{
    const char *kind = e->severity == VQR_SEVERITY_ERROR ? label(o, "Error:", "Lỗi:")
                                                         : label(o, "Warning:", "Cảnh báo:");
    cli_put_label(out, kind, CLI_LABEL_WIDTH);
    cli_puts(e->name, out);
    if (e->tag[0])
        cli_printf(out, " %s %s", label(o, "at", "tại"), e->tag);
    if (cli_diag_has_place(e))
        cli_printf(out, " (%s %zu)", label(o, "character", "ký tự"), e->char_offset);
    cli_printf(out, ": %s\n", o->vi ? e->message_vi : e->message);
}

static void summary(const vqr_payload *p, const char *data, size_t len, const decode_opts *o,
                    FILE *out)
{
    bool valid = vqr_payload_diag_count_severity(p, VQR_SEVERITY_ERROR) == 0;
    cli_put_label(out, label(o, "Status:", "Trạng thái:"), CLI_LABEL_WIDTH);
    cli_printf(out, "%s (%s)\n",
               valid ? label(o, "valid", "hợp lệ") : label(o, "invalid", "không hợp lệ"),
               cli_profile_label(vqr_payload_profile(p), o->vi));
    char unsafe[512];
    if (cli_unsafe_describe(p, data, len, o->vi, unsafe, sizeof unsafe)) {
        cli_put_label(out, label(o, "Unsafe:", "Không an toàn:"), CLI_LABEL_WIDTH);
        cli_printf(out, "%s%s\n", unsafe, cli_unsafe_shown(o->vi));
    }

    char given[5], computed[5];
    bool crc_ok = vqr_payload_crc(p, given, computed);
    cli_put_label(out, "CRC:", CLI_LABEL_WIDTH);
    if (!given[0] && !computed[0]) {
        cli_printf(out, "%s\n", label(o, "none", "không có"));
    } else {
        /* The four characters after 6304 are the payload's own. */
        size_t n = cli_put_str(out, given);
        if (crc_ok)
            cli_printf(out, " (%s)", label(o, "ok", "đúng"));
        else
            cli_printf(out, ", %s %s", label(o, "expected", "đúng ra là"), computed);
        cli_put_mark(out, n, o->vi);
        cli_putc('\n', out);
    }

    cli_vietqr_summary(p, o->vi, out);

    vqr_view poi;
    char note[160];
    if (vqr_payload_get(p, "01", &poi, NULL) == VQR_OK &&
        cli_field_note("01", poi.ptr, poi.len, o->vi, note, sizeof note)) {
        cli_put_label(out, label(o, "Type:", "Loại:"), CLI_LABEL_WIDTH);
        cli_printf(out, "%s\n", note);
    }

    vqr_view amount, currency;
    if (vqr_payload_get(p, "54", &amount, NULL) == VQR_OK) {
        note[0] = '\0';
        if (vqr_payload_get(p, "53", &currency, NULL) == VQR_OK)
            cli_field_note("53", currency.ptr, currency.len, o->vi, note, sizeof note);
        cli_put_label(out, label(o, "Amount:", "Số tiền:"), CLI_LABEL_WIDTH);
        size_t n = cli_put_text(out, amount.ptr, amount.len);
        cli_printf(out, "%s%s", note[0] ? " " : "", note);
        cli_put_mark(out, n, o->vi);
        cli_putc('\n', out);
    }
    field_line(p, "59", label(o, "Merchant:", "Người bán:"), o->vi, out);
    field_line(p, "60", label(o, "City:", "Thành phố:"), o->vi, out);
    field_line(p, "58", label(o, "Country:", "Quốc gia:"), o->vi, out);
    field_line(p, "62.08", label(o, "Purpose:", "Nội dung:"), o->vi, out);
    field_line(p, "62.01", label(o, "Bill:", "Hóa đơn:"), o->vi, out);
    field_line(p, "62.05", label(o, "Reference:", "Tham chiếu:"), o->vi, out);

    cli_put_label(out, label(o, "Objects:", "Đối tượng:"), CLI_LABEL_WIDTH);
    const char *sep = "";
    for (vqr_handle h = vqr_payload_first(p, VQR_ROOT); h != VQR_NONE; h = vqr_payload_next(p, h)) {
        vqr_object obj;
        VQR_INIT(&obj);
        if (vqr_payload_object(p, h, &obj, NULL) == VQR_OK) {
            cli_printf(out, "%s%s", sep, obj.tag);
            sep = " ";
        }
    }
    cli_putc('\n', out);

    size_t n = vqr_payload_diag_count(p);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_payload_diag(p, i, &e, NULL) == VQR_OK)
            diag_line(&e, o, out);
    }
    if (n > VQR_DIAG_MAX)
        cli_printf(out, "... %zu %s\n", n - VQR_DIAG_MAX,
                   label(o, "more not shown", "mục khác không hiển thị"));
}

/* Decodes one payload to stdout. Returns CLI_OK, CLI_INVALID or CLI_IO. */
static int decode_one(const char *data, size_t len, const decode_opts *o)
{
    static vqr_payload p; /* 20 KiB: kept off the stack; the tool is single-threaded here */
    vqr_payload_parse(&p, data, len, o->flags, NULL);
    bool valid = vqr_payload_diag_count_severity(&p, VQR_SEVERITY_ERROR) == 0;
    if (o->json) {
        json_t *j = cli_payload_json(&p, data, len, o->vi);
        if (!j) {
            cli_error("decode", "out of memory");
            return CLI_IO;
        }
        int r = cli_json_dump(j, stdout, JSON_COMPACT);
        json_decref(j);
        if (r != 0 || fputc('\n', stdout) == EOF)
            return cli_io_error("decode", "cannot write", "standard output");
    } else {
        summary(&p, data, len, o, stdout);
    }
    return valid ? CLI_OK : CLI_INVALID;
}

static void decode_usage(FILE *f)
{
    cli_puts("Usage: vietqr decode [OPTIONS] PAYLOAD\n"
             "       vietqr decode [OPTIONS] -\n"
             "\n"
             "Parses and validates an EMVCo MPM payload (VietQR, VNPAY-QR or any other) and\n"
             "prints a summary: status, CRC, VietQR fields, amount, and every error and warning.\n"
             "Control, bidirectional and invisible characters are shown escaped (\\x1b,\n"
             "\\u202e) and their lines marked [!].\n"
             "With '-', reads one payload per line from standard input.\n"
             "\n"
             "Options:\n"
             "  -j, --json        print one JSON object per payload, on one line:\n"
             "                    {valid, mode, profile, unsafe, crc{given,computed,ok},\n"
             "                     errors[], warnings[], objects[], vietqr}; every key always\n"
             "                    present, profile the rules used, vietqr null when the\n"
             "                    payload is not a VietQR or VNPAY-QR, unsafe null unless\n"
             "                    it holds control, bidirectional or invisible characters\n"
             "                    (then {count, offset, char_offset, tag, code_point} of the\n"
             "                    first)\n",
             f);
    cli_puts(cli_profile_help, f);
    cli_puts("      --lang LANG   messages in 'en' (default) or 'vi'\n"
             "  -h, --help        show this help\n"
             "\n"
             "Exit status: 0 every payload valid, 1 a payload invalid, 2 usage error,\n"
             "3 input/output error.\n",
             f);
}

enum { OPT_LENIENT = 256, OPT_LANG, OPT_PROFILE };

static int parse_common(const char *cmd, int argc, char **argv, decode_opts *o, bool allow_json,
                        void (*help)(FILE *), bool *quiet)
{
    static const struct option longopts[] = {
        { "json", no_argument, NULL, 'j' },
        { "lenient", no_argument, NULL, OPT_LENIENT },
        { "profile", required_argument, NULL, OPT_PROFILE },
        { "lang", required_argument, NULL, OPT_LANG },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    memset(o, 0, sizeof *o);
    opterr = 0;
    optind = 1;
    int c;
    bool profile_set = false;
    while ((c = getopt_long(argc, argv, ":jqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (!allow_json)
                return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
            o->json = true;
            break;
        case 'q':
            if (!quiet)
                return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
            *quiet = true;
            break;
        case OPT_LENIENT:
        case OPT_PROFILE: {
            unsigned flags = VQR_PARSE_LENIENT;
            if (c == OPT_PROFILE && !cli_parse_profile(optarg, &flags))
                return cli_usage(cmd, "--profile takes emvco, vietqr, lenient or default, not '%s'",
                                 optarg);
            if (profile_set && flags != o->flags)
                return cli_usage(cmd, "two profiles given: %s and %s",
                                 cli_profile_flags_name(o->flags), cli_profile_flags_name(flags));
            o->flags = flags;
            profile_set = true;
            break;
        }
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &o->vi))
                return cli_usage(cmd, "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            help(stdout);
            return -1;
        default:
            return cli_bad_option(cmd, c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage(cmd, optind >= argc ? "a PAYLOAD (or '-') is needed"
                                             : "one PAYLOAD only (or '-')");
    return CLI_OK;
}

int cmd_decode(int argc, char **argv)
{
    decode_opts o;
    int r = parse_common("decode", argc, argv, &o, true, decode_usage, NULL);
    if (r != CLI_OK)
        return r < 0 ? cli_flush_stdout("decode") : r;
    const char *arg = argv[optind];
    if (strcmp(arg, "-") != 0) {
        r = decode_one(arg, cli_strip_line_end(arg, strlen(arg)), &o);
        int w = cli_flush_stdout("decode");
        return w != CLI_OK ? w : r;
    }
    char *line = NULL;
    size_t cap = 0, len = 0;
    int status = CLI_OK;
    bool first = true;
    for (;;) {
        int g = cli_read_line(stdin, &line, &cap, &len);
        if (g < 0) {
            free(line);
            return cli_io_error("decode", "cannot read", "standard input");
        }
        if (g == 0)
            break;
        if (!o.json && !first)
            cli_putc('\n', stdout);
        first = false;
        r = decode_one(line, len, &o);
        if (r == CLI_IO) {
            free(line);
            return r;
        }
        if (r != CLI_OK)
            status = r;
    }
    free(line);
    r = cli_flush_stdout("decode");
    return r != CLI_OK ? r : status;
}

static void check_usage(FILE *f)
{
    cli_puts("Usage: vietqr check [OPTIONS] PAYLOAD|-\n"
             "\n"
             "Validates a payload ('-': standard input). Prints 'valid' and exits 0, or\n"
             "prints one line with the first error and exits 1. A line break at the end\n"
             "of the payload is dropped; anything else after its CRC is an error.\n"
             "\n"
             "Options:\n",
             f);
    cli_puts(cli_profile_help, f);
    cli_puts("      --lang LANG   messages in 'en' (default) or 'vi'\n"
             "  -q, --quiet       print nothing; the exit status tells\n"
             "  -h, --help        show this help\n"
             "\n"
             "Exit status: 0 valid, 1 invalid, 2 usage error, 3 input/output error.\n",
             f);
}

int cmd_check(int argc, char **argv)
{
    decode_opts o;
    bool quiet = false;
    int r = parse_common("check", argc, argv, &o, false, check_usage, &quiet);
    if (r != CLI_OK)
        return r < 0 ? cli_flush_stdout("check") : r;
    char *data;
    size_t len;
    r = cli_payload_operand("check", argv[optind], &data, &len);
    if (r != CLI_OK)
        return r;
    static vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_payload_parse(&p, data, len, o.flags, &e);
    if (!quiet) {
        if (st == VQR_OK) {
            size_t warn = vqr_payload_diag_count_severity(&p, VQR_SEVERITY_WARNING);
            if (warn)
                cli_printf(stdout, "%s (%zu %s)\n", label(&o, "valid", "hợp lệ"), warn,
                           label(&o, warn == 1 ? "warning" : "warnings", "cảnh báo"));
            else
                cli_printf(stdout, "%s\n", label(&o, "valid", "hợp lệ"));
        } else {
            cli_printf(stdout, "%s: %s", label(&o, "invalid", "không hợp lệ"), e.name);
            if (e.tag[0])
                cli_printf(stdout, " %s %s", label(&o, "at", "tại"), e.tag);
            if (cli_diag_has_place(&e))
                cli_printf(stdout, " (%s %zu)", label(&o, "character", "ký tự"), e.char_offset);
            cli_printf(stdout, ": %s", o.vi ? e.message_vi : e.message);
            char given[5], computed[5];
            if (st == VQR_ERR_CRC_MISMATCH && !vqr_payload_crc(&p, given, computed) && computed[0])
                cli_printf(stdout, " (%s %s)", label(&o, "expected", "đúng ra là"), computed);
            cli_putc('\n', stdout);
        }
        char unsafe[512];
        if (cli_unsafe_describe(&p, data, len, o.vi, unsafe, sizeof unsafe))
            cli_printf(stdout, "%s: %s%s\n", label(&o, "unsafe", "không an toàn"), unsafe,
                       cli_unsafe_shown(o.vi));
    }
    free(data);
    r = cli_flush_stdout("check");
    if (r != CLI_OK)
        return r;
    return st == VQR_OK ? CLI_OK : CLI_INVALID;
}
