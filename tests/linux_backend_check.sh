#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The linux backend as a user meets it: refused without root (one line,
# exit 2); as root, every run is isolated (host /run/netns untouched) and
# leaves nothing behind however it ends: normally, on a failed expectation,
# on a malformed line, on a timeout, on Ctrl-C (SIGINT), on SIGKILL.
# "Nothing behind": no process of the run is left (none in its session),
# and the set of net, mount and pid
# namespaces that host processes, their open fds and their mounts refer to
# is the same before and after. ctest runs this alone (RUN_SERIAL).
# Usage: linux_backend_check.sh NETNS_BINARY
set -uo pipefail
netns=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

printf 'init unshare net => ok\n' > "$tmp/ok.nss"

# Without root: one line, exit 2 (as the unprivileged user nobody).
setpriv --reuid 65534 --regid 65534 --clear-groups "$netns" run --backend linux "$tmp/ok.nss" \
  > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] || fail "non-root exit $rc"
[ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "non-root: not one line: $(cat "$tmp/err")"
grep -q "needs root" "$tmp/err" || fail "non-root message: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "non-root printed a transcript"
setpriv --reuid 65534 --regid 65534 --clear-groups "$netns" diff "$tmp/ok.nss" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "needs root" "$tmp/err" || fail "non-root diff: exit $rc, $(cat "$tmp/err")"

if [ "$(id -u)" != 0 ]; then
  echo "SKIPPED: the isolation and leftover checks need root (the linux backend creates namespaces)"
  exit 77
fi

# Namespaces reachable from the host: each process's own, its open fds,
# and nsfs bind mounts in every mount namespace.
# One find and one awk for every process at once (a readlink per fd took
# seconds a snapshot).
snapshot() {
  {
    find /proc/[0-9]*/ns/net /proc/[0-9]*/ns/mnt /proc/[0-9]*/ns/pid /proc/[0-9]*/fd \
      -maxdepth 1 -type l -printf '%l\n' 2>/dev/null | grep -E '^(net|mnt|pid):'
    awk '$9 == "nsfs" {print $4}' /proc/[0-9]*/mountinfo 2>/dev/null
  } | sort -u
}
# The processes of the runs this script started: each runs in a session of
# its own (setsid), which every process of its world inherits.
sessions=""
leftover_processes() {
  for p in /proc/[0-9]*; do
    st=$(cat "$p/stat" 2>/dev/null) || continue
    rest=${st##*) }          # fields from the state on: state ppid pgrp session
    set -- $rest
    case " $sessions " in *" $4 "*) echo "${p#/proc/} $(cat "$p/comm" 2>/dev/null)" ;; esac
  done
}
# Runs netns in a new session with SIGINT at its default (a background job
# of a script would ignore it); sets rc.
run_netns() {
  setsid env --default-signal=INT "$netns" "$@" > "$tmp/out" 2> "$tmp/err" &
  local pid=$!
  sessions="$sessions $pid"
  wait $pid; rc=$?
}
# Waits (up to 5 s) until the run's processes are gone, then compares.
check_clean() {
  local what=$1
  for _ in $(seq 50); do
    [ -z "$(leftover_processes)" ] && break
    sleep 0.1
  done
  [ -z "$(leftover_processes)" ] || fail "$what: processes left: $(leftover_processes | tr '\n' ' ')"
  snapshot > "$tmp/after"
  diff "$tmp/before" "$tmp/after" > "$tmp/nsdiff" || fail "$what: namespaces left: $(cat "$tmp/nsdiff")"
  [ "$(ls /run/netns 2>/dev/null)" = "$host_netns" ] || fail "$what: host /run/netns changed"
}

host_netns=$(ls /run/netns 2>/dev/null)
name=leakprobe$$
cat > "$tmp/busy.nss" <<NSS
init ip netns add $name => 
init ls /run => netns
init ls /run/netns => $name
init spawn t => ok
t unshare user,net => ok
t open /proc/self/ns/net as pin => ok
t spawn u => ok
init mkdir /run/d => ok
init touch /run/d/f => ok
init mount --bind /proc/@t/ns/net /run/d/f => ok
init monitor nsid => ok
init ip netns set $name 3 =>
init events 1 => NEWNSID nsid 3
t exit => ok
NSS
snapshot > "$tmp/before"

# 1. A normal run: isolated (its /run is a fresh tmpfs), nothing left.
run_netns run --backend linux "$tmp/busy.nss"
[ $rc -eq 0 ] || fail "busy.nss exit $rc: $(cat "$tmp/err")"
check_clean "normal run"

# 2. A failed expectation (the run goes on), then the end.
printf 'init spawn t => ok\nt unshare net => error EPERM\nt ip netns add x =>\n' > "$tmp/failexp.nss"
run_netns run --backend linux "$tmp/failexp.nss"
[ $rc -eq 1 ] || fail "failed expectation: exit $rc"
grep -q "t ip netns add x" "$tmp/out" || fail "the run stopped at a failed expectation"
check_clean "failed expectation"

# 3. A malformed line met while running (an fd never opened): exit 2.
printf 'init spawn t => ok\nt unshare net => ok\nt close nosuchfd\n' > "$tmp/malformed.nss"
run_netns run --backend linux "$tmp/malformed.nss"
[ $rc -eq 2 ] || fail "malformed: exit $rc"
grep -qx "$tmp/malformed.nss:3: unknown fd \"nosuchfd\"" "$tmp/err" || fail "malformed: $(cat "$tmp/err")"
check_clean "malformed line"

# 4. A timeout: `events 5` waits up to 2 s for events that never come;
# with a 0.3 s bound the task is killed and the run stops.
printf 'init spawn t => ok\nt monitor nsid => ok\nt events 5\ninit settle\n' > "$tmp/slow.nss"
start=$(date +%s%N)
run_netns run --backend linux --timeout 0.3 "$tmp/slow.nss"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $rc -eq 1 ] || fail "timeout: exit $rc"
grep -qx "$tmp/slow.nss:3: timeout" "$tmp/err" || fail "timeout message: $(cat "$tmp/err")"
! grep -q "init settle" "$tmp/out" || fail "the run went on after a timeout"
[ $ms -lt 1900 ] || fail "timeout took $ms ms"
check_clean "timeout"

# 5. Ctrl-C and SIGKILL in the middle of a run.
{ echo 'init monitor nsid => ok'; for _ in $(seq 20); do echo 'init events 3'; done; } > "$tmp/long.nss"
for sig in INT KILL; do
  setsid env --default-signal=INT "$netns" run --backend linux "$tmp/long.nss" > /dev/null 2>&1 &
  pid=$!
  sessions="$sessions $pid"
  sleep 0.5
  [ -n "$(leftover_processes)" ] || fail "SIG$sig: the run had no processes to kill"
  # The snapshot does see a run's namespaces while it lives.
  snapshot | diff -q "$tmp/before" - > /dev/null && fail "SIG$sig: the snapshot misses the run's namespaces"
  start=$(date +%s%N)
  kill -$sig $pid
  wait $pid 2> /dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  [ $ms -lt 1000 ] || fail "SIG$sig: the runner took $ms ms to stop"
  check_clean "SIG$sig"
done

echo "linux backend: refusal, isolation and cleanup checks passed"
