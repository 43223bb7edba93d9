/*
 * layout_scan.c - sizeof and field offsets of libvietqr-scan's structs as
 * this compiler lays them out, as JSON, for the Python binding's test (as
 * tests/layout.c does for vietqr.h).
 */
#include <vietqr-scan.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>

#define FIELDS(S, F)                \
    S(vqr_scan_options)             \
    F(vqr_scan_options, size)       \
    F(vqr_scan_options, flags)      \
    F(vqr_scan_options, max_pixels) \
    F(vqr_scan_options, max_codes)  \
    S(vqr_scan_point)               \
    F(vqr_scan_point, x)            \
    F(vqr_scan_point, y)            \
    S(vqr_scan_code)                \
    F(vqr_scan_code, size)          \
    F(vqr_scan_code, data)          \
    F(vqr_scan_code, len)           \
    F(vqr_scan_code, raw)           \
    F(vqr_scan_code, raw_len)       \
    F(vqr_scan_code, eci)           \
    F(vqr_scan_code, converted)     \
    F(vqr_scan_code, utf8)          \
    F(vqr_scan_code, corners)       \
    F(vqr_scan_code, ecc)           \
    F(vqr_scan_code, same_as)

int main(void)
{
    const char *sep = "";
    const char *inner = "";
    int open = 0;
    printf("{\"structs\": {");
#define S(type)                                                                                    \
    printf("%s%s\n  \"%s\": {\"size\": %zu, \"align\": %zu, \"fields\": {", open ? "}}" : "", sep, \
           #type, sizeof(type), (size_t)alignof(type));                                            \
    sep = ",";                                                                                     \
    inner = "";                                                                                    \
    open = 1;
#define F(type, field)                                                   \
    printf("%s\"%s\": [%zu, %zu]", inner, #field, offsetof(type, field), \
           sizeof(((type *)0)->field));                                  \
    inner = ", ";
    FIELDS(S, F)
#undef S
#undef F
    printf("}}\n}, \"defines\": {\"VQR_SCAN_MAX_PIXELS_DEFAULT\": %zu, "
           "\"VQR_SCAN_MAX_CODES_DEFAULT\": %d, \"VQR_SCAN_FAST\": %d}}\n",
           VQR_SCAN_MAX_PIXELS_DEFAULT, VQR_SCAN_MAX_CODES_DEFAULT, (int)VQR_SCAN_FAST);
    return 0;
}
