/*
 * cmd_banks.c - `vietqr banks [QUERY]`: the bank directory, whole or the
 * banks a query matches (BIN, short name, alias, former name, SWIFT code
 * or full name, ignoring case and diacritics).
 */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const vqr_bank *bank_at(size_t i)
{
    const vqr_bank *b;
    (void)vqr_bank_at(i, &b, NULL);
    return b;
}

static void banks_usage(FILE *f)
{
    cli_puts("Usage: vietqr banks [OPTIONS] [QUERY]\n"
             "\n"
             "Lists the bank directory, or the banks QUERY finds: every bank whose BIN,\n"
             "short name, alias, former name, SWIFT code or full name holds QUERY, in any\n"
             "case, with or without diacritics, spaces or punctuation ('vietcom',\n"
             "'shinhan', 'ngoai thuong', 'cimb', '9704'). The bank 'vietqr encode --bank\n"
             "QUERY' would use is marked with '*'. When nothing matches, the banks QUERY\n"
             "may mean are suggested.\n"
             "\n"
             "Options:\n"
             "  -j, --json        print a JSON array of {bin, short_name, name, swift,\n"
             "                    chosen}\n"
             "  -h, --help        show this help\n"
             "\n"
             "Exit status: 0 at least one bank listed, 1 no bank matches, 2 usage error,\n"
             "3 input/output error.\n",
             f);
}

static json_t *bank_json(const vqr_bank *b, bool chosen)
{
    json_t *o = b ? json_object() : NULL;
    if (!o)
        return NULL;
    if (json_object_set_new(o, "bin", json_string(b->bin)) ||
        json_object_set_new(o, "short_name", json_string(b->short_name)) ||
        json_object_set_new(o, "name", json_string(b->name)) ||
        json_object_set_new(o, "swift", b->swift ? json_string(b->swift) : json_null()) ||
        json_object_set_new(o, "chosen", json_boolean(chosen))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void bank_line(const vqr_bank *b, bool chosen)
{
    if (!b)
        return;
    /* The directory is ours, but it is shown by the same rule as any text. */
    cli_printf(stdout, "%c %s  ", chosen ? '*' : ' ', b->bin);
    cli_put_label(stdout, b->short_name, 20);
    cli_put_label(stdout, b->swift ? b->swift : "-", 9);
    cli_put_mark(stdout, cli_put_str(stdout, b->name), false);
    cli_putc('\n', stdout);
}

int cmd_banks(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool json = false;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case 'h':
            banks_usage(stdout);
            return cli_flush_stdout("banks");
        default:
            return cli_bad_option("banks", c, argv);
        }
    }
    if (argc - optind > 1)
        return cli_usage("banks", "one QUERY at most (quote a name with spaces)");

    size_t n = vqr_bank_count();
    const vqr_bank **list = calloc(n ? n : 1, sizeof(const vqr_bank *));
    if (!list) {
        cli_error("banks", "out of memory");
        return CLI_IO;
    }
    const vqr_bank *chosen = NULL;
    size_t count = 0;
    if (optind < argc) {
        const char *q = argv[optind];
        vqr_error e;
        VQR_INIT(&e);
        vqr_status st = vqr_bank_find_all(q, strlen(q), list, n, &count, &e);
        if (st != VQR_OK && st != VQR_ERR_BANK_UNKNOWN) {
            free(list);
            cli_error("banks", "%s (%s)", e.message, e.name);
            return CLI_INVALID;
        }
        if (vqr_bank_find(q, strlen(q), &chosen, NULL) != VQR_OK)
            chosen = NULL;
    } else {
        for (size_t i = 0; i < n; i++) {
            const vqr_bank *b = bank_at(i);
            if (b)
                list[count++] = b;
        }
    }

    int status = count ? CLI_OK : CLI_INVALID;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < count; i++)
            if (json_array_append_new(arr, bank_json(list[i], list[i] == chosen)) != 0) {
                json_decref(arr);
                arr = NULL;
            }
        if (!arr || cli_json_dump(arr, stdout, JSON_INDENT(2)) != 0 || fputc('\n', stdout) == EOF)
            status = cli_io_error("banks", "cannot write", "standard output");
        json_decref(arr);
    } else {
        for (size_t i = 0; i < count; i++)
            bank_line(list[i], list[i] == chosen);
        if (!count) {
            char hint[256];
            cli_bank_hint(argv[optind], VQR_ERR_BANK_UNKNOWN, false, hint, sizeof hint);
            cli_error("banks", "no bank matches '%s'%s", argv[optind], hint);
        } else if (optind >= argc)
            cli_printf(stdout, "(%zu banks, directory version %s)\n", count,
                       vqr_bank_data_version());
    }
    free(list);
    int w = cli_flush_stdout("banks");
    return w != CLI_OK ? w : status;
}
