#!/bin/sh
# lint.sh - every tracked C file is formatted as .clang-format says
# (clang-format --dry-run); static analysis of lib/, tools/, support/,
# print/ and scan/: cppcheck, then clang-tidy with the checked-in
# .clang-tidy over the compile commands of a clang build ($LINT_BUILD_DIR,
# default build-lint/ in the source tree, set up here if missing). All
# three must be clean: any finding fails (exit 1).
#
# cppcheck runs its warning, style, performance and portability checks with
# no suppression (unusedFunction is off: a library's exports have no caller
# inside it).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${LINT_BUILD_DIR:-$top/build-lint}
cd "$top" || exit 2

sources=$(find lib tools support print scan -name '*.c' 2>/dev/null | sort)
[ -n "$sources" ] || { echo "no sources under lib/ or tools/" >&2; exit 2; }
status=0

echo "== clang-format"
# shellcheck disable=SC2046 # one word per file
fmt=$(clang-format --dry-run $(git ls-files '*.c' '*.h' '*.cpp' | grep -v '^fuzz/corpus/') 2>&1)
if [ -n "$fmt" ]; then
    printf '%s\n' "$fmt" | head -40
    echo "clang-format: the files above differ from .clang-format (run clang-format -i on them)"
    status=1
fi

echo "== layers"
# The renderers and the QR encoder see the shared helpers (lib/common.h,
# lib/render.h), never the payload's private layout (lib/internal.h); the
# tool, the bindings and the other libraries see only public headers.
bad=$(grep -l '#include "internal.h"' lib/qr.c lib/render_*.c lib/file_atomic.c lib/alloc.c 2>/dev/null)
bad="$bad$(grep -ln '#include "\(internal\|common\|render\|vietqr_int\)\.h"' tools/*.c tools/*.h \
    bindings/java/*.c 2>/dev/null)"
if [ -n "$bad" ]; then
    printf '%s\n' $bad
    echo "layers: the files above include a header of a layer they may not see"
    status=1
fi

echo "== cppcheck"
# shellcheck disable=SC2086 # one word per file
cppcheck --quiet --error-exitcode=1 --std=c99 -j "${LINT_JOBS:-2}" \
    --enable=warning,style,performance,portability \
    -D__GNUC__ -I include -I lib -I support $sources || status=1

echo "== clang-tidy"
if [ ! -f "$build/compile_commands.json" ]; then
    CC=clang meson setup "$build" "$top" -Dtests=disabled -Dbench=disabled -Dexamples=disabled \
        >/dev/null || exit 2
fi
# Generated files (if any) come from the build: compile it first.
meson compile -C "$build" >/dev/null || exit 2
# clang-tidy counts what it filtered out ("N warnings generated."): drop
# that noise, keep the findings.
out=$(mktemp)
# shellcheck disable=SC2086
printf '%s\n' $sources | xargs -P "${LINT_JOBS:-2}" -n 4 \
    clang-tidy -p "$build" --quiet >"$out" 2>&1 || status=1
grep -v '^[0-9]* warnings\{0,1\} generated\.$' "$out"
rm -f "$out"

[ $status -eq 0 ] && echo "lint: clean"
exit $status
