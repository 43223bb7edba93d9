#!/usr/bin/env python3
"""Runs a program and compares its standard output with a golden file.

usage: golden.py GOLDEN PROGRAM [ARGS...]

VQR_TEST_WRAPPER (for instance "valgrind --error-exitcode=86 ...", set by
scripts/valgrind-tests.sh) goes in front of PROGRAM; the wrapper's own exit
status for a finding fails the comparison like any other.
"""
import difflib
import os
import shlex
import subprocess
import sys


def main():
    golden, argv = sys.argv[1], sys.argv[2:]
    wrapper = shlex.split(os.environ.get("VQR_TEST_WRAPPER", ""))
    out = subprocess.run(wrapper + argv, stdout=subprocess.PIPE, check=False)
    want = open(golden, "rb").read()
    if out.returncode != 0:
        sys.stdout.buffer.write(out.stdout)
        print(f"exit status {out.returncode}")
        return 1
    if out.stdout != want:
        sys.stdout.writelines(difflib.unified_diff(
            want.decode("utf-8", "replace").splitlines(True),
            out.stdout.decode("utf-8", "replace").splitlines(True), "expected", "actual"))
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
