// SPDX-License-Identifier: GPL-2.0-only
// loopback_net_ops and default_device_ops: every namespace has `lo`, and
// its devices go away with it.
#include <memory>

#include "netns/core/dev.hpp"
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
  lo->netns_local = true;  // NETIF_F_NETNS_LOCAL: lo never moves
  return lo;
}
}  // namespace

pernet_operations& loopback_net_ops() {
  static pernet_operations ops{
      .name = "loopback",
      .init =
          [](net& n) -> result<void> {
            // Without rtnl, which the kernel's register_netdev takes: a
            // namespace being set up is not listed yet and nobody holds a
            // reference to it, so nothing else can reach its devices (a
            // mutex round trip per namespace, measured in benchmarks.md).
            auto r = register_netdevice(n, make_loopback());
            if (!r) return r.error();
            return ok();
          },
  };
  return ops;
}

// default_device_exit_batch: every device of the dying namespaces goes, in
// reverse order of registration per namespace; a kind's dellink takes what
// goes with it (a veth's peer in a namespace that lives on, which there
// sees its RTM_DELLINK). The model has no device that would return to the
// initial namespace (no physical devices), so default_device_exit_net's
// move to init_net has nothing to do.
pernet_operations& default_device_ops() {
  static pernet_operations ops{
      .name = "default_device",
      .exit_batch =
          [](std::span<net* const> nets) {
            if (nets.empty()) return;
            lock_guard rtnl(nets.front()->owner_kernel().rtnl());
            std::vector<net_device*> kill;
            for (net* n : nets) {
              const net_device_list& devs = n->devices.devices();
              for (auto it = devs.rbegin(); it != devs.rend(); ++it) {
                net_device& d = **it;
                if (d.link_ops && d.link_ops->dellink) d.link_ops->dellink(d, kill);
                else kill.push_back(&d);
              }
            }
            unregister_netdevice_many(kill, {});
          },
  };
  return ops;
}

}  // namespace netns
