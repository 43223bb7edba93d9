package vn.vietqr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A libvietqr call failed. Carries the fields of the library's vqr_error:
 * code, name, byte and character offsets (-1 when none), tag path, English
 * and Vietnamese messages, the limit broken and, for a failed parse, every
 * diagnostic found.
 */
public class VietQRException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String name;
    private final long offset;
    private final long charOffset;
    private final String tag;
    private final String messageEn;
    private final String messageVi;
    private final long limit;
    private final long relatedOffset;
    private final List<Diagnostic> diagnostics;
    private final List<Bank> suggestions;

    /** Called by the native glue. */
    VietQRException(int code, String name, long offset, long charOffset, String tag,
                    String message, String messageVi, long limit, long relatedOffset,
                    Diagnostic[] diagnostics) {
        super(name + (offset >= 0 ? " at byte " + offset : "")
              + (tag.isEmpty() ? "" : " (tag " + tag + ")") + ": " + message);
        this.code = code;
        this.name = name;
        this.offset = offset;
        this.charOffset = charOffset;
        this.tag = tag;
        this.messageEn = message;
        this.messageVi = messageVi;
        this.limit = limit;
        this.relatedOffset = relatedOffset;
        this.diagnostics = diagnostics == null ? Collections.<Diagnostic>emptyList()
                                               : Collections.unmodifiableList(Arrays.asList(diagnostics));
        this.suggestions = Collections.<Bank>emptyList();
    }

    /** A copy of `e` that names the banks a query may mean. */
    private VietQRException(VietQRException e, List<Bank> suggestions) {
        super(e.getMessage() + hint(e.name, suggestions));
        this.code = e.code;
        this.name = e.name;
        this.offset = e.offset;
        this.charOffset = e.charOffset;
        this.tag = e.tag;
        this.messageEn = e.messageEn;
        this.messageVi = e.messageVi;
        this.limit = e.limit;
        this.relatedOffset = e.relatedOffset;
        this.diagnostics = e.diagnostics;
        this.suggestions = Collections.unmodifiableList(suggestions);
        setStackTrace(e.getStackTrace());
    }

    private static String hint(String name, List<Bank> banks) {
        if (banks.isEmpty())
            return "";
        StringBuilder b = new StringBuilder(name.equals("VQR_ERR_BANK_AMBIGUOUS") ? "; it names "
                                                                                  : "; did you mean ");
        for (int i = 0; i < banks.size(); i++) {
            if (i > 0)
                b.append(i + 1 < banks.size() ? ", "
                         : name.equals("VQR_ERR_BANK_AMBIGUOUS") ? " and " : " or ");
            b.append(banks.get(i).shortName()).append(" (").append(banks.get(i).bin()).append(')');
        }
        return b.append(name.equals("VQR_ERR_BANK_AMBIGUOUS") ? ": give the BIN" : "?").toString();
    }

    /** This exception with the banks a query may mean (see suggestions()). */
    VietQRException withSuggestions(List<Bank> banks) {
        return banks.isEmpty() ? this : new VietQRException(this, banks);
    }

    /** The status code (enum vqr_status). */
    public int code() { return code; }
    /** Its symbolic name, e.g. "VQR_ERR_CRC_MISMATCH". */
    public String name() { return name; }
    /** Byte offset of the offending object or byte, or -1. */
    public long offset() { return offset; }
    /** The same position in characters, or -1. */
    public long charOffset() { return charOffset; }
    /** Tag path like "62.08", or "". */
    public String tag() { return tag; }
    /** The library's English message (getMessage() adds name, offset and tag to it). */
    public String message() { return messageEn; }
    /** The library's Vietnamese message. */
    public String messageVi() { return messageVi; }
    /** The limit broken (a length, a size), else 0. */
    public long limit() { return limit; }
    /** For a duplicate ID, the offset of the first occurrence; else -1. */
    public long relatedOffset() { return relatedOffset; }
    /** Every diagnostic of a failed parse (empty for other calls). */
    public List<Diagnostic> diagnostics() { return diagnostics; }
    /**
     * For a bank the directory cannot resolve (VQR_ERR_BANK_UNKNOWN or
     * _AMBIGUOUS), the banks the query may mean, best first (at most three;
     * also named in getMessage()); empty otherwise.
     */
    public List<Bank> suggestions() { return suggestions; }
}
