/*
 * vietqr.h - libvietqr public API
 *
 * libvietqr parses, validates and writes EMVCo Merchant-Presented Mode
 * (MPM) QR payloads, with the Vietnamese VietQR (NAPAS 247) profile as its
 * first-class use.
 *
 * Naming: every function and type is vqr_<object>_<verb>, every constant is
 * VQR_<GROUP>_<NAME>. This is the library's public header; it includes only
 * "vietqr-version.h" (the version macros, generated with the library and
 * installed beside it), <stddef.h>, <stdint.h> and <stdbool.h>, and is valid
 * C99 and C++.
 *
 * Conventions that hold for every function unless its comment says otherwise:
 *  - Every call that can fail returns a vqr_status (VQR_OK = 0) and takes an
 *    optional last argument `vqr_error *err` (may be NULL) that receives the
 *    details of the first error (see "Status codes" for what err->offset
 *    means in each family of functions). Calls that cannot fail (getters of
 *    an object, counts, the iterators vqr_payload_first / _next) return
 *    their value directly.
 *  - Structs grow (see "Structs that grow" below): each struct the caller
 *    passes in or the library fills starts with `size_t size`, which the
 *    caller sets, and the library reads or fills only what that size holds.
 *  - A NULL pointer where an object is required returns
 *    VQR_ERR_INVALID_ARGUMENT. Flag bits the library does not know return
 *    VQR_ERR_INVALID_ARGUMENT.
 *  - Text is UTF-8 with an explicit byte length; lengths in EMVCo terms
 *    (the LL of an ID/LL/value object) count Unicode code points.
 *  - There is no global mutable state: every function is thread-safe as
 *    long as two threads do not share the same output object.
 *  - Parsing, validation and payload writing never allocate. Functions that
 *    allocate say so; their memory is released with vqr_free().
 *
 * Error and status codes are stable forever: a number keeps its meaning,
 * new codes are appended, retired ones are never reused.
 */
#ifndef VIETQR_H
#define VIETQR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(VQR_BUILDING_DLL)
#define VQR_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define VQR_API __attribute__((visibility("default")))
#else
#define VQR_API
#endif

/* ======================================================================
 * Version
 * ====================================================================== */

/* VQR_VERSION_MAJOR, _MINOR, _PATCH, VQR_VERSION (0xMMmmpp) and
 * VQR_VERSION_STRING ("MAJOR.MINOR.PATCH"): the version of these headers,
 * generated from the project's version. @since 0.1 */
#include "vietqr-version.h"

/** The library's version as 0xMMmmpp, at run time. @since 0.1 */
VQR_API uint32_t vqr_version(void);
/** The library's version as "MAJOR.MINOR.PATCH" (static string). @since 0.1 */
VQR_API const char *vqr_version_string(void);

/* ======================================================================
 * Status codes, diagnostics and the error struct
 * ====================================================================== */

/**
 * Status and diagnostic codes. The numbers are part of the ABI and never
 * change. A diagnostic found while parsing carries one of these codes and a
 * severity: in strict mode every rule violation is an error; lenient mode
 * downgrades the rules real payloads break to warnings (see the README's
 * table of codes).
 */
typedef enum vqr_status {
    VQR_OK = 0,

    /* --- use of the API (1-9) --- */
    VQR_ERR_INVALID_ARGUMENT = 1, /**< NULL object, unknown flag bits, bad option */
    VQR_ERR_BUFFER_TOO_SMALL = 2, /**< output buffer too small; the size needed is reported */
    VQR_ERR_NO_SPACE = 3,         /**< what a vqr_payload holds at once exceeds its fixed storage */
    VQR_ERR_NO_MEMORY = 4,        /**< an allocation failed */
    VQR_ERR_IO = 5,               /**< reading or writing a file failed */
    VQR_ERR_NOT_FOUND = 6,        /**< no object at that tag path / no such entry */
    VQR_ERR_BAD_PATH = 7,         /**< a tag path that is not "NN", "NN.NN" or "NN.NN.NN" */
    VQR_ERR_IS_TEMPLATE = 8,      /**< the path names a template where a value is needed */
    VQR_ERR_NOT_REGULAR_FILE = 9, /**< an output path exists and is not a regular file */

    /* --- structure of the payload (10-39) --- */
    VQR_ERR_INPUT_TOO_LARGE = 10,    /**< more bytes than VQR_INPUT_MAX */
    VQR_ERR_UTF8 = 11,               /**< malformed UTF-8 */
    VQR_ERR_BAD_ID = 12,             /**< an ID that is not two decimal digits */
    VQR_ERR_BAD_LENGTH = 13,         /**< a length that is not two decimal digits */
    VQR_ERR_TRUNCATED = 14,          /**< an object runs past the end of its container */
    VQR_ERR_ZERO_LENGTH = 15,        /**< a length of 00 (lengths are 01-99) */
    VQR_ERR_DUPLICATE_ID = 16,       /**< an ID appears twice in the same template */
    VQR_ERR_PFI_NOT_FIRST = 17,      /**< ID 00 is not the first object */
    VQR_ERR_CRC_MISSING = 18,        /**< the payload does not end with 6304 and four hex digits */
    VQR_ERR_CRC_NOT_LAST = 19,       /**< ID 63 is not the last object */
    VQR_ERR_CRC_FORMAT = 20,         /**< 63 is not four hexadecimal digits */
    VQR_ERR_CRC_MISMATCH = 21,       /**< the CRC does not match the payload */
    VQR_ERR_CRC_LOWERCASE = 22,      /**< the CRC uses lower-case hex digits */
    VQR_ERR_TEMPLATE_MALFORMED = 23, /**< a template's value is not a sequence of objects */
    VQR_ERR_TEMPLATE_EMPTY = 24,     /**< a template holds no object */
    VQR_ERR_PAYLOAD_TOO_LONG = 25,   /**< more than 512 characters */
    VQR_ERR_BYTE_LENGTHS = 26,       /**< lengths count UTF-8 bytes instead of characters */
    VQR_ERR_TOO_MANY_OBJECTS = 27,   /**< more objects than a vqr_payload holds */
    /** a UTF-8 byte order mark before the payload (skipped; @since 0.2) */
    VQR_ERR_BOM = 28,
    /** data after the CRC object (offset: its first byte; limit: its bytes; @since 0.2) */
    VQR_ERR_TRAILING_DATA = 29,
    /** lengths count UTF-16 code units for characters outside the BMP (@since 0.2) */
    VQR_ERR_UTF16_LENGTHS = 30,

    /* --- rules of EMVCo MPM v1.1 (40-79) --- */
    VQR_ERR_FORMAT_N = 40,   /**< a numeric (N) field holds a non-digit */
    VQR_ERR_FORMAT_ANS = 41, /**< an ans field holds a character outside 0x20-0x7E */
    /** a string (S) field holds a control character: U+0000-001F, U+007F-009F */
    VQR_ERR_FORMAT_S = 42,
    VQR_ERR_LENGTH = 43,              /**< a value's length is outside the field's limits */
    VQR_ERR_MISSING = 44,             /**< a mandatory object is absent */
    VQR_ERR_PFI_VALUE = 45,           /**< 00 is not "01" */
    VQR_ERR_POI_VALUE = 46,           /**< 01 is not "11" or "12" */
    VQR_ERR_NO_MERCHANT_ACCOUNT = 47, /**< no merchant account information (02-51) */
    VQR_ERR_AMOUNT_SYNTAX = 48,       /**< an amount that is not digits with at most one "." */
    VQR_ERR_AMOUNT_ZERO = 49,         /**< an amount (or fixed fee) of zero */
    VQR_ERR_AMOUNT_DECIMALS = 50,     /**< more decimals than the currency's ISO 4217 exponent */
    VQR_ERR_CURRENCY = 51,            /**< 53 is not an ISO 4217 numeric code */
    VQR_ERR_TIP_INDICATOR = 52,       /**< 55 is not 01, 02 or 03 */
    VQR_ERR_TIP_CONFLICT = 53,        /**< 56 / 57 present or absent against 55 */
    VQR_ERR_FEE_PERCENT = 54,         /**< 57 outside 00.01-99.99 */
    VQR_ERR_COUNTRY = 55,             /**< 58 is not two upper-case letters */
    VQR_ERR_CONSUMER_DATA = 56,       /**< 62.09 is not a set of A, M, E (each at most once) */
    VQR_ERR_MERCHANT_CHANNEL = 57,    /**< 62.11 is not a valid channel code */
    VQR_ERR_LANGUAGE = 58,            /**< 64.00 is not two letters */
    VQR_ERR_RFU_ID = 59,              /**< an object reserved for future use is present */
    VQR_ERR_NOT_TEMPLATE = 60,        /**< an 80-99 (or 62.50-99) value is not a template */
    VQR_ERR_UNKNOWN_ID = 61,          /**< an ID not defined in a closed template (38.01) */
    VQR_ERR_TEMPLATE_TOO_LONG = 62,   /**< a template's content exceeds 99 characters (writer) */
    /** an S field is not in precomposed form (NFC); offset: the first combining mark
     *  composition would absorb (@since 0.2) */
    VQR_ERR_NOT_NFC = 63,
    /** an S field holds a bidirectional control (U+061C, U+200E-200F, U+202A-202E,
     *  U+2066-2069): it changes the order in which text is shown. @since 0.2 */
    VQR_ERR_FORMAT_BIDI = 67,
    /** an S field holds an invisible character (zero-width space or joiner, U+2060,
     *  U+FEFF, soft hyphen, any other Default_Ignorable_Code_Point) or a line or
     *  paragraph separator (U+2028, U+2029). @since 0.2 */
    VQR_ERR_FORMAT_INVISIBLE = 68,

    /* --- Vietnamese text and the bank directory (100-119) --- */
    VQR_ERR_TEXT_NOT_ASCII =
        100, /**< a character an ans field cannot hold and that does not fold to ASCII */
    VQR_ERR_TEXT_CONTROL = 101,   /**< a control character (U+0000-001F, U+007F-009F) in text */
    VQR_ERR_TEXT_TOO_LONG = 102,  /**< text longer than a text function's working storage */
    VQR_ERR_BANK_UNKNOWN = 103,   /**< no bank of the directory matches */
    VQR_ERR_BANK_AMBIGUOUS = 104, /**< several banks of the directory match */

    /* --- the VietQR profile (120-149) --- */
    VQR_ERR_BIN = 120,     /**< a bank BIN that is not exactly 6 digits */
    VQR_ERR_ACCOUNT = 121, /**< an account number (QRIBFTTA) with a character other than a digit */
    VQR_ERR_CARD = 122,    /**< a card number (QRIBFTTC) that is not 16-19 digits */
    VQR_ERR_NOT_VIETQR = 123, /**< no VietQR / VNPAY-QR merchant account information */
    VQR_ERR_SERVICE = 124,    /**< 38.02 is not a NAPAS 247 service code (@since 0.2) */

    /* --- QR encoding and rendering (150-179) --- */
    VQR_ERR_QR_TOO_LONG = 150, /**< the payload does not fit a QR code at the chosen ECC level */
    VQR_ERR_QR_EMPTY = 151,    /**< an empty payload: nothing to encode */
    VQR_ERR_QR_ENCODER = 152,  /**< the QR encoder failed for a reason it did not name */
    VQR_ERR_IMAGE_TOO_LARGE = 153, /**< the image would exceed VQR_RENDER_MAX_SIDE pixels a side */
    VQR_ERR_PRINT_TOO_SMALL = 154, /**< the print size gives fewer than 3 pixels per module */
    VQR_ERR_COMPRESS = 155,        /**< the compressor failed for a reason other than memory */

    /* --- amounts in words and printed documents (180-199) --- */
    VQR_ERR_WORDS_CURRENCY = 180,      /**< amounts in words are written for VND (704) only */
    VQR_ERR_PRINT_TEXT_TOO_LONG = 181, /**< a text does not fit its place at the smallest size */
    VQR_ERR_PRINT_FONT = 182,          /**< no installed font has the characters of a text */
    VQR_ERR_PRINT_QR_TOO_DENSE = 183,  /**< QR modules would be under the minimum in their place */
    VQR_ERR_PRINT_DRAW = 184,          /**< cairo or pango failed */
    VQR_ERR_PRINT_TOTAL = 185,         /**< the items do not add up to the payload's amount */
    VQR_ERR_PRINT_PAPER = 186,         /**< a paper the template does not use */
    VQR_ERR_PRINT_ONE_PAGE = 187,      /**< a second page in a PNG or SVG document */

    /* --- payment references and reconciliation (200-209) --- */
    VQR_ERR_REF_PREFIX = 200,    /**< a prefix that is not 2-6 letters and digits, a letter first */
    VQR_ERR_REF_SEQUENCE = 201,  /**< a sequence number above VQR_REF_SEQUENCE_MAX */
    VQR_ERR_REF_FORMAT = 202,    /**< not a prefix, six digits and two check characters */
    VQR_ERR_REF_CHECK = 203,     /**< the check characters do not match the reference */
    VQR_ERR_REF_DUPLICATE = 204, /**< a reference issued twice */
    VQR_ERR_REF_PREFIX_CONFLICT = 205, /**< one prefix is another followed by digits */
    VQR_ERR_RECON_DATE = 206,          /**< a transaction date that cannot be read */
    VQR_ERR_RECON_AMOUNT = 207,        /**< an amount that cannot be read as đồng */
    VQR_ERR_RECON_CONFLICT = 208,      /**< a transaction ID seen before with other content */

    /* --- reading QR codes from images, verifying payees (210-229) --- */
    VQR_ERR_IMAGE_FORMAT = 210,  /**< neither a PNG nor a JPEG image (libvietqr-scan) */
    VQR_ERR_IMAGE_CORRUPT = 211, /**< the image data is damaged or truncated (libvietqr-scan) */
    VQR_ERR_IMAGE_SIZE = 212,   /**< an empty image, or more pixels than allowed (libvietqr-scan) */
    VQR_ERR_SCAN_DECODER = 213, /**< the QR decoder failed for a reason it did not name */
    VQR_ERR_PAYEE = 214, /**< an allowed payee that is not a BIN and account or merchant ID */

    /* --- the HTTP service, `vietqr serve` (230-239) --- */
    VQR_ERR_HTTP_NOT_FOUND = 230, /**< no such resource (404) */
    VQR_ERR_HTTP_METHOD = 231,    /**< the resource does not answer this method (405) */
    VQR_ERR_HTTP_TOO_LARGE = 232, /**< the body or the headers exceed the service's limit */
    VQR_ERR_JSON = 233,           /**< the body is not a JSON object (offset: the byte) */
    VQR_ERR_FIELD = 234,          /**< a request field is unknown, repeated or of the wrong type */
    VQR_ERR_TEMPLATE_UNKNOWN = 235,  /**< an image template or format the service does not draw */
    VQR_ERR_PAYEE_NOT_ALLOWED = 236, /**< the payee is not on the service's allowlist */
    VQR_ERR_UNAUTHORIZED = 237,      /**< a missing or wrong API key */
    VQR_ERR_HTTP_BAD_REQUEST = 238,  /**< a malformed request target: encoding, "..", NUL */
    VQR_ERR_MEDIA_TYPE = 239         /**< a body of a content type the resource does not read */
} vqr_status;

/** Severity of a diagnostic. */
typedef enum vqr_severity { VQR_SEVERITY_ERROR = 0, VQR_SEVERITY_WARNING = 1 } vqr_severity;

/** Longest tag path, "38.01.00" plus its NUL, padded. */
#define VQR_TAG_MAX 12

/* ======================================================================
 * Structs that grow
 *
 * A program built against an older vietqr.h keeps working with a newer
 * library, and one built against a newer header with an older library, as
 * long as it uses no field the library does not know. Every struct the
 * caller passes in (vqr_vietqr, vqr_render_options, vqr_recon_tx) or the
 * library fills (vqr_error, vqr_object, vqr_vietqr_info,
 * vqr_vietqr_report, vqr_print_size, vqr_recon_result, vqr_recon_issued)
 * starts with `size_t size`, which the caller sets to the sizeof it was
 * compiled with:
 *
 *  - structs passed in: set up with their init function
 *    (vqr_vietqr_init(), vqr_render_options_init(), vqr_recon_tx_init()),
 *    which writes the defaults into the `size` bytes given and records
 *    the size. A smaller size (an older header) is accepted: fields past
 *    it take their defaults. A larger size (a newer header) is accepted
 *    when every byte past the fields this library knows is zero; a field
 *    added later takes its default when it is zero.
 *  - structs the library fills: set up with VQR_INIT(&s) (or
 *    vqr_init(&s, sizeof s, NULL)), which zeroes them and sets `size`. The
 *    library writes only the first `size` bytes: fields past it are left
 *    alone, and bytes past the fields it knows are set to zero.
 *
 * A `size` below sizeof(size_t), above VQR_STRUCT_SIZE_MAX, or 0 (a struct
 * that was never set up) makes the call fail with VQR_ERR_INVALID_ARGUMENT
 * before anything else is read or written, also for `err`; the library
 * never reads or writes past `size` bytes of the caller's struct.
 *
 * vqr_view (a pointer and two lengths), vqr_bank (read-only records of the
 * library's directory, only ever handed out by pointer), vqr_allocator and
 * the elements of arrays (vqr_vietqr_change, vqr_ref_match) have no size:
 * their layout is fixed for the life of the ABI; new information goes into
 * new fields of the sized struct around them or into new functions.
 * ====================================================================== */

/** Largest `size` a struct of this API may declare, in bytes. @since 0.2 */
#define VQR_STRUCT_SIZE_MAX 16384

/**
 * Details of an error or a warning. Set up with VQR_INIT() before passing
 * it (a vqr_error whose `size` is 0 fails the call). Every field within
 * `size` is set by any call that fills it; strings are static and never
 * freed.
 *
 * What `offset`, `char_offset` and `limit` mean, per family of functions
 * (SIZE_MAX in `offset` and `char_offset` means "not tied to a position"):
 *  - vqr_payload_parse, vqr_payload_diag: the byte (and character) offset
 *    of the offending object's ID, or of the offending byte, in the parsed
 *    input; `related_offset` the first occurrence of a duplicate ID.
 *  - vqr_payload_set: the offending byte of `value`; vqr_payload_get,
 *    _remove, _object, _write, vqr_crc_check: SIZE_MAX (the tag path names
 *    the object).
 *  - vqr_text_fold, vqr_text_nfc, vqr_text_escape, vqr_bank_find,
 *    _find_all, vqr_amount_parse: the offending byte (and character) of
 *    the input text.
 *  - vqr_vietqr_build, vqr_vietqr_write: the offending byte of the input
 *    field named by `tag`; SIZE_MAX when the problem is not one character.
 *  - vqr_vietqr_read: SIZE_MAX.
 *  - vqr_ref_make, vqr_ref_check, vqr_recon_add_prefix: the offending
 *    character of the prefix or reference; vqr_recon_amount_parse: the
 *    offending byte of the amount; vqr_recon_add_tx: the offending byte
 *    of the date. `related_offset` of vqr_recon_add_issued (a duplicate)
 *    and vqr_recon_add_tx (a conflicting ID) is the index of the earlier
 *    reference or transaction.
 *  - vqr_verify: VQR_ERR_PAYEE gives the index of the payee at fault in
 *    `offset` (and `char_offset`); the payload's own error is not an
 *    error of the call but the verdict's `error`, with the parse's offsets.
 *  - vqr_qr_encode: the first malformed UTF-8 byte of the payload; QR
 *    rendering and the other functions: SIZE_MAX.
 */
typedef struct vqr_error {
    size_t size;     /**< sizeof(vqr_error), set by the caller (VQR_INIT) */
    vqr_status code; /**< VQR_OK when there is nothing to report */
    vqr_severity severity;
    size_t offset;          /**< byte offset of the offending object (or byte) */
    size_t char_offset;     /**< the same position counted in characters */
    size_t related_offset;  /**< first occurrence for a duplicate ID, else SIZE_MAX */
    size_t limit;           /**< the limit broken (a length, a size), else 0 */
    char tag[VQR_TAG_MAX];  /**< tag path like "62.08"; "" when not tied to an object */
    const char *name;       /**< symbolic name, e.g. "VQR_ERR_CRC_MISMATCH" */
    const char *message;    /**< English message */
    const char *message_vi; /**< Vietnamese message */
} vqr_error;

/**
 * Prepares a struct the library fills: zeroes its `size` bytes and stores
 * `size` in its first member. Use it (or VQR_INIT) on vqr_error, vqr_object,
 * vqr_vietqr_info, vqr_vietqr_report and vqr_print_size before passing
 * them; structs passed in have init functions of their own that also set
 * defaults. Errors: VQR_ERR_INVALID_ARGUMENT when `obj` is NULL or `size`
 * is below sizeof(size_t) or above VQR_STRUCT_SIZE_MAX (nothing written).
 * No allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_init(void *obj, size_t size, vqr_error *err);

/** vqr_init() with the size the caller was compiled with: `VQR_INIT(&err);` */
#define VQR_INIT(obj) vqr_init((obj), sizeof *(obj), NULL)

/** The symbolic name of a code ("VQR_ERR_UTF8"), or "VQR_ERR_UNKNOWN". @since 0.1 */
VQR_API const char *vqr_status_name(vqr_status code);
/** The English message of a code (static). @since 0.1 */
VQR_API const char *vqr_strerror(vqr_status code);
/** The Vietnamese message of a code (static). @since 0.1 */
VQR_API const char *vqr_strerror_vi(vqr_status code);

/* ======================================================================
 * CRC-16/CCITT-FALSE
 * ====================================================================== */

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final
 * xor) of `len` bytes. `data` may be NULL only when `len` is 0.
 * vqr_crc16("123456789", 9) == 0x29B1. @since 0.1
 */
VQR_API uint16_t vqr_crc16(const void *data, size_t len);

/**
 * Checks the CRC of a whole payload: it must end with "6304" and four hex
 * digits, and the CRC over every byte but the last four must match them
 * (either case). Writes the expected CRC (upper case, NUL-terminated) to
 * `expected` when it is not NULL and the payload has at least 4 bytes.
 * Returns VQR_OK, VQR_ERR_CRC_MISMATCH, VQR_ERR_CRC_MISSING or
 * VQR_ERR_INVALID_ARGUMENT (`payload` NULL with `len` > 0); `err` (may be
 * NULL) receives the code with tag "63".
 * Thread-safe, no allocation. @since 0.1; `err` @since 0.2
 */
VQR_API vqr_status vqr_crc_check(const char *payload, size_t len, char expected[5], vqr_error *err);

/* ======================================================================
 * Payloads: parse, inspect, edit, write
 * ====================================================================== */

/** Most bytes a vqr_payload can hold as input. */
#define VQR_INPUT_MAX 2048
/** EMVCo's limit on a payload, in characters. */
#define VQR_PAYLOAD_MAX_CHARS 512
/** Buffer size that always holds a written payload and its NUL. */
#define VQR_PAYLOAD_BUF_SIZE (4 * VQR_PAYLOAD_MAX_CHARS + 1)
/** Most diagnostics a vqr_payload records (the count goes on beyond it). */
#define VQR_DIAG_MAX 32
/** Most objects (templates and values, removed ones aside) a vqr_payload holds. @since 0.2 */
#define VQR_PAYLOAD_NODES 640
/** Bytes of parsed input and values set since that a vqr_payload holds. @since 0.2 */
#define VQR_PAYLOAD_ARENA 4096
/** Size in bytes of the storage behind a vqr_payload. */
#define VQR_PAYLOAD_STORAGE 20480

/**
 * A parsed or built payload. Caller-owned, fixed-size storage (allocate it
 * on the stack, statically or inside your own struct); its layout is
 * private: use the functions below. It borrows nothing: the bytes given to
 * vqr_payload_parse are copied in. Bindings allocate vqr_payload_sizeof()
 * bytes, aligned for a pointer and a uint64_t.
 *
 * Zero bytes are a valid empty payload: storage that is static, set with
 * `= {0}`, from calloc() or cleared with memset(p, 0, sizeof *p) holds no
 * object and no diagnostic. Every function reads it so (a look-up is
 * VQR_ERR_NOT_FOUND, vqr_payload_first gives VQR_NONE, vqr_payload_write
 * VQR_ERR_MISSING for 00, vqr_vietqr_read VQR_ERR_NOT_VIETQR), and
 * vqr_payload_set builds on it; vqr_payload_init() is what adds 00 = "01".
 * Any other content it did not write itself is undefined behaviour.
 *
 * Views and handles into a payload stay valid until the next
 * vqr_payload_parse, _init, _set or _remove on it, whatever that call
 * returns.
 */
typedef union vqr_payload {
    uint64_t align_u64_;
    void *align_ptr_;
    double align_double_;
    unsigned char storage_[VQR_PAYLOAD_STORAGE];
} vqr_payload;

/** sizeof(vqr_payload), for bindings. @since 0.1 */
VQR_API size_t vqr_payload_sizeof(void);

/**
 * Validation profiles. Every parse reads the same EMVCo structure (IDs,
 * lengths, templates, CRC); the profile chooses the rules checked on top of
 * it and whether a broken rule is an error or a warning:
 *
 *  - EMVCo: EMVCo MPM v1.1 as written; every rule violation is an error.
 *    Text in S fields is in precomposed form (4.5.3.1): decomposed text is
 *    VQR_ERR_NOT_NFC at its first combining mark.
 *  - VietQR: the NAPAS 247 rules (VietQR, NAPAS v1.0 09/2021) on top of
 *    the EMVCo structure. Every violation is an error. Differences from
 *    EMVCo: 01 (point of initiation) is mandatory; 38 must carry the NAPAS
 *    GUID A000000727 (VQR_ERR_NOT_VIETQR, tag "38", when it does not);
 *    38.01.00 is the 6-digit BIN (VQR_ERR_BIN); 38.02 is mandatory and one
 *    of QRIBFTTA, QRIBFTTC, QRPUSH, QRCASH (VQR_ERR_SERVICE); 38.01.01 is
 *    checked per service: QRIBFTTA up to 19 letters or digits, as bank
 *    accounts and the virtual accounts of wallets are ("0011001234567",
 *    MoMo's "PSP...", BVBank's "99MM...": VQR_ERR_ACCOUNT,
 *    VQR_ERR_LENGTH), QRIBFTTC a card number of 16-19 digits
 *    (VQR_ERR_CARD), QRPUSH and QRCASH printable ASCII up to 19; QRCASH
 *    needs 62.05 and 62.07; 52, 59 and 60 are optional; 53 and 58 are
 *    optional and read as 704 (VND) and "VN" when absent, and when stated
 *    follow the EMVCo rules (any ISO 4217 currency, two upper-case
 *    letters); 62's sub-objects keep the EMVCo limits (01-08 at most 25
 *    characters).
 *  - Lenient: the EMVCo rules, with those real payloads break downgraded
 *    to warnings (see VQR_PARSE_LENIENT).
 *
 * @since 0.2
 */
typedef enum vqr_profile {
    VQR_PROFILE_NONE = 0,   /**< no parse: an empty or built payload */
    VQR_PROFILE_EMVCO = 1,  /**< strict EMVCo MPM v1.1 */
    VQR_PROFILE_VIETQR = 2, /**< NAPAS 247 (VietQR) on the EMVCo structure */
    VQR_PROFILE_LENIENT = 3 /**< EMVCo with the rules real payloads break as warnings */
} vqr_profile;

/**
 * Parse flags: at most one of VQR_PARSE_LENIENT, VQR_PARSE_EMVCO and
 * VQR_PARSE_VIETQR (two or more are VQR_ERR_INVALID_ARGUMENT). 0, the
 * default, chooses the profile from the payload.
 */
typedef enum vqr_parse_flags {
    /**
     * The default (@since 0.2): the VietQR profile when the payload
     * carries a NAPAS template (root 38 whose 38.00 is A000000727), strict
     * EMVCo otherwise. In 0.1, 0 meant strict EMVCo for every payload.
     */
    VQR_PARSE_DEFAULT = 0,
    /**
     * Lenient: accepts what real payloads do (lower-case CRC hex, PFI "02",
     * zero-length values, over-long or missing 52/59/60, primitives in
     * 80-99, lengths counted in bytes or in UTF-16 code units, a leading
     * byte order mark, text not in NFC, ...) and reports each as a
     * warning. Structural damage (bad IDs or lengths, truncation, duplicate
     * IDs, malformed UTF-8, a missing or wrong CRC, data after the CRC)
     * stays an error, and so does a payload nobody can pay: no merchant
     * account information (VQR_ERR_NO_MERCHANT_ACCOUNT), or neither a
     * currency (53) nor a country (58) without a NAPAS template
     * (VQR_ERR_MISSING for both).
     */
    VQR_PARSE_LENIENT = 1u << 0,
    /** Strict EMVCo MPM v1.1 as written, whatever the payload. @since 0.2 */
    VQR_PARSE_EMVCO = 1u << 1,
    /**
     * The VietQR profile, whatever the payload: one without a NAPAS 38
     * template fails with VQR_ERR_NOT_VIETQR (tag "38"). @since 0.2
     */
    VQR_PARSE_VIETQR = 1u << 2,
    /** The 0.1 name of strict EMVCo, kept for source compatibility: VQR_PARSE_EMVCO. */
    VQR_PARSE_STRICT = VQR_PARSE_EMVCO
} vqr_parse_flags;

/**
 * Parses `len` bytes of `data` into `p`.
 *
 * Reads every root ID 00-99; templates 26-51, 62, 64 and 80-99 into their
 * sub-objects (62.50-99 too); 38.01 when 38.00 is the NAPAS GUID
 * A000000727. Objects may come in any order, but 00 must be first and 63
 * last. Then validates the content against the rules of the profile the
 * flags choose (see vqr_profile and vqr_parse_flags); which one was used is
 * told by vqr_payload_profile().
 *
 * What surrounds the payload, in every profile: a leading UTF-8 byte
 * order mark is VQR_ERR_BOM (a warning in lenient mode) and skipped;
 * anything after the CRC object (a line break, spaces, a second payload)
 * is VQR_ERR_TRAILING_DATA, at the offset of its first byte, and the
 * payload is read up to it, so its CRC is checked as it should be. Lengths
 * counted in UTF-16 code units (2 for an emoji, as JavaScript's length
 * does) are recognised when they frame the payload and its CRC is right:
 * VQR_ERR_UTF16_LENGTHS, an error (a warning in lenient mode), at the first
 * value holding such a character, and the tree is read that way. Offsets
 * always count from the first byte of `data`.
 *
 * Every diagnostic (errors and warnings) is recorded in `p`; `err` receives
 * the first error. On a structural error the tree holds what was read
 * before it. Returns VQR_OK when there is no error (warnings may exist).
 *
 * `data` may be NULL only when `len` is 0. No allocation, no recursion,
 * linear time, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_payload_parse(vqr_payload *p, const char *data, size_t len, unsigned flags,
                                     vqr_error *err);

/**
 * Empties `p` for building and sets 00 to "01". No allocation. @since 0.1
 */
VQR_API void vqr_payload_init(vqr_payload *p);

/**
 * The profile the last vqr_payload_parse() of `p` validated with:
 * VQR_PROFILE_EMVCO, _VIETQR or _LENIENT; VQR_PROFILE_NONE for NULL, for
 * a payload that was initialised or built rather than parsed, and after a
 * parse refused with VQR_ERR_INVALID_ARGUMENT. When the default could not
 * frame the payload far enough to find a NAPAS template (malformed UTF-8,
 * a broken root object), it is VQR_PROFILE_EMVCO. No allocation,
 * thread-safe. @since 0.2
 */
VQR_API vqr_profile vqr_payload_profile(const vqr_payload *p);

/**
 * The name of a profile as the tool and the bindings spell it: "emvco",
 * "vietqr", "lenient", "none" for VQR_PROFILE_NONE, and NULL for a value
 * outside the enum. Static string. @since 0.2
 */
VQR_API const char *vqr_profile_name(vqr_profile profile);

/** Number of diagnostics found by the last parse (may exceed VQR_DIAG_MAX). */
VQR_API size_t vqr_payload_diag_count(const vqr_payload *p);
/** Number of diagnostics of a given severity found by the last parse. */
VQR_API size_t vqr_payload_diag_count_severity(const vqr_payload *p, vqr_severity sev);
/**
 * Fills `out` (set up with VQR_INIT) with diagnostic `i` (0-based, in the
 * order found; only the first VQR_DIAG_MAX are kept). Errors, reported in
 * `err` (may be NULL) and not in `out`: VQR_ERR_NOT_FOUND past the end
 * (`err->limit` is the number of diagnostics kept), VQR_ERR_INVALID_ARGUMENT.
 * @since 0.1; `err` @since 0.2
 */
VQR_API vqr_status vqr_payload_diag(const vqr_payload *p, size_t i, vqr_error *out, vqr_error *err);

/**
 * The CRC of the last parse: `given` receives the 4 characters after 6304
 * as written ("" if none), `computed` the CRC computed over the payload
 * (upper case; "" if the payload has no 6304). Either may be NULL.
 * Returns true when both exist and match (ignoring case). @since 0.1
 */
VQR_API bool vqr_payload_crc(const vqr_payload *p, char given[5], char computed[5]);

/** A read-only view of a value inside a vqr_payload (not NUL-terminated).
 *  Its layout is fixed: it has no `size` and never grows. */
typedef struct vqr_view {
    const char *ptr; /**< first byte; valid until `p` is changed */
    size_t len;      /**< bytes */
    size_t chars;    /**< Unicode code points */
} vqr_view;

/**
 * Looks up a tag path: "54", "62.08", "38.01.00". For a template that has
 * not been changed since parsing, the view is its whole value; for a
 * changed one, VQR_ERR_IS_TEMPLATE. VQR_ERR_NOT_FOUND when absent,
 * VQR_ERR_BAD_PATH when malformed, VQR_ERR_INVALID_ARGUMENT for a NULL
 * `p`, `path` or `out`. On error `*out` is an empty view and `err` (may be
 * NULL) names the path in `tag` (when it is well formed).
 * @since 0.1; `err` @since 0.2
 */
VQR_API vqr_status vqr_payload_get(const vqr_payload *p, const char *path, vqr_view *out,
                                   vqr_error *err);

/**
 * Sets the value at a tag path, creating parent templates as needed
 * ("62.08" creates 62). The value is copied. It must be valid UTF-8, 1-99
 * characters and within the field's EMVCo format and length (an over-long
 * value is VQR_ERR_LENGTH with the tag and `limit`; nothing is truncated).
 * Setting a template ID itself is VQR_ERR_IS_TEMPLATE, except 80-99 which
 * may hold a raw primitive.
 *
 * Any number of set and remove calls works on one payload: when its
 * storage fills, what was removed or replaced is dropped to make room.
 * VQR_ERR_NO_SPACE (nothing changed) only when what the payload holds at
 * once would not fit: more than VQR_PAYLOAD_NODES objects, or more than
 * VQR_PAYLOAD_ARENA bytes of the parsed input and the values set since
 * (a payload a scanner reads, at most 2 KiB, leaves at least 2 KiB for
 * values set on it; a written payload is at most 512 characters).
 * @since 0.1
 */
VQR_API vqr_status vqr_payload_set(vqr_payload *p, const char *path, const char *value, size_t len,
                                   vqr_error *err);

/**
 * Removes the object at a tag path (and its sub-objects). Errors as
 * vqr_payload_get(). @since 0.1; `err` @since 0.2
 */
VQR_API vqr_status vqr_payload_remove(vqr_payload *p, const char *path, vqr_error *err);

/** Write flags. */
typedef enum vqr_write_flags {
    /** Canonical: 00 first, ascending IDs at every level, 63 last. */
    VQR_WRITE_CANONICAL = 0,
    /**
     * Keep the order objects were read in (new objects go at the end of
     * their template, before 63), and write every object that was not
     * changed byte for byte as it was read.
     */
    VQR_WRITE_KEEP_ORDER = 1u << 0
} vqr_write_flags;

/**
 * Writes the payload with a fresh upper-case, zero-padded CRC into `buf`
 * (`cap` bytes, NUL-terminated). `*out_len` receives the payload's length
 * in bytes without the NUL; when `cap` is too small it receives that length
 * and VQR_ERR_BUFFER_TOO_SMALL is returned with nothing written.
 * VQR_PAYLOAD_BUF_SIZE always suffices. Errors: VQR_ERR_TEMPLATE_TOO_LONG
 * (a template over 99 characters), VQR_ERR_ZERO_LENGTH,
 * VQR_ERR_PAYLOAD_TOO_LONG (over 512 characters), VQR_ERR_MISSING (no 00).
 * No allocation. @since 0.1
 */
VQR_API vqr_status vqr_payload_write(const vqr_payload *p, unsigned flags, char *buf, size_t cap,
                                     size_t *out_len, vqr_error *err);

/** Handle of an object inside a vqr_payload; VQR_NONE for none. */
typedef int vqr_handle;
#define VQR_NONE (-1)
/** The parent to pass to vqr_payload_first for root objects. */
#define VQR_ROOT (-1)

/** What vqr_payload_object reports about one object. Set up with VQR_INIT. */
typedef struct vqr_object {
    size_t size;           /**< sizeof(vqr_object), set by the caller (VQR_INIT) */
    int id;                /**< 0-99 */
    int depth;             /**< 0 root, 1 in a template, 2 in 38.01 */
    bool is_template;      /**< its value was read as sub-objects */
    bool raw;              /**< a template ID whose value is kept raw (not a TLV sequence) */
    vqr_view value;        /**< for a changed template, ptr is NULL */
    size_t offset;         /**< byte offset of its ID in the parsed input; SIZE_MAX if set later */
    size_t char_offset;    /**< the same in characters; SIZE_MAX if set later */
    char tag[VQR_TAG_MAX]; /**< its tag path */
} vqr_object;

/** First object of `parent` (VQR_ROOT for the root), in stored order. */
VQR_API vqr_handle vqr_payload_first(const vqr_payload *p, vqr_handle parent);
/** The object after `h` in the same template, or VQR_NONE. */
VQR_API vqr_handle vqr_payload_next(const vqr_payload *p, vqr_handle h);
/**
 * Describes object `h` in `out` (set up with VQR_INIT). VQR_ERR_NOT_FOUND
 * for a bad or removed handle, VQR_ERR_INVALID_ARGUMENT for a NULL `p` or
 * `out` or a bad `out->size`. @since 0.1; `err` @since 0.2
 */
VQR_API vqr_status vqr_payload_object(const vqr_payload *p, vqr_handle h, vqr_object *out,
                                      vqr_error *err);

/* ======================================================================
 * Vietnamese text
 *
 * EMVCo's ans fields (59, 60, 62.01-62.11 and most of 26-51) hold printable
 * ASCII only (0x20-0x7E); VietQR bank apps show them as given. S fields
 * (64.01, 64.02) may hold any Unicode text, in precomposed (NFC) form.
 * vqr_text_fold() turns what a payer typed into what an ans field can hold
 * and reports what it changed; vqr_text_nfc() puts text for an S field in
 * NFC. Both accept NFC and decomposed (NFD) input, work on caller buffers,
 * never allocate and are thread-safe. Unicode data comes from utf8proc.
 * ====================================================================== */

/** Flags of vqr_text_fold(). */
typedef enum vqr_text_flags {
    /** Fold letters with diacritics to ASCII (the default). */
    VQR_TEXT_FOLD = 0,
    /** Strict: any non-ASCII character is VQR_ERR_TEXT_NOT_ASCII; nothing is folded. */
    VQR_TEXT_STRICT = 1u << 0
} vqr_text_flags;

/**
 * Folds `len` bytes of UTF-8 text to printable ASCII for an ans field.
 *
 * What happens to each character, in the default mode:
 *  - printable ASCII (0x20-0x7E) is copied;
 *  - a letter with diacritics becomes its base letter: every Vietnamese
 *    letter (U+1EB7 a with breve and dot below -> "a", U+1EEE -> "U",
 *    U+0111 d with stroke -> "d", U+0110 -> "D") and any other letter
 *    whose canonical decomposition is an ASCII letter followed by
 *    combining marks (U+00E9 e acute, U+00F1, U+00DC);
 *  - combining marks (Unicode categories Mn, Mc, Me) that follow a letter
 *    are dropped, so decomposed (NFD) text folds exactly like NFC text;
 *  - a Unicode space separator (category Zs: no-break space U+00A0, en
 *    space, ideographic space, ...) becomes " ";
 *  - a control character (U+0000-001F, U+007F-009F: tab, line breaks, NUL)
 *    is VQR_ERR_TEXT_CONTROL;
 *  - anything else (U+20AC euro sign, U+2260, U+00F8, CJK, emoji, format
 *    characters such as U+200B, a combining mark that does not follow a letter) is
 *    VQR_ERR_TEXT_NOT_ASCII. Nothing is ever dropped or replaced silently.
 * With VQR_TEXT_STRICT every character outside ASCII is
 * VQR_ERR_TEXT_NOT_ASCII (control characters stay VQR_ERR_TEXT_CONTROL).
 * Malformed UTF-8 anywhere in the input is VQR_ERR_UTF8, checked first.
 * On these errors `err` gives the byte `offset` and the `char_offset`
 * (in code points) of the offending character.
 *
 * The output is written to `out` (`cap` bytes, NUL-terminated) and
 * `*out_len` receives its length without the NUL; it is never longer than
 * the input, so `cap` = `len` + 1 always suffices. When `cap` is too small
 * `*out_len` still receives the length, `err->limit` the capacity needed
 * (`*out_len` + 1), and VQR_ERR_BUFFER_TOO_SMALL is returned (with
 * `*changed` set too). On any other error `*out_len` and `*changed` receive
 * 0. On any error nothing is written to `out`. `out` may be the same
 * buffer as `in` (folding in place); other overlaps are not allowed.
 *
 * `*changed` receives the number of characters folded: a letter and the
 * combining marks that follow it count once, as does each space separator.
 * The text changed exactly when it is not 0. "Thanh to\u00E1n h\u1ECDc
 * ph\u00ED Nguy\u1EC5n V\u0103n \u0110\u1EE9c" (in C notation) folds to
 * "Thanh toan hoc phi Nguyen Van Duc" with 7 changes.
 *
 * @param in       UTF-8 text; may be NULL only when `len` is 0
 * @param len      bytes of `in`
 * @param flags    VQR_TEXT_FOLD or VQR_TEXT_STRICT; other bits are
 *                 VQR_ERR_INVALID_ARGUMENT
 * @param out      output buffer; may be NULL only when `cap` is 0 (to
 *                 measure)
 * @param cap      bytes of `out`
 * @param out_len  receives the output length; may be NULL
 * @param changed  receives the number of characters changed; may be NULL
 * @param err      receives the details of an error, or VQR_OK; may be NULL
 * @return VQR_OK, VQR_ERR_INVALID_ARGUMENT, VQR_ERR_UTF8,
 *         VQR_ERR_TEXT_CONTROL, VQR_ERR_TEXT_NOT_ASCII or
 *         VQR_ERR_BUFFER_TOO_SMALL
 *
 * No allocation, no global state, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_text_fold(const char *in, size_t len, unsigned flags, char *out, size_t cap,
                                 size_t *out_len, size_t *changed, vqr_error *err);

/**
 * Most code points the canonical decomposition of a vqr_text_nfc() input
 * may have. Canonical decomposition at most quadruples the number of code
 * points, so any input of up to 256 code points (every value of an EMVCo
 * field: at most 99 characters) always fits.
 */
#define VQR_TEXT_NFC_MAX 1024

/**
 * Normalises `len` bytes of UTF-8 text to Unicode Normalization Form C
 * (canonical composition, as EMVCo requires for S fields such as 64.01
 * and 64.02): "Nguye\u0302\u0303n" (NFD) becomes "Nguy\u1EC5n". Text already
 * in NFC is copied unchanged (all-ASCII text whatever its length); nothing
 * else is changed (control characters are kept: vqr_payload_set() rejects
 * them in S fields).
 *
 * The output is written to `out` (`cap` bytes, NUL-terminated) and
 * `*out_len` receives its length without the NUL. NFC may be longer than
 * the input (a few characters have a longer canonical form, at most three
 * times the bytes); when `cap` is too small `*out_len` still receives the
 * length, `err->limit` the capacity needed, and VQR_ERR_BUFFER_TOO_SMALL is
 * returned; on any other error `*out_len` receives 0. On any error
 * nothing is written to `out`. `out` may be the same buffer as `in`;
 * other overlaps are not allowed.
 *
 * @param in       UTF-8 text; may be NULL only when `len` is 0
 * @param len      bytes of `in`
 * @param out      output buffer; may be NULL only when `cap` is 0
 * @param cap      bytes of `out`
 * @param out_len  receives the output length; may be NULL
 * @param err      receives the details of an error, or VQR_OK; may be NULL
 * @return VQR_OK, VQR_ERR_INVALID_ARGUMENT, VQR_ERR_UTF8 (with the offset
 *         of the first bad byte), VQR_ERR_TEXT_TOO_LONG (the decomposition
 *         has more than VQR_TEXT_NFC_MAX code points; `err->limit` is
 *         VQR_TEXT_NFC_MAX) or VQR_ERR_BUFFER_TOO_SMALL
 *
 * No allocation (about 4 KiB of stack), thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_text_nfc(const char *in, size_t len, char *out, size_t cap, size_t *out_len,
                                vqr_error *err);

/* ======================================================================
 * Showing untrusted text
 *
 * The text of a payload is written by whoever made the QR code. Shown as
 * it is on a terminal, in a log or on a web page it can forge what the
 * reader sees: an ANSI escape sequence (ESC "[1A") moves the cursor up and
 * rewrites the line with the account number; a CR or LF starts a line of
 * its own; U+009B is a one-character ESC "["; a right-to-left override
 * (U+202E) shows "0011001234567" backwards; a zero-width space hides in
 * an account number. vqr_text_escape() is the one rule for showing such
 * text: every unsafe character is written as an escape, everything else
 * as itself (Vietnamese letters stay readable).
 *
 * The unsafe characters:
 *  - controls (Unicode category Cc): U+0000-001F, U+007F (DEL) and the
 *    C1 controls U+0080-009F;
 *  - bidirectional controls: U+061C, U+200E, U+200F, U+202A-202E,
 *    U+2066-2069;
 *  - every other Default_Ignorable_Code_Point of Unicode 15: U+00AD,
 *    U+034F, U+115F-1160, U+17B4-17B5, U+180B-180F, U+200B-200D (zero-width
 *    space and joiners), U+2060-2065, U+206A-206F, U+3164, U+FE00-FE0F,
 *    U+FEFF, U+FFA0, U+FFF0-FFF8, U+1BCA0-1BCA3, U+1D173-1D17A,
 *    U+E0000-E0FFF;
 *  - the line and paragraph separators U+2028 and U+2029;
 *  - bytes that are not well-formed UTF-8.
 * The same characters are refused in the S fields of a payload (64.01,
 * 64.02): VQR_ERR_FORMAT_S, VQR_ERR_FORMAT_BIDI, VQR_ERR_FORMAT_INVISIBLE.
 * ====================================================================== */

/** Flags of vqr_text_escape(): one of the three forms. */
typedef enum vqr_escape_flags {
    /**
     * For terminals and logs. A backslash becomes "\\"; TAB, LF and CR
     * "\t", "\n", "\r"; any other byte below 0x80 that is unsafe "\xNN";
     * an unsafe code point from U+0080 "\uXXXX", or "\UXXXXXXXX" above
     * U+FFFF; a byte that is not UTF-8 "\xNN" (NN >= 80). Hex digits are
     * lower case ("\x1b", "\u202e"). The output is valid UTF-8 without
     * any unsafe character, and reads back to the input exactly: "\\" is
     * a backslash, "\xNN" the byte NN, "\uXXXX" and "\UXXXXXXXX" the code
     * point in UTF-8, "\t" "\n" "\r" those controls.
     */
    VQR_ESCAPE_TEXT = 0,
    /**
     * The content of a JSON string (RFC 8259), without its quotes: '"' and
     * backslash escaped, "\b" "\f" "\n" "\r" "\t", every other unsafe
     * character as "\u001b", "\u007f", "\u202e" (a surrogate pair above
     * U+FFFF). Text that is not UTF-8 is VQR_ERR_UTF8.
     */
    VQR_ESCAPE_JSON = 1u << 0,
    /**
     * A whole JSON text as a JSON library serialises it: every unsafe
     * character except TAB, LF and CR (JSON's white space) is written as
     * "\uXXXX", nothing else changes. Outside strings valid JSON holds only
     * ASCII punctuation, letters, digits and white space, so the document
     * keeps its meaning; use it on the output of jansson, Python's json or
     * any other serialiser that writes U+202E or DEL as they are. Text that
     * is not UTF-8 is VQR_ERR_UTF8.
     */
    VQR_ESCAPE_JSON_DOCUMENT = 1u << 1
} vqr_escape_flags;

/** A vqr_text_escape() output buffer of this many bytes always suffices. */
#define VQR_ESCAPE_SIZE(len) (6 * (size_t)(len) + 1)

/**
 * Writes `len` bytes of text in the form `flags` chooses (see
 * vqr_escape_flags), so that no unsafe character reaches a screen.
 *
 * The output goes to `out` (`cap` bytes, NUL-terminated) and `*out_len`
 * receives its length without the NUL; VQR_ESCAPE_SIZE(len) bytes always
 * suffice. When `cap` is too small `*out_len` (and `*escaped`) still
 * receive their values, `err->limit` the capacity needed, and
 * VQR_ERR_BUFFER_TOO_SMALL is returned; `out` may be NULL with `cap` 0 to
 * measure. On any error nothing is written to `out`. `out` must not
 * overlap `in`.
 *
 * @param in       the text; may be NULL only when `len` is 0
 * @param len      bytes of `in`
 * @param flags    VQR_ESCAPE_TEXT, VQR_ESCAPE_JSON or
 *                 VQR_ESCAPE_JSON_DOCUMENT; anything else is
 *                 VQR_ERR_INVALID_ARGUMENT
 * @param out      output buffer; may be NULL only when `cap` is 0
 * @param cap      bytes of `out`
 * @param out_len  receives the output length; may be NULL
 * @param escaped  receives the number of unsafe characters written as
 *                 escapes (a backslash or quote escaped for the syntax does
 *                 not count): not 0 exactly when the text holds something a
 *                 reader must be warned about; may be NULL
 * @param err      may be NULL
 * @return VQR_OK, VQR_ERR_INVALID_ARGUMENT, VQR_ERR_UTF8 (JSON forms;
 *         `err->offset` is the first bad byte) or VQR_ERR_BUFFER_TOO_SMALL
 *
 * No allocation, linear time, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_text_escape(const char *in, size_t len, unsigned flags, char *out,
                                   size_t cap, size_t *out_len, size_t *escaped, vqr_error *err);

/** What vqr_text_unsafe() gives for a byte that is not UTF-8. */
#define VQR_CP_NOT_UTF8 UINT32_C(0xFFFFFFFF)

/**
 * Counts the unsafe characters of `len` bytes of text (bytes that are not
 * UTF-8 count one each): exactly what vqr_text_escape() counts in
 * `*escaped`. `first` (may be NULL) receives the byte offset of the first
 * one, or `len` when there is none; `cp` (may be NULL) its code point,
 * VQR_CP_NOT_UTF8 for a byte that is not UTF-8, or 0 when there is none.
 * `s` may be NULL only when `len` is 0 (NULL with a length counts
 * nothing). No allocation, thread-safe. @since 0.2
 */
VQR_API size_t vqr_text_unsafe(const char *s, size_t len, size_t *first, uint32_t *cp);

/* ======================================================================
 * Bank directory
 *
 * The Vietnamese banks and payment institutions that VietQR reaches: every
 * BIN issued by the State Bank of Vietnam up to 31/12/2023 plus the BINs
 * bank apps use beyond them (CAKE, Ubank, Timo, MoMo, ...). The table is
 * built from data/banks.csv and data/bank_aliases.csv when the library is
 * compiled; vqr_bank_data_version() names the data's version. All of it is
 * static, read-only data: no allocation, thread-safe, and the pointers
 * returned stay valid for as long as the library is loaded.
 * ====================================================================== */

/**
 * One bank of the directory. Every string is static UTF-8 (NFC). The
 * library only hands out pointers to its own records; fields may be
 * appended in later versions.
 */
typedef struct vqr_bank {
    const char *bin;        /**< BIN (BNB ID) used in 38.01.00: six digits, "970436" */
    const char *short_name; /**< short name as bank apps show it: "Vietcombank" */
    const char *name;       /**< full Vietnamese name, with its diacritics */
    const char *swift;      /**< SWIFT/BIC (8 characters), or NULL when the bank has none */
} vqr_bank;

/** Number of banks in the directory. @since 0.1 */
VQR_API size_t vqr_bank_count(void);

/**
 * Bank `i` (0-based) of the directory, in ascending order of BIN, into
 * `*out`. Errors (`*out` NULL): VQR_ERR_NOT_FOUND when `i` >=
 * vqr_bank_count() (`err->limit` is the count), VQR_ERR_INVALID_ARGUMENT
 * for a NULL `out`. @since 0.1; status and `err` @since 0.2
 */
VQR_API vqr_status vqr_bank_at(size_t i, const vqr_bank **out, vqr_error *err);

/**
 * The bank with this BIN: exactly `len` = 6 decimal digits, into `*out`.
 * `bin` need not be NUL-terminated, so the vqr_view of 38.01.00 can be
 * passed as it is. Errors (`*out` NULL): VQR_ERR_BIN when `len` is not 6
 * (`err->limit` 6) or a character is not a digit (`err->offset` is that
 * byte); VQR_ERR_BANK_UNKNOWN when no bank of the directory has it (an
 * unknown BIN is not an error in a payload: not every VietQR BIN is in the
 * directory); VQR_ERR_INVALID_ARGUMENT for a NULL `out`, or a NULL `bin`
 * with `len` > 0. @since 0.1; status and `err` @since 0.2
 */
VQR_API vqr_status vqr_bank_find_bin(const char *bin, size_t len, const vqr_bank **out,
                                     vqr_error *err);

/**
 * Finds the one bank a user means by `query` (`len` bytes of UTF-8): its
 * BIN ("970436"), short name ("Vietcombank"), SWIFT code ("BFTVVNVX", or
 * the 11-character form "BFTVVNVXXXX"), full Vietnamese name (with or
 * without diacritics), an alias ("VCB", "CTG", "MB", "Cake") or a former name
 * ("OceanBank" finds MBV, "DongA Bank" Vikki Bank, "LienVietPostBank"
 * LPBank, "Viet Capital Bank" BVBank).
 *
 * Matching ignores case, diacritics (NFC or NFD; U+0111 matches "d"), spaces
 * and punctuation: "vietcombank", "VIETCOMBANK", "Viet Com Bank" and
 * "ngan hang tmcp a chau" all match. The whole query must match a whole
 * name: there is no prefix or fuzzy matching ("Vietcom" matches nothing;
 * vqr_bank_find_all() finds banks by a part of a name, vqr_bank_suggest()
 * the banks a mistyped or partial name may mean). When several banks
 * match that way,
 * the one whose name matches with its spaces and punctuation in place wins
 * ("CIMB Bank" is 422589, "CIMBBank" is 970459); if that does not decide,
 * the result is VQR_ERR_BANK_AMBIGUOUS (two banks share the SWIFT code
 * "IBKOVNVX"): list the candidates with vqr_bank_suggest(), which gives
 * them first.
 *
 * @param query  UTF-8 text; may be NULL only when `len` is 0
 * @param len    bytes of `query`
 * @param out    receives the bank, or NULL on any error; must not be NULL
 * @param err    receives the details of an error, or VQR_OK; may be NULL
 * @return VQR_OK; VQR_ERR_BANK_UNKNOWN when nothing matches (an empty
 *         query included); VQR_ERR_BANK_AMBIGUOUS; VQR_ERR_UTF8 with the
 *         offset of the first bad byte; VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_bank_find(const char *query, size_t len, const vqr_bank **out,
                                 vqr_error *err);

/**
 * Searches the directory: every bank whose BIN, short name, full name,
 * SWIFT code, alias or former name holds `query` as a part, ignoring case,
 * diacritics (NFC or NFD; U+0111 matches "d"), spaces and punctuation, in
 * ascending order of BIN. "vietcom" finds Vietcombank, "shinhan" Shinhan
 * Bank, "ngoai thuong" Vietcombank (Ngân hàng TMCP Ngoại thương Việt
 * Nam), "cimb" both CIMB entries, "ngan hang" nearly every bank, "9704"
 * every BIN that holds it; an 11-character BIC ("BFTVVNVXXXX") finds the
 * bank of its 8-character SWIFT code. Every bank vqr_bank_find() could
 * choose for the same query is among them. (Until 0.2 it listed only the
 * banks a whole name matched.)
 *
 * `*count` receives the number of matches; `out` (`cap` entries) receives
 * them when it holds them all, otherwise nothing is written and
 * VQR_ERR_BUFFER_TOO_SMALL is returned (`err->limit` is the number
 * needed). `out` may be NULL when `cap` is 0; `count` must not be NULL.
 * Returns VQR_ERR_BANK_UNKNOWN when nothing matches (a query without a
 * letter or digit included); other returns as vqr_bank_find(). No
 * allocation, thread-safe. @since 0.1; matching by part @since 0.2
 */
VQR_API vqr_status vqr_bank_find_all(const char *query, size_t len, const vqr_bank **out,
                                     size_t cap, size_t *count, vqr_error *err);

/**
 * The banks a user may have meant by a query vqr_bank_find() cannot
 * resolve, best first, for "did you mean" messages: up to `cap` banks
 * (three make a good list) into `out`, `*count` receiving how many.
 *
 * Queries and names are compared as vqr_bank_find_all() compares them
 * (case, diacritics, spaces and punctuation ignored), and each bank is
 * ranked by the best of its names (BIN, short name, full name, SWIFT code,
 * aliases, former names):
 *  1. a name the query matches whole: the candidates of an ambiguous query
 *     ("IBKOVNVX" gives both IBK branches);
 *  2. a name that holds the query, for a query of 3 letters or more, the
 *     shorter the name the better ("Vietcom" gives Vietcombank first);
 *  3. a name a few edits away (letters inserted, deleted, changed or two
 *     neighbours swapped: at most 1 edit for a query of up to 4 letters, 2
 *     up to 8, 3 beyond), the fewer the better ("Vietcombnak" gives
 *     Vietcombank, "Techcombnk" Techcombank, "970463" 970436).
 * Ties go to the lower BIN. A query that names a bank exactly gives that
 * bank first. Nothing alike gives `*count` 0 and VQR_OK, as does a query
 * with no letter or digit.
 *
 * @param query  UTF-8 text; may be NULL only when `len` is 0
 * @param len    bytes of `query`
 * @param out    receives up to `cap` banks; may be NULL only when `cap` is 0
 * @param cap    entries of `out`
 * @param count  receives the number written; must not be NULL
 * @param err    may be NULL
 * @return VQR_OK; VQR_ERR_UTF8 (offset of the first bad byte);
 *         VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation (about 3 KiB of stack), thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_bank_suggest(const char *query, size_t len, const vqr_bank **out, size_t cap,
                                    size_t *count, vqr_error *err);

/**
 * Version of the bank data compiled in, "YYYY.MM.N" (for example
 * "2026.11.1"); it changes whenever a bank, name, alias or code changes.
 * Static string. @since 0.1
 */
VQR_API const char *vqr_bank_data_version(void);

/* ======================================================================
 * VietQR (NAPAS 247): build and read
 *
 * A VietQR is an EMVCo MPM payload whose merchant account information is
 * tag 38 with the NAPAS GUID A000000727:
 *
 *     38 LL 00 10 A000000727
 *           01 LL 00 06 <BIN>            bank (acquirer / beneficiary bank)
 *                 01 LL <id>             account, card or merchant ID
 *           02 LL <service>              QRIBFTTA, QRIBFTTC, QRPUSH, QRCASH
 *
 * vqr_vietqr_build() turns a plain struct into such a payload in one call,
 * in canonical order (00 01 38 52 53 54 58 59 60 62 63, ascending inside
 * templates), byte for byte what NAPAS's worked examples show. Text for the
 * ans fields (59, 60, 62.01, 62.03, 62.05, 62.07, 62.08) is folded to ASCII
 * with vqr_text_fold() and every change is reported, so an application
 * can show the payer's text as the bank will see it; VQR_VIETQR_STRICT_TEXT
 * makes non-ASCII an error instead. Nothing is ever truncated: a value
 * over its limit is an error naming the tag and the limit.
 *
 * vqr_vietqr_read() turns any parsed payload back into plain fields: the
 * network (NAPAS tag 38, VNPAY-QR tag 26 with GUID A000000775, or another
 * network's template by its GUID), bank, account, service, amount and the
 * additional data.
 *
 * Amounts are integers in the currency's minor unit (ISO 4217 exponent):
 * VND has exponent 0, so 180000 means 180.000 đồng; USD 1250 means 12.50.
 * No floating point is used anywhere.
 * ====================================================================== */

/** Room for a written amount (13 characters) and its NUL. */
#define VQR_AMOUNT_BUF_SIZE 14

/**
 * Reads an amount as written in 54 or 56 into minor units of `currency`
 * (ISO 4217 numeric, e.g. 704 for VND): digits with at most one ".", at
 * most as many decimals as the currency's exponent, not zero, at most 13
 * characters. "50000" and "50000." are 50000 VND; "50000.5" in VND is
 * VQR_ERR_AMOUNT_DECIMALS; "12.5" in USD (840) is 1250.
 *
 * @param s        the amount; may be NULL only when `len` is 0
 * @param len      bytes of `s`
 * @param currency ISO 4217 numeric code
 * @param minor    receives the amount in minor units (0 on error); must
 *                 not be NULL
 * @param err      receives the error (tag "54", byte `offset` of the
 *                 offending character); may be NULL
 * @return VQR_OK, VQR_ERR_AMOUNT_SYNTAX (empty, a character other than
 *         digits and one ".", no digit before the "."),
 *         VQR_ERR_AMOUNT_DECIMALS (`limit` = the exponent),
 *         VQR_ERR_AMOUNT_ZERO, VQR_ERR_LENGTH (over 13 characters,
 *         `limit` 13), VQR_ERR_CURRENCY (unknown currency, tag "53") or
 *         VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_amount_parse(const char *s, size_t len, unsigned currency, uint64_t *minor,
                                    vqr_error *err);

/**
 * Writes an amount in minor units as 54 carries it: no decimals for an
 * exponent of 0 (180000 VND -> "180000"), exactly the exponent's decimals
 * otherwise (1250 USD -> "12.50", 5 USD -> "0.05").
 *
 * @param minor    amount in minor units; 0 is VQR_ERR_AMOUNT_ZERO
 * @param currency ISO 4217 numeric code; unknown is VQR_ERR_CURRENCY
 * @param buf      output (`cap` bytes, NUL-terminated); may be NULL only
 *                 when `cap` is 0 (to measure)
 * @param cap      bytes of `buf`; VQR_AMOUNT_BUF_SIZE always suffices
 * @param out_len  receives the length without the NUL, also when `buf` is
 *                 too small or the amount too long; must not be NULL
 * @param err      may be NULL
 * @return VQR_OK, VQR_ERR_AMOUNT_ZERO, VQR_ERR_CURRENCY, VQR_ERR_LENGTH
 *         (more than 13 characters, `limit` 13, nothing written),
 *         VQR_ERR_BUFFER_TOO_SMALL (`limit` = bytes needed, nothing
 *         written) or VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_amount_format(uint64_t minor, unsigned currency, char *buf, size_t cap,
                                     size_t *out_len, vqr_error *err);

/** Flags of vqr_amount_words_vi(). */
typedef enum vqr_amount_words_flags {
    /** Northern usage, as most invoices print: "nghìn", "linh", "bốn". */
    VQR_AMOUNT_WORDS_NORTH = 0,
    /** Southern usage: "ngàn" for nghìn, "lẻ" for linh. */
    VQR_AMOUNT_WORDS_SOUTH = 1u << 0,
    /** "tư" for a unit 4 after a tens word from twenty: "hai mươi tư". */
    VQR_AMOUNT_WORDS_TU = 1u << 1,
    /** Every flag this version knows. */
    VQR_AMOUNT_WORDS_ALL = (1u << 0) | (1u << 1)
} vqr_amount_words_flags;

/**
 * Room for the words of any amount vqr_amount_words_vi() accepts (at most
 * 13 digits) and their NUL. The longest reading is well under it.
 */
#define VQR_AMOUNT_WORDS_BUF_SIZE 320

/**
 * Writes a VND amount in Vietnamese words, as invoices and fee notices
 * print it under the figures ("Bằng chữ: ..."): capitalised, NFC UTF-8,
 * words separated by one space, ending in "đồng", without a final stop.
 *
 *     1250000        "Một triệu hai trăm năm mươi nghìn đồng"
 *     105000         "Một trăm linh năm nghìn đồng"
 *     21             "Hai mươi mốt đồng"
 *     15             "Mười lăm đồng"
 *     2005000        "Hai triệu không trăm linh năm nghìn đồng"
 *     1000000000     "Một tỷ đồng"
 *     1500000000000  "Một nghìn năm trăm tỷ đồng"
 *     0              "Không đồng"
 *
 * The rules: groups of three digits named nghìn, triệu and tỷ, the count
 * of tỷ being read as a number itself (10^12 is "một nghìn tỷ"); "mười"
 * for 10-19 and "<digit> mươi" from 20; after a tens word, 5 is "lăm" and,
 * from twenty, 1 is "mốt"; a zero tens digit before a unit is "linh" when
 * hundreds (or a higher group) stand before it ("một trăm linh năm"); a
 * group after a non-zero group reads its zero hundreds ("không trăm"); a
 * group that is entirely zero is skipped ("một triệu không trăm linh một
 * đồng" for 1000001). VQR_AMOUNT_WORDS_SOUTH writes "ngàn" and "lẻ";
 * VQR_AMOUNT_WORDS_TU writes "tư" for 4 after a tens word from twenty.
 *
 * @param minor    the amount in minor units; VND has no decimals, so this
 *                 is whole đồng. At most 9999999999999 (the 13 characters
 *                 of tag 54); 0 reads "Không đồng".
 * @param currency ISO 4217 numeric code; only 704 (VND) has words
 * @param flags    VQR_AMOUNT_WORDS_* bits; others are
 *                 VQR_ERR_INVALID_ARGUMENT
 * @param buf      output (`cap` bytes, NUL-terminated); may be NULL only
 *                 when `cap` is 0 (to measure)
 * @param cap      bytes of `buf`; VQR_AMOUNT_WORDS_BUF_SIZE always suffices
 * @param out_len  receives the length in bytes without the NUL, also when
 *                 `buf` is too small; must not be NULL
 * @param err      may be NULL
 * @return VQR_OK; VQR_ERR_CURRENCY (unknown to ISO 4217, tag "53");
 *         VQR_ERR_WORDS_CURRENCY (a currency other than VND, tag "53");
 *         VQR_ERR_LENGTH (more than 13 digits, tag "54", `limit` 13);
 *         VQR_ERR_BUFFER_TOO_SMALL (`limit` = bytes needed, nothing
 *         written); VQR_ERR_INVALID_ARGUMENT. On error `*out_len` is 0
 *         except for VQR_ERR_BUFFER_TOO_SMALL.
 *
 * No allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_amount_words_vi(uint64_t minor, unsigned currency, unsigned flags, char *buf,
                                       size_t cap, size_t *out_len, vqr_error *err);

/** NAPAS 247 services (38.02). */
typedef enum vqr_service {
    /** Reading only: no 38.02, or not a NAPAS payload. Building: invalid. */
    VQR_SERVICE_NONE = 0,
    /** "QRIBFTTA": fast transfer to a bank account number. */
    VQR_SERVICE_ACCOUNT = 1,
    /** "QRIBFTTC": fast transfer to a card number (16-19 digits). */
    VQR_SERVICE_CARD = 2,
    /** "QRPUSH": payment to a merchant, by a merchant ID the acquirer gave. */
    VQR_SERVICE_MERCHANT = 3,
    /** "QRCASH": cash withdrawal at an ATM (needs 62.05 and 62.07). */
    VQR_SERVICE_CASH = 4,
    /** Reading only: a 38.02 code other than the four above. */
    VQR_SERVICE_OTHER = 5
} vqr_service;

/** Flags of vqr_vietqr_build() and vqr_vietqr_write(). */
typedef enum vqr_vietqr_flags {
    /** Default: fold Vietnamese text in ans fields to ASCII and report it. */
    VQR_VIETQR_FOLD = 0,
    /** Non-ASCII in an ans field is VQR_ERR_TEXT_NOT_ASCII; nothing is folded. */
    VQR_VIETQR_STRICT_TEXT = 1u << 0,
    /**
     * Accept letters (A-Z, a-z) in a QRIBFTTA account number. Bank account
     * numbers are digits, so by default a letter is VQR_ERR_ACCOUNT (it
     * catches "0123 456" and "O123"); virtual accounts of wallets and
     * collection services are alphanumeric ("99ZP24009M07248267" at BVBank
     * for ZaloPay) and need this flag.
     */
    VQR_VIETQR_ALNUM_ACCOUNT = 1u << 1
} vqr_vietqr_flags;

/**
 * What to build. Call vqr_vietqr_init(&in, sizeof in, NULL) first, then
 * set the fields you need. String fields are NUL-terminated UTF-8 borrowed
 * for the duration of the call; NULL or "" means absent. The struct grows
 * by its `size` (see "Structs that grow").
 */
typedef struct vqr_vietqr {
    size_t size; /**< the caller's sizeof(vqr_vietqr); set by vqr_vietqr_init() */
    /**
     * The beneficiary's bank (38.01.00): a 6-digit BIN ("970436", accepted
     * even when the bank directory does not know it), or a short name,
     * alias, former name, full name or SWIFT code resolved with
     * vqr_bank_find() ("Vietcombank", "VCB", "BFTVVNVX"). Required.
     */
    const char *bank;
    vqr_service service; /**< default VQR_SERVICE_ACCOUNT */
    /**
     * 38.01.01, required: the account number (QRIBFTTA; digits, 1-19), the
     * card number (QRIBFTTC; 16-19 digits) or the merchant ID the acquirer
     * assigned (QRPUSH, QRCASH; printable ASCII, 1-19 characters).
     */
    const char *account;
    /** Amount in minor units of `currency`; 0 = none: a static QR (01 = "11"),
     *  otherwise a dynamic one (01 = "12") with the amount in 54. */
    uint64_t amount;
    unsigned currency;         /**< 53, ISO 4217 numeric; default 704 (VND) */
    const char *country;       /**< 58, two upper-case letters; default "VN" */
    const char *mcc;           /**< 52, merchant category code, 4 digits; optional */
    const char *merchant_name; /**< 59, text, at most 25 characters; optional */
    const char *merchant_city; /**< 60, text, at most 15 characters; optional */
    const char *bill_number;   /**< 62.01, text, at most 25 characters */
    const char *store;         /**< 62.03, store label, at most 25 characters */
    const char *reference;     /**< 62.05, reference label, at most 25 characters */
    const char *terminal;      /**< 62.07, terminal label, at most 25 characters */
    const char *purpose;       /**< 62.08, transfer message, at most 25 characters */
} vqr_vietqr;

/**
 * Sets every field of `in` that fits in `size` bytes to its default:
 * VQR_SERVICE_ACCOUNT, currency 704, country "VN", every other field absent
 * (NULL / 0); stores `size` in `in->size`. Pass sizeof *in. Errors:
 * VQR_ERR_INVALID_ARGUMENT when `in` is NULL or `size` is below
 * sizeof(size_t) or above VQR_STRUCT_SIZE_MAX (nothing written).
 * @since 0.1; `size`, status and `err` @since 0.2
 */
VQR_API vqr_status vqr_vietqr_init(vqr_vietqr *in, size_t size, vqr_error *err);

/** Number of text fields vqr_vietqr_build() folds: 59, 60, 62.01/03/05/07/08. */
#define VQR_VIETQR_TEXT_FIELDS 7
/** Room for the text of an ans field (at most 99 ASCII characters) and its NUL. */
#define VQR_VIETQR_TEXT_MAX 100

/** One text field that folding changed. */
typedef struct vqr_vietqr_change {
    char tag[VQR_TAG_MAX];          /**< "59", "60", "62.01", ... */
    size_t changed;                 /**< characters changed (a letter with its marks counts once) */
    size_t chars;                   /**< characters of the field as written */
    char text[VQR_VIETQR_TEXT_MAX]; /**< the field as written (ASCII), as bank apps will show it */
} vqr_vietqr_change;

/**
 * What vqr_vietqr_build() did with the input. Plain, caller-owned; set up
 * with VQR_INIT. The layout of vqr_vietqr_change is fixed (it sits in an
 * array): new information goes into new fields of the report.
 */
typedef struct vqr_vietqr_report {
    size_t size;     /**< sizeof(vqr_vietqr_report), set by the caller (VQR_INIT) */
    char bin[7];     /**< the BIN written in 38.01.00 */
    bool bank_known; /**< the bank directory knows that BIN */
    size_t changed;  /**< characters changed by folding, all fields together */
    size_t count;    /**< entries used in `field`: the fields that changed */
    vqr_vietqr_change field[VQR_VIETQR_TEXT_FIELDS]; /**< in tag order */
} vqr_vietqr_report;

/**
 * Builds a NAPAS 247 VietQR from `in` into `out`, in one call.
 *
 * `out` is reset with vqr_payload_init() and receives, in this order when
 * written: 00 "01"; 01 "11" (no amount) or "12"; 38 with the NAPAS GUID,
 * 38.01.00 the BIN, 38.01.01 the account, card or merchant ID, 38.02 the
 * service code; 52; 53; 54; 58; 59; 60; 62 with 01, 03, 05, 07, 08.
 * Write it with vqr_payload_write(out, VQR_WRITE_CANONICAL, ...) or use
 * vqr_vietqr_write(). Every input is checked before anything is set, and
 * the first problem is returned with `err->tag` naming the field's tag
 * path, `err->limit` the limit broken, and `err->offset` / `char_offset`
 * the position of the offending character in that input string (bytes /
 * code points), or SIZE_MAX when the problem is not one character (a
 * length, an unknown name, a missing field):
 *
 *  - bank: absent -> VQR_ERR_MISSING (tag 38.01.00); all digits but not
 *    six -> VQR_ERR_BIN (`limit` 6); a name nothing matches ->
 *    VQR_ERR_BANK_UNKNOWN; several matches -> VQR_ERR_BANK_AMBIGUOUS;
 *  - account (38.01.01): absent -> VQR_ERR_MISSING; QRIBFTTA: a character
 *    other than a digit (or a letter with VQR_VIETQR_ALNUM_ACCOUNT) ->
 *    VQR_ERR_ACCOUNT, over 19 characters -> VQR_ERR_LENGTH (`limit` 19);
 *    QRIBFTTC: not 16-19 digits -> VQR_ERR_CARD; QRPUSH / QRCASH: outside
 *    printable ASCII -> VQR_ERR_FORMAT_ANS, over 19 -> VQR_ERR_LENGTH;
 *  - service other than the four values -> VQR_ERR_INVALID_ARGUMENT;
 *    QRCASH without 62.05 or 62.07 -> VQR_ERR_MISSING (tag 62.05 / 62.07);
 *  - currency unknown to ISO 4217 -> VQR_ERR_CURRENCY (tag 53); amount
 *    longer than 13 characters once written -> VQR_ERR_LENGTH (tag 54);
 *  - country not two upper-case letters -> VQR_ERR_COUNTRY (tag 58);
 *    MCC not 4 digits -> VQR_ERR_FORMAT_N or VQR_ERR_LENGTH (tag 52);
 *  - text fields: malformed UTF-8 -> VQR_ERR_UTF8; a control character ->
 *    VQR_ERR_TEXT_CONTROL; a character that does not fold (or, with
 *    VQR_VIETQR_STRICT_TEXT, any non-ASCII character) ->
 *    VQR_ERR_TEXT_NOT_ASCII; longer than the field once folded ->
 *    VQR_ERR_LENGTH with `limit` 25 (62.xx, 59) or 15 (60);
 *  - 62 over 99 characters in all -> VQR_ERR_TEMPLATE_TOO_LONG (tag 62,
 *    `limit` 99).
 *
 * @param in      the fields; must not be NULL, set up with vqr_vietqr_init()
 * @param flags   VQR_VIETQR_* bits; unknown bits are VQR_ERR_INVALID_ARGUMENT
 * @param out     receives the payload; must not be NULL. On error it holds
 *                an empty payload (only 00).
 * @param report  receives the resolved BIN and what folding changed (also
 *                filled as far as the build got on error); may be NULL;
 *                set up with VQR_INIT
 * @param err     receives the first error; may be NULL
 * @return VQR_OK or one of the codes above
 *
 * No allocation, no global state, thread-safe as long as two threads do
 * not share `out` or `report`. @since 0.1
 */
VQR_API vqr_status vqr_vietqr_build(const vqr_vietqr *in, unsigned flags, vqr_payload *out,
                                    vqr_vietqr_report *report, vqr_error *err);

/**
 * vqr_vietqr_build() and vqr_payload_write() in canonical order in one
 * call: the same bytes, status, error and report, written straight from
 * the checked fields without a vqr_payload in between (about 5 KiB of
 * stack). `buf`, `cap` and `out_len` behave as in vqr_payload_write(): the
 * payload is NUL-terminated, VQR_PAYLOAD_BUF_SIZE always suffices, and on
 * VQR_ERR_BUFFER_TOO_SMALL `*out_len` receives the length needed and
 * nothing is written. `out_len` must not be NULL. Other parameters and
 * errors as vqr_vietqr_build(). No allocation, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_vietqr_write(const vqr_vietqr *in, unsigned flags, char *buf, size_t cap,
                                    size_t *out_len, vqr_vietqr_report *report, vqr_error *err);

/** Networks a Vietnamese QR payload can route through. */
typedef enum vqr_network {
    VQR_NETWORK_NONE = 0,  /**< not a VietQR (vqr_vietqr_read() failed) */
    VQR_NETWORK_NAPAS = 1, /**< tag 38 with GUID A000000727 (VietQR, NAPAS 247) */
    VQR_NETWORK_VNPAY = 2, /**< a 26-51 template with GUID A000000775 (VNPAY-QR) */
    VQR_NETWORK_OTHER = 3  /**< another 26-51 template of a payload for country VN */
} vqr_network;

/** Room for any value of a payload (99 code points of UTF-8) and its NUL. */
#define VQR_VALUE_BUF_SIZE 397
/** Room for a bank's short name from the directory and its NUL. */
#define VQR_BANK_SHORT_NAME_MAX 64
/** Room for a bank's full name from the directory and its NUL. */
#define VQR_BANK_NAME_MAX 256

/**
 * A VietQR read back into plain fields. Caller-owned, no pointers: every
 * string is a NUL-terminated copy, "" when absent. Values are copied as
 * written in the payload (UTF-8), never truncated. Set up with VQR_INIT.
 * vqr_vietqr_read() writes each string only as far as its NUL, not the
 * rest of its array (a few hundred bytes per read, not the whole struct):
 * bytes after a NUL keep what they held (zeros after VQR_INIT).
 */
typedef struct vqr_vietqr_info {
    size_t size; /**< sizeof(vqr_vietqr_info), set by the caller (VQR_INIT) */
    vqr_network network;
    int mai_id;                    /**< the template read: 38, 26, ... */
    char guid[VQR_VALUE_BUF_SIZE]; /**< its GUID (sub-ID 00) */
    /** BIN (38.01.00); "" for VNPAY-QR and other networks */
    char bin[VQR_VALUE_BUF_SIZE];
    bool bank_known;                               /**< the bank directory knows `bin` */
    char bank_short_name[VQR_BANK_SHORT_NAME_MAX]; /**< from the directory, or "" */
    char bank_name[VQR_BANK_NAME_MAX];             /**< full name from the directory, or "" */
    char bank_swift[16];                           /**< SWIFT code from the directory, or "" */
    /** 38.01.01 (account, card or merchant ID), or sub-ID 01 of another network's template */
    char account[VQR_VALUE_BUF_SIZE];
    vqr_service service;                   /**< from 38.02 */
    char service_code[VQR_VALUE_BUF_SIZE]; /**< 38.02 as written */
    bool is_static;                        /**< 01 is "11" */
    bool is_dynamic;                       /**< 01 is "12" */
    char amount[VQR_VALUE_BUF_SIZE];       /**< 54 as written */
    /** 54 in minor units of the currency; 0 when absent or unreadable */
    uint64_t amount_minor;
    /** VQR_OK, or why `amount_minor` could not be read from a present 54
     *  (VQR_ERR_AMOUNT_SYNTAX, _DECIMALS, _ZERO, VQR_ERR_LENGTH,
     *  VQR_ERR_CURRENCY when 53 is unknown, or absent outside NAPAS) */
    vqr_status amount_status;
    /** 53 as a number; 0 when absent or not 3 digits, except that NAPAS
     *  payloads without 53 read as 704 (VND unless stated) */
    unsigned currency;
    char currency_alpha[4];                 /**< "VND"; "" when unknown */
    char country[VQR_VALUE_BUF_SIZE];       /**< 58 */
    char mcc[VQR_VALUE_BUF_SIZE];           /**< 52 */
    char merchant_name[VQR_VALUE_BUF_SIZE]; /**< 59 */
    char merchant_city[VQR_VALUE_BUF_SIZE]; /**< 60 */
    char bill_number[VQR_VALUE_BUF_SIZE];   /**< 62.01 */
    char store[VQR_VALUE_BUF_SIZE];         /**< 62.03 */
    char reference[VQR_VALUE_BUF_SIZE];     /**< 62.05 */
    char terminal[VQR_VALUE_BUF_SIZE];      /**< 62.07 */
    char purpose[VQR_VALUE_BUF_SIZE];       /**< 62.08 */
} vqr_vietqr_info;

/**
 * Reads the VietQR view of a parsed (or built) payload.
 *
 * The network is chosen in this order: tag 38 with the NAPAS GUID
 * A000000727; else the first 26-51 template with the VNPAY-QR GUID
 * A000000775; else, when 58 is "VN", the first 26-51 template that has a
 * GUID (VQR_NETWORK_OTHER, e.g. "vn.airpay.www"). An unknown BIN is valid:
 * `bank_known` is false and the bank fields are "". Lenient parses are
 * fine input; the reader copies values as they are and does not repeat
 * the parser's validation.
 *
 * @param p    the payload; must not be NULL
 * @param out  receives the view; must not be NULL; set up with VQR_INIT.
 *             Filled as far as the payload allows on every return but
 *             VQR_ERR_INVALID_ARGUMENT.
 * @param err  may be NULL
 * @return VQR_OK; VQR_ERR_NOT_VIETQR when no template above is found;
 *         for NAPAS, VQR_ERR_TEMPLATE_MALFORMED (tag 38.01) when 38.01
 *         could not be read as sub-objects, or VQR_ERR_MISSING (tag
 *         38.01, 38.01.00 or 38.01.01) when the BIN or the account is
 *         absent; VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.1
 */
VQR_API vqr_status vqr_vietqr_read(const vqr_payload *p, vqr_vietqr_info *out, vqr_error *err);

/* ======================================================================
 * Payment references
 *
 * A reference names one payment request (an invoice, a fee notice) so that
 * the money can be matched back to it from the transfer description a
 * bank delivers. It goes into the QR's bill number (62.01) and at the start
 * of the purpose (62.08), which the payer's bank app copies into the
 * transfer description.
 *
 * Form: PREFIX SEQUENCE CHECK, upper case, 10-14 characters.
 *  - PREFIX: the issuer's 2-6 letters and digits, the first a letter
 *    ("HP24" for a hospital's 2024 invoices). Bank descriptions are full of
 *    digit runs (accounts, trace numbers), so a prefix never starts with a
 *    digit. Prefixes of one issuer must not be another prefix followed by
 *    digits ("HP2" and "HP24"): a reference of one could be read as one of
 *    the other.
 *  - SEQUENCE: 0-999999 as exactly six digits; one prefix numbers a
 *    million references (take a new prefix per year, month or counter).
 *  - CHECK: two characters 0-9 or A-Z, the check characters of ISO/IEC
 *    7064:2003 (Information technology - Security techniques - Check
 *    character systems), MOD 1271-36: the pure system with modulus 1271
 *    and radix 36, over the prefix and the six digits (lib/ref.c gives the
 *    details). They detect every single-character substitution and every
 *    transposition of two adjacent characters, anywhere in the reference
 *    (both are proved by the test suite on every position's weight). Any
 *    other error goes unseen with a probability of about 1 in 1271. For
 *    the typo payers make most when they retype a memo, a character
 *    dropped or added, vqr_ref_find() reads another reference of the same
 *    prefix about once in 4,000 (measured by the test suite over 100,000
 *    such typos in bank descriptions): the shape of a reference refuses
 *    most shifted readings before the check does. With one check
 *    character (any algorithm over 36 values) that rate would be about 1
 *    in 36.
 *
 * "HP24" with sequence 123 is "HP24000123" followed by its two check
 * characters, "HP24000123SQ". Nothing here allocates; all is thread-safe.
 * ====================================================================== */

/** Shortest and longest prefix. */
#define VQR_REF_PREFIX_MIN 2
#define VQR_REF_PREFIX_MAX 6
/** Digits of the sequence. */
#define VQR_REF_DIGITS 6
/** Largest sequence number. */
#define VQR_REF_SEQUENCE_MAX 999999u
/** Longest reference: a 6-character prefix, six digits, two check characters. */
#define VQR_REF_MAX_LEN 14
/** Room for any reference and its NUL. */
#define VQR_REF_BUF_SIZE 15

/**
 * Makes the reference of `sequence` under `prefix`.
 *
 * @param prefix    NUL-terminated, 2-6 letters and digits, the first a
 *                  letter; lower case is taken as upper case
 * @param sequence  0 to VQR_REF_SEQUENCE_MAX
 * @param out       receives the reference, NUL-terminated; may be NULL
 *                  only when `cap` is 0
 * @param cap       bytes of `out`; VQR_REF_BUF_SIZE always suffices
 * @param out_len   receives the reference's length (also when `cap` is
 *                  too small); must not be NULL
 * @param err       may be NULL
 * @return VQR_OK; VQR_ERR_REF_PREFIX (`err->offset` is the bad character,
 *         or SIZE_MAX for a bad length with `err->limit` the length
 *         broken); VQR_ERR_REF_SEQUENCE (`err->limit` is
 *         VQR_REF_SEQUENCE_MAX); VQR_ERR_BUFFER_TOO_SMALL (`err->limit` is
 *         the capacity needed, nothing written); VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_ref_make(const char *prefix, uint32_t sequence, char *out, size_t cap,
                                size_t *out_len, vqr_error *err);

/**
 * Checks that `len` bytes of `text` are exactly one reference as
 * vqr_ref_make() writes it: upper case, no spaces or separators, a prefix
 * of 2-6 letters and digits starting with a letter, six digits, and the
 * two check characters that match them. To read a reference out of free text
 * (other case, separators, surrounding words), use vqr_ref_find().
 *
 * @param text  may be NULL only when `len` is 0
 * @param len   bytes of `text`
 * @param err   may be NULL
 * @return VQR_OK; VQR_ERR_REF_FORMAT (a length outside 10-14 with
 *         `err->limit` the bound broken and `err->offset` SIZE_MAX, or
 *         `err->offset` at the first character out of place);
 *         VQR_ERR_REF_CHECK (well formed, but the check characters do not
 *         match: `err->offset` is the first check character's; the 25
 *         pairs that are no check value, "ZB" to "ZZ", never match);
 *         VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_ref_check(const char *text, size_t len, vqr_error *err);

/** One reference found in a text. Its layout is fixed (it sits in an array). */
typedef struct vqr_ref_match {
    char reference[VQR_REF_BUF_SIZE]; /**< the reference, upper case, NUL-terminated */
    size_t offset;                    /**< byte offset of its first character in the text */
    size_t end;                       /**< byte offset just past its last character */
} vqr_ref_match;

/**
 * Finds every reference of `prefix` in a transaction description, the way
 * banks deliver it: in any case, with spaces, dots, dashes, slashes or any
 * other characters that are not letters or digits added inside or around
 * it or removed ("hp24-000123 sq", "HP24000123SQNGUYENVANAN"), with words,
 * numbers and trace codes of the bank before and after it ("MBVCB.327890.
 * HP24000123SQ.CT tu ...", "IBFT HP24000123SQ FT24123456"), cut anywhere
 * after it.
 *
 * Letters and digits are read in order (a-z folded to A-Z); every other
 * byte, UTF-8 included, is skipped. Wherever the prefix is followed by six
 * digits and the two characters that are their check characters, that
 * reference is reported. A candidate whose check fails is never reported:
 * a reference with a mistyped character or two swapped neighbours is not
 * found, and one with a character dropped or added is read as another
 * reference only about once in 4,000 (see "Payment references"). Each
 * occurrence is reported, in order, so the same reference written twice
 * is reported twice.
 *
 * @param memo    the description, any bytes; may be NULL only when `len`
 *                is 0
 * @param len     bytes of `memo`
 * @param prefix  as for vqr_ref_make()
 * @param out     receives the first `cap` matches; may be NULL only when
 *                `cap` is 0 (to count)
 * @param cap     entries of `out`
 * @param count   receives the number of references found, also when it
 *                is more than `cap`; must not be NULL
 * @param err     may be NULL
 * @return VQR_OK; VQR_ERR_BUFFER_TOO_SMALL when more than `cap` were found
 *         (the first `cap` are written, `err->limit` is the number found);
 *         VQR_ERR_REF_PREFIX; VQR_ERR_INVALID_ARGUMENT
 *
 * Linear in `len`, no allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_ref_find(const char *memo, size_t len, const char *prefix,
                                vqr_ref_match *out, size_t cap, size_t *count, vqr_error *err);

/* ======================================================================
 * Verifying who a code pays
 *
 * The classic VietQR fraud is physical: a sticker over a market stall's
 * code, a fake fee notice, a code at a hospital counter that pays someone
 * else. vqr_verify() reads a payload (typed, pasted, or read from a photo
 * with libvietqr-scan) and answers whether it pays one of the payees an
 * institution expects, for the amount it expects, and whether its text
 * tries to look like something it is not.
 *
 * A payee is who receives the money, as the payment network routes it:
 * a bank's BIN and an account (or card, or merchant ID) for NAPAS 247
 * (VietQR, tag 38), or a merchant ID for VNPAY-QR (a 26-51 template with
 * GUID A000000775). The names a code carries (59, 64.01) are whatever its
 * maker typed; they never make a payee allowed, but they are compared with
 * the allowed payees' names to catch a code that borrows one.
 * ====================================================================== */

/** What vqr_verify() concluded about a payload. */
typedef enum vqr_verdict_code {
    /** The payee is allowed, and the amount and kind are as expected. */
    VQR_VERDICT_OK = 0,
    /** A payment code whose payee is on no list given: see `network`,
     *  `bin` and `account` for who it pays. */
    VQR_VERDICT_PAYEE_NOT_ALLOWED = 1,
    /** An allowed payee, but not the amount (or static/dynamic kind) expected. */
    VQR_VERDICT_AMOUNT_MISMATCH = 2,
    /** Not an EMVCo merchant-presented payload at all (a web address, a
     *  Wi-Fi code, plain text), or a NAPAS code for something other than a
     *  payment (QRCASH: a cash withdrawal at an ATM). */
    VQR_VERDICT_NOT_A_PAYMENT_CODE = 3,
    /** An EMVCo payload that does not validate: `error` says why. */
    VQR_VERDICT_INVALID = 4,
    /** Never returned by vqr_verify(): an image that holds two or more
     *  different codes (a sticker over a sticker), for callers that scan. */
    VQR_VERDICT_MULTIPLE_CODES = 5,
    /** Never returned by vqr_verify(): an image in which no code was found. */
    VQR_VERDICT_NO_CODE = 6
} vqr_verdict_code;

/**
 * The name of a verdict: "OK", "PAYEE_NOT_ALLOWED", "AMOUNT_MISMATCH",
 * "NOT_A_PAYMENT_CODE", "INVALID", "MULTIPLE_CODES", "NO_CODE"; NULL for
 * a value outside the enum. Static string. @since 0.2
 */
VQR_API const char *vqr_verdict_name(vqr_verdict_code code);

/**
 * Text that imitates (vqr_verdict.suspects, vqr_suspect_mark.kind). The
 * payload's text is every value it holds (59, 60, 62.08, 64.01, ...);
 * each flag is raised by the first character found and the marks record
 * where.
 */
typedef enum vqr_suspect {
    /** A letter of another script that looks like a Latin letter: Cyrillic
     *  "\u0430" for "a", Greek "\u03BF" for "o", Armenian, Cherokee, and the
     *  fullwidth and mathematical forms of Latin letters ("\uFF21"). */
    VQR_SUSPECT_CONFUSABLE = 1u << 0,
    /** An invisible character: zero-width space, joiners, word joiner,
     *  soft hyphen, byte order mark, fillers, variation selectors, tags
     *  (every Default_Ignorable_Code_Point that is not a bidi control), and
     *  the line and paragraph separators U+2028, U+2029: the characters
     *  vqr_text_escape() calls invisible. */
    VQR_SUSPECT_INVISIBLE = 1u << 1,
    /** A bidirectional control: U+200E/200F marks, U+202A-202E embeddings
     *  and overrides, U+2066-2069 isolates, U+061C. */
    VQR_SUSPECT_BIDI = 1u << 2,
    /** A control character (Unicode Cc: U+0000-001F, U+007F-009F). */
    VQR_SUSPECT_CONTROL = 1u << 3,
    /** The code's name (59 or 64.01) folds to the name of an allowed payee
     *  (`imitated`) although the code does not pay that payee. Folding
     *  drops case, diacritics, spaces, punctuation and invisible
     *  characters, and reads look-alike letters as the Latin ones they
     *  imitate: "CH\u041E B\u1EBEN TH\u00C0NH" folds like "Cho Ben Thanh". */
    VQR_SUSPECT_IMITATION = 1u << 4
} vqr_suspect;

/**
 * One allowed payee. Set it up with vqr_payee_init(&p, sizeof p, NULL),
 * then set the fields. Strings are NUL-terminated UTF-8, borrowed for the
 * duration of the call. A vqr_payee grows by its `size` like any struct
 * passed in; in an array passed to vqr_verify() every element has the
 * size of the first, and the library steps through the array by that
 * size, so an array built against an older or newer header is read right.
 */
typedef struct vqr_payee {
    size_t size;         /**< the caller's sizeof(vqr_payee); set by vqr_payee_init() */
    vqr_network network; /**< VQR_NETWORK_NAPAS (the default) or VQR_NETWORK_VNPAY */
    /** NAPAS: the bank's BIN, exactly 6 digits ("970436"); resolve a bank
     *  name with vqr_bank_find() first. VNPAY: NULL or "". */
    const char *bin;
    /**
     * NAPAS: 38.01.01 as the code must carry it (the account number, card
     * number or merchant ID; compared byte for byte, 1-19 printable ASCII
     * characters, no space). VNPAY: the merchant ID (sub-ID 01 of the
     * template, 1-99 printable ASCII characters, no space).
     */
    const char *account;
    /** NAPAS: the service the code must use: VQR_SERVICE_ACCOUNT (the
     *  default), VQR_SERVICE_CARD or VQR_SERVICE_MERCHANT. Ignored for VNPAY. */
    vqr_service service;
    /** The payee's name as the institution knows it (the account holder,
     *  the stall), for VQR_SUSPECT_IMITATION; NULL or "" for none. */
    const char *name;
} vqr_payee;

/**
 * Writes the defaults into the `size` bytes of `p` (VQR_NETWORK_NAPAS,
 * VQR_SERVICE_ACCOUNT, every string NULL) and records the size. Errors:
 * VQR_ERR_INVALID_ARGUMENT when `p` is NULL or `size` is below
 * sizeof(size_t) or above VQR_STRUCT_SIZE_MAX (nothing written). No
 * allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_payee_init(vqr_payee *p, size_t size, vqr_error *err);

/** What kind of code vqr_verify_options expects. */
typedef enum vqr_verify_kind {
    VQR_VERIFY_ANY_KIND = 0, /**< static or dynamic */
    VQR_VERIFY_STATIC = 1,   /**< static (01 = "11"): the payer types the amount; no 54 */
    VQR_VERIFY_DYNAMIC = 2   /**< dynamic (01 = "12"): one transaction, with its amount */
} vqr_verify_kind;

/**
 * What vqr_verify() expects beyond the payee. Set it up with
 * vqr_verify_options_init(&o, sizeof o, NULL); NULL options mean the
 * defaults: any kind, any amount, the default profile.
 */
typedef struct vqr_verify_options {
    size_t size;          /**< the caller's sizeof(vqr_verify_options); set by _init */
    vqr_verify_kind kind; /**< default VQR_VERIFY_ANY_KIND */
    /** The amount the code must carry in 54, in minor units of `currency`
     *  (VND: whole dong); 0 (the default) checks no amount. */
    uint64_t amount;
    unsigned currency; /**< ISO 4217 numeric of `amount`; default 704 (VND) */
    /** vqr_payload_parse() flags; 0 (the default) is the library's
     *  default profile. */
    unsigned parse_flags;
} vqr_verify_options;

/**
 * Writes the defaults into the `size` bytes of `o` (any kind, no amount,
 * currency 704, parse flags 0) and records the size. Errors as
 * vqr_payee_init(). @since 0.2
 */
VQR_API vqr_status vqr_verify_options_init(vqr_verify_options *o, size_t size, vqr_error *err);

/** Most suspicious characters a vqr_verdict records (the count goes on). */
#define VQR_VERIFY_MARKS 8

/** Where a suspicious character (or an imitated name) was found. */
typedef struct vqr_suspect_mark {
    vqr_suspect kind;   /**< one VQR_SUSPECT_* value */
    uint32_t codepoint; /**< the character; 0 for VQR_SUSPECT_IMITATION */
    /** VQR_SUSPECT_CONFUSABLE: the ASCII letter it looks like ('a'); else 0 */
    char looks_like;
    size_t offset;         /**< byte offset in the payload (of the value, for an imitation) */
    char tag[VQR_TAG_MAX]; /**< the object that holds it ("59", "62.08"), or "" */
} vqr_suspect_mark;

/**
 * The answer of vqr_verify(). Set it up with VQR_INIT(&v); the library
 * fills what its `size` holds. Strings are NUL-terminated copies, "" when
 * absent.
 */
typedef struct vqr_verdict {
    size_t size;              /**< sizeof(vqr_verdict), set by the caller (VQR_INIT) */
    vqr_verdict_code verdict; /**< the answer */
    unsigned suspects;        /**< VQR_SUSPECT_* bits, whatever the verdict */
    /** OK, AMOUNT_MISMATCH: index of the allowed payee the code pays; else SIZE_MAX */
    size_t payee;
    /** With VQR_SUSPECT_IMITATION: index of the payee whose name the code
     *  borrows; else SIZE_MAX */
    size_t imitated;
    /* --- what the code pays, as far as it could be read --- */
    vqr_network network;              /**< VQR_NETWORK_NONE when no payee could be read */
    vqr_service service;              /**< NAPAS: from 38.02 */
    char bin[VQR_VALUE_BUF_SIZE];     /**< NAPAS: 38.01.00 */
    char account[VQR_VALUE_BUF_SIZE]; /**< NAPAS: 38.01.01; VNPAY and others: sub-ID 01 */
    char guid[VQR_VALUE_BUF_SIZE];    /**< the template's GUID (sub-ID 00) */
    bool bank_known;                  /**< the bank directory knows `bin` */
    char bank_short_name[VQR_BANK_SHORT_NAME_MAX]; /**< from the directory, or "" */
    bool is_static;                                /**< 01 is "11" */
    bool is_dynamic;                               /**< 01 is "12" */
    /** 54 in minor units of `currency`; 0 when absent or unreadable */
    uint64_t amount;
    unsigned currency;                      /**< 53 (704 when a NAPAS code omits it); 0 unknown */
    char merchant_name[VQR_VALUE_BUF_SIZE]; /**< 59 */
    /** 64.01: the merchant's name in another language (Vietnamese, with
     *  its diacritics), as the code carries it */
    char merchant_name_alt[VQR_VALUE_BUF_SIZE];
    char purpose[VQR_VALUE_BUF_SIZE]; /**< 62.08 */
    /** INVALID: the first error of the parse (code, offset, tag); for
     *  every other verdict its code is VQR_OK */
    vqr_error error;
    /** Suspicious characters found (may exceed VQR_VERIFY_MARKS) */
    size_t mark_count;
    vqr_suspect_mark marks[VQR_VERIFY_MARKS]; /**< the first ones, in payload order */
} vqr_verdict;

/**
 * Checks who a payload pays against the payees allowed.
 *
 * In this order:
 *  1. Text that does not start like an EMVCo payload ("0002": the payload
 *     format indicator; a leading UTF-8 byte order mark is skipped for
 *     this test) is VQR_VERDICT_NOT_A_PAYMENT_CODE.
 *  2. The payload is parsed with `opt->parse_flags` (the default profile:
 *     VietQR for NAPAS codes, strict EMVCo otherwise); any error is
 *     VQR_VERDICT_INVALID with the parse's first error in `out->error`.
 *     So is a NAPAS or VNPAY template that cannot be read (no BIN, no
 *     account).
 *  3. A NAPAS code for QRCASH is VQR_VERDICT_NOT_A_PAYMENT_CODE.
 *  4. The payee is looked up: NAPAS by BIN, 38.01.01 and service; VNPAY by
 *     merchant ID; every comparison exact, byte for byte. A code of another
 *     network (or none a Vietnamese bank app routes) matches no payee. No
 *     match is VQR_VERDICT_PAYEE_NOT_ALLOWED, whatever the amount.
 *  5. With `opt->kind` STATIC, a code that is not static or that carries an
 *     amount, and with DYNAMIC one that is not dynamic, is
 *     VQR_VERDICT_AMOUNT_MISMATCH; so is a code whose 54 is not exactly
 *     `opt->amount` in `opt->currency` when `opt->amount` is not 0 (a code
 *     without an amount included).
 *  6. Otherwise VQR_VERDICT_OK.
 * Whatever the verdict, every character of the payload is checked for
 * VQR_SUSPECT_CONFUSABLE, _INVISIBLE, _BIDI and _CONTROL, and the names of
 * the code (59, 64.01) for VQR_SUSPECT_IMITATION. Suspects never change
 * the verdict: a code that pays an allowed payee the right amount is OK
 * even if its text holds a zero-width space; show `suspects` to the user.
 *
 * An empty list (`n` 0) allows no payee: every payment code is then
 * PAYEE_NOT_ALLOWED, which is how to read who a code pays.
 *
 * @param payload  the payload's bytes; may be NULL only when `len` is 0
 * @param len      bytes of `payload`
 * @param allowed  `n` payees; may be NULL only when `n` is 0. Elements are
 *                 `allowed[0].size` bytes apart.
 * @param n        number of payees
 * @param opt      expectations, or NULL for the defaults
 * @param out      receives the verdict; must not be NULL, set up with VQR_INIT
 * @param err      receives an error of the call (not of the payload: that
 *                 is a verdict); may be NULL
 * @return VQR_OK when a verdict was reached (any verdict);
 *         VQR_ERR_PAYEE (`err->offset` is the payee's index in `allowed`,
 *         not a byte offset) for a payee whose `size` is out of bounds
 *         (see VQR_STRUCT_SIZE_MAX) or unlike the first one's, or
 *         without a 6-digit BIN and a 1-19 character printable ASCII
 *         account without spaces (NAPAS), or a merchant ID (VNPAY), or with a service or
 *         network outside those above, or a name that is not UTF-8;
 *         VQR_ERR_INVALID_ARGUMENT for NULL pointers, a bad `size`, options
 *         outside their enums (an unknown currency included) or parse
 *         flags vqr_payload_parse() refuses
 *
 * No allocation (about 30 KiB of stack: a vqr_payload and a
 * vqr_vietqr_info), no global state, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_verify(const char *payload, size_t len, const vqr_payee *allowed, size_t n,
                              const vqr_verify_options *opt, vqr_verdict *out, vqr_error *err);

/* ======================================================================
 * QR rendering
 *
 * A payload (the bytes vqr_payload_write produced, or any UTF-8 text) is
 * encoded into a QR code as EMVCo MPM 4.12 requires: one Byte-mode
 * segment, preceded by an ECI 000026 (UTF-8) designator when the payload
 * holds a byte >= 0x80. The code is a vqr_qr object whose module matrix
 * can be read directly, or drawn as PNG (written with zlib), SVG or text
 * for a terminal.
 *
 * Encoding uses libqrencode. The Debian build of libqrencode 4.1.1 (and any
 * build with pthread support) is thread-safe: its only shared state, the
 * Reed-Solomon tables, is initialised under a mutex. A libqrencode built
 * without pthread support races while initialising those tables: with such
 * a build, call vqr_qr_encode once from a single thread before calling it
 * from several. Everything else in this section has no shared state.
 *
 * Memory: every function that allocates takes an optional
 * `const vqr_allocator *`; NULL means the C library's malloc/realloc/free.
 * Memory returned with the default allocator is released with vqr_free();
 * memory returned through a custom allocator is released with that
 * allocator's free. libqrencode allocates its own working memory with the
 * C library's malloc during vqr_qr_encode and frees it before returning.
 * ====================================================================== */

/**
 * A custom allocator, passed per call (or stored in a vqr_qr by
 * vqr_qr_encode). `malloc` and `free` are required; `realloc` may be NULL,
 * in which case the library allocates, copies and frees instead.
 * `old_size` is the size of the block being resized. `free` is never
 * called with NULL. `ctx` is passed to every call.
 */
typedef struct vqr_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *p, size_t old_size, size_t new_size);
    void (*free)(void *ctx, void *p);
    void *ctx;
} vqr_allocator;

/**
 * Releases memory the library returned when the default allocator (NULL)
 * was used: PNG bytes, SVG and terminal text. NULL is a no-op. Never use it
 * on memory from a custom allocator. Thread-safe. @since 0.1
 */
VQR_API void vqr_free(void *p);

/** Error-correction level of a QR code. */
typedef enum vqr_ecc {
    VQR_ECC_DEFAULT = 0, /**< the default: M */
    VQR_ECC_L = 1,       /**< about 7% of codewords can be restored */
    VQR_ECC_M = 2,       /**< about 15% */
    VQR_ECC_Q = 3,       /**< about 25% */
    VQR_ECC_H = 4        /**< about 30% */
} vqr_ecc;

/** An encoded QR code (opaque). Immutable once made: any number of threads may read it. */
typedef struct vqr_qr vqr_qr;

/**
 * Encodes `len` bytes of `payload` as a QR code: Byte mode only, with an
 * ECI 000026 (UTF-8) header when any byte is >= 0x80, at error-correction
 * level `ecc` (VQR_ECC_DEFAULT means M), in the smallest version (1-40)
 * that holds it. The payload must be valid UTF-8 (it is encoded byte for
 * byte as given). The symbol, data mask included, is the one libqrencode's
 * QRcode_encodeInput makes of the same segments.
 *
 * On success `*out` receives a new object, to be released with
 * vqr_qr_free(). `alloc` (may be NULL) is copied into the object, and every
 * allocation of ours for it goes through it, so its `ctx` must stay valid
 * until vqr_qr_free.
 *
 * Errors (`*out` is set to NULL): VQR_ERR_INVALID_ARGUMENT (NULL `out`,
 * NULL `payload` with `len` > 0, an `ecc` outside the enum, an allocator
 * without malloc or free), VQR_ERR_QR_EMPTY (`len` is 0), VQR_ERR_UTF8
 * (err->offset is the first bad byte), VQR_ERR_QR_TOO_LONG (err->limit is
 * the most bytes that level holds for such a payload), VQR_ERR_NO_MEMORY,
 * VQR_ERR_QR_ENCODER.
 *
 * Thread-safe (see the section's note on libqrencode). @since 0.1
 */
VQR_API vqr_status vqr_qr_encode(const char *payload, size_t len, vqr_ecc ecc,
                                 const vqr_allocator *alloc, vqr_qr **out, vqr_error *err);

/** Releases a QR code through the allocator it was made with. NULL is a no-op. @since 0.1 */
VQR_API void vqr_qr_free(vqr_qr *qr);

/** The QR version, 1-40 (0 for NULL). @since 0.1 */
VQR_API int vqr_qr_version(const vqr_qr *qr);

/** Modules per side without the quiet zone: 17 + 4 * version (0 for NULL). @since 0.1 */
VQR_API int vqr_qr_width(const vqr_qr *qr);

/** The error-correction level used: VQR_ECC_L..VQR_ECC_H (VQR_ECC_DEFAULT for NULL). @since 0.1 */
VQR_API vqr_ecc vqr_qr_ecc(const vqr_qr *qr);

/** Whether the code carries the ECI 000026 header (false for NULL). @since 0.1 */
VQR_API bool vqr_qr_has_eci(const vqr_qr *qr);

/**
 * Whether the module at column `x`, row `y` (0-based, from the top left,
 * without the quiet zone) is dark. False outside the symbol and for NULL.
 * @since 0.1
 */
VQR_API bool vqr_qr_module(const vqr_qr *qr, int x, int y);

/**
 * Copies the module matrix into a caller buffer: width * width bytes, row
 * by row from the top, 1 for a dark module and 0 for a light one.
 * `*out_len` (may be NULL) receives width * width; when `cap` is smaller,
 * VQR_ERR_BUFFER_TOO_SMALL is returned and nothing is written. `buf` may be
 * NULL only when `cap` is 0. No allocation. @since 0.1
 */
VQR_API vqr_status vqr_qr_modules(const vqr_qr *qr, unsigned char *buf, size_t cap, size_t *out_len,
                                  vqr_error *err);

/** Largest image side, in pixels, the PNG renderer produces. */
#define VQR_RENDER_MAX_SIDE 16384
/** Largest quiet zone, in modules. */
#define VQR_RENDER_MAX_QUIET 64

/** Flags of vqr_render_options. */
typedef enum vqr_render_flags {
    VQR_RENDER_NONE = 0,
    /**
     * Terminal: paint the dark modules instead of the light ones. The
     * default paints light modules and the quiet zone, which suits a
     * terminal with light text on a dark background; use this flag for dark
     * text on a light background.
     */
    VQR_RENDER_INVERT = 1u << 0,
    /** Terminal: plain ASCII ("##" and two spaces per module, one module row per line). */
    VQR_RENDER_ASCII = 1u << 1
} vqr_render_flags;

/**
 * Rendering options. Always start from vqr_render_options_init(&opt,
 * sizeof opt, NULL), then change fields; a NULL options pointer means the
 * defaults. The struct grows by its `size` (see "Structs that grow").
 */
typedef struct vqr_render_options {
    size_t size; /**< the caller's sizeof(vqr_render_options), set by _init */
    unsigned
        scale; /**< pixels per module (PNG) or per module in width/height (SVG), 1-1024; default 4 */
    unsigned
        quiet_zone; /**< light border in modules on each side, 0-VQR_RENDER_MAX_QUIET; default 4 */
    uint32_t foreground; /**< dark modules, 0xRRGGBB; default 0x000000 */
    uint32_t background; /**< light modules and quiet zone, 0xRRGGBB; default 0xFFFFFF */
    unsigned
        dpi; /**< PNG pHYs resolution, 1-100000 dots per inch, or 0 for no pHYs chunk; default 300 */
    const char
        *title;     /**< SVG <title>, NUL-terminated UTF-8 (escaped on output), or NULL for none */
    unsigned flags; /**< vqr_render_flags */
} vqr_render_options;

/**
 * Fills the fields of `opt` that fit in `size` bytes with the defaults and
 * stores `size` in `opt->size`. Pass sizeof *opt. Errors:
 * VQR_ERR_INVALID_ARGUMENT when `opt` is NULL or `size` is below
 * sizeof(size_t) or above VQR_STRUCT_SIZE_MAX (nothing written).
 * @since 0.1; `size`, status and `err` @since 0.2
 */
VQR_API vqr_status vqr_render_options_init(vqr_render_options *opt, size_t size, vqr_error *err);

/**
 * Errors shared by the renderers below: VQR_ERR_INVALID_ARGUMENT for a NULL
 * `qr` or output pointer, a bad `size`, a scale or quiet zone out of range,
 * a colour above 0xFFFFFF, equal foreground and background, a dpi over
 * 100000, unknown flag bits, a title holding a control character XML
 * cannot carry (VQR_ERR_UTF8 for malformed UTF-8, with err->offset), or an
 * allocator without malloc or free; VQR_ERR_IMAGE_TOO_LARGE (err->limit =
 * VQR_RENDER_MAX_SIDE); VQR_ERR_NO_MEMORY. On error nothing is returned
 * (`*out` NULL, `*out_len` 0). All are thread-safe.
 */

/**
 * Draws `qr` as a PNG image in memory: 1-bit greyscale when the colours are
 * black on white (the defaults), else a 1-bit palette image; filter type 0,
 * one IDAT, a pHYs chunk when `dpi` > 0. `*out` receives the bytes and
 * `*out_len` their count; release them with vqr_free() (default allocator)
 * or with `alloc->free`. Also VQR_ERR_COMPRESS. @since 0.1
 */
VQR_API vqr_status vqr_render_png(const vqr_qr *qr, const vqr_render_options *opt,
                                  const vqr_allocator *alloc, unsigned char **out, size_t *out_len,
                                  vqr_error *err);

/**
 * Writes the PNG of vqr_render_png to `path`, whole or not at all: the
 * bytes go to a new file in the same directory, which is flushed to disk
 * and renamed over `path`; on any failure it is removed and `path` is left
 * as it was. The new file gets mode 0666 less the umask. `alloc` is used
 * for the temporary image. Also VQR_ERR_IO. @since 0.1
 */
VQR_API vqr_status vqr_render_png_file(const vqr_qr *qr, const vqr_render_options *opt,
                                       const char *path, const vqr_allocator *alloc,
                                       vqr_error *err);

/**
 * Draws `qr` as a compact SVG document (UTF-8, NUL-terminated, ending with
 * a newline): a viewBox in modules with the quiet zone, width and height of
 * (width + 2 * quiet_zone) * scale, shape-rendering="crispEdges", an
 * optional <title>, a background <rect> and all dark modules in a single
 * <path>, both filled with stroke="none" (a renderer that strokes shapes
 * by default, as ImageMagick's own SVG reader does, would otherwise widen
 * every module). `*out_len` receives the length without the NUL. Release
 * as for vqr_render_png. @since 0.1
 */
VQR_API vqr_status vqr_render_svg(const vqr_qr *qr, const vqr_render_options *opt,
                                  const vqr_allocator *alloc, char **out, size_t *out_len,
                                  vqr_error *err);

/** Writes the SVG of vqr_render_svg to `path`, whole or not at all (as vqr_render_png_file). @since 0.1 */
VQR_API vqr_status vqr_render_svg_file(const vqr_qr *qr, const vqr_render_options *opt,
                                       const char *path, const vqr_allocator *alloc,
                                       vqr_error *err);

/**
 * Draws `qr` as text for a terminal (NUL-terminated, every line ending with
 * "\n"), with its quiet zone. By default each character holds two module
 * rows with the UTF-8 half blocks U+2580, U+2584, U+2588 and a space;
 * VQR_RENDER_ASCII uses "##" and "  " per module, one row per line. What is
 * painted follows VQR_RENDER_INVERT. `scale`, colours, dpi and title are
 * ignored. Release as for vqr_render_png. @since 0.1
 */
VQR_API vqr_status vqr_render_term(const vqr_qr *qr, const vqr_render_options *opt,
                                   const vqr_allocator *alloc, char **out, size_t *out_len,
                                   vqr_error *err);

/**
 * The fewest pixels per module vqr_render_print_size() chooses. A module of
 * 1 or 2 pixels does not scan once printed: a thermal printer's dots and a
 * phone camera's blur eat half of it (at 203 dpi, 2 pixels per module fail
 * with zbar and ZXing after a mild blur; 3 decode). @since 0.2
 */
#define VQR_PRINT_MIN_SCALE 3

/** What vqr_render_print_size chose. Set up with VQR_INIT. */
typedef struct vqr_print_size {
    size_t size;      /**< sizeof(vqr_print_size), set by the caller (VQR_INIT) */
    unsigned scale;   /**< pixels per module: set vqr_render_options.scale to it */
    unsigned pixels;  /**< image side in pixels, quiet zone included */
    double module_mm; /**< printed side of one module in millimetres */
    double symbol_mm; /**< printed side of the symbol without the quiet zone */
    double total_mm;  /**< printed side of the whole image, quiet zone included */
} vqr_print_size;

/**
 * Chooses the largest whole number of pixels per module such that the
 * image of `qr` with `quiet_zone` modules each side, printed at `dpi`, is no
 * wider than `target_mm` (a side of the whole image, quiet zone included),
 * and reports the real printed size. Pass the same quiet zone and dpi to
 * the renderer. It never chooses fewer than VQR_PRINT_MIN_SCALE (3) pixels
 * per module: when `target_mm` cannot give that many at `dpi`, the result
 * is VQR_ERR_PRINT_TOO_SMALL, err->limit is the smallest whole-millimetre
 * target that gives 3, and `out` still receives the size at 3 pixels per
 * module (larger than asked), for a caller that would rather print larger
 * than not at all; a smaller symbol (a lower error-correction level) or a
 * higher dpi are the other ways out. Other errors: VQR_ERR_INVALID_ARGUMENT
 * (NULL `qr` or `out`, `target_mm` not a finite number > 0, `dpi` not
 * 1-100000, quiet zone over VQR_RENDER_MAX_QUIET), VQR_ERR_IMAGE_TOO_LARGE.
 * No allocation, thread-safe. @since 0.1; the minimum of 3 @since 0.2
 * (0.1 refused under 1 pixel per module)
 */
VQR_API vqr_status vqr_render_print_size(const vqr_qr *qr, double target_mm, unsigned dpi,
                                         unsigned quiet_zone, vqr_print_size *out, vqr_error *err);

/* ======================================================================
 * Reconciliation (đối soát)
 *
 * Matches bank transactions to the payment references that were issued,
 * and says for each transaction what it is: a payment in full, part of
 * one, too much, a payment of something already paid, a transfer naming
 * several references (left for a person), one naming a reference that was
 * never issued, one naming none, or a debit. Nothing is matched on a
 * guess: a transaction counts for a reference only when vqr_ref_find()
 * finds that reference, check characters and all, in its description;
 * names and amounts are never used to match.
 *
 *     vqr_recon *r;
 *     vqr_recon_new(NULL, &r, &err);
 *     vqr_recon_add_issued(r, "HS24000012RG", 12, 1500000, 0, &err); // each
 *     vqr_recon_add_tx(r, &tx, &index, &err);                        // each
 *     vqr_recon_run(r, &err);
 *     vqr_recon_result_get(r, index, &res, &err); // per transaction
 *     vqr_recon_issued_get(r, i, &info, &err);    // per issued reference
 *     vqr_recon_free(r);
 *
 * The rules, applied to the transactions in order of date, then ID (IDs
 * of digits only as numbers, before any other ID, which compare byte by
 * byte), then the order they were added:
 *  - an amount below zero: VQR_MATCH_DEBIT (listed, otherwise ignored);
 *  - the description names no reference of a known prefix (an issued
 *    reference's, or one given with vqr_recon_add_prefix()):
 *    VQR_MATCH_NO_REFERENCE; two or more different ones:
 *    VQR_MATCH_MULTIPLE_REFERENCES, and no money is counted for any;
 *  - one reference that was not issued: VQR_MATCH_UNKNOWN_REFERENCE;
 *  - one issued reference already paid in full (by an earlier
 *    transaction, or by `received` given when it was added):
 *    VQR_MATCH_DUPLICATE;
 *  - otherwise the amount is added to what the reference has received,
 *    and the result is VQR_MATCH_PAID when that now equals the amount
 *    issued, VQR_MATCH_UNDERPAID when it is less, VQR_MATCH_OVERPAID
 *    when it is more.
 * Because the order depends only on each transaction's own date and ID,
 * running again with more (later) transactions gives the earlier ones
 * the same results. A transaction added again with the same ID, date,
 * amount and description (a webhook delivered twice) is a repeat: it
 * counts once, and its result is the first one's with `repeat_of` set.
 *
 * Memory: the object allocates through the allocator given to
 * vqr_recon_new() (about 40 bytes per issued reference and 70 bytes plus
 * the ID per transaction; descriptions are not kept). Not thread-safe
 * while it is being filled or run; once run, any number of threads may
 * read results.
 * ====================================================================== */

/** What a transaction is, once reconciled. */
typedef enum vqr_match {
    VQR_MATCH_NONE = 0,                /**< not reconciled yet */
    VQR_MATCH_PAID = 1,                /**< the reference is now paid exactly */
    VQR_MATCH_UNDERPAID = 2,           /**< the reference has received less than issued */
    VQR_MATCH_OVERPAID = 3,            /**< the reference has received more than issued */
    VQR_MATCH_DUPLICATE = 4,           /**< the reference was already paid in full */
    VQR_MATCH_MULTIPLE_REFERENCES = 5, /**< two or more references: left for a person */
    VQR_MATCH_UNKNOWN_REFERENCE = 6,   /**< a valid reference that was not issued */
    VQR_MATCH_NO_REFERENCE = 7,        /**< no reference of a known prefix */
    VQR_MATCH_DEBIT = 8                /**< money out (a negative amount) */
} vqr_match;

/**
 * The name of a result as files and bindings write it: "paid",
 * "underpaid", "overpaid", "duplicate", "multiple_references",
 * "unknown_reference", "no_reference", "debit"; "none" for
 * VQR_MATCH_NONE; NULL for a value outside the enum. Static. @since 0.2
 */
VQR_API const char *vqr_match_name(vqr_match m);

/**
 * Reads an amount of đồng as bank statements and exports write it:
 * "1500000", "1.500.000", "1,500,000", "1 500 000", "+1.500.000 VND",
 * "-500,000", "1.500.000đ", "1.500.000 đồng", "1,500,000.00",
 * "1.500.000,00", "(500.000)" (negative). Groups of three digits may be
 * separated by ".", ",", a space, a no-break space (U+00A0) or a narrow
 * one (U+202F), the same one throughout; a last "." or "," followed by
 * one or two digits is a decimal separator, and the decimals must be zero
 * (đồng have none). A currency ("VND", "VNĐ", "đ", "₫", "đồng", "dong", any
 * case) may come before or after, a sign before the digits.
 *
 * @param text   may be NULL only when `len` is 0
 * @param len    bytes of `text`
 * @param amount receives the amount, negative for "-" or parentheses (0 on
 *               error); must not be NULL
 * @param err    may be NULL
 * @return VQR_OK; VQR_ERR_RECON_AMOUNT (`err->offset` is the offending
 *         byte, or SIZE_MAX; `err->limit` 15 when there are more than 15
 *         digits); VQR_ERR_AMOUNT_DECIMALS for decimals that are not zero;
 *         VQR_ERR_INVALID_ARGUMENT
 *
 * No allocation, thread-safe. @since 0.2
 */
VQR_API vqr_status vqr_recon_amount_parse(const char *text, size_t len, int64_t *amount,
                                          vqr_error *err);

/** A reconciliation (opaque). */
typedef struct vqr_recon vqr_recon;

/**
 * Makes an empty reconciliation. `alloc` (may be NULL for the C library's)
 * is copied and used for all of the object's memory; its `ctx` must stay
 * valid until vqr_recon_free(). `*out` receives the object, or NULL on
 * error. Errors: VQR_ERR_INVALID_ARGUMENT (NULL `out`, an allocator
 * without malloc or free), VQR_ERR_NO_MEMORY. @since 0.2
 */
VQR_API vqr_status vqr_recon_new(const vqr_allocator *alloc, vqr_recon **out, vqr_error *err);

/** Releases a reconciliation and everything it holds. NULL is a no-op. @since 0.2 */
VQR_API void vqr_recon_free(vqr_recon *r);

/**
 * Makes `prefix` known, so that references of it that were not issued are
 * reported as VQR_MATCH_UNKNOWN_REFERENCE rather than missed. Issued
 * references make their prefix known themselves. Adding a known prefix
 * again does nothing. Call before vqr_recon_add_tx().
 *
 * Errors: VQR_ERR_REF_PREFIX (as vqr_ref_make()); VQR_ERR_REF_PREFIX_CONFLICT
 * when it is another known prefix followed by digits, or the other way
 * round ("HP2" and "HP24": "HP24000001" + check could be read as either);
 * VQR_ERR_INVALID_ARGUMENT (NULL, or after the first transaction);
 * VQR_ERR_NO_MEMORY. @since 0.2
 */
VQR_API vqr_status vqr_recon_add_prefix(vqr_recon *r, const char *prefix, vqr_error *err);

/**
 * Adds an issued reference, `amount` đồng to be paid, of which `received`
 * were received before (0 for a fresh issue; a web application that
 * reconciles one event at a time passes what its database holds). Call
 * before vqr_recon_add_tx(). Its index (0, 1, ... in the order added) is
 * what vqr_recon_issued_get() and `vqr_recon_result.issued` use.
 *
 * Errors: VQR_ERR_REF_FORMAT, VQR_ERR_REF_CHECK (as vqr_ref_check());
 * VQR_ERR_AMOUNT_ZERO for an amount of 0; VQR_ERR_RECON_AMOUNT for an
 * amount or `received` above 10^15 - 1 (`err->limit`);
 * VQR_ERR_REF_DUPLICATE when the reference was added before
 * (`err->related_offset` is the first one's index);
 * VQR_ERR_REF_PREFIX_CONFLICT; VQR_ERR_INVALID_ARGUMENT (NULL `r`, NULL
 * `reference` with `len` > 0, after the first transaction);
 * VQR_ERR_NO_MEMORY. Nothing is added on error. @since 0.2
 */
VQR_API vqr_status vqr_recon_add_issued(vqr_recon *r, const char *reference, size_t len,
                                        uint64_t amount, uint64_t received, vqr_error *err);

/**
 * One bank transaction. Set up with vqr_recon_tx_init(), then set the
 * fields. Strings are borrowed for the duration of vqr_recon_add_tx()
 * only; they need not be NUL-terminated.
 */
typedef struct vqr_recon_tx {
    size_t size;    /**< the caller's sizeof(vqr_recon_tx); set by vqr_recon_tx_init() */
    const char *id; /**< the bank's or the service's transaction ID (may be empty) */
    size_t id_len;  /**< bytes of `id` */
    /**
     * Date and time: "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD
     * HH:MM:SS" ("T" for the space, and fractions of a second, accepted),
     * or the same with the date as DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY),
     * as Vietnamese statements write it. Local time; no time zone.
     */
    const char *date;
    size_t date_len;  /**< bytes of `date` */
    int64_t amount;   /**< in đồng: positive for money in, negative for money out */
    const char *memo; /**< the description as the bank delivered it (any bytes) */
    size_t memo_len;  /**< bytes of `memo` */
} vqr_recon_tx;

/**
 * Sets every field of `tx` that fits in `size` bytes to its default (no
 * ID, no date, amount 0, no description) and stores `size` in
 * `tx->size`. Pass sizeof *tx. Errors: VQR_ERR_INVALID_ARGUMENT when `tx`
 * is NULL or `size` is below sizeof(size_t) or above VQR_STRUCT_SIZE_MAX.
 * @since 0.2
 */
VQR_API vqr_status vqr_recon_tx_init(vqr_recon_tx *tx, size_t size, vqr_error *err);

/**
 * Adds a transaction: reads its date, finds the references of known
 * prefixes in its description (vqr_ref_find(); the first 16 different ones
 * are kept) and copies its ID. `*index` (may be NULL) receives its index:
 * 0, 1, ... in the order added.
 *
 * A transaction whose non-empty ID was added before is a repeat when its
 * date, amount and description are the same (it is added, and will get
 * the first one's result with `repeat_of` set), and an error otherwise.
 *
 * Errors: VQR_ERR_RECON_DATE (`err->offset` is the offending byte of the
 * date, or SIZE_MAX for an empty or cut date); VQR_ERR_RECON_AMOUNT for an
 * amount beyond +/-(10^15 - 1); VQR_ERR_RECON_CONFLICT (`err->related_offset`
 * is the index of the transaction with the same ID); VQR_ERR_INVALID_ARGUMENT
 * (NULL `r` or `tx`, a bad `tx->size`, a NULL string with a length, after
 * vqr_recon_run()); VQR_ERR_NO_MEMORY. Nothing is added on error. @since 0.2
 */
VQR_API vqr_status vqr_recon_add_tx(vqr_recon *r, const vqr_recon_tx *tx, size_t *index,
                                    vqr_error *err);

/**
 * Orders the transactions and classifies each (see the rules above).
 * Once only: adding after it, or running twice, is
 * VQR_ERR_INVALID_ARGUMENT. Also VQR_ERR_NO_MEMORY (then nothing is
 * classified), VQR_ERR_RECON_AMOUNT when what a reference has received
 * goes beyond 2^63 - 1 đồng. @since 0.2
 */
VQR_API vqr_status vqr_recon_run(vqr_recon *r, vqr_error *err);

/** Numbers of issued references and of transactions added. 0 for NULL. @since 0.2 */
VQR_API size_t vqr_recon_issued_count(const vqr_recon *r);
VQR_API size_t vqr_recon_tx_count(const vqr_recon *r);

/**
 * The index of the transaction that came `k`-th (0-based) in the order of
 * the rules (date, ID, order added), into `*index`. Errors:
 * VQR_ERR_NOT_FOUND when `k` >= vqr_recon_tx_count(); VQR_ERR_INVALID_ARGUMENT
 * (NULL, or before vqr_recon_run()). @since 0.2
 */
VQR_API vqr_status vqr_recon_order(const vqr_recon *r, size_t k, size_t *index, vqr_error *err);

/** What one transaction turned out to be. Set up with VQR_INIT. */
typedef struct vqr_recon_result {
    size_t size;      /**< sizeof(vqr_recon_result), set by the caller (VQR_INIT) */
    vqr_match status; /**< what it is */
    /** Different references of known prefixes in its description (the
     *  first 16 are kept: read them with vqr_recon_tx_reference()). */
    size_t references;
    /** The reference when there is exactly one; for several, the first;
     *  "" when there is none. Upper case, NUL-terminated. */
    char reference[VQR_REF_BUF_SIZE];
    /** Index of that reference among the issued ones, or SIZE_MAX when it
     *  was not issued or there is not exactly one. */
    size_t issued;
    uint64_t issued_amount; /**< the amount issued for it, or 0 */
    int64_t amount;         /**< the transaction's amount, as added */
    /** For paid, underpaid, overpaid and duplicate: what the reference had
     *  received after this transaction, minus the amount issued (negative:
     *  still owed; positive: paid too much). 0 otherwise. */
    int64_t difference;
    /** SIZE_MAX, or the index of the earlier identical transaction this
     *  one repeats (it counted nothing). */
    size_t repeat_of;
    const char *id; /**< the transaction's ID (a copy; valid until vqr_recon_free) */
    size_t id_len;  /**< bytes of `id` */
} vqr_recon_result;

/**
 * The result of transaction `index` (in the order added) into `out`.
 * The library fills only the first `out->size` bytes. Errors:
 * VQR_ERR_NOT_FOUND for an index past the end; VQR_ERR_INVALID_ARGUMENT
 * (NULL, a bad `out->size`, before vqr_recon_run()). @since 0.2
 */
VQR_API vqr_status vqr_recon_result_get(const vqr_recon *r, size_t index, vqr_recon_result *out,
                                        vqr_error *err);

/**
 * Reference `k` (0-based, in the order found) of transaction `index`,
 * NUL-terminated, into `out` (VQR_REF_BUF_SIZE bytes). Works before
 * vqr_recon_run() too. Errors: VQR_ERR_NOT_FOUND (no such transaction or
 * reference), VQR_ERR_INVALID_ARGUMENT. @since 0.2
 */
VQR_API vqr_status vqr_recon_tx_reference(const vqr_recon *r, size_t index, size_t k,
                                          char out[VQR_REF_BUF_SIZE], vqr_error *err);

/** Where an issued reference stands. Set up with VQR_INIT. */
typedef struct vqr_recon_issued {
    size_t size;                      /**< sizeof(vqr_recon_issued), set by the caller (VQR_INIT) */
    char reference[VQR_REF_BUF_SIZE]; /**< the reference */
    uint64_t amount;                  /**< the amount issued */
    /** What it has received: `received` given when added plus every
     *  transaction counted for it (duplicates included). */
    uint64_t received;
    uint64_t outstanding; /**< amount - received when positive, else 0 */
    bool paid;            /**< received >= amount */
    size_t transactions;  /**< transactions counted for it (repeats not counted) */
} vqr_recon_issued;

/**
 * Issued reference `index` (in the order added) into `out`; before
 * vqr_recon_run() it shows what was added. Errors: VQR_ERR_NOT_FOUND,
 * VQR_ERR_INVALID_ARGUMENT (NULL, a bad `out->size`). @since 0.2
 */
VQR_API vqr_status vqr_recon_issued_get(const vqr_recon *r, size_t index, vqr_recon_issued *out,
                                        vqr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* VIETQR_H */
