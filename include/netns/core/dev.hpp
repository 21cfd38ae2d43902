// SPDX-License-Identifier: GPL-2.0-only
// Operations that change a registered device (net/core/dev.c): names with
// `%d` patterns, up and down, mtu, carrier and operstate, moving to another
// namespace, and unregistering a batch with its RTM_DELLINK notifications.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   net& n = k->init_net();
//   lock_guard rtnl(k->rtnl());
//   auto name = dev_get_valid_name(n, "veth%d");                 // "veth0" when free
//   net_device* lo = dev_get_by_name(n, "lo");
//   (void)dev_change_flags(*lo, lo->flags | IFF_UP, {});         // up: qdisc noqueue from now on
//   auto moved = dev_change_net_namespace(*lo, n, nullptr, 0, {});  // EINVAL for lo (immutable)
//
// Locking: RTNL held for every call. Notifications go out through the
// kernel's link notifier while it is held, as rtmsg_ifinfo does.
// Cost: O(log n) per lookup; a `%d` name scans the namespace's devices.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/core/net_device.hpp"

namespace netns {

// Who asked for a change, for the notifications it causes (the requester's
// port and message header), or nobody.
struct dev_cause {
  std::uint32_t portid = 0;
  const void* request = nullptr;
};

// The kernel's limit on a `%d` pattern's number (8 * PAGE_SIZE).
inline constexpr int MAX_NETDEVICES = 8 * 4096;

// dev_get_valid_name: `want` itself when valid and free (EINVAL, EEXIST),
// or for a pattern with one `%d` the name with the lowest free number
// (EINVAL for another `%` or a second one, ENFILE when none is free).
result<std::string> dev_get_valid_name(net& n, std::string_view want);

// dev_get_flags: the flags a user sees (IFF_RUNNING and IFF_LOWER_UP from
// the carrier of a running device, IFF_PROMISC/IFF_ALLMULTI as asked).
unsigned dev_get_flags(const net_device& dev);

// The iflink (dev_get_iflink) and the net the link lives in (get_link_net).
int dev_get_iflink(const net_device& dev);
net& dev_link_net(const net_device& dev);

// netif_carrier_on / netif_carrier_off (counted once registered).
void netif_carrier_on(net_device& dev);
void netif_carrier_off(net_device& dev);

// The operstate IFLA_OPERSTATE reports. The kernel's linkwatch sets it
// asynchronously (up to a second later) after each carrier change, to
// default_operstate; a device that never saw one (lo) stays UNKNOWN. The
// model answers the state linkwatch settles in, evaluated when asked;
// scenarios must not depend on the kernel's delay.
std::uint8_t dev_operstate(const net_device& dev);

// dev_change_flags: up/down (open/stop), promisc and allmulti, the flags a
// user may set. Notifies RTM_NEWLINK when anything changed.
result<void> dev_change_flags(net_device& dev, unsigned flags, const dev_cause& cause);
// dev_set_mtu with dev_validate_mtu's bounds and extack.
result<void> dev_set_mtu(net_device& dev, std::uint32_t mtu, const dev_cause& cause);
// dev_change_name: EEXIST for a name in use; a `%d` pattern picks a number.
result<void> dev_change_name(net_device& dev, std::string_view name, const dev_cause& cause);
// rtnl_dev_combine_flags: an ifinfomsg's flags over the device's where
// `change` says so (all of them when change is 0).
unsigned dev_combine_flags(const net_device& dev, unsigned flags, unsigned change);
// dev_set_mac_address through eth_mac_addr, which lo and veth both have
// (with IFF_LIVE_ADDR_CHANGE, so also while up): EADDRNOTAVAIL for a
// multicast or zero address.
result<void> dev_set_mac_address(net_device& dev, const std::array<std::uint8_t, 6>& addr,
                                 const dev_cause& cause);
// dev_set_alias: EINVAL at IFALIASZ (256) bytes or more; empty removes it.
result<void> dev_set_alias(net_device& dev, std::string_view alias, const dev_cause& cause);
// The queue length change (IFLA_TXQLEN).
result<void> dev_change_tx_queue_len(net_device& dev, std::uint32_t len, const dev_cause& cause);

// Announces a device that has just been registered and configured
// (rtnl_configure_link): RTM_NEWLINK in its namespace.
void rtnl_configure_link(net_device& dev, const dev_cause& cause);

// __dev_change_net_namespace: moves `dev` to `target`. `pattern` (or
// nullptr) renames it there when its name is taken; `new_ifindex` (or 0)
// asks for an index there. RTM_DELLINK in the old namespace (with the
// target's nsid and the new index), RTM_NEWLINK in the new one.
result<void> dev_change_net_namespace(net_device& dev, net& target, const char* pattern,
                                      int new_ifindex, const dev_cause& cause);

// unregister_netdevice_many: closes each device, sends its RTM_DELLINK and
// frees it. Devices queued twice are unregistered once.
void unregister_netdevice_many(std::vector<net_device*>& head, const dev_cause& cause);

}  // namespace netns
