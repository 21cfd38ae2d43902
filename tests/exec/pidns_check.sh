#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The pid namespace of programs under netns exec: unshare -p / -pf
# --mount-proc (with and without -r) give the program's children the
# numbers the kernel gives them under the same unshare on the host, /proc
# is that namespace's, /proc/self/ns/pid{,_for_children} are the model's
# and agree with what the children are in, nsenter -p into a model pid
# namespace puts the child there (by the kernel's numbers too), and the
# NSpid line of /proc/self/status is the namespace's. As this user and,
# when root, as nobody; the same commands on the kernel when root.
# Usage: pidns_check.sh NETNS
set -uo pipefail
netns=$1
source "$(dirname "${BASH_SOURCE[0]}")/check.sh"

set_runners "$netns"

# Each: a name, a shell script, what it prints (on the kernel as root too).

add "unshare -rpf --mount-proc: pid 1, /proc of the namespace" \
  'unshare -rpf --mount-proc sh -c '\''echo $$; ls -d /proc/[0-9]*; readlink /proc/self; id -u; cat /proc/self/uid_map'\' \
  "1
/proc/1
3
0
         0          0          1"
add "unshare -rpf: fork results, getppid, NSpid" \
  'unshare -rpf --mount-proc sh -c '\''sleep 1 & echo $!; sh -c "echo \$\$ \$PPID"; grep NSpid /proc/self/status; wait'\' \
  "2
3 1
NSpid:	4"
add "unshare -rpf: a file the program writes keeps its owner" \
  'd=$(mktemp -d); unshare -rpf sh -c "echo x > $d/f; stat -c %u $d/f"; rm -rf "$d"' \
  "0"
# The namespace's init (pid 1) is the first child; once it has gone no
# other can be forked into the namespace, so one child reads it all. Its
# parent is outside: getppid 0.
add "unshare -p: the next child is pid 1 in pid_for_children" \
  'unshare -p sh -c '\''sh -c "echo \$\$ \$PPID; readlink /proc/self/ns/pid /proc/$$/ns/pid_for_children /proc/$$/ns/pid"'\'' |
   awk '\''NR == 1 { print } NR == 2 { a = $0 } NR == 3 { print (a == $0 ? "in pid_for_children" : "not") }
        NR == 4 { print (a != $0 ? "parent stays" : "not") }'\''' \
  "1 0
in pid_for_children
parent stays"
add "nested: unshare -pf inside unshare -rpf" \
  'unshare -rpf --mount-proc sh -c '\''sleep 0.1; unshare -pf --mount-proc sh -c "echo \$\$; grep NSpid /proc/self/status"'\' \
  "1
NSpid:	2"
add "nsenter -t PID -p: the child is numbered in the namespace" \
  'unshare -rpf --mount-proc sleep 3 & i=0; s=; while [ -z "$s" ] && [ $i -lt 200 ]; do sleep 0.05; s=$(cat /proc/$!/task/$!/children); i=$((i + 1)); done
   nsenter -t $s -U -p --preserve-credentials sh -c '\''echo $$'\''; kill $! 2>/dev/null; wait' \
  "2"
# A process that has not called the model yet (sleep) is in the same
# namespace as its neighbours: its ns files are the model's too.
add "a process that never called is in its namespace's files" \
  'unshare -rpf --mount-proc sh -c '\''sleep 2 & sleep 0.3; a=$(readlink /proc/2/ns/pid); b=$(readlink /proc/self/ns/pid)
     [ "$a" = "$b" ] && echo same; kill $!'\''' \
  "same"
# clone(CLONE_NEWPID) (perl's raw syscall; a fork is not notified): the
# child's task is in a new namespace too.
add "clone(CLONE_NEWPID): the child is pid 1 of a new namespace" \
  'perl -e '\''my $p = $$; my $c = syscall(56, 0x20000000 | 17, 0, 0, 0, 0); if ($c == 0) { my $n = readlink("/proc/self/ns/pid");
     print syscall(39), " ", getppid(), "\n"; print $n eq readlink("/proc/$p/ns/pid") ? "same\n" : "new\n"; exit 0 }
     waitpid($c, 0); print readlink("/proc/self/ns/pid") eq readlink("/proc/self/ns/pid_for_children") ? "parent unchanged\n" : "changed\n"'\''' \
  "1 0
new
parent unchanged"
# NS_GET_PID_FROM_PIDNS / NS_GET_PID_IN_PIDNS on a model pid namespace
# file, from the program's top level: the pids there are its sandbox's
# (the host's), in and out.
add "NS_GET_PID_{FROM,IN}_PIDNS from the top level" \
  'unshare -pf --mount-proc sleep 2 & i=0; s=; while [ -z "$s" ] && [ $i -lt 200 ]; do sleep 0.05; s=$(cat /proc/$!/task/$!/children); i=$((i + 1)); done
   perl -e '\''open(my $f, "<", "/proc/$ARGV[0]/ns/pid") or die "open: $!"; my $r = ioctl($f, 0x8004b706, 1);
     my $in = ioctl($f, 0x8004b708, $ARGV[0] + 0); print(($r == $ARGV[0] ? "from: its pid" : "from: $r"), "\nin: $in\n")'\'' $s; kill $!' \
  "from: its pid
in: 1"
# ip netns pids scans /proc: in a child pid namespace, its own numbers;
# the ns files it compares are the model's, named by those numbers.
add "ip netns pids and identify in a child pid namespace" \
  'unshare -rpf --mount-proc sh -c '\''mount -t tmpfs none /run 2>/dev/null; ip netns add a 2>/dev/null
     ip netns exec a sh -c "ip netns pids a; ip netns identify \$\$"'\''' \
  "4
5
a"
add "setns of a pid namespace with another type's file: EINVAL" \
  'nsenter --pid=/proc/self/ns/net true 2>&1 | sed "s/.*: //"' \
  "Invalid argument"

for as in "${runners[@]}"; do
  who=${as:+nobody}; who=${who:-$(id -un)}
  for i in "${!names[@]}"; do
    check "${names[$i]} (under netns exec as $who)" "${wants[$i]}" \
      "$(cd / && $as "$netns" exec -- sh -c "${scripts[$i]}" 2>&1)"
  done
done
if ((EUID == 0)); then
  for i in "${!names[@]}"; do
    check "${names[$i]} (on the kernel)" "${wants[$i]}" "$(cd / && sh -c "${scripts[$i]}" 2>&1)"
  done
fi
exit $fail
