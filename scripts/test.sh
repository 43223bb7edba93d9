#!/usr/bin/env bash
# The README's test command (the fast tier; under 10 minutes on 2 cores
# from a clean clone):
#   1. gcc, -Werror: build, then every suite (meson test --setup=hardening:
#      C, CLI, Python, Java, examples, fuzz-corpus replay, ABI checks, and
#      the heavy suites: the whole print sample set, 200 photos, a
#      1,000-row printed term);
#   2. gcc with AddressSanitizer + UndefinedBehaviorSanitizer and
#      -Dqrencode_mask_lookup=false (the run-time lookup of
#      QRcode_encodeMask fails, so libqrencode chooses the mask: the
#      fallback path is built and every suite runs on it): build, then every
#      suite but the heavy ones again.
# .ci/run runs this, then scripts/hardening.sh (clang, lint, fuzzing,
# valgrind, packaging). How to add a suite and which tier it belongs to:
# scripts/README.md.
#
# Build directories go under build-test/ (VQR_BUILD_ROOT overrides it); an
# existing one is reused. VQR_STAGE_TIMES names a file to which each stage
# appends "NAME SECONDS" (.ci/run prints them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=${VQR_BUILD_ROOT:-build-test}
mkdir -p "$root"
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}
. scripts/stage.sh

# build NAME [MESON SETUP ARGS...]: set up (once) and compile $root/NAME.
build() {
  local name=$1; shift
  if [ ! -f "$root/$name/build.ninja" ]; then
    meson setup "$root/$name" "$@" >"$root/$name.setup.log" 2>&1 \
      || { cat "$root/$name.setup.log"; return 1; }
  fi
  meson compile -C "$root/$name" >"$root/$name.build.log" 2>&1 \
    || { cat "$root/$name.build.log"; return 1; }
}

run_tests() {
  meson test -C "$root/$1" --print-errorlogs --num-processes 2 "${@:2}"
}

# (VAR=value before a function sets it for that call only.)
CC=gcc stage gcc-build build gcc -Dwerror=true
stage gcc-test run_tests gcc --setup=hardening

CC=gcc stage sanitize-build build sanitize -Dwerror=true -Db_sanitize=address,undefined \
  -Db_lundef=false -Dbench=disabled -Dqrencode_mask_lookup=false
CK_FORK=no UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
  stage sanitize-test run_tests sanitize

# One closing line for the tier: "N passed, N failed".
passed=0; failed=0; skipped=0
for b in gcc sanitize; do
  log=$root/$b/meson-logs/testlog.json
  [ "$b" != gcc ] || log=$root/gcc/meson-logs/testlog-hardening.json
  [ -f "$log" ] || continue
  p=$(grep -c '"result": "OK"' "$log" || true)
  f=$(grep -c '"result": "\(FAIL\|TIMEOUT\|ERROR\|UNEXPECTEDPASS\)"' "$log" || true)
  s=$(grep -c '"result": "SKIP"' "$log" || true)
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done
echo "=== fast tier: every suite passed (gcc and sanitizers)"
echo "$passed passed, $failed failed, $skipped skipped"
