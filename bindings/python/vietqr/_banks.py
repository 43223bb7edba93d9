"""The bank directory compiled into libvietqr."""

import ctypes
from dataclasses import dataclass
from typing import List, Optional

from . import _native as N
from ._errors import Status, VietQRError
from ._text import Text, _bytes

_LIB = N.LIB


@dataclass(frozen=True)
class Bank:
    """One bank of the directory (struct vqr_bank)."""
    bin: str                 # "970436"
    short_name: str          # "Vietcombank"
    name: str                # full Vietnamese name
    swift: Optional[str]     # SWIFT/BIC, or None

    @classmethod
    def from_c(cls, ptr) -> "Bank":
        b = ptr.contents
        return cls(b.bin.decode("ascii"), b.short_name.decode("utf-8"), b.name.decode("utf-8"),
                   b.swift.decode("ascii") if b.swift is not None else None)


def banks() -> List[Bank]:
    """Every bank of the directory, in ascending order of BIN."""
    out = []
    for i in range(_LIB.vqr_bank_count()):
        ptr = ctypes.POINTER(N.Bank)()
        err = N.Error()
        if _LIB.vqr_bank_at(i, ctypes.byref(ptr), ctypes.byref(err)) != Status.VQR_OK:
            raise VietQRError.from_c(err)
        out.append(Bank.from_c(ptr))
    return out


def bank_by_bin(bin: Text) -> Bank:
    """The bank with this 6-digit BIN (vqr_bank_find_bin). Like find_bank,
    raises VietQRError when there is none: VQR_ERR_BANK_UNKNOWN for a BIN
    the directory does not hold (not every VietQR BIN is in it),
    VQR_ERR_BIN for one that is not 6 digits."""
    raw = _bytes(bin)
    ptr = ctypes.POINTER(N.Bank)()
    err = N.Error()
    if _LIB.vqr_bank_find_bin(raw, len(raw), ctypes.byref(ptr), ctypes.byref(err)) != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return Bank.from_c(ptr)


def find_bank(query: Text) -> Bank:
    """The one bank a user means: BIN, short name, alias, former or full
    name (with or without diacritics), SWIFT code (vqr_bank_find). Like
    bank_by_bin, raises VietQRError when there is none:
    VQR_ERR_BANK_UNKNOWN or VQR_ERR_BANK_AMBIGUOUS, with the banks the
    query may mean in ``suggestions`` (find_banks lists every match)."""
    raw = _bytes(query)
    out = ctypes.POINTER(N.Bank)()
    err = N.Error()
    st = _LIB.vqr_bank_find(raw, len(raw), ctypes.byref(out), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise bank_error(err, query)
    return Bank.from_c(out)


def bank_error(err, query: Text) -> VietQRError:
    """The error of a bank look-up, with the banks the query may mean when
    it is unknown or ambiguous."""
    suggestions = ()
    if err.code in (Status.VQR_ERR_BANK_UNKNOWN, Status.VQR_ERR_BANK_AMBIGUOUS):
        suggestions = suggest_banks(query)
    return VietQRError.from_c(err, suggestions=suggestions)


def find_banks(query: Text) -> List[Bank]:
    """Every bank whose BIN, short name, full name, SWIFT code, alias or
    former name holds the query, ignoring case, diacritics, spaces and
    punctuation (vqr_bank_find_all): "vietcom", "ngoai thuong", "cimb".
    [] when none."""
    raw = _bytes(query)
    count = ctypes.c_size_t(0)
    err = N.Error()
    cap = 4
    while True:
        out = (ctypes.POINTER(N.Bank) * cap)()
        st = _LIB.vqr_bank_find_all(raw, len(raw), out, cap, ctypes.byref(count),
                                    ctypes.byref(err))
        if st == Status.VQR_ERR_BUFFER_TOO_SMALL and count.value > cap:
            cap = count.value
            continue
        if st == Status.VQR_ERR_BANK_UNKNOWN:
            return []
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)
        return [Bank.from_c(out[i]) for i in range(count.value)]


def suggest_banks(query: Text, limit: int = 3) -> List[Bank]:
    """The banks a mistyped or partial name may mean, best first, at most
    `limit` (vqr_bank_suggest): "Vietcombnak" gives Vietcombank."""
    if not isinstance(limit, int) or limit < 0 or limit > 1 << 16:
        raise ValueError("limit is 0 to 65536, not %r" % (limit,))
    raw = _bytes(query)
    out = (ctypes.POINTER(N.Bank) * max(limit, 1))()
    count = ctypes.c_size_t(0)
    err = N.Error()
    st = _LIB.vqr_bank_suggest(raw, len(raw), out, limit, ctypes.byref(count), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return [Bank.from_c(out[i]) for i in range(count.value)]


def bank_data_version() -> str:
    """Version of the bank data compiled in, "YYYY.MM.N"."""
    return _LIB.vqr_bank_data_version().decode("ascii")


__all__ = ["Bank", "banks", "bank_by_bin", "find_bank", "find_banks", "suggest_banks",
           "bank_data_version"]
