#!/usr/bin/env python3
"""Every template over the sample set, drawn and read back by real tools.

For each sample of tests/data/print/samples.json (the longest realistic
Vietnamese names, an 80-character organisation, every amount size from
1 đồng to the 13-digit maximum, a static code with an empty purpose) and
each template on each of its papers:

- the PDF is rasterised by pdftoppm at 150 and at 96 dpi, the PNG is read
  as drawn, the SVG is rasterised by rsvg-convert, and a receipt's PNG is
  also read after a Gaussian blur of 0.6 px (a thermal print; ImageMagick
  reads rsvg-convert's PNGs back to pixels); every
  image is decoded by zbarimg and by ZXing-C++ (python3-zxing-cpp), and
  each must give back the payload exactly;
- pdffonts shows every font of the PDF embedded (as a subset);
- pdftotext, cropped to each text's place as the layout measured it, reads
  that text back exactly (NFC, with its diacritics): every name and the
  amount in words is found where the layout put it.

VQR_PRINT_SAMPLES: how many samples (default 1, the worst case of every
field; "all" for the whole set, as the hardening tier runs it).
Exits 77 (skipped) when a tool or module is missing, naming it.

Usage: test_print_render.py   (VIETQR_LIB, VIETQR_PRINT_LIB, VQR_TEST_DATA set by meson)
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("VQR_SOURCE_ROOT", os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


for tool in ("pdftoppm", "pdftotext", "pdffonts", "zbarimg", "rsvg-convert", "convert"):
    if not shutil.which(tool):
        skip("%s is not installed (Debian: poppler-utils, zbar-tools, librsvg2-bin, imagemagick)"
             % tool)
try:
    import numpy as np
    import zxingcpp
except ImportError as exc:
    skip("%s (Debian: python3-numpy, python3-zxing-cpp)" % exc)

import vietqr  # noqa: E402
import vietqr.print as vp  # noqa: E402

DATA = os.environ.get("VQR_TEST_DATA", os.path.join(ROOT, "tests", "data"))
VARIANTS = [("card", None), ("qr_only", None), ("compact", None), ("compact2", None),
            ("print", None), ("notice", "a5"), ("notice", "a4-2up"), ("receipt", "roll58"),
            ("receipt", "roll80"), ("sticker", "a6"), ("sticker", "square100")]
# The fields whose text must come back exactly from the PDF.
CHECKED = ("payer", "holder", "issuer", "stall", "title", "payer_code", "words", "bank", "address")


class Count:
    def __init__(self):
        self.checks = 0
        self.failed = 0
        self.decoded = {"zbarimg": 0, "zxing-cpp": 0}
        self.images = 0

    def check(self, cond, what):
        self.checks += 1
        if not cond:
            self.failed += 1
            print("FAIL: " + what, flush=True)
        return cond


# ---- images to numpy (greyscale) ----

def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = []
    i = 0
    while len(parts) < 4:  # magic, width, height, maxval
        while data[i:i + 1].isspace():
            i += 1
        if data[i:i + 1] == b"#":
            i = data.index(b"\n", i)
            continue
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        parts.append(data[i:j])
        i = j
    assert parts[0] == b"P5" and parts[3] == b"255"
    w, h = int(parts[1]), int(parts[2])
    return np.frombuffer(data[i + 1:i + 1 + w * h], dtype=np.uint8).reshape(h, w)


def read_png(data):
    """Non-interlaced PNGs: ours (8-bit grey or RGB, 1-bit grey) and
    rsvg-convert's (8-bit RGBA, composited here on white)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    i, idat = 8, b""
    while i < len(data):
        n, = struct.unpack(">I", data[i:i + 4])
        kind = data[i + 4:i + 8]
        body = data[i + 8:i + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        i += 12 + n
    raw = zlib.decompress(idat)
    channels = {0: 1, 2: 3, 6: 4}[colour]
    rowbytes = (w * channels * depth + 7) // 8
    bpp = max(1, channels * depth // 8)
    filters = raw[::rowbytes + 1][:h]
    if filters.strip(b"\x00\x02"):
        # Sub, Average or Paeth rows (rsvg-convert's): each byte depends on
        # the one before, too slow in Python; ImageMagick reads the file.
        p = subprocess.run(["convert", "png:-", "-depth", "8", "rgba:-"], input=data,
                           stdout=subprocess.PIPE, check=True)
        px = np.frombuffer(p.stdout, dtype=np.uint8).reshape(h, w, 4).astype(np.float32)
        grey = 0.299 * px[..., 0] + 0.587 * px[..., 1] + 0.114 * px[..., 2]
        alpha = px[..., 3] / 255.0
        grey = grey * alpha + 255.0 * (1.0 - alpha)
        return np.clip(grey + 0.5, 0, 255).astype(np.uint8)
    # Ours: None and Up rows only. An Up row adds the row above, so from
    # each None row down, the rows are running sums (uint8 wraps at 256).
    lines = np.frombuffer(raw, dtype=np.uint8).reshape(h, rowbytes + 1)[:, 1:]
    out = np.empty((h, rowbytes), dtype=np.uint8)
    starts = [y for y in range(h) if filters[y] == 0 or y == 0] + [h]
    for y0, y1 in zip(starts, starts[1:]):
        np.cumsum(lines[y0:y1], axis=0, dtype=np.uint8, out=out[y0:y1])
    if depth == 1:
        bits = np.unpackbits(out, axis=1)[:, :w]
        return (bits * 255).astype(np.uint8)
    if channels >= 3:
        px = out.reshape(h, w, channels).astype(np.float32)
        grey = 0.299 * px[..., 0] + 0.587 * px[..., 1] + 0.114 * px[..., 2]
        if channels == 4:
            alpha = px[..., 3] / 255.0
            grey = grey * alpha + 255.0 * (1.0 - alpha)
        return np.clip(grey + 0.5, 0, 255).astype(np.uint8)
    return out


def write_pgm(path, img):
    h, w = img.shape
    with open(path, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (w, h))
        f.write(np.ascontiguousarray(img, dtype=np.uint8).tobytes())


def blur(img, sigma=0.6):
    """A separable Gaussian blur (radius 3 sigma), edges extended."""
    r = max(1, int(3 * sigma + 0.5))
    x = np.arange(-r, r + 1, dtype=np.float32)
    k = np.exp(-x * x / (2 * sigma * sigma))
    k /= k.sum()
    a = np.pad(img.astype(np.float32), r, mode="edge")
    a = sum(k[i] * a[:, i:i + a.shape[1] - 2 * r] for i in range(2 * r + 1))
    a = sum(k[i] * a[i:i + a.shape[0] - 2 * r, :] for i in range(2 * r + 1))
    return np.clip(a + 0.5, 0, 255).astype(np.uint8)


# ---- decoders ----

def zbar(path):
    p = subprocess.run(["zbarimg", "-q", "--raw", path], capture_output=True)
    out = p.stdout.decode("utf-8", "replace")
    return out[:-1] if out.endswith("\n") else out


def zxing(img):
    found = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in found]


def decode_both(c, img, path, payload, what):
    """Both decoders read exactly the payload (one code) from the image."""
    c.images += 1
    if path is None:
        fd, path = tempfile.mkstemp(suffix=".pgm")
        os.close(fd)
        write_pgm(path, img)
        got = zbar(path)
        os.unlink(path)
    else:
        got = zbar(path)
    if c.check(got == payload, "%s: zbarimg read %r" % (what, got[:60])):
        c.decoded["zbarimg"] += 1
    texts = zxing(img)
    if c.check(texts == [payload], "%s: ZXing-C++ read %r" % (what, [t[:60] for t in texts])):
        c.decoded["zxing-cpp"] += 1


# ---- the PDF's text and fonts ----

def pdf_fonts_embedded(c, path, what, has_text):
    out = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    c.check(len(rows) > 0 or not has_text, "%s: pdffonts lists fonts" % what)
    for row in rows:
        cols = row.split()
        # name type... emb sub uni object ID: the three yes/no columns before the last two
        emb, sub = cols[-5], cols[-4]
        c.check(emb == "yes" and sub == "yes", "%s: font not embedded as a subset: %s" % (what, row))


def pdf_text_in(path, page, x, y, w, h):
    """The text pdftotext finds in a rectangle of a page (points), words
    joined by single spaces. The rectangle grows by half a point each way:
    pdftotext keeps a glyph whose box lies wholly inside."""
    p = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-r", "72",
                        "-x", str(int(x - 0.5)), "-y", str(int(y - 0.5)),
                        "-W", str(int(w + 2)), "-H", str(int(h + 2)), "-layout", path, "-"],
                       capture_output=True)
    return " ".join(p.stdout.decode("utf-8").split())


def main():
    with open(os.path.join(DATA, "print", "samples.json"), encoding="utf-8") as f:
        samples = json.load(f)["samples"]
    want = os.environ.get("VQR_PRINT_SAMPLES", "1")
    if want != "all":
        samples = samples[:int(want)]
    c = Count()
    vp.init()
    with tempfile.TemporaryDirectory() as work:
        for s in samples:
            p = dict(s["payload"])
            payload, _ = vietqr.write_vietqr(p.pop("bank"), p.pop("account"), **p)
            fields = dict(s["fields"])
            if "items" in fields:
                fields["items"] = [tuple(i) for i in fields["items"]]
            for tpl, paper in VARIANTS:
                what = "%s/%s/%s" % (s["name"], tpl, paper or "-")
                base = os.path.join(work, what.replace("/", "-"))
                # PDF: fonts, text where the layout put it, and the code at two resolutions
                pdf = vp.render(tpl, payload, format="pdf", paper=paper, **fields)
                with open(base + ".pdf", "wb") as f:
                    f.write(pdf)
                lay = vp.measure(tpl, payload, format="pdf", paper=paper, **fields)
                pdf_fonts_embedded(c, base + ".pdf", what,
                                   any(b.kind == "text" for b in lay.boxes))
                ox = oy = 0.0
                if paper == "a4-2up":  # the notice in the top half of an A4 sheet
                    ox = (595.2756 - lay.width) / 2
                    oy = (841.8898 / 2 - lay.height) / 2
                for b in lay.boxes:
                    if b.kind != "text" or b.field not in CHECKED:
                        continue
                    x, y, w, h = b.place
                    got = pdf_text_in(base + ".pdf", 1, x + ox, y + oy, w, h)
                    wanted = " ".join(b.text.split())
                    c.check(unicodedata.is_normalized("NFC", got),
                            "%s/%s: pdftotext gave text not in NFC" % (what, b.field))
                    c.check(got == wanted, "%s/%s: pdftotext read %r, drawn %r"
                            % (what, b.field, got, wanted))
                    if b.field == "words":
                        amount = s["payload"].get("amount")
                        if fields.get("items") and not amount:
                            amount = sum(a for _, a in fields["items"])
                        c.check(vietqr.amount_words(amount) in got,
                                "%s: the amount in words" % what)
                for name in ("payer", "holder", "issuer", "stall"):
                    shown = [b.text for b in lay.boxes if b.field == name]
                    if shown and fields.get(name):
                        c.check(fields[name] in " ".join(shown[0].split()),
                                "%s: %s shown whole" % (what, name))
                for dpi in (150, 96):
                    ppm = "%s-%d" % (base, dpi)
                    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-singlefile", "-f", "1",
                                    "-l", "1", base + ".pdf", ppm], check=True)
                    decode_both(c, read_pgm(ppm + ".pgm"), ppm + ".pgm", payload,
                                "%s pdf@%d" % (what, dpi))
                # PNG as drawn (a receipt also blurred as a thermal print blurs)
                png = vp.render(tpl, payload, paper=paper, **fields)
                with open(base + ".png", "wb") as f:
                    f.write(png)
                img = read_png(png)
                decode_both(c, img, base + ".png", payload, what + " png")
                if tpl == "receipt":
                    decode_both(c, blur(img), None, payload, what + " png blurred 0.6 px")
                # SVG, rasterised
                svg = vp.render(tpl, payload, format="svg", paper=paper, **fields)
                with open(base + ".svg", "wb") as f:
                    f.write(svg)
                subprocess.run(["rsvg-convert", "-o", base + "-svg.png", base + ".svg"],
                               check=True)
                with open(base + "-svg.png", "rb") as f:
                    decode_both(c, read_png(f.read()), base + "-svg.png", payload,
                                what + " svg")
    print("print-render: %d samples x %d template/paper pairs: %d images; decoded to the exact "
          "payload by zbarimg %d, by ZXing-C++ %d; %d checks, %d failed"
          % (len(samples), len(VARIANTS), c.images, c.decoded["zbarimg"], c.decoded["zxing-cpp"],
             c.checks, c.failed))
    sys.exit(1 if c.failed or not c.checks else 0)


if __name__ == "__main__":
    main()
