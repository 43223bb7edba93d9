/*
 * payload_json.c - a parsed payload as the JSON object `vietqr decode
 * --json` prints:
 *
 *   {"valid", "mode", "profile", "unsafe", "crc": {"given", "computed", "ok"},
 *    "errors": [diag], "warnings": [diag], "objects": [object], "vietqr"}
 *
 * unsafe = null, or {"count", "offset", "char_offset", "tag", "code_point"}:
 *          how many characters that can change what a screen shows the
 *          payload holds (controls, bidirectional, invisible, not UTF-8),
 *          and the first one.
 *
 * diag   = {"code", "name", "tag", "offset", "char_offset", "message"}
 * object = {"id", "value"} plus "objects" for a template read as
 *          sub-objects.
 * "mode" is "lenient" or "strict"; "profile" the rules checked: "vietqr",
 * "emvco" or "lenient". Every key is always present; "vietqr" is null when
 * the payload is not a VietQR or VNPAY-QR (see vietqr_json.c).
 */
#include "cli.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string of UTF-8 bytes; malformed bytes become U+FFFD. */
static json_t *jstr(const char *s, size_t len)
{
    json_t *j = json_stringn(s ? s : "", s ? len : 0);
    if (j || !s)
        return j;
    char *fixed = malloc(len * 3 + 1);
    if (!fixed)
        return NULL;
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        size_t n = cli_utf8_seq(u + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) {
            fixed[o++] = (char)0xEF; /* U+FFFD in UTF-8 */
            fixed[o++] = (char)0xBF;
            fixed[o++] = (char)0xBD;
        } else {
            memcpy(fixed + o, s + i, n);
            o += n;
        }
        i += n;
    }
    j = json_stringn(fixed, o);
    free(fixed);
    return j;
}

static json_t *joffset(size_t v)
{
    return v == SIZE_MAX ? json_null() : json_integer((json_int_t)v);
}

static json_t *diag_json(const vqr_error *e, bool vi)
{
    json_t *d = json_object();
    if (!d)
        return NULL;
    int bad = 0;
    bad |= json_object_set_new(d, "code", json_integer((json_int_t)e->code));
    bad |= json_object_set_new(d, "name", json_string(e->name));
    bad |= json_object_set_new(d, "tag", json_string(e->tag));
    bad |= json_object_set_new(d, "offset", joffset(e->offset));
    bad |= json_object_set_new(d, "char_offset", joffset(e->char_offset));
    bad |= json_object_set_new(d, "message", json_string(vi ? e->message_vi : e->message));
    if (bad) {
        json_decref(d);
        return NULL;
    }
    return d;
}

/* The objects, templates with their sub-objects, without recursion. */
static json_t *objects_json(const vqr_payload *p)
{
    json_t *level[CLI_WALK_MAX + 1];
    json_t *root = json_array();
    if (!root)
        return NULL;
    level[0] = root;
    cli_walk w;
    int depth;
    cli_walk_start(&w, p);
    for (vqr_handle h; (h = cli_walk_next(&w, &depth)) != VQR_NONE;) {
        vqr_object o;
        VQR_INIT(&o);
        if (vqr_payload_object(p, h, &o, NULL) != VQR_OK)
            goto fail;
        char id[3] = { (char)('0' + o.id / 10), (char)('0' + o.id % 10), '\0' };
        json_t *obj = json_object();
        if (!obj || json_array_append_new(level[depth], obj) != 0)
            goto fail;
        if (json_object_set_new(obj, "id", json_string(id)) != 0 ||
            json_object_set_new(obj, "value", jstr(o.value.ptr, o.value.len)) != 0)
            goto fail;
        if (o.is_template && vqr_payload_first(p, h) != VQR_NONE) {
            json_t *kids = json_array();
            if (!kids || json_object_set_new(obj, "objects", kids) != 0)
                goto fail;
            level[depth + 1] = kids; /* its sub-objects come next */
        }
    }
    return root;
fail:
    json_decref(root);
    return NULL;
}

/* null, or where the payload holds characters that can change what a
 * screen shows: {"count", "offset", "char_offset", "tag", "code_point"}. */
static json_t *unsafe_json(const vqr_payload *p, const char *payload, size_t len)
{
    size_t first, chars;
    uint32_t cp;
    char tag[VQR_TAG_MAX], name[16];
    size_t n = cli_unsafe_find(p, payload, len, &first, &chars, &cp, tag);
    if (!n)
        return json_null();
    if (cp == VQR_CP_NOT_UTF8)
        (void)snprintf(name, sizeof name, "0x%02X", (unsigned)(unsigned char)payload[first]);
    else
        (void)snprintf(name, sizeof name, "U+%04X", (unsigned)cp);
    return json_pack("{s:I, s:I, s:I, s:s, s:s}", "count", (json_int_t)n, "offset",
                     (json_int_t)first, "char_offset", (json_int_t)chars, "tag", tag, "code_point",
                     name);
}

json_t *cli_payload_json(const vqr_payload *p, const char *payload, size_t len, bool vi)
{
    json_t *root = json_object();
    json_t *crc = json_object();
    json_t *errors = json_array();
    json_t *warnings = json_array();
    if (!root || !crc || !errors || !warnings)
        goto fail_parts;

    size_t n = vqr_payload_diag_count(p);
    for (size_t i = 0; i < n && i < VQR_DIAG_MAX; i++) {
        vqr_error e;
        VQR_INIT(&e);
        if (vqr_payload_diag(p, i, &e, NULL) != VQR_OK)
            break;
        json_t *d = diag_json(&e, vi);
        json_t *into = e.severity == VQR_SEVERITY_ERROR ? errors : warnings;
        if (!d || json_array_append_new(into, d) != 0)
            goto fail_parts;
    }

    char given[5], computed[5];
    bool ok = vqr_payload_crc(p, given, computed);
    int bad = 0;
    bad |= json_object_set_new(crc, "given", json_string(given));
    bad |= json_object_set_new(crc, "computed", json_string(computed));
    bad |= json_object_set_new(crc, "ok", json_boolean(ok));

    bool valid = vqr_payload_diag_count_severity(p, VQR_SEVERITY_ERROR) == 0;
    bad |= json_object_set_new(root, "valid", json_boolean(valid));
    vqr_profile profile = vqr_payload_profile(p);
    bad |= json_object_set_new(root, "mode",
                               json_string(profile == VQR_PROFILE_LENIENT ? "lenient" : "strict"));
    bad |= json_object_set_new(root, "profile", json_string(vqr_profile_name(profile)));
    bad |= json_object_set_new(root, "unsafe", unsafe_json(p, payload, len));
    bad |= json_object_set_new(root, "crc", crc);
    bad |= json_object_set_new(root, "errors", errors);
    bad |= json_object_set_new(root, "warnings", warnings);
    bad |= json_object_set_new(root, "objects", objects_json(p));
    bad |= json_object_set_new(root, "vietqr", cli_vietqr_json(p));
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;

fail_parts:
    json_decref(root);
    json_decref(crc);
    json_decref(errors);
    json_decref(warnings);
    return NULL;
}
