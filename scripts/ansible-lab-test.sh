#!/usr/bin/env bash
# Multi-host test of the Ansible playbooks on real hosts: five network-namespace hosts on this
# machine (scripts/lab/lab.sh), provisioned from scratch with ansible/site.yml + deploy.yml, then
# asserted: ZooKeeper quorum, KRaft quorum, topics RF 3 / min ISR 2, Cassandra 3x UN, Redis
# replication, Supervisors + topology ACTIVE, an alert end to end (Kafka -> clinician topic,
# Redis latest state, Cassandra history); a second site.yml run with changed=0 on every host
# (JSON callback); kill -9 of the ZooKeeper/Kafka/Cassandra host vs-h1 with readings still
# alerting; rolling-restart.yml while readings stream, no alert lost. Everything is torn down
# at the end (trap), leaving no process, mount or route.
#   scripts/ansible-lab-test.sh            the whole test (as root; ~15 min on 2 cores)
#   scripts/ansible-lab-test.sh up|down    just the hosts, for working on the roles
# Needs: ansible, openssh-server, tini, iproute2 (scripts/install-system-packages.sh) and the
# install sources (scripts/ansible-dist.sh; VITALSTORM_DIST_NO_BUILD=1 to skip the build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lab/lab.sh
source "$ROOT/scripts/lab/lab.sh"
export ANSIBLE_CONFIG="$LAB_DIR/conf/ansible.cfg"
export ANSIBLE_FORCE_COLOR=0 ANSIBLE_NOCOLOR=1
PLATFORM_CP="/opt/vitalstorm/platform/lib/*"
T0=1793520000000   # 2026-11-01T08:00:00Z: event times of the readings
MINUTE=60000
declare -A TIMES

[[ "$(id -u)" -eq 0 ]] || { echo "ansible-lab-test: needs root (network namespaces)" >&2; exit 1; }

ssh_lab() { ssh -F "$LAB_DIR/conf/ssh_config" "$@"; }

lab_secrets() { # the lab's vault: generated secrets, encrypted with a generated vault password
  [[ -f "$LAB_DIR/conf/vault.yml" ]] && return 0
  head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$LAB_DIR/conf/vault-pass"
  chmod 600 "$LAB_DIR/conf/vault-pass"
  local s; s() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
  cat > "$LAB_DIR/conf/vault.yml" <<YML
vault_kafka_cluster_id: "$(python3 -c 'import base64,uuid;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')"
vault_redis_app_password: "lab-app-$(s)"
vault_redis_replication_password: "lab-repl-$(s)"
vault_redis_sentinel_password: "lab-sentinel-$(s)"
vault_zk_operator_password: "lab-operator-$(s)"
YML
  ansible-vault encrypt --vault-password-file "$LAB_DIR/conf/vault-pass" "$LAB_DIR/conf/vault.yml" >/dev/null
}

playbook() { # playbook NAME.yml [args]: output to $LAB_DIR/logs/NAME-N.log
  local name="$1"; shift
  mkdir -p "$LAB_DIR/logs"
  local log="$LAB_DIR/logs/${name%.yml}-$(date +%s).log"
  local start=$SECONDS
  if ! (cd "$ROOT/ansible" && ansible-playbook "$name" -e "@$LAB_DIR/conf/vault.yml" \
        --vault-password-file "$LAB_DIR/conf/vault-pass" "$@") >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    lab_log "FAILED: $name $* (log $log)"
    return 1
  fi
  TIMES[$name]=$((SECONDS - start))
  lab_log "$name $* ok in $((SECONDS - start)) s (log $log)"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # every process this script started that talks to the lab first, then the lab, the route last
  jobs -p | xargs -r kill 2>/dev/null || true
  wait 2>/dev/null || true
  lab_down
  exit "$rc"
}

case "${1:-test}" in
  up) lab_up; lab_secrets; exit 0 ;;
  down) lab_down; exit 0 ;;
  test) ;;
  *) echo "usage: ansible-lab-test.sh [test|up|down]" >&2; exit 64 ;;
esac
