package vn.vietqr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The bank directory compiled into libvietqr. */
public final class Banks {
    private Banks() {}

    /** Every bank, in ascending order of BIN. */
    public static List<Bank> all() {
        int n = Native.bankCount();
        List<Bank> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
            out.add(Native.bankAt(i));
        return Collections.unmodifiableList(out);
    }

    /** The bank with this 6-digit BIN, or null (vqr_bank_find_bin). */
    public static Bank byBin(String bin) {
        return Native.bankFindBin(bin.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The one bank a user means: BIN, short name, alias, former or full name
     * (with or without diacritics), SWIFT code (vqr_bank_find). Throws
     * VietQRException VQR_ERR_BANK_UNKNOWN or VQR_ERR_BANK_AMBIGUOUS.
     */
    public static Bank find(String query) {
        try {
            return Native.bankFind(Utf8.encode(query));
        } catch (VietQRException e) {
            throw withSuggestions(e, query);
        }
    }

    /**
     * For a bank the directory cannot resolve (VQR_ERR_BANK_UNKNOWN or
     * _AMBIGUOUS), the same exception with the banks the query may mean;
     * any other exception as it is.
     */
    static VietQRException withSuggestions(VietQRException e, String query) {
        if (query == null
            || !(e.name().equals("VQR_ERR_BANK_UNKNOWN") || e.name().equals("VQR_ERR_BANK_AMBIGUOUS")))
            return e;
        return e.withSuggestions(suggest(query));
    }

    /**
     * Every bank whose BIN, short name, full name, SWIFT code, alias or former
     * name holds the query, ignoring case, diacritics, spaces and punctuation
     * (vqr_bank_find_all): "vietcom", "ngoai thuong", "cimb". Empty when none.
     */
    public static List<Bank> findAll(String query) {
        return Collections.unmodifiableList(Arrays.asList(Native.bankFindAll(Utf8.encode(query))));
    }

    /**
     * The banks a mistyped or partial name may mean, best first, at most
     * three (vqr_bank_suggest): "Vietcombnak" gives Vietcombank.
     */
    public static List<Bank> suggest(String query) {
        return suggest(query, 3);
    }

    /** The same, at most `limit` (0-65536) banks. */
    public static List<Bank> suggest(String query, int limit) {
        return Collections.unmodifiableList(Arrays.asList(Native.bankSuggest(Utf8.encode(query), limit)));
    }

    /** Version of the bank data compiled in, "YYYY.MM.N". */
    public static String dataVersion() {
        return Native.bankDataVersion();
    }
}
