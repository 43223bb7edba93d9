"""Payment references and reconciliation (vqr_ref_*, vqr_recon_*).

A reference is an issuer's prefix, six digits and two check characters
("HP24000123" + "SQ", ISO/IEC 7064 MOD 1271-36) that goes into a QR's bill number and purpose; the
payer's bank copies it into the transfer description, and
find_references() reads it back however the bank rewrote the text.
reconcile() matches transactions to issued references exactly as
`vietqr reconcile` does (the same library code): by the reference in the
description, never by name or amount.

A web application can reconcile one webhook event at a time against its
own database: pass the invoices the event may concern with what they have
received so far, and the event::

    rows = [{"reference": inv.reference, "amount": inv.amount,
             "received": inv.received}]
    [result] = vietqr.reconcile(rows, [event], prefixes=["HP24"])
    if result.status in ("paid", "overpaid", "underpaid"): ...

SePay events (id, transactionDate, content, transferType,
transferAmount) and Casso transactions (id, when, description, amount) are
taken as they are; so are plain rows with id, date, amount and memo.
"""

import ctypes
import datetime
import functools
import threading
from dataclasses import dataclass
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native as N
from ._errors import Status, VietQRError
from ._text import Text, _bytes

_LIB = N.LIB

REFERENCE_PREFIX_MIN = N.REF_PREFIX_MIN
REFERENCE_PREFIX_MAX = N.REF_PREFIX_MAX
REFERENCE_DIGITS = N.REF_DIGITS
REFERENCE_SEQUENCE_MAX = N.REF_SEQUENCE_MAX

# The eight statuses, in the order of enum vqr_match (1-8).
STATUSES = ("paid", "underpaid", "overpaid", "duplicate", "multiple_references",
            "unknown_reference", "no_reference", "debit")


def _ascii(text: Text, what: str) -> bytes:
    raw = _bytes(text)
    if b"\0" in raw:
        raise ValueError("%s holds a NUL character" % what)
    return raw


def _check(st: int, err: N.Error) -> None:
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)


def make_reference(prefix: str, sequence: int) -> str:
    """The reference of `sequence` (0-999999) under `prefix` (2-6 letters
    and digits, the first a letter; lower case is taken as upper case):
    make_reference("HP24", 123) -> "HP24000123SQ" (two check characters).
    Raises VietQRError VQR_ERR_REF_PREFIX or VQR_ERR_REF_SEQUENCE."""
    if not isinstance(sequence, int) or isinstance(sequence, bool):
        raise TypeError("sequence must be an int")
    if sequence < 0:
        raise ValueError("a sequence is 0 or more")
    if sequence >= 1 << 32:
        raise VietQRError.from_status(Status.VQR_ERR_REF_SEQUENCE)
    buf = ctypes.create_string_buffer(N.REF_BUF_SIZE)
    n = ctypes.c_size_t(0)
    err = N.Error()
    _check(_LIB.vqr_ref_make(_ascii(prefix, "prefix"), sequence, buf, len(buf), ctypes.byref(n),
                             ctypes.byref(err)), err)
    return buf.raw[:n.value].decode("ascii")


def check_reference(text: Text) -> None:
    """Raises VietQRError unless `text` is exactly one reference, upper
    case and without separators, whose check characters match:
    VQR_ERR_REF_FORMAT (offset of the character out of place) or
    VQR_ERR_REF_CHECK (a mistyped character or two swapped neighbours)."""
    raw = _bytes(text)
    err = N.Error()
    _check(_LIB.vqr_ref_check(raw, len(raw), ctypes.byref(err)), err)


def is_reference(text: Text) -> bool:
    """Whether `text` is exactly one valid reference (check_reference)."""
    raw = _bytes(text)
    return _LIB.vqr_ref_check(raw, len(raw), None) == Status.VQR_OK


def find_references(memo: Text, prefix: str) -> List[str]:
    """Every reference of `prefix` in a bank transfer description, however
    the bank wrote it (any case; spaces, dots, dashes, slashes added or
    removed; bank prefixes and suffixes; neighbours run together), each once,
    in order of first appearance. A reference whose check characters fail
    is never returned; one with a character dropped or added is read as
    another reference about once in 4,000."""
    raw = _bytes(memo)
    pfx = _ascii(prefix, "prefix")
    # Two references overlap by at most their check characters (the next
    # prefix): one ends at least every prefix + six digits characters.
    cap = len(raw) // (N.REF_PREFIX_MIN + N.REF_DIGITS) + 1
    out = (N.RefMatch * cap)()
    count = ctypes.c_size_t(0)
    err = N.Error()
    _check(_LIB.vqr_ref_find(raw, len(raw), pfx, out, cap, ctypes.byref(count),
                             ctypes.byref(err)), err)
    found: List[str] = []
    for i in range(count.value):
        ref = out[i].reference.decode("ascii")
        if ref not in found:
            found.append(ref)
    return found


def parse_bank_amount(text: Text) -> int:
    """An amount of đồng as statements write it (vqr_recon_amount_parse):
    "1.500.000", "1,500,000", "+1.500.000 VND", "(500.000)" -> -500000."""
    raw = _bytes(text)
    v = ctypes.c_int64(0)
    err = N.Error()
    _check(_LIB.vqr_recon_amount_parse(raw, len(raw), ctypes.byref(v), ctypes.byref(err)), err)
    return v.value


# ---- rows ----

def _get(row: Any, *names: str, default: Any = None) -> Any:
    if isinstance(row, Mapping):
        for n in names:
            if n in row and row[n] is not None:
                return row[n]
        return default
    for n in names:
        v = getattr(row, n, None)
        if v is not None:
            return v
    return default


def _amount(v: Any, what: str) -> int:
    if isinstance(v, bool):
        raise TypeError("%s is a bool" % what)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if v != int(v):
            raise ValueError("%s %r is not a whole number of dong" % (what, v))
        return int(v)
    if isinstance(v, (str, bytes)):
        return parse_bank_amount(v)
    raise TypeError("%s must be an int or a string, not %s" % (what, type(v).__name__))


def _text(v: Any) -> bytes:
    if v is None:
        return b""
    if isinstance(v, bool):
        raise TypeError("expected text, not a bool")
    if isinstance(v, int):
        return str(v).encode("ascii")
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S").encode("ascii")
    if isinstance(v, datetime.date):
        return v.strftime("%Y-%m-%d").encode("ascii")
    return _bytes(v)


def transaction_from_event(event: Any) -> dict:
    """A plain transaction (id, date, amount, memo) from a SePay webhook
    event (id, transactionDate, content, transferType "in"/"out",
    transferAmount), a Casso transaction (id, when, description, amount,
    negative for debits) or a row that already has id, date, amount and
    memo (or description, content)."""
    if _get(event, "transferType") is not None or _get(event, "transferAmount") is not None:
        kind = _get(event, "transferType", default="in")
        if kind not in ("in", "out"):
            raise ValueError('transferType must be "in" or "out", not %r' % (kind,))
        amount = _amount(_get(event, "transferAmount", default=0), "transferAmount")
        if kind == "out" and amount > 0:
            amount = -amount
        memo = _get(event, "content") or _get(event, "description", default="")
        return {"id": _get(event, "id", default=""), "date": _get(event, "transactionDate"),
                "amount": amount, "memo": memo}
    if _get(event, "when") is not None and _get(event, "date") is None:
        return {"id": _get(event, "id", "tid", default=""), "date": _get(event, "when"),
                "amount": _amount(_get(event, "amount", default=0), "amount"),
                "memo": _get(event, "description", default="")}
    return {"id": _get(event, "id", "transaction_id", default=""),
            "date": _get(event, "date", "transactionDate", "when"),
            "amount": _amount(_get(event, "amount", default=0), "amount"),
            "memo": _get(event, "memo", "description", "content", default="")}


@dataclass(frozen=True)
class ReconResult:
    """What one transaction turned out to be (struct vqr_recon_result)."""
    transaction_id: str
    status: str                  # one of STATUSES
    reference: Optional[str]     # the one reference; the first of several; None
    references: Tuple[str, ...]  # every different reference found
    issued_index: Optional[int]  # the issued row it counted for
    issued_amount: Optional[int]
    amount: int                  # the transaction's, negative for a debit
    difference: Optional[int]    # received for the reference, now, minus issued
    repeat_of: Optional[int]     # index of the identical earlier transaction

    @property
    def counted(self) -> bool:
        """Whether its money counted for an issued reference."""
        return self.status in ("paid", "underpaid", "overpaid", "duplicate") and \
            self.repeat_of is None


@dataclass(frozen=True)
class IssuedState:
    """Where an issued reference stands (struct vqr_recon_issued)."""
    reference: str
    amount: int
    received: int
    outstanding: int
    paid: bool
    transactions: int


def _locked(method):
    """One call at a time on a Reconciliation: vqr_recon is not for two
    threads at once, and ctypes lets other threads run during a call (a
    close() in one thread while another adds would free what it reads)."""
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return call


class Reconciliation:
    """vqr_recon: issued references first (and prefixes), then
    transactions, then run(); results in the order added. Methods take a
    lock, so one Reconciliation may be shared between threads (each call
    is done whole; the order of calls from different threads is theirs)."""

    def __init__(self, prefixes: Iterable[str] = ()):
        self._lock = threading.RLock()
        self._r = ctypes.c_void_p()
        err = N.Error()
        _check(_LIB.vqr_recon_new(None, ctypes.byref(self._r), ctypes.byref(err)), err)
        self._ran = False
        for p in prefixes:
            self.add_prefix(p)

    @_locked
    def close(self) -> None:
        if self._r:
            _LIB.vqr_recon_free(self._r)
            self._r = ctypes.c_void_p()

    def __enter__(self) -> "Reconciliation":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def _handle(self) -> ctypes.c_void_p:
        if not self._r:
            raise ValueError("the reconciliation is closed")
        return self._r

    @_locked
    def add_prefix(self, prefix: str) -> None:
        err = N.Error()
        _check(_LIB.vqr_recon_add_prefix(self._handle(), _ascii(prefix, "prefix"),
                                         ctypes.byref(err)), err)

    @_locked
    def add_issued(self, reference: str, amount: Any, received: Any = 0) -> int:
        """Adds an issued reference; returns its index."""
        raw = _bytes(reference)
        a = _amount(amount, "amount")
        rcv = _amount(received, "received")
        if a <= 0 or rcv < 0:
            if a == 0:
                raise VietQRError.from_status(Status.VQR_ERR_AMOUNT_ZERO)
            raise ValueError("an issued amount and what it received are not negative")
        err = N.Error()
        _check(_LIB.vqr_recon_add_issued(self._handle(), raw, len(raw), a, rcv,
                                         ctypes.byref(err)), err)
        return _LIB.vqr_recon_issued_count(self._r) - 1

    @_locked
    def add_transaction(self, id: Any, date: Any, amount: Any, memo: Any) -> int:
        """Adds a transaction; returns its index."""
        tx = N.ReconTx()
        _LIB.vqr_recon_tx_init(ctypes.byref(tx), ctypes.sizeof(tx), None)
        bid, bdate, bmemo = _text(id), _text(date), _text(memo)
        tx.id, tx.id_len = bid, len(bid)
        tx.date, tx.date_len = bdate, len(bdate)
        N.set_int(tx, "amount", _amount(amount, "amount"))  # int64: never wrapped
        tx.memo, tx.memo_len = bmemo, len(bmemo)
        index = ctypes.c_size_t(0)
        err = N.Error()
        _check(_LIB.vqr_recon_add_tx(self._handle(), ctypes.byref(tx), ctypes.byref(index),
                                     ctypes.byref(err)), err)
        return index.value

    @_locked
    def add_event(self, event: Any) -> int:
        """Adds a SePay event, a Casso transaction or a plain row."""
        t = transaction_from_event(event)
        return self.add_transaction(t["id"], t["date"], t["amount"], t["memo"])

    @_locked
    def run(self) -> None:
        err = N.Error()
        _check(_LIB.vqr_recon_run(self._handle(), ctypes.byref(err)), err)
        self._ran = True

    @_locked
    def result(self, index: int) -> ReconResult:
        res = N.ReconResult()
        err = N.Error()
        _check(_LIB.vqr_recon_result_get(self._handle(), index, ctypes.byref(res),
                                         ctypes.byref(err)), err)
        refs = []
        for k in range(res.references):
            buf = ctypes.create_string_buffer(N.REF_BUF_SIZE)
            _check(_LIB.vqr_recon_tx_reference(self._r, index, k, buf, ctypes.byref(err)), err)
            refs.append(buf.value.decode("ascii"))
        counted = res.issued != N.SIZE_MAX
        tid = ctypes.string_at(res.id, res.id_len).decode("utf-8", "replace") if res.id_len else ""
        return ReconResult(
            transaction_id=tid,
            status=_LIB.vqr_match_name(res.status).decode("ascii"),
            reference=res.reference.decode("ascii") or None,
            references=tuple(refs),
            issued_index=res.issued if counted else None,
            issued_amount=res.issued_amount if counted else None,
            amount=res.amount,
            difference=res.difference if counted else None,
            repeat_of=None if res.repeat_of == N.SIZE_MAX else res.repeat_of)

    @property
    @_locked
    def results(self) -> List[ReconResult]:
        """Every transaction's result, in the order added."""
        return [self.result(i) for i in range(_LIB.vqr_recon_tx_count(self._handle()))]

    @_locked
    def order(self) -> List[int]:
        """The transactions' indices in the order they were classified
        (date, then ID, then the order added)."""
        out = []
        err = N.Error()
        idx = ctypes.c_size_t(0)
        for k in range(_LIB.vqr_recon_tx_count(self._handle())):
            _check(_LIB.vqr_recon_order(self._r, k, ctypes.byref(idx), ctypes.byref(err)), err)
            out.append(idx.value)
        return out

    @_locked
    def issued(self, index: int) -> IssuedState:
        s = N.ReconIssued()
        err = N.Error()
        _check(_LIB.vqr_recon_issued_get(self._handle(), index, ctypes.byref(s),
                                         ctypes.byref(err)), err)
        return IssuedState(s.reference.decode("ascii"), s.amount, s.received, s.outstanding,
                           bool(s.paid), s.transactions)

    @property
    @_locked
    def issued_states(self) -> List[IssuedState]:
        """Every issued reference, in the order added."""
        return [self.issued(i) for i in range(_LIB.vqr_recon_issued_count(self._handle()))]

    @property
    @_locked
    def unpaid(self) -> List[IssuedState]:
        """The issued references not paid in full."""
        return [s for s in self.issued_states if not s.paid]


def _issued_row(row: Any) -> Tuple[str, Any, Any]:
    if isinstance(row, (tuple, list)):
        if len(row) not in (2, 3):
            raise ValueError("an issued row is (reference, amount[, received])")
        return row[0], row[1], row[2] if len(row) == 3 else 0
    ref = _get(row, "reference")
    if ref is None:
        raise ValueError("an issued row without a reference: %r" % (row,))
    return ref, _get(row, "amount"), _get(row, "received", "paid", default=0)


def reconcile(issued: Iterable[Any], transactions: Iterable[Any],
              prefixes: Sequence[str] = ()) -> List[ReconResult]:
    """Reconciles `transactions` (SePay events, Casso transactions or rows
    with id, date, amount and memo) against `issued` rows (reference,
    amount and, optionally, received: dicts, objects or tuples), and
    returns one ReconResult per transaction, in the order given.
    `prefixes` adds prefixes whose references count as unknown_reference;
    the issued references' own are known already."""
    with Reconciliation(prefixes) as r:
        for row in issued:
            ref, amount, received = _issued_row(row)
            r.add_issued(ref, amount, received)
        for t in transactions:
            r.add_event(t)
        r.run()
        return r.results


__all__ = ["make_reference", "check_reference", "is_reference", "find_references",
           "parse_bank_amount", "transaction_from_event", "ReconResult", "IssuedState",
           "Reconciliation", "reconcile", "STATUSES"]
