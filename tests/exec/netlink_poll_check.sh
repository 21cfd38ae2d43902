#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A NETLINK_ROUTE socket in an event loop (tests/exec/netlink_poll_probe.cpp)
# under netns exec, as this user and (when root) as nobody, and on the
# kernel in a fresh net namespace (root only): the same lines each time.
# Usage: netlink_poll_check.sh NETNS PROBE EXPECTED
set -uo pipefail
netns=$1 probe=$2 expected=$3
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
set_runners "$netns" "$probe"
want=$(cat "$expected")
if ! command -v ip >/dev/null; then
  echo "skip: no ip (iproute2)"
  exit 0
fi
if ((EUID == 0)) && command -v unshare >/dev/null; then
  check "netlink poll, epoll and write on the kernel" "$want" "$(timeout 30 unshare -n "$probe" 2>&1)"
fi
for as in "${runners[@]}"; do
  who=${as:+nobody}; who=${who:-$(id -un)}
  check "netlink poll, epoll and write under netns exec (as $who)" "$want" \
    "$(timeout 30 $as "$netns" exec -- unshare -n "$probe" 2>&1)"
done
exit $fail
