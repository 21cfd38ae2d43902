// SPDX-License-Identifier: GPL-2.0-only
// The per-namespace device list (register_netdevice / unregister_netdevice).
#include "netns/core/net_device.hpp"

#include <cerrno>

#include "netns/core/net.hpp"

namespace netns {

bool dev_valid_name(std::string_view name) {
  if (name.empty() || name.size() >= IFNAMSIZ) return false;
  if (name == "." || name == "..") return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    // The kernel's isspace(), independent of any locale: \t \n \v \f \r,
    // space, and Latin-1's no-break space (0xa0).
    bool space = (u >= '\t' && u <= '\r') || u == ' ' || u == 0xa0;
    if (c == '/' || c == ':' || space) return false;
  }
  return true;
}

// The lookups behind the list: a scan while it is short, its maps after.
struct net_device_list_access {
  static net_device* by_name(const net_device_list& l, std::string_view name) {
    if (l.idx_) {
      auto it = l.idx_->by_name.find(name);
      return it == l.idx_->by_name.end() ? nullptr : it->second;
    }
    for (net_device* d = l.head_; d; d = d->dev_list_next)
      if (d->name == name) return d;
    return nullptr;
  }
  static net_device* by_index(const net_device_list& l, int ifindex) {
    if (l.idx_) {
      auto it = l.idx_->by_index.find(ifindex);
      return it == l.idx_->by_index.end() ? nullptr : it->second;
    }
    for (net_device* d = l.head_; d; d = d->dev_list_next)
      if (d->ifindex == ifindex) return d;
    return nullptr;
  }
  // The device with the lowest index >= ifindex.
  static net_device* by_index_from(const net_device_list& l, int ifindex) {
    if (l.idx_) {
      auto it = l.idx_->by_index.lower_bound(ifindex);
      return it == l.idx_->by_index.end() ? nullptr : it->second;
    }
    net_device* best = nullptr;
    for (net_device* d = l.head_; d; d = d->dev_list_next)
      if (d->ifindex >= ifindex && (!best || d->ifindex < best->ifindex)) best = d;
    return best;
  }
  static void index_all(net_device_list& l) {
    l.idx_ = std::make_unique<net_device_list::indexes>();
    for (net_device* d = l.head_; d; d = d->dev_list_next) {
      l.idx_->by_name.emplace(d->name, d);
      l.idx_->by_index.emplace(d->ifindex, d);
    }
  }
};

result<int> dev_index_reserve(net& n, int ifindex) {
  net_device_list& l = n.devices;
  using a = net_device_list_access;
  if (ifindex < 0) return errc{EINVAL};
  if (ifindex > 0) {
    if (a::by_index(l, ifindex)) return errc{EBUSY};
    return ifindex;
  }
  // Cyclic from the last index handed out: indices are not reused until
  // the range wraps.
  int idx = l.ifindex_;
  do {
    idx = idx >= 0x7fffffff ? 1 : idx + 1;
  } while (a::by_index(l, idx) && idx != l.ifindex_);
  if (a::by_index(l, idx)) return errc{ENOSPC};
  l.ifindex_ = idx;
  return idx;
}

void list_netdevice(net& n, std::unique_ptr<net_device> dev) {
  net_device_list& l = n.devices;
  dev->nd_net = &n;
  net_device* raw = dev.release();
  raw->dev_list_prev = l.tail_;
  raw->dev_list_next = nullptr;
  (l.tail_ ? l.tail_->dev_list_next : l.head_) = raw;
  l.tail_ = raw;
  ++l.count_;
  if (l.idx_) {
    l.idx_->by_name.emplace(raw->name, raw);
    l.idx_->by_index.emplace(raw->ifindex, raw);
  } else if (l.count_ >= net_device_list::indexed_from) {
    net_device_list_access::index_all(l);
  }
  ++l.dev_base_seq_;
}

std::unique_ptr<net_device> unlist_netdevice(net& n, net_device* dev) {
  net_device_list& l = n.devices;
  if (l.idx_) {
    l.idx_->by_name.erase(dev->name);
    l.idx_->by_index.erase(dev->ifindex);
  }
  (dev->dev_list_prev ? dev->dev_list_prev->dev_list_next : l.head_) = dev->dev_list_next;
  (dev->dev_list_next ? dev->dev_list_next->dev_list_prev : l.tail_) = dev->dev_list_prev;
  dev->dev_list_prev = dev->dev_list_next = nullptr;
  --l.count_;
  ++l.dev_base_seq_;
  return std::unique_ptr<net_device>(dev);
}

net_device_list::~net_device_list() {
  for (net_device* d = head_; d;) {
    net_device* next = d->dev_list_next;
    delete d;
    d = next;
  }
}

result<void> dev_rename_in_list(net& n, net_device* dev, std::string_view name) {
  net_device_list& l = n.devices;
  if (net_device_list_access::by_name(l, name)) return errc{EEXIST};
  if (l.idx_) l.idx_->by_name.erase(dev->name);
  dev->name.assign(name);
  if (l.idx_) l.idx_->by_name.emplace(dev->name, dev);
  ++l.dev_base_seq_;
  return ok();
}

result<net_device*> register_netdevice(net& n, std::unique_ptr<net_device> dev) {
  net_device_list& l = n.devices;
  if (!dev_valid_name(dev->name)) return errc{EINVAL};
  if (net_device_list_access::by_name(l, dev->name)) return errc{EEXIST};
  auto idx = dev_index_reserve(n, dev->ifindex);
  if (!idx) return idx.error();
  dev->ifindex = *idx;
  dev->registered = true;
  net_device* raw = dev.get();
  list_netdevice(n, std::move(dev));
  return raw;
}

void unregister_netdevice(net& n, net_device* dev) { (void)unlist_netdevice(n, dev); }

net_device* dev_get_by_name(net& n, std::string_view name) {
  return net_device_list_access::by_name(n.devices, name);
}

net_device* dev_get_by_index(net& n, int ifindex) {
  return net_device_list_access::by_index(n.devices, ifindex);
}

net_device* dev_get_by_index_from(net& n, int ifindex) {
  return net_device_list_access::by_index_from(n.devices, ifindex);
}

}  // namespace netns
