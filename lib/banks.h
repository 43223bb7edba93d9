/*
 * banks.h - layout of the bank directory tables that scripts/gen_banks.py
 * writes (bank_data.h, included only by banks.c).
 */
#ifndef VQR_BANKS_H
#define VQR_BANKS_H

#include "common.h"

/* Where a search key comes from. Must stay in step with KINDS in
 * scripts/gen_banks.py. */
typedef enum vqr_bank_key_kind {
    VQR_BANK_KEY_BIN = 0,
    VQR_BANK_KEY_SWIFT = 1,
    VQR_BANK_KEY_SHORT = 2,
    VQR_BANK_KEY_NAME = 3,
    VQR_BANK_KEY_ALIAS = 4,
    VQR_BANK_KEY_FORMER = 5
} vqr_bank_key_kind;

/* One search key (see vqr_text_key() in text.h for the two forms). */
typedef struct vqr_bank_key {
    const char *loose;
    const char *tight;
    uint16_t bank; /* index into the bank rows */
    uint8_t kind;  /* vqr_bank_key_kind */
} vqr_bank_key;

/* The search keys in their sorted order, for white-box tests. */
size_t vqr_bank_key_count(void);
const vqr_bank_key *vqr_bank_key_at(size_t i);

#endif /* VQR_BANKS_H */
