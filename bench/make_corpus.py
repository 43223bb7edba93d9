#!/usr/bin/env python3
"""make_corpus.py - writes bench/data/vietqr-corpus.tsv, the payloads every
reader and writer of bench/compare.py is timed and checked on.

Rows (tab-separated, one payload per line, a header line first):

    payload  bin  account  service  amount  mcc  name  city  bill  purpose  canonical

`payload` is what the readers read; the other columns are its fields
(empty when absent; `service` is the 38.02 code); `canonical` is what a
writer given those fields must produce (EMVCo canonical order: IDs
ascending at every level, the CRC last). The fields come from this script's
own TLV reader and the payloads from its own TLV writer and CRC, not from
libvietqr, so the benchmark's correctness check is independent of the
library it times.

The first 1,000 rows are a fee run like a school's or a hospital's (a
fixed seed: the file is the same on every run); then the valid VietQR
payloads of the test vectors (tests/data/vectors.json, each with its
source), whose `canonical` may differ from `payload` when the
original does not write its objects in ascending order.

Usage: bench/make_corpus.py [vectors.json] > bench/data/vietqr-corpus.tsv
"""
import json
import os
import random
import sys

GUID = "A000000727"


def crc16(data: bytes) -> int:
    crc = 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    return "%s%02d%s" % (tag, len(value), value)


def tlv_read(s: str) -> list:
    out, pos = [], 0
    while pos < len(s):
        tag, n = s[pos:pos + 2], int(s[pos + 2:pos + 4])
        out.append((tag, s[pos + 4:pos + 4 + n]))
        pos += 4 + n
    return out


def build(f: dict) -> str:
    """The canonical VietQR payload of fields f."""
    benef = tlv("00", f["bin"]) + tlv("01", f["account"])
    root = [("00", "01"), ("01", "12" if f["amount"] else "11"),
            ("38", tlv("00", GUID) + tlv("01", benef) + tlv("02", f["service"]))]
    if f["mcc"]:
        root.append(("52", f["mcc"]))
    root.append(("53", "704"))
    if f["amount"]:
        root.append(("54", f["amount"]))
    root.append(("58", "VN"))
    if f["name"]:
        root.append(("59", f["name"]))
    if f["city"]:
        root.append(("60", f["city"]))
    add = (tlv("01", f["bill"]) if f["bill"] else "") + (tlv("08", f["purpose"]) if f["purpose"] else "")
    if add:
        root.append(("62", add))
    body = "".join(tlv(t, v) for t, v in root) + "6304"
    return body + "%04X" % crc16(body.encode())


def fields(payload: str) -> dict:
    """The fields of a VietQR payload (None when it has others than these)."""
    root = dict(tlv_read(payload))
    mai = dict(tlv_read(root["38"]))
    benef = dict(tlv_read(mai["01"]))
    add = dict(tlv_read(root.get("62", "")))
    known = {"00", "01", "38", "52", "53", "54", "58", "59", "60", "62", "63"}
    if set(root) - known or set(add) - {"01", "08"} or root.get("53") != "704":
        return None
    return {"bin": benef["00"], "account": benef["01"], "service": mai.get("02", ""),
            "amount": root.get("54", ""), "mcc": root.get("52", ""), "name": root.get("59", ""),
            "city": root.get("60", ""), "bill": add.get("01", ""), "purpose": add.get("08", "")}


BINS = ["970436", "970415", "970418", "970405", "970422", "970407", "970416", "970432",
        "970423", "970403", "970454", "970448", "970443", "970441", "970431", "970426"]
PAYEES = [("BENH VIEN DA KHOA TINH", "HA NOI", "8062"),
          ("TRUONG TH NGUYEN DU", "HUE", "8211"),
          ("UBND PHUONG BEN NGHE", "HO CHI MINH", "9399"),
          ("CHO DONG BA KIOT 12", "HUE", "5411")]
PURPOSES = ["Hoc phi HK1 {ref}", "Vien phi {ref}", "Le phi CCCD {ref}", "Tien dien T11 {ref}",
            "BHYT 2027 {ref}", "Thanh toan {ref}", "Tien an ban tru {ref}"]


def fee_run(n: int) -> list:
    rnd = random.Random(20261202)
    rows = []
    for i in range(n):
        digits = rnd.choice([9, 10, 12, 13, 14])
        f = {"bin": rnd.choice(BINS), "service": "QRIBFTTA",
             "account": str(rnd.randrange(10 ** (digits - 1), 10 ** digits)),
             "amount": "", "mcc": "", "name": "", "city": "", "bill": "", "purpose": ""}
        if i % 5:
            f["amount"] = str(rnd.randrange(20, 50000) * 1000)
            ref = "HP%02d%05d" % (26, rnd.randrange(100000))
            f["purpose"] = rnd.choice(PURPOSES).format(ref=ref)
            if i % 4:
                f["bill"] = "HD%08d" % (i * 7919 % 100000000)
        if i % 2 == 0:
            f["name"], f["city"], f["mcc"] = rnd.choice(PAYEES)
        p = build(f)
        rows.append((p, f, p))
    return rows


def vectors(path: str) -> list:
    rows = []
    for v in json.load(open(path, encoding="utf-8")):
        if v["scheme"] != "vietqr-ibft" or v["expect"] != "valid":
            continue
        f = fields(v["payload"])
        if f is not None:
            rows.append((v["payload"], f, build(f)))
    return rows


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "data",
                                                              "vectors.json")
    cols = ["bin", "account", "service", "amount", "mcc", "name", "city", "bill", "purpose"]
    out = sys.stdout
    out.write("\t".join(["payload"] + cols + ["canonical"]) + "\n")
    for p, f, canon in fee_run(1000) + vectors(src):
        assert all("\t" not in x and "\n" not in x for x in [p] + list(f.values()))
        out.write("\t".join([p] + [f[c] for c in cols] + [canon]) + "\n")


if __name__ == "__main__":
    main()
