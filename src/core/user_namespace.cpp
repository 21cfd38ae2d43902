// SPDX-License-Identifier: GPL-2.0-only
// User namespaces, id maps and ucounts (kernel/user_namespace.c, kernel/ucount.c).
#include "netns/core/user_namespace.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <climits>
#include <new>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

// ---- id maps ---------------------------------------------------------------

uid_gid_map::~uid_gid_map() { delete data_.load(std::memory_order_relaxed); }

std::span<const uid_gid_extent> uid_gid_map::extents() const {
  const data* d = data_.load(std::memory_order_acquire);
  return d ? std::span<const uid_gid_extent>(d->extents) : std::span<const uid_gid_extent>();
}

std::uint32_t uid_gid_map::map_id_range_down(std::uint32_t id, std::uint32_t count) const {
  std::uint32_t last = id + count - 1;
  for (const uid_gid_extent& e : extents()) {
    std::uint32_t first = e.first, last_e = e.first + e.count - 1;
    if (id >= first && id <= last_e && last >= first && last <= last_e)
      return e.lower_first + (id - first);
  }
  return invalid_id;
}

std::uint32_t uid_gid_map::map_id_up(std::uint32_t id) const {
  for (const uid_gid_extent& e : extents()) {
    std::uint32_t first = e.lower_first, last = e.lower_first + e.count - 1;
    if (id >= first && id <= last) return e.first + (id - first);
  }
  return invalid_id;
}

namespace {
// Does e overlap, upper or lower range, an extent already in the map?
bool mappings_overlap(std::span<const uid_gid_extent> prev, const uid_gid_extent& e) {
  std::uint32_t upper_first = e.first, upper_last = e.first + e.count - 1;
  std::uint32_t lower_first = e.lower_first, lower_last = e.lower_first + e.count - 1;
  for (const uid_gid_extent& p : prev) {
    std::uint32_t pu_first = p.first, pu_last = p.first + p.count - 1;
    std::uint32_t pl_first = p.lower_first, pl_last = p.lower_first + p.count - 1;
    if (upper_first <= pu_last && upper_last >= pu_first) return true;
    if (lower_first <= pl_last && lower_last >= pl_first) return true;
  }
  return false;
}
}  // namespace

result<void> user_namespace::set_map(uid_gid_map& map, const uid_gid_map* parent_map,
                                     const map_write_perm* perm,
                                     std::span<const uid_gid_extent> extents) {
  lock_guard l(map_mutex_);
  if (map.written()) return errc{EPERM};  // only one write is allowed
  if (perm && perm->may_adjust && !perm->may_adjust()) return errc{EPERM};
  if (extents.empty() || extents.size() > UID_GID_MAP_MAX_EXTENTS) return errc{EINVAL};
  auto d = std::make_unique<uid_gid_map::data>();
  for (const uid_gid_extent& e : extents) {
    if (e.first == invalid_id || e.lower_first == invalid_id) return errc{EINVAL};
    // A zero count, or a range that wraps.
    if (std::uint32_t(e.first + e.count) <= e.first) return errc{EINVAL};
    if (std::uint32_t(e.lower_first + e.count) <= e.lower_first) return errc{EINVAL};
    if (mappings_overlap(d->extents, e)) return errc{EINVAL};
    d->extents.push_back(e);
  }
  if (perm && perm->idmap_permitted && !perm->idmap_permitted(d->extents)) return errc{EPERM};
  // Lower ids are the parent's: store them as kernel ids.
  if (parent_map) {
    for (uid_gid_extent& e : d->extents) {
      std::uint32_t lower = parent_map->map_id_range_down(e.lower_first, e.count);
      if (lower == invalid_id) return errc{EPERM};
      e.lower_first = lower;
    }
  }
  map.data_.store(d.release(), std::memory_order_release);
  return ok();
}

result<void> user_namespace::set_uid_map(std::span<const uid_gid_extent> extents,
                                         const map_write_perm* perm) {
  return set_map(uid_map_, parent_ ? &parent_->uid_map_ : nullptr, perm, extents);
}

result<void> user_namespace::set_gid_map(std::span<const uid_gid_extent> extents,
                                         const map_write_perm* perm) {
  return set_map(gid_map_, parent_ ? &parent_->gid_map_ : nullptr, perm, extents);
}

result<void> user_namespace::set_setgroups(bool allow) {
  lock_guard l(map_mutex_);
  if (allow) {
    // Once denied, setgroups stays denied.
    if (!setgroups_allowed()) return errc{EPERM};
  } else {
    // A gid map written while setgroups was allowed cannot be undone.
    if (gid_map_.written()) return errc{EPERM};
    setgroups_allowed_.store(false, std::memory_order_release);
  }
  return ok();
}

kuid make_kuid(const user_namespace& ns, uid_t uid) { return kuid{ns.uid_map().map_id_down(uid)}; }
kgid make_kgid(const user_namespace& ns, gid_t gid) { return kgid{ns.gid_map().map_id_down(gid)}; }
uid_t from_kuid(const user_namespace& ns, kuid k) { return ns.uid_map().map_id_up(k.val); }
gid_t from_kgid(const user_namespace& ns, kgid k) { return ns.gid_map().map_id_up(k.val); }
uid_t from_kuid_munged(const user_namespace& ns, kuid k) {
  uid_t u = from_kuid(ns, k);
  return u == invalid_id ? overflowuid : u;
}
gid_t from_kgid_munged(const user_namespace& ns, kgid k) {
  gid_t g = from_kgid(ns, k);
  return g == invalid_id ? overflowgid : g;
}

bool in_userns(const user_namespace& ancestor, const user_namespace& ns) {
  const user_namespace* p = &ns;
  while (p && p->level() > ancestor.level()) p = p->parent();
  return p == &ancestor;
}

// ---- limits and ucounts ----------------------------------------------------

result<void> user_namespace::set_ucount_max(ucount_type t, long value) {
  if (value < 0 || value > INT_MAX) return errc{EINVAL};
  ucount_max_[static_cast<int>(t)].store(value, std::memory_order_relaxed);
  return ok();
}

namespace {
// atomic_long_inc_below: take one more unless that would pass max.
bool inc_below(std::atomic<long>& v, long max) {
  long c = v.load(std::memory_order_relaxed);
  do {
    if (c >= max) return false;
  } while (!v.compare_exchange_weak(c, c + 1, std::memory_order_relaxed));
  return true;
}
}  // namespace

ucounts* inc_ucount(user_namespace& ns, kuid uid, ucount_type type) {
  kernel& k = ns.owner_kernel();
  int t = static_cast<int>(type);
  ucounts* uc = k.ucounts().get(ns, uid, k.faults());
  if (!uc) return nullptr;
  // Each level's count is checked against that level's own limit; the next
  // level up is the charge its namespace's creation made in its parent.
  ucounts* iter = uc;
  for (; iter; iter = iter->ns->creator_ucounts()) {
    if (!inc_below(iter->ucount[t], iter->ns->ucount_max(type))) break;
  }
  if (!iter) return uc;
  ucounts* bad = iter;
  for (iter = uc; iter != bad; iter = iter->ns->creator_ucounts())
    iter->ucount[t].fetch_sub(1, std::memory_order_relaxed);
  k.ucounts().put(uc);
  return nullptr;
}

void dec_ucount(ucounts* uc, ucount_type type) {
  int t = static_cast<int>(type);
  for (ucounts* iter = uc; iter; iter = iter->ns->creator_ucounts()) {
    [[maybe_unused]] long old = iter->ucount[t].fetch_sub(1, std::memory_order_relaxed);
    assert(old > 0);
  }
  uc->ns->owner_kernel().ucounts().put(uc);
}

long ucount_read(user_namespace& ns, kuid uid, ucount_type type) {
  return ns.owner_kernel().ucounts().read(ns, uid, static_cast<int>(type));
}

// ---- lifetime --------------------------------------------------------------

user_namespace::user_namespace(kernel& k, user_namespace* parent, kuid owner, kgid group)
    : kernel_(&k), parent_(parent), level_(parent ? parent->level_ + 1 : 0), owner_(owner),
      group_(group) {
  for (auto& m : ucount_max_) m.store(INT_MAX, std::memory_order_relaxed);
  // create_user_ns copies the parent's flags: a denied setgroups stays denied below.
  if (parent) setgroups_allowed_.store(parent->setgroups_allowed(), std::memory_order_relaxed);
}

user_namespace::~user_namespace() = default;

void user_ns_policy::get(user_namespace* ns) { ns->count_.inc(); }

// free_user_ns: release the charge in the parent and the parent itself,
// walking up while each put was the last.
void user_ns_policy::put(user_namespace* ns) {
  while (ns && ns->count_.dec_and_test()) {
    kernel& k = *ns->kernel_;
    user_namespace* parent = ns->parent_;
    if (ns->ucounts_) dec_ucount(ns->ucounts_, ucount_type::user_namespaces);
    if (parent) k.inums().free(ns->ns_.inum);
    delete ns;
    k.stats_.user_ns_freed.fetch_add(1, std::memory_order_relaxed);
    ns = parent;
  }
}

result<void> create_user_ns(cred& new_cred) {
  user_namespace& parent = *new_cred.user_ns;
  kernel& k = parent.owner_kernel();
  kuid owner = new_cred.euid;
  kgid group = new_cred.egid;

  if (parent.level() > USER_NS_MAX_PARENT_LEVEL) return errc{ENOSPC};
  ucounts* uc = inc_ucount(parent, owner, ucount_type::user_namespaces);
  if (!uc) return errc{ENOSPC};
  // The creator must be nameable in the parent, or no one could tell who
  // made the namespace.
  if (!kuid_has_mapping(parent, owner) || !kgid_has_mapping(parent, group)) {
    dec_ucount(uc, ucount_type::user_namespaces);
    return errc{EPERM};
  }
  user_namespace* ns = k.faults().should_fail(fault_point::user_ns_alloc)
                           ? nullptr
                           : new (std::nothrow) user_namespace(k, &parent, owner, group);
  if (!ns) {
    dec_ucount(uc, ucount_type::user_namespaces);
    return errc{ENOMEM};
  }
  if (k.faults().should_fail(fault_point::inum_alloc)) {
    delete ns;
    dec_ucount(uc, ucount_type::user_namespaces);
    return errc{ENOMEM};
  }
  auto inum = k.inums().alloc();
  if (!inum) {
    delete ns;
    dec_ucount(uc, ucount_type::user_namespaces);
    return inum.error();
  }
  ns->ns_.inum = *inum;
  ns->ns_.ns_id = k.next_ns_id();
  ns->ucounts_ = uc;
  k.stats_.user_ns_allocated.fetch_add(1, std::memory_order_relaxed);

  // The cred's reference to the parent becomes ns->parent_'s.
  [[maybe_unused]] user_namespace* parent_ref = new_cred.user_ns.release();
  assert(parent_ref == &parent);
  set_cred_user_ns(new_cred, user_ns_ref::adopt(ns));
  return ok();
}

void set_cred_user_ns(cred& c, user_ns_ref ns) {
  c.user_ns = std::move(ns);
  c.cap_inheritable = cap_empty_set;
  c.cap_permitted = cap_full_set;
  c.cap_effective = cap_full_set;
  c.cap_ambient = cap_empty_set;
  c.cap_bset = cap_full_set;
  c.securebits = 0;  // SECUREBITS_DEFAULT
}

// ---- credentials -----------------------------------------------------------

cred::cred(const cred& o)
    : uid(o.uid), euid(o.euid), suid(o.suid), fsuid(o.fsuid), gid(o.gid), egid(o.egid),
      sgid(o.sgid), fsgid(o.fsgid), cap_inheritable(o.cap_inheritable),
      cap_permitted(o.cap_permitted), cap_effective(o.cap_effective), cap_bset(o.cap_bset),
      cap_ambient(o.cap_ambient), securebits(o.securebits), group_info(o.group_info),
      user_ns(o.user_ns.clone()) {}

cred& cred::operator=(const cred& o) {
  if (this != &o) *this = cred(o);
  return *this;
}

cred cred::root(user_namespace& ns) {
  cred c;
  c.uid = c.euid = c.suid = c.fsuid = make_kuid(ns, 0);
  c.gid = c.egid = c.sgid = c.fsgid = make_kgid(ns, 0);
  c.cap_permitted = c.cap_effective = cap_full_set;
  c.user_ns = user_ns_ref::acquire(&ns);
  return c;
}

// The walk for a target other than the cred's own namespace (ns_capable
// answers that one inline).
bool ns_capable_walk(const cred& c, const user_namespace& target, int cap) {
  const user_namespace* ns = &target;
  const user_namespace* cred_ns = c.user_ns.get();
  for (;;) {
    // In the cred's own namespace, the effective set decides.
    if (ns == cred_ns) return c.cap_effective.raised(cap);
    // Not below the cred's namespace: no capability there.
    if (ns->level() <= cred_ns->level()) return false;
    // The owner of a child of the cred's namespace has every capability in it.
    if (ns->parent() == cred_ns && ns->owner() == c.euid) return true;
    ns = ns->parent();
  }
}

// ---- the user namespace type (userns_operations) -----------------------------------

namespace {

ns_common* userns_get(const task_ns_view& task) {
  user_namespace* ns = task.get_user_ns().release();
  return ns ? &ns->ns() : nullptr;
}

void userns_hold(ns_common& ns) { user_ns_policy::get(&to_user_ns(ns)); }
void userns_put(ns_common& ns) { user_ns_policy::put(&to_user_ns(ns)); }

result<void> userns_install(nsset& set, ns_common& ns) {
  user_namespace& target = to_user_ns(ns);
  // Re-entering one's own namespace would give back the capabilities a
  // task dropped there.
  if (&target == set.current_cred->user_ns.get()) return errc{EINVAL};
  // The threads of a process share one user namespace, and one fs_struct
  // only within it.
  if (set.multithreaded || set.shares_fs) return errc{EINVAL};
  if (!ns_capable(*set.current_cred, target, CAP_SYS_ADMIN)) return errc{EPERM};
  if (!set.new_cred) set.new_cred = std::make_unique<cred>(*set.current_cred);  // prepare_creds
  set_cred_user_ns(*set.new_cred, user_ns_ref::acquire(&target));
  return ok();
}

// A user namespace's owner is its parent (nullptr for the initial one).
user_namespace* userns_owner(ns_common& ns) { return to_user_ns(ns).parent(); }

// Only a parent within the caller's own user namespace or below is handed
// out (the initial namespace has none: EPERM too).
result<ns_ref> userns_get_parent(ns_common& ns, const cred& caller, const task_ns_view&) {
  user_namespace* parent = to_user_ns(ns).parent();
  if (!parent || !in_userns(*caller.user_ns, *parent)) return errc{EPERM};
  return ns_ref::hold(parent->ns());
}

}  // namespace

const ns_operations userns_operations{
    .name = "user",
    .type = CLONE_NEWUSER,
    .get = userns_get,
    .hold = userns_hold,
    .put = userns_put,
    .install = userns_install,
    .owner = userns_owner,
    .get_parent = userns_get_parent,
};

}  // namespace netns
