#!/usr/bin/env python3
"""`vietqr batch --template`: a school's term of fee notices in one PDF, and
one document image per row.

- A school CSV of VQR_PRINT_BATCH_ROWS rows (default 40; the hardening tier
  runs 1,000) with the longest realistic Vietnamese names, an 80-character
  school name, items per row, and rows that must be rejected (an item that
  is not an amount, a missing account, a payer's name too long for its
  place, items that do not add up to the row's amount) goes through
  `batch --template notice --pdf`: the exit status, rejects.csv naming each
  bad row with its code and column, manifest.csv giving every accepted row
  its page, pdfinfo's page count, pdffonts (every font embedded), every
  page rasterised by pdftoppm and every QR code decoded by zbarimg (and by
  ZXing-C++ when python3-zxing-cpp is there) back to exactly the payload
  `vietqr encode` makes from the row, and pdftotext finding every payer's
  name and the amounts in words.
- `--template card` and `--template receipt --mono`: one PNG per row, each
  decoded to its row's payload; a rerun finds them unchanged; a changed
  payer redraws only that row; `-f svg` writes SVGs.
- Usage errors: --pdf without --template, --margin with one, an unknown
  template, a paper of another template, --format with --pdf; a missing
  item column.

Exits 77 (skipped) when pdftoppm, pdftotext, pdffonts, pdfinfo or zbarimg
is missing, naming it.

Usage: test_batch_print.py PATH/TO/vietqr
"""

import csv
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

from clitest import Checker, run

for tool in ("pdftoppm", "pdftotext", "pdffonts", "pdfinfo", "zbarimg"):
    if not shutil.which(tool):
        print("SKIP: %s is not installed (Debian: poppler-utils, zbar-tools)" % tool)
        sys.exit(77)
try:
    import numpy as np
    import zxingcpp
except ImportError:
    np = zxingcpp = None

ROWS = int(os.environ.get("VQR_PRINT_BATCH_ROWS", "40"))
NAMES = [
    "Công Tôn Nữ Thị Phương Thảo Nguyên",
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Phúc",
    "Huỳnh Ngọc Ánh Dương",
    "Võ Thị Thanh Hương",
    "Tôn Nữ Hoàng Yến",
]
# 80 characters
SCHOOL = "Trường Trung học phổ thông chuyên Lê Hồng Phong - Cơ sở 2, Thành phố Hồ Chí Minh"
HOLDER = "TRUONG THPT CHUYEN LE HONG PHONG"
ACCOUNT = "0011012345678"
TOO_LONG = ("Nguyễn Thị " * 60).strip()


def school_rows(n):
    """The rows, and for each rejected row the (name, column) it must get."""
    rows, bad = [], {}
    for i in range(1, n + 1):
        r = {
            "bank": "970436",
            "account": ACCOUNT,
            "amount": "",
            "purpose": "HP HK1 HS%06d" % i,
            "payer": NAMES[i % len(NAMES)],
            "payer_code": "HS%06d · Lớp 10A%d" % (i, i % 9 + 1),
            "hoc_phi": "1.000.000" if i % 2 else "1250000",
            "bhyt": "150.000" if i % 3 else "",
            "quy": str(50000 + 10000 * (i % 5)),
        }
        if i % 17 == 5:
            r["hoc_phi"] = "12,5 triệu"
            bad[i] = ("VQR_ERR_AMOUNT_SYNTAX", "hoc_phi")
        elif i % 23 == 7:
            r["account"] = ""
            bad[i] = ("VQR_ERR_MISSING", "account")
        elif i % 29 == 11:
            r["payer"] = TOO_LONG
            bad[i] = ("VQR_ERR_PRINT_TEXT_TOO_LONG", "payer")
        elif i % 31 == 13:
            r["amount"] = "999000"
            bad[i] = ("VQR_ERR_PRINT_TOTAL", "amount")
        rows.append(r)
    return rows, bad


def write_csv(path, rows):
    cols = list(rows[0].keys())
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def amount_of(r):
    def vnd(s):
        return int(s.replace(".", "")) if s else 0
    return vnd(r["hoc_phi"]) + vnd(r["bhyt"]) + vnd(r["quy"])


def encode(tool, r):
    rc, out, err = run(tool, ["encode", "--bank", r["bank"], "--account", r["account"],
                              "--amount", str(amount_of(r)), "--purpose", r["purpose"]])
    assert rc == 0, err
    return out.strip()


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    return np.frombuffer(data, dtype=np.uint8, count=w * h, offset=m.end()).reshape(h, w)


def zbar_xml(paths):
    """{path: [payload, ...]} for images read by one zbarimg run."""
    p = subprocess.run(["zbarimg", "-q", "--xml"] + paths, capture_output=True, text=True)
    found = {path: [] for path in paths}
    text = re.sub(r"\sxmlns=(['\"]).*?\1", "", p.stdout, count=1)
    root = ET.fromstring(text)
    for src in root.iter("source"):
        href = src.get("href")
        for sym in src.iter("symbol"):
            data = sym.find("data")
            if data is not None and data.text is not None:
                found.setdefault(href, []).append(data.text)
    return found


def test_notices(c, tool, work):
    rows, bad = school_rows(ROWS)
    src = os.path.join(work, "hoc-phi.csv")
    write_csv(src, rows)
    out = os.path.join(work, "out")
    pdf = os.path.join(work, "giay-bao.pdf")
    rc, _, err = run(tool, [
        "batch", src, "--out", out, "--template", "notice", "--pdf", pdf, "-q",
        "--title", "GIẤY BÁO HỌC PHÍ", "--issuer", SCHOOL,
        "--address", "235 Nguyễn Văn Cừ, Phường 4, Quận 5, TP. Hồ Chí Minh",
        "--holder", HOLDER, "--due", "30/09/2026",
        "--item-column", "hoc_phi=Học phí học kỳ 1", "--item-column", "bhyt=Bảo hiểm y tế",
        "--item-column", "quy=Quỹ hoạt động Ban đại diện cha mẹ học sinh"], timeout=1800)
    c.check(rc == (1 if bad else 0), "batch --pdf: exit %d (%s)" % (rc, err[-400:]))
    if not c.check(os.path.exists(pdf), "the PDF is written"):
        return

    # every bad row rejected, naming its column, and only those
    rejects = read_csv(os.path.join(out, "rejects.csv"))
    got = {int(r["row"]): (r["name"], r["column"]) for r in rejects}
    c.eq(got, bad, "rejects.csv: the rows, codes and columns")
    for r in rejects:
        c.check(r["message"].startswith("column '%s'" % r["column"]),
                "row %s: the message names the column: %s" % (r["row"], r["message"]))

    # every accepted row on its page: two notices per A4 sheet, in row order
    good = [i for i in range(1, ROWS + 1) if i not in bad]
    manifest = read_csv(os.path.join(out, "manifest.csv"))
    c.eq([int(m["row"]) for m in manifest], good, "manifest.csv: every accepted row")
    c.eq([int(m["page"]) for m in manifest], [k // 2 + 1 for k in range(len(good))],
         "manifest.csv: the page of each row")
    c.check(all(m["file"] == pdf for m in manifest), "manifest.csv: the PDF's name")
    pages = math.ceil(len(good) / 2)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    c.check(re.search(r"^Pages:\s+%d$" % pages, info, re.M) is not None,
            "pdfinfo: %d pages\n%s" % (pages, info))
    c.check("Title:" in info and "GIẤY BÁO HỌC PHÍ" in info, "pdfinfo: the title")
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    lines = fonts.splitlines()[2:]
    c.check(lines and all(l.split()[-5] == "yes" and "+" in l.split()[0] for l in lines),
            "pdffonts: every font embedded as a subset\n" + fonts)

    # every QR code back to the payload encode makes of its row
    want = {}
    for m in manifest:
        r = rows[int(m["row"]) - 1]
        payload = encode(tool, r)
        c.eq(m["payload"], payload, "row %s: the manifest's payload" % m["row"])
        want.setdefault(int(m["page"]), []).append(payload)
    decoded = {"zbarimg": 0, "zxing-cpp": 0}
    step = 20
    for first in range(1, pages + 1, step):
        last = min(pages, first + step - 1)
        prefix = os.path.join(work, "p")
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-f", str(first), "-l", str(last),
                        pdf, prefix], check=True)
        files = sorted(f for f in os.listdir(work) if f.startswith("p-") and f.endswith(".pgm"))
        paths = [os.path.join(work, f) for f in files]
        found = zbar_xml(paths)
        for path in paths:
            page = int(re.search(r"-(\d+)\.pgm$", path).group(1))
            c.eq(sorted(found.get(path, [])), sorted(want[page]), "page %d: zbarimg" % page)
            decoded["zbarimg"] += len(found.get(path, []))
            if zxingcpp is not None:
                got = [b.text for b in zxingcpp.read_barcodes(read_pgm(path))
                       if b.format == zxingcpp.BarcodeFormat.QRCode]
                c.eq(sorted(got), sorted(want[page]), "page %d: ZXing-C++" % page)
                decoded["zxing-cpp"] += len(got)
            os.remove(path)
    print("decoded %d codes by zbarimg and %d by ZXing-C++ on %d pages (%d rows, %d rejected)"
          % (decoded["zbarimg"], decoded["zxing-cpp"], pages, ROWS, len(bad)))

    # the text is real text: every payer and the amounts in words
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    flat = unicodedata.normalize("NFC", " ".join(text.split()))
    c.check(unicodedata.is_normalized("NFC", text), "pdftotext: NFC")
    for i in good:
        r = rows[i - 1]
        c.check(r["payer"] in flat, "row %d: pdftotext finds %s" % (i, r["payer"]))
        c.check(r["payer_code"] in flat, "row %d: pdftotext finds %s" % (i, r["payer_code"]))
    for total in sorted({amount_of(rows[i - 1]) for i in good}):
        rc, words, _ = run(tool, ["words", str(total)])
        c.check(rc == 0 and words.strip() in flat,
                "pdftotext finds the words of %d: %s" % (total, words.strip()))
    c.check(" ".join(SCHOOL.split()) in flat, "pdftotext finds the school's name")
    c.check(TOO_LONG not in flat, "a rejected row is not in the PDF")

    # a run with every row rejected writes no PDF and says so
    none = os.path.join(work, "none.csv")
    write_csv(none, [dict(rows[0], account="")])
    pdf2 = os.path.join(work, "none.pdf")
    rc, _, err = run(tool, ["batch", none, "--out", os.path.join(work, "out-none"),
                            "--template", "notice", "--pdf", pdf2, "--item-column", "hoc_phi"])
    c.check(rc == 1 and not os.path.exists(pdf2) and "not written" in err,
            "no row accepted: no PDF (%d %s)" % (rc, err))


def png_info(path):
    with open(path, "rb") as f:
        head = f.read(33)
    w, h = struct.unpack(">II", head[16:24])
    return w, h, head[24]


def zbar_one(path):
    p = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True, text=True)
    return p.stdout.strip()


def test_images(c, tool, work):
    rows, _ = school_rows(6)
    rows[4]["hoc_phi"] = "1.000.000"  # row 5 of the school's set is a bad one
    src = os.path.join(work, "six.csv")
    write_csv(src, rows)
    items = ["--item-column", "hoc_phi", "--item-column", "bhyt", "--item-column", "quy"]
    for tpl, extra, size in (("card", [], (900, 500)), ("receipt", ["--mono"], None)):
        out = os.path.join(work, "img-" + tpl)
        rc, _, err = run(tool, ["batch", src, "--out", out, "--template", tpl, "-q",
                                "--holder", HOLDER] + items + extra)
        c.check(rc == 0, "batch --template %s: %d %s" % (tpl, rc, err))
        manifest = read_csv(os.path.join(out, "manifest.csv"))
        c.eq(len(manifest), len(rows), tpl + ": one image per row")
        for m in manifest:
            path = os.path.join(out, m["file"])
            w, h, depth = png_info(path)
            if size:
                c.eq((w, h), size, "%s row %s: the template's size" % (tpl, m["row"]))
            else:
                c.check(w == 384 and depth == 1, "receipt row %s: 384 dots, 1-bit (%d, %d)"
                        % (m["row"], w, depth))
            c.eq(zbar_one(path), encode(tool, rows[int(m["row"]) - 1]),
                 "%s row %s: zbarimg reads the row's payload" % (tpl, m["row"]))
        # unchanged rows are found unchanged; a changed payer redraws its row only
        rc, _, err = run(tool, ["batch", src, "--out", out, "--template", tpl,
                                "--holder", HOLDER] + items + extra)
        c.check(rc == 0 and "0 written, 6 skipped" in err, tpl + ": a rerun skips: " + err)
        if tpl == "receipt":
            changed = [dict(r) for r in rows]
            changed[2]["payer"] = "Phạm Minh Đức"
            src2 = os.path.join(work, "six-changed.csv")
            write_csv(src2, changed)
            rc, _, err = run(tool, ["batch", src2, "--out", out, "--template", tpl,
                                    "--holder", HOLDER] + items + extra)
            c.check(rc == 0 and "1 written, 5 skipped" in err and "repaired" not in err,
                    "receipt: a changed payer redraws that row: " + err)
            manifest = read_csv(os.path.join(out, "manifest.csv"))
            c.eq(zbar_one(os.path.join(out, manifest[2]["file"])), encode(tool, changed[2]),
                 "receipt: the redrawn row decodes")
    out = os.path.join(work, "img-svg")
    rc, _, err = run(tool, ["batch", src, "--out", out, "--template", "compact2", "-f", "svg",
                            "-q"] + items)
    files = sorted(os.listdir(out)) if os.path.isdir(out) else []
    c.check(rc == 0 and len([f for f in files if f.endswith(".svg")]) == 6,
            "-f svg: one SVG per row (%d %s %s)" % (rc, files, err))


def test_errors(c, tool, work):
    rows, _ = school_rows(3)
    src = os.path.join(work, "three.csv")
    write_csv(src, rows)
    out = os.path.join(work, "err")
    for args, what in (
        (["--pdf", "x.pdf"], "--pdf is an option of the documents"),
        (["--template", "notice", "--margin", "2"], "--margin is for bare QR images"),
        (["--template", "nope"], "--template takes card"),
        (["--template", "sticker", "--paper", "58"], "'58' is not a paper of the sticker"),
        (["--template", "notice", "--pdf", "x.pdf", "-f", "svg"], "--format is for one image"),
        (["--template", "card", "--scale", "9"], "--scale of a --template takes 1"),
        (["--template", "notice", "--item-column", "=x"], "--item-column takes COLUMN"),
    ):
        rc, _, err = run(tool, ["batch", src, "--out", out] + args)
        c.check(rc == 2 and what in err, "%s: exit 2 saying %r (%d %s)" % (args, what, rc, err))
    rc, _, err = run(tool, ["batch", src, "--out", out, "--template", "notice",
                            "--item-column", "hoc-phi"])
    c.check(rc == 1 and "no column 'hoc-phi'" in err, "a missing item column: %d %s" % (rc, err))
    rc, out_text, _ = run(tool, ["batch", "--help"])
    c.check(rc == 0 and "--item-column" in out_text and "--pdf FILE" in out_text,
            "batch --help shows the documents' options")


def main():
    tool = sys.argv[1]
    c = Checker("cli-batch-print")
    with tempfile.TemporaryDirectory() as work:
        test_notices(c, tool, work)
        test_images(c, tool, work)
        test_errors(c, tool, work)
    c.done()


if __name__ == "__main__":
    main()
