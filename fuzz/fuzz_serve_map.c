/*
 * fuzz_serve_map.c - `vietqr serve`'s mapping of a request to the
 * parameters of an endpoint (tools/serve/srv_map.c).
 *
 * Input: a request as the HTTP layer hands it over, in a line format:
 *
 *   METHOD SP TARGET LF CONTENT-TYPE LF FLAGS LF BODY
 *
 * TARGET is the raw path and query; the query is split on "&" and the
 * first "=" as libmicrohttpd splits it (a key without "=" has no value).
 * FLAGS: "s" for static files, "c" for CORS. Missing lines are empty.
 *
 * Oracles: the status is one the mapping may return, with a library code
 * and its name and messages for every error and none on success; a
 * request that maps to generate or image carries a payload that parses
 * without error and reads back to the BIN and account
 * mapped; mapping the same request twice gives the same result.
 */
#include "fuzz.h"
#include "serve.h"

#include <stdlib.h>
#include <string.h>

/* The next line of the input (without its LF), or the rest. */
static const char *next_line(const char **p, const char *end, size_t *len)
{
    const char *s = *p;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    *len = (size_t)(e - s);
    *p = nl ? nl + 1 : end;
    return s;
}

static void map(const uint8_t *data, size_t size, srv_params *out, char **keep)
{
    const char *p = (const char *)data, *end = p + size;
    size_t len;
    const char *line = next_line(&p, end, &len);
    const char *sp = memchr(line, ' ', len);
    size_t mlen = sp ? (size_t)(sp - line) : len;
    char method[16];
    size_t mcopy = mlen < sizeof method ? mlen : sizeof method - 1;
    memcpy(method, line, mcopy);
    method[mcopy] = '\0';
    const char *target = sp ? sp + 1 : line + len;
    size_t tlen = sp ? len - mlen - 1 : 0;

    size_t ctlen;
    const char *ct_line = next_line(&p, end, &ctlen);
    size_t flen;
    const char *flags = next_line(&p, end, &flen);

    /* NUL-terminated copies, as libmicrohttpd hands them over. */
    char *buf = malloc(tlen + ctlen + 2);
    FUZZ_CHECK(buf != NULL);
    memcpy(buf, target, tlen);
    buf[tlen] = '\0';
    char *ct = buf + tlen + 1;
    memcpy(ct, ct_line, ctlen);
    ct[ctlen] = '\0';
    *keep = buf;

    char *q = memchr(buf, '?', tlen);
    size_t path_len = q ? (size_t)(q - buf) : strlen(buf);
    srv_kv kv[SRV_QUERY_MAX];
    size_t n = 0;
    if (q) {
        char *s = q + 1;
        while (*s && n < SRV_QUERY_MAX) {
            char *amp = strchr(s, '&');
            size_t plen = amp ? (size_t)(amp - s) : strlen(s);
            char *eq = memchr(s, '=', plen);
            kv[n].key = s;
            kv[n].key_len = eq ? (size_t)(eq - s) : plen;
            kv[n].value = eq ? eq + 1 : NULL;
            kv[n].value_len = eq ? plen - kv[n].key_len - 1 : 0;
            n++;
            if (!amp)
                break;
            s = amp + 1;
        }
    }
    srv_request req;
    req.method = method;
    req.path = buf;
    req.path_len = path_len;
    req.query = kv;
    req.n_query = n;
    req.content_type = ctlen ? ct : NULL;
    req.body = p;
    req.body_len = (size_t)(end - p);
    req.have_static = memchr(flags, 's', flen) != NULL;
    req.cors = memchr(flags, 'c', flen) != NULL;
    srv_map(&req, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srv_params *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    FUZZ_CHECK(a && b);
    char *keep_a, *keep_b;
    map(data, size, a, &keep_a);
    map(data, size, b, &keep_b);

    int st = a->status;
    FUZZ_CHECK(st == 200 || st == 400 || st == 404 || st == 405 || st == 413 || st == 415);
    FUZZ_CHECK((unsigned)a->route < SRV_ROUTE_COUNT);
    FUZZ_CHECK(memchr(a->field, '\0', sizeof a->field) != NULL);
    FUZZ_CHECK(memchr(a->err.tag, '\0', sizeof a->err.tag) != NULL);
    if (st == 200) {
        FUZZ_CHECK(a->err.code == VQR_OK);
    } else {
        FUZZ_CHECK(a->err.code != VQR_OK && a->err.name && a->err.message && a->err.message_vi);
        FUZZ_CHECK(strcmp(a->err.name, vqr_status_name(a->err.code)) == 0);
        FUZZ_CHECK(srv_status_of(a->err.code) == st);
        FUZZ_CHECK(st != 405 || a->allow != NULL);
    }
    if (st == 200 && (a->route == SRV_ROUTE_GENERATE || a->route == SRV_ROUTE_IMAGE)) {
        FUZZ_CHECK(a->payload_len == strlen(a->payload) && a->payload_len > 0);
        FUZZ_CHECK((unsigned)a->tmpl < SRV_TEMPLATE_COUNT);
        FUZZ_CHECK((unsigned)a->format < SRV_FORMAT_COUNT);
        vqr_payload *p = malloc(sizeof *p);
        FUZZ_CHECK(p != NULL);
        /* the default profile: VietQR for a NAPAS payload */
        FUZZ_CHECK(vqr_payload_parse(p, a->payload, a->payload_len, VQR_PARSE_DEFAULT, NULL) ==
                   VQR_OK);
        FUZZ_CHECK(vqr_payload_profile(p) == VQR_PROFILE_VIETQR);
        vqr_vietqr_info *info = malloc(sizeof *info);
        FUZZ_CHECK(info != NULL);
        VQR_INIT(info);
        FUZZ_CHECK(vqr_vietqr_read(p, info, NULL) == VQR_OK);
        FUZZ_CHECK(strcmp(info->bin, a->bin) == 0);
        FUZZ_CHECK(strcmp(info->account, a->account) == 0);
        FUZZ_CHECK(a->has_amount == (info->amount[0] != '\0'));
        FUZZ_CHECK(!a->has_amount || info->amount_minor == a->amount);
        free(info);
        free(p);
    }
    if (st == 200 && (a->route == SRV_ROUTE_DECODE || a->route == SRV_ROUTE_CHECK))
        FUZZ_CHECK(a->input_len <= VQR_INPUT_MAX);
    if (st == 200 && a->route == SRV_ROUTE_STATIC) {
        /* a relative path under the directory: no segment empty (but the
         * last), none starting with ".", no backslash */
        const char *seg = a->file;
        for (;;) {
            const char *slash = strchr(seg, '/');
            size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
            FUZZ_CHECK(!slash || n > 0);
            FUZZ_CHECK(n == 0 || seg[0] != '.');
            FUZZ_CHECK(memchr(seg, '\\', n) == NULL);
            if (!slash)
                break;
            seg = slash + 1;
        }
    }

    /* the same request maps the same way */
    FUZZ_CHECK(b->status == a->status && b->route == a->route && b->err.code == a->err.code);
    FUZZ_CHECK(strcmp(a->payload, b->payload) == 0 && strcmp(a->field, b->field) == 0);
    FUZZ_CHECK(strcmp(a->account_name, b->account_name) == 0);

    free(keep_a);
    free(keep_b);
    free(a);
    free(b);
    return 0;
}
