package vn.vietqr;

import java.util.Arrays;

/**
 * UTF-8 for the library. Unlike String.getBytes, a lone surrogate is not
 * replaced with '?': it is written as its own three bytes, which are not
 * valid UTF-8, so the library reports VQR_ERR_UTF8 at its offset.
 */
final class Utf8 {
    private Utf8() {}

    static byte[] encode(String s) {
        int n = s.length();
        byte[] out = new byte[n];
        int i = 0;
        for (; i < n; i++) { // ASCII, the usual case: one byte each
            char c = s.charAt(i);
            if (c >= 0x80)
                break;
            out[i] = (byte) c;
        }
        if (i == n)
            return out;
        out = Arrays.copyOf(out, i + 3 * (n - i)); // at most 3 bytes per char
        int o = i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            if (cp < 0x80) {
                out[o++] = (byte) cp;
            } else if (cp < 0x800) {
                out[o++] = (byte) (0xC0 | (cp >> 6));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[o++] = (byte) (0xE0 | (cp >> 12));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
        return Arrays.copyOf(out, o);
    }
}
