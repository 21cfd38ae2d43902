// SPDX-License-Identifier: GPL-2.0-only
// The model's side of `netns-bench --scaling` (scaling.hpp): a machine
// whose init net gives every namespace of the population an nsid; the
// population is held by net_refs (a model task holds at most 1024 fds),
// the setns trips and netlink requests are the init task's system calls.
#include <linux/net_namespace.h>
#include <sched.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "bench_util.hpp"
#include "netns/core/nsid.hpp"
#include "netns/machine/machine.hpp"
#include "nsid_trips.hpp"
#include "scaling.hpp"
#include "setns_trips.hpp"

namespace netns::bench {

namespace {

class model_side final : public scaling_side {
 public:
  model_side(bool with_nsids, long reserve) : with_nsids_(with_nsids) {
    pop_.reserve(static_cast<std::size_t>(reserve));
  }
  const char* name() const override { return "model"; }
  long ops(const std::string& metric) const override {
    return metric == "create_destroy" ? 2000 : 20000;
  }
  long live() const override { return static_cast<long>(pop_.size()); }

  void resize(long n) override {
    kernel& k = m_.k();
    if (n < live()) {
      while (live() > n) pop_.pop_back();  // the newest first: their ids are the highest
      k.settle();
    }
    while (live() < n) {
      auto r = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), global_root_uid);
      if (!r) {
        std::fprintf(stderr, "model: copy_net_ns #%ld failed: %s\n", live(),
                     errno_name(r.error().errnum()));
        std::exit(1);
      }
      if (with_nsids_ && peernet2id_alloc(k.init_net(), **r) < 0) {
        std::fprintf(stderr, "model: no nsid for namespace #%ld\n", live());
        std::exit(1);
      }
      pop_.push_back(std::move(*r));
    }
  }

  double create_destroy(long ops) override {
    kernel& k = m_.k();
    const auto t0 = clock_type::now();
    for (long i = 0; i < ops; ++i) {
      auto r = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), global_root_uid);
      if (!r) {
        std::fprintf(stderr, "model: copy_net_ns failed: %s\n", errno_name(r.error().errnum()));
        std::exit(1);
      }
    }
    k.settle();  // cleanup included, as in --compare-kernel
    return ns_since(t0);
  }

  double setns_round(long trips) override { return setns_.round(trips); }

  double getnsid_round(long trips) override {
    const std::vector<request> reqs = random_requests();
    sock_.check(reqs[0]);
    sock_.trips(reqs, warm_up(trips));
    const auto t0 = clock_type::now();
    sock_.trips(reqs, trips);
    return ns_since(t0);
  }

  double dump(long& entries) override {
    const auto t0 = clock_type::now();
    entries = sock_.dump();
    return ns_since(t0);
  }

  double cleanup_batch() override {
    const auto t0 = clock_type::now();
    pop_.clear();  // every last put, then the worker's batch
    m_.k().settle();
    return ns_since(t0);
  }

  long memory_bytes() override { return rss_kib() * 1024; }

 private:
  std::vector<request> random_requests() { return random_getnsid_requests(live(), rng_); }

  bool with_nsids_;
  machine m_{unlimited()};
  model_setns setns_{m_};  // its second net is not in the population
  model_nsid_socket sock_{m_.init_task()};
  std::vector<net_ref> pop_;
  std::mt19937 rng_{42};
};

}  // namespace

std::unique_ptr<scaling_side> make_model_side(bool with_nsids, long reserve) {
  return std::make_unique<model_side>(with_nsids, reserve);
}

}  // namespace netns::bench
