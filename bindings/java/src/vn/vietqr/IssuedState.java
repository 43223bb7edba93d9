package vn.vietqr;

/** Where an issued reference stands (struct vqr_recon_issued). */
public final class IssuedState {
    private final String reference;
    private final long amount;
    private final long received;
    private final long outstanding;
    private final boolean paid;
    private final long transactions;

    IssuedState(String reference, long amount, long received, long outstanding, boolean paid,
                long transactions) {
        this.reference = reference;
        this.amount = amount;
        this.received = received;
        this.outstanding = outstanding;
        this.paid = paid;
        this.transactions = transactions;
    }

    public String reference() { return reference; }
    public long amount() { return amount; }
    public long received() { return received; }
    public long outstanding() { return outstanding; }
    public boolean paid() { return paid; }
    public long transactions() { return transactions; }
}
