/*
 * vietqr_view.c - the VietQR reading of a payload (vqr_vietqr_read) for
 * decode: the "vietqr" member of the JSON and the lines of the summary.
 */
#include "cli.h"

#include <jansson.h>
#include <string.h>

/* A string member: null when the payload has no such value. */
static json_t *opt_str(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

static json_t *value_or_null(const vqr_payload *p, const char *tag)
{
    vqr_view v;
    if (vqr_payload_get(p, tag, &v, NULL) != VQR_OK || !v.ptr)
        return json_null();
    return json_stringn(v.ptr, v.len);
}

static const char *network_name(vqr_network n)
{
    switch (n) {
    case VQR_NETWORK_NAPAS:
        return "napas";
    case VQR_NETWORK_VNPAY:
        return "vnpay";
    default:
        return "other";
    }
}

/* Reads the VietQR view; false when the payload is not a VietQR at all. */
static bool read_view(const vqr_payload *p, vqr_vietqr_info *info)
{
    vqr_status st = vqr_vietqr_read(p, info, NULL);
    return st != VQR_ERR_NOT_VIETQR && st != VQR_ERR_INVALID_ARGUMENT &&
           info->network != VQR_NETWORK_NONE;
}

json_t *cli_vietqr_json(const vqr_payload *p)
{
    static vqr_vietqr_info info; /* 4 KiB; decode runs on one thread */
    VQR_INIT(&info);
    if (!read_view(p, &info))
        return json_null();
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= json_object_set_new(o, "network", json_string(network_name(info.network)));
    bad |= json_object_set_new(o, "bin", opt_str(info.bin));
    bad |= json_object_set_new(o, "bank", opt_str(info.bank_short_name));
    bad |= json_object_set_new(o, "account", opt_str(info.account));
    bad |= json_object_set_new(o, "service", opt_str(info.service_code));
    bad |= json_object_set_new(o, "amount", opt_str(info.amount));
    bad |= json_object_set_new(o, "currency", value_or_null(p, "53"));
    bad |= json_object_set_new(o, "purpose", opt_str(info.purpose));
    bad |= json_object_set_new(o, "bill_number", opt_str(info.bill_number));
    bad |= json_object_set_new(o, "reference", opt_str(info.reference));
    bad |= json_object_set_new(o, "dynamic", json_boolean(info.is_dynamic));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

void cli_vietqr_summary(const vqr_payload *p, bool vi, FILE *out)
{
    static vqr_vietqr_info info;
    VQR_INIT(&info);
    if (!read_view(p, &info))
        return;
    cli_put_label(out, vi ? "Mạng:" : "Network:", CLI_LABEL_WIDTH);
    switch (info.network) {
    case VQR_NETWORK_NAPAS:
        cli_puts("NAPAS 247 (VietQR)\n", out);
        break;
    case VQR_NETWORK_VNPAY:
        cli_puts("VNPAY-QR\n", out);
        break;
    default: {
        cli_printf(out, "%s (%d, GUID ", vi ? "khác" : "other", info.mai_id);
        size_t n = cli_put_str(out, info.guid);
        cli_putc(')', out);
        cli_put_mark(out, n, vi);
        cli_putc('\n', out);
        break;
    }
    }
    if (info.bin[0]) {
        /* A known BIN is six digits; an unknown one is shown escaped. */
        cli_put_label(out, vi ? "Ngân hàng:" : "Bank:", CLI_LABEL_WIDTH);
        size_t n = cli_put_str(out, info.bin);
        if (info.bank_known)
            cli_printf(out, " %s (%s)", info.bank_short_name, info.bank_name);
        else
            cli_printf(out, " (%s)",
                       vi ? "không có trong danh bạ ngân hàng" : "not in the bank directory");
        cli_put_mark(out, n, vi);
        cli_putc('\n', out);
    }
    if (info.account[0]) {
        const char *label = info.network == VQR_NETWORK_NAPAS
                                ? (vi ? "Tài khoản:" : "Account:")
                                : (vi ? "Mã người bán:" : "Merchant ID:");
        if (info.service == VQR_SERVICE_CARD)
            label = vi ? "Số thẻ:" : "Card:";
        else if (info.service == VQR_SERVICE_MERCHANT || info.service == VQR_SERVICE_CASH)
            label = vi ? "Mã người bán:" : "Merchant ID:";
        cli_put_label(out, label, CLI_LABEL_WIDTH);
        cli_put_mark(out, cli_put_str(out, info.account), vi);
        cli_putc('\n', out);
    }
    if (info.service_code[0]) {
        char note[128];
        cli_put_label(out, vi ? "Dịch vụ:" : "Service:", CLI_LABEL_WIDTH);
        size_t n = cli_put_str(out, info.service_code);
        if (cli_field_note("38.02", info.service_code, strlen(info.service_code), vi, note,
                           sizeof note))
            cli_printf(out, " (%s)", note);
        cli_put_mark(out, n, vi);
        cli_putc('\n', out);
    }
}
