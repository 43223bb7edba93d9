/*
 * print_api.c - libvietqr-print, opened when a command needs it.
 *
 * The vietqr tool does not link libvietqr-print: a command that draws a
 * document (card, notice, receipt, sticker, batch --template) opens it
 * with dlopen() and finds its functions by name. Every other command
 * starts without loading cairo, pango, fontconfig and glib (tens of
 * libraries, and their start-up work), and runs where they are not
 * installed. The library is found as the dynamic linker finds any: the
 * tool's run path (the build tree, or the installed libdir) and the
 * system's library path; VIETQR_PRINT_LIB, when set, names the file to
 * open instead (as for the Python binding; the tests set it, since a
 * sanitizer's dlopen() does not search the tool's run path). It stays
 * loaded until the process ends: glib, which pango uses, cannot be
 * unloaded.
 */
#include "cli.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

/* The soname, with the ABI major of libvietqr (they are built together). */
#define PRINT_SONAME "libvietqr-print.so.0"

int cli_print_open(const char *cmd, cli_print *p)
{
    memset(p, 0, sizeof *p);
    const char *path = getenv("VIETQR_PRINT_LIB");
    void *h = dlopen(path && path[0] ? path : PRINT_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        cli_error(cmd,
                  "cannot draw documents: %s (libvietqr-print is built when cairo and "
                  "pango are installed)",
                  why ? why : PRINT_SONAME);
        return CLI_IO;
    }
    /* Each symbol by name; a pointer to object and a pointer to function
     * have the same representation on every platform dlsym() exists on
     * (POSIX requires it). */
#define FIND(field, name)                                                                      \
    do {                                                                                       \
        void *sym = dlsym(h, name);                                                            \
        if (!sym) {                                                                            \
            cli_error(cmd, "%s: %s has no %s (an older library?)", PRINT_SONAME, PRINT_SONAME, \
                      name);                                                                   \
            return CLI_IO;                                                                     \
        }                                                                                      \
        memcpy(&p->field, &sym, sizeof sym);                                                   \
    } while (0)
    FIND(options_init, "vqr_print_options_init");
    FIND(fields_init, "vqr_print_fields_init");
    FIND(template_find, "vqr_template_find");
    FIND(template_name, "vqr_template_name");
    FIND(doc_new, "vqr_print_doc_new");
    FIND(doc_add, "vqr_print_doc_add");
    FIND(doc_pages, "vqr_print_doc_pages");
    FIND(doc_count, "vqr_print_doc_count");
    FIND(doc_finish, "vqr_print_doc_finish");
    FIND(doc_free, "vqr_print_doc_free");
    FIND(init, "vqr_print_init");
    FIND(render, "vqr_print_render");
    FIND(measure, "vqr_print_measure");
    FIND(doc_add_layout, "vqr_print_doc_add_layout");
    FIND(layout_free, "vqr_print_layout_free");
#undef FIND
    p->handle = h;
    return CLI_OK;
}

const cli_pfield_info cli_pfields[CLI_P_COUNT] = {
    [CLI_P_TITLE] = { "title", "title", "title" },
    [CLI_P_ISSUER] = { "issuer", "issuer", "issuer" },
    [CLI_P_ADDRESS] = { "address", "address", "address" },
    [CLI_P_PAYER] = { "payer", "payer", "payer" },
    [CLI_P_PAYER_CODE] = { "payer-code", "payer_code", "payer_code" },
    [CLI_P_HOLDER] = { "holder", "holder", "holder" },
    [CLI_P_BANK_NAME] = { "bank-name", "bank", "bank_name" },
    [CLI_P_DUE] = { "due", "due_date", "due" },
    [CLI_P_DATE] = { "date", "date", "date" },
    [CLI_P_HOW_TO_PAY] = { "how-to-pay", "how_to_pay", "how_to_pay" },
    [CLI_P_NOTE] = { "note", "note", "note" },
    [CLI_P_STALL] = { "stall", "stall", "stall" },
};

void cli_pfield_set(vqr_print_fields *f, cli_pfield p, const char *v)
{
    switch (p) {
    case CLI_P_TITLE:
        f->title = v;
        break;
    case CLI_P_ISSUER:
        f->issuer = v;
        break;
    case CLI_P_ADDRESS:
        f->address = v;
        break;
    case CLI_P_PAYER:
        f->payer = v;
        break;
    case CLI_P_PAYER_CODE:
        f->payer_code = v;
        break;
    case CLI_P_HOLDER:
        f->holder = v;
        break;
    case CLI_P_BANK_NAME:
        f->bank = v;
        break;
    case CLI_P_DUE:
        f->due_date = v;
        break;
    case CLI_P_DATE:
        f->date = v;
        break;
    case CLI_P_HOW_TO_PAY:
        f->how_to_pay = v;
        break;
    case CLI_P_NOTE:
        f->note = v;
        break;
    case CLI_P_STALL:
        f->stall = v;
        break;
    default:
        break;
    }
}

bool cli_parse_paper(vqr_template t, const char *arg, vqr_paper *out)
{
    static const struct {
        const char *name;
        vqr_template t;
        vqr_paper paper;
    } k[] = {
        { "a5", VQR_TEMPLATE_NOTICE, VQR_PAPER_A5 },
        { "a4", VQR_TEMPLATE_NOTICE, VQR_PAPER_A4_TWO_UP },
        { "58", VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_58 },
        { "80", VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_80 },
        { "a6", VQR_TEMPLATE_STICKER, VQR_PAPER_A6 },
        { "100", VQR_TEMPLATE_STICKER, VQR_PAPER_SQUARE_100 },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (k[i].t == t && strcmp(arg, k[i].name) == 0) {
            *out = k[i].paper;
            return true;
        }
    return false;
}
