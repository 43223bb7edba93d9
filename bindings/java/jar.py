#!/usr/bin/env python3
"""Builds the Java binding's jars with the JDK's own tools (javac, jar,
javadoc); meson runs it (bindings/java/src/meson.build).

  jar.py classes OUT.jar --version V [--jni LIB] [--cp CP] [--javac-release N] SOURCES...
      compiles SOURCES (javac -Xlint:all -Werror) and writes OUT.jar with a
      manifest (Automatic-Module-Name: vn.vietqr, Implementation-Version)
      and, with --jni, the JNI library as the resource
      vn/vietqr/native/<os>-<arch>/libvietqr_jni.so beside its SHA-256
      (vn/vietqr/Native.java extracts, checks and loads it).
  jar.py sources OUT.jar --version V --root DIR SOURCES...
      the sources jar (paths relative to DIR).
  jar.py javadoc OUT.jar --version V --root DIR SOURCES...
      the Javadoc jar; any javadoc warning fails (-Xdoclint:all,-missing
      -Xwerror).

Every jar's entries have a fixed time, so the same input makes the same
bytes.
"""

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)
MODULE = "vn.vietqr"


def native_dir() -> str:
    """<os>-<arch> as Native.java computes it for this machine."""
    machine = platform.machine().lower()
    arch = {"amd64": "x86_64", "x86_64": "x86_64", "aarch64": "aarch64",
            "arm64": "aarch64"}.get(machine, machine)
    return "%s-%s" % (platform.system().lower(), arch)


def manifest(version: str, title: str) -> bytes:
    lines = ["Manifest-Version: 1.0",
             "Created-By: libvietqr " + version,
             "Automatic-Module-Name: " + MODULE,
             "Implementation-Title: " + title,
             "Implementation-Version: " + version,
             "Implementation-Vendor: libvietqr",
             "Specification-Title: libvietqr Java binding",
             "Specification-Version: " + version]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def write_jar(out: str, entries, version: str, title: str) -> None:
    """entries: (name in the jar, bytes), written after the manifest in
    name order, directories included, each with a fixed time."""
    tmp = out + ".tmp"
    names = dict(entries)
    dirs = set()
    for name in names:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]) + "/")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("META-INF/", b""), ("META-INF/MANIFEST.MF", manifest(version, title))] \
                + [(d, b"") for d in sorted(dirs - {"META-INF/"})] \
                + sorted(names.items()):
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED if data else zipfile.ZIP_STORED
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, out)


def tree(root: str):
    for base, _dirs, files in os.walk(root):
        for f in files:
            path = os.path.join(base, f)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            with open(path, "rb") as fh:
                yield rel, fh.read()


def run(cmd) -> None:
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0 or r.stdout.strip():
        sys.stdout.write(r.stdout)
    if r.returncode != 0:
        sys.exit("%s failed (exit %d)" % (cmd[0], r.returncode))


def classes(a) -> None:
    with tempfile.TemporaryDirectory(prefix="vietqr-jar-") as tmp:
        out = os.path.join(tmp, "classes")
        cmd = [a.javac, "--release", a.javac_release, "-Xlint:all", "-Werror", "-encoding",
               "UTF-8", "-d", out]
        if a.cp:
            cmd += ["-cp", a.cp]
        run(cmd + a.sources)
        entries = list(tree(out))
        if a.jni:
            with open(a.jni, "rb") as fh:
                lib = fh.read()
            where = "vn/vietqr/native/%s/libvietqr_jni.so" % native_dir()
            entries.append((where, lib))
            entries.append((where + ".sha256", (hashlib.sha256(lib).hexdigest() + "\n").encode()))
        write_jar(a.out, entries, a.version, a.title)


def sources(a) -> None:
    entries = []
    for s in a.sources:
        with open(s, "rb") as fh:
            entries.append((os.path.relpath(s, a.root).replace(os.sep, "/"), fh.read()))
    write_jar(a.out, entries, a.version, a.title + " (sources)")


def javadoc(a) -> None:
    with tempfile.TemporaryDirectory(prefix="vietqr-javadoc-") as tmp:
        out = os.path.join(tmp, "doc")
        run([a.javadoc, "-quiet", "-Xdoclint:all,-missing", "-Xwerror", "-encoding", "UTF-8",
             "-docencoding", "UTF-8", "-charset", "UTF-8", "--release", a.javac_release,
             "-notimestamp", "-doctitle", "libvietqr %s: the Java binding" % a.version,
             "-windowtitle", "libvietqr " + a.version, "-d", out] + a.sources)
        write_jar(a.out, list(tree(out)), a.version, a.title + " (Javadoc)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("mode", choices=["classes", "sources", "javadoc"])
    p.add_argument("out")
    p.add_argument("--version", required=True)
    p.add_argument("--title", default="libvietqr Java binding")
    p.add_argument("--jni")
    p.add_argument("--cp")
    p.add_argument("--root")
    p.add_argument("--javac", default=shutil.which("javac") or "javac")
    p.add_argument("--javadoc", default=shutil.which("javadoc") or "javadoc")
    p.add_argument("--javac-release", default="11")
    p.add_argument("sources", nargs="+")
    a = p.parse_args()
    {"classes": classes, "sources": sources, "javadoc": javadoc}[a.mode](a)


if __name__ == "__main__":
    main()
