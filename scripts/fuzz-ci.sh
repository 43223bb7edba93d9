#!/bin/sh
# fuzz-ci.sh - the fuzzing job of CI.
#
#   scripts/fuzz-ci.sh [SECONDS]
#
# Builds the fuzz targets with clang, libFuzzer, AddressSanitizer and UBSan
# in a build directory of their own ($FUZZ_BUILD_DIR, default
# build-fuzz-ci/ in the source tree), replays the whole committed corpus
# (meson test --suite fuzz), then fuzzes every target for SECONDS (default
# 60), $FUZZ_JOBS targets at a time (default 2), starting from its corpus.
# New inputs stay in the build directory; a crash, leak, undefined
# behaviour, timeout or failed check is printed with the input that caused
# it (also saved as BUILD/fuzz-ci/<target>/crashes/*) and fails the job.
# FUZZ_PHASE: "build" stops after the replay, "run" skips the build and the
# replay (scripts/hardening.sh runs the timed part beside its other stages);
# unset, both. FUZZ_TIMEOUT: the seconds one input may take before it is a
# finding (default 10; libFuzzer counts wall time, so a run at a low
# priority beside other work needs more).
# Exit status: 0 clean, 1 a finding, 2 usage or build error.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$top/build-fuzz-ci}
secs=${1:-60}
jobs=${FUZZ_JOBS:-2}
case $secs in ''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0

phase=${FUZZ_PHASE:-all}
if [ "$phase" != run ]; then
    if [ ! -f "$build/build.ninja" ]; then
        CC=${FUZZ_CC:-clang} meson setup "$build" "$top" -Dfuzzing=true \
            -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
            -Dtests=disabled -Dtools=disabled -Dexamples=disabled -Dbench=disabled \
            -Dbindings=disabled || exit 2
    fi
    meson compile -C "$build" || exit 2
fi
status=0
if [ "$phase" != run ]; then
    echo "== replaying the corpus"
    meson test -C "$build" --suite fuzz --print-errorlogs || status=1
fi
[ "$phase" != build ] || exit $status

# Every directory of fuzz/corpus is a target's corpus.
targets=
for d in "$top"/fuzz/corpus/*/; do
    t=$(basename "$d")
    if [ -x "$build/fuzz/fuzz_$t" ]; then
        targets="$targets $t"
    else
        echo "fuzz/corpus/$t has no target fuzz_$t" >&2
        status=1
    fi
done

run_target() {
    t=$1
    work=$build/fuzz-ci/$t
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/crashes"
    if "$build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
        -max_len=2100 -dict="$top/fuzz/vietqr.dict" -artifact_prefix="$work/crashes/" \
        -print_final_stats=1 "$work/corpus" "$top/fuzz/corpus/$t" >"$work/log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
        echo "== fuzz_$t: ${runs:-?} executions in ${secs}s, clean"
        return 0
    fi
    echo "== fuzz_$t: FAILED"
    grep -v '^#' "$work/log" | tail -n 60
    for f in "$work"/crashes/*; do
        [ -f "$f" ] && echo "input: $f" && base64 "$f"
    done
    return 1
}

echo "== fuzzing each target for ${secs}s, $jobs at a time:$targets"
pids=
n=0
for t in $targets; do
    run_target "$t" > "$build/fuzz-ci-$t.out" 2>&1 &
    pids="$pids $!:$t"
    n=$((n + 1))
    if [ "$n" -ge "$jobs" ]; then
        for pt in $pids; do
            wait "${pt%%:*}" || status=1
            cat "$build/fuzz-ci-${pt#*:}.out"
        done
        pids=
        n=0
    fi
done
for pt in $pids; do
    wait "${pt%%:*}" || status=1
    cat "$build/fuzz-ci-${pt#*:}.out"
done
exit $status
