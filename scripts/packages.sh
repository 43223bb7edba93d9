#!/bin/sh
# packages.sh SECTION... - the Debian packages of the given sections of
# scripts/debian-packages.txt, one per line ("all" for every section).
#   apt-get install -y $(bash scripts/packages.sh library tools)
set -eu
list=$(dirname "$0")/debian-packages.txt
[ $# -gt 0 ] || { echo "usage: $0 SECTION... (library tools test hardening all)" >&2; exit 2; }
awk -v want=" $* " '
    /^[ \t]*#/ || /^[ \t]*$/ { next }
    /^\[.*\]$/ { section = substr($0, 2, length($0) - 2); next }
    index(want, " all ") || index(want, " " section " ") { print $1 }
' "$list"
