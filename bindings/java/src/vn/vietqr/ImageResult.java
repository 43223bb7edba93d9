package vn.vietqr;

import java.util.Collections;
import java.util.List;

/**
 * The verdict of a photo ({@link VietQR#verifyImage}): NO_CODE, MULTIPLE_CODES
 * (two or more different codes: a sticker over a sticker), or the verdict
 * of its one code.
 */
public final class ImageResult {
    public final Verdict verdict;
    /** The verdict of each different code of the image. */
    public final List<VerifyResult> codes;
    /** Every code of the image, copies included. */
    public final List<ScannedCode> scanned;

    ImageResult(Verdict verdict, List<VerifyResult> codes, List<ScannedCode> scanned) {
        this.verdict = verdict;
        this.codes = Collections.unmodifiableList(codes);
        this.scanned = Collections.unmodifiableList(scanned);
    }

    public boolean ok() {
        return verdict == Verdict.OK;
    }
}
