"""libvietqr for Python: EMVCo MPM and VietQR payloads through ctypes.

    >>> import vietqr
    >>> p = vietqr.Payload.parse(text)  # VietQR rules for a VietQR, EMVCo otherwise
    >>> p.profile                       # Profile.VIETQR; parse(text, profile="emvco")
    >>> p.get("62.08")                  # the purpose of payment, or None
    >>> [d.name for d in p.diagnostics]  # warnings (lenient) or errors
    >>> p.set("54", "150000")
    >>> p.write(keep_order=True)         # untouched objects byte for byte, fresh CRC
    >>> vietqr.build_vietqr("Vietcombank", "0011012345678", amount=180000,
    ...                     purpose="Thanh toán học phí").text
    >>> p.vietqr().bank_short_name       # the VietQR view: bank, account, amount...
    >>> vietqr.QRCode.encode(text).png(scale=8)   # PNG bytes (also svg(), terminal())
    >>> ref = vietqr.make_reference("HP24", 123)      # "HP24000123SQ"
    >>> vietqr.find_references("IBFT hp24-000123-7 FT24", "HP24")
    >>> vietqr.reconcile(issued_rows, webhook_events)  # one result per transaction
    >>> vietqr.verify(text, [vietqr.Payee("Vietcombank", "0011012345678")]).verdict
    >>> vietqr.scan(open("photo.jpg", "rb").read())   # every QR code of a photo

Errors raise VietQRError with the library's code, name, byte and character
offsets, tag path and English and Vietnamese messages. The shared library is
found through VIETQR_LIB, else inside this package (a wheel), then the
system's library path.
"""

from . import _native
from ._errors import Diagnostic, Severity, Status, VietQRError, status_name, strerror
from ._native import IntegerRangeError
from ._payload import CrcCheck, CrcInfo, Payload, PayloadObject, Profile, crc16, crc_check
from ._text import Escaped, Folded, escape, fold_text, nfc
from ._banks import (Bank, bank_by_bin, bank_data_version, banks, find_bank, find_banks,
                     suggest_banks)
from ._vietqr import (FoldedField, Network, Service, VietQRBuild, VietQRInfo, VietQRReport,
                      amount_words, build_vietqr, format_amount, parse_amount, read_vietqr, write_vietqr)
from ._render import Ecc, PrintSize, QRCode
from ._recon import (STATUSES, IssuedState, Reconciliation, ReconResult, check_reference,
                     find_references, is_reference, make_reference, parse_bank_amount, reconcile,
                     transaction_from_event)
from ._verify import Payee, Result as VerifyResult, Suspect, SuspectMark, Verdict, verify

# Reading photos needs libvietqr-scan, a second library: loaded when first
# used (vietqr.scan, ...), and left out of __all__ so that "import *" works
# without it.
_SCAN_NAMES = ("scan", "scan_file", "scan_grey", "verify_image", "ScannedCode", "ImageResult")


def __getattr__(name):
    # vietqr.print (libvietqr-print) is loaded when first used: it needs a
    # second library, which a build without cairo and pango lacks.
    if name == "print":
        import importlib
        return importlib.import_module(".print", __name__)
    if name in _SCAN_NAMES:
        from . import _scan
        return getattr(_scan, name)
    raise AttributeError("module 'vietqr' has no attribute %r" % name)


def version() -> int:
    """The library's version as 0xMMmmpp (vqr_version)."""
    return _native.LIB.vqr_version()


def version_string() -> str:
    """The library's version as "MAJOR.MINOR.PATCH" (vqr_version_string)."""
    return _native.LIB.vqr_version_string().decode("ascii")


__version__ = version_string()

__all__ = [
    "Payload", "PayloadObject", "Profile", "Diagnostic", "Severity", "Status", "VietQRError",
    "IntegerRangeError",
    "CrcCheck", "CrcInfo", "crc16", "crc_check", "status_name", "strerror",
    "version", "version_string",
    "Folded", "fold_text", "nfc", "Escaped", "escape",
    "Bank", "banks", "bank_by_bin", "find_bank", "find_banks", "suggest_banks",
    "bank_data_version",
    "Service", "Network", "parse_amount", "format_amount", "amount_words", "FoldedField", "VietQRReport",
    "VietQRBuild", "build_vietqr", "write_vietqr", "VietQRInfo", "read_vietqr",
    "Payee", "Verdict", "VerifyResult", "Suspect", "SuspectMark", "verify",
    "Ecc", "PrintSize", "QRCode",
    "make_reference", "check_reference", "is_reference", "find_references", "parse_bank_amount",
    "transaction_from_event", "reconcile", "Reconciliation", "ReconResult", "IssuedState",
    "STATUSES",
]
