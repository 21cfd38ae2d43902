// SPDX-License-Identifier: GPL-2.0-only
// The part of the uts, ipc, mnt, pid, cgroup and time namespaces that is
// the same for each (the kernel repeats it per type: inc_<type>_namespaces,
// ns_alloc_inum, put_user_ns, dec_<type>_namespaces, ns_free_inum).
#include "netns/core/owned_namespace.hpp"

#include <cerrno>
#include <cstddef>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/nsproxy.hpp"

namespace netns {

owned_namespace::owned_namespace(const ns_operations& ops, user_namespace& init_user_ns,
                                 std::uint32_t inum, std::uint64_t id)
    : ns_{&ops, ops.type, inum, id}, user_ns_(user_ns_ref::acquire(&init_user_ns)) {}

owned_namespace::owned_namespace(const ns_operations& ops, user_namespace& owner, const charge& c)
    : ns_{&ops, ops.type, c.inum, owner.owner_kernel().next_ns_id()},
      user_ns_(user_ns_ref::acquire(&owner)),
      ucounts_(c.uc),
      type_(c.type) {}

owned_namespace::~owned_namespace() = default;

result<owned_namespace::charge> owned_namespace::charge_new(user_namespace& owner, kuid euid,
                                                            ucount_type type) {
  kernel& k = owner.owner_kernel();
  charge c;
  c.type = type;
  c.uc = inc_ucount(owner, euid, type);
  if (!c.uc) return errc{ENOSPC};
  if (k.faults().should_fail(fault_point::inum_alloc)) {
    dec_ucount(c.uc, type);
    return errc{ENOMEM};
  }
  auto inum = k.inums().alloc();
  if (!inum) {
    dec_ucount(c.uc, type);
    return inum.error();
  }
  c.inum = *inum;
  return c;
}

void owned_namespace::uncharge(user_namespace& owner, const charge& c) {
  owner.owner_kernel().inums().free(c.inum);
  dec_ucount(c.uc, c.type);
}

void owned_namespace::put() {
  if (!count_.dec_and_test()) return;
  if (ucounts_) {
    // The user namespace reference goes last (with the object): the charge
    // and the number are released while it is still held.
    owner_kernel().inums().free(ns_.inum);
    dec_ucount(ucounts_, type_);
  }
  delete this;
}

owned_namespace& to_owned_ns(ns_common& ns) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  return *reinterpret_cast<owned_namespace*>(reinterpret_cast<char*>(&ns) -
                                             offsetof(owned_namespace, ns_));
#pragma GCC diagnostic pop
}

void owned_ns_hold(ns_common& ns) { to_owned_ns(ns).get(); }
void owned_ns_put(ns_common& ns) { to_owned_ns(ns).put(); }
user_namespace* owned_ns_owner(ns_common& ns) { return &to_owned_ns(ns).user_ns(); }

result<void> may_install_owned(const nsset& set, const owned_namespace& ns) {
  if (!nsset_capable(set, ns.user_ns(), CAP_SYS_ADMIN) ||
      !nsset_capable(set, *set.creds().user_ns, CAP_SYS_ADMIN))
    return errc{EPERM};
  return ok();
}

}  // namespace netns
