/*
 * cmd_explain.c - `vietqr explain`: the payload's objects as a tree with
 * each field's name and value, then every problem found with the offending
 * characters marked by carets and a suggested fix, in English or
 * Vietnamese.
 */
#include "cli.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Columns of payload text shown around a mark. */
#define WINDOW 72
#define LEAD 24

typedef struct explain_opts {
    unsigned flags; /* vqr_parse_flags: the profile */
    bool vi;
} explain_opts;

static const char *label(const explain_opts *o, const char *en, const char *vi)
{
    return o->vi ? vi : en;
}

static void print_tree(FILE *out, const vqr_payload *p, const explain_opts *o)
{
    cli_walk w;
    int depth;
    cli_walk_start(&w, p);
    for (vqr_handle h; (h = cli_walk_next(&w, &depth)) != VQR_NONE;) {
        vqr_object ob;
        VQR_INIT(&ob);
        if (vqr_payload_object(p, h, &ob, NULL) != VQR_OK)
            continue;
        const char *name = cli_field_name(p, ob.tag, o->vi);
        cli_printf(out, "%*s%02d %02zu  %s", depth * 4, "", ob.id, ob.value.chars, name);
        if (ob.is_template && vqr_payload_first(p, h) != VQR_NONE) {
            cli_putc('\n', out);
            continue;
        }
        cli_puts(": ", out);
        size_t unsafe = cli_put_text(out, ob.value.ptr, ob.value.len);
        char note[160];
        if (ob.id == 63 && depth == 0) {
            char given[5], computed[5];
            if (vqr_payload_crc(p, given, computed))
                cli_printf(out, " (%s)", label(o, "ok", "đúng"));
            else if (computed[0])
                cli_printf(out, " (%s %s)", label(o, "expected", "đúng ra là"), computed);
        } else if (cli_field_note(ob.tag, ob.value.ptr, ob.value.len, o->vi, note, sizeof note)) {
            cli_printf(out, " (%s)", note);
        }
        if (ob.raw)
            cli_printf(out, " [%s]",
                       label(o, "not read as objects", "không đọc được thành đối tượng"));
        cli_put_mark(out, unsafe, o->vi);
        cli_putc('\n', out);
    }
}

/* Finds the object whose ID starts at byte `offset`; returns its extent. */
static bool object_at(const vqr_payload *p, size_t offset, size_t *end)
{
    cli_walk w;
    int depth;
    cli_walk_start(&w, p);
    for (vqr_handle h; (h = cli_walk_next(&w, &depth)) != VQR_NONE;) {
        vqr_object ob;
        VQR_INIT(&ob);
        if (vqr_payload_object(p, h, &ob, NULL) == VQR_OK && ob.offset == offset) {
            *end = ob.offset + 4 + (ob.value.ptr ? ob.value.len : 0);
            return true;
        }
    }
    return false;
}

/* Finds the object at tag path `tag`, at any depth. */
static bool find_tag(const vqr_payload *p, const char *tag, vqr_object *out)
{
    cli_walk w;
    int depth;
    cli_walk_start(&w, p);
    for (vqr_handle h; (h = cli_walk_next(&w, &depth)) != VQR_NONE;)
        if (vqr_payload_object(p, h, out, NULL) == VQR_OK && strcmp(out->tag, tag) == 0)
            return true;
    return false;
}

/* The bytes [b0, b1) a diagnostic is about; false when it has no place. */
static bool mark_span(const vqr_payload *p, size_t len, const vqr_error *e, size_t *b0, size_t *b1)
{
    size_t off = e->offset;
    if (!cli_diag_has_place(e) || off > len)
        return false;
    *b0 = off;
    switch (e->code) {
    case VQR_ERR_UTF8:
        *b1 = off + 1;
        return true;
    case VQR_ERR_BAD_ID:
        *b1 = off + 2 <= len ? off + 2 : len;
        return true;
    case VQR_ERR_BAD_LENGTH:
        *b0 = off + 2;
        *b1 = off + 4 <= len ? off + 4 : len;
        return true;
    case VQR_ERR_TRUNCATED:
    case VQR_ERR_CRC_MISSING:
    case VQR_ERR_TRAILING_DATA:
        *b1 = len;
        return true;
    case VQR_ERR_BOM:
        *b1 = len < 3 ? len : 3;
        return true;
    case VQR_ERR_NOT_NFC: {
        /* The combining mark: one character. */
        vqr_object ob;
        VQR_INIT(&ob);
        *b1 = off < len ? off + 1 : len;
        if (e->tag[0] && find_tag(p, e->tag, &ob) && ob.value.ptr && ob.offset != SIZE_MAX &&
            off >= ob.offset + 4 && off < ob.offset + 4 + ob.value.len) {
            size_t at = off - (ob.offset + 4);
            unsigned long cp;
            *b1 = off +
                  cli_utf8_seq((const unsigned char *)ob.value.ptr + at, ob.value.len - at, &cp);
        }
        return true;
    }
    case VQR_ERR_CRC_MISMATCH:
    case VQR_ERR_CRC_LOWERCASE:
    case VQR_ERR_CRC_FORMAT:
        if (off + 4 <= len && memcmp(e->tag, "63", 3) == 0) {
            *b0 = off + 4;
            *b1 = len;
            return true;
        }
        break;
    default:
        break;
    }
    size_t end;
    if (object_at(p, off, &end)) {
        *b1 = end;
        return true;
    }
    /* A position inside a template (where its structure breaks): up to the
     * end of the object the tag names. */
    vqr_object ob;
    VQR_INIT(&ob);
    if (e->tag[0] && find_tag(p, e->tag, &ob) && ob.offset != SIZE_MAX && ob.value.ptr) {
        size_t stop = ob.offset + 4 + ob.value.len;
        if (off >= ob.offset && off < stop) {
            *b1 = stop;
            return true;
        }
    }
    *b1 = off < len ? off + 1 : len;
    return true;
}

/* One character of the payload as explain shows it: itself, or its escape
 * (vqr_text_escape) when it is unsafe or a backslash. */
typedef struct shown {
    size_t n;     /* bytes of the payload */
    size_t width; /* columns on the screen */
    size_t len;   /* bytes of `text` */
    bool unsafe;
    char text[16];
} shown;

static void show_char(const char *s, size_t len, shown *c)
{
    unsigned long cp;
    c->n = cli_utf8_seq((const unsigned char *)s, len, &cp);
    size_t escaped = 0;
    if (vqr_text_escape(s, c->n, VQR_ESCAPE_TEXT, c->text, sizeof c->text, &c->len, &escaped,
                        NULL) != VQR_OK) {
        memcpy(c->text, "?", 2);
        c->len = 1;
        escaped = 1;
    }
    c->unsafe = escaped != 0;
    bool same = c->len == c->n && memcmp(c->text, s, c->n) == 0;
    c->width = same ? (size_t)cli_cp_width(cp) : c->len;
}

/* Prints the payload (or a window of it) under the one escaping rule, and
 * carets under bytes [b0, b1). */
static void show_mark(FILE *out, const char *s, size_t len, size_t b0, size_t b1, bool vi)
{
    size_t total = 0, col0 = 0, col1 = 0;
    bool seen0 = false, seen1 = false;
    shown c;
    for (size_t i = 0; i < len; i += c.n) {
        show_char(s + i, len - i, &c);
        if (!seen0 && i >= b0) {
            col0 = total;
            seen0 = true;
        }
        if (!seen1 && i >= b1) {
            col1 = total;
            seen1 = true;
        }
        total += c.width;
    }
    if (!seen0)
        col0 = total;
    if (!seen1)
        col1 = total;
    if (col1 <= col0)
        col1 = col0 + 1;

    size_t left = 0, right = total;
    if (total > WINDOW + 8) {
        left = col0 > LEAD ? col0 - LEAD : 0;
        right = left + WINDOW;
        if (right > total) {
            right = total;
            left = total - WINDOW;
        }
    }
    cli_puts("    ", out);
    if (left > 0)
        cli_puts("...", out);
    size_t col = 0, unsafe = 0;
    for (size_t i = 0; i < len; i += c.n) {
        show_char(s + i, len - i, &c);
        if (col >= left && col + c.width <= right) {
            (void)fwrite(c.text, 1, c.len, out);
            unsafe += c.unsafe;
        }
        col += c.width;
    }
    if (right < total)
        cli_puts("...", out);
    cli_put_mark(out, unsafe, vi);
    cli_putc('\n', out);

    size_t to = col1 < right ? col1 : right;
    if (to <= col0)
        to = col0 + 1;
    cli_printf(out, "    %*s", (int)((left > 0 ? 3 : 0) + (col0 - left)), "");
    for (size_t k = col0; k < to; k++)
        cli_putc('^', out);
    cli_putc('\n', out);
}

static void explain_diag(FILE *out, const vqr_payload *p, const char *s, size_t len,
                         const vqr_error *e, const explain_opts *o)
{
    bool err = e->severity == VQR_SEVERITY_ERROR;
    cli_printf(out, "%s %s (%d)", err ? label(o, "error", "lỗi") : label(o, "warning", "cảnh báo"),
               e->name, (int)e->code);
    if (e->tag[0])
        cli_printf(out, " %s %s", label(o, "at", "tại"), e->tag);
    size_t b0, b1;
    bool placed = mark_span(p, len, e, &b0, &b1);
    if (placed)
        cli_printf(out, ", %s %zu (%s %zu)", label(o, "character", "ký tự"), e->char_offset,
                   label(o, "byte", "byte"), e->offset);
    cli_printf(out, "\n    %s\n", o->vi ? e->message_vi : e->message);
    if (placed)
        show_mark(out, s, len, b0, b1, o->vi);
    char fix[512];
    cli_advice(p, s, len, e, o->vi, fix, sizeof fix);
    cli_printf(out, "    %s ", label(o, "fix:", "cách sửa:"));
    cli_put_mark(out, cli_put_str(out, fix), o->vi);
    cli_putc('\n', out);
}

static void explain_usage(FILE *f)
{
    cli_puts("Usage: vietqr explain [OPTIONS] PAYLOAD|-\n"
             "\n"
             "Shows the payload's objects as a tree (ID, length, name, value) and, for each\n"
             "problem, the offending characters marked with carets and a suggested fix.\n"
             "'-' reads the payload from standard input. A line break at the end of the\n"
             "payload is dropped; anything else after its CRC is an error.\n"
             "\n"
             "Options:\n",
             f);
    cli_puts(cli_profile_help, f);
    cli_puts("      --lang LANG   'en' (default) or 'vi' for Vietnamese\n"
             "  -h, --help        show this help\n"
             "\n"
             "Exit status: 0 valid, 1 invalid, 2 usage error, 3 input/output error.\n",
             f);
}

enum { OPT_LENIENT = 256, OPT_LANG, OPT_PROFILE };

int cmd_explain(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "lenient", no_argument, NULL, OPT_LENIENT },
        { "profile", required_argument, NULL, OPT_PROFILE },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    explain_opts o = { VQR_PARSE_DEFAULT, false };
    opterr = 0;
    optind = 1;
    int c;
    bool profile_set = false;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_LENIENT:
        case OPT_PROFILE: {
            unsigned flags = VQR_PARSE_LENIENT;
            if (c == OPT_PROFILE && !cli_parse_profile(optarg, &flags))
                return cli_usage("explain",
                                 "--profile takes emvco, vietqr, lenient or default, not '%s'",
                                 optarg);
            if (profile_set && flags != o.flags)
                return cli_usage("explain", "two profiles given: %s and %s",
                                 cli_profile_flags_name(o.flags), cli_profile_flags_name(flags));
            o.flags = flags;
            profile_set = true;
            break;
        }
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &o.vi))
                return cli_usage("explain", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            explain_usage(stdout);
            return cli_flush_stdout("explain");
        default:
            return cli_bad_option("explain", c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage("explain", optind >= argc ? "a PAYLOAD (or '-') is needed"
                                                   : "one PAYLOAD only (or '-')");
    char *s;
    size_t len;
    int r = cli_payload_operand("explain", argv[optind], &s, &len);
    if (r != CLI_OK)
        return r;

    static vqr_payload p;
    vqr_payload_parse(&p, s, len, o.flags, NULL);
    size_t nerr = vqr_payload_diag_count_severity(&p, VQR_SEVERITY_ERROR);
    size_t nwarn = vqr_payload_diag_count_severity(&p, VQR_SEVERITY_WARNING);
    size_t chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;

    FILE *out = stdout;
    cli_printf(out,
               o.vi ? "Payload: %zu ký tự (%zu byte), %s: %s\n"
                    : "Payload: %zu characters (%zu bytes), %s: %s\n",
               chars, len, cli_profile_label(vqr_payload_profile(&p), o.vi),
               nerr ? label(&o, "invalid", "không hợp lệ") : label(&o, "valid", "hợp lệ"));
    char unsafe[512];
    if (cli_unsafe_describe(&p, s, len, o.vi, unsafe, sizeof unsafe))
        cli_printf(out, "%s: %s%s\n", label(&o, "Unsafe", "Không an toàn"), unsafe,
                   cli_unsafe_shown(o.vi));
    print_tree(out, &p, &o);

    size_t n = vqr_payload_diag_count(&p);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_payload_diag(&p, i, &e, NULL) != VQR_OK)
            break;
        cli_putc('\n', out);
        explain_diag(out, &p, s, len, &e, &o);
    }
    if (n > VQR_DIAG_MAX)
        cli_printf(out, "\n... %zu %s\n", n - VQR_DIAG_MAX,
                   label(&o, "more problems not shown", "vấn đề khác không hiển thị"));
    if (nerr == 0 && nwarn == 0)
        cli_printf(out, "\n%s\n", label(&o, "No problems found.", "Không phát hiện vấn đề nào."));
    free(s);
    r = cli_flush_stdout("explain");
    if (r != CLI_OK)
        return r;
    return nerr ? CLI_INVALID : CLI_OK;
}
