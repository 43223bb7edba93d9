/*
 * data.c - the fields of a document, read and checked: text put in NFC
 * with control and invisible format characters refused, items added up
 * against the payload's amount, and what the payload itself says (bank,
 * account, amount, purpose) read with libvietqr.
 */
#include "print_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 sequence of valid text (vqr_text_nfc checked it). */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    if (len > n) {
        *cp = 0xFFFD;
        return n;
    }
    uint32_t v = s[0] & (0x3Fu >> (len - 1));
    for (size_t i = 1; i < len; i++)
        v = (v << 6) | (s[i] & 0x3Fu);
    *cp = v;
    return len;
}

/*
 * Reads one text field: NULL or "" is absent (*out NULL). Otherwise valid
 * UTF-8 without any character of the library's one rule for unsafe text
 * (vqr_text_unsafe: controls, bidirectional controls, invisible characters,
 * line and paragraph separators; a line break only when `lines`), returned
 * in NFC (malloc'd). A right-to-left override or a U+2028 would otherwise
 * reorder or break the line drawn, next to the account number.
 */
static vqr_status load_text(const char *in, const char *field, bool lines, char **out,
                            vqr_error *err)
{
    *out = NULL;
    if (!in || !in[0])
        return VQR_OK;
    size_t len = strlen(in);
    size_t cap = 3 * len + 1;
    char *buf = malloc(cap);
    if (!buf)
        return vp_fail(err, VQR_ERR_NO_MEMORY, field, SIZE_MAX, 0);
    size_t n = 0;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_text_nfc(in, len, buf, cap, &n, &e);
    if (st != VQR_OK) {
        free(buf);
        return vp_fail(err, st, field, e.offset, e.limit);
    }
    /* Unsafe characters, at their offset in the input (NFC leaves them as
     * they are, so the input is scanned). */
    const unsigned char *s = (const unsigned char *)in;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_next(s + i, len - i, &cp);
        if (!(lines && cp == '\n') && vqr_text_unsafe(in + i, k, NULL, NULL) != 0) {
            free(buf);
            return vp_fail(err, VQR_ERR_TEXT_CONTROL, field, i, 0);
        }
        i += k;
    }
    /* Only spaces: absent. */
    size_t j = 0;
    while (j < n && (buf[j] == ' ' || buf[j] == '\n'))
        j++;
    if (j == n) {
        free(buf);
        return VQR_OK;
    }
    *out = buf;
    return VQR_OK;
}

/* Writes `v` with "." between thousands. */
static size_t group_thousands(uint64_t v, char *out)
{
    char rev[32];
    size_t n = 0, o = 0;
    do {
        if (n && n % 3 == 0)
            rev[o++] = '.';
        rev[o++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
        n++;
    } while (v);
    for (size_t i = 0; i < o; i++)
        out[i] = rev[o - 1 - i];
    out[o] = '\0';
    return o;
}

/* An account number of digits in groups of four from the left, split by
 * a no-break space (U+00A0): "0011 0123 4567 8".
 * Anything else is shown as written. */
static void group_account(const char *acc, char *out, size_t cap)
{
    size_t n = strlen(acc);
    bool digits = n > 4;
    for (size_t i = 0; i < n; i++)
        digits = digits && acc[i] >= '0' && acc[i] <= '9';
    if (!digits || cap < n + 2 * (n / 4) + 1) {
        (void)snprintf(out, cap, "%s", acc);
        return;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && i % 4 == 0) {
            memcpy(out + o, "\xC2\xA0", 2);
            o += 2;
        }
        out[o++] = acc[i];
    }
    out[o] = '\0';
}

void vp_format_amount(uint64_t minor, unsigned currency, char out[64])
{
    if (currency == 704 || currency == 0) {
        size_t n = group_thousands(minor, out);
        memcpy(out + n, " đ", sizeof " đ");
        return;
    }
    /* Other currencies: decimals after a comma, as Vietnamese writes them,
     * and the ISO 4217 exponent read back from libvietqr's own writer. */
    char written[VQR_AMOUNT_BUF_SIZE];
    size_t wl = 0;
    const char *alpha = "";
    static const struct {
        unsigned code;
        const char *alpha;
    } k_alpha[] = { { 840, "USD" }, { 978, "EUR" }, { 392, "JPY" }, { 156, "CNY" },
                    { 410, "KRW" }, { 702, "SGD" }, { 764, "THB" }, { 418, "LAK" },
                    { 116, "KHR" }, { 826, "GBP" }, { 36, "AUD" } };
    for (size_t i = 0; i < sizeof k_alpha / sizeof k_alpha[0]; i++)
        if (k_alpha[i].code == currency)
            alpha = k_alpha[i].alpha;
    if (vqr_amount_format(minor ? minor : 1, currency, written, sizeof written, &wl, NULL) !=
        VQR_OK) {
        size_t n = group_thousands(minor, out);
        (void)snprintf(out + n, 64 - n, " (%03u)", currency);
        return;
    }
    const char *dot = strchr(written, '.');
    size_t decimals = dot ? strlen(dot + 1) : 0;
    uint64_t div = 1;
    for (size_t i = 0; i < decimals; i++)
        div *= 10u;
    size_t n = group_thousands(minor / div, out);
    if (decimals) {
        out[n++] = ',';
        uint64_t frac = minor % div;
        for (size_t i = decimals; i > 0; i--) {
            out[n + i - 1] = (char)('0' + (int)(frac % 10u));
            frac /= 10u;
        }
        n += decimals;
    }
    if (alpha[0])
        (void)snprintf(out + n, 64 - n, " %s", alpha);
    else
        (void)snprintf(out + n, 64 - n, " (%03u)", currency);
}

static unsigned words_flags(unsigned print_flags)
{
    return (print_flags & VQR_PRINT_WORDS_SOUTH ? VQR_AMOUNT_WORDS_SOUTH : 0u) |
           (print_flags & VQR_PRINT_WORDS_TU ? VQR_AMOUNT_WORDS_TU : 0u);
}

static vqr_status load_items(vp_data *d, const vqr_print_fields *f, vqr_error *err)
{
    if (f->item_count == 0)
        return VQR_OK;
    if (!f->items)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "items", SIZE_MAX, 0);
    if (f->item_count > VQR_PRINT_ITEMS_MAX)
        return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, "items", SIZE_MAX, VQR_PRINT_ITEMS_MAX);
    d->items = calloc(f->item_count, sizeof *d->items);
    if (!d->items)
        return vp_fail(err, VQR_ERR_NO_MEMORY, "items", SIZE_MAX, 0);
    d->n_items = f->item_count;
    uint64_t sum = 0;
    for (size_t i = 0; i < f->item_count; i++) {
        char tag[32];
        (void)snprintf(tag, sizeof tag, "item.%zu", i);
        vqr_status st = load_text(f->items[i].label, tag, false, &d->items[i].label, err);
        if (st != VQR_OK)
            return st;
        if (!d->items[i].label)
            return vp_fail(err, VQR_ERR_INVALID_ARGUMENT, tag, SIZE_MAX, 0);
        uint64_t a = f->items[i].amount;
        if (a > UINT64_C(9999999999999) || sum + a > UINT64_C(9999999999999))
            return vp_fail(err, VQR_ERR_LENGTH, tag, SIZE_MAX, 13);
        sum += a;
        d->items[i].amount = a;
        vp_format_amount(a, d->currency, d->items[i].amount_text);
    }
    d->items_total = sum;
    return VQR_OK;
}

vqr_status vp_data_load(vp_data *d, vqr_template t, const vqr_print_fields *f,
                        const vqr_print_options *opt, vqr_error *err)
{
    (void)t;
    memset(d, 0, sizeof *d);
    if (!f->payload || f->payload_len == 0)
        return vp_fail(err, VQR_ERR_QR_EMPTY, "payload", SIZE_MAX, 0);
    d->payload = f->payload;
    d->payload_len = f->payload_len;

    /* What the payload says. */
    vqr_payload *p = malloc(sizeof *p);
    vqr_vietqr_info *info = malloc(sizeof *info);
    if (!p || !info) {
        free(p);
        free(info);
        return vp_fail(err, VQR_ERR_NO_MEMORY, "", SIZE_MAX, 0);
    }
    vqr_error e;
    VQR_INIT(&e);
    VQR_INIT(info);
    vqr_status st = vqr_payload_parse(p, f->payload, f->payload_len, VQR_PARSE_LENIENT, &e);
    if (st != VQR_OK && !(opt->flags & VQR_PRINT_ANY_PAYLOAD)) {
        free(p);
        free(info);
        return vp_fail_as(err, &e);
    }
    if (st == VQR_OK && vqr_vietqr_read(p, info, NULL) == VQR_OK) {
        d->vietqr = true;
        d->currency = info->currency;
        if (info->amount[0] && info->amount_status == VQR_OK && info->amount_minor) {
            d->has_amount = true;
            d->amount = info->amount_minor;
        }
        group_account(info->account, d->account_shown, sizeof d->account_shown);
        memcpy(d->bank_name, info->bank_name, sizeof d->bank_name);
    } else {
        VQR_INIT(info);
    }
    if (d->currency == 0)
        d->currency = 704;

    /* The fields. */
    static const struct {
        size_t off;
        size_t dst;
        const char *name;
        bool lines;
    } k_text[] = {
        { offsetof(vqr_print_fields, title), offsetof(vp_data, title), "title", false },
        { offsetof(vqr_print_fields, issuer), offsetof(vp_data, issuer), "issuer", false },
        { offsetof(vqr_print_fields, address), offsetof(vp_data, address), "address", true },
        { offsetof(vqr_print_fields, payer), offsetof(vp_data, payer), "payer", false },
        { offsetof(vqr_print_fields, payer_code), offsetof(vp_data, payer_code), "payer_code",
          false },
        { offsetof(vqr_print_fields, holder), offsetof(vp_data, holder), "holder", false },
        { offsetof(vqr_print_fields, bank), offsetof(vp_data, bank), "bank", false },
        { offsetof(vqr_print_fields, purpose), offsetof(vp_data, purpose), "purpose", false },
        { offsetof(vqr_print_fields, reference), offsetof(vp_data, reference), "reference", false },
        { offsetof(vqr_print_fields, due_date), offsetof(vp_data, due_date), "due_date", false },
        { offsetof(vqr_print_fields, date), offsetof(vp_data, date), "date", false },
        { offsetof(vqr_print_fields, how_to_pay), offsetof(vp_data, how_to_pay), "how_to_pay",
          true },
        { offsetof(vqr_print_fields, note), offsetof(vp_data, note), "note", true },
        { offsetof(vqr_print_fields, stall), offsetof(vp_data, stall), "stall", false },
    };
    for (size_t i = 0; i < sizeof k_text / sizeof k_text[0]; i++) {
        const char *in = *(const char *const *)(const void *)((const char *)f + k_text[i].off);
        char **dst = (char **)(void *)((char *)d + k_text[i].dst);
        st = load_text(in, k_text[i].name, k_text[i].lines, dst, err);
        if (st != VQR_OK)
            goto fail;
    }
    /* Defaults from the payload (its text is ASCII, already valid). */
    static const struct {
        size_t dst;
        size_t src;
    } k_default[] = {
        { offsetof(vp_data, holder), offsetof(vqr_vietqr_info, merchant_name) },
        { offsetof(vp_data, bank), offsetof(vqr_vietqr_info, bank_short_name) },
        { offsetof(vp_data, purpose), offsetof(vqr_vietqr_info, purpose) },
        { offsetof(vp_data, reference), offsetof(vqr_vietqr_info, bill_number) },
    };
    for (size_t i = 0; i < sizeof k_default / sizeof k_default[0]; i++) {
        char **dst = (char **)(void *)((char *)d + k_default[i].dst);
        const char *src = (const char *)info + k_default[i].src;
        if (!*dst && src[0]) {
            st = load_text(src, "payload", false, dst, err);
            if (st != VQR_OK)
                goto fail;
        }
    }
    if (!d->bank && d->vietqr && info->bin[0]) {
        char buf[VQR_VALUE_BUF_SIZE + 8];
        (void)snprintf(buf, sizeof buf, "BIN %s", info->bin);
        if ((d->bank = strdup(buf)) == NULL) {
            st = vp_fail(err, VQR_ERR_NO_MEMORY, "bank", SIZE_MAX, 0);
            goto fail;
        }
    }
    if (!d->bank && d->vietqr && info->network == VQR_NETWORK_VNPAY &&
        (d->bank = strdup("VNPAY-QR")) == NULL) {
        st = vp_fail(err, VQR_ERR_NO_MEMORY, "bank", SIZE_MAX, 0);
        goto fail;
    }

    /* Amounts. */
    if ((st = load_items(d, f, err)) != VQR_OK)
        goto fail;
    if (d->n_items && d->has_amount && d->items_total != d->amount) {
        st = vp_fail(err, VQR_ERR_PRINT_TOTAL, "items", SIZE_MAX, (size_t)d->items_total);
        goto fail;
    }
    unsigned wf = words_flags(opt->flags);
    if (d->has_amount) {
        vp_format_amount(d->amount, d->currency, d->amount_text);
        size_t wl;
        d->has_words =
            d->currency == 704 &&
            vqr_amount_words_vi(d->amount, 704, wf, d->words, sizeof d->words, &wl, NULL) == VQR_OK;
    }
    if (d->n_items) {
        uint64_t total = d->has_amount ? d->amount : d->items_total;
        vp_format_amount(total, d->currency, d->total_text);
        size_t wl;
        d->has_total_words =
            d->currency == 704 && vqr_amount_words_vi(total, 704, wf, d->total_words,
                                                      sizeof d->total_words, &wl, NULL) == VQR_OK;
    }

    /* The QR code. */
    st = vqr_qr_encode(f->payload, f->payload_len, opt->ecc, NULL, &d->qr, &e);
    if (st != VQR_OK) {
        vp_fail_as(err, &e);
        goto fail;
    }
    free(p);
    free(info);
    vp_ok(err);
    return VQR_OK;
fail:
    free(p);
    free(info);
    vp_data_free(d);
    return st;
}

void vp_data_free(vp_data *d)
{
    free(d->title);
    free(d->issuer);
    free(d->address);
    free(d->payer);
    free(d->payer_code);
    free(d->holder);
    free(d->bank);
    free(d->purpose);
    free(d->reference);
    free(d->due_date);
    free(d->date);
    free(d->how_to_pay);
    free(d->note);
    free(d->stall);
    for (size_t i = 0; i < d->n_items; i++)
        free(d->items[i].label);
    free(d->items);
    vqr_qr_free(d->qr);
    memset(d, 0, sizeof *d);
}
