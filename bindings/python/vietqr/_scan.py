"""vietqr.scan: every QR code of a photo (PNG or JPEG), through
libvietqr-scan (include/vietqr-scan.h).

    >>> import vietqr
    >>> codes = vietqr.scan(open("stall-12.jpg", "rb").read())
    >>> codes[0].text, codes[0].eci, codes[0].corners
    >>> r = vietqr.verify_image(photo_bytes, [vietqr.Payee("970436", "0011001234567")],
    ...                         kind="static")
    >>> r.verdict        # Verdict.OK, PAYEE_NOT_ALLOWED, ..., MULTIPLE_CODES, NO_CODE

The library is found through VIETQR_SCAN_LIB, then the system's library
path; when libvietqr-scan was not built, using these functions raises
ImportError.
"""

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple, Union

from . import _native as N
from ._errors import Status, VietQRError
from ._payload import Profile
from ._verify import Payee, Result, Verdict, verify

ABI_MAJOR = N.ABI_MAJOR
SCAN_FAST = 1 << 0  # VQR_SCAN_FAST


class CScanOptions(ctypes.Structure):
    """struct vqr_scan_options."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("flags", ctypes.c_uint),
        ("max_pixels", ctypes.c_size_t),
        ("max_codes", ctypes.c_uint),
    ]


class CPoint(ctypes.Structure):
    """struct vqr_scan_point."""
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int)]


class CScanCode(N._Sized):
    """struct vqr_scan_code."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("data", ctypes.c_void_p),
        ("len", ctypes.c_size_t),
        ("raw", ctypes.c_void_p),
        ("raw_len", ctypes.c_size_t),
        ("eci", ctypes.c_int),
        ("converted", ctypes.c_bool),
        ("utf8", ctypes.c_bool),
        ("corners", CPoint * 4),
        ("ecc", ctypes.c_char),
        ("same_as", ctypes.c_size_t),
    ]


_ERR = ctypes.POINTER(N.Error)
_RESULT = ctypes.c_void_p
PROTOTYPES = {
    "vqr_scan_options_init": (ctypes.c_int, [ctypes.POINTER(CScanOptions), ctypes.c_size_t,
                                             _ERR]),
    "vqr_scan_image": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                      ctypes.POINTER(CScanOptions), ctypes.POINTER(_RESULT),
                                      _ERR]),
    "vqr_scan_file": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(CScanOptions),
                                     ctypes.POINTER(_RESULT), _ERR]),
    "vqr_scan_grey": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_uint, ctypes.c_uint,
                                     ctypes.c_size_t, ctypes.POINTER(CScanOptions),
                                     ctypes.POINTER(_RESULT), _ERR]),
    "vqr_scan_count": (ctypes.c_size_t, [_RESULT]),
    "vqr_scan_distinct": (ctypes.c_size_t, [_RESULT]),
    "vqr_scan_get": (ctypes.c_int, [_RESULT, ctypes.c_size_t, ctypes.POINTER(CScanCode), _ERR]),
    "vqr_scan_free": (None, [_RESULT]),
    "vqr_scan_decoder": (ctypes.c_char_p, []),
}


def _load():
    path = os.environ.get("VIETQR_SCAN_LIB")
    if path:
        cands = [path]
    else:
        found = ctypes.util.find_library("vietqr-scan")
        cands = [found] if found else ["libvietqr-scan.so.%d" % ABI_MAJOR]
    errors = []
    for cand in cands:
        try:
            lib = ctypes.CDLL(cand)
            break
        except OSError as exc:
            errors.append("%s: %s" % (cand, exc))
    else:
        raise ImportError("libvietqr-scan not found (it is built when libpng, libjpeg-turbo "
                          "and ZXing-C++ are installed; set VIETQR_SCAN_LIB to the path of "
                          "libvietqr-scan.so): " + "; ".join(errors))
    N.declare(lib, PROTOTYPES)
    probe = CScanOptions()
    lib.vqr_scan_options_init(ctypes.byref(probe), ctypes.sizeof(probe), None)
    if probe.size != ctypes.sizeof(CScanOptions):
        raise ImportError("struct vqr_scan_options: the library and the binding disagree")
    return lib


LIB = _load()


@dataclass(frozen=True)
class ScannedCode:
    """One QR code of an image."""
    data: bytes                 # the payload as encoded (UTF-8 after its ECI)
    raw: bytes                  # the data segments' bytes as stored
    eci: Optional[int]          # first ECI designator (26: UTF-8), None when none
    converted: bool             # data was converted to UTF-8 from the ECI's charset
    utf8: bool                  # data is well-formed UTF-8
    corners: Tuple[Tuple[int, int], ...]  # top-left, top-right, bottom-right, bottom-left
    ecc: Optional[str]          # "L", "M", "Q", "H"
    copy_of: Optional[int]      # index of the first code with the same payload

    @property
    def text(self) -> Optional[str]:
        """The payload as text, or None when it is not UTF-8."""
        return self.data.decode("utf-8") if self.utf8 else None


def _options(fast: bool, max_pixels: Optional[int], max_codes: Optional[int]) -> CScanOptions:
    o = CScanOptions()
    LIB.vqr_scan_options_init(ctypes.byref(o), ctypes.sizeof(o), None)
    if fast:
        o.flags |= SCAN_FAST
    if max_pixels is not None:
        N.set_int(o, "max_pixels", max_pixels, "max_pixels")
    if max_codes is not None:
        N.set_int(o, "max_codes", max_codes, "max_codes")
    return o


def _codes(result) -> List[ScannedCode]:
    try:
        out = []
        for i in range(LIB.vqr_scan_count(result)):
            c = CScanCode()
            err = N.Error()
            if LIB.vqr_scan_get(result, i, ctypes.byref(c), ctypes.byref(err)) != Status.VQR_OK:
                raise VietQRError.from_c(err)
            out.append(ScannedCode(
                data=ctypes.string_at(c.data, c.len), raw=ctypes.string_at(c.raw, c.raw_len),
                eci=None if c.eci < 0 else c.eci, converted=c.converted, utf8=c.utf8,
                corners=tuple((p.x, p.y) for p in c.corners),
                ecc=c.ecc.decode("ascii") if c.ecc != b"" else None,
                copy_of=None if c.same_as == i else c.same_as))
        return out
    finally:
        LIB.vqr_scan_free(result)


def scan(image: bytes, *, fast: bool = False, max_pixels: Optional[int] = None,
         max_codes: Optional[int] = None) -> List[ScannedCode]:
    """Every QR code of a PNG or JPEG image (its file's bytes), in the order
    found (vqr_scan_image); copies of one code are all listed (``copy_of``).
    An image without a code gives [].

    Args:
        image: the PNG or JPEG file's bytes (bytes, bytearray or
            memoryview), told apart by their signature.
        fast: one pass over the image as it is (VQR_SCAN_FAST); by default
            the decoder also looks again at a downscaled copy of a large
            image and tries harder, which costs time on images without a
            code.
        max_pixels: refuse an image larger than this many pixels (width *
            height), before any pixel is decoded: VQR_ERR_IMAGE_SIZE with
            the limit in ``limit``. None: the library's 64 megapixels
            (vqr_scan_options.max_pixels).
        max_codes: report at most this many codes, 1-255. None: the
            library's 32 (vqr_scan_options.max_codes).

    Raises:
        VietQRError for what is not a readable PNG or JPEG
        (VQR_ERR_IMAGE_FORMAT, _CORRUPT, _SIZE). TypeError when `image` is
        not bytes (a path is scan_file's); IntegerRangeError for a limit
        out of its C type's range."""
    if not isinstance(image, (bytes, bytearray, memoryview)):
        raise TypeError("image must be bytes (the file's content), not %s" % type(image).__name__)
    data = bytes(image)
    o = _options(fast, max_pixels, max_codes)
    res = _RESULT()
    err = N.Error()
    if LIB.vqr_scan_image(data, len(data), ctypes.byref(o), ctypes.byref(res),
                          ctypes.byref(err)) != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return _codes(res)


def scan_file(path: Union[str, bytes, os.PathLike], *, fast: bool = False,
              max_pixels: Optional[int] = None,
              max_codes: Optional[int] = None) -> List[ScannedCode]:
    """scan() of the PNG or JPEG file at `path` (vqr_scan_file).

    Args:
        path: the file's path (str, bytes or os.PathLike).
        fast: as scan(): one pass only (VQR_SCAN_FAST).
        max_pixels: as scan(): the largest image, in pixels; None: 64
            megapixels (vqr_scan_options.max_pixels).
        max_codes: as scan(): at most this many codes, 1-255; None: 32
            (vqr_scan_options.max_codes).

    Raises:
        VietQRError as scan(), and VQR_ERR_IO when the file cannot be read
        (VQR_ERR_IMAGE_SIZE for a file over 256 MiB). TypeError for a path
        of another type."""
    o = _options(fast, max_pixels, max_codes)
    res = _RESULT()
    err = N.Error()
    if LIB.vqr_scan_file(os.fsencode(path), ctypes.byref(o), ctypes.byref(res),
                         ctypes.byref(err)) != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return _codes(res)


def scan_grey(pixels: bytes, width: int, height: int, stride: Optional[int] = None, *,
              fast: bool = False, max_pixels: Optional[int] = None,
              max_codes: Optional[int] = None) -> List[ScannedCode]:
    """scan() of 8-bit grey pixels the caller holds (vqr_scan_grey).

    Args:
        pixels: the pixels, one byte each (0 black, 255 white), row after
            row (bytes, bytearray or memoryview).
        width: pixels a row.
        height: rows.
        stride: bytes from one row's start to the next's, at least
            `width`; None: `width`.
        fast: as scan(): one pass only (VQR_SCAN_FAST).
        max_pixels: as scan(): the largest image, width * height pixels;
            None: 64 megapixels (vqr_scan_options.max_pixels).
        max_codes: as scan(): at most this many codes, 1-255; None: 32
            (vqr_scan_options.max_codes).

    Raises:
        ValueError when `pixels` is shorter than `height` rows `stride`
        apart; VietQRError VQR_ERR_IMAGE_SIZE (a zero side, more than
        `max_pixels`), VQR_ERR_INVALID_ARGUMENT (a stride below the
        width); TypeError for an argument of the wrong type."""
    if not isinstance(pixels, (bytes, bytearray, memoryview)):
        raise TypeError("pixels must be bytes (one byte a pixel), not %s"
                        % type(pixels).__name__)
    width = N.check_int(width, ctypes.c_uint, "width")
    height = N.check_int(height, ctypes.c_uint, "height")
    stride = width if stride is None else N.check_int(stride, ctypes.c_size_t, "stride")
    if len(pixels) < stride * (height - 1) + width:
        raise ValueError("pixels holds %d bytes, %d x %d at stride %d needs %d"
                         % (len(pixels), width, height, stride, stride * (height - 1) + width))
    o = _options(fast, max_pixels, max_codes)
    res = _RESULT()
    err = N.Error()
    if LIB.vqr_scan_grey(bytes(pixels), width, height, stride, ctypes.byref(o),
                         ctypes.byref(res), ctypes.byref(err)) != Status.VQR_OK:
        raise VietQRError.from_c(err)
    return _codes(res)


@dataclass(frozen=True)
class ImageResult:
    """The verdict of a photo: NO_CODE, MULTIPLE_CODES (two or more
    different codes: a sticker over a sticker), or the verdict of its one
    code; ``codes`` are the verdicts of its different codes."""
    verdict: Verdict
    codes: Tuple[Result, ...]
    scanned: Tuple[ScannedCode, ...]

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.OK


def verify_image(image: bytes, payees: Iterable[Union[Payee, tuple]] = (), *,
                 amount: Optional[int] = None, currency: int = 704, kind: Optional[str] = None,
                 profile: Optional[Union[str, Profile]] = None, fast: bool = False,
                 max_pixels: Optional[int] = None) -> ImageResult:
    """Scans a photo (scan()) and checks each different code against
    `payees` as verify() does.

    Args:
        image: the PNG or JPEG file's bytes.
        payees: Payee objects, or tuples (bank, account[, service[, name]]);
            an empty list allows nobody (then each verdict says who the code
            pays).
        amount: the amount the code must ask, an int in minor units of
            `currency` (VND: đồng); None: any (vqr_verify_options.amount).
        currency: ISO 4217 numeric code of `amount` (704: VND;
            vqr_verify_options.currency).
        kind: "static" or "dynamic" to require one; None or "any": either
            (vqr_verify_options.kind).
        profile: how to parse, as Payload.parse's `profile`; None: the
            library's default (vqr_verify_options.parse_flags).
        fast: as scan(): one pass only (VQR_SCAN_FAST).
        max_pixels: as scan(): the largest image, in pixels; None: 64
            megapixels (vqr_scan_options.max_pixels).

    Returns:
        An ImageResult: NO_CODE, MULTIPLE_CODES (two or more different
        codes), or the verdict of its one code; the verdict of each
        different code in ``codes``.

    Raises:
        VietQRError as scan() for an image it cannot read, and as verify()
        for a payee that is not well formed; TypeError for an argument of
        the wrong type (an amount as text: pass an int)."""
    payees = list(payees)
    scanned = scan(image, fast=fast, max_pixels=max_pixels)
    firsts = [c for c in scanned if c.copy_of is None]
    results = tuple(verify(c.data, payees, amount=amount, currency=currency, kind=kind,
                           profile=profile) for c in firsts)
    if not firsts:
        verdict = Verdict.NO_CODE
    elif len(firsts) > 1:
        verdict = Verdict.MULTIPLE_CODES
    else:
        verdict = results[0].verdict
    return ImageResult(verdict=verdict, codes=results, scanned=tuple(scanned))


def decoder() -> str:
    """The QR decoder libvietqr-scan uses: "ZXing-C++ 1.4.0"."""
    return LIB.vqr_scan_decoder().decode("ascii")
