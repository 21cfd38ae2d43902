// SPDX-License-Identifier: GPL-2.0-only
#include "netns/core/rtnl_table.hpp"

#include <algorithm>
#include <cerrno>

namespace netns {

result<std::uint32_t> rtnl_table::autobind(netlink_port& p, std::uint32_t tgid) {
  lock_guard l(lock_);
  state& st = made();
  std::uint32_t id = tgid;
  if (id == 0 || st.ports.count(id)) {
    // The kernel's rover: negative ids, so they never meet a pid.
    const std::int32_t start = st.rover;
    do {
      id = static_cast<std::uint32_t>(st.rover);
      st.rover = st.rover - 1 < -2147483647 ? -4096 : st.rover - 1;
      if (st.rover == start && st.ports.count(id)) return errc{ENOSPC};
    } while (st.ports.count(id));
  }
  st.ports.emplace(id, &p);
  st.port_ids.emplace(&p, id);
  return id;
}

result<void> rtnl_table::bind(netlink_port& p, std::uint32_t portid) {
  lock_guard l(lock_);
  state& st = made();
  if (st.ports.count(portid)) return errc{EADDRINUSE};
  st.ports.emplace(portid, &p);
  st.port_ids.emplace(&p, portid);
  return ok();
}

void rtnl_table::unbind(netlink_port& p, std::uint32_t portid) {
  lock_guard l(lock_);
  if (!s_) return;
  auto it = s_->ports.find(portid);
  if (it != s_->ports.end() && it->second == &p) s_->ports.erase(it);
  s_->port_ids.erase(&p);
  for (auto& members : s_->groups) std::erase(members, &p);
}

void rtnl_table::join(netlink_port& p, unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return;
  lock_guard l(lock_);
  state& st = made();
  if (st.groups.size() < RTNL_GROUPS) st.groups.resize(RTNL_GROUPS);
  auto& members = st.groups[group - 1];
  if (std::find(members.begin(), members.end(), &p) == members.end()) members.push_back(&p);
}

void rtnl_table::leave(netlink_port& p, unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return;
  lock_guard l(lock_);
  if (s_ && s_->groups.size() >= group) std::erase(s_->groups[group - 1], &p);
}

void rtnl_table::leave_all(netlink_port& p) {
  lock_guard l(lock_);
  if (!s_) return;
  for (auto& members : s_->groups) std::erase(members, &p);
}

bool rtnl_table::unicast(std::uint32_t portid, std::span<const std::uint8_t> datagram) {
  lock_guard l(lock_);
  if (!s_) return false;
  auto it = s_->ports.find(portid);
  return it != s_->ports.end() && it->second->deliver(datagram);
}

void rtnl_table::multicast(unsigned group, std::span<const std::uint8_t> datagram,
                           std::uint32_t exclude) {
  if (group == 0 || group > RTNL_GROUPS) return;
  lock_guard l(lock_);
  if (!s_ || s_->groups.size() < group) return;
  for (netlink_port* p : s_->groups[group - 1]) {
    // do_one_broadcast skips the socket whose port is the excluded one;
    // an unbound socket's port is 0, the exclusion of an ordinary
    // notification, so a listener that never bound hears nothing (the
    // reference kernel agrees).
    auto it = s_->port_ids.find(p);
    const std::uint32_t port = it == s_->port_ids.end() ? 0 : it->second;
    if (port == exclude) continue;
    p->deliver(datagram);
  }
}

std::size_t rtnl_table::bound_count() {
  lock_guard l(lock_);
  return s_ ? s_->ports.size() : 0;
}

std::size_t rtnl_table::member_count(unsigned group) {
  if (group == 0 || group > RTNL_GROUPS) return 0;
  lock_guard l(lock_);
  return !s_ || s_->groups.size() < group ? 0 : s_->groups[group - 1].size();
}

}  // namespace netns
