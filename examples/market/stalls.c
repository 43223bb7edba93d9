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
        snprintf(s->id, sizeof s->id, "%s", c[0]);
        snprintf(s->bank, sizeof s->bank, "%s", c[1]);
        snprintf(s->account, sizeof s->account, "%s", c[2]);
        snprintf(s->name, sizeof s->name, "%s", c[3]);
        snprintf(s->label, sizeof s->label, "%s", c[4]);
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
