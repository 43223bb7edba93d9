package vn.vietqr;

/** Where a suspicious character (or a borrowed name) was found (struct vqr_suspect_mark). */
public final class SuspectMark {
    /** What it is. */
    public final Suspect kind;
    /** The character's code point; -1 for {@link Suspect#IMITATION}. */
    public final int codepoint;
    /** {@link Suspect#CONFUSABLE}: the Latin letter it imitates; 0 otherwise. */
    public final char looksLike;
    /** Byte offset in the payload, or -1. */
    public final long offset;
    /** The object that holds it ("59", "62.08"), or "". */
    public final String tag;

    SuspectMark(Suspect kind, int codepoint, char looksLike, long offset, String tag) {
        this.kind = kind;
        this.codepoint = codepoint;
        this.looksLike = looksLike;
        this.offset = offset;
        this.tag = tag;
    }

    @Override
    public String toString() {
        return kind + (codepoint >= 0 ? String.format(" U+%04X", codepoint) : "")
            + (tag.isEmpty() ? "" : " in " + tag);
    }
}
