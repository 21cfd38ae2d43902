// SPDX-License-Identifier: GPL-2.0-only
// Time namespaces (kernel/time/namespace.c): offsets of the monotonic and
// boottime clocks. unshare(CLONE_NEWTIME) makes a namespace for the task's
// children (time_for_children); its offsets can be written through
// /proc/PID/timens_offsets until a task enters it (a fork, or setns), and
// are frozen from then on.
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   auto ns = clone_time_ns(k->init_time_ns(), *root.user_ns, root.euid);   // ENOSPC, ENOMEM
//   if (!ns) return ns.error();
//   timens_offsets o = (*ns)->offsets();        // old's: zero for the initial one
//   o.monotonic = {10, 0};
//   if (auto r = (*ns)->set_offsets(o); !r) return r;   // EACCES once frozen
//   (*ns)->freeze();                            // timens_commit: a task has entered
//
// Locking: offset_lock, a mutex per namespace.
#pragma once

#include <cstdint>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/owned_namespace.hpp"

namespace netns {

inline constexpr std::uint32_t PROC_TIME_INIT_INO = 0xEFFFFFFAU;  // 4026531834
inline constexpr std::uint64_t INIT_TIME_NS_ID = 2;               // observed NS_GET_ID
// CLONE_NEWTIME: not in every libc's <sched.h>.
inline constexpr unsigned long CLONE_NEWTIME_ = 0x80;

struct timens_offset {
  std::int64_t sec = 0;
  long nsec = 0;
  friend bool operator==(const timens_offset&, const timens_offset&) = default;
};
struct timens_offsets {
  timens_offset monotonic;
  timens_offset boottime;
};

extern const ns_operations timens_operations;               // /proc/PID/ns/time
extern const ns_operations timens_for_children_operations;  // /proc/PID/ns/time_for_children

class time_namespace final : public owned_namespace {
 public:
  static time_namespace* make_init(user_namespace& init_user_ns);

  timens_offsets offsets() const;
  // EACCES once a task has entered (frozen). Range checks are the writer's.
  result<void> set_offsets(const timens_offsets& o);
  // timens_commit: the first task entered; the offsets stay as they are.
  void freeze();
  bool frozen() const;

 private:
  friend result<counted_ref<time_namespace, typed_ns_policy<time_namespace>>> clone_time_ns(
      time_namespace& old, user_namespace& owner, kuid euid);
  using owned_namespace::owned_namespace;

  mutable mutex offset_lock_;
  timens_offsets offsets_ NETNS_GUARDED_BY(offset_lock_);
  bool frozen_offsets_ NETNS_GUARDED_BY(offset_lock_) = false;
};

using time_ns_ref = counted_ref<time_namespace, typed_ns_policy<time_namespace>>;

// clone_time_ns: a new namespace with old's offsets, not frozen. ENOSPC at
// max_time_namespaces, ENOMEM.
result<time_ns_ref> clone_time_ns(time_namespace& old, user_namespace& owner, kuid euid);

inline time_namespace& to_time_ns(ns_common& ns) {
  return static_cast<time_namespace&>(to_owned_ns(ns));
}

}  // namespace netns
