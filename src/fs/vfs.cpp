// SPDX-License-Identifier: GPL-2.0-only
// The vfs's calls on paths: resolve, mkdir, rmdir, unlink, open, stat,
// lstat, readlink, readdir (fs/namei.c and fs/open.c's system calls, reduced
// to what a namespace needs). Each walks the path (walk.cpp) inside one RCU
// read section; mounts are mount.cpp's, tmpfs is tmpfs.cpp's.
#include "netns/fs/vfs.hpp"

#include <cerrno>

#include "netns/base/rcu.hpp"
#include "mount_ids.hpp"
#include "permission.hpp"
#include "pnode.hpp"
#include "walk.hpp"

namespace netns::fs {

vfs::vfs()
    : root_(std::make_shared<tmpfs_dir>(2, 0755, global_root_uid, global_root_gid)),
      mount_ids_(std::make_shared<mount_id_pool>(1)),
      root_sb_(std::make_shared<super_info>(super_info{"tmpfs", "rootfs", tmpfs_dev})),
      proc_sb_(std::make_shared<super_info>(super_info{"proc", "proc", procfs_dev})),
      nsfs_sb_(std::make_shared<super_info>(super_info{"nsfs", "nsfs", nsfs_dev})),
      group_ids_(std::make_unique<id_pool>(1)) {
  lock_guard l(mounts_lock_);
  auto root = new_mount(nullptr, nullptr, root_, std::string(), root_sb_, "/");
  root->ns_root = root.get();
  root_mount_ = std::move(root);
}

vfs::~vfs() {
  // Namespace trees dropped on the RCU callback thread still point here:
  // wait for them (and for the drops their frees cause).
  while (pending_drops_.load(std::memory_order_acquire) != 0) rcu::barrier();
}

template <class F>
auto vfs::at_node(const access_ctx& ctx, std::string_view path, bool follow, F&& f)
    -> decltype(f(std::declval<inode&>())) {
  rcu::read_guard g;
  walker w(*this, ctx);
  if (auto r = w.run(path, follow); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  return f(*w.node);
}

result<inode_ptr> vfs::resolve(const access_ctx& ctx, std::string_view path, bool follow) {
  return at_node(ctx, path, follow, [](inode& n) -> result<inode_ptr> {
    return n.shared_from_this();
  });
}

result<void> vfs::mkdir(const access_ctx& ctx, std::string_view path, std::uint32_t mode) {
  rcu::read_guard g;
  walker w(*this, ctx);
  if (auto r = w.run(path, false, false); !r) return r.error();
  if (w.node) return errc{EEXIST};
  if (!w.parent->creatable_entries()) return errc{ENOENT};
  if (auto r = may(ctx, *w.parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  auto r = w.parent->mkdir(ctx, w.name, mode);
  if (!r) return r.error();
  return ok();
}

template <class Check>
auto vfs::to_remove(const access_ctx& ctx, std::string_view path, Check&& check)
    -> result<removal> {
  rcu::read_guard g;
  walker w(*this, ctx);
  if (auto r = w.run(path, false, false); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  if (auto r = check(w); !r) return r.error();
  return removal{w.parent_ref(), std::string(w.name)};
}

result<void> vfs::rmdir(const access_ctx& ctx, std::string_view path) {
  auto rm = to_remove(ctx, path, [&](const walker& w) -> result<void> {
    if (w.name == ".") return errc{EINVAL};
    if (w.name == "..") return errc{ENOTEMPTY};
    if (w.name.empty()) return errc{EBUSY};  // "/"
    // /proc/PID refuses before anything (probed, also without permission);
    // then write and search permission on the parent come before what the
    // entry is.
    if (w.parent->removal_forbidden() || w.node->removal_forbidden()) return errc{EPERM};
    if (auto r = may(ctx, *w.parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
    if (!w.node->is_dir()) return errc{ENOTDIR};
    if (w.names_a_mount_point()) return errc{EBUSY};
    return ok();
  });
  if (!rm) return rm.error();
  return rm->parent->rmdir(ctx, rm->name);  // waits for a grace period: outside the read section
}

result<void> vfs::unlink(const access_ctx& ctx, std::string_view path) {
  auto rm = to_remove(ctx, path, [&](const walker& w) -> result<void> {
    // A trailing slash is judged before any permission (do_unlinkat).
    if (w.trailing_slash) return errc{w.node->is_dir() ? EISDIR : ENOTDIR};
    if (w.parent->removal_forbidden() || w.node->removal_forbidden()) return errc{EPERM};
    if (auto r = may(ctx, *w.parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
    if (w.node->is_dir()) return errc{EISDIR};
    // A mount point in this mount namespace cannot be unlinked, even one
    // another mount hides.
    if (w.names_a_mount_point()) return errc{EBUSY};
    return ok();
  });
  if (!rm) return rm.error();
  return rm->parent->unlink(ctx, rm->name);
}

result<file_ptr> vfs::open(const access_ctx& ctx, std::string_view path, int flags,
                           std::uint32_t mode) {
  const bool path_only = flags & O_PATH;
  if (path_only) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  if ((flags & O_CREAT) && (flags & O_DIRECTORY)) return errc{EINVAL};  // since Linux 6.4
  const bool nofollow = (flags & O_NOFOLLOW) || ((flags & O_CREAT) && (flags & O_EXCL));
  rcu::read_guard g;
  walker w(*this, ctx);
  if ((flags & O_CREAT) && !path.empty() && path.back() == '/') {
    // O_CREAT with a trailing slash is EISDIR whatever the last name is,
    // once the walk to its directory has succeeded (open_last_lookups).
    std::string_view dir = path;
    while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
    if (auto r = w.run(dir, false); !r) return r.error();
    return errc{EISDIR};
  }
  if (auto r = w.run(path, !nofollow); !r) return r.error();
  inode* node = w.node;
  inode_ptr made;  // a file created here
  if (!node) {
    if (!(flags & O_CREAT)) return errc{ENOENT};
    if (w.trailing_slash) return errc{EISDIR};
    if (!w.parent->creatable_entries()) return errc{ENOENT};
    if (auto r = may(ctx, *w.parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
    auto c = w.parent->create(ctx, w.name, mode);
    if (!c) return c.error();
    made = std::move(*c);
    node = made.get();
  } else {
    if ((flags & O_CREAT) && (flags & O_EXCL)) return errc{EEXIST};
    if (node->is_symlink() && !path_only) return errc{ELOOP};  // O_NOFOLLOW
  }
  if ((flags & O_DIRECTORY) && !node->is_dir()) return errc{ENOTDIR};
  if (path_only) {
    auto f = std::make_shared<file>(node->shared_from_this(), flags);
    w.locate(*f, *node);
    return file_ptr(f);
  }

  const int acc = flags & O_ACCMODE;
  // O_TRUNC asks for write access whatever the access mode says.
  const bool writes = acc != O_RDONLY || (flags & O_TRUNC);
  if (node->is_dir() && (writes || (flags & O_CREAT))) return errc{EISDIR};
  int mask = (acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE);
  if (flags & O_TRUNC) mask |= MAY_WRITE;
  if (!made)  // a file just created may be opened as asked
    if (auto r = may(ctx, *node, mask); !r) return r.error();
  // Returned as a prvalue, so that the file goes straight into the
  // caller's result (no copy of it through this frame).
  return open_at(ctx, *node, flags, w);
}

result<file_ptr> vfs::open_at(const access_ctx& ctx, inode& node, int flags, const walker& w) {
  result<file_ptr> f = node.open(ctx, flags, w.node_held ? *w.node_held : node.shared_from_this());
  if (f && (*f)->path().empty()) w.locate(**f, node);  // unless the file names itself
  return f;  // the one object returned: built in place
}

result<stat_info> vfs::stat(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, true, [&](inode& n) { return n.getattr(ctx); });
}

result<stat_info> vfs::lstat(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, false, [&](inode& n) { return n.getattr(ctx); });
}

result<void> vfs::access(const access_ctx& ctx, std::string_view path, int mask, bool follow) {
  return at_node(ctx, path, follow, [&](inode& n) -> result<void> {
    if (mask == 0) return ok();
    return may(ctx, n, mask);
  });
}

result<std::string> vfs::readlink(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, false, [&](inode& n) -> result<std::string> {
    if (!n.is_symlink()) return errc{EINVAL};
    return n.readlink(ctx);
  });
}

result<std::vector<std::string>> vfs::readdir(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, true, [&](inode& n) -> result<std::vector<std::string>> {
    if (!n.is_dir()) return errc{ENOTDIR};
    if (auto r = may(ctx, n, MAY_READ); !r) return r.error();
    return n.readdir(ctx);
  });
}

}  // namespace netns::fs
