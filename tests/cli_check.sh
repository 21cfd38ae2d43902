#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The netns command as users call it: exit statuses of `run` (0, 1 for a
# failed expectation, 2 for a malformed line or a missing file), `--help`,
# and `shell` reading piped lines (help, results, and run's statuses: a
# failed expectation goes on, a malformed line stops it).
# Usage: cli_check.sh NETNS_BINARY
set -uo pipefail
netns=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

printf 'init unshare net => ok\n' > "$tmp/ok.nss"
printf 'init unshare net => error EPERM\ninit settle => ok\n' > "$tmp/bad.nss"
printf 'init settle\ninit frob\n' > "$tmp/malformed.nss"

"$netns" run "$tmp/ok.nss" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] || fail "ok.nss exit $rc"
[ "$(cat "$tmp/out")" = "$(printf 'init unshare net\n  ok')" ] || fail "ok.nss transcript: $(cat "$tmp/out")"

"$netns" run "$tmp/bad.nss" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "bad.nss exit $rc"
grep -qx "$tmp/bad.nss:1: expected \"error EPERM\", got \"ok\"" "$tmp/err" || fail "bad.nss stderr: $(cat "$tmp/err")"
grep -q "init settle" "$tmp/out" || fail "bad.nss stopped at the failed expectation"

"$netns" run "$tmp/malformed.nss" > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] || fail "malformed.nss exit $rc"
grep -qx "$tmp/malformed.nss:2: unknown command \"frob\"" "$tmp/err" || fail "malformed stderr: $(cat "$tmp/err")"

"$netns" run "$tmp/missing.nss" > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "missing file exit $rc"

for sub in run shell; do
  "$netns" $sub --help > "$tmp/help" 2>&1 || fail "$sub --help exit $?"
  grep -q "Usage:" "$tmp/help" || fail "$sub --help: $(cat "$tmp/help")"
done

# The shell through a pipe reads as `run` reads a file (without echoing the
# lines): help, results indented by two blanks; a failed expectation is
# reported and the lines after it run (exit 1); a malformed line stops it
# (exit 2). It keeps no history.
mkdir "$tmp/home"
shell() { HOME="$tmp/home" "$netns" shell > "$tmp/out" 2> "$tmp/err"; }

printf 'help\nhelp open\nhelp frob\ninit unshare net\ninit readlink /proc/self/ns/net => net:[ns1]\n' | shell; rc=$?
[ $rc -eq 0 ] || fail "shell exit $rc: $(cat "$tmp/err")"
grep -q "spawn NAME" "$tmp/out" || fail "shell help: $(cat "$tmp/out")"
grep -q "Example: init open /proc/self/ns/net as n0 => ok" "$tmp/out" || fail "shell help open: $(cat "$tmp/out")"
grep -qx 'help: no command "frob" (help lists them)' "$tmp/err" || fail "shell help frob: $(cat "$tmp/err")"
grep -qx "  ok" "$tmp/out" || fail "shell result: $(cat "$tmp/out")"
grep -qx "  net:\[ns1\]" "$tmp/out" || fail "shell result: $(cat "$tmp/out")"
grep -q "unshare net" "$tmp/out" && fail "shell echoed a line: $(cat "$tmp/out")"

printf 'init unshare net => error EPERM\ninit readlink /proc/self/ns/net => net:[ns1]\n' | shell; rc=$?
[ $rc -eq 1 ] || fail "shell exit $rc after a failed expectation"
grep -qx '<stdin>:1: expected "error EPERM", got "ok"' "$tmp/err" || fail "shell failed expectation: $(cat "$tmp/err")"
grep -qx "  net:\[ns1\]" "$tmp/out" || fail "shell stopped at a failed expectation: $(cat "$tmp/out")"

printf 'init unshare net => error EPERM\ninit frob\ninit readlink /proc/self/ns/net\n' | shell; rc=$?
[ $rc -eq 2 ] || fail "shell exit $rc after a malformed line"
grep -qx '<stdin>:2: unknown command "frob"' "$tmp/err" || fail "shell malformed line: $(cat "$tmp/err")"
grep -q "net:" "$tmp/out" && fail "shell went on after a malformed line: $(cat "$tmp/out")"

# Malformed as the backend finds it (an fd name that is not open): the same.
printf 'init close nope\ninit settle\n' | shell; rc=$?
[ $rc -eq 2 ] || fail "shell exit $rc after an unknown fd"
grep -qx '<stdin>:1: unknown fd "nope"' "$tmp/err" || fail "shell unknown fd: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "shell went on after an unknown fd: $(cat "$tmp/out")"

# quit (or exit) alone ends it; TASK exit is the command.
printf 'init spawn t\nt exit\nquit\ninit frob\n' | shell; rc=$?
[ $rc -eq 0 ] || fail "shell exit $rc after quit: $(cat "$tmp/err")"
[ "$(cat "$tmp/out")" = "$(printf '  ok\n  ok')" ] || fail "shell quit: $(cat "$tmp/out")"
[ -e "$tmp/home/.netns_history" ] && fail "shell kept a history through a pipe"

echo "cli: all checks passed"
