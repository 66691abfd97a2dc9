#!/usr/bin/env bash
# Makes sure the browser of the end-to-end tests is installed: Debian's chromium (a test tool's own
# browser download does not work here) and a Devanagari font, so that Hindi text renders in the
# screenshots. Installs with apt where missing; quiet when all is there.
set -euo pipefail

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium > /dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-lohit-deva > /dev/null 2>&1 || missing+=(fonts-lohit-deva)
if ((${#missing[@]} > 0)); then
  echo "Installing ${missing[*]} (apt) for the browser tests..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" > /dev/null
fi
