#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A program a scenario task runs after `t unshare pid` is born in that pid
# namespace (task_pid_namespace.nss): on the model, which makes a real one
# in the model's state only as root, and on the kernel, with no difference
# between them. Skipped (77) for a user who is not root.
# Usage: task_pidns_check.sh NETNS
set -uo pipefail
netns=$1
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
((EUID == 0)) || { echo "skipped: not root"; exit 77; }
file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/task_pid_namespace.nss"
out=$(cd / && "$netns" run "$file" 2>&1); rc=$?
check "task pid namespace on the model" "0" "$rc"
[[ $rc == 0 ]] || echo "$out" | grep -A2 expected
out=$(cd / && "$netns" run --backend linux "$file" 2>&1); rc=$?
check "task pid namespace on the kernel" "0" "$rc"
[[ $rc == 0 ]] || echo "$out" | grep -A2 expected
check "no difference between the model and the kernel" "" "$(cd / && "$netns" diff "$file" 2>&1)"
exit $fail
