package vn.vietqr;

/**
 * A validation profile (enum vqr_profile): the rules a parse checks on top
 * of the EMVCo structure. Payload.parse(text) chooses VIETQR for a payload
 * that carries a NAPAS 38 template and EMVCO otherwise;
 * Payload.parse(text, profile) forces one.
 */
public enum Profile {
    /** Strict EMVCo MPM v1.1: every rule violation is an error. */
    EMVCO(1, 1 << 1),
    /** NAPAS 247 (VietQR) on the EMVCo structure: 52, 59, 60 optional, 38 checked. */
    VIETQR(2, 1 << 2),
    /** EMVCo, with the rules real payloads break reported as warnings. */
    LENIENT(3, 1 << 0);

    private final int code;
    private final int flag;

    Profile(int code, int flag) {
        this.code = code;
        this.flag = flag;
    }

    /** The value of enum vqr_profile. */
    public int code() {
        return code;
    }

    /** The vqr_parse_flags bit that forces it. */
    int flag() {
        return flag;
    }

    /** How the library and the tool spell it: "emvco", "vietqr", "lenient". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The profile of a vqr_profile value, or null for VQR_PROFILE_NONE. */
    static Profile of(int code) {
        for (Profile p : values())
            if (p.code == code)
                return p;
        return null;
    }
}
