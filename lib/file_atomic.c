/*
 * file_atomic.c - writes a file whole or not at all. The bytes go to a new
 * file next to the target (same directory, so the rename stays on one file
 * system), are flushed to disk, and the file is renamed over the target.
 * On any failure the new file is removed and the target is untouched.
 *
 * The temporary name is "<path>.tmp-<pid>-<n>", created with O_EXCL; a name
 * already taken (another writer, a leftover) moves on to the next n, so no
 * shared counter is needed. The file is created with mode 0666, which the
 * umask reduces as for any new file.
 */
#include "internal.h"
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#define TMP_TRIES 1000

static bool write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        size_t chunk = len > 0x40000000u ? 0x40000000u : len;
        ssize_t n = write(fd, p, chunk);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        if (n == 0) {
            return false;
        }
        p += n;
        len -= (size_t)n;
    }
    return true;
}

vqr_status vqr_file_write_atomic(const char *path, const void *data, size_t len,
                                 const vqr_allocator *alloc, vqr_error *err)
{
    size_t plen, cap;
    char *tmp;
    int fd = -1;
    int i;
    bool ok;

    if (path == NULL || path[0] == '\0') {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    plen = strlen(path);
    if (plen > SIZE_MAX - 48) {
        return vqr_render_fail(err, VQR_ERR_INVALID_ARGUMENT, 0);
    }
    cap = plen + 48;
    tmp = vqr_alloc_malloc(alloc, cap);
    if (tmp == NULL) {
        return vqr_render_fail(err, VQR_ERR_NO_MEMORY, 0);
    }
    for (i = 0; i < TMP_TRIES; i++) {
        int n = snprintf(tmp, cap, "%s.tmp-%ld-%d", path, (long)getpid(), i);
        if (n < 0 || (size_t)n >= cap) {
            break; /* cannot happen: cap leaves room for the suffix */
        }
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) {
            break;
        }
    }
    if (fd < 0) {
        vqr_alloc_free(alloc, tmp);
        return vqr_render_fail(err, VQR_ERR_IO, 0);
    }

    ok = write_all(fd, data, len);
    ok = ok && fsync(fd) == 0;
    ok = (close(fd) == 0) && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        unlink(tmp);
    }
    vqr_alloc_free(alloc, tmp);
    return ok ? VQR_OK : vqr_render_fail(err, VQR_ERR_IO, 0);
}
