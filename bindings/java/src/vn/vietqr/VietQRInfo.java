package vn.vietqr;

/**
 * A payload read as a VietQR (vqr_vietqr_info, from Payload.vietqr()).
 * Strings are "" when absent.
 */
public final class VietQRInfo {
    // The glue's packed view (vietqr_jni_profile.c, j_vietqr_read): numbers
    // at fixed offsets, then the end of each string, then their bytes.
    private static final int ENDS = 36, DATA = ENDS + 2 * 18;
    /** Bytes that hold the packed view of most payloads. */
    static final int GUESS = 384;

    private final byte[] packed;
    private final Network network;
    private final Service service;
    /**
     * Each string made when first asked for (String is immutable: two
     * threads asking at once may each make an equal one).
     */
    private final String[] s = new String[18];

    /** Called with what Native.vietqrRead wrote (and maybe unused bytes after it). */
    VietQRInfo(byte[] packed) {
        this.packed = packed;
        this.network = Network.of(Packed.i32(packed, 0));
        this.service = Service.of(Packed.i32(packed, 8));
    }

    private String s(int k) {
        String v = s[k];
        if (v == null) {
            int from = k == 0 ? DATA : Packed.u16(packed, ENDS + 2 * (k - 1));
            v = Packed.utf8(packed, from, Packed.u16(packed, ENDS + 2 * k) - from);
            s[k] = v;
        }
        return v;
    }

    public Network network() { return network; }
    /** The template read: 38, 26, ... */
    public int maiId() { return Packed.i32(packed, 4); }
    /** Its GUID (sub-ID 00). */
    public String guid() { return s(0); }
    /** BIN (38.01.00); "" for other networks. */
    public String bin() { return s(1); }
    /** The bank directory knows the BIN. */
    public boolean bankKnown() { return packed[32] != 0; }
    public String bankShortName() { return s(2); }
    public String bankName() { return s(3); }
    public String bankSwift() { return s(4); }
    /** 38.01.01, or sub-ID 01 of another network's template. */
    public String account() { return s(5); }
    public Service service() { return service; }
    /** 38.02 as written. */
    public String serviceCode() { return s(6); }
    /** 01 is "11". */
    public boolean isStatic() { return packed[33] != 0; }
    /** 01 is "12". */
    public boolean isDynamic() { return packed[34] != 0; }
    /** 54 as written. */
    public String amount() { return s(7); }
    /** 54 in minor units; 0 when absent or unreadable (see amountStatus). */
    public long amountMinor() { return Packed.i64(packed, 16); }
    /** VQR_OK (0), or the code saying why 54 could not be read. */
    public int amountStatus() { return Packed.i32(packed, 12); }
    /** 53 as a number; 0 when absent. */
    public long currency() { return Packed.i64(packed, 24); }
    /** "VND"; "" when unknown. */
    public String currencyAlpha() { return s(8); }
    public String country() { return s(9); }
    public String mcc() { return s(10); }
    public String merchantName() { return s(11); }
    public String merchantCity() { return s(12); }
    public String billNumber() { return s(13); }
    public String store() { return s(14); }
    public String reference() { return s(15); }
    public String terminal() { return s(16); }
    public String purpose() { return s(17); }

    @Override
    public String toString() {
        return network() + " " + bin() + " " + account() + " " + amount();
    }
}
