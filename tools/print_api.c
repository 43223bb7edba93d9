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
#undef FIND
    p->handle = h;
    return CLI_OK;
}
