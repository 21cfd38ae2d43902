// SPDX-License-Identifier: GPL-2.0-only
// Devices across namespaces, through the device layer directly: `%d` names,
// veth pairs (peer registered first, ifindex per namespace, an index used
// up by a failed creation), flags/carrier/operstate as the reference kernel
// settles them, mtu bounds, moving devices (lo refuses; name clash; index
// kept or renumbered; RTM_DELLINK/RTM_NEWLINK), deletion taking the peer,
// and what a namespace's death does to its devices and their peers.
#include <gtest/gtest.h>
#include <linux/rtnetlink.h>

#include <string>
#include <vector>

#include "netns/core/dev.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/nsid.hpp"
#include "netns/subsys/builtin.hpp"
#include "netns/subsys/veth.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

// The link events of one test (the kernel's notifier is a plain function).
std::vector<std::string>* g_events = nullptr;
void record(const link_event& e) {
  if (!g_events) return;
  g_events->push_back(std::string(e.cmd == RTM_NEWLINK ? "NEW " : "DEL ") + e.dev.name + " " +
                      std::to_string(e.dev.ifindex) +
                      (e.new_nsid ? " nsid " + std::to_string(*e.new_nsid) : "") +
                      (e.new_ifindex ? " to " + std::to_string(e.new_ifindex) : ""));
}

struct events {
  std::vector<std::string> list;
  explicit events(kernel& k) {
    g_events = &list;
    k.set_link_notifier(&record);
  }
  ~events() { g_events = nullptr; }
};

net_device* pair(net& a, const char* name, net& b, const char* peer) {
  link_params d{.name = name}, p{.name = peer};
  auto r = veth_newlink(a, d, b, p, {});
  EXPECT_TRUE(r) << name;
  return r ? *r : nullptr;
}

std::vector<std::string> names(net& n) {
  std::vector<std::string> v;
  for (const auto& d : n.devices.devices()) v.push_back(d->name + ":" + std::to_string(d->ifindex));
  return v;
}

using V = std::vector<std::string>;

TEST(Veth, PeerIsRegisteredFirstAndTakesTheLowerIndex) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*n, "v0", *n, "v1");
  ASSERT_TRUE(v0);
  EXPECT_EQ(names(*n), (V{"lo:1", "v1:2", "v0:3"}));
  EXPECT_EQ(v0->peer->name, "v1");
  EXPECT_EQ(v0->peer->peer, v0);
  EXPECT_EQ(dev_get_iflink(*v0), 2);
  EXPECT_EQ(dev_get_iflink(*v0->peer), 3);
  EXPECT_EQ(&dev_link_net(*v0), n.get());
  EXPECT_EQ(dev_get_flags(*v0), unsigned{IFF_BROADCAST | IFF_MULTICAST});
  EXPECT_EQ(v0->mtu, 1500u);
  EXPECT_EQ(v0->min_mtu, 68u);
  EXPECT_EQ(v0->max_mtu, 65535u);
  EXPECT_EQ(v0->carrier_down_count, 1u) << "netif_carrier_off after registration counts";
  EXPECT_FALSE(v0->carrier);
  // A random, unicast, locally administered address.
  EXPECT_EQ(v0->dev_addr[0] & 3, 2);
  EXPECT_EQ(v0->broadcast, (std::array<std::uint8_t, 6>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
}

TEST(Veth, PercentDNamesTakeTheLowestFreeNumber) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  ASSERT_TRUE(veth_newlink(*n, {}, *n, {}, {}));
  EXPECT_EQ(names(*n), (V{"lo:1", "veth0:2", "veth1:3"}));
  EXPECT_EQ(*dev_get_valid_name(*n, "veth%d"), "veth2");
  EXPECT_EQ(*dev_get_valid_name(*n, "x%dy"), "x0y");
  EXPECT_EQ(dev_get_valid_name(*n, "v%d%d").code(), errc{EINVAL});
  EXPECT_EQ(dev_get_valid_name(*n, "v%s").code(), errc{EINVAL});
  EXPECT_EQ(dev_get_valid_name(*n, "veth0").code(), errc{EEXIST});
  EXPECT_EQ(dev_get_valid_name(*n, "a b").code(), errc{EINVAL});
}

TEST(Veth, AFailedDeviceUsesUpThePeersIndex) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  ASSERT_TRUE(pair(*n, "v0", *n, "v1"));
  // The peer registers (index 4), then the device's name is taken.
  link_params d{.name = "v5"}, p{.name = "v5"};
  EXPECT_EQ(veth_newlink(*n, d, *n, p, {}).code(), errc{EEXIST});
  // A peer name in use fails before any index is reserved.
  link_params d2{.name = "v6"}, p2{.name = "v1"};
  EXPECT_EQ(veth_newlink(*n, d2, *n, p2, {}).code(), errc{EEXIST});
  ASSERT_TRUE(pair(*n, "v7", *n, "v8"));
  EXPECT_EQ(names(*n), (V{"lo:1", "v1:2", "v0:3", "v8:5", "v7:6"}));
}

TEST(Veth, MtuBoundsAndFlags) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*n, "v0", *n, "v1");
  auto low = dev_set_mtu(*v0, 60, {});
  EXPECT_EQ(low.code(), errc{EINVAL});
  EXPECT_STREQ(low.error().message, "mtu less than device minimum");
  auto high = dev_set_mtu(*v0, 70000, {});
  EXPECT_STREQ(high.error().message, "mtu greater than device maximum");
  EXPECT_TRUE(dev_set_mtu(*v0, 9000, {}));
  EXPECT_EQ(v0->mtu, 9000u);
  // lo has no maximum.
  EXPECT_TRUE(dev_set_mtu(*dev_get_by_name(*n, "lo"), 70000, {}));
  // One end up: no carrier, LOWERLAYERDOWN (its peer has none either).
  ASSERT_TRUE(dev_change_flags(*v0, dev_get_flags(*v0) | IFF_UP, {}));
  EXPECT_EQ(dev_get_flags(*v0) & (IFF_UP | IFF_RUNNING | NETNS_IFF_LOWER_UP), unsigned{IFF_UP});
  EXPECT_EQ(dev_operstate(*v0), IF_OPER_LOWERLAYERDOWN_);
  EXPECT_TRUE(v0->noqueue);
  EXPECT_FALSE(v0->peer->noqueue);
  // Both up: carrier on both, UP.
  ASSERT_TRUE(dev_change_flags(*v0->peer, dev_get_flags(*v0->peer) | IFF_UP, {}));
  EXPECT_EQ(dev_get_flags(*v0) & (IFF_RUNNING | NETNS_IFF_LOWER_UP),
            unsigned{IFF_RUNNING | NETNS_IFF_LOWER_UP});
  EXPECT_EQ(dev_operstate(*v0), IF_OPER_UP_);
  EXPECT_EQ(v0->carrier_up_count, 1u);
  // Down again: both lose carrier; noqueue stays.
  ASSERT_TRUE(dev_change_flags(*v0, dev_get_flags(*v0) & ~IFF_UP, {}));
  EXPECT_FALSE(v0->peer->carrier);
  EXPECT_TRUE(v0->noqueue);
  // lo never changes carrier: UNKNOWN when up.
  net_device* lo = dev_get_by_name(*n, "lo");
  ASSERT_TRUE(dev_change_flags(*lo, lo->flags | IFF_UP, {}));
  EXPECT_EQ(dev_operstate(*lo), IF_OPER_UNKNOWN_);
  EXPECT_EQ(dev_get_flags(*lo), unsigned{IFF_LOOPBACK | IFF_UP | IFF_RUNNING | NETNS_IFF_LOWER_UP});
  // promisc is counted and shown as asked.
  ASSERT_TRUE(dev_change_flags(*v0, dev_get_flags(*v0) | IFF_PROMISC, {}));
  EXPECT_EQ(v0->promiscuity, 1u);
  EXPECT_TRUE(dev_get_flags(*v0) & IFF_PROMISC);
}

TEST(Veth, PeerInAnotherNamespace) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  events ev(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*a, "v0", *b, "v1");
  ASSERT_TRUE(v0);
  EXPECT_EQ(names(*a), (V{"lo:1", "v0:2"}));
  EXPECT_EQ(names(*b), (V{"lo:1", "v1:2"}));
  EXPECT_EQ(&dev_link_net(*v0), b.get());
  EXPECT_EQ(dev_get_iflink(*v0), 2);
  // The peer is announced before the pair is tied.
  EXPECT_EQ(ev.list, (V{"NEW v1 2"}));
  // Its own index is the link's: default_operstate sees itself, DOWN.
  ASSERT_TRUE(dev_change_flags(*v0, dev_get_flags(*v0) | IFF_UP, {}));
  EXPECT_EQ(dev_operstate(*v0), IF_OPER_DOWN_);
}

TEST(Veth, MovingADevice) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*a, "v0", *a, "v1");
  net_device* lo = dev_get_by_name(*a, "lo");
  auto r = dev_change_net_namespace(*lo, *b, nullptr, 0, {});
  EXPECT_EQ(r.code(), errc{EINVAL});
  EXPECT_STREQ(r.error().message, "The interface netns is immutable");
  ASSERT_TRUE(pair(*b, "v0", *b, "v9"));
  auto clash = dev_change_net_namespace(*v0, *b, nullptr, 0, {});
  EXPECT_EQ(clash.code(), errc{EEXIST});
  EXPECT_STREQ(clash.error().message, "An interface with the same name exists in the target netns");
  {
    events ev(*k);
    // v1 (index 2) into b, where 2 is taken: the next free index there.
    ASSERT_TRUE(dev_change_net_namespace(*v0->peer, *b, nullptr, 0, {}));
    EXPECT_EQ(names(*a), (V{"lo:1", "v0:3"}));
    EXPECT_EQ(names(*b), (V{"lo:1", "v9:2", "v0:3", "v1:4"}));
    // RTM_DELLINK in a, naming b by its new id there and the new index.
    EXPECT_EQ(ev.list, (V{"DEL v1 2 nsid 0 to 4", "NEW v1 4"}));
    EXPECT_EQ(peernet2id(*a, *b), 0);
  }
  // A pattern renames on a clash.
  ASSERT_TRUE(dev_change_net_namespace(*v0, *b, "x%d", 0, {}));
  EXPECT_EQ(v0->name, "x0");
  EXPECT_EQ(v0->ifindex, 5) << "3 is taken in b";
  // Back to a: 5 is free there, so it is kept.
  ASSERT_TRUE(dev_change_net_namespace(*v0, *a, nullptr, 0, {}));
  EXPECT_EQ(v0->ifindex, 5);
}

TEST(Veth, DeletingEitherEndTakesBoth) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*a, "v0", *b, "v1");
  events ev(*k);
  std::vector<net_device*> kill;
  v0->peer->link_ops->dellink(*v0->peer, kill);
  unregister_netdevice_many(kill, {});
  EXPECT_EQ(names(*a), (V{"lo:1"}));
  EXPECT_EQ(names(*b), (V{"lo:1"}));
  EXPECT_EQ(ev.list, (V{"DEL v1 2", "DEL v0 2"}));
}

TEST(Veth, ANamespacesDeathTakesItsVethsPeers) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref c = test::new_net(*k);
  {
    net_ref b = test::new_net(*k);
    lock_guard rtnl(k->rtnl());
    ASSERT_TRUE(pair(*a, "v0", *b, "v1"));
    ASSERT_TRUE(pair(*b, "w0", *c, "w1"));
    ASSERT_TRUE(pair(*a, "x0", *a, "x1"));
  }
  k->settle();
  lock_guard rtnl(k->rtnl());
  EXPECT_EQ(names(*a), (V{"lo:1", "x1:3", "x0:4"}));
  EXPECT_EQ(names(*c), (V{"lo:1"}));
}

TEST(Veth, AnUpDeviceIsClosedBeforeItMoves) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*a, "v0", *a, "v1");
  ASSERT_TRUE(dev_change_flags(*v0, dev_get_flags(*v0) | IFF_UP, {}));
  ASSERT_TRUE(dev_change_flags(*v0->peer, dev_get_flags(*v0->peer) | IFF_UP, {}));
  ASSERT_TRUE(dev_change_net_namespace(*v0, *b, nullptr, 0, {}));
  EXPECT_EQ(v0->flags & IFF_UP, 0u);
  EXPECT_FALSE(v0->carrier);
  EXPECT_FALSE(v0->peer->carrier) << "veth_close takes the peer's carrier";
  EXPECT_EQ(v0->peer->flags & IFF_UP, unsigned{IFF_UP});
}

TEST(Veth, APeerAskedUpBeforeThePairIsTiedIsNotConnected) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  link_params d{.name = "w0"}, p{.name = "w1"};
  p.ifi_flags = p.ifi_change = IFF_UP;
  EXPECT_EQ(veth_newlink(*n, d, *n, p, {}).code(), errc{ENOTCONN});
  EXPECT_EQ(names(*n), (V{"lo:1"})) << "the peer went again";
  ASSERT_TRUE(pair(*n, "v0", *n, "v1"));
  EXPECT_EQ(names(*n), (V{"lo:1", "v1:3", "v0:4"})) << "its index stays used";
}

TEST(Veth, AddressAliasAndTheQdiscAMoveDrops) {
  auto k = boot();
  net_ref a = test::new_net(*k);
  net_ref b = test::new_net(*k);
  lock_guard rtnl(k->rtnl());
  net_device* v0 = pair(*a, "v0", *a, "v1");
  EXPECT_EQ(dev_set_mac_address(*v0, {1, 0, 0, 0, 0, 9}, {}).code(), errc{EADDRNOTAVAIL});
  EXPECT_EQ(dev_set_mac_address(*v0, {}, {}).code(), errc{EADDRNOTAVAIL});
  ASSERT_TRUE(dev_set_mac_address(*v0, {2, 0, 0, 0, 0, 9}, {}));
  EXPECT_EQ(v0->dev_addr, (std::array<std::uint8_t, 6>{2, 0, 0, 0, 0, 9}));
  net_device* lo = dev_get_by_name(*a, "lo");
  EXPECT_TRUE(dev_set_mac_address(*lo, {2, 0, 0, 0, 0, 7}, {})) << "lo has eth_mac_addr too";
  ASSERT_TRUE(dev_set_alias(*v0, "hello", {}));
  ASSERT_TRUE(v0->ifalias);
  EXPECT_EQ(*v0->ifalias, "hello");
  EXPECT_EQ(dev_set_alias(*v0, std::string(256, 'x'), {}).code(), errc{EINVAL});
  ASSERT_TRUE(dev_set_alias(*v0, "", {}));
  EXPECT_FALSE(v0->ifalias);
  ASSERT_TRUE(dev_change_flags(*v0, dev_get_flags(*v0) | IFF_UP, {}));
  EXPECT_TRUE(v0->noqueue);
  ASSERT_TRUE(dev_change_net_namespace(*v0, *b, nullptr, 0, {}));
  EXPECT_FALSE(v0->noqueue) << "dev_shutdown: noop until the next open";
}

}  // namespace
}  // namespace netns
