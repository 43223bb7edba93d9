#!/bin/sh
# valgrind-tests.sh - the whole test suite under valgrind memcheck.
#
#   scripts/valgrind-tests.sh [MESON TEST ARGS...]
#
# Builds with the default compiler and no sanitizer (memcheck and
# AddressSanitizer do not mix) in $VALGRIND_BUILD_DIR (default
# build-valgrind/ in the source tree) and runs meson test --setup=valgrind
# (declared in tests/meson.build): every C test, including the fuzz corpus
# replays, under memcheck with --leak-check=full and
# --errors-for-leak-kinds=all, Check tests in one process (CK_FORK=no).
# Any memory error or leak fails the test that caused it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${VALGRIND_BUILD_DIR:-$top/build-valgrind}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$top" -Dbuildtype=debug -Db_sanitize=none
fi
meson compile -C "$build"
exec meson test -C "$build" --setup=valgrind --print-errorlogs "$@"
