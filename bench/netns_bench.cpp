// SPDX-License-Identifier: GPL-2.0-only
// netns-bench: Google Benchmark micro figures, plus side-by-side modes.
//
//   netns-bench                       micro benchmarks (Google Benchmark flags apply)
//   netns-bench --compare-kernel [N]  N namespaces created and destroyed on the model
//                                     (cleanup included) and on the running kernel
//                                     (unshare + setns back; root only), 5 rounds
//                                     interleaved, each after an untimed N/10 whose
//                                     cleanup has ended (the model's round repeats N
//                                     for at least 20 ms), medians; then the setns round trip
//                                     (open another namespace's file, setns into it,
//                                     setns back, close) the same way, each timed round after
//                                     N/10 untimed trips; then the min, median and max of
//                                     each figure's rounds, and memory per live namespace
//                                     on both sides; the last two lines are
//                                     "setns round trip: model X us, kernel Y us, ratio Z"
//                                     "create+destroy per namespace: model X us, kernel Y us, ratio Z"
//   netns-bench --memory [N]          RSS growth per live namespace with the built-ins,
//                                     N namespaces held at once
//   netns-bench --scaling [...]       how costs grow with live namespaces (scaling.hpp)
//   netns-bench --help                these modes, then Google Benchmark's flags
//
// A count that is not a number from 1 to the mode's maximum is refused
// (exit 2), as is any other argument but Google Benchmark's --benchmark_*.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/subsys/builtin.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "bench_util.hpp"
#include "child.hpp"
#include "nsid_bench.hpp"
#include "scaling.hpp"
#include "setns_trips.hpp"
#include "veth_trips.hpp"

namespace {

using namespace netns;
using bench::clock_type;
using bench::median;
using bench::unlimited;
using bench::rss_kib;

// ---- micro benchmarks -------------------------------------------------------

struct bench_state {
  int value;
};

void BM_net_generic_read(benchmark::State& state) {
  auto k = boot();
  unsigned id = 0;
  pernet_operations ops{.name = "bench", .id = &id, .size = sizeof(bench_state)};
  if (!register_pernet_subsys(*k, ops)) state.SkipWithError("register failed");
  auto n = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
  net& nn = **n;
  for (auto _ : state) benchmark::DoNotOptimize(net_generic<bench_state>(nn, id));
  n->reset();
  unregister_pernet_subsys(*k, ops);
}
BENCHMARK(BM_net_generic_read);

void BM_get_put_pair(benchmark::State& state) {
  auto k = boot();
  net& n = k->init_net();
  for (auto _ : state) {
    net_ref r = get_net(n);
    benchmark::DoNotOptimize(r.get());
  }
}
BENCHMARK(BM_get_put_pair);

void BM_maybe_get_net(benchmark::State& state) {
  auto k = boot();
  net& n = k->init_net();
  for (auto _ : state) {
    net_ref r = maybe_get_net(n);
    benchmark::DoNotOptimize(r.get());
  }
}
BENCHMARK(BM_maybe_get_net);

// copy_net_ns + last put; cleanup runs concurrently on the worker and is
// waited for once at the end of each batch of iterations.
void BM_create_destroy(benchmark::State& state) {
  auto k = boot(unlimited());
  for (auto _ : state) {
    auto n = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
    benchmark::DoNotOptimize(n->get());
  }
  k->settle();
}
BENCHMARK(BM_create_destroy);

// The model's setns round trip alone (the --compare-kernel row without the
// kernel beside it): open another namespace's file by its /proc/self/fd path,
// setns into it, setns back, close.
void BM_setns_round_trip(benchmark::State& state) {
  machine m;
  task& t = m.init_task();
  int home = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
  if (!sys_unshare(t, CLONE_NEWNET)) state.SkipWithError("unshare failed");
  int other = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
  if (!sys_setns(t, home, CLONE_NEWNET)) state.SkipWithError("setns back failed");
  const std::string path = "/proc/self/fd/" + std::to_string(other);
  for (auto _ : state) {
    auto fd = sys_open(t, path, O_RDONLY);
    if (!fd || !sys_setns(t, *fd, CLONE_NEWNET) || !sys_setns(t, home, CLONE_NEWNET) ||
        !sys_close(t, *fd)) {
      state.SkipWithError("round trip failed");
      break;
    }
  }
}
BENCHMARK(BM_setns_round_trip);

// ---- --compare-kernel ---------------------------------------------------------

// Each side's timed round follows an untimed warm-up of its own: a tenth
// of a round, made and destroyed the same way, its cleanup finished before
// the clock starts (on the kernel too: wait_kernel_cleanup). Without it a
// round's first namespaces pay for the caches the other side's round left
// cold, which is the interleaving, not the cost of a namespace.
int warm_up_count(int n) { return std::max(1, n / 10); }

void model_create_drop(kernel& k, int n) {
  for (int i = 0; i < n; ++i) {
    auto r = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), global_root_uid);
    if (!r) {
      std::fprintf(stderr, "model: copy_net_ns failed: %s\n", errno_name(r.error().errnum()));
      std::exit(1);
    }
  }
  k.settle();
}

// The model's round makes and destroys its N again until it has run for
// model_round_min (a whole number of N, each settled): 1000 take about
// 0.25 ms, so one stall of this virtual machine's CPU could double a
// round, where the kernel's round, about 250 ms long, averages its stalls
// out.
constexpr auto model_round_min = std::chrono::milliseconds(20);

double model_round(kernel& k, int n) {
  model_create_drop(k, warm_up_count(n));
  const auto t0 = clock_type::now();
  long made = 0;
  do {
    model_create_drop(k, n);
    made += n;
  } while (clock_type::now() - t0 < model_round_min);
  return std::chrono::duration<double, std::micro>(clock_type::now() - t0).count() / made;
}

// The kernel's round, per namespace: `create` stops the clock when the
// last namespace is dropped, as the model's does after its settle (the
// kernel's cleanup_net of the round, in a kworker, is not counted, but it
// is waited for, so that it does not run beside the next model round);
// `with_cleanup` stops it when that cleanup was seen to end, which is what
// the model's figure includes. -1 when the kernel cannot be measured here
// (not root, or unshare refused), or the end of the cleanup was not seen.
struct kernel_round_figures {
  double create = -1;
  double with_cleanup = -1;
};

// n namespaces made and dropped; false when unshare is refused.
bool kernel_create_drop(int home_fd, int n) {
  for (int i = 0; i < n; ++i) {
    if (unshare(CLONE_NEWNET) != 0) return false;
    if (setns(home_fd, CLONE_NEWNET) != 0) {
      std::perror("setns back");
      std::exit(1);
    }
  }
  return true;
}

kernel_round_figures kernel_round(int home_fd, int n) {
  if (home_fd < 0) return {};
  long live_before = bench::kernel_net_objects();
  if (!kernel_create_drop(home_fd, warm_up_count(n))) return {};
  // Not seen to end (the count never fell): the round is timed anyway.
  (void)bench::wait_kernel_cleanup(live_before, std::chrono::seconds(10));
  live_before = bench::kernel_net_objects();
  auto t0 = clock_type::now();
  if (!kernel_create_drop(home_fd, n)) return {};
  kernel_round_figures f;
  f.create = std::chrono::duration<double, std::micro>(clock_type::now() - t0).count() / n;
  if (const auto end = bench::wait_kernel_cleanup(live_before, std::chrono::seconds(10)))
    f.with_cleanup = std::chrono::duration<double, std::micro>(*end - t0).count() / n;
  return f;
}

void print_line(const char* what, double model, const std::vector<double>& kern) {
  if (kern.empty()) {
    std::printf("%s: model %.3f us, kernel skipped, ratio n/a\n", what, model);
    return;
  }
  double kv = median(kern);
  std::printf("%s: model %.3f us, kernel %.1f us, ratio %.0f\n", what, model, kv, kv / model);
}

// The rounds' min/median/max of one figure on both sides: a median alone
// hides how far the rounds scatter (a busy second core shows here first).
void print_spread(const char* what, const std::vector<double>& model,
                  const std::vector<double>& kern) {
  const bench::spread m = bench::spread_of(model);
  std::printf("%s spread (us): model min %.3f median %.3f max %.3f", what, m.min, m.median, m.max);
  if (kern.empty()) {
    std::printf("; kernel skipped\n");
    return;
  }
  const bench::spread k = bench::spread_of(kern);
  std::printf("; kernel min %.1f median %.1f max %.1f\n", k.min, k.median, k.max);
}

// Memory per live namespace, with n held at once, on both sides measured
// the same way: the growth of the footprint they live in (the model's
// RSS; the kernel's slab, per-CPU, vmalloc, stack and page-table memory
// from /proc/meminfo), divided by n. The kernel's namespaces are held by
// fds, in a child process of one thread (scaling_kernel.cpp); -1: skipped,
// with the reason in `why`.
double kernel_memory_per_ns(long n, std::string& why) {
  if (geteuid() != 0) {
    why = "needs root";
    return -1;
  }
  std::string text;
  const bool ok = bench::run_in_child(
      [&](std::FILE* out) {
        std::string reason;
        auto side = bench::make_kernel_side(false, n, reason);
        if (!side) {
          std::fprintf(out, "skipped %s\n", reason.c_str());
          return 0;
        }
        std::fprintf(out, "%.1f\n", bench::memory_per_ns(*side, n));
        return 0;
      },
      text);
  if (!ok || text.rfind("skipped ", 0) == 0) {
    why = ok ? text.substr(8, text.find('\n') - 8) : "the measurement failed";
    return -1;
  }
  return std::atof(text.c_str());
}

int compare_kernel(int n) {
  constexpr int rounds = 5;
  // Memory first, before anything here has made and freed namespaces
  // whose memory the next ones would reuse; the kernel's in a child made
  // before any model thread. At least 1000 for page and counter
  // resolution, at most 10000 fds on the kernel.
  const long mem_n = std::clamp<long>(n, 1000, 10000);
  std::string mem_why;
  const long kernel_nets_before = bench::kernel_net_objects();
  const double kern_mem = kernel_memory_per_ns(mem_n, mem_why);
  // The child's namespaces are cleaned up after it exits, in a kworker:
  // not beside the first rounds.
  if (kern_mem >= 0) bench::wait_kernel_cleanup(kernel_nets_before, std::chrono::seconds(10));
  double model_mem;
  {
    auto side = bench::make_model_side(false, mem_n);
    model_mem = bench::memory_per_ns(*side, mem_n);
  }

  int home_fd = geteuid() == 0 ? open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC) : -1;
  std::vector<double> model, kern, kern_full;
  std::printf("%-6s %16s %16s %22s\n", "round", "model us/ns", "kernel us/ns", "kernel+cleanup us/ns");
  {
    auto k = boot(unlimited());
    for (int r = 0; r < rounds; ++r) {
      model.push_back(model_round(*k, n));
      const kernel_round_figures kv = kernel_round(home_fd, n);
      if (kv.create >= 0) kern.push_back(kv.create);
      if (kv.with_cleanup >= 0) kern_full.push_back(kv.with_cleanup);
      if (kv.create < 0)
        std::printf("%-6d %16.3f %16s\n", r + 1, model.back(), "skipped");
      else if (kv.with_cleanup < 0)
        std::printf("%-6d %16.3f %16.1f %22s\n", r + 1, model.back(), kv.create, "not seen");
      else
        std::printf("%-6d %16.3f %16.1f %22.1f\n", r + 1, model.back(), kv.create, kv.with_cleanup);
    }
  }  // the model's cleanup worker finishes here, before the next figures
  std::printf("namespaces per round: %d; rounds: %d (interleaved); figures are medians\n", n, rounds);

  // setns round trips, interleaved the same way.
  std::vector<double> model_rt, kern_rt;
  {
    machine m;
    bench::model_setns ms(m);
    int held_fd = -1;
    const std::string other = bench::kernel_other_ns(home_fd, held_fd);
    std::printf("%-6s %16s %16s\n", "round", "model us/trip", "kernel us/trip");
    for (int r = 0; r < rounds; ++r) {
      model_rt.push_back(ms.round(n) / 1000 / n);
      double kv = bench::kernel_setns_round(home_fd, other, n);
      if (kv >= 0) kern_rt.push_back(kv / 1000 / n);
      if (kv >= 0)
        std::printf("%-6d %16.3f %16.2f\n", r + 1, model_rt.back(), kern_rt.back());
      else
        std::printf("%-6d %16.3f %16s\n", r + 1, model_rt.back(), "skipped");
    }
    if (held_fd >= 0) close(held_fd);
  }
  if (home_fd >= 0) close(home_fd);
  // The nsid figures come after the setns rounds: their 100k namespaces
  // would otherwise be what the setns rounds run among.
  for (const std::string& line : bench::nsid_figures(n)) std::printf("%s\n", line.c_str());
  std::printf("%s\n", bench::veth_figure(n).c_str());
  if (kern_mem >= 0)
    std::printf("memory per live namespace (%ld held): model %.0f bytes, kernel %.0f bytes, ratio %.0f\n",
                mem_n, model_mem, kern_mem, kern_mem / model_mem);
  else
    std::printf("memory per live namespace (%ld held): model %.0f bytes, kernel skipped (%s), ratio n/a\n",
                mem_n, model_mem, mem_why.c_str());
  print_spread("setns round trip", model_rt, kern_rt);
  print_spread("create+destroy per namespace", model, kern);
  if (!kern_full.empty()) print_spread("create+destroy, the kernel's cleanup included", model, kern_full);
  if (kern.empty()) std::printf("kernel: skipped (needs root and unshare(CLONE_NEWNET))\n");
  print_line("setns round trip", median(model_rt), kern_rt);
  // The model's figure includes its cleanup on both lines; the first
  // leaves the kernel's out (its conservative comparison).
  if (!kern_full.empty())
    print_line("create+destroy, the kernel's cleanup included", median(model), kern_full);
  print_line("create+destroy per namespace", median(model), kern);
  return 0;
}

// ---- --memory -------------------------------------------------------------------

int memory(long n) {
  auto k = boot(unlimited());
  std::vector<net_ref> held;
  held.reserve(static_cast<std::size_t>(n));
  long before = rss_kib();
  auto t0 = clock_type::now();
  for (long i = 0; i < n; ++i) {
    auto r = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
    if (!r) {
      std::fprintf(stderr, "copy_net_ns #%ld failed: %s\n", i, errno_name(r.error().errnum()));
      return 1;
    }
    held.push_back(std::move(*r));
  }
  double secs = std::chrono::duration<double>(clock_type::now() - t0).count();
  long after = rss_kib();
  double per_ns = double(after - before) * 1024.0 / double(n);
  std::printf("live namespaces: %ld (created in %.2f s)\n", n, secs);
  std::printf("rss: before %ld KiB, after %ld KiB, growth %ld KiB\n", before, after, after - before);
  std::printf("memory per live namespace: %.0f bytes (%.2f KiB), projected for 1M: %.2f GiB\n",
              per_ns, per_ns / 1024, per_ns * 1e6 / (1024.0 * 1024 * 1024));
  auto t1 = clock_type::now();
  held.clear();
  k->settle();
  std::printf("destroyed and cleaned up in %.2f s\n",
              std::chrono::duration<double>(clock_type::now() - t1).count());
  return 0;
}

// What `netns-bench --help` says before Google Benchmark's own flags.
constexpr const char* usage =
    "netns-bench: the model's costs, alone and side by side with the running kernel.\n"
    "\n"
    "  netns-bench [--benchmark_...]      micro benchmarks (Google Benchmark; its flags below)\n"
    "  netns-bench --compare-kernel [N]   N namespaces (default 1000, at most 1000000) created and\n"
    "                                     destroyed on the model and on the kernel (root only),\n"
    "                                     rounds interleaved, each after an untimed warm-up of\n"
    "                                     N/10, medians; then the setns round trip\n"
    "  netns-bench --memory [N]           memory per live namespace, N (default 100000, at most\n"
    "                                     10000000) held at once\n"
    "  netns-bench --scaling [--max N] [--kernel-max N] [--format csv|json] [--out FILE]\n"
    "                                     each cost at 1, 10, ... N live namespaces (default\n"
    "                                     1000000) on the model, and up to --kernel-max\n"
    "                                     (default 10000; 0: none) on the kernel (root only);\n"
    "                                     rows backend,metric,n,median_ns,min_ns,max_ns,reps\n"
    "  netns-bench --help                 this text\n"
    "\n"
    "Exit status: 0 done, 1 a measurement failed, 2 bad arguments.\n"
    "\n";

}  // namespace

int main(int argc, char** argv) {
  // --scaling has options of its own; like the other modes it stands first.
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--scaling") == 0) {
      if (i != 1) {
        std::fprintf(stderr, "netns-bench: --scaling comes first (netns-bench --help)\n");
        return 2;
      }
      return bench::scaling_command(argc - 2, argv + 2);
    }
  for (int i = 1; i < argc; ++i) {
    const bool compare = std::strcmp(argv[i], "--compare-kernel") == 0;
    const bool mem = std::strcmp(argv[i], "--memory") == 0;
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(usage, stdout);
      std::fputs("Google Benchmark's flags:\n", stdout);
      std::fflush(stdout);
      char help[] = "--help";
      char* bench_argv[] = {argv[0], help, nullptr};
      int bench_argc = 2;
      benchmark::Initialize(&bench_argc, bench_argv);  // prints its flags and exits 0
      return 0;
    }
    if (!compare && !mem) {
      if (std::strncmp(argv[i], "--benchmark_", 12) == 0 || std::strncmp(argv[i], "--v=", 4) == 0) continue;
      std::fprintf(stderr, "netns-bench: unknown argument \"%s\" (netns-bench --help)\n", argv[i]);
      return 2;
    }
    if (i != 1 || argc > 3) {  // a mode stands alone, with at most its count
      std::fprintf(stderr, "netns-bench: %s takes only a count (netns-bench --help)\n", argv[i]);
      return 2;
    }
    long n = compare ? 1000 : 100000;
    if (i + 1 < argc && !bench::parse_count(argv[i], argv[i + 1], compare ? 1'000'000 : 10'000'000, n)) return 2;
    return compare ? compare_kernel(static_cast<int>(n)) : memory(n);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
