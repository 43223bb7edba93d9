#!/usr/bin/env python3
"""`vietqr batch --reference-prefix` and `--carry`: every row gets a
payment reference (the prefix and its row number, or its own 'reference'
cell, checked), written in 62.01 and at the start of 62.08 before the
folded purpose; a purpose that does not fit beside it is rejected with the
number of characters that remain; manifest.csv gains 'reference' and
'amount' and the carried columns; `vietqr reconcile` takes that manifest
as it is. Then the faults: bad prefix, a bill column, bad, foreign and
repeated references, a carried column the input lacks.

Usage: test_batch_reference.py PATH/TO/vietqr
"""

import csv
import os
import shutil
import sys
import tempfile
import unicodedata

from clitest import Checker, crc_ok, run, tlv
from recon_term import ref_make, typo
import random

# 300 rows (60 under valgrind) of a class list.
ROWS = 60 if os.environ.get("VQR_TEST_WRAPPER") else 300
NAMES = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam", "Phạm Minh Châu", "Đặng Quốc Bảo"]
PURPOSES = ["Học phí HK1", "", "Tiền ăn T9", "Hoc phi", "BHYT lớp 5"]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fold(text):
    """Vietnamese letters to their ASCII base letters, as ans fields hold them."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch))


def objects(payload):
    root = {i: v for i, v, _ in tlv(payload)}
    return root, {i: v for i, v, _ in tlv(root.get("62", ""))}


def main():
    tool = os.path.abspath(sys.argv[1])
    c = Checker("cli-batch-reference")
    work = tempfile.mkdtemp(prefix="vqr-batchref-")
    try:
        rows = []
        for r in range(1, ROWS + 1):
            rows.append({"student": NAMES[r % 5] + " %d" % r, "class": "%dA" % (1 + r % 5),
                         "bank": "Vietcombank", "account": "0071000123456",
                         "amount": str(1200000 + 50000 * (r % 7)), "purpose": PURPOSES[r % 5]})
        rows[9]["purpose"] = "Học phí học kỳ 1 lớp 5B năm học 2024"   # row 10: too long
        rows[10]["purpose"] = "Học phí HK1A"   # row 11: 12 characters, exactly the room left
        src = os.path.join(work, "class.csv")
        with open(src, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        out = os.path.join(work, "term")
        code, so, se = run(tool, ["batch", src, "--out", out, "--reference-prefix", "hs24",
                                  "--carry", "student,class", "-q"])
        c.eq(code, 1, "one row rejected: exit 1 (%s)" % se.strip())
        man = read_csv(os.path.join(out, "manifest.csv"))
        c.eq(list(man[0].keys()), ["row", "file", "payload", "crc", "sha256", "reference",
                                   "amount", "student", "class"], "manifest columns")
        c.eq(len(man), ROWS - 1, "every other row in the manifest")
        bad = []
        for m in man:
            r = int(m["row"])
            want = ref_make("HS24", r)
            root, add = objects(m["payload"])
            purpose = fold(rows[r - 1]["purpose"])
            ok = (m["reference"] == want and add.get("01") == want and
                  add.get("08") == (want + " " + purpose if purpose else want) and
                  "05" not in add and root.get("54") == rows[r - 1]["amount"] and
                  m["amount"] == rows[r - 1]["amount"] and crc_ok(m["payload"]) and
                  m["student"] == rows[r - 1]["student"] and m["class"] == rows[r - 1]["class"])
            if not ok:
                bad.append(r)
        c.eq(bad[:5], [], "each row: its reference in 62.01 and before the purpose in 62.08, "
             "the amount, the carried cells")
        rej = read_csv(os.path.join(out, "rejects.csv"))
        c.eq([(x["row"], x["column"], x["name"]) for x in rej], [("10", "purpose",
                                                                 "VQR_ERR_LENGTH")],
             "the long purpose is rejected")
        long_folded = fold(rows[9]["purpose"])
        c.check(("is %d characters long once folded" % len(long_folded)) in rej[0]["message"]
                and ("beside the reference %s (12 characters and a space) 12 remain"
                     % ref_make("HS24", 10)) in rej[0]["message"],
                "how many characters remain: %r"
                % rej[0]["message"])

        # A rerun gives the same manifest (deterministic from row and prefix).
        before = open(os.path.join(out, "manifest.csv"), encoding="utf-8").read()
        code, so, se = run(tool, ["batch", src, "--out", out, "--reference-prefix", "HS24",
                                  "--carry", "student,class", "-q"])
        c.eq(open(os.path.join(out, "manifest.csv"), encoding="utf-8").read(), before,
             "rerun: the same manifest")

        # The manifest is what reconcile reads.
        st = os.path.join(work, "statement.csv")
        with open(st, "w", encoding="utf-8") as f:
            f.write("id,date,amount,memo\n")
            for k, m in enumerate(man):
                f.write("%d,2024-09-%02d,%s,IBFT %s\n" % (k + 1, 1 + k % 28, m["amount"],
                                                          m["reference"].lower()))
        code, so, se = run(tool, ["reconcile", "--issued", os.path.join(out, "manifest.csv"),
                                  "--transactions", st, "--out", os.path.join(work, "rec"),
                                  "--carry", "student"])
        c.eq(code, 0, "reconcile of the manifest (%s)" % se.strip())
        res = read_csv(os.path.join(work, "rec", "matches.csv"))
        c.eq(sorted(set(r["status"] for r in res)), ["paid"], "every fee paid")
        c.eq(len(read_csv(os.path.join(work, "rec", "unpaid.csv"))), 0, "nobody left to pay")

        faults(c, tool, work)
    finally:
        shutil.rmtree(work)
    c.done()


def faults(c, tool, work):
    rng = random.Random(3)
    good = ref_make("HP24", 777)
    rows = [
        ("1", good.lower(), "", "Vien phi"),                  # given, lower case: fine
        ("2", "", "", ""),                                    # generated: row 2
        ("3", typo(rng, ref_make("HP24", 5)), "", ""),        # bad check characters
        ("4", ref_make("HP25", 9), "", ""),                   # another prefix
        ("5", good, "", ""),                                  # row 1's
        ("6", "", "B-6", ""),                                 # a bill with the reference
        ("7", "HP24 000001", "", ""),                         # not a reference
    ]
    src = os.path.join(work, "faults.csv")
    with open(src, "w", encoding="utf-8") as f:
        f.write("bank,account,amount,reference,bill,purpose\n")
        for _, ref, bill, purpose in rows:
            f.write("970436,0071000123456,500000,%s,%s,%s\n" % (ref, bill, purpose))
    out = os.path.join(work, "faults")
    code, so, se = run(tool, ["batch", src, "--out", out, "--reference-prefix", "HP24", "-q"])
    c.eq(code, 1, "faults: exit 1")
    man = read_csv(os.path.join(out, "manifest.csv"))
    c.eq([(m["row"], m["reference"]) for m in man], [("1", good), ("2", ref_make("HP24", 2))],
         "a given reference (upper-cased) and a generated one")
    rej = {r["row"]: r for r in read_csv(os.path.join(out, "rejects.csv"))}
    want = {"3": ("reference", "VQR_ERR_REF_CHECK"), "4": ("reference", "VQR_ERR_REF_PREFIX"),
            "5": ("reference", "VQR_ERR_REF_DUPLICATE"), "6": ("bill", "VQR_ERR_INVALID_ARGUMENT"),
            "7": ("reference", "VQR_ERR_REF_FORMAT")}
    c.eq({k: (v["column"], v["name"]) for k, v in rej.items()}, want, "each fault named")
    c.check("already row 1's" in rej["5"]["message"], "duplicate names row 1")
    c.check("does not have the prefix HP24" in rej["4"]["message"], "foreign prefix said")

    code, so, se = run(tool, ["batch", src, "--out", out + "2", "--reference-prefix", "2024"])
    c.eq(code, 2, "a prefix starting with a digit: usage error")
    c.check("--reference-prefix '2024'" in se, "the option named: %r" % se)
    code, so, se = run(tool, ["batch", src, "--out", out + "3", "--carry", "parent"])
    c.eq(code, 1, "--carry a column the input lacks")
    c.check("no column 'parent'" in se, "the column named: %r" % se)
    # Without --reference-prefix the reference column is still 62.05.
    plain = os.path.join(work, "plain.csv")
    with open(plain, "w", encoding="utf-8") as f:
        f.write("bank,account,amount,reference\n970436,0071000123456,500000,ABC\n")
    code, so, se = run(tool, ["batch", plain, "--out", out + "4", "-q"])
    m = read_csv(os.path.join(out + "4", "manifest.csv"))
    c.eq(objects(m[0]["payload"])[1].get("05"), "ABC", "no prefix: reference is 62.05")
    c.eq(list(m[0].keys()), ["row", "file", "payload", "crc", "sha256"], "no extra columns")


if __name__ == "__main__":
    main()
