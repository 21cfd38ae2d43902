// SPDX-License-Identifier: GPL-2.0-only
// /proc/PID/mountinfo's and /proc/PID/mounts's texts (fs/proc_namespace.c's
// show_mountinfo and show_vfsmnt): one line per mount of the namespace, in
// the namespace's order (creation order: the kernel keeps them sorted by
// their unique id, probed: a mount that reuses a freed id still comes
// last).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "netns/fs/vfs.hpp"
#include "mount_flags.hpp"
#include "pnode.hpp"

namespace netns::fs {

namespace {

// mangle(): blanks, tabs, newlines and backslashes as octal escapes.
std::string mangle(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\\')
      out += fmt::format("\\{:03o}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out;
}

// get_dominating_id: the nearest master group up the chain with a member
// in the reader's namespace (0: none).
int dominating_id(const vfsmount& m) {
  for (const peer_group* g = m.master; g;) {
    for (const vfsmount* p : g->members)
      if (p->ns_root == m.ns_root) return g->id;
    g = g->members.empty() ? nullptr : g->members.front()->master;
  }
  return 0;
}

// show_mountinfo's per-mount options: the mount's own read-only flag
// (not its file system's), then its other flags.
std::string mnt_opts(const vfsmount& m) {
  const unsigned fl = m.flags.load(std::memory_order_relaxed);
  return ((fl & mnt_readonly) ? "ro" : "rw") + show_mnt_opts(fl);
}

// The file system's own options: a proc's as they are now (a remount
// changes them), any other's as they were made.
std::string fs_opts(const super_info& sb) {
  return sb.proc ? show_proc_options(sb.proc->load()) : sb.options;
}

// The super options: the file system's read-only flag and its other
// flags, then its own options (tmpfs's mode=...).
std::string super_opts(const super_info& sb) {
  const unsigned fl = sb.sb_flags.load(std::memory_order_relaxed);
  return ((fl & sb_rdonly) ? "ro" : "rw") + show_sb_opts(fl) + fs_opts(sb);
}

// show_vfsmnt's options: read-only if the mount or its file system is,
// then the file system's flags, the mount's, and the file system's own.
std::string vfsmnt_opts(const vfsmount& m) {
  const unsigned fl = m.flags.load(std::memory_order_relaxed);
  return std::string(m.is_readonly() ? "ro" : "rw") +
         show_sb_opts(m.sb->sb_flags.load(std::memory_order_relaxed)) + show_mnt_opts(fl) +
         fs_opts(*m.sb);
}

// The mount point of m as a reader whose root is `chroot` (a path in the
// namespace; "" for its root) names it, or nothing when that root cannot
// reach it (the mounts above and beside a chroot).
std::optional<std::string> seen_from(const vfsmount& m, std::string_view chroot) {
  const std::string at = m.parent ? m.at : std::string("/");
  if (chroot.empty() || chroot == "/") return at;
  if (at == chroot) return std::string("/");
  if (at.size() > chroot.size() && at.starts_with(chroot) && at[chroot.size()] == '/')
    return at.substr(chroot.size());
  return std::nullopt;
}

}  // namespace

std::vector<const vfsmount*> vfs::ns_mounts_in_order(const vfsmount* root) {
  const mount* ns_root = root ? root : root_mount_.get();
  std::vector<const mount*> mine{ns_root};
  for (const auto& [key, m] : mounts_)
    if (m->ns_root == ns_root) mine.push_back(m.get());
  std::sort(mine.begin(), mine.end(), [](const mount* a, const mount* b) { return a->seq < b->seq; });
  return mine;
}

namespace {

// `p` (a path taken when f's mount was at `then`) with that part replaced
// by `now`.
std::string moved(std::string p, const std::string& then, const std::string& now) {
  if (p.starts_with(then) && (p.size() == then.size() || p[then.size()] == '/' || p[then.size()] == ' '))
    p = now + p.substr(then.size());
  return p;
}

}  // namespace

std::string vfs::d_path(const file& f) {
  std::string p = f.d_path();
  const vfsmount* m = f.mnt();
  if (!m || m->at_gen.load(std::memory_order_acquire) == f.at_gen()) return p;
  lock_guard l(mounts_lock_);
  if (m->detached.load(std::memory_order_acquire) || f.at_gen() >= m->moved_from.size()) return p;
  return moved(std::move(p), m->moved_from[f.at_gen()], m->at);
}

std::string vfs::current_path(const file& f) {
  const vfsmount* m = f.mnt();
  if (!m || m->at_gen.load(std::memory_order_acquire) == f.at_gen()) return f.path();
  lock_guard l(mounts_lock_);
  if (f.at_gen() >= m->moved_from.size()) return f.path();
  return moved(f.path(), m->moved_from[f.at_gen()], m->at);
}

std::string vfs::mounts_table(const vfsmount* root, std::string_view chroot) {
  lock_guard l(mounts_lock_);
  std::string out;
  for (const mount* m : ns_mounts_in_order(root)) {
    auto seen = seen_from(*m, chroot);
    if (!seen) continue;
    const std::string& at = *seen;
    out += fmt::format("{} {} {} {} 0 0\n", mangle(m->sb->source), mangle(at), m->sb->fstype,
                       vfsmnt_opts(*m));
  }
  return out;
}

std::string vfs::mountinfo(const vfsmount* root, std::string_view chroot) {
  lock_guard l(mounts_lock_);
  std::string out;
  for (const mount* m : ns_mounts_in_order(root)) {
    auto seen = seen_from(*m, chroot);
    if (!seen) continue;
    const int parent = m->parent ? m->parent->id : m->id;
    const std::string& at = *seen;
    out += fmt::format("{} {} {}:{} {} {} {}", m->id, parent, m->sb->dev.major, m->sb->dev.minor,
                       mangle(m->root_path), mangle(at), mnt_opts(*m));
    if (m->group) out += fmt::format(" shared:{}", m->group->id);
    if (m->master) {
      out += fmt::format(" master:{}", m->master->id);
      const int dom = dominating_id(*m);
      if (dom && dom != m->master->id) out += fmt::format(" propagate_from:{}", dom);
    }
    if (m->flags & mnt_unbindable) out += " unbindable";
    out += fmt::format(" - {} {} {}\n", m->sb->fstype, mangle(m->sb->source), super_opts(*m->sb));
  }
  return out;
}

}  // namespace netns::fs
