#!/bin/sh
# skip.sh REASON... - stands in for a test whose tool or library is missing:
# says why and exits 77, which meson test counts as SKIP.
echo "SKIP: $*"
exit 77
