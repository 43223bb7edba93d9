/*
 * scan_int.h - private declarations of libvietqr-scan, shared by its C
 * files and the C++ file that drives the decoder.
 */
#ifndef VQR_SCAN_INT_H
#define VQR_SCAN_INT_H

#include "vietqr-scan.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fills `err` (may be NULL) with `code` and its messages; returns `code`. */
vqr_status vqr_scan_fail(vqr_error *err, vqr_status code, size_t offset, size_t limit);

/* One symbol as the decoder gave it, before the library copies it. */
typedef struct vqr_scan_raw {
    const unsigned char *bytes; /* the data segments' bytes, ECI designators removed */
    size_t len;
    int eci;          /* first ECI designator, -1 for none */
    int eci_count;    /* number of ECI designators */
    const char *text; /* the decoder's UTF-8 reading (used for ECIs other than UTF-8) */
    size_t text_len;
    int corners[8]; /* x0 y0 .. x3 y3: top-left, top-right, bottom-right, bottom-left */
    char ecc;       /* 'L', 'M', 'Q', 'H' or 0 */
} vqr_scan_raw;

/* Receives each symbol found; returns VQR_OK to go on, an error to stop. */
typedef vqr_status (*vqr_scan_sink)(void *ctx, const vqr_scan_raw *raw);

/*
 * Runs the decoder over an 8-bit grey image and calls `sink` for every QR
 * code found. Returns VQR_OK, the sink's error, VQR_ERR_NO_MEMORY or
 * VQR_ERR_SCAN_DECODER (the decoder threw).
 */
vqr_status vqr_scan_run_decoder(const unsigned char *pixels, unsigned width, unsigned height,
                                size_t stride, unsigned flags, unsigned max_codes,
                                vqr_scan_sink sink, void *ctx, vqr_error *err);

/*
 * Decodes a PNG or JPEG file's bytes into 8-bit grey pixels (malloc'd,
 * stride = width), refusing more than max_pixels before decoding any.
 */
vqr_status vqr_scan_load_int(const void *data, size_t len, size_t max_pixels,
                             unsigned char **pixels, unsigned *width, unsigned *height,
                             vqr_error *err);

/* A decoder: vqr_scan_run_decoder, or another for the benchmarks. */
typedef vqr_status (*vqr_scan_decoder_fn)(const unsigned char *pixels, unsigned width,
                                          unsigned height, size_t stride, unsigned flags,
                                          unsigned max_codes, vqr_scan_sink sink, void *ctx,
                                          vqr_error *err);

/*
 * How the library drives a decoder: one pass over the image; when it finds
 * nothing and VQR_SCAN_FAST is not set, a second pass over a smoothed copy
 * (a 3x3 binomial filter), which reads codes that sensor noise hides from
 * the binarizer. Returns as the decoder.
 */
vqr_status vqr_scan_strategy(vqr_scan_decoder_fn decoder, const unsigned char *pixels,
                             unsigned width, unsigned height, size_t stride, unsigned flags,
                             unsigned max_codes, vqr_scan_sink sink, void *ctx, vqr_error *err);

/* The decoder's name and version, static. */
const char *vqr_scan_decoder_name(void);

#ifdef __cplusplus
}
#endif

#endif /* VQR_SCAN_INT_H */
