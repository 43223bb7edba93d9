package vn.vietqr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Matches bank transactions to issued payment references (vqr_recon): by
 * the reference each description holds, check characters and all, never by
 * name or amount. Add the issued references (and prefixes) first, then the
 * transactions, then {@link #run}; results come in the order added. The
 * same library code as `vietqr reconcile`. Methods are synchronized: one
 * Reconciliation may be shared between threads (each call is done whole,
 * and close() never frees what another thread's call is using); close it
 * (try-with-resources) to release its memory.
 */
public final class Reconciliation implements AutoCloseable {
    private long handle;

    /** An empty reconciliation; {@code prefixes} count as known (see {@link #addPrefix}). */
    public Reconciliation(String... prefixes) {
        handle = Native.reconNew();
        for (String p : prefixes)
            addPrefix(p);
    }

    private long h() {
        if (handle == 0)
            throw new IllegalStateException("Reconciliation is closed");
        return handle;
    }

    /** Makes a prefix known, so that its references that were not issued are unknown_reference. */
    public synchronized void addPrefix(String prefix) {
        Native.reconAddPrefix(h(), Utf8.encode(prefix));
    }

    /** Adds an issued reference; returns its index. */
    public synchronized int addIssued(String reference, long amount, long received) {
        return Native.reconAddIssued(h(), Utf8.encode(reference), amount, received);
    }

    public synchronized int addIssued(Issued i) {
        return addIssued(i.reference(), i.amount(), i.received());
    }

    /** Adds a transaction; returns its index. */
    public synchronized int addTransaction(String id, String date, long amount, String memo) {
        return Native.reconAddTx(h(), Utf8.encode(id == null ? "" : id),
                                 Utf8.encode(date == null ? "" : date), amount,
                                 Utf8.encode(memo == null ? "" : memo));
    }

    public synchronized int addTransaction(Transaction t) {
        return addTransaction(t.id(), t.date(), t.amount(), t.memo());
    }

    /** Orders the transactions (date, then ID, then the order added) and classifies each. */
    public synchronized void run() {
        Native.reconRun(h());
    }

    /** The result of transaction {@code index} (in the order added). */
    public synchronized ReconResult result(int index) {
        long[] v = new long[7];
        byte[] id = Native.reconResult(h(), index, v);
        List<String> refs = Collections.unmodifiableList(
            Arrays.asList(Native.reconTxReferences(h(), index)));
        return new ReconResult(new String(id, StandardCharsets.UTF_8), Native.matchName((int) v[0]),
                               refs, (int) v[2], v[2] < 0 ? 0 : v[3], v[4], v[2] < 0 ? 0 : v[5],
                               (int) v[6]);
    }

    /** Every transaction's result, in the order added. */
    public synchronized List<ReconResult> results() {
        int n = Native.reconCount(h(), false);
        List<ReconResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            out.add(result(i));
        return out;
    }

    /** The transactions' indices in the order they were classified. */
    public synchronized int[] order() {
        return Native.reconOrder(h());
    }

    /** Issued reference {@code index} (in the order added). */
    public synchronized IssuedState issued(int index) {
        long[] v = new long[5];
        String ref = Native.reconIssued(h(), index, v);
        return new IssuedState(ref, v[0], v[1], v[2], v[3] != 0, v[4]);
    }

    /** Every issued reference, in the order added. */
    public synchronized List<IssuedState> issuedStates() {
        int n = Native.reconCount(h(), true);
        List<IssuedState> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            out.add(issued(i));
        return out;
    }

    /** The issued references not paid in full. */
    public synchronized List<IssuedState> unpaid() {
        List<IssuedState> out = new ArrayList<>();
        for (IssuedState s : issuedStates())
            if (!s.paid())
                out.add(s);
        return out;
    }

    @Override
    public synchronized void close() {
        if (handle != 0) {
            Native.reconFree(handle);
            handle = 0;
        }
    }

    /**
     * Reconciles {@code transactions} against {@code issued} and returns one
     * result per transaction, in the order given. A web application can pass
     * one webhook event and the invoices it may concern, with what they have
     * received so far.
     */
    public static List<ReconResult> reconcile(List<Issued> issued, List<Transaction> transactions,
                                              String... prefixes) {
        try (Reconciliation r = new Reconciliation(prefixes)) {
            for (Issued i : issued)
                r.addIssued(i);
            for (Transaction t : transactions)
                r.addTransaction(t);
            r.run();
            return r.results();
        }
    }
}
