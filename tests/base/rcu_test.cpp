// SPDX-License-Identifier: GPL-2.0-only
// RCU over liburcu: synchronize() waits for every reader that began before
// it; call() runs its callback after a grace period and barrier() waits for
// queued callbacks; threads register themselves.
#include "netns/base/rcu.hpp"
#include "support/test_util.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace netns {
namespace {

using namespace std::chrono_literals;

TEST(Rcu, SynchronizeWaitsForAReaderThatStartedBefore) {
  test::rcu_reader r(150ms);
  rcu::synchronize();
  EXPECT_TRUE(r.left()) << "synchronize returned while a reader was inside";
}

TEST(Rcu, SynchronizeInAnotherThreadWaitsToo) {
  test::rcu_reader r(100ms);
  std::atomic<bool> done{false};
  std::thread t([&] {
    rcu::synchronize();
    done = true;
  });
  for (int i = 0; i < 10; ++i) {
    std::this_thread::sleep_for(5ms);
    const bool returned = done.load();
    EXPECT_FALSE(returned && !r.left()) << "synchronize returned while the reader was inside";
  }
  t.join();
  EXPECT_TRUE(r.left());
}

TEST(Rcu, SynchronizeWithoutReadersReturns) {
  rcu::synchronize();
  rcu::synchronize();
  SUCCEED();
}

struct tracked {
  rcu::head h;  // first member: the callback gets it back as a tracked
  test::rcu_reader* r = nullptr;
  std::atomic<bool> ran{false};
  std::atomic<bool> reader_had_left{false};
};

// call(): the callback runs after the grace period (the pre-existing reader
// has left) and barrier() waits for it.
TEST(Rcu, CallRunsAfterAGracePeriodAndBarrierWaitsForIt) {
  tracked t;
  {
    test::rcu_reader r(100ms);
    t.r = &r;
    rcu::call(&t.h, [](rcu::head* h) {
      auto* self = reinterpret_cast<tracked*>(h);
      self->reader_had_left = self->r->left();
      self->ran = true;
    });
    rcu::barrier();
    EXPECT_TRUE(t.ran.load()) << "barrier returned before the callback ran";
    EXPECT_TRUE(t.reader_had_left.load()) << "the callback ran inside the grace period";
  }
}

TEST(Rcu, BarrierWaitsForEveryQueuedCallback) {
  constexpr int kN = 200;
  struct item {
    rcu::head h;
    std::atomic<int>* count;
  };
  std::atomic<int> count{0};
  std::vector<item> items(kN);
  for (auto& i : items) {
    i.count = &count;
    rcu::call(&i.h, [](rcu::head* h) { reinterpret_cast<item*>(h)->count->fetch_add(1); });
  }
  rcu::barrier();
  EXPECT_EQ(count.load(), kN);
}

// Threads register on their first read_guard; read sections nest.
TEST(Rcu, ThreadsRegisterThemselvesAndSectionsNest) {
  std::thread t([] {
    EXPECT_FALSE(rcu::read_held());
    {
      rcu::read_guard outer;
      EXPECT_TRUE(rcu::read_held());
      {
        rcu::read_guard inner;
        EXPECT_TRUE(rcu::read_held());
      }
      EXPECT_TRUE(rcu::read_held());
    }
    EXPECT_FALSE(rcu::read_held());
    rcu::register_thread();  // idempotent
  });
  t.join();
  // A thread that exited is no longer waited for.
  rcu::synchronize();
}

TEST(Rcu, ManyShortLivedReaderThreads) {
  std::vector<std::thread> ts;
  std::atomic<int> sum{0};
  for (int i = 0; i < 16; ++i) {
    ts.emplace_back([&sum] {
      for (int j = 0; j < 100; ++j) {
        rcu::read_guard g;
        sum.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  for (int i = 0; i < 10; ++i) rcu::synchronize();
  for (auto& t : ts) t.join();
  rcu::synchronize();
  EXPECT_EQ(sum.load(), 1600);
}

// A pointer published with assign_pointer shows a reader everything written
// before it; the old object is reclaimed after synchronize.
TEST(Rcu, PublishAndReclaim) {
  struct cfg {
    int a, b;
  };
  std::atomic<cfg*> slot{new cfg{1, 2}};
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::thread r([&] {
    while (!stop.load()) {
      rcu::read_guard g;
      cfg* c = rcu::dereference(slot);
      if (c->b != c->a + 1) bad.fetch_add(1);
    }
  });
  for (int i = 2; i < 200; ++i) {
    cfg* fresh = new cfg{i, i + 1};
    cfg* old = slot.load();
    rcu::assign_pointer(slot, fresh);
    rcu::synchronize();
    old->a = -100;  // poison: a reader still looking would see it
    delete old;
  }
  stop = true;
  r.join();
  delete slot.load();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace netns
