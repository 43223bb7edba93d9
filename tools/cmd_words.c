/*
 * cmd_words.c - `vietqr words`: an amount in Vietnamese words, as invoices
 * print it under the figures.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static void words_usage(FILE *f)
{
    cli_puts("Usage: vietqr words AMOUNT [--south] [--tu]\n"
             "\n"
             "Prints a VND amount in Vietnamese words and a newline, as invoices and fee\n"
             "notices print it: 1250000 -> \"Một triệu hai trăm năm mươi nghìn đồng\".\n"
             "AMOUNT is whole đồng as digits (as --amount of 'vietqr encode'), at most\n"
             "13 digits; 0 reads \"Không đồng\".\n"
             "\n"
             "Options:\n"
             "      --south     southern usage: \"ngàn\" for nghìn, \"lẻ\" for linh\n"
             "      --tu        \"tư\" for 4 after a tens word from twenty (\"hai mươi tư\")\n"
             "      --lang LANG messages in 'en' (default) or 'vi'\n"
             "  -h, --help      show this help\n"
             "\n"
             "Exit status: 0 success, 1 invalid amount, 2 usage error, 3 output error.\n",
             f);
}

enum { OPT_SOUTH = 300, OPT_TU, OPT_LANG };

int cmd_words(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "south", no_argument, NULL, OPT_SOUTH },
        { "tu", no_argument, NULL, OPT_TU },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    unsigned flags = 0;
    bool vi = false;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_SOUTH:
            flags |= VQR_AMOUNT_WORDS_SOUTH;
            break;
        case OPT_TU:
            flags |= VQR_AMOUNT_WORDS_TU;
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &vi))
                return cli_usage("words", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            words_usage(stdout);
            return cli_flush_stdout("words");
        default:
            return cli_bad_option("words", c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage("words", optind >= argc ? "an AMOUNT is needed" : "one AMOUNT only");
    const char *arg = argv[optind];
    size_t n = strlen(arg);
    uint64_t vnd = 0;
    vqr_error e;
    VQR_INIT(&e);
    /* Zero has words ("Không đồng") though it is no amount of tag 54. */
    bool zero = n > 0 && strspn(arg, "0") == n;
    if (!zero && vqr_amount_parse(arg, n, 704, &vnd, &e) != VQR_OK) {
        cli_error("words", "'%s': %s (%s)%s", arg, vi ? e.message_vi : e.message, e.name,
                  e.code == VQR_ERR_LENGTH ? (vi ? ", tối đa 13 chữ số" : ", at most 13 digits")
                                           : "");
        return CLI_INVALID;
    }
    char buf[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t len;
    if (vqr_amount_words_vi(vnd, 704, flags, buf, sizeof buf, &len, &e) != VQR_OK) {
        cli_error("words", "%s (%s)", vi ? e.message_vi : e.message, e.name);
        return CLI_INVALID;
    }
    cli_printf(stdout, "%s\n", buf);
    return cli_flush_stdout("words");
}
