#!/usr/bin/env python3
"""SVG from `vietqr render` drawn by real SVG renderers and read back by
zbarimg: ImageMagick's own SVG reader (MSVG), rsvg-convert (librsvg) and
headless Chromium. Every code must decode to its payload. The SVG's
shapes carry stroke="none"; without it ImageMagick's reader strokes the
path and widens every module until most codes no longer decode.

Usage: test_svg_renderers.py PATH/TO/vietqr imagemagick|rsvg|chromium

Exits 77 (skipped) with the reason when the renderer or zbarimg is absent.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from clitest import Checker, command, sanitizer_check, sanitizer_env

SKIP = 77

# Payloads of several lengths (QR versions 3 to 13), ASCII and UTF-8 (ECI),
# drawn at several error-correction levels and scales.
TEXTS = [
    ("00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC"
     "53037045802VN63044F52", "M", 4),
    ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
     "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E", "L", 3),
    ("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
     "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E", "H", 5),
    ("00020101021226280010A00000077501100108799042520459775303704" "5802VN5909MYPHAMHER6005"
     "HANOI62260311MY PHAM HER0707MPHER0163041C50", "Q", 4),
    ("Học phí tháng 9 — Nguyễn Văn Đức, lớp 3A", "M", 4),
    ("00020101021229300012D156000000000510A93FO3230Q31280012D1560000000103081234567852044111"
     "5802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233"
     "030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A", "M", 3),
    ("X" * 300, "L", 3),
]
# At least 3 pixels per module, as for print (vqr_render_print_size):
# ImageMagick's reader also fills the pixel column past the right edge of
# each run of dark modules, which 2 pixels per module do not survive.


def run_tool(tool, args):
    p = subprocess.run(command(tool, args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=sanitizer_env())
    err = p.stderr.decode("utf-8", "replace")
    sanitizer_check(err, args)
    return p.returncode, err


def zbar(path):
    """Every code zbarimg reads in an image, as UTF-8 text."""
    p = subprocess.run(["zbarimg", "--raw", "-q", path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    out = p.stdout.decode("utf-8", "replace")
    return out


def draw_svgs(c, tool, work):
    files = []
    for i, (text, ecc, scale) in enumerate(TEXTS):
        path = os.path.join(work, "q%d.svg" % i)
        rc, err = run_tool(tool, ["render", text, "--ecc", ecc, "--scale", str(scale), "-o", path])
        if c.eq(rc, 0, "render %d (%s)" % (i, err.strip())):
            with open(path, encoding="utf-8") as f:
                svg = f.read()
            c.check('<rect ' in svg and svg.count('stroke="none"') == 2,
                    "svg %d: stroke=\"none\" on the background and the modules" % i)
            files.append((path, text))
    return files


def imagemagick(c, tool, work):
    convert = shutil.which("convert") or shutil.which("magick")
    if not convert:
        return "ImageMagick (convert) is not installed"
    for path, text in draw_svgs(c, tool, work):
        png = path + ".im.png"
        # MSVG: ImageMagick's own renderer, whatever delegate it was built with.
        p = subprocess.run([convert, "MSVG:" + path, png], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        if c.eq(p.returncode, 0, "convert MSVG:%s: %s" % (path, p.stderr[-200:])):
            c.eq(zbar(png).rstrip("\n"), text, "ImageMagick: %s decodes" % os.path.basename(path))
    return None


def rsvg(c, tool, work):
    exe = shutil.which("rsvg-convert")
    if not exe:
        return "rsvg-convert (librsvg2-bin) is not installed"
    for path, text in draw_svgs(c, tool, work):
        png = path + ".rsvg.png"
        p = subprocess.run([exe, "-o", png, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if c.eq(p.returncode, 0, "rsvg-convert %s: %s" % (path, p.stderr[-200:])):
            c.eq(zbar(png).rstrip("\n"), text, "rsvg-convert: %s decodes" % os.path.basename(path))
    return None


def chromium(c, tool, work):
    exe = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(n)), None)
    if not exe:
        return "Chromium is not installed"
    files = draw_svgs(c, tool, work)
    # Every SVG on one page, each inline as Chromium draws an SVG document,
    # far enough apart that zbarimg reads them one by one from one screenshot.
    cells = []
    for path, _ in files:
        cells.append('<div style="padding:40px;background:#fff;display:inline-block">'
                     '<img src="file://%s"></div>' % path)
    page = os.path.join(work, "page.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write("<!doctype html><html><body style=\"margin:0;background:#fff;width:1400px\">"
                + "".join(cells) + "</body></html>")
    shot = os.path.join(work, "shot.png")
    profile = tempfile.mkdtemp(prefix="vqr-chromium-", dir=work)
    args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--allow-file-access-from-files", "--user-data-dir=" + profile,
            "--window-size=1400,2200", "--screenshot=" + shot, "file://" + page]
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        c.check(False, "Chromium took over 120 s")
        return None
    if not c.check(p.returncode == 0 and os.path.exists(shot),
                   "Chromium screenshot: %s" % p.stderr[-300:]):
        return None
    got = sorted(x for x in zbar(shot).split("\n") if x)
    c.eq(got, sorted(t for _, t in files), "Chromium: every code on the page decodes")
    return None


def main():
    tool, renderer = sys.argv[1], sys.argv[2]
    if not shutil.which("zbarimg"):
        print("SKIP: zbarimg (zbar-tools) is not installed")
        sys.exit(SKIP)
    c = Checker("svg-" + renderer)
    work = tempfile.mkdtemp(prefix="vqr-svg-")
    try:
        why = {"imagemagick": imagemagick, "rsvg": rsvg, "chromium": chromium}[renderer](
            c, tool, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if why:
        print("SKIP: " + why)
        sys.exit(SKIP)
    c.done()


if __name__ == "__main__":
    main()
