// SPDX-License-Identifier: GPL-2.0-only
// Permission checks and the defaults of inodes and open files (fs/namei.c's
// generic_permission, fs/d_path.c's d_path), reduced to what a namespace
// needs.
#include "netns/fs/inode.hpp"

#include <cerrno>

#include "netns/base/rcu.hpp"
#include "netns/fs/mount.hpp"

namespace netns::fs {

namespace {

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

// ---- inode and file defaults -------------------------------------------------

result<void> inode::permission(const access_ctx& ctx, int mask) const {
  auto st = getattr(ctx);
  if (!st) return st.error();
  return generic_permission(ctx, *st, mask);
}
result<lookup_ref> inode::lookup(const access_ctx&, std::string_view) { return errc{ENOTDIR}; }
result<std::vector<std::string>> inode::readdir(const access_ctx&) { return errc{ENOTDIR}; }
result<inode_ptr> inode::create(const access_ctx&, std::string_view, std::uint32_t) {
  return errc{is_dir() ? EACCES : ENOTDIR};
}
result<inode_ptr> inode::mkdir(const access_ctx&, std::string_view, std::uint32_t) {
  return errc{is_dir() ? EACCES : ENOTDIR};
}
// A directory without unlink or rmdir operations (procfs): EPERM, as
// vfs_unlink and vfs_rmdir answer.
result<void> inode::unlink(const access_ctx&, std::string_view) {
  return errc{is_dir() ? EPERM : ENOTDIR};
}
result<void> inode::rmdir(const access_ctx&, std::string_view) {
  return errc{is_dir() ? EPERM : ENOTDIR};
}
result<std::string> inode::readlink(const access_ctx&) { return errc{EINVAL}; }
result<void> inode::readlink_into(const access_ctx& ctx, std::string& out) {
  auto r = readlink(ctx);
  if (!r) return r.error();
  out = std::move(*r);
  return ok();
}
result<lookup_ref> inode::follow_link(const access_ctx&) { return lookup_ref(); }
result<file_ptr> inode::open(const access_ctx&, int flags, inode_ptr self) {
  return std::make_shared<file>(std::move(self), flags);
}

result<std::string> file::read(const access_ctx&, std::size_t) {
  if ((flags_ & O_ACCMODE) == O_WRONLY || is_path_only()) return errc{EBADF};
  return errc{inode_->is_dir() ? EISDIR : EINVAL};
}
result<std::size_t> file::write(const access_ctx&, std::string_view) {
  if ((flags_ & O_ACCMODE) == O_RDONLY || is_path_only()) return errc{EBADF};
  return errc{EINVAL};
}
result<std::int64_t> file::llseek(std::int64_t offset, int whence) {
  // default_llseek: the end is the inode's size (0 for procfs files).
  const std::int64_t size = seek_size();
  std::int64_t base = 0;
  switch (whence) {
    case SEEK_SET: break;
    case SEEK_CUR: base = static_cast<std::int64_t>(pos_); break;
    case SEEK_END: base = size; break;
    case SEEK_DATA:  // the whole file is data: no holes
    case SEEK_HOLE:
      if (offset < 0) return errc{EINVAL};
      if (offset >= size) return errc{ENXIO};
      if (whence == SEEK_HOLE) offset = size;
      break;
    default: return errc{EINVAL};
  }
  if (offset < 0 ? base < -offset : base > INT64_MAX - offset) return errc{EINVAL};
  pos_ = static_cast<std::uint64_t>(base + offset);
  return base + offset;
}
result<std::int64_t> file::seq_llseek(std::int64_t offset, int whence) {
  if (whence != SEEK_SET && whence != SEEK_CUR) return errc{EINVAL};
  return file::llseek(offset, whence);
}
file::~file() {
  if (write_mnt_) write_mnt_->drop_write();
}

void file::set_location(mount_ptr m, std::string p) {
  at_gen_ = m ? m->at_gen.load(std::memory_order_acquire) : 0;
  mnt_ = std::move(m);
  path_ = std::move(p);
}

std::string file::d_path() const {
  std::string p = path_;
  // The first detached mount above the file ends the path there (the
  // kernel's prepend_path stops at a mount with no parent).
  // The chain up may change meanwhile (a tuck, a move): parent_rcu, and
  // an old parent is let go only after a grace period.
  const vfsmount* top = nullptr;
  rcu::read_guard g;
  for (const vfsmount* m = mnt_.get(); m && m->has_parent() && !top;
       m = m->parent_rcu.load(std::memory_order_acquire))
    if (m->detached.load(std::memory_order_acquire)) top = m;
  if (top && p.starts_with(top->at) && (p.size() == top->at.size() || p[top->at.size()] == '/'))
    p = p.size() == top->at.size() ? std::string("/") : p.substr(top->at.size());
  if (!p.empty() && p.front() == '/' && (inode_->unlinked() || inode_->unhashed()))
    p += " (deleted)";
  return p;
}

result<long> file::ioctl(const access_ctx&, unsigned long, void*) {
  if (is_path_only()) return errc{EBADF};
  return errc{ENOTTY};
}

}  // namespace netns::fs
