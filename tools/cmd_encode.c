/*
 * cmd_encode.c - `vietqr encode`: a VietQR (NAPAS 247) from options, as the
 * payload, PNG, SVG or terminal drawing.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void encode_usage(FILE *f)
{
    cli_puts("Usage: vietqr encode --bank BANK (--account N | --card N | --merchant ID)\n"
             "                     [--amount VND] [--purpose TEXT] [--bill N] [--reference R]\n"
             "                     [--name NAME] [--city CITY] [--mcc MCC] [OPTIONS]\n"
             "\n"
             "Builds a VietQR (NAPAS 247). Without -o the payload goes to standard output,\n"
             "and when that is a terminal the QR code is drawn under it. Vietnamese text is\n"
             "folded to ASCII for the bank apps (\"Học phí\" -> \"Hoc phi\"); what changed is\n"
             "said on standard error.\n"
             "\n"
             "Fields:\n"
             "      --bank BANK       BIN (970436), short name, alias or SWIFT code\n"
             "                        (see 'vietqr banks')\n"
             "      --account N       account number: transfer to an account (QRIBFTTA)\n"
             "      --card N          card number, 16-19 digits (QRIBFTTC)\n"
             "      --merchant ID     merchant ID from the acquirer (QRPUSH)\n"
             "      --amount VND      amount in whole dong (250000); none: the payer types it\n"
             "      --purpose TEXT    transfer message (62.08), at most 25 characters\n"
             "      --bill N          bill number (62.01)\n"
             "      --reference R     reference label (62.05)\n"
             "      --store S         store label (62.03)\n"
             "      --terminal T      terminal label (62.07)\n"
             "      --name NAME       merchant name (59), at most 25 characters\n"
             "      --city CITY       merchant city (60), at most 15 characters\n"
             "      --mcc MCC         merchant category code (52), 4 digits\n"
             "      --alnum-account   allow letters in --account (wallet virtual accounts)\n"
             "      --strict-text     refuse non-ASCII text instead of folding it\n"
             "\n"
             "Output:\n"
             "  -f, --format FMT      payload, png, svg or term\n"
             "  -o, --output FILE     write FILE (whole or not at all); the format follows its\n"
             "                        extension (.png, .svg, .txt = payload) unless --format;\n"
             "                        the payload is still printed on standard output\n"
             "      --title TEXT      SVG: a <title>\n",
             f);
    cli_puts(cli_render_help, f);
    cli_puts(cli_strict_size_help, f);
    cli_puts("      --lang LANG       messages in 'en' (default) or 'vi'\n"
             "  -h, --help            show this help\n"
             "\n"
             "Exit status: 0 success, 1 invalid field, 2 usage error, 3 input/output error.\n",
             f);
}

enum { OPT_ALNUM = 300, OPT_STRICT_TEXT, OPT_TITLE, OPT_LANG, OPT_FIELD = 400 };

int cmd_encode(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "bank", required_argument, NULL, OPT_FIELD + CLI_F_BANK },
        { "account", required_argument, NULL, OPT_FIELD + CLI_F_ACCOUNT },
        { "card", required_argument, NULL, OPT_FIELD + CLI_F_CARD },
        { "merchant", required_argument, NULL, OPT_FIELD + CLI_F_MERCHANT },
        { "amount", required_argument, NULL, OPT_FIELD + CLI_F_AMOUNT },
        { "purpose", required_argument, NULL, OPT_FIELD + CLI_F_PURPOSE },
        { "bill", required_argument, NULL, OPT_FIELD + CLI_F_BILL },
        { "reference", required_argument, NULL, OPT_FIELD + CLI_F_REFERENCE },
        { "name", required_argument, NULL, OPT_FIELD + CLI_F_NAME },
        { "city", required_argument, NULL, OPT_FIELD + CLI_F_CITY },
        { "mcc", required_argument, NULL, OPT_FIELD + CLI_F_MCC },
        { "store", required_argument, NULL, OPT_FIELD + CLI_F_STORE },
        { "terminal", required_argument, NULL, OPT_FIELD + CLI_F_TERMINAL },
        { "alnum-account", no_argument, NULL, OPT_ALNUM },
        { "strict-text", no_argument, NULL, OPT_STRICT_TEXT },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "title", required_argument, NULL, OPT_TITLE },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        CLI_RENDER_LONGOPTS,
        CLI_STRICT_SIZE_LONGOPT,
        { NULL, 0, NULL, 0 },
    };
    cli_fields fields;
    memset(&fields, 0, sizeof fields);
    cli_render r;
    cli_render_init(&r);
    unsigned flags = 0;
    bool vi = false;
    const char *path = NULL;
    cli_format fmt = CLI_FORMAT_NONE;
    opterr = 0;
    optind = 1;
    int c, st;
    while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        if (cli_render_option("encode", &r, c, optarg, &st)) {
            if (st != CLI_OK)
                return st;
            continue;
        }
        if (c >= OPT_FIELD && c < OPT_FIELD + CLI_F_COUNT) {
            cli_field f = (cli_field)(c - OPT_FIELD);
            if (fields.v[f])
                return cli_usage("encode", "--%s given twice", cli_field_key(f));
            fields.v[f] = optarg;
            continue;
        }
        switch (c) {
        case OPT_ALNUM:
            flags |= VQR_VIETQR_ALNUM_ACCOUNT;
            break;
        case OPT_STRICT_TEXT:
            flags |= VQR_VIETQR_STRICT_TEXT;
            break;
        case 'f':
            fmt = cli_format_by_name(optarg);
            if (fmt == CLI_FORMAT_NONE)
                return cli_usage("encode", "--format takes payload, png, svg or term, not '%s'",
                                 optarg);
            break;
        case 'o':
            path = optarg;
            break;
        case OPT_TITLE:
            r.opt.title = optarg;
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &vi))
                return cli_usage("encode", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            encode_usage(stdout);
            return cli_flush_stdout("encode");
        default:
            return cli_bad_option("encode", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage("encode", "unexpected argument '%s'", argv[optind]);
    if (!fields.v[CLI_F_BANK])
        return cli_usage("encode", "--bank is required");
    int ids = !!fields.v[CLI_F_ACCOUNT] + !!fields.v[CLI_F_CARD] + !!fields.v[CLI_F_MERCHANT];
    if (ids != 1)
        return cli_usage("encode", "give exactly one of --account, --card, --merchant");
    if ((st = cli_render_finish("encode", &r)) != CLI_OK)
        return st;
    bool to_stdout = !path || strcmp(path, "-") == 0;
    if (fmt == CLI_FORMAT_NONE && !to_stdout) {
        fmt = cli_format_by_path(path);
        if (fmt == CLI_FORMAT_NONE)
            return cli_usage("encode", "cannot tell the format of '%s': use --format", path);
    }
    if (to_stdout && fmt == CLI_FORMAT_PNG && isatty(STDOUT_FILENO))
        return cli_usage("encode", "will not write PNG to a terminal: use -o FILE");

    static vqr_payload p;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    vqr_error e;
    VQR_INIT(&e);
    cli_field bad;
    if (cli_build(&fields, flags, &p, &rep, &e, &bad) != VQR_OK) {
        char msg[512], label[160], hint[256] = "";
        cli_option_label(&fields, &e, bad, label, sizeof label);
        cli_build_message_as(&e, bad, label, vi, msg, sizeof msg);
        if (bad == CLI_F_BANK &&
            (e.code == VQR_ERR_BANK_UNKNOWN || e.code == VQR_ERR_BANK_AMBIGUOUS))
            cli_bank_hint(fields.v[CLI_F_BANK], e.code, vi, hint, sizeof hint);
        cli_error("encode", "%s%s", msg, hint);
        return CLI_INVALID;
    }
    cli_report_folding("encode", &rep, vi);
    if (!rep.bank_known) {
        char hint[256];
        cli_bank_hint(rep.bin, VQR_ERR_BANK_UNKNOWN, vi, hint, sizeof hint);
        cli_error("encode",
                  vi ? "--bank (38.01.00): BIN %s không có trong danh bạ ngân hàng; hãy kiểm "
                       "tra lại%s"
                     : "--bank (38.01.00): BIN %s is not in the bank directory; check it%s",
                  rep.bin, hint);
    }

    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    if (vqr_payload_write(&p, VQR_WRITE_CANONICAL, payload, sizeof payload, &len, &e) != VQR_OK) {
        char msg[512], label[160];
        cli_option_label(&fields, &e, CLI_F_COUNT, label, sizeof label);
        cli_build_message_as(&e, CLI_F_COUNT, label, vi, msg, sizeof msg);
        cli_error("encode", "%s", msg);
        return CLI_INVALID;
    }

    /* The payload on stdout, unless the chosen output itself goes there. */
    bool payload_out =
        !to_stdout || fmt == CLI_FORMAT_NONE || fmt == CLI_FORMAT_PAYLOAD || fmt == CLI_FORMAT_TERM;
    if (payload_out) {
        (void)fwrite(payload, 1, len, stdout);
        cli_putc('\n', stdout);
        if ((st = cli_flush_stdout("encode")) != CLI_OK)
            return st;
    }
    if (fmt == CLI_FORMAT_PAYLOAD && !to_stdout) {
        char *text = malloc(len + 1);
        if (!text)
            return cli_io_error("encode", "cannot write", path);
        memcpy(text, payload, len);
        text[len] = '\n';
        int w = cli_write_file(path, text, len + 1);
        free(text);
        return w == 0 ? CLI_OK : cli_write_error("encode", path, w);
    }
    if (fmt == CLI_FORMAT_NONE) {
        if (!isatty(STDOUT_FILENO))
            return CLI_OK;
        fmt = CLI_FORMAT_TERM;
    }
    if (fmt == CLI_FORMAT_PAYLOAD)
        return CLI_OK;
    return cli_render_out("encode", payload, len, &r, fmt, to_stdout ? NULL : path);
}
