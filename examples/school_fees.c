/*
 * school_fees.c - one VietQR per student for a term's tuition (học phí):
 * the school's collection account, each student's amount, and a transfer
 * message that names the student so the bursar can reconcile payments.
 *
 * Usage: school_fees
 * Prints "student code;amount;payload" for each student, then a summary.
 */
#include <stdio.h>
#include <string.h>

#include "vietqr.h"

typedef struct student {
    const char *code;
    const char *name;
    uint64_t fee;
} student;

static const student k_class[] = {
    { "HS10A01", "Nguyễn Văn An", 3200000 },  { "HS10A02", "Trần Thị Bích Ngọc", 3200000 },
    { "HS10A03", "Lê Hoàng Đức", 2850000 },   { "HS10A04", "Phạm Thu Hương", 3200000 },
    { "HS10A05", "Đặng Quốc Việt", 1600000 }, /* half fee: scholarship */
};

int main(void)
{
    size_t ok = 0, n = sizeof k_class / sizeof k_class[0];
    for (size_t i = 0; i < n; i++) {
        char purpose[64];
        /* 62.08 holds at most 25 characters: code + name, folded to ASCII. */
        snprintf(purpose, sizeof purpose, "HP %s %s", k_class[i].code, k_class[i].name);
        vqr_vietqr in;
        vqr_vietqr_init(&in, sizeof in, NULL);
        in.bank = "BIDV";
        in.account = "21510001234567";
        in.amount = k_class[i].fee;
        in.bill_number = k_class[i].code;
        in.purpose = purpose;

        char payload[VQR_PAYLOAD_BUF_SIZE];
        size_t len;
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_vietqr_write(&in, 0, payload, sizeof payload, &len, NULL, &e) != VQR_OK) {
            /* A name too long for 62.08 is an error, never a silent cut. */
            printf("%s;ERROR;%s %s (limit %zu)\n", k_class[i].code, e.tag, e.message, e.limit);
            continue;
        }
        printf("%s;%llu;%s\n", k_class[i].code, (unsigned long long)k_class[i].fee, payload);
        ok++;
    }
    printf("%zu of %zu codes written\n", ok, n);
    return 0;
}
