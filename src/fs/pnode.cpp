// SPDX-License-Identifier: GPL-2.0-only
// Mount propagation (fs/pnode.c): peer groups, masters and slaves, the
// change of a mount's propagation type, the copies a mount under a shared
// mount makes at its peers and slaves (propagate_mnt), and the mounts a
// umount takes with it there (propagate_umount). All under mounts_lock_.
#include <sys/mount.h>

#include <algorithm>
#include <set>

#include "mount_flags.hpp"
#include "mount_ids.hpp"
#include "netns/fs/vfs.hpp"
#include "pnode.hpp"

namespace netns::fs {

namespace {
void erase_from(std::vector<const vfsmount*>& v, const vfsmount* m) {
  v.erase(std::remove(v.begin(), v.end(), m), v.end());
}
// The part of `fs_path` below `root` (a directory path within the same
// file system), or nullopt-like "" with ok=false when it is not below it.
bool below(const std::string& fs_path, const std::string& root, std::string& rel) {
  if (root == "/") {
    rel = fs_path == "/" ? std::string() : fs_path;
    return true;
  }
  if (fs_path == root) {
    rel.clear();
    return true;
  }
  if (fs_path.starts_with(root) && fs_path[root.size()] == '/') {
    rel = fs_path.substr(root.size());
    return true;
  }
  return false;
}
}  // namespace

peer_group* vfs::alloc_group() {
  auto g = std::make_unique<peer_group>();
  g->id = group_ids_->alloc();
  peer_group* raw = g.get();
  groups_.emplace(raw->id, std::move(g));
  return raw;
}

// set_mnt_shared, or list_add(&mnt->mnt_share, &old->mnt_share): joins the
// ring right after `after` (at the end without one). Shared mounts are
// not unbindable.
void vfs::set_shared(const mount* m, peer_group* g, const mount* after) {
  m->group = g;
  auto at = after ? std::find(g->members.begin(), g->members.end(), after) : g->members.end();
  g->members.insert(at == g->members.end() ? at : at + 1, m);
  m->flags &= ~mnt_unbindable;
}

void vfs::set_master(const mount* m, peer_group* g, bool at_front) {
  if (m->master) erase_from(m->master->slaves, m);
  m->master = g;
  if (!g) return;
  if (at_front)
    g->slaves.insert(g->slaves.begin(), m);
  else
    g->slaves.push_back(m);
}

// The first half of do_make_slave: m leaves its peer group. The last peer
// to go takes the group with it: its slaves then receive from the group's
// own master (the member's), and its id is free again.
void vfs::leave_group(const mount* m) {
  peer_group* g = m->group;
  if (!g) return;
  erase_from(g->members, m);
  m->group = nullptr;
  if (!g->members.empty()) return;
  std::vector<const mount*> orphans = std::move(g->slaves);
  g->slaves.clear();
  for (const mount* s : orphans) {
    s->master = nullptr;
    set_master(s, m->master);
  }
  group_ids_->release(g->id);
  groups_.erase(g->id);
}

// change_mnt_propagation for one mount. MS_SLAVE makes a shared mount a
// slave of its former peers (none left: it keeps its own master); private
// and unbindable end every propagation; only those two touch the
// unbindable flag (probed: --make-rslave keeps it).
void vfs::change_mnt_propagation(const mount* m, unsigned long type) {
  if (type == MS_SHARED) {
    if (!m->group) set_shared(m, alloc_group());
    m->flags &= ~mnt_unbindable;
    return;
  }
  peer_group* g = m->group;
  const bool peers_left = g && g->members.size() > 1;
  leave_group(m);
  if (type == MS_SLAVE) {
    if (peers_left) set_master(m, g);
    return;
  }
  set_master(m, nullptr);
  if (type == MS_UNBINDABLE)
    m->flags |= mnt_unbindable;
  else
    m->flags &= ~mnt_unbindable;
}

std::vector<const vfsmount*> vfs::propagation_targets(const mount* m) {
  std::vector<const mount*> out;
  if (!m->group) return out;
  std::vector<peer_group*> todo{m->group};
  std::set<peer_group*> seen{m->group};
  for (std::size_t i = 0; i < todo.size(); ++i) {
    peer_group* g = todo[i];
    for (const mount* p : g->members)
      if (p != m) out.push_back(p);
    for (const mount* s : g->slaves) {
      if (!s->group) {
        out.push_back(s);
      } else if (seen.insert(s->group).second) {
        todo.push_back(s->group);
      }
    }
  }
  return out;
}

const vfsmount* vfs::propagate_one(const mount* m, const mount* tree_top, int cl_flags,
                                   inode* point, const std::string& point_fs_path,
                                   std::vector<mount_ptr>& replaced) {
  // Mounts this graft made (its own tree, copies made so far) receive
  // nothing from it: a bind of a shared mount below itself gets no copy
  // of itself (probed).
  if (m->seq >= new_since_) return nullptr;
  // The mount point must be inside what m shows.
  std::string rel;
  if (!below(point_fs_path, m->root_path, rel)) return nullptr;
  std::shared_ptr<const mount> parent = m->shared_from_this();
  const std::string at = (m->parent ? m->at : std::string()) + (rel.empty() ? "" : rel);
  std::vector<mount_ptr> tree;
  tree.push_back(clone_mnt(tree_top, parent, point->shared_from_this(), at.empty() ? "/" : at,
                           cl_flags));
  copy_below(tree_top, tree_top->parent ? tree_top->at : std::string("/"), tree.front(),
             tree.front()->at, cl_flags & ~cl_private, tree);
  const mount* top = tree.front().get();
  // Across user namespaces, lock_mnt_tree: the copies' flags are locked
  // and so is their place, but for the top's, which may be unmounted
  // (probed).
  if (ns_userns(m->ns_root) != graft_userns_) {
    for (const mount_ptr& c : tree) {
      const unsigned fl = c->flags.load(std::memory_order_relaxed);
      c->flags.store(fl | mnt_locked | lock_flags_of(fl), std::memory_order_relaxed);
    }
    tree.front()->flags &= ~mnt_locked;
  }
  // A mount of m's own at that place already stays on top: the copy goes
  // in under it, and it moves onto the copy's root (on whatever the copy
  // has there), at the same path (attach_recursive_mnt's tuck, probed).
  mount_ptr tucked;
  if (auto it = mounts_.find({m, point}); it != mounts_.end())
    tucked = take_out_locked(it->second.get());
  // Attached at once, so that a later target finds it (a copy's copies
  // are made from what is there).
  attach_tree(tree, m->ns_root, replaced);
  if (tucked) {
    const mount* under = topmost_on_root(top);
    put_at_locked(std::move(tucked), under, under->root, replaced);
  }
  return top;
}

// propagate_mnt over group x, whose copies come from tree_top's tree:
// peers get peers of it; a plain slave gets a slave; a shared slave
// group's first member gets a slave that is shared in a new group, which
// the rest of that group's members then get peers of, and so on down.
void vfs::propagate_to(peer_group* x, const mount* tree_top, const mount* skip, inode* point,
                       const std::string& point_fs_path,
                       std::vector<mount_ptr>& replaced) {
  // next_peer from `skip`: the ring after it, then before it.
  std::vector<const mount*> peers = x->members;
  if (auto it = std::find(peers.begin(), peers.end(), skip); it != peers.end())
    std::rotate(peers.begin(), it + 1, peers.end());
  for (const mount* p : peers)
    if (p != skip) propagate_one(p, tree_top, cl_make_shared, point, point_fs_path, replaced);
  std::set<peer_group*> seen;
  const std::vector<const mount*> slaves = x->slaves;
  for (const mount* s : slaves) {
    if (!s->group) {
      propagate_one(s, tree_top, cl_slave, point, point_fs_path, replaced);
      continue;
    }
    if (!seen.insert(s->group).second) continue;
    for (const mount* first : s->group->members) {
      const mount* made =
          propagate_one(first, tree_top, cl_slave | cl_make_shared, point, point_fs_path, replaced);
      if (!made) continue;
      propagate_to(s->group, made, first, point, point_fs_path, replaced);
      break;
    }
  }
}

void vfs::graft_tree(std::vector<mount_ptr>& tree, const mount* dest, inode* point,
                     const std::string& point_fs_path, std::vector<mount_ptr>& replaced) {
  // invent_group_ids: under a shared mount every mount of the new tree
  // shares, in tree order.
  if (dest->group)
    for (const mount_ptr& m : tree)
      if (!m->group) set_shared(m.get(), alloc_group());
  const mount* top = tree.front().get();
  new_since_ = top->seq;  // made first: copy_tree's order
  graft_userns_ = ns_userns(dest->ns_root);
  attach_tree(tree, dest->ns_root, replaced);
  if (dest->group) propagate_to(dest->group, top, dest, point, point_fs_path, replaced);
}

void vfs::umount_tree(const mount* top, std::vector<mount_ptr>& gone) {
  std::vector<const mount*> going{top};
  for (std::size_t i = 0; i < going.size(); ++i)
    for (const mount* c : children_of(going[i])) going.push_back(c);
  std::set<const mount*> going_set(going.begin(), going.end());
  // propagate_umount: where a going mount's parent propagates, the mount
  // at the same place of each target goes too, unless something that is
  // not going is mounted below it (probed: such a mount stays). A parent
  // that goes itself still propagates: umount of a tree takes the copies
  // of its submounts from the peers of the mounts they hang on, even
  // where the copy of the tree's top stays (its own parent is private).
  std::vector<const mount*> candidates;
  std::set<const mount*> cand_set;
  for (const mount* g : going) {
    const mount* p = g->parent.get();
    if (!p || !p->group) continue;
    // g's copies are among its own propagation targets. A mount of its own
    // that a target has at that place (the copy is tucked under it, or it
    // was there before the original) is not one: it stays.
    std::vector<const mount*> copies;
    if (g->group) copies = propagation_targets(g);
    for (const mount* t : propagation_targets(p)) {
      auto it = mounts_.find({t, g->mountpoint.get()});
      if (it == mounts_.end()) continue;
      const mount* c = it->second.get();
      if (g->group && std::find(copies.begin(), copies.end(), c) == copies.end()) continue;
      if (going_set.count(c) || !cand_set.insert(c).second) continue;
      candidates.push_back(c);
    }
  }
  // A candidate with a mount of its own below it stays; the one on its
  // root (its overmount: a slave's mount that a copy was tucked under)
  // does not keep it, but drops back onto the place it covers.
  auto overmounts = [](const mount* c, const mount* k) {
    return k->mountpoint.get() == c->root.get();
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (const mount* c : candidates) {
      if (!cand_set.count(c)) continue;
      for (const mount* k : children_of(c))
        if (!cand_set.count(k) && !going_set.count(k) && !overmounts(c, k)) {
          cand_set.erase(c);
          changed = true;
          break;
        }
    }
  }
  for (const mount* c : candidates)
    if (cand_set.count(c)) {
      going.push_back(c);
      going_set.insert(c);
    }
  // reparent: each overmount that stays goes where the lowest of the
  // going mounts below it was attached, once they are off the table.
  struct drop {
    const mount* m;
    const mount* parent;
    inode_ptr point;
  };
  std::vector<drop> drops;
  for (const mount* c : going) {
    auto it = mounts_.find({c, c->root.get()});
    if (it == mounts_.end() || going_set.count(it->second.get())) continue;
    const mount* p = c;
    inode_ptr point;
    do {
      point = p->mountpoint;
      p = p->parent.get();
    } while (going_set.count(p));
    drops.push_back({it->second.get(), p, std::move(point)});
  }
  std::vector<mount_ptr> moved;
  for (drop& d : drops) moved.push_back(take_out_locked(d.m));
  for (const mount* m : going) {
    // umount_tree: each goes private (its slaves move on), then off the table.
    change_mnt_propagation(m, MS_PRIVATE);
    unhook_locked(m, gone);
  }
  for (std::size_t i = 0; i < drops.size(); ++i)
    put_at_locked(std::move(moved[i]), drops[i].parent, std::move(drops[i].point), gone);
  for (const mount_ptr& gm : gone) gm->detached.store(true, std::memory_order_release);
}

}  // namespace netns::fs
