/*
 * amount.h - amounts in minor units (amount.c), shared with the VietQR
 * builder and reader. Not part of the ABI.
 */
#ifndef VQR_AMOUNT_H
#define VQR_AMOUNT_H

#include "common.h"

/* Most characters of a written amount (EMVCo 54 and 56). */
#define VQR_AMOUNT_MAX_CHARS 13
/* Room for any uint64_t rendered with an exponent up to 4, and its NUL. */
#define VQR_AMOUNT_RENDER_MAX 32

/*
 * The one definition of an amount's syntax (54, 56, 57 and the builder):
 * digits, then at most one "." followed by digits. Returns VQR_OK,
 * VQR_ERR_AMOUNT_SYNTAX (*where = the first offending byte) or
 * VQR_ERR_AMOUNT_ZERO (well formed, but zero); *decimals receives the
 * digits after the ".". No length limit: callers check it.
 */
vqr_status vqr_amount_syntax(const char *s, size_t len, size_t *decimals, size_t *where);

/*
 * Reads an amount written with at most `exponent` decimals into minor
 * units. Returns VQR_OK, VQR_ERR_LENGTH (over 13 characters),
 * VQR_ERR_AMOUNT_SYNTAX, VQR_ERR_AMOUNT_DECIMALS or VQR_ERR_AMOUNT_ZERO;
 * *where receives the byte offset of the first offending character.
 */
vqr_status vqr_amount_check(const char *s, size_t len, int exponent, uint64_t *minor,
                            size_t *where);

/* Writes `minor` with `exponent` decimals ("1250", 2 -> "12.50"); returns
 * the length. The result may be longer than 13 characters. */
size_t vqr_amount_render(uint64_t minor, int exponent, char out[VQR_AMOUNT_RENDER_MAX]);

#endif /* VQR_AMOUNT_H */
