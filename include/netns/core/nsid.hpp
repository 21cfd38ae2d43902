// SPDX-License-Identifier: GPL-2.0-only
// Peer namespace ids (net_namespace.c: netns_ids, alloc_netid,
// peernet2id_alloc, peernet2id, get_net_ns_by_id, unhash_nsid).
//
// Each net numbers the other namespaces it knows about: `ip netns set`,
// or a veth whose peer lives elsewhere, gives the peer an id in this net.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   net& a = k->init_net();
//   net_ref b = *copy_net_ns(CLONE_NEWNET, k->init_user_ns(), a, global_root_uid);
//   int id = peernet2id_alloc(a, *b);       // b's id in a, made if needed
//   int same = peernet2id(a, *b);           // lookup only: id again
//   net_ref p = get_net_ns_by_id(a, id);    // b, while it is alive
//
// Allocation follows the kernel's IDR: an automatic id is the lowest free
// id >= 0; a requested id is that id or a failure. Ids go away only when
// the peer dies (the cleanup worker's unhash, before any pre_exit), each
// with an RTM_DELNSID in the namespace that held it, or with their table.
//
// Better than the kernel, same behaviour: the kernel finds a peer's id by
// scanning its IDR and, when a net dies, visits every namespace on the
// list. Here each table has a reverse index (peer -> id, O(1)) and each
// net knows which tables hold an id for it, so the unhash visits only
// those.
//
// Locking: a table's nsid_lock (a spinlock) guards it; a net's holder set
// has its own lock, taken inside a table's lock (table, then holders).
// Notifications go out after the locks are dropped, through the hook the
// rtnetlink layer installs (kernel::set_nsid_notifier).
// Cost: lookup and allocation O(1) expected (O(log n) for the ordered map).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/core/net.hpp"
#include "netns/core/nsid_table.hpp"

namespace netns {

// NETNSA_NSID_NOT_ASSIGNED.
inline constexpr int NSID_NOT_ASSIGNED = -1;

// The RTM_NEWNSID / RTM_DELNSID event a table change sends to RTNLGRP_NSID
// listeners of `owner`: the requester's port and header when a request
// caused it (for the sequence number and NLM_F_ECHO), else 0 and nullptr.
struct nsid_event {
  net& owner;
  int cmd;  // RTM_NEWNSID or RTM_DELNSID
  int id;
  std::uint32_t portid;
  const nlmsghdr* request;
};

// The id `peer` has in `n`, allocating the lowest free one (and notifying
// RTM_NEWNSID) when it has none. NSID_NOT_ASSIGNED when `n` is dying, the
// peer is dying, or no id is free.
int peernet2id_alloc(net& n, net& peer);
// The id `peer` has in `n`, or NSID_NOT_ASSIGNED. Never allocates.
int peernet2id(const net& n, const net& peer);
bool peernet_has_id(const net& n, const net& peer);
// The net with id `id` in `n`, referenced; empty for an unknown id, a
// negative one, or a peer that is dying.
net_ref get_net_ns_by_id(const net& n, int id);

// rtnl_net_newid's step: give `peer` (referenced by the caller) the id
// `reqid` in `n` (reqid < 0: the lowest free). EEXIST when the peer already
// has an id in `n`; ENOSPC when reqid is taken or no id is free. Notifies
// RTM_NEWNSID with `portid` and `request` on success.
result<int> nsid_assign(net& n, net& peer, int reqid, std::uint32_t portid,
                        const nlmsghdr* request);

// One id of a table.
struct nsid_entry {
  int id;
  net* peer;  // valid inside the rcu::read_guard the caller holds
};
// `n`'s ids in ascending order, from the `skip`th on (a dump's resume
// point), at most `max` of them. Call inside an rcu::read_guard: a peer
// is freed only a grace period after it left every table.
std::vector<nsid_entry> nsid_list(const net& n, std::size_t skip = 0,
                                  std::size_t max = SIZE_MAX);
// A dump's place in a table: `index`, the count of entries already sent
// (the kernel's s_idx: where the next part starts), the id of the last one
// sent, and the table's version when they were read. Same entries as
// nsid_list(n, index, max); while the table is unchanged, the walk goes
// straight to the id after `last_id` instead of stepping over `index`
// entries, so a dump of a large table costs the same per entry throughout.
// The caller sets index and last_id after each part; `version` is the
// call's.
struct nsid_cursor {
  std::size_t index = 0;
  int last_id = -1;
  std::uint64_t version = 0;
};
std::vector<nsid_entry> nsid_list_resume(const net& n, nsid_cursor& at, std::size_t max);
// The number of ids `n` holds, and the number of tables holding one for it.
std::size_t nsid_count(const net& n);
std::size_t nsid_holder_count(const net& n);

}  // namespace netns
