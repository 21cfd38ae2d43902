// SPDX-License-Identifier: GPL-2.0-only
#include "linux_serve.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

namespace netns::tools::linux_serve {

namespace {

sigset_t sigchld_set() {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  return chld;
}

}  // namespace

void block_sigchld() {
  const sigset_t chld = sigchld_set();
  sigprocmask(SIG_BLOCK, &chld, nullptr);
}

int sigchld_fd() {
  block_sigchld();
  const sigset_t chld = sigchld_set();
  return signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
}

void serve(const int& ctl, int sigchld, const handler& handle) {
  for (;;) {
    pollfd p[2] = {{ctl, POLLIN, 0}, {sigchld, POLLIN, 0}};
    if (poll(p, sigchld >= 0 ? 2 : 1, -1) < 0) continue;
    if (sigchld >= 0 && p[1].revents) {
      signalfd_siginfo info;
      while (read(sigchld, &info, sizeof info) > 0) {
      }
      while (waitpid(-1, nullptr, WNOHANG) > 0) {
      }
    }
    if (!p[0].revents) continue;
    linux_wire::frame req;
    if (linux_wire::recv_frame(ctl, req, nullptr, -1) != linux_wire::wire_status::ok || req.empty())
      _exit(0);
    const std::optional<linux_wire::frame> reply = handle(req);
    if (reply && !linux_wire::send_frame(ctl, *reply)) _exit(0);
  }
}

}  // namespace netns::tools::linux_serve
