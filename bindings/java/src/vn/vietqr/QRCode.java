package vn.vietqr;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An encoded QR code (vqr_qr), owned until close() (or, if close() is
 * never called, until collected). Images are copied out of the library's
 * memory, which is released with vqr_free at once. Methods are
 * synchronized; after close() they throw IllegalStateException.
 *
 * <pre>
 * try (QRCode qr = QRCode.encode(payloadText)) {
 *     byte[] png = qr.png(new RenderOptions().scale(8));
 * }
 * </pre>
 */
public final class QRCode implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private static final class Handle implements Runnable {
        private final long qr;

        Handle(long qr) {
            this.qr = qr;
        }

        @Override
        public void run() {
            Native.qrFree(qr);
        }
    }

    private long handle;
    private final Cleaner.Cleanable cleanable;
    private final int version;
    private final int width;
    private final Ecc ecc;
    private final boolean eci;

    private QRCode(long handle) {
        this.handle = handle;
        this.cleanable = CLEANER.register(this, new Handle(handle));
        int[] info = Native.qrInfo(handle);
        version = info[0];
        width = info[1];
        ecc = Ecc.of(info[2]);
        eci = info[3] != 0;
    }

    /**
     * Encodes a payload (as Payload.write produced it) in Byte mode, with
     * ECI 000026 when it holds non-ASCII text, in the smallest version
     * that holds it (vqr_qr_encode).
     */
    public static QRCode encode(byte[] payload, Ecc ecc) {
        return new QRCode(Native.qrEncode(payload, ecc.value()));
    }

    public static QRCode encode(String payload, Ecc ecc) {
        return encode(Utf8.encode(payload), ecc);
    }

    /** Encodes at the default level (M). */
    public static QRCode encode(String payload) {
        return encode(payload, Ecc.DEFAULT);
    }

    private long h() {
        if (handle == 0)
            throw new IllegalStateException("QRCode is closed");
        return handle;
    }

    /** 1-40. */
    public int version() { return version; }
    /** Modules per side without the quiet zone. */
    public int width() { return width; }
    /** The level used (never DEFAULT). */
    public Ecc ecc() { return ecc; }
    /** The code carries the ECI 000026 (UTF-8) header. */
    public boolean hasEci() { return eci; }

    /** Whether the module at column x, row y is dark (false outside the symbol). */
    public synchronized boolean module(int x, int y) {
        return Native.qrModule(h(), x, y);
    }

    /** The matrix, width * width bytes row by row: 1 dark, 0 light. */
    public synchronized byte[] modules() {
        return Native.qrModules(h());
    }

    private static RenderOptions or(RenderOptions o) {
        return o == null ? new RenderOptions() : o;
    }

    /** PNG bytes (vqr_render_png). */
    public synchronized byte[] png(RenderOptions options) {
        RenderOptions o = or(options);
        return Native.renderPng(h(), o.values(), o.titleBytes(), o.isInvert(), o.isAscii());
    }

    public byte[] png() {
        return png(null);
    }

    /** An SVG document (vqr_render_svg). */
    public synchronized String svg(RenderOptions options) {
        RenderOptions o = or(options);
        return new String(Native.renderSvg(h(), o.values(), o.titleBytes(), o.isInvert(), o.isAscii()),
                          StandardCharsets.UTF_8);
    }

    public String svg() {
        return svg(null);
    }

    /** Text for a terminal (vqr_render_term): half blocks, or "##" with ascii. */
    public synchronized String terminal(RenderOptions options) {
        RenderOptions o = or(options);
        return new String(Native.renderTerm(h(), o.values(), o.titleBytes(), o.isInvert(), o.isAscii()),
                          StandardCharsets.UTF_8);
    }

    public String terminal() {
        return terminal(null);
    }

    /** Writes the PNG to a file, whole or not at all (vqr_render_png_file). */
    public synchronized void savePng(Path path, RenderOptions options) {
        RenderOptions o = or(options);
        Native.renderPngFile(h(), o.values(), o.titleBytes(), path.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the SVG to a file, whole or not at all (vqr_render_svg_file). */
    public synchronized void saveSvg(Path path, RenderOptions options) {
        RenderOptions o = or(options);
        Native.renderSvgFile(h(), o.values(), o.titleBytes(), path.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The largest whole scale whose image, quiet zone included, printed at
     * dpi is at most targetMm wide (vqr_render_print_size).
     */
    public synchronized PrintSize printSize(double targetMm, int dpi, int quietZone) {
        return Native.printSize(h(), targetMm, dpi, quietZone);
    }

    /** Releases the code. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (handle != 0) {
            handle = 0;
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return "QRCode(version " + version + ", " + width + "x" + width + ", ECC " + ecc + ")";
    }
}
