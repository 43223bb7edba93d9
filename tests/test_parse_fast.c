/*
 * test_parse_fast.c - the one-pass path of vqr_payload_parse() (plain
 * NAPAS 247 payloads, default profile) against the general path.
 *
 * Whenever a default parse succeeds with the VietQR profile, the same
 * input parsed with VQR_PARSE_VIETQR (always the general path: framing,
 * template walks, every rule of validate.c) must succeed too, without a
 * single diagnostic, and leave exactly the same payload behind: the same
 * nodes (IDs, links, offsets, lengths, flags), the same index of root
 * objects, the same CRC strings, the same bytes. Inputs: every payload of
 * bench/data/vietqr-corpus.tsv (1,000 fee-run payloads and the VietQR
 * test vectors) and thousands of mutations of them, most with their CRC
 * made right again so that the checks behind it are reached.
 *
 * The VietQR view (vqr_vietqr_read) of a payload the one-pass path read
 * comes from the index it leaves (p->fast): it must be the view of the
 * general path's payload, field for field, and an edit must drop the
 * index (the view of an edited payload is read from its tree).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

#define MAX_ROWS 2048
#define MAX_LEN 600

static char g_rows[MAX_ROWS][MAX_LEN];
static size_t g_count;

static void load(void)
{
    const char *path = getenv("VQR_BENCH_CORPUS");
    ck_assert_msg(path != NULL, "VQR_BENCH_CORPUS is not set");
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char line[4096];
    g_count = 0;
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* the header */
    while (fgets(line, sizeof line, f) && g_count < MAX_ROWS) {
        char *tab = strchr(line, '\t');
        ck_assert_ptr_nonnull(tab);
        *tab = '\0';
        ck_assert_uint_lt(strlen(line), MAX_LEN);
        strcpy(g_rows[g_count++], line);
    }
    fclose(f);
    ck_assert_uint_ge(g_count, 1000);
}

static unsigned next_rand(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7FFF;
}

/* Makes the trailing "6304XXXX" right for the bytes before it. */
static void fix_crc(char *s, size_t len)
{
    if (len < 8 || memcmp(s + len - 8, "6304", 4) != 0)
        return;
    char hex[5];
    vqr_crc_hex(vqr_crc16(s, len - 4), hex);
    memcpy(s + len - 4, hex, 4);
}

static vqr_payload g_fast, g_full;
static unsigned long g_compared, g_valid, g_indexed;

/* The two views are the same, field for field. */
static void same_view(const char *s, size_t len, const vqr_vietqr_info *a, const vqr_vietqr_info *b)
{
#define SAME_STR(f) \
    ck_assert_msg(strcmp(a->f, b->f) == 0, "%.*s: " #f " \"%s\" != \"%s\"", (int)len, s, a->f, b->f)
#define SAME_NUM(f) ck_assert_msg(a->f == b->f, "%.*s: " #f " differs", (int)len, s)
    SAME_NUM(network);
    SAME_NUM(mai_id);
    SAME_STR(guid);
    SAME_STR(bin);
    SAME_NUM(bank_known);
    SAME_STR(bank_short_name);
    SAME_STR(bank_name);
    SAME_STR(bank_swift);
    SAME_STR(account);
    SAME_NUM(service);
    SAME_STR(service_code);
    SAME_NUM(is_static);
    SAME_NUM(is_dynamic);
    SAME_STR(amount);
    SAME_NUM(amount_minor);
    SAME_NUM(amount_status);
    SAME_NUM(currency);
    ck_assert_int_eq(memcmp(a->currency_alpha, b->currency_alpha, sizeof a->currency_alpha), 0);
    SAME_STR(country);
    SAME_STR(mcc);
    SAME_STR(merchant_name);
    SAME_STR(merchant_city);
    SAME_STR(bill_number);
    SAME_STR(store);
    SAME_STR(reference);
    SAME_STR(terminal);
    SAME_STR(purpose);
#undef SAME_STR
#undef SAME_NUM
}

/* The views of g_fast and g_full: the same status, error and fields. The
 * views start painted differently, so that a field one of them leaves
 * unwritten shows. */
static void compare_views(const char *s, size_t len)
{
    static vqr_vietqr_info a, b;
    vqr_error ea, eb;
    memset(&a, 0xA5, sizeof a);
    memset(&b, 0x5A, sizeof b);
    a.size = b.size = sizeof a;
    VQR_INIT(&ea);
    VQR_INIT(&eb);
    vqr_status sa = vqr_vietqr_read(&g_fast, &a, &ea);
    vqr_status sb = vqr_vietqr_read(&g_full, &b, &eb);
    ck_assert_int_eq(sa, sb);
    ck_assert_int_eq(ea.code, eb.code);
    ck_assert_str_eq(ea.tag, eb.tag);
    same_view(s, len, &a, &b);
}

/* Parses s both ways; when the default parse gives a VietQR, the two
 * payloads must be the same. */
static void compare(const char *s, size_t len)
{
    vqr_status a = vqr_payload_parse(&g_fast, s, len, 0, NULL);
    g_compared++;
    if (a != VQR_OK || vqr_payload_profile(&g_fast) != VQR_PROFILE_VIETQR)
        return;
    g_valid++;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status b = vqr_payload_parse(&g_full, s, len, VQR_PARSE_VIETQR, &e);
    ck_assert_msg(b == VQR_OK, "%.*s: valid by default, %s at %s with the VietQR profile", (int)len,
                  s, vqr_status_name(b), e.tag);
    const vqr_payload_impl *x = (const vqr_payload_impl *)(const void *)&g_fast;
    const vqr_payload_impl *y = (const vqr_payload_impl *)(const void *)&g_full;
    ck_assert_uint_eq(y->ndiag, 0);
    ck_assert_uint_eq(x->ndiag, 0);
    ck_assert_uint_eq(x->nerr, y->nerr);
    ck_assert_uint_eq(x->nwarn, y->nwarn);
    ck_assert_uint_eq(x->input_len, y->input_len);
    ck_assert_uint_eq(x->start, y->start);
    ck_assert_uint_eq(x->arena_len, y->arena_len);
    ck_assert_uint_eq(x->count, y->count);
    ck_assert_uint_eq(x->first, y->first);
    ck_assert_uint_eq(x->last, y->last);
    ck_assert_uint_eq(x->ascii, y->ascii);
    ck_assert_uint_eq(x->crc_state, y->crc_state);
    ck_assert_uint_eq(x->byte_lengths, y->byte_lengths);
    ck_assert_uint_eq(x->profile, y->profile);
    ck_assert_str_eq(x->crc_given, y->crc_given);
    ck_assert_str_eq(x->crc_computed, y->crc_computed);
    ck_assert_int_eq(memcmp(x->root_by_id, y->root_by_id, sizeof x->root_by_id), 0);
    ck_assert_int_eq(memcmp(x->node, y->node, x->count * sizeof x->node[0]), 0);
    ck_assert_int_eq(memcmp(x->arena, y->arena, x->arena_len), 0);
    ck_assert_uint_eq(y->fast, 0);
    g_indexed += x->fast;
    compare_views(s, len);
}

START_TEST(corpus_alike)
{
    load();
    g_compared = g_valid = g_indexed = 0;
    for (size_t i = 0; i < g_count; i++)
        compare(g_rows[i], strlen(g_rows[i]));
    /* Every row is a valid VietQR: each went through the comparison, and
     * each was read by the one-pass path. */
    ck_assert_uint_eq(g_valid, g_count);
    ck_assert_uint_eq(g_indexed, g_count);
}
END_TEST

/* An edit drops the index: after the same change to both payloads, the
 * views are still the same. */
START_TEST(edits_drop_index)
{
    static const char *const paths[] = { "62.08", "38.01.01", "54", "53", "62", "38.02", "01" };
    static const char *const values[] = { "CHUYEN TIEN", "0123456789", "1500", "840", "",
                                          "QRIBFTTC",    "12" };
    load();
    for (size_t i = 0; i < g_count; i += 37) {
        const char *s = g_rows[i];
        size_t len = strlen(s);
        for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
            ck_assert_int_eq(vqr_payload_parse(&g_fast, s, len, 0, NULL), VQR_OK);
            ck_assert_int_eq(vqr_payload_parse(&g_full, s, len, VQR_PARSE_VIETQR, NULL), VQR_OK);
            const vqr_payload_impl *x = (const vqr_payload_impl *)(const void *)&g_fast;
            ck_assert_uint_eq(x->fast, 1);
            if (values[k][0]) {
                vqr_payload_set(&g_fast, paths[k], values[k], strlen(values[k]), NULL);
                vqr_payload_set(&g_full, paths[k], values[k], strlen(values[k]), NULL);
            } else {
                vqr_payload_remove(&g_fast, paths[k], NULL);
                vqr_payload_remove(&g_full, paths[k], NULL);
            }
            ck_assert_uint_eq(x->fast, 0);
            compare_views(s, len);
            /* A copy of a payload keeps what it says about itself. */
            ck_assert_int_eq(vqr_payload_parse(&g_fast, s, len, 0, NULL), VQR_OK);
            memcpy(&g_full, &g_fast, sizeof g_full);
            compare_views(s, len);
        }
    }
}
END_TEST

START_TEST(mutations_alike)
{
    /* Characters a mutation puts in: digits (lengths, IDs), letters
     * (hex, names), the edges of printable ASCII, controls, a byte of
     * UTF-8. */
    static const char subst[] = "0123456789019AFafZz .~\x7F\x1F\x01\xC3\xA9-/";
    load();
    unsigned seed = 20261202u;
    g_compared = g_valid = 0;
    const int rounds = (int)test_rounds(60000); /* a tenth under memcheck */
    for (int round = 0; round < rounds; round++) {
        const char *src = g_rows[next_rand(&seed) % g_count];
        char s[MAX_LEN + 16];
        size_t len = strlen(src);
        memcpy(s, src, len);
        int edits = 1 + (int)(next_rand(&seed) % 3);
        for (int k = 0; k < edits; k++) {
            size_t at = next_rand(&seed) % len;
            switch (next_rand(&seed) % 6) {
            case 0:
            case 1:
            case 2: /* replace */
                s[at] = subst[next_rand(&seed) % (sizeof subst - 1)];
                break;
            case 3: /* delete */
                memmove(s + at, s + at + 1, len - at - 1);
                len--;
                break;
            case 4: /* insert */
                if (len < MAX_LEN) {
                    memmove(s + at + 1, s + at, len - at);
                    s[at] = subst[next_rand(&seed) % (sizeof subst - 1)];
                    len++;
                }
                break;
            default: /* a whole object doubled */
                if (len + 12 < MAX_LEN && at + 12 <= len) {
                    memmove(s + at + 12, s + at, len - at);
                    len += 12;
                }
                break;
            }
        }
        if (next_rand(&seed) % 8 != 0)
            fix_crc(s, len);
        if (next_rand(&seed) % 20 == 0 && len >= 4) /* a lower-case CRC */
            for (size_t i = len - 4; i < len; i++)
                if (s[i] >= 'A' && s[i] <= 'F')
                    s[i] = (char)(s[i] - 'A' + 'a');
        compare(s, len);
    }
    /* Some mutations leave a valid VietQR (a changed account digit, a
     * changed letter of a name): the comparison reached past the rules. */
    ck_assert_uint_gt(g_valid, test_rounds(1000));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("parse_fast");
    TCase *tc = tcase_create("alike");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, corpus_alike);
    tcase_add_test(tc, mutations_alike);
    tcase_add_test(tc, edits_drop_index);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
