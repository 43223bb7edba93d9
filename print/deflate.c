/*
 * deflate.c - the zlib stream of a filtered PNG image, made for pages of
 * flat colour: one deflate block (RFC 1951, dynamic Huffman codes) of
 * literals and runs (a byte repeated: a match at distance 1). After the
 * "Up" filter a page is mostly long runs of zeros (blank rows, the rows
 * of a QR module that repeat the row above), which a general compressor
 * searches byte by byte for matches it never needs (libdeflate level 2
 * spends as long on 350 KB of zeros as on the page itself). Two passes
 * over the symbols: their frequencies, then their codes. About four
 * times faster than libdeflate level 2 on the pixel templates, within a
 * few per cent of its size.
 */
#include "print_int.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

/* Bits, least significant first (RFC 1951, 3.1.1). */
typedef struct bits {
    uint64_t acc;
    unsigned n;
    unsigned char *p;
} bits;

static inline void put(bits *b, uint32_t v, unsigned n)
{
    b->acc |= (uint64_t)v << b->n;
    b->n += n;
    if (b->n >= 32) {
        b->p[0] = (unsigned char)b->acc;
        b->p[1] = (unsigned char)(b->acc >> 8);
        b->p[2] = (unsigned char)(b->acc >> 16);
        b->p[3] = (unsigned char)(b->acc >> 24);
        b->p += 4;
        b->acc >>= 32;
        b->n -= 32;
    }
}

static void put_flush(bits *b)
{
    while (b->n > 0) {
        *b->p++ = (unsigned char)b->acc;
        b->acc >>= 8;
        b->n = b->n > 8 ? b->n - 8 : 0;
    }
    b->acc = 0;
}

#define N_LITLEN 286
#define N_CODELEN 19
#define MAX_SYMS N_LITLEN

/* Code lengths of a Huffman code for `freq[0, n)`, none longer than
 * `limit`: while the tree is too deep, the frequencies are halved (every
 * used symbol keeps at least 1), which flattens it. A single used symbol
 * gets a second code (the symbol after or before it), so that the code is
 * complete, as inflate wants of the code length code. */
static void huff_lengths(const uint32_t *freq, int n, unsigned limit, uint8_t *len)
{
    uint32_t f[MAX_SYMS];
    memcpy(f, freq, sizeof f[0] * (size_t)n);
    for (;;) {
        int sym[MAX_SYMS], m = 0;
        for (int i = 0; i < n; i++) {
            len[i] = 0;
            if (f[i])
                sym[m++] = i;
        }
        if (m == 0)
            return;
        if (m == 1) {
            len[sym[0]] = 1;
            len[sym[0] + 1 < n ? sym[0] + 1 : sym[0] - 1] = 1;
            return;
        }
        /* leaves by weight (insertion sort: at most 286, mostly few) */
        for (int i = 1; i < m; i++) {
            int s = sym[i], j = i;
            while (j > 0 && f[sym[j - 1]] > f[s]) {
                sym[j] = sym[j - 1];
                j--;
            }
            sym[j] = s;
        }
        /* Two queues: the leaves, and the inner nodes in the order made
         * (their weights never decrease). */
        uint64_t w[2 * MAX_SYMS];
        int parent[2 * MAX_SYMS] = { 0 }, depth[2 * MAX_SYMS];
        for (int i = 0; i < m; i++)
            w[i] = f[sym[i]];
        int leaf = 0, inner = m, next = m;
        for (int k = 0; k < m - 1; k++) {
            int pick[2];
            for (int t = 0; t < 2; t++)
                pick[t] = leaf < m && (inner >= next || w[leaf] <= w[inner]) ? leaf++ : inner++;
            w[next] = w[pick[0]] + w[pick[1]];
            parent[pick[0]] = parent[pick[1]] = next;
            next++;
        }
        depth[next - 1] = 0;
        unsigned deepest = 0;
        for (int i = next - 2; i >= 0; i--)
            depth[i] = depth[parent[i]] + 1;
        for (int i = 0; i < m; i++) {
            len[sym[i]] = (uint8_t)depth[i];
            if ((unsigned)depth[i] > deepest)
                deepest = (unsigned)depth[i];
        }
        if (deepest <= limit)
            return;
        for (int i = 0; i < n; i++)
            if (f[i])
                f[i] = (f[i] >> 1) | 1u;
    }
}

/* Canonical codes from lengths (RFC 1951, 3.2.2), bit-reversed for
 * writing least significant bit first. */
static void huff_codes(const uint8_t *len, int n, uint16_t *code)
{
    unsigned count[16] = { 0 }, next[16];
    for (int i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    unsigned c = 0;
    for (int b = 1; b < 16; b++) {
        c = (c + count[b - 1]) << 1;
        next[b] = c;
    }
    for (int i = 0; i < n; i++) {
        if (!len[i]) {
            code[i] = 0;
            continue;
        }
        unsigned v = next[len[i]]++, r = 0;
        for (unsigned k = 0; k < len[i]; k++) {
            r = (r << 1) | (v & 1u);
            v >>= 1;
        }
        code[i] = (uint16_t)r;
    }
}

static const uint16_t k_len_base[29] = { 3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                         15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                         67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t k_len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                         2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };

/* The length code (0..28) of a match of `len` bytes, 3 <= len <= 258. */
static unsigned len_code(unsigned len)
{
    unsigned lo = 0, hi = 28;
    while (lo < hi) {
        unsigned mid = (lo + hi + 1) / 2;
        if (k_len_base[mid] <= len)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Index of the first byte from `i` that is not `c`. */
static size_t run_end(const unsigned char *in, size_t i, size_t n, unsigned char c)
{
    uint64_t pat = 0x0101010101010101u * c;
    while (i + 8 <= n) {
        uint64_t v;
        memcpy(&v, in + i, 8);
        if (v != pat)
            break;
        i += 8;
    }
    while (i < n && in[i] == c)
        i++;
    return i;
}

/* A symbol of the input: a literal byte (0-255), or a match of distance 1
 * and length L (3-258) as 256 + L. */
#define TOKENS (256 + 259)

/* What each symbol is written as: its code (with a match's extra bits and
 * its distance code after it), and how many bits. */
typedef struct table {
    uint32_t bits[TOKENS];
    uint8_t n[TOKENS];
} table;

/* The input as literals and runs: a run of a byte is the byte, then
 * matches of distance 1 of at most 258 bytes (none shorter than 3). With
 * `freq`, counts the literal/length symbols (length code of a match of L
 * bytes: code_of[L]) and stores the symbols in `tok` (when not NULL);
 * with `b`, writes them with the codes of `t`. */
static void scan(const unsigned char *in, size_t n, const uint8_t *code_of, uint32_t *freq,
                 uint16_t *tok, size_t *ntok, const table *t, bits *b)
{
    size_t i = 0, nt = 0;
    while (i < n) {
        unsigned char c = in[i++];
        if (b)
            put(b, t->bits[c], t->n[c]);
        if (freq)
            freq[c]++;
        if (tok)
            tok[nt++] = c;
        size_t end = run_end(in, i, n, c);
        size_t run = end - i;
        while (run >= 3) {
            unsigned l = run > 258 ? 258 : (unsigned)run;
            if (run > 258 && run - 258 < 3)
                l = (unsigned)run - 3; /* leaves a match of 3 */
            if (b)
                put(b, t->bits[256 + l], t->n[256 + l]);
            if (freq)
                freq[257 + code_of[l]]++;
            if (tok)
                tok[nt++] = (uint16_t)(256 + l);
            run -= l;
        }
        i = end - run;
    }
    if (ntok)
        *ntok = nt;
}

size_t vp_deflate_bound(size_t n)
{
    /* at most 15 bits a literal, fewer per byte for a match; the header
     * (code lengths) is under 1,000 bits */
    if (n > (SIZE_MAX - 1024) / 2)
        return 0;
    return 2 * n + 1024;
}

size_t vp_deflate_zlib(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    if (cap < vp_deflate_bound(n) || vp_deflate_bound(n) == 0)
        return 0;
    uint8_t code_of[259] = { 0 };
    for (unsigned l = 3; l <= 258; l++)
        code_of[l] = (uint8_t)len_code(l);
    /* The symbols are kept for the second pass (2 bytes each, at most one
     * per input byte); without the memory, the input is read again. */
    uint16_t *tok = malloc(sizeof *tok * (n ? n : 1));
    size_t ntok = 0;
    uint32_t freq[N_LITLEN] = { 0 };
    scan(in, n, code_of, freq, tok, &ntok, NULL, NULL);
    freq[256] = 1; /* end of block */
    uint8_t len[N_LITLEN];
    uint16_t code[N_LITLEN];
    huff_lengths(freq, N_LITLEN, 15, len);
    huff_codes(len, N_LITLEN, code);
    table tab, *t = &tab;
    for (unsigned c = 0; c < 256; c++) {
        t->bits[c] = code[c];
        t->n[c] = len[c];
    }
    for (unsigned l = 3; l <= 258; l++) {
        /* the length's code, its extra bits, distance code 0 in one bit */
        unsigned s = code_of[l], sym = 257 + s;
        t->bits[256 + l] = code[sym] | (uint32_t)(l - k_len_base[s]) << len[sym];
        t->n[256 + l] = (uint8_t)(len[sym] + k_len_extra[s] + 1);
    }
    int hlit = N_LITLEN;
    while (hlit > 257 && !len[hlit - 1])
        hlit--;
    /* Distances: two codes of one bit (a complete code); only distance
     * 1, code 0, is used. */
    const int hdist = 2;

    /* The code lengths of both codes, with 16 (repeat the previous 3-6
     * times), 17 (3-10 zeros) and 18 (11-138 zeros). */
    uint8_t all[N_LITLEN + 2];
    int na = 0;
    for (int i = 0; i < hlit; i++)
        all[na++] = len[i];
    all[na++] = 1;
    all[na++] = 1;
    uint8_t cl[N_LITLEN + 2], cl_extra[N_LITLEN + 2];
    int ncl = 0;
    uint32_t cl_freq[N_CODELEN] = { 0 };
    for (int i = 0; i < na;) {
        uint8_t v = all[i];
        int r = 1;
        while (i + r < na && all[i + r] == v)
            r++;
        if (v == 0 && r >= 11) {
            int l = r > 138 ? 138 : r;
            cl[ncl] = 18;
            cl_extra[ncl] = (uint8_t)(l - 11);
            cl_freq[cl[ncl++]]++;
            i += l;
        } else if (v == 0 && r >= 3) {
            cl[ncl] = 17;
            cl_extra[ncl] = (uint8_t)(r - 3);
            cl_freq[cl[ncl++]]++;
            i += r;
        } else if (v != 0 && r >= 4) {
            int l = r - 1 > 6 ? 6 : r - 1;
            cl[ncl] = v;
            cl_extra[ncl] = 0;
            cl_freq[cl[ncl++]]++;
            cl[ncl] = 16;
            cl_extra[ncl] = (uint8_t)(l - 3);
            cl_freq[cl[ncl++]]++;
            i += 1 + l;
        } else {
            cl[ncl] = v;
            cl_extra[ncl] = 0;
            cl_freq[cl[ncl++]]++;
            i++;
        }
    }
    uint8_t cl_len[N_CODELEN];
    uint16_t cl_code[N_CODELEN];
    huff_lengths(cl_freq, N_CODELEN, 7, cl_len);
    huff_codes(cl_len, N_CODELEN, cl_code);
    static const uint8_t k_order[N_CODELEN] = { 16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                11, 4,  12, 3, 13, 2, 14, 1, 15 };
    int hclen = N_CODELEN;
    while (hclen > 4 && !cl_len[k_order[hclen - 1]])
        hclen--;

    /* zlib header: deflate, 32 KiB window, "fastest" (RFC 1950) */
    out[0] = 0x78;
    out[1] = 0x01;
    bits b = { 0, 0, out + 2 };
    put(&b, 1, 1); /* the last block */
    put(&b, 2, 2); /* dynamic Huffman codes */
    put(&b, (uint32_t)(hlit - 257), 5);
    put(&b, (uint32_t)(hdist - 1), 5);
    put(&b, (uint32_t)(hclen - 4), 4);
    for (int i = 0; i < hclen; i++)
        put(&b, cl_len[k_order[i]], 3);
    static const uint8_t k_cl_extra_bits[3] = { 2, 3, 7 };
    for (int i = 0; i < ncl; i++) {
        put(&b, cl_code[cl[i]], cl_len[cl[i]]);
        if (cl[i] >= 16)
            put(&b, cl_extra[i], k_cl_extra_bits[cl[i] - 16]);
    }
    if (tok) {
        for (size_t i = 0; i < ntok; i++)
            put(&b, t->bits[tok[i]], t->n[tok[i]]);
    } else {
        scan(in, n, code_of, NULL, NULL, NULL, t, &b);
    }
    free(tok);
    put(&b, code[256], len[256]);
    put_flush(&b);
    uint32_t a = libdeflate_adler32(1, in, n);
    unsigned char *p = b.p;
    p[0] = (unsigned char)(a >> 24);
    p[1] = (unsigned char)(a >> 16);
    p[2] = (unsigned char)(a >> 8);
    p[3] = (unsigned char)a;
    return (size_t)(p + 4 - out);
}
