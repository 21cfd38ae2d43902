// SPDX-License-Identifier: GPL-2.0-only
// A model world that outlives one program: `netns serve SOCKET` keeps it,
// and `netns exec --world SOCKET PROGRAM` runs PROGRAM served by it, so
// that `ip netns add red` in one exec and `ip netns list` in the next see
// the same namespaces.
//
// The program is still the child of the exec command, which starts it
// under the filter (its stdio, environment and exit status are the
// command's), then hands the filter's listener and a pidfd on it to the
// server over SOCKET (an AF_UNIX seqpacket socket, SCM_RIGHTS). The server
// answers with the program's model pid and serves it, with every other
// program of the world, in one thread, until its first process exits.
//
// Who may connect: the server's own uid, or anyone when it runs as root
// (it reads and writes the programs' memory, which needs that); others are
// refused with EACCES. The socket file's permissions say who can reach it.
//
// Example:
//   block_stop_signals();
//   machine m;
//   if (auto served = serve_world(m, "/tmp/w.sock", stderr); !served)   // until SIGINT, ...
//     return served.error();
//   // elsewhere:
//   exec_options opt;
//   opt.argv = {"ip", "netns", "add", "red"};
//   auto status = run_in_world("/tmp/w.sock", opt);
#pragma once

#include <cstdio>
#include <string>

#include "netns/base/result.hpp"
#include "netns/exec/supervisor.hpp"
#include "netns/machine/machine.hpp"

namespace netns {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, and so in the
// threads it starts from now on (a machine's cleanup worker): call it
// before making the machine that serve_world serves, or one of those
// threads takes the signal and the process dies without cleaning up.
void block_stop_signals();

// Serves programs from m at socket_path until SIGINT, SIGTERM or SIGHUP
// (taken through a signalfd; see block_stop_signals); `log` gets a
// line when it is ready ("serving ... at PATH") and one per refused client,
// or nullptr. A socket file left by a server that is gone is replaced; a
// live one is EADDRINUSE. On return the socket file is removed and the
// programs still running see ENOSYS from then on (as when a supervisor
// dies). The errno of what failed (bind, listen, signalfd).
result<void> serve_world(machine& m, const std::string& socket_path, std::FILE* log);

// Runs opt.argv under the world served at socket_path (opt.model_pid and
// opt.trace as for run_supervised; the trace lines come from the server,
// written to this process's stderr). The program's wait status, or the
// errno of what failed before it could start. *world_failed (if given)
// says whether that was the world's doing (ECONNREFUSED, ENOENT: no server
// there; EACCES: refused; ECONNRESET: it went away) rather than the
// program's (ENOENT: no such program).
result<int> run_in_world(const std::string& socket_path, const exec_options& opt,
                         bool* world_failed = nullptr);

}  // namespace netns
