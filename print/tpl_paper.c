/*
 * tpl_paper.c - the templates measured in millimetres: the A5 fee notice,
 * the thermal receipt (58 and 80 mm rolls at 203 dpi) and the counter
 * sticker (A6 and 10 x 10 cm); page sizes and papers of every template.
 */
#include "flow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM VP_MM

static vp_style style(double pt, double min_pt, int max_lines, int weight, int align,
                      uint32_t colour)
{
    vp_style s;
    memset(&s, 0, sizeof s);
    s.size = pt;
    s.min = min_pt;
    s.max_lines = max_lines;
    s.weight = weight;
    s.align = align;
    s.color = colour;
    return s;
}

/* Receipt widths: the printed width of the roll, in dots at 203 dpi. */
#define DOTS(n) ((n)*72.0 / VQR_PRINT_RECEIPT_DPI)

bool vp_template_is_screen(vqr_template t)
{
    return t >= VQR_TEMPLATE_CARD && t <= VQR_TEMPLATE_PRINT;
}

void vp_template_size(vqr_template t, vqr_paper paper, double *w, double *h)
{
    switch (t) {
    case VQR_TEMPLATE_CARD:
        *w = VP_PX(900);
        *h = VP_PX(500);
        break;
    case VQR_TEMPLATE_QR_ONLY:
        *w = *h = VP_PX(480);
        break;
    case VQR_TEMPLATE_COMPACT:
        *w = *h = VP_PX(540);
        break;
    case VQR_TEMPLATE_COMPACT2:
        *w = VP_PX(540);
        *h = VP_PX(640);
        break;
    case VQR_TEMPLATE_PRINT:
        *w = VP_PX(600);
        *h = VP_PX(776);
        break;
    case VQR_TEMPLATE_NOTICE:
        *w = MM(210);
        *h = MM(148);
        break;
    case VQR_TEMPLATE_RECEIPT:
        *w = DOTS(paper == VQR_PAPER_ROLL_80 ? 576 : 384);
        *h = MM(100); /* the layout sets the real length */
        break;
    case VQR_TEMPLATE_STICKER:
        if (paper == VQR_PAPER_SQUARE_100) {
            *w = *h = MM(100);
        } else {
            *w = MM(105);
            *h = MM(148);
        }
        break;
    default:
        *w = *h = 0;
        break;
    }
}

bool vp_template_paper(vqr_template t, vqr_print_format fmt, vqr_paper paper, vqr_paper *out)
{
    *out = VQR_PAPER_DEFAULT;
    switch (t) {
    case VQR_TEMPLATE_NOTICE:
        if (paper == VQR_PAPER_DEFAULT)
            paper = fmt == VQR_FORMAT_PDF ? VQR_PAPER_A4_TWO_UP : VQR_PAPER_A5;
        *out = paper;
        return paper == VQR_PAPER_A5 || paper == VQR_PAPER_A4_TWO_UP;
    case VQR_TEMPLATE_RECEIPT:
        if (paper == VQR_PAPER_DEFAULT)
            paper = VQR_PAPER_ROLL_58;
        *out = paper;
        return paper == VQR_PAPER_ROLL_58 || paper == VQR_PAPER_ROLL_80;
    case VQR_TEMPLATE_STICKER:
        if (paper == VQR_PAPER_DEFAULT)
            paper = VQR_PAPER_A6;
        *out = paper;
        return paper == VQR_PAPER_A6 || paper == VQR_PAPER_SQUARE_100;
    default:
        return paper == VQR_PAPER_DEFAULT;
    }
}

/* label | value on one row: the label in a fixed column, the value beside it. */
static void pair(vp_flow *f, double label_w, const char *label_field, const char *label,
                 const vp_style *ls, const char *field, const char *value, const vp_style *vs,
                 double gap)
{
    if (f->st != VQR_OK || !value || !value[0])
        return;
    double y = f->y, used = 0;
    f->st = vp_text(f->c, f->pg, label_field, label, f->x, y, label_w - MM(1), f->bottom - y, ls,
                    &used, f->err);
    if (f->st != VQR_OK) {
        if (f->st == VQR_ERR_PRINT_TEXT_TOO_LONG)
            f->c->overflow = true;
        return;
    }
    double x = f->x, w = f->w;
    f->x += label_w;
    f->w -= label_w;
    vp_flow_text(f, field, value, vs, gap);
    f->x = x;
    f->w = w;
    if (f->end < y + used) {
        f->end = y + used;
        f->y = f->end + gap;
    }
}

/* An amount row: label on the left (wrapping), amount right-aligned. */
static void amount_row(vp_flow *f, double amount_w, const char *label_field, const char *label,
                       const vp_style *ls, const char *amount_field, const char *amount,
                       const vp_style *as, double gap)
{
    if (f->st != VQR_OK)
        return;
    double y = f->y, used_a = 0;
    vp_style right = *as;
    right.align = 2;
    right.max_lines = 1;
    f->st = vp_text(f->c, f->pg, amount_field, amount, f->x + f->w - amount_w, y, amount_w,
                    f->bottom - y, &right, &used_a, f->err);
    if (f->st != VQR_OK) {
        if (f->st == VQR_ERR_PRINT_TEXT_TOO_LONG)
            f->c->overflow = true;
        return;
    }
    double w = f->w;
    f->w -= amount_w + MM(2);
    vp_flow_text(f, label_field, label, ls, gap);
    f->w = w;
    if (f->end < y + used_a) {
        f->end = y + used_a;
        f->y = f->end + gap;
    }
}

/*
 * A receipt line: the label across the roll, and the amount right-aligned
 * on the label's last line when it fits there, else on a line of its own
 * below (a narrow roll has no room for a column of amounts).
 */
static void receipt_row(vp_flow *f, const char *label_field, const char *label, const vp_style *ls,
                        const char *amount_field, const char *amount, const vp_style *as,
                        double gap)
{
    if (f->st != VQR_OK)
        return;
    double y0 = f->y;
    vp_flow_text(f, label_field, label, ls, 0);
    if (f->st != VQR_OK)
        return;
    double right = f->x, top = y0, bottom = y0;
    if (!vp_last_line(f->pg, &right, &top, &bottom))
        return;
    /* The label's place ends where its widest line does: the amount may
     * go beside it only if it fits right of that (places never overlap). */
    vp_box *lb = &f->pg->box[f->pg->n - 1];
    double lr = fmax(lb->ink[0] + lb->ink[2], lb->logical[0] + lb->logical[2]);
    lb->w = lr - lb->x;
    right = lr;
    vp_style rs = *as;
    rs.align = 2;
    rs.max_lines = 1;
    /* on the last line, when the amount at its nominal size fits beside it */
    double room = f->x + f->w - right - MM(2);
    size_t n = f->pg->n;
    double used = 0;
    vqr_error e;
    VQR_INIT(&e);
    vp_ctx *c = f->c;
    double line_h = bottom - top;
    bool overflow = c->overflow;
    if (room > 0 &&
        vp_text(c, f->pg, amount_field, amount, right + MM(2), top, room, f->bottom - top, &rs,
                &used, &e) == VQR_OK &&
        f->pg->box[f->pg->n - 1].size >= f->pg->box[f->pg->n - 1].nominal - 1e-9 &&
        used <= line_h + MM(1)) {
        f->end = top + (used > line_h ? used : line_h);
        f->y = f->end + gap;
        return;
    }
    c->overflow = overflow;
    /* not beside it: drop that attempt, the amount goes below */
    while (f->pg->n > n)
        vp_box_release(&f->pg->box[--f->pg->n]);
    vp_flow_text(f, amount_field, amount, &rs, gap);
}

static void rule(vp_flow *f, bool dashed, double before, double after)
{
    if (f->st != VQR_OK)
        return;
    f->y += before;
    vqr_status st = vp_line(f->pg, f->x, f->y, f->x + f->w, f->y, dashed ? 0.6 : 0.4,
                            f->c->mono ? VP_BLACK : VP_RULE, dashed);
    if (st != VQR_OK)
        f->st = vp_fail(f->err, st, "", SIZE_MAX, 0);
    f->end = f->y;
    f->y += after;
}

/* "Trước khi xác nhận, ..." with the holder's name when it is known. */
static void check_line(const vp_data *d, char *out, size_t cap)
{
    if (d->holder)
        (void)snprintf(out, cap,
                       "Trước khi xác nhận, hãy kiểm tra tên người nhận trong ứng dụng ngân hàng "
                       "là %s. Nếu tên khác, đừng chuyển tiền.",
                       d->holder);
    else
        (void)snprintf(out, cap,
                       "Trước khi xác nhận, hãy kiểm tra tên người nhận trong ứng dụng "
                       "ngân hàng đúng là đơn vị thu tiền. Nếu tên khác, đừng chuyển "
                       "tiền.");
}

static const char k_how_to_pay[] =
    "Cách nộp: mở ứng dụng ngân hàng, chọn Quét mã QR và quét mã bên cạnh; số tiền và nội dung "
    "chuyển khoản được điền sẵn.";

/* Moves boxes [from, pg->n) down by dy. */
static void shift_boxes(vp_page *pg, size_t from, double dy)
{
    for (size_t i = from; i < pg->n; i++) {
        vp_box *b = &pg->box[i];
        b->y += dy;
        b->oy += dy;
        b->ink[1] += dy;
        b->logical[1] += dy;
    }
}

/* ---- notice: A5 landscape ---- */
static vqr_status notice(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = d->title ? d->title : "Thông báo thanh toán";
    pg->who = d->payer ? d->payer : d->holder;
    const double top = MM(8), bottom = MM(141);
    /* Right column: the code and the payee. */
    vqr_status st = vp_qr(c, pg, d->qr, MM(146), top, MM(54), NULL, err);
    if (st != VQR_OK)
        return st;
    vp_flow r;
    vp_flow_start(&r, c, pg, MM(146), top + MM(55), MM(54), bottom, err);
    vp_style scan = style(7.5, 6, 1, PANGO_WEIGHT_NORMAL, 1, VP_MUTED);
    vp_style bank = style(9.5, 6.5, 2, PANGO_WEIGHT_BOLD, 1, VP_ACCENT);
    vp_style holder = style(10, 6.5, 3, PANGO_WEIGHT_BOLD, 1, VP_INK);
    vp_style account = style(10, 6.5, 1, PANGO_WEIGHT_NORMAL, 1, VP_INK);
    vp_style purpose = style(8, 6, 3, PANGO_WEIGHT_NORMAL, 1, VP_INK);
    vp_flow_text(&r, "label.scan", "Quét mã để thanh toán", &scan, MM(1.5));
    vp_flow_text(&r, "bank", d->bank, &bank, MM(0.8));
    vp_flow_text(&r, "holder", d->holder, &holder, MM(0.8));
    vp_flow_text(&r, "account", d->account_shown, &account, MM(1.2));
    char buf[512];
    if (d->purpose) {
        (void)snprintf(buf, sizeof buf, "Nội dung: %s", d->purpose);
        vp_flow_text(&r, "purpose", buf, &purpose, 0);
    }
    if ((st = vp_flow_end(&r)) != VQR_OK)
        return st;

    /* Left column: who asks, who pays, what for. */
    vp_flow l;
    vp_flow_start(&l, c, pg, MM(10), top, MM(128), bottom, err);
    vp_style issuer = style(12, 7.5, 2, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_style address = style(8, 6, 2, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    vp_style title = style(15, 9, 2, PANGO_WEIGHT_BOLD, 1, VP_ACCENT);
    vp_style meta = style(8.5, 6, 2, PANGO_WEIGHT_NORMAL, 1, VP_MUTED);
    vp_style label = style(9, 6.5, 1, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    vp_style payer = style(11, 7, 2, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_style value = style(10, 6.5, 2, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    vp_style item = style(9.5, 6.5, 2, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    vp_style total_l = style(10.5, 7, 1, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_style total = style(11.5, 7.5, 1, PANGO_WEIGHT_BOLD, 0, VP_ACCENT);
    vp_style words = style(9, 6.5, 2, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    words.italic = true;
    vp_style due = style(10, 7, 1, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_flow_text(&l, "issuer", d->issuer, &issuer, MM(0.6));
    vp_flow_text(&l, "address", d->address, &address, 0);
    if (d->issuer || d->address)
        rule(&l, false, MM(1.5), MM(2.5));
    vp_flow_text(&l, "title", d->title ? d->title : "THÔNG BÁO THANH TOÁN", &title, MM(0.8));
    if (d->reference && d->date)
        (void)snprintf(buf, sizeof buf, "Số: %s  ·  Ngày: %s", d->reference, d->date);
    else if (d->reference)
        (void)snprintf(buf, sizeof buf, "Số: %s", d->reference);
    else if (d->date)
        (void)snprintf(buf, sizeof buf, "Ngày: %s", d->date);
    else
        buf[0] = '\0';
    vp_flow_text(&l, d->reference ? "reference" : "date", buf, &meta, 0);
    vp_flow_skip(&l, MM(2.5));
    const double lw = MM(26);
    pair(&l, lw, "label.payer", "Người nộp", &label, "payer", d->payer, &payer, MM(1));
    pair(&l, lw, "label.payer_code", "Mã số", &label, "payer_code", d->payer_code, &value, MM(1));
    if (d->payer || d->payer_code)
        vp_flow_skip(&l, MM(1.5));
    const double aw = MM(32);
    if (d->n_items) {
        rule(&l, false, 0, MM(1.2));
        for (size_t i = 0; i < d->n_items && l.st == VQR_OK; i++) {
            char field[VQR_PRINT_FIELD_MAX], afield[VQR_PRINT_FIELD_MAX];
            (void)snprintf(field, sizeof field, "item.%u", (unsigned)i);
            (void)snprintf(afield, sizeof afield, "item.%u.amount", (unsigned)i);
            amount_row(&l, aw, field, d->items[i].label, &item, afield, d->items[i].amount_text,
                       &item, MM(1));
        }
        rule(&l, false, 0, MM(1.5));
        amount_row(&l, aw, "label.total", "Tổng cộng", &total_l, "total", d->total_text, &total,
                   MM(1));
        if (d->has_total_words) {
            (void)snprintf(buf, sizeof buf, "Bằng chữ: %s.", d->total_words);
            vp_flow_text(&l, "words", buf, &words, MM(1.5));
        }
    } else if (d->has_amount) {
        amount_row(&l, aw, "label.amount", "Số tiền", &total_l, "amount", d->amount_text, &total,
                   MM(1));
        if (d->has_words) {
            (void)snprintf(buf, sizeof buf, "Bằng chữ: %s.", d->words);
            vp_flow_text(&l, "words", buf, &words, MM(1.5));
        }
    }
    if (d->due_date) {
        (void)snprintf(buf, sizeof buf, "Hạn nộp: %s", d->due_date);
        vp_flow_text(&l, "due_date", buf, &due, 0);
    }
    if ((st = vp_flow_end(&l)) != VQR_OK)
        return st;

    /* Across the foot of the page: how to pay and the warning, laid out
     * under the columns, then moved down to the bottom margin. */
    vp_flow b;
    double y = (l.end > r.end ? l.end : r.end) + MM(3);
    size_t first = pg->n;
    vp_flow_start(&b, c, pg, MM(10), y, MM(190), bottom, err);
    rule(&b, false, 0, MM(1.8));
    vp_style how = style(8, 6, 3, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    vp_style warn = style(8.5, 6, 3, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_style note = style(8, 6, 3, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    vp_flow_text(&b, "how_to_pay", d->how_to_pay ? d->how_to_pay : k_how_to_pay, &how, MM(1));
    check_line(d, buf, sizeof buf);
    vp_flow_text(&b, "label.check", buf, &warn, MM(1));
    vp_flow_text(&b, "note", d->note, &note, 0);
    if ((st = vp_flow_end(&b)) != VQR_OK)
        return st;
    shift_boxes(pg, first, bottom - b.end);
    return VQR_OK;
}

/* ---- receipt: 58 or 80 mm roll, as long as its content ---- */
static vqr_status receipt(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = d->title ? d->title : "Phiếu thanh toán";
    pg->who = d->payer ? d->payer : d->holder;
    bool wide = c->paper == VQR_PAPER_ROLL_80;
    double k = wide ? 1.15 : 1.0; /* type a little larger on the wide roll */
    const double margin = DOTS(12);
    const double width = pg->w - 2 * margin;
    vp_flow f;
    /* The page grows with its content: the column is as long as needed. */
    vp_flow_start(&f, c, pg, margin, DOTS(16), width, MM(2000), err);
    vp_style issuer = style(10 * k, 7, 3, PANGO_WEIGHT_BOLD, 1, VP_BLACK);
    vp_style address = style(7.5 * k, 6, 3, PANGO_WEIGHT_NORMAL, 1, VP_BLACK);
    vp_style title = style(11 * k, 7.5, 2, PANGO_WEIGHT_BOLD, 1, VP_BLACK);
    vp_style meta = style(7.5 * k, 6, 2, PANGO_WEIGHT_NORMAL, 0, VP_BLACK);
    vp_style payer = style(8.5 * k, 6, 3, PANGO_WEIGHT_BOLD, 0, VP_BLACK);
    vp_style item = style(8 * k, 6, 3, PANGO_WEIGHT_NORMAL, 0, VP_BLACK);
    vp_style total = style(10 * k, 7, 1, PANGO_WEIGHT_BOLD, 0, VP_BLACK);
    vp_style words = style(7.5 * k, 6, 4, PANGO_WEIGHT_NORMAL, 0, VP_BLACK);
    words.italic = true;
    vp_style small = style(7.5 * k, 6, 2, PANGO_WEIGHT_NORMAL, 1, VP_BLACK);
    vp_style bank = style(8.5 * k, 6, 2, PANGO_WEIGHT_BOLD, 1, VP_BLACK);
    vp_style holder = style(9.5 * k, 6.5, 3, PANGO_WEIGHT_BOLD, 1, VP_BLACK);
    vp_style account = style(9 * k, 6.5, 1, PANGO_WEIGHT_NORMAL, 1, VP_BLACK);
    vp_style purpose = style(7.5 * k, 6, 3, PANGO_WEIGHT_NORMAL, 1, VP_BLACK);
    vp_style warn = style(7.5 * k, 6, 5, PANGO_WEIGHT_BOLD, 0, VP_BLACK);
    vp_style note = style(7.5 * k, 6, 4, PANGO_WEIGHT_NORMAL, 0, VP_BLACK);
    char buf[512];

    vp_flow_text(&f, "issuer", d->issuer, &issuer, MM(0.5));
    vp_flow_text(&f, "address", d->address, &address, 0);
    if (d->issuer || d->address)
        rule(&f, true, MM(1.5), MM(1.5));
    vp_flow_text(&f, "title", d->title ? d->title : "PHIẾU THANH TOÁN", &title, MM(1));
    if (d->reference) {
        (void)snprintf(buf, sizeof buf, "Số: %s", d->reference);
        vp_flow_text(&f, "reference", buf, &meta, MM(0.3));
    }
    if (d->date) {
        (void)snprintf(buf, sizeof buf, "Ngày: %s", d->date);
        vp_flow_text(&f, "date", buf, &meta, MM(0.3));
    }
    if (d->payer) {
        (void)snprintf(buf, sizeof buf, "Người nộp: %s", d->payer);
        vp_flow_text(&f, "payer", buf, &payer, MM(0.3));
    }
    if (d->payer_code) {
        (void)snprintf(buf, sizeof buf, "Mã số: %s", d->payer_code);
        vp_flow_text(&f, "payer_code", buf, &meta, MM(0.3));
    }
    if (d->n_items) {
        rule(&f, true, MM(1), MM(1.2));
        for (size_t i = 0; i < d->n_items && f.st == VQR_OK; i++) {
            char field[VQR_PRINT_FIELD_MAX], afield[VQR_PRINT_FIELD_MAX];
            (void)snprintf(field, sizeof field, "item.%u", (unsigned)i);
            (void)snprintf(afield, sizeof afield, "item.%u.amount", (unsigned)i);
            receipt_row(&f, field, d->items[i].label, &item, afield, d->items[i].amount_text, &item,
                        MM(0.8));
        }
    }
    const char *amount = d->n_items ? d->total_text : d->has_amount ? d->amount_text : NULL;
    const char *in_words = d->n_items ? (d->has_total_words ? d->total_words : NULL)
                                      : (d->has_words ? d->words : NULL);
    if (amount) {
        rule(&f, true, MM(0.5), MM(1.2));
        receipt_row(&f, "label.total", d->n_items ? "TỔNG CỘNG" : "SỐ TIỀN", &total, "total",
                    amount, &total, MM(0.8));
        if (in_words) {
            (void)snprintf(buf, sizeof buf, "Bằng chữ: %s.", in_words);
            vp_flow_text(&f, "words", buf, &words, 0);
        }
    }
    rule(&f, true, MM(1.5), MM(2));
    vqr_status st;
    if (f.st == VQR_OK) {
        double used = 0;
        st = vp_qr(c, pg, d->qr, margin, f.y, width, &used, err);
        if (st != VQR_OK)
            return st;
        f.end = f.y + used;
        f.y = f.end + MM(0.5);
        f.last = "qr";
    }
    vp_flow_text(&f, "label.scan", "Quét mã để thanh toán", &small, MM(1.5));
    vp_flow_text(&f, "bank", d->bank, &bank, MM(0.3));
    vp_flow_text(&f, "holder", d->holder, &holder, MM(0.3));
    vp_flow_text(&f, "account", d->account_shown, &account, MM(0.8));
    if (d->purpose) {
        (void)snprintf(buf, sizeof buf, "Nội dung: %s", d->purpose);
        vp_flow_text(&f, "purpose", buf, &purpose, MM(0.8));
    }
    rule(&f, true, MM(0.8), MM(1.5));
    check_line(d, buf, sizeof buf);
    vp_flow_text(&f, "label.check", buf, &warn, MM(1));
    vp_flow_text(&f, "note", d->note, &note, 0);
    if ((st = vp_flow_end(&f)) != VQR_OK)
        return st;
    /* Room to tear the paper off below the last line, and a length in
     * whole dots. */
    double h = f.end + MM(8);
    pg->h = DOTS(ceil(h / DOTS(1)));
    return VQR_OK;
}

/* A frame around boxes laid out from y0 to y1, between x0 and x1. */
static vqr_status frame(vp_page *pg, double x0, double y0, double x1, double y1, vqr_error *err)
{
    vqr_status st;
    if ((st = vp_line(pg, x0, y0, x1, y0, 0.8, VP_ACCENT, false)) != VQR_OK ||
        (st = vp_line(pg, x0, y1, x1, y1, 0.8, VP_ACCENT, false)) != VQR_OK ||
        (st = vp_line(pg, x0, y0, x0, y1, 0.8, VP_ACCENT, false)) != VQR_OK ||
        (st = vp_line(pg, x1, y0, x1, y1, 0.8, VP_ACCENT, false)) != VQR_OK)
        return vp_fail(err, st, "", SIZE_MAX, 0);
    return VQR_OK;
}

/* The payee of a sticker: bank, holder, account, amount, purpose, note. */
static void payee(vp_flow *f, const vp_data *d, const vp_style *bank, const vp_style *holder,
                  const vp_style *account, const vp_style *amount, const vp_style *purpose,
                  const vp_style *note, const char *purpose_text)
{
    vp_flow_text(f, "bank", d->bank, bank, MM(0.5));
    vp_flow_text(f, "holder", d->holder, holder, MM(0.8));
    vp_flow_text(f, "account", d->account_shown, account, MM(1));
    vp_flow_text(f, "amount", d->has_amount ? d->amount_text : NULL, amount, MM(0.5));
    vp_flow_text(f, "purpose", d->purpose ? purpose_text : NULL, purpose, MM(0.5));
    vp_flow_text(f, "note", d->note, note, 0);
}

/* ---- sticker: A6 or 10 x 10 cm, a static code for a counter ---- */
static vqr_status sticker(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = "Mã VietQR";
    pg->who = d->stall ? d->stall : d->holder;
    bool square = c->paper == VQR_PAPER_SQUARE_100;
    const double margin = square ? MM(5) : MM(6);
    const double width = pg->w - 2 * margin;
    char buf[512];
    vqr_status st;

    /* The top band: the stall and its market, centred in a band as tall
     * as they need. */
    const double band_min = square ? MM(14) : MM(22), band_max = square ? MM(24) : MM(34);
    if ((st = vp_rect(pg, 0, 0, pg->w, band_min, VP_ACCENT)) != VQR_OK)
        return vp_fail(err, st, "", SIZE_MAX, 0);
    size_t band_box = pg->n - 1;
    vp_flow t;
    size_t first = pg->n;
    vp_flow_start(&t, c, pg, margin, MM(2), width, band_max - MM(2), err);
    vp_style stall = style(square ? 15 : 20, 9, 2, PANGO_WEIGHT_BOLD, 1, VP_WHITE);
    vp_style market = style(square ? 7.5 : 9, 6, 2, PANGO_WEIGHT_NORMAL, 1, VP_WHITE);
    vp_flow_text(&t, "stall", d->stall ? d->stall : "Quét mã để thanh toán", &stall, MM(0.3));
    vp_flow_text(&t, "issuer", d->issuer, &market, 0);
    if ((st = vp_flow_end(&t)) != VQR_OK)
        return st;
    double band = t.end + MM(2) > band_min ? t.end + MM(2) : band_min;
    pg->box[band_box].h = band;
    shift_boxes(pg, first, (band - (t.end - MM(2))) / 2 - MM(2));

    vp_style bank = style(square ? 9 : 10.5, 6.5, 2, PANGO_WEIGHT_BOLD, square ? 0 : 1, VP_ACCENT);
    vp_style holder = style(square ? 11 : 15, 6.5, 4, PANGO_WEIGHT_BOLD, square ? 0 : 1, VP_INK);
    vp_style account =
        style(square ? 9.5 : 12, 6.5, 1, PANGO_WEIGHT_NORMAL, square ? 0 : 1, VP_INK);
    vp_style amount = style(square ? 10 : 13, 7, 1, PANGO_WEIGHT_BOLD, square ? 0 : 1, VP_ACCENT);
    vp_style purpose = style(square ? 7 : 8.5, 6, 3, PANGO_WEIGHT_NORMAL, square ? 0 : 1, VP_INK);
    vp_style note = style(square ? 7 : 8, 6, 2, PANGO_WEIGHT_NORMAL, square ? 0 : 1, VP_MUTED);
    vp_style warn = style(square ? 7.5 : 8.5, 6, 3, PANGO_WEIGHT_BOLD, 1, VP_INK);
    if (d->holder)
        (void)snprintf(buf, sizeof buf,
                       "Kiểm tra tên người nhận là %s trước khi xác nhận thanh toán.", d->holder);
    else
        (void)snprintf(buf, sizeof buf,
                       "Kiểm tra tên người nhận trong ứng dụng trước khi xác nhận thanh toán.");
    const char *check = buf;
    char purpose_text[512] = "";
    if (d->purpose)
        (void)snprintf(purpose_text, sizeof purpose_text, "Nội dung: %s", d->purpose);

    /* The warning in a frame across the bottom, laid out first (at the
     * top) to know its height, then moved down. */
    vp_flow w;
    size_t warn_first = pg->n;
    vp_flow_start(&w, c, pg, margin + MM(2), 0, width - MM(4), pg->h / 3, err);
    vp_flow_text(&w, "label.check", check, &warn, 0);
    if ((st = vp_flow_end(&w)) != VQR_OK)
        return st;
    double warn_h = w.end + 2 * MM(1.5);
    double frame_y = pg->h - MM(4) - warn_h;
    shift_boxes(pg, warn_first, frame_y + MM(1.5));

    double used = 0, side;
    vp_flow f;
    if (square) {
        /* the code on the left, the payee on its right */
        side = frame_y - MM(1.5) - (band + MM(1));
        if (side > MM(60))
            side = MM(60);
        if ((st = vp_qr(c, pg, d->qr, MM(2), band + MM(1), side, &used, err)) != VQR_OK)
            return st;
        double x = MM(2) + side + MM(1.5);
        vp_flow_start(&f, c, pg, x, band + MM(3), pg->w - x - margin, frame_y - MM(1), err);
        payee(&f, d, &bank, &holder, &account, &amount, &purpose, &note, purpose_text);
        if ((st = vp_flow_end(&f)) != VQR_OK)
            return st;
        return frame(pg, margin, frame_y, margin + width, frame_y + warn_h, err);
    }
    /* A6: the payee under the code. The payee is laid out first, at the
     * top, to know its height; the code gets the room left (80 mm at most,
     * 45 mm at least) and the payee moves under it. */
    size_t payee_first = pg->n;
    vp_flow_start(&f, c, pg, margin, 0, width, pg->h, err);
    payee(&f, d, &bank, &holder, &account, &amount, &purpose, &note, purpose_text);
    if ((st = vp_flow_end(&f)) != VQR_OK)
        return st;
    size_t payee_end = pg->n;
    side = frame_y - MM(1.5) - f.end - MM(1) - (band + MM(2));
    if (side > MM(80))
        side = MM(80);
    if (side < MM(45)) {
        c->overflow = true;
        return vp_fail(err, VQR_ERR_PRINT_TEXT_TOO_LONG, f.last, SIZE_MAX, 0);
    }
    if ((st = vp_qr(c, pg, d->qr, (pg->w - side) / 2, band + MM(2), side, &used, err)) != VQR_OK)
        return st;
    double dy = band + MM(2) + used + MM(1);
    for (size_t i = payee_first; i < payee_end; i++) {
        vp_box *b = &pg->box[i];
        b->y += dy;
        b->oy += dy;
        b->ink[1] += dy;
        b->logical[1] += dy;
    }
    return frame(pg, margin, frame_y, margin + width, frame_y + warn_h, err);
}

vqr_status vp_layout_paper(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    switch (c->tpl) {
    case VQR_TEMPLATE_NOTICE:
        return notice(c, d, pg, err);
    case VQR_TEMPLATE_RECEIPT:
        return receipt(c, d, pg, err);
    default:
        return sticker(c, d, pg, err);
    }
}
