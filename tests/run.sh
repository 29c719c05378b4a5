#!/usr/bin/env bash
# Runs the tests, after installing what they need: the README's test
# command, and what CI runs (`.ci/run`).
#
# The integration tests read PDFs back with poppler (`pdftotext`,
# `pdffonts`, `pdfinfo`, `pdfsig`, `pdfimages`, Debian's poppler-utils) and check them
# with `qpdf`; the signing tests make keys with `openssl`, a token with
# SoftHSM2 (`softhsm2`, and `pkcs11-tool` of `opensc`) and verify with
# pyHanko (PyPI, in a venv under target/); the full-disk test mounts
# a small tmpfs, which needs root (CI runs as root); `mkfifo` and `mount`
# come with every Debian system. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tool (on PATH or at a path) and the Debian package that has it.
missing=()
for tool in pdftotext:poppler-utils pdffonts:poppler-utils pdfinfo:poppler-utils \
  pdfsig:poppler-utils pdftohtml:poppler-utils pdfimages:poppler-utils qpdf:qpdf openssl:openssl \
  softhsm2-util:softhsm2 pkcs11-tool:opensc; do
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

# pyHanko, the independent verifier of the signing tests, from PyPI into a
# venv of its own under target/ (kept between runs of the same clone).
venv=target/pyhanko-venv
if [ ! -x "$venv/bin/pyhanko" ]; then
  echo "installing pyhanko-cli into $venv for the signing tests" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pyhanko-cli
fi
export VANBAN_PYHANKO="$PWD/$venv/bin/pyhanko"
# SoftHSM2's module, for the token tests.
for m in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
  /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so; do
  if [ -e "$m" ]; then export VANBAN_SOFTHSM="$m"; break; fi
done

if [ "$(id -u)" -ne 0 ]; then
  echo "note: not root: the full-disk test (it mounts a tmpfs) will fail" >&2
fi

cargo test --release "$@"
