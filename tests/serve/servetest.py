"""Helpers of the `vietqr serve` suites: the service started on a free
loopback port and stopped at the end, HTTP through urllib and curl, and
images read back by zbarimg. Python 3 standard library only."""

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from clitest import Checker, command, sanitizer_check, sanitizer_env  # noqa: E402,F401

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
SOURCE_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def skip(why):
    """Exit 77: meson reports the suite as skipped, with the reason."""
    print("SKIP: %s" % why)
    sys.exit(77)


def need(*programs):
    for p in programs:
        if not shutil.which(p):
            skip("%s is not installed" % p)


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


class Service:
    """`vietqr serve` on 127.0.0.1 and a port the kernel picks, with its
    access log in a temporary directory."""

    def __init__(self, tool, *args, env=None):
        self.dir = tempfile.mkdtemp(prefix="vqr-serve-")
        self.ready = os.path.join(self.dir, "ready")
        self.log = os.path.join(self.dir, "access.log")
        self.stderr_path = os.path.join(self.dir, "stderr")
        argv = command(tool, ["serve", "--listen", "127.0.0.1:0", "--ready-file", self.ready,
                              "--access-log", self.log] + list(args))
        self.err = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=self.err,
                                     env=env or sanitizer_env())
        deadline = time.monotonic() + 30
        while not os.path.exists(self.ready):
            if self.proc.poll() is not None:
                raise RuntimeError("vietqr serve exited with %d: %s"
                                   % (self.proc.returncode, self.stderr()))
            if time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError("vietqr serve did not start: %s" % self.stderr())
            time.sleep(0.02)
        with open(self.ready) as f:
            self.addr = f.read().strip()
        self.host, port = self.addr.rsplit(":", 1)
        self.port = int(port)
        self.base = "http://%s" % self.addr

    def stderr(self):
        if not self.err.closed:
            self.err.flush()
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def events(self):
        """The JSON event lines the service wrote on stderr."""
        out = []
        for line in self.stderr().splitlines():
            if line.startswith("{"):
                out.append(json.loads(line))
        return out

    def access(self):
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self):
        """SIGTERM; returns the exit status (the service drains and exits 0)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        self.err.close()
        sanitizer_check(self.stderr(), ["serve"])
        return self.proc.returncode

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    # ---- HTTP -----------------------------------------------------------

    def request(self, method, path, body=None, headers=None, timeout=10):
        """urllib: returns (status, headers as a dict with lower-case keys,
        body bytes). 4xx answers are returned, not raised."""
        data = body
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            data = body.encode("utf-8")
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, body, headers=None):
        return self.request("POST", path, body=body, headers=headers)

    def curl(self, *args):
        """curl: returns (status, headers dict, body bytes)."""
        hdr = os.path.join(self.dir, "curl-headers")
        out = os.path.join(self.dir, "curl-body")
        p = subprocess.run(["curl", "-sS", "--path-as-is", "-D", hdr, "-o", out, "-w",
                            "%{http_code}"] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=30)
        if p.returncode != 0:
            raise RuntimeError("curl %r: %s" % (args, p.stderr.decode()))
        headers = {}
        with open(hdr, encoding="latin-1") as f:
            for line in f:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
        with open(out, "rb") as f:
            body = f.read()
        return int(p.stdout), headers, body


def decode_qr(data, suffix):
    """The payloads zbarimg reads in an image (bytes of a .png, .jpg or
    .svg; SVG is rasterised by rsvg-convert first)."""
    with tempfile.TemporaryDirectory(prefix="vqr-qr-") as d:
        path = os.path.join(d, "image" + suffix)
        with open(path, "wb") as f:
            f.write(data)
        if suffix == ".svg":
            png = os.path.join(d, "image.png")
            subprocess.run(["rsvg-convert", "-o", png, path], check=True, timeout=60)
            path = png
        p = subprocess.run(["zbarimg", "-q", "--raw", "-Sbinary", path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60)
        if p.returncode not in (0, 4):
            raise RuntimeError("zbarimg: %s" % p.stderr.decode())
        text = p.stdout.decode("utf-8")
        return [t for t in text.split("\n") if t] if p.returncode == 0 else []


def data_url_bytes(url, mime="image/png"):
    prefix = "data:%s;base64," % mime
    if not url.startswith(prefix):
        return None
    return base64.b64decode(url[len(prefix):], validate=True)


def image_size(data):
    """(width, height) of a PNG, JPEG or SVG document."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:2] == b"\xff\xd8":
        i = 2
        while i < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = int.from_bytes(data[i + 2:i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                return (int.from_bytes(data[i + 7:i + 9], "big"),
                        int.from_bytes(data[i + 5:i + 7], "big"))
            i += 2 + length
        return None
    text = data[:400].decode("utf-8", "replace")
    if text.startswith("<svg") or text.startswith("<?xml"):
        import re
        w = re.search(r'\swidth="([0-9.]+)(px)?"', text)
        h = re.search(r'\sheight="([0-9.]+)(px)?"', text)
        if w and h:
            return int(float(w.group(1))), int(float(h.group(1)))
    return None
