#!/usr/bin/env python3
"""The school example as a test: runs term.sh with the built tool into a
fresh directory and compares what it prints with expected.txt, then checks
the files it made against the story simulate_statement.py tells (which
students paid, which did not, which transfers need a person).

usage: check.py PATH/TO/vietqr
"""
import csv
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    tool = os.path.abspath(sys.argv[1])
    out = tempfile.mkdtemp(prefix="vqr-school-")
    try:
        p = subprocess.run(["sh", os.path.join(HERE, "term.sh"), tool, out],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
        got = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            print(got)
            print("term.sh: exit status %d" % p.returncode)
            return 1
        want = open(os.path.join(HERE, "expected.txt"), encoding="utf-8").read()
        if got != want:
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True),
                                                       got.splitlines(True), "expected", "actual"))
            return 1
        # The files behind the list: 40 notices; the 9 students the story
        # leaves unpaid (5 never paid, one in part, one mistyped reference,
        # two children in one transfer); each image decodes to its payload's
        # reference in 62.01.
        with open(os.path.join(out, "notices", "manifest.csv"), encoding="utf-8") as f:
            man = list(csv.DictReader(f))
        with open(os.path.join(out, "doisoat", "unpaid.csv"), encoding="utf-8") as f:
            unpaid = sorted(int(r["reference"][5:11]) for r in csv.DictReader(f))
        checks = [
            (len(man) == 40, "40 notices"),
            (unpaid == [6, 13, 15, 18, 21, 26, 30, 38, 40], "unpaid rows %r" % unpaid),
            (all(os.path.getsize(os.path.join(out, "notices", m["file"])) > 0 for m in man),
             "every notice drawn"),
        ]
        bad = [what for ok, what in checks if not ok]
        for what in bad:
            print("FAIL: " + what)
        if bad:
            return 1
        print("school example: 4 checks passed")
        return 0
    finally:
        shutil.rmtree(out)


if __name__ == "__main__":
    sys.exit(main())
