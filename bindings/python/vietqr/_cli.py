"""``python -m vietqr``: the subcommands of the C tool ``vietqr`` that need
no image file, on the binding: ``decode``, ``check``, ``explain``, ``banks``
and ``encode`` (to a payload).

Their options, exit codes (0 success, 1 invalid input, 2 usage error, 3
input/output error) and output follow the C tool: ``check``, ``banks`` (and
``--json``), ``decode --json`` and ``encode`` print the same bytes; the
summary of ``decode`` and the tree of ``explain`` carry the same facts
without the C tool's object names and suggested fixes. Text that came from
a payload is shown through vietqr.escape(), as the C tool shows it.
"""

import argparse
import ctypes
import json
import re
import sys
from typing import Dict, List, Optional, Sequence

from . import _native as N
from ._banks import Bank, bank_data_version, banks, find_bank, find_banks, suggest_banks
from ._errors import Diagnostic, Severity, Status, VietQRError
from ._payload import Payload, Profile, _parse_flags
from ._text import escape
from ._vietqr import Service, VietQRInfo, parse_amount, write_vietqr

OK, INVALID, USAGE, IO = 0, 1, 2, 3
LABEL_WIDTH = 13  # the C tool's CLI_LABEL_WIDTH
# The places of diagnostics whose offset says nothing useful (the C tool's
# cli_diag_has_place).
_NO_PLACE = {Status.VQR_ERR_MISSING, Status.VQR_ERR_NO_MERCHANT_ACCOUNT,
             Status.VQR_ERR_NOT_VIETQR, Status.VQR_ERR_PAYLOAD_TOO_LONG,
             Status.VQR_ERR_BYTE_LENGTHS, Status.VQR_ERR_INPUT_TOO_LARGE,
             Status.VQR_ERR_TOO_MANY_OBJECTS}
_TYPE = {"11": "static: reusable", "12": "dynamic: one transaction"}
_SERVICE = {"QRIBFTTA": "NAPAS247 transfer to an account",
            "QRIBFTTC": "NAPAS247 transfer to a card",
            "QRPUSH": "payment to a merchant",
            "QRCASH": "cash withdrawal at an ATM"}


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors read like the C tool's (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write("%s: %s\nTry '%s --help'.\n" % (self.prog, message, self.prog))
        raise SystemExit(USAGE)


def _err(cmd: str, message: str) -> None:
    sys.stderr.write("vietqr %s: %s\n" % (cmd, message))


def _shown(text: str) -> str:
    """Payload text as it may be shown, with the C tool's [!] mark."""
    e = escape(text)
    if not e.unsafe:
        return e.text
    return "%s  [! %d unsafe character%s shown escaped]" % (e.text, e.unsafe,
                                                         "" if e.unsafe == 1 else "s")


def _label(text: str, width: int = LABEL_WIDTH) -> str:
    return text + " " * max(1, width - len(text))


def _read_operand(cmd: str, operand: str) -> Optional[bytes]:
    """The payload: the operand, or the first line of standard input for
    '-'; None (after a message) when standard input cannot be read."""
    if operand != "-":
        return operand.encode("utf-8", "surrogateescape")
    try:
        line = sys.stdin.buffer.readline()
    except OSError as exc:
        _err(cmd, "cannot read standard input: %s" % exc.strerror)
        return None
    return line.rstrip(b"\r\n")


def _parse(data: bytes, flags: int) -> Payload:
    """A payload parsed whatever its errors (they are its diagnostics)."""
    p = Payload()
    with p._lock:
        N.LIB.vqr_payload_parse(p._store, data, len(data), flags, None)
    return p


def _view(p: Payload) -> Optional[VietQRInfo]:
    """The VietQR view, as far as the payload has one (the C tool's
    read_view): None when it is not a VietQR or VNPAY-QR at all."""
    info = N.VietQRInfo()
    with p._lock:
        st = N.LIB.vqr_vietqr_read(p._store, ctypes.byref(info), None)
    if st in (Status.VQR_ERR_NOT_VIETQR, Status.VQR_ERR_INVALID_ARGUMENT) or info.network == 0:
        return None
    return VietQRInfo.from_c(info)


def _profile_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--profile", choices=["vietqr", "emvco", "lenient"],
                    help="the rules to check (default: vietqr for a payload with a NAPAS 38 "
                         "template, emvco otherwise)")
    ap.add_argument("--lenient", action="store_true", help="the same as --profile lenient")
    ap.add_argument("--lang", choices=["en", "vi"], default="en",
                    help="the library's messages in English (default) or Vietnamese")


def _flags(args: argparse.Namespace) -> int:
    if args.lenient and args.profile not in (None, "lenient"):
        raise SystemExit(_usage(args.cmd, "--lenient contradicts --profile %s" % args.profile))
    return _parse_flags(args.lenient, args.profile)


def _usage(cmd: str, message: str) -> int:
    _err(cmd, message)
    sys.stderr.write("Try 'vietqr %s --help'.\n" % cmd)
    return USAGE


def _message(d: Diagnostic, lang: str) -> str:
    return d.message_vi if lang == "vi" else d.message


def _where(d: Diagnostic, lang: str = "en") -> str:
    vi = lang == "vi"
    out = ""
    if d.tag:
        out += " %s %s" % ("tại" if vi else "at", d.tag)
    if d.code not in _NO_PLACE and d.offset is not None:
        out += " (%s %d)" % ("ký tự" if vi else "character", d.char_offset)
    return out


def _unsafe(data: bytes) -> Optional[dict]:
    """The first unsafe character of the payload, as decode --json gives it."""
    first = ctypes.c_size_t(0)
    cp = ctypes.c_uint32(0)
    n = N.LIB.vqr_text_unsafe(data, len(data), ctypes.byref(first), ctypes.byref(cp))
    if not n:
        return None
    return {"count": n, "offset": first.value,
            "char_offset": sum(1 for b in data[:first.value] if b & 0xC0 != 0x80),
            "code_point": cp.value}


def _unsafe_line(p: Payload, data: bytes, lang: str) -> Optional[str]:
    """The C tool's sentence on unsafe characters (cli_unsafe_describe), or
    None when the payload holds none."""
    u = _unsafe(data)
    if u is None:
        return None
    vi = lang == "vi"
    n = u["count"]
    if u["code_point"] == 0xFFFFFFFF:
        what = ("byte 0x%02X không phải UTF-8" if vi else "byte 0x%02X (not UTF-8)") \
            % data[u["offset"]]
    else:
        what = "U+%04X" % u["code_point"]
    tag = _tag_at(p, u["offset"])
    where = (" trong %s" if vi else " in %s") % tag if tag else ""
    if vi:
        return ("không an toàn: payload chứa %d ký tự không an toàn (điều khiển, đảo chiều hoặc "
                "vô hình) có thể làm sai lệch nội dung hiển thị; ký tự đầu tiên là %s%s, ở ký tự "
                "%d; chúng được hiển thị dạng mã, dòng chứa chúng được đánh dấu [!]"
                % (n, what, where, u["char_offset"]))
    return ("unsafe: the payload holds %d unsafe character%s (control, bidirectional or "
            "invisible) that can change what a screen shows; the first is %s%s, at character "
            "%d; they are shown escaped and their lines marked [!]"
            % (n, "" if n == 1 else "s", what, where, u["char_offset"]))


# --- check --------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    data = _read_operand("check", args.payload)
    if data is None:
        return IO
    try:
        p = Payload.parse(data, profile=args.profile, lenient=args.lenient)
        ok, err = True, None
    except VietQRError as exc:
        p, ok, err = _parse(data, _flags(args)), False, exc
    if not args.quiet:
        vi = args.lang == "vi"
        if ok:
            warn = p.diagnostic_count(Severity.WARNING)
            valid = "hợp lệ" if vi else "valid"
            if warn:
                print("%s (%d %s)" % (valid, warn, "cảnh báo" if vi else
                                      "warning" if warn == 1 else "warnings"))
            else:
                print(valid)
        else:
            d = Diagnostic(err.code, err.name, Severity.ERROR, err.offset, err.char_offset,
                           err.tag, err.message, err.message_vi)
            line = "%s: %s%s: %s" % ("không hợp lệ" if vi else "invalid", err.name,
                                     _where(d, args.lang), _message(d, args.lang))
            crc = p.crc
            if err.code == Status.VQR_ERR_CRC_MISMATCH and not crc.ok and crc.computed:
                line += " (%s %s)" % ("đúng ra là" if vi else "expected", crc.computed)
            print(line)
        unsafe = _unsafe_line(p, data, args.lang)
        if unsafe:
            print(unsafe)
    return OK if ok else INVALID


# --- decode -------------------------------------------------------------

def _objects_json(p: Payload) -> list:
    def one(o) -> dict:
        d = {"id": o.tag.split(".")[-1], "value": o.value}
        if o.is_template and o.children:
            d["objects"] = [one(c) for c in o.children]
        return d
    return [one(o) for o in p.objects()]


def _diag_json(d: Diagnostic, lang: str) -> dict:
    return {"code": int(d.code), "name": d.name, "tag": d.tag, "offset": d.offset,
            "char_offset": d.char_offset, "message": _message(d, lang)}


def decode_json(p: Payload, data: bytes, lang: str = "en") -> dict:
    """The object `vietqr decode --json` prints for one payload."""
    diags = p.diagnostics
    crc = p.crc
    info = _view(p)
    unsafe = _unsafe(data)
    if unsafe is not None:
        unsafe = {"count": unsafe["count"], "offset": unsafe["offset"],
                  "char_offset": unsafe["char_offset"], "tag": _tag_at(p, unsafe["offset"]),
                  "code_point": ("0x%02X" % data[unsafe["offset"]]
                                 if unsafe["code_point"] == 0xFFFFFFFF
                                 else "U+%04X" % unsafe["code_point"])}
    vq = None
    if info is not None:
        def opt(s: str) -> Optional[str]:
            return s or None
        vq = {"network": {1: "napas", 2: "vnpay"}.get(int(info.network), "other"),
              "bin": opt(info.bin), "bank": opt(info.bank_short_name),
              "account": opt(info.account), "service": opt(info.service_code),
              "amount": opt(info.amount), "currency": p.get("53"),
              "purpose": opt(info.purpose), "bill_number": opt(info.bill_number),
              "reference": opt(info.reference), "dynamic": info.is_dynamic}
    return {
        "valid": not any(d.severity == Severity.ERROR for d in diags),
        "mode": "lenient" if p.profile == Profile.LENIENT else "strict",
        "profile": p.profile.name.lower(),
        "unsafe": unsafe,
        "crc": {"given": crc.given, "computed": crc.computed, "ok": crc.ok},
        "errors": [_diag_json(d, lang) for d in diags if d.severity == Severity.ERROR],
        "warnings": [_diag_json(d, lang) for d in diags if d.severity != Severity.ERROR],
        "objects": _objects_json(p),
        "vietqr": vq,
    }


def _tag_at(p: Payload, off: int) -> str:
    """The deepest object whose ID, length or value holds byte `off`."""
    tag = ""
    for o in p.walk():
        if o.offset is None or o.value is None:
            continue
        if o.offset <= off < o.offset + 4 + len(o.value.encode("utf-8", "surrogateescape")):
            tag = o.tag
    return tag


def _upper_hex(m) -> str:
    # jansson (the C tool's JSON) writes \u001B; an even run of
    # backslashes before "u" is no escape.
    return m.group(0) if len(m.group(1)) % 2 == 0 else m.group(1) + "u" + m.group(2).upper()


def _dump(obj, indent=None) -> str:
    if indent is None:
        doc = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    else:
        doc = json.dumps(obj, ensure_ascii=False, indent=indent)
    doc = re.sub(r"(\\+)u([0-9a-f]{4})", _upper_hex, doc)
    return escape(doc, "json-document").text


def _summary(p: Payload, lang: str) -> List[str]:
    diags = p.diagnostics
    valid = not any(d.severity == Severity.ERROR for d in diags)
    prof = {Profile.VIETQR: "VietQR profile", Profile.LENIENT: "lenient mode"}.get(
        p.profile, "EMVCo profile")
    out = [_label("Status:") + "%s (%s)" % ("valid" if valid else "invalid", prof)]
    crc = p.crc
    if not crc.given and not crc.computed:
        out.append(_label("CRC:") + "none")
    elif crc.ok:
        out.append(_label("CRC:") + _shown(crc.given) + " (ok)")
    else:
        out.append(_label("CRC:") + escape(crc.given).text + ", expected " + crc.computed)
    info = _view(p)
    if info is not None:
        net = {1: "NAPAS 247 (VietQR)", 2: "VNPAY-QR"}.get(int(info.network))
        out.append(_label("Network:") + (net or "other (%d, GUID %s)" % (info.mai_id,
                                                                        _shown(info.guid))))
        if info.bin:
            out.append(_label("Bank:") + escape(info.bin).text
                       + (" %s (%s)" % (info.bank_short_name, info.bank_name) if info.bank_known
                          else " (not in the bank directory)"))
        if info.account:
            label = "Account:" if info.network == 1 else "Merchant ID:"
            if info.service == Service.CARD:
                label = "Card:"
            elif info.service in (Service.MERCHANT, Service.CASH):
                label = "Merchant ID:"
            out.append(_label(label) + _shown(info.account))
        if info.service_code:
            note = _SERVICE.get(info.service_code)
            out.append(_label("Service:") + escape(info.service_code).text
                       + (" (%s)" % note if note else ""))
    poi = p.get("01")
    if poi in _TYPE:
        out.append(_label("Type:") + _TYPE[poi])
    amount = p.get("54")
    if amount is not None:
        alpha = info.currency_alpha if info is not None else ""
        out.append(_label("Amount:") + _shown(amount) + (" " + alpha if alpha else ""))
    for tag, label in (("59", "Merchant:"), ("60", "City:"), ("58", "Country:"),
                       ("62.08", "Purpose:"), ("62.01", "Bill:"), ("62.05", "Reference:")):
        value = p.get(tag)
        if value:
            out.append(_label(label) + _shown(value))
    out.append(_label("Objects:") + " ".join(o.tag for o in p.objects()))
    for d in diags:
        kind = "Error:" if d.severity == Severity.ERROR else "Warning:"
        out.append(_label(kind) + d.name + _where(d) + ": " + _message(d, lang))
    return out


def cmd_decode(args: argparse.Namespace) -> int:
    flags = _flags(args)
    if args.payload == "-":
        lines = [line.rstrip(b"\r\n") for line in sys.stdin.buffer]
    else:
        lines = [args.payload.encode("utf-8", "surrogateescape")]
    status = OK
    for data in lines:
        p = _parse(data, flags)
        if args.json:
            print(_dump(decode_json(p, data, args.lang)))
        else:
            print("\n".join(_summary(p, args.lang)))
        if p.diagnostic_count(Severity.ERROR):
            status = INVALID
    return status


# --- explain ------------------------------------------------------------

def cmd_explain(args: argparse.Namespace) -> int:
    data = _read_operand("explain", args.payload)
    if data is None:
        return IO
    p = _parse(data, _flags(args))
    diags = p.diagnostics
    valid = not any(d.severity == Severity.ERROR for d in diags)
    text = data.decode("utf-8", "replace")
    prof = {Profile.VIETQR: "VietQR profile", Profile.LENIENT: "lenient mode"}.get(
        p.profile, "EMVCo profile")
    print("Payload: %d characters (%d bytes), %s: %s"
          % (len(text), len(data), prof, "valid" if valid else "invalid"))
    for o in p.walk():
        value = o.value if o.value is not None else ""
        size = len(value.encode("utf-8", "surrogateescape"))
        print("%s%s %02d  %s" % ("    " * o.depth, o.tag.split(".")[-1], size,
                                 "" if o.is_template and o.children else _shown(value)))
    for d in diags:
        kind = "error" if d.severity == Severity.ERROR else "warning"
        print("\n%s %s (%d)%s" % (kind, d.name, int(d.code), _where(d)))
        print("    " + _message(d, args.lang))
        if d.char_offset is not None and d.code not in _NO_PLACE:
            lo = max(0, d.char_offset - 60)
            shown = escape(text[lo:d.char_offset]).text
            rest = escape(text[d.char_offset:d.char_offset + 20]).text
            print("    " + ("..." if lo else "") + shown + rest)
            print("    " + " " * (len(shown) + (3 if lo else 0)) + "^")
    if not diags:
        print("\nNo problems found.")
    return OK if valid else INVALID


# --- banks --------------------------------------------------------------

def cmd_banks(args: argparse.Namespace) -> int:
    chosen: Optional[Bank] = None
    if args.query is not None:
        try:
            listed = find_banks(args.query)
            chosen = find_bank(args.query)
        except VietQRError as exc:
            if exc.code not in (Status.VQR_ERR_BANK_AMBIGUOUS, Status.VQR_ERR_BANK_UNKNOWN):
                _err("banks", "%s (%s)" % (exc.message, exc.name))
                return INVALID
            chosen = None
    else:
        listed = banks()
    if args.json:
        print(_dump([{"bin": b.bin, "short_name": b.short_name, "name": b.name,
                      "swift": b.swift, "chosen": b == chosen} for b in listed], indent=2))
    else:
        for b in listed:
            print("%s %s  %s%s%s" % ("*" if b == chosen else " ", b.bin, _label(b.short_name, 20),
                                     _label(b.swift or "-", 9), _shown(b.name)))
        if not listed:
            _err("banks", "no bank matches '%s'%s" % (args.query,
                                                      _bank_hint(args.query, False, "en")))
        elif args.query is None:
            print("(%d banks, directory version %s)" % (len(listed), bank_data_version()))
    return OK if listed else INVALID


# --- encode -------------------------------------------------------------

_OPTION_OF_TAG = {"59": "name", "60": "city", "62.08": "purpose", "62.01": "bill",
                  "62.05": "reference", "62.03": "store", "62.07": "terminal", "52": "mcc",
                  "38.01.00": "bank", "38.01.01": "account", "54": "amount"}
# The argparse attribute of an option whose name differs.
_ARG_OF_OPTION = {"name": "name", "city": "city"}


_AT_CHARACTER = {Status.VQR_ERR_TEXT_NOT_ASCII, Status.VQR_ERR_TEXT_CONTROL, Status.VQR_ERR_UTF8,
                 Status.VQR_ERR_ACCOUNT, Status.VQR_ERR_AMOUNT_SYNTAX, Status.VQR_ERR_FORMAT_ANS,
                 Status.VQR_ERR_FORMAT_N}


def _build_message(exc: VietQRError, label: str, lang: str) -> str:
    """The C tool's message for a field it could not build with
    (cli_build_message_as)."""
    vi = lang == "vi"
    line = "%s%s%s (%s)" % (label, ": " if label else "", exc.message_vi if vi else exc.message,
                            exc.name)
    if exc.code == Status.VQR_ERR_LENGTH and exc.tag == "52":
        line += ", đúng 4 chữ số" if vi else ", exactly 4 digits"
    elif exc.limit and exc.code in (Status.VQR_ERR_LENGTH, Status.VQR_ERR_TEMPLATE_TOO_LONG):
        line += (", tối đa %d ký tự" if vi else ", at most %d characters") % exc.limit
    elif exc.offset is not None and exc.code in _AT_CHARACTER:
        line += (", tại ký tự %d" if vi else ", at character %d") % exc.char_offset
    return line


def _option_label(exc: VietQRError, given: Dict[str, str]) -> str:
    """The options a build error is about, as the C tool names them
    (cli_option_label): "--purpose (62.08)"; for a template's fault every
    option given that fills it, in the order of their tags; else the tag."""
    option = _OPTION_OF_TAG.get(exc.tag)
    if option and exc.tag != "38.01.01":
        return "--%s (%s)" % (option, exc.tag)
    if exc.tag == "38.01.01" and "38.01.01" in given:
        return "--%s (%s)" % (given["38.01.01"], exc.tag)
    inside = sorted(t for t in given if exc.tag and t.startswith(exc.tag + "."))
    if inside:
        return "%s (%s)" % (", ".join("--" + given[t] for t in inside), exc.tag)
    return exc.tag


def _bank_hint(query: str, ambiguous: bool, lang: str) -> str:
    """The C tool's "; did you mean ..." after a bank it cannot resolve
    (cli_bank_hint)."""
    vi = lang == "vi"
    try:
        banks_meant = suggest_banks(query, 3)
    except VietQRError:
        return ""
    if not banks_meant:
        return ""
    names = ["%s (%s)" % (b.short_name, b.bin) for b in banks_meant]
    last = (" và " if vi else " and ") if ambiguous else (" hoặc " if vi else " or ")
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]
    if ambiguous:
        return ("; tên này chỉ %s: hãy ghi BIN" if vi else "; it names %s: give the BIN") % listed
    return ("; có phải ý bạn là %s?" if vi else "; did you mean %s?") % listed


def cmd_encode(args: argparse.Namespace) -> int:
    ids = [(k, v) for k, v in (("account", args.account), ("card", args.card),
                                ("merchant", args.merchant)) if v is not None]
    if len(ids) != 1:
        return _usage("encode", "give exactly one of --account, --card, --merchant")
    kind, number = ids[0]
    amount = None
    if args.amount is not None:
        try:
            amount = parse_amount(args.amount)
        except VietQRError as exc:
            _err("encode", _build_message(exc, "--amount (54)", args.lang))
            return INVALID
    service = {"account": Service.ACCOUNT, "card": Service.CARD,
               "merchant": Service.MERCHANT}[kind]
    try:
        text, report = write_vietqr(
            args.bank, number, amount=amount, purpose=args.purpose, bill_number=args.bill,
            reference=args.reference, store=args.store, terminal=args.terminal,
            merchant_name=args.name, merchant_city=args.city, mcc=args.mcc, service=service,
            strict_text=args.strict_text, alnum_account=args.alnum_account)
    except VietQRError as exc:
        given = {tag: opt for tag, opt in _OPTION_OF_TAG.items()
                 if getattr(args, _ARG_OF_OPTION.get(opt, opt), None)}
        given["38.01.01"] = kind
        line = _build_message(exc, _option_label(exc, given), args.lang)
        if exc.tag == "38.01.00" and exc.code in (Status.VQR_ERR_BANK_UNKNOWN,
                                                  Status.VQR_ERR_BANK_AMBIGUOUS):
            line += _bank_hint(args.bank, exc.code == Status.VQR_ERR_BANK_AMBIGUOUS, args.lang)
        _err("encode", line)
        return INVALID
    for f in report.fields:
        _err("encode", '--%s (%s): %d character%s folded to ASCII; banks will show "%s"'
             % (_OPTION_OF_TAG.get(f.tag, ""), f.tag, f.changed, "" if f.changed == 1 else "s",
                f.text))
    if not report.bank_known:
        vi = args.lang == "vi"
        _err("encode", ("--bank (38.01.00): BIN %s không có trong danh bạ ngân hàng; hãy kiểm tra "
                        "lại%s" if vi else "--bank (38.01.00): BIN %s is not in the bank "
                        "directory; check it%s") % (report.bin, _bank_hint(report.bin, False,
                                                                            args.lang)))
    print(text)
    return OK


# --- main ---------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="python -m vietqr",
                 description="Read, check and build EMVCo merchant-presented QR payloads and "
                             "VietQR (NAPAS 247) transfers: the C tool vietqr's commands that "
                             "need no image file. Exit status: 0 success, 1 invalid input, "
                             "2 usage error, 3 input/output error.")
    ap.add_argument("--version", action="version", version="vietqr (Python) %s"
                    % N.LIB.vqr_version_string().decode("ascii"))
    sub = ap.add_subparsers(dest="cmd", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("decode", prog="vietqr decode",
                       help="read a payload: a summary, or JSON with --json")
    p.add_argument("-j", "--json", action="store_true",
                   help="one JSON object per payload, on one line (as the C tool's)")
    _profile_args(p)
    p.add_argument("payload", metavar="PAYLOAD", help="the payload, or '-': one per line of "
                   "standard input")
    p.set_defaults(func=cmd_decode)

    p = sub.add_parser("check", prog="vietqr check",
                       help="exit 0 when a payload is valid, 1 with the reason when not")
    _profile_args(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    p.add_argument("payload", metavar="PAYLOAD", help="the payload, or '-': the first line of "
                   "standard input")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("explain", prog="vietqr explain",
                       help="the payload's objects, with each problem marked")
    _profile_args(p)
    p.add_argument("payload", metavar="PAYLOAD", help="the payload, or '-'")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("banks", prog="vietqr banks",
                       help="list the bank directory, or the banks a name, BIN or code matches")
    p.add_argument("-j", "--json", action="store_true",
                   help="a JSON array of {bin, short_name, name, swift, chosen}")
    p.add_argument("query", metavar="QUERY", nargs="?")
    p.set_defaults(func=cmd_banks)

    p = sub.add_parser("encode", prog="vietqr encode",
                       help="build a VietQR payload from a bank, an account and an amount")
    p.add_argument("--bank", required=True, help="BIN, short name, alias or SWIFT code")
    p.add_argument("--account", help="account number (QRIBFTTA)")
    p.add_argument("--card", help="card number (QRIBFTTC)")
    p.add_argument("--merchant", help="merchant ID (QRPUSH)")
    p.add_argument("--amount", help="amount in whole dong; none: the payer types it")
    for name, what in (("purpose", "transfer message (62.08)"), ("bill", "bill number (62.01)"),
                       ("reference", "reference label (62.05)"), ("store", "store label (62.03)"),
                       ("terminal", "terminal label (62.07)"), ("name", "merchant name (59)"),
                       ("city", "merchant city (60)"), ("mcc", "merchant category code (52)")):
        p.add_argument("--" + name, help=what)
    p.add_argument("--alnum-account", action="store_true", help="allow letters in --account")
    p.add_argument("--strict-text", action="store_true",
                   help="refuse non-ASCII text instead of folding it")
    p.add_argument("-f", "--format", choices=["payload"], default="payload",
                   help="payload (the only format here; images: the C tool)")
    p.add_argument("--lang", choices=["en", "vi"], default="en")
    p.set_defaults(func=cmd_encode)
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return IO
