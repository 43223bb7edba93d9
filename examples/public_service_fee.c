/*
 * public_service_fee.c - a ward office's counter code (static: the citizen
 * types the fee) and a dynamic code for one application's fee (lệ phí),
 * and what the library says about a code a citizen scanned elsewhere.
 *
 * Usage: public_service_fee
 */
#include <stdio.h>
#include <string.h>

#include "vietqr.h"

static int show(const char *label, const vqr_vietqr *in, unsigned flags)
{
    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_vietqr_write(in, flags, payload, sizeof payload, &len, NULL, &e);
    if (st != VQR_OK) {
        printf("%-8s %s at %s: %s / %s\n", label, e.name, e.tag, e.message, e.message_vi);
        return 1;
    }
    printf("%-8s %s\n", label, payload);
    return 0;
}

int main(void)
{
    /* The counter code: no amount, so bank apps ask the citizen for it. */
    vqr_vietqr counter;
    vqr_vietqr_init(&counter, sizeof counter, NULL);
    counter.bank = "970405"; /* Agribank */
    counter.account = "1500201234567";
    counter.merchant_name = "UBND Phường Bến Nghé";
    counter.merchant_city = "TP HCM";
    counter.purpose = "Lệ phí hành chính";
    show("counter", &counter, 0);

    /* One application: fixed fee and the file number as reference. */
    vqr_vietqr app = counter;
    app.amount = 50000;
    app.reference = "HS-2026-11-0042";
    app.purpose = "Le phi cap ban sao";
    show("dynamic", &app, 0);

    /* Strict text: the portal wants to show the citizen's text unchanged,
     * so non-ASCII in an ans field is an error instead of being folded. */
    vqr_vietqr strict = app;
    strict.merchant_name = "UBND Phuong Ben Nghe";
    strict.merchant_city = "TP HCM";
    strict.purpose = "Lệ phí cấp bản sao";
    show("strict", &strict, VQR_VIETQR_STRICT_TEXT);

    /* A code with a damaged CRC, as scanned from a worn sticker. */
    const char *scanned = "00020101021138570010A00000072701270006970405011315002012345670208"
                          "QRIBFTTA53037045802VN6304FFFF";
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_payload_parse(&p, scanned, strlen(scanned), VQR_PARSE_LENIENT, &e);
    char given[5], computed[5];
    vqr_payload_crc(&p, given, computed);
    printf("scanned  %s at byte %zu (%s): CRC %s, expected %s\n", vqr_status_name(st), e.offset,
           e.tag, given, computed);
    return 0;
}
