// SPDX-License-Identifier: GPL-2.0-only
// `netns-bench --scaling`: how the costs grow with the number of live
// namespaces, on the model and on the running kernel (root only).
//
// A side (the model, or the kernel) keeps a population of live network
// namespaces, each with an nsid in its home namespace, and times single
// operations among them. run_scaling() drives either side through the
// same levels (1, 10, 100, ... up to max) and returns one row per
// (metric, level):
//
//   backend,metric,unit,n,reps,median,min,max,items
//
// Example:
//   auto model = bench::make_model_side(/*with_nsids=*/true, 1000);
//   for (const bench::scaling_row& r : bench::run_scaling(*model, 1000, stderr))
//     std::printf("%s %ld %.0f\n", r.metric.c_str(), r.n, r.median);
//
// The kernel side must run in a process of one thread (it enters a user
// namespace of its own, see scaling_kernel.cpp); --scaling forks one.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace netns::bench {

struct scaling_row {
  std::string backend;  // model, kernel
  std::string metric;   // docs/benchmarks.md lists them
  std::string unit;     // ns, bytes
  long n = 0;           // live namespaces
  int reps = 0;         // repetitions the figures are taken from
  double median = 0, min = 0, max = 0;
  long items = 0;       // what one repetition covered: 1, a dump's entries, a batch's size
};

// The metrics, in the order rows come out.
inline const char* const scaling_metrics[] = {
    "memory_per_ns",   "create_destroy",      "setns_round_trip",
    "getnsid_round_trip", "nsid_dump",        "nsid_dump_per_entry",
    "cleanup_batch",   "cleanup_batch_per_ns"};

class scaling_side {
 public:
  virtual ~scaling_side() = default;
  virtual const char* name() const = 0;
  // Operations per timed repetition of a short metric: enough for the
  // clock, few enough for the side's speed.
  virtual long ops(const std::string& metric) const = 0;
  virtual long live() const = 0;
  // Grows the population to n (new namespaces get the lowest free nsid
  // when the side assigns them), or shrinks it by destroying the newest
  // and waiting for their cleanup.
  virtual void resize(long n) = 0;
  // Nanoseconds for `ops` namespaces created and destroyed among the
  // population (how each side counts cleanup: docs/benchmarks.md).
  virtual double create_destroy(long ops) = 0;
  virtual double setns_round(long trips) = 0;
  // GETNSID by NETNSA_NSID, over random ids of the population.
  virtual double getnsid_round(long trips) = 0;
  // One dump of every id: its time, and the entries it returned.
  virtual double dump(long& entries) = 0;
  // Destroys the whole population at once: nanoseconds until the last
  // one's cleanup has finished.
  virtual double cleanup_batch() = 0;
  // The footprint namespaces grow: RSS for the model, the kernel's own
  // memory in /proc/meminfo for the kernel. -1 when unknown.
  virtual long memory_bytes() = 0;
};

// The model: a machine; with_nsids, each namespace gets an id in the init
// net. `reserve`: the largest population it will hold.
std::unique_ptr<scaling_side> make_model_side(bool with_nsids, long reserve);
// The kernel, in a user namespace of its own; nullptr, with the reason
// in `why`, when it cannot be used here (not root, no user namespaces).
std::unique_ptr<scaling_side> make_kernel_side(bool with_nsids, long reserve, std::string& why);

// The levels for max: 1, 10, 100, ... up to max, and max itself.
std::vector<long> scaling_levels(long max);
// Every metric at every level; a line per level on `progress`.
std::vector<scaling_row> run_scaling(scaling_side& side, long max, std::FILE* progress);

// Memory per live namespace with n held (no nsids): bytes, -1 unknown.
double memory_per_ns(scaling_side& side, long n);

}  // namespace netns::bench

namespace netns::bench {
// `netns-bench --scaling ARGS...` (the arguments after --scaling): 0 done,
// 1 a measurement failed, 2 bad arguments.
int scaling_command(int argc, char** argv);
}  // namespace netns::bench
