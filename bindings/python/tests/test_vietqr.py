"""Tests of the Python binding.

Driven by tests/data/vectors.json and tests/data/expectations.json, the same
files as the C suite: every vector's strict and lenient outcome, each
diagnostic's code, offsets and tag, and the round trip must come out of the
binding exactly as the C suite asserts. Then exact error fields, building,
editing, the tree, the CRC helpers, and the binding's constants against
include/vietqr.h.

Environment: VIETQR_LIB (the libvietqr.so under test), VQR_TEST_DATA (the
directory of the JSON files), VQR_SOURCE_ROOT (the repository), VQR_LAYOUT
(the layout program). Without them the paths are taken relative to this
file. ``--installed`` tests the package Python finds on its own (a wheel,
the Debian package) instead of the source tree's (tests/under_test.py).
"""

import ctypes
import json
import os
import re
import subprocess
import sys
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("VQR_SOURCE_ROOT") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DATA = os.environ.get("VQR_TEST_DATA") or os.path.join(ROOT, "tests", "data")
import under_test  # noqa: E402  (the source tree's package, or --installed)

import vietqr  # noqa: E402
from vietqr import Payload, Severity, Status, VietQRError  # noqa: E402
from vietqr import _native  # noqa: E402

under_test.check(vietqr, _native.LIB)


def load_json(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


VECTORS = load_json("vectors.json")
EXPECT = load_json("expectations.json")["vectors"]


def with_crc(body: str) -> str:
    """Appends 6304 and the right CRC (over the UTF-8 bytes)."""
    text = body + "6304"
    return text + "%04X" % vietqr.crc16(text.encode("utf-8"))


# A NAPAS 247 VietQR (NAPAS guideline 6.1.3), and the same parts unordered.
NAPAS = ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
         "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E")
NAPAS_PARTS = [("62.08", "thanh toan don hang"), ("58", "VN"), ("38.01.01", "0011012345678"),
               ("38.00", "A000000727"), ("54", "180000"), ("38.02", "QRIBFTTA"),
               ("38.01.00", "970403"), ("53", "704"), ("01", "12"), ("62.01", "NPS6869")]


def split(diags):
    errors = [d for d in diags if d.severity == Severity.ERROR]
    warnings = [d for d in diags if d.severity == Severity.WARNING]
    return errors, warnings


class VectorTests(unittest.TestCase):
    """One test per vector and purpose; methods are added below."""

    def check_diags(self, got, want, where):
        self.assertEqual([(d.name, d.offset, d.char_offset, d.tag) for d in got],
                         [(w["code"], w["offset"], w["char_offset"], w["tag"]) for w in want],
                         where)
        for d in got:
            self.assertEqual(d.code, Status[d.name], where)
            self.assertEqual(d.message, vietqr.strerror(d.code), where)
            self.assertEqual(d.message_vi, vietqr.strerror(d.code, vietnamese=True), where)

    def check_expectations(self, i):
        payload = VECTORS[i]["payload"]
        ex = EXPECT[i]
        self.assertEqual(ex["index"], i)
        for mode in ("strict", "lenient", "default"):
            want = ex[mode]
            where = "vector %d %s" % (i, mode)
            profile = {"strict": "emvco", "lenient": "lenient", "default": None}[mode]
            if want["status"] == "VQR_OK":
                p = Payload.parse(payload, profile=profile)
                self.assertEqual(p.profile.name.lower(), want.get("profile", profile), where)
                diags = p.diagnostics
                counts = (p.diagnostic_count(Severity.ERROR), p.diagnostic_count(Severity.WARNING))
            else:
                with self.assertRaises(VietQRError, msg=where) as cm:
                    Payload.parse(payload, profile=profile)
                e = cm.exception
                first = want["errors"][0]
                self.assertEqual(e.name, want["status"], where)
                self.assertEqual(e.code, Status[want["status"]], where)
                self.assertEqual((e.name, e.offset, e.char_offset, e.tag),
                                 (first["code"], first["offset"], first["char_offset"],
                                  first["tag"]), where)
                self.assertEqual(e.message, vietqr.strerror(e.code), where)
                self.assertEqual(e.message_vi, vietqr.strerror(e.code, vietnamese=True), where)
                diags = list(e.diagnostics)
                counts = None
            errors, warnings = split(diags)
            self.check_diags(errors, want["errors"], where + " errors")
            self.check_diags(warnings, want["warnings"], where + " warnings")
            if counts is not None:
                self.assertEqual(counts, (len(errors), len(warnings)), where)
            # The same bytes given as bytes give the same answer.
            try:
                again = Payload.parse(payload.encode("utf-8"), profile=profile).diagnostics
            except VietQRError as exc:
                again = list(exc.diagnostics)
            self.assertEqual(again, diags, where)

    def check_crc(self, i):
        v = VECTORS[i]
        payload = v["payload"]
        raw = payload.encode("utf-8")
        computed = v.get("crc_computed")
        res = vietqr.crc_check(payload)
        if computed and len(raw) >= 8 and raw[-8:-4] == b"6304":
            self.assertEqual(res.expected, computed)
            self.assertEqual(res.ok, v["crc_ok"])
            self.assertEqual(vietqr.crc16(raw[:-4]), int(computed, 16))
            self.assertEqual(res.status, Status.VQR_OK if v["crc_ok"] else Status.VQR_ERR_CRC_MISMATCH)
        if v["crc_ok"] and EXPECT[i]["lenient"]["status"] == "VQR_OK":
            p = Payload.parse(payload, lenient=True)
            self.assertEqual(p.crc, vietqr.CrcInfo(v["crc_given"], computed, True))

    def check_round_trip(self, i):
        payload = VECTORS[i]["payload"]
        rt = EXPECT[i]["roundtrip"]
        if rt is None:
            self.assertNotEqual(EXPECT[i]["lenient"]["status"], "VQR_OK")
            return
        p = Payload.parse(payload, lenient=True)
        out = p.write(keep_order=True)
        if rt == "char-lengths":
            # Read with byte lengths: written back with character lengths,
            # which read without the warning and give the same values.
            self.assertNotEqual(out, payload)
            q = Payload.parse(out, lenient=True)
            self.assertNotIn("VQR_ERR_BYTE_LENGTHS", [d.name for d in q.diagnostics])
            values = [(o.tag, o.value) for o in p.walk() if not o.is_template and o.id != 63]
            self.assertEqual([(o.tag, o.value) for o in q.walk() if not o.is_template and o.id != 63],
                             values)
            self.assertIn(("62.08", p.get("62.08")), values)
            return
        if rt == "same":
            self.assertEqual(out, payload)
        elif rt == "char-lengths":
            # Read with byte lengths: written back with character lengths.
            q = Payload.parse(out, lenient=True)
            self.assertNotIn("VQR_ERR_BYTE_LENGTHS", [d.name for d in q.diagnostics])
            self.assertEqual(q.get("62.08"), p.get("62.08"))
            self.assertNotEqual(out, payload)
        else:
            self.assertEqual(rt, "crc-upper")
            self.assertEqual(out, payload[:-4] + payload[-4:].upper())
        self.assertEqual(str(p), out)
        try:
            canon = p.write()
        except VietQRError as e:
            # Lenient-read empty values cannot be written (vector 78).
            self.assertEqual(e.code, Status.VQR_ERR_ZERO_LENGTH)
            return
        q = Payload.parse(canon, lenient=True)
        for o in p.walk():
            if o.id == 63 or o.is_template:
                continue
            self.assertEqual(q.get(o.tag), o.value, o.tag)


def _add_vector_tests():
    if len(VECTORS) < 90 or len(VECTORS) != len(EXPECT):
        raise RuntimeError("vectors.json and expectations.json do not agree")
    for i in range(len(VECTORS)):
        for kind in ("expectations", "crc", "round_trip"):
            def test(self, i=i, kind=kind):
                getattr(self, "check_" + kind)(i)
            test.__name__ = "test_%s_%03d" % (kind, i)
            setattr(VectorTests, test.__name__, test)


_add_vector_tests()


class ErrorFieldTests(unittest.TestCase):
    """Exact fields of VietQRError for chosen inputs."""

    def test_crc_mismatch_after_vietnamese_text(self):
        body = "000201010211" + "26120008com.test" + "52048062530370458" "02VN" \
               "5906BV BAN6006HA NOI" + "64190002vi0109Bệnh viện"
        good = with_crc(body)
        bad = good[:-4] + ("0000" if good[-4:] != "0000" else "1111")
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(bad)
        e = cm.exception
        nbytes = len(good.encode("utf-8"))
        self.assertEqual(e.code, Status.VQR_ERR_CRC_MISMATCH)
        self.assertEqual(e.name, "VQR_ERR_CRC_MISMATCH")
        self.assertEqual(e.offset, nbytes - 8)        # the 63 object, in bytes
        self.assertEqual(e.char_offset, len(good) - 8)  # ... and in characters
        self.assertLess(e.char_offset, e.offset)
        self.assertEqual(e.tag, "63")
        self.assertEqual(e.message, "the CRC does not match the payload")
        self.assertEqual(e.message_vi, "CRC không khớp với nội dung payload")
        self.assertIn("VQR_ERR_CRC_MISMATCH", str(e))
        self.assertIsInstance(e, ValueError)
        # The good one reads, with its Vietnamese text intact.
        p = Payload.parse(good)
        self.assertEqual(p.get("64.01"), "Bệnh viện")
        self.assertEqual(p.diagnostics, [])

    def test_duplicate_id_reports_both_offsets(self):
        text = with_crc("00020101021126120008com.test5204806253037045802VN"
                        "5906BV BAN6006HA NOI5802VN")
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(text, lenient=True)
        e = cm.exception
        self.assertEqual((e.name, e.tag), ("VQR_ERR_DUPLICATE_ID", "58"))
        # 000201 010211 26120008com.test 52048062 5303704 5802VN 5906BV BAN 6006HA NOI 5802VN
        # 0      6      12               28       36      43     49         59         69
        self.assertEqual((e.offset, e.char_offset), (69, 69))
        self.assertEqual(e.related_offset, 43)

    def test_lone_surrogate_is_utf8_error_at_its_offset(self):
        with self.assertRaises(VietQRError) as cm:
            Payload.parse("000201\ud800")
        e = cm.exception
        self.assertEqual((e.code, e.offset, e.char_offset, e.tag), (Status.VQR_ERR_UTF8, 6, 6, ""))

    def test_invalid_utf8_bytes(self):
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(b"00020101021\xff")
        self.assertEqual((cm.exception.name, cm.exception.offset), ("VQR_ERR_UTF8", 11))

    def test_set_too_long_reports_limit_and_changes_nothing(self):
        p = Payload.parse(NAPAS, lenient=True)
        with self.assertRaises(VietQRError) as cm:
            p.set("62.08", "x" * 26)
        e = cm.exception
        self.assertEqual((e.code, e.tag, e.limit), (Status.VQR_ERR_LENGTH, "62.08", 25))
        self.assertEqual(p.get("62.08"), "thanh toan don hang")
        self.assertEqual(p.write(keep_order=True), NAPAS)

    def test_bad_paths(self):
        p = Payload.parse(NAPAS, lenient=True)
        for path in ("6.2", "620", "62.", "", "62\0.08", "６２"):
            with self.assertRaises(VietQRError, msg=repr(path)) as cm:
                p.get(path)
            self.assertEqual(cm.exception.code, Status.VQR_ERR_BAD_PATH, repr(path))
            self.assertEqual(cm.exception.message, vietqr.strerror(Status.VQR_ERR_BAD_PATH))
            self.assertIsNone(cm.exception.offset)
        with self.assertRaises(VietQRError) as cm:
            p.set("62\0.08", "x")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_BAD_PATH)
        with self.assertRaises(TypeError):
            p.get(62)

    def test_get_missing_and_changed_template(self):
        p = Payload.parse(NAPAS, lenient=True)
        self.assertIsNone(p.get("62.05"))
        self.assertEqual(p.get("62.05", "-"), "-")
        with self.assertRaises(KeyError):
            p["62.05"]
        self.assertEqual(p.get("62"), "0107NPS68690819thanh toan don hang")
        p.set("62.05", "REF1")
        with self.assertRaises(VietQRError) as cm:
            p.get("62")
        self.assertEqual((cm.exception.code, cm.exception.tag), (Status.VQR_ERR_IS_TEMPLATE, "62"))
        self.assertIn("62", p)
        self.assertNotIn("62.06", p)
        self.assertNotIn("6.2", p)

    def test_set_template_and_crc(self):
        p = Payload()
        with self.assertRaises(VietQRError) as cm:
            p.set("62", "0104ABCD")
        self.assertEqual((cm.exception.code, cm.exception.tag), (Status.VQR_ERR_IS_TEMPLATE, "62"))
        with self.assertRaises(VietQRError) as cm:
            p.set("63", "ABCD")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_INVALID_ARGUMENT)

    def test_remove(self):
        p = Payload.parse(NAPAS, lenient=True)
        self.assertTrue(p.remove("54"))
        with self.assertRaises(VietQRError) as cm:
            p.remove("54")
        self.assertEqual((cm.exception.code, cm.exception.tag), (Status.VQR_ERR_NOT_FOUND, "54"))
        self.assertFalse(p.remove("54", missing_ok=True))
        with self.assertRaises(VietQRError) as cm:
            p.remove("5x")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_BAD_PATH)

    def test_write_errors_name_the_template(self):
        p = Payload()
        for k, c in enumerate("ABCD"):
            p.set("62.0%d" % (k + 1), c * 25)  # 4 x 29 characters > 99
        with self.assertRaises(VietQRError) as cm:
            p.write()
        e = cm.exception
        self.assertEqual((e.code, e.tag, e.limit), (Status.VQR_ERR_TEMPLATE_TOO_LONG, "62", 99))
        self.assertIsNone(e.offset)
        self.assertIsNone(e.char_offset)
        p.remove("62.04")
        self.assertIn("62870125" + "A" * 25, p.write())
        p.remove("00")
        with self.assertRaises(VietQRError) as cm:
            p.write()
        self.assertEqual((cm.exception.code, cm.exception.tag), (Status.VQR_ERR_MISSING, "00"))

    def test_template_emptied_by_remove_is_dropped(self):
        p = Payload()
        p.set("26.00", "com.test")
        p.remove("26.00")
        self.assertEqual(p.write(), with_crc("000201"))

    def test_missing_crc_and_too_large(self):
        with self.assertRaises(VietQRError) as cm:
            Payload.parse("000201")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_CRC_MISSING)
        with self.assertRaises(VietQRError) as cm:
            Payload.parse("0" * 5000)
        self.assertEqual(cm.exception.code, Status.VQR_ERR_INPUT_TOO_LARGE)
        self.assertEqual(cm.exception.limit, 2048)

    def test_warnings_in_lenient_mode(self):
        lower = NAPAS[:-4] + NAPAS[-4:].lower()
        lower = lower[:-4] + "2e2e"
        p = Payload.parse(lower, lenient=True)
        names = [(d.name, d.severity, d.tag) for d in p.diagnostics]
        self.assertIn(("VQR_ERR_CRC_LOWERCASE", Severity.WARNING, "63"), names)
        self.assertTrue(all(d.is_warning for d in p.diagnostics))
        self.assertEqual(p.diagnostic_count(), len(names))
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(lower)
        self.assertEqual(cm.exception.code, Status.VQR_ERR_CRC_LOWERCASE)


class BuildTests(unittest.TestCase):

    def test_napas_example_from_parts(self):
        p = Payload()
        for path, value in NAPAS_PARTS:
            p.set(path, value)
        self.assertEqual(p.write(), NAPAS)
        self.assertEqual(p.get("38.01.00"), "970403")
        p.remove("54")
        p.remove("62")
        p["01"] = "11"
        self.assertEqual(p.write(), "00020101021138570010A00000072701270006970403011300110123456780208"
                                    "QRIBFTTA53037045802VN63049E6F")

    def test_vietnamese_text_counts_characters(self):
        p = Payload()
        for path, value in [("26.00", "com.test"), ("52", "8062"), ("53", "704"), ("58", "VN"),
                            ("59", "BENH VIEN BACH MAI"), ("60", "HA NOI"),
                            ("64.01", "Bệnh viện Bạch Mai"), ("64.00", "vi")]:
            p.set(path, value.encode("utf-8") if path == "64.01" else value)
        out = p.write()
        self.assertEqual(out, with_crc("00020126120008com.test520480625303704"
                                       "5802VN5918BENH VIEN BACH MAI6006HA NOI"
                                       "64280002vi0118Bệnh viện Bạch Mai"))
        q = Payload.parse(out)
        o = [x for x in q.walk() if x.tag == "64.01"][0]
        self.assertEqual(o.value, "Bệnh viện Bạch Mai")
        self.assertEqual(o.offset - o.char_offset, 0)
        crc = [x for x in q.walk() if x.tag == "63"][0]
        self.assertEqual(crc.offset - crc.char_offset, len("Bệnh viện Bạch Mai".encode()) - 18)

    def test_supplementary_characters_round_trip(self):
        p = Payload()
        p.set("26.00", "A000000775")  # someone to pay, in a currency: lenient reads it
        p.set("26.01", "0102154778")
        p.set("53", "704")
        p.set("64.00", "vi")
        p.set("64.01", "Quán \U0001F35C")  # a character outside the BMP
        out = p.write()
        self.assertIn("0106Quán \U0001F35C", out)  # 6 code points, 10 bytes
        self.assertEqual(Payload.parse(out, lenient=True).get("64.01"), "Quán \U0001F35C")

    def test_edit_keeps_untouched_bytes(self):
        lower = NAPAS[:-4] + "2e2e"
        p = Payload.parse(lower, lenient=True)
        p.set("54", "150000")
        out = p.write(keep_order=True)
        self.assertEqual(out[:-4], NAPAS[:-4].replace("5406180000", "5406150000"))
        self.assertTrue(vietqr.crc_check(out).ok)
        self.assertEqual(Payload.parse(out, lenient=True).get("54"), "150000")

    def test_tree(self):
        p = Payload.parse(NAPAS, lenient=True)
        roots = p.objects()
        self.assertEqual([o.tag for o in roots], ["00", "01", "38", "53", "54", "58", "62", "63"])
        t38 = roots[2]
        self.assertTrue(t38.is_template)
        self.assertEqual([c.tag for c in t38.children], ["38.00", "38.01", "38.02"])
        self.assertEqual([(c.tag, c.depth, c.value) for c in t38.children[1].children],
                         [("38.01.00", 2, "970403"), ("38.01.01", 2, "0011012345678")])
        self.assertEqual(t38.offset, 12)
        walked = [o.tag for o in p.walk()]
        self.assertEqual(walked[:7], ["00", "01", "38", "38.00", "38.01", "38.01.00", "38.01.01"])
        self.assertEqual(len(walked), 15)
        p.set("62.05", "X")
        t62 = [o for o in p.objects() if o.id == 62][0]
        self.assertIsNone(t62.value)
        self.assertIsNone(t62.children[-1].offset)
        self.assertEqual(t62.children[-1].tag, "62.05")

    def test_crc_helpers(self):
        self.assertEqual(vietqr.crc16(b"123456789"), 0x29B1)
        self.assertEqual(vietqr.crc16("123456789"), 0x29B1)
        self.assertEqual(vietqr.crc16(b""), 0xFFFF)
        self.assertEqual(vietqr.crc_check(NAPAS), (True, Status.VQR_OK, "2E2E"))
        self.assertEqual(vietqr.crc_check(NAPAS[:-1] + "F"),
                         (False, Status.VQR_ERR_CRC_MISMATCH, "2E2E"))
        self.assertEqual(vietqr.crc_check("12").status, Status.VQR_ERR_CRC_MISSING)
        self.assertEqual(vietqr.crc_check("12").expected, "")

    def test_threads_share_a_payload_safely(self):
        p = Payload.parse(NAPAS, lenient=True)
        seen, failures = set(), []

        def work(n):
            try:
                for k in range(40):  # each set takes ~6 bytes of the payload's storage
                    p.set("62.05", "T%d-%02d" % (n, k))
                    seen.add(vietqr.crc_check(p.write()).ok)
            except Exception as exc:  # reported below: a thread's failure is not raised
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(seen, {True})
        self.assertRegex(p.get("62.05"), r"^T[0-3]-39$")


    def test_shared_payload_edited_by_threads_never_runs_out(self):
        # The storage used to fill after about 660 edits of one payload; a
        # shared template re-stamped by worker threads hit it.
        p = Payload.parse(NAPAS, lenient=True)
        failures = []

        def work(n):
            try:
                for k in range(1000):
                    p.set("54", str(1000 + n * 10000 + k))
                    p.set("62.05", "T%d-%04d" % (n, k))
                    if k % 3 == 0:
                        p.remove("54", missing_ok=True)
                    if k % 200 == 0 and not vietqr.crc_check(p.write(keep_order=True)).ok:
                        failures.append("bad CRC")
            except Exception as exc:  # reported below: a thread's failure is not raised
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])  # about 9,300 edits: 660 used to fill the storage
        self.assertRegex(p.get("62.05"), r"^T[0-3]-0999$")
        q = Payload.parse(p.write(keep_order=True), lenient=True)
        self.assertEqual(q.get("62.05"), p.get("62.05"))


class IntegerTests(unittest.TestCase):
    """Every integer crossing into C is checked: out of its C type's range
    is OverflowError (a ValueError too), never a wrapped value."""

    def assertRefused(self, fn, *args, **kwargs):
        with self.assertRaises(OverflowError) as cm:
            fn(*args, **kwargs)
        self.assertIsInstance(cm.exception, ValueError)
        return cm.exception

    def test_the_wraps_of_the_review(self):
        # 840 + 2**32 was read as USD: "12.5" became 1250 cents.
        e = self.assertRefused(vietqr.parse_amount, "12.5", 840 + 2 ** 32)
        self.assertIn("currency", str(e))
        with vietqr.QRCode.encode(NAPAS) as qr:
            # (2**32, 2**32) read module (0, 0).
            self.assertRefused(qr.module, 2 ** 32, 2 ** 32)
            self.assertRefused(qr.module, 0, -2 ** 31 - 1)
            self.assertTrue(qr.module(0, 0))
            self.assertRefused(qr.png, scale=2 ** 32 + 4)
            self.assertRefused(qr.png, dpi=-1)
            self.assertRefused(qr.svg, foreground=2 ** 32)
            self.assertRefused(qr.print_size, 30.0, dpi=2 ** 32 + 300)
            self.assertRefused(qr.print_size, 30.0, quiet_zone=-4)
        for kw in ({"currency": 704 + 2 ** 32}, {"currency": -1}, {"service": 2 ** 32 + 1},
                   {"amount": -1}, {"amount": 2 ** 64}):
            self.assertRefused(vietqr.build_vietqr, "970436", "0011001234567", **kw)
            self.assertRefused(vietqr.write_vietqr, "970436", "0011001234567", **kw)
        self.assertRefused(vietqr.format_amount, -1)
        self.assertRefused(vietqr.format_amount, 2 ** 64)
        self.assertRefused(vietqr.format_amount, 100, 704 + 2 ** 32)
        self.assertRefused(vietqr.amount_words, 2 ** 64)
        self.assertRefused(vietqr.QRCode.encode, "x", 2 ** 32 + 2)
        # A transaction's amount (int64): 2**64 + 1000 was read as 1,000
        # đồng paid.
        r = vietqr.Reconciliation()
        ref = vietqr.make_reference("HS24", 1)
        r.add_issued(ref, 1000)
        for bad in (2 ** 64 + 1000, 2 ** 63, -2 ** 63 - 1, float(2 ** 64)):
            self.assertRefused(r.add_transaction, "t1", "2026-12-01", bad, "HP " + ref)
        self.assertRefused(r.add_issued, ref, 2 ** 64 + 1000)
        with self.assertRaises(VietQRError) as cm:  # not sequence 1
            vietqr.make_reference("HS24", 2 ** 32 + 1)
        self.assertEqual(cm.exception.name, "VQR_ERR_REF_SEQUENCE")
        with self.assertRaises(VietQRError) as cm:  # in range: the library's own bound
            r.add_transaction("t1", "2026-12-01", 2 ** 63 - 1, "HP " + ref)
        self.assertEqual(cm.exception.name, "VQR_ERR_RECON_AMOUNT")
        self.assertEqual(r.add_transaction("t1", "2026-12-01", 1000, "HP " + ref), 0)
        # Within range they still work, at the edges too.
        self.assertEqual(vietqr.format_amount(5, 840), "0.05")
        with self.assertRaises(VietQRError):
            vietqr.parse_amount("12.5", 2 ** 32 - 1)  # no such currency: the library says so

    def test_every_declared_function_checks(self):
        lib = vietqr._native.LIB
        self.assertEqual(lib.vqr_status_name(21), b"VQR_ERR_CRC_MISMATCH")
        for bad in (2 ** 31, -2 ** 31 - 1):
            self.assertRefused(lib.vqr_status_name, bad)
        self.assertRefused(lib.vqr_crc16, b"abc", -1)
        self.assertRefused(lib.vqr_crc16, b"abc", 2 ** 64)
        with self.assertRaises(TypeError):
            vietqr.parse_amount("12", 840.0)


class TextTests(unittest.TestCase):

    def test_escape(self):
        # The one rule for showing untrusted text (vqr_text_escape).
        self.assertEqual(vietqr.escape("Hoc phi\x1b[1A\u202e7654321\\"),
                         ("Hoc phi\\x1b[1A\\u202e7654321\\\\", 2))
        self.assertEqual(vietqr.escape("Học phí \u009b\u200b\r\n"),
                         ("Học phí \\u009b\\u200b\\r\\n", 4))
        self.assertEqual(vietqr.escape(b"a\xff"), ("a\\xff", 1))
        self.assertEqual(vietqr.escape('a\x1b"\u202e', "json"), ('a\\u001b\\"\\u202e', 2))
        doc = json.dumps({"p": "x\u202e\x7f"}, ensure_ascii=False)
        safe = vietqr.escape(doc, "json-document")
        self.assertEqual(safe, ('{"p": "x\\u202e\\u007f"}', 2))
        self.assertEqual(json.loads(safe.text), {"p": "x\u202e\x7f"})
        with self.assertRaises(VietQRError) as cm:
            vietqr.escape(b"a\xff", "json")
        self.assertEqual((cm.exception.name, cm.exception.offset), ("VQR_ERR_UTF8", 1))
        with self.assertRaises(ValueError):
            vietqr.escape("x", "html")

    def test_fold_the_headers_example(self):
        self.assertEqual(vietqr.fold_text("Thanh toán học phí Nguyễn Văn Đức"),
                         ("Thanh toan hoc phi Nguyen Van Duc", 7))
        nfd = "Thanh toa\u0301n ho\u0323c phi\u0301 Nguye\u0302\u0303n Va\u0306n \u0110\u01b0\u0301c"
        self.assertEqual(vietqr.fold_text(nfd), ("Thanh toan hoc phi Nguyen Van Duc", 7))
        self.assertEqual(vietqr.fold_text("ASCII only"), ("ASCII only", 0))
        self.assertEqual(vietqr.fold_text("a\u00a0b"), ("a b", 1))

    def test_fold_errors_point_at_the_character(self):
        cases = [("Giá 5€", False, "VQR_ERR_TEXT_NOT_ASCII", 6, 5),
                 ("a\tb", False, "VQR_ERR_TEXT_CONTROL", 1, 1),
                 ("á", True, "VQR_ERR_TEXT_NOT_ASCII", 0, 0),
                 (b"ab\xff", False, "VQR_ERR_UTF8", 2, 2)]
        for text, strict, name, offset, char_offset in cases:
            with self.assertRaises(VietQRError, msg=repr(text)) as cm:
                vietqr.fold_text(text, strict=strict)
            e = cm.exception
            self.assertEqual((e.name, e.offset, e.char_offset), (name, offset, char_offset), text)
            self.assertEqual(e.message_vi, vietqr.strerror(e.code, vietnamese=True))

    def test_nfc(self):
        self.assertEqual(vietqr.nfc("Nguye\u0302\u0303n"), "Nguyễn")
        self.assertEqual(vietqr.nfc("Nguyễn"), "Nguyễn")
        self.assertEqual(vietqr.nfc(""), "")
        with self.assertRaises(VietQRError) as cm:
            vietqr.nfc(b"a\xc3")
        self.assertEqual((cm.exception.name, cm.exception.offset), ("VQR_ERR_UTF8", 1))


class BankTests(unittest.TestCase):

    def test_directory(self):
        all_banks = vietqr.banks()
        self.assertEqual(len(all_banks), _native.LIB.vqr_bank_count())
        self.assertGreater(len(all_banks), 50)
        bins = [b.bin for b in all_banks]
        self.assertEqual(bins, sorted(bins))
        self.assertTrue(all(re.fullmatch(r"\d{6}", b) for b in bins))
        vcb = vietqr.bank_by_bin("970436")
        self.assertEqual((vcb.short_name, vcb.swift), ("Vietcombank", "BFTVVNVX"))
        self.assertEqual(vcb.name, "Ngân hàng TMCP Ngoại thương Việt Nam")
        self.assertIn(vcb, all_banks)
        for q, code in (("999999", Status.VQR_ERR_BANK_UNKNOWN), ("97043", Status.VQR_ERR_BIN)):
            with self.assertRaises(VietQRError) as cm:
                vietqr.bank_by_bin(q)
            self.assertEqual(cm.exception.code, code, q)
        with open(os.path.join(ROOT, "data", "VERSION"), encoding="ascii") as f:
            self.assertEqual(vietqr.bank_data_version(), f.read().strip())

    def test_find(self):
        for q in ("vcb", "VIETCOMBANK", "Viet Com Bank", "BFTVVNVX", "BFTVVNVXXXX", "970436",
                  "Ngân hàng TMCP Ngoại thương Việt Nam"):
            self.assertEqual(vietqr.find_bank(q).bin, "970436", q)
        self.assertEqual(vietqr.find_bank("ngan hang tmcp a chau").short_name, "ACB")
        with self.assertRaises(VietQRError) as cm:
            vietqr.find_bank("Vietcom")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_BANK_UNKNOWN)
        with self.assertRaises(VietQRError) as cm:
            vietqr.find_bank("IBKOVNVX")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_BANK_AMBIGUOUS)
        self.assertEqual([b.bin for b in vietqr.find_banks("IBKOVNVX")], ["970455", "970456"])
        self.assertEqual(vietqr.find_banks("zzz"), [])
        with self.assertRaises(VietQRError) as cm:
            vietqr.find_banks(b"\xff")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_UTF8)

    def test_search_and_suggestions(self):
        bins = lambda banks: [b.bin for b in banks]
        self.assertEqual(bins(vietqr.find_banks("vietcom")), ["970436"])
        self.assertEqual(bins(vietqr.find_banks("Shinhan")), ["970424"])
        self.assertEqual(bins(vietqr.find_banks("ngoai thuong")), ["970436"])
        self.assertEqual(bins(vietqr.find_banks("CIMB")), ["422589", "970459"])
        self.assertGreater(len(vietqr.find_banks("ngan hang")), 50)
        self.assertEqual(bins(vietqr.suggest_banks("Vietcombnak")), ["970436"])
        self.assertEqual(bins(vietqr.suggest_banks("IBKOVNVX", limit=2)), ["970455", "970456"])
        self.assertEqual(vietqr.suggest_banks("Vietcombnak", limit=0), [])
        with self.assertRaises(ValueError):
            vietqr.suggest_banks("x", limit=-1)
        # The errors name the banks a query may mean.
        with self.assertRaises(VietQRError) as cm:
            vietqr.find_bank("Vietcombnak")
        self.assertEqual(bins(cm.exception.suggestions), ["970436"])
        self.assertIn("did you mean Vietcombank (970436)?", str(cm.exception))
        with self.assertRaises(VietQRError) as cm:
            vietqr.build_vietqr("Vietcombnak", "0011001234567")
        self.assertEqual((cm.exception.tag, bins(cm.exception.suggestions)),
                         ("38.01.00", ["970436"]))
        with self.assertRaises(VietQRError) as cm:
            vietqr.write_vietqr("IBKOVNVX", "1")
        self.assertEqual(bins(cm.exception.suggestions), ["970455", "970456"])
        self.assertIn("it names IBK HN (970455) and IBK HCM (970456): give the BIN",
                      str(cm.exception))
        with self.assertRaises(VietQRError) as cm:
            vietqr.build_vietqr("970436", "12a")
        self.assertEqual(cm.exception.suggestions, ())


class VietQRTests(unittest.TestCase):

    def test_amounts(self):
        self.assertEqual(vietqr.parse_amount("50000"), 50000)
        self.assertEqual(vietqr.parse_amount("50000."), 50000)
        self.assertEqual(vietqr.parse_amount("12.5", 840), 1250)
        self.assertEqual(vietqr.format_amount(180000), "180000")
        self.assertEqual(vietqr.format_amount(1250, 840), "12.50")
        self.assertEqual(vietqr.format_amount(5, 840), "0.05")
        for text, cur, name, offset, tag, limit in [
                ("50000.5", 704, "VQR_ERR_AMOUNT_DECIMALS", 6, "54", 0),
                ("abc", 704, "VQR_ERR_AMOUNT_SYNTAX", 0, "54", 0),
                ("0", 704, "VQR_ERR_AMOUNT_ZERO", 0, "54", 0),
                ("1", 999, "VQR_ERR_CURRENCY", 0, "53", 0)]:
            with self.assertRaises(VietQRError, msg=text) as cm:
                vietqr.parse_amount(text, cur)
            e = cm.exception
            self.assertEqual((e.name, e.offset, e.tag, e.limit), (name, offset, tag, limit), text)
        with self.assertRaises(VietQRError) as cm:
            vietqr.format_amount(10 ** 13)
        self.assertEqual((cm.exception.name, cm.exception.limit), ("VQR_ERR_LENGTH", 13))
        with self.assertRaises(VietQRError) as cm:
            vietqr.format_amount(0)
        self.assertEqual(cm.exception.name, "VQR_ERR_AMOUNT_ZERO")

    def test_amount_words(self):
        self.assertEqual(vietqr.amount_words(1250000), "Một triệu hai trăm năm mươi nghìn đồng")
        self.assertEqual(vietqr.amount_words(1000000000), "Một tỷ đồng")
        self.assertEqual(vietqr.amount_words(105000, south=True), "Một trăm lẻ năm ngàn đồng")
        self.assertEqual(vietqr.amount_words(44444, tu=True),
                         "Bốn mươi tư nghìn bốn trăm bốn mươi tư đồng")
        self.assertEqual(vietqr.amount_words(0), "Không đồng")
        for vnd, cur, name, tag, limit in [(10 ** 13, 704, "VQR_ERR_LENGTH", "54", 13),
                                           (5, 840, "VQR_ERR_WORDS_CURRENCY", "53", 0),
                                           (5, 999, "VQR_ERR_CURRENCY", "53", 0)]:
            with self.assertRaises(VietQRError) as cm:
                vietqr.amount_words(vnd, currency=cur)
            e = cm.exception
            self.assertEqual((e.name, e.tag, e.limit), (name, tag, limit))
        with self.assertRaises(ValueError):
            vietqr.amount_words(-1)

    def test_napas_example_in_one_call(self):
        kw = dict(amount=180000, bill_number="NPS6869", purpose="thanh toan don hang")
        text, report = vietqr.write_vietqr("970403", "0011012345678", **kw)
        self.assertEqual(text, NAPAS)
        self.assertEqual(report, vietqr.VietQRReport("970403", True, 0, ()))
        built = vietqr.build_vietqr("970403", "0011012345678", **kw)
        self.assertEqual(built.text, NAPAS)
        self.assertEqual(built.payload.write(keep_order=True), NAPAS)

    def test_folding_is_reported(self):
        b = vietqr.build_vietqr("Vietcombank", "0011012345678", amount=180000,
                                purpose="Thanh toán học phí", merchant_name="Bệnh viện Bạch Mai")
        self.assertEqual(b.text, with_crc(
            "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA"
            "530370454061800005802VN5918Benh vien Bach Mai62220818Thanh toan hoc phi"))
        self.assertEqual(b.report, vietqr.VietQRReport("970436", True, 6, (
            vietqr.FoldedField("59", 3, 18, "Benh vien Bach Mai"),
            vietqr.FoldedField("62.08", 3, 18, "Thanh toan hoc phi"))))

    def test_build_errors_name_the_field(self):
        S = vietqr.Service
        cases = [
            (("", "123"), {}, "VQR_ERR_MISSING", None, "38.01.00", 0),
            (("Vietcom", "123"), {}, "VQR_ERR_BANK_UNKNOWN", None, "38.01.00", 0),
            (("97043", "123"), {}, "VQR_ERR_BIN", None, "38.01.00", 6),
            (("970436", "0123 456"), {}, "VQR_ERR_ACCOUNT", 4, "38.01.01", 0),
            (("970436", "99ZP24009M07248267"), {}, "VQR_ERR_ACCOUNT", 2, "38.01.01", 0),
            (("970436", "123456789012"), {"service": S.CARD}, "VQR_ERR_CARD", None, "38.01.01", 16),
            (("970436", "M1"), {"service": S.CASH, "terminal": "T1"}, "VQR_ERR_MISSING", None,
             "62.05", 0),
            (("970436", "1"), {"purpose": "x" * 26}, "VQR_ERR_LENGTH", None, "62.08", 25),
            (("970436", "1"), {"purpose": "học", "strict_text": True}, "VQR_ERR_TEXT_NOT_ASCII",
             1, "62.08", 0),
            (("970436", "1"), {"service": S.NONE}, "VQR_ERR_INVALID_ARGUMENT", None, "38.02", 0),
            (("970436", "1"), {"amount": 5, "currency": 999}, "VQR_ERR_CURRENCY", None, "53", 0),
            (("970436", "1"), {"country": "vn"}, "VQR_ERR_COUNTRY", None, "58", 2),
            (("970436", "00\0"), {}, "VQR_ERR_INVALID_ARGUMENT", 2, "38.01.01", 0),
            (("970436", "1"), {"purpose": "Học\0phí"}, "VQR_ERR_INVALID_ARGUMENT", 5, "62.08", 0),
        ]
        for args, kw, name, offset, tag, limit in cases:
            for fn in (vietqr.build_vietqr, vietqr.write_vietqr):
                with self.assertRaises(VietQRError, msg=(args, kw)) as cm:
                    fn(*args, **kw)
                e = cm.exception
                self.assertEqual((e.name, e.offset, e.tag, e.limit), (name, offset, tag, limit),
                                 (fn.__name__, args, kw))
        nul = [c for c in cases if "\0" in "".join(c[0]) + c[1].get("purpose", "")]
        self.assertEqual(len(nul), 2)
        with self.assertRaises(VietQRError) as cm:
            vietqr.build_vietqr("970436", "1", purpose="Học\0phí")
        self.assertEqual(cm.exception.char_offset, 3)
        b = vietqr.build_vietqr("970436", "99ZP24009M07248267", alnum_account=True)
        self.assertEqual(b.payload.get("38.01.01"), "99ZP24009M07248267")
        self.assertEqual(b.payload.get("01"), "11")
        with self.assertRaises(TypeError):
            vietqr.build_vietqr("970436", "1", purpuse="typo")

    def test_read(self):
        p = Payload.parse(NAPAS, lenient=True)
        info = p.vietqr()
        self.assertEqual((info.network, info.mai_id, info.guid), (vietqr.Network.NAPAS, 38, "A000000727"))
        self.assertEqual((info.bin, info.bank_known, info.bank_short_name), ("970403", True, "Sacombank"))
        self.assertEqual((info.service, info.service_code), (vietqr.Service.ACCOUNT, "QRIBFTTA"))
        self.assertEqual((info.is_static, info.is_dynamic), (False, True))
        self.assertEqual((info.amount, info.amount_minor, info.amount_status), ("180000", 180000, Status.VQR_OK))
        self.assertEqual((info.currency, info.currency_alpha, info.country), (704, "VND", "VN"))
        self.assertEqual((info.bill_number, info.purpose), ("NPS6869", "thanh toan don hang"))
        self.assertEqual(vietqr.read_vietqr(p), info)
        with self.assertRaises(VietQRError) as cm:
            Payload().vietqr()
        self.assertEqual(cm.exception.code, Status.VQR_ERR_NOT_VIETQR)

    def test_read_every_vector(self):
        # Every string field of the view lands where the binding reads it:
        # compared with the values by tag path, for each readable vector.
        by_tag = {"mcc": "52", "country": "58", "merchant_name": "59", "merchant_city": "60",
                  "bill_number": "62.01", "store": "62.03", "reference": "62.05",
                  "terminal": "62.07", "purpose": "62.08", "amount": "54"}
        napas = 0
        for i, v in enumerate(VECTORS):
            if EXPECT[i]["lenient"]["status"] != "VQR_OK":
                continue
            p = Payload.parse(v["payload"], lenient=True)
            try:
                info = p.vietqr()
            except VietQRError as e:
                self.assertIn(e.name, ("VQR_ERR_NOT_VIETQR", "VQR_ERR_MISSING",
                                       "VQR_ERR_TEMPLATE_MALFORMED"), i)
                continue
            for field, tag in by_tag.items():
                try:
                    want = p.get(tag, "")
                except VietQRError:
                    want = None  # 62 changed or raw: not comparable
                if want is not None:
                    self.assertEqual(getattr(info, field), want, (i, field))
            if info.network == vietqr.Network.NAPAS:
                napas += 1
                self.assertEqual(info.bin, p.get("38.01.00"), i)
                self.assertEqual(info.account, p.get("38.01.01"), i)
                self.assertEqual(info.service_code, p.get("38.02", ""), i)
                try:
                    bank = vietqr.bank_by_bin(info.bin)
                except VietQRError:
                    bank = None
                self.assertEqual(info.bank_known, bank is not None, i)
                if bank:
                    self.assertEqual((info.bank_short_name, info.bank_name, info.bank_swift),
                                     (bank.short_name, bank.name, bank.swift or ""), i)
        self.assertGreater(napas, 20)


def _png_chunks(data):
    """(type, body) of each PNG chunk, after checking the signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, i = [], 8
    while i < len(data):
        n = int.from_bytes(data[i:i + 4], "big")
        out.append((data[i + 4:i + 8], data[i + 8:i + 8 + n]))
        i += 12 + n
    return out


def _vietnamese_payload():
    p = Payload()
    for path, value in [("26.00", "com.test"), ("52", "8062"), ("53", "704"), ("58", "VN"),
                        ("59", "BV"), ("60", "HN"), ("64.00", "vi"),
                        ("64.01", "Bệnh viện Bạch Mai")]:
        p.set(path, value)
    return p.write()


class RenderTests(unittest.TestCase):

    def test_encode_and_modules(self):
        with vietqr.QRCode.encode(NAPAS) as q:
            w = q.width
            self.assertEqual(w, 17 + 4 * q.version)
            self.assertEqual((q.ecc, q.has_eci), (vietqr.Ecc.M, False))
            m = q.modules()
            self.assertEqual(len(m), w * w)
            self.assertTrue(set(m) <= {0, 1})
            for y in range(w):
                for x in range(w):
                    self.assertEqual(q.module(x, y), m[y * w + x] == 1, (x, y))
            # Finder pattern at the top left, its separator, and outside the symbol.
            self.assertTrue(q.module(0, 0) and q.module(6, 6) and q.module(2, 2))
            self.assertFalse(q.module(1, 1) or q.module(7, 7))
            self.assertFalse(q.module(-1, 0) or q.module(w, 0))
        with vietqr.QRCode.encode(_vietnamese_payload()) as q:
            self.assertTrue(q.has_eci)
        versions = []
        for ecc in (vietqr.Ecc.L, vietqr.Ecc.M, vietqr.Ecc.Q, vietqr.Ecc.H):
            with vietqr.QRCode.encode(NAPAS, ecc) as q:
                self.assertEqual(q.ecc, ecc)
                versions.append(q.version)
        self.assertEqual(versions, sorted(versions))
        self.assertLess(versions[0], versions[-1])

    def test_encode_errors(self):
        for payload, ecc, name, offset, limit in [
                ("", vietqr.Ecc.M, "VQR_ERR_QR_EMPTY", None, 0),  # no position
                (b"00\xff", vietqr.Ecc.M, "VQR_ERR_UTF8", 2, 0),
                ("A" * 3000, vietqr.Ecc.H, "VQR_ERR_QR_TOO_LONG", None, 1273)]:
            with self.assertRaises(VietQRError, msg=name) as cm:
                vietqr.QRCode.encode(payload, ecc)
            e = cm.exception
            self.assertEqual((e.name, e.offset, e.limit), (name, offset, limit))
        with self.assertRaises(TypeError):
            vietqr.QRCode()

    def test_png(self):
        with vietqr.QRCode.encode(NAPAS) as q:
            side = q.width + 8
            chunks = _png_chunks(q.png())
            self.assertEqual(chunks[0][0], b"IHDR")
            ihdr = chunks[0][1]
            self.assertEqual((int.from_bytes(ihdr[0:4], "big"), int.from_bytes(ihdr[4:8], "big")),
                             (side * 4, side * 4))
            self.assertEqual(ihdr[8:10], b"\x01\x00")  # 1-bit greyscale
            phys = dict(chunks)[b"pHYs"]
            self.assertEqual(int.from_bytes(phys[0:4], "big"), 11811)  # 300 dpi in px/m
            chunks = _png_chunks(q.png(scale=2, quiet_zone=0, dpi=0, foreground=0x003366))
            ihdr = chunks[0][1]
            self.assertEqual(int.from_bytes(ihdr[0:4], "big"), q.width * 2)
            self.assertEqual(ihdr[8:10], b"\x01\x03")  # 1-bit palette
            self.assertNotIn(b"pHYs", dict(chunks))
            self.assertEqual(dict(chunks)[b"PLTE"], bytes.fromhex("003366ffffff"))  # dark, light

    def test_svg(self):
        with vietqr.QRCode.encode(NAPAS) as q:
            side = q.width + 8
            svg = q.svg(scale=3, title="Học phí <A&B>")
            self.assertTrue(svg.startswith("<svg "))
            self.assertTrue(svg.endswith("</svg>\n"))
            self.assertIn('viewBox="0 0 %d %d"' % (side, side), svg)
            self.assertIn('width="%d" height="%d"' % (3 * side, 3 * side), svg)
            self.assertIn("<title>Học phí &lt;A&amp;B&gt;</title>", svg)
            self.assertNotIn("<title>", q.svg())
            for bad in ("a\x01b", "a\0b"):
                with self.assertRaises(VietQRError) as cm:
                    q.svg(title=bad)
                self.assertEqual((cm.exception.code, cm.exception.offset),
                                 (Status.VQR_ERR_INVALID_ARGUMENT, 1), repr(bad))

    def test_terminal_matches_the_modules(self):
        with vietqr.QRCode.encode("HELLO") as q:
            w, m = q.width, q.modules()
            for invert in (False, True):
                lines = q.terminal(ascii=True, invert=invert, quiet_zone=2).split("\n")
                self.assertEqual(lines[-1], "")
                lines = lines[:-1]
                side = w + 4
                self.assertEqual(len(lines), side)
                for y in range(side):
                    want = ""
                    for x in range(side):
                        sx, sy = x - 2, y - 2
                        dark = 0 <= sx < w and 0 <= sy < w and m[sy * w + sx] == 1
                        want += "##" if dark == invert else "  "
                    self.assertEqual(lines[y], want, (invert, y))
            half = q.terminal(quiet_zone=1).split("\n")[:-1]
            self.assertEqual(len(half), (w + 2 + 1) // 2)
            self.assertTrue(set("".join(half)) <= set(" \u2580\u2584\u2588"))

    def test_files_and_zbar(self):
        import shutil
        import subprocess
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            for text in (NAPAS, _vietnamese_payload()):
                with vietqr.QRCode.encode(text) as q:
                    png = os.path.join(d, "code.png")
                    q.save_png(png, scale=5)
                    with open(png, "rb") as f:
                        self.assertEqual(f.read(), q.png(scale=5))
                    svg = os.path.join(d, "code.svg")
                    q.save_svg(svg, title="VietQR")
                    with open(svg, encoding="utf-8") as f:
                        self.assertEqual(f.read(), q.svg(title="VietQR"))
                    if shutil.which("zbarimg"):
                        r = subprocess.run(["zbarimg", "-q", "--raw", png], capture_output=True)
                        self.assertEqual(r.stdout.decode("utf-8"), text + "\n")
            with vietqr.QRCode.encode(NAPAS) as q:
                with self.assertRaises(VietQRError) as cm:
                    q.save_png(os.path.join(d, "missing", "code.png"))
                self.assertEqual(cm.exception.code, Status.VQR_ERR_IO)
                with self.assertRaises(ValueError):
                    q.save_svg(os.path.join(d, "a\0b.svg"))
                self.assertEqual(sorted(os.listdir(d)), ["code.png", "code.svg"])
        if not shutil.which("zbarimg"):
            self.skipTest("zbarimg not installed: images checked by structure only")

    def test_render_errors(self):
        with vietqr.QRCode.encode(NAPAS) as q:
            for opts in ({"scale": 0}, {"foreground": 0xFFFFFF}, {"background": 0x1000000},
                         {"dpi": 100001}, {"quiet_zone": 65}):
                with self.assertRaises(VietQRError, msg=opts) as cm:
                    q.png(**opts)
                self.assertEqual(cm.exception.code, Status.VQR_ERR_INVALID_ARGUMENT, opts)
            with self.assertRaises(VietQRError) as cm:
                q.png(scale=1000)
            self.assertEqual((cm.exception.name, cm.exception.limit),
                             ("VQR_ERR_IMAGE_TOO_LARGE", 16384))
            with self.assertRaises(ValueError):
                q.png(scale=-1)

    def test_print_size(self):
        with vietqr.QRCode.encode("HELLO", vietqr.Ecc.M) as q:
            self.assertEqual(q.width, 21)
            ps = q.print_size(25.0)
            self.assertEqual((ps.scale, ps.pixels), (10, 290))
            self.assertAlmostEqual(ps.total_mm, 290 * 25.4 / 300, places=9)
            self.assertAlmostEqual(ps.module_mm, 10 * 25.4 / 300, places=9)
            self.assertAlmostEqual(ps.symbol_mm, 210 * 25.4 / 300, places=9)
            self.assertEqual(q.print_size(30.0, dpi=600, quiet_zone=0).scale, 33)
            with self.assertRaises(VietQRError) as cm:
                q.print_size(5.0, dpi=100)
            # Under 3 pixels per module: the smallest size that gives 3.
            self.assertEqual((cm.exception.name, cm.exception.limit), ("VQR_ERR_PRINT_TOO_SMALL", 23))
            with self.assertRaises(VietQRError):
                q.print_size(22.0, dpi=100)
            self.assertEqual(q.print_size(23.0, dpi=100).scale, 3)
            with self.assertRaises(VietQRError) as cm:
                q.print_size(float("nan"))
            self.assertEqual(cm.exception.code, Status.VQR_ERR_INVALID_ARGUMENT)

    def test_closed(self):
        q = vietqr.QRCode.encode(NAPAS)
        q.close()
        q.close()
        for call in (lambda: q.width, q.modules, q.png, lambda: q.print_size(25)):
            with self.assertRaises(ValueError):
                call()
        self.assertEqual(repr(q), "<vietqr.QRCode closed>")


def _header():
    with open(os.path.join(ROOT, "include", "vietqr.h"), encoding="utf-8") as f:
        return f.read()


def _c_int(expr, known):
    """Evaluates a constant expression of the header ("1u << 0", "(4 * X + 1)")."""
    expr = re.sub(r"\b([A-Z_][A-Z0-9_]*)\b", lambda m: str(known[m.group(1)]), expr)
    expr = re.sub(r"(\d+)[uUlL]+\b", r"\1", expr)
    if not re.fullmatch(r"[\d\s()+\-*<>|]+", expr):
        raise ValueError(expr)
    return eval(expr)  # digits and operators only


class ProfileTests(unittest.TestCase):
    """Validation profiles: the default, and the profile argument."""

    def test_builds_pass_the_default(self):
        built = vietqr.build_vietqr("Vietcombank", "0011001234567", amount=150000,
                                    purpose="Học phí tháng 9").text
        p = Payload.parse(built)
        self.assertEqual((p.profile, p.diagnostics), (vietqr.Profile.VIETQR, []))
        self.assertEqual(Payload.parse(built, profile="vietqr").profile, vietqr.Profile.VIETQR)
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(built, profile="emvco")
        self.assertEqual((cm.exception.name, cm.exception.tag), ("VQR_ERR_MISSING", "52"))
        p = Payload.parse(built, profile=vietqr.Profile.LENIENT)
        self.assertEqual([d.tag for d in p.diagnostics], ["52", "59", "60"])
        self.assertEqual(Payload.parse(built, lenient=True).profile, vietqr.Profile.LENIENT)
        self.assertEqual(Payload().profile, vietqr.Profile.NONE)

    def test_not_napas_is_emvco(self):
        vnpay = VECTORS[24]["payload"]
        self.assertEqual(Payload.parse(vnpay).profile, vietqr.Profile.EMVCO)
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(vnpay, profile="vietqr")
        self.assertEqual((cm.exception.name, cm.exception.tag), ("VQR_ERR_NOT_VIETQR", "38"))

    def test_bad_profile_arguments(self):
        for bad in ("napas", "", 7, vietqr.Profile.NONE):
            with self.assertRaises(ValueError):
                Payload.parse(VECTORS[24]["payload"], profile=bad)
        with self.assertRaises(ValueError):
            Payload.parse(VECTORS[24]["payload"], lenient=True, profile="emvco")
        self.assertEqual(Payload.parse(VECTORS[24]["payload"], lenient=True,
                                       profile="lenient").profile, vietqr.Profile.LENIENT)
        self.assertEqual(Payload.parse(VECTORS[24]["payload"], profile="default").profile,
                         vietqr.Profile.EMVCO)


class SignatureTests(unittest.TestCase):
    """Public functions spell out their parameters (an IDE and help() show
    them); wrong types and limits are said clearly."""

    PUBLIC = ["build_vietqr", "write_vietqr", "find_bank", "bank_by_bin", "find_banks",
              "parse_amount", "format_amount", "amount_words", "escape", "fold_text", "nfc",
              "crc16", "crc_check", "make_reference", "check_reference", "find_references",
              "reconcile"]

    def test_no_var_keyword(self):
        import inspect
        funcs = [getattr(vietqr, n) for n in self.PUBLIC]
        funcs += [vietqr.QRCode.png, vietqr.QRCode.svg, vietqr.QRCode.save_png,
                  vietqr.QRCode.save_svg, vietqr.QRCode.terminal, vietqr.Payload.parse]
        for f in funcs:
            kinds = [p.kind for p in inspect.signature(f).parameters.values()]
            self.assertNotIn(inspect.Parameter.VAR_KEYWORD, kinds, f.__qualname__)
            self.assertTrue(f.__doc__, f.__qualname__)

    def test_everything_exported_spells_out_its_parameters(self):
        # Every function of __all__ and every public method of its classes
        # (vietqr.print: test_print.py; the photo functions: test_scan.py).
        import signatures
        self.assertGreater(len(list(signatures.public_callables(vietqr, vietqr.__all__))), 80)
        self.assertEqual(signatures.var_parameters(vietqr, vietqr.__all__), [])
        # The check sees what it is for.
        import types
        probe = types.ModuleType("probe")
        exec("def f(a, **kw):\n    pass\nclass C:\n    def __init__(self, *a):\n        pass\n"
             "    def m(self, *, x=1):\n        pass\n", probe.__dict__)
        self.assertEqual(signatures.var_parameters(probe, ["f", "C"]),
                         ["probe.f(**kw)", "probe.C.__init__(*a)"])

    def test_build_vietqr_parameters(self):
        import inspect
        params = inspect.signature(vietqr.build_vietqr).parameters
        for name in ("amount", "purpose", "bill_number", "reference", "store", "terminal",
                     "merchant_name", "merchant_city", "mcc", "country", "service", "currency",
                     "strict_text", "alnum_account"):
            self.assertEqual(params[name].kind, inspect.Parameter.KEYWORD_ONLY, name)
            self.assertIsNot(params[name].annotation, inspect.Parameter.empty, name)
        self.assertEqual(list(params)[:2], ["bank", "account"])
        png = inspect.signature(vietqr.QRCode.png).parameters
        self.assertEqual([n for n in png if n != "self"],
                         ["scale", "quiet_zone", "foreground", "background", "dpi"])
        with self.assertRaises(TypeError):
            vietqr.build_vietqr("970436", "1", colour="red")  # not a field
        with self.assertRaises(TypeError):
            vietqr.QRCode.encode("x").png(scle=8)

    def test_amount_as_text_is_a_type_error(self):
        for f in (vietqr.build_vietqr, vietqr.write_vietqr):
            with self.assertRaises(TypeError) as cm:
                f("970436", "0011012345678", amount="150000")
            self.assertIn("int", str(cm.exception))
            self.assertIn("parse_amount", str(cm.exception))
            for bad in (150000.0, True, b"150000"):
                with self.assertRaises(TypeError, msg=repr(bad)):
                    f("970436", "0011012345678", amount=bad)
        with self.assertRaises(TypeError):
            vietqr.build_vietqr("970436", "0011012345678", purpose=12)
        # None and 0 are a static QR, alike.
        self.assertEqual(vietqr.write_vietqr("970436", "1", amount=None)[0],
                         vietqr.write_vietqr("970436", "1", amount=0)[0])
        self.assertNotIn("54", vietqr.build_vietqr("970436", "1").payload)

    def test_error_text_names_the_limit(self):
        with self.assertRaises(VietQRError) as cm:
            vietqr.build_vietqr("970436", "1", purpose="x" * 26)
        self.assertEqual(cm.exception.limit, 25)
        self.assertEqual(str(cm.exception),
                         "VQR_ERR_LENGTH (tag 62.08, limit 25): " + cm.exception.message)
        with self.assertRaises(VietQRError) as cm:
            Payload.parse("hello")
        self.assertNotIn("limit", str(cm.exception))

    def test_not_found_agrees(self):
        # find_bank and bank_by_bin both raise when there is no such bank.
        for f, q in ((vietqr.find_bank, "no such bank"), (vietqr.bank_by_bin, "999999")):
            with self.assertRaises(VietQRError) as cm:
                f(q)
            self.assertEqual(cm.exception.code, Status.VQR_ERR_BANK_UNKNOWN, q)
        with self.assertRaises(VietQRError) as cm:
            vietqr.bank_by_bin("97043")
        self.assertEqual((cm.exception.code, cm.exception.limit), (Status.VQR_ERR_BIN, 6))
        with self.assertRaises(VietQRError) as cm:
            vietqr.find_bank("IBKOVNVX")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_BANK_AMBIGUOUS)


class InputTests(unittest.TestCase):
    """What surrounds a payload: the codes of 0.2, through the binding."""

    def test_codes(self):
        self.assertEqual((Status.VQR_ERR_BOM, Status.VQR_ERR_TRAILING_DATA,
                          Status.VQR_ERR_UTF16_LENGTHS, Status.VQR_ERR_NOT_NFC,
                          Status.VQR_ERR_SERVICE), (28, 29, 30, 63, 124))

    def test_trailing_data_and_bom(self):
        for tail in ("\n", "\r\n", " ", NAPAS):
            with self.assertRaises(VietQRError) as cm:
                Payload.parse(NAPAS + tail)
            e = cm.exception
            self.assertEqual((e.code, e.offset, e.limit), (Status.VQR_ERR_TRAILING_DATA,
                                                            len(NAPAS), len(tail)))
        with self.assertRaises(VietQRError) as cm:
            Payload.parse("\ufeff" + NAPAS)
        self.assertEqual((cm.exception.code, cm.exception.offset), (Status.VQR_ERR_BOM, 0))
        p = Payload.parse("\ufeff" + NAPAS, lenient=True)
        self.assertEqual(p.diagnostics[0].code, Status.VQR_ERR_BOM)
        self.assertEqual(p.write(keep_order=True), NAPAS)

    def test_nfd(self):
        nfd = "Nguye\u0302\u0303n"
        p = Payload()
        p.set("26.00", "A000000775")
        p.set("26.01", nfd)  # the library stores what it is given
        text = p.write()
        with self.assertRaises(VietQRError) as cm:
            Payload.parse(text, profile="emvco")
        d = [x for x in cm.exception.diagnostics if x.code == Status.VQR_ERR_NOT_NFC]
        self.assertEqual([(x.tag, x.char_offset) for x in d],
                         [("26.01", text.index("\u0302"))])


class ConstantTests(unittest.TestCase):
    """The binding's constants and layouts against vietqr.h and the library."""

    @classmethod
    def setUpClass(cls):
        # What the C compiler makes of vietqr.h, printed by tests/layout.c
        # (built with the tests): no reading of the header here.
        if not under_test.LAYOUT:
            raise unittest.SkipTest("no layout program (VQR_LAYOUT or --layout=PATH)")
        out = subprocess.run([under_test.LAYOUT], check=True, capture_output=True).stdout
        cls.layout = json.loads(out)
        cls.defines = cls.layout["defines"]
        cls.enums = cls.layout["enums"]

    # ctypes class of the binding -> struct of vietqr.h
    STRUCTS = {"Error": "vqr_error", "View": "vqr_view", "Object": "vqr_object",
               "Bank": "vqr_bank", "VietQRIn": "vqr_vietqr", "VietQRChange": "vqr_vietqr_change",
               "VietQRReport": "vqr_vietqr_report", "VietQRInfo": "vqr_vietqr_info",
               "RenderOptions": "vqr_render_options", "PrintSize": "vqr_print_size"}

    def test_struct_layouts_are_the_compilers(self):
        for cls_name, c_name in self.STRUCTS.items():
            cls = getattr(_native, cls_name)
            c = self.layout["structs"][c_name]
            self.assertEqual(ctypes.sizeof(cls), c["size"], c_name)
            self.assertEqual(ctypes.alignment(cls), c["align"], c_name)
            fields = [f[0] for f in cls._fields_]
            self.assertEqual(fields, list(c["fields"]), c_name)
            for name in fields:
                offset, size = c["fields"][name]
                self.assertEqual(getattr(cls, name).offset, offset, c_name + "." + name)
                self.assertEqual(getattr(cls, name).size, size, c_name + "." + name)

    def test_status_enum_is_the_headers(self):
        header = self.enums["vqr_status"]
        self.assertGreater(len(header), 40)
        self.assertEqual({s.name: s.value for s in Status}, header)
        for name, code in header.items():
            self.assertEqual(vietqr.status_name(code), name)

    def test_flags_and_severity(self):
        self.assertEqual(self.enums["vqr_parse_flags"],
                         {"VQR_PARSE_DEFAULT": _native.PARSE_DEFAULT,
                          "VQR_PARSE_STRICT": _native.PARSE_STRICT,
                          "VQR_PARSE_EMVCO": _native.PARSE_EMVCO,
                          "VQR_PARSE_VIETQR": _native.PARSE_VIETQR,
                          "VQR_PARSE_LENIENT": _native.PARSE_LENIENT})
        self.assertEqual(self.enums["vqr_profile"],
                         {"VQR_PROFILE_" + p.name: p.value for p in vietqr.Profile})
        for p in vietqr.Profile:
            self.assertEqual(_native.LIB.vqr_profile_name(p.value).decode(), p.name.lower())
        self.assertEqual(self.enums["vqr_write_flags"],
                         {"VQR_WRITE_CANONICAL": _native.WRITE_CANONICAL,
                          "VQR_WRITE_KEEP_ORDER": _native.WRITE_KEEP_ORDER})
        self.assertEqual(self.enums["vqr_severity"],
                         {"VQR_SEVERITY_" + s.name: s.value for s in Severity})

    def test_defines(self):
        d = self.defines
        self.assertEqual(d["VQR_TAG_MAX"], _native.TAG_MAX)
        self.assertEqual(d["VQR_NONE"], _native.NONE)
        self.assertEqual(d["VQR_ROOT"], _native.ROOT)
        self.assertEqual(d["VQR_PAYLOAD_BUF_SIZE"], _native.PAYLOAD_BUF_SIZE)
        self.assertEqual(d["VQR_PAYLOAD_STORAGE"], _native.LIB.vqr_payload_sizeof())
        self.assertEqual(d["VQR_VERSION"], vietqr.version())
        self.assertEqual(d["VQR_VERSION_MAJOR"], _native.ABI_MAJOR)

    def test_vietqr_enums_and_defines(self):
        self.assertEqual(self.enums["vqr_service"],
                         {"VQR_SERVICE_" + s.name: s.value for s in vietqr.Service})
        self.assertEqual(self.enums["vqr_network"],
                         {"VQR_NETWORK_" + n.name: n.value for n in vietqr.Network})
        self.assertEqual(self.enums["vqr_text_flags"],
                         {"VQR_TEXT_FOLD": _native.TEXT_FOLD, "VQR_TEXT_STRICT": _native.TEXT_STRICT})
        self.assertEqual(self.enums["vqr_vietqr_flags"],
                         {"VQR_VIETQR_FOLD": _native.VIETQR_FOLD,
                          "VQR_VIETQR_STRICT_TEXT": _native.VIETQR_STRICT_TEXT,
                          "VQR_VIETQR_ALNUM_ACCOUNT": _native.VIETQR_ALNUM_ACCOUNT})
        self.assertEqual(self.enums["vqr_amount_words_flags"],
                         {"VQR_AMOUNT_WORDS_NORTH": 0,
                          "VQR_AMOUNT_WORDS_SOUTH": _native.AMOUNT_WORDS_SOUTH,
                          "VQR_AMOUNT_WORDS_TU": _native.AMOUNT_WORDS_TU,
                          "VQR_AMOUNT_WORDS_ALL": _native.AMOUNT_WORDS_SOUTH | _native.AMOUNT_WORDS_TU})
        d = self.defines
        for name in ("AMOUNT_BUF_SIZE", "AMOUNT_WORDS_BUF_SIZE", "VIETQR_TEXT_FIELDS", "VIETQR_TEXT_MAX", "VALUE_BUF_SIZE",
                     "BANK_SHORT_NAME_MAX", "BANK_NAME_MAX"):
            self.assertEqual(d["VQR_" + name], getattr(_native, name), name)
        probe = _native.VietQRIn()
        _native.LIB.vqr_vietqr_init(ctypes.byref(probe), ctypes.sizeof(probe), None)
        self.assertEqual(probe.size, ctypes.sizeof(_native.VietQRIn))
        self.assertEqual((probe.service, probe.currency, probe.country),
                         (vietqr.Service.ACCOUNT, 704, b"VN"))

    def test_render_enums_and_defines(self):
        self.assertEqual(self.enums["vqr_ecc"], {"VQR_ECC_" + e.name: e.value for e in vietqr.Ecc})
        self.assertEqual(self.enums["vqr_render_flags"],
                         {"VQR_RENDER_NONE": _native.RENDER_NONE,
                          "VQR_RENDER_INVERT": _native.RENDER_INVERT,
                          "VQR_RENDER_ASCII": _native.RENDER_ASCII})
        opt = _native.RenderOptions()
        _native.LIB.vqr_render_options_init(ctypes.byref(opt), ctypes.sizeof(opt), None)
        self.assertEqual(opt.size, ctypes.sizeof(_native.RenderOptions))
        self.assertEqual((opt.scale, opt.quiet_zone, opt.background, opt.dpi), (4, 4, 0xFFFFFF, 300))

    def test_version(self):
        self.assertEqual(vietqr.version_string(), vietqr.__version__)
        v = vietqr.version()
        self.assertEqual(vietqr.version_string(), "%d.%d.%d" % (v >> 16, (v >> 8) & 255, v & 255))

    def test_storage_is_aligned_and_large_enough(self):
        # Against the compiler's layout of vqr_payload (tests/layout.c), not
        # against the binding's own idea of it.
        c = self.layout["structs"]["vqr_payload"]
        for p in (Payload(), Payload.parse(NAPAS)):
            store = p._store
            if isinstance(store, ctypes.Array):  # ctypes alone
                size, address = ctypes.sizeof(store), ctypes.addressof(store)
            else:  # the C speedups' Store (vietqr/_speedups.c)
                size, address = store.nbytes, store._as_parameter_
            self.assertGreaterEqual(size, c["size"])
            self.assertEqual(address % c["align"], 0)
        self.assertEqual(_native.LIB.vqr_payload_sizeof(), c["size"])

    def test_every_exported_function_used_is_declared(self):
        text = _header()
        exported = set(re.findall(r"VQR_API [^;]*?\b(vqr_\w+)\s*\(", text))
        self.assertTrue(set(_native.PROTOTYPES) <= exported,
                        set(_native.PROTOTYPES) - exported)
        for name in _native.PROTOTYPES:
            fn = getattr(_native.LIB, name)
            self.assertIsNotNone(fn.argtypes, name)

    def test_error_struct_layout(self):
        # A poisoned vqr_error filled by the library: every field lands where
        # the binding reads it.
        err = _native.Error()
        ctypes.memset(ctypes.byref(err), 0xFF, ctypes.sizeof(err))
        err.size = ctypes.sizeof(err)
        p = Payload()
        body = b"0002010102115802VN5802VN"
        st = _native.LIB.vqr_payload_parse(p._store, body, len(body), 0, ctypes.byref(err))
        self.assertEqual(st, err.code)
        self.assertEqual(err.name.decode(), vietqr.status_name(st))
        self.assertEqual(err.message.decode(), vietqr.strerror(st))
        self.assertEqual(err.message_vi.decode(), vietqr.strerror(st, vietnamese=True))
        self.assertEqual(err.severity, Severity.ERROR)
        self.assertEqual(err.tag, b"58")
        self.assertEqual((err.offset, err.char_offset, err.related_offset), (18, 18, 12))


# Payment references and reconciliation (test_recon.py), in the same
# interpreter: the suite starts python3 once, also under valgrind.
sys.path.insert(0, HERE)
from test_recon import EventTests, LayoutTests, ReconcileTests, ReferenceTests  # noqa: E402,F401

if __name__ == "__main__":
    unittest.main()
