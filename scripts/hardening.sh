#!/usr/bin/env bash
# The hardening tier, run by .ci/run after the fast tier (scripts/test.sh),
# whose build directories it reuses:
#   clang      clang -Werror build of everything, then its C suites (unit,
#              vietqr); every suite runs in the two gcc builds of the fast
#              tier, one of them on the fallback mask path;
#   lint       clang-format, cppcheck, clang-tidy over the clang build's
#              compile commands (scripts/lint.sh);
#   fuzz       libFuzzer targets (clang, ASan, UBSan): corpus replay, then
#              VQR_FUZZ_SECONDS (30) per target, two at a time (scripts/fuzz-ci.sh);
#   valgrind   memcheck over the gcc -O2 -g build of the fast tier
#              (scripts/valgrind-tests.sh), in two stages: valgrind-c, every
#              C test program; valgrind-programs, the tool and the examples
#              (each kind of call under memcheck, batch suites at
#              VQR_BATCH_ROWS=300), the service, the Python suite;
#   packaging  every way of installing it, used from where it was installed
#              (scripts/packaging.sh: prefix, wheel, jar, deb).
# Stages run in that order; the first failure stops the tier. VQR_STAGES
# (space-separated names) runs only those. How to add a suite, and which
# tier it belongs to: scripts/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${VQR_BUILD_ROOT:-build-test}
mkdir -p "$root"
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}
. scripts/stage.sh
stages=${VQR_STAGES:-clang lint fuzz valgrind packaging}
want() { case " $stages " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# VQR_DEADLINE (seconds since the epoch; .ci/run sets it to keep the whole
# run under 20 minutes): a stage that would not end by then is skipped,
# saying so and how to run it alone. NEED is its time on an idle 2-core
# machine (measured on a clean clone).
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
    CC=clang meson setup "$root/clang" -Dwerror=true \
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

# fuzz_phase build|run: scripts/fuzz-ci.sh's build and corpus replay, or its
# timed runs (VQR_FUZZ_SECONDS, 30, per target).
fuzz_phase() {
  FUZZ_PHASE=$1 FUZZ_BUILD_DIR="$PWD/$root/fuzz" sh scripts/fuzz-ci.sh "${VQR_FUZZ_SECONDS:-30}" \
    >"$root/fuzz-$1.log" 2>&1 || { cat "$root/fuzz-$1.log"; return 1; }
  grep -E '^== fuzz_|^ *[0-9]+/[0-9]+ ' "$root/fuzz-$1.log"
}

# The timed runs take wall-clock time, not a share of the machine: they run
# beside the stages after them at the lowest priority (nice 19), on the CPU
# those leave idle, and `fuzz_wait` collects them at the end (each target
# still fuzzes for its 30 seconds; its log gives the executions made).
fuzz_pid=
fuzz_start() {
  fuzz_t0=$(date +%s)
  # Its own process group (set -m), so that a failing stage stops it whole.
  set -m
  # At nice 19 beside valgrind a target gets a few percent of a core, and
  # libFuzzer's timeout is wall time: an input that takes 0.3 s alone can
  # take 20 s here. A hang still fails the run, after 120 s.
  (renice -n 19 "$BASHPID" >/dev/null && FUZZ_TIMEOUT=120 fuzz_phase run) >"$root/fuzz-run.out" 2>&1 &
  fuzz_pid=$!
  set +m
  trap '[ -z "$fuzz_pid" ] || kill -- "-$fuzz_pid" 2>/dev/null || true' EXIT
}
fuzz_wait() {
  local rc=0
  wait "$fuzz_pid" || rc=$?
  fuzz_pid=
  cat "$root/fuzz-run.out"
  echo "(fuzzing ran $(($(date +%s) - fuzz_t0)) s beside the other stages)"
  return $rc
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

# The cheapest checks first: a deadline cuts the stages at the end. The
# times given to `fits` are each stage's on an idle 2-core machine.
if want clang && fits clang 80; then
  stage clang-build clang_build
  stage clang-test meson test -C "$root/clang" --suite unit --suite vietqr --print-errorlogs \
    --num-processes 2
fi
if want fuzz && fits fuzz 240; then
  stage fuzz-build fuzz_phase build
  fuzz_start
fi
if want lint && fits lint 110; then
  [ -f "$root/clang/compile_commands.json" ] || stage clang-build clang_build
  LINT_BUILD_DIR="$PWD/$root/clang" stage lint sh scripts/lint.sh
fi
if want valgrind; then
  [ -f "$root/gcc/build.ninja" ] || CC=gcc meson setup "$root/gcc" -Dwerror=true >/dev/null
  if fits valgrind-c 130 valgrind; then
    stage valgrind-c valgrind_tests c
  fi
  if fits valgrind-programs 220 valgrind; then
    stage valgrind-programs valgrind_tests programs
  fi
fi
if want packaging && fits packaging 100; then
  stage packaging packaging
fi
if [ -n "$fuzz_pid" ]; then
  stage fuzz-run fuzz_wait
fi
echo "=== hardening tier: clean (skipped stages, if any, are named above)"
