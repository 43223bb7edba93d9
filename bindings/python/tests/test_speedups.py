"""The Python binding's C speedups (vietqr/_speedups.c) against the ctypes
path they stand in for.

Payload.parse, Payload.vietqr and write_vietqr take the C path when the
extension is configured (vietqr._fast.FAST) and the ctypes path otherwise.
Here every call is made both ways, in one process, by switching FAST off
and on: the values (and their types), the payloads and their other methods,
the reports and every error (type, code, offset, tag, limit, message) must
be the same on the benchmark corpus (bench/data/vietqr-corpus.tsv), the
test vectors and inputs drawn from them.

Environment: the python suite's (VIETQR_LIB, VIETQR_SPEEDUPS, ...), and
VQR_SPEEDUPS_BUILT=1 when the build made the extension: the suite then
fails, rather than comparing ctypes with itself, if it is not in use.
"""

import ctypes
import dataclasses
import functools
import json
import os
import random
import sys
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("VQR_SOURCE_ROOT") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DATA = os.environ.get("VQR_TEST_DATA") or os.path.join(ROOT, "tests", "data")
import under_test  # noqa: E402  (the source tree's package, or --installed)

import vietqr  # noqa: E402
from vietqr import Payload, Service, VietQRError, _fast, _native  # noqa: E402

under_test.check(vietqr, _native.LIB)
FAST = _fast.FAST
# Under valgrind (scripts/memcheck-python.sh) every path still runs, on
# fewer rows and draws.
MEMCHECK = "vgpreload" in os.environ.get("LD_PRELOAD", "")
STEP = 10 if MEMCHECK else 1


@functools.lru_cache(maxsize=None)
def corpus():
    path = os.path.join(ROOT, "bench", "data", "vietqr-corpus.tsv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cols = lines[0].split("\t")
    return [dict(zip(cols, line.split("\t"))) for line in lines[1:] if line]


def vectors():
    with open(os.path.join(DATA, "vectors.json"), encoding="utf-8") as f:
        data = json.load(f)
    items = data["vectors"] if isinstance(data, dict) else data
    return [v["payload"] for v in items if isinstance(v, dict) and "payload" in v]


def outcome(fn):
    """What a call gives: ("ok", value) or ("raises", the exception's type
    and everything it carries)."""
    try:
        return ("ok", fn())
    except Exception as exc:  # noqa: BLE001 (every exception is compared)
        carried = {k: v for k, v in vars(exc).items()} if hasattr(exc, "__dict__") else {}
        return ("raises", type(exc), str(exc), carried)


def both(fn):
    """fn() with the C speedups, then with ctypes alone."""
    fast = outcome(fn)
    _fast.FAST = None
    try:
        slow = outcome(fn)
    finally:
        _fast.FAST = FAST
    return fast, slow


def typed(info):
    """A VietQRInfo as (field, type, value) for an exact comparison."""
    if info is None or not isinstance(info, vietqr.VietQRInfo):
        return info
    return [(name, type(getattr(info, name)), getattr(info, name)) for name in info.__slots__]


def read(p, **kw):
    """Payload.parse(p).vietqr() and what the payload gives otherwise."""
    def call():
        payload = Payload.parse(p, **kw)
        view = outcome(payload.vietqr)
        if view[0] == "ok":
            view = ("ok", typed(view[1]))
        return (view, payload.write(), payload.write(keep_order=True), payload.profile,
                [repr(d) for d in payload.diagnostics], payload.crc, payload.get("62.08"))
    return call


@unittest.skipIf(FAST is None and os.environ.get("VQR_SPEEDUPS_BUILT") != "1",
                 "the build has no C speedups (python3-dev, -Dpython_speedups): only ctypes runs")
class SpeedupTests(unittest.TestCase):
    def test_in_use(self):
        # The build made it: it must be the one in use, or nothing here
        # compares anything.
        self.assertIsNotNone(FAST, "VIETQR_SPEEDUPS=%r" % os.environ.get("VIETQR_SPEEDUPS"))
        p = Payload.parse(corpus()[0]["payload"])
        self.assertIsInstance(p._store, FAST.Store)
        self.assertEqual(p._store.nbytes, _native.LIB.vqr_payload_sizeof())

    def test_corpus_read(self):
        rows = corpus()
        self.assertGreater(len(rows), 1000)
        for r in rows[::STEP]:
            fast, slow = both(read(r["payload"]))
            self.assertEqual(fast, slow, r["payload"])
            self.assertEqual(fast[0], "ok")
            fields = dict((n, v) for n, _, v in fast[1][0][1])
            self.assertEqual((fields["bin"], fields["account"], fields["amount"],
                              fields["purpose"]),
                             (r["bin"], r["account"], r["amount"], r["purpose"]))

    def test_vectors_read(self):
        payloads = vectors()
        self.assertGreater(len(payloads), 20)
        for p in payloads:
            for kw in ({}, {"lenient": True}, {"profile": "vietqr"}):
                fast, slow = both(read(p, **kw))
                self.assertEqual(fast, slow, (p, kw))

    def test_input_types(self):
        p = corpus()[0]["payload"]
        for data in (p, p.encode(), bytearray(p.encode()), memoryview(p.encode()),
                     "\ufeff" + p, p + "\n", p[:-1], p.lower(), "", "\ud800" + p, 42, None,
                     p.encode("utf-16")):
            fast, slow = both(read(data))
            self.assertEqual(fast, slow, repr(data))

    def test_drawn_read(self):
        rng = random.Random(20261202)
        rows = corpus()
        seen = {"ok": 0, "raises": 0}
        for _ in range(3000 // STEP):
            s = list(rng.choice(rows)["payload"])
            for _ in range(rng.randint(1, 3)):
                i = rng.randrange(len(s))
                op = rng.randrange(4)
                if op == 0:
                    s[i] = chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x300)]))
                elif op == 1:
                    del s[i]
                elif op == 2:
                    s.insert(i, rng.choice("0123456789AZaz .\x00é"))
                else:
                    s[i] = s[rng.randrange(len(s))]
            data = "".join(s)
            fast, slow = both(read(data))
            self.assertEqual(fast, slow, data)
            seen[fast[0]] += 1
        self.assertGreater(seen["raises"], 100 // STEP)  # the drawn inputs reach the errors

    def test_not_vietqr(self):
        # Parsed by the C path, refused by vietqr(): the ctypes path raises.
        built = Payload()
        for path, value in (("01", "11"), ("29.00", "A000000677010111"),
                            ("29.01", "0066800000000"), ("53", "764"), ("58", "TH")):
            built.set(path, value)
        emv = built.write()
        fast, slow = both(read(emv, lenient=True))
        self.assertEqual(fast, slow)

    def test_payload_methods(self):
        p = Payload.parse(corpus()[5]["payload"])
        p.set("62.08", "Hoc phi")
        p.remove("62.01", missing_ok=True)
        self.assertEqual(Payload.parse(p.write()).vietqr().purpose, "Hoc phi")
        self.assertEqual(Payload().write()[:6], "000201")

    def test_corpus_write(self):
        for r in corpus()[::STEP]:
            kw = {"amount": int(r["amount"] or 0), "alnum_account": not r["account"].isdigit()}
            if r["service"] == "QRIBFTTC":
                kw["service"] = Service.CARD
            for col, name in (("mcc", "mcc"), ("name", "merchant_name"),
                              ("city", "merchant_city"), ("bill", "bill_number"),
                              ("purpose", "purpose")):
                if r[col]:
                    kw[name] = r[col]
            fast, slow = both(lambda: vietqr.write_vietqr(r["bin"], r["account"], **kw))
            self.assertEqual(fast, slow, r)
            self.assertEqual(fast[1][0], r["canonical"])

    def test_write_arguments(self):
        base = ("970436", "0011004123456")
        cases = [
            {}, {"amount": 150000}, {"amount": 0}, {"amount": None}, {"amount": "150000"},
            {"amount": 1.5}, {"amount": True}, {"amount": -1}, {"amount": 1 << 64},
            {"amount": (1 << 64) - 1}, {"purpose": "Học phí kỳ 1 — lớp 5A"},
            {"purpose": "Học phí", "strict_text": True}, {"purpose": "x" * 26},
            {"purpose": "a\0b"}, {"purpose": b"Hoc phi"}, {"purpose": bytearray(b"x")},
            {"purpose": "\udc80"}, {"purpose": 5}, {"merchant_name": "Bệnh viện Đa khoa Tỉnh"},
            {"merchant_city": "Thành phố Hồ Chí Minh"}, {"mcc": "12a4"}, {"country": "vn"},
            {"currency": 840, "amount": 1250}, {"currency": -1}, {"currency": 1 << 32},
            {"currency": "704"}, {"service": Service.CARD}, {"service": 99}, {"service": -1},
            {"service": "card"}, {"service": True}, {"bill_number": "HD-2026/12345"},
            {"store": "CS1", "terminal": "Quay 3", "reference": "REF1"},
            {"alnum_account": True}, {"strict_text": 1}, {"amount": 10 ** 13},
        ]
        banks = [base, ("Vietcombank", "0011004123456"), ("VCB", "0011004123456"),
                 ("970999", "1"), ("Ngan hang khong co", "1"), ("97043", "1"), ("", ""),
                 (b"970436", b"0011004123456"), ("970436", "0011-004"), ("970436", "A1B2"),
                 (None, "1"), ("970436", None), (970436, "1"), ("970436", "1" * 20),
                 ("9704\x0036", "1"), ("BIDV", "12345678901234567890")]
        for bank, account in banks[::2 if MEMCHECK else 1]:
            for kw in cases:
                fast, slow = both(lambda: vietqr.write_vietqr(bank, account, **kw))
                self.assertEqual(fast, slow, (bank, account, kw))

    def test_drawn_write(self):
        rng = random.Random(12022026)
        alphabet = "0123456789 abcXYZ-./đĐàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệ\u0301\u00a0😀\t"
        for _ in range(2000 // STEP):
            def text(n):
                return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))
            kw = {name: text(30) for name in ("purpose", "merchant_name", "merchant_city",
                                              "bill_number", "store", "reference", "terminal")
                  if rng.random() < 0.4}
            if rng.random() < 0.5:
                kw["amount"] = rng.choice([0, 1, 150000, rng.randrange(10 ** 14)])
            if rng.random() < 0.1:
                kw["strict_text"] = True
            account = "".join(rng.choice("0123456789A") for _ in range(rng.randint(1, 21)))
            bank = rng.choice(["970436", "970415", "VCB", "Techcombank", "970000", "MB"])
            fast, slow = both(lambda: vietqr.write_vietqr(bank, account, **kw))
            self.assertEqual(fast, slow, (bank, account, kw))

    def test_subclass_takes_ctypes_path(self):
        # A subclass's own __init__ runs: parse leaves it to the ctypes path.
        class Mine(Payload):
            __slots__ = ()
            inits = 0

            def __init__(self):
                super().__init__()
                type(self).inits += 1

        p = Mine.parse(corpus()[0]["payload"])
        self.assertIsInstance(p, Mine)
        self.assertEqual(Mine.inits, 1)
        self.assertEqual(p.vietqr().bin, corpus()[0]["bin"])

    def test_threads(self):
        rows = corpus()[:200]
        errors = []

        def work():
            for r in rows:
                info = Payload.parse(r["payload"]).vietqr()
                if info.account != r["account"]:
                    errors.append(r)
                text, _ = vietqr.write_vietqr(r["bin"], r["account"])
                if not text.startswith("000201"):
                    errors.append(text)
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


class ConfigureTests(unittest.TestCase):
    def test_off(self):
        # VIETQR_SPEEDUPS=off: ctypes alone, in a fresh interpreter.
        import subprocess
        env = dict(os.environ, VIETQR_SPEEDUPS="off")
        code = ("import vietqr, vietqr._fast as f; print(f.FAST); "
                "print(vietqr.Payload.parse(%r).vietqr().bin)" % corpus()[0]["payload"])
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, cwd=under_test.SOURCE_PACKAGE if not under_test.INSTALLED
                             else None)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.split("\n")[:2], ["None", corpus()[0]["bin"]])

    @unittest.skipIf(FAST is None, "no C speedups to configure")
    def test_wrong_version_refused(self):
        functions = {name: 1 for name in _fast._FUNCTIONS}
        with self.assertRaises(ImportError) as cm:
            FAST.configure(0x00FFFF, functions, vietqr.VietQRInfo, vietqr.Network, Service, {},
                           vietqr.VietQRReport, vietqr.FoldedField, Payload, threading.Lock)
        self.assertIn("was built for libvietqr", str(cm.exception))
        self.assertIsNotNone(Payload.parse(corpus()[0]["payload"]).vietqr())

    @unittest.skipIf(FAST is None, "no C speedups to configure")
    def test_class_without_slots_refused(self):
        # The instances are filled slot by slot: a VietQRInfo without
        # __slots__ is refused, and the module keeps working as configured.
        functions = {name: ctypes.cast(_native.LIB[name], ctypes.c_void_p).value
                     for name in _fast._FUNCTIONS}
        plain = dataclasses.make_dataclass("Plain", vietqr.VietQRInfo.__slots__, frozen=True)
        with self.assertRaises(ImportError) as cm:
            FAST.configure(_native.LIB.vqr_version(), functions, plain, vietqr.Network, Service,
                           {}, vietqr.VietQRReport, vietqr.FoldedField, Payload, threading.Lock)
        self.assertIn("__slots__", str(cm.exception))
        self.assertIsInstance(Payload()._store, FAST.Store)
        info = Payload.parse(corpus()[0]["payload"]).vietqr()
        self.assertIsInstance(info, vietqr.VietQRInfo)
        self.assertEqual(info.bin, corpus()[0]["bin"])


if __name__ == "__main__":
    unittest.main()
