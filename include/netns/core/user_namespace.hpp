// SPDX-License-Identifier: GPL-2.0-only
// User namespaces: ownership, id maps, per-namespace limits and ucounts.
//
// A user namespace has a parent (none for the initial one), a level, the
// euid/egid of its creator (owner, group), uid and gid maps written once,
// and limits (ucount_max) such as max_net_namespaces. Creating a net or user
// namespace charges a ucount at every level from the owning namespace up to
// the root, each level checked against that level's limit (inc_ucount); the
// charge is released when the object is freed.
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred c = cred::root(k->init_user_ns());          // the caller's credentials
//   if (auto r = create_user_ns(c); !r) return r;    // ENOSPC, EPERM
//   user_namespace& ns = *c.user_ns;                 // the new one; full caps in it
//   const uid_gid_extent root_is_1000[] = {{0, 1000, 1}};
//   if (auto r = ns.set_uid_map(root_is_1000); !r) return r;   // the kernel's extent rules
//
// Locking: maps are written once under the namespace's map mutex and read
// lock-free afterwards (published with release/acquire). ucounts live in the
// kernel's table under its own mutex; counts are atomics.
#pragma once

#include <array>
#include <functional>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "netns/base/rcu.hpp"
#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/base/thread_cache_allocator.hpp"
#include "netns/core/ids.hpp"
#include "netns/core/ns_common.hpp"

namespace netns {

class kernel;
class user_namespace;
struct cred;

// What a user namespace limits per (namespace, uid), as /proc/sys/user/max_*.
// The kernel's order (enum ucount_type), which /proc/sys/user lists by name.
enum class ucount_type : int {
  user_namespaces,
  pid_namespaces,
  uts_namespaces,
  ipc_namespaces,
  net_namespaces,
  mnt_namespaces,
  cgroup_namespaces,
  time_namespaces,
  // Limits with nothing behind them in the model (it has no inotify or
  // fanotify), kept per user namespace as the kernel keeps them, for
  // /proc/sys/user.
  inotify_instances,
  inotify_watches,
  fanotify_groups,
  fanotify_marks,
  count_
};
inline constexpr int UCOUNT_COUNTS = static_cast<int>(ucount_type::count_);

// Deepest level a user namespace may have below the initial one is 33: the
// kernel refuses to create one under a parent whose level is above 32.
inline constexpr int USER_NS_MAX_PARENT_LEVEL = 32;
// include/linux/user_namespace.h
inline constexpr std::size_t UID_GID_MAP_MAX_EXTENTS = 340;

// One line of uid_map / gid_map: ids [first, first+count) in the namespace
// are ids [lower_first, lower_first+count) in the parent namespace.
struct uid_gid_extent {
  std::uint32_t first = 0;
  std::uint32_t lower_first = 0;
  std::uint32_t count = 0;
  friend constexpr bool operator==(const uid_gid_extent&, const uid_gid_extent&) = default;
};

// A written id map. `extents` are as written, with lower ids already
// translated to kernel ids (as the kernel stores them).
class uid_gid_map {
 public:
  std::span<const uid_gid_extent> extents() const;
  // Namespace id range -> kernel id (invalid_id if not fully mapped).
  std::uint32_t map_id_range_down(std::uint32_t id, std::uint32_t count) const;
  std::uint32_t map_id_down(std::uint32_t id) const { return map_id_range_down(id, 1); }
  // Kernel id -> namespace id (invalid_id if unmapped).
  std::uint32_t map_id_up(std::uint32_t id) const;
  bool written() const { return data_.load(std::memory_order_acquire) != nullptr; }

  uid_gid_map() = default;
  ~uid_gid_map();
  uid_gid_map(const uid_gid_map&) = delete;
  uid_gid_map& operator=(const uid_gid_map&) = delete;

 private:
  friend class user_namespace;
  struct data {
    std::vector<uid_gid_extent> extents;  // as written (kernel ids below)
  };
  std::atomic<const data*> data_{nullptr};
};

// A charge of one (user namespace, kuid) pair, shared by everything that
// uid created in that namespace. Kept in the kernel's ucounts table.
struct ucounts : thread_cached<ucounts> {
  user_namespace* ns = nullptr;
  kuid uid;
  refcount count{1};
  std::array<std::atomic<long>, UCOUNT_COUNTS> ucount{};
  // The table's hash chain (read under RCU) and the freeing after a grace
  // period, once the last reference is gone (ucount.cpp).
  std::atomic<ucounts*> hash_next{nullptr};
  rcu::head rcu;
};

struct user_ns_policy {
  static void get(user_namespace* ns);
  static void put(user_namespace* ns);
};
// A counted reference to a user namespace (get_user_ns / put_user_ns).
using user_ns_ref = counted_ref<user_namespace, user_ns_policy>;

// The permission steps of a map write from /proc/<pid>/{uid,gid}_map, run
// under the namespace's state lock in the kernel's order: may_adjust after
// the one-write check (CAP_SYS_ADMIN over the namespace, else EPERM), and
// idmap_permitted after the extents were validated and before their lower
// ids are mapped (new_idmap_permitted, else EPERM).
struct map_write_perm {
  std::function<bool()> may_adjust;
  std::function<bool(std::span<const uid_gid_extent>)> idmap_permitted;
};

// The user namespace type (user_namespace.cpp): userns_get, userns_put,
// userns_install, userns_owner, userns_get_parent.
extern const ns_operations userns_operations;

class user_namespace {
 public:
  kernel& owner_kernel() const { return *kernel_; }
  user_namespace* parent() const { return parent_; }
  int level() const { return level_; }
  kuid owner() const { return owner_; }
  kgid group() const { return group_; }
  const ns_common& ns() const { return ns_; }
  ns_common& ns() { return ns_; }
  std::uint32_t inum() const { return ns_.inum; }
  std::uint64_t ns_id() const { return ns_.ns_id; }
  bool is_init() const { return parent_ == nullptr; }

  const uid_gid_map& uid_map() const { return uid_map_; }
  const uid_gid_map& gid_map() const { return gid_map_; }

  // Writes the uid (gid) map, once, with the kernel's extent rules: EPERM if
  // already written; EINVAL if empty, over UID_GID_MAP_MAX_EXTENTS, an
  // extent with count 0, a start of (u32)-1, a range that wraps, or ranges
  // overlapping another extent's; EPERM if a lower range is not mapped in
  // the parent namespace. Permission to write (new_idmap_permitted) is the
  // caller's to check. Lower ids are given as the parent namespace sees them.
  result<void> set_uid_map(std::span<const uid_gid_extent> extents,
                          const map_write_perm* perm = nullptr);
  result<void> set_gid_map(std::span<const uid_gid_extent> extents,
                          const map_write_perm* perm = nullptr);

  // /proc/<pid>/setgroups: whether setgroups(2) may be allowed here
  // (inherited from the parent at creation). Denying is EPERM once the gid
  // map is written; allowing again after a deny is EPERM.
  bool setgroups_allowed() const { return setgroups_allowed_.load(std::memory_order_acquire); }
  result<void> set_setgroups(bool allow);

  // /proc/sys/user/max_<type>: the limit at this level.
  long ucount_max(ucount_type t) const {
    return ucount_max_[static_cast<int>(t)].load(std::memory_order_relaxed);
  }
  // Writes the limit; 0..INT_MAX, else EINVAL (as the sysctl does).
  result<void> set_ucount_max(ucount_type t, long value);

  // The charge this namespace's creation made in its parent, or nullptr.
  ucounts* creator_ucounts() const { return ucounts_; }

  // References (the namespace is freed at the last put).
  int refcount_read() const { return count_.read(); }

  user_namespace(const user_namespace&) = delete;
  user_namespace& operator=(const user_namespace&) = delete;
  ~user_namespace();

 private:
  friend class kernel;
  friend struct user_ns_policy;
  friend result<void> create_user_ns(cred& new_cred);
  friend user_namespace& to_user_ns(ns_common& ns);
  user_namespace(kernel& k, user_namespace* parent, kuid owner, kgid group);
  result<void> set_map(uid_gid_map& map, const uid_gid_map* parent_map, const map_write_perm* perm,
                       std::span<const uid_gid_extent> extents);

  kernel* kernel_;
  user_namespace* parent_;  // holds a reference
  int level_;
  kuid owner_;
  kgid group_;
  ns_common ns_{&userns_operations, CLONE_NEWUSER, 0, 0};
  refcount count_{1};
  ucounts* ucounts_ = nullptr;  // charge in parent (nullptr for init)
  std::array<std::atomic<long>, UCOUNT_COUNTS> ucount_max_{};
  mutex map_mutex_;  // userns_state_mutex, narrowed to one namespace
  uid_gid_map uid_map_;
  uid_gid_map gid_map_;
  std::atomic<bool> setgroups_allowed_{true};  // USERNS_SETGROUPS_ALLOWED
};

// Id translation between namespaces and the kernel.
kuid make_kuid(const user_namespace& ns, uid_t uid);
kgid make_kgid(const user_namespace& ns, gid_t gid);
uid_t from_kuid(const user_namespace& ns, kuid k);          // invalid_id if unmapped
gid_t from_kgid(const user_namespace& ns, kgid k);
uid_t from_kuid_munged(const user_namespace& ns, kuid k);   // overflowuid if unmapped
gid_t from_kgid_munged(const user_namespace& ns, kgid k);
inline bool kuid_has_mapping(const user_namespace& ns, kuid k) { return from_kuid(ns, k) != invalid_id; }
inline bool kgid_has_mapping(const user_namespace& ns, kgid k) { return from_kgid(ns, k) != invalid_id; }

// True if `ns` is `ancestor` or below it.
bool in_userns(const user_namespace& ancestor, const user_namespace& ns);

// Charges one `type` to (ns, uid) and to every ancestor level, each against
// its own limit. nullptr when a level is at its limit (the caller reports
// ENOSPC) or on allocation failure.
ucounts* inc_ucount(user_namespace& ns, kuid uid, ucount_type type);
void dec_ucount(ucounts* uc, ucount_type type);
// Current count of (ns, uid) at ns's level (0 if none).
long ucount_read(user_namespace& ns, kuid uid, ucount_type type);

// Creates a user namespace owned by new_cred's euid/egid below its current
// one and moves new_cred into it with every capability (create_user_ns +
// set_cred_user_ns). ENOSPC past the nesting limit or max_user_namespaces;
// EPERM if the euid or egid has no mapping in the current namespace.
result<void> create_user_ns(cred& new_cred);

// set_cred_user_ns: c now lives in ns, with every capability there and
// nothing inherited or ambient (a new or entered user namespace).
void set_cred_user_ns(cred& c, user_ns_ref ns);

// container_of(ns, struct user_namespace, ns) (its ops must be
// userns_operations).
inline user_namespace& to_user_ns(ns_common& ns) {
  // offsetof on a class that is not standard-layout is conditionally
  // supported; GCC and Clang support it for a class without virtual bases.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  return *reinterpret_cast<user_namespace*>(reinterpret_cast<char*>(&ns) -
                                            offsetof(user_namespace, ns_));
#pragma GCC diagnostic pop
}

}  // namespace netns
