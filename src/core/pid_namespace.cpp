// SPDX-License-Identifier: GPL-2.0-only
// Pid namespaces (kernel/pid_namespace.c, kernel/pid.c).
#include "netns/core/pid_namespace.hpp"

#include <algorithm>
#include <cerrno>
#include <new>

#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

pid_namespace* pid_namespace::make_init(user_namespace& init_user_ns) {
  auto* ns = new pid_namespace(pidns_operations, init_user_ns, PROC_PID_INIT_INO, INIT_PID_NS_ID);
  ns->pid_max_.store(PID_MAX, std::memory_order_relaxed);  // the boot value, not the limit
  return ns;
}

pid_namespace::pid_namespace(const ns_operations& ops, user_namespace& owner, const charge& c,
                             pid_namespace& parent)
    : owned_namespace(ops, owner, c), parent_(&parent), level_(parent.level_ + 1) {
  has_reaper_.store(false, std::memory_order_relaxed);
  parent.get();
}

pid_namespace::~pid_namespace() {
  if (parent_) parent_->put();
}

result<int> pid_namespace::alloc_nr() {
  lock_guard l(pidmap_lock_);
  if (!adding_) return errc{ENOMEM};
  // This namespace's pid_max, read once (alloc_pid's READ_ONCE).
  const int pid_max = pid_max_.load(std::memory_order_relaxed);
  if (used_.size() >= static_cast<std::size_t>(pid_max - 1)) return errc{EAGAIN};
  // idr_alloc_cyclic(pid_min, pid_max): the lowest free number from the
  // cursor (after the last) on, wrapping to pid_min: 1, or RESERVED_PIDS
  // once the cursor has passed it (alloc_pid: init needs 1, a wrap does not
  // go back below 300).
  const int pid_min = last_nr_ + 1 > RESERVED_PIDS ? RESERVED_PIDS : 1;
  int nr = std::max(last_nr_ + 1, pid_min);
  for (int tried = 0;; ++nr, ++tried) {
    if (nr >= pid_max) nr = pid_min;
    if (!used_.count(nr)) break;
    if (tried >= pid_max) return errc{EAGAIN};
  }
  used_.insert(nr);
  last_nr_ = nr;
  if (nr == 1) has_reaper_.store(true, std::memory_order_release);
  return nr;
}

int pid_namespace::last_nr() const {
  lock_guard l(pidmap_lock_);
  return last_nr_;
}

void pid_namespace::set_last_nr(int nr) {
  lock_guard l(pidmap_lock_);
  last_nr_ = nr;
}

void pid_namespace::free_nr(int nr) {
  lock_guard l(pidmap_lock_);
  used_.erase(nr);
  // zap_pid_ns_processes' disable_pid_allocation: init is gone.
  if (nr == 1) adding_ = false;
}

bool pid_namespace::adding() const {
  lock_guard l(pidmap_lock_);
  return adding_;
}

bool pid_namespace::is_ancestor_of(const pid_namespace& ns) const {
  const pid_namespace* p = &ns;
  while (p && p->level_ > level_) p = p->parent_;
  return p == this;
}

result<pid_ns_ref> create_pid_ns(pid_namespace& parent, user_namespace& owner, kuid euid) {
  kernel& k = owner.owner_kernel();
  if (parent.level() + 1 > MAX_PID_NS_LEVEL) return errc{ENOSPC};
  auto c = owned_namespace::charge_new(owner, euid, ucount_type::pid_namespaces);
  if (!c) return c.error();
  pid_namespace* ns = k.faults().should_fail(fault_point::ns_alloc)
                          ? nullptr
                          : new (std::nothrow) pid_namespace(pidns_operations, owner, *c, parent);
  if (!ns) {
    owned_namespace::uncharge(owner, *c);
    return errc{ENOMEM};
  }
  return pid_ns_ref::adopt(ns);
}

namespace {
ns_common* pidns_get(const task_ns_view& task) {
  pid_namespace* ns = task.get_active_pid_ns();
  return ns ? &ns->ns() : nullptr;
}

// pidns_for_children_get: nothing (ENOENT for the link) until the
// namespace has its init, as the kernel answers before the first fork.
ns_common* pidns_for_children_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  pid_namespace* ns = p->pid_ns_for_children;
  if (!ns->has_child_reaper()) return nullptr;
  ns->get();
  return &ns->ns();
}

// pidns_install: only into the task's own pid namespace or one below it;
// what changes is the namespace its children will be in.
result<void> pidns_install(nsset& set, ns_common& ns) {
  pid_namespace& target = to_pid_ns(ns);
  if (auto r = may_install_owned(set, target); !r) return r;
  const pid_namespace* active = set.active_pid_ns;
  if (target.level() < active->level() || !active->is_ancestor_of(target)) return errc{EINVAL};
  set.replace(set.proxy().pid_ns_for_children, target);
  return ok();
}

// pidns_get_parent: the parent, if the caller's own pid namespace is it or
// above it (EPERM otherwise, and at the top).
result<ns_ref> pidns_get_parent(ns_common& ns, const cred&, const task_ns_view& caller) {
  pid_namespace& pns = to_pid_ns(ns);
  pid_namespace* active = caller.get_active_pid_ns();
  if (!active) return errc{EPERM};
  pid_ns_ref hold = pid_ns_ref::adopt(active);
  pid_namespace* p = pns.parent();
  if (!p || !active->is_ancestor_of(*p)) return errc{EPERM};
  return ns_ref::hold(p->ns());
}
}  // namespace

const ns_operations pidns_operations = {
    "pid", CLONE_NEWPID, pidns_get, owned_ns_hold, owned_ns_put, pidns_install, owned_ns_owner,
    pidns_get_parent,
};
const ns_operations pidns_for_children_operations = {
    "pid_for_children", CLONE_NEWPID, pidns_for_children_get, owned_ns_hold, owned_ns_put,
    pidns_install, owned_ns_owner, pidns_get_parent,
};

}  // namespace netns
