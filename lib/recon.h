/*
 * recon.h - reading what bank statements write: amounts of đồng and
 * transaction dates (recon_parse.c), for reconciliation (recon.c).
 * Nothing here is part of the ABI.
 */
#ifndef VQR_RECON_H
#define VQR_RECON_H

#include "vietqr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A date and time as vqr_recon_tx documents it, as the number
 * YYYYMMDDhhmmssfff (which sorts as the dates do). On failure *bad is the
 * offending byte, or SIZE_MAX when the text ends too soon.
 */
bool vqr_recon_date_key(const unsigned char *s, size_t n, uint64_t *key, size_t *bad);

#endif /* VQR_RECON_H */
