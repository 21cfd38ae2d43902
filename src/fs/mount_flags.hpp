// SPDX-License-Identifier: GPL-2.0-only
// mount(2)'s flags split as path_mount does: the per-mount MNT_* flags, the
// superblock's SB_* ones; the rules about the locked ones; their text in
// mountinfo and /proc/PID/mounts (show_mnt_opts, show_sb_opts). Not a
// public header: mount.cpp, mount_flags.cpp, pnode.cpp and mountinfo.cpp.
#pragma once

#include <string>

#include "netns/fs/mount.hpp"

namespace netns::fs {

// The flags of the world's /proc, which the model's procfs stands for (in
// a bind of a path below it, and as a proc already visible to a
// namespace): the linux backend's (and a distribution's) proc mount is
// nosuid, nodev, noexec.
inline constexpr unsigned world_proc_mnt_flags = mnt_nosuid | mnt_nodev | mnt_noexec | mnt_relatime;

// path_mount's MNT_* flags of `ms` (MS_* flags): relatime unless noatime
// or strictatime; a remount that names no atime flag keeps `current`'s.
unsigned mnt_flags_of(unsigned long ms, unsigned current);
// The SB_* flags of `ms` the model keeps.
unsigned sb_flags_of(unsigned long ms);
// can_change_locked_flags: `mnt_flags` keeps every flag that a MNT_LOCK_*
// of `fl` locks (and the whole atime setting under MNT_LOCK_ATIME).
bool can_change_locked_flags(unsigned fl, unsigned mnt_flags);
// lock_mnt_tree's locks for a mount of flags `fl`: MNT_LOCK_ATIME, and a
// MNT_LOCK_* for each of readonly, nodev, nosuid, noexec it has.
unsigned lock_flags_of(unsigned fl);
// ",nosuid,nodev,noexec,noatime,nodiratime,relatime,nosymfollow" as far
// as set.
std::string show_mnt_opts(unsigned fl);
// ",sync,dirsync,lazytime" as far as set.
std::string show_sb_opts(unsigned sb);

}  // namespace netns::fs
