package vn.vietqr;

/** The outcome of Text.fold (vqr_text_fold). */
public final class Folded {
    private final String text;
    private final long changed;

    Folded(String text, long changed) {
        this.text = text;
        this.changed = changed;
    }

    /** The folded text: printable ASCII. */
    public String text() { return text; }
    /** Characters folded (a letter with its marks counts once); 0 when nothing changed. */
    public long changed() { return changed; }

    @Override
    public String toString() {
        return text;
    }
}
