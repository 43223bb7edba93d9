/*
 * test_atomic_file.c - support/atomic_file.c, the one way the library and
 * the tool write a file: whole or not at all, under an unpredictable
 * temporary name, never through a link, never over something that is not
 * a regular file (a device such as /dev/full, a FIFO, a directory), never
 * blocked by a FIFO; and vqr_render_png_file / _svg_file on top of it.
 */
#include "atomic_file.h"

#include <vietqr.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[] = "/tmp/vqr-atomic-XXXXXX";

static void make_dir(void)
{
    strcpy(g_dir, "/tmp/vqr-atomic-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(g_dir));
}

static void remove_dir(void)
{
    DIR *d = opendir(g_dir);
    struct dirent *e;
    char path[512];
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        (void)snprintf(path, sizeof path, "%s/%s", g_dir, e->d_name);
        if (unlink(path) != 0)
            (void)rmdir(path);
    }
    if (d != NULL)
        closedir(d);
    (void)rmdir(g_dir);
}

/* Number of entries in the directory (leftover temporary files show up). */
static int entries(void)
{
    DIR *d = opendir(g_dir);
    struct dirent *e;
    int n = 0;
    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void read_back(const char *path, const char *want)
{
    char buf[256] = "";
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    ck_assert_str_eq(buf, want);
}

static void path_in(char *out, size_t cap, const char *name)
{
    (void)snprintf(out, cap, "%s/%s", g_dir, name);
}

START_TEST(writes_and_replaces)
{
    char p[512];
    make_dir();
    path_in(p, sizeof p, "a.txt");
    ck_assert_int_eq(vqr_af_write_file(p, "one", 3), 0);
    read_back(p, "one");
    ck_assert_int_eq(vqr_af_write_file(p, "two!", 4), 0);
    read_back(p, "two!");
    ck_assert_int_eq(entries(), 1);
    /* mode 0666 less the umask */
    mode_t old = umask(027);
    ck_assert_int_eq(vqr_af_write_file(p, "x", 1), 0);
    umask(old);
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    ck_assert_uint_eq(st.st_mode & 0777, 0640);
    remove_dir();
}
END_TEST

START_TEST(temporary_names_are_unpredictable)
{
    char p[512];
    make_dir();
    path_in(p, sizeof p, "b.png");
    vqr_af a, b;
    ck_assert_int_eq(vqr_af_open(&a, p), 0);
    ck_assert_int_eq(vqr_af_open(&b, p), 0);
    ck_assert_str_ne(a.tmp, b.tmp);
    size_t n = strlen(p);
    ck_assert_int_eq(strncmp(a.tmp, p, n), 0);
    ck_assert_int_eq(a.tmp[n], '.');
    ck_assert_uint_eq(strlen(a.tmp), n + 1 + 16 + strlen(VQR_AF_SUFFIX));
    ck_assert_str_eq(a.tmp + strlen(a.tmp) - 4, ".tmp");
    int flags = fcntl(a.fd, F_GETFD);
    ck_assert(flags >= 0 && (flags & FD_CLOEXEC));
    ck_assert_int_eq(vqr_af_write(&a, "A", 1), 0);
    ck_assert_int_eq(vqr_af_write(&b, "B", 1), 0);
    vqr_af_abort(&a);
    ck_assert_int_eq(entries(), 1);
    ck_assert_int_eq(vqr_af_commit(&b), 0);
    read_back(p, "B");
    ck_assert_int_eq(entries(), 1);
    remove_dir();
}
END_TEST

/* A caller that makes many files durable itself closes each one and
 * commits with VQR_AF_CALLER_SYNCS: the file is in place, nothing else is
 * left, and a target that became a link meanwhile is still refused. */
START_TEST(caller_syncs)
{
    char p[512], q[512], victim[512];
    make_dir();
    path_in(p, sizeof p, "c.png");
    path_in(q, sizeof q, "d.png");
    path_in(victim, sizeof victim, "victim");
    vqr_af a, b;
    ck_assert_int_eq(vqr_af_open(&a, p), 0);
    ck_assert_int_eq(vqr_af_write(&a, "C", 1), 0);
    ck_assert_int_eq(close(a.fd), 0);
    a.fd = -1;
    ck_assert_int_eq(vqr_af_open(&b, q), 0);
    ck_assert_int_eq(vqr_af_write(&b, "D", 1), 0);
    ck_assert_int_eq(close(b.fd), 0);
    b.fd = -1;
    ck_assert_int_eq(vqr_af_commit_flags(&a, VQR_AF_CALLER_SYNCS), 0);
    read_back(p, "C");
    ck_assert_ptr_null(a.tmp);
    int fd = open(victim, O_WRONLY | O_CREAT | O_EXCL, 0644);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "keep", 4), 4);
    ck_assert_int_eq(close(fd), 0);
    ck_assert_int_eq(symlink(victim, q), 0);
    ck_assert_int_eq(vqr_af_commit_flags(&b, VQR_AF_CALLER_SYNCS), VQR_AF_NOT_REGULAR);
    read_back(victim, "keep");
    ck_assert_int_eq(entries(), 3); /* c.png, d.png (the link), victim */
    ck_assert_int_eq(unlink(q), 0);
    ck_assert_int_eq(unlink(victim), 0);
    remove_dir();
}
END_TEST

/* A symbolic link planted where the temporary file or the output goes is
 * never followed. */
START_TEST(links_are_not_followed)
{
    char p[512], victim[512];
    make_dir();
    path_in(victim, sizeof victim, "victim");
    path_in(p, sizeof p, "out.csv");
    ck_assert_int_eq(vqr_af_write_file(victim, "keep", 4), 0);
    ck_assert_int_eq(symlink(victim, p), 0);
    ck_assert_int_eq(vqr_af_write_file(p, "evil", 4), VQR_AF_NOT_REGULAR);
    read_back(victim, "keep");
    int fd = 99;
    ck_assert_int_eq(vqr_af_open_regular(p, O_WRONLY | O_TRUNC, 0666, &fd), VQR_AF_NOT_REGULAR);
    ck_assert_int_eq(fd, -1);
    read_back(victim, "keep");
    ck_assert_int_eq(entries(), 2);
    remove_dir();
}
END_TEST

START_TEST(non_regular_targets_are_refused)
{
    char p[512];
    make_dir();
    /* a device: as root a rename would replace the node itself */
    ck_assert_int_eq(vqr_af_check_target("/dev/full"), VQR_AF_NOT_REGULAR);
    ck_assert_int_eq(vqr_af_write_file("/dev/full", "x", 1), VQR_AF_NOT_REGULAR);
    ck_assert_int_eq(vqr_af_write_file("/dev/null", "x", 1), VQR_AF_NOT_REGULAR);
    struct stat st;
    ck_assert_int_eq(stat("/dev/full", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
    /* a FIFO: refused, and opening it does not block */
    path_in(p, sizeof p, "fifo");
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    ck_assert_int_eq(vqr_af_write_file(p, "x", 1), VQR_AF_NOT_REGULAR);
    int fd = 99;
    ck_assert_int_eq(vqr_af_open_regular(p, O_RDONLY, 0, &fd), VQR_AF_NOT_REGULAR);
    ck_assert_int_eq(vqr_af_open_regular(p, O_RDWR, 0, &fd), VQR_AF_NOT_REGULAR);
    ck_assert_int_eq(fd, -1);
    /* a directory */
    path_in(p, sizeof p, "sub");
    ck_assert_int_eq(mkdir(p, 0700), 0);
    ck_assert_int_eq(vqr_af_write_file(p, "x", 1), VQR_AF_NOT_REGULAR);
    ck_assert_int_eq(entries(), 2); /* no temporary file left */
    ck_assert_str_eq(vqr_af_strerror(VQR_AF_NOT_REGULAR),
                     "not a regular file (a device, FIFO, socket, directory or symbolic link)");
    /* a regular file opens, blocking mode restored */
    path_in(p, sizeof p, "plain");
    ck_assert_int_eq(vqr_af_open_regular(p, O_WRONLY | O_CREAT | O_EXCL, 0600, &fd), 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
    close(fd);
    remove_dir();
}
END_TEST

START_TEST(failures_leave_nothing)
{
    char p[512];
    make_dir();
    path_in(p, sizeof p, "no/such/dir/x");
    ck_assert_int_eq(vqr_af_write_file(p, "x", 1), ENOENT);
    ck_assert_int_eq(vqr_af_write_file("", "x", 1), EINVAL);
    ck_assert_int_eq(entries(), 0);
    remove_dir();
}
END_TEST

/* The library's file writers on top of the helper. */
START_TEST(library_refuses_dev_full)
{
    vqr_qr *qr;
    ck_assert_int_eq(vqr_qr_encode("HELLO", 5, VQR_ECC_M, NULL, &qr, NULL), VQR_OK);
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_render_png_file(qr, NULL, "/dev/full", NULL, &e),
                     VQR_ERR_NOT_REGULAR_FILE);
    ck_assert_int_eq(e.code, VQR_ERR_NOT_REGULAR_FILE);
    ck_assert_str_eq(e.name, "VQR_ERR_NOT_REGULAR_FILE");
    ck_assert_int_eq(vqr_render_svg_file(qr, NULL, "/dev/full", NULL, &e),
                     VQR_ERR_NOT_REGULAR_FILE);
    struct stat st;
    ck_assert_int_eq(stat("/dev/full", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));

    char p[512];
    make_dir();
    path_in(p, sizeof p, "qr.svg");
    ck_assert_int_eq(vqr_render_svg_file(qr, NULL, p, NULL, &e), VQR_OK);
    ck_assert_int_eq(entries(), 1);
    path_in(p, sizeof p, "none/qr.svg");
    ck_assert_int_eq(vqr_render_svg_file(qr, NULL, p, NULL, &e), VQR_ERR_IO);
    remove_dir();
    vqr_qr_free(qr);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("atomic_file");
    TCase *tc = tcase_create("atomic_file");
    tcase_add_test(tc, writes_and_replaces);
    tcase_add_test(tc, temporary_names_are_unpredictable);
    tcase_add_test(tc, caller_syncs);
    tcase_add_test(tc, links_are_not_followed);
    tcase_add_test(tc, non_regular_targets_are_refused);
    tcase_add_test(tc, failures_leave_nothing);
    tcase_add_test(tc, library_refuses_dev_full);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
