package vn.vietqr;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The native methods, implemented in bindings/java/vietqr_jni.c and
 * registered by its JNI_OnLoad. The JNI library (which carries libvietqr
 * inside it) is loaded, once, from the first of:
 * <ol>
 * <li>the path in the system property {@code vietqr.jni.library}, else in
 *     the environment variable {@code VIETQR_JNI_LIB} (nothing else is
 *     tried then);</li>
 * <li>the copy inside vietqr.jar, {@code vn/vietqr/native/<os>-<arch>/libvietqr_jni.so}:
 *     written to a new private temporary directory (owner-only), checked
 *     against the SHA-256 recorded beside it in the jar, loaded, then
 *     deleted;</li>
 * <li>{@code System.loadLibrary("vietqr_jni")}: java.library.path (Debian's
 *     JVM searches /usr/lib/&lt;triplet&gt;/jni, where the system's package
 *     puts it).</li>
 * </ol>
 * When none loads, UnsatisfiedLinkError says what was tried and why each
 * failed. JNI_OnLoad refuses a libvietqr of another ABI major than the one
 * the glue was compiled against.
 */
final class Native {
    private Native() {}

    static {
        load();
    }

    /** The resource directory for this JVM's platform, e.g. "linux-x86_64". */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux"))
            os = "linux";
        else if (os.startsWith("mac") || os.startsWith("darwin"))
            os = "darwin";
        else if (os.startsWith("windows"))
            os = "windows";
        switch (arch) {
        case "amd64":
        case "x86_64":
            arch = "x86_64";
            break;
        case "aarch64":
        case "arm64":
            arch = "aarch64";
            break;
        default:
            break;
        }
        return os + "-" + arch;
    }

    private static void load() {
        String path = System.getProperty("vietqr.jni.library");
        String from = "system property vietqr.jni.library";
        if (path == null || path.isEmpty()) {
            path = System.getenv("VIETQR_JNI_LIB");
            from = "environment variable VIETQR_JNI_LIB";
        }
        if (path != null && !path.isEmpty()) {
            try {
                System.load(path);
                return;
            } catch (UnsatisfiedLinkError e) {
                throw new UnsatisfiedLinkError("libvietqr_jni could not be loaded from " + path
                                               + " (" + from + "): " + e.getMessage());
            }
        }
        List<String> tried = new ArrayList<>();
        String resource = "/vn/vietqr/native/" + platform() + "/libvietqr_jni.so";
        try {
            if (loadFromJar(resource, tried))
                return;
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            tried.add("the copy in the jar, " + resource + ": " + e.getMessage());
        }
        try {
            System.loadLibrary("vietqr_jni");
            return;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            tried.add("System.loadLibrary(\"vietqr_jni\") on java.library.path="
                      + System.getProperty("java.library.path") + ": " + e.getMessage());
        }
        throw new UnsatisfiedLinkError(
            "libvietqr_jni could not be loaded; tried " + String.join("; ", tried)
            + ". Use a vietqr.jar built for " + platform() + ", install the system's package"
            + " (Debian: libvietqr-jni), or set the system property vietqr.jni.library to the"
            + " path of libvietqr_jni.so.");
    }

    /** Extracts, checks and loads the jar's copy; false when the jar has none. */
    private static boolean loadFromJar(String resource, List<String> tried) throws IOException {
        byte[] want;
        try (InputStream sum = Native.class.getResourceAsStream(resource + ".sha256")) {
            if (sum == null) {
                tried.add("the copy in the jar, " + resource + ": not in this jar (built for "
                          + "another platform, or without it)");
                return false;
            }
            want = hex(new String(sum.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        // createTempDirectory makes it rwx------ on POSIX: no other user can
        // replace the file between the check and the load.
        Path dir = Files.createTempDirectory("vietqr-jni-");
        Path file = dir.resolve("libvietqr_jni.so");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = Native.class.getResourceAsStream(resource);
                 OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                                                          StandardOpenOption.WRITE)) {
                if (in == null)
                    throw new IOException("the jar lists its SHA-256 but not the library");
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0;) {
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (!MessageDigest.isEqual(sha.digest(), want))
                throw new IOException("its SHA-256 differs from the one recorded in the jar");
            // Read back what is on disk, as the loader will.
            if (!MessageDigest.isEqual(sha256().digest(Files.readAllBytes(file)), want))
                throw new IOException("the extracted file " + file + " changed on disk");
            System.load(file.toAbsolutePath().toString());
            return true;
        } finally {
            // Loaded (or not), the file is no longer needed: the mapping stays.
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static byte[] hex(String s) throws IOException {
        if (s.length() != 64)
            throw new IOException("the recorded SHA-256 is not 64 hex digits");
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16), lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
                throw new IOException("the recorded SHA-256 is not hexadecimal");
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static native long version();
    static native String versionString();
    static native String statusName(int code);
    static native String strerror(int code);
    static native String strerrorVi(int code);
    static native int crc16(byte[] data);
    static native CrcCheck crcCheck(byte[] payload);

    static native long payloadNew();
    static native void payloadFree(long p);
    /**
     * A new payload with data parsed into it under flags (vqr_parse_flags, 0:
     * the default profile): its handle, for payloadFree. Throws, keeping
     * nothing, when the parse fails.
     */
    static native long payloadParseBytes(byte[] data, int flags);
    /** payloadParseBytes of the text's bytes as Utf8.encode gives them. */
    static native long payloadParseText(String text, int flags);
    /** enum vqr_profile of the last parse. */
    static native int payloadProfile(long p);
    static native Diagnostic[] payloadDiagnostics(long p);
    /** {all, errors, warnings} */
    static native long[] payloadDiagCounts(long p);
    static native CrcInfo payloadCrc(long p);
    static native byte[] payloadGet(long p, byte[] path);
    static native void payloadSet(long p, byte[] path, byte[] value);
    static native boolean payloadRemove(long p, byte[] path);
    static native byte[] payloadWrite(long p, boolean keepOrder);
    static native PayloadObject[] payloadObjects(long p);

    static native Folded textFold(byte[] text, boolean strict);
    static native byte[] textNfc(byte[] text);
    static native byte[] textEscape(byte[] text, int form, long[] unsafe);
    static native int bankCount();
    static native Bank bankAt(int i);
    static native Bank bankFindBin(byte[] bin);
    static native Bank bankFind(byte[] query);
    static native Bank[] bankFindAll(byte[] query);
    static native Bank[] bankSuggest(byte[] query, int limit);
    static native String bankDataVersion();
    static native long amountParse(byte[] text, int currency);
    static native String amountFormat(long minor, int currency);
    static native String amountWordsVi(long minor, int currency, int flags);
    /**
     * VietQRBuilder's fields (null: absent); service and currency -1 for the
     * library's default. Returns the report packed for VietQRReport.read.
     */
    static native byte[] vietqrBuild(long p, String bank, String account, String country,
                                     String mcc, String name, String city, String bill,
                                     String store, String reference, String terminal,
                                     String purpose, int service, long amount, int currency,
                                     boolean strictText, boolean alnumAccount);
    /**
     * As vietqrBuild, without a payload: the text, then the report (see
     * VietQRResult), into out when it is long enough; returns their length.
     */
    static native int vietqrWrite(String bank, String account, String country, String mcc,
                                  String name, String city, String bill, String store,
                                  String reference, String terminal, String purpose, int service,
                                  long amount, int currency, boolean strictText,
                                  boolean alnumAccount, byte[] out);
    /**
     * The VietQR view packed for VietQRInfo, into out when it is long
     * enough; returns the packed length.
     */
    static native int vietqrRead(long p, byte[] out);

    static native long qrEncode(byte[] payload, int ecc);
    static native void qrFree(long qr);
    /** {version, width, ecc, has_eci} */
    static native int[] qrInfo(long qr);
    static native boolean qrModule(long qr, int x, int y);
    static native byte[] qrModules(long qr);
    /** options: {scale, quiet zone, foreground, background, dpi}, -1 for the default */
    static native byte[] renderPng(long qr, int[] options, byte[] title, boolean invert, boolean ascii);
    static native byte[] renderSvg(long qr, int[] options, byte[] title, boolean invert, boolean ascii);
    static native byte[] renderTerm(long qr, int[] options, byte[] title, boolean invert, boolean ascii);
    static native void renderPngFile(long qr, int[] options, byte[] title, byte[] path);
    static native void renderSvgFile(long qr, int[] options, byte[] title, byte[] path);
    static native PrintSize printSize(long qr, double targetMm, int dpi, int quietZone);

    static native String refMake(byte[] prefix, long sequence);
    static native void refCheck(byte[] text);
    /** Every occurrence, in order. */
    static native String[] refFind(byte[] memo, byte[] prefix);
    static native long reconAmountParse(byte[] text);
    static native long reconNew();
    static native void reconFree(long r);
    static native void reconAddPrefix(long r, byte[] prefix);
    static native int reconAddIssued(long r, byte[] reference, long amount, long received);
    static native int reconAddTx(long r, byte[] id, byte[] date, long amount, byte[] memo);
    static native void reconRun(long r);
    static native int[] reconOrder(long r);
    /** numbers: status, references, issued (-1), issued amount, amount, difference, repeat of (-1); returns the ID. */
    static native byte[] reconResult(long r, int index, long[] numbers);
    static native String[] reconTxReferences(long r, int index);
    /** numbers: amount, received, outstanding, paid (0/1), transactions; returns the reference. */
    static native String reconIssued(long r, int index, long[] numbers);
    static native int reconCount(long r, boolean issued);
    static native String matchName(int m);

    /**
     * vqr_verify. payeeText: bin, account, name for each payee (null when
     * absent); payeeInts: network, service for each; kind: 0 any, 1 static,
     * 2 dynamic. Fills texts (Verify.T_COUNT entries) and returns the
     * numbers of the verdict (Verify.N_*).
     */
    static native long[] verify(byte[] payload, byte[][] payeeText, int[] payeeInts, long amount,
                                int currency, int kind, int parseFlags, byte[][] texts);
    /** vqr_scan_image: a handle to release with scanFree. */
    static native long scanImage(byte[] image, int flags, long maxPixels, int maxCodes);
    static native int scanCount(long h);
    /** {eci, converted, utf8, x0, y0, x1, y1, x2, y2, x3, y3, ecc, same_as}; bytes: payload, raw. */
    static native long[] scanCode(long h, int i, byte[][] bytes);
    static native void scanFree(long h);
    static native String scanDecoder();
}
