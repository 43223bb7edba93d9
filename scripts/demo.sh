#!/usr/bin/env bash
# The main job: build libvietqr and the hospital-invoice example only (no
# tool, tests or bindings: seconds, not minutes), make the VietQR of a
# sample invoice (shown in the terminal, written as PNG and SVG under out/),
# then decode both images back with zbarimg and compare them with the
# payload. Needs: bash scripts/packages.sh library demo
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '==> %s\n' "$*"; }
if [ ! -f build-demo/build.ninja ]; then
  say "configuring build-demo/: the library and the examples only (-Dauto_features=disabled -Dexamples=enabled)"
  meson setup build-demo -Dauto_features=disabled -Dexamples=enabled >/dev/null
fi
say "compiling libvietqr and examples/hospital_invoice.c"
meson compile -C build-demo examples/hospital_invoice >/dev/null
mkdir -p out
say "running build-demo/examples/hospital_invoice out: the invoice's VietQR"
build-demo/examples/hospital_invoice out | tee out/hospital_invoice.txt
payload=$(sed -n 's/^payload *//p' out/hospital_invoice.txt)
say "decoding out/hospital_invoice.png and .svg back with zbarimg"
png=$(zbarimg --raw -q out/hospital_invoice.png 2>/dev/null)
rsvg-convert out/hospital_invoice.svg -o out/hospital_invoice.svg.png
svg=$(zbarimg --raw -q out/hospital_invoice.svg.png 2>/dev/null)
[ "$png" = "$payload" ] && echo "decoded out/hospital_invoice.png: the same payload" || { echo "PNG decodes to: $png"; exit 1; }
[ "$svg" = "$payload" ] && echo "decoded out/hospital_invoice.svg: the same payload" || { echo "SVG decodes to: $svg"; exit 1; }
