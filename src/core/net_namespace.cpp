// SPDX-License-Identifier: GPL-2.0-only
// The namespace lifecycle: allocation, setup_net with rollback, references,
// and the batched cleanup worker (net/core/net_namespace.c).
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

namespace netns {

// ---- generic storage -------------------------------------------------------

net_generic_array* kernel::net_alloc_generic() {
  if (faults_.should_fail(fault_point::net_generic_alloc)) return nullptr;
  unsigned len = max_gen_ptrs_.load(std::memory_order_relaxed);
  std::size_t bytes = sizeof(net_generic_array) + (len - MIN_PERNET_OPS_ID) * sizeof(std::atomic<void*>);
  void* mem = cache_allocate_bytes(bytes);  // made and freed with every namespace
  auto* ng = new (mem) net_generic_array{};
  ng->len = len;
  for (unsigned i = 0; i < len - MIN_PERNET_OPS_ID; ++i) new (&ng->slots()[i]) std::atomic<void*>(nullptr);
  stats_.generic_arrays_allocated.fetch_add(1, std::memory_order_relaxed);
  return ng;
}

namespace {
void free_generic_array(net_generic_array* ng) {
  const std::size_t bytes = sizeof(net_generic_array) + (ng->len - MIN_PERNET_OPS_ID) * sizeof(std::atomic<void*>);
  ng->~net_generic_array();
  cache_deallocate_bytes(ng, bytes);
}
}  // namespace

result<void> kernel::net_assign_generic(net* n, unsigned id, void* data) {
  assert(id >= MIN_PERNET_OPS_ID);
  net_generic_array* old_ng = rcu::dereference(n->gen_);
  if (old_ng->len > id) {
    old_ng->slot(id).store(data, std::memory_order_release);
    return ok();
  }
  net_generic_array* ng = net_alloc_generic();
  if (!ng) return errc{ENOMEM};
  // Readers look at slots under RCU and a set slot never changes while the
  // net lives, so a copy published whole is all they need; the old array is
  // freed once no reader can still be looking at it.
  for (unsigned i = MIN_PERNET_OPS_ID; i < old_ng->len; ++i)
    ng->slot(i).store(old_ng->slot(i).load(std::memory_order_relaxed), std::memory_order_relaxed);
  ng->slot(id).store(data, std::memory_order_relaxed);
  rcu::assign_pointer(n->gen_, ng);
  rcu::call(&old_ng->rcu, [](rcu::head* h) {
    auto* dead = reinterpret_cast<net_generic_array*>(h);  // rcu is the first member
    free_generic_array(dead);
  });
  // Counted when handed to RCU; it is really gone after the next barrier.
  stats_.generic_arrays_freed.fetch_add(1, std::memory_order_relaxed);
  return ok();
}

// ---- pernet op phases ------------------------------------------------------

result<void> kernel::ops_init(const pernet_operations* ops, net* n) {
  void* data = nullptr;
  if (ops->id && ops->size) {
    if (faults_.should_fail(fault_point::pernet_data_alloc)) return errc{ENOMEM};
    data = std::calloc(1, ops->size);
    if (!data) return errc{ENOMEM};
    stats_.generic_data_allocated.fetch_add(1, std::memory_order_relaxed);
    if (auto r = net_assign_generic(n, *ops->id, data); !r) {
      std::free(data);
      stats_.generic_data_freed.fetch_add(1, std::memory_order_relaxed);
      return r;
    }
  }
  result<void> r = ops->init ? ops->init(*n) : ok();
  if (r) return r;
  if (data) {
    rcu::dereference(n->gen_)->slot(*ops->id).store(nullptr, std::memory_order_relaxed);
    std::free(data);
    stats_.generic_data_freed.fetch_add(1, std::memory_order_relaxed);
  }
  return r;
}

void kernel::ops_pre_exit_list(const pernet_operations* ops, std::span<net* const> nets) {
  if (ops->pre_exit)
    for (net* n : nets) ops->pre_exit(*n);
}

void kernel::ops_exit_list(const pernet_operations* ops, std::span<net* const> nets) {
  if (ops->exit)
    for (net* n : nets) ops->exit(*n);
  if (ops->exit_batch) ops->exit_batch(nets);
}

void kernel::ops_free_list(const pernet_operations* ops, std::span<net* const> nets) {
  if (!(ops->id && ops->size)) return;
  for (net* n : nets) {
    std::atomic<void*>& slot = rcu::dereference(n->gen_)->slot(*ops->id);
    if (void* data = slot.exchange(nullptr, std::memory_order_relaxed)) {
      std::free(data);
      stats_.generic_data_freed.fetch_add(1, std::memory_order_relaxed);
    }
  }
}

void kernel::free_exit_list(const pernet_operations* ops, std::span<net* const> nets) {
  ops_pre_exit_list(ops, nets);
  rcu::synchronize();
  ops_exit_list(ops, nets);
  ops_free_list(ops, nets);
}

// ---- allocation and setup --------------------------------------------------

net* kernel::net_alloc() {
  net_generic_array* ng = net_alloc_generic();
  if (!ng) return nullptr;
  net* n = faults_.should_fail(fault_point::net_alloc) ? nullptr : new (std::nothrow) net(*this);
  if (!n) {
    free_generic_array(ng);
    stats_.generic_arrays_freed.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  rcu::assign_pointer(n->gen_, ng);
  stats_.nets_allocated.fetch_add(1, std::memory_order_relaxed);
  return n;
}

void kernel::net_free(net* n) {
  if (!n->passive_.dec_and_test()) return;
  // No reader can reach the net any more: it left the list a grace period
  // ago (or never joined it), so its array goes right away.
  free_generic_array(n->gen_.load(std::memory_order_relaxed));
  stats_.generic_arrays_freed.fetch_add(1, std::memory_order_relaxed);
  delete n;
  stats_.nets_freed.fetch_add(1, std::memory_order_relaxed);
}

result<void> kernel::setup_net(net* n, user_namespace& user_ns) {
  n->count_.set(1);
  n->passive_.set(1);
  if (n->ns_.ns_id == 0) n->ns_.ns_id = next_ns_id();
  n->user_ns_ = &user_ns;

  std::size_t i = 0;
  result<void> status;  // ok until a step fails
  for (; i < pernet_list_.size(); ++i) {
    status = ops_init(pernet_list_[i], n);
    if (!status) break;
  }
  if (status) {
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
  const kuid ns_root_uid = make_kuid(n.user_ns(), 0);
  const kgid ns_root_gid = make_kgid(n.user_ns(), 0);
  if (uid_valid(ns_root_uid)) uid = ns_root_uid;
  if (gid_valid(ns_root_gid)) gid = ns_root_gid;
}

// ---- references ------------------------------------------------------------

void net_active_policy::last_put(net* n) { n->kernel_->queue_cleanup(n); }
void net_passive_policy::get(net* n) { n->passive_.inc(); }
void net_passive_policy::put(net* n) { n->kernel_->net_free(n); }

// ---- cleanup ---------------------------------------------------------------

// __put_net: push onto the cleanup list; only the push that found the list
// empty queues the work, and the worker then takes everything pushed by then.
void kernel::queue_cleanup(net* n) {
  net* head = cleanup_list_.load(std::memory_order_relaxed);
  do {
    n->cleanup_next_ = head;
  } while (!cleanup_list_.compare_exchange_weak(head, n, std::memory_order_release,
                                                std::memory_order_relaxed));
  if (head != nullptr) return;
  {
    lock_guard l(worker_mutex_);
    work_queued_ = true;
  }
  // Signalled after the unlock: a worker woken onto this CPU would
  // otherwise preempt us and then sleep on the mutex we still hold.
  worker_cv_.notify_one();
}

void kernel::cleanup_worker() {
  unique_lock l(worker_mutex_);
  for (;;) {
    worker_cv_.wait(l.native(),
                    [&]() NETNS_REQUIRES(worker_mutex_) { return work_queued_ || stopping_; });
    if (!work_queued_) return;  // stopping, nothing left
    work_queued_ = false;
    work_running_ = true;
    gather_cleanup(l);
    l.unlock();
    cleanup_net();
    l.lock();
    work_running_ = false;
    if (!work_queued_) {
      hurry_ = false;
      idle_cv_.notify_all();
    }
  }
}

// Waits (worker_mutex_ held) while namespaces keep arriving on the list:
// see kernel_config::cleanup_quiet.
void kernel::gather_cleanup(unique_lock& l) {
  const auto quiet = cfg_.cleanup_quiet;
  if (quiet.count() <= 0) return;
  const auto deadline = std::chrono::steady_clock::now() + cfg_.cleanup_gather_max;
  net* seen = cleanup_list_.load(std::memory_order_relaxed);
  while (!hurry_ && !stopping_) {
    auto until = std::min(std::chrono::steady_clock::now() + quiet, deadline);
    if (worker_cv_.wait_until(l.native(), until,
                              [&]() NETNS_REQUIRES(worker_mutex_) { return hurry_ || stopping_; }))
      return;
    net* head = cleanup_list_.load(std::memory_order_relaxed);
    // The head changes only by a push: the worker alone takes the list.
    if (head == seen || std::chrono::steady_clock::now() >= deadline) return;
    seen = head;
  }
}

void kernel::cleanup_net() {
  net* kill_list = cleanup_list_.exchange(nullptr, std::memory_order_acquire);
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

void kernel::settle() {
  unique_lock l(worker_mutex_);
  if (work_queued_ || work_running_ || cleanup_list_.load(std::memory_order_acquire)) {
    hurry_ = true;  // cut the worker's gathering short
    worker_cv_.notify_one();
  }
  idle_cv_.wait(l.native(), [&]() NETNS_REQUIRES(worker_mutex_) {
    return !work_queued_ && !work_running_ &&
           cleanup_list_.load(std::memory_order_acquire) == nullptr;
  });
}

void net_ns_barrier(kernel& k) { write_lock l(k.pernet_ops_rwsem_); }

std::size_t kernel::net_count() {
  read_lock l(net_rwsem_);
  return net_list_.size();
}

// ---- pernet registration ---------------------------------------------------

result<void> kernel::register_pernet_operations(std::size_t pos, pernet_operations& ops) {
  if (std::find(pernet_list_.begin(), pernet_list_.end(), &ops) != pernet_list_.end())
    return errc{EEXIST};
  if (ops.id) {
    if (faults_.should_fail(fault_point::generic_id_alloc)) return errc{ENOMEM};
    unsigned id = MIN_PERNET_OPS_ID;
    while (id < generic_ids_.size() && generic_ids_[id]) ++id;
    if (id >= generic_ids_.size()) generic_ids_.resize(id + 1, false);
    generic_ids_[id] = true;
    *ops.id = id;
    if (max_gen_ptrs_.load(std::memory_order_relaxed) < id + 1)
      max_gen_ptrs_.store(id + 1, std::memory_order_relaxed);
  }

  pernet_list_.insert(pernet_list_.begin() + static_cast<std::ptrdiff_t>(pos), &ops);
  result<void> status;  // ok until a step fails
  if (ops.init || (ops.id && ops.size)) {
    // The write lock keeps setup_net and cleanup_net out: the list is stable.
    std::vector<net*> done;
    for (net* n : net_list_) {
      status = ops_init(&ops, n);
      if (!status) break;
      done.push_back(n);
    }
    if (!status) {
      pernet_list_.erase(pernet_list_.begin() + static_cast<std::ptrdiff_t>(pos));
      free_exit_list(&ops, done);
    }
  }
  if (!status) {
    rcu::barrier();
    if (ops.id) generic_ids_[*ops.id] = false;
  }
  return status;
}

void kernel::unregister_pernet_operations(pernet_operations& ops) {
  auto it = std::find(pernet_list_.begin(), pernet_list_.end(), &ops);
  if (it == pernet_list_.end()) return;
  auto pos = static_cast<std::size_t>(it - pernet_list_.begin());
  pernet_list_.erase(it);
  if (pos < first_device_) --first_device_;
  std::vector<net*> all(net_list_.begin(), net_list_.end());
  free_exit_list(&ops, all);
  rcu::barrier();
  if (ops.id) generic_ids_[*ops.id] = false;
}

struct pernet_registry_access {
  static result<void> register_ops(kernel& k, pernet_operations& ops, bool device) {
    write_lock l(k.pernet_ops_rwsem_);
    std::size_t pos = device ? k.pernet_list_.size() : k.first_device_;
    auto r = k.register_pernet_operations(pos, ops);
    if (r && !device) ++k.first_device_;
    return r;
  }
  static void unregister_ops(kernel& k, pernet_operations& ops) {
    write_lock l(k.pernet_ops_rwsem_);
    k.unregister_pernet_operations(ops);
  }
};

result<void> register_pernet_subsys(kernel& k, pernet_operations& ops) {
  return pernet_registry_access::register_ops(k, ops, false);
}
result<void> register_pernet_device(kernel& k, pernet_operations& ops) {
  return pernet_registry_access::register_ops(k, ops, true);
}
void unregister_pernet_subsys(kernel& k, pernet_operations& ops) {
  pernet_registry_access::unregister_ops(k, ops);
}
void unregister_pernet_device(kernel& k, pernet_operations& ops) {
  pernet_registry_access::unregister_ops(k, ops);
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
  if (!ns_capable(*set.current_cred, n.user_ns(), CAP_SYS_ADMIN) ||
      !ns_capable(set.creds(), *set.creds().user_ns, CAP_SYS_ADMIN))
    return errc{EPERM};
  set.new_net = n.get();
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
