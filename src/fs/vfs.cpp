// SPDX-License-Identifier: GPL-2.0-only
// Path walks, permission checks, tmpfs and bind mounts (fs/namei.c,
// fs/namespace.c and mm/shmem.c, reduced to what a namespace needs).
#include "netns/fs/vfs.hpp"

#include <linux/limits.h>

#include <algorithm>
#include <cerrno>
#include <list>

#include "netns/base/inline_vector.hpp"
#include "netns/base/rcu.hpp"

namespace netns::fs {

namespace {

constexpr int max_symlinks = 40;  // MAXSYMLINKS
// What walker::enter_proc_self takes in one step.
constexpr std::string_view proc_self_prefix = "/proc/self/";

// A fixed mode that grants search (x) to owner, group and others alike.
inline bool searchable_by_all(const inode& dir) {
  const std::uint32_t fm = dir.fixed_mode();
  return fm & (fm >> 3) & (fm >> 6) & MAY_EXEC;
}

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
// Always inline: a walk asks it for MAY_EXEC at every step, and the
// fixed-mode answer is a few instructions.
[[gnu::always_inline]] inline result<void> may(const access_ctx& ctx, const inode& node, int mask) {
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
std::string file::d_path() const {
  std::string p = path_;
  // The first detached mount above the file ends the path there (the
  // kernel's prepend_path stops at a mount with no parent).
  const vfsmount* top = nullptr;
  for (const vfsmount* m = mnt_.get(); m && m->parent && !top; m = m->parent.get())
    if (m->detached.load(std::memory_order_acquire)) top = m;
  if (top && p.starts_with(top->at) && (p.size() == top->at.size() || p[top->at.size()] == '/'))
    p = p.size() == top->at.size() ? std::string("/") : p.substr(top->at.size());
  if (!p.empty() && p.front() == '/' && inode_->unlinked()) p += " (deleted)";
  return p;
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
  st.nlink = unlinked() ? 0 : 2 + subdirs_;  // rmdir drops both of its links
  st.size = 40 + 20 * entries_.size();
  return st;
}

result<lookup_ref> tmpfs_dir::lookup(const access_ctx&, std::string_view name) {
  // Entries leave the table a grace period before they are let go, so the
  // inode stays valid for the caller's read section without a reference.
  const auto* e = entries_.find(name);
  if (!e) return errc{ENOENT};
  return lookup_ref(e->value.get());
}

result<std::vector<std::string>> tmpfs_dir::readdir(const access_ctx&) {
  std::vector<std::string> names;
  {
    lock_guard l(lock_);
    // tmpfs lists a directory newest first (the reference kernel's
    // `ls -f` of a tmpfs directory), which `ip netns list` shows as is.
    names.assign(order_.rbegin(), order_.rend());
  }
  return names;
}

bool tmpfs_dir::empty() const {
  lock_guard l(lock_);
  return entries_.size() == 0;
}

namespace {
std::uint64_t tmpfs_ino() {
  // tmpfs numbers its inodes per superblock; one counter for the model's
  // single tmpfs is enough.
  static std::atomic<std::uint64_t> next{100};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

result<void> tmpfs_dir::attach(std::string_view name, inode_ptr child) {
  lock_guard l(lock_);
  const bool dir = child->is_dir();
  if (!entries_.insert(name, std::move(child))) return errc{EEXIST};
  order_.emplace_back(name);
  if (dir) ++subdirs_;
  return ok();
}

result<inode_ptr> tmpfs_dir::create(const access_ctx& ctx, std::string_view name,
                                    std::uint32_t mode) {
  auto child = std::make_shared<tmpfs_file>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx));
  lock_guard l(lock_);
  if (!entries_.insert(name, child)) return errc{EEXIST};
  order_.emplace_back(name);
  return inode_ptr(child);
}

result<inode_ptr> tmpfs_dir::mkdir(const access_ctx& ctx, std::string_view name,
                                   std::uint32_t mode) {
  auto child = std::make_shared<tmpfs_dir>(tmpfs_ino(), mode & 07777, owner_of(ctx), group_of(ctx));
  lock_guard l(lock_);
  if (!entries_.insert(name, child)) return errc{EEXIST};
  order_.emplace_back(name);
  ++subdirs_;
  return inode_ptr(child);
}

result<void> tmpfs_dir::unlink(const access_ctx&, std::string_view name) {
  std::unique_ptr<rcu_name_table<inode_ptr>::entry> gone;
  {
    lock_guard l(lock_);
    const auto* e = entries_.find(name);
    if (!e) return errc{ENOENT};
    if (e->value->is_dir()) return errc{EISDIR};
    e->value->set_unlinked();
    gone = entries_.remove(name);
    std::erase(order_, name);
  }
  // Walks may still be on it: the inode (and what it pins) goes once they
  // are done, before unlink returns.
  rcu::synchronize();
  return ok();
}

result<void> tmpfs_dir::rmdir(const access_ctx&, std::string_view name) {
  std::unique_ptr<rcu_name_table<inode_ptr>::entry> gone;
  {
    lock_guard l(lock_);
    const auto* e = entries_.find(name);
    if (!e) return errc{ENOENT};
    if (!e->value->is_dir()) return errc{ENOTDIR};
    // Another file system's root attached here (procfs at /proc) is a
    // mount point: EBUSY, as rmdir("/proc") gives.
    auto* dir = dynamic_cast<tmpfs_dir*>(e->value.get());
    if (!dir) return errc{EBUSY};
    if (!dir->empty()) return errc{ENOTEMPTY};
    dir->set_unlinked();
    gone = entries_.remove(name);
    std::erase(order_, name);
    --subdirs_;
  }
  rcu::synchronize();
  return ok();
}

result<stat_info> tmpfs_file::getattr(const access_ctx&) const {
  stat_info st = tmpfs_stat(ino_, S_IFREG | perm_, uid_, gid_);
  if (unlinked()) st.nlink = 0;
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

result<file_ptr> tmpfs_file::open(const access_ctx&, int flags, inode_ptr self) {
  if (flags & O_TRUNC) {
    lock_guard l(lock_);
    data_.clear();
  }
  return file_ptr(std::make_shared<tmpfs_open_file>(std::move(self), flags));
}

// ---- the tree ----------------------------------------------------------------

vfs::vfs()
    : root_(std::make_shared<tmpfs_dir>(2, 0755, global_root_uid, global_root_gid)),
      root_mount_(std::make_shared<mount>(nullptr, nullptr, root_, std::string())) {}

std::uint64_t vfs::next_ino() { return tmpfs_ino(); }

std::size_t vfs::mount_count() {
  lock_guard l(mounts_lock_);
  return mounts_.size();
}

void vfs::release_after_grace_period(std::vector<mount_ptr>& gone) {
  if (gone.empty()) return;
  rcu::synchronize();
  gone.clear();
}

void vfs::detach_all() {
  std::vector<mount_ptr> gone;
  {
    lock_guard l(mounts_lock_);
    for (auto& [key, m] : mounts_) {
      m->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
      gone.push_back(std::move(m));
    }
    mounts_.clear();
  }
  release_after_grace_period(gone);
}

void vfs::follow_mounts_slow(const mount*& mnt, inode*& node) {
  lock_guard l(mounts_lock_);
  for (;;) {
    auto it = mounts_.find({mnt, node});
    if (it == mounts_.end()) return;
    mnt = it->second.get();
    node = mnt->root.get();
  }
}

// One walk (path_lookupat with LOOKUP_RCU): components are taken in place
// from the path and from symlink bodies, the directories passed are kept
// by raw pointer with the name each was entered by (for ".." and for the
// canonical path), and nothing is allocated unless the walk is deep, meets
// a second symlink body, or a lookup hands back a pinned inode. Everything
// it points at is valid until the caller's read_guard ends.
class vfs::walker {
 public:
  walker(vfs& fs, const access_ctx& ctx) : fs_(fs), ctx_(ctx) {}
  walker(const walker&) = delete;
  walker& operator=(const walker&) = delete;

  // Walks `path` (see vfs::resolve). slash_follows: a trailing slash makes
  // the walk follow a final symlink (lookups); mkdir, rmdir and unlink
  // never follow it.
  result<void> run(std::string_view path, bool follow_last, bool slash_follows = true);

  inode* parent = nullptr;      // the directory holding the last component
  std::string_view name;        // the last component ("" for "/")
  inode* node = nullptr;        // nullptr if the last component does not exist
  const mount* mnt = nullptr;   // the mount `node` is in
  bool trailing_slash = false;  // the path ended in '/'
  const inode_ptr* node_held = nullptr;  // a reference to `node` alive for the read section, if known
  // The inode the last name names in `parent`, before any mount on it is
  // followed (the dentry unlink and rmdir act on); nullptr unless the last
  // component was an ordinary name that was not followed as a link.
  inode* named = nullptr;

  bool is_mount_root() const { return node && mnt && mnt->parent && node == mnt->root.get(); }
  // is_local_mountpoint: a mount sits on the name's inode, here or hidden
  // under another mount (unlink and rmdir are EBUSY then).
  bool names_a_mount_point() const {
    return is_mount_root() || (named && named->mounted_.load(std::memory_order_acquire) != 0);
  }
  // The canonical path of the last component (what d_path would show): the
  // names taken from the root, or, past a magic link to an open file, that
  // file's path and the names taken after it.
  std::string path() const {
    std::string p;
    std::size_t i = 0;
    if (via_) {
      p = via_->path();
      if (p == "/") p.clear();
      i = via_depth_;
    }
    for (; i < frames_.size(); ++i) (p += '/') += frames_[i].name;
    if (!tail_.empty()) (p += '/') += tail_;
    return p.empty() ? std::string("/") : p;
  }
  // Gives a file opened on `n` (the walk's node, or the file it created
  // in place of a missing last name) its place: d_path's mount and path.
  void locate(file& f, const inode& n) const {
    if (via_ && frames_.size() == via_depth_ && tail_.empty() && &n == via_->node().get()) {
      f.copy_location(*via_);  // the link's own target, opened afresh
      return;
    }
    // A namespace file is named by its inode ("net:[N]") unless it is the
    // root of the mount it was reached by (a bind mount: /run/netns/NAME).
    if (n.is_ns_file() && !(mnt && mnt->parent && &n == mnt->root.get())) return;
    f.set_location(mnt->parent ? mnt_ref() : nullptr, path());
  }
  inode_ptr node_ref() const { return node->shared_from_this(); }
  inode_ptr parent_ref() const { return parent->shared_from_this(); }
  mount_ptr mnt_ref() const { return mnt->shared_from_this(); }

 private:
  struct frame {
    inode* dir;
    const mount* mnt;
    std::string_view name;  // the component taken from dir
  };
  result<void> finish(inode* p, std::string_view n, inode* at, const mount* m, bool slash,
                      std::string_view tail) {
    parent = p;
    name = n;
    node = at;
    mnt = m;
    trailing_slash = slash;
    tail_ = tail;
    return ok();
  }
  // Takes "/proc/self/" in one step where nothing differs from the loop's
  // steps (false: nothing changed; see the definition).
  bool enter_proc_self(const mount*& m, inode*& cur, std::string_view& rest, int& links);
  // A string for the next symlink body, alive for the rest of the walk.
  std::string& new_body() {
    if (!first_body_used_) {
      first_body_used_ = true;
      return first_body_;
    }
    return more_bodies_.emplace_back();
  }

  vfs& fs_;
  const access_ctx& ctx_;
  inline_vector<frame, 16> frames_;             // the directories above the current one
  inline_vector<std::string_view, 8> pending_;  // the rest of each body being walked
  std::string_view tail_;                       // appended to frames_ by path()
  bool first_body_used_ = false;
  std::string first_body_;               // short bodies ("1" for /proc/self) fit in place
  std::list<std::string> more_bodies_;   // stable addresses for the views into them
  std::vector<inode_ptr> pins_;          // inodes made for this walk alone
  const file* via_ = nullptr;            // the open file of the last magic jump
  std::size_t via_depth_ = 0;            // frames_ up to the jump: named by via_->path()
};

result<void> vfs::walker::run(std::string_view path, bool follow_last, bool slash_follows) {
  if (path.empty()) return errc{ENOENT};
  // PATH_MAX bounds what the caller passes, not what symlinks expand to.
  if (path.size() >= PATH_MAX) return errc{ENAMETOOLONG};
  if (path.front() != '/') return errc{EINVAL};  // the model has no working directories

  // The root the walk starts at is the root mount's root itself: a mount
  // stacked on "/" later does not move a task's root (probed).
  const mount* m = fs_.root_mount_.get();
  inode* cur = fs_.root_.get();
  int links = 0;
  // A final symlink followed with a slash after it leaves that slash to
  // whatever its body ends in.
  bool outer_slash = false;
  std::string_view rest = path;
  if (cur == fs_.root_.get() && fs_.proc_self_ && path.starts_with(proc_self_prefix) &&
      path.size() > proc_self_prefix.size() && path[proc_self_prefix.size()] != '/')
    enter_proc_self(m, cur, rest, links);
  for (;;) {
    // Scanned with local pointers: the compiler keeps them in registers.
    const char* const end = rest.data() + rest.size();
    const char* p = rest.data();
    while (p != end && *p == '/') ++p;
    if (p == end) {
      if (!pending_.empty()) {
        rest = pending_.back();
        pending_.pop_back();
        continue;
      }
      // No component at all: "/" (or a final link to it).
      return finish(cur, {}, cur, m, rest.size() > 1 || outer_slash, {});
    }
    const char* q = p;
    while (q != end && *q != '/') ++q;
    const std::string_view comp(p, static_cast<std::size_t>(q - p));
    // The slashes after the component are consumed here, once.
    const char* r = q;
    while (r != end && *r == '/') ++r;
    const bool slash_after = r != q;
    rest = std::string_view(r, static_cast<std::size_t>(end - r));
    const bool more_here = r != end;
    const bool last = !more_here && pending_.empty();
    const bool must_be_dir = last && (slash_after || outer_slash);

    if (!cur->is_dir()) return errc{ENOTDIR};
    // Search permission; most directories' fixed mode grants it to all.
    if (!searchable_by_all(*cur))
      if (auto r = may(ctx_, *cur, MAY_EXEC); !r) return r.error();
    if (comp.size() > NAME_MAX) return errc{ENAMETOOLONG};
    if (comp == "." || comp == "..") {
      if (comp.size() == 2 && !frames_.empty()) {
        cur = frames_.back().dir;
        m = frames_.back().mnt;
        frames_.pop_back();
        if (frames_.size() < via_depth_) via_ = nullptr;
      }
      if (last)
        return finish(frames_.empty() ? cur : frames_.back().dir, comp, cur, m, must_be_dir, {});
      continue;
    }
    auto child = cur->lookup(ctx_, comp);
    if (!child) {
      if (child.code() == errc{ENOENT} && last)
        return finish(cur, comp, nullptr, m, must_be_dir, comp);
      return child.error();
    }
    if (child->pin) pins_.push_back(std::move(child->pin));
    inode* next = child->node;
    const mount* next_mnt = m;
    fs_.follow_mounts(next_mnt, next);
    const bool follow = !last || follow_last || (must_be_dir && slash_follows);
    if (next->is_symlink() && follow) {
      if (links++ >= max_symlinks) return errc{ELOOP};
      auto jump = next->follow_link(ctx_);
      if (!jump) return jump.error();
      if (jump->node) {
        // A magic link leads straight to its target; a link to an entry of
        // its own directory goes there as reading its body would (the
        // search permission on this directory was checked just above).
        if (jump->pin) pins_.push_back(std::move(jump->pin));
        const std::string_view taken = jump->sibling.empty() ? comp : jump->sibling;
        frames_.emplace_back(cur, m, taken);
        cur = jump->node;
        if (jump->via) {  // on from where that file was opened
          via_ = jump->via;
          via_depth_ = frames_.size();
          m = via_->mnt() ? via_->mnt() : fs_.root_mount_.get();
        }
        // A magic link lands on its target exactly (nd_jump_link): a mount
        // stacked there since is not entered (probed). An entry of the
        // link's directory is looked up as a name would be.
        if (!jump->sibling.empty()) fs_.follow_mounts(m, cur);
        if (last) {
          if (must_be_dir && !cur->is_dir()) return errc{ENOTDIR};
          if (cur == jump->node) node_held = jump->held;  // unless a mount covers it
          return finish(frames_.back().dir, taken, cur, m, must_be_dir, {});
        }
        continue;
      }
      std::string& body = new_body();
      if (auto r = next->readlink_into(ctx_, body); !r) return r.error();
      if (body.empty()) return errc{ENOENT};
      if (more_here)
        pending_.push_back(rest);
      else if (last && slash_after)
        outer_slash = true;
      rest = body;
      if (rest.front() == '/') {  // absolute: start again at the root
        frames_.clear();
        via_ = nullptr;
        m = fs_.root_mount_.get();
        cur = fs_.root_.get();
      }
      continue;  // a relative body goes on from the link's directory
    }
    if (last) {
      if (must_be_dir && slash_follows && !next->is_dir()) return errc{ENOTDIR};
      named = child->node;
      return finish(cur, comp, next, next_mnt, must_be_dir, comp);
    }
    frames_.emplace_back(cur, m, comp);
    cur = next;
    m = next_mnt;
  }
}

// "/proc/self/" in one step: where the loop in run() would look "proc" up
// in the root, check search permission twice, look "self" up in procfs and
// follow it to the reader's /proc/<pid>, this goes there directly, leaving
// the same frames and link count. Only where the loop would find nothing
// else: / and /proc searchable by all, no mount on /proc or on the link,
// a reader with a pid whose directory the link hands over as an entry of
// /proc. Otherwise (or on any failure) nothing changes and the loop takes
// the path from the start, reporting what it finds.
bool vfs::walker::enter_proc_self(const mount*& m, inode*& cur, std::string_view& rest,
                                  int& links) {
  inode* const proc = fs_.proc_dir_;
  inode* const self = fs_.proc_self_;
  if (!ctx_.pid || !searchable_by_all(*cur) || !searchable_by_all(*proc)) return false;
  if (proc->mounted_.load(std::memory_order_acquire) != 0 ||
      self->mounted_.load(std::memory_order_acquire) != 0)
    return false;
  auto jump = self->follow_link(ctx_);
  if (!jump || !jump->node || jump->sibling.empty() || jump->pin) return false;
  frames_.emplace_back(cur, m, std::string_view("proc"));
  // The name's two words one by one: follow_link wrote them so, and one
  // 16-byte load of both would wait for those stores (no forwarding).
  const char* const sibling = jump->sibling.data();
  const std::size_t sibling_size = jump->sibling.size();
  frames_.emplace_back(proc, m, std::string_view(sibling, sibling_size));
  cur = jump->node;
  fs_.follow_mounts(m, cur);
  links = 1;
  rest.remove_prefix(proc_self_prefix.size());
  return true;
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

namespace {
// may_mount: CAP_SYS_ADMIN over the mount namespace's owner (the initial
// user namespace: the model has one mount namespace).
bool may_mount(const access_ctx& ctx) {
  return !ctx.creds || ns_capable(*ctx.creds, init_userns_of(*ctx.creds), CAP_SYS_ADMIN);
}
}  // namespace

result<void> vfs::mount_bind(const access_ctx& ctx, std::string_view src, std::string_view dst,
                             bool recursive) {
  std::vector<mount_ptr> replaced;
  {
    rcu::read_guard g;
    walker d(*this, ctx);
    if (auto r = d.run(dst, true); !r) return r.error();
    if (!d.node) return errc{ENOENT};
    if (!may_mount(ctx)) return errc{EPERM};
    walker s(*this, ctx);
    if (auto r = s.run(src, true); !r) return r.error();
    if (!s.node) return errc{ENOENT};
    // lock_mount: the target must be a name in this mount namespace: not
    // unlinked, not on a detached mount, not a namespace file reached
    // through its magic link (nsfs's internal mount): ENOENT (probed).
    if (d.node->unlinked() || d.mnt->detached.load(std::memory_order_acquire) ||
        (d.node->is_ns_file() && !d.is_mount_root()))
      return errc{ENOENT};
    // __do_loopback: a source outside this mount namespace only if it is a
    // namespace file; an unlinked one is ENOENT (probed).
    if (s.mnt->detached.load(std::memory_order_acquire) && !s.node->is_ns_file())
      return errc{EINVAL};
    if (s.node->unlinked()) return errc{ENOENT};
    if (s.node->is_dir() != d.node->is_dir()) return errc{ENOTDIR};
    const std::string dst_path = d.path();
    auto m = std::make_shared<mount>(d.mnt_ref(), d.node_ref(), s.node_ref(), dst_path);
    lock_guard l(mounts_lock_);
    // copy_tree: chosen before the new mount is in the table (a directory
    // bound onto itself is not below itself).
    std::vector<mount_ptr> copies;
    if (recursive && s.node->is_dir()) copies = copy_mounts_below(s.mnt, s.path(), m, dst_path);
    add_mount_locked(d.mnt, d.node, std::move(m), replaced);
    for (mount_ptr& c : copies) {
      const mount* parent = c->parent.get();
      inode* point = c->mountpoint.get();
      add_mount_locked(parent, point, std::move(c), replaced);
    }
  }
  release_after_grace_period(replaced);
  return ok();
}

void vfs::add_mount_locked(const mount* parent, const inode* point, mount_ptr m,
                           std::vector<mount_ptr>& replaced) {
  auto [it, inserted] = mounts_.try_emplace({parent, point}, m);
  if (!inserted) {
    it->second->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
    replaced.push_back(std::exchange(it->second, std::move(m)));
  }
  it->second->mountpoint->mounted_.fetch_add(1, std::memory_order_release);
}

// The mounts in the tree below `src_path` of mount `src` (those whose mount
// point lies under it, in `src` or in a mount already below it), copied to
// hang below `top` at `top_path`: parents before children, each keyed by
// its copied parent and the same mount point inode. Mount points are
// matched by the paths they were mounted at; the model has no rename, so
// those stay true while the mounts are attached.
std::vector<mount_ptr> vfs::copy_mounts_below(const mount* src, const std::string& src_path,
                                                   const mount_ptr& top,
                                                   const std::string& top_path) {
  const std::string prefix = src_path == "/" ? "/" : src_path + "/";
  std::vector<mount_ptr> below;
  for (const auto& [key, mnt] : mounts_) {
    if (!mnt->at.starts_with(prefix)) continue;
    for (const mount* a = mnt->parent.get(); a; a = a->parent.get())
      if (a == src) {
        below.push_back(mnt);
        break;
      }
  }
  std::sort(below.begin(), below.end(),
            [](const mount_ptr& a, const mount_ptr& b) { return a->at.size() < b->at.size(); });
  std::map<const mount*, mount_ptr> copy_of{{src, top}};
  std::vector<mount_ptr> out;
  const std::string base = top_path == "/" ? std::string() : top_path;
  for (const mount_ptr& x : below) {
    auto parent = copy_of.find(x->parent.get());
    if (parent == copy_of.end()) continue;  // below a mount that is not in the tree
    std::string at = base + x->at.substr(prefix.size() - 1);
    auto c = std::make_shared<mount>(parent->second, x->mountpoint, x->root, std::move(at));
    copy_of.emplace(x.get(), c);
    out.push_back(std::move(c));
  }
  return out;
}

result<void> vfs::make_shared(const access_ctx& ctx, std::string_view dst) {
  rcu::read_guard g;
  walker w(*this, ctx);
  if (auto r = w.run(dst, true); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  if (!may_mount(ctx)) return errc{EPERM};
  if (!w.is_mount_root()) return errc{EINVAL};  // do_change_type: not a mount point
  return ok();
}

result<void> vfs::umount(const access_ctx& ctx, std::string_view dst) {
  // umount_tree: the mount and every mount below it go, once no walk can
  // still be on them (namespace_unlock's synchronize_rcu).
  std::vector<mount_ptr> gone;
  {
    rcu::read_guard g;
    walker w(*this, ctx);
    if (auto r = w.run(dst, true); !r) return r.error();
    if (!w.node) return errc{ENOENT};
    if (!may_mount(ctx)) return errc{EPERM};
    // LOOKUP_MOUNTPOINT: where a magic link landed, the mounts stacked
    // there are entered (umount of /proc/self/fd/N takes the top one).
    const mount* mnt = w.mnt;
    inode* node = w.node;
    follow_mounts(mnt, node);
    if (!mnt->parent || node != mnt->root.get()) return errc{EINVAL};
    lock_guard l(mounts_lock_);
    auto it = mounts_.find({mnt->parent.get(), mnt->mountpoint.get()});
    if (it == mounts_.end() || it->second.get() != mnt) return errc{EINVAL};
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
    // Each mount of the tree is detached on its own (probed: a file in a
    // mount below the one named reads as a path from its own mount's root).
    for (const mount_ptr& gm : gone) gm->detached.store(true, std::memory_order_release);
  }
  release_after_grace_period(gone);
  return ok();
}

}  // namespace netns::fs
