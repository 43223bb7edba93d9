/*
 * test_print.c - libvietqr-print: the API's contract (options, fields and
 * their sizes, templates by name, errors naming the field), the layout
 * of every template over the sample set checked from its own measurements
 * (no text outside its place, no place outside the page, no two places
 * overlapping, type never under its minimum, QR modules at their minimum
 * size or more), the outputs (PNG headers, PDF pages, SVG title),
 * documents of many pages written through a function, allocation
 * failures, and drawing from several threads at once.
 *
 * The images themselves are decoded (zbarimg, ZXing-C++) and the PDF text
 * read back (pdftotext, pdffonts) by tests/print/test_print_render.py.
 */
#include "testutil.h"
#include "vietqr-print.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <zlib.h>

/* memmem() for a C99 build. */
static const unsigned char *find(const unsigned char *hay, size_t n, const char *needle, size_t len)
{
    for (size_t i = 0; len <= n && i <= n - len; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return hay + i;
    return NULL;
}
#define memmem(h, n, s, l) find((const unsigned char *)(h), (n), (s), (l))

/* ---- the sample set (tests/data/print/samples.json) ---- */

#define MAX_SAMPLES 16

typedef struct sample {
    char name[32];
    char payload[VQR_PAYLOAD_BUF_SIZE];
    size_t len;
    vqr_print_fields f;
    vqr_print_item items[VQR_PRINT_ITEMS_MAX];
} sample;

static sample g_samples[MAX_SAMPLES];
static size_t g_nsamples;
static json_t *g_json; /* keeps the strings the samples point to */

static const char *opt_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void load_samples(void)
{
    if (g_nsamples)
        return;
    const char *dir = getenv("VQR_TEST_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/print/samples.json", dir ? dir : "tests/data");
    json_error_t je;
    g_json = json_load_file(path, 0, &je);
    ck_assert_msg(g_json != NULL, "%s: %s", path, je.text);
    json_t *arr = json_object_get(g_json, "samples");
    size_t i;
    json_t *s;
    json_array_foreach(arr, i, s)
    {
        ck_assert_uint_lt(g_nsamples, MAX_SAMPLES);
        sample *d = &g_samples[g_nsamples++];
        snprintf(d->name, sizeof d->name, "%s", opt_str(s, "name"));
        json_t *p = json_object_get(s, "payload");
        vqr_vietqr q;
        vqr_vietqr_init(&q, sizeof q, NULL);
        q.bank = opt_str(p, "bank");
        q.account = opt_str(p, "account");
        json_t *amount = json_object_get(p, "amount");
        q.amount = amount ? (uint64_t)json_integer_value(amount) : 0;
        q.purpose = opt_str(p, "purpose");
        q.merchant_name = opt_str(p, "merchant_name");
        q.bill_number = opt_str(p, "bill_number");
        vqr_error e;
        VQR_INIT(&e);
        ck_assert_int_eq(vqr_vietqr_write(&q, 0, d->payload, sizeof d->payload, &d->len, NULL, &e),
                         VQR_OK);
        json_t *f = json_object_get(s, "fields");
        vqr_print_fields_init(&d->f, sizeof d->f, NULL);
        d->f.payload = d->payload;
        d->f.payload_len = d->len;
        d->f.title = opt_str(f, "title");
        d->f.issuer = opt_str(f, "issuer");
        d->f.address = opt_str(f, "address");
        d->f.payer = opt_str(f, "payer");
        d->f.payer_code = opt_str(f, "payer_code");
        d->f.holder = opt_str(f, "holder");
        d->f.bank = opt_str(f, "bank");
        d->f.purpose = opt_str(f, "purpose");
        d->f.reference = opt_str(f, "reference");
        d->f.due_date = opt_str(f, "due_date");
        d->f.date = opt_str(f, "date");
        d->f.how_to_pay = opt_str(f, "how_to_pay");
        d->f.note = opt_str(f, "note");
        d->f.stall = opt_str(f, "stall");
        json_t *items = json_object_get(f, "items");
        size_t k;
        json_t *it;
        json_array_foreach(items, k, it)
        {
            d->items[k].label = json_string_value(json_array_get(it, 0));
            d->items[k].amount = (uint64_t)json_integer_value(json_array_get(it, 1));
        }
        d->f.items = d->items;
        d->f.item_count = json_array_size(items);
    }
    ck_assert_uint_ge(g_nsamples, 6);
}

static const vqr_template k_templates[] = {
    VQR_TEMPLATE_CARD,  VQR_TEMPLATE_QR_ONLY, VQR_TEMPLATE_COMPACT, VQR_TEMPLATE_COMPACT2,
    VQR_TEMPLATE_PRINT, VQR_TEMPLATE_NOTICE,  VQR_TEMPLATE_RECEIPT, VQR_TEMPLATE_STICKER,
};
#define N_TEMPLATES (sizeof k_templates / sizeof k_templates[0])

/* Every template on every paper it takes. */
typedef struct variant {
    vqr_template t;
    vqr_paper paper;
} variant;

static const variant k_variants[] = {
    { VQR_TEMPLATE_CARD, VQR_PAPER_DEFAULT },    { VQR_TEMPLATE_QR_ONLY, VQR_PAPER_DEFAULT },
    { VQR_TEMPLATE_COMPACT, VQR_PAPER_DEFAULT }, { VQR_TEMPLATE_COMPACT2, VQR_PAPER_DEFAULT },
    { VQR_TEMPLATE_PRINT, VQR_PAPER_DEFAULT },   { VQR_TEMPLATE_NOTICE, VQR_PAPER_A5 },
    { VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_58 }, { VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_80 },
    { VQR_TEMPLATE_STICKER, VQR_PAPER_A6 },      { VQR_TEMPLATE_STICKER, VQR_PAPER_SQUARE_100 },
};
#define N_VARIANTS (sizeof k_variants / sizeof k_variants[0])

static const vqr_print_format k_formats[] = { VQR_FORMAT_PNG, VQR_FORMAT_PDF, VQR_FORMAT_SVG };

/* ---- templates by name ---- */

START_TEST(test_template_names)
{
    static const char *const names[] = { "card",  "qr_only", "compact", "compact2",
                                         "print", "notice",  "receipt", "sticker" };
    for (size_t i = 0; i < N_TEMPLATES; i++) {
        ck_assert_str_eq(vqr_template_name(k_templates[i]), names[i]);
        vqr_template t = (vqr_template)0;
        ck_assert_int_eq(vqr_template_find(names[i], strlen(names[i]), &t, NULL), VQR_OK);
        ck_assert_int_eq(t, k_templates[i]);
    }
    ck_assert_ptr_null(vqr_template_name((vqr_template)0));
    ck_assert_ptr_null(vqr_template_name((vqr_template)9));
    vqr_template t;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_template_find("Card", 4, &t, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_template_find("card2", 5, &t, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_template_find("car", 3, &t, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(t, 0);
    ck_assert_int_eq(vqr_template_find(NULL, 1, &t, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_template_find("card", 4, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- options, fields and their sizes ---- */

START_TEST(test_defaults_and_sizes)
{
    load_samples();
    vqr_print_options o;
    memset(&o, 0xAB, sizeof o);
    vqr_print_options_init(&o, sizeof o, NULL);
    ck_assert_uint_eq(o.size, sizeof o);
    ck_assert_int_eq(o.format, VQR_FORMAT_PNG);
    ck_assert_uint_eq(o.dpi, 300);
    ck_assert_uint_eq(o.scale, 1);
    ck_assert(o.min_module_mm == 0.5);
    ck_assert_ptr_null(o.font);
    ck_assert_int_eq(vqr_print_options_init(NULL, sizeof o, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_print_options_init(&o, 4, NULL), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_print_options_init(&o, VQR_STRUCT_SIZE_MAX + 1, NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(o.size, sizeof o); /* nothing written */
    ck_assert_int_eq(vqr_print_fields_init(NULL, sizeof(vqr_print_fields), NULL),
                     VQR_ERR_INVALID_ARGUMENT);
    /* an older, smaller struct: init fills what it holds and nothing past it */
    unsigned char raw[sizeof o + 8];
    memset(raw, 0xCD, sizeof raw);
    size_t older = offsetof(vqr_print_options, title);
    ck_assert_int_eq(vqr_print_options_init((vqr_print_options *)(void *)raw, older, NULL), VQR_OK);
    ck_assert_uint_eq(raw[older], 0xCD);
    /* an error struct that was never set up fails the call, untouched */
    vqr_error unset;
    memset(&unset, 0, sizeof unset);
    ck_assert_int_eq(vqr_print_options_init(&o, sizeof o, &unset), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_uint_eq(unset.size, 0);
    ck_assert_int_eq(unset.code, VQR_OK);

    unsigned char *out;
    size_t n;
    vqr_error e;
    VQR_INIT(&e);
    /* a caller from a newer header: a larger struct with a zero tail */
    struct {
        vqr_print_options o;
        unsigned char tail[16];
    } big;
    memset(&big, 0, sizeof big);
    vqr_print_options_init(&big.o, sizeof big.o, NULL);
    big.o.size = sizeof big;
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_QR_ONLY, &g_samples[0].f, &big.o, NULL, &out, &n, &e),
        VQR_OK);
    vqr_free(out);
    big.tail[3] = 1; /* a field this version does not know, set */
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_QR_ONLY, &g_samples[0].f, &big.o, NULL, &out, &n, &e),
        VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(e.tag, "size");
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(n, 0);
    /* an older caller's smaller struct: the fields it lacks take their
     * defaults (flags here: the MONO bit set past its size is not read) */
    vqr_print_options small = o;
    small.flags = VQR_PRINT_MONO;
    small.size = offsetof(vqr_print_options, flags);
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_QR_ONLY, &g_samples[0].f, &small, NULL, &out, &n, &e),
        VQR_OK);
    ck_assert_uint_eq(out[24], 8); /* 8-bit: MONO was not seen */
    vqr_free(out);
    small.size = 3;
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_QR_ONLY, &g_samples[0].f, &small, NULL, &out, &n, &e),
        VQR_ERR_INVALID_ARGUMENT);
    /* the fields of an older caller: items past its size are not read */
    vqr_print_fields older_f = g_samples[0].f;
    older_f.size = offsetof(vqr_print_fields, items);
    vqr_print_item bad_items[1] = { { "x", 1 } };
    older_f.items = bad_items; /* would not add up: not read */
    older_f.item_count = 1;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_NOTICE, &older_f, NULL, NULL, &out, &n, &e),
                     VQR_OK);
    vqr_free(out);
    /* an error struct from a newer header: zeros past what this version knows */
    struct {
        vqr_error e;
        unsigned char tail[8];
    } bige;
    memset(&bige, 0xEE, sizeof bige);
    bige.e.size = sizeof bige;
    vqr_print_fields nopay = g_samples[0].f;
    nopay.payload = NULL;
    nopay.payload_len = 0;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &nopay, NULL, NULL, &out, &n, &bige.e),
                     VQR_ERR_QR_EMPTY);
    ck_assert_int_eq(bige.e.code, VQR_ERR_QR_EMPTY);
    ck_assert_uint_eq(bige.e.size, sizeof bige);
    for (size_t i = 0; i < sizeof bige.tail; i++)
        ck_assert_uint_eq(bige.tail[i], 0);
    struct {
        vqr_print_fields f;
        unsigned char tail[8];
    } bigf;
    memset(&bigf, 0, sizeof bigf);
    bigf.f = g_samples[0].f;
    bigf.f.size = sizeof bigf;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &bigf.f, NULL, NULL, &out, &n, &e),
                     VQR_OK);
    vqr_free(out);
    bigf.tail[7] = 9;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &bigf.f, NULL, NULL, &out, &n, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(e.tag, "size");
}
END_TEST

/* Every option out of range names itself. */
START_TEST(test_bad_options)
{
    load_samples();
    unsigned char *out;
    size_t n;
    vqr_error e;
    VQR_INIT(&e);
    vqr_print_options o;
#define BAD(field, value, tagname)                                                        \
    do {                                                                                  \
        vqr_print_options_init(&o, sizeof o, NULL);                                       \
        o.field = value;                                                                  \
        ck_assert_int_eq(                                                                 \
            vqr_print_render(VQR_TEMPLATE_CARD, &g_samples[0].f, &o, NULL, &out, &n, &e), \
            VQR_ERR_INVALID_ARGUMENT);                                                    \
        ck_assert_str_eq(e.tag, tagname);                                                 \
        ck_assert_ptr_null(out);                                                          \
    } while (0)
    BAD(format, (vqr_print_format)3, "format");
    BAD(paper, (vqr_paper)7, "paper");
    BAD(dpi, 71, "dpi");
    BAD(dpi, 1201, "dpi");
    BAD(scale, 0, "scale");
    BAD(scale, 5, "scale");
    BAD(ecc, (vqr_ecc)5, "ecc");
    BAD(min_module_mm, 0.05, "min_module");
    BAD(min_module_mm, NAN, "min_module");
    BAD(flags, 1u << 6, "flags");
#undef BAD
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, NULL, NULL, NULL, &out, &n, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &g_samples[0].f, NULL, NULL, NULL, &n, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_print_render((vqr_template)0, &g_samples[0].f, NULL, NULL, &out, &n, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(e.tag, "template");
    vqr_allocator half = { NULL, NULL, NULL, NULL };
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_CARD, &g_samples[0].f, NULL, &half, &out, &n, &e),
        VQR_ERR_INVALID_ARGUMENT);
    /* a paper the template does not use */
    static const struct {
        vqr_template t;
        vqr_paper p;
    } papers[] = {
        { VQR_TEMPLATE_CARD, VQR_PAPER_A5 },
        { VQR_TEMPLATE_NOTICE, VQR_PAPER_A6 },
        { VQR_TEMPLATE_RECEIPT, VQR_PAPER_A4_TWO_UP },
        { VQR_TEMPLATE_STICKER, VQR_PAPER_ROLL_58 },
        { VQR_TEMPLATE_COMPACT2, VQR_PAPER_SQUARE_100 },
    };
    for (size_t i = 0; i < sizeof papers / sizeof papers[0]; i++) {
        vqr_print_options_init(&o, sizeof o, NULL);
        o.paper = papers[i].p;
        ck_assert_int_eq(vqr_print_render(papers[i].t, &g_samples[0].f, &o, NULL, &out, &n, &e),
                         VQR_ERR_PRINT_PAPER);
        ck_assert_str_eq(e.name, "VQR_ERR_PRINT_PAPER");
    }
}
END_TEST

/* ---- fields: every bad input is an error naming the field ---- */

static vqr_status render_card(const vqr_print_fields *f, vqr_template t, vqr_error *e)
{
    unsigned char *out = NULL;
    size_t n = 0;
    vqr_status st = vqr_print_render(t, f, NULL, NULL, &out, &n, e);
    if (st == VQR_OK) {
        ck_assert_ptr_nonnull(out);
        ck_assert_uint_gt(n, 8);
        ck_assert(memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0);
    } else {
        ck_assert_ptr_null(out);
        ck_assert_uint_eq(n, 0);
    }
    vqr_free(out);
    return st;
}

START_TEST(test_field_errors)
{
    load_samples();
    vqr_print_fields f = g_samples[0].f;
    vqr_error e;
    VQR_INIT(&e);
    /* control and invisible characters, at their byte offset */
    static const struct {
        const char *text;
        size_t offset;
    } bad_text[] = {
        { "Nguyễn\tVăn An", 8 },
        { "Nguyễn Văn An\r", 16 },
        { "Nguy\xE1\xBB\x85n\x01", 8 },
        { "NGUYEN \xE2\x80\xAE"
          "AN",
          7 },
        { "NGUYEN\xE2\x80\x8B"
          "AN",
          6 },
        { "\xEF\xBB\xBFNGUYEN", 0 },
        { "AN\xC2\x85", 2 },
        { "AN\xE2\x81\xA6X", 2 },
        /* the rest of the one rule (vqr_text_unsafe): line and paragraph
         * separators, the Hangul filler, a variation selector */
        { "AN\xE2\x80\xA8X", 2 },
        { "AN\xE2\x80\xA9X", 2 },
        { "AN\xE3\x85\xA4X", 2 },
        { "AN\xEF\xB8\x8FX", 2 },
    };
    for (size_t i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++) {
        f = g_samples[0].f;
        f.payer = bad_text[i].text;
        ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_ERR_TEXT_CONTROL);
        ck_assert_str_eq(e.tag, "payer");
        ck_assert_uint_eq(e.offset, bad_text[i].offset);
    }
    /* a line break: allowed in the address, not in a name */
    f = g_samples[0].f;
    f.address = "235 Nguyễn Văn Cừ\nQuận 5";
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_OK);
    f.holder = "TRUONG\nTHPT";
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_CARD, &e), VQR_ERR_TEXT_CONTROL);
    ck_assert_str_eq(e.tag, "holder");
    /* malformed UTF-8 */
    f = g_samples[0].f;
    f.purpose = "H\xE1\xBB";
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_CARD, &e), VQR_ERR_UTF8);
    ck_assert_str_eq(e.tag, "purpose");
    ck_assert_uint_eq(e.offset, 1);
    /* far too long for its place: fails naming it, never clipped */
    static char long_name[400];
    for (size_t i = 0; i + 8 < sizeof long_name; i += 8)
        memcpy(long_name + i, "Nguyễn ", 8);
    long_name[sizeof long_name - 8] = '\0';
    static const struct {
        vqr_template t;
        const char *field;
    } too_long[] = {
        { VQR_TEMPLATE_CARD, "holder" },   { VQR_TEMPLATE_COMPACT2, "holder" },
        { VQR_TEMPLATE_PRINT, "holder" },  { VQR_TEMPLATE_NOTICE, "payer" },
        { VQR_TEMPLATE_RECEIPT, "payer" }, { VQR_TEMPLATE_STICKER, "stall" },
        { VQR_TEMPLATE_NOTICE, "issuer" }, { VQR_TEMPLATE_CARD, "purpose" },
    };
    for (size_t i = 0; i < sizeof too_long / sizeof too_long[0]; i++) {
        f = g_samples[0].f;
        if (strcmp(too_long[i].field, "holder") == 0)
            f.holder = long_name;
        else if (strcmp(too_long[i].field, "payer") == 0)
            f.payer = long_name;
        else if (strcmp(too_long[i].field, "stall") == 0)
            f.stall = long_name;
        else if (strcmp(too_long[i].field, "issuer") == 0)
            f.issuer = long_name;
        else
            f.purpose = long_name;
        ck_assert_int_eq(render_card(&f, too_long[i].t, &e), VQR_ERR_PRINT_TEXT_TOO_LONG);
        ck_assert_msg(strcmp(e.tag, too_long[i].field) == 0, "%s: tag %s, expected %s",
                      vqr_template_name(too_long[i].t), e.tag, too_long[i].field);
        ck_assert_str_eq(e.name, "VQR_ERR_PRINT_TEXT_TOO_LONG");
    }
    /* items: a label is required, at most VQR_PRINT_ITEMS_MAX, and they add up */
    f = g_samples[0].f;
    vqr_print_item items[3] = { { "Học phí", 1000000 }, { NULL, 150000 }, { "Quỹ", 100000 } };
    f.items = items;
    f.item_count = 3;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(e.tag, "item.1");
    items[1].label = "BHYT";
    items[1].amount = 150001;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_ERR_PRINT_TOTAL);
    ck_assert_str_eq(e.tag, "items");
    ck_assert_uint_eq(e.limit, 1250001);
    items[1].amount = 150000;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_OK);
    f.item_count = VQR_PRINT_ITEMS_MAX + 1;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(e.tag, "items");
    f.items = NULL;
    f.item_count = 2;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_ERR_INVALID_ARGUMENT);
    /* 64 items do not fit a notice: the error names where the page ran out */
    static vqr_print_item many[VQR_PRINT_ITEMS_MAX];
    for (size_t i = 0; i < VQR_PRINT_ITEMS_MAX; i++) {
        many[i].label = "Khoản thu";
        many[i].amount = i == 0 ? 1250000 - (VQR_PRINT_ITEMS_MAX - 1) : 1;
    }
    f = g_samples[0].f;
    f.items = many;
    f.item_count = VQR_PRINT_ITEMS_MAX;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_NOTICE, &e), VQR_ERR_PRINT_TEXT_TOO_LONG);
    ck_assert(strncmp(e.tag, "item.", 5) == 0 || strcmp(e.tag, "words") == 0 ||
              strcmp(e.tag, "total") == 0 || strcmp(e.tag, "label.check") == 0);
    /* ... and a receipt, which grows with its content, takes them */
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_RECEIPT, &e), VQR_OK);
}
END_TEST

START_TEST(test_payload_errors)
{
    load_samples();
    vqr_print_fields f = g_samples[0].f;
    vqr_error e;
    VQR_INIT(&e);
    f.payload = NULL;
    f.payload_len = 0;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_CARD, &e), VQR_ERR_QR_EMPTY);
    f.payload_len = 5;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_CARD, &e), VQR_ERR_INVALID_ARGUMENT);
    /* a damaged payload is refused: no document goes out with a code bank
     * apps reject */
    char bad[VQR_PAYLOAD_BUF_SIZE];
    memcpy(bad, g_samples[0].payload, g_samples[0].len);
    bad[g_samples[0].len - 1] = bad[g_samples[0].len - 1] == '0' ? '1' : '0';
    f = g_samples[0].f;
    f.payload = bad;
    ck_assert_int_eq(render_card(&f, VQR_TEMPLATE_CARD, &e), VQR_ERR_CRC_MISMATCH);
    ck_assert_str_eq(e.tag, "63");
    f.payload = "https://example.com/pay?id=42";
    f.payload_len = strlen(f.payload);
    ck_assert_int_ne(render_card(&f, VQR_TEMPLATE_CARD, &e), VQR_OK);
    /* ... unless any payload is asked for */
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.flags = VQR_PRINT_ANY_PAYLOAD;
    unsigned char *out;
    size_t n;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &f, &o, NULL, &out, &n, &e), VQR_OK);
    vqr_free(out);
    /* too long for any QR code */
    static char huge[4000];
    memset(huge, 'A', sizeof huge - 1);
    f.payload = huge;
    f.payload_len = sizeof huge - 1;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &f, &o, NULL, &out, &n, &e),
                     VQR_ERR_QR_TOO_LONG);
    /* dense enough to break each template's smallest module */
    f.payload_len = 1200;
    o.flags = VQR_PRINT_ANY_PAYLOAD;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_RECEIPT, &f, &o, NULL, &out, &n, &e),
                     VQR_ERR_PRINT_QR_TOO_DENSE);
    ck_assert_str_eq(e.tag, "qr");
    o.min_module_mm = 2.0;
    f = g_samples[0].f;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_NOTICE, &f, &o, NULL, &out, &n, &e),
                     VQR_ERR_PRINT_QR_TOO_DENSE);
    ck_assert_uint_gt(e.limit, 21);
}
END_TEST

/* ---- the layout, from its own measurements ---- */

#define EPS 1e-6

static bool inside(double x, double y, double w, double h, double X, double Y, double W, double H)
{
    return x >= X - EPS && y >= Y - EPS && x + w <= X + W + EPS && y + h <= Y + H + EPS;
}

static bool overlap(const vqr_print_box *a, const vqr_print_box *b)
{
    return a->x < b->x + b->width - EPS && b->x < a->x + a->width - EPS &&
           a->y < b->y + b->height - EPS && b->y < a->y + a->height - EPS;
}

static void check_layout(const sample *s, const variant *v, vqr_print_format fmt)
{
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.format = fmt;
    o.paper = v->paper;
    vqr_print_layout *l = NULL;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_print_measure(v->t, &s->f, &o, &l, &e);
    ck_assert_msg(st == VQR_OK, "%s/%s: %s at %s", s->name, vqr_template_name(v->t), e.name, e.tag);
    double pw, ph;
    vqr_print_layout_page(l, &pw, &ph);
    ck_assert(pw > 0 && ph > 0);
    size_t n = vqr_print_layout_count(l);
    ck_assert_uint_ge(n, 1);
    vqr_print_box *b = calloc(n, sizeof *b);
    size_t qr = 0;
    for (size_t i = 0; i < n; i++) {
        b[i].size = sizeof b[i];
        ck_assert_int_eq(vqr_print_layout_box(l, i, &b[i], &e), VQR_OK);
        const vqr_print_box *x = &b[i];
        const char *what = x->field;
        /* the place is on the page; the ink and the lines are in the place */
        ck_assert_msg(inside(x->x, x->y, x->width, x->height, 0, 0, pw, ph),
                      "%s/%s/%s: place off the page", s->name, vqr_template_name(v->t), what);
        ck_assert_msg(inside(x->ink_x, x->ink_y, x->ink_width, x->ink_height, x->x, x->y, x->width,
                             x->height),
                      "%s/%s/%s: ink (%.2f %.2f %.2f %.2f) outside its place (%.2f %.2f %.2f %.2f)",
                      s->name, vqr_template_name(v->t), what, x->ink_x, x->ink_y, x->ink_width,
                      x->ink_height, x->x, x->y, x->width, x->height);
        ck_assert_msg(inside(x->text_x, x->text_y, x->text_width, x->text_height, x->x, x->y,
                             x->width, x->height),
                      "%s/%s/%s: lines outside the place", s->name, vqr_template_name(v->t), what);
        if (x->kind == VQR_BOX_TEXT) {
            ck_assert_msg(x->font_size >= x->min_size - EPS && x->font_size > 4.0,
                          "%s/%s/%s: %.2f pt", s->name, vqr_template_name(v->t), what,
                          x->font_size);
            ck_assert(x->font_size <= x->nominal_size + EPS);
            ck_assert(x->max_lines == 0 || x->lines <= x->max_lines);
            ck_assert_int_ge(x->lines, 1);
            ck_assert(x->text && x->text[0]);
        } else {
            qr++;
            ck_assert_int_ge(x->modules, 21 + 8);
            double mm = x->module * 25.4 / 72.0;
            switch (v->t) {
            case VQR_TEMPLATE_RECEIPT: {
                /* a whole number of printer dots, at least 3 and 0.5 mm */
                double dots = x->module * VQR_PRINT_RECEIPT_DPI / 72.0;
                ck_assert(fabs(dots - round(dots)) < 1e-6 && round(dots) >= 3);
                ck_assert(mm >= 0.5 - EPS);
                break;
            }
            case VQR_TEMPLATE_NOTICE:
            case VQR_TEMPLATE_STICKER:
                ck_assert_msg(mm >= 0.5 - EPS, "%.3f mm", mm);
                if (fmt == VQR_FORMAT_PNG) {
                    double px = x->module * o.dpi / 72.0;
                    ck_assert(fabs(px - round(px)) < 1e-6);
                }
                break;
            default: {
                /* whole pixels of the template */
                double px = x->module / 0.75;
                ck_assert(fabs(px - round(px)) < 1e-6 && round(px) >= 2);
                break;
            }
            }
        }
    }
    ck_assert_uint_eq(qr, 1);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            ck_assert_msg(!overlap(&b[i], &b[j]), "%s/%s: %s overlaps %s", s->name,
                          vqr_template_name(v->t), b[i].field, b[j].field);
    /* the texts the payer must read are there, whole */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(b[i].field, "payer") == 0 && s->f.payer && v->t == VQR_TEMPLATE_NOTICE)
            ck_assert_str_eq(b[i].text, s->f.payer);
        if (strcmp(b[i].field, "holder") == 0 && s->f.holder)
            ck_assert_str_eq(b[i].text, s->f.holder);
    }
    free(b);
    vqr_print_layout_free(l);
}

START_TEST(test_layouts)
{
    load_samples();
    const variant *v = &k_variants[_i];
    for (size_t s = 0; s < g_nsamples; s++)
        for (size_t k = 0; k < sizeof k_formats / sizeof k_formats[0]; k++)
            check_layout(&g_samples[s], v, k_formats[k]);
}
END_TEST

/* The layout's boxes: sizes honoured, errors past the end. */
START_TEST(test_layout_boxes)
{
    load_samples();
    vqr_print_layout *l;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_print_measure(VQR_TEMPLATE_CARD, &g_samples[0].f, NULL, &l, &e), VQR_OK);
    size_t n = vqr_print_layout_count(l);
    vqr_print_box b;
    memset(&b, 0x5A, sizeof b);
    b.size = offsetof(vqr_print_box, font_size); /* an older, shorter box */
    ck_assert_int_eq(vqr_print_layout_box(l, 0, &b, &e), VQR_OK);
    ck_assert_uint_eq(b.size, offsetof(vqr_print_box, font_size));
    unsigned char poison;
    memcpy(&poison, (unsigned char *)&b + offsetof(vqr_print_box, font_size), 1);
    ck_assert_uint_eq(poison, 0x5A); /* nothing written past its size */
    b.size = offsetof(vqr_print_box, font_size) - 1;
    ck_assert_int_eq(vqr_print_layout_box(l, 0, &b, &e), VQR_ERR_INVALID_ARGUMENT);
    b.size = sizeof b;
    ck_assert_int_eq(vqr_print_layout_box(l, n, &b, &e), VQR_ERR_NOT_FOUND);
    ck_assert_int_eq(vqr_print_layout_box(NULL, 0, &b, &e), VQR_ERR_INVALID_ARGUMENT);
    bool words = false;
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(vqr_print_layout_box(l, i, &b, &e), VQR_OK);
        if (strcmp(b.field, "words") == 0) {
            ck_assert_str_eq(b.text, "Một triệu hai trăm năm mươi nghìn đồng");
            words = true;
        }
    }
    ck_assert(words);
    vqr_print_layout_free(l);
    ck_assert_uint_eq(vqr_print_layout_count(NULL), 0);
    double w = 1, h = 1;
    vqr_print_layout_page(NULL, &w, &h);
    ck_assert(w == 0 && h == 0);
    vqr_print_layout_free(NULL);
    /* southern words through the options */
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.flags = VQR_PRINT_WORDS_SOUTH;
    ck_assert_int_eq(vqr_print_measure(VQR_TEMPLATE_PRINT, &g_samples[0].f, &o, &l, &e), VQR_OK);
    words = false;
    for (size_t i = 0; i < vqr_print_layout_count(l); i++) {
        ck_assert_int_eq(vqr_print_layout_box(l, i, &b, &e), VQR_OK);
        if (strcmp(b.field, "words") == 0) {
            ck_assert_str_eq(b.text, "Một triệu hai trăm năm mươi ngàn đồng");
            words = true;
        }
    }
    ck_assert(words);
    vqr_print_layout_free(l);
}
END_TEST

/* ---- outputs ---- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The chunks of a PNG other than IDAT, and its image data inflated. */
static void png_split(const unsigned char *png, size_t n, unsigned char **meta, size_t *meta_len,
                      unsigned char **pixels, size_t *pixels_len)
{
    unsigned char *z = malloc(n), *m = malloc(n);
    ck_assert(z && m);
    size_t zn = 0, mn = 0;
    for (size_t off = 8; off + 12 <= n;) {
        size_t len = be32(png + off);
        ck_assert_uint_le(off + 12 + len, n);
        if (memcmp(png + off + 4, "IDAT", 4) == 0) {
            memcpy(z + zn, png + off + 8, len);
            zn += len;
        } else {
            memcpy(m + mn, png + off, len + 12);
            mn += len + 12;
        }
        off += len + 12;
    }
    /* IHDR: width, height, bit depth, colour type */
    uint32_t w = be32(png + 16), h = be32(png + 20);
    unsigned bits = png[24] * (png[25] == 2 ? 3u : 1u);
    uLongf raw = ((uLongf)w * bits + 7) / 8 * h + h;
    unsigned char *px = malloc(raw + 1);
    ck_assert_ptr_nonnull(px);
    uLongf got = raw + 1;
    ck_assert_int_eq(uncompress(px, &got, z, (uLong)zn), Z_OK);
    ck_assert_uint_eq(got, raw);
    free(z);
    *meta = m;
    *meta_len = mn;
    *pixels = px;
    *pixels_len = got;
}

/* VQR_PRINT_FAST_PNG: the same chunks and the same filtered image data
 * (so the same pixels) as the default, for every template and paper,
 * 1-bit and scale 2; and zlib inflates it. */
START_TEST(test_fast_png)
{
    load_samples();
    static const struct {
        vqr_template t;
        vqr_paper paper;
        unsigned scale, flags;
    } k[] = {
        { VQR_TEMPLATE_CARD, 0, 1, 0 },
        { VQR_TEMPLATE_QR_ONLY, 0, 1, 0 },
        { VQR_TEMPLATE_COMPACT, 0, 1, 0 },
        { VQR_TEMPLATE_COMPACT2, 0, 1, 0 },
        { VQR_TEMPLATE_PRINT, 0, 1, 0 },
        { VQR_TEMPLATE_COMPACT2, 0, 2, 0 },
        { VQR_TEMPLATE_COMPACT2, 0, 1, VQR_PRINT_MONO },
        { VQR_TEMPLATE_NOTICE, VQR_PAPER_A5, 1, 0 },
        { VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_58, 1, 0 },
        { VQR_TEMPLATE_STICKER, VQR_PAPER_SQUARE_100, 1, 0 },
    };
    for (size_t s = 0; s < g_nsamples && s < 3; s++) {
        for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
            unsigned char *out[2], *meta[2], *px[2];
            size_t n[2], meta_len[2], px_len[2];
            for (int fast = 0; fast < 2; fast++) {
                vqr_print_options o;
                vqr_print_options_init(&o, sizeof o, NULL);
                o.paper = k[i].paper;
                o.scale = k[i].scale;
                o.flags = k[i].flags | (fast ? VQR_PRINT_FAST_PNG : 0);
                vqr_error e;
                VQR_INIT(&e);
                vqr_status st =
                    vqr_print_render(k[i].t, &g_samples[s].f, &o, NULL, &out[fast], &n[fast], &e);
                ck_assert_msg(st == VQR_OK, "%s %s: %s", g_samples[s].name,
                              vqr_template_name(k[i].t), e.name);
                png_split(out[fast], n[fast], &meta[fast], &meta_len[fast], &px[fast],
                          &px_len[fast]);
            }
            ck_assert_uint_eq(meta_len[0], meta_len[1]);
            ck_assert(memcmp(meta[0], meta[1], meta_len[0]) == 0);
            ck_assert_uint_eq(px_len[0], px_len[1]);
            ck_assert_msg(memcmp(px[0], px[1], px_len[0]) == 0, "%s %s: pixels differ",
                          g_samples[s].name, vqr_template_name(k[i].t));
            for (int fast = 0; fast < 2; fast++) {
                vqr_free(out[fast]);
                free(meta[fast]);
                free(px[fast]);
            }
        }
    }
}
END_TEST

START_TEST(test_png_sizes)
{
    load_samples();
    static const struct {
        vqr_template t;
        vqr_paper paper;
        unsigned scale;
        uint32_t w, h;
        unsigned depth, colour;
    } k[] = {
        { VQR_TEMPLATE_CARD, 0, 1, 900, 500, 8, 0 },
        { VQR_TEMPLATE_QR_ONLY, 0, 1, 480, 480, 8, 0 },
        { VQR_TEMPLATE_COMPACT, 0, 1, 540, 540, 8, 0 },
        { VQR_TEMPLATE_COMPACT2, 0, 1, 540, 640, 8, 0 },
        { VQR_TEMPLATE_PRINT, 0, 1, 600, 776, 8, 0 },
        { VQR_TEMPLATE_COMPACT2, 0, 2, 1080, 1280, 8, 0 },
        { VQR_TEMPLATE_NOTICE, VQR_PAPER_A5, 1, 2481, 1749, 8, 2 },
        { VQR_TEMPLATE_NOTICE, VQR_PAPER_A4_TWO_UP, 1, 2481, 3508, 8, 2 },
        { VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_58, 1, 384, 0, 1, 0 },
        { VQR_TEMPLATE_RECEIPT, VQR_PAPER_ROLL_80, 1, 576, 0, 1, 0 },
        { VQR_TEMPLATE_STICKER, VQR_PAPER_A6, 1, 1241, 1749, 8, 2 },
        { VQR_TEMPLATE_STICKER, VQR_PAPER_SQUARE_100, 1, 1182, 1182, 8, 2 },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        vqr_print_options o;
        vqr_print_options_init(&o, sizeof o, NULL);
        o.paper = k[i].paper;
        o.scale = k[i].scale;
        unsigned char *out;
        size_t n;
        vqr_error e;
        VQR_INIT(&e);
        ck_assert_int_eq(vqr_print_render(k[i].t, &g_samples[0].f, &o, NULL, &out, &n, &e), VQR_OK);
        ck_assert(memcmp(out, "\x89PNG\r\n\x1a\n", 8) == 0);
        ck_assert(memcmp(out + 12, "IHDR", 4) == 0);
        ck_assert_uint_eq(be32(out + 16), k[i].w);
        if (k[i].h)
            ck_assert_uint_eq(be32(out + 20), k[i].h);
        else
            ck_assert_uint_gt(be32(out + 20), k[i].w); /* a receipt is longer than wide */
        ck_assert_uint_eq(out[24], k[i].depth);
        ck_assert_uint_eq(out[25], k[i].colour);
        /* pHYs: 96 dpi x scale for pixel templates, 300 or 203 dpi else */
        const unsigned char *phys = memmem(out, n, "pHYs", 4);
        ck_assert_ptr_nonnull(phys);
        double dpi = be32(phys + 4) * 0.0254;
        double want = k[i].t == VQR_TEMPLATE_RECEIPT ? 203
                      : k[i].t <= VQR_TEMPLATE_PRINT ? 96.0 * k[i].scale
                                                     : 300;
        ck_assert(fabs(dpi - want) < 0.05);
        ck_assert_ptr_nonnull(memmem(out, n, "iTXtTitle", 9));
        ck_assert(memcmp(out + n - 8, "IEND", 4) == 0);
        vqr_free(out);
    }
    /* 1-bit on request */
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.flags = VQR_PRINT_MONO;
    unsigned char *out;
    size_t n;
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_STICKER, &g_samples[3].f, &o, NULL, &out, &n, NULL), VQR_OK);
    ck_assert_uint_eq(out[24], 1);
    vqr_free(out);
}
END_TEST

START_TEST(test_pdf_and_svg)
{
    load_samples();
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.format = VQR_FORMAT_PDF;
    o.title = "Giấy báo học phí - lớp 10A3";
    unsigned char *out, *again;
    size_t n, n2;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_NOTICE, &g_samples[0].f, &o, NULL, &out, &n, &e),
                     VQR_OK);
    ck_assert(memcmp(out, "%PDF-1.5", 8) == 0);
    ck_assert_ptr_null(memmem(out, n, "CreationDate", 12));
    ck_assert_ptr_nonnull(memmem(out, n, "/Title", 6));
    /* the same input, the same bytes */
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_NOTICE, &g_samples[0].f, &o, NULL, &again, &n2, &e), VQR_OK);
    ck_assert_uint_eq(n, n2);
    ck_assert(memcmp(out, again, n) == 0);
    vqr_free(out);
    vqr_free(again);
    o.format = VQR_FORMAT_SVG;
    o.title = "<Học phí> & \"quỹ\"";
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_COMPACT2, &g_samples[0].f, &o, NULL, &out, &n, &e), VQR_OK);
    char *svg = malloc(n + 1);
    memcpy(svg, out, n);
    svg[n] = '\0';
    ck_assert_ptr_nonnull(strstr(svg, "<svg"));
    ck_assert_ptr_nonnull(strstr(svg, "<title>&lt;Học phí&gt; &amp; \"quỹ\"</title>"));
    ck_assert_ptr_nonnull(strstr(svg, "width=\"540px\""));
    ck_assert_ptr_nonnull(strstr(svg, "height=\"640px\""));
    free(svg);
    vqr_free(out);
    o.title = NULL;
    ck_assert_int_eq(
        vqr_print_render(VQR_TEMPLATE_STICKER, &g_samples[3].f, &o, NULL, &out, &n, &e), VQR_OK);
    ck_assert_ptr_nonnull(memmem(out, n, "width=\"105mm\"", 13));
    ck_assert_ptr_nonnull(memmem(out, n, "<title>Mã VietQR - Sạp 1142 · Cô Ba bán vải</title>",
                                 strlen("<title>Mã VietQR - Sạp 1142 · Cô Ba bán vải</title>")));
    vqr_free(out);
}
END_TEST

/* ---- documents ---- */

typedef struct sink {
    unsigned char *p;
    size_t n, cap;
    size_t calls;
    size_t fail_after; /* bytes after which writing fails; SIZE_MAX never */
} sink;

static int sink_write(void *ctx, const unsigned char *data, size_t len)
{
    sink *s = ctx;
    s->calls++;
    if (s->n + len > s->fail_after)
        return -1;
    if (s->n + len > s->cap) {
        s->cap = 2 * (s->n + len);
        s->p = realloc(s->p, s->cap);
    }
    memcpy(s->p + s->n, data, len);
    s->n += len;
    return 0;
}

static size_t count_pages(const unsigned char *pdf, size_t n)
{
    size_t pages = 0;
    for (const unsigned char *p = pdf; (p = memmem(p, n - (size_t)(p - pdf), "/Type /Page", 11));
         p += 11)
        if (p[11] != 's')
            pages++;
    return pages;
}

START_TEST(test_documents)
{
    load_samples();
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.format = VQR_FORMAT_PDF;
    vqr_print_doc *doc;
    vqr_error e;
    VQR_INIT(&e);
    sink s = { NULL, 0, 0, 0, SIZE_MAX };
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, sink_write, &s, &doc, &e), VQR_OK);
    /* five notices two per sheet (three sheets), a card, a receipt */
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_NOTICE, &g_samples[i % 2].f, &e),
                         VQR_OK);
    ck_assert_uint_eq(vqr_print_doc_count(doc), 5);
    ck_assert_uint_eq(vqr_print_doc_pages(doc), 3);
    /* an error leaves the document as it was */
    vqr_print_fields bad = g_samples[0].f;
    bad.payer = "A\tB";
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_NOTICE, &bad, &e), VQR_ERR_TEXT_CONTROL);
    ck_assert_uint_eq(vqr_print_doc_count(doc), 5);
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_CARD, &g_samples[0].f, &e), VQR_OK);
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_RECEIPT, &g_samples[1].f, &e), VQR_OK);
    ck_assert_uint_eq(vqr_print_doc_pages(doc), 5);
    size_t before = s.n;
    ck_assert_uint_gt(before, 0); /* finished pages were streamed already */
    unsigned char *out = (unsigned char *)1;
    size_t n = 1;
    ck_assert_int_eq(vqr_print_doc_finish(doc, &out, &n, &e), VQR_OK);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_gt(s.n, before);
    ck_assert_uint_eq(count_pages(s.p, s.n), 5);
    ck_assert(memcmp(s.p + s.n - 6, "%%EOF\n", 6) == 0);
    /* its title: the template's heading, the document having several */
    ck_assert_ptr_nonnull(memmem(s.p, s.n, "/Title", 6));
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_CARD, &g_samples[0].f, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    vqr_print_doc_free(doc);
    free(s.p);

    /* the same document in memory has the same bytes */
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, NULL, NULL, &doc, &e), VQR_OK);
    ck_assert_int_eq(vqr_print_doc_finish(doc, &out, &n, &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_print_doc_free(doc);

    /* a writer that fails: the document fails for good, with VQR_ERR_IO */
    sink f = { NULL, 0, 0, 0, 2000 };
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, sink_write, &f, &doc, &e), VQR_OK);
    vqr_status st = VQR_OK;
    for (int i = 0; i < 6 && st == VQR_OK; i++)
        st = vqr_print_doc_add(doc, VQR_TEMPLATE_CARD, &g_samples[0].f, &e);
    if (st == VQR_OK)
        st = vqr_print_doc_finish(doc, NULL, NULL, &e);
    ck_assert_int_eq(st, VQR_ERR_IO);
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_CARD, &g_samples[0].f, &e), VQR_ERR_IO);
    ck_assert_int_eq(e.code, VQR_ERR_IO);
    vqr_print_doc_free(doc);
    free(f.p);

    /* PNG and SVG documents hold one page */
    vqr_print_options_init(&o, sizeof o, NULL);
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, NULL, NULL, &doc, &e), VQR_OK);
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_CARD, &g_samples[0].f, &e), VQR_OK);
    ck_assert_int_eq(vqr_print_doc_add(doc, VQR_TEMPLATE_CARD, &g_samples[0].f, &e),
                     VQR_ERR_PRINT_ONE_PAGE);
    ck_assert_int_eq(vqr_print_doc_finish(doc, &out, &n, &e), VQR_OK);
    ck_assert(memcmp(out, "\x89PNG", 4) == 0);
    vqr_free(out);
    vqr_print_doc_free(doc);
    vqr_print_doc_free(NULL);
    ck_assert_uint_eq(vqr_print_doc_count(NULL), 0);
    ck_assert_int_eq(vqr_print_doc_add(NULL, VQR_TEMPLATE_CARD, &g_samples[0].f, &e),
                     VQR_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, NULL, NULL, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
}
END_TEST

/* ---- pages laid out by worker threads, drawn in order by the document ---- */

typedef struct prep {
    size_t first, step;
    vqr_print_layout *l[64];
    size_t n;
    int bad;
} prep;

static void *prepare(void *arg)
{
    prep *p = arg;
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.format = VQR_FORMAT_PDF;
    for (size_t i = p->first; i < p->n; i += p->step)
        if (vqr_print_measure(VQR_TEMPLATE_NOTICE, &g_samples[i % g_nsamples].f, &o, &p->l[i],
                              NULL) != VQR_OK)
            p->bad++;
    return NULL;
}

START_TEST(test_layouts_from_threads)
{
    load_samples();
    enum { PAGES = 12 };
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.format = VQR_FORMAT_PDF;
    /* the document as vqr_print_doc_add makes it */
    vqr_print_doc *doc;
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, NULL, NULL, &doc, &e), VQR_OK);
    for (size_t i = 0; i < PAGES; i++)
        ck_assert_int_eq(
            vqr_print_doc_add(doc, VQR_TEMPLATE_NOTICE, &g_samples[i % g_nsamples].f, &e), VQR_OK);
    unsigned char *want, *got;
    size_t want_len, got_len;
    ck_assert_int_eq(vqr_print_doc_finish(doc, &want, &want_len, &e), VQR_OK);
    vqr_print_doc_free(doc);
    /* the same pages laid out by two threads at once, drawn here in order */
    static prep p;
    memset(&p, 0, sizeof p);
    p.n = PAGES;
    prep q = p;
    p.first = 0;
    p.step = 2;
    q.first = 1;
    q.step = 2;
    pthread_t a, b;
    ck_assert_int_eq(pthread_create(&a, NULL, prepare, &p), 0);
    ck_assert_int_eq(pthread_create(&b, NULL, prepare, &q), 0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    ck_assert_int_eq(p.bad + q.bad, 0);
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, NULL, NULL, &doc, &e), VQR_OK);
    for (size_t i = 0; i < PAGES; i++)
        ck_assert_int_eq(vqr_print_doc_add_layout(doc, i % 2 ? q.l[i] : p.l[i], &e), VQR_OK);
    ck_assert_uint_eq(vqr_print_doc_count(doc), PAGES);
    ck_assert_int_eq(vqr_print_doc_finish(doc, &got, &got_len, &e), VQR_OK);
    vqr_print_doc_free(doc);
    ck_assert_uint_eq(got_len, want_len);
    ck_assert(memcmp(got, want, want_len) == 0);
    vqr_free(want);
    vqr_free(got);
    /* a layout for another output is refused */
    vqr_print_options_init(&o, sizeof o, NULL); /* PNG */
    ck_assert_int_eq(vqr_print_doc_new(&o, NULL, NULL, NULL, &doc, &e), VQR_OK);
    ck_assert_int_eq(vqr_print_doc_add_layout(doc, p.l[0], &e), VQR_ERR_INVALID_ARGUMENT);
    ck_assert_str_eq(e.tag, "format");
    ck_assert_int_eq(vqr_print_doc_add_layout(doc, NULL, &e), VQR_ERR_INVALID_ARGUMENT);
    vqr_print_doc_free(doc);
    for (size_t i = 0; i < PAGES; i++)
        vqr_print_layout_free(i % 2 ? q.l[i] : p.l[i]);
}
END_TEST

/* ---- a caller's allocator, and every allocation of it failed in turn ---- */

typedef struct counting {
    size_t calls, fail_at, live;
} counting;

static void *c_malloc(void *ctx, size_t n)
{
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    c->live++;
    return malloc(n);
}

static void c_free(void *ctx, void *p)
{
    counting *c = ctx;
    c->live--;
    free(p);
}

START_TEST(test_allocator)
{
    load_samples();
    static const vqr_print_format fmts[] = { VQR_FORMAT_PNG, VQR_FORMAT_PDF, VQR_FORMAT_SVG };
    for (size_t k = 0; k < 3; k++) {
        vqr_print_options o;
        vqr_print_options_init(&o, sizeof o, NULL);
        o.format = fmts[k];
        counting c = { 0, 0, 0 };
        vqr_allocator a = { c_malloc, NULL, c_free, &c };
        unsigned char *out;
        size_t n;
        ck_assert_int_eq(
            vqr_print_render(VQR_TEMPLATE_COMPACT2, &g_samples[0].f, &o, &a, &out, &n, NULL),
            VQR_OK);
        size_t total = c.calls;
        ck_assert_uint_ge(total, 1);
        ck_assert_uint_eq(c.live, 1); /* the output, and nothing else */
        a.free(a.ctx, out);
        for (size_t fail = 1; fail <= total; fail++) {
            c.calls = 0;
            c.fail_at = fail;
            c.live = 0;
            vqr_error e;
            VQR_INIT(&e);
            vqr_status st =
                vqr_print_render(VQR_TEMPLATE_COMPACT2, &g_samples[0].f, &o, &a, &out, &n, &e);
            ck_assert_int_eq(st, VQR_ERR_NO_MEMORY);
            ck_assert_ptr_null(out);
            ck_assert_uint_eq(c.live, 0);
        }
    }
}
END_TEST

/* ---- threads: the same bytes as alone ---- */

typedef struct job {
    const sample *s;
    vqr_template t;
    vqr_print_format fmt;
    unsigned char *want;
    size_t want_len;
    int rounds;
    int bad;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.format = j->fmt;
    for (int i = 0; i < j->rounds; i++) {
        unsigned char *out;
        size_t n;
        if (vqr_print_render(j->t, &j->s->f, &o, NULL, &out, &n, NULL) != VQR_OK) {
            j->bad++;
            continue;
        }
        if (n != j->want_len || memcmp(out, j->want, n) != 0) {
            j->bad++;
        }
        vqr_free(out);
    }
    return NULL;
}

START_TEST(test_threads)
{
    load_samples();
    ck_assert_int_eq(vqr_print_init(NULL, NULL), VQR_OK);
    enum { THREADS = 4 };
    static const vqr_template ts[THREADS] = { VQR_TEMPLATE_CARD, VQR_TEMPLATE_COMPACT2,
                                              VQR_TEMPLATE_QR_ONLY, VQR_TEMPLATE_STICKER };
    static const vqr_print_format fs[THREADS] = { VQR_FORMAT_PNG, VQR_FORMAT_SVG, VQR_FORMAT_PNG,
                                                  VQR_FORMAT_PDF };
    job jobs[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){ &g_samples[(size_t)i % g_nsamples], ts[i], fs[i], NULL, 0, 6, 0 };
        vqr_print_options o;
        vqr_print_options_init(&o, sizeof o, NULL);
        o.format = fs[i];
        ck_assert_int_eq(vqr_print_render(ts[i], &jobs[i].s->f, &o, NULL, &jobs[i].want,
                                          &jobs[i].want_len, NULL),
                         VQR_OK);
    }
    for (int i = 0; i < THREADS; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(jobs[i].bad, 0);
        vqr_free(jobs[i].want);
    }
}
END_TEST

START_TEST(test_fonts)
{
    load_samples();
    vqr_error e;
    VQR_INIT(&e);
    ck_assert_int_eq(vqr_print_init(NULL, &e), VQR_OK);
    ck_assert_int_eq(vqr_print_init("DejaVu Sans", &e), VQR_OK);
    /* a family that does not exist falls back to one that fontconfig has */
    vqr_print_options o;
    vqr_print_options_init(&o, sizeof o, NULL);
    o.font = "No Such Family 42";
    unsigned char *out;
    size_t n;
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &g_samples[0].f, &o, NULL, &out, &n, &e),
                     VQR_OK);
    vqr_free(out);
    /* a character no installed font has is an error naming the field */
    vqr_print_fields f = g_samples[0].f;
    f.note = "Ghi chú \xF3\xB0\x80\x80"; /* U+F0000, private use: no font has it */
    ck_assert_int_eq(vqr_print_render(VQR_TEMPLATE_CARD, &f, NULL, NULL, &out, &n, &e),
                     VQR_ERR_PRINT_FONT);
    ck_assert_str_eq(e.tag, "note");
}
END_TEST

static Suite *print_suite(void)
{
    Suite *s = suite_create("print");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_template_names);
    tcase_add_test(tc, test_defaults_and_sizes);
    tcase_add_test(tc, test_bad_options);
    tcase_add_test(tc, test_field_errors);
    tcase_add_test(tc, test_payload_errors);
    tcase_add_loop_test(tc, test_layouts, 0, (int)N_VARIANTS);
    tcase_add_test(tc, test_layout_boxes);
    tcase_add_test(tc, test_png_sizes);
    tcase_add_test(tc, test_fast_png);
    tcase_add_test(tc, test_pdf_and_svg);
    tcase_add_test(tc, test_documents);
    tcase_add_test(tc, test_layouts_from_threads);
    tcase_add_test(tc, test_allocator);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_fonts);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int st = run_suite(print_suite());
    json_decref(g_json);
    return st;
}
