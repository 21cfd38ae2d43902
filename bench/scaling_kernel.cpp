// SPDX-License-Identifier: GPL-2.0-only
// The running kernel's side of `netns-bench --scaling` (scaling.hpp).
//
// Everything happens in a user namespace of our own, entered at the start
// (hence a process of one thread). Its reason: the kernel's cleanup runs
// on a workqueue after the last reference is dropped, and nothing in /proc
// says when it has finished. But the namespace count charged to a user
// namespace (ucounts) is dropped at the very end of cleanup_net, and its
// limit, /proc/sys/user/max_net_namespaces of that user namespace, can be
// set to "the live ones plus one": unshare(CLONE_NEWNET) then fails with
// ENOSPC until every dying namespace is gone, and a failing unshare costs
// next to nothing. Only our namespaces count against that limit, so the
// rest of the machine is not affected.
//
// The population: namespaces held by fds, each given the lowest free nsid
// in the home namespace by RTM_NEWNSID, as `ip netns set NAME auto` does.
#include <fcntl.h>
#include <linux/net_namespace.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>

#include "bench_util.hpp"
#include "nsid_trips.hpp"
#include "scaling.hpp"
#include "setns_trips.hpp"

namespace netns::bench {

namespace {

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "kernel: %s: %s\n", what, std::strerror(errno));
  std::exit(1);
}

class kernel_side final : public scaling_side {
 public:
  kernel_side(bool with_nsids, long reserve) : with_nsids_(with_nsids) {
    pop_.reserve(static_cast<std::size_t>(reserve));
  }
  ~kernel_side() override {
    for (int fd : pop_) close(fd);
    for (int fd : {other_, home_, limit_})
      if (fd >= 0) close(fd);
  }

  // The user namespace, its home net, the socket there, the second net
  // for setns trips; false with the reason when the kernel refuses.
  bool start(std::string& why) {
    if (unshare(CLONE_NEWUSER) != 0) {
      why = std::string("unshare(CLONE_NEWUSER): ") + std::strerror(errno);
      return false;
    }
    if (unshare(CLONE_NEWNET) != 0) {
      why = std::string("unshare(CLONE_NEWNET): ") + std::strerror(errno);
      return false;
    }
    home_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    // The sysctl file of *this* user namespace: /proc/sys/user is looked
    // up in the opener's user namespace.
    limit_ = open("/proc/sys/user/max_net_namespaces", O_RDWR | O_CLOEXEC);
    char buf[32] = {};
    if (home_ < 0 || limit_ < 0 || pread(limit_, buf, sizeof buf - 1, 0) <= 0) {
      why = std::string("home namespace or its limit: ") + std::strerror(errno);
      return false;
    }
    limit_default_ = std::atol(buf);
    sock_.emplace();  // in the home net: a socket serves its creator's net
    if (!sock_->ready()) {
      why = std::string("NETLINK_ROUTE socket: ") + std::strerror(errno);
      return false;
    }
    other_path_ = kernel_other_ns(home_, other_);
    if (other_path_.empty()) {
      why = "a second namespace for the setns trips";
      return false;
    }
    return true;
  }

  const char* name() const override { return "kernel"; }
  long ops(const std::string& metric) const override {
    return metric == "create_destroy" ? 100 : 2000;
  }
  long live() const override { return static_cast<long>(pop_.size()); }

  void resize(long n) override {
    if (n < live()) {
      arm(n);
      while (live() > n) {
        close(pop_.back());  // the newest first: their ids are the highest
        pop_.pop_back();
      }
      wait_cleanup();
    }
    while (live() < n) {
      if (unshare(CLONE_NEWNET) != 0) die("unshare for the population");
      const int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
      if (fd < 0) die("open of a population namespace (RLIMIT_NOFILE?)");
      if (setns(home_, CLONE_NEWNET) != 0) die("setns home");
      pop_.push_back(fd);
      if (with_nsids_ && !sock_->newnsid(fd)) die("RTM_NEWNSID");
    }
  }

  // unshare + setns back, as --compare-kernel: the cleanup of these
  // namespaces runs afterwards on the kernel's workqueue and is not in the
  // figure; it is waited for, untimed, before the next measurement.
  double create_destroy(long ops) override {
    const auto t0 = clock_type::now();
    for (long i = 0; i < ops; ++i)
      if (unshare(CLONE_NEWNET) != 0 || setns(home_, CLONE_NEWNET) != 0) die("create+destroy");
    const double ns = ns_since(t0);
    arm(live());
    wait_cleanup();
    return ns;
  }

  double setns_round(long trips) override {
    return kernel_setns_round(home_, other_path_, trips);
  }

  double getnsid_round(long trips) override {
    const std::vector<request> reqs = random_requests();
    sock_->check(reqs[0]);
    sock_->trips(reqs, warm_up(trips));
    const auto t0 = clock_type::now();
    sock_->trips(reqs, trips);
    return ns_since(t0);
  }

  double dump(long& entries) override {
    const auto t0 = clock_type::now();
    entries = sock_->dump();
    return ns_since(t0);
  }

  double cleanup_batch() override {
    arm(0);
    const auto t0 = clock_type::now();
    for (int fd : pop_) close(fd);
    pop_.clear();
    wait_cleanup();
    return ns_since(t0);
  }

  long memory_bytes() override {
    const long kib = kernel_memory_kib();
    return kib < 0 ? -1 : kib * 1024;
  }

 private:
  void set_limit(long v) {
    const std::string text = std::to_string(v) + "\n";
    if (pwrite(limit_, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
      die("write max_net_namespaces");
  }
  // Lowers the limit to what is meant to stay (home, the second net, a
  // population of `staying`), plus one: a new namespace fits only when
  // every other one has finished its cleanup. Set before the fds close.
  void arm(long staying) { set_limit(2 + staying + 1); }
  void wait_cleanup() {
    for (;;) {
      if (unshare(CLONE_NEWNET) == 0) break;
      if (errno != ENOSPC) die("unshare probe");
      usleep(50);
    }
    // The probe's own namespace dies with this setns; the next wait
    // counts it like any other.
    if (setns(home_, CLONE_NEWNET) != 0) die("setns home after the probe");
    set_limit(limit_default_);
  }

  std::vector<request> random_requests() { return random_getnsid_requests(live(), rng_); }

  bool with_nsids_;
  int home_ = -1, other_ = -1, limit_ = -1;
  long limit_default_ = 0;
  std::string other_path_;
  std::optional<kernel_nsid_socket> sock_;  // made in start(), in the home net
  std::vector<int> pop_;
  std::mt19937 rng_{42};
};

}  // namespace

std::unique_ptr<scaling_side> make_kernel_side(bool with_nsids, long reserve, std::string& why) {
  if (geteuid() != 0) {
    why = "needs root";
    return nullptr;
  }
  // Every namespace of the population is an open fd.
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  auto side = std::make_unique<kernel_side>(with_nsids, reserve);
  if (!side->start(why)) return nullptr;
  return side;
}

}  // namespace netns::bench
