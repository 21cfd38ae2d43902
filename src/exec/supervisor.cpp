// SPDX-License-Identifier: GPL-2.0-only
// Starting a program under the filter and serving it until it exits.
#include "netns/exec/supervisor.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "netns/base/scope_exit.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/task/syscalls.hpp"
#include "seccomp_filter.hpp"
#include "launch.hpp"
#include "pid_ns_mirror.hpp"
#include "served_calls.hpp"

namespace netns {

namespace exec_detail {
namespace {

// What the child reports up the socket: the listener's fd number in it
// (the parent takes the fd itself with pidfd_getfd: sendmsg is one of the
// notified calls, and the child would wait on its own listener), or the
// errno of what failed, negated.
struct child_report {
  int value;
};

// PROGRAM on the PATH of env, as execvp searches: a name with a slash is
// taken as it is; EACCES when only a file without execute permission was
// found, ENOENT when nothing was.
result<std::string> search_path(const std::string& name, const std::vector<std::string>& env) {
  if (name.find('/') != std::string::npos) return name;
  std::string dirs = "/usr/local/bin:/usr/bin:/bin";  // glibc's default
  for (const std::string& e : env)
    if (e.rfind("PATH=", 0) == 0) dirs = e.substr(5);
  int err = ENOENT;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    if (errno == EACCES) err = EACCES;
    start = end + 1;
  }
  return errc{err};
}

// Not write: once the filter is in, writes to fds from 3 on are notified,
// and nobody may hold the listener yet to answer (or the supervisor may be
// waiting for this very report). sendmmsg never is.
bool report_up(int sock, int value) {
  child_report r{value};
  iovec iov{&r, sizeof(r)};
  mmsghdr report{};
  report.msg_hdr.msg_iov = &iov;
  report.msg_hdr.msg_iovlen = 1;
  return syscall(SYS_sendmmsg, sock, &report, 1, MSG_NOSIGNAL) == 1;
}

[[noreturn]] void child_fail(int sock, int err) {
  (void)report_up(sock, -err);
  _exit(127);
}

// The child: filter, hand the listener up, exec. Only async-signal-safe
// calls (the supervisor's process has threads).
// What the child does with its standard fds and how it execs, prepared
// before the fork (the child must not allocate).
struct child_setup {
  char* const* argv;
  const char* path;   // with envp: the program found on envp's PATH
  char* const* envp;  // nullptr: this process's environment, and execvp
  int stdout_fd, stderr_fd;
  bool stdin_null;
  // For the sandbox of a user who is not root: "0 UID 1", "0 GID 1".
  const char* uid_map;
  const char* gid_map;
};

bool write_file(const char* path, const char* text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const ssize_t len = static_cast<ssize_t>(std::strlen(text));
  const bool ok = write(fd, text, static_cast<std::size_t>(len)) == len;
  close(fd);
  return ok;
}

// The program's own mount namespace (and, for a user who is not root, its
// own user namespace, where it is root as it is in the model), so that
// what passes through to the host cannot change the host's mounts: a
// program's unshare(CLONE_NEWNS) and mounts (ip netns exec's) stay in it,
// and an empty tmpfs covers the host's /run/netns, should a call on it
// ever get through. Returns 0, or the errno of a step after the namespaces
// were made. Where the host allows neither, the program runs without one.
int enter_sandbox(const child_setup& c) {
  if (geteuid() == 0) {
    if (unshare(CLONE_NEWNS) != 0) return 0;
    // Root's copy keeps the shared mounts shared: make them receive only.
    if (mount(nullptr, "/", nullptr, MS_REC | MS_SLAVE, nullptr) != 0) return errno;
  } else {
    // A copy made for a new user namespace has its shared mounts made
    // slaves already.
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return 0;
    if (!write_file("/proc/self/setgroups", "deny") || !write_file("/proc/self/uid_map", c.uid_map) ||
        !write_file("/proc/self/gid_map", c.gid_map))
      return errno;
  }
  struct stat st {};
  if (stat("/run/netns", &st) == 0 && S_ISDIR(st.st_mode) &&
      mount("none", "/run/netns", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755") != 0)
    return errno;
  return 0;
}

[[noreturn]] void run_child(int sock, const std::vector<sock_filter>& prog, const child_setup& c) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);  // the program gets the default signal mask
  if (c.stdin_null) {
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0 || dup2(null, 0) < 0) child_fail(sock, errno);
  }
  if (c.stdout_fd >= 0 && dup2(c.stdout_fd, 1) < 0) child_fail(sock, errno);
  if (c.stderr_fd >= 0 && dup2(c.stderr_fd, 2) < 0) child_fail(sock, errno);
  // Only 0, 1 and 2 reach the program: whatever else this process has open
  // (a scenario runner's files and sockets) closes at exec.
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  if (int e = enter_sandbox(c)) child_fail(sock, e);
  int listener = install_filter(prog);
  if (listener < 0) child_fail(sock, -listener);
  if (!report_up(sock, listener)) _exit(127);
  // Wait for the supervisor to hold the listener before any call traps.
  char go;
  if (read(sock, &go, 1) != 1) _exit(127);
  close(listener);
  if (c.path)
    execve(c.path, c.argv, c.envp);
  else
    execvp(c.argv[0], c.argv);
  child_fail(sock, errno);
}

}  // namespace

result<launched_program> launch(const exec_options& opt, int pid_ns_fd, bool new_pid_ns) {
  if (opt.argv.empty()) return errc{EINVAL};
  auto prog = build_filter();
  if (!prog) return prog.error();
  std::vector<char*> argv, envp;
  for (const std::string& a : opt.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const std::string& e : opt.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  // With an environment of its own, PROGRAM is looked up on that
  // environment's PATH (execvpe would use this process's), here.
  std::string path;
  if (!opt.env.empty()) {
    auto found = search_path(opt.argv.front(), opt.env);
    if (!found) return found.error();
    path = std::move(*found);
  }
  const std::string uid_map = "0 " + std::to_string(geteuid()) + " 1";
  const std::string gid_map = "0 " + std::to_string(getegid()) + " 1";
  const child_setup setup{argv.data(), opt.env.empty() ? nullptr : path.c_str(),
                          opt.env.empty() ? nullptr : envp.data(), opt.stdout_fd, opt.stderr_fd,
                          opt.stdin_null, uid_map.c_str(), gid_map.c_str()};

  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return errc{errno};
  // Into another pid namespace: this thread's pid_for_children is that one
  // for the fork, then its own again (its active one, which setns allows).
  int own_pid_ns = -1;
  if (pid_ns_fd >= 0 || new_pid_ns) {
    own_pid_ns = open("/proc/thread-self/ns/pid", O_RDONLY | O_CLOEXEC);
    const int entered = own_pid_ns < 0 ? -1 : new_pid_ns ? unshare(CLONE_NEWPID) : setns(pid_ns_fd, CLONE_NEWPID);
    if (entered != 0) {
      if (own_pid_ns >= 0) close(own_pid_ns);
      own_pid_ns = -1;
    }
  }
  pid_t pid = fork();
  if (own_pid_ns >= 0 && pid != 0) {
    (void)!setns(own_pid_ns, CLONE_NEWPID);
    close(own_pid_ns);
  }
  if (pid < 0) {
    int e = errno;
    close(sv[0]);
    close(sv[1]);
    return errc{e};
  }
  if (pid == 0) {
    close(sv[0]);
    run_child(sv[1], *prog, setup);
  }
  close(sv[1]);
  launched_program l;
  l.pid = pid;
  l.report = sv[0];
  child_report report{-ECHILD};
  if (read(l.report, &report, sizeof(report)) != sizeof(report) || report.value < 0) {
    l.abandon();
    return errc{-report.value};
  }
  l.pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  l.listener = l.pidfd < 0 ? -1 : static_cast<int>(syscall(SYS_pidfd_getfd, l.pidfd, report.value, 0));
  if (l.listener < 0) {
    int e = errno;
    l.abandon();
    return errc{e};
  }
  return l;
}

launched_program::launched_program(launched_program&& o) noexcept
    : pid(std::exchange(o.pid, 0)),
      pidfd(std::exchange(o.pidfd, -1)),
      listener(std::exchange(o.listener, -1)),
      report(std::exchange(o.report, -1)) {}

launched_program::~launched_program() { abandon(); }

void launched_program::abandon() {
  if (pid > 0) {
    kill(pid, SIGKILL);
    reap();
  }
  for (int* fd : {&pidfd, &listener, &report})
    if (*fd >= 0) close(std::exchange(*fd, -1));
}

int launched_program::reap() {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  pid = 0;
  return status;
}

void launched_program::go() { (void)!write(report, "g", 1); }

int launched_program::exec_errno() {
  // The exec's own failure came back on the socket (it is CLOEXEC, so a
  // successful exec closed it instead).
  child_report exec_report{0};
  ssize_t n = recv(report, &exec_report, sizeof(exec_report), MSG_DONTWAIT);
  close(std::exchange(report, -1));
  return n == sizeof(exec_report) ? -exec_report.value : 0;
}

}  // namespace exec_detail

result<std::string> find_program(const std::string& name, const std::vector<std::string>& env) {
  return exec_detail::search_path(name, env);
}

result<int> run_supervised(machine& m, task& parent, const exec_options& opt) {
  using namespace exec_detail;
  // A parent task whose children go into a model pid namespace of its own
  // (a scenario's `t unshare pid`): the program starts in a real one in the
  // same state, whose numbers the model's follow (pid_ns_mirror.hpp).
  pid_ns_mirror mirror = mirror_for_children(parent);
  auto drop_mirror = scope_exit([&] { mirror.release(); });
  auto l = launch(opt, mirror.ns_fd, mirror.fresh);
  if (!l) return l.error();
  auto served = served_calls::create(m, parent, l->listener, opt.trace);
  if (!served) return served.error();
  l->listener = -1;  // the supervisor's now
  const int model_pid = (*served)->adopt_main(l->pid, std::exchange(l->pidfd, -1));
  // No task for it (the model's pid table is full, say): a program whose
  // calls nobody would answer must not start.
  if (model_pid == 0) return errc{EAGAIN};
  if (opt.model_pid) *opt.model_pid = model_pid;
  l->go();
  (*served)->serve_until_exit();  // after a failed exec: nothing to serve; the task goes
  const int status = l->reap();
  if (const int e = l->exec_errno()) return errc{e};
  return status;
}

}  // namespace netns
