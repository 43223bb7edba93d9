#!/usr/bin/env python3
"""`vietqr batch`: a generated 10,000-row school-fee CSV with 1% bad rows
gives exactly the expected manifest and rejects, images that zbarimg reads
back, the same output with one thread as with all, and a rerun that writes
nothing; then resuming after lost or damaged images, JSON Lines input, CSV
syntax errors, file names, and the command's usage and I/O errors.

Usage: test_batch.py PATH/TO/vietqr
"""

import csv
import hashlib
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile
import unicodedata

from clitest import Checker, command, crc16, run, sanitizer_check, sanitizer_env

ROWS = 10000
BANKS = [("970436", "970436"), ("VCB", "970436"), ("Techcombank", "970407"),
         ("MB", "970422"), ("970415", "970415"), ("BIDV", "970418")]
GIVEN = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Đức", "Phạm Minh Châu", "Vũ Thị Hằng"]

# Bad rows: (bank, account, amount, purpose, bill) changes and the expected
# (code, name, field) of the reject.
BAD = [
    ({"bank": "NOBANK"}, 103, "VQR_ERR_BANK_UNKNOWN", "bank"),
    ({"account": "01234X6789"}, 121, "VQR_ERR_ACCOUNT", "account"),
    ({"amount": "1500000.50"}, 50, "VQR_ERR_AMOUNT_DECIMALS", "amount"),
    ({"amount": "1,500,000"}, 48, "VQR_ERR_AMOUNT_SYNTAX", "amount"),
    ({"purpose": "Hoc phi hoc ky 1 nam hoc 2026"}, 43, "VQR_ERR_LENGTH", "purpose"),
    ({"account": ""}, 44, "VQR_ERR_MISSING", "account"),
    ({"amount": "0"}, 49, "VQR_ERR_AMOUNT_ZERO", "amount"),
    ({"purpose": "Hoc phi 100€"}, 100, "VQR_ERR_TEXT_NOT_ASCII", "purpose"),
    ({"bank": "97040"}, 120, "VQR_ERR_BIN", "bank"),
    ({"bill": "HD\tTAB"}, 101, "VQR_ERR_TEXT_CONTROL", "bill"),
]


def fold(s):
    """Vietnamese text as an ans field holds it (what the library's fold does
    for Vietnamese letters)."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def tlv(tag, value):
    return tag + "%02d" % len(value) + value


def vietqr(bin_, account, amount, purpose, bill):
    """The canonical NAPAS 247 payload, built independently of the library."""
    mai = tlv("00", "A000000727") + tlv("01", tlv("00", bin_) + tlv("01", account)) + \
        tlv("02", "QRIBFTTA")
    s = tlv("00", "01") + tlv("01", "12" if amount else "11") + tlv("38", mai) + tlv("53", "704")
    if amount:
        s += tlv("54", amount)
    s += tlv("58", "VN")
    add = (tlv("01", bill) if bill else "") + (tlv("08", purpose) if purpose else "")
    if add:
        s += tlv("62", add)
    s += "6304"
    return s + "%04X" % crc16(s.encode("utf-8"))


def generate(path):
    """Writes the CSV; returns {row: payload} for good rows and {row: (code,
    name, field)} for bad ones."""
    good, bad = {}, {}
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "bank", "account", "amount", "purpose", "bill"])
        for r in range(1, ROWS + 1):
            bank, bin_ = BANKS[r % len(BANKS)]
            student = "%s, lớp %d\"%s\"" % (GIVEN[r % len(GIVEN)], 1 + r % 5, "ABC"[r % 3])
            row = {
                "bank": bank,
                "account": "%010d" % (1000000 + r * 7),
                "amount": "" if r % 13 == 0 else str(1500000 + (r % 40) * 50000),
                "purpose": ["Học phí T9 HS%05d" % r, "Hoc phi, thang 9 HS%d" % r,
                            "Tiền ăn trưa %d" % r][r % 3],
                "bill": "" if r % 7 == 0 else "HD%06d" % r,
            }
            if r % 100 == 50:
                change, code, name, field = BAD[(r // 100) % len(BAD)]
                row.update(change)
                bad[r] = (code, name, field)
            else:
                good[r] = vietqr(bin_, row["account"], row["amount"], fold(row["purpose"]),
                                 row["bill"])
            w.writerow([student, row["bank"], row["account"], row["amount"], row["purpose"],
                        row["bill"]])
    return good, bad


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def snapshot(d):
    out = {}
    for name in sorted(os.listdir(d)):
        st = os.stat(os.path.join(d, name))
        out[name] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def zbar(path):
    p = subprocess.run(["zbarimg", "--raw", "-q", path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    return p.stdout.decode("utf-8").rstrip("\n")


def check_big(c, tool, work):
    src = os.path.join(work, "fees.csv")
    good, bad = generate(src)
    c.eq((len(good), len(bad)), (ROWS - ROWS // 100, ROWS // 100), "generated 1% bad rows")
    out = os.path.join(work, "out")
    rc, stdout, err = run(tool, ["batch", src, "--out", out])
    c.eq(rc, 1, "batch with rejects exits 1")
    c.eq(stdout, "", "batch prints nothing on stdout")
    c.check("ignoring the column 'student'" in err, "unknown column reported")
    c.check("10000 rows: 9900 written, 0 unchanged, 100 rejected" in err, "summary: " + err)

    man = read_csv(os.path.join(out, "manifest.csv"))
    c.eq(man[0], ["row", "file", "payload", "crc", "sha256"], "manifest header")
    want = []
    for r in sorted(good):
        name = "%06d.png" % r
        with open(os.path.join(out, name), "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        want.append([str(r), name, good[r], good[r][-4:], sha])
    c.eq(len(man) - 1, len(want), "manifest rows")
    mismatch = [m for m, w in zip(man[1:], want) if m != w]
    c.eq(mismatch[:3], [], "manifest rows exactly as expected")

    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq(rej[0], ["row", "code", "name", "message"], "rejects header")
    c.eq([(int(x[0]), int(x[1]), x[2]) for x in rej[1:]],
         [(r, bad[r][0], bad[r][1]) for r in sorted(bad)], "rejects: rows, codes, names")
    for x in rej[1:]:
        field = bad[int(x[0])][2]
        c.check(x[3].startswith(field + ": ") and x[3].find("(" + x[2] + ")") > 0,
                "reject message names %s: %r" % (field, x[3]))

    files = sorted(os.listdir(out))
    c.eq(files, sorted(["%06d.png" % r for r in good] +
                       ["manifest.csv", "rejects.csv", "batch.json"]), "directory contents")
    with open(os.path.join(out, "000001.png"), "rb") as f:
        c.eq(f.read(8), b"\x89PNG\r\n\x1a\n", "PNG signature")
    sample = sorted(good)[::397]
    for r in sample:
        c.eq(zbar(os.path.join(out, "%06d.png" % r)), good[r], "zbarimg reads row %d" % r)

    # One thread gives the same bytes as every core.
    out1 = os.path.join(work, "out1")
    rc, _, _ = run(tool, ["batch", src, "--out", out1, "--jobs", "1", "-q"])
    c.eq(rc, 1, "--jobs 1 exit status")
    for name in ("manifest.csv", "rejects.csv", "batch.json"):
        with open(os.path.join(out, name), "rb") as a, open(os.path.join(out1, name), "rb") as b:
            c.check(a.read() == b.read(), name + " identical with --jobs 1")
    shutil.rmtree(out1)

    # A rerun writes nothing.
    before = snapshot(out)
    rc, stdout, err = run(tool, ["batch", src, "--out", out])
    c.eq(rc, 1, "rerun exit status")
    c.check("9900 unchanged" in err and "0 written" in err, "rerun summary: " + err)
    c.eq(snapshot(out), before, "rerun writes nothing (same inodes and times)")

    # Resume: lost and damaged images are made again, nothing else.
    lost = sorted(good)[5::500]
    damaged = sorted(good)[9::700]
    for r in lost:
        os.unlink(os.path.join(out, "%06d.png" % r))
    for r in damaged:
        with open(os.path.join(out, "%06d.png" % r), "r+b") as f:
            f.seek(40)
            f.write(b"\x00\x01\x02")
    before = snapshot(out)
    rc, _, err = run(tool, ["batch", src, "--out", out])
    after = snapshot(out)
    changed = sorted(n for n in after if after[n] != before.get(n))
    c.eq(changed, sorted("%06d.png" % r for r in lost + damaged), "resume rewrites only those")
    c.check("%d written" % (len(lost) + len(damaged)) in err, "resume summary: " + err)
    man2 = read_csv(os.path.join(out, "manifest.csv"))
    c.eq(man2, man, "resume: the manifest is unchanged")

    # Without the manifest every image is compared, and none is rewritten.
    os.unlink(os.path.join(out, "manifest.csv"))
    before = snapshot(out)
    rc, _, err = run(tool, ["batch", src, "--out", out, "-q"])
    after = snapshot(out)
    c.eq(sorted(n for n in after if after[n] != before.get(n)), ["manifest.csv"],
         "lost manifest: only the manifest is written again")
    c.eq(read_csv(os.path.join(out, "manifest.csv")), man, "lost manifest: the same manifest")


def check_small(c, tool, work):
    jl = os.path.join(work, "rows.jsonl")
    lines = [
        json.dumps({"bank": "VCB", "account": "0123456789", "amount": 250000,
                    "purpose": "Học phí", "file": "an-nguyen"}, ensure_ascii=False),
        "",
        json.dumps({"bank": "970407", "account": "19036", "amount": None, "note": "x"}),
        "not json",
        json.dumps({"bank": "VCB", "account": "1", "amount": 1.5}),
        json.dumps({"bank": "VCB", "account": "2", "file": "an-nguyen"}),
        json.dumps({"bank": "VCB", "account": "3", "file": "../evil"}),
        json.dumps(["array"]),
        json.dumps({"bank": "VCB", "card": "9704361234567890", "amount": "10000"}),
    ]
    with open(jl, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(work, "jl")
    rc, _, err = run(tool, ["batch", jl, "--out", out, "--format", "svg"])
    c.eq(rc, 1, "jsonl exit status")
    c.check("ignoring the column 'note'" in err, "jsonl unknown key reported")
    man = read_csv(os.path.join(out, "manifest.csv"))
    c.eq([(m[0], m[1]) for m in man[1:]], [("1", "an-nguyen.svg"), ("3", "000003.svg"),
                                            ("9", "000009.svg")], "jsonl manifest rows")
    c.eq(man[1][2], vietqr("970436", "0123456789", "250000", "Hoc phi", ""), "jsonl payload")
    c.check("0208QRIBFTTC" in man[3][2], "card number row")
    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq([(x[0], x[2]) for x in rej[1:]],
         [("4", "VQR_ERR_INVALID_ARGUMENT"), ("5", "VQR_ERR_INVALID_ARGUMENT"),
          ("6", "VQR_ERR_INVALID_ARGUMENT"), ("7", "VQR_ERR_INVALID_ARGUMENT"),
          ("8", "VQR_ERR_INVALID_ARGUMENT")], "jsonl rejects")
    c.check(rej[3][3].startswith("file: an-nguyen.svg is already used by row 1"), "duplicate name")
    c.check(rej[4][3].startswith("file: a file name holds only"), "bad file name")
    c.check(rej[2][3] == "amount: use a string or a whole number", "JSON number with decimals")
    c.check(rej[1][3].startswith("not a JSON object: "), "not JSON")
    with open(os.path.join(out, "an-nguyen.svg"), encoding="utf-8") as f:
        c.check(f.read().startswith("<svg"), "SVG written")

    # CSV: a syntax error rejects that row only; quoted fields keep commas,
    # quotes and line breaks; a byte order mark is skipped.
    cs = os.path.join(work, "syntax.csv")
    with open(cs, "wb") as f:
        f.write("\ufeffBank,Account,Purpose\r\n"
                "VCB,0123,\"Hoc phi, \"\"T9\"\"\"\r\n"
                "VCB,0456,\"bad\"x\r\n"
                "VCB,0789,ok\r\n"
                "VCB,0999,\"two\nlines\"\r\n"
                "VCB,1000,a,extra\r\n".encode("utf-8"))
    out = os.path.join(work, "cs")
    rc, _, _ = run(tool, ["batch", cs, "--out", out, "-q"])
    man = read_csv(os.path.join(out, "manifest.csv"))
    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq(rc, 1, "csv syntax exit status")
    c.eq([m[0] for m in man[1:]], ["1", "3"], "csv rows kept")
    c.check(tlv("08", 'Hoc phi, "T9"') in man[1][2], "quoted comma and quotes")
    c.eq([(x[0], x[2]) for x in rej[1:]], [("2", "VQR_ERR_INVALID_ARGUMENT"),
                                           ("4", "VQR_ERR_TEXT_CONTROL"),
                                           ("5", "VQR_ERR_INVALID_ARGUMENT")], "csv rejects")
    c.check("CSV syntax" in rej[1][3] and "5 fields" not in rej[1][3], "syntax message")
    c.check("the row has 4 fields, the header 3" in rej[3][3], "extra field message")

    # The progress bar goes to a terminal only.
    out = os.path.join(work, "progress")
    rc, _, err = run(tool, ["batch", cs, "--out", out])
    c.check("\r" not in err and "%" not in err and "5 rows: 2 written" in err,
            "no progress bar on a pipe: %r" % err)
    master, slave = pty.openpty()
    p = subprocess.Popen(command(tool, ["batch", cs, "--out", out]), stdout=subprocess.PIPE, stderr=slave,
                         env=sanitizer_env())
    os.close(slave)
    seen = b""
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
    os.close(master)
    p.wait(timeout=60)
    sanitizer_check(seen.decode("utf-8", "replace"), ["batch"])
    c.check(b"\r[########################################] 100% 5 rows" in seen,
            "progress bar on a terminal: %r" % seen)

    # Input-level problems and usage.
    nobank = os.path.join(work, "nobank.csv")
    with open(nobank, "w") as f:
        f.write("account,amount\n1,2\n")
    rc, _, err = run(tool, ["batch", nobank, "--out", os.path.join(work, "nb")])
    c.check(rc == 1 and "no 'bank' column" in err, "no bank column")
    empty = os.path.join(work, "empty.csv")
    open(empty, "w").close()
    c.eq(run(tool, ["batch", empty, "--out", os.path.join(work, "e")])[0], 1, "empty CSV")
    c.eq(run(tool, ["batch", os.path.join(work, "missing.csv"), "--out", out])[0], 3,
         "missing input is an I/O error")
    c.eq(run(tool, ["batch", cs, "--out", cs])[0], 3, "--out on a file is an I/O error")
    rc, _, _ = run(tool, ["batch", "-", "--input-format", "csv", "--out",
                          os.path.join(work, "stdin"), "-q"],
                   stdin="bank,account\nVCB,42\n")
    c.eq(rc, 0, "CSV from standard input")
    c.check(os.path.exists(os.path.join(work, "stdin", "000001.png")), "stdin row drawn")
    for args in (["batch", cs], ["batch", "--out", out], ["batch", "x.txt", "--out", out],
                 ["batch", cs, "--out", out, "--invert"], ["batch", cs, "--out", out, "-j", "0"],
                 ["batch", cs, "--out", out, "--format", "term"], ["batch", "-", "--out", out]):
        rc, so, _ = run(tool, args)
        c.eq((rc, so), (2, ""), "usage error %r" % args[1:])
    rc, so, _ = run(tool, ["batch", "--help"])
    c.check(rc == 0 and so.startswith("Usage: vietqr batch"), "batch --help")


def main():
    tool = sys.argv[1]
    c = Checker("cli-batch")
    if not shutil.which("zbarimg"):
        print("zbarimg (Debian zbar-tools) is required")
        sys.exit(1)
    with tempfile.TemporaryDirectory() as work:
        check_big(c, tool, work)
        check_small(c, tool, work)
    c.done()


if __name__ == "__main__":
    main()
