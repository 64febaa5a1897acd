#!/usr/bin/env bash
# Prepares the side-by-side fastpath bench (`npm run bench -- vs-python`):
#   1. installs the Debian packages the original Python fastpath scores with (no PyPI);
#   2. given a git directory of ooni/backend (e.g. from the tool library's `fetch`), unpacks its
#      `fastpath/` into a directory and prints the OONI_BACKEND_SRC to export.
# Usage: scripts/setup-vs-python.sh [<ooni/backend git dir> [<target dir>]]
set -euo pipefail

packages=(python3 python3-ujson python3-yaml python3-packaging)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}"
fi
echo "python packages: ${packages[*]} installed"

if [[ $# -ge 1 ]]; then
  git_dir=$1
  target=${2:-${TMPDIR:-/tmp}/ooni-backend-src}
  mkdir -p "$target"
  git --git-dir "$git_dir" archive HEAD fastpath | tar -x -C "$target"
  echo "export OONI_BACKEND_SRC=$target"
fi
