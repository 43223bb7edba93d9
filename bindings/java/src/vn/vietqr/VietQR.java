package vn.vietqr;

import java.nio.charset.StandardCharsets;

/** Library-wide functions: version, status names and messages, CRC. */
public final class VietQR {
    private VietQR() {}

    /** The library's version as 0xMMmmpp (vqr_version). */
    public static int version() {
        return (int) Native.version();
    }

    /** The library's version as "MAJOR.MINOR.PATCH" (vqr_version_string). */
    public static String versionString() {
        return Native.versionString();
    }

    /** The symbolic name of a status code, or "VQR_ERR_UNKNOWN" (vqr_status_name). */
    public static String statusName(int code) {
        return Native.statusName(code);
    }

    /** The English message of a status code (vqr_strerror). */
    public static String message(int code) {
        return Native.strerror(code);
    }

    /** The Vietnamese message of a status code (vqr_strerror_vi). */
    public static String messageVi(int code) {
        return Native.strerrorVi(code);
    }

    /** CRC-16/CCITT-FALSE of the bytes (vqr_crc16). */
    public static int crc16(byte[] data) {
        return Native.crc16(data);
    }

    /** CRC-16/CCITT-FALSE of the UTF-8 bytes of a string. */
    public static int crc16(String text) {
        return Native.crc16(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks the trailing 6304XXXX of a whole payload (vqr_crc_check). */
    public static CrcCheck crcCheck(byte[] payload) {
        return Native.crcCheck(payload);
    }

    /**
     * An amount as 54 carries it, in minor units of the currency (ISO 4217
     * numeric; 704 is VND): "12.5" in USD (840) is 1250 (vqr_amount_parse).
     */
    public static long parseAmount(String text, int currency) {
        return Native.amountParse(text.getBytes(StandardCharsets.UTF_8), currency);
    }

    /** An amount in minor units written as 54 carries it: 1250 USD is "12.50". */
    public static String formatAmount(long minor, int currency) {
        if (minor < 0)
            throw new IllegalArgumentException("amount in minor units must not be negative");
        return Native.amountFormat(minor, currency);
    }

    /** Checks the trailing 6304XXXX of a whole payload given as text. */
    public static CrcCheck crcCheck(String payload) {
        return Native.crcCheck(Utf8.encode(payload));
    }
}
