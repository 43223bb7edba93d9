package vn.vietqr;

import java.nio.charset.StandardCharsets;

/**
 * A payload read as a VietQR (vqr_vietqr_info, from Payload.vietqr()).
 * Strings are "" when absent.
 */
public final class VietQRInfo {
    private final Network network;
    private final int maiId;
    private final boolean bankKnown;
    private final Service service;
    private final boolean isStatic;
    private final boolean isDynamic;
    private final long amountMinor;
    private final int amountStatus;
    private final long currency;
    private final String[] s;

    /** Called by the glue: strings in the order of the accessors below. */
    VietQRInfo(int network, int maiId, boolean bankKnown, int service, boolean isStatic,
               boolean isDynamic, long amountMinor, int amountStatus, long currency,
               byte[][] strings) {
        this.network = Network.of(network);
        this.maiId = maiId;
        this.bankKnown = bankKnown;
        this.service = Service.of(service);
        this.isStatic = isStatic;
        this.isDynamic = isDynamic;
        this.amountMinor = amountMinor;
        this.amountStatus = amountStatus;
        this.currency = currency;
        this.s = new String[strings.length];
        for (int i = 0; i < strings.length; i++)
            s[i] = new String(strings[i], StandardCharsets.UTF_8);
    }

    public Network network() { return network; }
    /** The template read: 38, 26, ... */
    public int maiId() { return maiId; }
    /** Its GUID (sub-ID 00). */
    public String guid() { return s[0]; }
    /** BIN (38.01.00); "" for other networks. */
    public String bin() { return s[1]; }
    /** The bank directory knows the BIN. */
    public boolean bankKnown() { return bankKnown; }
    public String bankShortName() { return s[2]; }
    public String bankName() { return s[3]; }
    public String bankSwift() { return s[4]; }
    /** 38.01.01, or sub-ID 01 of another network's template. */
    public String account() { return s[5]; }
    public Service service() { return service; }
    /** 38.02 as written. */
    public String serviceCode() { return s[6]; }
    /** 01 is "11". */
    public boolean isStatic() { return isStatic; }
    /** 01 is "12". */
    public boolean isDynamic() { return isDynamic; }
    /** 54 as written. */
    public String amount() { return s[7]; }
    /** 54 in minor units; 0 when absent or unreadable (see amountStatus). */
    public long amountMinor() { return amountMinor; }
    /** VQR_OK (0), or the code saying why 54 could not be read. */
    public int amountStatus() { return amountStatus; }
    /** 53 as a number; 0 when absent. */
    public long currency() { return currency; }
    /** "VND"; "" when unknown. */
    public String currencyAlpha() { return s[8]; }
    public String country() { return s[9]; }
    public String mcc() { return s[10]; }
    public String merchantName() { return s[11]; }
    public String merchantCity() { return s[12]; }
    public String billNumber() { return s[13]; }
    public String store() { return s[14]; }
    public String reference() { return s[15]; }
    public String terminal() { return s[16]; }
    public String purpose() { return s[17]; }

    @Override
    public String toString() {
        return network + " " + bin() + " " + account() + " " + amount();
    }
}
