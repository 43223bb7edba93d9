/* vietqr-scan.h compiles as strict C99 (and, in header_scan.cpp, as C++). */
#include "vietqr-scan.h"

int main(void)
{
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, NULL);
    return o.size == sizeof o ? 0 : 1;
}
