"""vietqr.verify: who a payload pays, against the payees allowed
(vqr_verify in libvietqr).

    >>> import vietqr
    >>> stalls = [vietqr.Payee("Vietcombank", "0011001234567", name="Sạp rau Cô Ba"),
    ...           vietqr.Payee("970422", "0352350917"),
    ...           vietqr.Payee.vnpay("0108799042")]
    >>> v = vietqr.verify(text, stalls, kind="static")
    >>> v.verdict, v.ok, v.bank, v.account    # (Verdict.OK, True, "Vietcombank", ...)
    >>> [s.kind for s in v.suspects]           # look-alike letters, hidden characters...

The verdicts: OK, PAYEE_NOT_ALLOWED (``bin``, ``bank`` and ``account`` say
who the code pays), AMOUNT_MISMATCH, NOT_A_PAYMENT_CODE and INVALID (with
``error``); MULTIPLE_CODES and NO_CODE come from vietqr.verify_image().
"""

import ctypes
import enum
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence, Tuple, Union

from . import _native as N
from ._errors import Status, VietQRError

VERIFY_MARKS = 8  # VQR_VERIFY_MARKS


class Verdict(enum.IntEnum):
    """enum vqr_verdict_code."""
    OK = 0
    PAYEE_NOT_ALLOWED = 1
    AMOUNT_MISMATCH = 2
    NOT_A_PAYMENT_CODE = 3
    INVALID = 4
    MULTIPLE_CODES = 5
    NO_CODE = 6


class Suspect(enum.IntFlag):
    """enum vqr_suspect: text that imitates."""
    CONFUSABLE = 1 << 0
    INVISIBLE = 1 << 1
    BIDI = 1 << 2
    CONTROL = 1 << 3
    IMITATION = 1 << 4


_KINDS = {None: 0, "any": 0, "static": 1, "dynamic": 2}
_SERVICES = {"account": 1, "card": 2, "merchant": 3}
_NETWORKS = {1: "napas", 2: "vnpay", 3: "other"}
_SERVICE_NAMES = {0: None, 1: "account", 2: "card", 3: "merchant", 4: "cash", 5: "other"}


class CPayee(ctypes.Structure):
    """struct vqr_payee."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("network", ctypes.c_int),
        ("bin", ctypes.c_char_p),
        ("account", ctypes.c_char_p),
        ("service", ctypes.c_int),
        ("name", ctypes.c_char_p),
    ]


class CVerifyOptions(ctypes.Structure):
    """struct vqr_verify_options."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("kind", ctypes.c_int),
        ("amount", ctypes.c_uint64),
        ("currency", ctypes.c_uint),
        ("parse_flags", ctypes.c_uint),
    ]


class CSuspectMark(ctypes.Structure):
    """struct vqr_suspect_mark."""
    _fields_ = [
        ("kind", ctypes.c_int),
        ("codepoint", ctypes.c_uint32),
        ("looks_like", ctypes.c_char),
        ("offset", ctypes.c_size_t),
        ("tag", ctypes.c_char * N.TAG_MAX),
    ]


_V = ctypes.c_char * N.VALUE_BUF_SIZE


class CVerdict(N._Sized):
    """struct vqr_verdict."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("verdict", ctypes.c_int),
        ("suspects", ctypes.c_uint),
        ("payee", ctypes.c_size_t),
        ("imitated", ctypes.c_size_t),
        ("network", ctypes.c_int),
        ("service", ctypes.c_int),
        ("bin", _V),
        ("account", _V),
        ("guid", _V),
        ("bank_known", ctypes.c_bool),
        ("bank_short_name", ctypes.c_char * N.BANK_SHORT_NAME_MAX),
        ("is_static", ctypes.c_bool),
        ("is_dynamic", ctypes.c_bool),
        ("amount", ctypes.c_uint64),
        ("currency", ctypes.c_uint),
        ("merchant_name", _V),
        ("merchant_name_alt", _V),
        ("purpose", _V),
        ("error", N.Error),
        ("mark_count", ctypes.c_size_t),
        ("marks", CSuspectMark * VERIFY_MARKS),
    ]


_ERR = ctypes.POINTER(N.Error)
N.declare(N.LIB, {
    "vqr_verdict_name": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_payee_init": (ctypes.c_int, [ctypes.POINTER(CPayee), ctypes.c_size_t, _ERR]),
    "vqr_verify_options_init": (ctypes.c_int, [ctypes.POINTER(CVerifyOptions), ctypes.c_size_t,
                                               _ERR]),
    "vqr_verify": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(CPayee),
                                  ctypes.c_size_t, ctypes.POINTER(CVerifyOptions),
                                  ctypes.POINTER(CVerdict), _ERR]),
})

# The library's sizes of the structs it inits must be this binding's.
for _struct, _init in ((CPayee, N.LIB.vqr_payee_init),
                       (CVerifyOptions, N.LIB.vqr_verify_options_init)):
    _probe = _struct()
    _init(ctypes.byref(_probe), ctypes.sizeof(_struct), None)
    if _probe.size != ctypes.sizeof(_struct):
        raise ImportError("%s: the library and the binding disagree on its size"
                          % _struct.__doc__)


def _utf8(value) -> Optional[bytes]:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


@dataclass(frozen=True)
class Payee:
    """One allowed payee: a bank (its BIN, or a name vietqr.find_bank knows)
    and an account as the code carries it, or, with Payee.vnpay(), a VNPAY-QR
    merchant ID. ``service``: "account" (default), "card" or "merchant".
    ``name``: the payee's name as the institution knows it, to catch codes
    that borrow it. ``label``: anything of the caller's (a stall id),
    returned as ``Result.payee_label``."""
    bank: Optional[str]
    account: str
    service: str = "account"
    name: Optional[str] = None
    network: str = "napas"
    label: Optional[str] = None

    @classmethod
    def vnpay(cls, merchant_id: str, name: Optional[str] = None,
              label: Optional[str] = None) -> "Payee":
        return cls(None, merchant_id, name=name, network="vnpay", label=label)

    def _bin(self) -> Optional[bytes]:
        if self.network == "vnpay":
            if self.bank:
                raise ValueError("a VNPAY-QR merchant has no bank: %r" % self.bank)
            return None
        if self.bank is None:
            raise ValueError("a NAPAS payee needs its bank")
        b = str(self.bank)
        if len(b) == 6 and b.isdigit():
            return b.encode("ascii")
        from ._banks import find_bank
        return find_bank(b).bin.encode("ascii")


@dataclass(frozen=True)
class SuspectMark:
    """Where a suspicious character (or a borrowed name) was found."""
    kind: Suspect
    codepoint: Optional[int]    # None for IMITATION
    looks_like: Optional[str]   # CONFUSABLE: the Latin letter it imitates
    offset: Optional[int]       # byte offset in the payload
    tag: str                    # "59", "62.08", ... or ""


@dataclass(frozen=True)
class Result:
    """What vqr_verify said of one payload."""
    verdict: Verdict
    payee: Optional[int]          # index of the allowed payee paid (OK, AMOUNT_MISMATCH)
    payee_label: Optional[str]    # its label
    imitated: Optional[int]       # index of the payee whose name it borrows
    network: Optional[str]        # "napas", "vnpay", "other" or None
    service: Optional[str]
    bin: str
    bank: str                     # short name from the directory, or ""
    bank_known: bool
    account: str
    guid: str
    is_static: bool
    is_dynamic: bool
    amount: Optional[int]
    currency: Optional[int]
    merchant_name: str
    merchant_name_alt: str
    purpose: str
    error: Optional[VietQRError]  # INVALID: why
    suspects: Tuple[SuspectMark, ...]
    suspect_kinds: Suspect
    suspect_count: int

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.OK


def _options(amount, currency, kind, profile) -> CVerifyOptions:
    o = CVerifyOptions()
    N.LIB.vqr_verify_options_init(ctypes.byref(o), ctypes.sizeof(o), None)
    if kind not in _KINDS:
        raise ValueError("kind must be None, 'any', 'static' or 'dynamic', not %r" % (kind,))
    o.kind = _KINDS[kind]
    if amount is not None:
        N.set_int(o, "amount", N.check_amount(amount), "amount")
        if amount == 0:
            raise ValueError("amount must be positive (None: no amount is checked)")
    N.set_int(o, "currency", currency, "currency")
    if profile is not None:
        from ._payload import _parse_flags
        o.parse_flags = _parse_flags(False, profile)
    return o


def _payees(payees: Iterable[Union[Payee, tuple]]):
    items = [p if isinstance(p, Payee) else Payee(*p) for p in payees]
    arr = (CPayee * max(1, len(items)))()
    keep = []
    for i, p in enumerate(items):
        c = arr[i]
        N.LIB.vqr_payee_init(ctypes.byref(c), ctypes.sizeof(c), None)
        if p.network not in ("napas", "vnpay"):
            raise ValueError("network must be 'napas' or 'vnpay', not %r" % (p.network,))
        c.network = 1 if p.network == "napas" else 2
        b = p._bin()
        acct, name = _utf8(p.account), _utf8(p.name)
        keep += [b, acct, name]
        c.bin, c.account, c.name = b, acct, name
        if p.service not in _SERVICES:
            raise ValueError("service must be 'account', 'card' or 'merchant', not %r"
                             % (p.service,))
        c.service = _SERVICES[p.service]
    return items, arr, keep


def _result(v: CVerdict, items: Sequence[Payee]) -> Result:
    marks = []
    for i in range(min(v.mark_count, VERIFY_MARKS)):
        m = v.marks[i]
        kind = Suspect(m.kind)
        marks.append(SuspectMark(
            kind=kind, codepoint=None if kind == Suspect.IMITATION else m.codepoint,
            looks_like=m.looks_like.decode("ascii") if m.looks_like != b"" else None,
            offset=None if m.offset == N.SIZE_MAX else m.offset,
            tag=m.tag.decode("ascii")))
    payee = None if v.payee == N.SIZE_MAX else v.payee
    err = None
    if v.verdict == Verdict.INVALID:
        err = VietQRError.from_c(v.error)
    return Result(
        verdict=Verdict(v.verdict), payee=payee,
        payee_label=items[payee].label if payee is not None and payee < len(items) else None,
        imitated=None if v.imitated == N.SIZE_MAX else v.imitated,
        network=_NETWORKS.get(v.network), service=_SERVICE_NAMES.get(v.service),
        bin=_text(v.bin), bank=_text(v.bank_short_name), bank_known=v.bank_known,
        account=_text(v.account), guid=_text(v.guid), is_static=v.is_static,
        is_dynamic=v.is_dynamic, amount=v.amount or None, currency=v.currency or None,
        merchant_name=_text(v.merchant_name), merchant_name_alt=_text(v.merchant_name_alt),
        purpose=_text(v.purpose), error=err, suspects=tuple(marks),
        suspect_kinds=Suspect(v.suspects), suspect_count=v.mark_count)


def verify(payload: Union[str, bytes], payees: Iterable[Union[Payee, tuple]] = (), *,
           amount: Optional[int] = None, currency: int = 704, kind: Optional[str] = None,
           profile=None) -> Result:
    """Checks who `payload` pays against `payees` (vqr_verify).

    `payees`: Payee objects, or tuples (bank, account[, service[, name]]);
    an empty list allows nobody (then the verdict says who the code pays).
    `amount`: the amount the code must ask, in minor units of `currency`
    (VND: whole dong). `kind`: "static" or "dynamic" to require one.
    `profile`: as Payload.parse (None: the library's default).

    A payee that is not well formed raises VietQRError (VQR_ERR_PAYEE, its
    index in ``offset``); a bank name that matches no bank raises it too
    (VQR_ERR_BANK_UNKNOWN). The payload's own problems are verdicts, never
    exceptions."""
    raw = payload if isinstance(payload, bytes) else str(payload).encode("utf-8")
    items, arr, keep = _payees(payees)
    o = _options(amount, currency, kind, profile)
    v = CVerdict()
    err = N.Error()
    st = N.LIB.vqr_verify(raw, len(raw), arr if items else None, len(items), ctypes.byref(o),
                          ctypes.byref(v), ctypes.byref(err))
    del keep
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return _result(v, items)
