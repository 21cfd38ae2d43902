// SPDX-License-Identifier: GPL-2.0-only
// proc_net_ops: every namespace's /proc/net tree (fs/proc/proc_net.c).
#include "netns/core/proc_fs.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

pernet_operations& proc_net_ops() {
  static pernet_operations ops{
      .name = "proc_net",
      .init =
          [](net& n) -> result<void> {
            // The root is owned by the root of the namespace's user
            // namespace (when that maps) before "stat" is made, so "stat"
            // and everything created later inherit that owner.
            pde_ptr root = proc_net_root_alloc(n);
            auto stat = proc_net_mkdir(n, "stat", root.get());
            if (!stat) {
              proc_net_root_free(n, std::move(root));
              return stat.error();
            }
            n.proc_net = root.get();
            n.proc_net_stat = *stat;
            n.proc_net_root = std::move(root);
            return ok();
          },
      .exit =
          [](net& n) {
            remove_proc_entry("stat", n.proc_net);
            proc_net_root_free(n, std::move(n.proc_net_root));
            n.proc_net = nullptr;
            n.proc_net_stat = nullptr;
          },
  };
  return ops;
}

}  // namespace netns
