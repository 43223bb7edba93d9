/*
 * render_out.c - drawing a payload for encode and render: the options they
 * share (--ecc, --scale, --margin, --size-mm, --dpi, colours, terminal
 * style), the choice of format, and the output to a file or stdout.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char cli_render_help[] =
    "      --ecc L|M|Q|H   error correction (default M)\n"
    "      --scale N       pixels per module, 1-1024 (default 4)\n"
    "      --margin N      quiet zone in modules, 0-64 (default 4)\n"
    "      --size-mm MM    choose the scale so the printed image (quiet zone\n"
    "                      included) is at most MM millimetres wide at --dpi;\n"
    "                      the real printed size is reported on standard error\n"
    "      --dpi N         resolution recorded in the PNG and used by --size-mm,\n"
    "                      1-100000 (default 300)\n"
    "      --fg RRGGBB     dark colour (default 000000)\n"
    "      --bg RRGGBB     light colour (default FFFFFF)\n"
    "      --invert        terminal: paint dark modules (for dark text on a light\n"
    "                      background)\n"
    "      --ascii         terminal: plain ASCII ('##' per module)\n";

const char cli_strict_size_help[] =
    "      --strict-size   refuse a --size-mm that gives fewer than 3 pixels per\n"
    "                      module instead of drawing it larger (3 is what scans\n"
    "                      once printed)\n";

void cli_render_init(cli_render *r)
{
    memset(r, 0, sizeof *r);
    r->ecc = VQR_ECC_DEFAULT;
    vqr_render_options_init(&r->opt, sizeof r->opt, NULL);
}

static bool parse_colour(const char *arg, uint32_t *out)
{
    if (arg[0] == '#')
        arg++;
    if (strlen(arg) != 6)
        return false;
    uint32_t v = 0;
    for (int i = 0; i < 6; i++) {
        char c = arg[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return false;
        v = (v << 4) | d;
    }
    *out = v;
    return true;
}

int cli_render_option(const char *cmd, cli_render *r, int c, const char *arg, int *status)
{
    unsigned long v = 0;
    *status = CLI_OK;
    switch (c) {
    case CLI_OPT_ECC:
        if (strcasecmp(arg, "L") == 0)
            r->ecc = VQR_ECC_L;
        else if (strcasecmp(arg, "M") == 0)
            r->ecc = VQR_ECC_M;
        else if (strcasecmp(arg, "Q") == 0)
            r->ecc = VQR_ECC_Q;
        else if (strcasecmp(arg, "H") == 0)
            r->ecc = VQR_ECC_H;
        else
            *status = cli_usage(cmd, "--ecc takes L, M, Q or H, not '%s'", arg);
        return 1;
    case CLI_OPT_SCALE:
        if (!cli_parse_uint(arg, 1, 1024, &v))
            *status = cli_usage(cmd, "--scale takes a whole number from 1 to 1024, not '%s'", arg);
        r->opt.scale = (unsigned)v;
        r->scale_set = true;
        return 1;
    case CLI_OPT_MARGIN:
        if (!cli_parse_uint(arg, 0, VQR_RENDER_MAX_QUIET, &v))
            *status = cli_usage(cmd, "--margin takes a whole number from 0 to %d, not '%s'",
                                VQR_RENDER_MAX_QUIET, arg);
        r->opt.quiet_zone = (unsigned)v;
        return 1;
    case CLI_OPT_DPI:
        if (!cli_parse_uint(arg, 1, 100000, &v))
            *status = cli_usage(cmd, "--dpi takes a whole number from 1 to 100000, not '%s'", arg);
        r->opt.dpi = (unsigned)v;
        r->dpi_set = true;
        return 1;
    case CLI_OPT_SIZE_MM: {
        char *end;
        errno = 0;
        double mm = strtod(arg, &end);
        if (errno || end == arg || *end || !(mm > 0) || !isfinite(mm) || mm > 100000)
            *status = cli_usage(cmd, "--size-mm takes a size in millimetres, not '%s'", arg);
        r->size_mm = mm;
        return 1;
    }
    case CLI_OPT_FG:
    case CLI_OPT_BG: {
        uint32_t col;
        if (!parse_colour(arg, &col))
            *status = cli_usage(cmd, "--%s takes a colour as RRGGBB, not '%s'",
                                c == CLI_OPT_FG ? "fg" : "bg", arg);
        else if (c == CLI_OPT_FG)
            r->opt.foreground = col;
        else
            r->opt.background = col;
        return 1;
    }
    case CLI_OPT_INVERT:
        r->opt.flags |= VQR_RENDER_INVERT;
        return 1;
    case CLI_OPT_ASCII:
        r->opt.flags |= VQR_RENDER_ASCII;
        return 1;
    case CLI_OPT_STRICT_SIZE:
        r->strict_size = true;
        return 1;
    default:
        return 0;
    }
}

int cli_render_finish(const char *cmd, const cli_render *r)
{
    if (r->size_mm > 0 && r->scale_set)
        return cli_usage(cmd, "give --size-mm or --scale, not both");
    if (r->strict_size && !(r->size_mm > 0))
        return cli_usage(cmd, "--strict-size goes with --size-mm");
    if (r->opt.foreground == r->opt.background)
        return cli_usage(cmd, "the dark and light colours must differ");
    return CLI_OK;
}

cli_format cli_format_by_name(const char *name)
{
    if (strcmp(name, "payload") == 0)
        return CLI_FORMAT_PAYLOAD;
    if (strcmp(name, "png") == 0)
        return CLI_FORMAT_PNG;
    if (strcmp(name, "svg") == 0)
        return CLI_FORMAT_SVG;
    if (strcmp(name, "term") == 0)
        return CLI_FORMAT_TERM;
    return CLI_FORMAT_NONE;
}

cli_format cli_format_by_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return CLI_FORMAT_NONE;
    if (strcasecmp(dot, ".png") == 0)
        return CLI_FORMAT_PNG;
    if (strcasecmp(dot, ".svg") == 0)
        return CLI_FORMAT_SVG;
    if (strcasecmp(dot, ".txt") == 0)
        return CLI_FORMAT_PAYLOAD;
    return CLI_FORMAT_NONE;
}

static int encode_error(const char *cmd, const vqr_error *e, size_t len, vqr_ecc ecc)
{
    static const char levels[] = "MLMQH";
    if (e->code == VQR_ERR_QR_TOO_LONG) {
        cli_error(cmd,
                  "the payload (%zu bytes) does not fit a QR code at level %c: at most %zu "
                  "bytes (%s)",
                  len, levels[ecc], e->limit, e->name);
        return CLI_INVALID;
    }
    cli_error(cmd, "%s (%s)", e->message, e->name);
    return e->code == VQR_ERR_NO_MEMORY ? CLI_IO : CLI_INVALID;
}

static int write_out(const char *cmd, const char *path, const void *data, size_t len)
{
    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len)
            return cli_io_error(cmd, "cannot write", "standard output");
        return cli_flush_stdout(cmd);
    }
    int rc = cli_write_file(path, data, len);
    if (rc != 0)
        return cli_write_error(cmd, path, rc);
    return CLI_OK;
}

/*
 * A --size-mm that gives fewer than 3 pixels per module (ps holds the size
 * at 3, e the smallest size that gives 3): refused with --strict-size,
 * else drawn at 3 with a warning. Either way the message says how many
 * pixels the size gives, the smallest size that works, and the highest
 * error-correction level whose smaller symbol would fit (when one does).
 * Returns CLI_OK (draw at ps.scale) or CLI_INVALID.
 */
static int small_print(const char *cmd, const char *payload, size_t len, const cli_render *r,
                       const vqr_qr *qr, const vqr_print_size *ps, const vqr_error *e)
{
    static const char letters[] = "LMQH";
    unsigned dpi = r->opt.dpi, qz = r->opt.quiet_zone;
    double modules = (double)vqr_qr_width(qr) + 2.0 * qz;
    unsigned have = (unsigned)floor(r->size_mm / 25.4 * (double)dpi / modules + 1e-9);
    char ecc[96] = "";
    int level = (int)vqr_qr_ecc(qr); /* 1 L .. 4 H */
    for (int lv = level - 1; lv >= (int)VQR_ECC_L && !ecc[0]; lv--) {
        vqr_qr *lower = NULL;
        vqr_print_size fit;
        VQR_INIT(&fit);
        if (vqr_qr_encode(payload, len, (vqr_ecc)lv, NULL, &lower, NULL) == VQR_OK &&
            vqr_render_print_size(lower, r->size_mm, dpi, qz, &fit, NULL) == VQR_OK)
            (void)snprintf(ecc, sizeof ecc, ", or --ecc %c (%u pixels per module at %g mm)",
                           letters[lv - 1], fit.scale, r->size_mm);
        vqr_qr_free(lower);
    }
    if (r->strict_size) {
        cli_error(cmd,
                  "--size-mm %g at %u dpi gives %u pixel%s per module, too few to scan once "
                  "printed (%s): use --size-mm %zu or more%s",
                  r->size_mm, dpi, have, have == 1 ? "" : "s", e->name, e->limit, ecc);
        return CLI_INVALID;
    }
    cli_error(cmd,
              "--size-mm %g at %u dpi would give %u pixel%s per module, too few to scan once "
              "printed: drawn at %u per module, %.1f mm wide (--size-mm %zu or more keeps to "
              "the size asked%s; --strict-size refuses instead)",
              r->size_mm, dpi, have, have == 1 ? "" : "s", ps->scale, ps->total_mm, e->limit, ecc);
    return CLI_OK;
}

int cli_render_out(const char *cmd, const char *payload, size_t len, const cli_render *r,
                   cli_format fmt, const char *path)
{
    vqr_qr *qr = NULL;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_qr_encode(payload, len, r->ecc, NULL, &qr, &e) != VQR_OK)
        return encode_error(cmd, &e, len, r->ecc);
    vqr_render_options opt = r->opt;
    int status = CLI_OK;
    if (r->size_mm > 0 && fmt != CLI_FORMAT_TERM) {
        vqr_print_size ps;
        VQR_INIT(&ps);
        vqr_status pst = vqr_render_print_size(qr, r->size_mm, opt.dpi, opt.quiet_zone, &ps, &e);
        if (pst == VQR_ERR_PRINT_TOO_SMALL) {
            if (small_print(cmd, payload, len, r, qr, &ps, &e) != CLI_OK) {
                vqr_qr_free(qr);
                return CLI_INVALID;
            }
        } else if (pst != VQR_OK) {
            cli_error(cmd, "%s (%s)", e.message, e.name);
            vqr_qr_free(qr);
            return CLI_INVALID;
        }
        opt.scale = ps.scale;
        cli_error(cmd,
                  "printed size %.1f mm (symbol %.1f mm, module %.2f mm): %u px at %u dpi, "
                  "%u px per module",
                  ps.total_mm, ps.symbol_mm, ps.module_mm, ps.pixels, opt.dpi, ps.scale);
    }
    void *data = NULL;
    size_t n = 0;
    vqr_status st;
    switch (fmt) {
    case CLI_FORMAT_PNG:
        st = vqr_render_png(qr, &opt, NULL, (unsigned char **)&data, &n, &e);
        break;
    case CLI_FORMAT_SVG:
        st = vqr_render_svg(qr, &opt, NULL, (char **)&data, &n, &e);
        break;
    default:
        st = vqr_render_term(qr, &opt, NULL, (char **)&data, &n, &e);
        break;
    }
    vqr_qr_free(qr);
    if (st != VQR_OK) {
        cli_error(cmd, "%s (%s)", e.message, e.name);
        return st == VQR_ERR_NO_MEMORY ? CLI_IO : CLI_INVALID;
    }
    status = write_out(cmd, path, data, n);
    vqr_free(data);
    return status;
}
