// SPDX-License-Identifier: GPL-2.0-only
#include <cstdio>
#include <cstdlib>

#include "netns/subsys/builtin.hpp"

namespace netns {

result<void> register_builtin_subsystems(kernel& k) {
  struct step {
    pernet_operations& ops;
    bool device;
  };
  const step steps[] = {
      {netns_inum_ops(), false},
      {proc_net_ops(), false},
      {net_defaults_ops(), false},
      {dev_proc_ops(), false},
      {loopback_net_ops(), true},
      {default_device_ops(), true},
  };
  std::size_t done = 0;
  result<void> status;  // ok until a step fails
  for (const step& s : steps) {
    status = s.device ? register_pernet_device(k, s.ops) : register_pernet_subsys(k, s.ops);
    if (!status) break;
    ++done;
  }
  if (status) return ok();
  while (done-- > 0) {
    const step& s = steps[done];
    if (s.device)
      unregister_pernet_device(k, s.ops);
    else
      unregister_pernet_subsys(k, s.ops);
  }
  return status;
}

std::unique_ptr<kernel> boot(const kernel_config& cfg) {
  auto k = std::make_unique<kernel>(cfg);
  if (auto r = register_builtin_subsystems(*k); !r) {
    std::fprintf(stderr, "netns: cannot register the built-in subsystems: %s\n",
                 errno_name(r.error().errnum()));
    std::abort();
  }
  return k;
}

}  // namespace netns
