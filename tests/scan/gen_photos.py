#!/usr/bin/env python3
"""Simulated phone photos of payment QR codes, for libvietqr-scan's tests.

Every photo is made with ImageMagick's `convert` from a QR code that
`vietqr render` drew of a real-looking payload: the shared vectors
(tests/data/vectors.json) and VietQR payloads built by `vietqr encode`,
a third of them with a 64 template in Vietnamese (non-ASCII, so the QR
carries the UTF-8 ECI), and some VNPAY-QR merchant codes. Everything
follows from the seed: the payloads, which one each photo shows and every
distortion (ImageMagick's noise is seeded and runs on one thread).

Photos come in sets, one distortion each (see CATEGORIES), plus
`combined` (all of them at once, milder, as a phone sees a counter) and
`two` (two different codes in one picture). The module size is between
3 and 8 pixels everywhere. `--per-category N` makes the first N photos of
every set; a larger N later reuses what is there, so the fast tier's
subset and the full set share one cache.

Output, in --out:
  codes.tsv     one line per payload: index, payload as hex, kind (napas,
                vnpay, none), BIN, account (or VNPAY merchant ID), NAPAS
                service (38.02), amount (54), merchant name (59), source
                (vector, encode, encode+64, vnpay)
  photos-N.tsv  one line per photo of the first N of each set: file, set, payload indices (comma
                separated), then the distortion's parameters as key=value
  photos/       the images (PNG, or JPEG where the set compresses)
  stamp         the hash of this script and of the arguments that shape
                the output; a directory whose stamp differs is rebuilt

Usage: gen_photos.py --vietqr PATH --vectors FILE --out DIR
                     [--seed N] [--per-category N] [--jobs N]
"""

import argparse
import concurrent.futures
import fcntl
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys

# Photos per set in the full run: 11 sets of 200 = 2,200 photos.
CATEGORIES = [
    "clean",        # upright, sharp, lossless: must all decode
    "rotation",     # turned by up to 45 degrees
    "perspective",  # tilted: one edge shorter, corners moved
    "blur",         # Gaussian blur, sigma 0.3-1.0
    "noise",        # Gaussian noise on a lower-contrast print
    "jpeg",         # JPEG quality 40-90
    "lighting",     # uneven light: a gradient, a warm cast, a dim side
    "occlusion",    # 5 % of the symbol covered, away from the finders
    "clutter",      # the code on a busy counter: shapes, text, colour
    "combined",     # all of the above, milder, at once
    "two",          # two different codes in one picture
]
FULL_PER_CATEGORY = 200

BUILD_COUNT = 180  # VietQR payloads built with `vietqr encode`
VNPAY_COUNT = 12   # VNPAY-QR merchant payloads

STALLS = ["Sạp rau Cô Ba", "Hàng cá Bà Tư", "Thịt heo Út Hạnh", "Trái cây Năm Lộc",
          "Gạo Phú Quý", "Bún bò Huế Dì Sáu", "Tạp hóa Minh Đức", "Vải Lụa Hà Đông",
          "Hoa tươi Đà Lạt", "Cà phê Ông Bảy", "Bánh mì Phượng", "Đồ khô Hương Giang"]
CITIES = ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng", "Đà Lạt", "Vũng Tàu"]
PURPOSES = ["Học phí tháng 9", "Tiền điện tháng 10", "Viện phí HĐ 2291", "Mua hàng chợ",
            "Thanh toán đơn hàng", "Phí gửi xe", "Tiền nước quý 3", "Ủng hộ đồng bào",
            "Tiền thuê sạp", "Chuyen tien", "Dong hoc phi", "Khám bệnh BN 0042"]
NAMES = ["NGUYEN VAN AN", "TRAN THI BICH", "LE HOANG NAM", "PHAM MINH DUC", "VO THI HONG",
         "CHO BEN THANH", "BENH VIEN CHO RAY", "TRUONG THPT LE QUY DON", "UBND PHUONG 7"]
CLUTTER_WORDS = ["CHỢ BẾN THÀNH", "Sạp 12", "Giá: 35.000đ/kg", "Quét mã để thanh toán",
                 "Rau sạch Đà Lạt", "Khuyến mãi", "Hàng tươi mỗi ngày", "0903 123 456",
                 "Kiểm tra tên người nhận", "NAPAS 247", "Cá tươi", "Tiền thối", "SALE 10%"]


def crc16(data: bytes) -> int:
    crc = 0xFFFF
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    """An EMVCo object: the length counts code points."""
    return "%s%02d%s" % (tag, len(value), value)


def with_crc(body: str) -> str:
    body += "6304"
    return body + "%04X" % crc16(body.encode("utf-8"))


def read_tlv(s: str):
    """The objects of an EMVCo value (lengths in code points); None if malformed."""
    out, i = {}, 0
    while i < len(s):
        if i + 4 > len(s) or not s[i:i + 4].isdigit():
            return None
        tag, n = s[i:i + 2], int(s[i + 2:i + 4])
        if n == 0 or i + 4 + n > len(s):
            return None
        out.setdefault(tag, s[i + 4:i + 4 + n])
        i += 4 + n
    return out


def payee_of(payload: str):
    """(kind, bin, account, service) as the payload states them, read
    independently of the library: 'napas' (38 with GUID A000000727), 'vnpay'
    (a 26-51 template with GUID A000000775), or 'none'."""
    root = read_tlv(payload)
    if root is None:
        return ("none", "", "", "")
    for tag in ["38"] + ["%02d" % t for t in range(26, 52) if t != 38]:
        sub = read_tlv(root.get(tag, "")) if tag in root else None
        if not sub:
            continue
        if tag == "38" and sub.get("00") == "A000000727":
            bene = read_tlv(sub.get("01", "")) or {}
            return ("napas", bene.get("00", ""), bene.get("01", ""), sub.get("02", ""))
        if sub.get("00") == "A000000775":
            return ("vnpay", "", sub.get("01", ""), "")
    return ("none", "", "", "")


def build_payloads(vietqr: str, vectors: str, seed: int, jobs: int):
    """The payload pool: (payload, source) pairs, deterministic from the seed."""
    pool = []
    with open(vectors, encoding="utf-8") as f:
        for v in json.load(f):
            pool.append((v["payload"], "vector"))
    rnd = random.Random("%d/payloads" % seed)
    bins = []
    banks_csv = os.path.join(os.path.dirname(os.path.abspath(vectors)), "..", "..", "data",
                             "banks.csv")
    with open(banks_csv, encoding="utf-8") as f:
        next(f)
        for line in f:
            b = line.split(",", 1)[0]
            if len(b) == 6 and b.isdigit():
                bins.append(b)
    builds = []  # (arguments of `vietqr encode`, 64 template or None)
    for k in range(BUILD_COUNT):
        args = [vietqr, "encode", "--bank", rnd.choice(bins)]
        kind = rnd.random()
        if kind < 0.85:
            args += ["--account", "".join(rnd.choice("0123456789")
                                          for _ in range(rnd.randint(6, 19)))]
        elif kind < 0.93:
            args += ["--card", "9704" + "".join(rnd.choice("0123456789")
                                                for _ in range(rnd.randint(12, 15)))]
        else:
            args += ["--merchant", "MC%08d" % rnd.randint(0, 10**8 - 1)]
        if rnd.random() < 0.7:
            args += ["--amount", str(rnd.choice([5000, 20000, 35000, 150000, 1250000,
                                                 rnd.randint(1000, 99999999)]))]
        if rnd.random() < 0.8:
            args += ["--purpose", rnd.choice(PURPOSES)]
        if rnd.random() < 0.5:
            args += ["--name", rnd.choice(NAMES)]
        if rnd.random() < 0.3:
            args += ["--city", rnd.choice(["HA NOI", "HO CHI MINH", "DA NANG", "HUE"])]
        if rnd.random() < 0.3:
            args += ["--bill", "HD%06d" % rnd.randint(0, 999999)]
        lang = None
        if k % 3 == 0:
            # Vietnamese text in the 64 template: the QR needs the UTF-8 ECI.
            lang = tlv("00", "vi") + tlv("01", rnd.choice(STALLS)) + tlv("02", rnd.choice(CITIES))
        builds.append((args, lang))

    def encode(build):
        args, lang = build
        r = subprocess.run(args, capture_output=True, text=True, check=False)
        if r.returncode != 0:
            sys.exit("gen_photos: %s failed: %s" % (" ".join(args), r.stderr))
        payload = r.stdout.strip()
        if lang is None:
            return (payload, "encode")
        return (with_crc(payload[:-8] + tlv("64", lang)), "encode+64")

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        pool += list(ex.map(encode, builds))
    for k in range(VNPAY_COUNT):
        mai = tlv("00", "A000000775") + tlv("01", "%010d" % rnd.randint(0, 10**10 - 1))
        name = rnd.choice(NAMES)[:25]
        body = (tlv("00", "01") + tlv("01", rnd.choice(["11", "12"])) + tlv("26", mai) +
                tlv("52", "5411") + tlv("53", "704") + tlv("58", "VN") + tlv("59", name) +
                tlv("60", "HANOI") + tlv("62", tlv("03", "STORE%02d" % k) + tlv("07", "T1")))
        pool.append((with_crc(body), "vnpay"))
    return pool


def render_codes(vietqr: str, pool, codes_dir: str, jobs: int):
    """Each payload's QR code at one pixel a module with a quiet zone of 4;
    returns their widths."""
    os.makedirs(codes_dir, exist_ok=True)

    def render(item):
        i, payload = item
        path = os.path.join(codes_dir, "%04d.png" % i)
        if not os.path.exists(path):
            tmp = "%s.%d.tmp.png" % (path, os.getpid())
            r = subprocess.run([vietqr, "render", "--scale", "1", "--margin", "4", "-o", tmp,
                                payload], capture_output=True, text=True, check=False)
            if r.returncode != 0:
                sys.exit("gen_photos: render of payload %d failed: %s" % (i, r.stderr))
            os.replace(tmp, path)
        with open(path, "rb") as f:
            head = f.read(24)
        return int.from_bytes(head[16:20], "big")  # IHDR width: modules + 8

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        return list(ex.map(render, enumerate(p for p, _ in pool)))


# ---- the distortions -------------------------------------------------------
#
# Each photo is one parenthesised ImageMagick pipeline that ends in
# "-write FILE +delete"; many go to one `convert` run. Settings are scoped
# by -respect-parentheses. Distortions interpolate bilinearly (-filter
# point): the code is drawn at a whole number of pixels per module first.


def fmt(x):
    return ("%.3f" % x).rstrip("0").rstrip(".")


def grey(v):
    return "gray(%d)" % max(0, min(255, int(v)))


def code_ops(code, side, m_int, ops):
    """A code drawn at m_int pixels per module, then `ops`."""
    return ["(", code, "-sample", "%dx%d" % (side * m_int, side * m_int)] + ops + [")"]


def occlusion_box(rnd, n_mod, quiet):
    """A rectangle of 5 % of the symbol's area, in module units of the drawn
    image (quiet zone included), clear of the three finder patterns and their
    separators (8x8 modules in three corners)."""
    area = 0.05 * n_mod * n_mod
    for _ in range(1000):
        aspect = rnd.uniform(0.5, 2.0)
        w = (area * aspect) ** 0.5
        h = area / w
        x = rnd.uniform(0, n_mod - w)
        y = rnd.uniform(0, n_mod - h)
        near_top = y < 8.5
        near_left = x < 8.5
        near_right = x + w > n_mod - 8.5
        near_bottom = y + h > n_mod - 8.5
        if (near_top and near_left) or (near_top and near_right) or (near_bottom and near_left):
            continue
        return quiet + x, quiet + y, w, h
    raise RuntimeError("no room for an occlusion")


def clutter_draw(rnd, w, h):
    """ImageMagick options that draw a busy background of w x h pixels."""
    ops = ["-strokewidth", "2"]
    for _ in range(rnd.randint(6, 14)):
        c = "rgb(%d,%d,%d)" % (rnd.randint(40, 255), rnd.randint(40, 255), rnd.randint(40, 255))
        x0, y0 = rnd.randint(0, w), rnd.randint(0, h)
        shape = rnd.random()
        if shape < 0.4:
            prim = "rectangle %d,%d %d,%d" % (x0, y0, x0 + rnd.randint(10, w // 3),
                                               y0 + rnd.randint(10, h // 3))
        elif shape < 0.7:
            prim = "circle %d,%d %d,%d" % (x0, y0, x0 + rnd.randint(5, w // 6), y0)
        else:
            prim = "line %d,%d %d,%d" % (x0, y0, rnd.randint(0, w), rnd.randint(0, h))
        ops += ["-fill", c, "-stroke", c, "-draw", prim]
    ops += ["-stroke", "none", "-font", "DejaVu-Sans"]
    for _ in range(rnd.randint(2, 5)):
        c = grey(rnd.randint(0, 120))
        ops += ["-fill", c, "-pointsize", str(rnd.randint(12, 28)), "-annotate",
                "+%d+%d" % (rnd.randint(0, max(1, w - 150)), rnd.randint(20, h)),
                rnd.choice(CLUTTER_WORDS)]
    return ops


def lighting_ops(rnd, w, h, low):
    """Multiplies by a gradient from `low` to full brightness across the
    picture, with a warm cast, then lowers the contrast of the print."""
    angle = rnd.uniform(0, 360)
    import math
    cx, cy = w / 2, h / 2
    dx, dy = math.cos(math.radians(angle)) * w / 2, math.sin(math.radians(angle)) * h / 2
    lo = int(255 * low)
    warm = "rgb(%d,%d,%d)" % (255, rnd.randint(225, 255), rnd.randint(190, 240))
    return ["-geometry", "+0+0", "(", "+clone", "-sparse-color", "Barycentric",
            "%s,%s rgb(%d,%d,%d) %s,%s %s" % (fmt(cx - dx), fmt(cy - dy), lo, lo, lo,
                                               fmt(cx + dx), fmt(cy + dy), warm),
            ")", "-compose", "Multiply", "-composite", "-compose", "Over"]


def perspective_ops(rnd, w, h, tilt, angle=0.0, vp="white"):
    """Moves the corners as a tilt of the camera does: one edge shrinks by
    `tilt` of its length, every corner moves a little more; then turns the
    whole by `angle` degrees (one distortion, one resampling)."""
    import math
    j = lambda: rnd.uniform(-0.03, 0.03)
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    edge = rnd.randrange(4)
    dst = [list(p) for p in src]
    a, b = edge, (edge + 1) % 4
    # Pull the two corners of the chosen edge towards each other.
    for i, o in ((a, b), (b, a)):
        dst[i][0] += (src[o][0] - src[i][0]) * tilt / 2
        dst[i][1] += (src[o][1] - src[i][1]) * tilt / 2
    for p in dst:
        p[0] += j() * w
        p[1] += j() * h
    if angle:
        c, s_ = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        for p in dst:
            x, y = p[0] - w / 2, p[1] - h / 2
            p[0], p[1] = w / 2 + x * c - y * s_, h / 2 + x * s_ + y * c
    pts = " ".join("%s,%s %s,%s" % (fmt(s[0]), fmt(s[1]), fmt(d[0]), fmt(d[1]))
                   for s, d in zip(src, dst))
    return vp_ops(vp) + ["-interpolate", "Bilinear", "-filter", "point",
                         "+distort", "Perspective", pts, "+repage"]


def vp_ops(vp):
    """What lies outside the code once turned: white paper, or nothing (a
    sticker laid on a counter)."""
    if vp == "white":
        return ["-virtual-pixel", "white"]
    return ["-alpha", "set", "-virtual-pixel", "transparent", "-background", "none"]


def rotate_ops(angle, vp="white"):
    return vp_ops(vp) + ["-interpolate", "Bilinear", "-filter", "point",
                         "+distort", "SRT", fmt(angle), "+repage"]


def photo(cat, j, seed, pool_size, widths, codes_dir, photos_dir):
    """(file name, payload indices, params, ImageMagick arguments) of photo j of set cat."""
    rnd = random.Random("%d/%s/%d" % (seed, cat, j))
    idx = rnd.randrange(pool_size)
    code = os.path.join(codes_dir, "%04d.png" % idx)
    side = widths[idx]
    n_mod = side - 8
    params = {}
    ext = "png"
    im = []

    def module_size(lo=3.0, hi=8.0):
        m = rnd.uniform(lo, hi)
        params["module"] = fmt(m)
        return m

    def scaled(m, extra=None):
        """The code at m pixels per module: drawn at ceil(m), resized down."""
        m_int = max(3, int(m + 0.999))
        ops = list(extra or [])
        if abs(m - m_int) > 1e-3:
            ops += ["-filter", "Triangle", "-resize", "%s%%" % fmt(100 * m / m_int)]
        return code_ops(code, side, m_int, ops), side * m

    if cat == "clean":
        m = rnd.randint(3, 8)
        params["module"] = str(m)
        im = code_ops(code, side, m, [])
    elif cat == "rotation":
        m = module_size()
        angle = rnd.uniform(-45, 45)
        params["angle"] = fmt(angle)
        im, _ = scaled(m)
        im = ["("] + im + rotate_ops(angle) + [")"]
    elif cat == "perspective":
        tilt = rnd.uniform(0.05, 0.25)
        m = module_size(3.0 / (1 - tilt) + 0.1, 8.0)
        params["tilt"] = fmt(tilt)
        im, px = scaled(m)
        im = ["("] + im + perspective_ops(rnd, px, px, tilt) + [")"]
    elif cat == "blur":
        m = module_size()
        sigma = rnd.uniform(0.3, 1.0)
        params["sigma"] = fmt(sigma)
        im, _ = scaled(m)
        im = ["("] + im + ["-blur", "0x" + fmt(sigma)] + [")"]
    elif cat == "noise":
        m = module_size()
        att = rnd.uniform(0.5, 2.0)
        params["noise"] = fmt(att)
        im, _ = scaled(m)
        im = ["("] + im + ["+level", "8%,92%", "-seed", str(rnd.randrange(1 << 30)),
                           "-attenuate", fmt(att), "+noise", "Gaussian"] + [")"]
    elif cat == "jpeg":
        m = module_size()
        q = rnd.randint(40, 90)
        params["quality"] = str(q)
        im, _ = scaled(m)
        im = ["("] + im + ["-quality", str(q)] + [")"]
        ext = "jpg"
    elif cat == "lighting":
        m = module_size()
        low = rnd.uniform(0.3, 0.7)
        params["light"] = fmt(low)
        im, px = scaled(m)
        im = ["("] + im + ["+level", "%d%%,100%%" % rnd.randint(0, 15),
                           "-colorspace", "sRGB", "-type", "TrueColor"] + \
            lighting_ops(rnd, px, px, low) + [")"]
    elif cat == "occlusion":
        m = module_size()
        x, y, w, h = occlusion_box(rnd, n_mod, 4)
        params["box"] = "%s,%s,%s,%s" % (fmt(x - 4), fmt(y - 4), fmt(w), fmt(h))
        c = rnd.choice(["black", "white", "gray(128)", "rgb(224,172,105)", "rgb(30,60,160)"])
        im, _ = scaled(m)
        im = ["("] + im + ["-colorspace", "sRGB", "-type", "TrueColor", "-fill", c, "-stroke",
                           "none", "-draw", "rectangle %s,%s %s,%s" % (
                               fmt(x * m), fmt(y * m), fmt((x + w) * m), fmt((y + h) * m))] + [")"]
    elif cat == "clutter":
        m = module_size()
        im, px = scaled(m)
        f = rnd.uniform(1.5, 2.6)
        cw, ch = int(px * f), int(px * f * rnd.uniform(0.75, 1.0))
        ch = max(ch, int(px) + 4)
        bg = "rgb(%d,%d,%d)" % (rnd.randint(150, 255), rnd.randint(150, 255), rnd.randint(150, 255))
        ox, oy = rnd.randint(0, max(0, cw - int(px) - 1)), rnd.randint(0, max(0, ch - int(px) - 1))
        params["canvas"] = "%dx%d" % (cw, ch)
        im = ["(", "-size", "%dx%d" % (cw, ch), "xc:" + bg] + clutter_draw(rnd, cw, ch) + im + \
            ["-geometry", "+%d+%d" % (ox, oy), "-composite", "-quality", "90", ")"]
        ext = "jpg"
    elif cat == "combined":
        tilt = rnd.uniform(0.0, 0.12)
        m = module_size(3.0 / (1 - tilt) + 0.2, 8.0)
        angle = rnd.uniform(-30, 30)
        sigma = rnd.uniform(0.2, 0.8)
        att = rnd.uniform(0.3, 1.0)
        low = rnd.uniform(0.5, 0.85)
        q = rnd.randint(50, 90)
        params.update(tilt=fmt(tilt), angle=fmt(angle), sigma=fmt(sigma), noise=fmt(att),
                      light=fmt(low), quality=str(q))
        code_im, px = scaled(m)
        code_im = ["("] + code_im + perspective_ops(rnd, px, px, tilt, angle, "none") + [")"]
        span = int(px * 1.45) + 2
        f = rnd.uniform(1.1, 1.5)
        cw, ch = int(span * f), int(span * f * rnd.uniform(0.8, 1.0))
        ch = max(ch, span + 4)
        bg = "rgb(%d,%d,%d)" % (rnd.randint(150, 255), rnd.randint(150, 255), rnd.randint(150, 255))
        ox, oy = rnd.randint(0, max(0, cw - span)), rnd.randint(0, max(0, ch - span))
        params["canvas"] = "%dx%d" % (cw, ch)
        im = ["(", "-size", "%dx%d" % (cw, ch), "xc:" + bg] + clutter_draw(rnd, cw, ch) + \
            code_im + ["-geometry", "+%d+%d" % (ox, oy), "-composite"] + \
            lighting_ops(rnd, cw, ch, low) + \
            ["-blur", "0x" + fmt(sigma), "-seed", str(rnd.randrange(1 << 30)),
             "-attenuate", fmt(att), "+noise", "Gaussian", "-quality", str(q), ")"]
        ext = "jpg"
    elif cat == "two":
        idx2 = rnd.randrange(pool_size - 1)
        if idx2 >= idx:
            idx2 += 1
        code2 = os.path.join(codes_dir, "%04d.png" % idx2)
        side2 = widths[idx2]
        m1, m2 = rnd.uniform(3, 8), rnd.uniform(3, 8)
        params["module"] = "%s,%s" % (fmt(m1), fmt(m2))
        a1, a2 = rnd.uniform(-15, 15), rnd.uniform(-15, 15)
        params["angle"] = "%s,%s" % (fmt(a1), fmt(a2))
        parts, spans = [], []
        for c, s, m, a in ((code, side, m1, a1), (code2, side2, m2, a2)):
            m_int = max(3, int(m + 0.999))
            ops = ["-filter", "Triangle", "-resize", "%s%%" % fmt(100 * m / m_int)] \
                if abs(m - m_int) > 1e-3 else []
            parts.append(["("] + code_ops(c, s, m_int, ops) + rotate_ops(a, "none") + [")"])
            spans.append(int(s * m * 1.3) + 2)
        gap = rnd.randint(0, 40)
        cw = spans[0] + spans[1] + gap + 20
        ch = max(spans) + 20
        side_by_side = rnd.random() < 0.5
        if not side_by_side:
            cw, ch = max(spans) + 20, spans[0] + spans[1] + gap + 20
        bg = "rgb(%d,%d,%d)" % (rnd.randint(170, 255), rnd.randint(170, 255), rnd.randint(170, 255))
        pos2 = "+%d+10" % (10 + spans[0] + gap) if side_by_side else "+10+%d" % (10 + spans[0] + gap)
        im = ["(", "-size", "%dx%d" % (cw, ch), "xc:" + bg] + parts[0] + \
            ["-geometry", "+10+10", "-composite"] + parts[1] + \
            ["-geometry", pos2, "-composite", "-quality", "85", ")"]
        ext = "jpg"
        name = "%s-%04d.%s" % (cat, j, ext)
        return name, [idx, idx2], params, im
    else:
        raise ValueError(cat)
    name = "%s-%04d.%s" % (cat, j, ext)
    return name, [idx], params, im


def run_convert(jobs):
    """Runs one `convert` over a list of (args, out path) jobs; each image is
    written to a temporary name and renamed once whole."""
    args = ["convert", "-limit", "thread", "1", "-respect-parentheses"]
    tmps = []
    for im, out in jobs:
        tmp = "%s.%d.tmp%s" % (out, os.getpid(), os.path.splitext(out)[1])
        tmps.append(tmp)
        # Fast deflate: noise does not compress anyway.
        png = ["-define", "png:compression-level=1"] if out.endswith(".png") else []
        args += im[:-1] + png + ["-write", tmp, "+delete", ")"]
    args += ["xc:white", "null:"]
    env = dict(os.environ, MAGICK_THREAD_LIMIT="1", OMP_NUM_THREADS="1")
    r = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    if r.returncode != 0:
        return "convert failed: " + r.stderr[-2000:]
    for (_, out), tmp in zip(jobs, tmps):
        os.replace(tmp, out)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vietqr", required=True, help="the vietqr tool")
    ap.add_argument("--vectors", required=True, help="tests/data/vectors.json")
    ap.add_argument("--out", required=True, help="output directory (a cache)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--per-category", type=int, default=FULL_PER_CATEGORY)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    if shutil.which("convert") is None:
        print("gen_photos: ImageMagick's convert is not installed", file=sys.stderr)
        return 77

    with open(os.path.abspath(__file__), "rb") as f:
        key = hashlib.sha256(f.read())
    with open(a.vectors, "rb") as f:
        key.update(f.read())
    key.update(("seed=%d" % a.seed).encode())
    key = key.hexdigest()
    # One generator at a time per directory (the fast and the full set share it).
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    lock = open(os.path.abspath(a.out) + ".lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    stamp = os.path.join(a.out, "stamp")
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() != key:
                shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "photos"), exist_ok=True)
    with open(stamp, "w") as f:
        f.write(key + "\n")

    pool_file = os.path.join(a.out, "codes.tsv")
    codes_dir = os.path.join(a.out, "codes")
    if os.path.exists(pool_file):
        with open(pool_file, encoding="utf-8") as f:
            pool = [(bytes.fromhex(l.split("\t")[1]).decode("utf-8"), l.split("\t")[8].strip())
                    for l in f]
    else:
        pool = build_payloads(a.vietqr, a.vectors, a.seed, a.jobs)
    widths = render_codes(a.vietqr, pool, codes_dir, a.jobs)
    if not os.path.exists(pool_file):
        with open(pool_file + ".tmp", "w", encoding="utf-8") as f:
            for i, (p, src) in enumerate(pool):
                kind, b, acct, svc = payee_of(p)
                root = read_tlv(p) or {}
                f.write("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" % (
                    i, p.encode("utf-8").hex(), kind, b, acct, svc, root.get("54", ""),
                    root.get("59", "").replace("\t", " "), src))
        os.replace(pool_file + ".tmp", pool_file)

    photos_dir = os.path.join(a.out, "photos")
    todo, lines = [], []
    for cat in CATEGORIES:
        for j in range(a.per_category):
            name, idx, params, im = photo(cat, j, a.seed, len(pool), widths, codes_dir,
                                          photos_dir)
            out = os.path.join(photos_dir, name)
            lines.append("%s\t%s\t%s\t%s\n" % (name, cat, ",".join(map(str, idx)),
                                               " ".join("%s=%s" % kv for kv in params.items())))
            if not os.path.exists(out):
                todo.append((im, out))
    chunk = 24
    batches = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for err in ex.map(run_convert, batches):
            if err:
                print("gen_photos: " + err, file=sys.stderr)
                return 1
    manifest = os.path.join(a.out, "photos-%d.tsv" % a.per_category)
    with open(manifest + ".tmp", "w", encoding="utf-8") as f:
        f.writelines(lines)
    os.replace(manifest + ".tmp", manifest)
    print("gen_photos: %d photos in %s (%d made now)" % (len(lines), photos_dir, len(todo)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
