// SPDX-License-Identifier: GPL-2.0-only
// What namespace types see of a task (core cannot know the task layer):
// task_ns_view, which ns_operations::get reads (the kernel's get(task)),
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
#include "netns/core/user_namespace.hpp"

namespace netns {

// A task's namespaces, one reference per call; empty once the task has
// exited. One function per namespace type, as the kernel's nsproxy has a
// field per type; the task layer's task implements it.
class task_ns_view {
 public:
  virtual net_ref get_net_ns() const = 0;
  virtual user_ns_ref get_user_ns() const = 0;

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

  // The credentials an install checks against (the kernel's nsset->cred):
  // the new ones once a user namespace has been installed.
  const cred& creds() const { return new_cred ? *new_cred : *current_cred; }
};

}  // namespace netns
