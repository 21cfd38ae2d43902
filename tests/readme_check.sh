#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Keeps the README true: its scenario example passes, its library example
# compiles without a warning under -Wall -Wextra, and the demo output it
# quotes is what `make demo` (netns run examples/tour.nss) prints first.
# Usage: readme_check.sh NETNS_BINARY SOURCE_DIR
set -euo pipefail
netns=$1
src=$2
readme="$src/README.md"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The first ``` block after "## The scenario language".
awk '/^## The scenario language/{s=1} s&&/^```/{if(b){exit}else{b=1;next}} b' "$readme" > "$tmp/example.nss"
[ -s "$tmp/example.nss" ] || { echo "README: no scenario example found"; exit 1; }
"$netns" run "$tmp/example.nss" > /dev/null

# The first ```cpp block after "## The library in a few lines": a whole
# program, checked with the flags a careful embedder uses.
awk '/^## The library in a few lines/{s=1} s&&/^```/{if(b){exit}else{b=1;next}} b' "$readme" > "$tmp/example.cpp"
[ -s "$tmp/example.cpp" ] || { echo "README: no library example found"; exit 1; }
grep -q 'int main' "$tmp/example.cpp" || { echo "README: the library example has no main"; exit 1; }
c++ -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I "$src/include" \
  $(pkg-config --cflags liburcu-memb libmnl fmt) "$tmp/example.cpp"

# The block after "`make demo` prints, to begin with:".
awk '/make demo` prints, to begin with:/{s=1} s&&/^```/{if(b){exit}else{b=1;next}} b' "$readme" > "$tmp/quoted"
n=$(wc -l < "$tmp/quoted")
[ "$n" -gt 0 ] || { echo "README: no demo output quoted"; exit 1; }
(cd "$src" && "$netns" run examples/tour.nss) | head -n "$n" > "$tmp/actual"
diff -u "$tmp/quoted" "$tmp/actual"
