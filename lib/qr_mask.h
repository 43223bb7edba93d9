/*
 * qr_mask.h - the data-mask choice of lib/qr_mask.c (private).
 */
#ifndef VQR_QR_MASK_H
#define VQR_QR_MASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of the `work` area vqr_qr_mask_choose needs for a symbol `width`
 * modules wide (at most 25,488 for version 40). */
size_t vqr_qr_mask_work_size(int width);

/*
 * `frame`: a symbol as libqrencode gives it (QRcode.data: bit 0 dark, bit 7
 * set on every module that is not data or error correction), made with mask
 * `m0` (0-7) at `level` (0-3: L, M, Q, H). Writes into `out` (width *
 * width bytes, 0 light, 1 dark, row by row) the same symbol with the mask
 * libqrencode's automatic choice takes. `work` holds
 * vqr_qr_mask_work_size(width) bytes, aligned for uint64_t.
 */
void vqr_qr_mask_choose(const unsigned char *frame, int width, int level, int m0, uint64_t *work,
                        unsigned char *out);

/* The N1 + N3 penalty of one row or column of `width` modules: module k
 * at bit k + 4 of the 3 words of `line3`, nothing else set. For tests. */
unsigned vqr_qr_mask_line_score(const uint64_t *line3, int width);

#endif
