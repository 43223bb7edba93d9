/*
 * test_recon.c - reconciliation: bank amounts, dates, the eight results
 * and their order, repeats and conflicts, prefixes, the growing structs,
 * and every allocation failed in turn.
 */
#include "testutil.h"

#include <stdint.h>

static char g_ref[64][VQR_REF_BUF_SIZE];

static const char *ref(const char *prefix, uint32_t seq)
{
    static unsigned next;
    char *r = g_ref[next++ % 64];
    size_t n;
    ck_assert_int_eq(vqr_ref_make(prefix, seq, r, VQR_REF_BUF_SIZE, &n, NULL), VQR_OK);
    return r;
}

/* ---- amounts ---- */

START_TEST(amounts_as_banks_write_them)
{
    struct {
        const char *text;
        int64_t want;
    } ok[] = {
        { "1500000", 1500000 },
        { "1.500.000", 1500000 },
        { "1,500,000", 1500000 },
        { "1 500 000", 1500000 },
        { "1\xC2\xA0"
          "500\xC2\xA0"
          "000",
          1500000 },
        { "+1.500.000 VND", 1500000 },
        { "+1.500.000VND", 1500000 },
        { "VND 1,500,000", 1500000 },
        { "-500,000", -500000 },
        { "- 500,000", -500000 },
        { "(500.000)", -500000 },
        { "1.500.000\xC4\x91", 1500000 },      /* đ */
        { "1.500.000 \xE2\x82\xAB", 1500000 }, /* ₫ */
        { "1.500.000 vn\xC4\x91", 1500000 },   /* vnđ */
        { "1.500.000d", 1500000 },
        { "1.500.000 \xC4\x91\xE1\xBB\x93ng", 1500000 }, /* đồng */
        { "2.000.000dong", 2000000 },
        { "1\xE2\x80\xAF"
          "500\xE2\x80\xAF"
          "000",
          1500000 }, /* U+202F */
        { "1,500,000.00", 1500000 },
        { "1.500.000,00", 1500000 },
        { "1500000.00", 1500000 },
        { "1500000.0", 1500000 },
        { "1 500 000,00", 1500000 },
        { "  2.277.000  ", 2277000 },
        { "1.500", 1500 },
        { "999", 999 },
        { "0", 0 },
        { "999999999999999", 999999999999999LL },
        { "000001", 1 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int64_t v = 12345;
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        vqr_status st = vqr_recon_amount_parse(ok[i].text, strlen(ok[i].text), &v, &e);
        ck_assert_msg(st == VQR_OK, "\"%s\": %s at %zu", ok[i].text, vqr_status_name(st), e.offset);
        ck_assert_msg(v == ok[i].want, "\"%s\" read as %lld", ok[i].text, (long long)v);
        ck_assert_int_eq(e.code, VQR_OK);
    }
    struct {
        const char *text;
        vqr_status code;
        size_t offset;
    } bad[] = {
        { "", VQR_ERR_RECON_AMOUNT, SIZE_MAX },
        { "VND", VQR_ERR_RECON_AMOUNT, SIZE_MAX },
        { "abc", VQR_ERR_RECON_AMOUNT, 0 },
        { "1.5", VQR_ERR_AMOUNT_DECIMALS, 2 },
        { "1,50", VQR_ERR_AMOUNT_DECIMALS, 2 },
        { "1.500.000,05", VQR_ERR_AMOUNT_DECIMALS, 11 },
        { "1.500,000", VQR_ERR_RECON_AMOUNT, 5 },    /* mixed grouping */
        { "1.500.00", VQR_ERR_RECON_AMOUNT, 5 },     /* grouping and decimals alike */
        { "15.00.000", VQR_ERR_RECON_AMOUNT, 3 },    /* a group of two */
        { "1500.000.000", VQR_ERR_RECON_AMOUNT, 0 }, /* a first group of four */
        { "12 50", VQR_ERR_RECON_AMOUNT, 3 },
        { "1.500.", VQR_ERR_RECON_AMOUNT, 5 },
        { "1..500", VQR_ERR_RECON_AMOUNT, 2 },
        { "1500x", VQR_ERR_RECON_AMOUNT, 4 },
        { "--5", VQR_ERR_RECON_AMOUNT, 1 },
        { "1000000000000000", VQR_ERR_RECON_AMOUNT, 15 },
        { "1e6", VQR_ERR_RECON_AMOUNT, 1 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = 12345;
        vqr_error e;
        VQR_INIT(&e);
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        vqr_status st = vqr_recon_amount_parse(bad[i].text, strlen(bad[i].text), &v, &e);
        ck_assert_msg(st == bad[i].code, "\"%s\": %s", bad[i].text, vqr_status_name(st));
        ck_assert_int_eq(e.code, bad[i].code);
        ck_assert_msg(e.offset == bad[i].offset, "\"%s\": offset %zu", bad[i].text, e.offset);
        ck_assert_int_eq(v, 0);
    }
    int64_t v;
    ck_assert_int_eq(vqr_recon_amount_parse(NULL, 0, &v, NULL), VQR_ERR_RECON_AMOUNT);
    ck_assert_int_eq(vqr_recon_amount_parse(NULL, 1, &v, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_recon_amount_parse("1", 1, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- a small harness ---- */

typedef struct term {
    vqr_recon *r;
} term;

static vqr_status add_tx(vqr_recon *r, const char *id, const char *date, int64_t amount,
                         const char *memo, size_t *index, vqr_error *e)
{
    vqr_recon_tx tx;
    ck_assert_int_eq(vqr_recon_tx_init(&tx, sizeof tx, NULL), VQR_OK);
    tx.id = id;
    tx.id_len = strlen(id);
    tx.date = date;
    tx.date_len = strlen(date);
    tx.amount = amount;
    tx.memo = memo;
    tx.memo_len = strlen(memo);
    return vqr_recon_add_tx(r, &tx, index, e);
}

static void add_ok(vqr_recon *r, const char *id, const char *date, int64_t amount, const char *memo)
{
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = add_tx(r, id, date, amount, memo, NULL, &e);
    ck_assert_msg(st == VQR_OK, "tx %s: %s", id, vqr_status_name(st));
}

static vqr_recon_result result(const vqr_recon *r, size_t i)
{
    vqr_recon_result res;
    memset(&res, 0xAB, sizeof res);
    res.size = sizeof res;
    ck_assert_int_eq(vqr_recon_result_get(r, i, &res, NULL), VQR_OK);
    return res;
}

static vqr_recon_issued issued(const vqr_recon *r, size_t i)
{
    vqr_recon_issued s;
    memset(&s, 0xAB, sizeof s);
    s.size = sizeof s;
    ck_assert_int_eq(vqr_recon_issued_get(r, i, &s, NULL), VQR_OK);
    return s;
}

START_TEST(every_result)
{
    vqr_recon *r = NULL;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    const char *a = ref("HS24", 1), *b = ref("HS24", 2), *c = ref("HS24", 3), *d = ref("HS24", 4);
    const char *unknown = ref("HS24", 777);
    ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 1500000, 0, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_issued(r, b, strlen(b), 1500000, 0, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_issued(r, c, strlen(c), 800000, 0, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_issued(r, d, strlen(d), 800000, 0, NULL), VQR_OK);
    char m[256];
    /* 0: a paid in full, mangled by the bank */
    snprintf(m, sizeof m, "MBVCB.3278907687.%.4s-%s.CT tu 0011004123456 NGUYEN VAN A", a, a + 4);
    add_ok(r, "1001", "2024-09-02 08:00:00", 1500000, m);
    /* 1: a paid again: duplicate */
    snprintf(m, sizeof m, "IBFT %s hoc phi", a);
    add_ok(r, "1002", "2024-09-02 09:00:00", 1500000, m);
    /* 2, 3: b in two parts: underpaid, then paid */
    snprintf(m, sizeof m, "%s dot 1", b);
    add_ok(r, "1003", "2024-09-03", 1000000, m);
    snprintf(m, sizeof m, "%s dot 2", b);
    add_ok(r, "1004", "04/09/2024 10:15", 500000, m);
    /* 4: c overpaid */
    snprintf(m, sizeof m, "%sNGUYENVANBINH", c);
    add_ok(r, "1005", "2024-09-05", 900000, m);
    /* 5: c and d in one transfer: left for a person */
    snprintf(m, sizeof m, "%s %s hai chau", c, d);
    add_ok(r, "1006", "2024-09-06", 1600000, m);
    /* 6: unknown reference with valid check characters */
    snprintf(m, sizeof m, "%s", unknown);
    add_ok(r, "1007", "2024-09-07", 800000, m);
    /* 7: a typo: no reference */
    char typo[VQR_REF_BUF_SIZE];
    memcpy(typo, d, sizeof typo);
    typo[6] = typo[6] == '9' ? '8' : (char)(typo[6] + 1);
    add_ok(r, "1008", "2024-09-08", 800000, typo);
    /* 8: interest */
    add_ok(r, "1009", "2024-09-30 23:59:59", 1234, "Lai tien gui thang 9");
    /* 9: a debit that names a reference */
    snprintf(m, sizeof m, "Hoan tien %s", a);
    add_ok(r, "1010", "2024-09-10", -1500000, m);
    ck_assert_uint_eq(vqr_recon_tx_count(r), 10);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);

    static const vqr_match want[] = {
        VQR_MATCH_PAID,
        VQR_MATCH_DUPLICATE,
        VQR_MATCH_UNDERPAID,
        VQR_MATCH_PAID,
        VQR_MATCH_OVERPAID,
        VQR_MATCH_MULTIPLE_REFERENCES,
        VQR_MATCH_UNKNOWN_REFERENCE,
        VQR_MATCH_NO_REFERENCE,
        VQR_MATCH_NO_REFERENCE,
        VQR_MATCH_DEBIT,
    };
    static const int64_t diff[] = { 0, 1500000, -500000, 0, 100000, 0, 0, 0, 0, 0 };
    for (size_t i = 0; i < 10; i++) {
        vqr_recon_result res = result(r, i);
        ck_assert_msg(res.status == want[i], "tx %zu: %s, expected %s", i,
                      vqr_match_name(res.status), vqr_match_name(want[i]));
        ck_assert_int_eq(res.difference, diff[i]);
        ck_assert_uint_eq(res.repeat_of, SIZE_MAX);
        ck_assert_uint_eq(res.id_len, 4);
        ck_assert(memcmp(res.id, "10", 2) == 0);
    }
    vqr_recon_result res = result(r, 0);
    ck_assert_str_eq(res.reference, a);
    ck_assert_uint_eq(res.references, 1);
    ck_assert_uint_eq(res.issued, 0);
    ck_assert_uint_eq(res.issued_amount, 1500000);
    ck_assert_int_eq(res.amount, 1500000);
    res = result(r, 5);
    ck_assert_uint_eq(res.references, 2);
    ck_assert_str_eq(res.reference, c);
    ck_assert_uint_eq(res.issued, SIZE_MAX);
    ck_assert_uint_eq(res.issued_amount, 0);
    char second[VQR_REF_BUF_SIZE];
    ck_assert_int_eq(vqr_recon_tx_reference(r, 5, 1, second, NULL), VQR_OK);
    ck_assert_str_eq(second, d);
    ck_assert_int_eq(vqr_recon_tx_reference(r, 5, 2, second, NULL), VQR_ERR_NOT_FOUND);
    res = result(r, 6);
    ck_assert_str_eq(res.reference, unknown);
    ck_assert_uint_eq(res.issued, SIZE_MAX);
    res = result(r, 7);
    ck_assert_str_eq(res.reference, "");
    ck_assert_uint_eq(res.references, 0);
    res = result(r, 9);
    ck_assert_int_eq(res.amount, -1500000);
    ck_assert_uint_eq(res.references, 1); /* listed, otherwise ignored */

    vqr_recon_issued s = issued(r, 0);
    ck_assert_str_eq(s.reference, a);
    ck_assert_uint_eq(s.amount, 1500000);
    ck_assert_uint_eq(s.received, 3000000);
    ck_assert_uint_eq(s.outstanding, 0);
    ck_assert(s.paid);
    ck_assert_uint_eq(s.transactions, 2);
    s = issued(r, 2);
    ck_assert_uint_eq(s.received, 900000);
    ck_assert(s.paid);
    s = issued(r, 3); /* d: only in the shared transfer and the typo */
    ck_assert_uint_eq(s.received, 0);
    ck_assert_uint_eq(s.outstanding, 800000);
    ck_assert(!s.paid);
    ck_assert_uint_eq(s.transactions, 0);
    ck_assert_uint_eq(vqr_recon_issued_count(r), 4);
    /* Names. */
    ck_assert_str_eq(vqr_match_name(VQR_MATCH_MULTIPLE_REFERENCES), "multiple_references");
    ck_assert_str_eq(vqr_match_name(VQR_MATCH_DEBIT), "debit");
    ck_assert_str_eq(vqr_match_name(VQR_MATCH_NONE), "none");
    ck_assert_ptr_null(vqr_match_name((vqr_match)9));
    vqr_recon_free(r);
    vqr_recon_free(NULL);
}
END_TEST

/* Order by date, then ID (numbers as numbers, before other IDs), then the
 * order added; the same transactions in any order give the same results,
 * and more (later) transactions leave the earlier results alone. */
START_TEST(order_and_rerun)
{
    const char *a = ref("HP24", 10);
    char memo[64];
    snprintf(memo, sizeof memo, "thanh toan %s", a);
    struct {
        const char *id, *date;
        int64_t amount;
    } txs[] = {
        { "10", "2024-01-02 10:00:00", 300000 },  /* second: paid */
        { "9", "2024-01-02 10:00:00", 700000 },   /* first: 9 < 10 */
        { "ABC", "2024-01-02 10:00:00", 100000 }, /* after numbers: duplicate */
        { "7", "02/01/2024 10:00:01", 50000 },    /* a second later */
        { "100", "2024-01-02T09:59:59.5", 1 },    /* earliest */
    };
    static const vqr_match want[] = { VQR_MATCH_PAID, VQR_MATCH_UNDERPAID, VQR_MATCH_DUPLICATE,
                                      VQR_MATCH_DUPLICATE, VQR_MATCH_UNDERPAID };
    static const size_t permutation[][5] = { { 0, 1, 2, 3, 4 },
                                             { 4, 3, 2, 1, 0 },
                                             { 2, 0, 4, 1, 3 } };
    for (size_t p = 0; p < 3; p++) {
        vqr_recon *r;
        ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
        ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 1000001, 0, NULL), VQR_OK);
        for (size_t k = 0; k < 5; k++) {
            size_t j = permutation[p][k], idx = 99;
            ck_assert_int_eq(add_tx(r, txs[j].id, txs[j].date, txs[j].amount, memo, &idx, NULL),
                             VQR_OK);
            ck_assert_uint_eq(idx, k);
        }
        ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
        for (size_t k = 0; k < 5; k++) {
            size_t j = permutation[p][k];
            ck_assert_msg(result(r, k).status == want[j], "perm %zu tx %s: %s", p, txs[j].id,
                          vqr_match_name(result(r, k).status));
        }
        /* The processing order: 100, 9, 10, ABC, 7. */
        static const char *const seq[] = { "100", "9", "10", "ABC", "7" };
        for (size_t k = 0; k < 5; k++) {
            size_t idx;
            ck_assert_int_eq(vqr_recon_order(r, k, &idx, NULL), VQR_OK);
            vqr_recon_result res = result(r, idx);
            ck_assert_uint_eq(res.id_len, strlen(seq[k]));
            ck_assert(memcmp(res.id, seq[k], res.id_len) == 0);
        }
        size_t idx;
        ck_assert_int_eq(vqr_recon_order(r, 5, &idx, NULL), VQR_ERR_NOT_FOUND);
        vqr_recon_free(r);
    }
    /* Rerun with the first three (by date) only: same results for them. */
    vqr_recon *r;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 1000001, 0, NULL), VQR_OK);
    add_ok(r, "100", "2024-01-02T09:59:59.5", 1, memo);
    add_ok(r, "9", "2024-01-02 10:00:00", 700000, memo);
    add_ok(r, "10", "2024-01-02 10:00:00", 300000, memo);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
    ck_assert_int_eq(result(r, 0).status, VQR_MATCH_UNDERPAID);
    ck_assert_int_eq(result(r, 1).status, VQR_MATCH_UNDERPAID);
    ck_assert_int_eq(result(r, 2).status, VQR_MATCH_PAID);
    vqr_recon_free(r);
}
END_TEST

START_TEST(repeats_and_conflicts)
{
    vqr_recon *r;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    const char *a = ref("HP24", 20);
    ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 500000, 0, NULL), VQR_OK);
    char memo[64];
    snprintf(memo, sizeof memo, "%s vien phi", a);
    size_t i0, i1, i2;
    ck_assert_int_eq(add_tx(r, "92704", "2023-03-25 14:02:37", 200000, memo, &i0, NULL), VQR_OK);
    /* The same event delivered again: a repeat of 0, counted once. */
    ck_assert_int_eq(add_tx(r, "92704", "2023-03-25 14:02:37", 200000, memo, &i1, NULL), VQR_OK);
    ck_assert_int_eq(add_tx(r, "92704", "2023-03-25 14:02:37", 200000, memo, &i2, NULL), VQR_OK);
    /* The same ID with something else: an error naming the first. */
    vqr_error e;
    VQR_INIT(&e);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(add_tx(r, "92704", "2023-03-25 14:02:37", 200001, memo, NULL, &e),
                     VQR_ERR_RECON_CONFLICT);
    ck_assert_uint_eq(e.related_offset, 0);
    ck_assert_int_eq(add_tx(r, "92704", "2023-03-25 14:02:38", 200000, memo, NULL, NULL),
                     VQR_ERR_RECON_CONFLICT);
    ck_assert_int_eq(add_tx(r, "92704", "2023-03-25 14:02:37", 200000, "x", NULL, NULL),
                     VQR_ERR_RECON_CONFLICT);
    /* Empty IDs are never repeats. */
    ck_assert_int_eq(add_tx(r, "", "2023-03-26", 300000, memo, NULL, NULL), VQR_OK);
    ck_assert_int_eq(add_tx(r, "", "2023-03-26", 300000, memo, NULL, NULL), VQR_OK);
    ck_assert_uint_eq(vqr_recon_tx_count(r), 5);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
    ck_assert_int_eq(result(r, i0).status, VQR_MATCH_UNDERPAID);
    ck_assert_uint_eq(result(r, i0).repeat_of, SIZE_MAX);
    ck_assert_int_eq(result(r, i1).status, VQR_MATCH_UNDERPAID);
    ck_assert_uint_eq(result(r, i1).repeat_of, i0);
    ck_assert_uint_eq(result(r, i2).repeat_of, i0);
    ck_assert_int_eq(result(r, i2).difference, -300000);
    ck_assert_int_eq(result(r, 3).status, VQR_MATCH_PAID);
    ck_assert_int_eq(result(r, 4).status, VQR_MATCH_DUPLICATE);
    ck_assert_uint_eq(issued(r, 0).received, 800000);
    ck_assert_uint_eq(issued(r, 0).transactions, 3);
    /* Once run, nothing more is added, and it does not run twice. */
    ck_assert_int_eq(add_tx(r, "1", "2023-03-27", 1, memo, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_recon_free(r);
}
END_TEST

/* One webhook event against the application's own records. */
START_TEST(one_event_against_received)
{
    const char *a = ref("HP24", 30);
    char memo[64];
    snprintf(memo, sizeof memo, "%s", a);
    struct {
        uint64_t received;
        vqr_match want;
        int64_t diff;
    } cases[] = {
        { 0, VQR_MATCH_PAID, 0 },
        { 100000, VQR_MATCH_OVERPAID, 100000 },
        { 600000, VQR_MATCH_DUPLICATE, 600000 },
        { 700000, VQR_MATCH_DUPLICATE, 700000 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vqr_recon *r;
        ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
        ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 600000, cases[i].received, NULL),
                         VQR_OK);
        add_ok(r, "5", "2024-05-01", 600000, memo);
        ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
        ck_assert_int_eq(result(r, 0).status, cases[i].want);
        ck_assert_int_eq(result(r, 0).difference, cases[i].diff);
        vqr_recon_free(r);
    }
}
END_TEST

START_TEST(prefixes)
{
    vqr_recon *r;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_recon_add_prefix(r, "HP24", NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_prefix(r, "hp24", NULL), VQR_OK);  /* known: nothing */
    ck_assert_int_eq(vqr_recon_add_prefix(r, "HP24A", NULL), VQR_OK); /* a letter: fine */
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_recon_add_prefix(r, "HP2", &e), VQR_ERR_REF_PREFIX_CONFLICT);
    ck_assert_int_eq(vqr_recon_add_prefix(r, "HP245", &e), VQR_ERR_REF_PREFIX_CONFLICT);
    ck_assert_uint_eq(e.related_offset, 0);
    ck_assert_int_eq(vqr_recon_add_prefix(r, "2P", &e), VQR_ERR_REF_PREFIX);
    const char *x = ref("HP245", 1);
    ck_assert_int_eq(vqr_recon_add_issued(r, x, strlen(x), 5, 0, NULL),
                     VQR_ERR_REF_PREFIX_CONFLICT);
    ck_assert_uint_eq(vqr_recon_issued_count(r), 0);
    /* A known prefix without issues: its references are unknown ones;
     * another prefix's reference is no reference at all. */
    ck_assert_int_eq(vqr_recon_add_prefix(r, "BV", NULL), VQR_OK);
    add_ok(r, "1", "2024-01-01", 5, ref("HP24", 5));
    add_ok(r, "2", "2024-01-01", 5, ref("ZZ", 5));
    add_ok(r, "3", "2024-01-01", 5, ref("HP24A", 5));
    add_ok(r, "4", "2024-01-01", 5, ref("BV", 5));
    ck_assert_int_eq(vqr_recon_add_prefix(r, "QQ", NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
    ck_assert_int_eq(result(r, 0).status, VQR_MATCH_UNKNOWN_REFERENCE);
    ck_assert_int_eq(result(r, 1).status, VQR_MATCH_NO_REFERENCE);
    ck_assert_int_eq(result(r, 2).status, VQR_MATCH_UNKNOWN_REFERENCE);
    ck_assert_int_eq(result(r, 3).status, VQR_MATCH_UNKNOWN_REFERENCE);
    vqr_recon_free(r);
}
END_TEST

START_TEST(issued_errors)
{
    vqr_recon *r;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    const char *a = ref("HS24", 1);
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 100, 0, NULL), VQR_OK);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 100, 0, &e), VQR_ERR_REF_DUPLICATE);
    ck_assert_uint_eq(e.related_offset, 0);
    char bad[VQR_REF_BUF_SIZE];
    memcpy(bad, a, sizeof bad);
    bad[10] = bad[10] == 'A' ? 'B' : 'A';
    ck_assert_int_eq(vqr_recon_add_issued(r, bad, strlen(bad), 100, 0, NULL), VQR_ERR_REF_CHECK);
    ck_assert_int_eq(vqr_recon_add_issued(r, "hs240000011", 11, 100, 0, NULL), VQR_ERR_REF_FORMAT);
    const char *b = ref("HS24", 2);
    ck_assert_int_eq(vqr_recon_add_issued(r, b, strlen(b), 0, 0, NULL), VQR_ERR_AMOUNT_ZERO);
    memset(&e, 0xFF, sizeof e);
    e.size = sizeof e;
    ck_assert_int_eq(vqr_recon_add_issued(r, b, strlen(b), 1000000000000000ull, 0, &e),
                     VQR_ERR_RECON_AMOUNT);
    ck_assert_uint_eq(e.limit, 999999999999999ull);
    ck_assert_int_eq(vqr_recon_add_issued(NULL, b, strlen(b), 1, 0, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(vqr_recon_issued_count(r), 1);
    /* Dates and amounts of transactions. */
    struct {
        const char *date;
        size_t offset;
    } dates[] = {
        { "", SIZE_MAX },
        { "2024-13-01", 0 },
        { "2024-02-30", 0 },
        { "2023-02-29", 0 },
        { "31/04/2024", 0 },
        { "2024-01-01 24:00", 0 },
        { "2024-01-01 10:60", 0 },
        { "2024-01-01Z", 10 },
        { "2024-01-01 10:00:00+07:00", 19 },
        { "24-01-01", 6 },
        { "2024/01-01", 7 },
        { "1/2/24", 4 },
        { "yesterday", 0 },
        { "2024-01-01 10", SIZE_MAX },
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        memset(&e, 0xFF, sizeof e);
        e.size = sizeof e;
        ck_assert_msg(add_tx(r, "1", dates[i].date, 1, "", NULL, &e) == VQR_ERR_RECON_DATE, "%s",
                      dates[i].date);
        ck_assert_msg(e.offset == dates[i].offset, "%s: offset %zu", dates[i].date, e.offset);
    }
    const char *good[] = { "2024-02-29",
                           "29/02/2024",
                           "1/2/2024",
                           "2024-01-01 7:05",
                           "2024-01-01T07:05:09.123456",
                           "01.02.2024 23:59:60" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char id[8];
        snprintf(id, sizeof id, "g%zu", i);
        ck_assert_msg(add_tx(r, id, good[i], 1, "", NULL, NULL) == VQR_OK, "%s", good[i]);
    }
    ck_assert_int_eq(add_tx(r, "x", "2024-01-01", 1000000000000000LL, "", NULL, NULL),
                     VQR_ERR_RECON_AMOUNT);
    ck_assert_int_eq(add_tx(r, "y", "2024-01-01", -1000000000000000LL, "", NULL, NULL),
                     VQR_ERR_RECON_AMOUNT);
    /* Issued references and prefixes only before transactions. */
    ck_assert_int_eq(vqr_recon_add_issued(r, b, strlen(b), 1, 0, NULL), VQR_ERR_INVALID_ARGUMENT);
    /* Results only after the run. */
    vqr_recon_result res;
    res.size = sizeof res;
    ck_assert_int_eq(vqr_recon_result_get(r, 0, &res, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_result_get(r, 99, &res, NULL), VQR_ERR_NOT_FOUND);
    res.size = 0;
    ck_assert_int_eq(vqr_recon_result_get(r, 0, &res, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_recon_tx tx;
    ck_assert_int_eq(vqr_recon_tx_init(&tx, 3, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_recon_tx_init(NULL, sizeof tx, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_recon_free(r);
    ck_assert_int_eq(vqr_recon_new(NULL, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    vqr_allocator half = { NULL, NULL, NULL, NULL };
    ck_assert_int_eq(vqr_recon_new(&half, &r, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(r);
}
END_TEST

/* Structs that grow: an older, smaller vqr_recon_tx and result still
 * work; a larger one with a zero tail is accepted, a non-zero tail not. */
typedef struct old_result {
    size_t size;
    vqr_match status;
} old_result;

START_TEST(struct_sizes)
{
    vqr_recon *r;
    ck_assert_int_eq(vqr_recon_new(NULL, &r, NULL), VQR_OK);
    const char *a = ref("HS24", 9);
    ck_assert_int_eq(vqr_recon_add_issued(r, a, strlen(a), 100, 0, NULL), VQR_OK);
    struct {
        vqr_recon_tx tx;
        unsigned char tail[16];
    } big;
    memset(&big, 0, sizeof big);
    ck_assert_int_eq(vqr_recon_tx_init(&big.tx, sizeof big, NULL), VQR_OK);
    ck_assert_uint_eq(big.tx.size, sizeof big);
    big.tx.date = "2024-01-01";
    big.tx.date_len = 10;
    big.tx.amount = 100;
    big.tx.memo = a;
    big.tx.memo_len = strlen(a);
    ck_assert_int_eq(vqr_recon_add_tx(r, &big.tx, NULL, NULL), VQR_OK);
    big.tail[3] = 1;
    ck_assert_int_eq(vqr_recon_add_tx(r, &big.tx, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    /* A caller that only knows size: every other field takes its default. */
    vqr_recon_tx small;
    memset(&small, 0x5A, sizeof small);
    ck_assert_int_eq(vqr_recon_tx_init(&small, sizeof(size_t), NULL), VQR_OK);
    ck_assert_int_eq(vqr_recon_add_tx(r, &small, NULL, NULL), VQR_ERR_RECON_DATE);
    ck_assert_int_eq(vqr_recon_run(r, NULL), VQR_OK);
    old_result o;
    memset(&o, 0xAB, sizeof o);
    o.size = sizeof o;
    ck_assert_int_eq(vqr_recon_result_get(r, 0, (vqr_recon_result *)(void *)&o, NULL), VQR_OK);
    ck_assert_int_eq(o.status, VQR_MATCH_PAID);
    struct {
        vqr_recon_result res;
        unsigned char tail[16];
    } bigres;
    memset(&bigres, 0xAB, sizeof bigres);
    bigres.res.size = sizeof bigres;
    ck_assert_int_eq(vqr_recon_result_get(r, 0, &bigres.res, NULL), VQR_OK);
    for (size_t i = 0; i < sizeof bigres.tail; i++)
        ck_assert_uint_eq(bigres.tail[i], 0);
    ck_assert_str_eq(bigres.res.reference, a);
    vqr_recon_free(r);
}
END_TEST

/* ---- every allocation failed in turn ---- */

typedef struct counting {
    long left; /* allocations that succeed; -1 for all */
    long live;
} counting;

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (c->left == 0)
        return NULL;
    if (c->left > 0)
        c->left--;
    c->live++;
    return malloc(n);
}

static void c_free(void *ctx, void *p)
{
    counting *c = ctx;
    c->live--;
    free(p);
}

/* A small term built step by step; returns the status of the first
 * failing step. */
static vqr_status build_term(const vqr_allocator *a, vqr_recon **out)
{
    vqr_recon *r = NULL;
    vqr_status st = vqr_recon_new(a, &r, NULL);
    if (st != VQR_OK)
        return st;
    *out = r;
    for (uint32_t i = 0; i < 200 && st == VQR_OK; i++) {
        const char *x = ref(i % 2 ? "HS24" : "HP24", i);
        st = vqr_recon_add_issued(r, x, strlen(x), 1000 + i, 0, NULL);
    }
    for (uint32_t i = 0; i < 300 && st == VQR_OK; i++) {
        char id[16], memo[64];
        snprintf(id, sizeof id, "%u", i % 250);
        snprintf(memo, sizeof memo, "CK %s", ref(i % 2 ? "HS24" : "HP24", i % 250));
        st = add_tx(r, id, "2024-01-01", 1000 + (int64_t)(i % 250), memo, NULL, NULL);
    }
    if (st == VQR_OK)
        st = vqr_recon_run(r, NULL);
    return st;
}

START_TEST(allocation_failures)
{
    counting c = { -1, 0 };
    vqr_allocator a = { c_malloc, NULL, c_free, &c };
    vqr_recon *r = NULL;
    ck_assert_int_eq(build_term(&a, &r), VQR_OK);
    vqr_recon_free(r);
    ck_assert_int_eq(c.live, 0);
    /* Count the allocations of a full build, then fail each in turn. */
    long total = 0;
    for (long fail_at = 0;; fail_at++) {
        c.left = fail_at;
        c.live = 0;
        r = NULL;
        vqr_status st = build_term(&a, &r);
        if (st == VQR_OK) {
            total = fail_at;
            vqr_recon_free(r);
            ck_assert_int_eq(c.live, 0);
            break;
        }
        ck_assert_msg(st == VQR_ERR_NO_MEMORY, "allocation %ld: %s", fail_at, vqr_status_name(st));
        /* What was added before the failure is intact and usable. */
        if (r) {
            size_t n = vqr_recon_issued_count(r);
            if (n > 0) {
                vqr_recon_issued s;
                s.size = sizeof s;
                ck_assert_int_eq(vqr_recon_issued_get(r, n - 1, &s, NULL), VQR_OK);
                ck_assert_int_eq(vqr_ref_check(s.reference, strlen(s.reference), NULL), VQR_OK);
            }
        }
        vqr_recon_free(r);
        ck_assert_int_eq(c.live, 0);
    }
    ck_assert_int_gt(total, 10);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("recon");
    TCase *tc = tcase_create("recon");
    tcase_add_test(tc, amounts_as_banks_write_them);
    tcase_add_test(tc, every_result);
    tcase_add_test(tc, order_and_rerun);
    tcase_add_test(tc, repeats_and_conflicts);
    tcase_add_test(tc, one_event_against_received);
    tcase_add_test(tc, prefixes);
    tcase_add_test(tc, issued_errors);
    tcase_add_test(tc, struct_sizes);
    tcase_add_test(tc, allocation_failures);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
