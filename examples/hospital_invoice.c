/*
 * hospital_invoice.c - a dynamic VietQR for one hospital invoice (viện phí):
 * built from the invoice's fields, written out, and read back the way a
 * bank app reads it.
 *
 * Usage: hospital_invoice [OUTPUT-DIRECTORY]
 * Draws the QR code in the terminal and writes hospital_invoice.png (for the
 * printed invoice, 300 dpi) and hospital_invoice.svg into the directory
 * (default: the current one).
 */
#include <stdio.h>
#include <string.h>

#include "vietqr.h"

/* Draws the code in the terminal and writes it as PNG and SVG. */
static int render(const char *payload, size_t len, const char *dir)
{
    vqr_qr *qr = NULL;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_qr_encode(payload, len, VQR_ECC_M, NULL, &qr, &e) != VQR_OK) {
        fprintf(stderr, "QR: %s\n", e.message);
        return -1;
    }
    vqr_render_options opt;
    vqr_render_options_init(&opt, sizeof opt, NULL);
    char *term = NULL;
    size_t term_len = 0;
    int rc = -1;
    if (vqr_render_term(qr, &opt, NULL, &term, &term_len, &e) == VQR_OK) {
        fwrite(term, 1, term_len, stdout);
        vqr_free(term);
        /* A 35 mm square on the invoice at 300 dpi: whole pixels per module. */
        vqr_print_size size;
        VQR_INIT(&size);
        char png[1024], svg[1024];
        snprintf(png, sizeof png, "%s/hospital_invoice.png", dir);
        snprintf(svg, sizeof svg, "%s/hospital_invoice.svg", dir);
        opt.title = "VietQR - vien phi HD-2026-000123";
        if (vqr_render_print_size(qr, 35.0, 300, opt.quiet_zone, &size, &e) == VQR_OK) {
            opt.scale = size.scale;
            if (vqr_render_png_file(qr, &opt, png, NULL, &e) == VQR_OK &&
                vqr_render_svg_file(qr, &opt, svg, NULL, &e) == VQR_OK) {
                printf("QR version %d, %d modules, %u px (%.1f mm at 300 dpi)\n",
                       vqr_qr_version(qr), vqr_qr_width(qr), size.pixels, size.total_mm);
                printf("wrote hospital_invoice.png and hospital_invoice.svg\n");
                rc = 0;
            }
        }
    }
    if (rc != 0)
        fprintf(stderr, "render: %s\n", e.message);
    vqr_qr_free(qr);
    return rc;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    /* Invoice HĐ-2026-000123 of Bệnh viện Đa khoa tỉnh: 1,250,000 VND to the
     * hospital's account 0011001234567 at Vietcombank. */
    vqr_vietqr in;
    vqr_vietqr_init(&in, sizeof in, NULL);
    in.bank = "Vietcombank";
    in.account = "0011001234567";
    in.amount = 1250000; /* đồng: VND has no minor unit */
    in.bill_number = "HD-2026-000123";
    in.purpose = "Viện phí HĐ 000123"; /* folded to ASCII for 62.08 */
    in.merchant_name = "Bệnh viện Đa khoa tỉnh";
    in.merchant_city = "Hà Nội";

    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    vqr_vietqr_report report;
    VQR_INIT(&report);
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_vietqr_write(&in, 0, payload, sizeof payload, &len, &report, &e) != VQR_OK) {
        fprintf(stderr, "%s: %s (%s)\n", e.tag, e.message, e.name);
        return 1;
    }
    printf("payload       %s\n", payload);
    for (size_t i = 0; i < report.count; i++)
        printf("folded %-6s \"%s\" (%zu characters changed)\n", report.field[i].tag,
               report.field[i].text, report.field[i].changed);

    if (render(payload, len, dir) != 0)
        return 1;

    /* Read it back as a bank app would. */
    vqr_payload back;
    vqr_vietqr_info info;
    VQR_INIT(&info);
    if (vqr_payload_parse(&back, payload, len, VQR_PARSE_LENIENT, &e) != VQR_OK ||
        vqr_vietqr_read(&back, &info, &e) != VQR_OK) {
        fprintf(stderr, "read back: %s at %zu (%s)\n", e.message, e.offset, e.tag);
        return 1;
    }
    char given[5], computed[5];
    bool crc_ok = vqr_payload_crc(&back, given, computed);
    printf("bank          %s (%s, BIN %s)\n", info.bank_short_name, info.bank_name, info.bin);
    printf("account       %s (%s)\n", info.account, info.service_code);
    printf("amount        %s %s (%s)\n", info.amount, info.currency_alpha,
           info.is_dynamic ? "dynamic" : "static");
    printf("bill          %s\n", info.bill_number);
    printf("purpose       %s\n", info.purpose);
    printf("CRC           %s (%s)\n", given, crc_ok ? "ok" : "WRONG");
    return crc_ok ? 0 : 1;
}
