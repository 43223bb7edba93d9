/*
 * fuzz_roundtrip.c - parse, write, parse again.
 *
 * Input: one flags byte (bit 0: parse leniently; bit 1: make the CRC right
 * first; bit 2: in lower case), then the payload. For a payload that
 * parses without error, checks the writer's contract
 * (lib/write.c):
 *
 *  - VQR_WRITE_KEEP_ORDER writes every unchanged object byte for byte as
 *    read, 00 first, then the rest in read order, then 6304 and a fresh
 *    upper-case CRC. Since a payload without error has 00 first, 63 last,
 *    no duplicate and a right CRC, the output is the input itself, except
 *    that a lower-case CRC (a warning in lenient mode only) comes out in
 *    upper case, and a byte order mark before it (a warning in lenient
 *    mode) is not written. Strict mode: exactly the input. Except for a
 *    payload read with lengths counted in bytes or UTF-16 code units
 *    (lenient mode, VQR_ERR_BYTE_LENGTHS, VQR_ERR_UTF16_LENGTHS): it is
 *    re-encoded with character lengths, in the same order, so that edited
 *    and unedited objects never mix the two units.
 *  - VQR_WRITE_CANONICAL re-encodes every object in ascending ID order. The
 *    output parses, in the same mode, without error and to the same tree
 *    (fuzz_tree_dump), and writing that again, in either order, gives the
 *    same bytes (the canonical form is a fixed point).
 *  - Both refuse only what the parser let through as a warning: a value of
 *    length 00 (VQR_ERR_ZERO_LENGTH, when it is re-encoded: canonical, or
 *    byte lengths) and more than 512 characters (VQR_ERR_PAYLOAD_TOO_LONG).
 *  - One limit: the bytes of a raw template (one that did not frame) are
 *    kept as they are; in a payload read with byte lengths, if they hold
 *    non-ASCII, read again with character lengths they may frame (or
 *    frame differently), so the trees are not compared then.
 */
#include "fuzz.h"

#include <string.h>

static char upper(char c)
{
    return c >= 'a' && c <= 'f' ? (char)(c - 'a' + 'A') : c;
}

/* Re-parses what a writer wrote: no error, and the same objects. When
 * `opaque` (see facts), only that it frames with the right CRC. */
static void check_same_tree(const vqr_payload *p, const char *out, size_t olen, unsigned flags,
                            bool opaque)
{
    vqr_payload q;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_payload_parse(&q, out, olen, flags, &err);
    if (opaque) {
        FUZZ_CHECK(vqr_payload_crc(&q, NULL, NULL));
        size_t n = vqr_payload_diag_count(&q);
        for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
            FUZZ_CHECK(vqr_payload_diag(&q, i, &err, NULL) == VQR_OK);
            FUZZ_CHECK(err.severity == VQR_SEVERITY_WARNING || strchr(err.tag, '.') != NULL);
        }
        return;
    }
    if (st != VQR_OK)
        fprintf(stderr, "output %.*s fails: %s at %zu (%s)\n", (int)olen, out, err.name, err.offset,
                err.tag);
    FUZZ_CHECK(st == VQR_OK);
    FUZZ_CHECK(!fuzz_has_diag(&q, VQR_ERR_BYTE_LENGTHS));
    static char da[FUZZ_DUMP_MAX], db[FUZZ_DUMP_MAX];
    size_t la = fuzz_tree_dump(p, da, sizeof da);
    size_t lb = fuzz_tree_dump(&q, db, sizeof db);
    if (la != lb || memcmp(da, db, la) != 0)
        fprintf(stderr, "tree before: %s\ntree after:  %s\n", da, db);
    FUZZ_CHECK(la == lb && memcmp(da, db, la) == 0);

    /* The canonical form is a fixed point, in either order. */
    char again[VQR_PAYLOAD_BUF_SIZE], canon[VQR_PAYLOAD_BUF_SIZE];
    size_t alen = 0, clen = 0;
    FUZZ_CHECK(vqr_payload_write(&q, VQR_WRITE_CANONICAL, canon, sizeof canon, &clen, NULL) ==
               VQR_OK);
    vqr_payload r;
    FUZZ_CHECK(vqr_payload_parse(&r, canon, clen, flags, NULL) == VQR_OK);
    FUZZ_CHECK(vqr_payload_write(&r, VQR_WRITE_CANONICAL, again, sizeof again, &alen, NULL) ==
               VQR_OK);
    FUZZ_CHECK(alen == clen && memcmp(again, canon, clen) == 0);
    FUZZ_CHECK(vqr_payload_write(&r, VQR_WRITE_KEEP_ORDER, again, sizeof again, &alen, NULL) ==
               VQR_OK);
    FUZZ_CHECK(alen == clen && memcmp(again, canon, clen) == 0);
}

typedef struct facts {
    bool zero_length; /* a value of length 00 (lenient) */
    bool too_long;    /* over 512 characters (lenient) */
    bool bytes;       /* lengths counted in bytes or UTF-16 units (lenient) */
    bool opaque;      /* read with byte lengths, and a raw template holds
                       * non-ASCII: re-read with character lengths, its bytes
                       * may frame differently (they are kept as they are) */
} facts;

static void check_keep_order(const vqr_payload *p, const char *in, size_t len, unsigned flags,
                             const facts *f)
{
    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t olen = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_payload_write(p, VQR_WRITE_KEEP_ORDER, out, sizeof out, &olen, &err);
    FUZZ_CHECK(err.code == st);
    if (f->too_long || (f->bytes && f->zero_length)) {
        /* Lengths in bytes are re-encoded, and 00 is refused. */
        FUZZ_CHECK((f->too_long && st == VQR_ERR_PAYLOAD_TOO_LONG) ||
                   (f->bytes && f->zero_length && st == VQR_ERR_ZERO_LENGTH));
        return;
    }
    FUZZ_CHECK(st == VQR_OK);
    FUZZ_CHECK(out[olen] == '\0'); /* values may hold NUL in lenient mode */
    if (f->bytes) {
        /* Same order and size: only length digits change (to characters). */
        FUZZ_CHECK(olen == len);
        check_same_tree(p, out, olen, flags, f->opaque);
        return;
    }
    FUZZ_CHECK(olen == len);
    FUZZ_CHECK(memcmp(out, in, len - 4) == 0);
    for (size_t i = len - 4; i < len; i++)
        FUZZ_CHECK(out[i] == upper(in[i]));
    if (flags != VQR_PARSE_LENIENT)
        FUZZ_CHECK(memcmp(out, in, len) == 0);

    /* Too small a buffer: the size needed, nothing written. */
    char small[8] = "xxxxxxx";
    size_t need = 0;
    st = vqr_payload_write(p, VQR_WRITE_KEEP_ORDER, small, sizeof small, &need, &err);
    FUZZ_CHECK(st == VQR_ERR_BUFFER_TOO_SMALL && need == olen && err.limit == olen + 1);
    FUZZ_CHECK(memcmp(small, "xxxxxxx", 8) == 0);
}

static void check_canonical(const vqr_payload *p, unsigned flags, const facts *f)
{
    char out[VQR_PAYLOAD_BUF_SIZE];
    size_t olen = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_payload_write(p, VQR_WRITE_CANONICAL, out, sizeof out, &olen, &err);
    FUZZ_CHECK(err.code == st);
    if (f->zero_length || f->too_long) {
        FUZZ_CHECK((f->zero_length && st == VQR_ERR_ZERO_LENGTH) ||
                   (f->too_long && st == VQR_ERR_PAYLOAD_TOO_LONG));
        return;
    }
    FUZZ_CHECK(st == VQR_OK);
    FUZZ_CHECK(out[olen] == '\0'); /* values may hold NUL in lenient mode */
    check_same_tree(p, out, olen, flags, f->opaque);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0] & (unsigned)VQR_PARSE_LENIENT;
    size_t len = size - 1;
    char *in = fuzz_copy_input(data + 1, len, data[0] & 2u, data[0] & 4u);

    vqr_payload p;
    /* Diagnostics past VQR_DIAG_MAX are counted but not kept. */
    if (vqr_payload_parse(&p, in, len, flags, NULL) == VQR_OK &&
        vqr_payload_diag_count(&p) <= VQR_DIAG_MAX) {
        FUZZ_CHECK(len >= 8);
        facts f;
        f.zero_length = fuzz_has_diag(&p, VQR_ERR_ZERO_LENGTH);
        f.too_long = fuzz_has_diag(&p, VQR_ERR_PAYLOAD_TOO_LONG);
        f.bytes =
            fuzz_has_diag(&p, VQR_ERR_BYTE_LENGTHS) || fuzz_has_diag(&p, VQR_ERR_UTF16_LENGTHS);
        f.opaque = f.bytes && fuzz_has_raw_non_ascii(&p);
        /* A byte order mark (lenient) is not part of the payload written. */
        size_t skip = fuzz_has_diag(&p, VQR_ERR_BOM) ? 3 : 0;
        FUZZ_CHECK(flags == VQR_PARSE_LENIENT ||
                   (!f.zero_length && !f.too_long && !f.bytes && !skip));
        FUZZ_CHECK(len >= 8 + skip);
        check_keep_order(&p, in + skip, len - skip, flags, &f);
        check_canonical(&p, flags, &f);
    }
    free(in);
    return 0;
}
