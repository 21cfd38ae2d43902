#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# A program's own pids at its top level (the sandbox's pid namespace, the
# host's as the program sees it) under netns exec: $$, fork's result and
# /proc/self are the numbers the model's /proc lists and that ip netns pids
# and identify take, after ip netns exec and nsenter too. As this user and,
# when root, as nobody; the same scripts on the kernel when root (with a
# network namespace name of their own, deleted afterwards).
# Usage: toplevel_pids_check.sh NETNS
set -uo pipefail
netns=$1
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

set_runners "$netns"

# Each: a name, a shell script (N is a network namespace name), what it
# prints.

add "\$\$ is /proc/self" \
  'sh -c '\''echo $$; exec readlink /proc/self'\'' | uniq | wc -l' \
  "1"
add "ls /proc lists \$\$ and the shell's children by their numbers" \
  'sh -c '\''sleep 2 & c=$!; l=$(ls /proc); echo "$l" | grep -qx $$ && echo self; echo "$l" | grep -qx $c && echo child; kill $c'\''' \
  "self
child"
add "fork's result is the child's /proc/self" \
  'sh -c '\''sh -c "exec readlink /proc/self" > /tmp/.pid.$$ & c=$!; wait; [ "$(cat /tmp/.pid.$$)" = "$c" ] && echo same; rm -f /tmp/.pid.$$'\''' \
  "same"
add "ip netns pids and identify after ip netns exec" \
  'ip netns add $N; ip netns exec $N sh -c '\''ip netns pids $N | grep -qx $$ && echo listed; ip netns identify $$'\''; ip netns del $N' \
  "listed
\$N"
add "ip netns pids and identify after nsenter" \
  'ip netns add $N; nsenter --net=/run/netns/$N sh -c '\''ip netns pids $N | grep -qx $$ && echo listed; ip netns identify $$'\''; ip netns del $N' \
  "listed
\$N"
add "ip netns pids lists nothing of the program's elsewhere" \
  'ip netns add $N; ip netns pids $N | grep -c .; ip netns del $N' \
  "0"

for as in "${runners[@]}"; do
  who=${as:+nobody}; who=${who:-$(id -un)}
  for i in "${!names[@]}"; do
    check "${names[$i]} (under netns exec as $who)" "${wants[$i]}" \
      "$(cd / && N=pr_top$$ $as "$netns" exec -- sh -c "${scripts[$i]}" 2>&1 | sed "s/pr_top$$/\$N/g")"
  done
done
if ((EUID == 0)); then
  # In a mount namespace of its own with its own /run: ip netns add would
  # otherwise leave the host a /run/netns mount, which changes what every
  # later mount scenario sees on the kernel.
  for i in "${!names[@]}"; do
    check "${names[$i]} (on the kernel)" "${wants[$i]}" \
      "$(cd / && N=pr_top$$ unshare -m sh -c "mount -t tmpfs none /run && { ${scripts[$i]}; }" 2>&1 |
        sed "s/pr_top$$/\$N/g")"
  done
fi
exit $fail
