// SPDX-License-Identifier: GPL-2.0-only
// Number allocators of the mount table (the kernel's mnt_id_ida and
// mnt_group_ida): the lowest free number first. Mount ids are given back
// by the mount's destructor, wherever the last reference goes, so the pool
// has a lock of its own and outlives the vfs while mounts hold it.
// Not a public header.
#pragma once

#include <set>

#include "netns/base/thread_annotations.hpp"
#include "netns/fs/mount.hpp"

namespace netns::fs {

class id_pool {
 public:
  explicit id_pool(int first) : next_(first) {}
  int alloc() {
    lock_guard l(lock_);
    if (!free_.empty()) {
      const int id = *free_.begin();
      free_.erase(free_.begin());
      return id;
    }
    return next_++;
  }
  void release(int id) {
    lock_guard l(lock_);
    if (id == next_ - 1) {
      --next_;
      // Free numbers just below the new end shrink it too.
      while (!free_.empty() && *free_.rbegin() == next_ - 1) {
        free_.erase(std::prev(free_.end()));
        --next_;
      }
      return;
    }
    free_.insert(id);
  }

 private:
  mutex lock_;
  std::set<int> free_ NETNS_GUARDED_BY(lock_);
  int next_ NETNS_GUARDED_BY(lock_);
};

class mount_id_pool : public id_pool {
 public:
  using id_pool::id_pool;
};

}  // namespace netns::fs
