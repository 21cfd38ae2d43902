// SPDX-License-Identifier: GPL-2.0-only
// Rundown protection: callers enter while an object is live; the owner
// kills it and waits until everyone inside has left.
//
// The kernel does this for proc entries (use_pde / proc_entry_rundown) and
// sysctl tables (use_table / start_unregistering): a file stays open across
// the removal of what it shows, and its next read fails instead of touching
// freed state.
//
// Example:
//   #include "netns/base/scope_exit.hpp"
//   rundown r;                               // in the object
//   if (!r.enter()) return errc{ENOENT};     // a user: already removed
//   {
//     scope_exit leave([&] { r.leave(); });
//     // ... use the object ...
//   }
//   r.kill();                                // the owner: no new entries; waits
//
// Cost: one atomic RMW to enter and one to leave. kill() spins with yields;
// it is for rare teardown paths.
#pragma once

#include <atomic>
#include <thread>

namespace netns {

class rundown {
 public:
  // False once kill() has started: the caller must not use the object.
  bool enter() {
    users_.fetch_add(1, std::memory_order_seq_cst);
    if (dead_.load(std::memory_order_seq_cst)) {
      leave();
      return false;
    }
    return true;
  }
  void leave() { users_.fetch_sub(1, std::memory_order_release); }
  // Both stores and loads are seq_cst: either enter() sees dead_, or kill()
  // sees the user and waits for it.
  void kill() {
    dead_.store(true, std::memory_order_seq_cst);
    while (users_.load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
  }
  bool dead() const { return dead_.load(std::memory_order_acquire); }

 private:
  std::atomic<int> users_{0};
  std::atomic<bool> dead_{false};
};

}  // namespace netns
