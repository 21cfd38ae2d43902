// SPDX-License-Identifier: GPL-2.0-only
// veth (drivers/net/veth.c): a pair of Ethernet devices, each the other's
// link, possibly in two namespaces. Deleting either deletes both; a
// namespace's death takes its veths' peers elsewhere with them.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   net& red = k->init_net();
//   lock_guard rtnl(k->rtnl());
//   link_params a{.name = "v0"}, b{.name = "v1"};
//   auto v0 = veth_newlink(red, a, red, b, {});   // v1 registered first (ifindex 2), v0 3
//
// Locking: RTNL held. Cost: two registrations; a `%d` name scans the
// namespace's devices.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "netns/base/result.hpp"
#include "netns/core/dev.hpp"
#include "netns/core/net_device.hpp"

namespace netns {

// What rtnl_create_link takes from a request's attributes (IFLA_IFNAME,
// IFLA_ADDRESS, IFLA_BROADCAST, IFLA_MTU, IFLA_TXQLEN, IFLA_GROUP) and the
// ifinfomsg's index.
struct link_params {
  std::string name;  // empty: the kind's "veth%d"
  std::optional<std::array<std::uint8_t, 6>> address, broadcast;
  std::optional<std::uint32_t> mtu, txqlen, group;
  int ifindex = 0;
  unsigned ifi_flags = 0, ifi_change = 0;  // the ifinfomsg's, for rtnl_configure_link
};

const rtnl_link_ops& veth_link_ops();

// veth_newlink: registers the peer (with `peer`'s parameters, in
// `peer_net`) and then the device, ties them, and announces both
// (RTM_NEWLINK). When the peer's registration fails nothing is left; when
// the device's fails, the peer is unregistered again (its index stays
// used, as the kernel's).
result<net_device*> veth_newlink(net& dev_net, const link_params& dev, net& peer_net,
                                 const link_params& peer, const dev_cause& cause);

}  // namespace netns
