// SPDX-License-Identifier: GPL-2.0-only
// Cgroup namespaces (kernel/cgroup/namespace.c).
#include "netns/core/cgroup_namespace.hpp"

#include <cerrno>
#include <new>

#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

cgroup_namespace* cgroup_namespace::make_init(user_namespace& init_user_ns) {
  return new cgroup_namespace(cgroupns_operations, init_user_ns, PROC_CGROUP_INIT_INO,
                              INIT_CGROUP_NS_ID);
}

result<cgroup_ns_ref> create_cgroup_ns(user_namespace& owner, kuid euid) {
  kernel& k = owner.owner_kernel();
  auto c = owned_namespace::charge_new(owner, euid, ucount_type::cgroup_namespaces);
  if (!c) return c.error();
  cgroup_namespace* ns = k.faults().should_fail(fault_point::ns_alloc)
                             ? nullptr
                             : new (std::nothrow) cgroup_namespace(cgroupns_operations, owner, *c);
  if (!ns) {
    owned_namespace::uncharge(owner, *c);
    return errc{ENOMEM};
  }
  return cgroup_ns_ref::adopt(ns);
}

namespace {
ns_common* cgroupns_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  p->cgroup_ns->get();
  return &p->cgroup_ns->ns();
}

// cgroupns_install: the caller's own namespace first, then the owner's.
result<void> cgroupns_install(nsset& set, ns_common& ns) {
  cgroup_namespace& cg = to_cgroup_ns(ns);
  if (!nsset_capable(set, *set.creds().user_ns, CAP_SYS_ADMIN) ||
      !nsset_capable(set, cg.user_ns(), CAP_SYS_ADMIN))
    return errc{EPERM};
  set.replace(set.proxy().cgroup_ns, cg);
  return ok();
}
}  // namespace

const ns_operations cgroupns_operations = {
    "cgroup", CLONE_NEWCGROUP, cgroupns_get, owned_ns_hold, owned_ns_put, cgroupns_install,
    owned_ns_owner, nullptr,
};

}  // namespace netns
