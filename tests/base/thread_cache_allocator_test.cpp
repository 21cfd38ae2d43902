// SPDX-License-Identifier: GPL-2.0-only
// thread_cache_allocator: objects made with std::allocate_shared through it
// are built and destroyed like any others; a freed block is handed out
// again on the thread that freed it (whichever thread allocated it), each
// thread keeps two magazines and hands more to a bounded depot that other
// threads take from, arrays bypass the cache, a
// thread's cache is emptied when it exits, and over-aligned types stay
// aligned. The cache is bypassed under ASan and TSan (thread_cache_enabled
// is false there): the tests that look at block reuse skip themselves then.
//
// Each test that looks at addresses runs on a fresh thread, whose caches
// start empty whatever earlier tests left on the main thread.
#include "netns/base/thread_cache_allocator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace netns {
namespace {

// Counts constructions and destructions of itself.
struct counted {
  static inline std::atomic<int> made{0};
  static inline std::atomic<int> gone{0};
  explicit counted(int v, std::string s) : value(v), text(std::move(s)) { made.fetch_add(1); }
  ~counted() { gone.fetch_add(1); }
  counted(const counted&) = delete;
  counted& operator=(const counted&) = delete;
  int value;
  std::string text;
};

// Block sizes no other test uses, so that each one gets caches of its own.
template <std::size_t N>
struct blob {
  unsigned char bytes[N];
};

struct alignas(64) wide {
  unsigned char bytes[64];
};
struct alignas(128) wider {
  unsigned char bytes[8];
};

std::uintptr_t addr(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// Runs f on a thread of its own and waits for it.
template <class F>
void on_fresh_thread(F f) {
  std::thread(std::move(f)).join();
}

TEST(ThreadCacheAllocator, AllocateSharedConstructsAndDestroys) {
  const int made = counted::made.load(), gone = counted::gone.load();
  thread_cache_allocator<counted> a;
  {
    auto p = std::allocate_shared<counted>(a, 7, std::string(100, 'x'));  // a string that allocates
    EXPECT_EQ(counted::made.load(), made + 1);
    EXPECT_EQ(counted::gone.load(), gone);
    EXPECT_EQ(p->value, 7);
    EXPECT_EQ(p->text, std::string(100, 'x'));
    std::shared_ptr<counted> q = p;
    p.reset();
    EXPECT_EQ(counted::gone.load(), gone);
    EXPECT_EQ(q->value, 7);
  }
  EXPECT_EQ(counted::gone.load(), gone + 1);
  // Many at once, dropped in another order than made.
  std::vector<std::shared_ptr<counted>> v;
  for (int i = 0; i < 300; ++i) v.push_back(std::allocate_shared<counted>(a, i, std::to_string(i)));
  for (int i = 0; i < 300; ++i) {
    EXPECT_EQ(v[i]->value, i);
    EXPECT_EQ(v[i]->text, std::to_string(i));
  }
  for (int i = 0; i < 300; i += 2) v[i].reset();
  EXPECT_EQ(counted::gone.load(), gone + 1 + 150);
  v.clear();
  EXPECT_EQ(counted::made.load(), made + 301);
  EXPECT_EQ(counted::gone.load(), gone + 301);
}

TEST(ThreadCacheAllocator, AllocatorsCompareEqualAndRebind) {
  thread_cache_allocator<int> a;
  thread_cache_allocator<long> b(a);
  thread_cache_allocator<int> c(b);
  EXPECT_TRUE(a == c);
  EXPECT_FALSE(a != c);
  static_assert(
      std::is_same_v<std::allocator_traits<thread_cache_allocator<int>>::rebind_alloc<long>,
                     thread_cache_allocator<long>>);
}

TEST(ThreadCacheAllocator, ABlockFreedIsReusedOnTheSameThread) {
  if (!detail::thread_cache_enabled) GTEST_SKIP() << "the cache is bypassed under ASan and TSan";
  on_fresh_thread([] {
    thread_cache_allocator<blob<200>> a;
    blob<200>* p = a.allocate(1);
    std::memset(p, 0xab, sizeof *p);
    a.deallocate(p, 1);
    blob<200>* q = a.allocate(1);
    EXPECT_EQ(q, p);
    a.deallocate(q, 1);
    // Through allocate_shared too: the block of the control block and object.
    thread_cache_allocator<counted> s;
    auto first = std::allocate_shared<counted>(s, 1, "one");
    const void* where = first.get();
    first.reset();
    auto second = std::allocate_shared<counted>(s, 2, "two");
    EXPECT_EQ(second.get(), where);
    EXPECT_EQ(second->value, 2);
    EXPECT_EQ(second->text, "two");
    // Two blocks live at once are two blocks.
    auto third = std::allocate_shared<counted>(s, 3, "three");
    EXPECT_NE(third.get(), second.get());
  });
}

// Allocated on thread A, freed on thread B: the block joins B's cache, B
// gets it back, and A (whose cache is empty) gets a new one meanwhile.
TEST(ThreadCacheAllocator, ABlockFreedOnAnotherThreadJoinsThatThreadsCache) {
  thread_cache_allocator<blob<216>> a;
  blob<216>* from_a = nullptr;
  on_fresh_thread([&] {
    from_a = a.allocate(1);
    std::memset(from_a, 0x5a, sizeof *from_a);
  });
  ASSERT_NE(from_a, nullptr);
  on_fresh_thread([&] {
    // Thread B frees A's block, then allocates while A allocates too.
    a.deallocate(from_a, 1);
    blob<216>* on_a = nullptr;
    on_fresh_thread([&] { on_a = a.allocate(1); });
    blob<216>* on_b = a.allocate(1);
    if (detail::thread_cache_enabled) {
      EXPECT_EQ(on_b, from_a);
      EXPECT_NE(on_a, from_a);
    }
    std::memset(on_b, 0x11, sizeof *on_b);
    std::memset(on_a, 0x22, sizeof *on_a);
    EXPECT_NE(on_a, on_b);
    a.deallocate(on_a, 1);  // B frees the other thread's block as well
    a.deallocate(on_b, 1);
  });
}

// The same with shared_ptrs: made on one thread, last dropped on another.
TEST(ThreadCacheAllocator, SharedObjectsDroppedOnAnotherThread) {
  const int made = counted::made.load(), gone = counted::gone.load();
  thread_cache_allocator<counted> a;
  std::vector<std::shared_ptr<counted>> v;
  on_fresh_thread([&] {
    for (int i = 0; i < 100; ++i) v.push_back(std::allocate_shared<counted>(a, i, "x"));
  });
  std::set<const void*> made_on_a;
  for (auto& p : v) made_on_a.insert(p.get());
  on_fresh_thread([&] {
    v.clear();
    EXPECT_EQ(counted::gone.load(), gone + 100);
    auto again = std::allocate_shared<counted>(a, 1000, "y");
    if (detail::thread_cache_enabled) {
      EXPECT_EQ(made_on_a.count(again.get()), 1u);
    }
    EXPECT_EQ(again->value, 1000);
  });
  EXPECT_EQ(counted::made.load(), made + 101);
  EXPECT_EQ(counted::gone.load(), gone + 101);
}

// More frees in a row than a thread keeps (a loaded magazine and a full
// spare): the surplus goes to the depot as whole magazines, and every
// block comes back out again, first the thread's own, then the depot's.
TEST(ThreadCacheAllocator, MoreFreesThanAThreadKeepsGoToTheDepot) {
  on_fresh_thread([] {
    static_assert(detail::magazine_size == 64);
    const std::size_t n = detail::magazine_size * 5;
    thread_cache_allocator<blob<232>> a;
    std::vector<blob<232>*> blocks;
    for (std::size_t i = 0; i < n; ++i) {
      blocks.push_back(a.allocate(1));
      std::memset(blocks.back(), static_cast<int>(i), sizeof(blob<232>));
    }
    const std::set<blob<232>*> freed(blocks.begin(), blocks.end());
    EXPECT_EQ(freed.size(), n);
    for (blob<232>* p : blocks) a.deallocate(p, 1);
    std::vector<blob<232>*> again;
    for (std::size_t i = 0; i < n + 10; ++i) {
      again.push_back(a.allocate(1));
      std::memset(again.back(), 0x77, sizeof(blob<232>));
    }
    EXPECT_EQ(std::set<blob<232>*>(again.begin(), again.end()).size(), n + 10);  // all distinct
    if (detail::thread_cache_enabled) {
      // The last magazine freed is the first handed out (LIFO), and all
      // n blocks come back before any fresh one.
      EXPECT_EQ(again[0], blocks[n - 1]);
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(freed.count(again[i]), 1u) << i;
      for (std::size_t i = n; i < n + 10; ++i) EXPECT_EQ(freed.count(again[i]), 0u) << i;
    }
    for (blob<232>* p : again) a.deallocate(p, 1);
    // Allocating and freeing in alternation across a magazine boundary.
    for (int round = 0; round < 2 * static_cast<int>(n); ++round) {
      blob<232>* p = a.allocate(1);
      blob<232>* q = a.allocate(1);
      EXPECT_NE(p, q);
      a.deallocate(q, 1);
      a.deallocate(p, 1);
    }
  });
}

// The producer/consumer pattern the depot is for: one thread makes blocks,
// another frees them; the maker gets the freed blocks back through the
// depot in whole magazines instead of going to the heap.
TEST(ThreadCacheAllocator, BlocksFreedOnOneThreadReachTheMakerThroughTheDepot) {
  if (!detail::thread_cache_enabled) GTEST_SKIP() << "the cache is bypassed under ASan and TSan";
  thread_cache_allocator<blob<296>> a;
  const std::size_t n = detail::magazine_size * 4;  // two stay with the freer, two go to the depot
  std::vector<blob<296>*> made;
  on_fresh_thread([&] {
    for (std::size_t i = 0; i < n; ++i) made.push_back(a.allocate(1));
  });
  std::vector<blob<296>*> remade;
  on_fresh_thread([&] {
    for (blob<296>* p : made) a.deallocate(p, 1);
    on_fresh_thread([&] {  // the maker again, on an empty cache
      for (std::size_t i = 0; i < 2 * detail::magazine_size; ++i) remade.push_back(a.allocate(1));
    });
  });  // the freer exits: its two full magazines go to the depot too
  const std::set<blob<296>*> freed(made.begin(), made.end());
  for (blob<296>* p : remade) EXPECT_EQ(freed.count(p), 1u);
  EXPECT_EQ(std::set<blob<296>*>(remade.begin(), remade.end()).size(), remade.size());
  on_fresh_thread([&] {
    // The freer's magazines, handed back at its exit, come out too.
    std::vector<blob<296>*> rest;
    for (std::size_t i = 0; i < 2 * detail::magazine_size; ++i) rest.push_back(a.allocate(1));
    for (blob<296>* p : rest) EXPECT_EQ(freed.count(p), 1u);
    for (blob<296>* p : rest) a.deallocate(p, 1);
    for (blob<296>* p : remade) a.deallocate(p, 1);
  });
}

// The depot keeps at most max_magazines per size; the rest of a thread's
// blocks go back to the heap (LSan would report a block dropped on the floor).
TEST(ThreadCacheAllocator, TheDepotIsBounded) {
  using depot = detail::block_depot<312, alignof(void*)>;
  const std::size_t n = detail::magazine_size * (depot::max_magazines + 6);
  for (int round = 0; round < 3; ++round) {
    on_fresh_thread([&] {
      thread_cache_allocator<blob<312>> a;
      std::vector<blob<312>*> v;
      for (std::size_t i = 0; i < n; ++i) v.push_back(a.allocate(1));
      for (blob<312>* p : v) a.deallocate(p, 1);
    });
  }
  if (!detail::thread_cache_enabled) return;  // nothing reaches the depot then
  EXPECT_EQ(depot::instance().size(), depot::max_magazines);
  on_fresh_thread([&] {
    thread_cache_allocator<blob<312>> a;
    std::vector<blob<312>*> v;
    for (std::size_t i = 0; i < depot::max_magazines * detail::magazine_size; ++i)
      v.push_back(a.allocate(1));
    EXPECT_EQ(depot::instance().size(), 0u);
    EXPECT_EQ(std::set<blob<312>*>(v.begin(), v.end()).size(), v.size());
    for (blob<312>* p : v) a.deallocate(p, 1);
  });
}

// n != 1 goes to std::allocator: an array never comes out of, or goes
// into, the per-thread cache.
TEST(ThreadCacheAllocator, ArraysBypassTheCache) {
  on_fresh_thread([] {
    thread_cache_allocator<blob<248>> a;
    blob<248>* one = a.allocate(1);
    a.deallocate(one, 1);  // cached (when the cache is on)
    blob<248>* arr = a.allocate(3);
    std::memset(arr, 0x3c, 3 * sizeof(blob<248>));
    if (detail::thread_cache_enabled) {
      EXPECT_NE(arr, one);
    }
    a.deallocate(arr, 3);  // back to the heap, not into the cache
    blob<248>* again = a.allocate(1);
    if (detail::thread_cache_enabled) {
      EXPECT_EQ(again, one);
    }
    a.deallocate(again, 1);
    // A container allocating arrays of every size works.
    std::vector<int, thread_cache_allocator<int>> v;
    for (int i = 0; i < 10'000; ++i) v.push_back(i);
    long sum = 0;
    for (int x : v) sum += x;
    EXPECT_EQ(sum, 10'000L * 9'999 / 2);
    std::vector<int, thread_cache_allocator<int>> copy(v);
    EXPECT_EQ(copy, v);
  });
}

// A thread that exits with blocks in its cache hands them back (LSan would
// report them otherwise), and a block freed by a thread-exit destructor
// that runs after the cache is gone goes straight back to the heap.
TEST(ThreadCacheAllocator, AThreadExitingWithCachedBlocksFreesThem) {
  const int made = counted::made.load(), gone = counted::gone.load();
  for (int t = 0; t < 8; ++t)
    on_fresh_thread([] {
      thread_cache_allocator<blob<264>> a;
      std::vector<blob<264>*> blocks;
      for (int i = 0; i < 40; ++i) blocks.push_back(a.allocate(1));
      for (blob<264>* p : blocks) a.deallocate(p, 1);
      thread_cache_allocator<counted> s;
      for (int i = 0; i < 10; ++i) (void)std::allocate_shared<counted>(s, i, "cached");
    });
  EXPECT_EQ(counted::made.load(), made + 80);
  EXPECT_EQ(counted::gone.load(), gone + 80);

  on_fresh_thread([] {
    // Constructed before this thread's cache, so destroyed after it.
    thread_local std::shared_ptr<counted> late;
    late = std::allocate_shared<counted>(thread_cache_allocator<counted>(), 5, "late");
    auto early = std::allocate_shared<counted>(thread_cache_allocator<counted>(), 6, "early");
    early.reset();  // into the cache, which the thread's exit empties
  });
  EXPECT_EQ(counted::made.load(), made + 82);
  EXPECT_EQ(counted::gone.load(), gone + 82);
}

TEST(ThreadCacheAllocator, OverAlignedTypesGetAlignedBlocks) {
  on_fresh_thread([] {
    thread_cache_allocator<wide> a;
    thread_cache_allocator<wider> b;
    for (int round = 0; round < 3; ++round) {
      std::vector<wide*> ws;
      std::vector<wider*> vs;
      for (int i = 0; i < 80; ++i) {  // past max_cached, so fresh blocks too
        ws.push_back(a.allocate(1));
        vs.push_back(b.allocate(1));
        EXPECT_EQ(addr(ws.back()) % 64, 0u);
        EXPECT_EQ(addr(vs.back()) % 128, 0u);
        std::memset(ws.back(), 1, sizeof(wide));
        std::memset(vs.back(), 2, sizeof(wider));
      }
      for (wide* p : ws) a.deallocate(p, 1);
      for (wider* p : vs) b.deallocate(p, 1);
    }
    wide* arr = a.allocate(4);
    EXPECT_EQ(addr(arr) % 64, 0u);
    a.deallocate(arr, 4);
    // The object inside allocate_shared's block is aligned too.
    for (int i = 0; i < 100; ++i) {
      auto p = std::allocate_shared<wide>(a);
      auto q = std::allocate_shared<wider>(b);
      EXPECT_EQ(addr(p.get()) % 64, 0u);
      EXPECT_EQ(addr(q.get()) % 128, 0u);
    }
  });
}

}  // namespace
}  // namespace netns
