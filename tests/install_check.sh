#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The library as an embedder gets it: `cmake --install` into a scratch
# prefix lays out the model's headers (not the tools'), libnetns.a and
# libnetns.so with its SONAME, a CMake package and netns.pc; a small
# consumer (tests/consumer) builds against it with find_package(netns),
# shared and static, and with pkg-config, and each build prints what
# tests/consumer/expected.txt says.
# Usage: install_check.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
libdir=$(dirname "$(find "$prefix" -name libnetns.a -print -quit)")
[ -f "$libdir/libnetns.a" ] || fail "no libnetns.a under $prefix"
[ -f "$prefix/include/netns/core/net.hpp" ] || fail "headers not installed"
[ ! -e "$prefix/include/netns/tools" ] || fail "the tools' headers were installed"
[ -f "$libdir/cmake/netns/netns-config.cmake" ] || fail "no CMake package"
[ -f "$libdir/pkgconfig/netns.pc" ] || fail "no netns.pc"
soname=$(readelf -d "$libdir/libnetns.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libnetns.so.0" ] || fail "SONAME is '$soname'"
[ -f "$libdir/libnetns.so.0" ] || fail "no libnetns.so.0"
ls "$libdir"/libnetns.so.0.* > /dev/null || fail "no versioned libnetns.so.0.x.y"

check_output() {  # BINARY
  "$1" > "$tmp/out" || fail "$1 exited $?: $(cat "$tmp/out")"
  diff -u "$src/tests/consumer/expected.txt" "$tmp/out" || fail "$1's output"
}

# find_package(netns): the shared library (which the consumer must load
# from the prefix, not from the build tree) and the static one.
cmake -S "$src/tests/consumer" -B "$tmp/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/configure.log" || { cat "$tmp/configure.log"; fail "find_package(netns)"; }
cmake --build "$tmp/consumer" > "$tmp/build.log" || { cat "$tmp/build.log"; fail "consumer build"; }
# ldd's output is kept whole first: `ldd | grep -q` fails under pipefail
# whenever grep exits before ldd has written everything (SIGPIPE).
deps=$(ldd "$tmp/consumer/consumer")
grep -q "libnetns.so.0 => $libdir/" <<< "$deps" || fail "consumer does not load $libdir/libnetns.so.0: $deps"
check_output "$tmp/consumer/consumer"
deps=$(ldd "$tmp/consumer/consumer_static")
if grep -q libnetns <<< "$deps"; then fail "consumer_static links libnetns.so: $deps"; fi
check_output "$tmp/consumer/consumer_static"

# pkg-config, as a Makefile or another build system would use it.
export PKG_CONFIG_PATH=$libdir/pkgconfig
[ "$(pkg-config --modversion netns)" = "$(sed -n 's/^Version: //p' "$libdir/pkgconfig/netns.pc")" ] || fail "pkg-config --modversion"
# shellcheck disable=SC2046
c++ -std=c++20 -Wall -Wextra -o "$tmp/consumer_pc" "$src/tests/consumer/consumer.cpp" \
  $(pkg-config --cflags --libs netns) -Wl,-rpath,"$libdir" || fail "pkg-config build"
check_output "$tmp/consumer_pc"
echo "install: headers, libnetns.a, libnetns.so ($soname), CMake package and netns.pc work"
