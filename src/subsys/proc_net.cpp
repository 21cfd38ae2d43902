// SPDX-License-Identifier: GPL-2.0-only
// proc_net_ops: every namespace's /proc/net tree (fs/proc/proc_net.c).
#include "netns/core/proc_fs.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

pernet_operations& proc_net_ops() {
  // The tree itself is made at first lookup (proc_fs.hpp), with the owner
  // the namespace has at this init.
  static pernet_operations ops{
      .name = "proc_net",
      .init =
          [](net& n) -> result<void> {
            proc_net_ns_init(n);
            return ok();
          },
      .exit = [](net& n) { proc_net_ns_exit(n); },
  };
  return ops;
}

}  // namespace netns
