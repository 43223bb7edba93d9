#!/usr/bin/env bash
# The hardening tier, run by .ci/run after the fast tier (scripts/test.sh),
# whose build directories it reuses:
#   clang      clang -Werror build with -Dqrencode_mask_lookup=false (the
#              run-time lookup of QRcode_encodeMask fails, so libqrencode
#              chooses the mask: the fallback path is built and every suite
#              runs on it), then meson test;
#   valgrind   memcheck over the gcc -O2 -g build of the fast tier: every C
#              test, every run of the tool and the examples (batch suites at
#              VQR_BATCH_ROWS=300), the Python suite (scripts/valgrind-tests.sh);
#   lint       clang-format, cppcheck, clang-tidy over the clang build's
#              compile commands (scripts/lint.sh);
#   fuzz       libFuzzer targets (clang, ASan, UBSan): corpus replay, then
#              VQR_FUZZ_SECONDS (30) per target, two at a time (scripts/fuzz-ci.sh);
#   packaging  every way of installing it, used from where it was installed
#              (scripts/packaging.sh: prefix, wheel, jar, deb).
# Stages run in the order of the code below (clang, lint, fuzz, valgrind,
# packaging); the first failure stops the tier. VQR_STAGES
# (space-separated names) runs only those. How to add a suite, and which
# tier it belongs to: scripts/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${VQR_BUILD_ROOT:-build-test}
mkdir -p "$root"
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}
. scripts/stage.sh
stages=${VQR_STAGES:-clang valgrind lint fuzz packaging}
want() { case " $stages " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# VQR_DEADLINE (seconds since the epoch; .ci/run sets it to keep the whole
# run under 20 minutes): a stage that would not end by then is skipped,
# saying so and how to run it alone. NEED is its time on an idle 2-core
# machine: measured for clang, estimated from loaded runs for the others.
fits() {
  local name=$1 need=$2 left
  [ -n "${VQR_DEADLINE:-}" ] || return 0
  left=$((VQR_DEADLINE - $(date +%s)))
  [ "$need" -le "$left" ] && return 0
  echo "=== $name SKIPPED: needs about $need s on 2 cores, $left s left of the budget;" \
    "run it alone: VQR_STAGES=${3:-$name} bash scripts/hardening.sh"
  [ -z "${VQR_STAGE_TIMES:-}" ] || echo "$name 0 SKIPPED" >>"$VQR_STAGE_TIMES"
  return 1
}

clang_build() {
  if [ ! -f "$root/clang/build.ninja" ]; then
    CC=clang meson setup "$root/clang" -Dwerror=true -Dqrencode_mask_lookup=false \
      >"$root/clang.setup.log" 2>&1 || { cat "$root/clang.setup.log"; return 1; }
  fi
  meson compile -C "$root/clang" >"$root/clang.build.log" 2>&1 \
    || { cat "$root/clang.build.log"; return 1; }
}

valgrind_tests() {
  VQR_VALGRIND_PART=$1 VALGRIND_BUILD_DIR="$PWD/$root/gcc" sh scripts/valgrind-tests.sh \
    >"$root/valgrind-$1.log" 2>&1 || { cat "$root/valgrind-$1.log"; return 1; }
  grep -E '^ *[0-9]+/[0-9]+ ' "$root/valgrind-$1.log"
}

fuzz() {
  FUZZ_BUILD_DIR="$PWD/$root/fuzz" sh scripts/fuzz-ci.sh "${VQR_FUZZ_SECONDS:-30}" \
    >"$root/fuzz.log" 2>&1 || { cat "$root/fuzz.log"; return 1; }
  grep -E '^== fuzz_|^ *[0-9]+/[0-9]+ ' "$root/fuzz.log"
}

packaging() {
  # scripts/packaging.sh: the install of the gcc build into a prefix (tool,
  # pkg-config and CMake consumers, man pages, completion), the wheel into
  # fresh venvs, the jar alone, the Debian packages built, lintian-checked,
  # installed, smoke-tested and removed.
  VQR_BUILD_ROOT=$root bash scripts/packaging.sh >"$root/packaging.log" 2>&1 \
    || { cat "$root/packaging.log"; return 1; }
  grep -E '^== packaging' "$root/packaging.log"
}

# The cheapest checks first: a deadline cuts the stages at the end (the
# valgrind run of the programs, packaging).
if want clang && fits clang 400; then
  stage clang-build clang_build
  # --setup=hardening: every suite, the heavy ones (tests/meson.build) too.
  stage clang-test meson test -C "$root/clang" --setup=hardening --print-errorlogs \
    --num-processes 2
fi
if want lint && fits lint 150; then
  [ -f "$root/clang/compile_commands.json" ] || stage clang-build clang_build
  LINT_BUILD_DIR="$PWD/$root/clang" stage lint sh scripts/lint.sh
fi
if want fuzz && fits fuzz 260; then
  stage fuzz fuzz
fi
if want valgrind; then
  [ -f "$root/gcc/build.ninja" ] || CC=gcc meson setup "$root/gcc" -Dwerror=true >/dev/null
  if fits valgrind-c 240 valgrind; then
    stage valgrind-c valgrind_tests c
  fi
  if fits valgrind-programs 700 valgrind; then
    stage valgrind-programs valgrind_tests programs
  fi
fi
if want packaging && fits packaging 300; then
  stage packaging packaging
fi
echo "=== hardening tier: clean (skipped stages, if any, are named above)"
