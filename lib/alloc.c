/*
 * alloc.c - the per-call allocator: the C library's by default, or the
 * caller's vqr_allocator. There is no process-wide allocator setting.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

static void *libc_malloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void *libc_realloc(void *ctx, void *p, size_t old_size, size_t new_size)
{
    (void)ctx;
    (void)old_size;
    return realloc(p, new_size);
}

static void libc_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const vqr_allocator libc_allocator = { libc_malloc, libc_realloc, libc_free, NULL };

const vqr_allocator *vqr_alloc_pick(const vqr_allocator *a)
{
    if (a == NULL) {
        return &libc_allocator;
    }
    if (a->malloc == NULL || a->free == NULL) {
        return NULL;
    }
    return a;
}

void *vqr_alloc_malloc(const vqr_allocator *a, size_t size)
{
    return a->malloc(a->ctx, size == 0 ? 1 : size);
}

void *vqr_alloc_realloc(const vqr_allocator *a, void *p, size_t old_size, size_t new_size)
{
    void *q;

    if (new_size == 0) {
        new_size = 1;
    }
    if (a->realloc != NULL) {
        return a->realloc(a->ctx, p, old_size, new_size);
    }
    q = a->malloc(a->ctx, new_size);
    if (q == NULL) {
        return NULL;
    }
    memcpy(q, p, old_size < new_size ? old_size : new_size);
    a->free(a->ctx, p);
    return q;
}

void vqr_alloc_free(const vqr_allocator *a, void *p)
{
    if (p != NULL) {
        a->free(a->ctx, p);
    }
}

void vqr_free(void *p)
{
    free(p);
}
