/*
 * cmd_print.c - `vietqr card`, `vietqr notice`, `vietqr receipt` and
 * `vietqr sticker`: a VietQR built from encode's options, laid out on a
 * document by libvietqr-print, written as PDF, PNG or SVG.
 */
#include "cli.h"

#include "atomic_file.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    OPT_ALNUM = 300,
    OPT_STRICT_TEXT,
    OPT_LANG,
    OPT_PAPER,
    OPT_DPI,
    OPT_SCALE,
    OPT_ECC,
    OPT_MODULE,
    OPT_FONT,
    OPT_DOC_TITLE,
    OPT_MONO,
    OPT_SOUTH,
    OPT_TU,
    OPT_NO_CUT,
    OPT_TEMPLATE,
    OPT_ITEM,
    OPT_FIELD = 400,
    OPT_TEXT = 500
};

static void print_usage(const char *cmd, vqr_template t, FILE *f)
{
    cli_printf(f,
               "Usage: vietqr %s --bank BANK (--account N | --card N | --merchant ID)\n"
               "                    [--amount VND] [--purpose TEXT] [FIELDS] -o FILE\n"
               "\n",
               cmd);
    switch (t) {
    case VQR_TEMPLATE_NOTICE:
        cli_puts("Draws a fee notice (A5 landscape; in PDF two per A4 sheet with cut marks):\n"
                 "issuer, payer, itemised lines, total in figures and words, due date, the\n"
                 "VietQR, how to pay, and a line telling the payer to check the payee's name\n"
                 "in the bank app before confirming.\n",
                 f);
        break;
    case VQR_TEMPLATE_RECEIPT:
        cli_puts("Draws a receipt for a thermal printer: 58 mm (384 dots) or 80 mm (576 dots)\n"
                 "wide at 203 dpi, 1-bit, as long as its content; the QR code's modules are a\n"
                 "whole number of dots.\n",
                 f);
        break;
    case VQR_TEMPLATE_STICKER:
        cli_puts("Draws a counter sticker for a stall (A6 or 10 x 10 cm): the stall, the\n"
                 "VietQR (usually static: no --amount), the bank and the account holder, and\n"
                 "a frame telling payers to check the name before they pay.\n",
                 f);
        break;
    default:
        cli_puts("Draws a payment card (900 x 500 px): the VietQR, bank, account holder,\n"
                 "account number, amount in figures and words and purpose; or, with\n"
                 "--template, one of VietQR.io's images at its size: qr_only (480 x 480),\n"
                 "compact (540 x 540), compact2 (540 x 640) or print (600 x 776).\n",
                 f);
        break;
    }
    cli_puts("Every field is optional: the bank, account, amount and purpose shown are\n"
             "read from the payload. Vietnamese text is shown with its diacritics and\n"
             "folded to ASCII only inside the payload. A text too long for its place\n"
             "wraps, then shrinks, then is an error naming its option: nothing is cut.\n"
             "\n"
             "Payload (as 'vietqr encode'):\n"
             "      --bank BANK       BIN, short name, alias or SWIFT code\n"
             "      --account N | --card N | --merchant ID\n"
             "      --amount VND      amount in whole dong; with --item and no --amount,\n"
             "                        the items' total\n"
             "      --purpose TEXT    transfer message (62.08); shown as written\n"
             "      --bill N          bill number (62.01); shown as the document's number\n"
             "      --reference R, --store S, --terminal T, --city C, --mcc M\n"
             "      --name NAME       merchant name (59); shown as the holder unless --holder\n"
             "      --alnum-account, --strict-text   as 'vietqr encode'\n"
             "\n"
             "Document fields:\n"
             "      --holder NAME     the account holder's name as the bank app shows it\n"
             "      --bank-name TEXT  the bank as shown (default: the directory's name)\n"
             "      --title TEXT      heading (\"GIẤY BÁO HỌC PHÍ\")\n"
             "      --issuer TEXT     school, hospital, office or market\n"
             "      --address TEXT    the issuer's address and telephone\n"
             "      --payer NAME      --payer-code CODE\n"
             "      --item LABEL=AMOUNT  an itemised line (repeat it; AMOUNT as 1.500.000)\n"
             "      --due DATE        --date DATE\n"
             "      --how-to-pay TEXT --note TEXT   --stall TEXT (sticker)\n"
             "\n"
             "Output:\n"
             "  -o, --output FILE     written whole or not at all; the format follows the\n"
             "                        extension: .pdf, .png, .svg ('-': standard output,\n"
             "                        with --format)\n"
             "  -f, --format FMT      pdf, png or svg\n",
             f);
    if (t == VQR_TEMPLATE_CARD)
        cli_puts("      --template NAME   card (default), qr_only, compact, compact2, print\n"
                 "      --scale N         PNG: device pixels per pixel, 1-4 (default 1)\n",
                 f);
    if (t == VQR_TEMPLATE_NOTICE)
        cli_puts("      --paper P         a5 (one notice a page), a4 (two per sheet; PDF default)\n"
                 "      --no-cut-marks    no cut marks between two notices\n",
                 f);
    if (t == VQR_TEMPLATE_RECEIPT)
        cli_puts("      --paper P         58 (default) or 80 mm roll\n", f);
    if (t == VQR_TEMPLATE_STICKER)
        cli_puts("      --paper P         a6 (default) or 100 (10 x 10 cm)\n", f);
    if (t != VQR_TEMPLATE_CARD && t != VQR_TEMPLATE_RECEIPT)
        cli_puts("      --dpi N           PNG resolution, 72-1200 (default 300)\n", f);
    cli_puts("      --ecc L|M|Q|H     error correction (default M)\n"
             "      --min-module-mm MM  smallest printed module (default 0.5)\n"
             "      --mono            PNG: 1-bit black and white\n"
             "      --south, --tu     amount in words in southern usage, with \"tư\"\n"
             "      --font FAMILY     font family (default \"Noto Sans\")\n"
             "      --doc-title TEXT  title of the document (PDF information, SVG, PNG)\n"
             "      --lang LANG       messages in 'en' (default) or 'vi'\n"
             "  -h, --help            show this help\n"
             "\n"
             "Exit status: 0 success, 1 invalid field or a document that cannot be laid out,\n"
             "2 usage error, 3 input/output error.\n",
             f);
}

/* The option a field of the library is given by, for messages. */
static void option_of(const char *tag, char *out, size_t cap)
{
    for (int i = 0; i < CLI_P_COUNT; i++)
        if (strcmp(tag, cli_pfields[i].field) == 0) {
            (void)snprintf(out, cap, "--%s", cli_pfields[i].option);
            return;
        }
    if (strcmp(tag, "purpose") == 0 || strcmp(tag, "reference") == 0) {
        (void)snprintf(out, cap, "--%s", strcmp(tag, "purpose") == 0 ? "purpose" : "bill");
    } else if (strncmp(tag, "item.", 5) == 0) {
        unsigned long n = strtoul(tag + 5, NULL, 10);
        (void)snprintf(out, cap, "--item (the %lu%s)", n + 1,
                       n == 0   ? "st"
                       : n == 1 ? "nd"
                       : n == 2 ? "rd"
                                : "th");
    } else if (strcmp(tag, "items") == 0) {
        (void)snprintf(out, cap, "--item");
    } else if (strcmp(tag, "qr") == 0) {
        (void)snprintf(out, cap, "the QR code");
    } else if (strcmp(tag, "words") == 0 || strcmp(tag, "total") == 0 ||
               strcmp(tag, "amount") == 0) {
        (void)snprintf(out, cap, "the amount");
    } else if (strcmp(tag, "min_module") == 0) {
        (void)snprintf(out, cap, "--min-module-mm");
    } else if (strncmp(tag, "label.", 6) == 0 || strcmp(tag, "layout") == 0) {
        (void)snprintf(out, cap, "the page");
    } else {
        (void)snprintf(out, cap, "%s", tag);
    }
}

static int print_error(const char *cmd, const vqr_error *e, bool vi)
{
    char where[64];
    option_of(e->tag, where, sizeof where);
    const char *msg = vi ? e->message_vi : e->message;
    if (e->code == VQR_ERR_PRINT_TEXT_TOO_LONG && strcmp(where, "the page") != 0)
        cli_error(cmd, "%s: %s; shorten it (%s)", where, msg, e->name);
    else if (e->code == VQR_ERR_PRINT_TOTAL)
        cli_error(cmd, "--item: the items add up to %zu, not the --amount (%s)", e->limit, e->name);
    else if (e->code == VQR_ERR_PRINT_QR_TOO_DENSE)
        cli_error(cmd, "%s: %s (%zu modules a side); lower --ecc or --min-module-mm (%s)", where,
                  msg, e->limit, e->name);
    else if (where[0])
        cli_error(cmd, "%s: %s (%s)", where, msg, e->name);
    else
        cli_error(cmd, "%s (%s)", msg, e->name);
    if (e->code == VQR_ERR_NO_MEMORY)
        return CLI_IO;
    return CLI_INVALID;
}

/* "Học phí học kỳ 1=1.500.000": the label and the amount after the last '='. */
static int parse_item(const char *cmd, const char *arg, vqr_print_item *item, char **label)
{
    const char *eq = strrchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
        return cli_usage(cmd, "--item takes LABEL=AMOUNT, not '%s'", arg);
    /* Amounts as people write them: the library's one rule. */
    char digits[32];
    int64_t read = 0;
    if (vqr_recon_amount_parse(eq + 1, strlen(eq + 1), &read, NULL) != VQR_OK || read < 0) {
        cli_error(cmd, "--item '%s': '%s' is not an amount of VND (1.500.000)", arg, eq + 1);
        return CLI_INVALID;
    }
    (void)snprintf(digits, sizeof digits, "%lld", (long long)read);
    vqr_error e;
    VQR_INIT(&e);
    uint64_t v = 0;
    if (strspn(digits, "0") != strlen(digits) &&
        vqr_amount_parse(digits, strlen(digits), 704, &v, &e) != VQR_OK) {
        cli_error(cmd, "--item '%s': %s (%s)", arg, e.message, e.name);
        return CLI_INVALID;
    }
    size_t n = (size_t)(eq - arg);
    *label = malloc(n + 1);
    if (!*label)
        return cli_io_error(cmd, "out of memory", NULL);
    memcpy(*label, arg, n);
    (*label)[n] = '\0';
    item->label = *label;
    item->amount = v;
    return CLI_OK;
}

typedef struct sink {
    vqr_af af;
    bool to_stdout;
    int error;
} sink;

static int sink_write(void *ctx, const unsigned char *data, size_t len)
{
    sink *s = ctx;
    if (s->to_stdout) {
        if (fwrite(data, 1, len, stdout) != len) {
            s->error = 1;
            return -1;
        }
        return 0;
    }
    int rc = vqr_af_write(&s->af, data, len);
    if (rc) {
        s->error = rc;
        return -1;
    }
    return 0;
}

static int run(const char *cmd, vqr_template t, int argc, char **argv)
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
        { "title", required_argument, NULL, OPT_TEXT + CLI_P_TITLE },
        { "issuer", required_argument, NULL, OPT_TEXT + CLI_P_ISSUER },
        { "address", required_argument, NULL, OPT_TEXT + CLI_P_ADDRESS },
        { "payer", required_argument, NULL, OPT_TEXT + CLI_P_PAYER },
        { "payer-code", required_argument, NULL, OPT_TEXT + CLI_P_PAYER_CODE },
        { "holder", required_argument, NULL, OPT_TEXT + CLI_P_HOLDER },
        { "bank-name", required_argument, NULL, OPT_TEXT + CLI_P_BANK_NAME },
        { "due", required_argument, NULL, OPT_TEXT + CLI_P_DUE },
        { "date", required_argument, NULL, OPT_TEXT + CLI_P_DATE },
        { "how-to-pay", required_argument, NULL, OPT_TEXT + CLI_P_HOW_TO_PAY },
        { "note", required_argument, NULL, OPT_TEXT + CLI_P_NOTE },
        { "stall", required_argument, NULL, OPT_TEXT + CLI_P_STALL },
        { "item", required_argument, NULL, OPT_ITEM },
        { "alnum-account", no_argument, NULL, OPT_ALNUM },
        { "strict-text", no_argument, NULL, OPT_STRICT_TEXT },
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "paper", required_argument, NULL, OPT_PAPER },
        { "dpi", required_argument, NULL, OPT_DPI },
        { "scale", required_argument, NULL, OPT_SCALE },
        { "ecc", required_argument, NULL, OPT_ECC },
        { "min-module-mm", required_argument, NULL, OPT_MODULE },
        { "font", required_argument, NULL, OPT_FONT },
        { "doc-title", required_argument, NULL, OPT_DOC_TITLE },
        { "mono", no_argument, NULL, OPT_MONO },
        { "south", no_argument, NULL, OPT_SOUTH },
        { "tu", no_argument, NULL, OPT_TU },
        { "no-cut-marks", no_argument, NULL, OPT_NO_CUT },
        { "template", required_argument, NULL, OPT_TEMPLATE },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_fields fields;
    memset(&fields, 0, sizeof fields);
    const char *text[CLI_P_COUNT];
    memset(text, 0, sizeof text);
    cli_print api;
    int status = cli_print_open(cmd, &api);
    if (status != CLI_OK)
        return status;
    vqr_print_options o;
    api.options_init(&o, sizeof o, NULL);
    bool format_set = false, vi = false;
    unsigned flags = 0;
    const char *path = NULL;
    vqr_print_item items[VQR_PRINT_ITEMS_MAX];
    char *labels[VQR_PRINT_ITEMS_MAX] = { NULL };
    size_t n_items = 0;
    opterr = 0;
    optind = 1;
    int c;
    while (status == CLI_OK && (c = getopt_long(argc, argv, ":o:f:h", longopts, NULL)) != -1) {
        if (c >= OPT_FIELD && c < OPT_FIELD + CLI_F_COUNT) {
            cli_field f = (cli_field)(c - OPT_FIELD);
            if (fields.v[f])
                status = cli_usage(cmd, "--%s given twice", cli_field_key(f));
            fields.v[f] = optarg;
            continue;
        }
        if (c >= OPT_TEXT && c < OPT_TEXT + CLI_P_COUNT) {
            int i = c - OPT_TEXT;
            if (text[i])
                status = cli_usage(cmd, "--%s given twice", cli_pfields[i].option);
            text[i] = optarg;
            continue;
        }
        unsigned long v;
        switch (c) {
        case OPT_ITEM:
            if (n_items == VQR_PRINT_ITEMS_MAX) {
                status = cli_usage(cmd, "at most %d --item", VQR_PRINT_ITEMS_MAX);
                break;
            }
            status = parse_item(cmd, optarg, &items[n_items], &labels[n_items]);
            if (status == CLI_OK)
                n_items++;
            break;
        case OPT_ALNUM:
            flags |= VQR_VIETQR_ALNUM_ACCOUNT;
            break;
        case OPT_STRICT_TEXT:
            flags |= VQR_VIETQR_STRICT_TEXT;
            break;
        case 'o':
            path = optarg;
            break;
        case 'f':
            format_set = true;
            if (strcmp(optarg, "pdf") == 0)
                o.format = VQR_FORMAT_PDF;
            else if (strcmp(optarg, "png") == 0)
                o.format = VQR_FORMAT_PNG;
            else if (strcmp(optarg, "svg") == 0)
                o.format = VQR_FORMAT_SVG;
            else
                status = cli_usage(cmd, "--format takes pdf, png or svg, not '%s'", optarg);
            break;
        case OPT_PAPER:
            if (!cli_parse_paper(t, optarg, &o.paper))
                status = cli_usage(cmd, "--paper: '%s' is not a paper of the %s", optarg, cmd);
            break;
        case OPT_DPI:
            if (!cli_parse_uint(optarg, VQR_PRINT_MIN_DPI, VQR_PRINT_MAX_DPI, &v))
                status = cli_usage(cmd, "--dpi takes a whole number from %d to %d, not '%s'",
                                   VQR_PRINT_MIN_DPI, VQR_PRINT_MAX_DPI, optarg);
            o.dpi = (unsigned)v;
            break;
        case OPT_SCALE:
            if (!cli_parse_uint(optarg, 1, 4, &v))
                status = cli_usage(cmd, "--scale takes 1, 2, 3 or 4, not '%s'", optarg);
            o.scale = (unsigned)v;
            break;
        case OPT_ECC: {
            static const char levels[] = "LMQH";
            const char *p = optarg[0] && !optarg[1] ? strchr(levels, optarg[0] & ~0x20) : NULL;
            if (!p)
                status = cli_usage(cmd, "--ecc takes L, M, Q or H, not '%s'", optarg);
            else
                o.ecc = (vqr_ecc)(p - levels + 1);
            break;
        }
        case OPT_MODULE: {
            char *end;
            double mm = strtod(optarg, &end);
            if (end == optarg || *end || !(mm >= 0.1 && mm <= 10))
                status = cli_usage(cmd, "--min-module-mm takes 0.1 to 10, not '%s'", optarg);
            o.min_module_mm = mm;
            break;
        }
        case OPT_FONT:
            o.font = optarg;
            break;
        case OPT_DOC_TITLE:
            o.title = optarg;
            break;
        case OPT_MONO:
            o.flags |= VQR_PRINT_MONO;
            break;
        case OPT_SOUTH:
            o.flags |= VQR_PRINT_WORDS_SOUTH;
            break;
        case OPT_TU:
            o.flags |= VQR_PRINT_WORDS_TU;
            break;
        case OPT_NO_CUT:
            o.flags |= VQR_PRINT_NO_CUT_MARKS;
            break;
        case OPT_TEMPLATE:
            if (t != VQR_TEMPLATE_CARD && t != VQR_TEMPLATE_QR_ONLY && t != VQR_TEMPLATE_COMPACT &&
                t != VQR_TEMPLATE_COMPACT2 && t != VQR_TEMPLATE_PRINT) {
                status = cli_usage(cmd, "--template is an option of 'vietqr card'");
                break;
            }
            if (api.template_find(optarg, strlen(optarg), &t, NULL) != VQR_OK ||
                !(t == VQR_TEMPLATE_CARD || t == VQR_TEMPLATE_QR_ONLY ||
                  t == VQR_TEMPLATE_COMPACT || t == VQR_TEMPLATE_COMPACT2 ||
                  t == VQR_TEMPLATE_PRINT))
                status = cli_usage(cmd,
                                   "--template takes card, qr_only, compact, compact2 or print, "
                                   "not '%s'",
                                   optarg);
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &vi))
                status = cli_usage(cmd, "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            print_usage(cmd, t, stdout);
            status = cli_flush_stdout(cmd);
            goto done;
        default:
            status = cli_bad_option(cmd, c, argv);
            break;
        }
    }
    if (status != CLI_OK)
        goto done;
    if (optind < argc) {
        status = cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
        goto done;
    }
    if (!fields.v[CLI_F_BANK]) {
        status = cli_usage(cmd, "--bank is required");
        goto done;
    }
    if (!!fields.v[CLI_F_ACCOUNT] + !!fields.v[CLI_F_CARD] + !!fields.v[CLI_F_MERCHANT] != 1) {
        status = cli_usage(cmd, "give exactly one of --account, --card, --merchant");
        goto done;
    }
    bool to_stdout = !path || strcmp(path, "-") == 0;
    if (!format_set) {
        const char *dot = to_stdout ? NULL : strrchr(path, '.');
        const char *slash = to_stdout ? NULL : strrchr(path, '/');
        if (dot && (!slash || dot > slash) && strcmp(dot, ".pdf") == 0)
            o.format = VQR_FORMAT_PDF;
        else if (dot && (!slash || dot > slash) && strcmp(dot, ".png") == 0)
            o.format = VQR_FORMAT_PNG;
        else if (dot && (!slash || dot > slash) && strcmp(dot, ".svg") == 0)
            o.format = VQR_FORMAT_SVG;
        else {
            status = to_stdout
                         ? cli_usage(cmd, "give -o FILE (.pdf, .png, .svg) or --format")
                         : cli_usage(cmd, "cannot tell the format of '%s': use --format", path);
            goto done;
        }
    }
    if (to_stdout && o.format != VQR_FORMAT_SVG && isatty(STDOUT_FILENO)) {
        status = cli_usage(cmd, "will not write %s to a terminal: use -o FILE",
                           o.format == VQR_FORMAT_PDF ? "PDF" : "PNG");
        goto done;
    }

    /* The items' total is the amount when none is given. */
    char total[32];
    if (n_items && !fields.v[CLI_F_AMOUNT]) {
        uint64_t sum = 0;
        for (size_t i = 0; i < n_items; i++)
            sum += items[i].amount < UINT64_C(10000000000000) ? items[i].amount
                                                              : UINT64_C(10000000000000);
        (void)snprintf(total, sizeof total, "%llu", (unsigned long long)sum);
        if (sum)
            fields.v[CLI_F_AMOUNT] = total;
    }

    /* The payload, as encode builds it. */
    static vqr_payload p;
    vqr_vietqr_report rep;
    VQR_INIT(&rep);
    vqr_error e;
    VQR_INIT(&e);
    cli_field bad;
    if (cli_build(&fields, flags, &p, &rep, &e, &bad) != VQR_OK) {
        char msg[512];
        cli_build_message(&e, bad, "--", vi, msg, sizeof msg);
        cli_error(cmd, "%s", msg);
        status = CLI_INVALID;
        goto done;
    }
    cli_report_folding(cmd, &rep, vi);
    if (!rep.bank_known)
        cli_error(cmd,
                  vi ? "BIN %s không có trong danh bạ ngân hàng; hãy kiểm tra lại"
                     : "BIN %s is not in the bank directory; check it",
                  rep.bin);
    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    if (vqr_payload_write(&p, VQR_WRITE_CANONICAL, payload, sizeof payload, &len, &e) != VQR_OK) {
        cli_error(cmd, "%s (%s %s)", vi ? e.message_vi : e.message, e.name, e.tag);
        status = CLI_INVALID;
        goto done;
    }

    /* The document's fields: what was typed, with its diacritics. */
    vqr_print_fields f;
    api.fields_init(&f, sizeof f, NULL);
    f.payload = payload;
    f.payload_len = len;
    f.title = text[CLI_P_TITLE];
    f.issuer = text[CLI_P_ISSUER];
    f.address = text[CLI_P_ADDRESS];
    f.payer = text[CLI_P_PAYER];
    f.payer_code = text[CLI_P_PAYER_CODE];
    f.holder = text[CLI_P_HOLDER] ? text[CLI_P_HOLDER] : fields.v[CLI_F_NAME];
    f.bank = text[CLI_P_BANK_NAME];
    f.purpose = fields.v[CLI_F_PURPOSE];
    f.reference = fields.v[CLI_F_BILL];
    f.due_date = text[CLI_P_DUE];
    f.date = text[CLI_P_DATE];
    f.how_to_pay = text[CLI_P_HOW_TO_PAY];
    f.note = text[CLI_P_NOTE];
    f.stall = text[CLI_P_STALL];
    f.items = items;
    f.item_count = n_items;

    sink s;
    memset(&s, 0, sizeof s);
    s.af.fd = -1;
    s.to_stdout = to_stdout;
    if (!to_stdout) {
        int rc = vqr_af_open(&s.af, path);
        if (rc) {
            status = cli_write_error(cmd, path, rc);
            goto done;
        }
    }
    vqr_print_doc *doc = NULL;
    vqr_status st = api.doc_new(&o, NULL, sink_write, &s, &doc, &e);
    if (st == VQR_OK)
        st = api.doc_add(doc, t, &f, &e);
    if (st == VQR_OK)
        st = api.doc_finish(doc, NULL, NULL, &e);
    api.doc_free(doc);
    if (st != VQR_OK) {
        if (!to_stdout)
            vqr_af_abort(&s.af);
        if (st == VQR_ERR_IO)
            status = to_stdout ? cli_io_error(cmd, "cannot write", "standard output")
                               : cli_write_error(cmd, path, s.error);
        else
            status = print_error(cmd, &e, vi);
        goto done;
    }
    if (to_stdout) {
        status = cli_flush_stdout(cmd);
    } else {
        int rc = vqr_af_commit(&s.af);
        status = rc ? cli_write_error(cmd, path, rc) : CLI_OK;
        /* the payload, for the caller's records, as encode prints it */
        if (status == CLI_OK) {
            (void)fwrite(payload, 1, len, stdout);
            cli_putc('\n', stdout);
            status = cli_flush_stdout(cmd);
        }
    }
done:
    for (size_t i = 0; i < n_items; i++)
        free(labels[i]);
    return status;
}

int cmd_card(int argc, char **argv)
{
    return run("card", VQR_TEMPLATE_CARD, argc, argv);
}

int cmd_notice(int argc, char **argv)
{
    return run("notice", VQR_TEMPLATE_NOTICE, argc, argv);
}

int cmd_receipt(int argc, char **argv)
{
    return run("receipt", VQR_TEMPLATE_RECEIPT, argc, argv);
}

int cmd_sticker(int argc, char **argv)
{
    return run("sticker", VQR_TEMPLATE_STICKER, argc, argv);
}
