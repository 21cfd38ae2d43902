// SPDX-License-Identifier: GPL-2.0-only
// rcu_list (list_add_tail_rcu / list_del_rcu / list_for_each_entry_rcu):
// order, size, deletion; a removed node still leads on; readers walking
// under RCU never see a node that was freed.
#include "netns/base/rcu_list.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "netns/base/rcu.hpp"

namespace netns {
namespace {

struct item : rcu_list_hook {
  explicit item(int v) : value(v) {}
  std::atomic<int> value;
};

std::vector<int> values(const rcu_list<item>& l) {
  std::vector<int> out;
  rcu::read_guard g;
  for (item* i : l) out.push_back(i->value.load());
  return out;
}

TEST(RcuList, Empty) {
  rcu_list<item> l;
  EXPECT_TRUE(l.empty());
  EXPECT_EQ(l.size(), 0u);
  EXPECT_EQ(l.last(), nullptr);
  EXPECT_TRUE(l.begin() == l.end());
}

TEST(RcuList, AddTailKeepsOrder) {
  rcu_list<item> l;
  item a(1), b(2), c(3);
  l.add_tail(&a);
  l.add_tail(&b);
  l.add_tail(&c);
  EXPECT_FALSE(l.empty());
  EXPECT_EQ(l.size(), 3u);
  EXPECT_EQ(l.last(), &c);
  EXPECT_EQ(values(l), (std::vector<int>{1, 2, 3}));
}

TEST(RcuList, DeleteAnywhere) {
  rcu_list<item> l;
  item a(1), b(2), c(3), d(4);
  for (item* i : {&a, &b, &c, &d}) l.add_tail(i);
  l.del(&b);
  EXPECT_EQ(values(l), (std::vector<int>{1, 3, 4}));
  l.del(&a);
  EXPECT_EQ(values(l), (std::vector<int>{3, 4}));
  l.del(&d);
  EXPECT_EQ(values(l), (std::vector<int>{3}));
  EXPECT_EQ(l.last(), &c);
  EXPECT_EQ(l.size(), 1u);
  l.del(&c);
  EXPECT_TRUE(l.empty());
  EXPECT_EQ(l.last(), nullptr);
  // Re-adding a removed node works.
  l.add_tail(&b);
  l.add_tail(&a);
  EXPECT_EQ(values(l), (std::vector<int>{2, 1}));
  EXPECT_EQ(l.size(), 2u);
}

// A reader standing on a removed node still reaches the rest of the list.
TEST(RcuList, ARemovedNodeStillLeadsOn) {
  rcu_list<item> l;
  item a(1), b(2), c(3);
  for (item* i : {&a, &b, &c}) l.add_tail(i);
  rcu::read_guard g;
  auto it = l.begin();
  ++it;  // on b
  ASSERT_EQ(*it, &b);
  l.del(&b);
  ++it;
  ASSERT_NE(it, l.end());
  EXPECT_EQ(*it, &c);
  ++it;
  EXPECT_TRUE(it == l.end());
}

// One writer adds and removes, reclaiming (poisoning) removed nodes only
// after a grace period; readers walk meanwhile and must never meet a
// poisoned node, and always end at the head.
TEST(RcuList, ConcurrentReadersNeverSeeReclaimedNodes) {
  constexpr int kAlive = 1, kDead = -1;
  rcu_list<item> l;
  std::vector<std::unique_ptr<item>> pool;
  for (int i = 0; i < 32; ++i) pool.push_back(std::make_unique<item>(kDead));
  std::vector<bool> listed(pool.size(), false);
  std::atomic<bool> stop{false};
  std::atomic<long> bad{0}, walks{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        rcu::read_guard g;
        for (item* i : l)
          if (i->value.load() != kAlive) bad.fetch_add(1);
        walks.fetch_add(1);
      }
    });
  }
  // The readers walk before the writer starts: on a loaded machine (ctest
  // -j) the writer could otherwise finish before they ever ran.
  while (walks.load() == 0) std::this_thread::yield();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  unsigned seed = 1;
  int ops = 0;
  while (std::chrono::steady_clock::now() < deadline && ops < 20000) {
    ++ops;
    seed = seed * 1103515245 + 12345;
    std::size_t k = (seed >> 8) % pool.size();
    item* it = pool[k].get();
    if (!listed[k]) {
      it->value = kAlive;
      l.add_tail(it);
      listed[k] = true;
    } else {
      l.del(it);
      listed[k] = false;
      rcu::synchronize();
      it->value = kDead;  // "freed"
    }
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(walks.load(), 0);
  std::size_t n = 0;
  for (bool b : listed) n += b;
  EXPECT_EQ(l.size(), n);
}

}  // namespace
}  // namespace netns
