#!/bin/sh
# Photos of 2048x1536 per second per core, read with libvietqr-scan and
# checked with vqr_verify, beside JPEG decoding alone (bench/bench_scan.c).
#
#   bench/scan_speed.sh [BUILD_DIR] [SECONDS]
#
# The 20 photos (bench/scan_speed.py, ImageMagick) are cached in
# BUILD_DIR/bench/scan-speed. Figures are CPU time of one thread: run it
# on a quiet machine, and compare the ratio to decoding alone.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
seconds=${2:-3}
case $build in /*) ;; *) build=$here/$build ;; esac
manifest=$(nice -n 10 python3 "$here/bench/scan_speed.py" "$build/tools/vietqr" "$build/bench/scan-speed")
"$build/bench/bench_scan" "$manifest" "$seconds"
