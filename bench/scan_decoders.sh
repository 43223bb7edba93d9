#!/bin/sh
# Measures zbar and ZXing-C++ on the simulated photos of the scan tests
# (tests/scan/gen_photos.py, 2,200 photos from seed 17 unless told), as
# libvietqr-scan drives them, and prints each decoder's rate and CPU time
# per set of photos. This is how libvietqr-scan's decoder was chosen.
#
#   bench/scan_decoders.sh [BUILD_DIR] [PHOTOS_PER_SET]
#
# BUILD_DIR (default: build) must have been configured with the scan
# library, both decoders' development packages and python3; the photos
# are cached in BUILD_DIR/tests/scan/photos (shared with the tests).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
per=${2:-200}
case $build in /*) ;; *) build=$here/$build ;; esac
bench=$build/bench/scan_decoders
[ -x "$bench" ] || { echo "scan_decoders: $bench is not built (needs libzbar-dev and libzxing-dev)" >&2; exit 1; }
nice -n 10 python3 "$here/tests/scan/gen_photos.py" --vietqr "$build/tools/vietqr" \
  --vectors "$here/tests/data/vectors.json" --out "$build/tests/scan/photos" --per-category "$per"
echo "decoders: zbar $(pkg-config --modversion zbar), ZXing-C++ $(pkg-config --modversion zxing);" \
  "each reads the same grey pixels; 'read' = every code of the photo byte for byte;" \
  "ms = CPU per photo (thread time)"
echo "== as libvietqr-scan reads: a second pass over a smoothed copy when the first finds nothing"
"$bench" "$build/tests/scan/photos" "$build/tests/scan/photos/photos-$per.tsv"
echo "== one pass each (VQR_SCAN_FAST)"
"$bench" "$build/tests/scan/photos" "$build/tests/scan/photos/photos-$per.tsv" fast
