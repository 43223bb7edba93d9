#!/usr/bin/env bash
# The main job: build libvietqr, make the VietQR of a sample hospital
# invoice (shown in the terminal, written as PNG and SVG under out/), then
# decode both images back with zbarimg and compare them with the payload.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d build ] || meson setup build >/dev/null
meson compile -C build >/dev/null
mkdir -p out
build/examples/hospital_invoice out | tee out/hospital_invoice.txt
payload=$(sed -n 's/^payload *//p' out/hospital_invoice.txt)
png=$(zbarimg --raw -q out/hospital_invoice.png 2>/dev/null)
rsvg-convert out/hospital_invoice.svg -o out/hospital_invoice.svg.png
svg=$(zbarimg --raw -q out/hospital_invoice.svg.png 2>/dev/null)
[ "$png" = "$payload" ] && echo "decoded out/hospital_invoice.png: the same payload" || { echo "PNG decodes to: $png"; exit 1; }
[ "$svg" = "$payload" ] && echo "decoded out/hospital_invoice.svg: the same payload" || { echo "SVG decodes to: $svg"; exit 1; }
