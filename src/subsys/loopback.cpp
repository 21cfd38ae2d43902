// SPDX-License-Identifier: GPL-2.0-only
// loopback_net_ops and default_device_ops: every namespace has `lo`, and
// its devices go away with it.
#include <memory>

#include "netns/core/net_device.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

namespace {
std::unique_ptr<net_device> make_loopback() {
  auto lo = std::make_unique<net_device>();
  lo->name = "lo";
  lo->ifindex = LOOPBACK_IFINDEX;
  lo->flags = IFF_LOOPBACK;  // administratively down until someone sets it up
  lo->mtu = LOOPBACK_MTU;
  lo->min_mtu = 0;
  lo->max_mtu = 0;
  lo->type = ARPHRD_LOOPBACK;
  lo->tx_queue_len = 1000;
  return lo;
}
}  // namespace

pernet_operations& loopback_net_ops() {
  static pernet_operations ops{
      .name = "loopback",
      .init =
          [](net& n) -> result<void> {
            lock_guard rtnl(n.owner_kernel().rtnl());
            auto r = register_netdevice(n, make_loopback());
            if (!r) return r.error();
            return ok();
          },
  };
  return ops;
}

pernet_operations& default_device_ops() {
  static pernet_operations ops{
      .name = "default_device",
      .exit_batch =
          [](std::span<net* const> nets) {
            if (nets.empty()) return;
            lock_guard rtnl(nets.front()->owner_kernel().rtnl());
            // Newest first, so lo, registered first, goes last.
            for (net* n : nets) {
              while (!n->devices.devices().empty())
                unregister_netdevice(*n, n->devices.devices().back().get());
            }
          },
  };
  return ops;
}

}  // namespace netns
