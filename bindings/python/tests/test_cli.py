#!/usr/bin/env python3
"""``python -m vietqr`` against the C tool: for every payload of
tests/data/vectors.json (and hand-made broken ones), ``check`` (English and
Vietnamese) and ``decode --json`` print the same bytes and exit with the
same status as ``vietqr``; so do ``banks`` (table and JSON) and ``encode``
for good and bad fields; ``decode`` and ``explain`` exit alike. Usage
errors exit 2 in both.

Environment: VQR_TOOL (the built vietqr), VIETQR_LIB, VQR_TEST_DATA.
``--installed`` runs the package Python finds on its own
(tests/under_test.py).
"""

import io
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("VQR_SOURCE_ROOT") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DATA = os.environ.get("VQR_TEST_DATA") or os.path.join(ROOT, "tests", "data")
import under_test  # noqa: E402

from vietqr import _cli  # noqa: E402

under_test.check(_cli, _cli.N.LIB)

TOOL = os.environ.get("VQR_TOOL")
if not TOOL:
    print("no C tool to compare with (VQR_TOOL)")
    sys.exit(77)

ENV = dict(os.environ)
if not under_test.INSTALLED:
    ENV["PYTHONPATH"] = under_test.SOURCE_PACKAGE

with open(os.path.join(DATA, "vectors.json"), encoding="utf-8") as _f:
    VECTORS = [v["payload"] for v in json.load(_f)]
GOOD = ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA5303704"
        "54061800005802VN62340107NPS68690819thanh toan don hang63042E2E")
BROKEN = [
    GOOD[:-1] + "F",                   # CRC
    GOOD[:-4],                         # truncated
    GOOD.replace("5802VN", "5802V\x1b"),  # a control character
    GOOD.replace("thanh", "th\u202ean"),  # bidi, lengths now wrong
    "",
    "hello",
    "0002010102113" + "8" * 40,
]


def run(argv, stdin=None):
    r = subprocess.run(argv, input=stdin, capture_output=True, env=ENV)
    return r.returncode, r.stdout, r.stderr


def in_process(args, stdin=None):
    """vietqr._cli.main in this process (the bulk of the comparisons: a
    process per call would take minutes); (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr = out, err
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        try:
            rc = _cli.main(args)
        except SystemExit as e:
            rc = e.code
    finally:
        sys.stdout, sys.stderr, sys.stdin = old
    return rc, out.getvalue().encode("utf-8"), err.getvalue().encode("utf-8")


def both(args, stdin=None, subprocess_=False):
    """The C tool's (status, stdout, stderr) and python -m vietqr's: as a
    process when `subprocess_`, else in this process."""
    py = (run([sys.executable, "-m", "vietqr"] + args, stdin) if subprocess_
          else in_process(args, stdin))
    return run([TOOL] + args, stdin), py


class SameAsTheTool(unittest.TestCase):
    def same(self, args, stdin=None, stderr=True, subprocess_=False):
        c, py = both(args, stdin, subprocess_)
        self.assertEqual(py[0], c[0], "exit status of %r: %s" % (args, py[2]))
        self.assertEqual(py[1].decode("utf-8", "replace"), c[1].decode("utf-8", "replace"), args)
        if stderr:
            self.assertEqual(py[2].decode("utf-8", "replace"), c[2].decode("utf-8", "replace"),
                             args)

    def test_check(self):
        for i, p in enumerate(VECTORS + BROKEN):
            for extra in ([], ["--lang", "vi"], ["--lenient"], ["--profile", "emvco"]):
                if extra and i % 8 and p not in BROKEN:
                    continue  # every option on an eighth of the vectors
                with self.subTest(payload=p, options=extra):
                    self.same(["check"] + extra + [p])

    def test_as_a_process(self):
        # python -m vietqr itself: standard input, exit codes, bytes out.
        self.same(["check", "-"], stdin=(GOOD + "\n").encode(), subprocess_=True)
        self.same(["check", "-q", GOOD[:-1] + "0"], subprocess_=True)
        self.same(["decode", "-j", "-"], stdin="\n".join(VECTORS[:5] + BROKEN[:2]).encode(),
                  subprocess_=True)
        self.same(["banks", "vcb"], subprocess_=True)
        self.same(["encode", "--bank", "VCB", "--account", "0011012345678", "--amount", "180000",
                   "--purpose", "Học phí"], subprocess_=True)
        c, py = both(["nope"], subprocess_=True)
        self.assertEqual((c[0], py[0]), (2, 2))

    def test_decode_json(self):
        for i, p in enumerate(VECTORS + BROKEN):
            for extra in ([], ["--lang", "vi"], ["--lenient"]):
                if extra and i % 8 and p not in BROKEN:
                    continue
                with self.subTest(payload=p, options=extra):
                    self.same(["decode", "--json"] + extra + [p])

    def test_decode_json_lines(self):
        lines = "\n".join(VECTORS[:10] + BROKEN[:2]) + "\n"
        self.same(["decode", "-j", "-"], stdin=lines.encode())

    def test_decode_and_explain_status(self):
        for p in VECTORS[::4] + BROKEN:
            for cmd in ("decode", "explain"):
                with self.subTest(cmd=cmd, payload=p):
                    c, py = both([cmd, p])
                    self.assertEqual(py[0], c[0], py[2])

    def test_decode_summary_lines(self):
        # The facts of the summary are the C tool's, line for line where
        # the C tool names nothing of its own.
        c, py = both(["decode", GOOD])
        self.assertEqual(py[1], c[1])

    def test_banks(self):
        for q in ([], ["vcb"], ["Vietcombank"], ["bidv"], ["970436"], ["IBKOVNVX"], ["ngân hàng"],
                  ["zzz"], ["vietcombnak"], ["--json"], ["--json", "viet"], ["-j", "zzz"]):
            with self.subTest(query=q):
                self.same(["banks"] + q)

    def test_encode(self):
        cases = [
            ["--bank", "VCB", "--account", "0011012345678"],
            ["--bank", "Vietcombank", "--account", "0011012345678", "--amount", "180000",
             "--purpose", "Thanh toán học phí", "--bill", "HD-1", "--name", "Bệnh viện"],
            ["--bank", "970422", "--card", "9704220000000001", "--amount", "50000"],
            ["--bank", "VCB", "--merchant", "MERCHANT01", "--mcc", "5411", "--city", "Hà Nội"],
            ["--bank", "970499", "--account", "12"],
            ["--bank", "zzz", "--account", "12"],
            ["--bank", "VCB", "--account", "12", "--purpose", "x" * 26],
            ["--bank", "VCB", "--account", "12", "--purpose", "học", "--strict-text"],
            ["--bank", "VCB", "--account", "12A"],
            ["--bank", "VCB", "--account", "12A", "--alnum-account"],
            ["--bank", "VCB", "--account", "12", "--amount", "1,5"],
            ["--bank", "VCB"],
            ["--bank", "VCB", "--account", "1", "--card", "2"],
            ["--bank", "Vietcombnak", "--account", "1"],
            ["--bank", "IBKOVNVX", "--account", "1"],
            ["--bank", "VCB", "--account", "12", "--mcc", "12"],
            ["--bank", "VCB", "--account", "1", "--purpose", "x" * 25, "--bill", "y" * 25,
             "--reference", "z" * 25, "--store", "w" * 25],
            ["--bank", "VCB", "--account", "12", "--amount", "1,5", "--lang", "vi"],
            ["--bank", "970499", "--account", "12", "--lang", "vi"],
        ]
        for args in cases:
            with self.subTest(args=args):
                self.same(["encode"] + args)

    def test_usage_errors(self):
        for args in (["frobnicate"], ["check"], ["banks", "--nope"], ["encode"],
                     ["check", "--profile", "nope", GOOD]):
            with self.subTest(args=args):
                c, py = both(args)
                self.assertEqual((c[0], py[0]), (2, 2), args)


if __name__ == "__main__":
    unittest.main()
