"""Helpers shared by the command-line tests: running the tool, counting
checks, and a small independent reader of EMVCo ID/length/value objects
(lengths in characters) with its CRC-16/CCITT-FALSE."""

import os
import re
import shlex
import subprocess
import sys

DATA = os.environ.get("VQR_TEST_DATA",
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))


class Checker:
    """Counts checks; every failed check is reported, the run goes on."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: %s" % what, flush=True)
        return cond

    def eq(self, got, want, what):
        return self.check(got == want, "%s: got %r, want %r" % (what, got, want))

    def done(self):
        print("%s: %d checks passed, %d failed" % (self.name, self.passed, self.failed))
        sys.exit(1 if self.failed or not self.passed else 0)


def sanitizer_env():
    """The environment for the tool: under AddressSanitizer a report exits
    with a status no command uses, so it can never pass for an expected 1."""
    env = dict(os.environ)
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        opts = env.get(var, "")
        if "exitcode" not in opts:
            env[var] = (opts + ":" if opts else "") + "exitcode=86"
    return env


# How many calls of one shape (call_shape) run under VQR_TEST_WRAPPER.
WRAPPED_PER_SHAPE = int(os.environ.get("VQR_WRAPPED_PER_SHAPE", "1"))
_calls_by_shape = {}


def call_shape(args):
    """What kind of call this is: the command, the options given (not their
    values) and whether standard input is read ("-")."""
    args = [str(a) for a in args]
    opts = sorted({a.split("=", 1)[0] for a in args[1:] if a.startswith("-") and a != "-"})
    return (args[0] if args else "", tuple(opts), "-" in args[1:])


def command(tool, args):
    """The command line that runs the tool. VQR_TEST_WRAPPER (for instance
    "valgrind --error-exitcode=86 ...", set by scripts/valgrind-tests.sh)
    goes in front of the first WRAPPED_PER_SHAPE calls of each shape
    (VQR_WRAPPED_PER_SHAPE, default 1; 0 wraps every call): every kind of
    call runs under it, and the rest of the suite's calls, made the same
    way, run as they are, with every check still made."""
    wrapper = shlex.split(os.environ.get("VQR_TEST_WRAPPER", ""))
    if wrapper and WRAPPED_PER_SHAPE > 0:
        shape = call_shape(args)
        n = _calls_by_shape.get(shape, 0)
        _calls_by_shape[shape] = n + 1
        if n >= WRAPPED_PER_SHAPE:
            wrapper = []
    return wrapper + [tool] + list(args)


# A valgrind report: every line of it starts with "==PID== ".
VALGRIND_REPORT = re.compile(r"^==[0-9]+== ", re.M)


def sanitizer_check(err, args):
    """Stops the run on a sanitizer or valgrind report."""
    if "Sanitizer" in err or "runtime error:" in err or VALGRIND_REPORT.search(err):
        print("FAIL: sanitizer or valgrind report for %r:\n%s" % (args, err), flush=True)
        sys.exit(1)


def run(tool, args, stdin=None, cwd=None, env=None, timeout=600):
    """Runs the tool; returns (exit code, stdout text, stderr text)."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    p = subprocess.run(command(tool, args), input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, env=env or sanitizer_env(), timeout=timeout)
    err = p.stderr.decode("utf-8", "replace")
    sanitizer_check(err, args)
    return (p.returncode, p.stdout.decode("utf-8", "replace"), err)


def crc16(data):
    """CRC-16/CCITT-FALSE of bytes."""
    crc = 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def crc_ok(payload):
    raw = payload.encode("utf-8")
    return payload[-8:-4] == "6304" and "%04X" % crc16(raw[:-4]) == payload[-4:]


def tlv(s):
    """Reads a string of ID/length/value objects into [(id, value, text)],
    text being the whole object as written. Raises ValueError."""
    out = []
    i = 0
    while i < len(s):
        if i + 4 > len(s) or not s[i:i + 4].isdigit():
            raise ValueError("bad header at %d" % i)
        n = int(s[i + 2:i + 4])
        if i + 4 + n > len(s):
            raise ValueError("truncated at %d" % i)
        out.append((s[i:i + 2], s[i + 4:i + 4 + n], s[i:i + 4 + n]))
        i += 4 + n
    return out


# What vqr_text_escape() shows escaped: controls (Cc), U+2028/9, and the
# Default_Ignorable_Code_Point ranges of Unicode 15.
_DEFAULT_IGNORABLE = [(0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
                      (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
                      (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
                      (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
                      (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF)]


def is_unsafe(ch):
    cp = ord(ch)
    return (cp < 0x20 or 0x7F <= cp <= 0x9F or cp in (0x2028, 0x2029) or
            any(lo <= cp <= hi for lo, hi in _DEFAULT_IGNORABLE))
