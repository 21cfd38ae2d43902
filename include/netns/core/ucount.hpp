// SPDX-License-Identifier: GPL-2.0-only
// The ucounts table (kernel/ucount.c): one charge record per (user
// namespace, uid) pair, shared by everything that uid created there, found
// in a hash of 1024 chains. inc_ucount/dec_ucount (user_namespace.hpp)
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
// Locking, as the kernel's since 6.15: a lookup walks its chain under RCU
// and takes a reference unless the record is dying (its count reached
// zero), so the common get and put are one atomic each and share no lock
// between the thread making namespaces and the cleanup worker. ucounts_lock
// (a mutex of the table's) serializes inserts and unlinks only: a get that
// found nothing live, and the last put, which unlinks the record and frees
// it a grace period later.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "netns/base/fault_injection.hpp"
#include "netns/base/thread_annotations.hpp"
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
  // put_ucounts: the last reference unhashes the record and frees it
  // after a grace period (a lookup may still be walking over it).
  void put(ucounts* uc);
  // The count of `type` charged to (ns, uid), 0 when there is no record.
  long read(const user_namespace& ns, kuid uid, int type);

 private:
  static constexpr std::size_t hash_bits = 10;  // UCOUNTS_HASHTABLE_BITS
  std::atomic<ucounts*>& chain(const user_namespace& ns, kuid uid);
  // The first record of (ns, uid) on its chain that takes a reference.
  static ucounts* find_get(std::atomic<ucounts*>& head, const user_namespace& ns, kuid uid);

  mutex lock_;  // ucounts_lock: inserts and unlinks
  std::array<std::atomic<ucounts*>, std::size_t{1} << hash_bits> chains_{};
};

}  // namespace netns
