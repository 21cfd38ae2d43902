// SPDX-License-Identifier: GPL-2.0-only
// veth: veth_setup, veth_newlink, veth_dellink, veth_open/close,
// veth_get_iflink, veth_get_link_net.
#include "netns/subsys/veth.hpp"

#include <sys/random.h>
#include <unistd.h>

#include "netns/core/net.hpp"

namespace netns {

namespace {

constexpr unsigned ETH_MIN_MTU = 68, ETH_MAX_MTU = 0xffff, ETH_DATA_LEN = 1500;

net* veth_get_link_net(const net_device& dev) { return dev.peer ? dev.peer->nd_net : dev.nd_net; }
int veth_get_iflink(const net_device& dev) { return dev.peer ? dev.peer->ifindex : 0; }

void veth_dellink(net_device& dev, std::vector<net_device*>& head) {
  net_device* peer = dev.peer;
  // Untie first: the RTM_DELLINKs then carry no link.
  dev.peer = nullptr;
  head.push_back(&dev);
  if (peer) {
    peer->peer = nullptr;
    head.push_back(peer);
  }
}

// A peer being configured before the pair is tied cannot open.
int veth_open(net_device& dev) {
  if (!dev.peer) return -ENOTCONN;
  if (dev.peer->flags & IFF_UP) {
    netif_carrier_on(dev);
    netif_carrier_on(*dev.peer);
  }
  return 0;
}

void veth_close(net_device& dev) {
  netif_carrier_off(dev);
  if (dev.peer) netif_carrier_off(*dev.peer);
}

const rtnl_link_ops veth_ops{"veth", veth_get_link_net, veth_get_iflink, veth_dellink, veth_open,
                             veth_close};

// eth_hw_addr_random: a random unicast, locally administered address.
// eth_hw_addr_random for both ends of a pair with one getrandom(2)
// (a system call is most of a pair's cost in the model): unicast, locally
// administered.
using mac_pair = std::array<std::array<std::uint8_t, 6>, 2>;
mac_pair eth_random_addrs() {
  mac_pair m{};
  std::size_t got = 0;
  auto* p = reinterpret_cast<std::uint8_t*>(m.data());
  while (got < sizeof m) {
    const ssize_t n = getrandom(p + got, sizeof m - got, 0);
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  for (auto& a : m) a[0] = static_cast<std::uint8_t>((a[0] & 0xfe) | 0x02);
  return m;
}

// veth's queues: one per possible CPU. A fact of the host, read once
// (sysconf reads /sys/devices/system/cpu, tens of microseconds).
std::uint16_t veth_num_queues() {
  static const std::uint16_t n = [] {
    const long c = sysconf(_SC_NPROCESSORS_CONF);
    return static_cast<std::uint16_t>(c > 0 ? c : 1);
  }();
  return n;
}

// alloc_netdev with veth_setup (ether_setup), then rtnl_create_link's
// attributes.
result<std::unique_ptr<net_device>> veth_create(const link_params& p, std::string name,
                                                const std::array<std::uint8_t, 6>& random_addr) {
  auto dev = std::make_unique<net_device>();
  dev->name = std::move(name);
  dev->type = ARPHRD_ETHER;
  dev->flags = IFF_BROADCAST | IFF_MULTICAST;
  dev->mtu = ETH_DATA_LEN;
  dev->min_mtu = ETH_MIN_MTU;
  dev->max_mtu = ETH_MAX_MTU;
  dev->tx_queue_len = 1000;
  dev->broadcast.fill(0xff);
  dev->num_tx_queues = dev->num_rx_queues = veth_num_queues();
  dev->link_ops = &veth_ops;
  if (p.mtu) {
    if (*p.mtu < dev->min_mtu) return failure{errc{EINVAL}, "mtu less than device minimum"};
    if (*p.mtu > dev->max_mtu) return failure{errc{EINVAL}, "mtu greater than device maximum"};
    dev->mtu = *p.mtu;
  }
  dev->dev_addr = p.address ? *p.address : random_addr;
  if (p.broadcast) dev->broadcast = *p.broadcast;
  if (p.txqlen) dev->tx_queue_len = *p.txqlen;
  if (p.group) dev->group = *p.group;
  dev->ifindex = p.ifindex;
  return dev;
}

}  // namespace

const rtnl_link_ops& veth_link_ops() { return veth_ops; }

result<net_device*> veth_newlink(net& dev_net, const link_params& dev, net& peer_net,
                                 const link_params& peer, const dev_cause& cause) {
  // rtnl_create_link checks the device's own attributes before veth_newlink
  // makes the peer; the names are resolved by register_netdevice.
  const mac_pair macs = dev.address && peer.address ? mac_pair{} : eth_random_addrs();
  auto d = veth_create(dev, {}, macs[0]);
  if (!d) return d.error();
  auto p = veth_create(peer, {}, macs[1]);
  if (!p) return p.error();
  auto pname = dev_get_valid_name(peer_net, peer.name.empty() ? "veth%d" : peer.name);
  if (!pname) return pname.error();
  (*p)->name = std::move(*pname);
  auto preg = register_netdevice(peer_net, std::move(*p));
  if (!preg) return preg.error();
  net_device* pd = *preg;
  netif_carrier_off(*pd);
  // rtnl_configure_link(peer, ifmp): its flags, then RTM_NEWLINK, before the
  // pair is tied (no link yet, and an up peer cannot open: ENOTCONN).
  if (peer.ifi_flags || peer.ifi_change) {
    auto r = dev_change_flags(*pd, dev_combine_flags(*pd, peer.ifi_flags, peer.ifi_change), cause);
    if (!r) {
      std::vector<net_device*> head{pd};
      unregister_netdevice_many(head, cause);
      return r.error();
    }
  }
  rtnl_configure_link(*pd, cause);

  // err_register_dev: the peer goes again (unregister_netdevice).
  auto dname = dev_get_valid_name(dev_net, dev.name.empty() ? "veth%d" : dev.name);
  result<net_device*> dreg = dname ? ((*d)->name = std::move(*dname),
                                      register_netdevice(dev_net, std::move(*d)))
                                   : result<net_device*>(dname.error());
  if (!dreg) {
    std::vector<net_device*> head{pd};
    unregister_netdevice_many(head, cause);
    return dreg.error();
  }
  net_device* dd = *dreg;
  netif_carrier_off(*dd);
  dd->peer = pd;
  pd->peer = dd;
  return dd;
}

}  // namespace netns
