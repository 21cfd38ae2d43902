// SPDX-License-Identifier: GPL-2.0-only
#include "netns/core/rtnl_table.hpp"

#include <algorithm>
#include <cerrno>

namespace netns {

result<std::uint32_t> rtnl_table::autobind(netlink_port& p, std::uint32_t tgid) {
  lock_guard l(lock_);
  std::uint32_t id = tgid;
  if (id == 0 || ports_.count(id)) {
    // The kernel's rover: negative ids, so they never meet a pid.
    const std::int32_t start = rover_;
    do {
      id = static_cast<std::uint32_t>(rover_);
      rover_ = rover_ - 1 < -2147483647 ? -4096 : rover_ - 1;
      if (rover_ == start && ports_.count(id)) return errc{ENOSPC};
    } while (ports_.count(id));
  }
  ports_.emplace(id, &p);
  port_ids_.emplace(&p, id);
  return id;
}

result<void> rtnl_table::bind(netlink_port& p, std::uint32_t portid) {
  lock_guard l(lock_);
  if (ports_.count(portid)) return errc{EADDRINUSE};
  ports_.emplace(portid, &p);
  port_ids_.emplace(&p, portid);
  return ok();
}

void rtnl_table::unbind(netlink_port& p, std::uint32_t portid) {
  lock_guard l(lock_);
  auto it = ports_.find(portid);
  if (it != ports_.end() && it->second == &p) ports_.erase(it);
  port_ids_.erase(&p);
  for (auto& members : groups_) std::erase(members, &p);
}

void rtnl_table::join(netlink_port& p, unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return;
  lock_guard l(lock_);
  if (groups_.size() < RTNL_GROUPS) groups_.resize(RTNL_GROUPS);
  auto& members = groups_[group - 1];
  if (std::find(members.begin(), members.end(), &p) == members.end()) members.push_back(&p);
}

void rtnl_table::leave(netlink_port& p, unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return;
  lock_guard l(lock_);
  if (groups_.size() >= group) std::erase(groups_[group - 1], &p);
}

void rtnl_table::leave_all(netlink_port& p) {
  lock_guard l(lock_);
  for (auto& members : groups_) std::erase(members, &p);
}

bool rtnl_table::unicast(std::uint32_t portid, std::span<const std::uint8_t> datagram) {
  lock_guard l(lock_);
  auto it = ports_.find(portid);
  return it != ports_.end() && it->second->deliver(datagram);
}

void rtnl_table::multicast(unsigned group, std::span<const std::uint8_t> datagram,
                           std::uint32_t exclude) {
  if (group == 0 || group > RTNL_GROUPS) return;
  lock_guard l(lock_);
  if (groups_.size() < group) return;
  for (netlink_port* p : groups_[group - 1]) {
    // do_one_broadcast skips the socket whose port is the excluded one;
    // an unbound socket's port is 0, the exclusion of an ordinary
    // notification, so a listener that never bound hears nothing (the
    // reference kernel agrees).
    auto it = port_ids_.find(p);
    const std::uint32_t port = it == port_ids_.end() ? 0 : it->second;
    if (port == exclude) continue;
    p->deliver(datagram);
  }
}

std::size_t rtnl_table::bound_count() {
  lock_guard l(lock_);
  return ports_.size();
}

std::size_t rtnl_table::member_count(unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return 0;
  lock_guard l(lock_);
  return groups_.size() < group ? 0 : groups_[group - 1].size();
}

}  // namespace netns
