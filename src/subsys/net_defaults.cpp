// SPDX-License-Identifier: GPL-2.0-only
// net_defaults_ops: the core sysctls every namespace starts with.
#include "netns/subsys/builtin.hpp"

namespace netns {

pernet_operations& net_defaults_ops() {
  static pernet_operations ops{
      .name = "net_defaults",
      .init =
          [](net& n) -> result<void> {
            n.core.sysctl_somaxconn = DEFAULT_SOMAXCONN;
            n.core.sysctl_txrehash = TXREHASH_ENABLED;
            return ok();
          },
      // sysctl_core_net_exit: the net.core table goes; files opened on it
      // fail from now on.
      .exit = [](net& n) { n.sysctl_core_table.kill(); },
  };
  return ops;
}

}  // namespace netns
