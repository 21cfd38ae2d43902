// SPDX-License-Identifier: GPL-2.0-only
#include "netns/task/task.hpp"

#include <cerrno>
#include <utility>
#include <vector>

namespace netns {

bool task::exited() const {
  lock_guard l(lock_);
  return exited_;
}

void task::set_dumpable(bool on) {
  lock_guard l(lock_);
  dumpable_ = on;
}

bool task::dumpable() const {
  lock_guard l(lock_);
  return dumpable_;
}

std::pair<kuid, kgid> task::euid_egid() const {
  lock_guard l(lock_);
  return {cred_.euid, cred_.egid};
}

cred task::creds() const {
  lock_guard l(lock_);
  return cred_;
}

net_ref task::net_ns() const {
  lock_guard l(lock_);
  return nsproxy_.net_ns.clone();
}

fs::access_ctx task::access() const {
  // The cred pointer must stay valid for the call: syscalls run on their
  // own task, which is the only one that replaces its credentials.
  lock_guard l(lock_);
  return fs::access_ctx{&cred_, pid_, pid_};
}

result<int> task::fd_install(fs::file_ptr f) {
  lock_guard l(lock_);
  if (exited_) return errc{ESRCH};
  int fd = 0;
  for (auto& [n, file] : fds_) {
    if (n != fd) break;
    ++fd;
  }
  if (fd >= TASK_MAX_FDS) return errc{EMFILE};
  fds_.emplace(fd, std::move(f));
  return fd;
}

result<fs::file_ptr> task::fd_get(int fd) const {
  lock_guard l(lock_);
  auto it = fds_.find(fd);
  if (it == fds_.end()) return errc{EBADF};
  return it->second;
}

result<void> task::fd_close(int fd) {
  fs::file_ptr f;  // released after the lock: it may pin a namespace
  {
    lock_guard l(lock_);
    auto it = fds_.find(fd);
    if (it == fds_.end()) return errc{EBADF};
    f = std::move(it->second);
    fds_.erase(it);
  }
  return ok();
}

std::size_t task::fd_count() const {
  lock_guard l(lock_);
  return fds_.size();
}

std::vector<int> task::fd_numbers() const {
  lock_guard l(lock_);
  std::vector<int> out;
  out.reserve(fds_.size());
  for (auto& [fd, f] : fds_) out.push_back(fd);
  return out;
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
  lock_guard l(lock_);
  // commit_creds: a change of euid, egid, fsuid or fsgid, or capabilities
  // gained, makes the task non-dumpable (suid_dumpable = 0).
  if (c.euid != cred_.euid || c.egid != cred_.egid || c.fsuid != cred_.fsuid ||
      c.fsgid != cred_.fsgid || !cred_cap_issubset(cred_, c))
    dumpable_ = false;
  old = std::exchange(cred_, std::move(c));
}

void task::switch_net(net_ref n) {
  net_ref old;  // put_net after the lock
  {
    lock_guard l(lock_);
    old = std::exchange(nsproxy_.net_ns, std::move(n));
  }
}

void task::do_exit() {
  std::map<int, fs::file_ptr> files;
  net_ref net;
  {
    lock_guard l(lock_);
    exited_ = true;
    files.swap(fds_);
    net = std::move(nsproxy_.net_ns);
  }
  // exit_files, then exit_task_namespaces: the references go here.
}

}  // namespace netns
