// SPDX-License-Identifier: GPL-2.0-only
// Mount namespaces (fs/namespace.c): the namespace object and its
// ns_operations.
#include "netns/fs/mnt_namespace.hpp"

#include <cerrno>
#include <new>

#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"
#include "netns/fs/vfs.hpp"

namespace netns::fs {

mnt_namespace* mnt_namespace::make_init(user_namespace& init_user_ns) {
  return new mnt_namespace(mntns_operations, init_user_ns, PROC_MNT_INIT_INO, INIT_MNT_NS_ID);
}

mnt_namespace::~mnt_namespace() {
  if (fs_ && root_) fs_->drop_ns_tree(root_.get());
}

result<mnt_ns_ref> copy_mnt_ns(mnt_namespace& old, user_namespace& owner, kuid euid, vfs& fs) {
  kernel& k = owner.owner_kernel();
  auto c = owned_namespace::charge_new(owner, euid, ucount_type::mnt_namespaces);
  if (!c) return c.error();
  mnt_namespace* ns = k.faults().should_fail(fault_point::ns_alloc)
                          ? nullptr
                          : new (std::nothrow) mnt_namespace(mntns_operations, owner, *c);
  if (!ns) {
    owned_namespace::uncharge(owner, *c);
    return errc{ENOMEM};
  }
  // CL_SHARED_TO_SLAVE and lock_mnt_tree when the owner changes: a less
  // privileged namespace receives from the old one but cannot send back,
  // nor take a mount off (probed: EINVAL).
  const bool less_privileged = &owner != &old.user_ns();
  ns->fs_ = &fs;
  ns->root_ = fs.copy_tree_for_ns(old.root_mount(), *ns, less_privileged);
  return mnt_ns_ref::adopt(ns);
}

namespace {
ns_common* mntns_get(const task_ns_view& task) {
  nsproxy_ref p = task.get_nsproxy();
  if (!p) return nullptr;
  p->mnt_ns->get();
  return &p->mnt_ns->ns();
}

// mntns_install: CAP_SYS_ADMIN over the namespace's owner, and
// CAP_SYS_CHROOT and CAP_SYS_ADMIN over the caller's own user namespace;
// then a task that shares its fs_struct is refused (EINVAL).
result<void> mntns_install(nsset& set, ns_common& ns) {
  mnt_namespace& mnt = to_mnt_ns(ns);
  const user_namespace& own = *set.creds().user_ns;
  if (!nsset_capable(set, mnt.user_ns(), CAP_SYS_ADMIN) || !nsset_capable(set, own, CAP_SYS_CHROOT) ||
      !nsset_capable(set, own, CAP_SYS_ADMIN))
    return errc{EPERM};
  if (set.shares_fs) return errc{EINVAL};
  set.replace<owned_namespace>(set.proxy().mnt_ns, mnt);
  return ok();
}
}  // namespace

const ns_operations mntns_operations = {
    "mnt", CLONE_NEWNS, mntns_get, owned_ns_hold, owned_ns_put, mntns_install, owned_ns_owner,
    nullptr,
};

}  // namespace netns::fs
