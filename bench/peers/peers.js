#!/usr/bin/env node
// peers.js - times other libraries that read and write VietQR payloads on
// the corpus of bench/data (the one bench_compare reads), the way
// bench/compare.py times libvietqr: every row checked first, then
// rounds of one pass over the corpus in CPU time, fastest and median round
// in ns per payload.
//
//   vietnam-qr-pay: new QRPay(payload) reads (CRC checked), QRPay.initVietQR
//                   + build() writes.
//   promptparse:    parse(payload, true, true) reads (CRC checked, one level
//                   of sub-tags; 38.01 is decoded once more), tag() /
//                   encode() / withCrcTag() write.
//
// Usage: node peers.js PEER OP CORPUS.tsv [ROUNDS]
//   PEER: vietnam-qr-pay | promptparse; OP: read | write
// Output: "op <peer>/<op> <fastest ns> <median ns> <rounds>", or exit 3 with
// a message when the pinned packages are not installed (npm ci here).
'use strict';

const fs = require('fs');
const path = require('path');

const [peer, opName, corpusPath, roundsArg] = process.argv.slice(2);
if (!peer || !opName || !corpusPath) {
  console.error('usage: node peers.js PEER OP CORPUS.tsv [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg || 100);

function need(name) {
  try {
    return require(path.join(__dirname, 'node_modules', name));
  } catch (e) {
    console.error(`peers.js: ${name} is not installed (run "npm ci" in ${__dirname})`);
    process.exit(3);
  }
}

const COLS = ['payload', 'bin', 'account', 'service', 'amount', 'mcc', 'name', 'city', 'bill',
  'purpose', 'canonical'];
const rows = fs.readFileSync(corpusPath, 'utf8').split('\n').slice(1).filter((l) => l)
  .map((l) => {
    const v = l.split('\t');
    const r = {};
    COLS.forEach((c, i) => { r[c] = v[i]; });
    return r;
  });

// Each peer: read(payload) -> fields (the same names as the corpus columns),
// write(row) -> payload.
const peers = {
  'vietnam-qr-pay': () => {
    const { QRPay } = need('vietnam-qr-pay');
    return {
      read(payload) {
        const q = new QRPay(payload);
        if (!q.isValid) return null;
        const a = q.additionalData;
        return {
          bin: q.consumer.bankBin, account: q.consumer.bankNumber, service: q.provider.service,
          amount: q.amount, mcc: q.category, name: q.merchant.name, city: q.city,
          bill: a.billNumber, purpose: a.purpose,
        };
      },
      write(r) {
        const q = QRPay.initVietQR({
          bankBin: r.bin, bankNumber: r.account, amount: r.amount || undefined,
          purpose: r.purpose || undefined, service: r.service,
        });
        if (r.bill) q.additionalData.billNumber = r.bill;
        if (r.mcc) q.category = r.mcc;
        if (r.name) q.merchant.name = r.name;
        if (r.city) q.city = r.city;
        return q.build();
      },
    };
  },
  promptparse: () => {
    const pp = need('promptparse');
    const value = (tags, id) => {
      const t = pp.get(tags, id);
      return t ? t.value : undefined;
    };
    return {
      read(payload) {
        const q = pp.parse(payload, true, true);
        if (!q) return null;
        const benef = pp.decode(q.getTagValue('38', '01') || '');
        return {
          bin: value(benef, '00'), account: value(benef, '01'), service: q.getTagValue('38', '02'),
          amount: q.getTagValue('54'), mcc: q.getTagValue('52'), name: q.getTagValue('59'),
          city: q.getTagValue('60'), bill: q.getTagValue('62', '01'),
          purpose: q.getTagValue('62', '08'),
        };
      },
      write(r) {
        const t = pp.tag;
        const root = [t('00', '01'), t('01', r.amount ? '12' : '11'),
          t('38', pp.encode([t('00', 'A000000727'),
            t('01', pp.encode([t('00', r.bin), t('01', r.account)])), t('02', r.service)]))];
        if (r.mcc) root.push(t('52', r.mcc));
        root.push(t('53', '704'));
        if (r.amount) root.push(t('54', r.amount));
        root.push(t('58', 'VN'));
        if (r.name) root.push(t('59', r.name));
        if (r.city) root.push(t('60', r.city));
        const add = [];
        if (r.bill) add.push(t('01', r.bill));
        if (r.purpose) add.push(t('08', r.purpose));
        if (add.length) root.push(t('62', pp.encode(add)));
        return pp.withCrcTag(pp.encode(root), '63');
      },
    };
  },
};

if (!peers[peer] || !['read', 'write'].includes(opName)) {
  console.error(`peers.js: unknown peer or operation: ${peer} ${opName}`);
  process.exit(2);
}
const lib = peers[peer]();

// Correctness first: every field of every row, or the canonical payload.
let bad = 0;
rows.forEach((r, i) => {
  if (opName === 'read') {
    const f = lib.read(r.payload);
    if (!f) {
      bad++;
      console.error(`row ${i + 2}: ${peer} does not read it`);
      return;
    }
    for (const c of COLS.slice(1, -1)) {
      if ((f[c] || '') !== r[c]) {
        bad++;
        console.error(`row ${i + 2}: ${peer} ${c} is "${f[c]}", expected "${r[c]}"`);
      }
    }
  } else {
    const p = lib.write(r);
    if (p !== r.canonical) {
      bad++;
      console.error(`row ${i + 2}: ${peer} writes ${p}, expected ${r.canonical}`);
    }
  }
});
if (bad) {
  console.error(`peers.js: ${peer} ${opName}: ${bad} wrong results; nothing timed`);
  process.exit(1);
}

let sink = 0;
const fn = opName === 'read'
  ? (r) => { sink += lib.read(r.payload).account.length; }
  : (r) => { sink += lib.write(r).length; };
// CPU time (user + system, microseconds) of the process: time spent off
// the CPU on a shared machine does not count.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};
const pass = () => {
  const t = cpu();
  for (let i = 0; i < rows.length; i++) fn(rows[i]);
  return (cpu() - t) / rows.length;
};
for (let w = 0; w < 20; w++) pass(); // let the JIT settle
const ns = [];
for (let k = 0; k < rounds; k++) ns.push(pass());
ns.sort((a, b) => a - b);
console.log(`op\t${peer}/${opName}\t${ns[0].toFixed(1)}\t${ns[rounds >> 1].toFixed(1)}\t${rounds}`);
if (sink < 0) console.log(sink);
