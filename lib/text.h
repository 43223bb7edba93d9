/*
 * text.h - internal helpers of the Vietnamese text layer (text.c).
 *
 * The public entry points are vqr_text_fold() and vqr_text_nfc() in
 * vietqr.h; the VietQR builder calls those. What is declared here serves
 * the bank directory's name matching.
 */
#ifndef VQR_TEXT_H
#define VQR_TEXT_H

#include "common.h"

/*
 * Search keys of a name, as scripts/gen_banks.py computes them for the
 * bank directory (the two must agree; tests/test_banks.c checks it):
 *  - loose: diacritics removed (every letter folded as vqr_text_fold()
 *    does, combining marks dropped), ASCII letters in lower case, and only
 *    [a-z0-9] kept;
 *  - tight: the same, except that each run of other characters (spaces,
 *    punctuation, symbols, control characters) becomes one space, with no
 *    space at either end.
 * `loose` and `tight` receive NUL-terminated keys; each buffer has `cap`
 * bytes (the tight key is the longer one). Returns VQR_OK;
 * VQR_ERR_UTF8 (`err` has the offset of the first bad byte);
 * VQR_ERR_TEXT_NOT_ASCII for a letter with no ASCII form (a key that
 * cannot name anything in the directory); VQR_ERR_BUFFER_TOO_SMALL when a
 * key does not fit. No allocation.
 */
vqr_status vqr_text_key(const char *in, size_t len, char *loose, char *tight, size_t cap,
                        vqr_error *err);

/*
 * Whether valid UTF-8 text is in NFC (EMVCo's "precomposed" S fields):
 * SIZE_MAX when it is, else the byte offset of the first combining mark
 * (Unicode categories Mn, Mc, Me) from the first character NFC changes on
 * (that character itself when no mark follows, as for a singleton such as
 * U+212B). Text of more than VQR_TEXT_NFC_MAX code points is not checked
 * (SIZE_MAX); a field holds at most 99. No allocation (about 4 KiB of
 * stack).
 */
size_t vqr_text_nfc_break(const unsigned char *s, size_t len);

#endif /* VQR_TEXT_H */
