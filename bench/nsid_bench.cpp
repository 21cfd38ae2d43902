// SPDX-License-Identifier: GPL-2.0-only
// The nsid figures of `netns-bench --compare-kernel`:
//
//   peernet2id at Nk ids: model X ns, scan Y ns, ratio Z
//       A peer's id in a net holding N ids: the model's reverse index, side
//       by side with the seed's algorithm (__peernet2id: idr_for_each over
//       the ids in order until the peer matches), on the same peers.
//   getnsid round trip: model X us, kernel Y us, ratio Z
//       RTM_GETNSID by NETNSA_FD sent on a netlink socket and its reply
//       received: a model socket, and a real NETLINK_ROUTE socket.
//
// Rounds alternate between the two sides; figures are medians of 5.
#include "nsid_bench.hpp"

#include <fcntl.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "netns/base/rcu.hpp"
#include "netns/core/nsid.hpp"
#include "netns/subsys/builtin.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"
#include "bench_util.hpp"
#include "nsid_trips.hpp"

namespace netns::bench {

namespace {

constexpr int rounds = 5;

// The IDR as the seed scans it: ids in ascending order with their peer.
// (An IDR's leaves are arrays of slots in id order; idr_for_each walks
// them one by one.)
struct idr_scan {
  std::vector<std::pair<int, const net*>> slots;
  int peernet2id(const net* peer) const {
    for (const auto& [id, p] : slots)
      if (p == peer) return id;
    return -1;
  }
};

template <class F>
double ns_per_call(F&& f, const std::vector<const net*>& probes, long calls) {
  long sum = 0;
  auto t0 = clock_type::now();
  for (long i = 0; i < calls; ++i) sum += f(probes[static_cast<std::size_t>(i) % probes.size()]);
  double ns = std::chrono::duration<double, std::nano>(clock_type::now() - t0).count() / double(calls);
  if (sum == -calls) std::printf("(no peer found)\n");  // keeps the calls
  return ns;
}

void peernet2id_figures(std::vector<std::string>& out) {
  kernel_config cfg;
  cfg.max_net_namespaces = 1 << 30;
  auto k = boot(cfg);
  net& owner = k->init_net();
  std::vector<net_ref> peers;
  idr_scan scan;
  std::mt19937 rng(42);
  for (int size : {1000, 10000, 100000}) {
    while (static_cast<int>(peers.size()) < size) {
      auto p = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
      if (!p) {
        out.push_back(std::string("peernet2id: cannot make namespaces: ") + errno_name(p.code().value));
        return;
      }
      int id = peernet2id_alloc(owner, **p);
      scan.slots.emplace_back(id, p->get());
      peers.push_back(std::move(*p));
    }
    // The same 256 random peers for both sides.
    std::vector<const net*> probes;
    for (int i = 0; i < 256; ++i) probes.push_back(peers[rng() % peers.size()].get());
    const long model_calls = 2'000'000;
    const long scan_calls = std::max(2000L, 200'000'000L / size);
    std::vector<double> m, s;
    for (int r = 0; r < rounds; ++r) {
      m.push_back(ns_per_call([&](const net* p) { return peernet2id(owner, *p); }, probes, model_calls));
      s.push_back(ns_per_call([&](const net* p) { return scan.peernet2id(p); }, probes, scan_calls));
    }
    const double mv = median(m), sv = median(s);
    char line[160];
    std::snprintf(line, sizeof line, "peernet2id at %dk ids: model %.1f ns, scan %.0f ns, ratio %.0f",
                  size / 1000, mv, sv, sv / mv);
    out.push_back(line);
  }
  peers.clear();
  k->settle();
}

// The model side: the init task with a socket and an fd of another net.
struct model_getnsid {
  machine m;
  model_nsid_socket sock{m.init_task()};
  std::vector<request> reqs;
  model_getnsid() {
    task& t = m.init_task();
    int home = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    if (!sys_unshare(t, CLONE_NEWNET)) std::exit(1);
    int other = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    if (!sys_setns(t, home, CLONE_NEWNET)) std::exit(1);
    reqs.push_back(getnsid_request(NETNSA_FD, other));
    sock.check(reqs[0]);
  }
  void trips(int n) { sock.trips(reqs, n); }
};

// The kernel side; not ready when it cannot be measured (not root).
struct kernel_getnsid {
  int home = -1, other = -1;
  std::optional<kernel_nsid_socket> sock;
  std::vector<request> reqs;
  bool ready = false;
  kernel_getnsid() {
    if (geteuid() != 0) return;
    home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home < 0 || unshare(CLONE_NEWNET) != 0) return;
    other = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (setns(home, CLONE_NEWNET) != 0) std::exit(1);
    sock.emplace();
    if (other < 0 || !sock->ready()) return;
    reqs.push_back(getnsid_request(NETNSA_FD, other));
    sock->check(reqs[0]);
    ready = true;
  }
  ~kernel_getnsid() {
    for (int fd : {home, other})
      if (fd >= 0) close(fd);
  }
  void trips(int n) { sock->trips(reqs, n); }
};

void getnsid_figures(int n, std::vector<std::string>& out) {
  model_getnsid model;
  kernel_getnsid kern;
  std::vector<double> m, kv;
  for (int r = 0; r < rounds; ++r) {
    m.push_back(us_per_trip(model, n));
    if (kern.ready) kv.push_back(us_per_trip(kern, n));
  }
  char line[160];
  if (kv.empty())
    std::snprintf(line, sizeof line, "getnsid round trip: model %.3f us, kernel skipped, ratio n/a",
                  median(m));
  else
    std::snprintf(line, sizeof line, "getnsid round trip: model %.3f us, kernel %.2f us, ratio %.0f",
                  median(m), median(kv), median(kv) / median(m));
  out.push_back(line);
}

}  // namespace

std::vector<std::string> nsid_figures(int n) {
  std::vector<std::string> out;
  getnsid_figures(std::max(n, 2000) * 10, out);
  peernet2id_figures(out);
  // peernet2id lines first, then the round trip.
  std::rotate(out.begin(), out.begin() + 1, out.end());
  return out;
}

}  // namespace netns::bench
