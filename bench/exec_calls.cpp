// SPDX-License-Identifier: GPL-2.0-only
// The cost of one served call, from inside a program: run as it is on the
// kernel and under `netns exec` (bench/exec_bench.sh runs both). Prints
// the median, min and max over ROUNDS rounds of N trips each, in µs per
// trip:
//   open  open("/proc/self/ns/net") + close
//   access access("/", F_OK): a notified call the supervisor lets through
//         (what most of a program start's notified calls are: its
//         libraries' opens and fstats)
//   setns setns(fd, CLONE_NEWNET) into the namespace one is in (a served
//         call with its permission checks; the kernel needs CAP_SYS_ADMIN)
// Usage: exec_calls [N] [ROUNDS]
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

template <typename F>
std::vector<double> rounds(int n, int count, F&& trip) {
  std::vector<double> per_trip;
  for (int r = 0; r < count; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
      if (!trip()) {
        std::perror("exec_calls");
        std::exit(1);
      }
    per_trip.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / n);
  }
  std::sort(per_trip.begin(), per_trip.end());
  return per_trip;
}

void print(const char* what, const std::vector<double>& v) {
  std::printf("%s: median %.2f us (min %.2f, max %.2f)\n", what, v[v.size() / 2], v.front(), v.back());
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int count = argc > 2 ? std::atoi(argv[2]) : 5;
  if (n <= 0 || count <= 0) {
    std::fprintf(stderr, "usage: exec_calls [N] [ROUNDS]\n");
    return 2;
  }
  print("open+close of /proc/self/ns/net", rounds(n, count, [] {
          int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
          return fd >= 0 && close(fd) == 0;
        }));
  print("access(\"/\") (let through)", rounds(n, count, [] { return access("/", F_OK) == 0; }));
  int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (self < 0 || setns(self, CLONE_NEWNET) != 0) {
    std::printf("setns: not permitted here (the kernel needs CAP_SYS_ADMIN)\n");
    return 0;
  }
  print("setns(fd, CLONE_NEWNET)", rounds(n, count, [&] { return setns(self, CLONE_NEWNET) == 0; }));
  return 0;
}
