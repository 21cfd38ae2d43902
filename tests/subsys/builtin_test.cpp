// SPDX-License-Identifier: GPL-2.0-only
// The built-in pernet subsystems (boot()): every net, init or new, starts
// with the core sysctl defaults and one device, `lo` (ifindex 1, LOOPBACK
// and down, mtu 65536, as `ip link` shows on the reference kernel), and its
// devices go away at cleanup. Also register_netdevice's rules
// (dev_valid_name, EEXIST, EBUSY, cyclic ifindex, dev_base_seq).
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/core/net_device.hpp"
#include "netns/subsys/builtin.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::recorder;

std::unique_ptr<net_device> dev(std::string name, int ifindex = 0) {
  auto d = std::make_unique<net_device>();
  d->name = std::move(name);
  d->ifindex = ifindex;
  return d;
}

void expect_fresh_defaults(kernel& k, net& n) {
  EXPECT_EQ(n.core.sysctl_somaxconn, 4096);
  EXPECT_EQ(n.core.sysctl_somaxconn, DEFAULT_SOMAXCONN);
  EXPECT_EQ(n.core.sysctl_txrehash, TXREHASH_ENABLED);
  lock_guard rtnl(k.rtnl());
  ASSERT_EQ(n.devices.devices().size(), 1u);
  net_device* lo = dev_get_by_name(n, "lo");
  ASSERT_NE(lo, nullptr);
  EXPECT_EQ(dev_get_by_index(n, 1), lo);
  EXPECT_EQ(n.devices.devices().front(), lo);
  EXPECT_EQ(lo->ifindex, LOOPBACK_IFINDEX);
  EXPECT_EQ(lo->flags, static_cast<unsigned>(IFF_LOOPBACK)) << "lo starts down, LOOPBACK only";
  EXPECT_EQ(lo->flags & IFF_UP, 0u);
  EXPECT_EQ(lo->mtu, 65536u);
  EXPECT_EQ(lo->type, 772);  // ARPHRD_LOOPBACK
  EXPECT_EQ(lo->type, ARPHRD_LOOPBACK);
  EXPECT_EQ(lo->tx_queue_len, 1000u);
  EXPECT_EQ(lo->nd_net, &n);
  const net_device_stats zero{};
  EXPECT_EQ(std::memcmp(&lo->stats(), &zero, sizeof zero), 0);
  EXPECT_EQ(lo->dev_addr, (std::array<std::uint8_t, 6>{}));
}

TEST(Builtin, InitNetHasTheDefaults) {
  auto k = boot();
  expect_fresh_defaults(*k, k->init_net());
}

TEST(Builtin, EveryNewNetHasTheDefaults) {
  auto k = boot();
  std::vector<net_ref> nets;
  for (int i = 0; i < 3; ++i) {
    nets.push_back(test::new_net(*k));
    ASSERT_TRUE(nets.back());
    expect_fresh_defaults(*k, *nets.back());
  }
  // Each its own lo.
  lock_guard rtnl(k->rtnl());
  EXPECT_NE(dev_get_by_name(*nets[0], "lo"), dev_get_by_name(*nets[1], "lo"));
  EXPECT_NE(dev_get_by_name(*nets[0], "lo"), dev_get_by_name(k->init_net(), "lo"));
}

// register_builtin_subsystems on a bare kernel is what boot() does.
TEST(Builtin, RegisteringBuiltinsOnABareKernel) {
  kernel k;
  EXPECT_EQ(k.init_net().core.sysctl_somaxconn, 0);
  ASSERT_TRUE(register_builtin_subsystems(k));
  expect_fresh_defaults(k, k.init_net());
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  expect_fresh_defaults(k, *n);
  EXPECT_EQ(n->inum(), test::first_free_inum(k));
  // The same objects cannot be registered twice in one kernel.
  EXPECT_EQ(register_builtin_subsystems(k).code(), errc{EEXIST});
}

// Built-ins are immutable tables shared by kernels; each kernel is its own world.
TEST(Builtin, TwoKernelsSideBySide) {
  auto a = boot();
  auto b = boot();
  net_ref na = test::new_net(*a), nb = test::new_net(*b);
  ASSERT_TRUE(na && nb);
  EXPECT_EQ(na->inum(), nb->inum());
  expect_fresh_defaults(*a, *na);
  expect_fresh_defaults(*b, *nb);
  EXPECT_EQ(a->net_count(), 2u);
  na.reset();
  a->settle();
  EXPECT_EQ(a->net_count(), 1u);
  EXPECT_EQ(b->net_count(), 2u);
}

// Order against the built-ins: a later subsys runs after the inode and
// defaults subsystems but before any device (no lo yet); a later device
// after lo. At exit the reverse: devices are gone when a subsys exits.
TEST(Builtin, LaterOpsSeeTheBuiltinsInKernelOrder) {
  event_log log;
  recorder sub(log, "sub"), devop(log, "dev");
  auto k = boot();
  struct seen {
    std::uint32_t inum = 0;
    int somaxconn = 0;
    bool lo = false;
  };
  seen sub_init, dev_init, sub_exit, dev_exit;
  auto look = [&k](net& n, seen& s) {
    s.inum = n.inum();
    s.somaxconn = n.core.sysctl_somaxconn;
    lock_guard rtnl(k->rtnl());
    s.lo = dev_get_by_name(n, "lo") != nullptr;
  };
  sub.on_init = [&](net& n) -> result<void> {
    if (!n.is_init()) look(n, sub_init);
    return ok();
  };
  devop.on_init = [&](net& n) -> result<void> {
    if (!n.is_init()) look(n, dev_init);
    return ok();
  };
  sub.on_exit = [&](net& n) { look(n, sub_exit); };
  devop.on_exit = [&](net& n) { look(n, dev_exit); };
  auto unregister = scope_exit([&] {
    unregister_pernet_device(*k, devop.ops);
    unregister_pernet_subsys(*k, sub.ops);
  });
  ASSERT_TRUE(register_pernet_subsys(*k, sub.ops));
  ASSERT_TRUE(register_pernet_device(*k, devop.ops));

  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  EXPECT_EQ(sub_init.inum, test::first_free_inum(*k));
  EXPECT_EQ(sub_init.somaxconn, 4096);
  EXPECT_FALSE(sub_init.lo) << "a subsys ran after a device";
  EXPECT_TRUE(dev_init.lo) << "a later device ran before loopback";
  n.reset();
  k->settle();
  EXPECT_TRUE(dev_exit.lo) << "lo was unregistered before a later device's exit";
  EXPECT_FALSE(sub_exit.lo) << "devices were still there at a subsys exit";
  EXPECT_EQ(sub_exit.inum, test::first_free_inum(*k)) << "the inode number went before a later subsys";
}

// dev_valid_name: 1..15 bytes, not "." or "..", no '/', ':' or white space.
TEST(Builtin, BadDeviceNamesAreEINVAL) {
  auto k = boot();
  net& n = k->init_net();
  lock_guard rtnl(k->rtnl());
  const std::uint32_t seq = n.devices.dev_base_seq();
  for (const char* name :
       {"", "0123456789abcdef", ".", "..", "a/b", "a:b", "a b", "a\tb", "a\nb", "eth0:1", " "}) {
    SCOPED_TRACE(std::string("name \"") + name + "\"");
    EXPECT_FALSE(dev_valid_name(name));
    EXPECT_EQ(register_netdevice(n, dev(name)).code(), errc{EINVAL});
  }
  EXPECT_EQ(n.devices.dev_base_seq(), seq) << "a refused registration changed the list";
  EXPECT_EQ(n.devices.devices().size(), 1u);
  for (const char* name : {"a", "0123456789abcde", "...", ".a", "eth0.100", "a-b_c@d"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(dev_valid_name(name));
    EXPECT_TRUE(register_netdevice(n, dev(name)));
  }
}

// dev_valid_name uses the kernel's isspace(), whose table (lib/ctype.c)
// also marks 0xA0, the Latin-1 no-break space: the reference kernel answers
// `ip link add "$(printf 'n\240b')" type veth ...` with EINVAL, while 0x85
// is accepted.
TEST(Builtin, KernelWhitespaceIncludesNoBreakSpace) {
  auto k = boot();
  net& n = k->init_net();
  lock_guard rtnl(k->rtnl());
  const std::string nbsp = "\xa0", nel = "\x85";
  for (const std::string& name :
       {"n" + nbsp + "b", nbsp, std::string("n\vb"), std::string("n\fb"), std::string("n\rb")}) {
    SCOPED_TRACE(::testing::PrintToString(name));
    EXPECT_FALSE(dev_valid_name(name));
    EXPECT_EQ(register_netdevice(n, dev(name)).code(), errc{EINVAL});
  }
  EXPECT_TRUE(dev_valid_name("n" + nel + "b"));
  EXPECT_TRUE(register_netdevice(n, dev("n" + nel + "b")));
}

TEST(Builtin, DuplicateNameIsEEXISTAndTakenIndexIsEBUSY) {
  auto k = boot();
  net& n = k->init_net();
  net_ref other = test::new_net(*k);  // before taking RTNL: lo's init takes it
  ASSERT_TRUE(other);
  lock_guard rtnl(k->rtnl());
  EXPECT_EQ(register_netdevice(n, dev("lo")).code(), errc{EEXIST});
  EXPECT_EQ(register_netdevice(n, dev("eth0", LOOPBACK_IFINDEX)).code(), errc{EBUSY});
  auto r = register_netdevice(n, dev("eth0", 7));
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)->ifindex, 7);
  EXPECT_EQ(register_netdevice(n, dev("eth0")).code(), errc{EEXIST});
  EXPECT_EQ(register_netdevice(n, dev("eth1", 7)).code(), errc{EBUSY});
  // Names and indexes are per namespace.
  EXPECT_TRUE(register_netdevice(*other, dev("eth0", 7)));
}

// The kernel rejects an ifindex above INT_MAX as a u32, i.e. a negative
// one (dev_index_reserve: EINVAL); it is not "choose one for me".
TEST(Builtin, NegativeIfindexIsEINVAL) {
  auto k = boot();
  net& n = k->init_net();
  lock_guard rtnl(k->rtnl());
  EXPECT_EQ(register_netdevice(n, dev("neg", -1)).code(), errc{EINVAL});
  EXPECT_EQ(register_netdevice(n, dev("neg2", -2147483647 - 1)).code(), errc{EINVAL});
  EXPECT_EQ(dev_get_by_name(n, "neg"), nullptr);
}

// Indexes are handed out cyclically after lo (xa_alloc_cyclic on
// net->ifindex): 2, 3, ..., skipping taken ones, and not reused until the
// range wraps.
TEST(Builtin, AutomaticIfindexIsCyclic) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  lock_guard rtnl(k->rtnl());
  auto a = register_netdevice(*n, dev("a"));
  auto b = register_netdevice(*n, dev("b"));
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)->ifindex, 2);
  EXPECT_EQ((*b)->ifindex, 3);
  ASSERT_TRUE(register_netdevice(*n, dev("five", 5)));
  auto c = register_netdevice(*n, dev("c"));
  auto d = register_netdevice(*n, dev("d"));
  ASSERT_TRUE(c && d);
  EXPECT_EQ((*c)->ifindex, 4);
  EXPECT_EQ((*d)->ifindex, 6) << "a taken index was not skipped";
  unregister_netdevice(*n, *b);
  EXPECT_EQ(dev_get_by_index(*n, 3), nullptr);
  EXPECT_EQ(dev_get_by_name(*n, "b"), nullptr);
  auto e = register_netdevice(*n, dev("e"));
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)->ifindex, 7) << "a freed index was reused before the range wrapped";
  EXPECT_EQ(dev_get_by_index(*n, 7), *e);
  EXPECT_EQ(dev_get_by_name(*n, "e"), *e);
  EXPECT_EQ((*e)->nd_net, n.get());
  // A refused registration does not consume an index.
  EXPECT_FALSE(register_netdevice(*n, dev("e")));
  auto f = register_netdevice(*n, dev("f"));
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->ifindex, 8);
}

TEST(Builtin, DevBaseSeqChangesOnRegisterAndUnregister) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  lock_guard rtnl(k->rtnl());
  const std::uint32_t s0 = n->devices.dev_base_seq();
  EXPECT_GE(s0, 1u);
  auto a = register_netdevice(*n, dev("a"));
  ASSERT_TRUE(a);
  const std::uint32_t s1 = n->devices.dev_base_seq();
  EXPECT_GT(s1, s0);
  unregister_netdevice(*n, *a);
  EXPECT_GT(n->devices.dev_base_seq(), s1);
  EXPECT_EQ(n->devices.devices().size(), 1u);
}

TEST(Builtin, DeviceListKeepsRegistrationOrder) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  lock_guard rtnl(k->rtnl());
  ASSERT_TRUE(register_netdevice(*n, dev("z", 9)));
  ASSERT_TRUE(register_netdevice(*n, dev("a")));
  std::vector<std::string> names;
  for (const auto& d : n->devices.devices()) names.push_back(d->name);
  EXPECT_EQ(names, (std::vector<std::string>{"lo", "z", "a"}));
}

// At cleanup every device of the net is unregistered (the memory stays
// readable through a passive reference).
TEST(Builtin, DevicesAreUnregisteredAtCleanup) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  net_ref m = test::new_net(*k);
  ASSERT_TRUE(n && m);
  {
    lock_guard rtnl(k->rtnl());
    ASSERT_TRUE(register_netdevice(*n, dev("extra0")));
    ASSERT_TRUE(register_netdevice(*n, dev("extra1", 42)));
    ASSERT_TRUE(register_netdevice(*m, dev("veth0")));
  }
  net_passive_ref keep_n = n->get_passive(), keep_m = m->get_passive();
  n.reset();
  m.reset();
  k->settle();
  lock_guard rtnl(k->rtnl());
  EXPECT_TRUE(keep_n->devices.devices().empty());
  EXPECT_TRUE(keep_m->devices.devices().empty());
  EXPECT_EQ(dev_get_by_name(*keep_n, "lo"), nullptr);
  EXPECT_EQ(dev_get_by_index(*keep_n, 42), nullptr);
}

// A failure after loopback in setup_net undoes it: the device exit runs and
// the net's devices are gone before the subsystems' exits.
TEST(Builtin, SetupFailureAfterLoopbackUnregistersIt) {
  event_log log;
  recorder sub(log, "sub"), bad(log, "bad");
  auto k = boot();
  bool lo_at_sub_exit = true;
  sub.on_exit = [&](net& n) {
    if (n.is_init()) return;
    lock_guard rtnl(k->rtnl());
    lo_at_sub_exit = dev_get_by_name(n, "lo") != nullptr;
  };
  bad.on_init = [](net& n) -> result<void> {
    return n.is_init() ? ok() : result<void>(errc{ENOBUFS});
  };
  ASSERT_TRUE(register_pernet_subsys(*k, sub.ops));
  ASSERT_TRUE(register_pernet_device(*k, bad.ops));
  auto r = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
  EXPECT_EQ(r.code(), errc{ENOBUFS});
  EXPECT_FALSE(lo_at_sub_exit);
  EXPECT_EQ(k->inums().in_use(), test::init_proc_inums(*k));
  unregister_pernet_device(*k, bad.ops);
  unregister_pernet_subsys(*k, sub.ops);
}

// A short device list is searched by a scan, a long one through maps made
// when it grows: lookups by name and index, the next index from a given
// one, renames, duplicates and removal answer the same on both sides.
TEST(Builtin, DeviceLookupsAgreeOnEitherSideOfTheIndexThreshold) {
  auto k = boot();
  net_ref n = test::new_net(*k);
  ASSERT_TRUE(n);
  lock_guard rtnl(k->rtnl());
  std::vector<net_device*> devs{dev_get_by_name(*n, "lo")};
  for (int i = 0; i < 20; ++i) {
    SCOPED_TRACE(i);
    // Indexes 2, 4, 6, ... so that the next index from an odd one skips.
    auto r = register_netdevice(*n, dev("d" + std::to_string(i), 2 * (i + 1)));
    ASSERT_TRUE(r);
    devs.push_back(*r);
    for (net_device* d : devs) {
      EXPECT_EQ(dev_get_by_name(*n, d->name), d);
      EXPECT_EQ(dev_get_by_index(*n, d->ifindex), d);
    }
    EXPECT_EQ(dev_get_by_index_from(*n, 3), i >= 1 ? devs[2] : nullptr);
    EXPECT_EQ(dev_get_by_index(*n, 3), nullptr);
    EXPECT_EQ(dev_get_by_name(*n, "absent"), nullptr);
    EXPECT_EQ(register_netdevice(*n, dev("d0")).code(), errc{EEXIST});
    EXPECT_EQ(register_netdevice(*n, dev("x", 2)).code(), errc{EBUSY});
  }
  EXPECT_EQ(dev_get_by_index_from(*n, 41), nullptr);
  EXPECT_EQ(dev_get_by_index_from(*n, 39), devs.back());
  ASSERT_TRUE(dev_rename_in_list(*n, devs[3], "renamed"));
  EXPECT_EQ(dev_get_by_name(*n, "renamed"), devs[3]);
  EXPECT_EQ(dev_get_by_name(*n, "d2"), nullptr);
  EXPECT_EQ(dev_rename_in_list(*n, devs[4], "renamed").code(), errc{EEXIST});
  // Removal, back down below the threshold.
  for (int i = 20; i >= 3; --i) unregister_netdevice(*n, devs[static_cast<std::size_t>(i)]);
  devs.resize(3);
  EXPECT_EQ(n->devices.devices().size(), 3u);
  for (net_device* d : devs) EXPECT_EQ(dev_get_by_name(*n, d->name), d);
  EXPECT_EQ(dev_get_by_name(*n, "renamed"), nullptr);
  EXPECT_EQ(dev_get_by_index(*n, 6), nullptr);
  EXPECT_EQ(dev_get_by_index_from(*n, 3), devs[2]);
  EXPECT_EQ(dev_get_by_index_from(*n, 5), nullptr);
  EXPECT_EQ(dev_get_by_index_from(*n, 0), devs[0]);
}

}  // namespace
}  // namespace netns
