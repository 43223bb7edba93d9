#!/usr/bin/env python3
"""The public functions of the Python binding's vietqr.print
(bindings/python/vietqr/print.py), written out from one table.

    scripts/gen_print_python.py           rewrite the generated parts of print.py
    scripts/gen_print_python.py --check   exit 1, showing the difference, when
                                          print.py is not what this script writes

Every template function (card, notice, ...), render, measure and
Document.__init__/Document.add spells out its parameters, with their types,
defaults and documentation, so that help(), inspect.signature and an IDE
show each one. The parameters are the fields of struct vqr_print_fields and
the options of struct vqr_print_options (include/vietqr-print.h); their
list and their documentation live here, once, and this script writes them
into print.py between the lines "# generated: NAME" and "# end of generated:
NAME". Change a parameter here, run the script, commit both files. The
python-print test runs --check and compares every signature with the
library's structs, so print.py never drifts from this table.
"""

import difflib
import os
import sys
import textwrap

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TARGET = os.path.join(ROOT, "bindings", "python", "vietqr", "print.py")
WIDTH = 99

# (name, annotation, default, documentation); the order of struct vqr_print_fields.
FIELDS = [
    ("title", "Optional[TextArg]", "None",
     'the heading ("GIẤY BÁO HỌC PHÍ"); None: the template\'s own ("THÔNG BÁO THANH TOÁN", '
     '"BIÊN LAI"). vqr_print_fields.title.'),
    ("issuer", "Optional[TextArg]", "None",
     "who asks for the money: a school, a hospital, a ward office, a market. "
     "vqr_print_fields.issuer."),
    ("address", "Optional[TextArg]", "None",
     "the issuer's address and telephone; a line break starts a new line. "
     "vqr_print_fields.address."),
    ("payer", "Optional[TextArg]", "None",
     'the payer\'s name ("Công Tôn Nữ Thị Phương Thảo Nguyên"). vqr_print_fields.payer.'),
    ("payer_code", "Optional[TextArg]", "None",
     "the payer's code at the issuer: student, patient or dossier number. "
     "vqr_print_fields.payer_code."),
    ("holder", "Optional[TextArg]", "None",
     "the account holder's name as the payer's bank app shows it "
     '("TRUONG THPT NGUYEN DU"); None: tag 59 of the payload. The notice, receipt and '
     "sticker tell the payer to check it. vqr_print_fields.holder."),
    ("bank", "Optional[TextArg]", "None",
     "the bank's name as shown; None: the bank directory's short name for the payload's "
     "BIN. vqr_print_fields.bank."),
    ("purpose", "Optional[TextArg]", "None",
     "the purpose as shown, with its diacritics; None: tag 62.08 of the payload. "
     "vqr_print_fields.purpose."),
    ("reference", "Optional[TextArg]", "None",
     "the invoice or notice number as shown; None: tag 62.01 of the payload. "
     "vqr_print_fields.reference."),
    ("due_date", "Optional[TextArg]", "None",
     'the due date as shown ("30/09/2026"). vqr_print_fields.due_date.'),
    ("date", "Optional[TextArg]", "None",
     "the date (and time) of the notice or the receipt as shown. vqr_print_fields.date."),
    ("how_to_pay", "Optional[TextArg]", "None",
     'how to pay; a line break starts a new line; None: a short Vietnamese instruction for bank '
     "apps. vqr_print_fields.how_to_pay."),
    ("note", "Optional[TextArg]", "None",
     'a free line of text; a line break starts a new line. vqr_print_fields.note.'),
    ("stall", "Optional[TextArg]", "None",
     'the stall\'s name or number ("Sạp 112 - Cô Ba bán vải"). vqr_print_fields.stall.'),
    ("items", "Optional[Iterable[Tuple[TextArg, int]]]", "None",
     '(label, amount) pairs, the itemised lines: label text ("Học phí tháng 9"), amount an '
     "int in minor units of the payload's currency (VND: đồng, 1250000). At most 64 "
     "(ITEMS_MAX); a notice fits 10 at its normal type size, more at smaller type "
     "(VQR_ERR_PRINT_TEXT_TOO_LONG, tag \"items\", when they do not fit). When the payload "
     "has an amount they must add up to it (VQR_ERR_PRINT_TOTAL). "
     "vqr_print_fields.items and item_count."),
]

# (name, annotation, default, documentation); the options of struct vqr_print_options.
OPTIONS = [
    ("format", "str", '"png"',
     '"png", "pdf" or "svg". vqr_print_options.format (VQR_FORMAT_PNG, _PDF, _SVG).'),
    ("paper", "Optional[str]", "None",
     'None: the template\'s usual paper. notice: "a5" (one A5 landscape page, the PNG and '
     'SVG default) or "a4-2up" (two A5 notices on an A4 sheet, the PDF default); receipt: '
     '"roll58" (default) or "roll80"; sticker: "a6" (default) or "square100" (100 x 100 '
     "mm). The pixel templates take only None; a paper the template cannot use is "
     "VQR_ERR_PRINT_PAPER. vqr_print_options.paper (VQR_PAPER_*)."),
    ("dpi", "int", "300",
     "PNG of the printed templates (notice, sticker): pixels per inch, 72-1200 "
     "(VQR_ERR_INVALID_ARGUMENT, tag \"dpi\", outside). Receipts are always 203 dpi; the "
     "pixel templates use `scale`. vqr_print_options.dpi."),
    ("scale", "int", "1",
     "PNG of the pixel templates (card, qr_only, compact, compact2, print): device pixels "
     "per template pixel, 1-4. vqr_print_options.scale."),
    ("ecc", "Union[str, Ecc, None]", "None",
     'error correction of the QR code: "L", "M", "Q", "H" or a vietqr.Ecc; None: M. '
     "vqr_print_options.ecc."),
    ("min_module_mm", "float", "0.5",
     "printed templates (notice, receipt, sticker): the smallest side of a QR module, in "
     "millimetres, 0.1-10. A code too dense for its place at this size is "
     "VQR_ERR_PRINT_QR_TOO_DENSE. vqr_print_options.min_module_mm."),
    ("font", "Optional[TextArg]", "None",
     'the font family for fontconfig; None: "Noto Sans". vqr_print_options.font.'),
    ("doc_title", "Optional[TextArg]", "None",
     "the document's title (PDF information, SVG <title>, PNG iTXt); None: the template's "
     'heading and the payer or holder ("Thông báo thanh toán - Nguyễn Văn An"). '
     "vqr_print_options.title."),
    ("mono", "bool", "False",
     "PNG: 1-bit black and white (receipts always are). VQR_PRINT_MONO."),
    ("south", "bool", "False",
     'amounts in words in southern usage ("ngàn", "lẻ"). VQR_PRINT_WORDS_SOUTH.'),
    ("tu", "bool", "False",
     'amounts in words with "tư" after twenty ("hai mươi tư"). VQR_PRINT_WORDS_TU.'),
    ("cut_marks", "bool", "True",
     'notice on "a4-2up": cut marks between the two notices (False sets '
     "VQR_PRINT_NO_CUT_MARKS)."),
    ("any_payload", "bool", "False",
     "draw a payload that is not an EMVCo payload (any UTF-8 text); by default the payload "
     "must parse and its CRC must match, so that no document goes out with a code bank "
     "apps refuse. VQR_PRINT_ANY_PAYLOAD."),
]

PAYLOAD = ("payload", "TextArg", None,
           "the payload to encode, as vietqr.write_vietqr or Payload.write made it (str, or "
           "its UTF-8 bytes). It must parse (leniently) with a matching CRC unless "
           "any_payload. vqr_print_fields.payload.")
TEMPLATE = ("template", "Union[str, int]", None,
            'the template\'s name ("card", "qr_only", "compact", "compact2", "print", '
            '"notice", "receipt", "sticker": TEMPLATES) or its vqr_template number.')
FILE = ("file", "Optional[BinaryIO]", "None",
        "a binary file object: the bytes are written to it as they are made (a document "
        "of thousands of pages needs little memory) and finish() returns None; None: "
        "finish() returns the bytes.")

# Which template shows which field (include/vietqr-print.h's table).
SHOWN = {
    "card": "holder bank purpose note",
    "qr_only": "",
    "compact": "bank",
    "compact2": "holder bank purpose",
    "print": "title holder bank purpose reference note",
    "notice": "title issuer address payer payer_code holder bank purpose reference due_date "
              "date how_to_pay note items",
    "receipt": "title issuer address payer payer_code holder bank purpose reference date "
               "note items",
    "sticker": "issuer holder bank purpose note stall",
}

TEMPLATE_DOCS = {
    "card": "A 900 x 500 px payment card for a screen or a web page: the QR code, bank, "
            "account holder, account number in groups, amount in figures and words, purpose.",
    "qr_only": "VietQR.io's qr_only, 480 x 480 px: the QR code alone, with its quiet zone.",
    "compact": "VietQR.io's compact, 540 x 540 px: the QR code and the network and bank names.",
    "compact2": "VietQR.io's compact2, 540 x 640 px: the QR code and the transfer details.",
    "print": "VietQR.io's print, 600 x 776 px: the QR code and every transfer detail in a "
             "table.",
    "notice": "An A5 landscape fee notice: issuer, payer, itemised lines, total in figures and "
              "words, due date, QR code, how to pay and a line telling the payer to check the "
              "payee's name; in PDF two per A4 sheet with cut marks.",
    "receipt": 'A thermal-printer receipt, 58 mm (paper="roll58", the default: 384 dots) or '
               '80 mm ("roll80": 576 dots) wide at 203 dpi, 1-bit, as long as its content.',
    "sticker": 'A static-QR counter sticker for a stall, A6 (the default) or 10 x 10 cm '
               '(paper="square100"): stall name, bank, account holder, "check the name".',
}

RAISES = ("vietqr.VietQRError with the library's code, its ``tag`` naming the field "
          '("payer", "item.3", "dpi"): VQR_ERR_TEXT_CONTROL for a control, bidirectional or '
          "invisible character (a line break only in address, how_to_pay and note), "
          "VQR_ERR_INVALID_ARGUMENT for a NUL in a text or an option out of range, "
          "VQR_ERR_PRINT_TEXT_TOO_LONG for a text that does not fit its place even wrapped "
          "and at the smallest type, VQR_ERR_PRINT_TOTAL, VQR_ERR_PRINT_PAPER, "
          "VQR_ERR_PRINT_QR_TOO_DENSE, the payload's parse errors (VQR_ERR_CRC_MISMATCH, "
          "...). TypeError for an argument of the wrong type or an unknown keyword; "
          "ValueError for an unknown template, format, paper or ecc; IntegerRangeError for "
          "an amount, dpi or scale out of its C type's range.")


def signature(name, indent, head, params, returns):
    """'def name(head..., *, params...) -> returns:' wrapped at WIDTH."""
    opening = "%sdef %s(" % (indent, name)
    pad = " " * len(opening)
    parts = list(head) + ["*"]
    for pname, ann, default, _ in params:
        parts.append("%s: %s = %s" % (pname, ann, default))
    lines, line = [], opening
    for i, part in enumerate(parts):
        tail = "," if i < len(parts) - 1 else ") -> %s:" % returns
        piece = part + tail
        if line not in (opening, pad) and len(line) + 1 + len(piece) > WIDTH:
            lines.append(line.rstrip())
            line = pad
        line += ("" if line in (opening, pad) else " ") + piece
    lines.append(line)
    return "\n".join(lines)


def docstring(indent, summary, args, returns, raises, extra=()):
    body = indent + "    "
    out = [textwrap.fill('"""' + summary, WIDTH, initial_indent=body, subsequent_indent=body,
                         break_on_hyphens=False)]
    for paragraph in extra:
        out.append("")
        out.append(textwrap.fill(paragraph, WIDTH, initial_indent=body,
                                 subsequent_indent=body, break_on_hyphens=False))
    out += ["", body + "Args:"]
    for pname, _, _, doc in args:
        text = "%s: %s" % (pname, doc)
        out.append(textwrap.fill(text, WIDTH, initial_indent=body + "    ",
                                 subsequent_indent=body + "        ",
                                 break_long_words=False, break_on_hyphens=False))
    if returns:
        out += ["", body + "Returns:", textwrap.fill(returns, WIDTH,
                                                     initial_indent=body + "    ",
                                                     subsequent_indent=body + "    ",
                                                     break_on_hyphens=False)]
    out += ["", body + "Raises:", textwrap.fill(raises, WIDTH, initial_indent=body + "    ",
                                                subsequent_indent=body + "    ",
                                                break_long_words=False,
                                                break_on_hyphens=False)]
    out.append(body + '"""')
    return "\n".join(out)


def assign(indent, target, func, first, params):
    """'target = func(first, name=name, ...)' wrapped at WIDTH, aligned after '('."""
    opening = "%s    %s = %s(" % (indent, target, func)
    pad = " " * len(opening)
    args = ([first] if first else []) + ["%s=%s" % (p[0], p[0]) for p in params]
    lines, line = [], opening
    for i, a in enumerate(args):
        piece = a + ("," if i < len(args) - 1 else ")")
        if line not in (opening, pad) and len(line) + 1 + len(piece) > WIDTH:
            lines.append(line.rstrip())
            line = pad
        line += ("" if line in (opening, pad) else " ") + piece
    lines.append(line)
    return "\n".join(lines)


def body(indent, fields, options, result):
    """The call of the private implementation with every parameter."""
    lines = []
    if fields:
        lines.append(assign(indent, "fields", "_fields", "payload", FIELDS))
    if options:
        lines.append(assign(indent, "options", "_options", None, OPTIONS))
    lines.append("%s    %s" % (indent, result))
    return "\n".join(lines)


RETURNS_BYTES = "The document's bytes: PNG, PDF or SVG as `format` says."


def template_function(tpl):
    name = tpl
    params = FIELDS + OPTIONS
    shown = SHOWN[tpl].split()
    extra = ["Draws it with vqr_print_render (VQR_TEMPLATE_%s). It shows %s; the other "
             "fields are accepted and not drawn."
             % (tpl.upper(), ", ".join(shown) if shown else "no field, only the code")]
    sig = signature(name, "", ["payload: TextArg"], params, "bytes")
    if tpl == "print":
        sig += "  # noqa: A001 - the template's name"
    doc = docstring("", TEMPLATE_DOCS[tpl], [PAYLOAD] + params, RETURNS_BYTES, RAISES, extra)
    result = "return _render(\"%s\", fields, options)" % tpl
    return "\n".join([sig, doc, body("", True, True, result)])


def render_function():
    params = FIELDS + OPTIONS
    sig = signature("render", "", ["template: Union[str, int]", "payload: TextArg"], params,
                    "bytes")
    doc = docstring("", "Draws one document of the template named by `template` "
                    "(vqr_print_render) and returns its bytes; card(), notice(), ... are "
                    "this function for one template.", [TEMPLATE, PAYLOAD] + params,
                    RETURNS_BYTES, RAISES)
    return "\n".join([sig, doc, body("", True, True, "return _render(template, fields, options)")])


def measure_function():
    params = FIELDS + OPTIONS
    sig = signature("measure", "", ["template: Union[str, int]", "payload: TextArg"], params,
                    "Layout")
    doc = docstring("", "Lays out a document without drawing it (vqr_print_measure): the "
                    "page's size and every box's place, ink, lines and type size, in points "
                    "from the page's top left corner.", [TEMPLATE, PAYLOAD] + params,
                    "A Layout (width, height, boxes).", RAISES)
    result = "return _measure(template, fields, options)"
    return "\n".join([sig, doc, body("", True, True, result)])


def document_methods():
    ind = "    "
    init_sig = signature("__init__", ind, ["self", "file: Optional[BinaryIO] = None"], OPTIONS,
                         "None")
    init_doc = docstring(ind, "Begins a document (vqr_print_doc_new) drawn with these "
                         "options; add() lays out its pages, finish() ends it.",
                         [FILE] + OPTIONS, None, RAISES)
    init_body = body(ind, False, True, "self._begin(file, options)")
    add_sig = signature("add", ind, ["self", "template: Union[str, int]", "payload: TextArg"],
                        FIELDS, "None")
    add_doc = docstring(ind, "Lays out one page (vqr_print_doc_add) of the template named by "
                        "`template`; nothing is added on error. A notice on \"a4-2up\" "
                        "takes half a sheet.", [TEMPLATE, PAYLOAD] + FIELDS, None,
                        RAISES + " ValueError when the document is finished or closed; "
                        "the file's own error (OSError, ...) when writing to it failed.")
    add_body = body(ind, True, False, "self._add(template, fields)")
    return "\n\n".join(["\n".join([init_sig, init_doc, init_body]),
                        "\n".join([add_sig, add_doc, add_body])])


def blocks():
    functions = [render_function()] + [template_function(t) for t in SHOWN]
    return {
        "functions": "\n\n\n".join(functions),
        "Document": document_methods(),
        "measure": measure_function(),
    }


def generate(source):
    out = []
    lines = source.split("\n")
    made = blocks()
    seen = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        stripped = line.strip()
        if stripped.startswith("# generated: "):
            name = stripped[len("# generated: "):].split(" ")[0]
            end = "# end of generated: " + name
            j = i + 1
            while j < len(lines) and lines[j].strip() != end:
                j += 1
            if j == len(lines):
                raise SystemExit("print.py: %r has no %r line" % (stripped, end))
            if name not in made:
                raise SystemExit("print.py: no generated part is called %r" % name)
            out.append(made[name])
            out.append(lines[j])
            seen.add(name)
            i = j + 1
            continue
        i += 1
    missing = set(made) - seen
    if missing:
        raise SystemExit("print.py lacks the generated parts %s" % ", ".join(sorted(missing)))
    return "\n".join(out)


def main(argv):
    with open(TARGET, encoding="utf-8") as f:
        old = f.read()
    new = generate(old)
    if "--check" in argv:
        if new != old:
            sys.stdout.writelines(difflib.unified_diff(
                old.splitlines(True), new.splitlines(True), "print.py",
                "print.py as scripts/gen_print_python.py writes it"))
            print("print.py is stale: run scripts/gen_print_python.py and commit it",
                  file=sys.stderr)
            return 1
        return 0
    if new != old:
        with open(TARGET, "w", encoding="utf-8") as f:
            f.write(new)
        print("wrote " + os.path.relpath(TARGET, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
