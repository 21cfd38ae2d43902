#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# netns serve and netns exec --world: one world for several programs, run
# one after another and at once; what a program sees when the server goes;
# who may connect; errors. The mixed ip/nsenter script is compared with the
# kernel (root only).
# Usage: world_check.sh NETNS
set -uo pipefail
netns=$1
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"
dir=$(mktemp -d)
chmod 755 "$dir"
server=
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

# start_server SOCKET [RUNNER...]: in the background, until its ready line.
start_server() {
  local sock=$1; shift
  "$@" "$netns" serve "$sock" 2>"$dir/serve.log" &
  server=$!
  for _ in $(seq 100); do
    grep -q "serving a world" "$dir/serve.log" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "FAIL: netns serve did not start"; cat "$dir/serve.log"; exit 1
}
stop_server() {
  kill -TERM "$server"; wait "$server"; local rc=$?; server=; return $rc
}

w=$dir/w.sock
start_server "$w"
x() { "$netns" exec --world "$w" -- "$@"; }

# Separate programs, one world.
x ip netns add a
x ip netns set a 5
x ip netns add b
check "two programs later, the namespaces are still there" "b
a (id: 5)" "$(x ip netns list)"

# The same script as one shell and as separate programs: the same answers.
mixed='ip netns add c; ip netns set c 7; nsenter --net=/run/netns/c ip netns list-id; ip netns list-id
nsenter --net=/run/netns/c ip netns set a 3; nsenter --net=/run/netns/c ip netns list-id'
mixed_expected='nsid 5 (iproute2 netns name: a)
nsid 7 (iproute2 netns name: c)
nsid 3 (iproute2 netns name: a)'
check "a shell mixing ip and nsenter" "$mixed_expected" "$(x sh -c "$mixed" 2>&1)"
if ((EUID == 0)); then
  out=$(unshare -m -n sh -c "mount -t tmpfs none /run && ip netns add a && ip netns set a 5 && ip netns add b && { $mixed; }" 2>&1)
  check "the mixed script on the kernel" "$mixed_expected" "$out"
else
  echo "skip: the mixed script on the kernel (not root)"
fi

# A program of one exec names another's process by its host pid.
x sh -c 'unshare -n sh -c "echo \$\$ > '"$dir"'/pid; readlink /proc/self/ns/net > '"$dir"'/ns; sleep 3"' &
holder=$!
for _ in $(seq 100); do [[ -s $dir/ns ]] && break; sleep 0.05; done
check "nsenter -t PID of another exec's process" "$(cat "$dir/ns")" \
  "$(x nsenter -t "$(cat "$dir/pid")" -n readlink /proc/self/ns/net)"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# Another exec's process is in the world's /proc by its own pid (its
# task took it), and ip netns pids of another program names it so.
# (Generous waits: under a sanitizer and a parallel ctest the first exec
# can take seconds to get there; the holder stays until told, at most 60 s.)
x sh -c 'ip netns add q; ip netns exec q sh -c "echo \$\$ > '"$dir"'/qpid.tmp; mv '"$dir"'/qpid.tmp '"$dir"'/qpid
  i=0; while [ ! -e '"$dir"'/qdone ] && [ \$i -lt 1200 ]; do sleep 0.05; i=\$((i + 1)); done"' &
holder=$!
for _ in $(seq 600); do [[ -s $dir/qpid ]] && break; sleep 0.05; done
q=$(cat "$dir/qpid")
check "another exec's process by its own pid in /proc and ip netns pids" "listed
listed" "$(x sh -c "ls /proc | grep -qx $q && echo listed; ip netns pids q | grep -qx $q && echo listed")"
touch "$dir/qdone"
wait "$holder" 2>/dev/null

# Many programs at once.
for i in $(seq 20); do x ip netns add "p$i" & done
wait $(jobs -p | grep -v "^$server\$") 2>/dev/null
check "20 programs at once" "20" "$(x ip netns list | grep -c '^p')"
check "exit statuses pass through" "3" "$(x sh -c 'exit 3'; echo $?)"
check "a missing program" "127" "$(x no-such-program-here 2>/dev/null; echo $?)"
check "--trace through the server" '[pid N] readlink("/proc/self/ns/net") = 16' \
  "$("$netns" exec --world "$w" --trace -- readlink /proc/self/ns/net 2>&1 >/dev/null | sed 's/pid [0-9]*/pid N/')"

# Another server on the same socket: refused while this one lives.
out=$("$netns" serve "$w" 2>&1); rc=$?
check "a second server on a live socket" "1: netns serve: $w: Address already in use" "$rc: $out"

# The server stops on a signal: the socket goes, a program still running
# gets ENOSYS for its handled calls (the kernel's rule for a closed listener).
# (python3: a program already running when the server goes; a new one
# would fail at its first handled call, its libraries' open. It says
# "ready" once started, however long that takes on a loaded machine, and
# makes its handled call only when told to, through a fifo: read and
# write of plain fds are not handled calls.)
late=
if [[ -x /usr/bin/python3 ]]; then
  mkfifo "$dir/go"
  exec 7<>"$dir/go"
  x /usr/bin/python3 -S -c 'import os, sys
print("ready", flush=True)
sys.stdin.readline()
try: print(os.readlink("/proc/self/ns/net")[:5])
except OSError as e: print("errno", e.errno)' <&7 >"$dir/late.out" 2>&1 &
  late=$!
  for ((i = 0; i < 600; i++)); do
    [[ -s $dir/late.out ]] && break
    sleep 0.05
  done
fi
stop_server; check "netns serve exits 0 on SIGTERM" "0" "$?"
check "its socket is gone" "gone" "$([[ -e $w ]] && echo there || echo gone)"
if [[ -n $late ]]; then
  echo go >&7
  exec 7>&-
  wait "$late"
  check "a program outliving the server gets ENOSYS" "ready
errno 38" "$(cat "$dir/late.out")"
else
  echo "skip: a program outliving the server (no /usr/bin/python3)"
fi
out=$("$netns" exec --world "$w" -- true 2>&1); rc=$?
check "exec --world with no server" "126: netns exec: world $w: No such file or directory" "$rc: $out"

# A socket left behind by a server that died is replaced.
start_server "$w"
kill -KILL "$server"; wait "$server" 2>/dev/null; server=
check "a dead server's socket is left" "there" "$([[ -S $w ]] && echo there || echo gone)"
out=$("$netns" exec --world "$w" -- true 2>&1); rc=$?
check "exec --world with a dead server" "126: netns exec: world $w: Connection refused" "$rc: $out"
start_server "$w"
check "a new server on a dead one's socket" "" "$(x ip netns list)"
stop_server

# Who may connect: a server that is not root serves only its own user.
if ((EUID == 0)) && command -v setpriv >/dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups -- test -x "$netns" 2>/dev/null; then
  chown 65534 "$dir"
  start_server "$w" setpriv --reuid=65534 --regid=65534 --clear-groups --
  out=$("$netns" exec --world "$w" -- true 2>&1); rc=$?
  check "root refused by nobody's server" "126: netns exec: world $w: Permission denied" "$rc: $out"
  check "nobody served by nobody's server" "0" \
    "$(setpriv --reuid=65534 --regid=65534 --clear-groups -- "$netns" exec --world "$w" -- true; echo $?)"
  stop_server
else
  echo "skip: another user refused (needs root and setpriv)"
fi

exit $fail
