// SPDX-License-Identifier: GPL-2.0-only
// IPC namespaces (ipc/namespace.c).
#include "netns/core/ipc_namespace.hpp"

#include <cerrno>
#include <new>

#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

ipc_namespace* ipc_namespace::make_init(user_namespace& init_user_ns) {
  return new ipc_namespace(ipcns_operations, init_user_ns, PROC_IPC_INIT_INO, INIT_IPC_NS_ID);
}

ipc_sysctls ipc_namespace::sysctls() const {
  lock_guard l(lock_);
  return values_;
}

void ipc_namespace::set_sysctls(const ipc_sysctls& v) {
  lock_guard l(lock_);
  values_ = v;
}

result<ipc_ns_ref> create_ipc_ns(user_namespace& owner, kuid euid) {
  kernel& k = owner.owner_kernel();
  auto c = owned_namespace::charge_new(owner, euid, ucount_type::ipc_namespaces);
  if (!c) return c.error();
  ipc_namespace* ns = k.faults().should_fail(fault_point::ns_alloc)
                          ? nullptr
                          : new (std::nothrow) ipc_namespace(ipcns_operations, owner, *c);
  if (!ns) {
    owned_namespace::uncharge(owner, *c);
    return errc{ENOMEM};
  }
  return ipc_ns_ref::adopt(ns);
}

namespace {
ns_common* ipcns_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  p->ipc_ns->get();
  return &p->ipc_ns->ns();
}

// ipcns_install: the same capability checks as uts. (The kernel also
// drops the task's semaphore undo list, exit_sem, which the model has not.)
result<void> ipcns_install(nsset& set, ns_common& ns) {
  ipc_namespace& ipc = to_ipc_ns(ns);
  if (auto r = may_install_owned(set, ipc); !r) return r;
  set.replace(set.proxy().ipc_ns, ipc);
  return ok();
}
}  // namespace

const ns_operations ipcns_operations = {
    "ipc", CLONE_NEWIPC, ipcns_get, owned_ns_hold, owned_ns_put, ipcns_install, owned_ns_owner,
    nullptr,
};

}  // namespace netns
