// SPDX-License-Identifier: GPL-2.0-only
// Pid namespaces for programs: a program's unshare(CLONE_NEWPID) is both
// the model's and the kernel's (inside the program's sandbox), so that the
// pids its children get from the kernel (fork's return value, getpid, $$)
// are the numbers the model gives their tasks. The kernel numbers a new
// pid namespace from 1 as the model does (alloc_pid, idr_alloc_cyclic);
// since a child becomes a task of the model only at its first served call,
// not in fork order, each new task's numbers are taken from its process's
// NSpid line (the kernel's, the truth), as a write of ns_last_pid before a
// fork would make the kernel hand them out. Around that: a clone with
// CLONE_NEWPID seen by its result, nsenter -p made real, the real user
// namespace an unshare -rp makes given its maps, and /proc/N of a program's
// own procfs named by that namespace's numbers.
#include <fcntl.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "netns/core/pid_namespace.hpp"
#include "netns/task/syscalls.hpp"
#include "pid_ns_mirror.hpp"
#include "served_calls.hpp"

namespace netns::exec_detail {

namespace {

// The NSpid line of a host process: its pid in the supervisor's pid
// namespace, then in each namespace below down to its own. Empty once gone.
std::vector<int> nspid_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("NSpid:", 0) != 0) continue;
    std::istringstream fields(line.substr(6));
    std::vector<int> out;
    for (int nr; fields >> nr;) out.push_back(nr);
    return out;
  }
  return {};
}

ino_t ns_ino(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// Writes "0 0 1" to a real id map file, opened from where `userns_fd` (a
// user namespace, or -1: ours) is. The map_write rule: the writer's open
// file must be in the target's user namespace or its parent's, and a
// user who is not root is in neither (the sandbox is the parent): a child
// of ours enters the sandbox first, where it has every capability (we own
// it), so CAP_SETUID over the parent is there too.
bool write_real_map(pid_t pid, const char* which, int userns_fd) {
  const std::string path = "/proc/" + std::to_string(pid) + "/" + which;
  static constexpr char map[] = "0 0 1\n";
  if (userns_fd < 0) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::write(fd, map, sizeof map - 1) == static_cast<ssize_t>(sizeof map - 1);
    ::close(fd);
    return ok;
  }
  // Only async-signal-safe calls in the child: the supervisor may have
  // other threads (the model's cleanup worker, RCU).
  const pid_t child = ::fork();
  if (child < 0) return false;
  if (child == 0) {
    if (::setns(userns_fd, CLONE_NEWUSER) != 0) ::_exit(1);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) ::_exit(2);
    ::_exit(::write(fd, map, sizeof map - 1) == static_cast<ssize_t>(sizeof map - 1) ? 0 : 3);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

result<std::shared_ptr<task>> served_calls::spawn_task(task& parent_task, pid_t tgid) {
  // The supervisor's pid namespace is the sandbox's (launch makes none),
  // so tgid is also what the program's process calls itself at its top
  // level, and the model's initial namespace is that one: its task takes
  // that number, as a write of ns_last_pid before the fork would give it,
  // without moving the model's own ns_last_pid (pid_table::spawn_at), so
  // that a scenario's tasks do not take the numbers the host hands out
  // next. A number a task of the model holds already (a scenario task the
  // model numbered, or a program's process that has gone on the host and
  // not yet in the model) leaves the task with the model's next number:
  // /proc paths then translate (model_pid_of), and the listing of /proc
  // shows the model's number.
  auto t = m_.spawn_at(parent_task, tgid);
  if (t && (*t)->pid() != tgid && trace_)
    std::fprintf(trace_, "[netns] pid %d is the model's already: the task of process %d is %d\n", tgid,
                 tgid, (*t)->pid());
  return t;
}

bool served_calls::in_child_pid_ns(pid_t tid) {
  const ino_t mine = ns_ino("/proc/self/ns/pid");
  const ino_t theirs = ns_ino("/proc/" + std::to_string(tid) + "/ns/pid");
  return mine && theirs && mine != theirs;
}

void served_calls::follow_real_pids(task& parent_task, pid_t tgid) {
  // The child's task goes into its parent's pid_for_children, level L.
  // The kernel's numbers below the supervisor's own pid namespace are its
  // namespaces the program made (each one with a model namespace made in
  // the same unshare): NSpid[1..k] are the model's levels L-k+1..L.
  nsproxy_ref proxy = parent_task.get_nsproxy();
  pid_namespace* ns = proxy->pid_ns_for_children;
  // The model's initial namespace is the sandbox's: nothing to follow
  // (and no status to read for most children).
  if (ns->level() == 0) return;
  const std::vector<int> real = nspid_of(tgid);
  if (real.size() < 2) return;  // in the sandbox's own pid namespace
  // The real namespace the child is in mirrors its task's: nsenter -p into
  // the model's one enters this one too (enter_real_pid_ns).
  if (!real_pid_ns_.count(ns->ns().ns_id)) {
    const int real_fd = ::open(("/proc/" + std::to_string(tgid) + "/ns/pid").c_str(), O_RDONLY | O_CLOEXEC);
    if (real_fd >= 0) real_pid_ns_[ns->ns().ns_id] = real_fd;
  }
  for (std::size_t i = real.size() - 1; i >= 1 && ns->level() > 0; --i, ns = ns->parent()) {
    // alloc_nr takes the lowest free number after the last one: the real
    // one when the model has it free (it has, unless a task the program's
    // real pid namespace has reaped is still the model's).
    ns->set_last_nr(real[i] - 1);
  }
}

int served_calls::begin_clone_newpid(task& parent_task, pid_t child, pid_t parent) {
  // Forks are not notified: the clone is seen by its result, the child's
  // real pid namespace, which is the parent's pid_for_children unless the
  // clone made a new one (the model serves unshare and setns, which change
  // the parent's real pid_for_children only when its model one changes).
  const ino_t mine = ns_ino("/proc/" + std::to_string(child) + "/ns/pid");
  const ino_t theirs = ns_ino("/proc/" + std::to_string(parent) + "/ns/pid_for_children");
  if (!mine || !theirs || mine == theirs) return -1;
  auto old = sys_open(parent_task, "/proc/self/ns/pid_for_children", O_RDONLY);
  if (!old) return -1;
  if (!sys_unshare(parent_task, CLONE_NEWPID)) {
    (void)sys_close(parent_task, *old);
    return -1;
  }
  return *old;
}

void served_calls::end_clone_newpid(task& parent_task, int old_pid_ns_fd) {
  // The parent's pid_for_children is its own again, as the kernel's clone
  // left it (its checks passed on the kernel: the model's pass too).
  (void)sys_setns(parent_task, old_pid_ns_fd, CLONE_NEWPID);
  (void)sys_close(parent_task, old_pid_ns_fd);
}

served_calls::process* served_calls::process_in_pid_ns(process& p, int nr) {
  const pid_namespace& ns = p.t->active_pid_ns();
  for (auto& [tgid, proc] : procs_)
    if (proc.leader->pid_nr_ns(ns) == nr) return &proc;
  if (nr <= 0 || ns.level() == 0) return nullptr;
  // A process of the namespace that has not called yet (every process
  // there is the program's: a descendant of one the model knows): found
  // by its NSpid among the descendants of the program's processes, and
  // made a task now (with its parents), so that its /proc/N/ns/* are the
  // model's files as its neighbours' are.
  const std::size_t depth = nspid_of(p.tgid).size();
  std::vector<pid_t> frontier;
  for (auto& [tgid, proc] : procs_) frontier.push_back(tgid);
  for (int generation = 0; generation < 16 && !frontier.empty(); ++generation) {
    std::vector<pid_t> next;
    for (pid_t parent : frontier) {
      std::ifstream in("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children");
      for (pid_t child; in >> child;) {
        if (procs_.count(child)) continue;
        const std::vector<int> real = nspid_of(child);
        if (real.size() == depth && real.back() == nr) return process_of(child);
        next.push_back(child);
      }
    }
    frontier = std::move(next);
  }
  return nullptr;
}

reply served_calls::enter_real_pid_ns(const seccomp_notif& req, process& p, int fd,
                                      std::uint64_t ns_id) {
  // The model's answer stands where no real namespace mirrors the model's
  // (one a scenario made, or one whose processes have not called yet):
  // the program's children are then numbered by the host.
  int real = -1;
  bool opened = false;
  nsproxy_ref proxy = p.t->get_nsproxy();
  const pid_namespace& ns = *proxy->pid_ns_for_children;
  if (auto it = real_pid_ns_.find(ns_id); it != real_pid_ns_.end()) {
    real = it->second;
  } else if (int other = world_real_pid_ns(ns_id); other >= 0) {
    real = other;  // another program of the world made it (netns serve)
  } else if (ns.level() == 0) {
    // The model's initial pid namespace is the sandbox's, ours.
    real = ::open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
    opened = true;
  } else if (ns.level() == 1) {
    real = mirror_pid_ns(ns, static_cast<pid_t>(req.pid));
  }
  if (real < 0) return reply::ok(0);
  // The program's fd becomes the real namespace file (the placeholder's
  // last close drops the model's file), and the host's setns goes on with
  // it: its checks are the kernel's, which the model's agreed with.
  seccomp_notif_addfd add{};
  add.id = req.id;
  add.flags = SECCOMP_ADDFD_FLAG_SETFD;
  add.srcfd = static_cast<std::uint32_t>(real);
  add.newfd = static_cast<std::uint32_t>(fd);
  add.newfd_flags = O_CLOEXEC;
  const int added = ::ioctl(listener_, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
  if (opened) ::close(real);
  if (added < 0) return reply::ok(0);
  return reply::pass();
}

namespace {
pid_ns_mirror::init_state state_of(const pid_namespace& ns) {
  using init_state = pid_ns_mirror::init_state;
  return !ns.has_child_reaper() ? init_state::none : ns.adding() ? init_state::living : init_state::gone;
}
}  // namespace

pid_ns_mirror mirror_for_children(task& parent) {
  nsproxy_ref proxy = parent.get_nsproxy();
  const pid_namespace& ns = *proxy->pid_ns_for_children;
  if (ns.level() != 1) return {};
  // Owned by our user namespace: the fork into it is ours (launch), and
  // the program's own calls are the model's (it starts in the sandbox).
  return make_pid_ns_mirror(-1, state_of(ns), ns.last_nr());
}

int served_calls::world_real_pid_ns(std::uint64_t ns_id) const {
  if (world_)
    for (const served_calls* other : *world_)
      if (other != this)
        if (auto it = other->real_pid_ns_.find(ns_id); it != other->real_pid_ns_.end()) return it->second;
  return -1;
}

int served_calls::mirror_pid_ns(const pid_namespace& ns, pid_t tid) {
  // A namespace no real one mirrors (a scenario's task made it): one is
  // made now, a child of the sandbox's as the model's is of the initial
  // one (deeper ones would need their parents mirrored first), owned by
  // the user namespace the caller is in on the host, where it has the
  // capability the host's setns asks for (the model's setns has checked
  // the model's). It is in the model's state: its init not forked yet,
  // living (a standing process is its pid 1, and its ns_last_pid the
  // model's), or gone.
  const pid_ns_mirror::init_state state = state_of(ns);
  int userns_fd = -1;
  if (ns_ino("/proc/" + std::to_string(tid) + "/ns/user") != ns_ino("/proc/self/ns/user"))
    userns_fd = ::open(("/proc/" + std::to_string(tid) + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC);
  // (No init yet: unreachable, as the model's pid_for_children cannot be
  // opened then either; the model's answer stands.)
  if (state == pid_ns_mirror::init_state::none) {
    if (userns_fd >= 0) ::close(userns_fd);
    return -1;
  }
  pid_ns_mirror made = make_pid_ns_mirror(userns_fd, state, ns.last_nr());
  if (userns_fd >= 0) ::close(userns_fd);
  if (made.ns_fd < 0) {
    if (trace_) std::fprintf(trace_, "[netns] could not make a real pid namespace for the model's\n");
    return -1;
  }
  real_pid_ns_[ns.ns().ns_id] = made.ns_fd;
  if (made.keep_fd >= 0) standing_inits_.push_back(made.keep_fd);
  return made.ns_fd;
}

void served_calls::note_real_userns(process& p, pid_t tid) {
  // Before the host's unshare(CLONE_NEWUSER) goes on: the user namespace
  // the program is in now, the parent of its new one, from which the new
  // one's maps can be written (write_real_map).
  if (p.userns_parent_fd >= 0) ::close(p.userns_parent_fd);
  p.userns_parent_fd =
      ::open(("/proc/" + std::to_string(tid) + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC);
  p.userns_maps_pending = p.userns_parent_fd >= 0;
  if (p.userns_maps_pending) ++userns_maps_pending_;
}

void served_calls::map_real_userns(pid_t caller) {
  // The host's new user namespace (made with the program's CLONE_NEWPID)
  // gets the map unshare -r writes, uid and gid 0 to the program's real 0
  // (root, or the sandbox's root), as the kernel's user namespace would
  // have it: the program's files keep their owners and its capabilities
  // over them survive its execs. The model's maps are the program's own
  // writes. Looked at before each call while an unshare is pending: the
  // first call after it may be another process's (unshare -r lets a child
  // it forks write the maps).
  int still = 0;
  for (auto& [tgid, p] : procs_) {
    if (!p.userns_maps_pending) continue;
    struct stat parent {}, now {};
    const bool changed = ::fstat(p.userns_parent_fd, &parent) == 0 &&
                         ::stat(("/proc/" + std::to_string(tgid) + "/ns/user").c_str(), &now) == 0 &&
                         parent.st_ino != now.st_ino;
    // Unchanged at its own next call: the host refused the unshare.
    if (!changed && tgid != caller) {
      ++still;
      continue;
    }
    if (changed) {
      const bool ours = ns_ino("/proc/self/ns/user") == parent.st_ino;
      const int from = ours ? -1 : p.userns_parent_fd;
      if (!write_real_map(tgid, "uid_map", from) || !write_real_map(tgid, "gid_map", from))
        if (trace_) std::fprintf(trace_, "[netns] could not map the real user namespace of %d\n", tgid);
    }
    p.userns_maps_pending = false;
    ::close(p.userns_parent_fd);
    p.userns_parent_fd = -1;
  }
  userns_maps_pending_ = still;
}

}  // namespace netns::exec_detail
