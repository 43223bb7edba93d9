/*
 * market_stickers.c - a market board prints its stalls' payment stickers.
 *
 * In a "chợ 4.0" every stall has a static VietQR sticker on its counter,
 * and buyers pay by scanning it. The board keeps the list of its stalls
 * and the accounts they registered, and prints their stickers with
 * libvietqr-print's sticker template (A6): market_check then checks the
 * photos of the counters against the same list.
 *
 *   market_stickers STALLS.csv OUTDIR
 *       OUTDIR/stickers.pdf with every stall, one page each, and
 *       OUTDIR/<stall>.png for each (150 dpi); lists the payloads.
 *
 * Builds against the public headers only: vietqr.h, vietqr-print.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stalls.h"
#include "vietqr-print.h"
#include "vietqr.h"

/* DIR/NAME.EXT into `out`; false when it does not fit. */
static bool join(char *out, size_t cap, const char *dir, const char *name, const char *ext)
{
    int n = snprintf(out, cap, "%s/%s%s%s", dir, name, ext[0] ? "." : "", ext);
    return n > 0 && (size_t)n < cap;
}

static int write_file(const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

static int stickers(const char *outdir)
{
    vqr_print_options pdf, png;
    vqr_print_options_init(&pdf, sizeof pdf, NULL);
    pdf.format = VQR_FORMAT_PDF;
    pdf.title = "Mã QR các sạp - Chợ Bến Thành";
    vqr_print_options_init(&png, sizeof png, NULL);
    png.dpi = 150;
    vqr_print_doc *doc;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_print_doc_new(&pdf, NULL, NULL, NULL, &doc, &e) != VQR_OK) {
        fprintf(stderr, "stickers.pdf: %s\n", e.message);
        return 1;
    }
    for (size_t i = 0; i < g_nstall; i++) {
        const stall *s = &g_stall[i];
        /* A static code: no amount, the buyer types it. */
        vqr_vietqr in;
        vqr_vietqr_init(&in, sizeof in, NULL);
        in.bank = s->bin;
        in.account = s->account;
        in.merchant_name = s->name;
        char payload[VQR_PAYLOAD_BUF_SIZE];
        size_t len;
        if (vqr_vietqr_write(&in, 0, payload, sizeof payload, &len, NULL, &e) != VQR_OK) {
            fprintf(stderr, "%s: %s (%s)\n", s->id, e.message, e.tag);
            vqr_print_doc_free(doc);
            return 1;
        }
        vqr_print_fields f;
        vqr_print_fields_init(&f, sizeof f, NULL);
        f.payload = payload;
        f.payload_len = len;
        f.issuer = "Ban quản lý chợ Bến Thành";
        f.stall = s->label;
        f.holder = s->name;
        unsigned char *img;
        size_t img_len;
        char path[4096];
        if (!join(path, sizeof path, outdir, s->id, "png")) {
            fprintf(stderr, "%s: the path is too long\n", outdir);
            vqr_print_doc_free(doc);
            return 1;
        }
        if (vqr_print_render(VQR_TEMPLATE_STICKER, &f, &png, NULL, &img, &img_len, &e) != VQR_OK ||
            vqr_print_doc_add(doc, VQR_TEMPLATE_STICKER, &f, &e) != VQR_OK) {
            fprintf(stderr, "%s: %s (%s)\n", s->id, e.message, e.tag);
            vqr_print_doc_free(doc);
            return 1;
        }
        int w = write_file(path, img, img_len);
        vqr_free(img);
        if (w != 0) {
            vqr_print_doc_free(doc);
            return 1;
        }
        printf("%s %s\n", s->id, payload);
    }
    unsigned char *out;
    size_t out_len;
    size_t pages = vqr_print_doc_pages(doc);
    if (vqr_print_doc_finish(doc, &out, &out_len, &e) != VQR_OK) {
        fprintf(stderr, "stickers.pdf: %s\n", e.message);
        vqr_print_doc_free(doc);
        return 1;
    }
    vqr_print_doc_free(doc);
    char path[4096];
    int w =
        join(path, sizeof path, outdir, "stickers", "pdf") ? write_file(path, out, out_len) : -1;
    vqr_free(out);
    if (w != 0)
        return 1;
    printf("stickers.pdf: %zu stickers on %zu pages\n", g_nstall, pages);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: market_stickers STALLS.csv OUTDIR\n");
        return 2;
    }
    if (read_stalls(argv[1]) != 0)
        return 2;
    return stickers(argv[2]);
}
