package vn.vietqr;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What {@link VietQR#verify} said of one payload (struct vqr_verdict). */
public final class VerifyResult {
    /** The verdict. */
    public final Verdict verdict;
    /** Index of the allowed payee the code pays (OK, AMOUNT_MISMATCH), or -1. */
    public final int payee;
    /** That payee's label, or null. */
    public final String payeeLabel;
    /** Index of the payee whose name the code borrows ({@link Suspect#IMITATION}), or -1. */
    public final int imitated;
    /** Who the code pays, as far as it could be read. */
    public final Network network;
    public final Service service;
    public final String bin;
    /** The bank's short name from the directory, or "". */
    public final String bank;
    public final boolean bankKnown;
    /** 38.01.01, or a VNPAY-QR merchant ID. */
    public final String account;
    public final String guid;
    public final boolean isStatic;
    public final boolean isDynamic;
    /** 54 in minor units; 0 when none. */
    public final long amount;
    /** 53; 0 when unknown. */
    public final int currency;
    /** 59 */
    public final String merchantName;
    /** 64.01, the name in Vietnamese */
    public final String merchantNameAlt;
    /** 62.08 */
    public final String purpose;
    /** {@link Verdict#INVALID}: why; null otherwise. */
    public final Diagnostic error;
    /** The kinds of imitating text found, whatever the verdict. */
    public final Set<Suspect> suspects;
    /** The first suspicious characters (at most 8), in payload order. */
    public final List<SuspectMark> marks;
    /** How many were found (may exceed marks.size()). */
    public final long suspectCount;

    VerifyResult(Verdict verdict, int payee, String payeeLabel, int imitated, Network network,
                 Service service, String bin, String bank, boolean bankKnown, String account,
                 String guid, boolean isStatic, boolean isDynamic, long amount, int currency,
                 String merchantName, String merchantNameAlt, String purpose, Diagnostic error,
                 EnumSet<Suspect> suspects, List<SuspectMark> marks, long suspectCount) {
        this.verdict = verdict;
        this.payee = payee;
        this.payeeLabel = payeeLabel;
        this.imitated = imitated;
        this.network = network;
        this.service = service;
        this.bin = bin;
        this.bank = bank;
        this.bankKnown = bankKnown;
        this.account = account;
        this.guid = guid;
        this.isStatic = isStatic;
        this.isDynamic = isDynamic;
        this.amount = amount;
        this.currency = currency;
        this.merchantName = merchantName;
        this.merchantNameAlt = merchantNameAlt;
        this.purpose = purpose;
        this.error = error;
        this.suspects = Collections.unmodifiableSet(suspects);
        this.marks = Collections.unmodifiableList(marks);
        this.suspectCount = suspectCount;
    }

    /** The verdict is OK. */
    public boolean ok() {
        return verdict == Verdict.OK;
    }
}
