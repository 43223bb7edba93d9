/* fuzz_util.c - helpers shared by the fuzz targets (see fuzz.h). */
#include "fuzz.h"

#include <string.h>

typedef struct dumper {
    char *out;
    size_t cap;
    size_t len;
} dumper;

static void emit(dumper *d, const char *s, size_t n)
{
    FUZZ_CHECK(d->len + n < d->cap);
    memcpy(d->out + d->len, s, n);
    d->len += n;
}

static void dump_level(const vqr_payload *p, dumper *d, vqr_handle parent, int depth)
{
    vqr_handle by_id[100];
    for (int i = 0; i < 100; i++)
        by_id[i] = VQR_NONE;
    FUZZ_CHECK(depth <= 2);
    for (vqr_handle h = vqr_payload_first(p, parent); h != VQR_NONE; h = vqr_payload_next(p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        FUZZ_CHECK(vqr_payload_object(p, h, &o, NULL) == VQR_OK);
        FUZZ_CHECK(o.id >= 0 && o.id <= 99);
        FUZZ_CHECK(o.depth == depth);
        FUZZ_CHECK(by_id[o.id] == VQR_NONE);
        by_id[o.id] = h;
    }
    for (int id = 0; id < 100; id++) {
        vqr_object o;
        VQR_INIT(&o);
        if (by_id[id] == VQR_NONE || (parent == VQR_ROOT && id == 63))
            continue;
        FUZZ_CHECK(vqr_payload_object(p, by_id[id], &o, NULL) == VQR_OK);
        emit(d, o.tag, strlen(o.tag));
        if (o.is_template) {
            emit(d, "{", 1);
            dump_level(p, d, by_id[id], depth + 1);
            emit(d, "}", 1);
            continue;
        }
        char head[32];
        int n = snprintf(head, sizeof head, "%s%zu:", o.raw ? "~" : "=", o.value.len);
        emit(d, head, (size_t)n);
        if (o.value.len)
            emit(d, o.value.ptr, o.value.len);
    }
}

size_t fuzz_tree_dump(const vqr_payload *p, char *out, size_t cap)
{
    dumper d = { out, cap, 0 };
    dump_level(p, &d, VQR_ROOT, 0);
    out[d.len] = '\0';
    return d.len;
}

int fuzz_has_diag(const vqr_payload *p, vqr_status code)
{
    size_t n = vqr_payload_diag_count(p);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        FUZZ_CHECK(vqr_payload_diag(p, i, &e, NULL) == VQR_OK);
        if (e.code == code)
            return 1;
    }
    return 0;
}

char *fuzz_copy_input(const uint8_t *in, size_t len, bool fix, bool lower)
{
    char *s = malloc(len ? len : 1);
    FUZZ_CHECK(s != NULL);
    if (len)
        memcpy(s, in, len);
    if (fix && len >= 8 && memcmp(s + len - 8, "6304", 4) == 0) {
        char crc[8];
        snprintf(crc, sizeof crc, lower ? "%04x" : "%04X", (unsigned)vqr_crc16(s, len - 4));
        memcpy(s + len - 4, crc, 4);
    }
    return s;
}

static bool raw_non_ascii(const vqr_payload *p, vqr_handle parent)
{
    for (vqr_handle h = vqr_payload_first(p, parent); h != VQR_NONE; h = vqr_payload_next(p, h)) {
        vqr_object o;
        VQR_INIT(&o);
        FUZZ_CHECK(vqr_payload_object(p, h, &o, NULL) == VQR_OK);
        if (o.raw)
            for (size_t i = 0; i < o.value.len; i++)
                if ((unsigned char)o.value.ptr[i] >= 0x80)
                    return true;
        if (raw_non_ascii(p, h))
            return true;
    }
    return false;
}

bool fuzz_has_raw_non_ascii(const vqr_payload *p)
{
    return raw_non_ascii(p, VQR_ROOT);
}

/* Written apart from lib/utf8.c, straight from the table, to check it. */
size_t fuzz_utf8_bad(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (i + n > len || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < n; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return i;
        i += n;
    }
    return len;
}
