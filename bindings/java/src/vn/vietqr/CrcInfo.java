package vn.vietqr;

/** The CRC of a parsed payload (vqr_payload_crc). */
public final class CrcInfo {
    private final String given;
    private final String computed;
    private final boolean ok;

    CrcInfo(String given, String computed, boolean ok) {
        this.given = given;
        this.computed = computed;
        this.ok = ok;
    }

    /** The four characters after 6304, as written ("" if none). */
    public String given() { return given; }
    /** The CRC computed over the payload, upper case ("" if it has no 6304). */
    public String computed() { return computed; }
    /** Both exist and match, ignoring case. */
    public boolean ok() { return ok; }
}
