// SPDX-License-Identifier: GPL-2.0-only
// Peer groups and the clone flags of mount propagation (fs/pnode.h). The
// model keeps propagation per group: a shared mount is a member of a group
// (the kernel's mnt_share ring, in the same order), and a slave names the
// group it receives from (the kernel names one mount of it; the group's
// other members stand in for it when it goes, as do_make_slave does), so
// the kernel's observable rules hold. Everything here is changed under the
// vfs's mount lock. Not a public header.
#pragma once

#include <vector>

#include "netns/fs/mount.hpp"

namespace netns::fs {

struct peer_group {
  int id = 0;  // mnt_group_id: lowest free from 1
  std::vector<const vfsmount*> members;  // the peers, in ring order
  std::vector<const vfsmount*> slaves;   // the mounts whose master is this group
};

// copy_tree / clone_mnt flags (CL_*).
inline constexpr int cl_slave = 0x02;
inline constexpr int cl_copy_unbindable = 0x04;
inline constexpr int cl_make_shared = 0x08;
inline constexpr int cl_private = 0x10;
inline constexpr int cl_shared_to_slave = 0x20;
inline constexpr int cl_copy_mnt_ns_file = 0x40;
inline constexpr int cl_lock = 0x80;  // the model's: copy_mnt_ns's lock_mnt_tree

}  // namespace netns::fs
