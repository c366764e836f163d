#!/usr/bin/env bash
# PID 1's parent inside one lab host: runs in fresh network, mount, UTS and PID namespaces
# (started by scripts/ansible-lab.sh through unshare). Waits for its veth, then builds the
# host's root (an overlay of / whose writes stay in this host's upper dir) and execs
# tini + sshd there.  Args: NAME ADDRESS/PREFIX STATE_DIR SSHD_CONFIG HOSTS_FILE
set -euo pipefail
name="$1" cidr="$2" state="$3" sshd_config="$4" hosts_file="$5"

for _ in $(seq 1 100); do ip link show eth0 >/dev/null 2>&1 && break; sleep 0.1; done
ip link set lo up
ip addr add "$cidr" dev eth0
ip link set eth0 up
# no default route: the host reaches its lab peers on the bridge and nothing else

hostname "$name"
mount --make-rprivate /
root="$state/root"
mkdir -p "$state/upper" "$state/work" "$root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$state/upper,workdir=$state/work" "$root"
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs -o mode=755 tmpfs "$root/run"
mkdir -p "$root/run/sshd"
echo "$name" > "$root/etc/hostname"
cp "$hosts_file" "$root/etc/hosts"
exec chroot "$root" /usr/bin/tini -s -- /usr/sbin/sshd -D -e -f "$sshd_config"
