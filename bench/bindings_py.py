#!/usr/bin/env python3
"""bindings_py.py - the Python binding (bindings/python, ctypes) on the
corpus of bench/data, the way bench/compare.py times the C library: every
row checked first (each field read back, the canonical payload written),
then interleaved rounds of one pass over the corpus, in the thread's CPU
time; prints the fastest and the median round in ns per payload. The C
speedups are used when VIETQR_SPEEDUPS names them (bench/compare.py does);
"speedups" on stderr says which path ran.

    Payload.parse(p).vietqr(), then .bin, .account, .amount_minor, .purpose
                                        (op py/read)
    write_vietqr(bank, account, ...)    (op py/write)

Usage: VIETQR_LIB=build/lib/libvietqr.so bindings_py.py CORPUS.tsv [ROUNDS]
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bindings",
                                "python"))
import vietqr  # noqa: E402

COLS = ["payload", "bin", "account", "service", "amount", "mcc", "name", "city", "bill",
        "purpose", "canonical"]
INFO = {"bin": "bin", "account": "account", "service": "service_code", "amount": "amount",
        "mcc": "mcc", "name": "merchant_name", "city": "merchant_city", "bill": "bill_number",
        "purpose": "purpose"}


def load(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[1:]
    return [dict(zip(COLS, line.split("\t"))) for line in lines if line]


def request(r):
    """write_vietqr's arguments for row r."""
    kw = {"amount": int(r["amount"] or 0),
          "alnum_account": not r["account"].isdigit()}
    if r["service"] == "QRIBFTTC":
        kw["service"] = vietqr.Service.CARD
    for col, name in (("mcc", "mcc"), ("name", "merchant_name"), ("city", "merchant_city"),
                      ("bill", "bill_number"), ("purpose", "purpose")):
        if r[col]:
            kw[name] = r[col]
    return (r["bin"], r["account"]), kw


def main():
    rows = load(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    payloads = [r["payload"] for r in rows]
    requests = [request(r) for r in rows]
    bad = 0
    for r, (args, kw) in zip(rows, requests):
        info = vietqr.Payload.parse(r["payload"]).vietqr()
        for col, attr in INFO.items():
            if getattr(info, attr) != r[col]:
                bad += 1
                print("py: %s is %r, expected %r" % (attr, getattr(info, attr), r[col]),
                      file=sys.stderr)
        text, _ = vietqr.write_vietqr(*args, **kw)
        if text != r["canonical"]:
            bad += 1
            print("py: writes %s, expected %s" % (text, r["canonical"]), file=sys.stderr)
    if bad:
        sys.exit("bindings_py.py: %d wrong results; nothing timed" % bad)
    from vietqr import _fast
    print("speedups: %s" % ("C" if _fast.FAST is not None else "off (ctypes)"), file=sys.stderr)

    parse, write = vietqr.Payload.parse, vietqr.write_vietqr

    def read_pass():
        n = 0
        for p in payloads:
            info = parse(p).vietqr()
            n += len(info.bin) + len(info.account) + info.amount_minor + len(info.purpose)
        return n

    def write_pass():
        for args, kw in requests:
            write(*args, **kw)

    ops = [("py/read", read_pass), ("py/write", write_pass)]
    for fn in (read_pass, write_pass):
        fn()
    ns = {name: [] for name, _ in ops}
    n = len(rows)
    for _ in range(rounds):
        for name, fn in ops:
            t = time.thread_time_ns()
            fn()
            ns[name].append((time.thread_time_ns() - t) / n)
    for name, _ in ops:
        s = sorted(ns[name])
        print("op\t%s\t%.1f\t%.1f\t%d" % (name, s[0], s[len(s) // 2], rounds))


if __name__ == "__main__":
    main()
