// SPDX-License-Identifier: GPL-2.0-only
// The kernel: one world of namespaces. There are no globals; a process (or a
// test) may run many kernels side by side.
//
// Boot creates the initial user namespace and the initial net namespace and
// starts the single cleanup worker. A bare kernel has no pernet subsystems;
// netns::boot() (subsys/builtin.hpp) is the one with the kernel's built-ins.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   kernel bare;                                // no subsystems: ordering tests
//   std::unique_ptr<kernel> k = boot();         // init net has lo, somaxconn, inum
//   auto n = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
//   if (!n) return n.error();                   // ENOSPC, ENOMEM, ...
//   n->reset();                                 // last put: queued for cleanup
//   k->settle();                                // cleanup finished
//
// Destroying a kernel drains it: pending cleanups finish, the initial net
// is cleaned up like any other, and everything is freed. Every net_ref and
// user_ns_ref must be dropped before.
//
// Locking (the kernel's, one object each): pernet_ops_rwsem (registrations
// vs. setup and cleanup), net_rwsem (the namespace list; readers may use RCU
// instead), rtnl (devices), and the cleanup worker's own mutex
// (net_cleanup_work.hpp).
//
// Where the member functions live: boot and teardown in kernel.cpp, the
// namespace lifecycle and cleanup_net in net_namespace.cpp, generic storage,
// the pernet op phases and registration in pernet.cpp, nsid tables in
// nsid.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "netns/base/fault_injection.hpp"
#include "netns/base/rcu_list.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/base/thread_cache_allocator.hpp"
#include "netns/core/ids.hpp"
#include "netns/core/net.hpp"
#include "netns/core/net_cleanup_work.hpp"
#include "netns/core/nsid.hpp"
#include "netns/core/pernet.hpp"
#include "netns/core/proc_inum.hpp"
#include "netns/core/fault_points.hpp"
#include "netns/core/ucount.hpp"
#include "netns/core/user_namespace.hpp"

namespace netns {

class uts_namespace;
class ipc_namespace;
class pid_namespace;
class cgroup_namespace;
class time_namespace;

// The kernel's max_threads (/proc/sys/kernel/threads-max) on a machine with
// `memory_bytes` of RAM, as set_max_threads() computes it at boot: the
// memory over eight thread stacks (THREAD_SIZE, 16 KiB on x86-64 and
// arm64), clamped to [MIN_THREADS, FUTEX_TID_MASK].
std::uint64_t max_threads_for_memory(std::uint64_t memory_bytes);
// fork_init() gives init_user_ns half of that as each max_*_namespaces.
long ucount_max_for_memory(std::uint64_t memory_bytes);
// This machine's RAM as sysinfo(2) reports it (totalram), read once.
std::uint64_t host_memory_bytes();
// inotify_user_setup's and fanotify_user_setup's per-user defaults: 1% of
// the memory at the cost of one watch (mark), clamped to [8192, 1048576].
// The costs are two inodes and a mark on the reference kernel's build (its
// max_inotify_watches and max_fanotify_marks on a 24 GiB machine).
long inotify_watches_for_memory(std::uint64_t memory_bytes);
long fanotify_marks_for_memory(std::uint64_t memory_bytes);

struct kernel_config {
  // init_user_ns limits, /proc/sys/user/max_{net,user}_namespaces. By
  // default derived from this machine's memory as Linux derives them
  // (ucount_max_for_memory(host_memory_bytes())): within a fraction of a
  // percent of what the running kernel shows, since the kernel counts the
  // pages free at boot, a little less than totalram. Set them to model
  // another machine, or to the host's own values to agree with it exactly.
  long max_net_namespaces = ucount_max_for_memory(host_memory_bytes());
  long max_user_namespaces = ucount_max_for_memory(host_memory_bytes());
  // max_{uts,ipc,mnt,pid,cgroup,time}_namespaces: the same default.
  long max_uts_namespaces = ucount_max_for_memory(host_memory_bytes());
  long max_ipc_namespaces = ucount_max_for_memory(host_memory_bytes());
  long max_mnt_namespaces = ucount_max_for_memory(host_memory_bytes());
  long max_pid_namespaces = ucount_max_for_memory(host_memory_bytes());
  long max_cgroup_namespaces = ucount_max_for_memory(host_memory_bytes());
  long max_time_namespaces = ucount_max_for_memory(host_memory_bytes());
  // max_inotify_instances and max_fanotify_groups: 128; the watches and
  // marks from memory.
  long max_inotify_instances = 128;
  long max_inotify_watches = inotify_watches_for_memory(host_memory_bytes());
  long max_fanotify_groups = 128;
  long max_fanotify_marks = fanotify_marks_for_memory(host_memory_bytes());
  // Cleanup batching. The kernel's worker takes what is queued the moment
  // it runs; its slow grace periods make the batches large. Ours are fast,
  // so a worker that ran at once would clean up namespace by namespace,
  // alongside the thread still dropping them, and both would spend their
  // time moving the same memory between CPUs. Instead, once woken, the
  // worker waits while namespaces keep arriving: until none has come for
  // `cleanup_quiet` (the interval doubling with each look that finds more),
  // or `cleanup_gather_max` has passed, or settle() asks. Once a settle()
  // has taken a batch it was gathering, its next gathering waits the whole
  // `cleanup_gather_max` before it looks: a thread that settles cleans up
  // what it drops, and a worker looking every `cleanup_quiet` would take
  // CPU from it. Zero for both gives the kernel's behaviour.
  std::chrono::microseconds cleanup_quiet{50};
  std::chrono::microseconds cleanup_gather_max{10'000};
};

// Counters a test or benchmark can read to see what the kernel did.
struct kernel_stats {
  std::atomic<std::uint64_t> nets_allocated{0};
  std::atomic<std::uint64_t> nets_freed{0};
  std::atomic<std::uint64_t> nets_cleaned_up{0};  // went through cleanup_net
  std::atomic<std::uint64_t> cleanup_batches{0};
  std::atomic<std::uint64_t> generic_data_allocated{0};
  std::atomic<std::uint64_t> generic_data_freed{0};
  std::atomic<std::uint64_t> generic_arrays_allocated{0};
  std::atomic<std::uint64_t> generic_arrays_freed{0};
  std::atomic<std::uint64_t> user_ns_allocated{0};
  std::atomic<std::uint64_t> user_ns_freed{0};
};

class kernel {
 public:
  explicit kernel(const kernel_config& cfg = {});
  ~kernel();
  kernel(const kernel&) = delete;
  kernel& operator=(const kernel&) = delete;

  user_namespace& init_user_ns() { return *init_user_ns_; }
  net& init_net() { return *init_net_; }
  uts_namespace& init_uts_ns() { return *init_uts_ns_; }
  ipc_namespace& init_ipc_ns() { return *init_ipc_ns_; }
  pid_namespace& init_pid_ns() { return *init_pid_ns_; }
  cgroup_namespace& init_cgroup_ns() { return *init_cgroup_ns_; }
  time_namespace& init_time_ns() { return *init_time_ns_; }

  // Waits until no namespace is waiting for cleanup and the worker is idle.
  // Must not be called from a pernet callback.
  void settle();

  // Namespaces on the list (set up and not yet unlisted by cleanup).
  std::size_t net_count();
  // The namespace list: walk it inside an rcu::read_guard (for_each_net_rcu),
  // and take maybe_get_net on an entry to keep it.
  const rcu_list<net>& net_list_rcu() const { return net_list_; }

  fault_injector<fault_point>& faults() { return faults_; }
  const kernel_stats& stats() const { return stats_; }
  proc_inum_allocator& inums() { return inums_; }
  mutex& rtnl() { return rtnl_; }
  // The charges of every (user namespace, uid) pair (kernel/ucount.c).
  ucounts_table& ucounts() { return ucounts_; }

  // Where RTM_NEWNSID / RTM_DELNSID events of every net's id table go:
  // the netlink layer installs its RTNLGRP_NSID delivery with its first
  // socket (before that there is nobody to tell). Without one, events are
  // dropped.
  void set_nsid_notifier(nsid_notifier f) { nsid_notifier_.store(f, std::memory_order_release); }
  void notify_nsid(const nsid_event& e) const {
    if (auto f = nsid_notifier_.load(std::memory_order_acquire)) f(e);
  }

  // Where RTM_NEWLINK / RTM_DELLINK events of devices go (rtmsg_ifinfo),
  // installed like the nsid notifier. Called under RTNL.
  void set_link_notifier(link_notifier f) { link_notifier_.store(f, std::memory_order_release); }
  void notify_link(const link_event& e) const {
    if (auto f = link_notifier_.load(std::memory_order_acquire)) f(e);
  }

  // The next 64-bit namespace id (NS_GET_ID, net cookie); never reused.
  std::uint64_t next_ns_id() { return next_ns_id_.fetch_add(1, std::memory_order_relaxed); }

  // register_pernet_subsys/_device and their unregister (pernet.hpp says
  // what they do). A device's ops go last, a subsystem's before the
  // first device's.
  result<void> register_pernet(pernet_operations& ops, bool device);
  void unregister_pernet(pernet_operations& ops);
  // net_ns_barrier: waits until a running cleanup has finished its exits.
  void net_ns_barrier();

 private:
  // Lifecycle (net_namespace.cpp).
  friend result<net_ref> copy_net_ns(unsigned long flags, user_namespace& user_ns, net& old_net,
                                     kuid euid);
  friend struct net_active_policy;
  friend struct net_passive_policy;
  // User namespaces (user_namespace.cpp).
  friend class user_namespace;
  friend struct user_ns_policy;
  friend result<void> create_user_ns(cred& new_cred);
  // Lazily made /proc/net trees (proc_fs.cpp) read the pernet list.
  friend struct proc_net_access;

  net* net_alloc();
  void net_free(net* n);  // passive put
  result<void> setup_net(net* n, user_namespace& user_ns) NETNS_REQUIRES_SHARED(pernet_ops_rwsem_);
  void cleanup_net(net* kill_list);  // a batch from cleanup_work_
  void unhash_nsid(net* n);         // nsid.cpp
  void destroy_nsid_table(net* n);  // nsid.cpp
  net_generic_array* net_alloc_generic();
  static void net_free_generic(net_generic_array* ng);
  result<void> net_assign_generic(net* n, unsigned id, void* data)
      NETNS_REQUIRES_SHARED(pernet_ops_rwsem_);
  result<void> ops_init(const pernet_operations* ops, net* n)
      NETNS_REQUIRES_SHARED(pernet_ops_rwsem_);
  void ops_pre_exit_list(const pernet_operations* ops, std::span<net* const> nets);
  void ops_exit_list(const pernet_operations* ops, std::span<net* const> nets);
  void ops_free_list(const pernet_operations* ops, std::span<net* const> nets);
  void free_exit_list(const pernet_operations* ops, std::span<net* const> nets);
  result<void> register_pernet_operations(std::size_t pos, pernet_operations& ops)
      NETNS_REQUIRES(pernet_ops_rwsem_);
  void unregister_pernet_operations(pernet_operations& ops) NETNS_REQUIRES(pernet_ops_rwsem_);
  bool proc_files_collide(const pernet_operations& ops) const;

  std::atomic<nsid_notifier> nsid_notifier_{nullptr};
  std::atomic<link_notifier> link_notifier_{nullptr};
  kernel_stats stats_;
  fault_injector<fault_point> faults_;
  proc_inum_allocator inums_;
  std::atomic<std::uint64_t> next_ns_id_{FIRST_DYNAMIC_NS_ID};
  mutex rtnl_;
  // Serializes making, extending and removing /proc/net trees (rare).
  mutex proc_net_lock_;

  // pernet_list with first_device as an index: subsys ops are [0, first_device),
  // device ops [first_device, size).
  shared_mutex pernet_ops_rwsem_;
  std::vector<pernet_operations*> pernet_list_ NETNS_GUARDED_BY(pernet_ops_rwsem_);
  std::size_t first_device_ NETNS_GUARDED_BY(pernet_ops_rwsem_) = 0;
  // What setup_net calls, in pernet_list order: only the ops with
  // something to set up (rebuilt whenever the list changes), so that a
  // namespace does not pay a test per op that has nothing to do.
  struct setup_step {
    const pernet_operations* ops;
    std::uint32_t index;  // in pernet_list_
    bool via_ops_init;    // generic data or /proc/net files: ops_init
  };
  std::vector<setup_step> setup_steps_ NETNS_GUARDED_BY(pernet_ops_rwsem_);
  void rebuild_setup_steps() NETNS_REQUIRES(pernet_ops_rwsem_);
  // Length of new generic arrays; read without the lock by net_alloc, as in the kernel.
  std::atomic<unsigned> max_gen_ptrs_;
  std::vector<bool> generic_ids_ NETNS_GUARDED_BY(pernet_ops_rwsem_);  // ida: used ids

  // net_namespace_list: changed under net_rwsem (write), read under RCU.
  shared_mutex net_rwsem_;
  rcu_list<net> net_list_;

  ucounts_table ucounts_;
  // init_ucounts: the record of the global root in the initial user
  // namespace, held for the kernel's life as the kernel's static one is,
  // so that root's charges never make and free it again.
  struct ucounts* init_ucounts_ = nullptr;

  // cleanup_list and the worker of netns_wq; __put_net queues here.
  net_cleanup_work cleanup_work_;

  user_namespace* init_user_ns_ = nullptr;  // holds the boot reference
  net* init_net_ = nullptr;                 // holds the boot reference
  // The other initial namespaces (init_uts_ns, ...), each holding its boot
  // reference; the initial mount namespace is the fs layer's.
  uts_namespace* init_uts_ns_ = nullptr;
  ipc_namespace* init_ipc_ns_ = nullptr;
  pid_namespace* init_pid_ns_ = nullptr;
  cgroup_namespace* init_cgroup_ns_ = nullptr;
  time_namespace* init_time_ns_ = nullptr;
};

// A new reference to old_net without CLONE_NEWNET; with it, a new namespace
// owned by user_ns and charged to (user_ns, euid): ENOSPC at a limit,
// ENOMEM on allocation failure, or the first failing init's error after the
// inited ops were undone.
result<net_ref> copy_net_ns(unsigned long flags, user_namespace& user_ns, net& old_net, kuid euid);

// Waits until a cleanup that is running has finished its exit methods.
void net_ns_barrier(kernel& k);

}  // namespace netns
