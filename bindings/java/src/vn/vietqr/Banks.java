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
        return Native.bankFind(Utf8.encode(query));
    }

    /** Every bank the query matches (vqr_bank_find_all); empty when none. */
    public static List<Bank> findAll(String query) {
        return Collections.unmodifiableList(Arrays.asList(Native.bankFindAll(Utf8.encode(query))));
    }

    /** Version of the bank data compiled in, "YYYY.MM.N". */
    public static String dataVersion() {
        return Native.bankDataVersion();
    }
}
