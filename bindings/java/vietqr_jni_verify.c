/*
 * vietqr_jni_verify.c - JNI glue for vqr_verify (class vn.vietqr.Verify)
 * and for libvietqr-scan (class vn.vietqr.Scan), when the glue is built
 * with it (VQR_HAVE_SCAN; otherwise the scan methods throw
 * UnsupportedOperationException).
 *
 * Results cross as primitive arrays that the Java side turns into objects:
 * the glue makes no object of its own classes here, so there is nothing
 * more to look up in JNI_OnLoad.
 */
#include "vietqr_jni.h"

#ifdef VQR_HAVE_SCAN
#include "vietqr-scan.h"
#endif

/* Texts of a verdict, in the order of vn.vietqr.Verify.T_*. */
enum {
    T_BIN,
    T_ACCOUNT,
    T_GUID,
    T_BANK,
    T_NAME,
    T_NAME_ALT,
    T_PURPOSE,
    T_ERR_NAME,
    T_ERR_TAG,
    T_ERR_MESSAGE,
    T_ERR_MESSAGE_VI,
    T_MARK_TAGS, /* VQR_VERIFY_MARKS tags from here */
    T_COUNT = T_MARK_TAGS + VQR_VERIFY_MARKS
};

/* Numbers of a verdict, in the order of vn.vietqr.Verify.N_*. */
enum {
    N_VERDICT,
    N_SUSPECTS,
    N_PAYEE,
    N_IMITATED,
    N_NETWORK,
    N_SERVICE,
    N_BANK_KNOWN,
    N_STATIC,
    N_DYNAMIC,
    N_AMOUNT,
    N_CURRENCY,
    N_ERR_CODE,
    N_ERR_OFFSET,
    N_ERR_CHAR_OFFSET,
    N_MARK_COUNT,
    N_MARKS, /* kind, codepoint, looks_like, offset for each mark kept */
    N_COUNT = N_MARKS + 4 * VQR_VERIFY_MARKS
};

static bool set_text(JNIEnv *env, jobjectArray out, int i, const char *s)
{
    jbyteArray b = jni_new_bytes(env, s, strlen(s));
    if (!b)
        return false;
    (*env)->SetObjectArrayElement(env, out, i, b);
    (*env)->DeleteLocalRef(env, b);
    return !(*env)->ExceptionCheck(env);
}

/* vqr_verify and the arrays of its verdict, or NULL with an exception pending. */
static jlongArray verify_call(JNIEnv *env, const char *data, size_t len, const vqr_payee *list,
                              size_t n, jlong amount, jint currency, jint kind, jint parse_flags,
                              jobjectArray texts)
{
    vqr_verify_options o;
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.amount = (uint64_t)amount;
    o.currency = (unsigned)currency;
    o.kind = (vqr_verify_kind)kind;
    o.parse_flags = (unsigned)parse_flags;
    vqr_verdict v;
    VQR_INIT(&v);
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_verify(data, len, n ? list : NULL, n, &o, &v, &e) != VQR_OK) {
        jni_throw_error(env, &e, NULL);
        return NULL;
    }
    const char *t[T_MARK_TAGS] = { v.bin,
                                   v.account,
                                   v.guid,
                                   v.bank_short_name,
                                   v.merchant_name,
                                   v.merchant_name_alt,
                                   v.purpose,
                                   v.error.name,
                                   v.error.tag,
                                   v.error.message,
                                   v.error.message_vi };
    for (int i = 0; i < T_MARK_TAGS; i++)
        if (!set_text(env, texts, i, t[i] ? t[i] : ""))
            return NULL;
    jlong num[N_COUNT] = { 0 };
    num[N_VERDICT] = v.verdict;
    num[N_SUSPECTS] = v.suspects;
    num[N_PAYEE] = jni_pos(v.payee);
    num[N_IMITATED] = jni_pos(v.imitated);
    num[N_NETWORK] = v.network;
    num[N_SERVICE] = v.service;
    num[N_BANK_KNOWN] = v.bank_known;
    num[N_STATIC] = v.is_static;
    num[N_DYNAMIC] = v.is_dynamic;
    num[N_AMOUNT] = (jlong)v.amount;
    num[N_CURRENCY] = v.currency;
    num[N_ERR_CODE] = v.error.code;
    num[N_ERR_OFFSET] = jni_pos(v.error.offset);
    num[N_ERR_CHAR_OFFSET] = jni_pos(v.error.char_offset);
    num[N_MARK_COUNT] = (jlong)v.mark_count;
    for (size_t i = 0; i < v.mark_count && i < VQR_VERIFY_MARKS; i++) {
        const vqr_suspect_mark *m = &v.marks[i];
        num[N_MARKS + 4 * i] = m->kind;
        num[N_MARKS + 4 * i + 1] = m->codepoint;
        num[N_MARKS + 4 * i + 2] = (unsigned char)m->looks_like;
        num[N_MARKS + 4 * i + 3] = jni_pos(m->offset);
        if (!set_text(env, texts, T_MARK_TAGS + (int)i, m->tag))
            return NULL;
    }
    jlongArray result = (*env)->NewLongArray(env, N_COUNT);
    if (result)
        (*env)->SetLongArrayRegion(env, result, 0, N_COUNT, num);
    return result;
}

/* payeeText: bin, account, name for each payee (null for absent);
 * payeeInts: network, service for each. */
static jlongArray j_verify(JNIEnv *env, jclass cls, jbyteArray payload, jobjectArray payee_text,
                           jintArray payee_ints, jlong amount, jint currency, jint kind,
                           jint parse_flags, jobjectArray texts)
{
    (void)cls;
    if (!payee_text || !payee_ints || !texts) {
        jni_throw_class(env, "java/lang/NullPointerException", "verify");
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, payee_ints) / 2;
    if ((*env)->GetArrayLength(env, payee_text) != 3 * n ||
        (*env)->GetArrayLength(env, texts) < T_COUNT) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "verify: array lengths");
        return NULL;
    }
    if (!jni_range(env, amount, 0, JNI_LONG_MAX, "amount") ||
        !jni_range(env, currency, 0, 999, "currency") || !jni_range(env, kind, 0, 2, "kind") ||
        !jni_range(env, parse_flags, 0, JNI_UINT_MAX, "profile flags"))
        return NULL;
    size_t len;
    char *data = jni_copy_bytes(env, payload, "payload", &len);
    if (!data)
        return NULL;
    vqr_payee *list = calloc((size_t)n + 1, sizeof *list);
    char **strs = calloc(3 * (size_t)n + 1, sizeof *strs);
    jint *ints = (*env)->GetIntArrayElements(env, payee_ints, NULL);
    jlongArray result = NULL;
    if (!list || !strs || !ints) {
        if (!(*env)->ExceptionCheck(env))
            jni_throw_class(env, "java/lang/OutOfMemoryError", "verify");
        goto done;
    }
    for (jsize i = 0; i < n; i++) {
        vqr_payee_init(&list[i], sizeof list[i], NULL);
        for (int k = 0; k < 3; k++) {
            jbyteArray b = (jbyteArray)(*env)->GetObjectArrayElement(env, payee_text, 3 * i + k);
            if (b) {
                size_t bl;
                strs[3 * i + k] = jni_copy_bytes(env, b, "payee", &bl);
                (*env)->DeleteLocalRef(env, b);
                if (!strs[3 * i + k])
                    goto done;
            }
        }
        list[i].network = (vqr_network)ints[2 * i];
        list[i].service = (vqr_service)ints[2 * i + 1];
        list[i].bin = strs[3 * i];
        list[i].account = strs[3 * i + 1];
        list[i].name = strs[3 * i + 2];
    }
    result =
        verify_call(env, data, len, list, (size_t)n, amount, currency, kind, parse_flags, texts);
done:
    if (ints)
        (*env)->ReleaseIntArrayElements(env, payee_ints, ints, JNI_ABORT);
    for (jsize i = 0; strs && i < 3 * n; i++)
        free(strs[i]);
    free(strs);
    free(list);
    free(data);
    return result;
}

#ifdef VQR_HAVE_SCAN

static jlong j_scan_image(JNIEnv *env, jclass cls, jbyteArray image, jint flags, jlong max_pixels,
                          jint max_codes)
{
    (void)cls;
    if (!jni_range(env, flags, 0, 1, "scan flags") ||
        !jni_range(env, max_pixels, 1, (jlong)(SIZE_MAX / 4), "maxPixels") ||
        !jni_range(env, max_codes, 1, 255, "maxCodes"))
        return 0;
    size_t len;
    char *data = jni_copy_bytes(env, image, "image", &len);
    if (!data)
        return 0;
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, NULL);
    o.flags = (unsigned)flags;
    o.max_pixels = (size_t)max_pixels;
    o.max_codes = (unsigned)max_codes;
    vqr_scan_result *r = NULL;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_scan_image(data, len, &o, &r, &e);
    free(data);
    if (st != VQR_OK) {
        jni_throw_error(env, &e, NULL);
        return 0;
    }
    return (jlong)(uintptr_t)r;
}

static jint j_scan_count(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    return (jint)vqr_scan_count((const vqr_scan_result *)(uintptr_t)h);
}

/* {eci, converted, utf8, x0, y0, x1, y1, x2, y2, x3, y3, ecc, same_as};
 * bytes[0] the payload, bytes[1] the raw bytes. */
static jlongArray j_scan_code(JNIEnv *env, jclass cls, jlong h, jint i, jobjectArray bytes)
{
    (void)cls;
    if (!h || !bytes || (*env)->GetArrayLength(env, bytes) < 2) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "scanCode");
        return NULL;
    }
    vqr_scan_code c;
    VQR_INIT(&c);
    vqr_error e;
    VQR_INIT(&e);
    if (!jni_range(env, i, 0, INT32_MAX, "index"))
        return NULL;
    if (vqr_scan_get((const vqr_scan_result *)(uintptr_t)h, (size_t)i, &c, &e) != VQR_OK) {
        jni_throw_error(env, &e, NULL);
        return NULL;
    }
    jbyteArray d = jni_new_bytes(env, c.data, c.len);
    jbyteArray raw = d ? jni_new_bytes(env, (const char *)c.raw, c.raw_len) : NULL;
    if (!raw)
        return NULL;
    (*env)->SetObjectArrayElement(env, bytes, 0, d);
    (*env)->SetObjectArrayElement(env, bytes, 1, raw);
    jlong v[13] = { c.eci,           c.converted,    c.utf8,         c.corners[0].x,
                    c.corners[0].y,  c.corners[1].x, c.corners[1].y, c.corners[2].x,
                    c.corners[2].y,  c.corners[3].x, c.corners[3].y, (unsigned char)c.ecc,
                    (jlong)c.same_as };
    jlongArray a = (*env)->NewLongArray(env, 13);
    if (a)
        (*env)->SetLongArrayRegion(env, a, 0, 13, v);
    return a;
}

static void j_scan_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    vqr_scan_free((vqr_scan_result *)(uintptr_t)h);
}

static jstring j_scan_decoder(JNIEnv *env, jclass cls)
{
    (void)cls;
    return jni_str(env, vqr_scan_decoder());
}

#else /* !VQR_HAVE_SCAN */

static void no_scan(JNIEnv *env)
{
    jni_throw_class(env, "java/lang/UnsupportedOperationException",
                    "this binding was built without libvietqr-scan");
}

static jlong j_scan_image(JNIEnv *env, jclass cls, jbyteArray image, jint flags, jlong max_pixels,
                          jint max_codes)
{
    (void)cls;
    (void)image;
    (void)flags;
    (void)max_pixels;
    (void)max_codes;
    no_scan(env);
    return 0;
}

static jint j_scan_count(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    (void)h;
    no_scan(env);
    return 0;
}

static jlongArray j_scan_code(JNIEnv *env, jclass cls, jlong h, jint i, jobjectArray bytes)
{
    (void)cls;
    (void)h;
    (void)i;
    (void)bytes;
    no_scan(env);
    return NULL;
}

static void j_scan_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    (void)h;
}

static jstring j_scan_decoder(JNIEnv *env, jclass cls)
{
    (void)cls;
    no_scan(env);
    return NULL;
}

#endif /* VQR_HAVE_SCAN */

static const JNINativeMethod k_methods[] = {
    JNI_METHOD("verify", "([B[[B[IJIII[[B)[J", j_verify),
    JNI_METHOD("scanImage", "([BIJI)J", j_scan_image),
    JNI_METHOD("scanCount", "(J)I", j_scan_count),
    JNI_METHOD("scanCode", "(JI[[B)[J", j_scan_code),
    JNI_METHOD("scanFree", "(J)V", j_scan_free),
    JNI_METHOD("scanDecoder", "()Ljava/lang/String;", j_scan_decoder),
};

jint jni_register_verify(JNIEnv *env, jclass cls)
{
    return (*env)->RegisterNatives(env, cls, k_methods,
                                   (jint)(sizeof k_methods / sizeof k_methods[0]));
}
