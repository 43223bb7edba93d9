#!/usr/bin/env python3
"""contrib/vietqr-serve.service: the sandboxing the service is meant to
run under is there, and systemd accepts the unit (systemd-analyze verify,
with ExecStart pointing at the built tool) and rates its exposure as low.

Usage: test_unit.py VIETQR_TOOL
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

from servetest import Checker, SOURCE_ROOT

REQUIRED = {
    "DynamicUser": "yes",
    "ProtectSystem": "strict",
    "NoNewPrivileges": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "CapabilityBoundingSet": "",
    "Type": "notify",
    "ExecReload": "/bin/kill -HUP $MAINPID",
}


def main():
    tool = os.path.abspath(sys.argv[1])
    c = Checker("serve-unit")
    path = os.path.join(SOURCE_ROOT, "contrib", "vietqr-serve.service")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    settings = {}
    for line in re.sub(r"\\\n", " ", text).splitlines():
        if "=" in line and not line.startswith("#"):
            k, v = line.split("=", 1)
            settings.setdefault(k.strip(), v.strip())
    for k, v in REQUIRED.items():
        c.eq(settings.get(k), v, "unit: %s" % k)
    c.check("--listen 127.0.0.1:8080" in settings.get("ExecStart", ""), "unit: loopback")
    if not shutil.which("systemd-analyze"):
        print("systemd-analyze is not installed: the unit is not verified by systemd")
        c.done()
    with tempfile.TemporaryDirectory() as d:
        unit = os.path.join(d, "vietqr-serve.service")
        with open(unit, "w", encoding="utf-8") as f:
            f.write(text.replace("/usr/bin/vietqr", tool))
        p = subprocess.run(["systemd-analyze", "verify", unit], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        c.eq((p.returncode, p.stderr.decode()), (0, ""), "systemd-analyze verify")
        p = subprocess.run(["systemd-analyze", "security", "--offline=yes", unit],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", p.stdout.decode())
        if m:
            c.check(float(m.group(1)) <= 2.0, "systemd-analyze security: exposure %s <= 2.0"
                    % m.group(1))
        else:
            print("systemd-analyze security --offline is not available here")
    c.done()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main()
