#!/usr/bin/env bash
# Fast check of the Ansible code for CI (no hosts, seconds): yamllint, ansible-lint with the
# production profile (offline), and ansible-playbook --syntax-check of every playbook against
# both inventories.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../ansible"
passed=0 failed=0
check() { # check NAME command...
  local name="$1"; shift
  if "$@" >"/tmp/ansible-check-$$.log" 2>&1; then passed=$((passed + 1)); echo "ansible-check: $name ok"
  else failed=$((failed + 1)); echo "ansible-check: $name FAILED"; cat "/tmp/ansible-check-$$.log"; fi
  rm -f "/tmp/ansible-check-$$.log"
}
export ANSIBLE_CONFIG="$PWD/ansible.cfg"
check yamllint yamllint -s .
check ansible-lint ansible-lint --nocolor
for inventory in production lab; do
  check "syntax-check ($inventory)" ansible-playbook -i "inventories/$inventory" --syntax-check \
    site.yml deploy.yml rolling-restart.yml status.yml rotate-certificates.yml
done
echo "ansible-check: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
