// SPDX-License-Identifier: GPL-2.0-only
// What the uts, ipc, mnt, pid, cgroup and time namespaces share: a
// reference count, the user namespace that owns them, the ucount their
// creation charged (max_<type>_namespaces at every level up to the root),
// an inode number from the proc allocator and a 64-bit id. Each type is
// this plus its own data (uts_namespace.hpp, ipc_namespace.hpp, ...), as
// each kernel type is its struct plus an ns_common, a user_ns and ucounts.
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/core/uts_namespace.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   auto uts = clone_uts_ns(k->init_uts_ns(), *root.user_ns, root.euid);  // ENOSPC at the limit
//   if (!uts) return uts.error();
//   owned_namespace& ns = **uts;                 // ns.user_ns() is the initial user namespace
//   bool fresh = ns.ns().inum >= PROC_DYNAMIC_FIRST;   // true
//   // dropping *uts (the last reference) uncharges, frees the number, frees the namespace
//
// Locking: none of its own; the count is atomic and the rest is fixed at
// creation. Cost: one allocation, an ucount charge and an inode number per
// namespace; nothing for a type a task did not unshare (its namespace is
// its parent's, shared by reference).
#pragma once

#include <cstdint>
#include <memory>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/core/ids.hpp"
#include "netns/core/ns_common.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns {

class kernel;
struct nsset;

class owned_namespace {
 public:
  ns_common& ns() { return ns_; }
  const ns_common& ns() const { return ns_; }
  user_namespace& user_ns() const { return *user_ns_; }
  kernel& owner_kernel() const { return user_ns_->owner_kernel(); }
  bool is_init() const { return ucounts_ == nullptr; }
  int refcount_read() const { return count_.read(); }

  void get() { count_.inc(); }
  // The last put uncharges the ucount, frees the inode number and the
  // namespace (the kernel's free_<type>_ns).
  void put();

  owned_namespace(const owned_namespace&) = delete;
  owned_namespace& operator=(const owned_namespace&) = delete;

  // For each type's create function (clone_uts_ns, ...).
  // What creating a namespace of `type` needs before its struct exists:
  // the charge to (owner, euid) and an inode number, undone in reverse on
  // failure (ENOSPC at a limit, ENOMEM when an allocation fails).
  struct charge {
    ucounts* uc = nullptr;
    ucount_type type{};
    std::uint32_t inum = 0;
  };
  static result<charge> charge_new(user_namespace& owner, kuid euid, ucount_type type);
  static void uncharge(user_namespace& owner, const charge& c);

 protected:
  // An initial namespace: fixed inode number and id, owned by the initial
  // user namespace, charged to nobody.
  owned_namespace(const ns_operations& ops, user_namespace& init_user_ns, std::uint32_t inum,
                  std::uint64_t id);
  // Takes the charge over; `owner` gets a reference of the namespace's.
  owned_namespace(const ns_operations& ops, user_namespace& owner, const charge& c);
  virtual ~owned_namespace();

 private:
  friend owned_namespace& to_owned_ns(ns_common& ns);
  ns_common ns_;
  refcount count_{1};
  user_ns_ref user_ns_;
  ucounts* ucounts_ = nullptr;  // nullptr for an initial namespace
  ucount_type type_{};
};

// A namespace type's reference policy (get_<type>_ns / put_<type>_ns), for
// counted_ref<T, typed_ns_policy<T>>.
template <class T>
struct typed_ns_policy {
  static void get(T* ns) { ns->get(); }
  static void put(T* ns) { ns->put(); }
};

// The ns_operations entries every type built on this shares: hold and put
// through the count, the owner is user_ns(). container_of(ns) first (ns
// must belong to an owned_namespace).
owned_namespace& to_owned_ns(ns_common& ns);
void owned_ns_hold(ns_common& ns);
void owned_ns_put(ns_common& ns);
user_namespace* owned_ns_owner(ns_common& ns);

// The check most types' install makes (utsns_install, ipcns_install,
// timens_install, pidns_install): CAP_SYS_ADMIN over the namespace's owner
// and over the user namespace the setns leaves the task in, both with the
// task's current credentials (nsset_capable), else EPERM.
result<void> may_install_owned(const nsset& set, const owned_namespace& ns);

}  // namespace netns
