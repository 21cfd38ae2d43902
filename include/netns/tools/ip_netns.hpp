// SPDX-License-Identifier: GPL-2.0-only
// `ip [-n NAME] [-j] netns ...` as iproute2 6.1 runs it, as a program over
// the model's system calls: a child task of the caller does what ip does
// (the run directory, the exclusively created file, unshare, the bind
// mount of /proc/self/ns/net, setns back; delete = lazy umount + unlink;
// ids over RTM_GETNSID/RTM_NEWNSID on a NETLINK_ROUTE socket; identify
// and pids by comparing namespace files), with ip's texts, JSON and exit
// statuses byte for byte.
//
// Example:
//   machine m;
//   ip_result r = run_ip(m, m.init_task(), {"netns", "add", "red"});
//   // r.out: the stdout lines; r.err: the stderr lines; r.status: the exit status
//
// Subcommands: add, attach, delete, list (also bare `netns`), list-id,
// set, identify, pids, help. No locking: runs on the caller's thread.
#pragma once

#include <string>
#include <vector>

#include "netns/machine/machine.hpp"

namespace netns::tools {

struct ip_result {
  std::vector<std::string> out;
  std::vector<std::string> err;
  int status = 0;
  int pid = 0;  // the ip process's own pid (it may show up in `pids`)
};

ip_result run_ip(machine& m, task& parent, const std::vector<std::string>& args);

}  // namespace netns::tools
