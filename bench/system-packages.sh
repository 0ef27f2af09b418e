#!/usr/bin/env bash
# Debian packages only the benchmark needs: wrk, the compiled load generator of the throughput phase
# (bench/wrk/reports.lua gives each request its own Idempotency-Key). Installs only what is missing.
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "wrk is missing — run: sudo apt-get install -y wrk (the bench falls back to its Python load generator)" >&2
  exit 0
fi
for attempt in 1 2; do
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; then
    exit 0
  fi
  echo "apt-get failed (attempt $attempt); retrying" >&2
  sleep 10
done
echo "could not install wrk; the bench falls back to its Python load generator" >&2
exit 0
