package vn.vietqr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What building a VietQR did with the input (vqr_vietqr_report). */
public final class VietQRReport {
    private final String bin;
    private final boolean bankKnown;
    private final long changed;
    private final List<FoldedField> fields;

    VietQRReport(String bin, boolean bankKnown, long changed, FoldedField[] fields) {
        this.bin = bin;
        this.bankKnown = bankKnown;
        this.changed = changed;
        this.fields = Collections.unmodifiableList(Arrays.asList(fields));
    }

    /** The BIN written in 38.01.00. */
    public String bin() { return bin; }
    /** The bank directory knows that BIN. */
    public boolean bankKnown() { return bankKnown; }
    /** Characters changed by folding, all fields together. */
    public long changed() { return changed; }
    /** The text fields folding changed, in tag order. */
    public List<FoldedField> fields() { return fields; }
}
