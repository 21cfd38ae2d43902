#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The netns command as users call it: exit statuses of `run` (0, 1 for a
# failed expectation, 2 for a malformed line or a missing file), `--help`,
# and `shell` reading piped lines (help, results, errors that do not stop it).
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

printf 'help\ninit unshare net\ninit frob\ninit readlink /proc/self/ns/net => net:[ns1]\n' |
  "$netns" shell > "$tmp/out" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] || fail "shell exit $rc"
grep -q "spawn NAME" "$tmp/out" || fail "shell help: $(cat "$tmp/out")"
grep -qx "  ok" "$tmp/out" || fail "shell result: $(cat "$tmp/out")"
grep -qx "  net:\[ns1\]" "$tmp/out" || fail "shell went on after an error: $(cat "$tmp/out")"
grep -qx "<stdin>:3: unknown command \"frob\"" "$tmp/err" || fail "shell error: $(cat "$tmp/err")"
echo "cli: all checks passed"
