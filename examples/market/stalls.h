/*
 * stalls.h - the market's list of stalls (stalls.csv), shared by
 * market_stickers.c and market_check.c.
 *
 * STALLS.csv: a header, then one stall a line, comma-separated, no
 * quoting: stall,bank,account,name,label (name: the account holder as the
 * bank shows it; label: what the sticker calls the stall).
 */
#ifndef MARKET_STALLS_H
#define MARKET_STALLS_H

#include <stddef.h>

#define MAX_STALLS 64

typedef struct stall {
    char id[16];
    char bank[64];
    char account[32];
    char name[96];
    char label[128];
    char bin[7]; /* the bank's BIN, from the directory */
} stall;

extern stall g_stall[MAX_STALLS];
extern size_t g_nstall;

/* Reads the list; 0, or -1 after saying why on stderr. */
int read_stalls(const char *path);

#endif
