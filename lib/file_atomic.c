/*
 * file_atomic.c - vqr_render_png_file and vqr_render_svg_file write their
 * file whole or not at all through support/atomic_file.c, the helper the
 * vietqr tool uses too: a temporary file under an unpredictable name next
 * to the target, fsynced and renamed over it; a target that exists and is
 * not a regular file is refused (VQR_ERR_NOT_REGULAR_FILE).
 */
#include "atomic_file.h"
#include "common.h"
#include "render.h"

#include <errno.h>

vqr_status vqr_file_write_atomic(const char *path, const void *data, size_t len,
                                 const vqr_allocator *alloc, vqr_error *err)
{
    int rc;

    (void)alloc; /* the helper's few bytes of path come from malloc */
    if (path == NULL || path[0] == '\0') {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    rc = vqr_af_write_file(path, data, len);
    if (rc == 0) {
        return VQR_OK;
    }
    if (rc == VQR_AF_NOT_REGULAR) {
        return vqr_render_fail(err, VQR_ERR_NOT_REGULAR_FILE, 0);
    }
    return vqr_render_fail(err, rc == ENOMEM ? VQR_ERR_NO_MEMORY : VQR_ERR_IO, 0);
}
