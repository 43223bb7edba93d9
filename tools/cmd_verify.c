/*
 * cmd_verify.c - `vietqr verify`: does a code (typed, or in a photo, or in
 * every photo of a directory) pay the payee it should? A market board
 * photographs every stall's sticker into one directory, names each photo
 * by the stall, and checks the lot against its list of stalls: the report
 * says, per stall, which code pays whom, and the exit status whether all
 * is well.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#ifdef VQR_HAVE_SCAN
#include "vietqr-scan.h"
#endif

/* Verdicts of the report beyond the library's: a stall of the list without
 * a photo, a photo named by no stall of the list. */
#define V_NO_PHOTO 100
#define V_UNKNOWN_STALL 101

static const char *verdict_name(int v)
{
    if (v == V_NO_PHOTO)
        return "NO_PHOTO";
    if (v == V_UNKNOWN_STALL)
        return "UNKNOWN_STALL";
    return vqr_verdict_name((vqr_verdict_code)v);
}

typedef struct verify_opts {
    bool json, csv, vi, payload_only;
    const char *report;
    vqr_verify_kind kind; /* defaults for payees that state none */
    uint64_t amount;
#ifdef VQR_HAVE_SCAN
    vqr_scan_options so;
#endif
} verify_opts;

/* Up to this many different codes of one photo are shown. */
#define SHOWN_CODES 4

/* One line of the report. */
typedef struct outcome {
    const cli_payee_row *stall; /* the stall the photo is named after, or NULL */
    const char *file;           /* "" for a payload */
    const char *payload;        /* a payload target, else NULL */
    size_t payload_len;
    int verdict;
    size_t distinct;
    vqr_verdict code[SHOWN_CODES]; /* one verdict per different code */
    size_t ncode;
    char detail[256];
    const char *why; /* NO_CODE: why no code could be read, or NULL */
} outcome;

typedef struct run {
    const verify_opts *o;
    const cli_payees *payees;
    FILE *csv; /* the CSV being written (stdout or a memory stream), or NULL */
    size_t checked, ok;
    int status;
    bool first_text;
} run;

/* ---- one code ---- */

static void verify_code(const char *data, size_t len, const cli_payees *payees,
                        const cli_payee_row *stall, const verify_opts *o, vqr_verdict *v)
{
    vqr_verify_options vo;
    vqr_verify_options_init(&vo, sizeof vo, NULL);
    vo.kind = stall && stall->kind != VQR_VERIFY_ANY_KIND ? stall->kind : o->kind;
    vo.amount = stall && stall->amount ? stall->amount : o->amount;
    const vqr_payee *list = stall ? &stall->payee : payees->list;
    size_t n = stall ? 1 : payees->n;
    VQR_INIT(v);
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_verify(data, len, list, n, &vo, v, &e) != VQR_OK) {
        /* The payees were checked when read: only memory or a bug lands here. */
        v->verdict = VQR_VERDICT_INVALID;
        v->error = e;
    }
    /* With one stall's payee, an imitated name is that stall's. */
    if (stall && v->imitated == 0)
        v->imitated = (size_t)(stall - payees->row);
    if (stall && v->payee == 0)
        v->payee = (size_t)(stall - payees->row);
}

static void detail_of(outcome *oc, const verify_opts *o)
{
    const vqr_verdict *v = &oc->code[0];
    char *d = oc->detail;
    size_t cap = sizeof oc->detail;
    d[0] = '\0';
    switch (oc->verdict) {
    case VQR_VERDICT_INVALID:
        (void)snprintf(d, cap, "%s%s%s", v->error.name, v->error.tag[0] ? " at " : "",
                       v->error.tag);
        break;
    case VQR_VERDICT_AMOUNT_MISMATCH: {
        vqr_verify_kind kind = oc->stall && oc->stall->kind ? oc->stall->kind : o->kind;
        uint64_t amount = oc->stall && oc->stall->amount ? oc->stall->amount : o->amount;
        if (amount)
            (void)snprintf(d, cap, "expected %llu, the code asks %llu", (unsigned long long)amount,
                           (unsigned long long)v->amount);
        else
            (void)snprintf(d, cap, "expected a %s code, it is %s",
                           kind == VQR_VERIFY_STATIC ? "static" : "dynamic",
                           v->is_static    ? "static"
                           : v->is_dynamic ? "dynamic"
                                           : "neither");
        break;
    }
    case VQR_VERDICT_PAYEE_NOT_ALLOWED:
        if (oc->stall)
            (void)snprintf(d, cap, "expected %s %s",
                           oc->stall->payee.bin ? oc->stall->payee.bin : "VNPAY",
                           oc->stall->account);
        break;
    case VQR_VERDICT_MULTIPLE_CODES: {
        size_t n = snprintf(d, cap, "%zu different codes:", oc->distinct);
        for (size_t i = 0; i < oc->ncode && n < cap; i++)
            n += (size_t)snprintf(d + n, cap - n, "%s %s %s", i ? ";" : "", oc->code[i].bin,
                                  oc->code[i].account);
        break;
    }
    case VQR_VERDICT_NO_CODE:
        if (oc->why)
            (void)snprintf(d, cap, "%s", oc->why);
        break;
    case V_NO_PHOTO:
        (void)snprintf(d, cap, "no photo of this stall in the directory");
        break;
    case V_UNKNOWN_STALL:
        (void)snprintf(d, cap, "the file is named after no stall of the payees file");
        break;
    default:
        break;
    }
}

/* ---- output ---- */

static void put_expected(FILE *out, const cli_payee_row *r, bool vi)
{
    if (r->payee.network == VQR_NETWORK_VNPAY) {
        cli_printf(out, vi ? "VNPAY-QR, mã điểm bán " : "VNPAY-QR, merchant ");
        cli_put_str(out, r->account);
    } else {
        const vqr_bank *b = NULL;
        if (vqr_bank_find_bin(r->bin, strlen(r->bin), &b, NULL) != VQR_OK)
            b = NULL;
        cli_printf(out, "%s (%s)", b ? b->short_name : "BIN", r->bin);
        cli_printf(out, vi ? ", tài khoản " : ", account ");
        cli_put_str(out, r->account);
    }
    if (r->name && r->name[0]) {
        cli_puts(" \"", out);
        cli_put_str(out, r->name);
        cli_puts("\"", out);
    }
}

static void text_outcome(run *rn, const outcome *oc)
{
    const verify_opts *o = rn->o;
    FILE *out = stdout;
    size_t unsafe = 0;
    if (oc->payload) {
        unsafe += cli_put_text(out, oc->payload, oc->payload_len > 60 ? 60 : oc->payload_len);
        if (oc->payload_len > 60)
            cli_puts("...", out);
    } else if (oc->file[0]) {
        unsafe += cli_put_str(out, oc->file);
    }
    if (oc->stall && oc->stall->id) {
        cli_printf(out, oc->file[0] || oc->payload ? " (%s " : "%s ", o->vi ? "sạp" : "stall");
        unsafe += cli_put_str(out, oc->stall->id);
        if (oc->file[0] || oc->payload)
            cli_putc(')', out);
    }
    cli_printf(out, ": %s", verdict_name(oc->verdict));
    cli_put_mark(out, unsafe, o->vi);
    cli_putc('\n', out);
    if (oc->stall && (oc->verdict != VQR_VERDICT_OK)) {
        cli_puts("  ", out);
        cli_put_label(out, o->vi ? "cần là" : "expected", 12);
        put_expected(out, oc->stall, o->vi);
        cli_putc('\n', out);
    }
    for (size_t i = 0; i < oc->ncode; i++) {
        if (oc->ncode > 1)
            cli_printf(out, o->vi ? "  mã %zu:\n" : "  code %zu:\n", i + 1);
        cli_put_verdict_details(out, &oc->code[i], rn->payees, oc->ncode > 1 ? "    " : "  ",
                                o->vi);
    }
    if (oc->verdict == VQR_VERDICT_AMOUNT_MISMATCH || oc->verdict == VQR_VERDICT_NO_CODE ||
        oc->verdict >= V_NO_PHOTO) {
        cli_puts("  ", out);
        cli_put_label(out, o->vi ? "chi tiết" : "detail", 12);
        cli_puts(oc->detail, out);
        cli_putc('\n', out);
    }
}

static void csv_outcome(FILE *out, const outcome *oc)
{
    cli_csv_str(out, oc->stall && oc->stall->id ? oc->stall->id : "");
    cli_putc(',', out);
    if (oc->payload)
        cli_csv_cell(out, oc->payload, oc->payload_len);
    else
        cli_csv_str(out, oc->file);
    cli_putc(',', out);
    cli_csv_str(out, verdict_name(oc->verdict));
    cli_putc(',', out);
    vqr_verdict none;
    memset(&none, 0, sizeof none);
    cli_csv_pays(out, oc->ncode ? &oc->code[0] : &none);
    cli_printf(out, ",%zu,", oc->distinct);
    vqr_verdict all = none;
    for (size_t i = 0; i < oc->ncode; i++)
        all.suspects |= oc->code[i].suspects;
    cli_csv_suspects(out, &all);
    cli_putc(',', out);
    cli_csv_str(out, oc->detail);
    cli_puts("\r\n", out);
}

static const char k_csv_header[] = "stall,file,verdict,network,bin,bank,account,service,amount,"
                                   "currency,kind,merchant_name,merchant_name_alt,purpose,codes,"
                                   "suspects,detail\r\n";

static int json_outcome(const run *rn, const outcome *oc)
{
    json_t *j = json_object();
    if (!j)
        return CLI_IO;
    json_object_set_new(j, "stall",
                        oc->stall && oc->stall->id ? json_string(oc->stall->id) : json_null());
    json_object_set_new(j, "file",
                        oc->file[0] ? cli_json_text(oc->file, strlen(oc->file)) : json_null());
    json_object_set_new(j, "payload",
                        oc->payload ? cli_json_text(oc->payload, oc->payload_len) : json_null());
    json_object_set_new(j, "verdict", json_string(verdict_name(oc->verdict)));
    json_object_set_new(j, "distinct", json_integer((json_int_t)oc->distinct));
    json_t *codes = json_array();
    for (size_t i = 0; i < oc->ncode; i++)
        json_array_append_new(codes, cli_verdict_json(&oc->code[i], rn->payees));
    json_object_set_new(j, "codes", codes);
    json_object_set_new(j, "detail", oc->detail[0] ? json_string(oc->detail) : json_null());
    int w = cli_json_dump(j, stdout, JSON_COMPACT);
    json_decref(j);
    if (w != 0 || fputc('\n', stdout) == EOF)
        return cli_io_error("verify", "cannot write", "standard output");
    return CLI_OK;
}

static void emit(run *rn, outcome *oc)
{
    detail_of(oc, rn->o);
    rn->checked++;
    if (oc->verdict == VQR_VERDICT_OK)
        rn->ok++;
    else if (rn->status == CLI_OK)
        rn->status = CLI_INVALID;
    if (rn->csv)
        csv_outcome(rn->csv, oc);
    if (rn->o->json) {
        if (json_outcome(rn, oc) != CLI_OK)
            rn->status = CLI_IO;
    } else if (!rn->o->csv) {
        if (!rn->first_text)
            cli_putc('\n', stdout);
        rn->first_text = false;
        text_outcome(rn, oc);
    }
}

/* ---- targets ---- */

static void check_payload(run *rn, const char *data, size_t len)
{
    outcome oc;
    memset(&oc, 0, sizeof oc);
    oc.file = "";
    oc.payload = data;
    oc.payload_len = len;
    oc.distinct = 1;
    oc.ncode = 1;
    verify_code(data, len, rn->payees, NULL, rn->o, &oc.code[0]);
    oc.verdict = oc.code[0].verdict;
    if (oc.code[0].payee < rn->payees->n && rn->payees->has_ids)
        oc.stall = &rn->payees->row[oc.code[0].payee];
    emit(rn, &oc);
}

/* The stall a file is named after: its name up to the extension is an id,
 * or starts with one followed by '-', '_' or '.' (the longest wins). */
static const cli_payee_row *stall_of(const cli_payees *p, const char *name)
{
    if (!p->has_ids)
        return NULL;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t stem = dot ? (size_t)(dot - base) : strlen(base);
    const cli_payee_row *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < p->n; i++) {
        size_t l = strlen(p->row[i].id);
        if (l > stem || strncmp(base, p->row[i].id, l) != 0)
            continue;
        if (l < stem && base[l] != '-' && base[l] != '_' && base[l] != '.')
            continue;
        if (l > best_len) {
            best = &p->row[i];
            best_len = l;
        }
    }
    return best;
}

#ifdef VQR_HAVE_SCAN
/* Checks one photo; `name` is how the report names it. */
static void check_image(run *rn, const char *path, const char *name, const cli_payee_row *stall,
                        bool need_stall)
{
    outcome oc;
    memset(&oc, 0, sizeof oc);
    oc.file = name;
    oc.stall = stall;
    if (need_stall && !stall) {
        oc.verdict = V_UNKNOWN_STALL;
        emit(rn, &oc);
        return;
    }
    vqr_scan_result *r = NULL;
    vqr_error e;
    VQR_INIT(&e);
    vqr_status st = vqr_scan_file(path, &rn->o->so, &r, &e);
    if (st != VQR_OK) {
        oc.verdict = VQR_VERDICT_NO_CODE;
        oc.why = e.name;
        if (st == VQR_ERR_IO) {
            cli_io_error("verify", "cannot read", path);
            rn->status = CLI_IO;
        } else {
            char *p = cli_escape(name, strlen(name), NULL);
            cli_error("verify", "%s: %s (%s)", p ? p : "?", rn->o->vi ? e.message_vi : e.message,
                      e.name);
            free(p);
        }
        emit(rn, &oc);
        return;
    }
    oc.distinct = vqr_scan_distinct(r);
    for (size_t i = 0; i < vqr_scan_count(r) && oc.ncode < SHOWN_CODES; i++) {
        vqr_scan_code c;
        VQR_INIT(&c);
        if (vqr_scan_get(r, i, &c, NULL) != VQR_OK || c.same_as != i)
            continue;
        verify_code(c.data, c.len, rn->payees, stall, rn->o, &oc.code[oc.ncode++]);
    }
    vqr_scan_free(r);
    if (oc.distinct == 0)
        oc.verdict = VQR_VERDICT_NO_CODE;
    else if (oc.distinct >= 2)
        oc.verdict = VQR_VERDICT_MULTIPLE_CODES;
    else
        oc.verdict = oc.code[0].verdict;
    if (!stall && oc.ncode == 1 && oc.code[0].payee < rn->payees->n && rn->payees->has_ids)
        oc.stall = &rn->payees->row[oc.code[0].payee];
    emit(rn, &oc);
}

static bool is_image_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || name[0] == '.')
        return false;
    char ext[8];
    size_t n = strlen(dot + 1);
    if (n >= sizeof ext)
        return false;
    for (size_t i = 0; i <= n; i++)
        ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
    return !strcmp(ext, "png") || !strcmp(ext, "jpg") || !strcmp(ext, "jpeg");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int check_dir(run *rn, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return cli_io_error("verify", "cannot open the directory", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        if (!is_image_name(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (!names[n])
            break;
        n++;
    }
    int rerr = errno;
    closedir(d);
    if (rerr) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        errno = rerr;
        return cli_io_error("verify", "cannot read the directory", dir);
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    const cli_payees *p = rn->payees;
    /* Stalls in the order of the list, each with its photos; then photos
     * named after no stall. */
    const cli_payee_row **stall = calloc(n ? n : 1, sizeof(const cli_payee_row *));
    for (size_t i = 0; i < n && stall; i++)
        stall[i] = stall_of(p, names[i]);
    size_t dl = strlen(dir);
    char *path = malloc(dl + 2 + 4096);
    for (size_t s = 0; path && stall && s <= (p->has_ids ? p->n : 0); s++) {
        const cli_payee_row *want = p->has_ids && s < p->n ? &p->row[s] : NULL;
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if (p->has_ids && stall[i] != want)
                continue;
            any = true;
            (void)snprintf(path, dl + 2 + 4096, "%s/%s", dir, names[i]);
            check_image(rn, path, names[i], stall[i], p->has_ids);
        }
        if (want && !any) {
            outcome oc;
            memset(&oc, 0, sizeof oc);
            oc.file = "";
            oc.stall = want;
            oc.verdict = V_NO_PHOTO;
            emit(rn, &oc);
        }
    }
    int status = path && stall ? CLI_OK : CLI_IO;
    if (status != CLI_OK)
        cli_error("verify", "out of memory");
    free(path);
    free(stall);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (n == 0 && !p->has_ids) {
        char *e = cli_escape(dir, strlen(dir), NULL);
        cli_error("verify", "%s holds no PNG or JPEG photo", e ? e : "?");
        free(e);
        if (rn->status == CLI_OK)
            rn->status = CLI_INVALID;
    }
    return status;
}
#endif /* VQR_HAVE_SCAN */

/* A name that must be a file: one with an image's extension, or a '/'
 * outside a web address. */
static bool looks_like_path(const char *s)
{
    const char *dot = strrchr(s, '.');
    if (strstr(s, "://"))
        return false;
    if (strchr(s, '/'))
        return true;
    if (!dot)
        return false;
    return !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg");
}

static int check_target(run *rn, const char *target)
{
    if (strcmp(target, "-") == 0 || rn->o->payload_only) {
        char *data;
        size_t len;
        int r = cli_payload_operand("verify", target, &data, &len);
        if (r != CLI_OK)
            return r;
        check_payload(rn, data, len);
        free(data);
        return CLI_OK;
    }
    struct stat sb;
    if (stat(target, &sb) != 0) {
        if (errno == ENOENT && !looks_like_path(target)) {
            check_payload(rn, target, strlen(target));
            return CLI_OK;
        }
        return cli_io_error("verify", "cannot open", target);
    }
#ifdef VQR_HAVE_SCAN
    if (S_ISDIR(sb.st_mode))
        return check_dir(rn, target);
    check_image(rn, target, target, stall_of(rn->payees, target), false);
    return CLI_OK;
#else
    cli_error("verify", "this vietqr was built without libvietqr-scan: it reads payloads, "
                        "not photos (meson option 'scan')");
    return CLI_USAGE;
#endif
}

/* ---- the command ---- */

static void verify_usage(FILE *f)
{
    cli_puts("Usage: vietqr verify [OPTIONS] --payees FILE  IMAGE|DIR|PAYLOAD...\n"
             "       vietqr verify [OPTIONS] --expect-bank BANK --expect-account N  "
             "IMAGE|DIR|PAYLOAD...\n"
             "\n"
             "Checks who a QR code pays against the payees it should pay: a payload, the codes\n"
             "of a photo (PNG or JPEG), or every photo of a directory. The verdicts:\n"
             "  OK                  the payee is on the list, with the amount and kind expected\n"
             "  PAYEE_NOT_ALLOWED   the code pays someone else (the bank and account are shown)\n"
             "  AMOUNT_MISMATCH     the right payee, not the amount (or static/dynamic) expected\n"
             "  NOT_A_PAYMENT_CODE  a web address, a Wi-Fi code, text, or a QRCASH withdrawal\n"
             "  INVALID             an EMVCo payload that does not validate (the error is shown)\n"
             "  MULTIPLE_CODES      two or more different codes in one photo: a sticker over a\n"
             "                      sticker, a notice with a second code\n"
             "  NO_CODE             no code found (or a file that is not a readable image)\n"
             "  NO_PHOTO            (directories) a stall of the list has no photo\n"
             "  UNKNOWN_STALL       (directories) a photo is named after no stall of the list\n"
             "Warnings go with any verdict: letters of another script that look Latin,\n"
             "invisible, bidirectional or control characters, and a name that reads as an\n"
             "allowed payee's while the code pays another account.\n"
             "\n"
             "A directory of stall photos: name each photo after its stall's id (12.jpg,\n"
             "12-2.jpg, A7_back.png), key the payees file by the same ids; each photo is\n"
             "checked against its own stall's payee only, so a sticker swapped between two\n"
             "stalls of the market is found. The report is CSV, one line per photo (and per\n"
             "stall without one): stall,file,verdict,network,bin,bank,account,service,amount,\n"
             "currency,kind,merchant_name,purpose,codes,suspects,detail. Text from the codes\n"
             "is escaped, and a cell a spreadsheet would read as a formula starts with '.\n"
             "\n"
             "Payees:\n"
             "      --payees FILE        CSV with a header: account (required), bank (a BIN or\n"
             "                           a name 'vietqr banks' finds), id (or stall), name,\n"
             "                           service (account, card, merchant), network (napas,\n"
             "                           vnpay: a VNPAY-QR merchant ID in account, no bank),\n"
             "                           amount (whole dong), kind (static, dynamic, any);\n"
             "                           other columns are ignored\n"
             "      --expect-bank BANK   one payee: its bank (BIN or name)...\n"
             "      --expect-account N   ...and account as the code carries it\n"
             "      --expect-merchant ID one VNPAY-QR merchant instead\n"
             "      --expect-service S   account (default), card or merchant\n"
             "      --expect-name NAME   the payee's name, to catch codes that borrow it\n"
             "      --expect-amount VND  the amount the code must ask, in whole dong\n"
             "      --expect-static      a static code (the payer types the amount)\n"
             "      --expect-dynamic     a dynamic code (one transaction, with its amount)\n"
             "                           (the last three apply to payees whose row says none)\n"
             "\n"
             "Output:\n"
             "  -o, --report FILE        write the CSV report to FILE (whole or not at all)\n"
             "      --csv                print the CSV report (the default for a directory)\n"
             "  -j, --json               one JSON object per line: {stall, file, payload,\n"
             "                           verdict, distinct, codes[{verdict, pays, payee,\n"
             "                           error, suspects}], detail}\n"
             "      --payload            every operand is a payload, even one naming a file\n"
             "      --fast               one pass per photo (skip the smoothed second look)\n"
             "      --lang LANG          messages in 'en' (default) or 'vi'\n"
             "  -h, --help               show this help\n"
             "\n"
             "An operand that names no file is a payload ('-': standard input).\n"
             "\n"
             "Exit status: 0 every verdict is OK, 1 a verdict is not OK (or the payees file\n"
             "is invalid), 2 usage error, 3 input/output error.\n",
             f);
}

enum {
    OPT_PAYEES = 256,
    OPT_BANK,
    OPT_ACCOUNT,
    OPT_MERCHANT,
    OPT_SERVICE,
    OPT_NAME,
    OPT_AMOUNT,
    OPT_STATIC,
    OPT_DYNAMIC,
    OPT_CSV,
    OPT_PAYLOAD,
    OPT_FAST,
    OPT_LANG
};

/* One payee from the --expect-* options, as a one-row list. */
static int expect_payee(const char *bank, const char *account, const char *merchant,
                        const char *service, const char *name, cli_payees *out)
{
    memset(out, 0, sizeof *out);
    out->row = calloc(1, sizeof *out->row);
    out->list = calloc(1, sizeof *out->list);
    if (!out->row || !out->list) {
        cli_payees_free(out);
        cli_error("verify", "out of memory");
        return CLI_IO;
    }
    out->n = 1;
    cli_payee_row *r = &out->row[0];
    vqr_payee_init(&r->payee, sizeof r->payee, NULL);
    r->account = strdup(merchant ? merchant : account);
    r->name = name ? strdup(name) : NULL;
    if (!r->account || (name && !r->name)) {
        cli_payees_free(out);
        cli_error("verify", "out of memory");
        return CLI_IO;
    }
    r->payee.account = r->account;
    r->payee.name = r->name;
    if (merchant) {
        r->payee.network = VQR_NETWORK_VNPAY;
    } else {
        const char *bin;
        if (cli_resolve_bank("verify", "--expect-bank", bank, &bin) != CLI_OK) {
            cli_payees_free(out);
            return CLI_USAGE;
        }
        (void)snprintf(r->bin, sizeof r->bin, "%s", bin);
        r->payee.bin = r->bin;
    }
    if (service && !cli_parse_service(service, &r->payee.service)) {
        cli_payees_free(out);
        return cli_usage("verify", "--expect-service takes account, card or merchant, not '%s'",
                         service);
    }
    vqr_verdict v;
    VQR_INIT(&v);
    if (vqr_verify("", 0, &r->payee, 1, NULL, &v, NULL) != VQR_OK) {
        cli_payees_free(out);
        return cli_usage("verify", "%s must be 1-%d printable ASCII characters without spaces",
                         merchant ? "--expect-merchant" : "--expect-account", merchant ? 99 : 19);
    }
    out->list[0] = r->payee;
    return CLI_OK;
}

int cmd_verify(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "payees", required_argument, NULL, OPT_PAYEES },
        { "expect-bank", required_argument, NULL, OPT_BANK },
        { "expect-account", required_argument, NULL, OPT_ACCOUNT },
        { "expect-merchant", required_argument, NULL, OPT_MERCHANT },
        { "expect-service", required_argument, NULL, OPT_SERVICE },
        { "expect-name", required_argument, NULL, OPT_NAME },
        { "expect-amount", required_argument, NULL, OPT_AMOUNT },
        { "expect-static", no_argument, NULL, OPT_STATIC },
        { "expect-dynamic", no_argument, NULL, OPT_DYNAMIC },
        { "report", required_argument, NULL, 'o' },
        { "csv", no_argument, NULL, OPT_CSV },
        { "json", no_argument, NULL, 'j' },
        { "payload", no_argument, NULL, OPT_PAYLOAD },
        { "fast", no_argument, NULL, OPT_FAST },
        { "lang", required_argument, NULL, OPT_LANG },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    verify_opts o;
    memset(&o, 0, sizeof o);
    const char *payees_path = NULL, *bank = NULL, *account = NULL, *merchant = NULL,
               *service = NULL, *name = NULL;
    bool fast = false;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":o:jh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_PAYEES:
            payees_path = optarg;
            break;
        case OPT_BANK:
            bank = optarg;
            break;
        case OPT_ACCOUNT:
            account = optarg;
            break;
        case OPT_MERCHANT:
            merchant = optarg;
            break;
        case OPT_SERVICE:
            service = optarg;
            break;
        case OPT_NAME:
            name = optarg;
            break;
        case OPT_AMOUNT:
            if (cli_parse_amount_vnd(optarg, &o.amount) != CLI_OK)
                return cli_usage("verify",
                                 "--expect-amount takes an amount in whole dong (150000), not '%s'",
                                 optarg);
            break;
        case OPT_STATIC:
            o.kind = VQR_VERIFY_STATIC;
            break;
        case OPT_DYNAMIC:
            o.kind = VQR_VERIFY_DYNAMIC;
            break;
        case 'o':
            o.report = optarg;
            break;
        case OPT_CSV:
            o.csv = true;
            break;
        case 'j':
            o.json = true;
            break;
        case OPT_PAYLOAD:
            o.payload_only = true;
            break;
        case OPT_FAST:
            fast = true;
            break;
        case OPT_LANG:
            if (!cli_parse_lang(optarg, &o.vi))
                return cli_usage("verify", "--lang takes 'en' or 'vi', not '%s'", optarg);
            break;
        case 'h':
            verify_usage(stdout);
            return cli_flush_stdout("verify");
        default:
            return cli_bad_option("verify", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage("verify", "an IMAGE, a DIR or a PAYLOAD is needed");
    if (o.json && o.csv)
        return cli_usage("verify", "--json and --csv are two outputs: choose one");
    bool expect = bank || account || merchant;
    if (payees_path && expect)
        return cli_usage("verify", "--payees and --expect-bank/--expect-account/--expect-merchant "
                                   "are two ways to name the payees: choose one");
    if (!payees_path && !expect)
        return cli_usage("verify", "the payees are needed: --payees FILE, or --expect-bank and "
                                   "--expect-account (or --expect-merchant)");
    if (merchant && (bank || account))
        return cli_usage("verify", "--expect-merchant names a VNPAY-QR merchant: no "
                                   "--expect-bank or --expect-account with it");
    if (!merchant && expect && (!bank || !account))
        return cli_usage("verify", "--expect-bank and --expect-account go together");
    if ((service || name) && !expect)
        return cli_usage("verify", "--expect-service and --expect-name go with --expect-bank "
                                   "or --expect-merchant");

    cli_payees payees;
    int r = payees_path ? cli_payees_load("verify", payees_path, &payees)
                        : expect_payee(bank, account, merchant, service, name, &payees);
    if (r != CLI_OK)
        return r;
#ifdef VQR_HAVE_SCAN
    vqr_scan_options_init(&o.so, sizeof o.so, NULL);
    if (fast)
        o.so.flags |= VQR_SCAN_FAST;
#else
    (void)fast;
#endif
    /* A directory alone prints its CSV report unless told otherwise. */
    struct stat sb;
    if (!o.json && !o.report && argc - optind == 1 && !o.payload_only &&
        stat(argv[optind], &sb) == 0 && S_ISDIR(sb.st_mode))
        o.csv = true;

    run rn;
    memset(&rn, 0, sizeof rn);
    rn.o = &o;
    rn.payees = &payees;
    rn.first_text = true;
    char *mem = NULL;
    size_t mem_len = 0;
    if (o.report) {
        rn.csv = open_memstream(&mem, &mem_len);
        if (!rn.csv) {
            cli_payees_free(&payees);
            cli_error("verify", "out of memory");
            return CLI_IO;
        }
    } else if (o.csv) {
        rn.csv = stdout;
    }
    if (rn.csv)
        cli_puts(k_csv_header, rn.csv);
    int status = CLI_OK;
    for (int i = optind; i < argc; i++) {
        int t = check_target(&rn, argv[i]);
        if (t == CLI_IO || t == CLI_USAGE)
            status = status == CLI_IO ? CLI_IO : t;
    }
    if (rn.status == CLI_IO || status == CLI_IO)
        status = CLI_IO;
    else if (status == CLI_OK)
        status = rn.status;
    if (o.report) {
        bool bad = fclose(rn.csv) != 0 || !mem;
        int w = bad ? ENOMEM : cli_write_file(o.report, mem, mem_len);
        free(mem);
        if (w != 0)
            status = cli_write_error("verify", o.report, w);
    }
    if (!o.json && !o.csv && rn.checked > 1) {
        cli_printf(stdout,
                   o.vi ? "\n%zu mục đã kiểm tra: %zu OK, %zu không OK\n"
                        : "\n%zu checked: %zu OK, %zu not OK\n",
                   rn.checked, rn.ok, rn.checked - rn.ok);
    }
    cli_payees_free(&payees);
    int w = cli_flush_stdout("verify");
    return w != CLI_OK ? w : status;
}
