#!/usr/bin/env python3
"""The hospital example end to end: app.py started on a loopback port with
a fresh SQLite database, invoices created through its form, the invoice
page loaded by a headless Chromium, the QR in its screenshot read back by
zbarimg, then SePay and Casso webhook events posted as the providers post
them: a payment turns the page to "paid", the same event again is a
duplicate, a forged reference (bad check characters) changes nothing, and
the rest (partial payment, debit, wrong key, conflicting redelivery, bad
bodies) do what the README says. The database is checked directly at the
end. Exits 77 (skip) when Flask, Chromium or zbarimg is missing.

Run by meson (suite 'examples', test 'hospital'); by hand:
    VIETQR_LIB=build/lib/libvietqr.so python3 examples/hospital/test_hospital.py
"""

import json
import re
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))

KEY = "hospital-webhook-key"
PREFIX = "BV24"


def skip(why):
    print("SKIP: " + why)
    sys.exit(77)


try:
    import flask  # noqa: F401  (the app's dependency: Debian python3-flask)
except ImportError:
    skip("Flask is not installed (Debian: python3-flask)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ZBARIMG = shutil.which("zbarimg")
if not CHROMIUM:
    skip("no headless browser (Debian: chromium)")
if not ZBARIMG:
    skip("zbarimg is not installed (Debian: zbar-tools)")

import vietqr  # noqa: E402

failures = []


def check(cond, what):
    if cond:
        print("ok   " + what)
    else:
        print("FAIL " + what)
        failures.append(what)


def tool_env():
    """The environment for programs that are not ours (Chromium, zbarimg):
    without a sanitizer runtime preloaded for the Python binding."""
    env = dict(os.environ)
    for k in ("LD_PRELOAD", "ASAN_OPTIONS", "PYTHONMALLOC"):
        env.pop(k, None)
    return env


class App:
    def __init__(self, tmp):
        self.db = os.path.join(tmp, "hospital.db")
        env = dict(os.environ, HOSPITAL_WEBHOOK_KEY=KEY, HOSPITAL_PREFIX=PREFIX,
                   HOSPITAL_BANK="Vietcombank", HOSPITAL_ACCOUNT="0011001234567",
                   PYTHONPATH=os.path.join(ROOT, "bindings", "python"))
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "app.py"), "--db", self.db, "--host",
             "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=open(os.path.join(tmp, "app.log"), "wb"), env=env)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("listening on "):
            self.stop()
            sys.exit("app.py did not start: %r (see %s)" % (line, os.path.join(tmp, "app.log")))
        self.base = line.split()[-1].rstrip("/")
        assert self.base.startswith("http://127.0.0.1:")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def request(self, method, path, data=None, headers=None):
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def create(self, patient, description, amount):
        body = urllib.parse.urlencode({"patient": patient, "description": description,
                                       "amount": amount}).encode()
        return self.request("POST", "/invoices", body,
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def invoice(self, n):
        status, _, body = self.request("GET", "/invoices/%d.json" % n)
        assert status == 200, status
        return json.loads(body)

    def hook(self, source, body, key=KEY):
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Authorization"] = "Apikey " + key
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        status, _, out = self.request("POST", "/webhook/" + source, data, headers)
        return status, json.loads(out)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def chromium(tmp, url, *args):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--disable-dev-shm-usage", "--window-size=900,1300",
           "--user-data-dir=" + os.path.join(tmp, "chromium-profile")] + list(args) + [url]
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=tool_env(),
                          timeout=120, cwd=tmp)


def page_state(tmp, app, n, browser=True):
    """The invoice page as Chromium renders it (or as the server sends it:
    each Chromium start costs seconds): (data-status, status text)."""
    if browser:
        r = chromium(tmp, "%s/invoices/%d" % (app.base, n), "--dump-dom")
        dom = r.stdout.decode("utf-8", "replace")
    else:
        status, _, body = app.request("GET", "/invoices/%d" % n)
        dom = body.decode("utf-8", "replace") if status == 200 else ""
    m = re.search(r'<p id="status" class="status (\w+)" data-status="(\w+)">([^<]*)</p>', dom)
    if not m:
        return None, dom[:400]
    return m.group(2), m.group(3).strip()


def sepay(tid, content, amount, date, kind="in"):
    """A SePay webhook event, as developer.sepay.vn documents it."""
    return {"id": tid, "gateway": "Vietcombank", "transactionDate": date,
            "accountNumber": "0011001234567", "code": None, "content": content,
            "transferType": kind, "transferAmount": amount, "accumulated": 19077000,
            "subAccount": None, "referenceCode": "MBVCB.3278907687", "description": content}


def main():
    tmp = tempfile.mkdtemp(prefix="vqr-hospital-")
    app = App(tmp)
    try:
        run(tmp, app)
    finally:
        app.stop()
    if failures:
        print("%d check(s) failed: %s" % (len(failures), "; ".join(failures)))
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print("hospital example: every check passed")
    return 0


def run(tmp, app):
    # --- the cashier creates invoices ---
    status, headers, body = app.create("Nguyễn Văn An", "Viện phí nội trú đợt 1", "1.250.000")
    check(status == 400 and "còn 12 ký tự".encode() in body,
          "a purpose too long beside the reference is refused, saying 12 characters remain")
    status, headers, _ = app.create("Nguyễn Văn An", "Viện phí NT", "1.250.000")
    check(status == 303 and headers.get("Location", "").endswith("/invoices/1"),
          "invoice 1 created (303 to /invoices/1)")
    status, headers, _ = app.create("Trần Thị Bình", "Xét nghiệm", "300,000")
    check(status == 303 and headers.get("Location", "").endswith("/invoices/2"),
          "invoice 2 created")
    status, _, _ = app.create("Lê Văn Cường", "Khám", "0")
    check(status == 400, "an amount of 0 is refused")

    a, b = app.invoice(1), app.invoice(2)
    ref_a, ref_b = vietqr.make_reference(PREFIX, 1), vietqr.make_reference(PREFIX, 2)
    check(a["reference"] == ref_a and b["reference"] == ref_b,
          "references %s and %s (make_reference of the invoice numbers)" % (ref_a, ref_b))
    info = vietqr.read_vietqr(vietqr.Payload.parse(a["payload"]))
    check(info.amount_minor == 1250000 and info.bin == "970436" and
          info.account == "0011001234567", "invoice 1's payload: 1,250,000 VND to VCB 0011001234567")
    check(info.bill_number == ref_a and info.purpose == ref_a + " Vien phi NT",
          "62.01 is the reference and 62.08 starts with it: %r" % info.purpose)
    check(a["state"] == "unpaid" and a["received"] == 0, "invoice 1 starts unpaid")

    # --- the page, as a browser shows it; its QR read back from the screenshot ---
    shot = os.path.join(tmp, "invoice-1.png")
    r = chromium(tmp, app.base + "/invoices/1", "--screenshot=" + shot)
    check(r.returncode == 0 and os.path.exists(shot), "Chromium took a screenshot of /invoices/1")
    z = subprocess.run([ZBARIMG, "--raw", "-q", shot], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, env=tool_env())
    decoded = z.stdout.decode("utf-8", "replace").strip()
    check(decoded == a["payload"],
          "zbarimg reads the screenshot's QR as invoice 1's payload (%d bytes)" % len(decoded))
    state = page_state(tmp, app, 1, browser=False)
    check(state == ("unpaid", "Chưa thanh toán"), "the page says unpaid: %r" % (state,))
    status, headers, png = app.request("GET", "/invoices/2/qr.png")
    qr_png = os.path.join(tmp, "qr-2.png")
    with open(qr_png, "wb") as f:
        f.write(png)
    z = subprocess.run([ZBARIMG, "--raw", "-q", qr_png], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, env=tool_env())
    check(status == 200 and z.stdout.decode().strip() == b["payload"],
          "/invoices/2/qr.png decodes to invoice 2's payload")

    # --- webhooks ---
    # The payer's bank rewrote the purpose: trace prefix, lower case,
    # dashes, spaces removed, sender and receiver appended.
    memo = ("MBVCB.3278907687.%s-%s-%svienphint.CT tu 0011004123456 NGUYEN VAN AN toi "
            "0011001234567 BENH VIEN DA KHOA TINH" % (ref_a[:4].lower(), ref_a[4:10],
                                                     ref_a[10:].lower()))
    ev = sepay(92704, memo, 1250000, "2026-12-02 09:14:37")
    status, out = app.hook("sepay", ev, key="wrong")
    check(status == 401 and out["success"] is False, "a wrong API key: 401")
    status, out = app.hook("sepay", ev, key=None)
    check(status == 401, "no API key: 401")
    check(app.invoice(1)["received"] == 0, "nothing recorded without the key")

    status, out = app.hook("sepay", ev)
    res = out["results"][0] if out.get("results") else {}
    check(status == 200 and out["success"] is True and res.get("status") == "paid" and
          res.get("invoice") == 1 and res.get("reference") == ref_a,
          "SePay event 92704 pays invoice 1: %r" % (out,))
    state = page_state(tmp, app, 1)
    check(state == ("paid", "Đã thanh toán"), "the page turned to paid: %r" % (state,))

    status, out = app.hook("sepay", ev)
    res = out["results"][0] if out.get("results") else {}
    check(status == 200 and res.get("status") == "duplicate" and res.get("delivered_before")
          and res.get("first_status") == "paid",
          "the identical event again is reported as a duplicate: %r" % (out,))
    check(app.invoice(1)["received"] == 1250000, "and counted once (received 1,250,000)")

    changed = dict(ev, transferAmount=2500000)
    status, out = app.hook("sepay", changed)
    check(status == 409 and out["success"] is False,
          "the same transaction ID with another amount: 409, nothing recorded")

    # A forged event: invoice 2's reference with another check character.
    wrong = next(c for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != ref_b[-1])
    forged = sepay(92705, "IBFT %s%s Xet nghiem FT24123456789" % (ref_b[:-1], wrong), 300000,
                   "2026-12-02 09:20:00")
    status, out = app.hook("sepay", forged)
    res = out["results"][0] if out.get("results") else {}
    check(status == 200 and res.get("status") == "no_reference" and res.get("invoice") is None,
          "a forged reference (bad check characters) is no_reference: %r" % (out,))
    # And one with two digits of the number swapped.
    swapped = ref_b[:8] + ref_b[9] + ref_b[8] + ref_b[10:]
    status, out = app.hook("sepay", sepay(92706, swapped, 300000, "2026-12-02 09:21:00"))
    check(out["results"][0]["status"] == "no_reference",
          "two swapped digits (%s) are no_reference" % swapped)
    check(app.invoice(2)["received"] == 0 and app.invoice(2)["state"] == "unpaid",
          "invoice 2 unchanged by the forged events")
    state = page_state(tmp, app, 2)
    check(state == ("unpaid", "Chưa thanh toán"), "invoice 2's page still says unpaid")

    # Casso: a body with a list; a part payment, a debit, an unknown reference.
    casso = {"error": 0, "data": [
        {"id": 1001, "tid": "FT24123456789", "description": "%s xet nghiem" % ref_b.lower(),
         "amount": 100000, "cusum_balance": 5000000, "when": "2026-12-02 10:00:00",
         "bank_sub_acc_id": "0011001234567"},
        {"id": 1002, "tid": "FT24123456790", "description": "Phi quan ly tai khoan",
         "amount": -11000, "when": "2026-12-02 10:05:00"},
        {"id": 1003, "tid": "FT24123456791", "description": vietqr.make_reference(PREFIX, 999),
         "amount": 50000, "when": "2026-12-02 10:06:00"},
    ]}
    status, out = app.hook("casso", casso)
    got = [r["status"] for r in out.get("results", [])]
    check(status == 200 and got == ["underpaid", "debit", "unknown_reference"],
          "Casso body: underpaid, debit, unknown_reference: %r" % (got,))
    b = app.invoice(2)
    check(b["state"] == "underpaid" and b["outstanding"] == 200000,
          "invoice 2 underpaid, 200,000 outstanding")
    state = page_state(tmp, app, 2, browser=False)
    check(state == ("underpaid", "Đã nhận một phần: còn thiếu 200.000 đ"),
          "invoice 2's page shows what is outstanding: %r" % (state,))

    # The rest, in one transfer with another invoice's reference too: left
    # for a person.
    status, out = app.hook("sepay", sepay(92707, "%s %s" % (ref_a, ref_b), 200000,
                                          "2026-12-02 11:00:00"))
    check(out["results"][0]["status"] == "multiple_references" and
          app.invoice(2)["received"] == 100000,
          "two references in one transfer: multiple_references, nothing counted")
    # A second payment (another transaction) of invoice 1: money to give back.
    status, out = app.hook("sepay", sepay(92708, "IBFT " + ref_a, 1250000, "2026-12-02 11:30:00"))
    check(out["results"][0]["status"] == "duplicate" and app.invoice(1)["state"] == "overpaid",
          "a second transaction for paid invoice 1: duplicate, shown as money to give back")
    state = page_state(tmp, app, 1, browser=False)
    check(state == ("overpaid", "Đã thanh toán (thừa tiền): cần hoàn lại 1.250.000 đ"),
          "invoice 1's page says what to give back: %r" % (state,))
    status, out = app.hook("sepay", sepay(92709, ref_b, 200000, "2026-12-02 12:00:00",
                                          kind="out"))
    check(out["results"][0]["status"] == "debit" and app.invoice(2)["received"] == 100000,
          "an outgoing SePay transfer naming invoice 2 is a debit and counts nothing")
    status, out = app.hook("sepay", sepay(92710, ref_b, 200000, "2026-12-02 12:30:00"))
    check(out["results"][0]["status"] == "paid" and app.invoice(2)["state"] == "paid",
          "the rest of invoice 2 pays it")

    # Bad bodies.
    status, out = app.hook("sepay", b"{not json")
    check(status == 400 and out["success"] is False, "a body that is not JSON: 400")
    status, out = app.hook("casso", {"error": 0, "data": "x"})
    check(status == 400, "a Casso body without a list: 400")
    status, out = app.hook("sepay", {"id": 1, "content": "x", "transferType": "sideways",
                                     "transferAmount": 1, "transactionDate": "2026-12-02"})
    check(status == 400, "transferType other than in/out: 400")

    # --- the cashier's lists ---
    status, _, body = app.request("GET", "/transactions")
    page = body.decode("utf-8")
    got = re.findall(r'<tr data-status="(\w+)">', page)
    check(status == 200 and sorted(got) == sorted(
        ["underpaid", "debit", "unknown_reference", "paid", "no_reference", "no_reference",
         "multiple_references", "duplicate", "debit", "paid"]),
        "/transactions lists the ten transactions with their statuses: %r" % got)
    status, _, body = app.request("GET", "/")
    page = body.decode("utf-8")
    check(status == 200 and ref_a in page and ref_b in page and "Đã thanh toán" in page,
          "/ lists both invoices with their state")

    # --- the database, read directly ---
    conn = sqlite3.connect(app.db)
    rows = conn.execute("SELECT source, id, status, invoice_id, amount FROM bank_transaction "
                        "ORDER BY source, CAST(id AS INTEGER)").fetchall()
    want = [("casso", "1001", "underpaid", 2, 100000), ("casso", "1002", "debit", None, -11000),
            ("casso", "1003", "unknown_reference", None, 50000),
            ("sepay", "92704", "paid", 1, 1250000), ("sepay", "92705", "no_reference", None, 300000),
            ("sepay", "92706", "no_reference", None, 300000),
            ("sepay", "92707", "multiple_references", None, 200000),
            ("sepay", "92708", "duplicate", 1, 1250000), ("sepay", "92709", "debit", None, -200000),
            ("sepay", "92710", "paid", 2, 200000)]
    check(rows == want, "bank_transaction holds each transaction once with its status: %r" % rows)
    inv = conn.execute("SELECT id, reference, amount, received FROM invoice ORDER BY id").fetchall()
    check(inv == [(1, ref_a, 1250000, 2500000), (2, ref_b, 300000, 300000)],
          "invoice rows: %r" % inv)
    conn.close()


if __name__ == "__main__":
    sys.exit(main())
