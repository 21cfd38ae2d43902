// SPDX-License-Identifier: GPL-2.0-only
// What every netns-bench mode shares: the clock, medians and spreads of
// rounds, the process's resident memory, the kernel memory /proc/meminfo
// shows, a model kernel without a namespace limit, and count arguments.
//
// Example:
//   std::vector<double> rounds = {2.1, 1.9, 2.4};
//   bench::spread s = bench::spread_of(rounds);   // min 1.9, median 2.1, max 2.4
//   long n;
//   if (!bench::parse_count("--memory", "1000", 10'000'000, n)) return 2;
//
// Header-only and small: each helper is a few lines, used by several modes.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include "netns/core/kernel.hpp"

namespace netns::bench {

using clock_type = std::chrono::steady_clock;

inline double ns_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::nano>(clock_type::now() - t0).count();
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// One round of a side (model or kernel) that makes `trips(k)` round
// trips: n/10 + 1 warm-up trips after the other side's round, then n
// timed; microseconds per trip.
template <class Side>
double us_per_trip(Side& side, int n) {
  side.trips(n / 10 + 1);
  auto t0 = clock_type::now();
  side.trips(n);
  return std::chrono::duration<double, std::micro>(clock_type::now() - t0).count() / n;
}

// The rounds of one figure: a median alone hides how far they scatter.
struct spread {
  double min = 0, median = 0, max = 0;
};
inline spread spread_of(const std::vector<double>& v) {
  if (v.empty()) return {};
  auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return {*lo, median(v), *hi};
}

// A model kernel that refuses no namespace for being one too many: the
// benchmarks measure costs, not the host-derived limit.
inline kernel_config unlimited() {
  kernel_config c;
  c.max_net_namespaces = INT_MAX;
  return c;
}

// This process's resident set (/proc/self/statm), in KiB.
inline long rss_kib() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The kernel's own memory as /proc/meminfo shows it, in KiB: slab objects
// (struct net, its sysctl tables, proc entries, devices, the nsfs inodes
// and files that hold namespaces), per-CPU areas (SNMP counters, device
// statistics), vmalloc, kernel stacks and page tables. A namespace's memory
// is in these; page cache and user pages are not, so they stay out of it.
// -1 when /proc/meminfo cannot be read.
inline long kernel_memory_kib() {
  FILE* f = std::fopen("/proc/meminfo", "r");
  if (!f) return -1;
  static const char* const fields[] = {"Slab:", "Percpu:", "VmallocUsed:", "KernelStack:",
                                       "PageTables:"};
  char name[64];
  long value = 0, sum = 0;
  int found = 0;
  while (std::fscanf(f, "%63s %ld kB\n", name, &value) == 2)
    for (const char* want : fields)
      if (std::strcmp(name, want) == 0) sum += value, ++found;
  std::fclose(f);
  return found ? sum : -1;
}

// Live `struct net` objects as /proc/slabinfo counts them (root only), or
// -1. SLUB counts the objects of its per-CPU slabs as active, so this is
// exact only to a slab or two.
inline long kernel_net_objects() {
  FILE* f = std::fopen("/proc/slabinfo", "r");
  if (!f) return -1;
  char line[512];
  long active = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "net_namespace %ld", &active) == 1) break;
  std::fclose(f);
  return active;
}

// Waits, at most `limit`, until the kernel has cleaned up the namespaces a
// round left behind: its cleanup_net runs in a kworker after the round's
// clock stopped, and would otherwise run on the CPUs while the model's
// next round is timed. The end of the cleanup is the last fall of the
// live count: done when the count is back near `baseline`, or has fallen
// and then held for 200 ms. It need not come back: the reference kernel
// frees the last batch's `struct net`s only when its next cleanup_net
// runs (they stay counted meanwhile; measured, docs/benchmarks.md).
// Without /proc/slabinfo it waits a fixed second. Returns when the
// cleanup was seen to end (within one 5 ms poll), or nothing.
inline std::optional<std::chrono::steady_clock::time_point> wait_kernel_cleanup(
    long baseline, std::chrono::milliseconds limit) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + limit;
  long last = kernel_net_objects();
  if (baseline < 0 || last < 0) {
    std::this_thread::sleep_for(std::min(limit, std::chrono::milliseconds(1000)));
    return std::nullopt;
  }
  constexpr long slack = 64;  // a few slabs still in per-CPU hands
  auto last_fall = clock::now();
  bool fell = false;
  while (last > baseline + slack && clock::now() < deadline &&
         !(fell && clock::now() - last_fall >= std::chrono::milliseconds(200))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const long now = kernel_net_objects();
    if (now < last) last_fall = clock::now(), fell = true;
    last = now;
  }
  if (last <= baseline + slack) return fell ? last_fall : clock::now();
  if (fell && clock::now() - last_fall >= std::chrono::milliseconds(200)) return last_fall;
  return std::nullopt;
}

// A count argument: decimal digits only, 1..max; anything else is refused
// with a message (the caller exits 2), never taken as the default.
inline bool parse_count(const char* what, const char* text, long max, long& n, long min = 1) {
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text, &end, 10);
  if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno == ERANGE || v < min || v > max) {
    std::fprintf(stderr, "netns-bench: %s: \"%s\" is not a count from %ld to %ld\n", what, text,
                 min, max);
    return false;
  }
  n = v;
  return true;
}

}  // namespace netns::bench
