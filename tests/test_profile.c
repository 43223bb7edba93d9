/*
 * test_profile.c - validation profiles: the NAPAS 247 (VietQR) rules with
 * exact codes, offsets, tags and limits; how the default chooses between
 * VietQR and EMVCo; the flags that force one; and a property test: every
 * payload vqr_vietqr_build() makes (every service, static and dynamic,
 * every optional field, random text) is valid under the default profile.
 */
#include <stdint.h>

#include "testutil.h"

/* ---- building payloads object by object, remembering where each starts ---- */

typedef struct pb {
    char s[1024];
    size_t n;
} pb;

/* Appends ID, length and an ASCII value; returns the offset of the ID. */
static size_t put(pb *b, const char *id, const char *value)
{
    size_t at = b->n, len = strlen(value);
    ck_assert_uint_lt(len, 100);
    int w = snprintf(b->s + b->n, sizeof b->s - b->n, "%s%02zu%s", id, len, value);
    ck_assert(w > 0 && (size_t)w < sizeof b->s - b->n);
    b->n += (size_t)w;
    return at;
}

/* The payload with "6304" and its CRC. */
static const char *done(pb *b)
{
    b->s[b->n] = '\0';
    return with_crc(b->s);
}

/* A NAPAS 38 template's content: GUID, 38.01 (BIN, account), 38.02 (NULL: none).
 * *bin_at, *acct_at and *svc_at receive offsets inside the content. */
static void napas(pb *t, const char *bin, const char *account, const char *service, size_t *bin_at,
                  size_t *acct_at, size_t *svc_at)
{
    pb benef = { .n = 0 };
    size_t b0 = bin ? put(&benef, "00", bin) : SIZE_MAX;
    size_t a0 = account ? put(&benef, "01", account) : SIZE_MAX;
    benef.s[benef.n] = '\0';
    t->n = 0;
    put(t, "00", "A000000727");
    size_t benef_at = put(t, "01", benef.s);
    size_t s0 = service ? put(t, "02", service) : SIZE_MAX;
    t->s[t->n] = '\0';
    if (bin_at)
        *bin_at = b0 == SIZE_MAX ? SIZE_MAX : benef_at + 4 + b0;
    if (acct_at)
        *acct_at = a0 == SIZE_MAX ? SIZE_MAX : benef_at + 4 + a0;
    if (svc_at)
        *svc_at = s0;
}

/* One expected diagnostic. */
typedef struct want {
    vqr_status code;
    const char *tag;
    size_t offset;
    size_t limit;
} want;

/* Parses with `flags` and checks the profile, the status and every error in order. */
static void expect(const char *payload, unsigned flags, vqr_profile profile, const want *w,
                   size_t n)
{
    vqr_payload p;
    vqr_error e;
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status st = vqr_payload_parse(&p, payload, strlen(payload), flags, &e);
    ck_assert_msg(st == (n ? w[0].code : VQR_OK), "%s: %s, expected %s", payload,
                  vqr_status_name(st), vqr_status_name(n ? w[0].code : VQR_OK));
    ck_assert_int_eq(vqr_payload_profile(&p), profile);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, VQR_SEVERITY_ERROR), n);
    for (size_t i = 0; i < n; i++) {
        vqr_error d;
        VQR_INIT(&d);
        ck_assert_int_eq(vqr_payload_diag(&p, i, &d, NULL), VQR_OK);
        ck_assert_msg(d.code == w[i].code, "%s: diagnostic %zu is %s, expected %s", payload, i,
                      d.name, vqr_status_name(w[i].code));
        ck_assert_str_eq(d.tag, w[i].tag);
        ck_assert_uint_eq(d.offset, w[i].offset);
        ck_assert_uint_eq(d.limit, w[i].limit);
        ck_assert_int_eq(d.severity, VQR_SEVERITY_ERROR);
    }
}

/* 000201 010212 38... 5303704 5406100000 5802VN [62...]: a dynamic VietQR. */
static const char *vietqr(const char *bin, const char *account, const char *service,
                          const char *additional, size_t *at38)
{
    static pb b;
    pb t;
    napas(&t, bin, account, service, NULL, NULL, NULL);
    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "12");
    size_t o = put(&b, "38", t.s);
    if (at38)
        *at38 = o;
    put(&b, "53", "704");
    put(&b, "54", "100000");
    put(&b, "58", "VN");
    if (additional)
        put(&b, "62", additional);
    return done(&b);
}

/* Offset of the template 38 content of a vietqr() payload: "00020101021238LL" */
#define AT38 12u
#define IN38 (AT38 + 4u)

/* ---- the default chooses ---- */

START_TEST(default_is_vietqr_for_napas_and_emvco_otherwise)
{
    /* NAPAS §6.1.3: 52, 59 and 60 are optional in NAPAS 247. */
    const char *napas613 = "00020101021238570010A00000072701270006970403011300110123456780208"
                           "QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don "
                           "hang63042E2E";
    expect(napas613, VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, NULL, 0);
    expect(napas613, VQR_PARSE_VIETQR, VQR_PROFILE_VIETQR, NULL, 0);
    const want emvco[] = { { VQR_ERR_MISSING, "52", 0, 0 },
                           { VQR_ERR_MISSING, "59", 0, 0 },
                           { VQR_ERR_MISSING, "60", 0, 0 } };
    expect(napas613, VQR_PARSE_EMVCO, VQR_PROFILE_EMVCO, emvco, 3);
    ck_assert_int_eq(VQR_PARSE_STRICT, VQR_PARSE_EMVCO);

    vqr_payload p;
    ck_assert_int_eq(vqr_payload_parse(&p, napas613, strlen(napas613), VQR_PARSE_LENIENT, NULL),
                     VQR_OK);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_LENIENT);
    ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, VQR_SEVERITY_WARNING), 3);

    /* A 38 with another GUID is not NAPAS: EMVCo rules. */
    pb b = { .n = 0 };
    put(&b, "00", "01");
    put(&b, "38", "0010A0000007750110ABCDEFGHIJ");
    put(&b, "52", "5411");
    put(&b, "53", "704");
    put(&b, "58", "VN");
    put(&b, "59", "SHOP");
    put(&b, "60", "HANOI");
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_EMVCO, NULL, 0);
    /* ... and forced VietQR says so. */
    const want not_vietqr[] = { { VQR_ERR_NOT_VIETQR, "38", 6, 0 },
                                { VQR_ERR_MISSING, "01", 0, 0 } };
    expect(done(&b), VQR_PARSE_VIETQR, VQR_PROFILE_VIETQR, not_vietqr, 2);

    /* No 38 at all. */
    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "11");
    put(&b, "26", "0010A0000007750110ABCDEFGHIJ");
    put(&b, "53", "704");
    put(&b, "58", "VN");
    const want none38[] = { { VQR_ERR_NOT_VIETQR, "38", 0, 0 } };
    expect(done(&b), VQR_PARSE_VIETQR, VQR_PROFILE_VIETQR, none38, 1);
}
END_TEST

START_TEST(flags_and_names)
{
    vqr_payload p;
    vqr_error e;
    VQR_INIT(&e);
    const char *pl = vietqr("970436", "0011001234567", "QRIBFTTA", NULL, NULL);
    static const unsigned bad[] = { VQR_PARSE_LENIENT | VQR_PARSE_EMVCO,
                                    VQR_PARSE_EMVCO | VQR_PARSE_VIETQR,
                                    VQR_PARSE_LENIENT | VQR_PARSE_VIETQR, 1u << 3, 1u << 31 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(vqr_payload_parse(&p, pl, strlen(pl), bad[i], &e),
                         VQR_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_NONE);
    }
    vqr_payload_init(&p);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_NONE);
    ck_assert_int_eq(vqr_payload_profile(NULL), VQR_PROFILE_NONE);
    ck_assert_str_eq(vqr_profile_name(VQR_PROFILE_NONE), "none");
    ck_assert_str_eq(vqr_profile_name(VQR_PROFILE_EMVCO), "emvco");
    ck_assert_str_eq(vqr_profile_name(VQR_PROFILE_VIETQR), "vietqr");
    ck_assert_str_eq(vqr_profile_name(VQR_PROFILE_LENIENT), "lenient");
    ck_assert_ptr_null(vqr_profile_name((vqr_profile)4));
    ck_assert_ptr_null(vqr_profile_name((vqr_profile)-1));
    /* A payload that does not frame: the profile the flags name, or EMVCo. */
    ck_assert_int_ne(vqr_payload_parse(&p, "0002010", 7, VQR_PARSE_DEFAULT, NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_EMVCO);
    ck_assert_int_ne(vqr_payload_parse(&p, "0002010", 7, VQR_PARSE_VIETQR, NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_VIETQR);
    ck_assert_int_ne(vqr_payload_parse(&p, "00\xff", 3, VQR_PARSE_LENIENT, NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_profile(&p), VQR_PROFILE_LENIENT);
    ck_assert_str_eq(vqr_status_name(VQR_ERR_SERVICE), "VQR_ERR_SERVICE");
}
END_TEST

/* ---- the NAPAS rules, one by one ---- */

START_TEST(napas_bin)
{
    size_t bin_at;
    pb t;
    napas(&t, "97043", "0011001234567", "QRIBFTTA", &bin_at, NULL, NULL);
    const char *pl = vietqr("97043", "0011001234567", "QRIBFTTA", NULL, NULL);
    const want w[] = { { VQR_ERR_BIN, "38.01.00", IN38 + bin_at, 6 } };
    expect(pl, VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, w, 1);
    pl = vietqr("97043A", "0011001234567", "QRIBFTTA", NULL, NULL);
    expect(pl, VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, w, 1);
    /* EMVCo's own rule for the same object. */
    const want e[] = { { VQR_ERR_FORMAT_N, "38.01.00", IN38 + bin_at, 0 },
                       { VQR_ERR_MISSING, "52", 0, 0 },
                       { VQR_ERR_MISSING, "59", 0, 0 },
                       { VQR_ERR_MISSING, "60", 0, 0 } };
    expect(pl, VQR_PARSE_EMVCO, VQR_PROFILE_EMVCO, e, 4);
    /* A BIN outside the directory is still a BIN. */
    expect(vietqr("123456", "0011001234567", "QRIBFTTA", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, NULL, 0);
}
END_TEST

START_TEST(napas_account)
{
    size_t acct_at;
    pb t;
    /* Bank accounts, and the virtual accounts of wallets: letters and digits. */
    static const char *const good[] = { "0011001234567",       "PSP123456789000000",
                                        "99MM24001234567890",  "99ZP24009M07248267",
                                        "0023457923442ASDFLJ", "1" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        expect(vietqr("970454", good[i], "QRIBFTTA", NULL, NULL), VQR_PARSE_DEFAULT,
               VQR_PROFILE_VIETQR, NULL, 0);
    napas(&t, "970436", "0011-0012", "QRIBFTTA", NULL, &acct_at, NULL);
    const want dash[] = { { VQR_ERR_ACCOUNT, "38.01.01", IN38 + acct_at, 0 } };
    expect(vietqr("970436", "0011-0012", "QRIBFTTA", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, dash, 1);
    expect(vietqr("970436", "0011 0012", "QRIBFTTA", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, dash, 1);
    napas(&t, "970436", "00110012345678901234", "QRIBFTTA", NULL, &acct_at, NULL);
    const want longer[] = { { VQR_ERR_LENGTH, "38.01.01", IN38 + acct_at, 19 } };
    expect(vietqr("970436", "00110012345678901234", "QRIBFTTA", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, longer, 1);
}
END_TEST

START_TEST(napas_card)
{
    size_t acct_at;
    pb t;
    expect(vietqr("970403", "9704031101234567", "QRIBFTTC", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, NULL, 0);
    expect(vietqr("970403", "9704031101234567890", "QRIBFTTC", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, NULL, 0);
    napas(&t, "970403", "970403110123456", "QRIBFTTC", NULL, &acct_at, NULL);
    const want shorter[] = { { VQR_ERR_CARD, "38.01.01", IN38 + acct_at, 16 } };
    expect(vietqr("970403", "970403110123456", "QRIBFTTC", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, shorter, 1);
    const want letter[] = { { VQR_ERR_CARD, "38.01.01", IN38 + acct_at, 0 } };
    expect(vietqr("970403", "97040311012345X", "QRIBFTTC", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, letter, 1);
}
END_TEST

START_TEST(napas_service)
{
    size_t svc_at;
    pb t;
    /* Merchants: printable ASCII up to 19, as the acquirer gives it. */
    expect(vietqr("970436", "MERCHANT 01/A", "QRPUSH", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, NULL, 0);
    napas(&t, "970436", "0011001234567", "QRFOO", NULL, NULL, &svc_at);
    const want unknown[] = { { VQR_ERR_SERVICE, "38.02", IN38 + svc_at, 0 } };
    expect(vietqr("970436", "0011001234567", "QRFOO", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, unknown, 1);
    expect(vietqr("970436", "0011001234567", "qribftta", NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, unknown, 1);
    const want absent[] = { { VQR_ERR_MISSING, "38.02", AT38, 0 } };
    expect(vietqr("970436", "0011001234567", NULL, NULL, NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, absent, 1);
    /* Cash at an ATM needs the reference (62.05) and the terminal (62.07). */
    expect(vietqr("970436", "ATM0001", "QRCASH", "0505REF010707ATM0001", NULL), VQR_PARSE_DEFAULT,
           VQR_PROFILE_VIETQR, NULL, 0);
    const char *pl = vietqr("970436", "ATM0001", "QRCASH", "0505REF01", NULL);
    size_t at62 = (size_t)(strstr(pl, "62090505REF01") - pl);
    const want no_terminal[] = { { VQR_ERR_MISSING, "62.07", at62, 0 } };
    expect(pl, VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, no_terminal, 1);
    const want neither[] = { { VQR_ERR_MISSING, "62.05", 0, 0 },
                             { VQR_ERR_MISSING, "62.07", 0, 0 } };
    expect(vietqr("970436", "ATM0001", "QRCASH", NULL, NULL), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR,
           neither, 2);
}
END_TEST

START_TEST(napas_root_objects)
{
    /* 01 is mandatory in NAPAS 247. */
    pb b = { .n = 0 };
    pb t;
    napas(&t, "970436", "0011001234567", "QRIBFTTA", NULL, NULL, NULL);
    put(&b, "00", "01");
    put(&b, "38", t.s);
    put(&b, "53", "704");
    put(&b, "58", "VN");
    const want no01[] = { { VQR_ERR_MISSING, "01", 0, 0 } };
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, no01, 1);

    /* 53 and 58 are 704 and VN unless stated: absent is fine, and the
     * amount is then read in VND (no decimals). */
    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "12");
    put(&b, "38", t.s);
    put(&b, "54", "150000");
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, NULL, 0);
    vqr_payload p;
    vqr_vietqr_info info;
    VQR_INIT(&info);
    const char *pl = done(&b);
    ck_assert_int_eq(vqr_payload_parse(&p, pl, strlen(pl), 0, NULL), VQR_OK);
    ck_assert_int_eq(vqr_vietqr_read(&p, &info, NULL), VQR_OK);
    ck_assert_uint_eq(info.currency, 704);
    ck_assert_str_eq(info.currency_alpha, "VND");
    ck_assert_uint_eq(info.amount_minor, 150000);
    ck_assert_int_eq(info.amount_status, VQR_OK);

    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "12");
    put(&b, "38", t.s);
    size_t at54 = put(&b, "54", "150000.5");
    const want decimals[] = { { VQR_ERR_AMOUNT_DECIMALS, "54", at54, 0 } };
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, decimals, 1);

    /* Stated otherwise: any ISO 4217 currency, any country. */
    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "12");
    put(&b, "38", t.s);
    put(&b, "53", "840");
    put(&b, "54", "12.50");
    put(&b, "58", "US");
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, NULL, 0);
    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "12");
    put(&b, "38", t.s);
    size_t at53 = put(&b, "53", "999");
    size_t at58 = put(&b, "58", "vn");
    const want stated_badly[] = { { VQR_ERR_CURRENCY, "53", at53, 0 },
                                  { VQR_ERR_COUNTRY, "58", at58, 0 } };
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, stated_badly, 2);

    /* 52, 59, 60 when present keep their EMVCo rules. */
    b.n = 0;
    put(&b, "00", "01");
    put(&b, "01", "11");
    put(&b, "38", t.s);
    size_t at52 = put(&b, "52", "54A1");
    put(&b, "53", "704");
    put(&b, "58", "VN");
    size_t at59 = put(&b, "59", "NHA THUOC LONG CHAU CHI NHANH 12");
    const want optional_bad[] = { { VQR_ERR_FORMAT_N, "52", at52, 0 },
                                  { VQR_ERR_LENGTH, "59", at59, 25 } };
    expect(done(&b), VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, optional_bad, 2);

    /* The 62 sub-field limits: 25 for 01-08. */
    pl = vietqr("970436", "0011001234567", "QRIBFTTA", "0826Thanh toan don hang 123456", NULL);
    size_t at6208 = (size_t)(strstr(pl, "0826Thanh") - pl);
    const want purpose[] = { { VQR_ERR_LENGTH, "62.08", at6208, 25 } };
    expect(pl, VQR_PARSE_DEFAULT, VQR_PROFILE_VIETQR, purpose, 1);
}
END_TEST

/* ---- the property: whatever the builder makes is valid by default ---- */

static uint64_t g_rng;

static uint32_t rnd(uint32_t n)
{
    /* xorshift64* */
    g_rng ^= g_rng >> 12;
    g_rng ^= g_rng << 25;
    g_rng ^= g_rng >> 27;
    return (uint32_t)((g_rng * UINT64_C(2685821657736338717)) >> 32) % n;
}

/* Random text of 1..max characters, Vietnamese letters among ASCII. */
static const char *rtext(char *buf, size_t max)
{
    static const char *const pieces[] = { "a", "B", "7", " ", "-", "/", ".", "ă", "Đ", "ệ",
                                          "ữ", "ơ", "ư", "Á", "ỳ", "x", "Z", "0", "#", "ộ" };
    size_t n = 1 + rnd((uint32_t)max), o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        memcpy(buf + o, p, l);
        o += l;
    }
    buf[o] = '\0';
    return buf;
}

static const char *rdigits(char *buf, size_t min, size_t max)
{
    size_t n = min + rnd((uint32_t)(max - min + 1));
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)('0' + rnd(10));
    buf[n] = '\0';
    return buf;
}

static const char *ralnum(char *buf, size_t max)
{
    static const char set[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    size_t n = 1 + rnd((uint32_t)max);
    for (size_t i = 0; i < n; i++)
        buf[i] = set[rnd(sizeof set - 1)];
    buf[n] = '\0';
    return buf;
}

static const char *rprintable(char *buf, size_t max)
{
    size_t n = 1 + rnd((uint32_t)max);
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(0x20 + rnd(95));
    buf[n] = '\0';
    return buf;
}

START_TEST(every_build_is_valid_by_default)
{
    g_rng = UINT64_C(0x9E3779B97F4A7C15);
    static const char *const banks[] = { "970436",      "Vietcombank", "BIDV",   "970415", "MB",
                                         "Techcombank", "970454",      "123456", "TPBank" };
    static const unsigned currencies[] = { 704, 704, 704, 840, 392, 410, 764, 978, 48 };
    static const char *const countries[] = { NULL, "VN", "VN", "US", "JP", "TH" };
    size_t built = 0, services[5] = { 0 }, dynamic = 0, optional[9] = { 0 };
    size_t too_long = 0;
    char acct[32], mcc[8], t[9][128];
    for (int k = 0; built < 12000; k++) {
        ck_assert_int_lt(k, 20000);
        vqr_vietqr in;
        vqr_vietqr_init(&in, sizeof in, NULL);
        unsigned flags = rnd(4) == 0 ? VQR_VIETQR_ALNUM_ACCOUNT : 0;
        in.bank = banks[rnd(sizeof banks / sizeof banks[0])];
        in.service = (vqr_service)(1 + rnd(4));
        switch (in.service) {
        case VQR_SERVICE_ACCOUNT:
            in.account = flags ? ralnum(acct, 19) : rdigits(acct, 1, 19);
            break;
        case VQR_SERVICE_CARD:
            in.account = rdigits(acct, 16, 19);
            break;
        default:
            in.account = rprintable(acct, 19);
            break;
        }
        in.currency = currencies[rnd(sizeof currencies / sizeof currencies[0])];
        const char *country = countries[rnd(sizeof countries / sizeof countries[0])];
        if (country)
            in.country = country;
        if (rnd(2))
            in.amount = 1 + (uint64_t)rnd(1000000000u) * (1 + rnd(1000));
        const char **text[8] = { &in.merchant_name, &in.merchant_city, &in.bill_number, &in.store,
                                 &in.reference,     &in.terminal,      &in.purpose,     &in.mcc };
        static const size_t max[8] = { 25, 15, 25, 25, 25, 25, 25, 4 };
        for (int f = 0; f < 8; f++) {
            if (in.service == VQR_SERVICE_CASH && (f == 4 || f == 5)) {
                *text[f] = rtext(t[f], 8); /* QRCASH needs 62.05 and 62.07 */
                continue;
            }
            if (rnd(3) == 0)
                continue;
            *text[f] = f == 7 ? rdigits(mcc, 4, 4) : rtext(t[f], max[f]);
        }
        vqr_payload p;
        vqr_vietqr_report rep;
        vqr_error e;
        VQR_INIT(&rep);
        VQR_INIT(&e);
        vqr_status st = vqr_vietqr_build(&in, flags, &p, &rep, &e);
        if (st == VQR_ERR_TEMPLATE_TOO_LONG || (st == VQR_ERR_LENGTH && !strcmp(e.tag, "54"))) {
            too_long++; /* 62 over 99 characters, an amount over 13 characters */
            continue;
        }
        ck_assert_msg(st == VQR_OK, "build %d: %s at %s", k, e.name, e.tag);
        char out[VQR_PAYLOAD_BUF_SIZE];
        size_t len;
        ck_assert_int_eq(vqr_payload_write(&p, VQR_WRITE_CANONICAL, out, sizeof out, &len, &e),
                         VQR_OK);
        vqr_payload q;
        st = vqr_payload_parse(&q, out, len, VQR_PARSE_DEFAULT, &e);
        ck_assert_msg(st == VQR_OK, "build %d: %s is %s at %s", k, out, e.name, e.tag);
        ck_assert_uint_eq(vqr_payload_diag_count(&q), 0);
        ck_assert_int_eq(vqr_payload_profile(&q), VQR_PROFILE_VIETQR);
        ck_assert_int_eq(vqr_payload_parse(&q, out, len, VQR_PARSE_VIETQR, NULL), VQR_OK);
        built++;
        services[in.service]++;
        dynamic += in.amount != 0;
        for (int f = 0; f < 8; f++)
            optional[f] += *text[f] != NULL;
        optional[8] += in.country != NULL && strcmp(in.country, "VN") != 0;
    }
    /* Every service, both kinds, every optional field, many times. */
    for (int s = 1; s <= 4; s++)
        ck_assert_uint_gt(services[s], 1000);
    ck_assert_uint_gt(dynamic, 3000);
    ck_assert_uint_gt(built - dynamic, 3000);
    for (int f = 0; f < 9; f++)
        ck_assert_uint_gt(optional[f], 1000);
    ck_assert_uint_lt(too_long, built / 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("profile");
    TCase *tc = tcase_create("profile");
    tcase_add_test(tc, default_is_vietqr_for_napas_and_emvco_otherwise);
    tcase_add_test(tc, flags_and_names);
    tcase_add_test(tc, napas_bin);
    tcase_add_test(tc, napas_account);
    tcase_add_test(tc, napas_card);
    tcase_add_test(tc, napas_service);
    tcase_add_test(tc, napas_root_objects);
    tcase_add_test(tc, every_build_is_valid_by_default);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
