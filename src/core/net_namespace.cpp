// SPDX-License-Identifier: GPL-2.0-only
// The namespace lifecycle (net/core/net_namespace.c): allocation, setup_net
// with rollback, references, cleanup_net of a batch, and the net namespace
// type's ns_operations. The worker that batches is net_cleanup_work.cpp;
// generic storage, the pernet op phases and registration are pernet.cpp.
#include <algorithm>
#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "netns/base/rcu.hpp"
#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/core/nsproxy.hpp"
#include "net_block.hpp"

namespace netns {

// ---- allocation and setup --------------------------------------------------

void proc_net_tree_free(proc_net_tree* t);  // proc_fs.cpp
net::~net() { proc_net_tree_free(proc_tree_.load(std::memory_order_relaxed)); }

net* kernel::net_alloc() {
  // The generic array's fault point comes first, as when the array was
  // always a separate allocation.
  const unsigned len = max_gen_ptrs_.load(std::memory_order_relaxed);
  net_generic_array* ng = nullptr;
  if (len > net_embedded_gen_len) {  // more ids than the block has room for
    ng = net_alloc_generic();
    if (!ng) return nullptr;
  } else if (faults_.should_fail(fault_point::net_generic_alloc)) {
    return nullptr;
  }
  // A separately allocated array goes again when the block cannot be had.
  auto drop_array = [&] {
    if (!ng) return;
    net_free_generic(ng);
    stats_.generic_arrays_freed.fetch_add(1, std::memory_order_relaxed);
  };
  if (faults_.should_fail(fault_point::net_alloc)) {
    drop_array();
    return nullptr;
  }
  void* mem;
  try {
    mem = detail::cached_allocate<net_block_bytes, alignof(net)>();
  } catch (...) {
    drop_array();
    return nullptr;
  }
  net* n = ::new (mem) net(*this);
  if (!ng) {
    ng = new (net_embedded_gen(n)) net_generic_array{};
    ng->len = len;
    for (unsigned i = 0; i < len - MIN_PERNET_OPS_ID; ++i) new (&ng->slots()[i]) std::atomic<void*>(nullptr);
    stats_.generic_arrays_allocated.fetch_add(1, std::memory_order_relaxed);
  }
  rcu::assign_pointer(n->gen_, ng);
  stats_.nets_allocated.fetch_add(1, std::memory_order_relaxed);
  return n;
}

void kernel::net_free(net* n) {
  if (!n->passive_.dec_and_test()) return;
  // No reader can reach the net any more: it left the list a grace period
  // ago (or never joined it), so its array goes right away.
  net_generic_array* ng = n->gen_.load(std::memory_order_relaxed);
  if (ng != net_embedded_gen(n)) net_free_generic(ng);
  stats_.generic_arrays_freed.fetch_add(1, std::memory_order_relaxed);
  n->~net();
  detail::cached_deallocate<net_block_bytes, alignof(net)>(n);
  stats_.nets_freed.fetch_add(1, std::memory_order_relaxed);
}

result<void> kernel::setup_net(net* n, user_namespace& user_ns) {
  n->count_.set(1);
  n->passive_.set(1);
  if (n->ns_.ns_id == 0) n->ns_.ns_id = next_ns_id();
  n->user_ns_ = &user_ns;

  // ops_init only where there is generic data or a declared file: the
  // built-ins have neither, and a call per op was a tenth of making a
  // namespace. An op with nothing to set up (default_device_ops has only
  // an exit_batch) is not among the steps. Before each call the ops
  // before it count as initialized (a /proc/net made by an init lists
  // their files).
  std::size_t i = 0;  // on failure: the op that failed
  result<void> status;  // ok until a step fails
  for (const setup_step& s : setup_steps_) {
    n->pernet_inited_ = s.index;
    status = s.via_ops_init ? ops_init(s.ops, n) : s.ops->init(*n);
    if (!status) {
      i = s.index;
      break;
    }
  }
  if (status) {
    n->pernet_inited_ = UINT32_MAX;  // every op, and any registered later
    write_lock l(net_rwsem_);
    net_list_.add_tail(n);
    return ok();
  }

  // Undo ops [0, i) in reverse, in the same phases as a cleanup.
  net* batch[] = {n};
  for (std::size_t j = i; j-- > 0;) ops_pre_exit_list(pernet_list_[j], batch);
  rcu::synchronize();
  for (std::size_t j = i; j-- > 0;) ops_exit_list(pernet_list_[j], batch);
  for (std::size_t j = i; j-- > 0;) ops_free_list(pernet_list_[j], batch);
  rcu::barrier();
  return status;
}

result<net_ref> copy_net_ns(unsigned long flags, user_namespace& user_ns, net& old_net, kuid euid) {
  if (!(flags & CLONE_NEWNET)) return get_net(old_net);
  kernel& k = user_ns.owner_kernel();
  assert(&old_net.owner_kernel() == &k);

  ucounts* uc = inc_ucount(user_ns, euid, ucount_type::net_namespaces);
  if (!uc) return errc{ENOSPC};
  net* n = k.net_alloc();
  if (!n) {
    dec_ucount(uc, ucount_type::net_namespaces);
    return errc{ENOMEM};
  }
  n->passive_.set(1);
  n->ucounts_ = uc;
  user_ns_policy::get(&user_ns);

  result<void> r;
  {
    read_lock l(k.pernet_ops_rwsem_);
    r = k.setup_net(n, user_ns);
  }
  if (!r) {
    user_ns_policy::put(&user_ns);
    net_drop_ns(n);
    dec_ucount(uc, ucount_type::net_namespaces);
    return r.error();
  }
  return net_ref::adopt(n);
}

// The passive reference copy_net_ns took, dropped when setup failed.
void net_drop_ns(net* n) {
  if (n) net_passive_policy::put(n);
}

void net_ns_get_ownership(const net& n, kuid& uid, kgid& gid) {
  uid = global_root_uid;
  gid = global_root_gid;
  // The initial user namespace maps every id to itself: its root is the
  // global root (make_kuid would say so after a walk of its map).
  if (!n.user_ns().parent()) return;
  const kuid ns_root_uid = make_kuid(n.user_ns(), 0);
  const kgid ns_root_gid = make_kgid(n.user_ns(), 0);
  if (uid_valid(ns_root_uid)) uid = ns_root_uid;
  if (gid_valid(ns_root_gid)) gid = ns_root_gid;
}

// ---- references ------------------------------------------------------------

void net_active_policy::last_put(net* n) { n->kernel_->cleanup_work_.queue(n); }  // __put_net
void net_passive_policy::get(net* n) { n->passive_.inc(); }
void net_passive_policy::put(net* n) { n->kernel_->net_free(n); }

// ---- cleanup ---------------------------------------------------------------

// One batch: every net queued by the time the worker ran.
void kernel::cleanup_net(net* kill_list) {
  std::vector<net*> exit_list;
  for (net* n = kill_list; n; n = n->cleanup_next_) exit_list.push_back(n);
  if (exit_list.empty()) return;

  {
    read_lock pernet(pernet_ops_rwsem_);
    {
      // Don't let anyone else find them.
      write_lock l(net_rwsem_);
      for (net* n : exit_list) {
        net_list_.del(n);
        n->in_cleanup_batch_ = true;
      }
    }
    // Each dying net's id goes from the tables of the nets that hold one
    // (RTM_DELNSID in each), then its own table goes; before any pre_exit.
    for (net* n : exit_list) {
      unhash_nsid(n);
      destroy_nsid_table(n);
    }

    for (std::size_t j = pernet_list_.size(); j-- > 0;) ops_pre_exit_list(pernet_list_[j], exit_list);
    // Readers may still be walking the list onto these nets, and pre_exit
    // methods expect their effects to be seen before exit runs.
    rcu::synchronize();
    for (std::size_t j = pernet_list_.size(); j-- > 0;) ops_exit_list(pernet_list_[j], exit_list);
    for (std::size_t j = pernet_list_.size(); j-- > 0;) ops_free_list(pernet_list_[j], exit_list);
  }
  // No RCU callback queued by an exit method may still use the nets.
  rcu::barrier();

  stats_.cleanup_batches.fetch_add(1, std::memory_order_relaxed);
  stats_.nets_cleaned_up.fetch_add(exit_list.size(), std::memory_order_relaxed);
  for (net* n : exit_list) {
    if (n->ucounts_) dec_ucount(n->ucounts_, ucount_type::net_namespaces);
    user_ns_policy::put(n->user_ns_);
    net_free(n);
  }
}

void kernel::settle() { cleanup_work_.settle(); }

void kernel::net_ns_barrier() { write_lock l(pernet_ops_rwsem_); }
void net_ns_barrier(kernel& k) { k.net_ns_barrier(); }

std::size_t kernel::net_count() {
  read_lock l(net_rwsem_);
  return net_list_.size();
}

// ---- the network namespace type (netns_operations) ---------------------------------

namespace {

ns_common* netns_get(const task_ns_view& task) {
  net* n = task.get_net_ns().release();
  return n ? &n->ns() : nullptr;
}

void netns_hold(ns_common& ns) { net_active_policy::get(&to_net_ns(ns)); }
void netns_put(ns_common& ns) { net_active_policy::put(&to_net_ns(ns)); }

// Entering a net takes CAP_SYS_ADMIN over the user namespace that owns it
// and over the caller's own.
result<void> netns_install(nsset& set, ns_common& ns) {
  net& n = to_net_ns(ns);
  if (!nsset_capable(set, n.user_ns(), CAP_SYS_ADMIN) ||
      !nsset_capable(set, *set.creds().user_ns, CAP_SYS_ADMIN))
    return errc{EPERM};
  set.new_net = &n;
  return ok();
}

user_namespace* netns_owner(ns_common& ns) { return &to_net_ns(ns).user_ns(); }

}  // namespace

const ns_operations netns_operations{
    .name = "net",
    .type = CLONE_NEWNET,
    .get = netns_get,
    .hold = netns_hold,
    .put = netns_put,
    .install = netns_install,
    .owner = netns_owner,
    .get_parent = nullptr,  // not hierarchical: NS_GET_PARENT is EINVAL
};

}  // namespace netns
