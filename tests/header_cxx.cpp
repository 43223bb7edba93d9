// header_cxx.cpp - vietqr.h compiles as C++ (extern "C", no C-only
// constructs) and links against the C library.
#include <vietqr.h>

#include <cstdio>
#include <cstring>

int main()
{
    vqr_payload p;
    vqr_error err;
    VQR_INIT(&err);
    vqr_payload_init(&p);
    char buf[VQR_PAYLOAD_BUF_SIZE];
    size_t len = 0;
    vqr_status st = vqr_payload_write(&p, VQR_WRITE_CANONICAL, buf, sizeof buf, &len, &err);
    // Only 00 is set: writing works, and the payload is "000201" plus the CRC.
    if (st != VQR_OK || len != 14 || std::strcmp(buf, "0002016304AAE6") != 0) {
        std::fprintf(stderr, "unexpected: %s %zu\n", vqr_status_name(st), len);
        return 1;
    }
    if (vqr_version() != static_cast<uint32_t>(VQR_VERSION) ||
        std::strcmp(vqr_version_string(), VQR_VERSION_STRING) != 0)
        return 1;
    return 0;
}
