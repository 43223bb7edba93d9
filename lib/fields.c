/*
 * fields.c - format, length and kind of every data object, per template
 * (EMVCo MPM v1.1 Table 3.6-3.8 and 4.x; NAPAS VietQR v1.0 Table 4 for 38).
 */
#include "internal.h"

#define F(fmt, min, max, kind)                   \
    {                                            \
        VQR_FMT_##fmt, min, max, VQR_KIND_##kind \
    }

static const vqr_field k_prim_ans99 = F(ANS, 1, 99, PRIMITIVE);
static const vqr_field k_prim_s99 = F(S, 1, 99, PRIMITIVE);
static const vqr_field k_rfu_s99 = F(S, 1, 99, RFU);
static const vqr_field k_template = F(S, 1, 99, TEMPLATE);
static const vqr_field k_unreserved = F(S, 1, 99, UNRESERVED);
static const vqr_field k_guid = F(ANS, 1, 32, PRIMITIVE);
static const vqr_field k_unknown = F(S, 1, 99, RFU);

static const vqr_field *root_rule(unsigned id)
{
    static const vqr_field n2 = F(N, 2, 2, PRIMITIVE);
    static const vqr_field mcc = F(N, 4, 4, PRIMITIVE);
    static const vqr_field cur = F(N, 3, 3, PRIMITIVE);
    static const vqr_field amount = F(ANS, 1, 13, PRIMITIVE);
    static const vqr_field pct = F(ANS, 1, 5, PRIMITIVE);
    static const vqr_field country = F(ANS, 2, 2, PRIMITIVE);
    static const vqr_field name = F(ANS, 1, 25, PRIMITIVE);
    static const vqr_field city = F(ANS, 1, 15, PRIMITIVE);
    static const vqr_field postal = F(ANS, 1, 10, PRIMITIVE);
    static const vqr_field crc = F(ANS, 4, 4, PRIMITIVE);

    if (id <= 1 || id == 55)
        return &n2;
    if (id <= 25)
        return &k_prim_ans99;
    if (id <= 51)
        return &k_template;
    switch (id) {
    case 52:
        return &mcc;
    case 53:
        return &cur;
    case 54:
    case 56:
        return &amount;
    case 57:
        return &pct;
    case 58:
        return &country;
    case 59:
        return &name;
    case 60:
        return &city;
    case 61:
        return &postal;
    case 62:
    case 64:
        return &k_template;
    case 63:
        return &crc;
    default:
        break;
    }
    if (id <= 79)
        return &k_rfu_s99;
    return &k_unreserved;
}

static const vqr_field *additional_rule(unsigned id)
{
    static const vqr_field l25 = F(ANS, 1, 25, PRIMITIVE);
    static const vqr_field l3 = F(ANS, 1, 3, PRIMITIVE);
    static const vqr_field l20 = F(ANS, 1, 20, PRIMITIVE);
    static const vqr_field fix3 = F(ANS, 3, 3, PRIMITIVE);
    if (id >= 1 && id <= 8)
        return &l25;
    if (id == 9)
        return &l3;
    if (id == 10)
        return &l20;
    if (id == 11)
        return &fix3;
    if (id >= 50)
        return &k_unreserved;
    return &k_rfu_s99; /* 00 and 12-49 */
}

const vqr_field *vqr_field_rule(vqr_ctx ctx, unsigned id)
{
    static const vqr_field service = F(S, 1, 10, PRIMITIVE);
    static const vqr_field bin = F(N, 6, 6, PRIMITIVE);
    static const vqr_field benef_id = F(ANS, 1, 19, PRIMITIVE);
    static const vqr_field lang = F(ANS, 2, 2, PRIMITIVE);
    static const vqr_field alt_name = F(S, 1, 25, PRIMITIVE);
    static const vqr_field alt_city = F(S, 1, 15, PRIMITIVE);

    if (id > 99)
        return NULL;
    switch (ctx) {
    case VQR_CTX_ROOT:
        return root_rule(id);
    case VQR_CTX_MAI:
    case VQR_CTX_PAYSYS:
    case VQR_CTX_UNRESERVED:
        return id == 0 ? &k_guid : &k_prim_s99;
    case VQR_CTX_NAPAS:
        if (id == 0)
            return &k_guid;
        if (id == 1)
            return &k_template;
        if (id == 2)
            return &service;
        return &k_prim_s99;
    case VQR_CTX_NAPAS_BENEF:
        if (id == 0)
            return &bin;
        if (id == 1)
            return &benef_id;
        return &k_unknown;
    case VQR_CTX_ADDITIONAL:
        return additional_rule(id);
    case VQR_CTX_LANGUAGE:
        if (id == 0)
            return &lang;
        if (id == 1)
            return &alt_name;
        if (id == 2)
            return &alt_city;
        return &k_rfu_s99;
    }
    return NULL;
}

vqr_ctx vqr_child_ctx(vqr_ctx ctx, unsigned id)
{
    switch (ctx) {
    case VQR_CTX_ROOT:
        if (id == 62)
            return VQR_CTX_ADDITIONAL;
        if (id == 64)
            return VQR_CTX_LANGUAGE;
        if (id >= 80)
            return VQR_CTX_UNRESERVED;
        return VQR_CTX_MAI; /* 26-51; 38 becomes NAPAS once its GUID is known */
    case VQR_CTX_ADDITIONAL:
        return VQR_CTX_PAYSYS;
    case VQR_CTX_NAPAS:
        return VQR_CTX_NAPAS_BENEF;
    default:
        return VQR_CTX_MAI;
    }
}

bool vqr_is_template_id(vqr_ctx ctx, unsigned id)
{
    const vqr_field *f = vqr_field_rule(ctx, id);
    return f && (f->kind == VQR_KIND_TEMPLATE || f->kind == VQR_KIND_UNRESERVED);
}
