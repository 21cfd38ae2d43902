// SPDX-License-Identifier: GPL-2.0-only
// What every namespace has: its operations (one vtable per type, the seed's
// proc_ns_operations), its type, its inode number (the N in net:[N]) and
// its 64-bit id (NS_GET_ID; for a net also the net cookie). nsfs files,
// setns, the NS_GET_* ioctls and /proc/PID/ns are written once over
// ns_operations; a namespace type is one more vtable (net_namespace.cpp's
// netns_operations, user_namespace.cpp's userns_operations).
//
// Constants are the reference kernel's: the fixed inode
// numbers of the initial namespaces and their NS_GET_ID values, and the
// first number of the dynamic proc inode range.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   const ns_common& ns = k->init_net().ns();
//   bool is_net = ns.ops->type == CLONE_NEWNET;                                // true
//   bool fixed = ns.inum == PROC_NET_INIT_INO && ns.ns_id == INIT_NET_NS_ID;   // true
//   ns_ref pin = ns_ref::hold(k->init_net().ns());                             // get_net
//   user_namespace* owner = ns.ops->owner(*pin);                               // init_user_ns
#pragma once

#include <sched.h>

#include <cstdint>

#include "netns/base/result.hpp"

namespace netns {

// CLONE_NEWNET, CLONE_NEWUSER, ... come from <sched.h>, with the kernel's values.

// include/linux/proc_ns.h
inline constexpr std::uint32_t PROC_USER_INIT_INO = 0xEFFFFFFDU;  // 4026531837
inline constexpr std::uint32_t PROC_NET_INIT_INO = 0xEFFFFFF9U;   // 4026531833
inline constexpr std::uint32_t PROC_DYNAMIC_FIRST = 0xF0000000U;  // 4026531840

// NS_GET_ID of the initial namespaces, as observed on the reference kernel
// (linux-behaviour.md section 2), and where ids of new namespaces start.
inline constexpr std::uint64_t INIT_NET_NS_ID = 3;
inline constexpr std::uint64_t INIT_USER_NS_ID = 4099;
inline constexpr std::uint64_t FIRST_DYNAMIC_NS_ID = 4100;

class user_namespace;
struct cred;
struct ns_common;
class ns_ref;
struct nsset;
class task_ns_view;

// proc_ns_operations. Every function is the type's own (netns_get,
// netns_put, netns_install, netns_owner; userns_*); none may be null but
// get_parent, which only hierarchical types (user, pid) have.
struct ns_operations {
  const char* name;    // "net", "user": the prefix of net:[N], the name in /proc/PID/ns
  unsigned long type;  // CLONE_NEWNET, CLONE_NEWUSER
  // The task's namespace of this type, with a reference taken; nullptr if
  // there is none (an exited task).
  ns_common* (*get)(const task_ns_view& task);
  // Another reference to ns (get_net, get_user_ns), and one dropped.
  void (*hold)(ns_common& ns);
  void (*put)(ns_common& ns);
  // setns's step for this type: the permission checks, then ns goes into
  // `set`, which the caller commits to the task when every step succeeded.
  result<void> (*install)(nsset& set, ns_common& ns);
  // The user namespace that owns ns (for a user namespace: its parent).
  user_namespace* (*owner)(ns_common& ns);
  // NS_GET_PARENT: the parent, with a reference taken, if the caller (its
  // credentials, its task) may reach it (EPERM at the top, or above the
  // caller's own user or pid namespace).
  result<ns_ref> (*get_parent)(ns_common& ns, const cred& caller, const task_ns_view& caller_task);
};

struct ns_common {
  const ns_operations* ops = nullptr;
  unsigned long type = 0;    // ops->type, kept here as the kernel's ns_type
  std::uint32_t inum = 0;    // 0 until the inode subsystem assigned one
  std::uint64_t ns_id = 0;   // never 0 once created, never reused
};

// A counted reference to a namespace of any type, through its operations
// (what an nsfs file and a /proc/PID/ns lookup hold). Move-only.
class ns_ref {
 public:
  ns_ref() = default;
  // Takes a new reference (ops->hold).
  static ns_ref hold(ns_common& ns) {
    ns.ops->hold(ns);
    return ns_ref(&ns);
  }
  // Takes over a reference the caller has (ops->get's).
  static ns_ref adopt(ns_common* ns) { return ns_ref(ns); }
  ns_ref(ns_ref&& o) noexcept : ns_(o.ns_) { o.ns_ = nullptr; }
  ns_ref& operator=(ns_ref&& o) noexcept {
    if (this != &o) {
      reset();
      ns_ = o.ns_;
      o.ns_ = nullptr;
    }
    return *this;
  }
  ns_ref(const ns_ref&) = delete;
  ns_ref& operator=(const ns_ref&) = delete;
  ~ns_ref() { reset(); }

  void reset() {
    if (ns_) ns_->ops->put(*ns_);
    ns_ = nullptr;
  }
  ns_common* get() const { return ns_; }
  ns_common& operator*() const { return *ns_; }
  ns_common* operator->() const { return ns_; }
  explicit operator bool() const { return ns_ != nullptr; }

 private:
  explicit ns_ref(ns_common* ns) : ns_(ns) {}
  ns_common* ns_ = nullptr;
};

}  // namespace netns
