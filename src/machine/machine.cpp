// SPDX-License-Identifier: GPL-2.0-only
// A booted world: the kernel with its built-ins, the tree with /proc and
// /run, the tasks.
#include "netns/machine/machine.hpp"

#include <sys/mount.h>

#include "netns/proc/procfs.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

machine::machine(const kernel_config& cfg) : kernel_(boot(cfg)), tasks_(*kernel_, vfs_) {
  fs::access_ctx kernel_ctx;  // no creds: the kernel itself sets up the tree
  fs::attach_procfs(tasks_, vfs_);
  (void)vfs_.mkdir(kernel_ctx, "/run", 0755);
  // /run is a tmpfs of its own, private, nosuid and nodev, as the linux
  // backend's world mounts it (so that both show the same `mounts /run`
  // and `mountinfo /run`); its root is root's, 0755, and holds /run/netns.
  (void)vfs_.mount_fs(kernel_ctx, fs::vfs::fs_type::tmpfs, "tmpfs", "/run", nullptr, 0755,
                      MS_NOSUID | MS_NODEV);
  (void)vfs_.mkdir(kernel_ctx, "/run/netns", 0755);
}

machine::~machine() {
  // Every task exits, the mounts go, then the kernel drains.
  tasks_.exit_all();
  vfs_.detach_all();
  kernel_->settle();
}

}  // namespace netns
