package vn.vietqr;

import java.util.List;

/** What one transaction turned out to be (struct vqr_recon_result). */
public final class ReconResult {
    private final String transactionId;
    private final String status;
    private final List<String> references;
    private final int issuedIndex;
    private final long issuedAmount;
    private final long amount;
    private final long difference;
    private final int repeatOf;

    ReconResult(String transactionId, String status, List<String> references, int issuedIndex,
                long issuedAmount, long amount, long difference, int repeatOf) {
        this.transactionId = transactionId;
        this.status = status;
        this.references = references;
        this.issuedIndex = issuedIndex;
        this.issuedAmount = issuedAmount;
        this.amount = amount;
        this.difference = difference;
        this.repeatOf = repeatOf;
    }

    public String transactionId() { return transactionId; }
    /** paid, underpaid, overpaid, duplicate, multiple_references, unknown_reference, no_reference or debit. */
    public String status() { return status; }
    /** The one reference, the first of several, or null. */
    public String reference() { return references.isEmpty() ? null : references.get(0); }
    /** Every different reference found in the description. */
    public List<String> references() { return references; }
    /** The issued reference it counted for, or -1. */
    public int issuedIndex() { return issuedIndex; }
    /** Whether its money counted for an issued reference. */
    public boolean counted() { return issuedIndex >= 0 && repeatOf < 0; }
    /** The amount issued for its reference (when it counted for one). */
    public long issuedAmount() { return issuedAmount; }
    /** The transaction's amount, negative for a debit. */
    public long amount() { return amount; }
    /** What its reference received, now, minus the amount issued (when it counted for one). */
    public long difference() { return difference; }
    /** The index of the identical earlier transaction this one repeats, or -1. */
    public int repeatOf() { return repeatOf; }

    @Override
    public String toString() {
        return transactionId + ": " + status + (references.isEmpty() ? "" : " " + references);
    }
}
