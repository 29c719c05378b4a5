#!/usr/bin/env bash
# Runs the tests, after installing what they need: the README's test
# command, and what CI runs (`.ci/run`).
#
# The integration tests read PDFs back with poppler (`pdftotext`,
# `pdffonts`, `pdfinfo`, `pdfimages`, Debian's poppler-utils); the
# full-disk test mounts a small tmpfs, which needs root (CI runs as root);
# `mkfifo` and `mount` come with every Debian system. Extra arguments go
# to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in pdftotext:poppler-utils pdffonts:poppler-utils pdfinfo:poppler-utils pdfimages:poppler-utils; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  # One package may be named by several tools.
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]} for the tests" >&2
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "note: not root: the full-disk test (it mounts a tmpfs) will fail" >&2
fi

cargo test --release "$@"
