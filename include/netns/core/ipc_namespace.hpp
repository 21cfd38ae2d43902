// SPDX-License-Identifier: GPL-2.0-only
// IPC namespaces (ipc/namespace.c): the namespace and its limits, the
// /proc/sys/kernel/{shmmax,shmall,shmmni,msgmax,msgmnb,msgmni,sem} sysctls,
// each namespace starting from the kernel's defaults (not copied from the
// parent). The model has no System V objects: the limits are all there is.
//
// Example:
//   #include "netns/core/cred.hpp"
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   cred root = cred::root(k->init_user_ns());
//   auto ns = create_ipc_ns(*root.user_ns, root.euid);      // ENOSPC, ENOMEM
//   if (!ns) return ns.error();
//   ipc_sysctls s = (*ns)->sysctls();                       // s.msgmni == 32000
//
// Locking: a mutex per namespace around the values.
#pragma once

#include <array>
#include <cstdint>

#include "netns/base/refcount.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/core/owned_namespace.hpp"

namespace netns {

inline constexpr std::uint32_t PROC_IPC_INIT_INO = 0xEFFFFFFFU;  // 4026531839
inline constexpr std::uint64_t INIT_IPC_NS_ID = 4098;            // observed NS_GET_ID

// The values, with the kernel's defaults (include/uapi/linux/{shm,msg,sem}.h):
// SHMMAX and SHMALL are ULONG_MAX - 2^24, SHMMNI 4096, MSGMAX 8192, MSGMNB
// 16384, MSGMNI 32000, and sem's SEMMSL, SEMMNS, SEMOPM, SEMMNI.
struct ipc_sysctls {
  std::uint64_t shmmax = ~std::uint64_t{0} - (std::uint64_t{1} << 24);
  std::uint64_t shmall = ~std::uint64_t{0} - (std::uint64_t{1} << 24);
  int shmmni = 4096;
  int msgmax = 8192;
  int msgmnb = 16384;
  int msgmni = 32000;
  std::array<int, 4> sem = {32000, 1024000000, 500, 32000};
  int shm_rmid_forced = 0;
  // The ids the next msgget/semget/shmget gives (-1: the usual choice).
  int msg_next_id = -1, sem_next_id = -1, shm_next_id = -1;
  // POSIX message queues (/proc/sys/fs/mqueue, ipc/mq_sysctl.c).
  int mq_queues_max = 256;
  int mq_msg_max = 10;
  int mq_msgsize_max = 8192;
  int mq_msg_default = 10;
  int mq_msgsize_default = 8192;
};
// IPCMNI: the most identifiers of one kind (the bound of shmmni, msgmni, SEMMNI).
inline constexpr int IPCMNI = 32768;

extern const ns_operations ipcns_operations;

class ipc_namespace final : public owned_namespace {
 public:
  static ipc_namespace* make_init(user_namespace& init_user_ns);
  ipc_sysctls sysctls() const;
  void set_sysctls(const ipc_sysctls& v);

 private:
  friend result<counted_ref<ipc_namespace, typed_ns_policy<ipc_namespace>>> create_ipc_ns(
      user_namespace& owner, kuid euid);
  using owned_namespace::owned_namespace;

  mutable mutex lock_;
  ipc_sysctls values_ NETNS_GUARDED_BY(lock_);
};

using ipc_ns_ref = counted_ref<ipc_namespace, typed_ns_policy<ipc_namespace>>;

// create_ipc_ns: ENOSPC at max_ipc_namespaces, ENOMEM.
result<ipc_ns_ref> create_ipc_ns(user_namespace& owner, kuid euid);

inline ipc_namespace& to_ipc_ns(ns_common& ns) {
  return static_cast<ipc_namespace&>(to_owned_ns(ns));
}

}  // namespace netns
