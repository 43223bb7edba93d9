"""A school term generated for the reconciliation tests and benchmark:
issued fee references and a bank statement whose every transaction has a
status known by construction (not computed by a second matcher).

The references are made here from their definition (lib/ref.c): a prefix,
six digits, and the two check characters of ISO/IEC 7064 MOD 1271-36 (the
pure system with modulus 1271 and radix 36: the whole reference, read as a
base-36 number, is 1 modulo 1271; the pair is the check value's quotient
and remainder by 36, a value below 1271).
"""

import json
import os
import random

ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MODULUS = 1271


def check_value(body):
    """The check value (0-1270) of a prefix and six digits."""
    p = 0
    for ch in body + "00":
        p = (p * 36 + ALPHA.index(ch)) % MODULUS
    return (MODULUS + 1 - p) % MODULUS


def ref_make(prefix, seq):
    body = "%s%06d" % (prefix, seq)
    c = check_value(body)
    return body + ALPHA[c // 36] + ALPHA[c % 36]


def ref_valid(text):
    c = check_value(text[:-2])
    return ALPHA.index(text[-2]) * 36 + ALPHA.index(text[-1]) == c


def typo(rng, ref):
    """A single substitution or adjacent transposition: the kinds of typo
    the check characters always catch."""
    while True:
        t = list(ref)
        if rng.random() < 0.5:
            i = rng.randrange(len(t))
            t[i] = rng.choice([c for c in ALPHA if c != t[i]])
        else:
            i = rng.randrange(len(t) - 1)
            if t[i] == t[i + 1]:
                continue
            t[i], t[i + 1] = t[i + 1], t[i]
        out = "".join(t)
        assert not ref_valid(out)
        return out


NAMES = ["NGUYEN VAN AN", "TRAN THI BICH", "LE HOANG NAM", "PHAM MINH CHAU", "VO THANH TUNG",
         "DANG QUOC BAO", "BUI THU HA", "DO THI MAI", "HO VAN KHANH", "NGO BAO NGOC"]


# What banks put around a description (tests/data/bank_descriptions.json:
# the documented patterns with their source; '#' a digit, '{NAME}' a name).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                       "bank_descriptions.json"), encoding="utf-8") as _f:
    BANK = json.load(_f)


def _template(rng, t):
    out = []
    while t:
        if t.startswith("{NAME}"):
            out.append(rng.choice(NAMES))
            t = t[6:]
        else:
            out.append(str(rng.randrange(10)) if t[0] == "#" else t[0])
            t = t[1:]
    return "".join(out)


def bank_memo(rng, text):
    """What a bank makes of a payer's description: trace prefixes and
    suffixes, case, spaces removed or changed, truncated after the text."""
    memo = (_template(rng, rng.choice(BANK["prefixes"])["text"]) + text +
            _template(rng, rng.choice(BANK["suffixes"])["text"]))
    c = rng.randrange(4)
    if c == 1:
        memo = memo.upper()
    elif c == 2:
        memo = memo.lower()
    s = rng.randrange(4)
    if s == 1:
        memo = memo.replace(" ", "")
    elif s == 2:
        memo = memo.replace(" ", rng.choice(".-/_"))
    if rng.random() < 0.3 and len(memo) > 50:
        memo = memo[:max(len(memo) - rng.randrange(0, 30), memo.find(text) + len(text) + 1, 50)]
    return memo


def vnd(rng, amount):
    """An amount as a statement writes it."""
    f = rng.randrange(5)
    if f == 0:
        return "%d" % amount
    if f == 1:
        return "{:,}".format(amount).replace(",", ".")
    if f == 2:
        return "{:,}".format(amount)
    if f == 3:
        return "+{:,} VND".format(amount).replace(",", ".")
    return "{:,}.00".format(amount)


class Term:
    """issued: [(reference, amount, name, class)]; tx: [dict(id, date,
    amount, memo, status, reference)] in the statement's order (by date);
    owed: {reference: (amount, received)}."""

    def __init__(self, n_issued, n_tx, seed=2024, prefix="HS24"):
        rng = random.Random(seed)
        self.prefix = prefix
        self.issued = []
        for i in range(n_issued):
            amount = 1200000 + 50000 * rng.randrange(37)
            self.issued.append((ref_make(prefix, i + 1), amount, rng.choice(NAMES).title(),
                                "%d%s" % (rng.randrange(1, 6), "ABCD"[rng.randrange(4)])))
        received = {r[0]: 0 for r in self.issued}
        amount_of = {r[0]: r[1] for r in self.issued}
        students = list(range(n_issued))
        rng.shuffle(students)
        pos = 0

        def take(k):
            nonlocal pos
            out = students[pos:pos + k]
            pos += k
            return out

        plan = []
        n = max(n_tx, 200)
        # Kinds, with counts scaled to the statement's size.
        k_split = n // 12       # two parts: underpaid, then paid
        k_part = n // 25        # one part only: underpaid
        k_over = n // 50        # overpaid
        k_dup = n // 20         # paid, then paid again: duplicate
        k_multi = n // 60       # two students in one transfer
        k_unknown = n // 50     # a valid reference never issued
        k_typo = n // 25        # a mistyped reference
        k_interest = n // 100   # interest credits
        k_debit = n // 40       # fees and refunds
        fixed = 2 * k_split + k_part + k_over + 2 * k_dup + k_multi + k_unknown + k_typo + \
            k_interest + k_debit
        k_full = n_tx - fixed
        assert k_full >= 0 and k_full + k_split + k_part + k_over + k_dup + 2 * k_multi <= n_issued
        for s in take(k_full):
            plan.append([("pay", s, amount_of[self.issued[s][0]])])
        for s in take(k_split):
            a = amount_of[self.issued[s][0]]
            first = 50000 * rng.randrange(1, a // 50000)
            plan.append([("pay", s, first), ("pay", s, a - first)])
        for s in take(k_part):
            a = amount_of[self.issued[s][0]]
            plan.append([("pay", s, 50000 * rng.randrange(1, a // 50000))])
        for s in take(k_over):
            plan.append([("pay", s, amount_of[self.issued[s][0]] + 50000 * rng.randrange(1, 10))])
        for s in take(k_dup):
            a = amount_of[self.issued[s][0]]
            plan.append([("pay", s, a), ("pay", s, a)])
        for _ in range(k_multi):
            a, b = take(2)
            plan.append([("multi", (a, b),
                          amount_of[self.issued[a][0]] + amount_of[self.issued[b][0]])])
        for i in range(k_unknown):
            plan.append([("unknown", n_issued + 1000 + i, 1500000)])
        for _ in range(k_typo):
            s = rng.randrange(n_issued)
            plan.append([("typo", s, amount_of[self.issued[s][0]])])
        for _ in range(k_interest):
            plan.append([("interest", None, rng.randrange(1000, 50000))])
        for _ in range(k_debit):
            plan.append([("debit", None, -rng.randrange(10000, 2000000))])
        # Place each plan's steps in time: steps of one plan in order.
        slots = []
        for p in plan:
            t = rng.randrange(0, 30 * 86400 - len(p) * 3600)
            for k, step in enumerate(p):
                slots.append((t + k * 3600 + rng.randrange(0, 60), step))
        slots.sort(key=lambda x: x[0])
        self.tx = []
        for k, (t, (kind, who, amount)) in enumerate(slots):
            day, sec = divmod(t, 86400)
            date = "2024-09-%02d %02d:%02d:%02d" % (day + 1, sec // 3600, sec // 60 % 60, sec % 60)
            tid = "%d" % (100000 + k)
            reference = ""
            if kind == "pay":
                reference = self.issued[who][0]
                before = received[reference]
                received[reference] += amount
                a = amount_of[reference]
                if before >= a:
                    status = "duplicate"
                elif received[reference] == a:
                    status = "paid"
                else:
                    status = "underpaid" if received[reference] < a else "overpaid"
                text = "%s Hoc phi HK1 %s" % (self._write_ref(rng, reference),
                                              self.issued[who][2].upper())
            elif kind == "multi":
                r1, r2 = self.issued[who[0]][0], self.issued[who[1]][0]
                reference = "%s %s" % (r1, r2)
                status = "multiple_references"
                text = "%s va %s hoc phi" % (r1, r2)
            elif kind == "unknown":
                reference = ref_make(self.prefix, who)
                status = "unknown_reference"
                text = "%s hoc phi" % reference
            elif kind == "typo":
                status = "no_reference"
                text = "%s hoc phi" % typo(rng, self.issued[who][0])
            elif kind == "interest":
                status = "no_reference"
                text = "Lai tien gui thang 9"
            else:
                status = "debit"
                text = rng.choice(["Phi quan ly tai khoan", "Hoan tien hoc phi",
                                   "Chuyen tien mua sach"])
            self.tx.append({"id": tid, "date": date, "amount": amount,
                            "memo": bank_memo(rng, text), "status": status,
                            "reference": reference})
        self.owed = {r: (amount_of[r], received[r]) for r in received}
        self.rng = rng

    @staticmethod
    def _write_ref(rng, ref):
        k = rng.randrange(4)
        if k == 0:
            return "%s %s %s" % (ref[:-7], ref[-7:-1], ref[-1])
        if k == 1:
            return "%s-%s" % (ref[:-7], ref[-7:])
        return ref

    def issued_csv(self):
        lines = ["reference,amount,name,class"]
        for r, a, name, cls in self.issued:
            lines.append('%s,%d,%s,%s' % (r, a, name, cls))
        return "\n".join(lines) + "\n"

    def statement_csv(self, split=False, rng=None):
        """A Vietnamese bank's export: a preamble, semicolons, Vietnamese
        headers, amounts as banks write them; with `split`, credit and debit
        columns."""
        rng = rng or random.Random(7)
        out = ["Sao kê tài khoản;0011004123456", "Từ ngày;01/09/2024;đến ngày;30/09/2024", ""]
        if split:
            out.append("Ngày giao dịch;Số tham chiếu;Ghi nợ;Ghi có;Số dư;Nội dung")
        else:
            out.append("Ngày giao dịch;Mã giao dịch;Số tiền;Diễn giải")
        bal = 0
        for t in self.tx:
            d = t["date"]
            date = "%s/%s/%s %s" % (d[8:10], d[5:7], d[0:4], d[11:])
            memo = '"%s"' % t["memo"].replace('"', '""')
            bal += t["amount"]
            if split:
                cr = vnd(rng, t["amount"]) if t["amount"] >= 0 else ""
                dr = vnd(rng, -t["amount"]) if t["amount"] < 0 else ""
                out.append("%s;%s;%s;%s;%s;%s" % (date, t["id"], dr, cr, bal, memo))
            else:
                amt = (vnd(rng, t["amount"]) if t["amount"] >= 0
                       else "-" + "{:,}".format(-t["amount"]).replace(",", "."))
                out.append("%s;%s;%s;%s" % (date, t["id"], '"%s"' % amt, memo))
        out.append(";;;Tổng cộng" if not split else ";;;;%d;Tổng cộng" % bal)
        return "\n".join(out) + "\n"
