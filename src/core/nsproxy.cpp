// SPDX-License-Identifier: GPL-2.0-only
// struct nsproxy's references (kernel/nsproxy.c: create_nsproxy's copy of
// every pointer, free_nsproxy's puts).
#include "netns/core/nsproxy.hpp"

#include "netns/core/cgroup_namespace.hpp"
#include "netns/core/ipc_namespace.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/core/time_namespace.hpp"
#include "netns/core/uts_namespace.hpp"

namespace netns {

namespace {
template <class T>
T* hold(T* ns) {
  if (ns) ns->get();
  return ns;
}
template <class T>
void drop(T* ns) {
  if (ns) ns->put();
}
}  // namespace

nsproxy::nsproxy(const nsproxy& o)
    : uts_ns(hold(o.uts_ns)),
      ipc_ns(hold(o.ipc_ns)),
      mnt_ns(hold(o.mnt_ns)),
      pid_ns_for_children(hold(o.pid_ns_for_children)),
      cgroup_ns(hold(o.cgroup_ns)),
      time_ns(hold(o.time_ns)),
      time_ns_for_children(hold(o.time_ns_for_children)) {}

nsproxy::~nsproxy() {
  drop(time_ns_for_children);
  drop(time_ns);
  drop(cgroup_ns);
  drop(pid_ns_for_children);
  drop(mnt_ns);
  drop(ipc_ns);
  drop(uts_ns);
}

nsproxy_ref timens_on_fork(nsproxy_ref p) {
  if (p->time_ns == p->time_ns_for_children) return p;
  auto next = nsproxy_ref::adopt(new nsproxy(*p));
  next->time_ns_for_children->get();
  next->time_ns->put();
  next->time_ns = next->time_ns_for_children;
  next->time_ns->freeze();
  return next;
}

}  // namespace netns
