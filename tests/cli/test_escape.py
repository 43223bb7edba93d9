#!/usr/bin/env python3
"""Payloads that try to forge what a screen shows -- an ANSI sequence that
moves the cursor up and rewrites the account line, a raw CR/LF starting a
fake line, the one-character C1 CSI (U+009B), a right-to-left override
(U+202E), a zero-width space -- through every command: each shows them
escaped (\\x1b, \\u202e) with the line marked, says the payload holds them,
and nothing unsafe ever reaches standard output or standard error as it is.
JSON escapes them per RFC 8259. `restamp` repeats the warnings and refuses
unless --force. Error messages escape what the user typed.

Usage: test_escape.py PATH/TO/vietqr
"""

import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import unicodedata

from clitest import Checker, command, crc16, run, sanitizer_check, sanitizer_env


def tlv(i, v):
    return "%02d%02d%s" % (i, len(v), v)


def with_crc(body):
    body += "6304"
    return body + "%04X" % crc16(body.encode("utf-8"))


def vietqr(purpose=None, account="0011001234567", alt_name=None):
    body = (tlv(0, "01") + tlv(1, "12") +
            tlv(38, tlv(0, "A000000727") + tlv(1, tlv(0, "970436") + tlv(1, account)) +
                tlv(2, "QRIBFTTA")) +
            tlv(52, "5999") + tlv(53, "704") + tlv(54, "150000") + tlv(58, "VN") +
            tlv(59, "ABC SHOP") + tlv(60, "HANOI"))
    if purpose is not None:
        body += tlv(62, tlv(8, purpose))
    if alt_name is not None:
        body += tlv(64, tlv(0, "vi") + tlv(1, alt_name))
    return with_crc(body)


# The forgeries of the review.
CURSOR = "Hoc phi\x1b[3A\x1b[2KAccount:     0011009999999"
CRLF = "x\r\nAccount:     0011009999999"
C1 = "x\u009b3A\u009b2KAccount: 1"
RLO = "Hoc phi \u202e7654321"
ZWSP_ACCOUNT = "0011\u200b001234567"

ESCAPED = {
    CURSOR: ("Hoc phi\\x1b[3A\\x1b[2KAccount:     0011009999999", 2),
    CRLF: ("x\\r\\nAccount:     0011009999999", 2),
    C1: ("x\\u009b3A\\u009b2KAccount: 1", 2),
    RLO: ("Hoc phi \\u202e7654321", 1),
}


def mark(n):
    return "  [! %d unsafe character%s shown escaped]" % (n, "" if n == 1 else "s")


def unsafe_in(text):
    """Characters a screen would act on: controls other than the lines'
    own LF, format characters (bidi, zero-width), separators, and U+FFFD
    (a byte that was not UTF-8 reached the output)."""
    return [c for c in text if (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and
                                c != "\n") or c == "\ufffd"]


def clean(c, what, *texts):
    for t in texts:
        c.eq(unsafe_in(t), [], what + ": nothing unsafe shown as it is")


def char_offset(payload, sub):
    return payload.index(sub)


def test_decode(c, tool):
    for purpose, (shown, n) in ESCAPED.items():
        p = vietqr(purpose)
        name = "decode %r" % purpose
        for mode in (["--lenient"], []):
            rc, out, err = run(tool, ["decode"] + mode + [p])
            clean(c, name, out, err)
            c.eq(rc, 0 if mode else 1, name + " " + str(mode) + ": status")
            lines = out.splitlines()
            c.check("Purpose:     %s%s" % (shown, mark(n)) in lines,
                    name + ": the purpose line, escaped and marked\n" + out)
            # The payee comes from the parsed fields, unchanged.
            c.check("Account:     0011001234567" in lines, name + ": the real account")
            c.check(not any(l.startswith("Account:") and "0011009999999" in l and
                            not l.startswith("Purpose") for l in lines),
                    name + ": no fake account line")
            first = next(ch for ch in purpose if unsafe_in(ch))
            want = ("Unsafe:      the payload holds %d unsafe character%s (control, "
                    "bidirectional or invisible) that can change what a screen shows; the "
                    "first is U+%04X in 62.08, at character %d; they are shown escaped and "
                    "their lines marked [!]" % (n, "" if n == 1 else "s", ord(first),
                                               p.index(first)))
            c.eq(lines[1], want, name + ": the Unsafe line")

    # JSON: RFC 8259 escapes, read back to the very text; "unsafe" names the first.
    p = vietqr(C1 + "\u202e\x7f")
    raw = subprocess.run(command(tool, ["decode", "--json", "--lenient", p]),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=sanitizer_env())
    sanitizer_check(raw.stderr.decode("utf-8", "replace"), ["decode", "--json"])
    text = raw.stdout.decode("utf-8")
    clean(c, "decode --json", text)
    c.check('"value":"x\\u009b3A\\u009b2KAccount: 1\\u202e\\u007f"' in text,
            "decode --json: exact escapes\n" + text)
    j = json.loads(text)
    c.eq(j["vietqr"]["purpose"], C1 + "\u202e\x7f", "decode --json: reads back")
    c.eq(j["unsafe"], {"count": 4, "offset": p.index("\u009b"), "char_offset": p.index("\u009b"),
                       "tag": "62.08", "code_point": "U+009B"}, "decode --json: unsafe")
    rc, out, _ = run(tool, ["decode", "--json", vietqr("Hoc phi")])
    c.eq(json.loads(out)["unsafe"], None, "decode --json: unsafe null when clean")
    c.eq(list(json.loads(out).keys())[:4], ["valid", "mode", "profile", "unsafe"],
         "decode --json keys")

    # A zero-width space in the account (lenient): shown escaped on its line.
    p = vietqr("Hoc phi", account=ZWSP_ACCOUNT)
    rc, out, err = run(tool, ["decode", "--lenient", p])
    clean(c, "decode zwsp", out, err)
    c.check("Account:     0011\\u200b001234567%s" % mark(1) in out.splitlines(),
            "decode: zero-width space in the account\n" + out)

    # Bytes that are not UTF-8 in the CRC place are escaped too.
    raw = subprocess.run(command(tool, ["decode", "-"]),
                         input=vietqr("Hoc phi")[:-4].encode() + b"\x1b[2J",
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=sanitizer_env())
    out = raw.stdout.decode("utf-8")
    clean(c, "decode CRC", out)
    # (the library keeps only printable ASCII of what follows 6304)
    c.check(any(l.startswith("CRC:         ?[2J, expected ") for l in out.splitlines()),
            "decode: the CRC as written\n" + out)


def test_explain_check(c, tool):
    p = vietqr(CURSOR)
    rc, out, err = run(tool, ["explain", "--lenient", p])
    clean(c, "explain", out, err)
    c.eq(rc, 0, "explain --lenient: status")
    lines = out.splitlines()
    c.check("    08 %02d  Purpose of Transaction: %s%s" % (len(CURSOR), ESCAPED[CURSOR][0],
                                                           mark(2)) in lines,
            "explain: the tree line\n" + out)
    c.check(lines[1].startswith("Unsafe: the payload holds 2 unsafe characters"),
            "explain: says so")
    # The marked window of the payload is escaped, and the carets line up
    # under the escaped text.
    win = [l for l in lines if "\\x1b[3A" in l and l.startswith("    ...")]
    c.check(len(win) == 1 and win[0].endswith(mark(2)), "explain: payload window escaped\n" + out)
    if win:
        carets = lines[lines.index(win[0]) + 1]
        c.check(carets.strip() and set(carets.strip()) == {"^"}, "explain: carets")
        start = carets.index("^")
        c.eq(win[0][start:start + 4], "08%02d" % len(CURSOR), "explain: carets start at 62.08")
        # Under the escaped object, up to the end of the 72-column window
        # that starts 24 columns before it.
        c.eq(len(carets.strip()), min(4 + len(ESCAPED[CURSOR][0]), 72 - 24),
             "explain: carets cover it")
    # U+202E in the old tree was printed raw; C1 too.
    for purpose, (shown, n) in ESCAPED.items():
        rc, out, err = run(tool, ["explain", "--lenient", vietqr(purpose)])
        clean(c, "explain %r" % purpose, out, err)
        c.check(any(l.endswith(": " + shown + mark(n)) for l in out.splitlines()),
                "explain %r: tree line" % purpose)

    for purpose, (shown, n) in ESCAPED.items():
        p = vietqr(purpose)
        rc, out, err = run(tool, ["check", "--lenient", p])
        clean(c, "check", out, err)
        lines = out.splitlines()
        c.eq((rc, len(lines)), (0, 2), "check %r: valid and one more line" % purpose)
        c.check(lines[0].startswith("valid ("), "check: verdict first")
        c.check(lines[1].startswith("unsafe: the payload holds %d unsafe character" % n),
                "check %r: says so" % purpose)
        rc, out, _ = run(tool, ["check", "--quiet", "--lenient", p])
        c.eq((rc, out), (0, ""), "check --quiet")


def test_s_fields(c, tool):
    # 64.01 with U+202E: a strict error (67) with the character's offset,
    # a lenient warning; C1 is a control character (42).
    p = vietqr("Hoc phi", alt_name="Nguy\u1ec5n \u202ecba")
    at = p.index("\u202e")
    rc, out, _ = run(tool, ["check", p])
    c.eq((rc, out.splitlines()[0]),
         (1, "invalid: VQR_ERR_FORMAT_BIDI at 64.01 (character %d): the field holds a "
             "bidirectional control character, which changes the order text is shown in" % at),
         "check: bidi in 64.01")
    rc, out, _ = run(tool, ["decode", "--json", "--lenient", p])
    w = json.loads(out)["warnings"]
    c.eq([(d["code"], d["tag"], d["char_offset"]) for d in w], [(67, "64.01", at)],
         "lenient: a warning")
    p = vietqr("Hoc phi", alt_name="AB\u200bC")
    rc, out, _ = run(tool, ["check", p])
    c.check(rc == 1 and out.startswith("invalid: VQR_ERR_FORMAT_INVISIBLE at 64.01"),
            "check: zero-width in 64.01")
    p = vietqr("Hoc phi", alt_name="AB\u009bC")
    rc, out, _ = run(tool, ["check", p])
    c.check(rc == 1 and out.startswith("invalid: VQR_ERR_FORMAT_S at 64.01"), "check: C1 in 64.01")
    rc, out, err = run(tool, ["explain", p])
    clean(c, "explain C1 in 64.01", out, err)
    c.check("Remove the control character from 64.01" in out, "explain: advice")


def run_tty(tool, args):
    """Runs with standard output on a pseudo-terminal; returns (rc, out, err)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(command(tool, args), stdout=slave, stderr=subprocess.PIPE,
                         env=sanitizer_env())
    os.close(slave)
    chunks = []
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    err = p.stderr.read().decode("utf-8", "replace")
    rc = p.wait(timeout=60)
    os.close(master)
    sanitizer_check(err, args)
    return rc, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"), err


def test_restamp(c, tool):
    for purpose, (shown, n) in ESCAPED.items():
        p = vietqr(purpose)
        name = "restamp %r" % purpose
        rc, out, err = run(tool, ["restamp", p, "--amount", "2000"])
        clean(c, name, out, err)
        c.eq((rc, out), (1, ""), name + ": refused")
        lines = err.splitlines()
        c.check("vietqr restamp: warning: VQR_ERR_FORMAT_ANS at 62.08: the field allows only "
                "printable ASCII (0x20-0x7E)" in lines, name + ": repeats the warnings\n" + err)
        c.check(any(l.startswith("vietqr restamp: the payload holds %d unsafe" % n)
                    for l in lines), name + ": says why")
        c.eq(lines[-1], "vietqr restamp: refusing to restamp it (use --force to do it anyway)",
             name + ": refusal")
        # --force: done, the bytes as they are on a pipe, warnings repeated.
        p2 = subprocess.run(command(tool, ["restamp", p, "--amount", "2000", "--force"]),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=sanitizer_env())
        err = p2.stderr.decode("utf-8", "replace")
        sanitizer_check(err, ["restamp"])
        clean(c, name + " --force", err)
        want = vietqr(purpose).replace(tlv(54, "150000"), tlv(54, "2000"))
        want = with_crc(want[:-8])
        c.eq((p2.returncode, p2.stdout.decode("utf-8")), (0, want + "\n"), name + " --force: bytes")
        c.check("VQR_ERR_FORMAT_ANS at 62.08" in err and "warning: the payload holds" in err,
                name + " --force: warnings repeated")
    # On a terminal, escaped.
    p = vietqr(CURSOR)
    rc, out, err = run_tty(tool, ["restamp", p, "--amount", "2000", "--force"])
    clean(c, "restamp on a terminal", out, err)
    c.eq(rc, 0, "restamp on a terminal: status")
    c.check(ESCAPED[CURSOR][0] in out and out.rstrip("\n").endswith(mark(2)),
            "restamp on a terminal: escaped\n" + out)
    c.check("standard output is a terminal" in err, "restamp on a terminal: says so")
    # A clean payload is restamped as before, without any notice.
    rc, out, err = run(tool, ["restamp", vietqr("Hoc phi"), "--amount", "2000"])
    c.eq((rc, err), (0, ""), "restamp: clean payload")


def test_messages(c, tool):
    rc, out, err = run(tool, ["banks", "\x1b]0;pwned\x07\x1b[2J"])
    c.eq((rc, out, err), (1, "", "vietqr banks: no bank matches '\\x1b]0;pwned\\x07\\x1b[2J'"
                               + mark(3) + "\n"), "banks: the query escaped")
    rc, out, err = run(tool, ["decode", "--\u202eevil"])
    c.eq((rc, err.splitlines()[0]), (2, "vietqr decode: unknown option '--\\u202eevil'" + mark(1)),
         "usage: the option escaped")
    rc, out, err = run(tool, ["check", "--lang", "\x1b[2J", vietqr("Hoc phi")])
    c.eq((rc, err.splitlines()[0]),
         (2, "vietqr check: --lang takes 'en' or 'vi', not '\\x1b[2J'" + mark(1)),
         "usage: the value escaped")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "no\x1b[2Jdir", "x.png")
        rc, out, err = run(tool, ["render", vietqr("Hoc phi"), "-o", path])
        clean(c, "render path", out, err)
        c.check(rc == 3 and "no\\x1b[2Jdir" in err, "render: the path escaped\n" + err)
        rc, out, err = run(tool, ["render", vietqr(RLO), "-o", os.path.join(d, "r.svg")])
        clean(c, "render unsafe", out, err)
        c.check(rc == 0 and err.startswith("vietqr render: warning: the payload holds 1 unsafe "
                                           "character"), "render: says so\n" + err)
    # batch: unknown CSV header names and JSON keys (one cleared the screen
    # and set the window title).
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.csv")
        with open(src, "w", encoding="utf-8", newline="") as f:
            f.write("bank,account,amount,\x1b]0;pwned\x07\x1b[2J\n970436,0011001234567,150000,x\n")
        rc, out, err = run(tool, ["batch", src, "--out", os.path.join(d, "out")])
        clean(c, "batch header", out, err)
        c.check(rc == 0 and "ignoring the column '\\x1b]0;pwned\\x07\\x1b[2J'" in err
                and mark(3) in err, "batch: the header name escaped\n" + err)
        src = os.path.join(d, "in.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            f.write(json.dumps({"bank": "970436", "account": "0011001234567", "amount": "1000",
                                "x\u202ey": 1}, ensure_ascii=False) + "\n")
        rc, out, err = run(tool, ["batch", src, "--out", os.path.join(d, "out2")])
        clean(c, "batch key", out, err)
        c.check("x\\u202ey" in err and mark(1) in err, "batch: the JSON key escaped\n" + err)
        # batch.json records the settings, a name from the command line
        # among them: JSON by the one rule, as on standard output.
        pdf = os.path.join(d, "x\u202e.pdf")
        rc, out, err = run(tool, ["batch", src, "--out", os.path.join(d, "out3"), "--template",
                                  "notice", "--pdf", pdf])
        clean(c, "batch --pdf", out, err)
        if rc != 0 and "libvietqr-print" in err:
            print("note: batch --pdf not checked (no libvietqr-print): " + err.strip())
        else:
            c.eq(rc, 0, "batch --pdf: status\n" + err)
            with open(os.path.join(d, "out3", "batch.json"), encoding="utf-8") as f:
                text = f.read()
            clean(c, "batch.json", text)
            c.check('"pdf": "%s"' % pdf.replace("\u202e", "\\u202e") in text,
                    "batch.json: the name escaped\n" + text)
            c.eq(json.loads(text)["settings"]["pdf"], pdf, "batch.json: reads back")

    # --lang vi marks in Vietnamese.
    rc, out, err = run(tool, ["decode", "--lang", "vi", "--lenient", vietqr(RLO)])
    clean(c, "decode vi", out, err)
    c.check("Nội dung:    Hoc phi \\u202e7654321  [! 1 ký tự không an toàn hiển thị dạng mã]"
            in out.splitlines(), "decode --lang vi: mark\n" + out)


def main():
    tool = sys.argv[1]
    c = Checker("cli-escape")
    test_decode(c, tool)
    test_explain_check(c, tool)
    test_s_fields(c, tool)
    test_restamp(c, tool)
    test_messages(c, tool)
    c.done()


if __name__ == "__main__":
    main()
