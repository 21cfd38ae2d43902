// SPDX-License-Identifier: GPL-2.0-only
// What namespace types see of a task (core cannot know the task layer):
// nsproxy, the task's namespaces of the types that are not net or user;
// task_ns_view, which ns_operations::get reads (the kernel's get(task));
// and nsset (kernel/nsproxy.c), what setns prepares for a task type by type
// and commits only when every type's install succeeded.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   const cred root = cred::root(k->init_user_ns());
//   nsset set;
//   set.current_cred = &root;                                    // the task's, as they are
//   ns_ref net = ns_ref::hold(k->init_net().ns());
//   if (auto r = net->ops->install(set, *net); !r) return r;    // EPERM without CAP_SYS_ADMIN
//   bool moved = set.new_net == &k->init_net();                 // commit would switch to it
//
// No locking: an nsset is a value the setns caller owns for the call; a
// task_ns_view answers for a task that may be running (its own locking).
#pragma once

#include <memory>

#include "netns/core/cred.hpp"
#include "netns/core/net.hpp"
#include "netns/core/ns_common.hpp"
#include "netns/core/owned_namespace.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns {

class uts_namespace;
class ipc_namespace;
class pid_namespace;
class cgroup_namespace;
class time_namespace;

// struct nsproxy: a task's namespaces of every type but user (in the
// credentials, as in the kernel) and net (the task keeps its net apart, in
// an atomic pointer that setns and lookups reach without a lock). Shared by
// every task that has the same ones (a fork takes a reference); never
// changed once published: unshare and setns make a new one. Each pointer
// holds a reference. mnt_ns is the fs layer's mnt_namespace.
struct nsproxy {
  refcount count{1};
  uts_namespace* uts_ns = nullptr;
  ipc_namespace* ipc_ns = nullptr;
  owned_namespace* mnt_ns = nullptr;
  pid_namespace* pid_ns_for_children = nullptr;
  cgroup_namespace* cgroup_ns = nullptr;
  time_namespace* time_ns = nullptr;
  time_namespace* time_ns_for_children = nullptr;

  nsproxy() = default;
  // Another nsproxy with the same namespaces (a reference to each).
  nsproxy(const nsproxy& o);
  nsproxy& operator=(const nsproxy&) = delete;
  ~nsproxy();  // drops each namespace's reference
};
struct nsproxy_policy {
  static void get(nsproxy* p) { p->count.inc(); }
  static void put(nsproxy* p) {
    if (p->count.dec_and_test()) delete p;
  }
};
using nsproxy_ref = counted_ref<nsproxy, nsproxy_policy>;

// The namespaces a new process (fork) or a new program (execve:
// exec_task_namespaces) has: `p` itself, or, when p's task unshared a time
// namespace, a copy whose time namespace is that one (timens_on_fork,
// which freezes its offsets: a task has entered it).
nsproxy_ref timens_on_fork(nsproxy_ref p);

// A task's namespaces, one reference per call; empty once the task has
// exited. The task layer's task implements it.
class task_ns_view {
 public:
  virtual net_ref get_net_ns() const = 0;
  virtual user_ns_ref get_user_ns() const = 0;
  virtual nsproxy_ref get_nsproxy() const = 0;
  // task_active_pid_ns: the pid namespace the task's own pid is in (fixed
  // at fork; nullptr once the task has exited). A reference of the caller's.
  virtual pid_namespace* get_active_pid_ns() const = 0;

 protected:
  ~task_ns_view() = default;
};

struct nsset {
  unsigned long flags = 0;              // the CLONE_NEW* types being installed
  const cred* current_cred = nullptr;   // the task's credentials as they are
  // Set by userns_install (prepare_creds). Out of line because most
  // installs never need it: an inline optional<cred> made every setns
  // clear a hundred bytes of stack (measured: +10 ns on the round trip).
  std::unique_ptr<cred> new_cred;
  // Set by netns_install: the net to switch to. Not a reference of its
  // own: the namespace file setns was given holds one until the commit,
  // which takes the task's (a counted reference here made every net setns
  // move and test one more pointer; measured +10 ns on the round trip).
  net* new_net = nullptr;
  // The task's namespaces as they are, and the pid namespace its pid is in
  // (pidns_install's task_active_pid_ns). Set by the caller.
  const nsproxy* current = nullptr;
  pid_namespace* active_pid_ns = nullptr;
  // The task shares its fs_struct or its thread group with others: the
  // model's tasks never do, but the checks are the kernel's.
  bool shares_fs = false;
  bool multithreaded = false;
  // The nsproxy to commit: made by proxy() from `current` on the first
  // install of a type it holds, so that a net setns never makes one.
  nsproxy_ref new_proxy;

  nsproxy& proxy() {
    if (!new_proxy) new_proxy = nsproxy_ref::adopt(new nsproxy(*current));
    return *new_proxy;
  }
  // slot = ns, taking a reference to ns and dropping the one slot had.
  template <class T>
  void replace(T*& slot, T& ns) {
    ns.get();
    T* old = slot;
    slot = &ns;
    if (old) old->put();
  }

  // The credentials an install checks against (the kernel's nsset->cred):
  // the new ones once a user namespace has been installed.
  const cred& creds() const { return new_cred ? *new_cred : *current_cred; }
};

// ns_capable as an install calls it: always with the task's current
// credentials (the kernel's `current`), even after a user namespace was
// installed earlier in the same setns; that namespace only changes which
// user namespace the "own" check asks about (nsset->cred->user_ns).
inline bool nsset_capable(const nsset& set, const user_namespace& target, int cap) {
  return ns_capable(*set.current_cred, target, cap);
}

}  // namespace netns
