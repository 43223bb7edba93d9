package vn.vietqr;

/**
 * One allowed payee for {@link VietQR#verify}: a bank and an account as the
 * code carries it (NAPAS 247), or a VNPAY-QR merchant ID. Immutable.
 */
public final class Payee {
    final boolean vnpay;
    final String bin;
    final String account;
    final Service service;
    final String name;
    final String label;

    private Payee(boolean vnpay, String bin, String account, Service service, String name,
                  String label) {
        if (account == null)
            throw new NullPointerException("account");
        this.vnpay = vnpay;
        this.bin = bin;
        this.account = account;
        this.service = service;
        this.name = name;
        this.label = label;
    }

    /**
     * A NAPAS payee: `bank` is a BIN ("970436") or a name {@link Banks#find}
     * knows ("Vietcombank"); the account as the code must carry it.
     */
    public static Payee of(String bank, String account) {
        return new Payee(false, bin(bank), account, Service.ACCOUNT, null, null);
    }

    /** A VNPAY-QR merchant, by the merchant ID of its template. */
    public static Payee vnpay(String merchantId) {
        return new Payee(true, null, merchantId, Service.ACCOUNT, null, null);
    }

    /** The same payee under a service: ACCOUNT (default), CARD or MERCHANT. */
    public Payee service(Service s) {
        if (s != Service.ACCOUNT && s != Service.CARD && s != Service.MERCHANT)
            throw new IllegalArgumentException("a payee's service is ACCOUNT, CARD or MERCHANT, not " + s);
        return new Payee(vnpay, bin, account, s, name, label);
    }

    /** The same payee with its name as the institution knows it (to catch codes that borrow it). */
    public Payee name(String n) {
        return new Payee(vnpay, bin, account, service, n, label);
    }

    /** The same payee with a label of the caller's (a stall id), returned in {@link VerifyResult#payeeLabel}. */
    public Payee label(String l) {
        return new Payee(vnpay, bin, account, service, name, l);
    }

    public String bin() {
        return bin;
    }

    public String account() {
        return account;
    }

    public String label() {
        return label;
    }

    private static String bin(String bank) {
        if (bank == null)
            throw new NullPointerException("bank");
        if (bank.length() == 6 && bank.chars().allMatch(c -> c >= '0' && c <= '9'))
            return bank;
        return Banks.find(bank).bin();
    }
}
