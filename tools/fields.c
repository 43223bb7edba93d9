/*
 * fields.c - the fields of a VietQR as `vietqr encode` options and `vietqr
 * batch` columns (bank, account, card, merchant, amount, purpose, bill,
 * reference, name, city, mcc, store, terminal), turned into a payload
 * with vqr_vietqr_build(), and the messages for what went wrong.
 */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *key;
    const char *tag;
} k_fields[CLI_F_COUNT] = {
    [CLI_F_BANK] = { "bank", "38.01.00" },
    [CLI_F_ACCOUNT] = { "account", "38.01.01" },
    [CLI_F_CARD] = { "card", "38.01.01" },
    [CLI_F_MERCHANT] = { "merchant", "38.01.01" },
    [CLI_F_AMOUNT] = { "amount", "54" },
    [CLI_F_PURPOSE] = { "purpose", "62.08" },
    [CLI_F_BILL] = { "bill", "62.01" },
    [CLI_F_REFERENCE] = { "reference", "62.05" },
    [CLI_F_NAME] = { "name", "59" },
    [CLI_F_CITY] = { "city", "60" },
    [CLI_F_MCC] = { "mcc", "52" },
    [CLI_F_STORE] = { "store", "62.03" },
    [CLI_F_TERMINAL] = { "terminal", "62.07" },
};

const char *cli_field_key(cli_field f)
{
    return f < CLI_F_COUNT ? k_fields[f].key : "";
}

int cli_field_by_key(const char *key, size_t len)
{
    for (int f = 0; f < CLI_F_COUNT; f++)
        if (strlen(k_fields[f].key) == len && memcmp(k_fields[f].key, key, len) == 0)
            return f;
    return -1;
}

/* Fills `e` the way the library does, for problems the tool finds itself. */
static vqr_status own_error(vqr_error *e, vqr_status code, const char *tag, size_t limit)
{
    memset(e, 0, sizeof *e);
    e->size = sizeof *e;
    e->code = code;
    e->severity = VQR_SEVERITY_ERROR;
    e->offset = e->char_offset = e->related_offset = SIZE_MAX;
    e->limit = limit;
    (void)snprintf(e->tag, sizeof e->tag, "%s", tag);
    e->name = vqr_status_name(code);
    e->message = vqr_strerror(code);
    e->message_vi = vqr_strerror_vi(code);
    return code;
}

/* The field a diagnostic of the builder is about, from its tag. */
static cli_field field_of_tag(const cli_fields *in, const char *tag)
{
    if (strcmp(tag, "38.01.01") == 0 || strcmp(tag, "38.02") == 0) {
        if (in->v[CLI_F_CARD])
            return CLI_F_CARD;
        if (in->v[CLI_F_MERCHANT])
            return CLI_F_MERCHANT;
        return CLI_F_ACCOUNT;
    }
    for (int f = 0; f < CLI_F_COUNT; f++)
        if (strcmp(k_fields[f].tag, tag) == 0)
            return (cli_field)f;
    return CLI_F_COUNT;
}

vqr_status cli_build(const cli_fields *in, unsigned flags, vqr_payload *out,
                     vqr_vietqr_report *report, vqr_error *e, cli_field *bad)
{
    vqr_vietqr q;
    vqr_vietqr_init(&q, sizeof q, NULL);
    *bad = CLI_F_COUNT;
    VQR_INIT(report);

    int ids = 0;
    const char *id = NULL;
    static const cli_field kinds[3] = { CLI_F_ACCOUNT, CLI_F_CARD, CLI_F_MERCHANT };
    static const vqr_service services[3] = { VQR_SERVICE_ACCOUNT, VQR_SERVICE_CARD,
                                             VQR_SERVICE_MERCHANT };
    for (int i = 0; i < 3; i++) {
        const char *v = in->v[kinds[i]];
        if (v && v[0]) {
            ids++;
            id = v;
            q.service = services[i];
        }
    }
    if (ids > 1) {
        *bad = CLI_F_ACCOUNT;
        return own_error(e, VQR_ERR_INVALID_ARGUMENT, "38.01.01", 0);
    }
    q.account = id;
    q.bank = in->v[CLI_F_BANK];

    const char *amount = in->v[CLI_F_AMOUNT];
    if (amount && amount[0]) {
        vqr_status st = vqr_amount_parse(amount, strlen(amount), q.currency, &q.amount, e);
        if (st != VQR_OK) {
            *bad = CLI_F_AMOUNT;
            return st;
        }
    }
    q.purpose = in->v[CLI_F_PURPOSE];
    q.bill_number = in->v[CLI_F_BILL];
    q.reference = in->v[CLI_F_REFERENCE];
    q.merchant_name = in->v[CLI_F_NAME];
    q.merchant_city = in->v[CLI_F_CITY];
    q.mcc = in->v[CLI_F_MCC];
    q.store = in->v[CLI_F_STORE];
    q.terminal = in->v[CLI_F_TERMINAL];
    vqr_status st = vqr_vietqr_build(&q, flags, out, report, e);
    if (st != VQR_OK)
        *bad = field_of_tag(in, e->tag);
    return st;
}

const char *cli_field_tag(cli_field f)
{
    return f < CLI_F_COUNT ? k_fields[f].tag : "";
}

void cli_build_message(const vqr_error *e, cli_field bad, const char *prefix, bool vi, char *out,
                       size_t cap)
{
    char label[64];
    if (bad < CLI_F_COUNT)
        (void)snprintf(label, sizeof label, "%s%s (%s)", prefix, cli_field_key(bad),
                       cli_field_tag(bad));
    else
        (void)snprintf(label, sizeof label, "%s", e->tag);
    cli_build_message_as(e, bad, label, vi, out, cap);
}

void cli_option_label(const cli_fields *in, const vqr_error *e, cli_field bad, char *out,
                      size_t cap)
{
    if (bad < CLI_F_COUNT) {
        (void)snprintf(out, cap, "--%s (%s)", cli_field_key(bad), cli_field_tag(bad));
        return;
    }
    /* A template's fault (62 over 99 characters): every option that fills
     * it, in the order of their tags. */
    size_t tlen = strlen(e->tag), used = 0, count = 0;
    int given[CLI_F_COUNT];
    for (int f = 0; f < CLI_F_COUNT && tlen; f++) {
        const char *t = k_fields[f].tag;
        if (!in->v[f] || !in->v[f][0] || strncmp(t, e->tag, tlen) != 0 || t[tlen] != '.')
            continue;
        size_t j = count++;
        for (; j > 0 && strcmp(k_fields[given[j - 1]].tag, t) > 0; j--)
            given[j] = given[j - 1];
        given[j] = f;
    }
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        int n =
            snprintf(out + used, cap - used, "%s--%s", used ? ", " : "", k_fields[given[i]].key);
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
    if (used)
        (void)snprintf(out + used, cap - used, " (%s)", e->tag);
    else
        (void)snprintf(out, cap, "%s", e->tag);
}

void cli_build_message_as(const vqr_error *e, cli_field bad, const char *label, bool vi, char *out,
                          size_t cap)
{
    const char *msg = vi ? e->message_vi : e->message;
    const char *what = label ? label : "";
    if (e->code == VQR_ERR_INVALID_ARGUMENT && strcmp(e->tag, "38.01.01") == 0)
        msg = vi ? "chỉ ghi một trong account, card, merchant"
                 : "give only one of account, card, merchant";
    else if (e->code == VQR_ERR_MISSING && bad < CLI_F_COUNT)
        msg = vi ? "trường này bắt buộc" : "this field is required";
    else if (e->code == VQR_ERR_MISSING && strcmp(e->tag, "38.01.01") == 0)
        msg = vi ? "cần account, card hoặc merchant" : "account, card or merchant is required";
    int n = snprintf(out, cap, "%s%s%s (%s)", what, what[0] ? ": " : "", msg, e->name);
    if (n < 0 || (size_t)n >= cap)
        return;
    size_t used = (size_t)n;
    if (e->code == VQR_ERR_LENGTH && strcmp(e->tag, "52") == 0)
        (void)snprintf(out + used, cap - used, vi ? ", đúng 4 chữ số" : ", exactly 4 digits");
    else if (e->limit && (e->code == VQR_ERR_LENGTH || e->code == VQR_ERR_TEMPLATE_TOO_LONG))
        (void)snprintf(out + used, cap - used,
                       vi ? ", tối đa %zu ký tự" : ", at most %zu characters", e->limit);
    else if (e->offset != SIZE_MAX && e->code != VQR_ERR_MISSING &&
             (e->code == VQR_ERR_TEXT_NOT_ASCII || e->code == VQR_ERR_TEXT_CONTROL ||
              e->code == VQR_ERR_UTF8 || e->code == VQR_ERR_ACCOUNT ||
              e->code == VQR_ERR_AMOUNT_SYNTAX || e->code == VQR_ERR_FORMAT_ANS ||
              e->code == VQR_ERR_FORMAT_N))
        (void)snprintf(out + used, cap - used, vi ? ", tại ký tự %zu" : ", at character %zu",
                       e->char_offset);
}

void cli_bank_hint(const char *query, vqr_status code, bool vi, char *out, size_t cap)
{
    const vqr_bank *b[3];
    size_t n = 0;
    out[0] = '\0';
    if (!query || vqr_bank_suggest(query, strlen(query), b, 3, &n, NULL) != VQR_OK || n == 0)
        return;
    size_t used = 0;
    int w =
        snprintf(out, cap, "%s",
                 code == VQR_ERR_BANK_AMBIGUOUS ? (vi ? "; tên này chỉ " : "; it names ")
                                                : (vi ? "; có phải ý bạn là " : "; did you mean "));
    if (w < 0 || (size_t)w >= cap)
        return;
    used = (size_t)w;
    for (size_t i = 0; i < n; i++) {
        bool all = code == VQR_ERR_BANK_AMBIGUOUS; /* the candidates, not guesses */
        const char *sep = i == 0      ? ""
                          : i + 1 < n ? ", "
                          : all       ? (vi ? " và " : " and ")
                                      : (vi ? " hoặc " : " or ");
        w = snprintf(out + used, cap - used, "%s%s (%s)", sep, b[i]->short_name, b[i]->bin);
        if (w < 0 || (size_t)w >= cap - used)
            return;
        used += (size_t)w;
    }
    (void)snprintf(out + used, cap - used, "%s",
                   code == VQR_ERR_BANK_AMBIGUOUS ? (vi ? ": hãy ghi BIN" : ": give the BIN")
                                                  : "?");
}

void cli_report_folding(const char *cmd, const vqr_vietqr_report *rep, bool vi)
{
    for (size_t i = 0; i < rep->count && i < VQR_VIETQR_TEXT_FIELDS; i++) {
        const vqr_vietqr_change *c = &rep->field[i];
        const char *key = "";
        for (int f = 0; f < CLI_F_COUNT; f++)
            if (strcmp(k_fields[f].tag, c->tag) == 0)
                key = k_fields[f].key;
        if (vi)
            cli_error(cmd, "--%s (%s): đã bỏ dấu %zu ký tự; ngân hàng sẽ hiển thị \"%s\"", key,
                      c->tag, c->changed, c->text);
        else
            cli_error(cmd, "--%s (%s): %zu character%s folded to ASCII; banks will show \"%s\"",
                      key, c->tag, c->changed, c->changed == 1 ? "" : "s", c->text);
    }
}
