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

// Sends fd over a unix socket (SCM_RIGHTS); async-signal-safe.
bool send_fd(int sock, int fd) {
  char byte = 0;
  iovec iov{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
  return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1;
}

// The fd sent by send_fd, or -1 (with the child's errno in *err when it
// sent that instead of an fd).
int receive_fd(int sock, int* err) {
  int payload = 0;
  iovec iov{&payload, sizeof(payload)};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  if (n <= 0) return -1;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c), sizeof(int));
      return fd;
    }
  }
  if (n == sizeof(payload)) *err = payload;
  return -1;
}

[[noreturn]] void child_fail(int sock, int err) {
  (void)!write(sock, &err, sizeof(err));
  _exit(127);
}

// The child: filter, hand the listener up, exec. Only async-signal-safe
// calls (the supervisor's process has threads).
[[noreturn]] void run_child(int sock, const std::vector<sock_filter>& prog, char* const* argv) {
  int listener = install_filter(prog);
  if (listener < 0) child_fail(sock, -listener);
  if (!send_fd(sock, listener)) _exit(127);
  close(listener);
  // Wait for the supervisor to hold the listener before any call traps.
  char go;
  if (read(sock, &go, 1) != 1) _exit(127);
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

  int child_err = 0;
  int listener = receive_fd(sv[0], &child_err);
  if (listener < 0) {
    close(sv[0]);
    reap();
    return errc{child_err ? child_err : ECHILD};
  }
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int e = errno;
    kill(pid, SIGKILL);
    close(listener);
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
  int exec_err = 0;
  ssize_t n = read(sv[0], &exec_err, sizeof(exec_err));
  close(sv[0]);
  if (n == sizeof(exec_err)) {
    reap();
    return errc{exec_err};
  }

  (*served)->serve_until_exit();
  int status = reap();
  return status;
}

}  // namespace netns
