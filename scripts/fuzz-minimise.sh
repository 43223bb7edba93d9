#!/bin/sh
# fuzz-minimise.sh - fold new inputs into a target's committed corpus and
# keep it minimal.
#
#   scripts/fuzz-minimise.sh BUILD TARGET [DIR...]
#
# BUILD is a build directory configured with -Dfuzzing=true (see
# scripts/fuzz-ci.sh). Runs fuzz_TARGET -merge=1 over fuzz/corpus/TARGET
# and the DIRs (for example the corpus of a long run) into a fresh
# directory that starts with the regression inputs (regress-*, always
# kept under their names), and replaces fuzz/corpus/TARGET with it: the
# smallest set of inputs that reaches every feature any of them reaches.
set -eu

if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD TARGET [DIR...]" >&2
    exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
build=$1
target=$2
shift 2
exe=$build/fuzz/fuzz_$target
corpus=$top/fuzz/corpus/$target
[ -x "$exe" ] || { echo "$exe: not built" >&2; exit 2; }
[ -d "$corpus" ] || { echo "$corpus: no such corpus" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/new"
for f in "$corpus"/regress-*; do
    [ -f "$f" ] && cp "$f" "$tmp/new/"
done
before=$(find "$corpus" -type f | wc -l)
"$exe" -merge=1 -max_len=2100 -timeout=10 "$tmp/new" "$corpus" "$@" > "$tmp/log" 2>&1 ||
    { cat "$tmp/log" >&2; exit 1; }
find "$corpus" -type f -delete
cp "$tmp/new"/* "$corpus/"
after=$(find "$corpus" -type f | wc -l)
size=$(du -sk "$corpus" | cut -f1)
echo "fuzz/corpus/$target: $before -> $after inputs (${size} KiB)"
