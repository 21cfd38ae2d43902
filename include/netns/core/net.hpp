// SPDX-License-Identifier: GPL-2.0-only
// struct net: one network namespace, and the references that keep it.
//
// A net has two counts, as in the kernel. The active count (`count`) is what
// tasks, namespace files and bind mounts hold: when its last reference is
// dropped the namespace is queued for the cleanup worker, which runs the
// pernet exit methods. The passive count keeps only the memory: the net is
// freed at the last passive put, which the cleanup worker does after the
// exits unless someone else still holds one.
//
// Example:
//   #include "netns/subsys/builtin.hpp"
//   auto k = boot();
//   net_ref n = *copy_net_ns(CLONE_NEWNET, k->init_user_ns(), k->init_net(), global_root_uid);
//   net_ref again = n.clone();            // get_net
//   net& p = *n;                          // held by no reference of its own (found under RCU)
//   net_ref maybe = maybe_get_net(p);     // empty once the net is dying
//   n.reset();                            // put_net; the last one queues cleanup
//
// Locking: counts are atomics; the nsid state (nsid.hpp) has its own
// lock; subsystem state (core sysctls, devices) follows its subsystem's
// rules. Cost: get/put is one atomic RMW.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "netns/base/rcu_list.hpp"
#include "netns/base/refcount.hpp"
#include "netns/base/rundown.hpp"
#include "netns/base/result.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/base/thread_cache_allocator.hpp"
#include "netns/core/ids.hpp"
#include "netns/core/net_device.hpp"
#include "netns/core/ns_common.hpp"
#include "netns/core/nsid_table.hpp"
#include "netns/core/rtnl_table.hpp"

namespace netns {

class kernel;
class user_namespace;
struct ucounts;
struct net_generic_array;
struct proc_dir_entry;
struct proc_net_tree;

struct net_active_policy {
  static void get(net* n);  // inline, below
  static void put(net* n);
  static void last_put(net* n);  // __put_net: the count reached zero
};
struct net_passive_policy {
  static void get(net* n);
  static void put(net* n);
};
// get_net / put_net as a move-only handle.
using net_ref = counted_ref<net, net_active_policy>;

// The network namespace type (net_namespace.cpp): netns_get, netns_put,
// netns_install, netns_owner.
extern const ns_operations netns_operations;
// The passive count (the memory only).
using net_passive_ref = counted_ref<net, net_passive_policy>;

// net->core: the core sysctls that the net-defaults subsystem initializes.
struct netns_core {
  int sysctl_somaxconn = 0;
  std::uint8_t sysctl_txrehash = 0;
};

// Cache-line aligned, as the kernel's net_cachep (SMP_CACHE_BYTES): the
// counts then sit at the same place in a line in every build. Unaligned,
// the setns round trip moved by 5 to 7% from one build to the next.
class alignas(64) net final : public rcu_list_hook, public thread_cached<net> {
 public:
  kernel& owner_kernel() const { return *kernel_; }
  // The user namespace that owns this net (valid while the net is alive).
  user_namespace& user_ns() const { return *user_ns_; }
  const ns_common& ns() const { return ns_; }
  ns_common& ns() { return ns_; }
  std::uint32_t inum() const { return ns_.inum; }
  std::uint64_t ns_id() const { return ns_.ns_id; }
  std::uint64_t net_cookie() const { return ns_.ns_id; }
  bool is_init() const { return is_init_; }

  // Active and passive counts (for tests and diagnostics).
  int count() const { return count_.read(); }
  int passive_count() const { return passive_.read(); }
  // check_net(): false once the active count reached zero.
  bool alive() const { return count_.read() != 0; }

  // Taking references.
  net_ref get() { return net_ref::acquire(this); }
  net_ref try_get() {  // maybe_get_net
    return count_.inc_not_zero() ? net_ref::adopt(this) : net_ref();
  }
  net_passive_ref get_passive() { return net_passive_ref::acquire(this); }

  // Subsystem state, like the kernel's struct net members.
  netns_core core;
  net_device_list devices;  // under the kernel's RTNL
  // The sysctl table of net.core (/proc/sys/net/core): readers enter it;
  // the net-defaults exit kills it, after which open files give ENOENT.
  rundown sysctl_core_table;
  // /proc/net of this namespace (proc_fs.hpp): its root and "stat", made
  // at first use between the proc-net subsystem's init and exit, with the
  // files of every pernet op initialized here; nullptr outside that span
  // (or if making it failed). Call from a pernet callback, or where no
  // registration runs; procfs goes through proc_net_lookup_root.
  proc_dir_entry* proc_net();
  proc_dir_entry* proc_net_stat();

  net(const net&) = delete;
  net& operator=(const net&) = delete;

 private:
  friend class kernel;
  friend class net_cleanup_work;
  friend struct net_active_policy;
  friend struct net_passive_policy;
  friend struct net_generic_access;
  friend result<net_ref> copy_net_ns(unsigned long flags, user_namespace& user_ns, net& old_net,
                                     kuid euid);
  friend result<void> ns_alloc_inum(net& n);
  friend void ns_free_inum(net& n);
  friend struct nsid_access;
  friend net& to_net_ns(ns_common& ns);
  friend struct proc_net_access;

  explicit net(kernel& k) : kernel_(&k) {}
  ~net();

  kernel* kernel_;
  user_namespace* user_ns_ = nullptr;  // reference held until cleanup
  ucounts* ucounts_ = nullptr;         // charge released at cleanup
  ns_common ns_{&netns_operations, CLONE_NEWNET, 0, 0};
  refcount count_{0};
  refcount passive_{0};
  std::atomic<net_generic_array*> gen_{nullptr};
  net* cleanup_next_ = nullptr;  // cleanup_list link (written before the push)
  bool in_cleanup_batch_ = false;  // unlisted by the running cleanup (worker only)
  bool is_init_ = false;
  nsid_table nsids_;  // netns_ids, nsid_lock and their indexes
  // /proc/net, made lazily (proc_fs.cpp): nothing but these fields until
  // someone looks. The owner is taken at the proc-net init, as the
  // kernel's proc_net_ns_init does, so a uid map written later does not
  // change it.
  std::atomic<proc_net_tree*> proc_tree_{nullptr};
  kuid proc_uid_{};
  kgid proc_gid_{};
  bool proc_enabled_ = false;  // between the proc-net subsystem's init and exit
  // How many ops of the pernet list have run init here: a prefix while
  // setup_net runs, every op after it (registration runs a new op's init
  // everywhere before listing it).
  std::uint32_t pernet_inited_ = 0;

 public:
  // The netlink sockets bound in this namespace and their groups
  // (net->rtnl, the per-net rtnetlink kernel socket). Last, with the nsid
  // table: cold members after the hot ones.
  rtnl_table rtnl;
};

// setns takes and drops one of these per call: no function call for them.
inline void net_active_policy::get(net* n) { n->count_.inc(); }
inline void net_active_policy::put(net* n) {
  if (n->count_.dec_and_test()) last_put(n);
}

// container_of(ns, struct net, ns): the net whose ns_common this is (its
// ops must be netns_operations).
inline net& to_net_ns(ns_common& ns) {
  // offsetof on a class that is not standard-layout is conditionally
  // supported; GCC and Clang support it for a class without virtual bases.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  return *reinterpret_cast<net*>(reinterpret_cast<char*>(&ns) - offsetof(net, ns_));
#pragma GCC diagnostic pop
}

// net_drop_ns: drops a passive reference (the one a failed setup leaves).
void net_drop_ns(net* n);
// net_ns_get_ownership: the owner of a net's files (/proc/net, sysctls):
// the root of its user namespace where that maps, else the global root.
void net_ns_get_ownership(const net& n, kuid& uid, kgid& gid);

inline net_ref get_net(net& n) { return n.get(); }
inline net_ref maybe_get_net(net& n) { return n.try_get(); }
inline bool net_eq(const net& a, const net& b) { return &a == &b; }

}  // namespace netns
