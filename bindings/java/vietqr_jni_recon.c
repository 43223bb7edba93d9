/*
 * vietqr_jni_recon.c - the JNI glue of payment references and
 * reconciliation (vn.vietqr.VietQR's reference methods, vn.vietqr.Reconciliation).
 * See vietqr_jni.h for the conventions. A reconciliation crosses as a
 * handle (the vqr_recon pointer as a long), released by reconFree.
 */
#include "vietqr_jni.h"

static vqr_recon *recon(JNIEnv *env, jlong h)
{
    if (!h) {
        jni_throw_class(env, "java/lang/IllegalStateException", "Reconciliation is closed");
        return NULL;
    }
    return (vqr_recon *)(uintptr_t)h;
}

/* A NUL-terminated copy of a byte[] that must not hold a NUL itself. */
static char *copy_text(JNIEnv *env, jbyteArray a, const char *what, size_t *len)
{
    char *s = jni_copy_bytes(env, a, what, len);
    if (s && memchr(s, '\0', *len)) {
        free(s);
        jni_throw_class(env, "java/lang/IllegalArgumentException", what);
        return NULL;
    }
    return s;
}

static jstring j_ref_make(JNIEnv *env, jclass cls, jbyteArray prefix, jlong sequence)
{
    (void)cls;
    size_t n;
    char *p = copy_text(env, prefix, "prefix", &n);
    if (!p)
        return NULL;
    if (sequence < 0 || sequence > UINT32_MAX) {
        free(p);
        jni_throw_status(env, sequence < 0 ? VQR_ERR_INVALID_ARGUMENT : VQR_ERR_REF_SEQUENCE, "");
        return NULL;
    }
    char buf[VQR_REF_BUF_SIZE];
    size_t len = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_ref_make(p, (uint32_t)sequence, buf, sizeof buf, &len, &err);
    free(p);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return NULL;
    }
    return jni_str(env, buf); /* ASCII */
}

static void j_ref_check(JNIEnv *env, jclass cls, jbyteArray text)
{
    (void)cls;
    size_t n;
    char *s = jni_copy_bytes(env, text, "reference", &n);
    if (!s)
        return;
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_ref_check(s, n, &err) != VQR_OK)
        jni_throw_error(env, &err, NULL);
    free(s);
}

/* Every occurrence, in order, as String[]. */
static jobjectArray j_ref_find(JNIEnv *env, jclass cls, jbyteArray memo, jbyteArray prefix)
{
    (void)cls;
    size_t n, pn;
    char *m = jni_copy_bytes(env, memo, "memo", &n);
    if (!m)
        return NULL;
    char *p = copy_text(env, prefix, "prefix", &pn);
    if (!p) {
        free(m);
        return NULL;
    }
    /* Two references overlap by at most their check characters (the next
     * prefix): one ends at least every prefix + six digits characters. */
    size_t cap = n / (VQR_REF_PREFIX_MIN + VQR_REF_DIGITS) + 1, count = 0;
    vqr_ref_match *out = malloc(cap * sizeof *out);
    jobjectArray arr = NULL;
    vqr_error err;
    VQR_INIT(&err);
    if (!out) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "references");
    } else if (vqr_ref_find(m, n, p, out, cap, &count, &err) != VQR_OK) {
        jni_throw_error(env, &err, NULL);
    } else {
        jclass scls = (*env)->FindClass(env, "java/lang/String");
        arr = scls ? (*env)->NewObjectArray(env, (jsize)count, scls, NULL) : NULL;
        for (size_t i = 0; arr && i < count; i++) {
            jstring s = jni_str(env, out[i].reference);
            if (!s) {
                arr = NULL;
                break;
            }
            (*env)->SetObjectArrayElement(env, arr, (jsize)i, s);
            (*env)->DeleteLocalRef(env, s);
        }
    }
    free(out);
    free(p);
    free(m);
    return arr;
}

static jlong j_recon_amount_parse(JNIEnv *env, jclass cls, jbyteArray text)
{
    (void)cls;
    size_t n;
    char *s = jni_copy_bytes(env, text, "amount", &n);
    if (!s)
        return 0;
    int64_t v = 0;
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_recon_amount_parse(s, n, &v, &err) != VQR_OK)
        jni_throw_error(env, &err, NULL);
    free(s);
    return (jlong)v;
}

static jlong j_recon_new(JNIEnv *env, jclass cls)
{
    (void)cls;
    vqr_recon *r = NULL;
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_recon_new(NULL, &r, &err) != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return 0;
    }
    return (jlong)(uintptr_t)r;
}

static void j_recon_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    vqr_recon_free((vqr_recon *)(uintptr_t)h);
}

static void j_recon_add_prefix(JNIEnv *env, jclass cls, jlong h, jbyteArray prefix)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    size_t n;
    char *p = r ? copy_text(env, prefix, "prefix", &n) : NULL;
    if (!p)
        return;
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_recon_add_prefix(r, p, &err) != VQR_OK)
        jni_throw_error(env, &err, NULL);
    free(p);
}

static jint j_recon_add_issued(JNIEnv *env, jclass cls, jlong h, jbyteArray ref, jlong amount,
                               jlong received)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    size_t n;
    char *s = r ? jni_copy_bytes(env, ref, "reference", &n) : NULL;
    if (!s)
        return -1;
    if (amount < 0 || received < 0) {
        free(s);
        jni_throw_class(env, "java/lang/IllegalArgumentException",
                        "an issued amount and what it received are not negative");
        return -1;
    }
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_recon_add_issued(r, s, n, (uint64_t)amount, (uint64_t)received, &err);
    free(s);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return -1;
    }
    return (jint)(vqr_recon_issued_count(r) - 1);
}

static jint j_recon_add_tx(JNIEnv *env, jclass cls, jlong h, jbyteArray id, jbyteArray date,
                           jlong amount, jbyteArray memo)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return -1;
    size_t idn = 0, dn = 0, mn = 0;
    char *i = jni_copy_bytes(env, id, "id", &idn);
    char *d = i ? jni_copy_bytes(env, date, "date", &dn) : NULL;
    char *m = d ? jni_copy_bytes(env, memo, "memo", &mn) : NULL;
    jint out = -1;
    if (m) {
        vqr_recon_tx tx;
        vqr_recon_tx_init(&tx, sizeof tx, NULL);
        tx.id = i;
        tx.id_len = idn;
        tx.date = d;
        tx.date_len = dn;
        tx.amount = (int64_t)amount;
        tx.memo = m;
        tx.memo_len = mn;
        size_t index = 0;
        vqr_error err;
        VQR_INIT(&err);
        if (vqr_recon_add_tx(r, &tx, &index, &err) != VQR_OK)
            jni_throw_error(env, &err, NULL);
        else
            out = (jint)index;
    }
    free(i);
    free(d);
    free(m);
    return out;
}

static void j_recon_run(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return;
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_recon_run(r, &err) != VQR_OK)
        jni_throw_error(env, &err, NULL);
}

static jintArray j_recon_order(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return NULL;
    size_t n = vqr_recon_tx_count(r);
    jint *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "order");
        return NULL;
    }
    vqr_error err;
    VQR_INIT(&err);
    for (size_t k = 0; k < n; k++) {
        size_t idx;
        if (vqr_recon_order(r, k, &idx, &err) != VQR_OK) {
            free(v);
            jni_throw_error(env, &err, NULL);
            return NULL;
        }
        v[k] = (jint)idx;
    }
    jintArray a = (*env)->NewIntArray(env, (jsize)n);
    if (a && n)
        (*env)->SetIntArrayRegion(env, a, 0, (jsize)n, v);
    free(v);
    return a;
}

/*
 * Result `index`: its numbers go into `out` (status, references, issued
 * index or -1, issued amount, amount, difference, repeat_of or -1), the
 * transaction's ID is returned as bytes.
 */
static jbyteArray j_recon_result(JNIEnv *env, jclass cls, jlong h, jint index, jlongArray out)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return NULL;
    if (!out || (*env)->GetArrayLength(env, out) < 7) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "result numbers");
        return NULL;
    }
    vqr_recon_result res;
    VQR_INIT(&res);
    vqr_error err;
    VQR_INIT(&err);
    if (index < 0 || vqr_recon_result_get(r, (size_t)index, &res, &err) != VQR_OK) {
        if (index < 0)
            jni_throw_status(env, VQR_ERR_NOT_FOUND, "");
        else
            jni_throw_error(env, &err, NULL);
        return NULL;
    }
    jlong v[7] = { (jlong)res.status,        (jlong)res.references, jni_pos(res.issued),
                   (jlong)res.issued_amount, (jlong)res.amount,     (jlong)res.difference,
                   jni_pos(res.repeat_of) };
    (*env)->SetLongArrayRegion(env, out, 0, 7, v);
    return jni_new_bytes(env, res.id, res.id_len);
}

static jobjectArray j_recon_tx_references(JNIEnv *env, jclass cls, jlong h, jint index)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return NULL;
    jclass scls = (*env)->FindClass(env, "java/lang/String");
    if (!scls)
        return NULL;
    size_t n = 0;
    char buf[VQR_REF_BUF_SIZE];
    while (index >= 0 && vqr_recon_tx_reference(r, (size_t)index, n, buf, NULL) == VQR_OK)
        n++;
    jobjectArray arr = (*env)->NewObjectArray(env, (jsize)n, scls, NULL);
    for (size_t k = 0; arr && k < n; k++) {
        vqr_recon_tx_reference(r, (size_t)index, k, buf, NULL);
        jstring s = jni_str(env, buf);
        if (!s)
            return NULL;
        (*env)->SetObjectArrayElement(env, arr, (jsize)k, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return arr;
}

/* Issued reference `index`: amount, received, outstanding, paid (0/1),
 * transactions into `out`; the reference returned. */
static jstring j_recon_issued(JNIEnv *env, jclass cls, jlong h, jint index, jlongArray out)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return NULL;
    if (!out || (*env)->GetArrayLength(env, out) < 5) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "issued numbers");
        return NULL;
    }
    vqr_recon_issued s;
    VQR_INIT(&s);
    vqr_error err;
    VQR_INIT(&err);
    if (index < 0 || vqr_recon_issued_get(r, (size_t)index, &s, &err) != VQR_OK) {
        if (index < 0)
            jni_throw_status(env, VQR_ERR_NOT_FOUND, "");
        else
            jni_throw_error(env, &err, NULL);
        return NULL;
    }
    jlong v[5] = { (jlong)s.amount, (jlong)s.received, (jlong)s.outstanding, s.paid ? 1 : 0,
                   (jlong)s.transactions };
    (*env)->SetLongArrayRegion(env, out, 0, 5, v);
    return jni_str(env, s.reference);
}

static jint j_recon_counts(JNIEnv *env, jclass cls, jlong h, jboolean issued)
{
    (void)cls;
    vqr_recon *r = recon(env, h);
    if (!r)
        return 0;
    return (jint)(issued ? vqr_recon_issued_count(r) : vqr_recon_tx_count(r));
}

static jstring j_match_name(JNIEnv *env, jclass cls, jint m)
{
    (void)cls;
    return jni_str(env, vqr_match_name((vqr_match)m));
}

jint jni_register_recon(JNIEnv *env, jclass cls)
{
    static const JNINativeMethod methods[] = {
        JNI_METHOD("refMake", "([BJ)Ljava/lang/String;", j_ref_make),
        JNI_METHOD("refCheck", "([B)V", j_ref_check),
        JNI_METHOD("refFind", "([B[B)[Ljava/lang/String;", j_ref_find),
        JNI_METHOD("reconAmountParse", "([B)J", j_recon_amount_parse),
        JNI_METHOD("reconNew", "()J", j_recon_new),
        JNI_METHOD("reconFree", "(J)V", j_recon_free),
        JNI_METHOD("reconAddPrefix", "(J[B)V", j_recon_add_prefix),
        JNI_METHOD("reconAddIssued", "(J[BJJ)I", j_recon_add_issued),
        JNI_METHOD("reconAddTx", "(J[B[BJ[B)I", j_recon_add_tx),
        JNI_METHOD("reconRun", "(J)V", j_recon_run),
        JNI_METHOD("reconOrder", "(J)[I", j_recon_order),
        JNI_METHOD("reconResult", "(JI[J)[B", j_recon_result),
        JNI_METHOD("reconTxReferences", "(JI)[Ljava/lang/String;", j_recon_tx_references),
        JNI_METHOD("reconIssued", "(JI[J)Ljava/lang/String;", j_recon_issued),
        JNI_METHOD("reconCount", "(JZ)I", j_recon_counts),
        JNI_METHOD("matchName", "(I)Ljava/lang/String;", j_match_name),
    };
    return (*env)->RegisterNatives(env, cls, methods, sizeof methods / sizeof methods[0]);
}
