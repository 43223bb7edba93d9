/*
 * tpl_screen.c - the templates measured in pixels (96 per inch): card,
 * and VietQR.io's qr_only, compact, compact2 and print at their sizes.
 * The QR code's modules are whole pixels, so a PNG at scale 1 is crisp.
 * Bank and network logos are trademarks: the templates write names.
 */
#include "flow.h"

#include <string.h>

#define PX VP_PX

/* Styles, sizes in pixels converted to points. */
static vp_style style(double px, double min_px, int max_lines, int weight, int align,
                      uint32_t colour)
{
    vp_style s;
    memset(&s, 0, sizeof s);
    s.size = PX(px);
    s.min = PX(min_px);
    s.max_lines = max_lines;
    s.weight = weight;
    s.align = align;
    s.color = colour;
    return s;
}

static const char k_network[] = "VietQR  ·  NAPAS 247";
static const char k_check_name[] =
    "Kiểm tra tên người nhận trong ứng dụng ngân hàng trước khi xác nhận chuyển tiền.";

/* The account number: one line. */
static vp_style account_style(double px, double min_px, int align, const vp_data *d)
{
    (void)d;
    return style(px, min_px, 1, PANGO_WEIGHT_NORMAL, align, VP_INK);
}

/* ---- qr_only: 480 x 480, the code alone ---- */
static vqr_status qr_only(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = "Mã VietQR";
    pg->who = d->holder;
    return vp_qr(c, pg, d->qr, 0, 0, PX(480), NULL, err);
}

/* ---- compact: 540 x 540, the code and the names of the network and bank ---- */
static vqr_status compact(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = "Mã VietQR";
    pg->who = d->holder;
    vqr_status st = vp_qr(c, pg, d->qr, PX(50), PX(6), PX(440), NULL, err);
    if (st != VQR_OK)
        return st;
    vp_flow f;
    vp_flow_start(&f, c, pg, PX(24), PX(452), PX(492), PX(534), err);
    vp_style net = style(22, 14, 1, PANGO_WEIGHT_BOLD, 1, VP_SCREEN_ACCENT);
    vp_style bank = style(19, 11, 1, PANGO_WEIGHT_SEMIBOLD, 1, VP_INK);
    vp_flow_text(&f, "label.network", k_network, &net, PX(4));
    vp_flow_text(&f, "bank", d->bank, &bank, 0);
    return vp_flow_end(&f);
}

/* ---- compact2: 540 x 640, the code and the transfer details ---- */
static vqr_status compact2(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = "Mã VietQR";
    pg->who = d->holder;
    vp_flow f;
    vp_flow_start(&f, c, pg, PX(24), PX(10), PX(492), PX(48), err);
    vp_style net = style(20, 14, 1, PANGO_WEIGHT_BOLD, 1, VP_SCREEN_ACCENT);
    vp_flow_text(&f, "label.network", k_network, &net, 0);
    vqr_status st = vp_flow_end(&f);
    if (st != VQR_OK)
        return st;
    if ((st = vp_qr(c, pg, d->qr, PX(78), PX(46), PX(384), NULL, err)) != VQR_OK)
        return st;
    vp_flow_start(&f, c, pg, PX(28), PX(436), PX(484), PX(628), err);
    vp_style amount = style(30, 14, 1, PANGO_WEIGHT_BOLD, 1, VP_SCREEN_ACCENT);
    vp_style holder = style(21, 11, 2, PANGO_WEIGHT_BOLD, 1, VP_INK);
    vp_style bank = style(17, 10, 2, PANGO_WEIGHT_NORMAL, 1, VP_MUTED);
    vp_style account = account_style(19, 11, 1, d);
    vp_style purpose = style(16, 10, 2, PANGO_WEIGHT_NORMAL, 1, VP_INK);
    vp_flow_text(&f, "amount", d->has_amount ? d->amount_text : NULL, &amount, PX(6));
    vp_flow_text(&f, "holder", d->holder, &holder, PX(4));
    vp_flow_text(&f, "account", d->account_shown, &account, PX(2));
    vp_flow_text(&f, "bank", d->bank, &bank, PX(6));
    vp_flow_text(&f, "purpose", d->purpose, &purpose, 0);
    return vp_flow_end(&f);
}

/* A row of the print template's table: a label on the left, the value. */
static void row(vp_flow *f, double label_w, const char *label_field, const char *label,
                const char *field, const char *value, const vp_style *s, double gap)
{
    if (f->st != VQR_OK || !value || !value[0])
        return;
    vp_style ls = style(15, 10, 1, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    double y = f->y, used = 0;
    f->st = vp_text(f->c, f->pg, label_field, label, f->x, y, label_w - PX(8), f->bottom - y, &ls,
                    &used, f->err);
    if (f->st != VQR_OK) {
        f->c->overflow = f->st == VQR_ERR_PRINT_TEXT_TOO_LONG;
        return;
    }
    double x = f->x, w = f->w;
    f->x += label_w;
    f->w -= label_w;
    vp_flow_text(f, field, value, s, gap);
    f->x = x;
    f->w = w;
    if (f->y < y + used + gap) {
        f->end = y + used;
        f->y = f->end + gap;
    }
}

/* ---- print: 600 x 776, the code and every detail in a table ---- */
static vqr_status print_tpl(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = d->title ? d->title : "Mã VietQR";
    pg->who = d->holder;
    vp_flow f;
    vp_flow_start(&f, c, pg, PX(30), PX(12), PX(540), PX(58), err);
    vp_style head = style(22, 12, 2, PANGO_WEIGHT_BOLD, 1, VP_SCREEN_ACCENT);
    vp_flow_text(&f, d->title ? "title" : "label.network", d->title ? d->title : k_network, &head,
                 0);
    vqr_status st = vp_flow_end(&f);
    if (st != VQR_OK)
        return st;
    if ((st = vp_qr(c, pg, d->qr, PX(90), PX(58), PX(420), NULL, err)) != VQR_OK)
        return st;
    if ((st = vp_line(pg, PX(30), PX(486), PX(570), PX(486), PX(1), VP_RULE, false)) != VQR_OK)
        return vp_fail(err, st, "", SIZE_MAX, 0);
    vp_flow_start(&f, c, pg, PX(30), PX(496), PX(540), PX(764), err);
    const double lw = PX(150);
    vp_style value = style(17, 10, 2, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    vp_style bold = style(18, 10, 2, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_style amount = style(22, 12, 1, PANGO_WEIGHT_BOLD, 0, VP_SCREEN_ACCENT);
    vp_style words = style(16, 9, 3, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    words.italic = true;
    vp_style account = account_style(18, 10, 0, d);
    vp_style small = style(14, 9, 3, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    const double gap = PX(7);
    row(&f, lw, "label.bank", "Ngân hàng", "bank", d->bank, &bold, PX(1));
    if (d->bank_name[0] && f.st == VQR_OK) {
        double x = f.x, w = f.w;
        f.x += lw;
        f.w -= lw;
        vp_flow_text(&f, "bank_name", d->bank_name, &small, gap);
        f.x = x;
        f.w = w;
    } else {
        f.y += gap - PX(1);
    }
    row(&f, lw, "label.account", "Số tài khoản", "account", d->account_shown, &account, gap);
    row(&f, lw, "label.holder", "Chủ tài khoản", "holder", d->holder, &bold, gap);
    row(&f, lw, "label.amount", "Số tiền", "amount", d->has_amount ? d->amount_text : NULL, &amount,
        gap);
    row(&f, lw, "label.words", "Bằng chữ", "words", d->has_words ? d->words : NULL, &words, gap);
    row(&f, lw, "label.purpose", "Nội dung", "purpose", d->purpose, &value, gap);
    row(&f, lw, "label.reference", "Số hóa đơn", "reference", d->reference, &value, gap);
    row(&f, lw, "label.note", "Ghi chú", "note", d->note, &value, gap);
    return vp_flow_end(&f);
}

/* ---- card: 900 x 500, a payment card for a screen or a page ---- */
static vqr_status card(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    pg->heading = "Thanh toán VietQR";
    pg->who = d->holder;
    vqr_status st;
    /* a light frame around the card */
    const uint32_t edge = 0xD0D0D0u;
    if ((st = vp_rect(pg, 0, 0, PX(900), PX(2), edge)) != VQR_OK ||
        (st = vp_rect(pg, 0, PX(498), PX(900), PX(2), edge)) != VQR_OK ||
        (st = vp_rect(pg, PX(898), 0, PX(2), PX(500), edge)) != VQR_OK ||
        (st = vp_rect(pg, 0, 0, PX(10), PX(500), VP_SCREEN_ACCENT)) != VQR_OK)
        return vp_fail(err, st, "", SIZE_MAX, 0);
    if ((st = vp_qr(c, pg, d->qr, PX(26), PX(30), PX(440), NULL, err)) != VQR_OK)
        return st;
    vp_flow f;
    vp_flow_start(&f, c, pg, PX(492), PX(30), PX(380), PX(474), err);
    vp_style bank = style(24, 12, 1, PANGO_WEIGHT_BOLD, 0, VP_SCREEN_ACCENT);
    vp_style bank_name = style(14, 9, 2, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    vp_style label = style(14, 9, 1, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    vp_style holder = style(27, 12, 2, PANGO_WEIGHT_BOLD, 0, VP_INK);
    vp_style account = account_style(25, 12, 0, d);
    vp_style amount = style(32, 14, 1, PANGO_WEIGHT_BOLD, 0, VP_SCREEN_ACCENT);
    vp_style words = style(16, 9, 3, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    words.italic = true;
    vp_style purpose = style(18, 10, 2, PANGO_WEIGHT_NORMAL, 0, VP_INK);
    vp_style note = style(14, 9, 3, PANGO_WEIGHT_NORMAL, 0, VP_MUTED);
    vp_flow_text(&f, "bank", d->bank, &bank, PX(1));
    vp_flow_text(&f, "bank_name", d->bank_name[0] ? d->bank_name : NULL, &bank_name, PX(12));
    if (d->holder) {
        vp_flow_text(&f, "label.holder", "Chủ tài khoản", &label, PX(1));
        vp_flow_text(&f, "holder", d->holder, &holder, PX(10));
    }
    if (d->account_shown[0]) {
        vp_flow_text(&f, "label.account", "Số tài khoản", &label, PX(1));
        vp_flow_text(&f, "account", d->account_shown, &account, PX(10));
    }
    if (d->has_amount) {
        vp_flow_text(&f, "label.amount", "Số tiền", &label, PX(1));
        vp_flow_text(&f, "amount", d->amount_text, &amount, PX(2));
        vp_flow_text(&f, "words", d->has_words ? d->words : NULL, &words, PX(10));
    }
    if (d->purpose) {
        vp_flow_text(&f, "label.purpose", "Nội dung", &label, PX(1));
        vp_flow_text(&f, "purpose", d->purpose, &purpose, PX(10));
    }
    vp_flow_text(&f, "note", d->note ? d->note : k_check_name, &note, 0);
    return vp_flow_end(&f);
}

vqr_status vp_layout_screen(vp_ctx *c, const vp_data *d, vp_page *pg, vqr_error *err)
{
    switch (c->tpl) {
    case VQR_TEMPLATE_QR_ONLY:
        return qr_only(c, d, pg, err);
    case VQR_TEMPLATE_COMPACT:
        return compact(c, d, pg, err);
    case VQR_TEMPLATE_COMPACT2:
        return compact2(c, d, pg, err);
    case VQR_TEMPLATE_PRINT:
        return print_tpl(c, d, pg, err);
    default:
        return card(c, d, pg, err);
    }
}
