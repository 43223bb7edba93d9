"""QR codes: encode a payload, read the modules, draw PNG, SVG or text.

Images come back from the library in memory it allocated; the binding
copies them into Python objects and releases them with vqr_free at once.
A QRCode owns one vqr_qr, released by close() (or when collected).
"""

import ctypes
import enum
import os
import threading
from dataclasses import dataclass
from typing import Optional, Union

from . import _native as N
from ._errors import Status, VietQRError, status_name, strerror
from ._text import Text, _bytes

_LIB = N.LIB
PathLike = Union[str, bytes, os.PathLike]


class Ecc(enum.IntEnum):
    """enum vqr_ecc: error-correction level."""
    DEFAULT = 0  # M
    L = 1
    M = 2
    Q = 3
    H = 4


@dataclass(frozen=True)
class PrintSize:
    """What QRCode.print_size chose (struct vqr_print_size)."""
    scale: int        # pixels per module: pass it as scale=
    pixels: int       # image side, quiet zone included
    module_mm: float
    symbol_mm: float
    total_mm: float


def _options(scale=None, quiet_zone=None, foreground=None, background=None, dpi=None,
             title=None, invert=False, ascii=False):
    """A vqr_render_options from the library's defaults and the given values."""
    opt = N.RenderOptions()
    _LIB.vqr_render_options_init(ctypes.byref(opt), ctypes.sizeof(opt), None)
    for name, value in (("scale", scale), ("quiet_zone", quiet_zone),
                        ("foreground", foreground), ("background", background), ("dpi", dpi)):
        if value is not None:
            N.set_int(opt, name, value)
    if title is not None:
        raw = _bytes(title)
        if b"\0" in raw:
            # The C struct takes a NUL-terminated title: refuse what it
            # would cut short.
            at = raw.index(b"\0")
            code = Status.VQR_ERR_INVALID_ARGUMENT
            raise VietQRError(code, status_name(code), at,
                              len(raw[:at].decode("utf-8", "surrogatepass")), "",
                              strerror(code), strerror(code, vietnamese=True))
        opt.title = raw
    opt.flags = (N.RENDER_INVERT if invert else 0) | (N.RENDER_ASCII if ascii else 0)
    return opt


def _path(path: PathLike) -> bytes:
    raw = os.fsencode(path)
    if b"\0" in raw:
        raise ValueError("embedded null byte in path")
    return raw


class QRCode:
    """An encoded QR code (vqr_qr). ``QRCode.encode(payload_text)``."""

    __slots__ = ("_qr", "_lock", "__weakref__")

    def __init__(self):
        raise TypeError("use QRCode.encode(payload)")

    @classmethod
    def encode(cls, payload: Text, ecc: Ecc = Ecc.DEFAULT) -> "QRCode":
        """Encodes a payload (as vqr_payload_write produced it) in Byte mode,
        with ECI 000026 when it holds non-ASCII text, at level `ecc` (M by
        default), in the smallest version that holds it."""
        raw = _bytes(payload)
        out = ctypes.c_void_p()
        err = N.Error()
        ecc = N.check_int(ecc, ctypes.c_int, "ecc")
        st = _LIB.vqr_qr_encode(raw, len(raw), ecc, None, ctypes.byref(out),
                                ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)
        self = object.__new__(cls)
        self._qr = out.value
        self._lock = threading.Lock()
        return self

    def close(self) -> None:
        """Releases the code (vqr_qr_free). Safe to call more than once."""
        with self._lock:
            qr, self._qr = self._qr, None
        if qr:
            _LIB.vqr_qr_free(qr)

    def __del__(self):
        if getattr(self, "_qr", None) and _LIB is not None:
            _LIB.vqr_qr_free(self._qr)
            self._qr = None

    def __enter__(self) -> "QRCode":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _live(self):
        if not self._qr:
            raise ValueError("QRCode is closed")
        return self._qr

    @property
    def version(self) -> int:
        with self._lock:
            return _LIB.vqr_qr_version(self._live())

    @property
    def width(self) -> int:
        """Modules per side, without the quiet zone."""
        with self._lock:
            return _LIB.vqr_qr_width(self._live())

    @property
    def ecc(self) -> Ecc:
        with self._lock:
            return Ecc(_LIB.vqr_qr_ecc(self._live()))

    @property
    def has_eci(self) -> bool:
        with self._lock:
            return bool(_LIB.vqr_qr_has_eci(self._live()))

    def module(self, x: int, y: int) -> bool:
        """Whether the module at column x, row y is dark (False outside)."""
        with self._lock:
            return bool(_LIB.vqr_qr_module(self._live(), N.check_int(x, ctypes.c_int, "x"),
                                           N.check_int(y, ctypes.c_int, "y")))

    def modules(self) -> bytes:
        """The matrix, width * width bytes row by row: 1 dark, 0 light."""
        with self._lock:
            qr = self._live()
            n = _LIB.vqr_qr_width(qr) ** 2
            buf = ctypes.create_string_buffer(n)
            err = N.Error()
            st = _LIB.vqr_qr_modules(qr, buf, n, None, ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)
        return buf.raw

    def _render(self, fn, opt) -> bytes:
        out = ctypes.c_void_p()
        n = ctypes.c_size_t(0)
        err = N.Error()
        with self._lock:
            st = fn(self._live(), ctypes.byref(opt), None, ctypes.byref(out), ctypes.byref(n),
                    ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)
        try:
            return ctypes.string_at(out.value, n.value)
        finally:
            _LIB.vqr_free(out)

    def png(self, *, scale: Optional[int] = None, quiet_zone: Optional[int] = None,
            foreground: Optional[int] = None, background: Optional[int] = None,
            dpi: Optional[int] = None) -> bytes:
        """PNG bytes (vqr_render_png).

        Args:
            scale: pixels per module, 1-1024 (default 4).
            quiet_zone: the light margin in modules, 0-64 (default 4).
            foreground, background: colours as 0xRRGGBB (default 0x000000
                on 0xFFFFFF).
            dpi: the resolution recorded in the file (default 300; 0 for
                none)."""
        return self._render(_LIB.vqr_render_png,
                            _options(scale=scale, quiet_zone=quiet_zone, foreground=foreground,
                                     background=background, dpi=dpi))

    def svg(self, *, scale: Optional[int] = None, quiet_zone: Optional[int] = None,
            foreground: Optional[int] = None, background: Optional[int] = None,
            title: Optional[Text] = None) -> str:
        """An SVG document (vqr_render_svg); the arguments as png(), and
        `title`, a <title> for screen readers."""
        return self._render(_LIB.vqr_render_svg,
                            _options(scale=scale, quiet_zone=quiet_zone, foreground=foreground,
                                     background=background, title=title)).decode("utf-8")

    def terminal(self, invert: bool = False, ascii: bool = False,
                 quiet_zone: Optional[int] = None) -> str:
        """Text for a terminal: half blocks, or "##" per module with ascii.
        By default light modules are painted (light text on a dark
        background); invert paints the dark ones."""
        opt = _options(quiet_zone=quiet_zone, invert=invert, ascii=ascii)
        return self._render(_LIB.vqr_render_term, opt).decode("utf-8")

    def _save(self, fn, path, opt) -> None:
        cpath = _path(path)
        err = N.Error()
        with self._lock:
            st = fn(self._live(), ctypes.byref(opt), cpath, None, ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)

    def save_png(self, path: PathLike, *, scale: Optional[int] = None,
                 quiet_zone: Optional[int] = None, foreground: Optional[int] = None,
                 background: Optional[int] = None, dpi: Optional[int] = None) -> None:
        """Writes the PNG to a file, whole or not at all; the arguments as
        png()."""
        self._save(_LIB.vqr_render_png_file, path,
                   _options(scale=scale, quiet_zone=quiet_zone, foreground=foreground,
                            background=background, dpi=dpi))

    def save_svg(self, path: PathLike, *, scale: Optional[int] = None,
                 quiet_zone: Optional[int] = None, foreground: Optional[int] = None,
                 background: Optional[int] = None, title: Optional[Text] = None) -> None:
        """Writes the SVG to a file, whole or not at all; the arguments as
        svg()."""
        self._save(_LIB.vqr_render_svg_file, path,
                   _options(scale=scale, quiet_zone=quiet_zone, foreground=foreground,
                            background=background, title=title))

    def print_size(self, target_mm: float, dpi: int = 300, quiet_zone: int = 4) -> PrintSize:
        """The largest whole scale whose image, quiet zone included, printed
        at `dpi` is at most `target_mm` wide (vqr_render_print_size): at
        least 3 pixels per module, or VietQRError VQR_ERR_PRINT_TOO_SMALL
        whose ``limit`` is the smallest size in millimetres that gives 3."""
        ps = N.PrintSize()
        err = N.Error()
        with self._lock:
            st = _LIB.vqr_render_print_size(self._live(), target_mm,
                                            N.check_int(dpi, ctypes.c_uint, "dpi"),
                                            N.check_int(quiet_zone, ctypes.c_uint, "quiet_zone"),
                                            ctypes.byref(ps), ctypes.byref(err))
        if st != Status.VQR_OK:
            raise VietQRError.from_c(err)
        return PrintSize(ps.scale, ps.pixels, ps.module_mm, ps.symbol_mm, ps.total_mm)

    def __repr__(self) -> str:
        if not self._qr:
            return "<vietqr.QRCode closed>"
        return "<vietqr.QRCode version %d, %dx%d, ECC %s>" % (
            self.version, self.width, self.width, self.ecc.name)


__all__ = ["Ecc", "PrintSize", "QRCode"]
