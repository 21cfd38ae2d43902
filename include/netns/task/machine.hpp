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
// Locking: the pid table has its own mutex for writers and the map of
// handles; lookups by pid (find_task_rcu) read a lock-free index under RCU.
// exit() waits for a grace period, so a walk that found the task by pid is
// done with it before it goes.
#pragma once

#include <atomic>
#include <map>
#include <memory>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/kernel.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/task.hpp"

namespace netns {

class machine {
 public:
  explicit machine(const kernel_config& cfg = {});
  ~machine();
  machine(const machine&) = delete;
  machine& operator=(const machine&) = delete;

  kernel& k() { return *kernel_; }
  fs::vfs& vfs() { return vfs_; }
  task& init_task() { return *init_; }

  // fork(): a child of parent with its namespaces, credentials and a copy of
  // its fd table. EAGAIN when the pid space (32768) is used up. The machine
  // keeps the task until it exits; the handle keeps the object readable
  // (exited() is then true) for as long as the caller holds it.
  result<std::shared_ptr<task>> spawn(task& parent);
  // The task exits: fds closed, namespace references dropped, pid freed
  // (the model reaps at once). Exiting pid 1 is refused (EPERM), as the
  // model's world ends with the machine.
  result<void> exit(task& t);
  // find_task_by_vpid: nullptr if there is no live task with that pid.
  std::shared_ptr<task> find_task(int pid);
  // The same inside an rcu::read_guard, without a reference: the task stays
  // valid until the guard ends.
  task* find_task_rcu(int pid) const;
  // Pids of the live tasks, ascending.
  std::vector<int> pids();
  // get_next_ino: inode numbers for files with no file system behind them
  // (sockets).
  std::uint64_t next_ino() { return next_ino_.fetch_add(1, std::memory_order_relaxed); }

 private:
  std::unique_ptr<kernel> kernel_;
  fs::vfs vfs_;
  mutex tasks_lock_;
  std::map<int, std::shared_ptr<task>> tasks_ NETNS_GUARDED_BY(tasks_lock_);
  int last_pid_ NETNS_GUARDED_BY(tasks_lock_) = 0;
  task* init_ = nullptr;

  // The pid index: pages of slots, made on first use, kept to the end.
  static constexpr int pid_page_size = 256;
  struct pid_page {
    std::atomic<task*> slot[pid_page_size] = {};
  };
  std::unique_ptr<std::atomic<pid_page*>[]> pid_pages_;
  void set_pid_slot(int pid, task* t) NETNS_REQUIRES(tasks_lock_);
  std::atomic<std::uint64_t> next_ino_{10000};
};

}  // namespace netns
