#!/usr/bin/env python3
"""`vietqr serve` shows untrusted text by the one escaping rule, as the
tool does: a JSON answer writes every control, bidirectional or invisible
character of a payload as \\uXXXX (RFC 8259), and the access log does the
same for a request path and headers, so that neither the raw answer on a
terminal (curl) nor the log under `tail` can move the cursor or reorder a
line. The values read back exactly.

Usage: test_escape.py VIETQR_TOOL
"""

import json
import os
import socket
import sys
import time
import unicodedata

from servetest import Checker, Service

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from clitest import crc16  # noqa: E402


def tlv(i, v):
    return "%02d%02d%s" % (i, len(v), v)


def vietqr(purpose):
    body = (tlv(0, "01") + tlv(1, "12") +
            tlv(38, tlv(0, "A000000727") + tlv(1, tlv(0, "970436") + tlv(1, "0011001234567")) +
                tlv(2, "QRIBFTTA")) +
            tlv(52, "5999") + tlv(53, "704") + tlv(54, "150000") + tlv(58, "VN") +
            tlv(59, "ABC SHOP") + tlv(60, "HANOI") + tlv(62, tlv(8, purpose)) + "6304")
    return body + "%04X" % crc16(body.encode("utf-8"))


def unsafe_in(text):
    return [c for c in text if (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and
                                c != "\n") or c == "\ufffd"]


# An ANSI sequence, the one-character CSI, DEL, a right-to-left override, a
# zero-width space, a line separator (jansson writes ESC itself, as \u001B).
PURPOSE = "Hoc\x1b[1A\u009b2K\x7f\u202e76\u200b\u2028"
WRITTEN = "Hoc\\u001B[1A\\u009b2K\\u007f\\u202e76\\u200b\\u2028"


def check_answers(c, s):
    p = vietqr(PURPOSE)
    for path in ("/v1/decode", "/v1/check"):
        status, headers, body = s.post(path, p, headers={"Content-Type": "text/plain"})
        text = body.decode("utf-8")
        c.eq(status, 200, path + ": status")
        c.eq(unsafe_in(text), [], path + ": nothing unsafe in the raw answer")
        doc = json.loads(text)
        c.eq(doc["unsafe"]["count"], 6, path + ": says so")
        c.eq(doc["unsafe"]["code_point"], "U+001B", path + ": the first")
    status, _, body = s.post("/v1/decode", p, headers={"Content-Type": "text/plain"})
    text = body.decode("utf-8")
    c.check('"purpose":"%s"' % WRITTEN in text, "decode: the purpose escaped exactly\n" + text)
    c.eq(json.loads(text)["vietqr"]["purpose"], PURPOSE, "decode: reads back")


def raw_get(s, target, extra=b""):
    conn = socket.create_connection((s.host, s.port), timeout=10)
    try:
        conn.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra +
                     b"Connection: close\r\n\r\n")
        data = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        return data
    finally:
        conn.close()


def check_log(c, s):
    # A path of raw UTF-8: U+202E, U+009B, U+2066, U+1D173 (above U+FFFF:
    # a surrogate pair in JSON).
    path = "/x\u202e\u009b\u2066\U0001d173y"
    answer = raw_get(s, path.encode("utf-8"))
    c.check(answer.startswith(b"HTTP/1.1 404"), "raw path: answered 404")
    deadline = time.monotonic() + 10
    lines = []
    while time.monotonic() < deadline:
        with open(s.log, encoding="utf-8") as f:
            lines = [ln for ln in f if '"/x' in ln]
        if lines:
            break
        time.sleep(0.05)
    c.eq(len(lines), 1, "access log: the request logged")
    if lines:
        line = lines[0]
        c.eq(unsafe_in(line), [], "access log: nothing unsafe as it is")
        c.check('"path":"/x\\u202e\\u009b\\u2066\\ud834\\udd73y"' in line,
                "access log: exact escapes\n" + line)
        c.eq(json.loads(line)["path"], path, "access log: reads back")


def main():
    tool = os.path.abspath(sys.argv[1])
    c = Checker("serve-escape")
    s = Service(tool)
    try:
        check_answers(c, s)
        check_log(c, s)
        c.eq(s.stop(), 0, "serve: stops cleanly")
    finally:
        s.cleanup()
    c.done()


if __name__ == "__main__":
    main()
