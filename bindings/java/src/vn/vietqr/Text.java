package vn.vietqr;

import java.nio.charset.StandardCharsets;

/**
 * Vietnamese text: folding to ASCII for ans fields, NFC for S fields, and
 * the one rule for showing untrusted text (escape).
 */
public final class Text {
    private Text() {}

    /**
     * Folds text to printable ASCII for an ans field: "Thanh toán học phí"
     * becomes "Thanh toan hoc phi" (vqr_text_fold). A character that does
     * not fold (or, strict, any non-ASCII one) throws VietQRException
     * VQR_ERR_TEXT_NOT_ASCII with its offsets; a control character
     * VQR_ERR_TEXT_CONTROL. Nothing is dropped silently.
     */
    public static Folded fold(String text, boolean strict) {
        return Native.textFold(Utf8.encode(text), strict);
    }

    /** Folds in the default (non-strict) mode. */
    public static Folded fold(String text) {
        return fold(text, false);
    }

    /**
     * Text from a payload (or any untrusted source) as it can be shown on a
     * terminal or in a log (vqr_text_escape): controls, bidirectional
     * controls, zero-width and other invisible characters and line
     * separators become escapes ("\\x1b", "\\u202e"), a backslash two.
     */
    public static Escaped escape(String text) {
        return escape(text, 0);
    }

    /** As {@link #escape(String)}, for the content of a JSON string (RFC 8259 escapes). */
    public static Escaped escapeJson(String text) {
        return escape(text, 1);
    }

    private static Escaped escape(String text, int form) {
        long[] unsafe = new long[1];
        byte[] out = Native.textEscape(Utf8.encode(text), form, unsafe);
        return new Escaped(new String(out, StandardCharsets.UTF_8), unsafe[0]);
    }

    /** Text in Unicode Normalization Form C, as S fields such as 64.01 need (vqr_text_nfc). */
    public static String nfc(String text) {
        return new String(Native.textNfc(Utf8.encode(text)), StandardCharsets.UTF_8);
    }
}
