// SPDX-License-Identifier: GPL-2.0-only
// The ucounts table (kernel/ucount.c: alloc_ucounts, put_ucounts).
#include "netns/core/ucount.hpp"

#include <new>

#include "netns/core/user_namespace.hpp"

namespace netns {

namespace {
void free_ucounts_rcu(rcu::head* h) {
  // container_of(h, struct ucounts, rcu)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  delete reinterpret_cast<ucounts*>(reinterpret_cast<char*>(h) - offsetof(ucounts, rcu));
#pragma GCC diagnostic pop
}
}  // namespace

// hash_ptr(ns) + uid, as ucounts_hashfn.
std::atomic<ucounts*>& ucounts_table::chain(const user_namespace& ns, kuid uid) {
  const auto h = (reinterpret_cast<std::uintptr_t>(&ns) + uid.val) * 0x9E3779B97F4A7C15ULL;
  return chains_[h >> (64 - hash_bits)];
}

ucounts* ucounts_table::find_get(std::atomic<ucounts*>& head, const user_namespace& ns, kuid uid) {
  for (ucounts* uc = rcu::dereference(head); uc; uc = rcu::dereference(uc->hash_next))
    if (uc->ns == &ns && uc->uid == uid && uc->count.inc_not_zero()) return uc;
  return nullptr;
}

ucounts* ucounts_table::get(user_namespace& ns, kuid uid, fault_injector<fault_point>& faults) {
  std::atomic<ucounts*>& head = chain(ns, uid);
  {
    rcu::read_guard g;
    if (ucounts* uc = find_get(head, ns, uid)) return uc;
  }
  lock_guard l(lock_);
  // Someone may have inserted it since; a dying record (count 0) is
  // passed over and a new one goes in front of it.
  {
    rcu::read_guard g;
    if (ucounts* uc = find_get(head, ns, uid)) return uc;
  }
  if (faults.should_fail(fault_point::ucounts_alloc)) return nullptr;
  auto* uc = new (std::nothrow) ucounts;
  if (!uc) return nullptr;
  uc->ns = &ns;
  uc->uid = uid;
  uc->hash_next.store(head.load(std::memory_order_relaxed), std::memory_order_relaxed);
  rcu::assign_pointer(head, uc);
  return uc;
}

void ucounts_table::put(ucounts* uc) {
  if (!uc->count.dec_and_test()) return;
  {
    lock_guard l(lock_);
    std::atomic<ucounts*>* link = &chain(*uc->ns, uc->uid);
    while (link->load(std::memory_order_relaxed) != uc)
      link = &link->load(std::memory_order_relaxed)->hash_next;
    link->store(uc->hash_next.load(std::memory_order_relaxed), std::memory_order_release);
  }
  rcu::call(&uc->rcu, free_ucounts_rcu);
}

long ucounts_table::read(const user_namespace& ns, kuid uid, int type) {
  rcu::read_guard g;
  long sum = 0;
  // A dying record still listed holds nothing (its charges were dropped
  // before its last put); a live one follows it or precedes it.
  for (ucounts* uc = rcu::dereference(chain(ns, uid)); uc; uc = rcu::dereference(uc->hash_next))
    if (uc->ns == &ns && uc->uid == uid) sum += uc->ucount[type].load(std::memory_order_relaxed);
  return sum;
}

}  // namespace netns
