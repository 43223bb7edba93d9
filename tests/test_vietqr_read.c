/*
 * test_vietqr_read.c - the VietQR view: every vietqr and VNPAY-QR vector of
 * the shared corpus read to its fields, the other Vietnamese payloads, the
 * payloads that are not VietQRs, and build -> write -> parse -> read round
 * trips.
 */
#include "vietqr_util.h"

static const vqr_bank *bank_at(size_t i)
{
    const vqr_bank *b;
    (void)vqr_bank_at(i, &b, NULL);
    return b;
}

/* What a vector must read as. NULL strings are "" (absent). */
typedef struct read_case {
    int vec;
    vqr_status parse; /* lenient parse status */
    vqr_status read;
    vqr_network network;
    int mai_id;
    const char *guid, *bin, *bank, *account;
    vqr_service service;
    const char *code;
    int poi; /* 11, 12 or 0 */
    const char *amount;
    uint64_t minor;
    const char *mcc, *name, *city, *bill, *store, *reference, *terminal, *purpose;
} read_case;

#define NAPAS VQR_NETWORK_NAPAS, 38, "A000000727"
#define VNPAY VQR_NETWORK_VNPAY, 26, "A000000775"
#define TA VQR_SERVICE_ACCOUNT, "QRIBFTTA"
#define TC VQR_SERVICE_CARD, "QRIBFTTC"
#define NOSVC VQR_SERVICE_NONE, NULL
#define OK VQR_OK, VQR_OK

static const read_case k_read[] = {
    /* NAPAS §6.1.1 as printed: 38.01 does not frame (13 digits behind "0112"). */
    { 10, VQR_OK, VQR_ERR_TEMPLATE_MALFORMED, NAPAS, NULL, NULL, NULL, TA, 11, NULL, 0, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL },
    { 11, OK, NAPAS, "970403", "Sacombank", "9704031101234567", TC, 11, NULL, 0, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL },
    { 12, OK, NAPAS, "970403", "Sacombank", "0011012345678", TA, 12, "180000", 180000, NULL, NULL,
      NULL, "NPS6869", NULL, NULL, NULL, "thanh toan don hang" },
    /* §6.1.4 as printed: wrong CRC, the fields still read. */
    { 13, VQR_ERR_CRC_MISMATCH, VQR_OK, NAPAS, "970403", "Sacombank", "9704031101234567", TC, 11,
      NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
    { 14, OK, NAPAS, "970403", "Sacombank", "9704031101234567", TC, 12, "180000", 180000, NULL,
      NULL, NULL, "NPS6869", NULL, NULL, NULL, "thanh toan don hang" },
    { 15, OK, NAPAS, "970403", "Sacombank", "0011012345678", TA, 11, NULL, 0, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL },
    { 16, OK, NAPAS, "970416", "ACB", "257678859", TA, 11, NULL, 0, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL },
    { 17, OK, NAPAS, "970416", "ACB", "257678859", TA, 12, "10000", 10000, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, "Chuyen tien" },
    { 18, OK, NAPAS, "970416", "ACB", "257678859", TA, 12, "1000", 1000, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, "Chuyen tien" },
    { 19, OK, NAPAS, "970407", "Techcombank", "19030413601018", TA, 11, NULL, 0, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL },
    { 20, OK, NAPAS, "970422", "MB Bank", "0352350917", TA, 11, NULL, 0, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL },
    { 21, OK, NAPAS, "970454", "BVBank", "99ZP24009M07248267", TA, 11, NULL, 0, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL },
    /* EVN bill: tag 26 with the GUID "00". */
    { 22,
      OK,
      VQR_NETWORK_OTHER,
      26,
      "00",
      NULL,
      NULL,
      "0100101114-019",
      NOSVC,
      11,
      NULL,
      0,
      "4900",
      "EVN CONG TY DIEN LUC THANH XUAN",
      "Ha Noi",
      NULL,
      "00",
      NULL,
      "00",
      "TT tien dien" },
    /* ShopeePay: tag 26, reverse-domain GUID. */
    { 23,
      OK,
      VQR_NETWORK_OTHER,
      26,
      "vn.airpay.www",
      NULL,
      NULL,
      "00000201010100064185noC4efDjGKq0or5GbeBz",
      NOSVC,
      11,
      NULL,
      0,
      "5812",
      "RESTAURANT",
      "HOCHIMINH",
      NULL,
      NULL,
      NULL,
      NULL,
      NULL },
    { 24, OK, VNPAY, NULL, NULL, "0108799042", NOSVC, 11, NULL, 0, "5977", "MYPHAMHER", "HANOI",
      NULL, "MY PHAM HER", NULL, "MPHER01", NULL },
    { 25, VQR_ERR_CRC_MISMATCH, VQR_OK, VNPAY, NULL, NULL, "0108799042", NOSVC, 11, NULL, 0, "5977",
      "MYPHAMHER", "HANOI", NULL, "MY PHAM HER", NULL, "MPHER01", NULL },
    { 27, OK, VNPAY, NULL, NULL, "0102154778", NOSVC, 11, NULL, 0, NULL, "TUGIACOMPANY", NULL, NULL,
      "TU GIA COMPUTER", NULL, "TUGIACO1", NULL },
    { 28, OK, NAPAS, "970423", "TPBank", "0099999999", TA, 11, NULL, 0, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL },
    { 29, OK, NAPAS, "970422", "MB Bank", "0023457923442ASDFLJ", TA, 12, "40123", 40123, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, "chuyen khoan alsdkf laksj" },
    { 30, OK, NAPAS, "970422", "MB Bank", "0023457923442", TA, 12, "40123", 40123, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, "test text string" },
    { 31, OK, NAPAS, "970436", "Vietcombank", "1031933430", TA, 11, NULL, 0, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, "Thanh toan hoa don" },
    { 32, OK, NAPAS, "970436", "Vietcombank", "9704368625581601018", TC, 11, "2000000", 2000000,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
    { 33, OK, NAPAS, "970436", "Vietcombank", "1031933430", TA, 11, "2000000", 2000000, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, "Hello VietNam" },
    { 34, VQR_ERR_CRC_MISMATCH, VQR_OK, NAPAS, "970415", "VietinBank", "113366668888", TA, 12,
      "6000", 6000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "tienxle" },
    { 35, OK, NAPAS, "970415", "VietinBank", "113366668888", TA, 11, "70001", 70001, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL },
    { 36, OK, VNPAY, NULL, NULL, "0106415999", NOSVC, 11, NULL, 0, "8299", "123VIETNAMESE", "HANOI",
      NULL, "G7AUTO03 SAPO", NULL, "G7AUTO04", NULL },
    /* vietqr-ts: the service code sits inside 38.01, so 38.02 is absent. */
    { 37, OK, NAPAS, "970422", "MB Bank", "0123456789020", NOSVC, 12, "50000", 50000, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, "Test Payment" },
    /* ... and lengths counted in bytes (a lenient parse reads it). */
    { 38, OK, NAPAS, "970422", "MB Bank", "0123456789020", NOSVC, 12, "10000", 10000, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, "Thanh to\303\241n h\303\263a \304\221\306\241n" },
    /* Truncated inside 38: nothing of a VietQR was read. */
    { 39,
      VQR_ERR_TRUNCATED,
      VQR_ERR_NOT_VIETQR,
      VQR_NETWORK_NONE,
      0,
      NULL,
      NULL,
      NULL,
      NULL,
      NOSVC,
      11,
      NULL,
      0,
      NULL,
      NULL,
      NULL,
      NULL,
      NULL,
      NULL,
      NULL,
      NULL },
    /* No CRC at all: the fields still read. */
    { 40, VQR_ERR_CRC_MISSING, VQR_OK, NAPAS, "970422", "MB Bank", "0123456789020", NOSVC, 11, NULL,
      0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
    { 81, OK, NAPAS, "970422", "MB Bank", "660704060000129", TA, 12, "100", 100, "0000",
      "company_1_data", "Vietnam", NULL, NULL, NULL, NULL, "INVTEST0001" },
    { 82, OK, NAPAS, "970422", "MB Bank", "660704060000129", TA, 12, "100", 100, "0000",
      "aAeEoOiIuUyYdD", "Vietnam", NULL, NULL, NULL, NULL, "INVTEST0002" },
    { 83, OK, NAPAS, "970422", "MB Bank", "660704060000129", TA, 12, "100", 100, "0000",
      "aAeEoOiIuUyY\xC4\x91\xC4\x90", "Vietnam", "INV/TEST/0002", NULL, NULL, NULL, NULL },
};

static const char *nz(const char *s)
{
    return s ? s : "";
}

START_TEST(reads_vector)
{
    const read_case *c = &k_read[_i];
    const char *pl = vector(c->vec);
    vqr_payload p;
    vqr_status ps = vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
    ck_assert_msg(ps == c->parse, "vector %d: parse %s", c->vec, vqr_status_name(ps));
    vqr_vietqr_info v;
    VQR_INIT(&v);
    vqr_error e;
    VQR_INIT(&e);
    memset(&v, 0xFF, sizeof v);
    v.size = sizeof v;
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    vqr_status rs = vqr_vietqr_read(&p, &v, &e);
    ck_assert_msg(rs == c->read, "vector %d: read %s", c->vec, vqr_status_name(rs));
    ck_assert_int_eq(e.code, c->read);
    ck_assert_int_eq(v.network, c->network);
    ck_assert_int_eq(v.mai_id, c->mai_id);
    ck_assert_str_eq(v.guid, nz(c->guid));
    ck_assert_str_eq(v.bin, nz(c->bin));
    ck_assert_str_eq(v.bank_short_name, nz(c->bank));
    ck_assert_int_eq(v.bank_known, c->bank != NULL);
    ck_assert_int_eq(v.bank_name[0] != '\0', c->bank != NULL);
    ck_assert_str_eq(v.account, nz(c->account));
    ck_assert_int_eq(v.service, c->service);
    ck_assert_str_eq(v.service_code, nz(c->code));
    ck_assert_int_eq(v.is_static, c->poi == 11);
    ck_assert_int_eq(v.is_dynamic, c->poi == 12);
    ck_assert_str_eq(v.amount, nz(c->amount));
    ck_assert(v.amount_minor == c->minor);
    ck_assert_int_eq(v.amount_status, VQR_OK);
    ck_assert_uint_eq(v.currency, c->vec == 39 ? 0 : 704);
    ck_assert_str_eq(v.currency_alpha, c->vec == 39 ? "" : "VND");
    ck_assert_str_eq(v.country, c->vec == 39 ? "" : "VN");
    ck_assert_str_eq(v.mcc, nz(c->mcc));
    ck_assert_str_eq(v.merchant_name, nz(c->name));
    ck_assert_str_eq(v.merchant_city, nz(c->city));
    ck_assert_str_eq(v.bill_number, nz(c->bill));
    ck_assert_str_eq(v.store, nz(c->store));
    ck_assert_str_eq(v.reference, nz(c->reference));
    ck_assert_str_eq(v.terminal, nz(c->terminal));
    ck_assert_str_eq(v.purpose, nz(c->purpose));
    if (c->read == VQR_ERR_TEMPLATE_MALFORMED)
        ck_assert_str_eq(e.tag, "38.01");
}
END_TEST

/* Every vietqr and VNPAY-QR vector of the corpus has a row above. */
START_TEST(every_vietqr_vector_is_covered)
{
    load_vectors();
    size_t covered = 0;
    for (size_t i = 0; i < json_array_size(g_vectors); i++) {
        bool mine = strcmp(vector_field((int)i, "kind"), "vietqr") == 0 ||
                    strcmp(vector_field((int)i, "scheme"), "vnpay-qr") == 0;
        if (!mine)
            continue;
        bool found = false;
        for (size_t k = 0; k < sizeof k_read / sizeof k_read[0]; k++)
            found |= k_read[k].vec == (int)i;
        ck_assert_msg(found, "vector %zu has no row", i);
        covered++;
    }
    ck_assert_uint_eq(covered, 31);
}
END_TEST

/* The bank names of the directory, with their diacritics. */
START_TEST(bank_names_from_directory)
{
    vqr_payload p;
    const char *pl = vector(16);
    ck_assert_int_eq(vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL), VQR_OK);
    vqr_vietqr_info v;
    VQR_INIT(&v);
    ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_OK);
    ck_assert_str_eq(v.bank_name, "Ng\xC3\xA2n h\xC3\xA0ng TMCP \xC3\x81 Ch\xC3\xA2u");
    ck_assert_str_eq(v.bank_swift, "ASCBVNVX");
    /* Every bank of the directory fits the view and reads back from a built VietQR. */
    for (size_t i = 0; i < vqr_bank_count(); i++) {
        const vqr_bank *b = bank_at(i);
        vqr_vietqr in;
        vqr_vietqr_init(&in, sizeof in, NULL);
        in.bank = b->bin;
        in.account = "0123456789";
        ck_assert_int_eq(vqr_vietqr_build(&in, 0, &p, NULL, NULL), VQR_OK);
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_vietqr_read(&p, &v, &e), VQR_OK);
        ck_assert_int_eq(e.code, VQR_OK);
        ck_assert(v.bank_known);
        ck_assert_str_eq(v.bin, b->bin);
        ck_assert_str_eq(v.bank_short_name, b->short_name);
        ck_assert_str_eq(v.bank_name, b->name);
        ck_assert_str_eq(v.bank_swift, b->swift ? b->swift : "");
    }
}
END_TEST

/* Payloads that are not VietQRs: clear status, network NONE. */
START_TEST(not_a_vietqr)
{
    static const int k[] = { 0, 26, 41, 50, 57, 63, 72 }; /* EMVCo, VNPay wallet, PromptPay, Pix,
                                                              SGQR, QRIS, DuitNow */
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        const char *pl = vector(k[i]);
        vqr_payload p;
        vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
        vqr_vietqr_info v;
        VQR_INIT(&v);
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_vietqr_read(&p, &v, &e), VQR_ERR_NOT_VIETQR);
        ck_assert_int_eq(e.code, VQR_ERR_NOT_VIETQR);
        ck_assert_str_eq(e.tag, "");
        ck_assert_str_eq(e.name, "VQR_ERR_NOT_VIETQR");
        ck_assert_int_eq(v.network, VQR_NETWORK_NONE);
        ck_assert_str_eq(v.account, "");
    }
    /* An empty payload; bad arguments. */
    vqr_payload p;
    vqr_payload_init(&p);
    vqr_vietqr_info v;
    VQR_INIT(&v);
    ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_ERR_NOT_VIETQR);
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_vietqr_read(NULL, &v, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_vietqr_read(&p, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* NAPAS GUID without a BIN or an account; unreadable amounts. */
START_TEST(incomplete_napas)
{
    static const struct {
        const char *body;
        vqr_status st;
        const char *tag;
    } k[] = {
        { "00020101021138200010A00000072702"
          "02XY53037045802VN",
          VQR_ERR_MISSING, "38.01" },
        { "00020101021138300010A000000727"
          "01120108012345675303704"
          "5802VN",
          VQR_ERR_MISSING, "38.01.00" },
        { "00020101021138280010A000000727"
          "0110000697040353037045802VN",
          VQR_ERR_MISSING, "38.01.01" },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        const char *pl = with_crc(k[i].body);
        vqr_payload p;
        vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
        vqr_vietqr_info v;
        VQR_INIT(&v);
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_int_eq(vqr_vietqr_read(&p, &v, &e), k[i].st);
        ck_assert_str_eq(e.tag, k[i].tag);
        ck_assert_int_eq(v.network, VQR_NETWORK_NAPAS);
        ck_assert_str_eq(v.guid, "A000000727");
    }
    /* An unknown service code; an unknown BIN; amounts the currency cannot hold. */
    const char *pl = with_crc("00020101021238520010A000000727012400061234560110012345678902"
                              "06QRXYZW5303704540750000.55802VN");
    vqr_payload p;
    vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
    vqr_vietqr_info v;
    VQR_INIT(&v);
    ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_OK);
    ck_assert_int_eq(v.service, VQR_SERVICE_OTHER);
    ck_assert_str_eq(v.service_code, "QRXYZW");
    ck_assert_str_eq(v.bin, "123456");
    ck_assert(!v.bank_known);
    ck_assert_str_eq(v.bank_short_name, "");
    ck_assert_str_eq(v.amount, "50000.5");
    ck_assert(v.amount_minor == 0);
    ck_assert_int_eq(v.amount_status, VQR_ERR_AMOUNT_DECIMALS);
    pl = with_crc("00020101021238520010A000000727012400069704360110012345678902"
                  "06QRPUSH540450.05802VN");
    vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
    ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_OK);
    ck_assert_int_eq(v.service, VQR_SERVICE_MERCHANT);
    ck_assert_str_eq(v.amount, "50.0");
    /* No 53: NAPAS reads VND unless stated, which has no decimals. */
    ck_assert_uint_eq(v.currency, 704);
    ck_assert_str_eq(v.currency_alpha, "VND");
    ck_assert_int_eq(v.amount_status, VQR_ERR_AMOUNT_DECIMALS);
    pl = with_crc("00020101021238520010A000000727012400069704360110012345678902"
                  "06QRPUSH540450005802VN");
    vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
    ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_OK);
    ck_assert_int_eq(v.amount_status, VQR_OK);
    ck_assert(v.amount_minor == 5000);
    /* Outside NAPAS an absent 53 stays unknown. */
    pl = with_crc("0002010102112628"
                  "0010A000000775"
                  "01100108799042"
                  "54045000"
                  "52045977"
                  "5802VN5909MYPHAMHER6005HANOI");
    vqr_payload_parse(&p, pl, strlen(pl), VQR_PARSE_LENIENT, NULL);
    ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_OK);
    ck_assert_int_eq(v.network, VQR_NETWORK_VNPAY);
    ck_assert_int_eq(v.amount_status, VQR_ERR_CURRENCY);
    ck_assert_uint_eq(v.currency, 0);
}
END_TEST

/* Build -> write -> parse (strict when complete) -> read gives the input back. */
START_TEST(round_trips)
{
    static const struct {
        const char *bank;
        vqr_service svc;
        const char *acct;
        uint64_t amount;
        unsigned cur;
        const char *mcc, *name, *city, *bill, *store, *ref, *term, *purpose, *bin;
    } k[] = {
        { "VCB", VQR_SERVICE_ACCOUNT, "0011001234567", 0, 704, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, NULL, "970436" },
        { "Techcombank", VQR_SERVICE_ACCOUNT, "19030413601018", 2500000, 704, "8211",
          "TRUONG THCS NGUYEN DU", "HA NOI", "HP-2024-09-0187", NULL, "HS0187", NULL,
          "Hoc phi thang 9 HS0187", "970407" },
        { "970403", VQR_SERVICE_CARD, "9704031101234567", 180000, 704, NULL, NULL, NULL, "NPS6869",
          NULL, NULL, NULL, "thanh toan don hang", "970403" },
        { "BIDV", VQR_SERVICE_MERCHANT, "MST0100150619", 99000, 704, "8062", "BV BACH MAI",
          "HA NOI", "VP123", "KHOA NOI", "REF-1", "QUAY 1", "Vien phi", "970418" },
        { "Agribank", VQR_SERVICE_CASH, "ATM000123", 500000, 704, "6011", NULL, NULL, NULL, NULL,
          "RUT-0001", "ATM-HN-01", NULL, "970405" },
        { "999999", VQR_SERVICE_ACCOUNT, "12345", 1250, 840, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, "Invoice 42", "999999" },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        vqr_vietqr in;
        vqr_vietqr_init(&in, sizeof in, NULL);
        in.bank = k[i].bank;
        in.service = k[i].svc;
        in.account = k[i].acct;
        in.amount = k[i].amount;
        in.currency = k[i].cur;
        in.mcc = k[i].mcc;
        in.merchant_name = k[i].name;
        in.merchant_city = k[i].city;
        in.bill_number = k[i].bill;
        in.store = k[i].store;
        in.reference = k[i].ref;
        in.terminal = k[i].term;
        in.purpose = k[i].purpose;
        char buf[VQR_PAYLOAD_BUF_SIZE];
        ck_assert_int_eq(build_str(&in, 0, buf, NULL, NULL), VQR_OK);
        bool complete = k[i].mcc && k[i].name && k[i].city;
        vqr_payload p;
        vqr_error e;
        VQR_INIT(&e);
        ck_assert_int_eq(vqr_payload_parse(&p, buf, strlen(buf),
                                           complete ? VQR_PARSE_STRICT : VQR_PARSE_LENIENT, &e),
                         VQR_OK);
        ck_assert_uint_eq(vqr_payload_diag_count_severity(&p, VQR_SEVERITY_ERROR), 0);
        vqr_vietqr_info v;
        VQR_INIT(&v);
        ck_assert_int_eq(vqr_vietqr_read(&p, &v, NULL), VQR_OK);
        ck_assert_int_eq(v.network, VQR_NETWORK_NAPAS);
        ck_assert_str_eq(v.bin, k[i].bin);
        ck_assert_str_eq(v.account, k[i].acct);
        ck_assert_int_eq(v.service, k[i].svc);
        ck_assert(v.amount_minor == k[i].amount);
        ck_assert_int_eq(v.is_dynamic, k[i].amount != 0);
        ck_assert_int_eq(v.is_static, k[i].amount == 0);
        ck_assert_uint_eq(v.currency, k[i].cur);
        ck_assert_str_eq(v.mcc, nz(k[i].mcc));
        ck_assert_str_eq(v.merchant_name, nz(k[i].name));
        ck_assert_str_eq(v.merchant_city, nz(k[i].city));
        ck_assert_str_eq(v.bill_number, nz(k[i].bill));
        ck_assert_str_eq(v.store, nz(k[i].store));
        ck_assert_str_eq(v.reference, nz(k[i].ref));
        ck_assert_str_eq(v.terminal, nz(k[i].term));
        ck_assert_str_eq(v.purpose, nz(k[i].purpose));
        /* The built payload reads the same without writing it first. */
        vqr_payload b;
        ck_assert_int_eq(vqr_vietqr_build(&in, 0, &b, NULL, NULL), VQR_OK);
        vqr_vietqr_info w;
        VQR_INIT(&w);
        memset(&w, 0x5A, sizeof w);
        w.size = sizeof w;
        ck_assert_int_eq(vqr_vietqr_read(&b, &w, NULL), VQR_OK);
        ck_assert_str_eq(w.purpose, v.purpose);
        ck_assert_str_eq(w.account, v.account);
        ck_assert_str_eq(w.amount, v.amount);
        ck_assert_str_eq(w.bank_short_name, v.bank_short_name);
        /* And writing in read order reproduces the bytes. */
        char again[VQR_PAYLOAD_BUF_SIZE];
        size_t n;
        ck_assert_int_eq(vqr_payload_write(&p, VQR_WRITE_KEEP_ORDER, again, sizeof again, &n, NULL),
                         VQR_OK);
        ck_assert_str_eq(again, buf);
    }
}
END_TEST

/* The canonical builder gives the same VietQR as the out-of-order vectors 31-33. */
START_TEST(out_of_order_vectors_read_alike)
{
    vqr_vietqr in;
    vqr_vietqr_init(&in, sizeof in, NULL);
    in.bank = "Vietcombank";
    in.account = "1031933430";
    in.purpose = "Thanh toan hoa don";
    char buf[VQR_PAYLOAD_BUF_SIZE];
    ck_assert_int_eq(build_str(&in, 0, buf, NULL, NULL), VQR_OK);
    ck_assert_str_ne(buf, vector(31));
    vqr_payload a, b;
    const char *v31 = vector(31);
    ck_assert_int_eq(vqr_payload_parse(&a, buf, strlen(buf), VQR_PARSE_LENIENT, NULL), VQR_OK);
    ck_assert_int_eq(vqr_payload_parse(&b, v31, strlen(v31), VQR_PARSE_LENIENT, NULL), VQR_OK);
    vqr_vietqr_info x, y;
    VQR_INIT(&x);
    VQR_INIT(&y);
    ck_assert_int_eq(vqr_vietqr_read(&a, &x, NULL), VQR_OK);
    ck_assert_int_eq(vqr_vietqr_read(&b, &y, NULL), VQR_OK);
    ck_assert_int_eq(memcmp(&x, &y, sizeof x), 0);
    /* Vector 31 written canonically is exactly what the builder made. */
    char canon[VQR_PAYLOAD_BUF_SIZE];
    size_t n;
    ck_assert_int_eq(vqr_payload_write(&b, VQR_WRITE_CANONICAL, canon, sizeof canon, &n, NULL),
                     VQR_OK);
    ck_assert_str_eq(canon, buf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vietqr_read");
    TCase *tc = tcase_create("read");
    tcase_add_loop_test(tc, reads_vector, 0, (int)(sizeof k_read / sizeof k_read[0]));
    tcase_add_test(tc, every_vietqr_vector_is_covered);
    tcase_add_test(tc, bank_names_from_directory);
    tcase_add_test(tc, not_a_vietqr);
    tcase_add_test(tc, incomplete_napas);
    tcase_add_test(tc, round_trips);
    tcase_add_test(tc, out_of_order_vectors_read_alike);
    suite_add_tcase(s, tc);
    return run_vietqr_suite(s);
}
