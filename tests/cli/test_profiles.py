#!/usr/bin/env python3
"""Validation profiles through the tool: what `vietqr encode` writes passes
`vietqr check`, `decode` and `explain` under the default profile (VietQR for
a NAPAS payload, EMVCo otherwise); `--profile emvco|vietqr|lenient` chooses
the rules, `--lenient` is `--profile lenient`, and `decode --json` names the
profile used.

Usage: test_profiles.py PATH/TO/vietqr
"""

import json
import os
import sys

from clitest import DATA, Checker, run, tlv


def vector(i):
    with open(os.path.join(DATA, "vectors.json"), encoding="utf-8") as f:
        return json.load(f)[i]["payload"]


NAPAS_612 = vector(11)  # NAPAS §6.1.2: static, to a card
NAPAS_613 = vector(12)  # NAPAS §6.1.3: dynamic, to an account
VNPAY = vector(24)      # a VNPAY-QR (tag 26): not NAPAS, so EMVCo by default
PROMPTPAY = vector(41)  # Thai PromptPay without 52, 59, 60: EMVCo says invalid

# What encode is asked for, and the options that ask for it.
ENCODES = [
    ["--bank", "Vietcombank", "--account", "0011001234567", "--amount", "150000",
     "--purpose", "Học phí tháng 9"],
    ["--bank", "BIDV", "--account", "12345678901"],
    ["--bank", "970415", "--card", "9704151234567890123", "--amount", "2500000"],
    ["--bank", "Techcombank", "--merchant", "MERCHANT-001", "--mcc", "5411", "--name",
     "Cửa hàng Hoa Mai", "--city", "Hà Nội", "--amount", "99000", "--bill", "HD-2024-0001",
     "--store", "Quầy 3", "--terminal", "T01", "--reference", "REF42", "--purpose", "Mua hàng"],
    ["--bank", "BVBank", "--account", "99MM24001234567890", "--alnum-account",
     "--purpose", "Nap vi"],
]


def test_encode_then_check(c, tool):
    for args in ENCODES:
        where = "encode %s" % " ".join(args[:4])
        rc, out, err = run(tool, ["encode"] + args)
        if not c.eq(rc, 0, where + ": status (%s)" % err.strip()):
            continue
        payload = out.strip()
        c.eq(run(tool, ["check", payload]), (0, "valid\n", ""), where + ": check")
        c.eq(run(tool, ["check", "--profile", "vietqr", payload]), (0, "valid\n", ""),
             where + ": check --profile vietqr")
        rc, out, _ = run(tool, ["decode", "--json", payload])
        j = json.loads(out)
        c.eq((rc, j["valid"], j["mode"], j["profile"], j["errors"]),
             (0, True, "strict", "vietqr", []), where + ": decode --json")
        rc, out, _ = run(tool, ["decode", payload])
        c.check(rc == 0 and "Status:      valid (VietQR profile)\n" in out, where + ": decode")
        rc, out, _ = run(tool, ["explain", payload])
        c.check(rc == 0 and ", VietQR profile: valid\n" in out and "No problems found." in out,
                where + ": explain")
        # Strict EMVCo still asks for 52, 59 and 60 when they are absent.
        ids = [obj[0] for obj in tlv(payload)]
        missing = [t for t in ("52", "59", "60") if t not in ids]
        rc, out, _ = run(tool, ["decode", "--json", "--profile", "emvco", payload])
        j = json.loads(out)
        c.eq([e["tag"] for e in j["errors"] if e["name"] == "VQR_ERR_MISSING"], missing,
             where + ": EMVCo's missing objects")
        c.eq((rc, j["profile"]), (1 if missing else 0, "emvco"), where + ": emvco status")


def test_napas_examples(c, tool):
    for name, payload in (("§6.1.2", NAPAS_612), ("§6.1.3", NAPAS_613)):
        c.eq(run(tool, ["check", payload]), (0, "valid\n", ""), "NAPAS %s: check" % name)
        c.eq(run(tool, ["check", "--profile", "emvco", payload]),
             (1, "invalid: VQR_ERR_MISSING at 52: a mandatory object is missing\n", ""),
             "NAPAS %s: check --profile emvco" % name)
        rc, out, _ = run(tool, ["check", "--lenient", payload])
        c.eq((rc, out), (0, "valid (3 warnings)\n"), "NAPAS %s: check --lenient" % name)
        rc, out, _ = run(tool, ["check", "--profile", "lenient", payload])
        c.eq((rc, out), (0, "valid (3 warnings)\n"), "NAPAS %s: --profile lenient" % name)


def test_other_payloads(c, tool):
    # Not NAPAS: the default is strict EMVCo.
    rc, out, _ = run(tool, ["decode", "--json", VNPAY])
    j = json.loads(out)
    c.eq((rc, j["profile"], j["valid"]), (0, "emvco", True), "VNPAY-QR: default is emvco")
    c.eq(run(tool, ["check", PROMPTPAY]),
         (1, "invalid: VQR_ERR_MISSING at 52: a mandatory object is missing\n", ""),
         "PromptPay: default is emvco")
    # Forcing the VietQR profile on it: not a VietQR.
    rc, out, _ = run(tool, ["check", "--profile", "vietqr", VNPAY])
    c.eq((rc, out), (1, "invalid: VQR_ERR_NOT_VIETQR at 38: the payload holds no VietQR or "
                        "VNPAY-QR account information\n"), "VNPAY-QR under --profile vietqr")
    rc, out, _ = run(tool, ["decode", "--json", "--profile", "vietqr", VNPAY])
    j = json.loads(out)
    c.eq((rc, j["profile"], [e["name"] for e in j["errors"]]),
         (1, "vietqr", ["VQR_ERR_NOT_VIETQR"]), "decode --profile vietqr on a VNPAY-QR")
    rc, out, _ = run(tool, ["decode", "--json", "--profile", "default", VNPAY])
    c.eq(json.loads(out)["profile"], "emvco", "--profile default")
    rc, out, _ = run(tool, ["decode", "--lang", "vi", NAPAS_613])
    c.check(rc == 0 and "Trạng thái:  hợp lệ (quy tắc VietQR)\n" in out, "decode --lang vi")
    rc, out, _ = run(tool, ["decode", "--lenient", NAPAS_613])
    c.check(rc == 0 and "Status:      valid (lenient mode)\n" in out, "decode --lenient")


def test_usage(c, tool):
    for cmd in ("check", "decode", "explain"):
        rc, out, err = run(tool, [cmd, "--profile", "napas", VNPAY])
        c.eq((rc, out), (2, ""), cmd + " --profile napas")
        c.check("--profile takes emvco, vietqr, lenient or default, not 'napas'" in err,
                cmd + " --profile napas: message")
        rc, out, err = run(tool, [cmd, "--lenient", "--profile", "emvco", VNPAY])
        c.eq((rc, out), (2, ""), cmd + " two profiles")
        c.check("two profiles given: lenient and emvco" in err, cmd + " two profiles: message")
        rc, _, _ = run(tool, [cmd, "--lenient", "--profile", "lenient", VNPAY])
        c.eq(rc, 0, cmd + " --lenient --profile lenient agree")
        rc, out, _ = run(tool, [cmd, "--help"])
        c.check("--profile P" in out and "--lenient" in out, cmd + " --help names --profile")


def main():
    tool = sys.argv[1]
    c = Checker("cli-profiles")
    test_encode_then_check(c, tool)
    test_napas_examples(c, tool)
    test_other_payloads(c, tool)
    test_usage(c, tool)
    c.done()


if __name__ == "__main__":
    main()
