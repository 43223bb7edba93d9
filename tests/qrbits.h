/*
 * qrbits.h - a small, independent reader of a QR code's data bit stream,
 * for tests: it finds the function patterns, reads the format, unmasks,
 * de-interleaves the blocks and lists the segments (mode, ECI designator,
 * count) with the bytes they carry. It does no error correction: the
 * matrices it reads come straight from an encoder.
 */
#ifndef QRBITS_H
#define QRBITS_H

#include <stdbool.h>
#include <stddef.h>

enum {
    QRBITS_MODE_NUMERIC = 1,
    QRBITS_MODE_ALNUM = 2,
    QRBITS_MODE_BYTE = 4,
    QRBITS_MODE_ECI = 7,
    QRBITS_MODE_KANJI = 8
};

#define QRBITS_MAX_SEGMENTS 16

typedef struct qrbits_segment {
    int mode;     /* QRBITS_MODE_* */
    unsigned eci; /* the designator, for an ECI segment */
    size_t count; /* characters (bytes for Byte mode) */
} qrbits_segment;

typedef struct qrbits_result {
    int version;
    int ecc; /* 1 L, 2 M, 3 Q, 4 H (as vqr_ecc) */
    int mask;
    bool format_agree; /* both format copies read the same, BCH checks out */
    size_t nseg;
    qrbits_segment seg[QRBITS_MAX_SEGMENTS];
    bool terminated; /* a 0000 terminator (or the end of capacity) */
    bool padding_ok; /* the bytes after it are 0xEC 0x11 ... */
    size_t data_codewords;
    unsigned char data[4096]; /* bytes of all segments, concatenated */
    size_t data_len;
} qrbits_result;

/* Reads the matrix (w * w bytes, 1 = dark). Returns 0 or a negative
 * number telling what failed. */
int qrbits_read(const unsigned char *m, int w, qrbits_result *r);

/* Data codewords of a version at a level (1-4 as vqr_ecc). */
size_t qrbits_data_codewords(int version, int ecc);
/* Modules left for data and ECC once function patterns are placed,
 * counted from the pattern layout this reader uses. */
size_t qrbits_free_modules(int version);
/* The same from the closed formula of the QR standard's layout. */
size_t qrbits_raw_modules_formula(int version);
/* Bits of the character count of a Byte segment at a version. */
int qrbits_byte_count_bits(int version);

#endif
