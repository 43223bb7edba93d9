#!/usr/bin/env python3
"""Generate the C bank directory table from data/ at build time.

Usage: gen_banks.py BANKS_CSV ALIASES_CSV VERSION_FILE OUTPUT_H

Reads data/banks.csv (bin,short_name,name,swift), data/bank_aliases.csv
(alias,bin,kind) and data/VERSION, checks them, and writes a C header with
static tables that only lib/banks.c includes. Python 3 standard library only.

Search keys. Every bank is indexed by its BIN, short name, full name, SWIFT
code (when it has one), and by its aliases and former names. Each key has
two forms, computed exactly as lib/text.c's vqr_text_key() computes them
for a query (tests/test_banks.c checks that the two agree for every key):
  loose: diacritics removed (canonical decomposition, combining marks
         dropped, d with stroke -> d), lower case, only [a-z0-9] kept;
  tight: the same, but every run of other characters becomes one space,
         with no space at either end.
Lookups match on the loose form and use the tight form to choose between
different banks that share a loose form ("CIMB Bank" / "CIMBBank").
"""

import csv
import re
import sys
import unicodedata

BIN_RE = re.compile(r'^[0-9]{6}$')
SWIFT_RE = re.compile(r'^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$')
VERSION_RE = re.compile(r'^[0-9]{4}\.[0-9]{1,2}\.[0-9]+$')

# Must stay in step with enum vqr_bank_key_kind in lib/banks.h.
KINDS = {'bin': 0, 'swift': 1, 'short': 2, 'name': 3, 'alias': 4, 'former': 5}


def fail(path, line, msg):
    sys.stderr.write('%s:%d: %s\n' % (path, line, msg))
    sys.exit(1)


def fold_chars(text):
    """Yields lower-case ASCII letters/digits, or None for a separator."""
    for ch in unicodedata.normalize('NFD', text):
        if unicodedata.category(ch).startswith('M'):
            continue
        if ch in '\u0111\u0110':
            ch = 'd'
        if ch.isascii() and ch.isalnum():
            yield ch.lower()
        elif ch.isascii() or not unicodedata.category(ch).startswith('L'):
            yield None
        else:
            raise ValueError('letter %r has no ASCII form' % ch)


def keys(text):
    loose = []
    tight = []
    gap = False
    for c in fold_chars(text):
        if c is None:
            gap = True
            continue
        if gap and tight:
            tight.append(' ')
        gap = False
        loose.append(c)
        tight.append(c)
    return ''.join(loose), ''.join(tight)


def c_string(text):
    """A C string literal; non-ASCII bytes as octal escapes (never greedy)."""
    out = ['"']
    for b in text.encode('utf-8'):
        if b in (0x22, 0x5C):
            out.append('\\' + chr(b))
        elif 0x20 <= b < 0x7F and b != 0x3F:  # '?' escaped: no trigraphs
            out.append(chr(b))
        else:
            out.append('\\%03o' % b)
    out.append('"')
    return ''.join(out)


def read_csv(path, columns):
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != columns:
        fail(path, 1, 'header must be %s' % ','.join(columns))
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(columns):
            fail(path, n, 'expected %d fields, found %d' % (len(columns), len(row)))
        row = [unicodedata.normalize('NFC', v) for v in row]
        if any(v != v.strip() for v in row):
            fail(path, n, 'leading or trailing white space')
        out.append((n, row))
    return out


def main(argv):
    if len(argv) != 5:
        sys.stderr.write(__doc__.split('\n\n')[1] + '\n')
        return 2
    banks_path, aliases_path, version_path, out_path = argv[1:]

    with open(version_path, encoding='utf-8') as f:
        version = f.read().strip()
    if not VERSION_RE.match(version):
        fail(version_path, 1, 'version must look like 2026.11.1')

    banks = []
    by_bin = {}
    for n, (bin_, short, name, swift) in read_csv(banks_path,
                                                   ['bin', 'short_name', 'name', 'swift']):
        if not BIN_RE.match(bin_):
            fail(banks_path, n, 'BIN %r is not 6 digits' % bin_)
        if bin_ in by_bin:
            fail(banks_path, n, 'BIN %s appears twice' % bin_)
        if not short or not name:
            fail(banks_path, n, 'empty short name or name')
        if swift and not SWIFT_RE.match(swift):
            fail(banks_path, n, 'SWIFT code %r is malformed' % swift)
        by_bin[bin_] = n
        banks.append((bin_, short, name, swift, n))
    banks.sort()
    by_bin = {b[0]: i for i, b in enumerate(banks)}

    entries = set()

    def add(path, line, text, bank, kind):
        try:
            loose, tight = keys(text)
        except ValueError as e:
            fail(path, line, str(e))
        if not loose:
            fail(path, line, 'key of %r is empty' % text)
        entries.add((loose, bank, tight, KINDS[kind]))
        return loose

    for i, (bin_, short, name, swift, n) in enumerate(banks):
        add(banks_path, n, bin_, i, 'bin')
        add(banks_path, n, short, i, 'short')
        add(banks_path, n, name, i, 'name')
        if swift:
            add(banks_path, n, swift, i, 'swift')

    data_keys = {}
    for loose, bank, _, _ in entries:
        data_keys.setdefault(loose, set()).add(bank)

    for n, (alias, bin_, kind) in read_csv(aliases_path, ['alias', 'bin', 'kind']):
        if bin_ not in by_bin:
            fail(aliases_path, n, 'BIN %s is not in %s' % (bin_, banks_path))
        if kind not in ('alias', 'former'):
            fail(aliases_path, n, 'kind must be alias or former')
        bank = by_bin[bin_]
        loose = add(aliases_path, n, alias, bank, kind)
        others = data_keys.get(loose, set()) - {bank}
        if others:
            fail(aliases_path, n, '%r already names BIN %s' %
                 (alias, ', '.join(banks[o][0] for o in sorted(others))))
        data_keys.setdefault(loose, set()).add(bank)

    # An alias that repeats a bank's short name gives the same key twice:
    # keep one entry, with the lowest kind.
    seen = {}
    for e in sorted(entries, key=lambda e: (e[0], e[1], e[2], e[3])):
        seen.setdefault((e[0], e[1], e[2]), e)
    index = sorted(seen.values(), key=lambda e: (e[0], e[1], e[2]))
    key_max = max(len(e[0]) for e in index)
    sharing = {}
    for loose, bank, _, _ in index:
        sharing.setdefault(loose, set()).add(bank)
    match_max = max(len(v) for v in sharing.values())

    lines = [
        '/* bank_data.h - bank directory tables, written by scripts/gen_banks.py',
        ' * from data/banks.csv, data/bank_aliases.csv and data/VERSION.',
        ' * Do not edit: change the data files. Included only by lib/banks.c. */',
        '',
        '#define VQR_BANK_DATA_VERSION %s' % c_string(version),
        '#define VQR_BANK_ROWS %d' % len(banks),
        '#define VQR_BANK_KEYS %d' % len(index),
        '/* Longest loose key, in bytes. */',
        '#define VQR_BANK_KEY_MAX %d' % key_max,
        '/* Most different banks that share one loose key. */',
        '#define VQR_BANK_MATCH_MAX %d' % match_max,
        '',
        '/* Sorted by BIN. */',
        'static const vqr_bank k_banks[VQR_BANK_ROWS] = {',
    ]
    for bin_, short, name, swift, _ in banks:
        lines.append('    { %s, %s,\n      %s,\n      %s },' % (
            c_string(bin_), c_string(short), c_string(name),
            c_string(swift) if swift else 'NULL'))
    lines += [
        '};',
        '',
        '/* The BINs of k_banks as numbers, in the same order (a search over',
        ' * 4-byte integers instead of strings). */',
        'static const uint32_t k_bank_bins[VQR_BANK_ROWS] = {',
    ]
    for i in range(0, len(banks), 8):
        lines.append('    ' + ', '.join('%du' % int(b[0]) for b in banks[i:i + 8]) + ',')
    lines += [
        '};',
        '',
        '/* Rows by BIN for BINs 970000-971099 (nearly every bank): row index',
        ' * + 1, 0 when none. */',
        '#define VQR_BANK_DIRECT_FIRST 970000u',
        '#define VQR_BANK_DIRECT_COUNT 1100u',
        'static const uint8_t k_bank_direct[VQR_BANK_DIRECT_COUNT] = {',
    ]
    direct = [0] * 1100
    for i, b in enumerate(banks):
        n = int(b[0]) - 970000
        if 0 <= n < 1100:
            assert i + 1 < 256
            direct[n] = i + 1
    for i in range(0, 1100, 20):
        lines.append('    ' + ', '.join('%d' % v for v in direct[i:i + 20]) + ',')
    lines += [
        '};',
        '',
        '/* The byte lengths of each row\'s short name, name and SWIFT code. */',
        'static const uint16_t k_bank_lens[VQR_BANK_ROWS][3] = {',
    ]
    for _, short, name, swift, _ in banks:
        lines.append('    { %d, %d, %d },' % (len(short.encode()), len(name.encode()),
                                             len(swift.encode()) if swift else 0))
    lines += [
        '};',
        '',
        '/* Sorted by loose key, then bank. */',
        'static const vqr_bank_key k_bank_keys[VQR_BANK_KEYS] = {',
    ]
    for loose, bank, tight, kind in index:
        lines.append('    { %s, %s, %d, %d },' % (c_string(loose), c_string(tight), bank, kind))
    lines += ['};', '']

    with open(out_path, 'w', encoding='ascii', newline='\n') as f:
        f.write('\n'.join(lines))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
