// SPDX-License-Identifier: GPL-2.0-only
// The RTM_*NSID protocol as typed calls, for embedders who do not want
// bytes. Each call builds the request the protocol would carry, runs it
// through the same handlers as a socket of `t` would (a private socket of
// the task's current namespace, with the task's credentials, NETLINK_EXT_ACK
// on), and returns the reply decoded: the same values and the same errors,
// the extack text in failure::message.
//
// Example:
//   #include "netns/machine/machine.hpp"
//   #include "netns/task/syscalls.hpp"
//   machine m;
//   task& t = m.init_task();
//   std::shared_ptr<task> c = *m.spawn(t);
//   if (auto r = sys_unshare(*c, CLONE_NEWNET); !r) return r;   // c: in a net of its own
//   nsid_peer peer = peer_pid(c->pid());            // or peer_fd(fd): an open ns file
//   if (auto r = rtnl_newnsid(t, peer, 5); !r) return r;       // ip netns set NAME 5
//   int id = rtnl_getnsid(t, peer)->nsid;           // 5 (-1: no id)
//   std::vector<int> ids;
//   for (const nsid_reply& e : *rtnl_dumpnsid(t)) ids.push_back(e.nsid);   // ip netns list-id
//
// Cost: one request and its reply in memory; no fd is used.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "netns/base/result.hpp"
#include "netns/task/task.hpp"

namespace netns {

// How a request names a namespace: NETNSA_PID, NETNSA_FD or NETNSA_NSID.
struct nsid_peer {
  enum kind_t { pid, fd, nsid } kind;
  std::int64_t value;
};
inline nsid_peer peer_pid(int p) { return {nsid_peer::pid, p}; }
inline nsid_peer peer_fd(int f) { return {nsid_peer::fd, f}; }
inline nsid_peer peer_nsid(int id) { return {nsid_peer::nsid, id}; }

// RTM_NEWNSID: give the peer (by pid or fd) the id `nsid` (< 0: the lowest
// free) in the task's namespace.
result<void> rtnl_newnsid(task& t, nsid_peer peer, int nsid);

struct nsid_reply {
  int nsid = -1;                     // NETNSA_NSID (-1: not assigned)
  std::optional<int> current_nsid;   // NETNSA_CURRENT_NSID, with a target
};
// RTM_GETNSID: the peer's id in the task's namespace, or in the namespace
// with id `target_nsid` there (then also the peer's id in the task's own).
result<nsid_reply> rtnl_getnsid(task& t, nsid_peer peer, std::optional<int> target_nsid = {});

// RTM_GETNSID dump: every id of the task's namespace, ascending; with a
// target (a strict request), the target's ids with CURRENT_NSID each.
result<std::vector<nsid_reply>> rtnl_dumpnsid(task& t, std::optional<int> target_nsid = {});

}  // namespace netns
