/*
 * vietqr_jni.c - the JNI glue of the Java binding (package vn.vietqr).
 *
 * Thin: every native method of vn.vietqr.Native calls the public API of
 * vietqr.h and nothing else. The methods are registered by JNI_OnLoad with
 * RegisterNatives, so this library exports JNI_OnLoad only; a method whose
 * Java declaration and registered signature disagree makes loading fail.
 *
 * Conventions:
 *  - Text crosses as byte[] in UTF-8 (Java encodes and decodes it), never as
 *    JNI "modified UTF-8". The library's static names and messages, which are
 *    plain Basic Multilingual Plane text, are the only NewStringUTF strings.
 *  - A payload is a malloc'd block of vqr_payload_sizeof() bytes (malloc
 *    aligns it for any type) held by vn.vietqr.Payload as a long.
 *  - A failing call throws vn.vietqr.VietQRException with the fields of its
 *    vqr_error; positions the library reports as SIZE_MAX become -1.
 *  - Classes and method IDs are looked up per call: the glue keeps no state.
 */
#include <jni.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vietqr.h"

#define DIAG_CLASS "vn/vietqr/Diagnostic"
#define DIAG_CTOR "(ILjava/lang/String;ZJJLjava/lang/String;Ljava/lang/String;Ljava/lang/String;JJ)V"
#define EXC_CLASS "vn/vietqr/VietQRException"
#define EXC_CTOR "(ILjava/lang/String;JJLjava/lang/String;Ljava/lang/String;Ljava/lang/String;JJ[L" DIAG_CLASS ";)V"
#define OBJ_CLASS "vn/vietqr/PayloadObject"
#define OBJ_CTOR "(ILjava/lang/String;IZZ[BJJ[L" OBJ_CLASS ";)V"

/* Longest tag path accepted from Java ("38.01.00" is 8). */
#define PATH_MAX_LEN 15

static jlong pos(size_t v)
{
    return v == SIZE_MAX ? (jlong)-1 : (jlong)v;
}

static vqr_payload *payload_of(jlong h)
{
    return (vqr_payload *)(uintptr_t)h;
}

static jstring str(JNIEnv *env, const char *s)
{
    return (*env)->NewStringUTF(env, s ? s : "");
}

/* A vn.vietqr.Diagnostic for one vqr_error, or NULL with an exception pending. */
static jobject new_diag(JNIEnv *env, jclass cls, jmethodID ctor, const vqr_error *e)
{
    jstring name = str(env, e->name), tag = str(env, e->tag), msg = str(env, e->message),
            msg_vi = str(env, e->message_vi);
    if ((*env)->ExceptionCheck(env))
        return NULL;
    jobject d = (*env)->NewObject(env, cls, ctor, (jint)e->code, name,
                                  (jboolean)(e->severity == VQR_SEVERITY_WARNING),
                                  pos(e->offset), pos(e->char_offset), tag, msg, msg_vi,
                                  (jlong)e->limit, pos(e->related_offset));
    (*env)->DeleteLocalRef(env, name);
    (*env)->DeleteLocalRef(env, tag);
    (*env)->DeleteLocalRef(env, msg);
    (*env)->DeleteLocalRef(env, msg_vi);
    return d;
}

/* Every diagnostic kept by the payload, as a Diagnostic[]. */
static jobjectArray diagnostics(JNIEnv *env, const vqr_payload *p)
{
    jclass cls = (*env)->FindClass(env, DIAG_CLASS);
    if (!cls)
        return NULL;
    jmethodID ctor = (*env)->GetMethodID(env, cls, "<init>", DIAG_CTOR);
    if (!ctor)
        return NULL;
    size_t n = 0;
    vqr_error e;
    while (p && vqr_payload_diag(p, n, &e) == VQR_OK)
        n++;
    jobjectArray arr = (*env)->NewObjectArray(env, (jsize)n, cls, NULL);
    for (size_t i = 0; arr && i < n; i++) {
        vqr_payload_diag(p, i, &e);
        jobject d = new_diag(env, cls, ctor, &e);
        if (!d)
            return NULL;
        (*env)->SetObjectArrayElement(env, arr, (jsize)i, d);
        (*env)->DeleteLocalRef(env, d);
    }
    return arr;
}

/* Throws VietQRException for `e`, with the payload's diagnostics when p is not NULL. */
static void throw_error(JNIEnv *env, const vqr_error *e, const vqr_payload *p)
{
    if ((*env)->ExceptionCheck(env))
        return;
    jclass cls = (*env)->FindClass(env, EXC_CLASS);
    if (!cls)
        return;
    jmethodID ctor = (*env)->GetMethodID(env, cls, "<init>", EXC_CTOR);
    if (!ctor)
        return;
    jobjectArray diags = p ? diagnostics(env, p) : NULL;
    if ((*env)->ExceptionCheck(env))
        return;
    jstring name = str(env, e->name), tag = str(env, e->tag), msg = str(env, e->message),
            msg_vi = str(env, e->message_vi);
    if ((*env)->ExceptionCheck(env))
        return;
    jobject exc = (*env)->NewObject(env, cls, ctor, (jint)e->code, name, pos(e->offset),
                                    pos(e->char_offset), tag, msg, msg_vi, (jlong)e->limit,
                                    pos(e->related_offset), diags);
    if (exc)
        (*env)->Throw(env, (jthrowable)exc);
}

/* For the calls that return a status only: the library's name and messages. */
static void throw_status(JNIEnv *env, vqr_status code, const char *tag)
{
    vqr_error e;
    memset(&e, 0, sizeof e);
    e.code = code;
    e.severity = VQR_SEVERITY_ERROR;
    e.offset = e.char_offset = e.related_offset = SIZE_MAX;
    for (size_t i = 0; tag && tag[i] && i + 1 < VQR_TAG_MAX; i++)
        e.tag[i] = tag[i];
    e.name = vqr_status_name(code);
    e.message = vqr_strerror(code);
    e.message_vi = vqr_strerror_vi(code);
    throw_error(env, &e, NULL);
}

static void throw_class(JNIEnv *env, const char *cls_name, const char *msg)
{
    jclass cls = (*env)->FindClass(env, cls_name);
    if (cls)
        (*env)->ThrowNew(env, cls, msg);
}

/* The payload behind a handle, or NULL with an exception thrown. */
static vqr_payload *live(JNIEnv *env, jlong h)
{
    if (!h)
        throw_class(env, "java/lang/IllegalStateException", "Payload is closed");
    return payload_of(h);
}

/*
 * Copies a byte[] tag path into `out` as a C string. A path the library
 * could never read (too long, an embedded NUL) is VQR_ERR_BAD_PATH here,
 * so nothing is cut short. Returns false with an exception thrown.
 */
static bool get_path(JNIEnv *env, jbyteArray path, char out[PATH_MAX_LEN + 1])
{
    if (!path) {
        throw_class(env, "java/lang/NullPointerException", "path");
        return false;
    }
    jsize n = (*env)->GetArrayLength(env, path);
    if (n > PATH_MAX_LEN) {
        throw_status(env, VQR_ERR_BAD_PATH, "");
        return false;
    }
    (*env)->GetByteArrayRegion(env, path, 0, n, (jbyte *)out);
    out[n] = '\0';
    if (memchr(out, '\0', (size_t)n)) {
        throw_status(env, VQR_ERR_BAD_PATH, "");
        return false;
    }
    return true;
}

/* Bytes of a byte[] (NULL with NullPointerException for a null array). */
static jbyte *get_bytes(JNIEnv *env, jbyteArray a, const char *what, jsize *len)
{
    if (!a) {
        throw_class(env, "java/lang/NullPointerException", what);
        return NULL;
    }
    *len = (*env)->GetArrayLength(env, a);
    return (*env)->GetByteArrayElements(env, a, NULL);
}

static jbyteArray new_bytes(JNIEnv *env, const char *p, size_t len)
{
    jbyteArray a = (*env)->NewByteArray(env, (jsize)len);
    if (a && len)
        (*env)->SetByteArrayRegion(env, a, 0, (jsize)len, (const jbyte *)p);
    return a;
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
    return str(env, vqr_version_string());
}

static jstring j_status_name(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return str(env, vqr_status_name((vqr_status)code));
}

static jstring j_strerror(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return str(env, vqr_strerror((vqr_status)code));
}

static jstring j_strerror_vi(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return str(env, vqr_strerror_vi((vqr_status)code));
}

static jint j_crc16(JNIEnv *env, jclass cls, jbyteArray data)
{
    (void)cls;
    jsize n;
    jbyte *b = get_bytes(env, data, "data", &n);
    if (!b)
        return 0;
    uint16_t crc = vqr_crc16(b, (size_t)n);
    (*env)->ReleaseByteArrayElements(env, data, b, JNI_ABORT);
    return (jint)crc;
}

static jobject j_crc_check(JNIEnv *env, jclass cls, jbyteArray payload)
{
    (void)cls;
    jsize n;
    jbyte *b = get_bytes(env, payload, "payload", &n);
    if (!b)
        return NULL;
    char expected[5] = "";
    vqr_status st = vqr_crc_check((const char *)b, (size_t)n, expected);
    (*env)->ReleaseByteArrayElements(env, payload, b, JNI_ABORT);
    jclass c = (*env)->FindClass(env, "vn/vietqr/CrcCheck");
    if (!c)
        return NULL;
    jmethodID ctor = (*env)->GetMethodID(env, c, "<init>", "(ZILjava/lang/String;Ljava/lang/String;)V");
    if (!ctor)
        return NULL;
    jstring name = str(env, vqr_status_name(st)), exp = str(env, expected);
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
        throw_class(env, "java/lang/OutOfMemoryError", "vqr_payload");
        return 0;
    }
    vqr_payload_init(p);
    return (jlong)(uintptr_t)p;
}

static void j_payload_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    free(payload_of(h));
}

static void j_payload_parse(JNIEnv *env, jclass cls, jlong h, jbyteArray data, jboolean lenient)
{
    (void)cls;
    vqr_payload *p = live(env, h);
    jsize n;
    jbyte *b = p ? get_bytes(env, data, "data", &n) : NULL;
    if (!b)
        return;
    vqr_error err;
    vqr_status st = vqr_payload_parse(p, (const char *)b, (size_t)n,
                                      lenient ? VQR_PARSE_LENIENT : VQR_PARSE_STRICT, &err);
    (*env)->ReleaseByteArrayElements(env, data, b, JNI_ABORT);
    if (st != VQR_OK)
        throw_error(env, &err, p);
}

static jobjectArray j_payload_diagnostics(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = live(env, h);
    return p ? diagnostics(env, p) : NULL;
}

static jlongArray j_payload_diag_counts(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = live(env, h);
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
    vqr_payload *p = live(env, h);
    if (!p)
        return NULL;
    char given[5], computed[5];
    bool ok = vqr_payload_crc(p, given, computed);
    jclass c = (*env)->FindClass(env, "vn/vietqr/CrcInfo");
    if (!c)
        return NULL;
    jmethodID ctor = (*env)->GetMethodID(env, c, "<init>", "(Ljava/lang/String;Ljava/lang/String;Z)V");
    if (!ctor)
        return NULL;
    jstring g = str(env, given), k = str(env, computed);
    if ((*env)->ExceptionCheck(env))
        return NULL;
    return (*env)->NewObject(env, c, ctor, g, k, (jboolean)ok);
}

static jbyteArray j_payload_get(JNIEnv *env, jclass cls, jlong h, jbyteArray jpath)
{
    (void)cls;
    vqr_payload *p = live(env, h);
    char path[PATH_MAX_LEN + 1];
    if (!p || !get_path(env, jpath, path))
        return NULL;
    vqr_view v;
    vqr_status st = vqr_payload_get(p, path, &v);
    if (st == VQR_OK)
        return new_bytes(env, v.ptr, v.len);
    if (st != VQR_ERR_NOT_FOUND)
        throw_status(env, st, st == VQR_ERR_BAD_PATH ? "" : path);
    return NULL;
}

static void j_payload_set(JNIEnv *env, jclass cls, jlong h, jbyteArray jpath, jbyteArray value)
{
    (void)cls;
    vqr_payload *p = live(env, h);
    char path[PATH_MAX_LEN + 1];
    if (!p || !get_path(env, jpath, path))
        return;
    jsize n;
    jbyte *b = get_bytes(env, value, "value", &n);
    if (!b)
        return;
    vqr_error err;
    vqr_status st = vqr_payload_set(p, path, (const char *)b, (size_t)n, &err);
    (*env)->ReleaseByteArrayElements(env, value, b, JNI_ABORT);
    if (st != VQR_OK)
        throw_error(env, &err, NULL);
}

static jboolean j_payload_remove(JNIEnv *env, jclass cls, jlong h, jbyteArray jpath)
{
    (void)cls;
    vqr_payload *p = live(env, h);
    char path[PATH_MAX_LEN + 1];
    if (!p || !get_path(env, jpath, path))
        return JNI_FALSE;
    vqr_status st = vqr_payload_remove(p, path);
    if (st == VQR_OK)
        return JNI_TRUE;
    if (st != VQR_ERR_NOT_FOUND)
        throw_status(env, st, "");
    return JNI_FALSE;
}

static jbyteArray j_payload_write(JNIEnv *env, jclass cls, jlong h, jboolean keep_order)
{
    (void)cls;
    vqr_payload *p = live(env, h);
    if (!p)
        return NULL;
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    vqr_error err;
    vqr_status st = vqr_payload_write(p, keep_order ? VQR_WRITE_KEEP_ORDER : VQR_WRITE_CANONICAL,
                                      buf, sizeof buf, &len, &err);
    if (st != VQR_OK) {
        throw_error(env, &err, NULL);
        return NULL;
    }
    return new_bytes(env, buf, len);
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
        if (vqr_payload_object(p, c, &o) != VQR_OK) {
            throw_status(env, VQR_ERR_NOT_FOUND, "");
            arr = NULL;
            break;
        }
        jobjectArray kids = objects(env, cls, ctor, p, c);
        jbyteArray value = o.value.ptr ? new_bytes(env, o.value.ptr, o.value.len) : NULL;
        jstring tag = str(env, o.tag);
        if ((*env)->ExceptionCheck(env)) {
            arr = NULL;
            break;
        }
        jobject obj = (*env)->NewObject(env, cls, ctor, (jint)o.id, tag, (jint)o.depth,
                                        (jboolean)o.is_template, (jboolean)o.raw, value,
                                        pos(o.offset), pos(o.char_offset), kids);
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
    vqr_payload *p = live(env, h);
    if (!p)
        return NULL;
    jclass c = (*env)->FindClass(env, OBJ_CLASS);
    if (!c)
        return NULL;
    jmethodID ctor = (*env)->GetMethodID(env, c, "<init>", OBJ_CTOR);
    if (!ctor)
        return NULL;
    return objects(env, c, ctor, p, VQR_ROOT);
}

/* --- registration ------------------------------------------------------ */

/* JNINativeMethod holds functions as void *; say that this is intended. */
#if defined(__GNUC__) || defined(__clang__)
#define FN(f) (__extension__(void *)(f))
#else
#define FN(f) ((void *)(f))
#endif
#define M(name, sig, fn) { (char *)(name), (char *)(sig), FN(fn) }

static const JNINativeMethod k_methods[] = {
    M("version", "()J", j_version),
    M("versionString", "()Ljava/lang/String;", j_version_string),
    M("statusName", "(I)Ljava/lang/String;", j_status_name),
    M("strerror", "(I)Ljava/lang/String;", j_strerror),
    M("strerrorVi", "(I)Ljava/lang/String;", j_strerror_vi),
    M("crc16", "([B)I", j_crc16),
    M("crcCheck", "([B)Lvn/vietqr/CrcCheck;", j_crc_check),
    M("payloadNew", "()J", j_payload_new),
    M("payloadFree", "(J)V", j_payload_free),
    M("payloadParse", "(J[BZ)V", j_payload_parse),
    M("payloadDiagnostics", "(J)[L" DIAG_CLASS ";", j_payload_diagnostics),
    M("payloadDiagCounts", "(J)[J", j_payload_diag_counts),
    M("payloadCrc", "(J)Lvn/vietqr/CrcInfo;", j_payload_crc),
    M("payloadGet", "(J[B)[B", j_payload_get),
    M("payloadSet", "(J[B[B)V", j_payload_set),
    M("payloadRemove", "(J[B)Z", j_payload_remove),
    M("payloadWrite", "(JZ)[B", j_payload_write),
    M("payloadObjects", "(J)[L" OBJ_CLASS ";", j_payload_objects),
};

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved);

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK)
        return JNI_ERR;
    /* The glue was compiled against this ABI major; refuse another. */
    if ((vqr_version() >> 16) != VQR_VERSION_MAJOR) {
        throw_class(env, "java/lang/UnsatisfiedLinkError",
                    "libvietqr has another ABI major than the JNI glue was built for");
        return JNI_ERR;
    }
    jclass cls = (*env)->FindClass(env, "vn/vietqr/Native");
    if (!cls)
        return JNI_ERR;
    jint n = (jint)(sizeof k_methods / sizeof k_methods[0]);
    if ((*env)->RegisterNatives(env, cls, k_methods, n) != JNI_OK)
        return JNI_ERR;
    return JNI_VERSION_1_8;
}
