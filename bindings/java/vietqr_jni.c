/*
 * vietqr_jni.c - the JNI glue of the Java binding (package vn.vietqr):
 * shared helpers and JNI_OnLoad. See vietqr_jni.h for the conventions.
 */
#include "vietqr_jni.h"

#define DIAG_CTOR \
    "(ILjava/lang/String;ZJJLjava/lang/String;Ljava/lang/String;Ljava/lang/String;JJ)V"
#define EXC_CLASS "vn/vietqr/VietQRException"
#define EXC_CTOR                                                            \
    "(ILjava/lang/String;JJLjava/lang/String;Ljava/lang/String;Ljava/lang/" \
    "String;JJ[L" JNI_DIAG_CLASS ";)V"

jlong jni_pos(size_t v)
{
    return v == SIZE_MAX ? (jlong)-1 : (jlong)v;
}

jstring jni_str(JNIEnv *env, const char *s)
{
    return (*env)->NewStringUTF(env, s ? s : "");
}

void jni_throw_class(JNIEnv *env, const char *cls_name, const char *msg)
{
    jclass cls = (*env)->FindClass(env, cls_name);
    if (cls)
        (*env)->ThrowNew(env, cls, msg);
}

bool jni_range(JNIEnv *env, jlong v, jlong min, jlong max, const char *what)
{
    if (v >= min && v <= max)
        return true;
    char msg[160];
    (void)snprintf(msg, sizeof msg, "%s must be %lld to %lld, not %lld", what, (long long)min,
                   (long long)max, (long long)v);
    jni_throw_class(env, "java/lang/IllegalArgumentException", msg);
    return false;
}

/* A vn.vietqr.Diagnostic for one vqr_error, or NULL with an exception pending. */
static jobject new_diag(JNIEnv *env, jclass cls, jmethodID ctor, const vqr_error *e)
{
    jstring name = jni_str(env, e->name), tag = jni_str(env, e->tag),
            msg = jni_str(env, e->message), msg_vi = jni_str(env, e->message_vi);
    if ((*env)->ExceptionCheck(env))
        return NULL;
    jobject d = (*env)->NewObject(env, cls, ctor, (jint)e->code, name,
                                  (jboolean)(e->severity == VQR_SEVERITY_WARNING),
                                  jni_pos(e->offset), jni_pos(e->char_offset), tag, msg, msg_vi,
                                  (jlong)e->limit, jni_pos(e->related_offset));
    (*env)->DeleteLocalRef(env, name);
    (*env)->DeleteLocalRef(env, tag);
    (*env)->DeleteLocalRef(env, msg);
    (*env)->DeleteLocalRef(env, msg_vi);
    return d;
}

jobjectArray jni_diagnostics(JNIEnv *env, const vqr_payload *p)
{
    jclass cls = jni_class(JNI_C_DIAGNOSTIC);
    if (!cls)
        return NULL;
    jmethodID ctor = jni_ctor(JNI_C_DIAGNOSTIC);
    if (!ctor)
        return NULL;
    size_t n = 0;
    vqr_error e;
    VQR_INIT(&e);
    while (p && vqr_payload_diag(p, n, &e, NULL) == VQR_OK)
        n++;
    jobjectArray arr = (*env)->NewObjectArray(env, (jsize)n, cls, NULL);
    for (size_t i = 0; arr && i < n; i++) {
        vqr_payload_diag(p, i, &e, NULL);
        jobject d = new_diag(env, cls, ctor, &e);
        if (!d)
            return NULL;
        (*env)->SetObjectArrayElement(env, arr, (jsize)i, d);
        (*env)->DeleteLocalRef(env, d);
    }
    return arr;
}

void jni_throw_error(JNIEnv *env, const vqr_error *e, const vqr_payload *p)
{
    if ((*env)->ExceptionCheck(env))
        return;
    jclass cls = jni_class(JNI_C_EXCEPTION);
    if (!cls)
        return;
    jmethodID ctor = jni_ctor(JNI_C_EXCEPTION);
    if (!ctor)
        return;
    jobjectArray diags = p ? jni_diagnostics(env, p) : NULL;
    if ((*env)->ExceptionCheck(env))
        return;
    jstring name = jni_str(env, e->name), tag = jni_str(env, e->tag),
            msg = jni_str(env, e->message), msg_vi = jni_str(env, e->message_vi);
    if ((*env)->ExceptionCheck(env))
        return;
    jobject exc = (*env)->NewObject(env, cls, ctor, (jint)e->code, name, jni_pos(e->offset),
                                    jni_pos(e->char_offset), tag, msg, msg_vi, (jlong)e->limit,
                                    jni_pos(e->related_offset), diags);
    if (exc)
        (*env)->Throw(env, (jthrowable)exc);
}

void jni_throw_status(JNIEnv *env, vqr_status code, const char *tag)
{
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0, sizeof e);
    e.size = sizeof e;
    e.code = code;
    e.severity = VQR_SEVERITY_ERROR;
    e.offset = e.char_offset = e.related_offset = SIZE_MAX;
    for (size_t i = 0; tag && tag[i] && i + 1 < VQR_TAG_MAX; i++)
        e.tag[i] = tag[i];
    e.name = vqr_status_name(code);
    e.message = vqr_strerror(code);
    e.message_vi = vqr_strerror_vi(code);
    jni_throw_error(env, &e, NULL);
}

vqr_payload *jni_payload(JNIEnv *env, jlong h)
{
    if (!h) {
        jni_throw_class(env, "java/lang/IllegalStateException", "Payload is closed");
        return NULL;
    }
    return (vqr_payload *)(uintptr_t)h;
}

char *jni_copy_bytes(JNIEnv *env, jbyteArray a, const char *what, size_t *len)
{
    if (!a) {
        jni_throw_class(env, "java/lang/NullPointerException", what);
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, a);
    char *buf = malloc((size_t)n + 1);
    if (!buf) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", what);
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, a, 0, n, (jbyte *)buf);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* UTF-8 of one code point below 0x10000 (a lone surrogate too). */
static size_t put_bmp(char *out, size_t o, unsigned c)
{
    if (c < 0x80) {
        out[o++] = (char)c;
    } else if (c < 0x800) {
        out[o++] = (char)(0xC0 | (c >> 6));
        out[o++] = (char)(0x80 | (c & 0x3F));
    } else {
        out[o++] = (char)(0xE0 | (c >> 12));
        out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[o++] = (char)(0x80 | (c & 0x3F));
    }
    return o;
}

char *jni_string_utf8(JNIEnv *env, jstring s, const char *what, char *buf, size_t cap, size_t *len)
{
    if (!s) {
        jni_throw_class(env, "java/lang/NullPointerException", what);
        return NULL;
    }
    jsize n = (*env)->GetStringLength(env, s);
    /* A UTF-16 unit is at most 3 bytes (a pair of them 4). */
    size_t need = (size_t)n * 3 + 1;
    char *out = need <= cap ? buf : malloc(need);
    if (!out) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", what);
        return NULL;
    }
    jchar chunk[256];
    size_t o = 0;
    unsigned hi = 0; /* a high surrogate waiting for its low one */
    for (jsize at = 0; at < n;) {
        jsize k = n - at < 256 ? n - at : 256;
        (*env)->GetStringRegion(env, s, at, k, chunk);
        at += k;
        /* ASCII, the usual case: two loops the compiler vectorises. */
        jchar any = 0;
        for (jsize i = 0; i < k; i++)
            any |= chunk[i];
        if (any < 0x80 && !hi) {
            for (jsize i = 0; i < k; i++)
                out[o + (size_t)i] = (char)chunk[i];
            o += (size_t)k;
            continue;
        }
        for (jsize i = 0; i < k; i++) {
            unsigned c = chunk[i];
            if (hi) {
                if (c >= 0xDC00 && c <= 0xDFFF) {
                    unsigned cp = 0x10000 + ((hi - 0xD800) << 10) + (c - 0xDC00);
                    out[o++] = (char)(0xF0 | (cp >> 18));
                    out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                    out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    out[o++] = (char)(0x80 | (cp & 0x3F));
                    hi = 0;
                    continue;
                }
                o = put_bmp(out, o, hi);
                hi = 0;
            }
            if (c >= 0xD800 && c <= 0xDBFF)
                hi = c;
            else
                o = put_bmp(out, o, c);
        }
    }
    if (hi)
        o = put_bmp(out, o, hi);
    out[o] = '\0';
    *len = o;
    return out;
}

jbyteArray jni_new_bytes(JNIEnv *env, const char *p, size_t len)
{
    jbyteArray a = (*env)->NewByteArray(env, (jsize)len);
    if (a && len)
        (*env)->SetByteArrayRegion(env, a, 0, (jsize)len, (const jbyte *)p);
    return a;
}

/* Class name, constructor signature (NULL: none), and what JNI_OnLoad
 * found. Written once, before any native method can run. */
static struct {
    const char *name;
    const char *ctor;
    jclass cls;
    jmethodID init;
} g_cache[JNI_C_COUNT] = {
    [JNI_C_DIAGNOSTIC] = { JNI_DIAG_CLASS, DIAG_CTOR, NULL, NULL },
    [JNI_C_EXCEPTION] = { EXC_CLASS, EXC_CTOR, NULL, NULL },
    [JNI_C_CRC_CHECK] = { "vn/vietqr/CrcCheck", "(ZILjava/lang/String;Ljava/lang/String;)V", NULL,
                          NULL },
    [JNI_C_CRC_INFO] = { "vn/vietqr/CrcInfo", "(Ljava/lang/String;Ljava/lang/String;Z)V", NULL,
                         NULL },
    [JNI_C_OBJECT] = { "vn/vietqr/PayloadObject",
                       "(ILjava/lang/String;IZZ[BJJ[Lvn/vietqr/PayloadObject;)V", NULL, NULL },
    [JNI_C_FOLDED] = { "vn/vietqr/Folded", "(Ljava/lang/String;J)V", NULL, NULL },
    [JNI_C_BANK] = { "vn/vietqr/Bank", "(Ljava/lang/String;[B[BLjava/lang/String;)V", NULL, NULL },
    [JNI_C_FOLDED_FIELD] = { "vn/vietqr/FoldedField", "(Ljava/lang/String;JJLjava/lang/String;)V",
                             NULL, NULL },
    [JNI_C_PRINT_SIZE] = { "vn/vietqr/PrintSize", "(IIDDD)V", NULL, NULL },
};

jclass jni_class(jni_cached c)
{
    return g_cache[c].cls;
}

jmethodID jni_ctor(jni_cached c)
{
    return g_cache[c].init;
}

static jint cache_classes(JNIEnv *env)
{
    for (int i = 0; i < JNI_C_COUNT; i++) {
        jclass local = (*env)->FindClass(env, g_cache[i].name);
        if (!local)
            return JNI_ERR;
        g_cache[i].cls = (jclass)(*env)->NewGlobalRef(env, local);
        (*env)->DeleteLocalRef(env, local);
        if (!g_cache[i].cls)
            return JNI_ERR;
        if (g_cache[i].ctor) {
            g_cache[i].init = (*env)->GetMethodID(env, g_cache[i].cls, "<init>", g_cache[i].ctor);
            if (!g_cache[i].init)
                return JNI_ERR;
        }
    }
    return JNI_OK;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved);

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK)
        return JNI_ERR;
    /* The glue was compiled against this ABI major; refuse another. */
    if ((vqr_version() >> 16) != VQR_VERSION_MAJOR) {
        jni_throw_class(env, "java/lang/UnsatisfiedLinkError",
                        "libvietqr has another ABI major than the JNI glue was built for");
        return JNI_ERR;
    }
    if (cache_classes(env) != JNI_OK)
        return JNI_ERR;
    jclass cls = (*env)->FindClass(env, "vn/vietqr/Native");
    if (!cls)
        return JNI_ERR;
    if (jni_register_payload(env, cls) != JNI_OK || jni_register_profile(env, cls) != JNI_OK ||
        jni_register_render(env, cls) != JNI_OK || jni_register_recon(env, cls) != JNI_OK ||
        jni_register_verify(env, cls) != JNI_OK)
        return JNI_ERR;
    return JNI_VERSION_1_8;
}
