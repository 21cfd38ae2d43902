// SPDX-License-Identifier: GPL-2.0-only
// The supervisor's loop: receive a call, find the process's task, answer.
#include "served_calls.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "netns/core/pid_namespace.hpp"
#include "netns/netlink/socket.hpp"
#include "netns/task/syscalls.hpp"
#include "tracee_memory.hpp"

namespace netns::exec_detail {

namespace {

// Tgid and PPid of a host thread, from /proc/TID/status; {0, 0} once gone.
std::pair<pid_t, pid_t> tgid_and_ppid(pid_t tid) {
  std::ifstream in("/proc/" + std::to_string(tid) + "/status");
  std::string line;
  pid_t tgid = 0, ppid = 0;
  while (std::getline(in, line)) {
    if (line.rfind("Tgid:", 0) == 0) tgid = std::atoi(line.c_str() + 5);
    if (line.rfind("PPid:", 0) == 0) ppid = std::atoi(line.c_str() + 5);
  }
  return {tgid, ppid};
}

std::string syscall_name(int nr) {
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
  std::string out = name ? name : "syscall_" + std::to_string(nr);
  std::free(name);
  return out;
}

}  // namespace

result<std::unique_ptr<served_calls>> served_calls::create(machine& m, task& parent, int listener,
                                                           std::FILE* trace) {
  std::unique_ptr<served_calls> s(new served_calls(m, parent, listener, trace));
  if (seccomp_notify_alloc(&s->req_, &s->resp_) != 0) {
    s->listener_ = -1;  // still the caller's to close
    return errc{ENOMEM};
  }
  return s;
}

served_calls::served_calls(machine& m, task& parent, int listener, std::FILE* trace)
    : m_(m), parent_(parent), listener_(listener), trace_(trace) {}

served_calls::~served_calls() {
  // The program's processes that are still running (a background child)
  // get ENOSYS from here on: the listener closes.
  if (listener_ >= 0) close(listener_);
  for (auto& [id, fd] : real_pid_ns_) close(fd);
  for (int fd : standing_inits_) close(fd);
  for (auto& [tgid, p] : procs_) {
    close(p.pidfd);
    if (p.userns_parent_fd >= 0) close(p.userns_parent_fd);
    for (auto& [tid, th] : p.threads) {
      close(th.pidfd);
      (void)m_.exit(*th.t);
    }
    (void)m_.exit(*p.leader);
  }
  seccomp_notify_free(req_, resp_);
}

int served_calls::adopt_main(pid_t pid, int pidfd) {
  // Started in a real pid namespace that mirrors its parent task's
  // pid_for_children (mirror_for_children): its numbers there too.
  follow_real_pids(parent_, pid);
  auto t = spawn_task(parent_, pid);
  main_pid_ = pid;
  if (!t) {
    close(pidfd);
    return 0;
  }
  exec_program_creds(**t);
  const int model_pid = (*t)->pid();
  procs_[pid] = process{pidfd, std::move(*t)};
  procs_[pid].tgid = pid;
  procs_[pid].leader = procs_[pid].t;
  return model_pid;
}

served_calls::process* served_calls::process_of(pid_t tid) {
  // A tid that is a live process's tgid is that process's leader (a pid is
  // not reused while its process lives): most calls come this way, without
  // reading /proc.
  if (auto it = procs_.find(tid); it != procs_.end()) return &it->second;
  auto [tgid, ppid] = tgid_and_ppid(tid);
  if (tgid == 0) return nullptr;
  if (auto it = procs_.find(tgid); it != procs_.end()) return &it->second;
  // A process the program forked: a task forked from its parent's as that
  // one is now (see supervisor.hpp for what that means for a parent that
  // has changed since).
  auto pit = procs_.find(ppid);
  if (pit != procs_.end()) {
    // Forked by a thread with a task of its own: from that task (its
    // namespaces), as the kernel's child gets its forking thread's.
    for (auto& [thread_id, th] : pit->second.threads)
      if (std::ranges::count(children_of(ppid, thread_id), tgid)) return adopt(tgid, ppid, *th.t);
    return adopt(tgid, ppid, *pit->second.leader);
  }
  // Its parent has not called yet either (a shell's child's child): the
  // parent becomes a task first, so the child's is forked from its (in
  // the pid namespace the parent gives its children).
  if (ppid > 1 && ppid != tid && forked_by_program(ppid))
    if (process* parent = process_of(ppid)) return adopt(tgid, ppid, *parent->t);
  return adopt(tgid, ppid, parent_);
}

std::vector<pid_t> served_calls::children_of(pid_t tgid, pid_t tid) {
  char path[64], list[4096];
  std::snprintf(path, sizeof(path), "/proc/%d/task/%d/children", tgid, tid);
  // Read with plain calls: this runs before every served setns and unshare.
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  const ssize_t n = read(fd, list, sizeof(list) - 1);
  close(fd);
  if (n <= 0) return {};
  list[n] = '\0';
  std::vector<pid_t> out;
  char* at = list;
  char* end = nullptr;
  for (long pid; (pid = std::strtol(at, &end, 10)), end != at; at = end) out.push_back(static_cast<pid_t>(pid));
  return out;
}

served_calls::process* served_calls::adopt(pid_t tgid, pid_t ppid, task& parent_task) {
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, tgid, 0));
  if (pidfd < 0) return nullptr;  // gone already
  // A clone with CLONE_NEWPID: the task is forked into a new pid namespace
  // too, for which its parent's task unshares one for the fork's length.
  const int restore_pid_ns = procs_.count(ppid) ? begin_clone_newpid(parent_task, tgid, ppid) : -1;
  follow_real_pids(parent_task, tgid);
  auto t = spawn_task(parent_task, tgid);
  if (restore_pid_ns >= 0) end_clone_newpid(parent_task, restore_pid_ns);
  if (!t) {
    close(pidfd);
    return nullptr;
  }
  clone_namespaces(**t, tgid, ppid);
  process& made = procs_[tgid] = process{pidfd, std::move(*t)};
  made.tgid = tgid;
  made.leader = made.t;
  // What its parent ran when last looked: if the child runs another
  // program by its first call, it has exec'd (settle_exec). Its /proc is
  // its parent's (a fork shares the mount namespace).
  if (auto pit = procs_.find(ppid); pit != procs_.end()) {
    made.exe = pit->second.exe;
    made.own_proc = pit->second.own_proc;
  }
  return &made;
}

void served_calls::clone_namespaces(task& child_task, pid_t child, pid_t parent) {
  // The child's real namespaces differ from its parent's only where a
  // clone with CLONE_NEWNET, CLONE_NEWUSER, ... went through to the host (the
  // model serves unshare and setns, so those never change them): the
  // model's child gets new ones of those types too, as the kernel's did.
  auto ino = [](pid_t pid, const char* type) -> ino_t {
    char path[64];
    std::snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, type);
    struct stat st {};
    return ::stat(path, &st) == 0 ? st.st_ino : 0;
  };
  unsigned long flags = 0;
  for (auto [type, flag] : {std::pair{"user", CLONE_NEWUSER}, std::pair{"net", CLONE_NEWNET},
                            std::pair{"mnt", CLONE_NEWNS}, std::pair{"ipc", CLONE_NEWIPC},
                            std::pair{"cgroup", CLONE_NEWCGROUP}}) {
    const ino_t mine = ino(child, type), theirs = ino(parent, type);
    if (mine && theirs && mine != theirs) flags |= static_cast<unsigned long>(flag);
  }
  // (At the model's limits this is ENOSPC and the child keeps its parent's.)
  if (flags) (void)sys_unshare(child_task, flags);
}

served_calls::process* served_calls::own_process(pid_t tgid) {
  auto it = procs_.find(tgid);
  return it == procs_.end() ? nullptr : &it->second;
}

served_calls::process* served_calls::known_process(pid_t pid) {
  if (process* p = own_process(pid)) return p;
  return own_process(tgid_and_ppid(pid).first);
}

int served_calls::program_model_pid(int host_pid) {
  // The world's programs' processes by their host pids (/proc/TID of a
  // thread names its process's task); another program's too, in a world
  // that serves several (netns serve).
  if (process* p = own_process(host_pid)) return p->leader->pid();
  // A thread with a task of its own is named by it (/proc/TID/ns/net is
  // the thread's on the kernel).
  if (task* t = thread_task_of(host_pid)) return t->pid();
  const pid_t tgid = tgid_and_ppid(host_pid).first;
  if (process* p = own_process(tgid)) return p->leader->pid();
  if (world_)
    for (served_calls* other : *world_)
      if (process* p = other->own_process(tgid)) return p->leader->pid();
  return 0;
}

int served_calls::model_pid_of(int host_pid) {
  if (int mp = program_model_pid(host_pid)) return mp;
  // The model's other tasks by their model pids: the program lives in the
  // model's world, where those are the processes there are.
  if (m_.find_task(host_pid) != nullptr) return host_pid;
  return 0;
}

bool served_calls::model_task_named(int pid) {
  if (program_model_pid(pid) != 0) return false;
  if (m_.find_task(pid) != nullptr) return true;
  // A host process the world does not hold (not a program's, nor forked by
  // one and yet to call): the world has no such pid, and the model says so
  // (ENOENT) rather than show a stranger's /proc/N.
  return !forked_by_program(pid);
}

bool served_calls::forked_by_program(pid_t pid) {
  // Up the host's parent chain to a program's process (a shell's child
  // that has made no notified call yet is not a task of the model yet).
  for (int depth = 0; depth < 64 && pid > 1; ++depth) {
    const auto [tgid, ppid] = tgid_and_ppid(pid);
    if (tgid <= 0) return false;
    if (program_model_pid(tgid) != 0) return true;
    pid = ppid;
  }
  return false;
}

served_calls::process* served_calls::process_of_task(int model_pid) {
  for (auto& [tgid, proc] : procs_)
    if (proc.leader->pid() == model_pid) return &proc;
  if (world_)
    for (served_calls* other : *world_)
      if (other != this)
        for (auto& [tgid, proc] : other->procs_)
          if (proc.leader->pid() == model_pid) return &proc;
  return nullptr;
}

void served_calls::adopt_children(process& p, pid_t tid) {
  // The calling thread's children (forks are not notified: a notified call
  // can fail with EINTR where the kernel's fork never does, and a shell's
  // SIGCHLD handler makes that happen).
  const pid_t tgid = own_process(tid) == &p ? tid : tgid_and_ppid(tid).first;
  // (One that cannot be made now is made at its first call, as before.)
  for (pid_t child : children_of(tgid, tid))
    if (!procs_.count(child)) (void)adopt(child, tgid, *p.t);
}

void served_calls::adopt_descendants() {
  // Each pass adopts the children of the processes known before it; the
  // next one their children (a shell's child's child), down to none new.
  for (int generation = 0; generation < 16; ++generation) {
    const std::size_t before = procs_.size();
    std::vector<pid_t> known;
    for (const auto& [tgid, p] : procs_) known.push_back(tgid);
    for (pid_t tgid : known) {
      process* p = own_process(tgid);
      if (!p) continue;
      // Every thread's children: a thread may have forked them.
      const std::string dir = "/proc/" + std::to_string(tgid) + "/task";
      DIR* threads = ::opendir(dir.c_str());
      if (!threads) continue;
      std::vector<pid_t> tids;
      while (const dirent* d = ::readdir(threads))
        if (std::isdigit(static_cast<unsigned char>(d->d_name[0]))) tids.push_back(std::atoi(d->d_name));
      ::closedir(threads);
      for (pid_t tid : tids)
        if ((p = own_process(tgid))) with_thread_task(*p, tid, [&] { adopt_children(*p, tid); });
    }
    if (procs_.size() == before) return;
  }
}

void served_calls::drop_process(pid_t tgid) {
  auto it = procs_.find(tgid);
  if (it == procs_.end()) return;
  close(it->second.pidfd);
  if (it->second.userns_parent_fd >= 0) close(it->second.userns_parent_fd);
  for (auto& [tid, th] : it->second.threads) {
    close(th.pidfd);
    (void)m_.exit(*th.t);
  }
  (void)m_.exit(*it->second.leader);
  procs_.erase(it);
}

bool served_calls::still_valid(std::uint64_t id) const {
  return ioctl(listener_, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

void served_calls::add_pollfds(std::vector<pollfd>& fds) {
  fds.push_back({listener_, POLLIN, 0});
  polled_procs_.clear();
  for (const auto& [tgid, p] : procs_) {
    fds.push_back({p.pidfd, POLLIN, 0});
    polled_procs_.push_back(tgid);
  }
  const std::size_t before = fds.size();
  placeholders_.add_pollfds(fds);
  polled_placeholders_ = fds.size() - before;
  polled_fuse_ = fuse_.fd() >= 0;
  if (polled_fuse_) fds.push_back({fuse_.fd(), POLLIN, 0});
}

void served_calls::forget_closed(const placeholder& gone) {
  // So go the model tasks' copies at the program's numbers (see respond),
  // and with them the model's file.
  for (auto& [tgid, proc] : procs_)
    for (task* t : tasks_of(proc))
      for (int fd : gone.numbers)
        if (t->fd_peek_own(fd) == gone.file.get()) (void)t->fd_close(fd);
}

served_calls::process* served_calls::holder_of(placeholder& open_file) {
  for (auto& [tgid, proc] : procs_)
    for (int fd : open_file.numbers)
      if (proc.t->fd_peek_own(fd) == open_file.file.get()) {
        proc.mirror_hint = fd;
        return &proc;
      }
  auto it = procs_.find(main_pid_);
  return it == procs_.end() ? nullptr : &it->second;
}

bool served_calls::fuse_usable(process& p) {
  if (fuse_.fd() >= 0) return true;
  if (fuse_.unavailable()) return false;
  const int userns = userns_below_ours(p.tgid);
  const bool ok = fuse_.ready(userns);
  if (userns >= 0) close(userns);
  if (trace_ && !ok) std::fprintf(trace_, "[no FUSE here: a write at fd 0-2 to a sysctl loses its errno]\n");
  return ok;
}

result<std::string> served_calls::fuse_read(std::uint64_t node, std::uint64_t offset, std::uint32_t size) {
  placeholder* open_file = placeholders_.by_node(node);
  process* by = open_file ? holder_of(*open_file) : nullptr;
  if (!by) return errc{EIO};
  if (auto pos = open_file->file->llseek(static_cast<std::int64_t>(offset), SEEK_SET); !pos) return pos.error();
  return with_scratch_fd(*by, open_file->file, [&](int scratch) { return sys_read(*by->t, scratch, size); });
}

result<std::size_t> served_calls::fuse_write(std::uint64_t node, std::uint64_t offset, std::string_view data) {
  placeholder* open_file = placeholders_.by_node(node);
  process* by = open_file ? holder_of(*open_file) : nullptr;
  if (!by) return errc{EIO};
  if (auto pos = open_file->file->llseek(static_cast<std::int64_t>(offset), SEEK_SET); !pos) return pos.error();
  auto written = with_scratch_fd(*by, open_file->file,
                                 [&](int scratch) { return sys_write(*by->t, scratch, std::string(data)); });
  if (trace_)
    std::fprintf(trace_, "[write of %zu bytes at %llu, FUSE] = %s\n", data.size(),
                 static_cast<unsigned long long>(offset),
                 written ? std::to_string(*written).c_str()
                         : (std::string("-1 ") + errno_name(written.error().errnum())).c_str());
  if (!written) return written.error();
  return static_cast<std::size_t>(*written);
}

void served_calls::fuse_release(std::uint64_t node) {
  if (auto gone = placeholders_.release_node(node)) forget_closed(*gone);
}

bool served_calls::step(const pollfd* polled) {
  const pollfd* pidfds = polled + 1;
  const pollfd* kept = pidfds + polled_procs_.size();
  const std::vector<pollfd> kept_polled(kept, kept + polled_placeholders_);
  // A thread that has gone leaves its task (before any call: its tid may
  // be a new thread's by now).
  for (auto& [tgid, proc] : procs_)
    if (!proc.threads.empty()) drop_threads_gone(proc);
  // What the program wrote natively came before any call it is making now.
  for (auto& [open_file, data] : placeholders_.take_written(kept_polled))
    open_file->netlink ? apply_native_send(*open_file, data) : apply_native_write(*open_file, data);
  if (polled[0].revents & POLLIN) handle_one();
  retry_pending();
  bool main_exited = procs_.find(main_pid_) == procs_.end();
  for (std::size_t i = 0; i < polled_procs_.size(); ++i) {
    if (!(pidfds[i].revents & POLLIN)) continue;
    if (polled_procs_[i] == main_pid_) main_exited = true;
    drop_process(polled_procs_[i]);
  }
  for (const placeholder& gone : placeholders_.drop_hung_up(kept_polled)) forget_closed(gone);
  const pollfd* fuse = kept + polled_placeholders_;
  if ((polled_fuse_ && (fuse->revents & POLLIN)) || fuse_.has_deferred()) fuse_.serve();
  sync_netlink_readiness();
  placeholders_.make_spare();  // after the answers: off the path of the next call
  return !main_exited;
}

void served_calls::sync_netlink_readiness() {
  for (placeholder* sock : placeholders_.netlink_sockets()) {
    // A process that has it at one of the program's numbers for it.
    for (auto& entry : procs_) {
      process& proc = entry.second;  // (a structured binding cannot be captured before C++20's fix)
      auto at = std::find_if(sock->numbers.begin(), sock->numbers.end(),
                             [&](int fd) { return proc.t->fd_peek_own(fd) == sock->file.get(); });
      if (at == sock->numbers.end()) continue;
      proc.mirror_hint = *at;
      (void)with_scratch_fd(proc, sock->file, [&](int scratch) -> result<void> {
        if (placeholders_.copy_read(*sock)) {
          // Read natively (read(2) is not notified): the model's socket
          // gives that datagram up, unless a served recv took it already.
          if (!sock->stale) (void)netlink_take_head(*proc.t, scratch);
          placeholders_.forget_copy(*sock);
        } else if (sock->stale) {
          placeholders_.take_back_copy(*sock, proc.pidfd, *at);
        }
        if (!sock->ready)
          if (auto head = netlink_queue_head(*proc.t, scratch); head && *head) placeholders_.put_copy(*sock, **head);
        return ok();
      });
      break;
    }
  }
}

void served_calls::apply_native_send(placeholder& open_file, const std::string& data) {
  process* by = holder_of(open_file);
  if (!by) return;
  auto sent = with_scratch_fd(*by, open_file.file, [&](int scratch) {
    return sys_send(*by->t, scratch, std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
  });
  if (trace_)
    std::fprintf(trace_, "[native write to a netlink socket, %zu bytes] = %s\n", data.size(),
                 sent ? std::to_string(*sent).c_str() : (std::string("-1 ") + errno_name(sent.error().errnum())).c_str());
}

void served_calls::serve_until_exit() {
  std::vector<pollfd> fds;
  for (;;) {
    fds.clear();
    add_pollfds(fds);
    // A pending call waits for a change the model does not announce (a
    // multicast from the cleanup worker, say): look again every 10 ms.
    //
    // Right after an answer the program's next call is usually microseconds
    // away: look without sleeping for a while first, so that it does not
    // have to wake this thread (a wake-up is most of a served call's cost).
    int ready = 0;
    const auto spin_until = std::chrono::steady_clock::now() + spin_after_answer;
    while (answered_ && (ready = poll(fds.data(), fds.size(), 0)) == 0 &&
           std::chrono::steady_clock::now() < spin_until) {
    }
    answered_ = false;
    if (ready == 0) ready = poll(fds.data(), fds.size(), has_pending() ? 10 : -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (!step(fds.data())) return;
  }
}

served_calls::exe_id served_calls::exe_of(pid_t pid) {
  char path[32];
  std::snprintf(path, sizeof(path), "/proc/%d/exe", pid);
  struct stat st {};
  if (::stat(path, &st) != 0) return {};
  // startstack, field 28 of /proc/PID/stat (the fields after the command
  // name's closing parenthesis start at field 3).
  std::snprintf(path, sizeof(path), "/proc/%d/stat", pid);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  unsigned long start_stack = 0;
  const std::size_t close = line.rfind(')');
  if (close != std::string::npos) {
    std::istringstream fields(line.substr(close + 1));
    std::string f;
    for (int field = 3; field <= 28 && fields >> f; ++field)
      if (field == 28) start_stack = std::strtoul(f.c_str(), nullptr, 10);
  }
  return {st.st_dev, st.st_ino, start_stack};
}

bool served_calls::exec_would_change(const process& p) {
  if (exec_changes_namespaces(*p.t)) return true;  // it unshared a time namespace
  const cred now = p.t->creds();
  const cred after = creds_after_exec(now);
  return after.cap_effective != now.cap_effective || after.cap_permitted != now.cap_permitted;
}

void served_calls::settle_exec(process& p) {
  // Execs are not notified (a notified call per program start costs more
  // than a millisecond on a VM), so an exec is seen afterwards: by the
  // program file, which an exec of another program changes. That matters
  // only where an exec would change the task's capabilities (after
  // entering a user namespace) or its time namespace (after unsharing
  // one), and only those processes look.
  if (p.exe == exe_id{} || !exec_would_change(p)) return;
  const exe_id exe = exe_of(p.tgid);
  if (exe == exe_id{} || exe == p.exe) return;
  exec_task_namespaces(*p.t);
  exec_program_creds(*p.t);
  p.exe = exe;
}

void served_calls::note_exe(process& p) {
  // Right after the call that made an exec matter (an unshare or setns of
  // a user namespace), before the process can exec: what it runs now.
  if (!exec_would_change(p))
    p.exe = {};
  else if (p.exe == exe_id{})
    p.exe = exe_of(p.tgid);
}

void served_calls::apply_native_write(placeholder& open_file, const std::string& data) {
  // In the task of a process that has the file (the program's fd numbers
  // are its task's too), or else the first process's.
  process* by = holder_of(open_file);
  if (!by) return;
  auto written = with_scratch_fd(*by, open_file.file, [&](int scratch) { return sys_write(*by->t, scratch, data); });
  if (trace_)
    std::fprintf(trace_, "[native write, %zu bytes] = %s\n", data.size(),
                 written ? std::to_string(*written).c_str()
                         : (std::string("-1 ") + errno_name(written.error().errnum()) + " (not seen by the writer)").c_str());
}

void served_calls::retry_pending() {
  std::vector<seccomp_notif> waiting;
  waiting.swap(pending_);
  for (const seccomp_notif& req : waiting) {
    // Gone, or interrupted by a signal: the kernel dropped the call.
    if (!still_valid(req.id)) continue;
    auto it = procs_.find(tgid_and_ppid(static_cast<pid_t>(req.pid)).first);
    if (it == procs_.end()) continue;
    std::string text;
    settle_exec(it->second);
    with_thread_task(it->second, static_cast<pid_t>(req.pid), [&] {
      reply r = dispatch(req, it->second, text);
      std::string call;
      if (trace_ && r.what != reply::kind::pass && r.what != reply::kind::later)
        call = "[pid " + std::to_string(req.pid) + "] " + syscall_name(req.data.nr) + "(" + text + ")";
      respond(req, &it->second, r, call);
    });
  }
}

void served_calls::give_thread_its_task(process& p, pid_t tid) {
  if (tid == p.tgid || p.threads.count(tid)) return;
  // At the top level only, where a task's number is its host tid, and not
  // after an unshare(CLONE_NEWPID), which a thread does not follow (the
  // kernel's clone(CLONE_THREAD) refuses to make one then).
  const nsproxy_ref proxy = p.leader->get_nsproxy();
  if (!proxy || p.leader->active_pid_ns().level() != 0 || proxy->pid_ns_for_children != &p.leader->active_pid_ns())
    return;
  constexpr unsigned pidfd_thread = O_EXCL;  // PIDFD_THREAD (Linux 6.9)
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, tid, pidfd_thread));
  if (pidfd < 0) return;  // an older kernel: the thread goes on with its process's task
  // As the thread is now: what its process's task is (fds, credentials,
  // namespaces, root and working directory), numbered by its tid.
  auto t = m_.spawn_at(*p.leader, tid);
  if (!t) {
    close(pidfd);
    return;
  }
  (*t)->set_thread_of(p.leader->pid());
  p.threads[tid] = process::thread{std::move(*t), pidfd};
}

void served_calls::drop_threads_gone(process& p) {
  std::vector<pollfd> fds;
  for (auto& [tid, th] : p.threads) fds.push_back({th.pidfd, POLLIN, 0});
  if (poll(fds.data(), fds.size(), 0) <= 0) return;
  for (const pollfd& f : fds) {
    if (!(f.revents & (POLLIN | POLLHUP))) continue;
    auto it = std::find_if(p.threads.begin(), p.threads.end(), [&](auto& kv) { return kv.second.pidfd == f.fd; });
    if (it == p.threads.end()) continue;
    close(it->second.pidfd);
    (void)m_.exit(*it->second.t);
    p.threads.erase(it);
  }
}

std::vector<task*> served_calls::tasks_of(process& p) {
  std::vector<task*> out{p.leader.get()};
  for (auto& [tid, th] : p.threads) out.push_back(th.t.get());
  return out;
}

task* served_calls::thread_task_of(pid_t tid) {
  for (auto& [tgid, proc] : procs_)
    if (auto it = proc.threads.find(tid); it != proc.threads.end()) return it->second.t.get();
  return nullptr;
}

void served_calls::handle_one() {
  std::memset(req_, 0, sizeof(*req_));
  // ENOENT: the caller died (or was interrupted) before we got to it.
  if (ioctl(listener_, SECCOMP_IOCTL_NOTIF_RECV, req_) != 0) return;
  const seccomp_notif& req = *req_;
  std::string text;
  const pid_t tid = static_cast<pid_t>(req.pid);
  process* p = process_of(tid);
  if (p) settle_exec(*p);
  if (userns_maps_pending_) map_real_userns(p ? p->tgid : 0);
  if (!p) return respond(req, nullptr, reply::pass(), {});
  // A thread's setns or unshare is its own (the kernel's namespaces are
  // per thread): it gets a task of its own first.
  if (tid != p->tgid && (req.data.nr == SYS_setns || req.data.nr == SYS_unshare)) give_thread_its_task(*p, tid);
  with_thread_task(*p, tid, [&] {
    reply r = dispatch(req, *p, text);
    if (r.what != reply::kind::pass) note_exe(*p);
    // --trace shows the calls the model answered; the host's are strace's.
    std::string call;
    if (trace_ && r.what != reply::kind::pass && r.what != reply::kind::later)
      call = "[pid " + std::to_string(req.pid) + "] " + syscall_name(req.data.nr) + "(" + text + ")";
    respond(req, p, r, call);
  });
}

reply served_calls::dispatch(const seccomp_notif& req, process& p, std::string& text) {
  const auto& a = req.data.args;
  switch (req.data.nr) {
    case SYS_unshare:
      return do_unshare(req, p, a[0], text);
    case SYS_setns:
      return do_setns(req, p, static_cast<int>(a[0]), static_cast<int>(a[1]), text);
    case SYS_uname:
      return do_uname(req, p, a[0], text);
    case SYS_sethostname:
      return do_sethostname(req, p, true, a[0], a[1], text);
    case SYS_setdomainname:
      return do_sethostname(req, p, false, a[0], a[1], text);
#ifdef SYS_open
    case SYS_open:
      return do_open(req, p, AT_FDCWD, a[0], static_cast<int>(a[1]), static_cast<std::uint32_t>(a[2]), text);
#endif
    case SYS_openat:
      return do_open(req, p, static_cast<int>(a[0]), a[1], static_cast<int>(a[2]),
                     static_cast<std::uint32_t>(a[3]), text);
#ifdef SYS_readlink
    case SYS_readlink:
      return do_readlink(req, p, AT_FDCWD, a[0], a[1], static_cast<long>(static_cast<int>(a[2])), text);
#endif
    case SYS_readlinkat:
      return do_readlink(req, p, static_cast<int>(a[0]), a[1], a[2],
                         static_cast<long>(static_cast<int>(a[3])), text);
#ifdef SYS_stat
    case SYS_stat:
      return do_stat(req, p, AT_FDCWD, a[0], 0, a[1], false, text);
    case SYS_lstat:
      return do_stat(req, p, AT_FDCWD, a[0], AT_SYMLINK_NOFOLLOW, a[1], false, text);
#endif
#ifdef SYS_access
    case SYS_access:
      return do_access(req, p, AT_FDCWD, a[0], static_cast<int>(a[1]), 0, text);
#endif
    case SYS_getuid:
    case SYS_geteuid:
    case SYS_getgid:
    case SYS_getegid:
    case SYS_getresuid:
    case SYS_getresgid:
    case SYS_getgroups:
    case SYS_setgroups:
    case SYS_setuid:
    case SYS_setgid:
    case SYS_setreuid:
    case SYS_setregid:
    case SYS_setresuid:
    case SYS_setresgid:
    case SYS_setfsuid:
    case SYS_setfsgid:
      return do_id_call(req, p, text);
    case SYS_capget:
    case SYS_capset:
    case SYS_prctl:
      return do_cap_call(req, p, text);
    case SYS_faccessat:
      return do_access(req, p, static_cast<int>(a[0]), a[1], static_cast<int>(a[2]), 0, text);
    case SYS_faccessat2:
      return do_access(req, p, static_cast<int>(a[0]), a[1], static_cast<int>(a[2]),
                       static_cast<int>(a[3]), text);
    case SYS_fstat:
      return do_stat(req, p, static_cast<int>(a[0]), 0, AT_EMPTY_PATH, a[1], false, text);
    case SYS_newfstatat:
      return do_stat(req, p, static_cast<int>(a[0]), a[1], static_cast<int>(a[3]), a[2], false, text);
    case SYS_statx:
      return do_stat(req, p, static_cast<int>(a[0]), a[1], static_cast<int>(a[2]), a[4], true, text);
#ifdef SYS_mkdir
    case SYS_mkdir:
      return do_path_call(req, p, path_call::mkdir, AT_FDCWD, a[0], a[1], text);
    case SYS_unlink:
      return do_path_call(req, p, path_call::unlink, AT_FDCWD, a[0], 0, text);
    case SYS_rmdir:
      return do_path_call(req, p, path_call::rmdir, AT_FDCWD, a[0], 0, text);
#endif
    case SYS_mkdirat:
      return do_path_call(req, p, path_call::mkdir, static_cast<int>(a[0]), a[1], a[2], text);
    case SYS_unlinkat:
      return do_path_call(req, p, (a[2] & AT_REMOVEDIR) ? path_call::rmdir : path_call::unlink,
                          static_cast<int>(a[0]), a[1], 0, text);
    case SYS_umount2:
      return do_path_call(req, p, path_call::umount, AT_FDCWD, a[0], a[1], text);
    case SYS_mount:
      return do_mount(req, p, a[0], a[1], a[2], a[3], text);
    case SYS_getxattr:
      return do_xattr(req, p, false, -1, a[0], true, false, text);
    case SYS_lgetxattr:
      return do_xattr(req, p, false, -1, a[0], false, false, text);
    case SYS_fgetxattr:
      return do_xattr(req, p, true, static_cast<int>(a[0]), 0, true, false, text);
    case SYS_listxattr:
      return do_xattr(req, p, false, -1, a[0], true, true, text);
    case SYS_llistxattr:
      return do_xattr(req, p, false, -1, a[0], false, true, text);
    case SYS_flistxattr:
      return do_xattr(req, p, true, static_cast<int>(a[0]), 0, true, true, text);
    case SYS_socket:
      return do_socket(p, static_cast<int>(a[0]), static_cast<int>(a[1]), static_cast<int>(a[2]), text);
    case SYS_setsockopt:
    case SYS_getsockopt:
      return do_sockopt(req, p, req.data.nr == SYS_setsockopt, static_cast<int>(a[0]),
                        static_cast<int>(a[1]), static_cast<int>(a[2]), a[3], a[4], text);
    case SYS_bind:
      return do_bind(req, p, static_cast<int>(a[0]), a[1], a[2], text);
    case SYS_getsockname:
    case SYS_getpeername:
      return do_getsockname(req, p, static_cast<int>(a[0]), a[1], a[2], req.data.nr == SYS_getpeername, text);
    case SYS_connect:
      return do_connect(req, p, static_cast<int>(a[0]), a[1], a[2], text);
    case SYS_sendto:
      return do_send(req, p, static_cast<int>(a[0]), a[1], a[2], a[4], a[5], false, text);
    case SYS_sendmsg:
      return do_send(req, p, static_cast<int>(a[0]), a[1], 0, 0, 0, true, text);
    case SYS_recvfrom:
      return do_recv(req, p, static_cast<int>(a[0]), a[1], a[2], static_cast<int>(a[3]), a[4], a[5],
                     false, text);
    case SYS_recvmsg:
      return do_recv(req, p, static_cast<int>(a[0]), a[1], 0, static_cast<int>(a[2]), 0, 0, true, text);
    case SYS_getdents64:
      return do_getdents64(req, p, static_cast<int>(a[0]), a[1], a[2], text);
    case SYS_ioctl:
      return do_ioctl(req, p, static_cast<int>(a[0]), static_cast<unsigned long>(a[1]), a[2], text);
    case SYS_lseek:
      return do_lseek(req, p, static_cast<int>(a[0]), static_cast<std::int64_t>(a[1]), static_cast<int>(a[2]),
                      text);
    case SYS_statfs:
      return do_statfs(req, p, -1, a[0], a[1], text);
    case SYS_fstatfs:
      return do_statfs(req, p, static_cast<int>(a[0]), 0, a[1], text);
    case SYS_write:
    case SYS_writev:
      return do_write(req, p, static_cast<int>(a[0]), a[1], a[2], req.data.nr == SYS_writev, text);
    default:
      return reply::pass();
  }
}

void served_calls::respond(const seccomp_notif& req, process* p, const reply& r,
                           const std::string& call) {
  if (r.what == reply::kind::later) {
    pending_.push_back(req);
    return;
  }
  long result = 0;
  int err = 0;
  if (r.what == reply::kind::new_fd) {
    // A generated file opened read-only is a memfd of its text (seekable).
    auto made = r.via_fuse ? placeholders_.create_fuse(r.file, fuse_, r.file->flags())
                           : placeholders_.create(r.file, r.content ? std::string_view(*r.content) : std::string_view(),
                                                  r.writable, r.content.has_value(), r.netlink);
    if (!made) {
      err = made.error().errnum();
    } else {
      const int end = made->first;
      if (r.nonblock) fcntl(end, F_SETFL, O_NONBLOCK);  // on the open file: the program's too
      seccomp_notif_addfd add{};
      add.id = req.id;
      add.flags = SECCOMP_ADDFD_FLAG_SEND;  // add the fd and answer with its number, at once
      add.srcfd = static_cast<std::uint32_t>(end);
      add.newfd_flags = r.cloexec ? O_CLOEXEC : 0;
      int fd = ioctl(listener_, SECCOMP_IOCTL_NOTIF_ADDFD, &add);
      const int add_errno = errno;
      if (!call.empty())
        std::fprintf(trace_, "%s = %s\n", call.c_str(),
                     fd >= 0 ? std::to_string(fd).c_str() : errno_name(errno));
      // The model task has the file at the same number: fd numbers the
      // program puts in netlink messages (NETNSA_FD) name it there too.
      if (fd >= 0 && p) {
        // In every task of the process: its threads share its fd table.
        for (task* t : tasks_of(*p)) (void)t->fd_replace(fd, fs::file_ptr(r.file));
        made->second->numbers.push_back(fd);
      }
      close(end);  // the program's copy is the only one now
      errno = add_errno;
      // EMFILE and friends: the program gets that errno (the kernel's own
      // for an open that found no free fd). ENOENT: it is gone.
      if (fd >= 0 || errno == ENOENT) {
        answered_ = true;
        return;
      }
      err = errno;
    }
  }
  std::memset(resp_, 0, sizeof(*resp_));
  resp_->id = req.id;
  switch (r.what) {
    case reply::kind::pass:
      resp_->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
      break;
    case reply::kind::value:
      result = r.value;
      break;
    case reply::kind::error:
      err = r.err;
      break;
    case reply::kind::new_fd:
    case reply::kind::later:
      break;
  }
  resp_->val = result;
  resp_->error = err ? -err : 0;
  if (!call.empty()) {
    if (err)
      std::fprintf(trace_, "%s = -1 %s\n", call.c_str(), errno_name(err));
    else
      std::fprintf(trace_, "%s = %ld\n", call.c_str(), result);
  }
  // ENOENT: the caller went away meanwhile; nothing to answer.
  (void)ioctl(listener_, SECCOMP_IOCTL_NOTIF_SEND, resp_);
  answered_ = true;
}

}  // namespace netns::exec_detail
