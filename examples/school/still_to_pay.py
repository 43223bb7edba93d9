#!/usr/bin/env python3
"""The bursar's list after `vietqr reconcile`: the families still to pay,
and the transfers a person must look at.

usage: still_to_pay.py RESULT_DIR STATEMENT.csv

RESULT_DIR is the --out directory of `vietqr reconcile` run with
--carry student,class,parent: unpaid.csv names each student, and
matches.csv says which transfers could not be matched on their own (two
references in one transfer, a reference never issued, credits without a
valid reference). Their descriptions are taken from the statement.
"""

import csv
import os
import sys


def vnd(n):
    return "{:,}".format(int(n)).replace(",", ".") + " đ"


def statement_descriptions(path):
    """Transaction ID -> description, from the bank's export (found by the
    header row, as vietqr reconcile finds it)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    for i, r in enumerate(rows):
        if "Số tham chiếu" in r and "Mô tả" in r:
            idc, memo = r.index("Số tham chiếu"), r.index("Mô tả")
            return {x[idc]: x[memo] for x in rows[i + 1:] if len(x) > memo and x[idc]}
    return {}


def main():
    out, statement = sys.argv[1], sys.argv[2]
    with open(os.path.join(out, "unpaid.csv"), newline="", encoding="utf-8") as f:
        unpaid = list(csv.DictReader(f))
    with open(os.path.join(out, "matches.csv"), newline="", encoding="utf-8") as f:
        matches = list(csv.DictReader(f))
    memo = statement_descriptions(statement)

    total = sum(int(u["outstanding"]) for u in unpaid)
    print("Still to pay: %d students, %s outstanding" % (len(unpaid), vnd(total)))
    print("%-5s %-18s %-16s %-13s %12s %12s" % ("Class", "Student", "Parent", "Reference",
                                               "Paid", "Outstanding"))
    for u in sorted(unpaid, key=lambda u: (u["class"], u["student"])):
        print("%-5s %-18s %-16s %-13s %12s %12s" % (u["class"], u["student"], u["parent"],
                                                   u["reference"], vnd(u["paid_amount"]),
                                                   vnd(u["outstanding"])))
    check = [m for m in matches
             if m["status"] in ("multiple_references", "unknown_reference", "no_reference")]
    print()
    print("Transfers to look at (%d):" % len(check))
    for m in check:
        print("  %s  %12s  %-19s %s" % (m["transaction_id"], vnd(m["paid_amount"]), m["status"],
                                        memo.get(m["transaction_id"], "")[:60]))
    extra = [m for m in matches if m["status"] in ("duplicate", "overpaid")]
    print()
    print("Paid twice or too much, to refund or carry over (%d):" % len(extra))
    for m in extra:
        print("  %s  %s  %-9s paid %s, %s more than the fee" % (
            m["transaction_id"], m["reference"], m["status"], vnd(m["paid_amount"]),
            vnd(m["difference"])))


if __name__ == "__main__":
    main()
