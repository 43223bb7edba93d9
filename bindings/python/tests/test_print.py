#!/usr/bin/env python3
"""vietqr.print: every template to bytes through ctypes (libvietqr-print).

Run by meson (suite 'python') with VIETQR_LIB, VIETQR_PRINT_LIB and
VQR_TEST_DATA set; without them the paths are taken relative to this file.
``--installed`` tests the package Python finds on its own (a wheel, the
Debian package) instead of the source tree's (tests/under_test.py).
"""

import concurrent.futures
import ctypes
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("VQR_SOURCE_ROOT", os.path.join(HERE, "..", "..", ".."))
import under_test  # noqa: E402  (the source tree's package, or --installed)

import vietqr  # noqa: E402
import vietqr.print as vp  # noqa: E402
from vietqr import Status, VietQRError  # noqa: E402

under_test.check(vp, vp.LIB)

DATA = os.environ.get("VQR_TEST_DATA", os.path.join(ROOT, "tests", "data"))
with open(os.path.join(DATA, "print", "samples.json"), encoding="utf-8") as _f:
    SAMPLES = json.load(_f)["samples"]


def sample(name):
    s = next(x for x in SAMPLES if x["name"] == name)
    p = dict(s["payload"])
    text, _ = vietqr.write_vietqr(p.pop("bank"), p.pop("account"), **p)
    fields = dict(s["fields"])
    if "items" in fields:
        fields["items"] = [tuple(i) for i in fields["items"]]
    return text, fields


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24]) + (data[24], data[25])


class RenderTests(unittest.TestCase):

    def test_every_template_every_format(self):
        text, fields = sample("school")
        for t in vp.TEMPLATES:
            png = vp.render(t, text, **fields)
            self.assertEqual(png[:4], b"\x89PNG", t)
            pdf = vp.render(t, text, format="pdf", **fields)
            self.assertEqual(pdf[:8], b"%PDF-1.5", t)
            svg = vp.render(t, text, format="svg", **fields)
            self.assertIn(b"<svg", svg[:400], t)
            self.assertIn(b"<title>", svg, t)

    def test_functions_name_their_template(self):
        text, fields = sample("school")
        for name, size in [("card", (900, 500)), ("qr_only", (480, 480)), ("compact", (540, 540)),
                           ("compact2", (540, 640)), ("print", (600, 776))]:
            data = getattr(vp, name)(text, **fields)
            self.assertEqual(png_size(data)[:2], size, name)
            self.assertEqual(data, vp.render(name, text, **fields))
        self.assertEqual(png_size(vp.compact2(text, scale=2))[:2], (1080, 1280))
        w, h, depth, colour = png_size(vp.receipt(text, **fields))
        self.assertEqual((w, depth, colour), (384, 1, 0))
        self.assertEqual(png_size(vp.receipt(text, paper="roll80", **fields))[0], 576)
        self.assertEqual(png_size(vp.sticker(text, paper="square100", dpi=150))[:2], (591, 591))
        self.assertEqual(png_size(vp.notice(text, paper="a5", dpi=150, **fields))[:2], (1241, 875))
        self.assertEqual(png_size(vp.notice(text, mono=True))[2], 1)

    def test_payload_alone_draws_every_template(self):
        text, _ = sample("minimal")
        for t in vp.TEMPLATES:
            self.assertEqual(vp.render(t, text)[:4], b"\x89PNG", t)
        self.assertEqual(vp.render("card", text.encode()), vp.render("card", text))

    def test_errors_name_the_field(self):
        text, fields = sample("school")
        with self.assertRaises(VietQRError) as cm:
            vp.notice(text, **dict(fields, payer="Nguyễn\tVăn An"))
        self.assertEqual((cm.exception.code, cm.exception.tag, cm.exception.offset),
                         (Status.VQR_ERR_TEXT_CONTROL, "payer", 8))
        # A NUL would cut a text short in C: refused with the field and where.
        for kw, tag, at in ((dict(holder="Nguyễn\0 Văn An"), "holder", 8),
                            (dict(payer=b"An\0x"), "payer", 2),
                            (dict(items=[("Học\0phí", 1000)]), "items", 5),
                            (dict(doc_title="\0"), "doc_title", 0),
                            (dict(font="Noto\0Sans"), "font", 4)):
            with self.assertRaises(VietQRError) as cm:
                vp.notice(text, **kw)
            self.assertEqual((cm.exception.code, cm.exception.tag, cm.exception.offset),
                             (Status.VQR_ERR_INVALID_ARGUMENT, tag, at), kw)
        with self.assertRaises(VietQRError) as cm:
            vp.card(text, holder="Nguyễn Văn An " * 30)
        self.assertEqual((cm.exception.name, cm.exception.tag),
                         ("VQR_ERR_PRINT_TEXT_TOO_LONG", "holder"))
        with self.assertRaises(VietQRError) as cm:
            vp.notice(text, items=[("Học phí", 1000)])
        self.assertEqual((cm.exception.name, cm.exception.tag, cm.exception.limit),
                         ("VQR_ERR_PRINT_TOTAL", "items", 1000))
        with self.assertRaises(VietQRError) as cm:
            vp.card(text, paper="a5")
        self.assertEqual(cm.exception.name, "VQR_ERR_PRINT_PAPER")
        with self.assertRaises(VietQRError) as cm:
            vp.card(text[:-1] + ("0" if text[-1] != "0" else "1"))
        self.assertEqual(cm.exception.name, "VQR_ERR_CRC_MISMATCH")
        self.assertEqual(vp.card("hello", any_payload=True)[:4], b"\x89PNG")
        with self.assertRaises(VietQRError) as cm:
            vp.card(text, dpi=10)
        self.assertEqual((cm.exception.name, cm.exception.tag), ("VQR_ERR_INVALID_ARGUMENT", "dpi"))
        for bad in [dict(format="gif"), dict(paper="a3"), dict(ecc="X")]:
            with self.assertRaises(ValueError):
                vp.card(text, **bad)
        with self.assertRaises(TypeError):
            vp.card(text, colour="red")
        with self.assertRaises(ValueError):
            vp.render("poster", text)

    def test_measure(self):
        text, fields = sample("school")
        lay = vp.measure("notice", text, paper="a5", **fields)
        self.assertAlmostEqual(lay.width, 210 * 72 / 25.4, places=3)
        self.assertAlmostEqual(lay.height, 148 * 72 / 25.4, places=3)
        by_field = {b.field: b for b in lay.boxes}
        self.assertEqual(by_field["payer"].text, "Công Tôn Nữ Thị Phương Thảo Nguyên")
        self.assertEqual(by_field["words"].text,
                         "Bằng chữ: Một triệu hai trăm năm mươi nghìn đồng.")
        qr = by_field["qr"]
        self.assertEqual(qr.kind, "qr")
        self.assertGreaterEqual(qr.module * 25.4 / 72, 0.5)
        for b in lay.boxes:
            x, y, w, h = b.place
            ix, iy, iw, ih = b.ink
            self.assertTrue(x - 1e-6 <= ix and ix + iw <= x + w + 1e-6, b.field)
            self.assertTrue(y - 1e-6 <= iy and iy + ih <= y + h + 1e-6, b.field)
        south = vp.measure("card", text, south=True, tu=True, **fields)
        self.assertIn("Một triệu hai trăm năm mươi ngàn đồng",
                      [b.text for b in south.boxes])

    def test_document(self):
        text, fields = sample("school")
        with vp.Document(format="pdf") as doc:
            for _ in range(3):
                doc.add("notice", text, **fields)
            doc.add("receipt", text, **fields)
            self.assertEqual((doc.count, doc.pages), (4, 3))
            with self.assertRaises(VietQRError):
                doc.add("notice", text, payer="A\tB")
            self.assertEqual(doc.count, 4)
            pdf = doc.finish()
        self.assertEqual(pdf[:5], b"%PDF-")
        self.assertEqual(pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page "), 3)
        out = io.BytesIO()
        doc = vp.Document(file=out, format="pdf", doc_title="Học phí 10A3")
        doc.add("card", text, **fields)
        self.assertIsNone(doc.finish())
        self.assertTrue(out.getvalue().startswith(b"%PDF-"))
        with self.assertRaises(ValueError):
            doc.add("card", text)

        class Broken(io.RawIOBase):
            def write(self, b):
                raise OSError(28, "No space left on device")
        doc = vp.Document(file=Broken(), format="pdf")
        with self.assertRaises(OSError):
            for _ in range(10):
                doc.add("card", text, **fields)
            doc.finish()
        doc.close()
        with vp.Document() as one:
            one.add("card", text)
            with self.assertRaises(VietQRError) as cm:
                one.add("card", text)
            self.assertEqual(cm.exception.name, "VQR_ERR_PRINT_ONE_PAGE")

    def test_threads_draw_the_same_bytes(self):
        vp.init()
        text, fields = sample("school")
        want = {t: vp.render(t, text, **fields) for t in ("card", "compact2", "qr_only", "print")}
        jobs = [t for t in want for _ in range(4)]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            got = list(pool.map(lambda t: (t, vp.render(t, text, **fields)), jobs))
        for t, data in got:
            self.assertEqual(data, want[t], t)

    @unittest.skipUnless(shutil.which("zbarimg"), "zbarimg not installed")
    def test_card_decodes(self):
        text, fields = sample("school")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "card.png")
            with open(path, "wb") as f:
                f.write(vp.card(text, **fields))
            out = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
            self.assertEqual(out.stdout.strip(), text)

    def test_layouts_match_the_library(self):
        for struct_, init in ((vp.Options, vp.LIB.vqr_print_options_init),
                              (vp.Fields, vp.LIB.vqr_print_fields_init)):
            probe = struct_()
            self.assertEqual(init(ctypes.byref(probe), ctypes.sizeof(struct_), None), 0)
            self.assertEqual(probe.size, ctypes.sizeof(struct_))
        self.assertEqual(vietqr.print, vp)


class SignatureTests(unittest.TestCase):
    """Every public function spells out its parameters, typed and
    documented, the same for every template; the table they are written
    from (scripts/gen_print_python.py) and the C structs agree with them."""

    FIELDS = tuple(vp._TEXT_FIELDS) + ("items",)
    OPTIONS = tuple(vp._OPTION_NAMES)
    TEMPLATE_FUNCTIONS = ("card", "qr_only", "compact", "compact2", "print", "notice", "receipt",
                          "sticker")

    @staticmethod
    def params(f):
        import inspect
        return inspect.signature(f).parameters

    def test_no_var_parameters_and_docstrings(self):
        import signatures
        names = sorted(set(vp.__all__) | set(signatures.defined_names(vp)))
        self.assertEqual(signatures.var_parameters(vp, names), [])
        self.assertEqual(signatures.undocumented(vp, names), [])
        self.assertEqual(self.TEMPLATE_FUNCTIONS, vp.TEMPLATES)

    def test_parameters_spelled_out(self):
        import inspect
        kw_only = inspect.Parameter.KEYWORD_ONLY
        every = self.FIELDS + self.OPTIONS
        want = {"render": ("template", "payload") + every,
                "measure": ("template", "payload") + every}
        want.update({t: ("payload",) + every for t in self.TEMPLATE_FUNCTIONS})
        funcs = {name: getattr(vp, name) for name in want}
        funcs["Document.__init__"] = vp.Document.__init__
        funcs["Document.add"] = vp.Document.add
        want["Document.__init__"] = ("self", "file") + self.OPTIONS
        want["Document.add"] = ("self", "template", "payload") + self.FIELDS
        reference = self.params(vp.render)
        for name, f in funcs.items():
            params = self.params(f)
            self.assertEqual(tuple(params), want[name], name)
            doc = inspect.getdoc(f)
            for p in params.values():
                if p.name == "self":
                    continue
                self.assertIsNot(p.annotation, inspect.Parameter.empty, (name, p.name))
                # each one documented under Args:
                self.assertRegex(doc, r"\n    %s: \S" % p.name, (name, p.name))
                if p.name in every:
                    self.assertEqual(p.kind, kw_only, (name, p.name))
                    # the same type and default everywhere
                    self.assertEqual((p.annotation, p.default),
                                     (reference[p.name].annotation, reference[p.name].default),
                                     (name, p.name))
        # help() shows them, with their types and defaults
        import pydoc
        text = pydoc.render_doc(vp.notice, renderer=pydoc.plaintext)
        self.assertRegex(text, r"payer: [^=]*\bstr\b[^=]*= None")
        for piece in ("min_module_mm: float = 0.5",
                      "dpi: int = 300", "cut_marks: bool = True", "VQR_PRINT_WORDS_SOUTH",
                      "vqr_print_fields.payer_code", "vqr_print_options.min_module_mm"):
            self.assertIn(piece, text)
        # The private implementation takes the same fields and options, all
        # required; the fields in the order of struct vqr_print_fields.
        self.assertEqual(tuple(self.params(vp._fields))[1:], self.FIELDS)
        self.assertEqual(tuple(self.params(vp._options)), self.OPTIONS)
        self.assertEqual(tuple(n for n, _ in vp.Fields._fields_[3:3 + len(vp._TEXT_FIELDS)]),
                         tuple(vp._TEXT_FIELDS))
        for f in (vp._fields, vp._options):
            for p in self.params(f).values():
                self.assertIs(p.default, inspect.Parameter.empty, p.name)

    def test_defaults_are_the_librarys(self):
        o = vp.Options()
        vp.LIB.vqr_print_options_init(ctypes.byref(o), ctypes.sizeof(o), None)
        params = self.params(vp.render)
        self.assertEqual((params["dpi"].default, params["scale"].default,
                          params["min_module_mm"].default, params["format"].default),
                         (o.dpi, o.scale, o.min_module_mm, "png"))
        self.assertEqual((o.format, o.paper, o.ecc, o.flags, o.font, o.title),
                         (vp.FORMATS["png"], 0, 0, 0, None, None))
        for flag in ("mono", "south", "tu", "any_payload"):
            self.assertIs(params[flag].default, False, flag)
        self.assertIs(params["cut_marks"].default, True)

    def test_generated_code_is_current(self):
        script = os.path.join(ROOT, "scripts", "gen_print_python.py")
        if under_test.INSTALLED or not os.path.exists(script):
            self.skipTest("no source tree: scripts/gen_print_python.py")
        out = subprocess.run([sys.executable, script, "--check"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

    def test_unknown_keywords_and_wrong_types(self):
        text, fields = sample("school")
        with self.assertRaisesRegex(TypeError, "colour"):
            vp.card(text, colour="red")
        with self.assertRaises(TypeError):
            vp.card(text, "TRƯỜNG THPT")        # fields are keyword-only
        with self.assertRaisesRegex(TypeError, "format"):
            vp.Document().add("card", text, format="pdf")   # an option, not a field
        with self.assertRaisesRegex(TypeError, "payer"):
            vp.Document(payer="An")                         # a field, not an option
        with self.assertRaisesRegex(TypeError, r"payer must be str \(or UTF-8 bytes\), not int"):
            vp.notice(text, payer=12)
        with self.assertRaisesRegex(TypeError, "payload must be the payload's text"):
            vp.card(None)
        with self.assertRaisesRegex(TypeError, "items\\[0\\]: the amount must be an int.*"
                                    "parse_amount\\('1250000'\\)"):
            vp.notice(text, items=[("Học phí", "1250000")])
        for bad in (1250000.0, True, None):
            with self.assertRaisesRegex(TypeError, "items\\[0\\]: the amount", msg=repr(bad)):
                vp.notice(text, items=[("Học phí", bad)])
        with self.assertRaisesRegex(TypeError, r"items\[1\] must be a \(label, amount\) pair"):
            vp.notice(text, items=[("Học phí", 1000000), ("Bảo hiểm",)])
        with self.assertRaisesRegex(TypeError, "items must be"):
            vp.notice(text, items="Học phí")
        with self.assertRaises(vietqr.IntegerRangeError):
            vp.notice(text, items=[("Học phí", -1)])
        for kw, what in ((dict(dpi="300"), "dpi"), (dict(scale=1.5), "scale"),
                         (dict(format=1), "format"), (dict(paper=5), "paper"),
                         (dict(ecc=2), "ecc"), (dict(min_module_mm="0.5"), "min_module_mm"),
                         (dict(font=3), "font"), (dict(doc_title=["x"]), "doc_title")):
            with self.assertRaisesRegex(TypeError, what, msg=kw):
                vp.card(text, **kw)
        with self.assertRaisesRegex(TypeError, "template must be"):
            vp.render(None, text)
        with self.assertRaisesRegex(TypeError, "file must be a binary file object"):
            vp.Document(file="notices.pdf")
        # A vietqr.Ecc is the letter it names.
        self.assertEqual(vp.qr_only(text, ecc=vietqr.Ecc.H), vp.qr_only(text, ecc="H"))
        self.assertNotEqual(vp.qr_only(text, ecc="H"), vp.qr_only(text))
        # Every field and option by keyword, at once.
        every = dict(fields, format="pdf", paper="a5", dpi=150, scale=2, ecc="Q",
                     min_module_mm=0.6, font="Noto Sans", doc_title="Học phí", mono=False,
                     south=True, tu=True, cut_marks=False, any_payload=False)
        self.assertEqual(vp.notice(text, **every)[:5], b"%PDF-")
        lay = vp.measure("notice", text, **every)
        self.assertIn("Một triệu hai trăm năm mươi ngàn đồng", " ".join(b.text for b in lay.boxes))


if __name__ == "__main__":
    unittest.main()
