package vn.vietqr;

/** Severity of a diagnostic (enum vqr_severity). */
public enum Severity {
    /** A rule violation that makes the parse fail. */
    ERROR,
    /** A rule violation accepted in lenient mode. */
    WARNING
}
