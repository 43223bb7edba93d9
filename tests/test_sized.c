/*
 * test_sized.c - structs that grow by their `size` (vietqr.h, "Structs that
 * grow"). A caller built against an older header ("0.1-sized": a prefix of
 * today's struct) and one built against a newer header ("future": today's
 * struct with a tail) both work: inputs take defaults for what they lack and
 * must have a zero tail; outputs are filled only as far as their size, and a
 * tail is zeroed. A size of 0, below sizeof(size_t) or above
 * VQR_STRUCT_SIZE_MAX fails before any other byte is touched.
 *
 * Only the public header: this is what a program linked against the shared
 * library sees.
 */
#include <vietqr.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define GUARD 0xA5
#define NAPAS_6_1_3                                                                               \
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005" \
    "802VN62340107NPS68690819thanh toan don hang63042E2E"

static bool all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return false;
    return true;
}

static void parse_ok(vqr_payload *p)
{
    ck_assert_int_eq(
        vqr_payload_parse(p, NAPAS_6_1_3, strlen(NAPAS_6_1_3), VQR_PARSE_LENIENT, NULL), VQR_OK);
}

/* ---- vqr_error --------------------------------------------------------- */

/* vqr_error as far as `related_offset` (a header older than `limit`). */
typedef struct small_error {
    size_t size;
    vqr_status code;
    vqr_severity severity;
    size_t offset;
    size_t char_offset;
    size_t related_offset;
} small_error;

START_TEST(error_smaller_and_larger)
{
    vqr_payload p;
    struct {
        small_error e;
        unsigned char guard[64];
    } small;
    memset(&small, GUARD, sizeof small);
    small.e.size = sizeof small.e;
    /* 00 not first: VQR_ERR_PFI_NOT_FIRST at 0 */
    ck_assert_int_eq(vqr_payload_parse(&p, "0102110002016304ABCD", 20, 0, (vqr_error *)&small.e),
                     VQR_ERR_PFI_NOT_FIRST);
    ck_assert_int_eq(small.e.code, VQR_ERR_PFI_NOT_FIRST);
    ck_assert_uint_eq(small.e.offset, 0);
    ck_assert_uint_eq(small.e.size, sizeof small.e);
    ck_assert(all_bytes(small.guard, sizeof small.guard, GUARD));

    /* A newer header's vqr_error: its tail is zeroed, ours filled. */
    struct {
        vqr_error e;
        unsigned char tail[40];
    } big;
    memset(&big, GUARD, sizeof big);
    big.e.size = sizeof big;
    ck_assert_int_eq(vqr_payload_parse(&p, "0102110002016304ABCD", 20, 0, &big.e),
                     VQR_ERR_PFI_NOT_FIRST);
    ck_assert_int_eq(big.e.code, VQR_ERR_PFI_NOT_FIRST);
    ck_assert_str_eq(big.e.name, "VQR_ERR_PFI_NOT_FIRST");
    ck_assert_str_eq(big.e.tag, "01");
    ck_assert_uint_eq(big.e.size, sizeof big);
    ck_assert(all_bytes(big.tail, sizeof big.tail, 0));
}
END_TEST

START_TEST(error_bad_size_fails_the_call)
{
    vqr_payload p;
    vqr_error e;
    static const size_t bad[] = { 0, 1, sizeof(size_t) - 1, VQR_STRUCT_SIZE_MAX + 1, SIZE_MAX };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&e, GUARD, sizeof e);
        e.size = bad[i];
        ck_assert_int_eq(
            vqr_payload_parse(&p, NAPAS_6_1_3, strlen(NAPAS_6_1_3), VQR_PARSE_LENIENT, &e),
            VQR_ERR_INVALID_ARGUMENT);
        /* nothing past the size was written */
        ck_assert(
            all_bytes((unsigned char *)&e + sizeof(size_t), sizeof e - sizeof(size_t), GUARD));
        ck_assert_int_eq(vqr_crc_check("x", 1, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(vqr_text_nfc("a", 1, NULL, 0, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    }
    /* the smallest size there is: only the size itself */
    e.size = sizeof(size_t);
    ck_assert_int_eq(vqr_payload_parse(&p, NAPAS_6_1_3, strlen(NAPAS_6_1_3), VQR_PARSE_LENIENT, &e),
                     VQR_OK);
    ck_assert_uint_eq(e.size, sizeof(size_t));
}
END_TEST

START_TEST(vqr_init_sets_up)
{
    vqr_error e;
    memset(&e, GUARD, sizeof e);
    ck_assert_int_eq(VQR_INIT(&e), VQR_OK);
    ck_assert_uint_eq(e.size, sizeof e);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_ptr_null(e.name);
    ck_assert_int_eq(vqr_init(NULL, sizeof e, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_error why;
    VQR_INIT(&why);
    ck_assert_int_eq(vqr_init(&e, 0, &why), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(why.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(why.limit, VQR_STRUCT_SIZE_MAX);
    ck_assert_int_eq(vqr_init(&e, VQR_STRUCT_SIZE_MAX + 1, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(e.size, sizeof e); /* untouched */
}
END_TEST

/* ---- vqr_object ---------------------------------------------------------- */

typedef struct small_object { /* as far as `raw` */
    size_t size;
    int id;
    int depth;
    bool is_template;
    bool raw;
} small_object;

START_TEST(object_smaller_and_larger)
{
    vqr_payload p;
    parse_ok(&p);
    vqr_handle h = vqr_payload_first(&p, VQR_ROOT);
    h = vqr_payload_next(&p, h); /* 01 */
    h = vqr_payload_next(&p, h); /* 38 */
    struct {
        small_object o;
        unsigned char guard[64];
    } small;
    memset(&small, GUARD, sizeof small);
    small.o.size = sizeof small.o;
    ck_assert_int_eq(vqr_payload_object(&p, h, (vqr_object *)&small.o, NULL), VQR_OK);
    ck_assert_int_eq(small.o.id, 38);
    ck_assert_int_eq(small.o.depth, 0);
    ck_assert(small.o.is_template);
    ck_assert(all_bytes(small.guard, sizeof small.guard, GUARD));

    struct {
        vqr_object o;
        unsigned char tail[24];
    } big;
    memset(&big, GUARD, sizeof big);
    big.o.size = sizeof big;
    ck_assert_int_eq(vqr_payload_object(&p, h, &big.o, NULL), VQR_OK);
    ck_assert_str_eq(big.o.tag, "38");
    ck_assert_uint_eq(big.o.offset, 12);
    ck_assert(all_bytes(big.tail, sizeof big.tail, 0));

    vqr_object o;
    memset(&o, 0, sizeof o);
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_payload_object(&p, h, &o, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- vqr_vietqr_info ----------------------------------------------------- */

typedef struct small_info { /* as far as `bin` */
    size_t size;
    vqr_network network;
    int mai_id;
    char guid[VQR_VALUE_BUF_SIZE];
    char bin[VQR_VALUE_BUF_SIZE];
} small_info;

START_TEST(info_smaller_and_larger)
{
    vqr_payload p;
    parse_ok(&p);
    struct {
        small_info i;
        unsigned char guard[64];
    } small;
    memset(&small, GUARD, sizeof small);
    small.i.size = sizeof small.i;
    ck_assert_int_eq(vqr_vietqr_read(&p, (vqr_vietqr_info *)&small.i, NULL), VQR_OK);
    ck_assert_int_eq(small.i.network, VQR_NETWORK_NAPAS);
    ck_assert_str_eq(small.i.bin, "970403");
    ck_assert(all_bytes(small.guard, sizeof small.guard, GUARD));

    struct {
        vqr_vietqr_info i;
        unsigned char tail[24];
    } *big = malloc(sizeof *big);
    ck_assert_ptr_nonnull(big);
    memset(big, GUARD, sizeof *big);
    big->i.size = sizeof *big;
    ck_assert_int_eq(vqr_vietqr_read(&p, &big->i, NULL), VQR_OK);
    ck_assert_str_eq(big->i.purpose, "thanh toan don hang");
    ck_assert_uint_eq(big->i.amount_minor, 180000);
    ck_assert(all_bytes(big->tail, sizeof big->tail, 0));
    big->i.size = 0;
    ck_assert_int_eq(vqr_vietqr_read(&p, &big->i, NULL), VQR_ERR_INVALID_ARGUMENT);
    free(big);
}
END_TEST

/* ---- vqr_vietqr (in) and vqr_vietqr_report (out) ------------------------- */

typedef struct small_vietqr { /* as far as `amount`: no currency, country, ... */
    size_t size;
    const char *bank;
    vqr_service service;
    const char *account;
    uint64_t amount;
} small_vietqr;

typedef struct small_report { /* as far as `bank_known` */
    size_t size;
    char bin[7];
    bool bank_known;
} small_report;

START_TEST(vietqr_smaller_and_larger)
{
    char want[VQR_PAYLOAD_BUF_SIZE], got[VQR_PAYLOAD_BUF_SIZE];
    size_t n;
    vqr_vietqr full;
    ck_assert_int_eq(vqr_vietqr_init(&full, sizeof full, NULL), VQR_OK);
    full.bank = "970436";
    full.account = "0011001234567";
    full.amount = 150000;
    ck_assert_int_eq(vqr_vietqr_write(&full, 0, want, sizeof want, &n, NULL, NULL), VQR_OK);

    /* 0.1-sized input: the fields it lacks take their defaults (704, "VN"). */
    struct {
        small_vietqr in;
        unsigned char guard[64];
    } small;
    memset(&small, GUARD, sizeof small);
    ck_assert_int_eq(vqr_vietqr_init((vqr_vietqr *)&small.in, sizeof small.in, NULL), VQR_OK);
    ck_assert(all_bytes(small.guard, sizeof small.guard, GUARD));
    ck_assert_uint_eq(small.in.size, sizeof small.in);
    ck_assert_int_eq(small.in.service, VQR_SERVICE_ACCOUNT);
    small.in.bank = "970436";
    small.in.account = "0011001234567";
    small.in.amount = 150000;
    struct {
        small_report r;
        unsigned char guard[64];
    } srep;
    memset(&srep, GUARD, sizeof srep);
    srep.r.size = sizeof srep.r;
    ck_assert_int_eq(vqr_vietqr_write((vqr_vietqr *)&small.in, 0, got, sizeof got, &n,
                                      (vqr_vietqr_report *)&srep.r, NULL),
                     VQR_OK);
    ck_assert_str_eq(got, want);
    ck_assert_str_eq(srep.r.bin, "970436");
    ck_assert(srep.r.bank_known);
    ck_assert(all_bytes(srep.guard, sizeof srep.guard, GUARD));

    /* future input: a zero tail is fine, anything else is refused */
    struct {
        vqr_vietqr in;
        unsigned char tail[32];
    } big;
    memset(&big, GUARD, sizeof big);
    ck_assert_int_eq(vqr_vietqr_init(&big.in, sizeof big, NULL), VQR_OK);
    ck_assert(all_bytes(big.tail, sizeof big.tail, 0));
    big.in.bank = "970436";
    big.in.account = "0011001234567";
    big.in.amount = 150000;
    struct {
        vqr_vietqr_report r;
        unsigned char tail[16];
    } brep;
    memset(&brep, GUARD, sizeof brep);
    brep.r.size = sizeof brep;
    ck_assert_int_eq(vqr_vietqr_write(&big.in, 0, got, sizeof got, &n, &brep.r, NULL), VQR_OK);
    ck_assert_str_eq(got, want);
    ck_assert_str_eq(brep.r.bin, "970436");
    ck_assert(all_bytes(brep.tail, sizeof brep.tail, 0));
    big.tail[31] = 1;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_vietqr_write(&big.in, 0, got, sizeof got, &n, NULL, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);

    /* a report that was never set up */
    vqr_vietqr_report r;
    memset(&r, 0, sizeof r);
    ck_assert_int_eq(vqr_vietqr_write(&full, 0, got, sizeof got, &n, &r, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_vietqr_init(&full, 0, NULL), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- vqr_render_options (in) and vqr_print_size (out) -------------------- */

typedef struct small_options { /* as far as `dpi`: no title, no flags */
    size_t size;
    unsigned scale;
    unsigned quiet_zone;
    uint32_t foreground;
    uint32_t background;
    unsigned dpi;
} small_options;

typedef struct small_print_size { /* as far as `pixels` */
    size_t size;
    unsigned scale;
    unsigned pixels;
} small_print_size;

START_TEST(render_smaller_and_larger)
{
    vqr_qr *qr;
    ck_assert_int_eq(vqr_qr_encode(NAPAS_6_1_3, strlen(NAPAS_6_1_3), VQR_ECC_M, NULL, &qr, NULL),
                     VQR_OK);
    char *want, *got;
    size_t wlen, glen;
    vqr_render_options o;
    ck_assert_int_eq(vqr_render_options_init(&o, sizeof o, NULL), VQR_OK);
    o.scale = 2;
    ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &want, &wlen, NULL), VQR_OK);

    small_options s;
    ck_assert_int_eq(vqr_render_options_init((vqr_render_options *)&s, sizeof s, NULL), VQR_OK);
    ck_assert_uint_eq(s.dpi, 300);
    s.scale = 2;
    ck_assert_int_eq(vqr_render_svg(qr, (vqr_render_options *)&s, NULL, &got, &glen, NULL), VQR_OK);
    ck_assert_str_eq(got, want);
    vqr_free(got);

    struct {
        vqr_render_options o;
        unsigned char tail[32];
    } big;
    memset(&big, GUARD, sizeof big);
    ck_assert_int_eq(vqr_render_options_init(&big.o, sizeof big, NULL), VQR_OK);
    big.o.scale = 2;
    ck_assert_int_eq(vqr_render_svg(qr, &big.o, NULL, &got, &glen, NULL), VQR_OK);
    ck_assert_str_eq(got, want);
    vqr_free(got);
    big.tail[0] = 1;
    ck_assert_int_eq(vqr_render_svg(qr, &big.o, NULL, &got, &glen, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_free(want);

    struct {
        small_print_size ps;
        unsigned char guard[32];
    } sps;
    memset(&sps, GUARD, sizeof sps);
    sps.ps.size = sizeof sps.ps;
    ck_assert_int_eq(vqr_render_print_size(qr, 30.0, 300, 4, (vqr_print_size *)&sps.ps, NULL),
                     VQR_OK);
    vqr_print_size ps;
    VQR_INIT(&ps);
    ck_assert_int_eq(vqr_render_print_size(qr, 30.0, 300, 4, &ps, NULL), VQR_OK);
    ck_assert_uint_eq(sps.ps.scale, ps.scale);
    ck_assert_uint_eq(sps.ps.pixels, ps.pixels);
    ck_assert(all_bytes(sps.guard, sizeof sps.guard, GUARD));
    struct {
        vqr_print_size ps;
        unsigned char tail[16];
    } bps;
    memset(&bps, GUARD, sizeof bps);
    bps.ps.size = sizeof bps;
    ck_assert_int_eq(vqr_render_print_size(qr, 30.0, 300, 4, &bps.ps, NULL), VQR_OK);
    ck_assert(bps.ps.total_mm == ps.total_mm);
    ck_assert(all_bytes(bps.tail, sizeof bps.tail, 0));
    ps.size = 0;
    ck_assert_int_eq(vqr_render_print_size(qr, 30.0, 300, 4, &ps, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_qr_free(qr);
}
END_TEST

/* An unbounded size: the library used to scan the caller's memory past the
 * struct for zero bytes (AddressSanitizer: stack-buffer-overflow). Now any
 * size above VQR_STRUCT_SIZE_MAX is refused before a byte past `size` is
 * read, and sizes up to the bound are read only within the caller's own
 * struct here. */
START_TEST(unbounded_size_reads_nothing_past_the_struct)
{
    vqr_qr *qr;
    ck_assert_int_eq(vqr_qr_encode("A", 1, VQR_ECC_M, NULL, &qr, NULL), VQR_OK);
    vqr_render_options o;
    ck_assert_int_eq(vqr_render_options_init(&o, sizeof o, NULL), VQR_OK);
    static const size_t sizes[] = { VQR_STRUCT_SIZE_MAX + 1, (size_t)1 << 20, SIZE_MAX / 2,
                                    SIZE_MAX };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *svg = (char *)1;
        size_t len = 1;
        vqr_error e;
        VQR_INIT(&e);
        o.size = sizes[i];
        ck_assert_int_eq(vqr_render_svg(qr, &o, NULL, &svg, &len, &e), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
        ck_assert_ptr_null(svg);
        vqr_vietqr in;
        ck_assert_int_eq(vqr_vietqr_init(&in, sizeof in, NULL), VQR_OK);
        in.bank = "970436";
        in.account = "1";
        in.size = sizes[i];
        char buf[VQR_PAYLOAD_BUF_SIZE];
        ck_assert_int_eq(vqr_vietqr_write(&in, 0, buf, sizeof buf, &len, NULL, NULL),
                         VQR_ERR_INVALID_ARGUMENT);
    }
    vqr_qr_free(qr);
}
END_TEST

/* Every struct with a `size`, in and out: an unbounded size is refused
 * with VQR_ERR_INVALID_ARGUMENT before a byte past `size` is read or
 * written (under AddressSanitizer a read past the struct is an error), and
 * an output struct is left as it was. */
static const size_t unbounded[] = { VQR_STRUCT_SIZE_MAX + 1, (size_t)1 << 20, SIZE_MAX / 2,
                                    SIZE_MAX };

START_TEST(every_sized_struct_refuses_an_unbounded_size)
{
    vqr_payload p;
    parse_ok(&p);
    vqr_qr *qr;
    ck_assert_int_eq(vqr_qr_encode("A", 1, VQR_ECC_M, NULL, &qr, NULL), VQR_OK);
    vqr_recon *r;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    char ref[VQR_REF_BUF_SIZE];
    size_t ref_len;
    ck_assert_int_eq(vqr_ref_make("HS24", 1, ref, sizeof ref, &ref_len, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_issued(r, ref, ref_len, 1000, 0, NULL), VQR_OK);
    vqr_recon_tx tx;
    ck_assert_int_eq(vqr_recon_tx_init(&tx, sizeof tx, NULL), VQR_OK);
    tx.date = "2026-12-01";
    tx.date_len = 10;
    tx.amount = 1000;
    vqr_payee payee;
    ck_assert_int_eq(vqr_payee_init(&payee, sizeof payee, NULL), VQR_OK);
    payee.bin = "970403";
    payee.account = "0011012345678";
    vqr_verify_options vo;
    ck_assert_int_eq(vqr_verify_options_init(&vo, sizeof vo, NULL), VQR_OK);

    for (size_t i = 0; i < sizeof unbounded / sizeof unbounded[0]; i++) {
        size_t n = unbounded[i];
        vqr_error e;
        VQR_INIT(&e);

        /* vqr_error itself: the call fails and writes nothing into it. */
        vqr_error big;
        memset(&big, GUARD, sizeof big);
        big.size = n;
        vqr_view v;
        ck_assert_int_eq(vqr_payload_get(&p, "54", &v, &big), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_uint_eq(big.size, n);
        ck_assert(all_bytes((const unsigned char *)&big.code, sizeof big.code, GUARD));

        /* Outputs. */
        vqr_object o;
        VQR_INIT(&o);
        o.size = n;
        ck_assert_int_eq(vqr_payload_object(&p, vqr_payload_first(&p, VQR_ROOT), &o, &e),
                         VQR_ERR_INVALID_ARGUMENT);
        vqr_error d;
        VQR_INIT(&d);
        d.size = n;
        ck_assert_int_eq(vqr_payload_diag(&p, 0, &d, &e), VQR_ERR_INVALID_ARGUMENT);
        vqr_vietqr_info info;
        VQR_INIT(&info);
        info.size = n;
        ck_assert_int_eq(vqr_vietqr_read(&p, &info, &e), VQR_ERR_INVALID_ARGUMENT);
        vqr_print_size ps;
        VQR_INIT(&ps);
        ps.size = n;
        ck_assert_int_eq(vqr_render_print_size(qr, 30.0, 300, 4, &ps, &e),
                         VQR_ERR_INVALID_ARGUMENT);
        vqr_verdict verdict;
        VQR_INIT(&verdict);
        verdict.size = n;
        ck_assert_int_eq(vqr_verify(NAPAS_6_1_3, strlen(NAPAS_6_1_3), &payee, 1, &vo, &verdict, &e),
                         VQR_ERR_INVALID_ARGUMENT);
        vqr_vietqr in;
        ck_assert_int_eq(vqr_vietqr_init(&in, sizeof in, NULL), VQR_OK);
        in.bank = "970436";
        in.account = "1";
        vqr_vietqr_report rep;
        VQR_INIT(&rep);
        rep.size = n;
        vqr_payload built;
        ck_assert_int_eq(vqr_vietqr_build(&in, 0, &built, &rep, &e), VQR_ERR_INVALID_ARGUMENT);
        vqr_recon_issued iss;
        VQR_INIT(&iss);
        iss.size = n;
        ck_assert_int_eq(vqr_recon_issued_get(r, 0, &iss, &e), VQR_ERR_INVALID_ARGUMENT);

        /* Inputs, and the init functions that set them up. */
        /* (a payee's problems are VQR_ERR_PAYEE with its index) */
        vqr_payee bad_payee = payee;
        bad_payee.size = n;
        VQR_INIT(&verdict);
        ck_assert_int_eq(
            vqr_verify(NAPAS_6_1_3, strlen(NAPAS_6_1_3), &bad_payee, 1, &vo, &verdict, &e),
            VQR_ERR_PAYEE);
        ck_assert_uint_eq(e.offset, 0);
        vqr_verify_options bad_vo = vo;
        bad_vo.size = n;
        ck_assert_int_eq(
            vqr_verify(NAPAS_6_1_3, strlen(NAPAS_6_1_3), &payee, 1, &bad_vo, &verdict, &e),
            VQR_ERR_INVALID_ARGUMENT);
        vqr_recon_tx bad_tx = tx;
        bad_tx.size = n;
        ck_assert_int_eq(vqr_recon_add_tx(r, &bad_tx, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_uint_eq(vqr_recon_tx_count(r), 0);

        ck_assert_int_eq(vqr_payee_init(&bad_payee, n, &e), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(vqr_verify_options_init(&bad_vo, n, &e), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(vqr_recon_tx_init(&bad_tx, n, &e), VQR_ERR_INVALID_ARGUMENT);
        ck_assert_int_eq(vqr_vietqr_init(&in, n, &e), VQR_ERR_INVALID_ARGUMENT);
        vqr_render_options ro;
        ck_assert_int_eq(vqr_render_options_init(&ro, n, &e), VQR_ERR_INVALID_ARGUMENT);
    }

    /* vqr_recon_result: after a run. */
    ck_assert_int_eq(vqr_recon_add_tx(r, &tx, NULL, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
    for (size_t i = 0; i < sizeof unbounded / sizeof unbounded[0]; i++) {
        vqr_recon_result res;
        VQR_INIT(&res);
        res.size = unbounded[i];
        ck_assert_int_eq(vqr_recon_result_get(r, 0, &res, NULL), VQR_ERR_INVALID_ARGUMENT);
    }
    vqr_recon_free(r);
    vqr_qr_free(qr);
}
END_TEST

/* Point of the error convention: the accessors that once returned a bare
 * status say why in `err` like every other call. */
START_TEST(accessors_report_in_err)
{
    vqr_payload p;
    parse_ok(&p);
    vqr_error e;
    VQR_INIT(&e);
    vqr_view v;
    ck_assert_int_eq(vqr_payload_get(&p, "62.09", &v, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(e.code, VQR_ERR_NOT_FOUND);
    ck_assert_str_eq(e.tag, "62.09");
    ck_assert_uint_eq(e.offset, SIZE_MAX);
    ck_assert_ptr_null(v.ptr);
    ck_assert_int_eq(vqr_payload_get(&p, "6", &v, &e), VQR_ERR_BAD_PATH);
    ck_assert_str_eq(e.name, "VQR_ERR_BAD_PATH");
    ck_assert_str_eq(e.tag, "");
    ck_assert_int_eq(vqr_payload_get(&p, "62.08", &v, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_uint_eq(v.len, 19);
    ck_assert_int_eq(vqr_payload_remove(&p, "99", &e), VQR_ERR_NOT_FOUND);
    ck_assert_str_eq(e.tag, "99");
    ck_assert_int_eq(vqr_payload_remove(&p, "62.08", &e), VQR_OK);
    ck_assert_int_eq(vqr_payload_get(&p, "62", &v, &e), VQR_ERR_IS_TEMPLATE);
    ck_assert_str_eq(e.tag, "62");
    ck_assert_int_eq(vqr_payload_remove(NULL, "54", &e), VQR_ERR_INVALID_ARGUMENT);

    vqr_error d;
    VQR_INIT(&d);
    ck_assert_int_eq(vqr_payload_parse(&p, "0002010102116304FFFF", 20, VQR_PARSE_LENIENT, NULL),
                     VQR_ERR_CRC_MISMATCH);
    ck_assert_int_eq(vqr_payload_diag(&p, 0, &d, &e), VQR_OK);
    ck_assert_int_eq(d.code, VQR_ERR_CRC_MISMATCH);
    size_t kept = vqr_payload_diag_count(&p);
    ck_assert_int_eq(vqr_payload_diag(&p, kept, &d, &e), VQR_ERR_NOT_FOUND);
    ck_assert_uint_eq(e.limit, kept);
    ck_assert_int_eq(d.code, VQR_ERR_CRC_MISMATCH); /* `out` untouched on error */

    vqr_object o;
    VQR_INIT(&o);
    ck_assert_int_eq(vqr_payload_object(&p, 9999, &o, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(e.code, VQR_ERR_NOT_FOUND);

    char want[5];
    ck_assert_int_eq(vqr_crc_check("0002010102116304FFFF", 20, want, &e), VQR_ERR_CRC_MISMATCH);
    ck_assert_str_eq(e.tag, "63");
    ck_assert_int_eq(vqr_crc_check("00", 2, want, &e), VQR_ERR_CRC_MISSING);
    ck_assert_int_eq(vqr_crc_check(NULL, 2, want, &e), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sized");
    TCase *tc = tcase_create("sized");
    tcase_add_test(tc, error_smaller_and_larger);
    tcase_add_test(tc, error_bad_size_fails_the_call);
    tcase_add_test(tc, vqr_init_sets_up);
    tcase_add_test(tc, object_smaller_and_larger);
    tcase_add_test(tc, info_smaller_and_larger);
    tcase_add_test(tc, vietqr_smaller_and_larger);
    tcase_add_test(tc, render_smaller_and_larger);
    tcase_add_test(tc, unbounded_size_reads_nothing_past_the_struct);
    tcase_add_test(tc, every_sized_struct_refuses_an_unbounded_size);
    tcase_add_test(tc, accessors_report_in_err);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
