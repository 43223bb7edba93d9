"""Payload: parse, inspect, edit and write EMVCo MPM / VietQR payloads.

A Payload owns the fixed-size storage of one vqr_payload (its size read
from vqr_payload_sizeof(), held in an array of 64-bit words so it is
aligned for every member). Text goes to the library as UTF-8 bytes with an
explicit length; lone surrogates in a str are passed through so the library
reports them as VQR_ERR_UTF8 at their offset.

A Payload serialises its own calls with a lock (ctypes releases the GIL
during a call), so sharing one between threads is safe but not parallel.
"""

import ctypes
import enum
import threading
from dataclasses import dataclass
from typing import Iterator, List, NamedTuple, Optional, Tuple, Union

from . import _fast
from . import _native as N
from ._errors import Diagnostic, Severity, Status, VietQRError

Text = Union[str, bytes, bytearray, memoryview]
_LIB = N.LIB
_WORDS = (_LIB.vqr_payload_sizeof() + 7) // 8


def _bytes(data: Text) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError("expected str or bytes, not %s" % type(data).__name__)


def _path(path: str) -> bytes:
    """A tag path as a C string. Text the library could never read as a path
    (non-ASCII, an embedded NUL) is VQR_ERR_BAD_PATH without a call."""
    if not isinstance(path, str):
        raise TypeError("a tag path is a str like '62.08', not %s" % type(path).__name__)
    if "\0" in path or not path.isascii():
        raise VietQRError.from_status(Status.VQR_ERR_BAD_PATH)
    return path.encode("ascii")


def _view_text(view) -> Optional[str]:
    if not view.ptr:
        return None
    return ctypes.string_at(view.ptr, view.len).decode("utf-8")


class Profile(enum.IntEnum):
    """The validation profile of a parse (enum vqr_profile). Its ``name``
    in lower case is how the library and the tool spell it ("vietqr")."""
    NONE = 0     # not parsed: an empty or built payload
    EMVCO = 1    # strict EMVCo MPM v1.1
    VIETQR = 2   # NAPAS 247 (VietQR) rules on the EMVCo structure
    LENIENT = 3  # EMVCo, with the rules real payloads break as warnings


_PROFILE_FLAGS = {Profile.EMVCO: N.PARSE_EMVCO, Profile.VIETQR: N.PARSE_VIETQR,
                  Profile.LENIENT: N.PARSE_LENIENT}


def _parse_flags(lenient: bool, profile) -> int:
    """The vqr_parse_flags for parse(): None / "default" chooses from the
    payload; a Profile or its name ("emvco", "vietqr", "lenient") forces one."""
    if profile is None or profile == "default":
        return N.PARSE_LENIENT if lenient else N.PARSE_DEFAULT
    if isinstance(profile, str) and not isinstance(profile, Profile):
        try:
            profile = Profile[profile.upper()]
        except KeyError:
            raise ValueError("profile is 'default', 'emvco', 'vietqr' or 'lenient', not %r"
                             % profile) from None
    if not isinstance(profile, Profile) or profile == Profile.NONE:
        raise ValueError("profile is 'default', 'emvco', 'vietqr' or 'lenient', not %r"
                         % (profile,))
    if lenient and profile != Profile.LENIENT:
        raise ValueError("lenient=True contradicts profile=%r" % profile.name.lower())
    return _PROFILE_FLAGS[profile]


class CrcInfo(NamedTuple):
    """The CRC of the last parse (vqr_payload_crc)."""
    given: str      # the four characters after 6304, as written ("" if none)
    computed: str   # the CRC computed over the payload ("" if it has no 6304)
    ok: bool        # both exist and match, ignoring case


class CrcCheck(NamedTuple):
    """The outcome of crc_check (vqr_crc_check)."""
    ok: bool
    status: Status  # VQR_OK, VQR_ERR_CRC_MISMATCH or VQR_ERR_CRC_MISSING
    expected: str   # the right CRC in upper case ("" for fewer than 4 bytes)


@dataclass(frozen=True)
class PayloadObject:
    """One object of the tree (vqr_payload_object)."""
    id: int
    tag: str
    depth: int
    is_template: bool
    raw: bool
    value: Optional[str]          # None for a template changed since parsing
    offset: Optional[int]         # byte offset of its ID in the input; None if set later
    char_offset: Optional[int]
    children: Tuple["PayloadObject", ...] = ()


class Payload:
    """A parsed or built payload. ``Payload()`` is empty with 00 = "01"."""

    __slots__ = ("_store", "_lock", "__weakref__")

    def __init__(self) -> None:
        fast = _fast.FAST
        self._store = fast.store() if fast is not None else (ctypes.c_uint64 * _WORDS)()
        self._lock = threading.Lock()
        _LIB.vqr_payload_init(self._store)

    @classmethod
    def parse(cls, data: Text, lenient: bool = False, profile=None) -> "Payload":
        """Parses and validates a payload; raises VietQRError on its first
        error, with every diagnostic in ``err.diagnostics``. Warnings (and,
        in lenient mode, downgraded rule violations) are in ``.diagnostics``.

        The rules are those of a profile: by default (``profile=None``) the
        VietQR profile (NAPAS 247) when the payload carries a NAPAS 38
        template, strict EMVCo otherwise; ``profile="emvco"``, ``"vietqr"``
        or ``"lenient"`` (or a Profile) forces one; ``lenient=True`` is
        ``profile="lenient"``. ``.profile`` tells which one was used."""
        flags = N.PARSE_DEFAULT if profile is None and not lenient else \
            _parse_flags(lenient, profile)
        fast = _fast.FAST
        if fast is not None and cls is Payload:
            self = fast.parse(data, flags)
            if self is not None:
                return self
            # An error, or data the C call leaves to ctypes: parsed again
            # below, which raises what it always raised.
        raw = _bytes(data)
        self = cls()
        err = N.Error()
        with self._lock:
            st = _LIB.vqr_payload_parse(self._store, raw, len(raw), flags, ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err, self.diagnostics)
        return self

    @property
    def profile(self) -> Profile:
        """The profile the last parse validated with (Profile.NONE when the
        payload was built, not parsed)."""
        with self._lock:
            return Profile(_LIB.vqr_payload_profile(self._store))

    # --- diagnostics --------------------------------------------------

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """Every diagnostic recorded by the last parse, in the order found."""
        out = []
        err = N.Error()
        with self._lock:
            i = 0
            while _LIB.vqr_payload_diag(self._store, i, ctypes.byref(err), None) == Status.VQR_OK:
                out.append(Diagnostic.from_c(err))
                i += 1
        return out

    def diagnostic_count(self, severity: Optional[Severity] = None) -> int:
        """How many diagnostics the last parse found (the library keeps only
        the first few; the count goes on)."""
        with self._lock:
            if severity is None:
                return _LIB.vqr_payload_diag_count(self._store)
            return _LIB.vqr_payload_diag_count_severity(self._store, int(severity))

    @property
    def crc(self) -> CrcInfo:
        given = ctypes.create_string_buffer(5)
        computed = ctypes.create_string_buffer(5)
        with self._lock:
            ok = _LIB.vqr_payload_crc(self._store, given, computed)
        return CrcInfo(given.value.decode("ascii"), computed.value.decode("ascii"), bool(ok))

    # --- values by tag path -------------------------------------------

    def get(self, path: str, default: Optional[str] = None) -> Optional[str]:
        """The value at a tag path ("54", "62.08", "38.01.00"), or `default`
        when absent. A malformed path, or a template changed since parsing,
        raises VietQRError."""
        view = N.View()
        cpath = _path(path)
        with self._lock:
            st = _LIB.vqr_payload_get(self._store, cpath, ctypes.byref(view), None)
            if st == Status.VQR_OK:
                return _view_text(view)
        if st == Status.VQR_ERR_NOT_FOUND:
            return default
        raise VietQRError.from_status(st, path if st != Status.VQR_ERR_BAD_PATH else "")

    def __getitem__(self, path: str) -> str:
        value = self.get(path)
        if value is None:
            raise KeyError(path)
        return value

    def __contains__(self, path: str) -> bool:
        try:
            cpath = _path(path)
        except VietQRError:
            return False
        view = N.View()
        with self._lock:
            st = _LIB.vqr_payload_get(self._store, cpath, ctypes.byref(view), None)
        return st in (Status.VQR_OK, Status.VQR_ERR_IS_TEMPLATE)

    def set(self, path: str, value: Text) -> None:
        """Sets a value, creating parent templates ("62.08" creates 62).
        Raises VietQRError (e.g. VQR_ERR_LENGTH with ``limit``) and changes
        nothing when the value does not fit the field."""
        cpath = _path(path)
        raw = _bytes(value)
        err = N.Error()
        with self._lock:
            st = _LIB.vqr_payload_set(self._store, cpath, raw, len(raw), ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)

    def __setitem__(self, path: str, value: Text) -> None:
        self.set(path, value)

    def remove(self, path: str, missing_ok: bool = False) -> bool:
        """Removes the object at a tag path and its sub-objects. Returns
        False (with missing_ok) or raises VietQRError VQR_ERR_NOT_FOUND when
        there is none."""
        cpath = _path(path)
        with self._lock:
            st = _LIB.vqr_payload_remove(self._store, cpath, None)
        if st == Status.VQR_OK:
            return True
        if st == Status.VQR_ERR_NOT_FOUND and missing_ok:
            return False
        raise VietQRError.from_status(st, path if st == Status.VQR_ERR_NOT_FOUND else "")

    # --- writing ------------------------------------------------------

    def write(self, keep_order: bool = False) -> str:
        """The payload with a fresh CRC: canonical (ascending IDs), or in the
        order read with untouched objects byte for byte (keep_order)."""
        flags = N.WRITE_KEEP_ORDER if keep_order else N.WRITE_CANONICAL
        cap = N.PAYLOAD_BUF_SIZE
        err = N.Error()
        out_len = ctypes.c_size_t(0)
        while True:
            buf = ctypes.create_string_buffer(cap)
            with self._lock:
                st = _LIB.vqr_payload_write(self._store, flags, buf, cap, ctypes.byref(out_len),
                                            ctypes.byref(err))
            if st == Status.VQR_ERR_BUFFER_TOO_SMALL and out_len.value + 1 > cap:
                cap = out_len.value + 1
                continue
            if st != Status.VQR_OK:
                raise VietQRError.from_c(err)
            return buf.raw[:out_len.value].decode("utf-8")

    def __str__(self) -> str:
        return self.write(keep_order=True)

    # --- the tree -----------------------------------------------------

    def _object(self, h: int) -> PayloadObject:
        o = N.Object()
        if _LIB.vqr_payload_object(self._store, h, ctypes.byref(o), None) != Status.VQR_OK:
            raise VietQRError.from_status(Status.VQR_ERR_NOT_FOUND)
        children = tuple(self._children(h))
        return PayloadObject(id=o.id, tag=o.tag.decode("ascii"), depth=o.depth,
                             is_template=bool(o.is_template), raw=bool(o.raw),
                             value=_view_text(o.value),
                             offset=None if o.offset == N.SIZE_MAX else o.offset,
                             char_offset=None if o.char_offset == N.SIZE_MAX else o.char_offset,
                             children=children)

    def _children(self, parent: int) -> Iterator[PayloadObject]:
        h = _LIB.vqr_payload_first(self._store, parent)
        while h != N.NONE:
            yield self._object(h)
            h = _LIB.vqr_payload_next(self._store, h)

    def objects(self) -> List[PayloadObject]:
        """The root objects in stored order, each with its ``children``."""
        with self._lock:
            return list(self._children(N.ROOT))

    def walk(self) -> Iterator[PayloadObject]:
        """Every object, depth first (a template before its children)."""
        stack = list(reversed(self.objects()))
        while stack:
            o = stack.pop()
            yield o
            stack.extend(reversed(o.children))

    def vietqr(self):
        """The VietQR view of this payload: network, bank, account, amount,
        additional data (vqr_vietqr_read; see vietqr.VietQRInfo). Raises
        VietQRError, e.g. VQR_ERR_NOT_VIETQR."""
        fast = _fast.FAST
        if fast is not None:
            with self._lock:
                info = fast.vietqr(self._store)
            if info is not None:
                return info
        from ._vietqr import read_vietqr
        return read_vietqr(self)

    def __repr__(self) -> str:
        return "<vietqr.Payload %d objects>" % sum(1 for _ in self.walk())


def crc16(data: Text) -> int:
    """CRC-16/CCITT-FALSE of the bytes (str is taken as UTF-8)."""
    raw = _bytes(data)
    return _LIB.vqr_crc16(raw, len(raw))


def crc_check(payload: Text) -> CrcCheck:
    """Checks the trailing 6304XXXX of a whole payload."""
    raw = _bytes(payload)
    expected = ctypes.create_string_buffer(5)
    st = Status(_LIB.vqr_crc_check(raw, len(raw), expected, None))
    return CrcCheck(st == Status.VQR_OK, st, expected.value.decode("ascii"))


__all__ = ["Payload", "Profile", "PayloadObject", "CrcInfo", "CrcCheck", "crc16", "crc_check"]
