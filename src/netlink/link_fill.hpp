// SPDX-License-Identifier: GPL-2.0-only
// rtnl_fill_ifinfo: a device as an RTM_NEWLINK / RTM_DELLINK message, in
// the reference kernel's attribute order. Internal to the netlink layer.
#pragma once

#include "netns/core/net_device.hpp"
#include "netns/netlink/wire.hpp"

namespace netns::netlink {

struct ifinfo_args {
  int cmd;  // RTM_NEWLINK or RTM_DELLINK
  std::uint32_t portid = 0, seq = 0;
  std::uint16_t flags = 0;
  unsigned change = 0;
  int tgt_netnsid = -1;           // IFLA_TARGET_NETNSID, when >= 0
  const int* new_nsid = nullptr;  // IFLA_NEW_NETNSID
  int new_ifindex = 0;            // IFLA_NEW_IFINDEX
};

// Fills one message for `dev` as seen from `src_net` (the net whose ids
// IFLA_LINK_NETNSID uses: peernet2id_alloc there, which may give the link's
// net an id and announce it with RTM_NEWNSID, as the kernel does).
void rtnl_fill_ifinfo(nl_builder& b, net_device& dev, net& src_net, const ifinfo_args& a);

// The RTNLGRP_LINK delivery the kernel's device changes call (kernel::set_link_notifier).
void rtmsg_ifinfo(const link_event& e);

}  // namespace netns::netlink
