// SPDX-License-Identifier: GPL-2.0-only
// The cleanup worker (net_namespace.c: cleanup_list, cleanup_net): the last
// put pushes the net on a list, the worker takes the whole list at once, so
// every net dropped while it is busy dies in one batch: unlisted first, then
// every pre_exit, one grace period, and per op its exits and one exit_batch
// with the whole batch. settle() and net_ns_barrier() wait for it. Once
// woken, the worker gathers while nets keep arriving (kernel_config).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "netns/core/kernel.hpp"
#include "support/test_util.hpp"

namespace netns {
namespace {

using test::event_log;
using test::gate;
using test::ids;
using test::recorder;
using test::strings;

std::string at(const char* what, std::uint64_t id) { return what + ("@" + std::to_string(id)); }

std::string batch_of(const char* op, const ids& batch) {
  std::string s = std::string("exit_batch:") + op + "@{";
  for (std::size_t i = 0; i < batch.size(); ++i) s += (i ? "," : "") + std::to_string(batch[i]);
  return s + "}";
}

// The exact teardown of one batch (in the order the worker got the nets)
// for subsys A and device B.
strings batch_teardown(const ids& batch) {
  strings out;
  for (auto id : batch) out.push_back(at("pre_exit:B", id));
  for (auto id : batch) out.push_back(at("pre_exit:A", id));
  for (auto id : batch) out.push_back(at("exit:B", id));
  out.push_back(batch_of("B", batch));
  for (auto id : batch) out.push_back(at("exit:A", id));
  out.push_back(batch_of("A", batch));
  return out;
}

class CleanupBatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // B's exit holds the worker on the net chosen as blocker.
    b.on_exit = [this](net& n) {
      if (n.ns_id() == blocker_id.load()) hold.pass();
    };
    ASSERT_TRUE(register_pernet_subsys(k, a.ops));
    ASSERT_TRUE(register_pernet_device(k, b.ops));
    log.clear();
  }

  event_log log;
  recorder a{log, "A"};
  recorder b{log, "B"};
  gate hold;
  std::atomic<std::uint64_t> blocker_id{0};
  kernel k;
  net_ref held;  // dropped by an exit in one test
};

// Nets dropped while the worker is held in net #0's exit wait on the list
// and then die together: one more batch with exactly them.
TEST_F(CleanupBatchTest, NetsDroppedWhileTheWorkerIsBusyDieInOneBatch) {
  constexpr int kN = 6;
  auto opener = scope_exit([this] { hold.open(); });
  net_ref blocker = test::new_net(k);
  ASSERT_TRUE(blocker);
  std::vector<net_ref> nets;
  std::vector<net_passive_ref> keep;
  ids dropped;
  for (int i = 0; i < kN; ++i) {
    nets.push_back(test::new_net(k));
    ASSERT_TRUE(nets.back());
    keep.push_back(nets.back()->get_passive());
    dropped.push_back(nets.back()->ns_id());
  }
  const auto batches0 = k.stats().cleanup_batches.load();
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  const auto blk = blocker->ns_id();
  blocker_id = blk;
  log.clear();

  blocker.reset();
  ASSERT_TRUE(hold.wait_entered());
  for (auto& n : nets) n.reset();

  // Dying but not yet taken: count 0, maybe_get_net fails, still listed
  // (only the cleanup unlists); the blocker already left the list.
  for (auto& p : keep) {
    EXPECT_EQ(p->count(), 0);
    EXPECT_FALSE(p->try_get());
  }
  ids listed = test::listed_ids(k);
  EXPECT_EQ(test::as_set(listed), test::as_set([&] {
              ids v = dropped;
              v.push_back(k.init_net().ns_id());
              return v;
            }()));
  EXPECT_EQ(k.net_count(), std::size_t(kN) + 1);
  EXPECT_EQ(k.stats().cleanup_batches.load(), batches0);

  hold.open();
  k.settle();

  EXPECT_EQ(k.stats().cleanup_batches - batches0, 2u);
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, std::uint64_t(kN) + 1);
  EXPECT_EQ(k.net_count(), 1u);
  auto b_batches = log.batches_of("B");
  ASSERT_EQ(b_batches.size(), 2u);
  EXPECT_EQ(b_batches[0], ids{blk});
  EXPECT_EQ(test::as_set(b_batches[1]), test::as_set(dropped));
  EXPECT_EQ(b_batches[1].size(), dropped.size());
  EXPECT_EQ(log.batches_of("A"), b_batches);

  // The exact sequence: the first batch, then the second with every
  // pre_exit before any exit. The worker takes the llist as it is, newest
  // first, as the kernel's llist_del_all does.
  ids lifo(dropped.rbegin(), dropped.rend());
  strings expected = batch_teardown({blk});
  for (const auto& s : batch_teardown(lifo)) expected.push_back(s);
  EXPECT_EQ(log.tagged(), expected);
}

TEST_F(CleanupBatchTest, ALoneNetIsABatchOfOne) {
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto id = n->ns_id();
  const auto batches0 = k.stats().cleanup_batches.load();
  log.clear();
  n.reset();
  k.settle();
  EXPECT_EQ(k.stats().cleanup_batches - batches0, 1u);
  EXPECT_EQ(log.tagged(), batch_teardown({id}));
}

// settle() returns only once the cleanup has finished, however slow.
TEST_F(CleanupBatchTest, SettleWaitsForTheWholeCleanup) {
  std::atomic<bool> exit_done{false};
  a.on_exit = [&](net&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    exit_done = true;
  };
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  const auto freed0 = k.stats().nets_freed.load();
  n.reset();
  k.settle();
  EXPECT_TRUE(exit_done.load());
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u);
  EXPECT_EQ(k.stats().nets_freed - freed0, 1u);
  EXPECT_EQ(k.net_count(), 1u);
  a.on_exit = nullptr;
}

TEST_F(CleanupBatchTest, SettleWithNothingQueuedReturns) {
  k.settle();
  k.settle();
  SUCCEED();
}

// A reference dropped by an exit method queues another cleanup from the
// worker itself; settle() waits for that one too.
TEST_F(CleanupBatchTest, ANetDroppedByAnExitIsCleanedUpInALaterBatch) {
  net_ref first = test::new_net(k);
  held = test::new_net(k);
  ASSERT_TRUE(first && held);
  const auto first_id = first->ns_id(), second_id = held->ns_id();
  a.on_exit = [this, first_id](net& n) {
    if (n.ns_id() == first_id) held.reset();
  };
  const auto batches0 = k.stats().cleanup_batches.load();
  first.reset();
  k.settle();
  EXPECT_EQ(k.stats().cleanup_batches - batches0, 2u);
  EXPECT_EQ(log.batches_of("A"), (std::vector<ids>{{first_id}, {second_id}}));
  EXPECT_EQ(k.net_count(), 1u);
  a.on_exit = nullptr;
}

// cleanup_net unlists the batch before any pre_exit: RCU walkers that start
// then do not find a net that is being torn down.
TEST_F(CleanupBatchTest, ADyingNetIsUnlistedBeforeItsPreExit) {
  std::atomic<int> seen_listed{0}, pre_exits{0};
  a.on_pre_exit = [&](net& n) {
    pre_exits.fetch_add(1);
    rcu::read_guard g;
    for (net* x : k.net_list_rcu())
      if (x == &n) seen_listed.fetch_add(1);
  };
  net_ref n1 = test::new_net(k), n2 = test::new_net(k);
  ASSERT_TRUE(n1 && n2);
  n1.reset();
  n2.reset();
  k.settle();
  EXPECT_EQ(pre_exits.load(), 2);
  EXPECT_EQ(seen_listed.load(), 0);
  a.on_pre_exit = nullptr;
}

// net_ns_barrier() waits until a cleanup that is running has run its exits.
TEST_F(CleanupBatchTest, NetNsBarrierWaitsForARunningCleanup) {
  auto opener = scope_exit([this] { hold.open(); });
  net_ns_barrier(k);  // idle: returns at once

  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  blocker_id = n->ns_id();
  n.reset();
  ASSERT_TRUE(hold.wait_entered());

  std::atomic<bool> returned{false};
  std::size_t batches_seen = 0;
  std::thread t([&] {
    net_ns_barrier(k);
    batches_seen = log.batches_of("A").size();
    returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(returned.load()) << "net_ns_barrier returned while an exit was running";
  hold.open();
  t.join();
  EXPECT_TRUE(returned.load());
  EXPECT_EQ(batches_seen, 1u) << "net_ns_barrier returned before the exits finished";
  k.settle();
}

// Registration waits for a running cleanup too (pernet_ops_rwsem): an op
// registered meanwhile is not run on the dying nets.
TEST_F(CleanupBatchTest, RegistrationWaitsForARunningCleanup) {
  auto opener = scope_exit([this] { hold.open(); });
  event_log late_log;
  recorder late(late_log, "L");
  auto unregister = scope_exit([&] { unregister_pernet_subsys(k, late.ops); });
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto dying = n->ns_id();
  blocker_id = dying;
  n.reset();
  ASSERT_TRUE(hold.wait_entered());
  std::atomic<bool> registered{false};
  std::thread t([&] {
    EXPECT_TRUE(register_pernet_subsys(k, late.ops));
    registered = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(registered.load());
  hold.open();
  t.join();
  k.settle();
  for (const auto& e : late_log.events()) EXPECT_NE(e.net, dying) << e.what;
  EXPECT_EQ(late_log.nets_of("init:L"), (ids{k.init_net().ns_id()}));
}

// ---- grace periods ---------------------------------------------------------------

// A reader that may have found the net on the list before it was unlisted
// can still be using it: the exits wait for a grace period.
TEST_F(CleanupBatchTest, ExitWaitsForReadersThatCouldSeeTheNet) {
  std::atomic<int> exits{0}, exits_inside_grace{0};
  test::rcu_reader* current = nullptr;
  a.on_exit = [&](net&) {
    exits.fetch_add(1);
    if (current && !current->left()) exits_inside_grace.fetch_add(1);
  };
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  {
    test::rcu_reader r(std::chrono::milliseconds(100));
    current = &r;
    n.reset();
    k.settle();
    current = nullptr;
  }
  EXPECT_EQ(exits.load(), 1);
  EXPECT_EQ(exits_inside_grace.load(), 0) << "exit ran while a pre-existing reader was inside";
  a.on_exit = nullptr;
}

TEST_F(CleanupBatchTest, UnregisterWaitsForAGracePeriodBeforeExit) {
  std::atomic<int> exits{0}, exits_inside_grace{0};
  test::rcu_reader* current = nullptr;
  a.on_exit = [&](net&) {
    exits.fetch_add(1);
    if (current && !current->left()) exits_inside_grace.fetch_add(1);
  };
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  {
    test::rcu_reader r(std::chrono::milliseconds(100));
    current = &r;
    unregister_pernet_subsys(k, a.ops);
    current = nullptr;
  }
  EXPECT_EQ(exits.load(), 2);
  EXPECT_EQ(exits_inside_grace.load(), 0);
}

// cleanup_net's rcu_barrier: RCU callbacks queued by exit methods have run
// before the nets are freed, and so before settle() returns.
TEST_F(CleanupBatchTest, CallbacksQueuedByExitsRunBeforeTheNetIsFreed) {
  test::rcu_probe probe;
  auto drain = scope_exit([] { rcu::barrier(); });  // the probe outlives its callback
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto id = n->ns_id();
  a.on_exit = [&](net& x) {
    if (x.ns_id() == id) probe.queue(k);
  };
  const auto freed0 = k.stats().nets_freed.load();
  n.reset();
  k.settle();
  EXPECT_TRUE(probe.ran.load()) << "settle returned before the exit's RCU callback ran";
  EXPECT_EQ(probe.nets_freed_then.load(), freed0) << "the net was freed before the callback ran";
  EXPECT_EQ(k.stats().nets_freed - freed0, 1u);
  a.on_exit = nullptr;
}

// unregister_pernet_operations' rcu_barrier: the exits' callbacks have run
// when it returns.
TEST_F(CleanupBatchTest, UnregisterReturnsAfterCallbacksQueuedByExits) {
  test::rcu_probe probe;
  auto drain = scope_exit([] { rcu::barrier(); });  // the probe outlives its callback
  a.on_exit = [&](net& x) {
    if (x.is_init()) probe.queue(k);
  };
  unregister_pernet_subsys(k, a.ops);
  EXPECT_TRUE(probe.ran.load());
}

// ---- gathering (kernel_config::cleanup_quiet / cleanup_gather_max) ----------
//
// Once woken, the worker waits while namespaces keep arriving. The bounds
// below are generous: these tests check what ends a gathering, not how fast.

using std::chrono::milliseconds;
using std::chrono::steady_clock;

kernel_config gathering(milliseconds quiet, milliseconds max) {
  kernel_config c;
  c.cleanup_quiet = quiet;
  c.cleanup_gather_max = max;
  return c;
}

// Polls (no settle) until `n` nets have been cleaned up; false after 20 s.
bool wait_cleaned(kernel& k, std::uint64_t from, std::uint64_t n) {
  const auto until = steady_clock::now() + std::chrono::seconds(20);
  while (k.stats().nets_cleaned_up.load() - from < n) {
    if (steady_clock::now() > until) return false;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return true;
}

// Nets dropped closer together than the quiet interval die in one batch,
// with no settle() to hurry the worker.
TEST(CleanupGathering, NetsDroppedInABurstDieInOneBatch) {
  kernel k(gathering(milliseconds(500), milliseconds(20'000)));
  std::vector<net_ref> nets;
  for (int i = 0; i < 5; ++i) {
    nets.push_back(test::new_net(k));
    ASSERT_TRUE(nets.back());
  }
  const auto batches0 = k.stats().cleanup_batches.load();
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  for (auto& n : nets) {
    n.reset();
    std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_TRUE(wait_cleaned(k, cleaned0, 5));
  EXPECT_EQ(k.stats().cleanup_batches - batches0, 1u);
}

// A steady stream of drops never goes quiet; the gathering still ends at
// cleanup_gather_max, so cleanup goes on while the stream lasts.
TEST(CleanupGathering, AStreamIsCleanedUpInBatchesOfAtMostTheGatherLimit) {
  kernel k(gathering(milliseconds(1'000), milliseconds(100)));
  const auto batches0 = k.stats().cleanup_batches.load();
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  const auto stream_end = steady_clock::now() + milliseconds(1'500);
  int dropped = 0;
  std::uint64_t cleaned_during_stream = 0;
  while (steady_clock::now() < stream_end) {
    net_ref n = test::new_net(k);
    ASSERT_TRUE(n);
    n.reset();
    ++dropped;
    cleaned_during_stream = k.stats().nets_cleaned_up.load() - cleaned0;
    std::this_thread::sleep_for(milliseconds(5));  // well under the quiet interval
  }
  EXPECT_GT(cleaned_during_stream, 0u) << "the worker waited for the stream to end";
  k.settle();
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, std::uint64_t(dropped));
  EXPECT_GE(k.stats().cleanup_batches - batches0, 2u);
}

// settle() does not wait out a gathering: it hurries the worker.
TEST(CleanupGathering, SettleCutsAGatheringShort) {
  kernel k(gathering(milliseconds(60'000), milliseconds(120'000)));
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  n.reset();
  std::this_thread::sleep_for(milliseconds(20));  // the worker is gathering now
  const auto t0 = steady_clock::now();
  k.settle();
  EXPECT_LT(steady_clock::now() - t0, std::chrono::seconds(30));
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u);
  // And the next gathering is a full one again: a net dropped now waits.
  net_ref m = test::new_net(k);
  ASSERT_TRUE(m);
  m.reset();
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u) << "hurry outlived the settle() that asked";
  k.settle();
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 2u);
}

// What is queued when settle() is called it cleans up itself: the exits
// run on the settling thread, not the worker's, and the worker, done
// gathering, finds nothing left.
TEST(CleanupGathering, SettleRunsTheQueuedBatchOnTheCallingThread) {
  kernel k(gathering(milliseconds(60'000), milliseconds(120'000)));
  std::atomic<int> exits{0};
  std::thread::id exit_thread;
  pernet_operations ops{
      .name = "thread_probe",
      .exit =
          [&](net&) {
            exit_thread = std::this_thread::get_id();
            exits.fetch_add(1);
          },
  };
  ASSERT_TRUE(register_pernet_subsys(k, ops));
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto batches0 = k.stats().cleanup_batches.load();
  n.reset();
  std::this_thread::sleep_for(milliseconds(20));  // the worker is gathering now
  k.settle();
  EXPECT_EQ(exits.load(), 1);
  EXPECT_EQ(exit_thread, std::this_thread::get_id());
  EXPECT_EQ(k.stats().cleanup_batches - batches0, 1u) << "the worker ran an empty batch too";
  unregister_pernet_subsys(k, ops);
}

// A settler that took the gathered batch ends that gathering: a net
// dropped afterwards is a batch of its own, which gets a whole
// cleanup_gather_max, not what was left of the taken batch's.
// (Otherwise a thread that settles every few milliseconds would have the
// worker take part of each of its batches, on another CPU, at the old
// deadline.)
TEST(CleanupGathering, ATakenBatchEndsItsGathering) {
  kernel k(gathering(milliseconds(60'000), milliseconds(1'000)));
  net_ref n = test::new_net(k);
  ASSERT_TRUE(n);
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  const auto t0 = steady_clock::now();
  n.reset();  // the worker gathers until t0 + 1 s at most
  std::this_thread::sleep_for(milliseconds(500));
  k.settle();  // takes n's batch
  ASSERT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u);
  net_ref m = test::new_net(k);
  ASSERT_TRUE(m);
  m.reset();  // its own gathering (from t0 + 1 s, when the worker wakes): until t0 + 2 s
  std::this_thread::sleep_until(t0 + milliseconds(1'200));
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u)
      << "the new batch was cleaned up at the taken one's deadline";
  k.settle();
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 2u);
}

// A thread that settles cleans up what it drops: once a settle() has taken
// what the worker was gathering, the worker's next gathering waits its
// whole cleanup_gather_max before it looks (it would otherwise wake every
// cleanup_quiet while that thread drops namespaces, and take CPU from it).
TEST(CleanupGathering, AfterASettleTookABatchTheNextGatheringWaitsItsLimit) {
  kernel k(gathering(milliseconds(200), milliseconds(5'000)));
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  net_ref a = test::new_net(k);
  ASSERT_TRUE(a);
  net_ref b = test::new_net(k);
  ASSERT_TRUE(b);
  a.reset();  // the worker gathers; its first look comes after 200 ms
  std::this_thread::sleep_for(milliseconds(20));
  k.settle();  // takes a's batch from under it
  ASSERT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u);
  b.reset();  // a new batch: the worker, at its look, starts a gathering of 5 s
  std::this_thread::sleep_for(milliseconds(1'000));
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 1u)
      << "b was cleaned up a quiet interval after the settle";
  k.settle();
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 2u);
}

// A batch the worker is already running is not run twice, nor beside one
// the settler would start: settle() waits for it, then takes what came
// after.
TEST_F(CleanupBatchTest, SettleWaitsForTheBatchTheWorkerIsIn) {
  auto opener = scope_exit([this] { hold.open(); });
  net_ref blocker = test::new_net(k);
  ASSERT_TRUE(blocker);
  blocker_id = blocker->ns_id();
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  blocker.reset();
  ASSERT_TRUE(hold.wait_entered());  // the worker is inside the blocker's exit
  net_ref later = test::new_net(k);
  ASSERT_TRUE(later);
  later.reset();  // queued behind the running batch
  std::atomic<bool> settled{false};
  std::thread settler([&] {
    k.settle();
    settled = true;
  });
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_FALSE(settled.load()) << "settle() returned while a batch was running";
  hold.open();
  settler.join();
  EXPECT_EQ(k.stats().nets_cleaned_up - cleaned0, 2u);
}

// Zero is the kernel's behaviour: the worker takes the list the moment it
// runs, so a net dropped alone is cleaned up without settle().
TEST(CleanupGathering, ZeroQuietTakesTheListAtOnce) {
  kernel k(gathering(milliseconds(0), milliseconds(0)));
  const auto batches0 = k.stats().cleanup_batches.load();
  const auto cleaned0 = k.stats().nets_cleaned_up.load();
  for (int i = 0; i < 3; ++i) {
    net_ref n = test::new_net(k);
    ASSERT_TRUE(n);
    n.reset();
    ASSERT_TRUE(wait_cleaned(k, cleaned0, std::uint64_t(i) + 1));
  }
  EXPECT_EQ(k.stats().cleanup_batches - batches0, 3u);
}

// A kernel destroyed while its worker gathers does not wait the gathering out.
TEST(CleanupGathering, DestroyingTheKernelEndsAGathering) {
  const auto t0 = steady_clock::now();
  {
    kernel k(gathering(milliseconds(60'000), milliseconds(120'000)));
    net_ref n = test::new_net(k);
    ASSERT_TRUE(n);
    n.reset();
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_LT(steady_clock::now() - t0, std::chrono::seconds(30));
}

}  // namespace
}  // namespace netns
