/*
 * bench_scan.c - photos of 2048x1536 per second and per core, read and
 * checked: libvietqr-scan (JPEG decoding and the QR decoder) and
 * vqr_verify against a list of payees, beside the JPEG decoding alone in
 * the same run.
 *
 *   bench_scan MANIFEST SECONDS
 *
 * MANIFEST (bench/scan_speed.py makes it, with the photos) lists one photo a
 * line: path, then the payload it holds ("-" for none). Each photo is read
 * into memory once; then, for at least SECONDS of CPU time per step, every
 * photo goes through each step in turn. Times are the thread's CPU time, so
 * other work on the machine slows the figures less than wall time would.
 */
#include "vietqr-scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PHOTOS 256

typedef struct photo {
    unsigned char *data;
    size_t len;
    char payload[1024];
    bool has_code;
} photo;

static photo g_photo[MAX_PHOTOS];
static size_t g_n;

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
    unsigned char *b = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n > 0 && fseek(f, 0, SEEK_SET) == 0) {
            b = malloc((size_t)n);
            if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
                free(b);
                b = NULL;
            }
            *len = (size_t)n;
        }
    }
    fclose(f);
    return b;
}

/* The payees of a market: the photos' own payee is among them. */
static vqr_payee g_payees[3];

static void payees(void)
{
    static const char *const acct[3] = { "0011001234567", "0352350917", "257678859" };
    static const char *const bin[3] = { "970436", "970422", "970416" };
    for (int i = 0; i < 3; i++) {
        vqr_payee_init(&g_payees[i], sizeof g_payees[i], NULL);
        g_payees[i].bin = bin[i];
        g_payees[i].account = acct[i];
    }
}

typedef enum step { LOAD, SCAN, SCAN_VERIFY } step;

/* Runs one step over every photo; returns false on a wrong result. */
static bool one_round(step s, size_t *codes)
{
    for (size_t i = 0; i < g_n; i++) {
        const photo *p = &g_photo[i];
        if (s == LOAD) {
            unsigned char *px;
            unsigned w, h;
            if (vqr_scan_load(p->data, p->len, NULL, &px, &w, &h, NULL) != VQR_OK)
                return false;
            vqr_free(px);
            continue;
        }
        vqr_scan_result *r;
        if (vqr_scan_image(p->data, p->len, NULL, &r, NULL) != VQR_OK)
            return false;
        size_t n = vqr_scan_count(r);
        if (n != (p->has_code ? 1u : 0u)) {
            fprintf(stderr, "photo %zu: %zu codes\n", i, n);
            vqr_scan_free(r);
            return false;
        }
        for (size_t k = 0; k < n; k++) {
            vqr_scan_code c;
            VQR_INIT(&c);
            vqr_scan_get(r, k, &c, NULL);
            if (c.len != strlen(p->payload) || memcmp(c.data, p->payload, c.len) != 0) {
                vqr_scan_free(r);
                return false;
            }
            (*codes)++;
            if (s == SCAN_VERIFY) {
                vqr_verdict v;
                VQR_INIT(&v);
                if (vqr_verify(c.data, c.len, g_payees, 3, NULL, &v, NULL) != VQR_OK ||
                    v.verdict != VQR_VERDICT_OK) {
                    vqr_scan_free(r);
                    return false;
                }
            }
        }
        vqr_scan_free(r);
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bench_scan MANIFEST SECONDS\n");
        return 2;
    }
    double seconds = atof(argv[2]);
    FILE *m = fopen(argv[1], "r");
    if (!m) {
        perror(argv[1]);
        return 1;
    }
    char line[2048];
    size_t with_code = 0;
    while (fgets(line, sizeof line, m) && g_n < MAX_PHOTOS) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        photo *p = &g_photo[g_n];
        p->data = read_file(line, &p->len);
        if (!p->data) {
            perror(line);
            return 1;
        }
        p->has_code = strcmp(tab + 1, "-") != 0;
        snprintf(p->payload, sizeof p->payload, "%s", p->has_code ? tab + 1 : "");
        with_code += p->has_code;
        g_n++;
    }
    fclose(m);
    payees();
    unsigned char *px;
    unsigned w = 0, h = 0;
    if (g_n && vqr_scan_load(g_photo[0].data, g_photo[0].len, NULL, &px, &w, &h, NULL) == VQR_OK)
        vqr_free(px);
    printf("%zu photos of %ux%u (%zu with a code, %zu without), %s, at least %.1f s of CPU a "
           "step\n",
           g_n, w, h, with_code, g_n - with_code, vqr_scan_decoder(), seconds);
    static const char *const names[] = { "JPEG decoding alone (vqr_scan_load)",
                                         "scan (decoding + QR)", "scan + vqr_verify (3 payees)" };
    double base = 0;
    for (int s = LOAD; s <= SCAN_VERIFY; s++) {
        size_t rounds = 0, codes = 0;
        double t0 = cpu_now(), t;
        do {
            if (!one_round((step)s, &codes)) {
                fprintf(stderr, "%s: a wrong result\n", names[s]);
                return 1;
            }
            rounds++;
            t = cpu_now() - t0;
        } while (t < seconds);
        double per = t / (double)(rounds * g_n);
        if (s == LOAD)
            base = per;
        printf("%-40s %8.2f ms a photo  %7.1f photos/s per core  %5.2fx decoding\n", names[s],
               1000 * per, 1 / per, per / base);
    }
    for (size_t i = 0; i < g_n; i++)
        free(g_photo[i].data);
    return 0;
}
