/*
 * vietqr_jni.h - shared helpers of the JNI glue (vn.vietqr.Native).
 *
 * The glue is one library, libvietqr_jni, in five files by concern:
 * vietqr_jni.c (helpers, JNI_OnLoad), vietqr_jni_payload.c (version,
 * status names, CRC, payloads), vietqr_jni_profile.c (text, banks, amounts,
 * VietQR), vietqr_jni_render.c (QR codes, images), vietqr_jni_recon.c
 * (payment references, reconciliation) and vietqr_jni_verify.c (vqr_verify,
 * and photos through libvietqr-scan). Each registers its
 * native methods with RegisterNatives; the library is built with hidden
 * visibility and exports JNI_OnLoad only.
 *
 * Conventions:
 *  - Text crosses as byte[] in UTF-8 (Java encodes and decodes it), never as
 *    JNI "modified UTF-8". Only the library's static ASCII names and its
 *    messages (Basic Multilingual Plane text without NUL, for which the two
 *    encodings agree) are made into strings here.
 *  - A failing call throws vn.vietqr.VietQRException with the fields of its
 *    vqr_error; positions the library reports as SIZE_MAX become -1.
 *  - Classes and method IDs are looked up once, in JNI_OnLoad, and only
 *    read after that (jni_class, jni_ctor); the glue keeps no other state.
 *  - The hot calls (Payload.parse, Payload.vietqr, VietQRBuilder.write)
 *    take Java strings as they are (jni_string_utf8 writes the bytes
 *    Utf8.encode would) and return one byte[] packed with jni_put_*:
 *    numbers little-endian, strings as bytes. The Java side makes a String
 *    of a field only when it is asked for one.
 */
#ifndef VIETQR_JNI_H
#define VIETQR_JNI_H

#include <jni.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vietqr.h"

#define JNI_DIAG_CLASS "vn/vietqr/Diagnostic"

/*
 * The classes the glue makes objects of, with their constructors: looked up
 * once in JNI_OnLoad (global references, method IDs) and only read after
 * that, from any thread. jni_class() and jni_ctor() return them.
 */
typedef enum jni_cached {
    JNI_C_DIAGNOSTIC,
    JNI_C_EXCEPTION,
    JNI_C_CRC_CHECK,
    JNI_C_CRC_INFO,
    JNI_C_OBJECT,
    JNI_C_FOLDED,
    JNI_C_BANK,
    JNI_C_FOLDED_FIELD,
    JNI_C_PRINT_SIZE,
    JNI_C_COUNT
} jni_cached;

jclass jni_class(jni_cached c);
jmethodID jni_ctor(jni_cached c);

/* JNINativeMethod holds functions as void *; say that this is intended. */
#if defined(__GNUC__) || defined(__clang__)
#define JNI_FN(f) (__extension__(void *)(f))
#else
#define JNI_FN(f) ((void *)(f))
#endif
#define JNI_METHOD(name, sig, fn)                 \
    {                                             \
        (char *)(name), (char *)(sig), JNI_FN(fn) \
    }

/* SIZE_MAX (no position) becomes -1. */
jlong jni_pos(size_t v);

/* A Java string of a static library string (NULL becomes ""). */
jstring jni_str(JNIEnv *env, const char *s);

/* Throws an exception of a Java class with a message. */
void jni_throw_class(JNIEnv *env, const char *cls_name, const char *msg);

/* Throws VietQRException for `e`, with the payload's diagnostics when p is not NULL. */
void jni_throw_error(JNIEnv *env, const vqr_error *e, const vqr_payload *p);

/* For the calls that return a status only: the library's name and messages. */
void jni_throw_status(JNIEnv *env, vqr_status code, const char *tag);

/*
 * Every Java integer bound for a C parameter goes through this: true when
 * min <= v <= max, else false with IllegalArgumentException naming `what`
 * and the value. Java has no unsigned types, so a negative int or long
 * would otherwise reach an unsigned parameter as a huge number.
 */
bool jni_range(JNIEnv *env, jlong v, jlong min, jlong max, const char *what);
#define JNI_UINT_MAX ((jlong)UINT32_MAX)
#define JNI_LONG_MAX ((jlong)INT64_MAX)

/* The payload behind a handle, or NULL with IllegalStateException thrown. */
vqr_payload *jni_payload(JNIEnv *env, jlong h);

/* A malloc'd, NUL-terminated copy of a byte[] (`*len` bytes before the
 * NUL); NULL with NullPointerException (null array) or OutOfMemoryError
 * thrown. Release with free(). */
char *jni_copy_bytes(JNIEnv *env, jbyteArray a, const char *what, size_t *len);

/*
 * The UTF-8 bytes of a Java string, NUL-terminated, exactly as
 * vn.vietqr.Utf8.encode gives them (a surrogate pair as one 4-byte
 * sequence, a lone surrogate as its own three bytes, which the library
 * then reports as VQR_ERR_UTF8): into `buf` when 3 * length + 1 <= cap,
 * else into a malloc'd block the caller frees (the result is not `buf`).
 * `*len` receives the bytes before the NUL. NULL with NullPointerException
 * (`what`; null string) or OutOfMemoryError thrown.
 */
char *jni_string_utf8(JNIEnv *env, jstring s, const char *what, char *buf, size_t cap, size_t *len);

/* A new byte[] holding `len` bytes. */
jbyteArray jni_new_bytes(JNIEnv *env, const char *p, size_t len);

/* Every diagnostic kept by the payload, as a Diagnostic[]. */
jobjectArray jni_diagnostics(JNIEnv *env, const vqr_payload *p);

/*
 * Writing a packed result into a buffer sized for the largest one (the
 * callers size it from the C structs, so nothing here checks bounds).
 * Numbers are little-endian; jni_put_str writes a u16 length, then the
 * bytes.
 */
typedef struct jni_pack {
    unsigned char *b;
    size_t len;
} jni_pack;

static inline void jni_put_u8(jni_pack *k, unsigned v)
{
    k->b[k->len++] = (unsigned char)v;
}

static inline void jni_put_u16(jni_pack *k, size_t v)
{
    k->b[k->len++] = (unsigned char)(v & 0xFF);
    k->b[k->len++] = (unsigned char)((v >> 8) & 0xFF);
}

static inline void jni_put_u64(jni_pack *k, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        k->b[k->len++] = (unsigned char)((v >> (8 * i)) & 0xFF);
}

static inline void jni_put_bytes(jni_pack *k, const char *s, size_t n)
{
    memcpy(k->b + k->len, s, n);
    k->len += n;
}

static inline void jni_put_str(jni_pack *k, const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    jni_put_u16(k, n);
    jni_put_bytes(k, s, n);
}

/* RegisterNatives for each file's methods on vn.vietqr.Native; JNI_OK or an error. */
jint jni_register_payload(JNIEnv *env, jclass cls);
jint jni_register_profile(JNIEnv *env, jclass cls);
jint jni_register_render(JNIEnv *env, jclass cls);
jint jni_register_recon(JNIEnv *env, jclass cls);
jint jni_register_verify(JNIEnv *env, jclass cls);

#endif /* VIETQR_JNI_H */
