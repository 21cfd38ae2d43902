// SPDX-License-Identifier: GPL-2.0-only
// pernet_operations on the kernel's side (net/core/net_namespace.c): the
// generic storage (net_generic arrays, net_assign_generic), the phases an
// op goes through in a net (ops_init, pre_exit, exit, free) and
// registration, which runs an op's init in every live net and undoes it on
// failure.
#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <new>
#include <string_view>

#include "netns/base/rcu.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/core/proc_fs.hpp"
#include "net_block.hpp"

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

void kernel::net_free_generic(net_generic_array* ng) {
  const std::size_t bytes = sizeof(net_generic_array) + (ng->len - MIN_PERNET_OPS_ID) * sizeof(std::atomic<void*>);
  ng->~net_generic_array();
  cache_deallocate_bytes(ng, bytes);
}

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
  // The array made with the net is part of the net's block: it goes with
  // the net (a grace period after the net is unlisted).
  if (old_ng == net_embedded_gen(n)) {
    stats_.generic_arrays_freed.fetch_add(1, std::memory_order_relaxed);
    return ok();
  }
  rcu::call(&old_ng->rcu, [](rcu::head* h) {
    auto* dead = reinterpret_cast<net_generic_array*>(h);  // rcu is the first member
    net_free_generic(dead);
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
  if (r) {
    if (!ops->proc_files_count) return r;  // most ops declare no /proc/net file
    r = proc_net_op_added(*ops, *n);
    if (r) return r;
    // The op's declared files could not join n's tree (a name taken by a
    // file some init made): its init is undone through every exit phase.
    // Not through ops_exit_list, whose removal of the op's files would
    // take the other file of that name.
    net* one[] = {n};
    if (ops->pre_exit) ops->pre_exit(*n);
    rcu::synchronize();
    if (ops->exit) ops->exit(*n);
    if (ops->exit_batch) ops->exit_batch(one);
  }
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
  // Per op, not per net: a batch holds thousands of nets, and most ops
  // have no files and no exit.
  const bool files = ops->proc_files_count != 0;
  if (files || ops->exit) {
    for (net* n : nets) {
      if (files) proc_net_op_removing(*ops, *n);
      if (ops->exit) ops->exit(*n);
    }
  }
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

// ---- pernet registration ---------------------------------------------------

// Two ops declaring the same /proc/net file would collide in every tree:
// refused at registration (EEXIST), as an init making it would have been,
// rather than at some later lookup.
bool kernel::proc_files_collide(const pernet_operations& ops) const NETNS_NO_THREAD_SAFETY_ANALYSIS {
  auto same = [](const proc_net_file& a, const proc_net_file& b) {
    return a.in_stat == b.in_stat && std::string_view(a.name) == b.name;
  };
  for (std::size_t i = 0; i < ops.proc_files_count; ++i) {
    const proc_net_file& f = ops.proc_files[i];
    for (std::size_t j = 0; j < i; ++j)
      if (same(f, ops.proc_files[j])) return true;
    for (const pernet_operations* other : pernet_list_)
      for (std::size_t j = 0; j < other->proc_files_count; ++j)
        if (same(f, other->proc_files[j])) return true;
  }
  return false;
}

void kernel::rebuild_setup_steps() {
  setup_steps_.clear();
  for (std::size_t i = 0; i < pernet_list_.size(); ++i) {
    const pernet_operations* ops = pernet_list_[i];
    const bool via_ops_init = (ops->id && ops->size) || ops->proc_files_count;
    if (via_ops_init || ops->init)
      setup_steps_.push_back({ops, static_cast<std::uint32_t>(i), via_ops_init});
  }
}

result<void> kernel::register_pernet_operations(std::size_t pos, pernet_operations& ops) {
  if (std::find(pernet_list_.begin(), pernet_list_.end(), &ops) != pernet_list_.end())
    return errc{EEXIST};
  if (proc_files_collide(ops)) return errc{EEXIST};
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

  result<void> status;  // ok until a step fails
  if (ops.init || (ops.id && ops.size) || ops.proc_files_count) {
    // The write lock keeps setup_net and cleanup_net out: the list is stable.
    // The op joins the list once its init ran everywhere, so a /proc/net
    // made meanwhile (by the init itself) does not count it as initialized.
    std::vector<net*> done;
    for (net* n : net_list_) {
      status = ops_init(&ops, n);
      if (!status) break;
      done.push_back(n);
    }
    if (!status) free_exit_list(&ops, done);
  }
  if (status) {
    pernet_list_.insert(pernet_list_.begin() + static_cast<std::ptrdiff_t>(pos), &ops);
    rebuild_setup_steps();
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
  rebuild_setup_steps();
  if (pos < first_device_) --first_device_;
  std::vector<net*> all(net_list_.begin(), net_list_.end());
  free_exit_list(&ops, all);
  rcu::barrier();
  if (ops.id) generic_ids_[*ops.id] = false;
}

result<void> kernel::register_pernet(pernet_operations& ops, bool device) {
  write_lock l(pernet_ops_rwsem_);
  std::size_t pos = device ? pernet_list_.size() : first_device_;
  auto r = register_pernet_operations(pos, ops);
  if (r && !device) ++first_device_;
  return r;
}

void kernel::unregister_pernet(pernet_operations& ops) {
  write_lock l(pernet_ops_rwsem_);
  unregister_pernet_operations(ops);
}

result<void> register_pernet_subsys(kernel& k, pernet_operations& ops) {
  return k.register_pernet(ops, false);
}
result<void> register_pernet_device(kernel& k, pernet_operations& ops) {
  return k.register_pernet(ops, true);
}
void unregister_pernet_subsys(kernel& k, pernet_operations& ops) { k.unregister_pernet(ops); }
void unregister_pernet_device(kernel& k, pernet_operations& ops) { k.unregister_pernet(ops); }

}  // namespace netns
