// SPDX-License-Identifier: GPL-2.0-only
// Peer namespace ids: the table operations and the cleanup unhash.
#include "netns/core/nsid.hpp"

#include <linux/rtnetlink.h>

#include <cerrno>
#include <climits>

#include "netns/core/kernel.hpp"

namespace netns {

struct nsid_access {
  static nsid_table& table(net& n) { return n.nsids_; }
  static const nsid_table& table(const net& n) { return n.nsids_; }

  // __peernet2id.
  static int find(const nsid_table& t, const net& peer) NETNS_REQUIRES(t.lock_) {
    auto it = t.by_peer_.find(&peer);
    return it == t.by_peer_.end() ? NSID_NOT_ASSIGNED : it->second;
  }

  // The lowest free id >= 0 (idr_alloc with start 0, no end); -1 if none.
  static int lowest_free(const nsid_table::ids& t) {
    if (!t.freed.empty()) return *t.freed.begin();
    long id = t.next;
    for (auto it = t.by_id.lower_bound(t.next); it != t.by_id.end() && it->first == id; ++it) ++id;
    return id > INT_MAX ? -1 : static_cast<int>(id);
  }

  // alloc_netid: `reqid` >= 0 asks for exactly that id (idr_alloc from
  // reqid to reqid + 1; reqid + 1 wraps to "no end" at INT_MAX, which
  // still yields INT_MAX when free); otherwise the lowest free. The id, or
  // -ENOSPC.
  static int alloc(net& owner, net& peer, int reqid) NETNS_REQUIRES(table(owner).lock_) {
    nsid_table& tab = table(owner);
    if (!tab.ids_) tab.ids_ = std::make_unique<nsid_table::ids>();
    nsid_table::ids& t = *tab.ids_;
    int id;
    if (reqid >= 0) {
      if (t.by_id.count(reqid)) return -ENOSPC;
      id = reqid;
    } else {
      id = lowest_free(t);
      if (id < 0) return -ENOSPC;
    }
    t.by_id.emplace(id, &peer);
    tab.by_peer_.emplace(&peer, id);
    ++tab.version_;
    if (id < t.next) {
      t.freed.erase(id);
    } else if (id == t.next) {
      // Ids between next and a requested id far above it are free: next
      // moves only when this id closes the gap at next.
      long n = t.next;
      for (auto it = t.by_id.find(id); it != t.by_id.end() && it->first == n; ++it) ++n;
      t.next = n > INT_MAX ? INT_MAX : static_cast<int>(n);
    }
    nsid_table& pt = table(peer);
    spin_guard h(pt.holders_lock_);
    if (!pt.holders_) pt.holders_ = std::make_unique<std::unordered_set<net*>>();
    pt.holders_->insert(&owner);
    return id;
  }

  // Removes `peer`'s id from `owner`'s table; the id, or -1.
  static int remove(net& owner, const net& peer) NETNS_REQUIRES(table(owner).lock_) {
    nsid_table& tab = table(owner);
    auto it = tab.by_peer_.find(&peer);
    if (it == tab.by_peer_.end()) return NSID_NOT_ASSIGNED;
    const int id = it->second;
    tab.by_peer_.erase(it);
    nsid_table::ids& t = *tab.ids_;  // there is an id: the ids were made
    t.by_id.erase(id);
    ++tab.version_;
    if (id < t.next) t.freed.insert(id);
    return id;
  }

  static void drop_holder(net& peer, net& holder) {
    nsid_table& pt = table(peer);
    spin_guard h(pt.holders_lock_);
    if (pt.holders_) pt.holders_->erase(&holder);
  }

  static std::vector<net*> holders(const net& n) {
    const nsid_table& t = table(n);
    spin_guard h(t.holders_lock_);
    if (!t.holders_) return {};
    return {t.holders_->begin(), t.holders_->end()};
  }
  // Whether any table holds an id for `n` (most namespaces: none).
  static bool has_holders(const net& n) {
    const nsid_table& t = table(n);
    spin_guard h(t.holders_lock_);
    return t.holders_ && !t.holders_->empty();
  }

  static bool in_cleanup_batch(const net& n) { return n.in_cleanup_batch_; }
};

int peernet2id_alloc(net& n, net& peer) {
  if (!n.alive()) return NSID_NOT_ASSIGNED;
  nsid_table& t = nsid_access::table(n);
  int id;
  net_ref keep;  // dropped after the lock, like the kernel's put_net
  {
    spin_guard l(t.lock_);
    id = nsid_access::find(t, peer);
    if (id >= 0) return id;
    // A peer found on an RCU list may be racing with its cleanup: once
    // its count is 0 its unhash may already have run, and an id made now
    // would never be removed.
    keep = maybe_get_net(peer);
    if (!keep) return NSID_NOT_ASSIGNED;
    id = nsid_access::alloc(n, peer, -1);
  }
  if (id < 0) return NSID_NOT_ASSIGNED;
  n.owner_kernel().notify_nsid({n, RTM_NEWNSID, id, 0, nullptr});
  return id;
}

int peernet2id(const net& n, const net& peer) {
  const nsid_table& t = nsid_access::table(n);
  spin_guard l(t.lock_);
  return nsid_access::find(t, peer);
}

bool peernet_has_id(const net& n, const net& peer) { return peernet2id(n, peer) >= 0; }

net_ref get_net_ns_by_id(const net& n, int id) {
  if (id < 0) return {};
  const nsid_table& t = nsid_access::table(n);
  spin_guard l(t.lock_);
  if (!t.ids_) return {};
  auto it = t.ids_->by_id.find(id);
  return it == t.ids_->by_id.end() ? net_ref() : maybe_get_net(*it->second);
}

result<int> nsid_assign(net& n, net& peer, int reqid, std::uint32_t portid,
                        const nlmsghdr* request) {
  nsid_table& t = nsid_access::table(n);
  int id;
  {
    spin_guard l(t.lock_);
    if (nsid_access::find(t, peer) >= 0) return errc{EEXIST};
    id = nsid_access::alloc(n, peer, reqid);
  }
  if (id < 0) return errc{-id};
  n.owner_kernel().notify_nsid({n, RTM_NEWNSID, id, portid, request});
  return id;
}

std::vector<nsid_entry> nsid_list(const net& n, std::size_t skip, std::size_t max) {
  const nsid_table& t = nsid_access::table(n);
  std::vector<nsid_entry> out;
  spin_guard l(t.lock_);
  if (!t.ids_ || skip >= t.ids_->by_id.size()) return out;
  auto it = t.ids_->by_id.begin();
  std::advance(it, static_cast<long>(skip));
  for (; it != t.ids_->by_id.end() && out.size() < max; ++it) out.push_back({it->first, it->second});
  return out;
}

std::vector<nsid_entry> nsid_list_resume(const net& n, nsid_cursor& at, std::size_t max) {
  const nsid_table& t = nsid_access::table(n);
  std::vector<nsid_entry> out;
  spin_guard l(t.lock_);
  const bool unchanged = at.index > 0 && at.version == t.version_;
  at.version = t.version_;
  if (!t.ids_ || at.index >= t.ids_->by_id.size()) return out;
  const auto& ids = t.ids_->by_id;
  auto it = unchanged ? ids.upper_bound(at.last_id) : std::next(ids.begin(), static_cast<long>(at.index));
  for (; it != ids.end() && out.size() < max; ++it) out.push_back({it->first, it->second});
  return out;
}

std::size_t nsid_count(const net& n) {
  const nsid_table& t = nsid_access::table(n);
  spin_guard l(t.lock_);
  return t.ids_ ? t.ids_->by_id.size() : 0;
}

std::size_t nsid_holder_count(const net& n) {
  const nsid_table& t = nsid_access::table(n);
  spin_guard h(t.holders_lock_);
  return t.holders_ ? t.holders_->size() : 0;
}

// unhash_nsid, on the cleanup worker for each net of the batch, before any
// pre_exit. The kernel walks the whole namespace list up to the last net
// listed when the batch was unlisted; the holder set names exactly the
// nets that can have an id for `n`. Holders in the same batch are skipped
// as the kernel skips them (they are unlisted): their tables go below.
// No holder can be added now: `n`'s count is 0, so peernet2id_alloc
// refuses it and nobody can hand it to nsid_assign.
void kernel::unhash_nsid(net* n) {
  if (!nsid_access::has_holders(*n)) return;
  for (net* holder : nsid_access::holders(*n)) {
    if (holder == n || nsid_access::in_cleanup_batch(*holder)) continue;
    nsid_table& t = nsid_access::table(*holder);
    int id;
    {
      spin_guard l(t.lock_);
      id = nsid_access::remove(*holder, *n);
    }
    nsid_access::drop_holder(*n, *holder);
    if (id >= 0) notify_nsid({*holder, RTM_DELNSID, id, 0, nullptr});
  }
}

// idr_destroy of a dying net's own table, once the whole batch is
// unhashed: its peers forget it as a holder. Peers are alive or in this
// batch (a peer that died earlier was removed by its own unhash).
void kernel::destroy_nsid_table(net* n) {
  nsid_table& t = nsid_access::table(*n);
  std::unique_ptr<nsid_table::ids> ids;
  {
    spin_guard l(t.lock_);
    if (!t.ids_) return;  // it never held an id (by_peer_ is empty too)
    ids.swap(t.ids_);
    t.by_peer_.clear();
  }
  if (ids)
    for (auto& [id, peer] : ids->by_id)
      if (peer != n) nsid_access::drop_holder(*peer, *n);
}

}  // namespace netns
