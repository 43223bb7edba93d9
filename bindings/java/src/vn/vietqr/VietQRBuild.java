package vn.vietqr;

/**
 * A VietQR built as a Payload (VietQRBuilder.build): the payload (close it,
 * or this), its canonical text and the report.
 */
public final class VietQRBuild implements AutoCloseable {
    private final Payload payload;
    private final String text;
    private final VietQRReport report;

    VietQRBuild(Payload payload, String text, VietQRReport report) {
        this.payload = payload;
        this.text = text;
        this.report = report;
    }

    public Payload payload() { return payload; }
    public String text() { return text; }
    public VietQRReport report() { return report; }

    /** Closes the payload. */
    @Override
    public void close() {
        payload.close();
    }
}
