// SPDX-License-Identifier: GPL-2.0-only
// inode_permission as the vfs's calls ask it: inline, for the walk and for
// the checks after a walk (vfs.cpp, walk.cpp). Not a public header: the
// public check is inode::permission.
#pragma once

#include <cerrno>
#include <cstdint>

#include "netns/base/result.hpp"
#include "netns/fs/inode.hpp"

namespace netns::fs {

// inode_permission: an immutable inode refuses writers before anything else.
// Always inline: a walk asks it for MAY_EXEC at every step, and the
// fixed-mode answer is a few instructions.
[[gnu::always_inline]] inline result<void> may(const access_ctx& ctx, const inode& node, int mask) {
  if ((mask & MAY_WRITE) && node.immutable()) return errc{EPERM};
  if (const std::uint32_t m = node.fixed_mode()) {
    const int all = static_cast<int>((m >> 6) & (m >> 3) & m & 7);
    if ((mask & ~all & 7) == 0) return ok();
  }
  return node.permission(ctx, mask);
}

}  // namespace netns::fs
