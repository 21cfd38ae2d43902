// SPDX-License-Identifier: GPL-2.0-only
// Pid namespaces (kernel/pid_namespace.c, kernel/pid.c): a tree of them,
// at most 32 levels below the initial one, each numbering the tasks it
// sees from 1. unshare(CLONE_NEWPID) makes one for the task's children
// (pid_for_children); the first child forked into it is its init (pid 1),
// and when init exits nothing more can be forked into it (ENOMEM).
//
// Numbers are allocated as the kernel's idr_alloc_cyclic does: the lowest
// free number after the last one handed out, from 1, wrapping at pid_max.
// The initial namespace's numbers are the pid table's (task/pid_table.hpp);
// this allocator serves the namespaces below it.
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   auto ns = create_pid_ns(k->init_pid_ns(), *root.user_ns, root.euid);   // ENOSPC, ENOMEM
//   if (!ns) return ns.error();
//   int init_nr = *(*ns)->alloc_nr();        // 1: the namespace's init
//   (*ns)->free_nr(init_nr);                 // init gone: alloc_nr() is ENOMEM from now on
//
// Locking: pidmap_lock, a mutex per namespace around the numbers. The
// tree is fixed at creation.
#pragma once

#include <atomic>
#include <cstdint>
#include <set>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/owned_namespace.hpp"

namespace netns {

inline constexpr std::uint32_t PROC_PID_INIT_INO = 0xEFFFFFFCU;  // 4026531836
inline constexpr std::uint64_t INIT_PID_NS_ID = 6;               // observed NS_GET_ID
// MAX_PID_NS_LEVEL: the deepest level a pid namespace may have.
inline constexpr int MAX_PID_NS_LEVEL = 32;
// The model's pid_max (/proc/sys/kernel/pid_max's classic default).
inline constexpr int PID_MAX = 32768;
// The numbers a wrap of the allocation skips (alloc_pid's pid_min).
inline constexpr int RESERVED_PIDS = 300;
// PID_MAX_LIMIT (64-bit): the highest pid_max, and that of every pid
// namespace when it is made (probed on 6.18: not the parent's value).
inline constexpr int PID_MAX_LIMIT = 4 * 1024 * 1024;

extern const ns_operations pidns_operations;               // /proc/PID/ns/pid
extern const ns_operations pidns_for_children_operations;  // /proc/PID/ns/pid_for_children

class pid_namespace final : public owned_namespace {
 public:
  static pid_namespace* make_init(user_namespace& init_user_ns);

  pid_namespace* parent() const { return parent_; }
  int level() const { return level_; }

  // A number for a new task (alloc_pid's step at this level): ENOMEM once
  // the namespace's init has exited, EAGAIN when every number is in use.
  result<int> alloc_nr();
  // The number's task is gone (free_pid); init's (1) going stops alloc_nr.
  void free_nr(int nr);
  // ns_last_pid: the last number handed out (0 before any), and where the
  // next search starts (after `nr`: idr_set_cursor(nr + 1)).
  int last_nr() const;
  void set_last_nr(int nr);
  // pid_max (Linux 6.14: per pid namespace, /proc/sys/kernel/pid_max):
  // numbers here stay below it. PID_MAX_LIMIT for a new namespace, the
  // model's PID_MAX for the initial one (whose numbers the pid table
  // hands out below PID_MAX whatever it is set to). set_pid_max: the
  // sysctl's bounds, RESERVED_PIDS + 1 to PID_MAX_LIMIT, are the caller's.
  int pid_max() const { return pid_max_.load(std::memory_order_relaxed); }
  void set_pid_max(int v) { pid_max_.store(v, std::memory_order_relaxed); }
  // Whether tasks can still be forked into it (PIDNS_ADDING).
  bool adding() const;
  // Whether its init has been forked (child_reaper is set); the initial
  // namespace always has one.
  bool has_child_reaper() const { return has_reaper_.load(std::memory_order_acquire); }

  // Is `ns` this namespace or one below it?
  bool is_ancestor_of(const pid_namespace& ns) const;

 private:
  friend result<counted_ref<pid_namespace, typed_ns_policy<pid_namespace>>> create_pid_ns(
      pid_namespace& parent, user_namespace& owner, kuid euid);
  pid_namespace(const ns_operations& ops, user_namespace& init_user_ns, std::uint32_t inum,
                std::uint64_t id)
      : owned_namespace(ops, init_user_ns, inum, id) {}
  pid_namespace(const ns_operations& ops, user_namespace& owner, const charge& c,
                pid_namespace& parent);
  ~pid_namespace() override;

  pid_namespace* parent_ = nullptr;  // holds a reference
  int level_ = 0;
  mutable mutex pidmap_lock_;
  int last_nr_ NETNS_GUARDED_BY(pidmap_lock_) = 0;
  bool adding_ NETNS_GUARDED_BY(pidmap_lock_) = true;
  std::set<int> used_ NETNS_GUARDED_BY(pidmap_lock_);
  std::atomic<bool> has_reaper_{true};  // false from create_pid_ns until init's fork
  std::atomic<int> pid_max_{PID_MAX_LIMIT};
};

using pid_ns_ref = counted_ref<pid_namespace, typed_ns_policy<pid_namespace>>;

// create_pid_namespace: a child of `parent` owned by `owner`. ENOSPC past
// MAX_PID_NS_LEVEL or at max_pid_namespaces; ENOMEM.
result<pid_ns_ref> create_pid_ns(pid_namespace& parent, user_namespace& owner, kuid euid);

inline pid_namespace& to_pid_ns(ns_common& ns) {
  return static_cast<pid_namespace&>(to_owned_ns(ns));
}

}  // namespace netns
