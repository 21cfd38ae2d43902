// SPDX-License-Identifier: GPL-2.0-only
// Fault injection: make the Nth pass through a named point fail, the way the
// kernel's failslab makes an allocation fail, so that tests can reach every
// failure position of a multi-step operation and check its undo.
//
// Example:
//   enum class point { net_alloc, generic_alloc, count_ };
//   fault_injector<point> faults;
//   faults.arm(point::generic_alloc, 2);   // the 2nd pass from now fails
//   if (faults.should_fail(point::generic_alloc)) return errc{ENOMEM};
//
// One injector per kernel (no globals). Locking: lock-free; an unarmed point
// costs one relaxed load.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>

namespace netns {

template <class Point>
class fault_injector {
 public:
  static constexpr std::size_t size = static_cast<std::size_t>(Point::count_);

  // The nth pass (1-based) through p from now fails, once. 0 disarms.
  void arm(Point p, int nth) { slot(p).store(nth, std::memory_order_relaxed); }
  void disarm_all() {
    for (auto& s : countdown_) s.store(0, std::memory_order_relaxed);
  }
  bool armed(Point p) const { return countdown_[index(p)].load(std::memory_order_relaxed) > 0; }

  bool should_fail(Point p) {
    auto& s = slot(p);
    int n = s.load(std::memory_order_relaxed);
    while (n > 0) {
      if (s.compare_exchange_weak(n, n - 1, std::memory_order_relaxed)) return n == 1;
    }
    return false;
  }

 private:
  static std::size_t index(Point p) { return static_cast<std::size_t>(p); }
  std::atomic<int>& slot(Point p) { return countdown_[index(p)]; }
  std::array<std::atomic<int>, size> countdown_{};
};

}  // namespace netns
