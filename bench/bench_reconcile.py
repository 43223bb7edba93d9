#!/usr/bin/env python3
"""`vietqr reconcile` of a million bank transactions against a million
issued references, beside yardsticks run on the same files in the same run.

Usage: bench_reconcile.py PATH/TO/vietqr [ISSUED] [TRANSACTIONS] [RUNS]

Writes ISSUED references (default 1,000,000; four prefixes) and a statement
of TRANSACTIONS (default 1,000,000) realistic bank descriptions (trace
prefixes and suffixes, one in ten without a reference), then runs RUNS
times (default 3) and prints the median of:
  - `vietqr reconcile` (wall clock, and CPU: user + system of both its
    threads);
  - `cat` of both files to /dev/null (reading them: the floor);
  - GNU `sort --parallel=2` of the statement by date then ID (the ordering
    any reconciliation does, by a well-known tool).
The goal is under 10 s of wall clock on 2 cores. The wall clock counts
only on an idle machine: the load average is printed before and after, and
when it is above the number of cores the CPU time (which other work does
not inflate much) is what to compare. Not a test. VQR_BENCH_DIR picks where
the files go (default: a temporary directory).
"""

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "cli"))
from recon_term import ALPHA, MODULUS  # noqa: E402

PREFIXES = ["HS24", "HP24", "BV25", "TH2401"]
BANK_PREFIX = ["MBVCB.3278907687.", "IBFT ", "", "REM Tfr Ac: 1234567 "]
BANK_SUFFIX = [".CT tu 0011004123456 NGUYEN VAN AN toi 1234567890 TRUONG TH", " FT24123456789",
               "", " Trace 123456"]


def generate(issued_path, tx_path, n_issued, n_tx):
    rng = random.Random(1)
    # Each prefix's sum once (base 36 modulo 1271), then per reference the
    # six digits and the two zeros the check characters replace.
    state = {}
    for p in PREFIXES:
        s = 0
        for ch in p:
            s = (s * 36 + ALPHA.index(ch)) % MODULUS
        state[p] = s
    refs = []
    with open(issued_path, "w") as f:
        f.write("reference,amount\n")
        for i in range(n_issued):
            p = PREFIXES[i % 4]
            d = "%06d" % (i // 4)
            s = state[p]
            for ch in d:
                s = (s * 36 + ord(ch) - 48) % MODULUS
            c = (MODULUS + 1 - s * 1296 % MODULUS) % MODULUS
            r = p + d + ALPHA[c // 36] + ALPHA[c % 36]
            refs.append(r)
            f.write("%s,%d\n" % (r, 1000000 + (i % 50) * 10000))
    with open(tx_path, "w") as f:
        f.write("id,date,amount,memo\n")
        for k in range(n_tx):
            r = refs[rng.randrange(n_issued)] if k % 10 else "Lai tien gui"
            memo = "%s%s Hoc phi HK1 NGUYEN VAN AN%s" % (BANK_PREFIX[k % 4], r,
                                                      BANK_SUFFIX[(k // 4) % 4])
            f.write("%d,2024-09-%02d %02d:%02d:%02d,%d,%s\n" % (
                100000 + k, 1 + k * 30 // n_tx, (k // 3600) % 24, (k // 60) % 60, k % 60,
                1000000 + rng.randrange(50) * 10000, memo))


def timed(cmd, **kw):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s" % (cmd[0], p.returncode, p.stderr.decode()))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    tool = os.path.abspath(sys.argv[1])
    n_issued = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    n_tx = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    with tempfile.TemporaryDirectory(prefix="vqr-bench-reconcile-",
                                     dir=os.environ.get("VQR_BENCH_DIR")) as d:
        issued, tx, out = (os.path.join(d, n) for n in ("issued.csv", "tx.csv", "out"))
        t0 = time.monotonic()
        generate(issued, tx, n_issued, n_tx)
        size = (os.path.getsize(issued) + os.path.getsize(tx)) / 1e6
        print("%d issued references and %d transactions (%.0f MB) written in %.0f s"
              % (n_issued, n_tx, size, time.monotonic() - t0))
        load0 = os.getloadavg()[0]
        rec, cat, srt = [], [], []
        env = dict(os.environ, LC_ALL="C")
        for _ in range(runs):
            rec.append(timed([tool, "reconcile", "--issued", issued, "--transactions", tx,
                              "--out", out]))
            cat.append(timed(["cat", issued, tx], ))
            srt.append(timed(["sort", "--parallel=2", "-S", "25%", "-t", ",", "-k2,2",
                              "-k1,1n", "-o", os.path.join(d, "sorted.csv"), tx], env=env))
        load1 = os.getloadavg()[0]
        with open(os.path.join(out, "matches.csv")) as f:
            lines = sum(1 for _ in f) - 1
        if lines != n_tx:
            sys.exit("matches.csv has %d lines for %d transactions" % (lines, n_tx))

        def med(xs, i):
            return statistics.median(x[i] for x in xs)

        print("median of %d runs; load average %.1f before, %.1f after, on %d cores"
              % (runs, load0, load1, os.cpu_count()))
        print("%-44s %8s %8s" % ("", "wall s", "CPU s"))
        for name, xs in (("vietqr reconcile", rec), ("cat of both files (yardstick)", cat),
                         ("sort --parallel=2 of the statement (yardstick)", srt)):
            print("%-44s %8.2f %8.2f" % (name, med(xs, 0), med(xs, 1)))
        print("reconcile / sort: %.2fx wall, %.2fx CPU"
              % (med(rec, 0) / med(srt, 0), med(rec, 1) / med(srt, 1)))
        wall, cpu = med(rec, 0), med(rec, 1)
        busy = max(load0, load1) > (os.cpu_count() or 2)
        print("goal: under 10 s on 2 cores: wall %.2f s (%s), CPU %.2f s"
              % (wall, "machine busy: compare the CPU time" if busy else "idle machine", cpu))


if __name__ == "__main__":
    main()
