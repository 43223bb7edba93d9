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
Their keyword arguments are the template's fields (title, issuer, address,
payer, payer_code, holder, bank, purpose, reference, due_date, date,
how_to_pay, note, stall, items as (label, amount) pairs) and the drawing
options (format "png" | "pdf" | "svg", paper, dpi, scale, ecc,
min_module_mm, font, doc_title, mono, south, tu, cut_marks, any_payload).

Errors raise vietqr.VietQRError with the library's code; its ``tag`` names
the field ("payer", "item.3"). The library is found through
VIETQR_PRINT_LIB, else inside this package (a wheel), then the system's
library path; when libvietqr-print was
not built, importing this module raises ImportError.
"""

import ctypes
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _native as N
from ._errors import Status, VietQRError, status_name, strerror

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


def _utf8(value) -> Optional[bytes]:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def _cstr(value, tag: str) -> Optional[bytes]:
    """`value` for a NUL-terminated field of the C structs: a NUL in it
    would cut the text short there, so it is refused
    (VQR_ERR_INVALID_ARGUMENT, `tag` naming the field, `offset` the NUL)
    rather than shortened."""
    raw = _utf8(value)
    if raw is not None and b"\0" in raw:
        at = raw.index(b"\0")
        code = Status.VQR_ERR_INVALID_ARGUMENT
        raise VietQRError(code, status_name(code), at,
                          len(raw[:at].decode("utf-8", "surrogatepass")), tag,
                          "a NUL byte in %s: %s" % (tag, strerror(code)),
                          "byte NUL trong %s: %s" % (tag, strerror(code, vietnamese=True)))
    return raw


def _template(name: Union[str, int]) -> int:
    if isinstance(name, int):
        return name
    raw = name.encode("ascii", "replace")
    t = ctypes.c_int(0)
    err = N.Error()
    if LIB.vqr_template_find(raw, len(raw), ctypes.byref(t), ctypes.byref(err)) != Status.VQR_OK:
        raise ValueError("unknown template %r (one of %s)" % (name, ", ".join(TEMPLATES)))
    return t.value


def _options(format="png", paper=None, dpi=300, scale=1, ecc=None, min_module_mm=0.5, font=None,
             doc_title=None, mono=False, south=False, tu=False, cut_marks=True,
             any_payload=False):
    o = Options()
    LIB.vqr_print_options_init(ctypes.byref(o), ctypes.sizeof(o), None)
    if format not in FORMATS:
        raise ValueError("format is one of png, pdf, svg, not %r" % (format,))
    if paper not in PAPERS:
        raise ValueError("paper is one of %s, not %r"
                         % (", ".join(p for p in PAPERS if p), paper))
    if ecc not in ECC:
        raise ValueError("ecc is one of L, M, Q, H, not %r" % (ecc,))
    o.format = FORMATS[format]
    o.paper = PAPERS[paper]
    N.set_int(o, "dpi", dpi)
    N.set_int(o, "scale", scale)
    o.ecc = ECC[ecc]
    o.min_module_mm = min_module_mm
    keep = [_cstr(font, "font"), _cstr(doc_title, "doc_title")]
    o.font, o.title = keep
    o.flags = ((MONO if mono else 0) | (WORDS_SOUTH if south else 0) | (WORDS_TU if tu else 0)
               | (0 if cut_marks else NO_CUT_MARKS) | (ANY_PAYLOAD if any_payload else 0))
    return o, keep


_OPTION_NAMES = ("format", "paper", "dpi", "scale", "ecc", "min_module_mm", "font", "doc_title",
                 "mono", "south", "tu", "cut_marks", "any_payload")


def _split(kw):
    opts = {k: kw.pop(k) for k in list(kw) if k in _OPTION_NAMES}
    return opts, kw


def _fields(payload, items: Optional[Iterable[Tuple[str, int]]] = None, **text):
    f = Fields()
    LIB.vqr_print_fields_init(ctypes.byref(f), ctypes.sizeof(f), None)
    keep = []
    raw = _utf8(payload)
    if raw is None:
        raise TypeError("a payload (str or bytes) is needed")
    keep.append(raw)
    f.payload = raw
    f.payload_len = len(raw)
    for name, value in text.items():
        if name not in _TEXT_FIELDS:
            raise TypeError("unknown field %r (fields: %s, items)"
                            % (name, ", ".join(_TEXT_FIELDS)))
        v = _cstr(value, name)
        keep.append(v)
        setattr(f, name, v)
    if items:
        items = list(items)
        arr = (Item * len(items))()
        for i, (label, amount) in enumerate(items):
            amount = N.check_int(amount, ctypes.c_uint64, "item %d: the amount" % i)
            lab = _cstr(label, "items")
            keep.append(lab)
            arr[i].label = lab
            arr[i].amount = int(amount)
        keep.append(arr)
        f.items = arr
        f.item_count = len(items)
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


def render(template: Union[str, int], payload, **kw) -> bytes:
    """Draws one document (vqr_print_render) and returns its bytes."""
    opts, fields = _split(kw)
    o, keep_o = _options(**opts)
    f, keep_f = _fields(payload, **fields)
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    err = N.Error()
    st = LIB.vqr_print_render(_template(template), ctypes.byref(f), ctypes.byref(o), None,
                              ctypes.byref(out), ctypes.byref(n), ctypes.byref(err))
    del keep_o, keep_f
    if st != Status.VQR_OK:
        _raise(err)
    return _take(out, n)


def card(payload, **kw) -> bytes:
    """A 900 x 500 px payment card: QR, bank, holder, account, amount in
    figures and words, purpose."""
    return render("card", payload, **kw)


def qr_only(payload, **kw) -> bytes:
    """VietQR.io's qr_only, 480 x 480 px: the code alone."""
    return render("qr_only", payload, **kw)


def compact(payload, **kw) -> bytes:
    """VietQR.io's compact, 540 x 540 px: the code and the network and bank names."""
    return render("compact", payload, **kw)


def compact2(payload, **kw) -> bytes:
    """VietQR.io's compact2, 540 x 640 px: the code and the transfer details."""
    return render("compact2", payload, **kw)


def print(payload, **kw) -> bytes:  # noqa: A001 - the template's name
    """VietQR.io's print, 600 x 776 px: the code and every transfer detail."""
    return render("print", payload, **kw)


def notice(payload, **kw) -> bytes:
    """An A5 fee notice (two per A4 sheet with cut marks in PDF)."""
    return render("notice", payload, **kw)


def receipt(payload, **kw) -> bytes:
    """A thermal receipt, 58 mm (paper="roll58", default) or 80 mm
    ("roll80"): 1-bit at 203 dpi."""
    return render("receipt", payload, **kw)


def sticker(payload, **kw) -> bytes:
    """A counter sticker, A6 (default) or 10 x 10 cm (paper="square100")."""
    return render("sticker", payload, **kw)


class Document:
    """A document of many pages (vqr_print_doc): PDF, or one PNG or SVG page.

    With `file` (a binary file object) the bytes are written to it as they
    are made, so a document of thousands of pages needs little memory;
    otherwise finish() returns them.
    """

    def __init__(self, file=None, **options):
        o, self._keep = _options(**options)
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

    def add(self, template: Union[str, int], payload, **fields) -> None:
        """Lays out one page (vqr_print_doc_add); nothing is added on error."""
        self._check()
        f, keep = _fields(payload, **fields)
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
        if self._doc:
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


def measure(template: Union[str, int], payload, **kw) -> Layout:
    """Lays out a document without drawing it (vqr_print_measure)."""
    opts, fields = _split(kw)
    o, keep_o = _options(**opts)
    f, keep_f = _fields(payload, **fields)
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


__all__ = ["TEMPLATES", "FORMATS", "PAPERS", "init", "render", "card", "qr_only", "compact",
           "compact2", "print", "notice", "receipt", "sticker", "Document", "measure", "Layout",
           "Box"]
