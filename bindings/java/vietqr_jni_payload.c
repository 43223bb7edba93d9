/*
 * vietqr_jni_payload.c - JNI glue for the core codec: version, status
 * names and messages, CRC, and vn.vietqr.Payload (parse, diagnostics, get,
 * set, remove, write, the object tree). A payload is a malloc'd block of
 * vqr_payload_sizeof() bytes (malloc aligns it for any type) held by
 * Payload as a long.
 */
#include "vietqr_jni.h"

#define OBJ_CLASS "vn/vietqr/PayloadObject"
#define OBJ_CTOR "(ILjava/lang/String;IZZ[BJJ[L" OBJ_CLASS ";)V"

/* Longest tag path accepted from Java ("38.01.00" is 8). */
#define PATH_MAX_LEN 15

/*
 * Copies a byte[] tag path into `out` as a C string. A path the library
 * could never read (too long, an embedded NUL) is VQR_ERR_BAD_PATH here,
 * so nothing is cut short. Returns false with an exception thrown.
 */
static bool get_path(JNIEnv *env, jbyteArray path, char out[PATH_MAX_LEN + 1])
{
    if (!path) {
        jni_throw_class(env, "java/lang/NullPointerException", "path");
        return false;
    }
    jsize n = (*env)->GetArrayLength(env, path);
    if (n > PATH_MAX_LEN) {
        jni_throw_status(env, VQR_ERR_BAD_PATH, "");
        return false;
    }
    (*env)->GetByteArrayRegion(env, path, 0, n, (jbyte *)out);
    out[n] = '\0';
    if (memchr(out, '\0', (size_t)n)) {
        jni_throw_status(env, VQR_ERR_BAD_PATH, "");
        return false;
    }
    return true;
}

/* --- library-wide ------------------------------------------------------ */

static jlong j_version(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jlong)vqr_version();
}

static jstring j_version_string(JNIEnv *env, jclass cls)
{
    (void)cls;
    return jni_str(env, vqr_version_string());
}

static jstring j_status_name(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return jni_str(env, vqr_status_name((vqr_status)code));
}

static jstring j_strerror(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return jni_str(env, vqr_strerror((vqr_status)code));
}

static jstring j_strerror_vi(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return jni_str(env, vqr_strerror_vi((vqr_status)code));
}

static jint j_crc16(JNIEnv *env, jclass cls, jbyteArray data)
{
    (void)cls;
    size_t n;
    char *b = jni_copy_bytes(env, data, "data", &n);
    if (!b)
        return 0;
    uint16_t crc = vqr_crc16(b, n);
    free(b);
    return (jint)crc;
}

static jobject j_crc_check(JNIEnv *env, jclass cls, jbyteArray payload)
{
    (void)cls;
    size_t n;
    char *b = jni_copy_bytes(env, payload, "payload", &n);
    if (!b)
        return NULL;
    char expected[5] = "";
    vqr_status st = vqr_crc_check(b, n, expected, NULL);
    free(b);
    jclass c = jni_class(JNI_C_CRC_CHECK);
    if (!c)
        return NULL;
    jmethodID ctor = jni_ctor(JNI_C_CRC_CHECK);
    if (!ctor)
        return NULL;
    jstring name = jni_str(env, vqr_status_name(st)), exp = jni_str(env, expected);
    if ((*env)->ExceptionCheck(env))
        return NULL;
    return (*env)->NewObject(env, c, ctor, (jboolean)(st == VQR_OK), (jint)st, name, exp);
}

/* --- payloads ---------------------------------------------------------- */

static jlong j_payload_new(JNIEnv *env, jclass cls)
{
    (void)cls;
    vqr_payload *p = malloc(vqr_payload_sizeof());
    if (!p) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "vqr_payload");
        return 0;
    }
    vqr_payload_init(p);
    return (jlong)(uintptr_t)p;
}

static void j_payload_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    free((vqr_payload *)(uintptr_t)h);
}

/* Input up to this many bytes is copied to the stack, longer input to the heap. */
#define PARSE_STACK 4096

/*
 * A new payload (vqr_payload_init) with `n` bytes parsed into it: its
 * handle, or 0 with VietQRException (the first error and every
 * diagnostic) or OutOfMemoryError thrown, and nothing kept.
 */
static jlong parse_new(JNIEnv *env, const char *b, size_t n, jint flags)
{
    vqr_payload *p = malloc(vqr_payload_sizeof());
    if (!p) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "vqr_payload");
        return 0;
    }
    vqr_payload_init(p);
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_payload_parse(p, b, n, (unsigned)flags, &err) != VQR_OK) {
        jni_throw_error(env, &err, p);
        free(p);
        return 0;
    }
    return (jlong)(uintptr_t)p;
}

static jlong j_payload_parse_bytes(JNIEnv *env, jclass cls, jbyteArray data, jint flags)
{
    (void)cls;
    if (!data) {
        jni_throw_class(env, "java/lang/NullPointerException", "data");
        return 0;
    }
    jsize n = (*env)->GetArrayLength(env, data);
    if (n <= PARSE_STACK) {
        char stack[PARSE_STACK];
        (*env)->GetByteArrayRegion(env, data, 0, n, (jbyte *)stack);
        return parse_new(env, stack, (size_t)n, flags);
    }
    size_t len;
    char *b = jni_copy_bytes(env, data, "data", &len);
    if (!b)
        return 0;
    jlong h = parse_new(env, b, len, flags);
    free(b);
    return h;
}

static jlong j_payload_parse_text(JNIEnv *env, jclass cls, jstring text, jint flags)
{
    (void)cls;
    char stack[PARSE_STACK];
    size_t n;
    char *b = jni_string_utf8(env, text, "text", stack, sizeof stack, &n);
    if (!b)
        return 0;
    jlong h = parse_new(env, b, n, flags);
    if (b != stack)
        free(b);
    return h;
}

static jint j_payload_profile(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    return p ? (jint)vqr_payload_profile(p) : 0;
}

static jobjectArray j_payload_diagnostics(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    return p ? jni_diagnostics(env, p) : NULL;
}

static jlongArray j_payload_diag_counts(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    jlong v[3] = {
        (jlong)vqr_payload_diag_count(p),
        (jlong)vqr_payload_diag_count_severity(p, VQR_SEVERITY_ERROR),
        (jlong)vqr_payload_diag_count_severity(p, VQR_SEVERITY_WARNING),
    };
    jlongArray a = (*env)->NewLongArray(env, 3);
    if (a)
        (*env)->SetLongArrayRegion(env, a, 0, 3, v);
    return a;
}

static jobject j_payload_crc(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    char given[5], computed[5];
    bool ok = vqr_payload_crc(p, given, computed);
    jclass c = jni_class(JNI_C_CRC_INFO);
    if (!c)
        return NULL;
    jmethodID ctor = jni_ctor(JNI_C_CRC_INFO);
    if (!ctor)
        return NULL;
    jstring g = jni_str(env, given), k = jni_str(env, computed);
    if ((*env)->ExceptionCheck(env))
        return NULL;
    return (*env)->NewObject(env, c, ctor, g, k, (jboolean)ok);
}

static jbyteArray j_payload_get(JNIEnv *env, jclass cls, jlong h, jbyteArray jpath)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    char path[PATH_MAX_LEN + 1];
    if (!p || !get_path(env, jpath, path))
        return NULL;
    vqr_view v;
    vqr_status st = vqr_payload_get(p, path, &v, NULL);
    if (st == VQR_OK)
        return jni_new_bytes(env, v.ptr, v.len);
    if (st != VQR_ERR_NOT_FOUND)
        jni_throw_status(env, st, st == VQR_ERR_BAD_PATH ? "" : path);
    return NULL;
}

static void j_payload_set(JNIEnv *env, jclass cls, jlong h, jbyteArray jpath, jbyteArray value)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    char path[PATH_MAX_LEN + 1];
    if (!p || !get_path(env, jpath, path))
        return;
    size_t n;
    char *b = jni_copy_bytes(env, value, "value", &n);
    if (!b)
        return;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_payload_set(p, path, b, n, &err);
    free(b);
    if (st != VQR_OK)
        jni_throw_error(env, &err, NULL);
}

static jboolean j_payload_remove(JNIEnv *env, jclass cls, jlong h, jbyteArray jpath)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    char path[PATH_MAX_LEN + 1];
    if (!p || !get_path(env, jpath, path))
        return JNI_FALSE;
    vqr_status st = vqr_payload_remove(p, path, NULL);
    if (st == VQR_OK)
        return JNI_TRUE;
    if (st != VQR_ERR_NOT_FOUND)
        jni_throw_status(env, st, "");
    return JNI_FALSE;
}

static jbyteArray j_payload_write(JNIEnv *env, jclass cls, jlong h, jboolean keep_order)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_payload_write(p, keep_order ? VQR_WRITE_KEEP_ORDER : VQR_WRITE_CANONICAL,
                                      buf, sizeof buf, &len, &err);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return NULL;
    }
    return jni_new_bytes(env, buf, len);
}

/*
 * The children of `parent` (VQR_ROOT for the root) as PayloadObject[], each
 * with its own children. Depth is at most 3; each level has its own local
 * reference frame.
 */
static jobjectArray objects(JNIEnv *env, jclass cls, jmethodID ctor, const vqr_payload *p,
                            vqr_handle parent)
{
    if ((*env)->PushLocalFrame(env, 16) != 0)
        return NULL;
    jsize n = 0;
    for (vqr_handle c = vqr_payload_first(p, parent); c != VQR_NONE; c = vqr_payload_next(p, c))
        n++;
    jobjectArray arr = (*env)->NewObjectArray(env, n, cls, NULL);
    jsize i = 0;
    for (vqr_handle c = vqr_payload_first(p, parent); arr && c != VQR_NONE;
         c = vqr_payload_next(p, c), i++) {
        vqr_object o;
        VQR_INIT(&o);
        if (vqr_payload_object(p, c, &o, NULL) != VQR_OK) {
            jni_throw_status(env, VQR_ERR_NOT_FOUND, "");
            arr = NULL;
            break;
        }
        jobjectArray kids = objects(env, cls, ctor, p, c);
        jbyteArray value = o.value.ptr ? jni_new_bytes(env, o.value.ptr, o.value.len) : NULL;
        jstring tag = jni_str(env, o.tag);
        if ((*env)->ExceptionCheck(env)) {
            arr = NULL;
            break;
        }
        jobject obj = (*env)->NewObject(env, cls, ctor, (jint)o.id, tag, (jint)o.depth,
                                        (jboolean)o.is_template, (jboolean)o.raw, value,
                                        jni_pos(o.offset), jni_pos(o.char_offset), kids);
        if (!obj) {
            arr = NULL;
            break;
        }
        (*env)->SetObjectArrayElement(env, arr, i, obj);
        (*env)->DeleteLocalRef(env, obj);
        (*env)->DeleteLocalRef(env, kids);
        (*env)->DeleteLocalRef(env, value);
        (*env)->DeleteLocalRef(env, tag);
    }
    return (jobjectArray)(*env)->PopLocalFrame(env, arr);
}

static jobjectArray j_payload_objects(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    jclass c = jni_class(JNI_C_OBJECT);
    if (!c)
        return NULL;
    jmethodID ctor = jni_ctor(JNI_C_OBJECT);
    if (!ctor)
        return NULL;
    return objects(env, c, ctor, p, VQR_ROOT);
}

static const JNINativeMethod k_methods[] = {
    JNI_METHOD("version", "()J", j_version),
    JNI_METHOD("versionString", "()Ljava/lang/String;", j_version_string),
    JNI_METHOD("statusName", "(I)Ljava/lang/String;", j_status_name),
    JNI_METHOD("strerror", "(I)Ljava/lang/String;", j_strerror),
    JNI_METHOD("strerrorVi", "(I)Ljava/lang/String;", j_strerror_vi),
    JNI_METHOD("crc16", "([B)I", j_crc16),
    JNI_METHOD("crcCheck", "([B)Lvn/vietqr/CrcCheck;", j_crc_check),
    JNI_METHOD("payloadNew", "()J", j_payload_new),
    JNI_METHOD("payloadFree", "(J)V", j_payload_free),
    JNI_METHOD("payloadParseBytes", "([BI)J", j_payload_parse_bytes),
    JNI_METHOD("payloadParseText", "(Ljava/lang/String;I)J", j_payload_parse_text),
    JNI_METHOD("payloadProfile", "(J)I", j_payload_profile),
    JNI_METHOD("payloadDiagnostics", "(J)[L" JNI_DIAG_CLASS ";", j_payload_diagnostics),
    JNI_METHOD("payloadDiagCounts", "(J)[J", j_payload_diag_counts),
    JNI_METHOD("payloadCrc", "(J)Lvn/vietqr/CrcInfo;", j_payload_crc),
    JNI_METHOD("payloadGet", "(J[B)[B", j_payload_get),
    JNI_METHOD("payloadSet", "(J[B[B)V", j_payload_set),
    JNI_METHOD("payloadRemove", "(J[B)Z", j_payload_remove),
    JNI_METHOD("payloadWrite", "(JZ)[B", j_payload_write),
    JNI_METHOD("payloadObjects", "(J)[L" OBJ_CLASS ";", j_payload_objects),
};

jint jni_register_payload(JNIEnv *env, jclass cls)
{
    return (*env)->RegisterNatives(env, cls, k_methods,
                                   (jint)(sizeof k_methods / sizeof k_methods[0]));
}
