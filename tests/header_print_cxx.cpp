/*
 * header_print_cxx.cpp - vietqr-print.h compiles as strict C99 and as C++11
 * (-pedantic -Werror, set in tests/meson.build), alone, and every public
 * type is complete.
 */
#include <vietqr-print.h>

#include <cstdio>

int main(void)
{
    vqr_print_options o;
    vqr_print_fields f;
    vqr_print_item item = { "Học phí", 1250000 };
    vqr_print_box box;
    vqr_template t = VQR_TEMPLATE_STICKER;
    vqr_paper paper = VQR_PAPER_SQUARE_100;
    vqr_print_format fmt = VQR_FORMAT_SVG;
    vqr_print_flags flags = VQR_PRINT_ANY_PAYLOAD;
    vqr_print_box_kind kind = VQR_BOX_QR;
    vqr_print_write_fn write = nullptr;
    vqr_print_options_init(&o, sizeof o, NULL);
    vqr_print_fields_init(&f, sizeof f, NULL);
    f.items = &item;
    f.item_count = 1;
    box.size = sizeof box;
    int bad = o.size != sizeof o || f.size != sizeof f || t != 8 || paper != 6 || fmt != 2 ||
              flags != 16 || kind != 2 || write != nullptr || VQR_PRINT_FIELD_MAX != 24 ||
              VQR_PRINT_ITEMS_MAX != 64 || VQR_PRINT_RECEIPT_DPI != 203;
    if (bad)
        std::fputs("vietqr-print.h: a constant changed\n", stderr);
    return bad;
}
