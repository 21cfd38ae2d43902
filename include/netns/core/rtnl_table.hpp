// SPDX-License-Identifier: GPL-2.0-only
// The per-net side of rtnetlink (struct net's `rtnl` kernel socket): the
// user sockets bound in this namespace, by port id, and the multicast
// groups they listen to. The netlink layer's sockets implement
// netlink_port; the core keeps only the table, so that events raised down
// here (a peer id made or removed) reach the listeners of their namespace.
//
// Example:
//   #include <linux/rtnetlink.h>
//   struct counter : netlink_port {
//     int got = 0;
//     bool deliver(std::span<const std::uint8_t>) override { ++got; return true; }
//   };
//   rtnl_table table;                                        // a net's: n.rtnl
//   counter port;
//   result<std::uint32_t> id = table.autobind(port, 100);    // netlink_autobind
//   if (!id) return id.error();
//   table.join(port, RTNLGRP_NSID);
//   std::vector<std::uint8_t> bytes(16);
//   table.multicast(RTNLGRP_NSID, bytes);                    // every member of the group
//   table.leave_all(port);
//   table.unbind(port, *id);
//
// Locking: one mutex per table; delivery into a port happens under it
// (ports queue the bytes and return), so a port is never delivered to
// after unbind() returned. Cost: bind O(1) expected; multicast visits the
// group's members only.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"

namespace netns {

// rtnetlink's multicast groups (RTNLGRP_MAX on the reference kernel).
inline constexpr unsigned RTNL_GROUPS = 39;

class netlink_port {
 public:
  virtual ~netlink_port() = default;
  // A datagram from the kernel side (a reply, an ack or a multicast).
  // Returns false when the receive queue is full: the port then reports
  // ENOBUFS once, as netlink_overrun makes a socket do.
  virtual bool deliver(std::span<const std::uint8_t> datagram) = 0;
};

class rtnl_table {
 public:
  rtnl_table() = default;
  rtnl_table(const rtnl_table&) = delete;
  rtnl_table& operator=(const rtnl_table&) = delete;

  // netlink_autobind: the caller's thread-group id when it is free, then
  // ids counting down from -4096 (as u32). The port id, or ENOSPC (wrapped).
  result<std::uint32_t> autobind(netlink_port& p, std::uint32_t tgid);
  // An explicit bind to `portid` (EADDRINUSE when taken).
  result<void> bind(netlink_port& p, std::uint32_t portid);
  void unbind(netlink_port& p, std::uint32_t portid);
  // Group membership, groups 1..RTNL_GROUPS.
  void join(netlink_port& p, unsigned group);
  void leave(netlink_port& p, unsigned group);
  void leave_all(netlink_port& p);

  // Unicast to a bound port: false when there is none (ECONNREFUSED) or
  // its queue is full.
  bool unicast(std::uint32_t portid, std::span<const std::uint8_t> datagram);
  // To every member of `group` whose port id is not `exclude` (0: the
  // unbound members, as in the kernel).
  void multicast(unsigned group, std::span<const std::uint8_t> datagram,
                 std::uint32_t exclude = 0);
  std::size_t bound_count();
  std::size_t member_count(unsigned group);

 private:
  // Made with the first bind or membership: most namespaces never see a
  // netlink socket, and an empty table costs a pointer and a mutex.
  struct state {
    std::unordered_map<std::uint32_t, netlink_port*> ports;
    std::unordered_map<netlink_port*, std::uint32_t> port_ids;
    std::vector<std::vector<netlink_port*>> groups;  // [group - 1]
    std::int32_t rover = -4096;
  };
  state& made() NETNS_REQUIRES(lock_) {
    if (!s_) s_ = std::make_unique<state>();
    return *s_;
  }

  mutex lock_;
  std::unique_ptr<state> s_ NETNS_GUARDED_BY(lock_);
};

}  // namespace netns
