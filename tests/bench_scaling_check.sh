#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# netns-bench --scaling on the model alone (--kernel-max 0: nothing here
# depends on the host or on root): the CSV header, a row for every metric
# at every level up to --max, well-formed numbers; JSON has the same rows;
# bad arguments exit 2. No figure is checked against a bound: rows, not
# timings.
# Usage: bench_scaling_check.sh NETNS_BENCH_BINARY
set -uo pipefail
bench=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

timeout 120 "$bench" --scaling --max 100 --kernel-max 0 --format csv --out "$tmp/rows.csv" \
  2> "$tmp/err" || fail "--scaling exit $?: $(cat "$tmp/err")"
grep -q 'kernel: skipped (--kernel-max 0); model only' "$tmp/err" || fail "no skip message: $(cat "$tmp/err")"
[ "$(head -1 "$tmp/rows.csv")" = "backend,metric,unit,n,reps,median,min,max,items" ] ||
  fail "header: $(head -1 "$tmp/rows.csv")"
for metric in create_destroy setns_round_trip getnsid_round_trip nsid_dump nsid_dump_per_entry \
              cleanup_batch cleanup_batch_per_ns; do
  for n in 1 10 100; do
    grep -Eq "^model,$metric,ns,$n,5,[0-9.]+,[0-9.]+,[0-9.]+,[0-9]+$" "$tmp/rows.csv" ||
      fail "no row for $metric at $n: $(cat "$tmp/rows.csv")"
  done
done
# Memory rows start at 100 namespaces (below, pages and counters cannot resolve it).
grep -Eq '^model,memory_per_ns,bytes,100,1,-?[0-9.]+,' "$tmp/rows.csv" || fail "no memory row"
grep -q '^model,memory_per_ns,bytes,10,' "$tmp/rows.csv" && fail "a memory row below 100"
# A dump at n returns n entries; min <= median <= max everywhere.
grep -Eq '^model,nsid_dump,ns,100,5,[0-9.]+,[0-9.]+,[0-9.]+,100$' "$tmp/rows.csv" || fail "dump entries"
awk -F, 'NR > 1 && !($7 <= $6 && $6 <= $8) { exit 1 }' "$tmp/rows.csv" || fail "min/median/max order"
[ "$(wc -l < "$tmp/rows.csv")" -eq 23 ] || fail "expected 22 rows: $(cat "$tmp/rows.csv")"
grep -q '^kernel,' "$tmp/rows.csv" && fail "kernel rows with --kernel-max 0"

timeout 120 "$bench" --scaling --max 10 --kernel-max 0 --format json > "$tmp/rows.json" 2> "$tmp/err" ||
  fail "--format json exit $?"
[ "$(grep -c '"backend": "model"' "$tmp/rows.json")" -eq 14 ] || fail "json rows: $(cat "$tmp/rows.json")"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/rows.json" 2>/dev/null ||
  ! command -v python3 >/dev/null || fail "json does not parse"

refused() {  # ARGS...: exit 2 and a message, nothing measured
  timeout 20 "$bench" "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?
  [ $rc -eq 2 ] || fail "netns-bench $*: exit $rc"
  [ -s "$tmp/err" ] || fail "netns-bench $*: no message"
  [ ! -s "$tmp/out" ] || fail "netns-bench $*: printed: $(head -c 300 "$tmp/out")"
}
refused --scaling --max 0
grep -q -- '--max: "0" is not a count' "$tmp/err" || fail "max message: $(cat "$tmp/err")"
refused --scaling --max abc
refused --scaling --max
refused --scaling --kernel-max -1
refused --scaling --format xml
grep -q -- '"xml" is not csv or json' "$tmp/err" || fail "format message: $(cat "$tmp/err")"
refused --scaling --frobnicate
refused --scaling --out /nonexistent-dir/rows.csv
refused --memory 10 --scaling
echo "netns-bench --scaling: all checks passed"
