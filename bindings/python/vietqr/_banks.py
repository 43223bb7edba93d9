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


def bank_by_bin(bin: Text) -> Optional[Bank]:
    """The bank with this 6-digit BIN, or None (vqr_bank_find_bin)."""
    raw = _bytes(bin)
    ptr = ctypes.POINTER(N.Bank)()
    _LIB.vqr_bank_find_bin(raw, len(raw), ctypes.byref(ptr), None)  # NULL when not found
    return Bank.from_c(ptr) if ptr else None


def find_bank(query: Text) -> Optional[Bank]:
    """The one bank a user means: BIN, short name, alias, former or full
    name (with or without diacritics), SWIFT code (vqr_bank_find); None
    when no bank matches, like bank_by_bin. Raises VietQRError
    VQR_ERR_BANK_AMBIGUOUS when several do (find_banks lists them)."""
    raw = _bytes(query)
    out = ctypes.POINTER(N.Bank)()
    err = N.Error()
    st = _LIB.vqr_bank_find(raw, len(raw), ctypes.byref(out), ctypes.byref(err))
    if st == Status.VQR_ERR_BANK_UNKNOWN:
        return None
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return Bank.from_c(out)


def find_banks(query: Text) -> List[Bank]:
    """Every bank the query matches (vqr_bank_find_all); [] when none."""
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


def bank_data_version() -> str:
    """Version of the bank data compiled in, "YYYY.MM.N"."""
    return _LIB.vqr_bank_data_version().decode("ascii")


__all__ = ["Bank", "banks", "bank_by_bin", "find_bank", "find_banks", "bank_data_version"]
