package vn.vietqr;

import java.nio.charset.StandardCharsets;

/** Vietnamese text: folding to ASCII for ans fields, NFC for S fields. */
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

    /** Text in Unicode Normalization Form C, as S fields such as 64.01 need (vqr_text_nfc). */
    public static String nfc(String text) {
        return new String(Native.textNfc(Utf8.encode(text)), StandardCharsets.UTF_8);
    }
}
