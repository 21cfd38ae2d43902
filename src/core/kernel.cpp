// SPDX-License-Identifier: GPL-2.0-only
// Boot and teardown of a kernel world (net_ns_init, and its reverse).
#include "netns/core/kernel.hpp"

#include <cstdio>

#include "netns/base/rcu.hpp"
#include "netns/core/cgroup_namespace.hpp"
#include "netns/core/ipc_namespace.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/core/pid_namespace.hpp"
#include "netns/core/time_namespace.hpp"
#include "netns/core/uts_namespace.hpp"

namespace netns {

kernel::kernel(const kernel_config& cfg)
    : max_gen_ptrs_(INITIAL_NET_GEN_PTRS),
      cleanup_work_([this](net* kill_list) { cleanup_net(kill_list); }, cfg.cleanup_quiet,
                    cfg.cleanup_gather_max) {
  rcu::register_thread();
  generic_ids_.assign(MIN_PERNET_OPS_ID, true);  // ids below the first are never handed out

  // init_user_ns: identity maps over the whole 32-bit range, the sysctl limits.
  init_user_ns_ = new user_namespace(*this, nullptr, global_root_uid, global_root_gid);
  init_user_ns_->ns_.inum = PROC_USER_INIT_INO;
  init_user_ns_->ns_.ns_id = INIT_USER_NS_ID;
  const uid_gid_extent identity[] = {{0, 0, 4294967295U}};
  (void)init_user_ns_->set_uid_map(identity);
  (void)init_user_ns_->set_gid_map(identity);
  (void)init_user_ns_->set_ucount_max(ucount_type::net_namespaces, cfg.max_net_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::user_namespaces, cfg.max_user_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::uts_namespaces, cfg.max_uts_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::ipc_namespaces, cfg.max_ipc_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::mnt_namespaces, cfg.max_mnt_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::pid_namespaces, cfg.max_pid_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::cgroup_namespaces, cfg.max_cgroup_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::time_namespaces, cfg.max_time_namespaces);
  (void)init_user_ns_->set_ucount_max(ucount_type::inotify_instances, cfg.max_inotify_instances);
  (void)init_user_ns_->set_ucount_max(ucount_type::inotify_watches, cfg.max_inotify_watches);
  (void)init_user_ns_->set_ucount_max(ucount_type::fanotify_groups, cfg.max_fanotify_groups);
  (void)init_user_ns_->set_ucount_max(ucount_type::fanotify_marks, cfg.max_fanotify_marks);
  init_ucounts_ = ucounts_.get(*init_user_ns_, global_root_uid, faults_);
  // The other initial namespaces, with their fixed numbers and ids.
  init_uts_ns_ = uts_namespace::make_init(*init_user_ns_);
  init_ipc_ns_ = ipc_namespace::make_init(*init_user_ns_);
  init_pid_ns_ = pid_namespace::make_init(*init_user_ns_);
  init_cgroup_ns_ = cgroup_namespace::make_init(*init_user_ns_);
  init_time_ns_ = time_namespace::make_init(*init_user_ns_);
  stats_.user_ns_allocated.fetch_add(1, std::memory_order_relaxed);

  // init_net: set up with whatever is registered (nothing yet), like the
  // kernel's net_ns_init; built-in subsystems register afterwards and run
  // their init in it then.
  net* n = net_alloc();
  if (!n) {
    std::fprintf(stderr, "netns: cannot allocate the initial network namespace\n");
    std::abort();
  }
  n->is_init_ = true;
  n->ns_.inum = PROC_NET_INIT_INO;
  n->ns_.ns_id = INIT_NET_NS_ID;
  user_ns_policy::get(init_user_ns_);
  {
    write_lock l(pernet_ops_rwsem_);
    if (!setup_net(n, *init_user_ns_)) {
      std::fprintf(stderr, "netns: cannot set up the initial network namespace\n");
      std::abort();
    }
  }
  init_net_ = n;

  cleanup_work_.start();
}

kernel::~kernel() {
  settle();
  // The initial net goes the way of every other: queued, and cleaned up
  // by the settle() below.
  net_active_policy::put(init_net_);
  init_net_ = nullptr;
  settle();
  cleanup_work_.stop();
  rcu::barrier();  // deferred frees that still point into this kernel

  std::size_t live = 0;
  {
    read_lock l(net_rwsem_);
    live = net_list_.size();
  }
  if (live != 0)
    std::fprintf(stderr, "netns: kernel destroyed with %zu network namespaces still referenced\n",
                 live);

  for (owned_namespace* ns : std::initializer_list<owned_namespace*>{
           init_time_ns_, init_cgroup_ns_, init_pid_ns_, init_ipc_ns_, init_uts_ns_})
    ns->put();
  if (init_ucounts_) ucounts_.put(init_ucounts_);
  init_ucounts_ = nullptr;
  user_ns_policy::put(init_user_ns_);
  init_user_ns_ = nullptr;
  rcu::barrier();  // the records the last puts freed
}

}  // namespace netns
