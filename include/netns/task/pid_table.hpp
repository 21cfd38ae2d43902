// SPDX-License-Identifier: GPL-2.0-only
// The tasks of one world, by pid: fork (copy_process + alloc_pid), exit
// (do_exit + release_task, reaped at once), and the lookups by pid that
// /proc, NETNSA_PID and kill-style calls make (find_task_by_vpid).
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   fs::vfs files;
//   pid_table tasks(*k, files);                     // pid 1: init, in the initial namespaces
//   std::shared_ptr<task> t = *tasks.spawn(tasks.init_task());
//   bool found = tasks.find_task(t->pid()) == t;     // true
//   if (auto r = tasks.exit(*t); !r) return r;       // its fds close, its refs drop
//   tasks.exit_all();                                // before the kernel goes
//
// A task reaches its world through its table: the kernel (its namespaces)
// and the file system its paths walk (`task::owner()`).
//
// Locking: writers and the map of handles take the table's mutex; lookups
// by pid (find_task_rcu) read a lock-free index under RCU. exit() waits for
// a grace period, so a walk that found the task by pid is done with it
// before it goes. Cost: spawn and exit are a map insert/erase and, for
// exit, one grace period.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/kernel.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/task.hpp"

namespace netns {

class pid_table {
 public:
  // Makes init (pid 1): uid 0 with every capability, in the kernel's
  // initial user and network namespaces.
  pid_table(kernel& k, fs::vfs& files);
  // Every task must have gone (exit_all) before.
  ~pid_table();
  pid_table(const pid_table&) = delete;
  pid_table& operator=(const pid_table&) = delete;

  kernel& k() const { return *kernel_; }
  fs::vfs& vfs() const { return *vfs_; }
  task& init_task() const { return *init_; }

  // fork(): a child of parent with its namespaces, credentials and a copy of
  // its fd table. EAGAIN when the pid space (32768) is used up. The table
  // keeps the task until it exits; the handle keeps the object readable
  // (exited() is then true) for as long as the caller holds it.
  result<std::shared_ptr<task>> spawn(task& parent);
  // The same, with the number `nr` in the initial pid namespace when it is
  // free (and below PID_MAX_LIMIT): a number the world's owner hands out, a host
  // process's pid that a program's task is to show (netns exec).
  // ns_last_pid moves past the number spawn() would have taken, which stays
  // free: the model's own tasks are numbered as the kernel numbers a
  // namespace where each such process took a number (the linux backend's
  // scenario namespace), and they do not race the host for the numbers
  // after nr. A taken number (or one from PID_MAX_LIMIT on) gives the number
  // spawn() would; the caller sees which in the task's pid.
  result<std::shared_ptr<task>> spawn_at(task& parent, int nr);
  // The task exits: fds closed, namespace references dropped, pid freed
  // (the model reaps at once). Exiting pid 1 is refused (EPERM), as the
  // model's world ends with the table. The init (pid 1) of a pid namespace
  // below the initial one takes every task of that namespace, and of the
  // namespaces below it, with it (zap_pid_ns_processes).
  result<void> exit(task& t);
  // The end of the world: every task, init included, exits.
  void exit_all();
  // find_task_by_vpid: nullptr if there is no live task with that pid.
  std::shared_ptr<task> find_task(int pid);
  // find_task_by_pid_ns: the live task numbered `nr` in pid namespace ns.
  std::shared_ptr<task> find_task_in_ns(const pid_namespace& ns, int nr);
  // The same inside an rcu::read_guard, without a reference: the task stays
  // valid until the guard ends.
  task* find_task_rcu(int pid) const;
  // Pids of the live tasks, ascending; a task that stands for a thread
  // (task::set_thread_of) is not among them, nor in tasks_in_ns.
  std::vector<int> pids();
  // The live tasks `ns` sees, with their numbers there, ascending (what
  // next_tgid walks for a proc of that namespace's readdir).
  std::vector<std::pair<int, std::shared_ptr<task>>> tasks_in_ns(const pid_namespace& ns);
  // ns_last_pid of `ns`: the last number handed out there, and where the
  // next search starts (after `nr`). The initial namespace's numbers are
  // this table's, the others' their namespace's.
  int last_pid_nr(const pid_namespace& ns);
  void set_last_pid_nr(pid_namespace& ns, int nr);

 private:
  kernel* kernel_;
  fs::vfs* vfs_;
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
  result<std::shared_ptr<task>> do_spawn(task& parent, int nr);
};

}  // namespace netns
