// SPDX-License-Identifier: GPL-2.0-only
// thread_cache_allocator<T>: a standard allocator that keeps a few freed
// blocks per thread, for objects made and dropped at a high rate (the file
// of every namespace-file open). With std::allocate_shared, an open and a
// close then cost two pointer moves instead of a malloc and a free, the
// kernel's per-CPU slab caches in miniature.
//
//   auto f = std::allocate_shared<nsfs_file>(thread_cache_allocator<nsfs_file>(), ...);
//
// A block freed on another thread joins that thread's cache. Each cache
// keeps at most `max_cached` blocks and hands the rest back to operator
// delete; a thread's cache is emptied when the thread exits.
//
// Under AddressSanitizer or ThreadSanitizer the cache is bypassed, so that
// a use after free is still caught.
#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace netns {

namespace detail {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define NETNS_SANITIZED_ 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(NETNS_SANITIZED_)
inline constexpr bool thread_cache_enabled = false;
#else
inline constexpr bool thread_cache_enabled = true;
#endif
#undef NETNS_SANITIZED_

// The free blocks of one size and alignment, on one thread.
template <std::size_t Size, std::size_t Align>
class block_cache {
 public:
  static constexpr std::size_t max_cached = 64;

  block_cache() = default;
  block_cache(const block_cache&) = delete;
  block_cache& operator=(const block_cache&) = delete;
  ~block_cache() {
    gone() = true;
    while (head_) {
      node* n = head_;
      head_ = n->next;
      drop(n);
    }
  }

  void* get() {
    if (node* n = head_) {
      head_ = n->next;
      --count_;
      return n;
    }
    return fresh();
  }
  void put(void* p) {
    if (count_ == max_cached) {
      drop(p);
      return;
    }
    head_ = new (p) node{head_};
    ++count_;
  }

  static void* fresh() { return ::operator new(Size, std::align_val_t(Align)); }
  static void drop(void* p) { ::operator delete(p, std::align_val_t(Align)); }

  // This thread's cache; nullptr once the thread is past destroying it
  // (a block freed by a later thread-exit destructor goes straight back).
  static block_cache* mine() {
    if (gone()) return nullptr;
    thread_local block_cache c;
    return &c;
  }

 private:
  struct node {
    node* next;
  };
  static_assert(Size >= sizeof(node));

  // Trivially destructible, so still readable while the thread exits.
  static bool& gone() {
    thread_local bool g = false;
    return g;
  }

  node* head_ = nullptr;
  std::size_t count_ = 0;
};

}  // namespace detail

template <class T>
class thread_cache_allocator {
 public:
  using value_type = T;

  thread_cache_allocator() = default;
  template <class U>
  thread_cache_allocator(const thread_cache_allocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    if (!detail::thread_cache_enabled || n != 1) return std::allocator<T>().allocate(n);
    cache* c = cache::mine();
    return static_cast<T*>(c ? c->get() : cache::fresh());
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (!detail::thread_cache_enabled || n != 1) {
      std::allocator<T>().deallocate(p, n);
      return;
    }
    if (cache* c = cache::mine()) c->put(p);
    else cache::drop(p);
  }

  friend bool operator==(const thread_cache_allocator&, const thread_cache_allocator&) { return true; }

 private:
  using cache = detail::block_cache<(sizeof(T) < sizeof(void*) ? sizeof(void*) : sizeof(T)),
                                    (alignof(T) < alignof(void*) ? alignof(void*) : alignof(T))>;
};

}  // namespace netns
