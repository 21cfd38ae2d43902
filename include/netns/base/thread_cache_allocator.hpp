// SPDX-License-Identifier: GPL-2.0-only
// Per-thread caches of freed blocks with a shared depot, for objects made
// and dropped at a high rate: the file of every namespace-file open, and
// the net, proc entries and devices of every namespace. It is the
// kernel's slab in miniature: per-CPU caches in front of a shared pool,
// here per thread, exchanging whole magazines (Bonwick's design).
//
// Example:
//   struct entry : thread_cached<entry> { int value = 0; };   // its own new and delete
//   entry* e = new entry;         // a block from this thread's cache for its size
//   delete e;                     // back into the cache
//   auto p = std::allocate_shared<int>(thread_cache_allocator<int>(), 42);
//
// Why a depot: namespaces are made on one thread and freed on the cleanup
// worker. With per-thread caches alone the worker's cache fills and the
// maker's stays empty, and every block crosses glibc's arena lock twice.
// With the depot the worker hands back a full magazine of 64 blocks under
// one short lock and the maker takes it whole.
//
// A thread keeps a loaded magazine and at most one full spare (so at most
// 2 * magazine_size blocks); the depot keeps at most max_magazines full
// magazines per block size and gives any more back to operator delete.
// A thread's blocks go back (full magazines to the depot) when it exits.
//
// Under AddressSanitizer or ThreadSanitizer the caches are bypassed, so
// that a use after free is still caught.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <new>
#include <utility>
#include <iterator>

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

// A free block, linked into a magazine; the head of a full magazine also
// links the depot's magazines.
struct free_block {
  free_block* next;
  free_block* next_magazine;
};

inline constexpr std::size_t magazine_size = 64;

// Full magazines of one block size, shared by all threads.
template <std::size_t Size, std::size_t Align>
class block_depot {
 public:
  static constexpr std::size_t max_magazines = 32;

  // Never destroyed: threads may return blocks during process exit.
  static block_depot& instance() {
    static block_depot* d = new block_depot;
    return *d;
  }

  // A full magazine, or nullptr when there is none.
  free_block* take() {
    if (count_.load(std::memory_order_relaxed) == 0) return nullptr;  // no lock for nothing
    std::lock_guard g(lock_);
    free_block* m = head_;
    if (m) {
      head_ = m->next_magazine;
      count_.store(count_.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
    }
    return m;
  }
  // Keeps a full magazine; false when the depot is full (the caller frees it).
  bool give(free_block* m) {
    std::lock_guard g(lock_);
    if (count_.load(std::memory_order_relaxed) == max_magazines) return false;
    m->next_magazine = head_;
    head_ = m;
    count_.store(count_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    return true;
  }
  // The number of full magazines kept.
  std::size_t size() const { return count_.load(std::memory_order_relaxed); }

 private:
  block_depot() = default;
  std::mutex lock_;
  free_block* head_ = nullptr;
  std::atomic<std::size_t> count_{0};  // read without the lock as a hint
};

// The free blocks of one size and alignment, on one thread.
template <std::size_t Size, std::size_t Align>
class block_cache {
 public:
  static_assert(Size >= sizeof(free_block));
  using depot = block_depot<Size, Align>;

  block_cache() = default;
  block_cache(const block_cache&) = delete;
  block_cache& operator=(const block_cache&) = delete;
  ~block_cache() {
    gone() = true;
    if (loaded_count_ == magazine_size) retire(loaded_);
    else drop_all(loaded_);
    if (spare_) retire(spare_);
  }

  void* get() {
    if (loaded_count_ == 0) {
      if (spare_) {
        loaded_ = spare_;
        spare_ = nullptr;
      } else if (free_block* m = depot::instance().take()) {
        loaded_ = m;
      } else {
        return fresh();
      }
      loaded_count_ = magazine_size;
    }
    free_block* b = loaded_;
    loaded_ = b->next;
    --loaded_count_;
    return b;
  }
  void put(void* p) {
    if (loaded_count_ == magazine_size) {
      if (spare_) retire(spare_);
      spare_ = loaded_;
      loaded_ = nullptr;
      loaded_count_ = 0;
    }
    loaded_ = new (p) free_block{loaded_, nullptr};
    ++loaded_count_;
  }

  // The aligned forms only when needed: glibc's aligned allocation pads
  // each block (it cost a namespace about 900 bytes of RSS).
  static void* fresh() {
    if constexpr (Align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__) return ::operator new(Size);
    else return ::operator new(Size, std::align_val_t(Align));
  }
  static void drop(void* p) {
    if constexpr (Align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__) ::operator delete(p);
    else ::operator delete(p, std::align_val_t(Align));
  }

  // This thread's cache; nullptr once the thread is past destroying it
  // (a block freed by a later thread-exit destructor goes straight back).
  static block_cache* mine() {
    if (gone()) return nullptr;
    thread_local block_cache c;
    return &c;
  }

 private:
  // A full magazine to the depot, or back to the heap when it is full.
  static void retire(free_block* m) {
    if (!depot::instance().give(m)) drop_all(m);
  }
  static void drop_all(free_block* b) {
    while (b) {
      free_block* next = b->next;
      drop(b);
      b = next;
    }
  }

  // Trivially destructible, so still readable while the thread exits.
  static bool& gone() {
    thread_local bool g = false;
    return g;
  }

  free_block* loaded_ = nullptr;   // the magazine blocks come from and go to
  std::size_t loaded_count_ = 0;
  free_block* spare_ = nullptr;    // a full magazine, or none
};

template <std::size_t Size, std::size_t Align>
using block_cache_for =
    block_cache<(Size < sizeof(free_block) ? sizeof(free_block) : Size),
                (Align < alignof(free_block) ? alignof(free_block) : Align)>;

template <std::size_t Size, std::size_t Align>
void* cached_allocate() {
  using cache = block_cache_for<Size, Align>;
  if constexpr (!thread_cache_enabled) {
    return cache::fresh();
  } else {
    cache* c = cache::mine();
    return c ? c->get() : cache::fresh();
  }
}

template <std::size_t Size, std::size_t Align>
void cached_deallocate(void* p) noexcept {
  using cache = block_cache_for<Size, Align>;
  if constexpr (!thread_cache_enabled) {
    cache::drop(p);
  } else {
    if (cache* c = cache::mine()) c->put(p);
    else cache::drop(p);
  }
}

// Blocks by byte size, for arrays and other variable sizes: rounded up to
// a size class, each class a cache of its own. Larger requests go to the
// heap.
inline constexpr std::size_t size_class_align = 16;
inline constexpr std::size_t size_classes[] = {16, 32, 48, 64, 96, 128, 192, 256, 384, 512};
inline constexpr std::size_t max_class_size = 512;

template <std::size_t... I>
void* allocate_class(std::size_t bytes, std::index_sequence<I...>) {
  void* p = nullptr;
  // The first class that fits.
  (void)((bytes <= size_classes[I] ? (p = cached_allocate<size_classes[I], size_class_align>(), true)
                                   : false) ||
         ...);
  return p;
}
template <std::size_t... I>
void deallocate_class(void* p, std::size_t bytes, std::index_sequence<I...>) noexcept {
  (void)((bytes <= size_classes[I]
              ? (cached_deallocate<size_classes[I], size_class_align>(p), true)
              : false) ||
         ...);
}

using class_indices = std::make_index_sequence<std::size(size_classes)>;

}  // namespace detail

// `bytes` from the size-class caches (aligned to 16), or from the heap when
// larger than the largest class. Free with the same size.
inline void* cache_allocate_bytes(std::size_t bytes) {
  static_assert(detail::size_class_align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  if (bytes > detail::max_class_size) return ::operator new(bytes);
  return detail::allocate_class(bytes, detail::class_indices{});
}
inline void cache_deallocate_bytes(void* p, std::size_t bytes) noexcept {
  if (bytes > detail::max_class_size) {
    ::operator delete(p);
    return;
  }
  detail::deallocate_class(p, bytes, detail::class_indices{});
}

// A standard allocator over the caches: single objects by their type's
// size, small arrays by size class, larger arrays from the heap.
template <class T>
class thread_cache_allocator {
 public:
  using value_type = T;

  thread_cache_allocator() = default;
  template <class U>
  thread_cache_allocator(const thread_cache_allocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    if (n == 1) return static_cast<T*>(detail::cached_allocate<sizeof(T), alignof(T)>());
    if (by_class(n)) return static_cast<T*>(cache_allocate_bytes(n * sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n == 1) {
      detail::cached_deallocate<sizeof(T), alignof(T)>(p);
    } else if (by_class(n)) {
      cache_deallocate_bytes(p, n * sizeof(T));
    } else {
      std::allocator<T>().deallocate(p, n);
    }
  }

  friend bool operator==(const thread_cache_allocator&, const thread_cache_allocator&) { return true; }

 private:
  static bool by_class(std::size_t n) {
    return alignof(T) <= detail::size_class_align && n <= detail::max_class_size / sizeof(T);
  }
};

// A base that gives T class-level new and delete over the caches, for
// objects made with new (the net, devices). T must be the most derived
// type (a derived class of another size would get the wrong block size),
// which the size check enforces at run time in debug builds.
template <class T>
class thread_cached {
 public:
  static void* operator new(std::size_t n) {
    check(n);
    return detail::cached_allocate<sizeof(T), alignof(T)>();
  }
  static void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    check(n);
    try {
      return detail::cached_allocate<sizeof(T), alignof(T)>();
    } catch (...) {
      return nullptr;
    }
  }
  static void operator delete(void* p) noexcept { detail::cached_deallocate<sizeof(T), alignof(T)>(p); }
  static void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }

 private:
  static void check([[maybe_unused]] std::size_t n) {
#ifndef NDEBUG
    if (n != sizeof(T)) std::abort();
#endif
  }
};

}  // namespace netns
