"""Loading libvietqr and declaring its exported functions for ctypes.

The library is looked up, in order:

1. the path in the environment variable ``VIETQR_LIB``;
2. ``ctypes.util.find_library("vietqr")`` (an installed library);
3. the soname ``libvietqr.so.0``, left to the dynamic loader.

The build runs the binding tests with ``VIETQR_LIB`` set to the freshly
built ``libvietqr.so``.

Every function is declared with its ``argtypes`` and ``restype`` before use;
the structures below mirror ``include/vietqr.h`` field for field.
"""

import ctypes
import ctypes.util
import os

# The ABI major version this binding is written against (the soname's
# number). A library of another ABI major is refused at import time.
ABI_MAJOR = 0

# From vietqr.h; tests/test_vietqr.py compares each with the header.
TAG_MAX = 12            # VQR_TAG_MAX
PARSE_STRICT = 0        # VQR_PARSE_STRICT
PARSE_LENIENT = 1 << 0  # VQR_PARSE_LENIENT
WRITE_CANONICAL = 0     # VQR_WRITE_CANONICAL
WRITE_KEEP_ORDER = 1 << 0  # VQR_WRITE_KEEP_ORDER
SEVERITY_ERROR = 0      # VQR_SEVERITY_ERROR
SEVERITY_WARNING = 1    # VQR_SEVERITY_WARNING
NONE = -1               # VQR_NONE
ROOT = -1               # VQR_ROOT
PAYLOAD_BUF_SIZE = 4 * 512 + 1  # VQR_PAYLOAD_BUF_SIZE

SIZE_MAX = ctypes.c_size_t(-1).value


class Error(ctypes.Structure):
    """struct vqr_error."""
    _fields_ = [
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


class Object(ctypes.Structure):
    """struct vqr_object."""
    _fields_ = [
        ("id", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("is_template", ctypes.c_bool),
        ("raw", ctypes.c_bool),
        ("value", View),
        ("offset", ctypes.c_size_t),
        ("char_offset", ctypes.c_size_t),
        ("tag", ctypes.c_char * TAG_MAX),
    ]


_P = ctypes.c_void_p  # vqr_payload * (caller-owned storage)
_ERR = ctypes.POINTER(Error)

# name: (restype, argtypes)
PROTOTYPES = {
    "vqr_version": (ctypes.c_uint32, []),
    "vqr_version_string": (ctypes.c_char_p, []),
    "vqr_status_name": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_strerror": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_strerror_vi": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_crc16": (ctypes.c_uint16, [ctypes.c_char_p, ctypes.c_size_t]),
    "vqr_crc_check": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p]),
    "vqr_payload_sizeof": (ctypes.c_size_t, []),
    "vqr_payload_parse": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.c_uint, _ERR]),
    "vqr_payload_init": (None, [_P]),
    "vqr_payload_diag_count": (ctypes.c_size_t, [_P]),
    "vqr_payload_diag_count_severity": (ctypes.c_size_t, [_P, ctypes.c_int]),
    "vqr_payload_diag": (ctypes.c_int, [_P, ctypes.c_size_t, _ERR]),
    "vqr_payload_crc": (ctypes.c_bool, [_P, ctypes.c_char_p, ctypes.c_char_p]),
    "vqr_payload_get": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.POINTER(View)]),
    "vqr_payload_set": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p,
                                       ctypes.c_size_t, _ERR]),
    "vqr_payload_remove": (ctypes.c_int, [_P, ctypes.c_char_p]),
    "vqr_payload_write": (ctypes.c_int, [_P, ctypes.c_uint, ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_size_t), _ERR]),
    "vqr_payload_first": (ctypes.c_int, [_P, ctypes.c_int]),
    "vqr_payload_next": (ctypes.c_int, [_P, ctypes.c_int]),
    "vqr_payload_object": (ctypes.c_int, [_P, ctypes.c_int, ctypes.POINTER(Object)]),
}


def _candidates():
    path = os.environ.get("VIETQR_LIB")
    if path:
        return [path]
    found = ctypes.util.find_library("vietqr")
    return [found] if found else ["libvietqr.so.%d" % ABI_MAJOR]


def load():
    """Opens libvietqr, declares every prototype and checks the ABI major."""
    errors = []
    for cand in _candidates():
        try:
            lib = ctypes.CDLL(cand)
            break
        except OSError as exc:
            errors.append("%s: %s" % (cand, exc))
    else:
        raise ImportError("libvietqr not found (set VIETQR_LIB to the path of libvietqr.so): "
                          + "; ".join(errors))
    for name, (restype, argtypes) in PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
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
