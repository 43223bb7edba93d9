#!/usr/bin/env python3
"""`vietqr card`, `notice`, `receipt` and `sticker`: documents from encode's
options, every format by its extension, the fields, and every error with
its exit status (0 success, 1 invalid field or layout, 2 usage, 3 I/O).

Usage: test_print.py PATH/TO/vietqr
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile

from clitest import Checker, run

BASE = ["--bank", "Vietcombank", "--account", "0011012345678"]
LONG_NAME = "Công Tôn Nữ Thị Phương Thảo Nguyên"


def png_info(path):
    with open(path, "rb") as f:
        head = f.read(33)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    w, h = struct.unpack(">II", head[16:24])
    return w, h, head[24], head[25]


def zbar(path):
    if not shutil.which("zbarimg"):
        return None
    p = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
    return p.stdout.strip()


def pdftext(path):
    p = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
    return " ".join(p.stdout.split())


def test_formats(c, tool, work):
    """Only encode's options and -o FILE: a complete, scannable document."""
    for cmd in ("card", "notice", "receipt", "sticker"):
        for ext in ("png", "pdf", "svg"):
            out = os.path.join(work, "%s.%s" % (cmd, ext))
            rc, stdout, err = run(tool, [cmd] + BASE + ["--amount", "150000", "-o", out])
            ok = c.check(rc == 0 and os.path.exists(out), "%s -o .%s: %d %s" % (cmd, ext, rc, err))
            payload = stdout.strip()
            c.check(payload.startswith("000201") and "5406150000" in payload,
                    "%s prints the payload" % cmd)
            if not ok:
                continue
            with open(out, "rb") as f:
                data = f.read()
            if ext == "png":
                c.check(data[:4] == b"\x89PNG", cmd + " png")
                got = zbar(out)
                if got is not None:
                    c.eq(got, payload, cmd + " png decodes")
            elif ext == "pdf":
                c.check(data[:5] == b"%PDF-", cmd + " pdf")
                text = pdftext(out) if shutil.which("pdftotext") else None
                if text is not None and cmd != "sticker":
                    c.check("Một trăm năm mươi nghìn đồng" in text, cmd + " pdf: amount in words")
            else:
                c.check(b"<svg" in data[:500] and b"<title>" in data, cmd + " svg")
    # --format overrides the extension, and '-' is standard output
    p = subprocess.run([tool, "card"] + BASE + ["--format", "png", "-o", "-"],
                       capture_output=True)
    c.check(p.returncode == 0 and p.stdout[:4] == b"\x89PNG", "card to standard output")


def test_fields(c, tool, work):
    out = os.path.join(work, "notice.pdf")
    rc, stdout, err = run(tool, ["notice"] + BASE + [
        "--purpose", "Học phí HK1 HS12345", "--payer", LONG_NAME, "--payer-code", "HS12345",
        "--issuer", "Trường Trung học phổ thông chuyên Lê Hồng Phong - Cơ sở 2, Thành phố Hồ Chí Minh",
        "--item", "Học phí học kỳ 1=1.000.000", "--item", "Bảo hiểm y tế=150.000 đ",
        "--item", "Quỹ phụ huynh=100000", "--due", "30/09/2026", "--title", "GIẤY BÁO HỌC PHÍ",
        "--holder", "TRƯỜNG THPT CHUYÊN LÊ HỒNG PHONG", "--doc-title", "Học phí 10A3", "-o", out])
    c.check(rc == 0, "notice with every field: %s" % err)
    # no --amount: the items' total is the amount of the code
    c.check("54071250000" in stdout, "notice: the items' total in 54")
    c.check("folded to ASCII" in err, "notice: folding reported")
    if shutil.which("pdftotext"):
        text = pdftext(out)
        for want in (LONG_NAME, "GIẤY BÁO HỌC PHÍ", "Một triệu hai trăm năm mươi nghìn đồng",
                     "TRƯỜNG THPT CHUYÊN LÊ HỒNG PHONG", "Học phí HK1 HS12345", "30/09/2026"):
            c.check(want in text, "notice pdf has %r" % want)
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
        c.check("Học phí 10A3" in info, "notice: --doc-title")
    rc, stdout, err = run(tool, ["notice"] + BASE + ["--south", "--tu", "--amount", "24000",
                                                     "--paper", "a5", "-o", out])
    if rc == 0 and shutil.which("pdftotext"):
        c.check("Hai mươi tư ngàn đồng" in pdftext(out), "notice --south --tu")
        size = subprocess.run(["pdfinfo", out], capture_output=True,
                              text=True).stdout.split("Page size:")[1].split("\n")[0]
        c.check("595.276 x 419.528" in size, "notice --paper a5: an A5 landscape page, %s" % size)
    for cmd, paper, width in (("receipt", "58", 384), ("receipt", "80", 576)):
        png = os.path.join(work, "r%s.png" % paper)
        rc, _, _ = run(tool, [cmd] + BASE + ["--paper", paper, "--amount", "50000", "-o", png])
        info = png_info(png) if rc == 0 else None
        c.check(info is not None and info[0] == width and info[2] == 1,
                "receipt --paper %s: %r" % (paper, info))
    png = os.path.join(work, "sq.png")
    rc, _, _ = run(tool, ["sticker"] + BASE + ["--paper", "100", "--dpi", "150", "--stall",
                                               "Sạp 12", "-o", png])
    c.eq((rc, png_info(png)[:2] if rc == 0 else None), (0, (591, 591)), "sticker 10 cm at 150 dpi")
    for tpl, size in (("qr_only", (480, 480)), ("compact", (540, 540)), ("compact2", (540, 640)),
                      ("print", (600, 776))):
        png = os.path.join(work, tpl + ".png")
        rc, _, _ = run(tool, ["card"] + BASE + ["--template", tpl, "-o", png])
        c.eq((rc, png_info(png)[:2] if rc == 0 else None), (0, size), "card --template " + tpl)
    rc, _, _ = run(tool, ["card"] + BASE + ["--scale", "2", "-o", png])
    c.eq(png_info(png)[:2], (1800, 1000), "card --scale 2")


def test_errors(c, tool, work):
    out = os.path.join(work, "bad.pdf")
    for args, want, what in [
            (["notice"] + BASE + ["--payer", "Nguyễn Văn An " * 40, "-o", out], "--payer",
             "too long"),
            (["card"] + BASE + ["--holder", "AN\u202eBINH", "-o", out], "--holder", "bidi"),
            (["notice"] + BASE + ["--amount", "5", "--item", "Học phí=4", "-o", out], "--item",
             "items do not add up"),
            (["card"] + BASE + ["--amount", "abc", "-o", out], "--amount", "bad amount"),
            (["notice"] + BASE + ["--item", "Học phí=1.5.0", "-o", out], "--item", "bad item")]:
        rc, stdout, err = run(tool, args)
        c.check(rc == 1 and want in err and stdout == "", "%s: exit 1 naming %s (%d %s)"
                % (what, want, rc, err.strip()))
        c.check(not os.path.exists(out), "%s: no file written" % what)
    for args in (["card"] + BASE, ["card"] + BASE + ["-o", "x.gif"],
                 ["card", "--account", "1", "-o", out], ["receipt"] + BASE + ["--paper", "a4",
                                                                             "-o", out],
                 ["receipt"] + BASE + ["--template", "card", "-o", out],
                 ["notice"] + BASE + ["--item", "no-amount", "-o", out],
                 ["card"] + BASE + ["--scale", "5", "-o", out],
                 ["sticker"] + BASE + ["--dpi", "30", "-o", out],
                 ["card"] + BASE + ["--payer", "A", "--payer", "B", "-o", out],
                 ["card"] + BASE + ["extra", "-o", out]):
        rc, stdout, err = run(tool, args)
        c.eq((rc, stdout), (2, ""), "usage %r" % args[1:])
    rc, _, err = run(tool, ["card"] + BASE + ["-o", os.path.join(work, "missing", "x.png")])
    c.check(rc == 3 and "cannot write" in err, "card into a missing directory: exit 3")
    leftovers = [f for f in os.listdir(work) if f.endswith(".tmp")]
    c.eq(leftovers, [], "no temporary file left behind")
    for cmd in ("card", "notice", "receipt", "sticker"):
        rc, stdout, err = run(tool, [cmd, "--help"])
        c.check(rc == 0 and stdout.startswith("Usage: vietqr " + cmd), cmd + " --help")
    rc, stdout, _ = run(tool, ["--help"])
    for cmd in ("card", "notice", "receipt", "sticker"):
        c.check("\n  %s " % cmd in stdout, "--help lists " + cmd)


def main():
    tool = sys.argv[1]
    c = Checker("cli-print")
    with tempfile.TemporaryDirectory() as work:
        test_formats(c, tool, work)
        test_fields(c, tool, work)
        test_errors(c, tool, work)
    c.done()


if __name__ == "__main__":
    main()
