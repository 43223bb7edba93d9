package vn.vietqr;

/**
 * The native methods, implemented in bindings/java/vietqr_jni.c and
 * registered by its JNI_OnLoad. The JNI library is loaded from the path in
 * the system property "vietqr.jni.library", else the environment variable
 * VIETQR_JNI_LIB, else by name ("vietqr_jni") from java.library.path.
 * JNI_OnLoad refuses a libvietqr of another ABI major than the one the glue
 * was compiled against.
 */
final class Native {
    private Native() {}

    static {
        String path = System.getProperty("vietqr.jni.library");
        if (path == null || path.isEmpty())
            path = System.getenv("VIETQR_JNI_LIB");
        if (path != null && !path.isEmpty())
            System.load(path);
        else
            System.loadLibrary("vietqr_jni");
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
    /** flags: vqr_parse_flags (0: the default profile). */
    static native void payloadParse(long p, byte[] data, int flags);
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
    /** fields: see VietQRBuilder; service and currency -1 for the library's default. */
    static native VietQRReport vietqrBuild(long p, byte[][] fields, int service, long amount,
                                           int currency, boolean strictText, boolean alnumAccount);
    static native VietQRResult vietqrWrite(byte[][] fields, int service, long amount, int currency,
                                           boolean strictText, boolean alnumAccount);
    static native VietQRInfo vietqrRead(long p);

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
