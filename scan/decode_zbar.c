/*
 * decode_zbar.c - the QR decoder built on zbar instead of ZXing-C++
 * (meson option scan_decoder=zbar). zbar gives the symbol's bytes
 * (ZBAR_CFG_BINARY) but neither the ECI it declared nor the
 * error-correction level; bench/scan_decoders measures both decoders.
 */
#include "scan_int.h"

#include <stdlib.h>
#include <string.h>
#include <zbar.h>

const char *vqr_scan_decoder_name(void)
{
    return "zbar";
}

vqr_status vqr_scan_run_decoder(const unsigned char *pixels, unsigned width, unsigned height,
                                size_t stride, unsigned flags, unsigned max_codes,
                                vqr_scan_sink sink, void *ctx, vqr_error *err)
{
    (void)flags;
    /* zbar wants rows without padding. */
    unsigned char *copy = NULL;
    if (stride != width) {
        copy = malloc((size_t)width * height);
        if (!copy)
            return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
        for (size_t y = 0; y < height; y++)
            memcpy(copy + y * width, pixels + y * stride, width);
        pixels = copy;
    }
    zbar_image_scanner_t *scanner = zbar_image_scanner_create();
    zbar_image_t *img = zbar_image_create();
    if (!scanner || !img) {
        if (scanner)
            zbar_image_scanner_destroy(scanner);
        if (img)
            zbar_image_destroy(img);
        free(copy);
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    }
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, width, height);
    zbar_image_set_data(img, pixels, (unsigned long)width * height, NULL);
    vqr_status st = VQR_OK;
    int n = zbar_scan_image(scanner, img);
    if (n < 0)
        st = vqr_scan_fail(err, VQR_ERR_SCAN_DECODER, SIZE_MAX, 0);
    unsigned found = 0;
    for (const zbar_symbol_t *s = n > 0 ? zbar_image_first_symbol(img) : NULL;
         s && st == VQR_OK && found < max_codes; s = zbar_symbol_next(s)) {
        if (zbar_symbol_get_type(s) != ZBAR_QRCODE)
            continue;
        vqr_scan_raw raw;
        memset(&raw, 0, sizeof raw);
        raw.bytes = (const unsigned char *)zbar_symbol_get_data(s);
        raw.len = zbar_symbol_get_data_length(s);
        raw.eci = -1;
        /* zbar's points run top-left, bottom-left, bottom-right, top-right. */
        static const int order[4] = { 0, 3, 2, 1 };
        if (zbar_symbol_get_loc_size(s) == 4) {
            for (size_t k = 0; k < 4; k++) {
                raw.corners[2 * k] = zbar_symbol_get_loc_x(s, (unsigned)order[k]);
                raw.corners[2 * k + 1] = zbar_symbol_get_loc_y(s, (unsigned)order[k]);
            }
        }
        st = sink(ctx, &raw);
        found++;
    }
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(scanner);
    free(copy);
    return st;
}
