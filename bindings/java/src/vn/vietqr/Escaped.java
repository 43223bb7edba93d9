package vn.vietqr;

/** The outcome of Text.escape (vqr_text_escape). */
public final class Escaped {
    private final String text;
    private final long unsafe;

    Escaped(String text, long unsafe) {
        this.text = text;
        this.unsafe = unsafe;
    }

    /** The text as it can be shown: no control, bidirectional or invisible character. */
    public String text() { return text; }
    /** Characters shown escaped; warn the reader when it is not 0. */
    public long unsafe() { return unsafe; }

    @Override
    public String toString() {
        return text;
    }
}
