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
// With GCC the macros expand to nothing. Cost: that of std::mutex and
// std::shared_mutex.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>
#include <shared_mutex>

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

class NETNS_CAPABILITY("shared_mutex") shared_mutex {
 public:
  void lock() NETNS_ACQUIRE() { m_.lock(); }
  void unlock() NETNS_RELEASE() { m_.unlock(); }
  void lock_shared() NETNS_ACQUIRE_SHARED() { m_.lock_shared(); }
  void unlock_shared() NETNS_RELEASE_SHARED() { m_.unlock_shared(); }

 private:
  std::shared_mutex m_;
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
