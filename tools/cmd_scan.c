/*
 * cmd_scan.c - `vietqr scan IMAGE...`: every QR code of each photo, and
 * for each, who it pays. Needs libvietqr-scan (meson feature 'scan').
 */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#ifdef VQR_HAVE_SCAN
#include "vietqr-scan.h"
#endif

static void scan_usage(FILE *f)
{
    cli_puts("Usage: vietqr scan [OPTIONS] IMAGE...\n"
             "\n"
             "Finds every QR code in each photo or scan (PNG or JPEG) and says, for each,\n"
             "who it pays: the bank (from the directory) and account, or the VNPAY-QR\n"
             "merchant, the amount and the purpose, whether the payload is valid (the\n"
             "default profile), and any text that imitates: letters of another script that\n"
             "look Latin, invisible or bidirectional characters. Everything a code holds is\n"
             "shown escaped. Two or more different codes in one photo are reported as such:\n"
             "a sticker over a sticker, or a notice with a second code.\n"
             "\n"
             "Options:\n"
             "  -j, --json            one JSON object per image, on one line:\n"
             "                        {file, error, codes[{payload, hex, utf8, eci,\n"
             "                        corners, ecc, copy_of, status (valid, invalid,\n"
             "                        not_a_payment_code), pays, error, suspects}],\n"
             "                        distinct}\n"
             "      --fast            one pass per image (skip the smoothed second look)\n"
             "      --max-pixels N    refuse larger images (default 67108864)\n"
             "      --lang LANG       messages in 'en' (default) or 'vi'\n"
             "  -h, --help            show this help\n"
             "\n"
             "Exit status: 0 every image holds a code, 1 an image holds none or is not a\n"
             "readable PNG or JPEG, 2 usage error, 3 input/output error.\n",
             f);
}

#ifdef VQR_HAVE_SCAN

typedef struct scan_opts {
    bool json, vi;
    vqr_scan_options so;
} scan_opts;

/* The verdict of a code against no payee: who it pays, valid or not. */
static void read_code(const vqr_scan_code *c, vqr_verdict *v)
{
    VQR_INIT(v);
    if (vqr_verify(c->data, c->len, NULL, 0, NULL, v, NULL) != VQR_OK)
        v->verdict = VQR_VERDICT_INVALID;
}

static const char *status_word(const vqr_verdict *v, bool vi)
{
    switch (v->verdict) {
    case VQR_VERDICT_INVALID:
        return vi ? "không hợp lệ" : "invalid";
    case VQR_VERDICT_NOT_A_PAYMENT_CODE:
        return vi ? "không phải mã thanh toán" : "not a payment code";
    default:
        return vi ? "mã thanh toán hợp lệ" : "a valid payment code";
    }
}

static int scan_text(const char *path, const vqr_scan_result *r, const scan_opts *o)
{
    size_t n = vqr_scan_count(r), d = vqr_scan_distinct(r);
    size_t unsafe = cli_put_str(stdout, path);
    if (n == 0)
        cli_printf(stdout, o->vi ? ": không tìm thấy mã QR" : ": no QR code found");
    else if (o->vi)
        cli_printf(stdout, ": %zu mã QR", n);
    else
        cli_printf(stdout, ": %zu QR code%s", n, n == 1 ? "" : "s");
    if (d >= 2)
        cli_printf(stdout,
                   o->vi ? ", %zu mã khác nhau (MULTIPLE_CODES)"
                         : ", %zu different codes (MULTIPLE_CODES)",
                   d);
    cli_put_mark(stdout, unsafe, o->vi);
    cli_putc('\n', stdout);
    for (size_t i = 0; i < n; i++) {
        vqr_scan_code c;
        VQR_INIT(&c);
        if (vqr_scan_get(r, i, &c, NULL) != VQR_OK)
            continue;
        cli_printf(stdout, o->vi ? "  mã %zu" : "  code %zu", i + 1);
        cli_printf(stdout, " (%d,%d) (%d,%d) (%d,%d) (%d,%d)", c.corners[0].x, c.corners[0].y,
                   c.corners[1].x, c.corners[1].y, c.corners[2].x, c.corners[2].y, c.corners[3].x,
                   c.corners[3].y);
        if (c.eci >= 0)
            cli_printf(stdout, ", ECI %d", c.eci);
        if (c.same_as != i)
            cli_printf(stdout, o->vi ? ", bản sao của mã %zu" : ", a copy of code %zu",
                       c.same_as + 1);
        vqr_verdict v;
        read_code(&c, &v);
        cli_printf(stdout, ": %s\n", status_word(&v, o->vi));
        cli_puts("    ", stdout);
        cli_put_label(stdout, "payload", 12);
        cli_put_mark(stdout, cli_put_text(stdout, c.data, c.len), o->vi);
        cli_putc('\n', stdout);
        cli_put_verdict_details(stdout, &v, NULL, "    ", o->vi);
    }
    return n ? CLI_OK : CLI_INVALID;
}

static json_t *corners_json(const vqr_scan_code *c)
{
    json_t *a = json_array();
    for (int k = 0; k < 4; k++)
        json_array_append_new(a, json_pack("[ii]", c->corners[k].x, c->corners[k].y));
    return a;
}

static int scan_json(const char *path, const vqr_scan_result *r, const vqr_error *err)
{
    json_t *j = json_object();
    if (!j)
        return CLI_IO;
    json_object_set_new(j, "file", cli_json_text(path, strlen(path)));
    if (err) {
        json_object_set_new(j, "error", json_string(err->name));
        json_object_set_new(j, "codes", json_array());
        json_object_set_new(j, "distinct", json_integer(0));
    } else {
        json_object_set_new(j, "error", json_null());
        json_t *codes = json_array();
        for (size_t i = 0; i < vqr_scan_count(r); i++) {
            vqr_scan_code c;
            VQR_INIT(&c);
            if (vqr_scan_get(r, i, &c, NULL) != VQR_OK)
                continue;
            vqr_verdict v;
            read_code(&c, &v);
            json_t *o = cli_verdict_json(&v, NULL);
            if (!o)
                continue;
            /* Against no list every payment code is "not allowed": say what
             * the code is instead. */
            json_object_del(o, "verdict");
            json_object_del(o, "payee");
            json_object_set_new(o, "status",
                                json_string(v.verdict == VQR_VERDICT_INVALID ? "invalid"
                                            : v.verdict == VQR_VERDICT_NOT_A_PAYMENT_CODE
                                                ? "not_a_payment_code"
                                                : "valid"));
            json_object_set_new(o, "payload", cli_json_text(c.data, c.len));
            char *hex = malloc(2 * c.len + 1);
            if (hex) {
                for (size_t k = 0; k < c.len; k++)
                    (void)snprintf(hex + 2 * k, 3, "%02x", (unsigned char)c.data[k]);
                hex[2 * c.len] = '\0';
                json_object_set_new(o, "hex", json_string(hex));
                free(hex);
            }
            json_object_set_new(o, "utf8", json_boolean(c.utf8));
            json_object_set_new(o, "eci", c.eci >= 0 ? json_integer(c.eci) : json_null());
            json_object_set_new(o, "corners", corners_json(&c));
            char ecc[2] = { c.ecc, '\0' };
            json_object_set_new(o, "ecc", c.ecc ? json_string(ecc) : json_null());
            json_object_set_new(o, "copy_of",
                                c.same_as != i ? json_integer((json_int_t)c.same_as) : json_null());
            json_array_append_new(codes, o);
        }
        json_object_set_new(j, "codes", codes);
        json_object_set_new(j, "distinct", json_integer((json_int_t)vqr_scan_distinct(r)));
    }
    int w = cli_json_dump(j, stdout, JSON_COMPACT);
    json_decref(j);
    if (w != 0 || fputc('\n', stdout) == EOF)
        return cli_io_error("scan", "cannot write", "standard output");
    return CLI_OK;
}

static int scan_one(const char *path, const scan_opts *o)
{
    vqr_scan_result *r = NULL;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_scan_file(path, &o->so, &r, &e);
    if (st == VQR_ERR_IO)
        return cli_io_error("scan", "cannot read", path);
    if (st != VQR_OK) {
        if (o->json) {
            int w = scan_json(path, NULL, &e);
            return w == CLI_OK ? CLI_INVALID : w;
        }
        char *p = cli_escape(path, strlen(path), NULL);
        cli_error("scan", "%s: %s (%s)", p ? p : "?", o->vi ? e.message_vi : e.message, e.name);
        free(p);
        return st == VQR_ERR_NO_MEMORY ? CLI_IO : CLI_INVALID;
    }
    int rc = o->json ? scan_json(path, r, NULL) : scan_text(path, r, o);
    if (rc == CLI_OK && vqr_scan_count(r) == 0)
        rc = CLI_INVALID;
    vqr_scan_free(r);
    return rc;
}

#endif /* VQR_HAVE_SCAN */

enum { OPT_FAST = 256, OPT_MAX_PIXELS, OPT_LANG };

int cmd_scan(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "json", no_argument, NULL, 'j' },
        { "fast", no_argument, NULL, OPT_FAST },
        { "max-pixels", required_argument, NULL, OPT_MAX_PIXELS },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool json = false, vi = false, fast = false;
    unsigned long max_pixels = 0;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = true;
            break;
        case OPT_FAST:
            fast = true;
            break;
        case OPT_MAX_PIXELS:
            if (!cli_parse_uint(optarg, 1, (unsigned long)(SIZE_MAX / 4), &max_pixels))
                return cli_usage("scan", "--max-pixels takes a number of pixels, not '%s'", optarg);
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &vi))
                return cli_usage("scan", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            scan_usage(stdout);
            return cli_flush_stdout("scan");
        default:
            return cli_bad_option("scan", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage("scan", "an IMAGE is needed");
#ifndef VQR_HAVE_SCAN
    (void)json;
    (void)fast;
    cli_error("scan", "this vietqr was built without libvietqr-scan (meson option 'scan': "
                      "libpng, libjpeg-turbo and ZXing-C++)");
    return CLI_USAGE;
#else
    scan_opts o;
    o.json = json;
    o.vi = vi;
    vqr_scan_options_init(&o.so, sizeof o.so, NULL);
    if (fast)
        o.so.flags |= VQR_SCAN_FAST;
    if (max_pixels)
        o.so.max_pixels = max_pixels;
    int status = CLI_OK;
    for (int i = optind; i < argc; i++) {
        if (!json && i > optind)
            cli_putc('\n', stdout);
        int r = scan_one(argv[i], &o);
        if (r == CLI_IO && status != CLI_IO)
            status = CLI_IO;
        else if (r != CLI_OK && status == CLI_OK)
            status = r;
    }
    int w = cli_flush_stdout("scan");
    return w != CLI_OK ? w : status;
#endif
}
