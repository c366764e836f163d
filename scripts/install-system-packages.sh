#!/usr/bin/env bash
# Installs the Debian packages VitalStorm's tests and demo need, only if missing.
# Idempotent and silent when everything is present; safe for CI (root, no stdin).
set -euo pipefail

# command-that-must-exist:debian-package
REQUIRED=(
  "redis-server:redis-server"
  "setpriv:util-linux"
)

missing=()
for entry in "${REQUIRED[@]}"; do
  cmd="${entry%%:*}"
  pkg="${entry#*:}"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done

[ "${#missing[@]}" -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "install-system-packages: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq </dev/null >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null

for entry in "${REQUIRED[@]}"; do
  cmd="${entry%%:*}"
  command -v "$cmd" >/dev/null 2>&1 || { echo "install-system-packages: '$cmd' still missing" >&2; exit 1; }
done
