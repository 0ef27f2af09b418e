#!/usr/bin/env bash
# Debian packages the test suite needs beyond Python: Chromium (and its headless shell, which the page
# tests drive: the same renderer at half the CPU) and a CJK font for the page tests, promtool for the
# Prometheus configuration. Installs only what is missing; retries once,
# since a package mirror may hiccup.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromium-headless-shell >/dev/null || missing+=(chromium-headless-shell)
{ command -v fc-list >/dev/null && fc-list | grep -qi wenquanyi; } || missing+=(fonts-wqy-microhei)
command -v promtool >/dev/null || missing+=(prometheus)
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
for attempt in 1 2; do
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
       "${missing[@]}" >/dev/null; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt); retrying" >&2
  sleep 10
done
exit 1
