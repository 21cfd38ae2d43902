// SPDX-License-Identifier: GPL-2.0-only
#include "netns/task/task.hpp"

#include <algorithm>
#include <cerrno>

#include "netns/base/rcu.hpp"
#include "netns/core/pid_namespace.hpp"
#include <utility>
#include <vector>

namespace netns {

task::~task() {
  // A net switched to through a stale handle after exit.
  if (net* n = net_ns_.load(std::memory_order_relaxed)) net_active_policy::put(n);
  if (pid_ns_) pid_ns_->put();
}

nsproxy_ref task::get_nsproxy() const {
  spin_guard l(lock_);
  return nsproxy_.clone();
}

pid_namespace* task::get_active_pid_ns() const {
  if (exited()) return nullptr;
  pid_ns_->get();
  return pid_ns_;
}

int task::pid_nr_ns(const pid_namespace& ns) const {
  const int level = pid_ns_->level();
  if (ns.level() > level) return 0;
  const pid_namespace* p = pid_ns_;
  while (p->level() > ns.level()) p = p->parent();
  if (p != &ns) return 0;
  return ns.level() == 0 ? pid_ : pid_nrs_[static_cast<std::size_t>(ns.level() - 1)];
}

void task::switch_nsproxy(nsproxy_ref p) {
  nsproxy_ref old;
  spin_guard l(lock_);
  old = std::exchange(nsproxy_, std::move(p));
}

namespace {
std::shared_ptr<const fs::path_ref> place_or_null(fs::path_ref r) {
  if (!r) return nullptr;
  return std::make_shared<const fs::path_ref>(std::move(r));
}
}  // namespace

void task::set_fs_root(fs::path_ref r) {
  std::shared_ptr<const fs::path_ref> next = place_or_null(std::move(r));
  spin_guard l(lock_);
  next.swap(fs_root_);  // the old one goes outside the lock
}

fs::path_ref task::fs_root() const {
  std::shared_ptr<const fs::path_ref> at;
  {
    spin_guard l(lock_);
    at = fs_root_;
  }
  return at ? *at : fs::path_ref{};
}

void task::set_fs_pwd(fs::path_ref r) {
  std::shared_ptr<const fs::path_ref> next = place_or_null(std::move(r));
  spin_guard l(lock_);
  next.swap(fs_pwd_);
}

fs::path_ref task::fs_pwd() const {
  std::shared_ptr<const fs::path_ref> at;
  {
    spin_guard l(lock_);
    at = fs_pwd_;
  }
  return at ? *at : fs::path_ref{};
}

bool task::exited() const { return exited_.load(std::memory_order_acquire); }

void task::set_dumpable(bool on) {
  spin_guard l(lock_);
  dumpable_ = on;
}

std::string task::comm() const {
  spin_guard l(lock_);
  return comm_;
}

void task::set_comm(std::string_view name) {
  // __set_task_comm: the bytes up to a NUL, at most TASK_COMM_LEN - 1.
  name = name.substr(0, std::min(name.find('\0'), TASK_COMM_LEN - 1));
  spin_guard l(lock_);
  comm_.assign(name);
}

std::string task::cmdline() const {
  spin_guard l(lock_);
  return cmdline_;
}

void task::set_cmdline(std::string args) {
  spin_guard l(lock_);
  cmdline_ = std::move(args);
}

bool task::dumpable() const {
  spin_guard l(lock_);
  return dumpable_;
}

std::pair<kuid, kgid> task::euid_egid() const {
  spin_guard l(lock_);
  return {cred_.euid, cred_.egid};
}

cred task::creds() const {
  spin_guard l(lock_);
  return cred_;
}

user_ns_ref task::get_user_ns() const {
  spin_guard l(lock_);
  return cred_.user_ns.clone();
}

net_ref task::net_ns() const {
  // The task may be moving to another net meanwhile: a net whose count
  // already reached zero is one it has left (it stays allocated until this
  // read section ends), so look again.
  rcu::read_guard g;
  for (;;) {
    net* n = net_ns_.load(std::memory_order_acquire);
    if (!n) return nullptr;
    if (net_ref r = maybe_get_net(*n)) return r;
  }
}

result<int> task::fd_install(fs::file_ptr&& f, bool close_on_exec) {
  if (exited_.load(std::memory_order_relaxed)) return errc{ESRCH};
  auto fd = fds_.install(std::move(f));
  if (fd && close_on_exec) fds_.set_close_on_exec(*fd, true);
  return fd;
}

result<fs::file_ptr> task::fd_get(int fd) const { return fds_.get(fd); }

result<void> task::fd_replace(int fd, fs::file_ptr&& f) {
  if (exited_.load(std::memory_order_relaxed)) return errc{ESRCH};
  auto old = fds_.replace(fd, std::move(f));
  if (!old) return old.error();
  return ok();  // the old file, maybe a namespace's last reference, goes here
}

result<void> task::fd_close(int fd) {
  fs::file_ptr f = fds_.take(fd);
  if (!f) return errc{EBADF};
  return ok();  // f, maybe the last reference to a namespace, goes here
}

std::size_t task::fd_count() const { return fds_.count(); }

std::vector<int> task::fd_numbers() const { return fds_.numbers(); }

task_fs_state* task::install_fs_state(std::unique_ptr<task_fs_state> s) {
  spin_guard l(lock_);
  // Under task_lock so that do_exit, which takes it away, cannot miss one.
  if (exited_.load(std::memory_order_relaxed)) return nullptr;
  if (task_fs_state* cur = fs_state_.load(std::memory_order_relaxed)) return cur;
  fs_state_.store(s.get(), std::memory_order_release);
  return s.release();
}

namespace {
// cred_cap_issubset(set, subset): could `subset` have been derived from `set`
// without gaining capabilities?
bool cred_cap_issubset(const cred& set, const cred& subset) {
  const user_namespace* set_ns = set.user_ns.get();
  const user_namespace* subset_ns = subset.user_ns.get();
  if (set_ns == subset_ns) return (subset.cap_permitted.bits & ~set.cap_permitted.bits) == 0;
  for (; subset_ns->parent(); subset_ns = subset_ns->parent())
    if (set_ns == subset_ns->parent() && subset_ns->owner() == set.euid) return true;
  return false;
}
}  // namespace

void task::commit_creds(cred c) {
  cred old;
  spin_guard l(lock_);
  // commit_creds: a change of euid, egid, fsuid or fsgid, or capabilities
  // gained, makes the task non-dumpable (suid_dumpable = 0).
  if (c.euid != cred_.euid || c.egid != cred_.egid || c.fsuid != cred_.fsuid ||
      c.fsgid != cred_.fsgid || !cred_cap_issubset(cred_, c))
    dumpable_ = false;
  old = std::exchange(cred_, std::move(c));
}

void task::switch_net(net_ref n) {
  // Only the task writes the pointer: a plain load and a release store.
  net* old = net_ns_.load(std::memory_order_relaxed);
  net_ns_.store(n.release(), std::memory_order_release);
  if (old) net_active_policy::put(old);
}

std::unique_ptr<task_fs_state> task::do_exit() {
  std::shared_ptr<const fs::path_ref> root, pwd;
  net_ref net;
  nsproxy_ref proxy;
  std::unique_ptr<task_fs_state> state;
  {
    spin_guard l(lock_);
    exited_.store(true, std::memory_order_release);
    net = net_ref::adopt(net_ns_.exchange(nullptr, std::memory_order_acq_rel));
    proxy = std::move(nsproxy_);
    state.reset(fs_state_.exchange(nullptr, std::memory_order_acq_rel));
    root = std::move(fs_root_);  // exit_fs
    pwd = std::move(fs_pwd_);
  }
  // exit_files, then exit_task_namespaces: the references go here.
  std::vector<fs::file_ptr> files = fds_.take_all();
  files.clear();
  proxy = nullptr;
  net = nullptr;
  // free_pid: the numbers below the initial pid namespace (the pid
  // table frees level 0's).
  for (pid_namespace* p = pid_ns_; p->level() > 0; p = p->parent())
    p->free_nr(pid_nrs_[static_cast<std::size_t>(p->level() - 1)]);
  return state;
}

}  // namespace netns
