/*
 * vietqr_jni_render.c - JNI glue for QR codes and rendering (class
 * vn.vietqr.QRCode). A QR code is the vqr_qr the library allocated, held
 * by QRCode as a long and released with vqr_qr_free. Images are allocated
 * by the library (default allocator), copied into Java arrays and released
 * with vqr_free at once.
 */
#include "vietqr_jni.h"

/* Longest file path accepted from Java. */
#define JNI_PATH_MAX 4096

static vqr_qr *qr_of(JNIEnv *env, jlong h)
{
    if (!h) {
        jni_throw_class(env, "java/lang/IllegalStateException", "QRCode is closed");
        return NULL;
    }
    return (vqr_qr *)(uintptr_t)h;
}

static jlong j_qr_encode(JNIEnv *env, jclass cls, jbyteArray payload, jint ecc)
{
    (void)cls;
    size_t n;
    char *s = jni_copy_bytes(env, payload, "payload", &n);
    if (!s)
        return 0;
    vqr_qr *qr = NULL;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_qr_encode(s, n, (vqr_ecc)ecc, NULL, &qr, &err);
    free(s);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return 0;
    }
    return (jlong)(uintptr_t)qr;
}

static void j_qr_free(JNIEnv *env, jclass cls, jlong h)
{
    (void)env;
    (void)cls;
    vqr_qr_free((vqr_qr *)(uintptr_t)h);
}

/* {version, width, ecc, has_eci} */
static jintArray j_qr_info(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_qr *qr = qr_of(env, h);
    if (!qr)
        return NULL;
    jint v[4] = { vqr_qr_version(qr), vqr_qr_width(qr), (jint)vqr_qr_ecc(qr),
                  vqr_qr_has_eci(qr) ? 1 : 0 };
    jintArray a = (*env)->NewIntArray(env, 4);
    if (a)
        (*env)->SetIntArrayRegion(env, a, 0, 4, v);
    return a;
}

static jboolean j_qr_module(JNIEnv *env, jclass cls, jlong h, jint x, jint y)
{
    (void)cls;
    vqr_qr *qr = qr_of(env, h);
    return qr && vqr_qr_module(qr, x, y) ? JNI_TRUE : JNI_FALSE;
}

static jbyteArray j_qr_modules(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_qr *qr = qr_of(env, h);
    if (!qr)
        return NULL;
    size_t n = (size_t)vqr_qr_width(qr) * (size_t)vqr_qr_width(qr);
    unsigned char *buf = malloc(n);
    if (!buf) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "modules");
        return NULL;
    }
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_qr_modules(qr, buf, n, NULL, &err);
    jbyteArray a = st == VQR_OK ? jni_new_bytes(env, (const char *)buf, n) : NULL;
    if (st != VQR_OK)
        jni_throw_error(env, &err, NULL);
    free(buf);
    return a;
}

/*
 * Options from the library's defaults and RenderOptions: `o` = {scale,
 * quiet zone, foreground, background, dpi}, -1 for the default. The title
 * is copied into `*title` (freed by the caller); a NUL inside it is
 * VQR_ERR_INVALID_ARGUMENT at its offset, never a shorter title.
 * Returns false with an exception thrown.
 */
static bool options(JNIEnv *env, jintArray o, jbyteArray jtitle, jboolean invert, jboolean ascii,
                    vqr_render_options *opt, char **title)
{
    vqr_render_options_init(opt, sizeof *(opt), NULL);
    *title = NULL;
    jint v[5];
    if (!o || (*env)->GetArrayLength(env, o) != 5) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "render options");
        return false;
    }
    (*env)->GetIntArrayRegion(env, o, 0, 5, v);
    /* -1: the library's default. */
    static const char *const what[5] = { "scale", "quiet zone", "foreground", "background", "dpi" };
    for (int i = 0; i < 5; i++)
        if (!jni_range(env, v[i], -1, INT32_MAX, what[i]))
            return false;
    if (v[0] >= 0)
        opt->scale = (unsigned)v[0];
    if (v[1] >= 0)
        opt->quiet_zone = (unsigned)v[1];
    if (v[2] >= 0)
        opt->foreground = (uint32_t)v[2];
    if (v[3] >= 0)
        opt->background = (uint32_t)v[3];
    if (v[4] >= 0)
        opt->dpi = (unsigned)v[4];
    opt->flags =
        (invert ? (unsigned)VQR_RENDER_INVERT : 0u) | (ascii ? (unsigned)VQR_RENDER_ASCII : 0u);
    if (!jtitle)
        return true;
    size_t n;
    *title = jni_copy_bytes(env, jtitle, "title", &n);
    if (!*title)
        return false;
    const char *nul = memchr(*title, '\0', n);
    if (nul) {
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0, sizeof e);
        e.size = sizeof e;
        e.code = VQR_ERR_INVALID_ARGUMENT;
        e.offset = (size_t)(nul - *title);
        for (const char *c = *title; c < nul; c++)
            e.char_offset += ((unsigned char)*c & 0xC0) != 0x80;
        e.related_offset = SIZE_MAX;
        e.name = vqr_status_name(e.code);
        e.message = vqr_strerror(e.code);
        e.message_vi = vqr_strerror_vi(e.code);
        jni_throw_error(env, &e, NULL);
        return false;
    }
    opt->title = *title;
    return true;
}

enum { R_PNG, R_SVG, R_TERM };

static jbyteArray render(JNIEnv *env, jlong h, int kind, jintArray o, jbyteArray jtitle,
                         jboolean invert, jboolean ascii)
{
    vqr_qr *qr = qr_of(env, h);
    vqr_render_options opt;
    char *title;
    if (!qr || !options(env, o, jtitle, invert, ascii, &opt, &title))
        return NULL;
    void *out = NULL;
    size_t n = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st;
    if (kind == R_PNG) {
        unsigned char *png = NULL;
        st = vqr_render_png(qr, &opt, NULL, &png, &n, &err);
        out = png;
    } else {
        char *text = NULL;
        st = (kind == R_SVG ? vqr_render_svg : vqr_render_term)(qr, &opt, NULL, &text, &n, &err);
        out = text;
    }
    free(title);
    jbyteArray a = NULL;
    if (st == VQR_OK)
        a = jni_new_bytes(env, out, n);
    else
        jni_throw_error(env, &err, NULL);
    vqr_free(out);
    return a;
}

static jbyteArray j_render_png(JNIEnv *env, jclass cls, jlong h, jintArray o, jbyteArray title,
                               jboolean invert, jboolean ascii)
{
    (void)cls;
    return render(env, h, R_PNG, o, title, invert, ascii);
}

static jbyteArray j_render_svg(JNIEnv *env, jclass cls, jlong h, jintArray o, jbyteArray title,
                               jboolean invert, jboolean ascii)
{
    (void)cls;
    return render(env, h, R_SVG, o, title, invert, ascii);
}

static jbyteArray j_render_term(JNIEnv *env, jclass cls, jlong h, jintArray o, jbyteArray title,
                                jboolean invert, jboolean ascii)
{
    (void)cls;
    return render(env, h, R_TERM, o, title, invert, ascii);
}

static void render_file(JNIEnv *env, jlong h, bool svg, jintArray o, jbyteArray jtitle,
                        jbyteArray jpath)
{
    vqr_qr *qr = qr_of(env, h);
    vqr_render_options opt;
    char *title;
    if (!qr || !options(env, o, jtitle, JNI_FALSE, JNI_FALSE, &opt, &title))
        return;
    size_t n;
    char *path = jni_copy_bytes(env, jpath, "path", &n);
    if (path && (n == 0 || n > JNI_PATH_MAX || memchr(path, '\0', n))) {
        jni_throw_class(env, "java/lang/IllegalArgumentException",
                        "a file path must be 1-4096 bytes without NUL");
    } else if (path) {
        vqr_error err;
        VQR_INIT(&err);
        vqr_status st =
            (svg ? vqr_render_svg_file : vqr_render_png_file)(qr, &opt, path, NULL, &err);
        if (st != VQR_OK)
            jni_throw_error(env, &err, NULL);
    }
    free(path);
    free(title);
}

static void j_render_png_file(JNIEnv *env, jclass cls, jlong h, jintArray o, jbyteArray title,
                              jbyteArray path)
{
    (void)cls;
    render_file(env, h, false, o, title, path);
}

static void j_render_svg_file(JNIEnv *env, jclass cls, jlong h, jintArray o, jbyteArray title,
                              jbyteArray path)
{
    (void)cls;
    render_file(env, h, true, o, title, path);
}

static jobject j_print_size(JNIEnv *env, jclass cls, jlong h, jdouble mm, jint dpi, jint quiet)
{
    (void)cls;
    vqr_qr *qr = qr_of(env, h);
    if (!qr)
        return NULL;
    if (!jni_range(env, dpi, 0, JNI_UINT_MAX, "dpi") ||
        !jni_range(env, quiet, 0, JNI_UINT_MAX, "quiet zone"))
        return NULL;
    vqr_print_size ps;
    VQR_INIT(&ps);
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_render_print_size(qr, mm, (unsigned)dpi, (unsigned)quiet, &ps, &err);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return NULL;
    }
    jclass c = jni_class(JNI_C_PRINT_SIZE);
    jmethodID ctor = c ? jni_ctor(JNI_C_PRINT_SIZE) : NULL;
    if (!ctor)
        return NULL;
    return (*env)->NewObject(env, c, ctor, (jint)ps.scale, (jint)ps.pixels, ps.module_mm,
                             ps.symbol_mm, ps.total_mm);
}

static const JNINativeMethod k_methods[] = {
    JNI_METHOD("qrEncode", "([BI)J", j_qr_encode),
    JNI_METHOD("qrFree", "(J)V", j_qr_free),
    JNI_METHOD("qrInfo", "(J)[I", j_qr_info),
    JNI_METHOD("qrModule", "(JII)Z", j_qr_module),
    JNI_METHOD("qrModules", "(J)[B", j_qr_modules),
    JNI_METHOD("renderPng", "(J[I[BZZ)[B", j_render_png),
    JNI_METHOD("renderSvg", "(J[I[BZZ)[B", j_render_svg),
    JNI_METHOD("renderTerm", "(J[I[BZZ)[B", j_render_term),
    JNI_METHOD("renderPngFile", "(J[I[B[B)V", j_render_png_file),
    JNI_METHOD("renderSvgFile", "(J[I[B[B)V", j_render_svg_file),
    JNI_METHOD("printSize", "(JDII)Lvn/vietqr/PrintSize;", j_print_size),
};

jint jni_register_render(JNIEnv *env, jclass cls)
{
    return (*env)->RegisterNatives(env, cls, k_methods,
                                   (jint)(sizeof k_methods / sizeof k_methods[0]));
}
