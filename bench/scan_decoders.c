/*
 * scan_decoders.c - zbar and ZXing-C++ side by side on the simulated
 * photos of tests/scan/gen_photos.py: for each set, how many photos each
 * decoder reads byte for byte, how many it misses or misreads, and the
 * CPU time it takes. Both decoders see the same grey pixels (decoded once
 * by libvietqr-scan) and are driven as libvietqr-scan drives them.
 *
 *   scan_decoders DIR MANIFEST [fast]
 *
 * With "fast" each decoder makes one pass (VQR_SCAN_FAST); by default it
 * also makes libvietqr-scan's second pass over a smoothed copy when the
 * first found nothing.
 *
 * DIR holds codes.tsv and photos/ (gen_photos.py --out DIR); MANIFEST is
 * one of its photos-N.tsv. bench/scan_decoders.sh makes both and runs
 * this.
 */
#include "vietqr-scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The two decoders, compiled from scan/decode_*.c* under these names. */
#include "../scan/scan_int.h"
vqr_status bench_zbar_run(const unsigned char *, unsigned, unsigned, size_t, unsigned, unsigned,
                          vqr_scan_sink, void *, vqr_error *);
vqr_status bench_zxing_run(const unsigned char *, unsigned, unsigned, size_t, unsigned, unsigned,
                           vqr_scan_sink, void *, vqr_error *);

/* The decoders report through this; the library's own is hidden. */
vqr_status vqr_scan_fail(vqr_error *err, vqr_status code, size_t offset, size_t limit)
{
    (void)offset;
    (void)limit;
    if (err)
        err->code = code;
    return code;
}

#define MAX_CODES 4096
#define MAX_FOUND 16

typedef struct payload {
    unsigned char *b;
    size_t len;
} payload;

static payload g_codes[MAX_CODES];
static size_t g_ncodes;

typedef struct found {
    unsigned char *b[MAX_FOUND];
    size_t len[MAX_FOUND];
    int n;
} found;

static vqr_status collect(void *ctx, const vqr_scan_raw *raw)
{
    found *f = ctx;
    if (f->n < MAX_FOUND) {
        f->b[f->n] = malloc(raw->len + 1);
        if (!f->b[f->n])
            return VQR_ERR_NO_MEMORY;
        memcpy(f->b[f->n], raw->bytes, raw->len);
        f->len[f->n] = raw->len;
        f->n++;
    }
    return VQR_OK;
}

static void release(found *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->b[i]);
    f->n = 0;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

static int hexval(int c)
{
    return c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
}

static void load_codes(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/codes.tsv", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    static char line[65536];
    while (fgets(line, sizeof line, f) && g_ncodes < MAX_CODES) {
        char *hex = strchr(line, '\t');
        if (!hex)
            continue;
        hex++;
        char *end = strchr(hex, '\t');
        size_t n = (size_t)(end - hex) / 2;
        payload *p = &g_codes[g_ncodes++];
        p->b = malloc(n + 1);
        p->len = n;
        for (size_t i = 0; i < n; i++)
            p->b[i] = (unsigned char)(hexval(hex[2 * i]) * 16 + hexval(hex[2 * i + 1]));
    }
    fclose(f);
}

#define MAX_SETS 32

typedef struct tally {
    char name[32];
    int photos;
    int ok[2];     /* every expected payload read, byte for byte, nothing else */
    int missed[2]; /* an expected payload not read */
    int wrong[2];  /* a payload read that the photo does not hold */
    double cpu[2];
} tally;

static tally g_sets[MAX_SETS];
static int g_nsets;

static tally *set_of(const char *name)
{
    for (int i = 0; i < g_nsets; i++)
        if (strcmp(g_sets[i].name, name) == 0)
            return &g_sets[i];
    tally *t = &g_sets[g_nsets++];
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    return t;
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 4 && strcmp(argv[3], "fast") == 0)) {
        fprintf(stderr, "usage: scan_decoders DIR MANIFEST [fast]\n");
        return 2;
    }
    unsigned flags = argc == 4 ? VQR_SCAN_FAST : 0;
    load_codes(argv[1]);
    FILE *m = fopen(argv[2], "r");
    if (!m) {
        perror(argv[2]);
        return 1;
    }
    char line[8192];
    const char *names[2] = { "zbar", "ZXing-C++" };
    while (fgets(line, sizeof line, m)) {
        char *file = strtok(line, "\t"), *set = strtok(NULL, "\t"), *idx = strtok(NULL, "\t\n");
        if (!file || !set || !idx)
            continue;
        size_t want[4];
        int nwant = 0;
        for (char *t = strtok(idx, ","); t && nwant < 4; t = strtok(NULL, ","))
            want[nwant++] = strtoul(t, NULL, 10);
        char path[4096];
        snprintf(path, sizeof path, "%s/photos/%s", argv[1], file);
        size_t len;
        unsigned char *data = read_file(path, &len);
        unsigned char *px;
        unsigned w, h;
        if (!data || vqr_scan_load(data, len, NULL, &px, &w, &h, NULL) != VQR_OK) {
            fprintf(stderr, "%s: cannot load\n", path);
            return 1;
        }
        free(data);
        tally *t = set_of(set);
        t->photos++;
        for (int d = 0; d < 2; d++) {
            found f = { .n = 0 };
            double t0 = cpu_now();
            vqr_status st = vqr_scan_strategy(d == 0 ? bench_zbar_run : bench_zxing_run, px, w, h,
                                              w, flags, 32, collect, &f, NULL);
            t->cpu[d] += cpu_now() - t0;
            if (st != VQR_OK)
                fprintf(stderr, "%s: %s failed (%d)\n", file, names[d], st);
            int hit = 0, wrong = 0;
            for (int k = 0; k < nwant; k++) {
                const payload *p = &g_codes[want[k]];
                for (int i = 0; i < f.n; i++)
                    if (f.len[i] == p->len && memcmp(f.b[i], p->b, p->len) == 0) {
                        hit++;
                        break;
                    }
            }
            for (int i = 0; i < f.n; i++) {
                int known = 0;
                for (int k = 0; k < nwant; k++) {
                    const payload *p = &g_codes[want[k]];
                    if (f.len[i] == p->len && memcmp(f.b[i], p->b, p->len) == 0)
                        known = 1;
                }
                if (!known)
                    wrong++;
            }
            if (hit == nwant && !wrong)
                t->ok[d]++;
            if (hit < nwant)
                t->missed[d]++;
            if (wrong)
                t->wrong[d]++;
            if ((hit < nwant || wrong) && getenv("VQR_BENCH_VERBOSE"))
                fprintf(stderr, "%-10s %s: %d of %d read, %d wrong\n", names[d], file, hit, nwant,
                        wrong);
            release(&f);
        }
        vqr_free(px);
    }
    fclose(m);

    printf("%-12s %6s | %-26s | %-26s\n", "set", "photos", "zbar: read  miss wrong  ms",
           "ZXing-C++: read miss wrong ms");
    tally all = { .name = "all" };
    for (int i = 0; i <= g_nsets; i++) {
        tally *t = i < g_nsets ? &g_sets[i] : &all;
        if (i < g_nsets) {
            all.photos += t->photos;
            for (int d = 0; d < 2; d++) {
                all.ok[d] += t->ok[d];
                all.missed[d] += t->missed[d];
                all.wrong[d] += t->wrong[d];
                all.cpu[d] += t->cpu[d];
            }
        }
        printf("%-12s %6d |", t->name, t->photos);
        for (int d = 0; d < 2; d++)
            printf(" %6.2f%% %4d %4d %6.2f |", 100.0 * t->ok[d] / t->photos, t->missed[d],
                   t->wrong[d], 1000.0 * t->cpu[d] / t->photos);
        printf("\n");
    }
    for (size_t i = 0; i < g_ncodes; i++)
        free(g_codes[i].b);
    return 0;
}
