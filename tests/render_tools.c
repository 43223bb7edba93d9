/*
 * render_tools.c - see render_tools.h.
 */
#include "render_tools.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char scratch[4096];

const char *tool_path(const char *env_name)
{
    const char *p = getenv(env_name);
    return (p != NULL && p[0] != '\0') ? p : NULL;
}

int tool_run(const char *const argv[], char *out, size_t cap, size_t *out_len)
{
    int fds[2], status;
    pid_t pid;
    size_t len = 0;

    *out_len = 0;
    if (argv[0] == NULL || pipe(fds) != 0) {
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDWR);
        dup2(fds[1], 1);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 2);
        }
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    for (;;) {
        char tmp[4096];
        ssize_t n = read(fds[0], tmp, sizeof tmp);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        if (len < cap) {
            size_t take = (size_t)n < cap - len ? (size_t)n : cap - len;
            memcpy(out + len, tmp, take);
            len += take;
        }
    }
    close(fds[0]);
    *out_len = len;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const char *scratch_dir(void)
{
    if (scratch[0] == '\0') {
        const char *t = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/vqr-render-XXXXXX", (t && t[0]) ? t : "/tmp");
        if (mkdtemp(scratch) == NULL) {
            scratch[0] = '\0';
            return NULL;
        }
    }
    return scratch;
}

const char *scratch_path(char *buf, size_t cap, const char *name)
{
    const char *d = scratch_dir();
    snprintf(buf, cap, "%s/%s", d ? d : "/nonexistent", name);
    return buf;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[4352];

    if (d == NULL) {
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0) {
            remove_tree(p);
            rmdir(p);
        }
    }
    closedir(d);
}

void scratch_remove(void)
{
    if (scratch[0] != '\0') {
        remove_tree(scratch);
        rmdir(scratch);
        scratch[0] = '\0';
    }
}

int dir_count(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    if (d == NULL) {
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            n++;
        }
    }
    closedir(d);
    return n;
}

char *file_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;

    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
            char *nb = realloc(buf, cap = (n + 4096 + 1) * 2);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int file_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (f == NULL) {
        return -1;
    }
    ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    return ok ? 0 : -1;
}

int zbar_decode(const char *path, char *out, size_t cap, size_t *out_len)
{
    const char *argv[] = { tool_path("ZBARIMG"), "--raw",    "-q", "--nodbus", "-Sdisable",
                           "-Sqrcode.enable",    "-Sbinary", path, NULL };
    return tool_run(argv, out, cap, out_len);
}
