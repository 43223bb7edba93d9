/*
 * batch_state.c - what `vietqr batch` keeps in its output directory:
 * manifest.csv (row, file, payload, crc, sha256), rejects.csv (row, code,
 * name, message) and batch.json (the format, drawing options and library
 * version the images were made with). It also keeps the set of output
 * names already given. A rerun reads the manifest back to
 * skip rows whose image exists and matches, and replaces a report only
 * when its content changes. SHA-256 comes from nettle.
 */
/* flock(), and syncfs() on Linux: beyond POSIX. */
#if defined(__linux__)
#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#else
#define _DEFAULT_SOURCE /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
#endif

#include "batch.h"

#include <csv.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

void batch_sha256(const void *data, size_t len, unsigned char out[BATCH_SHA_LEN])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void batch_sha256_hex(const unsigned char sha[BATCH_SHA_LEN], char out[BATCH_SHA_HEX + 1])
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < BATCH_SHA_LEN; i++) {
        out[2 * i] = hex[sha[i] >> 4];
        out[2 * i + 1] = hex[sha[i] & 15];
    }
    out[BATCH_SHA_HEX] = '\0';
}

void batch_key(const char *file, const char *payload, size_t len, unsigned char out[BATCH_SHA_LEN])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(file) + 1, (const uint8_t *)file);
    sha256_update(&ctx, len, (const uint8_t *)payload);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p && snprintf(p, n, "%s/%s", dir, name) != (int)n - 1) {
        free(p);
        p = NULL;
    }
    return p;
}

int batch_open_existing(const char *path, const char **what)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    if (fd < 0) {
        if (errno == ENOENT)
            return BATCH_ABSENT;
        if (errno != ELOOP && errno != ENXIO && errno != EISDIR)
            return BATCH_OPEN_ERROR;
        /* ELOOP: a symbolic link; ENXIO: a socket or a FIFO nobody writes. */
        if (lstat(path, &st) != 0)
            return BATCH_OPEN_ERROR;
    } else if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return BATCH_OPEN_ERROR;
    } else if (S_ISREG(st.st_mode)) {
        return fd;
    } else {
        close(fd);
    }
    if (what)
        *what = S_ISLNK(st.st_mode)                          ? "a symbolic link"
                : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                : S_ISSOCK(st.st_mode)                       ? "a socket"
                : S_ISDIR(st.st_mode)                        ? "a directory"
                : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                             : "not a regular file";
    return BATCH_NOT_REGULAR;
}

/* Reads a whole small regular file (at most `max` bytes); NULL when absent,
 * unreadable, not regular or larger. */
static char *slurp(const char *path, size_t max, size_t *len)
{
    int fd = batch_open_existing(path, NULL);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got < 0) {
                free(buf);
                buf = NULL;
            }
            break;
        }
        n += (size_t)got;
        if (n > max) {
            free(buf);
            buf = NULL;
            break;
        }
        if (n + 1 == cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    close(fd);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- the output directory ----------------------------------------------- */

/* Whether `name` is a temporary file of the atomic writer for one of the
 * batch's outputs: "NAME.<16 hex digits>.tmp". */
static bool is_leftover(const char *name)
{
    size_t len = strlen(name), tail = 1 + 16 + strlen(VQR_AF_SUFFIX);
    if (len <= tail || strcmp(name + len - strlen(VQR_AF_SUFFIX), VQR_AF_SUFFIX) != 0 ||
        name[len - tail] != '.')
        return false;
    for (size_t i = len - tail + 1; i < len - strlen(VQR_AF_SUFFIX); i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f')))
            return false;
    char base[256];
    size_t blen = len - tail;
    if (blen >= sizeof base)
        return false;
    memcpy(base, name, blen);
    base[blen] = '\0';
    return strcmp(base, "manifest.csv") == 0 || strcmp(base, "rejects.csv") == 0 ||
           strcmp(base, "batch.json") == 0 || batch_output_name_ok(base);
}

int batch_dir_open(const char *cmd, const char *path, batch_dir *d, size_t *leftovers)
{
    d->path = path;
    d->fd = -1;
    *leftovers = 0;
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return cli_io_error(cmd, "cannot create the directory", path);
    d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->fd < 0)
        return cli_io_error(cmd, "cannot use", path);
    if (flock(d->fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        batch_dir_close(d);
        if (e == EWOULDBLOCK) {
            cli_error(cmd,
                      "another vietqr batch is writing into %s: wait for it to end, or "
                      "choose another --out",
                      path);
            return CLI_IO;
        }
        errno = e;
        return cli_io_error(cmd, "cannot lock", path);
    }
    /* Under the lock, no temporary file is anyone's: those there were left
     * by a run that was killed (unlinkat never follows a link). */
    int dup_fd = dup(d->fd);
    DIR *dir = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    if (!dir) {
        if (dup_fd >= 0)
            close(dup_fd);
        int st = cli_io_error(cmd, "cannot read the directory", path);
        batch_dir_close(d);
        return st;
    }
    const struct dirent *ent;
    while ((ent = readdir(dir)) != NULL)
        if (is_leftover(ent->d_name) && unlinkat(d->fd, ent->d_name, 0) == 0)
            (*leftovers)++;
    closedir(dir);
    return CLI_OK;
}

int batch_dir_sync(const batch_dir *d, bool dir_only)
{
#if defined(__linux__)
    if (!dir_only)
        return syncfs(d->fd) == 0 ? 0 : -1;
#else
    (void)dir_only;
#endif
    /* Elsewhere each file was fdatasync'ed when written: the renames remain. */
    return fsync(d->fd) == 0 || errno == EINVAL || errno == EROFS ? 0 : -1;
}

void batch_dir_close(batch_dir *d)
{
    if (d->fd >= 0)
        close(d->fd); /* releases the lock */
    d->fd = -1;
}

/* ---- reading an earlier manifest --------------------------------------- */

/* The columns the resume needs, found by name in the header. */
enum { MF_ROW, MF_FILE, MF_PAYLOAD, MF_SHA, MF_NEED };
static const char *const k_mf_names[MF_NEED] = { "row", "file", "payload", "sha256" };

/* Longest value of a column the resume reads: a payload of 512 characters
 * of up to 4 bytes each. Longer values make the record unreadable. */
#define MF_FIELD_MAX 2048

typedef struct manifest_reader {
    batch_prev *prev;
    size_t max_rows;
    int at[MF_NEED]; /* header cell of each column, -1 until the header is read */
    char *field[MF_NEED];
    size_t n;
    bool header_seen, oom, too_big;
    size_t beyond, beyond_row, bad;
} manifest_reader;

static void mf_field(void *s, size_t len, void *data)
{
    manifest_reader *m = data;
    size_t cell = m->n++;
    if (!m->header_seen) {
        for (int c = 0; c < MF_NEED; c++)
            if (strlen(k_mf_names[c]) == len && memcmp(k_mf_names[c], s, len) == 0)
                m->at[c] = (int)cell;
        return;
    }
    for (int c = 0; c < MF_NEED; c++) {
        if (m->at[c] != (int)cell)
            continue;
        if (len > MF_FIELD_MAX || memchr(s, '\0', len)) {
            m->too_big = true;
            return;
        }
        m->field[c] = malloc(len + 1);
        if (!m->field[c]) {
            m->oom = true;
            return;
        }
        memcpy(m->field[c], s, len);
        m->field[c][len] = '\0';
    }
}

static int unhex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void mf_record(int c, void *data)
{
    (void)c;
    manifest_reader *m = data;
    batch_prev *prev = m->prev;
    unsigned long row;
    bool usable = m->header_seen && !m->too_big && m->field[MF_ROW] && m->field[MF_FILE] &&
                  m->field[MF_PAYLOAD] && m->field[MF_SHA] &&
                  strlen(m->field[MF_SHA]) == BATCH_SHA_HEX &&
                  cli_parse_uint(m->field[MF_ROW], 1, ULONG_MAX, &row);
    if (!m->header_seen) {
        m->header_seen = true;
    } else if (!usable) {
        m->bad++;
    } else if (row > m->max_rows) {
        if (m->beyond++ == 0)
            m->beyond_row = row;
    } else if (prev->n == m->max_rows) {
        m->beyond++; /* more records than the input has rows */
    } else {
        batch_rec rec;
        memset(&rec, 0, sizeof rec);
        rec.row = row;
        bool ok = true;
        for (size_t i = 0; i < BATCH_SHA_LEN && ok; i++) {
            int hi = unhex(m->field[MF_SHA][2 * i]), lo = unhex(m->field[MF_SHA][2 * i + 1]);
            ok = hi >= 0 && lo >= 0;
            if (ok)
                rec.sha[i] = (unsigned char)(hi * 16 + lo);
        }
        if (!ok) {
            m->bad++;
        } else {
            if (prev->n == prev->cap) {
                size_t cap = prev->cap ? prev->cap * 2 : 256;
                batch_rec *r = realloc(prev->rec, cap * sizeof *r);
                if (!r) {
                    m->oom = true;
                    goto out;
                }
                prev->rec = r;
                prev->cap = cap;
            }
            batch_key(m->field[MF_FILE], m->field[MF_PAYLOAD], strlen(m->field[MF_PAYLOAD]),
                      rec.key);
            rec.file = m->field[MF_FILE];
            m->field[MF_FILE] = NULL;
            prev->rec[prev->n++] = rec;
        }
    }
out:
    for (int i = 0; i < MF_NEED; i++) {
        free(m->field[i]);
        m->field[i] = NULL;
    }
    m->n = 0;
    m->too_big = false;
}

static int rec_cmp(const void *a, const void *b)
{
    const batch_rec *x = a, *y = b;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Sorts the records by row and leaves out every row named twice. */
static size_t prev_sort(batch_prev *prev)
{
    size_t dropped = 0, out = 0;
    if (prev->n == 0)
        return 0;
    qsort(prev->rec, prev->n, sizeof *prev->rec, rec_cmp);
    for (size_t i = 0; i < prev->n;) {
        size_t k = i + 1;
        while (k < prev->n && prev->rec[k].row == prev->rec[i].row)
            k++;
        if (k - i == 1) {
            prev->rec[out++] = prev->rec[i];
        } else {
            for (size_t d = i; d < k; d++)
                free(prev->rec[d].file);
            dropped += k - i;
        }
        i = k;
    }
    prev->n = out;
    return dropped;
}

/* FNV-1a, 64 bits. */
static size_t hash_name(const char *s)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (size_t)h;
}

/* Indexes the records by file name; a name given twice keeps its first
 * record (both describe that file). 0, or -1 when out of memory. */
static int index_files(batch_prev *prev)
{
    size_t cap = 16;
    while (cap < 2 * prev->n)
        cap *= 2;
    prev->by_file = malloc(cap * sizeof *prev->by_file);
    if (!prev->by_file)
        return -1;
    prev->file_cap = cap;
    for (size_t i = 0; i < cap; i++)
        prev->by_file[i] = SIZE_MAX;
    for (size_t i = 0; i < prev->n; i++) {
        size_t k = hash_name(prev->rec[i].file) & (cap - 1);
        while (prev->by_file[k] != SIZE_MAX &&
               strcmp(prev->rec[prev->by_file[k]].file, prev->rec[i].file) != 0)
            k = (k + 1) & (cap - 1);
        if (prev->by_file[k] == SIZE_MAX)
            prev->by_file[k] = i;
    }
    return 0;
}

const batch_rec *batch_prev_by_file(const batch_prev *prev, const char *file)
{
    if (!prev->by_file)
        return NULL;
    size_t k = hash_name(file) & (prev->file_cap - 1);
    while (prev->by_file[k] != SIZE_MAX) {
        const batch_rec *r = &prev->rec[prev->by_file[k]];
        if (strcmp(r->file, file) == 0)
            return r;
        k = (k + 1) & (prev->file_cap - 1);
    }
    return NULL;
}

bool batch_output_name_ok(const char *name)
{
    size_t len = strlen(name);
    if (len < 5 || name[0] == '.' ||
        (strcmp(name + len - 4, ".png") != 0 && strcmp(name + len - 4, ".svg") != 0))
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Reads the manifest at `path` into `prev`. Returns CLI_OK or CLI_IO. */
static int read_manifest(const char *cmd, const char *path, size_t max_rows, batch_prev *prev)
{
    const char *what = NULL;
    int fd = batch_open_existing(path, &what);
    if (fd == BATCH_ABSENT)
        return CLI_OK;
    if (fd == BATCH_NOT_REGULAR) {
        cli_error(cmd, "%s is %s, not a regular file: remove it, or choose another --out", path,
                  what);
        return CLI_IO;
    }
    if (fd < 0)
        return cli_io_error(cmd, "cannot read", path);
    manifest_reader m;
    memset(&m, 0, sizeof m);
    m.prev = prev;
    m.max_rows = max_rows;
    for (int c = 0; c < MF_NEED; c++)
        m.at[c] = -1;
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    char buf[65536];
    bool syntax = false, rerr = false;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rerr = true;
            break;
        }
        if (n == 0) {
            syntax = csv_fini(&p, mf_field, mf_record, &m) != 0;
            break;
        }
        if (csv_parse(&p, buf, (size_t)n, mf_field, mf_record, &m) != (size_t)n) {
            syntax = true;
            break;
        }
        if (m.oom)
            break;
    }
    close(fd);
    for (int i = 0; i < MF_NEED; i++)
        free(m.field[i]);
    csv_free(&p);
    if (m.oom) {
        batch_prev_free(prev);
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    bool no_columns = false;
    for (int c = 0; c < MF_NEED; c++)
        no_columns = no_columns || m.at[c] < 0;
    size_t twice = prev_sort(prev);
    if (rerr || syntax || no_columns) {
        /* Nothing is skipped, and since it may name any file, it is
         * replaced before any image is. */
        cli_error(cmd, "%s cannot be read back; every image is checked again", path);
        batch_prev_free(prev);
        prev->unreadable = true;
        return CLI_OK;
    }
    if (index_files(prev) != 0) {
        batch_prev_free(prev);
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    if (m.beyond)
        cli_error(cmd,
                  "%s: %zu record%s name%s rows the input cannot hold (row %zu, the input has "
                  "at most %zu); left out",
                  path, m.beyond, m.beyond == 1 ? "" : "s", m.beyond == 1 ? "s" : "",
                  m.beyond_row ? m.beyond_row : max_rows + 1, max_rows);
    if (twice)
        cli_error(cmd, "%s: %zu records name the same row as another; left out", path, twice);
    if (m.bad)
        cli_error(cmd, "%s: %zu record%s cannot be read; left out", path, m.bad,
                  m.bad == 1 ? "" : "s");
    return CLI_OK;
}

int batch_prev_load(const char *cmd, const char *dir, const json_t *settings, long long input_size,
                    batch_prev *prev)
{
    memset(prev, 0, sizeof *prev);
    char *spath = join(dir, "batch.json");
    char *mpath = join(dir, "manifest.csv");
    int status = CLI_OK;
    size_t slen = 0;
    char *old = NULL;
    if (!spath || !mpath) {
        cli_error(cmd, "out of memory");
        status = CLI_IO;
        goto out;
    }
    const char *what;
    int fd = batch_open_existing(spath, &what);
    if (fd == BATCH_NOT_REGULAR) {
        cli_error(cmd, "%s is %s, not a regular file: remove it, or choose another --out", spath,
                  what);
        status = CLI_IO;
        goto out;
    }
    if (fd >= 0)
        close(fd);
    old = slurp(spath, 1 << 20, &slen);
    json_t *j = old ? json_loadb(old, slen, 0, NULL) : NULL;
    json_t *was = j ? json_object_get(j, "settings") : NULL;
    bool same = was && json_equal(was, (json_t *)settings);
    bool interrupted = j && json_is_false(json_object_get(j, "complete"));
    json_decref(j);
    size_t max_rows = input_size >= 0 && (unsigned long long)input_size < SIZE_MAX
                          ? (size_t)input_size
                          : SIZE_MAX;
    /* Every report is refused when something else is where it goes. */
    static const char *const reports[] = { "manifest.csv", "rejects.csv" };
    for (size_t i = 0; i < 2 && status == CLI_OK; i++) {
        char *path = join(dir, reports[i]);
        fd = path ? batch_open_existing(path, &what) : BATCH_OPEN_ERROR;
        if (fd == BATCH_NOT_REGULAR) {
            cli_error(cmd, "%s is %s, not a regular file: remove it, or choose another --out", path,
                      what);
            status = CLI_IO;
        } else if (fd >= 0) {
            close(fd);
        }
        free(path);
    }
    if (status == CLI_OK)
        status = read_manifest(cmd, mpath, max_rows, prev);
    prev->usable = same && !prev->unreadable;
    prev->interrupted = interrupted;
out:
    free(old);
    free(spath);
    free(mpath);
    return status;
}

const batch_rec *batch_prev_find(const batch_prev *prev, size_t row,
                                 const unsigned char key[BATCH_SHA_LEN])
{
    if (!prev->usable)
        return NULL;
    size_t lo = 0, hi = prev->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (prev->rec[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == prev->n || prev->rec[lo].row != row)
        return NULL;
    return memcmp(prev->rec[lo].key, key, BATCH_SHA_LEN) == 0 ? &prev->rec[lo] : NULL;
}

void batch_prev_free(batch_prev *prev)
{
    for (size_t i = 0; i < prev->n; i++)
        free(prev->rec[i].file);
    free(prev->rec);
    free(prev->by_file);
    memset(prev, 0, sizeof *prev);
}

/* ---- comparing with files already there ------------------------------- */

int batch_file_equals(const char *path, const void *data, size_t len)
{
    int fd = batch_open_existing(path, NULL);
    if (fd == BATCH_ABSENT)
        return 0;
    if (fd == BATCH_NOT_REGULAR)
        return BATCH_NOT_REGULAR;
    if (fd < 0)
        return -1;
    unsigned char buf[8192];
    const unsigned char *want = data;
    size_t at = 0;
    int result = 1;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            result = -1;
            break;
        }
        if (n == 0) {
            result = at == len;
            break;
        }
        if ((size_t)n > len - at || memcmp(buf, want + at, (size_t)n) != 0) {
            result = 0;
            break;
        }
        at += (size_t)n;
    }
    int e = errno;
    close(fd);
    errno = e;
    return result;
}

int batch_file_sha_equals(const char *path, const unsigned char sha[BATCH_SHA_LEN])
{
    int fd = batch_open_existing(path, NULL);
    if (fd == BATCH_ABSENT)
        return 0;
    if (fd == BATCH_NOT_REGULAR)
        return BATCH_NOT_REGULAR;
    if (fd < 0)
        return -1;
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[8192];
    int result = 1;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            result = -1;
            break;
        }
        if (n == 0)
            break;
        sha256_update(&ctx, (size_t)n, buf);
    }
    int e = errno;
    close(fd);
    errno = e;
    if (result < 0)
        return -1;
    unsigned char got[BATCH_SHA_LEN];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, got);
    return memcmp(got, sha, BATCH_SHA_LEN) == 0;
}

/* ---- reports ------------------------------------------------------------ */

int batch_report_open(const char *cmd, const char *dir, const char *name, const char *const *header,
                      size_t n, batch_report *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->af.fd = -1;
    rep->path = join(dir, name);
    if (!rep->path) {
        batch_report_abort(rep);
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    int rc = vqr_af_open(&rep->af, rep->path);
    if (rc == 0) {
        rep->f = fdopen(rep->af.fd, "wb");
        rc = rep->f ? 0 : errno;
    }
    if (rc != 0) {
        int st = cli_write_error(cmd, rep->path, rc);
        batch_report_abort(rep);
        return st;
    }
    if (batch_report_row(rep, header, n) != 0) {
        int st = cli_io_error(cmd, "cannot write", rep->af.tmp);
        batch_report_abort(rep);
        return st;
    }
    return CLI_OK;
}

int batch_report_row(batch_report *rep, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i && fputc(',', rep->f) == EOF)
            return -1;
        const char *s = fields[i] ? fields[i] : "";
        /* Quote only what needs it, so plain values read as they are. */
        if (strpbrk(s, ",\"\r\n")) {
            if (csv_fwrite(rep->f, s, strlen(s)) != 0)
                return -1;
        } else if (fputs(s, rep->f) == EOF) {
            return -1;
        }
    }
    return fputs("\r\n", rep->f) == EOF ? -1 : 0;
}

/* Whether the files at `path_a` and `path_b` hold the same bytes: 1, 0
 * (different, or `path_b` absent), -1 on a read error. */
static int same_files(const char *path_a, const char *path_b)
{
    int fd = batch_open_existing(path_a, NULL);
    if (fd < 0)
        return -1;
    int other = batch_open_existing(path_b, NULL);
    if (other == BATCH_ABSENT || other == BATCH_NOT_REGULAR || other < 0) {
        close(fd);
        return other == BATCH_OPEN_ERROR ? -1 : 0;
    }
    unsigned char a[8192], b[8192];
    off_t at = 0;
    int result = 1;
    for (;;) {
        ssize_t na = pread(fd, a, sizeof a, at);
        ssize_t nb = na < 0 ? -1 : pread(other, b, sizeof b, at);
        if (na < 0 || nb < 0) {
            result = -1;
            break;
        }
        if (na != nb || memcmp(a, b, (size_t)na) != 0) {
            result = 0;
            break;
        }
        if (na == 0)
            break;
        at += na;
    }
    close(other);
    close(fd);
    return result;
}

int batch_report_checkpoint(const char *cmd, batch_report *rep)
{
    if (fflush(rep->f) != 0)
        return cli_io_error(cmd, "cannot write", rep->af.tmp);
    /* The temporary file is open for writing only: read it by its name,
     * which nobody else can have (the directory is locked). */
    int in = batch_open_existing(rep->af.tmp, NULL);
    if (in < 0)
        return cli_io_error(cmd, "cannot read", rep->af.tmp);
    vqr_af cp;
    int rc = vqr_af_open(&cp, rep->path);
    unsigned char buf[65536];
    off_t at = 0;
    while (rc == 0) {
        ssize_t n = pread(in, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            rc = n < 0 ? errno : 0;
            break;
        }
        rc = vqr_af_write(&cp, buf, (size_t)n);
        at += n;
    }
    close(in);
    if (rc == 0)
        rc = vqr_af_commit(&cp);
    else
        vqr_af_abort(&cp);
    return rc == 0 ? CLI_OK : cli_write_error(cmd, rep->path, rc);
}

int batch_report_commit(const char *cmd, batch_report *rep, bool *changed)
{
    *changed = false;
    /* The stream owns the descriptor: flush and sync it, then compare, close
     * it and let the helper rename (support/atomic_file.h, "closed by the
     * caller"). */
    bool ok = fflush(rep->f) == 0 && fsync(fileno(rep->f)) == 0;
    int e = errno;
    int same = ok ? same_files(rep->af.tmp, rep->path) : -1;
    ok = fclose(rep->f) == 0 && ok;
    rep->f = NULL;
    rep->af.fd = -1;
    if (!ok || same < 0) {
        errno = ok ? EIO : e;
        int st = cli_io_error(cmd, "cannot write", rep->af.tmp);
        batch_report_abort(rep);
        return st;
    }
    int status = CLI_OK;
    if (same == 1) {
        vqr_af_abort(&rep->af);
    } else {
        int rc = vqr_af_commit(&rep->af);
        if (rc != 0)
            status = cli_write_error(cmd, rep->path, rc);
        else
            *changed = true;
    }
    free(rep->path);
    rep->path = NULL;
    return status;
}

void batch_report_abort(batch_report *rep)
{
    if (rep->f) {
        (void)fclose(rep->f);
        rep->af.fd = -1;
    }
    vqr_af_abort(&rep->af);
    free(rep->path);
    memset(rep, 0, sizeof *rep);
    rep->af.fd = -1;
}

int batch_write_if_changed(const char *cmd, const char *dir, const char *name, const char *text,
                           bool *changed)
{
    *changed = false;
    char *path = join(dir, name);
    if (!path) {
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    size_t len = strlen(text);
    int same = batch_file_equals(path, text, len);
    int status = CLI_OK;
    if (same != 1) {
        int rc = cli_write_file(path, text, len);
        if (rc != 0)
            status = cli_write_error(cmd, path, rc);
        else
            *changed = true;
    }
    free(path);
    return status;
}

/* ---- output names: an open-addressing hash set ------------------------ */

size_t batch_name_add(batch_names *s, const char *name, size_t row)
{
    if (2 * (s->used + 1) > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        char **names = calloc(cap, sizeof(char *));
        size_t *rows = calloc(cap, sizeof(size_t));
        if (!names || !rows) {
            free(names);
            free(rows);
            return SIZE_MAX;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->name[i])
                continue;
            size_t k = hash_name(s->name[i]) & (cap - 1);
            while (names[k])
                k = (k + 1) & (cap - 1);
            names[k] = s->name[i];
            rows[k] = s->row[i];
        }
        free(s->name);
        free(s->row);
        s->name = names;
        s->row = rows;
        s->cap = cap;
    }
    size_t k = hash_name(name) & (s->cap - 1);
    while (s->name[k]) {
        if (strcmp(s->name[k], name) == 0)
            return s->row[k];
        k = (k + 1) & (s->cap - 1);
    }
    s->name[k] = strdup(name);
    if (!s->name[k])
        return SIZE_MAX;
    s->row[k] = row;
    s->used++;
    return 0;
}

size_t batch_name_find(const batch_names *s, const char *name)
{
    if (!s->cap)
        return 0;
    size_t k = hash_name(name) & (s->cap - 1);
    while (s->name[k]) {
        if (strcmp(s->name[k], name) == 0)
            return s->row[k];
        k = (k + 1) & (s->cap - 1);
    }
    return 0;
}

void batch_name_free(batch_names *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->name[i]);
    free(s->name);
    free(s->row);
}
