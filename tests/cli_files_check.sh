#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# `netns` as a newcomer meets it: --version, a misspelled subcommand, files
# that cannot be read, `-` for standard input, several files in one run
# (each on its own, headed, summed up, the worst status), and the fd-name
# rules (reopening an open name is malformed; a closed name is EBADF).
# Usage: cli_files_check.sh NETNS_BINARY
set -uo pipefail
netns=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
run() {  # ARGS...: stdout in $tmp/out, stderr in $tmp/err, status in $rc
  "$netns" "$@" > "$tmp/out" 2> "$tmp/err" < "${stdin:-/dev/null}"; rc=$?
}

run --version
[ $rc -eq 0 ] && grep -qx 'netns [0-9]*\.[0-9]*\.[0-9]*' "$tmp/out" || fail "--version: $rc $(cat "$tmp/out")"

run rnu x.nss
[ $rc -eq 2 ] || fail "rnu exit $rc"
grep -q 'unknown command "rnu"; did you mean "run"?' "$tmp/err" || fail "rnu: $(cat "$tmp/err")"
run dif x.nss
grep -q 'did you mean "diff"?' "$tmp/err" || fail "dif: $(cat "$tmp/err")"
run frobnicate
[ $rc -eq 2 ] && ! grep -q 'did you mean' "$tmp/err" && grep -q 'unknown command "frobnicate"' "$tmp/err" ||
  fail "frobnicate: $rc $(cat "$tmp/err")"
run
[ $rc -eq 2 ] && grep -q 'run' "$tmp/err" || fail "no subcommand: $rc $(cat "$tmp/err")"

# Files that cannot be read: the reason, exit 2.
run run "$tmp"
[ $rc -eq 2 ] || fail "directory exit $rc"
grep -qx "$tmp: Is a directory" "$tmp/err" || fail "directory: $(cat "$tmp/err")"
run run "$tmp/missing.nss"
[ $rc -eq 2 ] || fail "missing exit $rc"
grep -qx "$tmp/missing.nss: No such file or directory" "$tmp/err" || fail "missing: $(cat "$tmp/err")"

# Standard input.
printf 'init unshare net => ok\ninit frob\n' > "$tmp/stdin.nss"
stdin=$tmp/stdin.nss run run -
[ $rc -eq 2 ] || fail "stdin exit $rc"
grep -qx '<stdin>:2: unknown command "frob"' "$tmp/err" || fail "stdin: $(cat "$tmp/err")"
printf 'init readlink /proc/self/ns/net => net:[ns1]\n' > "$tmp/stdin.nss"
stdin=$tmp/stdin.nss run run -
[ $rc -eq 0 ] && grep -qx '  net:\[ns1\]' "$tmp/out" || fail "stdin run: $rc $(cat "$tmp/out" "$tmp/err")"

# Several files: each on its own, in order; the worst status.
printf 'init unshare net => ok\n' > "$tmp/a_ok.nss"
printf 'init settle\ninit frob\n' > "$tmp/b_malformed.nss"
printf 'init unshare net => error EPERM\ninit settle => ok\n' > "$tmp/c_failed.nss"
run run "$tmp/a_ok.nss" "$tmp/b_malformed.nss" "$tmp/c_failed.nss" "$tmp"
[ $rc -eq 2 ] || fail "several exit $rc"
grep -qx "==> $tmp/a_ok.nss <==" "$tmp/out" || fail "no heading: $(cat "$tmp/out")"
grep -qx "==> $tmp/c_failed.nss <==" "$tmp/out" || fail "the malformed file stopped the rest: $(cat "$tmp/out")"
grep -qx 'init settle' "$tmp/out" || fail "c_failed did not run to its end: $(cat "$tmp/out")"
[ "$(tail -n 1 "$tmp/out")" = "4 files: 1 passed, 1 failed, 2 malformed" ] || fail "summary: $(tail -n 1 "$tmp/out")"
grep -qx "$tmp/b_malformed.nss:2: unknown command \"frob\"" "$tmp/err" || fail "several err: $(cat "$tmp/err")"
run run "$tmp/a_ok.nss" "$tmp/c_failed.nss"
[ $rc -eq 1 ] && [ "$(tail -n 1 "$tmp/out")" = "2 files: 1 passed, 1 failed, 0 malformed" ] || fail "1 failed: $rc"
run run "$tmp/a_ok.nss"
[ $rc -eq 0 ] && ! grep -q '==>\|files:' "$tmp/out" || fail "one file is headed or summed up: $(cat "$tmp/out")"

# Fd names: reopening an open name is malformed; a closed name stays known.
printf 'init open /proc/self/ns/net as a => ok\ninit open /proc/self/ns/user as a\n' > "$tmp/reopen.nss"
run run "$tmp/reopen.nss"
[ $rc -eq 2 ] || fail "reopen exit $rc"
grep -qx "$tmp/reopen.nss:2: fd \"a\" is already open (close it first)" "$tmp/err" || fail "reopen: $(cat "$tmp/err")"
printf 'init open /proc/self/ns/net as a => ok\ninit ioctl a NS_GET_USERNS as a\n' > "$tmp/reopen2.nss"
run run "$tmp/reopen2.nss"
[ $rc -eq 2 ] && grep -q 'fd "a" is already open' "$tmp/err" || fail "ioctl as open name: $rc $(cat "$tmp/err")"
printf 'init open /proc/self/ns/net as a => ok\ninit close a => ok\ninit close a => error EBADF\ninit close zz\n' > "$tmp/closed.nss"
run run "$tmp/closed.nss"
[ $rc -eq 2 ] && grep -qx "$tmp/closed.nss:4: unknown fd \"zz\"" "$tmp/err" || fail "closed: $rc $(cat "$tmp/err")"
echo "cli files: all checks passed"
