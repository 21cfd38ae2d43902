// SPDX-License-Identifier: GPL-2.0-only
// Changing registered devices (net/core/dev.c, net/core/link_watch.c).
#include "netns/core/dev.hpp"

#include <linux/rtnetlink.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/core/net.hpp"
#include "netns/core/nsid.hpp"

namespace netns {

namespace {

void notify(net_device& dev, int cmd, unsigned change, const dev_cause& cause,
            const int* new_nsid = nullptr, int new_ifindex = 0) {
  link_event e{dev, cmd, change, cause.portid, cause.request, new_nsid, new_ifindex};
  dev.nd_net->owner_kernel().notify_link(e);
}

// sscanf(name, "pre%dsuf", &i) followed by the snprintf comparison of
// __dev_alloc_name: does `name` spell pattern with some i in range?
bool pattern_number(std::string_view name, std::string_view pre, std::string_view suf, int& i) {
  if (name.substr(0, pre.size()) != pre) return false;
  std::string_view rest = name.substr(pre.size());
  long v = 0;
  auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
  if (ec != std::errc{} || v < 0 || v >= MAX_NETDEVICES) return false;
  std::string spelled = std::string(pre) + std::to_string(v) + std::string(suf);
  if (spelled.size() >= IFNAMSIZ) spelled.resize(IFNAMSIZ - 1);
  if (spelled != name) return false;
  i = static_cast<int>(v);
  return true;
}

// __dev_alloc_name: the lowest number the pattern does not spell yet.
result<std::string> dev_alloc_name(net& n, std::string_view pattern) {
  const auto pct = pattern.find('%');
  if (pct + 1 >= pattern.size() || pattern[pct + 1] != 'd' ||
      pattern.find('%', pct + 2) != std::string_view::npos)
    return errc{EINVAL};
  const std::string_view pre = pattern.substr(0, pct), suf = pattern.substr(pct + 2);
  std::vector<bool> inuse(MAX_NETDEVICES);
  for (const net_device* d : n.devices.devices()) {
    int i = 0;
    if (pattern_number(d->name, pre, suf, i)) inuse[static_cast<std::size_t>(i)] = true;
  }
  const auto free = std::find(inuse.begin(), inuse.end(), false);
  if (free == inuse.end()) return errc{ENFILE};
  std::string name = std::string(pre) + std::to_string(free - inuse.begin()) + std::string(suf);
  if (name.size() >= IFNAMSIZ) name.resize(IFNAMSIZ - 1);
  // A truncated spelling may still be taken.
  if (dev_get_by_name(n, name)) return errc{EEXIST};
  return name;
}

// __dev_open / __dev_close with the kind's ndo_open / ndo_stop. A refused
// open leaves the device down, with no qdisc attached.
int dev_open(net_device& dev) {
  if (dev.link_ops && dev.link_ops->open) {
    if (int err = dev.link_ops->open(dev)) return err;
  }
  dev.flags |= IFF_UP;
  dev.noqueue = true;  // dev_activate attaches noqueue (IFF_NO_QUEUE) and it stays
  return 0;
}

void dev_close(net_device& dev) {
  if (dev.link_ops && dev.link_ops->stop) dev.link_ops->stop(dev);
  dev.flags &= ~IFF_UP;
}

void dev_set_promiscuity(net_device& dev, int inc, unsigned flag, std::uint32_t& count) {
  count = static_cast<std::uint32_t>(static_cast<int>(count) + inc);
  if (count) dev.flags |= flag;
  else dev.flags &= ~flag;
}

}  // namespace

result<std::string> dev_get_valid_name(net& n, std::string_view want) {
  if (!dev_valid_name(want)) return errc{EINVAL};
  if (want.find('%') != std::string_view::npos) return dev_alloc_name(n, want);
  if (dev_get_by_name(n, want)) return errc{EEXIST};
  return std::string(want);
}

unsigned dev_get_flags(const net_device& dev) {
  constexpr unsigned IFF_DORMANT_ = 0x20000;
  unsigned flags = (dev.flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | NETNS_IFF_LOWER_UP |
                                  IFF_DORMANT_)) |
                   (dev.gflags & (IFF_PROMISC | IFF_ALLMULTI));
  if (dev.flags & IFF_UP) {
    const std::uint8_t op = dev_operstate(dev);
    if (op == IF_OPER_UP_ || op == IF_OPER_UNKNOWN_) flags |= IFF_RUNNING;  // netif_oper_up
    if (dev.carrier) flags |= NETNS_IFF_LOWER_UP;
  }
  return flags;
}

int dev_get_iflink(const net_device& dev) {
  return dev.link_ops && dev.link_ops->get_iflink ? dev.link_ops->get_iflink(dev) : dev.ifindex;
}

net& dev_link_net(const net_device& dev) {
  if (dev.link_ops && dev.link_ops->get_link_net) return *dev.link_ops->get_link_net(dev);
  return *dev.nd_net;
}

void netif_carrier_on(net_device& dev) {
  if (dev.carrier) return;
  dev.carrier = true;
  if (dev.registered) ++dev.carrier_up_count;
}

void netif_carrier_off(net_device& dev) {
  if (!dev.carrier) return;
  dev.carrier = false;
  if (dev.registered) ++dev.carrier_down_count;
}

// default_operstate, including its look-up of the link's index in the
// device's own namespace (which, for a peer elsewhere, may find another
// device with that index).
std::uint8_t dev_operstate(const net_device& dev) {
  if (dev.carrier_up_count + dev.carrier_down_count == 0) return IF_OPER_UNKNOWN_;
  if (!dev.carrier) {
    const int iflink = dev_get_iflink(dev);
    if (iflink == dev.ifindex) return IF_OPER_DOWN_;
    const net_device* peer = dev_get_by_index(*dev.nd_net, iflink);
    if (!peer) return IF_OPER_DOWN_;
    return peer->carrier ? IF_OPER_DOWN_ : IF_OPER_LOWERLAYERDOWN_;
  }
  return IF_OPER_UP_;
}

result<void> dev_change_flags(net_device& dev, unsigned flags, const dev_cause& cause) {
  constexpr unsigned user = IFF_DEBUG | IFF_NOTRAILERS | IFF_NOARP | IFF_DYNAMIC | IFF_MULTICAST |
                            IFF_PORTSEL | IFF_AUTOMEDIA;
  constexpr unsigned volatile_ = IFF_LOOPBACK | IFF_POINTOPOINT | IFF_BROADCAST | IFF_RUNNING |
                                 NETNS_IFF_LOWER_UP | 0x20000 /* IFF_DORMANT */ | 0x40000 /* ECHO */ |
                                 IFF_MASTER | IFF_SLAVE;
  const unsigned old_flags = dev.flags, old_gflags = dev.gflags;
  dev.flags = (flags & user) | (dev.flags & (IFF_UP | volatile_ | IFF_PROMISC | IFF_ALLMULTI));
  int ret = 0;
  if ((old_flags ^ flags) & IFF_UP) {
    if (old_flags & IFF_UP) dev_close(dev);
    else ret = dev_open(dev);
  }
  if ((flags ^ dev.gflags) & IFF_PROMISC) {
    dev.gflags ^= IFF_PROMISC;
    dev_set_promiscuity(dev, (flags & IFF_PROMISC) ? 1 : -1, IFF_PROMISC, dev.promiscuity);
  }
  if ((flags ^ dev.gflags) & IFF_ALLMULTI) {
    dev.gflags ^= IFF_ALLMULTI;
    dev_set_promiscuity(dev, (flags & IFF_ALLMULTI) ? 1 : -1, IFF_ALLMULTI, dev.allmulti);
  }
  const unsigned changes = (old_flags ^ dev.flags) | (old_gflags ^ dev.gflags);
  if (changes) notify(dev, RTM_NEWLINK, changes, cause);
  if (ret) return errc{-ret};
  return ok();
}

unsigned dev_combine_flags(const net_device& dev, unsigned flags, unsigned change) {
  if (!change) return flags;
  const unsigned cur = (dev.flags & ~(IFF_PROMISC | IFF_ALLMULTI)) |
                       (dev.gflags & (IFF_PROMISC | IFF_ALLMULTI));
  return (flags & change) | (cur & ~change);
}

result<void> dev_set_mac_address(net_device& dev, const std::array<std::uint8_t, 6>& addr,
                                 const dev_cause& cause) {
  // eth_prepare_mac_addr_change: is_valid_ether_addr.
  if ((addr[0] & 1) || addr == std::array<std::uint8_t, 6>{}) return errc{EADDRNOTAVAIL};
  if (addr == dev.dev_addr) return ok();
  dev.dev_addr = addr;
  notify(dev, RTM_NEWLINK, 0, cause);
  return ok();
}

result<void> dev_set_alias(net_device& dev, std::string_view alias, const dev_cause& cause) {
  constexpr std::size_t IFALIASZ = 256;
  if (alias.size() >= IFALIASZ) return errc{EINVAL};
  if (alias.empty()) dev.ifalias.reset();
  else dev.ifalias = std::make_unique<std::string>(alias);
  notify(dev, RTM_NEWLINK, 0, cause);
  return ok();
}

result<void> dev_set_mtu(net_device& dev, std::uint32_t mtu, const dev_cause& cause) {
  if (mtu == dev.mtu) return ok();
  if (mtu < dev.min_mtu) return failure{errc{EINVAL}, "mtu less than device minimum"};
  if (dev.max_mtu > 0 && mtu > dev.max_mtu)
    return failure{errc{EINVAL}, "mtu greater than device maximum"};
  dev.mtu = mtu;
  notify(dev, RTM_NEWLINK, 0, cause);
  return ok();
}

result<void> dev_change_name(net_device& dev, std::string_view name, const dev_cause& cause) {
  if (name == dev.name) return ok();
  auto valid = dev_get_valid_name(*dev.nd_net, name);
  if (!valid) return valid.error();
  if (auto r = dev_rename_in_list(*dev.nd_net, &dev, *valid); !r) return r;
  notify(dev, RTM_NEWLINK, 0, cause);
  return ok();
}

result<void> dev_change_tx_queue_len(net_device& dev, std::uint32_t len, const dev_cause& cause) {
  if (len == dev.tx_queue_len) return ok();
  dev.tx_queue_len = len;
  notify(dev, RTM_NEWLINK, 0, cause);
  return ok();
}

void rtnl_configure_link(net_device& dev, const dev_cause& cause) {
  notify(dev, RTM_NEWLINK, ~0U, cause);
}

result<void> dev_change_net_namespace(net_device& dev, net& target, const char* pattern,
                                      int new_ifindex, const dev_cause& cause) {
  if (dev.netns_local) return failure{errc{EINVAL}, "The interface netns is immutable"};
  net& old = *dev.nd_net;
  if (&old == &target) return ok();
  std::string new_name = dev.name;
  if (dev_get_by_name(target, dev.name)) {
    if (!pattern)
      return failure{errc{EEXIST}, "An interface with the same name exists in the target netns"};
    auto n = dev_get_valid_name(target, pattern);
    if (!n) return failure{n.code(), "Unable to use the new interface name in the target netns"};
    new_name = std::move(*n);
  }
  if (new_ifindex) {
    if (auto r = dev_index_reserve(target, new_ifindex); !r)
      return failure{r.code(), "The ifindex is not available in the target netns"};
  } else {
    auto r = dev_index_reserve(target, dev.ifindex);
    if (!r && r.code() == errc{EBUSY}) r = dev_index_reserve(target, 0);
    if (!r) return failure{r.code(), "Unable to allocate a new ifindex in the target netns"};
    new_ifindex = *r;
  }
  // From here on nothing fails.
  if (dev.flags & IFF_UP) (void)dev_change_flags(dev, dev_get_flags(dev) & ~IFF_UP, cause);
  std::unique_ptr<net_device> owned = unlist_netdevice(old, &dev);
  dev.noqueue = false;  // dev_shutdown: the qdisc goes; noop until the next open
  const int new_nsid = peernet2id_alloc(old, target);
  notify(dev, RTM_DELLINK, ~0U, cause, &new_nsid, new_ifindex);
  dev.ifindex = new_ifindex;
  dev.name = std::move(new_name);
  list_netdevice(target, std::move(owned));
  notify(dev, RTM_NEWLINK, ~0U, cause);
  return ok();
}

void unregister_netdevice_many(std::vector<net_device*>& head, const dev_cause& cause) {
  // unregister_netdevice_queue's list_move_tail: a device queued again
  // moves to the end, so each goes at its last place in `head`. Kept by a
  // walk from the back (a cleanup batch queues every device of thousands
  // of namespaces: erasing from the front each time was quadratic).
  // Each call marks what it took with a number of its own, so a device
  // seen again is told by its mark, not by a set of the seen.
  static std::atomic<std::uint64_t> next_mark{1};
  const std::uint64_t mark = next_mark.fetch_add(1, std::memory_order_relaxed);
  std::vector<net_device*> order;
  order.reserve(head.size());
  for (auto it = head.rbegin(); it != head.rend(); ++it) {
    if ((*it)->unreg_mark == mark) continue;
    (*it)->unreg_mark = mark;
    order.push_back(*it);
  }
  std::reverse(order.begin(), order.end());
  head.clear();
  for (net_device* d : order)
    if (d->flags & IFF_UP) (void)dev_change_flags(*d, dev_get_flags(*d) & ~IFF_UP, cause);
  for (net_device* d : order) {
    net& n = *d->nd_net;
    std::unique_ptr<net_device> owned = unlist_netdevice(n, d);
    d->registered = false;
    notify(*d, RTM_DELLINK, ~0U, cause);
  }
}

}  // namespace netns
