/*
 * qr.c - encodes a payload into a QR code with libqrencode, as EMVCo MPM
 * 4.12 asks: one Byte-mode (8-bit) segment, preceded by an ECI 000026
 * (UTF-8) designator when a byte is >= 0x80, at the requested level, in the
 * smallest version that holds it. The matrix is copied into a vqr_qr
 * allocated through the caller's allocator; libqrencode's types stay here.
 *
 * libqrencode reports errors as NULL or -1 plus errno; errno is read right
 * after the failed call, before anything else can change it.
 *
 * Where the loaded libqrencode exports QRcode_encodeMask (Debian's does;
 * qrencode.h does not declare it, and upstream makes it static unless the
 * library is built with its tests), the symbol is made with mask 0 and
 * lib/qr_mask.c picks the mask libqrencode's own choice would: the encoding
 * takes under a third of the time. The function is looked up at run time
 * (dlsym), never linked, so libvietqr.so has no undefined reference to it
 * and loads with any libqrencode 4; where the lookup fails,
 * QRcode_encodeInput chooses the mask and the symbol is the same. The
 * lookup is per call (a few hundred nanoseconds): a cached pointer would be
 * global mutable state. Building with -Dqrencode_mask_lookup=false looks up
 * a name that does not exist instead, so that the tests run the fallback.
 */
/* RTLD_DEFAULT: the lookup scope of this library, its dependencies
 * included (also when it was loaded with RTLD_LOCAL, as ctypes does). */
#define _GNU_SOURCE 1 /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */

#include "common.h"
#include "qr_mask.h"
#include "render.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <qrencode.h>
#include <stdint.h>

/* The mask every symbol is made with before lib/qr_mask.c chooses. */
#define VQR_QR_MASK0 0

#ifndef VQR_QR_ENCODE_MASK_NAME
#define VQR_QR_ENCODE_MASK_NAME "QRcode_encodeMask"
#endif

/* libqrencode's encoder with a given mask (0-7), or its own choice (-1),
 * declared only in its private qrencode_inner.h. */
typedef QRcode *(*encode_mask_fn)(QRinput *input, int mask);

/* QRcode_encodeMask of the loaded libqrencode, or NULL. */
static encode_mask_fn encode_mask_lookup(void)
{
    encode_mask_fn fn;
    void *sym = dlsym(RTLD_DEFAULT, VQR_QR_ENCODE_MASK_NAME);

    /* POSIX: a data pointer from dlsym converts to a function pointer. */
    memcpy(&fn, &sym, sizeof fn);
    return fn;
}

/* Data codewords of a version 40 symbol, per level L, M, Q, H. */
static const unsigned v40_data_codewords[4] = { 2956, 2334, 1666, 1276 };

static QRecLevel qr_level(vqr_ecc ecc)
{
    switch (ecc) {
    case VQR_ECC_L:
        return QR_ECLEVEL_L;
    case VQR_ECC_Q:
        return QR_ECLEVEL_Q;
    case VQR_ECC_H:
        return QR_ECLEVEL_H;
    default:
        return QR_ECLEVEL_M;
    }
}

/* Most payload bytes a version 40 symbol holds at `ecc`: a 4-bit mode and a
 * 16-bit count, plus 12 bits for the ECI designator when there is one. */
static size_t qr_capacity(vqr_ecc ecc, bool eci)
{
    size_t bits = (size_t)v40_data_codewords[ecc - VQR_ECC_L] * 8u - 20u - (eci ? 12u : 0u);
    return bits / 8u;
}

static vqr_status qr_fail(vqr_error *err, vqr_status code, size_t limit)
{
    vqr_error_fill(err, code, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "", SIZE_MAX, limit);
    return code;
}

/* Maps the errno of a failed libqrencode call. */
static vqr_status qr_errno(vqr_error *err, int e, vqr_ecc ecc, bool eci)
{
    switch (e) {
    case ERANGE:
        return qr_fail(err, VQR_ERR_QR_TOO_LONG, qr_capacity(ecc, eci));
    case ENOMEM:
        return qr_fail(err, VQR_ERR_NO_MEMORY, 0);
    case EINVAL:
        return qr_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    default:
        return qr_fail(err, VQR_ERR_QR_ENCODER, 0);
    }
}

/* Runs libqrencode: with mask 0 through `mask_fn` when there is one, else
 * letting it choose. Returns NULL with *st set on failure. */
static QRcode *qr_run(const unsigned char *data, size_t len, vqr_ecc ecc, bool eci,
                      encode_mask_fn mask_fn, vqr_status *st, vqr_error *err)
{
    QRinput *input;
    QRcode *code;
    int e;

    input = QRinput_new2(0, qr_level(ecc));
    if (input == NULL) {
        e = errno;
        *st = qr_errno(err, e, ecc, eci);
        return NULL;
    }
    if (eci && QRinput_appendECIheader(input, 26) != 0) {
        e = errno;
        QRinput_free(input);
        *st = qr_errno(err, e, ecc, eci);
        return NULL;
    }
    if (QRinput_append(input, QR_MODE_8, (int)len, data) != 0) {
        e = errno;
        QRinput_free(input);
        *st = qr_errno(err, e, ecc, eci);
        return NULL;
    }
    code = mask_fn != NULL ? mask_fn(input, VQR_QR_MASK0) : QRcode_encodeInput(input);
    if (code == NULL) {
        e = errno;
        QRinput_free(input);
        *st = qr_errno(err, e, ecc, eci);
        return NULL;
    }
    QRinput_free(input);
    return code;
}

vqr_status vqr_qr_encode(const char *payload, size_t len, vqr_ecc ecc, const vqr_allocator *alloc,
                         vqr_qr **out, vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    const vqr_allocator *a;
    const unsigned char *data = (const unsigned char *)payload;
    vqr_status st = VQR_OK;
    QRcode *code;
    vqr_qr *qr;
    size_t n, bad;
    bool ascii = true;
    encode_mask_fn mask_fn;

    vqr_error_clear(err);
    if (out != NULL) {
        *out = NULL;
    }
    a = vqr_alloc_pick(alloc);
    if (out == NULL || (payload == NULL && len > 0) || a == NULL || (int)ecc < VQR_ECC_DEFAULT ||
        ecc > VQR_ECC_H) {
        return qr_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    if (ecc == VQR_ECC_DEFAULT) {
        ecc = VQR_ECC_M;
    }
    if (len == 0) {
        return qr_fail(err, VQR_ERR_QR_EMPTY, 0);
    }
    bad = vqr_utf8_check(data, len, &ascii);
    if (bad != len) {
        vqr_error_fill(err, VQR_ERR_UTF8, VQR_SEVERITY_ERROR, bad, vqr_utf8_count(data, bad), "",
                       SIZE_MAX, 0);
        return VQR_ERR_UTF8;
    }
    if (len > (size_t)INT_MAX) {
        return qr_fail(err, VQR_ERR_QR_TOO_LONG, qr_capacity(ecc, !ascii));
    }

    mask_fn = encode_mask_lookup();
    code = qr_run(data, len, ecc, !ascii, mask_fn, &st, err);
    if (code == NULL) {
        return st;
    }
    n = (size_t)code->width * (size_t)code->width;
    qr = vqr_alloc_malloc(a, sizeof *qr + n);
    if (qr == NULL) {
        QRcode_free(code);
        return qr_fail(err, VQR_ERR_NO_MEMORY, 0);
    }
    qr->alloc = *a;
    qr->version = code->version;
    qr->width = code->width;
    qr->ecc = ecc;
    qr->eci = !ascii;
    if (mask_fn != NULL) {
        uint64_t *work = vqr_alloc_malloc(a, vqr_qr_mask_work_size(code->width));
        if (work == NULL) {
            QRcode_free(code);
            a->free(a->ctx, qr);
            return qr_fail(err, VQR_ERR_NO_MEMORY, 0);
        }
        vqr_qr_mask_choose(code->data, code->width, (int)(ecc - VQR_ECC_L), VQR_QR_MASK0, work,
                           qr->modules);
        a->free(a->ctx, work);
    } else {
        for (size_t i = 0; i < n; i++) {
            qr->modules[i] = (unsigned char)(code->data[i] & 1u);
        }
    }
    QRcode_free(code);
    *out = qr;
    return VQR_OK;
}

void vqr_qr_free(vqr_qr *qr)
{
    if (qr != NULL) {
        vqr_allocator a = qr->alloc;
        a.free(a.ctx, qr);
    }
}

int vqr_qr_version(const vqr_qr *qr)
{
    return qr != NULL ? qr->version : 0;
}

int vqr_qr_width(const vqr_qr *qr)
{
    return qr != NULL ? qr->width : 0;
}

vqr_ecc vqr_qr_ecc(const vqr_qr *qr)
{
    return qr != NULL ? qr->ecc : VQR_ECC_DEFAULT;
}

bool vqr_qr_has_eci(const vqr_qr *qr)
{
    return qr != NULL && qr->eci;
}

bool vqr_qr_module(const vqr_qr *qr, int x, int y)
{
    if (qr == NULL || x < 0 || y < 0 || x >= qr->width || y >= qr->width) {
        return false;
    }
    return vqr_qr_dark(qr, x, y);
}

vqr_status vqr_qr_modules(const vqr_qr *qr, unsigned char *buf, size_t cap, size_t *out_len,
                          vqr_error *err)
{
    if (vqr_error_begin(err) != VQR_OK)
        return VQR_ERR_INVALID_ARGUMENT;
    size_t n;

    vqr_error_clear(err);
    if (out_len != NULL) {
        *out_len = 0;
    }
    if (qr == NULL || (buf == NULL && cap > 0)) {
        return qr_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    n = (size_t)qr->width * (size_t)qr->width;
    if (out_len != NULL) {
        *out_len = n;
    }
    if (cap < n || buf == NULL) {
        return qr_fail(err, VQR_ERR_BUFFER_TOO_SMALL, n);
    }
    if (n > 0) { /* a code is at least 21 x 21; buf may be NULL only for 0 */
        memcpy(buf, qr->modules, n);
    }
    return VQR_OK;
}
