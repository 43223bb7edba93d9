"""Vietnamese text: folding to ASCII for ans fields, NFC for S fields."""

import ctypes
from typing import NamedTuple, Union

from . import _native as N
from ._errors import Status, VietQRError

_LIB = N.LIB
Text = Union[str, bytes, bytearray, memoryview]


def _bytes(data: Text) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError("expected str or bytes, not %s" % type(data).__name__)


class Folded(NamedTuple):
    """The outcome of fold_text (vqr_text_fold)."""
    text: str      # printable ASCII
    changed: int   # characters folded; 0 when the text was already ASCII


def fold_text(text: Text, strict: bool = False) -> Folded:
    """Folds Vietnamese (and other Latin) text to printable ASCII for an
    ans field: "Thanh toán học phí" -> "Thanh toan hoc phi". A character
    that does not fold (or, strict, any non-ASCII one) raises VietQRError
    VQR_ERR_TEXT_NOT_ASCII with its byte and character offsets; a control
    character VQR_ERR_TEXT_CONTROL; nothing is dropped silently."""
    raw = _bytes(text)
    out = ctypes.create_string_buffer(len(raw) + 1)  # never longer than the input
    out_len = ctypes.c_size_t(0)
    changed = ctypes.c_size_t(0)
    err = N.Error()
    flags = N.TEXT_STRICT if strict else N.TEXT_FOLD
    st = _LIB.vqr_text_fold(raw, len(raw), flags, out, len(out), ctypes.byref(out_len),
                            ctypes.byref(changed), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return Folded(out.raw[:out_len.value].decode("ascii"), changed.value)


def nfc(text: Text) -> str:
    """Text in Unicode Normalization Form C (vqr_text_nfc), as S fields
    such as 64.01 require."""
    raw = _bytes(text)
    cap = 3 * len(raw) + 1  # NFC is at most three times the bytes
    out_len = ctypes.c_size_t(0)
    err = N.Error()
    while True:
        out = ctypes.create_string_buffer(cap)
        st = _LIB.vqr_text_nfc(raw, len(raw), out, cap, ctypes.byref(out_len), ctypes.byref(err))
        if st == Status.VQR_ERR_BUFFER_TOO_SMALL and out_len.value + 1 > cap:
            cap = out_len.value + 1
            continue
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)
        return out.raw[:out_len.value].decode("utf-8")


__all__ = ["Folded", "fold_text", "nfc"]
