// SPDX-License-Identifier: GPL-2.0-only
// liburcu glue: per-thread registration that undoes itself at thread exit,
// and grace-period waits that also tell ThreadSanitizer what they order.
#include "netns/base/rcu.hpp"

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

void barrier() {
  detail::ensure_registered();
  urcu_memb_barrier();
#if defined(NETNS_TSAN)
  __tsan_acquire(&detail::tsan_callback_token);
#endif
}

namespace {
void trampoline(rcu_head* u) {
  head* h = caa_container_of(u, head, urcu);
#if defined(NETNS_TSAN)
  __tsan_acquire(h);  // the queueing in call(): liburcu's queue is invisible to TSan
  __tsan_acquire(&detail::tsan_grace_token);
#endif
  h->fn(h);
#if defined(NETNS_TSAN)
  __tsan_release(&detail::tsan_callback_token);
#endif
}
}  // namespace

void call(head* h, void (*fn)(head*)) {
  detail::ensure_registered();
  h->fn = fn;
#if defined(NETNS_TSAN)
  __tsan_release(h);
#endif
  urcu_memb_call_rcu(&h->urcu, trampoline);
}

}  // namespace netns::rcu
