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

    // --- payment references ------------------------------------------------

    /** Shortest and longest prefix (VQR_REF_PREFIX_MIN, _MAX). */
    public static final int REFERENCE_PREFIX_MIN = 2;
    public static final int REFERENCE_PREFIX_MAX = 6;
    /** Digits of a reference's sequence (VQR_REF_DIGITS). */
    public static final int REFERENCE_DIGITS = 6;
    /** Largest sequence number (VQR_REF_SEQUENCE_MAX). */
    public static final int REFERENCE_SEQUENCE_MAX = 999999;

    /**
     * The reference of {@code sequence} (0-999999) under {@code prefix} (2-6
     * letters and digits, the first a letter; lower case is taken as upper
     * case): makeReference("HP24", 123) is "HP24000123SQ", with two check
     * characters of ISO/IEC 7064 MOD 1271-36 (vqr_ref_make). Throws VietQRException VQR_ERR_REF_PREFIX or
     * VQR_ERR_REF_SEQUENCE.
     */
    public static String makeReference(String prefix, long sequence) {
        return Native.refMake(Utf8.encode(prefix), sequence);
    }

    /**
     * Throws VietQRException unless {@code text} is exactly one reference, in
     * upper case without separators, whose check characters match
     * (vqr_ref_check): VQR_ERR_REF_FORMAT or VQR_ERR_REF_CHECK.
     */
    public static void checkReference(String text) {
        Native.refCheck(Utf8.encode(text));
    }

    /** Whether {@code text} is exactly one valid reference. */
    public static boolean isReference(String text) {
        try {
            checkReference(text);
            return true;
        } catch (VietQRException e) {
            return false;
        }
    }

    /**
     * Every reference of {@code prefix} in a bank transfer description,
     * however the bank wrote it, each once, in order of first appearance
     * (vqr_ref_find). A reference whose check characters fail is never
     * returned.
     */
    public static java.util.List<String> findReferences(String memo, String prefix) {
        java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
        for (String r : Native.refFind(Utf8.encode(memo), Utf8.encode(prefix)))
            found.add(r);
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(found));
    }

    /**
     * An amount of dong as bank statements write it ("1.500.000",
     * "1,500,000", "+1.500.000 VND", "(500.000)" is -500000) (vqr_recon_amount_parse).
     */
    public static long parseBankAmount(String text) {
        return Native.reconAmountParse(Utf8.encode(text));
    }

    // --- verifying who a code pays, reading photos ---------------------------

    /**
     * Checks who a payload pays against the payees allowed (vqr_verify): OK,
     * PAYEE_NOT_ALLOWED (the result says who the code pays),
     * AMOUNT_MISMATCH, NOT_A_PAYMENT_CODE or INVALID, with the text that
     * imitates (look-alike letters, hidden characters, a borrowed name).
     * An empty list allows nobody. A payee that is not well formed throws
     * VietQRException (VQR_ERR_PAYEE, its index in offset()); the payload's
     * own problems are verdicts, never exceptions.
     */
    public static VerifyResult verify(String payload, java.util.List<Payee> payees,
                                      VerifyOptions options) {
        return Verify.verify(payload.getBytes(StandardCharsets.UTF_8), payees, options);
    }

    /** verify() with the default options (any kind, any amount). */
    public static VerifyResult verify(String payload, java.util.List<Payee> payees) {
        return verify(payload, payees, VerifyOptions.defaults());
    }

    /** verify() of a payload's bytes (as a photo gave them). */
    public static VerifyResult verify(byte[] payload, java.util.List<Payee> payees,
                                      VerifyOptions options) {
        return Verify.verify(payload, payees, options);
    }

    /**
     * Every QR code of a PNG or JPEG image (the file's bytes), through
     * libvietqr-scan; an image without a code gives an empty list. Throws
     * VietQRException for what is not a readable image, and
     * UnsupportedOperationException when the binding was built without
     * libvietqr-scan.
     */
    public static java.util.List<ScannedCode> scan(byte[] image) {
        return Verify.scan(image, false, 64L * 1024 * 1024, 32);
    }

    /** scan() with the options of vqr_scan_options: one pass (fast), the largest image, the most codes. */
    public static java.util.List<ScannedCode> scan(byte[] image, boolean fast, long maxPixels,
                                                   int maxCodes) {
        return Verify.scan(image, fast, maxPixels, maxCodes);
    }

    /** The QR decoder libvietqr-scan uses ("ZXing-C++ 1.4.0"). */
    public static String scanDecoder() {
        return Native.scanDecoder();
    }

    /**
     * Scans a photo and checks its code: NO_CODE, MULTIPLE_CODES (two or
     * more different codes), or the verdict of its one code.
     */
    public static ImageResult verifyImage(byte[] image, java.util.List<Payee> payees,
                                          VerifyOptions options) {
        java.util.List<ScannedCode> all = scan(image);
        java.util.List<VerifyResult> results = new java.util.ArrayList<>();
        for (ScannedCode c : all)
            if (c.copyOf < 0)
                results.add(Verify.verify(c.data(), payees, options));
        Verdict v = results.isEmpty() ? Verdict.NO_CODE
            : results.size() > 1 ? Verdict.MULTIPLE_CODES : results.get(0).verdict;
        return new ImageResult(v, results, all);
    }
}
