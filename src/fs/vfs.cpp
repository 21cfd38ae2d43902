// SPDX-License-Identifier: GPL-2.0-only
// The vfs's calls on paths: resolve, mkdir, rmdir, unlink, open, stat,
// lstat, readlink, readdir (fs/namei.c and fs/open.c's system calls, reduced
// to what a namespace needs). Each walks the path (walk.cpp) inside one RCU
// read section; mounts are mount.cpp's, tmpfs is tmpfs.cpp's.
#include "netns/fs/vfs.hpp"

#include "mount_flags.hpp"

#include <cerrno>

#include "netns/base/rcu.hpp"
#include "mount_ids.hpp"
#include "permission.hpp"
#include "pnode.hpp"
#include "walk.hpp"

namespace netns::fs {

vfs::vfs()
    : root_(tmpfs_dir::make_root(std::make_shared<tmpfs_sb>(0, 0), 2, 0755, global_root_uid,
                                 global_root_gid)),
      mount_ids_(std::make_shared<mount_id_pool>(1)),
      root_sb_([this] {
        auto sb = std::make_shared<super_info>("tmpfs", "rootfs", tmpfs_dev);
        sb->tmpfs_space = root_->sb();
        return sb;
      }()),
      proc_sb_(std::make_shared<super_info>("proc", "proc", procfs_dev)),
      nsfs_sb_(std::make_shared<super_info>("nsfs", "nsfs", nsfs_dev)),
      group_ids_(std::make_unique<id_pool>(1)) {
  lock_guard l(mounts_lock_);
  auto root = new_mount(nullptr, nullptr, root_, std::string(), root_sb_, "/");
  root->flags = mnt_relatime;
  root->ns_root = root.get();
  root_mount_ = std::move(root);
}

vfs::~vfs() {
  // Namespace trees dropped on the RCU callback thread still point here:
  // wait for them (and for the drops their frees cause).
  while (pending_drops_.load(std::memory_order_acquire) != 0) rcu::barrier();
}

namespace {

// may_create's fsuidgid_has_mapping: a new inode's owner must be
// expressible in the file system's user namespace (a tmpfs mounted in a
// child user namespace), else EOVERFLOW, before the permission check.
result<void> owner_maps_into(const access_ctx& ctx, const vfsmount& m) {
  const user_namespace* owner = m.sb->owner.get();
  if (!ctx.creds || !owner) return ok();
  if (!kuid_has_mapping(*owner, ctx.creds->fsuid) || !kgid_has_mapping(*owner, ctx.creds->fsgid))
    return errc{EOVERFLOW};
  return ok();
}

}  // namespace

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
  // filename_create: a read-only mount is told after EEXIST, before any
  // permission.
  if (w.parent_mnt->is_readonly()) return errc{EROFS};
  if (!w.parent->creatable_entries()) return errc{ENOENT};
  if (auto r = owner_maps_into(ctx, *w.parent_mnt); !r) return r.error();
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
  // do_unlinkat and do_rmdir ask for write access to the parent's mount
  // (EROFS) before they look the name up, so before ENOENT; ".", ".."
  // and "/" are refused before that, by check.
  const bool plain_name = !w.name.empty() && w.name != "." && w.name != "..";
  if (plain_name && w.parent_mnt->is_readonly()) return errc{EROFS};
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
    // lookup_open: no write access to the parent's mount, no new file,
    // whatever the permissions.
    if (w.parent_mnt->is_readonly()) return errc{EROFS};
    if (!w.parent->creatable_entries()) return errc{ENOENT};
    if (auto r = owner_maps_into(ctx, *w.parent_mnt); !r) return r.error();
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
  if (!made) {  // a file just created may be opened as asked
    // do_open: O_TRUNC of a regular file asks for write access to the
    // mount first (EROFS before EACCES); sb_permission refuses writing on
    // a read-only file system before the permission bits; a read-only
    // mount alone is told last, when the file is opened for writing
    // (do_dentry_open).
    const bool regular = !node->is_dir() && !node->is_symlink();
    if ((flags & O_TRUNC) && regular && w.mnt->is_readonly()) return errc{EROFS};
    if ((mask & MAY_WRITE) && (w.mnt->sb->sb_flags.load(std::memory_order_acquire) & sb_rdonly))
      return errc{EROFS};
    if (auto r = may(ctx, *node, mask); !r) return r.error();
  }
  if (acc == O_RDONLY || node->is_dir() || node->is_symlink()) return open_at(ctx, *node, flags, w);
  // Opened for writing: the file is a writer of its mount (taken first,
  // then the read-only check, as __mnt_want_write does) until it closes.
  w.mnt->want_write();
  if (w.mnt->is_readonly()) {
    w.mnt->drop_write();
    return errc{EROFS};
  }
  result<file_ptr> f = open_at(ctx, *node, flags, w);
  if (f)
    (*f)->hold_write_access(w.mnt_ref());
  else
    w.mnt->drop_write();
  // Returned as a prvalue where it can be (no copy of the file through
  // this frame); this path moves it once.
  return f;
}

result<file_ptr> vfs::open_at(const access_ctx& ctx, inode& node, int flags, const walker& w) {
  result<file_ptr> f = node.open(ctx, flags, w.node_held ? *w.node_held : node.shared_from_this());
  if (f && (*f)->path().empty()) w.locate(**f, node);  // unless the file names itself
  return f;  // the one object returned: built in place
}

result<stat_info> vfs::stat(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, true, [&](inode& n) { return n.getattr(ctx); });
}

result<statfs_info> vfs::statfs(const access_ctx& ctx, std::string_view path) {
  rcu::read_guard g;
  walker w(*this, ctx);
  if (auto r = w.run(path, true); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  return statfs_at(w.mnt, *w.node);
}

statfs_info vfs::fstatfs(const file& f) const {
  // A file opened in the root mount records none (file::mnt).
  return statfs_at(f.mnt() ? f.mnt() : root_mount_.get(), *f.node());
}

statfs_info vfs::statfs_at(const vfsmount* mnt, const inode& node) const {
  // The world's procfs hangs in the root file system rather than being a
  // mount of its own: its files answer as a proc mounted with the flags
  // the model gives it elsewhere (a bind mount of it, mount_visible).
  if (mnt && mnt->sb == root_sb_ && !node.is_ns_file()) {
    auto st = const_cast<inode&>(node).getattr(access_ctx{});
    if (st && st->dev == procfs_dev) return statfs_of(proc_sb_.get(), world_proc_mnt_flags, node);
  }
  return mnt ? statfs_of(mnt->sb.get(), mnt->flags.load(), node) : statfs_of(nullptr, 0, node);
}

result<stat_info> vfs::lstat(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, false, [&](inode& n) { return n.getattr(ctx); });
}

result<void> vfs::access(const access_ctx& ctx, std::string_view path, int mask, bool follow) {
  rcu::read_guard g;
  walker w(*this, ctx);
  if (auto r = w.run(path, follow); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  if (mask == 0) return ok();
  inode& n = *w.node;
  const bool regular = !n.is_dir() && !n.is_symlink();
  if ((mask & MAY_WRITE) && (w.mnt->sb->sb_flags.load(std::memory_order_acquire) & sb_rdonly))
    return errc{EROFS};  // sb_permission
  if (auto r = may(ctx, n, mask); !r) return r;
  // do_faccessat: "SuS v2 requires we report a read only fs too".
  if ((mask & MAY_WRITE) && (regular || n.is_dir()) && w.mnt->is_readonly()) return errc{EROFS};
  return ok();
}

result<std::string> vfs::readlink(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, false, [&](inode& n) -> result<std::string> {
    if (!n.is_symlink()) return errc{EINVAL};
    return n.readlink(ctx);
  });
}

result<path_ref> vfs::lookup_root(const access_ctx& ctx, std::string_view path) {
  rcu::read_guard g;
  walker w(*this, ctx);
  // LOOKUP_FOLLOW | LOOKUP_DIRECTORY, then path_permission(MAY_EXEC |
  // MAY_CHDIR).
  if (auto r = w.run(path, true); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  if (!w.node->is_dir()) return errc{ENOTDIR};
  if (auto r = may(ctx, *w.node, MAY_EXEC); !r) return r.error();
  return w.place();
}

result<std::vector<std::string>> vfs::readdir(const access_ctx& ctx, std::string_view path) {
  return at_node(ctx, path, true, [&](inode& n) -> result<std::vector<std::string>> {
    if (!n.is_dir()) return errc{ENOTDIR};
    if (auto r = may(ctx, n, MAY_READ); !r) return r.error();
    return n.readdir(ctx);
  });
}

}  // namespace netns::fs
