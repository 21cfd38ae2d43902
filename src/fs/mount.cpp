// SPDX-License-Identifier: GPL-2.0-only
// The mount table: bind mounts (recursive too), lazy unmounts, make-shared
// (fs/namespace.c, reduced to one mount namespace). Walks cross mounts in
// walk.cpp.
#include "netns/fs/vfs.hpp"

#include <algorithm>
#include <cerrno>
#include <map>
#include <utility>

#include "netns/base/rcu.hpp"
#include "walk.hpp"

namespace netns::fs {

namespace {

const user_namespace& init_userns_of(const cred& c) {
  const user_namespace* ns = c.user_ns.get();
  while (ns->parent()) ns = ns->parent();
  return *ns;
}

// may_mount: CAP_SYS_ADMIN over the mount namespace's owner (the initial
// user namespace: the model has one mount namespace).
bool may_mount(const access_ctx& ctx) {
  return !ctx.creds || ns_capable(*ctx.creds, init_userns_of(*ctx.creds), CAP_SYS_ADMIN);
}
}  // namespace

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
                                              const mount_ptr& top, const std::string& top_path) {
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
