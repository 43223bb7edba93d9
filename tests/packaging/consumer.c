/*
 * consumer.c - a program that uses an installed libvietqr the way a user's
 * would: through <vietqr.h> and pkg-config or CMake only. The packaging
 * checks (scripts/hardening.sh) build it against an installed prefix and
 * against the Debian packages; libvietqr(3) shows the same code.
 */
#include <stdio.h>
#include <string.h>
#include <vietqr.h>

int main(void)
{
    vqr_vietqr in;
    vqr_vietqr_init(&in, sizeof in, NULL);
    in.bank = "970436";
    in.account = "0011012345678";
    in.amount = 150000; /* đồng */
    in.purpose = "Vien phi HD2024-0042";

    char text[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    vqr_error err;
    VQR_INIT(&err);
    if (vqr_vietqr_write(&in, VQR_VIETQR_FOLD, text, sizeof text, &len, NULL, &err)) {
        fprintf(stderr, "%s: %s\n", err.name, err.message);
        return 1;
    }
    puts(text);
    /* The library that was loaded is the one the header describes. */
    if (strcmp(vqr_version_string(), VQR_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", VQR_VERSION_STRING, vqr_version_string());
        return 1;
    }
    return 0;
}
