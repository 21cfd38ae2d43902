// SPDX-License-Identifier: GPL-2.0-only
// statfs: vfs_statfs's answer for a mount and an inode (statfs.hpp).
#include "netns/fs/statfs.hpp"

#include <algorithm>

#include "netns/fs/inode.hpp"
#include "netns/fs/mount.hpp"
#include "netns/fs/tmpfs.hpp"

namespace netns::fs {

namespace {

constexpr long page_size = 4096;  // PAGE_SIZE
constexpr long name_max = 255;    // NAME_MAX

// The device number as a 32-bit fsid word (huge_encode_dev).
std::uint32_t huge_encode_dev(dev_id d) {
  return (d.minor & 0xff) | (d.major << 8) | ((d.minor & ~0xffU) << 12);
}

// flags_by_mnt and flags_by_sb.
long st_flags(unsigned mnt_flags, unsigned sb_flags) {
  long f = st_valid;
  if (mnt_flags & mnt_readonly) f |= st_rdonly;
  if (mnt_flags & mnt_nosuid) f |= st_nosuid;
  if (mnt_flags & mnt_nodev) f |= st_nodev;
  if (mnt_flags & mnt_noexec) f |= st_noexec;
  if (mnt_flags & mnt_noatime) f |= st_noatime;
  if (mnt_flags & mnt_nodiratime) f |= st_nodiratime;
  if (mnt_flags & mnt_relatime) f |= st_relatime;
  if (mnt_flags & mnt_nosymfollow) f |= st_nosymfollow;
  if (sb_flags & sb_rdonly) f |= st_rdonly;
  if (sb_flags & sb_synchronous) f |= st_synchronous;
  return f;
}

}  // namespace

statfs_info statfs_of(const super_info* sb, unsigned mnt_flags, const inode& node) {
  statfs_info s;
  s.bsize = page_size;
  s.frsize = page_size;  // statfs_by_dentry: f_frsize defaults to f_bsize
  s.namelen = name_max;
  // A namespace file is on nsfs whatever path led to it: through a magic
  // link, on the kernel's internal mount (no flags); bound somewhere, on
  // that bind mount (whose super block is nsfs).
  if (node.is_ns_file()) {
    s.type = nsfs_magic;
    s.fsid[0] = huge_encode_dev(nsfs_dev);
    const bool bound = sb && sb->fstype == "nsfs";
    s.flags = bound ? st_flags(mnt_flags, sb->sb_flags.load()) : st_valid;
    return s;
  }
  if (!sb) return s;
  s.flags = st_flags(mnt_flags, sb->sb_flags.load());
  if (sb->fstype == "tmpfs") {
    // shmem_statfs: the limits and what is free of them (nothing when
    // unlimited); the fsid is the kernel's random uuid's, left 0.
    s.type = tmpfs_magic;
    if (const tmpfs_sb* space = sb->tmpfs_space.get()) {
      if (const std::uint64_t max = space->max_blocks()) {
        s.blocks = max;
        s.bfree = s.bavail = max - std::min(max, space->used_blocks());
      }
      if (const std::uint64_t max = space->max_inodes()) {
        s.files = max;
        s.ffree = max - std::min(max, space->used_inodes());
      }
    }
    return s;
  }
  if (sb->fstype == "proc") s.type = proc_super_magic;
  else if (sb->fstype == "nsfs") s.type = nsfs_magic;
  s.fsid[0] = huge_encode_dev(sb->dev);
  return s;
}

}  // namespace netns::fs
