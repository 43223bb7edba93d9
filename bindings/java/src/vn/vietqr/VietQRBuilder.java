package vn.vietqr;

/**
 * The fields of a NAPAS 247 VietQR (struct vqr_vietqr). Unset fields take
 * the library's defaults (service ACCOUNT, currency 704 = VND, country
 * "VN"); text for the ans fields is folded to ASCII and reported, unless
 * strictText. Errors throw VietQRException naming the field's tag.
 *
 * <pre>
 * VietQRResult r = new VietQRBuilder().bank("Vietcombank").account("0011012345678")
 *     .amount(180000).purpose("Thanh toán học phí").write();
 * </pre>
 */
public final class VietQRBuilder {
    // Indexes of the field array, in the glue's order (vietqr_jni_profile.c).
    private static final int BANK = 0, ACCOUNT = 1, COUNTRY = 2, MCC = 3, NAME = 4, CITY = 5,
        BILL = 6, STORE = 7, REFERENCE = 8, TERMINAL = 9, PURPOSE = 10, COUNT = 11;

    private final String[] fields = new String[COUNT];
    private Service service;
    private long amount;
    private int currency = -1;
    private boolean strictText;
    private boolean alnumAccount;

    // Kept as given; the glue encodes them (as Utf8.encode does) when building.
    private VietQRBuilder text(int field, String value) {
        fields[field] = value;
        return this;
    }

    /** 38.01.00: a 6-digit BIN, or a name the bank directory resolves ("VCB"). Required. */
    public VietQRBuilder bank(String bank) { return text(BANK, bank); }
    /** 38.01.01: account, card or merchant ID. Required. */
    public VietQRBuilder account(String account) { return text(ACCOUNT, account); }
    /** 58: two upper-case letters (default "VN"). */
    public VietQRBuilder country(String country) { return text(COUNTRY, country); }
    /** 52: merchant category code, 4 digits. */
    public VietQRBuilder mcc(String mcc) { return text(MCC, mcc); }
    /** 59: at most 25 characters once folded. */
    public VietQRBuilder merchantName(String name) { return text(NAME, name); }
    /** 60: at most 15 characters once folded. */
    public VietQRBuilder merchantCity(String city) { return text(CITY, city); }
    /** 62.01. */
    public VietQRBuilder billNumber(String bill) { return text(BILL, bill); }
    /** 62.03. */
    public VietQRBuilder store(String store) { return text(STORE, store); }
    /** 62.05. */
    public VietQRBuilder reference(String reference) { return text(REFERENCE, reference); }
    /** 62.07. */
    public VietQRBuilder terminal(String terminal) { return text(TERMINAL, terminal); }
    /** 62.08: the transfer message. */
    public VietQRBuilder purpose(String purpose) { return text(PURPOSE, purpose); }

    /** 38.02 (default ACCOUNT). */
    public VietQRBuilder service(Service service) {
        this.service = service;
        return this;
    }

    /** Amount in minor units of the currency (VND: đồng); 0 = none, a static QR. */
    public VietQRBuilder amount(long minor) {
        if (minor < 0)
            throw new IllegalArgumentException("amount in minor units must not be negative");
        this.amount = minor;
        return this;
    }

    /** 53: ISO 4217 numeric code (default 704). */
    public VietQRBuilder currency(int iso4217) {
        if (iso4217 < 0)
            throw new IllegalArgumentException("currency code must not be negative");
        this.currency = iso4217;
        return this;
    }

    /** Non-ASCII text is an error instead of being folded. */
    public VietQRBuilder strictText(boolean strict) {
        this.strictText = strict;
        return this;
    }

    /** Accept letters in a QRIBFTTA account number (wallet virtual accounts). */
    public VietQRBuilder alnumAccount(boolean alnum) {
        this.alnumAccount = alnum;
        return this;
    }

    private int serviceValue() {
        return service == null ? -1 : service.value();
    }

    /** Builds the payload (vqr_vietqr_build) and writes it canonically. */
    public VietQRBuild build() {
        Payload p = new Payload();
        try {
            VietQRReport report = p.buildVietQR(fields, serviceValue(), amount, currency,
                                                strictText, alnumAccount);
            return new VietQRBuild(p, p.write(), report);
        } catch (VietQRException e) {
            p.close();
            throw Banks.withSuggestions(e, bankText());
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The bank as the library read it (its UTF-8 decoded), or null. */
    private String bankText() {
        String bank = fields[BANK];
        return bank == null ? null
            : new String(Utf8.encode(bank), java.nio.charset.StandardCharsets.UTF_8);
    }

    private int nativeWrite(byte[] out) {
        String[] f = fields;
        return Native.vietqrWrite(f[BANK], f[ACCOUNT], f[COUNTRY], f[MCC], f[NAME], f[CITY],
                                  f[BILL], f[STORE], f[REFERENCE], f[TERMINAL], f[PURPOSE],
                                  serviceValue(), amount, currency, strictText, alnumAccount, out);
    }

    /** Builds and writes in one library call (vqr_vietqr_write), without a Payload. */
    public VietQRResult write() {
        try {
            // Allocated here rather than by the glue (cheaper); a result
            // longer than the guess is written again into one long enough.
            byte[] out = new byte[VietQRResult.GUESS];
            int n = nativeWrite(out);
            if (n > out.length) {
                out = new byte[n];
                nativeWrite(out);
            }
            return new VietQRResult(out);
        } catch (VietQRException e) {
            throw Banks.withSuggestions(e, bankText());
        }
    }
}
