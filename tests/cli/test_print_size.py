#!/usr/bin/env python3
"""Print sizing that scans: `--size-mm` never draws fewer than 3 pixels per
module. 20 VietQRs at --size-mm 20 --dpi 203 (a thermal receipt printer),
where the size alone gives 2 pixels per module, are drawn at 3 with a
warning that names the size and the error-correction level that would
fit; each image, blurred and downscaled as a phone camera sees a print,
still decodes with zbarimg, while the same codes at 2 pixels per module
(what 0.1 drew) do not. --strict-size refuses instead.

Usage: test_print_size.py PATH/TO/vietqr

Exits 77 (skipped) when ImageMagick (convert) or zbarimg is absent.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

from clitest import Checker, command, run, sanitizer_check, sanitizer_env

SKIP = 77
BANKS = ["970436", "970415", "970418", "970407", "970422"]


def png_width(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">I", head[16:20])[0]


def camera(convert, src, dst):
    """A mild blur and a downscale to 80 %: how a phone sees a small print."""
    subprocess.run([convert, src, "-blur", "0x0.8", "-resize", "80%", dst], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def zbar(path):
    p = subprocess.run(["zbarimg", "--raw", "-q", path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    return p.stdout.decode("utf-8", "replace").rstrip("\n")


def main():
    tool = sys.argv[1]
    convert = shutil.which("convert") or shutil.which("magick")
    if not convert or not shutil.which("zbarimg"):
        print("SKIP: needs ImageMagick (convert) and zbarimg")
        sys.exit(SKIP)
    c = Checker("print-size")
    work = tempfile.mkdtemp(prefix="vqr-print-")
    try:
        payloads = []
        for i in range(20):
            rc, out, err = run(tool, ["encode", "--bank", BANKS[i % len(BANKS)], "--account",
                                      "%013d" % (1001000 + 7919 * i), "--amount",
                                      str(150000 + 12500 * i), "--purpose",
                                      "Hoc phi HK%d HS%05d" % (1 + i % 2, 31 * i), "--bill",
                                      "HD%06d" % i])
            if c.eq(rc, 0, "encode %d: %s" % (i, err)):
                payloads.append(out.strip())

        decoded = decoded_2px = 0
        for i, p in enumerate(payloads):
            png = os.path.join(work, "p%d.png" % i)
            rc, out, err = run(tool, ["render", p, "--size-mm", "20", "--dpi", "203", "-o", png])
            c.eq(rc, 0, "render %d --size-mm 20 --dpi 203" % i)
            c.check("--size-mm 20 at 203 dpi would give 2 pixels per module, too few to scan "
                    "once printed: drawn at 3 per module" in err, "render %d: the warning" % i)
            c.check("--size-mm 22 or more" in err and "--ecc L (3 pixels per module at 20 mm)"
                    in err, "render %d: the size and the level that would fit: %r" % (i, err))
            m = re.search(r": (\d+) px at 203 dpi, (\d+) px per module", err)
            c.check(m and m.group(2) == "3" and png_width(png) == int(m.group(1)),
                    "render %d: 3 px per module: %r" % (i, err))
            seen = os.path.join(work, "p%d.seen.png" % i)
            camera(convert, png, seen)
            decoded += zbar(seen) == p
            # The same code at 2 pixels per module, as 0.1 drew it.
            two = os.path.join(work, "p%d.2px.png" % i)
            rc, _, _ = run(tool, ["render", p, "--scale", "2", "-o", two])
            camera(convert, two, seen)
            decoded_2px += zbar(seen) == p
        c.eq(decoded, len(payloads), "3 px per module: every blurred code decodes")
        c.check(decoded_2px <= len(payloads) // 10,
                "2 px per module: blurred codes do not decode (%d of %d did)"
                % (decoded_2px, len(payloads)))

        # --strict-size refuses, in render and encode; nothing is written.
        p = payloads[0]
        png = os.path.join(work, "strict.png")
        rc, out, err = run(tool, ["render", p, "--size-mm", "20", "--dpi", "203",
                                  "--strict-size", "-o", png])
        c.eq((rc, out), (1, ""), "render --strict-size: exit 1")
        c.check("--size-mm 20 at 203 dpi gives 2 pixels per module, too few to scan once printed "
                "(VQR_ERR_PRINT_TOO_SMALL): use --size-mm 22 or more, or --ecc L" in err,
                "render --strict-size: the message: %r" % err)
        c.check(not os.path.exists(png), "render --strict-size: no file")
        rc, out, err = run(tool, ["encode", "--bank", "VCB", "--account", "0011001234567",
                                  "--amount", "150000", "--purpose", "Hoc phi HK1 HS00001",
                                  "--bill", "HD000001", "--size-mm", "20", "--dpi", "203",
                                  "--strict-size", "-o", png])
        c.eq(rc, 1, "encode --strict-size: exit 1")
        c.check("(VQR_ERR_PRINT_TOO_SMALL): use --size-mm" in err, "encode --strict-size: %r" % err)
        # A size that gives 3 or more: no warning, strict or not.
        rc, out, err = run(tool, ["render", p, "--size-mm", "30", "--dpi", "203",
                                  "--strict-size", "-o", png])
        c.check(rc == 0 and "too few" not in err and "4 px per module" in err,
                "render --size-mm 30 --strict-size: %r" % err)
        rc, out, err = run(tool, ["render", p, "--strict-size", "-o", png])
        c.eq(rc, 2, "--strict-size without --size-mm is a usage error")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    c.done()


if __name__ == "__main__":
    main()
