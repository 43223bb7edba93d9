/*
 * common.c - messages, option errors and input reading shared by the
 * subcommands of the vietqr tool.
 */
#include "cli.h"
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/*
 * Output to stdout and stderr does not check each call: a stream that
 * fails keeps its error indicator, which cli_flush_stdout() reports once
 * (and a message on stderr that cannot be written has nowhere to go).
 *
 * The NOLINT marks below: clang-tidy 14 reports every vfprintf after
 * va_start as an uninitialized va_list when this file is not the first of
 * the files one clang-tidy run analyses (alone it is clean).
 */
void cli_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    (void)vfprintf(f, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
    va_end(ap);
}

void cli_puts(const char *s, FILE *f)
{
    (void)fputs(s, f);
}

void cli_putc(int c, FILE *f)
{
    (void)fputc(c, f);
}

static void prefix(const char *cmd)
{
    if (cmd)
        cli_printf(stderr, "vietqr %s: ", cmd);
    else
        cli_puts("vietqr: ", stderr);
}

/* The language of the marks on messages; set with --lang. */
static bool g_vi;

/* A message on stderr: what the format makes of its arguments (names of
 * files, values from a payload or a file, options) under the one escaping
 * rule, marked when anything was escaped, and a new line. */
static void vmessage(const char *cmd, const char *fmt, va_list ap) CLI_PRINTF(2, 0);

static void vmessage(const char *cmd, const char *fmt, va_list ap)
{
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    char *text = small;
    if (n < 0) {
        small[0] = '\0';
    } else if ((size_t)n >= sizeof small) {
        text = malloc((size_t)n + 1);
        /* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
        if (!text || vsnprintf(text, (size_t)n + 1, fmt, ap) < 0) {
            free(text);
            text = small; /* out of memory: the message cut short */
        }
    }
    prefix(cmd);
    size_t unsafe = cli_put_text(stderr, text, strlen(text));
    cli_put_mark(stderr, unsafe, g_vi);
    cli_putc('\n', stderr);
    if (text != small)
        free(text);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    if (cmd)
        cli_printf(stderr, "Try 'vietqr %s --help'.\n", cmd);
    else
        cli_puts("Try 'vietqr --help'.\n", stderr);
    return CLI_USAGE;
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
}

int cli_io_error(const char *cmd, const char *what, const char *path)
{
    int e = errno;
    if (path)
        cli_error(cmd, "%s %s: %s", what, path, strerror(e));
    else
        cli_error(cmd, "%s: %s", what, strerror(e));
    return CLI_IO;
}

int cli_bad_option(const char *cmd, int c, char **argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (c == ':')
        return cli_usage(cmd, "option '%s' needs a value", arg);
    if (optopt && optopt != '?')
        return cli_usage(cmd, "unknown option '-%c'", optopt);
    return cli_usage(cmd, "unknown option '%s'", arg);
}

int cli_read_line(FILE *f, char **line, size_t *cap, size_t *len)
{
    errno = 0;
    ssize_t n = getline(line, cap, f);
    if (n < 0) {
        *len = 0;
        return ferror(f) || (errno && errno != EINVAL) ? -1 : 0;
    }
    size_t l = (size_t)n;
    if (l && (*line)[l - 1] == '\n')
        l--;
    if (l && (*line)[l - 1] == '\r')
        l--;
    (*line)[l] = '\0';
    *len = l;
    return 1;
}

size_t cli_strip_line_end(const char *s, size_t len)
{
    if (len && s[len - 1] == '\n')
        len--;
    else if (len && s[len - 1] == '\r')
        return len - 1;
    if (len && s[len - 1] == '\r')
        len--;
    return len;
}

/* Most bytes read from standard input for one payload: more than any
 * payload, so that the library can say what is wrong with it. */
#define STDIN_MAX ((size_t)4 * VQR_INPUT_MAX)

int cli_payload_operand(const char *cmd, const char *arg, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (strcmp(arg, "-") != 0) {
        size_t n = strlen(arg);
        char *copy = malloc(n + 1);
        if (!copy) {
            cli_error(cmd, "out of memory");
            return CLI_IO;
        }
        memcpy(copy, arg, n + 1);
        *out = copy;
        *len = cli_strip_line_end(copy, n);
        copy[*len] = '\0';
        return CLI_OK;
    }
    /* All of standard input, as for an argument: one line ending at its
     * end is not part of the payload; anything else is, and the library
     * reports what follows the CRC. */
    char *buf = malloc(STDIN_MAX + 1);
    if (!buf) {
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    size_t n = fread(buf, 1, STDIN_MAX + 1, stdin);
    if (ferror(stdin)) {
        free(buf);
        return cli_io_error(cmd, "cannot read", "standard input");
    }
    if (n > STDIN_MAX) {
        free(buf);
        cli_error(cmd, "standard input holds more than %zu bytes: not one payload", STDIN_MAX);
        return CLI_INVALID;
    }
    n = cli_strip_line_end(buf, n);
    if (n == 0) {
        free(buf);
        cli_error(cmd, "standard input holds no payload");
        return CLI_INVALID;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return CLI_OK;
}

const char cli_profile_help[] =
    "      --profile P   the rules to check: 'vietqr' (NAPAS 247: 52, 59, 60\n"
    "                    optional, 38 checked), 'emvco' (EMVCo MPM v1.1 as written),\n"
    "                    'lenient' (EMVCo, what real payloads break as warnings);\n"
    "                    default: vietqr for a payload with a NAPAS 38 template,\n"
    "                    emvco otherwise\n"
    "      --lenient     the same as --profile lenient\n";

const char *cli_profile_label(vqr_profile profile, bool vi)
{
    switch (profile) {
    case VQR_PROFILE_VIETQR:
        return vi ? "quy tắc VietQR" : "VietQR profile";
    case VQR_PROFILE_LENIENT:
        return vi ? "chế độ nới lỏng" : "lenient mode";
    default:
        return vi ? "quy tắc EMVCo" : "EMVCo profile";
    }
}

static const struct {
    const char *name;
    unsigned flags;
} k_profiles[] = {
    { "default", VQR_PARSE_DEFAULT },
    { "emvco", VQR_PARSE_EMVCO },
    { "vietqr", VQR_PARSE_VIETQR },
    { "lenient", VQR_PARSE_LENIENT },
};

bool cli_parse_profile(const char *arg, unsigned *flags)
{
    for (size_t i = 0; i < sizeof k_profiles / sizeof k_profiles[0]; i++) {
        if (strcmp(arg, k_profiles[i].name) == 0) {
            *flags = k_profiles[i].flags;
            return true;
        }
    }
    return false;
}

const char *cli_profile_flags_name(unsigned flags)
{
    for (size_t i = 0; i < sizeof k_profiles / sizeof k_profiles[0]; i++)
        if (k_profiles[i].flags == flags)
            return k_profiles[i].name;
    return "?";
}

bool cli_parse_lang(const char *arg, bool *vi)
{
    if (strcmp(arg, "en") == 0) {
        *vi = g_vi = false;
        return true;
    }
    if (strcmp(arg, "vi") == 0) {
        *vi = g_vi = true;
        return true;
    }
    return false;
}

int cli_flush_stdout(const char *cmd)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        return cli_io_error(cmd, "cannot write", "standard output");
    return CLI_OK;
}

bool cli_diag_has_place(const vqr_error *e)
{
    switch (e->code) {
    case VQR_ERR_MISSING:
    case VQR_ERR_NO_MERCHANT_ACCOUNT:
    case VQR_ERR_NOT_VIETQR:
    case VQR_ERR_PAYLOAD_TOO_LONG:
    case VQR_ERR_BYTE_LENGTHS:
    case VQR_ERR_INPUT_TOO_LARGE:
    case VQR_ERR_TOO_MANY_OBJECTS:
        return false;
    default:
        return e->offset != SIZE_MAX;
    }
}

int cli_fold(const char *cmd, const char *label, const char *in, bool strict, bool vi, char **out)
{
    size_t len = strlen(in), out_len = 0, changed = 0;
    char *buf = malloc(len + 1);
    if (!buf) {
        cli_error(cmd, "out of memory");
        return CLI_IO;
    }
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_text_fold(in, len, strict ? VQR_TEXT_STRICT : VQR_TEXT_FOLD, buf, len + 1,
                                  &out_len, &changed, &e);
    if (st != VQR_OK) {
        free(buf);
        cli_error(cmd, "%s: %s (%s), %s %zu", label, vi ? e.message_vi : e.message, e.name,
                  vi ? "tại ký tự" : "at character", e.char_offset);
        return CLI_INVALID;
    }
    if (changed && vi)
        cli_error(cmd, "%s: đã bỏ dấu %zu ký tự; ngân hàng sẽ hiển thị \"%s\"", label, changed,
                  buf);
    else if (changed)
        cli_error(cmd, "%s: %zu character%s folded to ASCII; banks will show \"%s\"", label,
                  changed, changed == 1 ? "" : "s", buf);
    *out = buf;
    return CLI_OK;
}

bool cli_parse_uint(const char *arg, unsigned long min, unsigned long max, unsigned long *out)
{
    if (!arg[0] || arg[0] == '-' || arg[0] == '+')
        return false;
    unsigned long v = 0;
    for (const char *s = arg; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        unsigned d = (unsigned)(*s - '0');
        if (d > max || v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (v < min)
        return false;
    *out = v;
    return true;
}

int cli_write_file(const char *path, const void *data, size_t len)
{
    return vqr_af_write_file(path, data, len);
}

int cli_write_error(const char *cmd, const char *path, int rc)
{
    cli_error(cmd, "cannot write %s: %s", path, vqr_af_strerror(rc));
    return CLI_IO;
}

void cli_walk_start(cli_walk *w, const vqr_payload *p)
{
    w->p = p;
    w->depth = 0;
    w->stack[0] = vqr_payload_first(p, VQR_ROOT);
}

vqr_handle cli_walk_next(cli_walk *w, int *depth)
{
    while (w->depth >= 0 && w->stack[w->depth] == VQR_NONE)
        w->depth--;
    if (w->depth < 0)
        return VQR_NONE;
    vqr_handle h = w->stack[w->depth];
    *depth = w->depth;
    w->stack[w->depth] = vqr_payload_next(w->p, h);
    vqr_handle child = vqr_payload_first(w->p, h);
    if (child != VQR_NONE && w->depth + 1 < CLI_WALK_MAX)
        w->stack[++w->depth] = child;
    return h;
}
