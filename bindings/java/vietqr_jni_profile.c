/*
 * vietqr_jni_profile.c - JNI glue for the Vietnamese layers: text folding
 * and NFC, the bank directory, amounts, and building and reading VietQR
 * payloads (classes Text, Banks, VietQR, VietQRBuilder, Payload.vietqr).
 */
#include "vietqr_jni.h"

#define BANK_CLASS "vn/vietqr/Bank"
#define BANK_CTOR "(Ljava/lang/String;[B[BLjava/lang/String;)V"

/* Order of the field strings of vietqrBuild / vietqrWrite (VietQRBuilder),
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
 * The builder's fields cross as F_COUNT strings (null: absent, the
 * library's default), encoded here into `pool` (or the heap, for what does
 * not fit: freed by the caller through `heap`).
 */
#define FIELD_POOL 2048

/*
 * Fills `in` from the builder's fields. The C struct takes NUL-terminated
 * strings: a NUL inside a field is VQR_ERR_INVALID_ARGUMENT at its offset,
 * never a shorter string. Returns false with an exception thrown.
 */
static bool request(JNIEnv *env, const jstring field[F_COUNT], jint service, jlong amount,
                    jint currency, vqr_vietqr *in, char *pool, char *heap[F_COUNT])
{
    vqr_vietqr_init(in, sizeof *(in), NULL);
    const char **slot[F_COUNT] = {
        &in->bank,          &in->account,       &in->country,     &in->mcc,
        &in->merchant_name, &in->merchant_city, &in->bill_number, &in->store,
        &in->reference,     &in->terminal,      &in->purpose,
    };
    size_t used = 0;
    for (int f = 0; f < F_COUNT; f++) {
        if (!field[f])
            continue; /* absent: the library's default */
        size_t n;
        char *at = pool + used;
        char *s = jni_string_utf8(env, field[f], k_field_tag[f], at, FIELD_POOL - used, &n);
        if (!s)
            return false;
        if (s == at)
            used += n + 1;
        else
            heap[f] = s;
        const char *nul = memchr(s, '\0', n);
        if (nul) {
            vqr_error e;
            VQR_INIT(&e);
            memset(&e, 0, sizeof e);
            e.size = sizeof e;
            e.code = VQR_ERR_INVALID_ARGUMENT;
            e.offset = (size_t)(nul - s);
            for (const char *c = s; c < nul; c++)
                e.char_offset += ((unsigned char)*c & 0xC0) != 0x80;
            e.related_offset = SIZE_MAX;
            strcpy(e.tag, k_field_tag[f]);
            e.name = vqr_status_name(e.code);
            e.message = vqr_strerror(e.code);
            e.message_vi = vqr_strerror_vi(e.code);
            jni_throw_error(env, &e, NULL);
            return false;
        }
        *slot[f] = s;
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

/* Most bytes pack_report writes. */
#define REPORT_PACKED                                        \
    (2 + sizeof(((vqr_vietqr_report *)0)->bin) + 1 + 8 + 1 + \
     VQR_VIETQR_TEXT_FIELDS * (2 + VQR_TAG_MAX + 8 + 8 + 2 + VQR_VIETQR_TEXT_MAX))

/*
 * The report as VietQRReport.read takes it: bin, bank known (u8), changed
 * (u64), count (u8), then per changed field its tag, changed (u64), chars
 * (u64) and text.
 */
static void pack_report(jni_pack *k, const vqr_vietqr_report *r)
{
    size_t count = r->count < VQR_VIETQR_TEXT_FIELDS ? r->count : VQR_VIETQR_TEXT_FIELDS;
    jni_put_str(k, r->bin, sizeof r->bin);
    jni_put_u8(k, r->bank_known);
    jni_put_u64(k, r->changed);
    jni_put_u8(k, (unsigned)count);
    for (size_t i = 0; i < count; i++) {
        const vqr_vietqr_change *f = &r->field[i];
        jni_put_str(k, f->tag, sizeof f->tag);
        jni_put_u64(k, f->changed);
        jni_put_u64(k, f->chars);
        jni_put_str(k, f->text, sizeof f->text);
    }
}

static void free_fields(char *heap[F_COUNT])
{
    for (int f = 0; f < F_COUNT; f++)
        free(heap[f]);
}

/* Builds into a payload; returns the packed report (VietQRReport.read). */
static jbyteArray j_vietqr_build(JNIEnv *env, jclass cls, jlong h, jstring bank, jstring account,
                                 jstring country, jstring mcc, jstring name, jstring city,
                                 jstring bill, jstring store, jstring reference, jstring terminal,
                                 jstring purpose, jint service, jlong amount, jint currency,
                                 jboolean strict_text, jboolean alnum_account)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return NULL;
    const jstring field[F_COUNT] = { bank, account, country,   mcc,      name,   city,
                                     bill, store,   reference, terminal, purpose };
    vqr_vietqr in;
    char pool[FIELD_POOL];
    char *heap[F_COUNT] = { NULL };
    vqr_vietqr_report report;
    VQR_INIT(&report);
    vqr_error err;
    VQR_INIT(&err);
    jbyteArray r = NULL;
    if (request(env, field, service, amount, currency, &in, pool, heap)) {
        vqr_status st =
            vqr_vietqr_build(&in, vietqr_flags(strict_text, alnum_account), p, &report, &err);
        if (st == VQR_OK) {
            unsigned char buf[REPORT_PACKED];
            jni_pack k = { buf, 0 };
            pack_report(&k, &report);
            r = jni_new_bytes(env, (const char *)buf, k.len);
        } else {
            jni_throw_error(env, &err, NULL);
        }
    }
    free_fields(heap);
    return r;
}

/* Writes without a payload: the text (u16 length, bytes), then the packed
 * report (VietQRResult), into `out` when it is long enough; returns their
 * length (0 with an exception thrown). */
static jint j_vietqr_write(JNIEnv *env, jclass cls, jstring bank, jstring account, jstring country,
                           jstring mcc, jstring name, jstring city, jstring bill, jstring store,
                           jstring reference, jstring terminal, jstring purpose, jint service,
                           jlong amount, jint currency, jboolean strict_text,
                           jboolean alnum_account, jbyteArray out)
{
    (void)cls;
    const jstring field[F_COUNT] = { bank, account, country,   mcc,      name,   city,
                                     bill, store,   reference, terminal, purpose };
    vqr_vietqr in;
    char pool[FIELD_POOL];
    char *heap[F_COUNT] = { NULL };
    vqr_vietqr_report report;
    VQR_INIT(&report);
    vqr_error err;
    VQR_INIT(&err);
    jint r = 0;
    if (request(env, field, service, amount, currency, &in, pool, heap)) {
        /* The text goes straight after its u16 length. */
        unsigned char buf[2 + VQR_PAYLOAD_BUF_SIZE + REPORT_PACKED];
        size_t len = 0;
        vqr_status st =
            vqr_vietqr_write(&in, vietqr_flags(strict_text, alnum_account), (char *)buf + 2,
                             VQR_PAYLOAD_BUF_SIZE, &len, &report, &err);
        if (st == VQR_OK) {
            jni_pack k = { buf, 0 };
            jni_put_u16(&k, len);
            k.len += len;
            pack_report(&k, &report);
            if ((jsize)k.len <= (*env)->GetArrayLength(env, out))
                (*env)->SetByteArrayRegion(env, out, 0, (jsize)k.len, (const jbyte *)buf);
            r = (jint)k.len;
        } else {
            jni_throw_error(env, &err, NULL);
        }
    }
    free_fields(heap);
    return r;
}

/*
 * The VietQR view packed for VietQRInfo: at 0 network, 4 mai_id, 8
 * service, 12 amount_status (i32 each), 16 amount_minor, 24 currency (u64
 * each), 32 bank_known, 33 is_static, 34 is_dynamic (u8 each), 35 zero;
 * at INFO_ENDS the end of each of the INFO_STRINGS strings (u16 each),
 * whose bytes follow from INFO_DATA, in the order of VietQRInfo's
 * accessors.
 */
#define INFO_STRINGS 18
#define INFO_ENDS 36
#define INFO_DATA (INFO_ENDS + 2 * INFO_STRINGS)

/*
 * Copies the string in an array of `cap` bytes up to its NUL (or the whole
 * array) to `out`; returns its length. Eight bytes at a time, as long as
 * no zero byte is among them: `out` may receive up to `cap` bytes, those
 * after the string's end undefined. The bytes after the NUL may never
 * have been written (the view is not cleared): a word holding the NUL is
 * found whatever they are, and then read byte by byte.
 */
static size_t copy_string(unsigned char *out, const char *s, size_t cap)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t j = 0;
    for (; j + 8 <= cap; j += 8) {
        uint64_t w;
        memcpy(&w, s + j, 8);
        memcpy(out + j, &w, 8);
        if ((w - ones) & ~w & highs) /* a zero byte in w */
            break;
    }
    for (; j < cap && s[j]; j++)
        out[j] = (unsigned char)s[j];
    return j;
}

/* The view packed into `out` when it is long enough; returns the packed
 * length (0 with an exception thrown). */
static jint j_vietqr_read(JNIEnv *env, jclass cls, jlong h, jbyteArray out)
{
    (void)cls;
    vqr_payload *p = jni_payload(env, h);
    if (!p)
        return 0;
    /* Not cleared: the reader writes every field, each string up to its
     * NUL (vietqr.h); only those bytes are read here. */
    vqr_vietqr_info i;
    i.size = sizeof i;
    vqr_error err;
    VQR_INIT(&err);
    vqr_status st = vqr_vietqr_read(p, &i, &err);
    if (st != VQR_OK) {
        jni_throw_error(env, &err, NULL);
        return 0;
    }
    struct {
        const char *s;
        size_t cap;
    } const str[INFO_STRINGS] = {
#define INFO_S(f) { i.f, sizeof i.f }
        INFO_S(guid),          INFO_S(bin),         INFO_S(bank_short_name),
        INFO_S(bank_name),     INFO_S(bank_swift),  INFO_S(account),
        INFO_S(service_code),  INFO_S(amount),      INFO_S(currency_alpha),
        INFO_S(country),       INFO_S(mcc),         INFO_S(merchant_name),
        INFO_S(merchant_city), INFO_S(bill_number), INFO_S(store),
        INFO_S(reference),     INFO_S(terminal),    INFO_S(purpose),
#undef INFO_S
    };
    /* The strings are parts of the struct: it bounds their sum. */
    unsigned char buf[INFO_DATA + sizeof i];
    jni_pack k = { buf, 0 };
    jni_put_u64(&k, (uint32_t)i.network | (uint64_t)(uint32_t)i.mai_id << 32);
    jni_put_u64(&k, (uint32_t)i.service | (uint64_t)(uint32_t)i.amount_status << 32);
    jni_put_u64(&k, i.amount_minor);
    jni_put_u64(&k, i.currency);
    jni_put_u8(&k, i.bank_known);
    jni_put_u8(&k, i.is_static);
    jni_put_u8(&k, i.is_dynamic);
    jni_put_u8(&k, 0);
    size_t end = INFO_DATA;
    for (int s = 0; s < INFO_STRINGS; s++) {
        end += copy_string(buf + end, str[s].s, str[s].cap);
        jni_put_u16(&k, end);
    }
    if ((jsize)end <= (*env)->GetArrayLength(env, out))
        (*env)->SetByteArrayRegion(env, out, 0, (jsize)end, (const jbyte *)buf);
    return (jint)end;
}

/* The F_COUNT field strings of vietqrBuild and vietqrWrite. */
#define STR_SIG "Ljava/lang/String;"
#define FIELDS_SIG \
    STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG STR_SIG

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
    JNI_METHOD("vietqrBuild", "(J" FIELDS_SIG "IJIZZ)[B", j_vietqr_build),
    JNI_METHOD("vietqrWrite", "(" FIELDS_SIG "IJIZZ[B)I", j_vietqr_write),
    JNI_METHOD("vietqrRead", "(J[B)I", j_vietqr_read),
};

jint jni_register_profile(JNIEnv *env, jclass cls)
{
    return (*env)->RegisterNatives(env, cls, k_methods,
                                   (jint)(sizeof k_methods / sizeof k_methods[0]));
}
