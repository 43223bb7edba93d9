#!/usr/bin/env python3
"""`vietqr restamp` on payloads from other issuers -- the VNPAY-QR vector
(24), the EVN bill vector (22), the ZaloPay vector (21) and a MoMo-style
VietQR with a primitive in 80 -- changes only 01, 54 and 62 and keeps every
other byte, in its order, with a correct CRC.

Usage: test_restamp.py PATH/TO/vietqr
"""

import json
import os
import sys

from clitest import DATA, Checker, crc16, crc_ok, run, tlv


def with_crc(body):
    body += "6304"
    return body + "%04X" % crc16(body.encode("utf-8"))


# MoMo's "QR da nang": a VietQR to a BVBank virtual account, its wallet
# reference in 62.05, and a primitive "046" in the unreserved ID 80, placed
# after 62 (objects out of ascending order).
MOMO = with_crc("000201010211"
                "38620010A00000072701320006970454011899MM24009M07248267""0208QRIBFTTA"
                "5303704" "5802VN"
                "62190515MOMOW2W37628892"
                "8003046")


def root(payload):
    return tlv(payload)


def check_kept(c, name, before, after, changed_subs):
    """Every root object but 01, 54, 62 and 63 is kept byte for byte and in
    order; inside 62 every sub-object not in changed_subs is kept in order."""
    a = [o for o in root(before) if o[0] not in ("01", "54", "62", "63")]
    b = [o for o in root(after) if o[0] not in ("01", "54", "62", "63")]
    c.eq([o[2] for o in b], [o[2] for o in a], name + ": untouched objects kept")
    # The untouched objects keep their places relative to each other and to
    # 62 (new objects are appended at the end, before 63).
    ids_before = [o[0] for o in root(before) if o[0] not in ("54", "63")]
    ids_after = [o[0] for o in root(after) if o[0] not in ("54", "63")]
    if "62" not in ids_before:
        ids_after = [i for i in ids_after if i != "62"]
    c.eq(ids_after, ids_before, name + ": order kept")
    c.check(crc_ok(after), name + ": CRC is right")
    c.eq(root(after)[-1][0], "63", name + ": 63 last")
    old62 = dict((o[0], o[1]) for o in root(before)).get("62")
    new62 = dict((o[0], o[1]) for o in root(after)).get("62")
    if old62 is not None:
        keep = [s[2] for s in tlv(old62) if s[0] not in changed_subs]
        c.eq([s[2] for s in tlv(new62) if s[0] not in changed_subs], keep,
             name + ": untouched 62 sub-objects kept")
    return dict((o[0], o[1]) for o in root(after)), dict((s[0], s[1]) for s in tlv(new62 or ""))


def warnings_of(tool, payload):
    """What restamp repeats on stderr: every warning of the lenient parse."""
    rc, out, _ = run(tool, ["decode", "--json", "--lenient", payload])
    lines = []
    for d in json.loads(out)["warnings"]:
        at = " at " + d["tag"] if d["tag"] else ""
        lines.append("vietqr restamp: warning: %s%s: %s\n" % (d["name"], at, d["message"]))
    return "".join(lines)


def main():
    tool = sys.argv[1]
    with open(os.path.join(DATA, "vectors.json"), encoding="utf-8") as f:
        vectors = json.load(f)
    c = Checker("cli-restamp")
    cases = [("VNPAY-QR (24)", vectors[24]["payload"]),
             ("EVN (22)", vectors[22]["payload"]),
             ("ZaloPay (21)", vectors[21]["payload"]),
             ("MoMo-style", MOMO)]
    c.check(crc_ok(MOMO), "the MoMo-style payload is well formed")
    for name, before in cases:
        # Amount, purpose and bill at once; the payload's warnings repeated.
        rc, out, err = run(tool, ["restamp", before, "--amount", "250000",
                                  "--purpose", "HOC PHI THANG 9", "--bill", "HD0042"])
        c.eq((rc, err), (0, warnings_of(tool, before)), name + ": exit status")
        after = out.rstrip("\n")
        objs, subs = check_kept(c, name, before, after, ("01", "08"))
        c.eq(objs.get("54"), "250000", name + ": 54")
        had01 = any(o[0] == "01" for o in root(before))
        c.eq(objs.get("01"), "12" if had01 else None, name + ": 01 dynamic")
        c.eq(subs.get("08"), "HOC PHI THANG 9", name + ": 62.08")
        c.eq(subs.get("01"), "HD0042", name + ": 62.01")
        rc, _, _ = run(tool, ["check", "--lenient", after])
        c.eq(rc, 0, name + ": the result checks (lenient)")

        # Back to static: the amount goes, 01 returns to 11, 62.01 removed.
        rc, out2, err = run(tool, ["restamp", after, "--no-amount", "--bill", ""])
        c.eq((rc, err), (0, warnings_of(tool, after)), name + ": --no-amount exit status")
        again = out2.rstrip("\n")
        objs2, subs2 = check_kept(c, name + " static", after, again, ("01",))
        c.eq(objs2.get("54"), None, name + ": 54 removed")
        c.eq(objs2.get("01"), "11" if had01 else None, name + ": 01 static")
        c.eq(subs2.get("01"), None, name + ": 62.01 removed")

        # Reference only: 01 and 54 untouched.
        rc, out3, err = run(tool, ["restamp", before, "--reference", "REF123"])
        c.eq(rc, 0, name + ": --reference exit status")
        objs3, subs3 = check_kept(c, name + " reference", before, out3.rstrip("\n"), ("05",))
        c.eq(subs3.get("05"), "REF123", name + ": 62.05")
        c.eq(objs3.get("01"), dict((o[0], o[1]) for o in root(before)).get("01"),
             name + ": 01 untouched")

    # The byte-exact form for the VNPAY vector: 01 changes in place, 62 gets
    # its new objects at its end, 54 goes before 63.
    rc, out, _ = run(tool, ["restamp", vectors[24]["payload"], "--amount", "50000"])
    c.eq(out.rstrip("\n"), with_crc(
        "00020101021226280010A000000775011001087990425204597753037045802VN5909MYPHAMHER"
        "6005HANOI62260311MY PHAM HER0707MPHER01" "540550000"), "VNPAY exact bytes")

    # Refusals: exit 1 and nothing on stdout.
    base = vectors[24]["payload"]
    # Each names the option given and the tag path it fills, never a tag alone.
    bad = [
        (["--amount", "50000.50"], "VQR_ERR_AMOUNT_DECIMALS", "--amount (54): "),
        (["--amount", "50,000"], "VQR_ERR_AMOUNT_SYNTAX", "--amount (54): "),
        (["--amount", "0"], "VQR_ERR_AMOUNT_ZERO", "--amount (54): "),
        (["--purpose", "x" * 26], "VQR_ERR_LENGTH", "--purpose (62.08): "),
        (["--purpose", "tab\there"], "VQR_ERR_TEXT_CONTROL", "--purpose (62.08): "),
        (["--purpose", "H\u1ecdc ph\u00ed", "--strict-text"], "VQR_ERR_TEXT_NOT_ASCII",
         "--purpose (62.08): "),
        (["--purpose", "100\u20ac"], "VQR_ERR_TEXT_NOT_ASCII", "--purpose (62.08): "),
        (["--bill", "b" * 26], "VQR_ERR_LENGTH", "--bill (62.01): "),
        (["--purpose", "y" * 25, "--bill", "z" * 25, "--reference", "w" * 25],
         "VQR_ERR_TEMPLATE_TOO_LONG", "--bill, --reference, --purpose (62): "),
    ]
    for args, code, label in bad:
        rc, out, err = run(tool, ["restamp", base] + args)
        c.eq((rc, out), (1, ""), "refused %r" % args)
        c.check(code in err, "refused %r names %s: %r" % (args, code, err))
        c.check(err.startswith("vietqr restamp: " + label), "refused %r: %r" % (args, err))
    for payload, code in ((vectors[25]["payload"], "VQR_ERR_CRC_MISMATCH"),
                          (vectors[39]["payload"], "VQR_ERR_TRUNCATED")):
        rc, out, err = run(tool, ["restamp", payload, "--amount", "1000"])
        c.eq((rc, out), (1, ""), "invalid input refused")
        c.check(code in err, "invalid input names %s: %r" % (code, err))
    # Usage errors.
    for args in (["restamp", base], ["restamp", "--amount", "1"], ["restamp", base, "--amount"],
                 ["restamp", base, "--amount", "1", "--no-amount"], ["restamp", base, "--x"]):
        rc, out, err = run(tool, args)
        c.eq((rc, out), (2, ""), "usage error %r" % args)
    # Vietnamese text is folded to ASCII, and the change is said on stderr.
    rc, out, err = run(tool, ["restamp", base, "--purpose", "H\u1ecdc ph\u00ed th\u00e1ng 9 \u0110\u1ee9c"])
    c.eq(rc, 0, "restamp folds Vietnamese text")
    c.check("0819Hoc phi thang 9 Duc6304" in out and crc_ok(out.rstrip("\n")), "folded purpose")
    c.eq(err, 'vietqr restamp: --purpose (62.08): 5 characters folded to ASCII; banks will show '
              '"Hoc phi thang 9 Duc"\n', "fold report")
    # From standard input.
    rc, out, _ = run(tool, ["restamp", "-", "--purpose", "TEST"], stdin=base + "\n")
    c.eq(rc, 0, "restamp reads '-'")
    c.check(crc_ok(out.rstrip("\n")) and "0804TEST" in out, "restamp from stdin")
    c.done()


if __name__ == "__main__":
    main()
