// SPDX-License-Identifier: GPL-2.0-only
// /proc/sys: the sysctls the model has (fs/proc/proc_sysctl.c,
// kernel/sysctl.c, net/sysctl_net.c, kernel/ucount.c).
//
//   /proc/sys/net/core/somaxconn        the reader's net namespace
//   /proc/sys/user/max_*_namespaces     the reader's user namespace
//
// Which table a path shows is decided at lookup, from the reader's task: an
// fd keeps the namespace it was opened in. Permissions are sysctl's own, not
// generic_permission: the table's mode, widened for the net's administrator
// (CAP_NET_ADMIN) or, for user limits, narrowed to read-only without
// CAP_SYS_RESOURCE, then tested against the euid alone (root's bits for
// kernel uid 0, group bits for gid 0, else other bits).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <functional>

#include "netns/base/scope_exit.hpp"
#include "netns/base/thread_annotations.hpp"
#include "netns/task/pid_table.hpp"
#include "procfs_internal.hpp"
#include "sysctl_files.hpp"

namespace netns::fs::procfs_detail {

namespace {
// ---- the tables ------------------------------------------------------------------------

// The reader's task state, as `current` would give it.
net_ref reader_net(pid_table& m, const access_ctx& ctx) {
  if (ctx.pid)
    if (auto t = m.find_task(ctx.pid)) return t->net_ns();
  return m.k().init_net().get();
}
user_ns_ref reader_user_ns(pid_table& m, const access_ctx& ctx) {
  if (ctx.creds) return ctx.creds->user_ns.clone();
  return user_ns_ref::acquire(&m.k().init_user_ns());
}

// net_ctl_set_ownership: the net's root when it maps, else the global root.
owner_ids net_sysctl_owner(const net& n) {
  owner_ids o;
  net_ns_get_ownership(n, o.uid, o.gid);
  return o;
}

result<inode_ptr> net_core_entry(net& n, std::string_view name) {
  if (name != "somaxconn") return errc{ENOENT};
  if (!n.sysctl_core_table.enter()) return errc{ENOENT};
  n.sysctl_core_table.leave();
  net* np = &n;
  // The entry keeps the net's memory (a passive reference), not the net:
  // like an open sysctl file on Linux, it does not keep the namespace alive.
  auto keep = std::make_shared<net_passive_ref>(np->get_passive());
  auto ctl = std::make_shared<int_ctl>(int_ctl{
      .ino = SYSCTL_INO_BASE + 0x100 + np->inum() % 0x10000 * 16,
      .mode = 0644,
      .owner = net_sysctl_owner(*np),
      .lo = 0,
      .hi = INT_MAX,
      .no_sign = false,
      .enter = [np, keep] { return np->sysctl_core_table.enter(); },
      .leave = [np] { np->sysctl_core_table.leave(); },
      .get = [np] { return long(std::atomic_ref<int>(np->core.sysctl_somaxconn).load()); },
      .set = [np](long v) { std::atomic_ref<int>(np->core.sysctl_somaxconn).store(int(v)); },
      // net_ctl_permissions: the net's administrator gets the owner's bits.
      .effective_mode =
          [np](const access_ctx& ctx) -> std::uint32_t {
            if (!ctx.creds || ns_capable(*ctx.creds, np->user_ns(), CAP_NET_ADMIN))
              return replicate_owner_bits(0644);
            return 0644;
          },
  });
  return make_int_ctl(std::move(ctl));
}

// /proc/sys/user's entries, in the kernel's table order (enum ucount_type).
constexpr std::pair<std::string_view, ucount_type> user_entries[] = {
    {"max_user_namespaces", ucount_type::user_namespaces},
    {"max_pid_namespaces", ucount_type::pid_namespaces},
    {"max_uts_namespaces", ucount_type::uts_namespaces},
    {"max_ipc_namespaces", ucount_type::ipc_namespaces},
    {"max_net_namespaces", ucount_type::net_namespaces},
    {"max_mnt_namespaces", ucount_type::mnt_namespaces},
    {"max_cgroup_namespaces", ucount_type::cgroup_namespaces},
    {"max_time_namespaces", ucount_type::time_namespaces},
    {"max_inotify_instances", ucount_type::inotify_instances},
    {"max_inotify_watches", ucount_type::inotify_watches},
    {"max_fanotify_groups", ucount_type::fanotify_groups},
    {"max_fanotify_marks", ucount_type::fanotify_marks},
};

std::vector<std::string> user_entry_names() {
  std::vector<std::string> names;
  for (const auto& [name, type] : user_entries) names.emplace_back(name);
  return names;
}

result<inode_ptr> user_entry(user_ns_ref ns, std::string_view name) {
  const auto* found = std::find_if(std::begin(user_entries), std::end(user_entries),
                                   [&](const auto& e) { return e.first == name; });
  if (found == std::end(user_entries)) return errc{ENOENT};
  const ucount_type type = found->second;
  user_namespace* nsp = ns.get();
  auto keep = std::make_shared<user_ns_ref>(std::move(ns));
  auto ctl = std::make_shared<int_ctl>(int_ctl{
      .ino = SYSCTL_INO_BASE + 0x200 + static_cast<std::uint64_t>(type),
      .mode = 0644,
      .owner = {global_root_uid, global_root_gid},
      .lo = 0,
      .hi = INT_MAX,
      .no_sign = true,
      .enter = [keep] { return true; },
      .leave = [] {},
      .get = [nsp, type] { return nsp->ucount_max(type); },
      .set = [nsp, type](long v) { (void)nsp->set_ucount_max(type, v); },
      // set_permissions: CAP_SYS_RESOURCE over the namespace gives the
      // owner's bits to all; everyone else may only read.
      .effective_mode =
          [nsp](const access_ctx& ctx) -> std::uint32_t {
            if (!ctx.creds || ns_capable(*ctx.creds, *nsp, CAP_SYS_RESOURCE))
              return replicate_owner_bits(0644);
            return 0444;
          },
  });
  return make_int_ctl(std::move(ctl));
}

// /proc/sys/net/core exists only in each net's own table set: looking it up
// finds the reader's net's, and the directory stays with that net (an open
// fd on it reads that net's entries, and ENOENT once the net's tables are
// gone), where /proc/sys/net, from the default set, follows the reader
// (probed).
inode_ptr net_core_dir(std::shared_ptr<sysctl_dentries> cache, net& n) {
  net* np = &n;
  auto keep = std::make_shared<net_passive_ref>(np->get_passive());
  return std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 3, [np, keep](const access_ctx&) { return net_sysctl_owner(*np); },
      std::vector<std::string>{"somaxconn"},
      [np, keep, cache](const access_ctx&, std::string_view name) {
        return cache->get(np, name, [&] { return net_core_entry(*np, name); });
      },
      [np, keep] {
        if (!np->sysctl_core_table.enter()) return false;
        np->sysctl_core_table.leave();
        return true;
      });
}

owner_ids global_root_owner(const access_ctx&) { return {global_root_uid, global_root_gid}; }

}  // namespace

inode_ptr make_sys_dir(pid_table& m) {
  pid_table* mp = &m;
  auto cache = std::make_shared<sysctl_dentries>();
  auto net_owner = [mp](const access_ctx& ctx) { return net_sysctl_owner(*reader_net(*mp, ctx)); };
  auto netdir = std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 2, net_owner, std::vector<std::string>{"core"},
      [mp, cache](const access_ctx& ctx, std::string_view name) -> result<inode_ptr> {
        if (name != "core") return errc{ENOENT};
        net_ref n = reader_net(*mp, ctx);
        if (!n->sysctl_core_table.enter()) return errc{ENOENT};
        n->sysctl_core_table.leave();
        net* np = n.get();
        return cache->get(np, "core", [&]() -> result<inode_ptr> { return net_core_dir(cache, *np); });
      });
  auto user = std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 4, global_root_owner,
      user_entry_names(),
      [mp, cache](const access_ctx& ctx, std::string_view name) {
        user_ns_ref ns = reader_user_ns(*mp, ctx);
        const void* key = ns.get();
        return cache->get(key, name, [&] { return user_entry(std::move(ns), name); });
      });
  inode_ptr kernel = make_kernel_sysctl_dir(m, cache);
  inode_ptr fs = make_fs_sysctl_dir(m, cache);
  return std::make_shared<ctl_dir>(
      SYSCTL_INO_BASE + 1, global_root_owner, std::vector<std::string>{"fs", "kernel", "net", "user"},
      [netdir, user, kernel, fs](const access_ctx&, std::string_view name) -> result<inode_ptr> {
        if (name == "fs") return fs;
        if (name == "kernel") return kernel;
        if (name == "net") return inode_ptr(netdir);
        if (name == "user") return inode_ptr(user);
        return errc{ENOENT};
      });
}

}  // namespace netns::fs::procfs_detail
