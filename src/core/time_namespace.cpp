// SPDX-License-Identifier: GPL-2.0-only
// Time namespaces (kernel/time/namespace.c).
#include "netns/core/time_namespace.hpp"

#include <cerrno>
#include <new>

#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

time_namespace* time_namespace::make_init(user_namespace& init_user_ns) {
  auto* ns = new time_namespace(timens_operations, init_user_ns, PROC_TIME_INIT_INO, INIT_TIME_NS_ID);
  ns->freeze();  // every task is in it from the start
  return ns;
}

timens_offsets time_namespace::offsets() const {
  lock_guard l(offset_lock_);
  return offsets_;
}

result<void> time_namespace::set_offsets(const timens_offsets& o) {
  lock_guard l(offset_lock_);
  if (frozen_offsets_) return errc{EACCES};
  offsets_ = o;
  return ok();
}

void time_namespace::freeze() {
  lock_guard l(offset_lock_);
  frozen_offsets_ = true;
}

bool time_namespace::frozen() const {
  lock_guard l(offset_lock_);
  return frozen_offsets_;
}

result<time_ns_ref> clone_time_ns(time_namespace& old, user_namespace& owner, kuid euid) {
  kernel& k = owner.owner_kernel();
  auto c = owned_namespace::charge_new(owner, euid, ucount_type::time_namespaces);
  if (!c) return c.error();
  time_namespace* ns = k.faults().should_fail(fault_point::ns_alloc)
                           ? nullptr
                           : new (std::nothrow) time_namespace(timens_operations, owner, *c);
  if (!ns) {
    owned_namespace::uncharge(owner, *c);
    return errc{ENOMEM};
  }
  const timens_offsets o = old.offsets();
  {
    lock_guard l(ns->offset_lock_);
    ns->offsets_ = o;
  }
  return time_ns_ref::adopt(ns);
}

namespace {
ns_common* timens_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  p->time_ns->get();
  return &p->time_ns->ns();
}

ns_common* timens_for_children_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  p->time_ns_for_children->get();
  return &p->time_ns_for_children->ns();
}

// timens_install: a task of one thread only (EUSERS), the usual
// capabilities; the task moves at once (time_ns) and so will its children.
// The commit freezes the offsets (timens_commit).
result<void> timens_install(nsset& set, ns_common& ns) {
  time_namespace& tn = to_time_ns(ns);
  if (set.multithreaded) return errc{EUSERS};
  if (auto r = may_install_owned(set, tn); !r) return r;
  nsproxy& p = set.proxy();
  set.replace(p.time_ns, tn);
  set.replace(p.time_ns_for_children, tn);
  return ok();
}
}  // namespace

const ns_operations timens_operations = {
    "time", CLONE_NEWTIME_, timens_get, owned_ns_hold, owned_ns_put, timens_install,
    owned_ns_owner, nullptr,
};
const ns_operations timens_for_children_operations = {
    "time_for_children", CLONE_NEWTIME_, timens_for_children_get, owned_ns_hold, owned_ns_put,
    timens_install, owned_ns_owner, nullptr,
};

}  // namespace netns
