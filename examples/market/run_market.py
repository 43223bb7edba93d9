#!/usr/bin/env python3
"""The market board example, end to end: print every stall's sticker,
"photograph" each counter (ImageMagick: the sticker on a counter, turned,
tilted, blurred, noisy, JPEG), with a fraudster's sticker pasted over stall
A07 (his account, the stall keeper's name), then check the photos against
the stall list with market_check and with `vietqr verify`. Prints what each
step says, and with --golden FILE compares it with FILE (the test suite
uses examples/expected/market.txt): exit 1 and the difference when they
differ.

VQR_TEST_WRAPPER (valgrind, from scripts/valgrind-tests.sh) goes in front
of the checks (libvietqr-scan, vqr_verify, the tool), not of the sticker
printing: cairo and pango take minutes under memcheck, and libvietqr-print
is checked by the sanitizer build instead.

Usage: run_market.py [--golden FILE] MARKET_STICKERS MARKET_CHECK VIETQR WORKDIR
"""
import difflib
import io
import os
import random
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


OUT = io.StringIO()


def say(text):
    OUT.write(text)


def run(args, wrapped=True):
    wrapper = os.environ.get("VQR_TEST_WRAPPER", "").split() if wrapped else []
    p = subprocess.run(wrapper + args, capture_output=True, text=True)
    if p.stderr:
        say(p.stderr)
    return p


def photograph(sticker, photo, seed):
    """The sticker as a phone sees it on the counter."""
    rnd = random.Random(seed)
    angle = rnd.uniform(-8, 8)
    sigma = rnd.uniform(0.4, 0.8)
    wood = "rgb(%d,%d,%d)" % (rnd.randint(120, 160), rnd.randint(80, 110), rnd.randint(40, 70))
    subprocess.run(["convert", "-limit", "thread", "1", "-seed", str(seed),
                    "-size", "900x1100", "xc:" + wood,
                    "(", sticker, "-resize", "85%", "-alpha", "set", "-background", "none",
                    "-virtual-pixel", "transparent", "-filter", "point", "-interpolate",
                    "bilinear", "+distort", "SRT", "%.2f" % angle, ")",
                    "-gravity", "center", "-geometry", "+%d+%d" % (rnd.randint(-40, 40),
                                                                    rnd.randint(-40, 40)),
                    "-composite", "-blur", "0x%.2f" % sigma, "-attenuate", "0.3",
                    "+noise", "Gaussian", "-quality", "85", photo], check=True)


def main():
    args = sys.argv[1:]
    golden = None
    if args[:1] == ["--golden"]:
        golden, args = args[1], args[2:]
    stickers_prog, check_prog, vietqr, work = args
    if shutil.which("convert") is None:
        print("skipped: ImageMagick's convert is needed to take the photos")
        return 77
    shutil.rmtree(work, ignore_errors=True)
    stickers = os.path.join(work, "stickers")
    fraud = os.path.join(work, "fraud")
    photos = os.path.join(work, "photos")
    for d in (stickers, fraud, photos):
        os.makedirs(d)
    stalls = os.path.join(HERE, "stalls.csv")

    say("== the board prints every stall's sticker\n")
    p = run([stickers_prog, stalls, stickers], wrapped=False)
    say(p.stdout)
    with open(os.path.join(stickers, "stickers.pdf"), "rb") as f:
        say("stickers.pdf starts with %s\n" % f.read(5).decode())

    say("== a fraudster prints a sticker with A07's keeper's name on his own account\n")
    p = run([stickers_prog, os.path.join(HERE, "fraud.csv"), fraud], wrapped=False)
    say(p.stdout)

    say("== the board photographs every counter (A07 shows the fraudster's sticker)\n")
    ids = [l.split(",")[0] for l in open(stalls, encoding="utf-8").read().splitlines()[1:]]
    for i, sid in enumerate(ids):
        src = os.path.join(fraud if sid == "A07" else stickers, sid + ".png")
        photograph(src, os.path.join(photos, sid + ".jpg"), 1000 + i)
    say("%d photos\n" % len(os.listdir(photos)))

    say("== market_check\n")
    p = run([check_prog, stalls, photos])
    say(p.stdout)
    say("exit status %d\n" % p.returncode)

    say("== vietqr verify --payees stalls.csv photos\n")
    p = run([vietqr, "verify", "--payees", stalls, "--expect-static", photos])
    for line in p.stdout.splitlines():
        cells = line.split(",")
        say(",".join(cells[:3] + cells[4:7] + cells[15:]) + "\n")
    say("exit status %d\n" % p.returncode)

    text = OUT.getvalue()
    if golden is None:
        sys.stdout.write(text)
        return 0
    want = open(golden, encoding="utf-8").read()
    if text != want:
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                                   "expected", "actual"))
        return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
