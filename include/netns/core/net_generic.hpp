// SPDX-License-Identifier: GPL-2.0-only
// Generic per-net storage (netns/generic.h): a subsystem registered with
// pernet_operations{.id = &my_id, .size = sizeof(my_state)} gets a zeroed
// my_state in every namespace, reached by its id:
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   struct my_state { int packets; };
//   unsigned my_id = 0;
//   pernet_operations ops{.name = "mine", .id = &my_id, .size = sizeof(my_state)};
//   auto k = boot();
//   if (auto r = register_pernet_subsys(*k, ops); !r) return r;
//   my_state* s = net_generic<my_state>(k->init_net(), my_id);   // zeroed, one per net
//   unregister_pernet_subsys(*k, ops);
//
// The per-net pointer array is published under RCU. A slot, once set, never
// changes while the net lives; when a registration needs a larger array the
// writer copies, publishes the copy and frees the old one after a grace
// period, so readers never lock. Ids start at MIN_PERNET_OPS_ID, the first
// id the kernel hands out (the array header takes the slots below it there).
//
// Cost: a read is an RCU read section, one acquire load and one indexed
// load (a few ns).
#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <type_traits>

#include "netns/base/rcu.hpp"
#include "netns/core/net.hpp"

namespace netns {

// (sizeof(struct net_generic_array header) + sizeof(void*) - 1) / sizeof(void*) on 64-bit Linux.
inline constexpr unsigned MIN_PERNET_OPS_ID = 3;
// Length of a fresh array (ids below it need no growth), as the kernel's.
inline constexpr unsigned INITIAL_NET_GEN_PTRS = 13;

struct net_generic_array {
  rcu::head rcu;
  unsigned len;  // ids [MIN_PERNET_OPS_ID, len) have a slot
  std::atomic<void*>* slots() { return reinterpret_cast<std::atomic<void*>*>(this + 1); }
  std::atomic<void*>& slot(unsigned id) {
    assert(id >= MIN_PERNET_OPS_ID && id < len);
    return slots()[id - MIN_PERNET_OPS_ID];
  }
};

struct net_generic_access {
  static net_generic_array* gen(const net& n) { return rcu::dereference(n.gen_); }
};

// The generic data of subsystem `id` in n, or nullptr if it has none.
inline void* net_generic_ptr(const net& n, unsigned id) {
  rcu::read_guard g;
  net_generic_array* ng = net_generic_access::gen(n);
  return id < ng->len ? ng->slot(id).load(std::memory_order_relaxed) : nullptr;
}

template <class T>
inline T* net_generic(const net& n, unsigned id) {
  return static_cast<T*>(net_generic_ptr(n, id));
}

}  // namespace netns
