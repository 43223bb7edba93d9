#!/usr/bin/env python3
"""The school's bank statement for September, as its bank exports it: a
stand-in for the file the bursar downloads from internet banking.

usage: simulate_statement.py MANIFEST.csv STATEMENT.csv

It reads the fee notices that `vietqr batch --reference-prefix` made
(manifest.csv: row, reference, amount, student, class, parent) and writes
what the parents' transfers look like once their banks have rewritten the
descriptions: trace numbers before and after, upper or lower case, spaces
removed, names run together, the text cut short. Most families pay in
full; a few pay in two parts, twice, too much, with a mistyped reference,
or for two children in one transfer; some have not paid yet. The bank adds
interest and charges a fee. The same input always gives the same file.
"""

import csv
import random
import sys
import unicodedata


def ascii_upper(text):
    """What a bank's system keeps of a Vietnamese name: no diacritics, upper case."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.upper()


def vnd(n):
    return "{:,}".format(n).replace(",", ".")


def main():
    manifest, out = sys.argv[1], sys.argv[2]
    with open(manifest, newline="", encoding="utf-8") as f:
        rows = {int(r["row"]): r for r in csv.DictReader(f)}
    rng = random.Random(9)
    plan = []  # (day, credit, debit, description)

    def transfer(day, amount, text, payer):
        style = rng.randrange(5)
        if style == 0:
            memo = "MBVCB.%d.%s.CT tu 00%d %s toi 0071000123456 TRUONG TH DOAN THI DIEM" % (
                rng.randrange(10**9, 10**10), text, rng.randrange(10**10, 10**11), payer)
        elif style == 1:
            memo = "IBFT %s" % text.lower()
        elif style == 2:
            memo = ("%s %s FT24%09d" % (text, payer, rng.randrange(10**9))).replace(" ", "")
        elif style == 3:
            memo = "REM Tfr Ac: %d %s %s" % (rng.randrange(10**8, 10**9), text, payer)
        else:
            memo = "%s-%s" % (text.replace(" ", "-"), payer)
        plan.append((day, amount, 0, memo[:120]))

    def notice(r):
        return rows[r]["reference"], int(rows[r]["amount"]), ascii_upper(rows[r]["parent"])

    two_children = (6, 26)      # one parent, one transfer for both: left for a person
    in_two_parts = 3            # 600.000 then 600.000
    partly = 13                 # 700.000 of 1.200.000
    twice = 9                   # the same fee paid twice
    too_much = 33               # 1.600.000 for 1.500.000
    mistyped = 18               # its last two digits swapped
    not_yet = (15, 21, 30, 38, 40)

    for r in sorted(rows):
        if r in two_children or r in not_yet:
            continue
        ref, amount, payer = notice(r)
        day = 3 + rng.randrange(20)
        if r == in_two_parts:
            transfer(day, 600000, "%s Hoc phi T9 dot 1" % ref, payer)
            transfer(day + 5, amount - 600000, "%s Hoc phi T9 dot 2" % ref, payer)
        elif r == partly:
            transfer(day, 700000, "%s Hoc phi T9" % ref, payer)
        elif r == twice:
            transfer(day, amount, "%s Hoc phi T9" % ref, payer)
            transfer(day + 2, amount, "%s Hoc phi T9" % ref, payer)
        elif r == too_much:
            transfer(day, 1600000, "%s Hoc phi T9" % ref, payer)
        elif r == mistyped:
            typed = ref[:-4] + ref[-3] + ref[-4] + ref[-2:]
            transfer(day, amount, "%s Hoc phi T9" % typed, payer)
        else:
            transfer(day, amount, "%s Hoc phi T9" % ref, payer)
    (a, fa, payer), (b, fb, _) = notice(two_children[0]), notice(two_children[1])
    transfer(11, fa + fb, "%s %s Hoc phi T9 hai chau" % (a, b), payer)
    plan.append((30, 12345, 0, "Lai tien gui thang 09/2024"))
    plan.append((30, 0, 11000, "Phi SMS Banking thang 09/2024"))
    plan.append((25, 0, 2800000, "Chuyen tien mua sach giao khoa lop 1"))

    plan.sort(key=lambda p: (p[0], p[3]))
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        f.write("NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM\n")
        f.write("SAO KÊ TÀI KHOẢN;0071000123456;TRƯỜNG TIỂU HỌC ĐOÀN THỊ ĐIỂM\n")
        f.write("Từ ngày;01/09/2024;Đến ngày;30/09/2024\n\n")
        f.write("STT;Ngày giao dịch;Số tham chiếu;Số tiền ghi nợ;Số tiền ghi có;Số dư;Mô tả\n")
        balance = 0
        total_in = total_out = 0
        for k, (day, credit, debit, memo) in enumerate(plan, start=1):
            balance += credit - debit
            total_in += credit
            total_out += debit
            f.write('%d;%02d/09/2024 %02d:%02d:%02d;%d;%s;%s;%s;"%s"\n' % (
                k, day, 7 + k % 12, k * 7 % 60, k * 13 % 60, 5213000 + k,
                vnd(debit) if debit else "", vnd(credit) if credit else "", vnd(balance),
                memo.replace('"', '""')))
        f.write(";;Tổng phát sinh;%s;%s;%s;\n" % (vnd(total_out), vnd(total_in), vnd(balance)))


if __name__ == "__main__":
    main()
