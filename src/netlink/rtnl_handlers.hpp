// SPDX-License-Identifier: GPL-2.0-only
// rtnetlink's message table (rtnl_register) and the helpers the handlers
// share. Internal to the netlink layer.
#pragma once

#include <span>

#include "netlink_sock.hpp"
#include "netns/task/task.hpp"

namespace netns::netlink {

using doit_fn = int (*)(netlink_sock& sk, task& current, const nlmsghdr* nlh, ext_ack& extack);

struct rtnl_handlers {
  doit_fn doit = nullptr;
  dumpit_fn dumpit = nullptr;
};

// The handlers of a message type, or nullptr (EOPNOTSUPP).
const rtnl_handlers* rtnl_get_link(int type);

// netlink_net_capable / sk_ns_capable: `cap` over `ns` for both the
// socket's opener and the task making the request.
bool sk_ns_capable(const netlink_sock& sk, const task& current, const user_namespace& ns, int cap);
bool netlink_net_capable(const netlink_sock& sk, const task& current, int cap);

// rtnl_get_net_ns_capable: the net with id `id` in the socket's net, if
// both the socket's opener and the caller have CAP_NET_ADMIN over it
// (EINVAL: no such id; EACCES).
result<net_ref> rtnl_get_net_ns_capable(const netlink_sock& sk, const task& current, int id);

// The RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK handlers (link_handlers.cpp).
const rtnl_handlers* rtnl_link_handlers(int type);

// netlink_rcv_skb over the bytes of one send.
void rcv_skb(netlink_sock& sk, task& current, std::span<const std::uint8_t> data);

// The RTNLGRP_NSID delivery the kernel's nsid tables call (kernel::set_nsid_notifier).
void rtnl_net_notifyid(const nsid_event& e);

}  // namespace netns::netlink
