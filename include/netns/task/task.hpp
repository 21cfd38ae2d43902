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
// Example:
//   #include "netns/machine/machine.hpp"
//   #include "netns/task/syscalls.hpp"
//   machine m;
//   task& init = m.init_task();                 // pid 1, uid 0, every capability
//   std::shared_ptr<task> t = *m.spawn(init);   // fork
//   if (auto r = sys_unshare(*t, CLONE_NEWNET); !r) return r;
//   net_ref n = t->net_ns();                    // its new net (a reference of the caller's)
//
// A task is one thread: its syscalls, and its exit, are made by one thread
// at a time (any thread, but not two at once), as a kernel task makes its
// own. Other tasks may look at it meanwhile (get_net_ns_by_pid,
// /proc/<pid>/...).
//
// Locking: task_lock (a spinlock per task: every critical section is a few
// pointer moves) guards the credentials. The task writes them only under
// it and other tasks read them only under it; the task itself reads them
// without it (access()), since nobody else writes them. The fd table takes
// no lock on the task's side (fd_table.hpp). The current net (the nsproxy's one namespace: the user
// namespace travels with the credentials, as in the kernel) is an atomic
// pointer that others read under RCU and take with maybe_get_net, so setns
// takes no lock.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/cred.hpp"
#include "netns/core/net.hpp"
#include "netns/core/nsproxy.hpp"
#include "netns/fs/mnt_namespace.hpp"
#include "netns/fs/vfs.hpp"
#include "netns/task/fd_table.hpp"

namespace netns {

class pid_table;

// What a file system above keeps per task (procfs: the inodes of
// /proc/<pid>), made on first use. Walks hold it by raw pointer, so it is
// freed only after the task's exit and a grace period.
class task_fs_state {
 public:
  virtual ~task_fs_state() = default;
  // The task has been reaped (release_task): procfs unhashes its entries.
  virtual void task_reaped() {}
};

class task final : public std::enable_shared_from_this<task>, public task_ns_view {
 public:
  int pid() const { return pid_; }
  int ppid() const { return ppid_; }
  // The table the task lives in: its world's kernel and file system.
  pid_table& owner() const { return *owner_; }
  bool exited() const;

  // Snapshots (each returns its own reference or copy); net_ns is empty
  // once the task has exited.
  cred creds() const;
  net_ref net_ns() const;
  // What ns_operations::get reads (task_ns_view): a reference each.
  net_ref get_net_ns() const override { return net_ns(); }
  user_ns_ref get_user_ns() const override;
  nsproxy_ref get_nsproxy() const override;
  pid_namespace* get_active_pid_ns() const override;

  // The pid namespace the task's pid is in (task_active_pid_ns), without
  // a reference: fixed for the task's life.
  pid_namespace& active_pid_ns() const { return *pid_ns_; }
  // pid_nr_ns: the task's number in `ns` (0 if ns cannot see it).
  int pid_nr_ns(const pid_namespace& ns) const;
  // The task's number in its own pid namespace (getpid).
  int vpid() const { return pid_nr_ns(*pid_ns_); }

  // get_dumpable() == SUID_DUMP_USER: cleared when the task changes its
  // effective or fs ids (suid_dumpable is 0), inherited by spawn.
  bool dumpable() const;
  // The effective ids alone (no reference taken): what /proc shows as owner.
  std::pair<kuid, kgid> euid_egid() const;
  // prctl(PR_SET_DUMPABLE): what an execve of a plain program also does.
  void set_dumpable(bool on);

  // The command name (task->comm: at most TASK_COMM_LEN - 1 = 15 bytes,
  // cut at a NUL; a fork copies it) and the argument block that
  // /proc/<pid>/cmdline shows (NUL-separated; empty for a task that runs
  // no program, as a kernel thread's is).
  static constexpr std::size_t TASK_COMM_LEN = 16;
  std::string comm() const;
  void set_comm(std::string_view name);
  std::string cmdline() const;
  void set_cmdline(std::string args);

  // The access context for file-system calls made by this task (by its own
  // thread: the credentials, the nsproxy, the root and the working
  // directory are read in place, as only the task replaces them). Its
  // absolute walks start at its root: its mount namespace's, or where
  // chroot put it; its relative walks at its working directory.
  fs::access_ctx access() const NETNS_NO_THREAD_SAFETY_ANALYSIS {
    const nsproxy* p = nsproxy_.get();
    return fs::access_ctx{&cred_, pid_, pid_, p ? root_mount_of(*p) : nullptr, fs_root_.get(),
                          fs_pwd_.get()};
  }
  // fs_struct's root when the task is chrooted (empty when its root is its
  // mount namespace's): set by chroot and by unshare(CLONE_NEWNS) (the
  // same place in the copy), cleared by setns(CLONE_NEWNS) (set_fs_root
  // to the new namespace's root). Written by the task; read by others
  // (/proc/PID/root, /proc/PID/mountinfo) through fs_root().
  void set_fs_root(fs::path_ref r);
  fs::path_ref fs_root() const;
  // fs_struct's pwd, the working directory (empty: the root of the task's
  // mount namespace, where every task starts): set by chdir and by
  // unshare(CLONE_NEWNS) (the same place in the copy), cleared by
  // setns(CLONE_NEWNS); chroot leaves it. A fork copies it (the model's
  // tasks share no fs_struct: no CLONE_FS). Read by others through
  // fs_pwd() (/proc/PID/cwd).
  void set_fs_pwd(fs::path_ref r);
  fs::path_ref fs_pwd() const;
  // current_chrooted: whether the task's root is not its namespace's.
  bool chrooted() const NETNS_NO_THREAD_SAFETY_ANALYSIS { return fs_root_ != nullptr; }
  // The task stands for a real process with other threads (netns exec),
  // which the model's single-threaded tasks never have: the kernel's rules
  // on a thread group and a shared fs_struct apply to it (entering a user
  // or mount namespace, unshare(CLONE_NEWUSER), setns into a time
  // namespace). Only the task's thread sets it, before such a call.
  void set_other_threads(bool yes) { other_threads_ = yes; }
  bool has_other_threads() const { return other_threads_; }
  // The task stands for a thread of the process whose task is `leader`
  // (netns exec: a thread that changed its namespaces apart from its
  // process's). It is not a process: /proc's listing leaves it out, as the
  // kernel's lists thread-group leaders only. 0: a process of its own.
  void set_thread_of(int leader) { thread_of_ = leader; }
  int thread_of() const { return thread_of_; }
  // The root mount of the mount namespace in `p` (nullptr: the initial one).
  static const fs::vfsmount* root_mount_of(const nsproxy& p) {
    return static_cast<const fs::mnt_namespace*>(p.mnt_ns)->root_mount();
  }

  // fd table.
  // Installs f at the lowest free fd (f is moved from only then), with the
  // close-on-exec bit when asked (O_CLOEXEC); EMFILE when full.
  result<int> fd_install(fs::file_ptr&& f, bool close_on_exec = false);
  // FD_CLOEXEC of an open fd (FIOCLEX, FIONCLEX, F_SETFD). The task's
  // thread only.
  void fd_set_close_on_exec(int fd, bool on) { fds_.set_close_on_exec(fd, on); }
  bool fd_close_on_exec(int fd) const { return fds_.close_on_exec(fd); }
  // The open file at fd, or EBADF (a reference of the caller's own).
  result<fs::file_ptr> fd_get(int fd) const;
  // dup2 onto fd (replace_fd): f there, what was there closed. The task's
  // thread only.
  result<void> fd_replace(int fd, fs::file_ptr&& f);
  // The task's own look at its table: the file at fd or nullptr, valid
  // until the task itself closes it. Only the task's thread may call it.
  fs::file* fd_peek_own(int fd) const { return fds_.peek(fd); }
  // Closes fd (EBADF if not open). The task's thread only.
  result<void> fd_close(int fd);
  std::size_t fd_count() const;
  // The open fd numbers, ascending (/proc/<pid>/fd).
  std::vector<int> fd_numbers() const;

  // Replacing the task's state (commit_creds, switch_task_namespaces).
  void commit_creds(cred c);
  void switch_net(net_ref n);
  void switch_nsproxy(nsproxy_ref p);

  // The file systems' per-task state, or nullptr. Inside an rcu::read_guard
  // it stays valid until the guard ends.
  task_fs_state* fs_state() const { return fs_state_.load(std::memory_order_acquire); }
  // Installs s unless the task has one (then s is dropped and that one is
  // returned) or has exited (nullptr).
  task_fs_state* install_fs_state(std::unique_ptr<task_fs_state> s);

  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task();

 private:
  friend class pid_table;
  task(pid_table& table, int pid, int ppid) : owner_(&table), pid_(pid), ppid_(ppid) {}
  // exit_files and exit_task_namespaces: closes every fd, drops the net.
  // Returns the fs state, for the pid table to free after a grace period.
  std::unique_ptr<task_fs_state> do_exit();

  pid_table* owner_;
  int pid_;
  int ppid_;
  mutable spinlock lock_;  // task_lock
  cred cred_ NETNS_GUARDED_BY(lock_);
  // The current net: one active reference. Written by the task (and by
  // the pid table before the task runs); read by anyone under RCU.
  std::atomic<net*> net_ns_{nullptr};
  // The other namespaces (nsproxy.hpp): one reference; replaced by the
  // task, read by others, under lock_.
  nsproxy_ref nsproxy_ NETNS_GUARDED_BY(lock_);
  // struct pid: the active pid namespace (a reference) and the task's
  // numbers at levels 1 .. its level (level 0's is pid_). Fixed at fork.
  pid_namespace* pid_ns_ = nullptr;
  std::vector<int> pid_nrs_;
  fd_table fds_;
  // Set by do_exit under lock_ (install_fs_state checks it under lock_);
  // read bare by the task and by exited().
  std::atomic<bool> exited_{false};
  bool dumpable_ NETNS_GUARDED_BY(lock_) = true;
  bool other_threads_ = false;  // set_other_threads
  int thread_of_ = 0;           // set_thread_of
  std::string comm_ NETNS_GUARDED_BY(lock_);
  std::string cmdline_ NETNS_GUARDED_BY(lock_);
  std::atomic<task_fs_state*> fs_state_{nullptr};
  // set_fs_root, set_fs_pwd: snapshots, replaced whole, so that a reader
  // copies a pointer under the lock and the chain outside it.
  std::shared_ptr<const fs::path_ref> fs_root_ NETNS_GUARDED_BY(lock_);
  std::shared_ptr<const fs::path_ref> fs_pwd_ NETNS_GUARDED_BY(lock_);
};

}  // namespace netns
