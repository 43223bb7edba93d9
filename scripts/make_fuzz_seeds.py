#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the test vectors.

Usage: scripts/make_fuzz_seeds.py VECTORS.json [FUZZ_DIR]

For every payload in VECTORS.json (a list of objects with a "payload"
string) it writes, into FUZZ_DIR/corpus/<target>/ (FUZZ_DIR defaults to the
fuzz/ directory next to this script):

  parse, roundtrip  the flags byte then the payload, once strict and once
                    lenient (parse: as is, and lenient with the CRC made
                    right; roundtrip: both with the CRC made right, so that
                    mutants keep reaching the writer);
  edit              the flags byte (lenient, CRC made right), the payload,
                    0xFF and a few edits of
                    the kind a billing system makes (amount, bill number,
                    purpose, removal of an object); plus payloads built
                    from an empty one (flags bit 1).

Seed files are named seed-<target>-<vector>-<variant>; the script only
adds or overwrites its own files, so minimised inputs and regress-* files
are kept. The input formats are described at the top of each fuzz_*.c.
"""
import json
import os
import sys

SET, REMOVE, GET = 0, 1, 3


def op(kind, path, value=None):
    """Encodes one operation for fuzz_edit.c."""
    ids = [int(part) for part in path.split('.')]
    out = bytes([kind | ((len(ids) - 1) << 2)]) + bytes(ids)
    if kind == SET:
        data = value.encode('utf-8')
        assert len(data) < 256
        out += bytes([len(data)]) + data
    return out


EDITS = [
    op(SET, '54', '150000') + op(SET, '62.01', 'HD2024000123') + op(GET, '62.01'),
    op(SET, '62.08', 'Thanh toan vien phi') + op(REMOVE, '54') + op(GET, '62'),
    op(REMOVE, '62.08') + op(SET, '01', '12') + op(SET, '62.08', 'Học phí kỳ 2'),
    op(REMOVE, '62') + op(SET, '80.00', 'com.example') + op(SET, '80.01', 'x'),
    op(SET, '38.01.01', '0011001234567') + op(SET, '59', 'BENH VIEN') + op(REMOVE, '60'),
]

BUILD = [
    op(SET, '01', '12') + op(SET, '38.00', 'A000000727') + op(SET, '38.01.00', '970436')
    + op(SET, '38.01.01', '0011001234567') + op(SET, '38.02', 'QRIBFTTA')
    + op(SET, '53', '704') + op(SET, '54', '180000') + op(SET, '58', 'VN')
    + op(SET, '62.08', 'Hoc phi HK1'),
    op(SET, '01', '11') + op(SET, '26.00', 'D840000000') + op(SET, '26.01', 'acct')
    + op(SET, '52', '5411') + op(SET, '53', '840') + op(SET, '58', 'US')
    + op(SET, '59', 'SHOP') + op(SET, '60', 'CITY') + op(SET, '64.00', 'VI')
    + op(SET, '64.01', 'Cửa hàng') + op(REMOVE, '64'),
]


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding='utf-8') as f:
        vectors = json.load(f)
    fuzz_dir = argv[2] if len(argv) == 3 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fuzz')
    corpus = os.path.join(fuzz_dir, 'corpus')
    seeds = {'parse': {}, 'roundtrip': {}, 'edit': {}}
    for i, v in enumerate(vectors):
        payload = v['payload'].encode('utf-8')
        # Flags: bit 0 lenient, bit 1 make the CRC right (fuzz_parse.c,
        # fuzz_roundtrip.c); fuzz_edit.c: bit 0 lenient, bit 2 CRC.
        seeds['parse']['%03d-strict' % i] = bytes([0]) + payload
        seeds['parse']['%03d-lenient' % i] = bytes([3]) + payload
        seeds['roundtrip']['%03d-strict' % i] = bytes([2]) + payload
        seeds['roundtrip']['%03d-lenient' % i] = bytes([3]) + payload
        edits = EDITS[i % len(EDITS)]
        seeds['edit']['%03d' % i] = bytes([5]) + payload + b'\xff' + edits
    for i, ops in enumerate(BUILD):
        seeds['edit']['build-%d' % i] = bytes([2]) + ops
    count = 0
    for target, files in seeds.items():
        d = os.path.join(corpus, target)
        os.makedirs(d, exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(d, 'seed-%s-%s' % (target, name)), 'wb') as f:
                f.write(data)
            count += 1
    print('wrote %d seeds from %d vectors into %s' % (count, len(vectors), corpus))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
