#!/bin/sh
# valgrind-tests.sh - the test suite under valgrind memcheck.
#
#   scripts/valgrind-tests.sh [MESON TEST ARGS...]
#
# Builds with the default compiler and no sanitizer (memcheck and
# AddressSanitizer do not mix) in $VALGRIND_BUILD_DIR (default
# build-valgrind/ in the source tree; scripts/hardening.sh passes the -O2 -g
# build of scripts/test.sh), then runs under memcheck with
# --leak-check=full and --errors-for-leak-kinds=all (any memory error or
# leak fails the test that caused it):
#   1. every C test program (suites unit, vietqr, render, fuzz: the Check
#      suites in one process, CK_FORK=no, and the fuzz corpus replays) with
#      meson test --setup=valgrind, declared in tests/meson.build;
#   2. the suites that run our programs from Python (cli: the vietqr
#      tool; examples: the examples), each program started under memcheck
#      through VQR_TEST_WRAPPER. A finding exits 86, an exit status no
#      program of ours uses. Each kind of call (the command, the options
#      given, standard input or not: tests/cli/clitest.py's call_shape)
#      runs under memcheck the first VQR_WRAPPED_PER_SHAPE times (1; 0 for
#      every call), the suite's other calls of that kind natively, every
#      check still made: each call pays memcheck's start-up (about a
#      second), which the payloads do not change, and every payload goes
#      through the library under memcheck in step 1. The batch suites
#      generate VQR_BATCH_ROWS rows (300 here: every per-row path runs
#      under memcheck; the 10,000-row determinism checks run in the native
#      and sanitizer builds of scripts/test.sh).
#      The same for serve-api and serve-unit (`vietqr serve` under memcheck
#      for the whole functional suite but the templates of libvietqr-print);
#      the other serve suites time the service (abuse, browser) and are
#      left out. tests/valgrind-print.supp and tests/valgrind-ldso.supp:
#      the state the graphics stack and the dynamic loader keep at exit.
#   3. the python, python-scan and python-speedups suites, CPython under memcheck
#      (scripts/memcheck-python.sh: memory errors and definite or indirect
#      leaks fail them; CPython keeps "possibly lost" and reachable blocks
#      of its own at exit). python-cli is left out: it compares `python -m
#      vietqr` with the tool, through the same calls into the library as
#      the python suite.
# MESON TEST ARGS go to the first run only (to pick tests while debugging);
# with any, the other runs are skipped.
# Left out: the abi suite (compilers, nm and the linker map: no program of
# ours runs) and the java suite (the JVM's JIT and signal handling do not
# run under memcheck; its JNI glue runs under AddressSanitizer in the
# sanitize build of scripts/test.sh).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${VALGRIND_BUILD_DIR:-$top/build-valgrind}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$top" -Dbuildtype=debug -Db_sanitize=none
fi
meson compile -C "$build"
if [ $# -gt 0 ]; then
    exec meson test -C "$build" --setup=valgrind --print-errorlogs "$@"
fi
status=0
# VQR_VALGRIND_PART: "c" runs only step 1, "programs" only steps 2 and 3
# (scripts/hardening.sh runs them as two stages); unset, all of them.
part=${VQR_VALGRIND_PART:-all}
if [ "$part" != programs ]; then
    meson test -C "$build" --setup=valgrind --print-errorlogs --num-processes 2 || status=1
fi
[ "$part" != c ] || exit $status
# Memcheck for the programs: every error and every leak fails, but for the
# state the graphics stack and the dynamic loader keep at exit
# (tests/valgrind-print.supp, tests/valgrind-ldso.supp). --track-origins is
# left out (it doubles the cost); add it to find where an uninitialised
# value came from.
vg="valgrind --error-exitcode=86 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all \
--quiet --suppressions=$top/tests/valgrind-print.supp --suppressions=$top/tests/valgrind-ldso.supp"
# The python suites run beside the others (their own log, no rebuild).
py_tests=$(meson test -C "$build" --list 2>/dev/null | sed -n 's,^.*:python / \(python\|python-scan\|python-speedups\)$,\1,p')
py_out=$build/memcheck-python.out
py_pid=
if [ -n "$py_tests" ]; then
    # shellcheck disable=SC2086 # one word per test
    meson test -C "$build" $py_tests --no-rebuild --print-errorlogs --timeout-multiplier 10 \
        --num-processes 1 --wrapper "$top/scripts/memcheck-python.sh" >"$py_out" 2>&1 &
    py_pid=$!
fi
VQR_BATCH_ROWS=${VQR_BATCH_ROWS:-300} VQR_TEST_WRAPPER=$vg \
    meson test -C "$build" --suite cli --suite examples --print-errorlogs --num-processes 2 \
    --timeout-multiplier 4 || status=1
if meson test -C "$build" --list serve-api >/dev/null 2>&1; then
    VQR_TEST_WRAPPER=$vg meson test -C "$build" serve-api serve-unit --print-errorlogs \
        --timeout-multiplier 4 || status=1
fi
if [ -n "$py_pid" ]; then
    wait "$py_pid" || status=1
    cat "$py_out"
fi
exit $status
