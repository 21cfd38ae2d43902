// SPDX-License-Identifier: GPL-2.0-only
#include "netns/task/machine.hpp"

#include <cerrno>

#include "netns/fs/procfs.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

namespace {
constexpr int pid_max = 32768;  // /proc/sys/kernel/pid_max's classic default
}

machine::machine(const kernel_config& cfg) : kernel_(boot(cfg)) {
  fs::access_ctx kernel_ctx;  // no creds: the kernel itself sets up the tree
  (void)vfs_.root()->attach("proc", fs::make_procfs_root(*this));
  (void)vfs_.mkdir(kernel_ctx, "/run", 0755);
  (void)vfs_.mkdir(kernel_ctx, "/run/netns", 0755);

  lock_guard l(tasks_lock_);
  auto t = std::shared_ptr<task>(new task(*this, 1, 0));
  {
    lock_guard tl(t->lock_);
    t->cred_ = cred::root(kernel_->init_user_ns());
    t->nsproxy_.net_ns = kernel_->init_net().get();
  }
  init_ = t.get();
  tasks_.emplace(1, std::move(t));
  last_pid_ = 1;
}

machine::~machine() {
  // Every task exits, the mounts go, then the kernel drains.
  std::map<int, std::shared_ptr<task>> all;
  {
    lock_guard l(tasks_lock_);
    all.swap(tasks_);
  }
  for (auto& [pid, t] : all) t->do_exit();
  all.clear();
  vfs_.detach_all();
  kernel_->settle();
}

result<std::shared_ptr<task>> machine::spawn(task& parent) {
  cred c;
  net_ref n;
  std::map<int, fs::file_ptr> fds;
  bool dumpable;
  {
    lock_guard pl(parent.lock_);
    if (parent.exited_) return errc{ESRCH};
    dumpable = parent.dumpable_;
    c = parent.cred_;
    n = parent.nsproxy_.net_ns.clone();
    fds = parent.fds_;
  }
  lock_guard l(tasks_lock_);
  int pid = last_pid_;
  for (int tries = 0; tries < pid_max; ++tries) {
    pid = pid >= pid_max - 1 ? 2 : pid + 1;  // pids wrap to 300 on Linux; the model keeps 2
    if (!tasks_.count(pid)) break;
  }
  if (tasks_.count(pid)) return errc{EAGAIN};
  last_pid_ = pid;
  auto t = std::shared_ptr<task>(new task(*this, pid, parent.pid()));
  {
    lock_guard tl(t->lock_);
    t->cred_ = std::move(c);
    t->nsproxy_.net_ns = std::move(n);
    t->fds_ = std::move(fds);
    t->dumpable_ = dumpable;
  }
  tasks_.emplace(pid, t);
  return t;
}

result<void> machine::exit(task& t) {
  if (&t == init_) return errc{EPERM};
  std::shared_ptr<task> gone;
  {
    lock_guard l(tasks_lock_);
    auto it = tasks_.find(t.pid());
    if (it == tasks_.end() || it->second.get() != &t) return errc{ESRCH};
    gone = std::move(it->second);
    tasks_.erase(it);
  }
  gone->do_exit();
  return ok();
}

std::shared_ptr<task> machine::find_task(int pid) {
  lock_guard l(tasks_lock_);
  auto it = tasks_.find(pid);
  return it == tasks_.end() ? nullptr : it->second;
}

std::vector<int> machine::pids() {
  lock_guard l(tasks_lock_);
  std::vector<int> out;
  for (auto& [pid, t] : tasks_) out.push_back(pid);
  return out;
}

}  // namespace netns
