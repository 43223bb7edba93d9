"""vietqr.print: payment cards, fee notices, receipts and stickers, to bytes.

A thin ctypes layer over libvietqr-print (include/vietqr-print.h), which
draws the documents a payer receives around a VietQR payload, as PNG, PDF or
SVG::

    >>> import vietqr, vietqr.print
    >>> text = vietqr.write_vietqr("970436", "0011012345678", amount=1250000,
    ...                            purpose="HP HK1 HS12345")[0]
    >>> png = vietqr.print.card(text, holder="TRƯỜNG THPT LÊ HỒNG PHONG")
    >>> pdf = vietqr.print.notice(text, format="pdf", payer="Nguyễn Văn An",
    ...                           items=[("Học phí học kỳ 1", 1250000)])
    >>> with vietqr.print.Document(format="pdf") as doc:   # many pages
    ...     doc.add("notice", text, payer="Nguyễn Văn An")
    ...     data = doc.finish()

Every template has a function: card, qr_only, compact, compact2, print,
notice, receipt, sticker (``render(template, ...)`` names it by a string).
They take the payload, then keyword arguments only, each spelled out with
its type and documented (``help(vietqr.print.card)``): the template's fields
(title, issuer, address, payer, payer_code, holder, bank, purpose,
reference, due_date, date, how_to_pay, note, stall, items as (label,
amount) pairs) and the drawing options (format "png" | "pdf" | "svg",
paper, dpi, scale, ecc, min_module_mm, font, doc_title, mono, south, tu,
cut_marks, any_payload). Document() takes the drawing options, its add()
the fields; measure() takes both. An unknown keyword or a value of the
wrong type is a TypeError.

Errors raise vietqr.VietQRError with the library's code; its ``tag`` names
the field ("payer", "item.3"). The library is found through
VIETQR_PRINT_LIB, else inside this package (a wheel), then the system's
library path; when libvietqr-print was
not built, importing this module raises ImportError.
"""

import ctypes
from typing import Any, BinaryIO, Iterable, List, NamedTuple, Optional, Tuple, Union

from . import _native as N
from ._errors import Status, VietQRError, status_name, strerror
from ._render import Ecc

ABI_MAJOR = N.ABI_MAJOR

TEMPLATES = ("card", "qr_only", "compact", "compact2", "print", "notice", "receipt", "sticker")
FORMATS = {"png": 0, "pdf": 1, "svg": 2}
PAPERS = {None: 0, "a5": 1, "a4-2up": 2, "roll58": 3, "roll80": 4, "a6": 5, "square100": 6}
ECC = {None: 0, "L": 1, "M": 2, "Q": 3, "H": 4}
# enum vqr_print_flags
MONO = 1 << 0
WORDS_SOUTH = 1 << 1
WORDS_TU = 1 << 2
NO_CUT_MARKS = 1 << 3
ANY_PAYLOAD = 1 << 4
ITEMS_MAX = 64      # VQR_PRINT_ITEMS_MAX
FIELD_MAX = 24      # VQR_PRINT_FIELD_MAX
BOX_TEXT = 1        # VQR_BOX_TEXT
BOX_QR = 2          # VQR_BOX_QR

_TEXT_FIELDS = ("title", "issuer", "address", "payer", "payer_code", "holder", "bank", "purpose",
                "reference", "due_date", "date", "how_to_pay", "note", "stall")


class Options(ctypes.Structure):
    """struct vqr_print_options."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("format", ctypes.c_int),
        ("paper", ctypes.c_int),
        ("dpi", ctypes.c_uint),
        ("scale", ctypes.c_uint),
        ("ecc", ctypes.c_int),
        ("min_module_mm", ctypes.c_double),
        ("font", ctypes.c_char_p),
        ("title", ctypes.c_char_p),
        ("flags", ctypes.c_uint),
    ]


class Item(ctypes.Structure):
    """struct vqr_print_item."""
    _fields_ = [("label", ctypes.c_char_p), ("amount", ctypes.c_uint64)]


class Fields(ctypes.Structure):
    """struct vqr_print_fields."""
    _fields_ = ([("size", ctypes.c_size_t), ("payload", ctypes.c_char_p),
                 ("payload_len", ctypes.c_size_t)]
                + [(name, ctypes.c_char_p) for name in _TEXT_FIELDS]
                + [("items", ctypes.POINTER(Item)), ("item_count", ctypes.c_size_t)])


class CBox(ctypes.Structure):
    """struct vqr_print_box."""
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("kind", ctypes.c_int),
        ("field", ctypes.c_char * FIELD_MAX),
        ("x", ctypes.c_double), ("y", ctypes.c_double),
        ("width", ctypes.c_double), ("height", ctypes.c_double),
        ("ink_x", ctypes.c_double), ("ink_y", ctypes.c_double),
        ("ink_width", ctypes.c_double), ("ink_height", ctypes.c_double),
        ("text_x", ctypes.c_double), ("text_y", ctypes.c_double),
        ("text_width", ctypes.c_double), ("text_height", ctypes.c_double),
        ("font_size", ctypes.c_double),
        ("nominal_size", ctypes.c_double),
        ("min_size", ctypes.c_double),
        ("lines", ctypes.c_int),
        ("max_lines", ctypes.c_int),
        ("module", ctypes.c_double),
        ("modules", ctypes.c_int),
        ("text", ctypes.c_char_p),
    ]


WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_ubyte),
                            ctypes.c_size_t)

_ERR = ctypes.POINTER(N.Error)
_BYTES = ctypes.POINTER(ctypes.c_void_p)
_SIZE = ctypes.POINTER(ctypes.c_size_t)
PROTOTYPES = {
    "vqr_template_name": (ctypes.c_char_p, [ctypes.c_int]),
    "vqr_template_find": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t,
                                         ctypes.POINTER(ctypes.c_int), _ERR]),
    "vqr_print_options_init": (ctypes.c_int, [ctypes.POINTER(Options), ctypes.c_size_t, _ERR]),
    "vqr_print_fields_init": (ctypes.c_int, [ctypes.POINTER(Fields), ctypes.c_size_t, _ERR]),
    "vqr_print_init": (ctypes.c_int, [ctypes.c_char_p, _ERR]),
    "vqr_print_render": (ctypes.c_int, [ctypes.c_int, ctypes.POINTER(Fields),
                                        ctypes.POINTER(Options), ctypes.c_void_p, _BYTES, _SIZE,
                                        _ERR]),
    "vqr_print_doc_new": (ctypes.c_int, [ctypes.POINTER(Options), ctypes.c_void_p, WRITE_FN,
                                         ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), _ERR]),
    "vqr_print_doc_add": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(Fields),
                                         _ERR]),
    "vqr_print_doc_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "vqr_print_doc_pages": (ctypes.c_size_t, [ctypes.c_void_p]),
    "vqr_print_doc_finish": (ctypes.c_int, [ctypes.c_void_p, _BYTES, _SIZE, _ERR]),
    "vqr_print_doc_free": (None, [ctypes.c_void_p]),
    "vqr_print_measure": (ctypes.c_int, [ctypes.c_int, ctypes.POINTER(Fields),
                                         ctypes.POINTER(Options), ctypes.POINTER(ctypes.c_void_p),
                                         _ERR]),
    "vqr_print_layout_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "vqr_print_layout_box": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t,
                                            ctypes.POINTER(CBox), _ERR]),
    "vqr_print_layout_page": (None, [ctypes.c_void_p, ctypes.POINTER(ctypes.c_double),
                                     ctypes.POINTER(ctypes.c_double)]),
    "vqr_print_layout_free": (None, [ctypes.c_void_p]),
}


def _load():
    lib = N.open_library("vietqr-print", "VIETQR_PRINT_LIB",
                         "libvietqr-print is built when cairo and pango are installed (Debian: "
                         "apt-get install libvietqr-print0); set VIETQR_PRINT_LIB to the path "
                         "of libvietqr-print.so.")
    N.declare(lib, PROTOTYPES)
    for struct, init in ((Options, lib.vqr_print_options_init),
                         (Fields, lib.vqr_print_fields_init)):
        probe = struct()
        if init(ctypes.byref(probe), ctypes.sizeof(struct), None) != 0:
            raise ImportError("%s: its init function failed" % struct.__doc__)
        if probe.size != ctypes.sizeof(struct):
            raise ImportError("%s is %d bytes in libvietqr-print, %d in this binding"
                              % (struct.__doc__, probe.size, ctypes.sizeof(struct)))
    return lib


LIB = _load()


def _raise(err: N.Error):
    raise VietQRError.from_c(err)


TextArg = Union[str, bytes]
"""A text argument: str, or its UTF-8 bytes."""


def _cstr(value, tag: str) -> Optional[bytes]:
    """`value` (str, UTF-8 bytes or None) for a NUL-terminated field of the C
    structs. Another type is a TypeError naming `tag`; a NUL would cut the
    text short there, so it is refused (VQR_ERR_INVALID_ARGUMENT, `tag`
    naming the field, `offset` the NUL) rather than shortened."""
    if value is None:
        return None
    if isinstance(value, str):
        raw = value.encode("utf-8")
    elif isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
    else:
        raise TypeError("%s must be str (or UTF-8 bytes), not %s" % (tag, type(value).__name__))
    if b"\0" in raw:
        at = raw.index(b"\0")
        code = Status.VQR_ERR_INVALID_ARGUMENT
        raise VietQRError(code, status_name(code), at,
                          len(raw[:at].decode("utf-8", "surrogatepass")), tag,
                          "a NUL byte in %s: %s" % (tag, strerror(code)),
                          "byte NUL trong %s: %s" % (tag, strerror(code, vietnamese=True)))
    return raw


def _template(name: Union[str, int]) -> int:
    if isinstance(name, int) and not isinstance(name, bool):
        return N.check_int(name, ctypes.c_int, "template")
    if not isinstance(name, str):
        raise TypeError("template must be a template's name (one of %s), not %s"
                        % (", ".join(TEMPLATES), type(name).__name__))
    raw = name.encode("ascii", "replace")
    t = ctypes.c_int(0)
    err = N.Error()
    if LIB.vqr_template_find(raw, len(raw), ctypes.byref(t), ctypes.byref(err)) != Status.VQR_OK:
        raise ValueError("unknown template %r (one of %s)" % (name, ", ".join(TEMPLATES)))
    return t.value


def _choice(value, table, what: str, allowed: str) -> int:
    """table[value] for an option given by name; TypeError for a value that
    is not a name, ValueError for an unknown name."""
    if value is not None and not isinstance(value, str):
        raise TypeError("%s must be %s, not %s" % (what, allowed, type(value).__name__))
    if value not in table:
        raise ValueError("%s is %s, not %r" % (what, allowed, value))
    return table[value]


# The parameters of the public functions below (written out by
# scripts/gen_print_python.py) come here whole: every one is named, none
# has a default, so a function that forgot one fails at once.

def _options(*, format, paper, dpi, scale, ecc, min_module_mm, font, doc_title, mono, south, tu,
             cut_marks, any_payload) -> Tuple[Options, List[Any]]:
    """struct vqr_print_options from the drawing options, and the objects it
    points into (kept alive by the caller for the call)."""
    o = Options()
    LIB.vqr_print_options_init(ctypes.byref(o), ctypes.sizeof(o), None)
    o.format = _choice(format, FORMATS, "format", "one of png, pdf, svg")
    o.paper = _choice(paper, PAPERS, "paper",
                      "None or one of %s" % ", ".join(p for p in PAPERS if p))
    if isinstance(ecc, Ecc):
        o.ecc = int(ecc)
    else:
        o.ecc = _choice(ecc, ECC, "ecc", "None, a vietqr.Ecc or one of L, M, Q, H")
    N.set_int(o, "dpi", dpi)
    N.set_int(o, "scale", scale)
    if isinstance(min_module_mm, bool) or not isinstance(min_module_mm, (int, float)):
        raise TypeError("min_module_mm must be a number of millimetres (0.5), not %s"
                        % type(min_module_mm).__name__)
    o.min_module_mm = min_module_mm
    keep = [_cstr(font, "font"), _cstr(doc_title, "doc_title")]
    o.font, o.title = keep
    o.flags = ((MONO if mono else 0) | (WORDS_SOUTH if south else 0) | (WORDS_TU if tu else 0)
               | (0 if cut_marks else NO_CUT_MARKS) | (ANY_PAYLOAD if any_payload else 0))
    return o, keep


_OPTION_NAMES = ("format", "paper", "dpi", "scale", "ecc", "min_module_mm", "font", "doc_title",
                 "mono", "south", "tu", "cut_marks", "any_payload")


def _item(i: int, item) -> Tuple[bytes, int]:
    try:
        label, amount = item
    except (TypeError, ValueError):
        raise TypeError("items[%d] must be a (label, amount) pair, not %r" % (i, item)) from None
    if label is None:
        raise TypeError("items[%d]: the label must be str (or UTF-8 bytes), not None" % i)
    amount = N.check_int(N.check_amount(amount, "items[%d]: the amount" % i), ctypes.c_uint64,
                         "items[%d]: the amount" % i)
    return _cstr(label, "items"), amount


def _fields(payload, *, title, issuer, address, payer, payer_code, holder, bank, purpose,
            reference, due_date, date, how_to_pay, note, stall,
            items) -> Tuple[Fields, List[Any]]:
    """struct vqr_print_fields from the payload and the fields, and the
    objects it points into (kept alive by the caller for the call)."""
    f = Fields()
    LIB.vqr_print_fields_init(ctypes.byref(f), ctypes.sizeof(f), None)
    if not isinstance(payload, (str, bytes, bytearray, memoryview)):
        raise TypeError("payload must be the payload's text (str, or its UTF-8 bytes), not %s"
                        % type(payload).__name__)
    raw = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    keep: List[Any] = [raw]
    f.payload = raw
    f.payload_len = len(raw)
    # In the order of _TEXT_FIELDS (the struct's).
    text = (title, issuer, address, payer, payer_code, holder, bank, purpose, reference,
            due_date, date, how_to_pay, note, stall)
    for name, value in zip(_TEXT_FIELDS, text):
        v = _cstr(value, name)
        keep.append(v)
        setattr(f, name, v)
    if items is not None:
        if isinstance(items, (str, bytes)):
            raise TypeError("items must be (label, amount) pairs, not %s" % type(items).__name__)
        pairs = [_item(i, item) for i, item in enumerate(items)]
        if pairs:
            arr = (Item * len(pairs))()
            for i, (label, amount) in enumerate(pairs):
                arr[i].label = label
                arr[i].amount = amount
            keep += [p[0] for p in pairs] + [arr]
            f.items = arr
            f.item_count = len(pairs)
    return f, keep


def _take(ptr: ctypes.c_void_p, n: ctypes.c_size_t) -> bytes:
    try:
        return ctypes.string_at(ptr.value, n.value)
    finally:
        N.LIB.vqr_free(ptr)


def init(font: Optional[str] = None) -> None:
    """vqr_print_init: initialise fontconfig and check that `font` (default
    "Noto Sans") covers Vietnamese; optional, for a service's start-up."""
    err = N.Error()
    if LIB.vqr_print_init(_cstr(font, "font"), ctypes.byref(err)) != Status.VQR_OK:
        _raise(err)


def _render(template: Union[str, int], fields: Tuple[Fields, List[Any]],
            options: Tuple[Options, List[Any]]) -> bytes:
    """vqr_print_render of `fields` with `options` (as _fields and _options
    made them)."""
    (f, keep_f), (o, keep_o) = fields, options
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    err = N.Error()
    st = LIB.vqr_print_render(_template(template), ctypes.byref(f), ctypes.byref(o), None,
                              ctypes.byref(out), ctypes.byref(n), ctypes.byref(err))
    del keep_o, keep_f
    if st != Status.VQR_OK:
        _raise(err)
    return _take(out, n)


# generated: functions (scripts/gen_print_python.py writes it; change the table there)
def render(template: Union[str, int], payload: TextArg, *, title: Optional[TextArg] = None,
           issuer: Optional[TextArg] = None, address: Optional[TextArg] = None,
           payer: Optional[TextArg] = None, payer_code: Optional[TextArg] = None,
           holder: Optional[TextArg] = None, bank: Optional[TextArg] = None,
           purpose: Optional[TextArg] = None, reference: Optional[TextArg] = None,
           due_date: Optional[TextArg] = None, date: Optional[TextArg] = None,
           how_to_pay: Optional[TextArg] = None, note: Optional[TextArg] = None,
           stall: Optional[TextArg] = None, items: Optional[Iterable[Tuple[TextArg, int]]] = None,
           format: str = "png", paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
           ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
           font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None, mono: bool = False,
           south: bool = False, tu: bool = False, cut_marks: bool = True,
           any_payload: bool = False) -> bytes:
    """Draws one document of the template named by `template` (vqr_print_render) and returns its
    bytes; card(), notice(), ... are this function for one template.

    Args:
        template: the template's name ("card", "qr_only", "compact", "compact2", "print", "notice",
            "receipt", "sticker": TEMPLATES) or its vqr_template number.
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render(template, fields, options)


def card(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
         address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
         payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
         bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
         reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
         date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
         note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
         items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
         paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
         ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
         font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None, mono: bool = False,
         south: bool = False, tu: bool = False, cut_marks: bool = True,
         any_payload: bool = False) -> bytes:
    """A 900 x 500 px payment card for a screen or a web page: the QR code, bank, account holder,
    account number in groups, amount in figures and words, purpose.

    Draws it with vqr_print_render (VQR_TEMPLATE_CARD). It shows holder, bank, purpose, note; the
    other fields are accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("card", fields, options)


def qr_only(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
            address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
            payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
            bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
            reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
            date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
            note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
            items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
            paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
            ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
            font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
            mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
            any_payload: bool = False) -> bytes:
    """VietQR.io's qr_only, 480 x 480 px: the QR code alone, with its quiet zone.

    Draws it with vqr_print_render (VQR_TEMPLATE_QR_ONLY). It shows no field, only the code; the
    other fields are accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("qr_only", fields, options)


def compact(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
            address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
            payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
            bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
            reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
            date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
            note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
            items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
            paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
            ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
            font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
            mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
            any_payload: bool = False) -> bytes:
    """VietQR.io's compact, 540 x 540 px: the QR code and the network and bank names.

    Draws it with vqr_print_render (VQR_TEMPLATE_COMPACT). It shows bank; the other fields are
    accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("compact", fields, options)


def compact2(payload: TextArg, *, title: Optional[TextArg] = None,
             issuer: Optional[TextArg] = None, address: Optional[TextArg] = None,
             payer: Optional[TextArg] = None, payer_code: Optional[TextArg] = None,
             holder: Optional[TextArg] = None, bank: Optional[TextArg] = None,
             purpose: Optional[TextArg] = None, reference: Optional[TextArg] = None,
             due_date: Optional[TextArg] = None, date: Optional[TextArg] = None,
             how_to_pay: Optional[TextArg] = None, note: Optional[TextArg] = None,
             stall: Optional[TextArg] = None,
             items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
             paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
             ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
             font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
             mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
             any_payload: bool = False) -> bytes:
    """VietQR.io's compact2, 540 x 640 px: the QR code and the transfer details.

    Draws it with vqr_print_render (VQR_TEMPLATE_COMPACT2). It shows holder, bank, purpose; the
    other fields are accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("compact2", fields, options)


def print(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
          address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
          payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
          bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
          reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
          date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
          note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
          items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
          paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
          ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
          font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None, mono: bool = False,
          south: bool = False, tu: bool = False, cut_marks: bool = True,
          any_payload: bool = False) -> bytes:  # noqa: A001 - the template's name
    """VietQR.io's print, 600 x 776 px: the QR code and every transfer detail in a table.

    Draws it with vqr_print_render (VQR_TEMPLATE_PRINT). It shows title, holder, bank, purpose,
    reference, note; the other fields are accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("print", fields, options)


def notice(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
           address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
           payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
           bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
           reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
           date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
           note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
           items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
           paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
           ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
           font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None, mono: bool = False,
           south: bool = False, tu: bool = False, cut_marks: bool = True,
           any_payload: bool = False) -> bytes:
    """An A5 landscape fee notice: issuer, payer, itemised lines, total in figures and words, due
    date, QR code, how to pay and a line telling the payer to check the payee's name; in PDF two
    per A4 sheet with cut marks.

    Draws it with vqr_print_render (VQR_TEMPLATE_NOTICE). It shows title, issuer, address, payer,
    payer_code, holder, bank, purpose, reference, due_date, date, how_to_pay, note, items; the
    other fields are accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("notice", fields, options)


def receipt(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
            address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
            payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
            bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
            reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
            date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
            note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
            items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
            paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
            ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
            font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
            mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
            any_payload: bool = False) -> bytes:
    """A thermal-printer receipt, 58 mm (paper="roll58", the default: 384 dots) or 80 mm ("roll80":
    576 dots) wide at 203 dpi, 1-bit, as long as its content.

    Draws it with vqr_print_render (VQR_TEMPLATE_RECEIPT). It shows title, issuer, address, payer,
    payer_code, holder, bank, purpose, reference, date, note, items; the other fields are accepted
    and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("receipt", fields, options)


def sticker(payload: TextArg, *, title: Optional[TextArg] = None, issuer: Optional[TextArg] = None,
            address: Optional[TextArg] = None, payer: Optional[TextArg] = None,
            payer_code: Optional[TextArg] = None, holder: Optional[TextArg] = None,
            bank: Optional[TextArg] = None, purpose: Optional[TextArg] = None,
            reference: Optional[TextArg] = None, due_date: Optional[TextArg] = None,
            date: Optional[TextArg] = None, how_to_pay: Optional[TextArg] = None,
            note: Optional[TextArg] = None, stall: Optional[TextArg] = None,
            items: Optional[Iterable[Tuple[TextArg, int]]] = None, format: str = "png",
            paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
            ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
            font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
            mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
            any_payload: bool = False) -> bytes:
    """A static-QR counter sticker for a stall, A6 (the default) or 10 x 10 cm (paper="square100"):
    stall name, bank, account holder, "check the name".

    Draws it with vqr_print_render (VQR_TEMPLATE_STICKER). It shows issuer, holder, bank, purpose,
    note, stall; the other fields are accepted and not drawn.

    Args:
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        The document's bytes: PNG, PDF or SVG as `format` says.

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _render("sticker", fields, options)
# end of generated: functions


class Document:
    """A document of many pages (vqr_print_doc): PDF, or one PNG or SVG page.

    With `file` (a binary file object) the bytes are written to it as they
    are made, so a document of thousands of pages needs little memory;
    otherwise finish() returns them.
    """

    # generated: Document (scripts/gen_print_python.py writes it; change the table there)
    def __init__(self, file: Optional[BinaryIO] = None, *, format: str = "png",
                 paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
                 ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
                 font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
                 mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
                 any_payload: bool = False) -> None:
        """Begins a document (vqr_print_doc_new) drawn with these options; add() lays out its
        pages, finish() ends it.

        Args:
            file: a binary file object: the bytes are written to it as they are made (a document of
                thousands of pages needs little memory) and finish() returns None; None: finish()
                returns the bytes.
            format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
            paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG
                and SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default);
                receipt: "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100"
                (100 x 100 mm). The pixel templates take only None; a paper the template cannot use
                is VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
            dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
                (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the
                pixel templates use `scale`. vqr_print_options.dpi.
            scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device
                pixels per template pixel, 1-4. vqr_print_options.scale.
            ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
                vqr_print_options.ecc.
            min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
                module, in millimetres, 0.1-10. A code too dense for its place at this size is
                VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
            font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
            doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
                template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn
                An"). vqr_print_options.title.
            mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
            south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
            tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
            cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
                VQR_PRINT_NO_CUT_MARKS).
            any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default
                the payload must parse and its CRC must match, so that no document goes out with a
                code bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

        Raises:
            vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
            "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible
            character (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT
            for a NUL in a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text
            that does not fit its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL,
            VQR_ERR_PRINT_PAPER, VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors
            (VQR_ERR_CRC_MISMATCH, ...). TypeError for an argument of the wrong type or an unknown
            keyword; ValueError for an unknown template, format, paper or ecc; IntegerRangeError
            for an amount, dpi or scale out of its C type's range.
        """
        options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                           min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                           south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
        self._begin(file, options)

    def add(self, template: Union[str, int], payload: TextArg, *, title: Optional[TextArg] = None,
            issuer: Optional[TextArg] = None, address: Optional[TextArg] = None,
            payer: Optional[TextArg] = None, payer_code: Optional[TextArg] = None,
            holder: Optional[TextArg] = None, bank: Optional[TextArg] = None,
            purpose: Optional[TextArg] = None, reference: Optional[TextArg] = None,
            due_date: Optional[TextArg] = None, date: Optional[TextArg] = None,
            how_to_pay: Optional[TextArg] = None, note: Optional[TextArg] = None,
            stall: Optional[TextArg] = None,
            items: Optional[Iterable[Tuple[TextArg, int]]] = None) -> None:
        """Lays out one page (vqr_print_doc_add) of the template named by `template`; nothing is
        added on error. A notice on "a4-2up" takes half a sheet.

        Args:
            template: the template's name ("card", "qr_only", "compact", "compact2", "print",
                "notice", "receipt", "sticker": TEMPLATES) or its vqr_template number.
            payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str,
                or its UTF-8 bytes). It must parse (leniently) with a matching CRC unless
                any_payload. vqr_print_fields.payload.
            title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH
                TOÁN", "BIÊN LAI"). vqr_print_fields.title.
            issuer: who asks for the money: a school, a hospital, a ward office, a market.
                vqr_print_fields.issuer.
            address: the issuer's address and telephone; a line break starts a new line.
                vqr_print_fields.address.
            payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
            payer_code: the payer's code at the issuer: student, patient or dossier number.
                vqr_print_fields.payer_code.
            holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
                DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer
                to check it. vqr_print_fields.holder.
            bank: the bank's name as shown; None: the bank directory's short name for the payload's
                BIN. vqr_print_fields.bank.
            purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
                vqr_print_fields.purpose.
            reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
                vqr_print_fields.reference.
            due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
            date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
            how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
                instruction for bank apps. vqr_print_fields.how_to_pay.
            note: a free line of text; a line break starts a new line. vqr_print_fields.note.
            stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
            items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"),
                amount an int in minor units of the payload's currency (VND: đồng, 1250000). At
                most 64 (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
                (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload
                has an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items
                and item_count.

        Raises:
            vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
            "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible
            character (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT
            for a NUL in a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text
            that does not fit its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL,
            VQR_ERR_PRINT_PAPER, VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors
            (VQR_ERR_CRC_MISMATCH, ...). TypeError for an argument of the wrong type or an unknown
            keyword; ValueError for an unknown template, format, paper or ecc; IntegerRangeError
            for an amount, dpi or scale out of its C type's range. ValueError when the document is
            finished or closed; the file's own error (OSError, ...) when writing to it failed.
        """
        fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                         payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                         reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                         note=note, stall=stall, items=items)
        self._add(template, fields)
    # end of generated: Document

    def _begin(self, file: Optional[BinaryIO], options: Tuple[Options, List[Any]]) -> None:
        o, self._keep = options
        if file is not None and not callable(getattr(file, "write", None)):
            raise TypeError("file must be a binary file object (open(path, \"wb\")), not %s"
                            % type(file).__name__)
        self._file = file
        self._error = None
        self._doc = ctypes.c_void_p()
        err = N.Error()
        if file is not None:
            def write(_ctx, data, length):
                try:
                    file.write(ctypes.string_at(data, length))
                    return 0
                except Exception as exc:  # reported when the call returns
                    self._error = exc
                    return 1
            self._write = WRITE_FN(write)
        else:
            self._write = WRITE_FN()
        st = LIB.vqr_print_doc_new(ctypes.byref(o), None, self._write, None,
                                   ctypes.byref(self._doc), ctypes.byref(err))
        if st != Status.VQR_OK:
            _raise(err)

    def _check(self):
        if not self._doc:
            raise ValueError("the document is closed")

    def _add(self, template: Union[str, int], fields: Tuple[Fields, List[Any]]) -> None:
        self._check()
        f, keep = fields
        err = N.Error()
        st = LIB.vqr_print_doc_add(self._doc, _template(template), ctypes.byref(f),
                                   ctypes.byref(err))
        del keep
        if self._error is not None:
            exc, self._error = self._error, None
            raise exc
        if st != Status.VQR_OK:
            _raise(err)

    @property
    def count(self) -> int:
        """Documents added (a sheet of two notices counts two)."""
        return LIB.vqr_print_doc_count(self._doc) if self._doc else 0

    @property
    def pages(self) -> int:
        """Pages (sheets) begun."""
        return LIB.vqr_print_doc_pages(self._doc) if self._doc else 0

    def finish(self) -> Optional[bytes]:
        """Ends the document: its bytes, or None when they went to `file`."""
        self._check()
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        err = N.Error()
        st = LIB.vqr_print_doc_finish(self._doc, ctypes.byref(out), ctypes.byref(n),
                                      ctypes.byref(err))
        self.close()
        if self._error is not None:
            exc, self._error = self._error, None
            raise exc
        if st != Status.VQR_OK:
            _raise(err)
        return None if self._file is not None else _take(out, n)

    def close(self) -> None:
        """Releases the document (vqr_print_doc_free) without finishing it;
        safe to call more than once."""
        if getattr(self, "_doc", None):
            LIB.vqr_print_doc_free(self._doc)
            self._doc = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


class Box(NamedTuple):
    """One box of a measured layout (struct vqr_print_box), in points from
    the page's top left corner."""
    kind: str          # "text" or "qr"
    field: str         # "payer", "item.2", "qr", "label.total", ...
    place: Tuple[float, float, float, float]   # x, y, width, height given
    ink: Tuple[float, float, float, float]     # what is drawn
    lines_box: Tuple[float, float, float, float]  # the text's lines (pango's logical box)
    font_size: float
    nominal_size: float
    min_size: float
    lines: int
    max_lines: int
    module: float      # QR: a module's side, points
    modules: int       # QR: modules a side with the quiet zone
    text: str


class Layout(NamedTuple):
    """A measured page: its size in points and its boxes."""
    width: float
    height: float
    boxes: List[Box]


def _measure(template: Union[str, int], fields: Tuple[Fields, List[Any]],
             options: Tuple[Options, List[Any]]) -> Layout:
    """vqr_print_measure of `fields` with `options`, read into a Layout."""
    (f, keep_f), (o, keep_o) = fields, options
    lay = ctypes.c_void_p()
    err = N.Error()
    st = LIB.vqr_print_measure(_template(template), ctypes.byref(f), ctypes.byref(o),
                               ctypes.byref(lay), ctypes.byref(err))
    del keep_o, keep_f
    if st != Status.VQR_OK:
        _raise(err)
    try:
        w, h = ctypes.c_double(), ctypes.c_double()
        LIB.vqr_print_layout_page(lay, ctypes.byref(w), ctypes.byref(h))
        boxes = []
        for i in range(LIB.vqr_print_layout_count(lay)):
            b = CBox()
            b.size = ctypes.sizeof(CBox)
            if LIB.vqr_print_layout_box(lay, i, ctypes.byref(b), ctypes.byref(err)) != 0:
                _raise(err)
            boxes.append(Box("text" if b.kind == BOX_TEXT else "qr", b.field.decode(),
                             (b.x, b.y, b.width, b.height),
                             (b.ink_x, b.ink_y, b.ink_width, b.ink_height),
                             (b.text_x, b.text_y, b.text_width, b.text_height),
                             b.font_size, b.nominal_size, b.min_size, b.lines, b.max_lines,
                             b.module, b.modules, (b.text or b"").decode("utf-8")))
        return Layout(w.value, h.value, boxes)
    finally:
        LIB.vqr_print_layout_free(lay)


# generated: measure (scripts/gen_print_python.py writes it; change the table there)
def measure(template: Union[str, int], payload: TextArg, *, title: Optional[TextArg] = None,
            issuer: Optional[TextArg] = None, address: Optional[TextArg] = None,
            payer: Optional[TextArg] = None, payer_code: Optional[TextArg] = None,
            holder: Optional[TextArg] = None, bank: Optional[TextArg] = None,
            purpose: Optional[TextArg] = None, reference: Optional[TextArg] = None,
            due_date: Optional[TextArg] = None, date: Optional[TextArg] = None,
            how_to_pay: Optional[TextArg] = None, note: Optional[TextArg] = None,
            stall: Optional[TextArg] = None, items: Optional[Iterable[Tuple[TextArg, int]]] = None,
            format: str = "png", paper: Optional[str] = None, dpi: int = 300, scale: int = 1,
            ecc: Union[str, Ecc, None] = None, min_module_mm: float = 0.5,
            font: Optional[TextArg] = None, doc_title: Optional[TextArg] = None,
            mono: bool = False, south: bool = False, tu: bool = False, cut_marks: bool = True,
            any_payload: bool = False) -> Layout:
    """Lays out a document without drawing it (vqr_print_measure): the page's size and every box's
    place, ink, lines and type size, in points from the page's top left corner.

    Args:
        template: the template's name ("card", "qr_only", "compact", "compact2", "print", "notice",
            "receipt", "sticker": TEMPLATES) or its vqr_template number.
        payload: the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or
            its UTF-8 bytes). It must parse (leniently) with a matching CRC unless any_payload.
            vqr_print_fields.payload.
        title: the heading ("GIẤY BÁO HỌC PHÍ"); None: the template's own ("THÔNG BÁO THANH TOÁN",
            "BIÊN LAI"). vqr_print_fields.title.
        issuer: who asks for the money: a school, a hospital, a ward office, a market.
            vqr_print_fields.issuer.
        address: the issuer's address and telephone; a line break starts a new line.
            vqr_print_fields.address.
        payer: the payer's name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.
        payer_code: the payer's code at the issuer: student, patient or dossier number.
            vqr_print_fields.payer_code.
        holder: the account holder's name as the payer's bank app shows it ("TRUONG THPT NGUYEN
            DU"); None: tag 59 of the payload. The notice, receipt and sticker tell the payer to
            check it. vqr_print_fields.holder.
        bank: the bank's name as shown; None: the bank directory's short name for the payload's
            BIN. vqr_print_fields.bank.
        purpose: the purpose as shown, with its diacritics; None: tag 62.08 of the payload.
            vqr_print_fields.purpose.
        reference: the invoice or notice number as shown; None: tag 62.01 of the payload.
            vqr_print_fields.reference.
        due_date: the due date as shown ("30/09/2026"). vqr_print_fields.due_date.
        date: the date (and time) of the notice or the receipt as shown. vqr_print_fields.date.
        how_to_pay: how to pay; a line break starts a new line; None: a short Vietnamese
            instruction for bank apps. vqr_print_fields.how_to_pay.
        note: a free line of text; a line break starts a new line. vqr_print_fields.note.
        stall: the stall's name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.
        items: (label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an
            int in minor units of the payload's currency (VND: đồng, 1250000). At most 64
            (ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type
            (VQR_ERR_PRINT_TEXT_TOO_LONG, tag "items", when they do not fit). When the payload has
            an amount they must add up to it (VQR_ERR_PRINT_TOTAL). vqr_print_fields.items and
            item_count.
        format: "png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).
        paper: None: the template's usual paper. notice: "a5" (one A5 landscape page, the PNG and
            SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt:
            "roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 mm).
            The pixel templates take only None; a paper the template cannot use is
            VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*).
        dpi: PNG of the printed templates (notice, sticker): pixels per inch, 72-1200
            (VQR_ERR_INVALID_ARGUMENT, tag "dpi", outside). Receipts are always 203 dpi; the pixel
            templates use `scale`. vqr_print_options.dpi.
        scale: PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels
            per template pixel, 1-4. vqr_print_options.scale.
        ecc: error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M.
            vqr_print_options.ecc.
        min_module_mm: printed templates (notice, receipt, sticker): the smallest side of a QR
            module, in millimetres, 0.1-10. A code too dense for its place at this size is
            VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm.
        font: the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.
        doc_title: the document's title (PDF information, SVG <title>, PNG iTXt); None: the
            template's heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An").
            vqr_print_options.title.
        mono: PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO.
        south: amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.
        tu: amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.
        cut_marks: notice on "a4-2up": cut marks between the two notices (False sets
            VQR_PRINT_NO_CUT_MARKS).
        any_payload: draw a payload that is not an EMVCo payload (any UTF-8 text); by default the
            payload must parse and its CRC must match, so that no document goes out with a code
            bank apps refuse. VQR_PRINT_ANY_PAYLOAD.

    Returns:
        A Layout (width, height, boxes).

    Raises:
        vietqr.VietQRError with the library's code, its ``tag`` naming the field ("payer",
        "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or invisible character
        (a line break only in address, how_to_pay and note), VQR_ERR_INVALID_ARGUMENT for a NUL in
        a text or an option out of range, VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit
        its place even wrapped and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER,
        VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, ...).
        TypeError for an argument of the wrong type or an unknown keyword; ValueError for an
        unknown template, format, paper or ecc; IntegerRangeError for an amount, dpi or scale out
        of its C type's range.
    """
    fields = _fields(payload, title=title, issuer=issuer, address=address, payer=payer,
                     payer_code=payer_code, holder=holder, bank=bank, purpose=purpose,
                     reference=reference, due_date=due_date, date=date, how_to_pay=how_to_pay,
                     note=note, stall=stall, items=items)
    options = _options(format=format, paper=paper, dpi=dpi, scale=scale, ecc=ecc,
                       min_module_mm=min_module_mm, font=font, doc_title=doc_title, mono=mono,
                       south=south, tu=tu, cut_marks=cut_marks, any_payload=any_payload)
    return _measure(template, fields, options)
# end of generated: measure


__all__ = ["TEMPLATES", "FORMATS", "PAPERS", "init", "render", "card", "qr_only", "compact",
           "compact2", "print", "notice", "receipt", "sticker", "Document", "measure", "Layout",
           "Box"]
