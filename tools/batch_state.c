/*
 * batch_state.c - what `vietqr batch` keeps in its output directory:
 * manifest.csv (row, file, payload, crc, sha256), rejects.csv (row, code,
 * name, message) and batch.json (the format, drawing options and library
 * version the images were made with). It also keeps the set of output
 * names already given. A rerun reads the manifest back to
 * skip rows whose image exists and matches, and replaces a report only
 * when its content changes. SHA-256 comes from nettle.
 */
#include "batch.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
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

/* Reads a whole small file; NULL when absent or unreadable. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
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
    bool bad = ferror(f);
    (void)fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- reading an earlier manifest --------------------------------------- */

/* Rows past this are made again on every run rather than looked up. */
#define BATCH_ROWS_MAX 100000000ul

typedef struct manifest_reader {
    batch_prev *prev;
    char *field[5];
    size_t n;
    bool header_seen, bad;
} manifest_reader;

static void mf_field(void *s, size_t len, void *data)
{
    manifest_reader *m = data;
    if (m->n < 5) {
        m->field[m->n] = malloc(len + 1);
        if (m->field[m->n]) {
            memcpy(m->field[m->n], s, len);
            m->field[m->n][len] = '\0';
        }
    }
    m->n++;
}

static int unhex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void mf_record(int c, void *data)
{
    (void)c;
    manifest_reader *m = data;
    unsigned long row;
    batch_prev *prev = m->prev;
    if (!m->header_seen) {
        m->header_seen = true;
    } else if (m->n == 5 && m->field[0] && m->field[1] && m->field[2] && m->field[4] &&
               cli_parse_uint(m->field[0], 1, BATCH_ROWS_MAX, &row) &&
               strlen(m->field[4]) == BATCH_SHA_HEX) {
        if (row >= prev->cap) {
            size_t cap = prev->cap ? prev->cap : 1024;
            while (cap <= row)
                cap *= 2;
            struct batch_rec *r = realloc(prev->rec, cap * sizeof *r);
            if (!r) {
                m->bad = true;
                goto out;
            }
            memset(r + prev->cap, 0, (cap - prev->cap) * sizeof *r);
            prev->rec = r;
            prev->cap = cap;
        }
        struct batch_rec *rec = &prev->rec[row];
        bool ok = true;
        for (size_t i = 0; i < BATCH_SHA_LEN && ok; i++) {
            int hi = unhex(m->field[4][2 * i]), lo = unhex(m->field[4][2 * i + 1]);
            ok = hi >= 0 && lo >= 0;
            if (ok)
                rec->sha[i] = (unsigned char)(hi * 16 + lo);
        }
        batch_key(m->field[1], m->field[2], strlen(m->field[2]), rec->key);
        rec->set = ok;
    }
out:
    for (size_t i = 0; i < 5; i++) {
        free(m->field[i]);
        m->field[i] = NULL;
    }
    m->n = 0;
}

int batch_prev_load(const char *cmd, const char *dir, const char *settings, batch_prev *prev)
{
    memset(prev, 0, sizeof *prev);
    char *spath = join(dir, "batch.json");
    char *mpath = join(dir, "manifest.csv");
    int status = CLI_OK;
    size_t slen = 0, mlen = 0;
    char *old = spath ? slurp(spath, &slen) : NULL;
    if (old && strcmp(old, settings) == 0) {
        char *text = slurp(mpath, &mlen);
        if (text) {
            struct csv_parser p;
            manifest_reader m;
            memset(&m, 0, sizeof m);
            m.prev = prev;
            csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
            if (csv_parse(&p, text, mlen, mf_field, mf_record, &m) != mlen ||
                csv_fini(&p, mf_field, mf_record, &m) != 0 || m.bad) {
                /* An unreadable manifest only means nothing is skipped. */
                cli_error(cmd, "%s cannot be read back; every image is checked again", mpath);
                batch_prev_free(prev);
            }
            for (size_t i = 0; i < 5; i++)
                free(m.field[i]);
            csv_free(&p);
            free(text);
        }
    }
    if (!spath || !mpath)
        status = CLI_IO;
    free(old);
    free(spath);
    free(mpath);
    return status;
}

const struct batch_rec *batch_prev_find(const batch_prev *prev, size_t row,
                                        const unsigned char key[BATCH_SHA_LEN])
{
    if (row >= prev->cap || !prev->rec[row].set)
        return NULL;
    return memcmp(prev->rec[row].key, key, BATCH_SHA_LEN) == 0 ? &prev->rec[row] : NULL;
}

void batch_prev_free(batch_prev *prev)
{
    free(prev->rec);
    prev->rec = NULL;
    prev->cap = 0;
}

/* ---- comparing with files already there ------------------------------- */

int batch_file_equals(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
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
    close(fd);
    return result;
}

int batch_file_sha_equals(const char *path, const unsigned char sha[BATCH_SHA_LEN])
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
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
    close(fd);
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

int batch_report_commit(const char *cmd, batch_report *rep, bool *changed)
{
    *changed = false;
    /* The stream owns the descriptor: flush and sync it, close it, then
     * let the helper rename (support/atomic_file.h, "closed by the
     * caller"). */
    bool ok = fflush(rep->f) == 0 && fsync(fileno(rep->f)) == 0;
    int e = errno;
    ok = fclose(rep->f) == 0 && ok;
    rep->f = NULL;
    rep->af.fd = -1;
    if (!ok) {
        errno = e;
        int st = cli_io_error(cmd, "cannot write", rep->af.tmp);
        batch_report_abort(rep);
        return st;
    }
    size_t len;
    char *text = slurp(rep->af.tmp, &len);
    int same = text ? batch_file_equals(rep->path, text, len) : -1;
    free(text);
    int status = CLI_OK;
    if (same == 1) {
        vqr_af_abort(&rep->af);
    } else if (same < 0 && !text) {
        status = cli_io_error(cmd, "cannot read", rep->af.tmp);
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

/* FNV-1a, 64 bits. */
static size_t hash_name(const char *s)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
    return (size_t)h;
}

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

void batch_name_free(batch_names *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->name[i]);
    free(s->name);
    free(s->row);
}
