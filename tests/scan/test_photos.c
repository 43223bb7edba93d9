/*
 * test_photos.c - libvietqr-scan and vqr_verify on the simulated photos of
 * gen_photos.py.
 *
 *   test_photos DIR MANIFEST
 *
 * Decoding: every photo is scanned; every payload read must be one the
 * photo holds, byte for byte (a single misread fails the test); the rate
 * of photos read whole must be 100 % on the undistorted set and at least
 * 99 % overall, and every photo of the two-code set must give two
 * different payloads (MULTIPLE_CODES).
 *
 * Verification: every payload read is checked against allowlists that
 * leave its payee out (the empty list, every other payee of the set,
 * near misses of its own payee: another BIN, a digit changed, added or
 * dropped, a leading zero, the same number under another service or
 * network, its own name on another account) and none of them may give
 * OK; against a list with its payee (as gen_photos.py read it, not the
 * library) a payload built as a valid payment code must give OK, with
 * the right amount OK and with a wrong one AMOUNT_MISMATCH.
 *
 * Prints the rates per set. Exit 0 when every rule holds, 1 otherwise.
 */
#include "vietqr-scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CODES 1024
#define MAX_SETS 16

typedef struct code {
    char *bytes;
    size_t len;
    char kind[8]; /* napas, vnpay, none */
    char bin[16];
    char account[128];
    vqr_service service; /* NAPAS: from 38.02 */
    char amount[32];
    char name[128];
    char source[16];
} code;

static code g_codes[MAX_CODES];
static size_t g_ncodes;

typedef struct tally {
    char name[24];
    int photos, read, missed, wrong, multiple;
} tally;

static tally g_sets[MAX_SETS];
static int g_nsets;
static long g_verifications, g_bad_ok, g_failures;

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void
fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    g_failures++;
}

static int hexval(int c)
{
    return c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
}

/* Splits a tab-separated line in place; returns the number of fields. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < max;) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static void copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src);
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
        char *fl[9];
        if (split(line, fl, 9) != 9)
            continue;
        code *c = &g_codes[g_ncodes++];
        size_t n = strlen(fl[1]) / 2;
        c->bytes = malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            c->bytes[i] = (char)(hexval(fl[1][2 * i]) * 16 + hexval(fl[1][2 * i + 1]));
        c->bytes[n] = '\0';
        c->len = n;
        copy(c->kind, sizeof c->kind, fl[2]);
        copy(c->bin, sizeof c->bin, fl[3]);
        copy(c->account, sizeof c->account, fl[4]);
        c->service = !strcmp(fl[5], "QRIBFTTA")   ? VQR_SERVICE_ACCOUNT
                     : !strcmp(fl[5], "QRIBFTTC") ? VQR_SERVICE_CARD
                     : !strcmp(fl[5], "QRPUSH")   ? VQR_SERVICE_MERCHANT
                                                  : VQR_SERVICE_NONE;
        copy(c->amount, sizeof c->amount, fl[6]);
        copy(c->name, sizeof c->name, fl[7]);
        copy(c->source, sizeof c->source, fl[8]);
    }
    fclose(f);
}

static tally *set_of(const char *name)
{
    for (int i = 0; i < g_nsets; i++)
        if (strcmp(g_sets[i].name, name) == 0)
            return &g_sets[i];
    tally *t = &g_sets[g_nsets++];
    memset(t, 0, sizeof *t);
    copy(t->name, sizeof t->name, name);
    return t;
}

/* ---- verification ---- */

static vqr_payee napas(const char *bin, const char *account, vqr_service svc, const char *name)
{
    vqr_payee p;
    vqr_payee_init(&p, sizeof p, NULL);
    p.bin = bin;
    p.account = account;
    p.service = svc;
    p.name = name;
    return p;
}

static vqr_payee vnpay(const char *id, const char *name)
{
    vqr_payee p;
    vqr_payee_init(&p, sizeof p, NULL);
    p.network = VQR_NETWORK_VNPAY;
    p.account = id;
    p.name = name;
    return p;
}

/* A payee is acceptable to vqr_verify (the near misses must be well formed
 * to be tried; a malformed one is refused with VQR_ERR_PAYEE, not judged). */
static bool usable(const vqr_payee *p)
{
    if (!p->account || !p->account[0] || strchr(p->account, ' '))
        return false;
    for (const char *s = p->account; *s; s++)
        if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7E)
            return false;
    if (p->network == VQR_NETWORK_VNPAY)
        return strlen(p->account) <= 99;
    if (!p->bin || strlen(p->bin) != 6 || strspn(p->bin, "0123456789") != 6)
        return false;
    return strlen(p->account) <= 19;
}

/* Verifies `payload` against a list that must not allow it. */
static void must_not_allow(const char *payload, size_t len, vqr_payee *list, size_t n,
                           const char *what, const char *file)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (usable(&list[i]))
            list[k++] = list[i];
    vqr_verdict v;
    VQR_INIT(&v);
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_verify(payload, len, k ? list : NULL, k, NULL, &v, &e) != VQR_OK) {
        fail("%s: vqr_verify refused the list (%s)", file, e.name);
        return;
    }
    g_verifications++;
    if (v.verdict == VQR_VERDICT_OK) {
        g_bad_ok++;
        fail("%s: OK for a payee not on the list (%s)", file, what);
    }
}

static const vqr_service k_services[3] = { VQR_SERVICE_ACCOUNT, VQR_SERVICE_CARD,
                                           VQR_SERVICE_MERCHANT };

/* Lists that leave the code's payee out: every other payee of the set, the
 * empty list, and its own payee with one thing changed. */
static void near_misses(const code *c, const char *payload, size_t len, const char *file)
{
    static vqr_payee others[MAX_CODES];
    size_t no = 0;
    for (size_t i = 0; i < g_ncodes; i++) {
        const code *o = &g_codes[i];
        if (!strcmp(o->kind, c->kind) && !strcmp(o->bin, c->bin) &&
            !strcmp(o->account, c->account) && o->service == c->service)
            continue;
        if (!strcmp(o->kind, "napas") && o->service != VQR_SERVICE_NONE)
            others[no++] = napas(o->bin, o->account, o->service, o->name);
        else if (!strcmp(o->kind, "vnpay"))
            others[no++] = vnpay(o->account, o->name);
    }
    must_not_allow(payload, len, others, no, "every other payee", file);
    must_not_allow(payload, len, NULL, 0, "the empty list", file);
    const char *id = c->account;
    size_t il = strlen(id);
    if (!strcmp(c->kind, "none") || il == 0)
        return;

    /* The account with one change: the last character, a character more
     * or less at either end, letters in the other case. */
    static char acc[6][160];
    int a = 0;
    snprintf(acc[a], sizeof acc[a], "%.*s%c", (int)il - 1, id,
             id[il - 1] == '9'   ? '0'
             : id[il - 1] == 'Z' ? 'A'
                                 : id[il - 1] + 1);
    a++;
    snprintf(acc[a], sizeof acc[a], "0%s", id);
    a++;
    snprintf(acc[a], sizeof acc[a], "%s0", id);
    a++;
    snprintf(acc[a], sizeof acc[a], "%.*s", (int)il - 1, id);
    a++;
    snprintf(acc[a], sizeof acc[a], "%s", id + 1);
    a++;
    snprintf(acc[a], sizeof acc[a], "%s", id);
    for (char *p = acc[a]; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
            *p = (char)(*p ^ 0x20);
    a++;
    vqr_payee list[64];
    size_t n = 0;
    for (int i = 0; i < a; i++) {
        if (!strcmp(acc[i], id) || !acc[i][0])
            continue;
        if (!strcmp(c->kind, "napas"))
            for (int k = 0; k < 3; k++)
                list[n++] = napas(c->bin, acc[i], k_services[k], c->name);
        else
            list[n++] = vnpay(acc[i], c->name);
    }
    must_not_allow(payload, len, list, n, "the account changed", file);

    n = 0;
    if (!strcmp(c->kind, "napas")) {
        /* The account at other BINs, under the other services, as a VNPAY
         * merchant ID; its own name on all of them. */
        static char bins[3][8];
        long b = strtol(c->bin, NULL, 10);
        snprintf(bins[0], sizeof bins[0], "%06ld", (b + 1) % 1000000);
        snprintf(bins[1], sizeof bins[1], "%06ld", (b + 999999) % 1000000);
        snprintf(bins[2], sizeof bins[2], "%s", strcmp(c->bin, "970436") ? "970436" : "970422");
        /* gen_photos.py could not read the service of a malformed 38: a
         * payee needs one, and no other service can be said to be wrong. */
        bool known = c->service != VQR_SERVICE_NONE;
        for (int i = 0; i < 3; i++)
            list[n++] = napas(bins[i], id, known ? c->service : VQR_SERVICE_ACCOUNT, c->name);
        for (int k = 0; k < 3 && known; k++)
            if (k_services[k] != c->service)
                list[n++] = napas(c->bin, id, k_services[k], c->name);
        list[n++] = vnpay(id, c->name);
        must_not_allow(payload, len, list, n, "another bank, service or network", file);
    } else {
        /* A VNPAY merchant ID as a NAPAS account at every BIN of the set. */
        for (size_t i = 0; i < g_ncodes && n < 64; i++)
            if (g_codes[i].bin[0])
                list[n++] = napas(g_codes[i].bin, id, VQR_SERVICE_ACCOUNT, c->name);
        must_not_allow(payload, len, list, n, "a NAPAS account of the same number", file);
    }
}

/* A code built as a valid payment code, with its own payee listed. */
static void must_allow(const code *c, const char *payload, size_t len, const char *file)
{
    vqr_payee list[1];
    size_t n = 0;
    if (!strcmp(c->kind, "napas")) {
        list[n++] = napas(c->bin, c->account, c->service, c->name);
    } else {
        list[n++] = vnpay(c->account, c->name);
    }
    vqr_verdict v;
    VQR_INIT(&v);
    if (vqr_verify(payload, len, list, n, NULL, &v, NULL) != VQR_OK ||
        v.verdict != VQR_VERDICT_OK) {
        fail("%s: its own payee is not OK (%s)", file, vqr_verdict_name(v.verdict));
        return;
    }
    if (v.suspects) {
        fail("%s: suspects in a code made of plain text", file);
        return;
    }
    if (c->amount[0]) {
        vqr_verify_options o;
        vqr_verify_options_init(&o, sizeof o, NULL);
        o.amount = strtoull(c->amount, NULL, 10);
        if (vqr_verify(payload, len, list, n, &o, &v, NULL) != VQR_OK ||
            v.verdict != VQR_VERDICT_OK)
            fail("%s: the right amount is not OK (%s)", file, vqr_verdict_name(v.verdict));
        o.amount += 1;
        if (vqr_verify(payload, len, list, n, &o, &v, NULL) != VQR_OK ||
            v.verdict != VQR_VERDICT_AMOUNT_MISMATCH)
            fail("%s: a wrong amount is not AMOUNT_MISMATCH (%s)", file,
                 vqr_verdict_name(v.verdict));
        g_verifications += 2;
    }
    g_verifications++;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_photos DIR MANIFEST\n");
        return 2;
    }
    load_codes(argv[1]);
    FILE *m = fopen(argv[2], "r");
    if (!m) {
        perror(argv[2]);
        return 1;
    }
    char line[8192];
    vqr_scan_options opt;
    vqr_scan_options_init(&opt, sizeof opt, NULL);
    while (fgets(line, sizeof line, m)) {
        char *f[4] = { NULL, NULL, NULL, NULL };
        if (split(line, f, 4) < 3)
            continue;
        const char *file = f[0];
        tally *t = set_of(f[1]);
        size_t want[4];
        int nwant = 0;
        for (char *s = strtok(f[2], ","); s && nwant < 4; s = strtok(NULL, ","))
            want[nwant++] = strtoul(s, NULL, 10);
        char path[4096];
        int pn = snprintf(path, sizeof path, "%s/photos/%s", argv[1], file);
        if (pn < 0 || (size_t)pn >= sizeof path) {
            fail("%s/photos/%s: path too long", argv[1], file);
            continue;
        }
        vqr_scan_result *r;
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_scan_file(path, &opt, &r, &e) != VQR_OK) {
            fail("%s: %s", path, e.name);
            continue;
        }
        t->photos++;
        int hit = 0;
        bool wrong = false;
        for (int k = 0; k < nwant; k++) {
            const code *c = &g_codes[want[k]];
            for (size_t i = 0; i < vqr_scan_count(r); i++) {
                vqr_scan_code sc;
                VQR_INIT(&sc);
                vqr_scan_get(r, i, &sc, NULL);
                if (sc.len == c->len && memcmp(sc.data, c->bytes, c->len) == 0) {
                    hit++;
                    break;
                }
            }
        }
        for (size_t i = 0; i < vqr_scan_count(r); i++) {
            vqr_scan_code sc;
            VQR_INIT(&sc);
            vqr_scan_get(r, i, &sc, NULL);
            const code *match = NULL;
            for (int k = 0; k < nwant; k++) {
                const code *c = &g_codes[want[k]];
                if (sc.len == c->len && memcmp(sc.data, c->bytes, c->len) == 0)
                    match = c;
            }
            if (!match) {
                wrong = true;
                fail("%s: read a payload the photo does not hold: %s", file, sc.data);
                continue;
            }
            if (sc.same_as != i)
                continue;
            near_misses(match, sc.data, sc.len, file);
            if (strcmp(match->source, "vector") != 0)
                must_allow(match, sc.data, sc.len, file);
        }
        if (hit == nwant && !wrong)
            t->read++;
        else if (hit < nwant)
            t->missed++;
        if (wrong)
            t->wrong++;
        if (vqr_scan_distinct(r) >= 2)
            t->multiple++;
        if (hit < nwant)
            fprintf(stderr, "missed: %s (%s)\n", file, f[3] ? f[3] : "");
        vqr_scan_free(r);
    }
    fclose(m);

    printf("%-12s %7s %7s %7s %7s %9s\n", "set", "photos", "read", "missed", "wrong", "rate");
    tally all = { .name = "all" };
    for (int i = 0; i < g_nsets; i++) {
        const tally *t = &g_sets[i];
        printf("%-12s %7d %7d %7d %7d %8.2f%%\n", t->name, t->photos, t->read, t->missed, t->wrong,
               t->photos ? 100.0 * t->read / t->photos : 0.0);
        all.photos += t->photos;
        all.read += t->read;
        all.missed += t->missed;
        all.wrong += t->wrong;
        if (!strcmp(t->name, "clean") && t->read != t->photos)
            fail("the undistorted set is not read whole");
        if (!strcmp(t->name, "two")) {
            printf("%-12s %7d photos with two different codes found (MULTIPLE_CODES): %d\n", "",
                   t->photos, t->multiple);
            if (t->multiple != t->photos)
                fail("MULTIPLE_CODES is not found in every two-code photo");
        }
    }
    printf("%-12s %7d %7d %7d %7d %8.2f%%\n", "all", all.photos, all.read, all.missed, all.wrong,
           all.photos ? 100.0 * all.read / all.photos : 0.0);
    if (all.photos == 0 || all.read * 100 < all.photos * 99)
        fail("the overall rate is under 99 %%");
    printf("verification: %ld verdicts, %ld OK for a payee not on the list\n", g_verifications,
           g_bad_ok);
    for (size_t i = 0; i < g_ncodes; i++)
        free(g_codes[i].bytes);
    if (g_failures)
        printf("%ld failures\n", g_failures);
    return g_failures ? 1 : 0;
}
