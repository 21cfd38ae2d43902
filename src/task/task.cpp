// SPDX-License-Identifier: GPL-2.0-only
#include "netns/task/task.hpp"

#include <cerrno>

#include "netns/base/rcu.hpp"
#include <utility>
#include <vector>

namespace netns {

task::~task() {
  // A net switched to through a stale handle after exit.
  if (net* n = net_ns_.load(std::memory_order_relaxed)) net_active_policy::put(n);
}

bool task::exited() const {
  spin_guard l(lock_);
  return exited_;
}

void task::set_dumpable(bool on) {
  spin_guard l(lock_);
  dumpable_ = on;
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

result<int> task::fd_install(fs::file_ptr&& f) {
  spin_guard l(lock_);
  if (exited_) return errc{ESRCH};
  int fd = next_fd_;
  while (static_cast<std::size_t>(fd) < fds_.size() && fds_[fd]) ++fd;
  if (fd >= TASK_MAX_FDS) return errc{EMFILE};
  if (static_cast<std::size_t>(fd) == fds_.size()) fds_.emplace_back();
  fds_[fd] = std::move(f);
  next_fd_ = fd + 1;
  return fd;
}

result<fs::file_ptr> task::fd_get(int fd) const {
  spin_guard l(lock_);
  if (fd < 0 || static_cast<std::size_t>(fd) >= fds_.size() || !fds_[fd]) return errc{EBADF};
  return fds_[fd];
}

result<void> task::fd_close(int fd) {
  fs::file_ptr f;  // released after the lock: it may pin a namespace
  {
    spin_guard l(lock_);
    if (fd < 0 || static_cast<std::size_t>(fd) >= fds_.size() || !fds_[fd]) return errc{EBADF};
    f = std::move(fds_[fd]);
    if (fd < next_fd_) next_fd_ = fd;
  }
  return ok();
}

std::size_t task::fd_count() const {
  spin_guard l(lock_);
  std::size_t n = 0;
  for (auto& f : fds_) n += f != nullptr;
  return n;
}

std::vector<int> task::fd_numbers() const {
  spin_guard l(lock_);
  std::vector<int> out;
  for (std::size_t fd = 0; fd < fds_.size(); ++fd)
    if (fds_[fd]) out.push_back(static_cast<int>(fd));
  return out;
}

task_fs_state* task::install_fs_state(std::unique_ptr<task_fs_state> s) {
  spin_guard l(lock_);
  // Under task_lock so that do_exit, which takes it away, cannot miss one.
  if (exited_) return nullptr;
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
  std::vector<fs::file_ptr> files;
  net_ref net;
  std::unique_ptr<task_fs_state> state;
  {
    spin_guard l(lock_);
    exited_ = true;
    files.swap(fds_);
    next_fd_ = 0;
    net = net_ref::adopt(net_ns_.exchange(nullptr, std::memory_order_acq_rel));
    state.reset(fs_state_.exchange(nullptr, std::memory_order_acq_rel));
  }
  // exit_files, then exit_task_namespaces: the references go here.
  files.clear();
  net = nullptr;
  return state;
}

}  // namespace netns
