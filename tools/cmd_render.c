/*
 * cmd_render.c - `vietqr render`: any payload (a VietQR or not, any UTF-8
 * text) drawn as a QR code in PNG, SVG or for the terminal.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void render_usage(FILE *f)
{
    cli_puts("Usage: vietqr render [OPTIONS] PAYLOAD|- [-o FILE]\n"
             "\n"
             "Draws a payload as a QR code: Byte mode, with the UTF-8 ECI when it holds\n"
             "non-ASCII text, as EMVCo requires. Any payload is drawn, a VietQR or not;\n"
             "'vietqr check' tells whether it is valid. '-' reads the payload from\n"
             "standard input; a line break at its end is dropped.\n"
             "\n"
             "Options:\n"
             "  -o, --output FILE   write FILE (whole or not at all); its extension (.png,\n"
             "                      .svg) gives the format; '-' is standard output\n"
             "  -f, --format FMT    png, svg or term (default: the extension of FILE, or\n"
             "                      term on standard output)\n"
             "      --title TEXT    SVG: a <title>\n",
             f);
    cli_puts(cli_render_help, f);
    cli_puts(cli_strict_size_help, f);
    cli_puts("  -h, --help          show this help\n"
             "\n"
             "Exit status: 0 success, 1 the payload does not fit a QR code (or the print size\n"
             "is too small), 2 usage error, 3 input/output error.\n",
             f);
}

int cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "title", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        CLI_RENDER_LONGOPTS,
        CLI_STRICT_SIZE_LONGOPT,
        { NULL, 0, NULL, 0 },
    };
    cli_render r;
    cli_render_init(&r);
    const char *path = NULL;
    cli_format fmt = CLI_FORMAT_NONE;
    opterr = 0;
    optind = 1;
    int c, st;
    while ((c = getopt_long(argc, argv, ":o:f:h", longopts, NULL)) != -1) {
        if (cli_render_option("render", &r, c, optarg, &st)) {
            if (st != CLI_OK)
                return st;
            continue;
        }
        switch (c) {
        case 'o':
            path = optarg;
            break;
        case 'f':
            fmt = cli_format_by_name(optarg);
            if (fmt == CLI_FORMAT_NONE || fmt == CLI_FORMAT_PAYLOAD)
                return cli_usage("render", "--format takes png, svg or term, not '%s'", optarg);
            break;
        case 't':
            r.opt.title = optarg;
            break;
        case 'h':
            render_usage(stdout);
            return cli_flush_stdout("render");
        default:
            return cli_bad_option("render", c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage("render", optind >= argc ? "a PAYLOAD (or '-') is needed"
                                                  : "one PAYLOAD only (or '-')");
    if ((st = cli_render_finish("render", &r)) != CLI_OK)
        return st;
    bool to_stdout = !path || strcmp(path, "-") == 0;
    if (fmt == CLI_FORMAT_NONE) {
        fmt = to_stdout ? CLI_FORMAT_TERM : cli_format_by_path(path);
        if (fmt != CLI_FORMAT_PNG && fmt != CLI_FORMAT_SVG && fmt != CLI_FORMAT_TERM)
            return cli_usage("render", "cannot tell the format of '%s': use --format", path);
    }
    if (to_stdout && fmt == CLI_FORMAT_PNG && isatty(STDOUT_FILENO))
        return cli_usage("render", "will not write PNG to a terminal: use -o FILE");

    char *payload;
    size_t len;
    if ((st = cli_payload_operand("render", argv[optind], &payload, &len)) != CLI_OK)
        return st;
    /* Drawn as it is, but not without saying what a phone will show. */
    static vqr_payload p;
    char unsafe[512];
    vqr_payload_parse(&p, payload, len, VQR_PARSE_LENIENT, NULL);
    if (cli_unsafe_describe(&p, payload, len, false, unsafe, sizeof unsafe))
        cli_error("render", "warning: %s", unsafe);
    st = cli_render_out("render", payload, len, &r, fmt, path);
    free(payload);
    return st;
}
