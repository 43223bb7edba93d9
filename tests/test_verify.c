/*
 * test_verify.c - vqr_verify(): every verdict, every kind of look-alike,
 * invisible, bidirectional and control character (with where it was
 * found), name imitation, the payee list's and options' errors, sized
 * structs, and threads.
 */
#include "testutil.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* ---- building payloads, independently of the library's writer ---- */

/* Code points of UTF-8 text (EMVCo lengths count them). */
static size_t cps(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Appends the object id/value to dst. */
static void obj(char *dst, const char *id, const char *val)
{
    size_t n = strlen(dst);
    snprintf(dst + n, 4096 - n, "%s%02zu%s", id, cps(val), val);
}

/* A payload's fields; NULL leaves an object out. */
typedef struct pl {
    const char *poi;           /* 01 */
    const char *guid;          /* 38.00 (NAPAS) */
    const char *bin, *account; /* 38.01.00, 38.01.01 */
    const char *service;       /* 38.02 */
    const char *vnpay;         /* a 26 template with the VNPAY GUID and this merchant ID */
    const char *mcc, *currency, *amount, *country, *name, *city;
    const char *bill, *reference, *terminal, *purpose; /* 62.01, .05, .07, .08 */
    const char *alt_name, *alt_city;                   /* 64.01, 64.02 (64.00 "vi") */
} pl;

static pl base(void)
{
    pl x = { .poi = "11",
             .guid = "A000000727",
             .bin = "970436",
             .account = "0011001234567",
             .service = "QRIBFTTA",
             .mcc = "5411",
             .currency = "704",
             .country = "VN",
             .name = "CHO BEN THANH",
             .city = "HO CHI MINH" };
    return x;
}

static const char *make(const pl *x)
{
    static char body[4096];
    char t[4096], u[4096];
    body[0] = '\0';
    obj(body, "00", "01");
    if (x->poi)
        obj(body, "01", x->poi);
    if (x->vnpay) {
        t[0] = '\0';
        obj(t, "00", "A000000775");
        obj(t, "01", x->vnpay);
        obj(body, "26", t);
    }
    if (x->guid) {
        t[0] = u[0] = '\0';
        obj(t, "00", x->guid);
        if (x->bin)
            obj(u, "00", x->bin);
        if (x->account)
            obj(u, "01", x->account);
        if (u[0])
            obj(t, "01", u);
        if (x->service)
            obj(t, "02", x->service);
        obj(body, "38", t);
    }
    if (x->mcc)
        obj(body, "52", x->mcc);
    if (x->currency)
        obj(body, "53", x->currency);
    if (x->amount)
        obj(body, "54", x->amount);
    if (x->country)
        obj(body, "58", x->country);
    if (x->name)
        obj(body, "59", x->name);
    if (x->city)
        obj(body, "60", x->city);
    t[0] = '\0';
    if (x->bill)
        obj(t, "01", x->bill);
    if (x->reference)
        obj(t, "05", x->reference);
    if (x->terminal)
        obj(t, "07", x->terminal);
    if (x->purpose)
        obj(t, "08", x->purpose);
    if (t[0])
        obj(body, "62", t);
    if (x->alt_name || x->alt_city) {
        t[0] = '\0';
        obj(t, "00", "vi");
        if (x->alt_name)
            obj(t, "01", x->alt_name);
        if (x->alt_city)
            obj(t, "02", x->alt_city);
        obj(body, "64", t);
    }
    return with_crc(body);
}

/* Byte offset of `needle` in the payload (for the marks' offsets). */
static size_t where(const char *payload, const char *needle)
{
    const char *p = strstr(payload, needle);
    ck_assert_ptr_nonnull(p);
    return (size_t)(p - payload);
}

/* ---- payee lists ---- */

static vqr_payee payee(const char *bin, const char *account, const char *name)
{
    vqr_payee p;
    ck_assert_int_eq(vqr_payee_init(&p, sizeof p, NULL), VQR_OK);
    p.bin = bin;
    p.account = account;
    p.name = name;
    return p;
}

static vqr_payee vnpay_payee(const char *id, const char *name)
{
    vqr_payee p;
    ck_assert_int_eq(vqr_payee_init(&p, sizeof p, NULL), VQR_OK);
    p.network = VQR_NETWORK_VNPAY;
    p.account = id;
    p.name = name;
    return p;
}

/* The market's list: three stalls. */
static vqr_payee g_stalls[3];

static void setup(void)
{
    g_stalls[0] = payee("970436", "0011001234567", "Chợ Bến Thành");
    g_stalls[1] = payee("970422", "0352350917", "Hàng cá Bà Tư");
    g_stalls[2] = vnpay_payee("0108799042", "MY PHAM HER");
}

static vqr_verdict verify_opt(const char *payload, const vqr_payee *list, size_t n,
                              const vqr_verify_options *o)
{
    vqr_verdict v;
    memset(&v, 0xA5, sizeof v);
    v.size = sizeof v;
    vqr_error e;
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_verify(payload, strlen(payload), list, n, o, &v, &e);
    ck_assert_msg(st == VQR_OK, "vqr_verify: %s", vqr_status_name(st));
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_uint_eq(v.size, sizeof v);
    return v;
}

static vqr_verdict verify(const char *payload)
{
    return verify_opt(payload, g_stalls, 3, NULL);
}

#define ASSERT_VERDICT(v, want)                                                \
    ck_assert_msg((v).verdict == (want), "verdict %s, expected %s (error %s)", \
                  vqr_verdict_name((v).verdict), vqr_verdict_name(want), (v).error.name)

/* ---- OK ---- */

START_TEST(ok_account)
{
    pl x = base();
    vqr_verdict v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 0);
    ck_assert_uint_eq(v.imitated, SIZE_MAX);
    ck_assert_uint_eq(v.suspects, 0);
    ck_assert_uint_eq(v.mark_count, 0);
    ck_assert_int_eq(v.network, VQR_NETWORK_NAPAS);
    ck_assert_int_eq(v.service, VQR_SERVICE_ACCOUNT);
    ck_assert_str_eq(v.bin, "970436");
    ck_assert_str_eq(v.account, "0011001234567");
    ck_assert_str_eq(v.guid, "A000000727");
    ck_assert(v.bank_known);
    ck_assert_str_eq(v.bank_short_name, "Vietcombank");
    ck_assert(v.is_static);
    ck_assert(!v.is_dynamic);
    ck_assert_uint_eq(v.amount, 0);
    ck_assert_uint_eq(v.currency, 704);
    ck_assert_str_eq(v.merchant_name, "CHO BEN THANH");
    ck_assert_str_eq(v.merchant_name_alt, "");
    ck_assert_str_eq(v.purpose, "");
    ck_assert_int_eq(v.error.code, VQR_OK);
}
END_TEST

START_TEST(ok_second_payee_dynamic)
{
    pl x = base();
    x.bin = "970422";
    x.account = "0352350917";
    x.poi = "12";
    x.amount = "150000";
    x.purpose = "Tien ca";
    x.name = "HANG CA BA TU";
    vqr_verdict v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 1);
    ck_assert(v.is_dynamic);
    ck_assert_uint_eq(v.amount, 150000);
    ck_assert_str_eq(v.purpose, "Tien ca");
    ck_assert_str_eq(v.bank_short_name, "MB Bank");
    ck_assert_uint_eq(v.suspects, 0);
}
END_TEST

START_TEST(ok_card_and_merchant_services)
{
    vqr_payee list[2] = { payee("970403", "9704031101234567", NULL),
                          payee("970403", "MC0042", NULL) };
    list[0].service = VQR_SERVICE_CARD;
    list[1].service = VQR_SERVICE_MERCHANT;
    pl x = base();
    x.bin = "970403";
    x.account = "9704031101234567";
    x.service = "QRIBFTTC";
    vqr_verdict v = verify_opt(make(&x), list, 2, NULL);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 0);
    ck_assert_int_eq(v.service, VQR_SERVICE_CARD);
    x.account = "MC0042";
    x.service = "QRPUSH";
    v = verify_opt(make(&x), list, 2, NULL);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 1);
    /* The same number under another service is another payee. */
    x.account = "9704031101234567";
    x.service = "QRIBFTTA";
    v = verify_opt(make(&x), list, 2, NULL);
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_str_eq(v.account, "9704031101234567");
    ck_assert_int_eq(v.service, VQR_SERVICE_ACCOUNT);
}
END_TEST

START_TEST(ok_vnpay)
{
    /* A VNPAY-QR vector of the shared corpus (MYPHAMHER). */
    const char *p = "00020101021126280010A000000775011001087990425204597753037045802VN5909MYPHAM"
                    "HER6005HANOI62260311MY PHAM HER0707MPHER0163041C50";
    vqr_verdict v = verify(p);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 2);
    ck_assert_int_eq(v.network, VQR_NETWORK_VNPAY);
    ck_assert_str_eq(v.account, "0108799042");
    ck_assert_str_eq(v.bin, "");
    ck_assert_str_eq(v.guid, "A000000775");
    /* Another merchant of VNPAY. */
    pl x = base();
    x.guid = NULL;
    x.vnpay = "0102154778";
    x.name = "TUGIACOMPANY";
    v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_str_eq(v.account, "0102154778");
    ck_assert_int_eq(v.network, VQR_NETWORK_VNPAY);
}
END_TEST

/* ---- PAYEE_NOT_ALLOWED: the near misses ---- */

START_TEST(not_allowed_near_misses)
{
    static const struct {
        const char *bin, *account;
    } k[] = {
        { "970436", "0011001234568" },  /* last digit */
        { "970436", "011001234567" },   /* leading zero dropped */
        { "970436", "00011001234567" }, /* leading zero added */
        { "970436", "001100123456" },   /* truncated */
        { "970436", "00110012345671" }, /* one digit more */
        { "970437", "0011001234567" },  /* the account at another BIN */
        { "970422", "0011001234567" },  /* ... at another allowed bank */
        { "970436", "0352350917" },     /* another allowed stall's account, wrong bank */
        { "970436", "0011OO1234567" },  /* letters O for zeros */
        { "970436", "0011001234567 " }, /* trailing space */
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        pl x = base();
        x.bin = k[i].bin;
        x.account = k[i].account;
        x.name = "SOMEONE ELSE";
        x.service = "QRIBFTTA";
        vqr_verify_options o;
        vqr_verify_options_init(&o, sizeof o, NULL);
        /* Letters in an account are for wallets: parse leniently when the
         * default profile refuses them, the verdict must still not be OK. */
        vqr_verdict v = verify_opt(make(&x), g_stalls, 3, &o);
        ck_assert_msg(v.verdict == VQR_VERDICT_PAYEE_NOT_ALLOWED ||
                          v.verdict == VQR_VERDICT_INVALID,
                      "case %zu: %s", i, vqr_verdict_name(v.verdict));
        o.parse_flags = VQR_PARSE_LENIENT;
        v = verify_opt(make(&x), g_stalls, 3, &o);
        ck_assert_msg(v.verdict == VQR_VERDICT_PAYEE_NOT_ALLOWED, "case %zu (lenient): %s (%s)", i,
                      vqr_verdict_name(v.verdict), v.error.name);
        ck_assert_str_eq(v.bin, k[i].bin);
        ck_assert_str_eq(v.account, k[i].account);
        ck_assert_uint_eq(v.payee, SIZE_MAX);
        ck_assert_uint_eq(v.suspects, 0);
    }
}
END_TEST

START_TEST(not_allowed_names_bank_and_account)
{
    pl x = base();
    x.bin = "970415";
    x.account = "113366668888";
    x.name = "NGUYEN VAN A";
    vqr_verdict v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_str_eq(v.bin, "970415");
    ck_assert(v.bank_known);
    ck_assert_str_eq(v.bank_short_name, "VietinBank");
    ck_assert_str_eq(v.account, "113366668888");
    ck_assert_str_eq(v.merchant_name, "NGUYEN VAN A");
    /* An unknown BIN is named as it is. */
    x.bin = "999999";
    v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_str_eq(v.bin, "999999");
    ck_assert(!v.bank_known);
    ck_assert_str_eq(v.bank_short_name, "");
}
END_TEST

START_TEST(not_allowed_empty_list)
{
    pl x = base();
    vqr_verdict v = verify_opt(make(&x), NULL, 0, NULL);
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_str_eq(v.account, "0011001234567");
    ck_assert_uint_eq(v.payee, SIZE_MAX);
}
END_TEST

START_TEST(not_allowed_other_networks)
{
    /* A PromptPay code (Thailand): a payment code no list of Vietnamese
     * payees can hold. */
    char body[4096] = "", t[256] = "";
    obj(body, "00", "01");
    obj(body, "01", "11");
    obj(t, "00", "A000000677010111");
    obj(t, "01", "0066801234567");
    obj(body, "29", t);
    obj(body, "52", "5411");
    obj(body, "53", "764");
    obj(body, "58", "TH");
    obj(body, "59", "CHO BEN THANH");
    obj(body, "60", "BANGKOK");
    vqr_verdict v = verify(with_crc(body));
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_int_eq(v.network, VQR_NETWORK_NONE);
    ck_assert_str_eq(v.account, "");
    /* It even borrows the first stall's name. */
    ck_assert_uint_eq(v.suspects, VQR_SUSPECT_IMITATION);
    ck_assert_uint_eq(v.imitated, 0);
    /* Another Vietnamese network (a 26 template of its own GUID, as EVN's bills). */
    body[0] = t[0] = '\0';
    obj(body, "00", "01");
    obj(body, "01", "11");
    obj(t, "00", "vn.evn.www");
    obj(t, "01", "0100101114-019");
    obj(body, "26", t);
    obj(body, "52", "4900");
    obj(body, "53", "704");
    obj(body, "58", "VN");
    obj(body, "59", "EVN THANH XUAN");
    obj(body, "60", "HA NOI");
    v = verify(with_crc(body));
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_int_eq(v.network, VQR_NETWORK_OTHER);
    ck_assert_str_eq(v.guid, "vn.evn.www");
    ck_assert_str_eq(v.account, "0100101114-019");
    ck_assert_uint_eq(v.suspects, 0);
}
END_TEST

/* ---- AMOUNT_MISMATCH ---- */

START_TEST(amount_mismatch)
{
    vqr_verify_options o;
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.amount = 150000;
    pl x = base();
    x.poi = "12";
    x.amount = "150000";
    ASSERT_VERDICT(verify_opt(make(&x), g_stalls, 3, &o), VQR_VERDICT_OK);
    x.amount = "15000";
    vqr_verdict v = verify_opt(make(&x), g_stalls, 3, &o);
    ASSERT_VERDICT(v, VQR_VERDICT_AMOUNT_MISMATCH);
    ck_assert_uint_eq(v.payee, 0);
    ck_assert_uint_eq(v.amount, 15000);
    /* No amount at all: the payer would type one. */
    x.poi = "11";
    x.amount = NULL;
    v = verify_opt(make(&x), g_stalls, 3, &o);
    ASSERT_VERDICT(v, VQR_VERDICT_AMOUNT_MISMATCH);
    ck_assert_uint_eq(v.amount, 0);
    /* The right number in another currency. */
    x.poi = "12";
    x.amount = "150000";
    x.currency = "840";
    x.amount = "1500.00";
    o.amount = 150000;
    v = verify_opt(make(&x), g_stalls, 3, &o);
    ASSERT_VERDICT(v, VQR_VERDICT_AMOUNT_MISMATCH);
    ck_assert_uint_eq(v.currency, 840);
    o.currency = 840;
    ASSERT_VERDICT(verify_opt(make(&x), g_stalls, 3, &o), VQR_VERDICT_OK);
    /* The wrong payee wins over the wrong amount. */
    x.account = "0011001234560";
    ASSERT_VERDICT(verify_opt(make(&x), g_stalls, 3, &o), VQR_VERDICT_PAYEE_NOT_ALLOWED);
}
END_TEST

START_TEST(kind_mismatch)
{
    vqr_verify_options o;
    vqr_verify_options_init(&o, sizeof o, NULL);
    pl st = base();
    pl dyn = base();
    dyn.poi = "12";
    dyn.amount = "50000";
    o.kind = VQR_VERIFY_STATIC;
    ASSERT_VERDICT(verify_opt(make(&st), g_stalls, 3, &o), VQR_VERDICT_OK);
    ASSERT_VERDICT(verify_opt(make(&dyn), g_stalls, 3, &o), VQR_VERDICT_AMOUNT_MISMATCH);
    /* Static, but with an amount written in: not what a stall's sticker is. */
    pl st_amount = base();
    st_amount.amount = "50000";
    ASSERT_VERDICT(verify_opt(make(&st_amount), g_stalls, 3, &o), VQR_VERDICT_AMOUNT_MISMATCH);
    o.kind = VQR_VERIFY_DYNAMIC;
    ASSERT_VERDICT(verify_opt(make(&dyn), g_stalls, 3, &o), VQR_VERDICT_OK);
    ASSERT_VERDICT(verify_opt(make(&st), g_stalls, 3, &o), VQR_VERDICT_AMOUNT_MISMATCH);
    o.kind = VQR_VERIFY_ANY_KIND;
    ASSERT_VERDICT(verify_opt(make(&st), g_stalls, 3, &o), VQR_VERDICT_OK);
    ASSERT_VERDICT(verify_opt(make(&dyn), g_stalls, 3, &o), VQR_VERDICT_OK);
}
END_TEST

/* ---- NOT_A_PAYMENT_CODE ---- */

START_TEST(not_a_payment_code)
{
    static const char *const k[] = {
        "https://vietqr.net/pay?acc=0011001234567",
        "WIFI:T:WPA;S:Cho Ben Thanh;P:12345678;;",
        "BEGIN:VCARD\nFN:Nguyen Van A\nEND:VCARD",
        "Chuyển khoản cho tôi nhé",
        "",
        "000",
        "0001010102",
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        vqr_verdict v = verify(k[i]);
        ck_assert_msg(v.verdict == VQR_VERDICT_NOT_A_PAYMENT_CODE, "%s: %s", k[i],
                      vqr_verdict_name(v.verdict));
        ck_assert_int_eq(v.network, VQR_NETWORK_NONE);
        ck_assert_uint_eq(v.payee, SIZE_MAX);
        ck_assert_int_eq(v.error.code, VQR_OK);
    }
    /* QRCASH: an ATM withdrawal, not a payment, even from an allowed account. */
    pl x = base();
    x.service = "QRCASH";
    x.account = "0011001234567";
    x.reference = "ATM123";
    x.terminal = "T01";
    vqr_verdict v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_NOT_A_PAYMENT_CODE);
    ck_assert_int_eq(v.service, VQR_SERVICE_CASH);
    ck_assert_str_eq(v.account, "0011001234567");
}
END_TEST

/* ---- INVALID ---- */

START_TEST(invalid_with_parse_error)
{
    pl x = base();
    char bad[4096];
    snprintf(bad, sizeof bad, "%s", make(&x));
    size_t n = strlen(bad);
    bad[n - 1] = bad[n - 1] == '0' ? '1' : '0'; /* wrong CRC */
    vqr_verdict v = verify(bad);
    ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
    ck_assert_int_eq(v.error.code, VQR_ERR_CRC_MISMATCH);
    ck_assert_str_eq(v.error.name, "VQR_ERR_CRC_MISMATCH");
    ck_assert_uint_eq(v.error.offset, n - 8);
    ck_assert_str_eq(v.error.tag, "63");
    /* What it would pay is still shown: the allowed account, but invalid. */
    ck_assert_str_eq(v.account, "0011001234567");
    ck_assert_uint_eq(v.payee, SIZE_MAX);

    /* Truncated in 59. */
    bad[n - 30] = '\0';
    v = verify(bad);
    ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
    ck_assert_int_eq(v.error.code, VQR_ERR_TRUNCATED);

    /* No account in 38.01: nobody can pay it. */
    pl y = base();
    y.account = NULL;
    v = verify(make(&y));
    ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
    ck_assert(v.error.code != VQR_OK);
}
END_TEST

/* ---- suspects ---- */

typedef struct suspect_case {
    const char *text; /* UTF-8 with the character */
    const char *ch;   /* the character alone */
    uint32_t cp;
    vqr_suspect kind;
    char looks_like;
} suspect_case;

static const suspect_case k_suspects[] = {
    /* letters of other scripts that look Latin */
    { "CH\xD0\x9E BEN THANH", "\xD0\x9E", 0x041E, VQR_SUSPECT_CONFUSABLE, 'O' }, /* Cyrillic O */
    { "Ch\xD0\xBE Ben Thanh", "\xD0\xBE", 0x043E, VQR_SUSPECT_CONFUSABLE, 'o' }, /* Cyrillic o */
    { "Th\xD0\xB0nh", "\xD0\xB0", 0x0430, VQR_SUSPECT_CONFUSABLE, 'a' },         /* Cyrillic a */
    { "\xD0\xA1HO", "\xD0\xA1", 0x0421, VQR_SUSPECT_CONFUSABLE, 'C' },           /* Cyrillic ES */
    { "Ch\xCE\xBF", "\xCE\xBF", 0x03BF, VQR_SUSPECT_CONFUSABLE, 'o' },           /* Greek omicron */
    { "\xCE\x91"
      "BC",
      "\xCE\x91", 0x0391, VQR_SUSPECT_CONFUSABLE, 'A' },               /* Greek Alpha */
    { "Ch\xD6\x85", "\xD6\x85", 0x0585, VQR_SUSPECT_CONFUSABLE, 'o' }, /* Armenian o */
    { "\xE1\x8E\xAA"
      "BC",
      "\xE1\x8E\xAA", 0x13AA, VQR_SUSPECT_CONFUSABLE, 'A' }, /* Cherokee A */
    { "\xEF\xBC\xA1"
      "BC",
      "\xEF\xBC\xA1", 0xFF21, VQR_SUSPECT_CONFUSABLE, 'A' }, /* fullwidth A */
    { "\xF0\x9D\x90\x80"
      "BC",
      "\xF0\x9D\x90\x80", 0x1D400, VQR_SUSPECT_CONFUSABLE, 'A' }, /* math bold A */
    /* invisible characters */
    { "CHO\xE2\x80\x8B"
      "BEN",
      "\xE2\x80\x8B", 0x200B, VQR_SUSPECT_INVISIBLE, 0 }, /* ZWSP */
    { "CHO\xE2\x80\x8D"
      "BEN",
      "\xE2\x80\x8D", 0x200D, VQR_SUSPECT_INVISIBLE, 0 }, /* ZWJ */
    { "CHO\xE2\x81\xA0"
      "BEN",
      "\xE2\x81\xA0", 0x2060, VQR_SUSPECT_INVISIBLE, 0 }, /* WJ */
    { "CHO\xC2\xAD"
      "BEN",
      "\xC2\xAD", 0x00AD, VQR_SUSPECT_INVISIBLE, 0 }, /* soft hyphen */
    { "CHO\xEF\xBB\xBF"
      "BEN",
      "\xEF\xBB\xBF", 0xFEFF, VQR_SUSPECT_INVISIBLE, 0 }, /* BOM */
    { "CHO\xE3\x85\xA4"
      "BEN",
      "\xE3\x85\xA4", 0x3164, VQR_SUSPECT_INVISIBLE, 0 }, /* Hangul filler */
    { "CHO\xEF\xB8\x8F"
      "BEN",
      "\xEF\xB8\x8F", 0xFE0F, VQR_SUSPECT_INVISIBLE, 0 }, /* VS16 */
    { "CHO\xF3\xA0\x81\x81"
      "BEN",
      "\xF3\xA0\x81\x81", 0xE0041, VQR_SUSPECT_INVISIBLE, 0 }, /* tag A */
    /* bidirectional controls */
    { "CHO\xE2\x80\x8E"
      "BEN",
      "\xE2\x80\x8E", 0x200E, VQR_SUSPECT_BIDI, 0 }, /* LRM */
    { "CHO\xE2\x80\x8F"
      "BEN",
      "\xE2\x80\x8F", 0x200F, VQR_SUSPECT_BIDI, 0 }, /* RLM */
    { "CHO\xE2\x80\xAA"
      "BEN",
      "\xE2\x80\xAA", 0x202A, VQR_SUSPECT_BIDI, 0 }, /* LRE */
    { "CHO\xE2\x80\xAB"
      "BEN",
      "\xE2\x80\xAB", 0x202B, VQR_SUSPECT_BIDI, 0 }, /* RLE */
    { "CHO\xE2\x80\xAC"
      "BEN",
      "\xE2\x80\xAC", 0x202C, VQR_SUSPECT_BIDI, 0 }, /* PDF */
    { "CHO\xE2\x80\xAD"
      "BEN",
      "\xE2\x80\xAD", 0x202D, VQR_SUSPECT_BIDI, 0 }, /* LRO */
    { "CHO\xE2\x80\xAE"
      "BEN",
      "\xE2\x80\xAE", 0x202E, VQR_SUSPECT_BIDI, 0 }, /* RLO */
    { "CHO\xE2\x81\xA6"
      "BEN",
      "\xE2\x81\xA6", 0x2066, VQR_SUSPECT_BIDI, 0 }, /* LRI */
    { "CHO\xE2\x81\xA7"
      "BEN",
      "\xE2\x81\xA7", 0x2067, VQR_SUSPECT_BIDI, 0 }, /* RLI */
    { "CHO\xE2\x81\xA8"
      "BEN",
      "\xE2\x81\xA8", 0x2068, VQR_SUSPECT_BIDI, 0 }, /* FSI */
    { "CHO\xE2\x81\xA9"
      "BEN",
      "\xE2\x81\xA9", 0x2069, VQR_SUSPECT_BIDI, 0 }, /* PDI */
    { "CHO\xD8\x9C"
      "BEN",
      "\xD8\x9C", 0x061C, VQR_SUSPECT_BIDI, 0 }, /* ALM */
    /* control characters */
    { "CHO\x01"
      "BEN",
      "\x01", 0x01, VQR_SUSPECT_CONTROL, 0 },
    { "CHO\t"
      "BEN",
      "\t", 0x09, VQR_SUSPECT_CONTROL, 0 },
    { "CHO\x1B"
      "BEN",
      "\x1B", 0x1B, VQR_SUSPECT_CONTROL, 0 },
    { "CHO\x7F"
      "BEN",
      "\x7F", 0x7F, VQR_SUSPECT_CONTROL, 0 },
    { "CHO\xC2\x85"
      "BEN",
      "\xC2\x85", 0x85, VQR_SUSPECT_CONTROL, 0 }, /* NEL */
    { "CHO\xC2\x9B"
      "BEN",
      "\xC2\x9B", 0x9B, VQR_SUSPECT_CONTROL, 0 }, /* CSI */
    { "CHO\xE2\x80\xA8"
      "BEN",
      "\xE2\x80\xA8", 0x2028, VQR_SUSPECT_INVISIBLE, 0 }, /* LS */
};

static void check_mark(const vqr_verdict *v, const char *payload, const suspect_case *c,
                       const char *tag)
{
    ck_assert_msg(v->suspects == (unsigned)c->kind, "U+%04X in %s: suspects %#x", c->cp, tag,
                  v->suspects);
    ck_assert_uint_eq(v->mark_count, 1);
    ck_assert_int_eq(v->marks[0].kind, c->kind);
    ck_assert_uint_eq(v->marks[0].codepoint, c->cp);
    ck_assert_int_eq(v->marks[0].looks_like, c->looks_like);
    ck_assert_uint_eq(v->marks[0].offset, where(payload, c->ch));
    ck_assert_str_eq(v->marks[0].tag, tag);
}

/* In 59 and 62.08 (ans fields) the character also breaks the profile: the
 * verdict is INVALID, the suspect still reported. In 64.01 (an S field,
 * which holds Unicode text) the verdict is OK with the suspect when the
 * profile accepts the character, INVALID with the parse's error when not. */
START_TEST(suspect_every_character)
{
    for (size_t i = 0; i < sizeof k_suspects / sizeof k_suspects[0]; i++) {
        const suspect_case *c = &k_suspects[i];
        pl x = base();
        x.name = c->text;
        const char *p = make(&x);
        vqr_verdict v = verify(p);
        ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
        check_mark(&v, p, c, "59");

        x = base();
        x.purpose = c->text;
        p = make(&x);
        v = verify(p);
        ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
        check_mark(&v, p, c, "62.08");

        x = base();
        x.alt_name = c->text;
        p = make(&x);
        v = verify(p);
        /* Whether the profile accepts the character in an S field is the
         * parser's rule (C0 controls never, bidi controls in strict modes
         * that refuse them): the verdict follows the parse exactly. */
        vqr_payload parsed;
        vqr_error pe;
        VQR_INIT(&pe);
        if (vqr_payload_parse(&parsed, p, strlen(p), 0, &pe) != VQR_OK) {
            ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
            ck_assert_int_eq(v.error.code, pe.code);
            ck_assert_uint_eq(v.error.offset, pe.offset);
            ck_assert_str_eq(v.error.tag, "64.01");
        } else {
            ck_assert_msg(v.verdict == VQR_VERDICT_OK, "U+%04X in 64.01: %s (%s)", c->cp,
                          vqr_verdict_name(v.verdict), v.error.name);
            ck_assert_uint_eq(v.payee, 0);
        }
        if (c->cp < 0x20 || c->cp == 0x7F)
            ASSERT_VERDICT(v, VQR_VERDICT_INVALID); /* C0 controls: never in any field */
        check_mark(&v, p, c, "64.01");
    }
}
END_TEST

START_TEST(vietnamese_is_not_suspect)
{
    pl x = base();
    x.alt_name = "Chợ Bến Thành “Cô Ba” ₫";
    x.alt_city = "TP Hồ Chí Minh";
    vqr_verdict v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.suspects, 0);
    ck_assert_uint_eq(v.mark_count, 0);
    ck_assert_str_eq(v.merchant_name_alt, "Chợ Bến Thành “Cô Ba” ₫");
}
END_TEST

START_TEST(suspect_marks_counted_past_the_limit)
{
    pl x = base();
    /* Ten Cyrillic letters and two Greek ones in 64.01 (an S field, which
     * may hold them: the code is valid). */
    x.alt_name =
        "\xD0\xA1\xD0\x9D\xD0\x9E \xD0\x92\xD0\x95\xD0\x9D \xD0\xA2\xD0\x9D\xD0\x90\xD0\x9D"
        "\xCE\x91\xCE\x92";
    const char *p = make(&x);
    vqr_verdict v = verify(p);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.mark_count, 12);
    ck_assert_uint_eq(v.suspects, VQR_SUSPECT_CONFUSABLE);
    for (int i = 0; i < VQR_VERIFY_MARKS; i++)
        ck_assert_int_eq(v.marks[i].kind, VQR_SUSPECT_CONFUSABLE);
    ck_assert_uint_eq(v.marks[0].codepoint, 0x0421);
    ck_assert_uint_eq(v.marks[6].codepoint, 0x0422);
    ck_assert_uint_eq(v.marks[7].codepoint, 0x041D);
    ck_assert_uint_lt(v.marks[0].offset, v.marks[1].offset);
}
END_TEST

/* ---- imitation ---- */

START_TEST(imitation_of_an_allowed_name)
{
    /* Another account that calls itself "CHO BEN THANH" (59), as the first
     * stall's name folds: PAYEE_NOT_ALLOWED and IMITATION of payee 0. */
    pl x = base();
    x.bin = "970415";
    x.account = "113366668888";
    const char *p = make(&x);
    vqr_verdict v = verify(p);
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_uint_eq(v.suspects, VQR_SUSPECT_IMITATION);
    ck_assert_uint_eq(v.imitated, 0);
    ck_assert_uint_eq(v.mark_count, 1);
    ck_assert_int_eq(v.marks[0].kind, VQR_SUSPECT_IMITATION);
    ck_assert_str_eq(v.marks[0].tag, "59");
    ck_assert_uint_eq(v.marks[0].offset, where(p, "CHO BEN THANH"));
    ck_assert_uint_eq(v.marks[0].codepoint, 0);

    /* The right account with the same name: no imitation. */
    x = base();
    v = verify(make(&x));
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.suspects, 0);
    ck_assert_uint_eq(v.imitated, SIZE_MAX);

    /* The second stall's name in Vietnamese in 64.01, with a Cyrillic "а",
     * on an account that is the first stall's: the code pays an allowed
     * payee (OK) but borrows another one's name. */
    x = base();
    x.name = "X";
    x.alt_name = "H\xD0\xB0ng c\xC3\xA1 B\xC3\xA0 T\xC6\xB0";
    p = make(&x);
    v = verify(p);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 0);
    ck_assert_uint_eq(v.imitated, 1);
    ck_assert_uint_eq(v.suspects, VQR_SUSPECT_CONFUSABLE | VQR_SUSPECT_IMITATION);
    ck_assert_uint_eq(v.mark_count, 2);
    ck_assert_int_eq(v.marks[0].kind, VQR_SUSPECT_CONFUSABLE);
    ck_assert_int_eq(v.marks[1].kind, VQR_SUSPECT_IMITATION);
    ck_assert_str_eq(v.marks[1].tag, "64.01");
    ck_assert_uint_eq(v.marks[1].offset, where(p, "H\xD0\xB0ng"));

    /* With a zero-width space too: the profile refuses it in an S field
     * (INVALID), and the imitation is still named. */
    x.alt_name = "H\xD0\xB0ng c\xC3\xA1\xE2\x80\x8B B\xC3\xA0 T\xC6\xB0";
    p = make(&x);
    v = verify(p);
    ASSERT_VERDICT(v, VQR_VERDICT_INVALID);
    ck_assert_str_eq(v.error.tag, "64.01");
    ck_assert_uint_eq(v.imitated, 1);
    ck_assert_uint_eq(v.suspects,
                      VQR_SUSPECT_CONFUSABLE | VQR_SUSPECT_INVISIBLE | VQR_SUSPECT_IMITATION);
    ck_assert_uint_eq(v.mark_count, 3);
    ck_assert_int_eq(v.marks[2].kind, VQR_SUSPECT_IMITATION);

    /* Folding: case, diacritics, spaces, punctuation. */
    static const char *const same[] = { "cho ben thanh", "Chợ Bến Thành", "CHO-BEN-THANH",
                                        "C.H.O BENTHANH", "ch\xCE\xBF b\xD0\xB5n thanh" };
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        x = base();
        x.account = "0011001234599";
        x.name = "SOMETHING";
        x.alt_name = same[i];
        v = verify(make(&x));
        ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
        ck_assert_msg(v.suspects & VQR_SUSPECT_IMITATION, "%s", same[i]);
        ck_assert_uint_eq(v.imitated, 0);
    }
    /* Not the same name. */
    static const char *const other[] = { "Cho Ben Thanh 2", "Chợ Bình Tây", "Ben Thanh" };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        x = base();
        x.account = "0011001234599";
        x.name = "SOMETHING";
        x.alt_name = other[i];
        v = verify(make(&x));
        ck_assert_msg(!(v.suspects & VQR_SUSPECT_IMITATION), "%s", other[i]);
        ck_assert_uint_eq(v.imitated, SIZE_MAX);
    }
}
END_TEST

START_TEST(imitation_needs_names)
{
    vqr_payee list[1] = { payee("970436", "0011001234567", NULL) };
    pl x = base();
    x.account = "999";
    vqr_verdict v = verify_opt(make(&x), list, 1, NULL);
    ASSERT_VERDICT(v, VQR_VERDICT_PAYEE_NOT_ALLOWED);
    ck_assert_uint_eq(v.suspects, 0);
}
END_TEST

/* ---- errors of the call ---- */

static vqr_status verify_err(const vqr_payee *list, size_t n, const vqr_verify_options *o,
                             vqr_error *e)
{
    pl x = base();
    const char *p = make(&x);
    vqr_verdict v;
    VQR_INIT(&v);
    if (e)
        VQR_INIT(e);
    return vqr_verify(p, strlen(p), list, n, o, &v, e);
}

START_TEST(bad_payees)
{
    vqr_payee bad[] = {
        payee("97043", "0011001234567", NULL),
        payee("9704366", "0011001234567", NULL),
        payee("97043a", "0011001234567", NULL),
        payee(NULL, "0011001234567", NULL),
        payee("970436", NULL, NULL),
        payee("970436", "", NULL),
        payee("970436", "0011 001234567", NULL),
        payee("970436", "01234567890123456789", NULL),
        payee("970436", "Chợ", NULL),
        payee("970436", "001", "\xC3"),
        vnpay_payee("", NULL),
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        vqr_payee list[3] = { g_stalls[0], g_stalls[1], bad[i] };
        vqr_error e;
        ck_assert_msg(verify_err(list, 3, NULL, &e) == VQR_ERR_PAYEE, "payee %zu", i);
        ck_assert_int_eq(e.code, VQR_ERR_PAYEE);
        ck_assert_uint_eq(e.offset, 2);
        ck_assert_str_eq(e.name, "VQR_ERR_PAYEE");
    }
    vqr_payee p = payee("970436", "001", NULL);
    p.service = VQR_SERVICE_CASH;
    vqr_error e;
    ck_assert_int_eq(verify_err(&p, 1, NULL, &e), VQR_ERR_PAYEE);
    p.service = (vqr_service)99;
    ck_assert_int_eq(verify_err(&p, 1, NULL, &e), VQR_ERR_PAYEE);
    p = payee("970436", "001", NULL);
    p.network = VQR_NETWORK_OTHER;
    ck_assert_int_eq(verify_err(&p, 1, NULL, &e), VQR_ERR_PAYEE);
    /* A VNPAY merchant has no BIN. */
    p = vnpay_payee("0108799042", NULL);
    p.bin = "970436";
    ck_assert_int_eq(verify_err(&p, 1, NULL, &e), VQR_ERR_PAYEE);
    /* Every element the size of the first. */
    vqr_payee two[2] = { g_stalls[0], g_stalls[1] };
    two[1].size = sizeof two[1] - 1;
    ck_assert_int_eq(verify_err(two, 2, NULL, &e), VQR_ERR_PAYEE);
    ck_assert_uint_eq(e.offset, 1);
}
END_TEST

START_TEST(bad_arguments)
{
    pl x = base();
    const char *p = make(&x);
    vqr_verdict v;
    VQR_INIT(&v);
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_verify(p, strlen(p), g_stalls, 3, NULL, NULL, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_verify(NULL, 5, g_stalls, 3, NULL, &v, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_verify(p, strlen(p), NULL, 1, NULL, &v, &e), VQR_ERR_INVALID_ARGUMENT);
    /* A verdict never set up, and an error never set up. */
    v.size = 0;
    ck_assert_int_eq(vqr_verify(p, strlen(p), g_stalls, 3, NULL, &v, &e), VQR_ERR_INVALID_ARGUMENT);
    v.size = VQR_STRUCT_SIZE_MAX + 1;
    ck_assert_int_eq(vqr_verify(p, strlen(p), g_stalls, 3, NULL, &v, &e), VQR_ERR_INVALID_ARGUMENT);
    VQR_INIT(&v);
    vqr_error unset;
    memset(&unset, 0, sizeof unset);
    ck_assert_int_eq(vqr_verify(p, strlen(p), g_stalls, 3, NULL, &v, &unset),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(unset.code, VQR_OK); /* not touched */
    vqr_verify_options o;
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.kind = (vqr_verify_kind)3;
    ck_assert_int_eq(verify_err(g_stalls, 3, &o, &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.currency = 999;
    ck_assert_int_eq(verify_err(g_stalls, 3, &o, &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.parse_flags = 1u << 20;
    ck_assert_int_eq(verify_err(g_stalls, 3, &o, &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_verify_options_init(&o, sizeof o, NULL);
    o.size = 0;
    ck_assert_int_eq(verify_err(g_stalls, 3, &o, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(verify_err(g_stalls, 3, NULL, NULL), VQR_OK);
    /* The init functions. */
    ck_assert_int_eq(vqr_payee_init(NULL, sizeof(vqr_payee), &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_payee pe;
    ck_assert_int_eq(vqr_payee_init(&pe, 4, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_verify_options_init(&o, VQR_STRUCT_SIZE_MAX + 1, &e),
                     VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- sized structs ---- */

typedef struct future_payee {
    vqr_payee now;
    uint64_t later;
} future_payee;

typedef struct future_options {
    vqr_verify_options now;
    uint64_t later;
} future_options;

typedef struct future_verdict {
    vqr_verdict now;
    unsigned char later[64];
} future_verdict;

START_TEST(larger_structs)
{
    future_payee list[2];
    memset(list, 0, sizeof list);
    for (int i = 0; i < 2; i++) {
        list[i].now = g_stalls[i];
        list[i].now.size = sizeof list[i];
    }
    future_options o;
    memset(&o, 0, sizeof o);
    vqr_verify_options_init(&o.now, sizeof o.now, NULL);
    o.now.size = sizeof o;
    o.now.kind = VQR_VERIFY_STATIC;
    future_verdict fv;
    memset(&fv, 0x5A, sizeof fv);
    fv.now.size = sizeof fv;
    vqr_error e;
    VQR_INIT(&e);
    pl x = base();
    x.bin = "970422";
    x.account = "0352350917";
    const char *p = make(&x);
    ck_assert_int_eq(vqr_verify(p, strlen(p), &list[0].now, 2, &o.now, &fv.now, NULL), VQR_OK);
    ASSERT_VERDICT(fv.now, VQR_VERDICT_OK);
    ck_assert_uint_eq(fv.now.payee, 1);
    ck_assert_uint_eq(fv.now.size, sizeof fv);
    for (size_t i = 0; i < sizeof fv.later; i++)
        ck_assert_uint_eq(fv.later[i], 0);
    /* A tail that is not zero is a field this version cannot honour. */
    o.later = 1;
    ck_assert_int_eq(vqr_verify(p, strlen(p), &list[0].now, 2, &o.now, &fv.now, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    o.later = 0;
    list[1].later = 7;
    ck_assert_int_eq(vqr_verify(p, strlen(p), &list[0].now, 2, &o.now, &fv.now, &e), VQR_ERR_PAYEE);
    ck_assert_uint_eq(e.offset, 1);
}
END_TEST

/* Callers built against an older header: the first version's fields only. */
START_TEST(smaller_structs)
{
    /* An options struct that ends before `parse_flags`: its default (0). */
    vqr_verify_options o;
    ck_assert_int_eq(vqr_verify_options_init(&o, offsetof(vqr_verify_options, parse_flags), NULL),
                     VQR_OK);
    ck_assert_uint_eq(o.size, offsetof(vqr_verify_options, parse_flags));
    o.kind = VQR_VERIFY_STATIC;
    o.parse_flags = 12345; /* past the caller's size: never read */
    /* A verdict that ends after `payee`: nothing past it is written. */
    vqr_verdict v;
    memset(&v, 0x5A, sizeof v);
    v.size = offsetof(vqr_verdict, imitated);
    pl x = base();
    const char *p = make(&x);
    ck_assert_int_eq(vqr_verify(p, strlen(p), g_stalls, 3, &o, &v, NULL), VQR_OK);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 0);
    ck_assert_uint_eq(v.size, offsetof(vqr_verdict, imitated));
    const unsigned char *tail = (const unsigned char *)&v + offsetof(vqr_verdict, imitated);
    for (size_t i = 0; i < sizeof v - offsetof(vqr_verdict, imitated); i++)
        ck_assert_uint_eq(tail[i], 0x5A);
    /* Payees of an older, shorter layout, in an array of that stride. */
    struct old_payee {
        size_t size;
        vqr_network network;
        const char *bin;
        const char *account;
    } old[2] = { { sizeof old[0], VQR_NETWORK_NAPAS, "970422", "0352350917" },
                 { sizeof old[0], VQR_NETWORK_NAPAS, "970436", "0011001234567" } };
    VQR_INIT(&v);
    ck_assert_int_eq(
        vqr_verify(p, strlen(p), (const vqr_payee *)(const void *)old, 2, NULL, &v, NULL), VQR_OK);
    ASSERT_VERDICT(v, VQR_VERDICT_OK);
    ck_assert_uint_eq(v.payee, 1);
}
END_TEST

START_TEST(names)
{
    /* The struct stays well under VQR_STRUCT_SIZE_MAX (and 4 KiB). */
    ck_assert_uint_lt(sizeof(vqr_verdict), 4096);
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_OK), "OK");
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_PAYEE_NOT_ALLOWED), "PAYEE_NOT_ALLOWED");
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_AMOUNT_MISMATCH), "AMOUNT_MISMATCH");
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_NOT_A_PAYMENT_CODE), "NOT_A_PAYMENT_CODE");
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_INVALID), "INVALID");
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_MULTIPLE_CODES), "MULTIPLE_CODES");
    ck_assert_str_eq(vqr_verdict_name(VQR_VERDICT_NO_CODE), "NO_CODE");
    ck_assert_ptr_null(vqr_verdict_name((vqr_verdict_code)7));
    ck_assert_ptr_null(vqr_verdict_name((vqr_verdict_code)-1));
    ck_assert_int_eq(VQR_ERR_PAYEE, 214);
    ck_assert_str_eq(vqr_status_name(VQR_ERR_PAYEE), "VQR_ERR_PAYEE");
}
END_TEST

/* ---- threads ---- */

static void *thread_main(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        pl x = base();
        char acct[32];
        snprintf(acct, sizeof acct, "00110012345%02d", i % 100);
        x.account = acct;
        char buf[4096];
        /* make() uses a static buffer: build under a lock-free copy. */
        static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
        pthread_mutex_lock(&mu);
        snprintf(buf, sizeof buf, "%s", make(&x));
        pthread_mutex_unlock(&mu);
        vqr_verdict v;
        VQR_INIT(&v);
        if (vqr_verify(buf, strlen(buf), g_stalls, 3, NULL, &v, NULL) != VQR_OK)
            return (void *)1;
        vqr_verdict_code want = i % 100 == 67 ? VQR_VERDICT_OK : VQR_VERDICT_PAYEE_NOT_ALLOWED;
        if (v.verdict != want || strcmp(v.account, acct) != 0)
            return (void *)1;
    }
    return NULL;
}

START_TEST(threads)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, thread_main, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        ck_assert_int_eq(pthread_join(t[i], &r), 0);
        ck_assert_ptr_null(r);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify");
    TCase *tc = tcase_create("verify");
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_add_test(tc, ok_account);
    tcase_add_test(tc, ok_second_payee_dynamic);
    tcase_add_test(tc, ok_card_and_merchant_services);
    tcase_add_test(tc, ok_vnpay);
    tcase_add_test(tc, not_allowed_near_misses);
    tcase_add_test(tc, not_allowed_names_bank_and_account);
    tcase_add_test(tc, not_allowed_empty_list);
    tcase_add_test(tc, not_allowed_other_networks);
    tcase_add_test(tc, amount_mismatch);
    tcase_add_test(tc, kind_mismatch);
    tcase_add_test(tc, not_a_payment_code);
    tcase_add_test(tc, invalid_with_parse_error);
    tcase_add_test(tc, suspect_every_character);
    tcase_add_test(tc, vietnamese_is_not_suspect);
    tcase_add_test(tc, suspect_marks_counted_past_the_limit);
    tcase_add_test(tc, imitation_of_an_allowed_name);
    tcase_add_test(tc, imitation_needs_names);
    tcase_add_test(tc, bad_payees);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, larger_structs);
    tcase_add_test(tc, smaller_structs);
    tcase_add_test(tc, names);
    tcase_add_test(tc, threads);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
