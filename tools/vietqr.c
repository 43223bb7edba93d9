/*
 * vietqr.c - the vietqr command-line tool: dispatches to one subcommand.
 *
 *   vietqr encode | decode | check | explain | banks | render | batch | restamp | words
 *          | reconcile | scan | verify | serve
 *
 * Exit codes everywhere: 0 success, 1 invalid input, 2 usage error,
 * 3 I/O error.
 */
#include "cli.h"

#include <string.h>

#ifndef VQR_HAVE_SERVE
/* Built without the HTTP service (meson -Dserve=disabled, or its libraries
 * missing). */
int cmd_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("serve", "this vietqr was built without the HTTP service (it needs "
                       "libmicrohttpd, libpng and libjpeg-turbo; meson -Dserve=enabled)");
    return CLI_USAGE;
}
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command k_commands[] = {
    { "encode", cmd_encode, "build a VietQR from a bank, an account and an amount" },
    { "decode", cmd_decode, "read a payload: a summary, or JSON with --json" },
    { "check", cmd_check, "exit 0 when a payload is valid, 1 with the reason when not" },
    { "explain", cmd_explain, "the payload's objects, named, with each problem marked" },
    { "banks", cmd_banks, "list the bank directory, or the banks a name, BIN or code matches" },
    { "render", cmd_render, "draw any payload as a QR code: PNG, SVG or terminal" },
    { "batch", cmd_batch, "one QR image per row of a CSV or JSON Lines file" },
    { "restamp", cmd_restamp, "change the amount, purpose or bill of an existing payload" },
    { "words", cmd_words, "an amount in Vietnamese words, as invoices print it" },
#ifdef VQR_HAVE_PRINT
    { "card", cmd_card, "a payment card (or a VietQR.io image) with the VietQR: PNG, PDF, SVG" },
    { "notice", cmd_notice, "an A5 fee notice with the amount in words and the VietQR" },
    { "receipt", cmd_receipt, "a 58 or 80 mm thermal receipt with the VietQR" },
    { "sticker", cmd_sticker, "a counter sticker with a stall's VietQR" },
#endif
    { "reconcile", cmd_reconcile,
      "which issued references a bank statement or webhook events paid" },
    { "scan", cmd_scan, "every QR code of a photo (PNG, JPEG) and who each pays" },
    { "verify", cmd_verify, "check that codes and photos pay the payees they should" },
    { "serve", cmd_serve, "an HTTP service: VietQR.io's generate and Quick Link, offline" },

};

#define N_COMMANDS (sizeof k_commands / sizeof k_commands[0])

static void usage(FILE *f)
{
    cli_puts("Usage: vietqr COMMAND [OPTIONS] [ARGUMENTS]\n"
             "       vietqr --version | --help\n"
             "\n"
             "Build, read, check and draw EMVCo merchant-presented QR payloads and VietQR\n"
             "(NAPAS 247) transfers.\n"
             "\n"
             "Commands:\n",
             f);
    for (size_t i = 0; i < N_COMMANDS; i++)
        cli_printf(f, "  %-9s %s\n", k_commands[i].name, k_commands[i].summary);
    cli_puts("\n"
             "'vietqr COMMAND --help' describes a command.\n"
             "Exit status: 0 success, 1 invalid input, 2 usage error, 3 input/output error.\n",
             f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        cli_printf(stdout, "vietqr %s\n", vqr_version_string());
        return cli_flush_stdout(NULL);
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return cli_flush_stdout(NULL);
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return cli_flush_stdout(NULL);
        }
        for (size_t i = 0; i < N_COMMANDS; i++) {
            if (strcmp(argv[2], k_commands[i].name) == 0) {
                char *help_argv[] = { argv[2], (char *)"--help", NULL };
                return k_commands[i].run(2, help_argv);
            }
        }
        return cli_usage(NULL, "unknown command '%s'", argv[2]);
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, k_commands[i].name) == 0)
            return k_commands[i].run(argc - 1, argv + 1);
    if (name[0] == '-')
        return cli_usage(NULL, "unknown option '%s'", name);
    return cli_usage(NULL, "unknown command '%s'", name);
}
