package vn.vietqr;

/** An issued reference to reconcile: the amount due and what it has received already. */
public final class Issued {
    private final String reference;
    private final long amount;
    private final long received;

    /** A reference, its amount in dong, and what it received before (0 for a fresh issue). */
    public Issued(String reference, long amount, long received) {
        this.reference = reference;
        this.amount = amount;
        this.received = received;
    }

    public Issued(String reference, long amount) {
        this(reference, amount, 0);
    }

    public String reference() { return reference; }
    public long amount() { return amount; }
    public long received() { return received; }
}
