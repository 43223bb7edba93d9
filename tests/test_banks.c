/*
 * test_banks.c - the bank directory: every row of data/banks.csv found by
 * BIN, short name, full name and SWIFT code; every alias and former name
 * of data/bank_aliases.csv; case and diacritics; ambiguous and unknown
 * queries; the data version; and the generated search keys against the
 * library's own key function.
 *
 * The data files are read here directly (VQR_DATA_DIR), so a row the
 * generator dropped or changed fails the test.
 */
#include "banks.h"
#include "testutil.h"
#include "text.h"

static const vqr_bank k_sentinel = { "", "", "", NULL };

static const vqr_bank *bank_at(size_t i)
{
    const vqr_bank *b;
    (void)vqr_bank_at(i, &b, NULL);
    return b;
}

static const vqr_bank *bank_bin(const char *bin, size_t len)
{
    const vqr_bank *b;
    (void)vqr_bank_find_bin(bin, len, &b, NULL);
    return b;
}

#define POISON(e) (memset(&(e), 0xFF, sizeof(e)), (e).size = sizeof(e))

#define MAX_ROWS 128
#define MAX_FIELDS 4

typedef struct csv {
    char *text;  /* the file, cut in place */
    size_t rows; /* data rows (header excluded) */
    char *field[MAX_ROWS][MAX_FIELDS];
} csv;

static char *read_data_file(const char *name)
{
    const char *dir = getenv("VQR_DATA_DIR");
    char path[1024];
    ck_assert_msg(dir != NULL, "VQR_DATA_DIR is not set");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    static char buf[4][32768];
    static int next;
    char *b = buf[next++ % 4];
    size_t n = fread(b, 1, sizeof buf[0] - 1, f);
    ck_assert(feof(f));
    fclose(f);
    b[n] = '\0';
    return b;
}

/* Reads a CSV file with no quoting (the data files use none), checking that
 * every row has `nfields` fields. */
static void read_csv(const char *name, size_t nfields, csv *c)
{
    c->text = read_data_file(name);
    c->rows = 0;
    char *line = c->text;
    bool header = true;
    while (*line) {
        char *end = strchr(line, '\n');
        char *next = end ? end + 1 : line + strlen(line);
        if (end)
            *end = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len) {
            ck_assert_msg(strchr(line, '"') == NULL, "quoted CSV in %s", name);
            char *fields[MAX_FIELDS + 1];
            size_t nf = 0;
            char *p = line;
            for (;;) {
                ck_assert_uint_le(nf, MAX_FIELDS);
                fields[nf++] = p;
                char *comma = strchr(p, ',');
                if (!comma)
                    break;
                *comma = '\0';
                p = comma + 1;
            }
            ck_assert_msg(nf == nfields, "%s: %zu fields", name, nf);
            if (!header) {
                ck_assert_uint_lt(c->rows, MAX_ROWS);
                memcpy(c->field[c->rows++], fields, nf * sizeof fields[0]);
            }
            header = false;
        }
        line = next;
    }
}

static const vqr_bank *find_ok(const char *q)
{
    const vqr_bank *b = (const vqr_bank *)1;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    vqr_status st = vqr_bank_find(q, strlen(q), &b, &e);
    ck_assert_msg(st == VQR_OK, "find(%s) = %d", q, (int)st);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_ptr_nonnull(b);
    return b;
}

static void expect_bin(const char *q, const char *bin)
{
    const vqr_bank *b = find_ok(q);
    ck_assert_msg(strcmp(b->bin, bin) == 0, "find(%s) = %s, want %s", q, b->bin, bin);
}

static void expect_find_error(const char *q, size_t len, vqr_status code, size_t offset)
{
    const vqr_bank *b = (const vqr_bank *)1;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_bank_find(q, len, &b, &e), code);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(e.code, code);
    ck_assert_uint_eq(e.offset, offset);
    ck_assert_str_eq(e.tag, "");
    ck_assert_str_eq(e.name, vqr_status_name(code));
}

/* NFC of a data file string, as the table holds it. */
static void nfc(const char *in, char *out, size_t cap)
{
    ck_assert_int_eq(vqr_text_nfc(in, strlen(in), out, cap, NULL, NULL), VQR_OK);
}

/* How many rows have this SWIFT code. */
static size_t swift_rows(const csv *c, const char *swift)
{
    size_t n = 0;
    for (size_t i = 0; i < c->rows; i++)
        n += strcmp(c->field[i][3], swift) == 0;
    return n;
}

START_TEST(every_row_is_found)
{
    csv c;
    read_csv("banks.csv", 4, &c);
    ck_assert_uint_eq(c.rows, 66);
    ck_assert_uint_eq(vqr_bank_count(), c.rows);
    for (size_t i = 0; i < c.rows; i++) {
        const char *bin = c.field[i][0], *shrt = c.field[i][1], *name = c.field[i][2],
                   *swift = c.field[i][3];
        char want_name[256];
        nfc(name, want_name, sizeof want_name);

        const vqr_bank *b = bank_bin(bin, 6);
        ck_assert_msg(b != NULL, "BIN %s", bin);
        ck_assert_str_eq(b->bin, bin);
        ck_assert_str_eq(b->short_name, shrt);
        ck_assert_str_eq(b->name, want_name);
        if (*swift)
            ck_assert_str_eq(b->swift, swift);
        else
            ck_assert_ptr_null(b->swift);

        ck_assert_ptr_eq(find_ok(bin), b);
        ck_assert_ptr_eq(find_ok(shrt), b);
        ck_assert_ptr_eq(find_ok(name), b);
        ck_assert_ptr_eq(find_ok(want_name), b);

        /* Case and diacritics do not matter. */
        char low[128], up[128], ascii[256];
        size_t k = 0;
        for (; shrt[k]; k++) {
            low[k] = (char)(shrt[k] >= 'A' && shrt[k] <= 'Z' ? shrt[k] - 'A' + 'a' : shrt[k]);
            up[k] = (char)(shrt[k] >= 'a' && shrt[k] <= 'z' ? shrt[k] - 'a' + 'A' : shrt[k]);
        }
        low[k] = up[k] = '\0';
        ck_assert_ptr_eq(find_ok(low), b);
        ck_assert_ptr_eq(find_ok(up), b);
        /* The full name without diacritics: letters folded, punctuation that
         * has no ASCII form (an en dash) replaced by a space. */
        size_t o = 0;
        for (const char *p = want_name; *p;) {
            size_t step = 1, out_len = 0;
            while ((p[step] & 0xC0) == 0x80)
                step++;
            if (vqr_text_fold(p, step, 0, ascii + o, sizeof ascii - o, &out_len, NULL, NULL) ==
                VQR_OK)
                o += out_len;
            else
                ascii[o++] = ' ';
            p += step;
        }
        ascii[o] = '\0';
        ck_assert_ptr_eq(find_ok(ascii), b);

        if (*swift) {
            size_t shared = swift_rows(&c, swift);
            if (shared == 1) {
                ck_assert_ptr_eq(find_ok(swift), b);
            } else {
                /* IBK Hanoi and HCM, CIMB's two BINs: list both. */
                expect_find_error(swift, strlen(swift), VQR_ERR_BANK_AMBIGUOUS, SIZE_MAX);
                const vqr_bank *all[4];
                size_t n = 0;
                ck_assert_int_eq(vqr_bank_find_all(swift, strlen(swift), all, 4, &n, NULL), VQR_OK);
                ck_assert_uint_eq(n, shared);
                bool listed = false;
                for (size_t j = 0; j < n; j++) {
                    ck_assert_str_eq(all[j]->swift, swift);
                    listed = listed || all[j] == b;
                    if (j)
                        ck_assert_int_lt(strcmp(all[j - 1]->bin, all[j]->bin), 0);
                }
                ck_assert(listed);
            }
        }
    }
}
END_TEST

START_TEST(every_alias_is_found)
{
    csv c;
    read_csv("bank_aliases.csv", 3, &c);
    ck_assert_uint_ge(c.rows, 30);
    for (size_t i = 0; i < c.rows; i++) {
        const char *alias = c.field[i][0], *bin = c.field[i][1], *kind = c.field[i][2];
        ck_assert(strcmp(kind, "alias") == 0 || strcmp(kind, "former") == 0);
        expect_bin(alias, bin);
        char low[64];
        size_t k = 0;
        for (; alias[k]; k++)
            low[k] = (char)(alias[k] >= 'A' && alias[k] <= 'Z' ? alias[k] - 'A' + 'a' : alias[k]);
        low[k] = '\0';
        expect_bin(low, bin);
    }
}
END_TEST

START_TEST(renames)
{
    ck_assert_str_eq(find_ok("OceanBank")->short_name, "MBV");
    ck_assert_str_eq(find_ok("Ocean Bank")->bin, "970414");
    ck_assert_str_eq(find_ok("DongA Bank")->short_name, "Vikki Bank");
    ck_assert_str_eq(find_ok("\xc4\x90\xc3\xb4ng \xc3\x81 Bank")->bin, "970406"); /* Dong A */
    ck_assert_str_eq(find_ok("LienVietPostBank")->short_name, "LPBank");
    ck_assert_str_eq(find_ok("Lien Viet Post Bank")->bin, "970449");
    ck_assert_str_eq(find_ok("Viet Capital Bank")->short_name, "BVBank");
    ck_assert_str_eq(find_ok("Maritime Bank")->short_name, "MSB");
    ck_assert_str_eq(find_ok("Navibank")->bin, "970419");
}
END_TEST

START_TEST(common_queries)
{
    static const char *vcb[] = { "vietcombank", "Vietcombank", "VIETCOMBANK", "Viet Com Bank",
                                 "VCB",         "vcb",         "BFTVVNVX",    "bftvvnvx",
                                 "BFTVVNVXXXX", "BFTVVNVX123", "970436" };
    for (size_t i = 0; i < sizeof vcb / sizeof vcb[0]; i++)
        expect_bin(vcb[i], "970436");
    /* Full name, with diacritics in NFC and NFD, and without. */
    expect_bin("Ng\xc3\xa2n h\xc3\xa0ng TMCP \xc3\x81 Ch\xc3\xa2u", "970416");
    expect_bin("Nga\xcc\x82n ha\xcc\x80ng TMCP A\xcc\x81 Cha\xcc\x82u", "970416");
    expect_bin("ngan hang tmcp a chau", "970416");
    expect_bin("NGAN HANG TMCP A CHAU", "970416");
    expect_bin("ACB", "970416");
    expect_bin("MB", "970422");
    expect_bin("MBBank", "970422");
    expect_bin("MB Bank", "970422");
    expect_bin("MBV", "970414");
    expect_bin("CTG", "970415");
    expect_bin("VietinBank", "970415");
    expect_bin("TCB", "970407");
    expect_bin("VPBank", "970432");
    expect_bin("BIDV", "970418");
    expect_bin("Agribank", "970405");
    expect_bin("VBA", "970405");
    expect_bin("Sacombank", "970403");
    expect_bin("STB", "970403");
    expect_bin("TPBank", "970423");
    expect_bin("HDBank", "970437");
    expect_bin("VIB", "970441");
    expect_bin("SHB", "970443");
    expect_bin("OCB", "970448");
    expect_bin("MSB", "970426");
    expect_bin("SeABank", "970440");
    expect_bin("Eximbank", "970431");
    expect_bin("EIB", "970431");
    expect_bin("NamABank", "970428");
    expect_bin("LPBank", "970449");
    expect_bin("Cake", "546034");
    expect_bin("Timo", "963388");
    expect_bin("MoMo", "971025");
    expect_bin("momo", "971025");
    /* Two banks share the loose key "cimbbank": spaces decide. */
    expect_bin("CIMB Bank", "422589");
    expect_bin("cimb-bank", "422589");
    expect_bin("CIMBBank", "970459");
    const vqr_bank *all[2];
    size_t n = 0;
    ck_assert_int_eq(vqr_bank_find_all("cimb bank", 9, all, 2, &n, NULL), VQR_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(all[0]->bin, "422589");
    ck_assert_str_eq(all[1]->bin, "970459");
}
END_TEST

START_TEST(unknown_and_ambiguous)
{
    expect_find_error("Bank of Nowhere", 15, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error("123456", 6, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error("", 0, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error(NULL, 0, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error(" - ", 3, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error("\xe4\xb8\xad\xe5\x9b\xbd\xe9\x93\xb6\xe8\xa1\x8c", 12, VQR_ERR_BANK_UNKNOWN,
                      SIZE_MAX);
    expect_find_error("BFTVVNVY", 8, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error("XXXXVNVXXXX", 11, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    expect_find_error("Vietcom", 7, VQR_ERR_BANK_UNKNOWN, SIZE_MAX); /* no prefix matching */
    char longq[400];
    memset(longq, 'a', sizeof longq);
    expect_find_error(longq, sizeof longq, VQR_ERR_BANK_UNKNOWN, SIZE_MAX);
    /* Malformed UTF-8: the offset of the bad byte. */
    expect_find_error("VCB\xff", 4, VQR_ERR_UTF8, 3);
    expect_find_error("\xc4\x91\xc3", 3, VQR_ERR_UTF8, 2);
    /* Shared SWIFT codes. */
    expect_find_error("IBKOVNVX", 8, VQR_ERR_BANK_AMBIGUOUS, SIZE_MAX);
    expect_find_error("CIBBVNVN", 8, VQR_ERR_BANK_AMBIGUOUS, SIZE_MAX);

    const vqr_bank *all[2] = { NULL, NULL };
    size_t n = 99;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_bank_find_all("IBKOVNVX", 8, all, 1, &n, &e), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(e.code, VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(e.limit, 2);
    ck_assert_ptr_null(all[0]);
    ck_assert_int_eq(vqr_bank_find_all("IBKOVNVX", 8, NULL, 0, &n, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(vqr_bank_find_all("IBKOVNVX", 8, all, 2, &n, NULL), VQR_OK);
    ck_assert_str_eq(all[0]->bin, "970455");
    ck_assert_str_eq(all[1]->bin, "970456");
    POISON(e);
    ck_assert_int_eq(vqr_bank_find_all("nowhere", 7, all, 2, &n, &e), VQR_ERR_BANK_UNKNOWN);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(e.code, VQR_ERR_BANK_UNKNOWN);

    /* Invalid arguments. */
    const vqr_bank *b;
    POISON(e);
    ck_assert_int_eq(vqr_bank_find(NULL, 3, &b, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(e.code, VQR_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(vqr_bank_find("VCB", 3, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_find_all("VCB", 3, all, 2, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_find_all("VCB", 3, NULL, 2, &n, NULL), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* Six-digit numbers: found exactly when one is a row's BIN, and then that
 * row. Every number of 969000-972999 (the direct table for 970000-971099
 * and both its edges), every row's BIN and its neighbours, and every
 * 997th number from 000000 (the search over the other rows). */
static void check_bin_number(unsigned v)
{
    char bin[8];
    snprintf(bin, sizeof bin, "%06u", v);
    const vqr_bank *b = NULL;
    vqr_status st = vqr_bank_find_bin(bin, 6, &b, NULL);
    bool row = false;
    for (size_t i = 0; i < vqr_bank_count() && !row; i++)
        row = strcmp(bank_at(i)->bin, bin) == 0;
    if (row) {
        ck_assert_int_eq(st, VQR_OK);
        ck_assert_str_eq(b->bin, bin);
    } else {
        ck_assert_int_eq(st, VQR_ERR_BANK_UNKNOWN);
    }
}

START_TEST(by_bin_numbers)
{
    for (unsigned v = 969000u; v < 973000u; v++)
        check_bin_number(v);
    for (size_t i = 0; i < vqr_bank_count(); i++) {
        unsigned v = (unsigned)strtoul(bank_at(i)->bin, NULL, 10);
        check_bin_number(v);
        check_bin_number(v + 1);
        if (v > 0)
            check_bin_number(v - 1);
    }
    for (unsigned v = 0; v < 1000000u; v += 997u)
        check_bin_number(v);
}
END_TEST

/* The BINs vqr_bank_find_all() lists for a query, ", "-separated. */
static const char *found_bins(const char *q)
{
    static char out[1024];
    const vqr_bank *all[128];
    size_t n = 0;
    out[0] = '\0';
    vqr_status st = vqr_bank_find_all(q, strlen(q), all, 128, &n, NULL);
    if (st != VQR_OK)
        return vqr_status_name(st);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ", ");
        strcat(out, all[i]->bin);
        if (i)
            ck_assert_int_lt(strcmp(all[i - 1]->bin, all[i]->bin), 0);
    }
    return out;
}

START_TEST(search_by_part)
{
    /* The queries: a part of a short name, a name, an alias, a
     * SWIFT code, in any case, with or without diacritics and spaces. */
    ck_assert_str_eq(found_bins("vietcom"), "970436");
    ck_assert_str_eq(found_bins("Shinhan"), "970424");
    ck_assert_str_eq(found_bins("shinhan"), "970424");
    ck_assert_str_eq(found_bins("CIMB"), "422589, 970459");
    ck_assert_str_eq(found_bins("cimb"), "422589, 970459");
    ck_assert_str_eq(found_bins("ngoai thuong"), "970436");
    ck_assert_str_eq(found_bins("Ngoại Thương"), "970436");
    ck_assert_str_eq(found_bins("ngoa\xCC\xA3i thu\xCC\x9Bo\xCC\x9Bng"), "970436"); /* NFD */
    ck_assert_str_eq(found_bins("BFTVVN"), "970436");
    ck_assert_str_eq(found_bins("BFTVVNVXXXX"), "970436"); /* a BIC with a branch code */
    ck_assert_str_eq(found_bins("oceanbank"), "970414");   /* a former name */
    ck_assert_str_eq(found_bins("VPBank"), "546034, 546035, 970432");
    /* "ngan hang" is in nearly every full name: every bank whose name holds it. */
    size_t n = 0, want = 0;
    ck_assert_int_eq(vqr_bank_find_all("ngan hang", 9, NULL, 0, &n, NULL),
                     VQR_ERR_BUFFER_TOO_SMALL);
    for (size_t i = 0; i < vqr_bank_count(); i++) {
        char loose[256], tight[256];
        const char *name = bank_at(i)->name;
        ck_assert_int_eq(vqr_text_key(name, strlen(name), loose, tight, sizeof loose, NULL),
                         VQR_OK);
        want += strstr(loose, "nganhang") != NULL;
    }
    ck_assert_uint_eq(n, want);
    ck_assert_uint_gt(n, 50);
    /* Every bank whose BIN holds "9704". */
    ck_assert_int_eq(vqr_bank_find_all("9704", 4, NULL, 0, &n, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    want = 0;
    for (size_t i = 0; i < vqr_bank_count(); i++)
        want += strstr(bank_at(i)->bin, "9704") != NULL;
    ck_assert_uint_eq(n, want);
    /* Whatever vqr_bank_find() resolves is among what the search finds. */
    static const char *const exact[] = { "VCB", "MB", "Cake", "970436", "BIDV", "CIMB Bank" };
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        const vqr_bank *b = find_ok(exact[i]);
        ck_assert_ptr_nonnull(strstr(found_bins(exact[i]), b->bin));
    }
    /* Nothing, or nothing to search with. */
    ck_assert_str_eq(found_bins("nowhere"), "VQR_ERR_BANK_UNKNOWN");
    ck_assert_str_eq(found_bins(" - "), "VQR_ERR_BANK_UNKNOWN");
    ck_assert_str_eq(found_bins(""), "VQR_ERR_BANK_UNKNOWN");
    ck_assert_str_eq(found_bins("\xe4\xb8\xad\xe5\x9b\xbd"), "VQR_ERR_BANK_UNKNOWN");
    ck_assert_str_eq(found_bins("VCB\xff"), "VQR_ERR_UTF8");
}
END_TEST

/* The banks vqr_bank_suggest() gives, as "short name (BIN)" joined by ", ". */
static const char *suggested(const char *q, size_t cap)
{
    static char out[512];
    const vqr_bank *b[8] = { NULL };
    size_t n = 99;
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_bank_suggest(q, q ? strlen(q) : 0, b, cap, &n, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_uint_le(n, cap);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ", ");
        strcat(out, b[i]->short_name);
        strcat(out, " (");
        strcat(out, b[i]->bin);
        strcat(out, ")");
    }
    return out;
}

START_TEST(suggestions)
{
    /* Mistyped: a few edits away. */
    ck_assert_str_eq(suggested("Vietcombnak", 3), "Vietcombank (970436)");
    ck_assert_str_eq(suggested("vietcombnak", 3), "Vietcombank (970436)");
    ck_assert_str_eq(suggested("Techcombnk", 3), "Techcombank (970407)");
    ck_assert_str_eq(suggested("Agrbank", 1), "Agribank (970405)");
    ck_assert_str_eq(suggested("Sacombak", 1), "Sacombank (970403)");
    ck_assert_str_eq(suggested("BDIV", 1), "BIDV (970418)"); /* two letters swapped */
    /* Partial: the shortest name that holds it first. */
    ck_assert_str_eq(suggested("Vietcom", 1), "Vietcombank (970436)");
    ck_assert_str_eq(suggested("shinhan", 3), "Shinhan Bank (970424)");
    /* Ambiguous: the candidates first. */
    ck_assert_str_eq(suggested("IBKOVNVX", 3), "IBK HN (970455), IBK HCM (970456)");
    /* A query that names a bank gives it first. */
    ck_assert_str_eq(suggested("VCB", 1), "Vietcombank (970436)");
    /* At most `cap`, best first; ties by BIN. */
    ck_assert_str_eq(suggested("970499", 3), "BacA Bank (970409), NCB Bank (970419), SCB (970429)");
    ck_assert_str_eq(suggested("Vietcombnak", 0), "");
    /* Nothing alike, nothing to compare. */
    ck_assert_str_eq(suggested("Bank of Nowhere At All", 3), "");
    ck_assert_str_eq(suggested(" - ", 3), "");
    ck_assert_str_eq(suggested("", 3), "");
    ck_assert_str_eq(suggested(NULL, 3), "");
    char longq[400];
    memset(longq, 'a', sizeof longq - 1);
    longq[sizeof longq - 1] = '\0';
    ck_assert_str_eq(suggested(longq, 3), "");
    /* Errors. */
    const vqr_bank *b[3];
    size_t n = 0;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_bank_suggest("VCB\xff", 4, b, 3, &n, &e), VQR_ERR_UTF8);
    ck_assert_uint_eq(e.offset, 3);
    ck_assert_int_eq(vqr_bank_suggest("VCB", 3, b, 3, NULL, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_suggest("VCB", 3, NULL, 3, &n, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_suggest(NULL, 3, b, 3, &n, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_suggest("VCB", 3, NULL, 0, &n, NULL), VQR_OK);
    ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(find_by_bin)
{
    const vqr_bank *b = NULL;
    vqr_error e;
    VQR_INIT(&e);
    /* a view, not a C string */
    ck_assert_int_eq(vqr_bank_find_bin("970436XYZ", 6, &b, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(b->short_name, "Vietcombank");
    ck_assert_str_eq(b->swift, "BFTVVNVX");
    ck_assert_int_eq(vqr_bank_find_bin("970436", 5, &b, &e), VQR_ERR_BIN);
    ck_assert_ptr_null(b);
    ck_assert_uint_eq(e.limit, 6);
    ck_assert_str_eq(e.tag, "38.01.00");
    ck_assert_uint_eq(e.offset, SIZE_MAX);
    ck_assert_int_eq(vqr_bank_find_bin("9704360", 7, &b, &e), VQR_ERR_BIN);
    ck_assert_int_eq(vqr_bank_find_bin("97043a", 6, &b, &e), VQR_ERR_BIN);
    ck_assert_uint_eq(e.offset, 5);
    /* a valid BIN the directory lacks */
    ck_assert_int_eq(vqr_bank_find_bin("999999", 6, &b, &e), VQR_ERR_BANK_UNKNOWN);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(e.code, VQR_ERR_BANK_UNKNOWN);
    ck_assert_int_eq(vqr_bank_find_bin("970401", 6, &b, NULL), VQR_ERR_BANK_UNKNOWN);
    ck_assert_int_eq(vqr_bank_find_bin(NULL, 6, &b, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_find_bin("970436", 6, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_bank_find_bin("971025", 6, &b, NULL), VQR_OK);
    ck_assert_str_eq(b->short_name, "MoMo");
    ck_assert_ptr_null(b->swift);
    /* LPBank's name is NFD in parts of the source; the table holds NFC. */
    ck_assert_str_eq(bank_bin("970449", 6)->name, "Ng\xc3\xa2n h\xc3\xa0ng TMCP L\xe1\xbb\x99"
                                                  "c Ph\xc3\xa1t Vi\xe1\xbb\x87t Nam");
}
END_TEST

START_TEST(table_order_and_form)
{
    size_t n = vqr_bank_count();
    for (size_t i = 0; i < n; i++) {
        const vqr_bank *b = bank_at(i);
        ck_assert_ptr_nonnull(b);
        ck_assert_uint_eq(strlen(b->bin), 6);
        if (i)
            ck_assert_int_lt(strcmp(bank_at(i - 1)->bin, b->bin), 0);
        ck_assert_ptr_eq(bank_bin(b->bin, 6), b);
        ck_assert(b->swift == NULL || strlen(b->swift) == 8);
        char out[256];
        nfc(b->name, out, sizeof out);
        ck_assert_str_eq(out, b->name);
        nfc(b->short_name, out, sizeof out);
        ck_assert_str_eq(out, b->short_name);
    }
    const vqr_bank *b = &k_sentinel;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_bank_at(n, &b, &e), VQR_ERR_NOT_FOUND);
    ck_assert_ptr_null(b);
    ck_assert_uint_eq(e.limit, n);
    ck_assert_int_eq(vqr_bank_at((size_t)-1, &b, NULL), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_bank_at(0, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(data_version)
{
    char *v = read_data_file("VERSION");
    size_t len = strlen(v);
    while (len && (v[len - 1] == '\n' || v[len - 1] == '\r'))
        v[--len] = '\0';
    ck_assert_str_eq(vqr_bank_data_version(), v);
    ck_assert_str_eq(vqr_bank_data_version(), "2026.11.1");
}
END_TEST

/* The table's keys are exactly the keys vqr_text_key() computes from the
 * data files: the generator and the library fold names the same way. */
static size_t key_index(const char *loose, const char *tight, unsigned bank)
{
    for (size_t i = 0; i < vqr_bank_key_count(); i++) {
        const vqr_bank_key *k = vqr_bank_key_at(i);
        if (k->bank == bank && strcmp(k->loose, loose) == 0 && strcmp(k->tight, tight) == 0)
            return i;
    }
    return SIZE_MAX;
}

static void mark_key(const char *text, unsigned bank, bool *used)
{
    char loose[256], tight[256];
    vqr_error e;
    VQR_INIT(&e);
    POISON(e);
    ck_assert_int_eq(vqr_text_key(text, strlen(text), loose, tight, sizeof loose, &e), VQR_OK);
    ck_assert_int_eq(e.code, VQR_OK);
    size_t i = key_index(loose, tight, bank);
    ck_assert_msg(i != SIZE_MAX, "no key %s / %s for %s", loose, tight, text);
    used[i] = true;
}

START_TEST(generated_keys_match_the_library)
{
    static bool used[1024];
    csv banks, aliases;
    size_t nkeys = vqr_bank_key_count();
    ck_assert_uint_le(nkeys, sizeof used);
    read_csv("banks.csv", 4, &banks);
    read_csv("bank_aliases.csv", 3, &aliases);
    for (size_t i = 0; i < banks.rows; i++) {
        unsigned bank = (unsigned)(bank_bin(banks.field[i][0], 6) - bank_at(0));
        for (size_t f = 0; f < 4; f++)
            if (*banks.field[i][f])
                mark_key(banks.field[i][f], bank, used);
    }
    for (size_t i = 0; i < aliases.rows; i++) {
        unsigned bank = (unsigned)(bank_bin(aliases.field[i][1], 6) - bank_at(0));
        mark_key(aliases.field[i][0], bank, used);
    }
    for (size_t i = 0; i < nkeys; i++) {
        const vqr_bank_key *k = vqr_bank_key_at(i);
        ck_assert_msg(used[i], "key %s of bank %u comes from no data", k->loose, k->bank);
        if (i)
            ck_assert_int_le(strcmp(vqr_bank_key_at(i - 1)->loose, k->loose), 0);
    }
    ck_assert_ptr_null(vqr_bank_key_at(nkeys));

    /* The key function itself. */
    char loose[32], tight[32];
    const char *hn = " S\xc3\xa0i G\xc3\xb2n \xe2\x80\x93 H\xc3\xa0 N\xe1\xbb\x99i! ";
    ck_assert_int_eq(vqr_text_key(hn, strlen(hn), loose, tight, sizeof loose, NULL), VQR_OK);
    ck_assert_str_eq(loose, "saigonhanoi");
    ck_assert_str_eq(tight, "sai gon ha noi");
    ck_assert_int_eq(vqr_text_key("\xc4\x90\xe1\xbb\xa9"
                                  "c",
                                  6, loose, tight, sizeof loose, NULL),
                     VQR_OK);
    ck_assert_str_eq(loose, "duc");
    ck_assert_int_eq(vqr_text_key("a\xd0\x96", 3, loose, tight, sizeof loose, NULL),
                     VQR_ERR_TEXT_NOT_ASCII);
    ck_assert_int_eq(vqr_text_key("a b c", 5, loose, tight, 5, NULL), VQR_ERR_BUFFER_TOO_SMALL);
    ck_assert_int_eq(vqr_text_key("a b c", 5, loose, tight, 6, NULL), VQR_OK);
    ck_assert_str_eq(tight, "a b c");
}
END_TEST

static Suite *banks_suite(void)
{
    Suite *s = suite_create("banks");
    TCase *tc = tcase_create("directory");
    tcase_add_test(tc, every_row_is_found);
    tcase_add_test(tc, every_alias_is_found);
    tcase_add_test(tc, renames);
    tcase_add_test(tc, common_queries);
    tcase_add_test(tc, unknown_and_ambiguous);
    tcase_add_test(tc, search_by_part);
    tcase_add_test(tc, suggestions);
    tcase_add_test(tc, find_by_bin);
    tcase_add_test(tc, by_bin_numbers);
    tcase_add_test(tc, table_order_and_form);
    tcase_add_test(tc, data_version);
    tcase_add_test(tc, generated_keys_match_the_library);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(banks_suite());
}
