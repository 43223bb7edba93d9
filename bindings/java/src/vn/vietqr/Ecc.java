package vn.vietqr;

/** Error-correction level of a QR code (enum vqr_ecc; values checked against vietqr.h by the tests). */
public enum Ecc {
    /** The default: M. */
    DEFAULT(0),
    /** About 7% of codewords can be restored. */
    L(1),
    /** About 15%. */
    M(2),
    /** About 25%. */
    Q(3),
    /** About 30%. */
    H(4);

    private final int value;

    Ecc(int value) {
        this.value = value;
    }

    /** The C enum's value. */
    public int value() { return value; }

    static Ecc of(int value) {
        for (Ecc e : values())
            if (e.value == value)
                return e;
        throw new IllegalArgumentException("vqr_ecc " + value);
    }
}
