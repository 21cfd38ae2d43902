// SPDX-License-Identifier: GPL-2.0-only
// The cleanup list and its worker (net/core/net_namespace.c: cleanup_list,
// net_cleanup_work, netns_wq).
#include "netns/core/net_cleanup_work.hpp"

#include <algorithm>
#include <utility>

#include "netns/core/net.hpp"

namespace netns {

net_cleanup_work::net_cleanup_work(cleanup_fn cleanup_net, std::chrono::microseconds quiet,
                                   std::chrono::microseconds gather_max)
    : cleanup_net_(std::move(cleanup_net)), quiet_(quiet), gather_max_(gather_max) {}

net_cleanup_work::~net_cleanup_work() { stop(); }

void net_cleanup_work::stop() {
  if (!worker_.joinable()) return;
  {
    lock_guard l(mutex_);
    stopping_ = true;
  }
  worker_cv_.notify_one();
  worker_.join();
}

void net_cleanup_work::start() { worker_ = std::thread([this] { run(); }); }

// Only the push that found the list empty queues the work; the worker then
// takes everything pushed by the time it runs.
void net_cleanup_work::queue(net* n) {
  net* head = list_.load(std::memory_order_relaxed);
  do {
    n->cleanup_next_ = head;
  } while (!list_.compare_exchange_weak(head, n, std::memory_order_release,
                                        std::memory_order_relaxed));
  if (head != nullptr) return;
  bool wake;
  {
    lock_guard l(mutex_);
    queued_ = true;
    // A worker still gathering finds the list again by itself: waking it
    // would only cost a switch on the way back to its wait.
    wake = waiting_;
  }
  // Signalled after the unlock: a worker woken onto this CPU would
  // otherwise preempt us and then sleep on the mutex we still hold.
  if (wake) worker_cv_.notify_one();
}

net* net_cleanup_work::take_all() { return list_.exchange(nullptr, std::memory_order_acquire); }

// One batch at a time, whoever runs it (the worker, or a settler helping).
void net_cleanup_work::run_batch() {
  lock_guard b(batch_mutex_);
  if (net* kill_list = take_all()) {
    batches_taken_.fetch_add(1, std::memory_order_relaxed);
    cleanup_net_(kill_list);
  }
}

void net_cleanup_work::run() {
  unique_lock l(mutex_);
  // A settler took the last batch gathered: it cleans up what it drops,
  // so the next gathering waits the longest a batch may before it looks.
  bool settler_took = false;
  for (;;) {
    waiting_ = true;
    worker_cv_.wait(l.native(), [&]() NETNS_REQUIRES(mutex_) { return queued_ || stopping_; });
    waiting_ = false;
    if (!queued_) return;  // stopping, nothing left
    queued_ = false;
    const bool gathered = gather(l, settler_took ? gather_max_ : quiet_);
    settler_took = !gathered;
    if (gathered) {
      running_ = true;
      l.unlock();
      run_batch();
      l.lock();
      running_ = false;
    }
    if (!queued_) hurry_ = false;
    idle_cv_.notify_all();
  }
}

// Waits (mutex_ held) while namespaces keep arriving on the list: see
// kernel_config::cleanup_quiet; the first look comes after `first`.
// False when a settler took the list meanwhile: the batch gathered so far
// is cleaned up, and what was pushed since is a new batch, which gets a
// gathering of its own (run() starts it if a push queued the work again)
// rather than the rest of this one's.
bool net_cleanup_work::gather(unique_lock& l, std::chrono::microseconds first) {
  if (quiet_.count() <= 0) return true;
  const auto deadline = std::chrono::steady_clock::now() + gather_max_;
  const std::uint64_t taken = batches_taken_.load(std::memory_order_relaxed);
  net* seen = list_.load(std::memory_order_relaxed);
  // Each look that finds more arrivals doubles the wait before the next:
  // a worker that woke every quiet_ through a long stream of drops would
  // preempt the dropping thread again and again wherever the scheduler
  // put both on one CPU (about a quarter of that thread's time, measured).
  std::chrono::microseconds interval = first;
  while (!hurry_ && !stopping_) {
    auto until = std::min(std::chrono::steady_clock::now() + interval, deadline);
    if (worker_cv_.wait_until(l.native(), until,
                              [&]() NETNS_REQUIRES(mutex_) { return hurry_ || stopping_; }))
      return true;
    if (batches_taken_.load(std::memory_order_relaxed) != taken) return false;
    net* head = list_.load(std::memory_order_relaxed);
    if (head == seen || std::chrono::steady_clock::now() >= deadline) return true;
    seen = head;
    interval *= 2;
  }
  return true;
}

void net_cleanup_work::settle() {
  // The settler would only sleep until the batch is done: it cleans up
  // what is queued itself, on its own CPU, where the nets were made and
  // their memory is warm (and where the thread cache it frees into is the
  // one its next namespaces come from). The worker, if it was gathering,
  // finds the list empty. A worker still gathering is not waited for:
  // with nothing on the list it has nothing to clean up.
  run_batch();
  unique_lock l(mutex_);
  auto idle = [&]() NETNS_REQUIRES(mutex_) {
    return !running_ && list_.load(std::memory_order_acquire) == nullptr;
  };
  if (!idle()) {
    hurry_ = true;  // what came after our batch: cut the worker's gathering short
    worker_cv_.notify_one();
  }
  idle_cv_.wait(l.native(), idle);
}

}  // namespace netns
