package vn.vietqr;

/** What QRCode.printSize chose (vqr_print_size). */
public final class PrintSize {
    private final int scale;
    private final int pixels;
    private final double moduleMm;
    private final double symbolMm;
    private final double totalMm;

    PrintSize(int scale, int pixels, double moduleMm, double symbolMm, double totalMm) {
        this.scale = scale;
        this.pixels = pixels;
        this.moduleMm = moduleMm;
        this.symbolMm = symbolMm;
        this.totalMm = totalMm;
    }

    /** Pixels per module: pass it to RenderOptions.scale. */
    public int scale() { return scale; }
    /** Image side in pixels, quiet zone included. */
    public int pixels() { return pixels; }
    /** Printed side of one module, in millimetres. */
    public double moduleMm() { return moduleMm; }
    /** Printed side of the symbol without the quiet zone. */
    public double symbolMm() { return symbolMm; }
    /** Printed side of the whole image. */
    public double totalMm() { return totalMm; }
}
