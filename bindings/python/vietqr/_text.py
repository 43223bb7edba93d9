"""Vietnamese text: folding to ASCII for ans fields, NFC for S fields, and
the one rule for showing untrusted text (escape)."""

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


class Escaped(NamedTuple):
    """The outcome of escape (vqr_text_escape)."""
    text: str     # safe to show: no control, bidirectional or invisible character
    unsafe: int   # characters shown escaped; warn the reader when it is not 0


_FORMS = {"text": N.ESCAPE_TEXT, "json": N.ESCAPE_JSON, "json-document": N.ESCAPE_JSON_DOCUMENT}


def escape(text: Text, form: str = "text") -> Escaped:
    """Text from a payload (or any untrusted source) as it can be shown
    (vqr_text_escape): controls, bidirectional controls, zero-width and
    other invisible characters, line separators and bytes that are not
    UTF-8 become escapes ("\\x1b", "\\u202e"), a backslash two. `form`:
    "text" (terminals, logs), "json" (the content of a JSON string) or
    "json-document" (a whole JSON text, e.g. json.dumps(obj,
    ensure_ascii=False)). The JSON forms raise VietQRError VQR_ERR_UTF8 for
    bytes that are not UTF-8."""
    if form not in _FORMS:
        raise ValueError("form is one of %s, not %r" % (", ".join(_FORMS), form))
    raw = _bytes(text)
    out_len = ctypes.c_size_t(0)
    unsafe = ctypes.c_size_t(0)
    err = N.Error()
    out = ctypes.create_string_buffer(6 * len(raw) + 1)  # VQR_ESCAPE_SIZE
    st = _LIB.vqr_text_escape(raw, len(raw), _FORMS[form], out, len(out), ctypes.byref(out_len),
                              ctypes.byref(unsafe), ctypes.byref(err))
    if st != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return Escaped(out.raw[:out_len.value].decode("utf-8"), unsafe.value)


__all__ = ["Folded", "fold_text", "nfc", "Escaped", "escape"]
