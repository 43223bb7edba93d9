#!/usr/bin/env python3
"""What surrounds a payload, through the tool: one rule for an argument and
standard input (a line ending at the end is dropped; anything else after
the CRC is VQR_ERR_TRAILING_DATA with its offset, and explain says to
remove it, never to write a new CRC); a leading byte order mark is named
(lenient: a warning); lengths in UTF-16 code units; decomposed text in an
S field; and the payloads lenient mode still refuses.

Usage: test_input.py PATH/TO/vietqr
"""

import json
import subprocess
import sys

from clitest import Checker, command, crc16, run, sanitizer_check, sanitizer_env

BOM = "\ufeff"


def with_crc(body):
    body += "6304"
    return body + "%04X" % crc16(body.encode("utf-8"))


def verdict(result):
    """(status, first line of standard output, standard error): what check
    says of the payload; a control character or a byte order mark in it
    adds a line of its own that names it ('unsafe: ...')."""
    rc, out, err = result
    return rc, out.split("\n", 1)[0] + "\n", err


def run_bytes(tool, args, stdin):
    p = subprocess.run(command(tool, args), input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=sanitizer_env())
    err = p.stderr.decode("utf-8", "replace")
    sanitizer_check(err, args)
    return p.returncode, p.stdout.decode("utf-8"), err


def encoded(tool):
    rc, out, _ = run(tool, ["encode", "--bank", "Vietcombank", "--account", "0011001234567",
                            "--amount", "150000", "--purpose", "Học phí tháng 9"])
    assert rc == 0
    return out.strip()


def test_line_endings(c, tool, p):
    n = len(p)
    trailing = ("invalid: VQR_ERR_TRAILING_DATA (character %d): data after the CRC: the "
                "payload ends with its CRC object\n" % n)
    # An argument and standard input: one line ending is dropped.
    for end in ("", "\n", "\r\n", "\r"):
        c.eq(run(tool, ["check", p + end]), (0, "valid\n", ""), "argument + %r" % end)
        c.eq(run(tool, ["check", "-"], stdin=p + end), (0, "valid\n", ""), "stdin + %r" % end)
        rc, out, _ = run(tool, ["decode", "--json", p + end])
        c.eq((rc, json.loads(out)["valid"]), (0, True), "decode argument + %r" % end)
    # Anything else is data after the CRC, at the same offset either way.
    for extra in ("\n\n", "  ", " \n", "\t", "x", "\n" + p, p):
        c.eq(verdict(run(tool, ["check", p + extra])), (1, trailing, ""),
             "argument + %r" % extra)
        c.eq(verdict(run(tool, ["check", "-"], stdin=p + extra + "\n")), (1, trailing, ""),
             "stdin + %r" % extra)
        rc, out, _ = run(tool, ["decode", "--json", "--lenient", p + extra])
        j = json.loads(out)
        c.eq((rc, [(e["name"], e["offset"], e["char_offset"]) for e in j["errors"]]),
             (1, [("VQR_ERR_TRAILING_DATA", n, n)]), "decode --lenient + %r" % extra)
        c.eq(j["crc"]["ok"], True, "the CRC of the payload proper is right + %r" % extra)
    rc, out, _ = run(tool, ["explain", p + "  "])
    c.check(rc == 1 and "Remove the 2 bytes after the CRC (spaces or line breaks)" in out,
            "explain: remove the data after the CRC")
    c.check("write " not in out and "expected" not in out, "explain: no new CRC offered")
    rc, out, _ = run(tool, ["explain", "--lang", "vi", p + "\n\n"])
    c.check(rc == 1 and "Bỏ 1 byte sau CRC" in out, "explain --lang vi")
    rc, out, _ = run(tool, ["explain", p + p])
    c.check(rc == 1 and "left over, perhaps a second payload" in out, "explain: two payloads")
    # stdin: more than a payload can be is refused without reading on.
    rc, out, err = run(tool, ["check", "-"], stdin="0" * 100000)
    c.check(rc == 1 and out == "" and "more than 8192 bytes" in err, "stdin: too much")
    rc, out, err = run(tool, ["check", "-"], stdin="\n")
    c.check(rc == 1 and "holds no payload" in err, "stdin: a line ending only")


def test_bom(c, tool, p):
    raw = (BOM + p).encode("utf-8")
    c.eq(verdict(run_bytes(tool, ["check", "-"], raw)),
         (1, "invalid: VQR_ERR_BOM (character 0): a byte order mark (U+FEFF) comes before the "
             "payload\n", ""), "BOM: check")
    c.eq(verdict(run(tool, ["check", BOM + p])),
         (1, "invalid: VQR_ERR_BOM (character 0): a byte order mark (U+FEFF) comes before the "
             "payload\n", ""), "BOM: argument")
    rc, out, _ = verdict(run_bytes(tool, ["check", "--lenient", "-"], raw + b"\r\n"))
    c.eq((rc, out), (0, "valid (4 warnings)\n"), "BOM: lenient skips it")
    rc, out, _ = run_bytes(tool, ["decode", "--json", "--lenient", "-"], raw)
    j = json.loads(out)
    c.eq(j["warnings"][0]["name"], "VQR_ERR_BOM", "BOM: the first warning")
    c.eq(j["objects"][0], {"id": "00", "value": "01"}, "BOM: the payload read behind it")
    rc, out, _ = run_bytes(tool, ["explain", "-"], raw)
    c.check(rc == 1 and "Remove the byte order mark (U+FEFF" in out, "BOM: explain")


def test_utf16_and_nfd(c, tool):
    # As vietnam-qr-pay writes an emoji: 62.08 "Tết 🎉" with length 06.
    p = with_crc("00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
                 "530370454061800005802VN6210" "0806Tết \U0001F389")
    at = p.index("0806")
    rc, out, _ = run(tool, ["decode", "--json", "--lenient", p])
    j = json.loads(out)
    c.eq((rc, j["valid"]), (0, True), "UTF-16 lengths: lenient reads them")
    c.eq([(w["name"], w["tag"], w["offset"]) for w in j["warnings"]][:2],
         [("VQR_ERR_UTF16_LENGTHS", "62.08", at), ("VQR_ERR_FORMAT_ANS", "62.08", at)],
         "UTF-16 lengths: the warning")
    rc, out, _ = run(tool, ["check", p])
    c.eq((rc, out), (1, "invalid: VQR_ERR_UTF16_LENGTHS at 62.08 (character %d): lengths count "
                        "UTF-16 code units (2 for an emoji) instead of characters\n" % at),
         "UTF-16 lengths: strict")
    rc, out, _ = run(tool, ["explain", p])
    c.check("counted UTF-16 code units (JavaScript's length" in out, "UTF-16 lengths: explain")

    nfd = with_crc("00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA"
                   "53037045802VN6418" "0002vi" "0108Nguye\u0302\u0303n")
    mark = nfd.index("\u0302")
    rc, out, _ = run(tool, ["check", nfd])
    c.eq((rc, out), (1, "invalid: VQR_ERR_NOT_NFC at 64.01 (character %d): the text is not in "
                        "precomposed form (NFC): a combining mark stands apart\n" % mark),
         "NFD: check")
    rc, out, _ = run(tool, ["check", "--lenient", nfd])
    c.eq((rc, out), (0, "valid (4 warnings)\n"), "NFD: lenient")
    rc, out, _ = run(tool, ["explain", nfd])
    c.check(rc == 1 and "error VQR_ERR_NOT_NFC (63) at 64.01, character %d (byte %d)" %
            (mark, len(nfd[:mark].encode("utf-8"))) in out and "precomposed form (NFC)" in out,
            "NFD: explain names the combining mark")


def test_lenient_minimum(c, tool):
    c.eq(run(tool, ["check", "--lenient", "0002016304AAE6"]),
         (1, "invalid: VQR_ERR_MISSING at 53: a mandatory object is missing\n", ""),
         "lenient: no account, currency or country")
    rc, out, _ = run(tool, ["decode", "--json", "--lenient", "0002016304AAE6"])
    j = json.loads(out)
    c.eq([(e["name"], e["tag"]) for e in j["errors"]],
         [("VQR_ERR_MISSING", "53"), ("VQR_ERR_MISSING", "58"),
          ("VQR_ERR_NO_MERCHANT_ACCOUNT", "")], "lenient: what is missing")
    p = with_crc("000201" "5303704" "5802VN")
    rc, out, _ = run(tool, ["check", "--lenient", p])
    c.eq((rc, out), (1, "invalid: VQR_ERR_NO_MERCHANT_ACCOUNT: no merchant account information "
                        "(IDs 02-51)\n"), "lenient: no account")


def main():
    tool = sys.argv[1]
    c = Checker("cli-input")
    p = encoded(tool)
    test_line_endings(c, tool, p)
    test_bom(c, tool, p)
    test_utf16_and_nfd(c, tool)
    test_lenient_minimum(c, tool)
    c.done()


if __name__ == "__main__":
    main()
