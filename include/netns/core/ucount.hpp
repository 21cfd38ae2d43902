// SPDX-License-Identifier: GPL-2.0-only
// The ucounts table (kernel/ucount.c): one charge record per (user
// namespace, uid) pair, shared by everything that uid created there, found
// by a hash under one lock. inc_ucount/dec_ucount (user_namespace.hpp)
// charge and uncharge a namespace at every level up to the root.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   ucounts* uc = k->ucounts().get(k->init_user_ns(), global_root_uid, k->faults());
//   if (!uc) return errc{ENOMEM};                   // only with a fault armed
//   bool same = k->ucounts().get(k->init_user_ns(), global_root_uid, k->faults()) == uc;  // true
//   k->ucounts().put(uc);
//   k->ucounts().put(uc);                           // the last put frees it
//
// Locking: ucounts_lock, a mutex of the table's, around every lookup,
// insert and last put; the counts inside a record are atomics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "netns/base/fault_injection.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/base/thread_cache_allocator.hpp"
#include "netns/core/fault_points.hpp"
#include "netns/core/ids.hpp"

namespace netns {

class user_namespace;
struct ucounts;

class ucounts_table {
 public:
  ucounts_table() = default;
  ucounts_table(const ucounts_table&) = delete;
  ucounts_table& operator=(const ucounts_table&) = delete;

  // alloc_ucounts: the record of (ns, uid) with one more reference, made
  // if needed; nullptr when making it fails (ucounts_alloc).
  ucounts* get(user_namespace& ns, kuid uid, fault_injector<fault_point>& faults);
  // put_ucounts: the last reference unhashes and frees the record.
  void put(ucounts* uc);
  // The count of `type` charged to (ns, uid), 0 when there is no record.
  long read(const user_namespace& ns, kuid uid, int type);

 private:
  struct key {
    const user_namespace* ns;
    std::uint32_t uid;
    friend bool operator==(const key&, const key&) = default;
  };
  struct key_hash {
    std::size_t operator()(const key& k) const noexcept {
      return std::hash<const void*>()(k.ns) ^ (std::size_t{k.uid} * 0x9E3779B97F4A7C15ULL);
    }
  };
  mutex lock_;
  std::unordered_map<key, ucounts*, key_hash, std::equal_to<>,
                     thread_cache_allocator<std::pair<const key, ucounts*>>>
      table_ NETNS_GUARDED_BY(lock_);
};

}  // namespace netns
