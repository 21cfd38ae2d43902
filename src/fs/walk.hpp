// SPDX-License-Identifier: GPL-2.0-only
// The path walker's class (vfs::walker): what vfs.cpp's calls and mount.cpp
// read of a walk (the node, its parent and name, its mount, its path). The
// walk itself is walk.cpp. Not a public header.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "netns/base/inline_vector.hpp"
#include "netns/base/result.hpp"
#include "netns/fs/vfs.hpp"

namespace netns::fs {

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
  // The mount `parent` is in: where a name is made or removed, so whose
  // read-only flags decide (mnt_want_write on the parent's path).
  const mount* parent_mnt = nullptr;
  bool trailing_slash = false;  // the path ended in '/'
  // A reference to `node` alive for the read section, if known.
  const inode_ptr* node_held = nullptr;
  // The inode the last name names in `parent`, before any mount on it is
  // followed (the dentry unlink and rmdir act on); nullptr unless the last
  // component was an ordinary name that was not followed as a link.
  inode* named = nullptr;

  bool is_mount_root() const { return node && mnt && mnt->has_parent() && node == mnt->root.get(); }
  // is_local_mountpoint: a mount sits on the name's inode, here or hidden
  // under another mount (unlink and rmdir are EBUSY then).
  bool names_a_mount_point() const {
    return is_mount_root() || (named && named->mounted_.load(std::memory_order_acquire) != 0);
  }
  // lock_mount's check of a mount target: a name in this mount namespace,
  // not unlinked, not on a detached mount, not a namespace file reached
  // through its magic link (nsfs's internal mount). Else ENOENT (probed).
  bool is_mountable_place() const {
    return !node->unlinked() && !mnt->detached.load(std::memory_order_acquire) &&
           !(node->is_ns_file() && !is_mount_root());
  }
  // The canonical path of the last component (what d_path would show): the
  // names taken from the root, or, past a magic link to an open file, that
  // file's path (where its mount is now) and the names taken after it.
  std::string path() const {
    std::string p;
    std::size_t i = 0;
    if (via_) {
      p = via_moved_.empty() ? via_->path() : via_moved_;
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
    if (n.is_ns_file() && !(mnt && mnt->has_parent() && &n == mnt->root.get())) return;
    // The initial namespace's root mount never goes: no reference to it.
    f.set_location(mnt != fs_.root_mount_.get() ? mnt_ref() : nullptr, path());
  }
  // The node as a kept place (path_ref), with the directories above it.
  path_ref place() const;
  inode_ptr node_ref() const { return node->shared_from_this(); }
  inode_ptr parent_ref() const { return parent->shared_from_this(); }
  mount_ptr mnt_ref() const { return mnt->shared_from_this(); }

 private:
  struct frame {
    inode* dir;
    const mount* mnt;
    std::string_view name;  // the component taken from dir
  };
  result<void> finish(inode* p, const mount* pm, std::string_view n, inode* at, const mount* m,
                      bool slash, std::string_view tail) {
    parent = p;
    parent_mnt = pm;
    name = n;
    node = at;
    mnt = m;
    trailing_slash = slash;
    tail_ = tail;
    return ok();
  }
  // Starts at a kept place: its directories above become the frames.
  void enter(const path_ref& at, const mount*& m, inode*& cur);
  // Past a magic link: the frames above `node` from its parents (see the
  // definition); unchanged where they cannot be had.
  void frames_from_parents(inode* node, const mount* m);
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
  // via_'s path where its mount is now, taken at the jump (not under the
  // mount lock, which path()'s callers may hold) when its mount has moved
  // since the file was opened; empty otherwise (one load decides).
  std::string via_moved_;
  std::size_t via_depth_ = 0;            // frames_ up to the jump: named by via_->path()
};

}  // namespace netns::fs
