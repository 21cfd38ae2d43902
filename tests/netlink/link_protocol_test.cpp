// SPDX-License-Identifier: GPL-2.0-only
// The RTM_*LINK protocol through model sockets, against what the reference
// kernel (6.18) answers: the attributes of a link message in the kernel's
// order, errno and extack of malformed and refused requests (strict and
// not), RTNLGRP_LINK notifications (the peer announced before the pair is
// tied; a move's RTM_DELLINK naming the target's nsid and the new index),
// and the automatic nsid a report of a cross-namespace veth allocates.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>

#include <cstring>
#include <string>
#include <vector>

#include "netns/core/nsid.hpp"
#include "netns/machine/machine.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/netlink/wire.hpp"
#include "netns/task/syscalls.hpp"

namespace netns {
namespace {

using bytes = std::vector<std::uint8_t>;
constexpr int SOL_NL = NETNS_SOL_NETLINK;

void put_ifinfomsg(netlink::nl_builder& b, int index = 0, unsigned flags = 0, unsigned change = 0) {
  ifinfomsg ifm{};
  ifm.ifi_index = index;
  ifm.ifi_flags = flags;
  ifm.ifi_change = change;
  b.put_bytes(&ifm, sizeof ifm);
}

bytes newveth(const char* name, const char* peer, int peer_fd = -1) {
  netlink::nl_builder b;
  b.put_header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 1, 0);
  put_ifinfomsg(b);
  b.put_strz(IFLA_IFNAME, name);
  const std::size_t li = b.nest_start(IFLA_LINKINFO);
  b.put_strz(IFLA_INFO_KIND, "veth");
  const std::size_t data = b.nest_start(IFLA_INFO_DATA);
  const std::size_t p = b.nest_start(VETH_INFO_PEER);
  put_ifinfomsg(b);
  b.put_strz(IFLA_IFNAME, peer);
  if (peer_fd >= 0) b.put_u32(IFLA_NET_NS_FD, static_cast<std::uint32_t>(peer_fd));
  b.nest_end(p);
  b.nest_end(data);
  b.nest_end(li);
  return b.finish();
}

// The attributes of one link message: (type, payload) in order.
struct attr {
  std::uint16_t type;
  bytes payload;
};
std::vector<attr> attrs_of(const std::uint8_t* m) {
  const auto* h = reinterpret_cast<const nlmsghdr*>(m);
  std::vector<attr> out;
  std::size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(ifinfomsg));
  while (off + 4 <= h->nlmsg_len) {
    std::uint16_t len, type;
    std::memcpy(&len, m + off, 2);
    std::memcpy(&type, m + off + 2, 2);
    if (len < 4) break;
    out.push_back({static_cast<std::uint16_t>(type & NLA_TYPE_MASK), bytes(m + off + 4, m + off + len)});
    off += NLA_ALIGN(len);
  }
  return out;
}
const attr* find(const std::vector<attr>& v, std::uint16_t type) {
  for (const attr& a : v)
    if (a.type == type) return &a;
  return nullptr;
}
std::int32_t s32(const attr* a) {
  std::int32_t v = 0;
  if (a && a->payload.size() >= 4) std::memcpy(&v, a->payload.data(), 4);
  return v;
}

struct LinkProtocol : ::testing::Test {
  machine m;
  task& t = m.init_task();

  int sock(bool strict = false) {
    int fd = *sys_socket(t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    EXPECT_TRUE(sys_bind_netlink(t, fd, 0, 0));  // a listener hears only once bound
    EXPECT_TRUE(sys_setsockopt_int(t, fd, SOL_NL, NETLINK_EXT_ACK, 1));
    if (strict) {
      EXPECT_TRUE(sys_setsockopt_int(t, fd, SOL_NL, NETLINK_GET_STRICT_CHK, 1));
    }
    return fd;
  }
  // Sends and reads every datagram queued.
  std::vector<bytes> ask(int fd, const bytes& req) {
    EXPECT_TRUE(sys_send(t, fd, req));
    return drain(fd);
  }
  std::vector<bytes> drain(int fd) {
    std::vector<bytes> out;
    for (;;) {
      auto r = sys_recv(t, fd, 65536, MSG_DONTWAIT);
      if (!r || r->data.empty()) break;
      out.push_back(r->data);
    }
    return out;
  }
  static int error_of(const bytes& d) {
    const auto* h = reinterpret_cast<const nlmsghdr*>(d.data());
    if (h->nlmsg_type != NLMSG_ERROR) return 1;
    return reinterpret_cast<const nlmsgerr*>(NLMSG_DATA(h))->error;
  }
  bytes getlink(int index, const char* name = nullptr, unsigned flags = 0) {
    netlink::nl_builder b;
    b.put_header(RTM_GETLINK, NLM_F_REQUEST, 1, 0);
    put_ifinfomsg(b, index, flags);
    if (name) b.put_strz(IFLA_IFNAME, name);
    return b.finish();
  }
};

TEST_F(LinkProtocol, LoInTheKernelsAttributeOrder) {
  const int fd = sock();
  auto r = ask(fd, getlink(1));
  ASSERT_EQ(r.size(), 1u);
  const auto* h = reinterpret_cast<const nlmsghdr*>(r[0].data());
  EXPECT_EQ(h->nlmsg_type, RTM_NEWLINK);
  std::vector<int> types;
  for (const attr& a : attrs_of(r[0].data())) types.push_back(a.type);
  // 6.18's rtnl_fill_ifinfo for lo, less IFLA_AF_SPEC (26) between QDISC and MAP.
  EXPECT_EQ(types, (std::vector<int>{3, 13, 16, 17, 67, 4, 50, 51, 27, 30, 61, 31, 40, 41, 58, 63,
                                     64, 59, 60, 66, 32, 33, 35, 47, 48, 68, 69, 39, 1, 2, 23, 7,
                                     43, 6, 14, 62, 65}));
  auto v = attrs_of(r[0].data());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(find(v, IFLA_IFNAME)->payload.data())), "lo");
  EXPECT_EQ(find(v, IFLA_OPERSTATE)->payload, bytes{2});  // IF_OPER_DOWN while down
  EXPECT_EQ(find(v, 67)->payload, bytes{1});               // IFLA_NETNS_IMMUTABLE
  EXPECT_EQ(find(v, IFLA_LINK), nullptr) << "lo is its own link";
}

TEST_F(LinkProtocol, GetlinkErrors) {
  const int fd = sock();
  auto r = ask(fd, getlink(0));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(error_of(r[0]), -EINVAL) << "neither index nor name";
  EXPECT_EQ(error_of(ask(fd, getlink(99))[0]), -ENODEV);
  EXPECT_EQ(error_of(ask(fd, getlink(0, "nope"))[0]), -ENODEV);
  const int strict = sock(true);
  EXPECT_EQ(error_of(ask(strict, getlink(1, nullptr, IFF_UP))[0]), -EINVAL)
      << "strict: flags in the header";
  netlink::nl_builder b;
  b.put_header(RTM_GETLINK, NLM_F_REQUEST, 1, 0);
  put_ifinfomsg(b, 1);
  b.put_u32(IFLA_MTU, 1500);
  EXPECT_EQ(error_of(ask(strict, b.finish())[0]), -EINVAL) << "strict: an attribute it does not take";
  EXPECT_EQ(error_of(ask(fd, [] {
              netlink::nl_builder b;
              b.put_header(RTM_GETLINK, NLM_F_REQUEST, 1, 0);
              put_ifinfomsg(b, 1);
              b.put_u32(IFLA_NET_NS_PID, 1);
              return b.finish();
            }())[0]),
            -EOPNOTSUPP)
      << "specified netns attribute not supported";
}

TEST_F(LinkProtocol, StrictDumpRefusesAnIndex) {
  const int strict = sock(true);
  netlink::nl_builder b;
  b.put_header(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0);
  put_ifinfomsg(b, 1);
  auto r = ask(strict, b.finish());
  ASSERT_FALSE(r.empty());
  // The check runs in the dump: its NLMSG_DONE carries the error (probed).
  const auto* h = reinterpret_cast<const nlmsghdr*>(r[0].data());
  EXPECT_EQ(h->nlmsg_type, NLMSG_DONE);
  EXPECT_EQ(h->nlmsg_flags, NLM_F_MULTI | NLM_F_ACK_TLVS);
  EXPECT_EQ(*reinterpret_cast<const int*>(NLMSG_DATA(h)), -EINVAL);
  EXPECT_EQ(netlink::ext_ack_message(reinterpret_cast<const nlmsghdr*>(r[0].data())),
            "Filter by device index not supported for link dumps");
}

// A device may have the largest index: a dump shows it once and ends,
// filtered or not (the fuzzer found the walk past it overflowing).
TEST_F(LinkProtocol, DumpEndsAfterTheLargestIndex) {
  const int fd = sock();
  netlink::nl_builder b;
  b.put_header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, 1, 0);
  put_ifinfomsg(b, INT32_MAX);
  b.put_strz(IFLA_IFNAME, "v0");
  const std::size_t li = b.nest_start(IFLA_LINKINFO);
  b.put_strz(IFLA_INFO_KIND, "veth");
  b.nest_end(li);
  ASSERT_EQ(error_of(ask(fd, b.finish())[0]), 0);
  for (bool master : {false, true}) {
    netlink::nl_builder d;
    d.put_header(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 2, 0);
    put_ifinfomsg(d);
    if (master) d.put_u32(IFLA_MASTER, 5);
    const std::size_t k = d.nest_start(IFLA_LINKINFO);
    d.put_strz(IFLA_INFO_KIND, "veth");
    d.nest_end(k);
    int links = 0, done = 0;
    for (const bytes& part : ask(fd, d.finish())) {
      std::size_t off = 0;
      while (off + NLMSG_HDRLEN <= part.size()) {
        const auto* h = reinterpret_cast<const nlmsghdr*>(part.data() + off);
        if (h->nlmsg_type == RTM_NEWLINK) ++links;
        if (h->nlmsg_type == NLMSG_DONE) ++done;
        off += NLMSG_ALIGN(h->nlmsg_len);
      }
    }
    EXPECT_EQ(links, master ? 0 : 2) << "veth0 and v0 (at INT32_MAX), once each";
    EXPECT_EQ(done, 1);
  }
}

TEST_F(LinkProtocol, UnknownKindAndMissingDevice) {
  const int fd = sock();
  netlink::nl_builder b;
  b.put_header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE, 1, 0);
  put_ifinfomsg(b);
  b.put_strz(IFLA_IFNAME, "d0");
  const std::size_t li = b.nest_start(IFLA_LINKINFO);
  b.put_strz(IFLA_INFO_KIND, "dummy");
  b.nest_end(li);
  auto r = ask(fd, b.finish());
  EXPECT_EQ(error_of(r[0]), -EOPNOTSUPP);
  EXPECT_EQ(netlink::ext_ack_message(reinterpret_cast<const nlmsghdr*>(r[0].data())),
            "Unknown device type");
  netlink::nl_builder c;  // no NLM_F_CREATE, a name that is not there
  c.put_header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 1, 0);
  put_ifinfomsg(c);
  c.put_strz(IFLA_IFNAME, "nope");
  EXPECT_EQ(error_of(ask(fd, c.finish())[0]), -ENODEV);
}

TEST_F(LinkProtocol, NotificationsAndTheAutomaticNsid) {
  // t in a new net `a` makes v0 there with v1 in `b`; a listener in b.
  const int home = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
  ASSERT_TRUE(sys_unshare(t, CLONE_NEWNET));
  const int b_fd = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
  const int listen_b = sock();
  ASSERT_TRUE(sys_setsockopt_int(t, listen_b, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_LINK));
  ASSERT_TRUE(sys_unshare(t, CLONE_NEWNET));
  const int a_fd = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
  const int fd = sock();
  const int listen_a = sock();
  ASSERT_TRUE(sys_setsockopt_int(t, listen_a, SOL_NL, NETLINK_ADD_MEMBERSHIP, RTNLGRP_LINK));
  auto r = ask(fd, newveth("v0", "v1", b_fd));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(error_of(r[0]), 0);
  net& a = *t.net_ns();
  net& b = *peek_net_ns_by_fd(t, b_fd).value();
  EXPECT_EQ(peernet2id(a, b), 0) << "a's RTM_NEWLINK for v0 gave b an id in a";
  EXPECT_EQ(peernet2id(b, a), NSID_NOT_ASSIGNED) << "v1 was announced before the pair was tied";
  // b heard v1 once, with IFLA_LINK 0 and no IFLA_LINK_NETNSID.
  auto nb = drain(listen_b);
  ASSERT_EQ(nb.size(), 1u);
  auto v1 = attrs_of(nb[0].data());
  ASSERT_NE(find(v1, IFLA_LINK), nullptr);
  EXPECT_EQ(s32(find(v1, IFLA_LINK)), 0);
  EXPECT_EQ(find(v1, IFLA_LINK_NETNSID), nullptr);
  // a heard v0, tied: its link in b by b's id in a.
  auto na = drain(listen_a);
  ASSERT_EQ(na.size(), 1u);
  auto v0 = attrs_of(na[0].data());
  EXPECT_EQ(s32(find(v0, IFLA_LINK_NETNSID)), 0);
  EXPECT_EQ(s32(find(v0, IFLA_LINK)), 2);

  // Move v0 home (the init net): a hears RTM_DELLINK naming home's new id
  // in a and the index v0 has there.
  netlink::nl_builder mv;
  mv.put_header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, 2, 0);
  put_ifinfomsg(mv, 2);
  mv.put_u32(IFLA_NET_NS_FD, static_cast<std::uint32_t>(home));
  EXPECT_EQ(error_of(ask(fd, mv.finish())[0]), 0);
  auto moved = drain(listen_a);
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(reinterpret_cast<const nlmsghdr*>(moved[0].data())->nlmsg_type, RTM_DELLINK);
  auto d = attrs_of(moved[0].data());
  EXPECT_EQ(s32(find(d, IFLA_NEW_NETNSID)), 1);
  EXPECT_EQ(s32(find(d, IFLA_NEW_IFINDEX)), 2);
  (void)a_fd;
}

}  // namespace
}  // namespace netns
