#!/usr/bin/env python3
"""PNG codes per second of `vietqr batch` on typical school-fee rows.

Usage: bench_batch.py PATH/TO/vietqr [ROWS] [JOBS]

Writes ROWS (default 20000) rows like a bursar's export -- a student's name
(ignored column), the school's bank and account, the fee, a Vietnamese
purpose that is folded to ASCII, a bill number -- runs the batch into a
temporary directory with JOBS threads (default: every core), three times, and prints
wall-clock codes per second, CPU time per code (user and system), and the
rerun (nothing to write) time. Not a test: the figures depend on the
machine and its load.

The system time is creating 20,000 files. On ext4 it depends on the file
system's history: after many files were deleted (this script deletes its
output when it ends) the inode allocator reads the inode table to step over
recently deleted inodes, and creating a file can cost several times the
encoding. VQR_BENCH_DIR picks where the temporary directory goes, for
example /dev/shm (tmpfs) to measure without the disk.
"""

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time

NAMES = ["Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Đức", "Phạm Minh Châu",
         "Vũ Thị Hằng", "Đặng Quốc Bảo", "Bùi Thị Thu Trang", "Hoàng Gia Huy"]


def generate(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "bank", "account", "amount", "purpose", "bill"])
        for r in range(1, rows + 1):
            w.writerow([NAMES[r % len(NAMES)], "Vietcombank", "0071000123456",
                        str(1200000 + (r % 12) * 150000),
                        "Học phí HK1 lớp %d HS%05d" % (1 + r % 9, r % 100000),
                        "HP2026-%06d" % r])


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    if p.returncode != 0:
        sys.exit("batch failed (%d): %s" % (p.returncode, p.stderr.decode()))
    return wall, user + system, user, system


def main():
    tool = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    jobs = sys.argv[3] if len(sys.argv) > 3 else str(os.cpu_count() or 1)
    runs = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("VQR_BENCH_DIR")) as work:
        src = os.path.join(work, "fees.csv")
        generate(src, rows)
        # Three first runs, each into a new directory (nothing is deleted
        # until the end); the median is the figure.
        for i in range(3):
            out = os.path.join(work, "out%d" % i)
            runs.append(timed([tool, "batch", src, "--out", out, "--jobs", jobs, "-q"]))
        rwall, rcpu, _, _ = timed([tool, "batch", src, "--out", out, "--jobs", jobs, "-q"])
    load = os.getloadavg()[0]
    print("vietqr batch, %d school-fee rows, PNG scale 4, %s threads on %d cores "
          "(load average %.1f), into %s:" % (rows, jobs, os.cpu_count() or 1, load,
                                             os.environ.get("VQR_BENCH_DIR") or tempfile.gettempdir()))
    for i, (wall, cpu, user, system) in enumerate(runs):
        print("  run %d       %8.0f codes/s wall   %7.1f us CPU per code "
              "(%.1f user, %.1f system)" % (i + 1, rows / wall, cpu / rows * 1e6,
                                            user / rows * 1e6, system / rows * 1e6))
    wall, cpu, user, system = sorted(runs)[1]
    print("  median      %8.0f codes/s wall   %7.1f us CPU per code   (%.2f s wall, %.2f s CPU)"
          % (rows / wall, cpu / rows * 1e6, wall, cpu))
    print("  CPU bound   %8.0f codes/s on %s cores if they were idle"
          % (rows / cpu * int(jobs), jobs))
    print("  rerun       %8.0f rows/s wall    %7.1f us CPU per row    (nothing written)"
          % (rows / rwall, rcpu / rows * 1e6))


if __name__ == "__main__":
    main()
