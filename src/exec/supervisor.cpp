// SPDX-License-Identifier: GPL-2.0-only
// Starting a program under the filter and serving it until it exits.
#include "netns/exec/supervisor.hpp"

#include <fcntl.h>
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

[[noreturn]] void child_fail(int sock, int err) {
  child_report r{-err};
  (void)!write(sock, &r, sizeof(r));
  _exit(127);
}

// The child: filter, hand the listener up, exec. Only async-signal-safe
// calls (the supervisor's process has threads).
[[noreturn]] void run_child(int sock, const std::vector<sock_filter>& prog, char* const* argv) {
  int listener = install_filter(prog);
  if (listener < 0) child_fail(sock, -listener);
  child_report r{listener};
  if (write(sock, &r, sizeof(r)) != sizeof(r)) _exit(127);
  // Wait for the supervisor to hold the listener before any call traps.
  char go;
  if (read(sock, &go, 1) != 1) _exit(127);
  close(listener);
  execvp(argv[0], argv);
  child_fail(sock, errno);
}

}  // namespace
}  // namespace exec_detail

result<int> run_supervised(machine& m, task& parent, const exec_options& opt) {
  using namespace exec_detail;
  if (opt.argv.empty()) return errc{EINVAL};
  auto prog = build_filter();
  if (!prog) return prog.error();
  std::vector<char*> argv;
  for (const std::string& a : opt.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

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
    run_child(sv[1], *prog, argv.data());
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
  (*served)->adopt_main(pid, pidfd);

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
