# SPDX-License-Identifier: GPL-2.0-only
# The README's two commands: `make demo` and `make test`. Both install missing
# Debian packages, configure the release preset into build/ and build it.

JOBS ?= $(shell nproc)

.PHONY: all deps build demo test bench bench-plots asan-ubsan tsan fuzz clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

demo: build
	@build/bin/netns run examples/tour.nss

test: build
	@ctest --preset release -j $(JOBS)

bench: build
	@build/bin/netns-bench --compare-kernel

# How costs grow with live namespaces (docs/benchmarks.md): the rows of
# `netns-bench --scaling` (the kernel's too when run as root) into
# docs/benchmarks/scaling.csv, and one SVG per metric beside it. gnuplot is
# installed here only if missing; `make deps` (and CI) never install it.
SCALING_ARGS ?=
bench-plots: build
	@command -v gnuplot >/dev/null || scripts/install-deps --plots
	@mkdir -p docs/benchmarks
	@build/bin/netns-bench --scaling $(SCALING_ARGS) --out docs/benchmarks/scaling.csv
	@scripts/bench-plots docs/benchmarks/scaling.csv docs/benchmarks

asan-ubsan: deps
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build --preset asan-ubsan -j $(JOBS)
	@ctest --preset asan-ubsan -j $(JOBS)

tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)
	@ctest --preset tsan -j $(JOBS)

# The libFuzzer targets (netlink socket, scenario parser and runner), built
# in the asan-ubsan tree (ASan/UBSan), FUZZ_SECONDS each (new inputs go
# to a scratch directory; the seed corpus in fuzz/corpus/ stays as it is).
FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build --preset asan-ubsan -j $(JOBS) --target netlink-fuzz scenario-fuzz
	@for target in netlink scenario; do \
	  scratch=$$(mktemp -d) && \
	  build/asan-ubsan/bin/$$target-fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 "$$scratch" fuzz/corpus/$$target || { rm -rf "$$scratch"; exit 1; }; \
	  rm -rf "$$scratch"; \
	done

clean:
	rm -rf build
