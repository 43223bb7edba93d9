package vn.vietqr;

import java.nio.charset.StandardCharsets;

/** One QR code of an image (struct vqr_scan_code). */
public final class ScannedCode {
    private final byte[] data;
    private final byte[] raw;
    /** First ECI designator (26: UTF-8), or -1. */
    public final int eci;
    /** The payload was converted to UTF-8 from the ECI's character set. */
    public final boolean converted;
    /** The payload is well-formed UTF-8. */
    public final boolean utf8;
    /** Top-left, top-right, bottom-right, bottom-left: {x, y} each. */
    public final int[][] corners;
    /** 'L', 'M', 'Q', 'H', or 0. */
    public final char ecc;
    /** Index of the first code of the image with the same payload, or -1. */
    public final int copyOf;

    ScannedCode(byte[] data, byte[] raw, int eci, boolean converted, boolean utf8, int[][] corners,
                char ecc, int copyOf) {
        this.data = data;
        this.raw = raw;
        this.eci = eci;
        this.converted = converted;
        this.utf8 = utf8;
        this.corners = corners;
        this.ecc = ecc;
        this.copyOf = copyOf;
    }

    /** The payload's bytes, as encoded (UTF-8 after its ECI). */
    public byte[] data() {
        return data.clone();
    }

    /** The data segments' bytes as stored in the symbol. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The payload as text, or null when it is not UTF-8. */
    public String text() {
        return utf8 ? new String(data, StandardCharsets.UTF_8) : null;
    }
}
