#!/usr/bin/env python3
"""`vietqr serve` seen by a browser: headless Chromium (Debian `chromium`)
loads, from the service,

  1. a page that embeds Quick Link images (<img src="/image/…">) of several
     banks, templates and formats, and
  2. the ward-office example (examples/ward-office/, served with --static
     and its own payee allowlist), with a procedure, a quantity and a
     dossier reference in its address so that it shows the payment card;

and the QR codes in each screenshot decode, with zbarimg, to exactly the
payloads `vietqr encode` builds for them.

Usage: test_browser.py VIETQR_TOOL
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

from servetest import Checker, Service, SOURCE_ROOT, need, skip

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def encode(tool, *args):
    p = subprocess.run([tool, "encode"] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    assert p.returncode == 0, p.stderr
    return p.stdout.decode().strip()


def screenshot(url, path, width, height):
    """A headless Chromium screenshot of `url`, with a fresh profile."""
    with tempfile.TemporaryDirectory(prefix="vqr-chromium-") as profile:
        argv = [CHROMIUM, "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=%d,%d" % (width, height), "--virtual-time-budget=3000",
                "--screenshot=" + path, url]
        if os.geteuid() == 0:
            argv.insert(2, "--no-sandbox")
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        return p.returncode == 0 and os.path.exists(path)


def decoded(path):
    """Every payload zbarimg finds in the screenshot (one per line: these
    payloads are ASCII)."""
    p = subprocess.run(["zbarimg", "-q", "--raw", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return sorted(t for t in p.stdout.decode("utf-8").split("\n") if t)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if not CHROMIUM:
        skip("chromium is not installed")
    need("zbarimg")
    tool = sys.argv[1]
    c = Checker("serve-browser")
    work = tempfile.mkdtemp(prefix="vqr-browser-")
    try:
        # 1. Quick Link images in a page, served by the service itself.
        site = os.path.join(work, "site")
        os.makedirs(site)
        images = [
            ("VCB-0011001234567-qr_only.png?amount=150000&addInfo=Hoc%20phi%20thang%209",
             ["--bank", "VCB", "--account", "0011001234567", "--amount", "150000", "--purpose",
              "Hoc phi thang 9"]),
            ("970415-113366668888-qr_only.svg?amount=79000&addInfo=Ung+Ho+Quy+Vac+Xin",
             ["--bank", "970415", "--account", "113366668888", "--amount", "79000",
              "--purpose", "Ung Ho Quy Vac Xin"]),
            ("MBBank-0123456789-qr_only.jpg?addInfo=Phi%20gui%20xe",
             ["--bank", "970422", "--account", "0123456789", "--purpose", "Phi gui xe"]),
        ]
        svc0 = Service(tool)
        templates = json.loads(svc0.get("/healthz")[2])["templates"]
        svc0.stop()
        svc0.cleanup()
        if "compact2" in templates:
            images.append(("ICB-113366668888-compact2.png?amount=200000&addInfo=HS2026%20CT01"
                           "&accountName=UBND%20PHUONG%20HOA%20BINH",
                           ["--bank", "ICB", "--account", "113366668888", "--amount", "200000",
                            "--purpose", "HS2026 CT01"]))
        with open(os.path.join(site, "quicklink.html"), "w", encoding="utf-8") as f:
            f.write('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff">'
                    + "".join('<img style="margin:20px" src="/image/%s">' % src
                              for src, _ in images) + "</body>")
        svc = Service(tool, "--static", site)
        try:
            shot = os.path.join(work, "quicklink.png")
            ok = screenshot(svc.base + "/quicklink.html", shot, 2200, 760)
            if c.check(ok, "Chromium: screenshot of the Quick Link page"):
                want = sorted(encode(tool, *args) for _, args in images)
                c.eq(decoded(shot), want, "Quick Link page: every QR in the screenshot decodes")
            served = {l["path"] for l in svc.access() if l["route"] == "image" and
                      l["status"] == 200}
            c.eq(len(served), len(images), "Quick Link page: every image asked of the service")
            c.eq(svc.stop(), 0, "Quick Link service: exit 0")
        finally:
            svc.cleanup()

        # 2. The ward-office example, as its README starts it.
        example = os.path.join(SOURCE_ROOT, "examples", "ward-office")
        svc = Service(tool, "--static", example, "--payees", os.path.join(example, "payees.csv"))
        try:
            with open(os.path.join(example, "ward.json"), encoding="utf-8") as f:
                ward = json.load(f)
            with open(os.path.join(example, "procedures.json"), encoding="utf-8") as f:
                procedures = {p["code"]: p for p in json.load(f)["procedures"]}
            for code, qty, ref in (("CT01", 12, "HS2026-001234"),):
                shot = os.path.join(work, "ward-%s.png" % code)
                ok = screenshot(svc.base + "/?tt=%s&sl=%d&hs=%s" % (code, qty, ref), shot, 1000,
                                1700)
                if not c.check(ok, "Chromium: screenshot of the ward office page (%s)" % code):
                    continue
                p = procedures[code]
                amount = sum(p.get("from_third", p["fee"]) if i >= 3 else p["fee"]
                             for i in range(1, qty + 1))
                amount = min(amount, p.get("cap", amount))
                want = encode(tool, "--bank", ward["bank"], "--account", ward["account"],
                              "--amount", str(amount), "--purpose",
                              "%s %s" % (ref, code))
                c.eq(decoded(shot), [want], "ward office %s: the card's QR decodes" % code)
            # the page only ever asked for the ward's own account, and got it
            images_asked = [l for l in svc.access() if l["route"] == "image"]
            c.check(images_asked and all(l["status"] == 200 for l in images_asked),
                    "ward office: the service drew each card it was asked for")
            c.eq(svc.stop(), 0, "ward office service: exit 0")
        finally:
            svc.cleanup()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    c.done()


if __name__ == "__main__":
    main()
