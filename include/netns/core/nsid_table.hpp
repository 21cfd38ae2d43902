// SPDX-License-Identifier: GPL-2.0-only
// The per-net state behind peer namespace ids (see nsid.hpp for the
// functions that use it): struct net's netns_ids and nsid_lock, plus the
// reverse index and holder set that make lookups and the unhash cheap.
// Empty containers allocate nothing, so a net that never meets an id
// pays only their size.
#pragma once

#include <cstdint>
#include <map>
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

  mutable spinlock lock_;  // nsid_lock
  std::map<int, net*> by_id_ NETNS_GUARDED_BY(lock_);  // ascending, for dumps
  std::unordered_map<const net*, int> by_peer_ NETNS_GUARDED_BY(lock_);  // the reverse index
  // Every id below next_ is taken or in freed_, so the lowest free id is
  // freed_'s first, else the first gap at or above next_.
  int next_ NETNS_GUARDED_BY(lock_) = 0;
  std::set<int> freed_ NETNS_GUARDED_BY(lock_);

  // The nets whose tables hold an id for this net. Taken inside a table's
  // lock_ (table first, then the peer's holders).
  mutable spinlock holders_lock_;
  std::unordered_set<net*> holders_ NETNS_GUARDED_BY(holders_lock_);
};

}  // namespace netns
