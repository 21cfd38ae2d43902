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

result<int> dev_index_reserve(net& n, int ifindex) {
  net_device_list& l = n.devices;
  if (ifindex < 0) return errc{EINVAL};
  if (ifindex > 0) {
    if (l.by_index_.count(ifindex)) return errc{EBUSY};
    return ifindex;
  }
  // Cyclic from the last index handed out: indices are not reused until
  // the range wraps.
  int idx = l.ifindex_;
  do {
    idx = idx >= 0x7fffffff ? 1 : idx + 1;
  } while (l.by_index_.count(idx) && idx != l.ifindex_);
  if (l.by_index_.count(idx)) return errc{ENOSPC};
  l.ifindex_ = idx;
  return idx;
}

void list_netdevice(net& n, std::unique_ptr<net_device> dev) {
  net_device_list& l = n.devices;
  dev->nd_net = &n;
  net_device* raw = dev.get();
  l.by_name_.emplace(raw->name, raw);
  l.by_index_.emplace(raw->ifindex, raw);
  l.devs_.push_back(std::move(dev));
  ++l.dev_base_seq_;
}

std::unique_ptr<net_device> unlist_netdevice(net& n, net_device* dev) {
  net_device_list& l = n.devices;
  l.by_name_.erase(dev->name);
  l.by_index_.erase(dev->ifindex);
  std::unique_ptr<net_device> owned;
  for (auto it = l.devs_.begin(); it != l.devs_.end(); ++it) {
    if (it->get() == dev) {
      owned = std::move(*it);
      l.devs_.erase(it);
      break;
    }
  }
  ++l.dev_base_seq_;
  return owned;
}

result<void> dev_rename_in_list(net& n, net_device* dev, std::string_view name) {
  net_device_list& l = n.devices;
  if (l.by_name_.count(name)) return errc{EEXIST};
  l.by_name_.erase(dev->name);
  dev->name.assign(name);
  l.by_name_.emplace(dev->name, dev);
  ++l.dev_base_seq_;
  return ok();
}

result<net_device*> register_netdevice(net& n, std::unique_ptr<net_device> dev) {
  net_device_list& l = n.devices;
  if (!dev_valid_name(dev->name)) return errc{EINVAL};
  if (l.by_name_.count(dev->name)) return errc{EEXIST};
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
  auto it = n.devices.by_name_.find(name);
  return it == n.devices.by_name_.end() ? nullptr : it->second;
}

net_device* dev_get_by_index(net& n, int ifindex) {
  auto it = n.devices.by_index_.find(ifindex);
  return it == n.devices.by_index_.end() ? nullptr : it->second;
}

net_device* dev_get_by_index_from(net& n, int ifindex) {
  auto it = n.devices.by_index_.lower_bound(ifindex);
  return it == n.devices.by_index_.end() ? nullptr : it->second;
}

}  // namespace netns
