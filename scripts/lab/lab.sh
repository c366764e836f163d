#!/usr/bin/env bash
# The Ansible lab: test hosts as network namespaces on this machine (sourced by
# scripts/ansible-lab-test.sh). Each host has its own network, mount, UTS and PID namespaces, an
# overlay of / (its writes stay in its upper dir, on a tmpfs of the lab), tini as PID 1 and sshd
# on its address on a private bridge that only this machine knows.
#
# Network safety (mandatory): traffic goes only to loopback or to these hosts. An `unreachable`
# route for the lab subnet is installed in the root namespace before anything starts and removed
# last, after every process that talked to the lab has exited, so a late packet can never follow
# the default route out of the machine; the hosts have no default route at all; SSH connection
# sharing is off.
LAB_SUBNET_PREFIX="${LAB_SUBNET_PREFIX:-10.250.47}"
LAB_SUBNET="$LAB_SUBNET_PREFIX.0/24"
LAB_BRIDGE="${LAB_BRIDGE:-vslab0}"
LAB_DIR="${LAB_DIR:-/tmp/vitalstorm-lab}"
LAB_HOSTS="${LAB_HOSTS:-5}"
LAB_ROUTE_METRIC=4000
LAB_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

lab_log() { echo "[lab $(date -u +%H:%M:%S)] $*" >&2; }
lab_ip() { echo "$LAB_SUBNET_PREFIX.$((10 + $1))"; }

lab_route_up() {
  ip route replace unreachable "$LAB_SUBNET" metric "$LAB_ROUTE_METRIC"
}

lab_route_down() {
  ip route del unreachable "$LAB_SUBNET" metric "$LAB_ROUTE_METRIC" 2>/dev/null || true
}

lab_prepare() {
  mkdir -p "$LAB_DIR/conf" "$LAB_DIR/state" "$LAB_DIR/run"
  mountpoint -q "$LAB_DIR/state" || mount -t tmpfs -o size=12g,mode=700 vitalstorm-lab "$LAB_DIR/state"
  local c="$LAB_DIR/conf"
  [[ -f "$c/id_lab" ]] || ssh-keygen -q -t ed25519 -N '' -C vitalstorm-lab -f "$c/id_lab"
  [[ -f "$c/ssh_host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C vitalstorm-lab-host -f "$c/ssh_host_ed25519_key"
  cp "$c/id_lab.pub" "$c/authorized_keys"
  : > "$c/hosts"
  echo "127.0.0.1 localhost" >> "$c/hosts"
  local i
  : > "$c/ssh_config"
  for i in $(seq 1 "$LAB_HOSTS"); do
    echo "$(lab_ip "$i") vs-h$i" >> "$c/hosts"
    cat > "$c/sshd_config.h$i" <<CFG
ListenAddress $(lab_ip "$i")
HostKey $c/ssh_host_ed25519_key
AuthorizedKeysFile $c/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PidFile none
MaxStartups 50
MaxSessions 50
CFG
    cat >> "$c/ssh_config" <<CFG
Host vs-h$i
  HostName $(lab_ip "$i")
  User root
  IdentityFile $c/id_lab
  IdentitiesOnly yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  ControlMaster no
  ControlPath none
  BatchMode yes
  KexAlgorithms curve25519-sha256
CFG
  done
  cat > "$c/ansible.cfg" <<CFG
[defaults]
roles_path = $LAB_SCRIPTS/../../ansible/roles
inventory = $LAB_SCRIPTS/../../ansible/inventories/lab
host_key_checking = False
interpreter_python = /usr/bin/python3
forks = 5
private_key_file = $c/id_lab
retry_files_enabled = False
callbacks_enabled = ansible.posix.profile_tasks
# Mitogen (Debian ansible-mitogen, strategy/vs_mitogen_linear.py): one Python per host for the
# whole playbook run instead of an ssh login and a Python start per task and host; ~4x less wall
# time per task on 2 cores. Its ssh sessions belong to the ansible-playbook process and end with it.
strategy_plugins = $LAB_SCRIPTS/strategy
strategy = vs_mitogen_linear
# facts once per host per playbook run (the memory cache), not once per play: like ansible/ansible.cfg
gathering = smart
timeout = 30

[ssh_connection]
pipelining = True
# no connection sharing: no ssh master process outlives a task. Every task opens a connection per
# host: curve25519 key exchange (not the default post-quantum hybrid) saves ~80 ms CPU per side each
# time on a bridge that only this machine knows.
ssh_args = -o ControlMaster=no -o ControlPath=none -o ControlPersist=no -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o IdentitiesOnly=yes -o KexAlgorithms=curve25519-sha256
CFG
}

lab_bridge_up() {
  ip link show "$LAB_BRIDGE" >/dev/null 2>&1 && return 0
  ip link add "$LAB_BRIDGE" type bridge
  ip addr add "$LAB_SUBNET_PREFIX.1/24" dev "$LAB_BRIDGE"
  ip link set "$LAB_BRIDGE" up
}

lab_host_pid() { cat "$LAB_DIR/run/h$1.pid" 2>/dev/null || true; }

lab_host_alive() { local pid; pid="$(lab_host_pid "$1")"; [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

# lab_host_start I: (re)starts host I; a restart keeps its upper dir (its disk)
lab_host_start() {
  local i="$1" veth="vsh$1" pid
  lab_host_alive "$i" && return 0
  ip link del "$veth" 2>/dev/null || true
  ip link add "$veth" type veth peer name "${veth}p"
  ip link set "$veth" master "$LAB_BRIDGE" up
  mkdir -p "$LAB_DIR/state/h$i"
  setsid unshare --net --mount --uts --pid --fork --kill-child \
    "$LAB_SCRIPTS/host-init.sh" "vs-h$i" "$(lab_ip "$i")/24" "$LAB_DIR/state/h$i" \
    "$LAB_DIR/conf/sshd_config.h$i" "$LAB_DIR/conf/hosts" \
    >>"$LAB_DIR/run/h$i.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$LAB_DIR/run/h$i.pid"
  # the link may move only once unshare has made the new network namespace
  for _ in $(seq 1 100); do
    [[ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ]] && break
    sleep 0.05
  done
  ip link set "${veth}p" netns "$pid"
  nsenter -t "$pid" -n ip link set "${veth}p" name eth0
}

lab_wait_ssh() { # lab_wait_ssh I
  local i="$1"
  for _ in $(seq 1 100); do
    ssh -F "$LAB_DIR/conf/ssh_config" -o ConnectTimeout=1 "vs-h$i" true 2>/dev/null && return 0
    sleep 0.2
  done
  lab_log "vs-h$i: sshd not reachable"; cat "$LAB_DIR/run/h$i.log" >&2; return 1
}

# kill -9 of the host: SIGKILL to its PID 1 (tini), so the kernel kills every process in it
lab_host_kill() {
  local i="$1" pid child
  pid="$(lab_host_pid "$i")"
  [[ -n "$pid" ]] || return 0
  child="$(pgrep -P "$pid" | head -n1 || true)"
  [[ -n "$child" ]] && kill -KILL "$child" 2>/dev/null || true
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  ip link del "vsh$i" 2>/dev/null || true
}

lab_up() {
  lab_route_up
  lab_prepare
  lab_bridge_up
  local i
  for i in $(seq 1 "$LAB_HOSTS"); do lab_host_start "$i"; done
  for i in $(seq 1 "$LAB_HOSTS"); do lab_wait_ssh "$i"; done
  lab_log "$LAB_HOSTS hosts up on $LAB_SUBNET"
}

# lab_quiesce: waits until no socket of this (root) namespace talks to the lab any more; a client
# still connected after 30 s (an ssh of a killed stream) is ended by its pid, and the kernel's
# orphaned sockets (LAST-ACK) get up to 3 more minutes. Only then may the
# unreachable route go: no late packet of it can follow the default route.
lab_quiesce() {
  local open pids
  for _ in $(seq 1 150); do
    open="$(ss -Htanp dst "$LAB_SUBNET" 2>/dev/null | grep -v '^TIME-WAIT' || true)"
    [[ -z "$open" ]] && return 0
    sleep 0.2
  done
  pids="$(grep -o 'pid=[0-9]*' <<<"$open" | cut -d= -f2 | sort -u)"
  lab_log "still connected to the lab, ending pids: $pids"
  [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null
  # the kernel's own orphans (LAST-ACK, FIN-WAIT) retransmit for up to a few minutes
  for _ in $(seq 1 900); do
    [[ -z "$(ss -Htanp dst "$LAB_SUBNET" 2>/dev/null | grep -v '^TIME-WAIT')" ]] && return 0
    sleep 0.2
  done
  lab_log "sockets to the lab remain; the unreachable route stays (remove it with: ip route del unreachable $LAB_SUBNET metric $LAB_ROUTE_METRIC)"
  return 1
}

# everything the lab started, in reverse: hosts (and every process in them), links, the tmpfs,
# and the unreachable route last
lab_down() {
  local i
  for i in $(seq 1 "${LAB_HOSTS}"); do lab_host_kill "$i"; done
  ip link del "$LAB_BRIDGE" 2>/dev/null || true
  if mountpoint -q "$LAB_DIR/state" 2>/dev/null; then umount "$LAB_DIR/state" || umount -l "$LAB_DIR/state"; fi
  rm -rf "$LAB_DIR/run"
  lab_quiesce || return 1
  lab_route_down
  lab_log "lab down: no host, bridge, tmpfs or route left"
}
