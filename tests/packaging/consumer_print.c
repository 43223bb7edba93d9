/*
 * consumer_print.c - a program that uses an installed libvietqr-print
 * through <vietqr-print.h> and pkg-config or CMake only: draws a payment
 * card as PNG and checks its signature.
 */
#include <stdio.h>
#include <string.h>
#include <vietqr-print.h>

int main(void)
{
    static const char payload[] =
        "00020101021238570010A00000072701270006970436011300110123456780208"
        "QRIBFTTA530370454061500005802VN6304E5B8";
    vqr_print_fields f;
    vqr_print_options opt;
    vqr_error err;
    unsigned char *png = NULL;
    size_t len = 0;

    VQR_INIT(&err);
    if (vqr_print_fields_init(&f, sizeof f, &err) || vqr_print_options_init(&opt, sizeof opt, &err))
        goto fail;
    f.payload = payload;
    f.payload_len = strlen(payload);
    f.holder = "BỆNH VIỆN ĐA KHOA";
    if (vqr_print_render(VQR_TEMPLATE_CARD, &f, &opt, NULL, &png, &len, &err))
        goto fail;
    if (len < 8 || memcmp(png, "\x89PNG", 4) != 0) {
        fprintf(stderr, "not a PNG\n");
        vqr_free(png);
        return 1;
    }
    printf("card: %zu bytes of PNG\n", len);
    vqr_free(png);
    return 0;
fail:
    fprintf(stderr, "%s: %s (%s)\n", err.name, err.message, err.tag);
    return 1;
}
