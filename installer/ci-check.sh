#!/usr/bin/env bash
# Installer check for CI (root, Debian/Ubuntu, no display, no GPU needed):
#   builds the .deb, installs it with dpkg -i, runs the installed launcher's --self-test headless,
#   then removes the package again.
#
#   installer/ci-check.sh              the default (CUDA ONNX Runtime) package, as shipped
#   installer/ci-check.sh -Pcpu        the CPU-only package; any argument goes on to Maven
#
# Needs: fakeroot, binutils (objcopy) for jpackage; xdg-utils for the package's menu entry and file
# associations (a Depends of the .deb); any other Depends that jpackage found are installed from the
# .deb's own control data before dpkg -i. Run from anywhere; uses ./mvnw of this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

pkg=mae-workbench
launcher=/opt/$pkg/bin/$pkg

[ "$(id -u)" = 0 ] || { echo "ci-check: run as root (dpkg -i)" >&2; exit 2; }

# A CI package is built, installed and thrown away: gzip -1 packs the ~400 MB of CUDA natives in about a
# minute where dpkg-deb's default xz takes ~8 on two cores. Release builds keep xz (smaller download).
export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
export DPKG_DEB_COMPRESSOR_LEVEL=${DPKG_DEB_COMPRESSOR_LEVEL:-1}

start=$(date +%s)
# Tests run in the CI's own `./mvnw verify`; here only the package is built.
./mvnw -B -q -Pinstaller -DskipTests -pl installer -am "$@" package
deb=$(ls installer/target/installer/${pkg}_*.deb)
echo "ci-check: built $deb ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

# A leftover from an aborted run would make dpkg -i an upgrade; start clean.
if dpkg -s "$pkg" >/dev/null 2>&1; then dpkg --purge "$pkg" >/dev/null 2>&1 || true; fi

# Install the package's Depends that are missing (xdg-utils and whatever shared libraries jpackage found),
# so that dpkg -i itself must succeed.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -e 's/([^)]*)//g' -e 's/|.*//' -e 's/^ *//' -e 's/ *$//' | grep -v '^$' || true)
missing=()
for d in $deps; do dpkg -s "$d" >/dev/null 2>&1 || missing+=("$d"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "ci-check: installing the package's dependencies: ${missing[*]}"
  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

removed=0
cleanup() { [ "$removed" = 1 ] || dpkg -r "$pkg" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# On a machine without a desktop (CI) the postinst/prerm print "xdg-desktop-menu: No writable system menu
# directory found": expected, the menu entry is best effort (src/jpackage/linux/postinst).
dpkg -i "$deb"
test -x "$launcher"
test -d "/opt/$pkg/lib/app/native"
test -d "/opt/$pkg/lib/app/assets/samples"

# Headless: no DISPLAY (and no X at all on CI); --self-test must not touch JavaFX.
echo "ci-check: $launcher --self-test"
rc=0
env -u DISPLAY -u WAYLAND_DISPLAY "$launcher" --self-test || rc=$?

dpkg -r "$pkg"
dpkg --purge "$pkg" >/dev/null   # dpkg -r keeps the package's record in "config-files" state
removed=1
if [ -e "/opt/$pkg" ]; then echo "ci-check: /opt/$pkg left behind after dpkg -r" >&2; rc=1; fi

if [ "$rc" = 0 ]; then
  echo "ci-check: installer self-test passed ($(( $(date +%s) - start )) s)"
else
  echo "ci-check: installer self-test FAILED (exit $rc)" >&2
fi
exit "$rc"
