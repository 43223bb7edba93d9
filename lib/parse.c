/*
 * parse.c - reading a payload into a vqr_payload.
 *
 * Contract: no global state, no I/O, no heap, no recursion, bounded stack;
 * time linear in the input; thread-safe as long as two threads do not parse
 * into the same vqr_payload. The input is copied into the payload's arena,
 * every object becomes a 16-byte node that points into it.
 *
 * Order of work: size and UTF-8 checks, a leading byte order mark, data
 * after the CRC, the root TLV walk, the walks of each template's value,
 * 38.01 when 38 carries the NAPAS GUID, the CRC, then the rules of the
 * profile (validate.c). When the lengths do not frame the payload as
 * characters, the walk is tried again with lengths in UTF-16 code units
 * (and, in lenient mode, in bytes), as some generators count them.
 */
#include "amount.h"
#include "internal.h"

#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* What the lengths of a reading count. */
typedef enum unit {
    UNIT_CHARS = 0, /* code points, as EMVCo says */
    UNIT_BYTES,     /* UTF-8 bytes */
    UNIT_UTF16      /* UTF-16 code units (JavaScript's length) */
} unit;

typedef struct walker {
    vqr_payload_impl *p;
    bool lenient;
    unit unit;
} walker;

static vqr_severity sev_of(const walker *w)
{
    return w->lenient ? VQR_SEVERITY_WARNING : VQR_SEVERITY_ERROR;
}

/* Bytes of a value of `ll` length units from s[vstart], not past `end`;
 * SIZE_MAX when they run past it (or split a character). */
static size_t value_bytes(const walker *w, const unsigned char *s, size_t vstart, size_t end,
                          unsigned ll)
{
    if (w->p->ascii || w->unit == UNIT_BYTES)
        return ll <= end - vstart ? ll : SIZE_MAX;
    if (w->unit == UNIT_UTF16)
        return vqr_utf16_advance(s + vstart, end - vstart, ll);
    return vqr_utf8_advance(s + vstart, end - vstart, ll);
}

/*
 * Reads the objects in arena[start, end) as children of `parent` (VQR_NIL
 * for the root). Returns VQR_OK or the framing error that stopped it, with
 * its byte offset in *where. Zero lengths and duplicate IDs are recorded
 * as diagnostics without stopping.
 */
static vqr_status walk_level(walker *w, uint16_t parent, size_t start, size_t end, unsigned depth,
                             size_t *where)
{
    vqr_payload_impl *p = w->p;
    const unsigned char *s = (const unsigned char *)p->arena;
    uint64_t seen[2] = { 0, 0 };
    size_t pos = start;

    while (pos < end) {
        size_t left = end - pos;
        *where = pos;
        if (left < 2)
            return VQR_ERR_TRUNCATED;
        if (!vqr_isdigit(s[pos]) || !vqr_isdigit(s[pos + 1]))
            return VQR_ERR_BAD_ID;
        if (left < 4)
            return VQR_ERR_TRUNCATED;
        if (!vqr_isdigit(s[pos + 2]) || !vqr_isdigit(s[pos + 3]))
            return VQR_ERR_BAD_LENGTH;
        unsigned id = (unsigned)(s[pos] - '0') * 10u + (unsigned)(s[pos + 1] - '0');
        unsigned ll = (unsigned)(s[pos + 2] - '0') * 10u + (unsigned)(s[pos + 3] - '0');
        size_t vstart = pos + 4;
        size_t vbytes = VQR_LIKELY(p->ascii) ? (ll <= end - vstart ? ll : SIZE_MAX)
                                             : value_bytes(w, s, vstart, end, ll);
        if (vbytes == SIZE_MAX)
            return VQR_ERR_TRUNCATED;
        if (p->count >= VQR_NODES_MAX)
            return VQR_ERR_TOO_MANY_OBJECTS;

        uint16_t n = vqr_node_new(p, parent, id);
        vqr_node *node = &p->node[n];
        node->depth = (uint8_t)depth;
        node->flags = VQR_NODE_PARSED;
        node->hdr = (uint16_t)pos;
        node->val = (uint16_t)vstart;
        node->vlen = (uint16_t)vbytes;
        node->chars = (uint8_t)(p->ascii ? vbytes : vqr_utf8_count(s + vstart, vbytes));

        uint64_t bit = UINT64_C(1) << (id & 63u);
        uint64_t *word = &seen[id >> 6];
        if (*word & bit) {
            uint16_t first = vqr_find_child(p, parent, id);
            vqr_diag_add(p, VQR_ERR_DUPLICATE_ID, VQR_SEVERITY_ERROR, n, pos, p->node[first].hdr,
                         0);
        } else {
            *word |= bit;
            if (parent == VQR_NIL)
                p->root_by_id[id] = n;
        }
        if (ll == 0)
            vqr_diag_add(p, VQR_ERR_ZERO_LENGTH, sev_of(w), n, pos, SIZE_MAX, 0);
        pos = vstart + vbytes;
    }
    return VQR_OK;
}

/* Reads the value of template node `t` as sub-objects. On a framing error
 * the sub-objects and their diagnostics are dropped and the value is kept
 * raw; the caller is told where it broke. */
static vqr_status walk_template(walker *w, uint16_t t, size_t *where)
{
    vqr_payload_impl *p = w->p;
    uint16_t count = p->count, ndiag = p->ndiag, nerr = p->nerr, nwarn = p->nwarn;
    vqr_node *node = &p->node[t];
    vqr_status st = walk_level(w, t, node->val, (size_t)node->val + node->vlen,
                               (unsigned)node->depth + 1u, where);
    node = &p->node[t];
    if (st == VQR_OK) {
        node->flags |= VQR_NODE_TEMPLATE;
        return VQR_OK;
    }
    p->count = count;
    p->ndiag = ndiag;
    p->nerr = nerr;
    p->nwarn = nwarn;
    node->child = node->last = VQR_NIL;
    node->flags |= VQR_NODE_RAW;
    return st;
}

bool vqr_is_napas(const vqr_payload_impl *p, uint16_t t)
{
    if (t == VQR_NIL)
        return false;
    uint16_t g = vqr_find_child(p, t, 0);
    return g != VQR_NIL && vqr_is_napas_guid(p->arena + p->node[g].val, p->node[g].vlen);
}

/* Walks the templates below the root and, for NAPAS 38, its 38.01. */
static void walk_templates(walker *w)
{
    vqr_payload_impl *p = w->p;
    uint16_t root_count = p->count;
    for (uint16_t n = 0; n < root_count; n++) {
        if (p->node[n].parent != VQR_NIL)
            continue;
        unsigned id = p->node[n].id;
        const vqr_field *f = vqr_root_rule(id);
        if (f->kind != VQR_KIND_TEMPLATE && f->kind != VQR_KIND_UNRESERVED)
            continue;
        size_t where = 0;
        vqr_status st = walk_template(w, n, &where);
        if (st != VQR_OK) {
            if (f->kind == VQR_KIND_UNRESERVED)
                vqr_diag_add(p, VQR_ERR_NOT_TEMPLATE, sev_of(w), n, p->node[n].hdr, SIZE_MAX, 0);
            else
                vqr_diag_add(p, VQR_ERR_TEMPLATE_MALFORMED, sev_of(w), n, where, SIZE_MAX, 0);
            continue;
        }
        /* Second level: 62.50-99 payment-system templates, 38.01 of NAPAS. */
        bool napas = id == 38 && vqr_is_napas(p, n);
        for (uint16_t c = p->node[n].child; c != VQR_NIL; c = p->node[c].next) {
            unsigned cid = p->node[c].id;
            bool paysys = id == 62 && cid >= 50;
            if (!paysys && !(napas && cid == 1))
                continue;
            st = walk_template(w, c, &where);
            if (st == VQR_OK)
                continue;
            if (paysys)
                vqr_diag_add(p, VQR_ERR_NOT_TEMPLATE, sev_of(w), c, p->node[c].hdr, SIZE_MAX, 0);
            else
                vqr_diag_add(p, VQR_ERR_TEMPLATE_MALFORMED, sev_of(w), c, where, SIZE_MAX, 0);
        }
    }
}

static void record_crc(vqr_payload_impl *p)
{
    size_t len = p->input_len, start = p->start;
    const unsigned char *s = (const unsigned char *)p->arena;
    p->crc_given[0] = p->crc_computed[0] = '\0';
    p->crc_state = 0;
    if (len - start < 8 || memcmp(s + len - 8, "6304", 4) != 0)
        return;
    /* Anything but printable ASCII reads as '?', so that the string always
     * holds four characters (a NUL would make it read as "no CRC"). */
    for (int i = 0; i < 4; i++) {
        unsigned char c = s[len - 4 + (size_t)i];
        p->crc_given[i] = (char)(c >= 0x20 && c <= 0x7E ? c : '?');
    }
    p->crc_given[4] = '\0';
    vqr_crc_hex(vqr_crc16_fast(s + start, len - 4 - start), p->crc_computed);
    p->crc_state = 1;
}

static bool crc_matches(const vqr_payload_impl *p)
{
    for (int i = 0; i < 4; i++) {
        char g = p->crc_given[i];
        if (g >= 'a' && g <= 'f')
            g = (char)(g - 'a' + 'A');
        if (g != p->crc_computed[i])
            return false;
    }
    return true;
}

/* Checks that 63 is last, four hex digits, upper case, and right. */
static void check_crc(walker *w)
{
    vqr_payload_impl *p = w->p;
    uint16_t last = p->last;
    uint16_t crc = p->root_by_id[63];
    if (last == VQR_NIL || p->node[last].id != 63) {
        if (crc != VQR_NIL)
            vqr_diag_add(p, VQR_ERR_CRC_NOT_LAST, VQR_SEVERITY_ERROR, crc, p->node[crc].hdr,
                         SIZE_MAX, 0);
        else
            vqr_diag_add_path(p, VQR_ERR_CRC_MISSING, VQR_SEVERITY_ERROR, NULL, 0, p->input_len,
                              SIZE_MAX, 0);
        return;
    }
    const vqr_node *n = &p->node[last];
    const unsigned char *v = (const unsigned char *)p->arena + n->val;
    if (n->vlen != 4 || !vqr_ishex(v[0]) || !vqr_ishex(v[1]) || !vqr_ishex(v[2]) ||
        !vqr_ishex(v[3])) {
        vqr_diag_add(p, VQR_ERR_CRC_FORMAT, VQR_SEVERITY_ERROR, last, n->hdr, SIZE_MAX, 4);
        return;
    }
    if (!crc_matches(p)) {
        vqr_diag_add(p, VQR_ERR_CRC_MISMATCH, VQR_SEVERITY_ERROR, last, n->hdr, SIZE_MAX, 0);
        return;
    }
    for (int i = 0; i < 4; i++) {
        if (v[i] >= 'a' && v[i] <= 'f') {
            vqr_diag_add(p, VQR_ERR_CRC_LOWERCASE, sev_of(w), last, n->hdr, SIZE_MAX, 0);
            break;
        }
    }
}

/* After a framing error the tree is incomplete; the trailer still tells
 * whether a CRC is there and right. */
static void check_trailer(vqr_payload_impl *p)
{
    if (p->crc_state == 0)
        vqr_diag_add_path(p, VQR_ERR_CRC_MISSING, VQR_SEVERITY_ERROR, NULL, 0, p->input_len,
                          SIZE_MAX, 0);
    else if (!crc_matches(p))
        vqr_diag_add_path(p, VQR_ERR_CRC_MISMATCH, VQR_SEVERITY_ERROR, NULL, 0, p->input_len - 8,
                          SIZE_MAX, 0);
}

/* One full structural pass. Returns true when the root walk completed. */
static bool run_walk(walker *w)
{
    vqr_payload_impl *p = w->p;
    size_t where = 0;
    vqr_status st = walk_level(w, VQR_NIL, p->start, p->input_len, 0, &where);
    if (st != VQR_OK) {
        /* Name the object when its ID could be read. */
        const unsigned char *s = (const unsigned char *)p->arena + where;
        uint8_t id = 0;
        unsigned depth = 0;
        if (st != VQR_ERR_BAD_ID && where + 2 <= p->input_len && vqr_isdigit(s[0]) &&
            vqr_isdigit(s[1])) {
            id = (uint8_t)((s[0] - '0') * 10 + (s[1] - '0'));
            depth = 1;
        }
        vqr_diag_add_path(p, st, VQR_SEVERITY_ERROR, &id, depth, where, SIZE_MAX, 0);
        check_trailer(p);
        return false;
    }
    if (p->first != VQR_NIL && p->node[p->first].id != 0)
        vqr_diag_add(p, VQR_ERR_PFI_NOT_FIRST, VQR_SEVERITY_ERROR, p->first, p->start, SIZE_MAX, 0);
    walk_templates(w);
    check_crc(w);
    return true;
}

/* Whether the four hexadecimal digits at s[at] are the CRC of s[start, at). */
static bool crc_of(const unsigned char *s, size_t start, size_t at)
{
    char want[5];
    vqr_crc_hex(vqr_crc16_fast(s + start, at - start), want);
    for (int i = 0; i < 4; i++) {
        unsigned char c = s[at + (size_t)i];
        if (c >= 'a' && c <= 'f')
            c = (unsigned char)(c - 'a' + 'A');
        if (c != (unsigned char)want[i])
            return false;
    }
    return true;
}

/*
 * Where the payload proper ends when something follows a CRC object (63,
 * length 04, four hexadecimal digits) at the root: either what follows
 * does not read as objects (a line break, spaces, garbage), or the CRC is
 * that of everything before it (a complete payload, then more: a second
 * payload, say). Returns the offset of the first byte after the CRC, or
 * SIZE_MAX. Reads the valid UTF-8 in arena[start, valid); `len` is the
 * whole input (valid < len when a malformed byte stopped the UTF-8 check).
 */
static size_t payload_end(const walker *w, size_t start, size_t valid, size_t len)
{
    const unsigned char *s = (const unsigned char *)w->p->arena;
    size_t pos = start;
    bool after_crc = false;
    while (pos < valid) {
        if (valid - pos < 4 || !vqr_isdigit(s[pos]) || !vqr_isdigit(s[pos + 1]) ||
            !vqr_isdigit(s[pos + 2]) || !vqr_isdigit(s[pos + 3]))
            break;
        unsigned ll = (unsigned)(s[pos + 2] - '0') * 10u + (unsigned)(s[pos + 3] - '0');
        size_t vbytes = value_bytes(w, s, pos + 4, valid, ll);
        if (vbytes == SIZE_MAX)
            break;
        after_crc = s[pos] == '6' && s[pos + 1] == '3' && ll == 4 && vbytes == 4 &&
                    vqr_ishex(s[pos + 4]) && vqr_ishex(s[pos + 5]) && vqr_ishex(s[pos + 6]) &&
                    vqr_ishex(s[pos + 7]);
        pos += 4 + vbytes;
        if (after_crc && pos < len && crc_of(s, start, pos - 4))
            return pos;
    }
    return after_crc && pos < len ? pos : SIZE_MAX;
}

static bool all_ascii(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= 0x80)
            return false;
    return true;
}

/* Whether UTF-8 text holds a character outside the BMP (4 bytes in UTF-8,
 * 2 code units in UTF-16). */
static bool has_astral(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= 0xF0)
            return true;
    return false;
}

/* Errors recorded so far (the walk adds to them). */
static unsigned error_count(const vqr_payload_impl *p)
{
    return p->nerr;
}

/*
 * One reading of the `len` input bytes (valid UTF-8 up to `valid`, all
 * ASCII up to there when `ascii`) with lengths in `u`: a leading byte
 * order mark (skipped: an error, or a warning in lenient mode), with
 * `find_end` data after the CRC (an error; the payload is read up to it),
 * malformed UTF-8 (an error that stops the reading), the CRC, then the
 * objects. Returns true when the root walk completed; *errors receives the
 * number of errors the walk itself found.
 */
static bool read_as(walker *w, size_t len, size_t valid, bool ascii, unit u, bool find_end,
                    unsigned *errors)
{
    vqr_payload_impl *p = w->p;
    const unsigned char *s = (const unsigned char *)p->arena;
    vqr_reset(p);
    p->input_len = p->arena_len = (uint16_t)len;
    w->unit = u;
    *errors = 0;
    if (valid >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        p->start = 3;
        vqr_diag_add_path(p, VQR_ERR_BOM, sev_of(w), NULL, 0, 0, SIZE_MAX, 0);
    }
    p->ascii = ascii;
    size_t end = find_end ? payload_end(w, p->start, valid, len) : SIZE_MAX;
    if (end != SIZE_MAX) {
        vqr_diag_add_path(p, VQR_ERR_TRAILING_DATA, VQR_SEVERITY_ERROR, NULL, 0, end, SIZE_MAX,
                          len - end);
        p->input_len = (uint16_t)end;
        p->ascii = all_ascii(s, end);
    } else if (valid != len) {
        vqr_diag_add_path(p, VQR_ERR_UTF8, VQR_SEVERITY_ERROR, NULL, 0, valid, SIZE_MAX, 0);
        return false;
    }
    record_crc(p);
    unsigned before = error_count(p);
    bool framed = run_walk(w);
    *errors = error_count(p) - before;
    return framed;
}

/* The first value (not a template) that holds a character outside the
 * BMP, in input order; VQR_NIL when none. */
static uint16_t first_astral_value(const vqr_payload_impl *p)
{
    uint16_t best = VQR_NIL;
    for (uint16_t n = 0; n < p->count; n++) {
        const vqr_node *node = &p->node[n];
        if (node->child != VQR_NIL || (node->flags & VQR_NODE_TEMPLATE))
            continue;
        if (has_astral((const unsigned char *)p->arena + node->val, node->vlen) &&
            (best == VQR_NIL || node->hdr < p->node[best].hdr))
            best = n;
    }
    return best;
}

/*
 * Lengths that are not characters. Some generators count UTF-16 code units
 * (JavaScript's length: 2 for an emoji), some UTF-8 bytes. A reading with
 * UTF-16 lengths is taken in every mode when the whole payload then frames
 * and its CRC is right (VQR_ERR_UTF16_LENGTHS: an error, a warning in
 * lenient mode); one with byte lengths only in lenient mode
 * (VQR_ERR_BYTE_LENGTHS, a warning). Returns true when one was taken;
 * otherwise the character reading and its diagnostics are back.
 */
static bool read_other_lengths(walker *w, size_t len, size_t valid, bool ascii)
{
    vqr_payload_impl *p = w->p;
    unsigned errors;
    if (has_astral((const unsigned char *)p->arena, valid) &&
        read_as(w, len, valid, ascii, UNIT_UTF16, true, &errors) && errors == 0) {
        p->byte_lengths = 1;
        uint16_t n = first_astral_value(p);
        vqr_diag_add(p, VQR_ERR_UTF16_LENGTHS, sev_of(w), n, n == VQR_NIL ? 0 : p->node[n].hdr,
                     SIZE_MAX, 0);
        return true;
    }
    if (w->lenient && read_as(w, len, valid, ascii, UNIT_BYTES, true, &errors) && errors == 0) {
        p->byte_lengths = 1;
        vqr_diag_add_path(p, VQR_ERR_BYTE_LENGTHS, VQR_SEVERITY_WARNING, NULL, 0, 0, SIZE_MAX, 0);
        return true;
    }
    read_as(w, len, valid, ascii, UNIT_CHARS, true, &errors);
    return false;
}

/* The profile a parse validates with: the one the flags name, or for the
 * default the VietQR profile when the framed payload carries a NAPAS 38
 * template. */
static vqr_profile choose_profile(const vqr_payload_impl *p, unsigned flags)
{
    if (flags & VQR_PARSE_LENIENT)
        return VQR_PROFILE_LENIENT;
    if (flags & VQR_PARSE_EMVCO)
        return VQR_PROFILE_EMVCO;
    if (flags & VQR_PARSE_VIETQR)
        return VQR_PROFILE_VIETQR;
    uint16_t t = p->root_by_id[38];
    if (t != VQR_NIL && (p->node[t].flags & VQR_NODE_TEMPLATE) && vqr_is_napas(p, t))
        return VQR_PROFILE_VIETQR;
    return VQR_PROFILE_EMVCO;
}

/* ---- the common case in one pass ---------------------------------------
 *
 * Nearly every payload read is a plain NAPAS 247 VietQR: printable ASCII,
 * the objects a bank app writes (00, 01, 38 with 38.01, 52-54, 58-62, 63),
 * every rule met. For those, with the default profile, fast_vietqr()
 * frames the payload and checks it in one pass, building exactly the
 * nodes the general path builds (same order, links, offsets and flags)
 * and the CRC strings it records. It gives up at the first thing it does
 * not expect, never reports anything, and leaves the payload to the
 * general path, which starts over and finds the diagnostics. So it can
 * only say "valid" where the general path finds no diagnostic at all
 * (tests/test_parse_fast.c compares the two on every corpus payload and
 * on mutations of them).
 */

/* Root IDs the fast path reads: 00, 01, 38, 52, 53, 54, 58, 59, 60, 61,
 * 62, 63 (all below 64: one word of bits). */
static const uint64_t k_fast_root =
    (UINT64_C(1) << 0) | (UINT64_C(1) << 1) | (UINT64_C(1) << 38) | (UINT64_C(1) << 52) |
    (UINT64_C(1) << 53) | (UINT64_C(1) << 54) | (UINT64_C(1) << 58) | (UINT64_C(1) << 59) |
    (UINT64_C(1) << 60) | (UINT64_C(1) << 61) | (UINT64_C(1) << 62) | (UINT64_C(1) << 63);

/* Copies src to dst (len bytes); true when every byte is 0x20-0x7E.
 * One pass for the copy and the check: 16 bytes a step (SSE2: c + 1 is
 * at least 0x21 as a signed byte only for a printable c), or 8 (a byte is
 * out of range when c, c - 0x20 or c + 1 has its top bit; a borrow or
 * carry into the next byte only comes from a byte already out of range);
 * the last step over the last 16 (or 8) bytes, overlapping. */
static bool copy_printable(char *dst, const char *src, size_t len)
{
#ifdef __SSE2__
    if (len >= 16) {
        const __m128i one = _mm_set1_epi8(1), low = _mm_set1_epi8(0x21);
        __m128i bad = _mm_setzero_si128(), v;
        for (size_t i = 0; i + 16 < len; i += 16) {
            v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
            _mm_storeu_si128((__m128i *)(void *)(dst + i), v);
            bad = _mm_or_si128(bad, _mm_cmplt_epi8(_mm_add_epi8(v, one), low));
        }
        v = _mm_loadu_si128((const __m128i *)(const void *)(src + len - 16));
        _mm_storeu_si128((__m128i *)(void *)(dst + len - 16), v);
        bad = _mm_or_si128(bad, _mm_cmplt_epi8(_mm_add_epi8(v, one), low));
        return _mm_movemask_epi8(bad) == 0;
    }
#endif
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t bad = 0, w;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&w, src + i, 8);
            memcpy(dst + i, &w, 8);
            bad |= w | (w - ones * 0x20) | (w + ones);
        }
        memcpy(&w, src + len - 8, 8);
        memcpy(dst + len - 8, &w, 8);
        bad |= w | (w - ones * 0x20) | (w + ones);
        return !(bad & high);
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        dst[i] = (char)c;
        if (c < 0x20 || c > 0x7E)
            bad |= high;
    }
    return !(bad & high);
}

/* A node's 20 bytes as three stores (little-endian byte order: the
 * layout of vqr_node read as two 64-bit words and a 32-bit one). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FAST_NODE_WORDS 1
typedef char fast_check_node[sizeof(vqr_node) == 20 && offsetof(vqr_node, parent) == 4 &&
                                     offsetof(vqr_node, next) == 8 &&
                                     offsetof(vqr_node, hdr) == 12 && offsetof(vqr_node, vlen) == 16
                                 ? 1
                                 : -1];
#endif

/* Frames arena[start, end) as the children of `parent` at `depth`, as
 * walk_level() does, when each ID is below 64 and in `allowed`, appears
 * once and has a value of at least one character. Each node is written
 * whole, as vqr_node_new() and walk_level() together leave it: the nodes
 * of one level are made one after the other, so each links to the next
 * number and the last to none. by_id[id] receives the node of each ID
 * (the root index for the root). */
/* Each ID at most once and below 64: a level has at most 64 nodes, and
 * fast_vietqr() reads four levels (root, 38, 38.01, 62), so the nodes
 * never run out on this path. */
typedef char fast_check_nodes[VQR_NODES_MAX >= 4 * 64 ? 1 : -1];

static bool fast_level(vqr_payload_impl *p, uint16_t parent, size_t start, size_t end,
                       unsigned depth, uint64_t allowed, uint16_t *by_id)
{
    const unsigned char *s = (const unsigned char *)p->arena;
    uint64_t left = allowed; /* the IDs allowed and not seen yet */
    uint16_t first = p->count, n = first;
    vqr_node *node = &p->node[n];
    size_t pos = start;
#ifdef FAST_NODE_WORDS
    /* flags, depth, parent and child of every node of the level; last. */
    const uint64_t w0 = (uint64_t)VQR_NODE_PARSED << 8 | (uint64_t)(depth & 0xFFu) << 24 |
                        (uint64_t)parent << 32 | (uint64_t)VQR_NIL << 48;
    const uint64_t w1 = (uint64_t)VQR_NIL << 16;
#endif
    while (pos < end) {
        if (end - pos < 5)
            return false;
        /* Four digits at once (the bytes are printable ASCII): a byte is a
         * digit when c - '0' does not borrow and c + 0x46 does not reach
         * bit 7. */
        uint32_t w;
        memcpy(&w, s + pos, 4);
        if (((w - UINT32_C(0x30303030)) | (w + UINT32_C(0x46464646))) & UINT32_C(0x80808080))
            return false;
        unsigned id = (unsigned)(s[pos] - '0') * 10u + (unsigned)(s[pos + 1] - '0');
        /* The next object's offset, pos + 4 + ll, in as few steps after
         * the loads as can be: it is what the loop waits for. */
        size_t raw = (size_t)s[pos + 2] * 10u + s[pos + 3]; /* ll + 528 */
        unsigned ll = (unsigned)raw - 528u;
        size_t next = pos + raw - 524u;
        uint64_t bit = UINT64_C(1) << (id & 63u);
        if (id >= 64 || ll == 0 || next > end || !(left & bit))
            return false;
        left ^= bit;
#ifdef FAST_NODE_WORDS
        uint64_t a = w0 | id | (uint64_t)ll << 16;
        uint64_t b = w1 | (uint64_t)(n + 1u) | (uint64_t)pos << 32 | (uint64_t)(pos + 4) << 48;
        uint32_t c = ll;
        memcpy(node, &a, 8);
        memcpy((char *)node + 8, &b, 8);
        memcpy((char *)node + 16, &c, 4);
#else
        node->id = (uint8_t)id;
        node->flags = VQR_NODE_PARSED;
        node->chars = (uint8_t)ll;
        node->depth = (uint8_t)depth;
        node->parent = parent;
        node->child = node->last = VQR_NIL;
        node->next = (uint16_t)(n + 1u);
        node->hdr = (uint16_t)pos;
        node->val = (uint16_t)(pos + 4);
        node->vlen = (uint16_t)ll;
        node->pad_ = 0;
#endif
        node++;
        by_id[id] = n++;
        pos = next;
    }
    p->count = n;
    uint16_t last = VQR_NIL;
    if (n != first) {
        last = (uint16_t)(n - 1u);
        p->node[last].next = VQR_NIL;
    } else {
        first = VQR_NIL;
    }
    if (parent == VQR_NIL) {
        p->first = first;
        p->last = last;
    } else {
        p->node[parent].child = first;
        p->node[parent].last = last;
    }
    return true;
}

/* The sub-objects of template node t (IDs 0-9, in `allowed`), by ID in
 * kid[]; marks it a template. */
static bool fast_template(vqr_payload_impl *p, uint16_t t, uint64_t allowed, uint16_t kid[10])
{
    for (int i = 0; i < 10; i++)
        kid[i] = VQR_NIL;
    vqr_node *node = &p->node[t];
    size_t start = node->val, end = start + node->vlen;
    if (!fast_level(p, t, start, end, (unsigned)node->depth + 1u, allowed, kid))
        return false;
    p->node[t].flags |= VQR_NODE_TEMPLATE;
    return true;
}

static bool fast_is(const vqr_payload_impl *p, uint16_t n, const char *s, size_t len)
{
    return p->node[n].vlen == len && memcmp(p->arena + p->node[n].val, s, len) == 0;
}

/* Bytes of w (printable ASCII, below 0x80) that are not digits (`alpha`
 * false) or not digits nor ASCII letters (`alpha` true): bit 7 of each
 * such byte. No sum reaches past a byte (every byte is below 0x80), so
 * each byte is judged alone. */
static inline uint64_t fast_bad(uint64_t w, bool alpha)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80;
    uint64_t digit = (w + ones * 0x50) & ~(w + ones * 0x46); /* 0x30 <= c <= 0x39 */
    if (!alpha)
        return ~digit & high;
    uint64_t u = w & (ones * 0xDF);                           /* letters in upper case */
    uint64_t letter = (u + ones * 0x3F) & ~(u + ones * 0x25); /* 0x41 <= u <= 0x5A */
    return ~(digit | letter) & high;
}

/* Whether every character of node n is a digit (`alpha` false) or a
 * digit or an ASCII letter (`alpha` true). Eight bytes a step, the last
 * step over the last eight (or four) bytes; the bytes are printable ASCII
 * (fast_vietqr). */
static bool fast_chars(const vqr_payload_impl *p, uint16_t n, bool alpha)
{
    const unsigned char *s = (const unsigned char *)p->arena + p->node[n].val;
    size_t len = p->node[n].vlen;
    uint64_t bad = 0, w;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&w, s + i, 8);
            bad |= fast_bad(w, alpha);
        }
        memcpy(&w, s + len - 8, 8);
        return !(bad | fast_bad(w, alpha));
    }
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        return !fast_bad((uint64_t)a << 32 | b, alpha);
    }
    for (size_t i = 0; i < len; i++)
        bad |= fast_bad(s[i], alpha) & 0x80u;
    return !bad;
}

/* Whether the amount s[0, len) is valid with `exponent` decimals, as
 * validate.c judges 54 (at most 13 characters, vqr_amount_syntax() OK, no
 * more decimals than the exponent), read into minor units on the way (what
 * vqr_amount_check() gives): digits, at most one "." followed by digits,
 * not zero. */
static bool fast_amount(const char *s, size_t len, int exponent, uint64_t *minor)
{
    uint64_t v = 0;
    size_t i = 0, dec = 0;
    if (len > 13)
        return false;
    for (; i < len && vqr_isdigit((unsigned char)s[i]); i++)
        v = v * 10u + (uint64_t)(s[i] - '0');
    if (i == 0)
        return false;
    if (i < len && s[i] == '.')
        for (i++; i < len && vqr_isdigit((unsigned char)s[i]); i++, dec++)
            v = v * 10u + (uint64_t)(s[i] - '0');
    if (i != len || v == 0 || dec > (size_t)exponent)
        return false;
    for (; dec < (size_t)exponent; dec++)
        v *= 10u;
    *minor = v;
    return true;
}

/* The payload (len bytes, already in the arena, all printable ASCII:
 * valid UTF-8, one byte a character, no control) read in one pass. */
static bool fast_vietqr(vqr_payload_impl *p, size_t len)
{
    const unsigned char *s = (const unsigned char *)p->arena;
    if (len < 8 || len > VQR_PAYLOAD_MAX_CHARS)
        return false;
    /* The CRC: "6304" and four upper-case hex digits that match. */
    const unsigned char *t = s + len - 8;
    if (memcmp(t, "6304", 4) != 0)
        return false;
    vqr_crc_hex(vqr_crc16_fast(s, len - 4), p->crc_computed);
    if (memcmp(t + 4, p->crc_computed, 4) != 0)
        return false;
    memcpy(p->crc_given, t + 4, 4);
    p->crc_given[4] = '\0';
    p->crc_state = 1;

    if (!fast_level(p, VQR_NIL, 0, len, 0, k_fast_root, p->root_by_id))
        return false;
    /* 00 first, 63 last (its header at len - 8: the CRC checked above). */
    if (p->node[p->first].id != 0 || p->node[p->last].id != 63)
        return false;
    const uint16_t *r = p->root_by_id;
    if (r[1] == VQR_NIL || r[38] == VQR_NIL)
        return false;
    /* The templates in payload order, as walk_templates() walks them:
     * nodes are numbered in payload order. 38: 00 the NAPAS GUID, 01 the
     * beneficiary (00, 01), 02 the service; 62: 01-08. */
    uint16_t t38 = r[38], t62 = r[62];
    uint16_t *k38 = p->fast_kid[0], *k3801 = p->fast_kid[1], *k62 = p->fast_kid[2];
    if (t62 == VQR_NIL)
        for (int i = 0; i < 10; i++)
            k62[i] = VQR_NIL;
    for (int k = 0; k < 2; k++) {
        bool first38 = t62 == VQR_NIL || t38 < t62;
        if ((k == 0) == first38) {
            if (!fast_template(p, t38, 0x7, k38))
                return false;
            uint16_t g = k38[0];
            if (g == VQR_NIL || !vqr_is_napas_guid(p->arena + p->node[g].val, p->node[g].vlen) ||
                k38[1] == VQR_NIL || k38[2] == VQR_NIL || !fast_template(p, k38[1], 0x3, k3801))
                return false;
        } else if (t62 != VQR_NIL && !fast_template(p, t62, 0x1FE, k62)) {
            return false;
        }
    }
    /* The rules (validate.c) of each object read. */
    if (!fast_is(p, r[0], "01", 2) || !(fast_is(p, r[1], "11", 2) || fast_is(p, r[1], "12", 2)))
        return false;
    if (r[52] != VQR_NIL && (p->node[r[52]].vlen != 4 || !fast_chars(p, r[52], false)))
        return false;
    int exponent = 0; /* NAPAS 247: VND unless stated */
    unsigned currency = 704;
    if (r[53] != VQR_NIL) {
        const char *c = p->arena + p->node[r[53]].val;
        if (p->node[r[53]].vlen != 3 || !fast_chars(p, r[53], false))
            return false;
        currency = (unsigned)((c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0'));
        exponent = currency == 704 ? 0 : vqr_currency_exponent(currency);
        if (exponent < 0)
            return false;
    }
    p->fast_currency = (uint16_t)currency;
    p->fast_minor = 0;
    if (r[54] != VQR_NIL &&
        !fast_amount(p->arena + p->node[r[54]].val, p->node[r[54]].vlen, exponent, &p->fast_minor))
        return false;
    if (r[58] != VQR_NIL) {
        const char *c = p->arena + p->node[r[58]].val;
        if (p->node[r[58]].vlen != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z')
            return false;
    }
    if ((r[59] != VQR_NIL && p->node[r[59]].vlen > 25) ||
        (r[60] != VQR_NIL && p->node[r[60]].vlen > 15) ||
        (r[61] != VQR_NIL && p->node[r[61]].vlen > 10))
        return false;
    /* 38: the GUID (checked), the service, the BIN, the beneficiary by service. */
    uint16_t svc = k38[2], bin = k3801[0], acct = k3801[1];
    if (bin == VQR_NIL || acct == VQR_NIL || p->node[bin].vlen != 6 || !fast_chars(p, bin, false))
        return false;
    size_t alen = p->node[acct].vlen;
    bool cash = false;
    if (fast_is(p, svc, "QRIBFTTA", 8)) {
        if (alen > 19 || !fast_chars(p, acct, true))
            return false;
        p->fast_service = VQR_SERVICE_ACCOUNT;
    } else if (fast_is(p, svc, "QRIBFTTC", 8)) {
        if (alen < 16 || alen > 19 || !fast_chars(p, acct, false))
            return false;
        p->fast_service = VQR_SERVICE_CARD;
    } else if (fast_is(p, svc, "QRPUSH", 6) || (cash = fast_is(p, svc, "QRCASH", 6))) {
        if (alen > 19)
            return false;
        p->fast_service = cash ? VQR_SERVICE_CASH : VQR_SERVICE_MERCHANT;
    } else {
        return false;
    }
    /* 62.01-62.08: at most 25 characters; QRCASH needs 62.05 and 62.07. */
    if (t62 != VQR_NIL)
        for (uint16_t c = p->node[t62].child; c != VQR_NIL; c = p->node[c].next)
            if (p->node[c].vlen > 25)
                return false;
    if (cash && (t62 == VQR_NIL || k62[5] == VQR_NIL || k62[7] == VQR_NIL))
        return false;
    p->profile = VQR_PROFILE_VIETQR;
    p->fast = 1;
    return true;
}

/* At most one profile bit. */
static bool flags_ok(unsigned flags)
{
    const unsigned known = VQR_PARSE_LENIENT | VQR_PARSE_EMVCO | VQR_PARSE_VIETQR;
    return !(flags & ~known) && (flags & (flags - 1)) == 0;
}

vqr_status vqr_payload_parse(vqr_payload *pub, const char *data, size_t len, unsigned flags,
                             vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    if (!pub || (!data && len) || !flags_ok(flags)) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, 0, 0, "", SIZE_MAX, 0);
        if (pub)
            vqr_reset(vqr_impl_for_reset(pub));
        return VQR_ERR_INVALID_ARGUMENT;
    }
    vqr_payload_impl *p = vqr_impl_for_reset(pub);
    if (flags == 0 && len <= VQR_PAYLOAD_MAX_CHARS) {
        vqr_reset(p);
        bool plain = copy_printable(p->arena, data, len);
        p->input_len = p->arena_len = (uint16_t)len;
        if (plain && fast_vietqr(p, len)) {
            vqr_error_clear(err);
            return VQR_OK;
        }
    }
    walker w = { p, (flags & VQR_PARSE_LENIENT) != 0, UNIT_CHARS };
    /* Until the payload is framed: the profile named, else strict EMVCo. */
    const vqr_profile named = flags ? choose_profile(p, flags) : VQR_PROFILE_EMVCO;

    if (len > VQR_INPUT_MAX) {
        vqr_reset(p);
        vqr_diag_add_path(p, VQR_ERR_INPUT_TOO_LARGE, VQR_SEVERITY_ERROR, NULL, 0, VQR_INPUT_MAX,
                          SIZE_MAX, VQR_INPUT_MAX);
        goto done;
    }
    if (len)
        memcpy(p->arena, data, len);
    bool ascii = false;
    size_t valid = vqr_utf8_check((const unsigned char *)p->arena, len, &ascii);
    if (valid != len)
        ascii = all_ascii((const unsigned char *)p->arena, valid);
    unsigned errors;
    bool framed = read_as(&w, len, valid, ascii, UNIT_CHARS, false, &errors);
    /* Data after the CRC makes the walk fail, or find more objects: only
     * then is it looked for. */
    if ((!framed || errors) && payload_end(&w, p->start, valid, len) != SIZE_MAX)
        framed = read_as(&w, len, valid, ascii, UNIT_CHARS, true, &errors);
    if (!framed && !ascii)
        framed = read_other_lengths(&w, len, valid, ascii);
    if (framed) {
        p->profile = (uint8_t)choose_profile(p, flags);
        vqr_validate(p, (vqr_profile)p->profile);
    }

done:
    if (p->profile == VQR_PROFILE_NONE)
        p->profile = (uint8_t)named;
    for (uint16_t i = 0; i < p->ndiag && i < VQR_DIAG_MAX; i++) {
        if (p->diag[i].severity == VQR_SEVERITY_ERROR) {
            vqr_diag_to_error(p, &p->diag[i], err);
            return (vqr_status)p->diag[i].code;
        }
    }
    vqr_error_clear(err);
    return VQR_OK;
}
