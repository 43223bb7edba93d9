/*
 * fuzz.h - shared by the fuzz targets: the libFuzzer entry point, a check
 * that aborts (so that libFuzzer and the replay driver both report it), and
 * a canonical description of a payload's tree built through the public API.
 */
#ifndef VQR_FUZZ_H
#define VQR_FUZZ_H

#include "vietqr.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                             \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                 \
        }                                                                            \
    } while (0)

/* Size of a buffer that always holds fuzz_tree_dump's output. */
#define FUZZ_DUMP_MAX 65536

/*
 * Writes a description of the tree of `p` into `out` (NUL-terminated): the
 * objects in ascending ID order at every level (63 left out), each as its
 * tag followed by "{" sub-objects "}" for a template read as sub-objects,
 * or by "=" and the value's length and bytes for anything else (a raw
 * template is marked "~"). Two payloads with equal dumps hold the same
 * objects. Aborts on a duplicate ID (the dump is for payloads without
 * errors). Returns the length.
 */
size_t fuzz_tree_dump(const vqr_payload *p, char *out, size_t cap);

/*
 * A copy of the `len` bytes of `in` in a heap block of exactly that size
 * (so that AddressSanitizer sees a read past the end), with the CRC made
 * right when `fix` is set and the copy ends with "6304" and four bytes:
 * random mutations almost never keep a CRC right, and a payload with a
 * wrong CRC never reaches the writer. `lower` writes the fixed CRC in
 * lower case. Free with free().
 */
char *fuzz_copy_input(const uint8_t *in, size_t len, bool fix, bool lower);

/* True when the last parse of `p` recorded a diagnostic with this code. */
int fuzz_has_diag(const vqr_payload *p, vqr_status code);

/* Offset of the first byte of `s` that is not part of a well-formed UTF-8
 * sequence (Unicode 15, Table 3-7), or `len`. */
size_t fuzz_utf8_bad(const char *s, size_t len);

/* True when a raw template (its value did not frame) holds a non-ASCII byte. */
bool fuzz_has_raw_non_ascii(const vqr_payload *p);

#endif /* VQR_FUZZ_H */
