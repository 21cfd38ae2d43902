// SPDX-License-Identifier: GPL-2.0-only
// scope_exit: run a callable when the scope ends, unless released.
//
// Used to undo a step of a multi-step operation if a later step fails:
//
//   auto undo = scope_exit([&] { free_inum(n); });
//   ... a later step fails and returns: the inum is freed ...
//   undo.release();   // every step succeeded: keep the inum
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
