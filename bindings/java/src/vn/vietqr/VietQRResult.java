package vn.vietqr;

import java.nio.charset.StandardCharsets;

/** A VietQR written in one call (VietQRBuilder.write): its text and the report. */
public final class VietQRResult {
    private final String text;
    private final VietQRReport report;

    VietQRResult(byte[] text, VietQRReport report) {
        this.text = new String(text, StandardCharsets.UTF_8);
        this.report = report;
    }

    /** The payload, canonical, with its CRC. */
    public String text() { return text; }
    /** What folding changed, and the BIN. */
    public VietQRReport report() { return report; }
}
