/*
 * hospital_invoice.c - a dynamic VietQR for one hospital invoice (viện phí),
 * written out and read back.
 *
 * Usage: hospital_invoice
 * Prints the payload, then what a bank app will read from it.
 */
#include <stdio.h>
#include <string.h>

#include "vietqr.h"

static int set(vqr_payload *p, const char *path, const char *value)
{
    vqr_error e;
    if (vqr_payload_set(p, path, value, strlen(value), &e) != VQR_OK) {
        fprintf(stderr, "%s: %s (limit %zu)\n", e.tag, e.message, e.limit);
        return -1;
    }
    return 0;
}

int main(void)
{
    /* Invoice HD-2026-000123 of Bệnh viện Đa khoa tỉnh, 1,250,000 VND,
     * paid to the hospital's account 0011001234567 at Vietcombank. */
    vqr_payload p;
    vqr_payload_init(&p);
    if (set(&p, "01", "12") || set(&p, "38.00", "A000000727") || set(&p, "38.01.00", "970436") ||
        set(&p, "38.01.01", "0011001234567") || set(&p, "38.02", "QRIBFTTA") ||
        set(&p, "53", "704") || set(&p, "54", "1250000") || set(&p, "58", "VN") ||
        set(&p, "62.01", "HD-2026-000123") || set(&p, "62.08", "Vien phi HD 2026 000123"))
        return 1;

    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    vqr_error e;
    if (vqr_payload_write(&p, VQR_WRITE_CANONICAL, payload, sizeof payload, &len, &e) != VQR_OK) {
        fprintf(stderr, "write: %s\n", e.message);
        return 1;
    }
    printf("%s\n", payload);

    /* Read it back as a bank app would. */
    vqr_payload back;
    if (vqr_payload_parse(&back, payload, len, VQR_PARSE_LENIENT, &e) != VQR_OK) {
        fprintf(stderr, "parse: %s at %zu (%s)\n", e.message, e.offset, e.tag);
        return 1;
    }
    static const struct { const char *path, *label; } fields[] = {
        { "38.01.00", "bank BIN" }, { "38.01.01", "account" }, { "38.02", "service" },
        { "54", "amount (VND)" },   { "62.01", "bill" },       { "62.08", "purpose" },
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        vqr_view v;
        if (vqr_payload_get(&back, fields[i].path, &v) == VQR_OK)
            printf("%-13s %.*s\n", fields[i].label, (int)v.len, v.ptr);
    }
    char given[5], computed[5];
    bool ok = vqr_payload_crc(&back, given, computed);
    printf("%-13s %s (%s)\n", "CRC", given, ok ? "ok" : "WRONG");
    return 0;
}
