/*
 * vietqr-scan.h - libvietqr-scan: read payment QR codes from photos
 *
 * libvietqr-scan finds every QR code in a photo or a scan (PNG, JPEG, or
 * an 8-bit grey buffer the caller already holds) and gives back, for each,
 * the payload exactly as it was encoded, where the symbol lies in the
 * image and the ECI it declared. It is a separate library from libvietqr
 * because it needs an image decoder (libpng, libjpeg-turbo) and a QR
 * decoder (ZXing-C++); libvietqr itself keeps its dependencies. Link it
 * with `pkg-config --cflags --libs vietqr-scan`.
 *
 * What to do with a payload once read is libvietqr's business: parse it
 * (vqr_payload_parse), read who it pays (vqr_vietqr_read) or check it
 * against the payees you expect (vqr_verify). A photo of a market stall's
 * sticker goes:
 *
 *     vqr_scan_result *r;
 *     if (vqr_scan_file("stall-12.jpg", NULL, &r, &err) == VQR_OK) {
 *         for (size_t i = 0; i < vqr_scan_count(r); i++) {
 *             vqr_scan_code c;
 *             VQR_INIT(&c);
 *             vqr_scan_get(r, i, &c, NULL);
 *             vqr_verdict v;
 *             VQR_INIT(&v);
 *             vqr_verify(c.data, c.len, stalls, n_stalls, &opts, &v, NULL);
 *         }
 *         vqr_scan_free(r);
 *     }
 *
 * Conventions are libvietqr's (see vietqr.h): fallible calls return a
 * vqr_status and take an optional last `vqr_error *err` (set up with
 * VQR_INIT; its `offset` is SIZE_MAX, `limit` the limit broken for
 * VQR_ERR_IMAGE_SIZE); structs grow by the `size` the caller sets (options
 * with vqr_scan_options_init(), results with VQR_INIT), exactly as
 * libvietqr's "Structs that grow" says; every function is thread-safe
 * (any number of threads may scan at once; a result may be read by many
 * threads once made). Scanning allocates: images and results come from
 * the C library's malloc and are released with vqr_scan_free() or
 * vqr_free() as each function says; the decoder allocates its own working
 * memory and releases it before returning.
 *
 * Error codes are libvietqr's vqr_status (the image codes 210-213 are
 * listed there), so vqr_status_name() and vqr_strerror() name them.
 */
#ifndef VIETQR_SCAN_H
#define VIETQR_SCAN_H

#include "vietqr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(VQR_SCAN_BUILDING_DLL)
#define VQR_SCAN_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define VQR_SCAN_API __attribute__((visibility("default")))
#else
#define VQR_SCAN_API
#endif

/* ======================================================================
 * Options
 * ====================================================================== */

/** Default for vqr_scan_options.max_pixels: 64 megapixels. */
#define VQR_SCAN_MAX_PIXELS_DEFAULT ((size_t)64 * 1024 * 1024)
/** Default for vqr_scan_options.max_codes. */
#define VQR_SCAN_MAX_CODES_DEFAULT 32

/** Flags of vqr_scan_options. */
typedef enum vqr_scan_flags {
    VQR_SCAN_DEFAULT = 0,
    /**
     * Fast: one pass over the image as it is. By default the decoder also
     * looks again at a downscaled copy of large images and tries harder to
     * find codes that the first pass missed, which costs time on images
     * without a code.
     */
    VQR_SCAN_FAST = 1u << 0
} vqr_scan_flags;

/**
 * How to scan. Call vqr_scan_options_init() first, then change fields; a
 * NULL options pointer means the defaults. `size` lets the struct grow: a
 * smaller size (an older caller) leaves the later fields at their
 * defaults; a larger one is accepted when the bytes this version does not
 * know are zero.
 */
typedef struct vqr_scan_options {
    size_t size;        /**< sizeof(vqr_scan_options), set by _init */
    unsigned flags;     /**< vqr_scan_flags */
    size_t max_pixels;  /**< refuse larger images (width * height); default
                            VQR_SCAN_MAX_PIXELS_DEFAULT, at most SIZE_MAX / 4 */
    unsigned max_codes; /**< report at most this many codes, 1-255; default
                             VQR_SCAN_MAX_CODES_DEFAULT */
} vqr_scan_options;

/**
 * Writes the defaults into the `size` bytes of `opt` and records the size.
 * Errors: VQR_ERR_INVALID_ARGUMENT when `opt` is NULL or `size` is below
 * sizeof(size_t) or above VQR_STRUCT_SIZE_MAX (nothing written). No
 * allocation, thread-safe. @since 0.2
 */
VQR_SCAN_API vqr_status vqr_scan_options_init(vqr_scan_options *opt, size_t size, vqr_error *err);

/* ======================================================================
 * Scanning
 * ====================================================================== */

/** A point of the image, in pixels from its top-left corner. */
typedef struct vqr_scan_point {
    int x;
    int y;
} vqr_scan_point;

/**
 * One QR code found. Set it up with VQR_INIT(&c); vqr_scan_get() fills
 * what its `size` holds. Pointers stay valid until the result is freed.
 */
typedef struct vqr_scan_code {
    size_t size; /**< sizeof(vqr_scan_code), set by the caller (VQR_INIT) */
    /**
     * The payload, NUL-terminated (`len` excludes the NUL). With no ECI or
     * with ECI 26 (UTF-8) these are the bytes the symbol holds, as they
     * were encoded: a VietQR with Vietnamese text comes back as the UTF-8
     * it was made from. With another ECI (ISO 8859-x, Shift JIS, ...) the
     * text is converted to UTF-8 and `converted` is true; `raw` keeps the
     * bytes as stored. The payload may hold a NUL byte of its own: use
     * `len`, not strlen.
     */
    const char *data;
    size_t len;
    /** The data segments' bytes as stored in the symbol (no ECI designators). */
    const unsigned char *raw;
    size_t raw_len;
    /** The first ECI designator of the symbol (26 for UTF-8), or -1 when none. */
    int eci;
    /** `data` was converted to UTF-8 from the character set of `eci`. */
    bool converted;
    /** `data` is well-formed UTF-8 (every payload libvietqr writes is). */
    bool utf8;
    /**
     * The symbol's corners in the image: its top-left, top-right,
     * bottom-right and bottom-left as the code is read (the finder
     * patterns are at the first, second and fourth), whatever the
     * rotation of the photo.
     */
    vqr_scan_point corners[4];
    /** Error-correction level: 'L', 'M', 'Q', 'H', or '\0' when unknown. */
    char ecc;
    /**
     * Index of the first code of this result with the same payload bytes
     * (another copy of the same code in the picture), or its own index when
     * it is the first.
     */
    size_t same_as;
} vqr_scan_code;

/** The codes found in one image (opaque, immutable once made). */
typedef struct vqr_scan_result vqr_scan_result;

/**
 * Scans an image file's bytes: PNG (any bit depth, colour type and
 * interlacing; transparency is composed over white) or JPEG (baseline and
 * progressive; grey, YCbCr, RGB, CMYK and YCCK), told apart by their
 * signatures, not by a file name. Colour is turned into luma (Rec. 601
 * weights for PNG through libpng, the Y channel for JPEG).
 *
 * On success `*out` receives a result, possibly with no code (that is not
 * an error); release it with vqr_scan_free(). Codes come in the order the
 * decoder found them; copies of one code are all reported (see `same_as`).
 *
 * @param data  the file's bytes; may be NULL only when `len` is 0
 * @param len   bytes of `data`
 * @param opt   options, or NULL for the defaults
 * @param out   receives the result, or NULL on error; must not be NULL
 * @param err   receives the details of an error; may be NULL
 * @return VQR_OK; VQR_ERR_IMAGE_FORMAT (neither PNG nor JPEG: nothing was
 *         decoded); VQR_ERR_IMAGE_CORRUPT (damaged or truncated data; the
 *         decoder's reason is not kept); VQR_ERR_IMAGE_SIZE (zero width or
 *         height, or more than `max_pixels`: `err->limit` is the limit,
 *         checked before any pixel is decoded); VQR_ERR_SCAN_DECODER;
 *         VQR_ERR_NO_MEMORY; VQR_ERR_INVALID_ARGUMENT (NULL `out`, bad
 *         options)
 *
 * Allocates (the pixels, the decoder's memory, the result). Thread-safe.
 * @since 0.2
 */
VQR_SCAN_API vqr_status vqr_scan_image(const void *data, size_t len, const vqr_scan_options *opt,
                                       vqr_scan_result **out, vqr_error *err);

/**
 * vqr_scan_image() on the contents of the file at `path`. Also VQR_ERR_IO
 * (the file cannot be opened or read; errno tells why) and
 * VQR_ERR_IMAGE_SIZE for a file over 256 MiB. @since 0.2
 */
VQR_SCAN_API vqr_status vqr_scan_file(const char *path, const vqr_scan_options *opt,
                                      vqr_scan_result **out, vqr_error *err);

/**
 * Scans an 8-bit grey image the caller holds: `height` rows of `width`
 * bytes, each row `stride` bytes after the previous one (`stride` >=
 * `width`), 0 black and 255 white. Nothing is copied before decoding and
 * `pixels` is not changed.
 *
 * @return as vqr_scan_image(), without the format and corruption errors;
 *         VQR_ERR_INVALID_ARGUMENT for a NULL `pixels` or `stride` <
 *         `width`
 * @since 0.2
 */
VQR_SCAN_API vqr_status vqr_scan_grey(const unsigned char *pixels, unsigned width, unsigned height,
                                      size_t stride, const vqr_scan_options *opt,
                                      vqr_scan_result **out, vqr_error *err);

/** Number of codes in `r` (0 for NULL). @since 0.2 */
VQR_SCAN_API size_t vqr_scan_count(const vqr_scan_result *r);

/**
 * Number of different payloads in `r`: codes whose bytes differ (two
 * copies of one code count once). An image with two or more is a sticker
 * over a sticker or a notice with a second code. 0 for NULL. @since 0.2
 */
VQR_SCAN_API size_t vqr_scan_distinct(const vqr_scan_result *r);

/**
 * Describes code `i` (0-based) of `r` in `out`, filling what `out->size`
 * holds. VQR_ERR_NOT_FOUND (`err->limit` = the count) when `i` >=
 * vqr_scan_count(r); VQR_ERR_INVALID_ARGUMENT for a NULL `r` or `out` or a
 * `size` that was not set up. No allocation. @since 0.2
 */
VQR_SCAN_API vqr_status vqr_scan_get(const vqr_scan_result *r, size_t i, vqr_scan_code *out,
                                     vqr_error *err);

/** Releases a result. NULL is a no-op. @since 0.2 */
VQR_SCAN_API void vqr_scan_free(vqr_scan_result *r);

/**
 * Decodes a PNG or JPEG image into 8-bit grey pixels as vqr_scan_image()
 * sees them, without looking for codes: `*pixels` receives `*width` *
 * `*height` bytes, row by row (stride = width), to be released with
 * vqr_free(). Errors as vqr_scan_image(); on error the outputs are NULL
 * and 0. `opt` supplies max_pixels. @since 0.2
 */
VQR_SCAN_API vqr_status vqr_scan_load(const void *data, size_t len, const vqr_scan_options *opt,
                                      unsigned char **pixels, unsigned *width, unsigned *height,
                                      vqr_error *err);

/** The QR decoder and its version, e.g. "ZXing-C++ 1.4.0" (static). @since 0.2 */
VQR_SCAN_API const char *vqr_scan_decoder(void);

#ifdef __cplusplus
}
#endif

#endif /* VIETQR_SCAN_H */
