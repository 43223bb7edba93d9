#!/usr/bin/env python3
"""The README's pictures of libvietqr-print's templates, one small PNG each
(docs/pictures/*.png), drawn from realistic samples through the Python
binding.

    scripts/print_pictures.py [DIR]          write the pictures (default docs/pictures)
    scripts/print_pictures.py --check [DIR]  exit 1 naming every picture that is not
                                             what the library draws today

The print suite runs --check, so the pictures never go stale: a change of
layout fails it until this script is run and its output committed. The
drawing is deterministic for a given cairo, pango and font package (those
of Debian 12 in CI). Set VIETQR_LIB and VIETQR_PRINT_LIB to use a build
tree's libraries.
"""

import os
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))

import vietqr  # noqa: E402
import vietqr.print as vp  # noqa: E402

SCHOOL = dict(
    title="GIẤY BÁO HỌC PHÍ",
    issuer="Trường Trung học phổ thông chuyên Lê Hồng Phong",
    address="235 Nguyễn Văn Cừ, Phường 4, Quận 5, TP. Hồ Chí Minh · ĐT 028 3835 5128",
    payer="Công Tôn Nữ Thị Phương Thảo Nguyên", payer_code="HS12345 · Lớp 10A3",
    holder="TRƯỜNG THPT CHUYÊN LÊ HỒNG PHONG",
    purpose="Học phí học kỳ 1 năm học 2026-2027 - HS12345",
    reference="HP-2026-0012345", due_date="30/09/2026", date="15/09/2026",
    items=[("Học phí học kỳ 1", 1000000), ("Bảo hiểm y tế học sinh", 150000),
           ("Quỹ hoạt động Ban đại diện cha mẹ học sinh", 100000)])
MARKET = dict(issuer="Chợ Bến Thành - Ban quản lý chợ", stall="Sạp 1142 · Cô Ba bán vải",
              holder="NGUYỄN THỊ BA")

# name: (template, options, payload arguments, fields)
PICTURES = {
    "card": ("card", {}, "school", SCHOOL),
    "qr_only": ("qr_only", {}, "school", SCHOOL),
    "compact": ("compact", {}, "school", SCHOOL),
    "compact2": ("compact2", {}, "school", SCHOOL),
    "print": ("print", {}, "school", SCHOOL),
    "notice": ("notice", {"paper": "a5", "dpi": 96}, "school", SCHOOL),
    "receipt": ("receipt", {"paper": "roll58"}, "school", SCHOOL),
    "sticker": ("sticker", {"paper": "a6", "dpi": 96}, "market", MARKET),
}


def payload(kind):
    if kind == "market":
        return vietqr.write_vietqr("970422", "0901234567", merchant_name="NGUYEN THI BA")[0]
    return vietqr.write_vietqr("970436", "0011012345678", amount=1250000,
                               purpose="HP HK1 HS12345")[0]


def draw(directory):
    os.makedirs(directory, exist_ok=True)
    paths = []
    for name, (tpl, opts, kind, fields) in PICTURES.items():
        data = vp.render(tpl, payload(kind), **opts, **fields)
        path = os.path.join(directory, name + ".png")
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    directory = args[0] if args else os.path.join(ROOT, "docs", "pictures")
    if not check:
        for path in draw(directory):
            print(path)
        return 0
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in draw(tmp):
            name = os.path.basename(path)
            committed = os.path.join(directory, name)
            with open(path, "rb") as f:
                fresh = f.read()
            try:
                with open(committed, "rb") as f:
                    old = f.read()
            except OSError:
                old = None
            if old != fresh:
                stale.append(name)
    for name in stale:
        print("stale: %s (run scripts/print_pictures.py and commit docs/pictures/)"
              % os.path.join(directory, name))
    print("print-pictures: %d pictures, %d stale" % (len(PICTURES), len(stale)))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
