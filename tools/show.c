/*
 * show.c - the one rule for everything the tool shows: text that came from
 * a payload, a file or the command line goes through vqr_text_escape(), so
 * that no control, bidirectional or invisible character reaches a terminal
 * or a log as it is; a line that showed any is marked; JSON is written
 * with every such character as \uXXXX.
 */
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

char *cli_escape(const char *s, size_t len, size_t *unsafe)
{
    size_t n = 0, out_len = 0;
    if (unsafe)
        *unsafe = 0;
    /* Measure, then write: the output is at most VQR_ESCAPE_SIZE(len). */
    if (vqr_text_escape(s, len, VQR_ESCAPE_TEXT, NULL, 0, &out_len, &n, NULL) !=
        VQR_ERR_BUFFER_TOO_SMALL)
        out_len = 0;
    char *out = malloc(out_len + 1);
    if (!out)
        return NULL;
    if (vqr_text_escape(s, len, VQR_ESCAPE_TEXT, out, out_len + 1, NULL, &n, NULL) != VQR_OK)
        out[0] = '\0';
    if (unsafe)
        *unsafe = n;
    return out;
}

size_t cli_put_text(FILE *out, const char *s, size_t len)
{
    if (!s || !len)
        return 0;
    /* Short values (every value of a payload) without the heap. */
    char buf[VQR_ESCAPE_SIZE(128)];
    size_t n = 0, out_len = 0;
    if (len <= 128 &&
        vqr_text_escape(s, len, VQR_ESCAPE_TEXT, buf, sizeof buf, &out_len, &n, NULL) == VQR_OK) {
        (void)fwrite(buf, 1, out_len, out);
        return n;
    }
    char *e = cli_escape(s, len, &n);
    if (!e) {
        cli_puts("[?]", out); /* out of memory: show nothing of it rather than it raw */
        return 0;
    }
    cli_puts(e, out);
    free(e);
    return n;
}

size_t cli_put_str(FILE *out, const char *s)
{
    return s ? cli_put_text(out, s, strlen(s)) : 0;
}

void cli_put_mark(FILE *out, size_t unsafe, bool vi)
{
    if (!unsafe)
        return;
    if (vi)
        cli_printf(out, "  [! %zu ký tự không an toàn hiển thị dạng mã]", unsafe);
    else
        cli_printf(out, "  [! %zu unsafe character%s shown escaped]", unsafe,
                   unsafe == 1 ? "" : "s");
}

/* The deepest object of a parsed payload whose ID, length or value holds
 * byte `off`; false when none does. */
static bool tag_at(const vqr_payload *p, size_t off, char tag[VQR_TAG_MAX])
{
    bool found = false;
    cli_walk w;
    int depth;
    cli_walk_start(&w, p);
    for (vqr_handle h; (h = cli_walk_next(&w, &depth)) != VQR_NONE;) {
        vqr_object ob;
        VQR_INIT(&ob);
        if (vqr_payload_object(p, h, &ob, NULL) != VQR_OK || ob.offset == SIZE_MAX || !ob.value.ptr)
            continue;
        if (off >= ob.offset && off < ob.offset + 4 + ob.value.len) {
            memcpy(tag, ob.tag, VQR_TAG_MAX);
            found = true;
        }
    }
    return found;
}

size_t cli_unsafe_find(const vqr_payload *p, const char *payload, size_t len, size_t *first,
                       size_t *first_char, uint32_t *cp, char tag[VQR_TAG_MAX])
{
    size_t n = vqr_text_unsafe(payload, len, first, cp);
    tag[0] = '\0';
    *first_char = 0;
    if (!n)
        return 0;
    if (p && !tag_at(p, *first, tag))
        tag[0] = '\0';
    for (size_t i = 0; i < *first; i++)
        *first_char += ((unsigned char)payload[i] & 0xC0) != 0x80;
    return n;
}

size_t cli_unsafe_describe(const vqr_payload *p, const char *payload, size_t len, bool vi,
                           char *out, size_t cap)
{
    size_t first, chars;
    uint32_t cp;
    char tag[VQR_TAG_MAX];
    size_t n = cli_unsafe_find(p, payload, len, &first, &chars, &cp, tag);
    if (cap)
        out[0] = '\0';
    if (!n)
        return 0;
    char what[48], where[48] = "";
    if (cp == VQR_CP_NOT_UTF8)
        (void)snprintf(what, sizeof what,
                       vi ? "byte 0x%02X không phải UTF-8" : "byte 0x%02X (not UTF-8)",
                       (unsigned)(unsigned char)payload[first]);
    else
        (void)snprintf(what, sizeof what, "U+%04X", (unsigned)cp);
    if (tag[0])
        (void)snprintf(where, sizeof where, vi ? " trong %s" : " in %s", tag);
    if (vi)
        (void)snprintf(out, cap,
                       "payload chứa %zu ký tự không an toàn (điều khiển, đảo chiều hoặc vô hình) "
                       "có thể làm sai lệch nội dung hiển thị; ký tự đầu tiên là %s%s, ở ký tự "
                       "%zu",
                       n, what, where, chars);
    else
        (void)snprintf(out, cap,
                       "the payload holds %zu unsafe character%s (control, bidirectional or "
                       "invisible) that can change what a screen shows; the first is %s%s, at "
                       "character %zu",
                       n, n == 1 ? "" : "s", what, where, chars);
    return n;
}

char *cli_json_safe_dumps(const json_t *j, size_t flags)
{
    char *doc = json_dumps(j, flags);
    if (!doc)
        return NULL;
    size_t len = strlen(doc), out_len = 0;
    vqr_status st =
        vqr_text_escape(doc, len, VQR_ESCAPE_JSON_DOCUMENT, NULL, 0, &out_len, NULL, NULL);
    char *safe = st == VQR_ERR_BUFFER_TOO_SMALL ? malloc(out_len + 1) : NULL;
    if (safe && vqr_text_escape(doc, len, VQR_ESCAPE_JSON_DOCUMENT, safe, out_len + 1, NULL, NULL,
                                NULL) != VQR_OK) {
        free(safe);
        safe = NULL;
    }
    free(doc);
    return safe;
}

int cli_json_dump(const json_t *j, FILE *out, size_t flags)
{
    char *safe = cli_json_safe_dumps(j, flags);
    if (!safe)
        return -1;
    size_t len = strlen(safe);
    int r = fwrite(safe, 1, len, out) == len ? 0 : -1;
    free(safe);
    return r;
}

const char *cli_unsafe_shown(bool vi)
{
    return vi ? "; chúng được hiển thị dạng mã, dòng chứa chúng được đánh dấu [!]"
              : "; they are shown escaped and their lines marked [!]";
}
