// SPDX-License-Identifier: GPL-2.0-only
// Tasks: what runs syscalls in the model.
//
// A task has a pid, a parent, credentials (with their user namespace), an
// nsproxy (its current network namespace) and an fd table. spawn() is fork:
// the child shares the parent's namespaces and credentials and gets a copy
// of its fd table (the same open files). exit() closes every fd and drops
// the task's namespace references, as the kernel's exit_task_namespaces and
// exit_files do. Tasks are single-threaded (a thread group of one).
//
//   machine m;                        // task/machine.hpp
//   task& init = m.init_task();       // pid 1, uid 0, every capability
//   task& t = *m.spawn(init);
//   sys_unshare(t, CLONE_NEWNET);     // task/syscalls.hpp
//
// Locking: task_lock (a mutex per task) guards the nsproxy, the credentials
// and the fd table, so another task may read them (get_net_ns_by_pid,
// /proc/<pid>/...) while this one runs a syscall.
#pragma once

#include <map>
#include <vector>
#include <memory>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/cred.hpp"
#include "netns/core/net.hpp"
#include "netns/fs/vfs.hpp"

namespace netns {

class machine;

// The namespaces a task uses (struct nsproxy; the model has net only: the
// user namespace travels with the credentials, as in the kernel).
struct nsproxy {
  net_ref net_ns;
};

// RLIMIT_NOFILE's usual soft limit: fds are 0..1023.
inline constexpr int TASK_MAX_FDS = 1024;

class task {
 public:
  int pid() const { return pid_; }
  int ppid() const { return ppid_; }
  machine& owner_machine() const { return *machine_; }
  bool exited() const;

  // Snapshots under task_lock (each returns its own reference or copy).
  cred creds() const;
  net_ref net_ns() const;

  // get_dumpable() == SUID_DUMP_USER: cleared when the task changes its
  // effective or fs ids (suid_dumpable is 0), inherited by spawn.
  bool dumpable() const;
  // The effective ids alone (no reference taken): what /proc shows as owner.
  std::pair<kuid, kgid> euid_egid() const;
  // prctl(PR_SET_DUMPABLE): what an execve of a plain program also does.
  void set_dumpable(bool on);

  // The access context for file-system calls made by this task.
  fs::access_ctx access() const;

  // fd table.
  // Installs f at the lowest free fd; EMFILE when full.
  result<int> fd_install(fs::file_ptr f);
  // The open file at fd, or EBADF.
  result<fs::file_ptr> fd_get(int fd) const;
  // Closes fd (EBADF if not open); the file is released outside the lock.
  result<void> fd_close(int fd);
  std::size_t fd_count() const;
  // The open fd numbers, ascending (/proc/<pid>/fd).
  std::vector<int> fd_numbers() const;

  // Replacing the task's state (commit_creds, switch_task_namespaces).
  void commit_creds(cred c);
  void switch_net(net_ref n);

  task(const task&) = delete;
  task& operator=(const task&) = delete;

 private:
  friend class machine;
  task(machine& m, int pid, int ppid) : machine_(&m), pid_(pid), ppid_(ppid) {}
  // exit_files and exit_task_namespaces: closes every fd, drops the net.
  void do_exit();

  machine* machine_;
  int pid_;
  int ppid_;
  mutable mutex lock_;  // task_lock
  cred cred_ NETNS_GUARDED_BY(lock_);
  nsproxy nsproxy_ NETNS_GUARDED_BY(lock_);
  std::map<int, fs::file_ptr> fds_ NETNS_GUARDED_BY(lock_);
  bool exited_ NETNS_GUARDED_BY(lock_) = false;
  bool dumpable_ NETNS_GUARDED_BY(lock_) = true;
};

}  // namespace netns
