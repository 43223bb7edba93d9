package vn.vietqr;

/** What {@link VietQR#verify} concluded (enum vqr_verdict_code). */
public enum Verdict {
    /** The payee is allowed, and the amount and kind are as expected. */
    OK,
    /** A payment code whose payee is on no list given: {@link VerifyResult} says who it pays. */
    PAYEE_NOT_ALLOWED,
    /** An allowed payee, but not the amount (or static/dynamic kind) expected. */
    AMOUNT_MISMATCH,
    /** A web address, a Wi-Fi code, text, or a QRCASH withdrawal. */
    NOT_A_PAYMENT_CODE,
    /** An EMVCo payload that does not validate: see {@link VerifyResult#error}. */
    INVALID,
    /** An image with two or more different codes ({@link VietQR#verifyImage} only). */
    MULTIPLE_CODES,
    /** An image in which no code was found ({@link VietQR#verifyImage} only). */
    NO_CODE;

    /** The C enum's value. */
    public int value() {
        return ordinal();
    }

    static Verdict of(int code) {
        return values()[code];
    }
}
