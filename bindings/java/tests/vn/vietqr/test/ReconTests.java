package vn.vietqr.test;

import static vn.vietqr.test.VietQRTest.check;
import static vn.vietqr.test.VietQRTest.eq;
import static vn.vietqr.test.VietQRTest.layout;
import static vn.vietqr.test.VietQRTest.num;
import static vn.vietqr.test.VietQRTest.obj;
import static vn.vietqr.test.VietQRTest.raises;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.vietqr.Issued;
import vn.vietqr.IssuedState;
import vn.vietqr.ReconResult;
import vn.vietqr.Reconciliation;
import vn.vietqr.Transaction;
import vn.vietqr.VietQR;
import vn.vietqr.VietQRException;

/**
 * Payment references and reconciliation through the Java binding: the same
 * golden references as tests/test_ref.c, every status, the order, one
 * webhook event at a time against an application's own records, errors,
 * and the constants against the C compiler's (tests/layout.c).
 */
final class ReconTests {
    private ReconTests() {}

    static Map<String, Object> event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2)
            m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static void add(Map<String, VietQRTest.Body> tests, Path root) {
        tests.put("reference_make", () -> {
            eq(VietQR.makeReference("HS24", 12), "HS24000012RG", "HS24 12");
            eq(VietQR.makeReference("HP24", 1), "HP24000001QV", "HP24 1");
            eq(VietQR.makeReference("hp24", 1), "HP24000001QV", "lower case");
            VietQRException e = raises(() -> VietQR.makeReference("24HP", 1), "digit first");
            eq(e.name(), "VQR_ERR_REF_PREFIX", "name");
            eq(e.offset(), 0L, "offset");
            e = raises(() -> VietQR.makeReference("HP24", 1000000), "sequence");
            eq(e.name(), "VQR_ERR_REF_SEQUENCE", "sequence name");
            eq(e.limit(), 999999L, "limit");
            raises(() -> VietQR.makeReference("HP24", 1L << 40), "huge sequence");
        });
        tests.put("reference_check_find", () -> {
            String r = VietQR.makeReference("HS24", 12);
            VietQR.checkReference(r);
            check(VietQR.isReference(r), "valid");
            VietQRException e = raises(() -> VietQR.checkReference("HS24000012RA"), "check");
            eq(e.name(), "VQR_ERR_REF_CHECK", "check name");
            eq(e.offset(), 10L, "check offset");
            check(!VietQR.isReference(r.toLowerCase()), "lower case is not canonical");
            String r2 = VietQR.makeReference("HS24", 13);
            eq(VietQR.findReferences("MBVCB.327.hs24-000012-rg.CT tu 001 NGUYEN", "HS24"),
               Arrays.asList(r), "mangled");
            eq(VietQR.findReferences(r + "NGUYENVANAN " + r2 + " va " + r, "HS24"),
               Arrays.asList(r, r2), "each once, in order");
            eq(VietQR.findReferences("Học phí " + r.substring(0, 11) + "A", "HS24"),
               Arrays.asList(), "bad check characters");
            // References packed as tightly as they go: each one's check
            // characters are the next one's prefix ("AA" + six digits + "AA"...).
            List<String> chain = new ArrayList<>();
            StringBuilder packed = new StringBuilder("AA");
            for (long s = 0; chain.size() < 40; s++) {
                String a = VietQR.makeReference("AA", s);
                if (a.endsWith("AA")) {
                    chain.add(a);
                    packed.append(a.substring(2));
                }
            }
            eq(VietQR.findReferences(packed.toString(), "AA"), chain, "packed references");
            eq(raises(() -> VietQR.findReferences(r, "H"), "prefix").name(), "VQR_ERR_REF_PREFIX",
               "prefix name");
        });
        tests.put("bank_amounts", () -> {
            eq(VietQR.parseBankAmount("1.500.000"), 1500000L, "dots");
            eq(VietQR.parseBankAmount("+1,500,000.00 VND"), 1500000L, "commas, VND");
            eq(VietQR.parseBankAmount("(500.000)"), -500000L, "parentheses");
            eq(VietQR.parseBankAmount("2.000.000 đồng"), 2000000L, "đồng");
            eq(raises(() -> VietQR.parseBankAmount("1,5"), "decimals").name(),
               "VQR_ERR_AMOUNT_DECIMALS", "decimals name");
        });
        tests.put("events", () -> {
            Transaction t = Transaction.fromEvent(event(
                "id", 92704L, "gateway", "Vietcombank", "transactionDate", "2023-03-25 14:02:37",
                "content", "HP24 vien phi", "transferType", "out", "transferAmount", 2277000L,
                "referenceCode", "MBVCB.3278907687", "description", "x"));
            eq(t.id(), "92704", "sepay id");
            eq(t.amount(), -2277000L, "sepay out");
            eq(t.memo(), "HP24 vien phi", "sepay content");
            t = Transaction.fromEvent(event("id", 7L, "tid", "FT1", "description", "abc",
                                            "amount", -5000.0, "when", "2024-01-02 03:04:05"));
            eq(t.date(), "2024-01-02 03:04:05", "casso when");
            eq(t.amount(), -5000L, "casso amount");
            t = Transaction.fromEvent(event("id", "A", "date", "02/01/2024", "amount", "1.000",
                                            "memo", "m"));
            eq(t.amount(), 1000L, "plain string amount");
            try {
                Transaction.fromEvent(event("transferType", "sideways", "transferAmount", 5L));
                throw new AssertionError("transferType sideways accepted");
            } catch (IllegalArgumentException expected) {
                // refused
            }
        });
        tests.put("reconcile_every_status", () -> {
            String a = VietQR.makeReference("HS24", 1), b = VietQR.makeReference("HS24", 2);
            String c = VietQR.makeReference("HS24", 3), d = VietQR.makeReference("HS24", 4);
            List<Issued> issued = Arrays.asList(new Issued(a, 1500000), new Issued(b, 1500000),
                                                new Issued(c, 800000), new Issued(d, 800000));
            List<Transaction> txs = Arrays.asList(
                new Transaction("1", "2024-09-02", 1500000, "IBFT " + a),
                new Transaction("2", "2024-09-03", 1500000, a),
                new Transaction("3", "2024-09-03", 1000000, b.toLowerCase()),
                new Transaction("4", "2024-09-04", 900000, c),
                new Transaction("5", "2024-09-05", 1600000, c + " " + d),
                new Transaction("6", "2024-09-06", 5, VietQR.makeReference("HS24", 9)),
                new Transaction("7", "2024-09-07", 5, "Lai tien gui"),
                new Transaction("8", "2024-09-08", -5, a));
            List<ReconResult> res = Reconciliation.reconcile(issued, txs);
            List<String> st = new ArrayList<>();
            for (ReconResult x : res)
                st.add(x.status());
            eq(st, Arrays.asList("paid", "duplicate", "underpaid", "overpaid", "multiple_references",
                                 "unknown_reference", "no_reference", "debit"), "statuses");
            eq(res.get(2).difference(), -500000L, "underpaid difference");
            eq(res.get(3).difference(), 100000L, "overpaid difference");
            eq(res.get(4).references(), Arrays.asList(c, d), "two references");
            eq(res.get(0).issuedIndex(), 0, "issued index");
            eq(res.get(0).transactionId(), "1", "id");
            check(res.get(0).counted() && !res.get(4).counted(), "counted");
            try (Reconciliation r = new Reconciliation()) {
                for (Issued i : issued)
                    r.addIssued(i);
                for (Transaction t : txs)
                    r.addTransaction(t);
                r.run();
                IssuedState s = r.issued(3);
                eq(s.reference(), d, "issued reference");
                eq(s.outstanding(), 800000L, "outstanding");
                check(!s.paid(), "not paid");
                eq(r.unpaid().size(), 2, "unpaid: b and d");
                eq(r.order().length, 8, "order");
            }
        });
        tests.put("reconcile_order", () -> {
            String a = VietQR.makeReference("HP24", 10);
            List<Transaction> txs = Arrays.asList(
                new Transaction("10", "2024-01-02 10:00:00", 400000, a),
                new Transaction("9", "2024-01-02 10:00:00", 400000, a),
                new Transaction("100", "2024-01-02 10:00:00", 400000, a));
            List<ReconResult> res = Reconciliation.reconcile(
                Arrays.asList(new Issued(a, 800000)), txs);
            eq(res.get(0).status(), "paid", "10 second");
            eq(res.get(1).status(), "underpaid", "9 first");
            eq(res.get(2).status(), "duplicate", "100 last");
        });
        tests.put("reconcile_one_webhook_event_at_a_time", () -> {
            Map<String, long[]> invoices = new LinkedHashMap<>(); // amount, received
            for (int i = 1; i <= 3; i++)
                invoices.put(VietQR.makeReference("HP24", i), new long[] {500000L * i, 0});
            Set<String> seen = new HashSet<>();
            List<String> refs = new ArrayList<>(invoices.keySet());
            Map<String, Object> ev = event("id", 1L, "transactionDate", "2024-05-01 09:00:00",
                                           "content", refs.get(0), "transferType", "in",
                                           "transferAmount", 500000L);
            List<String> got = new ArrayList<>();
            Object[][] changes = {
                {}, {}, {"id", 2L}, {"id", 3L, "content", refs.get(1), "transferAmount", 250000L},
                {"id", 4L, "content", refs.get(1), "transferAmount", 750000L},
                {"id", 5L, "content", refs.get(2).substring(0, 11)
                                          + (refs.get(2).endsWith("Z") ? "Y" : "Z")},
                {"id", 6L, "content", VietQR.makeReference("HP24", 99)},
            };
            for (Object[] ch : changes) {
                Map<String, Object> e = new HashMap<>(ev);
                for (int k = 0; k < ch.length; k += 2)
                    e.put((String) ch[k], ch[k + 1]);
                Transaction t = Transaction.fromEvent(e);
                if (!seen.add(t.id())) {
                    got.add("duplicate");
                    continue;
                }
                List<Issued> rows = new ArrayList<>();
                for (String r : VietQR.findReferences(t.memo(), "HP24"))
                    if (invoices.containsKey(r))
                        rows.add(new Issued(r, invoices.get(r)[0], invoices.get(r)[1]));
                ReconResult res = Reconciliation.reconcile(rows, Arrays.asList(t), "HP24").get(0);
                if (res.counted())
                    invoices.get(res.reference())[1] += res.amount();
                got.add(res.status());
            }
            eq(got, Arrays.asList("paid", "duplicate", "duplicate", "underpaid", "paid",
                                  "no_reference", "unknown_reference"), "statuses");
            eq(invoices.get(refs.get(1))[1], 1000000L, "second invoice received");
            eq(invoices.get(refs.get(2))[1], 0L, "forged event changed nothing");
        });
        tests.put("reconcile_errors", () -> {
            String a = VietQR.makeReference("HP24", 1);
            VietQRException e = raises(() -> Reconciliation.reconcile(
                Arrays.asList(new Issued(a, 5), new Issued(a, 6)), Arrays.asList()), "twice");
            eq(e.name(), "VQR_ERR_REF_DUPLICATE", "duplicate");
            eq(e.relatedOffset(), 0L, "first index");
            e = raises(() -> Reconciliation.reconcile(Arrays.asList(new Issued(a, 5)), Arrays.asList(
                new Transaction("1", "2024-02-30", 5, ""))), "date");
            eq(e.name(), "VQR_ERR_RECON_DATE", "date");
            e = raises(() -> Reconciliation.reconcile(Arrays.asList(), Arrays.asList(), "HP2",
                                                      "HP24"), "prefixes");
            eq(e.name(), "VQR_ERR_REF_PREFIX_CONFLICT", "conflict");
            Reconciliation r = new Reconciliation();
            r.close();
            try {
                r.addIssued(a, 5, 0);
                throw new AssertionError("closed reconciliation used");
            } catch (IllegalStateException expected) {
                // refused
            }
        });
        tests.put("reconcile_shared_between_threads", () -> {
            // vqr_recon is not for two threads at once: every method that
            // reaches it holds the object's lock, close() included, so a
            // close() never frees what another thread's call is using.
            for (java.lang.reflect.Method m : Reconciliation.class.getDeclaredMethods())
                if (java.lang.reflect.Modifier.isPublic(m.getModifiers()) &&
                    !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                    check(java.lang.reflect.Modifier.isSynchronized(m.getModifiers()),
                          "Reconciliation." + m.getName() + " is synchronized");
            List<String> refs = new ArrayList<>();
            for (int i = 1; i <= 8; i++)
                refs.add(VietQR.makeReference("HS24", i));
            try (Reconciliation r = new Reconciliation()) {
                for (String ref : refs)
                    r.addIssued(ref, 1000, 0);
                List<Thread> threads = new ArrayList<>();
                List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < 4; t++) {
                    final int tt = t;
                    threads.add(new Thread(() -> {
                        try {
                            for (int k = 0; k < 250; k++)
                                r.addTransaction("T" + tt + "-" + k, "2026-12-01", 1000,
                                                 "HP " + refs.get((tt * 250 + k) % refs.size()));
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }));
                }
                for (Thread th : threads)
                    th.start();
                for (Thread th : threads)
                    th.join();
                eq(errors.size(), 0, "no errors");
                r.run();
                eq(r.results().size(), 1000, "every transaction");
                long received = 0;
                for (IssuedState s : r.issuedStates())
                    received += s.received();
                eq(received, 1000L * 1000, "every payment counted");
            }
            Reconciliation r = new Reconciliation();
            List<String> outcome = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                final int tt = t;
                threads.add(new Thread(() -> {
                    try {
                        for (int k = 0; k < 1000000; k++)
                            r.addTransaction("U" + tt + "-" + k, "2026-12-01", 5, "x");
                    } catch (IllegalStateException e) {
                        outcome.add(e.getMessage());
                    }
                }));
            }
            for (Thread th : threads)
                th.start();
            Thread.sleep(50);
            r.close();
            for (Thread th : threads)
                th.join();
            eq(outcome, Arrays.asList("Reconciliation is closed", "Reconciliation is closed",
                                      "Reconciliation is closed"), "closed under the adders");
        });
        tests.put("reference_constants", () -> {
            // Against what the C compiler makes of vietqr.h (tests/layout.c).
            Map<String, Object> defs = obj(layout().get("defines"));
            eq(num(defs.get("VQR_REF_PREFIX_MIN")), (long) VietQR.REFERENCE_PREFIX_MIN, "prefix min");
            eq(num(defs.get("VQR_REF_PREFIX_MAX")), (long) VietQR.REFERENCE_PREFIX_MAX, "prefix max");
            eq(num(defs.get("VQR_REF_DIGITS")), (long) VietQR.REFERENCE_DIGITS, "digits");
            eq(num(defs.get("VQR_REF_SEQUENCE_MAX")), (long) VietQR.REFERENCE_SEQUENCE_MAX, "seq max");
        });
    }
}
