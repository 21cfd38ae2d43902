// SPDX-License-Identifier: GPL-2.0-only
// The per-net state behind peer namespace ids (see nsid.hpp for the
// functions that use it): struct net's netns_ids and nsid_lock, plus the
// reverse index and holder set that make lookups and the unhash cheap.
// A net that never meets an id pays an empty hash map, two pointers and
// two spinlocks.
//
// Example:
//   // Only nsid.cpp reaches a net's table; this is what its locks guard:
//   nsid_table t;
//   {
//     spin_guard nsid_lock(t.lock_);
//     bool none = t.by_peer_.empty() && t.ids_ == nullptr;   // until the first id
//   }
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "netns/base/thread_annotations.hpp"

struct nlmsghdr;

namespace netns {

class net;
struct nsid_event;
using nsid_notifier = void (*)(const nsid_event&);

// A private member of struct net: only nsid.cpp reaches it.
struct nsid_table {
  nsid_table() = default;
  nsid_table(const nsid_table&) = delete;
  nsid_table& operator=(const nsid_table&) = delete;

  // The ordered ids, made with the first one: most namespaces never hold
  // one, and an empty table costs a pointer. The reverse index stays
  // inline: peernet2id reads it without a second pointer to follow.
  struct ids {
    std::map<int, net*> by_id;  // ascending, for dumps
    // Every id below next is taken or in freed, so the lowest free id is
    // freed's first, else the first gap at or above next.
    int next = 0;
    std::set<int> freed;
  };

  mutable spinlock lock_;  // nsid_lock
  std::unordered_map<const net*, int> by_peer_ NETNS_GUARDED_BY(lock_);  // the reverse index
  std::unique_ptr<ids> ids_ NETNS_GUARDED_BY(lock_);
  // Counts every add and removal: a dump that finds it unchanged since its
  // last part resumes after the last id it sent (nsid_list_resume).
  std::uint64_t version_ NETNS_GUARDED_BY(lock_) = 1;

  // The nets whose tables hold an id for this net. Taken inside a table's
  // lock_ (table first, then the peer's holders).
  mutable spinlock holders_lock_;
  std::unique_ptr<std::unordered_set<net*>> holders_ NETNS_GUARDED_BY(holders_lock_);
};

}  // namespace netns
