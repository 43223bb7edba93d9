/*
 * ref.h - payment references: the check characters and the scanner that
 * finds references in bank transaction descriptions (ref.c), shared with
 * reconciliation (recon.c). Nothing here is part of the ABI.
 */
#ifndef VQR_REF_H
#define VQR_REF_H

#include "vietqr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Size of the alphabet: 0-9 then A-Z. */
#define VQR_REF_RADIX 36u

/* The value of an upper-case letter or a digit (0-35), or -1. */
static inline int vqr_ref_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return -1;
}

/* The character of a value 0-35. */
static inline char vqr_ref_char(unsigned v)
{
    return (char)(v < 10 ? '0' + v : 'A' + (v - 10));
}

/*
 * ISO/IEC 7064 MOD 1271-36 (see ref.c): the modulus, and the number of
 * check characters after the prefix and the six digits.
 */
#define VQR_REF_MODULUS 1271u
#define VQR_REF_NCHECK 2u

/*
 * The check value (0-1270) of `n` values 0-35: the two check characters
 * are its quotient and remainder by 36 ("ISO79" -> 140 -> "3W").
 */
unsigned vqr_ref_check_value(const unsigned char *v, size_t n);

/*
 * The standard's verification sum of `n` values: the sum of v[i] times
 * 36^(n-1-i), modulo 1271. A string followed by its check characters
 * sums to 1.
 */
unsigned vqr_ref_sum(const unsigned char *v, size_t n);

/* A prefix read and folded to upper case ("hp24" -> "HP24"). */
typedef struct vqr_ref_prefix {
    char s[VQR_REF_PREFIX_MAX + 1];
    size_t len;
} vqr_ref_prefix;

/*
 * Reads a NUL-terminated prefix: 2-6 letters and digits, the first a
 * letter; lower case is folded. VQR_ERR_REF_PREFIX (offset = bad byte, or
 * SIZE_MAX for a bad length) or VQR_ERR_INVALID_ARGUMENT for NULL.
 */
vqr_status vqr_ref_prefix_read(const char *prefix, vqr_ref_prefix *out, vqr_error *err);

/*
 * The scanner behind vqr_ref_find and reconciliation. It reads a memo byte
 * by byte, keeps the last VQR_REF_MAX_LEN letters and digits (folded to
 * upper case, every other byte skipped) and stops at each character that
 * may end a reference: one that follows six digits and one more character.
 * The caller matches the prefix and checks the window of `plen` + 8
 * characters with vqr_ref_scan_valid().
 */
#define VQR_REF_RING 16u
typedef struct vqr_ref_scan {
    const unsigned char *memo;
    size_t len;
    size_t pos;                      /* next byte to read */
    size_t seen;                     /* letters and digits read so far */
    size_t run1;                     /* digits in a row ending at the last character read */
    size_t run2;                     /* the same, ending at the character before it */
    unsigned char val[VQR_REF_RING]; /* values of the last characters */
    size_t off[VQR_REF_RING];        /* their byte offsets */
} vqr_ref_scan;

void vqr_ref_scan_start(vqr_ref_scan *s, const char *memo, size_t len);

/*
 * Advances to the next character that may end a reference: a letter or
 * digit whose predecessor follows at least six digits. Returns false at
 * the end of the memo. The window of the last characters is then read
 * with vqr_ref_scan_val().
 */
bool vqr_ref_scan_next(vqr_ref_scan *s);

/* Whether at least `n` characters have been read at the current position. */
static inline bool vqr_ref_scan_has(const vqr_ref_scan *s, size_t n)
{
    return s->seen >= n;
}

/* Value of the character `back` places before the current one (0 = it). */
static inline unsigned vqr_ref_scan_val(const vqr_ref_scan *s, size_t back)
{
    return s->val[(s->seen - 1 - back) % VQR_REF_RING];
}

/* Byte offset of the character `back` places before the current one. */
static inline size_t vqr_ref_scan_off(const vqr_ref_scan *s, size_t back)
{
    return s->off[(s->seen - 1 - back) % VQR_REF_RING];
}

/*
 * Whether the window of the last `plen` + 8 characters is a reference: a
 * letter first, and the last two characters exactly the check characters
 * of the others (the six digits before them are known). Copies it as text
 * to `ref` (NUL-terminated) when `ref` is not NULL.
 */
bool vqr_ref_scan_valid(const vqr_ref_scan *s, size_t plen, char *ref);

#endif /* VQR_REF_H */
