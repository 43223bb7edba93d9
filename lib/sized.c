/*
 * sized.c - structs that grow by their `size` (see "Structs that grow" in
 * vietqr.h). Every public function that takes or fills a sized struct goes
 * through these helpers, so the rule is written once:
 *
 *  - a size is usable when it is at least sizeof(size_t) (the size field
 *    itself) and at most VQR_STRUCT_SIZE_MAX; the size is read before any
 *    other byte, and no byte past it is ever read or written;
 *  - a struct passed in is copied into a local one of this version that
 *    holds the defaults: the caller's first min(size, ours) bytes win, and
 *    bytes past the fields this version knows must be zero;
 *  - a struct the library fills is written through a full local copy when
 *    the caller's is smaller than ours; only the caller's `size` bytes are
 *    written, and bytes past the fields this version knows are zeroed.
 */
#include "common.h"

size_t vqr_sized_size(const void *s)
{
    size_t n;

    memcpy(&n, s, sizeof n);
    return n;
}

bool vqr_sized_ok(const void *s)
{
    size_t n;

    if (s == NULL) {
        return false;
    }
    n = vqr_sized_size(s);
    return n >= sizeof(size_t) && n <= VQR_STRUCT_SIZE_MAX;
}

bool vqr_sized_in(void *local, size_t ours, const void *in)
{
    const unsigned char *b = in;
    size_t n, i;

    if (!vqr_sized_ok(in)) {
        return false;
    }
    n = vqr_sized_size(in);
    for (i = ours; i < n; i++) {
        if (b[i] != 0) {
            return false;
        }
    }
    memcpy((unsigned char *)local + sizeof(size_t), b + sizeof(size_t),
           (n < ours ? n : ours) - sizeof(size_t));
    memcpy(local, &ours, sizeof ours);
    return true;
}

void *vqr_sized_out_begin(void *caller, void *local, size_t ours)
{
    size_t n;
    void *work;

    if (!vqr_sized_ok(caller)) {
        return NULL;
    }
    n = vqr_sized_size(caller);
    /* Zero what the caller gave (past the size), then work in place when
     * the caller's struct holds ours whole. */
    memset((unsigned char *)caller + sizeof(size_t), 0, n - sizeof(size_t));
    work = n >= ours ? caller : local;
    if (work == local) {
        memset(local, 0, ours);
        memcpy(local, &n, sizeof n);
    }
    return work;
}

void vqr_sized_out_end(void *caller, const void *work, size_t ours)
{
    size_t n;

    if (work == caller || work == NULL) {
        return;
    }
    n = vqr_sized_size(caller);
    memcpy((unsigned char *)caller + sizeof(size_t), (const unsigned char *)work + sizeof(size_t),
           (n < ours ? n : ours) - sizeof(size_t));
}

vqr_status vqr_init(void *obj, size_t size, vqr_error *err)
{
    if (!vqr_error_usable(err)) {
        return VQR_ERR_INVALID_ARGUMENT;
    }
    if (obj == NULL || size < sizeof(size_t) || size > VQR_STRUCT_SIZE_MAX) {
        vqr_error_fill(err, VQR_ERR_INVALID_ARGUMENT, VQR_SEVERITY_ERROR, SIZE_MAX, SIZE_MAX, "",
                       SIZE_MAX, VQR_STRUCT_SIZE_MAX);
        return VQR_ERR_INVALID_ARGUMENT;
    }
    memset(obj, 0, size);
    memcpy(obj, &size, sizeof size);
    if (obj != (void *)err) {
        vqr_error_clear(err);
    }
    return VQR_OK;
}
