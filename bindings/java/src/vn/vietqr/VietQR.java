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

    /** Flag of {@link #amountWords}: southern usage, "ngàn" and "lẻ" (VQR_AMOUNT_WORDS_SOUTH). */
    public static final int WORDS_SOUTH = 1;
    /** Flag of {@link #amountWords}: "tư" for 4 after a tens word from twenty (VQR_AMOUNT_WORDS_TU). */
    public static final int WORDS_TU = 2;

    /**
     * A VND amount in Vietnamese words, as invoices print it: 1250000 is
     * "Một triệu hai trăm năm mươi nghìn đồng" (vqr_amount_words_vi). At
     * most 13 digits; 0 is "Không đồng".
     *
     * @param vnd   whole đồng, 0 to 9999999999999
     * @param south southern usage ("ngàn", "lẻ")
     * @param tu    "tư" for 4 after a tens word from twenty
     * @throws VietQRException VQR_ERR_LENGTH beyond 13 digits
     */
    public static String amountWords(long vnd, boolean south, boolean tu) {
        if (vnd < 0)
            throw new IllegalArgumentException("an amount must not be negative");
        return Native.amountWordsVi(vnd, 704, (south ? WORDS_SOUTH : 0) | (tu ? WORDS_TU : 0));
    }

    /** {@link #amountWords(long, boolean, boolean)} in northern usage. */
    public static String amountWords(long vnd) {
        return amountWords(vnd, false, false);
    }

    /** Checks the trailing 6304XXXX of a whole payload given as text. */
    public static CrcCheck crcCheck(String payload) {
        return Native.crcCheck(Utf8.encode(payload));
    }
}
