/*
 * decode_zxing.cpp - the QR decoder: ZXing-C++ behind a C interface.
 *
 * Nothing C++ leaves this file: every exception is caught here and becomes
 * a vqr_status.
 */
#define ZX_USE_UTF8 1

#include "scan_int.h"

#include <ZXing/ReadBarcode.h>
#include <ZXing/ZXVersion.h>

#include <cstdint>
#include <cstring>
#include <new>
#include <string>

namespace
{

/*
 * The ECI designators of a symbol, from ZXing's "ECI protocol" form of its
 * bytes: a symbology identifier ("]Q2"), then the data where "\NNNNNN"
 * switches the ECI and "\\" stands for one backslash. Returns the first
 * ECI (-1 when none) and their count.
 */
void read_ecis(const ZXing::ByteArray &b, int *first, int *count)
{
    *first = -1;
    *count = 0;
    size_t i = 0, n = b.size();
    if (n >= 3 && b[0] == ']')
        i = 3;
    while (i < n) {
        if (b[i] != '\\') {
            i++;
            continue;
        }
        if (i + 1 < n && b[i + 1] == '\\') {
            i += 2;
            continue;
        }
        if (i + 6 < n) {
            int v = 0;
            bool digits = true;
            for (size_t k = 1; k <= 6; k++) {
                if (b[i + k] < '0' || b[i + k] > '9') {
                    digits = false;
                    break;
                }
                v = v * 10 + (b[i + k] - '0');
            }
            if (digits) {
                if (*first < 0)
                    *first = v;
                (*count)++;
                i += 7;
                continue;
            }
        }
        i++;
    }
}

} // namespace

extern "C" const char *vqr_scan_decoder_name(void)
{
#define VQR_STR2(x) #x
#define VQR_STR(x) VQR_STR2(x)
    return "ZXing-C++ " VQR_STR(ZXING_VERSION_MAJOR) "." VQR_STR(ZXING_VERSION_MINOR) "." VQR_STR(
        ZXING_VERSION_PATCH);
}

extern "C" vqr_status vqr_scan_run_decoder(const unsigned char *pixels, unsigned width,
                                           unsigned height, size_t stride, unsigned flags,
                                           unsigned max_codes, vqr_scan_sink sink, void *ctx,
                                           vqr_error *err)
{
    try {
        ZXing::ImageView view(pixels, (int)width, (int)height, ZXing::ImageFormat::Lum, (int)stride,
                              1);
        bool fast = (flags & VQR_SCAN_FAST) != 0;
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode)
            .setTryHarder(!fast)
            .setTryRotate(false) /* QR finding does not depend on the rotation */
            .setTryDownscale(!fast)
            .setBinarizer(ZXing::Binarizer::LocalAverage)
            .setMaxNumberOfSymbols((uint8_t)(max_codes > 255 ? 255 : max_codes))
            .setReturnErrors(false);
        ZXing::Results results = ZXing::ReadBarcodes(view, hints);
        for (const ZXing::Result &r : results) {
            if (!r.isValid() || r.format() != ZXing::BarcodeFormat::QRCode)
                continue;
            vqr_scan_raw raw;
            std::memset(&raw, 0, sizeof raw);
            const ZXing::ByteArray &bytes = r.bytes();
            raw.bytes = bytes.data();
            raw.len = bytes.size();
            raw.eci = -1;
            if (r.hasECI())
                read_ecis(r.bytesECI(), &raw.eci, &raw.eci_count);
            std::string text;
            bool other_charset = raw.eci >= 0 && raw.eci != 26 && raw.eci != 27 && raw.eci != 899;
            if (other_charset || raw.eci_count > 1) {
                text = r.text();
                raw.text = text.data();
                raw.text_len = text.size();
            }
            const ZXing::Position &p = r.position();
            raw.corners[0] = p.topLeft().x;
            raw.corners[1] = p.topLeft().y;
            raw.corners[2] = p.topRight().x;
            raw.corners[3] = p.topRight().y;
            raw.corners[4] = p.bottomRight().x;
            raw.corners[5] = p.bottomRight().y;
            raw.corners[6] = p.bottomLeft().x;
            raw.corners[7] = p.bottomLeft().y;
            std::string ec = r.ecLevel();
            raw.ecc = ec.size() == 1 && std::strchr("LMQH", ec[0]) ? ec[0] : 0;
            vqr_status st = sink(ctx, &raw);
            if (st != VQR_OK)
                return st;
        }
        return VQR_OK;
    } catch (const std::bad_alloc &) {
        return vqr_scan_fail(err, VQR_ERR_NO_MEMORY, SIZE_MAX, 0);
    } catch (...) {
        return vqr_scan_fail(err, VQR_ERR_SCAN_DECODER, SIZE_MAX, 0);
    }
}
