#!/usr/bin/env python3
"""compare.py - libvietqr beside the CRC yardsticks, the other libraries
that read and write VietQR (bench/peers) and its own bindings, in one run,
on one pinned core, on the corpus of bench/data (1,000 fee-run payloads and
the shared VietQR vectors). Prints a Markdown table of ns per payload and
the ratios the speed goals are stated in.

Each participant runs in its own fresh process, pinned with taskset to the
same core; the whole set runs --repeat times, interleaved, and each
operation keeps its fastest round over all of them (the round least
disturbed by other work on the machine); the median round is printed
beside it. Every participant checks its results on every row before it is
timed and is left out, loudly, when it gets one wrong.

    bench/compare.py [--build DIR] [--cpu N] [--repeat K] [--rounds R]
                     [--no-peers] [--no-bindings] [--markdown FILE] [--readme]

The peers need their pinned packages installed once (nothing is ever
downloaded by the build or by this script): cd bench/peers && npm ci.
Without them the peer columns are left out with a message.
"""
import argparse
import atexit
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "data", "vietqr-corpus.tsv")
PEERS = ["vietnam-qr-pay", "promptparse"]

LABELS = {
    "crc_bytewise": "byte-wise table CRC-16 pass (yardstick)",
    "crc_slice8": "slice-by-8 CRC-16 pass",
    "crc_lib": "libvietqr's own CRC-16 (vqr_crc_check: carry-less multiplication)",
    "tlv_crc": "fields copied into TLV + byte-wise CRC",
    "parse": "… of which vqr_payload_parse (every rule, CRC checked)",
    "view": "… vqr_vietqr_read alone (payload already parsed)",
    "parse_general": "vqr_payload_parse by the general path (VQR_PARSE_VIETQR named)",
    "read": "vqr_payload_parse + vqr_vietqr_read",
    "read_get": "vqr_payload_parse + vqr_payload_get ×4",
    "write": "vqr_vietqr_write (with its report)",
    "py/read": "Python Payload.parse(p).vietqr()",
    "py/write": "Python write_vietqr(...)",
    "java/read": "Java Payload.parse(p).vietqr()",
    "java/write": "Java new VietQRBuilder()…write()",
}


def cpu_busy():
    """(busy, total) jiffies of the whole machine so far."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return sum(v) - idle, sum(v)


def run(cmd, cpu, env=None):
    """Runs cmd pinned; returns (exit code, stdout, stderr)."""
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cpu)] + cmd
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


def parse_ops(out):
    ops = {}
    for line in out.splitlines():
        f = line.split("\t")
        if f[0] == "op" and len(f) >= 4:
            ops[f[1]] = (float(f[2]), float(f[3]))
    return ops


def keep_best(best, ops):
    for k, (fast, med) in ops.items():
        if k not in best or fast < best[k][0]:
            best[k] = (fast, med if k not in best else min(med, best[k][1]))
        else:
            best[k] = (best[k][0], min(med, best[k][1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--cpu", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-bindings", action="store_true")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--readme", action="store_true",
                    help="also put the table into README.md's performance section, between "
                         "its two compare.py markers")
    a = ap.parse_args()
    a.build = os.path.abspath(a.build)

    bench = os.path.join(a.build, "bench", "bench_compare")
    if not os.access(bench, os.X_OK):
        sys.exit("compare.py: %s not built (meson setup --buildtype=release; ninja)" % bench)

    notes = []
    participants = [("C", [bench, "--rounds", str(a.rounds), CORPUS], None)]
    node = shutil.which("node")
    peers_dir = os.path.join(HERE, "peers")
    if a.no_peers:
        notes.append("peers left out (--no-peers)")
    elif not node:
        notes.append("peers left out: node is not installed (apt-get install nodejs npm)")
    elif not os.path.isdir(os.path.join(peers_dir, "node_modules")):
        notes.append("peers left out: their packages are not installed "
                     "(cd bench/peers && npm ci; versions pinned in package-lock.json)")
    else:
        for peer in PEERS:
            for op in ("read", "write"):
                participants.append(("%s/%s" % (peer, op),
                                     [node, os.path.join(peers_dir, "peers.js"), peer, op, CORPUS,
                                      str(a.rounds)], None))
    if not a.no_bindings:
        participants += bindings(a, notes)

    load0 = os.getloadavg()
    busy0 = cpu_busy()
    t0 = time.time()
    best = {}
    failed = set()
    for rep in range(a.repeat):
        for name, cmd, env in participants:
            if name in failed:
                continue
            rc, out, err = run(cmd, a.cpu, env)
            if rc != 0:
                failed.add(name)
                lines = [x for x in err.strip().splitlines() if x.strip()]
                first = [x for x in lines if "Error" in x or "Exception" in x or "wrong" in x]
                msg = (first or lines or ["exit %d" % rc])[0].strip()
                notes.append("%s left out: %s" % (name, msg))
                continue
            keep_best(best, parse_ops(out))
    busy1 = cpu_busy()
    load1 = os.getloadavg()
    if "crc_bytewise" not in best or "read" not in best:
        print("\n".join(notes), file=sys.stderr)
        sys.exit("compare.py: the C benchmark did not run")

    rc, out, _ = run([bench, "--memory", CORPUS], a.cpu)
    mem = {}
    for line in out.splitlines():
        f = line.split("\t")
        if f[0] == "mem":
            mem[f[1]] = [int(x) for x in f[2:]]

    lines = table(best, mem, a, load0, load1, busy0, busy1, time.time() - t0, notes)
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(text)
    if a.readme:
        readme = os.path.join(ROOT, "README.md")
        with open(readme, encoding="utf-8") as f:
            doc = f.read()
        start = "<!-- bench/compare.py --readme writes from here -->\n"
        end = "<!-- to here -->"
        if start not in doc or end not in doc.split(start, 1)[1]:
            sys.exit("compare.py: README.md has no compare.py markers")
        head, rest = doc.split(start, 1)
        with open(readme, "w", encoding="utf-8") as f:
            f.write(head + start + text + rest[rest.index(end):])


def bindings(a, notes):
    """Python and Java participants, when the build has them."""
    out = []
    env = dict(os.environ)
    env["VIETQR_LIB"] = os.path.join(a.build, "lib", "libvietqr.so")
    # The binding's C speedups (bindings/python/vietqr/_speedups.c), as a
    # wheel or an install carries them; without them, ctypes alone.
    speedups = glob.glob(os.path.join(a.build, "bindings", "python", "_speedups*.so"))
    if speedups:
        env["VIETQR_SPEEDUPS"] = speedups[0]
    else:
        env["VIETQR_SPEEDUPS"] = "off"
        notes.append("Python runs on ctypes alone: the build has no C speedups "
                     "(python3-dev, -Dbindings=enabled)")
    # A Python pass over the corpus takes some 100 times a C one: fewer rounds.
    out.append(("py", [sys.executable, os.path.join(HERE, "bindings_py.py"), CORPUS,
                       str(max(5, a.rounds // 10))], env))
    jar = os.path.join(a.build, "bindings", "java", "src", "vietqr.jar")
    jni = os.path.join(a.build, "bindings", "libvietqr_jni.so")
    if not (os.path.exists(jar) and os.path.exists(jni)):
        notes.append("Java left out: the build has no Java binding (a JDK, -Dbindings=enabled)")
        return out
    if not (shutil.which("javac") and shutil.which("java")):
        notes.append("Java left out: javac or java is not installed")
        return out
    classes = tempfile.mkdtemp(prefix="vqr-bench-java-")
    atexit.register(shutil.rmtree, classes, True)
    p = subprocess.run(["javac", "--release", "11", "-cp", jar, "-d", classes,
                        os.path.join(HERE, "BindingsBench.java")], capture_output=True, text=True)
    if p.returncode != 0:
        notes.append("Java left out: BindingsBench.java does not compile: " + p.stderr.strip())
        return out
    out.append(("java", ["java", "-Dvietqr.jni.library=" + jni, "-cp", jar + ":" + classes,
                         "BindingsBench", CORPUS, str(a.rounds)], env))
    return out


def fmt(x):
    return "{:,.0f}".format(x) if x >= 100 else "{:.1f}".format(x)


def table(best, mem, a, load0, load1, busy0, busy1, secs, notes):
    crc = best["crc_bytewise"][0]
    peer_read = {k: v for k, v in best.items() if k.endswith("/read") and k.split("/")[0] in PEERS}
    peer_write = {k: v for k, v in best.items() if k.endswith("/write") and k.split("/")[0] in PEERS}
    fastest_read = min(peer_read.items(), key=lambda kv: kv[1][0]) if peer_read else None
    fastest_write = min(peer_write.items(), key=lambda kv: kv[1][0]) if peer_write else None

    def row(name, label, peer):
        fast, med = best[name]
        ratio = "{:.2f}×".format(fast / crc)
        vs = ""
        if peer and name not in ("parse", "view", "parse_general"):
            vs = "{:.1f}×".format(peer[1][0] / fast)
        return "| %s | %s | %s | %s | %s |" % (label, fmt(fast), fmt(med), ratio, vs)

    busy = 100.0 * (busy1[0] - busy0[0]) / max(1, busy1[1] - busy0[1])
    with open(CORPUS) as f:
        rows = sum(1 for _ in f) - 1
    out = []
    out.append("%d payloads (bench/data/vietqr-corpus.tsv, %.0f bytes on average), every field "
               "checked before timing; one core (taskset -c %d); CPU time per payload, fastest "
               "of %d rounds × %d runs (median round beside it)."
               % (rows, mean_len(), a.cpu, a.rounds, a.repeat))
    out.append("Machine: %d CPUs, load average %.1f → %.1f, all CPUs %.0f%% busy during the %.0f s run."
               % (os.cpu_count(), load0[0], load1[0], busy, secs))
    out.append("")
    out.append("| operation | ns/payload | median | × CRC pass | fastest peer ÷ this |")
    out.append("| --- | ---: | ---: | ---: | ---: |")
    for k in ("crc_bytewise", "crc_slice8", "crc_lib", "tlv_crc"):
        if k in best:
            out.append(row(k, LABELS[k], None))
    out.append("| **read**: payload → bin, account, amount, purpose (CRC checked) | | | | |")
    for k in ("read", "parse", "view", "read_get", "parse_general", "py/read", "java/read"):
        if k in best:
            out.append(row(k, LABELS[k], fastest_read))
    for k in sorted(peer_read):
        out.append(row(k, k.replace("/read", " (Node %s)" % node_version()), fastest_read))
    out.append("| **write**: fields → payload | | | | |")
    for k in ("write", "py/write", "java/write"):
        if k in best:
            out.append(row(k, LABELS[k], fastest_write))
    for k in sorted(peer_write):
        out.append(row(k, k.replace("/write", " (Node %s)" % node_version()), fastest_write))
    out.append("")
    r = best["read"][0] / crc
    w = best["write"][0] / crc if "write" in best else float("nan")
    goals = ["read ≤ 0.8× CRC pass: %.2f× (%s)" % (r, "met" if r <= 0.8 else "not met"),
             "write ≤ 0.7× CRC pass: %.2f× (%s)" % (w, "met" if w <= 0.7 else "not met")]
    if fastest_read:
        x = fastest_read[1][0] / best["read"][0]
        goals.append("read ≥ 10× fastest peer: %.1f× (%s)" % (x, "met" if x >= 10 else "not met"))
    if fastest_write:
        x = fastest_write[1][0] / best["write"][0]
        goals.append("write ≥ 10× fastest peer: %.1f× (%s)" % (x, "met" if x >= 10 else "not met"))
    for k, limit in (("py/read", 3000), ("py/write", 3000), ("java/read", 1000), ("java/write", 1000)):
        if k in best:
            goals.append("%s ≤ %s ns: %s (%s)" % (k, fmt(limit), fmt(best[k][0]),
                                                 "met" if best[k][0] <= limit else "not met"))
    out.append("Goals: " + "; ".join(goals) + ".")
    if mem:
        out.append("")
        out.append("| per call | stack high-water mark | vqr_payload written | vqr_vietqr_info written |")
        out.append("| --- | ---: | ---: | ---: |")
        for k in ("read", "read_get", "write"):
            if k in mem:
                s, l1, p1, l2, p2 = mem[k]
                info = "%d lines (%d B), %d pages" % (l2, l2 * 64, p2) if k == "read" else ""
                pay = "%d lines (%d B), %d pages" % (l1, l1 * 64, p1) if k != "write" else ""
                out.append("| %s | %s B | %s | %s |" % (LABELS[k], "{:,}".format(s), pay, info))
    if "py/read" in best:
        notes.insert(0, "Python runs a tenth of the rounds (%d): a pass over the corpus takes "
                     "about ten times as long." % max(5, a.rounds // 10))
    if "py/read" in best or "java/read" in best:
        notes.append("The bindings are compared with the Node peers: no pure-Python or "
                     "pure-Java library that reads or writes VietQR or EMVCo payloads is "
                     "packaged in Debian 12 (apt-cache search vietqr, emvco, napas, promptpay: "
                     "nothing), and PyPI and Maven Central are out of reach here.")
    for n in notes:
        out.append("")
        out.append("Note: " + n)
    return out


def mean_len():
    with open(CORPUS) as f:
        lens = [len(line.split("\t")[0].encode()) for line in f.read().split("\n")[1:] if line]
    return sum(lens) / len(lens)


_NODE = None


def node_version():
    global _NODE
    if _NODE is None:
        try:
            _NODE = subprocess.run(["node", "--version"], capture_output=True,
                                   text=True).stdout.strip()
        except OSError:
            _NODE = "?"
    return _NODE


if __name__ == "__main__":
    main()
