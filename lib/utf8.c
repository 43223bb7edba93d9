/*
 * utf8.c - UTF-8 validation and code point counting for the parser.
 *
 * Accepts exactly the well-formed sequences of Unicode 15 Table 3-7 (no
 * overlongs, no surrogates, nothing above U+10FFFF). No allocation.
 */
#include "common.h"

/* Length of the sequence led by c, or 0 for a byte that cannot lead. */
static unsigned seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return 2;
    if (c < 0xF0)
        return 3;
    if (c < 0xF5)
        return 4;
    return 0;
}

size_t vqr_utf8_check(const unsigned char *s, size_t len, bool *ascii)
{
    size_t i = 0;
    bool all_ascii = true;
    while (i < len) {
        /* Fast path: eight ASCII bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        all_ascii = false;
        unsigned n = seq_len(c);
        if (n == 0 || i + n > len)
            return i;
        unsigned char c1 = s[i + 1];
        /* Second-byte ranges that exclude overlongs and surrogates. */
        unsigned char lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        else if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
        if (c1 < lo || c1 > hi)
            return i;
        for (unsigned k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += n;
    }
    if (ascii)
        *ascii = all_ascii;
    return len;
}

size_t vqr_utf8_count(const unsigned char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += (s[i] & 0xC0) != 0x80;
    return n;
}

size_t vqr_utf16_advance(const unsigned char *s, size_t len, size_t n)
{
    size_t i = 0;
    while (n > 0) {
        if (i >= len)
            return SIZE_MAX;
        size_t units = s[i] >= 0xF0 ? 2 : 1; /* a 4-byte sequence is a surrogate pair */
        if (units > n)
            return SIZE_MAX;
        i++;
        while (i < len && (s[i] & 0xC0) == 0x80)
            i++;
        n -= units;
    }
    return i;
}

size_t vqr_utf8_advance(const unsigned char *s, size_t len, size_t n)
{
    size_t i = 0;
    while (n > 0) {
        if (i >= len)
            return SIZE_MAX;
        i++;
        while (i < len && (s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}
