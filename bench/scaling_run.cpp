// SPDX-License-Identifier: GPL-2.0-only
// The levels and repetitions of `netns-bench --scaling`, the same for
// both sides (scaling.hpp).
#include <algorithm>

#include "bench_util.hpp"
#include "scaling.hpp"

namespace netns::bench {

namespace {

// Repetitions of each figure: medians of five, of three at the large
// levels, where one repetition of a batch means rebuilding the population
// (a million namespaces on the model).
int reps_at(long n) { return n >= 100'000 ? 3 : 5; }

struct recorder {
  scaling_side& side;
  long n;
  std::vector<scaling_row>& rows;
  void add(const char* metric, const char* unit, const std::vector<double>& v, long items) {
    const spread s = spread_of(v);
    rows.push_back({side.name(), metric, unit, n, static_cast<int>(v.size()), s.median, s.min,
                    s.max, items});
  }
};

// The short metrics at one level: each repetition is `ops` operations,
// figures are per operation.
template <class F>
std::vector<double> per_op(int reps, long ops, F&& timed) {
  std::vector<double> v;
  for (int r = 0; r < reps; ++r) v.push_back(timed(ops) / double(ops));
  return v;
}

void level(scaling_side& side, long n, std::vector<scaling_row>& rows) {
  side.resize(n);
  recorder rec{side, n, rows};
  const int reps = reps_at(n);
  rec.add("create_destroy", "ns",
          per_op(reps, side.ops("create_destroy"), [&](long k) { return side.create_destroy(k); }), 1);
  rec.add("setns_round_trip", "ns",
          per_op(reps, side.ops("setns_round_trip"), [&](long k) { return side.setns_round(k); }), 1);
  rec.add("getnsid_round_trip", "ns",
          per_op(reps, side.ops("getnsid_round_trip"), [&](long k) { return side.getnsid_round(k); }),
          1);
  // A dump grows with the ids by nature; per entry it should not.
  std::vector<double> dump, per_entry;
  long entries = 0;
  side.dump(entries);  // untimed: the first walk of a table finds its caches cold
  for (int r = 0; r < reps; ++r) {
    dump.push_back(side.dump(entries));
    per_entry.push_back(dump.back() / double(std::max(entries, 1L)));
  }
  rec.add("nsid_dump", "ns", dump, entries);
  rec.add("nsid_dump_per_entry", "ns", per_entry, entries);
  // Last: it takes the population away; each further repetition rebuilds it.
  std::vector<double> batch, per_ns;
  for (int r = 0; r < reps; ++r) {
    side.resize(n);
    batch.push_back(side.cleanup_batch());
    per_ns.push_back(batch.back() / double(n));
  }
  rec.add("cleanup_batch", "ns", batch, n);
  rec.add("cleanup_batch_per_ns", "ns", per_ns, n);
}

}  // namespace

std::vector<long> scaling_levels(long max) {
  std::vector<long> v;
  for (long n = 1; n <= max; n *= 10) v.push_back(n);
  if (v.back() != max) v.push_back(max);
  return v;
}

double memory_per_ns(scaling_side& side, long n) {
  const long before = side.memory_bytes();
  side.resize(side.live() + n);
  const long after = side.memory_bytes();
  if (before < 0 || after < 0) return -1;
  return double(after - before) / double(n);
}

std::vector<scaling_row> run_scaling(scaling_side& side, long max, std::FILE* progress) {
  std::vector<scaling_row> rows;
  const std::vector<long> levels = scaling_levels(max);
  // Memory first, on a population that only grows: a namespace destroyed
  // before would leave memory the next one reuses. Below 100 namespaces
  // the growth is under the resolution of pages and of the system-wide
  // counters, so the rows start there.
  const long base = side.memory_bytes();
  for (long n : levels) {
    side.resize(n);
    const long now = side.memory_bytes();
    if (n >= 100 && base >= 0 && now >= 0) {
      const double v = double(now - base) / double(n);
      rows.push_back({side.name(), "memory_per_ns", "bytes", n, 1, v, v, v, n});
    }
  }
  // Then the timed metrics from the largest level down: shrinking costs a
  // cleanup, growing again would cost the whole population.
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    const auto t0 = clock_type::now();
    level(side, *it, rows);
    if (progress)
      std::fprintf(progress, "%s: %ld live namespaces measured in %.1f s\n", side.name(), *it,
                   ns_since(t0) / 1e9);
  }
  side.resize(0);
  // Rows by metric, then level, as the plots read them.
  std::stable_sort(rows.begin(), rows.end(), [](const scaling_row& a, const scaling_row& b) {
    auto rank = [](const std::string& m) {
      return std::find_if(std::begin(scaling_metrics), std::end(scaling_metrics),
                          [&](const char* x) { return m == x; }) - std::begin(scaling_metrics);
    };
    return rank(a.metric) != rank(b.metric) ? rank(a.metric) < rank(b.metric) : a.n < b.n;
  });
  return rows;
}

}  // namespace netns::bench
