/*
 * vietqr_int.h - helpers shared by the VietQR builder (vietqr.c) and
 * reader (vietqr_read.c). Not part of the ABI.
 */
#ifndef VQR_VIETQR_INT_H
#define VQR_VIETQR_INT_H

#include "internal.h"

/* The 38.02 code of a service ("QRIBFTTA"), or NULL for NONE / OTHER. */
const char *vqr_service_code(vqr_service s);

#endif /* VQR_VIETQR_INT_H */
