package vn.vietqr;

/**
 * One error or warning found while parsing: a copy of a vqr_error.
 * Positions are -1 where the library reports none.
 */
public final class Diagnostic {
    private final int code;
    private final String name;
    private final Severity severity;
    private final long offset;
    private final long charOffset;
    private final String tag;
    private final String message;
    private final String messageVi;
    private final long limit;
    private final long relatedOffset;

    /** Called by the native glue. */
    Diagnostic(int code, String name, boolean warning, long offset, long charOffset, String tag,
               String message, String messageVi, long limit, long relatedOffset) {
        this.code = code;
        this.name = name;
        this.severity = warning ? Severity.WARNING : Severity.ERROR;
        this.offset = offset;
        this.charOffset = charOffset;
        this.tag = tag;
        this.message = message;
        this.messageVi = messageVi;
        this.limit = limit;
        this.relatedOffset = relatedOffset;
    }

    /** The status code (enum vqr_status). */
    public int code() { return code; }
    /** Its symbolic name, e.g. "VQR_ERR_CRC_MISMATCH". */
    public String name() { return name; }
    public Severity severity() { return severity; }
    public boolean isWarning() { return severity == Severity.WARNING; }
    /** Byte offset in the input, or -1. */
    public long offset() { return offset; }
    /** The same position in characters, or -1. */
    public long charOffset() { return charOffset; }
    /** Tag path like "62.08", or "" when not tied to an object. */
    public String tag() { return tag; }
    /** English message. */
    public String message() { return message; }
    /** Vietnamese message. */
    public String messageVi() { return messageVi; }
    /** The limit broken (a length, a size), else 0. */
    public long limit() { return limit; }
    /** For a duplicate ID, the offset of the first occurrence; else -1. */
    public long relatedOffset() { return relatedOffset; }

    @Override
    public String toString() {
        return name + " " + severity + " at " + offset + " (" + tag + "): " + message;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Diagnostic))
            return false;
        Diagnostic d = (Diagnostic) o;
        return code == d.code && severity == d.severity && offset == d.offset
            && charOffset == d.charOffset && tag.equals(d.tag) && limit == d.limit
            && relatedOffset == d.relatedOffset;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, severity, offset, charOffset, tag, limit, relatedOffset);
    }
}
