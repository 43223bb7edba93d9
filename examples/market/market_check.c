/*
 * market_check.c - a market board checks the photos of its stalls' payment
 * stickers.
 *
 * A fraudster can paste his own sticker over a stall's, with the stall
 * keeper's name on it so that the payer's glance at the name in the bank
 * app does not catch it. The market board photographs every counter
 * regularly; this program reads each photo with libvietqr-scan and checks
 * with vqr_verify that its code pays the stall's registered account, with
 * a static code.
 *
 *   market_check STALLS.csv PHOTODIR
 *       Every photo of PHOTODIR (PNG or JPEG) is named after its stall
 *       (A07.jpg). Prints one line per stall, then the stalls that need a
 *       visit; exits 1 unless every stall is OK.
 *
 * Builds against the public headers only: vietqr.h, vietqr-scan.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stalls.h"
#include "vietqr-scan.h"
#include "vietqr.h"

/* DIR/NAME.EXT into `out`; false when it does not fit. */
static bool join(char *out, size_t cap, const char *dir, const char *name, const char *ext)
{
    int n = snprintf(out, cap, "%s/%s%s%s", dir, name, ext[0] ? "." : "", ext);
    return n > 0 && (size_t)n < cap;
}

static const char *verdict_of(const char *dir, const stall *s, char *what, size_t cap)
{
    /* The photo: <stall>.jpg, .jpeg or .png. */
    static const char *const ext[] = { "jpg", "jpeg", "png" };
    char path[4096];
    vqr_scan_result *r = NULL;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = VQR_ERR_IO;
    for (size_t k = 0; k < 3 && st == VQR_ERR_IO; k++) {
        if (join(path, sizeof path, dir, s->id, ext[k]))
            st = vqr_scan_file(path, NULL, &r, &e);
    }
    what[0] = '\0';
    if (st == VQR_ERR_IO)
        return "NO_PHOTO";
    if (st != VQR_OK) {
        snprintf(what, cap, "%s", e.name);
        return "NO_CODE";
    }
    size_t distinct = vqr_scan_distinct(r);
    if (distinct != 1) {
        snprintf(what, cap, "%zu different codes", distinct);
        vqr_scan_free(r);
        return distinct ? "MULTIPLE_CODES" : "NO_CODE";
    }
    vqr_scan_code c;
    VQR_INIT(&c);
    vqr_scan_get(r, 0, &c, NULL);

    /* The stall's registered payee, with its name: a code that borrows it
     * for another account is flagged. A sticker must be static. */
    vqr_payee p;
    vqr_payee_init(&p, sizeof p, NULL);
    p.bin = s->bin;
    p.account = s->account;
    p.name = s->name;
    vqr_verify_options o;
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.kind = VQR_VERIFY_STATIC;
    vqr_verdict v;
    VQR_INIT(&v);
    vqr_verify(c.data, c.len, &p, 1, &o, &v, NULL);
    vqr_scan_free(r);

    size_t n = 0;
    if (v.network == VQR_NETWORK_NAPAS)
        n = (size_t)snprintf(what, cap, "pays %s %s", v.bank_known ? v.bank_short_name : v.bin,
                             v.account);
    if (v.verdict == VQR_VERDICT_INVALID && n < cap)
        n += (size_t)snprintf(what + n, cap - n, "%s%s", n ? ", " : "", v.error.name);
    if ((v.suspects & VQR_SUSPECT_IMITATION) && n < cap)
        n += (size_t)snprintf(what + n, cap - n, ", borrows the name %s", v.merchant_name);
    if ((v.suspects & ~(unsigned)VQR_SUSPECT_IMITATION) && n < cap)
        snprintf(what + n, cap - n, ", text with look-alike or hidden characters");
    return vqr_verdict_name(v.verdict);
}

static int check(const char *dir)
{
    size_t ok = 0;
    char visits[2048] = "";
    for (size_t i = 0; i < g_nstall; i++) {
        char what[256];
        const char *verdict = verdict_of(dir, &g_stall[i], what, sizeof what);
        printf("%s;%s;%s\n", g_stall[i].id, verdict, what);
        if (strcmp(verdict, "OK") == 0) {
            ok++;
        } else {
            size_t n = strlen(visits);
            snprintf(visits + n, sizeof visits - n, "  %s (%s): %s%s%s\n", g_stall[i].id,
                     g_stall[i].label, verdict, what[0] ? ", " : "", what);
        }
    }
    printf("%zu stalls: %zu OK, %zu to visit\n%s", g_nstall, ok, g_nstall - ok, visits);
    return ok == g_nstall ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: market_check STALLS.csv PHOTODIR\n");
        return 2;
    }
    if (read_stalls(argv[1]) != 0)
        return 2;
    return check(argv[2]);
}
