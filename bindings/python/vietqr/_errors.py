"""Status codes, diagnostics and the VietQRError exception.

``Status`` is built at import time from the library itself (every code for
which ``vqr_status_name`` knows a name), so it cannot drift from the C enum.
"""

import enum
from dataclasses import dataclass
from typing import Optional, Tuple

from . import _native as N

Status = enum.IntEnum("Status", {name: code for code, name in N.status_names(N.LIB).items()},
                      module=__name__)
Status.__doc__ = "The codes of enum vqr_status, with their C names (read from libvietqr)."


class Severity(enum.IntEnum):
    """enum vqr_severity."""
    ERROR = N.SEVERITY_ERROR
    WARNING = N.SEVERITY_WARNING


def _code(value: int):
    try:
        return Status(value)
    except ValueError:
        return value


def _opt(value: int) -> Optional[int]:
    """SIZE_MAX (no position) becomes None."""
    return None if value == N.SIZE_MAX else value


def _text(value: Optional[bytes]) -> str:
    return value.decode("utf-8") if value is not None else ""


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning found while parsing (a copy of a vqr_error)."""
    code: int
    name: str
    severity: Severity
    offset: Optional[int]
    char_offset: Optional[int]
    tag: str
    message: str
    message_vi: str
    related_offset: Optional[int] = None
    limit: int = 0

    @property
    def is_warning(self) -> bool:
        return self.severity == Severity.WARNING

    @classmethod
    def from_c(cls, err: N.Error) -> "Diagnostic":
        return cls(code=_code(err.code), name=_text(err.name), severity=Severity(err.severity),
                   offset=_opt(err.offset), char_offset=_opt(err.char_offset),
                   tag=err.tag.decode("ascii"), message=_text(err.message),
                   message_vi=_text(err.message_vi), related_offset=_opt(err.related_offset),
                   limit=err.limit)


class VietQRError(ValueError):
    """A libvietqr call failed.

    Fields: ``code`` (a Status), ``name`` ("VQR_ERR_CRC_MISMATCH"),
    ``offset`` and ``char_offset`` (bytes / characters into the input, or
    None), ``tag`` ("62.08" or ""), ``message`` (English), ``message_vi``
    (Vietnamese), ``limit``, ``related_offset``, ``diagnostics``: every
    diagnostic of a failed parse, and ``suggestions``: for a bank the
    directory cannot resolve (VQR_ERR_BANK_UNKNOWN, _AMBIGUOUS), the banks
    the query may mean (vqr_bank_suggest), best first, also named in the
    message ("did you mean Vietcombank (970436)?").
    """

    def __init__(self, code, name, offset, char_offset, tag, message, message_vi,
                 limit=0, related_offset=None, diagnostics=(), suggestions=()):
        self.code = _code(code)
        self.name = name
        self.offset = offset
        self.char_offset = char_offset
        self.tag = tag
        self.message = message
        self.message_vi = message_vi
        self.limit = limit
        self.related_offset = related_offset
        self.diagnostics: Tuple[Diagnostic, ...] = tuple(diagnostics)
        self.suggestions = tuple(suggestions)
        where = []
        if offset is not None:
            where.append("at byte %d" % offset)
        if tag:
            where.append("tag %s" % tag)
        if limit:
            where.append("limit %d" % limit)
        hint = ""
        if self.suggestions:
            names = ["%s (%s)" % (b.short_name, b.bin) for b in self.suggestions]
            ambiguous = name == "VQR_ERR_BANK_AMBIGUOUS"
            last = " and " if ambiguous else " or "
            listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]
            hint = ("; it names %s: give the BIN" if ambiguous else "; did you mean %s?") % listed
        super().__init__("%s%s: %s%s" % (name, " (%s)" % ", ".join(where) if where else "",
                                         message, hint))

    @classmethod
    def from_c(cls, err: N.Error, diagnostics=(), suggestions=()) -> "VietQRError":
        d = Diagnostic.from_c(err)
        return cls(d.code, d.name, d.offset, d.char_offset, d.tag, d.message, d.message_vi,
                   limit=d.limit, related_offset=d.related_offset, diagnostics=diagnostics,
                   suggestions=suggestions)

    @classmethod
    def from_status(cls, code: int, tag: str = "") -> "VietQRError":
        """For calls that return only a status: names and messages from the library."""
        return cls(code, _text(N.LIB.vqr_status_name(code)), None, None, tag,
                   _text(N.LIB.vqr_strerror(code)), _text(N.LIB.vqr_strerror_vi(code)))


def status_name(code: int) -> str:
    """vqr_status_name: the symbolic name of a code."""
    return _text(N.LIB.vqr_status_name(code))


def strerror(code: int, vietnamese: bool = False) -> str:
    """vqr_strerror / vqr_strerror_vi: the message of a code."""
    fn = N.LIB.vqr_strerror_vi if vietnamese else N.LIB.vqr_strerror
    return _text(fn(code))


__all__ = ["Status", "Severity", "Diagnostic", "VietQRError", "status_name", "strerror"]
