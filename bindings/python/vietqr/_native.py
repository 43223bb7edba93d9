"""Loading libvietqr and declaring its exported functions for ctypes.

The library is looked up, in order:

1. the path in the environment variable ``VIETQR_LIB``, when it is set
   (nothing else is tried then);
2. ``libvietqr.so`` inside this package (a wheel: ``pip install .``);
3. ``ctypes.util.find_library("vietqr")`` (the system's library);
4. the soname ``libvietqr.so.0``, left to the dynamic loader.

The first that loads is used; when none does, ImportError lists what was
tried and why each failed. The build runs the binding tests with
``VIETQR_LIB`` set to the freshly built ``libvietqr.so``.

Every function is declared with its ``argtypes`` and ``restype`` before use;
the structures below mirror ``include/vietqr.h`` field for field.
"""

import ctypes
import ctypes.util
import operator
import os
from typing import List

# The ABI major version this binding is written against (the soname's
# number). A library of another ABI major is refused at import time.
ABI_MAJOR = 0

# From vietqr.h; tests/test_vietqr.py compares each with the header.
TAG_MAX = 12            # VQR_TAG_MAX
PARSE_DEFAULT = 0       # VQR_PARSE_DEFAULT
PARSE_LENIENT = 1 << 0  # VQR_PARSE_LENIENT
PARSE_EMVCO = 1 << 1    # VQR_PARSE_EMVCO
PARSE_VIETQR = 1 << 2   # VQR_PARSE_VIETQR
PARSE_STRICT = PARSE_EMVCO  # VQR_PARSE_STRICT (the 0.1 name of VQR_PARSE_EMVCO)
WRITE_CANONICAL = 0     # VQR_WRITE_CANONICAL
WRITE_KEEP_ORDER = 1 << 0  # VQR_WRITE_KEEP_ORDER
SEVERITY_ERROR = 0      # VQR_SEVERITY_ERROR
SEVERITY_WARNING = 1    # VQR_SEVERITY_WARNING
NONE = -1               # VQR_NONE
ROOT = -1               # VQR_ROOT
PAYLOAD_BUF_SIZE = 4 * 512 + 1  # VQR_PAYLOAD_BUF_SIZE
TEXT_FOLD = 0           # VQR_TEXT_FOLD
TEXT_STRICT = 1 << 0    # VQR_TEXT_STRICT
ESCAPE_TEXT = 0                 # VQR_ESCAPE_TEXT
ESCAPE_JSON = 1 << 0            # VQR_ESCAPE_JSON
ESCAPE_JSON_DOCUMENT = 1 << 1   # VQR_ESCAPE_JSON_DOCUMENT
CP_NOT_UTF8 = 0xFFFFFFFF        # VQR_CP_NOT_UTF8
AMOUNT_BUF_SIZE = 14    # VQR_AMOUNT_BUF_SIZE
AMOUNT_WORDS_BUF_SIZE = 320  # VQR_AMOUNT_WORDS_BUF_SIZE
AMOUNT_WORDS_SOUTH = 1 << 0  # VQR_AMOUNT_WORDS_SOUTH
AMOUNT_WORDS_TU = 1 << 1     # VQR_AMOUNT_WORDS_TU
VIETQR_FOLD = 0                 # VQR_VIETQR_FOLD
VIETQR_STRICT_TEXT = 1 << 0     # VQR_VIETQR_STRICT_TEXT
VIETQR_ALNUM_ACCOUNT = 1 << 1   # VQR_VIETQR_ALNUM_ACCOUNT
VIETQR_TEXT_FIELDS = 7  # VQR_VIETQR_TEXT_FIELDS
VIETQR_TEXT_MAX = 100   # VQR_VIETQR_TEXT_MAX
VALUE_BUF_SIZE = 397    # VQR_VALUE_BUF_SIZE
BANK_SHORT_NAME_MAX = 64  # VQR_BANK_SHORT_NAME_MAX
BANK_NAME_MAX = 256     # VQR_BANK_NAME_MAX
RENDER_NONE = 0         # VQR_RENDER_NONE
RENDER_INVERT = 1 << 0  # VQR_RENDER_INVERT
RENDER_ASCII = 1 << 1   # VQR_RENDER_ASCII
REF_PREFIX_MIN = 2      # VQR_REF_PREFIX_MIN
REF_PREFIX_MAX = 6      # VQR_REF_PREFIX_MAX
REF_DIGITS = 6          # VQR_REF_DIGITS
REF_SEQUENCE_MAX = 999999  # VQR_REF_SEQUENCE_MAX
REF_MAX_LEN = 14        # VQR_REF_MAX_LEN
REF_BUF_SIZE = 15       # VQR_REF_BUF_SIZE

SIZE_MAX = ctypes.c_size_t(-1).value


# ---- integers crossing into C ----------------------------------------------
#
# ctypes converts a Python int to a C integer by dropping the bits that do not
# fit: 840 + 2**32 would reach the library as 840 (USD), -1 as 4294967295.
# Every integer this binding hands to the library goes through check_int()
# instead: every declared function checks its integer arguments (declare()),
# and set_int() the fields of the structs it fills. Out of range is an
# IntegerRangeError, never a wrapped value.

class IntegerRangeError(OverflowError, ValueError):
    """An integer outside the range of the C type it is for (an
    OverflowError, and a ValueError like the binding's other bad values)."""


_INT_TYPES = (ctypes.c_byte, ctypes.c_ubyte, ctypes.c_short, ctypes.c_ushort, ctypes.c_int,
              ctypes.c_uint, ctypes.c_long, ctypes.c_ulong, ctypes.c_longlong,
              ctypes.c_ulonglong, ctypes.c_size_t, ctypes.c_ssize_t, ctypes.c_int8,
              ctypes.c_uint8, ctypes.c_int16, ctypes.c_uint16, ctypes.c_int32, ctypes.c_uint32,
              ctypes.c_int64, ctypes.c_uint64)


def c_range(ctype):
    """(lowest, highest) value of an integer ctypes type."""
    bits = 8 * ctypes.sizeof(ctype)
    if ctype(-1).value == -1:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def check_int(value, ctype, what="an integer argument"):
    """`value` as an int that `ctype` holds exactly. TypeError for what is
    not an integer (3.0, "3"); IntegerRangeError, naming `what`, for one
    out of range."""
    try:
        v = operator.index(value)
    except TypeError:
        raise TypeError("%s must be an integer, not %s" % (what, type(value).__name__)) from None
    lo, hi = c_range(ctype)
    if not lo <= v <= hi:
        raise IntegerRangeError("%s is out of range: %d is not within %d..%d (%s-bit %s)"
                                % (what, v, lo, hi, 8 * ctypes.sizeof(ctype),
                                   "signed" if lo < 0 else "unsigned"))
    return v


def check_amount(value, what="amount"):
    """`value` as an amount in minor units: an int (not a bool); text or a
    float is a TypeError that says what to pass (parse_amount reads text)."""
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        hint = ""
        if isinstance(value, str):
            hint = " (parse_amount(%r) reads text)" % value
        raise TypeError("%s must be an int in minor units (VND: 150000 for 150.000 đ), "
                        "not %s%s" % (what, type(value).__name__, hint))
    return operator.index(value)


def set_int(struct, field, value, what=None):
    """struct.field = value, checked against the field's C type."""
    ctype = dict((f[0], f[1]) for f in type(struct)._fields_)[field]
    setattr(struct, field, check_int(value, ctype, what or field))


def _guard(fn, name, argtypes):
    """`fn` behind a check of each integer argument (ctypes itself would
    drop the bits that do not fit)."""
    ints = [(i, t, "argument %d of %s" % (i + 1, name))
            for i, t in enumerate(argtypes) if t in _INT_TYPES]
    if not ints:
        return fn

    def call(*args):
        for i, t, what in ints:
            if i < len(args):
                check_int(args[i], t, what)
        return fn(*args)
    call.__name__ = name
    call.__wrapped__ = fn
    call.argtypes, call.restype = fn.argtypes, fn.restype
    return call


def declare(lib, prototypes):
    """Declares every prototype of {name: (restype, argtypes)} on `lib`,
    each function behind the integer check."""
    for name, (restype, argtypes) in prototypes.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
        setattr(lib, name, _guard(fn, name, argtypes))


class _Sized(ctypes.Structure):
    """A struct the library fills: it starts with `size`, set here to this
    layout's size (what VQR_INIT does in C)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = ctypes.sizeof(self)


class Error(_Sized):
    """struct vqr_error."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("code", ctypes.c_int),
        ("severity", ctypes.c_int),
        ("offset", ctypes.c_size_t),
        ("char_offset", ctypes.c_size_t),
        ("related_offset", ctypes.c_size_t),
        ("limit", ctypes.c_size_t),
        ("tag", ctypes.c_char * TAG_MAX),
        ("name", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("message_vi", ctypes.c_char_p),
    ]


class View(ctypes.Structure):
    """struct vqr_view."""
    _fields_ = [
        ("ptr", ctypes.c_void_p),
        ("len", ctypes.c_size_t),
        ("chars", ctypes.c_size_t),
    ]


class Object(_Sized):
    """struct vqr_object."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("id", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("is_template", ctypes.c_bool),
        ("raw", ctypes.c_bool),
        ("value", View),
        ("offset", ctypes.c_size_t),
        ("char_offset", ctypes.c_size_t),
        ("tag", ctypes.c_char * TAG_MAX),
    ]


class Bank(ctypes.Structure):
    """struct vqr_bank."""
    _fields_ = [
        ("bin", ctypes.c_char_p),
        ("short_name", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("swift", ctypes.c_char_p),
    ]


class VietQRIn(ctypes.Structure):
    """struct vqr_vietqr. Its `size`, set by vqr_vietqr_init, is the
    library's sizeof: load() compares it with this layout's."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("bank", ctypes.c_char_p),
        ("service", ctypes.c_int),
        ("account", ctypes.c_char_p),
        ("amount", ctypes.c_uint64),
        ("currency", ctypes.c_uint),
        ("country", ctypes.c_char_p),
        ("mcc", ctypes.c_char_p),
        ("merchant_name", ctypes.c_char_p),
        ("merchant_city", ctypes.c_char_p),
        ("bill_number", ctypes.c_char_p),
        ("store", ctypes.c_char_p),
        ("reference", ctypes.c_char_p),
        ("terminal", ctypes.c_char_p),
        ("purpose", ctypes.c_char_p),
    ]


class VietQRChange(ctypes.Structure):
    """struct vqr_vietqr_change."""
    _fields_ = [
        ("tag", ctypes.c_char * TAG_MAX),
        ("changed", ctypes.c_size_t),
        ("chars", ctypes.c_size_t),
        ("text", ctypes.c_char * VIETQR_TEXT_MAX),
    ]


class VietQRReport(_Sized):
    """struct vqr_vietqr_report."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("bin", ctypes.c_char * 7),
        ("bank_known", ctypes.c_bool),
        ("changed", ctypes.c_size_t),
        ("count", ctypes.c_size_t),
        ("field", VietQRChange * VIETQR_TEXT_FIELDS),
    ]


_V = ctypes.c_char * VALUE_BUF_SIZE


class VietQRInfo(_Sized):
    """struct vqr_vietqr_info."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("network", ctypes.c_int),
        ("mai_id", ctypes.c_int),
        ("guid", _V),
        ("bin", _V),
        ("bank_known", ctypes.c_bool),
        ("bank_short_name", ctypes.c_char * BANK_SHORT_NAME_MAX),
        ("bank_name", ctypes.c_char * BANK_NAME_MAX),
        ("bank_swift", ctypes.c_char * 16),
        ("account", _V),
        ("service", ctypes.c_int),
        ("service_code", _V),
        ("is_static", ctypes.c_bool),
        ("is_dynamic", ctypes.c_bool),
        ("amount", _V),
        ("amount_minor", ctypes.c_uint64),
        ("amount_status", ctypes.c_int),
        ("currency", ctypes.c_uint),
        ("currency_alpha", ctypes.c_char * 4),
        ("country", _V),
        ("mcc", _V),
        ("merchant_name", _V),
        ("merchant_city", _V),
        ("bill_number", _V),
        ("store", _V),
        ("reference", _V),
        ("terminal", _V),
        ("purpose", _V),
    ]


class RenderOptions(ctypes.Structure):
    """struct vqr_render_options (its `size` is checked like vqr_vietqr's)."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("scale", ctypes.c_uint),
        ("quiet_zone", ctypes.c_uint),
        ("foreground", ctypes.c_uint32),
        ("background", ctypes.c_uint32),
        ("dpi", ctypes.c_uint),
        ("title", ctypes.c_char_p),
        ("flags", ctypes.c_uint),
    ]


class PrintSize(_Sized):
    """struct vqr_print_size."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("scale", ctypes.c_uint),
        ("pixels", ctypes.c_uint),
        ("module_mm", ctypes.c_double),
        ("symbol_mm", ctypes.c_double),
        ("total_mm", ctypes.c_double),
    ]


class RefMatch(ctypes.Structure):
    """struct vqr_ref_match (fixed layout: it sits in an array)."""
    _fields_ = [
        ("reference", ctypes.c_char * REF_BUF_SIZE),
        ("offset", ctypes.c_size_t),
        ("end", ctypes.c_size_t),
    ]


class ReconTx(ctypes.Structure):
    """struct vqr_recon_tx (set up with vqr_recon_tx_init)."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("id", ctypes.c_char_p),
        ("id_len", ctypes.c_size_t),
        ("date", ctypes.c_char_p),
        ("date_len", ctypes.c_size_t),
        ("amount", ctypes.c_int64),
        ("memo", ctypes.c_char_p),
        ("memo_len", ctypes.c_size_t),
    ]


class ReconResult(_Sized):
    """struct vqr_recon_result."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("status", ctypes.c_int),
        ("references", ctypes.c_size_t),
        ("reference", ctypes.c_char * REF_BUF_SIZE),
        ("issued", ctypes.c_size_t),
        ("issued_amount", ctypes.c_uint64),
        ("amount", ctypes.c_int64),
        ("difference", ctypes.c_int64),
        ("repeat_of", ctypes.c_size_t),
        ("id", ctypes.c_void_p),
        ("id_len", ctypes.c_size_t),
    ]


class ReconIssued(_Sized):
    """struct vqr_recon_issued."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("reference", ctypes.c_char * REF_BUF_SIZE),
        ("amount", ctypes.c_uint64),
        ("received", ctypes.c_uint64),
        ("outstanding", ctypes.c_uint64),
        ("paid", ctypes.c_bool),
        ("transactions", ctypes.c_size_t),
    ]


_P = ctypes.c_void_p  # vqr_payload * (caller-owned storage)
_ERR = ctypes.POINTER(Error)
_SIZE = ctypes.POINTER(ctypes.c_size_t)
_QR = ctypes.c_void_p  # vqr_qr * (opaque, library-owned)

# name: (restype, argtypes)
PROTOTYPES = {
    "vqr_version": (ctypes.c_uint32, []),
    "vqr_version_string": (ctypes.c_char_p, []),
    "vqr_status_name": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_strerror": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_strerror_vi": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_crc16": (ctypes.c_uint16, [ctypes.c_char_p, ctypes.c_size_t]),
    "vqr_crc_check": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, _ERR]),
    "vqr_payload_sizeof": (ctypes.c_size_t, []),
    "vqr_payload_parse": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.c_uint, _ERR]),
    "vqr_payload_init": (None, [_P]),
    "vqr_payload_profile": (ctypes.c_int, [_P]),
    "vqr_profile_name": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_payload_diag_count": (ctypes.c_size_t, [_P]),
    "vqr_payload_diag_count_severity": (ctypes.c_size_t, [_P, ctypes.c_int]),
    "vqr_payload_diag": (ctypes.c_int, [_P, ctypes.c_size_t, _ERR, _ERR]),
    "vqr_payload_crc": (ctypes.c_bool, [_P, ctypes.c_char_p, ctypes.c_char_p]),
    "vqr_payload_get": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.POINTER(View), _ERR]),
    "vqr_payload_set": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p,
                                       ctypes.c_size_t, _ERR]),
    "vqr_payload_remove": (ctypes.c_int, [_P, ctypes.c_char_p, _ERR]),
    "vqr_payload_write": (ctypes.c_int, [_P, ctypes.c_uint, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_size_t), _ERR]),
    "vqr_payload_first": (ctypes.c_int, [_P, ctypes.c_int]),
    "vqr_payload_next": (ctypes.c_int, [_P, ctypes.c_int]),
    "vqr_payload_object": (ctypes.c_int, [_P, ctypes.c_int, ctypes.POINTER(Object), _ERR]),
    # Vietnamese text
    "vqr_text_fold": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                     ctypes.c_char_p, ctypes.c_size_t, _SIZE, _SIZE, _ERR]),
    "vqr_text_escape": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                       ctypes.c_char_p, ctypes.c_size_t, _SIZE, _SIZE, _ERR]),
    "vqr_text_unsafe": (ctypes.c_size_t, [ctypes.c_char_p, ctypes.c_size_t, _SIZE,
                                          ctypes.POINTER(ctypes.c_uint32)]),
    "vqr_text_nfc": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                    ctypes.c_size_t, _SIZE, _ERR]),
    # bank directory
    "vqr_bank_count": (ctypes.c_size_t, []),
    "vqr_bank_at": (ctypes.c_int, [ctypes.c_size_t, ctypes.POINTER(ctypes.POINTER(Bank)), _ERR]),
    "vqr_bank_find_bin": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.POINTER(Bank)), _ERR]),
    "vqr_bank_find": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                     ctypes.POINTER(ctypes.POINTER(Bank)), _ERR]),
    "vqr_bank_find_all": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.POINTER(Bank)), ctypes.c_size_t,
                                         _SIZE, _ERR]),
    "vqr_bank_suggest": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                        ctypes.POINTER(ctypes.POINTER(Bank)), ctypes.c_size_t,
                                        _SIZE, _ERR]),
    "vqr_bank_data_version": (ctypes.c_char_p, []),
    # VietQR
    "vqr_amount_parse": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                        ctypes.POINTER(ctypes.c_uint64), _ERR]),
    "vqr_amount_format": (ctypes.c_int, [ctypes.c_uint64, ctypes.c_uint, ctypes.c_char_p,
                                         ctypes.c_size_t, _SIZE, _ERR]),
    "vqr_amount_words_vi": (ctypes.c_int, [ctypes.c_uint64, ctypes.c_uint, ctypes.c_uint,
                                           ctypes.c_char_p, ctypes.c_size_t, _SIZE, _ERR]),
    "vqr_vietqr_init": (ctypes.c_int, [ctypes.POINTER(VietQRIn), ctypes.c_size_t, _ERR]),
    "vqr_vietqr_build": (ctypes.c_int, [ctypes.POINTER(VietQRIn), ctypes.c_uint, _P,
                                        ctypes.POINTER(VietQRReport), _ERR]),
    "vqr_vietqr_write": (ctypes.c_int, [ctypes.POINTER(VietQRIn), ctypes.c_uint,
                                        ctypes.c_char_p, ctypes.c_size_t, _SIZE,
                                        ctypes.POINTER(VietQRReport), _ERR]),
    "vqr_vietqr_read": (ctypes.c_int, [_P, ctypes.POINTER(VietQRInfo), _ERR]),
    # QR codes and rendering (the allocator argument is always NULL: the
    # library's default, released with vqr_free)
    "vqr_free": (None, [ctypes.c_void_p]),
    "vqr_qr_encode": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int,
                                     ctypes.c_void_p, ctypes.POINTER(_QR), _ERR]),
    "vqr_qr_free": (None, [_QR]),
    "vqr_qr_version": (ctypes.c_int, [_QR]),
    "vqr_qr_width": (ctypes.c_int, [_QR]),
    "vqr_qr_ecc": (ctypes.c_int, [_QR]),
    "vqr_qr_has_eci": (ctypes.c_bool, [_QR]),
    "vqr_qr_module": (ctypes.c_bool, [_QR, ctypes.c_int, ctypes.c_int]),
    "vqr_qr_modules": (ctypes.c_int, [_QR, ctypes.c_char_p, ctypes.c_size_t, _SIZE, _ERR]),
    "vqr_render_options_init": (ctypes.c_int, [ctypes.POINTER(RenderOptions), ctypes.c_size_t,
                                                 _ERR]),
    "vqr_render_png": (ctypes.c_int, [_QR, ctypes.POINTER(RenderOptions), ctypes.c_void_p,
                                      ctypes.POINTER(ctypes.c_void_p), _SIZE, _ERR]),
    "vqr_render_png_file": (ctypes.c_int, [_QR, ctypes.POINTER(RenderOptions), ctypes.c_char_p,
                                           ctypes.c_void_p, _ERR]),
    "vqr_render_svg": (ctypes.c_int, [_QR, ctypes.POINTER(RenderOptions), ctypes.c_void_p,
                                      ctypes.POINTER(ctypes.c_void_p), _SIZE, _ERR]),
    "vqr_render_svg_file": (ctypes.c_int, [_QR, ctypes.POINTER(RenderOptions), ctypes.c_char_p,
                                           ctypes.c_void_p, _ERR]),
    "vqr_render_term": (ctypes.c_int, [_QR, ctypes.POINTER(RenderOptions), ctypes.c_void_p,
                                       ctypes.POINTER(ctypes.c_void_p), _SIZE, _ERR]),
    "vqr_render_print_size": (ctypes.c_int, [_QR, ctypes.c_double, ctypes.c_uint, ctypes.c_uint,
                                             ctypes.POINTER(PrintSize), _ERR]),
    # payment references and reconciliation (the allocator is always NULL)
    "vqr_ref_make": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_uint32, ctypes.c_char_p,
                                    ctypes.c_size_t, _SIZE, _ERR]),
    "vqr_ref_check": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, _ERR]),
    "vqr_ref_find": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                    ctypes.POINTER(RefMatch), ctypes.c_size_t, _SIZE, _ERR]),
    "vqr_match_name": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_recon_amount_parse": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                              ctypes.POINTER(ctypes.c_int64), _ERR]),
    "vqr_recon_new": (ctypes.c_int, [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), _ERR]),
    "vqr_recon_free": (None, [ctypes.c_void_p]),
    "vqr_recon_add_prefix": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, _ERR]),
    "vqr_recon_add_issued": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                            ctypes.c_uint64, ctypes.c_uint64, _ERR]),
    "vqr_recon_tx_init": (ctypes.c_int, [ctypes.POINTER(ReconTx), ctypes.c_size_t, _ERR]),
    "vqr_recon_add_tx": (ctypes.c_int, [ctypes.c_void_p, ctypes.POINTER(ReconTx), _SIZE, _ERR]),
    "vqr_recon_run": (ctypes.c_int, [ctypes.c_void_p, _ERR]),
    "vqr_recon_issued_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "vqr_recon_tx_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "vqr_recon_order": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t, _SIZE, _ERR]),
    "vqr_recon_result_get": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t,
                                            ctypes.POINTER(ReconResult), _ERR]),
    "vqr_recon_tx_reference": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t,
                                              ctypes.c_char_p, _ERR]),
    "vqr_recon_issued_get": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t,
                                            ctypes.POINTER(ReconIssued), _ERR]),
}


def candidates(stem: str, env: str) -> List[str]:
    """Where to look for lib<stem>.so, in order (see the module's comment)."""
    path = os.environ.get(env)
    if path:
        return [path]
    out = []
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib%s.so" % stem)
    if os.path.exists(bundled):
        out.append(bundled)
    found = ctypes.util.find_library(stem)
    if found:
        out.append(found)
    soname = "lib%s.so.%d" % (stem, ABI_MAJOR)
    if soname not in out:
        out.append(soname)
    return out


def open_library(stem: str, env: str, hint: str) -> ctypes.CDLL:
    """The first of candidates() that loads; ImportError naming each one
    tried and why it failed."""
    errors = []
    for cand in candidates(stem, env):
        try:
            return ctypes.CDLL(cand)
        except OSError as exc:
            errors.append("%s (%s)" % (cand, exc))
    raise ImportError("lib%s could not be loaded; tried: %s. %s"
                      % (stem, "; ".join(errors), hint))


def load():
    """Opens libvietqr, declares every prototype and checks the ABI major."""
    lib = open_library("vietqr", "VIETQR_LIB",
                       "Install the library (Debian: apt-get install libvietqr0), install the "
                       "wheel (pip install .), or set VIETQR_LIB to the path of libvietqr.so.")
    declare(lib, PROTOTYPES)
    version = lib.vqr_version()
    if version >> 16 != ABI_MAJOR:
        raise ImportError("libvietqr %s has ABI %d; this binding needs ABI %d"
                          % (lib.vqr_version_string().decode(), version >> 16, ABI_MAJOR))
    expected = "%d.%d.%d" % (version >> 16, (version >> 8) & 0xFF, version & 0xFF)
    if lib.vqr_version_string().decode() != expected:
        raise ImportError("libvietqr reports version %r but %r as a number"
                          % (lib.vqr_version_string().decode(), expected))
    return lib


def status_names(lib, upto=1024):
    """{code: name} for every code the library knows, read from the library."""
    unknown = b"VQR_ERR_UNKNOWN"  # documented in vietqr.h for unknown codes
    names = {}
    for code in range(upto):
        name = lib.vqr_status_name(code)
        if name != unknown:
            names[code] = name.decode("ascii")
    return names


LIB = load()
