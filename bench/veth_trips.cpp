// SPDX-License-Identifier: GPL-2.0-only
// veth create+delete round trips on model and kernel sockets (veth_trips.hpp).
#include "veth_trips.hpp"

#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include <benchmark/benchmark.h>

#include "netns/machine/machine.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/task/syscalls.hpp"
#include "bench_util.hpp"

namespace netns::bench {

namespace {

using request = std::vector<std::uint8_t>;
constexpr int rounds = 5;

void put_ifinfomsg(netlink::nl_builder& b) {
  ifinfomsg ifm{};
  b.put_bytes(&ifm, sizeof ifm);
}

// ip link add v0 type veth peer name v1 netns FD
request newlink_request(int peer_fd) {
  netlink::nl_builder b(256);
  b.put_header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1, 0);
  put_ifinfomsg(b);
  b.put_strz(IFLA_IFNAME, "v0");
  const std::size_t li = b.nest_start(IFLA_LINKINFO);
  b.put_strz(IFLA_INFO_KIND, "veth");
  const std::size_t data = b.nest_start(IFLA_INFO_DATA);
  const std::size_t peer = b.nest_start(VETH_INFO_PEER);
  put_ifinfomsg(b);
  b.put_strz(IFLA_IFNAME, "v1");
  b.put_u32(IFLA_NET_NS_FD, static_cast<std::uint32_t>(peer_fd));
  b.nest_end(peer);
  b.nest_end(data);
  b.nest_end(li);
  return b.finish();
}

// ip link del v0
request dellink_request() {
  netlink::nl_builder b(64);
  b.put_header(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, 1, 0);
  put_ifinfomsg(b);
  b.put_strz(IFLA_IFNAME, "v0");
  return b.finish();
}

// The ack's error, or 1 for anything but an ack.
int ack_error(const std::uint8_t* p, std::size_t n) {
  if (n < NLMSG_LENGTH(sizeof(nlmsgerr))) return 1;
  const auto* h = reinterpret_cast<const nlmsghdr*>(p);
  if (h->nlmsg_type != NLMSG_ERROR) return 1;
  return reinterpret_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
}

[[noreturn]] void refused(const char* side, const char* what, int err) {
  std::fprintf(stderr, "%s: %s refused (%d)\n", side, what, err);
  std::exit(1);
}

// The model: the init task's socket in a new net, the peer's net by an fd.
struct model_veth {
  machine m;
  task& t = m.init_task();
  int sock = -1;
  request add, del = dellink_request();
  model_veth() {
    if (!sys_unshare(t, CLONE_NEWNET)) std::exit(1);
    sock = *sys_socket(t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    const int home = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    if (!sys_unshare(t, CLONE_NEWNET)) std::exit(1);
    const int peer = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    if (!sys_setns(t, home, CLONE_NEWNET)) std::exit(1);
    add = newlink_request(peer);
  }
  void trip(const request& req, const char* what) {
    if (!sys_send(t, sock, req)) refused("model", what, -1);
    auto r = sys_recv(t, sock, 8192, 0);
    if (!r) refused("model", what, -1);
    if (int e = ack_error(r->data.data(), r->data.size())) refused("model", what, e);
  }
  void trips(int n) {
    for (int i = 0; i < n; ++i) {
      trip(add, "RTM_NEWLINK");
      trip(del, "RTM_DELLINK");
    }
  }
};

// The kernel: this process's socket in a new net, the peer's net by an fd;
// the process itself returns home. Not ready unless root.
struct kernel_veth {
  int home = -1, peer = -1, sock = -1;
  bool ready = false;
  request add, del = dellink_request();
  kernel_veth() {
    if (geteuid() != 0) return;
    home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (home < 0 || unshare(CLONE_NEWNET) != 0) return;
    sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (unshare(CLONE_NEWNET) != 0) std::exit(1);
    peer = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    if (setns(home, CLONE_NEWNET) != 0) std::exit(1);
    add = newlink_request(peer);
    ready = sock >= 0 && peer >= 0;
  }
  ~kernel_veth() {
    for (int fd : {home, peer, sock})
      if (fd >= 0) close(fd);
  }
  kernel_veth(const kernel_veth&) = delete;
  kernel_veth& operator=(const kernel_veth&) = delete;
  void trip(const request& req, const char* what) {
    std::uint8_t buf[8192];
    if (send(sock, req.data(), req.size(), 0) < 0) refused("kernel", what, -errno);
    const ssize_t n = recv(sock, buf, sizeof buf, 0);
    if (n < 0) refused("kernel", what, -errno);
    if (int e = ack_error(buf, static_cast<std::size_t>(n))) refused("kernel", what, e);
  }
  void trips(int n) {
    for (int i = 0; i < n; ++i) {
      trip(add, "RTM_NEWLINK");
      trip(del, "RTM_DELLINK");
    }
  }
};

// The model's trip alone, as a micro benchmark.
void BM_veth_create_delete(benchmark::State& state) {
  model_veth model;
  for (auto _ : state) model.trips(1);
}
BENCHMARK(BM_veth_create_delete);

}  // namespace

std::string veth_figure(int n) {
  model_veth model;
  kernel_veth kern;
  // The kernel's pair costs milliseconds: fewer trips there.
  const int kn = std::max(1, std::min(n, 200));
  std::vector<double> m, k;
  for (int r = 0; r < rounds; ++r) {
    m.push_back(us_per_trip(model, n));
    if (kern.ready) k.push_back(us_per_trip(kern, kn));
  }
  char line[256];
  if (k.empty()) {
    std::snprintf(line, sizeof line,
                  "veth pair create+delete across two namespaces: model %.3f us, kernel skipped, "
                  "ratio n/a",
                  median(m));
  } else {
    std::snprintf(line, sizeof line,
                  "veth pair create+delete across two namespaces: model %.3f us, kernel %.1f us, "
                  "ratio %.0f",
                  median(m), median(k), median(k) / median(m));
  }
  return line;
}

}  // namespace netns::bench
