// SPDX-License-Identifier: GPL-2.0-only
// Network devices and a net namespace's device list (dev_base_head,
// dev_name_head, dev_index_head, ifindex, dev_base_seq in struct net).
//
// The model keeps what a user can observe of a device: name, ifindex,
// flags, mtu and its bounds, type, addresses, queue length, counters,
// carrier and operstate. Device kinds (veth) hang off `link_ops`
// (rtnl_link_ops); dev.hpp has the operations that change a device.
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
#include <cstddef>
#include <cstdint>
#include <iterator>
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
// IF_OPER_* (RFC 2863 operstates, <linux/if.h>, which clashes with <net/if.h>).
inline constexpr std::uint8_t IF_OPER_UNKNOWN_ = 0, IF_OPER_DOWN_ = 2,
                              IF_OPER_LOWERLAYERDOWN_ = 3, IF_OPER_UP_ = 6;

struct net_device;

// rtnl_link_ops: what a device kind adds to the generic device. `kind` is
// IFLA_INFO_KIND. get_link_net / get_iflink answer IFLA_LINK_NETNSID and
// IFLA_LINK; dellink queues the device (and whatever goes with it, a veth's
// peer) on `head` for unregistration; open/stop run on up/down.
struct rtnl_link_ops {
  const char* kind;
  net* (*get_link_net)(const net_device& dev);
  int (*get_iflink)(const net_device& dev);
  void (*dellink)(net_device& dev, std::vector<net_device*>& head);
  int (*open)(net_device& dev);  // 0 or a negative errno (ndo_open)
  void (*stop)(net_device& dev);
};

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
  // The counters. The model's devices carry no traffic: a device has none
  // allocated until something counts (nullptr reads as all zero), which
  // keeps lo, one in every namespace, 120 bytes smaller.
  std::unique_ptr<net_device_stats> counters;
  const net_device_stats& stats() const {
    static const net_device_stats zero{};
    return counters ? *counters : zero;
  }
  // The counters to update (allocated on first use).
  net_device_stats& count() {
    if (!counters) counters = std::make_unique<net_device_stats>();
    return *counters;
  }
  net* nd_net = nullptr;  // set on registration
  const rtnl_link_ops* link_ops = nullptr;  // nullptr: not made by rtnetlink (lo)
  net_device* peer = nullptr;  // veth_priv's peer (RTNL); nullptr once unpaired
  std::unique_ptr<std::string> ifalias;  // IFLA_IFALIAS, when set (most devices have none)
  std::uint32_t group = 0;
  std::uint32_t promiscuity = 0, allmulti = 0;
  std::uint32_t carrier_up_count = 0, carrier_down_count = 0;
  std::uint16_t num_tx_queues = 1, num_rx_queues = 1;
  unsigned gflags = 0;             // IFF_PROMISC / IFF_ALLMULTI the user asked for
  bool carrier = true;             // !__LINK_STATE_NOCARRIER
  bool noqueue = false;            // a qdisc was attached by a first open: "noqueue" from then on
  bool netns_local = false;        // NETIF_F_NETNS_LOCAL (lo)
  bool registered = false;         // NETREG_REGISTERED
  // unregister_netdevice_many's mark of the call that queued it last
  // (RTNL): tells a device queued twice without a set of the queued.
  std::uint64_t unreg_mark = 0;
  // Its place in its namespace's list (dev_list on dev_base_head), kept
  // by net_device_list.
  net_device* dev_list_prev = nullptr;
  net_device* dev_list_next = nullptr;
};

// A change a device saw, for RTNLGRP_LINK listeners of its namespace
// (rtmsg_ifinfo): the netlink layer installs the delivery
// (kernel::set_link_notifier). `new_nsid` and `new_ifindex` are the
// IFLA_NEW_NETNSID / IFLA_NEW_IFINDEX of the RTM_DELLINK a move sends.
struct link_event {
  net_device& dev;
  int cmd;  // RTM_NEWLINK or RTM_DELLINK
  unsigned change;
  std::uint32_t portid = 0;
  const void* request = nullptr;  // the nlmsghdr that caused it, or nullptr
  const int* new_nsid = nullptr;
  int new_ifindex = 0;
};
using link_notifier = void (*)(const link_event& e);

// A namespace's devices, in registration order: a list through the
// devices themselves (dev_base_head), so that a namespace's lo costs no
// allocation beyond the device. A namespace with a few devices (most have
// only lo) finds them by a scan of the list; from `indexed_from` devices
// on, name and index maps are made and kept. The maps' nodes were a sixth
// of making and destroying a namespace, and the vector that held the list
// before was another allocation per namespace.
//
// Iterating gives `net_device*`, oldest first (rbegin/rend: newest first):
//   for (net_device* d : n.devices.devices()) ...
// The list owns its devices: one still listed when the list goes is freed.
class net_device_list {
 public:
  class iterator {
   public:
    using iterator_concept = std::bidirectional_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    using value_type = net_device*;
    using difference_type = std::ptrdiff_t;
    using reference = net_device*;
    iterator() = default;
    iterator(const net_device_list* l, net_device* d) : l_(l), d_(d) {}
    net_device* operator*() const { return d_; }
    iterator& operator++() {
      d_ = d_->dev_list_next;
      return *this;
    }
    iterator operator++(int) {
      iterator t = *this;
      ++*this;
      return t;
    }
    // From end() back to the newest device.
    iterator& operator--() {
      d_ = d_ ? d_->dev_list_prev : l_->tail_;
      return *this;
    }
    iterator operator--(int) {
      iterator t = *this;
      --*this;
      return t;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.d_ == b.d_; }

   private:
    const net_device_list* l_ = nullptr;
    net_device* d_ = nullptr;
  };
  using reverse_iterator = std::reverse_iterator<iterator>;

  net_device_list() = default;
  net_device_list(const net_device_list&) = delete;
  net_device_list& operator=(const net_device_list&) = delete;
  ~net_device_list();

  const net_device_list& devices() const { return *this; }
  iterator begin() const { return {this, head_}; }
  iterator end() const { return {this, nullptr}; }
  reverse_iterator rbegin() const { return reverse_iterator(end()); }
  reverse_iterator rend() const { return reverse_iterator(begin()); }
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  net_device* front() const { return head_; }
  std::uint32_t dev_base_seq() const { return dev_base_seq_; }

 private:
  friend result<net_device*> register_netdevice(net& n, std::unique_ptr<net_device> dev);
  friend void unregister_netdevice(net& n, net_device* dev);
  friend net_device* dev_get_by_name(net& n, std::string_view name);
  friend net_device* dev_get_by_index(net& n, int ifindex);
  friend net_device* dev_get_by_index_from(net& n, int ifindex);
  friend result<int> dev_index_reserve(net& n, int ifindex);
  friend void list_netdevice(net& n, std::unique_ptr<net_device> dev);
  friend std::unique_ptr<net_device> unlist_netdevice(net& n, net_device* dev);
  friend result<void> dev_rename_in_list(net& n, net_device* dev, std::string_view name);
  friend struct net_device_list_access;

  static constexpr std::size_t indexed_from = 8;
  template <class K>
  using index = std::map<K, net_device*, std::less<>,
                         thread_cache_allocator<std::pair<const K, net_device*>>>;
  struct indexes {
    index<std::string> by_name;
    index<int> by_index;
  };

  net_device* head_ = nullptr;
  net_device* tail_ = nullptr;
  std::unique_ptr<indexes> idx_;  // nullptr until the list first reaches indexed_from
  std::uint32_t count_ = 0;
  int ifindex_ = 0;                 // last index handed out (cyclic, like net->ifindex)
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
// dev_index_reserve: `ifindex` if free (EBUSY if not), or for 0 the next
// free index after the last one handed out (cyclic, like xa_alloc_cyclic
// on net->ifindex). A reserved index is used up even if registration fails
// later, as the kernel's.
result<int> dev_index_reserve(net& n, int ifindex);
// list_netdevice / unlist_netdevice: add a device with its name and index
// set to n's lists, or take it out (ownership moves with it).
void list_netdevice(net& n, std::unique_ptr<net_device> dev);
std::unique_ptr<net_device> unlist_netdevice(net& n, net_device* dev);
// Renames a listed device (the name is valid and free).
result<void> dev_rename_in_list(net& n, net_device* dev, std::string_view name);
// Lookups (RTNL held); nullptr when absent.
net_device* dev_get_by_name(net& n, std::string_view name);
net_device* dev_get_by_index(net& n, int ifindex);
// The device with the lowest ifindex >= `ifindex` (for_each_netdev_dump), or nullptr.
net_device* dev_get_by_index_from(net& n, int ifindex);

}  // namespace netns
