// SPDX-License-Identifier: GPL-2.0-only
// net_ns_ops: gives each namespace its inode number at init and returns it
// at exit, so a number is reused only after the namespace is cleaned up.
#include "netns/core/proc_inum.hpp"
#include "netns/subsys/builtin.hpp"

namespace netns {

pernet_operations& netns_inum_ops() {
  static pernet_operations ops{
      .name = "netns_inum",
      .init = [](net& n) { return ns_alloc_inum(n); },
      .exit = [](net& n) { ns_free_inum(n); },
  };
  return ops;
}

}  // namespace netns
