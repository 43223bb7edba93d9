package vn.vietqr;

import java.nio.charset.StandardCharsets;

/**
 * Reading the byte[] results the glue packs (vietqr_jni.h, jni_put_*):
 * numbers little-endian, strings as UTF-8 bytes.
 */
final class Packed {
    private Packed() {}

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16
            | (b[at + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int at) {
        return (i32(b, at) & 0xFFFFFFFFL) | (long) i32(b, at + 4) << 32;
    }

    static String utf8(byte[] b, int at, int len) {
        return new String(b, at, len, StandardCharsets.UTF_8);
    }
}
