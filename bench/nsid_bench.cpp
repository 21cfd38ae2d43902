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
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "netns/base/rcu.hpp"
#include "netns/core/nsid.hpp"
#include "netns/netlink/reply_reader.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/subsys/builtin.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns::bench {

namespace {

using clock_type = std::chrono::steady_clock;
constexpr int rounds = 5;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

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

std::vector<std::uint8_t> getnsid_request(int fd) {
  netlink::nl_builder b;
  b.put_header(RTM_GETNSID, NLM_F_REQUEST, 1, 0);
  b.put_rtgenmsg(AF_UNSPEC);
  b.put_u32(NETNSA_FD, static_cast<std::uint32_t>(fd));
  return b.finish();
}

// One reply to `req`, read as a client reads it (the reply reader): the
// answer, an RTM_NEWNSID with an id, 28 bytes. Done once per side before
// the timed trips, which check only the length: reading is not what they
// measure.
void check_reply(const char* side, std::span<const std::uint8_t> req,
                 std::span<const std::uint8_t> reply) {
  netlink::reply_reader reader(req);
  std::optional<std::int32_t> nsid;
  reader.feed(reply, [&](const nlmsghdr* h) {
    if (h->nlmsg_type == RTM_NEWNSID) nsid = netlink::message_s32(h, sizeof(rtgenmsg), NETNSA_NSID);
    return true;
  });
  if (reader.state() != netlink::walk::done || !nsid || reply.size() != 28) {
    std::fprintf(stderr, "%s: getnsid reply not an answer (%s %s)\n", side,
                 errno_name(reader.end().code.value), reader.end().extack.c_str());
    std::exit(1);
  }
}

// The model side: the init task with a socket and an fd of another net.
struct model_getnsid {
  machine m;
  task* t = &m.init_task();
  int sock = -1;
  std::vector<std::uint8_t> req;
  model_getnsid() {
    int home = *sys_open(*t, "/proc/self/ns/net", O_RDONLY);
    if (!sys_unshare(*t, CLONE_NEWNET)) std::exit(1);
    int other = *sys_open(*t, "/proc/self/ns/net", O_RDONLY);
    if (!sys_setns(*t, home, CLONE_NEWNET)) std::exit(1);
    sock = *sys_socket(*t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    req = getnsid_request(other);
    auto s = sys_send(*t, sock, req);
    auto r = sys_recv(*t, sock, 8192, 0);
    if (!s || !r) std::exit(1);
    check_reply("model", req, r->data);
  }
  void trips(int n) {
    for (int i = 0; i < n; ++i) {
      auto s = sys_send(*t, sock, req);
      auto r = sys_recv(*t, sock, 8192, 0);
      if (!s || !r || r->length != 28) {
        std::fprintf(stderr, "model: getnsid round trip failed\n");
        std::exit(1);
      }
    }
  }
};

// The kernel side; false when it cannot be measured (not root).
struct kernel_getnsid {
  int sock = -1, home = -1, other = -1;
  std::vector<std::uint8_t> req;
  bool ready = false;
  kernel_getnsid() {
    if (geteuid() != 0) return;
    home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home < 0 || unshare(CLONE_NEWNET) != 0) return;
    other = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (setns(home, CLONE_NEWNET) != 0) std::exit(1);
    sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (other < 0 || sock < 0) return;
    req = getnsid_request(other);
    std::uint8_t buf[8192];
    const ssize_t n =
        send(sock, req.data(), req.size(), 0) < 0 ? -1 : recv(sock, buf, sizeof buf, 0);
    if (n < 0) {
      std::perror("kernel: getnsid");
      std::exit(1);
    }
    check_reply("kernel", req, {buf, static_cast<std::size_t>(n)});
    ready = true;
  }
  ~kernel_getnsid() {
    for (int fd : {sock, home, other})
      if (fd >= 0) close(fd);
  }
  void trips(int n) {
    std::uint8_t buf[8192];
    sockaddr_nl kernel_addr{};
    kernel_addr.nl_family = AF_NETLINK;
    for (int i = 0; i < n; ++i) {
      if (sendto(sock, req.data(), req.size(), 0, reinterpret_cast<sockaddr*>(&kernel_addr),
                 sizeof kernel_addr) < 0 ||
          recv(sock, buf, sizeof buf, 0) != 28) {
        std::perror("kernel: getnsid round trip");
        std::exit(1);
      }
    }
  }
};

template <class Side>
double us_per_trip(Side& side, int n) {
  side.trips(n / 10 + 1);  // warm up after the other side's round
  auto t0 = clock_type::now();
  side.trips(n);
  return std::chrono::duration<double, std::micro>(clock_type::now() - t0).count() / n;
}

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
