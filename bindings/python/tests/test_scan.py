#!/usr/bin/env python3
"""vietqr.verify (libvietqr) and vietqr.scan / verify_image (libvietqr-scan)
through the Python binding: every verdict, suspects and imitation, payee
errors, photos as PNG and grey pixels, several codes, and the structs'
layouts against the C compiler's (tests/layout.c, tests/scan/layout_scan.c).

Run by meson with VIETQR_LIB, VIETQR_SCAN_LIB, VQR_LAYOUT and
VQR_SCAN_LAYOUT set.
"""
import ctypes
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import vietqr  # noqa: E402
from vietqr import _native, _verify  # noqa: E402


def tlv(i, v):
    return "%02d%02d%s" % (i, len(v), v)


def with_crc(body):
    body += "6304"
    return body + "%04X" % vietqr.crc16(body.encode("utf-8"))


def napas(bin_="970436", account="0011001234567", amount=None, name="CHO BEN THANH",
          alt_name=None, service="QRIBFTTA"):
    body = (tlv(0, "01") + tlv(1, "12" if amount else "11") +
            tlv(38, tlv(0, "A000000727") + tlv(1, tlv(0, bin_) + tlv(1, account)) +
                tlv(2, service)) + tlv(52, "5411") + tlv(53, "704"))
    if amount:
        body += tlv(54, str(amount))
    body += tlv(58, "VN") + tlv(59, name) + tlv(60, "HO CHI MINH")
    if alt_name:
        body += tlv(64, tlv(0, "vi") + tlv(1, alt_name))
    return with_crc(body)


STALLS = [vietqr.Payee("Vietcombank", "0011001234567", name="Chợ Bến Thành", label="A01"),
          vietqr.Payee("970422", "0352350917", name="Hàng cá Bà Tư", label="A02"),
          vietqr.Payee.vnpay("0108799042", label="A03")]


class VerifyTest(unittest.TestCase):

    def test_ok(self):
        r = vietqr.verify(napas(), STALLS)
        self.assertEqual(r.verdict, vietqr.Verdict.OK)
        self.assertTrue(r.ok)
        self.assertEqual((r.payee, r.payee_label), (0, "A01"))
        self.assertEqual((r.network, r.service, r.bin, r.bank, r.account),
                         ("napas", "account", "970436", "Vietcombank", "0011001234567"))
        self.assertTrue(r.is_static)
        self.assertIsNone(r.amount)
        self.assertEqual(r.currency, 704)
        self.assertEqual(r.suspects, ())
        self.assertIsNone(r.error)

    def test_not_allowed_names_who_is_paid(self):
        r = vietqr.verify(napas("970415", "113366668888"), STALLS)
        self.assertEqual(r.verdict, vietqr.Verdict.PAYEE_NOT_ALLOWED)
        self.assertEqual((r.bin, r.bank, r.account), ("970415", "VietinBank", "113366668888"))
        self.assertIsNone(r.payee)
        # Its name reads as stall A01's ("CHO BEN THANH" = "Chợ Bến Thành").
        self.assertEqual(r.imitated, 0)
        self.assertEqual(r.suspect_kinds, vietqr.Suspect.IMITATION)
        self.assertEqual(r.suspects[0].tag, "59")
        # Nobody is allowed by an empty list.
        self.assertEqual(vietqr.verify(napas()).verdict, vietqr.Verdict.PAYEE_NOT_ALLOWED)

    def test_amount_and_kind(self):
        dyn = napas(amount=150000)
        self.assertEqual(vietqr.verify(dyn, STALLS, amount=150000).verdict, vietqr.Verdict.OK)
        r = vietqr.verify(dyn, STALLS, amount=15000)
        self.assertEqual((r.verdict, r.amount), (vietqr.Verdict.AMOUNT_MISMATCH, 150000))
        self.assertEqual(vietqr.verify(dyn, STALLS, kind="static").verdict,
                         vietqr.Verdict.AMOUNT_MISMATCH)
        self.assertEqual(vietqr.verify(napas(), STALLS, kind="static").verdict, vietqr.Verdict.OK)
        with self.assertRaises(ValueError):
            vietqr.verify(dyn, STALLS, kind="weekly")
        with self.assertRaises(vietqr.IntegerRangeError):
            vietqr.verify(dyn, STALLS, amount=-1)
        with self.assertRaises(vietqr.IntegerRangeError):
            vietqr.verify(dyn, STALLS, currency=2 ** 32 + 704)

    def test_not_a_payment_code_and_invalid(self):
        self.assertEqual(vietqr.verify("https://example.com/pay", STALLS).verdict,
                         vietqr.Verdict.NOT_A_PAYMENT_CODE)
        bad = napas()[:-1] + ("0" if napas()[-1] != "0" else "1")
        r = vietqr.verify(bad, STALLS)
        self.assertEqual(r.verdict, vietqr.Verdict.INVALID)
        self.assertEqual((r.error.name, r.error.tag), ("VQR_ERR_CRC_MISMATCH", "63"))
        # Bytes that are not UTF-8 are a payload too: INVALID, never an exception.
        r = vietqr.verify(b"000201\xff\xfe", STALLS)
        self.assertEqual((r.verdict, r.error.name), (vietqr.Verdict.INVALID, "VQR_ERR_UTF8"))

    def test_suspects(self):
        r = vietqr.verify(napas(alt_name="Ch\u043e B\u1ebfn Th\u00e0nh"), STALLS)
        self.assertEqual(r.verdict, vietqr.Verdict.OK)
        m = r.suspects[0]
        self.assertEqual((m.kind, m.codepoint, m.looks_like, m.tag),
                         (vietqr.Suspect.CONFUSABLE, 0x043E, "o", "64.01"))
        self.assertEqual(r.merchant_name_alt, "Ch\u043e B\u1ebfn Th\u00e0nh")
        r = vietqr.verify(napas(alt_name="Ch\u202eo Ba"), STALLS)
        self.assertEqual(r.verdict, vietqr.Verdict.INVALID)
        self.assertEqual(r.suspects[0].kind, vietqr.Suspect.BIDI)
        self.assertEqual(r.suspects[0].codepoint, 0x202E)

    def test_vnpay_and_services(self):
        vn = with_crc(tlv(0, "01") + tlv(1, "11") + tlv(26, tlv(0, "A000000775") +
                                                       tlv(1, "0108799042")) +
                      tlv(52, "5977") + tlv(53, "704") + tlv(58, "VN") + tlv(59, "MYPHAMHER") +
                      tlv(60, "HANOI"))
        r = vietqr.verify(vn, STALLS)
        self.assertEqual((r.verdict, r.payee_label, r.network), (vietqr.Verdict.OK, "A03", "vnpay"))
        card = napas("970403", "9704031101234567", service="QRIBFTTC")
        self.assertEqual(vietqr.verify(card, [("970403", "9704031101234567", "card")]).verdict,
                         vietqr.Verdict.OK)
        self.assertEqual(vietqr.verify(card, [("970403", "9704031101234567")]).verdict,
                         vietqr.Verdict.PAYEE_NOT_ALLOWED)

    def test_bad_payees(self):
        for p in (vietqr.Payee("970436", "0011 0012"), vietqr.Payee("970436", ""),
                  vietqr.Payee("970436", "1" * 20)):
            with self.assertRaises(vietqr.VietQRError) as cm:
                vietqr.verify(napas(), [STALLS[0], p])
            self.assertEqual((cm.exception.name, cm.exception.offset), ("VQR_ERR_PAYEE", 1))
        with self.assertRaises(vietqr.VietQRError) as cm:
            vietqr.verify(napas(), [vietqr.Payee("Vietcombnak", "1")])
        self.assertEqual(cm.exception.name, "VQR_ERR_BANK_UNKNOWN")
        with self.assertRaises(ValueError):
            vietqr.verify(napas(), [vietqr.Payee("970436", "1", service="atm")])
        with self.assertRaises(ValueError):
            vietqr.verify(napas(), [vietqr.Payee("970436", "1", network="vnpay")])


def code_pixels(text, scale=4, quiet=4):
    """The QR code of `text` as 8-bit grey pixels (rows of width bytes)."""
    qr = vietqr.QRCode.encode(text)
    n = qr.width
    mods = qr.modules()
    side = (n + 2 * quiet) * scale
    rows = []
    for y in range(side):
        my = y // scale - quiet
        row = bytearray(b"\xff" * side)
        if 0 <= my < n:
            for x in range(side):
                mx = x // scale - quiet
                if 0 <= mx < n and mods[my * n + mx]:
                    row[x] = 0
        rows.append(bytes(row))
    return rows, side


class ScanTest(unittest.TestCase):

    def test_png(self):
        text = napas(alt_name="Chợ Bến Thành")
        codes = vietqr.scan(vietqr.QRCode.encode(text).png(scale=4))
        self.assertEqual(len(codes), 1)
        c = codes[0]
        self.assertEqual(c.data, text.encode("utf-8"))
        self.assertEqual(c.text, text)
        self.assertEqual((c.eci, c.utf8, c.converted, c.ecc, c.copy_of), (26, True, False, "M",
                                                                          None))
        (x0, y0), (x1, y1), _, (x3, y3) = c.corners
        self.assertLess(x0, x1)
        self.assertLess(y0, y3)

    def test_grey_two_codes_and_copies(self):
        a, wa = code_pixels(napas())
        b, wb = code_pixels(napas("970422", "0352350917"))
        h = max(len(a), len(b))
        rows = [(a[y] if y < len(a) else b"\xff" * wa) + (b[y] if y < len(b) else b"\xff" * wb)
                for y in range(h)]
        pixels = b"".join(rows)
        codes = vietqr.scan_grey(pixels, wa + wb, h)
        self.assertEqual(len(codes), 2)
        self.assertEqual({c.text for c in codes}, {napas(), napas("970422", "0352350917")})
        # With padded rows (stride > width).
        padded = b"".join(r + b"\x80" * 7 for r in rows)
        self.assertEqual(len(vietqr.scan_grey(padded, wa + wb, h, wa + wb + 7)), 2)
        with self.assertRaises(ValueError):
            vietqr.scan_grey(pixels[:-1], wa + wb, h)
        # The same code twice: two codes, one payload.
        same = b"".join(r + r for r in a)
        codes = vietqr.scan_grey(same, 2 * wa, len(a))
        self.assertEqual([c.copy_of for c in codes], [None, 0])

    def test_errors_and_no_code(self):
        with self.assertRaises(vietqr.VietQRError) as cm:
            vietqr.scan(b"not an image")
        self.assertEqual(cm.exception.name, "VQR_ERR_IMAGE_FORMAT")
        png = vietqr.QRCode.encode(napas()).png()
        with self.assertRaises(vietqr.VietQRError) as cm:
            vietqr.scan(png[:len(png) // 2])
        self.assertEqual(cm.exception.name, "VQR_ERR_IMAGE_CORRUPT")
        with self.assertRaises(vietqr.VietQRError) as cm:
            vietqr.scan(png, max_pixels=10)
        self.assertEqual(cm.exception.name, "VQR_ERR_IMAGE_SIZE")
        with self.assertRaises(TypeError):
            vietqr.scan("a path, not bytes")
        with self.assertRaises(vietqr.VietQRError) as cm:
            vietqr.scan_file("/nonexistent/photo.jpg")
        self.assertEqual(cm.exception.name, "VQR_ERR_IO")
        self.assertEqual(vietqr.scan_grey(b"\xc8" * 10000, 100, 100), [])
        from vietqr import _scan
        self.assertTrue(_scan.decoder().startswith("ZXing-C++"))

    def test_signatures_spelled_out(self):
        # No *args or **kwargs: every parameter is named, typed and documented.
        import inspect
        import signatures
        from vietqr import _scan
        names = sorted(set(vietqr._SCAN_NAMES) | set(signatures.defined_names(_scan)))
        self.assertEqual(signatures.var_parameters(_scan, names), [])
        self.assertEqual(signatures.undocumented(_scan, names), [])
        for f, want in ((_scan.scan, ["image", "fast", "max_pixels", "max_codes"]),
                        (_scan.scan_file, ["path", "fast", "max_pixels", "max_codes"]),
                        (_scan.scan_grey, ["pixels", "width", "height", "stride", "fast",
                                           "max_pixels", "max_codes"]),
                        (_scan.verify_image, ["image", "payees", "amount", "currency", "kind",
                                              "profile", "fast", "max_pixels"])):
            params = inspect.signature(f).parameters
            self.assertEqual(list(params), want, f.__name__)
            doc = inspect.getdoc(f)
            for p in params.values():
                self.assertIsNot(p.annotation, inspect.Parameter.empty, (f.__name__, p.name))
                self.assertRegex(doc, r"\n    %s: \S" % p.name, (f.__name__, p.name))
                if p.name in ("fast", "max_pixels", "max_codes", "amount", "kind"):
                    self.assertEqual(p.kind, inspect.Parameter.KEYWORD_ONLY, p.name)
        # verify_image takes verify()'s keywords, the same way.
        vparams = inspect.signature(vietqr.verify).parameters
        iparams = inspect.signature(_scan.verify_image).parameters
        for name in ("amount", "currency", "kind", "profile"):
            self.assertEqual(iparams[name].default, vparams[name].default, name)
            self.assertEqual(iparams[name].kind, vparams[name].kind, name)
        self.assertEqual([n for n in vparams if n not in ("payload", "payees")],
                         ["amount", "currency", "kind", "profile"])

    def test_unknown_keywords_and_wrong_types(self):
        png = vietqr.QRCode.encode(napas(amount=150000)).png(scale=3)
        with self.assertRaisesRegex(TypeError, "colour"):
            vietqr.verify_image(png, STALLS, colour="red")
        with self.assertRaisesRegex(TypeError, "colour"):
            vietqr.scan_file("/nonexistent/photo.jpg", colour="red")
        with self.assertRaisesRegex(TypeError, "colour"):
            vietqr.scan_grey(b"\xc8" * 100, 10, 10, colour="red")
        with self.assertRaisesRegex(TypeError, r"amount must be an int.*parse_amount\('150000'\)"):
            vietqr.verify_image(png, STALLS, amount="150000")
        with self.assertRaisesRegex(TypeError, "amount must be an int"):
            vietqr.verify(napas(amount=150000), STALLS, amount=150000.0)
        with self.assertRaisesRegex(TypeError, "pixels must be bytes"):
            vietqr.scan_grey([200] * 100, 10, 10)
        with self.assertRaisesRegex(TypeError, "width must be an integer"):
            vietqr.scan_grey(b"\xc8" * 100, "10", 10)
        with self.assertRaises(TypeError):
            vietqr.scan_file(12)
        # The keywords reach the library.
        r = vietqr.verify_image(png, STALLS, amount=150000, kind="dynamic", fast=True)
        self.assertEqual(r.verdict, vietqr.Verdict.OK)
        r = vietqr.verify_image(png, STALLS, amount=150001)
        self.assertEqual(r.verdict, vietqr.Verdict.AMOUNT_MISMATCH)
        with self.assertRaises(vietqr.VietQRError) as cm:
            vietqr.verify_image(png, STALLS, max_pixels=10)
        self.assertEqual((cm.exception.name, cm.exception.limit), ("VQR_ERR_IMAGE_SIZE", 10))
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "code.png")
            with open(path, "wb") as f:
                f.write(png)
            self.assertEqual([c.text for c in vietqr.scan_file(path, fast=True, max_codes=1)],
                             [napas(amount=150000)])
            with self.assertRaises(vietqr.VietQRError) as cm:
                vietqr.scan_file(path, max_pixels=10)
            self.assertEqual(cm.exception.name, "VQR_ERR_IMAGE_SIZE")

    def test_verify_image(self):
        png = vietqr.QRCode.encode(napas()).png(scale=3)
        r = vietqr.verify_image(png, STALLS, kind="static")
        self.assertEqual((r.verdict, r.codes[0].payee_label), (vietqr.Verdict.OK, "A01"))
        r = vietqr.verify_image(vietqr.QRCode.encode(napas("970415", "1133")).png(), STALLS)
        self.assertEqual(r.verdict, vietqr.Verdict.PAYEE_NOT_ALLOWED)
        blank = vietqr.QRCode.encode("x").png(scale=1, quiet_zone=0, foreground=0xFFFFFE)
        self.assertEqual(vietqr.verify_image(blank, STALLS).verdict, vietqr.Verdict.NO_CODE)


class LayoutTest(unittest.TestCase):
    """The binding's structs against what the C compiler makes of the headers."""

    def check(self, layout, pairs):
        for cls, c_name in pairs:
            c = layout["structs"][c_name]
            self.assertEqual(ctypes.sizeof(cls), c["size"], c_name)
            self.assertEqual(ctypes.alignment(cls), c["align"], c_name)
            self.assertEqual([f[0] for f in cls._fields_], list(c["fields"]), c_name)
            for name, (offset, size) in c["fields"].items():
                self.assertEqual(getattr(cls, name).offset, offset, c_name + "." + name)
                self.assertEqual(getattr(cls, name).size, size, c_name + "." + name)

    def test_verify_structs(self):
        layout = json.loads(subprocess.run([os.environ["VQR_LAYOUT"]], capture_output=True,
                                           check=True).stdout)
        self.check(layout, [(_verify.CPayee, "vqr_payee"),
                            (_verify.CVerifyOptions, "vqr_verify_options"),
                            (_verify.CSuspectMark, "vqr_suspect_mark"),
                            (_verify.CVerdict, "vqr_verdict")])
        enums = layout["enums"]
        self.assertEqual({"VQR_VERDICT_" + v.name: v.value for v in vietqr.Verdict},
                         enums["vqr_verdict_code"])
        self.assertEqual({"VQR_SUSPECT_" + s.name: s.value for s in vietqr.Suspect},
                         enums["vqr_suspect"])
        self.assertEqual(layout["defines"]["VQR_VERIFY_MARKS"], _verify.VERIFY_MARKS)
        for v in vietqr.Verdict:
            self.assertEqual(_native.LIB.vqr_verdict_name(v.value).decode(), v.name)

    def test_scan_structs(self):
        from vietqr import _scan
        layout = json.loads(subprocess.run([os.environ["VQR_SCAN_LAYOUT"]], capture_output=True,
                                           check=True).stdout)
        self.check(layout, [(_scan.CScanOptions, "vqr_scan_options"),
                            (_scan.CPoint, "vqr_scan_point"), (_scan.CScanCode, "vqr_scan_code")])
        self.assertEqual(layout["defines"]["VQR_SCAN_FAST"], _scan.SCAN_FAST)


if __name__ == "__main__":
    unittest.main()
