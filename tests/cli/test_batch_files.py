#!/usr/bin/env python3
"""`vietqr batch`, the file side: what the batch writes into its output
directory can never be redirected, lost or misread.

 - kill -9 during a rerun with changed input, several times over: after
   each kill every record of manifest.csv names a file whose SHA-256 is the
   recorded one, and leftover temporary files have unpredictable names; the
   next run removes them, says what it repaired, and ends with exactly the
   output of a clean run;
 - the same when the drawing options change;
 - a full disk (a small tmpfs, root only): the run stops with a clear error,
   the manifest and the images agree, nothing temporary is left, and a rerun
   once there is room finishes and says what it repaired;
 - a second batch into a directory in use fails at once, and the first one
   is unharmed;
 - leftovers of a killed run are removed at the start, symbolic links among
   them never followed;
 - a tampered manifest (a row number of 99999999, a row twice, a broken
   SHA-256, a path outside the directory, garbage) is read back bounded:
   records are left out with a message, no large allocation is made;
 - images of rows the input no longer makes are removed, anything else in
   the directory is left alone.

Usage: test_batch_files.py PATH/TO/vietqr [full-disk]

With "full-disk" only that check runs; it needs root (mount -t tmpfs) and
otherwise exits 77 saying why. VQR_BATCH_ROWS scales the rows of the long
runs (default 10000: the killed runs have 1,500 rows; at 300, 200).
"""

import csv
import fcntl
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from clitest import Checker, command, run, sanitizer_check, sanitizer_env

ROWS = int(os.environ.get("VQR_BATCH_ROWS", "10000"))
# Two chunks (1024 rows) and more, to reach the checkpoints between them.
KILL_ROWS = max(200, min(1500, ROWS // 5))
LEFTOVER = re.compile(r"^(manifest\.csv|rejects\.csv|batch\.json|[A-Za-z0-9_-][A-Za-z0-9._-]*"
                      r"\.(png|svg))\.[0-9a-f]{16}\.tmp$")


def generate(path, rows, base, extra=""):
    """Good rows only; `base` changes every amount, so every image."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["bank", "account", "amount", "purpose"])
        for r in range(1, rows + 1):
            w.writerow(["VCB", "%010d" % (5000000 + r), str(base + r * 1000),
                        "Hoc phi %s%d" % (extra, r)])


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_manifest(out):
    with open(os.path.join(out, "manifest.csv"), newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def consistent(c, out, what):
    """Every record names a file with its SHA-256; temporary files are the
    atomic writer's. Returns (records, leftovers)."""
    man = read_manifest(out)
    c.eq(man[0], ["row", "file", "payload", "crc", "sha256"], what + ": manifest header")
    bad = []
    for rec in man[1:]:
        path = os.path.join(out, rec[1])
        if not os.path.isfile(path) or sha256(path) != rec[4]:
            bad.append(rec[0])
    c.eq(bad[:5], [], what + ": every record matches its image (%d records)" % (len(man) - 1))
    tmps = [n for n in os.listdir(out) if n.endswith(".tmp")]
    c.eq([n for n in tmps if not LEFTOVER.match(n)], [], what + ": temporary names")
    return len(man) - 1, tmps


def listing(out):
    return {n: sha256(os.path.join(out, n)) for n in sorted(os.listdir(out))
            if n != "batch.json"}


def start(tool, args):
    return subprocess.Popen(command(tool, args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=sanitizer_env())


def kill_after_first_write(p, out, delay):
    """Kills p (SIGKILL) `delay` seconds after it first replaces or adds a
    file in `out`. Returns whether the kill landed in an unfinished run."""
    # The run is already writing: a temporary file listed here may be
    # renamed before it is looked at, so a name that is gone is skipped.
    before = {}
    for n in os.listdir(out):
        try:
            before[n] = os.stat(os.path.join(out, n)).st_ino
        except FileNotFoundError:
            pass
    deadline = time.monotonic() + 600
    while p.poll() is None and time.monotonic() < deadline:
        try:
            names = os.listdir(out)
        except OSError:
            names = []
        changed = False
        for n in names:
            try:
                if n.endswith(".png") and before.get(n) != os.stat(os.path.join(out, n)).st_ino:
                    changed = True
                    break
            except OSError:
                pass
        if changed:
            break
        time.sleep(0.002)
    time.sleep(delay)
    alive = p.poll() is None
    if alive:
        p.send_signal(signal.SIGKILL)
    _, err = p.communicate(timeout=600)
    sanitizer_check(err.decode("utf-8", "replace"), ["batch (killed)"])
    # A run killed while it exits has already recorded that it finished:
    # the kill landed only if batch.json still says the run is not complete.
    try:
        done = read_json(os.path.join(out, "batch.json")).get("complete") is True
    except (OSError, ValueError):
        done = False
    return alive and not done


def clean_run(c, tool, src, work, name, extra_args=()):
    ref = os.path.join(work, name)
    shutil.rmtree(ref, ignore_errors=True)
    rc, _, err = run(tool, ["batch", src, "--out", ref, "-q"] + list(extra_args))
    c.eq(rc, 0, "clean run " + name + ": " + err)
    return ref


def same_as(c, out, ref, what):
    with open(os.path.join(out, "manifest.csv"), "rb") as a, \
            open(os.path.join(ref, "manifest.csv"), "rb") as b:
        c.check(a.read() == b.read(), what + ": the manifest of a clean run")
    c.check(listing(out) == listing(ref), what + ": the files of a clean run, byte for byte")


def check_kill(c, tool, work, extra_args=(), label="kill -9"):
    a = os.path.join(work, "a.csv")
    b = os.path.join(work, "b.csv")
    generate(a, KILL_ROWS, 100000)
    generate(b, KILL_ROWS, 200000)
    out = os.path.join(work, "killed")
    shutil.rmtree(out, ignore_errors=True)
    rc, _, _ = run(tool, ["batch", a, "--out", out, "-q"])
    c.eq(rc, 0, label + ": first run")
    args = ["batch", b, "--out", out, "-q"] + list(extra_args)
    landed = 0
    leftovers = []
    last = False
    for i, delay in enumerate((0.0, 0.02, 0.1, 0.0, 0.3)):
        p = start(tool, args)
        last = kill_after_first_write(p, out, delay)
        landed += last
        n, leftovers = consistent(c, out, "%s %d" % (label, i + 1))
    # On a fast machine a run may finish before its kill; the runs after it
    # then have nothing to write. Until the last kill lands in a run that
    # writes: a's images back, then b killed as soon as it writes.
    tries = 0
    while not last and tries < 5:
        tries += 1
        rc, _, err = run(tool, ["batch", a, "--out", out, "-q"])
        c.eq(rc, 0, "%s: a's images back (%d): %s" % (label, tries, err))
        p = start(tool, args)
        last = kill_after_first_write(p, out, 0.0)
        landed += last
        n, leftovers = consistent(c, out, "%s, again %d" % (label, tries))
    c.check(last, "%s: the last kill landed while the run wrote (%d landed)" % (label, landed))
    j = read_json(os.path.join(out, "batch.json"))
    c.check(j.get("complete") is False,
            label + ": batch.json says the run did not finish: %r" % j.get("complete"))
    rc, _, err = run(tool, ["batch", b, "--out", out] + list(extra_args))
    c.eq(rc, 0, label + ": the rerun finishes")
    c.check("the last run did not finish; repaired:" in err, label + ": says so: " + err)
    j = read_json(os.path.join(out, "batch.json"))
    c.eq(j["repaired"]["temporary_files"], len(leftovers), label + ": leftovers removed")
    c.eq((j["complete"], j["rows"], j["written"] + j["skipped"], j["rejected"]),
         (True, KILL_ROWS, KILL_ROWS, 0), label + ": counts")
    consistent(c, out, label + " rerun")
    same_as(c, out, clean_run(c, tool, b, work, "clean-b", extra_args), label)


def check_full_disk(c, tool, work):
    if os.geteuid() != 0:
        print("SKIP: the full-disk check needs root to mount a small tmpfs")
        sys.exit(77)
    a = os.path.join(work, "full-a.csv")
    b = os.path.join(work, "full-b.csv")
    generate(a, 100, 100000)
    generate(b, 1800, 300000)
    # Room for the first run and about one and a half chunks (1024 rows) of
    # the second: it fills up while its second chunk is written, after it
    # has begun replacing images.
    ref = clean_run(c, tool, b, work, "clean-full")
    # What a file takes on a tmpfs: whole pages.
    page = os.sysconf("SC_PAGE_SIZE")
    per = sum(-(-os.path.getsize(os.path.join(ref, "%06d.png" % r)) // page) * page
              for r in range(1, 101)) / 100
    size_kb = int((100 + 1.6 * 1024) * per / 1024) + 256
    mnt = os.path.join(work, "small")
    os.mkdir(mnt)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dk" % size_kb, "tmpfs", mnt],
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        print("SKIP: the full-disk check cannot mount a tmpfs: %s" % p.stderr.decode().strip())
        sys.exit(77)
    try:
        out = os.path.join(mnt, "out")
        rc, _, err = run(tool, ["batch", a, "--out", out, "-q"])
        c.eq(rc, 0, "full disk: the first run fits: " + err)
        rc, _, err = run(tool, ["batch", b, "--out", out])
        c.eq(rc, 3, "full disk: exit 3")
        c.check("No space left on device" in err and "stopped at row" in err and
                "agree: run the same command again" in err, "full disk: the message: " + err)
        n, tmps = consistent(c, out, "full disk")
        c.eq(tmps, [], "full disk: nothing temporary left")
        c.check(0 < n < 1800, "full disk: the manifest holds the rows done (%d)" % n)
        c.eq(read_json(os.path.join(out, "batch.json"))["complete"], False,
             "full disk: batch.json says the run did not finish")
        subprocess.run(["mount", "-o", "remount,size=64m", mnt], check=True)
        rc, _, err = run(tool, ["batch", b, "--out", out])
        c.eq(rc, 0, "full disk: the rerun finishes once there is room")
        c.check("the last run did not finish; repaired:" in err, "full disk rerun: " + err)
        consistent(c, out, "full disk rerun")
        same_as(c, out, ref, "full disk")
    finally:
        subprocess.run(["umount", mnt])


def check_concurrent(c, tool, work):
    src = os.path.join(work, "long.csv")
    generate(src, KILL_ROWS, 400000)
    out = os.path.join(work, "busy")
    p = start(tool, ["batch", src, "--out", out, "-q", "--jobs", "1"])
    held = False
    deadline = time.monotonic() + 600
    while p.poll() is None and time.monotonic() < deadline and not held:
        try:
            fd = os.open(out, os.O_RDONLY)
        except OSError:
            time.sleep(0.002)
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
        except BlockingIOError:
            held = True
        os.close(fd)
        if not held:
            time.sleep(0.002)
    c.check(held, "concurrent: the first batch holds the directory's lock")
    if held:
        t0 = time.monotonic()
        rc, _, err = run(tool, ["batch", src, "--out", out], timeout=120)
        c.check(rc == 3 and "another vietqr batch is writing into %s" % out in err,
                "concurrent: the second batch fails: %d %r" % (rc, err))
        c.check(time.monotonic() - t0 < 60, "concurrent: at once")
    _, err = p.communicate(timeout=900)
    sanitizer_check(err.decode("utf-8", "replace"), ["batch"])
    c.eq(p.returncode, 0, "concurrent: the first batch finishes")
    consistent(c, out, "concurrent")
    same_as(c, out, clean_run(c, tool, src, work, "clean-long"), "concurrent")


def check_leftovers(c, tool, work):
    src = os.path.join(work, "small.csv")
    generate(src, 20, 500000)
    out = os.path.join(work, "left")
    rc, _, _ = run(tool, ["batch", src, "--out", out, "-q"])
    precious = os.path.join(work, "precious.txt")
    with open(precious, "w") as f:
        f.write("keep me\n")
    planted = ["manifest.csv.0123456789abcdef.tmp", "000001.png.fedcba9876543210.tmp",
               "batch.json.00000000000000aa.tmp"]
    os.symlink(precious, os.path.join(out, planted[0]))
    for n in planted[1:]:
        with open(os.path.join(out, n), "w") as f:
            f.write("half written")
    mine = ["notes.tmp", "000001.png.tmp", "manifest.csv.123.tmp", "x.0123456789abcdef.tmp"]
    for n in mine:
        with open(os.path.join(out, n), "w") as f:
            f.write("the user's")
    rc, _, err = run(tool, ["batch", src, "--out", out])
    c.eq(rc, 0, "leftovers: exit status")
    c.check("repaired: 3 temporary files removed" in err, "leftovers: said: " + err)
    names = os.listdir(out)
    c.eq([n for n in planted if n in names], [], "leftovers: removed")
    c.eq(sorted(n for n in mine if n in names), sorted(mine), "leftovers: other files kept")
    with open(precious) as f:
        c.eq(f.read(), "keep me\n", "leftovers: a link among them is not followed")


def check_tampered(c, tool, work):
    src = os.path.join(work, "tamper.csv")
    generate(src, 50, 600000)
    out = os.path.join(work, "tamper")
    rc, _, _ = run(tool, ["batch", src, "--out", out, "-q"])
    ref = read_manifest(out)
    rows = [list(r) for r in ref]
    rows[3][0] = "99999999"                       # row 3: a row the input cannot hold
    rows[5][4] = "zz" + rows[5][4][2:]            # row 5: a broken SHA-256
    rows.append(list(rows[7]))                    # row 7 twice
    rows[9][1] = "../../etc/passwd"               # row 9: a path outside the directory
    rows.append(["18446744073709551616", "x.png", "0002", "ABCD", "0" * 64])
    os.unlink(os.path.join(out, "000011.png"))    # and a lost image
    with open(os.path.join(out, "manifest.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
        f.write("garbage,\"unclosed\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rc, _, err = run(tool, ["batch", src, "--out", out])
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    c.eq(rc, 0, "tampered manifest: exit status: " + err)
    c.check("cannot be read back; every image is checked again" in err,
            "tampered manifest: unreadable: " + err)
    c.check(max(before, after) < 1024 * 1024, "tampered manifest: peak memory %d KiB" % after)
    c.eq(read_manifest(out), ref, "tampered manifest: repaired")
    consistent(c, out, "tampered")
    # A readable manifest with the same faults: each record left out, said.
    rows = [list(r) for r in ref]
    rows[3][0] = "99999999"
    rows[5][4] = "zz" + rows[5][4][2:]
    rows.append(list(rows[7]))
    rows[9][1] = "../../etc/passwd"
    with open(os.path.join(out, "manifest.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    rc, _, err = run(tool, ["batch", src, "--out", out])
    c.eq(rc, 0, "tampered manifest 2: exit status: " + err)
    size = os.path.getsize(src)
    c.check("1 record names rows the input cannot hold (row 99999999, the input has at most %d)"
            % size in err, "tampered: row number bounded by the input: " + err)
    c.check("2 records name the same row as another" in err, "tampered: row twice: " + err)
    c.check("1 record cannot be read" in err, "tampered: broken SHA-256: " + err)
    c.eq(read_manifest(out), ref, "tampered manifest 2: repaired")
    consistent(c, out, "tampered 2")


def check_stale(c, tool, work):
    big = os.path.join(work, "thirty.csv")
    small = os.path.join(work, "twenty.csv")
    generate(big, 30, 700000)
    generate(small, 20, 700000)
    out = os.path.join(work, "stale")
    run(tool, ["batch", big, "--out", out, "-q"])
    with open(os.path.join(out, "notes.txt"), "w") as f:
        f.write("mine")
    with open(os.path.join(out, "000030.png"), "ab") as f:
        f.write(b"edited")
    rc, _, err = run(tool, ["batch", small, "--out", out])
    c.eq(rc, 0, "stale: exit status")
    c.check("removed 9 images of rows the input no longer makes" in err, "stale: said: " + err)
    names = sorted(os.listdir(out))
    c.eq(names, sorted(["%06d.png" % r for r in range(1, 21)] +
                       ["000030.png", "notes.txt", "manifest.csv", "rejects.csv", "batch.json"]),
         "stale: removed exactly the unchanged images of rows gone")
    c.eq(read_json(os.path.join(out, "batch.json"))["removed"], 9, "stale: batch.json")


def main():
    tool = sys.argv[1]
    full_disk = sys.argv[2:] == ["full-disk"]
    c = Checker("cli-batch-full-disk" if full_disk else "cli-batch-files")
    with tempfile.TemporaryDirectory() as work:
        if full_disk:
            check_full_disk(c, tool, work)
        else:
            check_leftovers(c, tool, work)
            check_tampered(c, tool, work)
            check_stale(c, tool, work)
            check_concurrent(c, tool, work)
            check_kill(c, tool, work)
            check_kill(c, tool, work, ["--scale", "5"], "kill -9, new drawing options")
    c.done()


if __name__ == "__main__":
    main()
