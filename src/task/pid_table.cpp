// SPDX-License-Identifier: GPL-2.0-only
// The pid table: fork, exit and lookups by pid (kernel/fork.c, kernel/exit.c,
// kernel/pid.c).
#include "netns/task/pid_table.hpp"

#include <algorithm>
#include <cerrno>

#include "netns/base/rcu.hpp"
#include "netns/core/cgroup_namespace.hpp"
#include "netns/core/ipc_namespace.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/core/time_namespace.hpp"
#include "netns/core/uts_namespace.hpp"
#include "netns/fs/mnt_namespace.hpp"

namespace netns {

namespace {
constexpr int pid_max = PID_MAX;  // where the model's own numbers wrap (the classic default)
// The numbers the table can hold: any a pid namespace may hand out, so
// that a program's process under netns exec keeps its host pid on a host
// whose pid_max is above the classic default (systemd sets the limit).
constexpr int pid_capacity = PID_MAX_LIMIT;
}  // namespace

pid_table::pid_table(kernel& k, fs::vfs& files)
    : kernel_(&k), vfs_(&files), pid_pages_(new std::atomic<pid_page*>[pid_capacity / pid_page_size]()) {
  lock_guard l(tasks_lock_);
  auto t = std::shared_ptr<task>(new task(*this, 1, 0));
  // init_nsproxy: the kernel's initial namespaces, and the initial mount
  // namespace, which the tree's first task makes (the model's mnt_init).
  auto proxy = nsproxy_ref::adopt(new nsproxy);
  kernel_->init_uts_ns().get();
  proxy->uts_ns = &kernel_->init_uts_ns();
  kernel_->init_ipc_ns().get();
  proxy->ipc_ns = &kernel_->init_ipc_ns();
  proxy->mnt_ns = fs::mnt_namespace::make_init(kernel_->init_user_ns());
  kernel_->init_pid_ns().get();
  proxy->pid_ns_for_children = &kernel_->init_pid_ns();
  kernel_->init_cgroup_ns().get();
  proxy->cgroup_ns = &kernel_->init_cgroup_ns();
  kernel_->init_time_ns().get();
  proxy->time_ns = &kernel_->init_time_ns();
  kernel_->init_time_ns().get();
  proxy->time_ns_for_children = &kernel_->init_time_ns();
  kernel_->init_pid_ns().get();
  t->pid_ns_ = &kernel_->init_pid_ns();
  {
    spin_guard tl(t->lock_);
    t->cred_ = cred::root(kernel_->init_user_ns());
    t->net_ns_.store(kernel_->init_net().get().release(), std::memory_order_release);
    t->nsproxy_ = std::move(proxy);
    t->comm_ = "init";  // what pid 1 is called once it has run /sbin/init
  }
  init_ = t.get();
  set_pid_slot(1, init_);
  tasks_.emplace(1, std::move(t));
  last_pid_ = 1;
}

pid_table::~pid_table() {
  exit_all();
  for (int i = 0; i < pid_capacity / pid_page_size; ++i) delete pid_pages_[i].load();
}

void pid_table::exit_all() {
  std::map<int, std::shared_ptr<task>> all;
  {
    lock_guard l(tasks_lock_);
    all.swap(tasks_);
    for (auto& [pid, t] : all) set_pid_slot(pid, nullptr);
  }
  std::vector<std::unique_ptr<task_fs_state>> states;
  for (auto& [pid, t] : all) states.push_back(t->do_exit());
  if (all.empty()) return;
  rcu::synchronize();  // no walk is still on a task or its /proc inodes
  states.clear();
  all.clear();
  init_ = nullptr;
}

void pid_table::set_pid_slot(int pid, task* t) {
  std::atomic<pid_page*>& page = pid_pages_[pid / pid_page_size];
  pid_page* p = page.load(std::memory_order_relaxed);
  if (!p) {
    if (!t) return;
    p = new pid_page;
    page.store(p, std::memory_order_release);
  }
  p->slot[pid % pid_page_size].store(t, std::memory_order_release);
}

task* pid_table::find_task_rcu(int pid) const {
  if (pid <= 0 || pid >= pid_capacity) return nullptr;
  pid_page* p = pid_pages_[pid / pid_page_size].load(std::memory_order_acquire);
  return p ? p->slot[pid % pid_page_size].load(std::memory_order_acquire) : nullptr;
}

namespace {
// alloc_pid's numbers below the initial namespace, from the deepest level
// up (ENOMEM where that namespace's init has exited); on failure, the
// numbers taken are given back.
result<std::vector<int>> alloc_pid_nrs(pid_namespace& ns) {
  std::vector<int> nrs(static_cast<std::size_t>(ns.level()));
  for (pid_namespace* p = &ns; p->level() > 0; p = p->parent()) {
    auto nr = p->alloc_nr();
    if (!nr) {
      for (pid_namespace* q = &ns; q != p; q = q->parent())
        q->free_nr(nrs[static_cast<std::size_t>(q->level() - 1)]);
      return nr.error();
    }
    nrs[static_cast<std::size_t>(p->level() - 1)] = *nr;
  }
  return nrs;
}

}  // namespace

int pid_table::last_pid_nr(const pid_namespace& ns) {
  if (ns.level() > 0) return ns.last_nr();
  lock_guard l(tasks_lock_);
  return last_pid_;
}

void pid_table::set_last_pid_nr(pid_namespace& ns, int nr) {
  if (ns.level() > 0) return ns.set_last_nr(nr);
  lock_guard l(tasks_lock_);
  last_pid_ = nr;
}

result<std::shared_ptr<task>> pid_table::spawn(task& parent) { return do_spawn(parent, 0); }

result<std::shared_ptr<task>> pid_table::spawn_at(task& parent, int nr) {
  return do_spawn(parent, nr);
}

result<std::shared_ptr<task>> pid_table::do_spawn(task& parent, int wanted) {
  cred c;
  net_ref n;
  nsproxy_ref proxy;
  std::shared_ptr<const fs::path_ref> root, pwd;
  bool dumpable;
  std::string comm, cmdline;
  {
    spin_guard pl(parent.lock_);
    if (parent.exited_) return errc{ESRCH};
    dumpable = parent.dumpable_;
    comm = parent.comm_;  // dup_task_struct copies comm; the mm keeps the arguments
    cmdline = parent.cmdline_;
    c = parent.cred_;
    n = parent.net_ns();
    proxy = parent.nsproxy_.clone();
    root = parent.fs_root_;  // copy_fs
    pwd = parent.fs_pwd_;
  }
  proxy = timens_on_fork(std::move(proxy));  // copy_namespaces
  pid_namespace& pid_ns = *proxy->pid_ns_for_children;
  auto nrs = alloc_pid_nrs(pid_ns);
  if (!nrs) return nrs.error();
  lock_guard l(tasks_lock_);
  int pid = last_pid_;
  for (int tries = 0; tries < pid_max; ++tries) {
    pid = pid >= pid_max - 1 ? 2 : pid + 1;  // pids wrap to 300 on Linux; the model keeps 2
    if (!tasks_.count(pid)) break;
  }
  // A wanted number: the number found above is passed over all the same
  // (ns_last_pid moves as for a fork of the model's own), so the model's
  // own tasks are numbered as the kernel numbers processes in a namespace
  // where the wanted ones took a number each (the linux backend's scenario
  // namespace, whose programs' processes the model's stand for).
  const bool at_wanted = wanted > 1 && wanted < pid_capacity && !tasks_.count(wanted);
  const int passed_over = pid;
  if (at_wanted) pid = wanted;
  if (tasks_.count(pid)) {
    for (pid_namespace* p = &pid_ns; p->level() > 0; p = p->parent())
      p->free_nr((*nrs)[static_cast<std::size_t>(p->level() - 1)]);
    return errc{EAGAIN};
  }
  last_pid_ = passed_over;
  auto t = std::shared_ptr<task>(new task(*this, pid, parent.pid()));
  t->fds_.copy_from(parent.fds_);  // the parent's own thread makes the fork
  pid_ns.get();
  t->pid_ns_ = &pid_ns;
  t->pid_nrs_ = std::move(*nrs);
  {
    spin_guard tl(t->lock_);
    t->cred_ = std::move(c);
    t->net_ns_.store(n.release(), std::memory_order_release);
    t->nsproxy_ = std::move(proxy);
    t->fs_root_ = std::move(root);
    t->fs_pwd_ = std::move(pwd);
    t->dumpable_ = dumpable;
    t->comm_ = std::move(comm);
    t->cmdline_ = std::move(cmdline);
  }
  set_pid_slot(pid, t.get());
  tasks_.emplace(pid, t);
  return t;
}

result<void> pid_table::exit(task& t) {
  if (&t == init_) return errc{EPERM};
  std::shared_ptr<task> gone;
  {
    lock_guard l(tasks_lock_);
    auto it = tasks_.find(t.pid());
    if (it == tasks_.end() || it->second.get() != &t) return errc{ESRCH};
    gone = std::move(it->second);
    tasks_.erase(it);
    set_pid_slot(gone->pid(), nullptr);
  }
  std::unique_ptr<task_fs_state> state = gone->do_exit();
  if (state) state->task_reaped();
  // Walks that found the task by pid, or are inside its /proc inodes, end
  // before those go (release_task's delayed_put_task_struct).
  rcu::synchronize();
  state.reset();
  // zap_pid_ns_processes: the init of a pid namespace takes every task of
  // the namespace (and of the namespaces below it) with it.
  pid_namespace& ns = gone->active_pid_ns();
  if (ns.level() > 0 && gone->vpid() == 1) {
    std::vector<std::shared_ptr<task>> doomed;
    {
      lock_guard l(tasks_lock_);
      for (auto& [pid, other] : tasks_)
        if (ns.is_ancestor_of(other->active_pid_ns())) doomed.push_back(other);
    }
    for (auto& d : doomed) (void)exit(*d);
  }
  return ok();
}

std::shared_ptr<task> pid_table::find_task(int pid) {
  lock_guard l(tasks_lock_);
  auto it = tasks_.find(pid);
  return it == tasks_.end() ? nullptr : it->second;
}

std::shared_ptr<task> pid_table::find_task_in_ns(const pid_namespace& ns, int nr) {
  if (ns.level() == 0) return find_task(nr);
  lock_guard l(tasks_lock_);
  for (auto& [pid, t] : tasks_)
    if (t->pid_nr_ns(ns) == nr) return t;
  return nullptr;
}

std::vector<std::pair<int, std::shared_ptr<task>>> pid_table::tasks_in_ns(const pid_namespace& ns) {
  std::vector<std::pair<int, std::shared_ptr<task>>> out;
  {
    lock_guard l(tasks_lock_);
    for (auto& [pid, t] : tasks_)
      if (t->thread_of()) continue;  // not a process (task::set_thread_of)
      else if (const int nr = t->pid_nr_ns(ns)) out.emplace_back(nr, t);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::vector<int> pid_table::pids() {
  lock_guard l(tasks_lock_);
  std::vector<int> out;
  for (auto& [pid, t] : tasks_)
    if (!t->thread_of()) out.push_back(pid);
  return out;
}

}  // namespace netns
