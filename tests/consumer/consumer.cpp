// SPDX-License-Identifier: GPL-2.0-only
// A program built against an installed netns, as an embedder would write
// it: a pernet subsystem with generic storage and a /proc/net file, a named
// namespace (as `ip netns add` makes one), and a peer nsid set and read.
// tests/install_check.sh builds it with find_package(netns) and with
// pkg-config, runs it, and compares its output with expected.txt.
#include <fcntl.h>
#include <sched.h>

#include <cstdio>
#include <string>

#include "netns/core/kernel.hpp"
#include "netns/core/net_generic.hpp"
#include "netns/core/proc_fs.hpp"
#include "netns/netlink/nsid_api.hpp"
#include "netns/machine/machine.hpp"
#include "netns/task/syscalls.hpp"

using namespace netns;

namespace {

struct packet_counter {
  int packets;
};
unsigned counter_id;

int show_counter(seq_file& m, void*) {
  m.printf("packets {}\n", net_generic<packet_counter>(m.net_ns(), counter_id)->packets);
  return 0;
}

pernet_operations counter_ops{
    .name = "packet_counter",
    .init = [](net& n) -> result<void> {
      net_generic<packet_counter>(n, counter_id)->packets = n.is_init() ? 1 : 7;
      auto e = proc_create_net_single("packet_counter", 0444, n.proc_net(), show_counter, nullptr);
      return e ? ok() : result<void>(e.error());
    },
    .exit = [](net& n) { remove_proc_entry("packet_counter", n.proc_net()); },
    .id = &counter_id,
    .size = sizeof(packet_counter),
};

std::string cat(task& t, const char* path) {
  auto fd = sys_open(t, path, O_RDONLY);
  if (!fd) return std::string("error ") + errno_name(fd.error().errnum());
  auto text = sys_read(t, *fd, 4096);
  (void)sys_close(t, *fd);
  return text ? *text : std::string("error ") + errno_name(text.error().errnum());
}

int fail(const char* what, const failure& f) {
  std::printf("%s: %s\n", what, errno_name(f.errnum()));
  return 1;
}

}  // namespace

int main() {
  machine m;
  if (auto r = register_pernet_subsys(m.k(), counter_ops); !r) return fail("register", r.error());
  task& init = m.init_task();
  std::printf("init: %s", cat(init, "/proc/net/packet_counter").c_str());

  // `ip netns add red`: a child unshares its net, and the namespace file is
  // bound onto /run/netns/red, which keeps it alive after the child exits.
  auto child = m.spawn(init);
  if (!child) return fail("spawn", child.error());
  if (auto r = sys_unshare(**child, CLONE_NEWNET); !r) return fail("unshare", r.error());
  auto made = sys_open(init, "/run/netns/red", O_RDONLY | O_CREAT | O_EXCL, 0);
  if (!made) return fail("create /run/netns/red", made.error());
  (void)sys_close(init, *made);
  const std::string ns_path = "/proc/" + std::to_string((*child)->pid()) + "/ns/net";
  if (auto r = sys_mount_bind(init, ns_path, "/run/netns/red"); !r) return fail("bind", r.error());
  (void)m.exit(**child);

  // `ip netns exec red cat /proc/net/packet_counter`: a task enters red.
  auto red = sys_open(init, "/run/netns/red", O_RDONLY);
  if (!red) return fail("open red", red.error());
  auto reader = m.spawn(init);  // its fd table is a copy: red's fd too
  if (!reader) return fail("spawn", reader.error());
  if (auto r = sys_setns(**reader, *red, CLONE_NEWNET); !r) return fail("setns", r.error());
  std::printf("red: %s", cat(**reader, "/proc/net/packet_counter").c_str());
  (void)m.exit(**reader);

  // The peer's id, set and read over rtnetlink (ip netns set red 5).
  if (auto r = rtnl_newnsid(init, peer_fd(*red), 5); !r) return fail("newnsid", r.error());
  auto id = rtnl_getnsid(init, peer_fd(*red));
  if (!id) return fail("getnsid", id.error());
  std::printf("nsid of red: %d\n", id->nsid);
  for (const nsid_reply& e : *rtnl_dumpnsid(init)) std::printf("dump: nsid %d\n", e.nsid);

  // Teardown: the fd and the mount were the last references.
  (void)sys_close(init, *red);
  if (auto r = sys_umount_detach(init, "/run/netns/red"); !r) return fail("umount", r.error());
  m.k().settle();
  std::printf("nets cleaned up: %llu\n",
              static_cast<unsigned long long>(m.k().stats().nets_cleaned_up.load()));
  unregister_pernet_subsys(m.k(), counter_ops);
  return 0;
}
