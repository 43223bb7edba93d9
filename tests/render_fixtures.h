/*
 * render_fixtures.h - payloads and helpers shared by the render tests.
 */
#ifndef RENDER_FIXTURES_H
#define RENDER_FIXTURES_H

#include "vietqr.h"

#include <check.h>
#include <stddef.h>

typedef struct render_payload {
    const char *name;
    const char *data;
    size_t len;
    bool non_ascii;
} render_payload;

#define RENDER_NPAYLOADS 5
/* Fills the payload table (some entries are built at run time). */
const render_payload *render_payloads(void);

/* Encodes payload i at `ecc` with the default allocator; fails the test on error. */
vqr_qr *render_encode(size_t i, vqr_ecc ecc);

/* The module matrix of `qr` in a malloc'd buffer (w * w, 1 = dark). */
unsigned char *render_matrix(const vqr_qr *qr);

/* Whether image module (x, y), quiet zone `qz` included, is dark. */
bool render_dark(const vqr_qr *qr, unsigned qz, long x, long y);

TCase *render_tcase_images(void);
TCase *render_tcase_svg(void);
TCase *render_tcase_term(void);

#endif
