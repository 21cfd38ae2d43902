#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A probe program of ours that prints facts, not numbers: under netns exec
# as this user and (when root) as nobody, and on the kernel (root only),
# it must print EXPECTED each time. WRAP (optional, one word per
# argument, e.g. "unshare -n") runs it inside a command on both.
# Usage: probe_check.sh NETNS PROBE EXPECTED [WRAP...]
set -uo pipefail
netns=$1 probe=$2 expected=$3
shift 3
wrap=("$@")
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
set_runners "$netns" "$probe"
want=$(cat "$expected")
name=$(basename "$probe")
if ((EUID == 0)); then
  check "$name on the kernel" "$want" "$(timeout 120 "${wrap[@]}" "$probe" 2>&1)"
fi
for as in "${runners[@]}"; do
  who=${as:+nobody}; who=${who:-$(id -un)}
  check "$name under netns exec (as $who)" "$want" "$(timeout 120 $as "$netns" exec -- "${wrap[@]}" "$probe" 2>&1)"
done
exit $fail
