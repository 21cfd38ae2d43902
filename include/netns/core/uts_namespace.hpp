// SPDX-License-Identifier: GPL-2.0-only
// UTS namespaces (kernel/utsname.c): a host name and a domain name per
// namespace, copied from the parent's at unshare, changed by sethostname,
// setdomainname and /proc/sys/kernel/{hostname,domainname}.
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   auto ns = clone_uts_ns(k->init_uts_ns(), *root.user_ns, root.euid);
//   if (!ns) return ns.error();                                   // ENOSPC, ENOMEM
//   if (auto r = (*ns)->set_hostname("red"); !r) return r;        // EINVAL past 64 bytes
//   std::string name = (*ns)->utsname().nodename;                 // "red"
//   std::string before = k->init_uts_ns().utsname().nodename;     // "(none)"
//
// Locking: uts_sem, a reader-writer lock per namespace around the names.
#pragma once

#include <string>
#include <string_view>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/owned_namespace.hpp"

namespace netns {

// __NEW_UTS_LEN: a name has at most 64 bytes.
inline constexpr std::size_t NEW_UTS_LEN = 64;
// include/linux/proc_ns.h
inline constexpr std::uint32_t PROC_UTS_INIT_INO = 0xEFFFFFFEU;  // 4026531838
// NS_GET_ID of the initial namespace, as observed on the reference kernel.
inline constexpr std::uint64_t INIT_UTS_NS_ID = 1;

// struct new_utsname, what uname(2) answers.
struct new_utsname {
  std::string sysname, nodename, release, version, machine, domainname;
};

extern const ns_operations utsns_operations;

class uts_namespace final : public owned_namespace {
 public:
  // The initial namespace: nodename and domainname "(none)" (the kernel's
  // UTS_NODENAME and UTS_DOMAINNAME defaults); the other fields the host's.
  static uts_namespace* make_init(user_namespace& init_user_ns);

  new_utsname utsname() const;
  // sethostname / setdomainname's effect: EINVAL past NEW_UTS_LEN bytes.
  // The permission check (CAP_SYS_ADMIN over the owner) is the caller's.
  result<void> set_hostname(std::string_view name);
  result<void> set_domainname(std::string_view name);

 private:
  friend result<counted_ref<uts_namespace, typed_ns_policy<uts_namespace>>> clone_uts_ns(
      uts_namespace& old, user_namespace& owner, kuid euid);
  using owned_namespace::owned_namespace;

  mutable shared_mutex uts_sem_;
  new_utsname name_ NETNS_GUARDED_BY(uts_sem_);
};

using uts_ns_ref = counted_ref<uts_namespace, typed_ns_policy<uts_namespace>>;

// clone_uts_ns: a new namespace owned by `owner`, charged to (owner, euid),
// with old's names. ENOSPC at max_uts_namespaces, ENOMEM.
result<uts_ns_ref> clone_uts_ns(uts_namespace& old, user_namespace& owner, kuid euid);

inline uts_namespace& to_uts_ns(ns_common& ns) {
  return static_cast<uts_namespace&>(to_owned_ns(ns));
}

}  // namespace netns
