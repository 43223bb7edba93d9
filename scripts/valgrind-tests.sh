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
#   2. the suites that run our programs from Python (cli: every run of the
#      vietqr tool; examples: the three examples), with each program started
#      under the same memcheck command through VQR_TEST_WRAPPER. A finding
#      exits 86, an exit status no program of ours uses. The batch suites
#      generate VQR_BATCH_ROWS rows (300 here: every per-row path runs under
#      memcheck; the 10,000-row determinism checks run in the native and
#      sanitizer builds of scripts/test.sh).
#      The same for serve-api and serve-unit (`vietqr serve` under memcheck
#      for the whole functional suite but the templates of libvietqr-print,
#      about 30 s; tests/valgrind-print.supp: the state the graphics stack
#      keeps at exit); the other serve suites time the service (abuse,
#      browser) and are left out.
#   3. the python suite, CPython under memcheck (scripts/memcheck-python.sh:
#      memory errors and definite or indirect leaks fail it; CPython keeps
#      "possibly lost" and reachable blocks of its own at exit).
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
VQR_BATCH_ROWS=${VQR_BATCH_ROWS:-300} VQR_TEST_WRAPPER="valgrind --error-exitcode=86 --leak-check=full --errors-for-leak-kinds=all \
--show-leak-kinds=all --track-origins=yes --quiet" \
    meson test -C "$build" --suite cli --suite examples --print-errorlogs --num-processes 2 \
    --timeout-multiplier 4 || status=1
if meson test -C "$build" --list serve-api >/dev/null 2>&1; then
    VQR_TEST_WRAPPER="valgrind --error-exitcode=86 --leak-check=full --errors-for-leak-kinds=all \
--show-leak-kinds=all --track-origins=yes --quiet --suppressions=$top/tests/valgrind-print.supp" \
        meson test -C "$build" serve-api serve-unit --print-errorlogs --timeout-multiplier 4 \
        || status=1
fi
meson test -C "$build" --suite python --print-errorlogs --timeout-multiplier 10 \
    --wrapper "$top/scripts/memcheck-python.sh" || status=1
exit $status
