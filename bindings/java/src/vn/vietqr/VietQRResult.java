package vn.vietqr;

/** A VietQR written in one call (VietQRBuilder.write): its text and the report. */
public final class VietQRResult {
    private final String text;
    /** Bytes that hold the text and report of most payloads. */
    static final int GUESS = 512;

    /** What Native.vietqrWrite wrote: the text's length and bytes, then the report. */
    private final byte[] packed;
    /** Read from packed when first asked for, once. */
    private volatile VietQRReport report;

    VietQRResult(byte[] packed) {
        int len = Packed.u16(packed, 0);
        this.text = Packed.utf8(packed, 2, len);
        this.packed = packed;
    }

    /** The payload, canonical, with its CRC. */
    public String text() { return text; }
    /** What folding changed, and the BIN. */
    public VietQRReport report() {
        VietQRReport r = report;
        if (r == null) {
            synchronized (this) {
                r = report;
                if (r == null) {
                    r = VietQRReport.read(packed, 2 + Packed.u16(packed, 0));
                    report = r;
                }
            }
        }
        return r;
    }
}
