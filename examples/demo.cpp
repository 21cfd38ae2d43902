// SPDX-License-Identifier: GPL-2.0-only
// netns-demo: the namespace core at work, narrated.
//
// Boots a kernel with the built-in subsystems, registers a subsystem of its
// own (a pernet counter with generic data), creates namespaces and names
// them (a name pins a namespace the way a bind mount under /run/netns does),
// hits the max_net_namespaces limit in a child user namespace, and drops the
// namespaces to watch the batched cleanup run every exit method.
#include <cstdio>
#include <map>
#include <mutex>
#include <string>

#include "netns/core/cred.hpp"
#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/subsys/builtin.hpp"

using namespace netns;

namespace {

// The demo's own subsystem: per-net state in generic storage.
struct packet_counter {
  unsigned long packets;
};

std::mutex print_lock;  // exits run on the cleanup worker thread
#define SAY(...)                            \
  do {                                      \
    std::lock_guard say_lock(print_lock);   \
    std::printf(__VA_ARGS__);               \
    std::fflush(stdout);                    \
  } while (0)

const char* lo_summary(net& n) {
  static thread_local char buf[96];
  lock_guard rtnl(n.owner_kernel().rtnl());
  net_device* lo = dev_get_by_name(n, "lo");
  std::snprintf(buf, sizeof buf, "%s ifindex %d mtu %u %s", lo ? "lo" : "(none)",
                lo ? lo->ifindex : 0, lo ? lo->mtu : 0,
                lo && (lo->flags & IFF_UP) ? "UP" : "DOWN");
  return buf;
}

}  // namespace

int main() {
  auto k = boot();
  net& init = k->init_net();
  SAY("boot: init_net net:[%u] id %llu, init_user_ns user:[%u]; %s; somaxconn %d\n", init.inum(),
      static_cast<unsigned long long>(init.ns_id()), k->init_user_ns().inum(), lo_summary(init),
      init.core.sysctl_somaxconn);

  unsigned counter_id = 0;
  pernet_operations counter{
      .name = "packet_counter",
      .init =
          [&](net& n) -> result<void> {
            net_generic<packet_counter>(n, counter_id)->packets = 0;
            SAY("  packet_counter: init in net:[%u]\n", n.inum());
            return ok();
          },
      .pre_exit = [](net& n) { SAY("  packet_counter: pre_exit net:[%u]\n", n.inum()); },
      .exit =
          [&](net& n) {
            SAY("  packet_counter: exit net:[%u] after %lu packets\n", n.inum(),
                net_generic<packet_counter>(n, counter_id)->packets);
          },
      .exit_batch =
          [](std::span<net* const> nets) {
            SAY("  packet_counter: exit_batch with %zu namespace(s)\n", nets.size());
          },
      .id = &counter_id,
      .size = sizeof(packet_counter),
  };
  SAY("\nregister_pernet_subsys(packet_counter): runs init in every existing namespace\n");
  if (!register_pernet_subsys(*k, counter)) return 1;
  SAY("  generic id %u\n", counter_id);

  // Named namespaces: what `ip netns add NAME` leaves behind is a bind mount
  // holding a reference; here a map of names to references plays that part.
  std::map<std::string, net_ref> named;
  SAY("\ncreate and name red, blue:\n");
  for (const char* name : {"red", "blue"}) {
    auto r = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), init, global_root_uid);
    if (!r) return 1;
    net& n = **r;
    net_generic<packet_counter>(n, counter_id)->packets = std::string(name).size() * 100;
    SAY("  %s = net:[%u] id %llu; %s; somaxconn %d\n", name, n.inum(),
        static_cast<unsigned long long>(n.ns_id()), lo_summary(n), n.core.sysctl_somaxconn);
    named.emplace(name, std::move(*r));
  }
  SAY("  namespaces on the list: %zu\n", k->net_count());

  SAY("\na child user namespace (owner uid 1000) with max_net_namespaces = 2:\n");
  cred c = cred::root(k->init_user_ns());
  c.uid = c.euid = c.suid = c.fsuid = kuid{1000};
  if (!create_user_ns(c)) return 1;
  user_namespace& child = *c.user_ns;
  SAY("  user:[%u], level %d, owner %u\n", child.inum(), child.level(), child.owner().val);
  (void)child.set_ucount_max(ucount_type::net_namespaces, 2);
  std::map<int, net_ref> sandboxes;
  for (int i = 1; i <= 3; ++i) {
    auto r = copy_net_ns(CLONE_NEWNET, child, init, c.euid);
    if (r) {
      SAY("  sandbox %d: net:[%u], owned by user:[%u]\n", i, (*r)->inum(), (*r)->user_ns().inum());
      sandboxes.emplace(i, std::move(*r));
    } else {
      SAY("  sandbox %d: %s (the limit is 2)\n", i, errno_name(r.error().errnum()));
    }
  }

  SAY("\ndrop the sandboxes and blue: one cleanup batch runs every exit\n");
  sandboxes.clear();
  named.erase("blue");
  k->settle();
  SAY("  namespaces on the list: %zu; cleanup batches so far: %llu\n", k->net_count(),
      static_cast<unsigned long long>(k->stats().cleanup_batches.load()));

  SAY("\nthe freed inode numbers are handed out again, lowest first:\n");
  auto again = copy_net_ns(CLONE_NEWNET, k->init_user_ns(), init, global_root_uid);
  if (!again) return 1;
  SAY("  new namespace: net:[%u]\n", (*again)->inum());
  again->reset();
  k->settle();

  SAY("\nunregister_pernet_subsys(packet_counter): exits in every namespace left\n");
  unregister_pernet_subsys(*k, counter);
  named.clear();
  c = cred();
  k->settle();
  SAY("\ndone: %llu namespaces created, %llu cleaned up, %llu freed\n",
      static_cast<unsigned long long>(k->stats().nets_allocated.load()),
      static_cast<unsigned long long>(k->stats().nets_cleaned_up.load()),
      static_cast<unsigned long long>(k->stats().nets_freed.load()));
  return 0;
}
