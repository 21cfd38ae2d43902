// SPDX-License-Identifier: GPL-2.0-only
// rtnl_fill_ifinfo and rtmsg_ifinfo (net/core/rtnetlink.c).
#include "link_fill.hpp"

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <cstring>

#include "netns/core/dev.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/nsid.hpp"

namespace netns::netlink {

namespace {

// Attribute numbers newer than this system's UAPI headers (6.18's if_link.h).
constexpr std::uint16_t IFLA_DEVLINK_PORT_ = 62, IFLA_GSO_IPV4_MAX_SIZE_ = 63,
                        IFLA_GRO_IPV4_MAX_SIZE_ = 64, IFLA_DPLL_PIN_ = 65,
                        IFLA_MAX_PACING_OFFLOAD_HORIZON_ = 66, IFLA_NETNS_IMMUTABLE_ = 67,
                        IFLA_HEADROOM_ = 68, IFLA_TAILROOM_ = 69;
// The generic defaults every device here has (GSO_MAX_SIZE, GSO_MAX_SEGS,
// TSO_MAX_SIZE, GRO_MAX_SIZE).
constexpr std::uint32_t GSO_MAX_SIZE = 65536, GSO_MAX_SEGS = 65535, TSO_MAX_SIZE = 524280,
                        TSO_MAX_SEGS = 65535;

void put_stats(nl_builder& b, const net_device_stats& s) {
  rtnl_link_stats64 s64{};
  s64.rx_packets = s.rx_packets;
  s64.tx_packets = s.tx_packets;
  s64.rx_bytes = s.rx_bytes;
  s64.tx_bytes = s.tx_bytes;
  s64.rx_errors = s.rx_errors;
  s64.tx_errors = s.tx_errors;
  s64.rx_dropped = s.rx_dropped;
  s64.tx_dropped = s.tx_dropped;
  s64.multicast = s.multicast;
  s64.collisions = s.collisions;
  s64.rx_frame_errors = s.rx_frame_errors;
  s64.rx_fifo_errors = s.rx_fifo_errors;
  s64.tx_fifo_errors = s.tx_fifo_errors;
  s64.tx_carrier_errors = s.tx_carrier_errors;
  s64.rx_compressed = s.rx_compressed;
  s64.tx_compressed = s.tx_compressed;
  // The kernel's rtnl_link_stats64 has grown to 200 bytes (rx_otherhost_dropped);
  // the UAPI header here may be older: pad to the kernel's size.
  std::uint8_t buf[200] = {};
  std::memcpy(buf, &s64, std::min(sizeof s64, sizeof buf));
  // nla_reserve_64bit adds no IFLA_PAD on x86-64 (efficient unaligned access).
  b.put_attr(IFLA_STATS64, buf, sizeof buf);
  rtnl_link_stats s32{};
  s32.rx_packets = static_cast<std::uint32_t>(s.rx_packets);
  s32.tx_packets = static_cast<std::uint32_t>(s.tx_packets);
  s32.rx_bytes = static_cast<std::uint32_t>(s.rx_bytes);
  s32.tx_bytes = static_cast<std::uint32_t>(s.tx_bytes);
  std::uint8_t buf32[96] = {};
  std::memcpy(buf32, &s32, std::min(sizeof s32, sizeof buf32));
  b.put_attr(IFLA_STATS, buf32, sizeof buf32);
}

}  // namespace

void rtnl_fill_ifinfo(nl_builder& b, net_device& dev, net& src_net, const ifinfo_args& a) {
  b.put_header(static_cast<std::uint16_t>(a.cmd), a.flags, a.seq, a.portid);
  ifinfomsg ifm{};
  ifm.ifi_family = AF_UNSPEC;
  ifm.ifi_type = dev.type;
  ifm.ifi_index = dev.ifindex;
  ifm.ifi_flags = dev_get_flags(dev);
  ifm.ifi_change = a.change;
  b.put_bytes(&ifm, sizeof ifm);
  if (a.tgt_netnsid >= 0) b.put_s32(IFLA_TARGET_NETNSID, a.tgt_netnsid);
  b.put_strz(IFLA_IFNAME, dev.name.c_str());
  b.put_u32(IFLA_TXQLEN, dev.tx_queue_len);
  b.put_u8(IFLA_OPERSTATE, (dev.flags & IFF_UP) ? dev_operstate(dev) : IF_OPER_DOWN_);
  b.put_u8(IFLA_LINKMODE, 0);
  b.put_u8(IFLA_NETNS_IMMUTABLE_, dev.netns_local ? 1 : 0);
  b.put_u32(IFLA_MTU, dev.mtu);
  b.put_u32(IFLA_MIN_MTU, dev.min_mtu);
  b.put_u32(IFLA_MAX_MTU, dev.max_mtu);
  b.put_u32(IFLA_GROUP, dev.group);
  b.put_u32(IFLA_PROMISCUITY, dev.promiscuity);
  b.put_u32(IFLA_ALLMULTI, dev.allmulti);
  b.put_u32(IFLA_NUM_TX_QUEUES, dev.num_tx_queues);
  b.put_u32(IFLA_GSO_MAX_SEGS, GSO_MAX_SEGS);
  b.put_u32(IFLA_GSO_MAX_SIZE, GSO_MAX_SIZE);
  b.put_u32(IFLA_GRO_MAX_SIZE, GSO_MAX_SIZE);
  b.put_u32(IFLA_GSO_IPV4_MAX_SIZE_, GSO_MAX_SIZE);
  b.put_u32(IFLA_GRO_IPV4_MAX_SIZE_, GSO_MAX_SIZE);
  b.put_u32(IFLA_TSO_MAX_SIZE, TSO_MAX_SIZE);
  b.put_u32(IFLA_TSO_MAX_SEGS, TSO_MAX_SEGS);
  b.put_u32(IFLA_MAX_PACING_OFFLOAD_HORIZON_, 0);
  b.put_u32(IFLA_NUM_RX_QUEUES, dev.num_rx_queues);
  b.put_u8(IFLA_CARRIER, dev.carrier ? 1 : 0);
  if (dev.ifalias) b.put_strz(IFLA_IFALIAS, dev.ifalias->c_str());
  b.put_u32(IFLA_CARRIER_CHANGES, dev.carrier_up_count + dev.carrier_down_count);
  b.put_u32(IFLA_CARRIER_UP_COUNT, dev.carrier_up_count);
  b.put_u32(IFLA_CARRIER_DOWN_COUNT, dev.carrier_down_count);
  b.put_u16(IFLA_HEADROOM_, 0);
  b.put_u16(IFLA_TAILROOM_, 0);
  b.put_u8(IFLA_PROTO_DOWN, 0);
  b.put_attr(IFLA_ADDRESS, dev.dev_addr.data(), dev.dev_addr.size());
  b.put_attr(IFLA_BROADCAST, dev.broadcast.data(), dev.broadcast.size());
  put_stats(b, dev.stats());
  {
    const std::size_t xdp = b.nest_start(IFLA_XDP);
    b.put_u8(IFLA_XDP_ATTACHED, XDP_ATTACHED_NONE);
    b.nest_end(xdp);
  }
  if (dev.link_ops) {
    const std::size_t li = b.nest_start(IFLA_LINKINFO);
    b.put_strz(IFLA_INFO_KIND, dev.link_ops->kind);
    b.nest_end(li);
  }
  // rtnl_fill_link_netnsid: a link in another namespace is named by its id
  // in src_net, allocated here if it has none.
  bool put_iflink = false;
  net& link_net = dev_link_net(dev);
  if (&link_net != dev.nd_net) {
    b.put_s32(IFLA_LINK_NETNSID, peernet2id_alloc(src_net, link_net));
    put_iflink = true;
  }
  const int iflink = dev_get_iflink(dev);
  if (put_iflink || iflink != dev.ifindex) b.put_u32(IFLA_LINK, static_cast<std::uint32_t>(iflink));
  b.put_strz(IFLA_QDISC, dev.noqueue ? "noqueue" : "noop");
  rtnl_link_ifmap map{};
  b.put_attr(IFLA_MAP, &map, sizeof map);
  if (a.new_nsid) b.put_s32(IFLA_NEW_NETNSID, *a.new_nsid);
  if (a.new_ifindex) b.put_s32(IFLA_NEW_IFINDEX, a.new_ifindex);
  b.put_attr(IFLA_DEVLINK_PORT_, nullptr, 0);
  b.put_attr(IFLA_DPLL_PIN_, nullptr, 0);
}

// rtmsg_ifinfo_event: to the RTNLGRP_LINK listeners of the device's
// namespace, filled as that namespace sees it (so it allocates ids there).
void rtmsg_ifinfo(const link_event& e) {
  net& n = *e.dev.nd_net;
  ifinfo_args a{.cmd = e.cmd};
  a.change = e.change;
  a.portid = e.portid;
  const auto* req = static_cast<const nlmsghdr*>(e.request);
  a.seq = req ? req->nlmsg_seq : 0;
  a.new_nsid = e.new_nsid;
  a.new_ifindex = e.new_ifindex;
  nl_builder b(1200);
  rtnl_fill_ifinfo(b, e.dev, n, a);
  auto bytes = b.finish();
  const bool report = req && (req->nlmsg_flags & NLM_F_ECHO);
  n.rtnl.multicast(RTNLGRP_LINK, bytes, report ? e.portid : 0);
  if (report) n.rtnl.unicast(e.portid, bytes);
}

}  // namespace netns::netlink
