/*
 * escape.h - the characters that can change what a screen shows, for the
 * library's own rules (S fields, vqr_payload_set) and vqr_text_escape().
 *
 * One table decides, for every code point, whether text holding it can be
 * shown as it is. vqr_text_escape() and vqr_text_unsafe() (vietqr.h) show
 * every such character escaped; the validator and vqr_payload_set() refuse
 * them in S fields (64.01, 64.02). Nothing here is part of the ABI.
 */
#ifndef VQR_ESCAPE_H
#define VQR_ESCAPE_H

#include "vietqr.h"

#include <stddef.h>
#include <stdint.h>

/* What a code point does to a screen. */
typedef enum vqr_cp_kind {
    VQR_CP_SAFE = 0,  /* shown as itself */
    VQR_CP_CONTROL,   /* Cc: U+0000-001F, U+007F-009F */
    VQR_CP_BIDI,      /* U+061C, U+200E-200F, U+202A-202E, U+2066-2069 */
    VQR_CP_INVISIBLE, /* any other Default_Ignorable_Code_Point, U+2028, U+2029 */
} vqr_cp_kind;

/* The kind of a code point (0 - 0x10FFFF). */
vqr_cp_kind vqr_cp_kind_of(uint32_t cp);

/*
 * Decodes the well-formed UTF-8 sequence (Unicode 15, Table 3-7) at s[0],
 * of at most `len` (> 0) bytes: returns its length and the code point, or
 * 0 when s[0] does not start one.
 */
size_t vqr_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * The first character of an S field's value (valid UTF-8, `len` bytes)
 * that the field must not hold beyond ASCII's own controls (which the
 * format check reports): a C1 control (VQR_ERR_FORMAT_S), a bidirectional
 * control (VQR_ERR_FORMAT_BIDI) or another invisible character or line
 * separator (VQR_ERR_FORMAT_INVISIBLE). Returns VQR_OK, or the code with
 * the character's byte offset in *at.
 */
vqr_status vqr_s_text_check(const unsigned char *s, size_t len, size_t *at);

#endif /* VQR_ESCAPE_H */
