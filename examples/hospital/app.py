#!/usr/bin/env python3
"""A hospital's billing desk: an invoice gets a VietQR and a payment
reference; the bank's webhook (SePay or Casso) tells which invoice was paid.

    VIETQR_LIB=.../libvietqr.so python3 app.py --db hospital.db --port 8080

The cashier creates an invoice (patient, what for, amount). Its page shows
the QR to scan (inline SVG), the reference, and its state. The reference
(vietqr.make_reference: the hospital's prefix, the invoice number, two check
characters) goes into the QR's bill number (62.01) and at the start of its
purpose (62.08), so the payer's bank copies it into the transfer
description. When money arrives, SePay posts one event to
/webhook/sepay, Casso posts a list to /webhook/casso; each transaction is
reconciled against the invoices its description names (vietqr.reconcile,
one event at a time against this database) and recorded. Nothing is ever
matched on a guess: a description without a reference whose check
characters hold changes no invoice, and every transaction is kept with its
status on /transactions for a person to look at.

Configuration (environment): HOSPITAL_BANK (BIN or bank name),
HOSPITAL_ACCOUNT, HOSPITAL_NAME and HOSPITAL_CITY (tags 59 and 60, folded),
HOSPITAL_PREFIX (the reference prefix, 2-6 letters and digits), HOSPITAL_DB
(default hospital.db in the current directory), HOSPITAL_WEBHOOK_KEY (when
set, webhooks must send "Authorization: Apikey <key>", as SePay does).
"""

import argparse
import datetime
import hmac
import os
import sqlite3
import sys

from flask import Flask, abort, g, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup

import vietqr

HERE = os.path.dirname(os.path.abspath(__file__))

SCHEMA = """
CREATE TABLE IF NOT EXISTS invoice (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reference   TEXT UNIQUE,                 -- set in the same transaction
    patient     TEXT NOT NULL,
    description TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    received    INTEGER NOT NULL DEFAULT 0,  -- every transaction counted for it
    payload     TEXT,
    created     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bank_transaction (
    source      TEXT NOT NULL,               -- 'sepay' or 'casso'
    id          TEXT NOT NULL,               -- the provider's transaction ID
    date        TEXT NOT NULL,
    amount      INTEGER NOT NULL,            -- negative for a debit
    memo        TEXT NOT NULL,
    status      TEXT NOT NULL,               -- one of vietqr.STATUSES
    reference   TEXT,
    invoice_id  INTEGER REFERENCES invoice(id),
    difference  INTEGER,
    received_at TEXT NOT NULL,
    PRIMARY KEY (source, id)
);
"""

# 62.08 holds 25 characters: the reference, a space, the folded purpose.
PURPOSE_MAX = 25

STATE_TEXT = {
    "unpaid": "Chưa thanh toán",
    "underpaid": "Đã nhận một phần",
    "paid": "Đã thanh toán",
    "overpaid": "Đã thanh toán (thừa tiền)",
}

# What each transaction status means to the cashier.
STATUS_TEXT = {
    "paid": "đã thanh toán đủ",
    "underpaid": "thanh toán một phần",
    "overpaid": "trả thừa",
    "duplicate": "trả lại lần nữa: cần hoàn tiền",
    "multiple_references": "nhiều mã trong một giao dịch: cần người xem",
    "unknown_reference": "mã không do bệnh viện phát hành",
    "no_reference": "không có mã thanh toán hợp lệ",
    "debit": "giao dịch chi",
}


class BadEvent(Exception):
    def __init__(self, message, code=400):
        super().__init__(message)
        self.code = code


def vnd(amount):
    """1250000 -> "1.250.000 đ"."""
    sign = "-" if amount < 0 else ""
    return sign + "{:,}".format(abs(amount)).replace(",", ".") + " đ"


def invoice_state(inv):
    if inv["received"] <= 0:
        return "unpaid"
    if inv["received"] < inv["amount"]:
        return "underpaid"
    return "paid" if inv["received"] == inv["amount"] else "overpaid"


def create_app(config=None):
    app = Flask(__name__, template_folder=os.path.join(HERE, "templates"))
    app.config.update(
        DATABASE=os.environ.get("HOSPITAL_DB", "hospital.db"),
        BANK=os.environ.get("HOSPITAL_BANK", "970436"),
        ACCOUNT=os.environ.get("HOSPITAL_ACCOUNT", "0011001234567"),
        NAME=os.environ.get("HOSPITAL_NAME", "BENH VIEN DA KHOA TINH"),
        CITY=os.environ.get("HOSPITAL_CITY", "HA NOI"),
        PREFIX=os.environ.get("HOSPITAL_PREFIX", "BV24"),
        WEBHOOK_KEY=os.environ.get("HOSPITAL_WEBHOOK_KEY", ""),
    )
    if config:
        app.config.update(config)
    # A bad prefix stops the start, not the first invoice.
    vietqr.make_reference(app.config["PREFIX"], 0)
    app.jinja_env.filters["vnd"] = vnd

    def purpose_room():
        """Characters of 62.08 left beside the reference and its space."""
        return PURPOSE_MAX - len(vietqr.make_reference(app.config["PREFIX"], 0)) - 1

    def db():
        if "db" not in g:
            g.db = sqlite3.connect(app.config["DATABASE"], timeout=10, isolation_level=None)
            g.db.row_factory = sqlite3.Row
            g.db.execute("PRAGMA foreign_keys = ON")
        return g.db

    @app.teardown_appcontext
    def close_db(_exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    with app.app_context():
        db().executescript(SCHEMA)
        db().execute("PRAGMA journal_mode = WAL")

    def get_invoice(invoice_id):
        inv = db().execute("SELECT * FROM invoice WHERE id = ?", (invoice_id,)).fetchone()
        if inv is None:
            abort(404)
        return inv

    def invoice_json(inv):
        return {
            "id": inv["id"], "reference": inv["reference"], "patient": inv["patient"],
            "description": inv["description"], "amount": inv["amount"],
            "received": inv["received"],
            "outstanding": max(inv["amount"] - inv["received"], 0),
            "state": invoice_state(inv), "payload": inv["payload"],
        }

    # ---- the cashier's pages ----

    @app.get("/")
    def index(error=None, form=None, code=200):
        invoices = db().execute("SELECT * FROM invoice ORDER BY id DESC LIMIT 200").fetchall()
        return render_template("index.html", invoices=invoices, state=invoice_state,
                               state_text=STATE_TEXT, error=error, form=form or {},
                               room=purpose_room()), code

    @app.post("/invoices")
    def create_invoice():
        form = request.form
        patient = form.get("patient", "").strip()
        description = form.get("description", "").strip()
        prefix = app.config["PREFIX"]
        room = purpose_room()
        if not patient or not description:
            return index(error="Cần tên người bệnh và nội dung.", form=form, code=400)
        try:
            amount = vietqr.parse_bank_amount(form.get("amount", ""))
        except vietqr.VietQRError as e:
            return index(error="Số tiền không đọc được: %s" % e.message_vi, form=form, code=400)
        if amount <= 0:
            return index(error="Số tiền phải lớn hơn 0.", form=form, code=400)
        try:
            folded = vietqr.fold_text(description).text
        except vietqr.VietQRError as e:
            return index(error="Nội dung: %s" % e.message_vi, form=form, code=400)
        if len(folded) > room:
            return index(error="Nội dung dài %d ký tự (không dấu); bên cạnh mã thanh toán chỉ "
                         "còn %d ký tự." % (len(folded), room), form=form, code=400)
        conn = db()
        conn.execute("BEGIN IMMEDIATE")
        try:
            cur = conn.execute(
                "INSERT INTO invoice (patient, description, amount, created) VALUES (?, ?, ?, ?)",
                (patient, description, amount,
                 datetime.datetime.now().isoformat(timespec="seconds")))
            invoice_id = cur.lastrowid
            reference = vietqr.make_reference(prefix, invoice_id)
            payload, _ = vietqr.write_vietqr(
                app.config["BANK"], app.config["ACCOUNT"], amount=amount,
                merchant_name=app.config["NAME"], merchant_city=app.config["CITY"],
                bill_number=reference, purpose=reference + " " + folded)
            conn.execute("UPDATE invoice SET reference = ?, payload = ? WHERE id = ?",
                         (reference, payload, invoice_id))
            conn.execute("COMMIT")
        except vietqr.VietQRError as e:
            conn.execute("ROLLBACK")
            return index(error="Không tạo được mã: %s" % e.message_vi, form=form, code=400)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return redirect(url_for("show_invoice", invoice_id=invoice_id), code=303)

    @app.get("/invoices/<int:invoice_id>")
    def show_invoice(invoice_id):
        inv = get_invoice(invoice_id)
        state = invoice_state(inv)
        svg = None
        if state in ("unpaid", "underpaid"):
            # Underpaid: the same code still names the invoice; the payer
            # sends the rest with it (the bank app lets them change the amount).
            svg = Markup(vietqr.QRCode.encode(inv["payload"]).svg(scale=6))
        payments = db().execute(
            "SELECT * FROM bank_transaction WHERE invoice_id = ? ORDER BY date, id",
            (invoice_id,)).fetchall()
        return render_template("invoice.html", inv=inv, state=state, state_text=STATE_TEXT,
                               svg=svg, payments=payments, status_text=STATUS_TEXT,
                               outstanding=max(inv["amount"] - inv["received"], 0),
                               bank=app.config["BANK"], account=app.config["ACCOUNT"],
                               name=app.config["NAME"], has_card=_print_module() is not None)

    @app.get("/invoices/<int:invoice_id>.json")
    def invoice_api(invoice_id):
        return jsonify(invoice_json(get_invoice(invoice_id)))

    @app.get("/invoices/<int:invoice_id>/qr.png")
    def invoice_png(invoice_id):
        inv = get_invoice(invoice_id)
        png = vietqr.QRCode.encode(inv["payload"]).png(scale=8)
        return app.response_class(png, mimetype="image/png")

    @app.get("/invoices/<int:invoice_id>/card.png")
    def invoice_card(invoice_id):
        vp = _print_module()
        if vp is None:
            abort(404)
        inv = get_invoice(invoice_id)
        png = vp.card(inv["payload"], holder=app.config["NAME"], reference=inv["reference"],
                      payer=inv["patient"], purpose=inv["description"])
        return app.response_class(png, mimetype="image/png")

    @app.get("/transactions")
    def transactions():
        rows = db().execute("SELECT * FROM bank_transaction ORDER BY date DESC, id DESC "
                            "LIMIT 500").fetchall()
        return render_template("transactions.html", rows=rows, status_text=STATUS_TEXT)

    # ---- the bank's webhooks ----

    def authorised():
        key = app.config["WEBHOOK_KEY"]
        if not key:
            return True
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode("utf-8"), ("Apikey " + key).encode("utf-8"))

    def record(source, event):
        """Reconciles one transaction against this database and records it."""
        try:
            t = vietqr.transaction_from_event(event)
        except (ValueError, TypeError, vietqr.VietQRError) as e:
            raise BadEvent("transaction %r: %s" % (event.get("id") if isinstance(event, dict)
                                                    else None, e))
        tid = str(t["id"] or "")
        if not tid or not t["date"]:
            raise BadEvent("a transaction without an id or a date")
        memo = str(t["memo"] or "")
        conn = db()
        conn.execute("BEGIN IMMEDIATE")
        try:
            old = conn.execute("SELECT * FROM bank_transaction WHERE source = ? AND id = ?",
                               (source, tid)).fetchone()
            if old is not None:
                conn.execute("ROLLBACK")
                # The provider retries (SePay: up to 7 times) when it missed
                # our answer: the same transaction, counted once.
                if (old["date"], old["amount"], old["memo"]) != (str(t["date"]), t["amount"],
                                                                memo):
                    raise BadEvent("transaction %s was delivered before with other content"
                                   % tid, 409)
                return {"id": tid, "status": "duplicate", "delivered_before": True,
                        "first_status": old["status"], "reference": old["reference"]}
            prefix = app.config["PREFIX"]
            refs = vietqr.find_references(memo, prefix)
            issued = []
            if refs:
                marks = ",".join("?" * len(refs))
                issued = conn.execute("SELECT id, reference, amount, received FROM invoice "
                                      "WHERE reference IN (%s)" % marks, refs).fetchall()
            [res] = vietqr.reconcile([dict(r) for r in issued], [t], prefixes=[prefix])
            invoice_id = None
            if res.issued_index is not None:
                inv = issued[res.issued_index]
                invoice_id = inv["id"]
                conn.execute("UPDATE invoice SET received = received + ? WHERE id = ?",
                             (t["amount"], invoice_id))
            conn.execute(
                "INSERT INTO bank_transaction (source, id, date, amount, memo, status, reference,"
                " invoice_id, difference, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source, tid, str(t["date"]), t["amount"], memo, res.status, res.reference,
                 invoice_id, res.difference,
                 datetime.datetime.now().isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except vietqr.VietQRError as e:
            conn.execute("ROLLBACK")
            raise BadEvent("transaction %s: %s" % (tid, e))
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return {"id": tid, "status": res.status, "reference": res.reference,
                "references": list(res.references), "invoice": invoice_id,
                "difference": res.difference}

    @app.post("/webhook/<source>")
    def webhook(source):
        if source not in ("sepay", "casso"):
            abort(404)
        if not authorised():
            return jsonify(success=False, error="bad or missing Authorization"), 401
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify(success=False, error="the body is not a JSON object"), 400
        if source == "sepay":
            events = [body]
        else:
            events = body.get("data")
            if not isinstance(events, list):
                return jsonify(success=False, error="a Casso body has a 'data' list"), 400
        results = []
        try:
            for ev in events:
                if not isinstance(ev, dict):
                    raise BadEvent("a transaction is a JSON object")
                results.append(record(source, ev))
        except BadEvent as e:
            # Transactions before the bad one are recorded; a retry of the
            # whole body finds them as delivered before.
            return jsonify(success=False, error=str(e), results=results), e.code
        return jsonify(success=True, results=results)

    return app


def _print_module():
    """vietqr.print when libvietqr-print is there, else None."""
    try:
        import vietqr.print as vp
        return vp
    except (ImportError, OSError):
        return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="the SQLite database (created when missing)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080, help="0: any free port")
    args = ap.parse_args(argv)
    config = {"DATABASE": args.db} if args.db else None
    app = create_app(config)
    from werkzeug.serving import make_server
    server = make_server(args.host, args.port, app, threaded=True)
    print("listening on http://%s:%d/" % (args.host, server.server_port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
