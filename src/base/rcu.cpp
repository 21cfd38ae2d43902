// SPDX-License-Identifier: GPL-2.0-only
// liburcu glue: per-thread registration that undoes itself at thread exit,
// and grace-period waits that also tell ThreadSanitizer what they order.
#include "netns/base/rcu.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace netns::rcu {

namespace detail {

#if defined(NETNS_TSAN)
char tsan_grace_token;
// Callbacks finishing happen before barrier() returns.
static char tsan_callback_token;
#endif

namespace {
// Unregisters the thread from liburcu when it exits. Constructed on the
// thread's first registration only, so unregistered threads pay nothing.
struct registration {
  registration() {
    urcu_memb_register_thread();
    t_registered = true;
  }
  ~registration() {
    urcu_memb_unregister_thread();
    t_registered = false;
  }
};
}  // namespace

void register_thread_slow() { static thread_local registration r; }

}  // namespace detail

void synchronize() {
  detail::ensure_registered();
  urcu_memb_synchronize_rcu();
#if defined(NETNS_TSAN)
  __tsan_acquire(&detail::tsan_grace_token);
#endif
}

namespace {

// The callback thread: process-wide like liburcu's domain (never destroyed,
// so callbacks queued during process exit cannot meet a dead queue).
class callback_thread {
 public:
  static callback_thread& instance() {
    static callback_thread* t = new callback_thread;
    return *t;
  }

  void queue(head* h) {
    std::lock_guard l(lock_);
    h->next = nullptr;
    if (tail_) tail_->next = h;
    else first_ = h;
    tail_ = h;
    ++queued_;
    wake_.notify_one();
  }

  // Waits until every callback queued so far has run.
  void barrier() {
    std::unique_lock l(lock_);
    const std::uint64_t target = queued_;
    done_cv_.wait(l, [&] { return done_ >= target; });
  }

 private:
  callback_thread() { std::thread([this] { run(); }).detach(); }

  void run() {
    std::unique_lock l(lock_);
    for (;;) {
      wake_.wait(l, [&] { return first_ != nullptr; });
      head* batch = first_;
      first_ = tail_ = nullptr;
      l.unlock();
      std::uint64_t n = 0;
      synchronize();  // one grace period for the whole batch
      while (batch) {
        head* next = batch->next;
        batch->fn(batch);
#if defined(NETNS_TSAN)
        __tsan_release(&detail::tsan_callback_token);
#endif
        batch = next;
        ++n;
      }
      l.lock();
      done_ += n;
      done_cv_.notify_all();
    }
  }

  std::mutex lock_;
  std::condition_variable wake_, done_cv_;
  head* first_ = nullptr;
  head* tail_ = nullptr;
  std::uint64_t queued_ = 0;  // callbacks queued, ever
  std::uint64_t done_ = 0;    // callbacks run, ever
};

}  // namespace

void barrier() {
  detail::ensure_registered();
  callback_thread::instance().barrier();
#if defined(NETNS_TSAN)
  __tsan_acquire(&detail::tsan_callback_token);
#endif
}

void call(head* h, void (*fn)(head*)) {
  h->fn = fn;
  callback_thread::instance().queue(h);
}

}  // namespace netns::rcu
