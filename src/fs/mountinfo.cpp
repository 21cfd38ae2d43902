// SPDX-License-Identifier: GPL-2.0-only
// /proc/PID/mountinfo's text (fs/proc_namespace.c's show_mountinfo): one
// line per mount of the namespace, in the namespace's order (creation
// order: the kernel keeps them sorted by their unique id, probed: a mount
// that reuses a freed id still comes last).
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "netns/fs/vfs.hpp"
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

}  // namespace

std::string vfs::mountinfo(const vfsmount* root) {
  lock_guard l(mounts_lock_);
  const mount* ns_root = root ? root : root_mount_.get();
  std::vector<const mount*> mine{ns_root};
  for (const auto& [key, m] : mounts_)
    if (m->ns_root == ns_root) mine.push_back(m.get());
  std::sort(mine.begin(), mine.end(), [](const mount* a, const mount* b) { return a->seq < b->seq; });
  std::string out;
  for (const mount* m : mine) {
    const int parent = m->parent ? m->parent->id : m->id;
    const std::string at = m->parent ? m->at : std::string("/");
    out += fmt::format("{} {} {}:{} {} {} rw,relatime", m->id, parent, m->sb->dev.major,
                       m->sb->dev.minor, mangle(m->root_path), mangle(at));
    if (m->group) out += fmt::format(" shared:{}", m->group->id);
    if (m->master) {
      out += fmt::format(" master:{}", m->master->id);
      const int dom = dominating_id(*m);
      if (dom && dom != m->master->id) out += fmt::format(" propagate_from:{}", dom);
    }
    if (m->flags & mnt_unbindable) out += " unbindable";
    out += fmt::format(" - {} {} rw\n", m->sb->fstype, mangle(m->sb->source));
  }
  return out;
}

}  // namespace netns::fs
