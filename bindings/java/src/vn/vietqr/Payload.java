package vn.vietqr;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A parsed or built EMVCo MPM / VietQR payload. It owns native storage of
 * vqr_payload_sizeof() bytes, released by close() (or, if close() is never
 * called, when the object is collected). Methods are synchronized: one
 * Payload may be shared between threads. Using it after close() throws
 * IllegalStateException.
 *
 * <pre>
 * try (Payload p = Payload.parse(text)) {   // VietQR rules for a VietQR
 *     Profile used = p.profile();
 *     String purpose = p.get("62.08");
 *     p.set("54", "150000");
 *     String out = p.write(true);
 * }
 * </pre>
 */
public final class Payload implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** Frees the native storage once, from close() or the cleaner. */
    private static final class Storage implements Runnable {
        private final long handle;

        Storage(long handle) {
            this.handle = handle;
        }

        @Override
        public void run() {
            Native.payloadFree(handle);
        }
    }

    private long handle;
    private final Cleaner.Cleanable cleanable;

    /** An empty payload for building, with 00 = "01" (vqr_payload_init). */
    public Payload() {
        this(Native.payloadNew());
    }

    /** Owns the native storage behind a handle. */
    private Payload(long handle) {
        this.handle = handle;
        cleanable = CLEANER.register(this, new Storage(handle));
    }

    private static int flags(Profile profile) {
        return profile == null ? 0 : profile.flag();
    }

    /**
     * Parses and validates a payload (vqr_payload_parse) under a profile:
     * null for the default (the VietQR profile when the payload carries a
     * NAPAS 38 template, strict EMVCo otherwise), or one forced. Throws
     * VietQRException with the first error and every diagnostic.
     */
    public static Payload parse(byte[] data, Profile profile) {
        // One native call allocates and parses; a failed parse keeps nothing.
        return new Payload(Native.payloadParseBytes(data, flags(profile)));
    }

    /** Parses a payload given as text (sent to the library as UTF-8) under a profile. */
    public static Payload parse(String text, Profile profile) {
        if (text == null)
            return parse(Utf8.encode(text), profile); // the NullPointerException it always gave
        return new Payload(Native.payloadParseText(text, flags(profile)));
    }

    /** Parses in lenient mode when asked, else under the default profile. */
    public static Payload parse(byte[] data, boolean lenient) {
        return parse(data, lenient ? Profile.LENIENT : null);
    }

    /** Parses text in lenient mode when asked, else under the default profile. */
    public static Payload parse(String text, boolean lenient) {
        return parse(text, lenient ? Profile.LENIENT : null);
    }

    /** Parses under the default profile. */
    public static Payload parse(String text) {
        return parse(text, (Profile) null);
    }

    /**
     * The profile the last parse validated with, or null for a payload that
     * was built rather than parsed.
     */
    public synchronized Profile profile() {
        return Profile.of(Native.payloadProfile(h()));
    }

    private long h() {
        if (handle == 0)
            throw new IllegalStateException("Payload is closed");
        return handle;
    }

    private static byte[] path(String path) {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value at a tag path ("54", "62.08", "38.01.00"), or null when
     * absent. A malformed path, or a template changed since parsing, throws.
     */
    public synchronized String get(String path) {
        byte[] v = Native.payloadGet(h(), path(path));
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * Sets a value, creating parent templates ("62.08" creates 62). Throws
     * (e.g. VQR_ERR_LENGTH with limit()) and changes nothing when the value
     * does not fit the field.
     */
    public synchronized void set(String path, String value) {
        Native.payloadSet(h(), path(path), Utf8.encode(value));
    }

    /** Sets a value given as UTF-8 bytes. */
    public synchronized void set(String path, byte[] value) {
        Native.payloadSet(h(), path(path), value);
    }

    /** Removes the object at a tag path; false when there is none. */
    public synchronized boolean remove(String path) {
        return Native.payloadRemove(h(), path(path));
    }

    /**
     * Writes the payload with a fresh CRC: canonical (ascending IDs), or in
     * the order read with untouched objects byte for byte (keepOrder).
     */
    public synchronized String write(boolean keepOrder) {
        return new String(Native.payloadWrite(h(), keepOrder), StandardCharsets.UTF_8);
    }

    /** Writes canonically. */
    public String write() {
        return write(false);
    }

    /** Every diagnostic recorded by the last parse, in the order found. */
    public synchronized List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(Arrays.asList(Native.payloadDiagnostics(h())));
    }

    /** How many diagnostics the last parse found (the library keeps the first few). */
    public synchronized long diagnosticCount() {
        return Native.payloadDiagCounts(h())[0];
    }

    /** How many of them are errors. */
    public synchronized long errorCount() {
        return Native.payloadDiagCounts(h())[1];
    }

    /** How many of them are warnings. */
    public synchronized long warningCount() {
        return Native.payloadDiagCounts(h())[2];
    }

    /** The CRC of the last parse (vqr_payload_crc). */
    public synchronized CrcInfo crc() {
        return Native.payloadCrc(h());
    }

    /** The root objects in stored order, each with its children. */
    public synchronized List<PayloadObject> objects() {
        return Collections.unmodifiableList(Arrays.asList(Native.payloadObjects(h())));
    }

    /**
     * The VietQR view of this payload: network, bank, account, amount and
     * additional data (vqr_vietqr_read). Throws VietQRException, e.g.
     * VQR_ERR_NOT_VIETQR.
     */
    public synchronized VietQRInfo vietqr() {
        long h = h();
        // Allocated here rather than by the glue (cheaper); a view longer
        // than the guess (a few are) is read again into one long enough.
        byte[] view = new byte[VietQRInfo.GUESS];
        int n = Native.vietqrRead(h, view);
        if (n > view.length) {
            view = new byte[n];
            Native.vietqrRead(h, view);
        }
        return new VietQRInfo(view);
    }

    /** Fills this (empty) payload from VietQR fields (f: see VietQRBuilder). */
    synchronized VietQRReport buildVietQR(String[] f, int service, long amount, int currency,
                                          boolean strictText, boolean alnumAccount) {
        byte[] report = Native.vietqrBuild(h(), f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7],
                                           f[8], f[9], f[10], service, amount, currency,
                                           strictText, alnumAccount);
        return VietQRReport.read(report, 0);
    }

    /** Releases the native storage. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (handle != 0) {
            handle = 0;
            cleanable.clean();
        }
    }

    /** The payload as written in its original order, or a note why it cannot be. */
    @Override
    public synchronized String toString() {
        if (handle == 0)
            return "Payload(closed)";
        try {
            return write(true);
        } catch (VietQRException e) {
            return "Payload(" + e.name() + ")";
        }
    }
}
