// SPDX-License-Identifier: GPL-2.0-only
// Lock annotations (Clang's -Wthread-safety) and the annotated locks the
// project uses in place of the kernel's rwsems and mutexes.
//
// Example:
//   #include <vector>
//   struct registry {
//     netns::shared_mutex rwsem;
//     std::vector<int> ids NETNS_GUARDED_BY(rwsem);
//   };
//   registry r;
//   { netns::write_lock l(r.rwsem); r.ids.push_back(1); }          // down_write
//   { netns::read_lock l(r.rwsem); bool none = r.ids.empty(); }    // down_read
//
// With GCC the macros expand to nothing. Cost: that of std::mutex; one
// atomic instruction per uncontended shared_mutex lock or unlock.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

#if defined(__clang__)
#define NETNS_TSA(x) __attribute__((x))
#else
#define NETNS_TSA(x)
#endif

#define NETNS_CAPABILITY(x) NETNS_TSA(capability(x))
#define NETNS_SCOPED_CAPABILITY NETNS_TSA(scoped_lockable)
#define NETNS_GUARDED_BY(x) NETNS_TSA(guarded_by(x))
#define NETNS_PT_GUARDED_BY(x) NETNS_TSA(pt_guarded_by(x))
#define NETNS_REQUIRES(...) NETNS_TSA(requires_capability(__VA_ARGS__))
#define NETNS_REQUIRES_SHARED(...) NETNS_TSA(requires_shared_capability(__VA_ARGS__))
#define NETNS_ACQUIRE(...) NETNS_TSA(acquire_capability(__VA_ARGS__))
#define NETNS_ACQUIRE_SHARED(...) NETNS_TSA(acquire_shared_capability(__VA_ARGS__))
#define NETNS_RELEASE(...) NETNS_TSA(release_capability(__VA_ARGS__))
#define NETNS_RELEASE_SHARED(...) NETNS_TSA(release_shared_capability(__VA_ARGS__))
#define NETNS_RELEASE_GENERIC(...) NETNS_TSA(release_generic_capability(__VA_ARGS__))
#define NETNS_EXCLUDES(...) NETNS_TSA(locks_excluded(__VA_ARGS__))
#define NETNS_NO_THREAD_SAFETY_ANALYSIS NETNS_TSA(no_thread_safety_analysis)

namespace netns {

class NETNS_CAPABILITY("mutex") mutex {
 public:
  void lock() NETNS_ACQUIRE() { m_.lock(); }
  void unlock() NETNS_RELEASE() { m_.unlock(); }
  bool try_lock() NETNS_TSA(try_acquire_capability(true)) { return m_.try_lock(); }
  std::mutex& native() { return m_; }

 private:
  std::mutex m_;
};

// A spinlock for critical sections of a few instructions that two threads
// hit at a high rate (the proc inode allocator: one thread makes namespaces
// while the cleanup worker frees them), where a sleeping mutex would turn
// every collision into a futex wait and a wake-up.
class NETNS_CAPABILITY("mutex") spinlock {
 public:
  void lock() NETNS_ACQUIRE() {
    for (int spins = 0; flag_.test_and_set(std::memory_order_acquire); ++spins) {
      if (spins >= 64) std::this_thread::yield();  // the holder may be off the CPU
    }
  }
  void unlock() NETNS_RELEASE() { flag_.clear(std::memory_order_release); }

 private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class NETNS_SCOPED_CAPABILITY spin_guard {
 public:
  explicit spin_guard(spinlock& l) NETNS_ACQUIRE(l) : l_(l) { l_.lock(); }
  ~spin_guard() NETNS_RELEASE() { l_.unlock(); }
  spin_guard(const spin_guard&) = delete;
  spin_guard& operator=(const spin_guard&) = delete;

 private:
  spinlock& l_;
};

// A reader-writer lock (the kernel's rw_semaphore) on one atomic word:
// an uncontended lock or unlock is one atomic instruction. glibc's
// pthread_rwlock, behind std::shared_mutex, spent 30 to 50 instructions on
// each, and every namespace takes pernet_ops_rwsem for read and net_rwsem
// for write (a tenth of making and destroying one, measured). Readers come
// first, as with glibc's default: a reader gets in whenever no writer holds
// the lock (writers here are rare: registrations, barriers, list changes).
// Waiters spin briefly, then sleep on the word (std::atomic::wait); a flag
// in the word tells an unlock whether anyone may be asleep.
class NETNS_CAPABILITY("shared_mutex") shared_mutex {
 public:
  shared_mutex() = default;
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;

  void lock() NETNS_ACQUIRE() {
    std::uint32_t free = 0;
    if (!state_.compare_exchange_strong(free, writer, std::memory_order_acquire, std::memory_order_relaxed))
      lock_slow();
  }
  void unlock() NETNS_RELEASE() {
    if (state_.exchange(0, std::memory_order_release) & waiters) state_.notify_all();
  }
  void lock_shared() NETNS_ACQUIRE_SHARED() {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    if ((s & writer) || !state_.compare_exchange_weak(s, s + 1, std::memory_order_acquire,
                                                      std::memory_order_relaxed))
      lock_shared_slow();
  }
  void unlock_shared() NETNS_RELEASE_SHARED() {
    const std::uint32_t s = state_.fetch_sub(1, std::memory_order_release) - 1;
    if ((s & readers) == 0 && (s & waiters)) wake_after_readers();
  }

 private:
  static constexpr std::uint32_t writer = 1u << 31;
  static constexpr std::uint32_t waiters = 1u << 30;  // someone may be asleep on state_
  static constexpr std::uint32_t readers = waiters - 1;
  static constexpr int spin_limit = 100;

  // Sets the waiters flag in `s` (as read) and sleeps while the word stays
  // so; false when the word changed first (the caller looks again).
  void sleep_on(std::uint32_t s) {
    if (!(s & waiters) && !state_.compare_exchange_weak(s, s | waiters, std::memory_order_relaxed,
                                                        std::memory_order_relaxed))
      return;
    state_.wait(s | waiters, std::memory_order_relaxed);
  }
  [[gnu::noinline]] void lock_slow() {
    for (int spins = 0;; ++spins) {
      std::uint32_t s = state_.load(std::memory_order_relaxed);
      if ((s & ~waiters) == 0) {  // free; keep the flag for the others asleep
        if (state_.compare_exchange_weak(s, writer | (s & waiters), std::memory_order_acquire,
                                         std::memory_order_relaxed))
          return;
      } else if (spins < spin_limit) {
        std::this_thread::yield();
      } else {
        sleep_on(s);
      }
    }
  }
  [[gnu::noinline]] void lock_shared_slow() {
    for (int spins = 0;; ++spins) {
      std::uint32_t s = state_.load(std::memory_order_relaxed);
      if (!(s & writer)) {
        if (state_.compare_exchange_weak(s, s + 1, std::memory_order_acquire, std::memory_order_relaxed))
          return;
      } else if (spins < spin_limit) {
        std::this_thread::yield();
      } else {
        sleep_on(s);
      }
    }
  }
  // The last reader left with sleepers flagged: clear the flag and wake
  // them, unless someone took the lock meanwhile (its unlock wakes them).
  [[gnu::noinline]] void wake_after_readers() {
    std::uint32_t s = state_.load(std::memory_order_relaxed);
    while ((s & (writer | readers)) == 0 && (s & waiters)) {
      if (state_.compare_exchange_weak(s, s & ~waiters, std::memory_order_relaxed, std::memory_order_relaxed)) {
        state_.notify_all();
        return;
      }
    }
  }

  std::atomic<std::uint32_t> state_{0};
};

class NETNS_SCOPED_CAPABILITY lock_guard {
 public:
  explicit lock_guard(mutex& m) NETNS_ACQUIRE(m) : m_(m) { m_.lock(); }
  ~lock_guard() NETNS_RELEASE() { m_.unlock(); }
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;

 private:
  mutex& m_;
};

// down_write() ... up_write()
// std::unique_lock over an annotated mutex, for condition variables
// (`cv.wait(l.native(), pred)`): held from construction to destruction and
// between unlock() and lock() as annotated. A wait gives the mutex up and
// has it again when it returns, so the analysis's view holds wherever this
// code runs; a wait's predicate runs with the mutex held too
// (annotate the lambda NETNS_REQUIRES).
class NETNS_SCOPED_CAPABILITY unique_lock {
 public:
  explicit unique_lock(mutex& m) NETNS_ACQUIRE(m) : l_(m.native()) {}
  ~unique_lock() NETNS_RELEASE() {}
  void lock() NETNS_ACQUIRE() { l_.lock(); }
  void unlock() NETNS_RELEASE() { l_.unlock(); }
  std::unique_lock<std::mutex>& native() { return l_; }

 private:
  std::unique_lock<std::mutex> l_;
};

class NETNS_SCOPED_CAPABILITY write_lock {
 public:
  explicit write_lock(shared_mutex& m) NETNS_ACQUIRE(m) : m_(m) { m_.lock(); }
  ~write_lock() NETNS_RELEASE() { m_.unlock(); }
  write_lock(const write_lock&) = delete;
  write_lock& operator=(const write_lock&) = delete;

 private:
  shared_mutex& m_;
};

// down_read() ... up_read()
class NETNS_SCOPED_CAPABILITY read_lock {
 public:
  explicit read_lock(shared_mutex& m) NETNS_ACQUIRE_SHARED(m) : m_(m) { m_.lock_shared(); }
  ~read_lock() NETNS_RELEASE_GENERIC() { m_.unlock_shared(); }
  read_lock(const read_lock&) = delete;
  read_lock& operator=(const read_lock&) = delete;

 private:
  shared_mutex& m_;
};

}  // namespace netns
