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

    /**
     * The report the glue packed at `at` (vietqr_jni_profile.c, pack_report):
     * bin, bank known, changed, count, then each changed field.
     */
    static VietQRReport read(byte[] b, int at) {
        int n = Packed.u16(b, at);
        String bin = Packed.utf8(b, at + 2, n);
        at += 2 + n;
        boolean known = b[at] != 0;
        long changed = Packed.i64(b, at + 1);
        int count = Packed.u8(b, at + 9);
        at += 10;
        FoldedField[] fields = new FoldedField[count];
        for (int i = 0; i < count; i++) {
            int tn = Packed.u16(b, at);
            String tag = Packed.utf8(b, at + 2, tn);
            at += 2 + tn;
            long fieldChanged = Packed.i64(b, at), chars = Packed.i64(b, at + 8);
            at += 16;
            int xn = Packed.u16(b, at);
            String text = Packed.utf8(b, at + 2, xn);
            at += 2 + xn;
            fields[i] = new FoldedField(tag, fieldChanged, chars, text);
        }
        return new VietQRReport(bin, known, changed, fields);
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
