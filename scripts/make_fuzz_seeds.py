#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the test vectors.

Usage: scripts/make_fuzz_seeds.py VECTORS.json [FUZZ_DIR]

VECTORS.json is the project's corpus, tests/data/vectors.json; the bank
directory is read from data/ next to this script. Into
FUZZ_DIR/corpus/<target>/ (FUZZ_DIR defaults to the fuzz/ directory next
to this script) it writes:

  parse, roundtrip  the flags byte then each payload, once strict and once
                    lenient (parse: as is, and lenient with the CRC made
                    right; roundtrip: both with the CRC made right, so that
                    mutants keep reaching the writer);
  edit              the flags byte (lenient, CRC made right), each payload,
                    0xFF and a few edits of the kind a billing system makes
                    (amount, bill number, purpose, removal of an object);
                    plus payloads built from an empty one (flags bit 1);
  vietqr            the fields of every NAPAS (tag 38) payload, as
                    vqr_vietqr_build takes them, plus a few typed by hand
                    (bank names, Vietnamese text to fold);
  text              every non-ASCII value of the vectors and some
                    Vietnamese text, in NFC and NFD, folded plain and strict;
  bank              every BIN, short name, full name, SWIFT code and alias
                    of the bank directory;
  render            each payload with rendering options that vary from one
                    vector to the next (ECC level, renderer, scale, quiet
                    zone, colours, title, a failing allocation);
  ref               bank transfer descriptions holding payment references
                    as banks rewrite them (prefix, NUL, description);
  batch             CSV and JSON Lines inputs of `vietqr batch`, well formed
                    and with each malformation the reader resynchronises
                    after (the flags byte: bit 0 JSON Lines, bit 1 extra
                    columns).

Seed files are named seed-<target>-<name>; the script only adds or
overwrites its own files, so minimised inputs and regress-* files are
kept. The input formats are described at the top of each fuzz/fuzz_*.c.
"""
import csv
import json
import os
import sys
import unicodedata

SET, REMOVE, GET = 0, 1, 3


def op(kind, path, value=None):
    """Encodes one operation for fuzz_edit.c."""
    ids = [int(part) for part in path.split('.')]
    out = bytes([kind | ((len(ids) - 1) << 2)]) + bytes(ids)
    if kind == SET:
        data = value.encode('utf-8')
        assert len(data) < 256
        out += bytes([len(data)]) + data
    return out


EDITS = [
    op(SET, '54', '150000') + op(SET, '62.01', 'HD2024000123') + op(GET, '62.01'),
    op(SET, '62.08', 'Thanh toan vien phi') + op(REMOVE, '54') + op(GET, '62'),
    op(REMOVE, '62.08') + op(SET, '01', '12') + op(SET, '62.08', 'Học phí kỳ 2'),
    op(REMOVE, '62') + op(SET, '80.00', 'com.example') + op(SET, '80.01', 'x'),
    op(SET, '38.01.01', '0011001234567') + op(SET, '59', 'BENH VIEN') + op(REMOVE, '60'),
]

BUILD = [
    op(SET, '01', '12') + op(SET, '38.00', 'A000000727') + op(SET, '38.01.00', '970436')
    + op(SET, '38.01.01', '0011001234567') + op(SET, '38.02', 'QRIBFTTA')
    + op(SET, '53', '704') + op(SET, '54', '180000') + op(SET, '58', 'VN')
    + op(SET, '62.08', 'Hoc phi HK1'),
    op(SET, '01', '11') + op(SET, '26.00', 'D840000000') + op(SET, '26.01', 'acct')
    + op(SET, '52', '5411') + op(SET, '53', '840') + op(SET, '58', 'US')
    + op(SET, '59', 'SHOP') + op(SET, '60', 'CITY') + op(SET, '64.00', 'VI')
    + op(SET, '64.01', 'Cửa hàng') + op(REMOVE, '64'),
]


def tlv(s):
    """ID/length/value objects of s, lengths in characters; None if it does not frame."""
    out, i = [], 0
    while i < len(s):
        if i + 4 > len(s) or not s[i:i + 4].isdigit():
            return None
        n = int(s[i + 2:i + 4])
        if i + 4 + n > len(s):
            return None
        out.append((s[i:i + 2], s[i + 4:i + 4 + n]))
        i += 4 + n
    return out


SERVICES = {'QRIBFTTA': 1, 'QRIBFTTC': 2, 'QRPUSH': 3, 'QRCASH': 4}


def vietqr_seed(fields, flags=0, service=1, amount=0, currency=704):
    """Encodes the input of fuzz_vietqr.c."""
    cur = 0x8000 if currency == 704 else currency
    head = bytes([flags, service]) + amount.to_bytes(8, 'little') + bytes([15])
    head += cur.to_bytes(2, 'little')
    return head + b'\0'.join(f.encode('utf-8') for f in fields)


def vietqr_from_payload(payload):
    """The builder's fields of a NAPAS payload, or None."""
    root = tlv(payload)
    if not root:
        return None
    r = dict(root)
    t38 = dict(tlv(r.get('38', '')) or [])
    if t38.get('00') != 'A000000727':
        return None
    benef = dict(tlv(t38.get('01', '')) or [])
    add = dict(tlv(r.get('62', '')) or [])
    currency = int(r['53']) if r.get('53', '').isdigit() else 704
    amount = int(r['54']) if currency == 704 and r.get('54', '').isdigit() else 0
    fields = [benef.get('00', ''), benef.get('01', ''), r.get('58', 'VN'), r.get('52', ''),
              r.get('59', ''), r.get('60', ''), add.get('01', ''), add.get('03', ''),
              add.get('05', ''), add.get('07', ''), add.get('08', ''), r.get('54', '')]
    return vietqr_seed(fields, 0, SERVICES.get(t38.get('02'), 1), amount, currency)


VIETQR_TYPED = [
    vietqr_seed(['Vietcombank', '0011001234567', 'VN', '', 'BENH VIEN BACH MAI', 'HA NOI',
                 'HD2024000123', '', '', '', 'Thanh toán viện phí', '180000'],
                service=1, amount=180000),
    vietqr_seed(['VCB', '0123456789', 'VN', '8220', 'Trường THCS Nguyễn Du', 'Hà Nội', '',
                 '', '', '', 'Học phí kỳ 2 lớp 7A', '1500000'], service=1, amount=1500000),
    vietqr_seed(['BFTVVNVX', '9704366614952301', 'VN', '', '', '', '', '', '', '', 'Nạp tiền',
                 ''], service=2),
    vietqr_seed(['970422', 'MERCHANT01', 'VN', '5411', 'SIEU THI', 'TP HCM', '', 'CH01', 'REF9',
                 'ATM7', '', '12.50'], flags=1, service=4, amount=1250, currency=840),
    vietqr_seed(['Ngân hàng TMCP Á Châu', '99ZP24009M07248267', 'VN', '', 'Cửa hàng Đức',
                 'Đà Nẵng', '', '', '', '', 'Mua hàng', ''], flags=2, service=1),
]


TEXT_TYPED = ['Thanh toán học phí Nguyễn Văn Đức', 'Bệnh viện Bạch Mai', 'Cửa hàng Ước Mơ',
              'Phí dịch vụ công', 'ĐẶNG THỊ HỒNG', 'tab\there', 'euro €', '最佳运输']


def text_values(payload):
    """Every value (primitive or template) of a payload, recursively."""
    out = []
    for _, value in tlv(payload) or []:
        out.append(value)
        out.extend(text_values(value))
    return out


def bank_queries(data_dir):
    """Every name the bank directory knows a bank by."""
    queries = []
    with open(os.path.join(data_dir, 'banks.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            queries += [row['bin'], row['short_name'], row['name'], row['swift']]
    with open(os.path.join(data_dir, 'bank_aliases.csv'), encoding='utf-8') as f:
        queries += [row['alias'] for row in csv.DictReader(f)]
    return [q for q in queries if q]


def render_seed(i, payload):
    """Encodes the input of fuzz_render.c; options vary with i."""
    fg, bg = (0x000000, 0xFFFFFF) if i % 3 else (0x1A2B3C, 0xF0E8D8)
    dpi = (0, 72, 300, 600)[i % 4]
    fail = 255 if i % 4 else i % 9
    title = b'' if i % 2 else 'Bệnh viện <Bạch Mai> & "Co"'.encode()
    head = bytes([i % 5, i % 64, i % 4, (4, 0, 1, 2, 8)[i % 5]])
    head += fg.to_bytes(3, 'big') + bg.to_bytes(3, 'big') + dpi.to_bytes(2, 'little')
    head += bytes([fail, len(title) if title else 255])
    return head + title + payload.encode('utf-8')


def ref_make(prefix, seq):
    """A payment reference (lib/ref.c): prefix, six digits, and the two
    check characters of ISO/IEC 7064 MOD 1271-36."""
    alpha = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    body = '%s%06d' % (prefix, seq)
    p = 0
    for ch in body + '00':
        p = (p * 36 + alpha.index(ch)) % 1271
    check = (1272 - p) % 1271
    return body + alpha[check // 36] + alpha[check % 36]


def ref_seeds():
    r1, r2, r3 = ref_make('HS24', 12), ref_make('HS24', 13), ref_make('BV', 999999)
    memos = [
        ('HS24', r1),
        ('HS24', r1.lower()),
        ('HS24', 'MBVCB.3278907687.%s.CT tu 0011004123456 NGUYEN VAN A toi 1234567 TRUONG' % r1),
        ('HS24', 'IBFT %s %s FT24123456789' % (r1[:4], r1[4:])),
        ('HS24', '%sNGUYENVANAN%s' % (r1, r2)),
        ('HS24', '%s-%s/%s' % (r1[:4], r1[4:10], r1[10:])),
        ('HS24', 'Thanh to\u00e1n %s h\u1ecdc ph\u00ed' % r1),
        ('hs24', r1[:-1] + '0'),
        ('BV', 'REM Tfr Ac: 1234567 %s BHYT' % r3),
        ('H', r1),
        ('24HS', r1),
        ('HS24', '+1.500.000 VND'),
        ('HS24', '1,500,000.00'),
        ('HS24', '(500.000 \u0111)'),
    ]
    return {'%02d' % i: p.encode() + b'\0' + m.encode('utf-8') for i, (p, m) in enumerate(memos)}


def batch_seeds():
    """Inputs of the batch row reader (fuzz/fuzz_batch.c)."""
    head = 'student,bank,account,amount,static,purpose,bill,note,class'
    ok = 'An,VCB,0011001234567,150000,,Hoc phi T9,HD1,x,5A'
    csvs = {
        'plain': [head, ok, 'Binh,970436,1234,2000,,"Hoc phi, ""T9""",HD2,,5B'],
        'crlf-bom': ['\ufeff' + head, ok, ok],
        'unclosed': [head, ok, ok.replace('Hoc phi T9', '"Hoc phi T9'), ok, ok],
        'breaks-later': [head, ok.replace('Hoc phi T9', '"Hoc'), 'still open', 'closes"x,HD', ok],
        'short-long': [head, 'An,VCB,1', ok + ',extra', ok],
        'amounts': [head, ok.replace('150000', '1.500.000'), ok.replace('150000', '"1,500,000"'),
                    ok.replace('150000', '1500000 VND'), ok.replace('150000', '')],
        'nul-control': [head, ok.replace('150000', '1000\x000'), ok.replace('Hoc', 'H\x1b[2J'),
                        ok],
        'multiline-cell': [head, ok.replace('x,5A', '"two\nlines",5A'), ok],
        'blank-lines': ['', head, '', '   ', ok, '\t', ok],
        'header-twice': ['bank,Bill,bill_number', 'VCB,1,2'],
        'no-bank': ['account,amount', '1,2'],
        'aliases': ['Bank , ACCOUNT_NUMBER,Merchant_Name,file', 'VCB,1,Shop,a.png'],
    }
    seeds = {}
    for name, lines in csvs.items():
        end = '\r\n' if 'crlf' in name else '\n'
        text = end.join(lines) + end
        seeds['csv-' + name] = bytes([0]) + text.encode('utf-8')
        seeds['csv-extra-' + name] = bytes([2]) + text.encode('utf-8')
    seeds['csv-lone-cr'] = bytes([0]) + ('\r'.join(csvs['plain']) + '\r').encode()
    seeds['csv-no-final-newline'] = bytes([0]) + '\n'.join(csvs['unclosed']).encode()
    seeds['csv-utf16'] = bytes([0]) + '\n'.join(csvs['plain']).encode('utf-16')
    jsonl = [
        '{"bank":"VCB","account":"0123456789","amount":250000,"purpose":"H\u1ecdc ph\u00ed"}',
        '',
        '{"bank":"970407","account":"19036","amount":null,"note":"x","class":"5A"}',
        'not json',
        '{"bank":"VCB","account":"1","amount":1.5}',
        '{"bank":"VCB","account":"2","static":true,"file":"a-b"}',
        '["array"]',
        '{"bank":"VCB","account":"4","amount":"1000\\u00000"}',
        '{"bank":"VCB","account":"5","bill":"A","bill_number":"B"}',
        '{"bank":"VCB","account":"6","amount":10,"bill":"A\\nB"}',
        '   ',
        '{"bank":"VCB","card":"9704361234567890","amount":"10000"}\r',
    ]
    seeds['jsonl'] = bytes([1]) + ('\n'.join(jsonl) + '\n').encode('utf-8')
    seeds['jsonl-extra'] = bytes([3]) + ('\n'.join(jsonl)).encode('utf-8')
    return seeds


def main(argv):
    if len(argv) < 2 or len(argv) > 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding='utf-8') as f:
        vectors = json.load(f)
    fuzz_dir = argv[2] if len(argv) == 3 else os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'fuzz')
    corpus = os.path.join(fuzz_dir, 'corpus')
    seeds = {'parse': {}, 'roundtrip': {}, 'edit': {}, 'vietqr': {}, 'text': {}, 'bank': {},
             'render': {}, 'ref': ref_seeds(), 'batch': batch_seeds()}
    texts = set(TEXT_TYPED)
    for i, v in enumerate(vectors):
        payload = v['payload'].encode('utf-8')
        # Flags: bit 0 lenient, bit 1 make the CRC right (fuzz_parse.c,
        # fuzz_roundtrip.c); fuzz_edit.c: bit 0 lenient, bit 2 CRC.
        seeds['parse']['%03d-strict' % i] = bytes([0]) + payload
        seeds['parse']['%03d-lenient' % i] = bytes([3]) + payload
        seeds['roundtrip']['%03d-strict' % i] = bytes([2]) + payload
        seeds['roundtrip']['%03d-lenient' % i] = bytes([3]) + payload
        edits = EDITS[i % len(EDITS)]
        seeds['edit']['%03d' % i] = bytes([5]) + payload + b'\xff' + edits
        texts.update(t for t in text_values(v['payload']) if not t.isascii())
        seeds['render']['%03d' % i] = render_seed(i, v['payload'])
        built = vietqr_from_payload(v['payload'])
        if built:
            seeds['vietqr']['%03d' % i] = built
    for i, ops in enumerate(BUILD):
        seeds['edit']['build-%d' % i] = bytes([2]) + ops
    for i, data in enumerate(VIETQR_TYPED):
        seeds['vietqr']['typed-%d' % i] = data
    for i, t in enumerate(sorted(texts)):
        for form in ('NFC', 'NFD'):
            for flags in (0, 1):
                name = '%03d-%s-%s' % (i, form.lower(), 'strict' if flags else 'fold')
                seeds['text'][name] = bytes([flags]) + unicodedata.normalize(form, t).encode()
    data_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'data')
    for i, q in enumerate(bank_queries(data_dir)):
        seeds['bank']['%03d' % i] = q.encode('utf-8')
    count = 0
    for target, files in seeds.items():
        d = os.path.join(corpus, target)
        os.makedirs(d, exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(d, 'seed-%s-%s' % (target, name)), 'wb') as f:
                f.write(data)
            count += 1
    print('wrote %d seeds from %d vectors into %s' % (count, len(vectors), corpus))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
