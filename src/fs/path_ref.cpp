// SPDX-License-Identifier: GPL-2.0-only
// Naming a kept place (a task's root or working directory) for a reader
// (fs/d_path.c's prepend_path, getcwd). The place's chain of directories
// above it is the walk up the kernel makes with d_parent and mnt_parent.
#include "netns/fs/inode.hpp"

namespace netns::fs {

namespace {
bool same(const mount_ptr& m, const inode_ptr& d, const path_ref& root) {
  return d == root.dir && m == root.mnt;
}
}  // namespace

std::string path_seen_from(const path_ref& at, const path_ref* reader_root,
                           bool mark_unreachable) {
  if (!reader_root || !*reader_root) return at.path;
  if (same(at.mnt, at.dir, *reader_root)) return "/";
  // The nearest directory above `at` that is the reader's root: what lies
  // below it names `at` from there.
  for (std::size_t i = at.above.size(); i-- > 0;) {
    if (!same(at.above[i].mnt, at.above[i].dir, *reader_root)) continue;
    std::string p;
    for (std::size_t j = i; j < at.above.size(); ++j) (p += '/') += at.above[j].name;
    return p;
  }
  // The walk up reached the namespace's root without meeting the reader's.
  return mark_unreachable ? "(unreachable)" + at.path : at.path;
}

}  // namespace netns::fs
