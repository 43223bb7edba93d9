#!/usr/bin/env python3
"""Prints the slicing tables of lib/crc16.c (CRC-16/CCITT-FALSE, poly 0x1021)
and, after them, the folding constants of its carry-less multiplication.

k_t[k][b] = b * x^(16 + 8k) mod (x^16 + x^12 + x^5 + 1).
"""

SLICES = 16


def times_x8(c):
    for _ in range(8):
        c <<= 1
        if c & 0x10000:
            c ^= 0x11021
    return c & 0xFFFF


def main():
    tables = [[0] * 256 for _ in range(SLICES)]
    for b in range(256):
        v = times_x8(b << 8)
        tables[0][b] = v
        for k in range(1, SLICES):
            v = times_x8(v)
            tables[k][b] = v
    print("static const uint16_t k_t[%d][256] = {" % SLICES)
    for t in tables:
        print("    {")
        for i in range(0, 256, 8):
            print("        " + ", ".join("0x%04X" % t[j] for j in range(i, i + 8)) + ",")
        print("    },")
    print("};")
    print("/* Folding by n bits: (x^(n+64) mod P, x^n mod P). */")
    for n in (128, 256, 384, 512):
        print("/* %d: 0x%04X, 0x%04X */" % (n, x_pow_mod(n + 64), x_pow_mod(n)))


def x_pow_mod(n):
    """x^n mod (x^16 + x^12 + x^5 + 1)."""
    r = 1
    for _ in range(n):
        r <<= 1
        if r & 0x10000:
            r ^= 0x11021
    return r


if __name__ == "__main__":
    main()
