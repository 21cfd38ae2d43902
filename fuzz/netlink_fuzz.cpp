// SPDX-License-Identifier: GPL-2.0-only
// libFuzzer target: arbitrary bytes sent on a model NETLINK_ROUTE socket.
//
// The first input byte picks the socket options (NETLINK_EXT_ACK,
// NETLINK_GET_STRICT_CHK, NETLINK_CAP_ACK, a small SO_RCVBUF, the
// RTNLGRP_NSID and RTNLGRP_LINK groups) and the receive buffer size; the
// rest is one send(). Link requests make, change, move and delete devices
// in the world's namespaces (seeds in fuzz/corpus/netlink/). Every reply is then read
// back (dumps included) until the queue is empty. The world has namespace
// files open as fds 0 to 3 (1 and 2 are two other namespaces), a directory
// as fd 4, and a second task (pid 2) in namespace 2, so FD and PID
// attributes can name real peers. Run by `make fuzz`.
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>

#include "netns/base/rcu.hpp"
#include "netns/core/kernel.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace {

using namespace netns;

struct world {
  machine m;
  std::shared_ptr<task> child;
  world() {
    task& t = m.init_task();
    int home = *sys_open(t, "/proc/self/ns/net", O_RDONLY);  // fd 0
    for (int i = 0; i < 2; ++i) {
      if (!sys_unshare(t, CLONE_NEWNET)) std::abort();
      (void)sys_open(t, "/proc/self/ns/net", O_RDONLY);
    }
    child = *m.spawn(t);  // pid 2, in the last namespace
    if (!sys_setns(t, home, CLONE_NEWNET)) std::abort();
    (void)sys_open(t, "/proc/self/ns/net", O_RDONLY);  // fd 3: home again
    (void)sys_open(t, "/run", O_RDONLY);                // fd 4: not a namespace
  }
};

// A fresh world every so many inputs, so ids do not pile up forever, and
// as soon as inputs have made many devices (a long input can make dozens,
// and they stay until the world goes).
std::unique_ptr<world> w;
int uses = 0;

std::size_t devices_in(world& x) {
  kernel& k = x.m.k();
  std::size_t n = 0;
  lock_guard rtnl(k.rtnl());
  rcu::read_guard g;
  for (net* each : k.net_list_rcu()) n += each->devices.devices().size();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!w || ++uses > 5000 || (uses % 64 == 0 && devices_in(*w) > 20000)) {
    w.reset();
    w = std::make_unique<world>();
    uses = 0;
  }
  if (size == 0) return 0;
  task& t = w->m.init_task();
  const std::uint8_t opts = data[0];
  auto fd = sys_socket(t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  if (!fd) std::abort();
  (void)sys_setsockopt_int(t, *fd, NETNS_SOL_NETLINK, NETLINK_EXT_ACK, opts & 1);
  (void)sys_setsockopt_int(t, *fd, NETNS_SOL_NETLINK, NETLINK_GET_STRICT_CHK, opts & 2);
  (void)sys_setsockopt_int(t, *fd, NETNS_SOL_NETLINK, NETLINK_CAP_ACK, opts & 4);
  if (opts & 8) (void)sys_setsockopt_int(t, *fd, SOL_SOCKET, SO_RCVBUF, 1024);
  if (opts & 16) (void)sys_setsockopt_int(t, *fd, NETNS_SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID);
  if (opts & 128) (void)sys_setsockopt_int(t, *fd, NETNS_SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, RTNLGRP_LINK);
  const std::size_t buf = (opts & 32) ? 64 : (opts & 64) ? 4096 : 32768;
  (void)sys_send(t, *fd, std::span<const std::uint8_t>(data + 1, size - 1));
  // Replies, dump parts and notifications, until nothing is left; a dump
  // makes its next part on each recv, and every dump ends.
  for (int guard = 0; guard < 100000; ++guard) {
    auto r = sys_recv(t, *fd, buf, 0);
    if (!r && r.code() == errc{EAGAIN}) break;
  }
  if (!sys_close(t, *fd)) std::abort();
  return 0;
}
