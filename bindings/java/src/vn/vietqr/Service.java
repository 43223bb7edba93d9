package vn.vietqr;

/** NAPAS 247 services of 38.02 (enum vqr_service; values checked against vietqr.h by the tests). */
public enum Service {
    /** Reading only: no 38.02, or not a NAPAS payload. */
    NONE(0),
    /** "QRIBFTTA": fast transfer to a bank account number. */
    ACCOUNT(1),
    /** "QRIBFTTC": fast transfer to a card number. */
    CARD(2),
    /** "QRPUSH": payment to a merchant ID. */
    MERCHANT(3),
    /** "QRCASH": cash withdrawal at an ATM. */
    CASH(4),
    /** Reading only: another 38.02 code. */
    OTHER(5);

    private final int value;

    Service(int value) {
        this.value = value;
    }

    /** The C enum's value. */
    public int value() { return value; }

    static Service of(int value) {
        for (Service s : values())
            if (s.value == value)
                return s;
        throw new IllegalArgumentException("vqr_service " + value);
    }
}
