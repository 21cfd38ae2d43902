// SPDX-License-Identifier: GPL-2.0-only
// A machine: a kernel with the built-in subsystems, a file system with
// /proc and /run, and the tasks that run on them.
//
// Example:
//   machine m;                                 // boots; pid 1 is the init task
//   std::shared_ptr<task> t = *m.spawn(m.init_task());   // fork
//   if (auto r = m.exit(*t); !r) return r;     // its fds close, its refs drop
//   m.k().settle();                            // namespaces it pinned are gone
//
// At boot the tree has /proc (procfs), /run and /run/netns (tmpfs, mode
// 0755, owned by root), like the scenario language's starting state.
//
// Locking: the pid table's (task/pid_table.hpp); the machine adds none.
#pragma once

#include <memory>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/core/kernel.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/pid_table.hpp"
#include "netns/task/task.hpp"

namespace netns {

// The composition root: the one place that knows every layer. The pid
// table, procfs and the vfs know nothing of it.
class machine {
 public:
  explicit machine(const kernel_config& cfg = {});
  ~machine();
  machine(const machine&) = delete;
  machine& operator=(const machine&) = delete;

  kernel& k() { return *kernel_; }
  fs::vfs& vfs() { return vfs_; }
  pid_table& tasks() { return tasks_; }
  task& init_task() { return tasks_.init_task(); }

  // The pid table's calls (task/pid_table.hpp), for short.
  result<std::shared_ptr<task>> spawn(task& parent) { return tasks_.spawn(parent); }
  // A fork whose task takes pid nr when it is free (pid_table::spawn_at).
  result<std::shared_ptr<task>> spawn_at(task& parent, int nr) { return tasks_.spawn_at(parent, nr); }
  result<void> exit(task& t) { return tasks_.exit(t); }
  std::shared_ptr<task> find_task(int pid) { return tasks_.find_task(pid); }
  task* find_task_rcu(int pid) const { return tasks_.find_task_rcu(pid); }
  std::vector<int> pids() { return tasks_.pids(); }

 private:
  // Declared in the order they are made: the kernel, the tree, the tasks
  // (whose init holds the kernel's initial namespaces); torn down in
  // reverse by ~machine.
  std::unique_ptr<kernel> kernel_;
  fs::vfs vfs_;
  pid_table tasks_;
};

}  // namespace netns
