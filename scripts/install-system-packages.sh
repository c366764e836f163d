#!/usr/bin/env bash
# Installs the Debian packages VitalStorm's tests and demo need, only if missing.
# Idempotent and silent when everything is present; safe for CI (root, no stdin).
set -euo pipefail

# command-or-path-that-must-exist:debian-package
REQUIRED=(
  "redis-server:redis-server"                                       # LocalInfrastructure's Redis
  "setpriv:util-linux"                                              # drops CAP_IPC_LOCK for Cassandra
  "/usr/lib/jvm/java-17-openjdk-amd64/bin/java:openjdk-17-jre-headless" # Cassandra 5.0 needs JDK 17
  "/usr/lib/postgresql/15/bin/initdb:postgresql"                    # the hospital database of the registry-sync tests
  "chromium:chromium"                                               # the dashboard's browser test
  "chromedriver:chromium-driver"                                    # Selenium drives chromium through it
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
apt=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get)
"${apt[@]}" update -qq </dev/null >/dev/null
"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null

for entry in "${REQUIRED[@]}"; do
  cmd="${entry%%:*}"
  command -v "$cmd" >/dev/null 2>&1 || { echo "install-system-packages: '$cmd' still missing" >&2; exit 1; }
done
