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
#   scripts/ansible-lab-test.sh from PHASE on a lab that is up (left by VITALSTORM_LAB_KEEP=1 after
#                                          a failure): the phases from PHASE on, without
#                                          provisioning again; PHASE is one of $PHASES
# VITALSTORM_LAB_SKIP="idempotence ..." leaves phases out while iterating (never in CI).
# VITALSTORM_LAB_ROTATE=1 adds the last phase, rotate: rotate-certificates.yml trust, sign, retire
# (ca1 -> ca2) while readings stream, no alert lost, every TLS port then presents a ca2 certificate.
# VITALSTORM_LAB_KEEP=1 leaves the hosts (and the unreachable route) up when the test fails.
# Under a lock use `flock -o LOCK scripts/ansible-lab-test.sh`: without -o the hosts inherit the
# lock's descriptor and hold it until they are torn down.
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
STREAM_PID=""

[[ "$(id -u)" -eq 0 ]] || { echo "ansible-lab-test: needs root (network namespaces)" >&2; exit 1; }

ssh_lab() { ssh -F "$LAB_DIR/conf/ssh_config" "$@"; }

lab_secrets() { # the lab's vault: generated secrets, encrypted with a generated vault password;
  # an existing vault keeps its values and gets the secrets added since it was made
  local c="$LAB_DIR/conf" plain
  if [[ ! -f "$c/vault-pass" ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$c/vault-pass")
  fi
  plain="$(umask 077; mktemp "$c/vault-plain.XXXXXX")"
  if [[ -f "$c/vault.yml" ]]; then
    ansible-vault view --vault-password-file "$c/vault-pass" "$c/vault.yml" > "$plain"
  fi
  local before; before="$(wc -l < "$plain")"
  local s; s() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
  add() { grep -q "^$1: " "$plain" || echo "$1: \"$2\"" >> "$plain"; }
  add vault_kafka_cluster_id "$(python3 -c 'import base64,uuid;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')"
  add vault_redis_app_password "lab-app-$(s)"
  add vault_redis_replication_password "lab-repl-$(s)"
  add vault_redis_sentinel_password "lab-sentinel-$(s)"
  add vault_zk_operator_password "lab-operator-$(s)"
  add vault_zk_topology_password "lab-topology-$(s)"
  add vault_zk_storm_password "lab-storm-$(s)"
  add vault_cassandra_admin_password "labcassandraadmin$(s)"
  add vault_cassandra_runtime_password "labcassandraruntime$(s)"
  add vault_kafka_admin_password "labkafkaadmin$(s)"
  add vault_kafka_topology_password "labkafkatopology$(s)"
  add vault_kafka_device_password "labkafkadevice$(s)"
  add vault_kafka_clinician_password "labkafkaclinician$(s)"
  add vault_tls_keystore_password "labkeystore$(s)"
  add vault_tls_truststore_password "labtruststore$(s)"
  if [[ ! -f "$c/vault.yml" || "$(wc -l < "$plain")" != "$before" ]]; then
    ansible-vault encrypt --vault-password-file "$c/vault-pass" --output "$c/vault.yml.new" "$plain" >/dev/null
    mv "$c/vault.yml.new" "$c/vault.yml"
  fi
  rm -f "$plain"
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

cleanup() { # cleanup [RC]: RC is given for INT/TERM (then $? may be 0: a signal is a failure)
  local rc=$?
  [[ -n "${1:-}" ]] && rc="$1"
  trap - EXIT INT TERM
  # every process this script started that talks to the lab first (the reading stream), then
  # the hosts and every process in them, the route last (lab_down)
  if [[ -n "$STREAM_PID" ]]; then
    pkill -P "$STREAM_PID" 2>/dev/null || true
    kill "$STREAM_PID" 2>/dev/null || true
    wait "$STREAM_PID" 2>/dev/null || true
  fi
  if [[ "$rc" -ne 0 && "${VITALSTORM_LAB_KEEP:-0}" == 1 ]]; then
    lab_log "VITALSTORM_LAB_KEEP=1: the lab stays up (scripts/ansible-lab-test.sh from PHASE | down)"
    exit "$rc" # no wait: the hosts are children of this script and stay up
  fi
  lab_down
  wait 2>/dev/null || true
  exit "$rc"
}

PHASES="provision health e2e idempotence secrets refusals kill rolling rotate"
FROM=provision
case "${1:-test}" in
  up) lab_up; lab_secrets; exit 0 ;;
  down) lab_down; exit 0 ;;
  test) ;;
  from) FROM="${2:-}"; [[ " $PHASES " == *" $FROM "* ]] || { echo "ansible-lab-test: phases: $PHASES" >&2; exit 64; } ;;
  *) echo "usage: ansible-lab-test.sh [test|up|down|from PHASE]" >&2; exit 64 ;;
esac
# phase NAME: whether this run does NAME (every phase from $FROM on, minus VITALSTORM_LAB_SKIP, a
# space-separated list of phases left out while iterating on later ones; a CI run sets none)
phase() {
  [[ " ${VITALSTORM_LAB_SKIP:-} " == *" $1 "* ]] && { lab_log "phase $1 skipped (VITALSTORM_LAB_SKIP)"; return 1; }
  [[ " ${PHASES#*"$FROM"} " == *" $1 "* || "$1" == "$FROM" ]]
}

# ---- helpers that act on the lab through its hosts (never from the root namespace's sockets) ----
# secret NAME: a value of the lab's vault; fails when it is missing or empty. ansible-vault refuses
# to run on a non-blocking stderr, which an ssh running alongside (a pipeline) can leave behind:
# its stdin and stderr are its own.
secret() {
  local v
  v="$(ansible-vault view --vault-password-file "$LAB_DIR/conf/vault-pass" "$LAB_DIR/conf/vault.yml" \
    </dev/null 2>>"$LAB_DIR/logs/vault.err" | sed -n "s/^$1: \"\\(.*\\)\"$/\\1/p")"
  [[ -n "$v" ]] || { echo "ansible-lab-test: no $1 in the lab vault (see $LAB_DIR/logs/vault.err)" >&2; return 1; }
  printf '%s' "$v"
}
BOOTSTRAP="$(lab_ip 1):9092,$(lab_ip 2):9092,$(lab_ip 3):9092"
# the roles' Kafka tool, from this checkout (visible in every host through its
# overlay of /), compiled once per host that runs them (lab_tools). Over SASL_SSL: on a Kafka host
# as the super user (the role's /etc/kafka/admin.properties), on vs-h5 with the client files
# lab_tools writes there (0600): the device principal produces, the super user reads back.
TOOLS_CP="$PLATFORM_CP:/root/lab-tools"
kadmin() { # kadmin CLIENT_PROPERTIES_FILE: the tool's command line with that login ("" = none)
  echo "java -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile=/opt/vitalstorm/conf/log4j2-tools.xml -Dvs.kafka.client.config=$1 -cp '$TOOLS_CP' VsKafkaAdmin"
}
KADMIN="$(kadmin /etc/kafka/admin.properties)"
KPRODUCE="$(kadmin /root/lab-tools/device.properties)"
KCONSUME="$(kadmin /root/lab-tools/admin.properties)"
CLI="java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile=/opt/vitalstorm/conf/log4j2-tools.xml -cp '$PLATFORM_CP' io.vitalstorm.cli.Main"
REDIS_CA=/etc/vitalstorm-redis/tls/ca.crt
# mutual TLS (the redis role's default): redis-cli on a Redis host presents that host's certificate
REDIS_CERT="--cert /etc/vitalstorm-redis/tls/host.crt --key /etc/vitalstorm-redis/tls/host.key"

# redis HOST USER VAULT_KEY ARGS...: redis-cli on HOST (a Redis host) over mutual TLS as USER; the
# password goes over ssh's stdin into redis-cli's environment, never onto a command line
redis() {
  local host="$1" user="$2" key="$3"; shift 3
  local password; password="$(secret "$key")"   # not beside ssh in one pipeline (kafka_client_file)
  printf '%s\n' "$password" | ssh_lab "$host" "read -r REDISCLI_AUTH; export REDISCLI_AUTH; redis-cli --tls --cacert $REDIS_CA $REDIS_CERT -h $(lab_ip "${host#vs-h}") --user $user $*"
}

kafka_client_file() { # kafka_client_file HOST NAME USER VAULT_KEY: a 0600 SASL_SSL client file on HOST
  # the secrets first: ansible-vault inside the pipeline would run beside ssh, which makes the shared
  # stderr non-blocking ("Ansible requires blocking IO"; lab run 6 got empty passwords that way)
  local password truststore
  password="$(secret "$4")"; truststore="$(secret vault_tls_truststore_password)"
  printf 'security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";\nssl.truststore.type=PKCS12\nssl.truststore.location=/etc/vitalstorm/tls/truststore.p12\nssl.truststore.password=%s\n' \
    "$3" "$password" "$truststore" \
    | ssh_lab "$1" "umask 077; mkdir -p /root/lab-tools; cat > /root/lab-tools/$2.properties"
}

lab_tools() { # compile the test's tools on the hosts that run them (they have the platform jars)
  local h
  for h in vs-h2 vs-h4 vs-h5; do
    ssh_lab "$h" "javac -nowarn -d /root/lab-tools -cp '$PLATFORM_CP' $ROOT/ansible/roles/kafka/files/VsKafkaAdmin.java $LAB_SCRIPTS/VsZkProbe.java" \
      || fail "compiling the lab tools on $h"
  done
  kafka_client_file vs-h5 device devices vault_kafka_device_password
  kafka_client_file vs-h5 admin admin vault_kafka_admin_password
}
fail() { lab_log "ASSERTION FAILED: $*"; exit 1; }

# readings(PATIENT): the cluster test's deteriorating patient (Ward.deteriorating): four full sets
# five minutes apart, NEWS2 0, 4, 5, 10 -> DETERIORATING OPEN, NEWS2 OPEN, NEWS2 ESCALATED
readings() {
  local p="$1" i hr rr spo2 sbp t
  local sets=("80 16 97 125 37.0" "95 21 95 118 37.8" "105 22 95 108 38.0" "118 25 93 98 38.6")
  for i in 0 1 2 3; do
    read -r hr rr spo2 sbp t <<<"${sets[$i]}"
    printf '%s\t{"patientId":"%s","deviceId":"monitor-%s","ts":%d,"heartRate":%d,"respiratoryRate":%d,"spo2":%d,"systolicBp":%d,"temperature":%s,"consciousness":"A","onOxygen":false}\n' \
      "$p" "$p" "$p" $((T0 + i * 5 * MINUTE)) "$hr" "$rr" "$spo2" "$sbp" "$t"
  done
}

# produced from vs-h5 (a Storm/Redis host: it stays up while Kafka hosts are killed)
produce() { # produce PATIENT...
  local p
  for p in "$@"; do readings "$p"; done | ssh_lab vs-h5 "$KPRODUCE produce $BOOTSTRAP vitalstorm.vitals" >/dev/null
}

clinician_alerts() { ssh_lab vs-h5 "$KCONSUME consume $BOOTSTRAP vitalstorm.alerts.clinician 30" 2>/dev/null; }

# the three alerts of a deteriorating patient, as distinct eventIds on the clinician topic
alerts_of() { # alerts_of PATIENT < alerts-json-lines: "eventId condition state" per distinct eventId
  python3 -c '
import json, sys
p = sys.argv[1]; seen = {}
for line in sys.stdin:
    try: a = json.loads(line)
    except ValueError: continue
    if a.get("patientId") == p: seen[a["eventId"]] = a["condition"] + " " + a["state"]
for e, s in sorted(seen.items()): print(e, s)' "$1"
}

await_alerts() { # await_alerts SECONDS PATIENT...: every patient's three alerts arrive
  local wait_s="$1" deadline=$((SECONDS + $1)) p missing; shift
  while :; do
    local all; all="$(clinician_alerts)"
    missing=()
    for p in "$@"; do
      local got; got="$(alerts_of "$p" <<<"$all")"
      if ! { grep -q ' DETERIORATING OPEN$' <<<"$got" && grep -q ' NEWS2 OPEN$' <<<"$got" && grep -q ' NEWS2 ESCALATED$' <<<"$got"; }; then
        missing+=("$p")
      fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    (( SECONDS < deadline )) || fail "alerts missing after $wait_s s for: ${missing[*]}"
    sleep 5
  done
}

assert_cluster_health() {
  local i mode modes=()
  for i in 1 2 3; do
    # the plain client port listens on the host's loopback only (sessions use TLS on 2182)
    mode="$(ssh_lab "vs-h$i" "exec 3<>/dev/tcp/127.0.0.1/2181; printf srvr >&3; timeout 5 cat <&3" | sed -n 's/^Mode: //p')"
    modes+=("$mode")
  done
  [[ "$(printf '%s\n' "${modes[@]}" | sort | tr '\n' ' ')" == "follower follower leader " ]] || fail "ZooKeeper modes: ${modes[*]}"
  lab_log "ZooKeeper quorum: ${modes[*]}"
  local quorum; quorum="$(ssh_lab vs-h2 "$KADMIN quorum $BOOTSTRAP" | tail -n1)"
  python3 -c 'import json,sys; q=json.loads(sys.argv[1]); assert q["leader"] in (1,2,3) and sorted(v["id"] for v in q["voters"])==[1,2,3], q' "$quorum" \
    || fail "KRaft quorum: $quorum"
  lab_log "KRaft quorum: $quorum"
  local topics; topics="$(ssh_lab vs-h2 "$KADMIN describe-topics $BOOTSTRAP vitalstorm.vitals vitalstorm.deadletter vitalstorm.alerts.clinician vitalstorm.alerts.patient vitalstorm.alerts.ack vitalstorm.summaries vitalstorm.history vitalstorm.adt" | tail -n1)"
  python3 -c 'import json,sys; t=json.loads(sys.argv[1]); assert len(t)==8 and all(v["replication"]==3 and v["min_insync_replicas"]==2 and v["under_replicated"]==0 for v in t.values()), t' "$topics" \
    || fail "topics: $topics"
  lab_log "topics RF 3, min ISR 2, none under-replicated: $topics"
  local un; un="$(ssh_lab vs-h1 /opt/vitalstorm/bin/nodetool status | grep -c '^UN ')"
  [[ "$un" == 3 ]] || fail "Cassandra: $un nodes UN"
  lab_log "Cassandra: 3 nodes UN"
  redis vs-h5 replication vault_redis_replication_password info replication \
    | grep -q 'master_link_status:up' || fail "Redis replica link not up"
  lab_log "Redis: replica vs-h5 master_link_status:up"
  local status; status="$(ssh_lab vs-h4 "$CLI status --storm-conf /etc/storm/storm.yaml")"
  grep -Eq '^vitalstorm +ACTIVE +2 ' <<<"$status" || fail "topology: $status"
  [[ "$(grep -cE "^$LAB_SUBNET_PREFIX\\.1[45] " <<<"$status")" == 2 ]] || fail "supervisors: $status"
  lab_log "Storm: topology ACTIVE with 2 workers, 2 supervisors"
}

assert_alert_end_to_end() { # PATIENT: clinician topic, Redis latest state, Cassandra history
  local p="$1"
  produce "$p"
  await_alerts 180 "$p"
  local news2
  news2="$(redis vs-h4 vitalstorm vault_redis_app_password hget "vs:latest:$p" news2)"
  [[ "$news2" == 10 ]] || fail "Redis vs:latest:$p news2 = '$news2'"
  local history="" deadline=$((SECONDS + 60))
  while (( SECONDS < deadline )); do
    # through the history reader (compressed blocks), as the dashboard reads it; newest first
    history="$(ssh_lab vs-h4 "$CLI patients readings $p --from 2026-11-01T08:00:00Z --to 2026-11-01T08:20:00Z \
      --config /etc/vitalstorm/vitalstorm.yaml" 2>"$LAB_DIR/e2e-history.err" \
      | python3 -c 'import json, sys; print(" ".join(str(json.loads(l)["news2"]) for l in sys.stdin))')"
    [[ "$history" == "10 5 4 0" ]] && break
    sleep 3
  done
  [[ "$history" == "10 5 4 0" ]] || fail "Cassandra history of $p: '$history' ($(tail -n 5 "$LAB_DIR/e2e-history.err"))"
  lab_log "alert end to end for $p: 3 alerts on the clinician topic, Redis news2=10, Cassandra history 10 5 4 0"
}

assert_no_change() { # LABEL ARGS...: site.yml ARGS reports changed=0 on every host (JSON callback)
  local label="$1"; shift
  local json="$LAB_DIR/logs/site-$label.json" start=$SECONDS
  mkdir -p "$LAB_DIR/logs"
  # no profile_tasks: its lines would corrupt the JSON document on stdout
  (cd "$ROOT/ansible" && ANSIBLE_STDOUT_CALLBACK=json ANSIBLE_CALLBACKS_ENABLED= ansible-playbook site.yml \
     -e "@$LAB_DIR/conf/vault.yml" --vault-password-file "$LAB_DIR/conf/vault-pass" "$@") > "$json" 2>"$LAB_DIR/logs/site-$label.err" \
    || { tail -n 40 "$LAB_DIR/logs/site-$label.err" >&2; fail "site.yml $* ($label) failed"; }
  echo "$((SECONDS - start))" > "$LAB_DIR/logs/site-$label.seconds"
  python3 - "$json" "$label" <<'PY' || fail "site.yml ($label) changed something (see $json)"
import json, sys
doc = json.load(open(sys.argv[1]))
stats = doc["stats"]
print("[lab] %s changed per host:" % sys.argv[2], {h: s["changed"] for h, s in sorted(stats.items())}, file=sys.stderr)
changed = [(t["task"]["name"], h, r.get("diff")) for p in doc["plays"] for t in p["tasks"] for h, r in t["hosts"].items() if r.get("changed")]
for c in changed: print("[lab]   changed:", c, file=sys.stderr)
sys.exit(1 if any(s["changed"] for s in stats.values()) or any(s["failures"] or s["unreachable"] for s in stats.values()) else 0)
PY
}

# no secret of the vault in git, the Ansible logs, the topology config or any log on the hosts;
# every file on a host that holds one is mode 0600. The secrets go to grep on stdin (-f), never
# on a command line.
assert_no_secrets() {
  local secrets i found bad
  secrets="$(ansible-vault view --vault-password-file "$LAB_DIR/conf/vault-pass" "$LAB_DIR/conf/vault.yml" \
             | sed -n 's/^vault_[a-z_]*password: "\(.*\)"$/\1/p')"
  [[ "$(wc -l <<<"$secrets")" -ge 4 ]] || fail "secret grep: could not read the vault's passwords"
  found="$(git -C "$ROOT" grep -lF -f /dev/stdin <<<"$secrets" || true)"
  [[ -z "$found" ]] || fail "secret in git: $found"
  found="$(grep -rlF -f /dev/stdin "$LAB_DIR/logs" <<<"$secrets" || true)"
  [[ -z "$found" ]] || fail "secret in the Ansible logs: $found"
  for i in $(seq 1 "$LAB_HOSTS"); do
    found="$(ssh_lab "vs-h$i" "grep -rlF -f /dev/stdin /var/log/vitalstorm /etc/vitalstorm/vitalstorm.yaml /etc/storm /opt/vitalstorm/conf 2>/dev/null" <<<"$secrets" || true)"
    [[ -z "$found" ]] || fail "secret in a log or the topology config on vs-h$i: $found"
    bad="$(ssh_lab "vs-h$i" "grep -rlF -f /dev/stdin /etc /var/lib/vitalstorm /opt/vitalstorm 2>/dev/null | xargs -r stat -c '%a %n' | grep -v '^600 '" <<<"$secrets" || true)"
    [[ -z "$bad" ]] || fail "credential files not 0600 on vs-h$i: $bad"
  done
  lab_log "no secret in git, the Ansible logs, the topology config or the hosts' logs; credential files 0600"
}

# refusals: what issue 12 item 8 asks of the servers, tried from lab host vs-h5 against the running
# secure cluster: unauthenticated, wrong-password and wrong-identity clients of Kafka, Cassandra,
# Redis and ZooKeeper. Each attempt's outcome (exit status, the line that says why) goes to
# $LAB_DIR/logs/refusals.txt; the phase fails if any of them got through. A control with the
# right identity first shows that the tool itself works. Test files with secrets are 0600 on vs-h5.
# (each COMMAND bounds itself with timeout: a ZooKeeper or Kafka client may retry for long)
attempt() { # attempt LABEL SUCCESS_REGEX HOST COMMAND [STDIN]: refused unless rc 0 or SUCCESS_REGEX
  local label="$1" ok="$2" host="$3" cmd="$4" input="${5:-}" out rc=0 why
  out="$(printf '%s' "$input" | ssh_lab "$host" "$cmd" 2>&1)" || rc=$?
  why="$(grep -m1 -oiE '(refused: [A-Z]+|[A-Za-z.]*(Exception|Error|NOAUTH|NOPERM|WRONGPASS|denied|permission|refused|failed|closed|Unauthorized|authenticat))[^"]{0,150}' <<<"$out" || true)"
  if [[ "$rc" -eq 0 && -z "$ok" ]] || { [[ -n "$ok" ]] && grep -qE "$ok" <<<"$out"; }; then
    echo "NOT REFUSED | $label | rc $rc | $(tail -n 2 <<<"$out" | tr '\n' ' ' | cut -c1-200)" >> "$REFUSALS_OUT"
  else
    echo "refused | $label | rc $rc | ${why:-$(tail -n 1 <<<"$out" | cut -c1-200)}" >> "$REFUSALS_OUT"
  fi
}
allowed() { # allowed LABEL SUCCESS_REGEX HOST COMMAND [STDIN]: the control, must succeed
  local out
  out="$(printf '%s' "${5:-}" | ssh_lab "$3" "$4" 2>&1)" || true
  grep -qE "$2" <<<"$out" || fail "control '$1' did not work: $(tail -n 3 <<<"$out")"
  echo "allowed (control) | $1" >> "$REFUSALS_OUT"
}

refusals() {
  local start=$SECONDS r4 zk ca=$REDIS_CA cert=$REDIS_CERT line
  : > "$LAB_DIR/logs/refusals.txt"
  r4="$(lab_ip 4)"
  zk="$(lab_ip 1):2182,$(lab_ip 2):2182,$(lab_ip 3):2182"
  line="$(readings REFUSE-1 | sed -n 1p)"
  # the test's client files on vs-h5 (0600): a wrong Kafka password, ZooKeeper JAAS logins, a wrong
  # Cassandra password, configurations without TLS / with the wrong password
  printf 'security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="devices" password="wrongpassword0000";\nssl.truststore.type=PKCS12\nssl.truststore.location=/etc/vitalstorm/tls/truststore.p12\nssl.truststore.password=%s\n' \
    "$(secret vault_tls_truststore_password)" | ssh_lab vs-h5 "umask 077; cat > /root/lab-tools/wrong.properties"
  local u k user password
  for u in topology:vault_zk_topology_password ansible:vault_zk_operator_password wrong:; do
    k="${u#*:}" user="${u%%:*}"
    # the secret first, on its own (set -e stops the test when it is missing), then the pipeline
    if [[ -n "$k" ]]; then password="$(secret "$k")"; else user=topology password=wrongpassword0000; fi
    printf 'Client {\n  org.apache.zookeeper.server.auth.DigestLoginModule required\n  username="%s"\n  password="%s";\n};\n' \
      "$user" "$password" | ssh_lab vs-h5 "umask 077; cat > /root/lab-tools/zk-${u%%:*}.jaas"
  done
  ssh_lab vs-h5 "umask 077; cd /root/lab-tools && printf wrongpassword0000 > wrong.password \
    && sed 's/^vitalstorm.cassandra.tls: true/vitalstorm.cassandra.tls: false/' /etc/vitalstorm/vitalstorm.yaml > cassandra-plain.yaml \
    && sed 's#^vitalstorm.cassandra.password.file: .*#vitalstorm.cassandra.password.file: \"/root/lab-tools/wrong.password\"#' /etc/vitalstorm/vitalstorm.yaml > cassandra-wrong.yaml \
    && sed '/^vitalstorm.redis.tls.keystore/d' /etc/vitalstorm/vitalstorm.yaml > redis-nocert.yaml"
  local zkprobe="timeout 60 java -Xmx64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j2.configurationFile=/opt/vitalstorm/conf/log4j2-tools.xml -Dzookeeper.fips-mode=false"
  # TLS to the secure client port, trusting the cluster CA through Storm's public-password trust
  # store on vs-h5 (its password is not a secret: storm.yaml shows it)
  local zktls="-Dzookeeper.client.secure=true -Dzookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty -Dzookeeper.ssl.trustStore.location=/etc/storm-tls/truststore-public.p12 -Dzookeeper.ssl.trustStore.password=vitalstorm-public"
  local zkcp="$zktls -cp '$TOOLS_CP' VsZkProbe $zk"
  local zkplain="-cp '$TOOLS_CP' VsZkProbe $zk"
  local readings_args="patients readings E2E-1 --from 2026-11-01T08:00:00Z --to 2026-11-01T08:20:00Z"

  # one group per server, all at once (each attempt is mostly a client JVM waiting for its
  # refusal); every group writes its own file, joined in this order into refusals.txt
  local group i pids=() groups=(kafka redis cassandra zookeeper storm) rc=0
  for group in "${groups[@]}"; do
    (REFUSALS_OUT="$LAB_DIR/logs/refusals-$group.txt"; : > "$REFUSALS_OUT"; "refusals_$group") &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || rc=1; done
  for group in "${groups[@]}"; do cat "$LAB_DIR/logs/refusals-$group.txt"; rm -f "$LAB_DIR/logs/refusals-$group.txt"; done \
    > "$LAB_DIR/logs/refusals.txt"
  cat "$LAB_DIR/logs/refusals.txt" >&2
  ssh_lab vs-h5 "rm -f /root/lab-tools/wrong.* /root/lab-tools/zk-*.jaas /root/lab-tools/default.password /root/lab-tools/cassandra-*.yaml /root/lab-tools/redis-*.yaml"
  TIMES[refusals]=$((SECONDS - start))
  [[ "$rc" == 0 ]] || fail "a refusal group's control failed (above)"
  ! grep -q '^NOT REFUSED' "$LAB_DIR/logs/refusals.txt" \
    || fail "a client that should have been refused got through ($LAB_DIR/logs/refusals.txt)"
  lab_log "refusals: every unauthenticated / wrong-identity attempt refused in $((SECONDS - start)) s ($LAB_DIR/logs/refusals.txt)"
}

refusals_kafka() { # SASL_SSL, SCRAM, ACLs
  allowed "Kafka: device principal produces a reading to vitalstorm.vitals" 'produced-ok' vs-h5 "timeout 60 $KPRODUCE produce $BOOTSTRAP vitalstorm.vitals && echo produced-ok" "$line"
  attempt "Kafka: PLAINTEXT client without credentials lists topics" '"vitalstorm.vitals"' vs-h5 "timeout 60 $(kadmin '') describe-topics $BOOTSTRAP vitalstorm.vitals"
  attempt "Kafka: device user with a wrong password produces" '' vs-h5 "timeout 60 $(kadmin /root/lab-tools/wrong.properties) produce $BOOTSTRAP vitalstorm.vitals" "$line"
  attempt "Kafka: device principal writes to vitalstorm.alerts.clinician" '' vs-h5 "timeout 60 $KPRODUCE produce $BOOTSTRAP vitalstorm.alerts.clinician" "$line"
  attempt "Kafka: device principal reads vitalstorm.vitals" '"patientId"' vs-h5 "timeout 60 $KPRODUCE consume $BOOTSTRAP vitalstorm.vitals 10"
}

refusals_redis() { # mutual TLS only, ACL users, default user off (the attempts behind the TLS
  # handshake present vs-h4's / vs-h5's own certificate, so what refuses them is the ACL)
  local auth="read -r REDISCLI_AUTH; export REDISCLI_AUTH; timeout 20 redis-cli --tls --cacert $ca"
  allowed "Redis: app user over mutual TLS, PING" 'PONG' vs-h4 "$auth $cert -h $r4 --user vitalstorm ping" "$(secret vault_redis_app_password)"
  allowed "Redis Sentinel: sentinel user over mutual TLS, PING" 'PONG' vs-h4 "$auth $cert -h $r4 -p 26379 --user sentinel ping" "$(secret vault_redis_sentinel_password)"
  attempt "Redis: plaintext client (no TLS) PING" 'PONG' vs-h5 "timeout 20 redis-cli -h $r4 ping"
  attempt "Redis: TLS client that does not trust the cluster CA" 'PONG' vs-h5 "timeout 20 redis-cli --tls $cert -h $r4 ping"
  attempt "Redis: TLS client without a certificate (app user, right password) PING" 'PONG' vs-h5 "$auth -h $r4 --user vitalstorm ping" "$(secret vault_redis_app_password)"
  attempt "Redis Sentinel: TLS client without a certificate (sentinel user, right password) PING" 'PONG' vs-h5 "$auth -h $r4 -p 26379 --user sentinel ping" "$(secret vault_redis_sentinel_password)"
  attempt "Redis: TLS client without login (default user off) reads vs:latest:E2E-1" 'news2' vs-h5 "timeout 20 redis-cli --tls --cacert $ca $cert -h $r4 hgetall vs:latest:E2E-1"
  attempt "Redis: app user with a wrong password" 'PONG' vs-h5 "REDISCLI_AUTH=wrongpassword0000 timeout 20 redis-cli --tls --cacert $ca $cert -h $r4 --user vitalstorm ping"
  attempt "Redis: app user runs FLUSHALL" '^OK' vs-h4 "$auth $cert -h $r4 --user vitalstorm flushall" "$(secret vault_redis_app_password)"
  attempt "Redis: app user writes a key outside vs:*" '^OK' vs-h4 "$auth $cert -h $r4 --user vitalstorm set intruder 1" "$(secret vault_redis_app_password)"
  attempt "Redis: replication user reads application data" 'news2' vs-h5 "$auth $cert -h $r4 --user replication hgetall vs:latest:E2E-1" "$(secret vault_redis_replication_password)"
  # the Java client (RedisClients, as the workers and dashboards use it) with and without the host's key store
  allowed "Redis: CLI with the host's key store (/etc/vitalstorm/tls) lists the open alerts" '[0-9]+ open alerts' vs-h5 "timeout 90 $CLI alerts open --config /etc/vitalstorm/vitalstorm.yaml"
  attempt "Redis: CLI without a key store (vitalstorm.redis.tls.keystore.* removed) lists the open alerts" '[0-9]+ open alerts' vs-h5 "timeout 90 $CLI alerts open --config /root/lab-tools/redis-nocert.yaml"
}

refusals_cassandra() { # PasswordAuthenticator, CassandraAuthorizer, client TLS
  allowed "Cassandra: runtime role over TLS reads E2E-1's history" '"news2"' vs-h5 "timeout 90 $CLI $readings_args --config /etc/vitalstorm/vitalstorm.yaml"
  attempt "Cassandra: client without TLS (runtime role's password)" '"news2"' vs-h5 "timeout 90 $CLI $readings_args --config /root/lab-tools/cassandra-plain.yaml"
  attempt "Cassandra: runtime role with a wrong password" '"news2"' vs-h5 "timeout 90 $CLI $readings_args --config /root/lab-tools/cassandra-wrong.yaml"
  attempt "Cassandra: runtime role (DML only) applies the schema (DDL, role grants)" '' vs-h5 \
    "timeout 90 $CLI schema apply --config /etc/vitalstorm/vitalstorm.yaml --admin-user vs_runtime --admin-password-file /etc/vitalstorm/cassandra.password"
  attempt "Cassandra: the default cassandra/cassandra superuser logs in" '' vs-h5 \
    "sh -c 'umask 077; printf cassandra > /root/lab-tools/default.password' && timeout 90 $CLI schema apply --config /etc/vitalstorm/vitalstorm.yaml --admin-user cassandra --admin-password-file /root/lab-tools/default.password"
}

refusals_zookeeper() { # SASL DIGEST-MD5, enforce.auth.schemes=sasl, znode ACLs
  local jaas="-Djava.security.auth.login.config=/root/lab-tools/zk"
  allowed "ZooKeeper: topology login lists /vitalstorm" '^children' vs-h5 "$zkprobe $jaas-topology.jaas $zkcp ls /vitalstorm"
  attempt "ZooKeeper: client without SASL lists /vitalstorm" '^children' vs-h5 "$zkprobe -Dzookeeper.sasl.client=false $zkcp ls /vitalstorm"
  attempt "ZooKeeper: plaintext client (topology login) to the TLS port lists /vitalstorm" '^children' vs-h5 "$zkprobe $jaas-topology.jaas $zkplain ls /vitalstorm"
  attempt "ZooKeeper: plaintext client (topology login) to vs-h1's plain port 2181 from another host" '^children' vs-h5 \
    "$zkprobe $jaas-topology.jaas -cp '$TOOLS_CP' VsZkProbe $(lab_ip 1):2181 ls /vitalstorm"
  attempt "ZooKeeper: client without SASL lists Storm's /storm" '^children' vs-h5 "$zkprobe -Dzookeeper.sasl.client=false $zkcp ls /storm"
  attempt "ZooKeeper: topology user with a wrong password" '^children' vs-h5 "$zkprobe $jaas-wrong.jaas $zkcp ls /vitalstorm"
  attempt "ZooKeeper: topology identity creates a znode under the operator's /vitalstorm" '^created' vs-h5 "$zkprobe $jaas-topology.jaas $zkcp create /vitalstorm/intruder"
  attempt "ZooKeeper: operator identity writes a maintenance slot (topology only)" '^created' vs-h5 "$zkprobe $jaas-ansible.jaas $zkcp create /vitalstorm/maintenance/slots/intruder"
  attempt "ZooKeeper: topology identity writes Storm's /storm tree" '^created' vs-h5 "$zkprobe $jaas-topology.jaas $zkcp create /storm/intruder"
}

refusals_storm() { # Storm's own Thrift: mutual TLS on Nimbus's TLS port and on its second port
  # (kept for the blob replication between the two Nimbus hosts), tried from the admin host vs-h4
  # (vitalstorm_client_host) so that only the transport can refuse; then authorization by certificate
  # CN: vs-h5, a Nimbus and Supervisor host of the cluster CA, may neither list nor kill
  allowed "Storm: the admin's certificate (vs-h4) lists the topologies over mutual TLS" '^vitalstorm +ACTIVE' vs-h4 "timeout 90 $CLI status --storm-conf /etc/storm/storm.yaml"
  ssh_lab vs-h4 "umask 077; mkdir -p /root/lab-tools && cd /root/lab-tools && sed 's/^nimbus.thrift.client.use.tls: true/nimbus.thrift.client.use.tls: false/; s/^nimbus.thrift.transport: .*/nimbus.thrift.transport: \"org.apache.storm.security.auth.SimpleTransportPlugin\"/' /etc/storm/storm.yaml > storm-plain.yaml \
    && sed 's/^nimbus.thrift.tls.client.auth.required: true/nimbus.thrift.tls.client.auth.required: false/' /etc/storm/storm.yaml > storm-nocert.yaml"
  attempt "Storm: plain Thrift client to Nimbus's port 6627" '^vitalstorm +ACTIVE' vs-h4 "timeout 90 $CLI status --storm-conf /root/lab-tools/storm-plain.yaml"
  attempt "Storm: TLS client without a client certificate to Nimbus's TLS port" '^vitalstorm +ACTIVE' vs-h4 "timeout 90 $CLI status --storm-conf /root/lab-tools/storm-nocert.yaml"
  ssh_lab vs-h4 "rm -f /root/lab-tools/storm-*.yaml"
  attempt "Storm: a Supervisor host's certificate (vs-h5, no admin) lists the topologies" '^vitalstorm +ACTIVE' vs-h5 "timeout 90 $CLI status --storm-conf /etc/storm/storm.yaml"
  attempt "Storm: a Supervisor host's certificate (vs-h5) kills the topology" '^killed vitalstorm' vs-h5 "timeout 90 $CLI kill vitalstorm --wait 0 --storm-conf /etc/storm/storm.yaml"
}

kill_and_alert() { # kill -9 of vs-h1 (ZooKeeper 1, Kafka 1, Cassandra seed 1): readings still alert
  lab_log "kill -9 of vs-h1 (ZooKeeper, Kafka controller+broker, Cassandra)"
  local start=$SECONDS
  lab_host_kill 1
  assert_alert_end_to_end KILL-1
  TIMES[kill_alert]=$((SECONDS - start))
  lab_log "with vs-h1 dead, KILL-1 alerted end to end after $((SECONDS - start)) s"
  lab_host_start 1
  lab_wait_ssh 1
  playbook site.yml --limit vs-h1
  playbook status.yml
}

# while_streaming WHAT COMMAND...: a deteriorating patient every 10 s during COMMAND, then every
# one of their alerts must arrive (by eventId): the rolling restart's and the rotation's proof
while_streaming() {
  local what="$1" patients=(); shift
  local n=0
  : > "$LAB_DIR/run/streamed"
  # a patient counts once Kafka acknowledged all its readings (acks=all)
  ( while :; do n=$((n + 1)); if produce "$what-$n"; then echo "$what-$n" >> "$LAB_DIR/run/streamed"; fi; sleep 10; done ) &
  STREAM_PID=$!
  "$@"
  kill "$STREAM_PID"; wait "$STREAM_PID" 2>/dev/null || true
  STREAM_PID=""
  mapfile -t patients < "$LAB_DIR/run/streamed"
  lab_log "$what: done; ${#patients[@]} patients streamed during it, waiting for all their alerts"
  await_alerts 240 "${patients[@]}"
  lab_log "$what: no alert lost: all $((3 * ${#patients[@]})) alerts (by eventId) of the ${#patients[@]} streamed patients arrived"
}

rolling_restart_while_streaming() { while_streaming RR playbook rolling-restart.yml; }

# the three runs of rotate-certificates.yml from the lab CA ca1 to a new ca2
rotate_ca() {
  local step start=$SECONDS
  for step in trust sign retire; do
    playbook rotate-certificates.yml -e rotate_step=$step -e rotate_old_ca=ca1 -e rotate_new_ca=ca2
  done
  TIMES[rotate]=$((SECONDS - start))
}

# every TLS port of every server presents a certificate of ca2 (verified with ca2 alone)
assert_presents_new_ca() {
  local ca="$LAB_DIR/conf/pki/ca-ca2.crt" h port
  for h in 1 2 3; do for port in 2182 9092 9042; do presents_ca "$h" "$port" "$ca"; done; done
  for h in 4 5; do for port in 6379 6067; do presents_ca "$h" "$port" "$ca"; done; done
  lab_log "rotation: every ZooKeeper, Kafka, Cassandra, Redis and Nimbus TLS port presents a ca2 certificate"
}

presents_ca() { # presents_ca HOST PORT CA_FILE
  local out
  out="$(timeout 20 openssl s_client -connect "$(lab_ip "$1"):$2" -CAfile "$3" -verify_return_error </dev/null 2>&1)" || true
  grep -q 'Verify return code: 0 (ok)' <<<"$out" \
    || fail "vs-h$1:$2 does not present a certificate of the new CA: $(grep -m1 -i 'verify' <<<"$out")"
}

rotate_while_streaming() {
  while_streaming ROT rotate_ca
  assert_presents_new_ca
}

# the idempotence proof: a real second site.yml run with --diff (changed=0 on every host, so no
# diff either) and the check-mode run (--check --diff: nothing would change) at the same time,
# on the converged cluster: both only read, and together they take the time of one
idempotence() {
  local start=$SECONDS pid_check rc=0
  assert_no_change check --check --diff &
  pid_check=$!
  assert_no_change rerun --diff || rc=1
  wait "$pid_check" || rc=1
  [[ "$rc" == 0 ]] || fail "idempotence"
  TIMES[idempotence]=$((SECONDS - start))
  lab_log "second site.yml --diff: changed=0 on every host ($(cat "$LAB_DIR/logs/site-rerun.seconds") s);" \
    "site.yml --check --diff alongside: no change reported ($(cat "$LAB_DIR/logs/site-check.seconds") s)"
}

trap cleanup EXIT
trap 'cleanup 130' INT
trap 'cleanup 143' TERM
total=$SECONDS
if phase provision; then
  lab_up
  lab_secrets
  playbook site.yml
  playbook deploy.yml
  TIMES[provision]="site.yml ${TIMES[site.yml]} s + deploy.yml ${TIMES[deploy.yml]} s"
  lab_log "provisioned from scratch: ${TIMES[provision]}"
fi
lab_tools
if phase health; then assert_cluster_health; fi
if phase e2e; then assert_alert_end_to_end E2E-1; fi
if phase idempotence; then idempotence; fi
if phase secrets; then assert_no_secrets; fi
if phase refusals; then refusals; fi
if phase kill; then kill_and_alert; fi
if phase rolling; then rolling_restart_while_streaming; fi
# three rolling restarts of every service: ~20 min, so not in the default run (VITALSTORM_LAB_ROTATE=1)
if [[ "${VITALSTORM_LAB_ROTATE:-0}" == 1 ]] && phase rotate; then rotate_while_streaming; fi
t() { echo "${TIMES[$1]:-not run}"; }
lab_log "SUMMARY (from $FROM) provisioning $(t provision);" \
  "idempotence (rerun changed=0 + --check --diff no change) $(t idempotence) s;" \
  "refusals $(t refusals) s; kill -9 vs-h1 -> alert in $(t kill_alert) s; rolling restart $(t rolling-restart.yml) s, no alert lost;" \
  "certificate rotation $(t rotate) s;" \
  "total $((SECONDS - total)) s"
echo "1 passed, 0 failed"
