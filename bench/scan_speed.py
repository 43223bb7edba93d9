#!/usr/bin/env python3
"""Photos of 2048x1536 for bench_scan: a stall's sticker (module 6-12
pixels, turned, tilted, lit unevenly) on a busy counter, blurred, noisy,
JPEG quality 85, as a phone takes them; two of them without a code (a
counter whose sticker is gone). Made with ImageMagick through
tests/scan/gen_photos.py's distortions, deterministic, cached in OUT.

Usage: scan_speed.py VIETQR OUT [PHOTOS]   then runs nothing: prints the manifest path
"""
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "scan"))
import gen_photos as g  # noqa: E402

W, H = 2048, 1536
PAYEES = [("970436", "0011001234567", "SAP RAU CO BA"), ("970422", "0352350917", "HANG CA BA TU"),
          ("970416", "257678859", "THIT HEO UT HANH")]


def main():
    vietqr, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    os.makedirs(out, exist_ok=True)
    manifest = os.path.join(out, "photos-%d.tsv" % count)
    lines = []
    jobs = []
    for i in range(count):
        rnd = random.Random("speed/%d" % i)
        path = os.path.join(out, "photo-%02d.jpg" % i)
        bg = "rgb(%d,%d,%d)" % (rnd.randint(90, 200), rnd.randint(70, 170), rnd.randint(50, 140))
        im = ["(", "-size", "%dx%d" % (W, H), "xc:" + bg] + g.clutter_draw(rnd, W, H)
        if i % 10 == 9:
            payload = "-"
        else:
            bin_, acct, name = PAYEES[i % 3]
            payload = subprocess.run([vietqr, "encode", "--bank", bin_, "--account", acct, "--name",
                                      name], capture_output=True, text=True,
                                     check=True).stdout.strip()
            code = os.path.join(out, "code-%02d.png" % i)
            if not os.path.exists(code):
                subprocess.run([vietqr, "render", "--scale", "1", "--margin", "4", "-o", code,
                                payload], check=True)
            with open(code, "rb") as f:
                side = int.from_bytes(f.read(24)[16:20], "big")
            m = rnd.uniform(6, 12)
            m_int = int(m + 0.999)
            tilt, angle = rnd.uniform(0, 0.12), rnd.uniform(-12, 12)
            px = side * m
            sticker = ["(", code, "-sample", "%dx%d" % (side * m_int, side * m_int),
                       "-filter", "Triangle", "-resize", "%s%%" % g.fmt(100 * m / m_int)] + \
                g.perspective_ops(rnd, px, px, tilt, angle, "none") + [")"]
            im += sticker + ["-geometry", "+%d+%d" % (rnd.randint(50, int(W - px * 1.5)),
                                                       rnd.randint(50, int(H - px * 1.5))),
                             "-composite"]
        im += g.lighting_ops(rnd, W, H, rnd.uniform(0.6, 0.9)) + \
            ["-blur", "0x%s" % g.fmt(rnd.uniform(0.5, 0.9)), "-seed", str(i), "-attenuate", "0.4",
             "+noise", "Gaussian", "-quality", "85", ")"]
        lines.append("%s\t%s\n" % (path, payload))
        if not os.path.exists(path):
            jobs.append((im, path))
    for k in range(0, len(jobs), 4):
        err = g.run_convert(jobs[k:k + 4])
        if err:
            sys.exit(err)
    with open(manifest, "w", encoding="utf-8") as f:
        f.writelines(lines)
    print(manifest)


if __name__ == "__main__":
    main()
