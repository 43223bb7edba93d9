#!/usr/bin/env python3
"""The library holds no writable static data: no global or static variable,
so no global mutable state and no process-wide setting (an allocator
setter, a cache, a lazily built table) can exist.

Usage: check_no_globals.py LIBRARY.a

Reads the section table of every object of the static library (objdump -h)
and fails on any non-empty writable data section: .data, .bss, their
-fdata-sections forms (.data.NAME, .bss.NAME) and thread-local .tdata /
.tbss. Read-only data with relocations (.data.rel.ro) is allowed. Run it
on a build without sanitizers or coverage, which add their own counters.
"""
import re
import subprocess
import sys

WRITABLE = re.compile(r'^\.(data|bss|tdata|tbss)(\..*)?$')


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    out = subprocess.run(['objdump', '-h', argv[1]], check=True, capture_output=True,
                         text=True).stdout
    obj = '?'
    bad, objects = [], 0
    for line in out.splitlines():
        m = re.match(r'^(\S+):\s+file format', line)
        if m:
            obj = m.group(1)
            objects += 1
            continue
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit():
            name, size = parts[1], int(parts[2], 16)
            if size and WRITABLE.match(name) and not name.startswith('.data.rel.ro'):
                bad.append('%s: %s holds %d bytes of writable data' % (obj, name, size))
    for b in bad:
        print(b)
    print('%d objects, %d with writable data' % (objects, len({b.split(':')[0] for b in bad})))
    if objects == 0:
        print('no object found in %s' % argv[1])
        return 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
