#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# netns-bench's own arguments: bad counts and unknown words are refused
# (exit 2, with a message), never run with defaults; --help shows its modes
# before Google Benchmark's flags. Runs no measurement.
# Usage: bench_cli_check.sh NETNS_BENCH_BINARY
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

refused() {  # ARGS...: exit 2 and a message naming the problem, nothing measured
  timeout 20 "$bench" "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?
  [ $rc -eq 2 ] || fail "netns-bench $*: exit $rc (stdout: $(head -c 300 "$tmp/out"))"
  [ -s "$tmp/err" ] || fail "netns-bench $*: no message"
  [ ! -s "$tmp/out" ] || fail "netns-bench $*: printed a measurement: $(head -c 300 "$tmp/out")"
}
refused --compare-kernel abc
grep -q '"abc" is not a count' "$tmp/err" || fail "abc message: $(cat "$tmp/err")"
refused --compare-kernel -5
refused --compare-kernel 0
refused --compare-kernel 12x
refused --compare-kernel 99999999999999999999
refused --memory 0
grep -q -- '--memory: "0" is not a count' "$tmp/err" || fail "memory message: $(cat "$tmp/err")"
refused --memory -1
refused --memory 10 20
refused --frobnicate
grep -q 'unknown argument "--frobnicate"' "$tmp/err" || fail "unknown message: $(cat "$tmp/err")"
refused --benchmark_bogus_flag=1

timeout 20 "$bench" --help > "$tmp/help" 2>&1 || fail "--help exit $?"
for word in --compare-kernel --memory --benchmark_filter; do
  grep -q -- "$word" "$tmp/help" || fail "--help does not mention $word: $(cat "$tmp/help")"
done
echo "netns-bench arguments: all checks passed"
