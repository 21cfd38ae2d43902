// SPDX-License-Identifier: GPL-2.0-only
// Starting a program under the filter and serving it until it exits.
#include "netns/exec/supervisor.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "netns/task/syscalls.hpp"
#include "seccomp_filter.hpp"
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

[[noreturn]] void child_fail(int sock, int err) {
  child_report r{-err};
  (void)!write(sock, &r, sizeof(r));
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
};

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
  int listener = install_filter(prog);
  if (listener < 0) child_fail(sock, -listener);
  child_report r{listener};
  if (write(sock, &r, sizeof(r)) != sizeof(r)) _exit(127);
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
}  // namespace exec_detail

result<std::string> find_program(const std::string& name, const std::vector<std::string>& env) {
  return exec_detail::search_path(name, env);
}

result<int> run_supervised(machine& m, task& parent, const exec_options& opt) {
  using namespace exec_detail;
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
  const child_setup setup{argv.data(), opt.env.empty() ? nullptr : path.c_str(),
                          opt.env.empty() ? nullptr : envp.data(), opt.stdout_fd, opt.stderr_fd,
                          opt.stdin_null};

  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return errc{errno};
  pid_t pid = fork();
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
  auto reap = [&] {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
  };

  child_report report{-ECHILD};
  if (read(sv[0], &report, sizeof(report)) != sizeof(report) || report.value < 0) {
    close(sv[0]);
    reap();
    return errc{-report.value};
  }
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  int listener = pidfd < 0 ? -1 : static_cast<int>(syscall(SYS_pidfd_getfd, pidfd, report.value, 0));
  if (listener < 0) {
    int e = errno;
    kill(pid, SIGKILL);
    if (pidfd >= 0) close(pidfd);
    close(sv[0]);
    reap();
    return errc{e};
  }

  auto served = served_calls::create(m, parent, listener, opt.trace);
  if (!served) {
    kill(pid, SIGKILL);
    close(listener);
    close(pidfd);
    close(sv[0]);
    reap();
    return served.error();
  }
  const int model_pid = (*served)->adopt_main(pid, pidfd);
  if (model_pid == 0) {
    // No task for it (the model's pid table is full, say): a program whose
    // calls nobody would answer must not start.
    kill(pid, SIGKILL);
    close(sv[0]);
    reap();
    return errc{EAGAIN};
  }
  if (opt.model_pid) *opt.model_pid = model_pid;

  // Go; the exec's own failure comes back on the socket (it is CLOEXEC,
  // so a successful exec closes it instead).
  (void)!write(sv[0], "g", 1);
  child_report exec_report{0};
  ssize_t n = read(sv[0], &exec_report, sizeof(exec_report));
  close(sv[0]);
  if (n == sizeof(exec_report)) {
    (*served)->serve_until_exit();  // nothing to serve; the task goes
    reap();
    return errc{-exec_report.value};
  }

  (*served)->serve_until_exit();
  int status = reap();
  return status;
}

}  // namespace netns
