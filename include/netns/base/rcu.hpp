// SPDX-License-Identifier: GPL-2.0-only
// RCU over liburcu's urcu-memb flavour.
//
// Readers bracket lookups with a read_guard; writers publish with
// assign_pointer and reclaim only after synchronize() (or with call(), which
// runs a callback after a grace period). barrier() waits for every callback
// already queued, like the kernel's rcu_barrier().
//
// Example:
//   struct config { int mtu; };
//   std::atomic<config*> slot{new config{1500}};
//   {
//     rcu::read_guard g;                          // a reader: no lock, never blocks
//     int mtu = rcu::dereference(slot)->mtu;      // cannot be freed until g ends
//   }
//   config* old = rcu::dereference(slot);         // the writer (under its own lock):
//   rcu::assign_pointer(slot, new config{9000});  // publishes a new one,
//   rcu::synchronize();                           // waits for the readers,
//   delete old;                                   // then frees the old one
//
// Threads are registered with liburcu on their first read_guard or call()
// and unregistered when they exit, so users cannot forget it.
//
// liburcu's grace-period domain is process-wide: the one global state that
// the project allows (DESIGN.md). Many kernels share it, which is safe: a
// grace period waits for every reader in the process.
//
// Cost: read_guard is two thread-local stores and a compiler barrier
// (the sys_membarrier scheme puts the heavy fence on the writer side);
// synchronize() costs a membarrier system call, tens of microseconds;
// barrier() one grace period plus a thread wake-up when callbacks wait.
//
// Under ThreadSanitizer (NETNS_TSAN) the grace period is also announced to
// TSan as a happens-before edge from every reader's unlock to the end of
// synchronize(), which TSan cannot see through liburcu's barriers.
#pragma once

// Inline read-side fast paths (LGPL code, GPL-compatible). Not under TSan:
// there liburcu's own (uninstrumented) functions are called instead, since
// TSan would flag liburcu's internal lock-free protocol as races.
#if !defined(_LGPL_SOURCE) && !defined(NETNS_TSAN)
#define _LGPL_SOURCE
#endif
#include <urcu/urcu-memb.h>

#include <atomic>
#include <cstddef>

#if defined(NETNS_TSAN)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace netns::rcu {

namespace detail {
inline thread_local bool t_registered = false;
void register_thread_slow();
#if defined(NETNS_TSAN)
extern char tsan_grace_token;
#endif
inline void ensure_registered() {
  if (!t_registered) register_thread_slow();
}
}  // namespace detail

// Registers the calling thread with liburcu if it is not yet (idempotent).
inline void register_thread() { detail::ensure_registered(); }

// An RCU read-side critical section. Nests. Never blocks.
class read_guard {
 public:
  read_guard() {
    detail::ensure_registered();
    urcu_memb_read_lock();
  }
  ~read_guard() {
#if defined(NETNS_TSAN)
    __tsan_release(&detail::tsan_grace_token);
#endif
    urcu_memb_read_unlock();
  }
  read_guard(const read_guard&) = delete;
  read_guard& operator=(const read_guard&) = delete;
};

// True inside a read_guard of this thread (for assertions).
inline bool read_held() { return detail::t_registered && urcu_memb_read_ongoing(); }

// Waits until every read-side critical section that began before it ended.
// Must not be called inside a read_guard.
void synchronize();

// Waits until every callback queued with call() before it has run.
void barrier();

// A callback to run after a grace period: embed one in the object to free.
struct head {
  head* next = nullptr;
  void (*fn)(head*) = nullptr;
};

// Runs fn(h) after a grace period, on the process's callback thread. Not
// liburcu's call_rcu: its thread sleeps 10 ms between batches, so every
// barrier() (one per cleanup batch) took up to 10 ms once it existed. Ours
// wakes at the first call, waits one grace period for everything queued by
// then, runs it, and sleeps until the next call.
void call(head* h, void (*fn)(head*));

// Publish a pointer: everything written to *p before is visible to readers
// that see p.
template <class T>
inline void assign_pointer(std::atomic<T*>& slot, T* p) {
  slot.store(p, std::memory_order_release);
}

// Read a published pointer inside a read_guard (or with the update lock held).
template <class T>
inline T* dereference(const std::atomic<T*>& slot) {
  return slot.load(std::memory_order_acquire);
}

}  // namespace netns::rcu
