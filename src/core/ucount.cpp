// SPDX-License-Identifier: GPL-2.0-only
// The ucounts table (kernel/ucount.c: alloc_ucounts, put_ucounts).
#include "netns/core/ucount.hpp"

#include <new>

#include "netns/core/user_namespace.hpp"

namespace netns {

ucounts* ucounts_table::get(user_namespace& ns, kuid uid, fault_injector<fault_point>& faults) {
  lock_guard l(lock_);
  auto it = table_.find({&ns, uid.val});
  if (it != table_.end()) {
    it->second->count.inc();
    return it->second;
  }
  if (faults.should_fail(fault_point::ucounts_alloc)) return nullptr;
  auto* uc = new (std::nothrow) ucounts;
  if (!uc) return nullptr;
  uc->ns = &ns;
  uc->uid = uid;
  table_.emplace(key{&ns, uid.val}, uc);
  return uc;
}

void ucounts_table::put(ucounts* uc) {
  lock_guard l(lock_);
  if (!uc->count.dec_and_test()) return;
  table_.erase({uc->ns, uc->uid.val});
  delete uc;
}

long ucounts_table::read(const user_namespace& ns, kuid uid, int type) {
  lock_guard l(lock_);
  auto it = table_.find({&ns, uid.val});
  return it == table_.end() ? 0 : it->second->ucount[type].load(std::memory_order_relaxed);
}

}  // namespace netns
