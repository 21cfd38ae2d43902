// SPDX-License-Identifier: GPL-2.0-only
// The mount table (fs/namespace.c): bind mounts (recursive too), new
// tmpfs and proc mounts, lazy unmounts, propagation types, the copy of a
// namespace's tree and its end. Walks cross mounts in walk.cpp;
// propagation is pnode.cpp's, mountinfo mountinfo.cpp's.
#include <sys/mount.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "mount_flags.hpp"
#include "mount_ids.hpp"
#include "netns/base/rcu.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/fs/mnt_namespace.hpp"
#include "netns/fs/nsfs.hpp"
#include "netns/fs/vfs.hpp"
#include "pnode.hpp"
#include "tmpfs_options.hpp"
#include "walk.hpp"

namespace netns::fs {

vfsmount::~vfsmount() {
  if (ids) ids->release(id);
}

namespace {

const user_namespace& init_userns_of(const cred& c) {
  const user_namespace* ns = c.user_ns.get();
  while (ns->parent()) ns = ns->parent();
  return *ns;
}

// The owner of the namespace whose root mount is `root`.
const user_namespace& mnt_owner(const vfsmount& root, const cred& c) {
  return root.owner_ns ? root.owner_ns->user_ns() : init_userns_of(c);
}

std::uint64_t mnt_ns_id_of(const vfsmount& root) {
  return root.owner_ns ? root.owner_ns->mntns_id() : INIT_MNT_NS_ID;
}

// "/a" + "/x" -> "/a/x"; "/" + "/x" -> "/x"; "/a" + "" -> "/a".
std::string join_fs_path(const std::string& root, const std::string& rel) {
  if (rel.empty()) return root;
  return root == "/" ? rel : root + rel;
}

// The path of `path` (as the walker's namespace names it) within the file
// system of `m`, a mount of that namespace it lies in.
std::string fs_path_in(const vfsmount& m, const std::string& path) {
  const std::string base = m.parent ? m.at : std::string();
  std::string rel;
  if (path.size() > base.size() && path.starts_with(base) && path[base.size()] == '/')
    rel = path.substr(base.size());
  return join_fs_path(m.root_path, rel == "/" ? std::string() : rel);
}

struct deferred_mounts : rcu::head {
  std::vector<mount_ptr> mounts;
  std::atomic<int>* pending = nullptr;
};

}  // namespace

// may_mount: CAP_SYS_ADMIN over the owner of the caller's mount namespace.
static bool may_mount(const access_ctx& ctx, const vfsmount& ns_root) {
  return !ctx.creds || ns_capable(*ctx.creds, mnt_owner(ns_root, *ctx.creds), CAP_SYS_ADMIN);
}

result<void> vfs::walk_mount_target(walker& d, const access_ctx& ctx, std::string_view dst,
                                     const vfsmount& ns_root) {
  if (auto r = d.run(dst, true); !r) return r.error();
  if (!d.node) return errc{ENOENT};
  if (!may_mount(ctx, ns_root)) return errc{EPERM};
  return ok();
}

template <class F>
result<void> vfs::with_mount_pair(const access_ctx& ctx, std::string_view src,
                                  std::string_view dst, F&& f) {
  std::vector<mount_ptr> replaced;
  result<void> r = ok();
  {
    rcu::read_guard g;
    const mount* ns_root = ns_root_of(ctx);
    walker d(*this, ctx);
    walker s(*this, ctx);
    r = walk_mount_target(d, ctx, dst, *ns_root);
    if (r) r = s.run(src, true);
    if (r && !s.node) r = errc{ENOENT};
    if (r) r = f(d, s, ns_root, replaced);
  }
  release_after_grace_period(replaced);
  return r;
}

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
    // Each goes private first, so that the peer groups stay whole for
    // the namespaces still alive (their roots are not in the table).
    for (auto& [key, m] : mounts_) change_mnt_propagation(m.get(), MS_PRIVATE);
    for (auto& [key, m] : mounts_) {
      m->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
      m->ns_root = nullptr;
      gone.push_back(std::move(m));
    }
    mounts_.clear();
  }
  release_after_grace_period(gone);
}

std::shared_ptr<vfsmount> vfs::new_mount(std::shared_ptr<const mount> parent, inode_ptr point,
                                         inode_ptr root, std::string at,
                                         std::shared_ptr<const super_info> sb,
                                         std::string root_path) {
  auto m = std::make_shared<vfsmount>(std::move(parent), std::move(point), std::move(root),
                                      std::move(at));
  m->sb = std::move(sb);
  m->root_path = std::move(root_path);
  m->ids = mount_ids_;
  m->id = mount_ids_->alloc();
  m->seq = ++mount_seq_;
  return m;
}

std::shared_ptr<vfsmount> vfs::clone_mnt(const mount* old, std::shared_ptr<const mount> parent,
                                         inode_ptr point, std::string at, int cl_flags,
                                         inode_ptr root, std::string root_path) {
  auto m = new_mount(std::move(parent), std::move(point), root ? std::move(root) : old->root,
                     std::move(at), old->sb, root_path.empty() ? old->root_path : root_path);
  // clone_mnt copies every flag (the locks too); lock_mnt_tree then
  // locks the copy's flags and its place.
  unsigned fl = old->flags.load(std::memory_order_relaxed);
  if (cl_flags & cl_lock) fl |= mnt_locked | lock_flags_of(fl);
  m->flags.store(fl, std::memory_order_relaxed);
  // clone_mnt's rules: a peer of a shared original unless made a slave or
  // private; a slave of the original (CL_SLAVE, or CL_SHARED_TO_SLAVE of a
  // shared one), else of the original's master unless private; a new
  // group when it is to be shared and is not yet.
  const bool not_peer = cl_flags & (cl_slave | cl_private | cl_shared_to_slave);
  if (!not_peer && old->group) set_shared(m.get(), old->group, old);
  if ((cl_flags & cl_slave) || ((cl_flags & cl_shared_to_slave) && old->group))
    set_master(m.get(), old->group, true);
  else if (!(cl_flags & cl_private) && old->master)
    set_master(m.get(), old->master);
  if ((cl_flags & cl_make_shared) && !m->group) set_shared(m.get(), alloc_group());
  return m;
}

const user_namespace* vfs::ns_userns(const mount* ns_root) {
  if (!ns_root || !ns_root->owner_ns) return nullptr;
  const user_namespace& u = ns_root->owner_ns->user_ns();
  return u.parent() ? &u : nullptr;
}

std::vector<const vfsmount*> vfs::children_of(const mount* m) {
  std::vector<const mount*> out;
  for (auto c = mounts_.lower_bound({m, nullptr}); c != mounts_.end() && c->first.first == m; ++c)
    out.push_back(c->second.get());
  std::sort(out.begin(), out.end(), [](const mount* a, const mount* b) { return a->seq < b->seq; });
  return out;
}

std::vector<const vfsmount*> vfs::subtree_of(const mount* top) {
  std::vector<const mount*> order;
  std::vector<const mount*> stack{top};
  while (!stack.empty()) {
    const mount* m = stack.back();
    stack.pop_back();
    order.push_back(m);
    auto kids = children_of(m);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  return order;
}

void vfs::copy_below(const mount* src, const std::string& src_path, mount_ptr top,
                     const std::string& top_path, int cl_flags, std::vector<mount_ptr>& out) {
  const std::string prefix = src_path == "/" ? "/" : src_path + "/";
  const std::string base = top_path == "/" ? std::string() : top_path;
  // Depth first, parents before children, each level in creation order
  // (copy_tree's next_mnt walk): the copies' ids and order follow it. A
  // mount left out takes everything below it along.
  struct step {
    const mount* orig;
    mount_ptr parent_copy;
  };
  std::vector<step> stack;
  auto push_children = [&stack](const std::vector<const mount*>& kids, const mount_ptr& copy) {
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, copy});
  };
  std::vector<const mount*> first;
  for (const mount* c : children_of(src))
    if (c->at.starts_with(prefix)) first.push_back(c);
  push_children(first, top);
  while (!stack.empty()) {
    step s = std::move(stack.back());
    stack.pop_back();
    const mount* c = s.orig;
    if ((c->flags & mnt_unbindable) && !(cl_flags & cl_copy_unbindable)) continue;
    if (!(cl_flags & cl_copy_mnt_ns_file) && c->root->is_ns_file() &&
        as_nsfs(*c->root)->ops().type == CLONE_NEWNS)
      continue;
    mount_ptr cc =
        clone_mnt(c, s.parent_copy, c->mountpoint, base + c->at.substr(prefix.size() - 1), cl_flags);
    out.push_back(cc);
    push_children(children_of(c), cc);
  }
}

void vfs::attach_tree(std::vector<mount_ptr>& tree, const mount* ns_root,
                      std::vector<mount_ptr>& replaced) {
  for (mount_ptr& m : tree) {
    m->ns_root = ns_root;
    const mount* parent = m->parent.get();
    inode* point = m->mountpoint.get();
    add_mount_locked(parent, point, std::move(m), replaced);
  }
  tree.clear();
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

void vfs::unhook_locked(const mount* m, std::vector<mount_ptr>& gone) {
  m->ns_root = nullptr;
  auto it = mounts_.find({m->parent.get(), m->mountpoint.get()});
  if (it == mounts_.end() || it->second.get() != m) return;
  it->second->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
  gone.push_back(std::move(it->second));
  mounts_.erase(it);
}

mount_ptr vfs::take_out_locked(const mount* m) {
  auto it = mounts_.find({m->parent.get(), m->mountpoint.get()});
  assert(it != mounts_.end() && it->second.get() == m);
  mount_ptr self = std::move(it->second);
  mounts_.erase(it);
  m->mountpoint->mounted_.fetch_sub(1, std::memory_order_relaxed);
  return self;
}

void vfs::put_at_locked(mount_ptr m, const mount* parent, inode_ptr point,
                        std::vector<mount_ptr>& old) {
  old.push_back(std::exchange(m->parent, parent->shared_from_this()));
  m->parent_rcu.store(parent, std::memory_order_release);
  m->mountpoint = std::move(point);
  const inode* at = m->mountpoint.get();
  [[maybe_unused]] const std::size_t before = old.size();
  add_mount_locked(parent, at, std::move(m), old);
  assert(old.size() == before);  // the place was free
}

const vfsmount* vfs::topmost_on_root(const mount* m) {
  for (auto it = mounts_.find({m, m->root.get()}); it != mounts_.end();
       it = mounts_.find({m, m->root.get()}))
    m = it->second.get();
  return m;
}

result<void> vfs::mount_bind(const access_ctx& ctx, std::string_view src, std::string_view dst,
                             bool recursive) {
  return with_mount_pair(ctx, src, dst, [&](walker& d, walker& s, const mount* ns_root,
                                             std::vector<mount_ptr>& replaced) -> result<void> {
    nsfs_inode* ns_file = as_nsfs(*s.node);
    // mnt_ns_loop: only a namespace newer than the caller's may be bound
    // (else a namespace could pin itself through its own tree).
    if (ns_file && ns_file->ops().type == CLONE_NEWNS &&
        to_mnt_ns(ns_file->ns()).mntns_id() <= mnt_ns_id_of(*ns_root))
      return errc{EINVAL};
    if (!d.is_mountable_place()) return errc{ENOENT};  // lock_mount
    lock_guard l(mounts_lock_);
    if (d.mnt->ns_root != ns_root) return errc{EINVAL};  // check_mnt(parent)
    // __do_loopback: an unbindable source is refused; a source outside
    // this mount namespace only if it is a namespace file; an unlinked one
    // is ENOENT (probed); a plain bind may not uncover what a locked mount
    // below the source hides.
    if (s.mnt->flags & mnt_unbindable) return errc{EINVAL};
    if (s.mnt->ns_root != ns_root && !ns_file) return errc{EINVAL};
    if (s.node->unlinked()) return errc{ENOENT};
    const std::string src_path = s.path();
    if (!recursive && !ns_file) {
      const std::string prefix = src_path == "/" ? "/" : src_path + "/";
      for (const mount* c : children_of(s.mnt))
        if ((c->flags & mnt_locked) && c->at.starts_with(prefix)) return errc{EINVAL};
    }
    if (s.node->is_dir() != d.node->is_dir()) return errc{ENOTDIR};
    // What the new mount shows, and of which file system.
    std::shared_ptr<const super_info> sb = s.mnt->sb;
    std::string root_path;
    std::optional<unsigned> flags;  // the source mount's, unless it is not a mount here
    if (ns_file) {
      sb = nsfs_sb_;
      root_path = ns_file->link_text();
      flags = 0;  // nsfs's internal mount has no flags ("rw", probed)
    } else if (s.mnt->sb == root_sb_ && proc_dir_ &&
               (src_path == "/proc" || src_path.starts_with("/proc/"))) {
      sb = proc_sb_;  // the model's procfs is not a mount of its own
      root_path = src_path == "/proc" ? "/" : src_path.substr(5);
      flags = world_proc_mnt_flags;
    } else {
      root_path = fs_path_in(*s.mnt, src_path);
    }
    const std::string dst_path = d.path();
    std::vector<mount_ptr> tree;
    auto top = clone_mnt(s.mnt, d.mnt_ref(), d.node_ref(), dst_path,
                         recursive ? cl_copy_mnt_ns_file : 0, s.node_ref(), root_path);
    top->sb = sb;
    if (flags) top->flags.store(*flags, std::memory_order_relaxed);
    top->flags &= ~mnt_locked;  // __do_loopback: the new mount can go
    tree.push_back(top);
    // copy_tree: chosen before the new mount is in the table (a directory
    // bound onto itself is not below itself).
    if (recursive && s.node->is_dir())
      copy_below(s.mnt, src_path, tree.front(), dst_path, cl_copy_mnt_ns_file, tree);
    graft_tree(tree, d.mnt, d.node, fs_path_in(*d.mnt, dst_path), replaced);
    return ok();
  });
}

namespace {

// proc_parse_pidns_param: the pid namespace whose file `path` is, opened as
// the caller opens it (filp_open, O_RDONLY), if the caller could have
// joined it (pidns_install's rules: CAP_SYS_ADMIN over its owner, and it is
// the caller's active one or below it).
result<pid_ns_ref> pidns_param(vfs& fs, const access_ctx& ctx, std::string_view path,
                               const pid_namespace* active) {
  auto f = fs.open(ctx, path, O_RDONLY);
  if (!f) return f.error();
  const nsfs_inode* ns = as_nsfs(*(*f)->node());
  if (!ns || ns->ops().type != CLONE_NEWPID) return errc{EINVAL};
  pid_namespace& target = to_pid_ns(ns->ns());
  if (ctx.creds && !ns_capable(*ctx.creds, target.user_ns(), CAP_SYS_ADMIN)) return errc{EPERM};
  if (active && !active->is_ancestor_of(target)) return errc{EINVAL};
  return pid_ns_ref::acquire(&target);
}

}  // namespace

result<void> vfs::mount_fs(const access_ctx& ctx, fs_type type, std::string_view source,
                           std::string_view dst, const user_namespace* sb_owner,
                           std::uint32_t mode, unsigned long ms_flags, std::string_view data,
                           const pid_namespace* active_pid_ns) {
  std::vector<mount_ptr> replaced;
  {
    rcu::read_guard g;
    const mount* ns_root = ns_root_of(ctx);
    walker d(*this, ctx);
    if (auto r = walk_mount_target(d, ctx, dst, *ns_root); !r) return r.error();
    // parse_monolithic_mount_data: before mount_capable, so bad data is
    // EINVAL even where the caller may not mount (probed order).
    tmpfs_params params;
    params.mode = mode;
    params.uid = ctx.creds ? ctx.creds->fsuid : global_root_uid;
    params.gid = ctx.creds ? ctx.creds->fsgid : global_root_gid;
    proc_mount_opts proc_opts;
    pid_ns_ref proc_pid_ns;  // pidns='s, the last one named
    if (type == fs_type::tmpfs) {
      if (auto r = parse_tmpfs_data(data, ctx.creds, params); !r) return r.error();
    } else {
      if (!proc_get_tree_) return errc{ENODEV};  // no procfs in this tree
      unsigned given = 0;
      auto pidns = [&](std::string_view path) -> result<void> {
        auto ns = pidns_param(*this, ctx, path, active_pid_ns);
        if (!ns) return ns.error();
        proc_pid_ns = std::move(*ns);
        // fc->user_ns: the proc belongs to that namespace's owner.
        sb_owner = &proc_pid_ns->user_ns();
        return ok();
      };
      if (auto r = parse_proc_data(data, ctx.creds, proc_opts, given, params.sb_set,
                                   params.sb_clear, pidns);
          !r)
        return r.error();
    }
    const unsigned sb_flags = (sb_flags_of(ms_flags) | params.sb_set) & ~params.sb_clear;
    // mount_capable: CAP_SYS_ADMIN over the new file system's owner.
    if (ctx.creds && sb_owner && !ns_capable(*ctx.creds, *sb_owner, CAP_SYS_ADMIN))
      return errc{EPERM};
    unsigned mnt_flags = mnt_flags_of(ms_flags, 0);
    if (type == fs_type::proc) {
      lock_guard l(mounts_lock_);  // namespace_sem, read
      if (mount_too_revealing(ns_root, mnt_flags)) return errc{EPERM};
    }
    if (!d.is_mountable_place()) return errc{ENOENT};  // lock_mount
    // proc_fill_super: a root of its own, for pidns='s pid namespace or the
    // caller's (taken here, outside the mount lock: it looks the caller up).
    auto proc_sb = type == fs_type::proc ? std::make_shared<proc_sb_options>(proc_opts) : nullptr;
    inode_ptr root = proc_sb ? proc_get_tree_(ctx, proc_sb, proc_pid_ns.get()) : nullptr;
    lock_guard l(mounts_lock_);
    if (d.mnt->ns_root != ns_root) return errc{EINVAL};
    if (!d.node->is_dir()) return errc{ENOTDIR};
    std::shared_ptr<super_info> sb;
    user_ns_ref owner =
        sb_owner ? user_ns_ref::acquire(const_cast<user_namespace*>(sb_owner)) : user_ns_ref();
    if (type == fs_type::proc) {
      // Each proc mount is a superblock of its own (since 5.8): a second
      // one on the root of the first stacks on it (probed), not EBUSY.
      sb = std::make_shared<super_info>("proc", std::string(source), procfs_dev, sb_flags,
                                        std::string(), std::move(owner));
      sb->proc = std::move(proc_sb);
    } else {
      // shmem_fill_super: size= and nr_inodes= limit this file system's
      // pages and inodes (0: no limit; unset, the kernel's default of half
      // of memory, which the model does not enforce).
      root = tmpfs_dir::make_root(
          std::make_shared<tmpfs_sb>(params.blocks.value_or(0), params.inodes.value_or(0)),
          next_ino(), params.mode, params.uid, params.gid);
      sb = std::make_shared<super_info>("tmpfs", std::string(source), dev_id{0, tmpfs_minor_++},
                                        sb_flags, show_tmpfs_options(params), std::move(owner));
      sb->tmpfs = std::make_shared<tmpfs_params>(params);
      sb->tmpfs_space = static_cast<tmpfs_dir&>(*root).sb();
    }
    const std::string dst_path = d.path();
    std::vector<mount_ptr> tree;
    tree.push_back(new_mount(d.mnt_ref(), d.node_ref(), std::move(root), dst_path, std::move(sb), "/"));
    tree.front()->flags.store(mnt_flags, std::memory_order_relaxed);
    graft_tree(tree, d.mnt, d.node, fs_path_in(*d.mnt, dst_path), replaced);
  }
  release_after_grace_period(replaced);
  return ok();
}

result<void> vfs::change_type(const access_ctx& ctx, std::string_view dst, unsigned long flags) {
  const unsigned long type = flags & ~static_cast<unsigned long>(MS_REC);
  rcu::read_guard g;
  const mount* ns_root = ns_root_of(ctx);
  walker w(*this, ctx);
  if (auto r = w.run(dst, true); !r) return r.error();
  if (!w.node) return errc{ENOENT};
  if (!may_mount(ctx, *ns_root)) return errc{EPERM};
  // do_change_type: the root of a mount (a namespace's root too), of the
  // caller's namespace, and exactly one type.
  if (w.node != w.mnt->root.get()) return errc{EINVAL};
  if (type != MS_SHARED && type != MS_SLAVE && type != MS_PRIVATE && type != MS_UNBINDABLE)
    return errc{EINVAL};
  lock_guard l(mounts_lock_);
  if (w.mnt->ns_root != ns_root) return errc{EINVAL};
  // Depth first, parents before children, as the kernel's next_mnt: the
  // order new peer group ids are given in (probed).
  const std::vector<const mount*> order =
      (flags & MS_REC) ? subtree_of(w.mnt) : std::vector<const mount*>{w.mnt};
  for (const mount* m : order) change_mnt_propagation(m, type);
  return ok();
}

result<void> vfs::move_mount(const access_ctx& ctx, std::string_view src, std::string_view dst) {
  return with_mount_pair(ctx, src, dst, [&](walker& d, walker& s, const mount* ns_root,
                                             std::vector<mount_ptr>& replaced) -> result<void> {
    if (!d.is_mountable_place()) return errc{ENOENT};  // lock_mount
    lock_guard l(mounts_lock_);
    const mount* old = s.mnt;
    if (s.node != old->root.get()) return errc{EINVAL};
    // The source must be detachable from where it is: in this namespace,
    // not its root, not locked, and not under a shared mount (the move
    // would have to be propagated as a umount there: unsupported).
    if (old->ns_root != ns_root || !old->has_parent() || (old->flags & mnt_locked))
      return errc{EINVAL};
    if (old->parent->group) return errc{EINVAL};
    if (d.mnt->ns_root != ns_root) return errc{EINVAL};
    const std::vector<const mount*> tree = subtree_of(old);
    if (d.mnt->group && std::any_of(tree.begin(), tree.end(), [](const mount* m) {
          return (m->flags & mnt_unbindable) != 0;
        }))
      return errc{EINVAL};
    // A tree cannot go onto itself or below itself.
    for (const mount* p = d.mnt; p; p = p->parent.get())
      if (p == old) return errc{ELOOP};
    if (s.node->is_dir() != d.node->is_dir()) return errc{EINVAL};
    // attach_recursive_mnt, moving: under a shared mount the tree shares
    // (new groups in tree order), then its copies go to the peers and
    // slaves of the new parent, as for a new mount there.
    if (d.mnt->group)
      for (const mount* m : tree)
        if (!m->group) set_shared(m, alloc_group());
    const std::string dst_path = d.path();
    const std::size_t old_len = old->at.size();
    mount_ptr self = take_out_locked(old);
    for (const mount* m : tree) {
      // The old place is kept for the files opened before (vfs::d_path).
      m->moved_from.push_back(m->at);
      m->at = dst_path + m->at.substr(old_len);
      m->at_gen.store(static_cast<std::uint32_t>(m->moved_from.size()), std::memory_order_release);
    }
    put_at_locked(std::move(self), d.mnt, d.node_ref(), replaced);
    if (d.mnt->group) {
      new_since_ = mount_seq_ + 1;  // a moved tree is not new: only its copies are
      graft_userns_ = ns_userns(d.mnt->ns_root);
      propagate_to(d.mnt->group, old, d.mnt, d.node, fs_path_in(*d.mnt, dst_path), replaced);
    }
    return ok();
  });
}

result<void> vfs::umount(const access_ctx& ctx, std::string_view dst) {
  // umount_tree: the mount and every mount below it go, once no walk can
  // still be on them (namespace_unlock's synchronize_rcu).
  std::vector<mount_ptr> gone;
  {
    rcu::read_guard g;
    const mount* ns_root = ns_root_of(ctx);
    walker w(*this, ctx);
    if (auto r = w.run(dst, true); !r) return r.error();
    if (!w.node) return errc{ENOENT};
    if (!may_mount(ctx, *ns_root)) return errc{EPERM};
    // LOOKUP_MOUNTPOINT: where a magic link landed, the mounts stacked
    // there are entered (umount of /proc/self/fd/N takes the top one).
    const mount* mnt = w.mnt;
    inode* node = w.node;
    follow_mounts(mnt, node);
    if (!mnt->has_parent() || node != mnt->root.get()) return errc{EINVAL};
    lock_guard l(mounts_lock_);
    // can_umount: a mount of the caller's namespace, not locked there.
    if (mnt->ns_root != ns_root || (mnt->flags & mnt_locked)) return errc{EINVAL};
    auto it = mounts_.find({mnt->parent.get(), mnt->mountpoint.get()});
    if (it == mounts_.end() || it->second.get() != mnt) return errc{EINVAL};
    umount_tree(mnt, gone);
  }
  release_after_grace_period(gone);
  return ok();
}

mount_ptr vfs::copy_tree_for_ns(const vfsmount* old_root, const mnt_namespace& ns, bool to_slave) {
  std::vector<mount_ptr> replaced;
  lock_guard l(mounts_lock_);
  const mount* old = old_root ? old_root : root_mount_.get();
  const int flags = cl_copy_unbindable | (to_slave ? cl_shared_to_slave : 0);
  auto root = clone_mnt(old, nullptr, nullptr, std::string(), flags);
  root->owner_ns = &ns;
  root->flags &= ~mnt_locked;
  // lock_mnt_tree covers the root too: its flags are locked, not its place.
  if (to_slave) root->flags |= lock_flags_of(root->flags.load(std::memory_order_relaxed));
  root->ns_root = root.get();
  std::vector<mount_ptr> tree;
  // lock_mnt_tree: in a namespace of a less privileged user namespace no
  // mount can be taken off to uncover what it hides (umount: EINVAL).
  copy_below(old, "/", root, "/", flags | (to_slave ? cl_lock : 0), tree);
  attach_tree(tree, root.get(), replaced);
  return root;
}

void vfs::drop_ns_tree(const vfsmount* root) {
  auto* d = new deferred_mounts;
  d->pending = &pending_drops_;
  pending_drops_.fetch_add(1, std::memory_order_relaxed);
  {
    lock_guard l(mounts_lock_);
    // umount_tree without propagation: the peers elsewhere keep theirs.
    std::vector<const mount*> mine;
    for (const auto& [key, m] : mounts_)
      if (m->ns_root == root) mine.push_back(m.get());
    std::sort(mine.begin(), mine.end(), [](const mount* a, const mount* b) { return a->seq < b->seq; });
    for (const mount* m : mine) {
      change_mnt_propagation(m, MS_PRIVATE);
      unhook_locked(m, d->mounts);
    }
    change_mnt_propagation(root, MS_PRIVATE);
    root->ns_root = nullptr;
    for (const mount_ptr& m : d->mounts) m->detached.store(true, std::memory_order_release);
  }
  // Freed after a grace period: a walk may still be on them, and this can
  // be reached inside a read section (the last reference to the namespace).
  // The count drops after the mounts are freed: freeing them can end
  // another namespace (a bound namespace file), whose drop counts first.
  rcu::call(d, [](rcu::head* h) {
    auto* dm = static_cast<deferred_mounts*>(h);
    std::atomic<int>* pending = dm->pending;
    delete dm;
    pending->fetch_sub(1, std::memory_order_release);
  });
}

}  // namespace netns::fs
