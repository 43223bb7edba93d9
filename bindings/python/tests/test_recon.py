"""Tests of the Python binding's payment references and reconciliation.

References made, checked and found as the C suite asserts (the same golden
values); reconcile() over plain rows, SePay events and Casso transactions;
one webhook event at a time against an application's own records; the
generated school term of tests/cli/recon_term.py (2,000 references, 2,500
transactions), whose every status is known by construction, through
reconcile() as through `vietqr reconcile`; the binding's constants and
struct layouts against the C compiler's (tests/layout.c) and the library.

Environment: as test_vietqr.py (VIETQR_LIB, VQR_SOURCE_ROOT, VQR_LAYOUT).
"""

import ctypes
import itertools
import json
import os
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("VQR_SOURCE_ROOT") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..")))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))

import vietqr  # noqa: E402
from vietqr import Status, VietQRError  # noqa: E402
from vietqr import _native as N  # noqa: E402
from recon_term import Term, ref_make  # noqa: E402

# Under valgrind (scripts/memcheck-python.sh) the generated term is smaller.
UNDER_VALGRIND = "vgpreload" in os.environ.get("LD_PRELOAD", "")
TERM_SIZE = (400, 400) if UNDER_VALGRIND else (2000, 2500)


class ReferenceTests(unittest.TestCase):

    def test_make_golden_values(self):
        # The same values as tests/test_ref.c, and as the definition gives.
        self.assertEqual(vietqr.make_reference("HS24", 12), "HS24000012RG")
        self.assertEqual(vietqr.make_reference("HP24", 1), "HP24000001QV")
        self.assertEqual(vietqr.make_reference("hp24", 1), "HP24000001QV")
        for prefix, seq in (("AB", 0), ("ABCDEF", 999999), ("THCS01", 4321)):
            self.assertEqual(vietqr.make_reference(prefix, seq), ref_make(prefix, seq))

    def test_make_errors(self):
        for prefix, offset in (("H", None), ("HP24567", None), ("24HP", 0), ("HP-2", 2)):
            with self.assertRaises(VietQRError) as cm:
                vietqr.make_reference(prefix, 1)
            self.assertEqual(cm.exception.code, Status.VQR_ERR_REF_PREFIX)
            self.assertEqual(cm.exception.offset, offset)
        with self.assertRaises(VietQRError) as cm:
            vietqr.make_reference("HP24", 1000000)
        self.assertEqual(cm.exception.code, Status.VQR_ERR_REF_SEQUENCE)
        self.assertEqual(cm.exception.limit, 999999)
        with self.assertRaises(VietQRError):
            vietqr.make_reference("HP24", 1 << 40)
        with self.assertRaises(ValueError):
            vietqr.make_reference("HP24", -1)
        with self.assertRaises(TypeError):
            vietqr.make_reference("HP24", "1")
        with self.assertRaises(ValueError):
            vietqr.make_reference("HP\x0024", 1)

    def test_check(self):
        r = vietqr.make_reference("HS24", 12)
        vietqr.check_reference(r)
        self.assertTrue(vietqr.is_reference(r))
        swapped = r[:5] + r[6] + r[5] + r[7:]
        with self.assertRaises(VietQRError) as cm:
            vietqr.check_reference(r[:-1] + "A")
        self.assertEqual((cm.exception.code, cm.exception.offset), (Status.VQR_ERR_REF_CHECK, 10))
        self.assertFalse(vietqr.is_reference(r.lower()))
        self.assertFalse(vietqr.is_reference(swapped) and swapped != r)
        with self.assertRaises(VietQRError) as cm:
            vietqr.check_reference("HP24 000123")
        self.assertEqual((cm.exception.code, cm.exception.offset), (Status.VQR_ERR_REF_FORMAT, 4))

    def test_find(self):
        r, r2 = vietqr.make_reference("HS24", 12), vietqr.make_reference("HS24", 13)
        memos = ["MBVCB.3278907687.%s.CT tu 0011004123456 NGUYEN VAN A" % r,
                 "IBFT %s %s %s FT24123456789" % (r[:4].lower(), r[4:10], r[10:].lower()),
                 "%sNGUYENVANAN" % r, "Thanh toán học phí %s-%s" % (r[:4], r[4:])]
        for m in memos:
            self.assertEqual(vietqr.find_references(m, "HS24"), [r], m)
        self.assertEqual(vietqr.find_references("%s va %s, %s" % (r2, r, r2), "HS24"), [r2, r])
        self.assertEqual(vietqr.find_references(r[:-1] + "A", "HS24"), [])
        self.assertEqual(vietqr.find_references(b"", "HS24"), [])
        # References packed as tightly as they go: each one's check
        # characters are the next one's prefix ("AA" + six digits + "AA"...).
        # (The first 40 such serials, 10 under valgrind: some 1,300 calls each.)
        want = 10 if UNDER_VALGRIND else 40
        chain = list(itertools.islice((s for s in range(200000)
                                       if vietqr.make_reference("AA", s).endswith("AA")), want))
        self.assertEqual(len(chain), want)
        memo = "AA" + "".join("%06dAA" % s for s in chain)
        self.assertEqual(vietqr.find_references(memo, "AA"),
                         [vietqr.make_reference("AA", s) for s in chain])
        with self.assertRaises(VietQRError) as cm:
            vietqr.find_references(r, "H")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_REF_PREFIX)

    def test_bank_amounts(self):
        for text, want in (("1.500.000", 1500000), ("1,500,000.00", 1500000),
                           ("+1.500.000 VND", 1500000), ("(500.000)", -500000),
                           ("1.500.000 đồng", 1500000), (b"250000", 250000)):
            self.assertEqual(vietqr.parse_bank_amount(text), want, text)
        with self.assertRaises(VietQRError) as cm:
            vietqr.parse_bank_amount("1.5")
        self.assertEqual(cm.exception.code, Status.VQR_ERR_AMOUNT_DECIMALS)


class EventTests(unittest.TestCase):

    def test_shapes(self):
        sepay = {"id": 92704, "gateway": "Vietcombank", "transactionDate": "2023-03-25 14:02:37",
                 "accountNumber": "0123499999", "code": None, "content": "HP24 vien phi",
                 "transferType": "in", "transferAmount": 2277000, "accumulated": 19077000,
                 "subAccount": None, "referenceCode": "MBVCB.3278907687", "description": "x"}
        self.assertEqual(vietqr.transaction_from_event(sepay),
                         {"id": 92704, "date": "2023-03-25 14:02:37", "amount": 2277000,
                          "memo": "HP24 vien phi"})
        out = dict(sepay, transferType="out")
        self.assertEqual(vietqr.transaction_from_event(out)["amount"], -2277000)
        empty = dict(sepay, content="")
        self.assertEqual(vietqr.transaction_from_event(empty)["memo"], "x")
        casso = {"id": 7, "tid": "FT1", "description": "abc", "amount": -5000,
                 "when": "2024-01-02 03:04:05"}
        self.assertEqual(vietqr.transaction_from_event(casso),
                         {"id": 7, "date": "2024-01-02 03:04:05", "amount": -5000, "memo": "abc"})
        plain = {"id": "A1", "date": "02/01/2024", "amount": "1.000", "memo": "m"}
        self.assertEqual(vietqr.transaction_from_event(plain)["amount"], 1000)
        with self.assertRaises(ValueError):
            vietqr.transaction_from_event(dict(sepay, transferType="sideways"))


class ReconcileTests(unittest.TestCase):

    def test_every_status(self):
        a, b, c, d = (vietqr.make_reference("HS24", i) for i in (1, 2, 3, 4))
        issued = [{"reference": a, "amount": 1500000}, (b, "1.500.000"), (c, 800000),
                  {"reference": d, "amount": 800000}]
        txs = [
            {"id": 1, "date": "2024-09-02", "amount": 1500000, "memo": "IBFT %s" % a},
            {"id": 2, "date": "2024-09-03", "amount": 1500000, "memo": a},
            {"id": 3, "date": "2024-09-03", "amount": 1000000, "memo": b.lower()},
            {"id": 4, "date": "2024-09-04", "amount": 900000, "memo": c},
            {"id": 5, "date": "2024-09-05", "amount": 1600000, "memo": "%s %s" % (c, d)},
            {"id": 6, "date": "2024-09-06", "amount": 5, "memo": vietqr.make_reference("HS24", 9)},
            {"id": 7, "date": "2024-09-07", "amount": 5, "memo": "Lai tien gui"},
            {"id": 8, "date": "2024-09-08", "amount": -5, "memo": a},
        ]
        res = vietqr.reconcile(issued, txs)
        self.assertEqual([x.status for x in res],
                         ["paid", "duplicate", "underpaid", "overpaid", "multiple_references",
                          "unknown_reference", "no_reference", "debit"])
        self.assertEqual([x.difference for x in res],
                         [0, 1500000, -500000, 100000, None, None, None, None])
        self.assertEqual(res[4].references, (c, d))
        self.assertEqual(res[0].transaction_id, "1")
        self.assertEqual(res[0].issued_index, 0)
        self.assertTrue(res[0].counted and not res[4].counted)
        self.assertEqual(vietqr.STATUSES, tuple(
            N.LIB.vqr_match_name(k).decode() for k in range(1, 9)))

    def test_results_do_not_depend_on_the_order_given(self):
        a = vietqr.make_reference("HP24", 10)
        txs = [{"id": i, "date": "2024-01-02 10:00:00", "amount": 400000, "memo": a}
               for i in (10, 9, 100)]
        res = vietqr.reconcile([(a, 800000)], txs)
        # 9, then 10, then 100 (IDs of digits as numbers).
        self.assertEqual([r.status for r in res], ["paid", "underpaid", "duplicate"])
        with vietqr.Reconciliation() as rc:
            rc.add_issued(a, 800000)
            for t in txs:
                rc.add_event(t)
            rc.run()
            self.assertEqual(rc.order(), [1, 0, 2])
            self.assertEqual(rc.unpaid, [])

    def test_one_webhook_event_at_a_time(self):
        """An application's own records: invoices with what they received,
        the transaction IDs it has seen. Each event is reconciled alone."""
        prefix = "HP24"
        invoices = {}
        for i, amount in enumerate((500000, 750000, 1200000), start=1):
            invoices[vietqr.make_reference(prefix, i)] = {"amount": amount, "received": 0}
        seen = set()

        def on_event(event):
            t = vietqr.transaction_from_event(event)
            if t["id"] in seen:
                return "duplicate"  # the same delivery again: nothing changes
            refs = vietqr.find_references(t["memo"], prefix)
            rows = [{"reference": r, "amount": invoices[r]["amount"],
                     "received": invoices[r]["received"]} for r in refs if r in invoices]
            [res] = vietqr.reconcile(rows, [event], prefixes=[prefix])
            seen.add(t["id"])
            if res.counted:
                invoices[res.reference]["received"] += res.amount
            return res.status

        refs = list(invoices)
        ev = {"id": 1, "transactionDate": "2024-05-01 09:00:00", "content": refs[0],
              "transferType": "in", "transferAmount": 500000}
        self.assertEqual(on_event(ev), "paid")
        self.assertEqual(on_event(ev), "duplicate")  # delivered again
        self.assertEqual(on_event(dict(ev, id=2)), "duplicate")  # paid again
        self.assertEqual(on_event(dict(ev, id=3, content=refs[1], transferAmount=250000)),
                         "underpaid")
        self.assertEqual(on_event(dict(ev, id=4, content=refs[1], transferAmount=500000)),
                         "paid")
        forged = refs[2][:-1] + ("A" if refs[2][-1] != "A" else "B")
        self.assertEqual(on_event(dict(ev, id=5, content=forged, transferAmount=1200000)),
                         "no_reference")
        self.assertEqual(on_event(dict(ev, id=6, content=vietqr.make_reference(prefix, 99))),
                         "unknown_reference")
        self.assertEqual(on_event(dict(ev, id=7, transferType="out")), "debit")
        self.assertEqual([v["received"] for v in invoices.values()], [1000000, 750000, 0])

    def test_generated_term_matches_its_construction(self):
        term = Term(*TERM_SIZE)
        events = []
        for t in term.tx:  # SePay's shape, the statement in reverse
            events.append({"id": int(t["id"]), "transactionDate": t["date"],
                           "content": t["memo"], "transferType": "in" if t["amount"] >= 0
                           else "out", "transferAmount": abs(t["amount"])})
        events.reverse()
        issued = [{"reference": r, "amount": a} for r, a, _, _ in term.issued]
        with vietqr.Reconciliation() as rc:
            for row in issued:
                rc.add_issued(row["reference"], row["amount"])
            for e in events:
                rc.add_event(e)
            rc.run()
            got = {r.transaction_id: r for r in rc.results}
            unpaid = {s.reference: s.outstanding for s in rc.unpaid}
        wrong = [t["id"] for t in term.tx if got[t["id"]].status != t["status"]]
        self.assertEqual(wrong, [])
        want = {r: a - rcv for r, (a, rcv) in term.owed.items() if rcv < a}
        self.assertEqual(unpaid, want)

    def test_errors(self):
        a = vietqr.make_reference("HP24", 1)
        with self.assertRaises(VietQRError) as cm:
            vietqr.reconcile([(a, 5), (a, 6)], [])
        self.assertEqual((cm.exception.code, cm.exception.related_offset),
                         (Status.VQR_ERR_REF_DUPLICATE, 0))
        with self.assertRaises(VietQRError) as cm:
            vietqr.reconcile([(a, 0)], [])
        self.assertEqual(cm.exception.code, Status.VQR_ERR_AMOUNT_ZERO)
        with self.assertRaises(VietQRError) as cm:
            vietqr.reconcile([(a, 5)], [{"id": 1, "date": "31/02/2024", "amount": 5, "memo": ""}])
        self.assertEqual(cm.exception.code, Status.VQR_ERR_RECON_DATE)
        with self.assertRaises(VietQRError) as cm:
            vietqr.reconcile([(a, 5)], [{"id": 1, "date": "2024-01-01", "amount": 5, "memo": ""},
                                        {"id": 1, "date": "2024-01-01", "amount": 6, "memo": ""}])
        self.assertEqual(cm.exception.code, Status.VQR_ERR_RECON_CONFLICT)
        with self.assertRaises(VietQRError) as cm:
            vietqr.reconcile([], [], prefixes=["HP2", "HP24"])
        self.assertEqual(cm.exception.code, Status.VQR_ERR_REF_PREFIX_CONFLICT)
        with self.assertRaises(ValueError):
            vietqr.reconcile([{"amount": 5}], [])
        rc = vietqr.Reconciliation()
        rc.close()
        with self.assertRaises(ValueError):
            rc.add_issued(a, 5)

    def test_shared_between_threads(self):
        # vqr_recon is not for two threads at once, and ctypes lets threads
        # run during a call: the binding must never be inside two calls on
        # one vqr_recon at a time, nor free it (close) during a call. A
        # probe around the library's functions holds each call 2 ms and
        # records any overlap.
        import vietqr._recon as R
        real = R._LIB
        state = {"active": 0, "overlaps": 0}
        guard = threading.Lock()

        class Probe:
            def __getattr__(self, name):
                fn = getattr(real, name)
                if not name.startswith("vqr_recon_"):
                    return fn

                def call(*args):
                    with guard:
                        state["active"] += 1
                        if state["active"] > 1:
                            state["overlaps"] += 1
                    try:
                        time.sleep(0.002)
                        return fn(*args)
                    finally:
                        with guard:
                            state["active"] -= 1
                return call

        refs = [vietqr.make_reference("HS24", i) for i in range(1, 9)]
        R._LIB = Probe()
        try:
            rc = vietqr.Reconciliation()
            for r in refs:
                rc.add_issued(r, 1000)
            errors = []

            def add(t):
                try:
                    for k in range(25):
                        rc.add_transaction("T%d-%d" % (t, k), "2026-12-01", 1000,
                                           "HP " + refs[(t * 25 + k) % len(refs)])
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(e)

            threads = [threading.Thread(target=add, args=(t,)) for t in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(errors, [])
            rc.run()
            results = rc.results
            self.assertEqual(sorted(r.transaction_id for r in results),
                             sorted("T%d-%d" % (t, k) for t in range(4) for k in range(25)))
            self.assertEqual(sum(s.received for s in rc.issued_states), 100 * 1000)

            # close() from one thread while others add: each add is whole
            # or refused (closed), and the free waits for the call.
            rc = vietqr.Reconciliation()
            outcome = []

            def keep_adding(t):
                try:
                    for k in range(100000):
                        rc.add_transaction("U%d-%d" % (t, k), "2026-12-01", 5, "x")
                except ValueError as e:
                    outcome.append(str(e))

            threads = [threading.Thread(target=keep_adding, args=(t,)) for t in range(3)]
            for t in threads:
                t.start()
            time.sleep(0.05)
            rc.close()
            for t in threads:
                t.join()
            self.assertEqual(outcome, ["the reconciliation is closed"] * 3)
        finally:
            R._LIB = real
        self.assertEqual(state["overlaps"], 0)

class LayoutTests(unittest.TestCase):
    """The binding's constants and structs against the header and the
    library itself."""

    def test_defines(self):
        # Against what the C compiler makes of vietqr.h (tests/layout.c).
        out = subprocess.run([os.environ["VQR_LAYOUT"]], check=True,
                             capture_output=True).stdout
        layout = json.loads(out)
        defines = layout["defines"]
        self.assertEqual({k: defines[k] for k in defines if k.startswith("VQR_REF_")},
                         {"VQR_REF_PREFIX_MIN": N.REF_PREFIX_MIN,
                          "VQR_REF_PREFIX_MAX": N.REF_PREFIX_MAX,
                          "VQR_REF_DIGITS": N.REF_DIGITS,
                          "VQR_REF_SEQUENCE_MAX": N.REF_SEQUENCE_MAX,
                          "VQR_REF_MAX_LEN": N.REF_MAX_LEN,
                          "VQR_REF_BUF_SIZE": N.REF_BUF_SIZE})
        values = {name.lower()[len("vqr_match_"):]: v
                  for name, v in layout["enums"]["vqr_match"].items()}
        self.assertEqual([values[s] for s in vietqr.STATUSES], list(range(1, 9)))

    def test_tx_size_is_the_librarys(self):
        tx = N.ReconTx()
        self.assertEqual(N.LIB.vqr_recon_tx_init(ctypes.byref(tx), ctypes.sizeof(tx), None), 0)
        self.assertEqual(tx.size, ctypes.sizeof(tx))

    def test_result_fields_land_where_read(self):
        # Poisoned structs filled by the library: every field is written.
        a = vietqr.make_reference("HS24", 5)
        rc = vietqr.Reconciliation()
        rc.add_issued(a, 100)
        rc.add_transaction("T1", "2024-01-01", 70, "x %s y" % a)
        rc.run()
        res = N.ReconResult()
        ctypes.memset(ctypes.byref(res), 0xA5, ctypes.sizeof(res))
        res.size = ctypes.sizeof(res)
        self.assertEqual(N.LIB.vqr_recon_result_get(rc._r, 0, ctypes.byref(res), None), 0)
        self.assertEqual((res.status, res.references, res.reference.decode(), res.issued,
                          res.issued_amount, res.amount, res.difference, res.repeat_of,
                          ctypes.string_at(res.id, res.id_len)),
                         (2, 1, a, 0, 100, 70, -30, N.SIZE_MAX, b"T1"))
        s = N.ReconIssued()
        ctypes.memset(ctypes.byref(s), 0xA5, ctypes.sizeof(s))
        s.size = ctypes.sizeof(s)
        self.assertEqual(N.LIB.vqr_recon_issued_get(rc._r, 0, ctypes.byref(s), None), 0)
        self.assertEqual((s.reference.decode(), s.amount, s.received, s.outstanding, s.paid,
                          s.transactions), (a, 100, 70, 30, False, 1))
        m = (N.RefMatch * 1)()
        count = ctypes.c_size_t(0)
        memo = b"ab " + a.encode()
        self.assertEqual(N.LIB.vqr_ref_find(memo, len(memo), b"HS24", m, 1, ctypes.byref(count),
                                            None), 0)
        self.assertEqual((m[0].reference.decode(), m[0].offset, m[0].end), (a, 3, 3 + len(a)))
        rc.close()


if __name__ == "__main__":
    unittest.main()
