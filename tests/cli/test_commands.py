#!/usr/bin/env python3
"""Each subcommand of `vietqr`: its output and its exit status, on good
input, bad input and bad command lines (0 success, 1 invalid input,
2 usage error, 3 input/output error).

Usage: test_commands.py PATH/TO/vietqr
"""

import json
import os
import sys

from clitest import DATA, Checker, run

COMMANDS = ["decode", "check", "explain", "restamp"]


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
        p = subprocess.run([tool] + args, stdout=full, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stderr.decode("utf-8", "replace")


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
Status:      valid (strict mode)
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
    c.check(rc == 1 and "Trạng thái:  không hợp lệ (chế độ chặt chẽ)" in out and
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
    p = subprocess.run([tool, "decode", "--json", "-"], input=b"0002\xff\xfe01\n",
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
Payload: 125 characters (125 bytes), strict mode: invalid
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


def main():
    tool = sys.argv[1]
    c = Checker("cli-commands")
    test_top(c, tool)
    test_decode(c, tool)
    test_check(c, tool)
    test_explain(c, tool)
    c.done()


if __name__ == "__main__":
    main()
