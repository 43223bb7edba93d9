#!/usr/bin/env python3
"""`vietqr reconcile` on a generated school term: 2,000 issued fee
references and a statement of 2,500 transactions (payments in full, in two
parts, partial, over, twice, two students in one transfer, references
never issued, mistyped references, interest, debits) whose statuses are
known by construction. matches.csv has one line per transaction and every
status is right; summary.json adds up to the statement's total; unpaid.csv
lists exactly the references not paid in full. The same term as a CSV with
credit and debit columns, and as SePay and Casso JSON Lines (with webhook
deliveries repeated), gives the same results; a rerun with only the first
part of the statement gives the earlier transactions the same statuses.
Then every kind of bad input: a clear message, exit 1 (or 2, 3), nothing
written.

Usage: test_reconcile.py PATH/TO/vietqr
"""

import csv
import io
import json
import os
import shutil
import sys
import tempfile

from clitest import Checker, run
from recon_term import Term, ref_make

STATUSES = ["paid", "underpaid", "overpaid", "duplicate", "multiple_references",
            "unknown_reference", "no_reference", "debit"]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def reconcile(tool, work, issued, tx, out, extra=()):
    return run(tool, ["reconcile", "--issued", issued, "--transactions", tx, "--out", out]
               + list(extra), cwd=work)


def check_term(c, name, term, out, sub=None):
    """matches.csv, unpaid.csv and summary.json of `out` against the term
    (or its first `sub` transactions)."""
    txs = term.tx if sub is None else term.tx[:sub]
    rows = read_csv(os.path.join(out, "matches.csv"))
    c.eq(rows[0], ["transaction_id", "reference", "status", "issued_amount", "paid_amount",
                   "difference"], name + ": matches.csv header")
    body = rows[1:]
    c.eq(len(body), len(txs), name + ": one line per transaction")
    c.eq([r[0] for r in body], [t["id"] for t in txs], name + ": in order of date then ID")
    got = {r[0]: r for r in body}
    wrong = [(t["id"], t["status"], got.get(t["id"], ["", "", "missing"])[2]) for t in txs
             if got.get(t["id"], ["", "", ""])[2] != t["status"]]
    c.eq(wrong[:5], [], name + ": every status right (%d transactions)" % len(txs))
    refs_wrong = [t["id"] for t in txs
                  if t["status"] != "no_reference" and t["status"] != "debit"
                  and got[t["id"]][1] != t["reference"]]
    c.eq(refs_wrong[:5], [], name + ": the reference column")
    amounts_wrong = [t["id"] for t in txs if int(got[t["id"]][4]) != t["amount"]]
    c.eq(amounts_wrong[:5], [], name + ": paid_amount is the transaction's amount")
    # difference and issued_amount, from a running total per reference
    owed = {r: a for r, a, _, _ in term.issued}
    recv = {r: 0 for r in owed}
    bad = []
    for t in txs:
        r = got[t["id"]]
        if t["status"] in ("paid", "underpaid", "overpaid", "duplicate"):
            recv[t["reference"]] += t["amount"]
            if r[3] != str(owed[t["reference"]]) or \
                    r[5] != str(recv[t["reference"]] - owed[t["reference"]]):
                bad.append(t["id"])
        elif r[3] != "" or r[5] != "":
            bad.append(t["id"])
    c.eq(bad[:5], [], name + ": issued_amount and difference")

    s = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
    total = sum(t["amount"] for t in txs)
    c.eq(s["transactions"], {"count": len(txs), "amount": total}, name + ": statement total")
    c.eq(sum(v["amount"] for v in s["statuses"].values()), total,
         name + ": the statuses add up to the statement's total")
    c.eq(sum(v["count"] for v in s["statuses"].values()), len(txs),
         name + ": the statuses count every transaction")
    for st in STATUSES:
        want = [t for t in txs if t["status"] == st]
        c.eq(s["statuses"][st], {"count": len(want), "amount": sum(t["amount"] for t in want)},
             name + ": summary of " + st)
    c.eq(s["credits"]["amount"] + s["debits"]["amount"], total, name + ": credits + debits")

    unpaid = read_csv(os.path.join(out, "unpaid.csv"))
    c.eq(unpaid[0][:4], ["reference", "issued_amount", "paid_amount", "outstanding"],
         name + ": unpaid.csv header")
    want = {r: (a, recv[r], a - recv[r]) for r, a in owed.items() if recv[r] < a}
    got_u = {u[0]: (int(u[1]), int(u[2]), int(u[3])) for u in unpaid[1:]}
    c.eq(len(unpaid) - 1, len(got_u), name + ": each unpaid reference once")
    c.check(got_u == want, name + ": unpaid.csv lists exactly the %d references not paid in "
            "full (got %d)" % (len(want), len(got_u)))
    c.eq(s["unpaid"]["count"], len(want), name + ": summary unpaid count")
    c.eq(s["unpaid"]["outstanding"], sum(v[2] for v in want.values()),
         name + ": summary outstanding")
    c.eq(s["issued"]["count"], len(term.issued), name + ": summary issued")
    c.eq(s["paid_in_full"]["count"] + s["unpaid"]["count"], len(term.issued),
         name + ": paid in full + unpaid = issued")
    return got


def sepay(t):
    return {"id": int(t["id"]), "gateway": "Vietcombank", "transactionDate": t["date"],
            "accountNumber": "0011004123456", "code": None, "content": t["memo"],
            "transferType": "in" if t["amount"] >= 0 else "out",
            "transferAmount": abs(t["amount"]), "accumulated": 0, "subAccount": None,
            "referenceCode": "FT%s" % t["id"], "description": "BankAPINotify " + t["memo"]}


def casso(t):
    return {"id": int(t["id"]), "tid": "FT%s" % t["id"], "description": t["memo"],
            "amount": t["amount"], "cusum_balance": 0, "when": t["date"],
            "bank_sub_acc_id": "0011004123456", "subAccId": "0011004123456"}


# Under valgrind (VQR_TEST_WRAPPER) a smaller term keeps the run short; the
# checks are the same.
SIZE = (400, 400) if os.environ.get("VQR_TEST_WRAPPER") else (2000, 2500)


def main():
    tool = os.path.abspath(sys.argv[1])
    c = Checker("cli-reconcile")
    work = tempfile.mkdtemp(prefix="vqr-reconcile-")
    try:
        term = Term(*SIZE)
        issued = os.path.join(work, "issued.csv")
        with open(issued, "w", encoding="utf-8") as f:
            f.write(term.issued_csv())

        # 1. A Vietnamese bank's CSV export.
        st_csv = os.path.join(work, "statement.csv")
        with open(st_csv, "w", encoding="utf-8-sig") as f:
            f.write(term.statement_csv())
        out = os.path.join(work, "out")
        code, so, se = reconcile(tool, work, issued, st_csv, out, ["--carry", "name,class"])
        c.eq(code, 0, "statement.csv: exit 0 (%s)" % se.strip())
        c.check("%d transactions" % SIZE[1] in so, "a summary on stdout: %r" % so[:80])
        c.check("1 row without a date" in se, "the total row is skipped, and said: %r" % se)
        got = check_term(c, "csv", term, out)
        unpaid = read_csv(os.path.join(out, "unpaid.csv"))
        c.eq(unpaid[0][4:], ["name", "class"], "--carry: the columns named")
        names = {r: (n, k) for r, _, n, k in term.issued}
        c.check(all((u[4], u[5]) == names[u[0]] for u in unpaid[1:]),
                "--carry: each unpaid row carries its name and class")

        # 2. Credit and debit columns, --map naming them.
        st2 = os.path.join(work, "statement2.csv")
        with open(st2, "w", encoding="utf-8") as f:
            f.write(term.statement_csv(split=True))
        out2 = os.path.join(work, "out2")
        code, so, se = reconcile(tool, work, issued, st2, out2,
                                 ["--map", "credit=Ghi có,debit=GHI NO,memo=noi dung"])
        c.eq(code, 0, "credit/debit statement: exit 0 (%s)" % se.strip())
        check_term(c, "credit/debit", term, out2)

        # 3. SePay webhook events, each delivered twice, in arrival order.
        jl = os.path.join(work, "sepay.jsonl")
        with open(jl, "w", encoding="utf-8") as f:
            for t in term.tx:
                line = json.dumps(sepay(t), ensure_ascii=False)
                f.write(line + "\n")
                if int(t["id"]) % 7 == 0:
                    f.write(line + "\n")
        out3 = os.path.join(work, "out3")
        code, so, se = reconcile(tool, work, issued, jl, out3)
        c.eq(code, 0, "SePay events: exit 0 (%s)" % se.strip())
        check_term(c, "sepay", term, out3)
        s = json.load(open(os.path.join(out3, "summary.json")))
        c.eq(s["repeated_events"], sum(1 for t in term.tx if int(t["id"]) % 7 == 0),
             "sepay: repeated deliveries counted once")

        # 4. Casso webhook bodies of 50 transactions each, shuffled.
        jl = os.path.join(work, "casso.json")
        bodies = [term.tx[i:i + 50] for i in range(0, len(term.tx), 50)]
        term.rng.shuffle(bodies)
        with open(jl, "w", encoding="utf-8") as f:
            for b in bodies:
                f.write(json.dumps({"error": 0, "data": [casso(t) for t in b]}) + "\n")
        out4 = os.path.join(work, "out4")
        code, so, se = reconcile(tool, work, issued, jl, out4, ["--format", "jsonl"])
        c.eq(code, 0, "Casso bodies: exit 0 (%s)" % se.strip())
        check_term(c, "casso", term, out4)

        # 5. The first 60% of the transactions only, then all: the same
        #    statuses for those (deterministic, order by date then ID).
        cut = len(term.tx) * 3 // 5
        part = Term(*SIZE)
        part.tx = term.tx[:cut]
        st_part = os.path.join(work, "part.csv")
        with open(st_part, "w", encoding="utf-8") as f:
            f.write(part.statement_csv())
        out5 = os.path.join(work, "out5")
        code, so, se = reconcile(tool, work, issued, st_part, out5)
        c.eq(code, 0, "first part: exit 0")
        first = check_term(c, "first part", term, out5, sub=cut)
        c.eq([first[t["id"]][2] for t in term.tx[:cut]],
             [got[t["id"]][2] for t in term.tx[:cut]],
             "rerun with more transactions: the earlier ones keep their status")

        # 6. Ties: the same second, IDs as numbers ("99" before "100").
        a = term.issued[0]
        tie = os.path.join(work, "tie.csv")
        with open(tie, "w", encoding="utf-8") as f:
            f.write("id,date,amount,memo\n100,2024-10-01 10:00:00,%d,%s\n"
                    "99,2024-10-01 10:00:00,%d,%s\n" % (a[1], a[0], a[1], a[0]))
        out6 = os.path.join(work, "out6")
        code, so, se = reconcile(tool, work, issued, tie, out6)
        rows = read_csv(os.path.join(out6, "matches.csv"))
        c.eq([r[:3] for r in rows[1:]], [["99", a[0], "paid"], ["100", a[0], "duplicate"]],
             "same date: ID 99 before 100")

        bad_inputs(c, tool, work, issued, term)
    finally:
        shutil.rmtree(work)
    c.done()


def bad_inputs(c, tool, work, issued, term):
    """Each problem: its message names the file, row and value; the exit
    status says what kind; DIR is not created or touched."""
    a, b = term.issued[0], term.issued[1]

    def attempt(name, issued_text, tx_text, want_code, want_msg, extra=(), tx_name="tx.csv"):
        d = tempfile.mkdtemp(dir=work)
        ip = os.path.join(d, "issued.csv")
        tp = os.path.join(d, tx_name)
        if issued_text is not None:
            with open(ip, "w", encoding="utf-8") as f:
                f.write(issued_text)
        if tx_text is not None:
            with open(tp, "w", encoding="utf-8") as f:
                f.write(tx_text)
        out = os.path.join(d, "out")
        code, so, se = reconcile(tool, d, ip, tp, out, extra)
        c.eq(code, want_code, name + ": exit status (%s)" % se.strip())
        c.check(want_msg in se, name + ": message %r in %r" % (want_msg, se.strip()))
        c.check(not os.path.exists(out), name + ": nothing written")

    good_issued = "reference,amount\n%s,%d\n%s,%d\n" % (a[0], a[1], b[0], b[1])
    good_tx = "id,date,amount,memo\n1,2024-09-01,%d,%s\n" % (a[1], a[0])
    mistyped = a[0][:-1] + ("0" if a[0][-1] != "0" else "1")
    attempt("issued: check character", "reference,amount\n%s,5\n" % mistyped, good_tx, 1,
            "row 2: reference '%s'" % mistyped)
    attempt("issued: twice", "reference,amount\n%s,5\n%s,6\n" % (a[0], a[0]), good_tx, 1,
            "row 3: reference %s was issued already, at row 2" % a[0])
    attempt("issued: no amount column", "reference,price\n%s,5\n" % a[0], good_tx, 1,
            "no 'amount' column")
    attempt("issued: zero amount", "reference,amount\n%s,0\n" % a[0], good_tx, 1,
            "must be above zero")
    attempt("issued: amount with decimals", "reference,amount\n%s,\"1,5\"\n" % a[0], good_tx, 1,
            "row 2: amount '1,5'")
    attempt("issued: --carry a missing column", good_issued, good_tx, 1,
            "--carry names 'class'", ["--carry", "class"])
    attempt("issued: prefix conflict",
            "reference,amount\n%s,5\n%s,6\n" % (ref_make("HS2", 1), ref_make("HS24", 1)),
            good_tx, 1, "VQR_ERR_REF_PREFIX_CONFLICT")
    attempt("tx: bad amount", good_issued, "id,date,amount,memo\n1,2024-09-01,1.5,x\n", 1,
            "row 2: amount '1.5'")
    attempt("tx: bad date", good_issued, "id,date,amount,memo\n1,2024-02-30,5,x\n", 1,
            "row 2: date '2024-02-30'")
    attempt("tx: the same ID, other content", good_issued,
            "id,date,amount,memo\n7,2024-09-01,5,x\n7,2024-09-01,6,x\n", 1,
            "row 3: transaction ID '7' is also at row 2")
    attempt("tx: no header", good_issued, "a,b\n1,2\n", 1, "no header")
    attempt("tx: --map names a missing column", good_issued, good_tx, 1, "no header",
            ["--map", "memo=Nội dung"])
    attempt("tx: unclosed quote", good_issued, 'id,date,amount,memo\n1,2024-09-01,5,"x\n', 1,
            "quoted field is not closed")
    attempt("tx: more fields than the header", good_issued,
            "id,date,amount,memo\n1,2024-09-01,5,x,y\n", 1, "row 2 has 5 fields")
    attempt("jsonl: not an event", good_issued, '{"hello": 1}\n', 1,
            "line 1: neither a SePay event", tx_name="tx.jsonl")
    attempt("jsonl: bad JSON", good_issued, '{"id": 1,\n', 1, "line 1, column",
            tx_name="tx.jsonl")
    attempt("jsonl: transferType", good_issued,
            '{"id":1,"transactionDate":"2024-09-01","content":"x","transferType":"sideways",'
            '"transferAmount":5}\n', 1, "transferType", tx_name="tx.jsonl")
    attempt("jsonl: Casso entry", good_issued,
            '{"error":0,"data":[{"id":1,"when":"2024-09-01","amount":5,"description":"x"},'
            '{"id":2,"when":"yesterday","amount":5,"description":"x"}]}\n', 1,
            "line 1, entry 2: date 'yesterday'", tx_name="tx.jsonl")
    attempt("usage: --map key", good_issued, good_tx, 2, "unknown key 'when'",
            ["--map", "when=Ngày"])
    attempt("usage: --format", good_issued, good_tx, 2, "--format takes csv or jsonl",
            ["--format", "xml"])
    attempt("usage: --prefix", good_issued, good_tx, 2, "--prefix '2X'", ["--prefix", "2X"])
    attempt("io: no such issued file", None, good_tx, 3, "cannot open")
    # --out missing: the attempt helper always passes --out; run without it.
    code, so, se = run(tool, ["reconcile", "--issued", "x", "--transactions", "y"])
    c.eq(code, 2, "usage: --out missing")
    c.check("are required" in se, "usage: --out missing: message")
    code, so, se = run(tool, ["reconcile", "--help"])
    c.eq(code, 0, "--help")
    c.check("matches.csv" in so and "unpaid.csv" in so, "--help describes the outputs")
    # --prefix makes unknown references of another prefix count.
    d = tempfile.mkdtemp(dir=work)
    ip = os.path.join(d, "issued.csv")
    with open(ip, "w") as f:
        f.write(good_issued)
    tp = os.path.join(d, "tx.csv")
    with open(tp, "w") as f:
        f.write("id,date,amount,memo\n1,2024-09-01,5,%s\n" % ref_make("BV", 3))
    code, so, se = reconcile(tool, d, ip, tp, os.path.join(d, "o1"))
    c.eq(read_csv(os.path.join(d, "o1", "matches.csv"))[1][2], "no_reference",
         "another prefix: no_reference")
    code, so, se = reconcile(tool, d, ip, tp, os.path.join(d, "o2"), ["--prefix", "BV"])
    c.eq(read_csv(os.path.join(d, "o2", "matches.csv"))[1][1:3],
         [ref_make("BV", 3), "unknown_reference"], "--prefix BV: unknown_reference")


if __name__ == "__main__":
    main()
