// SPDX-License-Identifier: GPL-2.0-only
// scope_exit: run a callable when the scope ends, unless released.
//
// Used to undo a step of a multi-step operation if a later step fails:
//
// Example:
//   #include <set>
//   std::set<int> ids;
//   ids.insert(7);                                  // a step
//   auto undo = scope_exit([&] { ids.erase(7); });  // its undo, unless released
//   if (ids.size() > 100) return errc{ENOSPC};      // a later step fails: 7 is erased
//   undo.release();                                 // every step succeeded: keep 7
//
// Cost: the callable, a bool; no allocation.
#pragma once

#include <utility>

namespace netns {

template <class F>
class [[nodiscard]] scope_exit {
 public:
  explicit scope_exit(F f) : f_(std::move(f)) {}
  scope_exit(scope_exit&& o) noexcept : f_(std::move(o.f_)), active_(o.active_) { o.active_ = false; }
  scope_exit(const scope_exit&) = delete;
  scope_exit& operator=(const scope_exit&) = delete;
  scope_exit& operator=(scope_exit&&) = delete;
  ~scope_exit() {
    if (active_) f_();
  }
  void release() { active_ = false; }

 private:
  F f_;
  bool active_ = true;
};

}  // namespace netns
