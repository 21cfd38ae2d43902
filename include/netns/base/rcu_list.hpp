// SPDX-License-Identifier: GPL-2.0-only
// An intrusive doubly linked list that readers may walk under RCU while one
// writer (holding the list's lock) adds and removes, like the kernel's
// list_add_tail_rcu / list_del_rcu / list_for_each_entry_rcu.
//
// Example:
//   #include "netns/base/rcu.hpp"
//   struct item : rcu_list_hook { int value = 0; };
//   rcu_list<item> list;
//   item* x = new item;
//   list.add_tail(x);                                  // writer, under the update lock
//   int sum = 0;
//   { rcu::read_guard g; for (item* i : list) sum += i->value; }   // reader
//   list.del(x); rcu::synchronize(); delete x;         // writer
//
// A removed node keeps its next pointer, so a reader standing on it still
// reaches the rest of the list; it may be freed only after a grace period.
// Cost: O(1) add and delete, no allocation.
#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <iterator>

namespace netns {

struct rcu_list_hook {
  std::atomic<rcu_list_hook*> next{nullptr};
  rcu_list_hook* prev = nullptr;  // writer side only
};

template <class T>  // T derives from rcu_list_hook
class rcu_list {
 public:
  rcu_list() {
    head_.next.store(&head_, std::memory_order_relaxed);
    head_.prev = &head_;
  }
  rcu_list(const rcu_list&) = delete;
  rcu_list& operator=(const rcu_list&) = delete;

  // Writer side (update lock held).
  void add_tail(T* item) {
    rcu_list_hook* n = item;
    rcu_list_hook* last = head_.prev;
    n->next.store(&head_, std::memory_order_relaxed);
    n->prev = last;
    last->next.store(n, std::memory_order_release);  // publishes n's contents
    head_.prev = n;
    ++size_;
  }
  void del(T* item) {
    rcu_list_hook* n = item;
    rcu_list_hook* next = n->next.load(std::memory_order_relaxed);
    n->prev->next.store(next, std::memory_order_release);
    next->prev = n->prev;
    n->prev = nullptr;  // poison: deleting twice is a bug
    --size_;
  }
  bool empty() const { return head_.next.load(std::memory_order_acquire) == &head_; }
  // Writer side: exact count.
  std::size_t size() const { return size_; }
  // Writer side: the last entry, or nullptr.
  T* last() const { return head_.prev == &head_ ? nullptr : static_cast<T*>(head_.prev); }

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T*;
    using difference_type = std::ptrdiff_t;
    using pointer = T**;
    using reference = T*;

    iterator() = default;
    T* operator*() const { return static_cast<T*>(const_cast<rcu_list_hook*>(n_)); }
    iterator& operator++() {
      n_ = n_->next.load(std::memory_order_acquire);
      return *this;
    }
    iterator operator++(int) {
      iterator t = *this;
      ++*this;
      return t;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.n_ == b.n_; }

   private:
    friend class rcu_list;
    explicit iterator(const rcu_list_hook* n) : n_(n) {}
    const rcu_list_hook* n_ = nullptr;
  };

  // Readers: inside an rcu::read_guard, or with the update lock held.
  iterator begin() const { return iterator(head_.next.load(std::memory_order_acquire)); }
  iterator end() const { return iterator(&head_); }

 private:
  rcu_list_hook head_;
  std::size_t size_ = 0;
};

}  // namespace netns
