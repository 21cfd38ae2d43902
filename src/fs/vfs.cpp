// SPDX-License-Identifier: GPL-2.0-only
// Path walks, permission checks, tmpfs and bind mounts (fs/namei.c,
// fs/namespace.c and mm/shmem.c, reduced to what a namespace needs).
#include "netns/fs/vfs.hpp"

#include <linux/limits.h>

#include <cerrno>
#include <tuple>

namespace netns::fs {

namespace {

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

}  // namespace

result<void> generic_permission(const access_ctx& ctx, const stat_info& st, int mask) {
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

namespace {

// inode_permission: an immutable inode refuses writers before anything else.
result<void> may(const access_ctx& ctx, const inode& node, int mask) {
  if ((mask & MAY_WRITE) && node.immutable()) return errc{EPERM};
  if (const std::uint32_t m = node.fixed_mode()) {
    const int all = static_cast<int>((m >> 6) & (m >> 3) & m & 7);
    if ((mask & ~all & 7) == 0) return ok();
  }
  return node.permission(ctx, mask);
}

kuid owner_of(const access_ctx& ctx) { return ctx.creds ? ctx.creds->fsuid : global_root_uid; }
kgid group_of(const access_ctx& ctx) { return ctx.creds ? ctx.creds->fsgid : global_root_gid; }

}  // namespace

// ---- inode and file defaults -------------------------------------------------

result<void> inode::permission(const access_ctx& ctx, int mask) const {
  auto st = getattr(ctx);
  if (!st) return st.error();
  return generic_permission(ctx, *st, mask);
}
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

namespace {
stat_info tmpfs_stat(std::uint64_t ino, std::uint32_t mode, kuid uid, kgid gid) {
  stat_info st;
  st.ino = ino;
  st.dev = tmpfs_dev;
  st.mode = mode;
  st.uid = uid;
  st.gid = gid;
  return st;
}
}  // namespace

result<stat_info> tmpfs_dir::getattr(const access_ctx&) const {
  stat_info st = tmpfs_stat(ino_, S_IFDIR | perm_, uid_, gid_);
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
  stat_info st = tmpfs_stat(ino_, S_IFREG | perm_, uid_, gid_);
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
  if (flags & O_TRUNC) {
    lock_guard l(lock_);
    data_.clear();
  }
  return file_ptr(std::make_shared<tmpfs_open_file>(shared_from_this(), flags));
}

// ---- the tree ----------------------------------------------------------------

vfs::vfs()
    : root_(std::make_shared<tmpfs_dir>(2, 0755, global_root_uid, global_root_gid)),
      root_mount_(std::make_shared<mount>(mount{nullptr, nullptr, root_})) {}

std::uint64_t vfs::next_ino() { return tmpfs_ino(); }

std::size_t vfs::mount_count() {
  lock_guard l(mounts_lock_);
  return mounts_.size();
}

void vfs::detach_all() {
  std::map<std::pair<const mount*, const inode*>, mount_ptr> gone;
  lock_guard l(mounts_lock_);
  gone.swap(mounts_);
  for (auto& [key, m] : gone) m->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
}

void vfs::follow_mounts(mount_ptr& mnt, inode_ptr& node) {
  if (node->mounted_.load(std::memory_order_acquire) == 0) return;
  lock_guard l(mounts_lock_);
  for (;;) {
    auto it = mounts_.find({mnt.get(), node.get()});
    if (it == mounts_.end()) return;
    mnt = it->second;
    node = mnt->root;
  }
}

result<vfs::walk_result> vfs::walk(const access_ctx& ctx, std::string_view path, bool follow_last,
                                   int depth, bool slash_follows) {
  if (path.empty()) return errc{ENOENT};
  // PATH_MAX bounds what the caller passes, not what symlinks expand to.
  if (depth == 0 && path.size() >= PATH_MAX) return errc{ENAMETOOLONG};
  if (path.front() != '/') return errc{EINVAL};  // the model has no working directories

  std::vector<std::string_view> comps;
  comps.reserve(16);
  for (std::size_t i = 0; i < path.size();) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) comps.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  const bool must_be_dir = path.size() > 1 && path.back() == '/';

  mount_ptr mnt = root_mount_;
  inode_ptr cur = root_;
  follow_mounts(mnt, cur);
  // Where each step came from, so ".." goes back across mounts too.
  std::vector<std::pair<inode_ptr, mount_ptr>> ancestors;
  std::vector<std::string> cur_path;  // lexical path of `cur`, for relative links
  ancestors.reserve(comps.size());
  cur_path.reserve(comps.size());
  auto parent_of_cur = [&] { return ancestors.empty() ? cur : ancestors.back().first; };
  auto joined = [&](std::string_view last = {}) {
    std::string p;
    for (auto& c : cur_path) p += "/" + c;
    if (!last.empty()) p += "/" + std::string(last);
    return p.empty() ? std::string("/") : p;
  };

  for (std::size_t i = 0; i < comps.size(); ++i) {
    const bool last = i + 1 == comps.size();
    std::string_view comp = comps[i];
    if (!cur->is_dir()) return errc{ENOTDIR};
    if (auto r = may(ctx, *cur, MAY_EXEC); !r) return r.error();
    if (comp.size() > NAME_MAX) return errc{ENAMETOOLONG};
    if (comp == "." || comp == "..") {
      if (comp == ".." && !ancestors.empty()) {
        std::tie(cur, mnt) = ancestors.back();
        ancestors.pop_back();
        cur_path.pop_back();
      }
      if (last)
        return walk_result{parent_of_cur(), std::string(comp), cur, mnt, must_be_dir,
                           joined()};
      continue;
    }
    auto child = cur->lookup(ctx, comp);
    if (!child) {
      if (child.code() == errc{ENOENT} && last)
        return walk_result{cur, std::string(comp), nullptr, mnt, must_be_dir, joined(comp)};
      return child.error();
    }
    mount_ptr next_mnt = mnt;
    inode_ptr next = *child;
    follow_mounts(next_mnt, next);
    const bool follow = !last || follow_last || (must_be_dir && slash_follows);
    if (next->is_symlink() && follow) {
      if (depth >= max_symlinks) return errc{ELOOP};
      auto jump = next->follow_link(ctx);
      if (!jump) return jump.error();
      if (*jump) {
        // A magic link leads straight to its target.
        ancestors.emplace_back(cur, mnt);
        cur_path.emplace_back(comp);
        cur = *jump;
        follow_mounts(mnt, cur);
        if (last) {
          if (must_be_dir && !cur->is_dir()) return errc{ENOTDIR};
          return walk_result{ancestors.back().first, std::string(comp), cur, mnt, must_be_dir,
                             joined()};
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
      return walk(ctx, rest, follow_last, depth + 1, slash_follows);
    }
    if (last) {
      if (must_be_dir && slash_follows && !next->is_dir()) return errc{ENOTDIR};
      return walk_result{cur, std::string(comp), next, next_mnt, must_be_dir, joined(comp)};
    }
    ancestors.emplace_back(cur, mnt);
    cur_path.emplace_back(comp);
    cur = next;
    mnt = next_mnt;
  }
  return walk_result{cur, "", cur, mnt, must_be_dir, "/"};
}

result<inode_ptr> vfs::resolve(const access_ctx& ctx, std::string_view path, bool follow) {
  auto w = walk(ctx, path, follow, 0);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  return w->node;
}

result<void> vfs::mkdir(const access_ctx& ctx, std::string_view path, std::uint32_t mode) {
  auto w = walk(ctx, path, false, 0, false);
  if (!w) return w.error();
  if (w->node) return errc{EEXIST};
  if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  auto r = w->parent->mkdir(ctx, w->name, mode);
  if (!r) return r.error();
  return ok();
}

result<void> vfs::rmdir(const access_ctx& ctx, std::string_view path) {
  auto w = walk(ctx, path, false, 0, false);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  if (w->name == ".") return errc{EINVAL};
  if (w->name == "..") return errc{ENOTEMPTY};
  if (w->name.empty()) return errc{EBUSY};  // "/"
  // Write and search permission on the parent come before what the entry is.
  if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  if (!w->node->is_dir()) return errc{ENOTDIR};
  if (w->is_mount_root()) return errc{EBUSY};
  return w->parent->rmdir(ctx, w->name);
}

result<void> vfs::unlink(const access_ctx& ctx, std::string_view path) {
  auto w = walk(ctx, path, false, 0, false);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
  if (w->node->is_dir()) return errc{EISDIR};
  if (w->trailing_slash) return errc{ENOTDIR};
  // A mount point in this mount namespace cannot be unlinked.
  if (w->is_mount_root()) return errc{EBUSY};
  return w->parent->unlink(ctx, w->name);
}

result<file_ptr> vfs::open(const access_ctx& ctx, std::string_view path, int flags,
                           std::uint32_t mode) {
  const bool path_only = flags & O_PATH;
  if (path_only) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  if ((flags & O_CREAT) && (flags & O_DIRECTORY)) return errc{EINVAL};  // since Linux 6.4
  const bool nofollow = (flags & O_NOFOLLOW) || ((flags & O_CREAT) && (flags & O_EXCL));
  auto w = walk(ctx, path, !nofollow, 0);
  if (!w) return w.error();
  inode_ptr node = w->node;
  const bool created = !node;
  if (!node) {
    if (!(flags & O_CREAT)) return errc{ENOENT};
    if (w->trailing_slash) return errc{EISDIR};
    if (auto r = may(ctx, *w->parent, MAY_WRITE | MAY_EXEC); !r) return r.error();
    auto made = w->parent->create(ctx, w->name, mode);
    if (!made) return made.error();
    node = *made;
  } else {
    if ((flags & O_CREAT) && (flags & O_EXCL)) return errc{EEXIST};
    if (node->is_symlink() && !path_only) return errc{ELOOP};  // O_NOFOLLOW
  }
  if ((flags & O_DIRECTORY) && !node->is_dir()) return errc{ENOTDIR};
  if (path_only) {
    auto f = std::make_shared<file>(node, flags);
    f->set_path(w->path);
    return file_ptr(f);
  }

  const int acc = flags & O_ACCMODE;
  // O_TRUNC asks for write access whatever the access mode says.
  const bool writes = acc != O_RDONLY || (flags & O_TRUNC);
  if (node->is_dir() && (writes || (flags & O_CREAT))) return errc{EISDIR};
  int mask = (acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE);
  if (flags & O_TRUNC) mask |= MAY_WRITE;
  if (!created)  // a file just created may be opened as asked
    if (auto r = may(ctx, *node, mask); !r) return r.error();
  auto f = node->open(ctx, flags);
  if (f && (*f)->path().empty()) (*f)->set_path(w->path);
  return f;
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

namespace {
// may_mount: CAP_SYS_ADMIN over the mount namespace's owner (the initial
// user namespace: the model has one mount namespace).
bool may_mount(const access_ctx& ctx) {
  return !ctx.creds || ns_capable(*ctx.creds, init_userns_of(*ctx.creds), CAP_SYS_ADMIN);
}
}  // namespace

result<void> vfs::mount_bind(const access_ctx& ctx, std::string_view src, std::string_view dst) {
  auto d = walk(ctx, dst, true, 0);
  if (!d) return d.error();
  if (!d->node) return errc{ENOENT};
  if (!may_mount(ctx)) return errc{EPERM};
  auto s = resolve(ctx, src, true);
  if (!s) return s.error();
  if ((*s)->is_dir() != d->node->is_dir()) return errc{ENOTDIR};
  auto m = std::make_shared<mount>(mount{d->mnt, d->node, *s});
  lock_guard l(mounts_lock_);
  auto [it, inserted] = mounts_.try_emplace({d->mnt.get(), d->node.get()}, m);
  if (!inserted) {
    it->second->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
    it->second = std::move(m);
  }
  it->second->mountpoint->mounted_.fetch_add(1, std::memory_order_release);
  return ok();
}

result<void> vfs::umount(const access_ctx& ctx, std::string_view dst) {
  auto w = walk(ctx, dst, true, 0);
  if (!w) return w.error();
  if (!w->node) return errc{ENOENT};
  if (!may_mount(ctx)) return errc{EPERM};
  if (!w->is_mount_root()) return errc{EINVAL};
  // umount_tree: the mount and every mount below it go. Released after the
  // lock: they may pin namespaces.
  std::vector<mount_ptr> gone;
  {
    lock_guard l(mounts_lock_);
    auto it = mounts_.find({w->mnt->parent.get(), w->mnt->mountpoint.get()});
    if (it == mounts_.end() || it->second != w->mnt) return errc{EINVAL};
    gone.push_back(it->second);
    it->second->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
    mounts_.erase(it);
    for (std::size_t i = 0; i < gone.size(); ++i) {
      const mount* m = gone[i].get();
      auto c = mounts_.lower_bound({m, nullptr});
      while (c != mounts_.end() && c->first.first == m) {
        gone.push_back(c->second);
        c->second->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
        c = mounts_.erase(c);
      }
    }
  }
  return ok();
}

}  // namespace netns::fs
