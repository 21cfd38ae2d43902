// SPDX-License-Identifier: GPL-2.0-only
// Peer namespace ids at the core (nsid.hpp), with bare kernels: the IDR's
// allocation rules (lowest free id, a requested id or ENOSPC, EEXIST for a
// peer that has one), lookups that never allocate, refusals for dying
// nets, the unhash when a peer dies (one RTM_DELNSID per holder, none
// between nets of the same batch), counts and holder sets, a concurrent
// run, and 100000 ids in one namespace and for one namespace.
#include <gtest/gtest.h>
#include <linux/rtnetlink.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <vector>

#include "netns/core/kernel.hpp"
#include "netns/core/nsid.hpp"
#include "support/test_util.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define NSID_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define NSID_TEST_SANITIZED 1
#endif
#endif

namespace netns {
namespace {

#ifdef NSID_TEST_SANITIZED
constexpr int kScale = 10000;
constexpr int kConcurrentPeers = 2000;
#else
constexpr int kScale = 100000;
constexpr int kConcurrentPeers = 20000;
#endif

// ---- a counting notifier (kernel::set_nsid_notifier takes a plain function) ----

struct seen_event {
  std::uint64_t owner;  // ns_id of the net whose table changed
  int cmd;
  int id;
  std::uint32_t portid;
  bool with_request;
  friend bool operator<(const seen_event& a, const seen_event& b) {
    return std::tie(a.owner, a.cmd, a.id) < std::tie(b.owner, b.cmd, b.id);
  }
  friend bool operator==(const seen_event& a, const seen_event& b) {
    return std::tie(a.owner, a.cmd, a.id, a.portid, a.with_request) ==
           std::tie(b.owner, b.cmd, b.id, b.portid, b.with_request);
  }
};

std::ostream& operator<<(std::ostream& os, const seen_event& e) {
  return os << (e.cmd == RTM_NEWNSID ? "NEW" : e.cmd == RTM_DELNSID ? "DEL" : "?") << "(net "
            << e.owner << ", id " << e.id << ", port " << e.portid << (e.with_request ? ", req" : "")
            << ")";
}

std::atomic<long> g_new{0};
std::atomic<long> g_del{0};
std::atomic<bool> g_keep_list{true};
std::mutex g_mu;
std::vector<seen_event> g_events;

void count_event(const nsid_event& e) {
  (e.cmd == RTM_NEWNSID ? g_new : g_del).fetch_add(1, std::memory_order_relaxed);
  if (!g_keep_list.load(std::memory_order_relaxed)) return;
  std::lock_guard l(g_mu);
  g_events.push_back({e.owner.ns_id(), e.cmd, e.id, e.portid, e.request != nullptr});
}

void reset_events(bool keep_list = true) {
  g_new = 0;
  g_del = 0;
  g_keep_list = keep_list;
  std::lock_guard l(g_mu);
  g_events.clear();
}

// The events so far, sorted (the worker's order across holders is free).
std::vector<seen_event> events() {
  std::lock_guard l(g_mu);
  std::vector<seen_event> v = g_events;
  std::sort(v.begin(), v.end());
  return v;
}

seen_event new_ev(const net& owner, int id) { return {owner.ns_id(), RTM_NEWNSID, id, 0, false}; }
seen_event del_ev(const net& owner, int id) { return {owner.ns_id(), RTM_DELNSID, id, 0, false}; }

class NsidTest : public ::testing::Test {
 protected:
  void SetUp() override {
    reset_events();
    k.set_nsid_notifier(&count_event);
  }
  void TearDown() override { k.set_nsid_notifier(nullptr); }

  // nsid_assign with no request behind it.
  result<int> assign(net& owner, net& peer, int reqid) {
    return nsid_assign(owner, peer, reqid, 0, nullptr);
  }

  kernel k;
};

// ============================================================================
// Allocation
// ============================================================================

// s6c_autogap: with {1, 2, 4} taken, auto gives 0, 3, 5; after the peer
// holding 2 died, auto gives 2.
TEST_F(NsidTest, AutoAllocationIsTheLowestFreeId) {
  net_ref x = test::new_net(k);
  std::vector<net_ref> p;
  for (int i = 0; i < 7; ++i) p.push_back(test::new_net(k));
  EXPECT_EQ(*assign(*x, *p[0], 1), 1);
  EXPECT_EQ(*assign(*x, *p[1], 2), 2);
  EXPECT_EQ(*assign(*x, *p[2], 4), 4);
  EXPECT_EQ(*assign(*x, *p[3], -1), 0);
  EXPECT_EQ(peernet2id_alloc(*x, *p[4]), 3);  // the same rule for both paths
  EXPECT_EQ(*assign(*x, *p[5], -1), 5);
  p[1].reset();
  k.settle();
  EXPECT_EQ(peernet2id(*x, *p[0]), 1);
  EXPECT_EQ(nsid_count(*x), 5u);
  EXPECT_EQ(*assign(*x, *p[6], -1), 2);
  net_ref q = test::new_net(k);
  EXPECT_EQ(peernet2id_alloc(*x, *q), 6);
}

TEST_F(NsidTest, ARequestedIdInUseIsEnospcAndAPeerWithAnIdIsEexist) {
  net_ref x = test::new_net(k), a = test::new_net(k), b = test::new_net(k);
  EXPECT_EQ(*assign(*x, *a, 5), 5);
  auto r = assign(*x, *b, 5);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOSPC});
  r = assign(*x, *a, 6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EEXIST});
  r = assign(*x, *a, 5);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EEXIST});
  r = assign(*x, *a, -1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{EEXIST});
  EXPECT_EQ(peernet2id(*x, *a), 5);
  EXPECT_EQ(peernet2id(*x, *b), NSID_NOT_ASSIGNED);
  EXPECT_EQ(nsid_count(*x), 1u);
  EXPECT_EQ(nsid_holder_count(*b), 0u);
  EXPECT_EQ(events(), (std::vector<seen_event>{new_ev(*x, 5)}));
}

TEST_F(NsidTest, IntMaxCanBeRequestedAndNegativeIdsAreAuto) {
  net_ref x = test::new_net(k), a = test::new_net(k), b = test::new_net(k), c = test::new_net(k),
          d = test::new_net(k);
  EXPECT_EQ(*assign(*x, *a, INT_MAX), INT_MAX);
  auto r = assign(*x, *b, INT_MAX);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.code(), errc{ENOSPC});
  EXPECT_EQ(*assign(*x, *b, -2), 0);
  EXPECT_EQ(*assign(*x, *c, INT_MIN), 1);
  EXPECT_EQ(*assign(*x, *d, 1000000), 1000000);
  net_ref e = test::new_net(k);
  EXPECT_EQ(*assign(*x, *e, -1), 2);
  rcu::read_guard g;
  std::vector<int> ids;
  for (const nsid_entry& en : nsid_list(*x)) ids.push_back(en.id);
  EXPECT_EQ(ids, (std::vector<int>{0, 1, 2, 1000000, INT_MAX}));
}

// A dump resumes where its last part ended: after the last id sent while
// the table is unchanged, at the same index (the kernel's s_idx) after a
// change, so both give what nsid_list(n, index) gives.
TEST_F(NsidTest, AResumedListIsTheIndexedOneWhetherOrNotTheTableChanged) {
  net_ref x = test::new_net(k);
  std::vector<net_ref> peers;
  for (int i = 0; i < 8; ++i) {
    peers.push_back(test::new_net(k));
    ASSERT_EQ(*assign(*x, *peers.back(), i * 10), i * 10);
  }
  auto ids_of = [](const std::vector<nsid_entry>& v) {
    std::vector<int> out;
    for (const nsid_entry& e : v) out.push_back(e.id);
    return out;
  };
  nsid_cursor at;
  {
    rcu::read_guard g;
    EXPECT_EQ(ids_of(nsid_list_resume(*x, at, 3)), (std::vector<int>{0, 10, 20}));
  }
  at.index = 3;
  at.last_id = 20;
  {
    rcu::read_guard g;
    EXPECT_EQ(ids_of(nsid_list_resume(*x, at, 3)), (std::vector<int>{30, 40, 50}));
  }
  at.index = 6;
  at.last_id = 50;
  peers[1].reset();  // id 10 goes with its peer: the table changed
  k.settle();
  rcu::read_guard g;
  EXPECT_EQ(ids_of(nsid_list_resume(*x, at, 3)), ids_of(nsid_list(*x, 6, 3)));
  EXPECT_EQ(ids_of(nsid_list(*x, 6, 3)), (std::vector<int>{70}));
}

TEST_F(NsidTest, ANetCanHoldAnIdForItself) {
  net_ref x = test::new_net(k);
  EXPECT_EQ(peernet2id_alloc(*x, *x), 0);
  EXPECT_EQ(peernet2id(*x, *x), 0);
  EXPECT_EQ(nsid_count(*x), 1u);
  EXPECT_EQ(nsid_holder_count(*x), 1u);
  net_ref same = get_net_ns_by_id(*x, 0);
  EXPECT_EQ(same.get(), x.get());
}

TEST_F(NsidTest, Peernet2idNeverAllocates) {
  net_ref x = test::new_net(k), a = test::new_net(k);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(peernet2id(*x, *a), NSID_NOT_ASSIGNED);
    EXPECT_FALSE(peernet_has_id(*x, *a));
  }
  EXPECT_EQ(nsid_count(*x), 0u);
  EXPECT_EQ(nsid_holder_count(*a), 0u);
  EXPECT_EQ(g_new.load(), 0);
}

TEST_F(NsidTest, Peernet2idAllocAllocatesOnceAndNotifiesOnce) {
  net_ref x = test::new_net(k), a = test::new_net(k);
  const int id = peernet2id_alloc(*x, *a);
  EXPECT_EQ(id, 0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(peernet2id_alloc(*x, *a), id);
  EXPECT_EQ(peernet2id(*x, *a), id);
  EXPECT_TRUE(peernet_has_id(*x, *a));
  EXPECT_EQ(nsid_count(*x), 1u);
  EXPECT_EQ(nsid_holder_count(*a), 1u);
  // Not symmetric: a has no id for x.
  EXPECT_EQ(peernet2id(*a, *x), NSID_NOT_ASSIGNED);
  EXPECT_EQ(events(), (std::vector<seen_event>{new_ev(*x, 0)}));
}

TEST_F(NsidTest, NsidAssignReportsTheRequestersPortAndRequest) {
  net_ref x = test::new_net(k), a = test::new_net(k);
  nlmsghdr req{};
  req.nlmsg_seq = 77;
  EXPECT_EQ(*nsid_assign(*x, *a, 9, 4242, &req), 9);
  EXPECT_EQ(events(), (std::vector<seen_event>{{x->ns_id(), RTM_NEWNSID, 9, 4242, true}}));
}

TEST_F(NsidTest, GetNetNsByIdFindsLivePeersOnly) {
  net_ref x = test::new_net(k), a = test::new_net(k);
  const int id = peernet2id_alloc(*x, *a);
  net_ref found = get_net_ns_by_id(*x, id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found.get(), a.get());
  EXPECT_EQ(a->count(), 2);  // the lookup took a reference
  found.reset();
  EXPECT_FALSE(get_net_ns_by_id(*x, -1));
  EXPECT_FALSE(get_net_ns_by_id(*x, INT_MIN));
  EXPECT_FALSE(get_net_ns_by_id(*x, id + 1));
  EXPECT_FALSE(get_net_ns_by_id(*x, INT_MAX));
  a.reset();
  k.settle();
  EXPECT_FALSE(get_net_ns_by_id(*x, id));
  EXPECT_EQ(nsid_count(*x), 0u);
}

TEST_F(NsidTest, CountsAndHolderCountsFollowTheTables) {
  net_ref x = test::new_net(k), y = test::new_net(k), a = test::new_net(k), b = test::new_net(k);
  peernet2id_alloc(*x, *a);
  peernet2id_alloc(*x, *b);
  peernet2id_alloc(*y, *a);
  peernet2id_alloc(*a, *x);
  EXPECT_EQ(nsid_count(*x), 2u);
  EXPECT_EQ(nsid_count(*y), 1u);
  EXPECT_EQ(nsid_count(*a), 1u);
  EXPECT_EQ(nsid_count(*b), 0u);
  EXPECT_EQ(nsid_holder_count(*a), 2u);  // x and y
  EXPECT_EQ(nsid_holder_count(*b), 1u);
  EXPECT_EQ(nsid_holder_count(*x), 1u);  // a
  EXPECT_EQ(nsid_holder_count(*y), 0u);
  // x dies: its table goes (a and b forget it), and a loses its id for x.
  x.reset();
  k.settle();
  EXPECT_EQ(nsid_holder_count(*a), 1u);
  EXPECT_EQ(nsid_holder_count(*b), 0u);
  EXPECT_EQ(nsid_count(*a), 0u);
  EXPECT_EQ(nsid_count(*y), 1u);
}

// ============================================================================
// Peers dying
// ============================================================================

TEST_F(NsidTest, APeerDyingLeavesEveryHolderWithOneDelnsidEach) {
  net_ref p = test::new_net(k), x = test::new_net(k), y = test::new_net(k), z = test::new_net(k),
          other = test::new_net(k);
  EXPECT_EQ(*assign(*x, *p, 3), 3);
  EXPECT_EQ(*assign(*y, *p, 7), 7);
  EXPECT_EQ(peernet2id_alloc(*z, *p), 0);
  EXPECT_EQ(peernet2id_alloc(*x, *other), 0);
  EXPECT_EQ(peernet2id_alloc(*p, *p), 0);  // a self id: no event for itself
  EXPECT_EQ(peernet2id_alloc(*p, *x), 1);
  EXPECT_EQ(nsid_holder_count(*p), 4u);
  EXPECT_EQ(nsid_holder_count(*x), 1u);
  reset_events();

  p.reset();
  k.settle();
  EXPECT_EQ(events(), (std::vector<seen_event>{del_ev(*x, 3), del_ev(*y, 7), del_ev(*z, 0)}));
  EXPECT_EQ(peernet2id(*x, *other), 0);  // ids for others stay
  EXPECT_EQ(nsid_count(*x), 1u);
  EXPECT_EQ(nsid_count(*y), 0u);
  EXPECT_EQ(nsid_count(*z), 0u);
  EXPECT_EQ(nsid_holder_count(*x), 0u);  // p's table went
  EXPECT_EQ(nsid_holder_count(*other), 1u);
  // The freed ids are the lowest free again.
  net_ref q = test::new_net(k);
  EXPECT_EQ(*assign(*y, *q, -1), 0);
}

TEST_F(NsidTest, NetsDyingInTheSameBatchRaiseNoEventsForEachOther) {
  kernel_config cfg;
  cfg.cleanup_quiet = std::chrono::seconds(2);  // gather until settle() hurries
  cfg.cleanup_gather_max = std::chrono::seconds(10);
  kernel kb(cfg);
  kb.set_nsid_notifier(&count_event);
  {
    net_ref a = test::new_net(kb), b = test::new_net(kb), c = test::new_net(kb);
    peernet2id_alloc(*a, *b);
    peernet2id_alloc(*b, *a);
    peernet2id_alloc(*a, *c);
    const int ca = peernet2id_alloc(*c, *a);
    const int cb = peernet2id_alloc(*c, *b);
    reset_events();
    const auto batches = kb.stats().cleanup_batches.load();
    a.reset();
    b.reset();
    kb.settle();
    EXPECT_EQ(kb.stats().cleanup_batches.load() - batches, 1u) << "not one batch";
    EXPECT_EQ(events(), (std::vector<seen_event>{del_ev(*c, ca), del_ev(*c, cb)}));
    EXPECT_EQ(nsid_count(*c), 0u);
    EXPECT_EQ(nsid_holder_count(*c), 0u);  // a's table went with a
  }
  kb.set_nsid_notifier(nullptr);
}

// Dying nets, with the cleanup worker held in an earlier batch so that
// they wait: count 0, still hashed.
class NsidDyingTest : public NsidTest {
 protected:
  void SetUp() override {
    blocker.on_exit = [this](net& n) {
      if (n.ns_id() == blocker_id.load()) hold.pass();
    };
    ASSERT_TRUE(register_pernet_subsys(k, blocker.ops));
    NsidTest::SetUp();
  }
  // The kernel (a base member) outlives `log`: the blocker must be gone
  // before the kernel's teardown runs exits.
  void TearDown() override {
    hold.open();
    k.settle();
    unregister_pernet_subsys(k, blocker.ops);
    NsidTest::TearDown();
  }
  // Holds the worker; the caller opens `hold` (scope_exit) before the end.
  void hold_worker() {
    net_ref blk = test::new_net(k);
    blocker_id = blk->ns_id();
    blk.reset();
    ASSERT_TRUE(hold.wait_entered());
  }

  test::event_log log;
  test::recorder blocker{log, "blocker"};
  test::gate hold;
  std::atomic<std::uint64_t> blocker_id{0};
};

TEST_F(NsidDyingTest, DyingOwnersAndPeersGetNoNewIds) {
  auto opener = scope_exit([this] { hold.open(); });
  net_ref y = test::new_net(k), p = test::new_net(k), q = test::new_net(k), x = test::new_net(k),
          r = test::new_net(k), s = test::new_net(k);
  const int idq = peernet2id_alloc(*y, *q);
  const int idr = peernet2id_alloc(*x, *r);
  net_passive_ref dp = p->get_passive(), dq = q->get_passive(), dx = x->get_passive();
  hold_worker();
  reset_events();
  p.reset();
  q.reset();
  x.reset();
  ASSERT_EQ(dp->count(), 0);
  ASSERT_EQ(dx->count(), 0);

  // A dying peer without an id gets none.
  EXPECT_EQ(peernet2id_alloc(*y, *dp), NSID_NOT_ASSIGNED);
  EXPECT_EQ(nsid_count(*y), 1u);
  EXPECT_EQ(nsid_holder_count(*dp), 0u);
  // A dying peer keeps its id until the unhash, but cannot be looked up.
  EXPECT_EQ(peernet2id(*y, *dq), idq);
  EXPECT_EQ(peernet2id_alloc(*y, *dq), idq);
  EXPECT_FALSE(get_net_ns_by_id(*y, idq));
  // A dying owner allocates nothing, and even hides the ids it has.
  EXPECT_EQ(peernet2id_alloc(*dx, *s), NSID_NOT_ASSIGNED);
  EXPECT_EQ(peernet2id_alloc(*dx, *r), NSID_NOT_ASSIGNED);
  EXPECT_EQ(peernet2id(*dx, *r), idr);
  EXPECT_EQ(nsid_count(*dx), 1u);
  EXPECT_EQ(nsid_holder_count(*s), 0u);
  EXPECT_EQ(g_new.load(), 0);
  EXPECT_EQ(g_del.load(), 0);

  hold.open();
  k.settle();
  EXPECT_EQ(events(), (std::vector<seen_event>{del_ev(*y, idq)}));
  EXPECT_EQ(peernet2id(*y, *dq), NSID_NOT_ASSIGNED);
  EXPECT_EQ(nsid_count(*y), 0u);
  EXPECT_EQ(nsid_count(*dx), 0u);
  EXPECT_EQ(nsid_holder_count(*r), 0u);
  // Dead for good.
  EXPECT_EQ(peernet2id_alloc(*y, *dp), NSID_NOT_ASSIGNED);
  EXPECT_EQ(peernet2id_alloc(*y, *dq), NSID_NOT_ASSIGNED);
  EXPECT_EQ(peernet2id_alloc(*dx, *r), NSID_NOT_ASSIGNED);
  EXPECT_EQ(nsid_count(*y), 0u);
  EXPECT_EQ(g_new.load(), 0);
}

// ============================================================================
// Concurrency
// ============================================================================

// Two threads allocate ids in one owner for the same peers (in opposite
// orders) while a third drops every other peer. Each peer ends with at most
// one id, the same for everyone who got one; the dead have none; tables,
// holder sets and events agree.
TEST_F(NsidTest, ConcurrentAllocationAndDeathsKeepTheTablesConsistent) {
  reset_events(false);
  constexpr int N = kConcurrentPeers;
  net_ref owner = test::new_net(k);
  std::vector<net_ref> peers;
  std::vector<net_passive_ref> keep;
  for (int i = 0; i < N; ++i) {
    peers.push_back(test::new_net(k));
    ASSERT_TRUE(peers.back());
    keep.push_back(peers.back()->get_passive());
  }
  std::vector<int> got1(N, INT_MIN), got2(N, INT_MIN);
  std::atomic<int> ready{0};
  auto start = [&] {
    ready.fetch_add(1);
    while (ready.load() < 3) std::this_thread::yield();
  };
  std::thread t1([&] {
    start();
    for (int i = 0; i < N; ++i) got1[i] = peernet2id_alloc(*owner, *keep[i]);
  });
  std::thread t2([&] {
    start();
    for (int i = N; i-- > 0;) got2[i] = peernet2id_alloc(*owner, *keep[i]);
  });
  std::thread t3([&] {
    start();
    for (int i = 1; i < N; i += 2) peers[i].reset();
  });
  t1.join();
  t2.join();
  t3.join();
  k.settle();

  std::set<int> live_ids;
  long allocated = 0, dead_allocated = 0;
  for (int i = 0; i < N; ++i) {
    const bool alive = i % 2 == 0;
    const int a = got1[i], b = got2[i];
    if (a >= 0 && b >= 0) {
      EXPECT_EQ(a, b) << "peer " << i << " got two ids";
    }
    const bool had = a >= 0 || b >= 0;
    allocated += had;
    if (alive) {
      EXPECT_GE(a, 0) << "live peer " << i;
      EXPECT_EQ(a, b) << "live peer " << i;
      EXPECT_EQ(peernet2id(*owner, *keep[i]), a) << "live peer " << i;
      EXPECT_EQ(nsid_holder_count(*keep[i]), 1u) << "live peer " << i;
      EXPECT_TRUE(live_ids.insert(a).second) << "id " << a << " given twice";
    } else {
      dead_allocated += had;
      EXPECT_EQ(peernet2id(*owner, *keep[i]), NSID_NOT_ASSIGNED) << "dead peer " << i;
      EXPECT_EQ(nsid_holder_count(*keep[i]), 0u) << "dead peer " << i;
    }
  }
  EXPECT_EQ(nsid_count(*owner), live_ids.size());
  {
    rcu::read_guard g;
    std::set<int> listed;
    for (const nsid_entry& e : nsid_list(*owner)) {
      listed.insert(e.id);
      EXPECT_EQ(peernet2id(*owner, *e.peer), e.id);
      EXPECT_TRUE(e.peer->alive());
    }
    EXPECT_EQ(listed, live_ids);
  }
  EXPECT_EQ(g_new.load(), allocated);
  EXPECT_EQ(g_del.load(), dead_allocated);
}

// ============================================================================
// Scale
// ============================================================================

// 100000 peers each hold an id for X (and X one for each of them): when X
// dies, every one of them gets its RTM_DELNSID.
TEST(NsidScaleTest, OneNamespaceKnownByAHundredThousandPeers) {
  kernel_config cfg;
  cfg.max_net_namespaces = 2 * kScale + 10;
  kernel k(cfg);
  reset_events(false);
  k.set_nsid_notifier(&count_event);
  {
    net_ref x = test::new_net(k);
    std::vector<net_ref> peers;
    peers.reserve(kScale);
    for (int i = 0; i < kScale; ++i) {
      peers.push_back(test::new_net(k));
      ASSERT_TRUE(peers.back()) << i;
      ASSERT_EQ(peernet2id_alloc(*peers.back(), *x), 0);
      ASSERT_EQ(peernet2id_alloc(*x, *peers.back()), i);
    }
    EXPECT_EQ(nsid_holder_count(*x), std::size_t(kScale));
    EXPECT_EQ(nsid_count(*x), std::size_t(kScale));
    // The last peer's id is found in X's table, both ways.
    EXPECT_EQ(peernet2id(*x, *peers.back()), kScale - 1);
    net_ref last = get_net_ns_by_id(*x, kScale - 1);
    EXPECT_EQ(last.get(), peers.back().get());
    last.reset();
    EXPECT_EQ(peernet2id(*x, *peers.front()), 0);
    EXPECT_EQ(g_new.load(), 2L * kScale);

    x.reset();
    k.settle();
    EXPECT_EQ(g_del.load(), long(kScale));
    std::size_t with_ids = 0, holders = 0;
    for (const net_ref& p : peers) {
      with_ids += nsid_count(*p);
      holders += nsid_holder_count(*p);
    }
    EXPECT_EQ(with_ids, 0u);
    EXPECT_EQ(holders, 0u);
  }
  k.set_nsid_notifier(nullptr);
}

}  // namespace
}  // namespace netns
