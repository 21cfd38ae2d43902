// SPDX-License-Identifier: GPL-2.0-only
// The setns round trip on both sides (setns_trips.hpp).
#include "setns_trips.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "bench_util.hpp"
#include "netns/task/syscalls.hpp"

namespace netns::bench {

model_setns::model_setns(machine& m) : t(&m.init_task()) {
  home = *sys_open(*t, "/proc/self/ns/net", O_RDONLY);
  if (!sys_unshare(*t, CLONE_NEWNET)) std::exit(1);
  int other = *sys_open(*t, "/proc/self/ns/net", O_RDONLY);
  if (!sys_setns(*t, home, CLONE_NEWNET)) std::exit(1);
  other_path = "/proc/self/fd/" + std::to_string(other);
}

void model_setns::trips(long n) {
  for (long i = 0; i < n; ++i) {
    auto fd = sys_open(*t, other_path, O_RDONLY);
    if (!fd || !sys_setns(*t, *fd, CLONE_NEWNET) || !sys_setns(*t, home, CLONE_NEWNET) ||
        !sys_close(*t, *fd)) {
      std::fprintf(stderr, "model: setns round trip failed\n");
      std::exit(1);
    }
  }
}

double model_setns::round(long n) {
  trips(warm_up(n));
  auto t0 = clock_type::now();
  trips(n);
  return ns_since(t0);
}

std::string kernel_other_ns(int home_fd, int& held_fd) {
  held_fd = -1;
  if (home_fd < 0 || unshare(CLONE_NEWNET) != 0) return "";
  held_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (setns(home_fd, CLONE_NEWNET) != 0) {
    std::perror("setns back");
    std::exit(1);
  }
  return held_fd < 0 ? "" : "/proc/self/fd/" + std::to_string(held_fd);
}

void kernel_setns_trips(int home_fd, const std::string& other_path, long n) {
  for (long i = 0; i < n; ++i) {
    int fd = open(other_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) != 0 || setns(home_fd, CLONE_NEWNET) != 0) {
      std::perror("kernel setns round trip");
      std::exit(1);
    }
    close(fd);
  }
}

double kernel_setns_round(int home_fd, const std::string& other_path, long n) {
  if (home_fd < 0 || other_path.empty()) return -1;
  kernel_setns_trips(home_fd, other_path, warm_up(n));
  auto t0 = clock_type::now();
  kernel_setns_trips(home_fd, other_path, n);
  return ns_since(t0);
}

}  // namespace netns::bench
