// SPDX-License-Identifier: GPL-2.0-only
// The path walk (fs/namei.c's path_lookupat with LOOKUP_RCU, follow_mount,
// symlinks and magic links), and its shortcut for /proc/self.
#include "walk.hpp"

#include <linux/limits.h>

#include <cerrno>

#include "netns/base/thread_annotations.hpp"
#include "permission.hpp"

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

}  // namespace

// The walk's crossing of mounts (namei.c's traverse_mounts), with the walk
// rather than in mount.cpp: reached only where a mount sits (follow_mounts).
void vfs::follow_mounts_slow(const mount*& mnt, inode*& node) {
  lock_guard l(mounts_lock_);
  for (;;) {
    auto it = mounts_.find({mnt, node});
    if (it == mounts_.end()) return;
    mnt = it->second.get();
    node = mnt->root.get();
  }
}

result<void> vfs::walker::run(std::string_view path, bool follow_last, bool slash_follows) {
  if (path.empty()) return errc{ENOENT};
  // PATH_MAX bounds what the caller passes, not what symlinks expand to.
  if (path.size() >= PATH_MAX) return errc{ENAMETOOLONG};

  // The root the walk starts at is the root mount's root itself: a mount
  // stacked on "/" later does not move a task's root (probed).
  // A chrooted task starts at its root directory instead (with the
  // directories above it as frames, so that path() names what the walk
  // reaches from the namespace's root), and ".." there stays, so nothing
  // outside it can be named. A relative path starts at the working
  // directory, which may lie outside the root: ".." from there goes up
  // to the namespace's root and stops there (follow_dotdot).
  const path_ref* const root_ref = ctx_.fs_root;
  const mount* const root_mnt = root_ref ? root_ref->mnt.get()
                                : ctx_.root ? ctx_.root
                                            : fs_.root_mount_.get();
  inode* const root_dir = root_ref ? root_ref->dir.get() : root_mnt->root.get();
  const mount* m = root_mnt;
  inode* cur = root_dir;
  int links = 0;
  const path_ref* const start = path.front() == '/' ? root_ref : ctx_.fs_pwd ? ctx_.fs_pwd : root_ref;
  if (start) enter(*start, m, cur);
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
      return finish(cur, m, {}, cur, m, rest.size() > 1 || outer_slash, {});
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
      // ".." right at a magic link's target: the frames below are /proc's
      // (the way the walk came), not the target's parents.
      if (comp.size() == 2 && via_ && frames_.size() == via_depth_ && !(cur == root_dir && m == root_mnt))
        frames_from_parents(cur, m);
      if (comp.size() == 2 && !frames_.empty() && !(cur == root_dir && m == root_mnt)) {
        cur = frames_.back().dir;
        m = frames_.back().mnt;
        frames_.pop_back();
        if (frames_.size() < via_depth_) via_ = nullptr;
      }
      if (last)
        return finish(frames_.empty() ? cur : frames_.back().dir,
                      frames_.empty() ? m : frames_.back().mnt, comp, cur, m, must_be_dir, {});
      continue;
    }
    auto child = cur->lookup(ctx_, comp);
    if (!child) {
      if (child.code() == errc{ENOENT} && last)
        return finish(cur, m, comp, nullptr, m, must_be_dir, comp);
      return child.error();
    }
    if (child->pin) pins_.push_back(std::move(child->pin));
    inode* next = child->node;
    const mount* next_mnt = m;
    fs_.follow_mounts(next_mnt, next);
    const bool follow = !last || follow_last || (must_be_dir && slash_follows);
    if (next->is_symlink() && follow) {
      if (links++ >= max_symlinks) return errc{ELOOP};
      // pick_link: the link's own mount decides (MS_NOSYMFOLLOW).
      if (next_mnt->flags.load(std::memory_order_relaxed) & mnt_nosymfollow) return errc{ELOOP};
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
          via_moved_.clear();
          if (const vfsmount* vm = via_->mnt();
              vm && vm->at_gen.load(std::memory_order_acquire) != via_->at_gen())
            via_moved_ = fs_.current_path(*via_);
          via_depth_ = frames_.size();
          m = via_->mnt() ? via_->mnt() : fs_.root_mount_.get();  // nullptr: the initial root
        }
        // A magic link lands on its target exactly (nd_jump_link): a mount
        // stacked there since is not entered (probed). An entry of the
        // link's directory is looked up as a name would be.
        if (!jump->sibling.empty()) fs_.follow_mounts(m, cur);
        if (last) {
          if (must_be_dir && !cur->is_dir()) return errc{ENOTDIR};
          if (cur == jump->node) node_held = jump->held;  // unless a mount covers it
          return finish(frames_.back().dir, frames_.back().mnt, taken, cur, m, must_be_dir, {});
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
        via_moved_.clear();
        m = root_mnt;
        cur = root_dir;
        if (root_ref) enter(*root_ref, m, cur);
      }
      continue;  // a relative body goes on from the link's directory
    }
    if (last) {
      if (must_be_dir && slash_follows && !next->is_dir()) return errc{ENOTDIR};
      named = child->node;
      return finish(cur, m, comp, next, next_mnt, must_be_dir, comp);
    }
    frames_.emplace_back(cur, m, comp);
    cur = next;
    m = next_mnt;
  }
}

// The frames above `node` (in mount `m`) rebuilt from the file systems'
// parent links and the mounts' mount points, up to the top of its mount
// tree, in place of the way the walk came: follow_dotdot from a magic
// link's target goes to the target's parent (d_parent), not back into
// /proc. The frames then name the node too (path()), as d_path would, so
// the open file the walk jumped through names nothing any more. Left as
// they were where a link is missing (a file system that keeps none, an
// unlinked entry) or the tree was detached (its paths start at its root).
void vfs::walker::frames_from_parents(inode* node, const mount* m) {
  inline_vector<frame, 16> up;  // nearest first
  {
    lock_guard l(fs_.mounts_lock_);  // the mounts' parents and mount points
    for (;;) {
      if (node == m->root.get()) {
        if (m->detached.load(std::memory_order_acquire)) return;
        const vfsmount* parent = m->parent.get();
        if (!parent) break;  // the top of its namespace's tree
        node = m->mountpoint.get();
        m = parent;
        continue;
      }
      const inode::parent_entry p = node->parent_link();
      if (!p.dir) return;
      up.emplace_back(p.dir, m, p.name);
      node = p.dir;
    }
  }
  frames_.clear();
  for (std::size_t i = up.size(); i-- > 0;) frames_.emplace_back(up[i]);
  via_ = nullptr;
  via_moved_.clear();
  via_depth_ = 0;
}

// Starts the walk at `at` (a task's root or working directory): the
// directories above it become frames, for ".." and for path().
void vfs::walker::enter(const path_ref& at, const mount*& m, inode*& cur) {
  frames_.clear();
  for (const path_step& s : at.above) frames_.emplace_back(s.dir.get(), s.mnt.get(), s.name);
  m = at.mnt.get();
  cur = at.dir.get();
}

// The walk's node as a place to keep (chroot, chdir): its mount, the node,
// its path, and the directories above it. Past a magic link the frames
// below the jump are /proc's, not the target's parents, so only the
// frames after the jump are kept: ".." from there stops at the link's
// target (known difference; the kernel goes on to its parent).
path_ref vfs::walker::place() const {
  path_ref r{mnt_ref(), node_ref(), path(), {}};
  std::size_t i = via_ ? via_depth_ : 0;
  r.above.reserve(frames_.size() - i);
  for (; i < frames_.size(); ++i) {
    const frame& f = frames_[i];
    r.above.push_back(path_step{f.mnt->shared_from_this(), f.dir->shared_from_this(),
                                std::string(f.name)});
  }
  // An ordinary last name is not a frame yet: its directory is the last
  // step. After "/", ".", ".." or a magic link the frames end above the
  // node already.
  const bool in_frames = name.empty() || name == "." || name == ".." ||
                         (!frames_.empty() && frames_.back().dir == parent &&
                          frames_.back().mnt == parent_mnt && frames_.back().name == name);
  if (!in_frames)
    r.above.push_back(
        path_step{parent_mnt->shared_from_this(), parent->shared_from_this(), std::string(name)});
  return r;
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
      self->mounted_.load(std::memory_order_acquire) != 0 ||
      (m->flags.load(std::memory_order_relaxed) & mnt_nosymfollow))
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

}  // namespace netns::fs
