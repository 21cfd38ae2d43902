// SPDX-License-Identifier: GPL-2.0-only
// A tmpfs's mount data (mm/shmem.c's shmem_parse_one and
// shmem_show_options): size=, nr_blocks=, nr_inodes=, mode=, uid=, gid=,
// huge=, inode64/inode32 and noswap, and the generic superblock words
// (ro, rw, sync, ...). The model keeps and shows them, and size= and
// nr_inodes= become the mount's tmpfs_sb limits (netns/fs/tmpfs.hpp).
// Not a public header: mount.cpp.
//
//   auto p = parse_tmpfs_data("size=1m,mode=700", caller_creds);   // EINVAL if bad
//   std::string text = show_tmpfs_options(*p);                     // ",size=1024k,mode=700"
//   tmpfs_params q;                                                // a remount's data
//   if (parse_tmpfs_data("size=2m", caller_creds, q)) (void)reconfigure_tmpfs(q, *p);
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "netns/base/result.hpp"
#include "netns/core/cred.hpp"

namespace netns::fs {

class tmpfs_sb;  // netns/fs/tmpfs.hpp

struct tmpfs_params {
  std::optional<std::uint64_t> blocks;  // max_blocks, in pages (size=, nr_blocks=)
  std::optional<std::uint64_t> inodes;  // max_inodes (nr_inodes=)
  std::uint32_t mode = S_ISVTX | 0777;  // the root directory's (mode=)
  kuid uid{0};
  kgid gid{0};
  unsigned huge = 0;  // SHMEM_HUGE_*: never (0), always, within_size, advise
  bool full_inums = false;  // inode64
  bool noswap = false;
  unsigned sb_set = 0, sb_clear = 0;  // SB_* words among the data (ro, rw, ...)
  // SHMEM_SEEN_*: which of huge=, inode64/inode32 and noswap the data named
  // (size= and nr_inodes= by having a value).
  unsigned seen = 0;
};
inline constexpr unsigned tmpfs_seen_huge = 1U << 0;
inline constexpr unsigned tmpfs_seen_inums = 1U << 1;
inline constexpr unsigned tmpfs_seen_noswap = 1U << 2;

// shmem_parse_one for each comma-separated word of `data` (vfs_parse_sb_flag
// first), over `p` (the caller's defaults: mode, uid, gid). EINVAL for an
// unknown key, a missing or empty value, a bad number or suffix, an id
// with no mapping in the caller's user namespace, noswap outside the
// initial one.
result<void> parse_tmpfs_data(std::string_view data, const cred* c, tmpfs_params& p);
// shmem_show_options: what differs from the defaults, in the kernel's
// order (",size=1024k,nr_inodes=10,mode=700,uid=5,gid=6,inode64,huge=always,noswap").
std::string show_tmpfs_options(const tmpfs_params& p);
// shmem_reconfigure: what a remount's data (`given`, parsed from empty
// params) changes of a tmpfs's options `sb`: size= and nr_inodes= (not
// from unlimited, 0, to a limit: EINVAL), huge=, inode64/inode32; noswap
// cannot be turned on (EINVAL), and stays on; mode=, uid= and gid= are
// ignored; a size= or nr_inodes= below what `space` (the file system's
// accounting, when given) has in use is EINVAL, else its new limit.
// Nothing changes on EINVAL.
result<void> reconfigure_tmpfs(const tmpfs_params& given, tmpfs_params& sb,
                               tmpfs_sb* space = nullptr);

}  // namespace netns::fs
