// SPDX-License-Identifier: GPL-2.0-only
// Helpers shared by the unit tests (not a test unit itself): a thread-safe log
// of pernet callbacks, a pernet_operations that records into it, a gate that
// holds a callback (and so the cleanup worker) until the test opens it, an
// RCU callback probe and a reader that sits in a read section, and a
// shorthand for copy_net_ns(CLONE_NEWNET, ...).
//
//   event_log log;
//   recorder s1(log, "S1");                     // logs init:S1, pre_exit:S1, ...
//   kernel k;                                   // after the ops: exits run at ~kernel
//   ASSERT_TRUE(register_pernet_subsys(k, s1.ops));
//   net_ref n = new_net(k);
//   n.reset(); k.settle();
//   EXPECT_EQ(log.names(), (strings{"init:S1", ..., "exit_batch:S1"}));
//
// Callbacks of cleanups run on the worker thread: the log has a mutex, and a
// test reads it after k.settle().
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "netns/base/rcu.hpp"
#include "netns/base/scope_exit.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/net.hpp"
#include "netns/core/pernet.hpp"
#include "netns/core/proc_fs.hpp"
#include "netns/core/proc_inum.hpp"

namespace netns {
// Readable errno values in assertion messages ("ENOSPC (28)").
inline void PrintTo(const errc& e, std::ostream* os) {
  *os << (e.value ? errno_name(e.value) : "0") << " (" << e.value << ")";
}
}  // namespace netns

namespace netns::test {

using strings = std::vector<std::string>;
using ids = std::vector<std::uint64_t>;

// Entries below a /proc/net directory, each holding an inode number.
inline std::size_t count_proc_entries(const proc_dir_entry& dir) {
  std::size_t n = 0;
  for (const std::string& name : pde_readdir(dir)) {
    ++n;
    if (pde_ptr child = pde_lookup(dir, name); child && child->is_dir())
      n += count_proc_entries(*child);
  }
  return n;
}
// Inode numbers the initial net's /proc/net entries hold: the dynamic
// numbers in use when no other namespace exists (none until someone looked
// at its /proc/net, which is made at first lookup).
inline std::size_t init_proc_inums(kernel& k) {
  proc_dir_entry* root = proc_net_peek(k.init_net());
  return root ? count_proc_entries(*root) : 0;
}
// The number the first new namespace of a fresh kernel gets.
inline std::uint32_t first_free_inum(kernel& k) {
  return PROC_DYNAMIC_FIRST + static_cast<std::uint32_t>(init_proc_inums(k));
}

// One pernet callback: what ("init:S1"), the net's ns_id (0 for exit_batch)
// and, for exit_batch, the ns_ids of the batch in the order given.
struct event {
  std::string what;
  std::uint64_t net = 0;
  ids batch;
};

class event_log {
 public:
  void add(std::string what, std::uint64_t net = 0, ids batch = {}) {
    std::lock_guard l(m_);
    events_.push_back({std::move(what), net, std::move(batch)});
  }
  std::vector<event> events() const {
    std::lock_guard l(m_);
    return events_;
  }
  // "init:S1", ... in the order they happened.
  strings names() const {
    strings out;
    for (const event& e : events()) out.push_back(e.what);
    return out;
  }
  // "init:S1@4100", ...; exit_batch as "exit_batch:S1@{4100,4101}".
  strings tagged() const {
    strings out;
    for (const event& e : events()) {
      if (e.what.rfind("exit_batch:", 0) == 0) {
        std::string s = e.what + "@{";
        for (std::size_t i = 0; i < e.batch.size(); ++i)
          s += (i ? "," : "") + std::to_string(e.batch[i]);
        out.push_back(s + "}");
      } else {
        out.push_back(e.what + "@" + std::to_string(e.net));
      }
    }
    return out;
  }
  // Events whose name is exactly `what`, as the ns_ids they ran in.
  ids nets_of(const std::string& what) const {
    ids out;
    for (const event& e : events())
      if (e.what == what) out.push_back(e.net);
    return out;
  }
  // The batches exit_batch:<name> was called with.
  std::vector<ids> batches_of(const std::string& name) const {
    std::vector<ids> out;
    for (const event& e : events())
      if (e.what == "exit_batch:" + name) out.push_back(e.batch);
    return out;
  }
  std::size_t count(const std::string& what) const {
    std::size_t c = 0;
    for (const event& e : events()) c += e.what == what;
    return c;
  }
  void clear() {
    std::lock_guard l(m_);
    events_.clear();
  }

 private:
  mutable std::mutex m_;
  std::vector<event> events_;
};

// A pernet_operations that logs each of its four callbacks into `log`.
// Optional hooks run after the log entry (set them before registering).
// Not movable: the callbacks point at it.
class recorder {
 public:
  recorder(event_log& log, std::string name, std::size_t size = 0, bool with_id = false)
      : log_(log), name_(std::move(name)) {
    ops.name = name_.c_str();
    ops.init = [this](net& n) -> result<void> {
      log_.add("init:" + name_, n.ns_id());
      return on_init ? on_init(n) : ok();
    };
    ops.pre_exit = [this](net& n) {
      log_.add("pre_exit:" + name_, n.ns_id());
      if (on_pre_exit) on_pre_exit(n);
    };
    ops.exit = [this](net& n) {
      log_.add("exit:" + name_, n.ns_id());
      if (on_exit) on_exit(n);
    };
    ops.exit_batch = [this](std::span<net* const> nets) {
      ids b;
      for (net* n : nets) b.push_back(n->ns_id());
      log_.add("exit_batch:" + name_, 0, std::move(b));
    };
    if (with_id || size) ops.id = &id;
    ops.size = size;
  }
  recorder(const recorder&) = delete;
  recorder& operator=(const recorder&) = delete;

  const std::string& name() const { return name_; }

  pernet_operations ops;
  unsigned id = 0;
  std::function<result<void>(net&)> on_init;
  std::function<void(net&)> on_pre_exit;
  std::function<void(net&)> on_exit;

 private:
  event_log& log_;
  std::string name_;
};

// Holds whoever calls pass() until open(); the test can wait until someone
// is held. Declare it before the kernel and open it (scope_exit) before the
// kernel is destroyed, or a failed assertion would leave the worker stuck.
class gate {
 public:
  void pass() {
    std::unique_lock l(m_);
    ++entered_;
    cv_.notify_all();
    cv_.wait(l, [&] { return open_; });
  }
  // True once someone is held in pass() (false after 10 s: a failure).
  bool wait_entered(int n = 1) {
    std::unique_lock l(m_);
    return cv_.wait_for(l, std::chrono::seconds(10), [&] { return entered_ >= n; });
  }
  void open() {
    std::lock_guard l(m_);
    open_ = true;
    cv_.notify_all();
  }
  bool is_open() {
    std::lock_guard l(m_);
    return open_;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int entered_ = 0;
  bool open_ = false;
};

// An RCU callback a pernet method can queue (as a kernel exit method queues
// call_rcu): records that it ran and how many nets the kernel had freed then.
// Queue it at most once.
struct rcu_probe {
  rcu::head h;  // first member: the callback gets the probe back
  kernel* k = nullptr;
  std::atomic<bool> ran{false};
  std::atomic<std::uint64_t> nets_freed_then{0};

  void queue(kernel& kern) {
    k = &kern;
    rcu::call(&h, [](rcu::head* head) {
      auto* p = reinterpret_cast<rcu_probe*>(head);
      p->nets_freed_then = p->k->stats().nets_freed.load();
      p->ran = true;
    });
  }
};

// A thread inside an RCU read section from construction until `hold` has
// passed; left() says whether it has left.
class rcu_reader {
 public:
  explicit rcu_reader(std::chrono::milliseconds hold) {
    t_ = std::thread([this, hold] {
      rcu::read_guard g;
      {
        std::lock_guard l(m_);
        inside_ = true;
      }
      cv_.notify_all();
      std::this_thread::sleep_for(hold);
      left_ = true;
    });
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return inside_; });
  }
  ~rcu_reader() { t_.join(); }
  bool left() const { return left_.load(); }

 private:
  std::thread t_;
  std::mutex m_;
  std::condition_variable cv_;
  bool inside_ = false;
  std::atomic<bool> left_{false};
};

// copy_net_ns(CLONE_NEWNET, ...) in k's init_user_ns; an empty ref (and a
// test failure) if it fails.
inline net_ref new_net(kernel& k, kuid euid = global_root_uid) {
  auto r = copy_net_ns(CLONE_NEWNET, k.init_user_ns(), k.init_net(), euid);
  if (!r) {
    ADD_FAILURE() << "copy_net_ns failed: " << errno_name(r.error().errnum());
    return net_ref();
  }
  return std::move(*r);
}

// The ns_ids of the nets on k's list, in list order.
inline ids listed_ids(kernel& k) {
  ids out;
  rcu::read_guard g;
  for (net* n : k.net_list_rcu()) out.push_back(n->ns_id());
  return out;
}

inline std::set<std::uint64_t> as_set(const ids& v) { return {v.begin(), v.end()}; }

}  // namespace netns::test
