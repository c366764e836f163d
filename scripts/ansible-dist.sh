#!/usr/bin/env bash
# Builds the offline install sources the Ansible roles ship to the hosts (no internet download):
#   platform.tar.gz   vitalstorm-cli + its runtime dependencies: the CLI, the ZooKeeper server
#                     (QuorumPeerMain), the Kafka broker (kafka.Kafka, StorageTool) and clients
#   cassandra.tar.gz  the runtime classpath of cassandra-all (Maven), nodetool included
#   storm-home.tar.gz cluster/target/storm-home, the Maven-assembled Storm 2.8.3 installation
#   vitalstorm-topology.jar  the shaded jar `storm jar` submits
# Usage: scripts/ansible-dist.sh [OUT_DIR]   (default target/ansible-dist; VITALSTORM_DIST_NO_BUILD=1
# packs what is already built). A reactor `mvn package` of this checkout: nothing goes to ~/.m2.
# The tarballs are reproducible (sorted, fixed times), so an unchanged build means an unchanged
# checksum and the roles leave the hosts alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/target/ansible-dist}"
cd "$ROOT"
if [[ "${VITALSTORM_DIST_NO_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests package >&2
fi
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$OUT" "$stage/platform/lib" "$stage/cassandra/lib"

copy_jars() { # copy_jars DEST classpath-entries...: jars only (reactor entries may be class dirs)
  local dest="$1"; shift
  local entry
  for entry in "$@"; do
    if [[ -f "$entry" ]]; then cp "$entry" "$dest/"; else echo "ansible-dist: not a jar, skipped: $entry" >&2; fi
  done
}
IFS=: read -r -a platform <<<"$(cat cli/target/runtime.classpath)"
copy_jars "$stage/platform/lib" "$(ls cli/target/vitalstorm-cli-*.jar | grep -v sources | head -n1)" "${platform[@]}"
IFS=: read -r -a cassandra <<<"$(cat infra/cassandra-runtime/target/classes/io/vitalstorm/infra/cassandra/classpath.txt)"
copy_jars "$stage/cassandra/lib" "${cassandra[@]}"
cp -a cluster/target/storm-home "$stage/storm-home"
rm -rf "$stage/storm-home/logs"

pack() { # pack NAME: a reproducible tarball of $stage/NAME
  tar -C "$stage/$1" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . | gzip -n > "$OUT/$1.tar.gz.tmp"
  mv "$OUT/$1.tar.gz.tmp" "$OUT/$1.tar.gz"
}
pack platform
pack cassandra
pack storm-home
cp "$(ls topology/target/vitalstorm-topology-*-storm.jar | head -n1)" "$OUT/vitalstorm-topology.jar"
ls -l "$OUT" >&2
