package vn.vietqr;

/**
 * What {@link VietQR#verify} expects beyond the payee (struct
 * vqr_verify_options): the amount, the kind of code, the profile to parse
 * with. Immutable; start from {@link #defaults()}.
 */
public final class VerifyOptions {
    /** The kind of code expected. */
    public enum Kind { ANY, STATIC, DYNAMIC }

    final long amount;
    final int currency;
    final Kind kind;
    final Profile profile;

    private VerifyOptions(long amount, int currency, Kind kind, Profile profile) {
        this.amount = amount;
        this.currency = currency;
        this.kind = kind;
        this.profile = profile;
    }

    /** Any kind, any amount, VND, the library's default profile. */
    public static VerifyOptions defaults() {
        return new VerifyOptions(0, 704, Kind.ANY, null);
    }

    /** The amount the code must ask, in minor units of the currency (VND: whole dong); 0: none checked. */
    public VerifyOptions amount(long minor) {
        if (minor < 0)
            throw new IllegalArgumentException("amount must not be negative");
        return new VerifyOptions(minor, currency, kind, profile);
    }

    /** ISO 4217 numeric of the amount (default 704, VND). */
    public VerifyOptions currency(int iso4217) {
        return new VerifyOptions(amount, iso4217, kind, profile);
    }

    /** A static code (a stall's sticker) or a dynamic one (an invoice). */
    public VerifyOptions kind(Kind k) {
        return new VerifyOptions(amount, currency, k, profile);
    }

    /** The profile to parse with (null: the library's default). */
    public VerifyOptions profile(Profile p) {
        return new VerifyOptions(amount, currency, kind, p);
    }
}
