package vn.vietqr;

/**
 * How to draw a QR code (vqr_render_options). Unset values take the
 * library's defaults: scale 4, quiet zone 4, black on white, 300 dpi, no
 * title. The library checks the ranges (VQR_ERR_INVALID_ARGUMENT).
 */
public final class RenderOptions {
    private final int[] values = {-1, -1, -1, -1, -1}; // scale, quiet, fg, bg, dpi; -1 = default
    private String title;
    private boolean invert;
    private boolean ascii;

    private RenderOptions set(int i, int v, String what) {
        if (v < 0)
            throw new IllegalArgumentException(what + " must not be negative");
        values[i] = v;
        return this;
    }

    /** Pixels per module (PNG) or SVG units per module, 1-1024. */
    public RenderOptions scale(int scale) { return set(0, scale, "scale"); }
    /** Light border in modules on each side, 0-64. */
    public RenderOptions quietZone(int modules) { return set(1, modules, "quiet zone"); }
    /** Dark modules, 0xRRGGBB. */
    public RenderOptions foreground(int rgb) { return set(2, rgb, "foreground"); }
    /** Light modules and quiet zone, 0xRRGGBB. */
    public RenderOptions background(int rgb) { return set(3, rgb, "background"); }
    /** PNG resolution in dots per inch, or 0 for none. */
    public RenderOptions dpi(int dpi) { return set(4, dpi, "dpi"); }

    /** SVG title (escaped by the library). */
    public RenderOptions title(String title) {
        this.title = title;
        return this;
    }

    /** Terminal: paint the dark modules (for dark text on a light background). */
    public RenderOptions invert(boolean invert) {
        this.invert = invert;
        return this;
    }

    /** Terminal: "##" and two spaces per module instead of half blocks. */
    public RenderOptions ascii(boolean ascii) {
        this.ascii = ascii;
        return this;
    }

    int[] values() { return values.clone(); }
    byte[] titleBytes() { return title == null ? null : Utf8.encode(title); }
    boolean isInvert() { return invert; }
    boolean isAscii() { return ascii; }
}
