// SPDX-License-Identifier: GPL-2.0-only
// A real pid namespace in the state of a model one (pid_ns_mirror.hpp).
#include "pid_ns_mirror.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <utility>

namespace netns::exec_detail {

void pid_ns_mirror::release() {
  if (ns_fd >= 0) ::close(std::exchange(ns_fd, -1));
  if (keep_fd >= 0) ::close(std::exchange(keep_fd, -1));
}

namespace {

void close_pair(int (&fds)[2]) {
  for (int& fd : fds)
    if (fd >= 0) ::close(std::exchange(fd, -1));
}

void wait_for_eof(int fd) {
  char c;
  for (;;) {
    const ssize_t r = ::read(fd, &c, 1);
    if (r == 0 || (r < 0 && errno != EINTR)) return;
  }
}

// The standing init: pid 1 of the new namespace, whose numbers go on from
// the model's last one. It keeps no fd of the supervisor's but the one it
// waits on (the supervisor's copies of the listener and the placeholders'
// ends must close when the supervisor's do), and exits at its EOF.
[[noreturn]] void stand_as_init(const char* last, std::size_t last_len, int ready, int keep) {
  if (last_len) {
    const int fd = ::open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ::write(fd, last, last_len) != static_cast<ssize_t>(last_len)) ::_exit(4);
    ::close(fd);
  }
  if (::write(ready, "i", 1) != 1) ::_exit(5);
  const int wait_on = ::dup2(keep, 0) == 0 ? 0 : keep;
  ::syscall(SYS_close_range, wait_on == 0 ? 1U : 3U, ~0U, 0);
  wait_for_eof(wait_on);
  ::_exit(0);
}

}  // namespace

pid_ns_mirror make_pid_ns_mirror(int userns_fd, pid_ns_mirror::init_state state, int last_nr) {
  using init_state = pid_ns_mirror::init_state;
  pid_ns_mirror out;
  if (state == init_state::none) {
    out.fresh = true;
    return out;
  }
  // ready: one byte once the namespace is as the model's (from the init
  // when one stands, else from the helper); done: its EOF lets the helper
  // exit once the supervisor holds the namespace; keep: the init's life.
  int ready[2] = {-1, -1}, done[2] = {-1, -1}, keep[2] = {-1, -1};
  if (::pipe2(ready, O_CLOEXEC) != 0 || ::pipe2(done, O_CLOEXEC) != 0 || ::pipe2(keep, O_CLOEXEC) != 0) {
    close_pair(ready);
    close_pair(done);
    close_pair(keep);
    return out;
  }
  char last[16];
  int n = state == init_state::living && last_nr > 0 ? std::snprintf(last, sizeof last, "%d", last_nr) : 0;
  const std::size_t last_len = n > 0 ? static_cast<std::size_t>(n) : 0;
  // Only async-signal-safe calls in the children.
  const pid_t helper = ::fork();
  if (helper == 0) {
    ::close(ready[0]);
    ::close(done[1]);
    ::close(keep[1]);
    if (userns_fd >= 0 && ::setns(userns_fd, CLONE_NEWUSER) != 0) ::_exit(1);
    if (::unshare(CLONE_NEWPID) != 0) ::_exit(2);
    if (state != init_state::none) {
      const pid_t init = ::fork();
      if (init < 0) ::_exit(3);
      if (init == 0) {
        if (state == init_state::living) stand_as_init(last, last_len, ready[1], keep[0]);
        ::_exit(0);  // gone: the namespace's init has exited (no more forks there)
      }
      if (state == init_state::gone) {
        int status = 0;
        while (::waitpid(init, &status, 0) < 0 && errno == EINTR) {
        }
      }
    }
    if (state != init_state::living && ::write(ready[1], "h", 1) != 1) ::_exit(5);
    ::close(ready[1]);
    ::close(keep[0]);
    wait_for_eof(done[0]);
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(done[0]);
  ::close(keep[0]);
  char c = 0;
  ssize_t got;
  while ((got = ::read(ready[0], &c, 1)) < 0 && errno == EINTR) {
  }
  if (helper > 0 && got == 1) {
    // The helper's pid_for_children is the namespace, while it waits.
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/ns/pid_for_children", helper);
    out.ns_fd = ::open(path, O_RDONLY | O_CLOEXEC);
  }
  ::close(ready[0]);
  ::close(done[1]);
  if (helper > 0) {
    int status = 0;
    while (::waitpid(helper, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (out.ns_fd >= 0 && state == init_state::living)
    out.keep_fd = keep[1];
  else
    ::close(keep[1]);
  return out;
}

}  // namespace netns::exec_detail
