// SPDX-License-Identifier: GPL-2.0-only
// The setns round trip, on the model and on the running kernel: open
// another namespace's file by the path /proc/self/fd/N of an fd that holds
// it, setns into it, setns back, close. --compare-kernel and --scaling
// time it the same way.
//
// Example:
//   machine m;
//   bench::model_setns ms(m);                 // the init task, a second net
//   double us = ms.round(1000) / 1000;        // ns per trip, after a warm-up
//   int held = -1;
//   std::string other = bench::kernel_other_ns(home_fd, held);   // root only
//   double kernel_ns = bench::kernel_setns_round(home_fd, other, 1000);
//
// Each timed round is preceded by n/10 + 1 untimed trips: a round on the
// other side has just replaced the caches and branch history.
#pragma once

#include <string>

#include "netns/machine/machine.hpp"

namespace netns::bench {

inline int warm_up(long n) { return static_cast<int>(n / 10 + 1); }

// A task of `m` that holds, besides its own net, a second one by an fd.
struct model_setns {
  task* t = nullptr;
  int home = -1;
  std::string other_path;
  explicit model_setns(machine& m);
  void trips(long n);
  // Nanoseconds for n trips, after the warm-up.
  double round(long n);
};

// A second kernel namespace held by an fd (returned in held_fd), named by
// /proc/self/fd/N; "" when the kernel cannot be used (home_fd < 0, or
// unshare refused).
std::string kernel_other_ns(int home_fd, int& held_fd);
void kernel_setns_trips(int home_fd, const std::string& other_path, long n);
// Nanoseconds for n trips after the warm-up; -1 when it cannot be measured.
double kernel_setns_round(int home_fd, const std::string& other_path, long n);

}  // namespace netns::bench
