/*
 * vietqr-print.h - libvietqr-print public API: payment cards, fee notices,
 * thermal receipts and counter stickers with a VietQR on them.
 *
 * libvietqr-print lays out the documents a payer actually receives around
 * a payload made with libvietqr, correctly for Vietnamese text, and draws
 * them as PDF (many pages, fonts embedded as subsets, real selectable
 * text), PNG (8-bit, or 1-bit for thermal printers) or SVG. It is a
 * library of its own, built on cairo and pango with fonts found through
 * fontconfig, so that libvietqr itself keeps its small set of
 * dependencies. Link it with `pkg-config --cflags --libs vietqr-print`.
 *
 * The templates (vqr_template):
 *
 *   card      900 x 500 px  QR, bank, account holder, account number in
 *                           groups, amount in figures and words, purpose:
 *                           a payment card for a screen or a web page
 *   qr_only   480 x 480 px  the QR code alone, with its quiet zone
 *   compact   540 x 540 px  the QR code with the network and bank names
 *   compact2  540 x 640 px  the QR code and the transfer details
 *   print     600 x 776 px  the QR code and every transfer detail in a table
 *   notice    A5 landscape  a fee notice: issuer, payer, itemised lines,
 *                           total in figures and words, due date, QR, how
 *                           to pay, and a line telling the payer to check
 *                           the payee's name; in PDF two per A4 sheet with
 *                           cut marks (VQR_PAPER_A4_TWO_UP)
 *   receipt   58 or 80 mm   a thermal-printer receipt: 384 or 576 dots wide
 *                           at 203 dpi, 1-bit, as long as its content; QR
 *                           modules a whole number (>= 3) of dots
 *   sticker   A6 or 10x10cm a static-QR counter sticker for a stall: stall
 *                           name, bank, account holder, "check the name"
 *
 * The four pixel templates qr_only, compact, compact2 and print carry
 * VietQR.io's names and sizes, so that a service can draw what its Quick
 * Link draws. Bank and network logos are their owners' trademarks: the
 * templates write names, not logos.
 *
 * Every field of every template is optional except the payload: with the
 * payload alone each template draws a complete, scannable document whose
 * bank, account, amount and purpose are read from the payload itself.
 *
 * Layout never clips. A text that is too long for its place wraps (at
 * spaces, never inside a word unless the word alone is too wide, and
 * without inserting hyphens), then its type shrinks step by step to the
 * template's smallest size for that place, and if it still does not fit
 * the call fails with VQR_ERR_PRINT_TEXT_TOO_LONG and `err->tag` naming
 * the field. vqr_print_measure() exposes the layout: every text's place,
 * the type size it got and the space its ink and its lines take.
 *
 * Units: layout measurements are in PostScript points (1/72 inch) from the
 * top left corner of the page. A pixel template's pixel is 0.75 point
 * (96 per inch), so its PDF, rasterised at 96 dpi, has its pixel size.
 *
 * Conventions (those of vietqr.h): fallible calls return a vqr_status and
 * take an optional last `vqr_error *err`, set up with VQR_INIT() (an `err`
 * whose size is not usable fails the call with VQR_ERR_INVALID_ARGUMENT
 * before anything is read or written); text is NUL-terminated UTF-8, put
 * in NFC before it is laid out; structs with a `size` grow in later
 * versions (set them up with their _init function); memory this library
 * returns comes from the caller's vqr_allocator, or from malloc when it is
 * NULL (release it with vqr_free()).
 *
 * Errors on a field set `err->tag` to the field's name as this header
 * spells it ("payer", "holder", "item.3" for items[3]); errors of the
 * payload keep the tag path libvietqr gives ("62.08").
 *
 * Threads. Every function is thread-safe for distinct objects: a
 * vqr_print_doc or vqr_print_layout is used by one thread at a time (any
 * thread: a layout made in one thread may be drawn in another), and any
 * number of threads may draw at once, each with its own objects. A long
 * document goes faster when worker threads lay out its pages
 * (vqr_print_measure) and the document's thread draws them in order
 * (vqr_print_doc_add_layout). The library keeps no global mutable
 * state of its own. cairo, pango and fontconfig keep process-wide state,
 * which they guard themselves: fontconfig reads its configuration and
 * scans the fonts once per process, cairo keeps font caches, and pango
 * keeps one font map per thread (pango_cairo_font_map_get_default), so
 * that threads never share pango objects. The first drawing in a process
 * therefore takes longer (tens of milliseconds, more with many fonts
 * installed); vqr_print_init() does that work up front, under a
 * once-only guard, so that a service can pay it at start-up. Each new
 * thread pays a smaller cost the first time it draws (its font map);
 * reuse threads (a pool) rather than starting one per document.
 *
 * Fonts: the default family is "Noto Sans" (Debian package
 * fonts-noto-core), found through fontconfig, with fontconfig's fallback
 * for any character it lacks; any family covering Vietnamese works
 * ("DejaVu Sans", fonts-dejavu-core). A text with a character no installed
 * font has is VQR_ERR_PRINT_FONT naming the field, never a box drawn in
 * its place.
 */
#ifndef VIETQR_PRINT_H
#define VIETQR_PRINT_H

#include "vietqr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(VQR_PRINT_BUILDING_DLL)
#define VQR_PRINT_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define VQR_PRINT_API __attribute__((visibility("default")))
#else
#define VQR_PRINT_API
#endif

/* ======================================================================
 * Templates, paper and formats
 * ====================================================================== */

/** The documents this library draws. The numbers never change. */
typedef enum vqr_template {
    VQR_TEMPLATE_CARD = 1,     /**< "card": 900 x 500 px payment card */
    VQR_TEMPLATE_QR_ONLY = 2,  /**< "qr_only": 480 x 480 px, the QR code only */
    VQR_TEMPLATE_COMPACT = 3,  /**< "compact": 540 x 540 px, QR and names */
    VQR_TEMPLATE_COMPACT2 = 4, /**< "compact2": 540 x 640 px, QR and transfer details */
    VQR_TEMPLATE_PRINT = 5,    /**< "print": 600 x 776 px, QR and every detail */
    VQR_TEMPLATE_NOTICE = 6,   /**< "notice": A5 fee notice */
    VQR_TEMPLATE_RECEIPT = 7,  /**< "receipt": 58 or 80 mm thermal receipt */
    VQR_TEMPLATE_STICKER = 8   /**< "sticker": A6 or 10 x 10 cm counter sticker */
} vqr_template;

/**
 * The name of a template ("card", "qr_only", "compact", "compact2",
 * "print", "notice", "receipt", "sticker"), or NULL for a value outside
 * the enum. Static string. @since 0.2
 */
VQR_PRINT_API const char *vqr_template_name(vqr_template t);

/**
 * The template named `name` (`len` bytes, exactly as vqr_template_name()
 * spells it, lower case). Returns VQR_OK with `*out` set, or
 * VQR_ERR_NOT_FOUND (`*out` = 0) for any other name;
 * VQR_ERR_INVALID_ARGUMENT for a NULL `out`, or a NULL `name` with `len`
 * > 0. No allocation. @since 0.2
 */
VQR_PRINT_API vqr_status vqr_template_find(const char *name, size_t len, vqr_template *out,
                                           vqr_error *err);

/**
 * The paper a document is printed on. VQR_PAPER_DEFAULT picks each
 * template's usual paper; a paper the template cannot use is
 * VQR_ERR_PRINT_PAPER. The pixel templates take only the default.
 */
typedef enum vqr_paper {
    VQR_PAPER_DEFAULT = 0,
    /** notice: one A5 landscape page (210 x 148 mm) per notice (PNG and SVG default) */
    VQR_PAPER_A5 = 1,
    /** notice: two A5 notices on each A4 portrait sheet with cut marks (PDF default) */
    VQR_PAPER_A4_TWO_UP = 2,
    /** receipt: 58 mm roll, 384 dots (48 mm) printed width at 203 dpi (default) */
    VQR_PAPER_ROLL_58 = 3,
    /** receipt: 80 mm roll, 576 dots (72 mm) printed width at 203 dpi */
    VQR_PAPER_ROLL_80 = 4,
    /** sticker: A6 portrait, 105 x 148 mm (default) */
    VQR_PAPER_A6 = 5,
    /** sticker: 100 x 100 mm */
    VQR_PAPER_SQUARE_100 = 6
} vqr_paper;

/** Output formats. */
typedef enum vqr_print_format {
    /**
     * PNG, 8 bits per sample: greyscale when the page holds no colour,
     * else RGB; 1-bit greyscale with VQR_PRINT_MONO and for receipts. A
     * pHYs chunk gives the resolution and an iTXt chunk the title.
     */
    VQR_FORMAT_PNG = 0,
    /**
     * PDF 1.5: one document, any number of pages, fonts embedded as
     * subsets, text as real text (selectable and searchable, with its
     * Unicode), the title in the document information.
     */
    VQR_FORMAT_PDF = 1,
    /** SVG 1.1 with a <title>; text drawn as glyph outlines. */
    VQR_FORMAT_SVG = 2
} vqr_print_format;

/** Flags of vqr_print_options. */
typedef enum vqr_print_flags {
    VQR_PRINT_NONE = 0,
    /** PNG: 1-bit black and white (receipts always are). */
    VQR_PRINT_MONO = 1u << 0,
    /** Amounts in words in southern usage ("ngàn", "lẻ"): VQR_AMOUNT_WORDS_SOUTH. */
    VQR_PRINT_WORDS_SOUTH = 1u << 1,
    /** Amounts in words with "tư" after twenty: VQR_AMOUNT_WORDS_TU. */
    VQR_PRINT_WORDS_TU = 1u << 2,
    /** notice on VQR_PAPER_A4_TWO_UP: no cut marks. */
    VQR_PRINT_NO_CUT_MARKS = 1u << 3,
    /**
     * Draw a payload that is not an EMVCo payload (any UTF-8 text); by
     * default the payload must parse (leniently) and its CRC must match,
     * so that no document goes out with a code bank apps refuse.
     */
    VQR_PRINT_ANY_PAYLOAD = 1u << 4,
    /**
     * PNG compressed for speed rather than size, for a service that draws
     * an image per request: the same pixels and PNG layout, the image data
     * coded as runs of a byte only (no search for longer matches). Several
     * times less time compressing; the file is larger (about 5 % for
     * compact2, 20 % for card and print, 70-80 % for the colour pages of
     * notice and sticker). Ignored for PDF and SVG. @since 0.2
     */
    VQR_PRINT_FAST_PNG = 1u << 5
} vqr_print_flags;

/** Smallest and largest resolutions of PNG output for printed templates. */
#define VQR_PRINT_MIN_DPI 72
#define VQR_PRINT_MAX_DPI 1200
/** The resolution of thermal receipts, in dots per inch. */
#define VQR_PRINT_RECEIPT_DPI 203

/**
 * How to draw. Start from vqr_print_options_init(&opt, sizeof opt, NULL),
 * then change fields; a NULL options pointer means the defaults. The
 * struct grows by its `size` as vietqr.h's "Structs that grow" says: a
 * smaller size (an older header) gives the missing fields their defaults;
 * a larger one (a newer header) is accepted when the bytes this version
 * does not know are zero.
 */
typedef struct vqr_print_options {
    size_t size;             /**< sizeof(vqr_print_options), set by _init */
    vqr_print_format format; /**< default VQR_FORMAT_PNG */
    vqr_paper paper;         /**< default VQR_PAPER_DEFAULT */
    /**
     * PNG of the printed templates (notice, sticker): pixels per inch,
     * VQR_PRINT_MIN_DPI-VQR_PRINT_MAX_DPI; default 300. Receipts are always
     * VQR_PRINT_RECEIPT_DPI; the pixel templates use `scale`.
     */
    unsigned dpi;
    /** PNG of the pixel templates: device pixels per template pixel, 1-4; default 1. */
    unsigned scale;
    vqr_ecc ecc; /**< error correction of the QR code; default (0) is M */
    /**
     * Smallest printed side of a QR module in millimetres for the printed
     * templates (notice, receipt, sticker); default 0.5. A code too dense
     * for its place at this size is VQR_ERR_PRINT_QR_TOO_DENSE. Values
     * from 0.1 to 10.
     */
    double min_module_mm;
    /** Font family for fontconfig, NUL-terminated; NULL means "Noto Sans". */
    const char *font;
    /**
     * The document's title (PDF information, SVG <title>, PNG iTXt), NFC
     * UTF-8; NULL means the template's heading and the payer or holder
     * ("Thông báo thanh toán - Nguyễn Văn An").
     */
    const char *title;
    unsigned flags; /**< vqr_print_flags */
} vqr_print_options;

/**
 * Fills the fields of `opt` that fit in `size` bytes with the defaults and
 * stores `size` in `opt->size` (bytes past the fields this version knows
 * are zeroed). Pass sizeof *opt. Errors: VQR_ERR_INVALID_ARGUMENT when
 * `opt` is NULL or `size` is below sizeof(size_t) or above
 * VQR_STRUCT_SIZE_MAX (nothing written). @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_options_init(vqr_print_options *opt, size_t size,
                                                vqr_error *err);

/* ======================================================================
 * What goes on the page
 * ====================================================================== */

/** One itemised line of a notice or a receipt. */
typedef struct vqr_print_item {
    const char *label; /**< "Học phí tháng 9", NUL-terminated UTF-8; required */
    uint64_t amount;   /**< in minor units of the payload's currency (VND: đồng) */
} vqr_print_item;

/** Most items a notice or a receipt takes (a notice fits fewer: see below). */
#define VQR_PRINT_ITEMS_MAX 64

/**
 * The fields of a document. Start from vqr_print_fields_init(&f, sizeof f,
 * NULL), set `payload`, then any field the template shows; NULL or ""
 * means absent. The struct grows by its `size` like vqr_print_options.
 * Strings are NUL-terminated UTF-8, borrowed for the duration of the call,
 * NFC or not (they are normalised). Every character vqr_text_escape()
 * calls unsafe (controls, bidirectional controls, invisible characters,
 * U+2028 and U+2029; vietqr.h lists them) is VQR_ERR_TEXT_CONTROL at its
 * offset, except a line break in `address`, `how_to_pay` and `note`: each
 * could make a printed name or account read other than it is.
 *
 * Which template shows which field:
 *
 *   field        card  qr_only compact compact2 print notice receipt sticker
 *   payload       QR     QR      QR      QR      QR    QR     QR      QR
 *   title         .      .       .       .       x     x      x       .
 *   issuer        .      .       .       .       .     x      x       x
 *   address       .      .       .       .       .     x      x       .
 *   payer         .      .       .       .       .     x      x       .
 *   payer_code    .      .       .       .       .     x      x       .
 *   holder        x      .       .       x       x     x      x       x
 *   bank          x      .       x       x       x     x      x       x
 *   purpose       x      .       .       x       x     x      x       x
 *   reference     .      .       .       .       x     x      x       .
 *   due_date      .      .       .       .       .     x      .       .
 *   date          .      .       .       .       .     x      x       .
 *   how_to_pay    .      .       .       .       .     x      .       .
 *   note          x      .       .       .       x     x      x       x
 *   stall         .      .       .       .       .     .      .       x
 *   items         .      .       .       .       .     x      x       .
 *
 * The amount (in figures, and in words for VND) is read from the payload
 * (tag 54) by every template that shows transfer details; the account
 * number (38.01.01) and the bank (38.01.00, named from the directory) too.
 */
typedef struct vqr_print_fields {
    size_t size; /**< sizeof(vqr_print_fields), set by _init */
    /** The payload to encode, as vqr_payload_write() or vqr_vietqr_write() made it; required. */
    const char *payload;
    size_t payload_len; /**< bytes of `payload` */
    /** Heading: "GIẤY BÁO HỌC PHÍ"; default per template ("THÔNG BÁO THANH TOÁN", "BIÊN LAI"). */
    const char *title;
    /** Who asks for the money: a school, a hospital, a ward office, a market. */
    const char *issuer;
    /** The issuer's address and telephone; a line break starts a new line. */
    const char *address;
    /** The payer's name: "Công Tôn Nữ Thị Phương Thảo Nguyên". */
    const char *payer;
    /** The payer's code at the issuer: student, patient or dossier number. */
    const char *payer_code;
    /**
     * The account holder's name as the payer's bank app will show it
     * ("TRUONG THPT NGUYEN DU"); default: tag 59 of the payload. The
     * notice, receipt and sticker tell the payer to check it.
     */
    const char *holder;
    /** The bank's name as shown; default: the directory's short name for the BIN. */
    const char *bank;
    /** The purpose as shown, with its diacritics; default: tag 62.08 of the payload. */
    const char *purpose;
    /** Invoice or notice number as shown; default: tag 62.01 of the payload. */
    const char *reference;
    /** Due date as shown: "30/09/2026". */
    const char *due_date;
    /** Date (and time) of the notice or the receipt as shown. */
    const char *date;
    /** How to pay; default: a short Vietnamese instruction for bank apps. */
    const char *how_to_pay;
    /** A free line of text. */
    const char *note;
    /** sticker: the stall's name or number: "Sạp 112 - Cô Ba bán vải". */
    const char *stall;
    /**
     * notice and receipt: itemised lines, at most VQR_PRINT_ITEMS_MAX
     * (the notice fits 10 at its normal type size, more at smaller type;
     * VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When
     * the payload has an amount, the items must add up to it
     * (VQR_ERR_PRINT_TOTAL otherwise): a notice never shows a total that
     * differs from what the code asks for.
     */
    const vqr_print_item *items;
    size_t item_count; /**< entries of `items` */
} vqr_print_fields;

/**
 * Sets every field of `f` that fits in `size` bytes to absent and stores
 * `size` in `f->size`. Pass sizeof *f. Errors as vqr_print_options_init().
 * @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_fields_init(vqr_print_fields *f, size_t size, vqr_error *err);

/* ======================================================================
 * Drawing
 * ====================================================================== */

/**
 * Optional start-up: initialises fontconfig (reads its configuration and
 * the list of fonts), cairo and the calling thread's pango font map, and
 * checks that a font for `family` (NULL: "Noto Sans") covers Vietnamese
 * letters. Safe to call from any number of threads, as often as wanted:
 * the process-wide part runs once. Drawing works without it; a service
 * calls it at start-up so its first request is not slow.
 *
 * @return VQR_OK, VQR_ERR_PRINT_FONT (no installed font has the
 *         Vietnamese letters; install fonts-noto-core or
 *         fonts-dejavu-core) @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_init(const char *family, vqr_error *err);

/**
 * Draws one document in one call: template `t` with fields `f` in the
 * format of `opt` (NULL: PNG with the defaults). `*out` receives the bytes
 * and `*out_len` their count, allocated through `alloc` (NULL: malloc;
 * release with vqr_free()). With VQR_FORMAT_PDF the document has one page
 * (two notices need vqr_print_doc_new()). The same input gives the same
 * bytes (PDF output carries no date).
 *
 * Errors (`*out` NULL, `*out_len` 0, nothing allocated):
 *  - VQR_ERR_INVALID_ARGUMENT: NULL `f`, `out` or `out_len`; a `t`
 *    outside the enum; a bad `size` in `f` or `opt`; options out of range
 *    (format, dpi, scale, ecc, min_module_mm, unknown flag bits); an
 *    allocator without malloc or free; an item without a label
 *    (tag "item.N"); more than VQR_PRINT_ITEMS_MAX items (tag "items");
 *  - the payload's: VQR_ERR_QR_EMPTY (no payload), VQR_ERR_UTF8, a parse
 *    error of vqr_payload_parse() in lenient mode (VQR_ERR_CRC_MISMATCH,
 *    ...) unless VQR_PRINT_ANY_PAYLOAD, VQR_ERR_QR_TOO_LONG;
 *  - a field's (err->tag names it): VQR_ERR_UTF8, VQR_ERR_TEXT_CONTROL,
 *    VQR_ERR_TEXT_TOO_LONG (over VQR_TEXT_NFC_MAX code points once
 *    decomposed), VQR_ERR_PRINT_TEXT_TOO_LONG, VQR_ERR_PRINT_FONT;
 *  - VQR_ERR_PRINT_TOTAL: the items do not add up to the payload's amount
 *    (err->limit is their sum, tag "items");
 *  - VQR_ERR_PRINT_PAPER: a paper the template does not use;
 *  - VQR_ERR_PRINT_QR_TOO_DENSE: the code's modules would be smaller than
 *    `min_module_mm` (printed templates), 3 dots (receipts) or 2 pixels
 *    (pixel templates) in the place the template gives it (tag "qr",
 *    err->limit the modules a side);
 *  - VQR_ERR_NO_MEMORY; VQR_ERR_PRINT_DRAW (cairo or pango failed).
 *
 * Thread-safe (see the header's note on threads). @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_render(vqr_template t, const vqr_print_fields *f,
                                          const vqr_print_options *opt, const vqr_allocator *alloc,
                                          unsigned char **out, size_t *out_len, vqr_error *err);

/* ======================================================================
 * Documents of many pages
 * ====================================================================== */

/** A document being drawn (opaque): a PDF of any number of pages, or one PNG or SVG page. */
typedef struct vqr_print_doc vqr_print_doc;

/* A laid-out page (see "The layout, measured" below). */
typedef struct vqr_print_layout vqr_print_layout;

/**
 * Where a document's bytes go, as they are made: called with each chunk in
 * order; returns 0 when the chunk was written whole, anything else to stop
 * the document (the call that wrote it then fails with VQR_ERR_IO).
 */
typedef int (*vqr_print_write_fn)(void *ctx, const unsigned char *data, size_t len);

/**
 * Starts a document in the format of `opt` (NULL: the defaults, PNG).
 *
 * With `write` NULL the bytes are collected in memory (through `alloc`)
 * and returned by vqr_print_doc_finish(). With a `write` function they
 * are handed to it as they are made: a PDF streams each finished page, so
 * a document of ten thousand pages needs no more memory than a few pages;
 * `ctx` is passed to every call.
 *
 * A PDF takes any number of pages, each from vqr_print_doc_add(); a PNG or
 * SVG document takes one (a second add is VQR_ERR_PRINT_ONE_PAGE).
 *
 * Errors: VQR_ERR_INVALID_ARGUMENT (NULL `out`, bad options or allocator),
 * VQR_ERR_NO_MEMORY, VQR_ERR_PRINT_DRAW. @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_doc_new(const vqr_print_options *opt, const vqr_allocator *alloc,
                                           vqr_print_write_fn write, void *ctx, vqr_print_doc **out,
                                           vqr_error *err);

/**
 * Lays out template `t` with fields `f` and adds it to the document. A
 * notice on VQR_PAPER_A4_TWO_UP takes the top half of a new sheet or the
 * bottom half of the current one. Everything is checked before anything
 * is drawn: on any error of vqr_print_render() the document is as it was
 * and further pages may be added. A failure of `write` or of cairo
 * (VQR_ERR_IO, VQR_ERR_PRINT_DRAW, VQR_ERR_NO_MEMORY while drawing) is
 * final: every later call on the document returns it again. @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_doc_add(vqr_print_doc *doc, vqr_template t,
                                           const vqr_print_fields *f, vqr_error *err);

/**
 * Adds a page laid out beforehand by vqr_print_measure(), with options of
 * the same format as the document's (and, for PNG, the same dpi and
 * scale; VQR_ERR_INVALID_ARGUMENT with tag "format" otherwise). The layout
 * is not changed and may be added again or freed afterwards.
 *
 * This splits vqr_print_doc_add() in two, so that the work of a page
 * happens where it suits: checking the fields, encoding the QR code and
 * laying out the text (about half the time of a notice) in any number of
 * threads, each measuring its own pages, and drawing into the document
 * (which writes in order) in the document's thread. A layout holds no
 * pango object once made: it may be drawn by a thread other than the one
 * that made it. Errors as vqr_print_doc_add(), less those of the fields,
 * which vqr_print_measure() reported. @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_doc_add_layout(vqr_print_doc *doc, const vqr_print_layout *l,
                                                  vqr_error *err);

/** Documents added so far (a sheet of two notices counts two). 0 for NULL. @since 0.2 */
VQR_PRINT_API size_t vqr_print_doc_count(const vqr_print_doc *doc);

/** Pages (sheets) begun so far. 0 for NULL. @since 0.2 */
VQR_PRINT_API size_t vqr_print_doc_pages(const vqr_print_doc *doc);

/**
 * Ends the document. In memory, `*out` and `*out_len` receive its bytes
 * (through the document's allocator; release with vqr_free() when it was
 * NULL); with a `write` function, the rest of the bytes go to it and
 * `out`, `out_len` (which may be NULL) receive NULL and 0. A document with
 * no page is VQR_ERR_INVALID_ARGUMENT. The document is finished either
 * way: free it with vqr_print_doc_free(). @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_doc_finish(vqr_print_doc *doc, unsigned char **out,
                                              size_t *out_len, vqr_error *err);

/** Releases a document, finished or not (an unfinished one is dropped). NULL is a no-op. @since 0.2 */
VQR_PRINT_API void vqr_print_doc_free(vqr_print_doc *doc);

/* ======================================================================
 * The layout, measured
 * ====================================================================== */

/*
 * vqr_print_layout (declared above): a laid-out page, as
 * vqr_print_measure() made it: its boxes to inspect, and a page to draw
 * with vqr_print_doc_add_layout(). It holds only cairo objects (glyph
 * runs, the QR code), no pango object: one thread at a time uses it, any
 * thread may.
 */

/** What a box of the layout holds. */
typedef enum vqr_print_box_kind {
    VQR_BOX_TEXT = 1, /**< a text */
    VQR_BOX_QR = 2    /**< the QR code with its quiet zone */
} vqr_print_box_kind;

/** Room for a field name in vqr_print_box ("item.63.amount" and its NUL, padded). */
#define VQR_PRINT_FIELD_MAX 24

/**
 * One box of a layout. Set `size` to sizeof(vqr_print_box) before the
 * call: the library fills what that size holds. Coordinates are points
 * from the page's top left corner.
 */
typedef struct vqr_print_box {
    size_t size;             /**< set by the caller: sizeof(vqr_print_box) */
    vqr_print_box_kind kind; /**< text or QR */
    /**
     * The field it shows ("payer", "holder", "item.2", "item.2.amount",
     * "total", "words", "qr"), or a label of the template ("label.total").
     */
    char field[VQR_PRINT_FIELD_MAX];
    double x, y, width, height; /**< the place the template gives it */
    /** The ink drawn: a text's glyphs; a QR code's quiet zone and modules. */
    double ink_x, ink_y, ink_width, ink_height;
    /** A text's lines as pango lays them out (its logical rectangle); the QR's as the ink. */
    double text_x, text_y, text_width, text_height;
    double font_size;    /**< the type size used, points (0 for the QR) */
    double nominal_size; /**< the template's size for it before shrinking */
    double min_size;     /**< the smallest size it may shrink to */
    int lines;           /**< lines of text (0 for the QR) */
    int max_lines;       /**< most lines the place allows (0: as many as fit) */
    double module;       /**< QR: side of one module, points (0 for text) */
    int modules;         /**< QR: modules a side, quiet zone included */
    /** The text as drawn (NFC), valid until the layout is freed; "" for the QR. */
    const char *text;
} vqr_print_box;

/**
 * Lays out template `t` with fields `f` for the output `opt` describes
 * (the QR code's modules are fitted to the output's pixels), without
 * drawing. Same checks and errors as vqr_print_render(). `*out` receives
 * a layout to inspect, to draw with vqr_print_doc_add_layout(), and to
 * release with vqr_print_layout_free(). Thread-safe: threads measure
 * pages at once, each with the calling thread's font map. @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_measure(vqr_template t, const vqr_print_fields *f,
                                           const vqr_print_options *opt, vqr_print_layout **out,
                                           vqr_error *err);

/** Boxes of the layout (0 for NULL). @since 0.2 */
VQR_PRINT_API size_t vqr_print_layout_count(const vqr_print_layout *l);

/**
 * Fills `out` with box `i` (0-based, in drawing order), as far as
 * `out->size` allows. VQR_ERR_NOT_FOUND past the end;
 * VQR_ERR_INVALID_ARGUMENT for NULL or an `out->size` under the size of
 * the fields up to `text_height`. @since 0.2
 */
VQR_PRINT_API vqr_status vqr_print_layout_box(const vqr_print_layout *l, size_t i,
                                              vqr_print_box *out, vqr_error *err);

/** The page's size in points (0 for NULL); either pointer may be NULL. @since 0.2 */
VQR_PRINT_API void vqr_print_layout_page(const vqr_print_layout *l, double *width, double *height);

/** Releases a layout. NULL is a no-op. @since 0.2 */
VQR_PRINT_API void vqr_print_layout_free(vqr_print_layout *l);

#ifdef __cplusplus
}
#endif

#endif /* VIETQR_PRINT_H */
