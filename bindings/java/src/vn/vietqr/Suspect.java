package vn.vietqr;

/** Text that imitates (enum vqr_suspect): each kind is one bit of the C flags. */
public enum Suspect {
    /** A letter of another script that looks Latin (Cyrillic "а", Greek "ο", fullwidth "Ａ"). */
    CONFUSABLE(1),
    /** An invisible character: zero-width space, joiners, soft hyphen, line separator. */
    INVISIBLE(2),
    /** A bidirectional control (U+202E right-to-left override, ...). */
    BIDI(4),
    /** A control character. */
    CONTROL(8),
    /** The code's name reads as an allowed payee's while it pays another account. */
    IMITATION(16);

    /** The bit of enum vqr_suspect. */
    public final int bit;

    Suspect(int bit) {
        this.bit = bit;
    }

    /** The C enum's value (its bit). */
    public int value() {
        return bit;
    }

    static Suspect of(int bit) {
        for (Suspect s : values())
            if (s.bit == bit)
                return s;
        throw new IllegalArgumentException("unknown suspect bit " + bit);
    }

    static java.util.EnumSet<Suspect> set(int bits) {
        java.util.EnumSet<Suspect> out = java.util.EnumSet.noneOf(Suspect.class);
        for (Suspect s : values())
            if ((bits & s.bit) != 0)
                out.add(s);
        return out;
    }
}
