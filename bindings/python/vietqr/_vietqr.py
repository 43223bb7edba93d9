"""VietQR (NAPAS 247): build from fields, read back, amounts in minor units."""

import ctypes
import enum
from dataclasses import dataclass
from typing import Dict, NamedTuple, Optional, Tuple

from . import _fast
from . import _native as N
from ._errors import Status, VietQRError, _code, status_name, strerror
from ._payload import Payload
from ._text import Text, _bytes

_LIB = N.LIB


class Service(enum.IntEnum):
    """enum vqr_service: the NAPAS 247 service of 38.02."""
    NONE = 0
    ACCOUNT = 1   # QRIBFTTA
    CARD = 2      # QRIBFTTC
    MERCHANT = 3  # QRPUSH
    CASH = 4      # QRCASH
    OTHER = 5


class Network(enum.IntEnum):
    """enum vqr_network."""
    NONE = 0
    NAPAS = 1
    VNPAY = 2
    OTHER = 3


def parse_amount(text: Text, currency: int = 704) -> int:
    """An amount as 54 carries it, in minor units of `currency` (ISO 4217
    numeric; 704 is VND): "50000" -> 50000, "12.5" in USD (840) -> 1250."""
    raw = _bytes(text)
    currency = N.check_int(currency, ctypes.c_uint, "currency")
    minor = ctypes.c_uint64(0)
    err = N.Error()
    st = _LIB.vqr_amount_parse(raw, len(raw), currency, ctypes.byref(minor), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return minor.value


def format_amount(minor: int, currency: int = 704) -> str:
    """An amount in minor units written as 54 carries it: 1250 USD -> "12.50"."""
    minor = N.check_int(minor, ctypes.c_uint64, "an amount in minor units")
    currency = N.check_int(currency, ctypes.c_uint, "currency")
    buf = ctypes.create_string_buffer(N.AMOUNT_BUF_SIZE)
    out_len = ctypes.c_size_t(0)
    err = N.Error()
    st = _LIB.vqr_amount_format(minor, currency, buf, len(buf), ctypes.byref(out_len),
                                ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return buf.raw[:out_len.value].decode("ascii")


def amount_words(vnd: int, south: bool = False, tu: bool = False, currency: int = 704) -> str:
    """A VND amount in Vietnamese words, as invoices print it
    (vqr_amount_words_vi): 1250000 -> "Một triệu hai trăm năm mươi nghìn
    đồng". `south` writes "ngàn" and "lẻ"; `tu` writes "tư" for 4 after a
    tens word from twenty. At most 13 digits; 0 is "Không đồng"."""
    vnd = N.check_int(vnd, ctypes.c_uint64, "an amount")
    currency = N.check_int(currency, ctypes.c_uint, "currency")
    flags = (N.AMOUNT_WORDS_SOUTH if south else 0) | (N.AMOUNT_WORDS_TU if tu else 0)
    buf = ctypes.create_string_buffer(N.AMOUNT_WORDS_BUF_SIZE)
    out_len = ctypes.c_size_t(0)
    err = N.Error()
    st = _LIB.vqr_amount_words_vi(vnd, currency, flags, buf, len(buf), ctypes.byref(out_len),
                                  ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return buf.raw[:out_len.value].decode("utf-8")


# Text fields of struct vqr_vietqr and the tag each one fills.
_FIELDS = {
    "bank": "38.01.00", "account": "38.01.01", "country": "58", "mcc": "52",
    "merchant_name": "59", "merchant_city": "60", "bill_number": "62.01", "store": "62.03",
    "reference": "62.05", "terminal": "62.07", "purpose": "62.08",
}


class FoldedField(NamedTuple):
    """A text field that folding changed (struct vqr_vietqr_change)."""
    tag: str       # "59", "62.08", ...
    changed: int   # characters changed
    chars: int     # characters of the field as written
    text: str      # the field as written: what bank apps will show


class VietQRReport(NamedTuple):
    """What building did with the input (struct vqr_vietqr_report)."""
    bin: str
    bank_known: bool
    changed: int
    fields: Tuple[FoldedField, ...]

    @classmethod
    def from_c(cls, r: N.VietQRReport) -> "VietQRReport":
        fields = tuple(FoldedField(f.tag.decode("ascii"), f.changed, f.chars,
                                   f.text.decode("ascii"))
                       for f in r.field[:min(r.count, N.VIETQR_TEXT_FIELDS)])
        return cls(r.bin.decode("ascii"), bool(r.bank_known), r.changed, fields)


class VietQRBuild(NamedTuple):
    payload: Payload
    text: str
    report: VietQRReport


def _request(bank: Text, account: Text, service: Optional[Service], amount: Optional[int],
             currency: Optional[int], strict_text: bool, alnum_account: bool,
             fields: Dict[str, Optional[Text]]):
    req = N.VietQRIn()
    _LIB.vqr_vietqr_init(ctypes.byref(req), ctypes.sizeof(req), None)
    fields = dict(fields, bank=bank, account=account)
    for name, value in fields.items():
        if value is None:
            continue
        if not isinstance(value, (str, bytes)):
            raise TypeError("%s must be str (or UTF-8 bytes), not %s"
                            % (name, type(value).__name__))
        raw = _bytes(value)
        if b"\0" in raw:
            # The C struct takes NUL-terminated strings: refuse what it
            # would cut short.
            at = raw.index(b"\0")
            code = Status.VQR_ERR_INVALID_ARGUMENT
            raise VietQRError(code, status_name(code), at,
                              len(raw[:at].decode("utf-8", "surrogatepass")), _FIELDS[name],
                              strerror(code), strerror(code, vietnamese=True))
        setattr(req, name, raw)
    if service is not None:
        N.set_int(req, "service", service)
    if amount is not None:
        N.check_amount(amount)
        if amount:
            N.set_int(req, "amount", amount, "an amount in minor units")
    if currency is not None:
        N.set_int(req, "currency", currency)
    flags = (N.VIETQR_STRICT_TEXT if strict_text else N.VIETQR_FOLD) | \
            (N.VIETQR_ALNUM_ACCOUNT if alnum_account else 0)
    return req, flags


def _build_error(err, bank: Text) -> VietQRError:
    """A build's error; for a bank the directory cannot resolve, with the
    banks it may mean (VietQRError.suggestions)."""
    if err.code in (Status.VQR_ERR_BANK_UNKNOWN, Status.VQR_ERR_BANK_AMBIGUOUS):
        from ._banks import bank_error
        return bank_error(err, bank)
    return VietQRError.from_c(err)


def build_vietqr(bank: Text, account: Text, *, amount: Optional[int] = None,
                 purpose: Optional[Text] = None, bill_number: Optional[Text] = None,
                 reference: Optional[Text] = None, store: Optional[Text] = None,
                 terminal: Optional[Text] = None, merchant_name: Optional[Text] = None,
                 merchant_city: Optional[Text] = None, mcc: Optional[Text] = None,
                 country: Optional[Text] = None, service: Optional[Service] = None,
                 currency: Optional[int] = None, strict_text: bool = False,
                 alnum_account: bool = False) -> VietQRBuild:
    """Builds a NAPAS 247 VietQR (vqr_vietqr_build) and writes it.

    Args:
        bank: a BIN ("970436") or a name the directory resolves
            ("Vietcombank", "VCB", a SWIFT code).
        account: the account (Service.ACCOUNT), card (Service.CARD) or
            merchant ID (Service.MERCHANT) number (38.01.01).
        amount: an int in minor units (VND: đồng, 150000); None or 0 for a
            static QR, where the payer types the amount. Text such as
            "150000" is a TypeError (parse_amount reads text).
        purpose: the transfer message (62.08), at most 25 characters.
        bill_number: 62.01. reference: 62.05. store: 62.03.
        terminal: 62.07.
        merchant_name: 59, at most 25 characters. merchant_city: 60, at
            most 15. mcc: 52, 4 digits. country: 58 (default "VN").
        service: the NAPAS service (default Service.ACCOUNT).
        currency: ISO 4217 numeric (default 704, VND).
        strict_text: refuse non-ASCII text instead of folding it to ASCII.
        alnum_account: allow letters in the account (wallet virtual
            accounts).

    Text is folded to ASCII ("Học phí" -> "Hoc phi") and what changed is in
    the report. Raises VietQRError naming the field's tag (and its limit,
    for a length), TypeError for a value of the wrong type,
    IntegerRangeError for an amount out of range."""
    req, flags = _request(bank, account, service, amount, currency, strict_text, alnum_account,
                          dict(purpose=purpose, bill_number=bill_number, reference=reference,
                               store=store, terminal=terminal, merchant_name=merchant_name,
                               merchant_city=merchant_city, mcc=mcc, country=country))
    payload = Payload()
    report = N.VietQRReport()
    err = N.Error()
    with payload._lock:
        st = _LIB.vqr_vietqr_build(ctypes.byref(req), flags, payload._store, ctypes.byref(report),
                                   ctypes.byref(err))
    if st != Status.VQR_OK:
        raise _build_error(err, bank)
    return VietQRBuild(payload, payload.write(), VietQRReport.from_c(report))


def write_vietqr(bank: Text, account: Text, *, amount: Optional[int] = None,
                 purpose: Optional[Text] = None, bill_number: Optional[Text] = None,
                 reference: Optional[Text] = None, store: Optional[Text] = None,
                 terminal: Optional[Text] = None, merchant_name: Optional[Text] = None,
                 merchant_city: Optional[Text] = None, mcc: Optional[Text] = None,
                 country: Optional[Text] = None, service: Optional[Service] = None,
                 currency: Optional[int] = None, strict_text: bool = False,
                 alnum_account: bool = False) -> Tuple[str, VietQRReport]:
    """build_vietqr in one library call (vqr_vietqr_write): the payload text
    and the report, without a Payload object (for batches). The parameters
    and errors are build_vietqr's."""
    fast = _fast.FAST
    if fast is not None:
        out = fast.write((N.VIETQR_STRICT_TEXT if strict_text else N.VIETQR_FOLD) |
                         (N.VIETQR_ALNUM_ACCOUNT if alnum_account else 0),
                         service, amount, currency, bank, account, country, mcc, merchant_name,
                         merchant_city, bill_number, store, reference, terminal, purpose)
        if out is not None:
            return out
    req, flags = _request(bank, account, service, amount, currency, strict_text, alnum_account,
                          dict(purpose=purpose, bill_number=bill_number, reference=reference,
                               store=store, terminal=terminal, merchant_name=merchant_name,
                               merchant_city=merchant_city, mcc=mcc, country=country))
    buf = ctypes.create_string_buffer(N.PAYLOAD_BUF_SIZE)
    out_len = ctypes.c_size_t(0)
    report = N.VietQRReport()
    err = N.Error()
    st = _LIB.vqr_vietqr_write(ctypes.byref(req), flags, buf, len(buf), ctypes.byref(out_len),
                               ctypes.byref(report), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise _build_error(err, bank)
    return buf.raw[:out_len.value].decode("ascii"), VietQRReport.from_c(report)


@dataclass(frozen=True)
class VietQRInfo:
    """A payload read as a VietQR (struct vqr_vietqr_info); "" when absent."""
    __slots__ = ("network", "mai_id", "guid", "bin", "bank_known", "bank_short_name", "bank_name",
                 "bank_swift", "account", "service", "service_code", "is_static", "is_dynamic",
                 "amount", "amount_minor", "amount_status", "currency", "currency_alpha",
                 "country", "mcc", "merchant_name", "merchant_city", "bill_number", "store",
                 "reference", "terminal", "purpose")
    network: Network
    mai_id: int
    guid: str
    bin: str
    bank_known: bool
    bank_short_name: str
    bank_name: str
    bank_swift: str
    account: str
    service: Service
    service_code: str
    is_static: bool
    is_dynamic: bool
    amount: str
    amount_minor: int
    amount_status: int   # a Status: why amount_minor could not be read, or VQR_OK
    currency: int
    currency_alpha: str
    country: str
    mcc: str
    merchant_name: str
    merchant_city: str
    bill_number: str
    store: str
    reference: str
    terminal: str
    purpose: str

    # Frozen with __slots__: copy and pickle go through these (as
    # dataclass(slots=True) of Python 3.10 does it).
    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state) -> None:
        for name, value in zip(self.__slots__, state):
            object.__setattr__(self, name, value)

    @classmethod
    def from_c(cls, i: N.VietQRInfo) -> "VietQRInfo":
        kw = {}
        for name, ctype in N.VietQRInfo._fields_:
            if name == "size":
                continue
            value = getattr(i, name)
            if isinstance(value, bytes):
                value = value.decode("utf-8")
            kw[name] = value
        kw["network"] = Network(kw["network"])
        kw["service"] = Service(kw["service"])
        kw["amount_status"] = _code(kw["amount_status"])
        return cls(**kw)


def read_vietqr(payload: Payload) -> VietQRInfo:
    """The VietQR view of a payload (vqr_vietqr_read). Raises VietQRError,
    e.g. VQR_ERR_NOT_VIETQR."""
    info = N.VietQRInfo()
    err = N.Error()
    with payload._lock:
        st = _LIB.vqr_vietqr_read(payload._store, ctypes.byref(info), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return VietQRInfo.from_c(info)


_fast.configure(VietQRInfo, Network, Service, {int(s): s for s in Status}, VietQRReport,
                FoldedField, Payload)

__all__ = ["Service", "Network", "parse_amount", "format_amount", "FoldedField", "VietQRReport",
           "VietQRBuild", "build_vietqr", "write_vietqr", "VietQRInfo", "read_vietqr"]
