// SPDX-License-Identifier: GPL-2.0-only
// Cgroup namespaces (kernel/cgroup/namespace.c): the namespace and its
// root, the cgroup its creator was in, against which /proc/PID/cgroup
// paths are shown. The model has one cgroup, the root of the v2
// hierarchy, that every task is in: each namespace's root is "/".
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   auto ns = create_cgroup_ns(*root.user_ns, root.euid);   // ENOSPC, ENOMEM
//   if (!ns) return ns.error();
//   std::string_view r = (*ns)->root();                     // "/"
//
// Locking: none; the root is fixed at creation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/core/owned_namespace.hpp"

namespace netns {

inline constexpr std::uint32_t PROC_CGROUP_INIT_INO = 0xEFFFFFFBU;  // 4026531835
inline constexpr std::uint64_t INIT_CGROUP_NS_ID = 5;               // observed NS_GET_ID

extern const ns_operations cgroupns_operations;

class cgroup_namespace final : public owned_namespace {
 public:
  static cgroup_namespace* make_init(user_namespace& init_user_ns);
  // The cgroup (a path of the hierarchy) that is "/" inside.
  std::string_view root() const { return root_; }

 private:
  friend result<counted_ref<cgroup_namespace, typed_ns_policy<cgroup_namespace>>>
  create_cgroup_ns(user_namespace& owner, kuid euid);
  using owned_namespace::owned_namespace;

  std::string root_ = "/";
};

using cgroup_ns_ref = counted_ref<cgroup_namespace, typed_ns_policy<cgroup_namespace>>;

// copy_cgroup_ns's new namespace (its CAP_SYS_ADMIN check is unshare's):
// ENOSPC at max_cgroup_namespaces, ENOMEM.
result<cgroup_ns_ref> create_cgroup_ns(user_namespace& owner, kuid euid);

inline cgroup_namespace& to_cgroup_ns(ns_common& ns) {
  return static_cast<cgroup_namespace&>(to_owned_ns(ns));
}

}  // namespace netns
