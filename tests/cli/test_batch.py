#!/usr/bin/env python3
"""`vietqr batch`, the input side: a generated school-fee CSV (10,000 rows
by default) with 1% bad rows gives exactly the expected manifest and
rejects, images that zbarimg reads back, the same output with one thread as
with all, and a rerun that writes no image; resuming after lost or damaged
images; JSON Lines input; a CSV holding every malformation (an unclosed
quote in the middle, a quoted cell that breaks lines later, short and long
rows, an empty amount, amounts written the Vietnamese way, a byte order
mark, CRLF and mixed line endings, a NUL byte, a control character, an
over-long line) with its exact manifest, exact rejects and the accounting
rows = written + skipped + rejected; the amount and static rules; file
names; and the command's usage and I/O errors.

Usage: test_batch.py PATH/TO/vietqr

VQR_BATCH_ROWS sets the rows of the generated CSV (default 10000; the
valgrind tier runs a few hundred). Every other check keeps its size.
"""

import csv
import hashlib
import json
import os
import pty
import shutil
import subprocess
import sys
import tempfile
import unicodedata

from clitest import Checker, command, crc16, run, sanitizer_check, sanitizer_env

ROWS = int(os.environ.get("VQR_BATCH_ROWS", "10000"))
# One bad row in every STEP, so that a few hundred rows still hold each kind.
STEP = max(10, ROWS // 100)
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
TAGS = {"bank": "38.01.00", "account": "38.01.01", "amount": "54", "purpose": "62.08",
        "bill": "62.01"}

MANIFEST_HEADER = ["row", "file", "payload", "crc", "sha256"]
REJECTS_HEADER = ["row", "line", "column", "code", "name", "message"]


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
    name, field)} for bad ones. Rows without an amount say so in 'static'."""
    good, bad = {}, {}
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "bank", "account", "amount", "static", "purpose", "bill"])
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
            if r % STEP == STEP // 2:
                change, code, name, field = BAD[(r // STEP) % len(BAD)]
                row.update(change)
                bad[r] = (code, name, field)
            else:
                good[r] = vietqr(bin_, row["account"], row["amount"], fold(row["purpose"]),
                                 row["bill"])
            w.writerow([student, row["bank"], row["account"], row["amount"],
                        "yes" if not row["amount"] else "", row["purpose"], row["bill"]])
    return good, bad


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def snapshot(d):
    out = {}
    for name in sorted(os.listdir(d)):
        st = os.stat(os.path.join(d, name))
        out[name] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def changed_names(before, after):
    return sorted(n for n in set(before) | set(after) if after.get(n) != before.get(n))


def zbar(path):
    p = subprocess.run(["zbarimg", "--raw", "-q", path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    return p.stdout.decode("utf-8").rstrip("\n")


def accounting(c, out, rows, written, skipped, rejected, what):
    """batch.json's counts, and rows = written + skipped + rejected."""
    j = read_json(os.path.join(out, "batch.json"))
    c.eq((j["rows"], j["written"], j["skipped"], j["rejected"]),
         (rows, written, skipped, rejected), what + ": batch.json counts")
    c.eq(j["rows"], j["written"] + j["skipped"] + j["rejected"],
         what + ": rows = written + skipped + rejected")


def summary(rows, written, skipped, rejected):
    return "%d rows: %d written, %d skipped, %d rejected" % (rows, written, skipped, rejected)


def check_big(c, tool, work):
    src = os.path.join(work, "fees.csv")
    good, bad = generate(src)
    nbad = len([r for r in range(1, ROWS + 1) if r % STEP == STEP // 2])
    c.eq((len(good), len(bad)), (ROWS - nbad, nbad), "generated bad rows")
    out = os.path.join(work, "out")
    rc, stdout, err = run(tool, ["batch", src, "--out", out])
    c.eq(rc, 1, "batch with rejects exits 1")
    c.eq(stdout, "", "batch prints nothing on stdout")
    c.check("ignoring the column 'student'" in err, "unknown column reported")
    c.check(summary(ROWS, len(good), 0, nbad) in err, "summary: " + err)
    accounting(c, out, ROWS, len(good), 0, nbad, "first run")

    man = read_csv(os.path.join(out, "manifest.csv"))
    c.eq(man[0], MANIFEST_HEADER, "manifest header")
    want = []
    for r in sorted(good):
        name = "%06d.png" % r
        want.append([str(r), name, good[r], good[r][-4:], sha256(os.path.join(out, name))])
    c.eq(len(man) - 1, len(want), "manifest rows")
    mismatch = [m for m, w in zip(man[1:], want) if m != w]
    c.eq(mismatch[:3], [], "manifest rows exactly as expected")

    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq(rej[0], REJECTS_HEADER, "rejects header")
    c.eq([(int(x[0]), int(x[1]), x[2], int(x[3]), x[4]) for x in rej[1:]],
         [(r, r + 1, bad[r][2], bad[r][0], bad[r][1]) for r in sorted(bad)],
         "rejects: rows, lines, columns, codes, names")
    for x in rej[1:]:
        field = bad[int(x[0])][2]
        prefix = "column '%s' (%s): " % (field, TAGS[field])
        c.check(x[5].startswith(prefix) and x[5].find("(" + x[4] + ")") > 0,
                "reject message names column %s: %r" % (field, x[5]))

    files = sorted(os.listdir(out))
    c.eq(files, sorted(["%06d.png" % r for r in good] +
                       ["manifest.csv", "rejects.csv", "batch.json"]), "directory contents")
    with open(os.path.join(out, "000001.png"), "rb") as f:
        c.eq(f.read(8), b"\x89PNG\r\n\x1a\n", "PNG signature")
    sample = sorted(good)[::max(1, len(good) // 25)]
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

    # A rerun writes no image and no report; batch.json takes the new counts.
    before = snapshot(out)
    rc, stdout, err = run(tool, ["batch", src, "--out", out])
    c.eq(rc, 1, "rerun exit status")
    c.check(summary(ROWS, 0, len(good), nbad) in err, "rerun summary: " + err)
    c.eq(changed_names(before, snapshot(out)), ["batch.json"],
         "rerun writes only batch.json (same inodes and times)")
    accounting(c, out, ROWS, 0, len(good), nbad, "rerun")
    before = snapshot(out)
    run(tool, ["batch", src, "--out", out, "-q"])
    c.eq(changed_names(before, snapshot(out)), [], "a second rerun writes nothing")

    # Resume: lost and damaged images are made again, nothing else.
    lost = sorted(good)[5::max(1, len(good) // 20)]
    damaged = [r for r in sorted(good)[9::max(1, len(good) // 14)] if r not in lost]
    for r in lost:
        os.unlink(os.path.join(out, "%06d.png" % r))
    for r in damaged:
        with open(os.path.join(out, "%06d.png" % r), "r+b") as f:
            f.seek(40)
            f.write(b"\x00\x01\x02")
    before = snapshot(out)
    rc, _, err = run(tool, ["batch", src, "--out", out])
    changed = changed_names(before, snapshot(out))
    c.eq(changed, sorted(["%06d.png" % r for r in lost + damaged] + ["batch.json"]),
         "resume rewrites only those")
    c.check(summary(ROWS, len(lost) + len(damaged), len(good) - len(lost) - len(damaged),
                    nbad) in err, "resume summary: " + err)
    man2 = read_csv(os.path.join(out, "manifest.csv"))
    c.eq(man2, man, "resume: the manifest is unchanged")

    # Without the manifest every image is compared, and none is rewritten.
    os.unlink(os.path.join(out, "manifest.csv"))
    before = snapshot(out)
    rc, _, err = run(tool, ["batch", src, "--out", out, "-q"])
    c.eq(changed_names(before, snapshot(out)), ["batch.json", "manifest.csv"],
         "lost manifest: only the manifest (and the counts) are written again")
    c.eq(read_csv(os.path.join(out, "manifest.csv")), man, "lost manifest: the same manifest")
    accounting(c, out, ROWS, 0, len(good), nbad, "lost manifest")


# ---- the malformed CSV ----------------------------------------------------

ACCT = "00110012345%02d"


def malformed_csv():
    """A CSV with every malformation, as bytes, and what must come of it:
    {row: payload} written, [(row, line, column, code, name, message)]."""
    lines = []

    def add(text, end="\r\n"):
        lines.append(text.encode("utf-8") + end.encode("utf-8") if isinstance(text, str)
                     else text + end.encode("utf-8"))

    def row(student, n, amount, purpose, bill, end="\r\n"):
        add("%s,VCB,%s,%s,%s,%s" % (student, ACCT % n, amount, purpose, bill), end)

    add("\ufeffStudent,Bank,Account,Amount,Purpose,Bill")                   # line 1
    row("An", 1, "150000", "Hoc phi T9", "HD1")                             # row 1, line 2
    row('"Binh\nMinh"', 2, "150000", '"Hoc phi, ""T9"""', "HD2")            # row 2, lines 3-4
    add("Chau,VCB,%s,150000,Hoc phi" % (ACCT % 3))                          # row 3, line 5: short
    add("Dung,VCB,%s,150000,Hoc phi,HD4,extra" % (ACCT % 4))                # row 4, line 6: long
    row("Em", 5, "", "Hoc phi", "HD5")                                      # row 5, line 7: empty
    row("Giang", 6, "1.500.000", "Hoc phi", "HD6")                          # row 6, line 8
    row("Ha", 7, '"1,500,000"', "Hoc phi", "HD7")                           # row 7, line 9
    row("Ich", 8, "1.500.000 đ", "Hoc phi", "HD8")                          # row 8, line 10
    row("Khoa", 9, "1500000 VND", "Hoc phi", "HD9")                         # row 9, line 11
    add(b"Lan,VCB," + (ACCT % 10).encode() + b",1000\x000,Hoc phi,HD10")    # row 10, line 12: NUL
    row("Minh", 11, "150000", "Hoc\x1b[2Jphi", "HD11")                      # row 11, line 13
    row("Nam", 12, "150000", '"Hoc phi"x', "HD12")                          # row 12, line 14
    row("Oanh", 13, "150000", '"Hoc phi', "HD13")                           # row 13, line 15
    add("still inside the quote")                                           # row 14, line 16
    add('closes"x,HD13')                                                    # row 15, line 17
    add(b"Phuc," + b"x" * (1024 * 1024 + 10))                               # row 16, line 18
    row("Quang", 17, "150000", "Hoc phi T10", "HD17")                       # row 17, line 19
    add("")                                                                 # line 20: blank
    add("   ")                                                              # line 21: blank
    row("Sang", 18, "150000", "Hoc phi T11", "HD18", end="\n")              # row 18, line 22
    row("Tam", 19, "2500000", '"Hoc phi T12', "HD19")                       # row 19, line 23
    row("Uyen", 20, "150000", "Hoc phi T1", "HD20")                         # row 20, line 24
    row("Vy", 21, "150000", "Hoc phi T2", "HD21", end="")                   # row 21, line 25
    data = b"".join(lines)

    def pay(n, purpose, bill, amount="150000"):
        return vietqr("970436", ACCT % n, amount, purpose, bill)

    written = {1: pay(1, "Hoc phi T9", "HD1"), 2: pay(2, 'Hoc phi, "T9"', "HD2"),
               17: pay(17, "Hoc phi T10", "HD17"), 18: pay(18, "Hoc phi T11", "HD18"),
               20: pay(20, "Hoc phi T1", "HD20"), 21: pay(21, "Hoc phi T2", "HD21")}
    syntax = "VQR_ERR_INVALID_ARGUMENT"
    rejects = [
        (3, 5, "Bill", 1, syntax, "column 'Bill': the row has 5 cells and the header 6: this "
         "cell and those after it are missing (VQR_ERR_INVALID_ARGUMENT)"),
        (4, 6, "", 1, syntax,
         "the row has 7 cells and the header only 6 (VQR_ERR_INVALID_ARGUMENT)"),
        (5, 7, "Amount", 44, "VQR_ERR_MISSING",
         "column 'Amount' (54): empty: a code without an amount is static (the payer types "
         "any amount); give the amount, or pass --allow-static (or mark the row in a 'static' "
         "column) when that is meant (VQR_ERR_MISSING)"),
        (6, 8, "Amount", 48, "VQR_ERR_AMOUNT_SYNTAX",
         "column 'Amount' (54): \"1.500.000\" is written with separators or a currency; write "
         "the amount in đồng as digits only: 1500000 (or pass --amount-format vi) "
         "(VQR_ERR_AMOUNT_SYNTAX)"),
        (7, 9, "Amount", 48, "VQR_ERR_AMOUNT_SYNTAX",
         "column 'Amount' (54): \"1,500,000\" is written with separators or a currency; write "
         "the amount in đồng as digits only: 1500000 (or pass --amount-format vi) "
         "(VQR_ERR_AMOUNT_SYNTAX)"),
        (8, 10, "Amount", 48, "VQR_ERR_AMOUNT_SYNTAX",
         "column 'Amount' (54): \"1.500.000 đ\" is written with separators or a currency; "
         "write the amount in đồng as digits only: 1500000 (or pass --amount-format vi) "
         "(VQR_ERR_AMOUNT_SYNTAX)"),
        (9, 11, "Amount", 48, "VQR_ERR_AMOUNT_SYNTAX",
         "column 'Amount' (54): \"1500000 VND\" is written with separators or a currency; "
         "write the amount in đồng as digits only: 1500000 (or pass --amount-format vi) "
         "(VQR_ERR_AMOUNT_SYNTAX)"),
        (10, 12, "Amount", 101, "VQR_ERR_TEXT_CONTROL",
         "column 'Amount' (54): a NUL byte at character 4; a cell holds text and is never cut "
         "short at a NUL (VQR_ERR_TEXT_CONTROL)"),
        (11, 13, "Purpose", 101, "VQR_ERR_TEXT_CONTROL",
         "column 'Purpose' (62.08): a control character U+001B at character 3; a cell holds text on "
         "one line (VQR_ERR_TEXT_CONTROL)"),
        (12, 14, "Purpose", 1, syntax,
         "column 'Purpose' (62.08): CSV syntax error at byte 39 of the line: a quote inside a "
         "cell that is not quoted as a whole, or text after a closing quote "
         "(VQR_ERR_INVALID_ARGUMENT)"),
        (13, 15, "Purpose", 1, syntax,
         "column 'Purpose' (62.08): CSV syntax error: the quoted cell that starts on this line breaks "
         "at line 17; reading goes on at the next line (VQR_ERR_INVALID_ARGUMENT)"),
        (14, 16, "Bank", 1, syntax,
         "column 'Bank': the row has 1 cells and the header 6: this cell and those after "
         "it are missing (VQR_ERR_INVALID_ARGUMENT)"),
        (15, 17, "Student", 1, syntax,
         "column 'Student': CSV syntax error at byte 7 of the line: a quote inside a cell "
         "that is not quoted as a whole, or text after a closing quote "
         "(VQR_ERR_INVALID_ARGUMENT)"),
        (16, 18, "", 1, syntax,
         "the line is longer than 1048576 bytes (VQR_ERR_INVALID_ARGUMENT)"),
        (19, 23, "Purpose", 1, syntax,
         "column 'Purpose' (62.08): CSV syntax error: the quote that opens this cell is never closed; "
         "reading goes on at the next line (VQR_ERR_INVALID_ARGUMENT)"),
    ]
    return data, written, rejects


def check_manifest(c, out, written, what):
    man = read_csv(os.path.join(out, "manifest.csv"))
    want = [MANIFEST_HEADER]
    for r in sorted(written):
        name = "%06d.png" % r
        path = os.path.join(out, name)
        want.append([str(r), name, written[r], written[r][-4:],
                     sha256(path) if os.path.exists(path) else "(missing)"])
    c.eq(man, want, what + ": the exact manifest")


def check_malformed(c, tool, work):
    data, written, rejects = malformed_csv()
    src = os.path.join(work, "malformed.csv")
    with open(src, "wb") as f:
        f.write(data)
    # Every physical line that is not blank ends in exactly one row.
    nlines = data.count(b"\n")
    c.eq(nlines, 24, "the malformed CSV has 25 lines")
    out = os.path.join(work, "malformed")
    rc, stdout, err = run(tool, ["batch", src, "--out", out])
    c.eq((rc, stdout), (1, ""), "malformed CSV: exit 1 (rows rejected)")
    rows = 21
    c.check(summary(rows, len(written), 0, len(rejects)) in err, "malformed summary: " + err)
    c.eq(len(written) + len(rejects), rows, "every row is written or rejected")
    check_manifest(c, out, written, "malformed")
    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq(rej[0], REJECTS_HEADER, "malformed: rejects header")
    got = [(int(x[0]), int(x[1]), x[2], int(x[3]), x[4], x[5]) for x in rej[1:]]
    c.eq(len(got), len(rejects), "malformed: number of rejects")
    for g, w in zip(got, rejects):
        c.eq(g, w, "malformed: reject of row %d" % w[0])
    accounting(c, out, rows, len(written), 0, len(rejects), "malformed")
    # Lines accounted for: rows 2 spans two lines, lines 20-21 are blank.
    lines = set()
    for x in rej[1:]:
        lines.add(int(x[1]))
    for r in written:
        lines.add({1: 2, 2: 3, 17: 19, 18: 22, 20: 24, 21: 25}[r])
    c.eq(sorted(lines | {4, 20, 21}), list(range(2, 26)), "every line after the header")
    for r in written:
        c.eq(zbar(os.path.join(out, "%06d.png" % r)), written[r], "malformed: zbar row %d" % r)

    # A rerun: the written rows are skipped, the rejects the same.
    before = snapshot(out)
    rc, _, err = run(tool, ["batch", src, "--out", out])
    c.check(rc == 1 and summary(rows, 0, len(written), len(rejects)) in err,
            "malformed rerun: " + err)
    c.eq(changed_names(before, snapshot(out)), ["batch.json"], "malformed rerun writes no image")
    accounting(c, out, rows, 0, len(written), len(rejects), "malformed rerun")

    # The same rows with --allow-static and --amount-format vi.
    out2 = os.path.join(work, "malformed-vi")
    rc, _, err = run(tool, ["batch", src, "--out", out2, "--allow-static",
                            "--amount-format", "vi"])
    vi_written = dict(written)
    vi_written[5] = vietqr("970436", ACCT % 5, "", "Hoc phi", "HD5")
    for n in (6, 7, 8, 9):
        vi_written[n] = vietqr("970436", ACCT % n, "1500000", "Hoc phi", "HD%d" % n)
    vi_rejects = [x for x in rejects if x[0] not in vi_written]
    c.check(rc == 1 and summary(rows, len(vi_written), 0, len(vi_rejects)) in err,
            "--amount-format vi --allow-static: " + err)
    check_manifest(c, out2, vi_written, "--amount-format vi")
    got = [(int(x[0]), int(x[1]), x[2], int(x[3]), x[4], x[5])
           for x in read_csv(os.path.join(out2, "rejects.csv"))[1:]]
    c.eq(got, vi_rejects, "--amount-format vi: the rejects")
    accounting(c, out2, rows, len(vi_written), 0, len(vi_rejects), "--amount-format vi")

    # The same CSV from a pipe, with --jobs 1: the same reports.
    out3 = os.path.join(work, "malformed-pipe")
    rc, _, _ = run(tool, ["batch", "-", "--input-format", "csv", "--out", out3, "-j", "1",
                          "-q"], stdin=data)
    for name in ("manifest.csv", "rejects.csv", "batch.json"):
        with open(os.path.join(out, name), "rb") as a, open(os.path.join(out3, name), "rb") as b:
            c.check(a.read() == b.read() or name == "batch.json",
                    name + " identical from a pipe")
    accounting(c, out3, rows, len(written), 0, len(rejects), "from a pipe")


def check_amounts(c, tool, work):
    """The amount and static rules, row by row."""
    cases = [
        # (amount, static, options, want amount in 54 or None, want code)
        ("1500000", "", [], "1500000", None),
        ("", "yes", [], "", None),
        ("", "Có", [], "", None),
        ("", "no", ["--allow-static"], None, 44),
        ("", "", ["--allow-static"], "", None),
        ("", "maybe", ["--allow-static"], None, 1),
        ("5000", "yes", [], None, 1),
        ("1.500", "", [], None, 50),
        ("1.500", "", ["--amount-format", "vi"], "1500", None),
        ("1.50", "", ["--amount-format", "vi"], None, 50),
        ("1,5", "", ["--amount-format", "vi"], None, 50),
        ("1.500.000,00", "", ["--amount-format", "vi"], "1500000", None),
        ("1,500,000.00", "", ["--amount-format", "vi"], "1500000", None),
        ("1 500 000 ₫", "", ["--amount-format", "vi"], "1500000", None),
        ("VND 1,500,000", "", ["--amount-format", "vi"], "1500000", None),
        ("1.500.000đồng", "", ["--amount-format", "vi"], "1500000", None),
        ("1.500,000", "", ["--amount-format", "vi"], None, 48),
        ("1.500.000.50", "", ["--amount-format", "vi"], None, 50),
        ("1.500.000,5", "", ["--amount-format", "vi"], None, 50),
        ("1.500.0", "", ["--amount-format", "vi"], None, 48),
        ("1,500.0", "", ["--amount-format", "vi"], "1500", None),
        ("1.5000", "", ["--amount-format", "vi"], None, 48),
        ("1,500.000", "", ["--amount-format", "vi"], None, 48),
        ("12.5", "", [], None, 50),
        ("abc", "", ["--amount-format", "vi"], None, 48),
        ("-1.500.000", "", ["--amount-format", "vi"], None, 48),
        ("(500.000)", "", ["--amount-format", "vi"], None, 48),
        ("+1.500.000 VND", "", ["--amount-format", "vi"], "1500000", None),
        ("1\u202f500\u202f000", "", ["--amount-format", "vi"], "1500000", None),
        ("12.345.678.901.234", "", ["--amount-format", "vi"], None, 43),
        ("0", "", ["--amount-format", "vi"], None, 49),
        ("1.000.000.000.000.000", "", ["--amount-format", "vi"], None, 43),
    ]
    for i, (amount, static, opts, want, code) in enumerate(cases):
        src = os.path.join(work, "amount%d.csv" % i)
        with open(src, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerow(["bank", "account", "amount", "static"])
            csv.writer(f).writerow(["VCB", "0011001234567", amount, static])
        out = os.path.join(work, "amount%d" % i)
        rc, _, err = run(tool, ["batch", src, "--out", out, "-q"] + opts)
        what = "amount %r static %r %s" % (amount, static, " ".join(opts))
        if code is None:
            man = read_csv(os.path.join(out, "manifest.csv"))
            c.eq((rc, len(man)), (0, 2), what + ": written")
            if len(man) == 2:
                c.eq(man[1][2], vietqr("970436", "0011001234567", want, "", ""), what)
        else:
            rej = read_csv(os.path.join(out, "rejects.csv"))
            c.eq((rc, [int(x[3]) for x in rej[1:]]), (1, [code]), what + ": rejected")
            if len(rej) == 2:
                c.check(rej[1][2] in ("amount", "static"), what + ": column " + rej[1][2])


def check_jsonl(c, tool, work):
    jl = os.path.join(work, "rows.jsonl")
    lines = [
        json.dumps({"bank": "VCB", "account": "0123456789", "amount": 250000,
                    "purpose": "Học phí", "file": "an-nguyen"}, ensure_ascii=False),
        "",
        json.dumps({"bank": "970407", "account": "19036", "amount": None, "note": "x"}),
        "not json",
        json.dumps({"bank": "VCB", "account": "1", "amount": 1.5}),
        json.dumps({"bank": "VCB", "account": "2", "file": "an-nguyen", "static": True}),
        json.dumps({"bank": "VCB", "account": "3", "file": "../evil", "static": True}),
        json.dumps(["array"]),
        json.dumps({"bank": "VCB", "card": "9704361234567890", "amount": "10000"}),
        json.dumps({"bank": "VCB", "account": "4", "amount": "1000\u00000"}),
        json.dumps({"bank": "VCB", "account": "5", "amount": 10, "bill": "A\nB"}),
        json.dumps({"bank": "VCB", "account": "6", "amount": 10, "bill": "A",
                    "bill_number": "B"}),
        "   ",
        json.dumps({"bank": "VCB", "account": "7", "static": "perhaps"}),
    ]
    with open(jl, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = os.path.join(work, "jl")
    rc, _, err = run(tool, ["batch", jl, "--out", out, "--format", "svg", "--allow-static"])
    c.eq(rc, 1, "jsonl exit status")
    c.check("ignoring the key 'note'" in err, "jsonl unknown key reported: " + err)
    man = read_csv(os.path.join(out, "manifest.csv"))
    c.eq([(m[0], m[1]) for m in man[1:]], [("1", "an-nguyen.svg"), ("3", "000003.svg"),
                                            ("9", "000009.svg")], "jsonl manifest rows")
    c.eq(man[1][2], vietqr("970436", "0123456789", "250000", "Hoc phi", ""), "jsonl payload")
    c.check("0208QRIBFTTC" in man[3][2], "card number row")
    rej = read_csv(os.path.join(out, "rejects.csv"))
    inv = "VQR_ERR_INVALID_ARGUMENT"
    c.eq([(x[0], x[1], x[2], x[4]) for x in rej[1:]],
         [("4", "4", "", inv), ("5", "5", "amount", inv), ("6", "6", "file", inv),
          ("7", "7", "file", inv), ("8", "8", "", inv), ("10", "10", "amount",
                                                         "VQR_ERR_TEXT_CONTROL"),
          ("11", "11", "bill", "VQR_ERR_TEXT_CONTROL"), ("12", "12", "bill_number", inv),
          ("14", "14", "static", inv)], "jsonl rejects")
    msgs = {x[0]: x[5] for x in rej[1:]}
    c.eq(msgs["6"], "key 'file': an-nguyen.svg is already used by row 1 "
         "(VQR_ERR_INVALID_ARGUMENT)", "duplicate name")
    c.check(msgs["7"].startswith("key 'file': a file name holds only"), "bad file name")
    c.eq(msgs["5"], "key 'amount' (54): use a string or a whole number (VQR_ERR_INVALID_ARGUMENT)",
         "JSON number with decimals")
    c.check(msgs["4"].startswith("not a JSON object: "), "not JSON")
    c.eq(msgs["10"], "key 'amount' (54): a NUL byte at character 4; a cell holds text and is never "
         "cut short at a NUL (VQR_ERR_TEXT_CONTROL)", "JSON NUL")
    c.eq(msgs["12"], "key 'bill_number' (62.01): the same field as the key 'bill' "
         "(VQR_ERR_INVALID_ARGUMENT)", "two keys for one field")
    accounting(c, out, 12, 3, 0, 9, "jsonl")
    with open(os.path.join(out, "an-nguyen.svg"), encoding="utf-8") as f:
        c.check(f.read().startswith("<svg"), "SVG written")


def check_not_regular(c, tool, work):
    """Something other than a regular file where an output goes is refused
    with a clear error, and nothing blocks on a FIFO."""
    src = os.path.join(work, "two.csv")
    with open(src, "w") as f:
        f.write("bank,account,amount\nVCB,1,1000\nVCB,2,2000\n")
    target = os.path.join(work, "precious.txt")
    with open(target, "w") as f:
        f.write("keep me\n")
    for name, make, what in (("000002.png", os.mkfifo, "a FIFO"),
                             ("manifest.csv", os.mkfifo, "a FIFO"),
                             ("rejects.csv", os.mkfifo, "a FIFO"),
                             ("batch.json", os.mkfifo, "a FIFO"),
                             ("000001.png", lambda p: os.symlink(target, p),
                              "a symbolic link"),
                             ("000002.png", os.mkdir, "a directory")):
        out = os.path.join(work, "nr")
        shutil.rmtree(out, ignore_errors=True)
        os.mkdir(out)
        make(os.path.join(out, name))
        rc, _, err = run(tool, ["batch", src, "--out", out], timeout=60)
        c.check(rc == 3 and "%s/%s is %s, not a regular file" % (out, name, what) in err,
                "%s at %s: %d %r" % (what, name, rc, err))
    with open(target) as f:
        c.eq(f.read(), "keep me\n", "the link's target is untouched")


def check_small(c, tool, work):
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
    rc, _, _ = run(tool, ["batch", cs, "--out", out, "-q", "--allow-static"])
    man = read_csv(os.path.join(out, "manifest.csv"))
    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq(rc, 1, "csv syntax exit status")
    c.eq([m[0] for m in man[1:]], ["1", "3"], "csv rows kept")
    c.check(tlv("08", 'Hoc phi, "T9"') in man[1][2], "quoted comma and quotes")
    c.eq([(x[0], x[1], x[2], x[4]) for x in rej[1:]],
         [("2", "3", "Purpose", "VQR_ERR_INVALID_ARGUMENT"),
          ("4", "5", "Purpose", "VQR_ERR_TEXT_CONTROL"),
          ("5", "7", "", "VQR_ERR_INVALID_ARGUMENT")], "csv rejects")
    c.check("CSV syntax" in rej[1][5], "syntax message")
    c.check("the row has 4 cells and the header only 3" in rej[3][5], "extra cell message")

    # The progress bar goes to a terminal only.
    out = os.path.join(work, "progress")
    rc, _, err = run(tool, ["batch", cs, "--out", out, "--allow-static"])
    c.check("\r" not in err and "%" not in err and "5 rows: 2 written" in err,
            "no progress bar on a pipe: %r" % err)
    master, slave = pty.openpty()
    p = subprocess.Popen(command(tool, ["batch", cs, "--out", out, "--allow-static"]),
                         stdout=subprocess.PIPE, stderr=slave, env=sanitizer_env())
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

    # Names and cells from the input are shown escaped, on the terminal and
    # in rejects.csv: no escape sequence or bidi control gets through.
    ev = os.path.join(work, "evil.csv")
    with open(ev, "w", encoding="utf-8", newline="") as f:
        f.write("bank,account,amount,\x1b]0;owned\x07\x1b[2J,pur\u202epose\n"
                "VCB,0011001234567,1.500\u202e000,x,y\n")
    rc, _, err = run(tool, ["batch", ev, "--out", os.path.join(work, "evil"),
                            "--amount-format", "vi"])
    c.check("\x1b" not in err and "\u202e" not in err, "no raw escape or bidi on stderr: %r" % err)
    c.check("ignoring the column '\\x1b]0;owned\\x07\\x1b[2J'" in err and
            "unsafe character" in err, "unknown column shown escaped and marked: %r" % err)
    c.check("ignoring the column 'pur\\u202epose'" in err, "bidi in a name escaped: %r" % err)
    with open(os.path.join(work, "evil", "rejects.csv"), "rb") as f:
        raw = f.read().decode("utf-8")
    c.check("\u202e" not in raw and "1.500\\u202e000" in raw,
            "rejects.csv shows the cell escaped: %r" % raw)

    # Input-level problems and usage.
    nobank = os.path.join(work, "nobank.csv")
    with open(nobank, "w") as f:
        f.write("account,amount\n1,2\n")
    rc, _, err = run(tool, ["batch", nobank, "--out", os.path.join(work, "nb")])
    c.check(rc == 1 and "no 'bank' column" in err, "no bank column")
    twice = os.path.join(work, "twice.csv")
    with open(twice, "w") as f:
        f.write("bank,Bill,account,bill_number\nVCB,1,2,3\n")
    rc, _, err = run(tool, ["batch", twice, "--out", os.path.join(work, "tw")])
    c.check(rc == 1 and "the header names the same column twice: 'Bill' (column 2) and "
            "'bill_number' (column 4)" in err, "a column named twice: " + err)
    utf16 = os.path.join(work, "utf16.csv")
    with open(utf16, "wb") as f:
        f.write("bank,account\nVCB,1\n".encode("utf-16"))
    rc, _, err = run(tool, ["batch", utf16, "--out", os.path.join(work, "u16")])
    c.check(rc == 1 and "is UTF-16; save it as UTF-8" in err, "UTF-16 input: " + err)
    empty = os.path.join(work, "empty.csv")
    open(empty, "w").close()
    c.eq(run(tool, ["batch", empty, "--out", os.path.join(work, "e")])[0], 1, "empty CSV")
    c.eq(run(tool, ["batch", os.path.join(work, "missing.csv"), "--out", out])[0], 3,
         "missing input is an I/O error")
    c.eq(run(tool, ["batch", cs, "--out", cs])[0], 3, "--out on a file is an I/O error")
    rc, _, _ = run(tool, ["batch", "-", "--input-format", "csv", "--out",
                          os.path.join(work, "stdin"), "-q"],
                   stdin="bank,account,amount\nVCB,42,1000\n")
    c.eq(rc, 0, "CSV from standard input")
    c.check(os.path.exists(os.path.join(work, "stdin", "000001.png")), "stdin row drawn")
    for args in (["batch", cs], ["batch", "--out", out], ["batch", "x.txt", "--out", out],
                 ["batch", cs, "--out", out, "--invert"], ["batch", cs, "--out", out, "-j", "0"],
                 ["batch", cs, "--out", out, "--format", "term"], ["batch", "-", "--out", out],
                 ["batch", cs, "--out", out, "--amount-format", "us"]):
        rc, so, _ = run(tool, args)
        c.eq((rc, so), (2, ""), "usage error %r" % args[1:])
    rc, so, _ = run(tool, ["batch", "--help"])
    c.check(rc == 0 and so.startswith("Usage: vietqr batch") and "--amount-format" in so,
            "batch --help")


def check_bank_hints(c, tool, work):
    """An unknown or ambiguous bank: the reject says what the cell may mean
    (at most three candidates), as encode does."""
    src = os.path.join(work, "banks.csv")
    with open(src, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Bank", "account", "amount"])
        for bank in ("Vietcombnak", "CIBBVNVN", "zzzzzz", "Techcombank"):
            w.writerow([bank, "0011001234567", "150000"])
    out = os.path.join(work, "banks")
    rc, _, _ = run(tool, ["batch", src, "--out", out, "-q"])
    rej = read_csv(os.path.join(out, "rejects.csv"))
    c.eq((rc, rej[1:]), (1, [
        ["1", "2", "Bank", "103", "VQR_ERR_BANK_UNKNOWN",
         "column 'Bank' (38.01.00): no bank in the directory matches (VQR_ERR_BANK_UNKNOWN); "
         "did you mean Vietcombank (970436)?"],
        ["2", "3", "Bank", "104", "VQR_ERR_BANK_AMBIGUOUS",
         "column 'Bank' (38.01.00): several banks in the directory match "
         "(VQR_ERR_BANK_AMBIGUOUS); it names CIMB Bank (422589) and CIMBBank (970459): "
         "give the BIN"],
        ["3", "4", "Bank", "103", "VQR_ERR_BANK_UNKNOWN",
         "column 'Bank' (38.01.00): no bank in the directory matches (VQR_ERR_BANK_UNKNOWN)"],
    ]), "banks: did you mean, and the candidates of an ambiguous name")
    c.eq(len(read_csv(os.path.join(out, "manifest.csv"))), 2, "banks: the good row written")


def main():
    tool = sys.argv[1]
    c = Checker("cli-batch")
    if not shutil.which("zbarimg"):
        print("zbarimg (Debian zbar-tools) is required")
        sys.exit(1)
    with tempfile.TemporaryDirectory() as work:
        check_big(c, tool, work)
        check_malformed(c, tool, work)
        check_amounts(c, tool, work)
        check_bank_hints(c, tool, work)
        check_jsonl(c, tool, work)
        check_not_regular(c, tool, work)
        check_small(c, tool, work)
    c.done()


if __name__ == "__main__":
    main()
