// SPDX-License-Identifier: GPL-2.0-only
// net_cleanup_work: the kernel's cleanup_list and the single worker of
// netns_wq that empties it. __put_net pushes a dying net; the push that
// finds the list empty queues the work; the worker takes the whole list at
// once and hands it to the kernel's cleanup_net as one batch.
//
// It knows nets only as list nodes: what a batch's cleanup does is the
// kernel's (net_namespace.cpp).
//
// Example:
//   #include "netns/core/kernel.hpp"
//   kernel k;                                   // owns one net_cleanup_work
//   auto n = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), global_root_uid);
//   if (!n) return n.error();
//   n->reset();   // last active put: __put_net -> net_cleanup_work::queue
//   k.settle();   // net_cleanup_work::settle: the batch has been cleaned up
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <thread>

#include "netns/base/thread_annotations.hpp"

namespace netns {

class net;

class net_cleanup_work {
 public:
  // cleanup_net gets each batch as a list linked by net's cleanup_next_,
  // newest first (an llist is LIFO, as the kernel's is).
  using cleanup_fn = std::function<void(net* kill_list)>;

  // quiet/gather_max: see kernel_config::cleanup_quiet.
  net_cleanup_work(cleanup_fn cleanup_net, std::chrono::microseconds quiet,
                   std::chrono::microseconds gather_max);
  // Stops the worker (stop()).
  ~net_cleanup_work();
  net_cleanup_work(const net_cleanup_work&) = delete;
  net_cleanup_work& operator=(const net_cleanup_work&) = delete;

  // Starts the worker (once; the kernel does it at the end of boot).
  void start();
  // __put_net: n goes on the list. Safe from any thread, lock-free unless
  // the list was empty.
  void queue(net* n);
  // Waits until the list is empty and the worker idle; a worker gathering
  // a batch stops waiting for more. What is queued when it is called it
  // cleans up itself, on the calling thread (the exits run there), rather
  // than sleep while the worker does it on another CPU. Not from inside a
  // cleanup, nor with a lock an exit takes.
  void settle();
  // Stops the worker once what is queued has been cleaned up; nothing may
  // be queued afterwards. Idempotent.
  void stop();

 private:
  void run();
  bool gather(unique_lock& l, std::chrono::microseconds first) NETNS_REQUIRES(mutex_);
  net* take_all();
  void run_batch();

  const cleanup_fn cleanup_net_;
  const std::chrono::microseconds quiet_;
  const std::chrono::microseconds gather_max_;

  std::atomic<net*> list_{nullptr};  // llist: pushed by queue, taken whole by the worker
  std::atomic<std::uint64_t> batches_taken_{0};  // non-empty lists taken by run_batch
  mutex batch_mutex_;  // one cleanup_net at a time (netns_wq is ordered)
  mutex mutex_;
  std::condition_variable worker_cv_;
  std::condition_variable idle_cv_;
  bool queued_ NETNS_GUARDED_BY(mutex_) = false;
  bool waiting_ NETNS_GUARDED_BY(mutex_) = false;  // the worker waits for queued_ (not gathering)
  bool running_ NETNS_GUARDED_BY(mutex_) = false;  // the worker is in a batch (not gathering)
  bool stopping_ NETNS_GUARDED_BY(mutex_) = false;
  bool hurry_ NETNS_GUARDED_BY(mutex_) = false;  // settle() is waiting: stop gathering
  std::thread worker_;
};

}  // namespace netns
