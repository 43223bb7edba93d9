package vn.vietqr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One object of a payload's tree (vqr_payload_object), with its children. */
public final class PayloadObject {
    private final int id;
    private final String tag;
    private final int depth;
    private final boolean template;
    private final boolean raw;
    private final String value;
    private final long offset;
    private final long charOffset;
    private final List<PayloadObject> children;

    /** Called by the native glue. */
    PayloadObject(int id, String tag, int depth, boolean template, boolean raw, byte[] value,
                  long offset, long charOffset, PayloadObject[] children) {
        this.id = id;
        this.tag = tag;
        this.depth = depth;
        this.template = template;
        this.raw = raw;
        this.value = value == null ? null : new String(value, StandardCharsets.UTF_8);
        this.offset = offset;
        this.charOffset = charOffset;
        this.children = Collections.unmodifiableList(Arrays.asList(children));
    }

    /** 0-99. */
    public int id() { return id; }
    /** Tag path like "38.01.00". */
    public String tag() { return tag; }
    /** 0 for a root object, 1 inside a template, 2 inside 38.01. */
    public int depth() { return depth; }
    /** Its value was read as sub-objects. */
    public boolean isTemplate() { return template; }
    /** A template ID whose value is kept raw (not a sequence of objects). */
    public boolean isRaw() { return raw; }
    /** The value; null for a template changed since parsing. */
    public String value() { return value; }
    /** Byte offset of its ID in the parsed input, or -1 if set later. */
    public long offset() { return offset; }
    /** The same in characters, or -1. */
    public long charOffset() { return charOffset; }
    /** Sub-objects in stored order (empty for a value). */
    public List<PayloadObject> children() { return children; }

    @Override
    public String toString() {
        return tag + "=" + value;
    }
}
