/*
 * bench_compare.c - the C side of bench/compare.py: reading and writing
 * the payloads of bench/data/vietqr-corpus.tsv through the public API,
 * beside the yardsticks the goals are stated in (one byte-wise table
 * CRC-16 pass, a slice-by-8 CRC pass, copying the fields into TLV with a
 * byte-wise CRC), all in one process, pinned by the caller.
 *
 * Every row is checked first: the read must give every field of the row,
 * the write must give the row's canonical payload byte for byte. Then the
 * operations are timed in interleaved rounds (one round = one pass over
 * the corpus per operation), so that load on the machine hits them alike;
 * each prints its fastest and its median round in ns per payload.
 *
 * `--memory` instead reports, per operation, the stack high-water mark
 * (on a thread whose stack is painted beforehand) and how much of the
 * caller's storage one call writes (64-byte lines and 4 KiB pages of the
 * vqr_payload and vqr_vietqr_info, painted with two patterns).
 *
 * Usage: bench_compare [--rounds N] [--only OP] [--memory] CORPUS.tsv
 * Output: one line per operation, tab-separated:
 *   op <name> <fastest ns> <median ns> <rounds>
 *   mem <name> <stack bytes> <lines written> <pages written>
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vietqr.h"

#define MAX_ROWS 4096
#define NCOLS 11

enum {
    C_PAYLOAD,
    C_BIN,
    C_ACCOUNT,
    C_SERVICE,
    C_AMOUNT,
    C_MCC,
    C_NAME,
    C_CITY,
    C_BILL,
    C_PURPOSE,
    C_CANON
};

typedef struct row {
    char *col[NCOLS];
    size_t len;  /* of the payload */
    size_t clen; /* of the canonical payload */
    vqr_vietqr in;
    unsigned flags;
} row;

static row g_rows[MAX_ROWS];
static int g_n;
static volatile uint64_t g_sink;

/* ---- yardsticks ---- */

static uint16_t k_t8[8][256];

static void tables_init(void)
{
    for (unsigned b = 0; b < 256; b++) {
        uint16_t c = (uint16_t)(b << 8);
        for (int k = 0; k < 8; k++)
            c = (uint16_t)((c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1);
        k_t8[0][b] = c;
    }
    for (unsigned b = 0; b < 256; b++)
        for (int k = 1; k < 8; k++)
            k_t8[k][b] = (uint16_t)((k_t8[k - 1][b] << 8) ^ k_t8[0][k_t8[k - 1][b] >> 8]);
}

/* The plain byte-wise table-driven CRC-16/CCITT-FALSE. */
static uint16_t crc_bytewise(const unsigned char *s, size_t len, uint16_t crc)
{
    for (size_t i = 0; i < len; i++)
        crc = (uint16_t)((crc << 8) ^ k_t8[0][(crc >> 8) ^ s[i]]);
    return crc;
}

/* Slice-by-8: eight independent lookups per step. */
static uint16_t crc_slice8(const unsigned char *s, size_t len)
{
    uint16_t crc = 0xFFFF;
    while (len >= 8) {
        crc = (uint16_t)(k_t8[7][(crc >> 8) ^ s[0]] ^ k_t8[6][(crc & 0xFF) ^ s[1]] ^ k_t8[5][s[2]] ^
                         k_t8[4][s[3]] ^ k_t8[3][s[4]] ^ k_t8[2][s[5]] ^ k_t8[1][s[6]] ^
                         k_t8[0][s[7]]);
        s += 8;
        len -= 8;
    }
    return crc_bytewise(s, len, crc);
}

/* ---- the corpus ---- */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        exit(2);
    buf[n] = '\0';
    return buf;
}

static const char *opt(const char *s)
{
    return s[0] ? s : NULL;
}

static void load(const char *path)
{
    char *text = read_file(path);
    char *line = strchr(text, '\n'); /* skip the header */
    while (line && line[1]) {
        char *s = line + 1;
        line = strchr(s, '\n');
        if (line)
            *line = '\0';
        if (g_n == MAX_ROWS) {
            fprintf(stderr, "bench_compare: more than %d rows\n", MAX_ROWS);
            exit(2);
        }
        row *r = &g_rows[g_n];
        for (int c = 0; c < NCOLS; c++) {
            r->col[c] = s;
            char *tab = strchr(s, '\t');
            if (!tab && c < NCOLS - 1) {
                fprintf(stderr, "bench_compare: row %d has %d columns\n", g_n + 1, c + 1);
                exit(2);
            }
            if (tab) {
                *tab = '\0';
                s = tab + 1;
            }
        }
        r->len = strlen(r->col[C_PAYLOAD]);
        r->clen = strlen(r->col[C_CANON]);
        vqr_vietqr_init(&r->in, sizeof r->in, NULL);
        r->in.bank = r->col[C_BIN];
        r->in.account = r->col[C_ACCOUNT];
        r->in.service =
            strcmp(r->col[C_SERVICE], "QRIBFTTC") == 0 ? VQR_SERVICE_CARD : VQR_SERVICE_ACCOUNT;
        r->in.amount = strtoull(r->col[C_AMOUNT], NULL, 10);
        r->in.mcc = opt(r->col[C_MCC]);
        r->in.merchant_name = opt(r->col[C_NAME]);
        r->in.merchant_city = opt(r->col[C_CITY]);
        r->in.bill_number = opt(r->col[C_BILL]);
        r->in.purpose = opt(r->col[C_PURPOSE]);
        r->flags = strspn(r->in.account, "0123456789") == strlen(r->in.account)
                       ? 0u
                       : (unsigned)VQR_VIETQR_ALNUM_ACCOUNT;
        g_n++;
    }
}

/* ---- the operations ---- */

static vqr_payload g_payload;
static vqr_vietqr_info g_info;

static void op_crc_bytewise(int i)
{
    const row *r = &g_rows[i];
    g_sink += crc_bytewise((const unsigned char *)r->col[C_PAYLOAD], r->len, 0xFFFF);
}

static void op_crc_slice8(int i)
{
    const row *r = &g_rows[i];
    g_sink += crc_slice8((const unsigned char *)r->col[C_PAYLOAD], r->len);
}

/* The library's own CRC (vqr_crc_check: sliced tables) over the payload. */
static void op_crc_lib(int i)
{
    const row *r = &g_rows[i];
    g_sink += (uint64_t)vqr_crc_check(r->col[C_PAYLOAD], r->len, NULL, NULL);
}

/* What a writer cannot do without: the fields copied into TLV (root
 * objects, 38 and 62 with their lengths) and a byte-wise CRC. */
static size_t put(char *o, const char *id, const char *v, size_t n)
{
    o[0] = id[0];
    o[1] = id[1];
    o[2] = (char)('0' + n / 10);
    o[3] = (char)('0' + n % 10);
    memcpy(o + 4, v, n);
    return n + 4;
}

/* The header of a template whose value is the n bytes after it. */
static void hdr(char *o, const char *id, size_t n)
{
    o[0] = id[0];
    o[1] = id[1];
    o[2] = (char)('0' + n / 10);
    o[3] = (char)('0' + n % 10);
}

static void op_tlv_crc(int i)
{
    const row *r = &g_rows[i];
    const vqr_vietqr *in = &r->in;
    char o[512], amount[24];
    size_t n = 0;
    size_t alen =
        in->amount ? (size_t)snprintf(amount, sizeof amount, "%llu", (unsigned long long)in->amount)
                   : 0;
    n += put(o + n, "00", "01", 2);
    n += put(o + n, "01", alen ? "12" : "11", 2);
    size_t acct = strlen(in->account), t38 = n;
    n += 4;
    n += put(o + n, "00", "A000000727", 10);
    size_t t3801 = n;
    n += 4;
    n += put(o + n, "00", in->bank, 6);
    n += put(o + n, "01", in->account, acct);
    hdr(o + t3801, "01", n - t3801 - 4);
    n += put(o + n, "02", r->col[C_SERVICE], strlen(r->col[C_SERVICE]));
    hdr(o + t38, "38", n - t38 - 4);
    if (in->mcc)
        n += put(o + n, "52", in->mcc, 4);
    n += put(o + n, "53", "704", 3);
    if (alen)
        n += put(o + n, "54", amount, alen);
    n += put(o + n, "58", "VN", 2);
    if (in->merchant_name)
        n += put(o + n, "59", in->merchant_name, strlen(in->merchant_name));
    if (in->merchant_city)
        n += put(o + n, "60", in->merchant_city, strlen(in->merchant_city));
    if (in->bill_number || in->purpose) {
        size_t t62 = n;
        n += 4;
        if (in->bill_number)
            n += put(o + n, "01", in->bill_number, strlen(in->bill_number));
        if (in->purpose)
            n += put(o + n, "08", in->purpose, strlen(in->purpose));
        hdr(o + t62, "62", n - t62 - 4);
    }
    memcpy(o + n, "6304", 4);
    n += 4;
    g_sink += crc_bytewise((const unsigned char *)o, n, 0xFFFF) + n;
}

static void op_read(int i)
{
    const row *r = &g_rows[i];
    vqr_status st = vqr_payload_parse(&g_payload, r->col[C_PAYLOAD], r->len, 0, NULL);
    if (st == VQR_OK)
        st = vqr_vietqr_read(&g_payload, &g_info, NULL);
    g_sink += (uint64_t)st + g_info.amount_minor + (unsigned char)g_info.purpose[0];
}

static void op_parse(int i)
{
    const row *r = &g_rows[i];
    g_sink += (uint64_t)vqr_payload_parse(&g_payload, r->col[C_PAYLOAD], r->len, 0, NULL);
}

/* The same payloads through the general parser (the VietQR profile named:
 * framing, template walks, then every rule of the profile). */
static void op_parse_general(int i)
{
    const row *r = &g_rows[i];
    g_sink +=
        (uint64_t)vqr_payload_parse(&g_payload, r->col[C_PAYLOAD], r->len, VQR_PARSE_VIETQR, NULL);
}

static vqr_payload g_parsed[16];

static void op_view(int i)
{
    vqr_status st = vqr_vietqr_read(&g_parsed[i & 15], &g_info, NULL);
    g_sink += (uint64_t)st + g_info.amount_minor + (unsigned char)g_info.purpose[0];
}

static void op_read_get(int i)
{
    const row *r = &g_rows[i];
    vqr_view v[4];
    vqr_status st = vqr_payload_parse(&g_payload, r->col[C_PAYLOAD], r->len, 0, NULL);
    static const char *const paths[4] = { "38.01.00", "38.01.01", "54", "62.08" };
    for (int k = 0; k < 4; k++)
        st |= vqr_payload_get(&g_payload, paths[k], &v[k], NULL);
    g_sink += (uint64_t)st + v[0].len + v[1].len + v[2].len + v[3].len;
}

static char g_out[VQR_PAYLOAD_BUF_SIZE];
static vqr_vietqr_report g_report;

static void op_write(int i)
{
    const row *r = &g_rows[i];
    size_t n = 0;
    g_report.changed = 0;
    vqr_status st = vqr_vietqr_write(&r->in, r->flags, g_out, sizeof g_out, &n, &g_report, NULL);
    g_sink += (uint64_t)st + n + g_report.changed;
}

typedef void (*op_fn)(int i);

static const struct {
    const char *name;
    op_fn fn;
} k_ops[] = {
    { "crc_bytewise", op_crc_bytewise },
    { "crc_slice8", op_crc_slice8 },
    { "crc_lib", op_crc_lib },
    { "tlv_crc", op_tlv_crc },
    { "parse", op_parse },
    { "parse_general", op_parse_general },
    { "read", op_read },
    { "view", op_view },
    { "read_get", op_read_get },
    { "write", op_write },
};
#define NOPS (sizeof k_ops / sizeof k_ops[0])

/* ---- correctness ---- */

static int check_field(int i, const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return 0;
    fprintf(stderr, "row %d: %s is \"%s\", expected \"%s\"\n", i + 2, what, got, want);
    return 1;
}

static int check(void)
{
    int bad = 0;
    for (int i = 0; i < g_n; i++) {
        const row *r = &g_rows[i];
        vqr_error e;
        VQR_INIT(&e);
        vqr_status st = vqr_payload_parse(&g_payload, r->col[C_PAYLOAD], r->len, 0, &e);
        if (st == VQR_OK)
            st = vqr_vietqr_read(&g_payload, &g_info, &e);
        if (st != VQR_OK) {
            fprintf(stderr, "row %d: read: %s at %s\n", i + 2, vqr_status_name(st), e.tag);
            bad++;
            continue;
        }
        char amount[24] = "";
        if (g_info.amount_minor)
            snprintf(amount, sizeof amount, "%llu", (unsigned long long)g_info.amount_minor);
        bad += check_field(i, "bin", g_info.bin, r->col[C_BIN]) +
               check_field(i, "account", g_info.account, r->col[C_ACCOUNT]) +
               check_field(i, "service", g_info.service_code, r->col[C_SERVICE]) +
               check_field(i, "amount", g_info.amount, r->col[C_AMOUNT]) +
               check_field(i, "amount_minor", amount, r->col[C_AMOUNT]) +
               check_field(i, "mcc", g_info.mcc, r->col[C_MCC]) +
               check_field(i, "name", g_info.merchant_name, r->col[C_NAME]) +
               check_field(i, "city", g_info.merchant_city, r->col[C_CITY]) +
               check_field(i, "bill", g_info.bill_number, r->col[C_BILL]) +
               check_field(i, "purpose", g_info.purpose, r->col[C_PURPOSE]);
        static const char *const paths[4] = { "38.01.00", "38.01.01", "54", "62.08" };
        const int cols[4] = { C_BIN, C_ACCOUNT, C_AMOUNT, C_PURPOSE };
        for (int k = 0; k < 4; k++) {
            vqr_view v;
            char got[400] = "";
            if (vqr_payload_get(&g_payload, paths[k], &v, NULL) == VQR_OK)
                snprintf(got, sizeof got, "%.*s", (int)v.len, v.ptr);
            bad += check_field(i, paths[k], got, r->col[cols[k]]);
        }
        size_t n = 0;
        st = vqr_vietqr_write(&r->in, r->flags, g_out, sizeof g_out, &n, &g_report, &e);
        if (st != VQR_OK) {
            fprintf(stderr, "row %d: write: %s at %s\n", i + 2, vqr_status_name(st), e.tag);
            bad++;
            continue;
        }
        bad += check_field(i, "written payload", g_out, r->col[C_CANON]);
        if (n != r->clen || g_report.changed != 0 || strcmp(g_report.bin, r->col[C_BIN]) != 0) {
            fprintf(stderr, "row %d: write: length or report wrong\n", i + 2);
            bad++;
        }
    }
    return bad;
}

/* ---- timing ---- */

/* The thread's CPU time: time it spent off the CPU (the machine is
 * shared) does not count. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const char *g_only; /* time this operation alone (for perf record) */

static void time_ops(int rounds)
{
    double *ns = malloc(sizeof(double) * NOPS * (size_t)rounds);
    if (!ns)
        exit(2);
    for (int w = 0; w < 3; w++) /* warm the caches and the branch predictors */
        for (size_t k = 0; k < NOPS; k++)
            for (int i = 0; i < g_n; i++)
                k_ops[k].fn(i);
    for (int r = 0; r < rounds; r++) {
        for (size_t k = 0; k < NOPS; k++) {
            if (g_only && strcmp(g_only, k_ops[k].name) != 0)
                continue;
            double t = now();
            for (int i = 0; i < g_n; i++)
                k_ops[k].fn(i);
            ns[k * (size_t)rounds + (size_t)r] = (now() - t) * 1e9 / g_n;
        }
    }
    for (size_t k = 0; k < NOPS; k++) {
        if (g_only && strcmp(g_only, k_ops[k].name) != 0)
            continue;
        double *s = ns + k * (size_t)rounds;
        qsort(s, (size_t)rounds, sizeof *s, cmp_double);
        printf("op\t%s\t%.1f\t%.1f\t%d\n", k_ops[k].name, s[0], s[rounds / 2], rounds);
    }
    free(ns);
}

/* ---- memory ---- */

#define PROBE_STACK (256 * 1024)
#define PAINT 0xA5

static op_fn g_probe_fn;

static void *probe_main(void *arg)
{
    (void)arg;
    if (g_probe_fn)
        for (int i = 0; i < g_n; i++)
            g_probe_fn(i);
    return NULL;
}

/* Deepest stack use of one thread running fn over the corpus. */
static size_t stack_mark(op_fn fn)
{
    void *mem = NULL;
    if (posix_memalign(&mem, 4096, PROBE_STACK) != 0)
        exit(2);
    unsigned char *stack = mem;
    memset(stack, PAINT, PROBE_STACK);
    pthread_attr_t a;
    pthread_t t;
    pthread_attr_init(&a);
    pthread_attr_setstack(&a, stack, PROBE_STACK);
    g_probe_fn = fn;
    if (pthread_create(&t, &a, probe_main, NULL) != 0)
        exit(2);
    pthread_join(t, NULL);
    pthread_attr_destroy(&a);
    size_t low = 0;
    while (low < PROBE_STACK && stack[low] == PAINT)
        low++;
    free(stack);
    return PROBE_STACK - low;
}

/* Lines and pages of `obj` that one call changes, over two paintings. */
static void written(op_fn fn, int i, void *obj, size_t size, size_t *lines, size_t *pages)
{
    unsigned char *o = obj;
    unsigned char *mark = calloc(size, 1);
    if (!mark)
        exit(2);
    static const unsigned char paint[2] = { 0xA5, 0x5A };
    for (int k = 0; k < 2; k++) {
        memset(o, paint[k], size);
        if (obj == &g_info)
            g_info.size = sizeof g_info;
        fn(i);
        for (size_t b = 0; b < size; b++)
            if (o[b] != paint[k])
                mark[b] = 1;
    }
    *lines = *pages = 0;
    for (size_t b = 0; b < size; b += 64) {
        size_t end = b + 64 < size ? b + 64 : size;
        if (memchr(mark + b, 1, end - b))
            (*lines)++;
    }
    for (size_t b = 0; b < size; b += 4096) {
        size_t end = b + 4096 < size ? b + 4096 : size;
        if (memchr(mark + b, 1, end - b))
            (*pages)++;
    }
    free(mark);
}

static void memory(void)
{
    size_t base = stack_mark(NULL);
    for (size_t k = 0; k < NOPS; k++) {
        size_t st = stack_mark(k_ops[k].fn);
        size_t lines = 0, pages = 0, l2 = 0, p2 = 0, mid = (size_t)g_n / 2;
        if (k_ops[k].fn == op_read || k_ops[k].fn == op_read_get) {
            written(k_ops[k].fn, (int)mid, &g_payload, sizeof g_payload, &lines, &pages);
            if (k_ops[k].fn == op_read)
                written(k_ops[k].fn, (int)mid, &g_info, sizeof g_info, &l2, &p2);
        }
        printf("mem\t%s\t%zu\t%zu\t%zu\t%zu\t%zu\n", k_ops[k].name, st > base ? st - base : 0,
               lines, pages, l2, p2);
    }
    printf("sizes\tvqr_payload\t%zu\tvqr_vietqr_info\t%zu\n", sizeof g_payload, sizeof g_info);
}

int main(int argc, char **argv)
{
    int rounds = 200, mem = 0;
    const char *path = NULL;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--rounds") == 0 && a + 1 < argc)
            rounds = atoi(argv[++a]);
        else if (strcmp(argv[a], "--only") == 0 && a + 1 < argc)
            g_only = argv[++a];
        else if (strcmp(argv[a], "--memory") == 0)
            mem = 1;
        else
            path = argv[a];
    }
    if (!path || rounds < 1) {
        fprintf(stderr, "usage: bench_compare [--rounds N] [--only OP] [--memory] CORPUS.tsv\n");
        return 2;
    }
    tables_init();
    load(path);
    VQR_INIT(&g_info);
    VQR_INIT(&g_report);
    int bad = check();
    if (bad) {
        fprintf(stderr, "bench_compare: %d wrong results; nothing timed\n", bad);
        return 1;
    }
    long total = 0;
    for (int i = 0; i < g_n; i++)
        total += (long)g_rows[i].len;
    printf("corpus\t%d\t%.1f\n", g_n, (double)total / g_n);
    for (int i = 0; i < 16; i++)
        vqr_payload_parse(&g_parsed[i], g_rows[i].col[C_PAYLOAD], g_rows[i].len, 0, NULL);
    if (mem)
        memory();
    else
        time_ops(rounds);
    return 0;
}
