/*
 * atomic_file.c - see atomic_file.h.
 */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif

#define TMP_TRIES 100
#define HEX_DIGITS 16

int vqr_af_check_target(const char *path)
{
    struct stat st;

    if (path == NULL || path[0] == '\0') {
        return EINVAL;
    }
    if (lstat(path, &st) != 0) {
        return errno == ENOENT ? 0 : errno;
    }
    return S_ISREG(st.st_mode) ? 0 : VQR_AF_NOT_REGULAR;
}

/* 8 bytes from /dev/urandom. */
static int urandom_bytes(unsigned char out[8])
{
    size_t got = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        return errno;
    }
    while (got < 8) {
        ssize_t n = read(fd, out + got, 8 - got);
        if (n <= 0) {
            int rc = n < 0 ? errno : EIO;
            if (n < 0 && rc == EINTR) {
                continue;
            }
            (void)close(fd);
            return rc;
        }
        got += (size_t)n;
    }
    (void)close(fd);
    return 0;
}

/* 8 bytes from the kernel's random source. */
static int random_bytes(unsigned char out[8])
{
#if defined(__linux__)
    size_t got = 0;
    while (got < 8) {
        ssize_t n = getrandom(out + got, 8 - got, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return urandom_bytes(out);
        }
        got += (size_t)n;
    }
    return 0;
#else
    return urandom_bytes(out);
#endif
}

static void release(vqr_af *f)
{
    free(f->tmp);
    free(f->target);
    f->tmp = NULL;
    f->target = NULL;
    f->fd = -1;
}

int vqr_af_open(vqr_af *f, const char *target)
{
    static const char hex[] = "0123456789abcdef";
    size_t n;
    int rc;

    f->fd = -1;
    f->tmp = NULL;
    f->target = NULL;
    rc = vqr_af_check_target(target);
    if (rc != 0) {
        return rc;
    }
    n = strlen(target);
    f->target = malloc(n + 1);
    f->tmp = malloc(n + 1 + HEX_DIGITS + sizeof VQR_AF_SUFFIX);
    if (f->target == NULL || f->tmp == NULL) {
        release(f);
        return ENOMEM;
    }
    memcpy(f->target, target, n + 1);
    for (int i = 0; i < TMP_TRIES; i++) {
        unsigned char r[8];
        char *p = f->tmp + n + 1;
        rc = random_bytes(r);
        if (rc != 0) {
            break;
        }
        memcpy(f->tmp, target, n);
        f->tmp[n] = '.';
        for (size_t k = 0; k < 8; k++) {
            *p++ = hex[r[k] >> 4];
            *p++ = hex[r[k] & 15];
        }
        memcpy(p, VQR_AF_SUFFIX, sizeof VQR_AF_SUFFIX);
        f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (f->fd >= 0) {
            return 0;
        }
        rc = errno;
        if (rc != EEXIST) {
            break;
        }
    }
    release(f);
    return rc != 0 ? rc : EEXIST;
}

int vqr_af_write(vqr_af *f, const void *data, size_t len)
{
    const unsigned char *p = data;

    while (len > 0) {
        size_t chunk = len > 0x40000000u ? 0x40000000u : len;
        ssize_t n = write(f->fd, p, chunk);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (n == 0) {
            return EIO;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* fsync of the directory holding `path`, so that the rename is durable.
 * Best effort: some file systems refuse fsync on a directory. */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;
    int fd;

    if (slash == NULL) {
        dir = NULL;
    } else {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        dir = malloc(n + 1);
        if (dir == NULL) {
            return;
        }
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    fd = open(dir != NULL ? dir : ".", O_RDONLY | O_CLOEXEC);
    free(dir);
    if (fd >= 0) {
        (void)fsync(fd);
        (void)close(fd);
    }
}

int vqr_af_commit(vqr_af *f)
{
    return vqr_af_commit_flags(f, 0);
}

int vqr_af_commit_flags(vqr_af *f, unsigned flags)
{
    int rc = 0;

    if (f->tmp == NULL) {
        release(f);
        return EBADF;
    }
    if (f->fd >= 0) {
        if (fsync(f->fd) != 0) {
            rc = errno;
        }
        if (close(f->fd) != 0 && rc == 0) {
            rc = errno;
        }
        f->fd = -1;
    }
    if (rc == 0) {
        /* The target may have been replaced by something else meanwhile. */
        rc = vqr_af_check_target(f->target);
    }
    if (rc == 0 && rename(f->tmp, f->target) != 0) {
        rc = errno;
    }
    if (rc != 0) {
        (void)unlink(f->tmp);
    } else if (!(flags & VQR_AF_CALLER_SYNCS)) {
        sync_dir(f->target);
    }
    release(f);
    return rc;
}

void vqr_af_abort(vqr_af *f)
{
    if (f->fd >= 0) {
        (void)close(f->fd);
    }
    if (f->tmp != NULL) {
        (void)unlink(f->tmp);
    }
    release(f);
}

int vqr_af_write_file(const char *path, const void *data, size_t len)
{
    vqr_af f;
    int rc = vqr_af_open(&f, path);

    if (rc != 0) {
        return rc;
    }
    rc = vqr_af_write(&f, data, len);
    if (rc != 0) {
        vqr_af_abort(&f);
        return rc;
    }
    return vqr_af_commit(&f);
}

int vqr_af_open_regular(const char *path, int flags, mode_t mode, int *fd)
{
    struct stat st;
    int d, fl;

    *fd = -1;
    if (path == NULL || path[0] == '\0') {
        return EINVAL;
    }
    d = open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode);
    if (d < 0) {
        /* O_NOFOLLOW on a symbolic link: ELOOP; report what it is. */
        return errno == ELOOP ? VQR_AF_NOT_REGULAR : errno;
    }
    if (fstat(d, &st) != 0) {
        int rc = errno;
        (void)close(d);
        return rc;
    }
    if (!S_ISREG(st.st_mode)) {
        (void)close(d);
        return VQR_AF_NOT_REGULAR;
    }
    fl = fcntl(d, F_GETFL);
    if (fl < 0 || fcntl(d, F_SETFL, fl & ~O_NONBLOCK) != 0) {
        int rc = errno;
        (void)close(d);
        return rc;
    }
    *fd = d;
    return 0;
}

const char *vqr_af_strerror(int code)
{
    if (code == VQR_AF_NOT_REGULAR) {
        return "not a regular file (a device, FIFO, socket, directory or symbolic link)";
    }
    return strerror(code);
}
