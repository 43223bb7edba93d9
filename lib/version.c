/* version.c - run-time version of the library. */
#include "common.h"

uint32_t vqr_version(void)
{
    return (uint32_t)VQR_VERSION;
}

const char *vqr_version_string(void)
{
    return VQR_VERSION_STRING;
}
