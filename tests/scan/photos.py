#!/usr/bin/env python3
"""Runs test_photos on N simulated photos of each set, made (or found in
the cache) by gen_photos.py.

Usage: photos.py N CACHE_DIR VIETQR TEST_PHOTOS VECTORS

The full set (N = 200) is a heavy suite: the hardening tier runs it
(tests/meson.build, scripts/README.md).
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = sys.argv[1:]
    if len(args) != 5:
        sys.stderr.write(__doc__)
        return 2
    per, cache, vietqr, test_photos, vectors = args
    jobs = os.environ.get("VQR_SCAN_JOBS", str(min(os.cpu_count() or 2, 2)))
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, os.path.join(HERE, "gen_photos.py"), "--vietqr", vietqr,
                        "--vectors", vectors, "--out", cache, "--per-category", per,
                        "--jobs", jobs])
    if r.returncode != 0:
        return r.returncode
    t1 = time.monotonic()
    r = subprocess.run([test_photos, cache, os.path.join(cache, "photos-%s.tsv" % per)])
    t2 = time.monotonic()
    print("photos: made or found in %.1f s, scanned and verified in %.1f s" % (t1 - t0, t2 - t1))
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
