// vietqr-scan.h compiles as C++ too.
#include "vietqr-scan.h"

int main()
{
    vqr_scan_options o;
    vqr_scan_options_init(&o, sizeof o, nullptr);
    return o.size == sizeof o ? 0 : 1;
}
