/*
 * test_alloc_system.c - vqr_qr_encode when libqrencode's own allocations
 * fail. libqrencode calls malloc, calloc and realloc itself, not through a
 * vqr_allocator, so this program replaces those functions for the whole
 * process (the C library's __libc_* do the work) and fails the N-th call
 * made while a counter is armed, for N = 0, 1, 2, ... until the encoding
 * succeeds. Each failure must be VQR_ERR_NO_MEMORY, with `*out` NULL and as
 * many blocks freed as were allocated. (tests/test_alloc_fail.c does the
 * same for the allocations that go through a vqr_allocator.)
 *
 * Only calls made from libqrencode or libvietqr are counted and failed:
 * the C library and the dynamic loader allocate for their own purposes too
 * (a dlsym that finds nothing allocates its error message, which is what
 * the build with -Dqrencode_mask_lookup=false does on every encoding), and
 * recover from a failure there by themselves.
 *
 * The replacement cannot work under AddressSanitizer or valgrind, which
 * replace malloc themselves: tests/meson.build builds this test without
 * sanitizers only and leaves it out of the valgrind setup.
 */
#define _GNU_SOURCE /* dladdr */
#include "testutil.h"

#include <dlfcn.h>
#include <errno.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

/* Single-threaded (CK_FORK or not, Check runs one test at a time). */
static bool armed;
static long calls, fail_at;

/* The blocks counted and not yet freed (freed by whoever frees them: a
 * block of libvietqr's may be freed through a tail call from the test). */
#define MAX_BLOCKS 4096
static void *blocks[MAX_BLOCKS];
static long live;

static void track(void *p)
{
    if (live == MAX_BLOCKS)
        abort();
    blocks[live++] = p;
}

static bool untrack(void *p)
{
    for (long i = 0; i < live; i++) {
        if (blocks[i] == p) {
            blocks[i] = blocks[--live];
            return true;
        }
    }
    return false;
}

/* Whether the code at `ret` belongs to libqrencode or libvietqr. */
static bool ours(const void *ret)
{
    Dl_info info;
    if (dladdr(ret, &info) == 0 || info.dli_fname == NULL)
        return false;
    return strstr(info.dli_fname, "libqrencode") != NULL ||
           strstr(info.dli_fname, "libvietqr") != NULL;
}

static bool counted(const void *ret)
{
    if (!armed)
        return false;
    armed = false; /* dladdr must not count itself */
    bool yes = ours(ret);
    armed = true;
    return yes;
}

static bool fail_now(bool ours_)
{
    if (ours_ && calls++ == fail_at) {
        errno = ENOMEM;
        return true;
    }
    return false;
}

void *malloc(size_t n)
{
    bool c = counted(__builtin_return_address(0));
    if (fail_now(c))
        return NULL;
    void *p = __libc_malloc(n);
    if (c && p != NULL)
        track(p);
    return p;
}

void *calloc(size_t n, size_t size)
{
    bool c = counted(__builtin_return_address(0));
    if (fail_now(c))
        return NULL;
    void *p = __libc_calloc(n, size);
    if (c && p != NULL)
        track(p);
    return p;
}

void *realloc(void *old, size_t n)
{
    if (old != NULL && n == 0) {
        untrack(old);
        return __libc_realloc(old, n);
    }
    bool c = counted(__builtin_return_address(0));
    if (fail_now(c))
        return NULL;
    void *p = __libc_realloc(old, n);
    if (p != NULL && (old == NULL ? c : untrack(old)))
        track(p);
    return p;
}

void free(void *p)
{
    if (p != NULL)
        untrack(p);
    __libc_free(p);
}

typedef struct enc_case {
    const char *payload;
    vqr_ecc ecc;
} enc_case;

static const enc_case k_cases[] = {
    /* NAPAS 6.1.2: ASCII, Byte mode only. */
    { "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN"
      "63044F52",
      VQR_ECC_M },
    /* Vietnamese purpose: ECI 000026, then Byte mode; a larger version. */
    { "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA5303704540618"
      "00005802VN62340830Thanh toán viện phí đợt 1 202663044043",
      VQR_ECC_H },
};

/* Loop index: the case. */
START_TEST(encode_every_system_allocation_fails)
{
    const enc_case *c = &k_cases[_i];
    size_t len = strlen(c->payload);
    vqr_qr *want = NULL;
    ck_assert_int_eq(vqr_qr_encode(c->payload, len, c->ecc, NULL, &want, NULL), VQR_OK);

    long n;
    bool done = false;
    for (n = 0; n < 100000 && !done; n++) {
        vqr_qr *qr = (vqr_qr *)&n; /* must be overwritten */
        vqr_error err;
        VQR_INIT(&err);
        calls = 0;
        live = 0;
        fail_at = n;
        armed = true;
        vqr_status st = vqr_qr_encode(c->payload, len, c->ecc, NULL, &qr, &err);
        if (st == VQR_OK)
            vqr_qr_free(qr);
        armed = false;
        if (st == VQR_OK) {
            done = true;
            ck_assert_int_le(calls, n); /* no allocation was failed */
        } else {
            ck_assert_msg(st == VQR_ERR_NO_MEMORY, "case %d, allocation %ld failed: %s", _i, n,
                          vqr_status_name(st));
            ck_assert_int_eq(err.code, VQR_ERR_NO_MEMORY);
            ck_assert_ptr_null(qr);
        }
        ck_assert_msg(live == 0, "case %d, allocation %ld failed: %ld blocks left", _i, n, live);
    }
    ck_assert(done);
    /* libqrencode allocated (about twenty times for these symbols), and
     * each of those calls failed once. */
    ck_assert_int_gt(n, 10);

    /* The code made after all that is the one made without interference. */
    vqr_qr *qr = NULL;
    ck_assert_int_eq(vqr_qr_encode(c->payload, len, c->ecc, NULL, &qr, NULL), VQR_OK);
    ck_assert_int_eq(vqr_qr_width(qr), vqr_qr_width(want));
    int w = vqr_qr_width(qr);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            ck_assert(vqr_qr_module(qr, x, y) == vqr_qr_module(want, x, y));
    vqr_qr_free(qr);
    vqr_qr_free(want);
}
END_TEST

static Suite *alloc_system_suite(void)
{
    Suite *s = suite_create("alloc-system");
    TCase *tc = tcase_create("libqrencode");
    tcase_add_loop_test(tc, encode_every_system_allocation_fails, 0,
                        (int)(sizeof k_cases / sizeof k_cases[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(alloc_system_suite());
}
