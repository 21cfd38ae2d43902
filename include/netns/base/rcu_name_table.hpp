// SPDX-License-Identifier: GPL-2.0-only
// A table from names to values that readers search without a lock, the
// way the kernel's dcache hash serves RCU path walks.
//
// Open addressing over an array of entry pointers. Entries never move:
// growing the table makes a new array of the same pointers, publishes it,
// and frees the old array after a grace period. Removing an entry leaves a
// tombstone in its slot and hands the entry back to the caller, who frees
// it only after rcu::synchronize(): readers may still be looking at it.
//
// Example:
//   rcu_name_table<int> t;                 // writers hold a lock of the caller's
//   t.insert("lo", 1);
//   {
//     rcu::read_guard g;                   // readers: no lock
//     const auto* e = t.find("lo");        // valid until g ends
//   }
//   auto gone = t.remove("lo");
//   rcu::synchronize();
//   gone.reset();                          // now nobody can see it
//
// Why not liburcu's cds_lfht: a directory's table is destroyed when the
// directory is, which may be on liburcu's callback thread where
// cds_lfht_destroy must not run, and its lock-free internals hide from
// ThreadSanitizer the ordering this table gets from std::atomic.
//
// Locking: find() inside an rcu::read_guard, from any thread; insert,
// remove, size and for_each under one lock of the caller's.
// Cost: find is a hash of the name and, at a load of at most one half, a
// probe or two; insert is amortised O(1); remove is O(1).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "netns/base/rcu.hpp"

namespace netns {

template <class V>
class rcu_name_table {
 public:
  struct entry {
    std::string name;
    V value;
    std::size_t hash;
  };

  rcu_name_table() : slots_(make_slots(min_capacity)) {}
  // No reader may still be inside the table.
  ~rcu_name_table() {
    slots* s = slots_.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i <= s->mask; ++i) {
      entry* e = s->at[i].load(std::memory_order_relaxed);
      if (e && e != tombstone()) delete e;
    }
    free_slots(s);
  }
  rcu_name_table(const rcu_name_table&) = delete;
  rcu_name_table& operator=(const rcu_name_table&) = delete;

  // The entry named `name`, or nullptr. Readers call this inside an
  // rcu::read_guard; the entry stays valid until the guard ends.
  const entry* find(std::string_view name) const {
    const std::size_t h = hash_of(name);
    const slots* s = rcu::dereference(slots_);
    for (std::size_t i = h & s->mask;; i = (i + 1) & s->mask) {
      const entry* e = s->at[i].load(std::memory_order_acquire);
      if (!e) return nullptr;
      if (e != tombstone() && e->hash == h && e->name == name) return e;
    }
  }

  // Adds `name`; false if it is there already.
  bool insert(std::string_view name, V value) {
    if (find(name)) return false;
    slots* s = slots_.load(std::memory_order_relaxed);
    if ((used_ + 1) * 2 > s->mask + 1) s = rebuild();
    auto* e = new entry{std::string(name), std::move(value), hash_of(name)};
    for (std::size_t i = e->hash & s->mask;; i = (i + 1) & s->mask) {
      entry* cur = s->at[i].load(std::memory_order_relaxed);
      if (!cur || cur == tombstone()) {
        if (!cur) ++used_;
        s->at[i].store(e, std::memory_order_release);
        break;
      }
    }
    ++live_;
    return true;
  }

  // Unhooks `name` and returns its entry (nullptr if absent). Readers may
  // still hold it: free it only after rcu::synchronize().
  std::unique_ptr<entry> remove(std::string_view name) {
    const std::size_t h = hash_of(name);
    slots* s = slots_.load(std::memory_order_relaxed);
    for (std::size_t i = h & s->mask;; i = (i + 1) & s->mask) {
      entry* e = s->at[i].load(std::memory_order_relaxed);
      if (!e) return nullptr;
      if (e != tombstone() && e->hash == h && e->name == name) {
        s->at[i].store(tombstone(), std::memory_order_release);
        --live_;
        return std::unique_ptr<entry>(e);
      }
    }
  }

  std::size_t size() const { return live_; }

  // Every entry, in no particular order (writers' side).
  template <class F>
  void for_each(F&& f) const {
    const slots* s = slots_.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i <= s->mask; ++i) {
      const entry* e = s->at[i].load(std::memory_order_relaxed);
      if (e && e != tombstone()) f(*e);
    }
  }

 private:
  static constexpr std::size_t min_capacity = 8;

  struct slots {
    rcu::head rcu;  // first: the callback finds the block from it
    std::size_t mask;
    std::atomic<entry*>* at;
  };

  static entry* tombstone() {
    static entry t;
    return &t;
  }
  // FNV-1a: names are short, and a walk hashes one per component.
  static std::size_t hash_of(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }

  static slots* make_slots(std::size_t capacity) {
    auto* s = new slots;
    s->mask = capacity - 1;
    s->at = new std::atomic<entry*>[capacity]();
    return s;
  }
  static void free_slots(slots* s) {
    delete[] s->at;
    delete s;
  }

  // A fresh array, sized for twice the live entries, without tombstones.
  slots* rebuild() {
    slots* old = slots_.load(std::memory_order_relaxed);
    std::size_t capacity = min_capacity;
    while (capacity < (live_ + 1) * 4) capacity *= 2;
    slots* s = make_slots(capacity);
    for (std::size_t i = 0; i <= old->mask; ++i) {
      entry* e = old->at[i].load(std::memory_order_relaxed);
      if (!e || e == tombstone()) continue;
      std::size_t j = e->hash & s->mask;
      while (s->at[j].load(std::memory_order_relaxed)) j = (j + 1) & s->mask;
      s->at[j].store(e, std::memory_order_relaxed);
    }
    used_ = live_;
    rcu::assign_pointer(slots_, s);
    rcu::call(&old->rcu, [](rcu::head* h) { free_slots(reinterpret_cast<slots*>(h)); });
    return s;
  }

  std::atomic<slots*> slots_;
  std::size_t live_ = 0;  // entries
  std::size_t used_ = 0;  // entries and tombstones: what probes may cross
};

}  // namespace netns
