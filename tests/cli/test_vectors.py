#!/usr/bin/env python3
"""Every shared vector through `vietqr decode --json`, in strict EMVCo
(--profile emvco), lenient and the default mode, against
tests/data/expectations.json (the file the C suite reads), so the tool and
the library give the same answers.

Usage: test_vectors.py PATH/TO/vietqr
"""

import json
import os
import sys

from clitest import DATA, Checker, is_unsafe, run, tlv

KEYS = ["valid", "mode", "profile", "unsafe", "crc", "errors", "warnings", "objects", "vietqr"]
# The options that choose each mode of expectations.json, and the profile each names.
MODE_ARGS = {"strict": ["--profile", "emvco"], "lenient": ["--lenient"], "default": []}
MODE_PROFILE = {"strict": "emvco", "lenient": "lenient"}
DIAG_KEYS = ["code", "name", "tag", "offset", "char_offset", "message"]
VIETQR_KEYS = ["network", "bin", "bank", "account", "service", "amount", "currency",
               "purpose", "bill_number", "reference", "dynamic"]


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


def value_of(objects, path):
    """The value at tag path "38.01.00" in the decoded objects, or None."""
    level = objects
    found = None
    for part in path.split("."):
        found = next((o for o in level or [] if o["id"] == part), None)
        if found is None:
            return None
        level = found.get("objects")
    return found["value"]


def expected_network(objects):
    """The network the VietQR reader must report, worked out from the objects:
    38 with the NAPAS GUID; else a 26-51 template with the VNPAY GUID; else,
    for country VN, a 26-51 template with a GUID; else none."""
    if value_of(objects, "38.00") == "A000000727":
        return "napas"
    mai = [o for o in objects if 26 <= int(o["id"]) <= 51 and "objects" in o]
    if any(value_of([o], o["id"] + ".00") == "A000000775" for o in mai):
        return "vnpay"
    if value_of(objects, "58") == "VN" and any(value_of([o], o["id"] + ".00") for o in mai):
        return "other"
    return None


def check_diags(c, where, got, want):
    for d in got:
        c.eq(list(d.keys()), DIAG_KEYS, where + " diagnostic keys")
        c.check(isinstance(d["code"], int) and d["message"], where + " code and message")
    c.eq([(d["name"], d["offset"], d["char_offset"], d["tag"]) for d in got],
         [(x["code"], x["offset"], x["char_offset"], x["tag"]) for x in want], where)


def check_vietqr(c, where, j):
    vq = j["vietqr"]
    net = expected_network(j["objects"])
    if net is None:
        c.eq(vq, None, where + " vietqr")
        return
    if not c.check(isinstance(vq, dict), where + " vietqr is an object"):
        return
    c.eq(list(vq.keys()), VIETQR_KEYS, where + " vietqr keys")
    c.eq(vq["network"], net, where + " network")
    objs = j["objects"]
    if net == "napas":
        c.eq(vq["bin"], value_of(objs, "38.01.00"), where + " bin")
        c.eq(vq["account"], value_of(objs, "38.01.01"), where + " account")
        c.eq(vq["service"], value_of(objs, "38.02"), where + " service")
    c.eq(vq["amount"], value_of(objs, "54"), where + " amount")
    c.eq(vq["currency"], value_of(objs, "53"), where + " currency")
    c.eq(vq["purpose"], value_of(objs, "62.08"), where + " purpose")
    c.eq(vq["bill_number"], value_of(objs, "62.01"), where + " bill")
    c.eq(vq["reference"], value_of(objs, "62.05"), where + " reference")
    c.eq(vq["dynamic"], value_of(objs, "01") == "12", where + " dynamic")


def check_one(c, i, vec, exp, j, mode):
    where = "vector %d %s" % (i, mode)
    want = exp[mode]
    c.eq(list(j.keys()), KEYS, where + " keys")
    c.eq(j["mode"], "lenient" if mode == "lenient" else "strict", where + " mode")
    c.eq(j["profile"], want.get("profile", MODE_PROFILE.get(mode)), where + " profile")
    unsafe = [k for k, ch in enumerate(vec["payload"]) if is_unsafe(ch)]
    if unsafe:
        c.eq((j["unsafe"]["count"], j["unsafe"]["char_offset"]), (len(unsafe), unsafe[0]),
             where + " unsafe")
    else:
        c.eq(j["unsafe"], None, where + " unsafe")
    c.eq(j["valid"], want["status"] == "VQR_OK", where + " valid")
    if want["status"] != "VQR_OK" and j["errors"]:
        c.eq(j["errors"][0]["name"], want["status"], where + " first error")
    check_diags(c, where + " errors", j["errors"], want["errors"])
    check_diags(c, where + " warnings", j["warnings"], want["warnings"])

    crc = j["crc"]
    c.eq(list(crc.keys()), ["given", "computed", "ok"], where + " crc keys")
    c.eq(crc["given"], exp["crc_given"], where + " crc given")
    c.eq(crc["computed"], vec.get("crc_computed") or "", where + " crc computed")
    c.eq(crc["ok"], bool(crc["given"]) and crc["given"].upper() == crc["computed"],
         where + " crc ok")

    # Objects: a payload that frames in characters is rebuilt exactly from them.
    if vec["tlv_chars"] == "ok":
        rebuilt = "".join(o["id"] + "%02d" % len(o["value"]) + o["value"] for o in j["objects"])
        c.eq(rebuilt, vec["payload"], where + " objects rebuild the payload")
        c.eq([o["id"] for o in j["objects"]], vec["root_ids"], where + " root ids")
        for o in j["objects"]:
            if "objects" in o:
                c.eq("".join(s["id"] + "%02d" % len(s["value"]) + s["value"]
                             for s in o["objects"]), o["value"], where + " template " + o["id"])
                c.eq([(s[0], s[1]) for s in tlv(o["value"])],
                     [(s["id"], s["value"]) for s in o["objects"]], where + " sub-objects")
    check_vietqr(c, where, j)


def main():
    tool = sys.argv[1]
    vectors = load("vectors.json")
    expect = load("expectations.json")["vectors"]
    c = Checker("cli-vectors")
    c.eq(len(expect), len(vectors), "one expectation per vector")
    stdin = "".join(v["payload"] + "\n" for v in vectors)
    streamed = {}
    for mode in ("strict", "lenient", "default"):
        args = ["decode", "--json"] + MODE_ARGS[mode] + ["-"]
        rc, out, err = run(tool, args, stdin=stdin)
        lines = out.splitlines()
        c.eq(len(lines), len(vectors), mode + ": one JSON line per payload")
        invalid = any(e[mode]["status"] != "VQR_OK" for e in expect)
        c.eq(rc, 1 if invalid else 0, mode + ": exit status")
        c.eq(err, "", mode + ": nothing on stderr")
        for i, (vec, exp, line) in enumerate(zip(vectors, expect, lines)):
            j = json.loads(line)
            streamed[(mode, i)] = j
            check_one(c, i, vec, exp, j, mode)

    # One payload on the command line gives the same object and its own status.
    for i, (vec, exp) in enumerate(zip(vectors, expect)):
        for mode in ("strict", "lenient", "default"):
            args = ["decode", "--json"] + MODE_ARGS[mode]
            rc, out, err = run(tool, args + [vec["payload"]])
            c.eq(json.loads(out), streamed[(mode, i)], "vector %d %s: argument = stdin" % (i, mode))
            c.eq(rc, 0 if exp[mode]["status"] == "VQR_OK" else 1,
                 "vector %d %s: exit status" % (i, mode))
    c.done()


if __name__ == "__main__":
    main()
