#!/usr/bin/env bash
# Builds libvietqr and runs every test suite:
#   1. gcc, -Werror
#   2. clang, -Werror
#   3. gcc with AddressSanitizer + UndefinedBehaviorSanitizer
#   4. valgrind memcheck (no error, no leak of any kind): every C test
#      program, the fuzz corpus replays, every run of the vietqr tool and
#      the examples, and the Python binding's suite (scripts/valgrind-tests.sh)
#   5. static analysis: cppcheck and clang-tidy, clean (scripts/lint.sh)
#   6. fuzzing: the libFuzzer targets (clang, ASan, UBSan) replay the whole
#      corpus, then run VQR_FUZZ_SECONDS each (default 60; scripts/fuzz-ci.sh)
# Build directories go under build-test/ (override with VQR_BUILD_ROOT).
set -euo pipefail
cd "$(dirname "$0")/.."
root=${VQR_BUILD_ROOT:-build-test}
mkdir -p "$root"
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}

run() {
  local name=$1; shift
  echo "=== $name"
  if [ ! -d "$root/$name" ]; then
    meson setup "$root/$name" "$@" >"$root/$name.setup.log" 2>&1 || { cat "$root/$name.setup.log"; exit 1; }
  fi
  meson compile -C "$root/$name" >"$root/$name.build.log" 2>&1 || { cat "$root/$name.build.log"; exit 1; }
  meson test -C "$root/$name" --print-errorlogs --num-processes 2
}

CC=gcc run gcc -Dwerror=true
CC=clang run clang -Dwerror=true
CK_FORK=no UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
  CC=gcc run sanitize -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false -Dbench=false

echo "=== valgrind"
VALGRIND_BUILD_DIR="$PWD/$root/valgrind" sh scripts/valgrind-tests.sh >"$root/valgrind.log" 2>&1 \
  || { cat "$root/valgrind.log"; exit 1; }
grep -E '^ *[0-9]+/[0-9]+ ' "$root/valgrind.log"

echo "=== lint"
LINT_BUILD_DIR="$PWD/$root/lint" sh scripts/lint.sh

echo "=== fuzz"
FUZZ_BUILD_DIR="$PWD/$root/fuzz" sh scripts/fuzz-ci.sh "${VQR_FUZZ_SECONDS:-60}" >"$root/fuzz.log" 2>&1 \
  || { cat "$root/fuzz.log"; exit 1; }
grep -E '^== fuzz_|^ *[0-9]+/[0-9]+ ' "$root/fuzz.log"

# One closing line for every build: "N passed, N failed".
passed=0; failed=0
for log in "$root"/*/meson-logs/testlog*.json; do
  p=$(grep -c '"result": "OK"' "$log" || true)
  f=$(grep -c '"result": "\(FAIL\|TIMEOUT\|ERROR\)"' "$log" || true)
  passed=$((passed + p)); failed=$((failed + f))
done
echo "=== all test suites passed"
echo "$passed passed, $failed failed"
