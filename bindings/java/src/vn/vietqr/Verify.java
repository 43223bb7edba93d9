package vn.vietqr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The Java side of vqr_verify and libvietqr-scan (see VietQR.verify, scan). */
final class Verify {
    private Verify() {}

    // Indexes of the arrays Native.verify fills (bindings/java/vietqr_jni_verify.c).
    static final int MARKS = 8; // VQR_VERIFY_MARKS
    static final int T_BIN = 0, T_ACCOUNT = 1, T_GUID = 2, T_BANK = 3, T_NAME = 4, T_NAME_ALT = 5,
        T_PURPOSE = 6, T_ERR_NAME = 7, T_ERR_TAG = 8, T_ERR_MESSAGE = 9, T_ERR_MESSAGE_VI = 10,
        T_MARK_TAGS = 11, T_COUNT = T_MARK_TAGS + MARKS;
    static final int N_VERDICT = 0, N_SUSPECTS = 1, N_PAYEE = 2, N_IMITATED = 3, N_NETWORK = 4,
        N_SERVICE = 5, N_BANK_KNOWN = 6, N_STATIC = 7, N_DYNAMIC = 8, N_AMOUNT = 9,
        N_CURRENCY = 10, N_ERR_CODE = 11, N_ERR_OFFSET = 12, N_ERR_CHAR_OFFSET = 13,
        N_MARK_COUNT = 14, N_MARKS = 15;

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static VerifyResult verify(byte[] payload, List<Payee> payees, VerifyOptions o) {
        int n = payees.size();
        byte[][] text = new byte[3 * n][];
        int[] ints = new int[2 * n];
        for (int i = 0; i < n; i++) {
            Payee p = payees.get(i);
            text[3 * i] = utf8(p.bin);
            text[3 * i + 1] = utf8(p.account);
            text[3 * i + 2] = utf8(p.name);
            ints[2 * i] = p.vnpay ? Network.VNPAY.value() : Network.NAPAS.value();
            ints[2 * i + 1] = p.service.value();
        }
        int flags = o.profile == null ? 0 : o.profile.flag();
        byte[][] t = new byte[T_COUNT][];
        long[] v = Native.verify(payload, text, ints, o.amount, o.currency, o.kind.ordinal(), flags, t);
        Verdict verdict = Verdict.of((int) v[N_VERDICT]);
        Diagnostic error = null;
        if (verdict == Verdict.INVALID)
            error = new Diagnostic((int) v[N_ERR_CODE], str(t[T_ERR_NAME]), false, v[N_ERR_OFFSET],
                                   v[N_ERR_CHAR_OFFSET], str(t[T_ERR_TAG]), str(t[T_ERR_MESSAGE]),
                                   str(t[T_ERR_MESSAGE_VI]), 0, -1);
        List<SuspectMark> marks = new ArrayList<>();
        for (int i = 0; i < Math.min(v[N_MARK_COUNT], MARKS); i++) {
            Suspect kind = Suspect.of((int) v[N_MARKS + 4 * i]);
            marks.add(new SuspectMark(kind, kind == Suspect.IMITATION ? -1 : (int) v[N_MARKS + 4 * i + 1],
                                      (char) v[N_MARKS + 4 * i + 2], v[N_MARKS + 4 * i + 3],
                                      str(t[T_MARK_TAGS + i])));
        }
        int payee = (int) v[N_PAYEE];
        EnumSet<Suspect> suspects = Suspect.set((int) v[N_SUSPECTS]);
        return new VerifyResult(
            verdict, payee, payee >= 0 && payee < n ? payees.get(payee).label : null,
            (int) v[N_IMITATED], Network.of((int) v[N_NETWORK]), Service.of((int) v[N_SERVICE]),
            str(t[T_BIN]), str(t[T_BANK]), v[N_BANK_KNOWN] != 0, str(t[T_ACCOUNT]), str(t[T_GUID]),
            v[N_STATIC] != 0, v[N_DYNAMIC] != 0, v[N_AMOUNT], (int) v[N_CURRENCY], str(t[T_NAME]),
            str(t[T_NAME_ALT]), str(t[T_PURPOSE]), error, suspects, marks, v[N_MARK_COUNT]);
    }

    static List<ScannedCode> scan(byte[] image, boolean fast, long maxPixels, int maxCodes) {
        if (image == null)
            throw new NullPointerException("image");
        long h = Native.scanImage(image, fast ? 1 : 0, maxPixels, maxCodes);
        try {
            int n = Native.scanCount(h);
            List<ScannedCode> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[][] b = new byte[2][];
                long[] c = Native.scanCode(h, i, b);
                int[][] corners = new int[4][];
                for (int k = 0; k < 4; k++)
                    corners[k] = new int[] {(int) c[3 + 2 * k], (int) c[4 + 2 * k]};
                out.add(new ScannedCode(b[0], b[1], (int) c[0], c[1] != 0, c[2] != 0, corners,
                                        (char) c[11], c[12] == i ? -1 : (int) c[12]));
            }
            return out;
        } finally {
            Native.scanFree(h);
        }
    }
}
