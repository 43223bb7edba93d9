package vn.vietqr;

/** A text field that folding changed while building (vqr_vietqr_change). */
public final class FoldedField {
    private final String tag;
    private final long changed;
    private final long chars;
    private final String text;

    FoldedField(String tag, long changed, long chars, String text) {
        this.tag = tag;
        this.changed = changed;
        this.chars = chars;
        this.text = text;
    }

    /** "59", "60", "62.01", ... */
    public String tag() { return tag; }
    /** Characters changed. */
    public long changed() { return changed; }
    /** Characters of the field as written. */
    public long chars() { return chars; }
    /** The field as written (ASCII): what bank apps will show. */
    public String text() { return text; }

    @Override
    public String toString() {
        return tag + "=" + text + " (" + changed + " changed)";
    }
}
