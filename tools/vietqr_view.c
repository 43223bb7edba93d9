/*
 * vietqr_view.c - the VietQR reading of a payload for decode.
 * Filled in by the VietQR reader (vqr_vietqr_read) once it is available.
 */
#include "cli.h"

#include <jansson.h>

json_t *cli_vietqr_json(const vqr_payload *p)
{
    (void)p;
    return json_null();
}

void cli_vietqr_summary(const vqr_payload *p, bool vi, FILE *out)
{
    (void)p;
    (void)vi;
    (void)out;
}
