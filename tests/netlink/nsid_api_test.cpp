// SPDX-License-Identifier: GPL-2.0-only
// The typed NSID calls (netlink/nsid_api.hpp): the same results and errors
// as the protocol, extack text included, dumps of any size, targets, and
// the notifications they cause.
#include "netns/netlink/nsid_api.hpp"

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>

#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <vector>

#include "netns/netlink/socket.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

namespace netns {
namespace {

class NsidApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
  }
  // A new namespace held by an fd of t (t stays home).
  int make_peer() {
    EXPECT_TRUE(sys_unshare(t, CLONE_NEWNET));
    int fd = *sys_open(t, "/proc/self/ns/net", O_RDONLY);
    EXPECT_TRUE(sys_setns(t, home, CLONE_NEWNET));
    return fd;
  }

  machine m;
  task& t = m.init_task();
  int home = -1;
};

TEST_F(NsidApiTest, NewnsidThenGetnsidByFdPidAndNsid) {
  int b = make_peer();
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(b), 5));
  auto r = rtnl_getnsid(t, peer_fd(b));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsid, 5);
  EXPECT_FALSE(r->current_nsid.has_value());
  r = rtnl_getnsid(t, peer_nsid(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsid, 5);
  // A task living in b, named by pid.
  auto child = *m.spawn(t);
  ASSERT_TRUE(sys_setns(*child, b, CLONE_NEWNET));
  r = rtnl_getnsid(t, peer_pid(child->pid()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsid, 5);
  ASSERT_TRUE(m.exit(*child));
}

TEST_F(NsidApiTest, GetnsidOfAPeerWithoutAnIdIsMinusOneAndAllocatesNothing) {
  int c = make_peer();
  auto r = rtnl_getnsid(t, peer_fd(c));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsid, -1);
  auto d = rtnl_dumpnsid(t);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->empty());
}

TEST_F(NsidApiTest, ErrorsCarryTheErrnoAndTheExtackText) {
  int b = make_peer(), d = make_peer();
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(b), 5));
  auto again = rtnl_newnsid(t, peer_fd(b), 6);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.code(), errc{EEXIST});
  EXPECT_EQ(again.error().text(), "Peer netns already has a nsid assigned");
  auto used = rtnl_newnsid(t, peer_fd(d), 5);
  ASSERT_FALSE(used);
  EXPECT_EQ(used.code(), errc{EEXIST});
  EXPECT_EQ(used.error().text(), "The specified nsid is already used");
  auto badfd = rtnl_newnsid(t, peer_fd(9999), 7);
  ASSERT_FALSE(badfd);
  EXPECT_EQ(badfd.code(), errc{EBADF});
  EXPECT_EQ(badfd.error().text(), "Peer netns reference is invalid");
  auto nopid = rtnl_getnsid(t, peer_pid(4000000));
  ASSERT_FALSE(nopid);
  EXPECT_EQ(nopid.code(), errc{ESRCH});
  auto unknown = rtnl_getnsid(t, peer_nsid(42));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.code(), errc{ENOENT});
  EXPECT_EQ(unknown.error().text(), "Peer netns reference is invalid");
  auto target = rtnl_getnsid(t, peer_fd(b), 99);
  ASSERT_FALSE(target);
  EXPECT_EQ(target.code(), errc{EINVAL});
  EXPECT_EQ(target.error().text(), "Target netns reference is invalid");
  auto dump = rtnl_dumpnsid(t, 99);
  ASSERT_FALSE(dump);
  EXPECT_EQ(dump.code(), errc{EINVAL});
  EXPECT_EQ(dump.error().text(), "Invalid target network namespace id");
}

TEST_F(NsidApiTest, AutoIdsAreTheLowestFreeAndDumpsAscend) {
  std::vector<int> peers;
  for (int i = 0; i < 4; ++i) peers.push_back(make_peer());
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(peers[0]), 2));
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(peers[1]), -1));  // 0
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(peers[2]), -1));  // 1
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(peers[3]), -1));  // 3
  auto d = rtnl_dumpnsid(t);
  ASSERT_TRUE(d);
  std::vector<int> ids;
  for (const auto& e : *d) ids.push_back(e.nsid);
  EXPECT_EQ(ids, (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(rtnl_getnsid(t, peer_fd(peers[3]))->nsid, 3);
}

// With a target: the peer's id in the target, and its id here.
TEST_F(NsidApiTest, TargetsGiveBothIdsInGetAndDump) {
  int b = make_peer(), c = make_peer();
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(b), 5));
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(c), 7));
  // In c, b gets 100 and home gets 200.
  auto in_c = *m.spawn(t);
  ASSERT_TRUE(sys_setns(*in_c, c, CLONE_NEWNET));
  ASSERT_TRUE(rtnl_newnsid(*in_c, peer_fd(b), 100));
  ASSERT_TRUE(rtnl_newnsid(*in_c, peer_fd(home), 200));
  auto r = rtnl_getnsid(t, peer_fd(b), 7);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->nsid, 100);
  EXPECT_EQ(r->current_nsid, 5);
  auto d = rtnl_dumpnsid(t, 7);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[0].nsid, 100);
  EXPECT_EQ((*d)[0].current_nsid, 5);
  EXPECT_EQ((*d)[1].nsid, 200);
  EXPECT_EQ((*d)[1].current_nsid, -1);  // home has no id for itself
  ASSERT_TRUE(m.exit(*in_c));
}

// A dump bigger than one part (32 KiB) comes back whole, and ids go with
// their peers.
TEST_F(NsidApiTest, ALargeDumpComesBackWhole) {
  constexpr int n = 1500;  // 42 KB of replies: two parts
  std::vector<std::shared_ptr<task>> peers;  // each holds its namespace
  for (int i = 0; i < n; ++i) {
    peers.push_back(*m.spawn(t));
    ASSERT_TRUE(sys_unshare(*peers.back(), CLONE_NEWNET));
    ASSERT_TRUE(rtnl_newnsid(t, peer_pid(peers.back()->pid()), n - i));
  }
  auto d = rtnl_dumpnsid(t);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->size(), std::size_t(n));
  for (int i = 0; i < n; ++i) EXPECT_EQ((*d)[i].nsid, i + 1) << i;
  for (auto& p : peers) ASSERT_TRUE(m.exit(*p));
  m.k().settle();
  auto gone = rtnl_dumpnsid(t);
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->empty());
}

// The typed calls' requests come from no port: their notifications say 0.
TEST_F(NsidApiTest, NotificationsOfTypedCallsCarryPortZero) {
  int mon = *sys_socket(t, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  ASSERT_TRUE(sys_bind_netlink(t, mon, 0, 0));
  ASSERT_TRUE(sys_setsockopt_int(t, mon, NETNS_SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, RTNLGRP_NSID));
  int b = make_peer();
  ASSERT_TRUE(rtnl_newnsid(t, peer_fd(b), 9));
  auto r = sys_recv(t, mon, 8192, 0);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->data.size(), 28u);
  const auto* h = reinterpret_cast<const nlmsghdr*>(r->data.data());
  EXPECT_EQ(h->nlmsg_type, RTM_NEWNSID);
  EXPECT_EQ(h->nlmsg_pid, 0u);
  EXPECT_EQ(h->nlmsg_seq, 0u);
}

// Bad input never escapes as anything but an error.
TEST_F(NsidApiTest, NotANamespaceFileIsEinval) {
  int dir = *sys_open(t, "/run", O_RDONLY);
  auto r = rtnl_newnsid(t, peer_fd(dir), 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EINVAL});
  auto g = rtnl_getnsid(t, peer_fd(-1));
  ASSERT_FALSE(g);
  EXPECT_EQ(g.code(), errc{EBADF});
}

}  // namespace
}  // namespace netns
