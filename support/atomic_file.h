/*
 * atomic_file.h - writing a file whole or not at all, and opening an
 * output that must be a regular file. POSIX only, no dependency.
 *
 * This file and atomic_file.c are compiled into libvietqr (for
 * vqr_render_png_file and vqr_render_svg_file, where every symbol stays
 * hidden) and into the vietqr tool (for every file it writes). They are
 * shared as source rather than exported by libvietqr: how an application
 * names, locks and replaces its files is its own policy, not part of a
 * payments library's ABI, and the tool may not include lib/ internals.
 *
 * Every function returns 0 on success, an errno value on a system error,
 * or VQR_AF_NOT_REGULAR when the path exists and is not a regular file (a
 * device such as /dev/full, a FIFO, a socket, a directory or a symbolic
 * link): such a path is never written to, replaced or opened for writing.
 * Thread-safe; nothing is global.
 */
#ifndef VQR_ATOMIC_FILE_H
#define VQR_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* The path exists and is not a regular file. Negative: never an errno. */
#define VQR_AF_NOT_REGULAR (-1)

/* A temporary file being written next to its target. */
typedef struct vqr_af {
    int fd;       /* open for writing; -1 once committed or aborted */
    char *target; /* the path it will replace (a copy) */
    char *tmp;    /* its own path: "<target>.<16 random hex digits>.tmp" */
} vqr_af;

/* The suffix every temporary file ends with, for finding leftovers. */
#define VQR_AF_SUFFIX ".tmp"

/* 0 when `path` does not exist or is a regular file; VQR_AF_NOT_REGULAR
 * when it is anything else (lstat: a symbolic link is not followed);
 * an errno value when it cannot be examined. */
int vqr_af_check_target(const char *path);

/* Creates the temporary file for `target` in the target's directory, under
 * an unpredictable name, with O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC and
 * mode 0666 less the umask. Refuses a target that is not a regular file. On
 * failure `f` holds nothing to release. */
int vqr_af_open(vqr_af *f, const char *target);

/* Writes all `len` bytes (retrying short writes and EINTR). */
int vqr_af_write(vqr_af *f, const void *data, size_t len);

/* fsync, close, checks the target once more, renames the temporary file
 * over it and fsyncs the directory. On failure the temporary file is
 * removed and the target is left as it was. `f` is released either way.
 * A caller that wrote through stdio (fdopen(f->fd)) fflushes, fsyncs and
 * fcloses the stream itself and sets f->fd to -1 before committing. */
int vqr_af_commit(vqr_af *f);

/* vqr_af_commit() for a caller that replaces many files at once and makes
 * them durable itself: with VQR_AF_CALLER_SYNCS it does not fsync the
 * directory after the rename (the caller fsyncs it once after all its
 * renames); the caller also closes f->fd after making the data durable
 * (fdatasync, or syncfs for many files) and sets it to -1, as above. */
#define VQR_AF_CALLER_SYNCS 1u
int vqr_af_commit_flags(vqr_af *f, unsigned flags);

/* Closes and removes the temporary file and releases `f`. Safe to call
 * after a failed commit or open. */
void vqr_af_abort(vqr_af *f);

/* open, write, commit in one call. */
int vqr_af_write_file(const char *path, const void *data, size_t len);

/* Opens `path` with `flags` (O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC,
 * O_APPEND, O_EXCL) and O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, so that a FIFO
 * or a device cannot block the open; then refuses anything but a regular
 * file (VQR_AF_NOT_REGULAR, the descriptor closed) and clears O_NONBLOCK.
 * `*fd` receives the descriptor, or -1. */
int vqr_af_open_regular(const char *path, int flags, mode_t mode, int *fd);

/* A message for a value these functions return (static English text). */
const char *vqr_af_strerror(int code);

#endif /* VQR_ATOMIC_FILE_H */
