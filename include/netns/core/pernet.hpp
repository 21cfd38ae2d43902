// SPDX-License-Identifier: GPL-2.0-only
// pernet_operations: how a subsystem gets per-namespace state.
//
// init runs in every namespace (existing ones when it registers, new ones
// as they are set up); pre_exit, exit and exit_batch run when a namespace
// dies or the subsystem unregisters. Subsystems ("subsys") always run before
// devices at init and after them at exit: register_pernet_subsys inserts
// before the first device, register_pernet_device appends.
//
// Example:
//   #include "netns/core/net_generic.hpp"
//   #include "netns/subsys/builtin.hpp"
//   struct my_state { int packets; };
//   unsigned my_id = 0;
//   pernet_operations ops{.name = "mine",
//                         .init = [&](net& n) -> result<void> {
//                           net_generic<my_state>(n, my_id)->packets = 1;   // zeroed before
//                           return ok();
//                         },
//                         .exit = [](net&) { /* undo what init did */ },
//                         .id = &my_id, .size = sizeof(my_state)};
//   auto k = boot();
//   if (auto r = register_pernet_subsys(*k, ops); !r) return r;   // failed somewhere: undone
//   unregister_pernet_subsys(*k, ops);   // exits everywhere, frees the data
//
// The ops object must outlive its registration; `*id` is written at
// registration, so an ops object with an id belongs to one kernel at a time.
//
// Phases at exit, for a batch of namespaces: every op's pre_exit (reverse
// order), one RCU grace period, every op's exit per net then exit_batch
// once with the whole batch (reverse order), then the generic data is freed.
//
// Locking: registration holds the kernel's pernet_ops_rwsem for writing, so
// no namespace is set up or cleaned up meanwhile; callbacks run with it held
// (for reading during setup and cleanup) and must not register ops.
#pragma once

#include <cstddef>
#include <functional>
#include <span>

#include "netns/base/result.hpp"

namespace netns {

class kernel;
class net;
struct proc_net_file;

struct pernet_operations {
  const char* name = "";
  std::function<result<void>(net&)> init{};
  std::function<void(net&)> pre_exit{};
  std::function<void(net&)> exit{};
  std::function<void(std::span<net* const>)> exit_batch{};
  unsigned* id = nullptr;  // generic slot, written at registration
  std::size_t size = 0;    // zeroed per-net data of this size at net_generic(n, *id)
  // Files of this op in every namespace's /proc/net (proc_fs.hpp), there
  // while the op is initialized in it: declared here instead of made by
  // init, they cost a namespace nothing until its /proc/net is looked at.
  const proc_net_file* proc_files = nullptr;
  std::size_t proc_files_count = 0;
};

// EEXIST if ops is already registered; otherwise init's error, after every
// namespace it succeeded in was undone; ENOSPC/ENOMEM if no generic id.
result<void> register_pernet_subsys(kernel& k, pernet_operations& ops);
result<void> register_pernet_device(kernel& k, pernet_operations& ops);
// Runs the exit phases in every namespace and forgets ops. No-op if ops is
// not registered.
void unregister_pernet_subsys(kernel& k, pernet_operations& ops);
void unregister_pernet_device(kernel& k, pernet_operations& ops);

}  // namespace netns
