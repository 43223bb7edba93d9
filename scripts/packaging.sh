#!/usr/bin/env bash
# The packaging checks: each way a user installs libvietqr, from this tree,
# then used from where it was installed and nothing else (no VIETQR_LIB,
# PYTHONPATH, LD_LIBRARY_PATH or java.library.path). Run by
# scripts/hardening.sh (stage `packaging`) after the fast tier, whose gcc
# build ($VQR_BUILD_ROOT/gcc) it installs; alone:
#   bash scripts/packaging.sh [CHECK...]      (default: all, in this order)
# Checks:
#   prefix   meson install of the gcc build into a scratch prefix: the tool
#            runs from there (its $ORIGIN run path); a C program through
#            pkg-config and one through CMake's find_package(vietqr) build
#            and run against it; `pkg-config --cflags vietqr` holds no
#            dependency's flag; the man pages render; bash completes
#            `vietqr en` and `--bank`;
#   wheel    `pip install --no-build-isolation .` into a fresh virtual
#            environment, then `python3 -m build --wheel` and the wheel into
#            another, plain one: each runs the Python suites against the
#            installed package (--installed) with no variable set;
#   jar      a Java program compiled and run with vietqr.jar alone on the
#            class path (javac + java -cp, and java's source launcher); the
#            sources and Javadoc jars build with no warning; the pom.xml
#            installs the jar into a scratch Maven repository, offline;
#   deb      dpkg-buildpackage -us -uc -b in a copy of the tree, lintian
#            (errors fail), apt-get install ./*.deb, a smoke test against
#            the installed files only (a C program via pkg-config, the tool,
#            python3 -c 'import vietqr', Java from /usr/share/java), then
#            the packages are removed again. Needs root (CI is).
# Scratch files go under $VQR_PACKAGING_TMP (default: a new /tmp directory,
# removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
root=${VQR_BUILD_ROOT:-build-test}
build=${VQR_PACKAGING_BUILD:-$src/$root/gcc}
checks=${*:-prefix wheel jar deb}
tmp=${VQR_PACKAGING_TMP:-$(mktemp -d /tmp/vqr-packaging.XXXXXX)}
[ -n "${VQR_PACKAGING_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"
# Debian's Python: python3-mesonpy, python3-build and python3-venv are
# installed for it (a python3 earlier on PATH may be another one).
py=/usr/bin/python3
version=$(sed -n "s/^ *version: '\([0-9.]*\)'.*/\1/p" meson.build | head -1)

# Nothing may point the installed packages at this tree.
clean_env() {
  env -u VIETQR_LIB -u VIETQR_PRINT_LIB -u VIETQR_JNI_LIB -u VIETQR_SPEEDUPS -u PYTHONPATH -u LD_LIBRARY_PATH \
    -u LD_PRELOAD -u CLASSPATH -u JAVA_TOOL_OPTIONS -u PKG_CONFIG_PATH "$@"
}

say() { echo "--- $*"; }

# C consumers of an installed tree: pkg-config and CMake. $1: a pkg-config
# path (empty: the system's), $2: a CMake prefix path (empty: the
# system's), $3: a scratch directory.
consumers() {
  local pcpath=$1 cmpath=$2 dir=$3 cflags libs
  mkdir -p "$dir"
  cflags=$(clean_env PKG_CONFIG_PATH="$pcpath" pkg-config --cflags vietqr)
  libs=$(clean_env PKG_CONFIG_PATH="$pcpath" pkg-config --libs vietqr)
  say "pkg-config --cflags vietqr: '$cflags'; --libs: '$libs'"
  case " $cflags " in
    *" -D"*) echo "pkg-config --cflags vietqr gives a define: $cflags"; return 1 ;;
  esac
  # shellcheck disable=SC2086 # word splitting of the flags is meant
  gcc -std=c99 -Wall -Wextra -Werror $cflags tests/packaging/consumer.c -o "$dir/consumer" $libs \
    $( [ -n "$pcpath" ] && clean_env PKG_CONFIG_PATH="$pcpath" pkg-config --variable=libdir vietqr \
       | sed 's/^/-Wl,-rpath,/')
  clean_env "$dir/consumer" | tee "$dir/consumer.out"
  grep -qx '00020101021238570010A000000727012700069704360113001101234567802.*' "$dir/consumer.out"
  say "CMake: find_package(vietqr CONFIG)"
  clean_env cmake -S tests/packaging -B "$dir/cmake" ${cmpath:+-DCMAKE_PREFIX_PATH="$cmpath"} \
    >"$dir/cmake.log" 2>&1 || { cat "$dir/cmake.log"; return 1; }
  cmake --build "$dir/cmake" >>"$dir/cmake.log" 2>&1 || { cat "$dir/cmake.log"; return 1; }
  clean_env "$dir/cmake/consumer" | cmp - "$dir/consumer.out"
  if [ -x "$dir/cmake/consumer_print" ]; then
    clean_env "$dir/cmake/consumer_print"
  fi
}

check_prefix() {
  local dest=$tmp/prefix inst libdir bin pc
  [ -f "$build/build.ninja" ] || { echo "no gcc build in $build (run scripts/test.sh first)"; return 1; }
  meson install -C "$build" --destdir "$dest" --quiet >"$tmp/install.log" 2>&1 \
    || { cat "$tmp/install.log"; return 1; }
  # The build's prefix, as it was installed: moved under $dest.
  inst=$dest$(meson introspect "$build" --buildoptions \
    | "$py" -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
  libdir=$(meson introspect "$build" --buildoptions \
    | "$py" -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"][0])')
  bin=$inst/bin/vietqr
  say "installed tree: $inst"
  readelf -d "$bin" | grep -E 'RUNPATH|RPATH'
  # The tool finds its libraries from its own place.
  clean_env "$bin" --version
  clean_env ldd "$bin" | grep -E 'libvietqr' | tee "$tmp/ldd.txt"
  if grep -v "$inst/" "$tmp/ldd.txt" | grep -q libvietqr; then
    echo "the installed tool loads a libvietqr from outside $inst"; return 1
  fi
  clean_env "$bin" check '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E'
  clean_env "$bin" encode --bank VCB --account 0011012345678 --amount 150000 -o "$tmp/q.png" >/dev/null
  head -c 8 "$tmp/q.png" | od -An -c | grep -q 'P   N   G'
  # The print commands open libvietqr-print (dlopen) through the same run path.
  if [ -e "$inst/$libdir/libvietqr-print.so.0" ]; then
    clean_env "$bin" card --bank VCB --account 0011012345678 --holder 'NGUYEN VAN A' \
      -o "$tmp/card.png" >/dev/null
    head -c 8 "$tmp/card.png" | od -An -c | grep -q 'P   N   G'
    echo "vietqr card: $(wc -c <"$tmp/card.png") bytes of PNG"
  fi
  # pkg-config sees the moved prefix through its sysroot: the .pc file
  # names the build's prefix.
  pc=$inst/$libdir/pkgconfig
  [ -f "$pc/vietqr.pc" ] || { echo "no vietqr.pc in $pc"; return 1; }
  sed "s|^prefix=.*|prefix=$inst|" "$pc/vietqr.pc" >"$tmp/vietqr.pc"
  consumers "$tmp" "$inst" "$tmp/c-prefix"
  say "man pages"
  for page in "$inst/share/man/man1/vietqr.1" "$inst/share/man/man3/libvietqr.3"; do
    [ -s "$page" ] || { echo "missing $page"; return 1; }
    MANWIDTH=80 man -l "$page" 2>"$tmp/man.err" | head -5
    if [ -s "$tmp/man.err" ]; then cat "$tmp/man.err"; return 1; fi
  done
  say "bash completion"
  clean_env bash -c '
    . "$1"
    COMP_WORDS=(vietqr en); COMP_CWORD=1; COMP_LINE="vietqr en"; COMP_POINT=${#COMP_LINE}
    _vietqr vietqr en vietqr; printf "%s\n" "${COMPREPLY[@]}" | grep -qx encode
    COMP_WORDS=(vietqr encode --bank Vietcom); COMP_CWORD=3
    COMP_LINE="vietqr encode --bank Vietcom"; COMP_POINT=${#COMP_LINE}
    PATH=$2:$PATH _vietqr vietqr Vietcom --bank; printf "%s\n" "${COMPREPLY[@]}" | grep -qx Vietcombank
    echo "vietqr en<TAB> -> encode; --bank Vietcom<TAB> -> Vietcombank"
  ' _ "$inst/share/bash-completion/completions/vietqr" "$inst/bin"
}

check_wheel() {
  local venv=$tmp/venv-pip venv2=$tmp/venv-wheel dist=$tmp/dist
  say "pip install --no-build-isolation . (a venv that sees Debian's meson-python)"
  "$py" -m venv --system-site-packages "$venv"
  clean_env "$venv/bin/python" -m pip install --no-build-isolation --no-index --no-deps \
    -q "$src" >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; return 1; }
  run_python_suites "$venv/bin/python" quick
  say "python3 -m build --wheel, then the wheel into a plain venv"
  clean_env "$py" -m build --wheel --no-isolation --outdir "$dist" "$src" >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log"; return 1; }
  ls -l "$dist"
  "$py" -m zipfile -l "$dist"/vietqr-*.whl | grep -E 'vietqr/(libvietqr\.so|py\.typed|__main__\.py|_speedups\.)'
  "$py" -m venv "$venv2"
  clean_env "$venv2/bin/python" -m pip install --no-index -q "$dist"/vietqr-*.whl
  run_python_suites "$venv2/bin/python"
  say "VIETQR_LIB still chooses the library"
  local out
  out=$(VIETQR_LIB=/nonexistent/libvietqr.so "$venv2/bin/python" -c 'import vietqr' 2>&1) \
    && { echo "VIETQR_LIB=/nonexistent/libvietqr.so: the import worked"; return 1; }
  echo "$out" | tail -1 | cut -c1-160
  echo "$out" | grep -q '/nonexistent/libvietqr.so' || { echo "VIETQR_LIB was not used"; return 1; }
}

# The Python suites against the package an interpreter finds on its own
# ($2 = quick: test_cli, python -m vietqr against the C tool, is left out).
run_python_suites() {
  local python=$1 quick=${2:-} where
  where=$(cd "$tmp" && clean_env "$python" -c 'import vietqr, vietqr._native as n, vietqr._fast as f; print(vietqr.__file__, n.LIB._name, vietqr.version_string(), "C speedups:", f.FAST and f.FAST.__file__)')
  echo "$where"
  case $where in *"$src"*) echo "the package came from the source tree"; return 1 ;; esac
  case $where in *"C speedups: None") echo "the package has no C speedups"; return 1 ;; esac
  (cd "$tmp" && clean_env "$python" -m vietqr check \
    '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E')
  (cd "$tmp" && clean_env VQR_TEST_DATA="$src/tests/data" VQR_SOURCE_ROOT="$src" \
    VQR_LAYOUT="$build/tests/layout" \
    "$python" "$src/bindings/python/tests/test_vietqr.py" --installed 2>&1 | tail -3)
  (cd "$tmp" && clean_env VQR_TEST_DATA="$src/tests/data" VQR_SOURCE_ROOT="$src" VQR_SPEEDUPS_BUILT=1 \
    "$python" "$src/bindings/python/tests/test_speedups.py" --installed 2>&1 | tail -3)
  [ -n "$quick" ] || (cd "$tmp" && clean_env VQR_TEST_DATA="$src/tests/data" VQR_SOURCE_ROOT="$src" \
    VQR_TOOL="$build/tools/vietqr" "$python" "$src/bindings/python/tests/test_cli.py" --installed \
    2>&1 | tail -3)
  if clean_env "$python" -c 'import vietqr.print' 2>/dev/null; then
    (cd "$tmp" && clean_env VQR_TEST_DATA="$src/tests/data" VQR_SOURCE_ROOT="$src" \
      "$python" "$src/bindings/python/tests/test_print.py" --installed 2>&1 | tail -3)
  fi
}

check_jar() {
  local jar=$build/bindings/java/src/vietqr.jar dir=$tmp/java
  mkdir -p "$dir"
  [ -f "$jar" ] || { echo "no $jar: the gcc build has no Java binding"; return 1; }
  "$py" -m zipfile -l "$jar" | grep -E 'native/linux-x86_64/libvietqr_jni.so|MANIFEST'
  unzip -p "$jar" META-INF/MANIFEST.MF | grep -x 'Automatic-Module-Name: vn.vietqr.*'
  say "javac + java -cp vietqr.jar (no library path, no variable)"
  clean_env javac -d "$dir" -cp "$jar" bindings/java/examples/Invoice.java
  (cd "$dir" && clean_env java -cp "$jar:$dir" Invoice)
  (cd "$dir" && clean_env java -cp "$jar" "$src/bindings/java/examples/Invoice.java" >/dev/null)
  say "a missing library says what was tried"
  mkdir -p "$dir/nojni" && (cd "$dir/nojni" && unzip -q "$jar" && rm -rf vn/vietqr/native && \
    "$py" -m zipfile -c "$dir/nojni.jar" vn META-INF)
  if clean_env java -cp "$dir/nojni.jar:$dir" Invoice >"$dir/nojni.out" 2>&1; then
    echo "a jar without its library loaded one"; return 1
  fi
  grep -o 'libvietqr_jni could not be loaded; tried .*' "$dir/nojni.out" | head -1 | cut -c1-200
  say "sources and Javadoc jars (javadoc -Xwerror)"
  meson compile -C "$build" vietqr-sources.jar vietqr-javadoc.jar >"$dir/javadoc.log" 2>&1 \
    || { cat "$dir/javadoc.log"; return 1; }
  ls -l "$build"/bindings/java/src/vietqr-*.jar
  say "mvn install:install-file into a scratch repository, plugins from Debian's maven-repo"
  # No network: Maven takes its install plugin (Debian's
  # libmaven-install-plugin-java) from /usr/share/maven-repo.
  cat >"$dir/settings.xml" <<'EOF2'
<settings>
  <mirrors>
    <mirror><id>debian</id><mirrorOf>*</mirrorOf><url>file:///usr/share/maven-repo</url></mirror>
  </mirrors>
</settings>
EOF2
  clean_env mvn -q -B -s "$dir/settings.xml" -Dmaven.repo.local="$dir/m2" \
    org.apache.maven.plugins:maven-install-plugin:3.1.0:install-file \
    -Dfile="$jar" -DpomFile="$build/bindings/java/src/pom.xml" \
    -Dsources="$build/bindings/java/src/vietqr-sources.jar" \
    -Djavadoc="$build/bindings/java/src/vietqr-javadoc.jar" >"$dir/mvn.log" 2>&1 \
    || { cat "$dir/mvn.log"; return 1; }
  ls "$dir/m2/vn/vietqr/vietqr/$version/"
}

deb_pkgs=""
check_deb() {
  local work=$tmp/deb
  [ "$(id -u)" = 0 ] || { echo "the Debian check installs packages: run it as root"; return 1; }
  # debian/changelog names the upstream version too: it must be meson.build's.
  local debver
  debver=$(dpkg-parsechangelog -l debian/changelog -S Version)
  [ "${debver%-*}" = "$version" ] \
    || { echo "debian/changelog says $debver, meson.build $version"; return 1; }
  mkdir -p "$work/src"
  git archive --format=tar HEAD | tar -x -C "$work/src"
  # Uncommitted changes too, when run from a working tree.
  git diff HEAD --binary | (cd "$work/src" && git apply --allow-empty 2>/dev/null || true)
  say "dpkg-buildpackage -us -uc -b"
  (cd "$work/src" && clean_env DEB_BUILD_OPTIONS="parallel=2 nocheck" dpkg-buildpackage -us -uc -b \
    >"$work/build.log" 2>&1) || { tail -60 "$work/build.log"; return 1; }
  ls "$work"/*.deb
  say "lintian (errors fail)"
  lintian --fail-on error --suppress-tags-from-file /dev/null "$work"/*.changes \
    | tee "$work/lintian.log" | head -40
  deb_pkgs=$(for d in "$work"/*.deb; do dpkg-deb -f "$d" Package; done)
  # Whatever happens next, the machine gets its state back.
  # shellcheck disable=SC2086 # one word per package
  trap 'apt-get purge -y -qq $deb_pkgs >/dev/null 2>&1 || true; [ -n "${VQR_PACKAGING_TMP:-}" ] || rm -rf "$tmp"' EXIT
  say "apt-get install ./*.deb"
  (cd "$work" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    ./*.deb >"$work/apt.log" 2>&1) || { cat "$work/apt.log"; return 1; }
  say "smoke test against the installed files"
  consumers "" "" "$work/c"
  [ "$(command -v vietqr)" = /usr/bin/vietqr ]
  (cd / && clean_env vietqr --version && clean_env vietqr banks vcb)
  (cd / && clean_env /usr/bin/python3 -c 'import vietqr, vietqr._native as n, vietqr._fast as f; print(vietqr.__file__, n.LIB._name, vietqr.version_string(), "C speedups:", f.FAST.__file__); assert f.FAST is not None')
  (cd / && clean_env /usr/bin/python3 -m vietqr check '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E')
  mkdir -p "$work/java"
  clean_env javac -d "$work/java" -cp /usr/share/java/vietqr.jar bindings/java/examples/Invoice.java
  (cd "$work/java" && clean_env java -cp /usr/share/java/vietqr.jar:. Invoice)
  man -w vietqr libvietqr
  # shellcheck disable=SC2086
  apt-get purge -y -qq $deb_pkgs >/dev/null
  say "removed: $(echo $deb_pkgs)"
  deb_pkgs=""
}

for c in $checks; do
  t0=$(date +%s)
  echo "== packaging: $c"
  "check_$c"
  echo "== packaging: $c ok ($(( $(date +%s) - t0 )) s)"
done
