/*
 * cmd_reconcile.c - `vietqr reconcile`: which issued references were paid,
 * from a bank statement (CSV) or webhook events (JSON Lines, SePay or
 * Casso). The matching is the library's (vqr_recon_*); this file reads the
 * inputs through recon_input.c and writes matches.csv, unpaid.csv and
 * summary.json, each whole or not at all.
 */
#include "recon_input.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CMD "reconcile"

static void reconcile_usage(FILE *f)
{
    cli_puts(
        "Usage: vietqr reconcile --issued ISSUED --transactions TX --out DIR [OPTIONS]\n"
        "\n"
        "Matches bank transactions to the payment references that were issued, by the\n"
        "reference each transfer description holds (check characters and all; never\n"
        "by name or amount), and writes into DIR:\n"
        "  matches.csv   one line per transaction, in order of date then ID:\n"
        "                transaction_id,reference,status,issued_amount,paid_amount,difference\n"
        "                status: paid, underpaid, overpaid, duplicate (the reference was\n"
        "                already paid in full), multiple_references (left for a person),\n"
        "                unknown_reference (a valid reference that was not issued),\n"
        "                no_reference, debit (listed, otherwise ignored)\n"
        "  unpaid.csv    every issued reference not paid in full:\n"
        "                reference,issued_amount,paid_amount,outstanding[,carried columns]\n"
        "  summary.json  counts and sums per status, of the issued and the unpaid\n"
        "\n"
        "ISSUED is a manifest.csv of 'vietqr batch --reference-prefix', or any CSV with\n"
        "'reference' and 'amount' columns. TX is\n"
        "  - a statement exported as CSV (comma, semicolon or tab): the header row (among\n"
        "    the first 20) names an ID, a date, an amount (or credit and debit columns)\n"
        "    and a description, in English or Vietnamese ('Mã giao dịch', 'Ngày giao\n"
        "    dịch', 'Số tiền', 'Ghi có', 'Ghi nợ', 'Nội dung', 'Diễn giải', ...), or as\n"
        "    --map says; amounts as banks write them ('1.500.000', '1,500,000',\n"
        "    '+1.500.000 VND'); dates YYYY-MM-DD or DD/MM/YYYY with an optional time;\n"
        "    rows without a date (totals, notes) are skipped, and counted;\n"
        "  - or JSON Lines: one SePay webhook event (id, transactionDate, content,\n"
        "    transferType, transferAmount) or Casso transaction (id, when, description,\n"
        "    amount) per line, or a Casso webhook body with its 'data' list.\n"
        "A transaction ID seen twice with the same content (a webhook delivered again)\n"
        "counts once; with other content it is an error.\n"
        "\n"
        "Options:\n"
        "      --issued FILE        the issued references (CSV)\n"
        "      --transactions FILE  the bank transactions (CSV or JSON Lines)\n"
        "      --out DIR            where the three files go (created if missing)\n"
        "      --map KEY=COL,...    the statement's columns: id, date, amount, credit,\n"
        "                           debit, memo (header names, any case and diacritics)\n"
        "      --format F           csv or jsonl (default: from TX's extension or content)\n"
        "      --prefix P           a prefix whose references count as unknown_reference\n"
        "                           rather than no_reference (repeatable; the issued\n"
        "                           references' prefixes are known already)\n"
        "      --carry COL,...      copy these ISSUED columns into unpaid.csv\n"
        "  -h, --help               show this help\n"
        "\n"
        "Running again with more (later) transactions gives the earlier ones the same\n"
        "status. Nothing is written when an input has a problem: the first one is\n"
        "reported with its file and row.\n"
        "\n"
        "Exit status: 0 success, 1 invalid input, 2 usage error, 3 input/output error.\n",
        f);
}

/* ---- a growable output buffer ---- */

typedef struct obuf {
    char *s;
    size_t n, cap;
    bool oom;
} obuf;

static void put(obuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *t = realloc(b->s, cap);
        if (!t) {
            b->oom = true;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void puts_(obuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_i64(obuf *b, int64_t v)
{
    char t[24];
    size_t k = sizeof t;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        t[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        t[--k] = '-';
    put(b, t + k, sizeof t - k);
}

/* One CSV cell (RFC 4180): quoted when it holds a delimiter, a quote, a
 * line break or leading or trailing spaces. */
static void put_cell(obuf *b, const char *s, size_t n)
{
    bool quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        put(b, s, n);
        return;
    }
    put(b, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"') {
            put(b, s + from, i + 1 - from);
            put(b, "\"", 1);
            from = i + 1;
        }
    put(b, s + from, n - from);
    put(b, "\"", 1);
}

/* ---- reading ---- */

typedef struct state {
    vqr_recon *r;
    size_t ncarry;
    /* per issued reference: its row, and its carried cells in `pool` */
    size_t *issued_row;
    size_t cap_issued_row;
    size_t *carry_off; /* ncarry + 1 offsets per reference */
    size_t cap_carry;
    obuf pool;
    /* per transaction: its row or line (and Casso entry) for messages */
    size_t *tx_row;
    size_t cap_tx_row;
    size_t *tx_entry;
    size_t cap_tx_entry;
    bool jsonl;
    const char *issued_path, *tx_path;
} state;

/* Room for `need` groups of `per` numbers in *p (*cap counts groups). */
static bool grow_sizes(size_t **p, size_t *cap, size_t need, size_t per)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    size_t *q = realloc(*p, c * per * sizeof *q);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

static int on_issued(void *ctx, const rc_issued_row *row)
{
    state *s = ctx;
    /* Spaces around a cell are not part of the reference or the amount. */
    rc_cell ref = row->reference;
    while (ref.n && ref.s[0] == ' ')
        ref.s++, ref.n--;
    while (ref.n && ref.s[ref.n - 1] == ' ')
        ref.n--;
    if (ref.n == 0) {
        cli_error(CMD, "%s: row %zu: no reference", s->issued_path, row->row);
        return CLI_INVALID;
    }
    int64_t amount;
    vqr_error e;
    VQR_INIT(&e);
    if (vqr_recon_amount_parse(row->amount.s, row->amount.n, &amount, &e) != VQR_OK) {
        cli_error(CMD, "%s: row %zu: amount '%.*s': %s (%s)", s->issued_path, row->row,
                  (int)row->amount.n, row->amount.s, e.message, e.name);
        return CLI_INVALID;
    }
    if (amount <= 0) {
        cli_error(CMD, "%s: row %zu: amount '%.*s': an issued amount must be above zero",
                  s->issued_path, row->row, (int)row->amount.n, row->amount.s);
        return CLI_INVALID;
    }
    vqr_status st = vqr_recon_add_issued(s->r, ref.s, ref.n, (uint64_t)amount, 0, &e);
    if (st == VQR_ERR_REF_DUPLICATE) {
        cli_error(CMD, "%s: row %zu: reference %.*s was issued already, at row %zu", s->issued_path,
                  row->row, (int)ref.n, ref.s, s->issued_row[e.related_offset]);
        return CLI_INVALID;
    }
    if (st == VQR_ERR_NO_MEMORY) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    if (st != VQR_OK) {
        cli_error(CMD, "%s: row %zu: reference '%.*s': %s (%s)", s->issued_path, row->row,
                  (int)ref.n, ref.s, e.message, e.name);
        return CLI_INVALID;
    }
    size_t i = vqr_recon_issued_count(s->r) - 1;
    if (!grow_sizes(&s->issued_row, &s->cap_issued_row, i + 1, 1) ||
        (s->ncarry && !grow_sizes(&s->carry_off, &s->cap_carry, i + 1, s->ncarry + 1))) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    s->issued_row[i] = row->row;
    for (size_t k = 0; k < s->ncarry; k++) {
        s->carry_off[i * (s->ncarry + 1) + k] = s->pool.n;
        put(&s->pool, row->carry[k].s, row->carry[k].n);
    }
    if (s->ncarry)
        s->carry_off[i * (s->ncarry + 1) + s->ncarry] = s->pool.n;
    if (s->pool.oom) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    return CLI_OK;
}

static void where(bool jsonl, size_t row, size_t entry, char *out, size_t cap)
{
    if (entry)
        (void)snprintf(out, cap, "line %zu, entry %zu", row, entry);
    else
        (void)snprintf(out, cap, "%s %zu", jsonl ? "line" : "row", row);
}

static int on_tx(void *ctx, const rc_tx_row *row)
{
    state *s = ctx;
    vqr_recon_tx tx;
    (void)vqr_recon_tx_init(&tx, sizeof tx, NULL);
    tx.id = row->id.s;
    tx.id_len = row->id.n;
    tx.date = row->date.s;
    tx.date_len = row->date.n;
    tx.amount = row->amount;
    tx.memo = row->memo.s;
    tx.memo_len = row->memo.n;
    char here[64];
    s->jsonl = row->jsonl;
    where(row->jsonl, row->row, row->entry, here, sizeof here);
    vqr_error e;
    VQR_INIT(&e);
    size_t index;
    vqr_status st = vqr_recon_add_tx(s->r, &tx, &index, &e);
    if (st == VQR_ERR_RECON_DATE) {
        cli_error(CMD, "%s: %s: date '%.*s': %s (%s)", s->tx_path, here, (int)row->date.n,
                  row->date.s, e.message, e.name);
        return CLI_INVALID;
    }
    if (st == VQR_ERR_RECON_CONFLICT) {
        char there[64];
        where(s->jsonl, s->tx_row[e.related_offset], s->tx_entry[e.related_offset], there,
              sizeof there);
        cli_error(CMD,
                  "%s: %s: transaction ID '%.*s' is also at %s, with another date, amount or "
                  "description (%s)",
                  s->tx_path, here, (int)row->id.n, row->id.s, there, e.name);
        return CLI_INVALID;
    }
    if (st == VQR_ERR_NO_MEMORY) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    if (st != VQR_OK) {
        cli_error(CMD, "%s: %s: %s (%s)", s->tx_path, here, e.message, e.name);
        return CLI_INVALID;
    }
    if (!grow_sizes(&s->tx_row, &s->cap_tx_row, index + 1, 1) ||
        !grow_sizes(&s->tx_entry, &s->cap_tx_entry, index + 1, 1)) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    s->tx_row[index] = row->row;
    s->tx_entry[index] = row->entry;
    return CLI_OK;
}

/* ---- reading the statement on a second core ----
 *
 * The statement is parsed by a thread of its own while the issued
 * references are loaded; parsed rows reach the main thread in chunks
 * through a bounded queue, and are added to the reconciliation there in
 * file order. */

#define CHUNK_ROWS 4096
#define QUEUE_MAX 8

typedef struct chunk {
    size_t n;
    rc_tx_row row[CHUNK_ROWS];
    size_t off[CHUNK_ROWS][3]; /* where each row's id, date and memo are in `text` */
    obuf text;                 /* the rows' cells */
    struct chunk *next;
} chunk;

typedef struct queue {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    chunk *head, *tail, *filling;
    size_t queued;
    bool done, stop;
    int status; /* the reader's */
    const char *path;
    rc_format fmt;
    const rc_map *map;
    rc_tx_stats stats;
} queue;

static void chunk_free(chunk *c)
{
    if (c) {
        free(c->text.s);
        free(c);
    }
}

/* Points the rows' cells into the text, which no longer moves. */
static void chunk_seal(chunk *c)
{
    for (size_t i = 0; i < c->n; i++) {
        rc_tx_row *r = &c->row[i];
        r->id.s = c->text.s + c->off[i][0];
        r->date.s = c->text.s + c->off[i][1];
        r->memo.s = c->text.s + c->off[i][2];
    }
}

/* Hands a full chunk to the main thread; false when it asked to stop. */
static bool push(queue *q)
{
    chunk *c = q->filling;
    q->filling = NULL;
    if (!c)
        return true;
    chunk_seal(c);
    pthread_mutex_lock(&q->mu);
    while (q->queued >= QUEUE_MAX && !q->stop)
        pthread_cond_wait(&q->cv, &q->mu);
    bool stop = q->stop;
    if (!stop) {
        if (q->tail)
            q->tail->next = c;
        else
            q->head = c;
        q->tail = c;
        q->queued++;
        pthread_cond_broadcast(&q->cv);
    }
    pthread_mutex_unlock(&q->mu);
    if (stop)
        chunk_free(c);
    return !stop;
}

static size_t keep(obuf *b, rc_cell c)
{
    size_t at = b->n;
    put(b, c.n ? c.s : "", c.n);
    return at;
}

static int queue_row(void *ctx, const rc_tx_row *row)
{
    queue *q = ctx;
    if (!q->filling) {
        q->filling = calloc(1, sizeof *q->filling);
        if (!q->filling) {
            cli_error(CMD, "out of memory");
            return CLI_IO;
        }
    }
    chunk *c = q->filling;
    size_t i = c->n++;
    c->row[i] = *row;
    c->off[i][0] = keep(&c->text, row->id);
    c->off[i][1] = keep(&c->text, row->date);
    c->off[i][2] = keep(&c->text, row->memo);
    if (c->text.oom) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    if (c->n == CHUNK_ROWS && !push(q))
        return CLI_INVALID; /* stopped: the main thread reports why */
    return CLI_OK;
}

static void *reader(void *arg)
{
    queue *q = arg;
    int st = rc_read_transactions(CMD, q->path, q->fmt, q->map, queue_row, q, &q->stats);
    if (st == CLI_OK && !push(q))
        st = CLI_INVALID;
    chunk_free(q->filling);
    q->filling = NULL;
    pthread_mutex_lock(&q->mu);
    q->done = true;
    q->status = st;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* The next chunk, or NULL when the reader has finished. */
static chunk *pop(queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (!q->head && !q->done)
        pthread_cond_wait(&q->cv, &q->mu);
    chunk *c = q->head;
    if (c) {
        q->head = c->next;
        if (!q->head)
            q->tail = NULL;
        q->queued--;
        pthread_cond_broadcast(&q->cv);
    }
    pthread_mutex_unlock(&q->mu);
    return c;
}

/* Tells the reader to stop, and drops what it queued. */
static void stop_reader(queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->stop = true;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

static void drain(queue *q)
{
    chunk *c;
    while ((c = q->head) != NULL) {
        q->head = c->next;
        chunk_free(c);
    }
    q->tail = NULL;
}

/* ---- writing ---- */

typedef struct sums {
    size_t count;
    int64_t amount;
} sums;

static int write_out(const char *dir, const char *name, const obuf *b)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    (void)snprintf(path, n, "%s/%s", dir, name);
    int st = CLI_OK;
    if (cli_write_file(path, b->s ? b->s : "", b->n) != 0)
        st = cli_io_error(CMD, "cannot write", path);
    free(path);
    return st;
}

static json_t *pair(size_t count, int64_t amount)
{
    json_t *o = json_object();
    if (o) {
        json_object_set_new(o, "count", json_integer((json_int_t)count));
        json_object_set_new(o, "amount", json_integer((json_int_t)amount));
    }
    return o;
}

static int write_results(state *s, const char *dir, char *const *carry, size_t repeats,
                         const rc_tx_stats *stats)
{
    vqr_recon *r = s->r;
    obuf m = { 0 }, u = { 0 };
    puts_(&m, "transaction_id,reference,status,issued_amount,paid_amount,difference\n");
    sums by[VQR_MATCH_DEBIT + 1];
    memset(by, 0, sizeof by);
    sums total = { 0, 0 }, credits = { 0, 0 }, debits = { 0, 0 };
    size_t ntx = vqr_recon_tx_count(r);
    for (size_t k = 0; k < ntx; k++) {
        size_t i;
        vqr_recon_result res;
        res.size = sizeof res;
        if (vqr_recon_order(r, k, &i, NULL) != VQR_OK ||
            vqr_recon_result_get(r, i, &res, NULL) != VQR_OK) {
            cli_error(CMD, "internal error reading result %zu", k);
            free(m.s);
            return CLI_IO;
        }
        if (res.repeat_of != SIZE_MAX)
            continue;
        put_cell(&m, res.id, res.id_len);
        put(&m, ",", 1);
        for (size_t j = 0; j < res.references; j++) {
            char ref[VQR_REF_BUF_SIZE];
            if (vqr_recon_tx_reference(r, i, j, ref, NULL) == VQR_OK) {
                if (j)
                    put(&m, " ", 1);
                puts_(&m, ref);
            }
        }
        put(&m, ",", 1);
        puts_(&m, vqr_match_name(res.status));
        put(&m, ",", 1);
        if (res.issued != SIZE_MAX)
            put_i64(&m, (int64_t)res.issued_amount);
        put(&m, ",", 1);
        put_i64(&m, res.amount);
        put(&m, ",", 1);
        if (res.issued != SIZE_MAX)
            put_i64(&m, res.difference);
        put(&m, "\n", 1);
        by[res.status].count++;
        by[res.status].amount += res.amount;
        total.count++;
        total.amount += res.amount;
        sums *side = res.amount < 0 ? &debits : &credits;
        side->count++;
        side->amount += res.amount;
    }

    puts_(&u, "reference,issued_amount,paid_amount,outstanding");
    for (size_t k = 0; k < s->ncarry; k++) {
        put(&u, ",", 1);
        put_cell(&u, carry[k], strlen(carry[k]));
    }
    put(&u, "\n", 1);
    size_t niss = vqr_recon_issued_count(r);
    sums issued = { 0, 0 }, full = { 0, 0 };
    size_t unpaid = 0;
    int64_t unpaid_issued = 0, unpaid_received = 0, outstanding = 0, received_all = 0;
    for (size_t i = 0; i < niss; i++) {
        vqr_recon_issued is;
        is.size = sizeof is;
        if (vqr_recon_issued_get(r, i, &is, NULL) != VQR_OK)
            continue;
        issued.count++;
        issued.amount += (int64_t)is.amount;
        received_all += (int64_t)is.received;
        if (is.paid) {
            full.count++;
            full.amount += (int64_t)is.amount;
            continue;
        }
        unpaid++;
        unpaid_issued += (int64_t)is.amount;
        unpaid_received += (int64_t)is.received;
        outstanding += (int64_t)is.outstanding;
        puts_(&u, is.reference);
        put(&u, ",", 1);
        put_i64(&u, (int64_t)is.amount);
        put(&u, ",", 1);
        put_i64(&u, (int64_t)is.received);
        put(&u, ",", 1);
        put_i64(&u, (int64_t)is.outstanding);
        for (size_t k = 0; k < s->ncarry; k++) {
            const size_t *o = &s->carry_off[i * (s->ncarry + 1) + k];
            put(&u, ",", 1);
            put_cell(&u, s->pool.s + o[0], o[1] - o[0]);
        }
        put(&u, "\n", 1);
    }

    json_t *j = json_object();
    json_t *st = json_object();
    json_t *un = json_object();
    if (j && st && un) {
        json_object_set_new(j, "transactions", pair(total.count, total.amount));
        json_object_set_new(j, "credits", pair(credits.count, credits.amount));
        json_object_set_new(j, "debits", pair(debits.count, debits.amount));
        for (int k = VQR_MATCH_PAID; k <= VQR_MATCH_DEBIT; k++)
            json_object_set_new(st, vqr_match_name((vqr_match)k), pair(by[k].count, by[k].amount));
        json_object_set(j, "statuses", st);
        json_object_set_new(j, "issued", pair(issued.count, issued.amount));
        json_object_set_new(j, "received_for_issued", json_integer((json_int_t)received_all));
        json_object_set_new(j, "paid_in_full", pair(full.count, full.amount));
        json_object_set_new(un, "count", json_integer((json_int_t)unpaid));
        json_object_set_new(un, "amount", json_integer((json_int_t)unpaid_issued));
        json_object_set_new(un, "received", json_integer((json_int_t)unpaid_received));
        json_object_set_new(un, "outstanding", json_integer((json_int_t)outstanding));
        json_object_set(j, "unpaid", un);
        json_object_set_new(j, "repeated_events", json_integer((json_int_t)repeats));
        json_object_set_new(j, "skipped_rows", json_integer((json_int_t)stats->skipped));
    }
    char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(st);
    json_decref(un);
    json_decref(j);
    int rc = CLI_OK;
    if (!text || m.oom || u.oom) {
        cli_error(CMD, "out of memory");
        rc = CLI_IO;
    }
    obuf sj = { 0 };
    if (rc == CLI_OK) {
        puts_(&sj, text);
        put(&sj, "\n", 1);
        if (sj.oom) {
            cli_error(CMD, "out of memory");
            rc = CLI_IO;
        }
    }
    if (rc == CLI_OK && mkdir(dir, 0777) != 0 && errno != EEXIST)
        rc = cli_io_error(CMD, "cannot create", dir);
    if (rc == CLI_OK)
        rc = write_out(dir, "matches.csv", &m);
    if (rc == CLI_OK)
        rc = write_out(dir, "unpaid.csv", &u);
    if (rc == CLI_OK)
        rc = write_out(dir, "summary.json", &sj);
    free(text);
    free(sj.s);
    free(m.s);
    free(u.s);
    if (rc != CLI_OK)
        return rc;

    cli_printf(stdout, "%zu transactions:", total.count);
    for (int k = VQR_MATCH_PAID; k <= VQR_MATCH_DEBIT; k++)
        cli_printf(stdout, "%s %s %zu", k == VQR_MATCH_PAID ? "" : ",",
                   vqr_match_name((vqr_match)k), by[k].count);
    if (repeats)
        cli_printf(stdout, " (%zu repeated events counted once)", repeats);
    cli_printf(stdout,
               ".\n%zu of %zu references paid in full; %zu still to pay, %lld dong "
               "outstanding.\nWrote matches.csv, unpaid.csv and summary.json into ",
               full.count, issued.count, unpaid, (long long)outstanding);
    cli_put_mark(stdout, cli_put_str(stdout, dir), false);
    cli_puts(".\n", stdout);
    return cli_flush_stdout(CMD);
}

enum { OPT_ISSUED = 256, OPT_TX, OPT_OUT, OPT_MAP, OPT_FORMAT, OPT_PREFIX, OPT_CARRY };

int cmd_reconcile(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "issued", required_argument, NULL, OPT_ISSUED },
        { "transactions", required_argument, NULL, OPT_TX },
        { "out", required_argument, NULL, OPT_OUT },
        { "map", required_argument, NULL, OPT_MAP },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "prefix", required_argument, NULL, OPT_PREFIX },
        { "carry", required_argument, NULL, OPT_CARRY },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *issued = NULL, *txpath = NULL, *dir = NULL;
    char *mapspec = NULL, *carryspec = NULL;
    rc_format fmt = RC_FORMAT_AUTO;
    const char **prefixes = calloc((size_t)argc + 1, sizeof *prefixes);
    size_t nprefix = 0;
    if (!prefixes) {
        cli_error(CMD, "out of memory");
        return CLI_IO;
    }
    int c;
    opterr = 0;
    optind = 1;
    int status = CLI_OK;
    while (status == CLI_OK && (c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_ISSUED:
            issued = optarg;
            break;
        case OPT_TX:
            txpath = optarg;
            break;
        case OPT_OUT:
            dir = optarg;
            break;
        case OPT_MAP:
            mapspec = optarg;
            break;
        case OPT_CARRY:
            carryspec = optarg;
            break;
        case OPT_PREFIX:
            prefixes[nprefix++] = optarg;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") == 0)
                fmt = RC_FORMAT_CSV;
            else if (strcmp(optarg, "jsonl") == 0)
                fmt = RC_FORMAT_JSONL;
            else
                status = cli_usage(CMD, "--format takes csv or jsonl, not '%s'", optarg);
            break;
        case 'h':
            reconcile_usage(stdout);
            free(prefixes);
            return cli_flush_stdout(CMD);
        default:
            status = cli_bad_option(CMD, c, argv);
        }
    }
    if (status == CLI_OK && optind < argc)
        status = cli_usage(CMD, "unexpected argument '%s'", argv[optind]);
    if (status == CLI_OK && (!issued || !txpath || !dir))
        status = cli_usage(CMD, "--issued, --transactions and --out are required");
    rc_map map;
    memset(&map, 0, sizeof map);
    char *mapcopy = mapspec ? strdup(mapspec) : NULL;
    if (status == CLI_OK && mapspec && !mapcopy)
        status = CLI_IO;
    if (status == CLI_OK && mapcopy)
        status = rc_map_parse(CMD, mapcopy, &map);
    /* --carry a,b,c */
    char *carrycopy = carryspec ? strdup(carryspec) : NULL;
    char **carry = calloc(carryspec ? strlen(carryspec) + 1 : 1, sizeof *carry);
    size_t ncarry = 0;
    if (status == CLI_OK && (!carry || (carryspec && !carrycopy)))
        status = CLI_IO;
    if (status == CLI_OK && carrycopy) {
        char *save = NULL;
        for (char *t = strtok_r(carrycopy, ",", &save); t; t = strtok_r(NULL, ",", &save))
            carry[ncarry++] = t;
        if (ncarry == 0)
            status = cli_usage(CMD, "--carry takes column names separated by commas");
    }

    state s;
    memset(&s, 0, sizeof s);
    s.ncarry = ncarry;
    s.issued_path = issued;
    s.tx_path = txpath;
    vqr_error e;
    VQR_INIT(&e);
    if (status == CLI_OK && vqr_recon_new(NULL, &s.r, &e) != VQR_OK) {
        cli_error(CMD, "out of memory");
        status = CLI_IO;
    }
    for (size_t i = 0; status == CLI_OK && i < nprefix; i++) {
        vqr_status st = vqr_recon_add_prefix(s.r, prefixes[i], &e);
        if (st != VQR_OK)
            status = cli_usage(CMD, "--prefix '%s': %s (%s)", prefixes[i], e.message, e.name);
    }
    /* The statement is parsed on a second thread meanwhile. */
    queue q;
    memset(&q, 0, sizeof q);
    q.path = txpath;
    q.fmt = fmt;
    q.map = &map;
    bool started = false;
    pthread_t thread;
    if (status == CLI_OK) {
        pthread_mutex_init(&q.mu, NULL);
        pthread_cond_init(&q.cv, NULL);
        if (pthread_create(&thread, NULL, reader, &q) != 0) {
            cli_error(CMD, "cannot start a thread");
            pthread_mutex_destroy(&q.mu);
            pthread_cond_destroy(&q.cv);
            status = CLI_IO;
        } else {
            started = true;
        }
    }
    if (status == CLI_OK)
        status = rc_read_issued(CMD, issued, carry, ncarry, on_issued, &s);
    chunk *ch;
    while (status == CLI_OK && (ch = pop(&q)) != NULL) {
        for (size_t i = 0; status == CLI_OK && i < ch->n; i++)
            status = on_tx(&s, &ch->row[i]);
        chunk_free(ch);
    }
    rc_tx_stats stats;
    memset(&stats, 0, sizeof stats);
    if (started) {
        if (status != CLI_OK)
            stop_reader(&q);
        pthread_join(thread, NULL);
        drain(&q);
        pthread_mutex_destroy(&q.mu);
        pthread_cond_destroy(&q.cv);
        if (status == CLI_OK)
            status = q.status;
        stats = q.stats;
    }
    if (status == CLI_OK) {
        vqr_status st = vqr_recon_run(s.r, &e);
        if (st != VQR_OK) {
            cli_error(CMD, "%s (%s)", e.message, e.name);
            status = st == VQR_ERR_NO_MEMORY ? CLI_IO : CLI_INVALID;
        }
    }
    if (status == CLI_OK) {
        size_t repeats = 0;
        for (size_t i = 0; i < vqr_recon_tx_count(s.r); i++) {
            vqr_recon_result res;
            res.size = sizeof res;
            if (vqr_recon_result_get(s.r, i, &res, NULL) == VQR_OK && res.repeat_of != SIZE_MAX)
                repeats++;
        }
        if (stats.row_ids)
            cli_error(CMD, "%s has no ID column: row numbers stand for transaction IDs", txpath);
        if (stats.skipped)
            cli_error(CMD, "%s: %zu row%s without a date skipped (totals, notes)", txpath,
                      stats.skipped, stats.skipped == 1 ? "" : "s");
        status = write_results(&s, dir, carry, repeats, &stats);
    }
    vqr_recon_free(s.r);
    free(s.issued_row);
    free(s.carry_off);
    free(s.pool.s);
    free(s.tx_row);
    free(s.tx_entry);
    free(carry);
    free(carrycopy);
    free(mapcopy);
    free(prefixes);
    return status;
}
