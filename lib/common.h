/*
 * common.h - helpers shared by every part of the library: errors, structs
 * that grow, UTF-8, CRC, currencies, the bank table, the NAPAS GUID.
 * The renderers (qr.c, render_*.c) include this and render.h, never the
 * payload's private layout (internal.h). Nothing here is part of the ABI.
 */
#ifndef VQR_COMMON_H
#define VQR_COMMON_H

#include "vietqr.h"

#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define VQR_LIKELY(x) __builtin_expect(!!(x), 1)
#define VQR_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define VQR_LIKELY(x) (x)
#define VQR_UNLIKELY(x) (x)
#endif

/* The NAPAS GUID of a VietQR's tag 38.00 (NAPAS VietQR v1.0, 4.2): the
 * one definition; vqr_is_napas_guid() compares a value with it. */
#define VQR_NAPAS_GUID "A000000727"
#define VQR_NAPAS_GUID_LEN 10

static inline bool vqr_is_napas_guid(const char *v, size_t len)
{
    if (len != VQR_NAPAS_GUID_LEN)
        return false;
    uint64_t a, b; /* 8 + 2 bytes, without a call to memcmp() */
    memcpy(&a, v, 8);
    memcpy(&b, VQR_NAPAS_GUID, 8);
    return a == b && v[8] == VQR_NAPAS_GUID[8] && v[9] == VQR_NAPAS_GUID[9];
}

/* ---- errors.c ---- */
void vqr_error_fill(vqr_error *err, vqr_status code, vqr_severity sev, size_t offset,
                    size_t char_offset, const char *tag, size_t related, size_t limit);
void vqr_error_clear(vqr_error *err);
/* `err` is NULL or a vqr_error whose size is usable. */
bool vqr_error_usable(const vqr_error *err);
/* The first step of every public function that takes `err`: returns
 * VQR_ERR_INVALID_ARGUMENT (and touches nothing) when `err` is not usable,
 * else clears it and returns VQR_OK. */
vqr_status vqr_error_begin(vqr_error *err);

/* ---- structs that grow (sized.c) ---- */
/* The `size` a caller's struct declares (its first member). */
size_t vqr_sized_size(const void *s);
/* A non-NULL struct whose size is sizeof(size_t)..VQR_STRUCT_SIZE_MAX. */
bool vqr_sized_ok(const void *s);
/* Copies a caller's input struct into `local` (`ours` bytes, already
 * holding the defaults): false (nothing copied) for a bad size or a
 * non-zero byte past `ours`. local's size becomes `ours`. */
bool vqr_sized_in(void *local, size_t ours, const void *in);
/* Starts filling a caller's output struct: NULL for a bad size; else the
 * caller's bytes past its size field are zeroed and the struct to write
 * (`ours` bytes) is returned: the caller's own when it holds `ours` whole,
 * else `local`. Finish with vqr_sized_out_end(). */
void *vqr_sized_out_begin(void *caller, void *local, size_t ours);
/* Copies what fits of `work` into the caller's struct (no-op in place). */
void vqr_sized_out_end(void *caller, const void *work, size_t ours);

/* ---- ISO 4217 (currency.c) ---- */
/* Exponent of a numeric currency code, or -1 if unknown. */
int vqr_currency_exponent(unsigned numeric);
/* Alphabetic code of a numeric currency code, or NULL if unknown. */
const char *vqr_currency_alpha(unsigned numeric);

/* ---- UTF-8 (utf8.c) ---- */
/* Validates UTF-8; returns the offset of the first bad byte or len if valid.
 * *ascii is set when every byte is < 0x80. */
size_t vqr_utf8_check(const unsigned char *s, size_t len, bool *ascii);
/* Number of code points in valid UTF-8. */
size_t vqr_utf8_count(const unsigned char *s, size_t len);
/* Advances over n code points from s (valid UTF-8, at most len bytes);
 * returns the bytes consumed or SIZE_MAX if fewer than n are available. */
size_t vqr_utf8_advance(const unsigned char *s, size_t len, size_t n);
/* The same for n UTF-16 code units (two for a character outside the BMP);
 * SIZE_MAX also when the n-th unit is the first half of such a character. */
size_t vqr_utf16_advance(const unsigned char *s, size_t len, size_t n);

/* ---- CRC ---- */
uint16_t vqr_crc16_fast(const unsigned char *s, size_t len);
/* vqr_crc16_fast() without carry-less multiplication: sliced tables only. */
uint16_t vqr_crc16_table(const unsigned char *s, size_t len);
void vqr_crc_hex(uint16_t crc, char out[5]);

/* ---- banks.c ---- */
/* The bank with a 6-digit BIN, or NULL (no error details). */
const vqr_bank *vqr_bank_by_bin(const char *bin, size_t len);
/* The byte lengths of directory row b's short name, name and SWIFT code
 * (0 when it has none): copies without a strlen() each. */
void vqr_bank_lengths(const vqr_bank *b, size_t len[3]);
/* The bank of BIN `key` (its six digits as a number) and, when known, the
 * lengths of vqr_bank_lengths(): one call for a BIN already checked. */
const vqr_bank *vqr_bank_by_key(uint32_t key, size_t len[3]);

/* Small helpers */
static inline bool vqr_isdigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}
static inline bool vqr_ishex(unsigned char c)
{
    return vqr_isdigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

#endif /* VQR_COMMON_H */
