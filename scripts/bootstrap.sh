#!/usr/bin/env bash
# Installs the system packages the build needs, when they are missing (Debian 12).
# Idempotent and quiet when everything is there already.
set -euo pipefail

need=()
pkg-config --version >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists rdkafka 2>/dev/null || need+=(librdkafka-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
pkg-config --exists jemalloc 2>/dev/null || need+=(libjemalloc-dev)
command -v kcat >/dev/null 2>&1 || need+=(kcat)

if ((${#need[@]})); then
  echo "bootstrap: installing ${need[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /opt/swift/bin; do
    if [ -x "$candidate/swift" ]; then export PATH="$candidate:$PATH"; fi
  done
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "bootstrap: the Swift 6 toolchain is not on PATH (it is not a Debian package); install it from swift.org first" >&2
  exit 1
fi
