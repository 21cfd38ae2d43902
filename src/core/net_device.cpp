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

result<net_device*> register_netdevice(net& n, std::unique_ptr<net_device> dev) {
  net_device_list& l = n.devices;
  if (!dev_valid_name(dev->name)) return errc{EINVAL};
  if (l.by_name_.count(dev->name)) return errc{EEXIST};
  if (dev->ifindex < 0) return errc{EINVAL};
  if (dev->ifindex > 0) {
    if (l.by_index_.count(dev->ifindex)) return errc{EBUSY};
  } else {
    // Cyclic from the last index handed out, like the kernel's xa_alloc_cyclic
    // on net->ifindex: indices are not reused until the range wraps.
    int idx = l.ifindex_;
    do {
      idx = idx >= 0x7fffffff ? 1 : idx + 1;
    } while (l.by_index_.count(idx) && idx != l.ifindex_);
    if (l.by_index_.count(idx)) return errc{ENOSPC};
    dev->ifindex = idx;
    l.ifindex_ = idx;
  }
  dev->nd_net = &n;
  net_device* raw = dev.get();
  l.by_name_.emplace(raw->name, raw);
  l.by_index_.emplace(raw->ifindex, raw);
  l.devs_.push_back(std::move(dev));
  ++l.dev_base_seq_;
  return raw;
}

void unregister_netdevice(net& n, net_device* dev) {
  net_device_list& l = n.devices;
  l.by_name_.erase(dev->name);
  l.by_index_.erase(dev->ifindex);
  for (auto it = l.devs_.begin(); it != l.devs_.end(); ++it) {
    if (it->get() == dev) {
      l.devs_.erase(it);
      break;
    }
  }
  ++l.dev_base_seq_;
}

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
