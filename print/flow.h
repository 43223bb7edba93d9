/*
 * flow.h - a column of text laid out top to bottom, shared by the
 * templates. Each text takes the height it needs (its lines, at most its
 * style's max_lines) and the next starts under it; a text that does not
 * fit the rest of the column, or a column whose content runs past its
 * bottom, marks the attempt for a retry at smaller type (vp_layout).
 */
#ifndef VQR_PRINT_FLOW_H
#define VQR_PRINT_FLOW_H

#include "print_int.h"

#include <string.h>

typedef struct vp_flow {
    vp_ctx *c;
    vp_page *pg;
    double x, w, y, bottom;
    double end;       /* the bottom of the last text placed */
    const char *last; /* the last field placed */
    vqr_status st;
    vqr_error *err;
} vp_flow;

static inline void vp_flow_start(vp_flow *f, vp_ctx *c, vp_page *pg, double x, double y, double w,
                                 double bottom, vqr_error *err)
{
    f->c = c;
    f->pg = pg;
    f->x = x;
    f->y = y;
    f->end = y;
    f->w = w;
    f->bottom = bottom;
    f->last = "layout";
    f->st = VQR_OK;
    f->err = err;
}

/* Places `text` (nothing when NULL or "") and moves down by its height and `gap`. */
static inline void vp_flow_text(vp_flow *f, const char *field, const char *text, const vp_style *s,
                                double gap)
{
    if (f->st != VQR_OK || !text || !text[0])
        return;
    double used = 0;
    double room = f->bottom - f->y;
    if (room <= 0) {
        f->st = vp_column_end(f->c, field, f->y + 1, f->bottom, f->err);
        return;
    }
    f->st = vp_text(f->c, f->pg, field, text, f->x, f->y, f->w, room, s, &used, f->err);
    if (f->st == VQR_ERR_PRINT_TEXT_TOO_LONG)
        f->c->overflow = true;
    f->last = field;
    f->end = f->y + used;
    f->y = f->end + gap;
}

/* Moves down by `gap`. */
static inline void vp_flow_skip(vp_flow *f, double gap)
{
    f->y += gap;
}

/* Ends the column: its content must end above its bottom. */
static inline vqr_status vp_flow_end(vp_flow *f)
{
    if (f->st != VQR_OK)
        return f->st;
    return vp_column_end(f->c, f->last, f->end, f->bottom, f->err);
}

#endif /* VQR_PRINT_FLOW_H */
