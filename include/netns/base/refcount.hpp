// SPDX-License-Identifier: GPL-2.0-only
// Reference counts and the RAII handles built on them.
//
// `refcount` is the kernel's refcount_t: inc, inc_not_zero (the building
// block of maybe_get_net), dec_and_test. `counted_ref<T, Policy>` is a
// move-only owner of one reference; Policy says how to get and put:
//
// Example:
//   struct obj { refcount refs{1}; };
//   struct obj_policy {
//     static void get(obj* o) { o->refs.inc(); }
//     static void put(obj* o) { if (o->refs.dec_and_test()) delete o; }
//   };
//   using obj_ref = counted_ref<obj, obj_policy>;
//   obj_ref r = obj_ref::adopt(new obj);   // owns the first reference
//   obj_ref r2 = r.clone();                // takes another one
//   r.reset();                             // puts it; r2's put frees the object
//
// Locking: lock-free. Cost: one atomic RMW per get or put.
#pragma once

#include <atomic>
#include <cassert>
#include <utility>

namespace netns {

class refcount {
 public:
  explicit refcount(int v = 0) : v_(v) {}
  void set(int v) { v_.store(v, std::memory_order_relaxed); }
  int read() const { return v_.load(std::memory_order_relaxed); }

  // Takes a reference; the caller must already hold one.
  void inc() {
    [[maybe_unused]] int old = v_.fetch_add(1, std::memory_order_relaxed);
    assert(old > 0 && "refcount: increment on zero (use-after-free)");
  }

  // Takes a reference unless the count already reached zero.
  bool inc_not_zero() {
    int old = v_.load(std::memory_order_relaxed);
    do {
      if (old == 0) return false;
    } while (!v_.compare_exchange_weak(old, old + 1, std::memory_order_acquire,
                                       std::memory_order_relaxed));
    return true;
  }

  // Drops a reference; true when it was the last one. The acquire half orders
  // the caller's teardown after every other holder's last access.
  bool dec_and_test() {
    int old = v_.fetch_sub(1, std::memory_order_acq_rel);
    assert(old > 0 && "refcount: decrement below zero");
    return old == 1;
  }

 private:
  std::atomic<int> v_;
};

template <class T, class Policy>
class counted_ref {
 public:
  counted_ref() = default;
  counted_ref(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)

  // Wraps a reference the caller already holds (does not take a new one).
  static counted_ref adopt(T* p) { return counted_ref(p); }
  // Takes a new reference to p.
  static counted_ref acquire(T* p) {
    if (p) Policy::get(p);
    return counted_ref(p);
  }

  counted_ref(counted_ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  counted_ref& operator=(counted_ref&& o) noexcept {
    if (this != &o) {
      reset();
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  counted_ref(const counted_ref&) = delete;
  counted_ref& operator=(const counted_ref&) = delete;
  ~counted_ref() { reset(); }

  // Another reference to the same object.
  counted_ref clone() const { return acquire(p_); }

  void reset() {
    if (T* p = std::exchange(p_, nullptr)) Policy::put(p);
  }
  // Gives up ownership without dropping the reference.
  [[nodiscard]] T* release() { return std::exchange(p_, nullptr); }

  T* get() const { return p_; }
  T& operator*() const { return *p_; }
  T* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  friend bool operator==(const counted_ref& a, const counted_ref& b) { return a.p_ == b.p_; }
  friend bool operator==(const counted_ref& a, std::nullptr_t) { return a.p_ == nullptr; }

 private:
  explicit counted_ref(T* p) : p_(p) {}
  T* p_ = nullptr;
};

}  // namespace netns
