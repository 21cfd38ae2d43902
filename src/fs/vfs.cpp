// SPDX-License-Identifier: GPL-2.0-only
// Path walks, permission checks, tmpfs and bind mounts (fs/namei.c,
// fs/namespace.c and mm/shmem.c, reduced to what a namespace needs).
#include "netns/fs/vfs.hpp"

#include <linux/limits.h>

#include <cerrno>

namespace netns::fs {

namespace {

constexpr int MAY_EXEC = 1, MAY_WRITE = 2, MAY_READ = 4;
constexpr int max_symlinks = 40;  // MAXSYMLINKS

const user_namespace& init_userns_of(const cred& c) {
  const user_namespace* ns = c.user_ns.get();
  while (ns->parent()) ns = ns->parent();
  return *ns;
}

// capable_wrt_inode_uidgid: the capability in the caller's namespace, and
// the inode's owner and group must be nameable there.
bool capable_wrt_inode(const cred& c, const stat_info& st, int cap) {
  const user_namespace& ns = *c.user_ns;
  return ns_capable(c, ns, cap) && kuid_has_mapping(ns, st.uid) && kgid_has_mapping(ns, st.gid);
}

// generic_permission with the DAC-override capabilities.
result<void> permission(const access_ctx& ctx, const stat_info& st, int mask) {
  if (!ctx.creds) return ok();  // the kernel itself
  const cred& c = *ctx.creds;
  std::uint32_t mode = st.mode;
  if (c.fsuid == st.uid)
    mode >>= 6;
  else if (c.fsgid == st.gid)
    mode >>= 3;
  if ((mask & ~static_cast<int>(mode) & 7) == 0) return ok();
  bool is_dir = (st.mode & S_IFMT) == S_IFDIR;
  if (is_dir) {
    if (!(mask & MAY_WRITE) && capable_wrt_inode(c, st, CAP_DAC_READ_SEARCH)) return ok();
    if (capable_wrt_inode(c, st, CAP_DAC_OVERRIDE)) return ok();
    return errc{EACCES};
  }
  if ((!(mask & MAY_EXEC) || (st.mode & 0111)) && capable_wrt_inode(c, st, CAP_DAC_OVERRIDE))
    return ok();
  if (mask == MAY_READ && capable_wrt_inode(c, st, CAP_DAC_READ_SEARCH)) return ok();
  return errc{EACCES};
}

result<void> may(const access_ctx& ctx, const inode& node, int mask) {
  auto st = node.getattr(ctx);
  if (!st) return st.error();
  return permission(ctx, *st, mask);
}

kuid owner_of(const access_ctx& ctx) { return ctx.creds ? ctx.creds->fsuid : global_root_uid; }
kgid group_of(const access_ctx& ctx) { return ctx.creds ? ctx.creds->fsgid : global_root_gid; }

}  // namespace

// ---- inode and file defaults -------------------------------------------------

result<inode_ptr> inode::lookup(const access_ctx&, std::string_view) { return errc{ENOTDIR}; }
result<std::vector<std::string>> inode::readdir(const access_ctx&) { return errc{ENOTDIR}; }
result<inode_ptr> inode::create(const access_ctx&, std::string_view, std::uint32_t) {
  return errc{is_dir() ? EACCES : ENOTDIR};
}
result<inode_ptr> inode::mkdir(const access_ctx&, std::string_view, std::uint32_t) {
  return errc{is_dir() ? EACCES : ENOTDIR};
}
result<void> inode::unlink(const access_ctx&, std::string_view) {
  return errc{is_dir() ? EACCES : ENOTDIR};
}
result<void> inode::rmdir(const access_ctx&, std::string_view) {
  return errc{is_dir() ? EACCES : ENOTDIR};
}
result<std::string> inode::readlink(const access_ctx&) { return errc{EINVAL}; }
result<inode_ptr> inode::follow_link(const access_ctx&) { return inode_ptr(); }
result<file_ptr> inode::open(const access_ctx&, int flags) {
  return std::make_shared<file>(shared_from_this(), flags);
}

result<std::string> file::read(const access_ctx&, std::size_t) {
  if ((flags_ & O_ACCMODE) == O_WRONLY || is_path_only()) return errc{EBADF};
  return errc{inode_->is_dir() ? EISDIR : EINVAL};
}
result<std::size_t> file::write(const access_ctx&, std::string_view) {
  if ((flags_ & O_ACCMODE) == O_RDONLY || is_path_only()) return errc{EBADF};
  return errc{EINVAL};
}
result<long> file::ioctl(const access_ctx&, unsigned long, void*) {
  if (is_path_only()) return errc{EBADF};
  return errc{ENOTTY};
}

// ---- tmpfs -------------------------------------------------------------------

result<stat_info> tmpfs_dir::getattr(const access_ctx&) const {
  stat_info st;
  st.ino = ino_;
  st.dev = tmpfs_dev;
  st.mode = S_IFDIR | perm_;
  st.uid = uid_;
  st.gid = gid_;
  lock_guard l(lock_);
  st.nlink = 2;
  for (auto& [name, child] : entries_)
    if (child->is_dir()) ++st.nlink;
  st.size = 40 + 20 * entries_.size();
  return st;
}

result<inode_ptr> tmpfs_dir::lookup(const access_ctx&, std::string_view name) {
  lock_guard l(lock_);
  auto it = entries_.find(name);
  if (it == entries_.end()) return errc{ENOENT};
  return it->second;
}

result<std::vector<std::string>> tmpfs_dir::readdir(const access_ctx&) {
  lock_guard l(lock_);
  std::vector<std::string> names;
  names.reserve(entries_.size());
  for (auto& [name, child] : entries_) names.push_back(name);
  return names;
}

bool tmpfs_dir::empty() const {
  lock_guard l(lock_);
  return entries_.empty();
}

result<void> tmpfs_dir::attach(std::string_view name, inode_ptr child) {
  lock_guard l(lock_);
  if (!entries_.emplace(std::string(name), std::move(child)).second) return errc{EEXIST};
  return ok();
}

namespace {
std::uint64_t tmpfs_ino() {
  // tmpfs numbers its inodes per superblock; one counter for the model's
  // single tmpfs is enough.
  static std::atomic<std::uint64_t> next{100};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

result<inode_ptr> tmpfs_dir::create(const access_ctx& ctx, std::string_view name,
                                    std::uint32_t mode) {
  auto child = std::make_shared<tmpfs_file>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx));
  lock_guard l(lock_);
  if (!entries_.emplace(std::string(name), child).second) return errc{EEXIST};
  return inode_ptr(child);
}

result<inode_ptr> tmpfs_dir::mkdir(const access_ctx& ctx, std::string_view name,
                                   std::uint32_t mode) {
  auto child = std::make_shared<tmpfs_dir>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx));
  lock_guard l(lock_);
  if (!entries_.emplace(std::string(name), child).second) return errc{EEXIST};
  return inode_ptr(child);
}

result<void> tmpfs_dir::unlink(const access_ctx&, std::string_view name) {
  lock_guard l(lock_);
  auto it = entries_.find(name);
  if (it == entries_.end()) return errc{ENOENT};
  if (it->second->is_dir()) return errc{EISDIR};
  entries_.erase(it);
  return ok();
}

result<void> tmpfs_dir::rmdir(const access_ctx&, std::string_view name) {
  lock_guard l(lock_);
  auto it = entries_.find(name);
  if (it == entries_.end()) return errc{ENOENT};
  if (!it->second->is_dir()) return errc{ENOTDIR};
  auto* dir = dynamic_cast<tmpfs_dir*>(it->second.get());
  if (!dir || !dir->empty()) return errc{ENOTEMPTY};
  entries_.erase(it);
  return ok();
}

result<stat_info> tmpfs_file::getattr(const access_ctx&) const {
  stat_info st;
  st.ino = ino_;
  st.dev = tmpfs_dev;
  st.mode = S_IFREG | perm_;
  st.uid = uid_;
  st.gid = gid_;
  lock_guard l(lock_);
  st.size = data_.size();
  return st;
}

class tmpfs_open_file final : public file {
 public:
  using file::file;
  result<std::string> read(const access_ctx& ctx, std::size_t count) override {
    if ((flags_ & O_ACCMODE) == O_WRONLY || is_path_only()) return errc{EBADF};
    auto& f = static_cast<tmpfs_file&>(*inode_);
    lock_guard l(f.lock_);
    if (pos_ >= f.data_.size()) return std::string();
    std::string out = f.data_.substr(pos_, count);
    pos_ += out.size();
    return out;
  }
  result<std::size_t> write(const access_ctx& ctx, std::string_view data) override {
    if ((flags_ & O_ACCMODE) == O_RDONLY || is_path_only()) return errc{EBADF};
    auto& f = static_cast<tmpfs_file&>(*inode_);
    lock_guard l(f.lock_);
    if (flags_ & O_APPEND) pos_ = f.data_.size();
    if (f.data_.size() < pos_ + data.size()) f.data_.resize(pos_ + data.size());
    f.data_.replace(pos_, data.size(), data);
    pos_ += data.size();
    return data.size();
  }
};

result<file_ptr> tmpfs_file::open(const access_ctx&, int flags) {
  if (flags & O_TRUNC && (flags & O_ACCMODE) != O_RDONLY) {
    lock_guard l(lock_);
    data_.clear();
  }
  return file_ptr(std::make_shared<tmpfs_open_file>(shared_from_this(), flags));
}

// ---- the tree ----------------------------------------------------------------

vfs::vfs() : root_(std::make_shared<tmpfs_dir>(2, 0755, global_root_uid, global_root_gid)) {}

std::uint64_t vfs::next_ino() { return tmpfs_ino(); }

std::size_t vfs::mount_count() {
  lock_guard l(mounts_lock_);
  return mounts_.size();
}

void vfs::detach_all() {
  std::map<const inode*, inode_ptr> mounts, covered;
  {
    lock_guard l(mounts_lock_);
    mounts.swap(mounts_);
    covered.swap(covered_);
  }
}

inode_ptr vfs::cross_mounts(inode_ptr node, const inode** covered) {
  lock_guard l(mounts_lock_);
  for (;;) {
    auto it = mounts_.find(node.get());
    if (it == mounts_.end()) return node;
    if (covered) *covered = node.get();
    node = it->second;
  }
}

result<vfs::walk_result> vfs::walk(const access_ctx& ctx, std::string_view path, bool follow_last,
                                   int depth) {
  if (path.empty()) return errc{ENOENT};
  if (path.size() >= PATH_MAX) return errc{ENAMETOOLONG};
  if (path.front() != '/') return errc{EINVAL};  // the model has no working directories

  std::vector<std::string_view> comps;
  for (std::size_t i = 0; i < path.size();) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) comps.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  const bool must_be_dir = path.size() > 1 && path.back() == '/';

  walk_result w;
  const inode* covered = nullptr;
  inode_ptr cur = cross_mounts(root_, &covered);
  std::vector<inode_ptr> ancestors;
  std::vector<std::string> cur_path;  // lexical path of `cur`, for relative links
  w.parent = cur;
  w.node = cur;
  w.covered = covered;

  for (std::size_t i = 0; i < comps.size(); ++i) {
    const bool last = i + 1 == comps.size();
    std::string_view comp = comps[i];
    if (!cur->is_dir()) return errc{ENOTDIR};
    if (comp.size() > NAME_MAX) return errc{ENAMETOOLONG};
    if (auto r = may(ctx, *cur, MAY_EXEC); !r) return r.error();
    if (comp == ".") {
      if (last) w = {ancestors.empty() ? cur : ancestors.back(), ".", cur, nullptr};
      continue;
    }
    if (comp == "..") {
      if (!ancestors.empty()) {
        cur = ancestors.back();
        ancestors.pop_back();
        cur_path.pop_back();
      }
      if (last) w = {ancestors.empty() ? cur : ancestors.back(), "..", cur, nullptr};
      continue;
    }
    auto child = cur->lookup(ctx, comp);
    if (!child) {
      if (child.code() == errc{ENOENT} && last) {
        w = {cur, std::string(comp), nullptr, nullptr};
        if (must_be_dir) w.trailing_slash = true;
        return w;
      }
      return child.error();
    }
    covered = nullptr;
    inode_ptr next = cross_mounts(*child, &covered);
    if (next->is_symlink() && (!last || follow_last || must_be_dir)) {
      if (depth >= max_symlinks) return errc{ELOOP};
      auto jump = next->follow_link(ctx);
      if (!jump) return jump.error();
      if (*jump) {
        // A magic link leads straight to its target; what follows must
        // be walked from there, which only a directory allows.
        ancestors.push_back(cur);
        cur_path.emplace_back(comp);
        cur = cross_mounts(*jump, &covered);
        if (last) {
          w = {ancestors.back(), std::string(comp), cur, covered};
          if (must_be_dir && !cur->is_dir()) return errc{ENOTDIR};
          return w;
        }
        continue;
      }
      auto target = next->readlink(ctx);
      if (!target) return target.error();
      std::string rest;
      if (target->empty() || target->front() != '/') {
        for (auto& p : cur_path) rest += "/" + p;
        rest += "/";
      }
      rest += *target;
      for (std::size_t j = i + 1; j < comps.size(); ++j) rest += "/" + std::string(comps[j]);
      if (must_be_dir) rest += "/";
      return walk(ctx, rest, follow_last, depth + 1);
    }
    if (last) {
      w = {cur, std::string(comp), next, covered};
      if (must_be_dir && !next->is_dir()) return errc{ENOTDIR};
      return w;
    }
    ancestors.push_back(cur);
    cur_path.emplace_back(comp);
    cur = next;
  }
  // "/" alone, or a path ending in "." / "..".
  if (comps.empty()) w = {cur, "", cur, w.covered};
  return w;
}

result<inode_ptr> vfs::resolve(const access_ctx& ctx, std::string_view path, bool follow) {
  auto w = walk(ctx, path, follow, 0);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  return w->node;
}

result<void> vfs::mkdir(const access_ctx& ctx, std::string_view path, std::uint32_t mode) {
  auto w = walk(ctx, path, false, 0);
  if (!w) return w.error();
  if (w->node) return errc{EEXIST};
  if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  auto r = w->parent->mkdir(ctx, w->name, mode);
  if (!r) return r.error();
  return ok();
}

result<void> vfs::rmdir(const access_ctx& ctx, std::string_view path) {
  auto w = walk(ctx, path, false, 0);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  if (w->name == ".") return errc{EINVAL};
  if (w->name == ".." ) return errc{ENOTEMPTY};
  if (w->name.empty()) return errc{EBUSY};  // "/"
  if (!w->node->is_dir()) return errc{ENOTDIR};
  if (w->covered) return errc{EBUSY};
  {
    lock_guard l(mounts_lock_);
    if (mounts_.count(w->node.get())) return errc{EBUSY};
  }
  if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  return w->parent->rmdir(ctx, w->name);
}

result<void> vfs::unlink(const access_ctx& ctx, std::string_view path) {
  auto w = walk(ctx, path, false, 0);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  if (w->node->is_dir()) return errc{EISDIR};
  // A mount point in this mount namespace cannot be unlinked.
  if (w->covered) return errc{EBUSY};
  if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  return w->parent->unlink(ctx, w->name);
}

result<file_ptr> vfs::open(const access_ctx& ctx, std::string_view path, int flags,
                           std::uint32_t mode) {
  const bool path_only = flags & O_PATH;
  if (path_only) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  const bool nofollow = (flags & O_NOFOLLOW) || ((flags & O_CREAT) && (flags & O_EXCL));
  auto w = walk(ctx, path, !nofollow, 0);
  if (!w) return w.error();
  inode_ptr node = w->node;
  if (!node) {
    if (!(flags & O_CREAT)) return errc{ENOENT};
    if (w->trailing_slash) return errc{EISDIR};
    if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
    auto created = w->parent->create(ctx, w->name, mode);
    if (!created) return created.error();
    node = *created;
  } else {
    if ((flags & O_CREAT) && (flags & O_EXCL)) return errc{EEXIST};
    if (node->is_symlink() && !path_only) return errc{ELOOP};  // O_NOFOLLOW
  }
  if ((flags & O_DIRECTORY) && !node->is_dir()) return errc{ENOTDIR};
  if (path_only) return std::make_shared<file>(node, flags);

  int acc = flags & O_ACCMODE;
  if (node->is_dir() && (acc != O_RDONLY || (flags & O_CREAT))) return errc{EISDIR};
  int mask = (acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE);
  if (!w->node) mask = 0;  // a file just created may be opened as asked
  if (mask)
    if (auto r = may(ctx, *node, mask); !r) return r.error();
  return node->open(ctx, flags);
}

result<stat_info> vfs::stat(const access_ctx& ctx, std::string_view path) {
  auto n = resolve(ctx, path, true);
  if (!n) return n.error();
  return (*n)->getattr(ctx);
}

result<stat_info> vfs::lstat(const access_ctx& ctx, std::string_view path) {
  auto n = resolve(ctx, path, false);
  if (!n) return n.error();
  return (*n)->getattr(ctx);
}

result<std::string> vfs::readlink(const access_ctx& ctx, std::string_view path) {
  auto n = resolve(ctx, path, false);
  if (!n) return n.error();
  if (!(*n)->is_symlink()) return errc{EINVAL};
  return (*n)->readlink(ctx);
}

result<std::vector<std::string>> vfs::readdir(const access_ctx& ctx, std::string_view path) {
  auto n = resolve(ctx, path, true);
  if (!n) return n.error();
  if (!(*n)->is_dir()) return errc{ENOTDIR};
  if (auto r = may(ctx, **n, MAY_READ); !r) return r.error();
  return (*n)->readdir(ctx);
}

result<void> vfs::mount_bind(const access_ctx& ctx, std::string_view src, std::string_view dst) {
  // may_mount: CAP_SYS_ADMIN over the mount namespace's owner (the initial
  // user namespace: the model has one mount namespace).
  if (ctx.creds && !ns_capable(*ctx.creds, init_userns_of(*ctx.creds), CAP_SYS_ADMIN))
    return errc{EPERM};
  auto s = resolve(ctx, src, true);
  if (!s) return s.error();
  auto d = resolve(ctx, dst, true);
  if (!d) return d.error();
  if ((*s)->is_dir() != (*d)->is_dir()) return errc{ENOTDIR};
  lock_guard l(mounts_lock_);
  mounts_.emplace(d->get(), *s);
  covered_.emplace(d->get(), *d);
  return ok();
}

result<void> vfs::umount(const access_ctx& ctx, std::string_view dst) {
  if (ctx.creds && !ns_capable(*ctx.creds, init_userns_of(*ctx.creds), CAP_SYS_ADMIN))
    return errc{EPERM};
  auto w = walk(ctx, dst, true, 0);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  if (!w->covered) return errc{EINVAL};  // not the root of a mount
  inode_ptr gone;  // dropped after the lock: it may pin a namespace
  inode_ptr uncovered;
  {
    lock_guard l(mounts_lock_);
    auto it = mounts_.find(w->covered);
    if (it == mounts_.end()) return errc{EINVAL};
    gone = std::move(it->second);
    mounts_.erase(it);
    auto c = covered_.find(w->covered);
    if (c != covered_.end()) {
      uncovered = std::move(c->second);
      covered_.erase(c);
    }
  }
  return ok();
}

}  // namespace netns::fs
