// SPDX-License-Identifier: GPL-2.0-only
// A stack-like vector of trivially copyable values that lives in place up
// to N elements and moves to the heap only past them.
//
// Path walks keep a frame per component and a view per pending symlink
// body; nearly every walk fits in a few, and a heap allocation per walk
// would cost more than the walk itself.
//
// Example:
//   struct frame { const void* dir; int depth; };
//   inline_vector<frame, 16> frames;      // no allocation up to 16
//   frames.push_back(frame{nullptr, 0});
//   frames.emplace_back(nullptr, 1);      // built in place
//   frame top = frames.back();
//   frames.pop_back();
//
// Cost: push_back, pop_back and back are O(1) (amortised past N).
#pragma once

#include <cassert>
#include <cstddef>
#include <new>
#include <type_traits>
#include <vector>

namespace netns {

template <class T, std::size_t N>
class inline_vector {
  static_assert(std::is_trivially_copyable_v<T>, "inline_vector holds plain values");

 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  inline_vector() {}  // NOLINT: the in-place slots stay unconstructed
  inline_vector(const inline_vector&) = delete;
  inline_vector& operator=(const inline_vector&) = delete;

  // Always inline: a walk pushes a frame per component, and the compiler's
  // heuristics dropped the call inline in a larger file once (a call, and
  // 80 instructions more per setns round trip). The spill is the rare path.
  [[gnu::always_inline]] void push_back(const T& v) {
    if (size_ < N) [[likely]] {
      new (&slots_.item[size_]) T(v);
      ++size_;
    } else {
      spill(v);
    }
  }
  // Builds the value in its slot, field by field. push_back of a braced
  // temporary let the compiler build it on the stack with 8-byte stores and
  // copy it with 16-byte loads, which cannot be forwarded from those stores
  // (a stall of about 10 ns per setns round trip, measured).
  template <class... A>
  [[gnu::always_inline]] void emplace_back(A&&... a) {
    if (size_ < N) [[likely]] {
      new (&slots_.item[size_]) T{static_cast<A&&>(a)...};
      ++size_;
    } else {
      spill(T{static_cast<A&&>(a)...});
    }
  }
  void pop_back() {
    assert(size_ > 0);
    --size_;
  }
  void clear() { size_ = 0; }

  T& operator[](std::size_t i) {
    assert(i < size_);
    return i < N ? slots_.item[i] : spill_[i - N];
  }
  const T& operator[](std::size_t i) const {
    assert(i < size_);
    return i < N ? slots_.item[i] : spill_[i - N];
  }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }

 private:
  [[gnu::noinline]] void spill(const T& v) {
    if (spill_.size() < size_ - N + 1) spill_.resize(size_ - N + 1);
    spill_[size_ - N] = v;
    ++size_;
  }

  // A union, so that making the vector does not construct N values (a
  // walk would spend longer zeroing them than walking).
  union slots {
    slots() {}  // NOLINT
    T item[N];
  };
  std::size_t size_ = 0;
  slots slots_;
  std::vector<T> spill_;
};

}  // namespace netns
