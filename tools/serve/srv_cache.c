/*
 * srv_cache.c - the images drawn lately, kept in memory (least recently
 * used out first, at most --cache-size bytes). An image is a function of
 * its template, format, payload and account name, so a Quick Link asked
 * again (a spreadsheet reloading its =IMAGE() cells, a page shown again) is
 * answered without drawing. One mutex guards the table and the list; a
 * hit copies the bytes out, so an entry can be evicted at any time.
 */
#include "srv_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    struct entry *older, *newer; /* the LRU list */
    struct entry *chain;         /* the hash bucket */
    uint64_t hash;
    size_t key_len, len;
    char *key; /* key_len bytes, then the image */
} entry;

struct srv_cache {
    pthread_mutex_t lock;
    entry **bucket;
    size_t mask;
    entry *newest, *oldest;
    size_t bytes, limit;
};

/* What an entry costs besides its key and image. */
#define ENTRY_OVERHEAD (sizeof(entry) + 2 * sizeof(void *))

srv_cache *srv_cache_new(size_t limit)
{
    if (limit == 0)
        return NULL;
    srv_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    /* about one bucket per 2 KiB cached */
    size_t n = 256;
    while (n < limit / 2048 && n < ((size_t)1 << 24))
        n *= 2;
    c->bucket = calloc(n, sizeof(entry *));
    if (!c->bucket) {
        free(c);
        return NULL;
    }
    c->mask = n - 1;
    c->limit = limit;
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void srv_cache_free(srv_cache *c)
{
    if (!c)
        return;
    for (entry *e = c->newest; e;) {
        entry *next = e->older;
        free(e->key);
        free(e);
        e = next;
    }
    pthread_mutex_destroy(&c->lock);
    free(c->bucket);
    free(c);
}

static uint64_t hash_key(const char *key, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static entry **find(srv_cache *c, uint64_t h, const char *key, size_t len)
{
    entry **p = &c->bucket[h & c->mask];
    while (*p && !((*p)->hash == h && (*p)->key_len == len && memcmp((*p)->key, key, len) == 0))
        p = &(*p)->chain;
    return p;
}

static void unlink_lru(srv_cache *c, entry *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void push_newest(srv_cache *c, entry *e)
{
    e->older = c->newest;
    e->newer = NULL;
    if (c->newest)
        c->newest->newer = e;
    else
        c->oldest = e; /* the list was empty */
    c->newest = e;
}

bool srv_cache_get(srv_cache *c, const char *key, size_t key_len, srv_image *out)
{
    if (!c)
        return false;
    uint64_t h = hash_key(key, key_len);
    bool hit = false;
    pthread_mutex_lock(&c->lock);
    entry *e = *find(c, h, key, key_len);
    if (e) {
        out->data = malloc(e->len ? e->len : 1);
        if (out->data) {
            memcpy(out->data, e->key + e->key_len, e->len);
            out->len = e->len;
            unlink_lru(c, e);
            push_newest(c, e);
            hit = true;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

void srv_cache_put(srv_cache *c, const char *key, size_t key_len, const srv_image *img)
{
    if (!c)
        return;
    size_t cost = ENTRY_OVERHEAD + key_len + img->len;
    if (cost > c->limit / 4)
        return; /* one image never takes most of the cache */
    entry *e = malloc(sizeof *e);
    char *mem = malloc(key_len + img->len);
    if (!e || !mem) {
        free(e);
        free(mem);
        return;
    }
    memcpy(mem, key, key_len);
    memcpy(mem + key_len, img->data, img->len);
    e->key = mem;
    e->key_len = key_len;
    e->len = img->len;
    e->hash = hash_key(key, key_len);
    pthread_mutex_lock(&c->lock);
    entry **slot = find(c, e->hash, key, key_len);
    if (*slot) { /* drawn twice at once: keep the first */
        pthread_mutex_unlock(&c->lock);
        free(mem);
        free(e);
        return;
    }
    e->chain = NULL;
    *slot = e;
    push_newest(c, e);
    c->bytes += cost;
    while (c->bytes > c->limit) {
        entry *old = c->oldest;
        if (!old || old == e)
            break;
        c->oldest = old->newer; /* never NULL here: `e` is newer */
        c->oldest->older = NULL;
        entry **p = find(c, old->hash, old->key, old->key_len);
        *p = old->chain;
        c->bytes -= ENTRY_OVERHEAD + old->key_len + old->len;
        free(old->key);
        free(old);
    }
    pthread_mutex_unlock(&c->lock);
}
