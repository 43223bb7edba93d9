/*
 * fields.c - format, length and kind of every data object, per template
 * (EMVCo MPM v1.1 Table 3.6-3.8 and 4.x; NAPAS VietQR v1.0 Table 4 for 38).
 */
#include "internal.h"

#define F(fmt, min, max, kind)                   \
    {                                            \
        VQR_FMT_##fmt, min, max, VQR_KIND_##kind \
    }

static const vqr_field k_prim_s99 = F(S, 1, 99, PRIMITIVE);
static const vqr_field k_rfu_s99 = F(S, 1, 99, RFU);
static const vqr_field k_template = F(S, 1, 99, TEMPLATE);
static const vqr_field k_unreserved = F(S, 1, 99, UNRESERVED);
static const vqr_field k_guid = F(ANS, 1, 32, PRIMITIVE);
static const vqr_field k_unknown = F(S, 1, 99, RFU);

/* Root objects by ID (EMVCo MPM v1.1 Table 3.6-3.7): 00-01 and 55 N 2;
 * 02-25 primitive ans 99 (merchant account information of the card
 * networks); 26-51 templates; 52 MCC N 4; 53 currency N 3; 54 and 56
 * amounts ans 13; 57 percentage ans 5; 58 country ans 2; 59 name ans 25;
 * 60 city ans 15; 61 postal code ans 10; 62 and 64 templates; 63 the CRC
 * ans 4; 65-79 RFU; 80-99 unreserved templates. */
#define R_N2() F(N, 2, 2, PRIMITIVE)
#define R_ANS99() F(ANS, 1, 99, PRIMITIVE)
#define R_TPL() F(S, 1, 99, TEMPLATE)
#define R_RFU() F(S, 1, 99, RFU)
#define R_UNRES() F(S, 1, 99, UNRESERVED)
#define X2(r) r(), r()
#define X4(r) X2(r), X2(r)
#define X8(r) X4(r), X4(r)
#define X16(r) X8(r), X8(r)
/* clang-format off */
const vqr_field vqr_root_rules[100] = {
    X2(R_N2),                               /* 00-01 */
    X16(R_ANS99), X8(R_ANS99),              /* 02-25 */
    X16(R_TPL), X8(R_TPL), X2(R_TPL),       /* 26-51 */
    F(N, 4, 4, PRIMITIVE),                  /* 52 */
    F(N, 3, 3, PRIMITIVE),                  /* 53 */
    F(ANS, 1, 13, PRIMITIVE),               /* 54 */
    R_N2(),                                 /* 55 */
    F(ANS, 1, 13, PRIMITIVE),               /* 56 */
    F(ANS, 1, 5, PRIMITIVE),                /* 57 */
    F(ANS, 2, 2, PRIMITIVE),                /* 58 */
    F(ANS, 1, 25, PRIMITIVE),               /* 59 */
    F(ANS, 1, 15, PRIMITIVE),               /* 60 */
    F(ANS, 1, 10, PRIMITIVE),               /* 61 */
    R_TPL(),                                /* 62 */
    F(ANS, 4, 4, PRIMITIVE),                /* 63 */
    R_TPL(),                                /* 64 */
    X8(R_RFU), X4(R_RFU), X2(R_RFU), R_RFU(), /* 65-79 */
    X16(R_UNRES), X4(R_UNRES),              /* 80-99 */
};
/* clang-format on */
typedef char vqr_check_root_rules[sizeof vqr_root_rules / sizeof vqr_root_rules[0] == 100 ? 1 : -1];

static const vqr_field *root_rule(unsigned id)
{
    return &vqr_root_rules[id];
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
