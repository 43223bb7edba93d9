#!/usr/bin/env python3
"""`vietqr scan` and `vietqr verify`: the text, JSON and CSV each prints, to
the byte where it matters; every verdict (OK, PAYEE_NOT_ALLOWED,
AMOUNT_MISMATCH, NOT_A_PAYMENT_CODE, INVALID, MULTIPLE_CODES, NO_CODE,
NO_PHOTO, UNKNOWN_STALL); a directory of stall photos against a payees file
keyed by stall, with one swapped sticker; hostile text escaped everywhere
(and no spreadsheet formula in the CSV); every error of the payees file
naming its line and column; exit statuses.

Photos are drawn by `vietqr render` and put together with ImageMagick.

Usage: test_scan_verify.py PATH/TO/vietqr
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

from clitest import Checker, crc16, run

T = Checker("scan-verify")


def tlv(i, v):
    return "%02d%02d%s" % (i, len(v), v)


def with_crc(body):
    body += "6304"
    return body + "%04X" % crc16(body.encode("utf-8"))


def napas(bin_, account, amount=None, name=None, purpose=None, alt_name=None, service="QRIBFTTA"):
    body = (tlv(0, "01") + tlv(1, "12" if amount else "11") +
            tlv(38, tlv(0, "A000000727") + tlv(1, tlv(0, bin_) + tlv(1, account)) +
                tlv(2, service)) + tlv(53, "704"))
    if amount:
        body += tlv(54, amount)
    body += tlv(58, "VN")
    if name:
        body += tlv(59, name)
    if purpose:
        body += tlv(62, tlv(8, purpose))
    if alt_name:
        body += tlv(64, tlv(0, "vi") + tlv(1, alt_name))
    return with_crc(body)


def main():
    tool = sys.argv[1]
    if shutil.which("convert") is None:
        print("skipped: ImageMagick's convert is needed to put photos together")
        sys.exit(77)
    d = tempfile.mkdtemp(prefix="vqr-scan-cli-")
    try:
        scan_tests(tool, d)
        verify_payload_tests(tool, d)
        directory_tests(tool, d)
        payees_errors(tool, d)
    finally:
        shutil.rmtree(d)
    T.done()


def render(tool, payload, path, scale=4):
    rc, _, err = run(tool, ["render", "--scale", str(scale), "-o", path, payload])
    T.eq(rc, 0, "render %s (%s)" % (path, err.strip()))


def convert(*args):
    subprocess.run(["convert", "-limit", "thread", "1"] + list(args), check=True)


A01 = napas("970436", "0011001234567", name="SAP RAU CO BA", alt_name="Sạp rau Cô Ba")
A02 = napas("970422", "0352350917", name="HANG CA BA TU")
A03 = napas("970416", "257678859", name="THIT HEO UT HANH")
SWAP = napas("970415", "113366668888", name="THIT HEO UT HANH")


def scan_tests(tool, d):
    one = os.path.join(d, "one.png")
    render(tool, A01, one)
    rc, out, err = run(tool, ["scan", one])
    T.eq(rc, 0, "scan one code: exit")
    lines = out.splitlines()
    T.eq(lines[0], one + ": 1 QR code", "scan: the header line")
    T.check(lines[1].startswith("  code 1 (") and lines[1].endswith(", ECI 26: a valid payment code"),
            "scan: the code line with its corners and ECI: %r" % lines[1])
    T.eq(lines[2], "    payload     " + A01, "scan: the payload")
    T.eq(lines[3], "    pays        Vietcombank (970436), account 0011001234567 (QRIBFTTA)",
         "scan: who it pays")
    T.eq(lines[4], "    amount      none (the payer types it), static", "scan: the amount")
    T.eq(lines[5], "    name        SAP RAU CO BA", "scan: 59")
    T.eq(lines[6], "    name (64)   Sạp rau Cô Ba", "scan: 64.01")

    rc, out, _ = run(tool, ["scan", "--json", one])
    j = json.loads(out)
    T.eq(j["file"], one, "scan --json: file")
    T.eq(j["distinct"], 1, "scan --json: distinct")
    c = j["codes"][0]
    T.eq(c["payload"], A01, "scan --json: payload")
    T.eq(bytes.fromhex(c["hex"]).decode("utf-8"), A01, "scan --json: hex")
    T.eq((c["eci"], c["utf8"], c["ecc"], c["status"]), (26, True, "M", "valid"),
         "scan --json: eci, utf8, ecc, status")
    T.eq(c["pays"]["bin"], "970436", "scan --json: bin")
    T.eq(c["pays"]["bank"], "Vietcombank", "scan --json: bank")
    T.eq(c["pays"]["account"], "0011001234567", "scan --json: account")
    T.eq(c["pays"]["merchant_name_alt"], "Sạp rau Cô Ba", "scan --json: 64.01")
    side = int(subprocess.run(["identify", "-format", "%w", one], capture_output=True,
                              text=True).stdout)
    T.check(all(0 <= x <= side and 0 <= y <= side for x, y in c["corners"]),
            "scan --json: corners inside the image")
    T.check(c["corners"][0][0] < c["corners"][1][0] and c["corners"][0][1] < c["corners"][3][1],
            "scan --json: top-left, top-right, ..., bottom-left")

    # Two different codes side by side; the same code twice.
    second = os.path.join(d, "second.png")
    render(tool, A02, second)
    two = os.path.join(d, "two.png")
    convert(one, second, "+append", two)
    rc, out, _ = run(tool, ["scan", two])
    T.eq(rc, 0, "scan two codes: exit")
    T.eq(out.splitlines()[0], two + ": 2 QR codes, 2 different codes (MULTIPLE_CODES)",
         "scan: two different codes")
    same = os.path.join(d, "same.png")
    convert(one, one, "+append", same)
    rc, out, _ = run(tool, ["scan", "--json", same])
    j = json.loads(out)
    T.eq((len(j["codes"]), j["distinct"]), (2, 1), "scan --json: two copies, one payload")
    T.eq(j["codes"][1]["copy_of"], 0, "scan --json: copy_of")

    # No code; not an image; no file.
    blank = os.path.join(d, "blank.jpg")
    convert("-size", "300x200", "xc:white", blank)
    rc, out, _ = run(tool, ["scan", blank])
    T.eq((rc, out), (1, blank + ": no QR code found\n"), "scan: no code")
    text = os.path.join(d, "notes.png")
    with open(text, "w") as f:
        f.write("not an image\n")
    rc, out, err = run(tool, ["scan", text])
    T.eq(rc, 1, "scan: not an image exits 1")
    T.check("neither a PNG nor a JPEG" in err and "VQR_ERR_IMAGE_FORMAT" in err,
            "scan: not an image says so: %r" % err)
    rc, out, err = run(tool, ["scan", os.path.join(d, "missing.png")])
    T.eq(rc, 3, "scan: a missing file exits 3")
    rc, out, err = run(tool, ["scan", "--json", text])
    T.eq(json.loads(out)["error"], "VQR_ERR_IMAGE_FORMAT", "scan --json: the image's error")
    rc, _, _ = run(tool, ["scan"])
    T.eq(rc, 2, "scan without an image: usage")

    # Hostile text in a code: escaped and marked, never raw.
    hostile = napas("970436", "0011001234567", name="ABC", purpose="Tien\x1b[1Ahang",
                    alt_name="Ch\u202eo Ba")
    hp = os.path.join(d, "hostile.png")
    render(tool, hostile, hp)
    rc, out, _ = run(tool, ["scan", hp])
    T.check("\x1b" not in out and "\u202e" not in out, "scan: nothing unsafe printed raw")
    T.check("\\x1b[1Ahang" in out and "[! " in out, "scan: ESC shown escaped and marked")
    T.check("invalid" in out and "VQR_ERR_FORMAT_ANS" in out, "scan: the hostile code is invalid")
    rc, out, _ = run(tool, ["scan", "--json", hp])
    T.check("\x1b" not in out and "\u202e" not in out and "\\u001b" in out.lower(),
            "scan --json: escaped per RFC 8259")
    T.eq(json.loads(out)["codes"][0]["payload"], hostile, "scan --json: the payload reads back")


def verify_payload_tests(tool, d):
    base = ["verify", "--expect-bank", "Vietcombank", "--expect-account", "0011001234567"]
    rc, out, _ = run(tool, base + [A01])
    T.eq(rc, 0, "verify OK: exit")
    T.eq(out.splitlines()[0], A01[:60] + "...: OK", "verify OK: the verdict line")
    rc, out, _ = run(tool, base + [A02])
    T.eq(rc, 1, "verify PAYEE_NOT_ALLOWED: exit")
    lines = out.splitlines()
    T.eq(lines[0], A02[:60] + "...: PAYEE_NOT_ALLOWED", "verify: not allowed")
    T.eq(lines[1], "  pays        MB Bank (970422), account 0352350917 (QRIBFTTA)",
         "verify: names who the code pays")
    # The amount and the kind.
    dyn = napas("970436", "0011001234567", amount="150000", name="SAP RAU CO BA")
    rc, out, _ = run(tool, base + ["--expect-amount", "150000", dyn])
    T.eq(rc, 0, "verify: the right amount")
    rc, out, _ = run(tool, base + ["--expect-amount", "15000", dyn])
    T.eq(rc, 1, "verify: the wrong amount exits 1")
    T.check("AMOUNT_MISMATCH" in out and "expected 15000, the code asks 150000" in out,
            "verify: the wrong amount is said: %r" % out)
    rc, out, _ = run(tool, base + ["--expect-static", dyn])
    T.check(rc == 1 and "expected a static code, it is dynamic" in out, "verify: static expected")
    # Not a payment code; invalid.
    rc, out, _ = run(tool, base + ["https://example.com/pay"])
    T.eq((rc, out.splitlines()[0]), (1, "https://example.com/pay: NOT_A_PAYMENT_CODE"),
         "verify: a web address")
    bad = A01[:-1] + ("0" if A01[-1] != "0" else "1")
    rc, out, _ = run(tool, base + ["--json", bad])
    j = json.loads(out)
    T.eq((rc, j["verdict"], j["codes"][0]["error"]["code"], j["codes"][0]["error"]["tag"]),
         (1, "INVALID", "VQR_ERR_CRC_MISMATCH", "63"), "verify --json: INVALID with the error")
    # A name borrowed from the expected payee.
    borrowed = napas("970415", "113366668888", name="SAP RAU CO BA")
    rc, out, _ = run(tool, base + ["--expect-name", "Sạp rau Cô Ba", borrowed])
    T.check(rc == 1 and "reads as the allowed payee \"Sạp rau Cô Ba\"" in out,
            "verify: a borrowed name is named: %r" % out)
    # VNPAY-QR merchant.
    vnpay = with_crc(tlv(0, "01") + tlv(1, "11") +
                     tlv(26, tlv(0, "A000000775") + tlv(1, "0108799042")) + tlv(52, "5977") +
                     tlv(53, "704") + tlv(58, "VN") + tlv(59, "MYPHAMHER") + tlv(60, "HANOI"))
    rc, out, _ = run(tool, ["verify", "--expect-merchant", "0108799042", vnpay])
    T.eq(rc, 0, "verify: a VNPAY-QR merchant")
    rc, out, _ = run(tool, ["verify", "--expect-merchant", "0108799043", vnpay])
    T.check(rc == 1 and "VNPAY-QR, merchant 0108799042" in out, "verify: another VNPAY merchant")
    # From standard input.
    rc, out, _ = run(tool, base + ["-"], stdin=A01 + "\n")
    T.eq(rc, 0, "verify -: standard input")
    # Usage.
    for args, what in ((["verify", A01], "no payees"),
                       (["verify", "--expect-bank", "970436", A01], "bank without account"),
                       (["verify", "--expect-bank", "Vietcombnak", "--expect-account", "1", A01],
                        "unknown bank"),
                       (base + ["--json", "--csv", A01], "two outputs"),
                       (base + ["--expect-amount", "1.500.000", A01], "amount with dots"),
                       (base, "no operand")):
        rc, _, err = run(tool, args)
        T.eq(rc, 2, "verify usage: %s (%s)" % (what, err.strip()))
    rc, _, err = run(tool, base + [os.path.join(d, "nothing-here.jpg")])
    T.eq(rc, 3, "verify: a photo that does not exist")


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def directory_tests(tool, d):
    photos = os.path.join(d, "photos")
    os.mkdir(photos)
    payees = os.path.join(d, "payees.csv")
    with open(payees, "w", encoding="utf-8") as f:
        f.write("stall,bank,account,name,kind,notes\n"
                "A01,Vietcombank,0011001234567,Sạp rau Cô Ba,static,corner\n"
                "A02,970422,0352350917,Hàng cá Bà Tư,,\n"
                "A03,ACB,257678859,Thịt heo Út Hạnh,,\n"
                "A04,970436,0011009999999,Gạo Phú Quý,,\n"
                "B01,970436,0011000000001,,,\n")
    render(tool, A01, os.path.join(photos, "A01.png"))
    # A02: a photo, turned and blurred, as JPEG.
    render(tool, A02, os.path.join(d, "a02.png"))
    convert(os.path.join(d, "a02.png"), "-background", "white", "-rotate", "17", "-blur", "0x0.7",
            "-quality", "80", os.path.join(photos, "A02-front.jpg"))
    # A03: the swapped sticker (someone else's account, the stall's name).
    render(tool, SWAP, os.path.join(photos, "A03.png"))
    # A04: a sticker over a sticker.
    a04 = napas("970436", "0011009999999", name="GAO PHU QUY")
    render(tool, a04, os.path.join(d, "a04.png"))
    convert(os.path.join(d, "a04.png"), os.path.join(d, "a02.png"), "+append",
            os.path.join(photos, "A04.png"))
    # B01: no photo. C09: a photo of no stall. A01_back: no code in it.
    render(tool, A02, os.path.join(photos, "C09.png"))
    convert("-size", "200x200", "xc:gray", os.path.join(photos, "A01_back.jpg"))
    with open(os.path.join(photos, "README.txt"), "w") as f:
        f.write("not a photo\n")

    rc, out, err = run(tool, ["verify", "--payees", payees, photos])
    T.eq(rc, 1, "verify DIR: exit 1 (not every stall is OK)")
    r = rows(out)
    T.eq(r[0], ["stall", "file", "verdict", "network", "bin", "bank", "account", "service",
                "amount", "currency", "kind", "merchant_name", "merchant_name_alt", "purpose",
                "codes", "suspects", "detail"], "verify DIR: the CSV header")
    got = [(x[0], x[1], x[2]) for x in r[1:]]
    T.eq(got, [("A01", "A01.png", "OK"), ("A01", "A01_back.jpg", "NO_CODE"),
               ("A02", "A02-front.jpg", "OK"), ("A03", "A03.png", "PAYEE_NOT_ALLOWED"),
               ("A04", "A04.png", "MULTIPLE_CODES"), ("B01", "", "NO_PHOTO"),
               ("", "C09.png", "UNKNOWN_STALL")], "verify DIR: one line per photo and stall")
    a03 = r[4]
    T.eq(a03[3:8], ["napas", "970415", "VietinBank", "113366668888", "QRIBFTTA"],
         "verify DIR: what the swapped sticker pays")
    T.eq((a03[15], a03[16]), ("imitation", "expected 970416 257678859"),
         "verify DIR: the swapped sticker borrows the stall's name")
    T.eq(r[5][14], "2", "verify DIR: two codes on A04")
    T.check(r[5][16].startswith("2 different codes: 970436 0011009999999; 970422 0352350917"),
            "verify DIR: both codes of A04 named: %r" % r[5][16])
    T.check(out.endswith("\r\n"), "verify DIR: CSV lines end in CRLF")

    # --report writes the same CSV to a file; the text goes to standard output.
    report = os.path.join(d, "report.csv")
    rc, out2, _ = run(tool, ["verify", "--payees", payees, "-o", report, photos])
    T.eq(rc, 1, "verify --report: exit")
    with open(report, newline="", encoding="utf-8") as f:
        T.eq(f.read(), out, "verify --report: the file holds the CSV")
    T.check("A03.png (stall A03): PAYEE_NOT_ALLOWED" in out2 and
            "7 checked: 2 OK, 5 not OK" in out2, "verify --report: the summary: %r" % out2)
    rc, out3, _ = run(tool, ["verify", "--payees", payees, "--json", photos])
    js = [json.loads(l) for l in out3.splitlines()]
    T.eq([(x["stall"], x["verdict"]) for x in js][:4],
         [("A01", "OK"), ("A01", "NO_CODE"), ("A02", "OK"), ("A03", "PAYEE_NOT_ALLOWED")],
         "verify --json DIR")
    T.eq(js[3]["codes"][0]["suspects"][0]["imitates"], "A03", "verify --json: imitates A03")

    # Every stall right: exit 0.
    ok = os.path.join(d, "ok")
    os.mkdir(ok)
    shutil.copy(os.path.join(photos, "A01.png"), ok)
    shutil.copy(os.path.join(photos, "A02-front.jpg"), ok)
    with open(os.path.join(d, "two.csv"), "w") as f:
        f.write("id,bank,account\nA01,970436,0011001234567\nA02,970422,0352350917\n")
    rc, out, _ = run(tool, ["verify", "--payees", os.path.join(d, "two.csv"), ok])
    T.eq(rc, 0, "verify DIR: exit 0 when every stall is OK")

    # A payees file without ids: every photo against the whole list.
    with open(os.path.join(d, "list.csv"), "w") as f:
        f.write("bank,account\n970436,0011001234567\n970422,0352350917\n")
    rc, out, _ = run(tool, ["verify", "--payees", os.path.join(d, "list.csv"),
                            os.path.join(photos, "A02-front.jpg"), os.path.join(photos, "A03.png")])
    T.eq(rc, 1, "verify list: one of two not allowed")
    T.check("A02-front.jpg: OK" in out and "A03.png: PAYEE_NOT_ALLOWED" in out,
            "verify list: each photo's verdict: %r" % out)

    # The CSV never carries a formula nor an unsafe character.
    evil = os.path.join(d, "evil")
    os.mkdir(evil)
    render(tool, napas("970436", "0011001234567", name="=HYPERLINK(\"x\")",
                       purpose="@SUM(A1)"), os.path.join(evil, "A01.png"))
    rc, out, _ = run(tool, ["verify", "--payees", os.path.join(d, "two.csv"), evil])
    r = rows(out)
    T.eq((r[1][11], r[1][13]), ("'=HYPERLINK(\"x\")", "'@SUM(A1)"),
         "verify CSV: formulas start with a quote")


def payees_errors(tool, d):
    cases = [
        ("stall,bank,acount\nA,970436,1\n", "no column 'account' in the header"),
        ("id,bank,account\nA,Vietcombnak,1\n", "line 2, column 'bank': no bank matches 'Vietcombnak'"),
        ("id,bank,account\nA,970436,1\nA,970436,2\n", "line 3, column 'id': 'A' is on line 2 too"),
        ("id,bank,account\nA,970436\n", "line 2: 2 cells, the header has 3"),
        ("id,bank,account\nA,970436,\"1\n", "quote that never closes"),
        ("id,bank,account,amount\nA,970436,1,1.500.000\n",
         "line 2, column 'amount': '1.500.000' is not an amount in whole dong"),
        ("id,bank,account\nA,970436,0011 0012\n", "line 2, column 'account': '0011 0012' holds a space"),
        ("id,bank,account,network\nA,970436,1,vnpay\n",
         "line 2, column 'bank': a VNPAY-QR merchant has no bank BIN"),
        ("id,bank,account\nA,970436,12345678901234567890\n",
         "line 2: the account must be 1-19 printable ASCII characters"),
        ("id,bank,account\n", "no payee under the header"),
    ]
    for text, want in cases:
        p = os.path.join(d, "bad.csv")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        rc, out, err = run(tool, ["verify", "--payees", p, A01])
        T.check(rc == 1 and want in err and out == "",
                "payees error %r: exit %d, %r" % (want, rc, err))
    rc, _, _ = run(tool, ["verify", "--payees", os.path.join(d, "missing.csv"), A01])
    T.eq(rc, 3, "a payees file that does not exist")


if __name__ == "__main__":
    main()
