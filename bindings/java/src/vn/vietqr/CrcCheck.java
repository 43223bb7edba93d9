package vn.vietqr;

/** The outcome of VietQR.crcCheck (vqr_crc_check). */
public final class CrcCheck {
    private final int code;
    private final String name;
    private final String expected;
    private final boolean ok;

    CrcCheck(boolean ok, int code, String name, String expected) {
        this.ok = ok;
        this.code = code;
        this.name = name;
        this.expected = expected;
    }

    /** The payload ends with 6304 and the right CRC (either case). */
    public boolean ok() { return ok; }
    /** VQR_OK, VQR_ERR_CRC_MISMATCH or VQR_ERR_CRC_MISSING, as a number. */
    public int code() { return code; }
    /** The code's symbolic name. */
    public String name() { return name; }
    /** The right CRC in upper case ("" for fewer than 4 bytes). */
    public String expected() { return expected; }

    @Override
    public String toString() {
        return name + " expected=" + expected;
    }
}
