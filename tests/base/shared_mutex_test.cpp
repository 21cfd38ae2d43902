// SPDX-License-Identifier: GPL-2.0-only
// shared_mutex, the project's rw_semaphore: readers share it, a writer
// has it alone, and nobody who waits is left asleep once it is free.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "netns/base/thread_annotations.hpp"

namespace netns {
namespace {

using namespace std::chrono_literals;

// Every reader is inside at the same time: none waits for another.
TEST(SharedMutex, ReadersShareIt) {
  shared_mutex m;
  constexpr int n = 4;
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < n; ++i)
    ts.emplace_back([&] {
      read_lock l(m);
      int now = inside.fetch_add(1) + 1;
      for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      // Stay until all are in (bounded, so a broken lock fails rather than hangs).
      for (auto until = std::chrono::steady_clock::now() + 5s;
           inside.load() < n && std::chrono::steady_clock::now() < until;)
        std::this_thread::yield();
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(most.load(), n);
}

// A writer waits for the readers, and readers wait for a writer.
TEST(SharedMutex, WriterExcludesReaders) {
  shared_mutex m;
  std::atomic<bool> writer_in{false};
  m.lock_shared();
  std::thread w([&] {
    write_lock l(m);
    writer_in = true;
    std::this_thread::sleep_for(20ms);
    writer_in = false;
  });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(writer_in.load()) << "a writer got in beside a reader";
  m.unlock_shared();  // the last reader leaves: the writer, asleep by now, must wake
  for (auto until = std::chrono::steady_clock::now() + 5s;
       !writer_in.load() && std::chrono::steady_clock::now() < until;)
    std::this_thread::yield();
  ASSERT_TRUE(writer_in.load()) << "the writer was not woken";
  {
    read_lock l(m);  // waits for the writer
    EXPECT_FALSE(writer_in.load()) << "a reader got in beside the writer";
  }
  w.join();
}

// Writers and readers at once: the writers' updates are never torn or
// lost, readers never see half of one, and everyone finishes (no lost
// wake-up leaves a thread asleep).
TEST(SharedMutex, StressKeepsInvariant) {
  shared_mutex m;
  long a = 0, b = 0;  // written together under the lock: a == b whenever it is free
  std::atomic<long> torn{0};
  constexpr int writers = 2, readers = 3, iterations = 20000;
  std::vector<std::thread> ts;
  for (int i = 0; i < writers; ++i)
    ts.emplace_back([&] {
      for (int k = 0; k < iterations; ++k) {
        write_lock l(m);
        ++a;
        if (k % 1000 == 0) std::this_thread::yield();  // let others queue and sleep
        ++b;
      }
    });
  for (int i = 0; i < readers; ++i)
    ts.emplace_back([&] {
      for (int k = 0; k < iterations; ++k) {
        read_lock l(m);
        if (a != b) torn.fetch_add(1);
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(a, long{writers} * iterations);
  EXPECT_EQ(b, a);
}

}  // namespace
}  // namespace netns
