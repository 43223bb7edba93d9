#!/usr/bin/env python3
"""Each subcommand of `vietqr`: its output and its exit status, on good
input, bad input and bad command lines (0 success, 1 invalid input,
2 usage error, 3 input/output error).

Usage: test_commands.py PATH/TO/vietqr
"""

import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

from clitest import DATA, Checker, command, run, sanitizer_check, sanitizer_env

COMMANDS = ["encode", "decode", "check", "explain", "banks", "render", "batch", "restamp", "words"]


def vector(i):
    with open(os.path.join(DATA, "vectors.json"), encoding="utf-8") as f:
        return json.load(f)[i]["payload"]


VNPAY = vector(24)          # valid VNPAY-QR
VNPAY_BAD_CRC = vector(25)  # the same with CRC 1C55 instead of 1C50
LOWER_CRC = vector(20)      # MB Bank VietQR with a lower-case CRC
TRUNCATED = vector(39)


def run_to_full(tool, args):
    """Runs with standard output on /dev/full: every write fails."""
    import subprocess
    with open("/dev/full", "w") as full:
        p = subprocess.run(command(tool, args), stdout=full, stderr=subprocess.PIPE, timeout=60,
                           env=sanitizer_env())
    err = p.stderr.decode("utf-8", "replace")
    sanitizer_check(err, args)
    return p.returncode, err


def test_top(c, tool):
    rc, out, err = run(tool, ["--version"])
    c.eq((rc, out, err), (0, "vietqr 0.1.0\n", ""), "--version")
    rc, out, _ = run(tool, ["--help"])
    c.check(rc == 0 and out.startswith("Usage: vietqr COMMAND"), "--help")
    for cmd in COMMANDS:
        c.check("\n  %s " % cmd in out, "--help lists " + cmd)
        rc, out2, err = run(tool, [cmd, "--help"])
        c.check(rc == 0 and out2.startswith("Usage: vietqr " + cmd) and err == "",
                cmd + " --help")
        rc, out3, _ = run(tool, ["help", cmd])
        c.eq((rc, out3), (0, out2), "help " + cmd)
        rc, out4, err = run(tool, [cmd, "--no-such-option", VNPAY])
        c.eq((rc, out4), (2, ""), cmd + " unknown option")
        c.check("--no-such-option" in err and "--help" in err, cmd + " unknown option message")
    for args in ([], ["frobnicate"], ["--frobnicate"], ["help", "frobnicate"]):
        rc, out, err = run(tool, args)
        c.eq((rc, out), (2, ""), "usage error %r" % args)
        c.check(err.startswith("Usage:") or "vietqr" in err, "usage message %r" % args)


DECODE_VNPAY = """\
Status:      valid (EMVCo profile)
CRC:         1C50 (ok)
Merchant:    MYPHAMHER
City:        HANOI
Country:     VN
Objects:     00 01 26 52 53 58 59 60 62 63
"""


def test_decode(c, tool):
    rc, out, err = run(tool, ["decode", VNPAY])
    c.eq(rc, 0, "decode valid: status")
    for line in DECODE_VNPAY.splitlines():
        c.check(line in out.splitlines(), "decode summary has %r" % line)
    rc, out, _ = run(tool, ["decode", VNPAY_BAD_CRC])
    c.eq(rc, 1, "decode invalid: status")
    c.check("CRC:         1C55, expected 1C50" in out, "decode invalid: CRC line")
    c.check("Error:       VQR_ERR_CRC_MISMATCH at 63 (character 117): "
            "the CRC does not match the payload" in out, "decode invalid: error line")
    rc, out, _ = run(tool, ["decode", "--lang", "vi", VNPAY_BAD_CRC])
    c.check(rc == 1 and "Trạng thái:  không hợp lệ (quy tắc EMVCo)" in out and
            "CRC không khớp với nội dung payload" in out, "decode --lang vi")

    # Lenient mode turns the lower-case CRC into a warning.
    rc, out, _ = run(tool, ["decode", "--json", LOWER_CRC])
    j = json.loads(out)
    c.check(rc == 1 and not j["valid"] and j["errors"][0]["name"] == "VQR_ERR_CRC_LOWERCASE",
            "decode strict: lower-case CRC is an error")
    rc, out, _ = run(tool, ["decode", "--json", "--lenient", LOWER_CRC])
    j = json.loads(out)
    c.check(rc == 0 and j["valid"] and j["mode"] == "lenient" and
            [w["name"] for w in j["warnings"]][:1] == ["VQR_ERR_CRC_LOWERCASE"],
            "decode lenient: lower-case CRC is a warning")
    c.eq(out.count("\n"), 1, "decode --json prints one line")

    # '-' reads one payload per line: one JSON object per line, in order.
    lines = [VNPAY, VNPAY_BAD_CRC, "", "not a payload", TRUNCATED]
    rc, out, err = run(tool, ["decode", "--json", "-"], stdin="\r\n".join(lines) + "\r\n")
    objs = [json.loads(x) for x in out.splitlines()]
    c.eq(rc, 1, "decode - : status 1 when a line is invalid")
    c.eq([o["valid"] for o in objs], [True, False, False, False, False], "decode - : one per line")
    c.eq(objs[2]["errors"][0]["name"], "VQR_ERR_CRC_MISSING", "decode - : empty line")
    c.eq(objs[3]["errors"][0]["name"], "VQR_ERR_BAD_ID", "decode - : garbage line")
    c.eq(objs[4]["errors"][0]["name"], "VQR_ERR_TRUNCATED", "decode - : truncated line")
    rc, out, _ = run(tool, ["decode", "--json", "-"], stdin=VNPAY + "\n" + VNPAY)
    c.eq((rc, out.count("\n")), (0, 2), "decode - : last line without a newline")
    rc, out, _ = run(tool, ["decode", "-"], stdin=VNPAY + "\n" + VNPAY + "\n")
    c.eq(rc, 0, "decode - : summaries")
    c.eq(out.count("Status:      valid"), 2, "decode - : two summaries")
    rc, out, _ = run(tool, ["decode", "--json", "-"], stdin="")
    c.eq((rc, out), (0, ""), "decode - : empty input")

    # Malformed UTF-8 is reported, and the JSON stays valid UTF-8.
    import subprocess
    p = subprocess.run(command(tool, ["decode", "--json", "-"]), input=b"0002\xff\xfe01\n",
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=sanitizer_env())
    sanitizer_check(p.stderr.decode("utf-8", "replace"), ["decode"])
    j = json.loads(p.stdout.decode("utf-8"))
    c.check(p.returncode == 1 and j["errors"][0]["name"] == "VQR_ERR_UTF8" and
            j["errors"][0]["offset"] == 4, "decode: malformed UTF-8")

    for args in (["decode"], ["decode", VNPAY, VNPAY], ["decode", "--lang", "fr", VNPAY],
                 ["decode", "--lang"]):
        rc, out, err = run(tool, args)
        c.eq((rc, out), (2, ""), "decode usage %r" % args[1:])
    rc, err = run_to_full(tool, ["decode", "--json", VNPAY])
    c.check(rc == 3 and "cannot write" in err, "decode: write error is exit 3")


def test_check(c, tool):
    c.eq(run(tool, ["check", VNPAY]), (0, "valid\n", ""), "check valid")
    c.eq(run(tool, ["check", "-q", VNPAY]), (0, "", ""), "check -q valid")
    c.eq(run(tool, ["check", "--quiet", VNPAY_BAD_CRC]), (1, "", ""), "check -q invalid")
    c.eq(run(tool, ["check", VNPAY_BAD_CRC]),
         (1, "invalid: VQR_ERR_CRC_MISMATCH at 63 (character 117): the CRC does not match "
             "the payload (expected 1C50)\n", ""), "check invalid")
    c.eq(run(tool, ["check", "--lang", "vi", VNPAY_BAD_CRC]),
         (1, "không hợp lệ: VQR_ERR_CRC_MISMATCH tại 63 (ký tự 117): CRC không khớp với nội "
             "dung payload (đúng ra là 1C50)\n", ""), "check invalid, Vietnamese")
    rc, out, _ = run(tool, ["check", LOWER_CRC])
    c.check(rc == 1 and out.startswith("invalid: VQR_ERR_CRC_LOWERCASE at 63"), "check strict")
    rc, out, _ = run(tool, ["check", "--lenient", LOWER_CRC])
    c.eq((rc, out), (0, "valid (4 warnings)\n"), "check lenient with warnings")
    c.eq(run(tool, ["check", "-"], stdin=VNPAY + "\n"), (0, "valid\n", ""), "check -")
    rc, out, err = run(tool, ["check", "-"], stdin="")
    c.check(rc == 1 and "no payload" in err, "check - with nothing")
    rc, out, _ = run(tool, ["check", TRUNCATED])
    c.eq((rc, out), (1, "invalid: VQR_ERR_TRUNCATED at 38 (character 12): the object runs "
                        "past the end of its container\n"), "check truncated")
    for args in (["check"], ["check", "--json", VNPAY], ["check", VNPAY, "x"]):
        rc, out, _ = run(tool, args)
        c.eq((rc, out), (2, ""), "check usage %r" % args[1:])


EXPLAIN_BAD_CRC = """\
Payload: 125 characters (125 bytes), EMVCo profile: invalid
00 02  Payload Format Indicator: 01
01 02  Point of Initiation Method: 11 (static: reusable)
26 28  Merchant Account Information (VNPAY-QR)
    00 10  Globally Unique Identifier: A000000775
    01 10  Merchant ID (VNPAY): 0108799042
52 04  Merchant Category Code: 5977
53 03  Transaction Currency: 704 (VND)
58 02  Country Code: VN
59 09  Merchant Name: MYPHAMHER
60 05  Merchant City: HANOI
62 26  Additional Data Field Template
    03 11  Store Label: MY PHAM HER
    07 07  Terminal Label: MPHER01
63 04  CRC: 1C55 (expected 1C50)

error VQR_ERR_CRC_MISMATCH (21) at 63, character 117 (byte 117)
    the CRC does not match the payload
    ...3037045802VN5909MYPHAMHER6005HANOI62260311MY PHAM HER0707MPHER0163041C55
                                                                           ^^^^
    fix: The CRC computed over this payload is 1C50, not 1C55. If the content is right, \
write 1C50; otherwise the payload was changed or mistyped after it was made.
"""

EXPLAIN_TRUNCATED = """\
error VQR_ERR_TRUNCATED (14) at 38, character 12 (byte 12)
    the object runs past the end of its container
    00020101021138600010A00000072701270006970422011215012345
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
"""


def test_explain(c, tool):
    c.eq(run(tool, ["explain", VNPAY_BAD_CRC]), (1, EXPLAIN_BAD_CRC, ""), "explain bad CRC")
    rc, out, _ = run(tool, ["explain", VNPAY])
    c.check(rc == 0 and out.endswith("63 04  CRC: 1C50 (ok)\n\nNo problems found.\n"),
            "explain valid")
    rc, out, _ = run(tool, ["explain", TRUNCATED])
    c.check(rc == 1 and EXPLAIN_TRUNCATED in out, "explain truncated: caret under the object")
    c.check("fix: End the payload with the CRC object: append 6304" in out,
            "explain truncated: CRC advice")
    rc, out, _ = run(tool, ["explain", "--lang", "vi", VNPAY_BAD_CRC])
    c.check(rc == 1 and "63 04  Mã kiểm tra (CRC): 1C55 (đúng ra là 1C50)" in out and
            "cách sửa: CRC tính trên payload này là 1C50" in out, "explain --lang vi")
    # The EMVCo example, with CJK text in 64: the caret lines up under the CRC
    # although the line holds wide characters.
    rc, out, _ = run(tool, ["explain", vector(1)])
    lines = out.splitlines()
    i = next(k for k, l in enumerate(lines) if l.startswith("error VQR_ERR_CRC_MISMATCH"))
    text, caret = lines[i + 2], lines[i + 3]
    c.check(text.endswith("6304A13A") and caret.endswith("^^^^") and
            len(caret) == len(text), "explain: caret under the CRC")
    # Diacritics in an ans field, lenient: a warning with its advice.
    rc, out, _ = run(tool, ["explain", "--lenient", vector(38)])
    c.check(rc == 0 and "warning VQR_ERR_FORMAT_ANS (41) at 62.08" in out and
            "Hoc phi" in out, "explain lenient warnings")
    for args in (["explain"], ["explain", "--lang", "xx", VNPAY], ["explain", VNPAY, VNPAY]):
        rc, out, _ = run(tool, args)
        c.eq((rc, out), (2, ""), "explain usage %r" % args[1:])


def run_tty(tool, args):
    """Runs with standard output on a pseudo-terminal; returns (status, text)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(command(tool, args), stdout=slave, stderr=subprocess.PIPE, env=sanitizer_env())
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    p.wait(timeout=60)
    sanitizer_check(p.stderr.read().decode("utf-8", "replace"), args)
    return p.returncode, b"".join(chunks).decode("utf-8", "replace")


def zbar(path):
    p = subprocess.run(["zbarimg", "--raw", "-q", path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    return p.stdout.decode("utf-8").rstrip("\n")


def png_info(path):
    """(width, height, pixels per metre) from the PNG chunks."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    i, w, h, ppm = 8, 0, 0, None
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        body = data[i + 8:i + 8 + n]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[i + 8 + n:i + 12 + n])[0]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif kind == b"pHYs":
            ppm = struct.unpack(">I", body[:4])[0]
        i += 12 + n
    return w, h, ppm


NAPAS_613 = vector(12)  # NAPAS 6.1.3: dynamic transfer to an account


def test_encode(c, tool, work):
    c.eq(run(tool, ["encode", "--bank", "970403", "--account", "0011012345678", "--amount",
                    "180000", "--purpose", "thanh toan don hang", "--bill", "NPS6869"]),
         (0, NAPAS_613 + "\n", ""), "encode: NAPAS 6.1.3 byte for byte")
    c.eq(run(tool, ["encode", "--bank", "970403", "--card", "9704031101234567"]),
         (0, vector(11) + "\n", ""), "encode: NAPAS 6.1.2 (card)")
    c.eq(run(tool, ["encode", "--bank", "970416", "--account", "257678859"])[1],
         vector(16) + "\n", "encode: static transfer")
    rc, out, err = run(tool, ["encode", "--bank", "Vietcombank", "--account", "0123456789",
                              "--amount", "250000", "--purpose", "Học phí T9 Đức"])
    c.eq(rc, 0, "encode: folding status")
    c.check("0006970436" in out and "0814Hoc phi T9 Duc6304" in out, "encode: bank name, fold")
    c.eq(err, 'vietqr encode: --purpose (62.08): 4 characters folded to ASCII; banks will show '
              '"Hoc phi T9 Duc"\n', "encode: fold reported on stderr")
    rc, out, err = run(tool, ["encode", "--lang", "vi", "--bank", "VCB", "--account", "1",
                              "--purpose", "Học phí"])
    c.check(rc == 0 and "đã bỏ dấu 2 ký tự" in err, "encode --lang vi fold report")
    rc, out, err = run(tool, ["encode", "--bank", "MB", "--merchant", "SHOP01"])
    c.check(rc == 0 and "0006970422" in out and "0206QRPUSH" in out, "encode: merchant")
    rc, out, err = run(tool, ["encode", "--bank", "970999", "--account", "1"])
    c.check(rc == 0 and "BIN 970999 is not in the bank directory" in err, "encode: unknown BIN")

    # Every refusal names the option given, with the tag path it fills.
    x25 = "x" * 25
    bad = [
        (["--bank", "NOBANK", "--account", "1"], "--bank (38.01.00): ", "VQR_ERR_BANK_UNKNOWN"),
        (["--bank", "Vietcombnak", "--account", "1"], "--bank (38.01.00): ",
         "(VQR_ERR_BANK_UNKNOWN); did you mean Vietcombank (970436)?\n"),
        (["--bank", "vietcom", "--account", "1"], "--bank (38.01.00): ",
         "(VQR_ERR_BANK_UNKNOWN); did you mean Vietcombank (970436)?\n"),
        (["--bank", "IBKOVNVX", "--account", "1"], "--bank (38.01.00): ",
         "(VQR_ERR_BANK_AMBIGUOUS); it names IBK HN (970455) and IBK HCM (970456): give the "
         "BIN\n"),
        (["--bank", "VCB", "--account", "12a4"], "--account (38.01.01): ", "VQR_ERR_ACCOUNT"),
        (["--bank", "VCB", "--card", "1234"], "--card (38.01.01): ", "VQR_ERR_CARD"),
        (["--bank", "VCB", "--merchant", "M\u00e9"], "--merchant (38.01.01): ",
         "VQR_ERR_FORMAT_ANS"),
        (["--bank", "VCB", "--account", "1", "--amount", "50000.5"], "--amount (54): ",
         "VQR_ERR_AMOUNT_DECIMALS"),
        (["--bank", "VCB", "--account", "1", "--amount", "0"], "--amount (54): ",
         "VQR_ERR_AMOUNT_ZERO"),
        (["--bank", "VCB", "--account", "1", "--purpose", "x" * 26], "--purpose (62.08): ",
         "VQR_ERR_LENGTH"),
        (["--bank", "VCB", "--account", "1", "--purpose", "Học", "--strict-text"],
         "--purpose (62.08): ", "VQR_ERR_TEXT_NOT_ASCII"),
        (["--bank", "VCB", "--account", "1", "--bill", "b" * 26], "--bill (62.01): ",
         "VQR_ERR_LENGTH"),
        (["--bank", "VCB", "--account", "1", "--reference", "r" * 26], "--reference (62.05): ",
         "VQR_ERR_LENGTH"),
        (["--bank", "VCB", "--account", "1", "--store", "s" * 26], "--store (62.03): ",
         "VQR_ERR_LENGTH"),
        (["--bank", "VCB", "--account", "1", "--terminal", "t" * 26], "--terminal (62.07): ",
         "VQR_ERR_LENGTH"),
        (["--bank", "VCB", "--account", "1", "--name", "n" * 26], "--name (59): ",
         "VQR_ERR_LENGTH"),
        (["--bank", "VCB", "--account", "1", "--mcc", "59A9"], "--mcc (52): ", "VQR_ERR_FORMAT_N"),
        (["--bank", "VCB", "--account", "1", "--mcc", "12"], "--mcc (52): ", "exactly 4 digits"),
        (["--bank", "VCB", "--account", "1", "--city", "Thanh pho Ho Chi Minh"], "--city (60): ",
         "VQR_ERR_LENGTH"),
        # The case: four 25-character texts overflow 62, named by their options.
        (["--bank", "VCB", "--account", "1", "--purpose", x25, "--bill", x25, "--reference", x25,
          "--store", x25], "--bill, --store, --reference, --purpose (62): ",
         "VQR_ERR_TEMPLATE_TOO_LONG"),
    ]
    for args, field, code in bad:
        rc, out, err = run(tool, ["encode"] + args)
        c.check(rc == 1 and out == "" and err.startswith("vietqr encode: " + field) and
                code in err, "encode refuses %r: %r" % (args, err))
        c.check("--62" not in err and "--38" not in err, "encode never names a tag as an option")
    for args in (["--account", "1"], ["--bank", "VCB"],
                 ["--bank", "VCB", "--account", "1", "--card", "9704031101234567"],
                 ["--bank", "VCB", "--account", "1", "--format", "gif"],
                 ["--bank", "VCB", "--account", "1", "-o", "x.gif"],
                 ["--bank", "VCB", "--account", "1", "--scale", "0"],
                 ["--bank", "VCB", "--account", "1", "--size-mm", "30", "--scale", "4"],
                 ["--bank", "VCB", "--account", "1", "--ecc", "X"],
                 ["--bank", "VCB", "--bank", "MB", "--account", "1"],
                 ["--bank", "VCB", "--account", "1", "extra"]):
        rc, out, _ = run(tool, ["encode"] + args)
        c.eq((rc, out), (2, ""), "encode usage %r" % args)

    png = os.path.join(work, "e.png")
    rc, out, _ = run(tool, ["encode", "--bank", "970403", "--account", "0011012345678",
                            "--amount", "180000", "--purpose", "thanh toan don hang", "--bill",
                            "NPS6869", "-o", png])
    c.eq((rc, out), (0, NAPAS_613 + "\n"), "encode -o PNG prints the payload")
    c.eq(zbar(png), NAPAS_613, "encode -o PNG: zbarimg reads the payload")
    svg = os.path.join(work, "e.svg")
    rc, _, _ = run(tool, ["encode", "--bank", "VCB", "--account", "1", "-o", svg, "--title", "Fee"])
    with open(svg, encoding="utf-8") as f:
        text = f.read()
    c.check(rc == 0 and text.startswith("<svg") and "<title>Fee</title>" in text, "encode SVG")
    txt = os.path.join(work, "e.txt")
    rc, out, _ = run(tool, ["encode", "--bank", "970416", "--account", "257678859", "-o", txt])
    with open(txt) as f:
        c.eq((rc, f.read()), (0, vector(16) + "\n"), "encode -o .txt writes the payload")
    rc, out, _ = run(tool, ["encode", "--bank", "VCB", "--account", "1", "--format", "svg"])
    c.check(rc == 0 and out.startswith("<svg"), "encode --format svg to stdout: SVG only")
    rc, out, _ = run(tool, ["encode", "--bank", "970416", "--account", "257678859",
                            "--format", "term", "--ascii"])
    lines = out.splitlines()
    c.check(rc == 0 and lines[0] == vector(16) and "##" in lines[1], "encode --format term")
    rc, out = run_tty(tool, ["encode", "--bank", "970416", "--account", "257678859"])
    c.check(rc == 0 and out.startswith(vector(16)) and "\u2584" in out,
            "encode on a terminal draws the QR under the payload")
    rc, _, err = run(tool, ["encode", "--bank", "VCB", "--account", "1", "-o",
                            os.path.join(work, "no", "such", "dir.png")])
    c.check(rc == 3 and "cannot write" in err, "encode: write error is exit 3")


def test_banks(c, tool):
    rc, out, err = run(tool, ["banks"])
    lines = out.splitlines()
    c.check(rc == 0 and err == "" and len(lines) > 60, "banks lists the directory")
    c.check(lines[-1].startswith("(%d banks, directory version " % (len(lines) - 1)), "banks footer")
    c.check("  970436  Vietcombank         BFTVVNVX Ngân hàng TMCP Ngoại thương Việt Nam" in lines,
            "banks line")
    # A search by part: every bank one of whose names holds the query; '*'
    # marks the one --bank would use.
    rc, out, err = run(tool, ["banks", "vcb"])
    c.check(rc == 0 and err == "" and
            "* 970436  Vietcombank         BFTVVNVX Ngân hàng TMCP Ngoại thương Việt Nam\n" in out,
            "banks QUERY")
    c.eq([l[2:8] for l in out.splitlines()], ["970412", "970436", "970454"],
         "banks vcb: PVcomBank (alias PVCB), Vietcombank, BVBank (SWIFT VCBCVNVX)")
    for query, bins in (("vietcom", ["970436"]), ("Shinhan", ["970424"]),
                        ("CIMB", ["422589", "970459"]), ("ngoai thuong", ["970436"]),
                        ("Ngoại thương", ["970436"]), ("BFTVVNVXXXX", ["970436"])):
        rc, out, err = run(tool, ["banks", query])
        c.eq((rc, [l[2:8] for l in out.splitlines()], err),
             (0, bins, ""), "banks %r" % query)
    rc, out, _ = run(tool, ["banks", "ngan hang"])
    c.check(rc == 0 and len(out.splitlines()) > 50, "banks 'ngan hang': nearly every bank")
    c.eq(run(tool, ["banks", "Vietcombnak"]),
         (1, "", "vietqr banks: no bank matches 'Vietcombnak'; did you mean Vietcombank "
                 "(970436)?\n"), "banks: a suggestion")
    rc, out, _ = run(tool, ["banks", "OceanBank"])
    c.check(rc == 0 and out.startswith("* 970414  MBV"), "banks: former name")
    rc, out, _ = run(tool, ["banks", "IBKOVNVX"])
    c.check(rc == 0 and len(out.splitlines()) == 2 and "*" not in out, "banks: ambiguous SWIFT")
    c.eq(run(tool, ["banks", "nonesuch"]), (1, "", "vietqr banks: no bank matches 'nonesuch'\n"),
         "banks: no match")
    rc, out, _ = run(tool, ["banks", "--json", "ngan hang tmcp ky thuong viet nam"])
    j = json.loads(out)
    c.eq(j, [{"bin": "970407", "short_name": "Techcombank",
              "name": "Ngân hàng TMCP Kỹ Thương Việt Nam", "swift": "VTCBVNVX", "chosen": True}],
         "banks --json")
    c.eq(run(tool, ["banks", "a", "b"])[0], 2, "banks: two queries")


def test_render(c, tool, work):
    emv = vector(0)  # EMVCo example: Chinese text in 64, so the UTF-8 ECI is needed
    png = os.path.join(work, "r.png")
    rc, out, err = run(tool, ["render", emv, "-o", png])
    c.eq((rc, out, err), (0, "", ""), "render PNG")
    c.eq(zbar(png), emv, "render PNG: zbarimg reads the UTF-8 payload")
    rc, _, _ = run(tool, ["render", "hello, any text", "-o", png, "--ecc", "H", "--margin", "0",
                          "--scale", "2"])
    w, h, ppm = png_info(png)
    # 15 bytes at level H need version 3: 29 modules, 58 pixels at scale 2.
    c.eq((rc, w, h, ppm), (0, 58, 58, 11811), "render: --ecc H --margin 0 --scale 2, 300 dpi")
    c.eq(zbar(png), "hello, any text", "render: any text")
    rc, _, err = run(tool, ["render", NAPAS_613, "-o", png, "--size-mm", "25", "--dpi", "600"])
    w, h, ppm = png_info(png)
    c.check(rc == 0 and w <= 25 / 25.4 * 600 and w > 0.8 * 25 / 25.4 * 600 and ppm == 23622,
            "render --size-mm 25 --dpi 600: %d px" % w)
    c.check(err.startswith("vietqr render: printed size ") and " at 600 dpi" in err,
            "render: printed size reported")
    c.eq(zbar(png), NAPAS_613, "render --size-mm: readable")
    # Under 3 pixels per module: drawn at 3 with a warning, or refused with --strict-size.
    rc, _, err = run(tool, ["render", NAPAS_613, "-o", png, "--size-mm", "2"])
    c.check(rc == 0 and "too few to scan once printed: drawn at 3 per module" in err,
            "render: print size too small, drawn larger")
    c.eq(png_info(png)[0] % 3, 0, "render: 3 px per module")
    rc, _, err = run(tool, ["render", NAPAS_613, "-o", png, "--size-mm", "2", "--strict-size"])
    c.check(rc == 1 and "(VQR_ERR_PRINT_TOO_SMALL): use --size-mm" in err,
            "render: print size too small, --strict-size")
    rc, _, err = run(tool, ["render", "A" * 2000, "-o", png, "--ecc", "H"])
    c.check(rc == 1 and "does not fit" in err and "VQR_ERR_QR_TOO_LONG" in err, "render: too long")
    svg = os.path.join(work, "r.svg")
    rc, _, _ = run(tool, ["render", NAPAS_613, "-o", svg, "--fg", "003366", "--bg", "#FFFFEE"])
    with open(svg, encoding="utf-8") as f:
        text = f.read()
    c.check(rc == 0 and 'fill="#003366"' in text and 'fill="#ffffee"' in text.lower(),
            "render SVG colours")
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-o", png, svg], check=True)
        c.eq(zbar(png), NAPAS_613, "render SVG: readable once rasterised")
    rc, out, _ = run(tool, ["render", NAPAS_613])
    c.check(rc == 0 and "\u2584" in out, "render: terminal by default")
    rc, out, _ = run(tool, ["render", "--ascii", "-"], stdin=NAPAS_613 + "\n")
    c.check(rc == 0 and "##" in out and "\u2584" not in out, "render --ascii from stdin")
    p = subprocess.run(command(tool, ["render", "--format", "png", NAPAS_613]), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=sanitizer_env())
    sanitizer_check(p.stderr.decode("utf-8", "replace"), ["render"])
    c.check(p.returncode == 0 and p.stdout[:4] == b"\x89PNG", "render PNG to a pipe")
    for args in (["render"], ["render", "x", "-o", "x.gif"], ["render", "x", "--ecc", "Z"],
                 ["render", "x", "--format", "payload"], ["render", "x", "--margin", "65"],
                 ["render", "x", "--dpi", "0"], ["render", "x", "--fg", "000000", "--bg", "000"],
                 ["render", "x", "--fg", "123456", "--bg", "123456"], ["render", "x", "y"]):
        rc, out, _ = run(tool, args)
        c.eq((rc, out), (2, ""), "render usage %r" % args[1:])
    rc, _, _ = run(tool, ["render", "x", "-o", os.path.join(work, "missing", "x.png")])
    c.eq(rc, 3, "render: write error is exit 3")


def test_words(c, tool):
    for args, want in [(["1250000"], "Một triệu hai trăm năm mươi nghìn đồng\n"),
                       (["2005000"], "Hai triệu không trăm linh năm nghìn đồng\n"),
                       (["105000", "--south"], "Một trăm lẻ năm ngàn đồng\n"),
                       (["--tu", "24"], "Hai mươi tư đồng\n"),
                       (["24004", "--south", "--tu"], "Hai mươi tư ngàn không trăm lẻ bốn đồng\n"),
                       (["0"], "Không đồng\n"), (["000"], "Không đồng\n"),
                       (["50000."], "Năm mươi nghìn đồng\n"),
                       (["9999999999999"], "Chín nghìn chín trăm chín mươi chín tỷ chín trăm chín "
                        "mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín "
                        "đồng\n")]:
        rc, out, err = run(tool, ["words"] + args)
        c.eq((rc, out, err), (0, want, ""), "words %r" % args)
    for arg, name in [("10000000000000", "VQR_ERR_LENGTH"), ("1.250.000", "VQR_ERR_AMOUNT_SYNTAX"),
                      ("-5", "VQR_ERR_AMOUNT_SYNTAX"), ("12,5", "VQR_ERR_AMOUNT_SYNTAX"),
                      ("5.5", "VQR_ERR_AMOUNT_DECIMALS")]:
        rc, out, err = run(tool, ["words", "--", arg])
        c.check(rc == 1 and out == "" and name in err and arg in err, "words invalid %r" % arg)
    rc, out, err = run(tool, ["words", "--lang", "vi", "1" * 14])
    c.check(rc == 1 and "tối đa 13 chữ số" in err, "words: Vietnamese message")
    for args in (["words"], ["words", "1", "2"], ["words", "--lang", "fr", "1"]):
        rc, out, _ = run(tool, args)
        c.eq((rc, out), (2, ""), "words usage %r" % args[1:])
    rc, err = run_to_full(tool, ["words", "5"])
    c.check(rc == 3 and "cannot write" in err, "words: write error is exit 3")


def test_outputs_that_are_not_files(c, tool, work):
    """-o never writes to, replaces or blocks on something that is not a
    regular file: a device (as root a rename would replace /dev/full
    itself), a FIFO (opening it would wait for a reader), a directory, a
    symbolic link; and leaves no temporary file behind."""
    why = "not a regular file (a device, FIFO, socket, directory or symbolic link)"
    fifo = os.path.join(work, "out.fifo")
    os.mkfifo(fifo)
    adir = os.path.join(work, "out.dir")
    os.mkdir(adir)
    victim = os.path.join(work, "victim.txt")
    with open(victim, "w") as f:
        f.write("keep")
    link = os.path.join(work, "out.link")
    os.symlink(victim, link)
    before = sorted(os.listdir(work))
    for target in ["/dev/full", fifo, adir, link]:
        for extra in [["--format", "png"], ["--format", "svg"]]:
            rc, out, err = run(tool, ["encode", "--bank", "VCB", "--account", "1", "-o", target]
                               + extra)
            c.eq((rc, err), (3, "vietqr encode: cannot write %s: %s\n" % (target, why)),
                 "encode -o %s %s" % (target, " ".join(extra)))
    c.check(os.path.exists("/dev/full") and not os.path.isfile("/dev/full"),
            "/dev/full is still a device")
    with open(victim) as f:
        c.eq(f.read(), "keep", "a symbolic link is not followed")
    c.eq(sorted(os.listdir(work)), before, "no temporary file left beside the outputs")


def main():
    tool = sys.argv[1]
    c = Checker("cli-commands")
    test_top(c, tool)
    test_decode(c, tool)
    test_check(c, tool)
    test_explain(c, tool)
    test_banks(c, tool)
    test_words(c, tool)
    with tempfile.TemporaryDirectory() as work:
        test_encode(c, tool, work)
        test_render(c, tool, work)
    with tempfile.TemporaryDirectory() as work:
        test_outputs_that_are_not_files(c, tool, work)
    c.done()


if __name__ == "__main__":
    main()
