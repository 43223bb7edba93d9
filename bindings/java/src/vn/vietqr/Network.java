package vn.vietqr;

/** Networks a Vietnamese QR payload routes through (enum vqr_network). */
public enum Network {
    /** Not a VietQR. */
    NONE(0),
    /** Tag 38 with GUID A000000727 (VietQR, NAPAS 247). */
    NAPAS(1),
    /** A 26-51 template with GUID A000000775 (VNPAY-QR). */
    VNPAY(2),
    /** Another 26-51 template of a payload for country VN. */
    OTHER(3);

    private final int value;

    Network(int value) {
        this.value = value;
    }

    /** The C enum's value. */
    public int value() { return value; }

    static Network of(int value) {
        for (Network n : values())
            if (n.value == value)
                return n;
        throw new IllegalArgumentException("vqr_network " + value);
    }
}
