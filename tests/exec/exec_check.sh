#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# netns exec with real programs. The probe (tests/exec/ns_probe.cpp) must
# print ns_probe.expected under netns exec, as this user and (when this
# user is root) as nobody, and on the kernel (root only). Then unmodified
# programs: readlink, stat, unshare -n, nsenter, a shell with a background
# child; the sandbox (mount namespace, root in a user namespace of its own);
# exit statuses pass through.
# Usage: exec_check.sh NETNS PROBE EXPECTED
set -uo pipefail
netns=$1 probe=$2 expected=$3
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

set_runners "$netns" "$probe"

want=$(cat "$expected")

ip_script='ip netns add red; ip netns add blue; ip netns set red 5; ip netns list; ip netns list-id
stat -f -c %T /run/netns/red; ip -j netns list-id; ip netns identify; nsenter --net=/run/netns/red ip netns identify
ip netns del red; ip netns; ls /run/netns; ip netns del blue; ip netns list'
ip_expected='blue
red (id: 5)
nsid 5 (iproute2 netns name: red)
nsfs
[{"nsid":5,"name":"red"}]

red
blue
blue'

# /proc/net and the net sysctls: generated when opened, read natively from
# the placeholder; a sysctl write is the model's, its EINVAL the writer's
# (a shell's redirection writes at fd 1: applied too). A read-only one
# seeks: head seeks back after what it printed, tail finds no end.
proc_script='cat /proc/net/dev; sysctl net.core.somaxconn; sysctl -w net.core.somaxconn=abc; echo "status $?"
sysctl -w net.core.somaxconn=1000 >/dev/null; sysctl net.core.somaxconn; unshare -n sysctl net.core.somaxconn
grep -c lo: /proc/self/net/dev; sysctl -n net.core.somaxconn; ls /proc/sys/net/core | grep -c somaxconn
stat -c "%F %s %a" /proc/sys/net/core/somaxconn /proc/net/dev /proc/sys/net/core
echo 1234 > /proc/sys/net/core/somaxconn; sysctl -n net.core.somaxconn
head -1 /proc/net/dev; tail -1 /proc/net/dev; { head -2 >/dev/null; cat; } </proc/net/dev'
proc_expected='Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
net.core.somaxconn = 4096
sysctl: setting key "net.core.somaxconn": Invalid argument
status 1
net.core.somaxconn = 1000
net.core.somaxconn = 4096
1
1000
1
regular empty file 0 644
regular empty file 0 444
directory 0 555
1234
Inter-|   Receive                                                |  Transmit
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0'

# A sysctl on the supervisor's FUSE file system, where this user can open
# /dev/fuse: every write's errno is the writer's (a shell's redirection
# writes at fd 1, which is never notified), and a read past offset 0 is
# end of file (dd reads one byte at a time: the first, as on the kernel).
fuse_script='{ echo abc > /proc/sys/net/core/somaxconn; } 2>/dev/null; echo "status $?"
echo 1234 > /proc/sys/net/core/somaxconn; echo "status $?"; dd if=/proc/sys/net/core/somaxconn bs=1 2>/dev/null
echo; cat /proc/sys/net/core/somaxconn; sysctl -w net.core.somaxconn=x 2>/dev/null; echo "status $?"'
fuse_expected='status 1
status 0
1
1234
status 1'
if ((EUID == 0)) && command -v sysctl >/dev/null; then
  check "the fd-1 write and the offset read on the kernel" "$fuse_expected" "$(unshare -n sh -c "$fuse_script" 2>&1)"
fi

for as in "${runners[@]}"; do
  who=${as:+nobody}; who=${who:-$(id -un)}
  check "probe under netns exec as $who" "$want" "$($as "$netns" exec -- "$probe" 2>&1)"

  host_net=$(readlink /proc/self/ns/net)
  model_init=$($as "$netns" exec -- readlink /proc/self/ns/net)
  check "readlink (as $who) names a net namespace" "net:[" "${model_init:0:5}"
  out=$($as "$netns" exec -- sh -c 'readlink /proc/self/ns/net; stat -L -c "net:[%i]" /proc/self/ns/net')
  check "stat -L and readlink agree (as $who)" "$(printf '%s\n%s' "$model_init" "$model_init")" "$out"

  # unshare -n needs no privilege under the model: the namespace is the model's.
  new=$($as "$netns" exec -- unshare -n readlink /proc/self/ns/net)
  check "unshare -n makes a new net (as $who)" "different" "$([[ -n "$new" && "$new" != "$model_init" ]] && echo different || echo "same: $new")"
  [[ "$(readlink /proc/self/ns/net)" == "$host_net" ]] || { echo "FAIL: the host's net changed"; fail=1; }

  # nsenter into a background child's namespace, by pid: setns on a model file.
  out=$($as "$netns" exec -- sh -c 'unshare -n sleep 5 & i=0; while [ "$(readlink /proc/$!/ns/net)" = "$(readlink /proc/self/ns/net)" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    a=$(readlink /proc/$!/ns/net); b=$(nsenter --net=/proc/$!/ns/net readlink /proc/self/ns/net)
    c=$(readlink /proc/self/ns/net); kill $! 2>/dev/null
    [ "$a" = "$b" ] && echo entered; [ "$a" != "$c" ] && echo "stayed apart"')
  check "nsenter --net=/proc/PID/ns/net (as $who)" "$(printf 'entered\nstayed apart')" "$out"

  # The real ip on the model: names under /run/netns, nsids over the model's
  # NETLINK_ROUTE sockets, nsenter into a name.
  out=$($as "$netns" exec -- sh -c "$ip_script" 2>&1)
  check "ip netns add/set/list/list-id/identify/delete (as $who)" "$ip_expected" "$out"

  if command -v sysctl >/dev/null; then
    check "/proc/net/dev and sysctl read and write the model (as $who)" "$proc_expected" \
      "$($as "$netns" exec -- sh -c "$proc_script" 2>&1)"
    if $as test -r /dev/fuse -a -w /dev/fuse; then
      check "a sysctl's write at fd 1 and read at an offset, as on the kernel (as $who)" "$fuse_expected" \
        "$($as "$netns" exec -- sh -c "$fuse_script" 2>&1)"
    else
      echo "skip: a sysctl's write at fd 1 (as $who: no /dev/fuse to open, its errno is lost)"
    fi
  else
    echo "skip: sysctl (no procps)"
  fi

  # ip -n and ip netns exec: a model mount namespace for /run, a veth's
  # peer moved into the name's namespace, readlink there; their sysfs
  # mount stays the sandbox's (answered 0 for a user who is not root).
  out=$($as "$netns" exec -- sh -c 'ip netns add red; ip link add v0 type veth peer name v1 netns red
    ip -n red -br link | cut -d" " -f1; ip netns exec red sh -c "ip -o link | grep -c v1; readlink /proc/self/ns/net" > /run/in
    [ "$(sed -n 2p /run/in)" = "$(ip netns exec red readlink /proc/self/ns/net)" ] && sed -n 1p /run/in
    [ "$(readlink /proc/self/ns/net)" != "$(sed -n 2p /run/in)" ] && echo apart; ip -all netns exec true | grep -c "netns: red"' 2>&1)
  check "ip -n and ip netns exec with a veth peer (as $who)" "lo
v1@if2
1
apart
1" "$out"

  # lsns (util-linux) reads /proc, each /proc/PID/stat and ns/*, and asks
  # for nsids: the model's tasks (the world's first, pid 1, "init") and the
  # program's processes by their model pids; a second net namespace with a
  # process in it: every type listed, one row each but net.
  if command -v lsns >/dev/null; then
    out=$($as "$netns" exec -- sh -c 'unshare -n sleep 5 & i=0; while [ "$(readlink /proc/$!/ns/net)" = "$(readlink /proc/self/ns/net)" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
      lsns -n -l -o TYPE,NPROCS,USER,NETNSID > /run/lsns; kill $! 2>/dev/null
      sort /run/lsns | sed -E "s/ +/ /g; s/ $//"; lsns -J -t uts | grep -c "\"type\": \"uts\""')
    check "lsns lists every type of the model's world (as $who)" "cgroup 4 root
ipc 4 root
mnt 4 root
net 1 root unassigned
net 3 root unassigned
pid 4 root
time 4 root
user 4 root
uts 4 root
1" "$out"
  else
    echo "skip: lsns (no util-linux)"
  fi

  # The mount namespace a program sees is the model's (the initial one's
  # number, as the model numbers it at boot); unshare -m makes a new one there, and on the host too.
  check "the model's mount namespace (as $who)" "mnt:[4026531832]" \
    "$($as "$netns" exec -- readlink /proc/self/ns/mnt)"
  check "unshare -m makes a model mount namespace (as $who)" "different" \
    "$($as "$netns" exec -- sh -c '[ "$(readlink /proc/self/ns/mnt)" != "$(unshare -m readlink /proc/self/ns/mnt)" ] && echo different || echo same')"
  # The sandbox: a mount namespace of the program's own on the host (and for
  # a user who is not root a user namespace where it is root), so its
  # mounts, and an unshare -m's, stay away from the host's.
  check "root in the sandbox (as $who)" "0" "$($as "$netns" exec -- id -u)"
  scratch=$(mktemp -d); chmod 777 "$scratch"
  out=$($as "$netns" exec -- sh -c "mount -t tmpfs none $scratch && touch $scratch/inside && ls $scratch
    unshare -m sh -c 'umount $scratch && ls $scratch | wc -l'; ls $scratch" 2>&1)
  check "mounts stay in the sandbox (as $who)" "$(printf 'inside\n0\ninside')" "$out"
  check "the host did not see them (as $who)" "" "$(ls "$scratch")"
  rmdir "$scratch"
  # The host name is the model's uts namespace's: set by hostname and
  # /proc/sys/kernel/hostname, copied by unshare -u, never the host's.
  host_name=$(uname -n)
  out=$($as "$netns" exec -- sh -c 'hostname; hostname red; uname -n; echo blue > /proc/sys/kernel/hostname
    unshare -u sh -c "hostname x; hostname"; cat /proc/sys/kernel/hostname' 2>&1)
  check "hostname is the model's (as $who)" "$(printf '(none)\nred\nx\nblue')" "$out"
  check "the host's name did not change (as $who)" "$host_name" "$(uname -n)"
done

# Many processes at once: 200 children of one shell, each a task of the
# model made at its first call, all in the shell's net.
out=$("$netns" exec -- sh -c 'for i in $(seq 200); do readlink /proc/self/ns/net & done; wait' | sort | uniq -c | awk '{print $1}')
check "200 concurrent children all answered" 200 "$out"

# A program killed in the middle of a served call (a receive waiting on an
# empty model socket): the call is dropped, the rest of the program's world
# goes on.
block='import socket
try:
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.recv(100)
    print("got data")
except OSError as e:
    print("errno", e.errno)'
if [[ -x /usr/bin/python3 ]]; then
  out=$("$netns" exec -- sh -c '/usr/bin/python3 -c "$0" & sleep 0.5; kill -9 $!; wait $!; echo "killed $?"
    ip netns add z && ip netns list' "$block" 2>/dev/null)
  check "a program killed in a served call; the world goes on" "$(printf 'killed 137\nz')" "$out"
  # The supervisor killed instead: the waiting call, and every notified call
  # after it, fail with ENOSYS (the kernel's rule for a listener that closed).
  # (It says "ready" before its first handled call, socket(): killed
  # before or during recv, it gets the same ENOSYS.)
  "$netns" exec -- /usr/bin/python3 -S -c "print('ready', flush=True)
$block" > "${TMPDIR:-/tmp}/netns_exec_check.$$" 2>&1 &
  sup=$!
  for ((i = 0; i < 600; i++)); do
    [[ -s ${TMPDIR:-/tmp}/netns_exec_check.$$ ]] && break
    sleep 0.05
  done
  sleep 0.2
  kill -9 $sup
  wait $sup 2>/dev/null
  sleep 0.3
  check "the supervisor killed: the program sees ENOSYS" "ready
errno 38" "$(cat "${TMPDIR:-/tmp}/netns_exec_check.$$")"
  rm -f "${TMPDIR:-/tmp}/netns_exec_check.$$"
else
  echo "skip: kill tests (no /usr/bin/python3)"
fi

# Exit statuses: the program's; 127 for a program that is not there.
"$netns" exec -- sh -c 'exit 7'; check "exit status passes through" 7 $?
"$netns" exec -- /nonexistent/program 2>/dev/null; check "a missing program is 127" 127 $?
"$netns" exec 2>/dev/null; check "no program is a usage error" 2 $?
out=$("$netns" exec --trace -- readlink /proc/self/ns/net 2>&1 >/dev/null)
check "--trace shows the served call" 'readlink("/proc/self/ns/net") = ' "$(sed -E 's/^\[pid [0-9]+\] //; s/= [0-9]+$/= /' <<< "$out")"

# The same probe on the kernel (root only): the two must agree.
if ((EUID == 0)); then
  check "probe on the kernel" "$want" "$("$probe" 2>&1)"
  # The same ip script on the kernel, in a mount and net namespace of its
  # own with a private /run (nothing of the host's is touched).
  out=$(unshare -m -n sh -c "mount -t tmpfs none /run && { $ip_script; }" 2>&1)
  check "the ip script on the kernel" "$ip_expected" "$out"
  if command -v sysctl >/dev/null; then
    check "/proc/net/dev and sysctl on the kernel" "$proc_expected" "$(unshare -n sh -c "$proc_script" 2>&1)"
  fi
else
  echo "skip: probe on the kernel (not root)"
fi
exit $fail
