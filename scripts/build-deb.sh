#!/usr/bin/env bash
# Builds the Debian package from the files git knows (committed or not, minus ignored ones)
# in a scratch copy, so the work tree is left as it was. Installs the build tools first if
# they are missing. Output: deb/ooni-api_<version>_amd64.deb (+ lintian's verdict).
#   scripts/build-deb.sh            build and run lintian (fails on lintian errors)
#   scripts/build-deb.sh --no-lint  build only
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lint=1
[ "${1:-}" = "--no-lint" ] && lint=0

need=()
command -v dpkg-buildpackage >/dev/null || need+=(dpkg-dev)
command -v dh >/dev/null || need+=(debhelper)
[ "$lint" = 1 ] && ! command -v lintian >/dev/null && need+=(lintian)
if [ "${#need[@]}" -gt 0 ]; then
  echo "build-deb: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/src"
# (a tracked file deleted in the work tree is skipped with a warning)
git ls-files -z --cached --others --exclude-standard |
  tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$scratch/src"

(cd "$scratch/src" && dpkg-buildpackage -us -uc -b)

mkdir -p deb
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
deb="deb/ooni-api_${version}_amd64.deb"
mv "$scratch/ooni-api_${version}_amd64.deb" "$deb"
echo "build-deb: $root/$deb ($(du -h "$deb" | cut -f1))"

if [ "$lint" = 1 ]; then
  lintian --fail-on error "$deb"
  echo "build-deb: lintian: no errors"
fi
