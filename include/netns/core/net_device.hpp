// SPDX-License-Identifier: GPL-2.0-only
// Network devices and a net namespace's device list (dev_base_head,
// dev_name_head, dev_index_head, ifindex, dev_base_seq in struct net).
//
// The model keeps what a user can observe of a device: name, ifindex,
// flags, mtu and its bounds, type, addresses, queue length and counters.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   netns::lock_guard rtnl(k->rtnl());                       // rtnl_lock()
//   net_device* lo = dev_get_by_name(k->init_net(), "lo");   // ifindex 1, IFF_LOOPBACK
//
// Locking: the device lists change and are read under the kernel's RTNL
// mutex (rtnl_guard). Cost: lookups are O(log n) in the namespace's devices.
#pragma once

#include <net/if.h>
#include <net/if_arp.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/thread_cache_allocator.hpp"

#include "netns/base/result.hpp"

namespace netns {

class net;
class kernel;

// IFF_UP, IFF_LOOPBACK, ..., IFNAMSIZ come from <net/if.h> and ARPHRD_* from
// <net/if_arp.h>, with the kernel's values. IFF_LOWER_UP is only in <linux/if.h>.
inline constexpr unsigned NETNS_IFF_LOWER_UP = 0x10000;
inline constexpr int LOOPBACK_IFINDEX = 1;

// The counters /proc/net/dev prints (rtnl_link_stats64 subset).
struct net_device_stats {
  std::uint64_t rx_bytes = 0, rx_packets = 0, rx_errors = 0, rx_dropped = 0;
  std::uint64_t rx_fifo_errors = 0, rx_frame_errors = 0, rx_compressed = 0, multicast = 0;
  std::uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0, tx_dropped = 0;
  std::uint64_t tx_fifo_errors = 0, collisions = 0, tx_carrier_errors = 0, tx_compressed = 0;
};

struct net_device : thread_cached<net_device> {
  std::string name;
  int ifindex = 0;  // 0: let register_netdevice choose
  unsigned flags = 0;
  unsigned mtu = 1500, min_mtu = 0, max_mtu = 0;
  unsigned short type = ARPHRD_ETHER;
  unsigned tx_queue_len = 1000;
  std::array<std::uint8_t, 6> dev_addr{};
  std::array<std::uint8_t, 6> broadcast{};
  net_device_stats stats;
  net* nd_net = nullptr;  // set on registration
};

// A namespace's devices, in registration order, with name and index maps.
class net_device_list {
 public:
  using list = std::vector<std::unique_ptr<net_device>, thread_cache_allocator<std::unique_ptr<net_device>>>;
  const list& devices() const { return devs_; }
  std::uint32_t dev_base_seq() const { return dev_base_seq_; }

 private:
  friend result<net_device*> register_netdevice(net& n, std::unique_ptr<net_device> dev);
  friend void unregister_netdevice(net& n, net_device* dev);
  friend net_device* dev_get_by_name(net& n, std::string_view name);
  friend net_device* dev_get_by_index(net& n, int ifindex);
// The device with the lowest ifindex >= `ifindex` (for_each_netdev_dump), or nullptr.
net_device* dev_get_by_index_from(net& n, int ifindex);
  friend net_device* dev_get_by_index_from(net& n, int ifindex);

  list devs_;
  // Map nodes come from the block caches: one of each per device.
  template <class K>
  using index = std::map<K, net_device*, std::less<>,
                         thread_cache_allocator<std::pair<const K, net_device*>>>;
  index<std::string> by_name_;
  index<int> by_index_;
  int ifindex_ = 0;                // last index handed out (cyclic, like net->ifindex)
  std::uint32_t dev_base_seq_ = 1;  // bumped at every change (setup_net starts it at 1)
};

// dev_valid_name: 1..15 bytes, not "." or "..", no '/', ':' or white space.
bool dev_valid_name(std::string_view name);

// Registers dev in n (RTNL held): EINVAL for a bad name, EEXIST for a
// name in use, EBUSY for a requested ifindex in use. On success the list
// owns it.
result<net_device*> register_netdevice(net& n, std::unique_ptr<net_device> dev);
// Removes and frees dev (RTNL held).
void unregister_netdevice(net& n, net_device* dev);
// Lookups (RTNL held); nullptr when absent.
net_device* dev_get_by_name(net& n, std::string_view name);
net_device* dev_get_by_index(net& n, int ifindex);
// The device with the lowest ifindex >= `ifindex` (for_each_netdev_dump), or nullptr.
net_device* dev_get_by_index_from(net& n, int ifindex);

}  // namespace netns
