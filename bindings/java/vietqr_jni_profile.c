/*
 * vietqr_jni_profile.c - JNI glue for the Vietnamese layers: text folding
 * and NFC, the bank directory, amounts, and building and reading VietQR
 * payloads (classes Text, Banks, VietQR, VietQRBuilder, Payload.vietqr).
 */
#include "vietqr_jni.h"

#define BANK_CLASS "vn/vietqr/Bank"
#define BANK_CTOR "(Ljava/lang/String;[B[BLjava/lang/String;)V"
#define FIELD_CLASS "vn/vietqr/FoldedField"
#define REPORT_CLASS "vn/vietqr/VietQRReport"
#define REPORT_CTOR "(Ljava/lang/String;ZJ[L" FIELD_CLASS ";)V"

/* Order of the byte[][] fields of vietqrBuild / vietqrWrite (VietQRBuilder),
 * and the tag each fills. */
enum {
    F_BANK,
    F_ACCOUNT,
    F_COUNTRY,
    F_MCC,
    F_NAME,
    F_CITY,
    F_BILL,
    F_STORE,
    F_REFERENCE,
    F_TERMINAL,
    F_PURPOSE,
    F_COUNT
};
static const char *const k_field_tag[F_COUNT] = {
    "38.01.00", "38.01.01", "58", "52", "59", "60", "62.01", "62.03", "62.05", "62.07", "62.08",
};

/* --- text ------------------------------------------------------------- */

static jobject j_text_fold(JNIEnv *env, jclass cls, jbyteArray text, jboolean strict)
{
    (void)cls;
    size_t n, out_len = 0, changed = 0;
    char *in = jni_copy_bytes(env, text, "text", &n);
    if (!in)
        return NULL;
    vqr_error err;
    VQR_INIT(&err);
    /* Folding never lengthens: the copy's n + 1 bytes hold the result in place. */
    vqr_status st = vqr_text_fold(in, n, strict ? VQR_TEXT_STRICT : VQR_TEXT_FOLD, in, n + 1,
                                  &out_len, &changed, &err);
    jobject r = NULL;
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
    } else {
        jclass c = jni_class(JNI_C_FOLDED);
        jmethodID ctor = c ? jni_ctor(JNI_C_FOLDED) : NULL;
        jstring s = ctor ? jni_str(env, in) : NULL; /* printable ASCII */
        if (s)
            r = (*env)->NewObject(env, c, ctor, s, (jlong)changed);
    }
    free(in);
    return r;
}

static jbyteArray j_text_escape(JNIEnv *env, jclass cls, jbyteArray text, jint form,
                                jlongArray unsafe)
{
    (void)cls;
    if (!jni_range(env, form, 0, JNI_UINT_MAX, "form"))
        return NULL;
    if (!unsafe || (*env)->GetArrayLength(env, unsafe) < 1) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "unsafe count");
        return NULL;
    }
    size_t n, out_len = 0, count = 0;
    char *in = jni_copy_bytes(env, text, "text", &n);
    if (!in)
        return NULL;
    char *out = n <= (SIZE_MAX - 1) / 6 ? malloc(VQR_ESCAPE_SIZE(n)) : NULL;
    if (!out) {
        free(in);
        jni_throw_class(env, "java/lang/OutOfMemoryError", "text");
        return NULL;
    }
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st =
        vqr_text_escape(in, n, (unsigned)form, out, VQR_ESCAPE_SIZE(n), &out_len, &count, &err);
    free(in);
    jbyteArray r = NULL;
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
    } else {
        jlong c = (jlong)count;
        (*env)->SetLongArrayRegion(env, unsafe, 0, 1, &c);
        r = jni_new_bytes(env, out, out_len);
    }
    free(out);
    return r;
}

static jbyteArray j_text_nfc(JNIEnv *env, jclass cls, jbyteArray text)
{
    (void)cls;
    size_t n, out_len = 0;
    char *in = jni_copy_bytes(env, text, "text", &n);
    if (!in)
        return NULL;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_text_nfc(in, n, NULL, 0, &out_len, &err); /* measure */
    char *out = NULL;
    if (st == VQR_ERR_BUFFER_TOO_SMALL || st == VQR_OK) {
        out = malloc(out_len + 1);
        if (!out) {
            free(in);
            jni_throw_class(env, "java/lang/OutOfMemoryError", "text");
            return NULL;
        }
        st = vqr_text_nfc(in, n, out, out_len + 1, &out_len, &err);
    }
    free(in);
    jbyteArray r = NULL;
    if (st == VQR_OK)
        r = jni_new_bytes(env, out, out_len);
    else
        jni_throw_error(env, &err, NULL);
    free(out);
    return r;
}

/* --- banks ------------------------------------------------------------ */

static jobject new_bank(JNIEnv *env, const vqr_bank *b)
{
    jclass c = jni_class(JNI_C_BANK);
    jmethodID ctor = c ? jni_ctor(JNI_C_BANK) : NULL;
    if (!ctor)
        return NULL;
    jstring bin = jni_str(env, b->bin);
    jstring swift = b->swift ? jni_str(env, b->swift) : NULL;
    jbyteArray short_name = jni_new_bytes(env, b->short_name, strlen(b->short_name));
    jbyteArray name = jni_new_bytes(env, b->name, strlen(b->name));
    if ((*env)->ExceptionCheck(env))
        return NULL;
    jobject o = (*env)->NewObject(env, c, ctor, bin, short_name, name, swift);
    (*env)->DeleteLocalRef(env, bin);
    (*env)->DeleteLocalRef(env, swift);
    (*env)->DeleteLocalRef(env, short_name);
    (*env)->DeleteLocalRef(env, name);
    return o;
}

static jint j_bank_count(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jint)vqr_bank_count();
}

static jobject j_bank_at(JNIEnv *env, jclass cls, jint i)
{
    (void)cls;
    const vqr_bank *b = NULL;
    if (i < 0 || vqr_bank_at((size_t)i, &b, NULL) != VQR_OK) {
        jni_throw_class(env, "java/lang/IndexOutOfBoundsException", "bank index");
        return NULL;
    }
    return new_bank(env, b);
}

static jobject j_bank_find_bin(JNIEnv *env, jclass cls, jbyteArray bin)
{
    (void)cls;
    size_t n;
    char *s = jni_copy_bytes(env, bin, "bin", &n);
    if (!s)
        return NULL;
    const vqr_bank *b = NULL;
    (void)vqr_bank_find_bin(s, n, &b, NULL); /* NULL when the directory lacks it */
    free(s);
    return b ? new_bank(env, b) : NULL;
}

static jobject j_bank_find(JNIEnv *env, jclass cls, jbyteArray query)
{
    (void)cls;
    size_t n;
    char *s = jni_copy_bytes(env, query, "query", &n);
    if (!s)
        return NULL;
    const vqr_bank *b = NULL;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_bank_find(s, n, &b, &err);
    free(s);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return NULL;
    }
    return new_bank(env, b);
}

static jobjectArray j_bank_find_all(JNIEnv *env, jclass cls, jbyteArray query)
{
    (void)cls;
    size_t n, count = 0;
    char *s = jni_copy_bytes(env, query, "query", &n);
    if (!s)
        return NULL;
    vqr_error err;
    VQR_INIT(&err);
    const vqr_bank **list = NULL;
    vqr_status st = vqr_bank_find_all(s, n, NULL, 0, &count, &err); /* measure */
    if (st == VQR_ERR_BUFFER_TOO_SMALL) {
        list = malloc(count * sizeof *list);
        st = list ? vqr_bank_find_all(s, n, list, count, &count, &err) : VQR_ERR_NO_MEMORY;
    }
    free(s);
    jobjectArray arr = NULL;
    if (st == VQR_OK || st == VQR_ERR_BANK_UNKNOWN) {
        if (st == VQR_ERR_BANK_UNKNOWN)
            count = 0;
        jclass c = jni_class(JNI_C_BANK);
        arr = c ? (*env)->NewObjectArray(env, (jsize)count, c, NULL) : NULL;
        for (size_t i = 0; arr && i < count; i++) {
            jobject b = new_bank(env, list[i]);
            if (!b) {
                arr = NULL;
                break;
            }
            (*env)->SetObjectArrayElement(env, arr, (jsize)i, b);
            (*env)->DeleteLocalRef(env, b);
        }
    } else if (st == VQR_ERR_NO_MEMORY) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "banks");
    } else {
        jni_throw_error(env, &err, NULL);
    }
    free(list);
    return arr;
}

static jobjectArray j_bank_suggest(JNIEnv *env, jclass cls, jbyteArray query, jint cap)
{
    (void)cls;
    if (cap < 0 || cap > 65536) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "limit is 0 to 65536");
        return NULL;
    }
    size_t n, count = 0;
    char *s = jni_copy_bytes(env, query, "query", &n);
    if (!s)
        return NULL;
    vqr_error err;
    VQR_INIT(&err);
    const vqr_bank **list = malloc(((size_t)cap + 1) * sizeof *list);
    vqr_status st =
        list ? vqr_bank_suggest(s, n, list, (size_t)cap, &count, &err) : VQR_ERR_NO_MEMORY;
    free(s);
    jobjectArray arr = NULL;
    if (st == VQR_OK) {
        jclass c = (*env)->FindClass(env, BANK_CLASS);
        arr = c ? (*env)->NewObjectArray(env, (jsize)count, c, NULL) : NULL;
        for (size_t i = 0; arr && i < count; i++) {
            jobject b = new_bank(env, list[i]);
            if (!b) {
                arr = NULL;
                break;
            }
            (*env)->SetObjectArrayElement(env, arr, (jsize)i, b);
            (*env)->DeleteLocalRef(env, b);
        }
    } else if (st == VQR_ERR_NO_MEMORY) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "banks");
    } else {
        jni_throw_error(env, &err, NULL);
    }
    free(list);
    return arr;
}

static jstring j_bank_data_version(JNIEnv *env, jclass cls)
{
    (void)cls;
    return jni_str(env, vqr_bank_data_version());
}

/* --- amounts ---------------------------------------------------------- */

static jlong j_amount_parse(JNIEnv *env, jclass cls, jbyteArray text, jint currency)
{
    (void)cls;
    size_t n;
    char *s = jni_copy_bytes(env, text, "text", &n);
    if (!s)
        return 0;
    if (!jni_range(env, currency, 0, JNI_UINT_MAX, "currency")) {
        free(s);
        return 0;
    }
    uint64_t minor = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_amount_parse(s, n, (unsigned)currency, &minor, &err);
    free(s);
    if (st != VQR_OK)
        jni_throw_error(env, &err, NULL);
    return (jlong)minor; /* at most 13 digits: fits */
}

static jstring j_amount_format(JNIEnv *env, jclass cls, jlong minor, jint currency)
{
    (void)cls;
    if (!jni_range(env, minor, 0, JNI_LONG_MAX, "amount in minor units") ||
        !jni_range(env, currency, 0, JNI_UINT_MAX, "currency"))
        return NULL;
    char buf[VQR_AMOUNT_BUF_SIZE];
    size_t n = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st =
        vqr_amount_format((uint64_t)minor, (unsigned)currency, buf, sizeof buf, &n, &err);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return NULL;
    }
    return jni_str(env, buf); /* ASCII */
}

static jstring j_amount_words_vi(JNIEnv *env, jclass cls, jlong minor, jint currency, jint flags)
{
    (void)cls;
    if (!jni_range(env, minor, 0, JNI_LONG_MAX, "amount") ||
        !jni_range(env, currency, 0, JNI_UINT_MAX, "currency") ||
        !jni_range(env, flags, 0, JNI_UINT_MAX, "flags"))
        return NULL;
    char buf[VQR_AMOUNT_WORDS_BUF_SIZE];
    size_t n = 0;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_amount_words_vi((uint64_t)minor, (unsigned)currency, (unsigned)flags, buf,
                                        sizeof buf, &n, &err);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return NULL;
    }
    return jni_str(env, buf); /* NFC, Basic Multilingual Plane only: modified UTF-8 is UTF-8 */
}

/* --- VietQR ----------------------------------------------------------- */

/*
 * Fills `in` from the builder's fields (copies in `keep`, freed by the
 * caller). The C struct takes NUL-terminated strings: a NUL inside a field
 * is VQR_ERR_INVALID_ARGUMENT at its offset, never a shorter string.
 * Returns false with an exception thrown.
 */
static bool request(JNIEnv *env, jobjectArray fields, jint service, jlong amount, jint currency,
                    vqr_vietqr *in, char *keep[F_COUNT])
{
    vqr_vietqr_init(in, sizeof *(in), NULL);
    if (!fields || (*env)->GetArrayLength(env, fields) != F_COUNT) {
        jni_throw_class(env, "java/lang/IllegalArgumentException", "VietQR fields");
        return false;
    }
    const char **slot[F_COUNT] = {
        &in->bank,          &in->account,       &in->country,     &in->mcc,
        &in->merchant_name, &in->merchant_city, &in->bill_number, &in->store,
        &in->reference,     &in->terminal,      &in->purpose,
    };
    for (int f = 0; f < F_COUNT; f++) {
        jbyteArray a = (jbyteArray)(*env)->GetObjectArrayElement(env, fields, f);
        if (!a)
            continue; /* absent: the library's default */
        size_t n;
        keep[f] = jni_copy_bytes(env, a, k_field_tag[f], &n);
        (*env)->DeleteLocalRef(env, a);
        if (!keep[f])
            return false;
        const char *nul = memchr(keep[f], '\0', n);
        if (nul) {
            vqr_error e;
            VQR_INIT(&e);
            memset(&e, 0, sizeof e);
            e.size = sizeof e;
            e.code = VQR_ERR_INVALID_ARGUMENT;
            e.offset = (size_t)(nul - keep[f]);
            for (const char *c = keep[f]; c < nul; c++)
                e.char_offset += ((unsigned char)*c & 0xC0) != 0x80;
            e.related_offset = SIZE_MAX;
            strcpy(e.tag, k_field_tag[f]);
            e.name = vqr_status_name(e.code);
            e.message = vqr_strerror(e.code);
            e.message_vi = vqr_strerror_vi(e.code);
            jni_throw_error(env, &e, NULL);
            return false;
        }
        *slot[f] = keep[f];
    }
    /* -1: the library's default service and currency. */
    if (!jni_range(env, service, -1, INT32_MAX, "service") ||
        !jni_range(env, amount, 0, JNI_LONG_MAX, "amount in minor units") ||
        !jni_range(env, currency, -1, JNI_UINT_MAX, "currency"))
        return false;
    if (service >= 0)
        in->service = (vqr_service)service;
    in->amount = (uint64_t)amount;
    if (currency >= 0)
        in->currency = (unsigned)currency;
    return true;
}

static unsigned vietqr_flags(jboolean strict_text, jboolean alnum_account)
{
    return (strict_text ? (unsigned)VQR_VIETQR_STRICT_TEXT : (unsigned)VQR_VIETQR_FOLD) |
           (alnum_account ? (unsigned)VQR_VIETQR_ALNUM_ACCOUNT : 0u);
}

static jobject new_report(JNIEnv *env, const vqr_vietqr_report *r)
{
    jclass fc = jni_class(JNI_C_FOLDED_FIELD);
    jmethodID fctor = fc ? jni_ctor(JNI_C_FOLDED_FIELD) : NULL;
    jclass rc = fctor ? jni_class(JNI_C_REPORT) : NULL;
    jmethodID rctor = rc ? jni_ctor(JNI_C_REPORT) : NULL;
    if (!rctor)
        return NULL;
    size_t count = r->count < VQR_VIETQR_TEXT_FIELDS ? r->count : VQR_VIETQR_TEXT_FIELDS;
    jobjectArray arr = (*env)->NewObjectArray(env, (jsize)count, fc, NULL);
    for (size_t i = 0; arr && i < count; i++) {
        const vqr_vietqr_change *f = &r->field[i];
        jstring tag = jni_str(env, f->tag), text = jni_str(env, f->text); /* ASCII */
        jobject o =
            (*env)->ExceptionCheck(env)
                ? NULL
                : (*env)->NewObject(env, fc, fctor, tag, (jlong)f->changed, (jlong)f->chars, text);
        if (!o)
            return NULL;
        (*env)->SetObjectArrayElement(env, arr, (jsize)i, o);
        (*env)->DeleteLocalRef(env, o);
        (*env)->DeleteLocalRef(env, tag);
        (*env)->DeleteLocalRef(env, text);
    }
    jstring bin = arr ? jni_str(env, r->bin) : NULL;
    if (!bin)
        return NULL;
    return (*env)->NewObject(env, rc, rctor, bin, (jboolean)r->bank_known, (jlong)r->changed, arr);
}

static jobject j_vietqr_build(JNIEnv *env, jclass cls, jlong h, jobjectArray fields, jint service,
                              jlong amount, jint currency, jboolean strict_text,
                              jboolean alnum_account)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    vqr_vietqr in;
    char *keep[F_COUNT] = { NULL };
    vqr_vietqr_report report;
    VQR_INIT(&report);
    vqr_error err;
    VQR_INIT(&err);
    jobject r = NULL;
    if (request(env, fields, service, amount, currency, &in, keep)) {
        vqr_status st =
            vqr_vietqr_build(&in, vietqr_flags(strict_text, alnum_account), p, &report, &err);
        if (st == VQR_OK)
            r = new_report(env, &report);
        else
            jni_throw_error(env, &err, NULL);
    }
    for (int f = 0; f < F_COUNT; f++)
        free(keep[f]);
    return r;
}

static jobject j_vietqr_write(JNIEnv *env, jclass cls, jobjectArray fields, jint service,
                              jlong amount, jint currency, jboolean strict_text,
                              jboolean alnum_account)
{
    (void)cls;
    vqr_vietqr in;
    char *keep[F_COUNT] = { NULL };
    vqr_vietqr_report report;
    VQR_INIT(&report);
    vqr_error err;
    VQR_INIT(&err);
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    jobject r = NULL;
    if (request(env, fields, service, amount, currency, &in, keep)) {
        vqr_status st = vqr_vietqr_write(&in, vietqr_flags(strict_text, alnum_account), buf,
                                         sizeof buf, &len, &report, &err);
        jclass c = st == VQR_OK ? jni_class(JNI_C_RESULT) : NULL;
        jmethodID ctor = c ? jni_ctor(JNI_C_RESULT) : NULL;
        if (st != VQR_OK) {
            jni_throw_error(env, &err, NULL);
        } else if (ctor) {
            jobject rep = new_report(env, &report);
            jbyteArray text = rep ? jni_new_bytes(env, buf, len) : NULL;
            if (text)
                r = (*env)->NewObject(env, c, ctor, text, rep);
        }
    }
    for (int f = 0; f < F_COUNT; f++)
        free(keep[f]);
    return r;
}

static jobject j_vietqr_read(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    vqr_vietqr_info *i = malloc(sizeof *i); /* about 6 KiB */
    if (i)
        VQR_INIT(i);
    if (!i) {
        jni_throw_class(env, "java/lang/OutOfMemoryError", "vqr_vietqr_info");
        return NULL;
    }
    vqr_error err;
    VQR_INIT(&err);
    jobject r = NULL;
    vqr_status st = vqr_vietqr_read(p, i, &err);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        free(i);
        return NULL;
    }
    /* The strings in the order of the VietQRInfo constructor. */
    const char *s[] = {
        i->guid,      i->bin,           i->bank_short_name, i->bank_name,      i->bank_swift,
        i->account,   i->service_code,  i->amount,          i->currency_alpha, i->country,
        i->mcc,       i->merchant_name, i->merchant_city,   i->bill_number,    i->store,
        i->reference, i->terminal,      i->purpose,
    };
    jsize ns = (jsize)(sizeof s / sizeof s[0]);
    jclass bc = jni_class(JNI_C_BYTES);
    jobjectArray strings = bc ? (*env)->NewObjectArray(env, ns, bc, NULL) : NULL;
    for (jsize k = 0; strings && k < ns; k++) {
        jbyteArray a = jni_new_bytes(env, s[k], strlen(s[k]));
        if (!a) {
            strings = NULL;
            break;
        }
        (*env)->SetObjectArrayElement(env, strings, k, a);
        (*env)->DeleteLocalRef(env, a);
    }
    jclass c = strings ? jni_class(JNI_C_INFO) : NULL;
    jmethodID ctor = c ? jni_ctor(JNI_C_INFO) : NULL;
    if (ctor)
        r = (*env)->NewObject(env, c, ctor, (jint)i->network, (jint)i->mai_id,
                              (jboolean)i->bank_known, (jint)i->service, (jboolean)i->is_static,
                              (jboolean)i->is_dynamic, (jlong)i->amount_minor,
                              (jint)i->amount_status, (jlong)i->currency, strings);
    free(i);
    return r;
}

static const JNINativeMethod k_methods[] = {
    JNI_METHOD("textFold", "([BZ)Lvn/vietqr/Folded;", j_text_fold),
    JNI_METHOD("textNfc", "([B)[B", j_text_nfc),
    JNI_METHOD("textEscape", "([BI[J)[B", j_text_escape),
    JNI_METHOD("bankCount", "()I", j_bank_count),
    JNI_METHOD("bankAt", "(I)L" BANK_CLASS ";", j_bank_at),
    JNI_METHOD("bankFindBin", "([B)L" BANK_CLASS ";", j_bank_find_bin),
    JNI_METHOD("bankFind", "([B)L" BANK_CLASS ";", j_bank_find),
    JNI_METHOD("bankFindAll", "([B)[L" BANK_CLASS ";", j_bank_find_all),
    JNI_METHOD("bankSuggest", "([BI)[L" BANK_CLASS ";", j_bank_suggest),
    JNI_METHOD("bankDataVersion", "()Ljava/lang/String;", j_bank_data_version),
    JNI_METHOD("amountParse", "([BI)J", j_amount_parse),
    JNI_METHOD("amountFormat", "(JI)Ljava/lang/String;", j_amount_format),
    JNI_METHOD("amountWordsVi", "(JII)Ljava/lang/String;", j_amount_words_vi),
    JNI_METHOD("vietqrBuild", "(J[[BIJIZZ)L" REPORT_CLASS ";", j_vietqr_build),
    JNI_METHOD("vietqrWrite", "([[BIJIZZ)Lvn/vietqr/VietQRResult;", j_vietqr_write),
    JNI_METHOD("vietqrRead", "(J)Lvn/vietqr/VietQRInfo;", j_vietqr_read),
};

jint jni_register_profile(JNIEnv *env, jclass cls)
{
    return (*env)->RegisterNatives(env, cls, k_methods,
                                   (jint)(sizeof k_methods / sizeof k_methods[0]));
}
