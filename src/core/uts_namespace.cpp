// SPDX-License-Identifier: GPL-2.0-only
// UTS namespaces (kernel/utsname.c, kernel/utsname_sysctl.c's names).
#include "netns/core/uts_namespace.hpp"

#include <sys/utsname.h>

#include <cerrno>
#include <new>

#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

uts_namespace* uts_namespace::make_init(user_namespace& init_user_ns) {
  auto* ns = new uts_namespace(utsns_operations, init_user_ns, PROC_UTS_INIT_INO, INIT_UTS_NS_ID);
  struct utsname host {};
  (void)uname(&host);
  write_lock l(ns->uts_sem_);
  ns->name_ = {host.sysname, "(none)", host.release, host.version, host.machine, "(none)"};
  return ns;
}

new_utsname uts_namespace::utsname() const {
  read_lock l(uts_sem_);
  return name_;
}

result<void> uts_namespace::set_hostname(std::string_view name) {
  if (name.size() > NEW_UTS_LEN) return errc{EINVAL};
  write_lock l(uts_sem_);
  name_.nodename.assign(name);
  return ok();
}

result<void> uts_namespace::set_domainname(std::string_view name) {
  if (name.size() > NEW_UTS_LEN) return errc{EINVAL};
  write_lock l(uts_sem_);
  name_.domainname.assign(name);
  return ok();
}

result<uts_ns_ref> clone_uts_ns(uts_namespace& old, user_namespace& owner, kuid euid) {
  kernel& k = owner.owner_kernel();
  auto c = owned_namespace::charge_new(owner, euid, ucount_type::uts_namespaces);
  if (!c) return c.error();
  uts_namespace* ns = k.faults().should_fail(fault_point::ns_alloc)
                          ? nullptr
                          : new (std::nothrow) uts_namespace(utsns_operations, owner, *c);
  if (!ns) {
    owned_namespace::uncharge(owner, *c);
    return errc{ENOMEM};
  }
  new_utsname copy = old.utsname();
  {
    write_lock l(ns->uts_sem_);
    ns->name_ = std::move(copy);
  }
  return uts_ns_ref::adopt(ns);
}

namespace {
ns_common* utsns_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  p->uts_ns->get();
  return &p->uts_ns->ns();
}

result<void> utsns_install(nsset& set, ns_common& ns) {
  uts_namespace& uts = to_uts_ns(ns);
  if (auto r = may_install_owned(set, uts); !r) return r;
  set.replace(set.proxy().uts_ns, uts);
  return ok();
}
}  // namespace

const ns_operations utsns_operations = {
    "uts", CLONE_NEWUTS, utsns_get, owned_ns_hold, owned_ns_put, utsns_install, owned_ns_owner,
    nullptr,
};

}  // namespace netns
