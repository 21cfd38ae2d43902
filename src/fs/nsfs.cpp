// SPDX-License-Identifier: GPL-2.0-only
// nsfs inodes and files (fs/nsfs.c).
#include "netns/fs/nsfs.hpp"

#include <cerrno>

#include "netns/base/thread_cache_allocator.hpp"

namespace netns::fs {

inode_ptr nsfs_inode::for_ns(ns_common& ns) { return for_ns(ns_ref::hold(ns)); }

inode_ptr nsfs_inode::for_ns(ns_ref ns) {
  return std::shared_ptr<nsfs_inode>(new nsfs_inode(std::move(ns)));
}

std::string nsfs_inode::link_text() const {
  return std::string(ops().name) + ":[" + std::to_string(inum()) + "]";
}

result<stat_info> nsfs_inode::getattr(const access_ctx&) const {
  stat_info st;
  st.ino = inum();
  st.dev = nsfs_dev;
  st.mode = S_IFREG | 0444;
  st.uid = global_root_uid;
  st.gid = global_root_gid;
  st.size = 0;
  return st;
}

namespace {
// Reading a namespace file is EINVAL; writing needs a writable fd first.
class nsfs_file final : public file {
 public:
  using file::file;
  result<std::string> read(const access_ctx&, std::size_t) override {
    if (is_path_only()) return errc{EBADF};
    return errc{EINVAL};
  }
  result<std::int64_t> llseek(std::int64_t, int) override { return errc{ESPIPE}; }  // no_llseek
};
}  // namespace

result<file_ptr> nsfs_inode::open(const access_ctx&, int flags, inode_ptr self) {
  // Namespace files cannot be opened for writing, whatever the caller's
  // capabilities (observed: O_RDWR is EPERM).
  if ((flags & O_ACCMODE) != O_RDONLY) return errc{EPERM};
  // Opened and closed at a high rate (setns round trips): blocks come from
  // a per-thread cache.
  return file_ptr(std::allocate_shared<nsfs_file>(thread_cache_allocator<nsfs_file>(),
                                                  std::move(self), flags));
}

}  // namespace netns::fs
