// SPDX-License-Identifier: GPL-2.0-only
// statfs(2) of the model's file systems (struct kstatfs): what vfs_statfs
// reports for a path's mount and super block. procfs and nsfs answer as
// simple_statfs (a type and sizes, no counts), tmpfs as shmem_statfs (its
// size= and nr_inodes= limits and what is in use, all 0 when unlimited).
// f_flags is ST_VALID with the mount's flags and the super block's
// (calculate_f_flags). Values probed on the reference kernel.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   #include "netns/task/syscalls.hpp"
//   machine m;
//   auto s = sys_statfs(m.init_task(), "/run");   // the world's /run, a tmpfs
//   if (s && s->type == fs::tmpfs_magic && (s->flags & fs::st_valid)) { /* as the kernel's */ }
#pragma once

#include <cstdint>

namespace netns::fs {

class inode;

inline constexpr long tmpfs_magic = 0x01021994;
inline constexpr long proc_super_magic = 0x9fa0;
inline constexpr long nsfs_magic = 0x6e736673;

// f_flags bits (ST_*; ST_VALID says f_flags is filled in).
inline constexpr long st_rdonly = 0x0001, st_nosuid = 0x0002, st_nodev = 0x0004, st_noexec = 0x0008,
                      st_synchronous = 0x0010, st_valid = 0x0020, st_noatime = 0x0400,
                      st_nodiratime = 0x0800, st_relatime = 0x1000, st_nosymfollow = 0x2000;

struct statfs_info {
  long type = 0;
  long bsize = 0;
  std::uint64_t blocks = 0, bfree = 0, bavail = 0, files = 0, ffree = 0;
  // f_fsid: the device (huge_encode_dev) for procfs and nsfs; a tmpfs's is
  // made from a random uuid on the kernel, 0 here.
  std::uint32_t fsid[2] = {0, 0};
  long namelen = 0;
  long frsize = 0;
  long flags = 0;
};

struct super_info;

// What statfs says of `node` in a mount of `sb` with the MNT_* flags
// `mnt_flags` (sb nullptr: an nsfs file reached through a magic link, on
// the kernel's internal nsfs mount).
statfs_info statfs_of(const super_info* sb, unsigned mnt_flags, const inode& node);

}  // namespace netns::fs
