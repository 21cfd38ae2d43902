// SPDX-License-Identifier: GPL-2.0-only
// nsfs inodes and files (fs/nsfs.c).
#include "netns/fs/nsfs.hpp"

#include <cerrno>

#include "netns/base/thread_cache_allocator.hpp"

namespace netns::fs {

const ns_operations netns_operations{"net", CLONE_NEWNET};
const ns_operations userns_operations{"user", CLONE_NEWUSER};

inode_ptr nsfs_inode::for_net(net& n) {
  auto i = std::shared_ptr<nsfs_inode>(new nsfs_inode(netns_operations));
  i->net_ = n.get();
  return i;
}

inode_ptr nsfs_inode::for_user(user_namespace& ns) {
  auto i = std::shared_ptr<nsfs_inode>(new nsfs_inode(userns_operations));
  i->user_ = user_ns_ref::acquire(&ns);
  return i;
}

std::uint32_t nsfs_inode::inum() const { return net_ ? net_->inum() : user_->inum(); }
std::uint64_t nsfs_inode::ns_id() const { return net_ ? net_->ns_id() : user_->ns_id(); }
user_namespace* nsfs_inode::owner() const { return net_ ? &net_->user_ns() : user_->parent(); }

std::string nsfs_inode::link_text() const {
  return std::string(ops_->name) + ":[" + std::to_string(inum()) + "]";
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
