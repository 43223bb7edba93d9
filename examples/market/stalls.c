/*
 * stalls.c - reading the market's list of stalls (see stalls.h).
 */
#include "stalls.h"

#include <stdio.h>
#include <string.h>

#include "vietqr.h"

stall g_stall[MAX_STALLS];
size_t g_nstall;

/* Splits a line at commas (no quoting) into at most `max` fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < max;) {
        f[n++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p++ = '\0';
    }
    return n;
}

/* Copies a cell whole, or says which one is too long (never cuts it). */
static int copy_cell(char *dst, size_t cap, const char *src, const char *column, const char *path,
                     int lineno)
{
    size_t n = strlen(src);
    if (n >= cap) {
        fprintf(stderr, "%s:%d: %s: %zu bytes, at most %zu\n", path, lineno, column, n, cap - 1);
        return -1;
    }
    memcpy(dst, src, n + 1);
    return 0;
}

int read_stalls(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[512];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        char *c[5];
        if (++lineno == 1 || line[0] == '\n')
            continue; /* the header */
        if (split(line, c, 5) != 5 || g_nstall == MAX_STALLS) {
            fprintf(stderr, "%s:%d: expected stall,bank,account,name,label\n", path, lineno);
            fclose(f);
            return -1;
        }
        stall *s = &g_stall[g_nstall++];
        if (copy_cell(s->id, sizeof s->id, c[0], "stall", path, lineno) ||
            copy_cell(s->bank, sizeof s->bank, c[1], "bank", path, lineno) ||
            copy_cell(s->account, sizeof s->account, c[2], "account", path, lineno) ||
            copy_cell(s->name, sizeof s->name, c[3], "name", path, lineno) ||
            copy_cell(s->label, sizeof s->label, c[4], "label", path, lineno)) {
            fclose(f);
            return -1;
        }
        /* The bank as a BIN: the list may name it ("Vietcombank"). */
        const vqr_bank *b = NULL;
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_bank_find(s->bank, strlen(s->bank), &b, &e) != VQR_OK) {
            fprintf(stderr, "%s:%d: bank '%s': %s\n", path, lineno, s->bank, e.message);
            fclose(f);
            return -1;
        }
        memcpy(s->bin, b->bin, 7);
    }
    fclose(f);
    return 0;
}
